package extract

import (
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/investnews/regionsearch/analyzers/gazetteer"
)

// Evidence ties an extracted value to the text that produced it.
type Evidence struct {
	Field string `json:"field"`           // provinces, cities, counties, investor_provinces, sectors, amounts, amount_cny, date, lang
	Value string `json:"value"`           // the value it supports (a code, a key, a figure)
	Text  string `json:"text"`            // the words of the report
	Start int    `json:"start"`           // byte offset in the body (or the title when Title is set)
	End   int    `json:"end"`             // byte offset, exclusive
	Note  string `json:"note,omitempty"`  // why: "project site: 落户", "investor home: -based", "event total: 25 projects"
	Title bool   `json:"title,omitempty"` // the span is in the title, not the body
}

// Result is everything extracted from one report.
type Result struct {
	Lang string    // "zh" or "en"
	Date time.Time // publication date found in the text, zero if none

	// Where the investment lands, main first, with the parents of every
	// place filled in. Counties also holds development zones and new areas.
	Provinces, Cities, Counties []*gazetteer.Place
	// Home provinces of the investors, in order of appearance.
	InvestorProvinces []*gazetteer.Place

	Sectors    []Sector // top-level sectors, strongest first
	Subsectors []Sector // NBS level-2 subsectors ("1.2") of those sectors

	Amounts  []Amount // every investment figure of the body, in text order
	Headline *Amount  // the event total if given, else the largest project (or phase); nil if none
	Evidence []Evidence
}

// Extractor extracts locations, sectors, amounts, the date and the language
// from report text. It is immutable after New and safe for concurrent use.
type Extractor struct {
	places *placeIndex
	tax    *taxonomy
}

// New builds an Extractor over a gazetteer, loading the embedded sector
// taxonomy.
func New(g *gazetteer.Gazetteer) (*Extractor, error) {
	if g == nil {
		return nil, fmt.Errorf("extract: nil gazetteer")
	}
	tax, err := loadTaxonomy(taxonomyJSON)
	if err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	return &Extractor{places: newPlaceIndex(g), tax: tax}, nil
}

// Sectors returns the top-level taxonomy, in order.
func (e *Extractor) Sectors() []Sector {
	out := make([]Sector, len(e.tax.tops))
	copy(out, e.tax.tops)
	return out
}

// Subsectors returns the NBS level-2 subsectors, in order.
func (e *Extractor) Subsectors() []Sector {
	out := make([]Sector, len(e.tax.subs))
	copy(out, e.tax.subs)
	return out
}

// Sector returns the top-level sector or subsector with the given key.
func (e *Extractor) Sector(key string) (Sector, bool) {
	s, ok := e.tax.byKey[key]
	return s, ok
}

// newDoc prepares one text for extraction.
func newDoc(text string, title bool) *doc {
	f := fold(text)
	d := &doc{text: text, f: f, sg: segment(f), toks: tokenize(f, nil), title: title}
	d.companies = companySpans(d)
	return d
}

// Extract reads one report. Offsets in Amounts and Evidence are byte offsets
// in body, or in title for evidence marked Title.
func (e *Extractor) Extract(title, body string) Result {
	return e.ExtractDated(title, body, time.Time{})
}

