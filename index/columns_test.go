package index

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
)

// TestColumnsMatchBleve runs the same searches with facet columns and with
// bleve's own facets and compares the answers whole: hits and their order,
// scores, highlights, totals, every facet, and the pages cursors lead to.
func TestColumnsMatchBleve(t *testing.T) {
	ix := newTestIndex(t, demoArticles(t, 23, 160))
	if !ix.columnsReady() {
		t.Fatal("columns not built for a small index")
	}
	p1 := ""
	res, err := ix.Search(context.Background(), Query{})
	if err != nil {
		t.Fatal(err)
	}
	p1 = res.Facets[FacetProvince][0].Value
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
		{Text: "Liaocheng"},
		{Text: "nothingmatchesthis"},
	}
	for i, q := range queries {
		for _, s := range Sorts {
			for _, size := range []int{1, 7, 100} {
				q := q
				q.Sort, q.Size = s, size
				name := fmt.Sprintf("%d/%s/%d", i, s, size)
				fast, slow := pages(t, ix, q, false), pages(t, ix, q, true)
				if len(fast) != len(slow) {
					t.Errorf("%s: %d pages with columns, %d without", name, len(fast), len(slow))
					continue
				}
				for p := range fast {
					if fast[p] != slow[p] {
						t.Errorf("%s page %d differs:\ncolumns %s\nbleve   %s", name, p, fast[p], slow[p])
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
