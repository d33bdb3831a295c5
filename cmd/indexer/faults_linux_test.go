package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/investnews/regionsearch/index"
	"github.com/investnews/regionsearch/internal/democorpus"
)

// fsizeEnv makes a child indexer (see childEnv) limit the size of the files
// it writes to this many bytes, with SIGXFSZ ignored, so that a write past
// the limit fails with EFBIG as a write to a full disk fails with ENOSPC.
const fsizeEnv = "REGIONSEARCH_INDEXER_TEST_FSIZE"

func init() {
	childSetup = func() {
		s := os.Getenv(fsizeEnv)
		if s == "" {
			return
		}
		n, err := strconv.ParseUint(s, 10, 64)
		if err == nil {
			signal.Ignore(syscall.SIGXFSZ)
			var lim syscall.Rlimit
			if err = syscall.Getrlimit(syscall.RLIMIT_FSIZE, &lim); err == nil {
				lim.Cur = n
				err = syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim)
			}
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "test child: limit file size to %q: %v\n", s, err)
			os.Exit(3)
		}
	}
}

// corpora writes two JSON Lines files of n demo reports each (the first and
// second half of one generated corpus) and returns them with their ids.
func corpora(t *testing.T, n int) (first, second string, firstIDs, allIDs []string) {
	t.Helper()
	dir := t.TempDir()
	first, second = filepath.Join(dir, "first.jsonl"), filepath.Join(dir, "second.jsonl")
	var lines [2][]byte
	i := 0
	err := democorpus.Generate(11, 2*n, func(r democorpus.Report) error {
		b, err := json.Marshal(r)
		if err != nil {
			return err
		}
		lines[i/n] = append(append(lines[i/n], b...), '\n')
		if i < n {
			firstIDs = append(firstIDs, r.ID)
		}
		allIDs = append(allIDs, r.ID)
		i++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for k, path := range []string{first, second} {
		if err := os.WriteFile(path, lines[k], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return first, second, firstIDs, allIDs
}

// mustIndex runs the indexer in this process on the inputs, in batches of
// 25, and fails the test unless every record is indexed or unchanged.
func mustIndex(t *testing.T, dir string, inputs ...string) {
	t.Helper()
	if code, out := run(t, append([]string{"-index", dir, "-batch", "25"}, inputs...)...); code != 0 {
		t.Fatalf("index %v into %s: exit %d\n%s", inputs, dir, code, out)
	}
}

// runChild runs the indexer in a child process with extra environment
// variables and returns its exit status and output (standard output and
// error).
func runChild(t *testing.T, env []string, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"-progress", "0"}, args...)...)
	cmd.Env = append(append(os.Environ(), childEnv+"=1"), env...)
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatal(err)
	}
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		t.Fatalf("the indexer was killed by %v:\n%s", ws.Signal(), out)
	}
	return cmd.ProcessState.ExitCode(), string(out)
}

