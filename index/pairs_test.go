package index

import (
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

func TestPhrasePairs(t *testing.T) {
	for _, tc := range []struct {
		slots  [][]string
		groups [][]string
		exact  bool
	}{
		{[][]string{{"总"}, {"投资"}}, [][]string{{"总 投资"}}, true},
		{[][]string{{"silicon"}, {"carbid"}}, nil, false}, // only Chinese words are paired
		{[][]string{{"10"}, {"亿元"}}, nil, false},
		{[][]string{{"聊城"}, nil, {"项目"}}, [][]string{{"聊城 项目"}}, true},
		{[][]string{{"总"}, {"投资"}, nil, {"10"}}, [][]string{{"总 投资"}}, false},
		{[][]string{{"重点项目", "重点"}, nil, {"项目"}, nil, {"集中"}, nil, {"签约"}},
			[][]string{{"重点项目 集中", "重点 项目"}, {"项目 集中"}, {"集中 签约"}}, false},
		{[][]string{{"碳化硅", "碳化"}, {"化硅"}, nil, {"芯片"}}, [][]string{{"化硅 芯片"}}, false},
		{[][]string{{"a"}, nil, {"b"}}, nil, false}, // a gap: a's neighbour is not in the phrase
		{[][]string{{"聊城市", "聊城"}, nil, {"#市"}}, nil, false},
	} {
		groups, exact := phrasePairs(tc.slots)
		var got [][]string
		for _, g := range groups {
			var terms []string
			for _, term := range g {
				terms = append(terms, string(term))
			}
			got = append(got, terms)
		}
		if !slices.EqualFunc(got, tc.groups, slices.Equal) || exact != tc.exact {
			t.Errorf("phrasePairs(%q) = %q, %v; want %q, %v", tc.slots, got, exact, tc.groups, tc.exact)
		}
	}
}

// TestPairTokens checks the pairs of an analysed field: every Chinese word
// with every Chinese word that starts where it ends, once per occurrence,
// never across array elements.
func TestPairTokens(t *testing.T) {
	tok := func(term string, pos int) *analysis.Token {
		return &analysis.Token{Term: []byte(term), Position: pos}
	}
	// 聊城市签约 总投资10 yuan: 聊城市@1 聊城@1 #市@3 签约@4 总@7 投资@8 10@10
	// yuan@11, and 签约 again in another element.
	tfs := analysis.TokenFrequency(analysis.TokenStream{
		tok("聊城市", 1), tok("聊城", 1), tok("#市", 3), tok("签约", 4), tok("总", 7), tok("投资", 8),
		tok("10", 10), tok("yuan", 11),
	}, nil, bleveindex.IndexField|bleveindex.IncludeTermVectors)
	other := analysis.TokenFrequency(analysis.TokenStream{tok("签约", 6)}, []uint64{1}, bleveindex.IndexField|bleveindex.IncludeTermVectors)
	tfs.MergeAll("body", other)
	var got []string
	for _, p := range pairTokens(tfs) {
		got = append(got, string(p.Term))
	}
	slices.Sort(got)
	want := []string{"#市 签约", "聊城 #市", "聊城市 签约", "总 投资"}
	slices.Sort(want)
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("pairs %q, want %q", got, want)
	}
}
