package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/investnews/regionsearch/index"
	"github.com/investnews/regionsearch/internal/saved"
)

// SavedStore is what the web layer needs from the store of saved searches
// (implemented by *saved.Store). Implementations must be safe for concurrent
// use, apply each write atomically, and return *index.Error values of kind
// not found for unknown ids and invalid for bad names.
type SavedStore interface {
	// List returns every saved search, oldest first.
	List(ctx context.Context) ([]saved.SavedSearch, error)
	// Get returns one saved search.
	Get(ctx context.Context, id string) (saved.SavedSearch, error)
	// Create stores a new saved search and returns it with id and times.
	Create(ctx context.Context, ss saved.SavedSearch) (saved.SavedSearch, error)
	// Update applies edit to one saved search in a single transaction.
	Update(ctx context.Context, id string, edit func(*saved.SavedSearch) error) (saved.SavedSearch, error)
	// Delete removes one saved search.
	Delete(ctx context.Context, id string) error
	// MarkSeen moves a saved search's LastSeen forward to t.
	MarkSeen(ctx context.Context, id string, t time.Time) (saved.SavedSearch, error)
	// Import stores many saved searches in one transaction.
	Import(ctx context.Context, list []saved.SavedSearch) (saved.ImportStats, error)
}

// Limits of the saved-search routes.
const (
	// maxSavedBody bounds the body of a create, an update or a form post.
	maxSavedBody = 64 << 10
	// maxImportBody bounds the body of an import.
	maxImportBody = 4 << 20
	// feedSize is how many reports the Atom feed lists.
	feedSize = 30
	// openNewShown is how many new reports the saved-search page lists.
	openNewShown = 20
	// countWorkers bounds the searches run at once to count new reports
	// for a list.
	countWorkers = 4
)

// savedQuery validates a saved query with the rules of /api/search and
// returns the index.Query it stands for (page 1, default size). Its errors
// are of kind invalid and name the parameter to fix.
func savedQuery(q saved.Query) (index.Query, error) {
	return savedParams(q).query()
}

// savedParams returns the search parameters a saved query stands for,
// without paging.
func savedParams(q saved.Query) searchParams {
	return searchParams{
		Q:          q.Q,
		Provinces:  q.Province,
		Cities:     q.City,
		Sectors:    q.Sector,
		Subsectors: q.Subsector,
		Sources:    q.Source,
		AmountMin:  string(q.AmountMin),
		AmountMax:  string(q.AmountMax),
		DateFrom:   q.DateFrom,
		DateTo:     q.DateTo,
		Lang:       q.Lang,
		Sort:       q.Sort,
	}
}

// checkSavedQuery decides whether q may be saved: it must pass the checks
// of /api/search's parameters and the index must accept it (a province it
// does not know, a query it cannot parse), so that a saved search never
// holds a search /api/search would reject. It returns q in canonical form
// (trimmed, duplicates dropped, amounts in plain yuan, default sort left
// out) and the index.Query it stands for.
func (s *Server) checkSavedQuery(ctx context.Context, q saved.Query) (saved.Query, index.Query, error) {
	iq, err := savedQuery(q)
	if err != nil {
		return saved.Query{}, index.Query{}, err
	}
	probe := iq
	probe.Size = 1
	if _, err := s.search.Search(ctx, probe); err != nil {
		return saved.Query{}, index.Query{}, err
	}
	return saved.QueryFromValues(url.Values(stateOf(iq, ""))), iq, nil
}

// loadSaved returns the saved search the request's id names and the search
// it stands for; with paging, the request's page, size and cursor apply.
func (s *Server) loadSaved(ctx context.Context, c *gin.Context, paging bool) (saved.SavedSearch, index.Query, error) {
	ss, err := s.saved.Get(ctx, c.Param("id"))
	if err != nil {
		return ss, index.Query{}, err
	}
	p := savedParams(ss.Query)
	if paging {
		p.Page, p.Size, p.Cursor = c.Query("page"), c.Query("size"), c.Query("cursor")
	}
	q, err := p.query()
	return ss, q, err
}

// runSearch runs q and never returns a nil result without an error.
func (s *Server) runSearch(ctx context.Context, q index.Query) (*index.Result, error) {
	res, err := s.search.Search(ctx, q)
	if err == nil && res == nil {
		err = errors.New("searcher returned a nil result")
	}
	return res, err
}

