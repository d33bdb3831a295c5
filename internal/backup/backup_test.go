package backup

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/investnews/regionsearch/index"
	"github.com/investnews/regionsearch/internal/saved"
)

var articles = []index.Article{
	{ID: "sic", Title: "聊城高新区签约碳化硅芯片封测项目", Lang: "zh",
		Date: time.Date(2023, 3, 30, 0, 0, 0, 0, time.UTC),
		Body: "3月28日，聊城高新区与一家深圳企业签约碳化硅芯片封测项目，总投资30亿元。"},
	{ID: "jy", Title: "Jiangyin signs 217 projects", Lang: "en",
		Date: time.Date(2023, 10, 31, 0, 0, 0, 0, time.UTC),
		Body: "217 projects with a total investment of over 100 billion yuan were signed in Jiangyin, Jiangsu Province."},
}

func add(t *testing.T, ix *index.Index, arts ...index.Article) {
	t.Helper()
	w := ix.NewWriter(10)
	for _, a := range arts {
		if err := w.Add(context.Background(), ix.Prepare(a)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func setup(t *testing.T) (*index.Index, *saved.Store, string) {
	t.Helper()
	dir := t.TempDir()
	ix, err := index.Create(filepath.Join(dir, "index"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	add(t, ix, articles...)
	st, err := saved.Open(filepath.Join(dir, "saved.db"), saved.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, name := range []string{"SiC in Shandong", "Jiangsu"} {
		if _, err := st.Create(context.Background(), saved.SavedSearch{Name: name, Query: saved.Query{Q: "碳化硅"}}); err != nil {
			t.Fatal(err)
		}
	}
	return ix, st, dir
}

// TestSnapshotRestore snapshots a live index and store, changes both, then
// restores the snapshot elsewhere and searches it.
func TestSnapshotRestore(t *testing.T) {
	ix, st, dir := setup(t)
	ctx := context.Background()
	snap := filepath.Join(dir, "backups", "one")
	m, err := Snapshot(ctx, ix, st, snap, "test")
	if err != nil {
		t.Fatal(err)
	}
	if m.Documents != 2 || m.SavedSearches == nil || *m.SavedSearches != 2 || m.IndexBytes <= 0 || m.Path != snap {
		t.Errorf("manifest %+v", m)
	}
	if _, err := Snapshot(ctx, ix, st, snap, "test"); !errors.Is(err, fs.ErrExist) {
		t.Errorf("second snapshot into the same directory: %v", err)
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, "backups", ".*partial*"))
	if len(leftovers) != 0 {
		t.Errorf("partial snapshots left: %v", leftovers)
	}

	// Changes after the snapshot are not in it.
	add(t, ix, index.Article{ID: "later", Title: "Later report", Body: "Hefei signed a project worth 1 billion yuan."})
	list, _ := st.List(ctx)
	if err := st.Delete(ctx, list[0].ID); err != nil {
		t.Fatal(err)
	}

	restored := filepath.Join(t.TempDir(), "restored")
	rs, err := Restore(ctx, snap, RestoreOptions{IndexDir: filepath.Join(restored, "index"), SavedPath: filepath.Join(restored, "saved.db")})
	if err != nil {
		t.Fatal(err)
	}
	if rs.SavedRestored != 2 || len(rs.MovedAside) != 0 {
		t.Errorf("restore stats %+v", rs)
	}
	rix, err := index.Open(filepath.Join(restored, "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer rix.Close()
	res, err := rix.Search(ctx, index.Query{Text: "碳化硅"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || res.Hits[0].ID != "sic" {
		t.Errorf("search in the restored index: total %d hits %v", res.Total, res.Hits)
	}
	if n, _ := rix.Count(); n != 2 {
		t.Errorf("restored index has %d documents, want the snapshot's 2", n)
	}
	rst, err := saved.Open(filepath.Join(restored, "saved.db"), saved.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer rst.Close()
	got, _ := rst.List(ctx)
	if len(got) != 2 || got[0].ID != list[0].ID || !got[0].Created.Equal(list[0].Created) {
		t.Errorf("restored saved searches %+v, want %+v", got, list)
	}
}

func TestRestoreRefusesAndForces(t *testing.T) {
	ix, st, dir := setup(t)
	ctx := context.Background()
	snap := filepath.Join(dir, "snap")
	if _, err := Snapshot(ctx, ix, st, snap, "test"); err != nil {
		t.Fatal(err)
	}
	target := t.TempDir()
	opts := RestoreOptions{IndexDir: filepath.Join(target, "index"), SavedPath: filepath.Join(target, "saved.db")}
	if _, err := Restore(ctx, snap, opts); err != nil {
		t.Fatal(err)
	}
	if _, err := Restore(ctx, snap, opts); err == nil || !strings.Contains(err.Error(), "-force") {
		t.Fatalf("restore over an existing index: %v", err)
	}
	// A running server holds the store's lock: restore must refuse before
	// it moves anything.
	held, err := saved.Open(opts.SavedPath, saved.Options{})
	if err != nil {
		t.Fatal(err)
	}
	opts.Force = true
	if _, err := Restore(ctx, snap, opts); err == nil {
		t.Error("restore over a store in use worked")
	}
	if _, err := os.Stat(filepath.Join(opts.IndexDir, "index_meta.json")); err != nil {
		t.Errorf("a refused restore moved the index: %v", err)
	}
	held.Close()
	rs, err := Restore(ctx, snap, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs.MovedAside) != 2 {
		t.Errorf("moved aside %v, want the index and the store", rs.MovedAside)
	}
}

func TestSnapshotWithoutStore(t *testing.T) {
	ix, _, dir := setup(t)
	m, err := Snapshot(context.Background(), ix, nil, filepath.Join(dir, "s"), "test")
	if err != nil {
		t.Fatal(err)
	}
	if m.SavedSearches != nil {
		t.Errorf("saved searches %v without a store", *m.SavedSearches)
	}
	if _, err := os.Stat(filepath.Join(dir, "s", SavedFile)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("saved.json written without a store: %v", err)
	}
	rm, err := ReadManifest(filepath.Join(dir, "s"))
	if err != nil || rm.Documents != 2 {
		t.Errorf("ReadManifest: %+v %v", rm, err)
	}
}

func TestRunnerOneAtATime(t *testing.T) {
	ix, st, dir := setup(t)
	r := &Runner{Index: ix, Store: st, BaseDir: filepath.Join(dir, "backups"), Version: "test"}
	var wg sync.WaitGroup
	errs := make([]error, 3)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = r.Run(context.Background())
		}()
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case !errors.Is(err, ErrBusy):
			t.Errorf("unexpected error %v", err)
		}
	}
	if ok == 0 {
		t.Error("no backup succeeded")
	}
	ents, _ := os.ReadDir(r.BaseDir)
	if len(ents) != ok {
		t.Errorf("%d snapshots for %d successes", len(ents), ok)
	}
}
