package analyzers_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/investnews/regionsearch/analyzers"
	"github.com/investnews/regionsearch/analyzers/gazetteer"
)

func TestExpand(t *testing.T) {
	tests := []struct {
		word string
		want []string
	}{
		{"聊城", []string{"聊城", "聊城市", "liaocheng"}},
		{"聊城市", []string{"聊城市", "聊城", "liaocheng"}},
		{"Liaocheng", []string{"liaocheng", "聊城市", "聊城"}},
		{"liaocheng", []string{"liaocheng", "聊城市", "聊城"}},
		{"Shandong", []string{"shandong", "山东省", "山东"}},
		{"廣州", []string{"广州", "广州市", "guangzhou"}},
		{"Xi'an", []string{"xian", "西安市", "西安", "西安区"}},
		{"Hong Kong", []string{"hong kong", "香港特别行政区", "香港", "hong kong sar"}},
		{"两江新区", []string{"两江新区", "两江", "liangjiang"}},
		{"江阴", []string{"江阴", "江阴市", "jiangyin"}},
		{"乾县", []string{"干县", "qianxian"}},
		{"Zhangye", []string{"zhangi", "张掖市", "张掖"}},
		{"芯片", nil},
		{"京", nil},
		{"silicon", nil},
		{"", nil},
	}
	for _, tt := range tests {
		if got := analyzers.Expand(tt.word); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Expand(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

// TestExpandTermsAreIndexTerms checks, for every English and Chinese name in
// the gazetteer, that each term Expand returns is what zh_news makes of it:
// analysing a term again gives the term back (a phrase gives its words), so
// a caller may pass the terms to a match query or a term query alike.
func TestExpandTermsAreIndexTerms(t *testing.T) {
	a := newAnalyzer(t)
	g := gazetteer.MustDefault()
	names := append(g.EnNames(), g.ZhNames()...)
	checked := map[string]bool{}
	for _, name := range names {
		terms := analyzers.Expand(name)
		if len(terms) == 0 {
			t.Errorf("Expand(%q) = nil for a gazetteer name", name)
			continue
		}
		for _, term := range terms {
			if checked[term] {
				continue
			}
			checked[term] = true
			var got []string
			for _, tk := range a.Analyze([]byte(term)) {
				if tk.Start == 0 && tk.End == len(term) || tk.Type != 1 {
					got = append(got, string(tk.Term))
				}
			}
			if want := strings.Fields(term); !reflect.DeepEqual(got, want) {
				t.Errorf("Expand(%q) term %q analyses to %q", name, term, got)
			}
		}
	}
	t.Logf("%d names, %d distinct terms", len(names), len(checked))
}

func TestSegment(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"聊城碳化硅芯片", []string{"聊城", "碳化硅", "芯片"}},
		{"重慶兩江新區 ＳｉＣ芯片", []string{"重慶", "兩江新區", "ＳｉＣ", "芯片"}},
		{"碳化\n硅", []string{"碳化硅"}},
		{"Liaocheng's 5G", []string{"Liaocheng's", "5G"}},
		{"南湖高新区光掩膜", []string{"南湖高新区", "光", "掩膜"}},
		{"，。！", nil},
	}
	for _, tt := range tests {
		if got := analyzers.Segment(tt.text); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Segment(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestExpandZones(t *testing.T) {
	has := func(list []string, want ...string) bool {
		for _, w := range want {
			found := false
			for _, x := range list {
				found = found || x == w
			}
			if !found {
				return false
			}
		}
		return true
	}
	if got := analyzers.Expand("光谷"); !has(got, "光谷", "武汉东湖新技术开发区", "东湖高新区", "optic valley of china") {
		t.Errorf("Expand(光谷) = %q", got)
	}
	if got := analyzers.Expand("Suzhou Industrial Park"); !has(got, "suzhou industri park", "苏州工业园区") {
		t.Errorf("Expand(Suzhou Industrial Park) = %q", got)
	}
	// A zone does not expand to its host's names, nor a city to its zones.
	if got := analyzers.Expand("东湖高新区"); has(got, "武汉") || has(got, "donghu") {
		t.Errorf("Expand(东湖高新区) = %q", got)
	}
	if got := analyzers.Expand("武汉"); has(got, "光谷") {
		t.Errorf("Expand(武汉) = %q", got)
	}
}
