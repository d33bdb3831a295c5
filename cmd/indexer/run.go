package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/investnews/regionsearch/analyzers"
	"github.com/investnews/regionsearch/index"
	"github.com/investnews/regionsearch/internal/buildinfo"
	"github.com/investnews/regionsearch/internal/feed"
	"github.com/investnews/regionsearch/internal/ingest"
	"github.com/investnews/regionsearch/internal/progress"
)

var errHelp = errors.New("help requested")

// Config is the indexer's configuration, from flags.
type Config struct {
	Index    string   // index directory
	Server   string   // base URL of a running search server to send the documents to, instead of Index
	Token    string   // the server's admin token (env REGIONSEARCH_ADMIN_TOKEN)
	Retries  int      // times a batch is sent again when the server is busy or unreachable
	DictDir  string   // jieba dictionary directory; "" means the embedded copy
	Batch    int      // documents per batch (per request with Server)
	Workers  int      // extraction goroutines
	Delete   bool     // the arguments are ids to delete
	Inputs   []string // files, directories or "-"
	Progress time.Duration
}

// DefaultConfig returns the defaults.
func DefaultConfig() Config {
	return Config{Batch: index.DefaultBatchSize, Workers: runtime.GOMAXPROCS(0), Progress: 5 * time.Second,
		Retries: feed.DefaultRetries}
}

// Validate checks a configuration.
func (c Config) Validate() error {
	switch {
	case c.Index == "" && c.Server == "":
		return errors.New("-index DIR (or -server URL) is required")
	case c.Index != "" && c.Server != "":
		return errors.New("give -index DIR or -server URL, not both: a served index is written by its server")
	case c.Server != "" && c.Token == "":
		return errors.New("-server needs the server's admin token: -token TOKEN or REGIONSEARCH_ADMIN_TOKEN")
	case c.Server != "" && c.Delete:
		return errors.New("-delete works on a local -index only")
	}
	if c.Server != "" {
		u, err := url.Parse(c.Server)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("-server must be an http:// or https:// URL, got %q", c.Server)
		}
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
	if c.Retries < 0 {
		return fmt.Errorf("-retries must not be negative, got %d", c.Retries)
	}
	if c.Progress < 0 {
		return fmt.Errorf("-progress must not be negative, got %s", c.Progress)
	}
	return nil
}

// Main is the indexer program, testable without a process.
type Main struct {
	Config Config
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Live draws a progress line in place on Stderr (a terminal of Width
	// columns) instead of writing a log line every Config.Progress.
	Live  bool
	Width int
	// OnInterrupt, when set, is called once when Run's context is
	// cancelled, before the notice that says so. main restores the default
	// signal action with it, so that a second signal ends the process.
	OnInterrupt func()

	ix *index.Index
}

// ExitInterrupted is the exit status of a run stopped by SIGINT or SIGTERM:
// what was read was indexed, the rest was not, and the same command
// completes the work. (Status 1 would say the run was complete apart from
// rejected records.)
const ExitInterrupted = 130

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
	fs.StringVar(&c.Server, "server", c.Server, "send the documents to the search server at this `URL` (which owns its index) instead of writing -index")
	fs.StringVar(&c.Token, "token", c.Token, "the server's admin `token` for -server; prefer the environment variable REGIONSEARCH_ADMIN_TOKEN, which ps does not show")
	fs.IntVar(&c.Retries, "retries", c.Retries, "with -server, times a batch is sent again when the server is busy (503, 429) or unreachable, waiting 1s, 2s, 4s...")
	fs.StringVar(&c.DictDir, "dict", c.DictDir, "jieba dictionary `directory` (default: the embedded copy; env REGIONSEARCH_DICT)")
	fs.IntVar(&c.Batch, "batch", c.Batch, "documents per index batch (with -server: at most this many per request)")
	fs.IntVar(&c.Workers, "workers", c.Workers, "extraction goroutines")
	fs.BoolVar(&c.Delete, "delete", c.Delete, "delete the documents whose ids are given as arguments")
	fs.DurationVar(&c.Progress, "progress", c.Progress, "interval between progress lines when standard error is not a terminal (0 = no progress at all)")
	version := fs.Bool("version", false, "print the version and exit")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: indexer -index DIR [flags] INPUT...\n       indexer -server URL -token TOKEN [flags] INPUT...\n"+
			"       indexer -index DIR -delete ID...\n\n"+
			"INPUT is a .jsonl/.ndjson, .txt or .html file, a directory (recursive), or - for JSON Lines on stdin.\n"+
			"Exit status: 0 all indexed or unchanged, 1 some records rejected, 2 usage or setup error\n"+
			"or the index cannot be written (disk full, read-only: run again once it can be), "+
			"130 interrupted (SIGINT/SIGTERM: what was read is indexed; run again to finish).\n\nFlags:\n")
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
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, v := range s.skipped {
		n += v
	}
	return n
}

