package index

import (
	"context"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"
)

// DefaultBatchSize is the number of documents a Writer sends to bleve at
// once.
const DefaultBatchSize = 500

// WriteStats counts what a Writer did.
type WriteStats struct {
	Indexed   int // new or changed documents written
	Unchanged int // documents already in the index with the same content
	Deleted   int
}

// Writer adds documents to an index in batches. It skips documents whose
// content is already indexed. A Writer is not safe for concurrent use; run
// extraction in parallel and feed one Writer.
type Writer struct {
	ix      *Index
	size    int
	pending []*Document
	seen    map[string]bool // ids queued in the current batch
	stats   WriteStats
	now     func() time.Time
}

// NewWriter returns a Writer that flushes every batchSize documents
// (DefaultBatchSize when batchSize <= 0).
func (ix *Index) NewWriter(batchSize int) *Writer {
	if batchSize <= 0 {
		batchSize = DefaultBatchSize
	}
	return &Writer{ix: ix, size: batchSize, seen: make(map[string]bool), now: time.Now}
}

// Add queues a document and flushes when the batch is full. A document with
// the id of one already queued in this batch replaces it.
func (w *Writer) Add(ctx context.Context, d *Document) error {
	if w.seen[d.ID] {
		for i, p := range w.pending {
			if p.ID == d.ID {
				w.pending[i] = d
				return nil
			}
		}
	}
	w.seen[d.ID] = true
	w.pending = append(w.pending, d)
	if len(w.pending) >= w.size {
		return w.Flush(ctx)
	}
	return nil
}

// Delete removes documents by id.
func (w *Writer) Delete(ids ...string) error {
	b := w.ix.bi.NewBatch()
	for _, id := range ids {
		b.Delete(id)
	}
	if err := w.ix.bi.Batch(b); err != nil {
		return fmt.Errorf("delete %d documents: %w", len(ids), err)
	}
	w.stats.Deleted += len(ids)
	return nil
}

// Flush writes the queued documents.
func (w *Writer) Flush(ctx context.Context) error {
	if len(w.pending) == 0 {
		return nil
	}
	existing, err := w.existingHashes(ctx)
	if err != nil {
		return err
	}
	b := w.ix.bi.NewBatch()
	now := w.now().UTC()
	n := 0
	for _, d := range w.pending {
		h := contentHash(d)
		if existing[d.ID] == h {
			w.stats.Unchanged++
			continue
		}
		d.Indexed = now
		rec, err := d.record(h)
		if err != nil {
			return err
		}
		if err := b.Index(d.ID, rec); err != nil {
			return fmt.Errorf("index document %s: %w", d.ID, err)
		}
		n++
	}
	if n > 0 {
		if err := w.ix.bi.Batch(b); err != nil {
			return fmt.Errorf("write batch of %d documents: %w", n, err)
		}
	}
	w.stats.Indexed += n
	w.pending = w.pending[:0]
	clear(w.seen)
	return nil
}

// existingHashes returns the stored content hash of every queued document
// that is already in the index.
func (w *Writer) existingHashes(ctx context.Context) (map[string]string, error) {
	ids := make([]string, len(w.pending))
	for i, d := range w.pending {
		ids[i] = d.ID
	}
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(ids), len(ids), 0, false)
	req.Fields = []string{fieldHash}
	res, err := w.ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("look up existing documents: %w", err)
	}
	out := make(map[string]string, len(res.Hits))
	for _, h := range res.Hits {
		if s, ok := h.Fields[fieldHash].(string); ok {
			out[h.ID] = s
		}
	}
	return out, nil
}

// Stats returns what the Writer has done so far.
func (w *Writer) Stats() WriteStats { return w.stats }
