package index

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/blevesearch/bleve/v2"
)

// Ping runs the smallest search that touches the index — a term that
// matches nothing, in the title field — and reports whether it answered
// within ctx. A server uses it to tell that it is ready, not merely alive.
func (ix *Index) Ping(ctx context.Context) error {
	q := bleve.NewTermQuery("\x00regionsearch-ping")
	q.SetField(fieldTitle)
	req := bleve.NewSearchRequestOptions(q, 1, 0, false)
	if _, err := ix.bi.SearchInContext(ctx, req); err != nil {
		return fmt.Errorf("ping index %s: %w", ix.path, err)
	}
	return ctx.Err()
}

// DiskSize returns the bytes the index's files take on disk.
func (ix *Index) DiskSize() (int64, error) {
	var n int64
	err := filepath.WalkDir(ix.path, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // a segment merged away during the walk
			}
			return err
		}
		if d.Type().IsRegular() {
			info, err := d.Info()
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return nil
				}
				return err
			}
			n += info.Size()
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("size of index %s: %w", ix.path, err)
	}
	return n, nil
}

// CopyTo writes a consistent, openable copy of the index to dir, which must
// not exist, while the index goes on serving searches and taking writes: it
// copies the snapshot current when it starts (bleve's IndexCopyable), so
// writes made during the copy are not in it. A failed copy removes what it
// wrote.
func (ix *Index) CopyTo(dir string) error {
	c, ok := ix.bi.(bleve.IndexCopyable)
	if !ok {
		return fmt.Errorf("copy index %s: this index type cannot be copied online", ix.path)
	}
	if _, err := os.Lstat(dir); err == nil {
		return fmt.Errorf("copy index %s to %s: %w", ix.path, dir, fs.ErrExist)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("copy index %s to %s: %w", ix.path, dir, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("copy index %s to %s: %w", ix.path, dir, err)
	}
	if err := c.CopyTo(bleve.FileSystemDirectory(dir)); err != nil {
		os.RemoveAll(dir)
		return fmt.Errorf("copy index %s to %s: %w", ix.path, dir, err)
	}
	if err := syncDir(dir); err != nil {
		os.RemoveAll(dir)
		return fmt.Errorf("copy index %s to %s: %w", ix.path, dir, err)
	}
	return nil
}

// syncDir flushes every file under dir, and the directories themselves, to
// stable storage.
func syncDir(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && !d.Type().IsRegular() {
			return nil
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		serr := f.Sync()
		if cerr := f.Close(); serr == nil {
			serr = cerr
		}
		return serr
	})
}
