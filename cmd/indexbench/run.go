package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/yanyiwu/gojieba"

	"github.com/investnews/regionsearch/analyzers"
	"github.com/investnews/regionsearch/index"
	"github.com/investnews/regionsearch/internal/democorpus"
	"github.com/investnews/regionsearch/internal/ingest"
)

// config is the benchmark's settings.
type config struct {
	N          int
	Seed       int64
	Corpus     string // existing JSONL to index instead of generating one
	Index      string // index directory; a temporary one when empty
	Keep       bool   // keep the temporary index
	Workers    int
	Batch      int
	CPUProfile string
	MemProfile string
	SkipJieba  bool
	NoDedup    bool   // index without merging duplicates or clustering near duplicates
	Floor      bool   // measure the bleve floor (floor.go) instead of indexing
	Verify     string // only fingerprint this existing index
}

func parseFlags(args []string) (config, error) {
	c := config{N: 20000, Seed: democorpus.DemoSeed, Workers: runtime.GOMAXPROCS(0)}
	fs := flag.NewFlagSet("indexbench", flag.ContinueOnError)
	fs.IntVar(&c.N, "n", c.N, "number of demo reports to generate")
	fs.Int64Var(&c.Seed, "seed", c.Seed, "demo corpus seed")
	fs.StringVar(&c.Corpus, "corpus", c.Corpus, "index this JSONL `file` instead of a generated corpus")
	fs.StringVar(&c.Index, "index", c.Index, "index `directory` (must not exist; default a temporary directory)")
	fs.BoolVar(&c.Keep, "keep", c.Keep, "keep the temporary index and corpus")
	fs.IntVar(&c.Workers, "workers", c.Workers, "indexing goroutines (and raw jieba goroutines)")
	fs.IntVar(&c.Batch, "batch", c.Batch, "documents per batch (0: the indexer's default)")
	fs.StringVar(&c.CPUProfile, "cpuprofile", "", "write a CPU profile of the indexing phase to `file`")
	fs.StringVar(&c.MemProfile, "memprofile", "", "write a heap profile after indexing to `file`")
	fs.BoolVar(&c.SkipJieba, "skipjieba", false, "do not measure raw jieba")
	fs.BoolVar(&c.NoDedup, "nodedup", false, "index without merging exact duplicates or clustering near duplicates")
	fs.BoolVar(&c.Floor, "floor", false, "instead of indexing, measure raw jieba and the bleve floor: bleve alone indexing the jieba words into one text field")
	fs.StringVar(&c.Verify, "verify", "", "only print the documents, clusters and content fingerprint of the index in `directory`")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	if c.N < 1 || c.Workers < 1 {
		return c, fmt.Errorf("-n and -workers must be at least 1")
	}
	return c, nil
}

