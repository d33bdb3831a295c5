// Command indexbench measures indexing throughput against raw jieba.
//
// It writes N demo-corpus reports to a JSON Lines file (not timed), indexes
// that file into a fresh index the way cmd/indexer does, and measures gojieba
// Tokenize (search mode, HMM on) over the same titles and bodies on as many
// goroutines as the indexer uses. It prints documents per second, MB of text
// per second, the ratio to raw jieba, the index size on disk per byte of text
// and the peak memory.
//
// Usage:
//
//	indexbench [-n 20000] [-corpus file.jsonl] [-index DIR] [-cpuprofile f]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	cfg, err := parseFlags(os.Args[1:])
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "indexbench:", err)
		os.Exit(2)
	}
	if err := run(ctx, cfg, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "indexbench:", err)
		os.Exit(1)
	}
}
