package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/investnews/regionsearch/index"
	"github.com/investnews/regionsearch/internal/saved"
)

// The saved-search pages: the list (GET /saved), one saved search opened
// (GET /saved/{id}), and the forms that create, rename, edit and delete
// them. They work without script: every change is a POST form answered by a
// redirect (303) to the page that shows it.

// savedItem is a saved search as the pages show it.
type savedItem struct {
	ID        string
	Name      string
	Summary   string // the query in words
	URL       string // the saved search's page
	FeedURL   string
	SearchURL string // the search page with its query
	Counted   bool   // NewCount is known
	NewCount  uint64
	LastSeen  string
	Created   string
}

// newSavedItem returns the view of ss, with its count of new reports.
func newSavedItem(ss saved.SavedSearch, cnt counted, ui string) savedItem {
	l := linksOf(ss)
	return savedItem{
		ID: ss.ID, Name: savedName(ss), Summary: querySummary(ss.Query, cnt.names, ui),
		URL: l.Page + "?ui=" + ui, FeedURL: l.Feed + "?ui=" + ui, SearchURL: searchURL(ss.Query, ui),
		Counted: cnt.err == nil, NewCount: cnt.n,
		LastSeen: formatSeen(ss.LastSeen), Created: formatSeen(ss.Created),
	}
}

// savedListView is the data of the list page.
type savedListView struct {
	page
	Items     []savedItem
	ExportURL string
}

// handleSavedListPage renders GET /saved: every saved search with its
// summary, its number of new reports, and links to open it and to its feed.
func (s *Server) handleSavedListPage(c *gin.Context) {
	p := s.newPage(c)
	p.Title = p.T("saved.title") + " – " + p.T("site.name")
	ctx, cancel := s.context(c)
	defer cancel()
	list, err := s.saved.List(ctx)
	if err != nil {
		s.failPage(c, err)
		return
	}
	v := &savedListView{page: p, ExportURL: "/api/saved-searches/export"}
	for i, cnt := range s.countAll(c, list, p.UI) {
		v.Items = append(v.Items, newSavedItem(list[i], cnt, p.UI))
	}
	s.render(c, http.StatusOK, "saved_list", v)
}

// savedHit is a result on a saved search's page, marked when it is new.
type savedHit struct {
	hitView
	New bool
}

// savedOpenView is the data of a saved search's page.
type savedOpenView struct {
	page
	Item     savedItem
	Summary  string     // "N results in T ms"
	New      []savedHit // the newest reports indexed since last seen
	NewCount uint64
	Hits     []savedHit // the first page of results
	Edit     savedEditForm
}

// hitList is a list of results with the page's words, for the savedHits
// template.
type hitList struct {
	*page
	Hits []savedHit
}

// NewList is the list of new reports.
func (v *savedOpenView) NewList() hitList { return hitList{&v.page, v.New} }

// AllList is the first page of results.
func (v *savedOpenView) AllList() hitList { return hitList{&v.page, v.Hits} }

// MoreNew reports whether there are more new reports than the page lists.
func (v *savedOpenView) MoreNew() bool { return v.NewCount > uint64(len(v.New)) }

// savedEditForm holds the values of the edit form: repeatable filters as
// lists separated by commas (sources one per line).
type savedEditForm struct {
	Name, Q, Province, City, Sector, Subsector, Source string
	AmountMin, AmountMax, DateFrom, DateTo, Lang       string
	Sorts                                              []option
	Langs                                              []option
}

// handleSavedPage renders GET /saved/{id}: the saved search run, its new
// reports first and marked, and the forms to edit it. Opening it marks it
// seen when the request may change saved searches.
func (s *Server) handleSavedPage(c *gin.Context) {
	p := s.newPage(c)
	ctx, cancel := s.context(c)
	defer cancel()
	now := time.Now()
	ss, q, err := s.loadSaved(ctx, c, false)
	var res, fresh *index.Result
	if err == nil {
		res, fresh, err = s.runSaved(ctx, ss, q)
	}
	if err != nil {
		s.failPage(c, err)
		return
	}
	p.Title = savedName(ss) + " – " + p.T("site.name")
	sv := &searchView{page: p, Query: q, st: stateOf(q, p.UI)}
	isNew := map[string]bool{}
	v := &savedOpenView{page: p, NewCount: fresh.Total, Edit: newEditForm(ss, p)}
	for _, h := range fresh.Hits {
		isNew[h.ID] = true
		v.New = append(v.New, savedHit{hitView: sv.hit(h), New: true})
	}
	for _, h := range res.Hits {
		v.Hits = append(v.Hits, savedHit{hitView: sv.hit(h), New: isNew[h.ID]})
	}
	v.Summary = p.Tf("search.summary", trimNumber(float64(res.Total)), fmt.Sprintf("%.1f", res.TookMS))
	v.Item = newSavedItem(ss, counted{n: fresh.Total, names: resultNames(res, p.UI)}, p.UI)
	s.markSeen(c, ss.ID, now)
	s.render(c, http.StatusOK, "saved_open", v)
}

