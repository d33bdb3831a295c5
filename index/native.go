package index

import (
	"context"
	"errors"
	"math"
	"reflect"
	"runtime"
	"slices"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/scorer"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bleveindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	zap "github.com/blevesearch/zapx/v17"
)

// The native pass.
//
// A column pass through bleve costs a few hundred nanoseconds a hit in
// bleve's searchers: a DocumentMatch per hit and per term, the conjunction
// and disjunction machinery, byte-encoded document numbers. The native pass
// evaluates the same query on the same scorch snapshot straight from the
// segments' postings: for each segment, the candidates are computed with
// bitmap operations on the terms' postings (bounds: documents that surely
// match and documents that may match, the phrases being checked later), and
// the candidates that stand for their cluster are then scored one by one (a
// cursor in each term's postings, moved forward from candidate to
// candidate, gives its frequency, norm and, for phrases, positions). It
// gives the handler of the pass exactly what bleve's search would: the same
// documents in the same order with the same scores, down to the bit. For
// that it mirrors how bleve builds its searchers (search/query and
// search/searcher of bleve v2.6): the children of a conjunction or
// disjunction sorted by their counts, each composite searcher setting the
// query norm of its children when it is built (the outermost wins), tf-idf
// term scores (sqrt(freq)·norm·idf times the query weight
// boost·idf·queryNorm unless that is exactly 1), sums in the order of the
// sorted children, the coordination factor of disjunctions, and a boolean
// query's special cases (a clause matching nothing is dropped, a must-not
// alone starts from all documents, a filter wraps the rest).
//
// Query shapes it does not know (numeric and date ranges, prefix, fuzzy,
// bleve's own phrase queries, query-string mode, more disjuncts than bleve
// handles with its slice searcher) make it report that it cannot run the
// query, before it has given any hit, and the pass falls back to bleve.

// nativePass switches the native pass on; tests turn it off to compare the
// two paths.
var nativePass = true

// errNativeUnsupported says that the native pass cannot run a query as
// bleve would; the caller runs bleve's search instead.
var errNativeUnsupported = errors.New("query shape not supported by the native pass")

// Node kinds of the native pass, one for each kind of bleve searcher it
// mirrors.
const (
	nTerm   = iota // TermSearcher
	nConj          // ConjunctionSearcher
	nDisj          // DisjunctionSliceSearcher
	nBool          // BooleanSearcher
	nFilter        // FilteringSearcher (a boolean query's filter)
	nAll           // MatchAllSearcher
	nNone          // MatchNoneSearcher
	nPhrase        // phraseSearcher (phrase.go)
)

// nnode is a searcher of the native pass.
type nnode struct {
	kind int

	// nTerm: a cursor in the current segment (first, as eval reads it for
	// every candidate).
	cur    int64 // the posting read last; -1 before the first, math.MaxInt64 after the last
	it     segment.PostingsIterator
	freq   uint64
	norm   float64
	idf    float64
	qw     float64            // nTerm, nAll: the query weight, 1 until a norm is set
	scored bool               // its score counts: a scored pass, not below a must-not or filter
	phrase bool               // a term of a checked phrase: its cursor reads locations
	locs   []segment.Location // of the posting read last, for a phrase
	tfs    []*tfWord          // by segment, the term's frequency arrays (tfcache.go); nil for none
	tf     *tfWord            // the current segment's, read instead of the cursor

	kids []*nnode // nConj, nDisj: in the order bleve sorts them
	min  int      // nDisj: matches needed; the searcher's Min()

	must, should, not *nnode // nBool; should and not may be nil, must too when should is not
	child, filter     *nnode // nFilter, nPhrase (child only)

	boost float64 // nTerm, nAll
	count uint64  // nTerm: documents holding the term; nAll: all documents
	exact bool    // the bounds are exact: no phrase check below

	// nTerm: the term and its postings by segment.
	field string
	term  []byte
	pls   []segment.PostingsList
	bms   []*roaring.Bitmap // the postings of live documents, by segment

	slots [][]*nnode        // nPhrase: the terms of each position (none for a gap), when checked
	pairs []*roaring.Bitmap // nPhrase: by segment, the documents with the phrase's word pairs (pairs.go); nil for none
}

// nsearch is one native evaluation: the snapshot, its segments and the
// tree of searchers.
type nsearch struct {
	ctx      context.Context
	m        mapping.IndexMapping
	segs     []*scorch.SegmentSnapshot
	offsets  []uint64
	docTotal uint64
	scored   bool
	dicts    map[string][]segment.TermDictionary
	terms    []*nnode
	live     []*roaring.Bitmap // by segment, when a node needs every document
	inFilter int               // depth of boolean filters being built (bleve builds them unscored)
	tf       *tfCache          // term-frequency arrays; nil for none
}

// npos is a location of a phrase check.
type npos struct {
	pos uint64
	ap  []uint64
}

