package index

import (
	"context"
	"errors"
	"fmt"
	"html"
	"math"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/investnews/regionsearch/analyzers"
)

// filters are the resolved filter values of a Query.
type filters struct {
	provinces, cities, sectors []string
	subsectors, sources        []string
	amountMin, amountMax       *float64
	dateFrom, dateTo           *time.Time
	lang                       string
	indexedAfter               *time.Time
}

// Search runs a query and returns one page of hits with facet counts. Each
// facet's counts are computed without that facet's own filter, so a user
// can see what ticking a second value would add; the requests for those
// counts run concurrently. At most a limited number of searches run at once
// (see SetSearchLimit); past it, Search waits briefly and then fails with
// KindUnavailable.
func (ix *Index) Search(ctx context.Context, q Query) (*Result, error) {
	start := time.Now()
	if err := normalizeQuery(&q); err != nil {
		return nil, err
	}
	release, err := ix.search.acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	f, err := ix.resolveFilters(q)
	if err != nil {
		return nil, err
	}
	parsed := parseQuery(q.Text)
	textQ, err := ix.compile(parsed)
	if err != nil {
		return nil, err
	}
	fp := fingerprint(q, f)
	var out *Result
	if c := ix.columnsFor(); c != nil {
		out, err = ix.searchColumns(ctx, q, f, textQ, fp, c)
	}
	if out == nil && (err == nil || errors.Is(err, errStaleColumns)) {
		out, err = ix.searchBleve(ctx, q, f, textQ, fp)
	}
	if err != nil {
		return nil, err
	}
	if parsed != nil {
		out.Parsed = ix.explain(parsed)
	}
	out.TookMS = math.Round(float64(time.Since(start).Microseconds())/10) / 100
	return out, nil
}

// searchBleve is Search without columns: bleve counts the facets, with one
// request per active filter.
func (ix *Index) searchBleve(ctx context.Context, q Query, f filters, textQ query.Query, fp string) (*Result, error) {
	full := ix.withFilters(textQ, f, "")
	order := sortOrder(q.Sort)
	var err error

	size, from := q.Size, (q.Page-1)*q.Size
	var after []string
	if q.Cursor != "" {
		if after, err = ix.cursorKeys(ctx, q.Cursor, q.Sort, fp, full); err != nil {
			return nil, err
		}
		size, from = q.Size+1, 0 // one more tells whether a next page exists
	}
	main := hitsRequest(full, size, from)
	main.SortByCustom(order)
	main.SearchAfter = after

	// Facets whose own filter is inactive are counted on the main request;
	// each of the others needs a request without its filter.
	plan, err := ix.datePlanFor(ctx, f)
	if err != nil {
		return nil, err
	}
	reqs := []*bleve.SearchRequest{main}
	names := []string{""}
	for _, name := range FacetNames {
		var fr *bleve.FacetRequest
		if name == FacetDate {
			fr = plan.request()
		} else {
			fr = facetRequest(name, f)
			if len(ix.shards) > 0 && fr.Size < shardFacetSize {
				// Each shard answers its own top terms; asking for all
				// of them keeps the merged counts exact.
				fr.Size = shardFacetSize
			}
		}
		if !f.active(name) {
			main.AddFacet(name, fr)
			continue
		}
		r := unscored(ix.withFilters(textQ, f, name), 0, 0)
		r.AddFacet(name, fr)
		reqs = append(reqs, r)
		names = append(names, name)
	}
	results, err := ix.searchAll(ctx, reqs)
	if err != nil {
		return nil, err
	}

	res := results[0]
	out := &Result{Total: res.Total, Hits: make([]Hit, 0, len(res.Hits)), Facets: map[string][]FacetValue{}}
	hits := res.Hits
	more := len(hits) > 0 && res.Total > uint64(from+len(hits))
	if q.Cursor != "" {
		more = len(hits) > q.Size
		hits = hits[:min(len(hits), q.Size)]
	}
	if more {
		if out.NextCursor, err = encodeCursor(q.Sort, fp, order, hits[len(hits)-1]); err != nil {
			return nil, err
		}
	}
	for _, h := range hits {
		hit, err := toHit(h)
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		out.Hits = append(out.Hits, hit)
	}
	for i, r := range results {
		for name, fr := range r.Facets {
			if i == 0 || name == names[i] {
				if name == FacetDate {
					out.Facets[name] = plan.values(fr)
				} else {
					out.Facets[name] = ix.facetValues(name, fr)
				}
			}
		}
	}
	if !f.active(FacetDate) && out.Total > 0 {
		if out.Facets[FacetDate], err = ix.refineDates(ctx, full, out.Facets[FacetDate]); err != nil {
			return nil, err
		}
	}
	ix.addAllSelected(out.Facets, f)
	return out, nil
}

