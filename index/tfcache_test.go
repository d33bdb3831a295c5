package index

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search/query"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	"github.com/blevesearch/zapx/v17"
)

// allArrays gives every word of every segment term-frequency arrays, until
// the returned function restores the thresholds.
func allArrays() (restore func()) {
	d, s, c := tfMinDocs, tfMinShare, tfMinCands
	tfMinDocs, tfMinShare, tfMinCands = 0, 1<<40, 1<<40
	return func() { tfMinDocs, tfMinShare, tfMinCands = d, s, c }
}

// TestTermArrays checks the arrays of some words against zap's postings,
// the budget and least-recently-used eviction, and that the arrays of
// segments that left the snapshot are dropped.
func TestTermArrays(t *testing.T) {
	ix := nativeIndex(t, 120)
	r := currentReader(t, ix)
	defer r.Close()
	var segs []segment.Segment
	for _, s := range r.(*scorch.IndexSnapshot).Segments() {
		segs = append(segs, s.Segment())
	}
	words := []string{"签约", "项目", "投资", "the", "亿元"}
	c := &tfCache{}
	c.keep(segs)
	checked := 0
	for _, seg := range segs {
		dict, err := seg.Dictionary(fieldBody)
		if err != nil {
			t.Fatal(err)
		}
		for _, word := range words {
			pl, err := dict.PostingsList([]byte(word), nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			w, err := c.word(seg, fieldBody, word, pl)
			if err != nil || w == nil {
				t.Fatalf("%s: arrays %v, error %v", word, w, err)
			}
			held := 0
			it := pl.Iterator(true, true, false, nil)
			for p, err := it.Next(); p != nil; p, err = it.Next() {
				if err != nil {
					t.Fatal(err)
				}
				d := uint32(p.Number())
				if w.freq[d] == 0 || w.frequency(d) != p.Frequency() || uint64(w.lens[d]) != p.(*zap.Posting).NormUint64() {
					t.Fatalf("%s, doc %d: arrays say frequency %d length %d, zap %d and %d",
						word, d, w.frequency(d), w.lens[d], p.Frequency(), p.(*zap.Posting).NormUint64())
				}
				held++
			}
			for _, f := range w.freq {
				if f != 0 {
					held--
				}
			}
			if held != 0 {
				t.Fatalf("%s: the arrays hold %d documents more than its postings", word, -held)
			}
			if again := c.cached(seg, fieldBody, word); again != w {
				t.Fatalf("%s: not cached", word)
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("no word checked")
	}
	// A budget of one segment's lengths and two of its words keeps the two
	// used last.
	seg := segs[0]
	n := int64(seg.Count())
	c.setLimit(4*n + 2*n)
	if c.used > 4*n+2*n {
		t.Fatalf("%d bytes used over a budget of %d", c.used, 6*n)
	}
	dict, _ := seg.Dictionary(fieldBody)
	for _, word := range words[:3] {
		pl, _ := dict.PostingsList([]byte(word), nil, nil)
		if _, err := c.word(seg, fieldBody, word, pl); err != nil {
			t.Fatal(err)
		}
	}
	if c.cached(seg, fieldBody, words[0]) != nil || c.cached(seg, fieldBody, words[1]) == nil || c.cached(seg, fieldBody, words[2]) == nil {
		t.Errorf("after decoding %v within two words' budget, the first is still cached or another is not", words[:3])
	}
	// The segment leaves the snapshot: its arrays go.
	c.keep(segs[1:])
	if c.cached(seg, fieldBody, words[2]) != nil {
		t.Error("arrays of a segment that left the snapshot are still cached")
	}
	if f := c.fields[tfKey{seg, fieldBody}]; f != nil {
		t.Errorf("the field of a segment that left the snapshot keeps %d words", len(f.words))
	}
	// No budget, no arrays.
	c.setLimit(0)
	pl, _ := dict.PostingsList([]byte(words[0]), nil, nil)
	c.keep(segs)
	if w, err := c.word(seg, fieldBody, words[0], pl); w != nil || err != nil {
		t.Errorf("with no budget: arrays %v, error %v", w, err)
	}
}

// TestTermArraysConcurrent runs passes on one cache from several
// goroutines, with a budget so small that words are evicted and decoded
// again all the time (for the race detector), and checks that every pass
// gives what a pass without arrays gives.
func TestTermArraysConcurrent(t *testing.T) {
	ix := nativeIndex(t, 120)
	defer allArrays()()
	r := currentReader(t, ix)
	defer r.Close()
	var qs []query.Query
	var want [][]nativeHit
	for _, text := range []string{"签约", "项目 -GDP", `"总投资"`, "新能源 OR 汽车", "investment"} {
		q, err := ix.compile(parseQuery(text))
		if err != nil {
			t.Fatal(err)
		}
		q = passQuery(passBase(q, filters{}))
		hits, err := runNativePass(ix, r, q, true, nil, 1)
		if err != nil {
			t.Fatal(err)
		}
		qs, want = append(qs, q), append(want, hits)
	}
	c := &tfCache{}
	var docs int64
	for _, s := range r.(*scorch.IndexSnapshot).Segments() {
		docs = max(docs, int64(s.Segment().Count()))
	}
	c.setLimit(8 * docs) // the lengths of a field and four words of the largest segment
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for g := range 4 {
		wg.Go(func() {
			for i := range 20 {
				k := (g + i) % len(qs)
				got, err := runNativeArrays(ix, r, qs[k], c, true, nil, 1+i%2)
				if err == nil {
					if d := diffHits(want[k], got); d != "" {
						err = fmt.Errorf("query %d: %s", k, d)
					}
				}
				if err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestTermArraysPrewarm checks that prewarm decodes the most common words
// first, within half the budget, and stops when asked.
func TestTermArraysPrewarm(t *testing.T) {
	ix := nativeIndex(t, 120)
	defer allArrays()()
	r := currentReader(t, ix)
	defer r.Close()
	c := &tfCache{}
	if err := c.prewarm(r, func() bool { return true }); err != nil {
		t.Fatal(err)
	}
	if c.lru.Len() != 0 {
		t.Fatalf("stopped at once, prewarm decoded %d words", c.lru.Len())
	}
	var largest int64
	for _, s := range r.(*scorch.IndexSnapshot).Segments() {
		largest = max(largest, int64(s.Segment().Count()))
	}
	budget := 2 * (8*largest + 20*largest) // half: two fields' lengths and 20 words of the largest segment
	c.setLimit(budget)
	if err := c.prewarm(r, func() bool { return false }); err != nil {
		t.Fatal(err)
	}
	if c.lru.Len() == 0 || c.used > budget/2+4*largest {
		t.Fatalf("prewarm decoded %d words in %d bytes, budget %d", c.lru.Len(), c.used, budget)
	}
	// Every word decoded is held by at least as many documents as any
	// word left out.
	minIn, maxOut := uint64(1<<63), uint64(0)
	for _, s := range r.(*scorch.IndexSnapshot).Segments() {
		seg := s.Segment()
		for _, field := range []string{fieldTitle, fieldBody} {
			dict, err := seg.Dictionary(field)
			if err != nil {
				t.Fatal(err)
			}
			it := dict.AutomatonIterator(everyTerm{}, nil, nil)
			for e, err := it.Next(); e != nil; e, err = it.Next() {
				if err != nil {
					t.Fatal(err)
				}
				if c.cached(seg, field, e.Term) != nil {
					minIn = min(minIn, e.Count)
				} else {
					maxOut = max(maxOut, e.Count)
				}
			}
		}
	}
	if minIn < maxOut {
		t.Errorf("a word of %d documents decoded, one of %d left out", minIn, maxOut)
	}
	// The segments are prewarmed: a second prewarm lists no word of them.
	listed := 0
	if err := c.prewarm(r, func() bool { listed++; return false }); err != nil {
		t.Fatal(err)
	}
	if listed != 0 {
		t.Errorf("a second prewarm of the same segments considered %d words", listed)
	}
}

// TestWarm checks that Warm leaves the snapshot's columns built and its
// common words decoded.
func TestWarm(t *testing.T) {
	ix := nativeIndex(t, 60)
	defer allArrays()()
	// Merges in the background may make a new snapshot meanwhile: warm
	// again until the snapshot warmed is still the current one.
	for attempt := 0; ; attempt++ {
		if _, _, err := ix.Warm(); err != nil {
			t.Fatal(err)
		}
		r := currentReader(t, ix)
		cs := ix.search.cols.Load()
		current := cs != nil && cs.snap == r
		r.Close()
		if current {
			break
		}
		if attempt == 50 {
			t.Fatal("columns of the current snapshot not built")
		}
		time.Sleep(20 * time.Millisecond)
	}
	ix.search.tf.mu.Lock()
	words := ix.search.tf.lru.Len()
	ix.search.tf.mu.Unlock()
	if words == 0 {
		t.Error("no term arrays decoded")
	}
}
