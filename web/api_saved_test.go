package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/investnews/regionsearch/index"
	"github.com/investnews/regionsearch/internal/saved"
)

// TestSavedAPICRUD creates, reads, lists, renames, edits and deletes a
// saved search through the API.
func TestSavedAPICRUD(t *testing.T) {
	e := newSavedEnv(t, Options{})
	resp, body := e.do(t, http.MethodPost, "/api/saved-searches",
		`{"name":"  Shandong chips  ","query":{"q":" 碳化硅 ","province":["Shandong","Shandong"],"amount_min":"1e9","sort":"relevance"}}`)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create: %d %s", resp.StatusCode, body)
	}
	var created savedJSON
	if err := decodeStrict(strings.NewReader(body), &created); err != nil {
		t.Fatal(err)
	}
	id := created.ID
	if !saved.ValidID(id) || resp.Header.Get("Location") != "/api/saved-searches/"+id {
		t.Fatalf("id %q, Location %q", id, resp.Header.Get("Location"))
	}
	// Stored in canonical form: trimmed, no duplicates, default sort left out.
	wantQ := saved.Query{Q: "碳化硅", Province: []string{"Shandong"}, AmountMin: "1000000000"}
	if created.Name != "Shandong chips" || !reflect.DeepEqual(created.Query, wantQ) {
		t.Errorf("created %q %+v, want %+v", created.Name, created.Query, wantQ)
	}
	if created.NewCount == nil || *created.NewCount != 0 || created.Links.Feed != "/api/saved-searches/"+id+"/feed.atom" {
		t.Errorf("created view %+v", created)
	}

	get := func() savedJSON {
		t.Helper()
		resp, body := e.do(t, http.MethodGet, "/api/saved-searches/"+id, "")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("get: %d %s", resp.StatusCode, body)
		}
		var v savedJSON
		if err := decodeStrict(strings.NewReader(body), &v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	if got := get(); got.Name != "Shandong chips" || !got.Created.Equal(created.Created) {
		t.Errorf("get %+v", got)
	}

	tests := []struct {
		name     string
		body     string
		wantName string
		wantQ    saved.Query
	}{
		{"rename keeps the query", `{"name":"山东 芯片"}`, "山东 芯片", wantQ},
		{"new query keeps the name", `{"query":{"sector":["next-gen-it"],"subsector":["1.2"],"source":["新华网"],"sort":"-date"}}`, "山东 芯片",
			saved.Query{Sector: []string{"next-gen-it"}, Subsector: []string{"1.2"}, Source: []string{"新华网"}, Sort: "-date"}},
		{"both", `{"name":"Jiangsu","query":{"province":["江苏"],"lang":"zh"}}`, "Jiangsu", saved.Query{Province: []string{"江苏"}, Lang: "zh"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := e.do(t, http.MethodPut, "/api/saved-searches/"+id, tt.body)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("put: %d %s", resp.StatusCode, body)
			}
			if got := get(); got.Name != tt.wantName || !reflect.DeepEqual(got.Query, tt.wantQ) {
				t.Errorf("after put: %q %+v, want %q %+v", got.Name, got.Query, tt.wantName, tt.wantQ)
			}
		})
	}

	e.create(t, `{"name":"second"}`)
	resp, body = e.do(t, http.MethodGet, "/api/saved-searches", "")
	var list savedListJSON
	if err := decodeStrict(strings.NewReader(body), &list); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("list: %d %v %s", resp.StatusCode, err, body)
	}
	if len(list.SavedSearches) != 2 || list.SavedSearches[0].ID != id || list.SavedSearches[1].Name != "second" {
		t.Errorf("list %+v", list)
	}

	if resp, body := e.do(t, http.MethodDelete, "/api/saved-searches/"+id, ""); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("delete: %d %s", resp.StatusCode, body)
	}
	if resp, _ := e.do(t, http.MethodGet, "/api/saved-searches/"+id, ""); resp.StatusCode != http.StatusNotFound {
		t.Errorf("get after delete: %d", resp.StatusCode)
	}
}

