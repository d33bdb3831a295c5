package web

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/investnews/regionsearch/index"
)

func decodeStrict(r io.Reader, v any) error {
	d := json.NewDecoder(r)
	d.DisallowUnknownFields()
	return d.Decode(v)
}

func TestSearchParamsInvalid(t *testing.T) {
	long := strings.Repeat("碳", MaxQueryLength+1)
	tests := []struct {
		name, query, want string
	}{
		{"unknown sort", "sort=price", `sort must be one of relevance, date, -date, amount, -amount; got "price"`},
		{"page zero", "page=0", `page must be a whole number from 1; got "0"`},
		{"negative page", "page=-3", `page must be a whole number from 1; got "-3"`},
		{"page not a number", "page=two", `page must be a whole number from 1; got "two"`},
		{"page fraction", "page=1.5", `page must be a whole number from 1`},
		{"page too deep", "page=501&size=20", `page 501 is too deep`},
		{"size zero", "size=0", `size must be a whole number from 1 to 100; got "0"`},
		{"size too big", "size=101", `size must be a whole number from 1 to 100; got "101"`},
		{"size not a number", "size=many", `size must be a whole number from 1 to 100`},
		{"malformed date_from", "date_from=2023/03/30", `date_from must be a date written YYYY-MM-DD, like 2023-03-30; got "2023/03/30"`},
		{"impossible date_to", "date_to=2023-02-30", `date_to must be a date written YYYY-MM-DD`},
		{"short date", "date_from=2023-3-1", `date_from must be a date written YYYY-MM-DD`},
		{"dates reversed", "date_from=2024-01-01&date_to=2023-12-31", `date_from (2024-01-01) is after date_to (2023-12-31); swap them`},
		{"amount not a number", "amount_min=lots", `amount_min must be a non-negative number of yuan, like 1e9 or 1000000000; got "lots"`},
		{"negative amount", "amount_max=-5", `amount_max must be a non-negative number of yuan`},
		{"amount NaN", "amount_min=NaN", `amount_min must be a non-negative number of yuan`},
		{"amount infinite", "amount_max=Inf", `amount_max must be a non-negative number of yuan`},
		{"amounts reversed", "amount_min=1e10&amount_max=1e9", `amount_min (1e10) is greater than amount_max (1e9)`},
		{"unknown lang", "lang=fr", `lang must be zh or en, or left out; got "fr"`},
		{"q too long", "q=" + long, `q is too long (501 characters); shorten it to at most 500`},
		{"q not UTF-8", "q=%ff%fe", `q is not valid UTF-8 text`},
		{"q twice", "q=a&q=b", `q is given 2 times; give it at most once`},
		{"sort twice", "sort=date&sort=amount", `sort is given 2 times`},
		{"too many provinces", manyValues("province", MaxFilterValues+1), `province is given 51 times; give at most 50 values`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeSearcher{}
			h, _ := newTestServer(t, f)
			rec := get(t, h, "/api/search?"+tt.query)
			if rec.Code != http.StatusBadRequest {
				t.Fatalf("status = %d, want 400; body %s", rec.Code, rec.Body)
			}
			if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type = %q", ct)
			}
			e := errorFromBody(t, rec.Body)
			if e.Error.Code != "invalid" {
				t.Errorf("code = %q, want invalid", e.Error.Code)
			}
			if !strings.Contains(e.Error.Message, tt.want) {
				t.Errorf("message = %q, want it to contain %q", e.Error.Message, tt.want)
			}
			if len(f.queries) != 0 {
				t.Errorf("the searcher was called with %+v", f.queries)
			}
		})
	}
}

func manyValues(name string, n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString("&" + name + "=v" + strconv.Itoa(i))
	}
	return b.String()
}

