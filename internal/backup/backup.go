// Package backup snapshots a search index and its saved searches into a
// directory while the server goes on serving, and restores such a snapshot.
//
// A snapshot directory holds:
//
//	index/          a complete bleve index, openable with index.Open
//	saved.json      every saved search, as saved.Store.List returns them
//	manifest.json   a Manifest: when, by which version, how many documents
//
// The index is copied from one consistent bleve snapshot (writes made during
// the copy are not in it). The saved searches are read in one bbolt read
// transaction, through the store's public API, and restored with
// saved.Store.Import, which keeps ids and times. A snapshot is written
// under a temporary name and renamed when complete, so a directory with a
// manifest is always whole.
package backup

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/investnews/regionsearch/index"
	"github.com/investnews/regionsearch/internal/saved"
)

// Names inside a snapshot directory.
const (
	IndexDir     = "index"
	SavedFile    = "saved.json"
	ManifestFile = "manifest.json"
)

// FormatVersion is the layout of snapshots this package writes and reads.
const FormatVersion = 1

// Manifest describes a snapshot.
type Manifest struct {
	Format    int       `json:"format"`
	Path      string    `json:"path"`
	Created   time.Time `json:"created"`
	Version   string    `json:"version"` // of the program that wrote it
	Documents uint64    `json:"documents"`
	// IndexBytes is the size of the copied index on disk.
	IndexBytes int64 `json:"index_bytes"`
	// SavedSearches is how many saved searches saved.json holds; nil when
	// the snapshot has no saved-search store.
	SavedSearches *int    `json:"saved_searches,omitempty"`
	TookMS        float64 `json:"took_ms"`
}

// Lister is what a snapshot needs from the saved-search store.
type Lister interface {
	List(ctx context.Context) ([]saved.SavedSearch, error)
}

// Snapshot writes a snapshot of ix, and of the saved searches when store
// is not nil, into dir, which must not exist. version names the program
// writing it.
func Snapshot(ctx context.Context, ix *index.Index, store Lister, dir, version string) (*Manifest, error) {
	start := time.Now()
	if _, err := os.Lstat(dir); err == nil {
		return nil, fmt.Errorf("snapshot to %s: %w", dir, fs.ErrExist)
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return nil, fmt.Errorf("snapshot to %s: %w", dir, err)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+".partial-")
	if err != nil {
		return nil, fmt.Errorf("snapshot to %s: %w", dir, err)
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(tmp)
		}
	}()

	m := &Manifest{Format: FormatVersion, Path: dir, Created: start.UTC(), Version: version}
	// The saved searches first: they are small, and a search saved while
	// the index is copied then refers to documents the copy has.
	if store != nil {
		list, err := store.List(ctx)
		if err != nil {
			return nil, fmt.Errorf("snapshot saved searches: %w", err)
		}
		if list == nil {
			list = []saved.SavedSearch{}
		}
		if err := writeJSON(filepath.Join(tmp, SavedFile), list); err != nil {
			return nil, fmt.Errorf("snapshot saved searches: %w", err)
		}
		n := len(list)
		m.SavedSearches = &n
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := ix.CopyTo(filepath.Join(tmp, IndexDir)); err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	cp, err := index.Open(filepath.Join(tmp, IndexDir))
	if err != nil {
		return nil, fmt.Errorf("snapshot: check the copy: %w", err)
	}
	m.Documents, err = cp.Count()
	if err == nil {
		m.IndexBytes, err = cp.DiskSize()
	}
	if cerr := cp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("snapshot: check the copy: %w", err)
	}
	m.TookMS = float64(time.Since(start).Microseconds()) / 1000
	if err := writeJSON(filepath.Join(tmp, ManifestFile), m); err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	if err := syncPath(filepath.Dir(dir)); err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	ok = true
	return m, nil
}

// ReadManifest reads the manifest of the snapshot in dir.
func ReadManifest(dir string) (*Manifest, error) {
	raw, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if err != nil {
		return nil, fmt.Errorf("read snapshot %s: %w", dir, err)
	}
	var m Manifest
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("read snapshot %s: bad manifest: %w", dir, err)
	}
	if m.Format != FormatVersion {
		return nil, fmt.Errorf("read snapshot %s: format %d, this program reads format %d", dir, m.Format, FormatVersion)
	}
	return &m, nil
}

// RestoreOptions say where a snapshot goes.
type RestoreOptions struct {
	// IndexDir is where the index is restored to.
	IndexDir string
	// SavedPath is the saved-search store to restore into; "" skips the
	// saved searches.
	SavedPath string
	// Force moves an existing index directory or store file aside (to
	// NAME.before-restore-TIME) instead of refusing to restore.
	Force bool
}

