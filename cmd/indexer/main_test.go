package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/investnews/regionsearch/index"
)

func run(t *testing.T, args ...string) (int, string) {
	t.Helper()
	m := NewMain()
	var errOut bytes.Buffer
	m.Stderr = &errOut
	m.Stdin = strings.NewReader(`{"id":"stdin-1","body":"Wuhu signs a robot project worth 1 billion yuan."}` + "\n")
	if err := m.ParseFlags(args); err != nil {
		t.Fatalf("ParseFlags(%v): %v", args, err)
	}
	code, err := m.Run(context.Background())
	if cerr := m.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatalf("Run(%v): %v\n%s", args, err, errOut.String())
	}
	return code, errOut.String()
}

func TestIndexer(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	corpus := filepath.Join("..", "..", "testdata", "corpus")
	bad := filepath.Join("..", "..", "testdata", "bad", "mixed.jsonl")

	code, out := run(t, "-index", dir, corpus, bad, "-")
	if code != 1 {
		t.Errorf("exit %d with skipped records, want 1\n%s", code, out)
	}
	for _, want := range []string{
		"mixed.jsonl:2: invalid JSON", "mixed.jsonl:3: missing body", "mixed.jsonl:4: bad date",
		"mixed.jsonl:6: bad lang", "indexed 14,", "skipped 4 (bad date 1, bad lang 1, invalid JSON 1, missing body 1)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}

	code, out = run(t, "-index", dir, corpus)
	if code != 0 || !strings.Contains(out, "indexed 0, unchanged 12") {
		t.Errorf("second run: exit %d\n%s", code, out)
	}

	code, out = run(t, "-index", dir, "-delete", "t-en-general", "stdin-1")
	if code != 0 {
		t.Errorf("delete: exit %d\n%s", code, out)
	}
	ix, err := index.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if n, _ := ix.Count(); n != 12 {
		t.Errorf("count after delete = %d, want 12", n)
	}
}

func TestFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		wantErr string // "" means accepted
	}{
		{"nothing", nil, "-index DIR (or -server URL) is required"},
		{"no input", []string{"-index", "x"}, "no INPUT given"},
		{"zero batch", []string{"-index", "x", "-batch", "0", "in"}, "-batch must be at least 1"},
		{"unknown flag", []string{"-nosuch"}, "not defined"},
		{"local", []string{"-index", "x", "in"}, ""},
		{"server", []string{"-server", "http://127.0.0.1:8080", "-token", "t", "in"}, ""},
		{"server and index", []string{"-server", "http://h", "-token", "t", "-index", "x", "in"}, "not both"},
		{"server without token", []string{"-server", "http://h", "in"}, "admin token"},
		{"server not a URL", []string{"-server", "h:8080", "-token", "t", "in"}, "http:// or https:// URL"},
		{"delete on a server", []string{"-server", "http://h", "-token", "t", "-delete", "id"}, "local -index only"},
		{"negative retries", []string{"-server", "http://h", "-token", "t", "-retries", "-1", "in"}, "-retries"},
		{"negative progress", []string{"-index", "x", "-progress", "-1s", "in"}, "-progress"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := NewMain().ParseFlags(tt.args)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("ParseFlags(%q): %v", tt.args, err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("ParseFlags(%q) = %v, want an error with %q", tt.args, err, tt.wantErr)
			}
		})
	}
}
