package analyzers_test

import (
	"reflect"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/investnews/regionsearch/analyzers"
)

// newIndex returns an in-memory index whose "text" field uses zh_news,
// holding docs by id.
func newIndex(t testing.TB, docs map[string]string) bleve.Index {
	t.Helper()
	m := bleve.NewIndexMapping()
	m.DefaultAnalyzer = analyzers.AnalyzerName
	idx, err := bleve.NewMemOnly(m)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	b := idx.NewBatch()
	for id, text := range docs {
		if err := b.Index(id, map[string]string{"text": text}); err != nil {
			t.Fatal(err)
		}
	}
	if err := idx.Batch(b); err != nil {
		t.Fatal(err)
	}
	return idx
}

func hits(t testing.TB, idx bleve.Index, q query.Query) []string {
	t.Helper()
	req := bleve.NewSearchRequestOptions(q, 100, 0, false)
	res, err := idx.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{}
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	sort.Strings(ids)
	return ids
}

// phraseDocs mixes documents that hold the phrases with near misses: the
// same sub-words in another order, another word sharing a prefix, the
// characters split by punctuation.
var phraseDocs = map[string]string{
	"lj":       "重庆两江新区今年新签约项目42个。",
	"lj-trad":  "重慶兩江新區今年新簽約項目42個。",
	"lj-split": "两江交汇处的新区建设提速。",
	"lj-other": "江北新区与两江新城合作。",
	"lj-comma": "两江、新区",
	"sic":      "公司投资10亿元建设碳化硅芯片产线。",
	"sic-sp":   "碳化硅 芯片封装测试基地",
	"sic-wrap": "碳化硅\n芯片项目",
	"sic-no":   "碳化芯片与硅芯片是两回事。",
	"sic-de":   "碳化硅的芯片",
	"sic-pre":  "碳化硅晶圆和芯片",
	"nitride":  "氮化硅芯片",
	"mask":     "光掩膜版国产化率提升，光掩膜需求旺盛。",
	"mask-no":  "光刻掩膜与掩膜版",
	"mask-sp":  "光和掩膜",
	"en":       "Liaocheng signs a silicon carbide chip project in Shandong.",
	"en-no":    "Silicon wafers and carbide tools, chip project in Liaocheng.",
}

func TestPhraseQueries(t *testing.T) {
	idx := newIndex(t, phraseDocs)
	tests := []struct {
		phrase string
		want   []string
	}{
		{"两江新区", []string{"lj", "lj-trad"}},
		{"兩江新區", []string{"lj", "lj-trad"}},
		{"重庆两江新区", []string{"lj", "lj-trad"}},
		{"碳化硅芯片", []string{"sic", "sic-sp", "sic-wrap"}},
		{"碳化硅", []string{"sic", "sic-de", "sic-pre", "sic-sp", "sic-wrap"}},
		{"光掩膜", []string{"mask"}},
		{"silicon carbide chip", []string{"en"}},
		{"Silicon Carbide Chips", []string{"en"}},
		{"carbide chip", []string{"en"}},
		// sub-words match as phrases too
		{"新区", []string{"lj", "lj-comma", "lj-other", "lj-split", "lj-trad"}},
		{"两江", []string{"lj", "lj-comma", "lj-other", "lj-split", "lj-trad"}},
		{"芯片", []string{"nitride", "sic", "sic-de", "sic-no", "sic-pre", "sic-sp", "sic-wrap"}},
		{"碳化", []string{"sic", "sic-de", "sic-no", "sic-pre", "sic-sp", "sic-wrap"}},
		{"掩膜", []string{"mask", "mask-no", "mask-sp"}},
	}
	for _, tt := range tests {
		t.Run(tt.phrase, func(t *testing.T) {
			q := bleve.NewMatchPhraseQuery(tt.phrase)
			q.SetField("text")
			if got := hits(t, idx, q); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("phrase %q: hits %v, want %v", tt.phrase, got, tt.want)
			}
		})
	}
}

// TestPhrasePrecision runs a phrase query for every substring of two to six
// characters of the Chinese documents and checks that every hit holds those
// characters contiguously (ignoring whitespace), whatever the segmentation:
// the position policy must never let a phrase match across a gap.
func TestPhrasePrecision(t *testing.T) {
	idx := newIndex(t, phraseDocs)
	flat := map[string]string{}
	for id, text := range phraseDocs {
		flat[id] = strings.Join(strings.Fields(string(analyzers.NewFoldFilter().Filter([]byte(text)))), "")
	}
	seen := map[string]bool{}
	queries, recalled, relevant := 0, 0, 0
	for _, text := range phraseDocs {
		runes := []rune(flat[text2id(text)])
		for i := range runes {
			for n := 2; n <= 6 && i+n <= len(runes); n++ {
				sub := string(runes[i : i+n])
				if seen[sub] || !allHan(sub) {
					continue
				}
				seen[sub] = true
				queries++
				q := bleve.NewMatchPhraseQuery(sub)
				q.SetField("text")
				got := map[string]bool{}
				for _, id := range hits(t, idx, q) {
					got[id] = true
					if !strings.Contains(flat[id], sub) {
						t.Errorf("phrase %q hit %s: %q", sub, id, phraseDocs[id])
					}
				}
				for id, f := range flat {
					if strings.Contains(f, sub) {
						relevant++
						if got[id] {
							recalled++
						}
					}
				}
			}
		}
	}
	t.Logf("%d phrase queries; recall %d/%d for arbitrary substrings", queries, recalled, relevant)
}

func text2id(text string) string {
	for id, s := range phraseDocs {
		if s == text {
			return id
		}
	}
	return ""
}

func allHan(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}