// countNew runs iq restricted to reports indexed after ss.LastSeen and
// returns how many there are, with the result (one hit and the facets,
// whose names label the query's filters).
func (s *Server) countNew(ctx context.Context, ss saved.SavedSearch, iq index.Query) (uint64, *index.Result, error) {
	res, err := s.runSearch(ctx, newSince(iq, ss, 1))
	if err != nil {
		return 0, nil, err
	}
	return res.Total, res, nil
}

// newSince returns the first page of size hits of iq, restricted to reports
// indexed after ss was last seen.
func newSince(iq index.Query, ss saved.SavedSearch, size int) index.Query {
	since := ss.LastSeen
	iq.IndexedAfter = &since
	iq.Page, iq.Size, iq.Cursor = 1, size, ""
	return iq
}

// counted is the number of new reports of one saved search, or why it is
// unknown, with the names of the places and sectors its query mentions.
type counted struct {
	n     uint64
	err   error
	names map[string]string
}

// countAll counts the new reports of every saved search, a few at a time.
// A search that fails to count is logged and left without a count; the
// others are not held back by it.
func (s *Server) countAll(c *gin.Context, list []saved.SavedSearch, ui string) []counted {
	ctx, cancel := s.context(c)
	defer cancel()
	out := make([]counted, len(list))
	sem := make(chan struct{}, countWorkers)
	var wg sync.WaitGroup
	for i, ss := range list {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			iq, err := savedQuery(ss.Query)
			if err == nil {
				var res *index.Result
				if out[i].n, res, err = s.countNew(ctx, ss, iq); err == nil {
					out[i].names = resultNames(res, ui)
				}
			}
			if err != nil {
				out[i].err = err
				s.log.LogAttrs(ctx, slog.LevelWarn, "count new reports of saved search",
					slog.String("id", ss.ID), slog.String("err", err.Error()))
			}
		})
	}
	wg.Wait()
	return out
}

// savedJSON is a saved search as the API shows it.
type savedJSON struct {
	saved.SavedSearch
	// NewCount is the number of matching reports indexed since LastSeen;
	// null when it could not be counted.
	NewCount *uint64    `json:"new_count"`
	Links    savedLinks `json:"links"`
}

// savedLinks are the URLs of a saved search, relative to the server.
type savedLinks struct {
	Self    string `json:"self"`
	Results string `json:"results"`
	Feed    string `json:"feed"`
	Page    string `json:"page"`   // the saved search's page in the browser UI
	Search  string `json:"search"` // the search page with its query
}

// newSavedJSON returns the API view of ss.
func newSavedJSON(ss saved.SavedSearch, cnt counted) savedJSON {
	v := savedJSON{SavedSearch: ss, Links: linksOf(ss)}
	if cnt.err == nil {
		n := cnt.n
		v.NewCount = &n
	}
	return v
}

// linksOf returns the URLs of a saved search.
func linksOf(ss saved.SavedSearch) savedLinks {
	api := "/api/saved-searches/" + ss.ID
	return savedLinks{
		Self:    api,
		Results: api + "/results",
		Feed:    api + "/feed.atom",
		Page:    "/saved/" + ss.ID,
		Search:  searchURL(ss.Query, ""),
	}
}

// searchURL returns the search page URL of a saved query.
func searchURL(q saved.Query, ui string) string {
	v := q.Values()
	if ui != "" {
		v.Set("ui", ui)
	}
	return "/?" + v.Encode()
}

// savedInput is the body of a create or an update. On update, a field left
// out keeps its value.
type savedInput struct {
	Name  *string      `json:"name"`
	Query *saved.Query `json:"query"`
}

// decodeJSON decodes the request's JSON body into v: at most limit bytes,
// no unknown fields, nothing after the value. Its errors say what to fix.
func decodeJSON(c *gin.Context, limit int64, v any) error {
	ct := c.ContentType()
	if ct != "application/json" {
		return invalid(fmt.Sprintf("send the body as JSON with the header Content-Type: application/json (got %s)", quote(ct)))
	}
	dec := json.NewDecoder(http.MaxBytesReader(c.Writer, c.Request.Body, limit))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil && dec.More() {
		err = errors.New("more than one JSON value")
	}
	if err == nil {
		if _, terr := dec.Token(); terr != io.EOF {
			err = errors.New("data after the JSON value")
		}
	}
	if err != nil {
		return bodyError(err, limit)
	}
	return nil
}

// bodyError turns a failure to read a request body into a client error.
func bodyError(err error, limit int64) error {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return &index.Error{Kind: index.KindTooLarge, Message: fmt.Sprintf("the request body is larger than %d KiB", limit>>10)}
	}
	if errors.Is(err, io.EOF) {
		return invalid("the request body is empty; send a JSON object")
	}
	return invalid("the request body is not valid JSON for this request: " + strings.TrimPrefix(err.Error(), "json: "))
}

