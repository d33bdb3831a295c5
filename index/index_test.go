package index

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// testArticles are short reports written for these tests.
var testArticles = []Article{
	{ID: "sd-sic", Title: "聊城高新区签约碳化硅芯片封测项目", Date: day("2023-03-30"), Source: "示例网", Lang: "zh",
		Body: "3月28日，聊城高新区与一家深圳企业签约碳化硅芯片封测项目，总投资30亿元。"},
	{ID: "sd-en", Title: "Liaocheng signs chip packaging project", Date: day("2023-04-02"), Source: "Example Wire",
		Body: "Liaocheng in Shandong Province signed a chip packaging project worth 3 billion yuan."},
	{ID: "js-jy", Title: "Jiangyin signs 217 projects", Date: day("2023-10-31"), Source: "Example Wire",
		Body: "217 projects with a total investment of over 100 billion yuan were signed in Jiangyin, Jiangsu Province. Jiangyin's GDP was 475 billion yuan."},
	{ID: "gd-gz", Title: "广州签约生物医药项目", Date: day("2024-05-01"), Source: "示例网",
		Body: "广东省广州市黄埔区签约生物医药项目，投资5亿元。"},
	{ID: "gd-hz", Title: "惠州签约储能项目", Date: day("2024-06-01"), Source: "示例网",
		Body: "广东省惠州市签约锂电池储能项目，总投资80亿元。"},
	{ID: "xss", Title: "<script>alert(1)</script> in Hefei", Date: day("2025-01-01"),
		Body: "Hefei, Anhui Province: a <script>alert(1)</script> new energy vehicle project worth 2 billion yuan was signed."},
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func newTestIndex(t *testing.T, arts []Article) *Index {
	t.Helper()
	ix, err := Create(filepath.Join(t.TempDir(), "idx"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	w := ix.NewWriter(2)
	for _, a := range arts {
		if err := w.Add(context.Background(), ix.Prepare(a)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	return ix
}

func hitIDs(r *Result) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.ID)
	}
	sort.Strings(out)
	return out
}

func TestSearch(t *testing.T) {
	ix := newTestIndex(t, testArticles)
	f := func(v float64) *float64 { return &v }
	tests := []struct {
		name    string
		q       Query
		wantIDs []string
	}{
		{"all", Query{}, []string{"gd-gz", "gd-hz", "js-jy", "sd-en", "sd-sic", "xss"}},
		{"chinese word", Query{Text: "碳化硅"}, []string{"sd-sic"}},
		{"place crosses scripts zh→en", Query{Text: "聊城"}, []string{"sd-en", "sd-sic"}},
		{"place crosses scripts en→zh", Query{Text: "Liaocheng"}, []string{"sd-en", "sd-sic"}},
		{"precision: 广州 is not 惠州", Query{Text: "广州"}, []string{"gd-gz"}},
		{"words are ANDed", Query{Text: "聊城 碳化硅"}, []string{"sd-sic"}},
		{"OR", Query{Text: "碳化硅 OR Jiangyin"}, []string{"js-jy", "sd-sic"}},
		{"NOT", Query{Text: "Liaocheng -芯片"}, []string{"sd-en"}},
		{"phrase", Query{Text: `"chip packaging"`}, []string{"sd-en"}},
		{"province filter by English name", Query{Provinces: []string{"Guangdong"}}, []string{"gd-gz", "gd-hz"}},
		{"province filter by code", Query{Provinces: []string{"370000"}}, []string{"sd-en", "sd-sic"}},
		{"two provinces OR", Query{Provinces: []string{"山东", "江苏"}}, []string{"js-jy", "sd-en", "sd-sic"}},
		{"city filter", Query{Cities: []string{"惠州"}}, []string{"gd-hz"}},
		{"amount range", Query{AmountMin: f(1e9), AmountMax: f(1e10)}, []string{"gd-hz", "sd-en", "sd-sic", "xss"}},
		{"date range", Query{DateFrom: "2024-01-01", DateTo: "2024-05-01"}, []string{"gd-gz"}},
		{"scope", Query{Text: "title:Jiangyin"}, []string{"js-jy"}},
		{"province scope in query", Query{Text: "province:广东 储能"}, []string{"gd-hz"}},
		{"punctuation only", Query{Text: "!!! ??? "}, []string{"gd-gz", "gd-hz", "js-jy", "sd-en", "sd-sic", "xss"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ix.Search(context.Background(), tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if got := hitIDs(res); strings.Join(got, ",") != strings.Join(tt.wantIDs, ",") {
				t.Errorf("hits %v, want %v (parsed %s)", got, tt.wantIDs, res.Parsed)
			}
			if res.Total != uint64(len(tt.wantIDs)) {
				t.Errorf("total %d, want %d", res.Total, len(tt.wantIDs))
			}
			q := tt.q
			q.Size = 1
			small, err := ix.Search(context.Background(), q)
			if err != nil || small.Total != res.Total {
				t.Errorf("size 1: total %v err %v, want %d", small.Total, err, res.Total)
			}
		})
	}
}

func TestMultiSelectFacets(t *testing.T) {
	ix := newTestIndex(t, testArticles)
	res, err := ix.Search(context.Background(), Query{Provinces: []string{"370000"}})
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, v := range res.Facets[FacetProvince] {
		counts[v.Value] = v.Count
	}
	// The province facet ignores its own filter: Guangdong is still offered.
	if counts["370000"] != 2 || counts["440000"] != 2 || counts["320000"] != 1 {
		t.Errorf("province counts %v", counts)
	}
	// Other facets honour the filter.
	for _, v := range res.Facets[FacetCity] {
		if v.Value != "371500" {
			t.Errorf("city facet under Shandong offers %s %s", v.Value, v.NameZh)
		}
	}
	var amount int
	for _, v := range res.Facets[FacetAmount] {
		amount += v.Count
	}
	if amount != 2 {
		t.Errorf("amount facet counts %d reports, want 2", amount)
	}
}

func TestBadQueries(t *testing.T) {
	ix := newTestIndex(t, testArticles[:1])
	for _, q := range []Query{
		{Sort: "sideways"}, {Page: -1}, {Size: 101}, {DateFrom: "2023-02-30"}, {DateFrom: "2024-01-02", DateTo: "2024-01-01"},
		{Provinces: []string{"Atlantis"}}, {Sectors: []string{"nope"}}, {Lang: "fr"}, {Text: strings.Repeat("x", MaxQueryLen+1)},
		{Text: "province:Atlantis"},
	} {
		_, err := ix.Search(context.Background(), q)
		if !errors.Is(err, ErrBadQuery) || MessageOf(err) == "internal error" {
			t.Errorf("Search(%+v) = %v, want a bad-query error with a message", q, err)
		}
	}
}

func TestHighlightEscapes(t *testing.T) {
	ix := newTestIndex(t, testArticles)
	res, err := ix.Search(context.Background(), Query{Text: "Hefei"})
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("hits %v err %v", res, err)
	}
	all := strings.Join(append(res.Hits[0].Highlights["title"], res.Hits[0].Highlights["body"]...), " ")
	if strings.Contains(all, "<script>") || !strings.Contains(all, "&lt;script&gt;") || !strings.Contains(all, "<mark>Hefei</mark>") {
		t.Errorf("highlights %q", all)
	}
	res, _ = ix.Search(context.Background(), Query{Text: "碳化硅"})
	if got := res.Hits[0].Highlights["title"]; len(got) == 0 || !strings.Contains(got[0], "<mark>碳化硅</mark>") {
		t.Errorf("title highlight %q", got)
	}
}

func TestWriterUnchanged(t *testing.T) {
	ix := newTestIndex(t, testArticles)
	w := ix.NewWriter(0)
	for _, a := range testArticles {
		w.Add(context.Background(), ix.Prepare(a))
	}
	changed := testArticles[0]
	changed.Body += "补充。"
	w.Add(context.Background(), ix.Prepare(changed))
	if err := w.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	if s := w.Stats(); s.Indexed != 1 || s.Unchanged != len(testArticles)-1 {
		t.Errorf("stats %+v", s)
	}
	if n, _ := ix.Count(); n != uint64(len(testArticles)) {
		t.Errorf("count %d", n)
	}
}

func TestDocumentIDs(t *testing.T) {
	a := Article{Body: "same  text\n"}
	b := Article{Body: "same text"}
	if DocumentID(a) != DocumentID(b) {
		t.Error("whitespace changes the id")
	}
	if DocumentID(Article{URL: "u", Body: "x"}) == DocumentID(Article{URL: "v", Body: "x"}) {
		t.Error("different URLs, same id")
	}
}

func TestOpenRefusesOtherVersion(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	ix, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(buildInfo{MappingVersion: mappingVersion + 1, DictVersion: "x"})
	ix.bi.SetInternal(metaKey, raw)
	ix.Close()
	_, err = Open(dir)
	if !errors.Is(err, ErrVersionMismatch) || !strings.Contains(err.Error(), "rebuild") {
		t.Errorf("Open = %v, want a rebuild message", err)
	}
	if _, err := Open(filepath.Join(t.TempDir(), "none")); !errors.Is(err, ErrNoIndex) {
		t.Errorf("Open(missing) = %v", err)
	}
}

func TestDocument(t *testing.T) {
	ix := newTestIndex(t, testArticles)
	d, err := ix.Document(context.Background(), "js-jy")
	if err != nil {
		t.Fatal(err)
	}
	if d.Body == "" || d.AmountCNY == nil || *d.AmountCNY != 100e9 || len(d.Provinces) == 0 || d.Provinces[0].Code != "320000" {
		t.Errorf("document %+v", d)
	}
	if _, err := ix.Document(context.Background(), "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing: %v", err)
	}
}

func TestIndexedAfter(t *testing.T) {
	ix := newTestIndex(t, testArticles[:2])
	mark := time.Now().UTC()
	time.Sleep(10 * time.Millisecond)
	w := ix.NewWriter(0)
	w.Add(context.Background(), ix.Prepare(testArticles[2]))
	if err := w.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	res, err := ix.Search(context.Background(), Query{IndexedAfter: &mark})
	if err != nil {
		t.Fatal(err)
	}
	if got := hitIDs(res); len(got) != 1 || got[0] != "js-jy" {
		t.Errorf("indexed after: %v", got)
	}
}
