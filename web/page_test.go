package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/investnews/regionsearch/index"
)

func sampleServer(t *testing.T) (*fakeSearcher, http.Handler) {
	f := &fakeSearcher{
		SearchFn:   func(context.Context, index.Query) (*index.Result, error) { return sampleResult(), nil },
		DocumentFn: func(context.Context, string) (*index.Document, error) { return sampleDocument(), nil },
	}
	h, _ := newTestServer(t, f)
	return f, h
}

func TestSearchPageGolden(t *testing.T) {
	tests := []struct{ name, target string }{
		{"search_zh.html.golden", "/?q=%E7%A2%B3%E5%8C%96%E7%A1%85&province=370000&amount_min=1e9&amount_max=1e10&date_from=2023-01-01&date_to=2023-12-31&sort=-date&page=2&ui=zh"},
		{"search_en.html.golden", "/?q=photomask&sector=semiconductors&lang=en&ui=en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, h := sampleServer(t)
			rec := get(t, h, tt.target)
			if rec.Code != http.StatusOK {
				t.Fatalf("status = %d; body %s", rec.Code, rec.Body)
			}
			if ct := rec.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
				t.Errorf("Content-Type = %q", ct)
			}
			golden(t, tt.name, rec.Body.Bytes())
		})
	}
}

func TestDocumentPageGolden(t *testing.T) {
	_, h := sampleServer(t)
	rec := get(t, h, "/documents/a1?q=%E7%A2%B3%E5%8C%96%E7%A1%85&province=370000&page=2&ui=zh")
	if rec.Code != http.StatusOK {
		t.Fatalf("status = %d; body %s", rec.Code, rec.Body)
	}
	golden(t, "document_zh.html.golden", rec.Body.Bytes())
}

func TestSearchPageBadParams(t *testing.T) {
	tests := []struct{ target, want string }{
		{"/?q=x&sort=price", `sort must be one of relevance, date, -date, amount, -amount; got &#34;price&#34;`},
		{"/?page=0&ui=en", `page must be a whole number from 1`},
		{"/?date_from=yesterday", `date_from must be a date written YYYY-MM-DD`},
		{"/?amount_min=5&amount_max=1", `amount_min (5) is greater than amount_max (1)`},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			f, h := sampleServer(t)
			rec := get(t, h, tt.target)
			if rec.Code != http.StatusBadRequest {
				t.Fatalf("status = %d, want 400", rec.Code)
			}
			body := rec.Body.String()
			if !strings.Contains(body, `role="alert"`) || !strings.Contains(body, tt.want) {
				t.Errorf("page lacks the message %q:\n%s", tt.want, body)
			}
			if !strings.Contains(body, `<input id="q" name="q"`) {
				t.Error("page lacks the search box")
			}
			if len(f.queries) != 0 {
				t.Error("the searcher was called")
			}
		})
	}
}

func TestSearchPageSearcherErrors(t *testing.T) {
	f := &fakeSearcher{SearchFn: func(context.Context, index.Query) (*index.Result, error) {
		return nil, &index.Error{Kind: index.KindInternal, Message: "open /srv/idx", Err: errBoom}
	}}
	h, logs := newTestServer(t, f)
	rec := get(t, h, "/?q=%E8%81%8A%E5%9F%8E")
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("status = %d, want 500", rec.Code)
	}
	body := rec.Body.String()
	if !strings.Contains(body, "internal error") || strings.Contains(body, "segment") || strings.Contains(body, "/srv/idx") {
		t.Errorf("page shows the wrong message or leaks detail:\n%s", body)
	}
	if !strings.Contains(body, `value="聊城"`) {
		t.Error("the search box lost the query")
	}
	if !strings.Contains(logs.String(), "segment 7 corrupt") {
		t.Errorf("log lacks the detail:\n%s", logs)
	}

	f.SearchFn = func(context.Context, index.Query) (*index.Result, error) {
		return nil, index.Errorf(index.KindInvalid, "unbalanced quote: close the phrase")
	}
	rec = get(t, h, "/?q=%22abc")
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "unbalanced quote: close the phrase") {
		t.Errorf("invalid query: status %d, body %s", rec.Code, rec.Body)
	}
}

func TestDocumentPageNotFound(t *testing.T) {
	h, _ := newTestServer(t, &fakeSearcher{})
	rec := get(t, h, "/documents/missing?ui=en")
	if rec.Code != http.StatusNotFound {
		t.Fatalf("status = %d, want 404", rec.Code)
	}
	if !strings.Contains(rec.Body.String(), "Back to search") {
		t.Errorf("page lacks the way back:\n%s", rec.Body)
	}
	rec = get(t, h, "/nowhere")
	if rec.Code != http.StatusNotFound || !strings.Contains(rec.Body.String(), "<!doctype html>") {
		t.Errorf("unknown page: %d %s", rec.Code, rec.Body)
	}
}

// hostile is what an attacker could put in a report or a query.
const hostile = `<script>alert(1)</script>`

