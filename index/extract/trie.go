package extract

import "unicode/utf8"

// runeTrie is a dictionary of strings over runes for leftmost-longest
// matching in Chinese text. Values are small integers chosen by the caller;
// -1 means no word ends at a node.
type runeTrie struct {
	nodes []runeNode
	// first is a bitmap of the runes (below 0x10000) that start a word, so
	// that most text positions are rejected without a map lookup.
	first    [0x10000 / 64]uint64
	bigFirst bool // a word starts with a rune beyond the bitmap
}

// mayStart reports whether a word could start with r.
func (t *runeTrie) mayStart(r rune) bool {
	if r < 0x10000 {
		return t.first[r/64]&(1<<(r%64)) != 0
	}
	return t.bigFirst
}

type runeNode struct {
	kids map[rune]int32
	val  int32
}

func newRuneTrie() *runeTrie {
	return &runeTrie{nodes: []runeNode{{val: -1}}}
}

// insert adds word with value v, returning the previous value or -1.
func (t *runeTrie) insert(word string, v int32) int32 {
	if r, _ := utf8.DecodeRuneInString(word); r < 0x10000 {
		t.first[r/64] |= 1 << (r % 64)
	} else {
		t.bigFirst = true
	}
	n := int32(0)
	for _, r := range word {
		nd := &t.nodes[n]
		k, ok := nd.kids[r]
		if !ok {
			if nd.kids == nil {
				nd.kids = make(map[rune]int32, 1)
			}
			k = int32(len(t.nodes))
			nd.kids[r] = k
			t.nodes = append(t.nodes, runeNode{val: -1})
		}
		n = k
	}
	old := t.nodes[n].val
	t.nodes[n].val = v
	return old
}

// get returns the value stored for word, or -1.
func (t *runeTrie) get(word string) int32 {
	n := int32(0)
	for _, r := range word {
		k, ok := t.nodes[n].kids[r]
		if !ok {
			return -1
		}
		n = k
	}
	return t.nodes[n].val
}

// longest returns the value and end offset of the longest word starting at
// s[i:], or -1.
func (t *runeTrie) longest(s string, i int) (int32, int) {
	if i < len(s) {
		r, _ := utf8.DecodeRuneInString(s[i:])
		if !t.mayStart(r) {
			return -1, i
		}
	}
	n := int32(0)
	best, end := int32(-1), i
	for j := i; j < len(s); {
		r, sz := utf8.DecodeRuneInString(s[j:])
		k, ok := t.nodes[n].kids[r]
		if !ok {
			break
		}
		n = k
		j += sz
		if v := t.nodes[n].val; v >= 0 {
			best, end = v, j
		}
	}
	return best, end
}

// token is one ASCII word of a text: a run of letters and digits. Offsets are
// bytes; the folded text gives its lower-case form at the same offsets.
type token struct{ start, end int }

// tokenize splits the folded text f into ASCII words, skipping everything
// else (punctuation, spaces, Chinese).
func tokenize(f string, buf []token) []token {
	out := buf[:0]
	for i := 0; i < len(f); {
		if !isASCIIAlnum(f[i]) {
			i++
			continue
		}
		j := i
		for j < len(f) && isASCIIAlnum(f[j]) {
			j++
		}
		out = append(out, token{i, j})
		i = j
	}
	return out
}

// wordTrie is a dictionary of word sequences for English text.
type wordTrie struct {
	nodes []wordNode
}

type wordNode struct {
	kids map[string]int32
	val  int32
}

func newWordTrie() *wordTrie {
	return &wordTrie{nodes: []wordNode{{val: -1}}}
}

// splitWords splits a phrase into the lower-case words tokenize would give.
func splitWords(phrase string) []string {
	f := fold(phrase)
	var out []string
	for _, t := range tokenize(f, nil) {
		out = append(out, f[t.start:t.end])
	}
	return out
}

// insert adds a word sequence with value v, returning the previous value or
// -1.
func (t *wordTrie) insert(words []string, v int32) int32 {
	if len(words) == 0 {
		return -1
	}
	n := int32(0)
	for _, w := range words {
		nd := &t.nodes[n]
		k, ok := nd.kids[w]
		if !ok {
			if nd.kids == nil {
				nd.kids = make(map[string]int32, 1)
			}
			k = int32(len(t.nodes))
			nd.kids[w] = k
			t.nodes = append(t.nodes, wordNode{val: -1})
		}
		n = k
	}
	old := t.nodes[n].val
	t.nodes[n].val = v
	return old
}

// longest returns the value and the number of tokens of the longest phrase
// starting at toks[i], or -1. Tokens must be adjacent: only spaces, hyphens,
// apostrophes, ampersands, dots and slashes may separate the words of a
// phrase.
func (t *wordTrie) longest(f string, toks []token, i int) (int32, int) {
	n := int32(0)
	best, cnt := int32(-1), 0
	for j := i; j < len(toks); j++ {
		if j > i && !joinable(f[toks[j-1].end:toks[j].start]) {
			break
		}
		k, ok := t.nodes[n].kids[f[toks[j].start:toks[j].end]]
		if !ok {
			break
		}
		n = k
		if v := t.nodes[n].val; v >= 0 {
			best, cnt = v, j-i+1
		}
	}
	return best, cnt
}

// joinable reports whether the text between two words keeps them in one
// phrase.
func joinable(gap string) bool {
	if gap == "’" {
		return true
	}
	if len(gap) > 3 {
		return false
	}
	for i := 0; i < len(gap); i++ {
		switch gap[i] {
		case ' ', '-', '\'', '&', '.', '/':
		default:
			return false
		}
	}
	return true
}
