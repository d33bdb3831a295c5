package web

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/investnews/regionsearch/index"
)

// readyTimeout bounds the search that GET /api/readyz runs.
const readyTimeout = 2 * time.Second

// pinger is implemented by a Searcher that can run a cheap search to show
// that it answers (*index.Index does).
type pinger interface {
	Ping(ctx context.Context) error
}

// readiness is the answer of GET /api/readyz.
type readiness struct {
	Status string `json:"status"`
}

// handleAPIReadyz answers GET /api/readyz: 200 when the index is open and
// answers a search within readyTimeout, 503 when it does not or when the
// server is shutting down. Unlike /api/healthz (the process is alive), a
// failing readyz means "send requests elsewhere for now".
func (s *Server) handleAPIReadyz(c *gin.Context) {
	if s.ops.draining.Load() {
		s.fail(c, &index.Error{Kind: index.KindUnavailable, Message: "the server is shutting down"})
		return
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), readyTimeout)
	defer cancel()
	var err error
	if p, ok := s.ops.backend.(pinger); ok {
		err = p.Ping(ctx)
	} else {
		_, err = s.ops.backend.Search(ctx, index.Query{Size: 1})
	}
	if err != nil {
		s.fail(c, &index.Error{Kind: index.KindUnavailable, Message: "the index does not answer searches", Err: err})
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, readiness{Status: "ready"})
}