// line formats the final summary.
func (s *summary) line(st index.WriteStats, el time.Duration) string {
	s.mu.Lock()
	var reasons []string
	for r, n := range s.skipped {
		reasons = append(reasons, fmt.Sprintf("%s %d", r, n))
	}
	read, bytes := s.read, s.bytes
	s.mu.Unlock()
	sort.Strings(reasons)
	skipped := fmt.Sprintf("skipped %d", s.totalSkipped())
	if len(reasons) > 0 {
		skipped += " (" + strings.Join(reasons, ", ") + ")"
	}
	secs := max(el.Seconds(), 1e-9)
	return fmt.Sprintf("read %d records (%.1f MB), indexed %d, unchanged %d, %s in %s: %.0f docs/s, %.2f MB/s",
		read, float64(bytes)/1e6, st.Indexed, st.Unchanged, skipped, el.Round(time.Millisecond),
		float64(read)/secs, float64(bytes)/1e6/secs)
}

// Run indexes the inputs and returns the exit status: 0 when every record
// was indexed or unchanged, 1 when any was skipped, 2 on a setup error or
// when the index cannot be written, and ExitInterrupted when ctx was
// cancelled (by a signal) before the inputs were read to the end.
//
// An index that cannot be written (read-only) is refused before any input
// is read. When a write fails (disk full), the error says so, where, and
// what to do; the index keeps every batch written before the failure.
//
// When ctx is cancelled, reading stops; the records already read are still
// indexed, the last batch is flushed and the summary says the run was
// interrupted. Cancelling ctx never leaves half a batch: the index holds
// whole batches, and running the same command again adds what is missing.
func (m *Main) Run(ctx context.Context) (int, error) {
	c := m.Config
	if c.Server == "" {
		if err := analyzers.Configure(analyzers.Options{DictDir: c.DictDir}); err != nil {
			return 2, err
		}
		ix, err := index.OpenOrCreate(c.Index)
		if err != nil {
			return 2, openError(err, c.Index)
		}
		m.ix = ix
		if err := checkWritable(ix, c.Index); err != nil {
			return 2, err
		}
		if c.Delete {
			w := ix.NewWriter(0)
			if err := w.Delete(c.Inputs...); err != nil {
				return 2, writeError(err, c.Index, -1)
			}
			fmt.Fprintf(m.Stderr, "deleted %d documents\n", len(c.Inputs))
			return 0, nil
		}
	}

	start := time.Now()
	sum := &summary{skipped: map[string]int{}}
	out := m.Stderr
	var meter *progress.Meter
	if c.Progress > 0 {
		total, known := ingest.Size(c.Inputs)
		if !known {
			total = 0
		}
		meter = progress.New(m.Stderr, progress.Options{Total: total, Live: m.Live, Interval: c.Progress, Width: m.Width})
		out = meter
		stopTicks := meter.Start()
		defer stopTicks()
	}
	// A first signal stops the reading; say so, and how to abort.
	noticed := make(chan struct{})
	stopNotice := context.AfterFunc(ctx, func() {
		defer close(noticed)
		if m.OnInterrupt != nil {
			m.OnInterrupt()
		}
		fmt.Fprintln(out, "interrupted: indexing the records already read; interrupt again to abort at once")
	})

	// Reading stops on a signal (ctx) or when indexing fails (cancelRead).
	// Indexing runs on a context a signal does not cancel, so that what
	// was read is indexed and flushed.
	readCtx, cancelRead := context.WithCancel(ctx)
	defer cancelRead()
	work := context.WithoutCancel(ctx)
	recs := make(chan ingest.Record, 256)
	readDone := make(chan error, 1)
	go func() {
		defer close(recs)
		r := &ingest.Reader{Stdin: m.Stdin}
		readDone <- r.Read(readCtx, c.Inputs, func(rec ingest.Record) error {
			select {
			case recs <- rec:
				return nil
			case <-readCtx.Done():
				return readCtx.Err()
			}
		}, func(p ingest.Problem) {
			if p.Warn {
				fmt.Fprintln(out, "warn", p.Error())
				return
			}
			sum.skip(p.Reason)
			fmt.Fprintln(out, "skip", p.Error())
		})
	}()
	// The indexing side takes records until the reader is done or reading
	// is stopped, even when the reader is stuck in a read of standard input
	// that may never return. A record counts as read when it is passed on.
	in := make(chan ingest.Record)
	go func() {
		defer close(in)
		for {
			select {
			case rec, ok := <-recs:
				if !ok {
					return
				}
				sum.mu.Lock()
				sum.read++
				sum.bytes += int64(rec.Bytes)
				sum.mu.Unlock()
				in <- rec // the indexing side drains in, even when it fails
			case <-readCtx.Done():
				return
			}
		}
	}()

	var (
		stats index.WriteStats
		err   error
	)
	if c.Server != "" {
		stats, err = m.send(work, in, sum, out, meter)
	} else {
		stats, err = m.index(work, in, meter)
	}
	interrupted := ctx.Err() != nil
	cancelRead()
	var readErr error
	if err == nil && !interrupted {
		readErr = <-readDone // the reader closed recs: it is done
	} else {
		// Give the reader a moment to stop so that its last messages come
		// before the summary; a read of standard input may block for good.
		select {
		case <-readDone:
		case <-time.After(time.Second):
		}
	}
	if !stopNotice() {
		<-noticed
	}
	if meter != nil {
		meter.Finish()
	}
	if err != nil {
		if c.Server == "" {
			err = writeError(err, c.Index, stats.Indexed)
		}
		return 2, err
	}
	if readErr != nil {
		return 2, readErr
	}
	line := sum.line(stats, time.Since(start))
	if interrupted {
		fmt.Fprintf(m.Stderr, "interrupted: %s; run the same command again to index the rest\n", line)
		return ExitInterrupted, nil
	}
	fmt.Fprintln(m.Stderr, line)
	if sum.totalSkipped() > 0 {
		return 1, nil
	}
	return 0, nil
}

