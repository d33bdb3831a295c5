package index

import (
	"context"
	"runtime"
	"sync"
)

// Pipeline indexes a stream of articles: extraction runs on Workers
// goroutines, one Writer batches the documents into the index.
type Pipeline struct {
	Workers   int // extraction goroutines; 0 means GOMAXPROCS
	BatchSize int // documents per bleve batch; 0 means DefaultBatchSize
	// Done, when set, is called from the writing goroutine after each
	// document is queued for writing, with the article's input size in bytes.
	Done func(d *Document, bytes int)
}

// Item is one article to index, with the size of its raw input for
// progress reporting.
type Item struct {
	Article Article
	Bytes   int
}

// Run indexes every item received from in until it is closed, then flushes.
// It returns what the writer did. When writing fails, Run keeps draining in
// (so the producer never blocks) and returns the first error; the caller
// should cancel its producer.
func (p Pipeline) Run(ctx context.Context, ix *Index, in <-chan Item) (WriteStats, error) {
	workers := p.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type prepared struct {
		doc   *Document
		bytes int
	}
	out := make(chan prepared, workers*4)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for it := range in {
				out <- prepared{ix.Prepare(it.Article), it.Bytes}
			}
		})
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	w := ix.NewWriter(p.BatchSize)
	var werr error
	for pr := range out {
		if werr != nil {
			continue // drain so the workers can finish
		}
		if werr = ctx.Err(); werr != nil {
			continue
		}
		if werr = w.Add(ctx, pr.doc); werr == nil && p.Done != nil {
			p.Done(pr.doc, pr.bytes)
		}
	}
	if werr == nil {
		werr = w.Flush(ctx)
	}
	return w.Stats(), werr
}
