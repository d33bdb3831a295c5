package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/investnews/regionsearch/index"
	"github.com/investnews/regionsearch/internal/ingest"
)

// buildIndex indexes the test corpus with the same reader and pipeline the
// indexer command uses.
func buildIndex(t *testing.T, dir string) {
	t.Helper()
	ix, err := index.Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	items := make(chan index.Item)
	go func() {
		defer close(items)
		r := &ingest.Reader{}
		err := r.Read(context.Background(), []string{filepath.Join("..", "..", "testdata", "corpus")},
			func(rec ingest.Record) error {
				items <- index.Item{Article: rec.Article, Bytes: rec.Bytes}
				return nil
			}, func(p ingest.Problem) { t.Errorf("unexpected problem: %v", p) })
		if err != nil {
			t.Error(err)
		}
	}()
	if _, err := (index.Pipeline{}).Run(context.Background(), ix, items); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
}

type apiResult struct {
	Total  int                             `json:"total"`
	Hits   []map[string]json.RawMessage    `json:"hits"`
	Facets map[string][]map[string]any     `json:"facets"`
	Error  *struct{ Code, Message string } `json:"error"`
}

func get(t *testing.T, base, path string, params url.Values) (int, apiResult, string) {
	t.Helper()
	u := base + path
	if params != nil {
		u += "?" + params.Encode()
	}
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var r apiResult
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		if err := json.Unmarshal(body, &r); err != nil {
			t.Fatalf("GET %s: decode %q: %v", u, body, err)
		}
	}
	return resp.StatusCode, r, string(body)
}

