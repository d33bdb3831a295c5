package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/investnews/regionsearch/analyzers"
	"github.com/investnews/regionsearch/index"
)

var errHelp = errors.New("help requested")

// Config is the benchmark's configuration, from flags.
type Config struct {
	Index      string   // index directory
	DictDir    string   // jieba dictionary directory; "" means the embedded copy
	Requests   int      // queries per concurrency level
	Clients    []int    // concurrency levels
	Warmup     int      // queries run before measuring
	Size       int      // hits per page
	CPUProfile string   // write a CPU profile of the measured runs here
	MemProfile string   // write a heap profile at the end here
	Kinds      []string // run only these kinds of the mix; nil means all
	PerQuery   bool     // also report each query of the mix
	PassCache  int      // MB for cached passes of text queries; 0 disables, -1 the index default
	TermCache  int      // MB for term-frequency arrays; 0 disables, -1 the index default
}

// DefaultConfig returns the defaults.
func DefaultConfig() Config {
	return Config{Requests: 400, Clients: []int{1, 4, 16}, Warmup: 40, Size: index.DefaultSize, PassCache: -1, TermCache: -1}
}

// Validate checks a configuration.
func (c Config) Validate() error {
	if c.Index == "" {
		return errors.New("give -index DIR")
	}
	if c.Requests < 1 || len(c.Clients) == 0 {
		return errors.New("-n and -c must be positive")
	}
	return nil
}

// Main is the benchmark program, testable without a process.
type Main struct {
	Config Config
	Stdout io.Writer

	ix *index.Index
}

// NewMain returns a Main with the default configuration.
func NewMain() *Main { return &Main{Config: DefaultConfig(), Stdout: io.Discard} }

// ParseFlags reads the command line into m.Config.
func (m *Main) ParseFlags(args []string) error {
	fs := flag.NewFlagSet("querybench", flag.ContinueOnError)
	c := &m.Config
	fs.StringVar(&c.Index, "index", c.Index, "index `directory` built by indexer; several directories separated by commas are searched as one (shards)")
	fs.StringVar(&c.DictDir, "dict", c.DictDir, "jieba dictionary `directory` (default: the embedded copy)")
	fs.IntVar(&c.Requests, "n", c.Requests, "queries per concurrency level")
	fs.IntVar(&c.Warmup, "warmup", c.Warmup, "queries run before measuring")
	fs.IntVar(&c.Size, "size", c.Size, "hits per page")
	fs.StringVar(&c.CPUProfile, "cpuprofile", c.CPUProfile, "write a CPU profile to `file`")
	fs.StringVar(&c.MemProfile, "memprofile", c.MemProfile, "write a heap profile to `file`")
	fs.IntVar(&c.PassCache, "pass-cache", c.PassCache, "`MB` for cached passes of text queries (0: none, so every query runs its pass; -1: the index default)")
	fs.IntVar(&c.TermCache, "term-cache", c.TermCache, "`MB` for the term-frequency arrays of common words (0: none, every posting read from the index; -1: the index default)")
	fs.BoolVar(&c.PerQuery, "per-query", c.PerQuery, "also report latency per query of the mix")
	clients := fs.String("c", "1,4,16", "comma-separated concurrency `levels`")
	kinds := fs.String("kinds", "", "comma-separated `kinds` of the mix to run (one-word, two-word, phrase, filtered, exclusion); default all")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errHelp
		}
		return err
	}
	c.Clients = nil
	for _, s := range strings.Split(*clients, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return fmt.Errorf("-c: bad level %q", s)
		}
		c.Clients = append(c.Clients, n)
	}
	c.Kinds = nil
	for _, k := range strings.Split(*kinds, ",") {
		if k = strings.TrimSpace(k); k != "" {
			c.Kinds = append(c.Kinds, k)
		}
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	return c.Validate()
}

// Close closes the index.
func (m *Main) Close() error {
	if m.ix != nil {
		return m.ix.Close()
	}
	return nil
}

