package index

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// Phrases in the column pass.
//
// bleve's phrase searcher asks every term of a phrase for its locations,
// merges them into maps for each candidate (a document holding every term)
// and walks them for a path of consecutive positions. Common Chinese
// phrases ("总投资" is 总 + 投资) have tens of thousands of candidates, and
// those maps made phrase queries the slowest of the mix. passPhrase matches
// the same documents with the same scores more cheaply: the candidates come
// from the same conjunction of term searchers, without locations, and the
// phrase is checked on positions read straight from the postings of the
// candidate (no maps, buffers reused). Its matches carry no locations, so it
// serves the column pass only; the page of hits is loaded with bleve's own
// phrase query, whose locations the highlighter marks.

// passQuery returns q with every phrase query replaced by a passPhrase.
// Queries holding no phrase are returned as they are; q itself is never
// changed.
func passQuery(q query.Query) query.Query {
	switch q := q.(type) {
	case *query.MatchPhraseQuery:
		if q.Fuzziness != 0 || q.Analyzer != "" {
			return q
		}
		return &passPhrase{text: q.MatchPhrase, field: q.FieldVal, boost: q.BoostVal.Value()}
	case *query.BooleanQuery:
		c := *q
		c.Must, c.Should, c.MustNot, c.Filter = passChild(q.Must), passChild(q.Should), passChild(q.MustNot), passChild(q.Filter)
		return &c
	case *query.ConjunctionQuery:
		c := *q
		c.Conjuncts = passList(q.Conjuncts)
		return &c
	case *query.DisjunctionQuery:
		c := *q
		c.Disjuncts = passList(q.Disjuncts)
		return &c
	}
	return q
}

// passChild is passQuery for an optional clause.
func passChild(q query.Query) query.Query {
	if q == nil {
		return nil
	}
	return passQuery(q)
}

// passList is passQuery for every query of a list, in a new list.
func passList(qs []query.Query) []query.Query {
	out := make([]query.Query, len(qs))
	for i, q := range qs {
		out[i] = passQuery(q)
	}
	return out
}

// passPhrase is a phrase query on one field for the column pass; see
// passQuery.
type passPhrase struct {
	text  string
	field string
	boost float64
}

// Searcher implements query.Query.
func (q *passPhrase) Searcher(ctx context.Context, r bleveindex.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	field := q.field
	if field == "" {
		field = m.DefaultSearchField()
	}
	slots, ok := phraseOf(m, field, q.text)
	if !ok {
		return nil, fmt.Errorf("phrase on %s: no analyzer", field)
	}
	if len(slots) == 0 {
		return searcher.NewMatchNoneSearcher(r)
	}
	opts.IncludeTermVectors = false
	var subs []search.Searcher
	fail := func(err error, open ...search.Searcher) (search.Searcher, error) {
		for _, s := range append(subs, open...) {
			_ = s.Close()
		}
		return nil, fmt.Errorf("phrase on %s: %w", field, err)
	}
	for _, terms := range slots {
		var ts []search.Searcher
		for _, t := range terms {
			s, err := searcher.NewTermSearcher(ctx, r, t, field, q.boost, opts)
			if err != nil {
				return fail(err, ts...)
			}
			ts = append(ts, s)
		}
		switch len(ts) {
		case 0:
			continue
		case 1:
			subs = append(subs, ts[0])
		default:
			d, err := searcher.NewDisjunctionSearcher(ctx, r, ts, 1, opts)
			if err != nil {
				return fail(err, ts...)
			}
			subs = append(subs, d)
		}
	}
	must, err := searcher.NewConjunctionSearcher(ctx, r, subs, opts)
	if err != nil {
		return fail(err)
	}
	s := &phraseSearcher{must: must}
	if len(slots) > 1 {
		if s.check, err = newPhraseCheck(ctx, r, field, slots); err != nil {
			_ = must.Close()
			return nil, err
		}
	}
	return s, nil
}

// fieldAnalyzer returns the analyzer the mapping m gives field, nil when
// there is none.
func fieldAnalyzer(m mapping.IndexMapping, field string) analysis.Analyzer {
	return m.AnalyzerNamed(m.AnalyzerNameForPath(field))
}

// phraseOf returns the slots (phraseSlots) of the phrase text analysed for
// field; ok is false when field has no analyzer.
func phraseOf(m mapping.IndexMapping, field, text string) (slots [][]string, ok bool) {
	an := fieldAnalyzer(m, field)
	if an == nil {
		return nil, false
	}
	return phraseSlots(an.Analyze([]byte(text))), true
}

// phraseSlots groups a phrase's tokens by position, from the first: slot i
// holds the terms at the first position + i (none for a gap), as bleve's
// match-phrase query does.
func phraseSlots(tokens analysis.TokenStream) [][]string {
	first, last := math.MaxInt, math.MinInt
	for _, t := range tokens {
		first, last = min(first, t.Position), max(last, t.Position)
	}
	if len(tokens) == 0 {
		return nil
	}
	slots := make([][]string, last-first+1)
	for _, t := range tokens {
		if len(t.Term) > 0 {
			slots[t.Position-first] = append(slots[t.Position-first], string(t.Term))
		}
	}
	return slots
}

