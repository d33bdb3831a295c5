package index

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// searchCase is one case of the search conformance table: documents (nil
// means testArticles), a query, and what must come back. wantFacets lists,
// per facet, the counts of some values; a count of -1 means the value must
// not be listed.
type searchCase struct {
	name       string
	docs       []Article
	query      Query
	wantIDs    []string // sorted
	wantTotal  int      // -1: len(wantIDs)
	wantFacets map[string]map[string]int
}

func TestSearchTable(t *testing.T) {
	shared := newTestIndex(t, testArticles)
	all := []string{"gd-gz", "gd-hz", "js-jy", "sd-en", "sd-sic", "xss"}
	tests := []searchCase{
		{name: "lang, source and year facets", query: Query{}, wantIDs: all, wantTotal: -1,
			wantFacets: map[string]map[string]int{
				FacetLang:   {"zh": 3, "en": 3},
				FacetSource: {"示例网": 3, "Example Wire": 2},
				FacetDate:   {"2023": 3, "2024": 2, "2025": 1},
			}},
		{name: "lang facet ignores its own filter", query: Query{Lang: "en"},
			wantIDs: []string{"js-jy", "sd-en", "xss"}, wantTotal: -1,
			wantFacets: map[string]map[string]int{
				FacetLang:   {"zh": 3, "en": 3},
				FacetSource: {"示例网": -1, "Example Wire": 2},
			}},
		{name: "source filter", query: Query{Sources: []string{"Example Wire"}},
			wantIDs: []string{"js-jy", "sd-en"}, wantTotal: -1,
			wantFacets: map[string]map[string]int{
				FacetSource: {"示例网": 3, "Example Wire": 2},
				FacetLang:   {"en": 2, "zh": -1},
			}},
		{name: "two sources OR", query: Query{Sources: []string{"Example Wire", "示例网"}},
			wantIDs: []string{"gd-gz", "gd-hz", "js-jy", "sd-en", "sd-sic"}, wantTotal: -1},
		{name: "unknown source selected is listed with zero", query: Query{Sources: []string{"Nowhere Daily"}},
			wantIDs: nil, wantTotal: 0,
			wantFacets: map[string]map[string]int{FacetSource: {"Nowhere Daily": 0, "示例网": 3}}},
		{name: "year filter gives months", query: Query{DateFrom: "2024-01-01", DateTo: "2024-12-31"},
			wantIDs: []string{"gd-gz", "gd-hz"}, wantTotal: -1,
			wantFacets: map[string]map[string]int{FacetDate: {"2024-01": 0, "2024-05": 1, "2024-06": 1, "2024-12": 0, "2023": -1}}},
		{name: "a quarter gives weeks", query: Query{DateFrom: "2023-03-01", DateTo: "2023-05-31"},
			wantIDs: []string{"sd-en", "sd-sic"}, wantTotal: -1,
			wantFacets: map[string]map[string]int{FacetDate: {"2023-W13": 2, "2023-W09": 0, "2023-W22": 0, "2023-03": -1}}},
		{name: "open-ended date filter runs to the last year", query: Query{DateFrom: "2024-01-01"},
			wantIDs: []string{"gd-gz", "gd-hz", "xss"}, wantTotal: -1,
			wantFacets: map[string]map[string]int{FacetDate: {"2024-05": 1, "2025-01": 1, "2024-04": 0}}},
		{name: "hits in one year give months", query: Query{Text: "广东"},
			wantIDs: []string{"gd-gz", "gd-hz"}, wantTotal: -1,
			wantFacets: map[string]map[string]int{FacetDate: {"2024-05": 1, "2024-06": 1, "2024": -1, "2024-04": -1}}},
		{name: "hits in one year give months, trimmed", query: Query{Text: "Liaocheng"},
			wantIDs: []string{"sd-en", "sd-sic"}, wantTotal: -1,
			wantFacets: map[string]map[string]int{FacetDate: {"2023-03": 1, "2023-04": 1, "2023-02": -1, "2023-05": -1}}},
		{name: "hits in one month give weeks", query: Query{Text: "碳化硅"},
			wantIDs: []string{"sd-sic"}, wantTotal: -1,
			wantFacets: map[string]map[string]int{FacetDate: {"2023-W13": 1, "2023-03": -1}}},
		{name: "city drill-down lists the province's cities", query: Query{Provinces: []string{"Guangdong"}},
			wantIDs: []string{"gd-gz", "gd-hz"}, wantTotal: -1,
			wantFacets: map[string]map[string]int{
				FacetCity:     {"440100": 1, "441300": 1, "371500": -1},
				FacetProvince: {"440000": 2, "370000": 2, "320000": 1},
			}},
		{name: "amount buckets", query: Query{},
			wantIDs: all, wantTotal: -1,
			wantFacets: map[string]map[string]int{FacetAmount: {"1e9-1e10": 4, "1e8-1e9": 1, "1e11-": 1, "0-1e8": 0}}},
		{name: "amount facet ignores its own filter", query: Query{AmountMin: ptrF(1e10)},
			wantIDs: []string{"js-jy"}, wantTotal: -1,
			wantFacets: map[string]map[string]int{FacetAmount: {"1e9-1e10": 4, "1e11-": 1}, FacetProvince: {"320000": 1, "370000": -1}}},
		{name: "one Chinese character does not match everything", query: Query{Text: "城"},
			wantTotal: -2},
		{name: "own documents", docs: []Article{
			{ID: "a", Title: "武汉签约光电子项目", Date: day("2022-02-02"), Source: "S1", Body: "湖北省武汉市签约光电子项目，总投资10亿元。"},
			{ID: "b", Title: "Wuhan photonics", Date: day("2022-02-03"), Source: "S2", Body: "Wuhan, Hubei Province, signed a photonics project worth 1 billion yuan."},
		}, query: Query{Text: "武汉"}, wantIDs: []string{"a", "b"}, wantTotal: -1,
			wantFacets: map[string]map[string]int{FacetSource: {"S1": 1, "S2": 1}, FacetDate: {"2022-W05": 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := shared
			if tt.docs != nil {
				ix = newTestIndex(t, tt.docs)
			}
			res, err := ix.Search(context.Background(), tt.query)
			if err != nil {
				t.Fatal(err)
			}
			switch tt.wantTotal {
			case -2: // neither everything nor nothing
				n, _ := ix.Count()
				if res.Total >= n {
					t.Errorf("total %d of %d documents (parsed %s)", res.Total, n, res.Parsed)
				}
			case -1:
				tt.wantTotal = len(tt.wantIDs)
				fallthrough
			default:
				if got := hitIDs(res); !slices.Equal(got, tt.wantIDs) {
					t.Errorf("hits %v, want %v (parsed %s)", got, tt.wantIDs, res.Parsed)
				}
				if res.Total != uint64(tt.wantTotal) {
					t.Errorf("total %d, want %d", res.Total, tt.wantTotal)
				}
			}
			checkFacets(t, res, tt.wantFacets)
			for _, name := range FacetNames {
				if _, ok := res.Facets[name]; !ok {
					t.Errorf("facet %s missing", name)
				}
			}
			// The same total and facets with one hit per page.
			q := tt.query
			q.Size = 1
			small, err := ix.Search(context.Background(), q)
			if err != nil || small.Total != res.Total {
				t.Fatalf("size 1: total %v err %v, want %d", small.Total, err, res.Total)
			}
			checkFacets(t, small, tt.wantFacets)
		})
	}
}

func ptrF(v float64) *float64 { return &v }

func checkFacets(t *testing.T, res *Result, want map[string]map[string]int) {
	t.Helper()
	for name, values := range want {
		got := map[string]int{}
		for _, v := range res.Facets[name] {
			got[v.Value] = v.Count
		}
		for value, n := range values {
			c, ok := got[value]
			switch {
			case n < 0 && ok:
				t.Errorf("facet %s lists %s (%d)", name, value, c)
			case n >= 0 && !ok:
				t.Errorf("facet %s lacks %s; has %v", name, value, res.Facets[name])
			case n >= 0 && c != n:
				t.Errorf("facet %s: %s = %d, want %d", name, value, c, n)
			}
		}
	}
}

func TestFacetValueOrder(t *testing.T) {
	ix := newTestIndex(t, testArticles)
	res, err := ix.Search(context.Background(), Query{})
	if err != nil {
		t.Fatal(err)
	}
	for name, vs := range res.Facets {
		switch name {
		case FacetDate:
			if !slices.IsSortedFunc(vs, func(a, b FacetValue) int { return strings.Compare(a.Value, b.Value) }) {
				t.Errorf("date facet not in time order: %v", vs)
			}
		case FacetAmount:
		default:
			for i := 1; i < len(vs); i++ {
				if vs[i-1].Count < vs[i].Count || vs[i-1].Count == vs[i].Count && vs[i-1].Value > vs[i].Value {
					t.Errorf("facet %s out of order at %d: %v", name, i, vs)
				}
			}
		}
	}
	for _, v := range res.Facets[FacetProvince] {
		if v.NameZh == "" || v.NameEn == "" {
			t.Errorf("province %s without names", v.Value)
		}
	}
}

func TestDateValueRange(t *testing.T) {
	tests := []struct{ in, from, to string }{
		{"2023", "2023-01-01", "2023-12-31"},
		{"2024-02", "2024-02-01", "2024-02-29"},
		{"2023-W14", "2023-04-03", "2023-04-09"},
		{"2020-W53", "2020-12-28", "2021-01-03"},
		{"2025-W01", "2024-12-30", "2025-01-05"},
		{"2023-03-30", "2023-03-30", "2023-03-30"},
		{"2023-W53", "", ""},
		{"2023-W00", "", ""},
		{"2023-13", "", ""},
		{"x", "", ""},
	}
	for _, tt := range tests {
		from, to, ok := DateValueRange(tt.in)
		if !ok {
			if tt.from != "" {
				t.Errorf("DateValueRange(%q) failed", tt.in)
			}
			continue
		}
		if got := from.Format(time.DateOnly) + " " + to.Format(time.DateOnly); got != tt.from+" "+tt.to {
			t.Errorf("DateValueRange(%q) = %s, want %s %s", tt.in, got, tt.from, tt.to)
		}
		if strings.Contains(tt.in, "W") && WeekValue(from) != tt.in {
			t.Errorf("WeekValue(%s) = %s, want %s", from, WeekValue(from), tt.in)
		}
	}
	for _, tt := range []struct {
		from, to, want string
	}{
		{"2019-01-01", "2026-12-31", IntervalYear},
		{"2023-01-01", "2024-12-31", IntervalMonth},
		{"2023-01-01", "2023-12-31", IntervalMonth},
		{"2023-01-01", "2023-03-31", IntervalWeek},
		{"2023-03-01", "2023-03-01", IntervalWeek},
	} {
		if got := intervalFor(day(tt.from), day(tt.to)); got != tt.want {
			t.Errorf("intervalFor(%s, %s) = %s, want %s", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestSearchLimit(t *testing.T) {
	ix := newTestIndex(t, testArticles[:1])
	ix.SetSearchLimit(1, 20*time.Millisecond)
	release, err := ix.search.acquire(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	_, err = ix.Search(context.Background(), Query{})
	if KindOf(err) != KindUnavailable || !strings.Contains(MessageOf(err), "too many searches") {
		t.Errorf("search over the limit: %v", err)
	}
	release()
	if _, err := ix.Search(context.Background(), Query{}); err != nil {
		t.Errorf("search after release: %v", err)
	}
	// Under the limit, concurrent searches all succeed.
	ix.SetSearchLimit(2, time.Minute)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Go(func() {
			_, err := ix.Search(context.Background(), Query{Text: "碳化硅"})
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

func TestDeepPaging(t *testing.T) {
	ix := newTestIndex(t, testArticles[:1])
	_, err := ix.Search(context.Background(), Query{Page: 501, Size: 20})
	if !errors.Is(err, ErrBadQuery) || !strings.Contains(MessageOf(err), "next_cursor") {
		t.Errorf("page 501: %v", err)
	}
	if _, err := ix.Search(context.Background(), Query{Page: 500, Size: 20}); err != nil {
		t.Errorf("page 500: %v", err)
	}
	_, err = ix.Search(context.Background(), Query{Page: 2, Cursor: "x"})
	if !errors.Is(err, ErrBadQuery) {
		t.Errorf("page and cursor: %v", err)
	}
}
