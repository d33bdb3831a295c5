package index

import (
	"container/list"
	"fmt"
	"slices"
	"sort"
	"sync"

	"github.com/blevesearch/bleve/v2/index/scorch"
	bleveindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	"github.com/blevesearch/zapx/v17"
)

// Term-frequency arrays.
//
// Scoring a hit needs its word's frequency in the document and the length
// of the field (zap's norm). zap keeps both in chunks of about a thousand
// postings that are decoded from the chunk's start, so a pass scoring many
// hits of a common word (项目, 投资, 签约) decodes nearly all of its postings,
// one candidate at a time, and pays about twice what reading them in one go
// costs. For the words that a large share of a segment's documents hold,
// the native pass reads them from arrays instead: one byte of frequency per
// document of the segment, and the field's lengths, which the field's words
// share.
//
// A pass that scores candidates of such a word numerous enough to read most
// of its postings anyway decodes them once into the arrays; later passes of
// any query with the word read the arrays. A segment never changes, so its
// arrays stay right for as long as it lives; they are dropped when it
// leaves the index (merged or deleted away) and, within the memory budget,
// the least recently used go first.

// DefaultTermCacheBytes is the default memory for term-frequency arrays;
// see SetTermCache.
const DefaultTermCacheBytes = 256 << 20

// Which words get arrays. Variables so that tests can give every word one.
var (
	tfMinDocs  uint64 = 8192 // the fewest documents of a segment with arrays
	tfMinShare uint64 = 16   // a word held by at least 1/tfMinShare of its segment's documents
	tfMinCands uint64 = 4    // decoded by a pass with at least 1/tfMinCands as many candidates as postings
)

// SetTermCache sets the memory, in bytes, that term-frequency arrays may
// take; 0 disables them. It is meant to be called before serving.
func (ix *Index) SetTermCache(bytes int64) {
	ix.search.tf.setLimit(bytes)
}

// tfCache holds the term-frequency arrays of an index's segments.
type tfCache struct {
	mu     sync.Mutex
	limit  int64 // when set
	set    bool  // setLimit was called; else the default applies
	used   int64
	fields map[tfKey]*tfField
	lru    list.List // of *tfWord, most recently used first
	segs   []segment.Segment
	warmed map[segment.Segment]bool // segments prewarm went through
}

// tfKey names a field of a segment.
type tfKey struct {
	seg   segment.Segment
	field string
}

// tfField holds the arrays of a field of a segment.
type tfField struct {
	key tfKey
	// build serialises the decoding of the field's words. A word's
	// decoding writes the lengths of its documents that no word decoded
	// before it holds, which no reader reads: readers read lengths only at
	// documents of decoded words, whose decoding wrote them first.
	build    sync.Mutex
	lens     []uint32 // the field's length by document; 0 where unknown
	words    map[string]*tfWord
	building int // decodings in progress, which keep the field in the cache
}

// tfWord holds the frequencies of a word in a field of a segment.
type tfWord struct {
	f    *tfField
	word string
	freq []uint8           // by document; 0 when the document lacks the word
	big  map[uint32]uint64 // the frequencies from 255 up, which freq holds as 255
	lens []uint32          // the field's
	elem *list.Element
}

// frequency returns the frequency of the word in document d, which holds it.
func (t *tfWord) frequency(d uint32) uint64 {
	if f := t.freq[d]; f < 255 {
		return uint64(f)
	}
	return t.big[d]
}

// budget returns the memory the arrays may take; c.mu is held.
func (c *tfCache) budget() int64 {
	if !c.set {
		return DefaultTermCacheBytes
	}
	return c.limit
}

// setLimit sets the budget, dropping arrays above it.
func (c *tfCache) setLimit(bytes int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.limit, c.set = bytes, true
	c.evict()
}

// keep drops the arrays of the segments that are not in segs, the
// segments of the snapshot searched now. Only the snapshots of searches
// still running may hold others, and those keep their own references.
func (c *tfCache) keep(segs []segment.Segment) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if sameSegments(c.segs, segs) {
		return
	}
	c.segs = append(c.segs[:0], segs...)
	live := make(map[segment.Segment]bool, len(segs))
	for _, s := range segs {
		live[s] = true
	}
	for k, f := range c.fields {
		if !live[k.seg] && f.building == 0 {
			c.dropField(f)
		}
	}
	for seg := range c.warmed {
		if !live[seg] {
			delete(c.warmed, seg)
		}
	}
}

