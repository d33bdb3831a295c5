package main

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"path/filepath"

	"github.com/investnews/regionsearch/internal/saved"
	"github.com/investnews/regionsearch/web"
)

// SavedConfig is who may change saved searches.
type SavedConfig struct {
	// Token is needed to change saved searches (Authorization: Bearer, or
	// the login form). A server listening on anything but loopback needs
	// one, or ReadOnly.
	Token string
	// ReadOnly refuses every change to saved searches.
	ReadOnly bool
}

// savedFlags adds the saved-search flags to fs.
func (c *SavedConfig) savedFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.Token, "token", c.Token,
		"`token` needed to create, change, delete or import saved searches (header Authorization: Bearer TOKEN, or the /login form); "+
			"required when -addr is not a loopback address, unless -read-only; prefer the environment variable, which ps does not show")
	fs.BoolVar(&c.ReadOnly, "read-only", c.ReadOnly, "refuse every change to saved searches (reading them stays open)")
}

// openSaved opens the saved-search store in the data directory, creating
// the directory when needed. With no data directory there is no store and
// the saved-search routes answer 404.
func (m *Main) openSaved() (*saved.Store, error) {
	dir := m.Config.DataDir
	if dir == "" {
		return nil, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("open saved searches: %w", err)
	}
	return saved.Open(filepath.Join(dir, savedDBName), saved.Options{})
}

// savedOptions passes the store and the write rules to the web server.
func (m *Main) savedOptions(opts *web.Options) {
	if m.saved != nil {
		opts.Saved = m.saved
	}
	opts.Token = m.Config.Token
	opts.ReadOnly = m.Config.ReadOnly
}

// errOpenWrites is returned when a public server would let anyone change
// saved searches.
var errOpenWrites = errors.New("refusing to serve saved searches that anyone could change")

// checkWriteAccess refuses to serve on a listener reachable from other
// machines while saved searches can be changed without a token.
func checkWriteAccess(addr net.Addr, c SavedConfig) error {
	if c.Token != "" || c.ReadOnly || isLoopback(addr) {
		return nil
	}
	return fmt.Errorf("%w: %s is not a loopback address; set a token with -token or REGIONSEARCH_TOKEN, "+
		"or serve them read-only with -read-only, or listen on 127.0.0.1", errOpenWrites, addr)
}

// isLoopback reports whether a listener only takes connections from this
// machine. An unspecified address (":8080", "0.0.0.0") takes them from
// everywhere.
func isLoopback(addr net.Addr) bool {
	tcp, ok := addr.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}
