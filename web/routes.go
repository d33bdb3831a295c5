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
	api.POST("/admin/documents", s.requireAdmin, s.handleAdminDocuments)

	sv := api.Group("/saved-searches", s.requireSaved)
	sv.GET("", s.handleAPISavedList)
	sv.POST("", s.requireWrite, s.handleAPISavedCreate)
	sv.GET("/export", s.handleAPISavedExport)
	sv.POST("/import", s.requireWrite, s.handleAPISavedImport)
	sv.GET("/:id", s.handleAPISavedGet)
	sv.PUT("/:id", s.requireWrite, s.handleAPISavedUpdate)
	sv.DELETE("/:id", s.requireWrite, s.handleAPISavedDelete)
	sv.GET("/:id/results", s.handleAPISavedResults)
	sv.GET("/:id/feed.atom", s.handleAPISavedFeed)

	// Pages also answer HEAD (link checkers, uptime monitors); net/http
	// sends the GET handler's headers without the body.
	r.GET("/", s.handleSearchPage)
	r.HEAD("/", s.handleSearchPage)
	r.GET("/documents/:id", s.handleDocumentPage)
	r.HEAD("/documents/:id", s.handleDocumentPage)
	r.GET("/static/*path", s.handleStatic)
	r.HEAD("/static/*path", s.handleStatic)
	r.GET("/metrics", s.handleMetrics)

	pages := r.Group("/", s.requireSaved)
	pages.GET("/saved", s.handleSavedListPage)
	pages.POST("/saved", s.requireWrite, s.handleSavedCreateForm)
	pages.GET("/saved/:id", s.handleSavedPage)
	pages.POST("/saved/:id/rename", s.requireWrite, s.handleSavedRenameForm)
	pages.POST("/saved/:id/edit", s.requireWrite, s.handleSavedEditForm)
	pages.POST("/saved/:id/delete", s.requireWrite, s.handleSavedDeleteForm)
	pages.GET("/login", s.handleLoginPage)
	pages.POST("/login", s.requireSameSite, s.handleLogin)
	pages.POST("/logout", s.requireSameSite, s.handleLogout)

	r.NoRoute(s.handleNotFound)
}
