package web

import (
	"context"
	"html"
	"slices"
	"strings"

	"github.com/investnews/regionsearch/index"
)

// memSearcher is a tiny in-memory Searcher for the browser test: substring
// matching, the filters of index.Query, facet counts computed without each
// facet's own filter, and <mark> highlights escaped like bleve's.
type memSearcher struct{ docs []index.Document }

var (
	shandong = index.PlaceRef{Code: "370000", NameZh: "山东省", NameEn: "Shandong"}
	jiangsu  = index.PlaceRef{Code: "320000", NameZh: "江苏省", NameEn: "Jiangsu"}
	liaoch   = index.PlaceRef{Code: "371500", NameZh: "聊城市", NameEn: "Liaocheng"}
	wuxi     = index.PlaceRef{Code: "320200", NameZh: "无锡市", NameEn: "Wuxi"}
	semi     = index.SectorRef{Key: "semiconductors", NameZh: "半导体", NameEn: "Semiconductors"}
	energy   = index.SectorRef{Key: "new_energy", NameZh: "新能源", NameEn: "New energy"}
)

func newMemSearcher() *memSearcher {
	doc := func(id, title, body, date, lang string, p, c index.PlaceRef, s index.SectorRef, amount float64) index.Document {
		return index.Document{ID: id, Title: title, Body: body, Date: date, Lang: lang, Source: "测试报",
			Provinces: []index.PlaceRef{p}, Cities: []index.PlaceRef{c}, Sectors: []index.SectorRef{s}, AmountCNY: &amount}
	}
	return &memSearcher{docs: []index.Document{
		doc("d1", "聊城碳化硅衬底项目签约", "总投资30亿元的碳化硅衬底项目落户聊城高新区。", "2023-03-30", "zh", shandong, liaoch, semi, 3e9),
		doc("d2", "无锡碳化硅外延片项目开工", "江阴与无锡的碳化硅外延片项目总投资12亿元。", "2024-05-12", "zh", jiangsu, wuxi, semi, 1.2e9),
		doc("d3", "聊城光伏储能基地投产", "聊城光伏储能基地投资8亿元，与碳化硅无关。", "2022-08-01", "zh", shandong, liaoch, energy, 8e8),
		doc("d4", "Jiangyin photomask plant breaks ground", "A photomask plant worth 2.5 billion yuan in Jiangyin, Wuxi.", "2024-01-20", "en", jiangsu, wuxi, semi, 2.5e9),
		doc("d5", "Wuxi solar module factory", "A solar module factory in Wuxi, 600 million yuan.", "2023-11-02", "en", jiangsu, wuxi, energy, 6e8),
	}}
}

func (m *memSearcher) Count() (uint64, error) { return uint64(len(m.docs)), nil }

func (m *memSearcher) Document(_ context.Context, id string) (*index.Document, error) {
	for i := range m.docs {
		if m.docs[i].ID == id {
			d := m.docs[i]
			return &d, nil
		}
	}
	return nil, index.ErrNotFound
}

func (m *memSearcher) Search(_ context.Context, q index.Query) (*index.Result, error) {
	words := strings.Fields(strings.ToLower(strings.Trim(q.Text, `"`)))
	match := func(d index.Document, skip string) bool {
		text := strings.ToLower(d.Title + " " + d.Body)
		for _, w := range words {
			if !strings.Contains(text, w) {
				return false
			}
		}
		if skip != "province" && len(q.Provinces) > 0 && !slices.Contains(q.Provinces, d.Provinces[0].Code) {
			return false
		}
		if skip != "sector" && len(q.Sectors) > 0 && !slices.Contains(q.Sectors, d.Sectors[0].Key) {
			return false
		}
		if skip != "amount" && (q.AmountMin != nil && *d.AmountCNY < *q.AmountMin || q.AmountMax != nil && *d.AmountCNY >= *q.AmountMax) {
			return false
		}
		if skip != "date" && (q.DateFrom != "" && d.Date < q.DateFrom || q.DateTo != "" && d.Date > q.DateTo) {
			return false
		}
		return true
	}
	res := &index.Result{TookMS: 0.4, Facets: map[string][]index.FacetValue{}}
	for _, d := range m.docs {
		if match(d, "") {
			res.Total++
			res.Hits = append(res.Hits, index.Hit{
				ID: d.ID, Title: d.Title, Date: d.Date, Lang: d.Lang, Source: d.Source,
				Provinces: d.Provinces, Cities: d.Cities, Sectors: d.Sectors, AmountCNY: d.AmountCNY,
				Highlights: map[string][]string{"body": {mark(d.Body, words)}},
			})
		}
	}
	if q.Sort == "-date" {
		slices.SortFunc(res.Hits, func(a, b index.Hit) int { return strings.Compare(b.Date, a.Date) })
	}
	count := func(facet string, key func(index.Document) index.FacetValue) {
		var out []index.FacetValue
		for _, d := range m.docs {
			if !match(d, facet) {
				continue
			}
			k := key(d)
			if i := slices.IndexFunc(out, func(f index.FacetValue) bool { return f.Value == k.Value }); i >= 0 {
				out[i].Count++
			} else {
				k.Count = 1
				out = append(out, k)
			}
		}
		slices.SortStableFunc(out, func(a, b index.FacetValue) int { return b.Count - a.Count })
		res.Facets[facet] = out
	}
	count("province", func(d index.Document) index.FacetValue {
		p := d.Provinces[0]
		return index.FacetValue{Value: p.Code, NameZh: p.NameZh, NameEn: p.NameEn}
	})
	count("sector", func(d index.Document) index.FacetValue {
		s := d.Sectors[0]
		return index.FacetValue{Value: s.Key, NameZh: s.NameZh, NameEn: s.NameEn}
	})
	count("date", func(d index.Document) index.FacetValue { return index.FacetValue{Value: d.Date[:4]} })
	lo, hi := 1e9, 1e10
	count("amount", func(d index.Document) index.FacetValue {
		if *d.AmountCNY >= 1e9 {
			return index.FacetValue{Value: "1e9-1e10", LabelZh: "10亿–100亿元", LabelEn: "¥1–10 billion", Min: &lo, Max: &hi}
		}
		return index.FacetValue{Value: "0-1e9", LabelZh: "10亿元以下", LabelEn: "under ¥1 billion", Max: &lo}
	})
	return res, nil
}

// mark escapes text and wraps each occurrence of the words in <mark>.
func mark(text string, words []string) string {
	s := html.EscapeString(text)
	for _, w := range words {
		s = strings.ReplaceAll(s, w, "<mark>"+w+"</mark>")
	}
	return s
}