// ExtractDated is Extract for a report whose publication date is known from
// its metadata. The date tells figures of earlier years ("In 2020, the zone
// signed 147 projects ...") from the report's own; a zero date means
// unknown, as in Extract. Result.Date stays the date found in the text.
func (e *Extractor) ExtractDated(title, body string, published time.Time) Result {
	var res Result
	// Everything but the date reads the narrowed texts (full-width digits
	// in ASCII, see narrow); spans go back to the originals through the
	// maps before they leave.
	nt, tm := narrow(title)
	nb, bm := narrow(body)
	td, bd := newDoc(nt, true), newDoc(nb, false)
	unnarrow := func(evs []Evidence) []Evidence {
		for i := range evs {
			src, wm := body, bm
			if evs[i].Title {
				src, wm = title, tm
			}
			wm.back(src, &evs[i].Start, &evs[i].End, &evs[i].Text)
		}
		return evs
	}

	// Language.
	res.Lang = detectLang2(title, body)
	res.Evidence = append(res.Evidence, Evidence{Field: "lang", Value: res.Lang, Note: "Chinese characters vs Latin words"})

	// Date.
	if t, sp, ok := findDate(body); ok {
		res.Date = t
		res.Evidence = append(res.Evidence, Evidence{Field: "date", Value: t.Format("2006-01-02"),
			Text: body[sp.start:sp.end], Start: sp.start, End: sp.end, Note: "date near the top"})
	} else if t, sp, ok := findDate(title); ok {
		res.Date = t
		res.Evidence = append(res.Evidence, Evidence{Field: "date", Value: t.Format("2006-01-02"),
			Text: title[sp.start:sp.end], Start: sp.start, End: sp.end, Note: "date in title", Title: true})
	}

	// Places.
	ms := e.places.findMentions(td, nil)
	ms = e.places.findMentions(bd, ms)
	e.places.resolve(ms)
	e.places.assignRoles(td, ms)
	e.places.assignRoles(bd, ms)
	propagateLists(td, ms)
	propagateLists(bd, ms)
	e.places.hostVenues(td, bd, ms)
	pr := e.places.aggregate(td, bd, ms)
	res.Provinces, res.Cities, res.Counties, res.InvestorProvinces = pr.provinces, pr.cities, pr.counties, pr.investors
	res.Evidence = append(res.Evidence, unnarrow(pr.evidence)...)

	// Sectors.
	kinds := map[int]sentKind{}
	hits := e.tax.findSectorHits(td, nil, kinds)
	hits = e.tax.findSectorHits(bd, hits, kinds)
	sr := e.tax.score(hits, td, bd)
	res.Sectors, res.Subsectors = sr.sectors, sr.subsectors
	res.Evidence = append(res.Evidence, unnarrow(sr.evidence)...)

	// Amounts.
	year, dated := res.Date.Year(), !res.Date.IsZero()
	if !published.IsZero() {
		year, dated = published.Year(), true
	}
	if !dated {
		year = max(latestYear(bd.f), latestYear(td.f))
	}
	for _, a := range parseAmountsWhy(nb, bd.f, &bd.sg, year, dated) {
		if a.Scope == ScopeOther {
			continue
		}
		bm.back(body, &a.Start, &a.End, &a.Text)
		res.Amounts = append(res.Amounts, a.Amount)
		res.Evidence = append(res.Evidence, Evidence{Field: "amounts", Value: formatCNY(a.CNY), Text: a.Text,
			Start: a.Start, End: a.End, Note: a.Scope + "; " + a.why})
	}
	if h := headline(res.Amounts); h != nil {
		res.Headline = h
		res.Evidence = append(res.Evidence, Evidence{Field: "amount_cny", Value: formatCNY(h.CNY), Text: h.Text,
			Start: h.Start, End: h.End, Note: headlineNote(h)})
	} else {
		var ta []Amount
		for _, a := range parseAmounts(nt, td.f, &td.sg, year, dated) {
			if a.Scope != ScopeOther {
				tm.back(title, &a.Start, &a.End, &a.Text)
				ta = append(ta, a)
			}
		}
		if h := headline(ta); h != nil {
			res.Headline = h
			res.Evidence = append(res.Evidence, Evidence{Field: "amount_cny", Value: formatCNY(h.CNY), Text: h.Text,
				Start: h.Start, End: h.End, Note: headlineNote(h) + " (title; offsets in the title)", Title: true})
		}
	}
	return res
}

// headline picks the report's headline figure: the largest event total,
// else the largest project, else the largest phase.
func headline(as []Amount) *Amount {
	var best *Amount
	rank := func(s string) int {
		switch s {
		case ScopeEvent:
			return 3
		case ScopeProject:
			return 2
		case ScopePhase:
			return 1
		}
		return 0
	}
	for i := range as {
		a := &as[i]
		if rank(a.Scope) == 0 {
			continue
		}
		if best == nil || rank(a.Scope) > rank(best.Scope) || rank(a.Scope) == rank(best.Scope) && a.CNY > best.CNY {
			best = a
		}
	}
	if best == nil {
		return nil
	}
	h := *best
	return &h
}

func headlineNote(a *Amount) string {
	switch a.Scope {
	case ScopeEvent:
		return "total of the signing event"
	case ScopeProject:
		return "largest project (no event total given)"
	}
	return "largest phase (no project or event total given)"
}

// formatCNY writes a yuan figure without exponent.
func formatCNY(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// detectLang2 is DetectLang over a title and a body without joining them.
func detectLang2(title, body string) string {
	han, words := countScript(title)
	h2, w2 := countScript(body)
	if han+h2 > words+w2 {
		return "zh"
	}
	return "en"
}

func countScript(text string) (han, words int) {
	inWord := false
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
			if letter && !inWord {
				words++
			}
			inWord = letter
			i++
			continue
		}
		inWord = false
		r, n := utf8.DecodeRuneInString(text[i:])
		if isHan(r) {
			han++
		}
		i += n
	}
	return han, words
}
