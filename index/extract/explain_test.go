package extract

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// TestExplain prints the evidence and amounts of the labelled reports named
// in EXTRACT_EXPLAIN (comma-separated ids), for working on the rules:
//
//	EXTRACT_EXPLAIN=zh01,en07 go test -run TestExplain -v ./index/extract/
func TestExplain(t *testing.T) {
	ids := os.Getenv("EXTRACT_EXPLAIN")
	if ids == "" {
		t.Skip("set EXTRACT_EXPLAIN to a list of labelled report ids")
	}
	e := extractor(t)
	set := append(readLabelled(t, "testdata/labelled.jsonl"), readLabelled(t, "testdata/heldout.jsonl")...)
	for _, l := range set {
		if !strings.Contains(","+ids+",", ","+l.ID+",") {
			continue
		}
		r := e.Extract(l.Title, l.Body)
		ev, _ := json.MarshalIndent(r.Evidence, "", "  ")
		am, _ := json.Marshal(r.Amounts)
		t.Logf("%s %s\nevidence: %s\namounts: %s", l.ID, l.Title, ev, am)
	}
}
