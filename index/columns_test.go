package index

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"
)

// TestColumnsMatchBleve runs the same searches with facet columns and with
// bleve's own facets and compares the answers whole: hits and their order,
// scores, highlights, totals, every facet, and the pages cursors lead to.
func TestColumnsMatchBleve(t *testing.T) {
	ix := newTestIndex(t, demoArticles(t, 23, 160))
	if !ix.columnsReady() {
		t.Fatal("columns not built for a small index")
	}
	comparePaths(t, ix, func(q Query) []string { return pages(t, ix, q, false) },
		func(q Query) []string { return pages(t, ix, q, true) })
}

// comparePaths runs a set of searches, every sort and several page sizes,
// two ways, and reports the pages that differ.
func comparePaths(t *testing.T, ix *Index, fast, slow func(Query) []string) {
	t.Helper()
	res, err := ix.Search(context.Background(), Query{})
	if err != nil {
		t.Fatal(err)
	}
	p1 := res.Facets[FacetProvince][0].Value
	s1 := res.Facets[FacetSector][0].Value
	src := res.Facets[FacetSource][0].Value
	queries := []Query{
		{},
		{Text: "项目"},
		{Text: "签约 OR project", Provinces: []string{p1}},
		{Text: "-新能源", Sectors: []string{s1}, Lang: "zh"},
		{Provinces: []string{p1}, AmountMin: ptrF(1e9), DateFrom: "2021-01-01", DateTo: "2024-06-30"},
		{Sources: []string{src}, AmountMax: ptrF(1e10)},
		{Text: `"总投资"`, DateFrom: "2023-01-01", DateTo: "2023-02-15"},
		{Text: `"总投资" -"重点项目"`},
		{Text: "Liaocheng"},
		{Text: "nothingmatchesthis"},
	}
	for i, q := range queries {
		for _, s := range Sorts {
			for _, size := range []int{1, 7, 100} {
				q := q
				q.Sort, q.Size = s, size
				name := fmt.Sprintf("%d/%s/%d", i, s, size)
				a, b := fast(q), slow(q)
				if len(a) != len(b) {
					t.Errorf("%s: %d pages one way, %d the other", name, len(a), len(b))
					continue
				}
				for p := range a {
					if a[p] != b[p] {
						t.Errorf("%s page %d differs:\nfirst  %s\nsecond %s", name, p, a[p], b[p])
						break
					}
				}
			}
		}
	}
}

// pages follows cursors through a search, up to 5 pages, and returns each
// page as JSON without the timing and the cursor itself.
func pages(t *testing.T, ix *Index, q Query, bleveOnly bool) []string {
	t.Helper()
	ix.search.noColumns.Store(bleveOnly)
	defer ix.search.noColumns.Store(false)
	var out []string
	for range 5 {
		res, err := ix.Search(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		next := res.NextCursor
		res.TookMS, res.NextCursor = 0, ""
		raw, _ := json.Marshal(res)
		out = append(out, string(raw)+fmt.Sprintf(" more:%v", next != ""))
		if next == "" {
			break
		}
		q.Cursor = next
	}
	return out
}

// TestCursorsCrossPaths checks that a cursor made with columns works
// without them, and the other way round.
func TestCursorsCrossPaths(t *testing.T) {
	ix := newTestIndex(t, demoArticles(t, 29, 60))
	for _, s := range Sorts {
		q := Query{Text: "项目 OR project", Sort: s, Size: 5}
		want := allIDs(t, ix, Query{Text: q.Text, Sort: s}, 100)
		var got []string
		for i := 0; ; i++ {
			ix.search.noColumns.Store(i%2 == 1)
			res, err := ix.Search(context.Background(), q)
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range res.Hits {
				got = append(got, h.ID)
			}
			if res.NextCursor == "" {
				break
			}
			q.Cursor = res.NextCursor
		}
		ix.search.noColumns.Store(false)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("sort %s: alternating paths gave\n%v\nwant\n%v", s, got, want)
		}
	}
}

// TestPassCacheMatchesPass checks that a search answered from cached
// passes gives the answers of one that runs its pass.
func TestPassCacheMatchesPass(t *testing.T) {
	ix := newTestIndex(t, demoArticles(t, 37, 160))
	ix.search.cacheAll = true
	comparePaths(t, ix, func(q Query) []string {
		pages(t, ix, q, false) // fills the cache
		return pages(t, ix, q, false)
	}, func(q Query) []string {
		ix.SetPassCache(0)
		defer ix.SetPassCache(DefaultPassCacheBytes)
		return pages(t, ix, q, false)
	})
	if c := ix.columnsFor(); c == nil || c.passes.hits.Load() == 0 {
		t.Error("no search was answered from the pass cache")
	}
}

// TestPassCacheInvalidation checks that cached passes end with their
// snapshot: reports added or deleted after a pass was cached are found or
// gone in the next search.
func TestPassCacheInvalidation(t *testing.T) {
	ix := newTestIndex(t, demoArticles(t, 41, 80))
	ix.search.cacheAll = true
	q := Query{Text: "项目", Sort: "-date", Size: 5}
	search := func() *Result {
		t.Helper()
		res, err := ix.Search(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	// A background merge of the fresh index's segments makes a new snapshot,
	// with new columns and an empty cache; the two searches are compared on
	// one snapshot, tried again if a merge came between them.
	var before *Result
	for try := 0; ; try++ {
		c := ix.columnsFor()
		before = search()
		replays := c.passes.hits.Load()
		again := search()
		if ix.columnsFor() != c && try < 20 {
			continue
		}
		if again.Total != before.Total || c.passes.hits.Load() != replays+1 {
			t.Fatalf("second search: total %d (want %d), %d replays (want 1)", again.Total, before.Total, c.passes.hits.Load()-replays)
		}
		break
	}

	w := ix.NewWriter(1)
	late := Article{ID: "late", Title: "新项目签约", Body: "2030年聊城新签约重大项目一个，总投资5亿元。",
		Date: time.Date(2030, 1, 2, 0, 0, 0, 0, time.UTC)}
	if err := w.Add(context.Background(), ix.Prepare(late)); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	added := search()
	if added.Total != before.Total+1 || len(added.Hits) == 0 || added.Hits[0].ID != "late" {
		t.Fatalf("after adding: total %d (want %d), first hit %v", added.Total, before.Total+1, hitIDs(added))
	}

	if err := w.Delete("late"); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	if gone := search(); gone.Total != before.Total || fmt.Sprint(hitIDs(gone)) != fmt.Sprint(hitIDs(before)) {
		t.Fatalf("after deleting: total %d (want %d), hits %v (want %v)", gone.Total, before.Total, hitIDs(gone), hitIDs(before))
	}
}
