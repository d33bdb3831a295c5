package index

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/numeric"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// The column search: one bleve pass over the hits of the text query alone,
// with a document match handler that applies the filters from columns,
// keeps the page of hits in a heap and lists the hits that count for the
// facets; after the pass, every facet is counted without its own filter (a
// hit that fails exactly one filter counts for that filter's facet only),
// column after column over those lists. bleve's own collector is left
// with nothing to sort or load: the pass asks for scores only when sorting
// by relevance, and never for stored fields or doc values. A second, small
// request loads the stored fields and highlights of the page's hits.

// errStaleColumns says that bleve searched another snapshot than the one
// the columns were built from.
var errStaleColumns = errors.New("facet columns are stale")

// syncColumnsBelow is the index size under which columns are built in the
// search that finds them missing; larger indexes build them in the
// background and search without them meanwhile.
const syncColumnsBelow = 20000

// snapshot returns a reader of the index's current scorch snapshot, which
// the caller closes.
func (ix *Index) snapshot() (bleveindex.IndexReader, error) {
	adv, err := ix.bi.Advanced()
	if err != nil {
		return nil, err
	}
	return adv.Reader()
}

// columnsFor returns the columns of the snapshot bleve searches now, or nil
// when they are not built yet (starting a build).
func (ix *Index) columnsFor() *colSet {
	if ix.search.noColumns.Load() {
		return nil
	}
	r, err := ix.snapshot()
	if err != nil {
		return nil
	}
	cs := ix.search.cols.Load()
	if cs != nil && cs.snap == r {
		r.Close()
		return cs
	}
	n, err := r.DocCount()
	if err == nil && n < syncColumnsBelow {
		defer r.Close()
		cs, _ := ix.storeColumns(r) // nil on error: search without columns
		return cs
	}
	if !ix.search.building.CompareAndSwap(false, true) {
		r.Close()
		return nil
	}
	go func() {
		defer r.Close()
		_, err := ix.storeColumns(r)
		ix.search.building.Store(false)
		if err == nil && ix.search.warming.CompareAndSwap(false, true) {
			// Term arrays only save time: a pass decodes what it needs
			// when prewarming failed or was skipped.
			_ = ix.search.tf.prewarm(r, ix.closed.Load)
			ix.search.warming.Store(false)
		}
	}()
	return nil
}

// storeColumns builds the columns of snapshot r and makes them the ones
// searches use.
func (ix *Index) storeColumns(r bleveindex.IndexReader) (*colSet, error) {
	cs, err := buildColumns(r)
	if err != nil {
		return nil, err
	}
	ix.search.cols.Store(cs)
	return cs, nil
}

// Warm readies the current snapshot for searching: it builds the facet
// columns, unless they are built, and then decodes the term arrays of the
// most common words (tfcache.go), as the first searches would start in the
// background. It returns how long each took. Benchmarks call it to measure
// the steady state; the first searches after opening do not need it.
func (ix *Index) Warm() (columns, arrays time.Duration, err error) {
	if len(ix.shards) > 0 {
		return 0, 0, nil // shards are searched without columns
	}
	r, err := ix.snapshot()
	if err != nil {
		return 0, 0, fmt.Errorf("warm: %w", err)
	}
	defer r.Close()
	start := time.Now()
	if cs := ix.search.cols.Load(); cs == nil || cs.snap != r {
		if _, err := ix.storeColumns(r); err != nil {
			return 0, 0, fmt.Errorf("warm: build columns: %w", err)
		}
	}
	columns = time.Since(start)
	start = time.Now()
	if err := ix.search.tf.prewarm(r, ix.closed.Load); err != nil {
		return columns, 0, fmt.Errorf("warm: %w", err)
	}
	return columns, time.Since(start), nil
}

// Facet bits of the column search: the term columns, then amount and date.
const (
	bitAmount = iota + 6 // len(termColumns)
	bitDate
	numFacetBits
)

