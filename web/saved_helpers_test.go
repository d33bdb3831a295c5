package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/investnews/regionsearch/index"
	"github.com/investnews/regionsearch/internal/saved"
)

// savedEnv is a server over a real index and a real saved-search store,
// both on disk, behind an httptest server.
type savedEnv struct {
	ix    *index.Index
	store *saved.Store
	srv   *Server
	ts    *httptest.Server
	logs  *syncBuffer
}

// savedArticles are the reports every savedEnv starts with.
var savedArticles = []index.Article{
	{ID: "lc-zh", Title: "聊城高新区签约碳化硅芯片封测项目", Date: day("2023-03-30"), Source: "聊城日报",
		Body: "山东省聊城市高新区签约碳化硅芯片封测项目，总投资30亿元。"},
	{ID: "lc-en", Title: "Liaocheng signs silicon carbide chip project", Date: day("2023-04-02"), Source: "Wire",
		Body: "Liaocheng, Shandong Province, signed a silicon carbide chip packaging project worth 2 billion yuan."},
	{ID: "jy-zh", Title: "江阴签约217个项目", Date: day("2024-01-10"), Source: "新华网",
		Body: "江苏省无锡市江阴市集中签约217个项目，总投资超1000亿元，涵盖新能源和集成电路。"},
}

// day parses a YYYY-MM-DD date for the test reports.
func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// newSavedEnv builds an index of savedArticles and a store in t.TempDir()
// and serves them with opts (Saved and Logger are set here).
func newSavedEnv(t *testing.T, opts Options) *savedEnv {
	t.Helper()
	dir := t.TempDir()
	ix, err := index.Create(filepath.Join(dir, "idx"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	store, err := saved.Open(filepath.Join(dir, "saved.db"), saved.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	e := &savedEnv{ix: ix, store: store, logs: &syncBuffer{}}
	e.add(t, savedArticles...)
	opts.Saved = store
	opts.Logger = slog.New(slog.NewTextHandler(e.logs, nil))
	if e.srv, err = New(ix, opts); err != nil {
		t.Fatal(err)
	}
	e.ts = httptest.NewServer(e.srv.Handler())
	t.Cleanup(e.ts.Close)
	return e
}

// add indexes reports; they are searchable when it returns.
func (e *savedEnv) add(t *testing.T, as ...index.Article) {
	t.Helper()
	w := e.ix.NewWriter(0)
	for _, a := range as {
		if err := w.Add(context.Background(), e.ix.Prepare(a)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// do sends a request to the server; headers are name, value pairs. A body
// is sent as JSON unless a Content-Type header says otherwise.
func (e *savedEnv) do(t *testing.T, method, path, body string, headers ...string) (*http.Response, string) {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, e.ts.URL+path, r)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

// create saves a search through the API and returns it.
func (e *savedEnv) create(t *testing.T, body string, headers ...string) savedJSON {
	t.Helper()
	resp, b := e.do(t, http.MethodPost, "/api/saved-searches", body, headers...)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create %s: %d %s", body, resp.StatusCode, b)
	}
	var v savedJSON
	if err := decodeStrict(strings.NewReader(b), &v); err != nil {
		t.Fatalf("decode %s: %v", b, err)
	}
	return v
}
