package ingest

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/investnews/regionsearch/index/extract"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestParseHTMLGolden parses every page in testdata/html and compares the
// article with its .golden file (go test -run Golden -update rewrites
// them). Page furniture must never reach the body.
func TestParseHTMLGolden(t *testing.T) {
	pages, err := filepath.Glob("testdata/html/*.html")
	if err != nil || len(pages) == 0 {
		t.Fatalf("no pages: %v", err)
	}
	chrome := []string{"cookie", "Cookie", "comment", "评论", "Related stories", "首页", "Share:", "分享到",
		"All rights reserved", "版权所有", "ICP", "Post comment", "网站首页", "Accept all"}
	for _, page := range pages {
		t.Run(filepath.Base(page), func(t *testing.T) {
			data, err := os.ReadFile(page)
			if err != nil {
				t.Fatal(err)
			}
			a, p := ParseHTML(data)
			if p != nil {
				t.Fatalf("problem: %v", p)
			}
			date := ""
			if !a.Date.IsZero() {
				date = a.Date.Format(time.DateOnly)
			}
			got := fmt.Sprintf("title: %s\ndate: %s\nurl: %s\nsource: %s\nlang: %s\n----\n%s\n",
				a.Title, date, a.URL, a.Source, a.Lang, a.Body)
			golden := strings.TrimSuffix(page, ".html") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if got != string(want) {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
			for _, c := range chrome {
				if strings.Contains(a.Body, c) {
					t.Errorf("body keeps page furniture %q", c)
				}
			}
			if a.Title == "" || a.Date.IsZero() {
				t.Errorf("title %q date %v", a.Title, a.Date)
			}
		})
	}
}

func TestParseHTMLBad(t *testing.T) {
	for _, tt := range []struct{ name, in, reason string }{
		{"empty", "", ReasonMissingBody},
		{"no text", "<html><head><title>x</title></head><body><script>var a=1</script></body></html>", ReasonMissingBody},
		{"binary", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00", ReasonBinary},
	} {
		_, p := ParseHTML([]byte(tt.in))
		if p == nil || p.Reason != tt.reason {
			t.Errorf("%s: problem %v, want %s", tt.name, p, tt.reason)
		}
	}
}

func FuzzParseHTML(f *testing.F) {
	pages, _ := filepath.Glob("testdata/html/*.html")
	for _, p := range pages {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("<p>发布时间：2023-02-30 x</p>"))
	f.Fuzz(func(t *testing.T, b []byte) {
		a, p := ParseHTML(b)
		if p == nil && strings.TrimSpace(a.Body) == "" {
			t.Fatal("accepted an empty body")
		}
		if p == nil && a.Title == "" {
			t.Fatal("accepted a page without a title")
		}
	})
}

func TestFindDate(t *testing.T) {
	for in, want := range map[string]string{
		"发布时间：2023-03-30 10:12":    "2023-03-30",
		"2024年1月8日":                "2024-01-08",
		"Posted on March 30, 2023": "2023-03-30",
		"30 Sept 2021":             "2021-09-30",
		"2023-02-30":               "",
		"no date":                  "",
	} {
		got := ""
		if d, ok := extract.FindDate(in); ok {
			got = d.Format(time.DateOnly)
		}
		if got != want {
			t.Errorf("extract.FindDate(%q) = %q, want %q", in, got, want)
		}
	}
}
