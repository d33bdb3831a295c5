package extract

import (
	"strings"
	"testing"
)

// BenchmarkExtract extracts every report of the labelled sets once per
// iteration; MB/s counts title and body bytes.
func BenchmarkExtract(b *testing.B) {
	e := extractor(b)
	set := append(readLabelled(b, "testdata/labelled.jsonl"), readLabelled(b, "testdata/heldout.jsonl")...)
	n := 0
	for _, l := range set {
		n += len(l.Title) + len(l.Body)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, l := range set {
			e.Extract(l.Title, l.Body)
		}
	}
}

// BenchmarkExtractLong extracts one long report (about 6 KB, Chinese and
// English paragraphs), the size of a full news page.
func BenchmarkExtractLong(b *testing.B) {
	e := extractor(b)
	set := readLabelled(b, "testdata/labelled.jsonl")
	var sb strings.Builder
	for i, l := range set {
		if sb.Len() > 6000 {
			break
		}
		if i%7 == 0 {
			sb.WriteString(l.Body)
			sb.WriteString("\n\n")
		}
	}
	body := sb.String()
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e.Extract("", body)
	}
}

// BenchmarkParseAmounts measures the amount scanner alone.
func BenchmarkParseAmounts(b *testing.B) {
	text := labelledBodies(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ParseAmounts(text)
	}
}

// BenchmarkNew measures building an Extractor (once per process).
func BenchmarkNew(b *testing.B) {
	g := mustGaz()
	for i := 0; i < b.N; i++ {
		if _, err := New(g); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNarrow measures narrow over the labelled bodies, once as they
// are (few full-width digits) and once with every ASCII digit written
// full-width.
func BenchmarkNarrow(b *testing.B) {
	text := labelledBodies(b)
	wide := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r - '0' + '０'
		}
		return r
	}, text)
	for _, c := range []struct{ name, text string }{{"asis", text}, {"wide", wide}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.text)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				narrow(c.text)
			}
		})
	}
}

// labelledBodies joins the bodies of the labelled set, one a line.
func labelledBodies(b *testing.B) string {
	var sb strings.Builder
	for _, l := range readLabelled(b, "testdata/labelled.jsonl") {
		sb.WriteString(l.Body)
		sb.WriteString("\n")
	}
	return sb.String()
}
