package web

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/investnews/regionsearch/index"
)

// FuzzSearchParams sends arbitrary query strings to the JSON API and the
// search page: the answer is a 200 or a 4xx with a JSON error, never a 5xx
// or a panic, and a query that reaches the Searcher is within the limits.
func FuzzSearchParams(f *testing.F) {
	for _, s := range []string{
		"q=%E8%81%8A%E5%9F%8E&province=Shandong&sort=-date",
		"sector=next-gen-it&amount_min=1e9&size=5",
		"page=-1", "size=1000", "date_from=2023-13-45", "amount_min=NaN", "amount_max=-Inf",
		"q=a&q=b", "province=Atlantis", "sort=sideways", "cursor=%00%ff", "lang=fr",
		"q=%ff%fe", "page=99999999999999999999", "size=0x10", "amount_min=1e400",
		"q=" + strings.Repeat("(", 600), "province=" + strings.Repeat("x&province=", 60),
		"date_from=2024-01-01&date_to=2023-01-01", ";;&&==", "%zz=1", "ui=en&q=chip",
	} {
		f.Add(s)
	}
	fs := &fakeSearcher{}
	srv, err := New(fs, Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		f.Fatal(err)
	}
	h := srv.Handler()
	f.Fuzz(func(t *testing.T, raw string) {
		fs.mu.Lock()
		fs.queries = nil
		fs.mu.Unlock()
		for _, path := range []string{"/api/search", "/"} {
			req := httptest.NewRequest(http.MethodGet, "/", nil)
			req.URL = &url.URL{Path: path, RawQuery: raw}
			req.RequestURI = req.URL.RequestURI()
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code >= 500 {
				t.Fatalf("GET %s?%s: status %d: %.300s", path, raw, rec.Code, rec.Body.String())
			}
			if path == "/api/search" && rec.Code != http.StatusOK {
				var e errorBody
				if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Error.Message == "" {
					t.Fatalf("GET %s?%s: status %d without a JSON error: %.300s", path, raw, rec.Code, rec.Body.String())
				}
			}
		}
		fs.mu.Lock()
		defer fs.mu.Unlock()
		for _, q := range fs.queries {
			if q.Page < 0 || q.Size < 0 || q.Size > index.MaxSize {
				t.Fatalf("%q reached the Searcher as page %d size %d", raw, q.Page, q.Size)
			}
			if utf8.ValidString(raw) && !utf8.ValidString(q.Text) {
				t.Fatalf("%q became invalid UTF-8 text %q", raw, q.Text)
			}
		}
	})
}

// FuzzRedactQuery checks that no value of a credential parameter survives
// redaction, whatever the query string looks like.
func FuzzRedactQuery(f *testing.F) {
	for _, s := range []string{"q=a&token=x", "Token=1&TOKEN=2", "to%6Ben=x", "a=1&&b=2", "password", "=x", "%zz=y", "access_token=a=b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		out := redactQuery(raw)
		if strings.Count(out, "&") != strings.Count(raw, "&") {
			t.Fatalf("redactQuery(%q) = %q changed the number of parameters", raw, out)
		}
		for _, p := range strings.Split(out, "&") {
			name, value, ok := strings.Cut(p, "=")
			if ok && isSecretParam(name) && value != "REDACTED" {
				t.Fatalf("redactQuery(%q) kept %s=%s", raw, name, value)
			}
		}
		if again := redactQuery(out); again != out {
			t.Fatalf("not idempotent: %q then %q", out, again)
		}
	})
}
