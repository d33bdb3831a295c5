package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBackupRestore snapshots a serving index through the admin endpoint
// with "search backup -url", restores the snapshot with "search restore",
// and serves and searches the restored copy.
func TestBackupRestore(t *testing.T) {
	tmp := t.TempDir()
	dir := filepath.Join(tmp, "index")
	buildIndex(t, dir)

	m := NewMain()
	m.Config.Addr = "127.0.0.1:0"
	m.Config.Index = dir
	m.Config.DataDir = filepath.Join(tmp, "data")
	m.Config.BackupDir = filepath.Join(tmp, "backups")
	m.Config.AdminToken = "test-admin-token"
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	ctx := context.Background()

	// A stopped-server backup of an index the server holds must refuse
	// rather than wait for the lock forever.
	var stdout, stderr bytes.Buffer
	if code := runTool(ctx, []string{"backup", "-index", dir, "-out", filepath.Join(tmp, "offline")}, &stdout, &stderr); code != 1 ||
		!strings.Contains(stderr.String(), "-url") {
		t.Errorf("offline backup of a served index: status %d: %s", code, stderr.String())
	}

	stdout.Reset()
	stderr.Reset()
	if code := runTool(ctx, []string{"backup", "-url", m.URL}, &stdout, &stderr); code != 2 {
		t.Errorf("backup -url without a token: status %d", code)
	}
	t.Setenv("REGIONSEARCH_ADMIN_TOKEN", "test-admin-token")
	stderr.Reset()
	if code := runTool(ctx, []string{"backup", "-url", m.URL}, &stdout, &stderr); code != 0 {
		t.Fatalf("backup -url: status %d: %s", code, stderr.String())
	}
	var man struct {
		Path      string `json:"path"`
		Documents int    `json:"documents"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &man); err != nil {
		t.Fatalf("manifest %q: %v", stdout.String(), err)
	}
	if !strings.HasPrefix(man.Path, m.Config.BackupDir) || man.Documents == 0 {
		t.Fatalf("manifest %+v", man)
	}
	_, before, _ := get(t, m.URL, "/api/search", url.Values{"q": {"聊城"}})
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}

	restored := filepath.Join(tmp, "restored")
	stdout.Reset()
	stderr.Reset()
	args := []string{"restore", "-from", man.Path, "-data", restored}
	if code := runTool(ctx, args, &stdout, &stderr); code != 0 {
		t.Fatalf("restore: status %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "restored ") {
		t.Errorf("restore said %q", stdout.String())
	}
	if code := runTool(ctx, args, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "-force") {
		t.Errorf("second restore without -force: status %d: %s", code, stderr.String())
	}

	r := NewMain()
	r.Config.Addr = "127.0.0.1:0"
	r.Config.DataDir = restored // serves restored/index
	if err := r.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	code, after, body := get(t, r.URL, "/api/search", url.Values{"q": {"聊城"}})
	if code != 200 || after.Total == 0 || after.Total != before.Total {
		t.Fatalf("search of the restored index: %d total %d (before %d): %.200s", code, after.Total, before.Total, body)
	}
	if got := ids(after); !contains(got, "t-zh-liaocheng") {
		t.Errorf("restored hits %v", got)
	}
}

// TestOfflineBackup snapshots index files that no server has open.
func TestOfflineBackup(t *testing.T) {
	tmp := t.TempDir()
	dir := filepath.Join(tmp, "index")
	buildIndex(t, dir)
	out := filepath.Join(tmp, "snap")
	var stdout, stderr bytes.Buffer
	if code := runTool(context.Background(), []string{"backup", "-index", dir, "-data", tmp, "-out", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("status %d: %s", code, stderr.String())
	}
	if _, err := os.Stat(filepath.Join(out, "index", "index_meta.json")); err != nil {
		t.Error(err)
	}
	if code := runTool(context.Background(), []string{"backup"}, &stdout, &stderr); code != 2 {
		t.Errorf("backup without -url or -out: status %d", code)
	}
}