// TestSavedAPIErrors checks that bad requests are 400s (or 404, 413) with
// a message saying what to fix, and change nothing.
func TestSavedAPIErrors(t *testing.T) {
	e := newSavedEnv(t, Options{})
	ss := e.create(t, `{"name":"kept","query":{"q":"聊城"}}`)
	one := "/api/saved-searches/" + ss.ID
	tests := []struct {
		name, method, path, body string
		headers                  []string
		status                   int
		want                     string // in the message
	}{
		{"no name", "POST", "/api/saved-searches", `{"query":{}}`, nil, 400, "name is missing"},
		{"empty name", "POST", "/api/saved-searches", `{"name":"  "}`, nil, 400, "name is empty"},
		{"long name", "POST", "/api/saved-searches", `{"name":"` + strings.Repeat("名", 101) + `"}`, nil, 400, "too long (101 characters)"},
		{"control character", "POST", "/api/saved-searches", `{"name":"a\nb"}`, nil, 400, "control characters"},
		{"unknown field", "POST", "/api/saved-searches", `{"name":"x","filters":{}}`, nil, 400, `unknown field "filters"`},
		{"unknown query field", "POST", "/api/saved-searches", `{"name":"x","query":{"page":2}}`, nil, 400, `unknown field "page"`},
		{"not JSON", "POST", "/api/saved-searches", `name=x`, nil, 400, "not valid JSON"},
		{"two values", "POST", "/api/saved-searches", `{"name":"x"} {}`, nil, 400, "more than one JSON value"},
		{"empty body", "POST", "/api/saved-searches", ``, []string{"Content-Type", "application/json"}, 400, "body is empty"},
		{"form content type", "POST", "/api/saved-searches", `{"name":"x"}`, []string{"Content-Type", "text/plain"}, 400, "Content-Type: application/json"},
		{"bad sort", "POST", "/api/saved-searches", `{"name":"x","query":{"sort":"price"}}`, nil, 400, `sort must be one of`},
		{"amounts swapped", "POST", "/api/saved-searches", `{"name":"x","query":{"amount_min":1e10,"amount_max":1e9}}`, nil, 400, "greater than amount_max"},
		{"bad date", "POST", "/api/saved-searches", `{"name":"x","query":{"date_from":"30/03/2023"}}`, nil, 400, "YYYY-MM-DD"},
		{"unknown province", "POST", "/api/saved-searches", `{"name":"x","query":{"province":["Atlantis"]}}`, nil, 400, `unknown province "Atlantis"`},
		{"bad query syntax", "POST", "/api/saved-searches", `{"name":"x","query":{"q":"` + strings.Repeat("碳", 501) + `"}}`, nil, 400, "q is too long"},
		{"too large", "POST", "/api/saved-searches", `{"name":"` + strings.Repeat("x", 70<<10) + `"}`, nil, 413, "larger than 64 KiB"},
		{"put nothing", "PUT", one, `{}`, nil, 400, "nothing to change"},
		{"put bad name", "PUT", one, `{"name":""}`, nil, 400, "name is empty"},
		{"put bad query", "PUT", one, `{"query":{"lang":"fr"}}`, nil, 400, "lang must be zh or en"},
		{"get unknown", "GET", "/api/saved-searches/0123456789abcdef", "", nil, 404, "no saved search with id"},
		{"get malformed id", "GET", "/api/saved-searches/..%2f..", "", nil, 404, ""},
		{"put unknown", "PUT", "/api/saved-searches/0123456789abcdef", `{"name":"x"}`, nil, 404, "no saved search"},
		{"delete unknown", "DELETE", "/api/saved-searches/0123456789abcdef", "", nil, 404, "no saved search"},
		{"results unknown", "GET", "/api/saved-searches/0123456789abcdef/results", "", nil, 404, "no saved search"},
		{"feed unknown", "GET", "/api/saved-searches/zz/feed.atom", "", nil, 404, "no saved search"},
		{"results bad size", "GET", one + "/results?size=1000", "", nil, 400, "size must be"},
		{"results bad mark_seen", "GET", one + "/results?mark_seen=maybe", "", nil, 400, "mark_seen must be true or false"},
		{"import wrong document", "POST", "/api/saved-searches/import", `{"format":"other","version":1,"saved_searches":[]}`, nil, 400, "GET /api/saved-searches/export"},
		{"import bad query", "POST", "/api/saved-searches/import",
			`{"format":"regionsearch-saved-searches","version":1,"saved_searches":[{"name":"ok"},{"name":"bad","query":{"sort":"x"}}]}`, nil, 400, `saved search 2 ("bad"): sort must be`},
		{"import bad id", "POST", "/api/saved-searches/import",
			`{"format":"regionsearch-saved-searches","version":1,"saved_searches":[{"id":"XYZ","name":"ok"}]}`, nil, 400, "16 lowercase hexadecimal digits"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := e.do(t, tt.method, tt.path, tt.body, tt.headers...)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.status, body)
			}
			eb := errorFromBody(t, strings.NewReader(body))
			if !strings.Contains(eb.Error.Message, tt.want) {
				t.Errorf("message %q lacks %q", eb.Error.Message, tt.want)
			}
		})
	}
	list, err := e.store.List(t.Context())
	if err != nil || len(list) != 1 || list[0].Name != "kept" || list[0].Query.Q != "聊城" {
		t.Errorf("after the bad requests the store holds %+v (%v)", list, err)
	}
}

