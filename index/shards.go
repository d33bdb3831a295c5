package index

import (
	"errors"
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// shardFacetSize is the number of terms each shard is asked for per facet:
// more than any facet has (cities ~340, sources a few thousand), so that the
// alias's merge of per-shard top terms is exact.
const shardFacetSize = 100000

// ErrReadOnly is returned by writes to an index opened with OpenShards.
var ErrReadOnly = errors.New("a sharded index is read-only: index into one shard with the indexer")

// OpenShards opens several indexes built by this program (for example one
// per year) and searches them as one, through a bleve index alias: hits,
// totals, sorting, cursors and facet counts span every shard, and a
// document id is looked up in all of them. Each shard is checked like Open
// checks an index (mapping and dictionary version).
//
// The result is read-only: new reports are indexed into one shard by the
// indexer, and the server reopens the shards. Facet columns (fastsearch.go)
// belong to one index snapshot, so a sharded index counts facets the way
// bleve does, one request per active filter; see docs/SCALING.md for what
// that costs. With one path, OpenShards is Open.
func OpenShards(paths ...string) (*Index, error) {
	switch len(paths) {
	case 0:
		return nil, errors.New("open shards: no index given")
	case 1:
		return Open(paths[0])
	}
	var opened []*Index
	closeAll := func() {
		for _, s := range opened {
			s.Close()
		}
	}
	for _, p := range paths {
		s, err := Open(p)
		if err != nil {
			closeAll()
			return nil, fmt.Errorf("open shards: %w", err)
		}
		opened = append(opened, s)
	}
	ix, err := newIndex(strings.Join(paths, ","))
	if err != nil {
		closeAll()
		return nil, err
	}
	alias := bleve.NewIndexAlias()
	for _, s := range opened {
		alias.Add(s.bi)
		ix.shards = append(ix.shards, s.bi)
	}
	// Every shard was checked to have this program's mapping; telling the
	// alias so saves it from comparing mappings on each search.
	if err := alias.SetIndexMapping(opened[0].bi.Mapping()); err != nil {
		closeAll()
		return nil, fmt.Errorf("open shards: %w", err)
	}
	ix.bi = alias
	return ix, nil
}

// Shards returns the number of indexes searched: 1 for an index opened with
// Open or Create.
func (ix *Index) Shards() int { return max(1, len(ix.shards)) }

// fieldDicts returns the term dictionaries of field in every shard (one
// for an unsharded index). The caller closes them.
func (ix *Index) fieldDicts(field string) ([]bleveindex.FieldDict, error) {
	if len(ix.shards) == 0 {
		d, err := ix.bi.FieldDict(field)
		if err != nil {
			return nil, err
		}
		return []bleveindex.FieldDict{d}, nil
	}
	var out []bleveindex.FieldDict
	for _, s := range ix.shards {
		d, err := s.FieldDict(field)
		if err != nil {
			for _, o := range out {
				o.Close()
			}
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}
