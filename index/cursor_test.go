package index

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

// pageIDs returns the ids of every hit of q, paging by page number.
func pageIDs(t *testing.T, ix *Index, q Query) []string {
	t.Helper()
	q.Size = MaxSize
	var ids []string
	for q.Page = 1; ; q.Page++ {
		res, err := ix.Search(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		if len(res.Hits) < q.Size {
			return ids
		}
	}
}

func TestCursorPaging(t *testing.T) {
	arts := demoArticles(t, 11, 150)
	// Some reports without a date and without an amount, to sort last.
	arts[3].Date, arts[5].Date = time.Time{}, time.Time{}
	arts[7].Body = "某地签约一个项目。"
	ix := newTestIndex(t, arts)
	docs := map[string]*Document{}
	for _, a := range arts {
		d := ix.Prepare(a)
		docs[d.ID] = d
	}
	for _, text := range []string{"", "项目", "project OR 签约"} {
		for _, s := range Sorts {
			q := Query{Text: text, Sort: s}
			byPage := pageIDs(t, ix, q)
			byCursor := allIDs(t, ix, q, 7)
			if !slices.Equal(byPage, byCursor) {
				t.Errorf("%q sort %s: cursor order differs from page order\n%v\n%v", text, s, byPage, byCursor)
			}
			if len(byPage) == 0 {
				t.Errorf("%q: no hits", text)
			}
			seen := map[string]bool{}
			for _, id := range byCursor {
				if seen[id] {
					t.Errorf("%q sort %s: %s twice", text, s, id)
				}
				seen[id] = true
			}
			checkSorted(t, s, byPage, docs)
		}
	}
}

// checkSorted checks a date or amount order: by the value, missing values
// last both ways, ties by id.
func checkSorted(t *testing.T, s string, ids []string, docs map[string]*Document) {
	t.Helper()
	if s == "relevance" {
		return
	}
	// key returns a comparable value: -1 is missing.
	key := func(id string) float64 {
		d := docs[id]
		if strings.TrimPrefix(s, "-") == "date" {
			tm, err := time.Parse(time.DateOnly, d.Date)
			if err != nil {
				return -1
			}
			return float64(tm.Unix())
		}
		if d.AmountCNY == nil {
			return -1
		}
		return *d.AmountCNY
	}
	desc := strings.HasPrefix(s, "-")
	for i := 1; i < len(ids); i++ {
		a, b := key(ids[i-1]), key(ids[i])
		switch {
		case a < 0 && b >= 0:
			t.Errorf("sort %s: %s without a value before %s", s, ids[i-1], ids[i])
		case a >= 0 && b >= 0 && a != b && (a < b) == desc:
			t.Errorf("sort %s: %s (%v) before %s (%v)", s, ids[i-1], a, ids[i], b)
		case a == b && ids[i-1] > ids[i]:
			t.Errorf("sort %s: tie %s before %s, want id order", s, ids[i-1], ids[i])
		}
	}
}

func TestCursorWhileAdding(t *testing.T) {
	arts := demoArticles(t, 13, 160)
	old, added := arts[:120], arts[120:]
	for _, s := range []string{"-date", "amount", "relevance"} {
		t.Run(s, func(t *testing.T) {
			ix := newTestIndex(t, old)
			q := Query{Text: "项目", Sort: s, Size: 9}
			want := pageIDs(t, ix, q)
			seen := map[string]int{}
			for page, next := 0, 0; ; page++ {
				res, err := ix.Search(context.Background(), q)
				if err != nil {
					t.Fatal(err)
				}
				for _, h := range res.Hits {
					seen[h.ID]++
				}
				if page%2 == 0 && next < len(added) { // documents arrive between pages
					w := ix.NewWriter(0)
					for _, a := range added[next:min(next+10, len(added))] {
						if err := w.Add(context.Background(), ix.Prepare(a)); err != nil {
							t.Fatal(err)
						}
					}
					if err := w.Flush(context.Background()); err != nil {
						t.Fatal(err)
					}
					next += 10
				}
				if res.NextCursor == "" {
					break
				}
				q.Cursor = res.NextCursor
			}
			for _, id := range want {
				if seen[id] != 1 {
					t.Errorf("%s seen %d times", id, seen[id])
				}
			}
			for id, n := range seen {
				if n > 1 {
					t.Errorf("%s seen %d times", id, n)
				}
			}
		})
	}
}

func TestCursorErrors(t *testing.T) {
	ix := newTestIndex(t, testArticles)
	res, err := ix.Search(context.Background(), Query{Size: 2, Sort: "-date"})
	if err != nil || res.NextCursor == "" {
		t.Fatalf("first page: %v, cursor %q", err, res.NextCursor)
	}
	for _, tt := range []struct {
		name string
		q    Query
		want string
	}{
		{"garbage", Query{Cursor: "not a cursor!", Sort: "-date"}, "cursor is not valid"},
		{"base64 of garbage", Query{Cursor: "eyJ2IjoxfQ", Sort: "-date"}, "cursor"},
		{"other sort", Query{Cursor: res.NextCursor, Sort: "date"}, "another search"},
		{"other query", Query{Cursor: res.NextCursor, Sort: "-date", Text: "聊城"}, "another search"},
		{"other filter", Query{Cursor: res.NextCursor, Sort: "-date", Lang: "zh"}, "another search"},
		{"page and cursor", Query{Cursor: res.NextCursor, Sort: "-date", Page: 2}, "either page or cursor"},
		{"truncated", Query{Cursor: res.NextCursor[:len(res.NextCursor)/2], Sort: "-date"}, "cursor"},
	} {
		_, err := ix.Search(context.Background(), tt.q)
		if !errors.Is(err, ErrBadQuery) || !strings.Contains(MessageOf(err), tt.want) {
			t.Errorf("%s: %v, want a bad-query error saying %q", tt.name, err, tt.want)
		}
	}
	// The same cursor with another page size is fine.
	next, err := ix.Search(context.Background(), Query{Size: 3, Sort: "-date", Cursor: res.NextCursor})
	if err != nil || len(next.Hits) != 3 || next.Hits[0].ID == res.Hits[1].ID {
		t.Errorf("next page: %v %v", next, err)
	}
	// The last page has no cursor.
	last, err := ix.Search(context.Background(), Query{Size: 10, Sort: "-date", Cursor: res.NextCursor})
	if err != nil || len(last.Hits) != 4 || last.NextCursor != "" {
		t.Errorf("last page: %d hits, cursor %q, %v", len(last.Hits), last.NextCursor, err)
	}
}

func TestCurrentScoreMatchesSearch(t *testing.T) {
	ix := newTestIndex(t, testArticles)
	for _, text := range []string{"签约", "聊城 OR Jiangyin", "project -chip"} {
		for _, q := range []Query{{Text: text}, {Text: text, Provinces: []string{"山东", "江苏"}}} {
			f, _ := ix.resolveFilters(q)
			parsed := parseQuery(q.Text)
			textQ, err := ix.compile(parsed)
			if err != nil {
				t.Fatal(err)
			}
			full := ix.withFilters(textQ, f, "")
			res, err := ix.Search(context.Background(), q)
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range res.Hits {
				s, ok, err := ix.currentScore(context.Background(), full, h.ID)
				if err != nil || !ok || (s*1000+0.5) < h.Score*1000-1 || (s*1000-0.5) > h.Score*1000+1 {
					t.Errorf("%q %s: current score %v (%v %v), search %v", text, h.ID, s, ok, err, h.Score)
				}
			}
		}
	}
}
