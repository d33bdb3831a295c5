package analyzers_test

import (
	"reflect"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/investnews/regionsearch/analyzers"
)

// precisionDocs are short reports about places that share characters (广州
// and 惠州, 苏州 and 宿州) and names ending in the same generic character.
var precisionDocs = map[string]string{
	"gz":       "广东省广州市黄埔区签约生物医药项目，总投资5亿元。",
	"gz-en":    "Guangzhou signed a biomedicine project in Huangpu District.",
	"hz":       "广东省惠州市签约锂电池储能项目，总投资80亿元。",
	"hz-zone":  "惠州仲恺高新区新签约项目12个。",
	"hz-en":    "Huizhou's Dayawan zone inks a petrochemical deal.",
	"sz":       "苏州工业园区签约集成电路项目。",
	"suz":      "宿州市经开区签约纺织项目。",
	"lc":       "聊城市高新区签约碳化硅芯片封测项目。",
	"jy":       "江阴市签约217个项目，总投资超千亿元。",
	"wh":       "武汉东湖高新区（中国光谷）签约光电子项目。",
	"county":   "县委书记带队招商，市、县两级联动。",
	"xian":     "西安市高新区签约半导体项目。",
	"province": "山东省与江苏省签署合作协议。",
}

// search runs a query the way the search engine does for one word: the word
// and every other name of the same place (Expand), each a match query with
// all its terms required, over the "text" field.
func search(t *testing.T, idx bleve.Index, word string) []string {
	t.Helper()
	alts := analyzers.Expand(word)
	if len(alts) == 0 {
		alts = []string{word}
	}
	var dis []query.Query
	for _, a := range alts {
		mq := bleve.NewMatchQuery(a)
		mq.SetField("text")
		mq.SetOperator(query.MatchQueryOperatorAnd)
		dis = append(dis, mq)
	}
	return hits(t, idx, bleve.NewDisjunctionQuery(dis...))
}

// TestPlacePrecision: a query for a place finds the reports about it, in
// both scripts, and never those about a place that shares a character.
func TestPlacePrecision(t *testing.T) {
	idx := newIndex(t, precisionDocs)
	tests := []struct {
		word string
		want []string
	}{
		{"广州", []string{"gz", "gz-en"}},
		{"广州市", []string{"gz", "gz-en"}},
		{"Guangzhou", []string{"gz", "gz-en"}},
		{"惠州", []string{"hz", "hz-en", "hz-zone"}},
		{"苏州", []string{"sz"}},
		{"宿州", []string{"suz"}},
		{"光谷", []string{"wh"}},
		{"东湖高新区", []string{"wh"}},
		{"苏州工业园区", []string{"sz"}},
		{"Suzhou Industrial Park", []string{"sz"}},
	}
	for _, tt := range tests {
		if got := search(t, idx, tt.word); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: hits %v, want %v", tt.word, got, tt.want)
		}
	}
}

// TestOneCharacterQueries: a query of one character matches the reports
// where that character is a word of its own, not every report with a name
// that ends in it (市, 区, 省, 县) or holds it (州, 广).
func TestOneCharacterQueries(t *testing.T) {
	idx := newIndex(t, precisionDocs)
	tests := []struct {
		char string
		want []string
	}{
		{"市", []string{"county"}}, // 市、县两级
		{"县", []string{"county"}},
		{"区", []string{}},
		{"省", []string{}},
		{"州", []string{}},
		{"广", []string{}},
		{"园", []string{}},
	}
	for _, tt := range tests {
		got := search(t, idx, tt.char)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: hits %v, want %v", tt.char, got, tt.want)
		}
		if len(got) > len(precisionDocs)/4 {
			t.Errorf("%s returns %d of %d reports", tt.char, len(got), len(precisionDocs))
		}
	}
	// The generic part of a name is a word: 高新区 finds every hi-tech zone,
	// and a phrase with the marked remainder is still exact.
	if got := search(t, idx, "高新区"); !reflect.DeepEqual(got, []string{"hz-zone", "lc", "wh", "xian"}) {
		t.Errorf("高新区: hits %v", got)
	}
	for phrase, want := range map[string][]string{
		"聊城市":   {"lc"},
		"江阴市签约": {"jy"},
		"市高新区":  {}, // 市 stands alone in the query, is a remainder in the text
		"经开区":   {"suz"},
	} {
		q := bleve.NewMatchPhraseQuery(phrase)
		q.SetField("text")
		if got := hits(t, idx, q); !reflect.DeepEqual(got, want) {
			t.Errorf("phrase %s: hits %v, want %v", phrase, got, want)
		}
	}
}