// termCheck is an active keyword filter: the ordinals it selects.
type termCheck struct {
	col *termColumn
	sel []bool // by ordinal
	bit int
}

// colHit is a hit kept for the page: its document number, id position,
// score and sort value.
type colHit struct {
	doc   uint32
	pos   uint64 // 2·rank+1, or a cursor's position (see colSet.idPos)
	score float64
	ival  int64   // date
	fval  float64 // amount
	has   bool    // has a date or amount (for those sorts)
}

// sort kinds of the column search.
const (
	byScore = iota
	byDateAsc
	byDateDesc
	byAmountAsc
	byAmountDesc
)

// colSearch is one column search in progress.
type colSearch struct {
	c      *colSet
	checks []termCheck
	amount bool
	amin   float64
	amax   float64
	date   bool
	dmin   int64 // Unix ns, inclusive
	dmax   int64 // exclusive

	// add lists the hits that pass every filter in all, and those that
	// fail the filter of one facet bit only in failed[bit]; finish counts
	// them into counts, buckets and days, column after column.
	all     []uint32
	failed  [numFacetBits][]uint32
	counted bool
	workers int        // goroutines finish may count with
	counts  [][]uint32 // by term column and ordinal
	buckets []int      // by amount bucket
	days    []uint32   // by day - c.dayLo
	total   uint64

	sortBy int
	k      int // hits to keep
	heap   []colHit
	after  *colHit // the cursor: keep only hits after it
}

// before reports whether a sorts before b.
func (s *colSearch) before(a, b *colHit) bool {
	switch s.sortBy {
	case byScore:
		if a.score != b.score {
			return a.score > b.score
		}
	case byDateAsc, byDateDesc, byAmountAsc, byAmountDesc:
		if a.has != b.has {
			return a.has // missing values last, both ways
		}
		if a.has {
			var c int
			if s.sortBy <= byDateDesc {
				c = cmpOrdered(a.ival, b.ival)
			} else {
				c = cmpOrdered(a.fval, b.fval)
			}
			if s.sortBy == byDateDesc || s.sortBy == byAmountDesc {
				c = -c
			}
			if c != 0 {
				return c < 0
			}
		}
	}
	return a.pos < b.pos
}

func cmpOrdered[T int64 | float64](a, b T) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// add takes one hit of the text query. Hits come in increasing document
// order; finish counts them once the pass is over.
func (s *colSearch) add(doc uint32, score float64) {
	c := s.c
	if !c.rep[doc] {
		return // another report of a cluster stands for it
	}
	fail, nfail := 0, 0
	for i := range s.checks {
		ch := &s.checks[i]
		if o := ch.col.ord[doc]; o < excOrd && ch.sel[o] || o == excOrd && ch.matchExc(doc) {
			continue
		}
		if nfail++; nfail > 1 {
			return
		}
		fail = ch.bit
	}
	if s.amount {
		if v := c.amount[doc]; !(v >= s.amin && v < s.amax) {
			if nfail++; nfail > 1 {
				return
			}
			fail = bitAmount
		}
	}
	if s.date {
		if t := c.date[doc]; t == noDate || t < s.dmin || t >= s.dmax {
			if nfail++; nfail > 1 {
				return
			}
			fail = bitDate
		}
	}
	if nfail == 1 {
		if s.failed[fail] == nil {
			s.failed[fail] = getHitList()
		}
		s.failed[fail] = append(s.failed[fail], doc)
		return
	}
	s.all = append(s.all, doc)
	s.total++
	if s.sortBy == byScore && s.after == nil && len(s.heap) == s.k && s.k > 0 && score < s.heap[0].score {
		return // keep would not take it (before compares scores first)
	}
	h := colHit{doc: doc, pos: 2*uint64(c.rank[doc]) + 1, score: score}
	switch s.sortBy {
	case byDateAsc, byDateDesc:
		h.ival = c.date[doc]
		h.has = h.ival != noDate
	case byAmountAsc, byAmountDesc:
		h.fval = c.amount[doc]
		h.has = !math.IsNaN(h.fval)
	}
	if s.after != nil && !s.before(s.after, &h) {
		return
	}
	s.keep(h)
}

