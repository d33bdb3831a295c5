package index

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/highlight"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// Loading a page of hits by analysing their text again.
//
// bleve finds the match locations that highlighting needs by running the
// query again, restricted to the page's documents. Every term searcher then
// advances through its postings to the page's documents, and zapx advances
// a postings list that carries frequencies one posting at a time, so a page
// of hits costs as much as reading every posting of every query term in the
// largest segments: about 8 ms per query at 565k reports, growing with the
// index. Instead, for a page whose scores the pass already has, each hit's
// stored title and body are analysed again with the fields' own analyzers,
// which gives the very tokens, positions and offsets the index holds, and
// the query is evaluated on those tokens to find which of its terms and
// phrases matched, as bleve's searchers would report them. The cost is the
// analysis of the page's text, whatever the size of the index.

// maxAnalysedPage is the largest page loaded by analysis; bigger pages
// (the API allows 100 hits) are loaded by bleve, whose cost does not grow
// with the page.
const maxAnalysedPage = 25

// loadByBleve makes every page load by bleve (for tests comparing both).
var loadByBleve = false

// fieldTokens holds the analysis of one stored field of one document: the
// positions of each term.
type fieldTokens map[string][]*analysis.Token

// docTokens is the analysis of a document's highlighted fields, by field.
type docTokens map[string]fieldTokens

// loadAnalysed loads the page's hits, with the pass's scores, from the
// stored fields of the snapshot bleve searches now; the snippets come from
// matching textQ, which must be analysable, against their analysed title
// and body. A hit deleted since the pass, or changed so that it no longer
// matches, is left out. When no other search runs, two goroutines share
// the page.
func (ix *Index) loadAnalysed(ctx context.Context, textQ query.Query, c *colSet, page []colHit, out *Result) error {
	r, err := ix.snapshot()
	if err != nil {
		return searchError(err)
	}
	defer r.Close()
	hl, err := bleve.Config.Cache.HighlighterNamed(highlighterName)
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	qa := analyseQuery(ix.bi.Mapping(), textQ)
	hits := make([]*Hit, len(page))
	errs := make([]error, len(page))
	var next atomic.Int64
	work := func() {
		for i := int(next.Add(1) - 1); i < len(page); i = int(next.Add(1) - 1) {
			if errs[i] = ctx.Err(); errs[i] != nil {
				errs[i] = searchError(errs[i])
				return
			}
			hits[i], errs[i] = ix.analysedHit(r, hl, qa, textQ, c.ids[page[i].pos/2], page[i].score)
		}
	}
	var wg sync.WaitGroup
	if len(page) >= 4 && ix.search.idleCore() {
		wg.Go(work)
	}
	work()
	wg.Wait()
	for i, h := range hits {
		if errs[i] != nil {
			return errs[i]
		}
		if h != nil {
			out.Hits = append(out.Hits, *h)
		}
	}
	return nil
}

// analysedHit loads document id from r with its snippets by hl, matching
// textQ, whose clauses qa analysed (see loadAnalysed); nil when it was
// deleted or no longer matches.
func (ix *Index) analysedHit(r bleveindex.IndexReader, hl highlight.Highlighter, qa *queryAnalysis, textQ query.Query, id string, score float64) (*Hit, error) {
	doc, err := r.Document(id)
	if err != nil {
		return nil, searchError(err)
	}
	if doc == nil {
		return nil, nil // deleted since the pass
	}
	m := ix.bi.Mapping()
	dm := &search.DocumentMatch{ID: id, Score: score, Locations: search.FieldTermLocationMap{}}
	toks := docTokens{} // a field the document lacks holds no token
	doc.VisitFields(func(f bleveindex.Field) {
		switch name := f.Name(); {
		case highlighted(name):
			toks[name] = analyseField(m, name, f.Value(), qa.words)
		case name == fieldMeta:
			if tf, ok := f.(bleveindex.TextField); ok {
				dm.AddFieldValue(name, tf.Text())
			}
		}
	})
	ok, locs := matchTokens(qa, textQ, toks)
	if !ok {
		return nil, nil // changed since the pass: no longer a hit, as bleve's load would find
	}
	for _, l := range locs {
		tlm := dm.Locations[l.field]
		if tlm == nil {
			tlm = search.TermLocationMap{}
			dm.Locations[l.field] = tlm
		}
		tlm[l.term] = append(tlm[l.term], &search.Location{Pos: uint64(l.tok.Position),
			Start: uint64(l.tok.Start), End: uint64(l.tok.End)})
	}
	for _, f := range highlightFields {
		hl.BestFragmentsInField(dm, doc, f, 1) // sets dm.Fragments, as bleve's load does
	}
	hit, err := toHit(dm)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return &hit, nil
}

