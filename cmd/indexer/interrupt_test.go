package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/investnews/regionsearch/analyzers"
	"github.com/investnews/regionsearch/index"
	"github.com/investnews/regionsearch/internal/democorpus"
)

// childEnv makes the test binary run the indexer's main instead of the
// tests, so that a test can signal and kill a real indexer process.
const childEnv = "REGIONSEARCH_INDEXER_TEST_CHILD"

// childSetup, when set, prepares a child process before it runs main (the
// fault tests limit its file size with it).
var childSetup func()

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		if childSetup != nil {
			childSetup()
		}
		main() // reads os.Args[1:] and exits
	}
	os.Exit(m.Run())
}

// writeCorpus writes n demo reports as JSON Lines and returns the file.
func writeCorpus(t *testing.T, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "corpus.jsonl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	if err := democorpus.Generate(7, n, func(r democorpus.Report) error { return enc.Encode(r) }); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// child is an indexer process started from the test binary.
type child struct {
	cmd      *exec.Cmd
	progress chan int      // documents done, from each progress line
	lines    chan string   // every line of standard error, closed at exit
	noticed  chan struct{} // closed when the child says it was interrupted
}

// startChild runs the indexer with args in a process of its own, logging
// progress every 50ms.
func startChild(t *testing.T, args ...string) *child {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"-progress", "50ms"}, args...)...)
	cmd.Env = append(os.Environ(), childEnv+"=1")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &child{cmd: cmd, progress: make(chan int, 1000), lines: make(chan string, 1000), noticed: make(chan struct{})}
	t.Cleanup(func() { cmd.Process.Kill() })
	re := regexp.MustCompile(`^progress: (\d+) documents`)
	go func() {
		defer close(c.lines)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				n, _ := strconv.Atoi(m[1])
				select {
				case c.progress <- n:
				default:
				}
			}
			if strings.HasPrefix(sc.Text(), "interrupted: indexing") {
				close(c.noticed)
			}
			c.lines <- sc.Text()
		}
	}()
	return c
}

// waitFor waits until the child reports at least docs documents done.
func (c *child) waitFor(t *testing.T, docs int) {
	t.Helper()
	timeout := time.After(2 * time.Minute)
	for {
		select {
		case n := <-c.progress:
			if n >= docs {
				return
			}
		case <-timeout:
			t.Fatalf("the indexer did not reach %d documents in 2 minutes", docs)
		}
	}
}

// wait waits for the child to exit and returns its state and every line
// of its standard error.
func (c *child) wait(t *testing.T) (*os.ProcessState, string) {
	t.Helper()
	var out []string
	for l := range c.lines {
		out = append(out, l)
	}
	err := c.cmd.Wait()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatal(err)
	}
	return c.cmd.ProcessState, strings.Join(out, "\n")
}

// checkIndex opens the index at dir, runs a search on it and returns the
// number of documents.
func checkIndex(t *testing.T, dir string) int {
	t.Helper()
	if err := analyzers.Configure(analyzers.Options{}); err != nil {
		t.Fatal(err)
	}
	ix, err := index.Open(dir)
	if err != nil {
		t.Fatalf("the index does not open: %v", err)
	}
	defer ix.Close()
	n, err := ix.Count()
	if err != nil {
		t.Fatal(err)
	}
	res, err := ix.Search(context.Background(), index.Query{Size: 1})
	if err != nil {
		t.Fatalf("the index does not search: %v", err)
	}
	if res.Total != n {
		t.Errorf("%d documents but a search for everything finds %d", n, res.Total)
	}
	return int(n)
}

var summaryRE = regexp.MustCompile(`read (\d+) records .*, indexed (\d+), unchanged (\d+), skipped (\d+)`)

// parseSummary returns read, indexed and unchanged from a summary line.
func parseSummary(t *testing.T, out string) (read, indexed, unchanged int) {
	t.Helper()
	m := summaryRE.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no summary in:\n%s", out)
	}
	read, _ = strconv.Atoi(m[1])
	indexed, _ = strconv.Atoi(m[2])
	unchanged, _ = strconv.Atoi(m[3])
	return read, indexed, unchanged
}

