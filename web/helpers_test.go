package web

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/investnews/regionsearch/index"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func TestMain(m *testing.M) {
	gin.SetMode(gin.TestMode)
	os.Exit(m.Run())
}

// fakeSearcher is a Searcher whose behaviour each test sets through its func
// fields; it records the queries it was given.
type fakeSearcher struct {
	SearchFn   func(ctx context.Context, q index.Query) (*index.Result, error)
	DocumentFn func(ctx context.Context, id string) (*index.Document, error)
	CountFn    func() (uint64, error)

	mu      sync.Mutex
	queries []index.Query
}

func (f *fakeSearcher) Search(ctx context.Context, q index.Query) (*index.Result, error) {
	f.mu.Lock()
	f.queries = append(f.queries, q)
	f.mu.Unlock()
	if f.SearchFn == nil {
		return &index.Result{}, nil
	}
	return f.SearchFn(ctx, q)
}

func (f *fakeSearcher) Document(ctx context.Context, id string) (*index.Document, error) {
	if f.DocumentFn == nil {
		return nil, index.ErrNotFound
	}
	return f.DocumentFn(ctx, id)
}

func (f *fakeSearcher) Count() (uint64, error) {
	if f.CountFn == nil {
		return 0, nil
	}
	return f.CountFn()
}

// lastQuery returns the last query the fake was given.
func (f *fakeSearcher) lastQuery(t *testing.T) index.Query {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.queries) == 0 {
		t.Fatal("the searcher was not called")
	}
	return f.queries[len(f.queries)-1]
}

// syncBuffer is a log destination safe for concurrent handlers.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// newTestServer returns the handler of a Server over f and the buffer its
// log goes to.
func newTestServer(t *testing.T, f *fakeSearcher) (http.Handler, *syncBuffer) {
	t.Helper()
	logs := &syncBuffer{}
	srv, err := New(f, Options{Logger: slog.New(slog.NewTextHandler(logs, nil)), Version: "test"})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return srv.Handler(), logs
}

// get performs a GET request against h.
func get(t *testing.T, h http.Handler, target string, headers ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run go test -update to create it): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; run go test ./web -run %s -update and review the diff\n--- got ---\n%s",
			path, t.Name(), limit(got, 4000))
	}
}

func limit(b []byte, n int) []byte {
	if len(b) > n {
		return append(b[:n:n], "…"...)
	}
	return b
}

func ptr(v float64) *float64 { return &v }

// sampleResult is a small result with every field filled in, in both
// languages, as the index returns it.
func sampleResult() *index.Result {
	return &index.Result{
		Total:  42,
		TookMS: 3.1,
		Hits: []index.Hit{
			{
				ID: "a1", Title: "聊城高新区碳化硅项目签约", URL: "https://news.example.cn/2023/0330/a1.html",
				Source: "聊城日报", Date: "2023-03-30", Lang: "zh", Score: 1.7,
				Provinces: []index.PlaceRef{{Code: "370000", NameZh: "山东省", NameEn: "Shandong"}},
				Cities:    []index.PlaceRef{{Code: "371500", NameZh: "聊城市", NameEn: "Liaocheng"}},
				Sectors:   []index.SectorRef{{Key: "semiconductors", NameZh: "半导体", NameEn: "Semiconductors"}},
				AmountCNY: ptr(3e9),
				Highlights: map[string][]string{
					"title": {"聊城高新区<mark>碳化硅</mark>项目签约"},
					"body":  {"总投资30亿元的<mark>碳化硅</mark>衬底项目落户聊城", "一期建设<mark>碳化硅</mark>外延片产线"},
				},
			},
			{
				ID: "b2", Title: "Jiangyin photomask plant breaks ground", URL: "https://example.com/jiangyin",
				Source: "Wire", Date: "2024-06-01", Lang: "en", Score: 1.2,
				Provinces:  []index.PlaceRef{{Code: "320000", NameZh: "江苏省", NameEn: "Jiangsu"}},
				Cities:     []index.PlaceRef{{Code: "320200", NameZh: "无锡市", NameEn: "Wuxi"}},
				Sectors:    []index.SectorRef{{Key: "semiconductors", NameZh: "半导体", NameEn: "Semiconductors"}, {Key: "materials", NameZh: "新材料", NameEn: "New materials"}},
				Highlights: map[string][]string{"body": {"a &quot;<mark>photomask</mark>&quot; plant &amp; more"}},
			},
		},
		Facets: map[string][]index.FacetValue{
			"province": {{Value: "370000", NameZh: "山东省", NameEn: "Shandong", Count: 12}, {Value: "320000", NameZh: "江苏省", NameEn: "Jiangsu", Count: 5}},
			"city":     {},
			"sector":   {{Value: "semiconductors", NameZh: "半导体", NameEn: "Semiconductors", Count: 9}},
			"amount": {
				{Value: "0-1e8", LabelZh: "1亿元以下", LabelEn: "under ¥0.1 billion", Max: ptr(1e8), Count: 4},
				{Value: "1e9-1e10", LabelZh: "10亿–100亿元", LabelEn: "¥1–10 billion", Min: ptr(1e9), Max: ptr(1e10), Count: 3},
			},
			"date": {{Value: "2024", Count: 2}, {Value: "2023", Count: 7}},
		},
	}
}

// errorFromBody decodes an error answer.
func errorFromBody(t *testing.T, body io.Reader) errorBody {
	t.Helper()
	var e errorBody
	if err := decodeStrict(body, &e); err != nil {
		t.Fatalf("decode error body: %v", err)
	}
	return e
}

var errBoom = errors.New("bleve: segment 7 corrupt at /var/lib/regionsearch/idx")
