package web

import (
	_ "embed" // for the OpenAPI description
	"net/http"

	"github.com/gin-gonic/gin"
)

// openAPI is the OpenAPI 3 description of every /api/ route. A test checks
// it against the routes the server registers.
//
//go:embed openapi.json
var openAPI []byte

// handleAPIOpenAPI answers GET /api/openapi.json with the API description.
func (s *Server) handleAPIOpenAPI(c *gin.Context) {
	c.Header("Cache-Control", "public, max-age=3600")
	c.Data(http.StatusOK, "application/json; charset=utf-8", openAPI)
}