// RestoreStats says what Restore did.
type RestoreStats struct {
	Manifest      *Manifest
	MovedAside    []string // existing files moved aside with Force
	SavedRestored int
}

// Restore copies the snapshot in dir into place. The server must be
// stopped: the index directory and the store file are replaced, not merged.
// Without Force it refuses to overwrite either.
func Restore(ctx context.Context, dir string, opts RestoreOptions) (*RestoreStats, error) {
	m, err := ReadManifest(dir)
	if err != nil {
		return nil, err
	}
	st := &RestoreStats{Manifest: m}
	var list []saved.SavedSearch
	savedSrc := filepath.Join(dir, SavedFile)
	hasSaved := false
	if opts.SavedPath != "" {
		raw, err := os.ReadFile(savedSrc)
		switch {
		case err == nil:
			if err := json.Unmarshal(raw, &list); err != nil {
				return nil, fmt.Errorf("restore %s: bad %s: %w", dir, SavedFile, err)
			}
			hasSaved = true
		case !errors.Is(err, fs.ErrNotExist):
			return nil, fmt.Errorf("restore %s: %w", dir, err)
		}
	}
	targets := []string{opts.IndexDir}
	if hasSaved {
		targets = append(targets, opts.SavedPath)
	}
	stamp := time.Now().UTC().Format("20060102T150405Z")
	for _, p := range targets {
		if _, err := os.Lstat(p); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			return nil, fmt.Errorf("restore to %s: %w", p, err)
		}
		if !opts.Force {
			return nil, fmt.Errorf("restore to %s: it exists; stop the server and give -force to move it aside", p)
		}
	}
	if hasSaved {
		// Check that the store can be opened before anything moves: a
		// running server holds its lock.
		if _, err := os.Stat(opts.SavedPath); err == nil {
			s, err := saved.Open(opts.SavedPath, saved.Options{})
			if err != nil {
				return nil, fmt.Errorf("restore: %w (is the server still running?)", err)
			}
			s.Close()
		}
	}

	for _, p := range targets {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, fmt.Errorf("restore to %s: %w", p, err)
		}
	}
	// The index: copy into a temporary sibling, then swap it in.
	tmp := opts.IndexDir + ".restoring-" + stamp
	if err := copyTree(ctx, filepath.Join(dir, IndexDir), tmp); err != nil {
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("restore index: %w", err)
	}
	for _, p := range targets {
		if _, err := os.Lstat(p); err != nil {
			continue
		}
		aside := p + ".before-restore-" + stamp
		if err := os.Rename(p, aside); err != nil {
			os.RemoveAll(tmp)
			return nil, fmt.Errorf("restore: move %s aside: %w", p, err)
		}
		st.MovedAside = append(st.MovedAside, aside)
	}
	if err := os.Rename(tmp, opts.IndexDir); err != nil {
		return nil, fmt.Errorf("restore index: %w", err)
	}
	if hasSaved {
		s, err := saved.Open(opts.SavedPath, saved.Options{})
		if err != nil {
			return st, fmt.Errorf("restore saved searches: %w", err)
		}
		is, err := s.Import(ctx, list)
		if cerr := s.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return st, fmt.Errorf("restore saved searches: %w", err)
		}
		st.SavedRestored = is.Created + is.Replaced
	}
	return st, nil
}

// Runner takes one snapshot at a time into a base directory, each in a
// subdirectory named after the time it was taken. It is what a server's
// backup endpoint calls.
type Runner struct {
	Index   *index.Index
	Store   Lister // nil when the server keeps no saved searches
	BaseDir string
	Version string

	mu sync.Mutex
}

// ErrBusy is returned by Runner.Run while another snapshot is being taken.
var ErrBusy = &index.Error{Kind: index.KindUnavailable, Message: "a backup is already running; try again when it has finished"}

// Run takes a snapshot into a new subdirectory of BaseDir.
func (r *Runner) Run(ctx context.Context) (*Manifest, error) {
	if !r.mu.TryLock() {
		return nil, ErrBusy
	}
	defer r.mu.Unlock()
	name := time.Now().UTC().Format("20060102T150405.000Z")
	return Snapshot(ctx, r.Index, r.Store, filepath.Join(r.BaseDir, name), r.Version)
}

func writeJSON(path string, v any) error {
	raw, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = f.Write(append(raw, '\n'))
	if serr := f.Sync(); err == nil {
		err = serr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// copyTree copies the regular files and directories under src to dst,
// which must not exist, and flushes them to disk.
func copyTree(ctx context.Context, src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			return os.Mkdir(target, 0o755)
		case d.Type().IsRegular():
			return copyFile(p, target)
		}
		return fmt.Errorf("%s: not a regular file", p)
	})
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = out.ReadFrom(in)
	if serr := out.Sync(); err == nil {
		err = serr
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return err
}

func syncPath(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
