package index

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxQueryLen bounds the query string, in bytes.
const MaxQueryLen = 2000

// node is a parsed query: a term (word or phrase, maybe field-scoped), or an
// and/or/not of nodes.
type node struct {
	op       string // "term", "and", "or", "not"
	field    string // for terms: "" (title and body) or a scope
	text     string
	phrase   bool
	children []*node
}

// String renders a node in a canonical form, shown to users as the
// "parsed" query.
func (n *node) String() string {
	switch n.op {
	case "term":
		s := n.text
		if n.phrase {
			s = `"` + s + `"`
		}
		if n.field != "" {
			s = n.field + ":" + s
		}
		return s
	case "not":
		return "NOT " + n.children[0].String()
	}
	parts := make([]string, len(n.children))
	for i, c := range n.children {
		s := c.String()
		if (c.op == "and" || c.op == "or") && c.op != n.op {
			s = "(" + s + ")"
		}
		parts[i] = s
	}
	sep := " AND "
	if n.op == "or" {
		sep = " OR "
	}
	return strings.Join(parts, sep)
}

// scopes are the field prefixes a query may use.
var scopes = map[string]bool{"title": true, "body": true, "source": true, "province": true,
	"city": true, "sector": true}

type tokKind int

const (
	tWord tokKind = iota
	tPhrase
	tLParen
	tRParen
	tOr
	tAnd
	tNot
	tField // text holds the scope; the operand follows
)

type qtoken struct {
	kind tokKind
	text string
}

// lex splits a query into tokens. It never fails: an unclosed quote runs to
// the end, punctuation that is not an operator separates words.
func lex(s string) []qtoken {
	var out []qtoken
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '"' || r == '“' || r == '”' || r == '「':
			j := i + size
			end := strings.IndexAny(s[j:], "\"”“」")
			var text string
			if end < 0 {
				text, i = s[j:], len(s)
			} else {
				text = s[j : j+end]
				_, csize := utf8.DecodeRuneInString(s[j+end:])
				i = j + end + csize
			}
			if t := strings.TrimSpace(text); t != "" {
				out = append(out, qtoken{kind: tPhrase, text: t})
			}
		case r == '(' || r == '（':
			out = append(out, qtoken{kind: tLParen})
			i += size
		case r == ')' || r == '）':
			out = append(out, qtoken{kind: tRParen})
			i += size
		case r == '-' && (i == 0 || isSpaceOrParen(s, i-1)) && i+size < len(s) && !isSpaceByte(s[i+size]):
			out = append(out, qtoken{kind: tNot})
			i += size
		case unicode.IsSpace(r) || isSeparator(r):
			i += size
		default:
			j := i
			for j < len(s) {
				r2, sz := utf8.DecodeRuneInString(s[j:])
				if r2 == ':' || r2 == '：' {
					if scope := strings.ToLower(s[i:j]); scopes[scope] {
						out = append(out, qtoken{kind: tField, text: scope})
						i = j + sz
						goto next
					}
				}
				if unicode.IsSpace(r2) || isSeparator(r2) || r2 == '"' || r2 == '“' || r2 == '”' ||
					r2 == '(' || r2 == ')' || r2 == '（' || r2 == '）' || r2 == '「' {
					break
				}
				j += sz
			}
			{
				w := strings.Trim(s[i:j], ":：-_.,'")
				switch w {
				case "OR", "|", "||":
					out = append(out, qtoken{kind: tOr})
				case "AND", "&&":
					out = append(out, qtoken{kind: tAnd})
				case "NOT":
					out = append(out, qtoken{kind: tNot})
				case "":
				default:
					out = append(out, qtoken{kind: tWord, text: w})
				}
				i = j
			}
		}
	next:
	}
	return out
}

