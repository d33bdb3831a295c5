package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/investnews/regionsearch/index"
)

// handleDocumentPage renders GET /documents/:id: the full report with its
// extracted fields and the text each came from. The search parameters in
// its URL are those of the search it was opened from, for the link back.
func (s *Server) handleDocumentPage(c *gin.Context) {
	p := s.newPage(c)
	ctx, cancel := s.context(c)
	defer cancel()
	doc, err := s.document(ctx, c.Param("id"))
	if err != nil {
		s.failPage(c, err)
		return
	}
	back := "/?" + url.Values{"ui": {p.UI}}.Encode()
	if q, err := parseSearch(c); err == nil {
		back = "/?" + url.Values(stateOf(q, p.UI)).Encode()
	}
	s.render(c, http.StatusOK, "document", newDocumentView(p, doc, back))
}

// documentView is the data of the document page.
type documentView struct {
	page
	Doc       *index.Document
	BackURL   string
	SourceURL string
	Lang      string
	Amount    string
	Body      []segment
	Fields    []docField
	Amounts   []amountRow
	Evidence  []evidenceRow
}

// segment is a run of the body: plain text, or a span that evidence points
// to, with an anchor the evidence table links to.
type segment struct {
	Text string
	Mark bool
	ID   string
	Note string
}

// docField is one extracted field with its values, each perhaps a link to
// the search filtered by it.
type docField struct {
	Label  string
	Values []chip
}

// amountRow is one investment figure found in the text.
type amountRow struct {
	Text, Value, CNY, Scope string
}

// evidenceRow ties an extracted value to its words in the report.
type evidenceRow struct {
	Field, Value, Text, Note, Where, Anchor string
}

// newDocumentView builds the document page.
func newDocumentView(p page, doc *index.Document, back string) *documentView {
	ui := p.UI
	p.Title = doc.Title
	if p.Title == "" {
		p.Title = doc.ID
	}
	p.Title += " – " + p.T("site.name")
	v := &documentView{page: p, Doc: doc, BackURL: back, Lang: langName(doc.Lang, ui)}
	if isWebURL(doc.URL) {
		v.SourceURL = doc.URL
	}
	if doc.AmountCNY != nil {
		v.Amount = formatAmount(*doc.AmountCNY, ui)
	}

	search := func(param, value string) string {
		return "/?" + url.Values{param: {value}, "ui": {ui}}.Encode()
	}
	places := func(key string, ps []index.PlaceRef, param string) {
		f := docField{Label: p.T(key)}
		for _, pl := range ps {
			ch := chip{Label: placeName(pl, ui)}
			if param != "" && pl.Code != "" {
				ch.URL = search(param, pl.Code)
			}
			f.Values = append(f.Values, ch)
		}
		v.Fields = append(v.Fields, f)
	}
	sectors := func(key string, ss []index.SectorRef, param string) {
		f := docField{Label: p.T(key)}
		for _, sec := range ss {
			ch := chip{Label: sectorName(sec, ui)}
			if param != "" && sec.Key != "" {
				ch.URL = search(param, sec.Key)
			}
			f.Values = append(f.Values, ch)
		}
		v.Fields = append(v.Fields, f)
	}
	places("doc.provinces", doc.Provinces, "province")
	places("doc.cities", doc.Cities, "city")
	places("doc.counties", doc.Counties, "")
	places("doc.investors", doc.InvestorProvinces, "")
	sectors("doc.sectors", doc.Sectors, "sector")
	sectors("doc.subsectors", doc.Subsectors, "")

	for _, a := range doc.Amounts {
		row := amountRow{Text: a.Text, Value: trimNumber(a.Value) + " " + a.Currency, Scope: a.Scope}
		if a.CNY > 0 {
			row.CNY = formatAmount(a.CNY, ui)
		}
		v.Amounts = append(v.Amounts, row)
	}

	var anchors map[int]string
	v.Body, anchors = bodySegments(doc.Body, doc.Evidence)
	names := refNames(doc, ui)
	for i, e := range doc.Evidence {
		row := evidenceRow{
			Field:  fieldLabel(e.Field, ui),
			Value:  e.Value,
			Text:   e.Text,
			Note:   e.Note,
			Where:  translate(ui, "where.body"),
			Anchor: anchors[i],
		}
		if n, ok := names[e.Value]; ok {
			row.Value = n
		} else if strings.HasPrefix(e.Field, "amount") {
			if f, err := strconv.ParseFloat(e.Value, 64); err == nil && f >= 0 {
				row.Value = formatAmount(f, ui)
			}
		}
		if e.Title {
			row.Where = translate(ui, "where.title")
		}
		v.Evidence = append(v.Evidence, row)
	}
	return v
}

// fieldLabel names an evidence field in the interface language.
func fieldLabel(field, ui string) string {
	key := map[string]string{
		"provinces": "doc.provinces", "cities": "doc.cities", "counties": "doc.counties",
		"investor_provinces": "doc.investors", "sectors": "doc.sectors", "subsectors": "doc.subsectors",
		"amount": "doc.amount", "amount_cny": "doc.amount", "amounts": "doc.amounts",
		"lang": "doc.lang", "date": "hit.date", "ignored_places": "doc.ignored",
	}[field]
	if key == "" {
		return field
	}
	return translate(ui, key)
}

// refNames maps the codes and keys of a document's places and sectors to
// their names, to show evidence values readably.
func refNames(doc *index.Document, ui string) map[string]string {
	names := map[string]string{}
	for _, ps := range [][]index.PlaceRef{doc.Provinces, doc.Cities, doc.Counties, doc.InvestorProvinces} {
		for _, pl := range ps {
			names[pl.Code] = placeName(pl, ui) + " (" + pl.Code + ")"
		}
	}
	for _, ss := range [][]index.SectorRef{doc.Sectors, doc.Subsectors} {
		for _, sec := range ss {
			names[sec.Key] = sectorName(sec, ui)
		}
	}
	return names
}

// bodySegments cuts body into plain runs and marked spans, one per evidence
// span that lies in the body on character boundaries and does not overlap an
// earlier one. It returns the anchor of each evidence index that has one;
// evidence for the very same span shares its anchor.
func bodySegments(body string, ev []index.Evidence) ([]segment, map[int]string) {
	anchors := map[int]string{}
	valid := func(e index.Evidence) bool {
		return !e.Title && 0 <= e.Start && e.Start < e.End && e.End <= len(body) &&
			utf8.RuneStart(body[e.Start]) && (e.End == len(body) || utf8.RuneStart(body[e.End]))
	}
	var order []int
	for i, e := range ev {
		if valid(e) {
			order = append(order, i)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if ev[a].Start != ev[b].Start {
			return ev[a].Start - ev[b].Start
		}
		return ev[b].End - ev[a].End
	})
	var segs []segment
	pos, last := 0, -1
	for _, i := range order {
		e := ev[i]
		if last >= 0 && e.Start == ev[last].Start && e.End == ev[last].End {
			anchors[i] = anchors[last]
			continue
		}
		if e.Start < pos {
			continue
		}
		if e.Start > pos {
			segs = append(segs, segment{Text: body[pos:e.Start]})
		}
		id := "ev-" + strconv.Itoa(i)
		segs = append(segs, segment{Text: body[e.Start:e.End], Mark: true, ID: id, Note: strings.TrimSpace(e.Field + " " + e.Note)})
		anchors[i] = id
		pos, last = e.End, i
	}
	if pos < len(body) {
		segs = append(segs, segment{Text: body[pos:]})
	}
	return segs, anchors
}
