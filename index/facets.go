package index

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
)

// Facet names, as they appear in Result.Facets.
const (
	FacetProvince  = "province"
	FacetCity      = "city"
	FacetSector    = "sector"
	FacetSubsector = "subsector"
	FacetAmount    = "amount"
	FacetDate      = "date"
	FacetLang      = "lang"
	FacetSource    = "source"
)

// FacetNames are the facets every search computes, in display order.
var FacetNames = []string{FacetProvince, FacetCity, FacetSector, FacetSubsector, FacetSource,
	FacetLang, FacetAmount, FacetDate}

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

// termFacet is a facet that counts the values of a keyword field.
type termFacet struct {
	field string
	size  int // values listed, most frequent first
}

// termFacets are the facets over keyword fields.
var termFacets = map[string]termFacet{
	FacetProvince:  {fieldProvince, 40},
	FacetCity:      {fieldCity, 40},
	FacetSector:    {fieldSector, 30},
	FacetSubsector: {fieldSubsector, 40},
	FacetSource:    {fieldSource, 30},
	FacetLang:      {fieldLang, 10},
}

// Date histogram intervals: the date facet's values are years ("2023"),
// months ("2023-04") or ISO weeks ("2023-W14"), all sortable as strings.
const (
	IntervalYear  = "year"
	IntervalMonth = "month"
	IntervalWeek  = "week"
)

// dateBucket is one bar of the date histogram: [from, to).
type dateBucket struct {
	value    string
	from, to time.Time
}

// datePlan says how the date facet is counted: by the year keyword field,
// or by date ranges for months and weeks. lo and hi bound the buckets shown
// (both zero: every year with hits).
type datePlan struct {
	interval string
	buckets  []dateBucket // months or weeks
	lo, hi   time.Time
}

// intervalFor picks the histogram interval that fits a span of dates: years
// beyond two years, weeks up to about a quarter, months in between.
func intervalFor(lo, hi time.Time) string {
	days := hi.Sub(lo).Hours() / 24
	switch {
	case days > 2*366:
		return IntervalYear
	case days > 92:
		return IntervalMonth
	}
	return IntervalWeek
}

// newDatePlan returns the plan for the date range [lo, hi] (days,
// inclusive).
func newDatePlan(lo, hi time.Time) datePlan {
	p := datePlan{interval: intervalFor(lo, hi), lo: lo, hi: hi}
	switch p.interval {
	case IntervalMonth:
		p.buckets = monthBuckets(lo, hi)
	case IntervalWeek:
		p.buckets = weekBuckets(lo, hi)
	}
	return p
}

// monthBuckets returns the calendar months that overlap [lo, hi].
func monthBuckets(lo, hi time.Time) []dateBucket {
	var out []dateBucket
	for t := time.Date(lo.Year(), lo.Month(), 1, 0, 0, 0, 0, time.UTC); !t.After(hi); t = t.AddDate(0, 1, 0) {
		out = append(out, dateBucket{value: t.Format("2006-01"), from: t, to: t.AddDate(0, 1, 0)})
	}
	return out
}

// weekBuckets returns the ISO weeks (Monday to Sunday) that overlap
// [lo, hi].
func weekBuckets(lo, hi time.Time) []dateBucket {
	var out []dateBucket
	start := time.Date(lo.Year(), lo.Month(), lo.Day(), 0, 0, 0, 0, time.UTC)
	start = start.AddDate(0, 0, -((int(start.Weekday()) + 6) % 7)) // back to Monday
	for t := start; !t.After(hi); t = t.AddDate(0, 0, 7) {
		out = append(out, dateBucket{value: WeekValue(t), from: t, to: t.AddDate(0, 0, 7)})
	}
	return out
}

// WeekValue returns the date facet value of the ISO week holding t, such as
// "2023-W14".
func WeekValue(t time.Time) string {
	y, w := t.ISOWeek()
	return fmt.Sprintf("%d-W%02d", y, w)
}

// DateValueRange returns the first and last day of a date facet value: a
// year (2023), a month (2023-04), an ISO week (2023-W14) or a day.
func DateValueRange(value string) (from, to time.Time, ok bool) {
	if y, w, found := strings.Cut(value, "-W"); found && len(y) == 4 && len(w) == 2 {
		var year, week int
		if _, err := fmt.Sscanf(value, "%4d-W%2d", &year, &week); err != nil || week < 1 || week > 53 {
			return from, to, false
		}
		// ISO week 1 holds January 4th.
		jan4 := time.Date(year, 1, 4, 0, 0, 0, 0, time.UTC)
		monday := jan4.AddDate(0, 0, -((int(jan4.Weekday())+6)%7)+7*(week-1))
		if y2, w2 := monday.ISOWeek(); y2 != year || w2 != week {
			return from, to, false // week 53 of a year with 52
		}
		return monday, monday.AddDate(0, 0, 6), true
	}
	for _, layout := range []string{"2006", "2006-01", time.DateOnly} {
		t, err := time.Parse(layout, value)
		if err != nil || len(value) != len(layout) {
			continue
		}
		switch layout {
		case "2006":
			return t, t.AddDate(1, 0, -1), true
		case "2006-01":
			return t, t.AddDate(0, 1, -1), true
		}
		return t, t, true
	}
	return from, to, false
}

