package index

import (
	"context"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"testing"
)

// dedupArticles are the reports of dedup_test.go as the indexer receives
// them: a wire story, its exact copy on another site, edited and
// traditional-character reprints, its English version and its reprint, and
// different signings in the same city.
var dedupArticles = []Article{
	{ID: "wire", URL: "https://wire.example/lc-sic", Title: "聊城高新区集中签约12个项目", Date: day("2023-03-28"), Source: "新闻社", Body: zhStory},
	{URL: "https://portal.example/a/1", Title: "聊城高新区集中签约12个项目", Date: day("2023-03-29"), Source: "门户网", Body: zhStory},
	{ID: "edited", URL: "https://city.example/n/7", Title: "总投资85亿元！聊城高新区一季度签约项目12个", Date: day("2023-03-29"), Source: "城市网", Body: zhStoryEdited},
	{ID: "hk", URL: "https://hk.example/p/3", Title: "聊城高新區集中簽約12個項目", Date: day("2023-03-30"), Source: "香港网", Body: zhStoryHant},
	{ID: "other", URL: "https://wire.example/lc-nev", Title: "聊城经开区签约8个项目", Date: day("2023-06-15"), Source: "新闻社", Body: zhOther},
	{ID: "en", URL: "https://wire.example/en/lc-sic", Title: "Liaocheng zone signs 12 projects", Date: day("2023-03-28"), Source: "Wire", Body: enStory},
	{ID: "en-edited", URL: "https://paper.example/lc", Title: "Chip plant leads Liaocheng signing", Date: day("2023-03-29"), Source: "Paper", Body: enStoryEdited},
	{ID: "en-other", URL: "https://wire.example/en/lc-nev", Title: "Liaocheng development zone signs 8 projects", Date: day("2023-06-15"), Source: "Wire", Body: enOther},
}

