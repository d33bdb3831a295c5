package web

import (
	"context"
	"net/http"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/investnews/regionsearch/index"
)

// maxIDLength bounds document ids; longer ones cannot exist.
const maxIDLength = 256

// handleAPIDocument answers GET /api/documents/:id with an index.Document.
func (s *Server) handleAPIDocument(c *gin.Context) {
	ctx, cancel := s.context(c)
	defer cancel()
	doc, err := s.document(ctx, c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, doc)
}

// document fetches a document, turning an impossible id or a missing
// document into an error of kind not_found.
func (s *Server) document(ctx context.Context, id string) (*index.Document, error) {
	if id == "" || len(id) > maxIDLength || !utf8.ValidString(id) {
		return nil, &index.Error{Kind: index.KindNotFound, Message: "no document with this id"}
	}
	doc, err := s.search.Document(ctx, id)
	if err != nil {
		return nil, err
	}
	if doc == nil {
		return nil, &index.Error{Kind: index.KindNotFound, Message: "no document with id " + quote(id)}
	}
	return doc, nil
}
