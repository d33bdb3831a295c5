package analyzers

import (
	"fmt"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/yanyiwu/gojieba"
)

// TokenizerName is the registered name of the gojieba tokenizer.
const TokenizerName = "gojieba"

// RemainderMark prefixes the term of a one-character remainder (the 市 of
// 聊城市): see Tokenizer. No text analyses to a term that starts with it.
const RemainderMark = "#"

// maxWordBytes caps the length of a non-Chinese token; a longer run of
// letters and digits is cut into several tokens (at rune boundaries), so no
// text is dropped and no term is unreasonably large.
const maxWordBytes = 255

// TokenWidth returns how many positions a term of the tokenizer occupies,
// so that the next token of the text starts at the term's position plus
// the width: the number of its Han characters (a remainder's mark counts
// for none), or 1 for any other term (a word, a number, a code). Terms that
// went through the zh_news analyzer's filters keep their width: folding
// keeps Han characters one for one, and stemming only changes words of
// width 1.
func TokenWidth(term []byte) int {
	n := 0
	for _, r := range string(term) {
		if isHan(r) {
			n++
		}
	}
	return max(n, 1)
}

// Tokenizer segments Chinese text with jieba and everything else by Unicode
// letter/digit runs. It is safe for concurrent use.
//
// Chinese (Han) text is cut in jieba's search mode: each word of the
// ordinary segmentation, plus the dictionary words of two and three
// characters inside it (碳化硅 → 碳化硅, 碳化, 化硅). Positions follow one
// rule, which keeps phrase queries exact:
//
//   - every Han character occupies one position, and a token's position is
//     that of its first character; every other token (an English word, a
//     number, a code such as 5G) occupies one position; a run of punctuation
//     next to Chinese text occupies one position, so a phrase does not match
//     across 。 or 、; whitespace occupies none;
//   - inside each word, the shortest tokens starting at each character must
//     tile the word: where they leave a character uncovered (聊城市 gives
//     聊城 only), the remainder is emitted too (市).
//
// A place name with a boundary between its specific and generic parts (see
// userWords) also yields both parts as tokens (东湖高新区 → 东湖, 高新区;
// 北京经济技术开发区 → 北京, 经济技术开发区), so a query for the generic
// part finds the names that hold it. A remainder of one character is not a
// word of the text, only a piece of one: its term carries the prefix
// RemainderMark (#市), so a phrase or a longer query that includes it still
// matches exactly, while a one-character query (市, 区) matches only where
// jieba found the character standing alone, not every name that ends in it.
//
// So a query phrase, analysed the same way, matches only where the document
// holds the same characters at the same distances: whichever alternative the
// phrase search picks at each position, the tiling pins every character.
// The full word and its sub-words all match as terms and as phrases.
//
// Byte offsets (Start, End) index the tokenizer's input, which after the
// zh_fold char filter has the same length as the original text. Invalid
// UTF-8, NUL bytes and control characters separate tokens and are never part
// of one.
type Tokenizer struct {
	jieba  *gojieba.Jieba
	words  *userWords
	hmm    bool
	search bool
}

func init() {
	if err := registry.RegisterTokenizer(TokenizerName, tokenizerConstructor); err != nil {
		panic(err)
	}
}

// tokenizerConstructor builds the tokenizer from mapping config. It reads
// only logical options: "hmm" (bool, default true: jieba's HMM finds words
// missing from the dictionary) and "mode" ("search", the default, or
// "default" for jieba's plain segmentation without sub-words).
func tokenizerConstructor(config map[string]interface{}, cache *registry.Cache) (analysis.Tokenizer, error) {
	hmm := true
	if v, ok := config["hmm"]; ok {
		b, ok := v.(bool)
		if !ok {
			return nil, fmt.Errorf("analyzers: tokenizer %s: hmm must be a bool, got %T", TokenizerName, v)
		}
		hmm = b
	}
	search := true
	if v, ok := config["mode"]; ok {
		switch v {
		case "search":
		case "default":
			search = false
		default:
			return nil, fmt.Errorf("analyzers: tokenizer %s: mode must be \"search\" or \"default\", got %v", TokenizerName, v)
		}
	}
	st, err := configured()
	if err != nil {
		return nil, err
	}
	return &Tokenizer{jieba: st.jieba, words: st.words, hmm: hmm, search: search}, nil
}

