package ingest

import (
	"bytes"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/investnews/regionsearch/index"
	"github.com/investnews/regionsearch/index/extract"
)

// ParseHTML parses a saved news page. The main text is found by
// readability (a port of Firefox's reader view) after navigation, page
// chrome, cookie banners, share bars and comment sections are removed; when
// readability finds no article, the cleaned page text is used. The title
// comes from og:title, else the page's title; the date from the
// article:published_time, pubdate, publishdate, dc.date or datePublished
// metadata, else a <time datetime>, else a visible date line near the top
// ("发布时间：2023-03-30", "Published: March 30, 2023"); the URL from the
// canonical link or og:url, the source from og:site_name, the language from
// <html lang>. The page may be in any encoding its meta tags or byte-order
// mark declare (GBK pages are common).
func ParseHTML(data []byte) (index.Article, *Problem) {
	var a index.Article
	if looksBinary(data) {
		return a, &Problem{Reason: ReasonBinary, Detail: "not an HTML page"}
	}
	if !utf8.Valid(data) {
		if enc, name, _ := charset.DetermineEncoding(data, "text/html"); name != "utf-8" && name != "windows-1252" {
			if dec, err := enc.NewDecoder().Bytes(data); err == nil {
				data = dec
			}
		} else {
			data = decodeLegacy(data)
		}
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return a, &Problem{Reason: ReasonInvalidHTML, Detail: describe(err)}
	}
	meta := readMeta(doc)
	page, _ := url.Parse(meta.url)
	dropChrome(doc)
	body := doc
	walk(doc, func(n *html.Node) bool {
		if n.DataAtom == atom.Body && body == doc {
			body = n
		}
		return body == doc
	})
	visible := strings.TrimSpace(innerText(body))
	if meta.title == "" {
		meta.title = headingInTitle(body, meta.pageTitle)
	}

	var text string
	if art, err := readability.FromDocument(cloneTree(doc), page); err == nil && art.Node != nil {
		var sb strings.Builder
		if art.RenderText(&sb) == nil {
			text = tidyText(sb.String())
		}
		if meta.title == "" {
			meta.title = art.Title()
		}
		if meta.source == "" {
			meta.source = art.SiteName()
		}
		if meta.date == "" {
			if t, err := art.PublishedTime(); err == nil {
				a.Date = t.UTC()
			}
		}
	}
	if utf8.RuneCountInString(text) < 40 {
		// readability keeps nothing from very short pages; the cleaned
		// page text is better than nothing.
		text = tidyText(visible)
	}
	text = cleanBody(text)
	if strings.TrimSpace(text) == "" {
		return a, &Problem{Reason: ReasonMissingBody, Detail: "the page has no text"}
	}
	a.Body = text
	a.Title = clean(firstOf(meta.title, meta.pageTitle))
	if a.Title == "" {
		a.Title = findTitle(text)
	}
	a.URL = strings.TrimSpace(meta.url)
	a.Source = clean(meta.source)
	if lang, ok := NormalizeLang(meta.lang); ok {
		a.Lang = lang
	}
	if meta.date != "" {
		if t, ok := parseAnyDate(meta.date); ok {
			a.Date = t
		}
	}
	if a.Date.IsZero() {
		if t, ok := dateLine(visible); ok {
			a.Date = t
		}
	}
	return a, nil
}

// pageMeta is what a page's head says about it.
type pageMeta struct {
	title, url, source, lang, date string
	pageTitle                      string // the <title>, often with the site's name
}

// dateMetaNames are the meta names and properties that hold a publication
// date, best first.
var dateMetaNames = []string{"article:published_time", "og:published_time", "pubdate", "publishdate",
	"publish_date", "publishdate", "datepublished", "dc.date", "dc.date.issued", "dcterms.created", "date",
	"sailthru.date", "parsely-pub-date"}