// index writes the records to the local index.
func (m *Main) index(ctx context.Context, recs <-chan ingest.Record, meter *progress.Meter) (index.WriteStats, error) {
	items := make(chan index.Item, 64)
	go func() {
		defer close(items)
		for rec := range recs {
			items <- index.Item{Article: rec.Article, Bytes: rec.Bytes}
		}
	}()
	p := index.Pipeline{Workers: m.Config.Workers, BatchSize: m.Config.Batch, Done: func(_ *index.Document, n int) {
		if meter != nil {
			meter.Add(1, int64(n))
		}
	}}
	return p.Run(ctx, m.ix, items)
}

// send feeds the records to the server, which indexes them.
func (m *Main) send(ctx context.Context, recs <-chan ingest.Record, sum *summary, out io.Writer, meter *progress.Meter) (index.WriteStats, error) {
	cl := &feed.Client{URL: m.Config.Server, Token: m.Config.Token, MaxDocs: m.Config.Batch, Retries: m.Config.Retries}
	if cl.Retries == 0 {
		cl.Retries = -1 // none; the client's zero means its default
	}
	st, err := cl.Feed(ctx, recs, func(o feed.Outcome) {
		switch p := o.Problem; {
		case p != nil && !p.Warn:
			sum.skip(p.Reason)
			fmt.Fprintln(out, "skip", p.Error())
			return
		case p != nil:
			fmt.Fprintln(out, "warn", p.Error())
		}
		if meter != nil {
			meter.Add(1, int64(o.Record.Bytes))
		}
	})
	if err != nil {
		return index.WriteStats{}, fmt.Errorf("send to %s: %w", m.Config.Server, err)
	}
	return index.WriteStats{Indexed: st.Indexed, Unchanged: st.Unchanged}, nil
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
