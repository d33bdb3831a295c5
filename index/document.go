package index

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/investnews/regionsearch/analyzers/gazetteer"
	"github.com/investnews/regionsearch/index/extract"
)

// Prepare runs extraction on an article and returns the document to index.
// The document's id is the article's id, else a hash of its URL, else a hash
// of its normalised text, so the same input always gets the same id.
func (ix *Index) Prepare(a Article) *Document {
	res := ix.ext.ExtractDated(a.Title, a.Body, a.Date)
	d := &Document{
		ID:     a.ID,
		URL:    strings.TrimSpace(a.URL),
		Title:  strings.TrimSpace(a.Title),
		Body:   a.Body,
		Source: strings.TrimSpace(a.Source),
		Lang:   a.Lang,
	}
	if d.ID == "" {
		d.ID = DocumentID(a)
	}
	if d.Lang == "" {
		d.Lang = res.Lang
	}
	switch {
	case !a.Date.IsZero():
		d.Date = a.Date.UTC().Format(time.DateOnly)
	case !res.Date.IsZero():
		d.Date = res.Date.Format(time.DateOnly)
	}
	d.Summary = summarize(a.Body, 240)
	d.Provinces = placeRefs(res.Provinces)
	d.Cities = placeRefs(res.Cities)
	d.Counties = placeRefs(res.Counties)
	d.InvestorProvinces = placeRefs(res.InvestorProvinces)
	d.Sectors = sectorRefs(res.Sectors)
	d.Subsectors = sectorRefs(res.Subsectors)
	d.Amounts = res.Amounts
	if d.Amounts == nil {
		d.Amounts = []Amount{}
	}
	if res.Headline != nil {
		v := res.Headline.CNY
		d.AmountCNY = &v
	}
	d.Evidence = res.Evidence
	if d.Evidence == nil {
		d.Evidence = []Evidence{}
	}
	return d
}

// DocumentID returns the id an article gets when it has none: a hash of its
// URL, else a hash of its normalised title and body.
func DocumentID(a Article) string {
	if a.ID != "" {
		return a.ID
	}
	h := sha256.New()
	if u := strings.TrimSpace(a.URL); u != "" {
		h.Write([]byte("url\x00" + u))
	} else {
		h.Write([]byte("text\x00" + normalizeText(a.Title) + "\x00" + normalizeText(a.Body)))
	}
	return hex.EncodeToString(h.Sum(nil))[:20]
}

// normalizeText collapses white space so that re-wrapped copies of a text
// hash alike.
func normalizeText(s string) string {
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// contentHash identifies the content of a document, so re-indexing an
// unchanged report can be skipped.
func contentHash(d *Document) string {
	h := sha256.New()
	for _, s := range []string{d.ID, d.URL, d.Title, d.Date, d.Source, d.Lang, d.Body} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	fmt.Fprintf(h, "mapping:%d", mappingVersion)
	return hex.EncodeToString(h.Sum(nil))[:24]
}

func placeRefs(ps []*gazetteer.Place) []PlaceRef {
	out := make([]PlaceRef, 0, len(ps))
	for _, p := range ps {
		out = append(out, PlaceRef{Code: p.Code, NameZh: p.NameZh, NameEn: p.NameEn})
	}
	return out
}

func sectorRefs(ss []extract.Sector) []SectorRef {
	out := make([]SectorRef, 0, len(ss))
	for _, s := range ss {
		out = append(out, SectorRef{Key: s.Key, NameZh: s.NameZh, NameEn: s.NameEn})
	}
	return out
}

// record converts a document into the bleve document that is analysed:
// every field but the stored metadata, the indexing time and the fields
// that depend on the document's duplicates (see addLateFields).
func (d *Document) record(hash string) map[string]interface{} {
	r := map[string]interface{}{
		"_type":    docType,
		fieldTitle: d.Title,
		fieldBody:  d.Body,
		fieldLang:  d.Lang,
		fieldHash:  hash,
	}
	if t, err := time.Parse(time.DateOnly, d.Date); err == nil {
		r[fieldDate] = t
		r[fieldYear] = d.Date[:4]
	}
	codes := func(ps []PlaceRef) []string {
		out := make([]string, len(ps))
		for i, p := range ps {
			out[i] = p.Code
		}
		return out
	}
	keys := func(ss []SectorRef) []string {
		out := make([]string, len(ss))
		for i, s := range ss {
			out[i] = s.Key
		}
		return out
	}
	r[fieldProvince] = codes(d.Provinces)
	r[fieldCity] = codes(d.Cities)
	r[fieldCounty] = codes(d.Counties)
	r[fieldInvestor] = codes(d.InvestorProvinces)
	r[fieldSector] = keys(d.Sectors)
	r[fieldSubsector] = keys(d.Subsectors)
	if d.AmountCNY != nil {
		r[fieldAmount] = *d.AmountCNY
	}
	return r
}

// summarize returns the first max runes of text with white space collapsed,
// cut at a sentence end when one is near.
func summarize(text string, max int) string {
	s := []rune(normalizeText(text))
	if len(s) <= max {
		return string(s)
	}
	cut := max
	for i := max - 1; i > max/2; i-- {
		if strings.ContainsRune("。！？；.!?;", s[i]) {
			cut = i + 1
			break
		}
	}
	return string(s[:cut]) + "…"
}
