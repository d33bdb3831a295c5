package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/investnews/regionsearch/index"
)

// storageCauses are the ways the disk under an index refuses writes, with
// what the user can do about each.
var storageCauses = []struct {
	errno syscall.Errno
	fix   string
}{
	{syscall.ENOSPC, "free space"},
	{syscall.EDQUOT, "free space or raise the disk quota"},
	{syscall.EFBIG, "raise the file size limit (ulimit -f)"},
	{syscall.EROFS, "remount the file system read-write"},
	{syscall.EACCES, "make the index directory writable for this user"},
	{syscall.EPERM, "make the index directory writable for this user"},
	{syscall.EIO, "check the disk"},
}

// storageCause returns the errno behind err, when it is one of
// storageCauses, and the fix for it. bleve formats some errors with %v,
// which drops the errno from the chain, so the errno's text is looked for
// too.
func storageCause(err error) (syscall.Errno, string, bool) {
	for _, c := range storageCauses {
		if errors.Is(err, c.errno) || strings.Contains(err.Error(), c.errno.Error()) {
			return c.errno, c.fix, true
		}
	}
	return 0, "", false
}

// writeError explains an error of a run that wrote to the index at path:
// when the disk refused a write (full, read-only, over a limit) it says so,
// where, and what to do, and that the index holds every batch written
// before the failure (bleve persists each batch before the next starts, and
// a batch whose persist fails is not in the index when it is opened again),
// including the indexed documents of this run; indexed < 0 means the run
// wrote one batch only (a delete). Other errors are returned as they are.
func writeError(err error, path string, indexed int) error {
	errno, fix, ok := storageCause(err)
	if !ok {
		return err
	}
	state := "the index is unchanged"
	if indexed >= 0 {
		state = fmt.Sprintf("the index is unchanged since the last completed batch (this run added %d documents before the failure)", indexed)
	}
	return fmt.Errorf("%s writing index %s: %s and run the same command again; %s: %w", errno, path, fix, state, err)
}

// openError explains an error opening or creating the index at path when
// the disk refused it, as writeError does; other errors are returned as
// they are.
func openError(err error, path string) error {
	errno, fix, ok := storageCause(err)
	if !ok {
		return err
	}
	return fmt.Errorf("%s opening index %s: %s and run the same command again: %w", errno, path, fix, err)
}

// checkWritable refuses, before any work, an index that cannot be written:
// one that index.Open opened read-only, or whose store directory does not
// take a new file. The index itself is left as it is and still searches.
func checkWritable(ix *index.Index, path string) error {
	probe, err := os.CreateTemp(filepath.Join(path, "store"), ".write-check-*")
	if err == nil {
		name := probe.Name()
		err = errors.Join(probe.Close(), os.Remove(name))
	}
	if err == nil && ix.ReadOnly() {
		err = index.ErrIndexReadOnly
	}
	if err == nil {
		return nil
	}
	what, fix := "cannot be written", "make it writable"
	if errno, f, ok := storageCause(err); ok {
		what, fix = "cannot be written: "+errno.Error(), f
	}
	return fmt.Errorf("index %s %s; nothing was indexed, the index is unchanged and still opens for searching; "+
		"%s and run the same command again: %w", path, what, fix, err)
}