// nativeRun evaluates q on snapshot r as bleve's search with score mode
// scored would, and gives every match in increasing document number to
// take, skipping those that rep says do not stand for their cluster (rep
// may be nil); with workers above 1, a second goroutine helps with large
// passes. It returns errNativeUnsupported, before giving any match, when it
// cannot evaluate q exactly as bleve does.
func nativeRun(ctx context.Context, r bleveindex.IndexReader, m mapping.IndexMapping, q query.Query, tf *tfCache,
	scored bool, rep []bool, workers int, take func(doc uint64, score float64) error) error {
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok || ctx.Value(search.MaxTermSearchersKey) != nil {
		return errNativeUnsupported
	}
	if sm, ok := m.(mapping.SynonymMapping); ok && sm.SynonymCount() > 0 {
		return errNativeUnsupported
	}
	if nm, ok := m.(mapping.NestedMapping); ok && nm.CountNested() > 0 {
		return errNativeUnsupported
	}
	if im, ok := m.(*mapping.IndexMappingImpl); ok && im.ScoringModel == bleveindex.BM25Scoring {
		return errNativeUnsupported // it scores with tf-idf only
	}
	ns := &nsearch{ctx: ctx, m: m, segs: snap.Segments(), scored: scored, dicts: map[string][]segment.TermDictionary{}, tf: tf}
	// Scorch numbers a snapshot's documents segment after segment, each
	// segment's from the count of documents (deleted ones too) of the
	// segments before it.
	var running uint64
	for _, s := range ns.segs {
		ns.offsets = append(ns.offsets, running)
		running += s.Segment().Count()
	}
	var err error
	if ns.docTotal, err = snap.DocCount(); err != nil {
		return errNativeUnsupported
	}
	root, err := ns.build(q, true)
	if err != nil {
		return errNativeUnsupported
	}
	root = flatten(root)
	cands, err := ns.prepare(root)
	if err != nil {
		return errNativeUnsupported
	}
	if err := ns.useArrays(cands); err != nil {
		return err
	}
	return ns.emit(root, cands, rep, workers, take)
}

// build returns the searcher bleve builds for q; scores says whether its
// scores count (they do not below a must-not or a filter).
func (ns *nsearch) build(q query.Query, scores bool) (*nnode, error) {
	switch q := q.(type) {
	case *query.TermQuery:
		return ns.termNode(q.Term, ns.fieldOr(q.FieldVal), q.BoostVal.Value(), scores)
	case *query.MatchQuery:
		if q.Fuzziness != 0 || unexportedBool(q, "autoFuzzy") {
			return nil, errNativeUnsupported
		}
		field := ns.fieldOr(q.FieldVal)
		name := q.Analyzer
		if name == "" {
			name = ns.m.AnalyzerNameForPath(field)
		}
		an := ns.m.AnalyzerNamed(name)
		if an == nil {
			return nil, errNativeUnsupported
		}
		tokens := an.Analyze([]byte(q.Match))
		if len(tokens) == 0 {
			return matchNone(), nil
		}
		var kids []*nnode
		for _, tok := range tokens {
			n, err := ns.termNode(string(tok.Term), field, q.BoostVal.Value(), scores)
			if err != nil {
				return nil, err
			}
			kids = append(kids, n)
		}
		switch q.Operator {
		case query.MatchQueryOperatorAnd:
			return ns.conj(kids), nil
		case query.MatchQueryOperatorOr:
			return ns.disj(kids, 1)
		}
		return nil, errNativeUnsupported
	case *query.ConjunctionQuery:
		if unexportedBool(q, "queryStringMode") {
			return nil, errNativeUnsupported
		}
		kids, err := ns.buildAll(q.Conjuncts, scores)
		if err != nil {
			return nil, err
		}
		if len(kids) == 0 {
			return matchNone(), nil
		}
		return ns.conj(kids), nil
	case *query.DisjunctionQuery:
		if unexportedBool(q, "queryStringMode") || unexportedBool(q, "retrieveScoreBreakdown") {
			return nil, errNativeUnsupported
		}
		kids, err := ns.buildAll(q.Disjuncts, scores)
		if err != nil {
			return nil, err
		}
		if len(kids) == 0 {
			return matchNone(), nil
		}
		return ns.disj(kids, q.Min)
	case *query.BooleanQuery:
		return ns.boolean(q, scores)
	case *query.MatchAllQuery:
		return ns.all(q.BoostVal.Value()), nil
	case *query.MatchNoneQuery:
		return matchNone(), nil
	case *passPhrase:
		return ns.phrase(q, scores)
	}
	return nil, errNativeUnsupported
}

// matchNone returns a searcher of no document.
func matchNone() *nnode { return &nnode{kind: nNone, exact: true} }

// buildAll builds the searchers of qs in order.
func (ns *nsearch) buildAll(qs []query.Query, scores bool) ([]*nnode, error) {
	kids := make([]*nnode, 0, len(qs))
	for _, q := range qs {
		n, err := ns.build(q, scores)
		if err != nil {
			return nil, err
		}
		kids = append(kids, n)
	}
	return kids, nil
}

// fieldOr returns field, or the mapping's default field when it is empty.
func (ns *nsearch) fieldOr(field string) string {
	if field == "" {
		return ns.m.DefaultSearchField()
	}
	return field
}

// unexportedBool reads an unexported boolean field of the query struct q
// points to (false when there is none): bleve keeps some settings that
// change how it searches there.
func unexportedBool(q any, name string) bool {
	v := reflect.ValueOf(q)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return false
	}
	f := v.Elem().FieldByName(name)
	return f.IsValid() && f.Kind() == reflect.Bool && f.Bool()
}

// dictionaries returns the term dictionaries of field, by segment, opened
// once per evaluation.
func (ns *nsearch) dictionaries(field string) ([]segment.TermDictionary, error) {
	if dicts, ok := ns.dicts[field]; ok {
		return dicts, nil
	}
	dicts := make([]segment.TermDictionary, len(ns.segs))
	for i, s := range ns.segs {
		d, err := s.Segment().Dictionary(field)
		if err != nil {
			return nil, err
		}
		dicts[i] = d
	}
	ns.dicts[field] = dicts
	return dicts, nil
}

