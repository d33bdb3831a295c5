package web

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

func TestStaticAssets(t *testing.T) {
	_, h := sampleServer(t)
	page := get(t, h, "/").Body.String()
	for _, name := range []string{"app.css", "app.js"} {
		m := regexp.MustCompile(`/static/app\.[0-9a-f]{10}\.` + strings.TrimPrefix(name, "app.")).FindString(page)
		if m == "" {
			t.Fatalf("the page does not link a hashed %s", name)
		}
		rec := get(t, h, m)
		if rec.Code != http.StatusOK || rec.Body.Len() == 0 {
			t.Fatalf("%s: status %d", m, rec.Code)
		}
		if cc := rec.Header().Get("Cache-Control"); !strings.Contains(cc, "immutable") {
			t.Errorf("%s: Cache-Control = %q", m, cc)
		}
		etag := rec.Header().Get("ETag")
		if etag == "" {
			t.Errorf("%s: no ETag", m)
		}
		if again := get(t, h, m, "If-None-Match", etag); again.Code != http.StatusNotModified {
			t.Errorf("%s: revalidation status %d, want 304", m, again.Code)
		}

		plain := get(t, h, "/static/"+name)
		if plain.Code != http.StatusOK || plain.Header().Get("Cache-Control") != "no-cache" {
			t.Errorf("/static/%s: status %d, Cache-Control %q", name, plain.Code, plain.Header().Get("Cache-Control"))
		}
	}
	if rec := get(t, h, "/static/app.0000000000.css"); rec.Code != http.StatusNotFound {
		t.Errorf("unknown asset: status %d", rec.Code)
	}
	if rec := get(t, h, "/static/../assets.go"); rec.Code == http.StatusOK {
		t.Error("path traversal served a file")
	}
}

func TestPagesAreSelfContained(t *testing.T) {
	_, h := sampleServer(t)
	for _, target := range []string{"/?q=x", "/documents/a1", "/static/app.css", "/static/app.js"} {
		body := get(t, h, target).Body.String()
		for _, ext := range []string{"http://", "https://", "//fonts.", "@import"} {
			if i := strings.Index(body, ext); i >= 0 && !allowedExternal(body[i:]) {
				t.Errorf("%s refers to something outside the binary: …%s…", target, body[i:min(len(body), i+60)])
			}
		}
	}
	rec := get(t, h, "/")
	if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("Content-Security-Policy = %q", csp)
	}
}

// allowedExternal reports whether an absolute URL in a page is a link to a
// report's source (which the user follows on purpose) or the SVG namespace.
func allowedExternal(s string) bool {
	for _, ok := range []string{"https://news.example.cn/", "https://example.com/", "http://www.w3.org/2000/svg"} {
		if strings.HasPrefix(s, ok) {
			return true
		}
	}
	return false
}
