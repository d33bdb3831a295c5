package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// fakeServer answers like the search server: searches with hits, documents,
// pages and /metrics; it fails every failEvery-th document request.
func fakeServer(t *testing.T, failEvery int64) *httptest.Server {
	t.Helper()
	var docs atomic.Int64
	mux := http.NewServeMux()
	mux.HandleFunc("/api/search", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"total":2,"hits":[{"id":"a1"},{"id":"b 2"}]}`)
	})
	mux.HandleFunc("/api/documents/", func(w http.ResponseWriter, r *http.Request) {
		if n := docs.Add(1); failEvery > 0 && n%failEvery == 0 {
			http.Error(w, "boom", http.StatusInternalServerError)
			return
		}
		fmt.Fprint(w, `{"id":"a1"}`)
	})
	mux.HandleFunc("/documents/", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "<html>") })
	mux.HandleFunc("/metrics", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "# TYPE process_resident_memory_bytes gauge\nprocess_resident_memory_bytes 1.048576e+08\ngo_goroutines 12\ngo_memstats_heap_inuse_bytes 5e+07\n")
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "<html>") })
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestRun(t *testing.T) {
	srv := fakeServer(t, 0)
	var out bytes.Buffer
	m := NewMain()
	m.Stdout = &out
	if err := m.ParseFlags([]string{"-url", srv.URL + "/", "-duration", "700ms", "-warmup", "200ms", "-clients", "4", "-sample", "200ms"}); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	rep, err := m.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("a 0.9s run took %v", took)
	}
	if rep.Requests < 10 || rep.Errors != 0 || rep.Throughput <= 0 || rep.Latency.P50 <= 0 || rep.Latency.Max < rep.Latency.P99 {
		t.Errorf("report %+v", rep)
	}
	seen := map[string]bool{}
	for _, k := range rep.Kinds {
		if k.Requests > 0 {
			seen[k.Kind] = true
		}
	}
	for _, k := range []string{"search_zh", "document_api", "search_page"} {
		if !seen[k] {
			t.Errorf("no %s requests in %v", k, rep.Kinds)
		}
	}
	if len(rep.Memory) < 2 || rep.Memory[0].RSSBytes != 100<<20 || rep.Memory[0].Goroutines != 12 {
		t.Errorf("memory %+v", rep.Memory)
	}
	for _, want := range []string{"requests ", "latency ms: p50", "server memory", "RSS MiB"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
}

func TestRunCountsErrors(t *testing.T) {
	srv := fakeServer(t, 3)
	var out bytes.Buffer
	m := NewMain()
	m.Stdout = &out
	if err := m.ParseFlags([]string{"-url", srv.URL, "-duration", "500ms", "-warmup", "0s", "-clients", "3", "-json"}); err != nil {
		t.Fatal(err)
	}
	rep, err := m.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if rep.Errors == 0 || rep.ErrorKinds["status 500"] != rep.Errors {
		t.Errorf("errors %d %v", rep.Errors, rep.ErrorKinds)
	}
	var decoded Report
	if err := json.Unmarshal(out.Bytes(), &decoded); err != nil || decoded.Errors != rep.Errors {
		t.Errorf("JSON report: %v %+v", err, decoded)
	}
}

func TestUnreachable(t *testing.T) {
	m := NewMain()
	if err := m.ParseFlags([]string{"-url", "http://127.0.0.1:1", "-duration", "1s"}); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Run(context.Background()); err == nil {
		t.Error("no error for a server that does not answer")
	}
}

func TestMixShares(t *testing.T) {
	total := 0
	for _, k := range mix {
		total += k.share
	}
	if total != 100 {
		t.Errorf("shares add up to %d", total)
	}
}

func TestPercentile(t *testing.T) {
	var d []time.Duration
	for i := 1; i <= 1000; i++ {
		d = append(d, time.Duration(i)*time.Millisecond)
	}
	if p := percentile(d, 50); p != 500*time.Millisecond {
		t.Errorf("p50 %v", p)
	}
	if p := percentile(d, 99.9); p != 999*time.Millisecond {
		t.Errorf("p99.9 %v", p)
	}
	if p := percentile(d[:1], 99); p != time.Millisecond {
		t.Errorf("one sample: %v", p)
	}
}
