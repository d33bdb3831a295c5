package index

import (
	"maps"
	"slices"
	"strings"
)

// dedupCache keeps, for a Writer, the dedup state of documents the index
// holds (dedupInfo, signature and input hash), so that the duplicate
// decision of each batch does not read it back and decode it from the index
// for every candidate. It is filled lazily, when a document's state is read
// from the index, and by every batch the Writer writes; documents a batch
// deletes leave it. An entry is always the state the index holds, or
// absent: updates are applied only once their batch is written, and a batch
// that fails empties the cache.
//
// The cache is bounded: when it holds maxDocs documents, an arbitrary tenth
// of them is dropped (Go's map order), and they are read from the index
// again when needed. It is used by the Writer's goroutine only.
type dedupCache struct {
	maxDocs int
	docs    map[string]*cachedDedup
}

// defaultDedupCacheDocs bounds a Writer's dedupCache: about 600 bytes a
// document (see TestDedupCacheMemory), so at most about 120 MB.
const defaultDedupCacheDocs = 200_000

// cachedDedup is the compact, immutable dedup state of a stored document.
type cachedDedup struct {
	sig    signature
	text   string
	nums   string // numbers joined by numSep
	amount float64
	hasAmt bool
	place  string
	clust  string
	hash   string     // input hash of the document's own report
	inputs []reportIn // report id → input hash, sorted by id
}

// numSep joins the numbers of a cachedDedup; numbers are runs of digits.
const numSep = ","

// reportIn is a report of a document and its input hash.
type reportIn struct{ id, hash string }

func newDedupCache(maxDocs int) *dedupCache {
	return &dedupCache{maxDocs: maxDocs, docs: make(map[string]*cachedDedup)}
}

// compactDedup returns the cache form of a document's dedup state.
func compactDedup(info *dedupInfo, sig signature, hash string) *cachedDedup {
	c := &cachedDedup{sig: sig, text: info.Text, nums: strings.Join(info.Nums, numSep),
		place: info.Place, clust: info.Cluster, hash: hash}
	if info.Amount != nil {
		c.amount, c.hasAmt = *info.Amount, true
	}
	c.inputs = make([]reportIn, 0, len(info.Inputs))
	for _, id := range slices.Sorted(maps.Keys(info.Inputs)) {
		c.inputs = append(c.inputs, reportIn{id, info.Inputs[id]})
	}
	return c
}

// state returns a new, light overlay state of stored document id.
func (c *cachedDedup) state(id string) *dstate {
	info := dedupInfo{Text: c.text, Place: c.place, Cluster: c.clust, Sig: c.sig.encode(),
		Inputs: make(map[string]string, len(c.inputs))}
	if c.nums != "" {
		info.Nums = strings.Split(c.nums, numSep)
	}
	if c.hasAmt {
		a := c.amount
		info.Amount = &a
	}
	for _, r := range c.inputs {
		info.Inputs[r.id] = r.hash
	}
	return &dstate{id: id, info: info, sig: c.sig, hash: c.hash, stored: true, bodyOf: id}
}

// get returns the cached state of document id, or nil.
func (dc *dedupCache) get(id string) *cachedDedup { return dc.docs[id] }

// put records the state of document id as the index holds it.
func (dc *dedupCache) put(id string, c *cachedDedup) {
	if _, ok := dc.docs[id]; !ok && len(dc.docs) >= dc.maxDocs {
		n := max(dc.maxDocs/10, 1)
		for k := range dc.docs {
			delete(dc.docs, k)
			if n--; n == 0 {
				break
			}
		}
	}
	dc.docs[id] = c
}

// reset forgets every document, after a write whose outcome is unknown.
func (dc *dedupCache) reset() { clear(dc.docs) }

// apply records the changes of a batch that is now in the index.
func (dc *dedupCache) apply(wb *writtenBatch) {
	for id := range wb.deleted {
		delete(dc.docs, id)
	}
	for id, c := range wb.states {
		dc.put(id, c)
	}
}