// formQuery reads a saved query from form fields named like the parameters
// of /api/search. Repeatable fields may also hold several values separated
// by commas, as the edit form's text boxes do; sources, whose names may
// hold commas, are separated by line breaks instead.
func formQuery(form url.Values) saved.Query {
	split := func(vs []string, sep func(rune) bool) []string {
		var out []string
		for _, v := range vs {
			for _, part := range strings.FieldsFunc(v, sep) {
				if part = strings.TrimSpace(part); part != "" {
					out = append(out, part)
				}
			}
		}
		return out
	}
	comma := func(r rune) bool { return r == ',' || r == '，' || r == '、' }
	line := func(r rune) bool { return r == '\n' }
	q := saved.QueryFromValues(form)
	q.Province, q.City, q.Sector = split(form["province"], comma), split(form["city"], comma), split(form["sector"], comma)
	q.Subsector, q.Source = split(form["subsector"], comma), split(form["source"], line)
	return q
}

// querySummary describes a saved query in words, in the interface language
// ui, naming places and sectors with the names in names (from resultNames)
// where it has them.
func querySummary(q saved.Query, names map[string]string, ui string) string {
	var parts []string
	if q.Q != "" {
		parts = append(parts, "“"+q.Q+"”")
	}
	list := func(param string, vals []string) {
		if len(vals) == 0 {
			return
		}
		var ns []string
		for _, v := range vals {
			if n, ok := names[param+":"+strings.ToLower(v)]; ok {
				v = n
			}
			ns = append(ns, v)
		}
		sep := ", "
		if ui != uiEn {
			sep = "、"
		}
		parts = append(parts, translate(ui, "facet."+param)+": "+strings.Join(ns, sep))
	}
	list("province", q.Province)
	list("city", q.City)
	list("sector", q.Sector)
	if q.AmountMin != "" || q.AmountMax != "" {
		lo, loErr := q.AmountMin.Float64()
		hi, hiErr := q.AmountMax.Float64()
		var label string
		switch {
		case loErr == nil && hiErr == nil:
			label = formatAmount(lo, ui) + " – " + formatAmount(hi, ui)
		case loErr == nil:
			label = "≥ " + formatAmount(lo, ui)
		case hiErr == nil:
			label = "< " + formatAmount(hi, ui)
		}
		parts = append(parts, translate(ui, "facet.amount")+": "+label)
	}
	if q.DateFrom != "" || q.DateTo != "" {
		parts = append(parts, translate(ui, "saved.dates")+": "+strings.TrimSpace(q.DateFrom+" – "+q.DateTo))
	}
	if q.Lang != "" {
		parts = append(parts, translate(ui, "facet.lang")+": "+langName(q.Lang, ui))
	}
	if q.Sort != "" && q.Sort != "relevance" {
		parts = append(parts, translate(ui, "search.sort")+": "+translate(ui, "sort."+q.Sort))
	}
	if len(parts) == 0 {
		return translate(ui, "saved.all")
	}
	return strings.Join(parts, " · ")
}

// SaveFields are the hidden fields of the search page's "Save this
// search" form: the search's parameters without paging or interface
// language.
func (v *searchView) SaveFields() []field {
	return v.st.hidden("page", "size", "cursor", "ui")
}

// SaveName is the name the "Save this search" form suggests: the query's
// words, cut to a name's length.
func (v *searchView) SaveName() string {
	return cutName(v.Query.Text)
}

// LoginNext is where the login form returns to: this search.
func (v *searchView) LoginNext() string {
	return v.st.with(nil)
}

// cutName shortens s to at most saved.MaxNameLength characters.
func cutName(s string) string {
	if r := []rune(s); len(r) > saved.MaxNameLength {
		return string(r[:saved.MaxNameLength-1]) + "…"
	}
	return s
}

// formatSeen writes a time for the pages, in China's time zone, to the
// minute.
func formatSeen(t time.Time) string {
	return t.In(chinaTime).Format("2006-01-02 15:04")
}

// chinaTime is UTC+8, the time zone of the reports, without depending on
// the system's zone database.
var chinaTime = time.FixedZone("UTC+8", 8*3600)

// savedName is a saved search's name for a page: its own, or its id if a
// store somehow holds an empty one.
func savedName(ss saved.SavedSearch) string {
	if ss.Name == "" {
		return ss.ID
	}
	return ss.Name
}
