package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/investnews/regionsearch/analyzers"
	"github.com/investnews/regionsearch/index"
	"github.com/investnews/regionsearch/internal/buildinfo"
	"github.com/investnews/regionsearch/internal/ingest"
)

var errHelp = errors.New("help requested")

// Config is the indexer's configuration, from flags.
type Config struct {
	Index    string   // index directory
	DictDir  string   // jieba dictionary directory; "" means the embedded copy
	Batch    int      // documents per batch
	Workers  int      // extraction goroutines
	Delete   bool     // the arguments are ids to delete
	Inputs   []string // files, directories or "-"
	Progress time.Duration
}

// DefaultConfig returns the defaults.
func DefaultConfig() Config {
	return Config{Batch: index.DefaultBatchSize, Workers: runtime.GOMAXPROCS(0), Progress: 5 * time.Second}
}

// Validate checks a configuration.
func (c Config) Validate() error {
	if c.Index == "" {
		return errors.New("-index DIR is required")
	}
	if len(c.Inputs) == 0 {
		if c.Delete {
			return errors.New("-delete needs at least one document id")
		}
		return errors.New("no INPUT given: name files or directories, or - for JSON Lines on standard input")
	}
	if c.Batch < 1 {
		return fmt.Errorf("-batch must be at least 1, got %d", c.Batch)
	}
	if c.Workers < 1 {
		return fmt.Errorf("-workers must be at least 1, got %d", c.Workers)
	}
	return nil
}

// Main is the indexer program, testable without a process.
type Main struct {
	Config Config
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	ix     *index.Index
}

// NewMain returns a Main with the default configuration.
func NewMain() *Main {
	return &Main{Config: DefaultConfig(), Stdout: io.Discard, Stderr: io.Discard}
}

// ParseFlags reads the command line into m.Config.
func (m *Main) ParseFlags(args []string) error {
	fs := flag.NewFlagSet("indexer", flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	c := &m.Config
	fs.StringVar(&c.Index, "index", c.Index, "index `directory` (created when missing)")
	fs.StringVar(&c.DictDir, "dict", c.DictDir, "jieba dictionary `directory` (default: the embedded copy; env REGIONSEARCH_DICT)")
	fs.IntVar(&c.Batch, "batch", c.Batch, "documents per index batch")
	fs.IntVar(&c.Workers, "workers", c.Workers, "extraction goroutines")
	fs.BoolVar(&c.Delete, "delete", c.Delete, "delete the documents whose ids are given as arguments")
	fs.DurationVar(&c.Progress, "progress", c.Progress, "interval between progress lines (0 = none)")
	version := fs.Bool("version", false, "print the version and exit")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: indexer -index DIR [flags] INPUT...\n       indexer -index DIR -delete ID...\n\n"+
			"INPUT is a .jsonl/.ndjson or .txt file, a directory (recursive), or - for JSON Lines on stdin.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errHelp
		}
		return err
	}
	if *version {
		fmt.Fprintln(m.Stdout, "indexer", versionString())
		return errHelp
	}
	c.Inputs = fs.Args()
	return c.Validate()
}

func versionString() string { return buildinfo.Version(Version) }

// summary counts a run.
type summary struct {
	mu      sync.Mutex
	read    int
	bytes   int64
	skipped map[string]int
}

func (s *summary) skip(reason string) {
	s.mu.Lock()
	s.skipped[reason]++
	s.mu.Unlock()
}

func (s *summary) totalSkipped() int {
	n := 0
	for _, v := range s.skipped {
		n += v
	}
	return n
}

// Run indexes the inputs and returns the exit status: 0 when every record
// was indexed or unchanged, 1 when any was skipped, 2 on a setup error.
func (m *Main) Run(ctx context.Context) (int, error) {
	c := m.Config
	if err := analyzers.Configure(analyzers.Options{DictDir: c.DictDir}); err != nil {
		return 2, err
	}
	ix, err := index.OpenOrCreate(c.Index)
	if err != nil {
		return 2, err
	}
	m.ix = ix
	if c.Delete {
		w := ix.NewWriter(0)
		if err := w.Delete(c.Inputs...); err != nil {
			return 2, err
		}
		fmt.Fprintf(m.Stderr, "deleted %d documents\n", len(c.Inputs))
		return 0, nil
	}

	start := time.Now()
	sum := &summary{skipped: map[string]int{}}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	items := make(chan index.Item, 256)
	var readErr error
	go func() {
		defer close(items)
		r := &ingest.Reader{Stdin: m.Stdin}
		readErr = r.Read(ctx, c.Inputs, func(rec ingest.Record) error {
			sum.mu.Lock()
			sum.read++
			sum.bytes += int64(rec.Bytes)
			sum.mu.Unlock()
			select {
			case items <- index.Item{Article: rec.Article, Bytes: rec.Bytes}:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}, func(p ingest.Problem) {
			sum.skip(p.Reason)
			fmt.Fprintln(m.Stderr, "skip", p.Error())
		})
	}()

	var done int
	last := time.Now()
	p := index.Pipeline{Workers: c.Workers, BatchSize: c.Batch, Done: func(*index.Document, int) {
		done++
		if c.Progress > 0 && time.Since(last) >= c.Progress {
			last = time.Now()
			el := time.Since(start).Seconds()
			fmt.Fprintf(m.Stderr, "progress: %d documents, %.1f docs/s\n", done, float64(done)/el)
		}
	}}
	stats, err := p.Run(ctx, ix, items)
	if err != nil {
		cancel()
		return 2, err
	}
	if readErr != nil {
		return 2, readErr
	}
	el := time.Since(start)
	var reasons []string
	for r, n := range sum.skipped {
		reasons = append(reasons, fmt.Sprintf("%s %d", r, n))
	}
	sort.Strings(reasons)
	skipped := fmt.Sprintf("skipped %d", sum.totalSkipped())
	if len(reasons) > 0 {
		skipped += " (" + strings.Join(reasons, ", ") + ")"
	}
	secs := max(el.Seconds(), 1e-9)
	fmt.Fprintf(m.Stderr, "read %d records (%.1f MB), indexed %d, unchanged %d, %s in %s: %.0f docs/s, %.2f MB/s\n",
		sum.read, float64(sum.bytes)/1e6, stats.Indexed, stats.Unchanged, skipped, el.Round(time.Millisecond),
		float64(sum.read)/secs, float64(sum.bytes)/1e6/secs)
	if sum.totalSkipped() > 0 {
		return 1, nil
	}
	return 0, nil
}

// Close closes the index.
func (m *Main) Close() error {
	if m.ix == nil {
		return nil
	}
	err := m.ix.Close()
	m.ix = nil
	return err
}
