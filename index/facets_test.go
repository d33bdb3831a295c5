package index

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/investnews/regionsearch/internal/democorpus"
)

// demoArticles returns n reports of the demo corpus generator.
func demoArticles(t testing.TB, seed int64, n int) []Article {
	t.Helper()
	var out []Article
	err := democorpus.Generate(seed, n, func(r democorpus.Report) error {
		a := Article{ID: r.ID, URL: r.URL, Title: r.Title, Source: r.Source, Lang: r.Lang, Body: r.Body}
		if d, err := time.Parse(time.DateOnly, r.Date); err == nil {
			a.Date = d
		}
		out = append(out, a)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// allIDs pages through every hit of q with cursors and returns the ids in
// order.
func allIDs(t *testing.T, ix *Index, q Query, size int) []string {
	t.Helper()
	q.Size = size
	var ids []string
	for page := 0; ; page++ {
		res, err := ix.Search(context.Background(), q)
		if err != nil {
			t.Fatalf("page %d: %v", page, err)
		}
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		if res.NextCursor == "" {
			if uint64(len(ids)) != res.Total {
				t.Errorf("cursor paging gave %d hits, total %d", len(ids), res.Total)
			}
			return ids
		}
		if page > 10000 {
			t.Fatal("cursor paging does not end")
		}
		q.Cursor = res.NextCursor
	}
}

// docFilter is a brute-force evaluation of Query filters on a Document.
type docFilter struct {
	q       Query
	ix      *Index
	f       filters
	matched map[string]bool // ids matching the text
}

func (df docFilter) pass(d *Document, skip string) bool {
	if !df.matched[d.ID] {
		return false
	}
	anyOf := func(facet string, selected []string, have []string) bool {
		if skip == facet || len(selected) == 0 {
			return true
		}
		for _, s := range selected {
			if slices.Contains(have, s) {
				return true
			}
		}
		return false
	}
	codes := func(ps []PlaceRef) []string {
		var out []string
		for _, p := range ps {
			out = append(out, p.Code)
		}
		return out
	}
	keys := func(ss []SectorRef) []string {
		var out []string
		for _, s := range ss {
			out = append(out, s.Key)
		}
		return out
	}
	f := df.f
	ok := anyOf(FacetProvince, f.provinces, codes(d.Provinces)) &&
		anyOf(FacetCity, f.cities, codes(d.Cities)) &&
		anyOf(FacetSector, f.sectors, keys(d.Sectors)) &&
		anyOf(FacetSubsector, f.subsectors, keys(d.Subsectors)) &&
		anyOf(FacetSource, f.sources, []string{d.Source})
	if f.lang != "" && skip != FacetLang && d.Lang != f.lang {
		ok = false
	}
	if skip != FacetAmount && (f.amountMin != nil || f.amountMax != nil) {
		if d.AmountCNY == nil || f.amountMin != nil && *d.AmountCNY < *f.amountMin ||
			f.amountMax != nil && *d.AmountCNY >= *f.amountMax {
			ok = false
		}
	}
	if skip != FacetDate && (f.dateFrom != nil || f.dateTo != nil) {
		t, err := time.Parse(time.DateOnly, d.Date)
		if err != nil || f.dateFrom != nil && t.Before(*f.dateFrom) || f.dateTo != nil && t.After(*f.dateTo) {
			ok = false
		}
	}
	return ok
}

// values returns the values a document has for a facet.
func facetValuesOf(d *Document, facet string) []string {
	var out []string
	switch facet {
	case FacetProvince:
		for _, p := range d.Provinces {
			out = append(out, p.Code)
		}
	case FacetCity:
		for _, p := range d.Cities {
			out = append(out, p.Code)
		}
	case FacetSector:
		for _, s := range d.Sectors {
			out = append(out, s.Key)
		}
	case FacetSubsector:
		for _, s := range d.Subsectors {
			out = append(out, s.Key)
		}
	case FacetSource:
		if d.Source != "" {
			out = append(out, d.Source)
		}
	case FacetLang:
		out = append(out, d.Lang)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// TestFacetsBruteForce checks every facet count of a set of searches over
// demo reports against counts computed one document at a time.
func TestFacetsBruteForce(t *testing.T) {
	arts := demoArticles(t, 7, 200)
	ix := newTestIndex(t, arts)
	docs := make([]*Document, len(arts))
	for i, a := range arts {
		docs[i] = ix.Prepare(a)
	}
	// The most frequent values make filters that select something.
	top := func(facet string, k int) string {
		counts := map[string]int{}
		for _, d := range docs {
			for _, v := range facetValuesOf(d, facet) {
				counts[v]++
			}
		}
		var vs []string
		for v := range counts {
			vs = append(vs, v)
		}
		sort.Slice(vs, func(i, j int) bool {
			if counts[vs[i]] != counts[vs[j]] {
				return counts[vs[i]] > counts[vs[j]]
			}
			return vs[i] < vs[j]
		})
		if k >= len(vs) {
			t.Fatalf("facet %s has %d values", facet, len(vs))
		}
		return vs[k]
	}
	p1, p2 := top(FacetProvince, 0), top(FacetProvince, 1)
	s1, ss1 := top(FacetSector, 0), top(FacetSubsector, 0)
	src := top(FacetSource, 0)
	queries := []Query{
		{},
		{Provinces: []string{p1}},
		{Provinces: []string{p1, p2}, Sectors: []string{s1}},
		{Sectors: []string{s1}, Lang: "en", AmountMin: ptrF(1e9), AmountMax: ptrF(1e11)},
		{Subsectors: []string{ss1}, DateFrom: "2020-01-01", DateTo: "2024-12-31"},
		{Sectors: []string{s1}, DateFrom: "2022-01-01", DateTo: "2023-06-30"},
		{Sources: []string{src}, Provinces: []string{p1}},
		{Sectors: []string{ss1}}, // a subsector id given as sector
		{Text: "签约", Provinces: []string{p1}, Lang: "zh"},
		{Text: "project", DateFrom: "2021-03-01", DateTo: "2021-05-15"},
		{Text: "项目 -新能源", AmountMax: ptrF(1e9)},
	}
	for i, q := range queries {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			f, err := ix.resolveFilters(q)
			if err != nil {
				t.Fatal(err)
			}
			df := docFilter{q: q, ix: ix, f: f, matched: map[string]bool{}}
			for _, id := range allIDs(t, ix, Query{Text: q.Text}, 100) {
				df.matched[id] = true
			}
			res, err := ix.Search(context.Background(), q)
			if err != nil {
				t.Fatal(err)
			}
			var want int
			for _, d := range docs {
				if df.pass(d, "") {
					want++
				}
			}
			if res.Total != uint64(want) || want == 0 && q.Text == "" {
				t.Errorf("total %d, brute force %d", res.Total, want)
			}
			for name, tf := range termFacets {
				counts := map[string]int{}
				for _, d := range docs {
					if df.pass(d, name) {
						for _, v := range facetValuesOf(d, name) {
							counts[v]++
						}
					}
				}
				if name == FacetCity && len(f.provinces) == 1 {
					for v := range counts {
						if v[:2] != f.provinces[0][:2] {
							delete(counts, v)
						}
					}
				}
				listed := map[string]bool{}
				for _, v := range res.Facets[name] {
					listed[v.Value] = true
					if v.Count != counts[v.Value] {
						t.Errorf("%s %s: %d, brute force %d", name, v.Value, v.Count, counts[v.Value])
					}
				}
				if len(res.Facets[name]) < tf.size {
					for v, n := range counts {
						if !listed[v] && n > 0 {
							t.Errorf("%s %s (%d) not listed", name, v, n)
						}
					}
				}
			}
			for _, v := range res.Facets[FacetAmount] {
				n := 0
				for _, d := range docs {
					if df.pass(d, FacetAmount) && d.AmountCNY != nil && *d.AmountCNY >= *v.Min && (v.Max == nil || *d.AmountCNY < *v.Max) {
						n++
					}
				}
				if v.Count != n {
					t.Errorf("amount %s: %d, brute force %d", v.Value, v.Count, n)
				}
			}
			dated := 0
			for _, v := range res.Facets[FacetDate] {
				from, to, ok := DateValueRange(v.Value)
				if !ok {
					t.Fatalf("date value %q", v.Value)
				}
				n := 0
				for _, d := range docs {
					if dd, err := time.Parse(time.DateOnly, d.Date); err == nil && df.pass(d, FacetDate) && !dd.Before(from) && !dd.After(to) {
						n++
					}
				}
				if v.Count != n {
					t.Errorf("date %s: %d, brute force %d", v.Value, v.Count, n)
				}
				dated += n
			}
			if q.DateFrom == "" && res.Total > 0 && dated == 0 {
				t.Errorf("empty date histogram: %v", res.Facets[FacetDate])
			}
		})
	}
}
