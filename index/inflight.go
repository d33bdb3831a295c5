package index

import (
	"slices"
	"strconv"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// writtenBatch is what a batch changes: the documents it writes, with their
// dedup state, and the documents it deletes. Once the batch is in the index,
// the Writer's cache takes the changes (dedupCache.apply). While it is being
// written, the Writer already decides the next batch, against the index and
// this overlay: the index may or may not show the batch yet, so its hits of
// documents the batch writes or deletes are left out and the batch's own
// version of them is used.
type writtenBatch struct {
	states  map[string]*cachedDedup // dedup state of each document written
	docs    map[string]*Document    // the documents written, body included
	deleted map[string]bool         // documents deleted
	reports map[string]holder       // report id → written document that holds it
}

func newWrittenBatch() *writtenBatch {
	return &writtenBatch{states: map[string]*cachedDedup{}, docs: map[string]*Document{},
		deleted: map[string]bool{}, reports: map[string]holder{}}
}

// write records a document the batch writes.
func (wb *writtenBatch) write(id string, d *Document, c *cachedDedup) {
	wb.states[id], wb.docs[id] = c, d
	for _, r := range c.inputs {
		wb.reports[r.id] = holder{doc: id, hash: r.hash}
	}
}

// delete records a document the batch deletes.
func (wb *writtenBatch) delete(id string) {
	wb.deleted[id] = true
}

// overrides reports whether the batch decides what the index holds for
// document id; a nil batch decides nothing.
func (wb *writtenBatch) overrides(id string) bool {
	return wb != nil && (wb.states[id] != nil || wb.deleted[id])
}

// doc returns a copy of written document id that the caller may change.
func (wb *writtenBatch) doc(id string) *Document {
	d := *wb.docs[id]
	d.Sources, d.Cluster = slices.Clone(d.Sources), slices.Clone(d.Cluster)
	return &d
}

// patchHolders corrects the holders of reports ids found in the index for
// the batch: holders the batch rewrites or deletes are dropped, and the
// reports its documents hold are added.
func (wb *writtenBatch) patchHolders(holders map[string]holder, ids []string) {
	if wb == nil {
		return
	}
	for _, id := range ids {
		if h, ok := holders[id]; ok && wb.overrides(h.doc) {
			delete(holders, id)
		}
		if h, ok := wb.reports[id]; ok {
			holders[id] = h
		}
	}
}

// matching returns the written documents that q finds, in no order (load
// sorts them with the index's hits).
func (wb *writtenBatch) matching(q *dedupQuery) []string {
	if wb == nil {
		return nil
	}
	var out []string
	for id, c := range wb.states {
		if q.matches(id, c) {
			out = append(out, id)
		}
	}
	return out
}

// dedupQuery is a search of the dedup step: documents by id, or documents
// holding any of some dedup key terms (cluster, texthash, band). It runs
// both as a bleve query and over a writtenBatch.
type dedupQuery struct {
	docIDs []string
	terms  []fieldTerm

	ids   map[string]bool
	keys  map[fieldTerm]bool
	bands map[uint64]bool
}

func docIDQuery(ids []string) *dedupQuery { return &dedupQuery{docIDs: ids} }

func termsQuery(terms []fieldTerm) *dedupQuery { return &dedupQuery{terms: terms} }

// bleve returns the query for the index.
func (q *dedupQuery) bleve() query.Query {
	if q.docIDs != nil {
		return bleve.NewDocIDQuery(q.docIDs)
	}
	qs := make([]query.Query, len(q.terms))
	for i, t := range q.terms {
		qs[i] = termQ(t.field, t.term)
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// matches reports whether document id with dedup state c matches q.
func (q *dedupQuery) matches(id string, c *cachedDedup) bool {
	if q.docIDs != nil {
		if q.ids == nil {
			q.ids = make(map[string]bool, len(q.docIDs))
			for _, d := range q.docIDs {
				q.ids[d] = true
			}
		}
		return q.ids[id]
	}
	if q.keys == nil {
		q.keys, q.bands = map[fieldTerm]bool{}, map[uint64]bool{}
		for _, t := range q.terms {
			q.keys[t] = true
			if t.field == fieldBand {
				if h, err := strconv.ParseUint(t.term, 16, 64); err == nil {
					q.bands[h] = true
				}
			}
		}
	}
	if q.keys[fieldTerm{fieldCluster, c.clust}] || c.text != "" && q.keys[fieldTerm{fieldTextHash, c.text}] {
		return true
	}
	if hs, ok := c.sig.bandHashes(); ok && len(q.bands) > 0 {
		for _, h := range hs {
			if q.bands[h] {
				return true
			}
		}
	}
	return false
}
