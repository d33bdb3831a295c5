package analyzers_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the tokens sections of testdata/*.txtar")

// TestTxtar analyses the "input" file of every testdata/*.txtar archive and
// compares the token stream with its "tokens" file: one token a line,
// "position start:end term surface", where surface is the input's bytes
// at [start:end]. The input's final newline is not part of the text. Run
// with -update to rewrite the tokens files after a deliberate change, and
// review the diff.
func TestTxtar(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no testdata/*.txtar")
	}
	a := newAnalyzer(t)
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var input []byte
			tokensAt := -1
			for i, f := range ar.Files {
				switch f.Name {
				case "input":
					input = bytes.TrimSuffix(f.Data, []byte("\n"))
				case "tokens":
					tokensAt = i
				}
			}
			if input == nil {
				t.Fatal("no input file")
			}
			var b strings.Builder
			orig := bytes.Clone(input)
			for _, tk := range a.Analyze(input) {
				surface := strings.Join(strings.Fields(string(orig[tk.Start:tk.End])), " ")
				fmt.Fprintf(&b, "%d %d:%d %s %s\n", tk.Position, tk.Start, tk.End, tk.Term, surface)
			}
			got := b.String()
			if *update {
				if tokensAt < 0 {
					ar.Files = append(ar.Files, txtar.File{Name: "tokens"})
					tokensAt = len(ar.Files) - 1
				}
				ar.Files[tokensAt].Data = []byte(got)
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if tokensAt < 0 {
				t.Fatal("no tokens file (run with -update)")
			}
			if want := string(ar.Files[tokensAt].Data); got != want {
				t.Errorf("tokens differ (run with -update and review the diff)\ngot:\n%swant:\n%s", got, want)
			}
		})
	}
}