func readMeta(doc *html.Node) pageMeta {
	var m pageMeta
	vals := map[string]string{}
	var title, timeAttr string
	walk(doc, func(n *html.Node) bool {
		switch n.DataAtom {
		case atom.Html:
			m.lang = attr(n, "lang")
		case atom.Meta:
			key := strings.ToLower(attr(n, "property"))
			if key == "" {
				key = strings.ToLower(attr(n, "name"))
			}
			if key == "" {
				key = strings.ToLower(attr(n, "itemprop"))
			}
			if v := strings.TrimSpace(attr(n, "content")); key != "" && v != "" {
				if _, ok := vals[key]; !ok {
					vals[key] = v
				}
			}
		case atom.Link:
			if strings.EqualFold(attr(n, "rel"), "canonical") && m.url == "" {
				m.url = attr(n, "href")
			}
		case atom.Title:
			if title == "" {
				title = innerText(n)
			}
		case atom.Time:
			if timeAttr == "" {
				timeAttr = attr(n, "datetime")
			}
		}
		return true
	})
	m.title = firstOf(vals["og:title"], vals["twitter:title"])
	m.pageTitle = strings.TrimSpace(title)
	if m.url == "" {
		m.url = vals["og:url"]
	}
	m.source = vals["og:site_name"]
	for _, k := range dateMetaNames {
		if v := vals[k]; v != "" {
			if _, ok := parseAnyDate(v); ok {
				m.date = v
				break
			}
		}
	}
	if m.date == "" && timeAttr != "" {
		if _, ok := parseAnyDate(timeAttr); ok {
			m.date = timeAttr
		}
	}
	return m
}

// headingInTitle returns the first h1–h3 heading of the page that the
// <title> starts with ("聊城…项目" of "聊城…项目_聊城市人民政府"), else "".
func headingInTitle(body *html.Node, title string) string {
	title = strings.Join(strings.Fields(title), " ")
	found := ""
	walk(body, func(n *html.Node) bool {
		if found != "" {
			return false
		}
		if n.DataAtom == atom.H1 || n.DataAtom == atom.H2 || n.DataAtom == atom.H3 {
			h := strings.Join(strings.Fields(innerText(n)), " ")
			if utf8.RuneCountInString(h) >= 4 && strings.HasPrefix(title, h) {
				found = h
			}
			return false
		}
		return true
	})
	return found
}

// decodeLegacy decodes text that is not UTF-8 as GB18030 (a superset of
// GBK and GB2312, the usual encodings of Chinese pages) when that decodes
// cleanly; otherwise it returns data as it is.
func decodeLegacy(data []byte) []byte {
	dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil || !utf8.Valid(dec) || bytes.ContainsRune(dec, utf8.RuneError) {
		return data
	}
	return dec
}

// chrome matches the class or id of page furniture that is never the report.
var chrome = regexp.MustCompile(`(?i)(^|[\s_-])(nav|navbar|menu|breadcrumbs?|crumbs?|cookies?|consent|gdpr|banner|comments?|comment-list|reply|replies|share|sharing|social|footer|sidebar|related|recommend|advert|ads?|login|subscribe|newsletter|popup|modal)($|[\s_-])`)

// dropChrome removes scripts, styles, navigation, forms and elements whose
// class, id or role marks them as page furniture. An element holding most
// of the page's text is kept whatever it is called: some sites wrap the
// whole page in a <form> or a "has-menu" container.
func dropChrome(doc *html.Node) {
	var drop []*html.Node
	total := textLen(doc)
	big := func(n *html.Node) bool {
		l := textLen(n)
		return l > 400 && l*5 > total*2
	}
	walk(doc, func(n *html.Node) bool {
		if n.Type == html.CommentNode {
			drop = append(drop, n)
			return false
		}
		if n.Type != html.ElementNode {
			return true
		}
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Noscript, atom.Iframe, atom.Button, atom.Select, atom.Textarea,
			atom.Svg, atom.Template:
			drop = append(drop, n)
			return false
		case atom.Nav, atom.Footer, atom.Aside, atom.Form, atom.Dialog:
			if big(n) {
				return true
			}
			drop = append(drop, n)
			return false
		}
		if n.DataAtom == atom.Body || n.DataAtom == atom.Html {
			return true
		}
		role := strings.ToLower(attr(n, "role"))
		if (role == "navigation" || role == "banner" || role == "dialog" || role == "complementary" || role == "contentinfo") && !big(n) {
			drop = append(drop, n)
			return false
		}
		if (chrome.MatchString(attr(n, "class")) || chrome.MatchString(attr(n, "id"))) && !big(n) {
			drop = append(drop, n)
			return false
		}
		return true
	})
	for _, n := range drop {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
}

