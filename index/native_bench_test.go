package index

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// BenchmarkPass times the column pass of some queries of querybench's mix,
// natively (with two goroutines and one) and through bleve, scored, the
// searchers alone (raw: the hits dropped, no columns), and the least any
// evaluator reading zap's postings pays (zap-floor), on the index named by
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
		// The searchers alone: every hit dropped as it comes.
		b.Run(text+"/native-raw", func(b *testing.B) {
			var hits int
			for b.Loop() {
				r := currentReader(b, ix)
				hits = 0
				err := nativeRun(context.Background(), r, ix.bi.Mapping(), passQ, &ix.search.tf, true, nil, 1, func(uint64, float64) error {
					hits++
					return nil
				})
				r.Close()
				if err != nil {
					b.Fatal(err)
				}
			}
			reportPerHit(b, hits)
		})
		// What any evaluator reading zap's postings pays at least: every
		// posting of every term of the query read once, with its frequency
		// and norm (and locations for phrases).
		b.Run(text+"/zap-floor", func(b *testing.B) {
			var postings int
			for b.Loop() {
				r := currentReader(b, ix)
				snap := r.(*scorch.IndexSnapshot)
				ns := &nsearch{ctx: context.Background(), m: ix.bi.Mapping(), segs: snap.Segments(), scored: true,
					dicts: map[string][]segment.TermDictionary{}}
				ns.docTotal, _ = snap.DocCount()
				if _, err := ns.build(passQ, true); err != nil {
					b.Fatal(err)
				}
				postings = 0
				for _, t := range ns.terms {
					for _, pl := range t.pls {
						it := pl.Iterator(true, true, t.phrase, nil)
						for p, err := it.Next(); p != nil && err == nil; p, err = it.Next() {
							postings++
							_, _ = p.Frequency(), p.Norm()
						}
					}
				}
				r.Close()
			}
			b.ReportMetric(float64(postings), "postings")
		})
		b.Run(text+"/bleve-raw", func(b *testing.B) {
			var hits int
			for b.Loop() {
				hits = 0
				req := bleve.NewSearchRequestOptions(passQ, 0, 0, false)
				req.SortByCustom(search.SortOrder{&search.SortScore{Desc: true}})
				maker := func(sc *search.SearchContext) (search.DocumentMatchHandler, bool, error) {
					return func(d *search.DocumentMatch) error {
						if d != nil {
							hits++
							sc.DocumentMatchPool.Put(d)
						}
						return nil
					}, false, nil
				}
				ctx := context.WithValue(context.Background(), search.MakeDocumentMatchHandlerKey, search.MakeDocumentMatchHandler(maker))
				if _, err := ix.bi.SearchInContext(ctx, req); err != nil {
					b.Fatal(err)
				}
			}
			reportPerHit(b, hits)
		})
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
					s.finish()
					hits = s.total
				}
				reportPerHit(b, int(hits))
			})
		}
	}
}

// reportPerHit reports the time per hit and the hits.
func reportPerHit(b *testing.B, hits int) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(max(hits, 1)), "ns/hit")
	b.ReportMetric(float64(hits), "hits")
}
