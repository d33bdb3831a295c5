package web

import (
	"crypto/subtle"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"
)

// loginView is the data of the login page.
type loginView struct {
	page
	Next     string
	Message  string // why the page is shown, already translated
	LoggedIn bool
	NoToken  bool // the server needs no token: there is nothing to log in to
}

// handleLoginPage renders GET /login: the form that takes the server's
// token and sets the cookie that lets this browser change saved searches.
func (s *Server) handleLoginPage(c *gin.Context) {
	s.renderLogin(c, http.StatusOK, "", c.Query("next"))
}

// renderLogin renders the login page with an optional message key.
func (s *Server) renderLogin(c *gin.Context, status int, msgKey, next string) {
	p := s.newPage(c)
	p.Title = p.T("saved.login") + " – " + p.T("site.name")
	v := &loginView{page: p, Next: safeNext(next), NoToken: s.token == "", LoggedIn: s.token != "" && s.authorized(c)}
	if msgKey != "" {
		v.Message = p.T(msgKey)
	}
	s.render(c, status, "saved_login", v)
}

// handleLogin answers POST /login: a right token sets the cookie and
// returns to the page the form came from; a wrong one shows the form again
// with status 401.
func (s *Server) handleLogin(c *gin.Context) {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxSavedBody)
	if err := c.Request.ParseForm(); err != nil {
		s.failPage(c, bodyError(err, maxSavedBody))
		return
	}
	next := safeNext(c.Request.PostForm.Get("next"))
	if s.token == "" {
		c.Redirect(http.StatusSeeOther, next)
		return
	}
	given := strings.TrimSpace(c.Request.PostForm.Get("token"))
	if subtle.ConstantTimeCompare([]byte(given), []byte(s.token)) != 1 {
		s.log.Info("login refused", "client", c.ClientIP())
		s.renderLogin(c, http.StatusUnauthorized, "saved.badtoken", next)
		return
	}
	http.SetCookie(c.Writer, &http.Cookie{
		Name: authCookie, Value: s.session, Path: "/", MaxAge: 30 * 24 * 3600,
		HttpOnly: true, Secure: c.Request.TLS != nil, SameSite: http.SameSiteLaxMode,
	})
	c.Redirect(http.StatusSeeOther, next)
}

// handleLogout answers POST /logout: it clears the cookie.
func (s *Server) handleLogout(c *gin.Context) {
	http.SetCookie(c.Writer, &http.Cookie{
		Name: authCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: c.Request.TLS != nil, SameSite: http.SameSiteLaxMode,
	})
	c.Redirect(http.StatusSeeOther, "/saved")
}

// safeNext returns next if it is a path on this server, else the list of
// saved searches, so that the login form cannot be made to send a browser
// to another site.
func safeNext(next string) string {
	u, err := url.Parse(next)
	if err != nil || next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") ||
		strings.Contains(next, `\`) || u.Scheme != "" || u.Host != "" {
		return "/saved"
	}
	return u.RequestURI()
}
