package index

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// synthColumns builds the columns of n synthetic documents the way
// buildColumns lays them out: one value per column for most documents, two
// provinces and cities for one in ten, one in five without an amount, four
// in five cluster representatives.
func synthColumns(n int, seed uint64) *colSet {
	rng := rand.New(rand.NewPCG(seed, 1))
	sizes := []int{34, 340, 20, 96, 400, 2} // values per term column
	c := &colSet{terms: make([]termColumn, len(termColumns)), dayLo: math.MaxInt64, dayHi: math.MinInt64}
	for i, name := range termColumns {
		tc := termColumn{field: termFacets[name].field, ords: map[string]uint32{}, start: []uint32{0}}
		for o := range sizes[i] {
			v := name + "-" + string(rune('a'+o%26)) + string(rune('a'+o/26))
			tc.values = append(tc.values, v)
			tc.ords[v] = uint32(o)
		}
		c.terms[i] = tc
	}
	base := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano()
	for d := range n {
		c.grow(d + 1)
		for i := range c.terms {
			tc := &c.terms[i]
			k := 1
			if i < 2 && rng.IntN(10) == 0 {
				k = 2
			}
			for range k {
				tc.vals = append(tc.vals, uint32(rng.IntN(sizes[i])))
			}
			tc.start[d+1] = uint32(len(tc.vals))
		}
		if rng.IntN(5) > 0 {
			v := math.Pow(10, 6+6*rng.Float64())
			c.amount[d], c.bucket[d] = v, amountBucket(v)
		}
		t := base + rng.Int64N(int64(8*365*24*time.Hour))
		c.date[d] = t
		day := unixDay(t)
		c.dayLo, c.dayHi = min(c.dayLo, day), max(c.dayHi, day)
		c.rank[d] = uint32(d)
		c.rep[d] = rng.IntN(5) > 0
	}
	return c
}

// BenchmarkColSearchAdd measures the work per hit of a column search: a
// third of a million documents hit out of a million, unfiltered and with a
// province and an amount filter, sorted by score.
func BenchmarkColSearchAdd(b *testing.B) {
	const n = 1 << 20
	c := synthColumns(n, 7)
	rng := rand.New(rand.NewPCG(3, 4))
	var hits []uint32
	for d := range uint32(n) {
		if rng.IntN(3) == 0 {
			hits = append(hits, d)
		}
	}
	lo, hi := 1e8, 1e10
	for _, bc := range []struct {
		name string
		f    filters
	}{
		{"unfiltered", filters{}},
		{"filtered", filters{provinces: []string{c.terms[0].values[3], c.terms[0].values[5]}, amountMin: &lo, amountMax: &hi}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				s := newColSearch(c, bc.f, "", 10)
				for i, d := range hits {
					s.add(d, float64(i%1000))
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(hits)), "ns/hit")
		})
	}
}
