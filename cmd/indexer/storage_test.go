package main

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"syscall"
	"testing"
)

func TestWriteError(t *testing.T) {
	tests := []struct {
		name    string
		err     error
		indexed int
		want    string // "" means err is returned as it is
	}{
		{"wrapped ENOSPC", fmt.Errorf("write batch: %w", &fs.PathError{Op: "write", Path: "x.zap", Err: syscall.ENOSPC}), 75,
			"no space left on device writing index data/mine: free space and run the same command again; " +
				"the index is unchanged since the last completed batch (this run added 75 documents before the failure): write batch: write x.zap: no space left on device"},
		// bleve formats the persist error with %v, which drops the errno.
		{"flattened EFBIG", fmt.Errorf("segment: x.zap persist err: %v", &fs.PathError{Op: "write", Path: "x.zap", Err: syscall.EFBIG}), 0,
			"file too large writing index data/mine: raise the file size limit (ulimit -f) and run the same command again; " +
				"the index is unchanged since the last completed batch (this run added 0 documents before the failure): segment: x.zap persist err: write x.zap: file too large"},
		{"delete on a quota", fmt.Errorf("delete 1 reports: %w", syscall.EDQUOT), -1,
			"disk quota exceeded writing index data/mine: free space or raise the disk quota and run the same command again; " +
				"the index is unchanged: delete 1 reports: disk quota exceeded"},
		{"not the disk", errors.New("extract: bad gazetteer"), 3, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := writeError(tt.err, "data/mine", tt.indexed)
			if tt.want == "" {
				if got != tt.err {
					t.Errorf("writeError changed %v into %v", tt.err, got)
				}
				return
			}
			if got.Error() != tt.want {
				t.Errorf("writeError =\n%s\nwant\n%s", got, tt.want)
			}
			if !errors.Is(got, tt.err) {
				t.Errorf("writeError does not wrap %v", tt.err)
			}
		})
	}
}

func TestOpenError(t *testing.T) {
	err := fmt.Errorf("create index x: %w", &fs.PathError{Op: "mkdir", Path: "x", Err: syscall.EROFS})
	got := openError(err, "x").Error()
	if !strings.HasPrefix(got, "read-only file system opening index x: remount the file system read-write and run the same command again: ") {
		t.Errorf("openError = %s", got)
	}
}
