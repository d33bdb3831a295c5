package index

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Duplicates and clusters.
//
// Exact duplicates (the same normalised title and body under another id or
// URL) are one document: the first one indexed keeps its id and the others
// are added to its Sources; their ids stay searchable in the ids field, so
// GET /api/documents/{id} and -delete work with any of them.
//
// Near duplicates (the same story republished with small edits) form a
// cluster. A new document looks for candidates by the LSH band keys of its
// signature (dedup.go) in the band field, then verifies each: estimated
// Jaccard similarity at least NearDuplicateThreshold, the same numbers for
// the most part (reports of different events written from the same stock
// phrases differ in their figures), and the same headline amount and main
// place. It joins the cluster of the most similar verified candidate, else
// starts its own. Each cluster has one representative, the report with the
// earliest date (ties by id), which alone carries rep:1 and so alone is
// found by searches; its stored metadata lists the reports of the other
// members, and its source field holds every source of the cluster, so the
// source facet counts a story once for each outlet that printed it.
//
// Deleting a report removes it from its document; deleting the last report
// of a document removes the document, and when it was the representative
// another member (the next earliest) becomes it. A report indexed again with
// other text leaves its old document and cluster first. The representative
// is a function of the cluster's members, so the outcome does not depend on
// the order of deletions.
//
// Decisions are taken when a batch is built, while the previous batch is
// written, against the index, the previous batch's changes (writtenBatch in
// inflight.go) and the documents of the batch itself; a batch is written as
// one bleve batch, and only once the previous one is in the index, so a
// crash never leaves a cluster half updated.

// Field names of the dedup state.
const (
	fieldIDs      = "ids"      // keyword: every report id a document stands for
	fieldTextHash = "texthash" // keyword: hash of the normalised text
	fieldBand     = "band"     // keyword: LSH band keys
	fieldCluster  = "cluster"  // keyword: the cluster id
	fieldRep      = "rep"      // keyword: "1" on representatives
	fieldDedup    = "dedup"    // stored: dedupInfo as JSON
)

// numberAgreement is the least Jaccard similarity of the sets of numbers of
// two near duplicates that both state some.
const numberAgreement = 0.5

// dedupKeys is what the dedup step computes from a document's text.
type dedupKeys struct {
	text string // textHash
	sig  signature
	nums []string // the numbers of the body, sorted, without repeats
}

// computeDedupKeys returns the dedup keys of a prepared document.
func computeDedupKeys(d *Document) *dedupKeys {
	return &dedupKeys{text: textHash(d.Title, d.Body), sig: signText(d.Body), nums: numbersOf(d.Body)}
}

// numbersOf returns the runs of digits of a text (full-width folded).
func numbersOf(text string) []string {
	var out []string
	var cur []byte
	flush := func() {
		if len(cur) > 0 {
			out = append(out, string(cur))
			cur = cur[:0]
		}
	}
	for _, r := range text {
		r = foldRune(r)
		if r >= '0' && r <= '9' {
			cur = append(cur, byte(r))
		} else {
			flush()
		}
	}
	flush()
	slices.Sort(out)
	return slices.Compact(out)
}

// dedupInfo is the stored dedup state of a document.
type dedupInfo struct {
	Text    string            `json:"text"`
	Sig     string            `json:"sig,omitempty"`
	Nums    []string          `json:"nums,omitempty"`
	Amount  *float64          `json:"amount,omitempty"`
	Place   string            `json:"place,omitempty"`
	Cluster string            `json:"cluster"`
	Inputs  map[string]string `json:"inputs"` // report id → input hash
}

// dstate is a document as the dedup step sees it: loaded from the index
// (light: dedup state only; full: with metadata) or new in this batch.
type dstate struct {
	id   string
	info dedupInfo
	sig  signature
	doc  *Document          // nil while light
	hash string             // input hash of the document's own report
	bdoc *document.Document // analysed content; nil when it must be rebuilt
	// bodyOf is the stored document whose body this one has (itself, or
	// the document it was promoted from).
	bodyOf string
	stored bool        // the index holds it
	dirty  bool        // must be written
	add    []SourceRef // exact duplicates to add once full
	// wasRep and wasCluster are the stored role, to tell whether the
	// document changed.
	wasRep     bool
	wasCluster []SourceRef
	wasSize    int
}

