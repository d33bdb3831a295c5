package analyzers

import (
	"os"
	"testing"

	"github.com/blevesearch/bleve/v2/registry"
	"github.com/yanyiwu/gojieba"
)

func benchText(b *testing.B) []byte {
	b.Helper()
	text, err := os.ReadFile("testdata/bench_news.txt")
	if err != nil {
		b.Fatal(err)
	}
	return text
}

// BenchmarkZhNews measures the whole zh_news analyzer: char filter,
// tokenizer (jieba search mode plus the position policy) and token filters.
func BenchmarkZhNews(b *testing.B) {
	text := benchText(b)
	a, err := registry.NewCache().AnalyzerNamed(AnalyzerName)
	if err != nil {
		b.Fatal(err)
	}
	buf := make([]byte, len(text))
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		copy(buf, text) // the analyzer may lowercase in place
		a.Analyze(buf)
	}
}

// BenchmarkJiebaTokenize measures raw gojieba.Tokenize in search mode with
// the HMM, on the same text and the same jieba instance: the floor for
// BenchmarkZhNews.
func BenchmarkJiebaTokenize(b *testing.B) {
	text := string(benchText(b))
	st, err := configured()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		st.jieba.Tokenize(text, gojieba.SearchMode, true)
	}
}

// BenchmarkFoldFilter measures the zh_fold char filter alone, on text that
// needs folding (it holds traditional characters).
func BenchmarkFoldFilter(b *testing.B) {
	text := benchText(b)
	f := NewFoldFilter()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		f.Filter(text)
	}
}
