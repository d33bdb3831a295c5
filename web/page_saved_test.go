package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/investnews/regionsearch/index"
)

const formType = "application/x-www-form-urlencoded"

// TestSavedPages saves a search from the search page's form, lists it,
// opens it with its new reports marked, and renames, edits and deletes it,
// all with plain form posts as a browser without script sends them.
func TestSavedPages(t *testing.T) {
	e := newSavedEnv(t, Options{})

	// The search page offers "Save this search" with the search's fields.
	resp, page := e.do(t, http.MethodGet, "/?q=%E8%81%8A%E5%9F%8E&province=370000&sort=-date&page=1&ui=en", "")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("search page: %d", resp.StatusCode)
	}
	for _, want := range []string{`<form class="savesearch" action="/saved" method="post">`,
		`<input type="hidden" name="province" value="370000">`, `<input type="hidden" name="sort" value="-date">`,
		`name="name" value="聊城"`, `Save this search</button>`, `<a class="savednav" href="/saved?ui=en">`} {
		if !strings.Contains(page, want) {
			t.Errorf("search page lacks %s", want)
		}
	}
	if f := regexp.MustCompile(`(?s)<form class="savesearch".*?</form>`).FindString(page); strings.Contains(f, `name="ui"`) || strings.Contains(f, `name="page"`) {
		t.Errorf("the save form carries paging or ui:\n%s", f)
	}

	form := url.Values{"name": {"<script>alert(1)</script>"}, "q": {"聊城"}, "province": {"370000"}, "sort": {"-date"}}
	resp, body := e.do(t, http.MethodPost, "/saved", form.Encode(), "Content-Type", formType, "Cookie", "ui=en")
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !regexp.MustCompile(`^/saved/[0-9a-f]{16}\?ui=en$`).MatchString(loc) {
		t.Fatalf("save: %d %q %s", resp.StatusCode, loc, body)
	}
	id := strings.TrimPrefix(strings.TrimSuffix(loc, "?ui=en"), "/saved/")
	e.add(t, index.Article{ID: "lc-fresh", Title: "聊城新签约项目", Date: mustDay("2024-07-01"),
		Body: "山东省聊城市签约新能源项目，总投资5亿元。"})

	// The list: name escaped, summary, 1 new, links to open and to the feed.
	_, list := e.do(t, http.MethodGet, "/saved?ui=en", "")
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", `<span class="newcount">1 new</span>`,
		"“聊城” · Province: Shandong Province · Sort by: Date (newest first)",
		`href="/saved/` + id + `?ui=en"`, `href="/api/saved-searches/` + id + `/feed.atom?ui=en"`,
		`action="/saved/` + id + `/rename"`, `action="/saved/` + id + `/delete"`} {
		if !strings.Contains(list, want) {
			t.Errorf("list lacks %s", want)
		}
	}
	if strings.Contains(list, "<script>alert") {
		t.Error("list shows the name unescaped")
	}

	// Opening it lists the new report first, marked, and marks it seen.
	_, open := e.do(t, http.MethodGet, "/saved/"+id+"?ui=en", "")
	if strings.Contains(open, "<script>alert") || !strings.Contains(open, "<h1>&lt;script&gt;") {
		t.Error("open page shows the name unescaped")
	}
	fresh := regexp.MustCompile(`(?s)<section class="fresh".*?</section>`).FindString(open)
	if !strings.Contains(fresh, `<li class="hit new">`) || !strings.Contains(fresh, "聊城新签约项目") || strings.Count(fresh, "<li") != 1 {
		t.Errorf("new section:\n%s", fresh)
	}
	all := regexp.MustCompile(`(?s)<section class="all".*?</section>`).FindString(open)
	if strings.Count(all, `<li class="hit new">`) != 1 || strings.Count(all, `<li class="hit">`) != 2 {
		t.Errorf("all results should mark 1 of 3 as new:\n%s", all)
	}
	_, list = e.do(t, http.MethodGet, "/saved?ui=en", "")
	if strings.Contains(list, "newcount") {
		t.Error("still new after opening")
	}

	// Rename, edit, delete.
	tests := []struct {
		name, path string
		form       url.Values
		wantLoc    string
		check      func(t *testing.T)
	}{
		{"rename", "/saved/" + id + "/rename", url.Values{"name": {"Liaocheng"}}, "/saved?ui=en", func(t *testing.T) {
			ss, _ := e.store.Get(t.Context(), id)
			if ss.Name != "Liaocheng" || ss.Query.Q != "聊城" {
				t.Errorf("after rename %+v", ss)
			}
		}},
		{"edit", "/saved/" + id + "/edit", url.Values{"name": {"Shandong big"}, "q": {""}, "province": {"370000, 江苏"},
			"sector": {""}, "source": {"新华网\n聊城日报"}, "amount_min": {"1e9"}, "lang": {""}, "sort": {"relevance"}},
			"/saved/" + id + "?ui=en", func(t *testing.T) {
				ss, _ := e.store.Get(t.Context(), id)
				if ss.Name != "Shandong big" || ss.Query.Q != "" || strings.Join(ss.Query.Province, "|") != "370000|江苏" ||
					strings.Join(ss.Query.Source, "|") != "新华网|聊城日报" || ss.Query.AmountMin != "1000000000" || ss.Query.Sort != "" {
					t.Errorf("after edit %+v", ss)
				}
			}},
		{"delete", "/saved/" + id + "/delete", url.Values{}, "/saved?ui=en", func(t *testing.T) {
			if resp, _ := e.do(t, http.MethodGet, "/saved/"+id, ""); resp.StatusCode != http.StatusNotFound {
				t.Errorf("deleted search: %d", resp.StatusCode)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := e.do(t, http.MethodPost, tt.path+"?ui=en", tt.form.Encode(), "Content-Type", formType)
			if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != tt.wantLoc {
				t.Fatalf("%d %q %s", resp.StatusCode, resp.Header.Get("Location"), body)
			}
			tt.check(t)
		})
	}
}

