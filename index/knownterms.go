package index

import (
	"fmt"
	"hash/maphash"
	"sync"
)

// knownTerms remembers, as 32-bit hashes, every term of the dedup key fields
// (cluster, texthash, band) that the index may hold. The duplicate decision
// of each batch looks up candidates by these terms; most of them (the band
// keys of a report that has no near duplicate, the cluster id of a new
// report) are in no document at all, and a term query for them still visits
// every segment. Dropping the terms the set does not know leaves the same
// documents found, because the set is a superset of the index's terms: it
// is filled from the index's dictionaries on first use, and every term a
// Writer indexes is added before its batch is written. Hash collisions only
// keep a term that could have been dropped.
type knownTerms struct {
	mu     sync.Mutex
	loaded bool
	failed bool // the dictionaries could not be read: filter keeps every term
	seed   maphash.Seed
	set    map[uint32]struct{}
}

// knownTermFields are the fields knownTerms covers.
var knownTermFields = [...]string{fieldCluster, fieldTextHash, fieldBand}

func (k *knownTerms) key(field, term string) uint32 {
	var h maphash.Hash
	h.SetSeed(k.seed)
	h.WriteString(field)
	h.WriteByte(0)
	h.WriteString(term)
	return uint32(h.Sum64())
}

// load fills the set from the index's dictionaries, once. The caller holds
// k.mu.
func (k *knownTerms) load(ix *Index) error {
	if k.loaded {
		return nil
	}
	k.seed = maphash.MakeSeed()
	k.set = make(map[uint32]struct{})
	for _, f := range knownTermFields {
		d, err := ix.bi.FieldDict(f)
		if err != nil {
			return fmt.Errorf("read %s terms: %w", f, err)
		}
		for {
			e, err := d.Next()
			if err != nil {
				d.Close()
				return fmt.Errorf("read %s terms: %w", f, err)
			}
			if e == nil {
				break
			}
			k.set[k.key(f, e.Term)] = struct{}{}
		}
		if err := d.Close(); err != nil {
			return fmt.Errorf("read %s terms: %w", f, err)
		}
	}
	k.loaded = true
	return nil
}

// filter returns the term queries of qs (field, term pairs) whose term the
// index may hold.
func (k *knownTerms) filter(ix *Index, qs []fieldTerm) ([]fieldTerm, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if err := k.load(ix); err != nil {
		return nil, err
	}
	if k.failed {
		return qs, nil
	}
	out := qs[:0]
	for _, q := range qs {
		if _, ok := k.set[k.key(q.field, q.term)]; ok {
			out = append(out, q)
		}
	}
	return out, nil
}

// add records terms of field that are about to be indexed. It loads the set
// first, so that every term indexed after the load is added; when the
// dictionaries cannot be read, filtering is turned off for good.
func (k *knownTerms) add(ix *Index, field string, terms ...string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if err := k.load(ix); err != nil {
		k.failed, k.loaded = true, true
	}
	if k.failed {
		return
	}
	for _, t := range terms {
		k.set[k.key(field, t)] = struct{}{}
	}
}

// fieldTerm is a term of a field, to look up.
type fieldTerm struct{ field, term string }
