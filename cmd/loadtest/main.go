// Command loadtest drives a running search server with many concurrent
// clients for a bounded time and reports throughput, errors, latency
// percentiles and the server's memory. It stops by itself.
//
// Usage:
//
//	loadtest [-url http://127.0.0.1:8080] [-duration 60s] [-clients 32] [-pid PID] [-json]
//
// Each client sends its next request as soon as the last one is answered
// (a closed loop). The requests follow a fixed mix that resembles a
// researcher's session: keyword searches in Chinese and English, filtered
// and faceted browsing, sorted and deeper pages, phrase and boolean queries,
// document pages and the HTML search page; see mix.go. The server's memory
// is read from /proc/PID/status with -pid, else from its /metrics.
//
// Exit status: 0 when the run had no errors, 1 when any request failed, 2
// for a usage or setup error.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m := NewMain()
	m.Stdout, m.Stderr = os.Stdout, os.Stderr
	if err := m.ParseFlags(os.Args[1:]); err != nil {
		if errors.Is(err, errHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(2)
	}
	rep, err := m.Run(ctx)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(2)
	}
	if rep.Errors > 0 {
		os.Exit(1)
	}
}