// overlay is the state of every document a batch touches.
type overlay struct {
	ix      *Index
	dedup   bool
	docs    map[string]*dstate // by document id
	deleted map[string]bool    // document ids to delete (unless written again)
	byText  map[string]*dstate
	byBand  map[uint64][]*dstate
	touched map[string]bool // cluster ids whose members or reports changed
	// storedCluster holds the ids of clusters with members in the index.
	storedCluster map[string]bool
	now           time.Time
	cache         *dedupCache   // the Writer's cache of stored dedup states
	flying        *writtenBatch // the batch being written; nil when none
}

// resolved is a batch built by resolve.
type resolved struct {
	batch   *bleve.Batch
	changes *writtenBatch // what the batch writes and deletes
	indexed int           // entries indexed (new or changed reports)
	found   int           // reports to delete that were found
}

// resolve builds the bleve batch for new entries and reports to delete.
func (w *Writer) resolve(ctx context.Context, entries []*entry, remove []string) (resolved, error) {
	ov := &overlay{ix: w.ix, dedup: !w.NoDedup, docs: map[string]*dstate{}, deleted: map[string]bool{},
		byText: map[string]*dstate{}, byBand: map[uint64][]*dstate{}, touched: map[string]bool{}, storedCluster: map[string]bool{},
		now: w.now().UTC(), cache: w.cache, flying: w.flying}

	// Which reports the index holds already, and with which input.
	var ask []string
	for _, e := range entries {
		if !e.checked || e.exists {
			ask = append(ask, e.doc.ID)
		}
	}
	ask = append(ask, remove...)
	holders, err := w.ix.lookupReports(ctx, ask)
	if err != nil {
		return resolved{}, err
	}
	ov.flying.patchHolders(holders, ask)
	var live []*entry
	var gone []string
	for _, e := range entries {
		if h, ok := holders[e.doc.ID]; ok {
			if h.hash == e.hash {
				w.stats.Unchanged++
				continue
			}
			gone = append(gone, e.doc.ID)
		}
		live = append(live, e)
	}
	found := 0
	for _, id := range remove {
		if _, ok := holders[id]; ok {
			gone = append(gone, id)
			found++
		}
	}
	if len(gone) > 0 {
		var docIDs []string
		for _, id := range gone {
			docIDs = append(docIDs, holders[id].doc)
		}
		if err := ov.load(ctx, docIDQuery(docIDs), true); err != nil {
			return resolved{}, err
		}
		for _, id := range gone {
			ov.removeReport(id, holders[id].doc)
		}
	}

	if ov.dedup && len(live) > 0 {
		if err := ov.loadCandidates(ctx, live); err != nil {
			return resolved{}, err
		}
	}
	for _, e := range live {
		ov.place(e)
	}
	if err := ov.settleClusters(ctx); err != nil {
		return resolved{}, err
	}
	b, u, err := ov.batch(ctx)
	if err != nil {
		return resolved{}, err
	}
	return resolved{batch: b, changes: u, indexed: len(live), found: found}, nil
}

// holder is the document that holds a report, and the report's input hash.
type holder struct{ doc, hash string }

// unscored returns a request for up to size hits of q from from, without
// scores, loading the stored fields given.
func unscored(q query.Query, size, from int, fields ...string) *bleve.SearchRequest {
	req := bleve.NewSearchRequestOptions(q, size, from, false)
	req.Score = bleve.ScoreNone
	req.Fields = fields
	return req
}

