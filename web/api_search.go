package web

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/investnews/regionsearch/index"
)

// handleAPISearch answers GET /api/search with an index.Result.
func (s *Server) handleAPISearch(c *gin.Context) {
	q, err := parseSearch(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	ctx, cancel := s.context(c)
	defer cancel()
	res, err := s.search.Search(ctx, q)
	if err != nil {
		s.fail(c, err)
		return
	}
	if res == nil {
		s.fail(c, errors.New("searcher returned a nil result"))
		return
	}
	c.JSON(http.StatusOK, withEmptyLists(res))
}

// withEmptyLists returns res with nil hits and facets replaced by empty ones,
// so that the JSON answer has [] and {} rather than null.
func withEmptyLists(res *index.Result) *index.Result {
	if res.Hits != nil && res.Facets != nil {
		return res
	}
	out := *res
	if out.Hits == nil {
		out.Hits = []index.Hit{}
	}
	if out.Facets == nil {
		out.Facets = map[string][]index.FacetValue{}
	}
	return &out
}