// termNode returns a term searcher: its postings in every segment, its
// count without deleted documents and its idf.
func (ns *nsearch) termNode(term, field string, boost float64, scores bool) (*nnode, error) {
	dicts, err := ns.dictionaries(field)
	if err != nil {
		return nil, err
	}
	n := &nnode{kind: nTerm, field: field, term: []byte(term), boost: boost, qw: 1, exact: true, scored: ns.scored && scores}
	for i, s := range ns.segs {
		// The postings of deleted documents too: zap's iterators step
		// through a list without exceptions faster, and candidates are
		// never deleted documents.
		pl, err := dicts[i].PostingsList(n.term, nil, nil)
		if err != nil {
			return nil, err
		}
		bm, ok := postingsBitmap(pl)
		if !ok {
			return nil, errNativeUnsupported
		}
		if del := s.Deleted(); del != nil && bm.Intersects(del) {
			bm = roaring.AndNot(bm, del)
		}
		n.pls = append(n.pls, pl)
		n.bms = append(n.bms, bm)
		n.count += bm.GetCardinality() // as the list's Count() with deleted documents excepted
	}
	// As the tf-idf scorer: 1 + ln(documents / (documents with the term + 1)).
	n.idf = 1.0 + math.Log(float64(ns.docTotal)/float64(n.count+1.0))
	ns.terms = append(ns.terms, n)
	return n, nil
}

// all returns a match-all searcher.
func (ns *nsearch) all(boost float64) *nnode {
	return &nnode{kind: nAll, boost: boost, qw: 1, count: ns.docTotal, exact: true}
}

// byCount orders searchers as bleve's OrderedSearcherList does; sort.Sort
// with the same counts in the same order gives the same permutation.
type byCount []*nnode

func (b byCount) Len() int           { return len(b) }
func (b byCount) Less(i, j int) bool { return b[i].countOf() < b[j].countOf() }
func (b byCount) Swap(i, j int)      { b[i], b[j] = b[j], b[i] }

// conj returns a conjunction searcher of kids.
func (ns *nsearch) conj(kids []*nnode) *nnode {
	sort.Sort(byCount(kids))
	n := &nnode{kind: nConj, kids: kids, exact: allExact(kids)}
	n.computeNorm()
	return n
}

// disj returns a disjunction searcher of kids matching at least min of
// them.
func (ns *nsearch) disj(kids []*nnode, min float64) (*nnode, error) {
	if len(kids) > searcher.DisjunctionHeapTakeover ||
		searcher.DisjunctionMaxClauseCount != 0 && len(kids) > searcher.DisjunctionMaxClauseCount {
		return nil, errNativeUnsupported // the heap searcher sums in another order; too many is an error
	}
	sort.Sort(byCount(kids))
	n := &nnode{kind: nDisj, kids: kids, min: int(min), exact: allExact(kids)}
	n.computeNorm()
	return n, nil
}

func allExact(kids []*nnode) bool {
	for _, k := range kids {
		if !k.exact {
			return false
		}
	}
	return true
}

// boolean returns the searcher of a boolean query, with the special cases
// of bleve's BooleanQuery.Searcher.
func (ns *nsearch) boolean(q *query.BooleanQuery, scores bool) (*nnode, error) {
	clause := func(c query.Query, scores bool) (*nnode, error) {
		if c == nil {
			return nil, nil
		}
		n, err := ns.build(c, scores)
		if err != nil || n.kind == nNone {
			return nil, err // a clause matching nothing is dropped
		}
		return n, nil
	}
	not, err := clause(q.MustNot, false)
	if err != nil {
		return nil, err
	}
	must, err := clause(q.Must, scores)
	if err != nil {
		return nil, err
	}
	should, err := clause(q.Should, scores)
	if err != nil {
		return nil, err
	}
	var filter *nnode
	if q.Filter != nil {
		// bleve builds a filter without scores; a filter matching nothing
		// stays, and matches nothing.
		ns.inFilter++
		filter, err = ns.build(q.Filter, false)
		ns.inFilter--
		if err != nil {
			return nil, err
		}
	}
	switch {
	case must == nil && should == nil && not == nil && filter == nil:
		return matchNone(), nil
	case must != nil && should == nil && not == nil && filter == nil:
		return must, nil
	case must == nil && should != nil && not == nil && filter == nil:
		return should, nil
	case must == nil && should == nil && not == nil && filter != nil:
		return &nnode{kind: nFilter, child: ns.all(1), filter: filter, exact: filter.exact}, nil
	}
	if must == nil && should == nil {
		must = ns.all(1)
	}
	if must != nil && should != nil && should.minOf() > 0 && (!ns.scored || ns.inFilter > 0) {
		// Unscored (as a filter always is), bleve may merge the should
		// clause into one bitmap reader whose Min is 0: leave that to bleve.
		return nil, errNativeUnsupported
	}
	b := &nnode{kind: nBool, must: must, should: should, not: not}
	b.exact = (must == nil || must.exact) && (should == nil || should.exact) && (not == nil || not.exact)
	b.computeNorm()
	if filter != nil {
		return &nnode{kind: nFilter, child: b, filter: filter, exact: b.exact && filter.exact}, nil
	}
	return b, nil
}

// phrase returns the searcher of a passPhrase: the conjunction of its
// positions' terms, checked for the phrase when it has several positions.
func (ns *nsearch) phrase(q *passPhrase, scores bool) (*nnode, error) {
	field := ns.fieldOr(q.field)
	slots, ok := phraseOf(ns.m, field, q.text)
	if !ok {
		return nil, errNativeUnsupported
	}
	if len(slots) == 0 {
		return matchNone(), nil
	}
	var subs []*nnode
	terms := make([][]*nnode, len(slots))
	for i, slot := range slots {
		for _, t := range slot {
			n, err := ns.termNode(t, field, q.boost, scores)
			if err != nil {
				return nil, err
			}
			terms[i] = append(terms[i], n)
		}
		switch len(terms[i]) {
		case 0:
		case 1:
			subs = append(subs, terms[i][0])
		default:
			d, err := ns.disj(append([]*nnode(nil), terms[i]...), 1)
			if err != nil {
				return nil, err
			}
			subs = append(subs, d)
		}
	}
	p := &nnode{kind: nPhrase, child: ns.conj(subs)}
	p.exact = p.child.exact
	if len(slots) > 1 {
		exact, err := ns.phraseFilter(p, field, slots)
		if err != nil {
			return nil, err
		}
		if exact {
			return p, nil // the pairs decide; no positions to check
		}
		p.slots, p.exact = terms, false
		for _, slot := range terms {
			for _, t := range slot {
				t.phrase = true
			}
		}
	}
	return p, nil
}

