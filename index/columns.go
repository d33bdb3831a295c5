package index

import (
	"context"
	"fmt"
	"math"
	"math/bits"
	"sort"
	"time"

	"github.com/blevesearch/bleve/v2/numeric"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// Facet columns.
//
// bleve counts facets by decoding doc values (compressed chunks of
// prefix-coded terms) for every hit, and multi-select facets need one such
// search per active filter. Instead, columns hold every document's facet
// values in memory, by the document's number in one index snapshot: the
// ordinals of its provinces, cities, sectors, subsectors, source and
// language, its amount and date, and the rank of its id. One pass over the
// hits of the text query then counts every facet, each without its own
// filter, applies the filters and keeps the page of hits (see fastsearch.go).
//
// Document numbers change when bleve merges segments, so columns belong to
// one snapshot: Search uses them only when bleve searches that very
// snapshot, and rebuilds them in the background when the index has
// changed, searching the slower way meanwhile.

// termColumns are the keyword facets held in columns, by column index.
var termColumns = []string{FacetProvince, FacetCity, FacetSector, FacetSubsector, FacetSource, FacetLang}

// termColumn holds the values of one keyword field for every document.
// Most documents have one value, of a column with few values, so ord holds
// it directly in two bytes: doc d has the one ordinal ord[d] when that is
// below excOrd and no value when it is noOrd; when it is excOrd, d has
// several values, or one whose ordinal does not fit, and they are
// exc.of(d).
type termColumn struct {
	field  string
	values []string          // ordinal → term
	ords   map[string]uint32 // term → ordinal
	ord    []uint16          // by document
	exc    docLists
}

// Marks in termColumn.ord.
const (
	excOrd = math.MaxUint16 - 1 // see termColumn.exc
	noOrd  = math.MaxUint16     // no value
)

// set records the ordinals of document d, which has none yet. Documents
// are set in increasing order.
func (tc *termColumn) set(d uint32, ords []uint32) {
	switch {
	case len(ords) == 0:
	case len(ords) == 1 && ords[0] < excOrd:
		tc.ord[d] = uint16(ords[0])
	default:
		tc.ord[d] = excOrd
		tc.exc.add(d, ords)
	}
}

// docLists gives some documents a list of ordinals each: the k-th such
// document, by document number, has ords[start[k]:start[k+1]]. A bit per
// document says which have one, and the count of lists before each word of
// bits finds a document's list in constant time.
type docLists struct {
	bits  []uint64 // by document: bit d%64 of word d/64
	rank  []uint32 // by word of bits: the lists of the documents before it
	ords  []uint32
	start []uint32
}

// add gives document d the list ords; d is above every document given one
// before.
func (l *docLists) add(d uint32, ords []uint32) {
	w := int(d / 64)
	for len(l.bits) <= w {
		l.bits = append(l.bits, 0)
		l.rank = append(l.rank, uint32(max(len(l.start)-1, 0)))
	}
	l.bits[w] |= 1 << (d % 64)
	if len(l.start) == 0 {
		l.start = []uint32{0}
	}
	l.ords = append(l.ords, ords...)
	l.start = append(l.start, uint32(len(l.ords)))
}

// of returns the list of document d, which has one.
func (l *docLists) of(d uint32) []uint32 {
	w := d / 64
	k := l.rank[w] + uint32(bits.OnesCount64(l.bits[w]&(1<<(d%64)-1)))
	return l.ords[l.start[k]:l.start[k+1]]
}

// noDate marks a document without a date in colSet.date.
const noDate = math.MinInt64

// colSet is the columns of one snapshot.
type colSet struct {
	// snap is the snapshot the columns were built from. It is only compared
	// with the snapshot bleve searches; its reference was released.
	snap   bleveindex.IndexReader
	n      int // documents are numbered 0..n-1 (deleted ones included)
	terms  []termColumn
	amount []float64 // yuan; NaN when the report has none
	bucket []int8    // index in AmountBuckets; -1 when no amount
	date   []int64   // Unix nanoseconds; noDate when unknown
	day    []uint32  // Unix day - dayLo; numDays() when no date (see indexDays)
	rank   []uint32  // position of the id in ids
	rep    []bool    // stands for its cluster of duplicates (cluster.go)
	passes passCache // recent passes of text queries (passcache.go)
	ids    []string  // every id, sorted
	dayLo  int64     // the first and last day with documents, in Unix days;
	dayHi  int64     // dayLo > dayHi when no document has a date
}

// hasDays reports whether any document has a date.
func (c *colSet) hasDays() bool { return c.dayLo <= c.dayHi }

// numDays returns the number of days from dayLo to dayHi, both included.
func (c *colSet) numDays() int {
	if !c.hasDays() {
		return 0
	}
	return int(c.dayHi - c.dayLo + 1)
}

// indexDays fills the day column from the dates, once every document is
// in: a day's count can then be found without a division.
func (c *colSet) indexDays() {
	c.day = make([]uint32, c.n)
	none := uint32(c.numDays())
	for d, t := range c.date {
		c.day[d] = none
		if t != noDate {
			c.day[d] = uint32(unixDay(t) - c.dayLo)
		}
	}
}

// buildColumns reads the columns of snapshot r.
func buildColumns(r bleveindex.IndexReader) (*colSet, error) {
	c := &colSet{snap: r, terms: make([]termColumn, len(termColumns)), dayLo: math.MaxInt64, dayHi: math.MinInt64}
	fields := make([]string, 0, len(termColumns)+2)
	byField := map[string]int{}
	for i, name := range termColumns {
		tf := termFacets[name]
		c.terms[i] = termColumn{field: tf.field, ords: map[string]uint32{}}
		byField[tf.field] = i
		fields = append(fields, tf.field)
	}
	fields = append(fields, fieldAmount, fieldDate)
	dvr, err := r.DocValueReader(fields)
	if err != nil {
		return nil, fmt.Errorf("build facet columns: %w", err)
	}
	all, err := r.DocIDReaderAll()
	if err != nil {
		return nil, fmt.Errorf("build facet columns: %w", err)
	}
	defer all.Close()
	type idDoc struct {
		id  string
		doc uint32
	}
	var ids []idDoc
	cur := make([][]uint32, len(c.terms)) // the ordinals of one document
	for {
		iid, err := all.Next()
		if err != nil {
			return nil, fmt.Errorf("build facet columns: %w", err)
		}
		if iid == nil {
			break
		}
		d := iid.Value()
		if d >= math.MaxUint32 {
			return nil, fmt.Errorf("build facet columns: document number %d out of range", d)
		}
		c.grow(int(d) + 1)
		amount, date := math.NaN(), int64(noDate)
		for i := range cur {
			cur[i] = cur[i][:0]
		}
		err = dvr.VisitDocValues(iid, func(field string, term []byte) {
			switch field {
			case fieldAmount, fieldDate:
				pc := numeric.PrefixCoded(term)
				if shift, err := pc.Shift(); err != nil || shift != 0 {
					return
				}
				v, err := pc.Int64()
				if err != nil {
					return
				}
				if field == fieldAmount {
					amount = numeric.Int64ToFloat64(v)
				} else {
					date = v
				}
			default:
				i, ok := byField[field]
				if !ok {
					return
				}
				tc := &c.terms[i]
				o, ok := tc.ords[string(term)]
				if !ok {
					o = uint32(len(tc.values))
					tc.values = append(tc.values, string(term))
					tc.ords[tc.values[o]] = o
				}
				cur[i] = append(cur[i], o)
			}
		})
		if err != nil {
			return nil, fmt.Errorf("build facet columns: %w", err)
		}
		for i := range c.terms {
			c.terms[i].set(uint32(d), cur[i])
		}
		c.amount[d], c.bucket[d] = amount, amountBucket(amount)
		c.date[d] = date
		if date != noDate {
			day := unixDay(date)
			c.dayLo, c.dayHi = min(c.dayLo, day), max(c.dayHi, day)
		}
		id, err := r.ExternalID(iid)
		if err != nil {
			return nil, fmt.Errorf("build facet columns: %w", err)
		}
		ids = append(ids, idDoc{id, uint32(d)})
	}
	c.indexDays()
	if err := c.readReps(r); err != nil {
		return nil, fmt.Errorf("build facet columns: %w", err)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i].id < ids[j].id })
	c.ids = make([]string, len(ids))
	for i, x := range ids {
		c.ids[i] = x.id
		c.rank[x.doc] = uint32(i)
	}
	return c, nil
}

