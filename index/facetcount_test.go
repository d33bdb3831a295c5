package index

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"
)

// refCounts is what a column search computes, as refSearch computes it.
type refCounts struct {
	counts  [][]uint32
	buckets []int
	days    []uint32
	total   uint64
	page    []colHit // in order
}

// refSearch runs hits with scores through a plain reading of the column
// search on docs, whose columns are c: a hit of a cluster representative
// that fails no filter counts in every facet and may be on the page, one
// that fails exactly one filter counts in that filter's facet only, the
// others count nowhere. It counts hit by hit from the documents' values,
// as colSearch.add did before it left the counting to finish.
func refSearch(docs []synthDoc, c *colSet, f filters, sortName string, k int, after *colHit, hits []uint32, scores []float64) refCounts {
	r := refCounts{counts: make([][]uint32, len(termColumns)), buckets: make([]int, len(AmountBuckets))}
	for i := range c.terms {
		r.counts[i] = make([]uint32, len(c.terms[i].values))
	}
	if c.hasDays() {
		r.days = make([]uint32, c.dayHi-c.dayLo+1)
	}
	sel := make([]map[uint32]bool, len(termColumns)) // nil: no filter
	for i, name := range termColumns {
		if vals := f.values(name); len(vals) > 0 {
			sel[i] = map[uint32]bool{}
			for _, v := range vals {
				if o, ok := c.terms[i].ords[v]; ok {
					sel[i][o] = true
				}
			}
		}
	}
	count := func(bit int, sd *synthDoc) {
		switch bit {
		case bitAmount:
			if b := amountBucket(sd.amount); b >= 0 {
				r.buckets[b]++
			}
		case bitDate:
			if sd.date != noDate {
				r.days[unixDay(sd.date)-c.dayLo]++
			}
		default:
			for _, o := range sd.ords[bit] {
				r.counts[bit][o]++
			}
		}
	}
	s := newColSearch(c, filters{}, sortName, 0) // for its order only
	var page []colHit
	for i, d := range hits {
		sd := &docs[d]
		if !sd.rep {
			continue
		}
		var failed []int
		for bit, m := range sel {
			if m != nil && !slices.ContainsFunc(sd.ords[bit], func(o uint32) bool { return m[o] }) {
				failed = append(failed, bit)
			}
		}
		if f.amountMin != nil && !(sd.amount >= *f.amountMin) || f.amountMax != nil && !(sd.amount < *f.amountMax) ||
			(f.amountMin != nil || f.amountMax != nil) && math.IsNaN(sd.amount) {
			failed = append(failed, bitAmount)
		}
		if f.dateFrom != nil && (sd.date == noDate || sd.date < f.dateFrom.UnixNano()) ||
			f.dateTo != nil && (sd.date == noDate || sd.date >= f.dateTo.AddDate(0, 0, 1).UnixNano()) {
			failed = append(failed, bitDate)
		}
		switch len(failed) {
		case 0:
			for bit := range numFacetBits {
				count(bit, sd)
			}
			r.total++
			h := colHit{doc: d, pos: 2*uint64(c.rank[d]) + 1, score: scores[i]}
			switch s.sortBy {
			case byDateAsc, byDateDesc:
				h.ival, h.has = sd.date, sd.date != noDate
			case byAmountAsc, byAmountDesc:
				h.fval, h.has = sd.amount, !math.IsNaN(sd.amount)
			}
			if after == nil || s.before(after, &h) {
				page = append(page, h)
			}
		case 1:
			count(failed[0], sd)
		}
	}
	r.page = sortHits(s, page)
	r.page = r.page[:min(len(r.page), k)]
	return r
}

// sortHits sorts hits in the order of s, their sort values zeroed when
// missing (a missing amount is NaN, which equals nothing).
func sortHits(s *colSearch, hits []colHit) []colHit {
	hits = slices.Clone(hits)
	for i := range hits {
		if !hits[i].has {
			hits[i].ival, hits[i].fval = 0, 0
		}
	}
	slices.SortFunc(hits, func(a, b colHit) int {
		if s.before(&a, &b) {
			return -1
		}
		return 1
	})
	if hits == nil {
		hits = []colHit{}
	}
	return hits
}

