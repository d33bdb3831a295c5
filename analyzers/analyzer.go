package analyzers

import (
	"bytes"
	"fmt"
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/registry"
)

// AnalyzerName is the registered name of the news analyzer: the zh_fold char
// filter, the gojieba tokenizer and the zh_latin token filter.
const AnalyzerName = "zh_news"

// LatinFilterName is the registered name of the token filter that
// normalises non-Chinese tokens.
const LatinFilterName = "zh_latin"

func init() {
	if err := registry.RegisterTokenFilter(LatinFilterName, latinFilterConstructor); err != nil {
		panic(err)
	}
	if err := registry.RegisterAnalyzer(AnalyzerName, analyzerConstructor); err != nil {
		panic(err)
	}
}

func analyzerConstructor(config map[string]interface{}, cache *registry.Cache) (analysis.Analyzer, error) {
	cf, err := cache.CharFilterNamed(CharFilterName)
	if err != nil {
		return nil, fmt.Errorf("analyzers: %s: %w", AnalyzerName, err)
	}
	tok, err := cache.TokenizerNamed(TokenizerName)
	if err != nil {
		return nil, fmt.Errorf("analyzers: %s: %w", AnalyzerName, err)
	}
	latin, err := cache.TokenFilterNamed(LatinFilterName)
	if err != nil {
		return nil, fmt.Errorf("analyzers: %s: %w", AnalyzerName, err)
	}
	return &analysis.DefaultAnalyzer{
		CharFilters:  []analysis.CharFilter{cf},
		Tokenizer:    tok,
		TokenFilters: []analysis.TokenFilter{latin},
	}, nil
}

// LatinFilter normalises the tokens that are not Chinese words: it removes
// English possessives (China's → china), drops apostrophes inside words
// (Xi'an → xian, as the gazetteer spells pinyin), lowercases, and stems
// words made only of ASCII letters with bleve's English Snowball stemmer.
// Tokens with digits (5G, 3DIC, 1.2) and words in other scripts are only
// lowercased. Chinese tokens pass
// through untouched.
//
// English stop words are kept: "US", "IT" and "A" (A-shares) are content
// words in investment news, and phrase queries stay exact; BM25 scoring
// already gives common words little weight.
type LatinFilter struct {
	possessive analysis.TokenFilter
	stem       analysis.TokenFilter

	mu    sync.RWMutex
	stems map[string]string // word → stem
}

func latinFilterConstructor(config map[string]interface{}, cache *registry.Cache) (analysis.TokenFilter, error) {
	pos, err := cache.TokenFilterNamed(en.PossessiveName)
	if err != nil {
		return nil, err
	}
	stem, err := cache.TokenFilterNamed(en.SnowballStemmerName)
	if err != nil {
		return nil, err
	}
	return &LatinFilter{possessive: pos, stem: stem, stems: map[string]string{}}, nil
}

// Filter implements analysis.TokenFilter.
func (f *LatinFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	var latin, words analysis.TokenStream
	for _, t := range input {
		if t.Type == analysis.Ideographic || t.KeyWord {
			continue
		}
		latin = append(latin, t)
	}
	if len(latin) == 0 {
		return input
	}
	f.possessive.Filter(latin)
	for _, t := range latin {
		if i := bytes.IndexFunc(t.Term, isApostrophe); i >= 0 {
			t.Term = dropApostrophes(t.Term)
		}
	}
	for _, t := range latin {
		t.Term = toLower(t.Term)
		if t.Type == analysis.AlphaNumeric && asciiLetters(t.Term) {
			words = append(words, t)
		}
	}
	for _, t := range words {
		t.Term = f.stemWord(t.Term)
	}
	return input
}

// stemCacheMax bounds the stem cache; when full it starts again.
const stemCacheMax = 1 << 16

// stemWord returns the stem of a lowercase ASCII word, written over b when
// it fits (a stem is never longer than its word). Stems are cached: news
// repeats its vocabulary, and Snowball allocates.
//
// Snowball is not idempotent on every word (zhangye → zhangy → zhangi), so
// the word is stemmed to a fixed point: then analysing an index term gives
// the term back, and Expand's terms can go through a match query unchanged.
func (f *LatinFilter) stemWord(b []byte) []byte {
	f.mu.RLock()
	stem, ok := f.stems[string(b)]
	f.mu.RUnlock()
	if !ok {
		word := string(b)
		one := analysis.TokenStream{{Term: b}}
		for round := 0; round < 4; round++ {
			before := one[0].Term // the stemmer replaces Term, never writes to it
			f.stem.Filter(one)
			if bytes.Equal(before, one[0].Term) {
				break
			}
		}
		stem = string(one[0].Term)
		f.mu.Lock()
		if len(f.stems) >= stemCacheMax {
			clear(f.stems)
		}
		f.stems[word] = stem
		f.mu.Unlock()
	}
	if len(stem) <= len(b) {
		return b[:copy(b, stem)]
	}
	return []byte(stem)
}

// toLower lowercases b, in place when it is ASCII. (bleve's to_lower filter
// corrupts terms holding a character whose lower case is shorter in UTF-8,
// such as U+212A KELVIN SIGN or U+212B ANGSTROM SIGN.)
func toLower(b []byte) []byte {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return bytes.ToLower(b)
		}
	}
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return b
}

func dropApostrophes(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if !isApostrophe(r) {
			out = append(out, b[:n]...)
		}
		b = b[n:]
	}
	return out
}

// asciiLetters reports whether b is made only of ASCII letters, the words
// the English stemmer is meant for.
func asciiLetters(b []byte) bool {
	for _, c := range b {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return false
		}
	}
	return len(b) > 0
}