// searchable opens the index at dir with the index package and checks that
// each id is found by a search and that a full-text search works; it
// returns the number of documents.
func searchable(t *testing.T, dir string, ids []string) int {
	t.Helper()
	ix, err := index.Open(dir)
	if err != nil {
		t.Fatalf("the index does not open: %v", err)
	}
	defer ix.Close()
	ctx := context.Background()
	missing := 0
	for _, id := range ids {
		if _, err := ix.Document(ctx, id); err != nil {
			if missing++; missing <= 3 {
				t.Errorf("document %s: %v", id, err)
			}
		}
	}
	if missing > 0 {
		t.Errorf("%d of %d documents not found", missing, len(ids))
	}
	res, err := ix.Search(ctx, index.Query{Text: "项目"})
	if err != nil || res.Total == 0 {
		t.Errorf("full-text search: %v, %d hits", err, res.Total)
	}
	n, err := ix.Count()
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

// checkFaultMessage checks that out, the output of an indexer that failed
// to write the index at dir, is the one-line explanation and no crash.
func checkFaultMessage(t *testing.T, out, dir, cause string) {
	t.Helper()
	for _, crash := range []string{"panic", "goroutine ", "runtime."} {
		if strings.Contains(out, crash) {
			t.Errorf("output has %q, a crash:\n%s", crash, out)
		}
	}
	want := regexp.MustCompile(`(?m)^indexer: ` + regexp.QuoteMeta(cause) + ` writing index ` + regexp.QuoteMeta(dir) +
		`: .* and run the same command again; the index is unchanged since the last completed batch \(this run added \d+ documents before the failure\): .*` +
		regexp.QuoteMeta(cause) + `$`)
	if !want.MatchString(out) {
		t.Errorf("output lacks a line matching %s:\n%s", want, out)
	}
}

// filesystem is how TestDiskFull runs out of space.
type filesystem struct {
	name  string
	cause string // the error text the indexer must report
	// setup prepares dir (not created yet) to hold the index, before the
	// first corpus is indexed.
	setup func(t *testing.T, dir string)
	// fill takes the space away; it returns the environment of the child
	// that meets the fault and a function that gives the space back.
	fill func(t *testing.T, dir string) (env []string, release func())
}

// TestDiskFull indexes a first corpus, then runs the indexer on a second
// one while the disk is full: it must exit with status 2 and a message that
// names the index, the cause and what to do, and leave an index where every
// document of the first corpus is found. Once there is space again, the
// same command completes the second corpus, with no document missing or
// twice.
func TestDiskFull(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes hundreds of reports in child processes")
	}
	const n = 100
	first, second, firstIDs, allIDs := corpora(t, n)

	// The whole corpus indexed without faults: the document count to reach.
	ref := filepath.Join(t.TempDir(), "ref")
	mustIndex(t, ref, first, second)
	want := searchable(t, ref, allIDs)

	fss := []filesystem{
		{
			name:  "file size limit",
			cause: syscall.EFBIG.Error(),
			setup: func(*testing.T, string) {},
			fill: func(*testing.T, string) ([]string, func()) {
				// Every file written is cut at 64 KiB: a segment of 25
				// reports is several times that.
				return []string{fsizeEnv + "=65536"}, func() {}
			},
		},
		{
			name:  "full tmpfs",
			cause: syscall.ENOSPC.Error(),
			setup: func(t *testing.T, dir string) {
				mnt := filepath.Dir(dir)
				mountOrSkip(t, "mounting a 32 MB tmpfs", "tmpfs", mnt, "tmpfs", 0, "size=32m")
			},
			fill: func(t *testing.T, dir string) ([]string, func()) {
				// Leave room for about one batch of the second corpus.
				filler := filepath.Join(filepath.Dir(dir), "filler")
				fillDisk(t, filler, 512<<10)
				return nil, func() {
					if err := os.Remove(filler); err != nil {
						t.Fatal(err)
					}
				}
			},
		},
	}
	for _, fs := range fss {
		t.Run(fs.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "mnt", "idx")
			if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
				t.Fatal(err)
			}
			fs.setup(t, dir)
			mustIndex(t, dir, first)
			had := searchable(t, dir, firstIDs)

			env, release := fs.fill(t, dir)
			args := []string{"-index", dir, "-batch", "25", second}
			code, out := runChild(t, env, args...)
			if code != 2 {
				t.Fatalf("disk full: exit %d, want 2\n%s", code, out)
			}
			checkFaultMessage(t, out, dir, fs.cause)
			got := searchable(t, dir, firstIDs)
			t.Logf("after the fault the index opens with %d documents (%d before):\n%s", got, had, out)
			if got < had || got > want {
				t.Errorf("after the fault: %d documents, had %d, whole corpus %d", got, had, want)
			}

			release()
			code, out = run(t, args...)
			if code != 0 {
				t.Fatalf("re-run with space: exit %d\n%s", code, out)
			}
			if read, indexed, unchanged := parseSummary(t, out); read != n || indexed+unchanged != n {
				t.Errorf("re-run: read %d, indexed %d, unchanged %d; want %d read, every one indexed or unchanged", read, indexed, unchanged, n)
			}
			if got := searchable(t, dir, allIDs); got != want {
				t.Errorf("after the re-run: %d documents, want %d (as indexed without faults)", got, want)
			}
		})
	}
}

