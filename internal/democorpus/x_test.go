package democorpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"testing"
)

func TestDump(t *testing.T) {
	w, _ := getWorld()
	r := rand.New(rand.NewPCG(5, 0x9e3779b97f4a7c15))
	d := &doc{}
	seen := map[string]bool{}
	f, _ := os.Create("/tmp/dump.txt")
	for i := 0; i < 3000; i++ {
		st := w.newStory(r, i)
		rep := d.write(w, r, st, i, 1)
		key := fmt.Sprint(st.kind, st.zh)
		if seen[key] {
			continue
		}
		seen[key] = true
		fmt.Fprintf(f, "===== kind=%d %s %s %s\nTITLE: %s\n%s\nTRUTH: %+v\n\n", st.kind, rep.Lang, rep.Source, rep.URL, rep.Title, rep.Body, rep.Truth)
	}
	f.Close()
}
