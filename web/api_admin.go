package web

import (
	"crypto/subtle"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/investnews/regionsearch/index"
)

// requireAdmin lets a request through only when it carries the admin token
// as "Authorization: Bearer TOKEN". Without a configured token every admin
// route answers 404, as if it did not exist. The token itself is never
// logged.
func (s *Server) requireAdmin(c *gin.Context) {
	if s.ops.adminToken == "" {
		s.handleNotFound(c)
		c.Abort()
		return
	}
	token, ok := strings.CutPrefix(c.GetHeader("Authorization"), "Bearer ")
	if !ok || subtle.ConstantTimeCompare([]byte(token), []byte(s.ops.adminToken)) != 1 {
		s.log.LogAttrs(c.Request.Context(), slog.LevelWarn, "admin request refused",
			slog.String("method", c.Request.Method),
			slog.String("path", c.Request.URL.Path),
			slog.Bool("authorization_sent", c.GetHeader("Authorization") != ""),
			slog.String("client", c.ClientIP()),
		)
		s.ops.metrics.errors.Inc("unauthorized")
		c.Header("WWW-Authenticate", `Bearer realm="regionsearch admin"`)
		c.AbortWithStatusJSON(http.StatusUnauthorized, errorBody{Error: errorDetail{
			Code: "unauthorized", Message: "send the admin token as Authorization: Bearer TOKEN"}})
		return
	}
	c.Next()
}

// handleAdminBackup answers POST /api/admin/backup: it snapshots the index
// and the saved searches while the server goes on serving, and answers with
// the snapshot's manifest. Where the snapshot goes is the server's choice; a
// client cannot name a path.
func (s *Server) handleAdminBackup(c *gin.Context) {
	if s.ops.backup == nil {
		s.fail(c, &index.Error{Kind: index.KindNotFound, Message: "backups are not configured on this server: start it with -backup-dir DIR"})
		return
	}
	// Copying a large index takes longer than the server's write timeout
	// allows a search; the copy is bounded by the client going away.
	_ = http.NewResponseController(c.Writer).SetWriteDeadline(time.Time{})
	m, err := s.ops.backup(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, m)
}
