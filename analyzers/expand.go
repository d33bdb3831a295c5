package analyzers

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/investnews/regionsearch/analyzers/gazetteer"
)

var (
	latinOnce sync.Once
	latinF    analysis.TokenFilter
	latinErr  error
)

// latinTerms analyses non-Chinese text the way zh_news does (without jieba,
// which it never needs) and returns the terms.
func latinTerms(s string) []string {
	latinOnce.Do(func() {
		latinF, latinErr = registry.NewCache().TokenFilterNamed(LatinFilterName)
	})
	if latinErr != nil {
		return nil
	}
	in := NewFoldFilter().Filter([]byte(s))
	sc := &scan{in: in, pos: 1}
	sc.run()
	if len(sc.han) > 0 {
		return nil
	}
	toks := latinF.Filter(sc.other)
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		out = append(out, string(t.Term))
	}
	return out
}

// Expand returns the index terms that name the same place as word, in both
// scripts, for cross-script search at query time: "聊城" gives 聊城, 聊城市
// and liaocheng; "Liaocheng" gives liaocheng, 聊城市 and 聊城; "Shandong"
// gives shandong, 山东省 and 山东. The terms are in analysed form (simplified
// Chinese, lowercased and stemmed English), exactly as zh_news puts them in
// the index, so a caller can OR term queries over them. An English name of
// several words ("Hong Kong") is returned as its analysed terms joined by
// one space, to be searched as a phrase (strings.Fields gives the terms).
// A development zone expands to all its names: 光谷 gives 武汉东湖新技术开发区,
// 东湖高新区, 光谷, ... and "wuhan east lake high tech develop zone".
//
// Word may be traditional Chinese or any letter case. Expand returns nil if
// word is not a place name in the gazetteer. It reads only the embedded
// gazetteer, so alias changes need no reindex, and it never needs jieba.
func Expand(word string) []string {
	raw := strings.TrimSpace(word)
	word = strings.TrimSpace(fold(raw))
	if word == "" {
		return nil
	}
	g, err := gazetteer.Default()
	if err != nil {
		return nil
	}
	// The gazetteer is in simplified Chinese, which zh_fold may still change
	// (乾县 → 干县, as OpenCC maps 乾 → 干): try the word as given first.
	places := g.LookupZh(raw)
	if len(places) == 0 {
		places = g.LookupZh(word)
	}
	if len(places) == 0 {
		places = g.LookupEn(word)
	}
	if len(places) == 0 {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	addTerm := func(t string) {
		if t != "" && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	addZh := func(s string) {
		if utf8.RuneCountInString(s) >= 2 {
			addTerm(fold(s))
		}
	}
	addEn := func(s string) {
		addTerm(strings.Join(latinTerms(s), " "))
	}
	if isHanString(word) {
		addZh(word)
	} else {
		addEn(word)
	}
	for _, p := range places {
		addZh(p.NameZh)
		addZh(p.ShortZh)
		for _, a := range p.AliasesZh {
			addZh(a)
		}
	}
	for _, p := range places {
		addEn(p.Pinyin)
		if p.Zone != "" {
			// A zone has no pinyin of its own: its English names stand
			// for it (East Lake High-tech Zone, not Donghu).
			addEn(p.NameEn)
		}
		for _, a := range p.AliasesEn {
			addEn(a)
		}
	}
	return out
}

func isHanString(s string) bool {
	for _, r := range s {
		if !isHan(r) {
			return false
		}
	}
	return true
}

// Segment returns the words text is cut into: the ordinary jieba
// segmentation of its Chinese parts (without search-mode sub-words) and its
// other words, in order, as they are written in text (traditional
// characters, letter case and possessives kept; whitespace and invisible
// characters inside a word dropped). It is meant for showing a user how a
// query was understood, and each word can be given to Expand or analysed on
// its own. It returns nil if the dictionaries cannot be loaded.
func Segment(text string) []string {
	st, err := configured()
	if err != nil {
		return nil
	}
	t := &Tokenizer{jieba: st.jieba, words: st.words, hmm: true, search: true}
	in := NewFoldFilter().Filter([]byte(text))
	toks, base := t.tokenize(in, true)
	var out []string
	for i, tk := range toks {
		if base[i] {
			out = append(out, strings.Map(dropInvisible, text[tk.Start:tk.End]))
		}
	}
	return out
}

// dropInvisible removes whitespace and ignorable characters from a word.
func dropInvisible(r rune) rune {
	if unicode.IsSpace(r) || isIgnorable(r) {
		return -1
	}
	return r
}