// Run opens the index and runs the benchmark.
func (m *Main) Run(ctx context.Context) error {
	c := m.Config
	if err := analyzers.Configure(analyzers.Options{DictDir: c.DictDir}); err != nil {
		return err
	}
	var err error
	start := time.Now()
	if m.ix, err = index.OpenShards(strings.Split(c.Index, ",")...); err != nil {
		return err
	}
	if c.PassCache >= 0 {
		m.ix.SetPassCache(int64(c.PassCache) << 20)
	}
	if c.TermCache >= 0 {
		m.ix.SetTermCache(int64(c.TermCache) << 20)
	}
	n, err := m.ix.Count()
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "index %s: %d reports, opened in %s; GOMAXPROCS=%d\n", c.Index, n,
		time.Since(start).Round(time.Millisecond), runtime.GOMAXPROCS(0))

	cols, arrays, err := m.ix.Warm()
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "columns built in %s, term arrays decoded in %s\n", cols.Round(time.Millisecond), arrays.Round(time.Millisecond))

	mix := Mix(c.Size)
	if len(c.Kinds) > 0 {
		mix = slices.DeleteFunc(mix, func(cs Case) bool { return !slices.Contains(c.Kinds, cs.Kind) })
		if len(mix) == 0 {
			return fmt.Errorf("-kinds %s: no query of the mix has these kinds", strings.Join(c.Kinds, ","))
		}
	}
	for i := 0; i < c.Warmup; i++ {
		if _, err := m.ix.Search(ctx, mix[i%len(mix)].Query); err != nil {
			return fmt.Errorf("warm-up %q: %w", mix[i%len(mix)].Name, err)
		}
	}
	if c.CPUProfile != "" {
		f, err := os.Create(c.CPUProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	for _, clients := range c.Clients {
		if err := m.level(ctx, mix, clients); err != nil {
			return err
		}
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Fprintf(m.Stdout, "memory: heap in use %.0f MB, Go runtime total %.0f MB, %s\n",
		float64(ms.HeapInuse)/1e6, float64(ms.Sys)/1e6, procMemory())
	if c.MemProfile != "" {
		f, err := os.Create(c.MemProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		return pprof.WriteHeapProfile(f)
	}
	return nil
}

// sample is one timed query.
type sample struct {
	kind string
	name string
	d    time.Duration
	hits uint64
}

// level runs c.Requests queries of the mix with the given number of
// concurrent clients and prints latency percentiles and throughput.
func (m *Main) level(ctx context.Context, mix []Case, clients int) error {
	total := m.Config.Requests
	samples := make([]sample, total)
	var next int
	var mu sync.Mutex
	var firstErr error
	var wg sync.WaitGroup
	start := time.Now()
	for range clients {
		wg.Go(func() {
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= total || ctx.Err() != nil {
					return
				}
				cs := mix[i%len(mix)]
				t := time.Now()
				res, err := m.ix.Search(ctx, cs.Query)
				if err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = fmt.Errorf("%s %q: %w", cs.Kind, cs.Name, err)
					}
					mu.Unlock()
					return
				}
				samples[i] = sample{kind: cs.Kind, name: cs.Name, d: time.Since(t), hits: res.Total}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	if firstErr != nil {
		return firstErr
	}
	fmt.Fprintf(m.Stdout, "\n%d clients: %d queries in %s, %.1f queries/s\n", clients, total,
		elapsed.Round(time.Millisecond), float64(total)/elapsed.Seconds())
	fmt.Fprintf(m.Stdout, "  %-10s %6s %8s %8s %8s %8s %10s\n", "kind", "n", "p50 ms", "p95 ms", "p99 ms", "max ms", "mean hits")
	kinds := []string{}
	for _, cs := range mix {
		if !slices.Contains(kinds, cs.Kind) {
			kinds = append(kinds, cs.Kind)
		}
	}
	for _, k := range append(kinds, "all") {
		m.report(k, samples, func(s sample) bool { return k == "all" || s.kind == k })
	}
	if m.Config.PerQuery {
		for _, cs := range mix {
			m.report(cs.Kind+" "+cs.Name, samples, func(s sample) bool { return s.kind == cs.Kind && s.name == cs.Name })
		}
	}
	return nil
}

// report prints the latency percentiles and mean hits of the samples that
// keep selects, under label.
func (m *Main) report(label string, samples []sample, keep func(sample) bool) {
	var ds []time.Duration
	var hits uint64
	for _, s := range samples {
		if keep(s) {
			ds = append(ds, s.d)
			hits += s.hits
		}
	}
	if len(ds) == 0 {
		return
	}
	slices.Sort(ds)
	fmt.Fprintf(m.Stdout, "  %-10s %6d %8.1f %8.1f %8.1f %8.1f %10d\n", label, len(ds), ms(pct(ds, 50)), ms(pct(ds, 95)),
		ms(pct(ds, 99)), ms(ds[len(ds)-1]), hits/uint64(len(ds)))
}

func pct(sorted []time.Duration, p int) time.Duration {
	i := (len(sorted)*p + 99) / 100
	return sorted[min(max(i-1, 0), len(sorted)-1)]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// procMemory returns the resident set size and its peak from /proc, where
// available.
func procMemory() string {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "RSS unknown"
	}
	var rss, hwm string
	for _, line := range strings.Split(string(raw), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			rss = strings.TrimSpace(v)
		}
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			hwm = strings.TrimSpace(v)
		}
	}
	return "RSS " + rss + " (peak " + hwm + ")"
}
