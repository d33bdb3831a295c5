package metrics

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// ContentType is the media type of the text exposition format.
const ContentType = "text/plain; version=0.0.4; charset=utf-8"

// DefaultBuckets are upper bounds in seconds suited to request latencies,
// from one millisecond to ten seconds.
var DefaultBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

var (
	metricName = regexp.MustCompile(`^[a-zA-Z_:][a-zA-Z0-9_:]*$`)
	labelName  = regexp.MustCompile(`^[a-zA-Z_][a-zA-Z0-9_]*$`)
)

// family is one named metric with all its series.
type family interface {
	name() string
	write(w *bufio.Writer)
}

// Registry holds metric families and writes them all. The zero value is not
// usable; call NewRegistry.
type Registry struct {
	mu       sync.Mutex
	families map[string]family
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry {
	return &Registry{families: map[string]family{}}
}

func (r *Registry) register(f family) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, dup := r.families[f.name()]; dup {
		panic(fmt.Sprintf("metrics: %s registered twice", f.name()))
	}
	r.families[f.name()] = f
}

// WriteText writes every family, sorted by name, in the text exposition
// format.
func (r *Registry) WriteText(w io.Writer) error {
	r.mu.Lock()
	fams := make([]family, 0, len(r.families))
	for _, f := range r.families {
		fams = append(fams, f)
	}
	r.mu.Unlock()
	sort.Slice(fams, func(i, j int) bool { return fams[i].name() < fams[j].name() })
	bw := bufio.NewWriter(w)
	for _, f := range fams {
		f.write(bw)
	}
	return bw.Flush()
}

// ServeHTTP answers with every metric in the text exposition format.
func (r *Registry) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", ContentType)
	w.Header().Set("Cache-Control", "no-store")
	_ = r.WriteText(w) // a write error means the client went away
}

// desc is what every family has: a name, a help text and label names.
type desc struct {
	fname  string
	help   string
	kind   string
	labels []string
}

func newDesc(name, help, kind string, labels []string) desc {
	if !metricName.MatchString(name) {
		panic(fmt.Sprintf("metrics: invalid metric name %q", name))
	}
	seen := map[string]bool{}
	for _, l := range labels {
		if !labelName.MatchString(l) || strings.HasPrefix(l, "__") || l == "le" || seen[l] {
			panic(fmt.Sprintf("metrics: invalid or repeated label name %q for %s", l, name))
		}
		seen[l] = true
	}
	return desc{fname: name, help: help, kind: kind, labels: append([]string(nil), labels...)}
}

func (d desc) name() string { return d.fname }

func (d desc) header(w *bufio.Writer) {
	fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s %s\n", d.fname, escapeHelp(d.help), d.fname, d.kind)
}

// labelPairs renders {a="x",b="y"} for the family's label names and values,
// plus an optional extra pair (le for histogram buckets).
func (d desc) labelPairs(values []string, extraName, extraValue string) string {
	if len(d.labels) == 0 && extraName == "" {
		return ""
	}
	var b strings.Builder
	b.WriteByte('{')
	for i, l := range d.labels {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(l)
		b.WriteString(`="`)
		b.WriteString(escapeLabel(values[i]))
		b.WriteByte('"')
	}
	if extraName != "" {
		if len(d.labels) > 0 {
			b.WriteByte(',')
		}
		b.WriteString(extraName)
		b.WriteString(`="`)
		b.WriteString(extraValue)
		b.WriteByte('"')
	}
	b.WriteByte('}')
	return b.String()
}

// key joins label values into a map key; 0xff cannot occur in UTF-8.
func key(values []string) string { return strings.Join(values, "\xff") }

