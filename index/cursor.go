package index

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Sorting and cursors.
//
// Every sort order ends with the document id, so ties are broken the same
// way on every call. Date and amount sorts are date (or amount), then id:
// they do not depend on scores, which change as documents are added, so a
// cursor over them stays exact while the index grows (a document added
// behind the cursor is not seen, one added ahead of it is). Relevance is
// score, then id; its cursor re-reads the current score of the last hit it
// saw, so a change of scores across the index does not make pages skip or
// repeat hits.
//
// Sort fields use bleve's automatic type, so a hit's sort keys are the raw
// prefix-coded terms (or bleve's markers for a missing value), which
// SearchAfter takes back unchanged; a missing date or amount sorts last
// both ways.

func sortOrder(s string) search.SortOrder {
	byID := &search.SortDocID{}
	switch s {
	case "date", "-date":
		return search.SortOrder{&search.SortField{Field: fieldDate, Desc: s == "-date",
			Type: search.SortFieldAuto, Missing: search.SortFieldMissingLast}, byID}
	case "amount", "-amount":
		return search.SortOrder{&search.SortField{Field: fieldAmount, Desc: s == "-amount",
			Type: search.SortFieldAuto, Missing: search.SortFieldMissingLast}, byID}
	}
	return search.SortOrder{&search.SortScore{Desc: true}, byID}
}

// cursorVersion changes when the cursor format or the sort orders change;
// older cursors are refused with a message.
const cursorVersion = 1

// cursor is the decoded form of Query.Cursor: the sort keys of the last hit
// of a page, for the search it came from.
type cursor struct {
	V    int      `json:"v"`
	Sort string   `json:"s"`
	FP   string   `json:"f"` // fingerprint of the query and filters
	Keys [][]byte `json:"k"` // bleve sort keys; may not be UTF-8
}

// sortKeys returns the SearchAfter keys that continue after hit h: its sort
// values, with the score written out and the id last.
func sortKeys(order search.SortOrder, h *search.DocumentMatch) []string {
	keys := make([]string, len(order))
	for i, so := range order {
		switch so.(type) {
		case *search.SortScore:
			keys[i] = strconv.FormatFloat(h.Score, 'g', -1, 64)
		case *search.SortDocID:
			keys[i] = h.ID
		default:
			if i < len(h.Sort) {
				keys[i] = h.Sort[i]
			}
		}
	}
	return keys
}

// encodeCursor returns the cursor that continues after hit h.
func encodeCursor(sortName, fp string, order search.SortOrder, h *search.DocumentMatch) (string, error) {
	c := cursor{V: cursorVersion, Sort: sortName, FP: fp}
	for _, k := range sortKeys(order, h) {
		c.Keys = append(c.Keys, []byte(k))
	}
	return c.encode()
}

// encode returns the cursor as Query.Cursor takes it.
func (c cursor) encode() (string, error) {
	raw, err := json.Marshal(c)
	if err != nil {
		return "", fmt.Errorf("encode cursor: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(raw), nil
}

// errBadCursor is the message for a cursor that cannot be read.
const errBadCursor = "cursor is not valid: pass the next_cursor of the previous page unchanged, or start again without a cursor"

// decodeCursor reads a cursor and checks that it belongs to a search with
// the given sort and fingerprint.
func decodeCursor(s, sortName, fp string) (cursor, error) {
	var c cursor
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
	if err != nil || len(raw) > 4096 || json.Unmarshal(raw, &c) != nil || c.V != cursorVersion {
		return c, Errorf(KindInvalid, errBadCursor)
	}
	if c.Sort != sortName || c.FP != fp {
		return c, Errorf(KindInvalid, "cursor belongs to another search (its query, filters or sort differ); "+
			"start again without a cursor")
	}
	if len(c.Keys) != len(sortOrder(sortName)) {
		return c, Errorf(KindInvalid, errBadCursor)
	}
	if sortName == "relevance" {
		if _, err := strconv.ParseFloat(string(c.Keys[0]), 64); err != nil {
			return c, Errorf(KindInvalid, errBadCursor)
		}
	}
	return c, nil
}

// cursorKeys returns the SearchAfter keys of a cursor for the search whose
// full query is full. For relevance, the score is the last hit's current
// score when that hit is still in the index.
func (ix *Index) cursorKeys(ctx context.Context, s, sortName, fp string, full query.Query) ([]string, error) {
	c, err := decodeCursor(s, sortName, fp)
	if err != nil {
		return nil, err
	}
	keys := make([]string, len(c.Keys))
	for i, k := range c.Keys {
		keys[i] = string(k)
	}
	if sortName == "relevance" {
		id := keys[len(keys)-1]
		score, ok, err := ix.currentScore(ctx, full, id)
		if err != nil {
			return nil, err
		}
		if ok {
			keys[0] = strconv.FormatFloat(score, 'g', -1, 64)
		}
	}
	return keys, nil
}

// currentScore returns the score document id gets for full now. The id
// query has boost 0, so it adds nothing to the score, and the conjunction
// lets the text query jump straight to the document.
func (ix *Index) currentScore(ctx context.Context, full query.Query, id string) (float64, bool, error) {
	idq := bleve.NewDocIDQuery([]string{id})
	idq.SetBoost(0)
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(full, idq), 1, 0, false)
	res, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return 0, false, searchError(err)
	}
	if len(res.Hits) == 0 {
		return 0, false, nil
	}
	return res.Hits[0].Score, true, nil
}

// fingerprint identifies a search by its query text, resolved filters and
// sort, so a cursor is only used with the search it came from.
func fingerprint(q Query, f filters) string {
	h := sha256.New()
	list := func(vs []string) string {
		vs = slices.Clone(vs)
		slices.Sort(vs)
		return strings.Join(vs, "\x1f")
	}
	num := func(p *float64) string {
		if p == nil {
			return "-"
		}
		return strconv.FormatFloat(*p, 'g', -1, 64)
	}
	fmt.Fprintf(h, "%s\x1e%s\x1e%s\x1e%s\x1e%s\x1e%s\x1e%s\x1e%s\x1e%s\x1e%s\x1e%s\x1e%s\x1e%s",
		q.Text, q.Sort, list(f.provinces), list(f.cities), list(f.sectors), list(f.subsectors),
		list(f.sources), num(f.amountMin), num(f.amountMax), q.DateFrom, q.DateTo, f.lang,
		timeKey(f))
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil)[:9])
}

func timeKey(f filters) string {
	if f.indexedAfter == nil {
		return "-"
	}
	return f.indexedAfter.UTC().Format("2006-01-02T15:04:05.999999999")
}