// matchExc reports whether document doc, which has its values in the
// column's exceptions (excOrd), has one the check selects.
func (ch *termCheck) matchExc(doc uint32) bool {
	for _, v := range ch.col.exc.of(doc) {
		if ch.sel[v] {
			return true
		}
	}
	return false
}

// finish counts the hits that add listed, column after column: every facet
// counts those that pass every filter and those that fail its own filter
// only. Only the first call counts.
//
// With workers above 1 and many hits, a second goroutine counts half the
// facets.
func (s *colSearch) finish() {
	if s.counted {
		return
	}
	s.counted = true
	if s.workers > 1 && len(s.all) >= countParallelMin {
		// Every bit counts into its own counters.
		var wg sync.WaitGroup
		wg.Go(func() {
			for bit := 1; bit < numFacetBits; bit += 2 {
				s.countBit(bit)
			}
		})
		for bit := 0; bit < numFacetBits; bit += 2 {
			s.countBit(bit)
		}
		wg.Wait()
	} else {
		for bit := range numFacetBits {
			s.countBit(bit)
		}
	}
	putHitList(s.all)
	for _, l := range s.failed {
		putHitList(l)
	}
	s.all, s.failed = nil, [numFacetBits][]uint32{}
}

// countParallelMin is the fewest hits passing every filter that finish
// counts with two goroutines.
var countParallelMin = 65536

// hitLists holds the lists of hits of finished column searches for new
// ones to reuse: growing a list of half a million hits anew costs more
// than counting it.
var hitLists sync.Pool // of *[]uint32

// getHitList returns an empty list of hits, from hitLists when it has one.
func getHitList() []uint32 {
	if p, ok := hitLists.Get().(*[]uint32); ok {
		return (*p)[:0]
	}
	return nil
}

// putHitList gives list l to hitLists.
func putHitList(l []uint32) {
	if cap(l) > 0 {
		l = l[:0]
		hitLists.Put(&l)
	}
}

// countBit counts the facet of bit over the hits that count for it.
func (s *colSearch) countBit(bit int) {
	c := s.c
	lists := [2][]uint32{s.all, s.failed[bit]}
	switch bit {
	case bitAmount:
		var n [256]uint32 // by bucket as a byte: no value (-1) is 255
		for _, docs := range lists {
			for _, d := range docs {
				n[uint8(c.bucket[d])]++
			}
		}
		for i := range s.buckets {
			s.buckets[i] = int(n[i])
		}
	case bitDate:
		days := make([]uint32, c.numDays()+1) // the last for no date
		for _, docs := range lists {
			for _, d := range docs {
				days[c.day[d]]++
			}
		}
		if c.hasDays() {
			s.days = days[:c.numDays()]
		}
	default:
		tc, counts := &c.terms[bit], s.counts[bit]
		for _, docs := range lists {
			countTerms(tc, counts, docs)
		}
	}
}

// countTerms counts the values of column tc of documents docs by ordinal.
func countTerms(tc *termColumn, counts []uint32, docs []uint32) {
	ord := tc.ord
	for _, d := range docs {
		if o := ord[d]; o < excOrd {
			counts[o]++
		} else if o == excOrd {
			for _, v := range tc.exc.of(d) {
				counts[v]++
			}
		}
	}
}