// TestSavedNewCount checks "N new": reports indexed after a search was
// last seen are counted in the list and in its results, and running the
// results marks it seen.
func TestSavedNewCount(t *testing.T) {
	e := newSavedEnv(t, Options{})
	chips := e.create(t, `{"name":"聊城","query":{"q":"聊城"}}`)
	other := e.create(t, `{"name":"Jiangsu","query":{"province":["Jiangsu"]}}`)

	e.add(t,
		index.Article{ID: "lc-new-1", Title: "聊城签约新材料项目", Date: day("2024-05-01"), Body: "山东省聊城市签约新材料项目，总投资12亿元。"},
		index.Article{ID: "lc-new-2", Title: "Liaocheng battery plant", Date: day("2024-06-01"), Body: "Liaocheng, Shandong, signed a battery plant worth 5 billion yuan."},
	)
	counts := func() map[string]uint64 {
		t.Helper()
		_, body := e.do(t, http.MethodGet, "/api/saved-searches", "")
		var list savedListJSON
		if err := json.Unmarshal([]byte(body), &list); err != nil {
			t.Fatal(err)
		}
		m := map[string]uint64{}
		for _, ss := range list.SavedSearches {
			if ss.NewCount == nil {
				t.Fatalf("%s has no count: %s", ss.Name, body)
			}
			m[ss.ID] = *ss.NewCount
		}
		return m
	}
	if got := counts(); got[chips.ID] != 2 || got[other.ID] != 0 {
		t.Fatalf("new counts %v, want 2 for 聊城 and 0 for Jiangsu", got)
	}

	results := func(query string) savedResultsJSON {
		t.Helper()
		resp, body := e.do(t, http.MethodGet, "/api/saved-searches/"+chips.ID+"/results"+query, "")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("results: %d %s", resp.StatusCode, body)
		}
		var r savedResultsJSON
		if err := json.Unmarshal([]byte(body), &r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	// The same hits as /api/search with the saved parameters.
	_, direct := e.do(t, http.MethodGet, "/api/search?q=%E8%81%8A%E5%9F%8E", "")
	var want index.Result
	if err := json.Unmarshal([]byte(direct), &want); err != nil {
		t.Fatal(err)
	}
	r := results("?mark_seen=false")
	if r.NewCount != 2 || r.MarkedSeen || r.Total != want.Total || len(r.Hits) != len(want.Hits) || r.Facets == nil {
		t.Fatalf("results %+v, want new 2 and total %d", r, want.Total)
	}
	if got := counts()[chips.ID]; got != 2 {
		t.Errorf("mark_seen=false marked it seen: %d new", got)
	}
	if r := results("?page=2&size=1"); r.MarkedSeen || r.NewCount != 2 {
		t.Errorf("page 2: %+v", r)
	}
	if got := counts()[chips.ID]; got != 2 {
		t.Errorf("page 2 marked it seen: %d new", got)
	}
	if r := results(""); !r.MarkedSeen || r.NewCount != 2 {
		t.Errorf("first page: marked %v, new %d", r.MarkedSeen, r.NewCount)
	}
	if got := counts()[chips.ID]; got != 0 {
		t.Errorf("after opening, %d new, want 0", got)
	}
	e.add(t, index.Article{ID: "lc-new-3", Title: "聊城又签约", Body: "山东省聊城市签约项目，总投资3亿元。"})
	if got := counts()[chips.ID]; got != 1 {
		t.Errorf("after one more report, %d new, want 1", got)
	}
}

// TestSavedExportImport moves every saved search to another server and
// back, and checks that an import is all or nothing.
func TestSavedExportImport(t *testing.T) {
	a := newSavedEnv(t, Options{})
	a.create(t, `{"name":"one","query":{"q":"聊城","sort":"-date"}}`)
	a.create(t, `{"name":"two <b>","query":{"province":["370000"],"amount_min":1e9}}`)
	resp, export := a.do(t, http.MethodGet, "/api/saved-searches/export", "")
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Disposition"), "saved-searches.json") {
		t.Fatalf("export: %d %v", resp.StatusCode, resp.Header)
	}
	var doc exportJSON
	if err := decodeStrict(strings.NewReader(export), &doc); err != nil || len(doc.SavedSearches) != 2 || doc.Format != exportFormat {
		t.Fatalf("export %v: %s", err, export)
	}

	b := newSavedEnv(t, Options{})
	resp, body := b.do(t, http.MethodPost, "/api/saved-searches/import", export)
	if resp.StatusCode != http.StatusOK || body != `{"created":2,"replaced":0}` {
		t.Fatalf("import: %d %s", resp.StatusCode, body)
	}
	got, err := b.store.List(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for i := range got {
		w := doc.SavedSearches[i]
		if got[i].ID != w.ID || got[i].Name != w.Name || !reflect.DeepEqual(got[i].Query, w.Query) || !got[i].LastSeen.Equal(w.LastSeen) {
			t.Errorf("imported %+v, want %+v", got[i], w)
		}
	}
	// Again: the same ids are replaced, not duplicated.
	if _, body := b.do(t, http.MethodPost, "/api/saved-searches/import", export); body != `{"created":0,"replaced":2}` {
		t.Errorf("second import: %s", body)
	}
	// One bad search: nothing of the import is stored.
	bad := strings.Replace(export, `"name":"one"`, `"name":""`, 1)
	bad = strings.ReplaceAll(bad, doc.SavedSearches[1].ID, "00000000000000ff")
	if resp, body := b.do(t, http.MethodPost, "/api/saved-searches/import", bad); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("bad import: %d %s", resp.StatusCode, body)
	}
	if _, err := b.store.Get(t.Context(), "00000000000000ff"); index.KindOf(err) != index.KindNotFound {
		t.Errorf("a failed import stored part of itself: %v", err)
	}
}

