package web

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/investnews/regionsearch/index"
	"github.com/investnews/regionsearch/internal/metrics"
)

// pingSearcher is a fakeSearcher that also pings and sizes, like
// *index.Index.
type pingSearcher struct {
	*fakeSearcher
	pingErr error
	pings   int
}

func (p *pingSearcher) Ping(ctx context.Context) error { p.pings++; return p.pingErr }
func (p *pingSearcher) DiskSize() (int64, error)       { return 12345, nil }

func newOpsServer(t *testing.T, s Searcher, opts Options) (*Server, http.Handler, *syncBuffer) {
	t.Helper()
	logs := &syncBuffer{}
	opts.Logger = slog.New(slog.NewTextHandler(logs, nil))
	opts.Version = "test"
	srv, err := New(s, opts)
	if err != nil {
		t.Fatal(err)
	}
	return srv, srv.Handler(), logs
}

func do(h http.Handler, method, target string, body string, headers ...string) *httptest.ResponseRecorder {
	var req *http.Request
	if body == "" {
		req = httptest.NewRequest(method, target, nil)
	} else {
		req = httptest.NewRequest(method, target, strings.NewReader(body))
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestReadyz(t *testing.T) {
	t.Run("pinger", func(t *testing.T) {
		p := &pingSearcher{fakeSearcher: &fakeSearcher{}}
		srv, h, _ := newOpsServer(t, p, Options{})
		if rec := get(t, h, "/api/readyz"); rec.Code != 200 || !strings.Contains(rec.Body.String(), `"ready"`) {
			t.Fatalf("readyz: %d %s", rec.Code, rec.Body)
		}
		if p.pings != 1 {
			t.Errorf("pings = %d, want 1", p.pings)
		}
		p.pingErr = errBoom
		rec := get(t, h, "/api/readyz")
		if rec.Code != 503 || strings.Contains(rec.Body.String(), "segment 7") {
			t.Errorf("failing index: %d %s", rec.Code, rec.Body)
		}
		p.pingErr = nil
		srv.Drain()
		if rec := get(t, h, "/api/readyz"); rec.Code != 503 || !strings.Contains(rec.Body.String(), "shutting down") {
			t.Errorf("draining readyz: %d %s", rec.Code, rec.Body)
		}
		if rec := get(t, h, "/api/healthz"); rec.Code != 200 {
			t.Errorf("draining healthz: %d, want 200: the process is alive", rec.Code)
		}
	})
	t.Run("search fallback", func(t *testing.T) {
		f := &fakeSearcher{}
		_, h, _ := newOpsServer(t, f, Options{})
		if rec := get(t, h, "/api/readyz"); rec.Code != 200 {
			t.Fatalf("readyz: %d %s", rec.Code, rec.Body)
		}
		if q := f.lastQuery(t); q.Size != 1 {
			t.Errorf("readiness search size %d", q.Size)
		}
		f.SearchFn = func(ctx context.Context, q index.Query) (*index.Result, error) {
			return nil, context.DeadlineExceeded
		}
		if rec := get(t, h, "/api/readyz"); rec.Code != 503 {
			t.Errorf("timed-out search: %d", rec.Code)
		}
	})
}

func TestMetricsEndpoint(t *testing.T) {
	p := &pingSearcher{fakeSearcher: &fakeSearcher{
		CountFn: func() (uint64, error) { return 77, nil },
		SearchFn: func(ctx context.Context, q index.Query) (*index.Result, error) {
			if q.Text == "boom" {
				return nil, errBoom
			}
			return sampleResult(), nil
		},
	}}
	reg := metrics.NewRegistry()
	reg.NewGaugeFunc("regionsearch_saved_searches", "Saved searches.", func() (float64, error) { return 3, nil })
	_, h, _ := newOpsServer(t, p, Options{Metrics: reg})
	get(t, h, "/api/search?q=a")
	get(t, h, "/api/search?q=b")
	get(t, h, "/api/search?q=boom")
	get(t, h, "/api/search?sort=sideways")
	get(t, h, "/api/documents/x1")
	get(t, h, "/no/such/page/42")
	rec := get(t, h, "/metrics")
	if rec.Code != 200 || rec.Header().Get("Content-Type") != metrics.ContentType {
		t.Fatalf("metrics: %d %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	body := rec.Body.String()
	for _, want := range []string{
		`regionsearch_http_requests_total{method="GET",route="/api/search",status="200"} 2`,
		`regionsearch_http_requests_total{method="GET",route="/api/search",status="500"} 1`,
		`regionsearch_http_requests_total{method="GET",route="/api/search",status="400"} 1`,
		`regionsearch_http_requests_total{method="GET",route="/api/documents/:id",status="404"} 1`,
		`regionsearch_http_requests_total{method="GET",route="unmatched",status="404"} 1`,
		`regionsearch_http_request_duration_seconds_count{method="GET",route="/api/search",status="200"} 2`,
		`regionsearch_search_duration_seconds_count{outcome="ok"} 2`,
		`regionsearch_search_duration_seconds_count{outcome="internal"} 1`,
		`regionsearch_errors_total{code="internal"} 1`,
		`regionsearch_errors_total{code="invalid"} 1`,
		`regionsearch_errors_total{code="not_found"} 2`,
		"regionsearch_index_documents 77\n",
		"regionsearch_index_size_bytes 12345\n",
		"regionsearch_saved_searches 3\n",
		`regionsearch_build_info{version="test"} 1`,
		"regionsearch_http_requests_in_flight 1\n", // this scrape
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if strings.Contains(body, "/no/such/page") {
		t.Error("an unmatched path became a label value")
	}
}

func TestSecurityHeaders(t *testing.T) {
	_, h, _ := newOpsServer(t, &fakeSearcher{}, Options{})
	for _, target := range []string{"/", "/api/search", "/api/healthz", "/static/app.js", "/documents/x", "/nope", "/metrics"} {
		rec := get(t, h, target)
		hd := rec.Header()
		csp := hd.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'none'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: CSP %q lacks %s", target, csp, want)
			}
		}
		if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
			t.Errorf("%s: CSP allows inline code: %q", target, csp)
		}
		for k, v := range map[string]string{
			"X-Content-Type-Options": "nosniff",
			"Referrer-Policy":        "same-origin",
			"X-Frame-Options":        "DENY",
		} {
			if got := hd.Get(k); got != v {
				t.Errorf("%s: %s = %q, want %q", target, k, got, v)
			}
		}
	}
}

// TestTemplatesHaveNoInlineCode keeps the CSP honest: a page with an inline
// script, style or event handler would break under it.
func TestTemplatesHaveNoInlineCode(t *testing.T) {
	entries, err := os.ReadDir("templates")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		raw, err := os.ReadFile("templates/" + e.Name())
		if err != nil {
			t.Fatal(err)
		}
		src := strings.ToLower(string(raw))
		for _, bad := range []string{"<script>", "<script type", "<style", " style=", " onclick=", " onload=", " onsubmit=", " onchange=", " oninput=", "javascript:"} {
			if strings.Contains(src, bad) {
				t.Errorf("templates/%s contains %q, which the Content-Security-Policy blocks", e.Name(), bad)
			}
		}
	}
}

// TestPathTraversal asks for files outside the assets through every route
// that takes a path or an id: none may answer with a file's contents.
func TestPathTraversal(t *testing.T) {
	var asked []string
	f := &fakeSearcher{DocumentFn: func(ctx context.Context, id string) (*index.Document, error) {
		asked = append(asked, id)
		return nil, index.ErrNotFound
	}}
	_, h, _ := newOpsServer(t, f, Options{})
	targets := []string{
		"/static/../../go.mod", "/static/..%2f..%2fgo.mod", "/static/%2e%2e/%2e%2e/go.mod",
		"/static/../server.go", "/static/..%5cserver.go", "/static/%2fetc%2fpasswd", "/static//etc/passwd",
		"/static/templates/layout.html", "/static/../templates/layout.html",
		"/documents/..%2f..%2fgo.mod", "/documents/%2e%2e%2fgo.mod",
		"/api/documents/..%2f..%2f..%2fetc%2fpasswd", "/api/documents/%2fetc%2fpasswd",
		"/../go.mod", "/%2e%2e/go.mod", "/api/documents/..", "/documents/%2e%2e", "/api/documents/go.mod",
	}
	for _, target := range targets {
		rec := get(t, h, target)
		body := rec.Body.String()
		if rec.Code == 200 || strings.Contains(body, "module github.com") || strings.Contains(body, "root:x:") ||
			strings.Contains(body, "package web") || strings.Contains(body, "{{define") {
			t.Errorf("%s: status %d, body %.120q", target, rec.Code, body)
		}
	}
	// An id is only ever a key looked up in the index, never a path.
	if len(asked) == 0 {
		t.Error("no document route reached the Searcher")
	}
}

func TestNoDirectoryListing(t *testing.T) {
	_, h, _ := newOpsServer(t, &fakeSearcher{}, Options{})
	for _, target := range []string{"/static/", "/static", "/static/.", "/api/", "/documents/"} {
		rec := get(t, h, target)
		if rec.Code == 200 || strings.Contains(rec.Body.String(), "app.js") && !strings.Contains(rec.Body.String(), "<script") {
			t.Errorf("%s: status %d, body %.200q", target, rec.Code, rec.Body.String())
		}
	}
}

func TestBodyLimit(t *testing.T) {
	_, h, _ := newOpsServer(t, &fakeSearcher{}, Options{MaxBodyBytes: 1024, AdminToken: "t0k", Backup: func(ctx context.Context) (any, error) {
		return map[string]string{"ok": "yes"}, nil
	}})
	big := strings.Repeat("x", 2048)
	rec := do(h, "POST", "/api/admin/backup", big, "Authorization", "Bearer t0k")
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("large body: %d %s", rec.Code, rec.Body)
	}
	if rec := do(h, "POST", "/api/admin/backup", "{}", "Authorization", "Bearer t0k"); rec.Code != 200 {
		t.Errorf("small body: %d %s", rec.Code, rec.Body)
	}
}

