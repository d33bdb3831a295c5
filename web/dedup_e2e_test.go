package web

import (
	"bufio"
	"context"
	"encoding/json"
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

	"github.com/investnews/regionsearch/index"
	"github.com/investnews/regionsearch/internal/ingest"
)

// indexDedupReports indexes testdata/dedup/reports.jsonl (a wire story, an
// exact copy, edited and traditional-character reprints, an English story
// and its reprint, and two other signings in the same city) into a new
// index on disk, as the indexer does.
func indexDedupReports(t *testing.T) *index.Index {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "testdata", "dedup", "reports.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ix, err := index.Create(filepath.Join(t.TempDir(), "idx"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	var items []index.Item
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		a, p := ingest.ParseJSON(sc.Bytes())
		if p != nil {
			t.Fatalf("testdata: %v", p)
		}
		items = append(items, index.Item{Article: a, Bytes: len(sc.Bytes())})
	}
	in := make(chan index.Item, len(items))
	for _, it := range items {
		in <- it
	}
	close(in)
	if _, err := (index.Pipeline{BatchSize: 2}).Run(context.Background(), ix, in); err != nil {
		t.Fatal(err)
	}
	return ix
}

// TestDedupEndToEnd searches a real index through the HTTP API and the
// pages: one hit per story with its reports, and every report reachable
// from the document page.
func TestDedupEndToEnd(t *testing.T) {
	ix := indexDedupReports(t)
	srv, err := New(ix, Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	getBody := func(path string) string {
		t.Helper()
		resp, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		raw, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d %s", path, resp.StatusCode, raw)
		}
		return string(raw)
	}

	var res index.Result
	if err := json.Unmarshal([]byte(getBody("/api/search?q="+url.QueryEscape("碳化硅"))), &res); err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || len(res.Hits) != 1 {
		t.Fatalf("碳化硅: total %d, %d hits, want the one story", res.Total, len(res.Hits))
	}
	hit := res.Hits[0]
	var sources []string
	for _, s := range hit.Sources {
		sources = append(sources, s.Source)
	}
	slices.Sort(sources)
	if hit.ID != "wire" || hit.ClusterSize != 4 || !slices.Equal(sources, []string{"城市网", "新闻社", "门户网", "香港网"}) {
		t.Errorf("hit %s: cluster_size %d, sources %v", hit.ID, hit.ClusterSize, sources)
	}
	// The source facet counts the story for every outlet that printed it.
	for _, fv := range res.Facets["source"] {
		if fv.Count != 1 {
			t.Errorf("source facet %s: %d, want 1", fv.Value, fv.Count)
		}
	}
	if len(res.Facets["source"]) != 4 {
		t.Errorf("source facet %+v, want the 4 outlets", res.Facets["source"])
	}

	var all index.Result
	if err := json.Unmarshal([]byte(getBody("/api/search?size=100")), &all); err != nil {
		t.Fatal(err)
	}
	if all.Total != 4 {
		t.Errorf("all: total %d, want 4 stories (two Chinese, two English)", all.Total)
	}

	// A member's document lists the rest of its cluster, the
	// representative first; an exact copy's id reaches its document.
	var doc index.Document
	if err := json.Unmarshal([]byte(getBody("/api/documents/hk")), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Representative || doc.ClusterID == "" || doc.ClusterSize != 4 || len(doc.Cluster) != 3 || doc.Cluster[0].ID != "wire" {
		t.Errorf("document hk: representative %v, cluster %q, size %d, others %+v",
			doc.Representative, doc.ClusterID, doc.ClusterSize, doc.Cluster)
	}
	copyID := ""
	for _, s := range hit.Sources {
		if s.Source == "门户网" {
			copyID = s.ID
		}
	}
	if err := json.Unmarshal([]byte(getBody("/api/documents/"+copyID)), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.ID != "wire" || len(doc.Sources) != 2 {
		t.Errorf("document %s: id %s, sources %+v, want the wire story with both", copyID, doc.ID, doc.Sources)
	}

	page := getBody("/?q=" + url.QueryEscape("碳化硅"))
	if !strings.Contains(page, "4 家来源报道") {
		t.Errorf("search page does not say the story was reported by 4 sources")
	}
	page = getBody("/documents/wire?ui=en")
	for _, want := range []string{"Other reports of this story (4 in all)", `href="/documents/edited"`,
		`href="/documents/hk"`, `href="/documents/` + copyID + `"`} {
		if !strings.Contains(page, want) {
			t.Errorf("document page lacks %s", want)
		}
	}
}
