package index

import (
	"time"

	"github.com/investnews/regionsearch/index/extract"
)

// Article is one report as it enters the index: the source text and its
// metadata, before extraction. Only Body is required.
type Article struct {
	ID     string    `json:"id,omitempty"`
	URL    string    `json:"url,omitempty"`
	Title  string    `json:"title,omitempty"`
	Date   time.Time `json:"date,omitempty"`
	Source string    `json:"source,omitempty"`
	Lang   string    `json:"lang,omitempty"`
	Body   string    `json:"body"`
}

// PlaceRef is a place as results show it: code and names from the gazetteer.
type PlaceRef struct {
	Code   string `json:"code"`
	NameZh string `json:"name_zh"`
	NameEn string `json:"name_en"`
}

// SectorRef is a sector as results show it: taxonomy key and names.
type SectorRef struct {
	Key    string `json:"key"`
	NameZh string `json:"name_zh"`
	NameEn string `json:"name_en"`
}

// Evidence ties an extracted value to the text that produced it.
type Evidence = extract.Evidence

// Amount is one investment figure found in a report.
type Amount = extract.Amount

// Document is a report with everything extraction derived from it, as stored
// and as returned by GET /api/documents/{id}.
type Document struct {
	ID                string      `json:"id"`
	URL               string      `json:"url"`
	Title             string      `json:"title"`
	Body              string      `json:"body,omitempty"`
	Summary           string      `json:"summary"` // the opening of the body, shown when no snippet matches
	Source            string      `json:"source"`
	Date              string      `json:"date"` // YYYY-MM-DD, empty when unknown
	Lang              string      `json:"lang"`
	Provinces         []PlaceRef  `json:"provinces"`
	Cities            []PlaceRef  `json:"cities"`
	Counties          []PlaceRef  `json:"counties"`
	InvestorProvinces []PlaceRef  `json:"investor_provinces"`
	Sectors           []SectorRef `json:"sectors"`
	Subsectors        []SectorRef `json:"subsectors"`
	AmountCNY         *float64    `json:"amount_cny"`
	Amounts           []Amount    `json:"amounts"`
	Evidence          []Evidence  `json:"evidence"`
	Indexed           time.Time   `json:"indexed"`
	// Sources are the reports the document stands for: itself and every
	// exact duplicate (the same text under another id or URL), in the
	// order they were indexed.
	Sources []SourceRef `json:"sources"`
	// ClusterID names the cluster of near duplicates (the same story
	// republished with small edits) the document belongs to.
	ClusterID string `json:"cluster_id"`
	// Representative is true for the one document of its cluster that
	// searches return.
	Representative bool `json:"representative"`
	// ClusterSize is the number of reports in the cluster, exact
	// duplicates included: 1 for a report alone.
	ClusterSize int `json:"cluster_size"`
	// Cluster lists the reports of the other documents of the cluster.
	Cluster []SourceRef `json:"cluster"`
}

// SourceRef is one published report: its id, where and when it appeared.
type SourceRef struct {
	ID     string `json:"id"`
	URL    string `json:"url,omitempty"`
	Source string `json:"source,omitempty"`
	Date   string `json:"date,omitempty"`
	Title  string `json:"title,omitempty"`
}

// Sort orders are the accepted values of Query.Sort.
var Sorts = []string{"relevance", "date", "-date", "amount", "-amount"}

// Query is a search request in domain terms; web translates URL parameters
// into it and index compiles it into a bleve request.
type Query struct {
	Text      string   // the user's query string
	Provinces []string // province codes, Chinese or English names
	Cities    []string // city codes, Chinese or English names
	Sectors   []string // sector keys
	// Subsectors are NBS level-2 subsector ids (1.2) or names.
	Subsectors []string
	// Sources are source names, matched exactly (the source facet's values).
	Sources   []string
	AmountMin *float64 // yuan, inclusive
	AmountMax *float64 // yuan, exclusive
	DateFrom  string   // YYYY-MM-DD, inclusive
	DateTo    string   // YYYY-MM-DD, inclusive
	Lang      string   // zh or en
	// IndexedAfter keeps only documents indexed (first or again) after this
	// time; saved searches use it for "new since last seen".
	IndexedAfter *time.Time
	Sort         string // one of Sorts; empty means relevance
	Page         int    // from 1
	Size         int    // 1..MaxSize; 0 means DefaultSize
	// Cursor continues a search after the last hit of an earlier page: the
	// NextCursor of that page's Result. It is used with Page 1 only, and
	// pages past MaxWindow can only be reached with it.
	Cursor string
}

// Paging limits: the default and largest page size, and how deep Page may
// go (Page × Size at most MaxWindow); deeper hits are reached with cursors.
const (
	DefaultSize = 20
	MaxSize     = 100
	MaxWindow   = 10000
)

// Hit is one result of a search.
type Hit struct {
	ID         string              `json:"id"`
	Title      string              `json:"title"`
	URL        string              `json:"url"`
	Source     string              `json:"source"`
	Date       string              `json:"date"`
	Lang       string              `json:"lang"`
	Score      float64             `json:"score"`
	Provinces  []PlaceRef          `json:"provinces"`
	Cities     []PlaceRef          `json:"cities"`
	Sectors    []SectorRef         `json:"sectors"`
	AmountCNY  *float64            `json:"amount_cny"`
	Highlights map[string][]string `json:"highlights"`
	// ClusterSize is the number of reports of the story: the hit and its
	// exact and near duplicates, which searches do not return separately.
	ClusterSize int `json:"cluster_size"`
	// Sources are those reports, the hit's own first.
	Sources []SourceRef `json:"sources"`
}

// FacetValue is one bucket of a facet. Names and labels are filled in where
// they apply: places and sectors have names, amount buckets have labels and
// bounds.
type FacetValue struct {
	Value   string   `json:"value"`
	NameZh  string   `json:"name_zh,omitempty"`
	NameEn  string   `json:"name_en,omitempty"`
	LabelZh string   `json:"label_zh,omitempty"`
	LabelEn string   `json:"label_en,omitempty"`
	Min     *float64 `json:"min,omitempty"`
	Max     *float64 `json:"max,omitempty"`
	Count   int      `json:"count"`
}

// Result is the answer to a Query.
type Result struct {
	Total  uint64                  `json:"total"`
	TookMS float64                 `json:"took_ms"`
	Parsed string                  `json:"parsed,omitempty"` // how the query was understood
	Hits   []Hit                   `json:"hits"`
	Facets map[string][]FacetValue `json:"facets"`
	// NextCursor, when set, is the Query.Cursor of the page after this one.
	// It is empty on the last page.
	NextCursor string `json:"next_cursor,omitempty"`
}