// TestSavedPageErrors checks the pages' answers to bad forms and unknown
// ids: an error page with the status and a message, nothing stored.
func TestSavedPageErrors(t *testing.T) {
	e := newSavedEnv(t, Options{})
	ss := e.create(t, `{"name":"kept"}`)
	tests := []struct {
		name, method, path, body, ctype string
		status                          int
		want                            string
	}{
		{"bad sort", "POST", "/saved", "name=x&sort=price", formType, 400, "sort must be one of"},
		{"JSON to a form", "POST", "/saved", `{"name":"x"}`, "application/json", 400, "x-www-form-urlencoded"},
		{"unknown", "GET", "/saved/0123456789abcdef", "", "", 404, "no saved search"},
		{"rename empty", "POST", "/saved/" + ss.ID + "/rename", "name=+", formType, 400, "name is empty"},
		{"edit bad date", "POST", "/saved/" + ss.ID + "/edit", "name=x&date_to=tomorrow", formType, 400, "YYYY-MM-DD"},
		{"delete unknown", "POST", "/saved/0123456789abcdef/delete", "", formType, 404, "no saved search"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var h []string
			if tt.ctype != "" {
				h = []string{"Content-Type", tt.ctype}
			}
			resp, body := e.do(t, tt.method, tt.path, tt.body, h...)
			if resp.StatusCode != tt.status || !strings.Contains(body, tt.want) || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
				t.Errorf("%d %s, want %d with %q:\n%.600s", resp.StatusCode, resp.Header.Get("Content-Type"), tt.status, tt.want, body)
			}
		})
	}
	list, _ := e.store.List(t.Context())
	if len(list) != 1 || list[0].Name != "kept" {
		t.Errorf("store %+v", list)
	}
}

