package index

import (
	"context"
	"testing"
)

func TestExplain(t *testing.T) {
	ix := newTestIndex(t, testArticles[:1])
	tests := []struct{ in, want string }{
		{"集成电路产业园", "(集成电路 AND 产业园)"},
		{"聊城 OR 江阴", "聊城{聊城|聊城市|liaocheng} OR 江阴{江阴|江阴市|jiangyin}"},
		{`"photomask" -GDP`, `"photomask" AND NOT GDP`},
		{"聊城碳化硅", "(聊城{聊城|聊城市|liaocheng} AND 碳化硅)"},
		{"title:芯片 OR body:(a b)", "title:芯片 OR (body:a AND body:b)"},
		{"1.2亿元", "(1.2 AND 亿元)"},
	}
	for _, tt := range tests {
		if got := ix.explain(parseQuery(tt.in)); got != tt.want {
			t.Errorf("explain(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
	res, err := ix.Search(context.Background(), Query{Text: "集成电路产业园"})
	if err != nil || res.Parsed != "(集成电路 AND 产业园)" {
		t.Errorf("parsed %q, %v", res.Parsed, err)
	}
}

// TestSingleCharacter checks that a one-character Chinese query does not
// match the whole corpus: it is a word of its own, not a wildcard.
func TestSingleCharacter(t *testing.T) {
	ix := newTestIndex(t, demoArticles(t, 19, 120))
	n, err := ix.Count()
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"城", "市", "区", "项", "目", "的", "亿", "新"} {
		res, err := ix.Search(context.Background(), Query{Text: q})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total*2 > n {
			t.Errorf("%q matches %d of %d reports (parsed %s)", q, res.Total, n, res.Parsed)
		}
	}
}
