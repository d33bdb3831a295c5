// Command search serves a search index of investment reports to browsers and
// scripts.
//
// Usage:
//
//	search [-addr 127.0.0.1:8080] [-index DIR] [-data DIR] [flags]
//	search backup -url URL | [-index DIR] [-data DIR] -out DIR
//	search restore -from SNAPSHOT [-index DIR] [-data DIR] [-force]
//
// With no -index it serves DIR/index under the data directory, building it
// from the built-in demo corpus on first run. Every flag has an environment
// variable equivalent (-addr is REGIONSEARCH_ADDR); search -h lists them.
//
// On SIGTERM or SIGINT the server drains: /api/readyz answers 503 for
// -shutdown-delay, then the listener closes, in-flight requests get
// -shutdown-timeout to finish, and the index is closed. A second signal
// kills the process at once.
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
	if isTool(os.Args[1:]) {
		os.Exit(runTool(ctx, os.Args[1:], os.Stdout, os.Stderr))
	}
	m := NewMain()
	m.Stdout, m.Stderr = os.Stdout, os.Stderr
	if err := m.ParseFlags(os.Args[1:]); err != nil {
		if errors.Is(err, errHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "search:", err)
		os.Exit(2)
	}
	if err := m.Run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "search:", err)
		m.Close()
		os.Exit(1)
	}
	<-ctx.Done()
	stop() // a second signal kills the process at once
	if err := m.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "search:", err)
		os.Exit(1)
	}
}
