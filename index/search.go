package index

import (
	"context"
	"errors"
	"fmt"
	"html"
	"math"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/investnews/regionsearch/analyzers"
)

// Facet names, as they appear in Result.Facets.
const (
	FacetProvince = "province"
	FacetCity     = "city"
	FacetSector   = "sector"
	FacetAmount   = "amount"
	FacetDate     = "date"
	FacetLang     = "lang"
	FacetSource   = "source"
)

// AmountBucket is one of the fixed amount ranges of the amount facet.
type AmountBucket struct {
	Value   string
	LabelZh string
	LabelEn string
	Min     float64 // inclusive
	Max     float64 // exclusive; +Inf for the last bucket
}

// AmountBuckets are the fixed ranges of the amount facet, in yuan.
var AmountBuckets = []AmountBucket{
	{"0-1e8", "1亿元以下", "under ¥100 million", 0, 1e8},
	{"1e8-1e9", "1亿–10亿元", "¥100 million–1 billion", 1e8, 1e9},
	{"1e9-1e10", "10亿–100亿元", "¥1–10 billion", 1e9, 1e10},
	{"1e10-1e11", "100亿–1000亿元", "¥10–100 billion", 1e10, 1e11},
	{"1e11-", "1000亿元以上", "¥100 billion and over", 1e11, math.Inf(1)},
}

// filters are the resolved filter values of a Query.
type filters struct {
	provinces, cities, sectors []string
	amountMin, amountMax       *float64
	dateFrom, dateTo           *time.Time
	lang                       string
	indexedAfter               *time.Time
}

