package index

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
)

// TestLoadAnalysedMatchesBleve checks that a page loaded by analysing its
// hits again has exactly the hits, scores, fields and snippets of the page
// bleve loads by running the query again, for every kind of query.
func TestLoadAnalysedMatchesBleve(t *testing.T) {
	ix := nativeIndex(t, 200)
	queries := []string{
		"", "项目", "签约", "聊城 项目", "新能源 汽车", "集成电路产业园", "Liaocheng", "聊城",
		`"总投资"`, `"重点项目集中签约"`, `"silicon carbide"`, `"total investment"`,
		"title:签约", "body:Jiangyin", "title:项目 body:新能源",
		"签约 OR semiconductor", "(签约 OR 开工) -新能源", "project -signed", "NOT 北京",
		`"总投资" -"重点项目"`, "项目 (新能源 OR 生物医药)", "碳化硅 OR 芯片 OR 半导体",
		"Jiangsu battery", "investment billion yuan",
		// Clauses on other fields under an OR or a NOT (loaded by bleve), and
		// NOTs inside NOTs (decided on the tokens).
		"(项目 province:山东) OR 签约", "签约 OR (项目 -province:江苏)", "(项目 source:Xinhua) OR 签约",
		"(项目 city:聊城) OR 签约", "签约 OR (项目 -(新能源 OR province:山东))",
		"签约 OR (项目 -(-新能源 OR 不存在词))", "签约 OR (项目 -(新能源 OR -开工))", "(investment province:山东) OR billion",
	}
	load := func(q Query, byBleve bool) string {
		defer func(old bool) { loadByBleve = old }(loadByBleve)
		loadByBleve = byBleve
		res, err := ix.Search(context.Background(), q)
		if err != nil {
			t.Fatalf("%q: %v", q.Text, err)
		}
		res.TookMS, res.Parsed = 0, ""
		raw, _ := json.Marshal(res.Hits)
		return string(raw)
	}
	marked := 0
	for _, text := range queries {
		for _, size := range []int{1, 10, maxAnalysedPage} {
			for page := 1; page <= 2; page++ {
				q := Query{Text: text, Size: size, Page: page}
				want, got := load(q, true), load(q, false)
				if got != want {
					t.Errorf("%q size %d page %d:\nbleve    %s\nanalysed %s", text, size, page, want, got)
				}
				marked += strings.Count(got, "\\u003cmark\\u003e")
			}
		}
	}
	if marked == 0 {
		t.Fatal("no snippet marked any match: the comparison proves nothing")
	}
}

func TestAnalysable(t *testing.T) {
	ix := newTestIndex(t, nil)
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"", true}, {"项目", true}, {"聊城 项目", true}, {`"总投资" -"重点项目"`, true}, {"title:签约 OR body:项目", true},
		{"项目 province:山东", true}, {"source:Xinhua 项目", true}, {"签约 OR (项目 -(-新能源 OR 开工))", true},
		{"(项目 province:山东) OR 签约", false}, {"项目 -province:江苏", false}, {"签约 OR source:Xinhua", false},
	} {
		q, err := ix.compile(parseQuery(tc.text))
		if err != nil {
			t.Fatalf("%q: %v", tc.text, err)
		}
		if got := analysable(q, true); got != tc.want {
			t.Errorf("analysable(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

// TestSourcePhrase checks that a phrase scoped to the source finds the
// reports of a source of several words (source_text had no positions).
func TestSourcePhrase(t *testing.T) {
	ix := nativeIndex(t, 120)
	res, err := ix.Search(context.Background(), Query{Size: 1})
	if err != nil {
		t.Fatal(err)
	}
	var name string
	var want uint64
	for _, v := range res.Facets[FacetSource] {
		if strings.Contains(v.Value, " ") {
			name, want = v.Value, uint64(v.Count)
			break
		}
	}
	if name == "" {
		t.Fatal("no source of several words in the test corpus")
	}
	got, err := ix.Search(context.Background(), Query{Text: `source:"` + name + `"`, Size: 1})
	if err != nil {
		t.Fatal(err)
	}
	if got.Total != want {
		t.Errorf(`source:%q found %d reports, want %d (parsed %s)`, name, got.Total, want, got.Parsed)
	}
}
