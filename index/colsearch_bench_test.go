package index

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// synthDoc is one synthetic document of synthColumns, as plain values.
type synthDoc struct {
	ords   [][]uint32 // by term column
	amount float64    // NaN for none
	date   int64
	rep    bool
}

// synthSizes are the numbers of values of synthColumns' term columns.
var synthSizes = []int{34, 340, 20, 96, 400, 2}

// synthDocs makes n synthetic documents: one value per column for most
// documents, two provinces and cities for one in ten, one in five without
// an amount, four in five cluster representatives.
func synthDocs(n int, seed uint64) []synthDoc {
	rng := rand.New(rand.NewPCG(seed, 1))
	base := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano()
	docs := make([]synthDoc, n)
	for d := range docs {
		sd := &docs[d]
		sd.ords = make([][]uint32, len(synthSizes))
		for i, size := range synthSizes {
			k := 1
			if i < 2 && rng.IntN(10) == 0 {
				k = 2
			}
			for range k {
				sd.ords[i] = append(sd.ords[i], uint32(rng.IntN(size)))
			}
		}
		sd.amount = math.NaN()
		if rng.IntN(5) > 0 {
			sd.amount = math.Pow(10, 6+6*rng.Float64())
		}
		sd.date = base + rng.Int64N(int64(8*365*24*time.Hour))
		sd.rep = rng.IntN(5) > 0
	}
	return docs
}

// columnsOf builds the columns of docs the way buildColumns lays them out,
// column i having sizes[i] values.
func columnsOf(docs []synthDoc, sizes []int) *colSet {
	c := &colSet{terms: make([]termColumn, len(termColumns)), dayLo: math.MaxInt64, dayHi: math.MinInt64}
	for i, name := range termColumns {
		tc := termColumn{field: termFacets[name].field, ords: map[string]uint32{}}
		for o := range sizes[i] {
			v := name + "-" + string(rune('a'+o%26)) + string(rune('a'+o/26))
			tc.values = append(tc.values, v)
			tc.ords[v] = uint32(o)
		}
		c.terms[i] = tc
	}
	rank := rand.New(rand.NewPCG(uint64(len(docs)), 2)).Perm(len(docs)) // ids sort unlike documents
	for d, sd := range docs {
		c.grow(d + 1)
		for i := range c.terms {
			c.terms[i].set(uint32(d), sd.ords[i])
		}
		c.amount[d], c.bucket[d] = sd.amount, amountBucket(sd.amount)
		c.date[d] = sd.date
		if sd.date != noDate {
			day := unixDay(sd.date)
			c.dayLo, c.dayHi = min(c.dayLo, day), max(c.dayHi, day)
		}
		c.rank[d] = uint32(rank[d])
		c.rep[d] = sd.rep
	}
	c.indexDays()
	return c
}

// synthColumns builds the columns of synthDocs(n, seed).
func synthColumns(n int, seed uint64) *colSet { return columnsOf(synthDocs(n, seed), synthSizes) }

// BenchmarkColSearchAdd measures the work per hit of a column search, the
// counting of its facets included: a third of a million documents hit out
// of a million, unfiltered and with a province and an amount filter,
// sorted by score.
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
				s.finish()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(hits)), "ns/hit")
		})
	}
}
