package ingest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParseText(t *testing.T) {
	tests := []struct {
		name, in            string
		wantTitle, wantDate string
		wantURL             string
		wantBodyPrefix      string
		wantReason          string
	}{
		{name: "header block",
			in:        "url: https://e.org/a\ntitle: Hefei signs NEV project\ndate: 2024-01-02\nsource: Wire\nlang: en\n----\nHefei signed a project.",
			wantTitle: "Hefei signs NEV project", wantDate: "2024-01-02", wantURL: "https://e.org/a", wantBodyPrefix: "Hefei signed"},
		{name: "export layout with title line",
			in:        " date 2023-10-31 Wuxi sees 50 projects signed\n\nWUXI -- Fifty projects were signed.",
			wantTitle: "Wuxi sees 50 projects signed", wantDate: "2023-10-31", wantBodyPrefix: "Wuxi sees"},
		{name: "no header: first line is the title",
			in: "\n\n  合肥签约新能源项目  \n正文内容。", wantTitle: "合肥签约新能源项目", wantBodyPrefix: "合肥签约"},
		{name: "saved page repeats its headline",
			in:        "Contact Us 中文\n\nHome > News\n\nHefei inks 20 projects\n\nUpdated: 2021-08-19\n\nHefei inks 20 projects\n\nText.",
			wantTitle: "Hefei inks 20 projects", wantBodyPrefix: "Contact Us"},
		{name: "breadcrumb title", in: "Home » Nanjing attracts chip makers\n\nby admin\n\nBody text here.",
			wantTitle: "Nanjing attracts chip makers"},
		{name: "bad header date", in: "title: x\ndate: yesterday\n----\nbody", wantReason: ReasonBadDate},
		{name: "empty", in: "  \n\n ", wantReason: ReasonMissingBody},
		{name: "header only", in: "title: x\n----\n", wantReason: ReasonMissingBody},
		{name: "binary", in: "\x00\x01\xff\xfe\x00garbage", wantReason: ReasonBinary},
		{name: "not a header: colon in prose", in: "Note: this is prose\n----\nmore", wantTitle: "Note: this is prose"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, p := ParseText([]byte(tt.in))
			if tt.wantReason != "" {
				if p == nil || p.Reason != tt.wantReason {
					t.Fatalf("problem = %v, want %s", p, tt.wantReason)
				}
				return
			}
			if p != nil {
				t.Fatalf("unexpected problem %v", p)
			}
			if a.Title != tt.wantTitle {
				t.Errorf("title = %q, want %q", a.Title, tt.wantTitle)
			}
			gotDate := ""
			if !a.Date.IsZero() {
				gotDate = a.Date.Format(time.DateOnly)
			}
			if gotDate != tt.wantDate {
				t.Errorf("date = %q, want %q", gotDate, tt.wantDate)
			}
			if a.URL != tt.wantURL {
				t.Errorf("url = %q, want %q", a.URL, tt.wantURL)
			}
			if !strings.HasPrefix(a.Body, tt.wantBodyPrefix) {
				t.Errorf("body = %.40q, want prefix %q", a.Body, tt.wantBodyPrefix)
			}
		})
	}
}

func TestParseJSON(t *testing.T) {
	tests := []struct {
		in, wantReason, wantLang string
	}{
		{`{"body":"x"}`, "", ""},
		{`{"body":"x","lang":"zh-CN","date":"2023-03-30T08:00:00+08:00"}`, "", "zh"},
		{`{"body":""}`, ReasonMissingBody, ""},
		{`{"title":"t"}`, ReasonMissingBody, ""},
		{`{"body":"x","date":"30/03/2023"}`, ReasonBadDate, ""},
		{`{"body":"x","lang":"fr"}`, ReasonBadLang, ""},
		{`{"body":`, ReasonInvalidJSON, ""},
		{`[1,2]`, ReasonInvalidJSON, ""},
		{`{"body":"a\u0000b"}`, "", ""},
	}
	for _, tt := range tests {
		a, p := ParseJSON([]byte(tt.in))
		got := ""
		if p != nil {
			got = p.Reason
		}
		if got != tt.wantReason {
			t.Errorf("ParseJSON(%s): reason %q, want %q", tt.in, got, tt.wantReason)
		}
		if p == nil && a.Lang != tt.wantLang {
			t.Errorf("ParseJSON(%s): lang %q, want %q", tt.in, a.Lang, tt.wantLang)
		}
		if strings.ContainsRune(a.Body, 0) {
			t.Errorf("ParseJSON(%s): NUL kept in body", tt.in)
		}
	}
}