// analyseField analyses the text of a stored field with the field's
// analyzer, as indexing did, on a copy: token filters rewrite terms in
// place, and the text is the stored value the snippets are cut from. It
// keeps the tokens of words only, the terms the query may look up.
func analyseField(m mapping.IndexMapping, field string, text []byte, words map[string]bool) fieldTokens {
	an := fieldAnalyzer(m, field)
	if an == nil {
		return nil
	}
	ft := fieldTokens{}
	for _, t := range an.Analyze(bytes.Clone(text)) {
		if words[string(t.Term)] {
			ft[string(t.Term)] = append(ft[string(t.Term)], t)
		}
	}
	return ft
}

// tokenLoc is one match location: a token of a field.
type tokenLoc struct {
	field string
	term  string
	tok   *analysis.Token
}

// analysable reports whether matchTokens decides q exactly for a hit:
// every clause on a field it does not analyse (a keyword, the source, a
// range) is one that every hit matches, reached from the top through
// conjunctions only (required), not under an OR or a must-not, where its
// value would decide which of its siblings' matches to show.
func analysable(q query.Query, required bool) bool {
	switch q := q.(type) {
	case *query.BooleanQuery:
		return (q.Must == nil || analysable(q.Must, required)) &&
			(q.Should == nil || analysable(q.Should, false)) &&
			(q.MustNot == nil || analysable(q.MustNot, false)) &&
			(q.Filter == nil || analysable(q.Filter, required))
	case *query.ConjunctionQuery:
		for _, c := range q.Conjuncts {
			if !analysable(c, required) {
				return false
			}
		}
		return true
	case *query.DisjunctionQuery:
		for _, c := range q.Disjuncts {
			if !analysable(c, false) {
				return false
			}
		}
		return true
	case *query.MatchQuery:
		return required || highlighted(q.FieldVal) && q.Fuzziness == 0 && q.Analyzer == ""
	case *query.MatchPhraseQuery:
		return required || highlighted(q.FieldVal) && q.Fuzziness == 0 && q.Analyzer == ""
	case *query.TermQuery:
		return required || highlighted(q.FieldVal)
	case *query.MatchAllQuery, *query.MatchNoneQuery:
		return true
	}
	return required
}

// highlighted reports whether field is one whose snippets a hit shows,
// analysed again by loadAnalysed.
func highlighted(field string) bool { return slices.Contains(highlightFields, field) }

// matchTokens evaluates q, which must be analysable, on a document's
// analysed fields and returns whether it matches and, if so, the locations
// of the terms and phrases that matched, as bleve's searchers report them:
// every matching clause's, none of a clause that does not match or of a
// must-not clause. Clauses on fields not analysed here are required ones
// (analysable), which a hit matches; they have no locations. qa holds the
// analysis of q's match and phrase clauses (analyseQuery).
func matchTokens(qa *queryAnalysis, q query.Query, toks docTokens) (bool, []tokenLoc) {
	switch q := q.(type) {
	case *query.MatchNoneQuery:
		return false, nil
	case *query.BooleanQuery:
		var locs []tokenLoc
		if q.Must != nil {
			ok, l := matchTokens(qa, q.Must, toks)
			if !ok {
				return false, nil
			}
			locs = append(locs, l...)
		}
		if q.Should != nil {
			ok, l := matchTokens(qa, q.Should, toks)
			if !ok && q.Must == nil {
				return false, nil
			}
			locs = append(locs, l...)
		}
		if q.MustNot != nil {
			if ok, _ := matchTokens(qa, q.MustNot, toks); ok {
				return false, nil
			}
		}
		return true, locs
	case *query.ConjunctionQuery:
		var locs []tokenLoc
		for _, c := range q.Conjuncts {
			ok, l := matchTokens(qa, c, toks)
			if !ok {
				return false, nil
			}
			locs = append(locs, l...)
		}
		return true, locs
	case *query.DisjunctionQuery:
		var locs []tokenLoc
		n := 0
		for _, c := range q.Disjuncts {
			if ok, l := matchTokens(qa, c, toks); ok {
				n++
				locs = append(locs, l...)
			}
		}
		return n > 0 && float64(n) >= q.Min, locs
	case *query.TermQuery:
		if !highlighted(q.FieldVal) {
			return true, nil
		}
		return termLocs(q.FieldVal, []string{q.Term}, 1, toks)
	case *query.MatchQuery:
		if !highlighted(q.FieldVal) || q.Fuzziness != 0 || q.Analyzer != "" {
			return true, nil
		}
		terms := qa.terms[q]
		if len(terms) == 0 {
			return false, nil
		}
		need := 1
		if q.Operator == query.MatchQueryOperatorAnd {
			need = len(terms)
		}
		return termLocs(q.FieldVal, terms, need, toks)
	case *query.MatchPhraseQuery:
		if !highlighted(q.FieldVal) || q.Fuzziness != 0 || q.Analyzer != "" {
			return true, nil
		}
		slots, ok := qa.slots[q]
		if !ok {
			return true, nil
		}
		return phraseLocs(q.FieldVal, slots, toks)
	}
	return true, nil // all documents, or a required clause on fields not analysed here
}

