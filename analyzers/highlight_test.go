package analyzers_test

import (
	"html"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
)

var markRE = regexp.MustCompile(`<mark>(.*?)</mark>`)

// TestHighlightOffsets highlights matches with bleve's html highlighter in
// text that the char filter changes (traditional, full-width) and that holds
// HTML: every fragment, unescaped and with the marks removed, must be a
// piece of the original text, and the marked text must be exactly the
// original characters of the matched words.
func TestHighlightOffsets(t *testing.T) {
	doc := "重慶兩江新區簽約ＳｉＣ芯片項目<script>alert(1)</script>，Liaocheng's 5G plan。"
	idx := newIndex(t, map[string]string{"d": doc})
	tests := []struct {
		query string
		marks []string
	}{
		{"两江新区", []string{"兩江新區"}},
		{"sic", []string{"ＳｉＣ"}},
		{"芯片", []string{"芯片"}},
		{"liaocheng", []string{"Liaocheng's"}},
		{"script", []string{"script", "script"}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			q := bleve.NewMatchQuery(tt.query)
			q.SetField("text")
			req := bleve.NewSearchRequest(q)
			req.Highlight = bleve.NewHighlightWithStyle("html")
			req.Highlight.AddField("text")
			res, err := idx.Search(req)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Hits) != 1 {
				t.Fatalf("%d hits", len(res.Hits))
			}
			frags := res.Hits[0].Fragments["text"]
			if len(frags) == 0 {
				t.Fatal("no fragments")
			}
			var marks []string
			for _, f := range frags {
				if strings.Contains(f, "<script>") {
					t.Errorf("fragment not escaped: %s", f)
				}
				plain := html.UnescapeString(strings.NewReplacer("<mark>", "", "</mark>", "").Replace(f))
				if !utf8.ValidString(plain) || !strings.Contains(doc, strings.Trim(plain, "…")) {
					t.Errorf("fragment %q is not a piece of the document", f)
				}
				// adjacent marks (a word and its sub-words) read as one
				joined := strings.ReplaceAll(f, "</mark><mark>", "")
				for _, m := range markRE.FindAllStringSubmatch(joined, -1) {
					marks = append(marks, html.UnescapeString(m[1]))
				}
			}
			if strings.Join(marks, "|") != strings.Join(tt.marks, "|") {
				t.Errorf("marked %q, want %q (fragments %q)", marks, tt.marks, frags)
			}
		})
	}
}
