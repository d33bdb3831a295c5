package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// lockedBuffer is an io.Writer safe for the server's concurrent logging.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestFlagsFromEnvironment(t *testing.T) {
	t.Setenv("REGIONSEARCH_ADDR", "127.0.0.1:9999")
	t.Setenv("REGIONSEARCH_INDEX", "/srv/idx")
	t.Setenv("REGIONSEARCH_LOG_FORMAT", "json")
	t.Setenv("REGIONSEARCH_SHUTDOWN_DELAY", "3s")
	t.Setenv("REGIONSEARCH_ADMIN_TOKEN", "from-env")
	t.Setenv("REGIONSEARCH_BACKUP_DIR", "/srv/backups")
	m := NewMain()
	if err := m.ParseFlags([]string{"-addr", ":8081", "-log-level", "debug"}); err != nil {
		t.Fatal(err)
	}
	c := m.Config
	if c.Addr != ":8081" || c.Index != "/srv/idx" || c.LogFormat != "json" || c.LogLevel != "debug" ||
		c.ShutdownDelay != 3*time.Second || c.AdminToken != "from-env" || c.BackupDir != "/srv/backups" {
		t.Errorf("config %+v", c)
	}

	t.Setenv("REGIONSEARCH_SHUTDOWN_DELAY", "soon")
	if err := NewMain().ParseFlags(nil); err == nil || !strings.Contains(err.Error(), "REGIONSEARCH_SHUTDOWN_DELAY") {
		t.Errorf("bad variable: %v", err)
	}
}

func TestFlagValidation(t *testing.T) {
	for _, args := range [][]string{
		{"-log-format", "yaml"}, {"-log-level", "loud"}, {"-max-body", "0"},
		{"-shutdown-timeout", "0s"}, {"-backup-dir", "/tmp/b"},
	} {
		if err := NewMain().ParseFlags(args); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
}

func TestHelpNamesEveryVariable(t *testing.T) {
	var stderr bytes.Buffer
	m := NewMain()
	m.Stderr = &stderr
	if err := m.ParseFlags([]string{"-h"}); !errors.Is(err, errHelp) {
		t.Fatalf("-h: %v", err)
	}
	for _, want := range []string{"REGIONSEARCH_ADDR", "REGIONSEARCH_INDEX", "REGIONSEARCH_DATA", "REGIONSEARCH_DICT",
		"REGIONSEARCH_LOG_FORMAT", "REGIONSEARCH_ADMIN_TOKEN", "search backup", "search restore"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("-h lacks %s", want)
		}
	}
	var stdout bytes.Buffer
	m = NewMain()
	m.Stdout = &stdout
	if err := m.ParseFlags([]string{"-version"}); !errors.Is(err, errHelp) || !strings.HasPrefix(stdout.String(), "search ") {
		t.Errorf("-version: %v %q", err, stdout.String())
	}
}

// TestJSONLogs runs the server with -log-format json and checks that each
// request is one JSON line with its route, status and duration, and that
// credentials stay out of the log.
func TestJSONLogs(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	buildIndex(t, dir)
	logs := &lockedBuffer{}
	m := NewMain()
	m.Stderr = logs
	m.Config.Addr = "127.0.0.1:0"
	m.Config.Index = dir
	m.Config.DataDir = t.TempDir() // the saved-search store goes there
	m.Config.LogFormat = "json"
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("GET", m.URL+"/api/search?q=%E8%81%8A%E5%9F%8E&token=sekrit-q", nil)
	req.Header.Set("Authorization", "Bearer sekrit-h")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, line := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("not a JSON log line: %q", line)
		}
		if rec["msg"] == "request" && rec["route"] == "/api/search" {
			found = true
			if rec["status"] != float64(200) || rec["method"] != "GET" || rec["elapsed"] == nil {
				t.Errorf("request line %v", rec)
			}
		}
	}
	if !found {
		t.Errorf("no request line for /api/search in\n%s", logs)
	}
	if strings.Contains(logs.String(), "sekrit") {
		t.Errorf("a credential reached the log:\n%s", logs)
	}
}

