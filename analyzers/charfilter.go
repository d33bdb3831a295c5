package analyzers

import (
	"fmt"
	"hash"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/investnews/regionsearch/analyzers/t2s"
)

// CharFilterName is the registered name of the char filter that maps
// traditional Chinese characters to simplified ones and folds full-width ASCII
// to half-width.
const CharFilterName = "zh_fold"

// pad is the filler written after a folded full-width character so the
// output keeps the input's length: U+00AD SOFT HYPHEN, two bytes in UTF-8,
// which the gojieba tokenizer treats as ignorable inside a word. A full-width
// character is three bytes; its half-width form plus pad is three too.
const pad = "\u00ad"

func init() {
	if err := registry.RegisterCharFilter(CharFilterName, charFilterConstructor); err != nil {
		panic(err)
	}
}

// t2sHash adds the character table to a dictionary version hash.
func t2sHash(h hash.Hash) {
	fmt.Fprintf(h, "t2s\n%s\n", t2s.Pairs())
}

// FoldFilter is the zh_fold char filter. Every mapping it applies keeps the
// byte length of the text, so token offsets computed on its output are valid
// offsets into the original text, and highlighting stays exact:
//   - a traditional character becomes its simplified form when both have
//     UTF-8 encodings of the same length (package t2s: the OpenCC character
//     table, first candidate);
//   - a full-width ASCII character (U+FF01–U+FF5E, three bytes) becomes its
//     ASCII form followed by U+00AD SOFT HYPHEN (two bytes), which the gojieba
//     tokenizer ignores.
//
// Text that needs no change is returned as is, without a copy.
type FoldFilter struct{}

// NewFoldFilter returns the zh_fold char filter.
func NewFoldFilter() *FoldFilter { return &FoldFilter{} }

func charFilterConstructor(config map[string]interface{}, cache *registry.Cache) (analysis.CharFilter, error) {
	return NewFoldFilter(), nil
}

// foldRune returns the replacement of r, or r itself.
func foldRune(r rune) (rune, bool) {
	switch {
	case r < 0x80:
		return r, false
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFF01 + '!', true
	}
	v, _ := t2s.Simplify(r)
	return v, false
}

// Filter implements analysis.CharFilter.
func (f *FoldFilter) Filter(input []byte) []byte {
	i := 0
	for i < len(input) {
		if input[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(input[i:])
		if v, _ := foldRune(r); v != r {
			break
		}
		i += n
	}
	if i == len(input) {
		return input
	}
	out := make([]byte, len(input))
	copy(out, input[:i])
	for i < len(input) {
		if input[i] < utf8.RuneSelf {
			out[i] = input[i]
			i++
			continue
		}
		r, n := utf8.DecodeRune(input[i:])
		v, wide := foldRune(r)
		switch {
		case wide:
			out[i] = byte(v)
			copy(out[i+1:], pad)
		case v != r:
			utf8.EncodeRune(out[i:], v)
		default:
			copy(out[i:i+n], input[i:i+n])
		}
		i += n
	}
	return out
}
