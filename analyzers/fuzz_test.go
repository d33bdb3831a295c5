package analyzers_test

import (
	"bytes"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
)

// checkStream asserts the invariants every token stream must keep for
// input: offsets inside the text and on character boundaries, positions in
// order, non-empty terms, and every letter, digit and Han character of the
// text inside some token.
func checkStream(t *testing.T, input []byte, ts analysis.TokenStream) {
	t.Helper()
	boundary := make([]bool, len(input)+1)
	for i := 0; i < len(input); {
		boundary[i] = true
		_, n := utf8.DecodeRune(input[i:])
		i += n
	}
	boundary[len(input)] = true
	covered := make([]bool, len(input)+1)
	lastStart, lastPos := 0, 0
	for i, tk := range ts {
		if tk.Start < 0 || tk.Start > tk.End || tk.End > len(input) {
			t.Fatalf("token %d %q: offsets [%d:%d] outside [0:%d]", i, tk.Term, tk.Start, tk.End, len(input))
		}
		if !boundary[tk.Start] || !boundary[tk.End] {
			t.Fatalf("token %d %q: offsets [%d:%d] split a character", i, tk.Term, tk.Start, tk.End)
		}
		if len(tk.Term) == 0 || tk.Start == tk.End {
			t.Fatalf("token %d: empty term or span [%d:%d]", i, tk.Start, tk.End)
		}
		if !utf8.Valid(tk.Term) {
			t.Fatalf("token %d: invalid UTF-8 term %q", i, tk.Term)
		}
		if tk.Start < lastStart || tk.Position < lastPos || tk.Position < 1 {
			t.Fatalf("token %d %q: start %d position %d after start %d position %d", i, tk.Term, tk.Start, tk.Position, lastStart, lastPos)
		}
		lastStart, lastPos = tk.Start, tk.Position
		for k := tk.Start; k < tk.End; k++ {
			covered[k] = true
		}
	}
	for i := 0; i < len(input); {
		r, n := utf8.DecodeRune(input[i:])
		if (r != utf8.RuneError || n > 1) && (unicode.IsLetter(r) || unicode.IsDigit(r)) && !covered[i] {
			t.Fatalf("character %q at %d is in no token", r, i)
		}
		i += n
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{
		"",
		"山东聊城高新区签约碳化硅芯片项目，总投资1.2亿元。",
		"重慶兩江新區光掩膜項目開工",
		"Liaocheng's SiC fab: 5G, 3DIC and 1,200 tons.",
		"ＳｉＣ１．２ｘ＇s",
		"\x00\xff\xfe碳化\n硅\u00ad芯片\u200b",
		"U.S.A. Xi'an Lu’an 1,2,3 1,2345",
		strings.Repeat("碳", 600),
		strings.Repeat("a", 600),
	} {
		f.Add([]byte(s))
	}
	a := newAnalyzer(f)
	f.Fuzz(func(t *testing.T, input []byte) {
		orig := bytes.Clone(input)
		ts := a.Analyze(input)
		checkStream(t, orig, ts)
	})
}

// TestLargeFields analyses 1 MB fields of several kinds.
func TestLargeFields(t *testing.T) {
	if testing.Short() {
		t.Skip("large fields")
	}
	a := newAnalyzer(t)
	const mb = 1 << 20
	rnd := make([]byte, mb)
	x := uint32(1)
	for i := range rnd {
		x = x*1664525 + 1013904223
		rnd[i] = byte(x >> 24)
	}
	for name, input := range map[string][]byte{
		"chinese without punctuation": []byte(strings.Repeat("聊城碳化硅芯片项目", mb/27)),
		"one long latin word":         bytes.Repeat([]byte("a"), mb),
		"random bytes":                rnd,
		"nul bytes":                   make([]byte, mb),
		"news":                        bytes.Repeat([]byte("山东聊城高新区签约SiC芯片项目，总投资1.2亿元。\n"), mb/60),
	} {
		t.Run(name, func(t *testing.T) {
			orig := bytes.Clone(input)
			ts := a.Analyze(input)
			checkStream(t, orig, ts)
		})
	}
}
