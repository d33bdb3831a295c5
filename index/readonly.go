package index

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"

	"github.com/blevesearch/bleve/v2"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// ErrIndexReadOnly is returned by writes to an index that Open opened
// read-only because its directory cannot be written (a read-only mount or
// no write permission). Searching it works.
var ErrIndexReadOnly = errors.New("the index directory is read-only")

// notWritable reports whether err says a file could not be opened for
// writing because of a read-only file system or missing permission.
func notWritable(err error) bool {
	return errors.Is(err, syscall.EROFS) || errors.Is(err, fs.ErrPermission)
}

// openReadOnly opens the bleve index at path without writing to it.
//
// A scorch index opened read-only runs no persister, so a batch given to it
// would wait for ever for its persistence: the index returned refuses every
// write with ErrIndexReadOnly instead.
func openReadOnly(path string) (bleve.Index, error) {
	bi, err := bleve.OpenUsing(path, map[string]interface{}{"read_only": true})
	if err != nil {
		return nil, err
	}
	return readOnlyIndex{bleveIndex: bi, path: path}, nil
}

// bleveIndex names the embedded index of readOnlyIndex, whose Index method
// would clash with a field called Index.
type bleveIndex = bleve.Index

// readOnlyIndex is a bleve index that refuses writes.
type readOnlyIndex struct {
	bleveIndex
	path string
}

func (r readOnlyIndex) refuse() error {
	return fmt.Errorf("write index %s: %w", r.path, ErrIndexReadOnly)
}

func (r readOnlyIndex) Index(string, interface{}) error  { return r.refuse() }
func (r readOnlyIndex) Delete(string) error              { return r.refuse() }
func (r readOnlyIndex) Batch(*bleve.Batch) error         { return r.refuse() }
func (r readOnlyIndex) SetInternal([]byte, []byte) error { return r.refuse() }
func (r readOnlyIndex) DeleteInternal([]byte) error      { return r.refuse() }

// CopyTo copies the index (backups work on a read-only index).
func (r readOnlyIndex) CopyTo(d bleveindex.Directory) error {
	c, ok := r.bleveIndex.(bleve.IndexCopyable)
	if !ok {
		return fmt.Errorf("copy index %s: this index type cannot be copied online", r.path)
	}
	return c.CopyTo(d)
}

// ReadOnly reports whether Open opened the index read-only because its
// directory cannot be written; writes to it fail with ErrIndexReadOnly.
func (ix *Index) ReadOnly() bool {
	_, ok := ix.bi.(readOnlyIndex)
	return ok
}