func TestSearchParamsValid(t *testing.T) {
	def := func(edit func(q *index.Query)) index.Query {
		q := index.Query{Page: 1, Size: index.DefaultSize, Sort: "relevance"}
		if edit != nil {
			edit(&q)
		}
		return q
	}
	tests := []struct {
		name, query string
		want        index.Query
	}{
		{"nothing", "", def(nil)},
		{"query trimmed", "q=+%E8%81%8A%E5%9F%8E+", def(func(q *index.Query) { q.Text = "聊城" })},
		{"phrase kept", "q=%22photomask%22", def(func(q *index.Query) { q.Text = `"photomask"` })},
		{"repeated filters", "province=370000&province=Jiangsu&city=聊城市&sector=semiconductors&sector=materials",
			def(func(q *index.Query) {
				q.Provinces = []string{"370000", "Jiangsu"}
				q.Cities = []string{"聊城市"}
				q.Sectors = []string{"semiconductors", "materials"}
			})},
		{"empty and duplicate filter values dropped", "province=&province=370000&province=+370000+&sector=",
			def(func(q *index.Query) { q.Provinces = []string{"370000"} })},
		{"amounts in e notation", "amount_min=1e9&amount_max=1E10",
			def(func(q *index.Query) { q.AmountMin = ptr(1e9); q.AmountMax = ptr(1e10) })},
		{"amounts plain and zero", "amount_min=0&amount_max=250000000.5",
			def(func(q *index.Query) { q.AmountMin = ptr(0); q.AmountMax = ptr(250000000.5) })},
		{"equal amounts", "amount_min=5e8&amount_max=5e8",
			def(func(q *index.Query) { q.AmountMin = ptr(5e8); q.AmountMax = ptr(5e8) })},
		{"dates", "date_from=2019-01-01&date_to=2026-12-31",
			def(func(q *index.Query) { q.DateFrom = "2019-01-01"; q.DateTo = "2026-12-31" })},
		{"same day", "date_from=2023-03-30&date_to=2023-03-30",
			def(func(q *index.Query) { q.DateFrom = "2023-03-30"; q.DateTo = "2023-03-30" })},
		{"lang zh", "lang=zh", def(func(q *index.Query) { q.Lang = "zh" })},
		{"lang en", "lang=en", def(func(q *index.Query) { q.Lang = "en" })},
		{"sort -date", "sort=-date", def(func(q *index.Query) { q.Sort = "-date" })},
		{"sort amount", "sort=amount", def(func(q *index.Query) { q.Sort = "amount" })},
		{"sort relevance", "sort=relevance", def(nil)},
		{"empty params are defaults", "q=&sort=&page=&size=&lang=&amount_min=&date_from=", def(nil)},
		{"paging", "page=3&size=100", def(func(q *index.Query) { q.Page = 3; q.Size = 100 })},
		{"deepest page", "page=500&size=20", def(func(q *index.Query) { q.Page = 500 })},
		{"ui is not a filter", "ui=en&q=x", def(func(q *index.Query) { q.Text = "x" })},
		{"q at the bound", "q=" + strings.Repeat("碳", MaxQueryLength),
			def(func(q *index.Query) { q.Text = strings.Repeat("碳", MaxQueryLength) })},
		{"everything", "q=Jiangyin&province=320000&city=320200&sector=semiconductors&amount_min=1e8&amount_max=1e11&date_from=2020-01-01&date_to=2024-12-31&lang=en&sort=-amount&page=2&size=10",
			index.Query{Text: "Jiangyin", Provinces: []string{"320000"}, Cities: []string{"320200"}, Sectors: []string{"semiconductors"},
				AmountMin: ptr(1e8), AmountMax: ptr(1e11), DateFrom: "2020-01-01", DateTo: "2024-12-31", Lang: "en", Sort: "-amount", Page: 2, Size: 10}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeSearcher{}
			h, _ := newTestServer(t, f)
			rec := get(t, h, "/api/search?"+tt.query)
			if rec.Code != http.StatusOK {
				t.Fatalf("status = %d, want 200; body %s", rec.Code, rec.Body)
			}
			if got := f.lastQuery(t); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("query =\n%#v\nwant\n%#v", got, tt.want)
			}
		})
	}
}

