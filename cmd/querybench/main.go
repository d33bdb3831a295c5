// Command querybench measures search latency and throughput over an index:
// a fixed mix of one-word, two-word, phrase, filtered and exclusion queries,
// each computing every facet and highlighting one page of hits, run by 1, 4
// and 16 concurrent clients. It reports p50/p95/p99 latency per query kind
// and overall, queries per second and memory.
//
// Usage:
//
//	querybench -index DIR [-n 400] [-c 1,4,16] [-kinds phrase,...] [-per-query] [-pass-cache MB] [-term-cache MB] [-cpuprofile FILE]
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
	m.Stdout = os.Stdout
	if err := m.ParseFlags(os.Args[1:]); err != nil {
		if errors.Is(err, errHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "querybench:", err)
		os.Exit(2)
	}
	err := m.Run(ctx)
	if cerr := m.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "querybench:", err)
		os.Exit(1)
	}
}