// keep adds a hit to the heap of the best k, whose root is the worst.
func (s *colSearch) keep(h colHit) {
	if len(s.heap) < s.k {
		s.heap = append(s.heap, h)
		for i := len(s.heap) - 1; i > 0; {
			p := (i - 1) / 2
			if !s.before(&s.heap[p], &s.heap[i]) {
				break
			}
			s.heap[p], s.heap[i] = s.heap[i], s.heap[p]
			i = p
		}
		return
	}
	if s.k == 0 || !s.before(&h, &s.heap[0]) {
		return
	}
	s.heap[0] = h
	for i := 0; ; {
		l, r, w := 2*i+1, 2*i+2, i
		if l < len(s.heap) && s.before(&s.heap[w], &s.heap[l]) {
			w = l
		}
		if r < len(s.heap) && s.before(&s.heap[w], &s.heap[r]) {
			w = r
		}
		if w == i {
			return
		}
		s.heap[i], s.heap[w] = s.heap[w], s.heap[i]
		i = w
	}
}

// newColSearch prepares a column search for the resolved filters.
func newColSearch(c *colSet, f filters, sortName string, k int) *colSearch {
	s := &colSearch{c: c, k: k, amin: math.Inf(-1), amax: math.Inf(1), buckets: make([]int, len(AmountBuckets))}
	s.all = getHitList()
	s.counts = make([][]uint32, len(termColumns))
	for i := range c.terms {
		s.counts[i] = make([]uint32, len(c.terms[i].values))
	}
	for i, name := range termColumns {
		vals := f.values(name)
		if len(vals) == 0 {
			continue
		}
		tc := &c.terms[i]
		ch := termCheck{col: tc, sel: make([]bool, len(tc.values)), bit: i}
		for _, v := range vals {
			if o, ok := tc.ords[v]; ok {
				ch.sel[o] = true
			}
		}
		s.checks = append(s.checks, ch)
	}
	if f.amountMin != nil || f.amountMax != nil {
		s.amount = true
		if f.amountMin != nil {
			s.amin = *f.amountMin
		}
		if f.amountMax != nil {
			s.amax = *f.amountMax
		}
	}
	if f.dateFrom != nil || f.dateTo != nil {
		s.date = true
		s.dmin, s.dmax = math.MinInt64, math.MaxInt64
		if f.dateFrom != nil {
			s.dmin = f.dateFrom.UnixNano()
		}
		if f.dateTo != nil {
			s.dmax = f.dateTo.AddDate(0, 0, 1).UnixNano()
		}
	}
	switch sortName {
	case "date":
		s.sortBy = byDateAsc
	case "-date":
		s.sortBy = byDateDesc
	case "amount":
		s.sortBy = byAmountAsc
	case "-amount":
		s.sortBy = byAmountDesc
	}
	return s
}

// searchColumns runs a search with columns c. It returns errStaleColumns
// when bleve searched another snapshot; the caller then searches without
// columns.
func (ix *Index) searchColumns(ctx context.Context, q Query, f filters, textQ query.Query, fp string, c *colSet) (*Result, error) {
	// The pass runs the text query with the one filter that is no facet,
	// its phrases checked the cheap way (phrase.go); the page is loaded
	// with bleve's phrases, whose locations the highlighter needs, and the
	// filter of cluster representatives that the pass reads from columns.
	iterQ := ix.withFilters(textQ, filters{indexedAfter: f.indexedAfter}, "")
	passQ := passQuery(passBase(textQ, f))
	k := q.Page * q.Size
	if q.Cursor != "" {
		k = q.Size + 1 // one more tells whether a next page exists
	}
	s := newColSearch(c, f, q.Sort, k)
	if q.Cursor != "" {
		after, err := ix.colCursor(ctx, q, fp, iterQ, s)
		if err != nil {
			return nil, err
		}
		s.after = after
	}
	if err := ix.passOrReplay(ctx, q.Text, f, passQ, s); err != nil {
		return nil, err
	}
	if nativeParallel && ix.search.idleCore() {
		s.workers = 2
	}
	s.finish()

	// The page, in order.
	slices.SortFunc(s.heap, func(a, b colHit) int {
		if s.before(&a, &b) {
			return -1
		}
		return 1
	})
	page := s.heap
	more := false
	if q.Cursor != "" {
		more = len(page) > q.Size
		page = page[:min(len(page), q.Size)]
	} else {
		page = page[min(len(page), (q.Page-1)*q.Size):]
		more = len(page) > 0 && s.total > uint64(q.Page*q.Size)
	}
	out := &Result{Total: s.total, Hits: make([]Hit, 0, len(page)), Facets: map[string][]FacetValue{}}
	var err error
	if s.sortBy == byScore && len(page) <= maxAnalysedPage && !loadByBleve && analysable(textQ, true) {
		err = ix.loadAnalysed(ctx, textQ, c, page, out)
	} else {
		err = ix.loadHits(ctx, iterQ, c, page, s.sortBy == byScore, out)
	}
	if err != nil {
		return nil, err
	}
	if more && len(page) > 0 {
		if out.NextCursor, err = s.cursor(q.Sort, fp, &page[len(page)-1]); err != nil {
			return nil, err
		}
	}
	ix.colFacets(s, f, out)
	return out, nil
}

