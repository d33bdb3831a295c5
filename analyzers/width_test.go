package analyzers_test

import (
	"bytes"
	"path/filepath"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/investnews/regionsearch/analyzers"
)

// TestTokenWidth checks TokenWidth against the tokenizer on every testdata
// text: a token that starts where another ends, or after nothing but
// whitespace, is at the other's position plus its width.
func TestTokenWidth(t *testing.T) {
	for _, tc := range []struct {
		term string
		want int
	}{
		{"聊城市", 3}, {"#市", 1}, {"5g", 1}, {"invest", 1}, {"2026", 1}, {"", 1}, {"碳化", 2},
	} {
		if got := analyzers.TokenWidth([]byte(tc.term)); got != tc.want {
			t.Errorf("TokenWidth(%q) = %d, want %d", tc.term, got, tc.want)
		}
	}
	files, err := filepath.Glob(filepath.Join("testdata", "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata/*.txtar: %v", err)
	}
	a := newAnalyzer(t)
	checked := 0
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range ar.Files {
			if f.Name != "input" {
				continue
			}
			input := bytes.TrimSuffix(f.Data, []byte("\n"))
			orig := bytes.Clone(input)
			toks := a.Analyze(input)
			for _, x := range toks {
				for _, y := range toks {
					if y.Start < x.End || len(bytes.TrimSpace(orig[x.End:y.Start])) > 0 {
						continue
					}
					checked++
					if w := analyzers.TokenWidth(x.Term); y.Position != x.Position+w {
						t.Errorf("%s: %q@%d (width %d) then %q@%d", filepath.Base(file), x.Term, x.Position, w, y.Term, y.Position)
					}
				}
			}
		}
	}
	if checked < 100 {
		t.Fatalf("only %d adjacent tokens checked", checked)
	}
}
