package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"
)

// pageNames are the templates under templates/, each rendered inside
// layout.html.
var pageNames = []string{"search", "document", "error", "saved_list", "saved_open", "saved_login"}

// pageParts are templates some pages share, parsed with them.
var pageParts = map[string][]string{
	"saved_list": {"saved_parts"},
	"saved_open": {"saved_parts"},
}

// parsePages parses the layout once and, for each page, a clone of it with
// the page's own blocks. It runs once, in New. Templates take no per-request
// functions: translations are methods of the view passed to them.
func parsePages(fsys fs.FS, static *staticFiles) (map[string]*template.Template, error) {
	funcs := template.FuncMap{"asset": static.url}
	base, err := template.New("layout.html").Funcs(funcs).ParseFS(fsys, "templates/layout.html")
	if err != nil {
		return nil, err
	}
	pages := make(map[string]*template.Template, len(pageNames))
	for _, name := range pageNames {
		t, err := base.Clone()
		if err != nil {
			return nil, err
		}
		files := []string{"templates/" + name + ".html"}
		for _, part := range pageParts[name] {
			files = append(files, "templates/"+part+".html")
		}
		if _, err := t.ParseFS(fsys, files...); err != nil {
			return nil, err
		}
		pages[name] = t
	}
	return pages, nil
}

// render executes the named page into a buffer and only then writes it, so
// that a template failure never leaves half a page behind.
func (s *Server) render(c *gin.Context, status int, name string, view any) {
	t, ok := s.pages[name]
	if !ok {
		s.renderFailed(c, fmt.Errorf("no page %q", name))
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", view); err != nil {
		s.renderFailed(c, fmt.Errorf("render %s: %w", name, err))
		return
	}
	c.Header("Cache-Control", "no-cache")
	c.Data(status, "text/html; charset=utf-8", buf.Bytes())
}

// renderFailed answers with a minimal static page when a template fails.
func (s *Server) renderFailed(c *gin.Context, err error) {
	s.log.Error("render failed", slog.String("path", c.Request.URL.Path), slog.String("err", err.Error()))
	c.Data(http.StatusInternalServerError, "text/html; charset=utf-8",
		[]byte("<!doctype html><meta charset=utf-8><title>500</title><p>internal error</p>"))
}

// failPage is the one error path of the HTML pages: it logs err and renders
// the error page with the status and message that err maps to.
func (s *Server) failPage(c *gin.Context, err error) {
	_, status, msg := s.explain(c, err)
	p := s.newPage(c)
	p.Title = p.T("error.title")
	p.Status = status
	p.Error = msg
	s.render(c, status, "error", &errorView{page: p})
}

// errorView is the data of the error page.
type errorView struct {
	page
}