// passOrReplay gives s the matches of the text query text (compiled for
// the pass as passQ) with filters f: from the snapshot's pass cache when
// they are there, else from a pass, which is cached when large enough.
func (ix *Index) passOrReplay(ctx context.Context, text string, f filters, passQ query.Query, s *colSearch) error {
	c, scored := s.c, s.sortBy == byScore
	limit := ix.search.passCacheLimit()
	if limit <= 0 {
		return ix.pass(ctx, passQ, s, nil)
	}
	key := passKey(text, f.indexedAfter, scored)
	hits := c.passes.get(key)
	if hits == nil && !scored { // an unscored sort can replay a scored pass
		hits = c.passes.get(passKey(text, f.indexedAfter, true))
	}
	if hits != nil {
		hits.replay(s)
		return nil
	}
	hits = &passHits{}
	if err := ix.pass(ctx, passQ, s, hits); err != nil {
		return err
	}
	if len(hits.docs) >= minCachedHits || ix.search.cacheAll {
		c.passes.put(key, hits, limit)
	}
	return nil
}

// pass runs one bleve search of passQ whose hits s takes, and rec records
// when not nil. It returns errStaleColumns when bleve searched another
// snapshot than s's columns.
func (ix *Index) pass(ctx context.Context, passQ query.Query, s *colSearch, rec *passHits) error {
	if nativePass { // native.go; bleve's search when it cannot run passQ
		if err := ix.nativePass(ctx, passQ, s, rec); !errors.Is(err, errNativeUnsupported) {
			return err
		}
	}
	c, scored := s.c, s.sortBy == byScore
	req := bleve.NewSearchRequestOptions(passQ, 0, 0, false)
	req.SortByCustom(search.SortOrder{&search.SortScore{Desc: true}})
	if !scored {
		req.Score = bleve.ScoreNone
	}
	var stale bool
	maker := func(sc *search.SearchContext) (search.DocumentMatchHandler, bool, error) {
		if sc.IndexReader != c.snap {
			stale = true
			return nil, false, errStaleColumns
		}
		return func(d *search.DocumentMatch) error {
			if d == nil {
				return nil
			}
			doc := d.IndexInternalID.Value()
			score := d.Score
			sc.DocumentMatchPool.Put(d)
			if doc >= uint64(c.n) {
				stale = true
				return errStaleColumns
			}
			s.add(uint32(doc), score)
			if rec != nil && c.rep[doc] { // add drops the others on replay too
				rec.add(uint32(doc), score, scored)
			}
			return nil
		}, false, nil
	}
	_, err := ix.bi.SearchInContext(context.WithValue(ctx, search.MakeDocumentMatchHandlerKey,
		search.MakeDocumentMatchHandler(maker)), req)
	if stale {
		return errStaleColumns
	}
	if err != nil {
		return searchError(err)
	}
	return nil
}

