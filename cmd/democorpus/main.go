// Command democorpus writes the demo corpus as JSONL, one report per line,
// in the indexer's input format.
//
// Usage:
//
//	democorpus [-n 400] [-seed 1] [-o file.jsonl]
//
// Without -o it writes to standard output.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/investnews/regionsearch/internal/democorpus"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	cfg, err := ParseFlags(os.Args[1:], os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0)
	}
	if err != nil {
		os.Exit(2)
	}
	if err := Run(ctx, cfg, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "democorpus:", err)
		os.Exit(1)
	}
}

// Config holds the command's settings.
type Config struct {
	N      int    // number of reports
	Seed   int64  // generator seed
	Output string // output file; empty or "-" for standard output
}

// DefaultConfig returns the settings that write the built-in demo corpus.
func DefaultConfig() Config {
	return Config{N: democorpus.DemoSize, Seed: democorpus.DemoSeed}
}

// Validate reports a setting that cannot work.
func (c Config) Validate() error {
	if c.N < 0 {
		return fmt.Errorf("-n must not be negative, got %d", c.N)
	}
	return nil
}

// ParseFlags reads the command line. Usage and errors go to stderr.
func ParseFlags(args []string, stderr io.Writer) (Config, error) {
	cfg := DefaultConfig()
	fs := flag.NewFlagSet("democorpus", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&cfg.N, "n", cfg.N, "number of reports to write")
	fs.Int64Var(&cfg.Seed, "seed", cfg.Seed, "generator seed (the same seed writes the same reports)")
	fs.StringVar(&cfg.Output, "o", cfg.Output, "output file (default standard output)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: democorpus [-n 400] [-seed 1] [-o file.jsonl]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		err := fmt.Errorf("unexpected arguments: %v", fs.Args())
		fmt.Fprintln(stderr, "democorpus:", err)
		fs.Usage()
		return cfg, err
	}
	if err := cfg.Validate(); err != nil {
		fmt.Fprintln(stderr, "democorpus:", err)
		return cfg, err
	}
	return cfg, nil
}

// Run writes cfg.N reports as JSONL to cfg.Output, or to stdout when no
// file is named. It stops early when ctx is cancelled.
func Run(ctx context.Context, cfg Config, stdout io.Writer) (err error) {
	if err := cfg.Validate(); err != nil {
		return err
	}
	out := stdout
	if cfg.Output != "" && cfg.Output != "-" {
		f, err := os.Create(cfg.Output)
		if err != nil {
			return fmt.Errorf("create output: %w", err)
		}
		defer func() {
			if cerr := f.Close(); cerr != nil && err == nil {
				err = fmt.Errorf("close output: %w", cerr)
			}
		}()
		out = f
	}
	bw := bufio.NewWriterSize(out, 1<<16)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	err = democorpus.Generate(cfg.Seed, cfg.N, func(r democorpus.Report) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		return enc.Encode(r)
	})
	if err != nil {
		return fmt.Errorf("generate: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write output: %w", err)
	}
	return nil
}