// lookupReports finds the documents holding reports ids.
func (ix *Index) lookupReports(ctx context.Context, ids []string) (map[string]holder, error) {
	out := map[string]holder{}
	if len(ids) == 0 {
		return out, nil
	}
	want := make(map[string]bool, len(ids))
	qs := make([]query.Query, 0, len(ids))
	for _, id := range ids {
		if !want[id] {
			want[id] = true
			qs = append(qs, termQ(fieldIDs, id))
		}
	}
	req := unscored(bleve.NewDisjunctionQuery(qs...), len(qs), 0, fieldDedup)
	res, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("look up existing reports: %w", err)
	}
	for _, h := range res.Hits {
		info, err := decodeDedup(h.Fields)
		if err != nil {
			return nil, fmt.Errorf("look up existing reports: document %s: %w", h.ID, err)
		}
		for id, hash := range info.Inputs {
			if want[id] {
				out[id] = holder{doc: h.ID, hash: hash}
			}
		}
	}
	return out, nil
}

func termQ(field, term string) *query.TermQuery {
	q := bleve.NewTermQuery(term)
	q.SetField(field)
	return q
}

func decodeDedup(fields map[string]interface{}) (dedupInfo, error) {
	var info dedupInfo
	raw, ok := fields[fieldDedup].(string)
	if !ok {
		return info, fmt.Errorf("stored dedup state missing")
	}
	if err := json.Unmarshal([]byte(raw), &info); err != nil {
		return info, fmt.Errorf("decode dedup state: %w", err)
	}
	return info, nil
}

// load adds the documents q finds to the overlay (those already in it are
// kept), full with metadata, or light. It finds them in the index and in the
// batch in flight (writtenBatch), and adds them in the order of their ids.
// Light states come from the cache when it has them.
func (ov *overlay) load(ctx context.Context, q *dedupQuery, full bool) error {
	type found struct {
		id     string
		fields map[string]interface{} // stored fields when full and from the index
	}
	var hits []found
	const page = 1000
	bq := q.bleve()
	for from := 0; ; from += page {
		req := unscored(bq, page, from)
		req.SortBy([]string{"_id"})
		if full {
			req.Fields = []string{fieldDedup, fieldHash, fieldMeta}
		}
		res, err := ov.ix.bi.SearchInContext(ctx, req)
		if err != nil {
			return fmt.Errorf("load documents for dedup: %w", err)
		}
		for _, h := range res.Hits {
			if !ov.flying.overrides(h.ID) {
				hits = append(hits, found{h.ID, h.Fields})
			}
		}
		if len(res.Hits) < page {
			break
		}
	}
	for _, id := range ov.flying.matching(q) {
		hits = append(hits, found{id: id})
	}
	slices.SortFunc(hits, func(a, b found) int { return strings.Compare(a.id, b.id) })

	// The states the cache has are taken now: reading the others puts them
	// in the cache, and a full cache drops entries to make room, maybe some
	// of these.
	var missing []string
	cached := make(map[string]*cachedDedup)
	for _, h := range hits {
		if h.fields != nil || ov.flying.overrides(h.id) || ov.docs[h.id] != nil {
			continue
		}
		if c := ov.cache.get(h.id); c != nil {
			cached[h.id] = c
		} else {
			missing = append(missing, h.id)
		}
	}
	read, err := ov.readStates(ctx, missing)
	if err != nil {
		return err
	}
	for _, h := range hits {
		if ov.deleted[h.id] {
			continue
		}
		st := ov.docs[h.id]
		if st != nil && (st.doc != nil || !full) {
			continue
		}
		if st == nil {
			var c *cachedDedup
			switch {
			case ov.flying.overrides(h.id):
				c = ov.flying.states[h.id]
			case h.fields != nil:
				if c, err = ov.decodeHit(h.id, h.fields); err != nil {
					return err
				}
			default:
				c = read[h.id]
				if c == nil {
					c = cached[h.id]
				}
			}
			if c == nil {
				return fmt.Errorf("load document %s: dedup state not found", h.id)
			}
			st = ov.add(h.id, c)
		}
		if !full {
			continue
		}
		var d *Document
		if ov.flying.overrides(h.id) {
			d = ov.flying.doc(h.id)
		} else if d, err = decodeMeta(h.fields); err != nil {
			return fmt.Errorf("load document %s: %w", h.id, err)
		}
		st.doc = d
		st.wasRep, st.wasCluster, st.wasSize = d.Representative, d.Cluster, d.ClusterSize
		for _, s := range st.add {
			st.addSource(s)
		}
		st.add = nil
	}
	return nil
}

