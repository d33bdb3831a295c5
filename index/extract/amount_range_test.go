package extract

import (
	"reflect"
	"testing"
)

// TestParseAmountsRanges pins ranges: one figure spanning both ends, worth
// its lower bound.
func TestParseAmountsRanges(t *testing.T) {
	tests := []struct {
		in, text string
		cny      float64
	}{
		{"项目总投资10-15亿元", "10-15亿元", 1e9},
		{"项目总投资10亿至15亿元", "10亿至15亿元", 1e9},
		{"項目總投資10億元至15億元", "10億元至15億元", 1e9},
		{"计划投资40亿到50亿元", "40亿到50亿元", 4e9},
		{"计划投资1亿～2亿美元", "1亿～2亿美元", 1e8 * 7.1},
		{"an investment of 1 billion to 1.5 billion yuan", "1 billion to 1.5 billion yuan", 1e9},
		{"an investment of between 1 billion and 1.5 billion yuan", "1 billion and 1.5 billion yuan", 1e9},
		{"will invest 1-1.5 billion yuan", "1-1.5 billion yuan", 1e9},
		{"will invest US$1-1.5 billion", "US$1-1.5 billion", 1e9 * 7.1},
		{"will invest RMB 2 to 3 billion", "RMB 2 to 3 billion", 2e9},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			as := ParseAmounts(tt.in)
			if len(as) != 1 {
				t.Fatalf("ParseAmounts(%q) = %+v, want one figure", tt.in, as)
			}
			if as[0].Text != tt.text || !near(as[0].CNY, tt.cny) {
				t.Errorf("got %q %g, want %q %g", as[0].Text, as[0].CNY, tt.text, tt.cny)
			}
		})
	}
	// Not ranges: years, months, a figure above its "lower" end.
	for _, tt := range []struct {
		in    string
		texts []string
	}{
		{"2023-2025年计划投资50亿元", []string{"50亿元"}},
		{"1-3月新签约项目投资50亿元", []string{"50亿元"}},
		{"投资20亿元至10亿元", []string{"20亿元", "10亿元"}},
	} {
		var got []string
		for _, a := range ParseAmounts(tt.in) {
			got = append(got, a.Text)
		}
		if !reflect.DeepEqual(got, tt.texts) {
			t.Errorf("ParseAmounts(%q) texts = %q, want %q", tt.in, got, tt.texts)
		}
	}
}

// TestParseAmountsMoreForms covers qualifiers, currencies and classes seen in
// real reports.
func TestParseAmountsMoreForms(t *testing.T) {
	tests := []struct {
		in     string
		texts  []string
		scopes []string
	}{
		{"总投资逾百亿元", []string{"逾百亿元"}, []string{ScopeProject}},
		{"项目总投资超1000亿元", []string{"超1000亿元"}, []string{ScopeProject}},
		{"总投资近50亿", []string{"近50亿"}, []string{ScopeProject}},
		{"总投资约3.2亿美元", []string{"约3.2亿美元"}, []string{ScopeProject}},
		{"首期投资5亿元", []string{"5亿元"}, []string{ScopePhase}},
		{"项目總投資50億人民幣，達產後年產值逾百億元", []string{"50億人民幣", "逾百億元"}, []string{ScopeProject, ScopeOther}},
		{"项目注册资本5亿元，总投资20亿元，年税收3亿元", []string{"5亿元", "20亿元", "3亿元"}, []string{ScopeOther, ScopeProject, ScopeOther}},
		{"The plant will invest 1.2 trillion yuan.", []string{"1.2 trillion yuan"}, []string{ScopeProject}},
		{"Projects with a total investment of more than 10 billion yuan such as a wafer plant were listed.", []string{"more than 10 billion yuan"}, []string{ScopeOther}},
		{"It expects annual sales revenue of 8 billion yuan and taxes of 600 million yuan.", []string{"8 billion yuan", "600 million yuan"}, []string{ScopeOther, ScopeOther}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var texts, scopes []string
			for _, a := range ParseAmounts(tt.in) {
				texts = append(texts, a.Text)
				scopes = append(scopes, a.Scope)
			}
			if !reflect.DeepEqual(texts, tt.texts) || !reflect.DeepEqual(scopes, tt.scopes) {
				t.Errorf("got %q %v, want %q %v", texts, scopes, tt.texts, tt.scopes)
			}
		})
	}
}

// TestExtractSectorsPowerStation: a storage or solar power station is new
// energy, not conventional power.
func TestExtractSectorsPowerStation(t *testing.T) {
	e := extractor(t)
	r := e.Extract("", "The company signed an energy storage power station project worth 2 billion yuan.")
	var got []string
	for _, s := range r.Sectors {
		got = append(got, s.Key)
	}
	if !reflect.DeepEqual(got, []string{"new-energy"}) {
		t.Errorf("sectors = %v, want [new-energy]", got)
	}
}
