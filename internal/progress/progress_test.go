package progress

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"
	"time"
)

// fakeClock is a clock the test moves by hand.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

func TestLines(t *testing.T) {
	tests := []struct {
		name     string
		s        Snapshot
		width    int
		wantLog  string
		wantLive string
	}{
		{
			name:     "known total",
			s:        Snapshot{Docs: 1200, Bytes: 3_400_000, Total: 10_000_000, Elapsed: 5 * time.Second},
			width:    120,
			wantLog:  "progress: 1200 documents, 3.4 MB of 10.0 MB (34%), 240 docs/s, 0.68 MB/s, ETA 10s",
			wantLive: "[######..............]  34%  1200 docs  3.4/10.0 MB  240 docs/s  0.68 MB/s  ETA 10s",
		},
		{
			name:     "unknown total (standard input)",
			s:        Snapshot{Docs: 50, Bytes: 100_000, Elapsed: 2 * time.Second},
			width:    80,
			wantLog:  "progress: 50 documents, 0.1 MB, 25 docs/s, 0.05 MB/s",
			wantLive: "50 docs  0.1 MB  25 docs/s  0.05 MB/s",
		},
		{
			name:     "nothing done yet",
			s:        Snapshot{Total: 1_000_000},
			width:    80,
			wantLog:  "progress: 0 documents, 0.0 MB of 1.0 MB (0%), 0 docs/s, 0.00 MB/s",
			wantLive: "[....................]   0%  0 docs  0.0/1.0 MB  0 docs/s  0.00 MB/s",
		},
		{
			name:     "more read than the files held is 100%",
			s:        Snapshot{Docs: 10, Bytes: 2_000_000, Total: 1_000_000, Elapsed: time.Second},
			width:    200,
			wantLog:  "progress: 10 documents, 2.0 MB of 1.0 MB (100%), 10 docs/s, 2.00 MB/s, ETA 0s",
			wantLive: "[####################] 100%  10 docs  2.0/1.0 MB  10 docs/s  2.00 MB/s  ETA 0s",
		},
		{
			name:     "narrow terminal truncates",
			s:        Snapshot{Docs: 1200, Bytes: 3_400_000, Total: 10_000_000, Elapsed: 5 * time.Second},
			width:    30,
			wantLog:  "progress: 1200 documents, 3.4 MB of 10.0 MB (34%), 240 docs/s, 0.68 MB/s, ETA 10s",
			wantLive: "[######..............]  34%  ",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LogLine(tt.s); got != tt.wantLog {
				t.Errorf("LogLine:\n got %q\nwant %q", got, tt.wantLog)
			}
			if got := LiveLine(tt.s, tt.width); got != tt.wantLive {
				t.Errorf("LiveLine:\n got %q\nwant %q", got, tt.wantLive)
			}
		})
	}
}

func TestFormatDuration(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{0, "0s"},
		{1499 * time.Millisecond, "1s"},
		{59 * time.Second, "59s"},
		{125 * time.Second, "2m05s"},
		{time.Hour + 2*time.Minute + 40*time.Second, "1h03m"},
		{30 * time.Hour, "30h00m"},
	}
	for _, tt := range tests {
		if got := FormatDuration(tt.d); got != tt.want {
			t.Errorf("FormatDuration(%s) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

// TestMeterPlain checks that a Meter off a terminal writes one line per
// interval and nothing in between.
func TestMeterPlain(t *testing.T) {
	clock := &fakeClock{t: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	var out bytes.Buffer
	m := New(&out, Options{Total: 4_000_000, Interval: 5 * time.Second, Now: clock.now})

	steps := []struct {
		advance time.Duration
		docs    int
		bytes   int64
		want    string // what Tick writes
	}{
		{time.Second, 100, 1_000_000, ""},
		{4 * time.Second, 100, 1_000_000, "progress: 200 documents, 2.0 MB of 4.0 MB (50%), 40 docs/s, 0.40 MB/s, ETA 5s\n"},
		{time.Second, 100, 1_000_000, ""},
		{4 * time.Second, 0, 0, "progress: 300 documents, 3.0 MB of 4.0 MB (75%), 30 docs/s, 0.30 MB/s, ETA 3s\n"},
	}
	for i, st := range steps {
		clock.advance(st.advance)
		m.Add(st.docs, st.bytes)
		out.Reset()
		m.Tick()
		if out.String() != st.want {
			t.Errorf("step %d: Tick wrote %q, want %q", i, out.String(), st.want)
		}
	}
	out.Reset()
	m.Write([]byte("skip a.jsonl:3: missing body\n"))
	m.Finish()
	clock.advance(time.Minute)
	m.Tick()
	if want := "skip a.jsonl:3: missing body\n"; out.String() != want {
		t.Errorf("after Finish: %q, want %q", out.String(), want)
	}
}

// TestMeterLive checks that a live Meter redraws one line in place, keeps
// messages above it and clears it on Finish.
func TestMeterLive(t *testing.T) {
	clock := &fakeClock{t: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	var out bytes.Buffer
	m := New(&out, Options{Live: true, Interval: time.Hour, Width: 100, Now: clock.now})

	m.Add(10, 1_000_000)
	m.Tick() // no time has passed
	if out.Len() != 0 {
		t.Fatalf("Tick before the interval wrote %q", out.String())
	}
	clock.advance(LiveInterval) // the live interval wins over Options.Interval
	m.Tick()
	const line1 = "\r10 docs  1.0 MB  50 docs/s  5.00 MB/s\x1b[K"
	if out.String() != line1 {
		t.Fatalf("first draw %q, want %q", out.String(), line1)
	}

	out.Reset()
	clock.advance(LiveInterval)
	m.Add(10, 1_000_000)
	m.Write([]byte("skip b.txt: missing body\n"))
	const line2 = "\r20 docs  2.0 MB  50 docs/s  5.00 MB/s\x1b[K"
	if want := "\r\x1b[Kskip b.txt: missing body\n" + line2; out.String() != want {
		t.Errorf("message under a live line:\n got %q\nwant %q", out.String(), want)
	}

	out.Reset()
	m.Finish()
	if out.String() != "\r\x1b[K" {
		t.Errorf("Finish wrote %q, want the line cleared", out.String())
	}
	out.Reset()
	m.Write([]byte("summary\n"))
	if out.String() != "summary\n" {
		t.Errorf("write after Finish: %q", out.String())
	}
	if s := m.Snapshot(); s.Docs != 20 || s.Bytes != 2_000_000 {
		t.Errorf("snapshot %+v", s)
	}
}

// drawWriter passes every write to a channel, so that the test sees the
// ticking goroutine draw without sharing a buffer with it.
type drawWriter chan string

func (w drawWriter) Write(p []byte) (int, error) {
	w <- string(p)
	return len(p), nil
}

// TestMeterStart checks that the ticking goroutine draws and stops.
func TestMeterStart(t *testing.T) {
	draws := make(drawWriter, 100)
	m := New(draws, Options{Live: true})
	m.Add(1, 10)
	stop := m.Start()
	select {
	case got := <-draws:
		if !strings.Contains(got, "1 docs") {
			t.Errorf("Start drew %q", got)
		}
	case <-time.After(5 * time.Second):
		t.Error("Start never drew")
	}
	stop()
	stop() // idempotent
}

// TestTerminal checks that files, the null device and buffers are not taken
// for terminals (a character device such as /dev/null would fool a
// ModeCharDevice test).
func TestTerminal(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	for _, w := range []io.Writer{f, null, &bytes.Buffer{}} {
		if ok, _ := Terminal(w); ok {
			t.Errorf("%v is not a terminal", w)
		}
	}
}
