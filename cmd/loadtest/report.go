package main

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"time"
)

// Latency summarises a set of request latencies, in milliseconds.
type Latency struct {
	P50  float64 `json:"p50_ms"`
	P90  float64 `json:"p90_ms"`
	P99  float64 `json:"p99_ms"`
	P999 float64 `json:"p99_9_ms"`
	Max  float64 `json:"max_ms"`
	Mean float64 `json:"mean_ms"`
}

// KindReport is the outcome of one kind of request in the mix.
type KindReport struct {
	Kind     string  `json:"kind"`
	Requests int     `json:"requests"`
	Errors   int     `json:"errors"`
	Latency  Latency `json:"latency"`
}

// MemSample is the server's memory at one moment of the run.
type MemSample struct {
	AtSeconds      float64 `json:"at_s"`
	RSSBytes       int64   `json:"rss_bytes"`
	HeapInuseBytes int64   `json:"heap_inuse_bytes,omitempty"`
	Goroutines     int     `json:"goroutines,omitempty"`
}

// Report is the result of a run.
type Report struct {
	URL        string         `json:"url"`
	Clients    int            `json:"clients"`
	Seconds    float64        `json:"seconds"`
	Requests   int            `json:"requests"`
	Throughput float64        `json:"requests_per_second"`
	Errors     int            `json:"errors"`
	ErrorKinds map[string]int `json:"error_kinds,omitempty"`
	Latency    Latency        `json:"latency"`
	Kinds      []KindReport   `json:"kinds"`
	Memory     []MemSample    `json:"memory"`
}

func summarise(d []time.Duration) Latency {
	if len(d) == 0 {
		return Latency{}
	}
	slices.Sort(d)
	var sum time.Duration
	for _, x := range d {
		sum += x
	}
	ms := func(x time.Duration) float64 { return float64(x.Microseconds()) / 1000 }
	return Latency{
		P50: ms(percentile(d, 50)), P90: ms(percentile(d, 90)), P99: ms(percentile(d, 99)),
		P999: ms(percentile(d, 99.9)), Max: ms(d[len(d)-1]), Mean: ms(sum / time.Duration(len(d))),
	}
}

func buildReport(c Config, results [][]sample, elapsed time.Duration, mem []MemSample) *Report {
	rep := &Report{URL: c.URL, Clients: c.Clients, Seconds: elapsed.Seconds(), Memory: mem, ErrorKinds: map[string]int{}}
	var all []time.Duration
	byKind := make([][]time.Duration, len(mix))
	kindErrors := make([]int, len(mix))
	for _, rs := range results {
		for _, s := range rs {
			rep.Requests++
			if s.err != "" {
				rep.Errors++
				rep.ErrorKinds[s.err]++
				kindErrors[s.kind]++
				continue
			}
			all = append(all, s.latency)
			byKind[s.kind] = append(byKind[s.kind], s.latency)
		}
	}
	if elapsed > 0 {
		rep.Throughput = float64(rep.Requests) / elapsed.Seconds()
	}
	rep.Latency = summarise(all)
	for i, k := range mix {
		rep.Kinds = append(rep.Kinds, KindReport{Kind: k.name, Requests: len(byKind[i]) + kindErrors[i],
			Errors: kindErrors[i], Latency: summarise(byKind[i])})
	}
	if len(rep.ErrorKinds) == 0 {
		rep.ErrorKinds = nil
	}
	return rep
}

// WriteText writes the report for a person.
func (r *Report) WriteText(w io.Writer) {
	fmt.Fprintf(w, "%s, %d clients, %.1fs measured\n", r.URL, r.Clients, r.Seconds)
	fmt.Fprintf(w, "requests %d, %.1f/s, errors %d", r.Requests, r.Throughput, r.Errors)
	if len(r.ErrorKinds) > 0 {
		var parts []string
		for k, n := range r.ErrorKinds {
			parts = append(parts, fmt.Sprintf("%s %d", k, n))
		}
		sort.Strings(parts)
		fmt.Fprintf(w, " (%s)", strings.Join(parts, ", "))
	}
	fmt.Fprintln(w)
	l := r.Latency
	fmt.Fprintf(w, "latency ms: p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f  mean %.1f\n\n", l.P50, l.P90, l.P99, l.P999, l.Max, l.Mean)
	fmt.Fprintf(w, "%-18s %8s %6s %8s %8s %8s\n", "kind", "requests", "errors", "p50 ms", "p99 ms", "max ms")
	for _, k := range r.Kinds {
		fmt.Fprintf(w, "%-18s %8d %6d %8.1f %8.1f %8.1f\n", k.Kind, k.Requests, k.Errors, k.Latency.P50, k.Latency.P99, k.Latency.Max)
	}
	fmt.Fprintf(w, "\nserver memory:\n%8s %10s %12s %10s\n", "at s", "RSS MiB", "heap MiB", "goroutines")
	for _, m := range r.Memory {
		fmt.Fprintf(w, "%8.0f %10.1f %12.1f %10d\n", m.AtSeconds, float64(m.RSSBytes)/(1<<20), float64(m.HeapInuseBytes)/(1<<20), m.Goroutines)
	}
}