// passBase is the query of the column pass before passQuery: the text
// query with the indexed-after filter. It scores as withFilters does (both
// are filtered) but leaves out the filter of cluster representatives,
// which colSearch.add applies from colSet.rep at no cost per hit.
func passBase(textQ query.Query, f filters) query.Query {
	var conj []query.Query
	if f.indexedAfter != nil {
		conj = append(conj, indexedAfterQuery(*f.indexedAfter))
	}
	return filtered(textQ, conj)
}

// loadHits fetches the stored fields and highlights of the page's hits,
// which keep the order and scores of the pass.
func (ix *Index) loadHits(ctx context.Context, iterQ query.Query, c *colSet, page []colHit, scored bool, out *Result) error {
	if len(page) == 0 {
		return nil
	}
	ids := make([]string, len(page))
	for i, h := range page {
		ids[i] = c.ids[h.pos/2]
	}
	idq := bleve.NewDocIDQuery(ids)
	idq.SetBoost(0)
	req := hitsRequest(bleve.NewConjunctionQuery(iterQ, idq), len(ids), 0)
	res, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return searchError(err)
	}
	byID := make(map[string]*search.DocumentMatch, len(res.Hits))
	for _, h := range res.Hits {
		byID[h.ID] = h
	}
	for i, h := range page {
		dm, ok := byID[ids[i]]
		if !ok {
			continue // deleted since the pass
		}
		if scored {
			dm.Score = h.score
		} // else the score of this request, which is the text query's too
		hit, err := toHit(dm)
		if err != nil {
			return fmt.Errorf("search: %w", err)
		}
		out.Hits = append(out.Hits, hit)
	}
	return nil
}

// cursor returns the cursor after hit h, in the format of sortKeys, so that
// cursors work with and without columns.
func (s *colSearch) cursor(sortName, fp string, h *colHit) (string, error) {
	id := s.c.ids[h.pos/2]
	var key string
	switch s.sortBy {
	case byScore:
		key = strconv.FormatFloat(h.score, 'g', -1, 64)
	case byDateAsc, byAmountAsc:
		key = search.HighTerm
	case byDateDesc, byAmountDesc:
		key = search.LowTerm
	}
	if h.has {
		v := h.ival
		if s.sortBy >= byAmountAsc {
			v = numeric.Float64ToInt64(h.fval)
		}
		key = string(numeric.MustNewPrefixCodedInt64(v, 0))
	}
	c := cursor{V: cursorVersion, Sort: sortName, FP: fp, Keys: [][]byte{[]byte(key), []byte(id)}}
	return c.encode()
}

// colCursor reads a cursor into the position it stands for.
func (ix *Index) colCursor(ctx context.Context, q Query, fp string, iterQ query.Query, s *colSearch) (*colHit, error) {
	c, err := decodeCursor(q.Cursor, q.Sort, fp)
	if err != nil {
		return nil, err
	}
	key, id := string(c.Keys[0]), string(c.Keys[1])
	h := &colHit{pos: s.c.idPos(id)}
	switch s.sortBy {
	case byScore:
		h.score, _ = strconv.ParseFloat(key, 64) // checked by decodeCursor
		score, ok, err := ix.currentScore(ctx, iterQ, id)
		if err != nil {
			return nil, err
		}
		if ok {
			h.score = score
		}
	default:
		if key == search.HighTerm || key == search.LowTerm {
			break
		}
		v, err := numeric.PrefixCoded(key).Int64()
		if err != nil {
			return nil, Errorf(KindInvalid, errBadCursor)
		}
		h.has = true
		h.ival, h.fval = v, numeric.Int64ToFloat64(v)
	}
	return h, nil
}

