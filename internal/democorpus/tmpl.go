package democorpus

import (
	"fmt"
	"strings"
)

// A tmpl is a compiled sentence template. The source syntax is plain text
// with two kinds of markup:
//
//	{name}      a slot, filled by the renderer from the report's facts
//	[a|b|c]     a choice: one alternative is picked at random; [a|] is optional text
//	[?cond:a|b] a conditional: a when the story has cond, else b (b may be left out)
//	[!cond:a|b] the same with the test negated
//
// Choices nest and may contain slots. Braces, brackets and the bar are
// reserved; templates never need them as literal text.
type tmpl []node

// node is a literal, a slot or a choice (perhaps conditional).
type node struct {
	lit  string
	slot slot
	alts []tmpl
	cond cond
	neg  bool
}

// compile parses src. It panics on a syntax error or an unknown slot: the
// templates are constants of this package, and a test compiles them all.
func compile(src string) tmpl {
	t, rest, err := parseSeq(src, false)
	if err == nil && rest != "" {
		err = fmt.Errorf("unexpected %q", rest[:1])
	}
	if err != nil {
		panic(fmt.Sprintf("democorpus: template %q: %v", src, err))
	}
	return t
}

// compileAll compiles each source.
func compileAll(srcs ...string) []tmpl {
	out := make([]tmpl, len(srcs))
	for i, s := range srcs {
		out[i] = compile(s)
	}
	return out
}

// parseSeq parses a sequence up to the end of src or, inside a choice, up to
// the next '|' or ']' (which it leaves in rest).
func parseSeq(src string, inChoice bool) (tmpl, string, error) {
	var t tmpl
	for src != "" {
		i := strings.IndexAny(src, "{[|]")
		if i < 0 {
			t = append(t, node{lit: src})
			return t, "", nil
		}
		if i > 0 {
			t = append(t, node{lit: src[:i]})
			src = src[i:]
		}
		switch src[0] {
		case '{':
			j := strings.IndexByte(src, '}')
			if j < 0 {
				return nil, "", fmt.Errorf("unclosed slot")
			}
			s, ok := slotNames[src[1:j]]
			if !ok {
				return nil, "", fmt.Errorf("unknown slot %q", src[1:j])
			}
			t = append(t, node{slot: s})
			src = src[j+1:]
		case '[':
			var alts []tmpl
			rest := src[1:]
			var c cond
			neg := false
			if rest != "" && (rest[0] == '?' || rest[0] == '!') {
				j := strings.IndexByte(rest, ':')
				if j < 0 {
					return nil, "", fmt.Errorf("conditional without ':'")
				}
				var ok bool
				if c, ok = condNames[rest[1:j]]; !ok {
					return nil, "", fmt.Errorf("unknown condition %q", rest[1:j])
				}
				neg = rest[0] == '!'
				rest = rest[j+1:]
			}
			for {
				alt, r, err := parseSeq(rest, true)
				if err != nil {
					return nil, "", err
				}
				alts = append(alts, alt)
				if r == "" {
					return nil, "", fmt.Errorf("unclosed choice")
				}
				rest = r[1:]
				if r[0] == ']' {
					break
				}
			}
			if c != 0 && len(alts) > 2 {
				return nil, "", fmt.Errorf("conditional with %d branches", len(alts))
			}
			t = append(t, node{alts: alts, cond: c, neg: neg})
			src = rest
		case '|', ']':
			if !inChoice {
				return nil, "", fmt.Errorf("stray %q", src[:1])
			}
			return t, src, nil
		}
	}
	return t, "", nil
}
