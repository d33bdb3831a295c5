package index

import (
	"context"
	"fmt"
	"math"
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

// termColumn holds the values of one keyword field for every document:
// doc d has the ordinals vals[start[d]:start[d+1]].
type termColumn struct {
	field  string
	values []string          // ordinal → term
	ords   map[string]uint32 // term → ordinal
	start  []uint32
	vals   []uint32
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
	rank   []uint32  // position of the id in ids
	rep    []bool    // stands for its cluster of duplicates (cluster.go)
	passes passCache // recent passes of text queries (passcache.go)
	ids    []string  // every id, sorted
	dayLo  int64     // the first and last day with documents, in Unix days;
	dayHi  int64     // dayLo > dayHi when no document has a date
}

// hasDays reports whether any document has a date.
func (c *colSet) hasDays() bool { return c.dayLo <= c.dayHi }

// buildColumns reads the columns of snapshot r.
func buildColumns(r bleveindex.IndexReader) (*colSet, error) {
	c := &colSet{snap: r, terms: make([]termColumn, len(termColumns)), dayLo: math.MaxInt64, dayHi: math.MinInt64}
	fields := make([]string, 0, len(termColumns)+2)
	byField := map[string]int{}
	for i, name := range termColumns {
		tf := termFacets[name]
		c.terms[i] = termColumn{field: tf.field, ords: map[string]uint32{}, start: []uint32{0}}
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
				tc.vals = append(tc.vals, o)
			}
		})
		if err != nil {
			return nil, fmt.Errorf("build facet columns: %w", err)
		}
		for i := range c.terms {
			c.terms[i].start[d+1] = uint32(len(c.terms[i].vals))
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
			tc := &c.terms[i]
			tc.start = append(tc.start, uint32(len(tc.vals)))
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
