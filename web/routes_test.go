package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/investnews/regionsearch/index"
)

// TestHeadPages checks that the pages answer HEAD with the status and
// headers of GET (net/http drops the body), and that a HEAD of a missing
// page is a 404.
func TestHeadPages(t *testing.T) {
	f := &fakeSearcher{DocumentFn: func(_ context.Context, id string) (*index.Document, error) {
		if id == "a1" {
			return sampleDocument(), nil
		}
		return nil, index.ErrNotFound
	}}
	h, _ := newTestServer(t, f)
	srv := httptest.NewServer(h)
	defer srv.Close()
	for _, tc := range []struct {
		path string
		want int
	}{
		{"/", http.StatusOK},
		{"/?q=%E8%81%8A%E5%9F%8E", http.StatusOK},
		{"/documents/a1", http.StatusOK},
		{"/documents/zz", http.StatusNotFound},
		{"/no/such/page", http.StatusNotFound},
	} {
		head, err := http.Head(srv.URL + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		head.Body.Close()
		get, err := http.Get(srv.URL + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		get.Body.Close()
		if head.StatusCode != tc.want || get.StatusCode != tc.want {
			t.Errorf("%s: HEAD %d, GET %d, want %d", tc.path, head.StatusCode, get.StatusCode, tc.want)
		}
		if head.ContentLength >= 0 && head.ContentLength != get.ContentLength {
			t.Errorf("%s: HEAD Content-Length %d, GET %d", tc.path, head.ContentLength, get.ContentLength)
		}
		if h, g := head.Header.Get("Content-Type"), get.Header.Get("Content-Type"); h != g {
			t.Errorf("%s: HEAD Content-Type %q, GET %q", tc.path, h, g)
		}
		if head.Header.Get("Content-Security-Policy") == "" {
			t.Errorf("%s: HEAD without the security headers", tc.path)
		}
	}
}