// searchAll runs requests concurrently and returns their results in order.
func (ix *Index) searchAll(ctx context.Context, reqs []*bleve.SearchRequest) ([]*bleve.SearchResult, error) {
	results := make([]*bleve.SearchResult, len(reqs))
	errs := make([]error, len(reqs))
	var wg sync.WaitGroup
	for i, r := range reqs[1:] {
		wg.Go(func() { results[i+1], errs[i+1] = ix.bi.SearchInContext(ctx, r) })
	}
	results[0], errs[0] = ix.bi.SearchInContext(ctx, reqs[0])
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, searchError(err)
		}
	}
	return results, nil
}

// datePlanFor returns how to count the date facet: with a date filter, in
// the interval that fits the filter's range (open ends run to the first or
// last year in the index); without one, by year (refineDates narrows it
// when the hits span a single year).
func (ix *Index) datePlanFor(ctx context.Context, f filters) (datePlan, error) {
	if !f.active(FacetDate) {
		return datePlan{interval: IntervalYear}, nil
	}
	var lo, hi time.Time
	if f.dateFrom != nil {
		lo = *f.dateFrom
	}
	if f.dateTo != nil {
		hi = *f.dateTo
	}
	if lo.IsZero() || hi.IsZero() {
		first, last, err := ix.yearBounds()
		if err != nil {
			return datePlan{}, err
		}
		if lo.IsZero() {
			lo = time.Date(min(first, hi.Year()), 1, 1, 0, 0, 0, 0, time.UTC)
		}
		if hi.IsZero() {
			hi = time.Date(max(last, lo.Year()), 12, 31, 0, 0, 0, 0, time.UTC)
		}
	}
	return newDatePlan(lo, hi), nil
}

// yearBounds returns the first and last year with documents, or this year
// twice for an index with no dates.
func (ix *Index) yearBounds() (first, last int, err error) {
	dicts, err := ix.fieldDicts(fieldYear)
	if err != nil {
		return 0, 0, fmt.Errorf("read years: %w", err)
	}
	first, last = math.MaxInt, math.MinInt
	for _, d := range dicts {
		defer d.Close()
		for {
			e, err := d.Next()
			if err != nil {
				return 0, 0, fmt.Errorf("read years: %w", err)
			}
			if e == nil {
				break
			}
			var y int
			if _, err := fmt.Sscanf(e.Term, "%d", &y); err == nil && e.Count > 0 {
				first, last = min(first, y), max(last, y)
			}
		}
	}
	if first > last {
		y := time.Now().Year()
		return y, y, nil
	}
	return first, last, nil
}

// refineDates narrows a yearly histogram whose hits all fall in one year to
// months, and a monthly one whose hits fall in one month to weeks, so the
// histogram fits the results. Empty buckets before the first and after the
// last hit are dropped.
func (ix *Index) refineDates(ctx context.Context, full query.Query, years []FacetValue) ([]FacetValue, error) {
	n, only := nonEmpty(years)
	if n != 1 {
		return years, nil
	}
	from, to, _ := DateValueRange(only.Value)
	plan := datePlan{interval: IntervalMonth, buckets: monthBuckets(from, to), lo: from, hi: to}
	months, err := ix.countDates(ctx, full, plan)
	if err != nil {
		return nil, err
	}
	if n, only := nonEmpty(months); n == 1 {
		from, to, _ = DateValueRange(only.Value)
		plan = datePlan{interval: IntervalWeek, buckets: weekBuckets(from, to), lo: from, hi: to}
		weeks, err := ix.countDates(ctx, full, plan)
		if err != nil {
			return nil, err
		}
		months = weeks
	}
	return trimZeros(months), nil
}