// readStates reads the dedup state of documents ids from the index and
// caches it.
func (ov *overlay) readStates(ctx context.Context, ids []string) (map[string]*cachedDedup, error) {
	out := make(map[string]*cachedDedup, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	req := unscored(bleve.NewDocIDQuery(ids), len(ids), 0, fieldDedup, fieldHash)
	res, err := ov.ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("load documents for dedup: %w", err)
	}
	for _, h := range res.Hits {
		c, err := ov.decodeHit(h.ID, h.Fields)
		if err != nil {
			return nil, err
		}
		out[h.ID] = c
	}
	return out, nil
}

// decodeHit decodes the stored dedup state of document id and caches it.
func (ov *overlay) decodeHit(id string, fields map[string]interface{}) (*cachedDedup, error) {
	info, err := decodeDedup(fields)
	if err != nil {
		return nil, fmt.Errorf("load document %s: %w", id, err)
	}
	sig, err := decodeSignature(info.Sig)
	if err != nil {
		return nil, fmt.Errorf("load document %s: %w", id, err)
	}
	hash, _ := fields[fieldHash].(string)
	c := compactDedup(&info, sig, hash)
	ov.cache.put(id, c)
	return c, nil
}

// add adds stored document id, light, to the overlay.
func (ov *overlay) add(id string, c *cachedDedup) *dstate {
	st := c.state(id)
	ov.docs[id] = st
	ov.storedCluster[st.info.Cluster] = true
	ov.index(st)
	return st
}

// index registers a document's text hash and band keys in the overlay.
func (ov *overlay) index(st *dstate) {
	if !ov.dedup {
		return
	}
	if _, ok := ov.byText[st.info.Text]; !ok {
		ov.byText[st.info.Text] = st
	}
	if hs, ok := st.sig.bandHashes(); ok {
		for _, k := range hs {
			ov.byBand[k] = append(ov.byBand[k], st)
		}
	}
}

// loadCandidates loads, light, the documents of the index that share a
// text hash or a band key with a new entry.
func (ov *overlay) loadCandidates(ctx context.Context, live []*entry) error {
	var terms []fieldTerm
	seen := map[string]bool{}
	for _, e := range live {
		terms = append(terms, fieldTerm{fieldCluster, e.doc.ID})
		if k := e.keys(); k != nil {
			if !seen[k.text] {
				seen[k.text] = true
				terms = append(terms, fieldTerm{fieldTextHash, k.text})
			}
			for _, b := range k.sig.bandKeys() {
				if !seen[b] {
					seen[b] = true
					terms = append(terms, fieldTerm{fieldBand, b})
				}
			}
		}
	}
	// Terms that no document holds find nothing; leave them out.
	terms, err := ov.ix.terms.filter(ov.ix, terms)
	if err != nil {
		return err
	}
	if len(terms) == 0 {
		return nil
	}
	return ov.load(ctx, termsQuery(terms), false)
}

// keys returns the entry's dedup keys, computing them when the pipeline did
// not.
func (e *entry) keys() *dedupKeys {
	if e.dk == nil {
		e.dk = computeDedupKeys(e.doc)
	}
	return e.dk
}

// removeReport takes report id out of document docID (loaded full).
func (ov *overlay) removeReport(id, docID string) {
	st := ov.docs[docID]
	if st == nil || st.info.Inputs[id] == "" {
		// An earlier removal of this batch moved the report to another
		// document.
		st = nil
		for _, o := range ov.docs {
			if o.doc != nil && o.info.Inputs[id] != "" {
				st = o
				break
			}
		}
		if st == nil {
			return
		}
	}
	ov.touched[st.info.Cluster] = true
	delete(st.info.Inputs, id)
	var rest []SourceRef
	for _, s := range st.doc.Sources {
		if s.ID != id {
			rest = append(rest, s)
		}
	}
	st.doc.Sources = rest
	if id != st.id {
		st.dirty = true
		return
	}
	ov.drop(st)
	if len(rest) == 0 {
		return
	}
	// The next report of the document stands for it now.
	next := rest[0]
	d := *st.doc
	d.ID, d.URL, d.Source, d.Date = next.ID, next.URL, next.Source, next.Date
	ns := &dstate{id: next.ID, info: st.info, sig: st.sig, doc: &d, hash: st.info.Inputs[next.ID],
		dirty: true, bodyOf: st.bodyOf, wasRep: st.wasRep, wasCluster: st.wasCluster, wasSize: st.wasSize}
	ov.docs[ns.id] = ns
	delete(ov.deleted, ns.id)
	ov.index(ns)
}