func escapeHelp(s string) string {
	return strings.NewReplacer(`\`, `\\`, "\n", `\n`).Replace(s)
}

func escapeLabel(s string) string {
	return strings.NewReplacer(`\`, `\\`, "\n", `\n`, `"`, `\"`).Replace(s)
}

func formatFloat(v float64) string {
	switch {
	case math.IsInf(v, 1):
		return "+Inf"
	case math.IsInf(v, -1):
		return "-Inf"
	case math.IsNaN(v):
		return "NaN"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// sortedKeys returns the keys of m in order, so that output is stable.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// scalars holds the series of a counter or gauge family: one float64 per
// set of label values.
type scalars struct {
	desc
	mu     sync.Mutex
	series map[string]*counterSeries
}

type counterSeries struct {
	values []string
	v      float64
}

func newScalars(name, help, kind string, labels []string) scalars {
	return scalars{desc: newDesc(name, help, kind, labels), series: map[string]*counterSeries{}}
}

// update sets the series with the given label values to f of its old value,
// creating it at 0. A wrong number of values is ignored.
func (s *scalars) update(values []string, f func(float64) float64) {
	if len(values) != len(s.labels) {
		return
	}
	k := key(values)
	s.mu.Lock()
	cs, ok := s.series[k]
	if !ok {
		cs = &counterSeries{values: append([]string(nil), values...)}
		s.series[k] = cs
	}
	cs.v = f(cs.v)
	s.mu.Unlock()
}

// Value returns the current value of the series with the given label
// values, 0 when it does not exist yet.
func (s *scalars) Value(values ...string) float64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if cs, ok := s.series[key(values)]; ok {
		return cs.v
	}
	return 0
}

func (s *scalars) write(w *bufio.Writer) {
	s.header(w)
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, k := range sortedKeys(s.series) {
		cs := s.series[k]
		fmt.Fprintf(w, "%s%s %s\n", s.fname, s.labelPairs(cs.values, "", ""), formatFloat(cs.v))
	}
}

// Counter is a family of monotonically increasing values.
type Counter struct{ scalars }

// NewCounter registers a counter family with the given label names.
func (r *Registry) NewCounter(name, help string, labels ...string) *Counter {
	c := &Counter{newScalars(name, help, "counter", labels)}
	r.register(c)
	return c
}

// Inc adds one to the series with the given label values.
func (c *Counter) Inc(values ...string) { c.Add(1, values...) }

// Add adds v, which must not be negative, to the series with the given
// label values. A negative v or a wrong number of values is ignored.
func (c *Counter) Add(v float64, values ...string) {
	if v < 0 {
		return
	}
	c.update(values, func(old float64) float64 { return old + v })
}

// Gauge is a family of values that go up and down.
type Gauge struct{ scalars }

// NewGauge registers a gauge family with the given label names.
func (r *Registry) NewGauge(name, help string, labels ...string) *Gauge {
	g := &Gauge{newScalars(name, help, "gauge", labels)}
	r.register(g)
	return g
}

// Set sets the series with the given label values to v. A wrong number of
// values is ignored.
func (g *Gauge) Set(v float64, values ...string) {
	g.update(values, func(float64) float64 { return v })
}

// Add adds v (which may be negative) to the series with the given label
// values.
func (g *Gauge) Add(v float64, values ...string) {
	g.update(values, func(old float64) float64 { return old + v })
}

// gaugeFunc is a gauge without labels whose value is computed when the
// metrics are written.
type gaugeFunc struct {
	desc
	f func() (float64, error)
}

// NewGaugeFunc registers a gauge without labels whose value f computes each
// time the metrics are written. When f fails, the gauge is left out of that
// scrape rather than reported as a false value.
func (r *Registry) NewGaugeFunc(name, help string, f func() (float64, error)) {
	r.register(&gaugeFunc{desc: newDesc(name, help, "gauge", nil), f: f})
}

// NewCounterFunc registers a counter without labels whose value f computes
// each time the metrics are written, for totals another package keeps.
func (r *Registry) NewCounterFunc(name, help string, f func() (float64, error)) {
	r.register(&gaugeFunc{desc: newDesc(name, help, "counter", nil), f: f})
}

func (g *gaugeFunc) write(w *bufio.Writer) {
	v, err := g.f()
	if err != nil {
		return
	}
	g.header(w)
	fmt.Fprintf(w, "%s %s\n", g.fname, formatFloat(v))
}

// Histogram is a family of distributions counted in fixed buckets.
type Histogram struct {
	desc
	buckets []float64 // sorted upper bounds, without +Inf
	mu      sync.Mutex
	series  map[string]*histogramSeries
}

type histogramSeries struct {
	values []string
	counts []uint64 // per bucket, not cumulative; the last is +Inf
	sum    float64
	count  uint64
}

// NewHistogram registers a histogram family with the given bucket upper
// bounds (nil means DefaultBuckets) and label names.
func (r *Registry) NewHistogram(name, help string, buckets []float64, labels ...string) *Histogram {
	if buckets == nil {
		buckets = DefaultBuckets
	}
	b := append([]float64(nil), buckets...)
	sort.Float64s(b)
	for i := range b {
		if math.IsNaN(b[i]) || math.IsInf(b[i], 0) || (i > 0 && b[i] == b[i-1]) {
			panic(fmt.Sprintf("metrics: bad buckets %v for %s", buckets, name))
		}
	}
	h := &Histogram{desc: newDesc(name, help, "histogram", labels), buckets: b, series: map[string]*histogramSeries{}}
	r.register(h)
	return h
}

// Observe adds v to the series with the given label values. A NaN or a
// wrong number of values is ignored.
func (h *Histogram) Observe(v float64, values ...string) {
	if math.IsNaN(v) || len(values) != len(h.labels) {
		return
	}
	i := sort.SearchFloat64s(h.buckets, v) // first bound >= v
	k := key(values)
	h.mu.Lock()
	s, ok := h.series[k]
	if !ok {
		s = &histogramSeries{values: append([]string(nil), values...), counts: make([]uint64, len(h.buckets)+1)}
		h.series[k] = s
	}
	s.counts[i]++
	s.sum += v
	s.count++
	h.mu.Unlock()
}

// Count returns how many values the series with the given label values has
// observed.
func (h *Histogram) Count(values ...string) uint64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	if s, ok := h.series[key(values)]; ok {
		return s.count
	}
	return 0
}

func (h *Histogram) write(w *bufio.Writer) {
	h.header(w)
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, k := range sortedKeys(h.series) {
		s := h.series[k]
		var cum uint64
		for i, bound := range h.buckets {
			cum += s.counts[i]
			fmt.Fprintf(w, "%s_bucket%s %d\n", h.fname, h.labelPairs(s.values, "le", formatFloat(bound)), cum)
		}
		cum += s.counts[len(h.buckets)]
		fmt.Fprintf(w, "%s_bucket%s %d\n", h.fname, h.labelPairs(s.values, "le", "+Inf"), cum)
		fmt.Fprintf(w, "%s_sum%s %s\n", h.fname, h.labelPairs(s.values, "", ""), formatFloat(s.sum))
		fmt.Fprintf(w, "%s_count%s %d\n", h.fname, h.labelPairs(s.values, "", ""), s.count)
	}
}