// request returns the bleve facet request of the plan.
func (p datePlan) request() *bleve.FacetRequest {
	if p.interval == IntervalYear {
		return bleve.NewFacetRequest(fieldYear, 100)
	}
	fr := bleve.NewFacetRequest(fieldDate, len(p.buckets))
	for _, b := range p.buckets {
		fr.AddDateTimeRange(b.value, b.from, b.to)
	}
	return fr
}

// values turns a facet result into histogram buckets in time order. Years
// with no hits between the first and the last are listed with zero counts;
// so are all months and weeks of the plan.
func (p datePlan) values(fr *search.FacetResult) []FacetValue {
	out := []FacetValue{}
	if p.interval != IntervalYear {
		counts := map[string]int{}
		if fr != nil {
			for _, r := range fr.DateRanges {
				counts[r.Name] = r.Count
			}
		}
		for _, b := range p.buckets {
			out = append(out, FacetValue{Value: b.value, Count: counts[b.value]})
		}
		return out
	}
	counts := map[int]int{}
	first, last := math.MaxInt, math.MinInt
	if fr != nil && fr.Terms != nil {
		for _, t := range fr.Terms.Terms() {
			var y int
			if _, err := fmt.Sscanf(t.Term, "%d", &y); err != nil || t.Count == 0 {
				continue
			}
			if !p.lo.IsZero() && (y < p.lo.Year() || y > p.hi.Year()) {
				continue
			}
			counts[y] = t.Count
			first, last = min(first, y), max(last, y)
		}
	}
	if !p.lo.IsZero() {
		first, last = p.lo.Year(), p.hi.Year()
	}
	for y := first; y <= last && last-first < 200; y++ {
		out = append(out, FacetValue{Value: fmt.Sprintf("%04d", y), Count: counts[y]})
	}
	return out
}

// nonEmpty counts the buckets with hits.
func nonEmpty(vs []FacetValue) (n int, only FacetValue) {
	for _, v := range vs {
		if v.Count > 0 {
			n++
			only = v
		}
	}
	return n, only
}

// facetRequest returns the bleve request of a facet other than date. When
// exactly one province is selected, the city facet lists only its cities.
func facetRequest(name string, f filters) *bleve.FacetRequest {
	if name == FacetAmount {
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
	}
	tf := termFacets[name]
	fr := bleve.NewFacetRequest(tf.field, tf.size)
	if name == FacetCity && len(f.provinces) == 1 && len(f.provinces[0]) == 6 {
		fr.SetPrefixFilter(f.provinces[0][:2])
	}
	return fr
}

// facetValues names the values of a facet other than date.
func (ix *Index) facetValues(name string, fr *search.FacetResult) []FacetValue {
	out := []FacetValue{}
	if name == FacetAmount {
		counts := map[string]int{}
		if fr != nil {
			for _, r := range fr.NumericRanges {
				counts[r.Name] = r.Count
			}
		}
		return amountValues(func(i int) int { return counts[AmountBuckets[i].Value] })
	}
	if fr == nil || fr.Terms == nil {
		return out
	}
	for _, t := range fr.Terms.Terms() {
		out = append(out, ix.namedValue(name, t.Term, t.Count))
	}
	// Most frequent first, ties by value, so the order is deterministic.
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Value < out[j].Value
	})
	if tf, ok := termFacets[name]; ok && len(out) > tf.size {
		out = out[:tf.size] // shards were asked for every term
	}
	return out
}

// amountValues returns the amount facet: every bucket of AmountBuckets,
// with count(i) the count of bucket i.
func amountValues(count func(i int) int) []FacetValue {
	out := make([]FacetValue, 0, len(AmountBuckets))
	for i, b := range AmountBuckets {
		min, max := b.Min, b.Max
		v := FacetValue{Value: b.Value, LabelZh: b.LabelZh, LabelEn: b.LabelEn, Min: &min, Count: count(i)}
		if !math.IsInf(max, 1) {
			v.Max = &max
		}
		out = append(out, v)
	}
	return out
}

// namedValue returns a facet value with the names of the place or sector it
// stands for.
func (ix *Index) namedValue(name, value string, count int) FacetValue {
	v := FacetValue{Value: value, Count: count}
	switch name {
	case FacetProvince, FacetCity:
		if p, ok := ix.gaz.Place(value); ok {
			v.NameZh, v.NameEn = p.NameZh, p.NameEn
		}
	case FacetSector, FacetSubsector:
		if s, ok := ix.ext.Sector(value); ok {
			v.NameZh, v.NameEn = s.NameZh, s.NameEn
		}
	}
	return v
}

// addAllSelected lists every selected filter value of f in its facet; both
// search paths end with it.
func (ix *Index) addAllSelected(facets map[string][]FacetValue, f filters) {
	for _, name := range termColumns {
		ix.addSelected(facets, name, f.values(name))
	}
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
		if !found {
			facets[name] = append(facets[name], ix.namedValue(name, v, 0))
		}
	}
}