func TestAPISearchGolden(t *testing.T) {
	f := &fakeSearcher{SearchFn: func(context.Context, index.Query) (*index.Result, error) { return sampleResult(), nil }}
	h, _ := newTestServer(t, f)
	rec := get(t, h, "/api/search?q=%E7%A2%B3%E5%8C%96%E7%A1%85")
	if rec.Code != http.StatusOK {
		t.Fatalf("status = %d; body %s", rec.Code, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	golden(t, "search.json.golden", rec.Body.Bytes())

	// The answer is index.Result exactly: it decodes with no unknown field
	// and round-trips.
	var got index.Result
	if err := decodeStrict(rec.Body, &got); err != nil {
		t.Fatal(err)
	}
	if want := sampleResult(); !reflect.DeepEqual(&got, want) {
		t.Errorf("decoded answer differs from the searcher's result:\n%+v\n%+v", got, *want)
	}
}

func TestAPISearchEmptyResult(t *testing.T) {
	f := &fakeSearcher{SearchFn: func(context.Context, index.Query) (*index.Result, error) {
		return &index.Result{TookMS: 0.2}, nil
	}}
	h, _ := newTestServer(t, f)
	rec := get(t, h, "/api/search?q=nothing")
	if rec.Code != http.StatusOK {
		t.Fatalf("status = %d", rec.Code)
	}
	if got, want := rec.Body.String(), `{"total":0,"took_ms":0.2,"hits":[],"facets":{}}`; got != want {
		t.Errorf("body = %s, want %s", got, want)
	}
}

func TestAPIErrorKinds(t *testing.T) {
	tests := []struct {
		name       string
		err        error
		status     int
		code, msg  string
		logContain string
	}{
		{"invalid", index.Errorf(index.KindInvalid, "unbalanced quote in q; close it or remove it"), 400, "invalid", "unbalanced quote in q; close it or remove it", "unbalanced quote"},
		{"not found", index.Errorf(index.KindNotFound, "no such thing"), 404, "not_found", "no such thing", "no such thing"},
		{"unavailable", &index.Error{Kind: index.KindUnavailable, Message: "too many searches at once; retry", Err: errBoom}, 503, "unavailable", "too many searches at once; retry", errBoom.Error()},
		{"deadline", context.DeadlineExceeded, 503, "unavailable", "the search service is unavailable; try again shortly", "deadline exceeded"},
		{"internal kind", &index.Error{Kind: index.KindInternal, Message: "read segment /var/lib/x", Err: errBoom}, 500, "internal", "internal error", errBoom.Error()},
		{"foreign error", errBoom, 500, "internal", "internal error", errBoom.Error()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeSearcher{SearchFn: func(context.Context, index.Query) (*index.Result, error) { return nil, tt.err }}
			h, logs := newTestServer(t, f)
			rec := get(t, h, "/api/search?q=x")
			if rec.Code != tt.status {
				t.Fatalf("status = %d, want %d", rec.Code, tt.status)
			}
			body := rec.Body.String()
			e := errorFromBody(t, strings.NewReader(body))
			if e.Error.Code != tt.code || e.Error.Message != tt.msg {
				t.Errorf("error = %+v, want code %q message %q", e.Error, tt.code, tt.msg)
			}
			if tt.status >= 500 {
				for _, leak := range []string{"bleve", "segment", "/var/lib", "deadline"} {
					if strings.Contains(body, leak) {
						t.Errorf("body leaks %q: %s", leak, body)
					}
				}
			}
			if !strings.Contains(logs.String(), tt.logContain) {
				t.Errorf("log lacks %q:\n%s", tt.logContain, logs)
			}
		})
	}
}

func TestAPISearchInternalError(t *testing.T) {
	f := &fakeSearcher{SearchFn: func(context.Context, index.Query) (*index.Result, error) {
		return nil, &index.Error{Kind: index.KindInternal, Message: "open /srv/index/store", Err: errBoom}
	}}
	h, logs := newTestServer(t, f)
	rec := get(t, h, "/api/search?q=x")
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("status = %d, want 500", rec.Code)
	}
	if got, want := rec.Body.String(), `{"error":{"code":"internal","message":"internal error"}}`; got != want {
		t.Errorf("body = %s, want %s", got, want)
	}
	if !strings.Contains(logs.String(), "segment 7 corrupt") || !strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("the log lacks the detail at error level:\n%s", logs)
	}
}

func TestAPISearchPanic(t *testing.T) {
	f := &fakeSearcher{SearchFn: func(context.Context, index.Query) (*index.Result, error) { panic("secret detail") }}
	h, logs := newTestServer(t, f)
	rec := get(t, h, "/api/search?q=x")
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("status = %d, want 500", rec.Code)
	}
	if strings.Contains(rec.Body.String(), "secret") {
		t.Errorf("body leaks the panic: %s", rec.Body)
	}
	if !strings.Contains(logs.String(), "secret detail") {
		t.Errorf("the log lacks the panic:\n%s", logs)
	}
}

func TestAPISearchUsesRequestContext(t *testing.T) {
	var deadline bool
	f := &fakeSearcher{SearchFn: func(ctx context.Context, q index.Query) (*index.Result, error) {
		_, deadline = ctx.Deadline()
		return &index.Result{}, nil
	}}
	h, _ := newTestServer(t, f)
	get(t, h, "/api/search")
	if !deadline {
		t.Error("the searcher's context has no deadline")
	}
}