// TestReadReportsProblems feeds a directory with good and bad records: every
// good record arrives, every bad one is reported with file and line.
func TestReadReportsProblems(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		t.Helper()
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.jsonl", `{"id":"1","body":"one"}`+"\n"+`{"id":`+"\n\n"+`{"id":"3","body":"three"}`+"\n")
	write("sub/b.txt", "title: two\n----\ntwo")
	write("sub/c.pdf", "%PDF")
	write(".hidden.jsonl", `{"id":"h","body":"hidden"}`)
	os.Symlink(dir, filepath.Join(dir, "sub", "loop"))

	var got []string
	var problems []Problem
	r := &Reader{Stdin: strings.NewReader(`{"id":"s","body":"stdin"}`)}
	err := r.Read(context.Background(), []string{dir, "-", filepath.Join(dir, "missing.jsonl"), filepath.Join(dir, "sub", "c.pdf")},
		func(rec Record) error {
			got = append(got, rec.Article.Title+rec.Article.ID)
			return nil
		}, func(p Problem) {
			if !p.Warn { // the link is a warning, checked in TestBadInput
				problems = append(problems, p)
			}
		})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"1", "3", "two", "s"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("records %v, want %v", got, want)
	}
	var reasons []string
	for _, p := range problems {
		reasons = append(reasons, p.Reason)
	}
	if len(problems) != 3 || problems[0].Line != 2 || problems[0].Reason != ReasonInvalidJSON ||
		!strings.HasSuffix(problems[0].File, "a.jsonl") {
		t.Errorf("problems %v", problems)
	}
	if !strings.Contains(problems[0].Error(), "a.jsonl:2: invalid JSON") {
		t.Errorf("problem text %q", problems[0].Error())
	}
	if reasons[1] != ReasonUnreadable || reasons[2] != ReasonUnsupported {
		t.Errorf("reasons %v", reasons)
	}
}

func TestLongLine(t *testing.T) {
	long := `{"body":"` + strings.Repeat("x", MaxRecordBytes+10) + `"}` + "\n" + `{"body":"ok"}` + "\n"
	var n int
	var probs []Problem
	err := readJSONL(context.Background(), "big.jsonl", strings.NewReader(long), MaxRecordBytes, func(Record) error { n++; return nil },
		func(p Problem) { probs = append(probs, p) })
	if err != nil || n != 1 || len(probs) != 1 || probs[0].Reason != ReasonTooLarge || probs[0].Line != 1 {
		t.Errorf("n=%d probs=%v err=%v", n, probs, err)
	}
}

func FuzzParseJSON(f *testing.F) {
	f.Add([]byte(`{"id":"1","body":"聊城","date":"2023-03-30","lang":"zh"}`))
	f.Add([]byte(`{"body":"\u0000\ud800"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		a, p := ParseJSON(b)
		if p == nil && strings.TrimSpace(a.Body) == "" {
			t.Fatal("accepted an empty body")
		}
	})
}

func FuzzParseText(f *testing.F) {
	f.Add([]byte("title: a\ndate: 2023-01-02\n----\nbody"))
	f.Add([]byte(" date 2023-03-30 LIAOCHENG -- text"))
	f.Add([]byte("Home » x\n\nx\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		a, p := ParseText(b)
		if p == nil && (strings.TrimSpace(a.Body) == "" || a.Title == "") {
			t.Fatalf("accepted %q with empty body or title", b)
		}
	})
}