// queryAnalysis is the analysis of a text query's match and phrase
// clauses on highlighted fields, done once for a page rather than for each
// of its hits.
type queryAnalysis struct {
	terms map[*query.MatchQuery][]string
	slots map[*query.MatchPhraseQuery][][]string // absent when the field has no analyzer
	words map[string]bool                        // every term matchTokens may look up
}

// analyseQuery analyses the match and phrase clauses of q for matchTokens.
func analyseQuery(m mapping.IndexMapping, q query.Query) *queryAnalysis {
	qa := &queryAnalysis{terms: map[*query.MatchQuery][]string{}, slots: map[*query.MatchPhraseQuery][][]string{},
		words: map[string]bool{}}
	var walk func(q query.Query)
	walk = func(q query.Query) {
		switch q := q.(type) {
		case *query.BooleanQuery:
			for _, c := range []query.Query{q.Must, q.Should, q.MustNot, q.Filter} {
				if c != nil {
					walk(c)
				}
			}
		case *query.ConjunctionQuery:
			for _, c := range q.Conjuncts {
				walk(c)
			}
		case *query.DisjunctionQuery:
			for _, c := range q.Disjuncts {
				walk(c)
			}
		case *query.MatchQuery:
			if an := fieldAnalyzer(m, q.FieldVal); an != nil {
				var terms []string
				for _, t := range an.Analyze([]byte(q.Match)) {
					terms = append(terms, string(t.Term))
					qa.words[string(t.Term)] = true
				}
				qa.terms[q] = terms
			}
		case *query.MatchPhraseQuery:
			if slots, ok := phraseOf(m, q.FieldVal, q.MatchPhrase); ok {
				qa.slots[q] = slots
				for _, slot := range slots {
					for _, t := range slot {
						qa.words[t] = true
					}
				}
			}
		case *query.TermQuery:
			qa.words[q.Term] = true
		}
	}
	walk(q)
	return qa
}

// termLocs matches when at least need of terms (counted with repeats, as
// bleve's match query counts its term queries) occur in field, and returns
// every occurrence of those that do.
func termLocs(field string, terms []string, need int, toks docTokens) (bool, []tokenLoc) {
	ft := toks[field]
	var locs []tokenLoc
	n := 0
	for _, t := range terms {
		occ := ft[t]
		if len(occ) == 0 {
			continue
		}
		n++
		for _, tok := range occ {
			locs = append(locs, tokenLoc{field, t, tok})
		}
	}
	if n < need || n == 0 {
		return false, nil
	}
	return true, locs
}

// phraseLocs matches when field holds the phrase of slots (phraseSlots: the
// terms of each position from the first; none for a gap) and returns the
// tokens of every occurrence of it.
func phraseLocs(field string, slots [][]string, toks docTokens) (bool, []tokenLoc) {
	ft := toks[field]
	if len(slots) == 0 {
		return false, nil
	}
	var locs []tokenLoc
	for _, t0 := range slots[0] {
		for _, first := range ft[t0] {
			var found []tokenLoc
			whole := true
			for i := 1; i < len(slots) && whole; i++ {
				if len(slots[i]) == 0 {
					continue
				}
				hit := false
				for _, t := range slots[i] {
					for _, tok := range ft[t] {
						if tok.Position == first.Position+i {
							found = append(found, tokenLoc{field, t, tok})
							hit = true
						}
					}
				}
				whole = hit
			}
			if whole {
				locs = append(locs, tokenLoc{field, t0, first})
				locs = append(locs, found...)
			}
		}
	}
	return len(locs) > 0, locs
}
