package index

import (
	"context"
	"fmt"
	"strconv"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Default export batch sizes: the first batch is small so that the first
// rows go out quickly; later batches double, so that a big export runs
// fewer queries, up to a bound, so that memory does not grow with the
// export.
const (
	DefaultExportFirstBatch = 500
	DefaultExportMaxBatch   = 4000
)

// SetExportBatch sets the size of the first batch an export reads and the
// largest; values below 1 mean the defaults. It is meant to be called
// before serving.
func (ix *Index) SetExportBatch(first, max int) {
	ix.search.mu.Lock()
	defer ix.search.mu.Unlock()
	ix.search.exportFirst, ix.search.exportMax = first, max
}

// exportBatches returns the export batch sizes.
func (s *searchState) exportBatches() (first, most int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	first, most = s.exportFirst, s.exportMax
	if first < 1 {
		first = DefaultExportFirstBatch
	}
	if most < 1 {
		most = DefaultExportMaxBatch
	}
	return first, max(first, most)
}

// Export calls fn with every document that matches q, in q's sort order,
// without the 10,000-hit window of paged search: it reads the hits in
// batches with SearchAfter, so memory stays bounded however many there are.
// Documents carry their metadata and extracted fields but not the body.
// Page, Size and Cursor of q are ignored. Each batch takes a search slot
// (see SetSearchLimit). Export stops at the first error of fn or of the
// index and returns the number of documents passed to fn.
func (ix *Index) Export(ctx context.Context, q Query, fn func(*Document) error) (int, error) {
	q.Page, q.Size, q.Cursor = 1, 1, ""
	if err := normalizeQuery(&q); err != nil {
		return 0, err
	}
	f, err := ix.resolveFilters(q)
	if err != nil {
		return 0, err
	}
	textQ, err := ix.compile(parseQuery(q.Text))
	if err != nil {
		return 0, err
	}
	full := ix.withFilters(textQ, f, "")
	order := sortOrder(q.Sort)
	size, maxSize := ix.search.exportBatches()
	n := 0
	var after []string
	for {
		hits, err := ix.exportBatch(ctx, q.Sort, full, order, size, after)
		if err != nil {
			return n, err
		}
		for _, h := range hits {
			d, err := decodeMeta(h.Fields)
			if err != nil {
				return n, fmt.Errorf("export %s: %w", h.ID, err)
			}
			if err := fn(d); err != nil {
				return n, err
			}
			n++
		}
		if len(hits) < size {
			return n, nil
		}
		after = sortKeys(order, hits[len(hits)-1])
		size = min(2*size, maxSize)
	}
}

// exportBatch reads the size hits after the sort keys after (nil: from the
// start), holding a search slot meanwhile.
func (ix *Index) exportBatch(ctx context.Context, sortName string, full query.Query, order search.SortOrder,
	size int, after []string) ([]*search.DocumentMatch, error) {
	release, err := ix.search.acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	if after != nil && sortName == "relevance" {
		// Scores may have moved since the last batch; re-read the last
		// hit's, as a cursor does.
		score, ok, err := ix.currentScore(ctx, full, after[len(after)-1])
		if err != nil {
			return nil, err
		}
		if ok {
			after[0] = strconv.FormatFloat(score, 'g', -1, 64)
		}
	}
	req := bleve.NewSearchRequestOptions(full, size, 0, false)
	req.Fields = []string{fieldMeta}
	req.SortByCustom(order)
	req.SearchAfter = after
	res, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, searchError(err)
	}
	return res.Hits, nil
}