// phraseFilter sets p.pairs, by segment, to the documents that hold the
// word pairs the phrase of slots in field needs (pairs.go), and reports
// whether they are the phrase's very condition. It leaves p.pairs nil when
// the field has no pair field or the phrase needs no pair.
func (ns *nsearch) phraseFilter(p *nnode, field string, slots [][]string) (exact bool, err error) {
	pf, ok := pairFields[field]
	if !ok {
		return false, nil
	}
	groups, exact := phrasePairs(slots)
	if len(groups) == 0 {
		return false, nil
	}
	dicts, err := ns.dictionaries(pf)
	if err != nil {
		return false, err
	}
	p.pairs = make([]*roaring.Bitmap, len(ns.segs))
	for i := range ns.segs {
		var all *roaring.Bitmap
		for _, g := range groups {
			any := roaring.New()
			for _, term := range g {
				pl, err := dicts[i].PostingsList(term, nil, nil)
				if err != nil {
					return false, err
				}
				bm, ok := postingsBitmap(pl)
				if !ok {
					return false, errNativeUnsupported
				}
				any.Or(bm)
			}
			if all == nil {
				all = any
			} else {
				all.And(any)
			}
		}
		p.pairs[i] = all
	}
	return exact, nil
}

// postingsBitmap returns the documents of a postings list (deleted ones
// too) as zap holds them; ok is false for a segment type whose iterator
// does not expose them.
func postingsBitmap(pl segment.PostingsList) (bm *roaring.Bitmap, ok bool) {
	o, ok := pl.Iterator(false, false, false, nil).(segment.OptimizablePostingsIterator)
	if !ok {
		return nil, false
	}
	if bm = o.ActualBitmap(); bm == nil {
		bm = roaring.New()
		if d, ok := o.DocNum1Hit(); ok {
			bm.Add(uint32(d))
		}
	}
	return bm, true
}

// scoring returns the clauses whose counts, weights and scores a composite
// searcher sums: a conjunction's or disjunction's children, a boolean's
// must and should, the one child of a filter or phrase; none for a term.
func (n *nnode) scoring() []*nnode {
	switch n.kind {
	case nConj, nDisj:
		return n.kids
	case nBool:
		var out []*nnode
		for _, c := range []*nnode{n.must, n.should} {
			if c != nil {
				out = append(out, c)
			}
		}
		return out
	case nFilter, nPhrase:
		return []*nnode{n.child}
	}
	return nil
}

// countOf is the searcher's Count(): what bleve sorts the children of a
// conjunction or disjunction by.
func (n *nnode) countOf() uint64 {
	if n.kind == nTerm || n.kind == nAll {
		return n.count
	}
	var sum uint64
	for _, c := range n.scoring() {
		sum += c.countOf()
	}
	return sum
}

// minOf is the searcher's Min().
func (n *nnode) minOf() int {
	switch n.kind {
	case nDisj:
		return n.min
	case nFilter:
		return n.child.minOf()
	}
	return 0
}

// weight is the searcher's Weight(): its sum of squared weights.
func (n *nnode) weight() float64 {
	switch n.kind {
	case nTerm:
		w := n.boost * n.idf
		return w * w
	case nAll:
		return n.boost * n.boost
	}
	var rv float64
	for _, c := range n.scoring() {
		rv += c.weight()
	}
	return rv
}

// setNorm is the searcher's SetQueryNorm.
func (n *nnode) setNorm(qn float64) {
	switch n.kind {
	case nTerm:
		n.qw = n.boost * n.idf * qn
	case nAll:
		n.qw = n.boost * qn
	default:
		for _, c := range n.scoring() {
			c.setNorm(qn)
		}
	}
}

// computeNorm is what a conjunction, disjunction or boolean searcher does
// when it is built: it sets the query norm of the clauses it scores.
func (n *nnode) computeNorm() {
	if n.kind != nConj && n.kind != nDisj && n.kind != nBool {
		return
	}
	scored := n.scoring()
	var sum float64
	for _, c := range scored {
		sum += c.weight()
	}
	qn := 1.0 / math.Sqrt(sum)
	for _, c := range scored {
		c.setNorm(qn)
	}
}

// flatten drops from a built tree the searchers that pass their one
// child's match and score on unchanged: a conjunction of one (0 + s is s)
// and a disjunction of one needing at most one match (s·1/1 is s).
func flatten(n *nnode) *nnode {
	for _, p := range []**nnode{&n.must, &n.should, &n.not, &n.child, &n.filter} {
		if *p != nil {
			*p = flatten(*p)
		}
	}
	for i, k := range n.kids {
		n.kids[i] = flatten(k)
	}
	// The child must also have the composite's Min(), which a boolean
	// reads of its should clause: a conjunction's is 0, a disjunction's
	// its min (an OR match query of two words has 1; wrapped in a should
	// clause of min 0, it must stay optional).
	if len(n.kids) == 1 && n.kids[0].minOf() == n.minOf() && (n.kind == nConj || n.kind == nDisj && n.min <= 1) {
		return n.kids[0]
	}
	return n
}

// nbounds are the documents of a segment that surely match a searcher (lo)
// and that may match it (hi); they are one bitmap when the searcher has no
// phrase to check. Bitmaps are never changed once made: a term's may be
// its postings'.
type nbounds struct{ lo, hi *roaring.Bitmap }

func (b nbounds) exact() bool { return b.lo == b.hi }

func exactBounds(bm *roaring.Bitmap) nbounds { return nbounds{bm, bm} }

