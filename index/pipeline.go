package index

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash/maphash"
	"runtime"
	"strings"
	"sync"
	"time"
)

// Pipeline indexes a stream of articles on every core:
//
//  1. a checker gives each article its id and input hash and, in chunks,
//     looks up which are already indexed with the same content;
//  2. Workers goroutines run extraction on the others and map and analyse
//     them into bleve documents;
//  3. one Writer takes the documents back in input order and batches them;
//     while a batch is written to the index, the next one is filled.
//
// Analysis happens on the workers, not in bleve's Batch, so the only serial
// step is building each batch's segment, which overlaps with the workers.
type Pipeline struct {
	Workers   int // extraction goroutines; 0 means GOMAXPROCS
	BatchSize int // documents per bleve batch; 0 means DefaultBatchSize
	// Done, when set, is called from the writing goroutine for every
	// article, in input order, once it is queued for writing or found
	// unchanged, with the article's input size in bytes.
	Done func(d *Document, bytes int)
	// NoDedup turns off duplicate merging and clustering (Writer.NoDedup).
	NoDedup bool
}

// Item is one article to index, with the size of its raw input for
// progress reporting.
type Item struct {
	Article Article
	Bytes   int
}

// checkChunk is how many articles the checker looks up at once.
const checkChunk = 256

// job is an article on its way through the pipeline.
type job struct {
	seq       int
	item      Item
	id, hash  string
	unchanged bool
	exists    bool // the id is indexed with other content
	doc       *Document
	e         *entry
	err       error
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
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	n, err := ix.Count()
	if err != nil {
		return WriteStats{}, err
	}
	c := &checker{ix: ix, fresh: n == 0, seen: make(map[uint64]uint64), seed: maphash.MakeSeed()}
	jobs := make(chan *job, workers*8)
	go func() {
		defer close(jobs)
		c.run(ctx, in, jobs)
	}()

	out := make(chan *job, workers*8)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for j := range jobs {
				if !j.unchanged && j.err == nil && ctx.Err() == nil {
					j.err = ix.prepareJob(j, !p.NoDedup)
				}
				out <- j
			}
		})
	}
	go func() {
		wg.Wait()
		close(out)
	}()

	w := ix.NewWriter(p.BatchSize)
	w.NoDedup = p.NoDedup
	var werr error
	// Workers finish out of order; the writer takes jobs in input order so
	// that a later version of a document always wins and runs are
	// deterministic.
	waiting := map[int]*job{}
	next := 0
	for j := range out {
		waiting[j.seq] = j
		for {
			j, ok := waiting[next]
			if !ok {
				break
			}
			delete(waiting, next)
			next++
			if werr != nil {
				continue // drain so the workers and the checker can finish
			}
			if werr = j.err; werr == nil {
				werr = ctx.Err()
			}
			if werr == nil {
				if j.unchanged {
					w.stats.Unchanged++
				} else {
					werr = w.add(ctx, j.e)
				}
			}
			if werr != nil {
				cancel()
				continue
			}
			if p.Done != nil {
				p.Done(j.doc, j.item.Bytes)
			}
		}
	}
	if c.err != nil && werr == nil {
		werr = c.err
	}
	if werr == nil {
		werr = w.Flush(ctx)
	} else {
		w.wait() // let the batch in flight finish before the caller closes the index
	}
	return w.Stats(), werr
}

// prepareJob runs extraction, mapping and analysis for one article, and
// computes its dedup keys when dedup is on.
func (ix *Index) prepareJob(j *job, dedup bool) error {
	a := j.item.Article
	a.ID = j.id
	d := ix.Prepare(a)
	j.doc = d
	bd, err := ix.bleveDoc(d, j.hash)
	if err != nil {
		return err
	}
	j.e = &entry{doc: d, hash: j.hash, bdoc: bd, checked: true, exists: j.exists}
	if dedup {
		j.e.dk = computeDedupKeys(d)
	}
	return nil
}

// checker numbers the articles, gives them ids and input hashes, and marks
// those the index (or an earlier article of this run) already holds with
// the same content.
type checker struct {
	ix    *Index
	fresh bool              // the index was empty when the run started
	seen  map[uint64]uint64 // id → input hash of articles sent on in this run
	seed  maphash.Seed
	seq   int
	err   error
}

func (c *checker) run(ctx context.Context, in <-chan Item, jobs chan<- *job) {
	chunk := make([]*job, 0, checkChunk)
	for it := range in {
		chunk = append(chunk[:0], c.newJob(it))
		// Take what else is ready, without waiting: a live feed is never
		// held back to fill a chunk.
	more:
		for len(chunk) < checkChunk {
			select {
			case it, ok := <-in:
				if !ok {
					break more
				}
				chunk = append(chunk, c.newJob(it))
			default:
				break more
			}
		}
		if c.err == nil && ctx.Err() == nil {
			c.err = c.check(ctx, chunk)
		}
		for _, j := range chunk {
			if c.err != nil {
				j.err = c.err
			}
			jobs <- j
		}
	}
}

func (c *checker) newJob(it Item) *job {
	id := DocumentID(it.Article)
	j := &job{seq: c.seq, item: it, id: id, hash: inputHash(id, it.Article)}
	c.seq++
	return j
}

// check marks the jobs of chunk whose content is already indexed or was
// already sent on in this run.
func (c *checker) check(ctx context.Context, chunk []*job) error {
	var ask []string
	for _, j := range chunk {
		k, h := c.key(j.id), c.key(j.hash)
		if prev, ok := c.seen[k]; ok {
			j.unchanged = prev == h
			j.exists = !j.unchanged
		} else if !c.fresh {
			ask = append(ask, j.id)
		}
		c.seen[k] = h
	}
	if len(ask) == 0 {
		return nil
	}
	stored, err := c.ix.lookupReports(ctx, ask)
	if err != nil {
		return err
	}
	for _, j := range chunk {
		if h, ok := stored[j.id]; ok {
			j.unchanged = h.hash == j.hash
			j.exists = !j.unchanged
		}
	}
	return nil
}

func (c *checker) key(s string) uint64 { return maphash.String(c.seed, s) }

// inputHash identifies an article's input: the same id with the same hash
// needs no re-indexing.
func inputHash(id string, a Article) string {
	h := sha256.New()
	date := ""
	if !a.Date.IsZero() {
		date = a.Date.UTC().Format(time.RFC3339)
	}
	for _, s := range []string{id, strings.TrimSpace(a.URL), strings.TrimSpace(a.Title), date,
		strings.TrimSpace(a.Source), a.Lang, a.Body} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	fmt.Fprintf(h, "input mapping:%d", mappingVersion)
	return hex.EncodeToString(h.Sum(nil))[:24]
}