// runIndexer indexes articles through the pipeline, as cmd/indexer does.
func runIndexer(t *testing.T, ix *Index, arts []Article) WriteStats {
	t.Helper()
	in := make(chan Item, len(arts))
	for _, a := range arts {
		in <- Item{Article: a, Bytes: len(a.Body)}
	}
	close(in)
	st, err := Pipeline{Workers: 2, BatchSize: 3}.Run(context.Background(), ix, in)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// clusterView is what a test checks of the index: for every hit of an
// unfiltered search, its id and the ids of its reports in order.
func clusterView(t *testing.T, ix *Index, q Query) map[string][]string {
	t.Helper()
	q.Size = MaxSize
	res, err := ix.Search(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, h := range res.Hits {
		var ids []string
		for _, s := range h.Sources {
			ids = append(ids, s.ID)
		}
		if h.ClusterSize != len(h.Sources) {
			t.Errorf("hit %s: cluster_size %d, %d sources", h.ID, h.ClusterSize, len(h.Sources))
		}
		sort.Strings(ids)
		out[h.ID] = ids
	}
	if int(res.Total) != len(out) {
		t.Errorf("total %d, %d hits", res.Total, len(out))
	}
	return out
}

func openTemp(t *testing.T) (*Index, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "idx")
	ix, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	return ix, path
}

func TestExactDuplicateIsOneDocument(t *testing.T) {
	ix, _ := openTemp(t)
	defer ix.Close()
	portal := DocumentID(dedupArticles[1])
	st := runIndexer(t, ix, dedupArticles[:2])
	if st.Indexed != 2 {
		t.Errorf("indexed %d, want 2", st.Indexed)
	}
	if n, _ := ix.Count(); n != 1 {
		t.Fatalf("%d documents, want 1", n)
	}
	for _, id := range []string{"wire", portal} {
		d, err := ix.Document(context.Background(), id)
		if err != nil {
			t.Fatalf("document %s: %v", id, err)
		}
		if d.ID != "wire" || len(d.Sources) != 2 || d.Sources[1].ID != portal ||
			d.Sources[1].URL != "https://portal.example/a/1" || d.Sources[1].Source != "门户网" {
			t.Errorf("document %s: id %s, sources %+v", id, d.ID, d.Sources)
		}
	}
	// Both outlets count in the source facet, and both filter to it.
	for _, src := range []string{"新闻社", "门户网"} {
		res, err := ix.Search(context.Background(), Query{Sources: []string{src}})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 1 || res.Hits[0].ID != "wire" {
			t.Errorf("source %s: %d hits", src, res.Total)
		}
	}
	// A second run of the same input changes nothing.
	st = runIndexer(t, ix, dedupArticles[:2])
	if st.Indexed != 0 || st.Unchanged != 2 {
		t.Errorf("second run: %+v, want all unchanged", st)
	}
}

func TestNearDuplicatesCluster(t *testing.T) {
	ix, _ := openTemp(t)
	defer ix.Close()
	runIndexer(t, ix, dedupArticles)
	portal := DocumentID(dedupArticles[1])
	want := map[string][]string{
		"wire":     sortedIDs("wire", portal, "edited", "hk"),
		"other":    {"other"},
		"en":       sortedIDs("en", "en-edited"),
		"en-other": {"en-other"},
	}
	if got := clusterView(t, ix, Query{}); !equalView(got, want) {
		t.Errorf("clusters %v, want %v", got, want)
	}
	// A member is not searched but can be read, with its cluster.
	d, err := ix.Document(context.Background(), "hk")
	if err != nil {
		t.Fatal(err)
	}
	if d.Representative || d.ClusterSize != 4 || len(d.Cluster) != 3 || d.Cluster[0].ID != "wire" {
		t.Errorf("member hk: representative %v, size %d, cluster %+v", d.Representative, d.ClusterSize, d.Cluster)
	}
	checkColumnsAgree(t, ix, Query{})
	checkColumnsAgree(t, ix, Query{Text: "聊城", Sources: []string{"香港网"}})
}

func sortedIDs(ids ...string) []string {
	slices.Sort(ids)
	return ids
}

func equalView(a, b map[string][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !slices.Equal(v, b[k]) {
			return false
		}
	}
	return true
}

// checkColumnsAgree compares a search with facet columns and without.
func checkColumnsAgree(t *testing.T, ix *Index, q Query) {
	t.Helper()
	if !ix.columnsReady() {
		t.Fatal("columns not ready")
	}
	withCols, err := ix.Search(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	ix.search.noColumns.Store(true)
	defer ix.search.noColumns.Store(false)
	without, err := ix.Search(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if withCols.Total != without.Total || !slices.Equal(hitIDs(withCols), hitIDs(without)) {
		t.Errorf("%+v: columns %d %v, bleve %d %v", q, withCols.Total, hitIDs(withCols), without.Total, hitIDs(without))
	}
	for name, vals := range without.Facets {
		if !reflect.DeepEqual(vals, withCols.Facets[name]) {
			t.Errorf("%+v: facet %s: columns %+v, bleve %+v", q, name, withCols.Facets[name], vals)
		}
	}
}

func TestIncrementalAcrossRuns(t *testing.T) {
	ix, path := openTemp(t)
	portal := DocumentID(dedupArticles[1])
	// Run 1: the wire story and the other signing.
	runIndexer(t, ix, []Article{dedupArticles[0], dedupArticles[4]})
	ix.Close()
	// Run 2, after reopening: the copies arrive, one of them dated before
	// the wire story, so it becomes the representative.
	ix, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	early := dedupArticles[3]
	early.Date = day("2023-03-27")
	st := runIndexer(t, ix, []Article{dedupArticles[0], dedupArticles[1], dedupArticles[2], early})
	if st.Indexed != 3 || st.Unchanged != 1 {
		t.Errorf("run 2: %+v", st)
	}
	want := map[string][]string{"hk": sortedIDs("wire", portal, "edited", "hk"), "other": {"other"}}
	if got := clusterView(t, ix, Query{}); !equalView(got, want) {
		t.Errorf("after run 2: %v, want %v", got, want)
	}
	// Run 3: the edited report comes back with the other story's text: it
	// leaves the cluster and joins the other one.
	moved := dedupArticles[2]
	moved.Body = zhOther + "\n记者 王明"
	runIndexer(t, ix, []Article{moved})
	// It is dated before the other story, so it stands for the cluster.
	want = map[string][]string{"hk": sortedIDs("wire", portal, "hk"), "edited": sortedIDs("other", "edited")}
	if got := clusterView(t, ix, Query{}); !equalView(got, want) {
		t.Errorf("after run 3: %v, want %v", got, want)
	}
	checkColumnsAgree(t, ix, Query{})
	ix.Close()
}

func TestDeleteDuplicates(t *testing.T) {
	portal := DocumentID(dedupArticles[1])
	tests := []struct {
		name   string
		delete []string
		want   map[string][]string
		docs   int
	}{
		{"exact copy", []string{portal},
			map[string][]string{"wire": sortedIDs("wire", "edited", "hk"), "other": {"other"}}, 4},
		{"document with a copy: the copy stands for it", []string{"wire"},
			map[string][]string{portal: sortedIDs(portal, "edited", "hk"), "other": {"other"}}, 4},
		{"representative: the next earliest member", []string{"wire", portal},
			map[string][]string{"edited": sortedIDs("edited", "hk"), "other": {"other"}}, 3},
		{"member", []string{"hk"},
			map[string][]string{"wire": sortedIDs("wire", portal, "edited"), "other": {"other"}}, 3},
		{"every report", []string{"wire", portal, "edited", "hk"},
			map[string][]string{"other": {"other"}}, 1},
		{"unknown id", []string{"nope"},
			map[string][]string{"wire": sortedIDs("wire", portal, "edited", "hk"), "other": {"other"}}, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix, _ := openTemp(t)
			defer ix.Close()
			runIndexer(t, ix, dedupArticles[:5])
			w := ix.NewWriter(0)
			if err := w.Delete(tt.delete...); err != nil {
				t.Fatal(err)
			}
			if got := clusterView(t, ix, Query{}); !equalView(got, tt.want) {
				t.Errorf("clusters %v, want %v", got, tt.want)
			}
			if n, _ := ix.Count(); int(n) != tt.docs {
				t.Errorf("%d documents, want %d", n, tt.docs)
			}
			for _, id := range tt.delete {
				if _, err := ix.Document(context.Background(), id); err == nil {
					t.Errorf("deleted report %s is still found", id)
				}
			}
		})
	}
}

func TestNoDedup(t *testing.T) {
	ix, _ := openTemp(t)
	defer ix.Close()
	in := make(chan Item, len(dedupArticles))
	for _, a := range dedupArticles {
		in <- Item{Article: a}
	}
	close(in)
	if _, err := (Pipeline{NoDedup: true}).Run(context.Background(), ix, in); err != nil {
		t.Fatal(err)
	}
	if got := clusterView(t, ix, Query{}); len(got) != len(dedupArticles) {
		t.Errorf("%d hits without dedup, want %d", len(got), len(dedupArticles))
	}
}
