package index

import (
	"context"
	"errors"
	"slices"
	"testing"
)

func TestExport(t *testing.T) {
	arts := demoArticles(t, 17, 90)
	ix := newTestIndex(t, arts)
	ix.SetExportBatch(4, 16) // 4, 8, 16, 16, ...: many batches
	for _, q := range []Query{
		{},
		{Sort: "-date"},
		{Sort: "amount", Lang: "zh"},
		{Text: "项目 OR project"},
	} {
		want := pageIDs(t, ix, q)
		var got []string
		n, err := ix.Export(context.Background(), q, func(d *Document) error {
			if d.ID == "" || d.Title == "" || d.Body != "" || d.Provinces == nil || d.Amounts == nil {
				t.Errorf("exported document %+v", d)
			}
			got = append(got, d.ID)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if n != len(got) || !slices.Equal(got, want) {
			t.Errorf("%+v: export gave %d (%d)\n%v\nwant %d\n%v", q, n, len(got), got, len(want), want)
		}
		if len(want) <= 16 {
			t.Errorf("%+v: only %d hits, not several batches", q, len(want))
		}
	}
	// fn's error stops the export.
	stop := errors.New("stop")
	n, err := ix.Export(context.Background(), Query{}, func(*Document) error { return stop })
	if n != 0 || !errors.Is(err, stop) {
		t.Errorf("export with a failing fn: %d, %v", n, err)
	}
	if _, err := ix.Export(context.Background(), Query{Sort: "up"}, nil); !errors.Is(err, ErrBadQuery) {
		t.Errorf("bad sort: %v", err)
	}
}
