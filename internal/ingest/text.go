package ingest

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/investnews/regionsearch/index"
)

// headerKeys are the keys a text file's header block may set.
var headerKeys = map[string]bool{"id": true, "url": true, "title": true, "date": true, "source": true, "lang": true}

// seedDate matches the layout of exported reports whose first line starts
// with " date 2023-03-30".
var seedDate = regexp.MustCompile(`^\s*date\s+(\d{4}-\d{2}-\d{2})\s*`)

// boilerplate are first lines of saved web pages that are never a title.
var boilerplate = regexp.MustCompile(`(?i)^(contact us|home|menu|skip to|log ?in|sign in|search|首页|当前位置|您当前的位置)\b`)

// MaxTitleRunes bounds a title taken from the text.
const MaxTitleRunes = 200

// ParseText parses one plain-text report. An optional header block of
// "key: value" lines (id, url, title, date, source, lang) ended by a line
// "----" sets metadata; otherwise the title is taken from the text. The body
// is the text after the header block.
func ParseText(data []byte) (index.Article, *Problem) {
	if bytes.IndexByte(data, 0) >= 0 && !utf8.Valid(data) {
		return index.Article{}, &Problem{Reason: ReasonBinary, Detail: "contains NUL bytes and invalid UTF-8"}
	}
	text := strings.ReplaceAll(cleanBody(string(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))), "\r\n", "\n")
	var a index.Article
	if hdr, rest, ok := splitHeader(text); ok {
		text = rest
		for k, v := range hdr {
			switch k {
			case "id":
				a.ID = v
			case "url":
				a.URL = v
			case "title":
				a.Title = clean(v)
			case "source":
				a.Source = clean(v)
			case "date":
				t, ok := ParseDate(v)
				if !ok {
					return a, &Problem{Reason: ReasonBadDate, Detail: fmt.Sprintf("header date %q is not YYYY-MM-DD or RFC 3339", v)}
				}
				a.Date = t
			case "lang":
				lang, ok := NormalizeLang(v)
				if !ok {
					return a, &Problem{Reason: ReasonBadLang, Detail: fmt.Sprintf("header lang %q: use zh or en", v)}
				}
				a.Lang = lang
			}
		}
	}
	// The export layout: " date 2023-03-30 <title or first paragraph>".
	if m := seedDate.FindStringSubmatchIndex(text); m != nil {
		if t, ok := ParseDate(text[m[2]:m[3]]); ok && a.Date.IsZero() {
			a.Date = t
		}
		text = text[m[1]:]
	}
	text = strings.TrimSpace(text)
	if text == "" {
		return a, &Problem{Reason: ReasonMissingBody, Detail: "the file has no text"}
	}
	if a.Title == "" {
		a.Title = findTitle(text)
	}
	a.Body = text
	return a, nil
}

// splitHeader splits off a header block of known "key: value" lines ended by
// "----". It reports false when the text does not start with one.
func splitHeader(text string) (map[string]string, string, bool) {
	hdr := map[string]string{}
	rest := text
	for n := 0; n < 20; n++ {
		line, after, found := strings.Cut(rest, "\n")
		t := strings.TrimSpace(line)
		if t == "----" || strings.Trim(t, "-") == "" && len(t) >= 3 {
			return hdr, after, len(hdr) > 0
		}
		k, v, ok := strings.Cut(t, ":")
		k = strings.ToLower(strings.TrimSpace(k))
		if !ok || !headerKeys[k] {
			return nil, text, false
		}
		hdr[k] = strings.TrimSpace(v)
		if !found {
			break
		}
		rest = after
	}
	return nil, text, false
}

// findTitle picks a title from a text without a header: a line near the top
// that the page repeats (saved web pages print the headline twice), else the
// first line that is not navigation, cut to MaxTitleRunes.
func findTitle(text string) string {
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
		if len(lines) == 30 {
			break
		}
	}
	seen := map[string]int{}
	for _, l := range lines {
		seen[stripCrumb(l)]++
	}
	for _, l := range lines[:min(len(lines), 12)] {
		s := stripCrumb(l)
		if n := utf8.RuneCountInString(s); seen[s] > 1 && n >= 8 && n <= MaxTitleRunes {
			return s
		}
	}
	for _, l := range lines {
		if s := stripCrumb(l); s != l && s != "" {
			return cutTitle(s)
		}
		if boilerplate.MatchString(l) && utf8.RuneCountInString(l) < 40 {
			continue
		}
		return cutTitle(stripCrumb(l))
	}
	return cutTitle(lines[0])
}

// stripCrumb removes a breadcrumb prefix such as "Home » ".
func stripCrumb(l string) string {
	for _, sep := range []string{" » ", " > ", " ＞ ", "»", "＞"} {
		if i := strings.LastIndex(l, sep); i >= 0 && i < 60 && boilerplate.MatchString(l) {
			return strings.TrimSpace(l[i+len(sep):])
		}
	}
	return l
}

// cutTitle shortens a long first line (a whole first paragraph) to its first
// sentence or to MaxTitleRunes.
func cutTitle(l string) string {
	r := []rune(l)
	if len(r) <= MaxTitleRunes {
		return l
	}
	for i, c := range r[:MaxTitleRunes] {
		if (c == '。' || c == '！' || c == '？') || (c == '.' || c == '!' || c == '?') && i+1 < len(r) && r[i+1] == ' ' && i > 20 {
			return string(r[:i+1])
		}
	}
	return string(r[:MaxTitleRunes]) + "…"
}
