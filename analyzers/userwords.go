package analyzers

import (
	"fmt"
	"hash"
	"math"
	"sort"
	"strings"
	"sync"
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

// zoneGenerics end the names of development zones, longest first: the
// boundary of 东湖高新区 is after 东湖, that of 苏州工业园区 after 苏州, that of
// 武汉东湖新技术开发区 after 武汉东湖.
var zoneGenerics = []string{
	"现代服务业合作区", "高新技术产业开发区", "高技术产业开发区", "高新技术产业园区", "高新技术开发区",
	"经济技术开发区", "新技术开发区", "自由贸易试验区", "经济开发区", "深度合作区", "高科技园区",
	"台商投资区", "科技园区", "工业园区", "产业园区", "高新区", "经开区", "开发区", "示范区",
	"合作区", "新片区", "生态城", "知识城", "科学城", "科技城", "投资区", "新区", "园区",
}

// zoneBoundary returns the rune index where the generic part of a zone name
// starts, if what precedes it has at least two runes, else the boundary of
// an ordinary place name.
func zoneBoundary(name string) int {
	for _, s := range zoneGenerics {
		if strings.HasSuffix(name, s) {
			if n := utf8.RuneCountInString(name) - utf8.RuneCountInString(s); n >= 2 {
				return n
			}
		}
	}
	return suffixBoundary(name)
}

// userWords are the words the analyzer adds to jieba's dictionary: every
// Chinese name of the gazetteer (divisions, new areas, NBS functional zones
// and the national development zones with their short names and aliases)
// and the zone forms of city and county short names. Each maps to the rune
// index where the specific part of the name ends (聊城市 → 2, 东湖高新区 → 2),
// or 0 if it has none; search-mode sub-words that cross that boundary (城市
// inside 聊城市) are not emitted, so a query for 城市 does not match every
// city name that ends in 城, and the two parts are tokens of their own.
type userWords struct {
	boundary map[string]int // shared, read-only
	// freq holds the main dictionary's frequency of each user word and of
	// each of their substrings, filled by markKnown.
	freq    map[string]float64
	sum     float64   // sum of all dictionary frequencies
	minFreq float64   // smallest dictionary frequency
	all     []float64 // every dictionary frequency, for the median
}

var (
	baseOnce     sync.Once
	baseBoundary map[string]int
	baseSubs     []string
	baseErr      error
)

// buildUserWords returns a fresh userWords for one dictionary directory; the
// words and boundaries, which depend only on the embedded gazetteer, are
// computed once per process.
func buildUserWords() (*userWords, error) {
	baseOnce.Do(func() { baseBoundary, baseSubs, baseErr = gazetteerWords() })
	if baseErr != nil {
		return nil, baseErr
	}
	u := &userWords{boundary: baseBoundary, freq: make(map[string]float64, len(baseSubs))}
	for _, s := range baseSubs {
		u.freq[s] = 0
	}
	return u, nil
}

// gazetteerWords returns the user words with their boundaries, and every
// substring of them (whose dictionary frequencies toAdd needs).
func gazetteerWords() (map[string]int, []string, error) {
	g, err := gazetteer.Default()
	if err != nil {
		return nil, nil, fmt.Errorf("analyzers: load gazetteer: %w", err)
	}
	boundary := map[string]int{}
	add := func(word string, b int) {
		if utf8.RuneCountInString(word) < 2 {
			return
		}
		if old, ok := boundary[word]; ok && (old != 0 || b == 0) {
			return
		}
		boundary[word] = b
	}
	// Development zones first, so their names take the zone boundary.
	for _, z := range g.Zones() {
		for _, n := range append([]string{z.NameZh, z.ShortZh}, z.AliasesZh...) {
			n = fold(n)
			add(n, zoneBoundary(n))
		}
	}
	for _, name := range g.ZhNames() {
		add(fold(name), 0)
	}
	for _, p := range g.Places() {
		if p.IsZone() {
			n := fold(p.NameZh)
			add(n, zoneBoundary(n))
			continue
		}
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
	seen := map[string]bool{}
	var subs []string
	for w := range boundary {
		r := []rune(w)
		for i := range r {
			for j := i + 1; j <= len(r); j++ {
				if s := string(r[i:j]); !seen[s] {
					seen[s] = true
					subs = append(subs, s)
				}
			}
		}
	}
	return boundary, subs, nil
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

// markKnown records the frequency of a main-dictionary word.
func (u *userWords) markKnown(word string, freq float64) {
	u.sum += freq
	if u.minFreq == 0 || freq < u.minFreq {
		u.minFreq = freq
	}
	u.all = append(u.all, freq)
	if _, ok := u.freq[word]; ok {
		u.freq[word] = freq
	}
}

// wordFreq is a user word and the frequency it is added with.
type wordFreq struct {
	word string
	freq int
}

// toAdd returns, sorted, the user words jieba must be given, each with a
// frequency just high enough (three times) to beat the best segmentation of
// the word into other dictionary words, and at least the dictionary's median,
// which is what jieba gives user words by default. Words the dictionary
// already knows well enough are left alone.
func (u *userWords) toAdd() []wordFreq {
	median := 1.0
	if len(u.all) > 0 {
		all := append([]float64(nil), u.all...)
		sort.Float64s(all)
		median = all[len(all)/2]
	}
	var out []wordFreq
	for w := range u.boundary {
		need := 3 * u.bestSplit(w)
		if f := u.freq[w]; f > 0 && f >= need {
			continue
		}
		need = math.Max(need, median)
		if need > math.MaxInt32 {
			need = math.MaxInt32
		}
		out = append(out, wordFreq{w, int(math.Ceil(need))})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].word < out[j].word })
	return out
}

// bestSplit returns, as a frequency, the probability of the most likely
// segmentation of w into at least two dictionary words, as jieba's
// max-probability segmenter computes it (characters missing from the
// dictionary get the smallest frequency).
func (u *userWords) bestSplit(w string) float64 {
	if u.sum <= 0 {
		return 0
	}
	r := []rune(w)
	n := len(r)
	// best[i] is the best log probability of r[i:]
	best := make([]float64, n+1)
	for i := n - 1; i >= 0; i-- {
		best[i] = math.Inf(-1)
		for j := i + 1; j <= n; j++ {
			if i == 0 && j == n {
				continue // the word itself
			}
			f := u.freq[string(r[i:j])]
			if f <= 0 {
				if j != i+1 {
					continue
				}
				f = u.minFreq
			}
			if v := math.Log(f/u.sum) + best[j]; v > best[i] {
				best[i] = v
			}
		}
	}
	return math.Exp(best[0]) * u.sum
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