// TestSavedConcurrentWriters runs 50 writers at once through the HTTP API:
// each creates and renames its own saved search, and half rename a shared
// one while the other half change its query. No update may be lost.
func TestSavedConcurrentWriters(t *testing.T) {
	e := newSavedEnv(t, Options{})
	shared := e.create(t, `{"name":"shared","query":{"q":"聊城"}}`)
	const writers = 50
	var wg sync.WaitGroup
	errs := make(chan string, writers*3)
	var mu sync.Mutex
	names := map[string]string{} // id → final name
	for i := range writers {
		wg.Go(func() {
			resp, body := e.do(t, http.MethodPost, "/api/saved-searches", fmt.Sprintf(`{"name":"w%d","query":{"q":"碳化硅"}}`, i))
			if resp.StatusCode != http.StatusCreated {
				errs <- fmt.Sprintf("writer %d create: %d %s", i, resp.StatusCode, body)
				return
			}
			var ss savedJSON
			if err := json.Unmarshal([]byte(body), &ss); err != nil {
				errs <- err.Error()
				return
			}
			final := fmt.Sprintf("w%d renamed", i)
			if resp, body := e.do(t, http.MethodPut, "/api/saved-searches/"+ss.ID, fmt.Sprintf(`{"name":%q}`, final)); resp.StatusCode != http.StatusOK {
				errs <- fmt.Sprintf("writer %d rename: %d %s", i, resp.StatusCode, body)
			}
			mu.Lock()
			names[ss.ID] = final
			mu.Unlock()
			edit := fmt.Sprintf(`{"name":"shared by %d"}`, i)
			if i%2 == 1 {
				edit = fmt.Sprintf(`{"query":{"q":"聊城 w%d"}}`, i)
			}
			if resp, body := e.do(t, http.MethodPut, "/api/saved-searches/"+shared.ID, edit); resp.StatusCode != http.StatusOK {
				errs <- fmt.Sprintf("writer %d shared: %d %s", i, resp.StatusCode, body)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	list, err := e.store.List(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != writers+1 {
		t.Fatalf("%d saved searches, want %d", len(list), writers+1)
	}
	for _, ss := range list {
		if ss.ID == shared.ID {
			// The last name-writer's name and the last query-writer's query
			// both survive: neither kind of update overwrote the other.
			if !strings.HasPrefix(ss.Name, "shared by ") || !strings.HasPrefix(ss.Query.Q, "聊城 w") {
				t.Errorf("shared search %q %+v", ss.Name, ss.Query)
			}
			continue
		}
		if names[ss.ID] != ss.Name {
			t.Errorf("search %s is %q, want %q", ss.ID, ss.Name, names[ss.ID])
		}
	}
}
