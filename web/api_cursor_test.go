package web

import (
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/investnews/regionsearch/index"
)

func TestSearchParamsCursorAndNewFilters(t *testing.T) {
	f := &fakeSearcher{}
	h, _ := newTestServer(t, f)
	rec := get(t, h, "/api/search?subsector=1.2&subsector=5.1&source=%E7%A4%BA%E4%BE%8B%E7%BD%91&cursor=eyJ2IjoxfQ&size=5")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	want := index.Query{Page: 1, Size: 5, Sort: "relevance", Subsectors: []string{"1.2", "5.1"},
		Sources: []string{"示例网"}, Cursor: "eyJ2IjoxfQ"}
	if got := f.lastQuery(t); !reflect.DeepEqual(got, want) {
		t.Errorf("query =\n%#v\nwant\n%#v", got, want)
	}

	for _, tt := range []struct{ query, want string }{
		{"cursor=not%20a%20cursor", "cursor is not valid"},
		{"cursor=" + strings.Repeat("A", maxCursorLength+1), "cursor is not valid"},
		{"cursor=abc&cursor=def", "cursor is given 2 times"},
		{"cursor=abc&page=2", "give either page or cursor"},
		{"page=501", "follow next_cursor"},
		{"subsector=" + strings.Repeat("x", 101), "subsector value"},
	} {
		rec := get(t, h, "/api/search?"+tt.query)
		if rec.Code != http.StatusBadRequest {
			t.Errorf("%s: status %d", tt.query[:min(len(tt.query), 30)], rec.Code)
			continue
		}
		if e := errorFromBody(t, rec.Body); !strings.Contains(e.Error.Message, tt.want) {
			t.Errorf("%s: message %q, want %q", tt.query[:min(len(tt.query), 30)], e.Error.Message, tt.want)
		}
	}
}

func TestAPISearchNextCursor(t *testing.T) {
	f := &fakeSearcher{SearchFn: func(_ context.Context, q index.Query) (*index.Result, error) {
		if q.Cursor == "bad" {
			return nil, index.Errorf(index.KindInvalid, "cursor is not valid: pass the next_cursor of the previous page unchanged")
		}
		return &index.Result{Total: 30000, NextCursor: "next-" + q.Cursor}, nil
	}}
	h, _ := newTestServer(t, f)
	rec := get(t, h, "/api/search?cursor=abc")
	var got struct {
		NextCursor string `json:"next_cursor"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || got.NextCursor != "next-abc" {
		t.Errorf("next_cursor %q, %v: %s", got.NextCursor, err, rec.Body)
	}
	// A well-formed cursor the index refuses is a 400 too.
	rec = get(t, h, "/api/search?cursor=bad")
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "cursor is not valid") {
		t.Errorf("bad cursor: %d %s", rec.Code, rec.Body)
	}
}

func TestSearchPageCursorLink(t *testing.T) {
	f := &fakeSearcher{SearchFn: func(_ context.Context, q index.Query) (*index.Result, error) {
		return &index.Result{Total: 30000, NextCursor: "CUR", Hits: []index.Hit{{ID: "a", Title: "x"}},
			Facets: map[string][]index.FacetValue{"date": {{Value: "2023-W14", Count: 3}, {Value: "2023-W15", Count: 1}}}}, nil
	}}
	h, _ := newTestServer(t, f)
	// On the last page of the window, "next" follows the cursor.
	body := get(t, h, "/?q=x&page=500").Body.String()
	if !strings.Contains(body, "cursor=CUR") {
		t.Error("the last page of the window has no cursor link")
	}
	// On a cursor page, "next" follows the next cursor and week bars link
	// to their week.
	body = get(t, h, "/?q=x&cursor=ABC").Body.String()
	if !strings.Contains(body, "cursor=CUR") {
		t.Error("a cursor page has no next link")
	}
	if !strings.Contains(body, "date_from=2023-04-03&amp;date_to=2023-04-09") {
		t.Error("week bar does not link to its week")
	}
}
