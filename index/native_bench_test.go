package index

import (
	"context"
	"os"
	"testing"
	"time"
)

// BenchmarkPass times the column pass of some queries of querybench's mix,
// natively (with two goroutines and one) and through bleve, scored, on the
// index named by
// $REGIONSEARCH_BENCH_INDEX (skipped when unset), and reports the time per
// hit of the text query:
//
//	REGIONSEARCH_BENCH_INDEX=/tmp/bench/idx1m go test -run - -bench Pass ./index/
func BenchmarkPass(b *testing.B) {
	path := os.Getenv("REGIONSEARCH_BENCH_INDEX")
	if path == "" {
		b.Skip("set REGIONSEARCH_BENCH_INDEX to an index directory")
	}
	ix, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	var c *colSet
	for deadline := time.Now().Add(5 * time.Minute); c == nil; time.Sleep(100 * time.Millisecond) {
		if c = ix.columnsFor(); c == nil && time.Now().After(deadline) {
			b.Fatal("columns not built")
		}
	}
	for _, text := range []string{"签约", `"总投资"`, `"重点项目集中签约"`, "项目 -GDP", "新能源 汽车", "semiconductor"} {
		textQ, err := ix.compile(parseQuery(text))
		if err != nil {
			b.Fatal(err)
		}
		passQ := passQuery(passBase(textQ, filters{}))
		for _, way := range []string{"native2", "native1", "bleve"} {
			b.Run(text+"/"+way, func(b *testing.B) {
				defer func(n, p bool) { nativePass, nativeParallel = n, p }(nativePass, nativeParallel)
				nativePass, nativeParallel = way != "bleve", way == "native2"
				var hits uint64
				for b.Loop() {
					s := newColSearch(c, filters{}, "", 20)
					if err := ix.pass(context.Background(), passQ, s, nil); err != nil {
						b.Fatal(err)
					}
					hits = s.total
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(max(hits, 1)), "ns/hit")
				b.ReportMetric(float64(hits), "hits")
			})
		}
	}
}
