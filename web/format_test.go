package web

import (
	"strconv"
	"strings"
	"testing"

	"github.com/investnews/regionsearch/index"
)

func TestHighlight(t *testing.T) {
	tests := []struct{ in, want string }{
		{"总投资<mark>30亿元</mark>", "总投资<mark>30亿元</mark>"},
		{"a &quot;<mark>photomask</mark>&quot; &amp; b", "a &quot;<mark>photomask</mark>&quot; &amp; b"},
		{"&#39; &#x27; &lt;", "&#39; &#x27; &lt;"},
		{"R&D & more &bogus", "R&amp;D &amp; more &amp;bogus"},
		{"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{`<mark onclick="x">a</mark>`, `&lt;mark onclick=&#34;x&#34;&gt;a`},
		{"<mark>open", "<mark>open</mark>"},
		{"stray</mark> close", "stray close"},
		{"<MARK>x</MARK>", "&lt;MARK&gt;x&lt;/MARK&gt;"},
		{"it's", "it&#39;s"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := string(highlight(tt.in)); got != tt.want {
			t.Errorf("highlight(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFormatAmount(t *testing.T) {
	tests := []struct {
		yuan   float64
		zh, en string
	}{
		{3e9, "30 亿元", "3 billion yuan"},
		{4.63e10, "463 亿元", "46.3 billion yuan"},
		{1.2345e8, "1.23 亿元", "0.12 billion yuan"},
		{5e6, "0.05 亿元", "5 million yuan"},
		{5e5, "50 万元", "0.5 million yuan"},
		{1.5e12, "15,000 亿元", "1,500 billion yuan"},
		{0, "0 万元", "0 million yuan"},
	}
	for _, tt := range tests {
		if got := formatAmount(tt.yuan, uiZh); got != tt.zh {
			t.Errorf("formatAmount(%g, zh) = %q, want %q", tt.yuan, got, tt.zh)
		}
		if got := formatAmount(tt.yuan, uiEn); got != tt.en {
			t.Errorf("formatAmount(%g, en) = %q, want %q", tt.yuan, got, tt.en)
		}
	}
}

func TestBodySegments(t *testing.T) {
	body := "聊城签约30亿元项目"
	at := func(s string) (int, int) { i := strings.Index(body, s); return i, i + len(s) }
	s1, e1 := at("聊城")
	s2, e2 := at("30亿元")
	ev := []index.Evidence{
		{Field: "amount", Start: s2, End: e2},
		{Field: "cities", Start: s1, End: e1},
		{Field: "provinces", Start: s1, End: e1},          // same span: shares the anchor
		{Field: "sectors", Start: s1 + 3, End: e2},        // overlaps: no anchor
		{Field: "lang", Start: 1, End: 4},                 // inside a character: ignored
		{Field: "date", Start: 0, End: 99},                // out of range: ignored
		{Field: "sectors", Start: 0, End: 3, Title: true}, // in the title
	}
	segs, anchors := bodySegments(body, ev)
	var b strings.Builder
	for _, s := range segs {
		if s.Mark {
			b.WriteString("[" + s.ID + ":" + s.Text + "]")
		} else {
			b.WriteString(s.Text)
		}
	}
	if got, want := b.String(), "[ev-1:聊城]签约[ev-0:30亿元]项目"; got != want {
		t.Errorf("segments = %s, want %s", got, want)
	}
	if anchors[2] != "ev-1" || anchors[3] != "" || anchors[4] != "" || anchors[6] != "" {
		t.Errorf("anchors = %v", anchors)
	}
}

func TestPagination(t *testing.T) {
	tests := []struct {
		total uint64
		page  int
		size  int
		want  string
	}{
		{0, 1, 20, ""},
		{20, 1, 20, ""},
		{21, 1, 20, "[1] 2 >"},
		{1000, 10, 20, "< 1 … 8 9 [10] 11 12 … 50 >"},
		{1000000, 1, 100, "[1] 2 3 … 100 >"},
		{45, 9, 20, "< 1 … 3"}, // past the end: no current page, previous goes to the last
	}
	for _, tt := range tests {
		v := &searchView{Query: index.Query{Page: tt.page, Size: tt.size}, st: state{}}
		v.pagination(tt.total)
		var parts []string
		if v.PrevURL != "" {
			parts = append(parts, "<")
		}
		for _, p := range v.Pages {
			switch {
			case p.Gap:
				parts = append(parts, "…")
			case p.Current:
				parts = append(parts, "["+strconv.Itoa(p.Number)+"]")
			default:
				parts = append(parts, strconv.Itoa(p.Number))
			}
		}
		if v.NextURL != "" {
			parts = append(parts, ">")
		}
		if got := strings.Join(parts, " "); got != tt.want {
			t.Errorf("total %d page %d size %d: %q, want %q", tt.total, tt.page, tt.size, got, tt.want)
		}
	}
}
