package analyzers

import (
	"fmt"
	"hash"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/investnews/regionsearch/analyzers/gazetteer"
)

// zoneSuffixes are the generic endings of development-zone names that are
// joined to every prefecture- and county-level short name (南湖高新区,
// 聊城经开区), so a zone's name is one token.
var zoneSuffixes = []string{"高新区", "经开区", "开发区"}

// genericSuffixes end place names whose short name is the whole name
// (new areas): the boundary of 两江新区 is after 两江.
var genericSuffixes = []string{"新区", "特区", "林区", "地区", "区", "县", "市", "旗", "盟", "省"}

// userWords are the words the analyzer adds to jieba's dictionary: every
// Chinese name of the gazetteer and the zone forms of city and county short
// names. Each maps to the rune index where the specific part of the name
// ends (聊城市 → 2), or 0 if it has none; search-mode sub-words that cross
// that boundary (城市 inside 聊城市) are not emitted, so a query for 城市
// does not match every city name that ends in 城.
type userWords struct {
	boundary map[string]int
	known    map[string]bool // already in the main dictionary
}

func buildUserWords() (*userWords, error) {
	g, err := gazetteer.Default()
	if err != nil {
		return nil, fmt.Errorf("analyzers: load gazetteer: %w", err)
	}
	u := &userWords{boundary: map[string]int{}, known: map[string]bool{}}
	add := func(word string, b int) {
		if utf8.RuneCountInString(word) < 2 {
			return
		}
		if old, ok := u.boundary[word]; ok && (old != 0 || b == 0) {
			return
		}
		u.boundary[word] = b
	}
	for _, name := range g.ZhNames() {
		add(fold(name), 0)
	}
	for _, p := range g.Places() {
		name, short := fold(p.NameZh), fold(p.ShortZh)
		ns := utf8.RuneCountInString(short)
		if ns >= 2 && short != name && strings.HasPrefix(name, short) {
			add(name, ns)
		} else {
			add(name, suffixBoundary(name))
		}
		if ns >= 2 && (p.Level == gazetteer.Prefecture || p.Level == gazetteer.County) && p.Kind == gazetteer.Division {
			for _, s := range zoneSuffixes {
				add(short+s, ns)
			}
		}
	}
	return u, nil
}

// suffixBoundary returns the rune index where a generic suffix of name
// starts, if what precedes it has at least two runes.
func suffixBoundary(name string) int {
	for _, s := range genericSuffixes {
		if strings.HasSuffix(name, s) {
			if n := utf8.RuneCountInString(name) - utf8.RuneCountInString(s); n >= 2 {
				return n
			}
		}
	}
	return 0
}

// markKnown records that word is in the main dictionary already, so it is
// not added again with the default user-word weight.
func (u *userWords) markKnown(word string) {
	if _, ok := u.boundary[word]; ok {
		u.known[word] = true
	}
}

// toAdd returns the sorted words jieba does not know yet.
func (u *userWords) toAdd() []string {
	var out []string
	for w := range u.boundary {
		if !u.known[w] {
			out = append(out, w)
		}
	}
	sort.Strings(out)
	return out
}

// hash adds the words and their boundaries to a dictionary version hash.
func (u *userWords) hash(h hash.Hash) {
	words := make([]string, 0, len(u.boundary))
	for w := range u.boundary {
		words = append(words, w)
	}
	sort.Strings(words)
	fmt.Fprintf(h, "userwords %d\n", len(words))
	for _, w := range words {
		fmt.Fprintf(h, "%s %d\n", w, u.boundary[w])
	}
}

// fold is the zh_fold char filter applied to a string.
func fold(s string) string {
	return string(NewFoldFilter().Filter([]byte(s)))
}