func TestXSS(t *testing.T) {
	f := &fakeSearcher{
		SearchFn: func(context.Context, index.Query) (*index.Result, error) {
			r := sampleResult()
			h := &r.Hits[0]
			h.ID = `"><script>alert(1)</script>`
			h.Title = hostile
			h.Source = hostile
			h.URL = "javascript:alert(1)"
			h.Date = hostile
			h.Provinces[0].NameZh = hostile
			h.Sectors[0].NameZh = hostile
			h.Sectors[0].Key = `"><script>alert(1)</script>`
			h.Highlights = map[string][]string{
				"title": {`<mark>x</mark><script>alert(1)</script>`},
				"body":  {`<img src=x onerror=alert(1)><mark onclick="alert(1)">y</mark><mark>z`},
			}
			r.Facets["province"][0].NameZh = hostile
			r.Facets["province"][0].Value = `"><script>alert(1)</script>`
			r.Facets["amount"][0].LabelZh = hostile
			r.Facets["date"] = append(r.Facets["date"], index.FacetValue{Value: hostile, Count: 1})
			r.Parsed = hostile
			return r, nil
		},
		DocumentFn: func(context.Context, string) (*index.Document, error) {
			d := sampleDocument()
			d.Title = hostile
			d.Body = hostile + d.Body
			d.Source = hostile
			d.URL = "javascript:alert(1)"
			d.Provinces[0].NameZh = hostile
			d.Amounts[0].Text = hostile
			d.Evidence[0].Note = hostile
			d.Evidence[0].Text = hostile
			return d, nil
		},
	}
	h, _ := newTestServer(t, f)
	for _, target := range []string{
		"/?q=" + url.QueryEscape(hostile) + "&province=" + url.QueryEscape(hostile) + "&ui=zh",
		"/?q=" + url.QueryEscape(hostile) + "&sort=" + url.QueryEscape(hostile), // the 400 page
		"/documents/" + url.PathEscape(hostile) + "?q=" + url.QueryEscape(hostile),
	} {
		rec := get(t, h, target)
		body := rec.Body.String()
		for _, bad := range []string{"<script>", "<img", "<mark o", "javascript:"} {
			if strings.Contains(body, bad) {
				i := strings.Index(body, bad)
				t.Errorf("%s: page contains %q: …%s…", target, bad, body[max(0, i-80):min(len(body), i+80)])
			}
		}
		if n := strings.Count(body, "<script"); n != 1 {
			t.Errorf("%s: %d script elements, want only ours", target, n)
		}
		if !strings.Contains(body, "&lt;script&gt;") {
			t.Errorf("%s: the hostile text is not shown escaped", target)
		}
	}
}

func TestUILanguage(t *testing.T) {
	_, h := sampleServer(t)

	rec := get(t, h, "/?q=x&ui=en")
	if !strings.Contains(rec.Body.String(), `<html lang="en">`) || !strings.Contains(rec.Body.String(), "3 billion yuan") {
		t.Error("ui=en does not give the English page with amounts in billion yuan")
	}
	cookie := rec.Header().Get("Set-Cookie")
	if !strings.HasPrefix(cookie, "ui=en;") {
		t.Fatalf("Set-Cookie = %q", cookie)
	}

	rec = get(t, h, "/?q=x", "Cookie", "ui=en")
	if !strings.Contains(rec.Body.String(), `<html lang="en">`) {
		t.Error("the ui cookie is not remembered")
	}
	rec = get(t, h, "/?q=x", "Accept-Language", "en-GB,en;q=0.9")
	if !strings.Contains(rec.Body.String(), `<html lang="en">`) {
		t.Error("Accept-Language is not followed")
	}
	rec = get(t, h, "/?q=x&ui=en", "Cookie", "ui=zh")
	if !strings.Contains(rec.Body.String(), `<html lang="en">`) {
		t.Error("the ui parameter does not win over the cookie")
	}
	rec = get(t, h, "/?q=x")
	if body := rec.Body.String(); !strings.Contains(body, `<html lang="zh-CN">`) || !strings.Contains(body, "30 亿元") {
		t.Error("the default is not the Chinese page with amounts in 亿元")
	}
}

func TestFacetLinks(t *testing.T) {
	f, h := sampleServer(t)
	// Selecting a second province keeps the first; the city of a removed
	// province goes with it.
	rec := get(t, h, "/?province=370000&city=371500&city=320200")
	body := rec.Body.String()
	if !strings.Contains(body, `href="/?city=371500&amp;city=320200&amp;province=370000&amp;province=320000&amp;ui=zh"`) {
		t.Errorf("no link adding Jiangsu to Shandong:\n%s", body)
	}
	if !strings.Contains(body, `href="/?city=320200&amp;ui=zh" aria-current="true"`) {
		t.Errorf("removing Shandong does not drop its city:\n%s", body)
	}
	// A selected value the facet does not list stays visible, so that it can
	// be unticked, with its name when the result has it.
	body = get(t, h, "/?sector=semiconductors&sector=robotics&city=371500").Body.String()
	if !strings.Contains(body, `href="/?city=371500&amp;sector=semiconductors&amp;ui=zh" aria-current="true"><span class="name">robotics</span><span class="count">0</span>`) {
		t.Errorf("the unlisted selected sector is missing:\n%s", body)
	}
	if !strings.Contains(body, `城市: 聊城市`) {
		t.Errorf("the city chip lacks the name found in the hits")
	}
	// The query the links lead to is the one the searcher gets.
	get(t, h, "/?city=371500&city=320200&province=370000&province=320000&ui=zh")
	if q := f.lastQuery(t); len(q.Provinces) != 2 || len(q.Cities) != 2 {
		t.Errorf("query = %+v", q)
	}
}

func TestRenderConcurrency(t *testing.T) {
	_, h := sampleServer(t)
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ui := []string{"zh", "en"}[i%2]
			for range 5 {
				rec := get(t, h, "/?q=x&ui="+ui)
				if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `<html lang="`) {
					t.Errorf("status %d", rec.Code)
				}
				rec = get(t, h, "/documents/a1?ui="+ui)
				if rec.Code != http.StatusOK {
					t.Errorf("status %d", rec.Code)
				}
			}
		}()
	}
	wg.Wait()
}