// TestReadOnlyIndexDir runs the indexer on an index in a directory it
// cannot write (a read-only bind mount as root, else a directory without
// write permission): it must refuse before reading any input, saying why and
// what to do, and leave the index as it was and searchable.
func TestReadOnlyIndexDir(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes hundreds of reports")
	}
	const n = 60
	first, second, firstIDs, _ := corpora(t, n)
	dir := filepath.Join(t.TempDir(), "idx")
	mustIndex(t, dir, first)
	had := searchable(t, dir, firstIDs)
	cause := makeReadOnly(t, dir)

	tests := []struct {
		name string
		args []string
	}{
		{"index more reports", []string{"-index", dir, second}},
		{"delete a report", []string{"-index", dir, "-delete", firstIDs[0]}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := NewMain()
			errOut := &syncBuffer{}
			m.Stderr = errOut
			if err := m.ParseFlags(tt.args); err != nil {
				t.Fatal(err)
			}
			code, err := m.Run(context.Background())
			if cerr := m.Close(); cerr != nil {
				t.Errorf("close: %v", cerr)
			}
			if code != 2 || err == nil {
				t.Fatalf("exit %d, %v; want 2 and an error\n%s", code, err, errOut)
			}
			msg := err.Error()
			for _, want := range []string{"index " + dir + " cannot be written: " + cause.Error(),
				"nothing was indexed", "still opens for searching", "run the same command again"} {
				if !strings.Contains(msg, want) {
					t.Errorf("error lacks %q: %s", want, msg)
				}
			}
			if !errors.Is(err, cause) {
				t.Errorf("error does not wrap %v: %s", cause, msg)
			}
			if s := errOut.String(); s != "" {
				t.Errorf("the indexer worked before refusing:\n%s", s)
			}
		})
	}

	ix, err := index.Open(dir)
	if err != nil {
		t.Fatalf("the read-only index does not open: %v", err)
	}
	ro := ix.ReadOnly()
	ix.Close()
	if !ro {
		t.Error("index.Open of a read-only directory: ReadOnly() = false")
	}
	if got := searchable(t, dir, firstIDs); got != had {
		t.Errorf("the read-only index has %d documents, had %d", got, had)
	}
}

// makeReadOnly makes the index at dir impossible to write and returns the
// error a write gets: a read-only bind mount over it when running as root
// (whom permissions do not stop), else its files and directories without
// write permission. It undoes this when the test ends.
func makeReadOnly(t *testing.T, dir string) error {
	t.Helper()
	if os.Geteuid() == 0 {
		mountOrSkip(t, "a read-only bind mount", dir, dir, "", syscall.MS_BIND, "")
		if err := syscall.Mount("", dir, "", syscall.MS_REMOUNT|syscall.MS_BIND|syscall.MS_RDONLY, ""); err != nil {
			t.Fatalf("remount %s read-only: %v", dir, err)
		}
		return syscall.EROFS
	}
	chmodAll := func(mode func(os.FileMode) os.FileMode) error {
		return filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
			if err != nil {
				return err
			}
			return os.Chmod(p, mode(fi.Mode().Perm()))
		})
	}
	t.Cleanup(func() {
		if err := chmodAll(func(m os.FileMode) os.FileMode { return m | 0o200 }); err != nil {
			t.Error(err)
		}
	})
	if err := chmodAll(func(m os.FileMode) os.FileMode { return m &^ 0o222 }); err != nil {
		t.Fatal(err)
	}
	return syscall.EACCES
}

// mountOrSkip mounts source on target (what describes the mount), skipping
// the test when this process may not mount (not root), and unmounts it when
// the test ends, even when it fails.
func mountOrSkip(t *testing.T, what, source, target, fstype string, flags uintptr, data string) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skipf("skipped: %s on %s needs root (run the tests as root, as CI does, to cover it)", what, target)
	}
	if err := syscall.Mount(source, target, fstype, flags, data); err != nil {
		t.Skipf("skipped: %s on %s: %v (no CAP_SYS_ADMIN in this container?)", what, target, err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(target, 0); err != nil {
			t.Errorf("unmount %s: %v; detaching it", target, err)
			if err := syscall.Unmount(target, syscall.MNT_DETACH); err != nil {
				t.Errorf("detach %s: %v", target, err)
			}
		}
	})
}

// fillDisk writes the file path until the file system holding it has only
// about leave bytes free.
func fillDisk(t *testing.T, path string, leave int64) {
	t.Helper()
	var st syscall.Statfs_t
	if err := syscall.Statfs(filepath.Dir(path), &st); err != nil {
		t.Fatal(err)
	}
	size := int64(st.Bavail)*st.Bsize - leave
	if size <= 0 {
		return
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	chunk := make([]byte, 1<<16)
	for written := int64(0); written < size; written += int64(len(chunk)) {
		if _, err := w.Write(chunk[:min(int64(len(chunk)), size-written)]); err != nil {
			t.Fatalf("fill %s: %v", path, err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatalf("fill %s: %v", path, err)
	}
}
