package index

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/investnews/regionsearch/analyzers"
)

// nativeHit is one call of a pass's handler.
type nativeHit struct {
	doc   uint64
	score float64
}

// nativeIndex builds an index of demo reports through the indexing pipeline
// (small batches, so several segments, and duplicate clusters), then
// replaces some reports and deletes others, so that segments hold deleted
// documents.
func nativeIndex(t *testing.T, n int) *Index {
	t.Helper()
	ix, _ := openTemp(t)
	t.Cleanup(func() { ix.Close() })
	arts := demoArticles(t, 31, n)
	runIndexer(t, ix, arts)
	w := ix.NewWriter(0)
	for i := 0; i < len(arts); i += 9 { // replaced: the old version is deleted in its segment
		a := arts[i]
		a.Body += " 补充报道：项目签约后开工建设。Signing completed."
		if err := w.Add(context.Background(), ix.Prepare(a)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	var del []string
	for i := 4; i < len(arts); i += 13 {
		del = append(del, arts[i].ID)
	}
	if err := w.Delete(del...); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	return ix
}

// snapshotShape returns the number of segments of ix's snapshot and of
// documents deleted in them.
func snapshotShape(t *testing.T, ix *Index) (segs int, deleted uint64) {
	t.Helper()
	r := currentReader(t, ix)
	defer r.Close()
	for _, s := range r.(*scorch.IndexSnapshot).Segments() {
		segs++
		if d := s.Deleted(); d != nil {
			deleted += d.GetCardinality()
		}
	}
	return segs, deleted
}

// currentReader returns a reader of ix's current snapshot, which the
// caller closes.
func currentReader(tb testing.TB, ix *Index) bleveindex.IndexReader {
	tb.Helper()
	r, err := ix.snapshot()
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

// blevePass runs q as the column pass does through bleve and returns what
// its handler gets, or ok false when bleve searched another snapshot than r.
func blevePass(t *testing.T, ix *Index, r bleveindex.IndexReader, q query.Query, scored bool) (hits []nativeHit, ok bool) {
	t.Helper()
	req := bleve.NewSearchRequestOptions(q, 0, 0, false)
	req.SortByCustom(search.SortOrder{&search.SortScore{Desc: true}})
	if !scored {
		req.Score = bleve.ScoreNone
	}
	errOther := errors.New("another snapshot")
	maker := func(sc *search.SearchContext) (search.DocumentMatchHandler, bool, error) {
		if sc.IndexReader != r {
			return nil, false, errOther
		}
		return func(d *search.DocumentMatch) error {
			if d != nil {
				hits = append(hits, nativeHit{d.IndexInternalID.Value(), d.Score})
				sc.DocumentMatchPool.Put(d)
			}
			return nil
		}, false, nil
	}
	ctx := context.WithValue(context.Background(), search.MakeDocumentMatchHandlerKey, search.MakeDocumentMatchHandler(maker))
	if _, err := ix.bi.SearchInContext(ctx, req); err != nil {
		if errors.Is(err, errOther) {
			return nil, false
		}
		t.Fatalf("bleve pass: %v", err)
	}
	return hits, true
}

// runNativePass evaluates q natively on r, with the given number of
// workers.
func runNativePass(ix *Index, r bleveindex.IndexReader, q query.Query, scored bool, rep []bool, workers int) ([]nativeHit, error) {
	return runNativeArrays(ix, r, q, nil, scored, rep, workers)
}

// runNativeArrays is runNativePass with the term-frequency arrays of tf.
func runNativeArrays(ix *Index, r bleveindex.IndexReader, q query.Query, tf *tfCache, scored bool, rep []bool, workers int) ([]nativeHit, error) {
	var hits []nativeHit
	err := nativeRun(context.Background(), r, ix.bi.Mapping(), q, tf, scored, rep, workers, func(doc uint64, score float64) error {
		hits = append(hits, nativeHit{doc, score})
		return nil
	})
	return hits, err
}

// diffHits describes the first difference of two passes, or returns "".
func diffHits(want, got []nativeHit) string {
	for i := range min(len(want), len(got)) {
		if want[i].doc != got[i].doc || want[i].score != got[i].score {
			return fmt.Sprintf("hit %d: bleve doc %d score %v, native doc %d score %v (of %d and %d)",
				i, want[i].doc, want[i].score, got[i].doc, got[i].score, len(want), len(got))
		}
	}
	if len(want) != len(got) {
		return fmt.Sprintf("bleve %d hits, native %d", len(want), len(got))
	}
	return ""
}

// compareNative runs q both ways, scored and not, on one snapshot, and
// reports a difference: the native pass with one worker, and with two
// working in small chunks; with columns, also the native pass that drops
// documents standing for no cluster, against bleve's hits so filtered. It
// returns the number of bleve hits of the scored pass. When declineOK, the
// native pass may decline the query.
func compareNative(t *testing.T, ix *Index, name string, q query.Query, declineOK bool) int {
	t.Helper()
	defer func(m, c int) { nativeParallelMin, nativeChunk = m, c }(nativeParallelMin, nativeChunk)
	nativeParallelMin, nativeChunk = 0, 5
	n := 0
	for _, scored := range []bool{true, false} {
		var want, got []nativeHit
		var rep []bool
		for attempt := 0; ; attempt++ {
			r := currentReader(t, ix)
			var ok bool
			want, ok = blevePass(t, ix, r, q, scored)
			if ok {
				var err error
				if got, err = runNativePass(ix, r, q, scored, nil, 1); err != nil {
					r.Close()
					if !declineOK || !errors.Is(err, errNativeUnsupported) || len(got) > 0 {
						t.Errorf("%s (scored %v): native: %v", name, scored, err)
					}
					want, got = nil, nil
					break
				}
				c, err := buildColumns(r)
				if err != nil {
					t.Fatal(err)
				}
				par, err := runNativePass(ix, r, q, scored, nil, 2)
				if err != nil {
					t.Fatal(err)
				}
				if d := diffHits(want, par); d != "" {
					t.Errorf("%s (scored %v, two workers): %s", name, scored, d)
				}
				// Every word read from term-frequency arrays: decoded by
				// the first round, cached for the second.
				arrays, restore := &tfCache{}, allArrays()
				for round := range 2 {
					for workers := 1; workers <= 2; workers++ {
						got, err := runNativeArrays(ix, r, q, arrays, scored, nil, workers)
						if err != nil {
							t.Fatal(err)
						}
						if d := diffHits(want, got); d != "" {
							t.Errorf("%s (scored %v, term arrays, round %d, %d workers): %s", name, scored, round, workers, d)
						}
					}
				}
				restore()
				rep = c.rep
				var repWant []nativeHit
				for _, h := range want {
					if rep[h.doc] {
						repWant = append(repWant, h)
					}
				}
				for workers := 1; workers <= 2; workers++ {
					repGot, err := runNativePass(ix, r, q, scored, rep, workers)
					if err != nil {
						t.Fatal(err)
					}
					if d := diffHits(repWant, repGot); d != "" {
						t.Errorf("%s (scored %v, representatives, %d workers): %s", name, scored, workers, d)
					}
				}
				r.Close()
				break
			}
			r.Close()
			if attempt > 20 {
				t.Fatal("the snapshot keeps changing")
			}
			time.Sleep(20 * time.Millisecond)
		}
		if d := diffHits(want, got); d != "" {
			t.Errorf("%s (scored %v): %s", name, scored, d)
		}
		if scored {
			n = len(want)
		}
	}
	return n
}

// TestNativePassMatchesBleve compares the native pass with bleve's, hit for
// hit and score for score (==), on an index of several segments with
// deleted documents and duplicate clusters, for every query shape the
// search compiles.
func TestNativePassMatchesBleve(t *testing.T) {
	ix := nativeIndex(t, 400)
	segs, deleted := snapshotShape(t, ix)
	t.Logf("%d segments, %d deleted documents", segs, deleted)
	if segs < 2 || deleted == 0 {
		t.Fatalf("%d segments, %d deleted documents: the test needs several segments and deletions", segs, deleted)
	}
	for _, text := range []string{
		"", "签约", "项目", "投资", "investment", "project signing", "Liaocheng", "聊城", "聊城碳化硅",
		"签约 OR project", "项目 -GDP", "NOT 签约", "-签约", "签约 -项目 -investment", "签约 OR (project -signing)",
		`"总投资"`, `"重点项目集中签约"`, `"silicon carbide"`, `"签约"`, `"investment"`, `"总投资" -"重点项目"`,
		`项目 "集中签约"`, `"silicon carbide" OR "总投资"`, `-"总投资"`, `"总投资" OR 签约`,
		"title:签约", "body:签约", `body:"总投资"`, "title:project", `title:"silicon carbide"`,
		"nothingmatchesthis", "签约 nothingmatchesthis", "签约 OR nothingmatchesthis", `"不存在的短语"`,
		"-nothingmatchesthis", "source:Xinhua", "source:政府", "province:山东", "city:聊城", "sector:next-gen-it",
		"项目 签约 投资 亿元", "新能源 新材料 半导体 签约", "项目 项目",
	} {
		q, err := ix.compile(parseQuery(text))
		if err != nil {
			t.Logf("%s: %v (skipped)", text, err)
			continue
		}
		n := compareNative(t, ix, fmt.Sprintf("%q", text), passQuery(passBase(q, filters{})), false)
		t.Logf("%q: %d hits", text, n)
	}
}

// TestNativePassShapes compares both ways for query shapes the search does
// not compile but the native pass evaluates.
func TestNativePassShapes(t *testing.T) {
	ix := nativeIndex(t, 200)
	term := func(field, text string) *query.TermQuery {
		q := bleve.NewTermQuery(text)
		q.SetField(field)
		return q
	}
	match := func(field, text string, or bool) *query.MatchQuery {
		q := bleve.NewMatchQuery(text)
		q.SetField(field)
		if !or {
			q.SetOperator(query.MatchQueryOperatorAnd)
		}
		return q
	}
	boosted := func(q *query.TermQuery, b float64) *query.TermQuery { q.SetBoost(b); return q }
	min2 := bleve.NewDisjunctionQuery(term(fieldBody, "签约"), term(fieldBody, "项目"), term(fieldBody, "投资"), term(fieldTitle, "签约"))
	min2.SetMin(2)
	min5 := bleve.NewDisjunctionQuery(term(fieldBody, "签约"), term(fieldBody, "项目"))
	min5.SetMin(5)
	should := bleve.NewBooleanQuery()
	should.AddMust(term(fieldBody, "项目"))
	should.AddShould(term(fieldTitle, "签约"), term(fieldBody, "investment"))
	shouldMin := bleve.NewBooleanQuery()
	shouldMin.AddMust(term(fieldBody, "项目"))
	shouldMin.AddShould(term(fieldTitle, "签约"), term(fieldBody, "签约"))
	shouldMin.SetMinShould(1)
	onlyShould := bleve.NewBooleanQuery()
	onlyShould.AddShould(term(fieldTitle, "签约"), term(fieldTitle, "项目"))
	shouldNot := bleve.NewBooleanQuery()
	shouldNot.AddShould(term(fieldBody, "签约"))
	shouldNot.AddMustNot(term(fieldBody, "investment"))
	filter := bleve.NewBooleanQuery()
	filter.AddMust(match(fieldBody, "签约", false))
	filter.AddFilter(term(fieldRep, "1"))
	onlyFilter := bleve.NewBooleanQuery()
	onlyFilter.AddFilter(bleve.NewDisjunctionQuery(term(fieldTitle, "签约"), &passPhrase{text: "总投资", field: fieldBody, boost: 1}))
	filterNone := bleve.NewBooleanQuery()
	filterNone.AddMust(term(fieldBody, "项目"))
	filterNone.AddFilter(bleve.NewMatchNoneQuery())
	noneMust := bleve.NewBooleanQuery()
	noneMust.AddMust(bleve.NewMatchNoneQuery())
	noneMust.AddMustNot(term(fieldBody, "项目"))
	allBoost := bleve.NewMatchAllQuery()
	allBoost.SetBoost(3)
	notAll := bleve.NewBooleanQuery()
	notAll.AddMust(allBoost)
	notAll.AddMustNot(&passPhrase{text: "集中签约", field: fieldBody, boost: 1})
	nested := bleve.NewBooleanQuery()
	nested.AddMust(bleve.NewDisjunctionQuery(
		bleve.NewConjunctionQuery(term(fieldBody, "签约"), boosted(term(fieldTitle, "项目"), 3)),
		match(fieldBody, "silicon carbide chip", true),
		&passPhrase{text: "重点项目", field: fieldTitle, boost: 2},
	))
	nested.AddMustNot(match(fieldBody, "GDP", false), &passPhrase{text: "签约仪式", field: fieldBody, boost: 1})
	// A should clause whose one child has Min 1 stays optional (review of
	// stop 12: flattening the min-0 wrapper made it required).
	optOr := bleve.NewBooleanQuery()
	optOr.AddMust(term(fieldBody, "项目"))
	optOr.AddShould(match(fieldBody, "签约 investment", true))
	optOr.AddMustNot(term(fieldBody, "nothingmatchesthis"))
	optConj := bleve.NewBooleanQuery()
	optConj.AddMust(term(fieldBody, "项目"))
	optConj.AddShould(bleve.NewConjunctionQuery(bleve.NewDisjunctionQuery(term(fieldBody, "签约"), term(fieldBody, "investment"))))
	reqShould := bleve.NewBooleanQuery()
	reqShould.AddMust(term(fieldBody, "项目"))
	oneMin := bleve.NewDisjunctionQuery(term(fieldBody, "签约"))
	oneMin.SetMin(1)
	reqShould.Should = oneMin
	// Inside a filter bleve builds a min-1 should unscored, as optional.
	inner := bleve.NewBooleanQuery()
	inner.AddMust(term(fieldBody, "项目"))
	inner.AddShould(term(fieldBody, "签约"), term(fieldBody, "investment"))
	inner.SetMinShould(1)
	filterShould := bleve.NewBooleanQuery()
	filterShould.AddMust(bleve.NewMatchAllQuery())
	filterShould.AddFilter(inner)
	var many []query.Query // twelve clauses, pairs of the same count: bleve's sort is not stable there
	for i, w := range []string{"签约", "项目", "投资", "亿元", "集中", "重点"} {
		many = append(many, boosted(term(fieldBody, w), 1), boosted(term(fieldBody, w), float64(i+2)))
	}
	for _, c := range []struct {
		name      string
		q         query.Query
		declineOK bool // the native pass may leave it to bleve
	}{
		{"term", term(fieldBody, "签约"), false},
		{"boosted term", boosted(term(fieldTitle, "项目"), 4), false},
		{"missing term", term(fieldBody, "nothingmatchesthis"), false},
		{"match and", match(fieldBody, "silicon carbide chip", false), false},
		{"match or", match(fieldBody, "silicon carbide chip", true), false},
		{"match one token", match(fieldTitle, "签约", false), false},
		{"match no token", match(fieldBody, "，。", false), false},
		{"disjunction min 2", min2, false},
		{"disjunction min 5", min5, false},
		{"conjunction of 12", bleve.NewConjunctionQuery(many...), false},
		{"conjunction with none", bleve.NewConjunctionQuery(term(fieldBody, "签约"), bleve.NewMatchNoneQuery()), false},
		{"disjunction with none", bleve.NewDisjunctionQuery(term(fieldBody, "签约"), bleve.NewMatchNoneQuery()), false},
		{"empty conjunction", bleve.NewConjunctionQuery(), false},
		{"should", should, false},
		{"should min 1", shouldMin, true},
		{"only should", onlyShould, false},
		{"should and must-not", shouldNot, false},
		{"filter", filter, false},
		{"only filter", onlyFilter, false},
		{"filter matching nothing", filterNone, false},
		{"must matching nothing with must-not", noneMust, false},
		{"match all boosted", allBoost, false},
		{"match all but a phrase", notAll, false},
		{"nested", nested, false},
		{"match none", bleve.NewMatchNoneQuery(), false},
		{"phrase with a gap", &passPhrase{text: "签约 。 项目", field: fieldBody, boost: 1}, false},
		{"optional should of an OR match", optOr, false},
		{"optional should of a conjunction", optConj, false},
		{"required should of one", reqShould, true}, // unscored it is left to bleve
		{"should min 1 in a filter", filterShould, true},
	} {
		n := compareNative(t, ix, c.name, c.q, c.declineOK)
		t.Logf("%s: %d hits", c.name, n)
	}
}

// TestNativePassUnsupported checks that the native pass declines what it
// does not evaluate, before giving any hit, and that a search with such a
// query still runs (through bleve).
func TestNativePassUnsupported(t *testing.T) {
	ix := nativeIndex(t, 60)
	after := time.Now().Add(-time.Hour)
	fuzzy := bleve.NewMatchQuery("signing")
	fuzzy.SetField(fieldBody)
	fuzzy.SetFuzziness(1)
	var many []query.Query
	for range 11 {
		many = append(many, bleve.NewTermQuery("签约"))
	}
	for _, c := range []struct {
		name string
		q    query.Query
	}{
		{"indexed after", passQuery(passBase(bleve.NewMatchAllQuery(), filters{indexedAfter: &after}))},
		{"fuzzy", fuzzy},
		{"prefix", bleve.NewPrefixQuery("sign")},
		{"bleve phrase", bleve.NewMatchPhraseQuery("总投资")},
		{"heap disjunction", bleve.NewDisjunctionQuery(many...)},
		{"query string", bleve.NewQueryStringQuery("签约")},
	} {
		r := currentReader(t, ix)
		hits, err := runNativePass(ix, r, c.q, true, nil, 1)
		r.Close()
		if !errors.Is(err, errNativeUnsupported) || len(hits) > 0 {
			t.Errorf("%s: %d hits, error %v; want errNativeUnsupported and none", c.name, len(hits), err)
		}
	}
	res, err := ix.Search(context.Background(), Query{Text: "签约", IndexedAfter: &after})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total == 0 {
		t.Error("indexed-after search found nothing")
	}
}

// TestNativePassRandomWords compares both ways for random combinations of
// the corpus's words: one to three words or phrases, with OR, exclusions
// and scopes.
func TestNativePassRandomWords(t *testing.T) {
	arts := demoArticles(t, 31, 300)
	ix := nativeIndex(t, 300)
	seen := map[string]bool{}
	var vocab []string
	for _, a := range arts[:120] {
		for _, w := range analyzers.Segment(a.Title + " " + a.Body[:min(len(a.Body), 300)]) {
			w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
			if w != "" && !seen[w] && !strings.ContainsAny(w, `"():-`) {
				seen[w] = true
				vocab = append(vocab, w)
			}
		}
	}
	rng := rand.New(rand.NewPCG(7, 11))
	word := func() string {
		w := vocab[rng.IntN(len(vocab))]
		switch rng.IntN(8) {
		case 0:
			return `"` + w + " " + vocab[rng.IntN(len(vocab))] + `"`
		case 1:
			return `"` + w + `"`
		case 2:
			return "title:" + w
		}
		return w
	}
	n, found := 300, 0
	if testing.Short() {
		n = 60
	}
	defer func() { t.Logf("%d of %d queries found something", found, n) }()
	for range n {
		parts := []string{word()}
		for range rng.IntN(3) {
			switch rng.IntN(4) {
			case 0:
				parts = append(parts, "OR", word())
			case 1:
				parts = append(parts, "-"+word())
			default:
				parts = append(parts, word())
			}
		}
		text := strings.Join(parts, " ")
		q, err := ix.compile(parseQuery(text))
		if err != nil {
			continue
		}
		if compareNative(t, ix, fmt.Sprintf("%q", text), passQuery(passBase(q, filters{})), false) > 0 {
			found++
		}
	}
}

// TestNativePassSearches runs whole searches (every sort, pages, cursors,
// facets) with the native pass and with bleve's and compares the answers.
func TestNativePassSearches(t *testing.T) {
	ix := nativeIndex(t, 200)
	ix.SetPassCache(0)
	withNative := func(on bool) func(Query) []string {
		return func(q Query) []string {
			defer func(old bool) { nativePass = old }(nativePass)
			nativePass = on
			return pages(t, ix, q, false)
		}
	}
	comparePaths(t, ix, withNative(true), withNative(false))
}

// TestNativePassCanceled checks that a canceled pass stops with the
// context's error: canceled before it starts, with one worker and with two,
// and canceled during the pass with two workers (which look at the context
// before each chunk; bleve and a single worker look every 1024 candidates).
func TestNativePassCanceled(t *testing.T) {
	ix := nativeIndex(t, 60)
	defer func(m, c int) { nativeParallelMin, nativeChunk = m, c }(nativeParallelMin, nativeChunk)
	nativeParallelMin, nativeChunk = 0, 5
	q, err := ix.compile(parseQuery("签约 OR project"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		workers, cancelAt int
	}{{1, 0}, {2, 0}, {2, 3}} {
		ctx, cancel := context.WithCancel(context.Background())
		if c.cancelAt == 0 {
			cancel()
		}
		r := currentReader(t, ix)
		n := 0
		err := nativeRun(ctx, r, ix.bi.Mapping(), passQuery(passBase(q, filters{})), nil, true, nil, c.workers, func(uint64, float64) error {
			if n++; n == c.cancelAt {
				cancel()
			}
			return nil
		})
		r.Close()
		cancel()
		if !errors.Is(err, context.Canceled) || c.cancelAt == 0 && n > 0 {
			t.Errorf("%d workers, canceled after %d hits: %d hits, error %v; want context.Canceled", c.workers, c.cancelAt, n, err)
		}
	}
}