// Tokenize implements analysis.Tokenizer.
func (t *Tokenizer) Tokenize(input []byte) analysis.TokenStream {
	toks, _ := t.tokenize(input, false)
	return toks
}

// hanRune is one Han character of the input, in order.
type hanRune struct {
	start, end int // byte offsets in the input
	slot       int // position
}

// scan is the state of one Tokenize call.
type scan struct {
	in    []byte
	pos   int // next free position
	han   []hanRune
	hoff  []int  // byte offset in hbuf of each han rune
	hbuf  []byte // Han runs for jieba, separated by '\n'
	other analysis.TokenStream
	slab  []analysis.Token // backing store of other
}

// tokenize returns the token stream and, in base, which tokens belong to
// the ordinary (non-overlapping) segmentation.
func (t *Tokenizer) tokenize(input []byte, wantBase bool) (analysis.TokenStream, []bool) {
	s := &scan{in: input, pos: 1}
	// Size the Han buffers from the number of 3- and 4-byte characters
	// (Chinese text), so English-only text allocates nothing for them.
	wide := 0
	for _, c := range input {
		if c >= 0xE0 {
			wide++
		}
	}
	if wide > 0 {
		s.han = make([]hanRune, 0, wide)
		s.hoff = make([]int, 0, wide)
		s.hbuf = make([]byte, 0, 3*wide+wide/4)
	}
	s.run()
	var hanToks analysis.TokenStream
	var hanBase []bool
	if len(s.han) > 0 {
		hanToks, hanBase = t.segment(s, wantBase)
	}
	// merge, ordered by start, longer first
	out := make(analysis.TokenStream, 0, len(hanToks)+len(s.other))
	var base []bool
	i, j := 0, 0
	for i < len(hanToks) || j < len(s.other) {
		if j == len(s.other) || (i < len(hanToks) && hanToks[i].Start < s.other[j].Start) {
			out = append(out, hanToks[i])
			if wantBase {
				base = append(base, hanBase[i])
			}
			i++
		} else {
			out = append(out, s.other[j])
			if wantBase {
				base = append(base, true)
			}
			j++
		}
	}
	return out, base
}

func isHan(r rune) bool {
	switch {
	case r < 0x2E80:
		return false
	case 0x4E00 <= r && r <= 0x9FFF: // CJK Unified Ideographs, most text
		return true
	}
	return unicode.Is(unicode.Han, r)
}

// isIgnorable reports format characters that are invisible inside words:
// soft hyphen (also the zh_fold padding), zero-width space, joiners, word
// joiner and byte-order mark.
func isIgnorable(r rune) bool {
	switch r {
	case 0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF:
		return true
	}
	return false
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)) && !isHan(r)
}

func isASCIIAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return '0' <= r && r <= '9'
	}
	return unicode.IsDigit(r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == '＇' }

