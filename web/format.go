package web

import (
	"html/template"
	"math"
	"strconv"
	"strings"

	"github.com/investnews/regionsearch/index"
)

// highlight turns one fragment of bleve's html highlighter into HTML. It is
// the only place in the package that makes a template.HTML, and it trusts
// nothing: every character is escaped except well-formed <mark> and </mark>
// tags and character references, and marks are balanced, so even a fragment
// that did not come from the highlighter cannot inject markup.
func highlight(fragment string) template.HTML {
	var b strings.Builder
	open := 0
	for i := 0; i < len(fragment); {
		rest := fragment[i:]
		switch {
		case strings.HasPrefix(rest, "<mark>"):
			b.WriteString("<mark>")
			open++
			i += len("<mark>")
		case strings.HasPrefix(rest, "</mark>"):
			if open > 0 {
				b.WriteString("</mark>")
				open--
			}
			i += len("</mark>")
		case rest[0] == '&':
			if n := charRef(rest); n > 0 {
				b.WriteString(rest[:n])
				i += n
			} else {
				b.WriteString("&amp;")
				i++
			}
		case rest[0] == '<':
			b.WriteString("&lt;")
			i++
		case rest[0] == '>':
			b.WriteString("&gt;")
			i++
		case rest[0] == '"':
			b.WriteString("&#34;")
			i++
		case rest[0] == '\'':
			b.WriteString("&#39;")
			i++
		default:
			b.WriteByte(rest[0])
			i++
		}
	}
	for ; open > 0; open-- {
		b.WriteString("</mark>")
	}
	return template.HTML(b.String())
}

// charRef returns the length of the character reference (&amp;, &#39;,
// &#x27;) at the start of s, or 0 when there is none.
func charRef(s string) int {
	if len(s) < 3 || s[0] != '&' {
		return 0
	}
	i := 1
	var ok func(byte) bool
	switch {
	case s[1] == '#' && len(s) > 2 && (s[2] == 'x' || s[2] == 'X'):
		i = 3
		ok = func(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }
	case s[1] == '#':
		i = 2
		ok = func(c byte) bool { return '0' <= c && c <= '9' }
	default:
		ok = func(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' }
	}
	start := i
	for i < len(s) && i-start < 32 && ok(s[i]) {
		i++
	}
	if i == start || i >= len(s) || s[i] != ';' {
		return 0
	}
	return i + 1
}

// formatAmount writes an amount of yuan the way the interface reads: in 亿元
// (or 万元 below a million) for Chinese, in billion (or million) yuan for
// English.
func formatAmount(yuan float64, ui string) string {
	if ui == uiEn {
		if yuan >= 1e7 {
			return trimNumber(yuan/1e9) + " billion yuan"
		}
		return trimNumber(yuan/1e6) + " million yuan"
	}
	if yuan >= 1e6 {
		return trimNumber(yuan/1e8) + " 亿元"
	}
	return trimNumber(yuan/1e4) + " 万元"
}

// trimNumber writes v with at most two decimals and no trailing zeros, and
// with thousands separators for large values.
func trimNumber(v float64) string {
	s := strconv.FormatFloat(math.Round(v*100)/100, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	intPart, frac, _ := strings.Cut(s, ".")
	if len(intPart) > 3 {
		var b strings.Builder
		for i, r := range intPart {
			if i > 0 && (len(intPart)-i)%3 == 0 {
				b.WriteByte(',')
			}
			b.WriteRune(r)
		}
		intPart = b.String()
	}
	if frac != "" {
		return intPart + "." + frac
	}
	return intPart
}

// formatYuan writes an amount as a URL parameter: plain digits when whole.
func formatYuan(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e18 {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// placeName returns the name of a place in the interface language.
func placeName(p index.PlaceRef, ui string) string {
	return pick(ui, p.NameZh, p.NameEn, p.Code)
}

// sectorName returns the name of a sector in the interface language.
func sectorName(s index.SectorRef, ui string) string {
	return pick(ui, s.NameZh, s.NameEn, s.Key)
}

// pick returns zh or en by interface language, falling back to the other
// and then to fallback when empty.
func pick(ui, zh, en, fallback string) string {
	first, second := zh, en
	if ui == uiEn {
		first, second = en, zh
	}
	switch {
	case first != "":
		return first
	case second != "":
		return second
	}
	return fallback
}

// langName names a report language in the interface language.
func langName(code, ui string) string {
	switch code {
	case "zh", "en":
		return translate(ui, "lang."+code)
	}
	return code
}
