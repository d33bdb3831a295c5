package index

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseQuery(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "<all>"},
		{"聊城", "聊城"},
		{"聊城 碳化硅", "聊城 AND 碳化硅"},
		{"聊城 OR 江阴", "聊城 OR 江阴"},
		{"a b OR c", "(a AND b) OR c"},
		{"a (b OR c)", "a AND (b OR c)"},
		{`"photomask material" chip`, `"photomask material" AND chip`},
		{`"两江新区`, `"两江新区"`},
		{"-gdp investment", "NOT gdp AND investment"},
		{"investment NOT gdp", "investment AND NOT gdp"},
		{"NOT NOT x", "x"},
		{"title:芯片", "title:芯片"},
		{"province:(山东 OR 江苏)", "province:山东 OR province:江苏"},
		{"Title:chip", "title:chip"},
		{"unknown:chip", "unknown AND chip"},
		{"1.2-billion-yuan", "1.2-billion-yuan"},
		{"((a", "a"},
		{"a))) b", "a AND b"},
		{"OR OR AND", "<all>"},
		{"!!! ??? ,,,", "<all>"},
		{"a - b", "a AND b"},
		{"“两江新区”", `"两江新区"`},
		{"（聊城 OR 江阴）", "聊城 OR 江阴"},
	}
	for _, tt := range tests {
		n := parseQuery(tt.in)
		got := "<all>"
		if n != nil {
			got = n.String()
		}
		if got != tt.want {
			t.Errorf("parseQuery(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"聊城 OR (江阴 -gdp)", `"unbalanced`, "((((", "title:", "-", strings.Repeat("(", 100),
		"province:山东 sector:next-gen-it", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := parseQuery(s)
		if n == nil {
			return
		}
		var walk func(*node, int)
		walk = func(n *node, depth int) {
			if depth > 200 {
				t.Fatal("tree too deep")
			}
			switch n.op {
			case "term":
				if n.text == "" {
					t.Fatalf("empty term from %q", s)
				}
				if utf8.ValidString(s) && !utf8.ValidString(n.text) {
					t.Fatalf("invalid UTF-8 term from valid %q", s)
				}
			case "not":
				if len(n.children) != 1 {
					t.Fatalf("not with %d children", len(n.children))
				}
			default:
				if len(n.children) < 2 {
					t.Fatalf("%s with %d children from %q", n.op, len(n.children), s)
				}
			}
			for _, c := range n.children {
				walk(c, depth+1)
			}
		}
		walk(n, 0)
		_ = n.String()
	})
}