// phraseSearcher yields the candidates of must (documents holding every
// term of the phrase, scored as bleve scores a phrase) that check accepts;
// with no check (a phrase of one position) every candidate.
type phraseSearcher struct {
	must  search.Searcher
	check *phraseCheck
}

// Next implements search.Searcher.
func (s *phraseSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	dm, err := s.must.Next(ctx)
	return s.accept(ctx, dm, err)
}

// Advance implements search.Searcher.
func (s *phraseSearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	dm, err := s.must.Advance(ctx, id)
	return s.accept(ctx, dm, err)
}

// accept returns dm or the first candidate after it that holds the phrase.
func (s *phraseSearcher) accept(ctx *search.SearchContext, dm *search.DocumentMatch, err error) (*search.DocumentMatch, error) {
	for ; err == nil && dm != nil && s.check != nil; dm, err = s.must.Next(ctx) {
		ok, cerr := s.check.holds(dm.IndexInternalID)
		if cerr != nil {
			return nil, cerr
		}
		if ok {
			return dm, nil
		}
		ctx.DocumentMatchPool.Put(dm)
	}
	return dm, err
}

// Close implements search.Searcher.
func (s *phraseSearcher) Close() error {
	err := s.must.Close()
	if s.check != nil {
		err = errors.Join(err, s.check.close())
	}
	return err
}

// Weight implements search.Searcher.
func (s *phraseSearcher) Weight() float64 { return s.must.Weight() }

// SetQueryNorm implements search.Searcher.
func (s *phraseSearcher) SetQueryNorm(n float64) { s.must.SetQueryNorm(n) }

// Count implements search.Searcher: at most the candidates.
func (s *phraseSearcher) Count() uint64 { return s.must.Count() }

// Min implements search.Searcher.
func (s *phraseSearcher) Min() int { return 0 }

// Size implements search.Searcher.
func (s *phraseSearcher) Size() int { return s.must.Size() + 64 }

// DocumentMatchPoolSize implements search.Searcher.
func (s *phraseSearcher) DocumentMatchPoolSize() int { return s.must.DocumentMatchPoolSize() }

// phraseCheck tells whether a document holds a phrase: a position of a term
// of the first slot followed, slot by slot, by positions of the other
// slots' terms (gaps skip one position each) in the same array element.
type phraseCheck struct {
	slots [][]*posReader // by slot; empty for a gap
	locs  [][]*bleveindex.TermFieldVector
}

// posReader reads the positions of one term in one field, document by
// document in increasing order.
type posReader struct {
	r    bleveindex.TermFieldReader
	tfd  bleveindex.TermFieldDoc
	cur  *bleveindex.TermFieldDoc // the document read last; nil before the first
	done bool
}

func newPhraseCheck(ctx context.Context, r bleveindex.IndexReader, field string, slots [][]string) (*phraseCheck, error) {
	c := &phraseCheck{slots: make([][]*posReader, len(slots)), locs: make([][]*bleveindex.TermFieldVector, len(slots))}
	for i, terms := range slots {
		for _, t := range terms {
			tr, err := r.TermFieldReader(ctx, []byte(t), field, false, false, true)
			if err != nil {
				return nil, errors.Join(fmt.Errorf("phrase on %s: %w", field, err), c.close())
			}
			c.slots[i] = append(c.slots[i], &posReader{r: tr})
		}
	}
	return c, nil
}

// at returns the locations of the term in document id (nil when it has
// none); ids must not decrease from call to call.
func (p *posReader) at(id bleveindex.IndexInternalID) ([]*bleveindex.TermFieldVector, error) {
	if p.done {
		return nil, nil
	}
	if p.cur == nil || p.cur.ID.Compare(id) < 0 {
		d, err := p.r.Advance(id, &p.tfd)
		if err != nil {
			return nil, err
		}
		if d == nil {
			p.done = true
			return nil, nil
		}
		p.cur = d
	}
	if p.cur.ID.Equals(id) {
		return p.cur.Vectors, nil
	}
	return nil, nil
}

// holds reports whether document id holds the phrase.
func (c *phraseCheck) holds(id bleveindex.IndexInternalID) (bool, error) {
	for i, readers := range c.slots {
		c.locs[i] = c.locs[i][:0]
		for _, p := range readers {
			vs, err := p.at(id)
			if err != nil {
				return false, err
			}
			c.locs[i] = append(c.locs[i], vs...)
		}
		if len(readers) > 0 && len(c.locs[i]) == 0 {
			return false, nil
		}
	}
	for _, a := range c.locs[0] {
		if c.follows(a) {
			return true, nil
		}
	}
	return false, nil
}

// follows reports whether every later slot has a location at a's position
// plus the slot's offset, in a's array element.
func (c *phraseCheck) follows(a *bleveindex.TermFieldVector) bool {
	for i := 1; i < len(c.slots); i++ {
		if len(c.slots[i]) == 0 {
			continue
		}
		found := false
		for _, b := range c.locs[i] {
			if b.Pos == a.Pos+uint64(i) && search.ArrayPositions(b.ArrayPositions).Equals(a.ArrayPositions) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func (c *phraseCheck) close() error {
	var errs []error
	for _, readers := range c.slots {
		for _, p := range readers {
			errs = append(errs, p.r.Close())
		}
	}
	return errors.Join(errs...)
}