func ids(r apiResult) []string {
	var out []string
	for _, h := range r.Hits {
		var id string
		json.Unmarshal(h["id"], &id)
		out = append(out, id)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestEndToEnd indexes the test corpus into a temporary directory, starts
// the real server on a free port and queries it over HTTP.
func TestEndToEnd(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	buildIndex(t, dir)

	m := NewMain()
	m.Config.Addr = "127.0.0.1:0"
	m.Config.Index = dir
	m.Config.DataDir = t.TempDir()
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	base := m.URL

	t.Run("chinese query finds both scripts", func(t *testing.T) {
		code, r, body := get(t, base, "/api/search", url.Values{"q": {"聊城"}})
		if code != 200 {
			t.Fatalf("status %d: %s", code, body)
		}
		got := ids(r)
		for _, want := range []string{"t-zh-liaocheng", "t-en-liaocheng"} {
			if !contains(got, want) {
				t.Errorf("聊城: hits %v lack %s", got, want)
			}
		}
		if contains(got, "t-en-jiangyin") {
			t.Errorf("聊城 matched the Jiangyin report: %v", got)
		}
	})
	t.Run("english query", func(t *testing.T) {
		_, r, _ := get(t, base, "/api/search", url.Values{"q": {"Jiangyin"}})
		if got := ids(r); len(got) == 0 || got[0] != "t-en-jiangyin" {
			t.Errorf("Jiangyin: hits %v, want t-en-jiangyin first", got)
		}
	})
	t.Run("phrase and highlight", func(t *testing.T) {
		_, r, _ := get(t, base, "/api/search", url.Values{"q": {`"photomask"`}})
		got := ids(r)
		if !contains(got, "t-en-nanhu") || contains(got, "t-zh-liaocheng") {
			t.Fatalf("photomask: hits %v", got)
		}
		var hl map[string][]string
		json.Unmarshal(r.Hits[0]["highlights"], &hl)
		joined := strings.Join(append(hl["title"], hl["body"]...), " ")
		if !strings.Contains(strings.ToLower(joined), "<mark>photomask</mark>") {
			t.Errorf("highlights %q lack <mark>photomask</mark>", joined)
		}
	})
	t.Run("chinese highlight", func(t *testing.T) {
		_, r, _ := get(t, base, "/api/search", url.Values{"q": {"碳化硅"}})
		if !contains(ids(r), "t-zh-liaocheng") {
			t.Fatalf("碳化硅: hits %v", ids(r))
		}
		var hl map[string][]string
		json.Unmarshal(r.Hits[0]["highlights"], &hl)
		if !strings.Contains(strings.Join(append(hl["title"], hl["body"]...), ""), "<mark>碳化硅</mark>") {
			t.Errorf("highlights %v lack <mark>碳化硅</mark>", hl)
		}
	})
	t.Run("province filter is where the money goes", func(t *testing.T) {
		// A Shenzhen (Guangdong) investor and a ceremony in Shenzhen must not
		// put the Liaocheng reports under Guangdong.
		_, r, _ := get(t, base, "/api/search", url.Values{"province": {"Guangdong"}})
		got := ids(r)
		if contains(got, "t-en-liaocheng") || contains(got, "t-zh-liaocheng") {
			t.Errorf("Guangdong filter returned Liaocheng reports: %v", got)
		}
		if !contains(got, "t-zh-huizhou") {
			t.Errorf("Guangdong filter lacks Huizhou: %v", got)
		}
		_, r, _ = get(t, base, "/api/search", url.Values{"province": {"370000"}})
		if got := ids(r); !contains(got, "t-en-liaocheng") || !contains(got, "t-zh-liaocheng") {
			t.Errorf("Shandong filter: %v", got)
		}
	})
	t.Run("facets narrow", func(t *testing.T) {
		_, all, _ := get(t, base, "/api/search", nil)
		_, some, _ := get(t, base, "/api/search", url.Values{"sector": {"next-gen-it"}})
		if some.Total == 0 || some.Total >= all.Total {
			t.Errorf("sector filter: %d of %d", some.Total, all.Total)
		}
		if len(all.Facets["province"]) < 5 || len(all.Facets["amount"]) != 5 {
			t.Errorf("facets: %v", all.Facets)
		}
	})
	t.Run("amount_cny", func(t *testing.T) {
		_, r, _ := get(t, base, "/api/search", url.Values{"q": {"Jiangyin"}})
		var amt *float64
		json.Unmarshal(r.Hits[0]["amount_cny"], &amt)
		if amt == nil || *amt != 86e9 {
			t.Errorf("Jiangyin amount_cny = %v, want 8.6e10 (the event total, not GDP)", amt)
		}
		_, r, _ = get(t, base, "/api/search", url.Values{"q": {"researchers compare"}})
		if len(r.Hits) != 1 || string(r.Hits[0]["amount_cny"]) != "null" {
			t.Errorf("report without a figure: hits %v", r.Hits)
		}
	})
	t.Run("bad queries are 400", func(t *testing.T) {
		for _, p := range []url.Values{
			{"sort": {"sideways"}}, {"page": {"-1"}}, {"date_from": {"2023-13-45"}},
			{"province": {"Atlantis"}}, {"size": {"1000"}},
		} {
			code, r, body := get(t, base, "/api/search", p)
			if code != 400 || r.Error == nil || r.Error.Message == "" {
				t.Errorf("%v: status %d body %s", p, code, body)
			}
		}
	})
	t.Run("document", func(t *testing.T) {
		code, _, body := get(t, base, "/api/documents/t-en-nanhu", nil)
		if code != 200 || !strings.Contains(body, "Nanhu") || !strings.Contains(body, `"evidence"`) {
			t.Errorf("document: %d %s", code, body)
		}
		if code, _, _ := get(t, base, "/api/documents/nope", nil); code != 404 {
			t.Errorf("missing document: %d", code)
		}
	})
	t.Run("html page", func(t *testing.T) {
		code, _, body := get(t, base, "/", url.Values{"q": {"聊城"}})
		if code != 200 || !strings.Contains(body, "<mark>") {
			t.Errorf("search page: %d", code)
		}
	})
}

// TestDemoFirstRun starts the server with no index: it builds the demo
// index in the data directory, then reuses it.
func TestDemoFirstRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the demo index")
	}
	data := t.TempDir()
	for run := 0; run < 2; run++ {
		m := NewMain()
		m.Config.Addr = "127.0.0.1:0"
		m.Config.DataDir = data
		if err := m.Run(context.Background()); err != nil {
			t.Fatal(err)
		}
		// The queries a newcomer tries first all answer in the demo.
		for _, q := range []string{"项目", "聊城", "Liaocheng", "碳化硅", "Jiangyin", `"photomask"`, "两江新区"} {
			code, r, body := get(t, m.URL, "/api/search", url.Values{"q": {q}})
			if code != 200 || r.Total == 0 {
				t.Errorf("run %d: %s: status %d total %d: %.200s", run, q, code, r.Total, body)
			}
		}
		code, _, body := get(t, m.URL, "/api/healthz", nil)
		if code != 200 || !strings.Contains(body, "documents") {
			t.Errorf("healthz: %d %s", code, body)
		}
		if err := m.Close(); err != nil {
			t.Fatal(err)
		}
	}
}
