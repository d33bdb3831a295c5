package index

import "testing"

// checkKnownTerms fails unless every dedup key term of the index's
// dictionaries is in the index's known-term set: the candidate search may
// only leave out terms that no document holds.
func checkKnownTerms(t *testing.T, ix *Index) {
	t.Helper()
	k := &ix.terms
	for _, f := range knownTermFields {
		d, err := ix.bi.FieldDict(f)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for {
			e, err := d.Next()
			if err != nil {
				t.Fatal(err)
			}
			if e == nil {
				break
			}
			n++
			got, err := k.filter(ix, []fieldTerm{{f, e.Term}})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 {
				t.Errorf("%s term %q is indexed but not known", f, e.Term)
			}
		}
		d.Close()
		if n == 0 {
			t.Errorf("no %s terms indexed", f)
		}
	}
}

func TestKnownTermsCoverIndex(t *testing.T) {
	ix, path := openTemp(t)
	// Loaded from the empty index's dictionaries, then kept by the writes
	// of several batches.
	runIndexer(t, ix, dedupArticles[:4])
	runIndexer(t, ix, dedupArticles[4:])
	checkKnownTerms(t, ix)
	ix.Close()
	// Loaded from the dictionaries of a full index.
	ix, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	checkKnownTerms(t, ix)
	// An unknown term is left out.
	got, err := ix.terms.filter(ix, []fieldTerm{{fieldBand, "no-such-band"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 0 {
		t.Errorf("unknown term kept: %v", got)
	}
}
