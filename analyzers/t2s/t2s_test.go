package t2s

import (
	"testing"
	"unicode/utf8"
)

func TestSimplify(t *testing.T) {
	tests := []struct {
		in, want rune
		ok       bool
	}{
		{'區', '区', true}, {'億', '亿', true}, {'與', '与', true}, {'兩', '两', true},
		{'矽', '硅', true}, // Taiwan's element name
		{'乾', '干', true}, // OpenCC's first candidate
		{'区', '区', false}, {'a', 'a', false}, {'你', '你', false}, {0x10FFFF, 0x10FFFF, false},
	}
	for _, tt := range tests {
		got, ok := Simplify(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Simplify(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// TestPairs checks the generated table: pairs of characters of equal UTF-8
// length, sorted by key, each key mapped once and to itself never.
func TestPairs(t *testing.T) {
	s := Pairs()
	prev, n := rune(-1), 0
	for len(s) > 0 {
		k, a := utf8.DecodeRuneInString(s)
		v, b := utf8.DecodeRuneInString(s[a:])
		if k == utf8.RuneError || v == utf8.RuneError {
			t.Fatalf("bad rune at pair %d", n)
		}
		s = s[a+b:]
		if a != b || k == v || k <= prev {
			t.Errorf("pair %d %q→%q: lengths %d/%d, after %q", n, k, v, a, b, prev)
		}
		if got, ok := Simplify(k); !ok || got != v {
			t.Errorf("Simplify(%q) = %q, want %q", k, got, v)
		}
		prev = k
		n++
	}
	if n < 3800 {
		t.Errorf("%d pairs, want the 3878 of OpenCC 1.4.1", n)
	}
}

func BenchmarkSimplify(b *testing.B) {
	text := []rune("重慶兩江新區今年新簽約項目42個，總投資463億元。")
	for i := 0; i < b.N; i++ {
		for _, r := range text {
			Simplify(r)
		}
	}
}
