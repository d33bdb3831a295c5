package index

import (
	"fmt"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// TestPassPhraseMatchesBleve runs queries with bleve's phrase queries and
// with their passQuery form and compares every hit and its score: the pass
// must find exactly what bleve finds, scored the same. The articles hold
// the phrases and near misses (the words apart, in another order, split by
// punctuation, a longer word sharing a prefix).
func TestPassPhraseMatchesBleve(t *testing.T) {
	arts := []Article{
		{ID: "a", Title: "重庆两江新区重点项目集中签约", Body: "重庆两江新区今年重点项目集中签约42个，总投资120亿元。"},
		{ID: "b", Title: "两江交汇处", Body: "两江交汇处的新区建设提速，项目集中在重点区域，签约仪式举行。"},
		{ID: "c", Title: "碳化硅芯片", Body: "公司投资10亿元建设碳化硅芯片产线，总 投资待定。"},
		{ID: "d", Title: "碳化芯片", Body: "碳化芯片与硅芯片是两回事；总投资额未披露。"},
		{ID: "e", Title: "Silicon carbide in Liaocheng", Body: "Liaocheng signs a silicon carbide chip project. Carbide silicon is not it."},
		{ID: "f", Title: "Wafers", Body: "Silicon wafers and carbide tools, chip project in Liaocheng."},
		{ID: "g", Title: "总投资", Body: "投资总额与总投资，总投资，再次总投资。"},
		{ID: "h", Title: "光掩膜版", Body: "光掩膜版国产化率提升，光掩膜需求旺盛。光刻掩膜与掩膜版。"},
	}
	for i := range 40 { // enough documents for scores to differ
		arts = append(arts, Article{ID: fmt.Sprintf("x%02d", i), Body: fmt.Sprintf("第%d个项目签约，总投资%d亿元，集中开工。", i, i+1)})
	}
	ix := newTestIndex(t, arts)
	for _, text := range []string{
		`"总投资"`, `"重点项目集中签约"`, `"项目集中签约"`, `"silicon carbide"`, `"carbide silicon"`,
		`"碳化硅芯片"`, `"硅芯片"`, `"光掩膜版"`, `"掩膜"`, `"签约"`, `"两江新区"`, `"不存在的短语"`,
		`title:"重点项目集中签约"`, `"总投资" -"碳化硅"`, `"silicon carbide" OR "总投资"`, `项目 "集中签约"`,
	} {
		t.Run(text, func(t *testing.T) {
			q, err := ix.compile(parseQuery(text))
			if err != nil {
				t.Fatal(err)
			}
			want, got := scoredHits(t, ix, q), scoredHits(t, ix, passQuery(q))
			if want != got {
				t.Errorf("pass query differs:\nbleve %s\npass  %s", want, got)
			}
		})
	}
}

// scoredHits returns every hit of q with its score, best first (ties by
// id).
func scoredHits(t *testing.T, ix *Index, q query.Query) string {
	t.Helper()
	req := bleve.NewSearchRequestOptions(q, 1000, 0, false)
	req.SortBy([]string{"-_score", "_id"})
	res, err := ix.bi.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	out := fmt.Sprintf("%d:", res.Total)
	for _, h := range res.Hits {
		out += fmt.Sprintf(" %s=%v", h.ID, h.Score)
	}
	return out
}