// randomFilters returns filters on random values of c (now and then one it
// does not have), amounts and dates, each set now and then and selecting
// up to half the values, so that hits pass all, fail one and fail several.
func randomFilters(rng *rand.Rand, c *colSet) filters {
	pick := func(i int) []string {
		if rng.IntN(4) > 0 {
			return nil
		}
		var vs []string
		tc := &c.terms[i]
		for range 1 + rng.IntN(max(len(tc.values)/2, 1)) {
			v := "no-such-value"
			if rng.IntN(8) > 0 {
				v = tc.values[rng.IntN(len(tc.values))]
				if rng.IntN(4) == 0 && len(tc.values) > excOrd {
					v = tc.values[excOrd+rng.IntN(len(tc.values)-excOrd)] // past 16 bits
				}
			}
			vs = append(vs, v)
		}
		return vs
	}
	f := filters{provinces: pick(0), cities: pick(1), sectors: pick(2), subsectors: pick(3), sources: pick(4)}
	if l := pick(5); l != nil {
		f.lang = l[0]
	}
	amount := func() *float64 {
		if rng.IntN(2) == 0 {
			return nil
		}
		v := math.Pow(10, 5+8*rng.Float64())
		if rng.IntN(4) == 0 {
			v = AmountBuckets[rng.IntN(len(AmountBuckets))].Min // a bucket's edge
		}
		return &v
	}
	if rng.IntN(3) == 0 {
		f.amountMin, f.amountMax = amount(), amount()
	}
	day := func() *time.Time {
		if rng.IntN(2) == 0 {
			return nil
		}
		t := time.Date(2018+rng.IntN(10), time.Month(1+rng.IntN(12)), 1+rng.IntN(28), 0, 0, 0, 0, time.UTC)
		return &t
	}
	if rng.IntN(3) == 0 {
		f.dateFrom, f.dateTo = day(), day()
	}
	return f
}

// TestColSearchCounts checks that a column search counts its facets,
// totals its hits and keeps its page as refSearch does, for random
// documents, hits, filters, sorts, page sizes and cursors, whether the hits
// come from a pass or from a replay of a cached one.
func TestColSearchCounts(t *testing.T) {
	defer func(m int) { countParallelMin = m }(countParallelMin)
	countParallelMin = 1
	for seed := range uint64(24) {
		rng := rand.New(rand.NewPCG(seed, 99))
		n := 200 + rng.IntN(3000)
		docs := synthDocs(n, seed)
		sizes := slices.Clone(synthSizes)
		if seed%4 == 3 {
			sizes[4] = excOrd + 300 // sources past 16 bits: exceptions
		}
		noDates := seed%6 == 5
		for d := range docs {
			sd := &docs[d]
			for i := range sd.ords {
				if rng.IntN(20) == 0 {
					sd.ords[i] = nil // no value
				}
				if i == 4 && sizes[4] > excOrd && rng.IntN(3) == 0 {
					sd.ords[i] = []uint32{uint32(excOrd + rng.IntN(sizes[4]-excOrd))}
				}
			}
			switch {
			case noDates || rng.IntN(10) == 0:
				sd.date = noDate
			case rng.IntN(20) == 0:
				sd.amount = -float64(rng.IntN(5)) // outside every bucket
			}
		}
		c := columnsOf(docs, sizes)
		for trial := range 40 {
			f := randomFilters(rng, c)
			sortName := []string{"", "date", "-date", "amount", "-amount"}[rng.IntN(5)]
			k := []int{0, 1, 10, 100, n}[rng.IntN(5)]
			var hits []uint32
			var scores []float64
			density := rng.Float64()
			for d := range uint32(n) {
				if rng.Float64() < density {
					hits = append(hits, d)
					scores = append(scores, float64(rng.IntN(20))/4) // many ties
				}
			}
			var after *colHit
			if rng.IntN(3) == 0 {
				all := refSearch(docs, c, f, sortName, n, nil, hits, scores)
				if len(all.page) > 0 {
					after = &all.page[rng.IntN(len(all.page))]
				} else {
					after = &colHit{pos: uint64(2 * rng.IntN(n)), score: 2}
				}
			}
			want := refSearch(docs, c, f, sortName, k, after, hits, scores)
			name := fmt.Sprintf("seed %d trial %d (%s, sort %q, k %d, after %v)", seed, trial, describeFilters(f), sortName, k, after != nil)

			rec := &passHits{}
			s := newColSearch(c, f, sortName, k)
			s.after = after
			for i, d := range hits {
				s.add(d, scores[i])
				if c.rep[d] {
					rec.add(d, scores[i], true)
				}
			}
			s.finish()
			s.finish() // counts once
			checkCounts(t, name+" pass", s, want)

			r := newColSearch(c, f, sortName, k)
			r.after = after
			r.workers = 2 // counted by two goroutines (countParallelMin is 1 here)
			rec.replay(r)
			r.finish()
			checkCounts(t, name+" replay", r, want)
		}
	}
}

