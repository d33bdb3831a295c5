package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/investnews/regionsearch/index"
)

// Who may change saved searches.
//
// Reading is open. Writing (create, edit, delete, import) goes through
// requireWrite, which checks, in order:
//
//  1. Cross-site requests are refused. The check is net/http's
//     CrossOriginProtection: a browser's request must say it comes from
//     this origin (Sec-Fetch-Site: same-origin, or an Origin header whose
//     host is the request's Host). Requests with neither header are not from
//     a browser page and pass: curl and scripts need no CSRF token, and the
//     HTML forms need none either, so the pages stay static and script-free.
//  2. A read-only server refuses every write.
//  3. When the server has a token, the request must carry it: the header
//     "Authorization: Bearer TOKEN", or the cookie the login form sets. The
//     cookie holds an HMAC of the token, not the token, and is HttpOnly
//     and SameSite=Lax.
//
// Opening a saved search marks it seen; that happens on GET, so it is done
// only for requests that the same check finds same-origin (or not from a
// browser): another site cannot reset a search's "N new" by linking to it.

// authCookie is the cookie the login form sets.
const authCookie = "regionsearch_auth"

// sessionLabel is what the cookie's HMAC signs.
const sessionLabel = "regionsearch saved-search writes v1"

// sessionValue returns the cookie value that proves knowledge of token.
func sessionValue(token string) string {
	m := hmac.New(sha256.New, []byte(token))
	m.Write([]byte(sessionLabel))
	return hex.EncodeToString(m.Sum(nil))
}

// needsLogin reports whether writes need a token this request lacks.
func (s *Server) needsLogin(c *gin.Context) bool {
	return s.token != "" && !s.authorized(c)
}

// authorized reports whether the request carries the server's token, as a
// bearer token or as the login cookie. Without a token, every request is.
func (s *Server) authorized(c *gin.Context) bool {
	if s.token == "" {
		return true
	}
	if h := c.GetHeader("Authorization"); h != "" {
		scheme, cred, ok := strings.Cut(h, " ")
		return ok && strings.EqualFold(scheme, "Bearer") &&
			subtle.ConstantTimeCompare([]byte(strings.TrimSpace(cred)), []byte(s.token)) == 1
	}
	v, err := c.Cookie(authCookie)
	return err == nil && subtle.ConstantTimeCompare([]byte(v), []byte(s.session)) == 1
}

// crossSite returns an error of kind forbidden when the request is a
// browser's request from another site, as if it were a POST.
func (s *Server) crossSite(c *gin.Context) error {
	r := c.Request
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		r = r.WithContext(r.Context())
		r.Method = http.MethodPost
	}
	if err := s.cop.Check(r); err != nil {
		return &index.Error{Kind: index.KindForbidden,
			Message: "cross-site request refused: saved searches change only from this server's own pages or from scripts", Err: err}
	}
	return nil
}

// writeError returns why the request may not change saved searches, or nil.
func (s *Server) writeError(c *gin.Context) error {
	if err := s.crossSite(c); err != nil {
		return err
	}
	if s.readOnly {
		return &index.Error{Kind: index.KindForbidden, Message: "saved searches are read-only on this server"}
	}
	if !s.authorized(c) {
		return &index.Error{Kind: index.KindUnauthorized,
			Message: "changing saved searches needs this server's token: send the header Authorization: Bearer TOKEN, or log in at /login"}
	}
	return nil
}

// requireWrite guards the routes that change saved searches. A refused API
// request gets a JSON error; a refused form gets the login page when the
// token is what is missing, else the error page.
func (s *Server) requireWrite(c *gin.Context) {
	err := s.writeError(c)
	if err == nil {
		c.Next()
		return
	}
	switch {
	case isAPI(c):
		if index.KindOf(err) == index.KindUnauthorized {
			c.Header("WWW-Authenticate", `Bearer realm="regionsearch"`)
		}
		s.fail(c, err)
	case index.KindOf(err) == index.KindUnauthorized:
		s.explain(c, err)
		s.renderLogin(c, http.StatusUnauthorized, "saved.loginneeded", "/saved")
		c.Abort()
	default:
		s.failPage(c, err)
		c.Abort()
	}
}

// requireSameSite guards the login and logout forms, which change no saved
// search but must not be posted from another site either.
func (s *Server) requireSameSite(c *gin.Context) {
	if err := s.crossSite(c); err != nil {
		s.failPage(c, err)
		c.Abort()
		return
	}
	c.Next()
}

// canWrite reports whether this server takes writes at all.
func (s *Server) canWrite() bool { return !s.readOnly }