func run(ctx context.Context, c config, stdout, stderr io.Writer) error {
	if c.Verify != "" {
		if err := analyzers.Configure(analyzers.Options{}); err != nil {
			return err
		}
		return printFingerprint(ctx, c.Verify, stdout)
	}
	tmp, err := os.MkdirTemp("", "indexbench")
	if err != nil {
		return err
	}
	if !c.Keep {
		defer os.RemoveAll(tmp)
	} else {
		fmt.Fprintln(stderr, "keeping", tmp)
	}
	if err := analyzers.Configure(analyzers.Options{DataDir: filepath.Join(tmp, "dict")}); err != nil {
		return err
	}
	corpus := c.Corpus
	if corpus == "" {
		corpus = filepath.Join(tmp, "corpus.jsonl")
		t0 := time.Now()
		if err := writeCorpus(corpus, c.Seed, c.N); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "generated %d reports in %s\n", c.N, time.Since(t0).Round(time.Millisecond))
	}
	texts, fileBytes, err := readTexts(corpus)
	if err != nil {
		return err
	}
	var textBytes int64
	for _, t := range texts {
		textBytes += int64(len(t))
	}

	if c.Floor {
		return floorRun(ctx, c, tmp, texts, textBytes, stdout)
	}

	dir := c.Index
	if dir == "" {
		dir = filepath.Join(tmp, "index")
	}
	runtime.GC()
	var stopProfile func()
	if c.CPUProfile != "" {
		f, err := os.Create(c.CPUProfile)
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		stopProfile = func() { pprof.StopCPUProfile(); f.Close() }
	}
	peak := startPeakSampler()
	cpu0 := cpuTime()
	t0 := time.Now()
	res, err := indexFile(ctx, dir, corpus, c)
	if err != nil {
		return err
	}
	el := time.Since(t0)
	cpuIndex := cpuTime() - cpu0
	if stopProfile != nil {
		stopProfile()
	}
	heapPeak := peak()
	hwm := vmHWM()
	if c.MemProfile != "" {
		f, err := os.Create(c.MemProfile)
		if err != nil {
			return err
		}
		pprof.WriteHeapProfile(f)
		f.Close()
	}
	size, err := dirSize(dir)
	if err != nil {
		return err
	}

	var jiebaMBs float64
	var cpuJieba time.Duration
	if !c.SkipJieba {
		cpu0 := cpuTime()
		jiebaMBs, err = rawJieba(filepath.Join(tmp, "dict"), texts, c.Workers)
		if err != nil {
			return err
		}
		cpuJieba = cpuTime() - cpu0
	}
	mb := float64(textBytes) / 1e6
	secs := el.Seconds()
	fmt.Fprintf(stdout, "documents      %d (%d indexed, %d skipped; dedup %v)\n", len(texts), res.indexed, res.skipped, !c.NoDedup)
	fmt.Fprintf(stdout, "text           %.1f MB (input file %.1f MB)\n", mb, float64(fileBytes)/1e6)
	fmt.Fprintf(stdout, "elapsed        %s\n", el.Round(time.Millisecond))
	fmt.Fprintf(stdout, "throughput     %.0f docs/s, %.2f MB/s of text\n", float64(len(texts))/secs, mb/secs)
	fmt.Fprintf(stdout, "indexing CPU   %.1fs (%.0f ms per MB, %.2f cores busy on average)\n",
		cpuIndex.Seconds(), 1000*cpuIndex.Seconds()/mb, cpuIndex.Seconds()/secs)
	if jiebaMBs > 0 {
		fmt.Fprintf(stdout, "raw jieba      %.2f MB/s (%d goroutines)\n", jiebaMBs, c.Workers)
		fmt.Fprintf(stdout, "ratio          %.0f%% of raw jieba\n", 100*mb/secs/jiebaMBs)
		fmt.Fprintf(stdout, "CPU time       indexing %.1fs, raw jieba %.1fs: per CPU-second %.0f%% of raw jieba\n",
			cpuIndex.Seconds(), cpuJieba.Seconds(), 100*cpuJieba.Seconds()/cpuIndex.Seconds())
	}
	fmt.Fprintf(stdout, "index size     %.1f MB, %.2f bytes per byte of text\n", float64(size)/1e6, float64(size)/float64(textBytes))
	fmt.Fprintf(stdout, "peak memory    Go heap+stacks %.0f MB, VmHWM %.0f MB\n", float64(heapPeak)/1e6, float64(hwm)/1e6)
	fmt.Fprintf(stdout, "machine        %d CPUs, GOMAXPROCS %d, %s\n", runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version())
	return printFingerprint(ctx, dir, stdout)
}

type indexResult struct{ indexed, skipped int }

