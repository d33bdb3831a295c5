package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/investnews/regionsearch/internal/buildinfo"
	"github.com/investnews/regionsearch/internal/envflag"
	"github.com/investnews/regionsearch/internal/metrics"
)

// Version is set at build time with -ldflags "-X main.Version=...".
var Version = ""

var errHelp = errors.New("help requested")

// Config is the load test's configuration, from flags.
type Config struct {
	URL      string        // base URL of the server
	Duration time.Duration // measured time, after the warm-up
	Warmup   time.Duration // unmeasured time before it
	Clients  int           // concurrent clients
	Timeout  time.Duration // per request
	PID      int           // server process for /proc/PID/status; 0 reads /metrics
	Sample   time.Duration // interval between memory samples
	Seed     uint64        // of the request mix
	JSON     bool          // print the report as JSON
}

// DefaultConfig returns the defaults.
func DefaultConfig() Config {
	return Config{URL: "http://127.0.0.1:8080", Duration: 60 * time.Second, Warmup: 5 * time.Second,
		Clients: 32, Timeout: 10 * time.Second, Sample: 5 * time.Second, Seed: 1}
}

// Validate checks a configuration.
func (c Config) Validate() error {
	switch {
	case !strings.HasPrefix(c.URL, "http://") && !strings.HasPrefix(c.URL, "https://"):
		return fmt.Errorf("-url must be an http:// or https:// URL, got %q", c.URL)
	case c.Duration <= 0:
		return errors.New("-duration must be positive")
	case c.Warmup < 0:
		return errors.New("-warmup must not be negative")
	case c.Clients < 1:
		return fmt.Errorf("-clients must be at least 1, got %d", c.Clients)
	case c.Timeout <= 0 || c.Sample <= 0:
		return errors.New("-timeout and -sample must be positive")
	}
	return nil
}

// Main is the load test program, testable without a process.
type Main struct {
	Config Config
	Stdout io.Writer
	Stderr io.Writer
}

// NewMain returns a Main with the default configuration.
func NewMain() *Main {
	return &Main{Config: DefaultConfig(), Stdout: io.Discard, Stderr: io.Discard}
}

// ParseFlags reads the command line into m.Config.
func (m *Main) ParseFlags(args []string) error {
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	c := &m.Config
	fs.StringVar(&c.URL, "url", c.URL, "base `URL` of the server")
	fs.DurationVar(&c.Duration, "duration", c.Duration, "measured `time`; the run stops by itself after warm-up plus this")
	fs.DurationVar(&c.Warmup, "warmup", c.Warmup, "unmeasured warm-up `time`")
	fs.IntVar(&c.Clients, "clients", c.Clients, "concurrent clients")
	fs.DurationVar(&c.Timeout, "timeout", c.Timeout, "per-request `timeout`; a request that takes longer is an error")
	fs.IntVar(&c.PID, "pid", c.PID, "server process `id`: read its memory from /proc/PID/status (default: from /metrics)")
	fs.DurationVar(&c.Sample, "sample", c.Sample, "`interval` between memory samples")
	fs.Uint64Var(&c.Seed, "seed", c.Seed, "random `seed` of the request mix")
	fs.BoolVar(&c.JSON, "json", c.JSON, "print the report as JSON")
	version := fs.Bool("version", false, "print the version and exit")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: loadtest [flags]\n\nDrives a running search server and reports throughput, errors, latency and memory.\n\nFlags:\n")
		envflag.PrintDefaults(fs.Output(), fs, "LOADTEST", "version")
	}
	if err := envflag.Parse(fs, "LOADTEST", args, nil, "version"); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errHelp
		}
		return err
	}
	if *version {
		fmt.Fprintln(m.Stdout, "loadtest", buildinfo.Version(Version))
		return errHelp
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	c.URL = strings.TrimRight(c.URL, "/")
	return c.Validate()
}

// sample is one request's outcome.
type sample struct {
	kind    int
	latency time.Duration
	err     string // "" when the request succeeded
}

// Run drives the server for Warmup plus Duration, then prints and returns
// the report. It fails only when the server cannot be reached at the start.
func (m *Main) Run(ctx context.Context) (*Report, error) {
	c := m.Config
	client := &http.Client{
		Timeout: c.Timeout,
		Transport: &http.Transport{
			MaxIdleConns:        c.Clients * 2,
			MaxIdleConnsPerHost: c.Clients * 2,
			IdleConnTimeout:     90 * time.Second,
			DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		},
	}
	defer client.CloseIdleConnections()

	ids := &idPool{}
	if err := m.seed(ctx, client, ids); err != nil {
		return nil, err
	}
	mem := &memReader{client: client, base: c.URL, pid: c.PID}

	runCtx, cancel := context.WithTimeout(ctx, c.Warmup+c.Duration)
	defer cancel()
	measureFrom := time.Now().Add(c.Warmup)

	results := make([][]sample, c.Clients)
	var wg sync.WaitGroup
	for i := 0; i < c.Clients; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(c.Seed, uint64(i)))
			results[i] = m.client(runCtx, client, r, ids, measureFrom)
		}()
	}

	// Memory: one sample at the end of the warm-up, then every Sample.
	var memSamples []MemSample
	start := time.Now()
	tick := time.NewTicker(c.Sample)
	defer tick.Stop()
	warm := time.After(c.Warmup)
