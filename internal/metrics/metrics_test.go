package metrics

import (
	"errors"
	"math"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

func render(t *testing.T, r *Registry) string {
	t.Helper()
	var b strings.Builder
	if err := r.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestExposition(t *testing.T) {
	r := NewRegistry()
	c := r.NewCounter("http_requests_total", "Requests by route\nand status.", "route", "status")
	c.Inc("/api/search", "200")
	c.Inc("/api/search", "200")
	c.Add(3, `/a"b\c`, "500")
	c.Inc("too", "many", "values")  // dropped
	c.Add(-1, "/api/search", "200") // dropped
	g := r.NewGauge("queue_depth", "Queued items.")
	g.Set(5)
	g.Add(-2)
	r.NewGaugeFunc("index_documents", "Documents.", func() (float64, error) { return 42, nil })
	r.NewGaugeFunc("broken", "Fails.", func() (float64, error) { return 0, errors.New("no") })
	h := r.NewHistogram("latency_seconds", "Latency.", []float64{0.1, 1}, "route")
	h.Observe(0.05, "/")
	h.Observe(0.1, "/") // a bound is inclusive: le="0.1"
	h.Observe(3, "/")
	h.Observe(math.NaN(), "/")

	want := `# HELP http_requests_total Requests by route\nand status.
# TYPE http_requests_total counter
http_requests_total{route="/a\"b\\c",status="500"} 3
http_requests_total{route="/api/search",status="200"} 2
# HELP index_documents Documents.
# TYPE index_documents gauge
index_documents 42
# HELP latency_seconds Latency.
# TYPE latency_seconds histogram
latency_seconds_bucket{route="/",le="0.1"} 2
latency_seconds_bucket{route="/",le="1"} 2
latency_seconds_bucket{route="/",le="+Inf"} 3
latency_seconds_sum{route="/"} 3.15
latency_seconds_count{route="/"} 3
# HELP queue_depth Queued items.
# TYPE queue_depth gauge
queue_depth 3
`
	if got := render(t, r); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if v := c.Value("/api/search", "200"); v != 2 {
		t.Errorf("Value = %v", v)
	}
	if n := h.Count("/"); n != 3 {
		t.Errorf("Count = %d", n)
	}
}

func TestHandler(t *testing.T) {
	r := NewRegistry()
	r.NewCounter("x_total", "X.").Inc()
	rec := httptest.NewRecorder()
	r.ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if ct := rec.Header().Get("Content-Type"); ct != ContentType {
		t.Errorf("Content-Type %q", ct)
	}
	if !strings.Contains(rec.Body.String(), "x_total 1\n") {
		t.Errorf("body %q", rec.Body.String())
	}
}

func TestRegistrationPanics(t *testing.T) {
	for name, f := range map[string]func(r *Registry){
		"bad name":      func(r *Registry) { r.NewCounter("1abc", "") },
		"bad label":     func(r *Registry) { r.NewCounter("abc", "", "a-b") },
		"reserved le":   func(r *Registry) { r.NewHistogram("abc", "", nil, "le") },
		"repeated":      func(r *Registry) { r.NewCounter("abc", "", "a", "a") },
		"duplicate":     func(r *Registry) { r.NewCounter("abc", ""); r.NewGauge("abc", "") },
		"bad buckets":   func(r *Registry) { r.NewHistogram("abc", "", []float64{1, 1}) },
		"infinite edge": func(r *Registry) { r.NewHistogram("abc", "", []float64{math.Inf(1)}) },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			f(NewRegistry())
		})
	}
}

func TestConcurrent(t *testing.T) {
	r := NewRegistry()
	c := r.NewCounter("c_total", "", "k")
	h := r.NewHistogram("h_seconds", "", nil, "k")
	RegisterRuntime(r)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 1000; j++ {
				c.Inc("a")
				h.Observe(0.01, "a")
				if j%100 == 0 {
					_ = r.WriteText(&strings.Builder{})
				}
			}
		}()
	}
	wg.Wait()
	if v := c.Value("a"); v != 8000 {
		t.Errorf("counter %v", v)
	}
	if n := h.Count("a"); n != 8000 {
		t.Errorf("histogram count %d", n)
	}
	out := render(t, r)
	for _, want := range []string{"go_goroutines ", "process_resident_memory_bytes ", "h_seconds_bucket{k=\"a\",le=\"+Inf\"} 8000"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
}

func TestParseVmRSS(t *testing.T) {
	v, err := ParseVmRSS([]byte("Name:\tsearch\nVmPeak:\t  9000 kB\nVmRSS:\t  1234 kB\n"))
	if err != nil || v != 1234*1024 {
		t.Errorf("got %v, %v", v, err)
	}
	if _, err := ParseVmRSS([]byte("Name: x\n")); err == nil {
		t.Error("no error without VmRSS")
	}
}
