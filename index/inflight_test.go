package index

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
)

// TestOverlappedBatches indexes a stream with duplicates, near duplicates
// and re-indexed reports in small batches, each decided while the one before
// it is written (writtenBatch): the index must come out as when every batch
// is decided after the one before it is in the index.
func TestOverlappedBatches(t *testing.T) {
	arts := slices.Clone(dedupArticles)
	// Re-indexed with other text: "edited" leaves its cluster, "wire" hands
	// its document to the portal's copy.
	changed := dedupArticles[2]
	changed.Body = enOther
	wire := dedupArticles[0]
	wire.Body = zhOther + "\n补记。"
	arts = append(arts, arts[3], changed, wire, dedupArticles[1])
	for _, size := range []int{1, 2, 3, 5} {
		t.Run(fmt.Sprint("batch ", size), func(t *testing.T) {
			want := indexState(t, arts, size, true, 0)
			if got := indexState(t, arts, size, false, 0); !reflect.DeepEqual(got, want) {
				t.Errorf("overlapped:\n%s\nwant (one batch at a time):\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// indexState indexes arts with a Writer in batches of size, waiting for
// each batch to be written before the next is decided when serial, with a
// dedup cache of cacheDocs documents (0: the default), and describes every
// document: its reports, cluster, role and the reports it lists.
func indexState(t *testing.T, arts []Article, size int, serial bool, cacheDocs int) []string {
	t.Helper()
	ctx := context.Background()
	ix, _ := openTemp(t)
	defer ix.Close()
	w := ix.NewWriter(size)
	if cacheDocs > 0 {
		w.cache = newDedupCache(cacheDocs)
	}
	for i, a := range arts {
		a.ID = DocumentID(a)
		if err := w.Add(ctx, ix.Prepare(a)); err != nil {
			t.Fatal(err)
		}
		if serial && (i+1)%size == 0 {
			if err := w.Flush(ctx); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := w.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	req := unscored(bleve.NewMatchAllQuery(), 100, 0, fieldMeta)
	res, err := ix.bi.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, h := range res.Hits {
		d, err := decodeMeta(h.Fields)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		fmt.Fprintf(&b, "%s cluster=%s rep=%v size=%d title=%q sources=", h.ID, d.ClusterID, d.Representative, d.ClusterSize, d.Title)
		for _, s := range d.Sources {
			b.WriteString(s.ID + ",")
		}
		b.WriteString(" lists=")
		for _, s := range d.Cluster {
			b.WriteString(s.ID + ",")
		}
		out = append(out, b.String())
	}
	slices.Sort(out)
	return out
}