// checkCounts fails t when the counts, total or page of s are not those of
// want.
func checkCounts(t *testing.T, name string, s *colSearch, want refCounts) {
	t.Helper()
	got := refCounts{counts: s.counts, buckets: s.buckets, days: s.days, total: s.total, page: sortHits(s, s.heap)}
	if !reflect.DeepEqual(got, want) {
		for _, d := range []struct {
			what      string
			got, want any
		}{
			{"counts", got.counts, want.counts}, {"buckets", got.buckets, want.buckets},
			{"days", got.days, want.days}, {"total", got.total, want.total}, {"page", got.page, want.page},
		} {
			if !reflect.DeepEqual(d.got, d.want) {
				t.Fatalf("%s: %s differ:\ngot  %v\nwant %v", name, d.what, d.got, d.want)
			}
		}
	}
}

// TestTermColumnValues checks that a term column gives back the values it
// was given: none, one, one past 16 bits, and several.
func TestTermColumnValues(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	var want [][]uint32
	tc := termColumn{}
	for range 5000 {
		var ords []uint32
		for range []int{0, 1, 1, 1, 2, 3}[rng.IntN(6)] {
			o := uint32(rng.IntN(100))
			if rng.IntN(10) == 0 {
				o = excOrd - 1 + uint32(rng.IntN(4)) // around the marks
			}
			ords = append(ords, o)
		}
		if rng.IntN(50) == 0 {
			for range 200 { // deleted documents
				tc.ord = append(tc.ord, noOrd)
				want = append(want, nil)
			}
		}
		d := uint32(len(want))
		tc.ord = append(tc.ord, noOrd)
		tc.set(d, ords)
		want = append(want, ords)
	}
	for d, w := range want {
		var got []uint32
		switch o := tc.ord[d]; {
		case o < excOrd:
			got = []uint32{uint32(o)}
		case o == excOrd:
			got = tc.exc.of(uint32(d))
		}
		if !slices.Equal(got, w) {
			t.Fatalf("document %d: got %v, want %v", d, got, w)
		}
	}
}

// describeFilters returns the filters of f that are set, for a test's
// message.
func describeFilters(f filters) string {
	s := "filters"
	for _, name := range termColumns {
		if vs := f.values(name); vs != nil {
			s += fmt.Sprintf(" %s=%q", name, vs)
		}
	}
	for _, a := range []struct {
		name string
		v    *float64
	}{{"amount>=", f.amountMin}, {"amount<", f.amountMax}} {
		if a.v != nil {
			s += fmt.Sprintf(" %s%g", a.name, *a.v)
		}
	}
	for _, d := range []struct {
		name string
		t    *time.Time
	}{{"from", f.dateFrom}, {"to", f.dateTo}} {
		if d.t != nil {
			s += " " + d.name + "=" + d.t.Format(time.DateOnly)
		}
	}
	return s
}
