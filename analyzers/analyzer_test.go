package analyzers_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/investnews/regionsearch/analyzers"
)

func newAnalyzer(t testing.TB) analysis.Analyzer {
	t.Helper()
	a, err := registry.NewCache().AnalyzerNamed(analyzers.AnalyzerName)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

const (
	zh  = analysis.Ideographic
	alp = analysis.AlphaNumeric
	num = analysis.Numeric
)

func tok(term string, pos, start, end int, typ analysis.TokenType) *analysis.Token {
	return &analysis.Token{Term: []byte(term), Position: pos, Start: start, End: end, Type: typ}
}

// dump renders a token stream one token a line, for failure messages.
func dump(ts analysis.TokenStream) string {
	var b strings.Builder
	for _, t := range ts {
		fmt.Fprintf(&b, "\ttok(%q, %d, %d, %d, %d),\n", t.Term, t.Position, t.Start, t.End, t.Type)
	}
	return b.String()
}

func TestAnalyzerTokenStreams(t *testing.T) {
	a := newAnalyzer(t)
	tests := []struct {
		name  string
		input string
		want  analysis.TokenStream
	}{
		{
			name:  "place name and search-mode sub-words",
			input: "聊城市碳化硅",
			want: analysis.TokenStream{
				tok("聊城市", 1, 0, 9, zh),
				tok("聊城", 1, 0, 6, zh),
				tok("#市", 3, 6, 9, zh), // tiles 聊城市 (a marked remainder); 城市 crosses the name boundary
				tok("碳化硅", 4, 9, 18, zh),
				tok("碳化", 4, 9, 15, zh),
				tok("化硅", 5, 12, 18, zh),
			},
		},
		{
			name:  "new area and zone words are single tokens",
			input: "两江新区 南湖高新区",
			want: analysis.TokenStream{
				tok("两江新区", 1, 0, 12, zh),
				tok("两江", 1, 0, 6, zh),
				tok("新区", 3, 6, 12, zh),
				tok("南湖高新区", 5, 13, 28, zh),
				tok("南湖", 5, 13, 19, zh),
				tok("高新区", 7, 19, 28, zh),
				tok("高新", 7, 19, 25, zh),
				tok("新区", 8, 22, 28, zh),
			},
		},
		{
			name:  "english: possessive, case, stemming, acronyms, numbers",
			input: "China's SiC chips, the U.S. and 1,200 tons",
			want: analysis.TokenStream{
				tok("china", 1, 0, 7, alp),
				tok("sic", 2, 8, 11, alp),
				tok("chip", 3, 12, 17, alp),
				tok("the", 4, 19, 22, alp),
				tok("us", 5, 23, 26, alp),
				tok("and", 6, 28, 31, alp),
				tok("1200", 7, 32, 37, num),
				tok("ton", 8, 38, 42, alp),
			},
		},
		{
			name:  "mixed: codes and numbers survive, punctuation next to Chinese is a gap",
			input: "5G基站，3DIC 1.2亿",
			want: analysis.TokenStream{
				tok("5g", 1, 0, 2, alp),
				tok("基站", 2, 2, 8, zh),
				tok("3dic", 5, 11, 15, alp),
				tok("1.2", 6, 16, 19, num),
				tok("亿", 7, 19, 22, zh),
			},
		},
		{
			name:  "traditional characters are simplified, offsets unchanged",
			input: "臺灣積體電路",
			want: analysis.TokenStream{
				tok("台湾", 1, 0, 6, zh),
				tok("积体电路", 3, 6, 18, zh),
				tok("积体", 3, 6, 12, zh),
				tok("电路", 5, 12, 18, zh),
			},
		},
		{
			name:  "full-width letters fold, offsets cover the original characters",
			input: "ＳｉＣ芯片",
			want: analysis.TokenStream{
				tok("sic", 1, 0, 9, alp),
				tok("芯片", 2, 9, 15, zh),
			},
		},
		{
			name:  "pinyin apostrophe is dropped",
			input: "Xi'an and Lu’an",
			want: analysis.TokenStream{
				tok("xian", 1, 0, 5, alp),
				tok("and", 2, 6, 9, alp),
				tok("luan", 3, 10, 17, alp),
			},
		},
		{
			name:  "a line break inside a Chinese word is ignored",
			input: "碳化\n硅",
			want: analysis.TokenStream{
				tok("碳化硅", 1, 0, 10, zh),
				tok("碳化", 1, 0, 6, zh),
				tok("化硅", 2, 3, 10, zh),
			},
		},
		{
			name:  "invalid UTF-8 and NUL separate tokens without losing text",
			input: "山东\xff聊城\x00SiC",
			want: analysis.TokenStream{
				tok("山东", 1, 0, 6, zh),
				tok("聊城", 4, 7, 13, zh),
				tok("sic", 7, 14, 17, alp),
			},
		},
		{
			name:  "empty",
			input: "",
			want:  analysis.TokenStream{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := a.Analyze([]byte(tt.input))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Analyze(%q) =\n%swant\n%s", tt.input, dump(got), dump(tt.want))
			}
		})
	}
}