// useArrays gives the terms their term-frequency arrays (tfcache.go) in
// the segments where the term is common: the arrays cached, or decoded now
// when the candidates are numerous enough for the pass to read most of the
// term's postings anyway. A phrase's terms, whose locations the pass reads,
// keep their cursors.
func (ns *nsearch) useArrays(cands []*roaring.Bitmap) error {
	if ns.tf == nil {
		return nil
	}
	segs := make([]segment.Segment, len(ns.segs))
	for i, s := range ns.segs {
		segs[i] = s.Segment()
	}
	ns.tf.keep(segs)
	for _, t := range ns.terms {
		if t.phrase {
			continue
		}
		for i, seg := range segs {
			n, post := seg.Count(), t.bms[i].GetCardinality()
			if n < tfMinDocs || post == 0 || post*tfMinShare < n || cands[i].IsEmpty() {
				continue
			}
			w := ns.tf.cached(seg, t.field, string(t.term))
			if w == nil && cands[i].GetCardinality()*tfMinCands >= post {
				var err error
				if w, err = ns.tf.word(seg, t.field, string(t.term), t.pls[i]); err != nil {
					return err
				}
			}
			if w != nil {
				if t.tfs == nil {
					t.tfs = make([]*tfWord, len(segs))
				}
				t.tfs[i] = w
			}
		}
	}
	return nil
}

// prepare returns, by segment, the documents that may match root.
func (ns *nsearch) prepare(root *nnode) ([]*roaring.Bitmap, error) {
	ns.live = make([]*roaring.Bitmap, len(ns.segs))
	cands := make([]*roaring.Bitmap, len(ns.segs))
	for i := range ns.segs {
		cands[i] = ns.bounds(root, i).hi
	}
	return cands, nil
}

// bounds returns the bounds of n in segment i.
func (ns *nsearch) bounds(n *nnode, i int) nbounds {
	switch n.kind {
	case nTerm:
		return exactBounds(n.bms[i])
	case nAll:
		if ns.live[i] == nil {
			ns.live[i] = ns.segs[i].DocNumbersLive()
		}
		return exactBounds(ns.live[i])
	case nConj:
		if len(n.kids) == 0 {
			return exactBounds(roaring.New()) // bleve's conjunction of nothing matches nothing
		}
		return ns.fold(n.kids, i, len(n.kids))
	case nDisj:
		k := max(n.min, 1)
		if k > len(n.kids) {
			return exactBounds(roaring.New())
		}
		return ns.fold(n.kids, i, k)
	case nPhrase:
		b := ns.bounds(n.child, i)
		if n.pairs != nil {
			if b.exact() {
				b = exactBounds(roaring.And(b.hi, n.pairs[i]))
			} else {
				b = nbounds{roaring.And(b.lo, n.pairs[i]), roaring.And(b.hi, n.pairs[i])}
			}
		}
		if n.slots != nil {
			b.lo = roaring.New()
		}
		return b
	case nFilter:
		return and(ns.bounds(n.child, i), ns.bounds(n.filter, i))
	case nBool:
		var b nbounds
		if n.must != nil {
			b = ns.bounds(n.must, i)
			if n.should != nil && n.should.minOf() > 0 {
				b = and(b, ns.bounds(n.should, i))
			}
		} else {
			b = ns.bounds(n.should, i)
		}
		if n.not != nil {
			nb := ns.bounds(n.not, i)
			hi := roaring.AndNot(b.hi, nb.lo)
			if b.exact() && nb.exact() {
				return exactBounds(hi)
			}
			b = nbounds{roaring.AndNot(b.lo, nb.hi), hi}
		}
		return b
	}
	return exactBounds(roaring.New())
}

// and is the intersection of bounds.
func and(a, b nbounds) nbounds {
	hi := roaring.And(a.hi, b.hi)
	if a.exact() && b.exact() {
		return exactBounds(hi)
	}
	return nbounds{roaring.And(a.lo, b.lo), hi}
}

// fold returns the bounds of the documents matching at least k of kids
// (all of them for a conjunction, one for most disjunctions).
func (ns *nsearch) fold(kids []*nnode, i, k int) nbounds {
	los, his := make([]*roaring.Bitmap, len(kids)), make([]*roaring.Bitmap, len(kids))
	same := true
	for j, kid := range kids {
		b := ns.bounds(kid, i)
		los[j], his[j] = b.lo, b.hi
		same = same && b.exact()
	}
	hi := atLeast(his, k)
	if same {
		return exactBounds(hi)
	}
	return nbounds{atLeast(los, k), hi}
}

// atLeast returns the documents in at least k of bms (1 <= k <= len(bms)).
func atLeast(bms []*roaring.Bitmap, k int) *roaring.Bitmap {
	switch {
	case len(bms) == 1:
		return bms[0]
	case k == len(bms):
		return roaring.FastAnd(bms...)
	case k == 1:
		return roaring.FastOr(bms...)
	}
	// c[j]: documents in at least j+1 of the bitmaps seen so far.
	c := make([]*roaring.Bitmap, k)
	for j := range c {
		c[j] = roaring.New()
	}
	for _, bm := range bms {
		for j := k - 1; j > 0; j-- {
			c[j] = roaring.Or(c[j], roaring.And(c[j-1], bm))
		}
		c[0] = roaring.Or(c[0], bm)
	}
	return c[k-1]
}

