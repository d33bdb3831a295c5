// Package progress shows how far a long run has come: documents and bytes
// done, their rates and, when the total size is known, the percentage and
// the time left.
//
// A Meter draws in one of two ways. On a terminal (Live) it redraws a single
// line in place and keeps it below any other message written through the
// Meter. Elsewhere (a log file, a pipe, CI) it writes one plain line per
// interval, so logs stay readable. Rates are averages since the start: they
// settle quickly and give a steady ETA.
//
// A Meter takes its clock from Options.Now, so tests drive it with a fake
// clock and a buffer.
package progress

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"
)

// Options configure a Meter. The zero value writes plain lines every
// DefaultInterval with the real clock and no known total.
type Options struct {
	// Total is the expected number of bytes, or 0 when unknown (standard
	// input). With a total, lines show a percentage and an ETA.
	Total int64
	// Live redraws one line in place (for a terminal) instead of writing a
	// line per interval.
	Live bool
	// Interval is the time between plain lines; 0 means DefaultInterval.
	// A live line is redrawn every LiveInterval whatever Interval says.
	Interval time.Duration
	// Width is the terminal width for a live line; 0 means 80.
	Width int
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// DefaultInterval is the time between plain progress lines.
const DefaultInterval = 5 * time.Second

// LiveInterval is the time between redraws of a live line.
const LiveInterval = 200 * time.Millisecond

// Meter counts documents and bytes and draws progress. It is safe for
// concurrent use.
type Meter struct {
	mu       sync.Mutex
	w        io.Writer
	opts     Options
	start    time.Time
	last     time.Time // last draw
	docs     int64
	bytes    int64
	shown    bool // a live line is on screen
	finished bool
}

// New returns a Meter writing to w, started now.
func New(w io.Writer, opts Options) *Meter {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Interval <= 0 {
		opts.Interval = DefaultInterval
	}
	if opts.Live {
		opts.Interval = LiveInterval
	}
	if opts.Width <= 0 {
		opts.Width = 80
	}
	now := opts.Now()
	return &Meter{w: w, opts: opts, start: now, last: now}
}

// Add counts docs more documents and n more bytes. It does not draw; see
// Tick.
func (m *Meter) Add(docs int, n int64) {
	m.mu.Lock()
	m.docs += int64(docs)
	m.bytes += n
	m.mu.Unlock()
}

// Tick draws the progress when an interval has passed since the last draw.
// Call it often (Start does, from a goroutine); it is cheap when there is
// nothing to draw.
func (m *Meter) Tick() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.finished {
		return
	}
	now := m.opts.Now()
	if now.Sub(m.last) < m.opts.Interval {
		return
	}
	m.last = now
	m.draw(now)
}

// Start calls Tick every LiveInterval until the returned function is called.
// The returned function waits for the goroutine to end.
func (m *Meter) Start() (stop func()) {
	done := make(chan struct{})
	exited := make(chan struct{})
	go func() {
		defer close(exited)
		t := time.NewTicker(LiveInterval)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				m.Tick()
			case <-done:
				return
			}
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() { close(done) })
		<-exited
	}
}

// Write writes p above the live line: the line is cleared, p is written and
// the line is drawn again. Without a live line it writes p as it is. Send
// every message through the Meter while it is live, so that messages and the
// progress line do not mix.
func (m *Meter) Write(p []byte) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.shown {
		return m.w.Write(p)
	}
	if _, err := io.WriteString(m.w, clearLine); err != nil {
		return 0, err
	}
	n, err := m.w.Write(p)
	if err != nil {
		return n, err
	}
	m.draw(m.opts.Now())
	return n, nil
}

// Finish stops drawing and clears a live line, so that a summary can take
// its place. Later Ticks draw nothing; Writes go straight through.
func (m *Meter) Finish() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.finished = true
	if m.shown {
		io.WriteString(m.w, clearLine)
		m.shown = false
	}
}

// clearLine moves to the start of the line and erases it.
const clearLine = "\r\x1b[K"

// Snapshot is the state of a Meter at one moment.
type Snapshot struct {
	Docs    int64
	Bytes   int64
	Total   int64 // 0 when unknown
	Elapsed time.Duration
}

// DocsPerSec is the average document rate.
func (s Snapshot) DocsPerSec() float64 { return float64(s.Docs) / max(s.Elapsed.Seconds(), 1e-9) }

