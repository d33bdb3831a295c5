package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/investnews/regionsearch/analyzers"
	"github.com/investnews/regionsearch/index"
	"github.com/investnews/regionsearch/internal/buildinfo"
	"github.com/investnews/regionsearch/internal/democorpus"
	"github.com/investnews/regionsearch/internal/envflag"
	"github.com/investnews/regionsearch/internal/ingest"
	"github.com/investnews/regionsearch/internal/saved"
	"github.com/investnews/regionsearch/web"
)

var errHelp = errors.New("help requested")

// Config is the server's configuration, from flags.
type Config struct {
	Addr    string // listen address
	Index   string // index directory; "" means DataDir/index with the demo corpus
	DataDir string // data directory for the demo index and dictionaries
	DictDir string // jieba dictionary directory; "" means the embedded copy
	OpsConfig
	SavedConfig
}

// DefaultConfig returns the defaults.
func DefaultConfig() Config {
	return Config{Addr: "127.0.0.1:8080", DataDir: "data", OpsConfig: defaultOpsConfig()}
}

// Validate checks a configuration.
func (c Config) Validate() error {
	if c.Addr == "" {
		return errors.New("-addr must not be empty")
	}
	if c.Index == "" && c.DataDir == "" {
		return errors.New("give -index DIR or -data DIR")
	}
	return c.OpsConfig.validate()
}

// Main is the server program, testable without a process.
type Main struct {
	Config Config
	Stdout io.Writer
	Stderr io.Writer
	// URL is the address the server listens on, set by Run.
	URL string

	ix    *index.Index
	saved *saved.Store // nil without a data directory
	srv   *http.Server
	ln    net.Listener
	log   *slog.Logger
	ops   mainOps
}

// NewMain returns a Main with the default configuration.
func NewMain() *Main {
	return &Main{Config: DefaultConfig(), Stdout: io.Discard, Stderr: io.Discard}
}

// ParseFlags reads the command line into m.Config.
func (m *Main) ParseFlags(args []string) error {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	c := &m.Config
	fs.StringVar(&c.Addr, "addr", c.Addr, "listen `address`")
	fs.StringVar(&c.Index, "index", c.Index, "index `directory` built by indexer (default: the demo index in the data directory); several directories separated by commas are searched as one, read-only (shards)")
	fs.StringVar(&c.DataDir, "data", c.DataDir, "data `directory` for the demo index")
	fs.StringVar(&c.DictDir, "dict", c.DictDir, "jieba dictionary `directory` (default: the embedded copy)")
	c.opsFlags(fs)
	c.savedFlags(fs)
	version := fs.Bool("version", false, "print the version and exit")
	fs.Usage = usage(fs)
	if err := envflag.Parse(fs, envPrefix, args, nil, "version"); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errHelp
		}
		return err
	}
	if *version {
		fmt.Fprintln(m.Stdout, "search", versionString())
		return errHelp
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	return c.Validate()
}

func versionString() string { return buildinfo.Version(Version) }

// Run opens the index (building the demo index when needed) and starts
// serving in the background. Close stops the server.
func (m *Main) Run(ctx context.Context) error {
	c := m.Config
	log, err := newLogger(m.Stderr, c.OpsConfig)
	if err != nil {
		return err
	}
	m.log = log
	dataDir := c.DataDir
	if err := analyzers.Configure(analyzers.Options{DictDir: c.DictDir}); err != nil {
		return err
	}
	if c.Index != "" {
		if m.ix, err = index.OpenShards(strings.Split(c.Index, ",")...); err != nil {
			if errors.Is(err, index.ErrNoIndex) {
				return fmt.Errorf("%w: build one with: go run ./cmd/indexer -index %s INPUT...", err, c.Index)
			}
			return err
		}
	} else if m.ix, err = m.openDemo(ctx, filepath.Join(dataDir, "index")); err != nil {
		return err
	}

	if m.saved, err = m.openSaved(); err != nil {
		return err
	}
	if m.saved != nil {
		m.ops.saved = m.saved
	}

	gin.SetMode(gin.ReleaseMode)
	opts := web.Options{Logger: m.log, Version: versionString()}
	m.opsOptions(&opts)
	m.savedOptions(&opts)
	srv, err := web.New(m.ix, opts)
	if err != nil {
		return fmt.Errorf("start web server: %w", err)
	}
	m.ops.web = srv
	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", c.Addr, err)
	}
	if err := checkWriteAccess(ln.Addr(), c.SavedConfig); err != nil {
		ln.Close()
		return err
	}
	m.ln = ln
	m.URL = "http://" + ln.Addr().String()
	m.srv = &http.Server{
		Handler:           srv.Handler(),
		ErrorLog:          slog.NewLogLogger(m.log.Handler(), slog.LevelWarn),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	hs := m.srv
	go func() {
		if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			m.log.Error("serve", "err", err)
		}
	}()
	n, _ := m.ix.Count()
	fmt.Fprintf(m.Stdout, "serving %d reports from %s on %s\n", n, m.ix.Path(), m.URL)
	return nil
}

// openDemo opens the demo index, building it from the built-in corpus on
// first run.
func (m *Main) openDemo(ctx context.Context, path string) (*index.Index, error) {
	ix, err := index.Open(path)
	switch {
	case err == nil:
		return ix, nil
	case errors.Is(err, index.ErrVersionMismatch):
		// The demo index is ours to rebuild when the program changed.
		fmt.Fprintf(m.Stdout, "the demo index in %s was built by another version; rebuilding it\n", path)
		if err := os.RemoveAll(path); err != nil {
			return nil, fmt.Errorf("rebuild demo index: %w", err)
		}
	case errors.Is(err, index.ErrNoIndex):
		fmt.Fprintf(m.Stdout, "building the demo index in %s (first run)...\n", path)
	default:
		return nil, err
	}
	tmp := path + ".building"
	if err := os.RemoveAll(tmp); err != nil {
		return nil, fmt.Errorf("build demo index: %w", err)
	}
	ix, err = index.Create(tmp)
	if err != nil {
		return nil, err
	}
	items := make(chan index.Item)
	go func() {
		defer close(items)
		for _, r := range democorpus.Demo() {
			a := index.Article{ID: r.ID, URL: r.URL, Title: r.Title, Source: r.Source, Lang: r.Lang, Body: r.Body}
			a.Date, _ = ingest.ParseDate(r.Date)
			select {
			case items <- index.Item{Article: a, Bytes: len(r.Body)}:
			case <-ctx.Done():
				return
			}
		}
	}()
	stats, err := index.Pipeline{}.Run(ctx, ix, items)
	if cerr := ix.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("build demo index: %w", err)
	}
	// Only a complete index takes the final name, so an interrupted first
	// run is rebuilt rather than served half-built.
	if err := os.Rename(tmp, path); err != nil {
		return nil, fmt.Errorf("build demo index: %w", err)
	}
	fmt.Fprintf(m.Stdout, "indexed %d demo reports\n", stats.Indexed)
	return index.Open(path)
}

// Close shuts the server down gracefully and closes the index.
func (m *Main) Close() error {
	err := m.shutdown()
	if m.ix != nil {
		if cerr := m.ix.Close(); err == nil {
			err = cerr
		}
		m.ix = nil
	}
	if m.saved != nil {
		if cerr := m.saved.Close(); err == nil {
			err = cerr
		}
		m.saved = nil
	}
	return err
}