// Search runs a query and returns one page of hits with facet counts. Each
// facet's counts are computed without that facet's own filter, so a user
// can see what ticking a second value would add.
func (ix *Index) Search(ctx context.Context, q Query) (*Result, error) {
	start := time.Now()
	if err := normalizeQuery(&q); err != nil {
		return nil, err
	}
	f, err := ix.resolveFilters(q)
	if err != nil {
		return nil, err
	}
	parsed := parseQuery(q.Text)
	textQ, err := ix.compile(parsed)
	if err != nil {
		return nil, err
	}

	req := bleve.NewSearchRequestOptions(ix.withFilters(textQ, f, ""), q.Size, (q.Page-1)*q.Size, false)
	req.Fields = []string{fieldMeta}
	req.Highlight = bleve.NewHighlightWithStyle(highlighterName)
	req.Highlight.AddField(fieldTitle)
	req.Highlight.AddField(fieldBody)
	req.SortByCustom(sortOrder(q.Sort))
	// Facets whose own filter is inactive are counted on the main request;
	// the others need a request without their filter.
	var separate []string
	for _, name := range facetNames {
		if f.active(name) {
			separate = append(separate, name)
		} else {
			req.AddFacet(name, facetRequest(name))
		}
	}
	res, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, searchError(err)
	}
	out := &Result{Total: res.Total, Hits: make([]Hit, 0, len(res.Hits)), Facets: map[string][]FacetValue{}}
	if parsed != nil {
		out.Parsed = ix.explain(parsed)
	}
	for _, h := range res.Hits {
		hit, err := toHit(h)
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		out.Hits = append(out.Hits, hit)
	}
	for name, fr := range res.Facets {
		out.Facets[name] = ix.facetValues(name, fr)
	}
	for _, name := range separate {
		freq := bleve.NewSearchRequestOptions(ix.withFilters(textQ, f, name), 0, 0, false)
		freq.AddFacet(name, facetRequest(name))
		fres, err := ix.bi.SearchInContext(ctx, freq)
		if err != nil {
			return nil, searchError(err)
		}
		out.Facets[name] = ix.facetValues(name, fres.Facets[name])
	}
	ix.addSelected(out.Facets, FacetProvince, f.provinces)
	ix.addSelected(out.Facets, FacetCity, f.cities)
	ix.addSelected(out.Facets, FacetSector, f.sectors)
	out.TookMS = math.Round(float64(time.Since(start).Microseconds())/10) / 100
	return out, nil
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
	if (q.Page-1)*q.Size+q.Size > 10000 {
		return Errorf(KindInvalid, "page %d is too deep: at most the first 10000 hits can be paged", q.Page)
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
		f.sectors = appendUnique(f.sectors, key)
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

// sectorKey resolves a sector key, NBS subsector id or sector name.
func (ix *Index) sectorKey(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if sec, ok := ix.ext.Sector(s); ok {
		return sec.Key, true
	}
	for _, sec := range ix.ext.Sectors() {
		if strings.EqualFold(sec.NameEn, s) || sec.NameZh == s {
			return sec.Key, true
		}
	}
	return "", false
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// facetNames are the facets every search computes.
var facetNames = []string{FacetProvince, FacetCity, FacetSector, FacetAmount, FacetDate}

func (f filters) active(facet string) bool {
	switch facet {
	case FacetProvince:
		return len(f.provinces) > 0
	case FacetCity:
		return len(f.cities) > 0
	case FacetSector:
		return len(f.sectors) > 0
	case FacetAmount:
		return f.amountMin != nil || f.amountMax != nil
	case FacetDate:
		return f.dateFrom != nil || f.dateTo != nil
	}
	return false
}

// withFilters combines the text query with every filter except the one of
// facet skip.
func (ix *Index) withFilters(textQ query.Query, f filters, skip string) query.Query {
	var conj []query.Query
	terms := func(field string, values []string) {
		if len(values) == 0 {
			return
		}
		var dis []query.Query
		for _, v := range values {
			tq := bleve.NewTermQuery(v)
			tq.SetField(field)
			dis = append(dis, tq)
		}
		conj = append(conj, bleve.NewDisjunctionQuery(dis...))
	}
	if skip != FacetProvince {
		terms(fieldProvince, f.provinces)
	}
	if skip != FacetCity {
		terms(fieldCity, f.cities)
	}
	if skip != FacetSector {
		terms(fieldSector, f.sectors)
	}
	if f.lang != "" {
		terms(fieldLang, []string{f.lang})
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
		incl := false
		dq := bleve.NewDateRangeInclusiveQuery(*f.indexedAfter, time.Time{}, &incl, nil)
		dq.SetField(fieldIndexed)
		conj = append(conj, dq)
	}
	if len(conj) == 0 {
		return textQ
	}
	bq := bleve.NewBooleanQuery()
	bq.AddMust(textQ)
	bq.AddFilter(bleve.NewConjunctionQuery(conj...))
	return bq
}

func sortOrder(s string) search.SortOrder {
	byID := &search.SortDocID{}
	switch s {
	case "date", "-date":
		return search.SortOrder{&search.SortField{Field: fieldDate, Desc: s == "-date",
			Type: search.SortFieldAsDate, Missing: search.SortFieldMissingLast}, &search.SortScore{Desc: true}, byID}
	case "amount", "-amount":
		return search.SortOrder{&search.SortField{Field: fieldAmount, Desc: s == "-amount",
			Type: search.SortFieldAsNumber, Missing: search.SortFieldMissingLast}, &search.SortScore{Desc: true}, byID}
	}
	return search.SortOrder{&search.SortScore{Desc: true}, byID}
}

func facetRequest(name string) *bleve.FacetRequest {
	switch name {
	case FacetAmount:
		fr := bleve.NewFacetRequest(fieldAmount, len(AmountBuckets))
		for _, b := range AmountBuckets {
			min, max := b.Min, b.Max
			if math.IsInf(max, 1) {
				fr.AddNumericRange(b.Value, &min, nil)
			} else {
				fr.AddNumericRange(b.Value, &min, &max)
			}
		}
		return fr
	case FacetDate:
		return bleve.NewFacetRequest(fieldYear, 50)
	case FacetCity:
		return bleve.NewFacetRequest(fieldCity, 30)
	case FacetSector:
		return bleve.NewFacetRequest(fieldSector, 30)
	}
	return bleve.NewFacetRequest(fieldProvince, 40)
}

func (ix *Index) facetValues(name string, fr *search.FacetResult) []FacetValue {
	out := []FacetValue{}
	if fr == nil {
		return out
	}
	switch name {
	case FacetAmount:
		counts := map[string]int{}
		for _, r := range fr.NumericRanges {
			counts[r.Name] = r.Count
		}
		for _, b := range AmountBuckets {
			min, max := b.Min, b.Max
			v := FacetValue{Value: b.Value, LabelZh: b.LabelZh, LabelEn: b.LabelEn, Min: &min, Count: counts[b.Value]}
			if !math.IsInf(max, 1) {
				v.Max = &max
			}
			out = append(out, v)
		}
		return out
	}
	if fr.Terms == nil {
		return out
	}
	for _, t := range fr.Terms.Terms() {
		v := FacetValue{Value: t.Term, Count: t.Count}
		switch name {
		case FacetProvince, FacetCity:
			if p, ok := ix.gaz.Place(t.Term); ok {
				v.NameZh, v.NameEn = p.NameZh, p.NameEn
			}
		case FacetSector:
			if s, ok := ix.ext.Sector(t.Term); ok {
				v.NameZh, v.NameEn = s.NameZh, s.NameEn
			}
		}
		out = append(out, v)
	}
	if name == FacetDate {
		sort.Slice(out, func(i, j int) bool { return out[i].Value < out[j].Value })
	}
	return out
}

// addSelected makes sure every selected filter value is listed in its facet,
// with its names and a zero count when nothing matches, so a client can
// always show and remove it.
func (ix *Index) addSelected(facets map[string][]FacetValue, name string, selected []string) {
	for _, v := range selected {
		found := false
		for _, fv := range facets[name] {
			found = found || fv.Value == v
		}
		if found {
			continue
		}
		fv := FacetValue{Value: v}
		if name == FacetSector {
			if s, ok := ix.ext.Sector(v); ok {
				fv.NameZh, fv.NameEn = s.NameZh, s.NameEn
			}
		} else if p, ok := ix.gaz.Place(v); ok {
			fv.NameZh, fv.NameEn = p.NameZh, p.NameEn
		}
		facets[name] = append(facets[name], fv)
	}
}

func toHit(h *search.DocumentMatch) (Hit, error) {
	d, err := decodeMeta(h.Fields)
	if err != nil {
		return Hit{}, fmt.Errorf("hit %s: %w", h.ID, err)
	}
	hit := Hit{ID: h.ID, Title: d.Title, URL: d.URL, Source: d.Source, Date: d.Date, Lang: d.Lang,
		Score: math.Round(h.Score*1000) / 1000, Provinces: d.Provinces, Cities: d.Cities, Sectors: d.Sectors,
		AmountCNY: d.AmountCNY, Highlights: map[string][]string{}}
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
		if strings.ContainsAny(key[:1], "0123456789") {
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
