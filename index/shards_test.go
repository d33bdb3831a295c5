package index

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"testing"
)

// TestShardsMatchOneIndex splits a corpus into two shards by year and
// checks that searching them through OpenShards gives the totals, facet
// counts and (for sorts without scores) the hits of one index holding
// everything.
func TestShardsMatchOneIndex(t *testing.T) {
	arts := demoArticles(t, 5, 120)
	var even, odd []Article
	for _, a := range arts {
		if a.Date.Year()%2 == 0 {
			even = append(even, a)
		} else {
			odd = append(odd, a)
		}
	}
	if len(even) == 0 || len(odd) == 0 {
		t.Fatalf("corpus did not split: %d even-year, %d odd-year reports", len(even), len(odd))
	}
	one := newTestIndex(t, arts)
	a, b := newTestIndex(t, even), newTestIndex(t, odd)
	pa, pb := a.Path(), b.Path()
	a.Close()
	b.Close()
	sh, err := OpenShards(pa, pb)
	if err != nil {
		t.Fatal(err)
	}
	defer sh.Close()
	if sh.Shards() != 2 || one.Shards() != 1 {
		t.Fatalf("Shards() = %d and %d, want 2 and 1", sh.Shards(), one.Shards())
	}
	if n, _ := sh.Count(); n != uint64(len(arts)) {
		t.Fatalf("Count() = %d, want %d", n, len(arts))
	}

	ctx := context.Background()
	first, err := one.Search(ctx, Query{})
	if err != nil {
		t.Fatal(err)
	}
	prov := first.Facets[FacetProvince][0].Value
	for _, q := range []Query{
		{Sort: "date"},
		{Text: "项目", Sort: "-date"},
		{Text: "project OR 签约", Provinces: []string{prov}, Sort: "amount"},
		{Text: "-新能源", Sort: "-amount", Lang: "zh"},
		{Text: "投资", DateFrom: "2021-01-01", DateTo: "2024-12-31", Sort: "date"},
	} {
		q.Size = 100
		want, err := one.Search(ctx, q)
		if err != nil {
			t.Fatalf("%+v: one index: %v", q, err)
		}
		got, err := sh.Search(ctx, q)
		if err != nil {
			t.Fatalf("%+v: shards: %v", q, err)
		}
		if got.Total != want.Total {
			t.Errorf("%+v: total %d, want %d", q, got.Total, want.Total)
		}
		if !reflect.DeepEqual(got.Facets, want.Facets) {
			t.Errorf("%+v: facets differ:\nshards %v\none    %v", q, got.Facets, want.Facets)
		}
		if g, w := idsInOrder(got), idsInOrder(want); !reflect.DeepEqual(g, w) {
			t.Errorf("%+v: hits differ:\nshards %v\none    %v", q, g, w)
		}
	}

	id := even[0].ID
	doc, err := sh.Document(ctx, id)
	if err != nil || doc.ID != id {
		t.Fatalf("Document(%s) = %v, %v", id, doc, err)
	}
	w := sh.NewWriter(1)
	if err := w.Add(ctx, sh.Prepare(arts[0])); !errors.Is(err, ErrReadOnly) {
		if err == nil {
			err = w.Flush(ctx)
		}
		if !errors.Is(err, ErrReadOnly) {
			t.Errorf("writing to shards: %v, want ErrReadOnly", err)
		}
	}
	if err := w.Delete(id); !errors.Is(err, ErrReadOnly) {
		t.Errorf("deleting from shards: %v, want ErrReadOnly", err)
	}
}

func TestOpenShardsErrors(t *testing.T) {
	if _, err := OpenShards(); err == nil {
		t.Error("OpenShards() with no path: no error")
	}
	good := newTestIndex(t, demoArticles(t, 1, 3))
	good.Close() // a bleve index is opened by one holder at a time
	if _, err := OpenShards(good.Path(), filepath.Join(t.TempDir(), "missing")); !errors.Is(err, ErrNoIndex) {
		t.Errorf("OpenShards with a missing shard: %v, want ErrNoIndex", err)
	}
}

func idsInOrder(r *Result) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.ID)
	}
	return out
}