// colFacets turns the counts of a pass into the Result's facets.
func (ix *Index) colFacets(s *colSearch, f filters, out *Result) {
	c := s.c
	for i, name := range termColumns {
		tc := &c.terms[i]
		prefix := ""
		if name == FacetCity && len(f.provinces) == 1 && len(f.provinces[0]) == 6 {
			prefix = f.provinces[0][:2]
		}
		type vc struct {
			value string
			count uint32
		}
		var vs []vc
		for o, n := range s.counts[i] {
			if n > 0 && (prefix == "" || len(tc.values[o]) >= 2 && tc.values[o][:2] == prefix) {
				vs = append(vs, vc{tc.values[o], n})
			}
		}
		sort.Slice(vs, func(a, b int) bool {
			if vs[a].count != vs[b].count {
				return vs[a].count > vs[b].count
			}
			return vs[a].value < vs[b].value
		})
		vals := make([]FacetValue, 0, min(len(vs), termFacets[name].size))
		for _, v := range vs[:min(len(vs), termFacets[name].size)] {
			vals = append(vals, ix.namedValue(name, v.value, int(v.count)))
		}
		out.Facets[name] = vals
	}
	out.Facets[FacetAmount] = amountValues(func(i int) int { return s.buckets[i] })
	out.Facets[FacetDate] = ix.dateHistogram(s, f)
	ix.addAllSelected(out.Facets, f)
}

// dateHistogram buckets the day counts of a pass like the date facet of
// Search: with a date filter, in the interval that fits the filter's span;
// without one, by year, narrowed to months (weeks) when the hits fall in
// one year (month).
func (ix *Index) dateHistogram(s *colSearch, f filters) []FacetValue {
	c := s.c
	if !f.active(FacetDate) {
		years := bucketDays(s, datePlan{interval: IntervalYear})
		if n, only := nonEmpty(years); n == 1 {
			from, to, _ := DateValueRange(only.Value)
			months := bucketDays(s, datePlan{interval: IntervalMonth, buckets: monthBuckets(from, to), lo: from, hi: to})
			if n, only := nonEmpty(months); n == 1 {
				from, to, _ = DateValueRange(only.Value)
				months = bucketDays(s, datePlan{interval: IntervalWeek, buckets: weekBuckets(from, to), lo: from, hi: to})
			}
			return trimZeros(months)
		}
		return years
	}
	var lo, hi time.Time
	if f.dateFrom != nil {
		lo = *f.dateFrom
	}
	if f.dateTo != nil {
		hi = *f.dateTo
	}
	first, last := time.Now().Year(), time.Now().Year()
	if c.hasDays() {
		first, last = dayTime(c.dayLo).Year(), dayTime(c.dayHi).Year()
	}
	if lo.IsZero() {
		lo = time.Date(min(first, hi.Year()), 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if hi.IsZero() {
		hi = time.Date(max(last, lo.Year()), 12, 31, 0, 0, 0, 0, time.UTC)
	}
	return bucketDays(s, newDatePlan(lo, hi))
}

// bucketDays counts the days of a pass into the buckets of plan, with the
// same values as datePlan.values gives for bleve's counts.
func bucketDays(s *colSearch, plan datePlan) []FacetValue {
	c := s.c
	if plan.interval == IntervalYear {
		fr := &search.FacetResult{Terms: &search.TermFacets{}}
		years := map[int]int{}
		for i, n := range s.days {
			if n > 0 {
				years[dayTime(c.dayLo+int64(i)).Year()] += int(n)
			}
		}
		for y, n := range years {
			fr.Terms.Add(&search.TermFacet{Term: fmt.Sprintf("%04d", y), Count: n})
		}
		return plan.values(fr)
	}
	fr := &search.FacetResult{}
	for _, b := range plan.buckets {
		n := 0
		lo, hi := unixDay(b.from.UnixNano())-c.dayLo, unixDay(b.to.UnixNano())-c.dayLo
		for d := max(lo, 0); d < min(hi, int64(len(s.days))); d++ {
			n += int(s.days[d])
		}
		fr.DateRanges = append(fr.DateRanges, &search.DateRangeFacet{Name: b.value, Count: n})
	}
	return plan.values(fr)
}

// columnsReady reports whether a snapshot's columns are built; tests use
// it.
func (ix *Index) columnsReady() bool { return ix.columnsFor() != nil }