// emit gives take the matches of root, in increasing document number. With
// workers above 1 and enough candidates, a second goroutine evaluates
// candidates too.
func (ns *nsearch) emit(root *nnode, cands []*roaring.Bitmap, rep []bool, workers int, take func(doc uint64, score float64) error) error {
	if err := ns.ctx.Err(); err != nil {
		return err
	}
	if !ns.scored && root.exact {
		return ns.emitDirect(cands, rep, take)
	}
	var total uint64
	for _, c := range cands {
		total += c.GetCardinality()
	}
	if workers > 1 && total >= uint64(nativeParallelMin) {
		return ns.emitParallel(root, cands, rep, total, take)
	}
	w := ns.worker(root, false)
	for i, c := range cands {
		if c.IsEmpty() {
			continue
		}
		off := ns.offsets[i]
		err := w.run(nchunk{seg: i, lo: 0, hi: math.MaxUint32 + 1}, c, rep, func(d uint32, score float64) error {
			return take(off+uint64(d), score)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// emitDirect gives take the candidates, which are the matches of an
// unscored query without phrases.
func (ns *nsearch) emitDirect(cands []*roaring.Bitmap, rep []bool, take func(doc uint64, score float64) error) error {
	buf := make([]uint32, 256)
	for i, cand := range cands {
		off := ns.offsets[i]
		docs := cand.ManyIterator()
		for k := docs.NextMany(buf); k > 0; k = docs.NextMany(buf) {
			if err := ns.ctx.Err(); err != nil {
				return err
			}
			for _, d := range buf[:k] {
				g := off + uint64(d)
				if rep != nil && g < uint64(len(rep)) && !rep[g] {
					continue // another report stands for its cluster
				}
				if err := take(g, 0); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// Parallel evaluation: the candidates are cut into chunks that two
// goroutines evaluate, each taking the next chunk when done with one, into
// buffers that the calling goroutine gives to take in order (evaluating a
// chunk itself while the next to give is not ready).
var (
	// nativeParallel lets the column pass use two goroutines when no other
	// search runs. Measured on the two-core VM at 565k reports (querybench,
	// one client, cold, five alternated runs): with the second core idle, all
	// p95 56-95 ms against 96-112 with one goroutine, 签约 p50 25-36 against
	// 36-40, "总投资" 83-111 against 110-119; while another process held a
	// core (an indexer at nice 19), two goroutines were a little slower
	// (BenchmarkPass: 签约 38 against 35 ms, 项目 -GDP 62 against 50).
	nativeParallel    = true
	nativeParallelMin = 50000 // the fewest candidates evaluated in parallel
	nativeChunk       = 4096  // the fewest candidates of a chunk
)

// nchunk is a run of candidates: those of segment seg in [lo, hi).
type nchunk struct {
	seg    int
	lo, hi uint64
}

// cutChunks cuts cands into runs of size candidates (fewer at the end of a
// segment).
func cutChunks(cands []*roaring.Bitmap, size uint64) []nchunk {
	var out []nchunk
	for i, c := range cands {
		n := c.GetCardinality()
		for k := uint64(0); k < n; k += size {
			lo, _ := c.Select(uint32(k))
			hi := uint64(math.MaxUint32 + 1)
			if k+size < n {
				h, _ := c.Select(uint32(k + size))
				hi = uint64(h)
			}
			out = append(out, nchunk{seg: i, lo: uint64(lo), hi: hi})
		}
	}
	return out
}

// nbuf holds the matches of a chunk.
type nbuf struct {
	docs   []uint32
	scores []float64
	err    error
	done   chan struct{}
}

// emitParallel is emit with two goroutines.
func (ns *nsearch) emitParallel(root *nnode, cands []*roaring.Bitmap, rep []bool, total uint64, take func(doc uint64, score float64) error) error {
	size := max(uint64(nativeChunk), total/32)
	chunks := cutChunks(cands, size)
	bufs := make([]nbuf, len(chunks))
	for i := range bufs {
		bufs[i].done = make(chan struct{})
	}
	var next atomic.Int64
	var stop atomic.Bool
	// evalNext evaluates the next chunk nobody took; false when none is
	// left.
	evalNext := func(w *nworker) bool {
		k := int(next.Add(1) - 1)
		if k >= len(chunks) || stop.Load() {
			return false
		}
		b, c := &bufs[k], chunks[k]
		b.docs, b.scores = make([]uint32, 0, size), make([]float64, 0, size)
		b.err = w.run(c, cands[c.seg], rep, func(d uint32, score float64) error {
			b.docs = append(b.docs, d)
			b.scores = append(b.scores, score)
			return nil
		})
		close(b.done)
		return true
	}
	helper := ns.worker(root, true)
	var wg sync.WaitGroup
	wg.Go(func() {
		for evalNext(helper) {
		}
	})
	defer func() {
		stop.Store(true)
		wg.Wait() // the caller closes the snapshot the helper reads
	}()
	w := ns.worker(root, false)
	for e := range chunks {
		b := &bufs[e]
	wait:
		for {
			select {
			case <-b.done:
				break wait
			default:
				if !evalNext(w) {
					<-b.done
					break wait
				}
			}
		}
		if b.err != nil {
			return b.err
		}
		off := ns.offsets[chunks[e].seg]
		for j, d := range b.docs {
			if err := take(off+uint64(d), b.scores[j]); err != nil {
				return err
			}
		}
		b.docs, b.scores = nil, nil
	}
	return nil
}

// nworker evaluates candidates with cursors of its own: the tree's, or a
// copy's.
type nworker struct {
	ns     *nsearch
	root   *nnode
	terms  []*nnode
	seg    int // the segment the cursors are in; -1 before the first
	err    error
	posBuf [][]npos // phrase checks: locations by position
}

// worker returns a worker evaluating root, or a copy of it when clone.
func (ns *nsearch) worker(root *nnode, clone bool) *nworker {
	w := &nworker{ns: ns, root: root, terms: ns.terms, seg: -1}
	if clone {
		w.terms = nil
		w.root = cloneTree(root, map[*nnode]*nnode{}, &w.terms)
	}
	return w
}

// cloneTree copies the tree of n with cursors of its own, appending its
// terms to terms.
func cloneTree(n *nnode, seen map[*nnode]*nnode, terms *[]*nnode) *nnode {
	if n == nil {
		return nil
	}
	if c, ok := seen[n]; ok {
		return c
	}
	c := new(nnode)
	*c = *n
	seen[n] = c
	if n.kind == nTerm {
		c.it, c.cur, c.locs = nil, -1, nil
		*terms = append(*terms, c)
	}
	c.kids = make([]*nnode, len(n.kids))
	for i, k := range n.kids {
		c.kids[i] = cloneTree(k, seen, terms)
	}
	c.must, c.should, c.not = cloneTree(n.must, seen, terms), cloneTree(n.should, seen, terms), cloneTree(n.not, seen, terms)
	c.child, c.filter = cloneTree(n.child, seen, terms), cloneTree(n.filter, seen, terms)
	if n.slots != nil {
		c.slots = make([][]*nnode, len(n.slots))
		for i, slot := range n.slots {
			for _, t := range slot {
				c.slots[i] = append(c.slots[i], cloneTree(t, seen, terms))
			}
		}
	}
	return c
}

// start opens the worker's cursors in segment seg.
func (w *nworker) start(seg int) {
	for _, t := range w.terms {
		prev := t.it
		t.it, t.cur, t.locs, t.tf = nil, -1, nil, nil
		if t.tfs != nil && t.tfs[seg] != nil {
			t.tf, t.it = t.tfs[seg], prev // read from the arrays; the cursor waits for another segment
			continue
		}
		if t.bms[seg].IsEmpty() {
			t.cur = math.MaxInt64
			continue
		}
		t.it = t.pls[seg].Iterator(t.scored, t.scored, t.phrase, prev)
	}
	w.seg = seg
}

// run evaluates the candidates cand of chunk c and gives out the matches
// (local document numbers) and their scores, skipping the documents that
// rep says stand for no cluster. The chunks a worker runs must follow each
// other in document order.
func (w *nworker) run(c nchunk, cand *roaring.Bitmap, rep []bool, out func(d uint32, score float64) error) error {
	ns := w.ns
	if err := ns.ctx.Err(); err != nil {
		return err
	}
	if w.seg != c.seg {
		w.start(c.seg)
	}
	off := ns.offsets[c.seg]
	docs := cand.Iterator()
	docs.AdvanceIfNeeded(uint32(c.lo))
	for n := 0; docs.HasNext(); n++ {
		d := docs.PeekNext()
		if uint64(d) >= c.hi {
			break
		}
		docs.Next()
		if n&1023 == 1023 {
			if err := ns.ctx.Err(); err != nil {
				return err
			}
		}
		if g := off + uint64(d); rep != nil && g < uint64(len(rep)) && !rep[g] {
			continue // another report stands for its cluster
		}
		var ok bool
		var score float64
		if w.root.exact {
			ok, score = true, w.score(w.root, int64(d)) // the candidates are the matches
		} else {
			ok, score = w.eval(w.root, int64(d))
		}
		if w.err != nil {
			return w.err
		}
		if !ok {
			continue
		}
		if !ns.scored {
			score = 0
		}
		if err := out(d, score); err != nil {
			return err
		}
	}
	return nil
}

// eval reports whether n matches document d of the current segment and
// with what score, as bleve's searcher n would; d must not decrease from
// call to call.
func (w *nworker) eval(n *nnode, d int64) (bool, float64) {
	switch n.kind {
	case nTerm:
		return w.evalTerm(n, d)
	case nConj:
		if len(n.kids) == 0 {
			return false, 0
		}
		var sum float64
		for _, k := range n.kids {
			var ok bool
			var s float64
			if k.kind == nTerm {
				ok, s = w.evalTerm(k, d)
			} else {
				ok, s = w.eval(k, d)
			}
			if !ok {
				return false, 0
			}
			sum += s
		}
		return true, sum
	case nDisj:
		var sum float64
		matched := 0
		for _, k := range n.kids {
			var ok bool
			var s float64
			if k.kind == nTerm {
				ok, s = w.evalTerm(k, d)
			} else {
				ok, s = w.eval(k, d)
			}
			if ok {
				matched++
				sum += s
			}
		}
		if matched == 0 || matched < n.min {
			return false, 0
		}
		coord := float64(matched) / float64(len(n.kids))
		return true, sum * coord
	case nBool:
		if n.not != nil {
			if ok, _ := w.eval(n.not, d); ok {
				return false, 0
			}
		}
		var sum float64
		if n.must == nil {
			ok, s := w.eval(n.should, d)
			if !ok {
				return false, 0
			}
			sum += s
			return true, sum
		}
		ok, s := w.eval(n.must, d)
		if !ok {
			return false, 0
		}
		sum += s
		if n.should != nil {
			if ok, s := w.eval(n.should, d); ok {
				sum += s
			} else if n.should.minOf() > 0 {
				return false, 0
			}
		}
		return true, sum
	case nFilter:
		ok, s := w.eval(n.child, d)
		if !ok {
			return false, 0
		}
		if ok, _ := w.eval(n.filter, d); !ok {
			return false, 0
		}
		return true, s
	case nAll:
		// Candidates are live documents, which match all. As the constant
		// scorer.
		s := 1.0
		if n.qw != 1.0 {
			s = s * n.qw
		}
		return true, s
	case nPhrase:
		if n.pairs != nil && !n.pairs[w.seg].Contains(uint32(d)) {
			return false, 0 // a pair of the phrase is missing
		}
		ok, s := w.eval(n.child, d)
		if !ok || n.slots == nil {
			return ok, s
		}
		if !w.holds(n, d) {
			return false, 0
		}
		return true, s
	}
	return false, 0
}

// score returns the score of n for document d, which n matches: d is a
// candidate of an exact tree that n is part of without a disjunction
// above it. It is eval without the checks whose outcome is known: a
// must-not clause, a filter, a phrase's pairs.
func (w *nworker) score(n *nnode, d int64) float64 {
	switch n.kind {
	case nTerm:
		_, s := w.evalTerm(n, d)
		return s
	case nConj:
		var sum float64
		for _, k := range n.kids {
			sum += w.score(k, d)
		}
		return sum
	case nBool:
		if n.must == nil {
			return 0 + w.score(n.should, d) // as eval sums
		}
		sum := w.score(n.must, d)
		if n.should != nil {
			if ok, s := w.eval(n.should, d); ok {
				sum += s
			}
		}
		return sum
	case nFilter, nPhrase:
		return w.score(n.child, d)
	}
	_, s := w.eval(n, d)
	return s
}

// evalTerm is eval of a term.
func (w *nworker) evalTerm(n *nnode, d int64) (bool, float64) {
	var freq uint64
	var norm float64
	if t := n.tf; t != nil {
		if t.freq[d] == 0 {
			return false, 0
		}
		if !n.scored {
			return true, 0
		}
		freq, norm = t.frequency(uint32(d)), zapNorm(uint64(t.lens[d]))
	} else {
		if n.cur < d {
			w.advance(n, d)
		}
		if n.cur != d {
			return false, 0
		}
		if !n.scored {
			return true, 0
		}
		freq, norm = n.freq, n.norm
	}
	// As the tf-idf term scorer.
	var tf float64
	if freq < scorer.MaxSqrtCache {
		tf = scorer.SqrtCache[freq]
	} else {
		tf = math.Sqrt(float64(freq))
	}
	s := tf * norm * n.idf
	if n.qw != 1.0 {
		s = s * n.qw
	}
	return true, s
}

// advance moves term n's cursor to its first posting at or after d.
func (w *nworker) advance(n *nnode, d int64) {
	p, err := n.it.Advance(uint64(d))
	if err != nil || p == nil {
		n.cur, n.locs = math.MaxInt64, nil
		if w.err == nil {
			w.err = err
		}
		return
	}
	if zp, ok := p.(*zap.Posting); ok {
		n.cur = int64(zp.Number())
		if n.scored {
			n.freq, n.norm = zp.Frequency(), zapNorm(zp.NormUint64())
		}
		if n.phrase {
			n.locs = zp.Locations()
		}
		return
	}
	n.cur = int64(p.Number())
	if n.scored {
		n.freq, n.norm = p.Frequency(), p.Norm()
	}
	if n.phrase {
		n.locs = p.Locations()
	}
}

// zapNorms are the norms of zap's postings for the field lengths below
// their number, as (*zap.Posting).Norm computes them from the length it
// stores.
var zapNorms = sync.OnceValue(func() []float64 {
	t := make([]float64, 4096)
	for n := range t {
		t[n] = float64(float32(1.0 / math.Sqrt(float64(n))))
	}
	return t
})

// zapNorm returns the norm of a zap posting whose NormUint64 is bits.
func zapNorm(bits uint64) float64 {
	if t := zapNorms(); bits < uint64(len(t)) {
		return t[bits]
	}
	return float64(float32(1.0 / math.Sqrt(float64(bits))))
}

// holds reports whether document d holds phrase p: a location of its first
// position's terms followed, position by position, by locations of the
// others' terms in the same array element, as phraseCheck.holds.
func (w *nworker) holds(p *nnode, d int64) bool {
	for len(w.posBuf) < len(p.slots) {
		w.posBuf = append(w.posBuf, nil)
	}
	// The phrase's conjunction matched d, so every term's cursor is at d or
	// after it.
	for si, terms := range p.slots {
		buf := w.posBuf[si][:0]
		for _, t := range terms {
			if t.cur == d {
				for _, l := range t.locs {
					buf = append(buf, npos{l.Pos(), l.ArrayPositions()})
				}
			}
		}
		w.posBuf[si] = buf
		if len(terms) > 0 && len(buf) == 0 {
			return false
		}
	}
	for _, a := range w.posBuf[0] {
		if w.follows(p, a) {
			return true
		}
	}
	return false
}

// follows reports whether every later position of p has a location at a's
// position plus its offset, in a's array element.
func (w *nworker) follows(p *nnode, a npos) bool {
	for si := 1; si < len(p.slots); si++ {
		if len(p.slots[si]) == 0 {
			continue // a gap
		}
		found := false
		for _, b := range w.posBuf[si] {
			if b.pos == a.pos+uint64(si) && slices.Equal(b.ap, a.ap) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// nativePass runs the column pass of passQ natively on the snapshot of s's
// columns, giving s its hits as pass does. It returns errNativeUnsupported,
// having given none, when the query or the snapshot is not one it can
// evaluate as bleve would; the caller then runs bleve's pass.
func (ix *Index) nativePass(ctx context.Context, passQ query.Query, s *colSearch, rec *passHits) error {
	c, scored := s.c, s.sortBy == byScore
	r, err := ix.snapshot()
	if err != nil {
		return errNativeUnsupported
	}
	defer r.Close()
	if r != c.snap {
		return errNativeUnsupported // bleve's pass tells a stale snapshot
	}
	workers := 1
	if nativeParallel && ix.search.idleCore() {
		workers = 2
	}
	err = nativeRun(ctx, r, ix.bi.Mapping(), passQ, &ix.search.tf, scored, c.rep, workers, func(doc uint64, score float64) error {
		if doc >= uint64(c.n) {
			return errStaleColumns
		}
		s.add(uint32(doc), score)
		if rec != nil && c.rep[doc] { // as pass records
			rec.add(uint32(doc), score, scored)
		}
		return nil
	})
	if err == nil || errors.Is(err, errNativeUnsupported) || errors.Is(err, errStaleColumns) {
		return err
	}
	return searchError(err)
}

// running returns the number of searches holding a slot (see acquire).
func (s *searchState) running() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.slots)
}

// idleCore reports whether a search may take a second goroutine: there is
// more than one core and no other search runs, so one is idle unless
// something else than searches takes it.
func (s *searchState) idleCore() bool {
	return runtime.GOMAXPROCS(0) > 1 && s.running() <= 1
}
