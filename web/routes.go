package web

import "github.com/gin-gonic/gin"

// routes declares every route of the server in one place.
func (s *Server) routes(r *gin.Engine) {
	api := r.Group("/api")
	api.GET("/search", s.handleAPISearch)
	api.GET("/export", s.handleAPIExport)
	api.GET("/openapi.json", s.handleAPIOpenAPI)
	api.GET("/documents/:id", s.handleAPIDocument)
	api.GET("/suggest", s.handleAPISuggest)
	api.GET("/healthz", s.handleAPIHealthz)
	api.GET("/readyz", s.handleAPIReadyz)
	api.POST("/admin/backup", s.requireAdmin, s.handleAdminBackup)

	r.GET("/", s.handleSearchPage)
	r.GET("/documents/:id", s.handleDocumentPage)
	r.GET("/static/*path", s.handleStatic)
	r.HEAD("/static/*path", s.handleStatic)
	r.GET("/metrics", s.handleMetrics)

	r.NoRoute(s.handleNotFound)
}
