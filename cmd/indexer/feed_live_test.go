package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/investnews/regionsearch/internal/democorpus"
	"github.com/investnews/regionsearch/web"
)

// TestFeedWhileSearching feeds 240 generated reports to a running server in
// batches of 20 while four clients search it without pause, through the
// JSON API and the HTML page: no request fails, the number of all reports
// (one hit per cluster; clusters never merge) never goes down, and when the
// feed ends every report is in the index. The hits of a word query may go
// down: a new report with an earlier date becomes its cluster's
// representative, and only representatives are found.
func TestFeedWhileSearching(t *testing.T) {
	if testing.Short() {
		t.Skip("feeds a running server")
	}
	ts, ix := startServer(t, web.Options{AdminToken: feedToken})
	input := filepath.Join(t.TempDir(), "live.jsonl")
	f, err := os.Create(input)
	if err != nil {
		t.Fatal(err)
	}
	enc := json.NewEncoder(f)
	const n = 240
	if err := democorpus.Generate(7, n, func(r democorpus.Report) error { return enc.Encode(r) }); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}

	var (
		stop     atomic.Bool
		requests atomic.Int64
		wg       sync.WaitGroup
		mu       sync.Mutex
		failures []string
	)
	fail := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		if len(failures) < 10 {
			failures = append(failures, fmt.Sprintf(format, args...))
		}
	}
	queries := []string{"", "签约", "investment", "项目 -亿元"}
	for c, q := range queries {
		wg.Add(1)
		go func() {
			defer wg.Done()
			last := -1
			for i := 0; !stop.Load(); i++ {
				requests.Add(1)
				if c%2 == 1 && i%3 == 2 {
					// The HTML page, as a researcher reloading it.
					resp, err := http.Get(ts.URL + "/?" + url.Values{"q": {q}}.Encode())
					if err != nil {
						fail("page %q: %v", q, err)
						continue
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != http.StatusOK {
						fail("page %q: status %d", q, resp.StatusCode)
					}
					continue
				}
				total, status, err := searchTotal(ts.URL, q)
				switch {
				case err != nil:
					fail("search %q: %v", q, err)
				case status != http.StatusOK:
					fail("search %q: status %d", q, status)
				case q == "" && total < last:
					fail("search %q: %d hits after %d", q, total, last)
				default:
					last = total
				}
			}
		}()
	}

	code, out := run(t, "-server", ts.URL, "-token", feedToken, "-batch", "20", input)
	stop.Store(true)
	wg.Wait()
	if code != 0 {
		t.Errorf("indexer exit %d\n%s", code, out)
	}
	for _, f := range failures {
		t.Error(f)
	}
	if got, _ := ix.Count(); got != n {
		t.Errorf("the served index holds %d documents, want %d", got, n)
	}
	if total, _, err := searchTotal(ts.URL, ""); err != nil || total == 0 || total > n {
		t.Errorf("after the feed, all reports: %d hits (%v), want 1..%d (one per cluster)", total, err, n)
	}
	t.Logf("%d searches and page loads during the feed", requests.Load())
}

// searchTotal asks the JSON API for q and returns the total hits and the
// status.
func searchTotal(base, q string) (int, int, error) {
	resp, err := http.Get(base + "/api/search?" + url.Values{"q": {q}, "size": {"5"}}.Encode())
	if err != nil {
		return 0, 0, err
	}
	defer resp.Body.Close()
	var r struct {
		Total int `json:"total"`
	}
	if resp.StatusCode != http.StatusOK {
		return 0, resp.StatusCode, nil
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		return 0, resp.StatusCode, fmt.Errorf("decode: %w", err)
	}
	return r.Total, resp.StatusCode, nil
}
