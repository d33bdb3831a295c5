package extract

import (
	"math"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzParseAmounts checks that ParseAmounts never panics and that every
// figure is a well-formed span of its input with a finite, positive value.
// Seeds are in testdata/fuzz/FuzzParseAmounts.
func FuzzParseAmounts(f *testing.F) {
	for _, s := range []string{"总投资30亿元", "46.3 billion yuan ($6.95 billion)", "超千亿元", "US$300 million", "总投资１２．５亿元", "投资１，０００万元"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		last := 0
		start := time.Now()
		as := ParseAmounts(s)
		if d := time.Since(start); d > time.Second {
			t.Fatalf("ParseAmounts took %v on %d bytes", d, len(s))
		}
		for _, a := range as {
			if a.Start < last || a.Start >= a.End || a.End > len(s) {
				t.Fatalf("bad span %d:%d (previous end %d, len %d) for %q", a.Start, a.End, last, len(s), s)
			}
			last = a.End
			if s[a.Start:a.End] != a.Text {
				t.Fatalf("text %q is not span %q", a.Text, s[a.Start:a.End])
			}
			if !(a.Value > 0) || math.IsInf(a.Value, 0) || !(a.CNY > 0) || math.IsInf(a.CNY, 0) {
				t.Fatalf("bad value %+v for %q", a, s)
			}
			if _, ok := RateCNY(a.Currency); !ok {
				t.Fatalf("unknown currency %q", a.Currency)
			}
			switch a.Scope {
			case ScopeEvent, ScopeProject, ScopePhase, ScopeOther:
			default:
				t.Fatalf("bad scope %q", a.Scope)
			}
		}
	})
}

// FuzzFindDate checks that FindDate never panics and only returns dates in
// its range, written in the top window of the text.
func FuzzFindDate(f *testing.F) {
	for _, s := range []string{" date 2023-03-30 LIAOCHENG", "Oct. 31, 2023", "2023年3月30日", "Release date: 2022-08-22 09:01", "发布时间：２０２３－０３－３０"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := FindDate(s)
		if !ok {
			if !d.IsZero() {
				t.Fatalf("no date but %v", d)
			}
			return
		}
		if d.Year() < 1990 || d.Year() > 2100 {
			t.Fatalf("year %d out of range for %q", d.Year(), s)
		}
		_, sp, _ := findDate(s)
		if sp.start < 0 || sp.end > len(s) || sp.end > dateWindow || sp.start >= sp.end {
			t.Fatalf("bad span %+v for %q", sp, s)
		}
	})
}

// FuzzExtract checks that Extract never panics and that its evidence spans
// match their text.
func FuzzExtract(f *testing.F) {
	f.Add("聊城高新区签约项目", "由深圳华芯科技有限公司投资的项目落户聊城高新区，总投资12亿元。")
	f.Add("Liangjiang inks deals", "A total of 25 projects involving 46.3 billion yuan ($6.95 billion) were signed in Liangjiang New Area, Chongqing.")
	e, err := New(mustGaz())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, title, body string) {
		if !utf8.ValidString(title) || !utf8.ValidString(body) {
			title, body = strings.ToValidUTF8(title, ""), strings.ToValidUTF8(body, "")
		}
		r := e.Extract(title, body)
		checkEvidenceSpans(t, r, title, body)
		if r.Lang != "zh" && r.Lang != "en" {
			t.Fatalf("lang %q", r.Lang)
		}
	})
}