func sameSegments(a, b []segment.Segment) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// dropField drops the arrays of a field of a segment; c.mu is held.
func (c *tfCache) dropField(f *tfField) {
	for _, w := range f.words {
		c.lru.Remove(w.elem)
		c.used -= int64(len(w.freq))
	}
	c.used -= 4 * int64(len(f.lens))
	delete(c.fields, f.key)
}

// evict drops the least recently used words until the arrays fit the
// budget, and fields left without words; c.mu is held.
func (c *tfCache) evict() {
	for c.used > c.budget() && c.lru.Len() > 0 {
		w := c.lru.Remove(c.lru.Back()).(*tfWord)
		c.used -= int64(len(w.freq))
		delete(w.f.words, w.word)
		if len(w.f.words) == 0 && w.f.building == 0 {
			c.dropField(w.f)
		}
	}
}

// cached returns the arrays of word in field of seg, or nil.
func (c *tfCache) cached(seg segment.Segment, field, word string) *tfWord {
	c.mu.Lock()
	defer c.mu.Unlock()
	f := c.fields[tfKey{seg, field}]
	if f == nil {
		return nil
	}
	w := f.words[word]
	if w != nil {
		c.lru.MoveToFront(w.elem)
	}
	return w
}

// word returns the arrays of word in field of seg, whose postings are pl,
// decoding them when they are not cached; nil, without error, when they do
// not fit the budget.
func (c *tfCache) word(seg segment.Segment, field, word string, pl segment.PostingsList) (*tfWord, error) {
	if w := c.cached(seg, field, word); w != nil {
		return w, nil
	}
	n := seg.Count()
	key := tfKey{seg, field}
	c.mu.Lock()
	if int64(n)*5 > c.budget() {
		c.mu.Unlock()
		return nil, nil
	}
	f := c.fields[key]
	if f == nil {
		if c.fields == nil {
			c.fields = map[tfKey]*tfField{}
		}
		f = &tfField{key: key, words: map[string]*tfWord{}}
		c.fields[key] = f
	}
	f.building++
	c.mu.Unlock()

	// The field's decodings run one at a time and insert what they decode
	// before the next starts, so a word is decoded once.
	f.build.Lock()
	defer f.build.Unlock()
	c.mu.Lock()
	if w := f.words[word]; w != nil { // decoded while this pass waited
		f.building--
		c.lru.MoveToFront(w.elem)
		c.mu.Unlock()
		return w, nil
	}
	grow := f.lens == nil
	if grow {
		c.used += 4 * int64(n)
	}
	c.mu.Unlock()
	if grow {
		f.lens = make([]uint32, n)
	}
	w, err := decode(f, n, word, pl)

	c.mu.Lock()
	defer c.mu.Unlock()
	f.building--
	if err != nil || w == nil {
		if len(f.words) == 0 && f.building == 0 && c.fields[key] == f {
			c.dropField(f)
		}
		return nil, err
	}
	if c.fields[key] != f || c.segs != nil && !slices.Contains(c.segs, seg) {
		return w, nil // the segment left the index: only this pass uses the arrays
	}
	f.words[word] = w
	w.elem = c.lru.PushFront(w)
	c.used += int64(len(w.freq))
	c.evict()
	return w, nil
}