// runSaved runs a saved search: its first page, and the newest of the
// reports indexed since it was last seen.
func (s *Server) runSaved(ctx context.Context, ss saved.SavedSearch, q index.Query) (res, fresh *index.Result, err error) {
	if res, err = s.runSearch(ctx, q); err == nil {
		fresh, err = s.runSearch(ctx, newSince(q, ss, openNewShown))
	}
	return res, fresh, err
}

// newEditForm fills the edit form with a saved search.
func newEditForm(ss saved.SavedSearch, p page) savedEditForm {
	q := ss.Query
	f := savedEditForm{
		Name: ss.Name, Q: q.Q,
		Province: strings.Join(q.Province, ", "), City: strings.Join(q.City, ", "),
		Sector: strings.Join(q.Sector, ", "), Subsector: strings.Join(q.Subsector, ", "),
		Source:    strings.Join(q.Source, "\n"),
		AmountMin: string(q.AmountMin), AmountMax: string(q.AmountMax),
		DateFrom: q.DateFrom, DateTo: q.DateTo, Lang: q.Lang,
	}
	for _, s := range index.Sorts {
		f.Sorts = append(f.Sorts, option{Value: s, Label: p.T("sort." + s), Selected: s == q.Sort || (q.Sort == "" && s == "relevance")})
	}
	f.Langs = []option{{Value: "", Label: p.T("saved.anylang"), Selected: q.Lang == ""}}
	for _, l := range []string{"zh", "en"} {
		f.Langs = append(f.Langs, option{Value: l, Label: langName(l, p.UI), Selected: q.Lang == l})
	}
	return f
}

// postForm reads a form post of at most maxSavedBody bytes.
func postForm(c *gin.Context) (url.Values, error) {
	if ct := c.ContentType(); ct != "application/x-www-form-urlencoded" {
		return nil, invalid(fmt.Sprintf("send the form as application/x-www-form-urlencoded (got %s)", quote(ct)))
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxSavedBody)
	if err := c.Request.ParseForm(); err != nil {
		return nil, bodyError(err, maxSavedBody)
	}
	return c.Request.PostForm, nil
}

// redirectSaved answers a form with 303 to a saved-search page.
func redirectSaved(c *gin.Context, path string) {
	c.Redirect(http.StatusSeeOther, path+"?ui="+uiLang(c))
}

// handleSavedCreateForm answers POST /saved, the search page's "Save this
// search": the form's name and search parameters make a new saved search,
// and the browser goes to its page. An empty name becomes the query in
// words.
func (s *Server) handleSavedCreateForm(c *gin.Context) {
	form, err := postForm(c)
	if err != nil {
		s.failPage(c, err)
		return
	}
	ctx, cancel := s.context(c)
	defer cancel()
	q, _, err := s.checkSavedQuery(ctx, formQuery(form))
	if err != nil {
		s.failPage(c, err)
		return
	}
	name := form.Get("name")
	if strings.TrimSpace(name) == "" {
		name = cutName(querySummary(q, nil, uiLang(c)))
	}
	ss, err := s.saved.Create(ctx, saved.SavedSearch{Name: name, Query: q})
	if err != nil {
		s.failPage(c, err)
		return
	}
	redirectSaved(c, linksOf(ss).Page)
}

// handleSavedRenameForm answers POST /saved/{id}/rename and returns to the
// list.
func (s *Server) handleSavedRenameForm(c *gin.Context) {
	form, err := postForm(c)
	if err != nil {
		s.failPage(c, err)
		return
	}
	name := form.Get("name")
	ctx, cancel := s.context(c)
	defer cancel()
	if _, err := s.updateSaved(ctx, c.Param("id"), savedInput{Name: &name}); err != nil {
		s.failPage(c, err)
		return
	}
	redirectSaved(c, "/saved")
}

// handleSavedEditForm answers POST /saved/{id}/edit: the form's name and
// search parameters replace the saved search's, and the browser returns to
// its page.
func (s *Server) handleSavedEditForm(c *gin.Context) {
	form, err := postForm(c)
	if err != nil {
		s.failPage(c, err)
		return
	}
	name, q := form.Get("name"), formQuery(form)
	ctx, cancel := s.context(c)
	defer cancel()
	ss, err := s.updateSaved(ctx, c.Param("id"), savedInput{Name: &name, Query: &q})
	if err != nil {
		s.failPage(c, err)
		return
	}
	redirectSaved(c, linksOf(ss).Page)
}

// handleSavedDeleteForm answers POST /saved/{id}/delete and returns to the
// list.
func (s *Server) handleSavedDeleteForm(c *gin.Context) {
	ctx, cancel := s.context(c)
	defer cancel()
	if err := s.saved.Delete(ctx, c.Param("id")); err != nil {
		s.failPage(c, err)
		return
	}
	redirectSaved(c, "/saved")
}
