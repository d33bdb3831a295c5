package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/investnews/regionsearch/index"
)

// errorBody is the JSON body of every error response:
// {"error":{"code":"invalid","message":"..."}}.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// kindOf is index.KindOf, except that a deadline the Searcher ran out of is
// reported as unavailable: the server is overloaded, not broken.
func kindOf(err error) index.Kind {
	if k := index.KindOf(err); k != index.KindInternal {
		return k
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return index.KindUnavailable
	}
	return index.KindInternal
}

// statusOf maps an error kind to its HTTP status, in this one place.
func statusOf(k index.Kind) int {
	switch k {
	case index.KindInvalid:
		return http.StatusBadRequest
	case index.KindNotFound:
		return http.StatusNotFound
	case index.KindUnavailable:
		return http.StatusServiceUnavailable
	case index.KindUnauthorized:
		return http.StatusUnauthorized
	case index.KindForbidden:
		return http.StatusForbidden
	case index.KindTooLarge:
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusInternalServerError
}

// messageOf returns the message a client may see for err: the error's own
// message for client-facing kinds, and a generic phrase for server faults so
// that no detail leaks.
func messageOf(k index.Kind, err error) string {
	switch k {
	case index.KindInternal:
		return "internal error"
	case index.KindUnavailable:
		if m := index.MessageOf(err); m != "internal error" && m != "" {
			return m
		}
		return "the search service is unavailable; try again shortly"
	}
	if m := index.MessageOf(err); m != "" {
		return m
	}
	return k.String()
}

// explain classifies err and logs it: server faults at error level with
// their detail, client errors at info level. It returns the kind, the status
// and the message for the client.
func (s *Server) explain(c *gin.Context, err error) (index.Kind, int, string) {
	k := kindOf(err)
	status := statusOf(k)
	msg := messageOf(k, err)
	level := slog.LevelInfo
	if status >= 500 {
		level = slog.LevelError
	}
	s.ops.metrics.errors.Inc(k.String())
	s.log.LogAttrs(c.Request.Context(), level, "request failed",
		slog.String("method", c.Request.Method),
		slog.String("path", c.Request.URL.Path),
		slog.String("query", redactQuery(c.Request.URL.RawQuery)),
		slog.Int("status", status),
		slog.String("code", k.String()),
		slog.String("err", err.Error()),
	)
	return k, status, msg
}

// fail is the one error path of the JSON API.
func (s *Server) fail(c *gin.Context, err error) {
	k, status, msg := s.explain(c, err)
	c.AbortWithStatusJSON(status, errorBody{Error: errorDetail{Code: k.String(), Message: msg}})
}

// invalid returns a client error of kind invalid with the given message.
func invalid(msg string) error {
	return &index.Error{Kind: index.KindInvalid, Message: msg}
}

// handleNotFound answers requests for unknown routes: JSON under /api/,
// an HTML page elsewhere.
func (s *Server) handleNotFound(c *gin.Context) {
	err := &index.Error{Kind: index.KindNotFound, Message: "no such page: " + c.Request.URL.Path}
	if isAPI(c) {
		s.fail(c, err)
		return
	}
	s.failPage(c, err)
}

// recovered answers a request whose handler panicked. Gin has already
// written the stack to the log.
func (s *Server) recovered(c *gin.Context, v any) {
	err := fmt.Errorf("panic in handler: %v", v)
	if isAPI(c) {
		s.fail(c, err)
		return
	}
	s.failPage(c, err)
}

// isAPI reports whether the request is for the JSON API, whose errors are
// JSON too.
func isAPI(c *gin.Context) bool {
	p := c.Request.URL.Path
	return p == "/api" || strings.HasPrefix(p, "/api/")
}