// drop removes a document from the overlay and marks it for deletion.
func (ov *overlay) drop(st *dstate) {
	delete(ov.docs, st.id)
	if st.stored {
		ov.deleted[st.id] = true
	}
	if ov.byText[st.info.Text] == st {
		delete(ov.byText, st.info.Text)
	}
	if hs, ok := st.sig.bandHashes(); ok {
		for _, k := range hs {
			ov.byBand[k] = slices.DeleteFunc(ov.byBand[k], func(x *dstate) bool { return x == st })
		}
	}
}

// place adds a new report: to the document with its text, else to the
// cluster of its nearest duplicate, else as a cluster of its own.
func (ov *overlay) place(e *entry) {
	d := e.doc
	ref := SourceRef{ID: d.ID, URL: d.URL, Source: d.Source, Date: d.Date, Title: d.Title}
	if prev := ov.docs[d.ID]; prev != nil {
		// A report of this batch with the same id was replaced (Writer.add
		// keeps one); an earlier document of this id was removed above.
		ov.drop(prev)
	}
	var k *dedupKeys
	if ov.dedup {
		k = e.keys()
		if st := ov.byText[k.text]; st != nil {
			ov.touched[st.info.Cluster] = true
			if st.doc == nil {
				st.add = append(st.add, ref)
				st.info.Inputs[d.ID] = e.hash
			} else {
				st.addSource(ref)
				st.info.Inputs[d.ID] = e.hash
			}
			return
		}
	} else {
		k = &dedupKeys{}
	}
	d.Sources = []SourceRef{ref}
	st := &dstate{id: d.ID, doc: d, hash: e.hash, bdoc: e.bdoc, sig: k.sig, dirty: true}
	st.info = dedupInfo{Text: k.text, Sig: k.sig.encode(), Nums: k.nums, Amount: d.AmountCNY,
		Place: mainPlace(d), Inputs: map[string]string{d.ID: e.hash}}
	st.info.Cluster = d.ID
	if ov.storedCluster[d.ID] {
		// A cluster founded by an earlier document of this id outlived
		// it; keep the two apart.
		st.info.Cluster = d.ID + "~" + k.text[:8]
	}
	if ov.dedup {
		if best := ov.nearest(st); best != nil {
			st.info.Cluster = best.info.Cluster
		}
	}
	delete(ov.deleted, d.ID)
	ov.docs[d.ID] = st
	ov.index(st)
	ov.touched[st.info.Cluster] = true
}

// addSource adds an exact duplicate's report to a full document.
func (st *dstate) addSource(ref SourceRef) {
	for _, s := range st.doc.Sources {
		if s.ID == ref.ID {
			return
		}
	}
	st.doc.Sources = append(st.doc.Sources, ref)
	st.dirty = true
}

// nearest returns the verified near duplicate of st with the highest
// similarity, or nil.
func (ov *overlay) nearest(st *dstate) *dstate {
	var best *dstate
	bestSim := 0.0
	seen := map[*dstate]bool{st: true}
	hs, ok := st.sig.bandHashes()
	if !ok {
		return nil
	}
	for _, k := range hs {
		for _, c := range ov.byBand[k] {
			if seen[c] {
				continue
			}
			seen[c] = true
			if sim := similarity(&st.sig, &c.sig); sim >= NearDuplicateThreshold && sameStory(&st.info, &c.info) {
				if best == nil || sim > bestSim || sim == bestSim && c.id < best.id {
					best, bestSim = c, sim
				}
			}
		}
	}
	return best
}