func TestAdminBackup(t *testing.T) {
	calls := 0
	backup := func(ctx context.Context) (any, error) {
		calls++
		return map[string]any{"path": "/backups/x", "documents": 3}, nil
	}
	t.Run("no token configured", func(t *testing.T) {
		_, h, _ := newOpsServer(t, &fakeSearcher{}, Options{Backup: backup})
		if rec := do(h, "POST", "/api/admin/backup", ""); rec.Code != 404 {
			t.Errorf("status %d, want 404", rec.Code)
		}
	})
	t.Run("token", func(t *testing.T) {
		_, h, logs := newOpsServer(t, &fakeSearcher{}, Options{Backup: backup, AdminToken: "s3cret-admin"})
		for _, auth := range []string{"", "Bearer wrong", "s3cret-admin", "Basic s3cret-admin"} {
			rec := do(h, "POST", "/api/admin/backup", "", "Authorization", auth)
			if rec.Code != 401 || rec.Header().Get("WWW-Authenticate") == "" {
				t.Errorf("auth %q: %d", auth, rec.Code)
			}
		}
		if calls != 0 {
			t.Fatalf("backup ran without the token")
		}
		rec := do(h, "POST", "/api/admin/backup", "", "Authorization", "Bearer s3cret-admin")
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"/backups/x"`) || calls != 1 {
			t.Errorf("backup: %d %s", rec.Code, rec.Body)
		}
		if rec := do(h, "GET", "/api/admin/backup", "", "Authorization", "Bearer s3cret-admin"); rec.Code == 200 {
			t.Errorf("GET ran a backup")
		}
		if strings.Contains(logs.String(), "s3cret-admin") {
			t.Errorf("the admin token reached the log:\n%s", logs)
		}
	})
	t.Run("not configured", func(t *testing.T) {
		_, h, _ := newOpsServer(t, &fakeSearcher{}, Options{AdminToken: "x"})
		if rec := do(h, "POST", "/api/admin/backup", "", "Authorization", "Bearer x"); rec.Code != 404 {
			t.Errorf("status %d", rec.Code)
		}
	})
	t.Run("failure", func(t *testing.T) {
		_, h, _ := newOpsServer(t, &fakeSearcher{}, Options{AdminToken: "x", Backup: func(context.Context) (any, error) {
			return nil, errors.New("disk full at /var/backups")
		}})
		rec := do(h, "POST", "/api/admin/backup", "", "Authorization", "Bearer x")
		if rec.Code != 500 || strings.Contains(rec.Body.String(), "/var/backups") {
			t.Errorf("status %d body %s", rec.Code, rec.Body)
		}
	})
}

func TestRequestLog(t *testing.T) {
	_, h, logs := newOpsServer(t, &fakeSearcher{}, Options{})
	get(t, h, "/api/search?q=chip&token=abc123secret&access_token=zzz9&api_key=kkk7", "Authorization", "Bearer hdr-secret")
	out := logs.String()
	for _, secret := range []string{"abc123secret", "zzz9", "kkk7", "hdr-secret"} {
		if strings.Contains(out, secret) {
			t.Errorf("log contains %q:\n%s", secret, out)
		}
	}
	for _, want := range []string{"method=GET", "route=/api/search", "status=200", "elapsed=", "q=chip", "token=REDACTED"} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %s:\n%s", want, out)
		}
	}
}

func TestRedactQuery(t *testing.T) {
	for in, want := range map[string]string{
		"":                           "",
		"q=a&page=2":                 "q=a&page=2",
		"q=a&token=x":                "q=a&token=REDACTED",
		"Token=x&q=b":                "Token=REDACTED&q=b",
		"session_token=1&password=2": "session_token=REDACTED&password=REDACTED",
		"to%6Ben=x":                  "to%6Ben=REDACTED",
		"%zz=x":                      "%zz=REDACTED",
		"key=1&keyword=2":            "key=REDACTED&keyword=2",
		"token":                      "token",
	} {
		if got := redactQuery(in); got != want {
			t.Errorf("redactQuery(%q) = %q, want %q", in, got, want)
		}
	}
}
