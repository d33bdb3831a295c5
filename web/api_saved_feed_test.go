package web

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// atomDoc is a generic reading of an Atom document: every element the
// tests check, by its namespaced name, so that a missing namespace shows.
type atomDoc struct {
	XMLName xml.Name
	Lang    string     `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID      []string   `xml:"http://www.w3.org/2005/Atom id"`
	Title   []atomT    `xml:"http://www.w3.org/2005/Atom title"`
	Updated []string   `xml:"http://www.w3.org/2005/Atom updated"`
	Author  []atomA    `xml:"http://www.w3.org/2005/Atom author"`
	Links   []atomL    `xml:"http://www.w3.org/2005/Atom link"`
	Entries []atomDocE `xml:"http://www.w3.org/2005/Atom entry"`
}

type atomDocE struct {
	ID      []string `xml:"http://www.w3.org/2005/Atom id"`
	Title   []atomT  `xml:"http://www.w3.org/2005/Atom title"`
	Updated []string `xml:"http://www.w3.org/2005/Atom updated"`
	Links   []atomL  `xml:"http://www.w3.org/2005/Atom link"`
	Summary []atomT  `xml:"http://www.w3.org/2005/Atom summary"`
	Content []atomT  `xml:"http://www.w3.org/2005/Atom content"`
	Author  []atomA  `xml:"http://www.w3.org/2005/Atom author"`
}

type atomT struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

type atomA struct {
	Name []string `xml:"http://www.w3.org/2005/Atom name"`
}

type atomL struct {
	Rel  string `xml:"rel,attr"`
	Href string `xml:"href,attr"`
}

// checkAtom checks the elements RFC 4287 requires: a feed has exactly one
// id, title and updated, an author (or every entry has one); each entry has
// exactly one id, title and updated, and, having no content, a summary and
// an alternate link. Ids are absolute IRIs, dates RFC 3339, links absolute.
func checkAtom(t *testing.T, doc atomDoc) {
	t.Helper()
	if doc.XMLName.Space != atomNS || doc.XMLName.Local != "feed" {
		t.Fatalf("root element %v", doc.XMLName)
	}
	one := func(what string, n int) {
		t.Helper()
		if n != 1 {
			t.Errorf("%s: %d elements, want exactly 1", what, n)
		}
	}
	iri := func(what, s string) {
		t.Helper()
		if u, err := url.Parse(s); err != nil || u.Scheme == "" {
			t.Errorf("%s %q is not an absolute IRI", what, s)
		}
	}
	date := func(what, s string) {
		t.Helper()
		if _, err := time.Parse(time.RFC3339, s); err != nil {
			t.Errorf("%s %q is not an RFC 3339 date: %v", what, s, err)
		}
	}
	one("feed id", len(doc.ID))
	one("feed title", len(doc.Title))
	one("feed updated", len(doc.Updated))
	for _, id := range doc.ID {
		iri("feed id", id)
	}
	for _, u := range doc.Updated {
		date("feed updated", u)
	}
	feedAuthor := len(doc.Author) > 0 && len(doc.Author[0].Name) == 1 && doc.Author[0].Name[0] != ""
	self := false
	for _, l := range doc.Links {
		self = self || l.Rel == "self"
		iri("feed link", l.Href)
	}
	if !self {
		t.Error("no link rel=self")
	}
	ids := map[string]bool{}
	for i, e := range doc.Entries {
		one("entry id", len(e.ID))
		one("entry title", len(e.Title))
		one("entry updated", len(e.Updated))
		if !feedAuthor && len(e.Author) == 0 {
			t.Errorf("entry %d: no author and the feed has none", i)
		}
		for _, id := range e.ID {
			iri("entry id", id)
			if ids[id] {
				t.Errorf("entry id %s twice", id)
			}
			ids[id] = true
		}
		for _, u := range e.Updated {
			date("entry updated", u)
		}
		alternate := false
		for _, l := range e.Links {
			alternate = alternate || l.Rel == "alternate"
			iri("entry link", l.Href)
		}
		if len(e.Content) == 0 && (!alternate || len(e.Summary) != 1) {
			t.Errorf("entry %d without content lacks an alternate link or a summary", i)
		}
	}
}

// TestSavedFeed fetches the Atom feed of a saved search, parses it and
// checks it against the spec and the saved search's reports.
func TestSavedFeed(t *testing.T) {
	e := newSavedEnv(t, Options{})
	ss := e.create(t, `{"name":"<script>alert(1)</script> 聊城","query":{"q":"聊城"}}`)
	tests := []struct {
		ui, wantAmount, wantPlace, wantLang string
	}{
		{"zh", "投资额: 30 亿元", "地点: 山东省、聊城市", "zh-CN"},
		{"en", "Investment: 3 billion yuan", "Location: Shandong Province, Liaocheng City", "en"},
	}
	for _, tt := range tests {
		t.Run(tt.ui, func(t *testing.T) {
			resp, body := e.do(t, http.MethodGet, ss.Links.Feed+"?ui="+tt.ui, "")
			if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/atom+xml; charset=utf-8" {
				t.Fatalf("feed: %d %s\n%s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
			}
			if strings.Contains(body, "<script>") {
				t.Errorf("the name is not escaped:\n%s", body)
			}
			var doc atomDoc
			if err := xml.Unmarshal([]byte(body), &doc); err != nil {
				t.Fatalf("not XML: %v\n%s", err, body)
			}
			checkAtom(t, doc)
			if doc.Lang != tt.wantLang || len(doc.Title) != 1 || !strings.HasPrefix(doc.Title[0].Text, "<script>alert(1)</script> 聊城 – ") {
				t.Errorf("feed lang %q title %+v", doc.Lang, doc.Title)
			}
			if len(doc.Entries) != 2 {
				t.Fatalf("%d entries, want the 2 聊城 reports:\n%s", len(doc.Entries), body)
			}
			// Newest first; the Chinese report is the older one.
			zh := doc.Entries[1]
			if zh.Title[0].Text != "聊城高新区签约碳化硅芯片封测项目" || zh.Updated[0] != "2023-03-29T16:00:00Z" ||
				!strings.HasPrefix(zh.Links[0].Href, e.ts.URL+"/documents/lc-zh") {
				t.Errorf("entry %+v", zh)
			}
			if s := zh.Summary[0].Text; !strings.Contains(s, tt.wantAmount) || !strings.Contains(s, tt.wantPlace) {
				t.Errorf("summary %q lacks %q or %q", s, tt.wantAmount, tt.wantPlace)
			}
			if doc.Updated[0] < doc.Entries[0].Updated[0] { // both UTC, so they sort as text
				t.Errorf("feed updated %s before its newest entry %s", doc.Updated[0], doc.Entries[0].Updated[0])
			}
		})
	}
	// An empty feed is still valid.
	none := e.create(t, `{"name":"nothing","query":{"q":"不存在的词语组合"}}`)
	_, body := e.do(t, http.MethodGet, none.Links.Feed, "")
	var doc atomDoc
	if err := xml.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatal(err)
	}
	checkAtom(t, doc)
	if len(doc.Entries) != 0 {
		t.Errorf("%d entries", len(doc.Entries))
	}
}