// countDates counts the hits of q in the buckets of plan.
func (ix *Index) countDates(ctx context.Context, q query.Query, plan datePlan) ([]FacetValue, error) {
	r := unscored(q, 0, 0)
	r.AddFacet(FacetDate, plan.request())
	res, err := ix.bi.SearchInContext(ctx, r)
	if err != nil {
		return nil, searchError(err)
	}
	return plan.values(res.Facets[FacetDate]), nil
}

// trimZeros drops the empty buckets at both ends.
func trimZeros(vs []FacetValue) []FacetValue {
	for len(vs) > 0 && vs[0].Count == 0 {
		vs = vs[1:]
	}
	for len(vs) > 0 && vs[len(vs)-1].Count == 0 {
		vs = vs[:len(vs)-1]
	}
	return vs
}

func searchError(err error) error {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return &Error{Kind: KindUnavailable, Message: "search timed out; narrow the query", Err: err}
	}
	return fmt.Errorf("search: %w", err)
}

// normalizeQuery applies defaults and rejects values out of range.
func normalizeQuery(q *Query) error {
	if len(q.Text) > MaxQueryLen {
		return Errorf(KindInvalid, "query is too long: %d bytes, at most %d", len(q.Text), MaxQueryLen)
	}
	if q.Page == 0 {
		q.Page = 1
	}
	if q.Page < 1 {
		return Errorf(KindInvalid, "page must be 1 or more, got %d", q.Page)
	}
	if q.Size == 0 {
		q.Size = DefaultSize
	}
	if q.Size < 1 || q.Size > MaxSize {
		return Errorf(KindInvalid, "size must be between 1 and %d, got %d", MaxSize, q.Size)
	}
	if q.Cursor != "" && q.Page != 1 {
		return Errorf(KindInvalid, "give either page or cursor, not both")
	}
	if q.Page*q.Size > MaxWindow {
		return Errorf(KindInvalid, "page %d is too deep: pages reach hit %d at most; "+
			"to go further, follow next_cursor from an earlier page", q.Page, MaxWindow)
	}
	if q.Sort == "" {
		q.Sort = "relevance"
	}
	ok := false
	for _, s := range Sorts {
		ok = ok || s == q.Sort
	}
	if !ok {
		return Errorf(KindInvalid, "unknown sort %q: use one of %s", q.Sort, strings.Join(Sorts, ", "))
	}
	return nil
}

func (ix *Index) resolveFilters(q Query) (filters, error) {
	var f filters
	for _, s := range q.Provinces {
		p, ok := ix.gaz.Resolve(s)
		if !ok {
			return f, Errorf(KindInvalid, "unknown province %q: give a code (370000), a Chinese (山东) or an English (Shandong) name", s)
		}
		if prov, ok := ix.gaz.ProvinceOf(p.Code); ok {
			f.provinces = appendUnique(f.provinces, prov.Code)
		}
	}
	for _, s := range q.Cities {
		p, ok := ix.gaz.Resolve(s)
		if !ok {
			return f, Errorf(KindInvalid, "unknown city %q: give a code (371500), a Chinese (聊城) or an English (Liaocheng) name", s)
		}
		c, ok := ix.gaz.CityOf(p.Code)
		if !ok {
			return f, Errorf(KindInvalid, "%q is not a city", s)
		}
		f.cities = appendUnique(f.cities, c.Code)
	}
	for _, s := range q.Sectors {
		key, ok := ix.sectorKey(s)
		if !ok {
			return f, Errorf(KindInvalid, "unknown sector %q: use a sector key such as next-gen-it", s)
		}
		if isSubsectorKey(key) { // sector=1.2 names a subsector
			f.subsectors = appendUnique(f.subsectors, key)
		} else {
			f.sectors = appendUnique(f.sectors, key)
		}
	}
	for _, s := range q.Subsectors {
		key, ok := ix.sectorKey(s)
		if !ok || !isSubsectorKey(key) {
			return f, Errorf(KindInvalid, "unknown subsector %q: use an NBS subsector id such as 1.2", s)
		}
		f.subsectors = appendUnique(f.subsectors, key)
	}
	for _, s := range q.Sources {
		if s = strings.TrimSpace(s); s != "" {
			f.sources = appendUnique(f.sources, s)
		}
	}
	if q.AmountMin != nil && q.AmountMax != nil && *q.AmountMin > *q.AmountMax {
		return f, Errorf(KindInvalid, "amount_min is larger than amount_max")
	}
	f.amountMin, f.amountMax = q.AmountMin, q.AmountMax
	parseDate := func(name, s string) (*time.Time, error) {
		if s == "" {
			return nil, nil
		}
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return nil, Errorf(KindInvalid, "%s must be a date like 2023-03-30, got %q", name, s)
		}
		return &t, nil
	}
	var err error
	if f.dateFrom, err = parseDate("date_from", q.DateFrom); err != nil {
		return f, err
	}
	if f.dateTo, err = parseDate("date_to", q.DateTo); err != nil {
		return f, err
	}
	if f.dateFrom != nil && f.dateTo != nil && f.dateTo.Before(*f.dateFrom) {
		return f, Errorf(KindInvalid, "date_from is after date_to")
	}
	f.indexedAfter = q.IndexedAfter
	switch q.Lang {
	case "", "zh", "en":
		f.lang = q.Lang
	default:
		return f, Errorf(KindInvalid, "unknown lang %q: use zh or en", q.Lang)
	}
	return f, nil
}