// TestSavedWriteAccess checks who may write: the token as a bearer header
// or through the login cookie, no cross-site browser requests, nothing on a
// read-only server, while reading stays open; the token never reaches the
// log.
func TestSavedWriteAccess(t *testing.T) {
	const token = "s3cret-token-value"
	e := newSavedEnv(t, Options{Token: token})
	ro := newSavedEnv(t, Options{ReadOnly: true})
	create := `{"name":"x"}`
	bearer := []string{"Authorization", "Bearer " + token}

	// The login form sets the cookie that stands for the token.
	resp, body := e.do(t, http.MethodPost, "/login", url.Values{"token": {token}, "next": {"/saved"}}.Encode(), "Content-Type", formType)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/saved" {
		t.Fatalf("login: %d %s", resp.StatusCode, body)
	}
	var cookie string
	for _, c := range resp.Cookies() {
		if c.Name == authCookie {
			cookie = c.Name + "=" + c.Value
			if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || strings.Contains(c.Value, token) {
				t.Errorf("cookie %+v", c)
			}
		}
	}
	if cookie == "" {
		t.Fatal("login set no cookie")
	}

	tests := []struct {
		name    string
		env     *savedEnv
		method  string
		path    string
		body    string
		headers []string
		status  int
	}{
		{"no token", e, "POST", "/api/saved-searches", create, nil, 401},
		{"wrong token", e, "POST", "/api/saved-searches", create, []string{"Authorization", "Bearer nope"}, 401},
		{"basic scheme", e, "POST", "/api/saved-searches", create, []string{"Authorization", "Basic " + token}, 401},
		{"bearer", e, "POST", "/api/saved-searches", create, bearer, 201},
		{"cookie", e, "POST", "/api/saved-searches", create, []string{"Cookie", cookie}, 201},
		{"cookie, same-origin browser", e, "POST", "/api/saved-searches", create, []string{"Cookie", cookie, "Sec-Fetch-Site", "same-origin"}, 201},
		{"cross-site browser with cookie", e, "POST", "/api/saved-searches", create, []string{"Cookie", cookie, "Sec-Fetch-Site", "cross-site"}, 403},
		{"other origin with token", e, "POST", "/api/saved-searches", create, append([]string{"Origin", "https://evil.example"}, bearer...), 403},
		{"cross-site form", e, "POST", "/saved", "name=x", []string{"Content-Type", formType, "Cookie", cookie, "Sec-Fetch-Site", "cross-site"}, 403},
		{"form without login", e, "POST", "/saved", "name=x", []string{"Content-Type", formType}, 401},
		{"delete without token", e, "DELETE", "/api/saved-searches/0123456789abcdef", "", nil, 401},
		{"import without token", e, "POST", "/api/saved-searches/import", `{}`, nil, 401},
		{"read open", e, "GET", "/api/saved-searches", "", nil, 200},
		{"list page open", e, "GET", "/saved", "", nil, 200},
		{"read-only create", ro, "POST", "/api/saved-searches", create, nil, 403},
		{"read-only form", ro, "POST", "/saved", "name=x", []string{"Content-Type", formType}, 403},
		{"read-only read", ro, "GET", "/api/saved-searches/export", "", nil, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := tt.env.do(t, tt.method, tt.path, tt.body, tt.headers...)
			if resp.StatusCode != tt.status {
				t.Errorf("status %d, want %d: %.300s", resp.StatusCode, tt.status, body)
			}
			if tt.status == 401 && strings.HasPrefix(tt.path, "/api/") && resp.Header.Get("WWW-Authenticate") == "" {
				t.Error("401 without WWW-Authenticate")
			}
		})
	}
	// A wrong token on the login form is a 401 page.
	if resp, _ := e.do(t, http.MethodPost, "/login", "token=nope", "Content-Type", formType); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("wrong login: %d", resp.StatusCode)
	}
	// Without the token the pages offer a login instead of the forms.
	_, page := e.do(t, http.MethodGet, "/?q=%E8%81%8A%E5%9F%8E", "")
	if strings.Contains(page, `action="/saved"`) || !strings.Contains(page, `href="/login?next=`) {
		t.Error("search page without the token: want the login link, not the save form")
	}
	_, page = ro.do(t, http.MethodGet, "/?q=%E8%81%8A%E5%9F%8E", "")
	if strings.Contains(page, "savesearch") {
		t.Error("read-only server offers to save")
	}
	if strings.Contains(e.logs.String(), token) {
		t.Errorf("the token is in the log:\n%s", e.logs)
	}
}

// TestSavedOff checks that a server without a store answers 404 on every
// saved-search route and shows no saved-search controls.
func TestSavedOff(t *testing.T) {
	h, _ := newTestServer(t, &fakeSearcher{})
	for _, path := range []string{"/api/saved-searches", "/api/saved-searches/0123456789abcdef/feed.atom", "/saved", "/login"} {
		if rec := get(t, h, path); rec.Code != http.StatusNotFound {
			t.Errorf("%s: %d", path, rec.Code)
		}
	}
	if rec := get(t, h, "/?q=x"); strings.Contains(rec.Body.String(), "savesearch") || strings.Contains(rec.Body.String(), "savednav") {
		t.Error("search page shows saved-search controls without a store")
	}
}

// mustDay parses a YYYY-MM-DD date.
var mustDay = day
