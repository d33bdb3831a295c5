package index

import (
	"bytes"
	"sort"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/bleve/v2/search"
	htmlformat "github.com/blevesearch/bleve/v2/search/highlight/format/html"
	"github.com/blevesearch/bleve/v2/search/highlight/highlighter/simple"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/blevesearch/bleve/v2/search/highlight"
)

// highlighterName is the bleve highlighter for snippets: fragments cut at
// sentence ends, several per field, best first, HTML-escaped with <mark>
// around each match (overlapping matches merged into one mark).
const highlighterName = "sentence_html"

// Snippet sizes, in runes.
const (
	fragmentTarget = 160 // grow a short sentence with its neighbours up to this
	fragmentMax    = 240 // cut a long sentence around its first match to this
	fragmentsPer   = 3   // fragments per field
)

// hitsRequest returns a request for a page of hits of q (size from from)
// with what toHit needs: the stored metadata and snippets of title and body.
func hitsRequest(q query.Query, size, from int) *bleve.SearchRequest {
	req := bleve.NewSearchRequestOptions(q, size, from, false)
	req.Fields = []string{fieldMeta}
	req.Highlight = bleve.NewHighlightWithStyle(highlighterName)
	for _, f := range highlightFields {
		req.Highlight.AddField(f)
	}
	return req
}

// highlightFields are the fields whose snippets a hit shows.
var highlightFields = []string{fieldTitle, fieldBody}

func init() {
	if err := registry.RegisterHighlighter(highlighterName, newHighlighter); err != nil {
		panic(err)
	}
}

// sentenceHighlighter is bleve's simple highlighter with a sentence
// fragmenter, returning several fragments per field.
type sentenceHighlighter struct {
	*simple.Highlighter
}

func newHighlighter(config map[string]interface{}, cache *registry.Cache) (highlight.Highlighter, error) {
	return &sentenceHighlighter{simple.NewHighlighter(sentenceFragmenter{},
		htmlformat.NewFragmentFormatter("<mark>", "</mark>"), "…")}, nil
}

// BestFragmentsInField returns up to fragmentsPer fragments whatever num the
// caller asks for (bleve asks for one).
//
// The matches are first merged into non-overlapping spans in a fixed
// order: bleve orders locations that start together by map iteration and
// its merge can shorten a span, so 聊城市 (matched both as a word and as
// 聊城 + 市) would otherwise be marked whole on one call and in two parts on
// the next.
func (h *sentenceHighlighter) BestFragmentsInField(dm *search.DocumentMatch, doc bleveindex.Document, field string, num int) []string {
	tlm, ok := dm.Locations[field]
	if !ok {
		return nil
	}
	dm.Locations[field] = mergeSpans(tlm)
	defer func() { dm.Locations[field] = tlm }()
	return h.Highlighter.BestFragmentsInField(dm, doc, field, max(num, fragmentsPer))
}

// mergeSpans returns the locations of tlm as non-overlapping spans (under
// one term), ordered by array position and offset; overlapping or nested
// locations become one span from the first start to the last end.
func mergeSpans(tlm search.TermLocationMap) search.TermLocationMap {
	var all []*search.Location
	for _, locs := range tlm {
		all = append(all, locs...)
	}
	sort.Slice(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if c := a.ArrayPositions.Compare(b.ArrayPositions); c != 0 {
			return c < 0
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.End > b.End
	})
	var out []*search.Location
	for _, l := range all {
		if n := len(out); n > 0 {
			last := out[n-1]
			if last.ArrayPositions.Equals(l.ArrayPositions) && l.Start < last.End {
				last.End = max(last.End, l.End)
				continue
			}
		}
		c := *l
		out = append(out, &c)
	}
	return search.TermLocationMap{"": out}
}

// sentenceFragmenter makes one fragment per sentence that holds a match.
type sentenceFragmenter struct{}

// Fragment implements highlight.Fragmenter.
func (sentenceFragmenter) Fragment(orig []byte, tls highlight.TermLocations) []*highlight.Fragment {
	var out []*highlight.Fragment
	lastEnd := -1
	for _, tl := range tls {
		if tl == nil || tl.Start < 0 || tl.End > len(orig) || tl.Start >= tl.End || tl.Start < lastEnd {
			continue // inside the previous fragment, or out of range
		}
		start, end := sentenceBounds(orig, tl.Start, tl.End)
		start, end = fit(orig, start, end, tl.Start, tl.End)
		out = append(out, &highlight.Fragment{Orig: orig, Start: start, End: end})
		lastEnd = end
	}
	if len(out) == 0 && len(orig) > 0 {
		start, end := sentenceBounds(orig, 0, 0)
		start, end = fit(orig, start, end, 0, 0)
		out = append(out, &highlight.Fragment{Orig: orig, Start: start, End: end})
	}
	return out
}

// isSentenceEnd reports whether the rune at orig[i:] ends a sentence; size
// is its length.
func isSentenceEnd(orig []byte, i int) (bool, int) {
	r, size := utf8.DecodeRune(orig[i:])
	switch r {
	case '。', '！', '？', '；', '\n':
		return true, size
	case '.', '!', '?', ';':
		// "3.5" and "Co." inside a name are not ends: require a space after.
		next := i + size
		return next >= len(orig) || orig[next] == ' ' || orig[next] == '\n', size
	}
	return false, size
}

// sentenceBounds returns the sentence around [s, e): from after the previous
// sentence end to after the next one.
func sentenceBounds(orig []byte, s, e int) (int, int) {
	start := 0
	for i := s - 1; i >= 0 && s-i < 4*fragmentMax; i-- {
		if !utf8.RuneStart(orig[i]) {
			continue
		}
		if ok, size := isSentenceEnd(orig, i); ok {
			start = i + size
			break
		}
	}
	end := len(orig)
	for i := e; i < len(orig) && i-e < 4*fragmentMax; {
		ok, size := isSentenceEnd(orig, i)
		i += size
		if ok {
			end = i
			break
		}
	}
	for start < end && (orig[start] == ' ' || orig[start] == '\n') {
		start++
	}
	return start, end
}

// fit grows a short fragment with following (then preceding) sentences up to
// fragmentTarget runes and cuts a long one to fragmentMax runes around the
// match [ms, me), always at rune boundaries.
func fit(orig []byte, start, end, ms, me int) (int, int) {
	n := utf8.RuneCount(orig[start:end])
	for n < fragmentTarget && end < len(orig) {
		_, next := sentenceBounds(orig, end, end)
		if next <= end || n+utf8.RuneCount(orig[end:next]) > fragmentMax {
			break
		}
		n += utf8.RuneCount(orig[end:next])
		end = next
	}
	if n <= fragmentMax {
		return start, end
	}
	// Keep about a third of the budget before the match.
	before := fragmentMax / 3
	s := ms
	for k := 0; k < before && s > start; k++ {
		_, size := utf8.DecodeLastRune(orig[start:s])
		s -= size
	}
	// In spaced text, start at a word, not inside one.
	if s > start {
		if i := bytes.IndexByte(orig[s:ms], ' '); i >= 0 && i < 24 {
			s += i + 1
		}
	}
	e := s
	for k := 0; k < fragmentMax && e < end; k++ {
		_, size := utf8.DecodeRune(orig[e:end])
		e += size
	}
	if e < me {
		e = me
	}
	return s, e
}
