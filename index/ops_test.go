package index

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

func TestPingAndDiskSize(t *testing.T) {
	ix := newTestIndex(t, testArticles)
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if err := ix.Ping(ctx); err != nil {
		t.Fatalf("Ping: %v", err)
	}
	n, err := ix.DiskSize()
	if err != nil || n <= 0 {
		t.Fatalf("DiskSize = %d, %v", n, err)
	}
	done, cancel2 := context.WithCancel(context.Background())
	cancel2()
	if err := ix.Ping(done); err == nil {
		t.Error("Ping with a cancelled context succeeded")
	}
}

// TestCopyTo copies an index while a writer adds to it, then opens the copy
// and searches it.
func TestCopyTo(t *testing.T) {
	ix := newTestIndex(t, testArticles)
	dst := filepath.Join(t.TempDir(), "copy")

	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		w := ix.NewWriter(5)
		for i := 0; i < 50; i++ {
			a := Article{ID: fmt.Sprintf("extra-%d", i), Title: "Extra report", Date: day("2024-01-02"),
				Body: fmt.Sprintf("Hefei, Anhui Province signed project number %d worth 1 billion yuan.", i)}
			if err := w.Add(context.Background(), ix.Prepare(a)); err != nil {
				t.Error(err)
				return
			}
		}
		if err := w.Flush(context.Background()); err != nil {
			t.Error(err)
		}
	}()
	err := ix.CopyTo(dst)
	wg.Wait()
	if err != nil {
		t.Fatalf("CopyTo: %v", err)
	}
	if err := ix.CopyTo(dst); !errors.Is(err, fs.ErrExist) {
		t.Errorf("second CopyTo into the same directory: %v, want ErrExist", err)
	}

	cp, err := Open(dst)
	if err != nil {
		t.Fatalf("open the copy: %v", err)
	}
	defer cp.Close()
	n, err := cp.Count()
	if err != nil || n < uint64(len(testArticles)) || n > uint64(len(testArticles))+50 {
		t.Fatalf("copy has %d documents (%v), want %d to %d", n, err, len(testArticles), len(testArticles)+50)
	}
	res, err := cp.Search(context.Background(), Query{Text: "碳化硅"})
	if err != nil {
		t.Fatal(err)
	}
	if got := hitIDs(res); len(got) != 1 || got[0] != "sd-sic" {
		t.Errorf("search in the copy: %v", got)
	}
}
