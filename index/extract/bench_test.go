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
	set := readLabelled(b, "testdata/labelled.jsonl")
	var sb strings.Builder
	for _, l := range set {
		sb.WriteString(l.Body)
		sb.WriteString("\n")
	}
	text := sb.String()
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
