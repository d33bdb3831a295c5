package main

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPublicWritesRefused checks that the server will not listen beyond
// loopback while anyone could change saved searches, and says why.
func TestPublicWritesRefused(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	buildIndex(t, dir)
	tests := []struct {
		name    string
		addr    string
		cfg     SavedConfig
		wantErr bool
	}{
		{"all interfaces, no token", "0.0.0.0:0", SavedConfig{}, true},
		{"empty host, no token", ":0", SavedConfig{}, true},
		{"all interfaces with a token", "0.0.0.0:0", SavedConfig{Token: "t0ken"}, false},
		{"all interfaces read-only", "0.0.0.0:0", SavedConfig{ReadOnly: true}, false},
		{"loopback, no token", "127.0.0.1:0", SavedConfig{}, false},
		{"localhost, no token", "localhost:0", SavedConfig{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := NewMain()
			m.Config.Addr = tt.addr
			m.Config.Index = dir
			m.Config.DataDir = t.TempDir()
			m.Config.SavedConfig = tt.cfg
			err := m.Run(context.Background())
			defer m.Close()
			if tt.wantErr {
				if !errors.Is(err, errOpenWrites) || !strings.Contains(err.Error(), "-token") ||
					!strings.Contains(err.Error(), "REGIONSEARCH_TOKEN") || !strings.Contains(err.Error(), "-read-only") {
					t.Fatalf("Run = %v, want a refusal naming -token, REGIONSEARCH_TOKEN and -read-only", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestIsLoopback checks the address test behind the refusal.
func TestIsLoopback(t *testing.T) {
	for _, tt := range []struct {
		ip   string
		want bool
	}{{"127.0.0.1", true}, {"::1", true}, {"127.0.0.2", true}, {"0.0.0.0", false}, {"::", false}, {"192.168.1.5", false}} {
		if got := isLoopback(&net.TCPAddr{IP: net.ParseIP(tt.ip)}); got != tt.want {
			t.Errorf("isLoopback(%s) = %v", tt.ip, got)
		}
	}
}

// TestSavedSearchesServed runs the server with a token from the
// environment: saved searches live in DATA/saved.db, need the token to
// change, and outlive a restart.
func TestSavedSearchesServed(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	buildIndex(t, dir)
	data := filepath.Join(t.TempDir(), "data")
	t.Setenv("REGIONSEARCH_TOKEN", "env-token")
	start := func() *Main {
		t.Helper()
		m := NewMain()
		if err := m.ParseFlags([]string{"-addr", "127.0.0.1:0", "-index", dir, "-data", data}); err != nil {
			t.Fatal(err)
		}
		if m.Config.Token != "env-token" {
			t.Fatalf("token from the environment: %q", m.Config.Token)
		}
		if err := m.Run(context.Background()); err != nil {
			t.Fatal(err)
		}
		return m
	}
	m := start()
	post := func(token string) int {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, m.URL+"/api/saved-searches", strings.NewReader(`{"name":"聊城","query":{"q":"聊城"}}`))
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := post(""); code != http.StatusUnauthorized {
		t.Errorf("without the token: %d", code)
	}
	if code := post("env-token"); code != http.StatusCreated {
		t.Fatalf("with the token: %d", code)
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(data, savedDBName)); err != nil {
		t.Fatalf("no store in the data directory: %v", err)
	}

	m = start()
	defer m.Close()
	resp, err := http.Get(m.URL + "/api/saved-searches")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), `"name":"聊城"`) {
		t.Errorf("after a restart: %s", body)
	}
}
