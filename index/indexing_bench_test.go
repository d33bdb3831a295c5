package index

import (
	"context"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/registry"

	"github.com/investnews/regionsearch/analyzers"
	"github.com/investnews/regionsearch/internal/democorpus"
)

// The indexing benchmarks split the cost of indexing a report into its
// stages, on the same demo-corpus reports; each reports MB/s of title and
// body text and the CPU time per MB (cpu-ms/MB), which stays meaningful on
// a loaded machine.

func benchArticles(b *testing.B, n int) ([]Article, int64) {
	b.Helper()
	var out []Article
	var size int64
	err := democorpus.Generate(democorpus.DemoSeed, n, func(r democorpus.Report) error {
		d, _ := time.Parse(time.DateOnly, r.Date)
		out = append(out, Article{ID: r.ID, URL: r.URL, Title: r.Title, Date: d, Source: r.Source, Lang: r.Lang, Body: r.Body})
		size += int64(len(r.Title) + len(r.Body))
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return out, size
}

func cpuNow() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// measure runs fn b.N times and reports CPU milliseconds per MB of text.
func measure(b *testing.B, size int64, fn func()) {
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	c0 := cpuNow()
	for i := 0; i < b.N; i++ {
		fn()
	}
	cpu := cpuNow() - c0
	b.ReportMetric(float64(cpu.Milliseconds())/(float64(size)*float64(b.N)/1e6), "cpu-ms/MB")
}

func benchIndex(b *testing.B) *Index {
	ix, err := Create(filepath.Join(b.TempDir(), "idx"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ix.Close() })
	return ix
}

// BenchmarkStageTokenize is the zh_news analyzer alone.
func BenchmarkStageTokenize(b *testing.B) {
	arts, size := benchArticles(b, 500)
	a, err := registry.NewCache().AnalyzerNamed(analyzers.AnalyzerName)
	if err != nil {
		b.Fatal(err)
	}
	measure(b, size, func() {
		for _, x := range arts {
			a.Analyze([]byte(x.Title))
			a.Analyze([]byte(x.Body))
		}
	})
}

// BenchmarkStageExtract is extraction (Prepare).
func BenchmarkStageExtract(b *testing.B) {
	arts, size := benchArticles(b, 500)
	ix := benchIndex(b)
	measure(b, size, func() {
		for _, x := range arts {
			ix.Prepare(x)
		}
	})
}

// BenchmarkStageAnalyze is mapping and analysis of prepared documents.
func BenchmarkStageAnalyze(b *testing.B) {
	arts, size := benchArticles(b, 500)
	ix := benchIndex(b)
	docs := make([]*Document, len(arts))
	for i, x := range arts {
		docs[i] = ix.Prepare(x)
	}
	measure(b, size, func() {
		for _, d := range docs {
			if _, err := ix.bleveDoc(d, "h"); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkStageWrite is writing analysed documents: segment building,
// persisting and merging, in batches of DefaultBatchSize.
func BenchmarkStageWrite(b *testing.B) {
	arts, size := benchArticles(b, 2000)
	ix := benchIndex(b)
	docs := make([]*Document, len(arts))
	for i, x := range arts {
		docs[i] = ix.Prepare(x)
	}
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	var cpu time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		ix, err := Create(filepath.Join(b.TempDir(), "idx"))
		if err != nil {
			b.Fatal(err)
		}
		entries := make([]*entry, len(docs))
		for k, d := range docs {
			d.ID = arts[k].ID
			bd, err := ix.bleveDoc(d, "h")
			if err != nil {
				b.Fatal(err)
			}
			entries[k] = &entry{doc: d, hash: "h", bdoc: bd, checked: true}
		}
		b.StartTimer()
		c0 := cpuNow()
		w := ix.NewWriter(0)
		for _, e := range entries {
			if err := w.add(context.Background(), e); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Flush(context.Background()); err != nil {
			b.Fatal(err)
		}
		if err := ix.Close(); err != nil {
			b.Fatal(err)
		}
		cpu += cpuNow() - c0
	}
	b.ReportMetric(float64(cpu.Milliseconds())/(float64(size)*float64(b.N)/1e6), "cpu-ms/MB")
}
