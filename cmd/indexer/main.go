// Command indexer builds or updates a search index of investment reports
// from JSON Lines, text and HTML files, or sends them to a running search
// server, which owns its index.
//
// Usage:
//
//	indexer -index DIR [flags] INPUT...
//	indexer -server URL -token TOKEN [flags] INPUT...
//	indexer -index DIR -delete ID...
//
// Each INPUT is a file or a directory (read recursively); "-" reads JSON
// Lines from standard input. On a terminal a progress line is redrawn in
// place; otherwise a progress line is logged every -progress.
//
// On SIGINT or SIGTERM the indexer stops reading, indexes what it has read,
// flushes and closes the index, prints the summary and exits with status
// 130; a second signal kills it at once. Exit status: 0 when every record
// was indexed or unchanged, 1 when any record was skipped, 2 for a usage or
// setup error or an index that cannot be written (disk full, read-only; the
// index keeps every batch written before), 130 when interrupted.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/investnews/regionsearch/internal/progress"
)

// Version is set at build time with -ldflags "-X main.Version=...".
var Version = ""

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m := NewMain()
	// After the first signal the run winds down; a second one gets the
	// default action and ends the process at once.
	m.OnInterrupt = stop
	m.Stdin, m.Stdout, m.Stderr = os.Stdin, os.Stdout, os.Stderr
	m.Live, m.Width = progress.Terminal(os.Stderr)
	m.Config.Token = os.Getenv("REGIONSEARCH_ADMIN_TOKEN")
	if err := m.ParseFlags(os.Args[1:]); err != nil {
		if errors.Is(err, errHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "indexer:", err)
		os.Exit(2)
	}
	code, err := m.Run(ctx)
	if cerr := m.Close(); err == nil && cerr != nil {
		err, code = cerr, 2
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "indexer:", err)
	}
	os.Exit(code)
}