// TestKillAndResume kills indexer processes with SIGKILL at two moments of
// a run: each time the index must open and search, and a last run of the
// same command must complete it, adding only what is missing.
func TestKillAndResume(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes thousands of reports in child processes")
	}
	const n = 2000
	corpus := writeCorpus(t, n)
	dir := filepath.Join(t.TempDir(), "idx")
	args := []string{"-index", dir, "-batch", "100", corpus}

	have := 0
	// Each run passes the documents of earlier runs as unchanged first, so
	// the second kill comes later in the input than the first.
	for i, killAt := range []int{n / 5, n * 3 / 5} {
		c := startChild(t, args...)
		c.waitFor(t, killAt)
		if err := c.cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		st, out := c.wait(t)
		if ws, ok := st.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
			t.Fatalf("kill %d: the indexer was not killed mid-run (%v):\n%s", i+1, st, out)
		}
		got := checkIndex(t, dir)
		t.Logf("kill %d after %d documents done: the index opens with %d documents", i+1, killAt, got)
		if got < have || got > n {
			t.Errorf("kill %d: %d documents, had %d before, corpus %d", i+1, got, have, n)
		}
		have = got
	}

	code, out := run(t, args...)
	if code != 0 {
		t.Fatalf("resume: exit %d\n%s", code, out)
	}
	read, indexed, unchanged := parseSummary(t, out)
	if read != n || indexed != n-have || unchanged != have {
		t.Errorf("resume: read %d, indexed %d, unchanged %d; want %d, %d, %d", read, indexed, unchanged, n, n-have, have)
	}
	if got := checkIndex(t, dir); got != n {
		t.Errorf("after resuming: %d documents, want %d", got, n)
	}
}

// TestInterrupt sends SIGINT (and SIGTERM) to indexer processes: each
// indexes what it has read, closes the index, prints an interrupted summary
// and exits 130; a second signal ends the process at once.
func TestInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes thousands of reports in child processes")
	}
	const n = 2000
	corpus := writeCorpus(t, n)
	tests := []struct {
		name    string
		signals []syscall.Signal
		killed  bool // the process ends by the second signal
	}{
		{name: "SIGINT", signals: []syscall.Signal{syscall.SIGINT}},
		{name: "SIGTERM", signals: []syscall.Signal{syscall.SIGTERM}},
		// SIGTERM, because a test run in the background may inherit an
		// ignored SIGINT, which the second signal would then find.
		{name: "second signal aborts", signals: []syscall.Signal{syscall.SIGTERM, syscall.SIGTERM}, killed: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "idx")
			c := startChild(t, "-index", dir, corpus)
			c.waitFor(t, n/10)
			for i, sig := range tt.signals {
				if i > 0 {
					// The second signal comes once the first is handled,
					// as a user's second Ctrl-C does.
					select {
					case <-c.noticed:
					case <-time.After(time.Minute):
						t.Fatal("no interrupted notice within a minute")
					}
				}
				if err := c.cmd.Process.Signal(sig); err != nil {
					t.Fatal(err)
				}
			}
			st, out := c.wait(t)
			got := checkIndex(t, dir)
			if tt.killed {
				ws, _ := st.Sys().(syscall.WaitStatus)
				if !ws.Signaled() || ws.Signal() != syscall.SIGTERM {
					t.Errorf("after two signals: %v, want killed by SIGTERM\n%s", st, out)
				}
				return
			}
			if st.ExitCode() != ExitInterrupted {
				t.Errorf("exit %d, want %d\n%s", st.ExitCode(), ExitInterrupted, out)
			}
			if !strings.Contains(out, "interrupted: read ") || !strings.Contains(out, "run the same command again") {
				t.Errorf("no interrupted summary:\n%s", out)
			}
			read, indexed, _ := parseSummary(t, out)
			if read == n {
				t.Errorf("the signal came after everything was read:\n%s", out)
			}
			if indexed != read || got != read {
				t.Errorf("read %d, indexed %d, index holds %d: every record read must be flushed", read, indexed, got)
			}
		})
	}
}

// TestInterruptInProcess cancels Run's context, as a signal does, while it
// reads standard input that never ends.
func TestInterruptInProcess(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	go func() {
		for i := 0; ; i++ {
			if i == 2000 {
				// A pipe write returns once read: the indexer has read
				// thousands of records when the "signal" comes.
				cancel()
			}
			_, err := fmt.Fprintf(pw, `{"id":"live-%d","body":"Wuhu signs robot project %d worth 1 billion yuan."}`+"\n", i, i)
			if err != nil {
				return
			}
		}
	}()
	m := NewMain()
	errOut := &syncBuffer{}
	m.Stderr, m.Stdin = errOut, pr
	if err := m.ParseFlags([]string{"-index", dir, "-batch", "10", "-"}); err != nil {
		t.Fatal(err)
	}
	code, err := m.Run(ctx)
	pw.Close()
	if cerr := m.Close(); err == nil {
		err = cerr
	}
	if err != nil || code != ExitInterrupted {
		t.Fatalf("Run: %d, %v\n%s", code, err, errOut.String())
	}
	read, indexed, _ := parseSummary(t, errOut.String())
	if read == 0 || indexed != read {
		t.Errorf("read %d, indexed %d\n%s", read, indexed, errOut.String())
	}
	if got := checkIndex(t, dir); got != read {
		t.Errorf("index holds %d, read %d", got, read)
	}
}

// syncBuffer collects output written from several goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
