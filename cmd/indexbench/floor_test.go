package main

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2"
)

func TestPresplit(t *testing.T) {
	for _, tc := range []struct {
		in    string
		terms []string
		start []int
	}{
		{"", nil, nil},
		{"聊城\x1f签约", []string{"聊城", "签约"}, []int{0, 7}},
		{"\x1fa\x1f\x1fbc\x1f", []string{"a", "bc"}, []int{1, 4}},
	} {
		ts := presplit{}.Tokenize([]byte(tc.in))
		if len(ts) != len(tc.terms) {
			t.Fatalf("%q: %d tokens, want %d", tc.in, len(ts), len(tc.terms))
		}
		for i, tok := range ts {
			if string(tok.Term) != tc.terms[i] || tok.Start != tc.start[i] || tok.End != tc.start[i]+len(tc.terms[i]) || tok.Position != i+1 {
				t.Errorf("%q token %d: %q [%d,%d) pos %d", tc.in, i, tok.Term, tok.Start, tok.End, tok.Position)
			}
		}
	}
}

// TestBleveFloorIndexes checks that the floor index holds what it was
// given: every document, searchable by its words, phrases with positions.
func TestBleveFloorIndexes(t *testing.T) {
	split := []string{"聊城\x1f签约\x1f碳化硅", "silicon\x1fcarbide\x1fplant", "签约\x1f聊城"}
	for _, pos := range []bool{true, false} {
		dir := filepath.Join(t.TempDir(), "floor")
		if _, err := bleveFloor(context.Background(), dir, split, pos, 2); err != nil {
			t.Fatal(err)
		}
		bi, err := bleve.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		n, _ := bi.DocCount()
		tq := bleve.NewTermQuery("签约")
		tq.SetField("body")
		res, err := bi.Search(bleve.NewSearchRequest(tq))
		if err != nil {
			t.Fatal(err)
		}
		pq := bleve.NewPhraseQuery([]string{"聊城", "签约"}, "body")
		pres, err := bi.Search(bleve.NewSearchRequest(pq))
		if err != nil {
			t.Fatal(err)
		}
		bi.Close()
		wantPhrase := uint64(0)
		if pos {
			wantPhrase = 1
		}
		if n != 3 || res.Total != 2 || pres.Total != wantPhrase {
			t.Errorf("positions %v: %d documents, 签约 in %d, phrase in %d; want 3, 2, %d", pos, n, res.Total, pres.Total, wantPhrase)
		}
	}
}
