package web

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/investnews/regionsearch/index"
	"github.com/investnews/regionsearch/internal/saved"
)

// The Atom feed of a saved search (RFC 4287). Its ids are tag URIs (RFC
// 4151) that do not depend on the host name the feed was fetched by, so a
// reader sees the same report as the same entry however it reaches the
// server; its links are absolute URLs on the host of the request.

// atomNS is the Atom namespace.
const atomNS = "http://www.w3.org/2005/Atom"

// tagAuthority is the authority of the feed's tag URIs.
const tagAuthority = "tag:regionsearch,2024:"

// atomFeed is an Atom feed document.
type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string      `xml:"xml:lang,attr,omitempty"`
	ID       string      `xml:"id"`
	Title    atomText    `xml:"title"`
	Subtitle *atomText   `xml:"subtitle,omitempty"`
	Updated  string      `xml:"updated"`
	Author   atomPerson  `xml:"author"`
	Links    []atomLink  `xml:"link"`
	Gen      string      `xml:"generator,omitempty"`
	Entries  []atomEntry `xml:"entry"`
}

// atomEntry is one report in the feed.
type atomEntry struct {
	ID        string     `xml:"id"`
	Title     atomText   `xml:"title"`
	Updated   string     `xml:"updated"`
	Published string     `xml:"published,omitempty"`
	Links     []atomLink `xml:"link"`
	Summary   atomText   `xml:"summary"`
	Category  []atomCat  `xml:"category,omitempty"`
}

// atomText is a text construct of type text.
type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

// atomLink is an Atom link.
type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

// atomPerson is an author.
type atomPerson struct {
	Name string `xml:"name"`
}

// atomCat is a category: a sector of the report.
type atomCat struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

// plain returns a text construct holding s as plain text.
func plain(s string) atomText { return atomText{Type: "text", Text: s} }

// handleAPISavedFeed answers GET /api/saved-searches/{id}/feed.atom: the
// newest reports (by report date) that match the saved search, as an Atom
// feed in the interface language of the request (?ui=en for English). It
// does not mark the search seen.
func (s *Server) handleAPISavedFeed(c *gin.Context) {
	ctx, cancel := s.context(c)
	defer cancel()
	ss, q, err := s.loadSaved(ctx, c, false)
	var res *index.Result
	if err == nil {
		q.Sort, q.Size = "-date", feedSize
		res, err = s.runSearch(ctx, q)
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	ui := uiLang(c)
	feed := s.newFeed(c, ss, res, ui)
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", " ")
	if err := enc.Encode(feed); err != nil {
		s.fail(c, fmt.Errorf("encode feed of saved search %s: %w", ss.ID, err))
		return
	}
	buf.WriteByte('\n')
	c.Header("Cache-Control", "no-cache")
	c.Data(http.StatusOK, "application/atom+xml; charset=utf-8", buf.Bytes())
}

// newFeed builds the feed of a saved search from its result.
func (s *Server) newFeed(c *gin.Context, ss saved.SavedSearch, res *index.Result, ui string) atomFeed {
	base := requestBase(c)
	links := linksOf(ss)
	feed := atomFeed{
		Lang:     "zh-CN",
		ID:       tagAuthority + "saved-search/" + ss.ID,
		Title:    plain(savedName(ss) + " – " + translate(ui, "site.name")),
		Subtitle: &atomText{Type: "text", Text: querySummary(ss.Query, resultNames(res, ui), ui)},
		Author:   atomPerson{Name: translate(ui, "site.name")},
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: base + links.Feed + "?ui=" + ui},
			{Rel: "alternate", Type: "text/html", Href: base + links.Page + "?ui=" + ui},
		},
		Gen: "regionsearch",
	}
	if ui == uiEn {
		feed.Lang = "en"
	}
	latest := ss.Updated
	for _, h := range res.Hits {
		t := s.entryTime(c, h)
		if t.After(latest) {
			latest = t
		}
		feed.Entries = append(feed.Entries, newEntry(h, t, base, ui))
	}
	feed.Updated = latest.UTC().Format(time.RFC3339)
	return feed
}

// newEntry builds the entry of one report, dated t.
func newEntry(h index.Hit, t time.Time, base, ui string) atomEntry {
	title := h.Title
	if title == "" {
		title = h.ID
	}
	e := atomEntry{
		ID:      tagAuthority + "report/" + url.PathEscape(h.ID),
		Title:   plain(title),
		Updated: t.UTC().Format(time.RFC3339),
		Links: []atomLink{{Rel: "alternate", Type: "text/html",
			Href: base + "/documents/" + url.PathEscape(h.ID) + "?ui=" + ui}},
		Summary: plain(entrySummary(h, ui)),
	}
	if h.Date != "" {
		e.Published = e.Updated
	}
	if isWebURL(h.URL) {
		e.Links = append(e.Links, atomLink{Rel: "related", Type: "text/html", Href: h.URL})
	}
	for _, sec := range h.Sectors {
		e.Category = append(e.Category, atomCat{Term: sec.Key, Label: sectorName(sec, ui)})
	}
	return e
}

// entrySummary describes a report in one line: its amount, its places, its
// date and source.
func entrySummary(h index.Hit, ui string) string {
	var parts []string
	if h.AmountCNY != nil {
		parts = append(parts, translate(ui, "hit.amount")+": "+formatAmount(*h.AmountCNY, ui))
	} else {
		parts = append(parts, translate(ui, "hit.noamount"))
	}
	var places []string
	for _, p := range h.Provinces {
		places = append(places, placeName(p, ui))
	}
	for _, p := range h.Cities {
		places = append(places, placeName(p, ui))
	}
	if len(places) > 0 {
		sep := ", "
		if ui != uiEn {
			sep = "、"
		}
		parts = append(parts, translate(ui, "hit.place")+": "+strings.Join(places, sep))
	}
	if h.Date != "" {
		parts = append(parts, translate(ui, "hit.date")+": "+h.Date)
	}
	if h.Source != "" {
		parts = append(parts, translate(ui, "hit.source")+": "+h.Source)
	}
	return strings.Join(parts, " · ")
}

// entryTime is the date of a report for its entry: its own date (midnight
// in China), else when it was indexed, else the zero time's stand-in, the
// Unix epoch.
func (s *Server) entryTime(c *gin.Context, h index.Hit) time.Time {
	if t, err := time.ParseInLocation(time.DateOnly, h.Date, chinaTime); err == nil {
		return t
	}
	ctx, cancel := s.context(c)
	defer cancel()
	if d, err := s.search.Document(ctx, h.ID); err == nil && d != nil && !d.Indexed.IsZero() {
		return d.Indexed
	}
	return time.Unix(0, 0)
}

// requestBase returns the scheme and host the request reached the server
// by, for absolute links.
func requestBase(c *gin.Context) string {
	scheme := "http"
	if c.Request.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + c.Request.Host
}
