package web

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/investnews/regionsearch/internal/metrics"
)

// DefaultMaxBodyBytes is the largest request body the server reads when
// Options.MaxBodyBytes is zero.
const DefaultMaxBodyBytes = 1 << 20

// ops is the operational side of a Server: metrics, readiness, limits and
// the admin hooks. It lives apart from the handlers' fields so that
// operations code touches Server in one place.
type ops struct {
	backend    Searcher // the Searcher as given, for optional interfaces
	metrics    *webMetrics
	draining   atomic.Bool
	maxBody    int64
	backup     func(context.Context) (any, error)
	adminToken string
	ingest     IngestFunc // POST /api/admin/documents; nil when off
	ingestMu   sync.Mutex // one body is indexed at a time
}

// newOps builds the operational state from the options and wraps s so that
// searches are timed. It returns the Searcher the handlers should use.
func newOps(s Searcher, opts Options) (*ops, Searcher) {
	reg := opts.Metrics
	if reg == nil {
		reg = metrics.NewRegistry()
		metrics.RegisterRuntime(reg)
	}
	o := &ops{
		backend:    s,
		metrics:    newWebMetrics(reg, s, opts.Version),
		maxBody:    opts.MaxBodyBytes,
		backup:     opts.Backup,
		adminToken: opts.AdminToken,
		ingest:     opts.Ingest,
	}
	if o.maxBody <= 0 {
		o.maxBody = DefaultMaxBodyBytes
	}
	return o, timedSearcher{Searcher: s, h: o.metrics.search}
}

// Drain tells the server that it is shutting down: from now on
// GET /api/readyz answers 503, so that a load balancer stops sending it
// requests, while every other route goes on answering until the HTTP server
// is shut down.
func (s *Server) Drain() { s.ops.draining.Store(true) }