// isSubsectorKey reports whether a taxonomy key is an NBS subsector id
// (1.2) rather than a top-level sector key.
func isSubsectorKey(key string) bool {
	return key != "" && key[0] >= '0' && key[0] <= '9'
}

// sectorKey resolves a sector key, NBS subsector id or sector name.
func (ix *Index) sectorKey(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if sec, ok := ix.ext.Sector(s); ok {
		return sec.Key, true
	}
	for _, list := range [][]sectorName{ix.sectorNames(false), ix.sectorNames(true)} {
		for _, sec := range list {
			if strings.EqualFold(sec.NameEn, s) || sec.NameZh == s {
				return sec.Key, true
			}
		}
	}
	return "", false
}

// sectorName is the key and names of a sector or subsector.
type sectorName struct{ Key, NameZh, NameEn string }

func (ix *Index) sectorNames(sub bool) []sectorName {
	list := ix.ext.Sectors()
	if sub {
		list = ix.ext.Subsectors()
	}
	out := make([]sectorName, len(list))
	for i, s := range list {
		out[i] = sectorName{s.Key, s.NameZh, s.NameEn}
	}
	return out
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// values returns the selected values of a keyword facet (one of
// termColumns); nil for any other facet.
func (f filters) values(facet string) []string {
	switch facet {
	case FacetProvince:
		return f.provinces
	case FacetCity:
		return f.cities
	case FacetSector:
		return f.sectors
	case FacetSubsector:
		return f.subsectors
	case FacetSource:
		return f.sources
	case FacetLang:
		if f.lang != "" {
			return []string{f.lang}
		}
	}
	return nil
}

// active reports whether the filter of a facet is set.
func (f filters) active(facet string) bool {
	switch facet {
	case FacetAmount:
		return f.amountMin != nil || f.amountMax != nil
	case FacetDate:
		return f.dateFrom != nil || f.dateTo != nil
	}
	return len(f.values(facet)) > 0
}

// withFilters combines the text query with every filter except the one of
// facet skip, and keeps one document per cluster of duplicates.
func (ix *Index) withFilters(textQ query.Query, f filters, skip string) query.Query {
	var conj []query.Query
	for _, facet := range termColumns {
		values := f.values(facet)
		if len(values) == 0 || skip == facet {
			continue
		}
		var dis []query.Query
		for _, v := range values {
			dis = append(dis, termQ(termFacets[facet].field, v))
		}
		if len(dis) == 1 {
			conj = append(conj, dis[0])
		} else {
			conj = append(conj, bleve.NewDisjunctionQuery(dis...))
		}
	}
	if skip != FacetAmount && (f.amountMin != nil || f.amountMax != nil) {
		incl, excl := true, false
		nq := bleve.NewNumericRangeInclusiveQuery(f.amountMin, f.amountMax, &incl, &excl)
		nq.SetField(fieldAmount)
		conj = append(conj, nq)
	}
	if skip != FacetDate && (f.dateFrom != nil || f.dateTo != nil) {
		var from, to time.Time
		if f.dateFrom != nil {
			from = *f.dateFrom
		}
		if f.dateTo != nil {
			to = f.dateTo.AddDate(0, 0, 1)
		}
		incl, excl := true, false
		dq := bleve.NewDateRangeInclusiveQuery(from, to, &incl, &excl)
		dq.SetField(fieldDate)
		conj = append(conj, dq)
	}
	if f.indexedAfter != nil {
		conj = append(conj, indexedAfterQuery(*f.indexedAfter))
	}
	// One hit per cluster of duplicates: its representative (cluster.go).
	conj = append(conj, termQ(fieldRep, "1"))
	return filtered(textQ, conj)
}

// filtered returns textQ restricted to the documents matching every query
// of conj, scored as textQ alone (a boolean query's filter adds nothing to
// the score).
func filtered(textQ query.Query, conj []query.Query) query.Query {
	bq := bleve.NewBooleanQuery()
	bq.AddMust(textQ)
	switch len(conj) {
	case 0:
	case 1:
		bq.AddFilter(conj[0])
	default:
		bq.AddFilter(bleve.NewConjunctionQuery(conj...))
	}
	return bq
}

// indexedAfterQuery matches the documents indexed after t.
func indexedAfterQuery(t time.Time) query.Query {
	incl := false
	dq := bleve.NewDateRangeInclusiveQuery(t, time.Time{}, &incl, nil)
	dq.SetField(fieldIndexed)
	return dq
}

func toHit(h *search.DocumentMatch) (Hit, error) {
	d, err := decodeMeta(h.Fields)
	if err != nil {
		return Hit{}, fmt.Errorf("hit %s: %w", h.ID, err)
	}
	hit := Hit{ID: h.ID, Title: d.Title, URL: d.URL, Source: d.Source, Date: d.Date, Lang: d.Lang,
		Score: math.Round(h.Score*1000) / 1000, Provinces: d.Provinces, Cities: d.Cities, Sectors: d.Sectors,
		AmountCNY: d.AmountCNY, Highlights: map[string][]string{}}
	hit.Sources = append(append(hit.Sources, d.Sources...), d.Cluster...)
	hit.ClusterSize = max(len(hit.Sources), 1)
	for field, frags := range h.Fragments {
		if len(frags) > 0 {
			hit.Highlights[field] = frags
		}
	}
	if len(hit.Highlights[fieldBody]) == 0 && d.Summary != "" {
		hit.Highlights[fieldBody] = []string{html.EscapeString(d.Summary)}
	}
	return hit, nil
}

// compile turns a parsed query into a bleve query; nil means all documents.
func (ix *Index) compile(n *node) (query.Query, error) {
	if n == nil {
		return bleve.NewMatchAllQuery(), nil
	}
	switch n.op {
	case "term":
		return ix.compileTerm(n)
	case "not":
		inner, err := ix.compile(n.children[0])
		if err != nil {
			return nil, err
		}
		bq := bleve.NewBooleanQuery()
		bq.AddMust(bleve.NewMatchAllQuery())
		bq.AddMustNot(inner)
		return bq, nil
	case "or":
		var dis []query.Query
		for _, c := range n.children {
			q, err := ix.compile(c)
			if err != nil {
				return nil, err
			}
			dis = append(dis, q)
		}
		return bleve.NewDisjunctionQuery(dis...), nil
	}
	// and: positives must match, negatives must not.
	bq := bleve.NewBooleanQuery()
	pos := 0
	for _, c := range n.children {
		if c.op == "not" {
			q, err := ix.compile(c.children[0])
			if err != nil {
				return nil, err
			}
			bq.AddMustNot(q)
			continue
		}
		q, err := ix.compile(c)
		if err != nil {
			return nil, err
		}
		bq.AddMust(q)
		pos++
	}
	if pos == 0 {
		bq.AddMust(bleve.NewMatchAllQuery())
	}
	return bq, nil
}

func (ix *Index) compileTerm(n *node) (query.Query, error) {
	switch n.field {
	case "province", "city":
		p, ok := ix.gaz.Resolve(n.text)
		if !ok {
			return nil, Errorf(KindInvalid, "unknown %s %q in the query", n.field, n.text)
		}
		code, field := "", fieldProvince
		if n.field == "province" {
			if prov, ok := ix.gaz.ProvinceOf(p.Code); ok {
				code = prov.Code
			}
		} else {
			field = fieldCity
			if c, ok := ix.gaz.CityOf(p.Code); ok {
				code = c.Code
			}
		}
		if code == "" {
			return nil, Errorf(KindInvalid, "%q is not a %s", n.text, n.field)
		}
		tq := bleve.NewTermQuery(code)
		tq.SetField(field)
		return tq, nil
	case "sector":
		key, ok := ix.sectorKey(n.text)
		if !ok {
			return nil, Errorf(KindInvalid, "unknown sector %q in the query", n.text)
		}
		field := fieldSector
		if isSubsectorKey(key) {
			field = fieldSubsector
		}
		tq := bleve.NewTermQuery(key)
		tq.SetField(field)
		return tq, nil
	case "source":
		if n.phrase {
			pq := bleve.NewMatchPhraseQuery(n.text)
			pq.SetField(fieldSourceText)
			return pq, nil
		}
		mq := bleve.NewMatchQuery(n.text)
		mq.SetField(fieldSourceText)
		mq.SetOperator(query.MatchQueryOperatorAnd)
		return mq, nil
	}
	fields := []string{fieldTitle, fieldBody}
	if n.field != "" {
		fields = []string{n.field}
	}
	if n.phrase {
		return textQuery(n.text, fields, true), nil
	}
	// A word may hold several Chinese words (聊城碳化硅): every segment must
	// match, and a segment that is a place also matches its other names.
	segs := wordSegments(n.text)
	var conj []query.Query
	for _, seg := range segs {
		alts := analyzers.Expand(seg)
		if len(alts) == 0 {
			alts = []string{seg}
		}
		var dis []query.Query
		for _, a := range alts {
			dis = append(dis, textQuery(a, fields, false))
		}
		if len(dis) == 1 {
			conj = append(conj, dis[0])
		} else {
			conj = append(conj, bleve.NewDisjunctionQuery(dis...))
		}
	}
	switch len(conj) {
	case 0:
		return bleve.NewMatchNoneQuery(), nil
	case 1:
		return conj[0], nil
	}
	return bleve.NewConjunctionQuery(conj...), nil
}

// wordSegments splits a query word into the words to match: Chinese runs are
// segmented, other words are kept whole.
func wordSegments(w string) []string {
	hasHan := false
	for _, r := range w {
		if unicode.Is(unicode.Han, r) {
			hasHan = true
			break
		}
	}
	if !hasHan {
		return []string{w}
	}
	var out []string
	for _, s := range analyzers.Segment(w) {
		if strings.TrimFunc(s, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) || unicode.IsSymbol(r) }) != "" {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return []string{w}
	}
	return out
}