// indexFile indexes one JSONL file into a new index at dir, as cmd/indexer
// does.
func indexFile(ctx context.Context, dir, file string, c config) (indexResult, error) {
	ix, err := index.Create(dir)
	if err != nil {
		return indexResult{}, err
	}
	closed := false
	defer func() {
		if !closed {
			ix.Close()
		}
	}()
	var skipped int
	items := make(chan index.Item, 256)
	var readErr error
	go func() {
		defer close(items)
		r := &ingest.Reader{}
		readErr = r.Read(ctx, []string{file}, func(rec ingest.Record) error {
			select {
			case items <- index.Item{Article: rec.Article, Bytes: rec.Bytes}:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}, func(p ingest.Problem) { skipped++ })
	}()
	p := index.Pipeline{Workers: c.Workers, BatchSize: c.Batch, NoDedup: c.NoDedup}
	st, err := p.Run(ctx, ix, items)
	if err != nil {
		return indexResult{}, err
	}
	if readErr != nil {
		return indexResult{}, readErr
	}
	closed = true
	if err := ix.Close(); err != nil {
		return indexResult{}, err
	}
	return indexResult{indexed: st.Indexed, skipped: skipped}, nil
}

func writeCorpus(path string, seed int64, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	err = democorpus.Generate(seed, n, func(r democorpus.Report) error { return enc.Encode(r) })
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// readTexts returns title + "\n" + body of every record of a JSONL file.
func readTexts(path string) ([]string, int64, error) {
	var texts []string
	var n int64
	r := &ingest.Reader{}
	err := r.Read(context.Background(), []string{path}, func(rec ingest.Record) error {
		texts = append(texts, rec.Article.Title+"\n"+rec.Article.Body)
		n += int64(rec.Bytes)
		return nil
	}, func(ingest.Problem) {})
	return texts, n, err
}

// rawJieba returns the MB/s of gojieba Tokenize in search mode with HMM over
// texts on workers goroutines, with the dictionaries analyzers wrote under
// dataDir.
func rawJieba(dataDir string, texts []string, workers int) (float64, error) {
	jb, err := newRawJieba(dataDir)
	if err != nil {
		return 0, err
	}
	defer jb.Free()
	var total int64
	for _, t := range texts {
		total += int64(len(t))
	}
	t0 := time.Now()
	var wg sync.WaitGroup
	next := make(chan string, 1024)
	for range workers {
		wg.Go(func() {
			for t := range next {
				jb.Tokenize(t, gojieba.SearchMode, true)
			}
		})
	}
	for _, t := range texts {
		next <- t
	}
	close(next)
	wg.Wait()
	return float64(total) / 1e6 / time.Since(t0).Seconds(), nil
}

// newRawJieba returns a gojieba segmenter with the dictionaries analyzers
// wrote under dataDir and nothing of ours around it.
func newRawJieba(dataDir string) (*gojieba.Jieba, error) {
	dirs, _ := filepath.Glob(filepath.Join(dataDir, "jieba-*"))
	if len(dirs) != 1 {
		return nil, fmt.Errorf("raw jieba: no dictionary directory under %s", dataDir)
	}
	d := dirs[0]
	user := filepath.Join(d, "user.dict.utf8")
	if _, err := os.Stat(user); err != nil {
		// gojieba needs a user dictionary file; an empty one adds nothing.
		user = filepath.Join(dataDir, "empty.user.dict.utf8")
		if err := os.WriteFile(user, nil, 0o644); err != nil {
			return nil, err
		}
	}
	return gojieba.NewJieba(filepath.Join(d, "jieba.dict.utf8"), filepath.Join(d, "hmm_model.utf8"),
		user, filepath.Join(d, "idf.utf8"), filepath.Join(d, "stop_words.utf8")), nil
}

// startPeakSampler samples the Go runtime's memory every 50ms and returns a
// function that stops it and returns the peak of heap plus stacks in use.
func startPeakSampler() func() uint64 {
	var mu sync.Mutex
	var peak uint64
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		for {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			mu.Lock()
			peak = max(peak, ms.HeapInuse+ms.StackInuse)
			mu.Unlock()
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		<-stopped
		mu.Lock()
		defer mu.Unlock()
		return peak
	}
}

// cpuTime returns the user and system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// vmHWM returns the process's peak resident set size from /proc, or 0.
func vmHWM() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			f := strings.Fields(v)
			if len(f) > 0 {
				kb, _ := strconv.ParseUint(f[0], 10, 64)
				return kb * 1024
			}
		}
	}
	return 0
}

func dirSize(dir string) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			fi, err := d.Info()
			if err != nil {
				return err
			}
			n += fi.Size()
		}
		return nil
	})
	return n, err
}
