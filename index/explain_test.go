package index

import (
	"context"
	"path/filepath"
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

// FuzzSearch runs whole searches on arbitrary query text: each gives
// results or a bad-query error with a message, never another error or a
// panic.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{"聊城 OR (江阴 -gdp)", `"unbalanced`, "((((", "title:", "-", "province:Atlantis",
		"sector:", "city:山东", "source:\"Example", "NOT NOT NOT", "\xff\xfe", "碳化硅 AND OR NOT ()", "“两江新区”"} {
		f.Add(s)
	}
	ix := buildIndex(f, testArticles)
	f.Fuzz(func(t *testing.T, s string) {
		res, err := ix.Search(context.Background(), Query{Text: s, Size: 3})
		if err != nil {
			if KindOf(err) != KindInvalid || MessageOf(err) == "" {
				t.Fatalf("Search(%q): %v", s, err)
			}
			return
		}
		if res.Total > uint64(len(testArticles)) {
			t.Fatalf("Search(%q): total %d", s, res.Total)
		}
	})
}

func TestSearchTimeout(t *testing.T) {
	ix := newTestIndex(t, testArticles)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := ix.Search(ctx, Query{Text: "签约"})
	if KindOf(err) != KindUnavailable || MessageOf(err) == "internal error" {
		t.Errorf("canceled search: %v", err)
	}
}

// buildIndex is newTestIndex for any testing.TB (fuzz targets too).
func buildIndex(tb testing.TB, arts []Article) *Index {
	tb.Helper()
	ix, err := Create(filepath.Join(tb.TempDir(), "idx"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	w := ix.NewWriter(0)
	for _, a := range arts {
		if err := w.Add(context.Background(), ix.Prepare(a)); err != nil {
			tb.Fatal(err)
		}
	}
	if err := w.Flush(context.Background()); err != nil {
		tb.Fatal(err)
	}
	return ix
}