// sameStory checks what text similarity alone cannot: that two similar
// reports state the same figures, and the same headline amount and main
// place where extraction found them in both (a reprint in full-width
// digits may defeat the extraction of one).
func sameStory(a, b *dedupInfo) bool {
	if a.Place != "" && b.Place != "" && a.Place != b.Place {
		return false
	}
	if a.Amount != nil && b.Amount != nil &&
		math.Abs(*a.Amount-*b.Amount) > 1e-6*math.Max(math.Abs(*a.Amount), 1) {
		return false
	}
	if len(a.Nums) == 0 && len(b.Nums) == 0 {
		return true
	}
	inter := 0
	for _, n := range a.Nums {
		if _, ok := slices.BinarySearch(b.Nums, n); ok {
			inter++
		}
	}
	union := len(a.Nums) + len(b.Nums) - inter
	return float64(inter)/float64(union) >= numberAgreement
}

// mainPlace is the code of the main city of a document, else of its main
// province, else empty.
func mainPlace(d *Document) string {
	if len(d.Cities) > 0 {
		return d.Cities[0].Code
	}
	if len(d.Provinces) > 0 {
		return d.Provinces[0].Code
	}
	return ""
}

// settleClusters loads every member of each touched cluster, chooses its
// representative and updates the representative's list of reports.
func (ov *overlay) settleClusters(ctx context.Context) error {
	if len(ov.touched) == 0 {
		return nil
	}
	var terms []fieldTerm
	for c := range ov.touched {
		if ov.storedCluster[c] {
			terms = append(terms, fieldTerm{fieldCluster, c})
		}
	}
	if len(terms) > 0 {
		if err := ov.load(ctx, termsQuery(terms), true); err != nil {
			return err
		}
	}
	members := map[string][]*dstate{}
	for _, st := range ov.docs {
		if ov.touched[st.info.Cluster] {
			if st.doc == nil {
				// A light candidate of a touched cluster that the cluster
				// query did not return cannot exist; keep it unchanged.
				continue
			}
			members[st.info.Cluster] = append(members[st.info.Cluster], st)
		}
	}
	for _, ms := range members {
		slices.SortFunc(ms, func(a, b *dstate) int {
			da, db := a.doc.Date, b.doc.Date
			if (da == "") != (db == "") {
				if da == "" {
					return 1
				}
				return -1
			}
			return cmp.Or(strings.Compare(da, db), strings.Compare(a.id, b.id))
		})
		size := 0
		for _, m := range ms {
			size += len(m.doc.Sources)
		}
		for i, m := range ms {
			m.doc.Representative = i == 0
			m.doc.ClusterID = m.info.Cluster
			m.doc.Cluster, m.doc.ClusterSize = nil, 0
			if i == 0 {
				m.doc.ClusterSize = size
				for _, o := range ms[1:] {
					m.doc.Cluster = append(m.doc.Cluster, o.doc.Sources...)
				}
			}
			if m.stored && (m.doc.Representative != m.wasRep || m.doc.ClusterSize != m.wasSize ||
				!slices.Equal(m.doc.Cluster, m.wasCluster)) {
				m.dirty = true
			}
		}
	}
	return nil
}

