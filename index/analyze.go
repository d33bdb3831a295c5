package index

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2/document"
)

// Documents are analysed outside bleve's Batch: scorch analyses a batch on a
// small queue and then builds the segment on one goroutine, so a batch is a
// barrier. The pipeline instead maps and analyses each document on its
// extraction worker, right after extraction, and hands bleve fields that are
// already analysed: Batch then only builds the segment, while the workers go
// on with the next documents.

// analyzedField is a field whose analysis has already been done; scorch's
// call to Analyze is a no-op.
type analyzedField struct{ document.Field }

// Analyze implements document.Field; the work was done before.
func (analyzedField) Analyze() {}

// analyzeFields analyses every indexed field of doc and wraps it so that it
// is not analysed again.
func analyzeFields(doc *document.Document) {
	for i, f := range doc.Fields {
		if _, done := f.(analyzedField); done {
			continue
		}
		if f.Options().IsIndexed() {
			f.Analyze()
		}
		doc.Fields[i] = analyzedField{f}
	}
}

// bleveDoc maps and analyses the fields of d that do not depend on when or
// with what it is written: everything but the stored metadata and the
// indexing time, which addLateFields adds.
func (ix *Index) bleveDoc(d *Document, hash string) (*document.Document, error) {
	doc := document.NewDocument(d.ID)
	if err := ix.bi.Mapping().MapDocument(doc, d.record(hash)); err != nil {
		return nil, fmt.Errorf("map document %s: %w", d.ID, err)
	}
	analyzeFields(doc)
	addPairs(doc)
	return doc, nil
}

// addLateFields adds the stored metadata, the indexing time and the fields
// that depend on the document's duplicates (Document.lateRecord) to doc.
func (ix *Index) addLateFields(doc *document.Document, d *Document, info *dedupInfo, indexed time.Time) error {
	d.Indexed = indexed
	meta := *d
	meta.Body = ""
	raw, err := json.Marshal(meta)
	if err != nil {
		return fmt.Errorf("encode document %s: %w", d.ID, err)
	}
	dedup, err := json.Marshal(info)
	if err != nil {
		return fmt.Errorf("encode document %s: %w", d.ID, err)
	}
	late := document.NewDocument(d.ID)
	rec := d.lateRecord(info)
	rec["_type"] = docType
	rec[fieldMeta] = string(raw)
	rec[fieldDedup] = string(dedup)
	rec[fieldIndexed] = indexed
	// The candidate search of later batches must know these terms
	// (knownterms.go).
	ix.terms.add(ix, fieldCluster, info.Cluster)
	if t, ok := rec[fieldTextHash].(string); ok {
		ix.terms.add(ix, fieldTextHash, t)
	}
	if bands, ok := rec[fieldBand].([]string); ok {
		ix.terms.add(ix, fieldBand, bands...)
	}
	if err := ix.bi.Mapping().MapDocument(late, rec); err != nil {
		return fmt.Errorf("map document %s: %w", d.ID, err)
	}
	analyzeFields(late)
	doc.Fields = append(doc.Fields, late.Fields...)
	return nil
}
