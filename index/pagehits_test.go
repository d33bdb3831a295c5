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
