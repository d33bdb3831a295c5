package index

import (
	"container/list"
	"sync"
	"sync/atomic"
	"time"
)

// The pass cache.
//
// A researcher runs the same words many times: ticking facet values, paging,
// changing the sort. The column pass of a text query (its matches and their
// scores, before any facet filter) does not change with those, only with
// the snapshot, so the matches of recent passes are kept with the snapshot's
// columns and replayed through colSearch.add, which filters, counts and
// ranks them as a pass would. A new snapshot (documents added or deleted)
// gets new columns with an empty cache, so a cached pass never outlives the
// documents it was computed on.

// DefaultPassCacheBytes is the default memory for cached passes, per
// snapshot; see SetPassCache.
const DefaultPassCacheBytes = 64 << 20

// minCachedHits is the fewest matches worth caching; smaller passes are
// cheap to run again.
const minCachedHits = 500

// SetPassCache sets the memory, in bytes, that cached passes of text
// queries may take; 0 disables the cache. It is meant to be called before
// serving.
func (ix *Index) SetPassCache(bytes int64) {
	ix.search.passCacheBytes.Store(bytes)
	ix.search.passCacheSet.Store(true)
}

// passCacheLimit returns the memory for cached passes.
func (s *searchState) passCacheLimit() int64 {
	if !s.passCacheSet.Load() {
		return DefaultPassCacheBytes
	}
	return s.passCacheBytes.Load()
}

// passKey identifies a pass: the query text, the indexed-after filter and
// whether the matches were scored.
func passKey(text string, indexedAfter *time.Time, scored bool) string {
	k := "u"
	if scored {
		k = "s"
	}
	if indexedAfter != nil {
		k += indexedAfter.UTC().Format(time.RFC3339Nano)
	}
	return k + "\x00" + text
}

// passHits are the matches of one pass that stand for their cluster (the
// others colSearch.add drops), in the order bleve found them.
type passHits struct {
	docs   []uint32
	scores []float64 // by docs index; nil when the pass was not scored
}

// bytes is the memory the matches take, with their key.
func (p *passHits) bytes(key string) int64 {
	return int64(4*cap(p.docs)+8*cap(p.scores)+len(key)) + 128
}

// add records one match.
func (p *passHits) add(doc uint32, score float64, scored bool) {
	p.docs = append(p.docs, doc)
	if scored {
		p.scores = append(p.scores, score)
	}
}

// replay gives every match to s, as the pass did.
func (p *passHits) replay(s *colSearch) {
	for i, d := range p.docs {
		score := 0.0
		if p.scores != nil {
			score = p.scores[i]
		}
		s.add(d, score)
	}
}

// passCache holds the passes of one snapshot, least recently used first
// out. Its zero value is ready.
type passCache struct {
	mu    sync.Mutex
	used  int64
	lru   list.List // of *passEntry, most recent at the front
	byKey map[string]*list.Element
	hits  atomic.Int64 // passes replayed; tests read it
}

// passEntry is one cached pass.
type passEntry struct {
	key  string
	hits *passHits
}

// get returns the cached pass of key, or nil.
func (c *passCache) get(key string) *passHits {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byKey[key]
	if !ok {
		return nil
	}
	c.lru.MoveToFront(e)
	c.hits.Add(1)
	return e.Value.(*passEntry).hits
}

// put caches a pass under key, evicting the least recently used passes to
// keep within limit bytes; a pass larger than limit is not kept.
func (c *passCache) put(key string, p *passHits, limit int64) {
	size := p.bytes(key)
	if size > limit {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byKey == nil {
		c.byKey = map[string]*list.Element{}
	}
	if _, ok := c.byKey[key]; ok {
		return // another search cached it meanwhile
	}
	for c.used+size > limit {
		old := c.lru.Back()
		oe := old.Value.(*passEntry)
		c.used -= oe.hits.bytes(oe.key)
		delete(c.byKey, oe.key)
		c.lru.Remove(old)
	}
	c.byKey[key] = c.lru.PushFront(&passEntry{key: key, hits: p})
	c.used += size
}
