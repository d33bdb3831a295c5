package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/investnews/regionsearch/index"
	"github.com/investnews/regionsearch/internal/backup"
	"github.com/investnews/regionsearch/internal/envflag"
	"github.com/investnews/regionsearch/internal/metrics"
	"github.com/investnews/regionsearch/web"
)

// envPrefix starts the environment variable of every flag:
// -log-format is REGIONSEARCH_LOG_FORMAT.
const envPrefix = "REGIONSEARCH"

// OpsConfig is the operational part of the configuration: logging,
// shutdown, limits and backups.
type OpsConfig struct {
	LogFormat       string        // text or json
	LogLevel        string        // debug, info, warn or error
	ShutdownDelay   time.Duration // readyz answers 503 this long before the listener closes
	ShutdownTimeout time.Duration // in-flight requests get this long to finish
	MaxBody         int64         // largest request body in bytes
	BackupDir       string        // where POST /api/admin/backup writes; "" disables it
	AdminToken      string        // bearer token of the /api/admin/ routes
}

func defaultOpsConfig() OpsConfig {
	return OpsConfig{LogFormat: "text", LogLevel: "info", ShutdownTimeout: 30 * time.Second, MaxBody: web.DefaultMaxBodyBytes}
}

// opsFlags adds the operational flags to fs.
func (c *OpsConfig) opsFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.LogFormat, "log-format", c.LogFormat, "log `format`: text or json")
	fs.StringVar(&c.LogLevel, "log-level", c.LogLevel, "least `level` logged: debug, info, warn or error")
	fs.DurationVar(&c.ShutdownDelay, "shutdown-delay", c.ShutdownDelay,
		"on SIGTERM, answer /api/readyz with 503 for this `duration` before closing the listener, so that a load balancer stops sending requests")
	fs.DurationVar(&c.ShutdownTimeout, "shutdown-timeout", c.ShutdownTimeout, "how long in-flight requests may take to finish on shutdown")
	fs.Int64Var(&c.MaxBody, "max-body", c.MaxBody, "largest request body in `bytes`")
	fs.StringVar(&c.BackupDir, "backup-dir", c.BackupDir,
		"`directory` for snapshots taken by POST /api/admin/backup (search backup -url); needs -admin-token")
	fs.StringVar(&c.AdminToken, "admin-token", c.AdminToken,
		"bearer `token` for the /api/admin/ routes; prefer the environment variable, which ps does not show")
}

// validate checks the operational configuration.
func (c OpsConfig) validate() error {
	if _, err := parseLevel(c.LogLevel); err != nil {
		return err
	}
	switch c.LogFormat {
	case "text", "json":
	default:
		return fmt.Errorf("-log-format must be text or json, got %q", c.LogFormat)
	}
	if c.ShutdownDelay < 0 || c.ShutdownTimeout <= 0 {
		return errors.New("-shutdown-delay must not be negative and -shutdown-timeout must be positive")
	}
	if c.MaxBody <= 0 {
		return fmt.Errorf("-max-body must be positive, got %d", c.MaxBody)
	}
	if c.BackupDir != "" && c.AdminToken == "" {
		return errors.New("-backup-dir needs -admin-token (or REGIONSEARCH_ADMIN_TOKEN) to protect POST /api/admin/backup")
	}
	return nil
}

func parseLevel(s string) (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return 0, fmt.Errorf("-log-level must be debug, info, warn or error, got %q", s)
	}
	return l, nil
}

// newLogger returns the structured logger the configuration asks for.
func newLogger(w io.Writer, c OpsConfig) (*slog.Logger, error) {
	level, err := parseLevel(c.LogLevel)
	if err != nil {
		return nil, err
	}
	opts := &slog.HandlerOptions{Level: level}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return slog.New(slog.NewTextHandler(w, opts)), nil
}

// usage prints the command's help: what it does, its subcommands and every
// flag with its environment variable.
func usage(fs *flag.FlagSet) func() {
	return func() {
		w := fs.Output()
		fmt.Fprintf(w, "Usage: search [flags]\n       search backup -url URL\n       search backup [-index DIR] [-data DIR] -out DIR\n"+
			"       search restore -from SNAPSHOT [-index DIR] [-data DIR] [-force]\n\n"+
			"Serves an index of investment reports on -addr. Every flag can also be set by the\n"+
			"environment variable named below it; a flag on the command line wins.\n\nFlags:\n")
		envflag.PrintDefaults(w, fs, envPrefix, "version")
	}
}

// mainOps is the operational state of a running Main.
type mainOps struct {
	web     *web.Server
	metrics *metrics.Registry
	// saved is the saved-search store, when the server keeps one: the
	// backup runner snapshots it and /metrics counts it.
	saved backup.Lister
}

// opsOptions adds the metrics registry, the limits and the backup hook to
// the web server's options.
func (m *Main) opsOptions(opts *web.Options) {
	reg := metrics.NewRegistry()
	metrics.RegisterRuntime(reg)
	if m.ops.saved != nil {
		lister := m.ops.saved
		reg.NewGaugeFunc("regionsearch_saved_searches", "Saved searches in the store.", func() (float64, error) {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			list, err := lister.List(ctx)
			return float64(len(list)), err
		})
	}
	m.ops.metrics = reg
	opts.Metrics = reg
	opts.MaxBodyBytes = m.Config.MaxBody
	opts.AdminToken = m.Config.AdminToken
	opts.Ingest = func(ctx context.Context, items <-chan index.Item) (index.WriteStats, error) {
		return index.Pipeline{}.Run(ctx, m.ix, items)
	}
	if m.Config.BackupDir != "" {
		r := &backup.Runner{Index: m.ix, Store: m.ops.saved, BaseDir: m.Config.BackupDir, Version: versionString()}
		opts.Backup = func(ctx context.Context) (any, error) {
			man, err := r.Run(ctx)
			if err != nil {
				return nil, err
			}
			m.log.Info("backup written", "path", man.Path, "documents", man.Documents, "took_ms", man.TookMS)
			return man, nil
		}
	}
}

// shutdown drains the server: readyz fails for ShutdownDelay, then the
// listener closes and in-flight requests get ShutdownTimeout to finish.
func (m *Main) shutdown() error {
	if m.srv == nil {
		return nil
	}
	c := m.Config
	if m.log != nil {
		m.log.Info("shutting down", "delay", c.ShutdownDelay, "timeout", c.ShutdownTimeout)
	}
	if m.ops.web != nil {
		m.ops.web.Drain()
	}
	if c.ShutdownDelay > 0 {
		time.Sleep(c.ShutdownDelay)
	}
	timeout := c.ShutdownTimeout
	if timeout <= 0 {
		timeout = defaultOpsConfig().ShutdownTimeout
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	err := m.srv.Shutdown(ctx)
	m.srv = nil
	if err != nil {
		return fmt.Errorf("shut down: in-flight requests did not finish in %s: %w", timeout, err)
	}
	return nil
}