// MBPerSec is the average rate in megabytes (10⁶ bytes) per second.
func (s Snapshot) MBPerSec() float64 { return float64(s.Bytes) / 1e6 / max(s.Elapsed.Seconds(), 1e-9) }

// Fraction is the part of Total done, between 0 and 1, and false when the
// total is unknown.
func (s Snapshot) Fraction() (float64, bool) {
	if s.Total <= 0 {
		return 0, false
	}
	return min(float64(s.Bytes)/float64(s.Total), 1), true
}

// ETA is the time left at the average rate, and false when it cannot be
// told (no total, or nothing done yet).
func (s Snapshot) ETA() (time.Duration, bool) {
	if s.Total <= 0 || s.Bytes <= 0 || s.Elapsed <= 0 {
		return 0, false
	}
	left := max(s.Total-s.Bytes, 0)
	return time.Duration(float64(s.Elapsed) * float64(left) / float64(s.Bytes)), true
}

// Snapshot returns the current counts.
func (m *Meter) Snapshot() Snapshot {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.snapshot(m.opts.Now())
}

func (m *Meter) snapshot(now time.Time) Snapshot {
	return Snapshot{Docs: m.docs, Bytes: m.bytes, Total: m.opts.Total, Elapsed: now.Sub(m.start)}
}

// draw writes the progress; m.mu is held.
func (m *Meter) draw(now time.Time) {
	s := m.snapshot(now)
	if m.opts.Live {
		line := LiveLine(s, m.opts.Width)
		io.WriteString(m.w, "\r"+line+"\x1b[K")
		m.shown = true
		return
	}
	io.WriteString(m.w, LogLine(s)+"\n")
}

// LogLine formats a snapshot as a plain log line:
//
//	progress: 1200 documents, 3.4 MB of 10.0 MB (34%), 240 docs/s, 0.68 MB/s, ETA 9s
func LogLine(s Snapshot) string {
	var b strings.Builder
	fmt.Fprintf(&b, "progress: %d documents, %.1f MB", s.Docs, float64(s.Bytes)/1e6)
	if f, ok := s.Fraction(); ok {
		fmt.Fprintf(&b, " of %.1f MB (%d%%)", float64(s.Total)/1e6, int(f*100))
	}
	fmt.Fprintf(&b, ", %.0f docs/s, %.2f MB/s", s.DocsPerSec(), s.MBPerSec())
	if eta, ok := s.ETA(); ok {
		fmt.Fprintf(&b, ", ETA %s", FormatDuration(eta))
	}
	return b.String()
}

// LiveLine formats a snapshot as a progress bar of at most width columns
// (all its characters are one column wide):
//
//	[#######.............]  34%  1200 docs  3.4/10.0 MB  240 docs/s  0.68 MB/s  ETA 9s
//
// Without a total there is no bar, percentage or ETA.
func LiveLine(s Snapshot, width int) string {
	var b strings.Builder
	if f, ok := s.Fraction(); ok {
		const barWidth = 20
		full := int(f * barWidth)
		fmt.Fprintf(&b, "[%s%s] %3d%%  %d docs  %.1f/%.1f MB", strings.Repeat("#", full),
			strings.Repeat(".", barWidth-full), int(f*100), s.Docs, float64(s.Bytes)/1e6, float64(s.Total)/1e6)
	} else {
		fmt.Fprintf(&b, "%d docs  %.1f MB", s.Docs, float64(s.Bytes)/1e6)
	}
	fmt.Fprintf(&b, "  %.0f docs/s  %.2f MB/s", s.DocsPerSec(), s.MBPerSec())
	if eta, ok := s.ETA(); ok {
		fmt.Fprintf(&b, "  ETA %s", FormatDuration(eta))
	}
	line := b.String()
	if width > 1 && len(line) > width-1 {
		line = line[:width-1] // the last column stays free so the terminal never wraps
	}
	return line
}

// FormatDuration rounds d for display: 9s, 2m05s, 1h02m.
func FormatDuration(d time.Duration) string {
	d = d.Round(time.Second)
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
	default:
		d = d.Round(time.Minute)
		return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
	}
}

// Terminal reports whether w is a terminal, and its width in columns (0
// when unknown).
func Terminal(w io.Writer) (bool, int) {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return false, 0
	}
	width, _, err := term.GetSize(int(f.Fd()))
	if err != nil {
		return true, 0
	}
	return true, width
}
