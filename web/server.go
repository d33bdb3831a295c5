package web

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/investnews/regionsearch/index"
	"github.com/investnews/regionsearch/internal/metrics"
)

// Searcher is what the web layer needs from the index. Implementations must
// be safe for concurrent use and should return *index.Error values so that
// failures map to the right HTTP status.
type Searcher interface {
	// Search runs q and returns one page of hits with facet counts.
	Search(ctx context.Context, q index.Query) (*index.Result, error)
	// Document returns the stored document with the given id, or an error
	// of kind index.KindNotFound.
	Document(ctx context.Context, id string) (*index.Document, error)
	// Count returns the number of documents in the index.
	Count() (uint64, error)
}

// Options configure a Server. The zero value is usable.
type Options struct {
	// Logger receives one line per request and the detail of every error
	// response. Nil means slog.Default().
	Logger *slog.Logger
	// Version is shown in the page footer.
	Version string
	// Metrics is the registry GET /metrics writes; the server adds its own
	// metrics to it. Nil means a new registry with the Go runtime metrics.
	Metrics *metrics.Registry
	// MaxBodyBytes bounds request bodies; 0 means DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// Backup, when set, makes a snapshot for POST /api/admin/backup and
	// returns its description, which is sent as JSON.
	Backup func(ctx context.Context) (any, error)
	// AdminToken guards the /api/admin/ routes (Authorization: Bearer).
	// Empty means they answer 404.
	AdminToken string
	// Ingest, when set, indexes the documents sent to
	// POST /api/admin/documents (needs AdminToken).
	Ingest IngestFunc

	// Saved is the store of saved searches; nil turns them off (their
	// routes answer 404).
	Saved SavedStore
	// Token, when set, is needed to change saved searches: as the header
	// "Authorization: Bearer TOKEN" or through the login form's cookie.
	Token string
	// ReadOnly refuses every change to saved searches.
	ReadOnly bool
}

// requestTimeout bounds the time a handler waits for the Searcher.
const requestTimeout = 10 * time.Second

// Server holds what the handlers share: the Searcher, the parsed templates,
// the static assets and the logger. Create it with New.
type Server struct {
	search  Searcher
	pages   map[string]*template.Template
	static  *staticFiles
	log     *slog.Logger
	version string
	timeout time.Duration
	ops     *ops

	saved    SavedStore                  // nil when saved searches are off
	token    string                      // needed for saved-search writes when set
	session  string                      // the login cookie's value for token
	readOnly bool                        // no saved-search writes at all
	cop      *http.CrossOriginProtection // refuses cross-site writes
}

// New returns a Server that answers from s. It parses the templates and
// hashes the static assets once, so a broken template fails here and not in
// a request.
func New(s Searcher, opts Options) (*Server, error) {
	if s == nil {
		return nil, errors.New("web: nil searcher")
	}
	log := opts.Logger
	if log == nil {
		log = slog.Default()
	}
	o, s := newOps(s, opts)
	srv := &Server{
		search:  s,
		ops:     o,
		log:     log,
		version: opts.Version,
		timeout: requestTimeout,

		saved:    opts.Saved,
		token:    opts.Token,
		readOnly: opts.ReadOnly,
		cop:      http.NewCrossOriginProtection(),
	}
	if srv.token != "" {
		srv.session = sessionValue(srv.token)
	}
	static, err := newStaticFiles(assets, "static")
	if err != nil {
		return nil, fmt.Errorf("load static assets: %w", err)
	}
	srv.static = static
	pages, err := parsePages(assets, static)
	if err != nil {
		return nil, fmt.Errorf("parse templates: %w", err)
	}
	srv.pages = pages
	return srv, nil
}

// Handler returns the HTTP handler serving every route. Each call builds a
// new gin engine; there is no package-level router.
func (s *Server) Handler() http.Handler {
	r := gin.New()
	r.Use(s.logRequests(), s.ops.metrics.middleware(), gin.CustomRecoveryWithWriter(slogWriter{s.log}, s.recovered),
		securityHeaders(), s.limitBody())
	s.routes(r)
	return r
}

// context returns a context for a call to the Searcher, bounded by the
// request's own context and the server's timeout.
func (s *Server) context(c *gin.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(c.Request.Context(), s.timeout)
}