// TestReadyAndMetrics checks the operational endpoints of the real server.
func TestReadyAndMetrics(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	buildIndex(t, dir)
	m := NewMain()
	m.Config.Addr = "127.0.0.1:0"
	m.Config.Index = dir
	m.Config.DataDir = t.TempDir()
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if code, _, body := get(t, m.URL, "/api/readyz", nil); code != 200 {
		t.Errorf("readyz: %d %s", code, body)
	}
	get(t, m.URL, "/api/search", url.Values{"q": {"Jiangyin"}})
	code, _, body := get(t, m.URL, "/metrics", nil)
	if code != 200 {
		t.Fatalf("metrics: %d", code)
	}
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`(?m)^regionsearch_index_documents [1-9]\d*$`),
		regexp.MustCompile(`(?m)^regionsearch_index_size_bytes [1-9][\d.e+]*$`),
		regexp.MustCompile(`(?m)^regionsearch_search_duration_seconds_count\{outcome="ok"\} 1$`),
		regexp.MustCompile(`(?m)^regionsearch_http_requests_total\{method="GET",route="/api/readyz",status="200"\} 1$`),
		regexp.MustCompile(`(?m)^process_resident_memory_bytes \d`),
	} {
		if !want.MatchString(body) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

// buildBinary builds the search command into a temporary directory.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "search")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("go build: %v", err)
	}
	return bin
}

// startBinary starts the server binary and returns it with its URL, read
// from the line it prints when it listens.
func startBinary(t *testing.T, bin string, stderr io.Writer, args ...string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Stderr = stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if i := strings.Index(sc.Text(), " on http://"); i >= 0 {
				urls <- sc.Text()[i+len(" on "):]
			}
		}
		close(urls)
	}()
	select {
	case u, ok := <-urls:
		if !ok {
			t.Fatal("the server exited before listening")
		}
		return cmd, u
	case <-time.After(60 * time.Second):
		t.Fatal("the server did not print its URL within a minute")
	}
	return nil, ""
}

// TestGracefulShutdown sends SIGTERM to a real server process while clients
// keep it busy: no request may fail, readyz must turn 503 during the drain,
// and the process must exit with status 0.
func TestGracefulShutdown(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := filepath.Join(t.TempDir(), "index")
	buildIndex(t, dir)
	bin := buildBinary(t)
	logs := &lockedBuffer{}
	cmd, base := startBinary(t, bin, logs, "-addr", "127.0.0.1:0", "-index", dir, "-data", t.TempDir(),
		"-shutdown-delay", "1500ms", "-log-format", "json")

	queries := []string{"聊城", "Jiangyin", `"photomask"`, "碳化硅", "project", "新能源"}
	var (
		stop     atomic.Bool
		ok, fail atomic.Int64
		mu       sync.Mutex
		failures []string
		wg       sync.WaitGroup
	)
	client := &http.Client{Timeout: 10 * time.Second}
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := i; !stop.Load(); n++ {
				u := base + "/api/search?" + url.Values{"q": {queries[n%len(queries)]}}.Encode()
				resp, err := client.Get(u)
				if err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != 200 {
						err = errors.New(resp.Status)
					}
				}
				if err != nil {
					fail.Add(1)
					mu.Lock()
					failures = append(failures, err.Error())
					mu.Unlock()
					continue
				}
				ok.Add(1)
			}
		}()
	}
	time.Sleep(500 * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	resp, err := client.Get(base + "/api/readyz")
	if err != nil {
		t.Errorf("readyz during the drain: %v", err)
	} else {
		resp.Body.Close()
		if resp.StatusCode != http.StatusServiceUnavailable {
			t.Errorf("readyz during the drain: %d, want 503", resp.StatusCode)
		}
	}
	time.Sleep(300 * time.Millisecond)
	stop.Store(true)
	wg.Wait()

	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("exit: %v\n%s", err, logs)
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("the server did not exit within 30s of SIGTERM\n%s", logs)
	}
	if fail.Load() > 0 {
		t.Errorf("%d of %d requests failed: %v", fail.Load(), fail.Load()+ok.Load(), failures[:min(5, len(failures))])
	}
	if ok.Load() < 10 {
		t.Errorf("only %d requests succeeded", ok.Load())
	}
	if !strings.Contains(logs.String(), "shutting down") {
		t.Errorf("no shutdown line in the log:\n%s", logs)
	}
	t.Logf("%d requests during a SIGTERM drain, none failed", ok.Load())
}
