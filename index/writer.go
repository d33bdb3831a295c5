package index

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2/document"
)

// DefaultBatchSize is the number of documents a Writer sends to bleve at
// once. Larger batches make fewer, larger segments and so less merging;
// memory grows with two batches of analysed documents.
const DefaultBatchSize = 1000

// WriteStats counts what a Writer did.
type WriteStats struct {
	Indexed   int // new or changed documents written
	Unchanged int // documents already in the index with the same content
	Deleted   int
}

// entry is a document queued in a Writer.
type entry struct {
	doc  *Document
	hash string             // content hash, stored to detect unchanged input
	bdoc *document.Document // mapped and analysed; nil until built
	// checked means the caller already knows the index does not hold this
	// content, so Flush does not look it up.
	checked bool
	// exists means the checker found the id with other content, so the
	// old version must be taken out of its document and cluster first.
	exists bool
	dk     *dedupKeys // computed by the pipeline's workers, else by keys()
}

// Writer adds documents to an index in batches. It skips documents whose
// content is already indexed. While one batch is written to the index, the
// next one is filled and, once full, decided: Add returns as soon as the
// document is queued, and only waits when a second batch is decided before
// the first is written. A Writer is
// not safe for concurrent use; run extraction in parallel and feed one
// Writer (see Pipeline).
type Writer struct {
	ix      *Index
	size    int
	pending []*entry
	byID    map[string]int // position in pending
	stats   WriteStats
	now     func() time.Time

	inflight chan error    // the batch being written; nil when none
	written  int           // documents of the in-flight batch
	flying   *writtenBatch // what the in-flight batch writes and deletes
	cache    *dedupCache   // dedup state of stored documents (dedupcache.go)

	// NoDedup turns off the merging of exact duplicates and the
	// clustering of near duplicates (cluster.go): every report is a
	// document and a cluster of its own. It is for measuring what dedup
	// costs; set it before the first Add.
	NoDedup bool
}

// NewWriter returns a Writer that flushes every batchSize documents
// (DefaultBatchSize when batchSize <= 0).
func (ix *Index) NewWriter(batchSize int) *Writer {
	if batchSize <= 0 {
		batchSize = DefaultBatchSize
	}
	return &Writer{ix: ix, size: batchSize, byID: make(map[string]int), now: time.Now,
		cache: newDedupCache(defaultDedupCacheDocs)}
}

// Add queues a document and starts writing the batch when it is full. A
// document with the id of one already queued replaces it.
func (w *Writer) Add(ctx context.Context, d *Document) error {
	return w.add(ctx, &entry{doc: d, hash: contentHash(d)})
}

func (w *Writer) add(ctx context.Context, e *entry) error {
	if i, ok := w.byID[e.doc.ID]; ok {
		w.pending[i] = e
		return nil
	}
	w.byID[e.doc.ID] = len(w.pending)
	w.pending = append(w.pending, e)
	if len(w.pending) >= w.size {
		return w.flush(ctx, false)
	}
	return nil
}

// Delete removes documents by id. Queued documents are written first.
func (w *Writer) Delete(ids ...string) error {
	if len(w.ix.shards) > 0 {
		return ErrReadOnly
	}
	if err := w.Flush(context.Background()); err != nil {
		return err
	}
	r, err := w.resolve(context.Background(), nil, ids)
	if err != nil {
		return fmt.Errorf("delete %d reports: %w", len(ids), err)
	}
	if err := w.ix.bi.Batch(r.batch); err != nil {
		w.cache.reset()
		return fmt.Errorf("delete %d reports: %w", len(ids), classifyWriteError(err))
	}
	w.cache.apply(r.changes)
	w.stats.Deleted += r.found
	return nil
}

// Flush writes the queued documents and waits until every batch is in the
// index.
func (w *Writer) Flush(ctx context.Context) error {
	return w.flush(ctx, true)
}

// wait waits for the batch in flight, if any, and returns its error.
func (w *Writer) wait() error {
	if w.inflight == nil {
		return nil
	}
	err := <-w.inflight
	w.inflight = nil
	if err == nil {
		w.stats.Indexed += w.written
		w.cache.apply(w.flying)
	} else {
		w.cache.reset()
	}
	w.written, w.flying = 0, nil
	return err
}

// flush starts writing the queued documents as one batch, once the batch
// in flight is written; with sync it also waits for the new batch. The new
// batch is decided while the one in flight is written, against the index
// and the batch in flight (see writtenBatch).
func (w *Writer) flush(ctx context.Context, sync bool) error {
	if len(w.ix.shards) > 0 {
		return ErrReadOnly
	}
	if len(w.pending) > 0 {
		r, err := w.batch(ctx)
		// The decision holds only if the batch it was taken against is
		// written.
		if werr := w.wait(); werr != nil {
			return werr
		}
		if err != nil {
			return err
		}
		if n := r.indexed; n > 0 {
			done := make(chan error, 1)
			go func() {
				err := w.ix.bi.Batch(r.batch)
				if err != nil {
					err = fmt.Errorf("write batch of %d documents: %w", n, classifyWriteError(err))
				}
				done <- err
			}()
			w.inflight, w.written, w.flying = done, n, r.changes
		}
	}
	if sync {
		return w.wait()
	}
	return nil
}

// batch turns the queued documents into a bleve batch, leaving out those
// whose content the index already holds and merging or clustering
// duplicates (see resolve in cluster.go), and empties the queue.
func (w *Writer) batch(ctx context.Context) (resolved, error) {
	r, err := w.resolve(ctx, w.pending, nil)
	clear(w.pending)
	w.pending = w.pending[:0]
	clear(w.byID)
	return r, err
}

// Stats returns what the Writer has done so far. Documents of a batch still
// being written are counted when it is.
func (w *Writer) Stats() WriteStats { return w.stats }

// classifyWriteError keeps err, adding ErrStorage so callers can tell a
// failing disk from a bad document.
func classifyWriteError(err error) error {
	if errors.Is(err, ErrStorage) {
		return err
	}
	return fmt.Errorf("%w: %w", ErrStorage, err)
}
