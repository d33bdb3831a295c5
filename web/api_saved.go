package web

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/investnews/regionsearch/index"
	"github.com/investnews/regionsearch/internal/saved"
)

// requireSaved answers 404 for the saved-search routes when the server
// keeps no saved searches.
func (s *Server) requireSaved(c *gin.Context) {
	if s.saved != nil {
		c.Next()
		return
	}
	err := &index.Error{Kind: index.KindNotFound, Message: "this server keeps no saved searches"}
	if isAPI(c) {
		s.fail(c, err)
		return
	}
	s.failPage(c, err)
	c.Abort()
}

// savedListJSON is the answer of GET /api/saved-searches.
type savedListJSON struct {
	SavedSearches []savedJSON `json:"saved_searches"`
}

// handleAPISavedList answers GET /api/saved-searches: every saved search,
// oldest first, each with its number of new reports.
func (s *Server) handleAPISavedList(c *gin.Context) {
	ctx, cancel := s.context(c)
	defer cancel()
	list, err := s.saved.List(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	counts := s.countAll(c, list, uiEn)
	out := savedListJSON{SavedSearches: make([]savedJSON, len(list))}
	for i, ss := range list {
		out.SavedSearches[i] = newSavedJSON(ss, counts[i])
	}
	c.JSON(http.StatusOK, out)
}

// handleAPISavedCreate answers POST /api/saved-searches: a JSON body with
// a name and a query creates a saved search; the answer is 201 with it.
func (s *Server) handleAPISavedCreate(c *gin.Context) {
	var in savedInput
	if err := decodeJSON(c, maxSavedBody, &in); err != nil {
		s.fail(c, err)
		return
	}
	if in.Name == nil {
		s.fail(c, invalid(`name is missing: send {"name": "…", "query": {…}}`))
		return
	}
	var q saved.Query
	if in.Query != nil {
		q = *in.Query
	}
	ctx, cancel := s.context(c)
	defer cancel()
	q, _, err := s.checkSavedQuery(ctx, q)
	if err != nil {
		s.fail(c, err)
		return
	}
	ss, err := s.saved.Create(ctx, saved.SavedSearch{Name: *in.Name, Query: q})
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Location", linksOf(ss).Self)
	c.JSON(http.StatusCreated, newSavedJSON(ss, counted{}))
}

// handleAPISavedGet answers GET /api/saved-searches/{id}.
func (s *Server) handleAPISavedGet(c *gin.Context) {
	ctx, cancel := s.context(c)
	defer cancel()
	ss, err := s.saved.Get(ctx, c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, newSavedJSON(ss, s.countAll(c, []saved.SavedSearch{ss}, uiEn)[0]))
}

// handleAPISavedUpdate answers PUT /api/saved-searches/{id}: the body's
// name and query replace the saved search's; a field left out keeps its
// value. The change is applied in one transaction, so concurrent updates of
// different fields all take effect.
func (s *Server) handleAPISavedUpdate(c *gin.Context) {
	var in savedInput
	if err := decodeJSON(c, maxSavedBody, &in); err != nil {
		s.fail(c, err)
		return
	}
	if in.Name == nil && in.Query == nil {
		s.fail(c, invalid(`nothing to change: send {"name": "…"}, {"query": {…}} or both`))
		return
	}
	ctx, cancel := s.context(c)
	defer cancel()
	ss, err := s.updateSaved(ctx, c.Param("id"), in)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, newSavedJSON(ss, s.countAll(c, []saved.SavedSearch{ss}, uiEn)[0]))
}