sampling:
	for {
		select {
		case <-warm:
			memSamples = append(memSamples, mem.read(time.Since(start)))
		case <-tick.C:
			if time.Now().After(measureFrom) {
				memSamples = append(memSamples, mem.read(time.Since(start)))
			}
		case <-runCtx.Done():
			break sampling
		}
	}
	wg.Wait()
	elapsed := time.Since(measureFrom)
	memSamples = append(memSamples, mem.read(time.Since(start)))

	rep := buildReport(c, results, elapsed, memSamples)
	if c.JSON {
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return rep, err
		}
	} else {
		rep.WriteText(m.Stdout)
	}
	return rep, nil
}

// seed checks that the server answers and collects document ids for the
// document requests.
func (m *Main) seed(ctx context.Context, client *http.Client, ids *idPool) error {
	for _, q := range []string{"项目", "project", "签约", "investment", "新能源", "chip"} {
		body, status, err := get(ctx, client, m.Config.URL+"/api/search?size=100&q="+q)
		if err != nil {
			return fmt.Errorf("the server at %s does not answer: %w", m.Config.URL, err)
		}
		if status != http.StatusOK {
			return fmt.Errorf("the server at %s answered %d to a search", m.Config.URL, status)
		}
		ids.add(hitIDs(body)...)
	}
	return nil
}

// client sends requests until ctx ends and returns the outcomes of those
// started after measureFrom.
func (m *Main) client(ctx context.Context, client *http.Client, r *rand.Rand, ids *idPool, measureFrom time.Time) []sample {
	var out []sample
	for ctx.Err() == nil {
		k := choose(r)
		path, ok := k.build(r, ids)
		if !ok {
			continue
		}
		start := time.Now()
		body, status, err := get(ctx, client, m.Config.URL+path)
		lat := time.Since(start)
		if ctx.Err() != nil {
			break // cut off by the end of the run, not a server failure
		}
		s := sample{kind: kindIndex(k), latency: lat}
		switch {
		case err != nil:
			s.err = errorClass(err)
		case status != http.StatusOK:
			s.err = "status " + strconv.Itoa(status)
		case strings.HasPrefix(path, "/api/search"):
			if got := hitIDs(body); len(got) > 0 {
				ids.add(got[r.IntN(len(got))])
			}
		}
		if !start.Before(measureFrom) {
			out = append(out, s)
		}
	}
	return out
}

func kindIndex(k *kind) int {
	for i := range mix {
		if &mix[i] == k {
			return i
		}
	}
	return 0
}

func get(ctx context.Context, client *http.Client, u string) ([]byte, int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, 0, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, 0, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return body, resp.StatusCode, err
}

func hitIDs(body []byte) []string {
	var res struct {
		Hits []struct {
			ID string `json:"id"`
		} `json:"hits"`
	}
	if json.Unmarshal(body, &res) != nil {
		return nil
	}
	out := make([]string, 0, len(res.Hits))
	for _, h := range res.Hits {
		if h.ID != "" {
			out = append(out, h.ID)
		}
	}
	return out
}

// errorClass names a transport error without its varying detail.
func errorClass(err error) string {
	var ne net.Error
	switch {
	case errors.As(err, &ne) && ne.Timeout():
		return "timeout"
	case strings.Contains(err.Error(), "connection refused"):
		return "connection refused"
	case strings.Contains(err.Error(), "connection reset"):
		return "connection reset"
	case strings.Contains(err.Error(), "EOF"):
		return "EOF"
	}
	return "transport error"
}

// memReader reads the server's memory.
type memReader struct {
	client *http.Client
	base   string
	pid    int
}

func (mr *memReader) read(at time.Duration) MemSample {
	s := MemSample{AtSeconds: at.Seconds()}
	if mr.pid > 0 {
		if raw, err := os.ReadFile("/proc/" + strconv.Itoa(mr.pid) + "/status"); err == nil {
			if v, err := metrics.ParseVmRSS(raw); err == nil {
				s.RSSBytes = int64(v)
			}
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	body, status, err := get(ctx, mr.client, mr.base+"/metrics")
	if err != nil || status != http.StatusOK {
		return s
	}
	sc := bufio.NewScanner(strings.NewReader(string(body)))
	for sc.Scan() {
		name, value, ok := strings.Cut(sc.Text(), " ")
		if !ok {
			continue
		}
		v, err := strconv.ParseFloat(value, 64)
		if err != nil {
			continue
		}
		switch name {
		case "process_resident_memory_bytes":
			if s.RSSBytes == 0 {
				s.RSSBytes = int64(v)
			}
		case "go_memstats_heap_inuse_bytes":
			s.HeapInuseBytes = int64(v)
		case "go_goroutines":
			s.Goroutines = int(v)
		}
	}
	return s
}

// percentile returns the p-th percentile (0..100) of sorted durations.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted))*p/100+0.5) - 1
	i = max(0, min(i, len(sorted)-1))
	return sorted[i]
}