func sampleDocument() *index.Document {
	body := "聊城高新区与深圳某公司签约，总投资30亿元建设碳化硅衬底项目。"
	start := strings.Index(body, "聊城")
	amt := strings.Index(body, "30亿元")
	return &index.Document{
		ID: "a1", URL: "https://news.example.cn/a1.html", Title: "聊城高新区碳化硅项目签约",
		Body: body, Source: "聊城日报", Date: "2023-03-30", Lang: "zh",
		Provinces:         []index.PlaceRef{{Code: "370000", NameZh: "山东省", NameEn: "Shandong"}},
		Cities:            []index.PlaceRef{{Code: "371500", NameZh: "聊城市", NameEn: "Liaocheng"}},
		InvestorProvinces: []index.PlaceRef{{Code: "440000", NameZh: "广东省", NameEn: "Guangdong"}},
		Sectors:           []index.SectorRef{{Key: "semiconductors", NameZh: "半导体", NameEn: "Semiconductors"}},
		AmountCNY:         ptr(3e9),
		Amounts:           []index.Amount{{Text: "30亿元", Value: 3e9, Currency: "CNY", CNY: 3e9, Scope: "project", Start: amt, End: amt + len("30亿元")}},
		Evidence: []index.Evidence{
			{Field: "cities", Value: "371500", Text: "聊城", Start: start, End: start + len("聊城"), Note: "project site"},
			{Field: "amount", Value: "3e9", Text: "30亿元", Start: amt, End: amt + len("30亿元")},
			{Field: "sectors", Value: "semiconductors", Text: "碳化硅", Start: 6, End: 15, Title: true},
		},
		Indexed: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
	}
}

func TestAPIDocument(t *testing.T) {
	f := &fakeSearcher{DocumentFn: func(_ context.Context, id string) (*index.Document, error) {
		if id == "a1" {
			return sampleDocument(), nil
		}
		if id == "nil" {
			return nil, nil
		}
		return nil, &index.Error{Kind: index.KindNotFound, Message: "no document " + id, Err: errBoom}
	}}
	h, _ := newTestServer(t, f)

	rec := get(t, h, "/api/documents/a1")
	if rec.Code != http.StatusOK {
		t.Fatalf("status = %d; body %s", rec.Code, rec.Body)
	}
	var got index.Document
	if err := decodeStrict(rec.Body, &got); err != nil {
		t.Fatal(err)
	}
	if want := sampleDocument(); !reflect.DeepEqual(&got, want) {
		t.Errorf("document =\n%+v\nwant\n%+v", got, *want)
	}

	for _, id := range []string{"zz", "nil", strings.Repeat("x", maxIDLength+1)} {
		rec := get(t, h, "/api/documents/"+id)
		if rec.Code != http.StatusNotFound {
			t.Errorf("%s: status = %d, want 404", id[:min(len(id), 10)], rec.Code)
		}
		if e := errorFromBody(t, rec.Body); e.Error.Code != "not_found" {
			t.Errorf("%s: code = %q", id[:min(len(id), 10)], e.Error.Code)
		}
	}
}

func TestAPIHealthz(t *testing.T) {
	f := &fakeSearcher{CountFn: func() (uint64, error) { return 312, nil }}
	h, _ := newTestServer(t, f)
	rec := get(t, h, "/api/healthz")
	if rec.Code != http.StatusOK || rec.Body.String() != `{"status":"ok","documents":312}` {
		t.Errorf("got %d %s", rec.Code, rec.Body)
	}

	f.CountFn = func() (uint64, error) { return 0, errBoom }
	rec = get(t, h, "/api/healthz")
	if rec.Code != http.StatusServiceUnavailable {
		t.Errorf("status = %d, want 503", rec.Code)
	}
	if strings.Contains(rec.Body.String(), "bleve") {
		t.Errorf("body leaks detail: %s", rec.Body)
	}
}

func TestAPIUnknownRoute(t *testing.T) {
	h, _ := newTestServer(t, &fakeSearcher{})
	rec := get(t, h, "/api/nope")
	if rec.Code != http.StatusNotFound {
		t.Fatalf("status = %d", rec.Code)
	}
	if e := errorFromBody(t, rec.Body); e.Error.Code != "not_found" {
		t.Errorf("code = %q", e.Error.Code)
	}
}
