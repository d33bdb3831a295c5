package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestParseFlags(t *testing.T) {
	cfg, err := ParseFlags([]string{"-n", "5", "-seed", "9", "-o", "x.jsonl"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if cfg != (Config{N: 5, Seed: 9, Output: "x.jsonl"}) {
		t.Fatalf("got %+v", cfg)
	}
	if cfg, _ := ParseFlags(nil, io.Discard); cfg != DefaultConfig() {
		t.Fatalf("defaults: %+v", cfg)
	}
	for _, args := range [][]string{{"-n", "-1"}, {"-n", "x"}, {"extra"}} {
		if _, err := ParseFlags(args, io.Discard); err == nil {
			t.Errorf("ParseFlags(%q) accepted", args)
		}
	}
}

func TestRunStdout(t *testing.T) {
	var out bytes.Buffer
	if err := Run(context.Background(), Config{N: 20, Seed: 1}, &out); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(&out)
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		var rec map[string]string
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("line %d: %v", n+1, err)
		}
		for _, k := range []string{"id", "url", "title", "date", "source", "lang", "body"} {
			if rec[k] == "" {
				t.Errorf("line %d: empty %s", n+1, k)
			}
		}
		n++
	}
	if n != 20 {
		t.Fatalf("%d lines, want 20", n)
	}
}

func TestRunFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.jsonl")
	if err := Run(context.Background(), Config{N: 3, Seed: 1, Output: path}, io.Discard); err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := Run(context.Background(), Config{N: 3, Seed: 1}, &again); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, again.Bytes()) {
		t.Fatal("file and stdout output differ")
	}
	if err := Run(context.Background(), Config{N: 1, Output: filepath.Join(path, "nodir", "x")}, io.Discard); err == nil {
		t.Fatal("no error for an unwritable output")
	}
}

func TestRunCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Run(ctx, Config{N: 10}, io.Discard); err == nil {
		t.Fatal("no error after cancel")
	}
}
