package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/investnews/regionsearch/index"
)

// contentSecurityPolicy allows only the server's own scripts, styles,
// images and forms: no inline script or style, no plugins, no framing.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; " +
	"img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; " +
	"object-src 'none'; frame-ancestors 'none'"

// securityHeaders sets headers that keep the pages self-contained: only our
// own scripts, styles and forms, no framing, no sniffing, no referrer sent
// to other sites, no powerful browser features.
func securityHeaders() gin.HandlerFunc {
	return func(c *gin.Context) {
		h := c.Writer.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY") // frame-ancestors for older browsers
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()")
		c.Next()
	}
}

// limitBody refuses a request whose declared body is larger than the
// server's limit with 413, and caps the bytes a handler can read from any
// other body, so that no request can make the server buffer without bound.
func (s *Server) limitBody() gin.HandlerFunc {
	return func(c *gin.Context) {
		if c.Request.ContentLength > s.ops.maxBody {
			err := &index.Error{Kind: index.KindInvalid, Message: "the request body is too large"}
			k, _, msg := s.explain(c, err)
			c.AbortWithStatusJSON(http.StatusRequestEntityTooLarge, errorBody{Error: errorDetail{Code: k.String(), Message: msg}})
			return
		}
		if c.Request.Body != nil && c.Request.Body != http.NoBody {
			c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, s.ops.maxBody)
		}
		c.Next()
	}
}

// secretParams are query parameters whose values are credentials and never
// reach the log. Any parameter whose name contains "token", "secret",
// "password" or "passwd" is treated the same way.
var secretParams = map[string]bool{"key": true, "api_key": true, "apikey": true, "auth": true, "sig": true, "signature": true}

// redactQuery returns a raw query string with the values of credential
// parameters replaced by REDACTED, keeping everything else as it was sent.
func redactQuery(raw string) string {
	if raw == "" {
		return raw
	}
	parts := strings.Split(raw, "&")
	changed := false
	for i, p := range parts {
		name, _, hasValue := strings.Cut(p, "=")
		if !hasValue || !isSecretParam(name) {
			continue
		}
		parts[i] = name + "=REDACTED"
		changed = true
	}
	if !changed {
		return raw
	}
	return strings.Join(parts, "&")
}

func isSecretParam(rawName string) bool {
	name := strings.ToLower(rawName)
	if i := strings.IndexByte(name, '%'); i >= 0 {
		// An escaped name: judge it decoded, and redact what cannot be
		// decoded rather than risk logging a credential.
		var err error
		if name, err = url.QueryUnescape(name); err != nil {
			return true
		}
	}
	if secretParams[name] {
		return true
	}
	for _, w := range []string{"token", "secret", "password", "passwd"} {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}
