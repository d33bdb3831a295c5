package analyzers

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

func dumpTokens(ts analysis.TokenStream) string {
	var b strings.Builder
	for _, t := range ts {
		fmt.Fprintf(&b, "\t%q@%d [%d:%d]\n", t.Term, t.Position, t.Start, t.End)
	}
	return b.String()
}

// TestGazetteerNamesAreTokens checks every Chinese name of the gazetteer
// comes out of the analyzer as one token spanning the whole name.
func TestGazetteerNamesAreTokens(t *testing.T) {
	a, err := registry.NewCache().AnalyzerNamed(AnalyzerName)
	if err != nil {
		t.Fatal(err)
	}
	u, err := buildUserWords()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for w := range u.boundary {
		names = append(names, w)
	}
	sort.Strings(names)
	if len(names) < 10000 {
		t.Fatalf("only %d user words", len(names))
	}
	bad := 0
	for _, name := range names {
		ts := a.Analyze([]byte(name))
		if len(ts) == 0 || string(ts[0].Term) != name || ts[0].Start != 0 || ts[0].End != len(name) {
			bad++
			if bad <= 20 {
				t.Errorf("%s is not one token:\n%s", name, dumpTokens(ts))
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d names are not single tokens", bad, len(names))
	}
	for _, name := range []string{"聊城市", "聊城", "两江新区", "江阴", "南湖区", "南湖高新区", "聊城高新区", "聊城经开区", "江阴开发区"} {
		ts := a.Analyze([]byte(name))
		if len(ts) == 0 || string(ts[0].Term) != name {
			t.Errorf("%s: got\n%s", name, dumpTokens(ts))
		}
	}
}
