package extract

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/investnews/regionsearch/analyzers/gazetteer"
)

func TestDebugOne(t *testing.T) {
	id := os.Getenv("EXID")
	if id == "" {
		t.Skip()
	}
	e, _ := New(gazetteer.MustDefault())
	for _, l := range append(readLabelled(t, "testdata/labelled.jsonl"), readLabelled(t, "testdata/heldout.jsonl")...) {
		if !strings.Contains(","+id+",", ","+l.ID+",") {
			continue
		}
		r := e.Extract(l.Title, l.Body)
		j, _ := json.MarshalIndent(r.Evidence, "", " ")
		t.Logf("%s %s", l.ID, j)
		j, _ = json.Marshal(r.Amounts)
		t.Logf("%s", j)
	}
}