// textLen returns the number of bytes of text under n, leaving out scripts
// and styles.
func textLen(n *html.Node) int {
	switch {
	case n.Type == html.TextNode:
		return len(strings.TrimSpace(n.Data))
	case n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style):
		return 0
	}
	l := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		l += textLen(c)
	}
	return l
}

// walk visits n and its descendants in document order; fn returns false
// to skip a node's children.
func walk(n *html.Node, fn func(*html.Node) bool) {
	if !fn(n) {
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// blockAtoms end a line in the text of a page.
var blockAtoms = map[atom.Atom]bool{atom.P: true, atom.Div: true, atom.Br: true, atom.Li: true, atom.H1: true,
	atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Tr: true, atom.Section: true,
	atom.Article: true, atom.Header: true, atom.Blockquote: true, atom.Pre: true, atom.Table: true, atom.Ul: true,
	atom.Ol: true, atom.Dd: true, atom.Dt: true, atom.Figcaption: true, atom.Title: true}

// innerText returns the text of n with a line break after each block.
func innerText(n *html.Node) string {
	var sb strings.Builder
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			sb.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template:
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
		if n.Type == html.ElementNode && blockAtoms[n.DataAtom] {
			sb.WriteByte('\n')
		}
	}
	rec(n)
	return sb.String()
}

// tidyText trims every line, collapses runs of spaces inside lines and
// keeps at most one blank line between paragraphs.
func tidyText(s string) string {
	var out []string
	blank := false
	for _, l := range strings.Split(s, "\n") {
		l = strings.Join(strings.Fields(l), " ")
		if l == "" {
			blank = len(out) > 0
			continue
		}
		if blank {
			out = append(out, "")
			blank = false
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// cloneTree deep-copies a parsed page, since readability rewrites the tree
// it is given.
func cloneTree(n *html.Node) *html.Node {
	c := &html.Node{Type: n.Type, DataAtom: n.DataAtom, Data: n.Data, Namespace: n.Namespace,
		Attr: append([]html.Attribute(nil), n.Attr...)}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		c.AppendChild(cloneTree(k))
	}
	return c
}

// dateCue marks a line that states when the page was published.
var dateCue = regexp.MustCompile(`(?i)(发布时间|发布日期|发表时间|时间|日期|来源|published|posted|updated|release date|date)`)

// parseAnyDate reads a metadata date: RFC 3339, YYYY-MM-DD (with optional
// time), 2023年3月30日, March 30, 2023 or 30 March 2023.
func parseAnyDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if t, ok := ParseDate(s); ok {
		return t, true
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04:05Z0700",
		"2006/01/02", "20060102", time.RFC1123, time.RFC1123Z} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return extract.FindDate(s) // the same reading the index gives a report's text
}

// dateLine finds the publication date in the visible text of a page: the
// first of its first 40 lines that has a date cue (发布时间, Published, ...)
// and a date.
func dateLine(text string) (time.Time, bool) {
	for i, l := range strings.Split(text, "\n") {
		if i >= 40 {
			break
		}
		if len(l) > 300 || !dateCue.MatchString(l) {
			continue
		}
		if t, ok := extract.FindDate(l); ok {
			return t, true
		}
	}
	return time.Time{}, false
}
