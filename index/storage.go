package index

import "errors"

// ErrStorage marks an error of the disk under the index (full, read-only,
// failing) rather than of a document: a run cannot go on, but the index as
// last written stays usable.
var ErrStorage = errors.New("index storage")
