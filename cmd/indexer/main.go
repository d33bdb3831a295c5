// Command indexer builds or updates a search index of investment reports
// from JSON Lines and text files.
//
// Usage:
//
//	indexer -index DIR [flags] INPUT...
//	indexer -index DIR -delete ID...
//
// Each INPUT is a file or a directory (read recursively); "-" reads JSON
// Lines from standard input. Exit status: 0 when every record was indexed
// or unchanged, 1 when any record was skipped, 2 for a usage or setup error.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

// Version is set at build time with -ldflags "-X main.Version=...".
var Version = ""

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m := NewMain()
	m.Stdin, m.Stdout, m.Stderr = os.Stdin, os.Stdout, os.Stderr
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
