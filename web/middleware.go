package web

import (
	"log/slog"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
)

// logRequests logs one structured line per request: method, route
// pattern, path, query (credentials redacted), status, size and duration.
// Headers are never logged, so neither is an Authorization header.
func (s *Server) logRequests() gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		status := c.Writer.Status()
		level := slog.LevelInfo
		switch {
		case status >= 500:
			level = slog.LevelError
		case status >= 400:
			level = slog.LevelWarn
		}
		s.log.LogAttrs(c.Request.Context(), level, "request",
			slog.String("method", c.Request.Method),
			slog.String("route", c.FullPath()),
			slog.String("path", c.Request.URL.Path),
			slog.String("query", redactQuery(c.Request.URL.RawQuery)),
			slog.Int("status", status),
			slog.Int("bytes", c.Writer.Size()),
			slog.Duration("elapsed", time.Since(start)),
			slog.String("client", c.ClientIP()),
		)
	}
}

// slogWriter lets gin's recovery middleware write its panic report, stack
// included, to the structured log.
type slogWriter struct{ log *slog.Logger }

func (w slogWriter) Write(p []byte) (int, error) {
	w.log.Error("panic recovered", slog.String("detail", strings.TrimSpace(string(p))))
	return len(p), nil
}
