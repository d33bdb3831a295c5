package index

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestReadOnlyIndex opens an index the way Open does when its directory
// cannot be written: it searches, and a write fails at once with
// ErrIndexReadOnly instead of waiting for a persister that a read-only
// scorch index does not run. (cmd/indexer tests Open itself on a read-only
// mount or directory.)
func TestReadOnlyIndex(t *testing.T) {
	built := newTestIndex(t, testArticles)
	path := built.Path()
	if err := built.Close(); err != nil {
		t.Fatal(err)
	}
	ix, err := newIndex(path)
	if err != nil {
		t.Fatal(err)
	}
	if ix.bi, err = openReadOnly(path); err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if !ix.ReadOnly() {
		t.Error("ReadOnly() = false")
	}
	res, err := ix.Search(context.Background(), Query{Text: "碳化硅"})
	if err != nil || res.Total != 1 {
		t.Fatalf("search: %v, %+v", err, res)
	}

	done := make(chan error, 1)
	go func() {
		w := ix.NewWriter(1)
		err := w.Add(context.Background(), ix.Prepare(Article{ID: "new", Body: "芜湖签约机器人项目，投资10亿元。"}))
		if err == nil {
			err = w.Flush(context.Background())
		}
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, ErrIndexReadOnly) {
			t.Errorf("write = %v, want ErrIndexReadOnly", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("a write to a read-only index hangs")
	}
	if _, err := ix.Document(context.Background(), "new"); err == nil {
		t.Error("the refused document is in the index")
	}
}