// decode reads the postings pl of word into arrays for a segment of n
// documents, writing the lengths of f that are not known yet; f.build is
// held. It returns nil, without error, for postings it cannot hold.
func decode(f *tfField, n uint64, word string, pl segment.PostingsList) (*tfWord, error) {
	w := &tfWord{f: f, word: word, freq: make([]uint8, n), lens: f.lens}
	it := pl.Iterator(true, true, false, nil)
	for p, err := it.Next(); p != nil || err != nil; p, err = it.Next() {
		if err != nil {
			return nil, fmt.Errorf("decode postings of %q in %s: %w", word, f.key.field, err)
		}
		d, freq := p.Number(), p.Frequency()
		var norm uint64
		if zp, ok := p.(*zap.Posting); ok {
			norm = zp.NormUint64()
		} else {
			return nil, nil // another segment type: its norms are not lengths
		}
		if d >= n || freq == 0 || norm == 0 || norm > 1<<32-1 {
			return nil, nil // not a posting as zap writes them: leave it to zap
		}
		if freq < 255 {
			w.freq[d] = uint8(freq)
		} else {
			w.freq[d] = 255
			if w.big == nil {
				w.big = map[uint32]uint64{}
			}
			w.big[uint32(d)] = freq
		}
		if f.lens[d] == 0 {
			f.lens[d] = uint32(norm)
		}
	}
	return w, nil
}

// prewarmShare is the share of the budget that prewarm fills.
const prewarmShare = 2 // half

// prewarm decodes, into arrays, the most common words of the text fields
// of r's segments, most postings first, until half the budget is used or
// stop reports true: the words whose postings cost a pass the most to
// read. The first passes after opening an index then find them decoded;
// passes decode the others they need as they go (nsearch.useArrays).
func (c *tfCache) prewarm(r bleveindex.IndexReader, stop func() bool) error {
	snap, ok := r.(*scorch.IndexSnapshot)
	c.mu.Lock()
	room := c.budget() / prewarmShare
	c.mu.Unlock()
	if !ok || room <= 0 {
		return nil
	}
	type cand struct {
		seg   segment.Segment
		field string
		word  string
		count uint64
	}
	var segs []segment.Segment
	for _, s := range snap.Segments() {
		segs = append(segs, s.Segment())
	}
	c.keep(segs)
	// A segment never changes: one that a finished prewarm went through
	// for an earlier snapshot is not listed again.
	var fresh []segment.Segment
	c.mu.Lock()
	for _, seg := range segs {
		if !c.warmed[seg] {
			fresh = append(fresh, seg)
		}
	}
	c.mu.Unlock()
	done := func() {
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.warmed == nil {
			c.warmed = map[segment.Segment]bool{}
		}
		for _, seg := range fresh {
			if slices.Contains(c.segs, seg) {
				c.warmed[seg] = true
			}
		}
	}
	var cands []cand
	for _, seg := range fresh {
		n := seg.Count()
		if n < tfMinDocs {
			continue
		}
		for _, field := range []string{fieldTitle, fieldBody} {
			dict, err := seg.Dictionary(field)
			if err != nil {
				return fmt.Errorf("prewarm term arrays: dictionary of %s: %w", field, err)
			}
			it := dict.AutomatonIterator(everyTerm{}, nil, nil)
			for e, err := it.Next(); e != nil || err != nil; e, err = it.Next() {
				if err != nil {
					return fmt.Errorf("prewarm term arrays: terms of %s: %w", field, err)
				}
				if e.Count*tfMinShare >= n {
					cands = append(cands, cand{seg, field, e.Term, e.Count})
				}
			}
		}
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].count > cands[j].count })
	for _, k := range cands {
		if stop() {
			return nil
		}
		c.mu.Lock()
		full := c.used+int64(k.seg.Count()) > c.budget()/prewarmShare
		c.mu.Unlock()
		if full {
			done()
			return nil
		}
		dict, err := k.seg.Dictionary(k.field)
		if err != nil {
			return fmt.Errorf("prewarm term arrays: dictionary of %s: %w", k.field, err)
		}
		pl, err := dict.PostingsList([]byte(k.word), nil, nil)
		if err != nil {
			return fmt.Errorf("prewarm term arrays: postings of %q: %w", k.word, err)
		}
		if _, err := c.word(k.seg, k.field, k.word, pl); err != nil {
			return err
		}
	}
	done()
	return nil
}

// everyTerm is an automaton that accepts every term of a dictionary.
type everyTerm struct{}

func (everyTerm) Start() int               { return 0 }
func (everyTerm) IsMatch(int) bool         { return true }
func (everyTerm) CanMatch(int) bool        { return true }
func (everyTerm) WillAlwaysMatch(int) bool { return true }
func (everyTerm) Accept(int, byte) int     { return 0 }
