package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/investnews/regionsearch/analyzers"
	"github.com/investnews/regionsearch/analyzers/gazetteer"
	"github.com/investnews/regionsearch/index/extract"
)

// metaKey is the bleve internal key under which the index records how it
// was built.
var metaKey = []byte("regionsearch.meta")

// buildInfo is what an index remembers about the program that built it.
type buildInfo struct {
	MappingVersion int       `json:"mapping_version"`
	DictVersion    string    `json:"dict_version"`
	Created        time.Time `json:"created"`
}

// Index is a bleve index of reports plus the gazetteer and extractor that
// turn articles into documents and filter values into codes. It is safe for
// concurrent use.
type Index struct {
	path string
	bi   bleve.Index
	gaz  *gazetteer.Gazetteer
	ext  *extract.Extractor

	shards []bleve.Index // the indexes behind bi when it is an alias (OpenShards)
	closed atomic.Bool   // Close was called

	search searchState // concurrency limit and caches of Search (search.go)
	terms  knownTerms  // dedup key terms the index may hold (knownterms.go)
}

// ErrNoIndex is returned by Open when there is no index at the path.
var ErrNoIndex = errors.New("no index")

// ErrVersionMismatch is returned by Open when the index was built with
// another mapping or dictionary version and must be rebuilt.
var ErrVersionMismatch = errors.New("index version mismatch")

// Create makes a new, empty index at path, which must not exist yet.
func Create(path string) (*Index, error) {
	ix, err := newIndex(path)
	if err != nil {
		return nil, err
	}
	m, err := newMapping()
	if err != nil {
		return nil, fmt.Errorf("build mapping: %w", err)
	}
	dv, err := analyzers.DictVersion()
	if err != nil {
		return nil, fmt.Errorf("create index %s: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("create index %s: %w", path, err)
	}
	bi, err := bleve.New(path, m)
	if err != nil {
		return nil, fmt.Errorf("create index %s: %w", path, err)
	}
	info, _ := json.Marshal(buildInfo{MappingVersion: mappingVersion, DictVersion: dv, Created: time.Now().UTC()})
	if err := bi.SetInternal(metaKey, info); err != nil {
		bi.Close()
		return nil, fmt.Errorf("create index %s: write build info: %w", path, err)
	}
	ix.bi = bi
	return ix, nil
}

// Open opens an existing index. It refuses an index built with another
// mapping or dictionary version and says how to rebuild it. An index whose
// directory cannot be written (a read-only mount, no write permission) is
// opened read-only: it searches, and writes fail with ErrIndexReadOnly
// (see ReadOnly).
func Open(path string) (*Index, error) {
	if _, err := os.Stat(filepath.Join(path, "index_meta.json")); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("open index %s: %w", path, ErrNoIndex)
		}
		return nil, fmt.Errorf("open index %s: %w", path, err)
	}
	ix, err := newIndex(path)
	if err != nil {
		return nil, err
	}
	bi, err := bleve.Open(path)
	if notWritable(err) {
		bi, err = openReadOnly(path)
	}
	if err != nil {
		return nil, fmt.Errorf("open index %s: %w", path, err)
	}
	if err := checkBuild(bi, path); err != nil {
		bi.Close()
		return nil, err
	}
	ix.bi = bi
	return ix, nil
}

// OpenOrCreate opens the index at path, creating it when it does not exist.
func OpenOrCreate(path string) (*Index, error) {
	ix, err := Open(path)
	if errors.Is(err, ErrNoIndex) {
		return Create(path)
	}
	return ix, err
}

func newIndex(path string) (*Index, error) {
	g, err := gazetteer.Default()
	if err != nil {
		return nil, fmt.Errorf("load gazetteer: %w", err)
	}
	ext, err := extract.New(g)
	if err != nil {
		return nil, fmt.Errorf("load extractor: %w", err)
	}
	return &Index{path: path, gaz: g, ext: ext}, nil
}

func checkBuild(bi bleve.Index, path string) error {
	raw, err := bi.GetInternal(metaKey)
	if err != nil {
		return fmt.Errorf("open index %s: read build info: %w", path, err)
	}
	var info buildInfo
	if len(raw) == 0 || json.Unmarshal(raw, &info) != nil {
		return fmt.Errorf("open index %s: not an index of this program (no build info); "+
			"remove the directory and run the indexer again", path)
	}
	if info.MappingVersion != mappingVersion {
		return fmt.Errorf("open index %s: built with mapping version %d, this program uses %d; "+
			"rebuild it: remove the directory and run the indexer again: %w", path, info.MappingVersion, mappingVersion, ErrVersionMismatch)
	}
	dv, err := analyzers.DictVersion()
	if err != nil {
		return fmt.Errorf("open index %s: %w", path, err)
	}
	if info.DictVersion != dv {
		return fmt.Errorf("open index %s: built with dictionary version %s, this program uses %s; "+
			"rebuild it: remove the directory and run the indexer again: %w", path, info.DictVersion, dv, ErrVersionMismatch)
	}
	return nil
}

// Path returns the directory of the index.
func (ix *Index) Path() string { return ix.path }

// Close closes the index; closing it again does nothing.
func (ix *Index) Close() error {
	if ix.closed.Swap(true) {
		return nil // bleve panics on a second close
	}
	err := ix.bi.Close()
	for _, s := range ix.shards { // an alias does not close its indexes
		err = errors.Join(err, s.Close())
	}
	if err != nil {
		return fmt.Errorf("close index %s: %w", ix.path, err)
	}
	return nil
}

// Count returns the number of documents in the index.
func (ix *Index) Count() (uint64, error) {
	n, err := ix.bi.DocCount()
	if err != nil {
		return 0, fmt.Errorf("count documents: %w", err)
	}
	return n, nil
}

// Gazetteer returns the gazetteer the index resolves places with.
func (ix *Index) Gazetteer() *gazetteer.Gazetteer { return ix.gaz }

// Extractor returns the extractor the index derives fields with.
func (ix *Index) Extractor() *extract.Extractor { return ix.ext }

// Document returns the whole stored report with id, which may also be the
// id of one of its exact duplicates (see Document.Sources). Its Cluster
// lists the reports of the other documents of its cluster.
func (ix *Index) Document(ctx context.Context, id string) (*Document, error) {
	// Every document lists its own id and its duplicates' in fieldIDs.
	req := unscored(termQ(fieldIDs, id), 1, 0, fieldMeta, fieldBody)
	res, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("get document %s: %w", id, err)
	}
	if len(res.Hits) == 0 {
		return nil, &Error{Kind: KindNotFound, Message: fmt.Sprintf("no document with id %q", id)}
	}
	doc, err := decodeMeta(res.Hits[0].Fields)
	if err != nil {
		return nil, fmt.Errorf("get document %s: %w", id, err)
	}
	if body, ok := res.Hits[0].Fields[fieldBody].(string); ok {
		doc.Body = body
	}
	if err := ix.fillCluster(ctx, doc); err != nil {
		return nil, fmt.Errorf("get document %s: %w", id, err)
	}
	return doc, nil
}

func decodeMeta(fields map[string]interface{}) (*Document, error) {
	raw, ok := fields[fieldMeta].(string)
	if !ok {
		return nil, errors.New("stored metadata missing")
	}
	var doc Document
	if err := json.Unmarshal([]byte(raw), &doc); err != nil {
		return nil, fmt.Errorf("decode stored metadata: %w", err)
	}
	return &doc, nil
}
