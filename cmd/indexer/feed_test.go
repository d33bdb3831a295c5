package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/investnews/regionsearch/analyzers"
	"github.com/investnews/regionsearch/index"
	"github.com/investnews/regionsearch/web"
)

const feedToken = "feed-test-token"

// startServer serves a new, real index with the real web server, taking
// documents on POST /api/admin/documents as cmd/search does.
func startServer(t *testing.T, opts web.Options) (*httptest.Server, *index.Index) {
	t.Helper()
	gin.SetMode(gin.TestMode)
	if err := analyzers.Configure(analyzers.Options{}); err != nil {
		t.Fatal(err)
	}
	ix, err := index.Create(filepath.Join(t.TempDir(), "served"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	if opts.Ingest == nil && opts.AdminToken != "" {
		opts.Ingest = func(ctx context.Context, items <-chan index.Item) (index.WriteStats, error) {
			return index.Pipeline{}.Run(ctx, ix, items)
		}
	}
	srv, err := web.New(ix, opts)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts, ix
}

// searchIDs returns the ids the server's search API finds for q.
func searchIDs(t *testing.T, base, q string) []string {
	t.Helper()
	resp, err := http.Get(base + "/api/search?" + url.Values{"q": {q}}.Encode())
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r struct {
		Hits []struct {
			ID string `json:"id"`
		} `json:"hits"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil || resp.StatusCode != 200 {
		t.Fatalf("search %q: %d %v", q, resp.StatusCode, err)
	}
	var ids []string
	for _, h := range r.Hits {
		ids = append(ids, h.ID)
	}
	return ids
}

// TestFeedServer runs the indexer against a real server with a real index:
// the documents are searchable as soon as the run ends, bad records are
// reported with their file and line, and a second run finds everything
// unchanged.
func TestFeedServer(t *testing.T) {
	ts, ix := startServer(t, web.Options{AdminToken: feedToken})
	corpus := filepath.Join("..", "..", "testdata", "corpus")
	bad := filepath.Join("..", "..", "testdata", "bad", "mixed.jsonl")

	if ids := searchIDs(t, ts.URL, "Wuhu"); len(ids) != 0 {
		t.Fatalf("a new index finds %v", ids)
	}
	code, out := run(t, "-server", ts.URL, "-token", feedToken, corpus, bad, "-")
	if code != 1 {
		t.Errorf("exit %d with skipped records, want 1\n%s", code, out)
	}
	for _, want := range []string{
		"mixed.jsonl:2: invalid JSON", "mixed.jsonl:4: bad date", "indexed 14, unchanged 0,",
		"skipped 4 (bad date 1, bad lang 1, invalid JSON 1, missing body 1)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if n, _ := ix.Count(); n != 14 {
		t.Errorf("the served index holds %d documents, want 14", n)
	}
	for q, id := range map[string]string{"Wuhu": "stdin-1", "碳化硅": "t-zh-liaocheng", "Jiangyin": "t-en-jiangyin"} {
		if ids := searchIDs(t, ts.URL, q); !slices.Contains(ids, id) {
			t.Errorf("search %s: %v lacks %s", q, ids, id)
		}
	}

	code, out = run(t, "-server", ts.URL, "-token", feedToken, corpus)
	if code != 0 || !strings.Contains(out, "indexed 0, unchanged 12") {
		t.Errorf("second run: exit %d\n%s", code, out)
	}
}

// TestFeedServerSplits sends batches to a server with a small body limit:
// the client splits them, and a report over the limit on its own is
// skipped with its file and line while the rest are indexed.
func TestFeedServerSplits(t *testing.T) {
	ts, ix := startServer(t, web.Options{AdminToken: feedToken, MaxBodyBytes: 4096})
	in := filepath.Join(t.TempDir(), "in.jsonl")
	var b strings.Builder
	for i := range 30 {
		body := fmt.Sprintf("Wuhu signs robot project number %d worth %d billion yuan.", i, i+1)
		if i == 17 {
			body = strings.Repeat("Huge report. ", 500)
		}
		fmt.Fprintf(&b, `{"id":"s-%d","body":%q}`+"\n", i, body)
	}
	if err := os.WriteFile(in, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out := run(t, "-server", ts.URL, "-token", feedToken, in)
	if code != 1 || !strings.Contains(out, "in.jsonl:18: too large") || !strings.Contains(out, "indexed 29,") {
		t.Errorf("exit %d\n%s", code, out)
	}
	if n, _ := ix.Count(); n != 29 {
		t.Errorf("served index holds %d, want 29", n)
	}
}

// TestFeedServerRefuses checks the errors a user can fix: a wrong token, a
// server that takes no documents, an address with no server.
func TestFeedServerRefuses(t *testing.T) {
	withToken, _ := startServer(t, web.Options{AdminToken: feedToken})
	noToken, _ := startServer(t, web.Options{})
	down := httptest.NewServer(http.NotFoundHandler())
	down.Close()
	corpus := filepath.Join("..", "..", "testdata", "corpus")
	tests := []struct {
		name, url, token, want string
	}{
		{"wrong token", withToken.URL, "wrong", "check -token"},
		{"server without an admin token", noToken.URL, feedToken, "was it started with -admin-token"},
		{"no server", down.URL, feedToken, "connection refused"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := NewMain()
			var errOut strings.Builder
			m.Stderr = &errOut
			// No retries: the test is about the message.
			if err := m.ParseFlags([]string{"-server", tt.url, "-token", tt.token, "-retries", "0", corpus}); err != nil {
				t.Fatal(err)
			}
			code, err := m.Run(context.Background())
			m.Close()
			if code != 2 || err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("exit %d, error %v; want 2 and %q", code, err, tt.want)
			}
			if err != nil && strings.Contains(err.Error(), feedToken) {
				t.Errorf("the token is in the error: %v", err)
			}
		})
	}
}
