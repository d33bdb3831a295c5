package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/investnews/regionsearch/index"
)

// health is the answer of GET /api/healthz.
type health struct {
	Status    string `json:"status"`
	Documents uint64 `json:"documents"`
}

// handleAPIHealthz answers GET /api/healthz: 200 with the number of
// documents when the index answers, 503 when it does not.
func (s *Server) handleAPIHealthz(c *gin.Context) {
	n, err := s.search.Count()
	if err != nil {
		if index.KindOf(err) == index.KindInternal {
			err = &index.Error{Kind: index.KindUnavailable, Message: "the index is not available", Err: err}
		}
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, health{Status: "ok", Documents: n})
}