func isSpaceByte(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

func isSpaceOrParen(s string, i int) bool {
	return isSpaceByte(s[i]) || s[i] == '('
}

// isSeparator reports punctuation that only separates words: it is never
// part of a search term.
func isSeparator(r rune) bool {
	if r == '-' || r == '.' || r == '_' || r == '\'' || r == '’' || r == '&' || r == '|' || r == '+' || r == '$' || r == '¥' || r == '%' {
		return false
	}
	return unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsControl(r) || r == utf8.RuneError
}

// parser is a recursive-descent parser over tokens that repairs what it
// cannot read: stray operators are dropped, parentheses are balanced.
type parser struct {
	toks  []qtoken
	pos   int
	depth int
}

// parseQuery parses a query string. A nil node means "everything".
func parseQuery(s string) *node {
	p := &parser{toks: lex(s)}
	var parts []*node
	for p.pos < len(p.toks) {
		if n := p.parseOr(); n != nil {
			parts = append(parts, n)
		} else if p.pos < len(p.toks) {
			p.pos++ // a token no rule accepts (a stray ')'): skip it
		}
	}
	return simplify(&node{op: "and", children: parts})
}

func (p *parser) peek() (qtoken, bool) {
	if p.pos >= len(p.toks) {
		return qtoken{}, false
	}
	return p.toks[p.pos], true
}

func (p *parser) parseOr() *node {
	var alts []*node
	if n := p.parseAnd(); n != nil {
		alts = append(alts, n)
	}
	for {
		t, ok := p.peek()
		if !ok || t.kind != tOr {
			break
		}
		p.pos++
		if n := p.parseAnd(); n != nil {
			alts = append(alts, n)
		}
	}
	if len(alts) == 0 {
		return nil
	}
	return simplify(&node{op: "or", children: alts})
}

func (p *parser) parseAnd() *node {
	var parts []*node
	for {
		t, ok := p.peek()
		if !ok || t.kind == tOr || t.kind == tRParen {
			break
		}
		if t.kind == tAnd {
			p.pos++
			continue
		}
		if n := p.parseUnary(); n != nil {
			parts = append(parts, n)
		}
	}
	if len(parts) == 0 {
		return nil
	}
	return simplify(&node{op: "and", children: parts})
}

func (p *parser) parseUnary() *node {
	t, _ := p.peek()
	if t.kind == tNot {
		p.pos++
		n := p.parseUnary()
		if n == nil {
			return nil
		}
		if n.op == "not" { // double negation
			return n.children[0]
		}
		return &node{op: "not", children: []*node{n}}
	}
	return p.parsePrimary("")
}

func (p *parser) parsePrimary(field string) *node {
	t, ok := p.peek()
	if !ok {
		return nil
	}
	p.pos++
	switch t.kind {
	case tWord:
		return &node{op: "term", field: field, text: t.text}
	case tPhrase:
		return &node{op: "term", field: field, text: t.text, phrase: true}
	case tField:
		if field != "" { // "title:body:x": the inner scope wins
			return p.parsePrimary(t.text)
		}
		return p.parsePrimary(t.text)
	case tLParen:
		if p.depth > 32 {
			return nil
		}
		p.depth++
		n := p.parseOr()
		p.depth--
		if t2, ok := p.peek(); ok && t2.kind == tRParen {
			p.pos++
		}
		if n != nil && field != "" {
			n = scopeAll(n, field)
		}
		return n
	}
	return nil // an operator where an operand belongs
}

// scopeAll applies a field scope to every unscoped term under n.
func scopeAll(n *node, field string) *node {
	if n.op == "term" {
		if n.field == "" {
			n.field = field
		}
		return n
	}
	for _, c := range n.children {
		scopeAll(c, field)
	}
	return n
}

// simplify flattens single-child and nested same-op nodes.
func simplify(n *node) *node {
	if n == nil || n.op == "term" || n.op == "not" {
		return n
	}
	var kids []*node
	for _, c := range n.children {
		if c == nil {
			continue
		}
		if c.op == n.op {
			kids = append(kids, c.children...)
		} else {
			kids = append(kids, c)
		}
	}
	switch len(kids) {
	case 0:
		return nil
	case 1:
		return kids[0]
	}
	n.children = kids
	return n
}