// grow extends the columns to n documents; documents skipped over (deleted)
// have no values.
func (c *colSet) grow(n int) {
	for c.n < n {
		for i := range c.terms {
			c.terms[i].ord = append(c.terms[i].ord, noOrd)
		}
		c.amount = append(c.amount, math.NaN())
		c.bucket = append(c.bucket, -1)
		c.date = append(c.date, noDate)
		c.rank = append(c.rank, math.MaxUint32)
		c.rep = append(c.rep, false)
		c.n++
	}
}

// readReps marks the documents that stand for their cluster: those with
// the term "1" in fieldRep.
func (c *colSet) readReps(r bleveindex.IndexReader) error {
	tfr, err := r.TermFieldReader(context.Background(), []byte("1"), fieldRep, false, false, false)
	if err != nil {
		return err
	}
	defer tfr.Close()
	var tfd bleveindex.TermFieldDoc
	for {
		d, err := tfr.Next(&tfd)
		if err != nil {
			return err
		}
		if d == nil {
			return nil
		}
		if n := d.ID.Value(); n < uint64(c.n) {
			c.rep[n] = true
		}
	}
}

// amountBucket returns the index in AmountBuckets of an amount, -1 for
// none.
func amountBucket(v float64) int8 {
	if math.IsNaN(v) {
		return -1
	}
	for i, b := range AmountBuckets {
		if v >= b.Min && v < b.Max {
			return int8(i)
		}
	}
	return -1
}

// unixDay returns the day of a Unix time in nanoseconds, counted from
// 1970-01-01 (negative before).
func unixDay(ns int64) int64 {
	const day = int64(24 * time.Hour)
	if ns < 0 {
		return (ns - day + 1) / day
	}
	return ns / day
}

// dayTime returns midnight UTC of a Unix day.
func dayTime(day int64) time.Time { return time.Unix(day*86400, 0).UTC() }

// idPos returns where id sorts among the ids of the columns, doubled: an id
// at rank r is 2r+1, an id that is not there (deleted) is 2r for the rank r
// it would take. Documents compare to it by 2·rank+1.
func (c *colSet) idPos(id string) uint64 {
	r := sort.SearchStrings(c.ids, id)
	if r < len(c.ids) && c.ids[r] == id {
		return 2*uint64(r) + 1
	}
	return 2 * uint64(r)
}