// batch writes the overlay's changes into a bleve batch, and returns them.
func (ov *overlay) batch(ctx context.Context) (*bleve.Batch, *writtenBatch, error) {
	b := ov.ix.bi.NewBatch()
	u := newWrittenBatch()
	for id := range ov.deleted {
		if ov.docs[id] == nil {
			b.Delete(id)
			u.delete(id)
		}
	}
	var rebuild []string
	for _, st := range ov.docs {
		if st.dirty && st.bdoc == nil && st.doc.Body == "" {
			rebuild = append(rebuild, st.bodyOf)
		}
	}
	bodies, err := ov.ix.storedBodies(ctx, rebuild)
	if err != nil {
		return nil, nil, err
	}
	ids := make([]string, 0, len(ov.docs))
	for id, st := range ov.docs {
		if st.dirty {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	for _, id := range ids {
		st := ov.docs[id]
		indexed := ov.now
		if st.bdoc == nil {
			if st.doc.Body == "" {
				st.doc.Body = bodies[st.bodyOf]
			}
			// The content is not new: keep when it was first indexed, so
			// "new since" searches do not see it again.
			if !st.doc.Indexed.IsZero() {
				indexed = st.doc.Indexed
			}
			if st.bdoc, err = ov.ix.bleveDoc(st.doc, st.hash); err != nil {
				return nil, nil, err
			}
		}
		if err := ov.ix.addLateFields(st.bdoc, st.doc, &st.info, indexed); err != nil {
			return nil, nil, err
		}
		if err := b.IndexAdvanced(st.bdoc); err != nil {
			return nil, nil, fmt.Errorf("index document %s: %w", st.doc.ID, err)
		}
		u.write(id, st.doc, compactDedup(&st.info, st.sig, st.hash))
	}
	return b, u, nil
}

// storedBodies returns the stored body of each of ids.
func (ix *Index) storedBodies(ctx context.Context, ids []string) (map[string]string, error) {
	out := make(map[string]string, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	req := unscored(bleve.NewDocIDQuery(ids), len(ids), 0, fieldBody)
	res, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("load bodies to re-index: %w", err)
	}
	for _, h := range res.Hits {
		if s, ok := h.Fields[fieldBody].(string); ok {
			out[h.ID] = s
		}
	}
	return out, nil
}

// lateRecord returns the fields that depend on a document's place among
// its duplicates: its sources (every source of the cluster for a
// representative), report ids, cluster, role and dedup state.
func (d *Document) lateRecord(info *dedupInfo) map[string]interface{} {
	r := map[string]interface{}{fieldCluster: info.Cluster}
	var sources []string
	add := func(refs []SourceRef) {
		for _, s := range refs {
			if s.Source != "" && !slices.Contains(sources, s.Source) {
				sources = append(sources, s.Source)
			}
		}
	}
	if d.Source != "" {
		sources = append(sources, d.Source)
	}
	add(d.Sources)
	add(d.Cluster)
	if len(sources) > 0 {
		r[fieldSource] = sources
	}
	ids := make([]string, 0, len(info.Inputs))
	for id := range info.Inputs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	r[fieldIDs] = ids
	if d.Representative {
		r[fieldRep] = "1"
	}
	if info.Text != "" {
		r[fieldTextHash] = info.Text
	}
	if sig, err := decodeSignature(info.Sig); err == nil && sig.valid() {
		r[fieldBand] = sig.bandKeys()
	}
	return r
}

// maxClusterList is the most reports of other documents Document lists.
const maxClusterList = 200

// fillCluster sets the Cluster and ClusterSize of a document read from the
// index from the other documents of its cluster, representative first.
func (ix *Index) fillCluster(ctx context.Context, d *Document) error {
	d.Cluster = nil
	d.ClusterSize = max(len(d.Sources), 1)
	if d.ClusterID == "" {
		return nil
	}
	req := unscored(termQ(fieldCluster, d.ClusterID), maxClusterList, 0, fieldMeta)
	req.SortBy([]string{"_id"})
	res, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return fmt.Errorf("load cluster %s: %w", d.ClusterID, err)
	}
	var others []*Document
	for _, h := range res.Hits {
		if h.ID == d.ID {
			continue
		}
		o, err := decodeMeta(h.Fields)
		if err != nil {
			return fmt.Errorf("load cluster %s: document %s: %w", d.ClusterID, h.ID, err)
		}
		others = append(others, o)
	}
	slices.SortStableFunc(others, func(a, b *Document) int {
		if a.Representative != b.Representative {
			if a.Representative {
				return -1
			}
			return 1
		}
		return 0
	})
	for _, o := range others {
		for _, s := range o.Sources {
			if s.Title == "" {
				s.Title = o.Title
			}
			d.Cluster = append(d.Cluster, s)
		}
	}
	d.ClusterSize += len(d.Cluster)
	return nil
}
