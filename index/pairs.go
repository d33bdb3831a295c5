package index

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/investnews/regionsearch/analyzers"
)

// Word pairs, for phrase queries.
//
// A phrase query is checked on positions: every location of every term of
// the phrase in every candidate is decoded, which makes a phrase of common
// words ("总投资": 总 then 投资, in four reports of ten) the slowest query
// there is. So title and body each have a field of word pairs beside them:
// for every token A, and every token B that starts where A ends (at A's
// position plus analyzers.TokenWidth(A)), the term "A B". A phrase's pairs
// (phrasePairs) are a necessary condition for the phrase, checked on
// postings alone, and for a phrase whose words follow one another, such as
// 总 then 投资, they are the very condition: its documents need no position
// check. The pair fields are indexed without positions, norms that matter,
// doc values or storage; they never score. Only pairs of Chinese words are
// indexed (pairable): pairs of every word took 50–65% more indexing CPU and
// 26% more index at 20k reports, Chinese pairs 33% and 11%
// (docs/PERFORMANCE.md).

// pairFields maps each field that has a pair field to it.
var pairFields = map[string]string{fieldTitle: "title_pairs", fieldBody: "body_pairs"}

// pairSep separates the two words of a pair term; no token holds a space.
const pairSep = ' '

// pairTerm returns the pair term of a then b.
func pairTerm(a, b []byte) []byte {
	t := make([]byte, 0, len(a)+1+len(b))
	return append(append(append(t, a...), pairSep), b...)
}

// pairTokens returns the pair terms of an analysed field, one token per
// occurrence.
func pairTokens(tfs bleveindex.TokenFrequencies) analysis.TokenStream {
	type at struct {
		ap  string // array positions, as bytes: pairs never cross elements
		pos int
	}
	key := func(l *bleveindex.TokenLocation, pos int) at {
		ap := make([]byte, 0, 8*len(l.ArrayPositions))
		for _, p := range l.ArrayPositions {
			ap = append(ap, byte(p), byte(p>>8), byte(p>>16), byte(p>>24), byte(p>>32), byte(p>>40), byte(p>>48), byte(p>>56))
		}
		return at{string(ap), pos}
	}
	starts := map[at][][]byte{}
	for _, tf := range tfs {
		for _, l := range tf.Locations {
			k := key(l, l.Position)
			starts[k] = append(starts[k], tf.Term)
		}
	}
	var out analysis.TokenStream
	for _, tf := range tfs {
		w := analyzers.TokenWidth(tf.Term)
		for _, l := range tf.Locations {
			for _, b := range starts[key(l, l.Position+w)] {
				if pairable(tf.Term, b) {
					out = append(out, &analysis.Token{Term: pairTerm(tf.Term, b), Position: len(out) + 1, Type: analysis.Ideographic})
				}
			}
		}
	}
	return out
}

// fixedTokens is an analyzer that returns tokens made beforehand.
type fixedTokens analysis.TokenStream

// Analyze implements analysis.Analyzer.
func (f fixedTokens) Analyze([]byte) analysis.TokenStream { return analysis.TokenStream(f) }

// addPairs adds the pair field of each analysed title and body field of
// doc, analysed.
func addPairs(doc *document.Document) {
	for _, f := range doc.Fields {
		name, ok := pairFields[f.Name()]
		if !ok {
			continue
		}
		pf := document.NewTextFieldCustom(name, f.ArrayPositions(), nil, bleveindex.IndexField,
			fixedTokens(pairTokens(f.AnalyzedTokenFrequencies())))
		pf.Analyze()
		doc.AddField(analyzedField{pf})
	}
}

// pairable reports whether the pair of a then b is indexed: both are
// Chinese words. Words of other scripts are many times as varied, so their
// pairs would cost the most to index, and phrases of them are rarely slow.
func pairable(a, b []byte) bool {
	r1, _ := utf8.DecodeRune(bytes.TrimPrefix(a, []byte(analyzers.RemainderMark)))
	r2, _ := utf8.DecodeRune(bytes.TrimPrefix(b, []byte(analyzers.RemainderMark)))
	return unicode.Is(unicode.Han, r1) && unicode.Is(unicode.Han, r2)
}

// phrasePairs returns the pair terms a phrase needs, as groups of which a
// matching document holds at least one term each, from the phrase's slots
// (phraseSlots: the terms at each position from the first). A slot whose
// every term is followed, where it ends, by a slot of the phrase, with only
// pairs the index holds (pairable), gives one group: the pairs of its terms
// with the terms where each ends; other slots give none. exact says that the groups are the phrase's very condition:
// the phrase has two slots with terms, the first and the one where every
// term of the first ends, and nothing in between.
func phrasePairs(slots [][]string) (groups [][][]byte, exact bool) {
slot:
	for i, ts := range slots {
		var group [][]byte
		for _, t := range ts {
			j := i + analyzers.TokenWidth([]byte(t))
			if j >= len(slots) || len(slots[j]) == 0 {
				continue slot
			}
			for _, u := range slots[j] {
				if !pairable([]byte(t), []byte(u)) {
					continue slot // a pair the index does not hold
				}
				group = append(group, pairTerm([]byte(t), []byte(u)))
			}
		}
		if group != nil {
			groups = append(groups, group)
		}
	}
	if len(groups) != 1 || len(slots[0]) == 0 {
		return groups, false
	}
	end := -1
	for _, t := range slots[0] {
		j := analyzers.TokenWidth([]byte(t))
		if end >= 0 && j != end {
			return groups, false
		}
		end = j
	}
	for i := 1; i < len(slots); i++ {
		if len(slots[i]) > 0 && i != end {
			return groups, false
		}
	}
	return groups, end == len(slots)-1
}
