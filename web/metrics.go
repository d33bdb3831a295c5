package web

import (
	"context"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/investnews/regionsearch/index"
	"github.com/investnews/regionsearch/internal/metrics"
)

// webMetrics are the metrics the web layer keeps. Their names start with
// regionsearch_ so that they sort together on a Prometheus server.
type webMetrics struct {
	reg      *metrics.Registry
	requests *metrics.Counter   // by method, route and status
	latency  *metrics.Histogram // by method, route and status
	inFlight *metrics.Gauge
	search   *metrics.Histogram // by outcome: ok or an error code
	errors   *metrics.Counter   // error responses by code
}

// sizer is implemented by a Searcher that can tell how many bytes its index
// takes on disk (*index.Index does).
type sizer interface {
	DiskSize() (int64, error)
}

// newWebMetrics registers the web layer's metrics in reg: requests,
// latencies, searches, errors, the documents in the index and, when the
// Searcher can tell, the index's size on disk.
func newWebMetrics(reg *metrics.Registry, s Searcher, version string) *webMetrics {
	m := &webMetrics{
		reg: reg,
		requests: reg.NewCounter("regionsearch_http_requests_total",
			"HTTP requests answered, by method, route and status.", "method", "route", "status"),
		latency: reg.NewHistogram("regionsearch_http_request_duration_seconds",
			"Time to answer an HTTP request, by method, route and status.", nil, "method", "route", "status"),
		inFlight: reg.NewGauge("regionsearch_http_requests_in_flight",
			"HTTP requests being answered."),
		search: reg.NewHistogram("regionsearch_search_duration_seconds",
			"Time the index took to run a search, by outcome (ok or an error code).", nil, "outcome"),
		errors: reg.NewCounter("regionsearch_errors_total",
			"Error responses, by error code (invalid, not_found, unavailable, internal).", "code"),
	}
	reg.NewGauge("regionsearch_build_info", "Always 1; the version label names the running build.", "version").Set(1, version)
	reg.NewGaugeFunc("regionsearch_index_documents", "Documents in the index.", func() (float64, error) {
		n, err := s.Count()
		return float64(n), err
	})
	if sz, ok := s.(sizer); ok {
		reg.NewGaugeFunc("regionsearch_index_size_bytes", "Bytes the index's files take on disk.", func() (float64, error) {
			n, err := sz.DiskSize()
			return float64(n), err
		})
	}
	return m
}

// unmatchedRoute labels requests that matched no route, so that scanners
// probing random paths cannot grow the number of series.
const unmatchedRoute = "unmatched"

// middleware counts every request and times it under its route pattern
// (/api/documents/:id, not the id itself).
func (m *webMetrics) middleware() gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		m.inFlight.Add(1)
		defer m.inFlight.Add(-1)
		c.Next()
		route := c.FullPath()
		if route == "" {
			route = unmatchedRoute
		}
		method := c.Request.Method
		switch method {
		case "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS":
		default:
			method = "other"
		}
		status := strconv.Itoa(c.Writer.Status())
		m.requests.Inc(method, route, status)
		m.latency.Observe(time.Since(start).Seconds(), method, route, status)
	}
}

// handleMetrics answers GET /metrics in the Prometheus text format.
func (s *Server) handleMetrics(c *gin.Context) {
	s.ops.metrics.reg.ServeHTTP(c.Writer, c.Request)
}

// timedSearcher is a Searcher that records how long each search takes. The
// handlers use it; optional interfaces (sizer, pinger) are asserted on the
// Searcher it wraps, which ops keeps.
type timedSearcher struct {
	Searcher
	h *metrics.Histogram
}

// Search runs the search and records its duration and outcome.
func (t timedSearcher) Search(ctx context.Context, q index.Query) (*index.Result, error) {
	start := time.Now()
	res, err := t.Searcher.Search(ctx, q)
	outcome := "ok"
	if err != nil {
		outcome = kindOf(err).String()
	}
	t.h.Observe(time.Since(start).Seconds(), outcome)
	return res, err
}