// handleAPISavedDelete answers DELETE /api/saved-searches/{id} with 204.
func (s *Server) handleAPISavedDelete(c *gin.Context) {
	ctx, cancel := s.context(c)
	defer cancel()
	if err := s.saved.Delete(ctx, c.Param("id")); err != nil {
		s.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// savedResultsJSON is the answer of GET /api/saved-searches/{id}/results:
// the answer of /api/search, plus how many of the matching reports are new.
type savedResultsJSON struct {
	*index.Result
	// NewCount is the number of matching reports indexed after LastSeen.
	NewCount uint64 `json:"new_count"`
	// LastSeen is when the saved search was seen before this request.
	LastSeen time.Time `json:"last_seen"`
	// MarkedSeen tells whether this request marked the search seen.
	MarkedSeen bool `json:"marked_seen"`
}

// handleAPISavedResults answers GET /api/saved-searches/{id}/results: the
// saved search run with the paging parameters of /api/search. The first
// page marks the search seen, unless mark_seen=false, when the request may
// change saved searches.
func (s *Server) handleAPISavedResults(c *gin.Context) {
	ctx, cancel := s.context(c)
	defer cancel()
	mark := c.Query("mark_seen")
	if mark != "" && mark != "true" && mark != "false" {
		s.fail(c, invalid(fmt.Sprintf("mark_seen must be true or false; got %s", quote(mark))))
		return
	}
	now := time.Now()
	ss, q, err := s.loadSaved(ctx, c, true)
	var res *index.Result
	var n uint64
	if err == nil {
		res, err = s.runSearch(ctx, q)
	}
	if err == nil {
		n, _, err = s.countNew(ctx, ss, q)
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	out := savedResultsJSON{Result: withEmptyLists(res), NewCount: n, LastSeen: ss.LastSeen}
	if mark != "false" && q.Page == 1 && q.Cursor == "" {
		out.MarkedSeen = s.markSeen(c, ss.ID, now)
	}
	c.JSON(http.StatusOK, out)
}

// markSeen marks a saved search seen as of t when the request may change
// saved searches, and reports whether it did. A failure is logged, not
// returned: the results were found all the same.
func (s *Server) markSeen(c *gin.Context, id string, t time.Time) bool {
	if s.writeError(c) != nil {
		return false
	}
	ctx, cancel := s.context(c)
	defer cancel()
	if _, err := s.saved.MarkSeen(ctx, id, t); err != nil {
		s.log.Warn("mark saved search seen", "id", id, "err", err.Error())
		return false
	}
	return true
}

// updateSaved validates in and applies it to the saved search with id.
func (s *Server) updateSaved(ctx context.Context, id string, in savedInput) (saved.SavedSearch, error) {
	var q saved.Query
	if in.Query != nil {
		var err error
		if q, _, err = s.checkSavedQuery(ctx, *in.Query); err != nil {
			return saved.SavedSearch{}, err
		}
	}
	return s.saved.Update(ctx, id, func(ss *saved.SavedSearch) error {
		if in.Name != nil {
			ss.Name = *in.Name
		}
		if in.Query != nil {
			ss.Query = q
		}
		return nil
	})
}

// exportJSON is the document of GET /api/saved-searches/export and the body
// of POST /api/saved-searches/import.
type exportJSON struct {
	// Format names the document's kind, so that a wrong file is refused.
	Format string `json:"format"`
	// Version is the document's layout version, 1.
	Version int `json:"version"`
	// Exported is when the export was made.
	Exported      time.Time           `json:"exported"`
	SavedSearches []saved.SavedSearch `json:"saved_searches"`
}

// exportFormat is the Format of an export document.
const exportFormat = "regionsearch-saved-searches"

// handleAPISavedExport answers GET /api/saved-searches/export: every saved
// search with its id and times, as a JSON document for import.
func (s *Server) handleAPISavedExport(c *gin.Context) {
	ctx, cancel := s.context(c)
	defer cancel()
	list, err := s.saved.List(ctx)
	if err != nil {
		s.fail(c, fmt.Errorf("export saved searches: %w", err))
		return
	}
	if list == nil {
		list = []saved.SavedSearch{}
	}
	c.Header("Content-Disposition", `attachment; filename="saved-searches.json"`)
	c.JSON(http.StatusOK, exportJSON{Format: exportFormat, Version: 1, Exported: time.Now().UTC(), SavedSearches: list})
}

// handleAPISavedImport answers POST /api/saved-searches/import: the body is
// an export document; every saved search in it is checked like a new one
// and all are stored in one transaction (ids the server has are replaced),
// or none when any is invalid.
func (s *Server) handleAPISavedImport(c *gin.Context) {
	var in exportJSON
	if err := decodeJSON(c, min(maxImportBody, s.ops.maxBody), &in); err != nil {
		s.fail(c, err)
		return
	}
	if in.Format != exportFormat || in.Version != 1 {
		s.fail(c, invalid(fmt.Sprintf(`send a document made by GET /api/saved-searches/export: {"format": %q, "version": 1, "saved_searches": [...]}`, exportFormat)))
		return
	}
	if len(in.SavedSearches) > saved.MaxSearches {
		s.fail(c, invalid(fmt.Sprintf("the import holds %d saved searches; this server keeps at most %d", len(in.SavedSearches), saved.MaxSearches)))
		return
	}
	ctx, cancel := s.context(c)
	defer cancel()
	for i := range in.SavedSearches {
		ss := &in.SavedSearches[i]
		q, _, err := s.checkSavedQuery(ctx, ss.Query)
		if err != nil {
			if m := index.MessageOf(err); index.KindOf(err) == index.KindInvalid {
				err = invalid(fmt.Sprintf("saved search %d (%s): %s", i+1, quote(ss.Name), m))
			}
			s.fail(c, err)
			return
		}
		ss.Query = q
	}
	st, err := s.saved.Import(ctx, in.SavedSearches)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, st)
}