func (s *scan) decode(i int) (rune, int) {
	if c := s.in[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRune(s.in[i:])
}

// skipIgnorable returns the index of the first non-ignorable rune at or
// after i.
func (s *scan) skipIgnorable(i int) int {
	for i < len(s.in) {
		r, n := s.decode(i)
		if !isIgnorable(r) {
			return i
		}
		i += n
	}
	return i
}

// peek returns the rune at the first non-ignorable index at or after i, or
// -1 at the end.
func (s *scan) peek(i int) (rune, int) {
	i = s.skipIgnorable(i)
	if i >= len(s.in) {
		return -1, i
	}
	r, _ := s.decode(i)
	return r, i
}

// run walks the input once, collecting Han characters for jieba and
// emitting every other token with its position.
func (s *scan) run() {
	in := s.in
	inRun := false // inside a Han run that jieba will see as one sentence
	lastHan := false
	i := 0
	for i < len(in) {
		r, n := s.decode(i)
		switch {
		case isHan(r):
			if !inRun && len(s.hbuf) > 0 {
				s.hbuf = append(s.hbuf, '\n')
			}
			inRun = true
			s.han = append(s.han, hanRune{start: i, end: i + n, slot: s.pos})
			s.hoff = append(s.hoff, len(s.hbuf))
			s.hbuf = append(s.hbuf, in[i:i+n]...)
			s.pos++
			lastHan = true
			i += n
		case isWordRune(r):
			i = s.word(i)
			inRun, lastHan = false, false
		case isIgnorable(r):
			i += n
		case r != utf8.RuneError && unicode.IsSpace(r):
			j, newlines := i, 0
			for j < len(in) {
				r2, n2 := s.decode(j)
				if !(r2 != utf8.RuneError && unicode.IsSpace(r2)) && !isIgnorable(r2) {
					break
				}
				if r2 == '\n' {
					newlines++
				}
				j += n2
			}
			// A line break or space inside Chinese text (wrapped lines)
			// does not end the sentence jieba sees; a blank line does.
			if next, _ := s.peek(j); !(inRun && newlines <= 1 && next >= 0 && isHan(next)) {
				inRun = false
			}
			i = j
		default:
			// punctuation, symbols, controls, NUL, invalid bytes
			j := i + n
			for j < len(in) {
				r2, n2 := s.decode(j)
				if isHan(r2) || isWordRune(r2) || (r2 != utf8.RuneError && unicode.IsSpace(r2)) {
					break
				}
				j += n2
			}
			next := rune(-1)
			for k := j; k < len(in); {
				r2, n2 := s.decode(k)
				if !(r2 != utf8.RuneError && unicode.IsSpace(r2)) {
					next = r2
					break
				}
				k += n2
			}
			if lastHan || (next >= 0 && isHan(next)) {
				s.pos++
			}
			inRun, lastHan = false, false
			i = j
		}
	}
}

// word scans a run of letters and digits starting at i, emits it as one or
// more tokens and returns the index after it. Apostrophes between letters
// (Xi'an, China's), and '.' and thousands ',' between digits (1.2, 1,200)
// stay inside; ignorable characters are skipped in the term but kept in the
// offsets.
func (s *scan) word(i int) int {
	in := s.in
	start, end := i, i
	var term []byte // nil while the term is in[start:end]
	digits := true
	prev := rune(-1)
	seg := 0 // word runes since the start or the last joiner
	emit := func() {
		if len(s.slab) == cap(s.slab) {
			s.slab = make([]analysis.Token, 0, 16+len(s.other))
		}
		s.slab = append(s.slab, analysis.Token{Start: start, End: end, Position: s.pos, Type: analysis.AlphaNumeric})
		tk := &s.slab[len(s.slab)-1]
		if term != nil {
			tk.Term = term
		} else {
			tk.Term = in[start:end]
		}
		if digits {
			tk.Type = analysis.Numeric
		}
		s.other = append(s.other, tk)
		s.pos++
	}
	// take appends in[j:j+n] to the term, copying the term first if the
	// bytes skipped since end are not part of it.
	take := func(j, n int, keep bool) {
		if term == nil && (j != end || !keep) {
			term = append([]byte(nil), in[start:end]...)
		}
		if term != nil && keep {
			term = append(term, in[j:j+n]...)
		}
		end = j + n
	}
	for i < len(in) {
		// fast path: an ASCII letter or digit right after the last one
		if c := in[i]; isASCIIAlnum(c) && (i+1-start <= maxWordBytes || end == start) {
			if term != nil {
				term = append(term, c)
			}
			if c > '9' {
				digits = false
			}
			prev = rune(c)
			seg++
			i++
			end = i
			continue
		}
		j := s.skipIgnorable(i)
		if j >= len(in) {
			break
		}
		r, n := s.decode(j)
		switch {
		case isWordRune(r):
			if j+n-start > maxWordBytes && end > start {
				emit()
				start, end, term, digits, seg = j, j, nil, true, 0
			}
			take(j, n, true)
			if !isDigit(r) && !unicode.IsMark(r) {
				digits = false
			}
			prev = r
			seg++
			i = end
			continue
		case isApostrophe(r) && prev >= 0 && unicode.IsLetter(prev):
			if next, _ := s.peek(j + n); next >= 0 && unicode.IsLetter(next) && !isHan(next) {
				take(j, n, true)
				prev, seg = r, 0
				i = end
				continue
			}
		case r == '.' && seg == 1 && prev >= 0 && unicode.IsLetter(prev) && s.initial(j+n):
			// U.S., U.K.: single letters between dots, dots dropped
			take(j, n, false)
			prev, seg = r, 0
			i = end
			continue
		case (r == '.' || r == ',') && prev >= 0 && isDigit(prev):
			if next, k := s.peek(j + n); next >= 0 && isDigit(next) && (r == '.' || s.thousands(k)) {
				take(j, n, r == '.')
				prev, seg = r, 0
				i = end
				continue
			}
		}
		break
	}
	// Trailing ignorables (zh_fold padding) belong to the last character.
	end = s.skipIgnorable(end)
	emit()
	return end
}

// initial reports whether a single letter followed by '.' starts at i, as
// in the S. of U.S.
func (s *scan) initial(i int) bool {
	r, k := s.peek(i)
	if r < 0 || !unicode.IsLetter(r) || isHan(r) {
		return false
	}
	_, n := s.decode(k)
	next, _ := s.peek(k + n)
	return next == '.'
}

// thousands reports whether exactly three digits start at i (a thousands
// group after a comma).
func (s *scan) thousands(i int) bool {
	for k := 0; k < 3; k++ {
		if i >= len(s.in) {
			return false
		}
		r, n := s.decode(i)
		if !isDigit(r) {
			return false
		}
		i += n
	}
	if i < len(s.in) {
		if r, _ := s.decode(i); isDigit(r) {
			return false
		}
	}
	return true
}

// segment runs jieba over the collected Han runs and turns its words into
// tokens with the position policy described on Tokenizer.
func (t *Tokenizer) segment(s *scan, wantBase bool) (analysis.TokenStream, []bool) {
	mode := gojieba.DefaultMode
	if t.search {
		mode = gojieba.SearchMode
	}
	words := t.jieba.Tokenize(string(s.hbuf), mode, t.hmm)
	type span struct {
		r0, r1 int  // rune indexes into s.han, [r0, r1)
		rem    bool // a one-character remainder of the tiling
	}
	spans := make([]span, 0, len(words))
	// runeAt[x] is the index of the first Han rune starting at or after
	// byte x of hbuf (sort.SearchInts(s.hoff, x), precomputed).
	runeAt := make([]int32, len(s.hbuf)+1)
	for x, k := len(s.hbuf), len(s.hoff); x >= 0; x-- {
		for k > 0 && s.hoff[k-1] >= x {
			k--
		}
		runeAt[x] = int32(k)
	}
	for _, w := range words {
		if w.Start < 0 || w.End > len(s.hbuf) || w.Start >= w.End {
			continue
		}
		r0, r1 := int(runeAt[w.Start]), int(runeAt[w.End])
		if r0 >= len(s.hoff) || s.hoff[r0] != w.Start || r1 <= r0 {
			continue // a run separator
		}
		spans = append(spans, span{r0: r0, r1: r1})
	}
	// Search mode emits the sub-words of a word just before the word;
	// ordinary words do not overlap. Walking backwards, a span inside the
	// last ordinary word seen is one of its sub-words.
	isBase := make([]bool, len(spans))
	cur := span{r0: -1, r1: -1}
	for k := len(spans) - 1; k >= 0; k-- {
		sp := spans[k]
		if sp.r0 >= cur.r0 && sp.r1 <= cur.r1 && sp != cur {
			continue
		}
		isBase[k] = true
		cur = sp
	}
	// Tokens come from one slab; groups (a word and its sub-words) are in
	// text order and each is emitted sorted, so the stream is ordered by
	// start, longer first, without a global sort.
	slab := make([]analysis.Token, 0, len(spans)+len(spans)/4+1)
	out := make(analysis.TokenStream, 0, cap(slab))
	var base []bool
	var marks []byte // backing store of marked remainder terms
	tok := func(r0, r1 int, b, rem bool) {
		last := s.han[r1-1]
		if len(slab) == cap(slab) {
			slab = make([]analysis.Token, 0, len(spans)/2+1)
		}
		term := s.hbuf[s.hoff[r0] : s.hoff[r1-1]+(last.end-last.start)]
		if rem {
			// Marked terms share one buffer per call; each is capped so
			// that appending to one cannot write into the next.
			if cap(marks)-len(marks) < len(RemainderMark)+len(term) {
				marks = make([]byte, 0, max(64, 4*(len(RemainderMark)+len(term))))
			}
			at := len(marks)
			marks = append(append(marks, RemainderMark...), term...)
			term = marks[at:len(marks):len(marks)]
		}
		slab = append(slab, analysis.Token{
			Start:    s.han[r0].start,
			End:      last.end,
			Term:     term,
			Position: s.han[r0].slot,
			Type:     analysis.Ideographic,
		})
		out = append(out, &slab[len(slab)-1])
		if wantBase {
			base = append(base, b)
		}
	}
	var subs []span
	var minLen []int
	for k, sp := range spans {
		if !isBase[k] {
			subs = append(subs, sp)
			continue
		}
		n := sp.r1 - sp.r0
		if n <= 2 {
			tok(sp.r0, sp.r1, true, false)
			subs = subs[:0]
			continue
		}
		last := s.han[sp.r1-1]
		b := t.words.boundary[string(s.hbuf[s.hoff[sp.r0]:s.hoff[sp.r1-1]+(last.end-last.start)])]
		if len(subs) == 0 && b == 0 {
			tok(sp.r0, sp.r1, true, false)
			continue
		}
		// The specific and generic parts of a place name are tokens too.
		if b >= 2 && n-b >= 2 {
			for _, part := range [2]span{{r0: sp.r0, r1: sp.r0 + b}, {r0: sp.r0 + b, r1: sp.r1}} {
				if !slices.Contains(subs, part) {
					subs = append(subs, part)
				}
			}
		}
		if cap(minLen) < n {
			minLen = make([]int, n)
		}
		minLen = minLen[:n]
		clear(minLen)
		minLen[0] = n
		kept := subs[:0]
		for _, sub := range subs {
			a, z := sub.r0-sp.r0, sub.r1-sp.r0
			if a < 0 || z > n || (b > 0 && a < b && b < z) {
				continue // outside, or across the place-name boundary
			}
			if l := z - a; minLen[a] == 0 || l < minLen[a] {
				minLen[a] = l
			}
			kept = append(kept, sub)
		}
		// Tile: cover every character with the shortest tokens.
		reach := 0
		for x := 0; x < n; x++ {
			if minLen[x] > 0 && x+minLen[x] > reach {
				reach = x + minLen[x]
			}
			if x >= reach {
				next := x + 1
				for next < n && minLen[next] == 0 {
					next++
				}
				kept = append(kept, span{r0: sp.r0 + x, r1: sp.r0 + next, rem: next-x == 1})
				minLen[x] = next - x
				reach = next
			}
		}
		slices.SortFunc(kept, func(a, c span) int {
			if a.r0 != c.r0 {
				return a.r0 - c.r0
			}
			return c.r1 - a.r1
		})
		tok(sp.r0, sp.r1, true, false)
		for _, sub := range kept {
			if sub.r0 != sp.r0 || sub.r1 != sp.r1 {
				tok(sub.r0, sub.r1, false, sub.rem)
			}
		}
		subs = subs[:0]
	}
	return out, base
}
