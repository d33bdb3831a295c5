package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
)

// readAll reads inputs and returns the ids (or titles) read and the
// problems as "base:line: reason" (warnings prefixed "warn ").
func readAll(t *testing.T, r *Reader, inputs ...string) (ids, problems []string) {
	t.Helper()
	err := r.Read(context.Background(), inputs, func(rec Record) error {
		id := rec.Article.ID
		if id == "" {
			id = rec.Article.Title
		}
		ids = append(ids, id)
		return nil
	}, func(p Problem) {
		s := fmt.Sprintf("%s:%d: %s", filepath.Base(p.File), p.Line, p.Reason)
		if p.Warn {
			s = "warn " + s
		}
		if p.File == "" || p.Reason == "" {
			t.Errorf("problem without file or reason: %+v", p)
		}
		problems = append(problems, s)
	})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	sort.Strings(problems)
	return ids, problems
}

// TestBadInput feeds every kind of bad input the issue names, committed in
// testdata/bad or made here when it cannot be committed (a 10 MB record, a
// FIFO, a link loop, a directory named like a file). Every good record
// still arrives and every bad one is reported with file, line and reason.
func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, "testdata/bad", dir)
	big := `{"id":"big","body":"` + strings.Repeat("投资", 10<<20/6) + `"}`
	write(t, filepath.Join(dir, "big.jsonl"), big+"\n"+`{"id":"after-big","body":"still read"}`+"\n")
	write(t, filepath.Join(dir, "big.txt"), strings.Repeat("A long line of text.\n", 10<<20/21+1))
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.jsonl"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "loops"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.Symlink("b.jsonl", filepath.Join(dir, "loops", "a.jsonl"))
	os.Symlink("a.jsonl", filepath.Join(dir, "loops", "b.jsonl"))
	os.Symlink(dir, filepath.Join(dir, "loops", "up"))
	// Root may open any file whatever its mode, so "unreadable" is made
	// with a directory where a file is expected: opening works, reading
	// fails with EISDIR.
	if err := os.Mkdir(filepath.Join(dir, "dir.txt"), 0o755); err != nil {
		t.Fatal(err)
	}

	r := &Reader{}
	ids, problems := readAll(t, r, dir,
		filepath.Join(dir, "pipe.jsonl"),         // named: a FIFO is never opened
		filepath.Join(dir, "loops", "a.jsonl"),   // named: a link loop
		filepath.Join(dir, "dir.txt", "x.jsonl"), // missing
	)
	wantIDs := []string{"after-big", "b1", "b2", "u1", "u2", "m1", "m5", "NUL test"}
	sort.Strings(ids)
	sort.Strings(wantIDs)
	if strings.Join(ids, ",") != strings.Join(wantIDs, ",") {
		t.Errorf("read %v, want %v", ids, wantIDs)
	}
	want := []string{
		"a.jsonl:0: unreadable",       // named loop: too many levels of symbolic links
		"big.jsonl:1: too large",      // 10 MB line
		"big.txt:0: too large",        // 10 MB file
		"binary.jsonl:0: binary file", // once for the file, not once per line
		"binary.txt:0: binary file",
		"empty.txt:0: missing body",
		"malformed.jsonl:2: invalid JSON",
		"malformed.jsonl:3: missing body",
		"malformed.jsonl:4: invalid JSON", // a BOM is only skipped on line 1
		"pipe.jsonl:0: not a regular file",
		"pipe.jsonl:0: not a regular file", // met in the directory, and named
		"warn a.jsonl:0: symbolic link not followed",
		"warn b.jsonl:0: symbolic link not followed",
		"warn invalid-utf8.jsonl:1: invalid UTF-8",
		"warn malformed.jsonl:5: NUL bytes",
		"warn nul.txt:0: NUL bytes",
		"warn up:0: symbolic link not followed",
		"x.jsonl:0: unreadable",
	}
	// dir.txt is a directory, so the walk goes into it; reading a
	// directory named as a file is tested below.
	sort.Strings(want)
	if strings.Join(problems, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(problems, "\n"), strings.Join(want, "\n"))
	}

	// A directory named as a file input is read as a directory; one whose
	// open succeeds but whose read fails is reported as unreadable.
	_, problems = readAll(t, r, filepath.Join(dir, "dir.txt"))
	if len(problems) != 0 {
		t.Errorf("empty directory: %v", problems)
	}
	var got []Problem
	err := r.readFile(context.Background(), filepath.Join(dir, "dir.txt"), true, func(Record) error { return nil },
		func(p Problem) { got = append(got, p) })
	if err != nil || len(got) != 1 || got[0].Reason != ReasonUnreadable || !strings.Contains(got[0].Detail, "directory") {
		t.Errorf("reading a directory as a file: %v %v", got, err)
	}
}

// failingReader returns its data, then an I/O error: a disk that fails in
// the middle of a file.
type failingReader struct{ data io.Reader }

func (f failingReader) Read(p []byte) (int, error) {
	n, err := f.data.Read(p)
	if errors.Is(err, io.EOF) {
		return n, syscall.EIO
	}
	return n, err
}

func TestReadErrorMidFile(t *testing.T) {
	in := `{"id":"1","body":"one"}` + "\n" + `{"id":"2","body":"two"}` + "\n"
	var n int
	var probs []Problem
	err := readJSONL(context.Background(), "f.jsonl", failingReader{strings.NewReader(in)}, MaxRecordBytes,
		func(Record) error { n++; return nil }, func(p Problem) { probs = append(probs, p) })
	if err != nil || n != 2 || len(probs) != 1 || probs[0].Reason != ReasonUnreadable || probs[0].Line != 3 {
		t.Errorf("n=%d probs=%v err=%v", n, probs, err)
	}
}

func TestLooksBinary(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"plain text\n", false},
		{"中文文本，正常。", false},
		{"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", true},
		{"text with one \x00 NUL in a long enough line of ordinary words", false},
		{"", false},
	} {
		if got := looksBinary([]byte(tt.in)); got != tt.want {
			t.Errorf("looksBinary(%q) = %v", tt.in, got)
		}
	}
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(to, e.Name()), string(b))
	}
}
