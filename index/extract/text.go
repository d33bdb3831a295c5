package extract

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/investnews/regionsearch/analyzers/t2s"
)

// span is a half-open byte range [start, end) in a text.
type span struct{ start, end int }

// isHan reports whether r is a CJK unified ideograph (the common blocks).
func isHan(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && r <= 0x4DBF || r >= 0xF900 && r <= 0xFAFF
}

func isASCIIAlnum(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// fold returns s with ASCII letters lowered and traditional Chinese
// characters mapped to their simplified forms by the analyzer's table
// (package t2s, the one the zh_fold char filter uses). Every replacement
// keeps its UTF-8 length, so byte offsets in the result are offsets in s.
// It allocates only when something changes.
func fold(s string) string {
	var b []byte
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 'A' && c <= 'Z' {
				if b == nil {
					b = []byte(s)
				}
				b[i] = c + 'a' - 'A'
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if sr, ok := t2s.Simplify(r); ok && utf8.RuneLen(sr) == n {
			if b == nil {
				b = []byte(s)
			}
			utf8.EncodeRune(b[i:], sr)
		}
		i += n
	}
	if b == nil {
		return s
	}
	return string(b)
}

// segmenter splits a text into sentences and clauses once, so that every
// later question "which sentence is offset i in" is a binary search.
type segmenter struct {
	sents   []span
	clauses []span
}

// segment builds the sentence and clause boundaries of text. Sentences end at
// Chinese and English full stops, question and exclamation marks, semicolons
// and line breaks; an English full stop ends a sentence only when followed by
// a space and not preceded by a known abbreviation or a digit. Clauses also
// end at commas (Chinese or English) and the Chinese enumeration comma is not
// a boundary.
func segment(text string) segmenter {
	var sg segmenter
	sStart, cStart := 0, 0
	flushClause := func(end int) {
		if end > cStart {
			sg.clauses = append(sg.clauses, span{cStart, end})
		}
		cStart = end
	}
	flushSent := func(end int) {
		flushClause(end)
		if end > sStart {
			sg.sents = append(sg.sents, span{sStart, end})
		}
		sStart = end
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			switch c {
			case '\n', ';', '!', '?':
				flushSent(i + 1)
			case '.':
				if endsSentence(text, i) {
					flushSent(i + 1)
				}
			case ',':
				if !(i > 0 && isDigit(text[i-1]) && i+1 < len(text) && isDigit(text[i+1])) {
					flushClause(i + 1) // not a thousands separator
				}
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		switch r {
		case '。', '！', '？', '；':
			flushSent(i + n)
		case '，', '：':
			flushClause(i + n)
		}
		i += n
	}
	flushSent(len(text))
	return sg
}

// abbreviations that end with a full stop inside an English sentence.
var abbrevs = map[string]bool{
	"co": true, "ltd": true, "inc": true, "corp": true, "no": true, "dr": true, "mr": true,
	"ms": true, "mrs": true, "st": true, "u.s": true, "jan": true, "feb": true, "mar": true,
	"apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true, "oct": true,
	"nov": true, "dec": true, "vs": true, "e.g": true, "i.e": true, "etc": true, "u.k": true,
	"approx": true, "gov": true, "dept": true, "prof": true, "jr": true, "sr": true, "bros": true,
}

// endsSentence decides whether the full stop at text[i] ends a sentence.
func endsSentence(text string, i int) bool {
	if i+1 < len(text) {
		n := text[i+1]
		if isASCIIAlnum(n) || n == '.' || n == ',' || n == '-' || n == '_' || n == '/' {
			return false // 3.5, U.S., example.com
		}
	}
	j := i
	for j > 0 && (isASCIIAlnum(text[j-1]) || text[j-1] == '.') {
		j--
	}
	w := strings.ToLower(text[j:i])
	if abbrevs[w] {
		return false
	}
	if len(w) == 1 && w[0] >= 'a' && w[0] <= 'z' {
		return false // initials: E. China, J. Smith
	}
	return true
}

func findSpan(list []span, i int) (span, int) {
	lo, hi := 0, len(list)
	for lo < hi {
		m := (lo + hi) / 2
		if list[m].end <= i {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(list) {
		return list[lo], lo
	}
	return span{0, 0}, -1
}

// sentence returns the sentence holding byte offset i and its index.
func (sg *segmenter) sentence(i int) (span, int) { return findSpan(sg.sents, i) }

// clause returns the clause holding byte offset i.
func (sg *segmenter) clause(i int) span {
	s, _ := findSpan(sg.clauses, i)
	return s
}

// runeBefore returns the rune ending at byte offset i, or 0.
func runeBefore(s string, i int) rune {
	if i <= 0 {
		return 0
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return r
}

// runeAt returns the rune starting at byte offset i, or 0.
func runeAt(s string, i int) rune {
	if i >= len(s) {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r
}

// hasAnyPrefix reports whether s[i:] starts with one of the words and returns
// its length.
func hasAnyPrefix(s string, i int, words []string) (int, bool) {
	for _, w := range words {
		if strings.HasPrefix(s[i:], w) {
			return len(w), true
		}
	}
	return 0, false
}

// skipSpaces returns the first offset at or after i that is not an ASCII or
// ideographic space.
func skipSpaces(s string, i int) int {
	for i < len(s) {
		if s[i] == ' ' || s[i] == '\t' || s[i] == 0xA0 {
			i++
			continue
		}
		if strings.HasPrefix(s[i:], "\u00a0") {
			i += 2
			continue
		}
		if strings.HasPrefix(s[i:], "\u3000") {
			i += 3
			continue
		}
		break
	}
	return i
}

// cueSet is a compiled list of context words. A word made of ASCII
// characters matches at the start of a word ("invest" matches
// "investment"), or as a whole word when written with a trailing "$"
// ("tax$"); others (Chinese) match anywhere. Words are given folded (lower
// case, simplified). A set scans a text once, whatever its size.
type cueSet struct {
	t          *runeTrie
	words      []string
	whole      []bool
	asciiFirst [utf8.RuneSelf]bool
}

// cues compiles a cue list.
func cues(words ...string) *cueSet {
	cs := &cueSet{t: newRuneTrie()}
	for _, w := range words {
		whole := strings.HasSuffix(w, "$")
		w = strings.TrimSuffix(w, "$")
		if w == "" {
			continue
		}
		if old := cs.t.get(w); old >= 0 {
			cs.whole[old] = cs.whole[old] && whole
			continue
		}
		cs.t.insert(w, int32(len(cs.words)))
		cs.words = append(cs.words, w)
		cs.whole = append(cs.whole, whole)
		if w[0] < utf8.RuneSelf {
			cs.asciiFirst[w[0]] = true
		}
	}
	return cs
}

// scan calls fn for every cue occurrence in s (start, end, word index) in
// order of start; at one start every matching word is reported, shortest
// first. fn returns false to stop.
func (cs *cueSet) scan(s string, fn func(start, end int, w int32) bool) {
	nodes := cs.t.nodes
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if !cs.asciiFirst[c] || i > 0 && isASCIIAlnum(c) && isASCIIAlnum(s[i-1]) {
				i++
				continue
			}
		}
		if c >= utf8.RuneSelf {
			if r, sz := utf8.DecodeRuneInString(s[i:]); !cs.t.mayStart(r) {
				i += sz
				continue
			}
		}
		n := int32(0)
		for j := i; j < len(s); {
			r, sz := utf8.DecodeRuneInString(s[j:])
			k, ok := nodes[n].kids[r]
			if !ok {
				break
			}
			n = k
			j += sz
			if v := nodes[n].val; v >= 0 {
				if cs.whole[v] && j < len(s) && isASCIIAlnum(s[j]) {
					continue
				}
				if !fn(i, j, v) {
					return
				}
			}
		}
		if c < utf8.RuneSelf {
			i++
		} else {
			_, sz := utf8.DecodeRuneInString(s[i:])
			i += sz
		}
	}
}

// lastCue returns the end offset of the cue occurrence that ends last in s
// (the longer one on a tie) and the cue, or -1.
func lastCue(s string, cs *cueSet) (int, string) {
	best, bw := -1, int32(-1)
	cs.scan(s, func(start, end int, w int32) bool {
		if end > best || end == best && len(cs.words[w]) > len(cs.words[bw]) {
			best, bw = end, w
		}
		return true
	})
	if bw < 0 {
		return -1, ""
	}
	return best, cs.words[bw]
}

// firstCue returns the start offset of the first cue occurrence in s and the
// cue, or -1.
func firstCue(s string, cs *cueSet) (int, string) {
	best, bw := -1, int32(-1)
	cs.scan(s, func(start, end int, w int32) bool {
		best, bw = start, w
		return false
	})
	if bw < 0 {
		return -1, ""
	}
	return best, cs.words[bw]
}

// hasCue reports whether s contains any cue.
func hasCue(s string, cs *cueSet) bool {
	k, _ := firstCue(s, cs)
	return k >= 0
}

// Full-width forms (U+FF01..U+FF5E) are three bytes in UTF-8, EF BC xx for
// the ones narrow reads: digits ０..９ are EF BC 90..99.
const fwLead = "\xef\xbc"

// fwDigit reports whether s holds a full-width digit at byte i.
func fwDigit(s string, i int) bool {
	return i >= 0 && i+3 <= len(s) && s[i] == 0xEF && s[i+1] == 0xBC && s[i+2] >= 0x90 && s[i+2] <= 0x99
}

// digitAt reports a digit of either width starting at byte i and its width.
func digitAt(s string, i int) (int, bool) {
	if i < len(s) && isDigit(s[i]) {
		return 1, true
	}
	if fwDigit(s, i) {
		return 3, true
	}
	return 0, false
}

// digitBefore reports a digit of either width ending at byte i, and whether
// it is full-width.
func digitBefore(s string, i int) (ok, wide bool) {
	if i > 0 && isDigit(s[i-1]) {
		return true, false
	}
	if fwDigit(s, i-3) {
		return true, true
	}
	return false, false
}

// threeDigitsAt reports exactly three digits (of either width) at byte i,
// not followed by a fourth: the group after a thousands separator.
func threeDigitsAt(s string, i int) bool {
	for k := 0; k < 3; k++ {
		n, ok := digitAt(s, i)
		if !ok {
			return false
		}
		i += n
	}
	_, more := digitAt(s, i)
	return !more
}

// widthMap maps offsets in a narrowed text back to the text it came from.
// at holds, in order, the offsets in the narrowed text of the ASCII bytes
// that replaced a three-byte full-width form.
type widthMap struct{ at []int }

// orig returns the offset in the original text of offset i in the narrowed
// one: i plus two bytes for every replacement before i. A span [s, e) of
// the narrowed text is [orig(s), orig(e)) of the original.
func (m widthMap) orig(i int) int {
	if len(m.at) == 0 {
		return i
	}
	return i + 2*sort.SearchInts(m.at, i)
}

// back moves the span [*start, *end) of a narrowed text, and its words
// *text, to src, the text it was narrowed from.
func (m widthMap) back(src string, start, end *int, text *string) {
	if len(m.at) == 0 {
		return
	}
	*start, *end = m.orig(*start), m.orig(*end)
	*text = src[*start:*end]
}

// narrow returns s with full-width numbers written in ASCII, so that every
// scanner of digits reads them: the digits ０..９ always; the full stop
// ．, hyphen － and slash ／ between two digits (３．２, ２０２３－０３－３０);
// the comma ， as a thousands separator (a digit before, exactly three
// after, one of them full-width: １，０００, not the clause break of
// "2023，100"); and ％ after a digit. Everything else, the Chinese comma,
// colon and brackets included, is kept. The map gives offsets in s back.
// Text without such forms is returned as is, without allocating; narrow is
// idempotent.
func narrow(s string) (string, widthMap) {
	var b []byte
	var m widthMap
	last := 0 // s[:last] is copied or replaced
	for i := 0; ; {
		k := strings.Index(s[i:], fwLead)
		if k < 0 || i+k+2 >= len(s) {
			break
		}
		k += i
		var r byte
		switch c := s[k+2]; c {
		case 0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99:
			r = '0' + c - 0x90
		case 0x8E, 0x8D, 0x8F: // ．－／
			if ok, _ := digitBefore(s, k); ok {
				if _, ok := digitAt(s, k+3); ok {
					r = "-./"[c-0x8D]
				}
			}
		case 0x8C: // ，
			if ok, wide := digitBefore(s, k); ok && threeDigitsAt(s, k+3) && (wide || fwDigit(s, k+3)) {
				r = ','
			}
		case 0x85: // ％
			if ok, _ := digitBefore(s, k); ok {
				r = '%'
			}
		}
		if r == 0 {
			i = k + 2
			continue
		}
		if b == nil {
			b = make([]byte, 0, len(s))
		}
		b = append(b, s[last:k]...)
		m.at = append(m.at, len(b))
		b = append(b, r)
		last = k + 3
		i = last
	}
	if b == nil {
		return s, widthMap{}
	}
	return string(append(b, s[last:]...)), m
}