// textQuery matches text in any of fields, title weighted above body.
func textQuery(text string, fields []string, phrase bool) query.Query {
	var dis []query.Query
	for _, f := range fields {
		var q query.Query
		if phrase {
			pq := bleve.NewMatchPhraseQuery(text)
			pq.SetField(f)
			if f == fieldTitle {
				pq.SetBoost(2)
			}
			q = pq
		} else {
			mq := bleve.NewMatchQuery(text)
			mq.SetField(f)
			mq.SetOperator(query.MatchQueryOperatorAnd)
			if f == fieldTitle {
				mq.SetBoost(2)
			}
			q = mq
		}
		dis = append(dis, q)
	}
	if len(dis) == 1 {
		return dis[0]
	}
	return bleve.NewDisjunctionQuery(dis...)
}

// explain renders how a query was understood: the operators and, for each
// word, its segments and place-name expansions.
func (ix *Index) explain(n *node) string {
	if n.op == "term" && !n.phrase && n.field == "" {
		var parts []string
		for _, seg := range wordSegments(n.text) {
			alts := analyzers.Expand(seg)
			if len(alts) > 1 {
				parts = append(parts, seg+"{"+strings.Join(alts, "|")+"}")
			} else {
				parts = append(parts, seg)
			}
		}
		if len(parts) > 1 {
			return "(" + strings.Join(parts, " AND ") + ")"
		}
		return parts[0]
	}
	if n.op == "term" {
		return n.String()
	}
	if n.op == "not" {
		return "NOT " + ix.explain(n.children[0])
	}
	parts := make([]string, len(n.children))
	for i, c := range n.children {
		s := ix.explain(c)
		if c.op == "and" || c.op == "or" {
			s = "(" + s + ")"
		}
		parts[i] = s
	}
	sep := " AND "
	if n.op == "or" {
		sep = " OR "
	}
	return strings.Join(parts, sep)
}
