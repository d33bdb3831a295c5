package metrics

import (
	"bytes"
	"errors"
	"os"
	"runtime"
	"strconv"
	"sync"
	"time"
)

// RegisterRuntime registers the Go runtime and process gauges that an
// operator watches for leaks: goroutines, heap, memory obtained from the
// OS, resident memory, open file descriptors and the start time. The
// process_ gauges read /proc and are left out where it does not exist.
func RegisterRuntime(r *Registry) {
	start := float64(time.Now().Unix())
	ms := &memStats{}
	r.NewGaugeFunc("go_goroutines", "Number of goroutines that currently exist.", func() (float64, error) {
		return float64(runtime.NumGoroutine()), nil
	})
	r.NewGaugeFunc("go_memstats_heap_inuse_bytes", "Bytes in in-use heap spans.", func() (float64, error) {
		return float64(ms.read().HeapInuse), nil
	})
	r.NewGaugeFunc("go_memstats_heap_alloc_bytes", "Bytes of allocated heap objects.", func() (float64, error) {
		return float64(ms.read().HeapAlloc), nil
	})
	r.NewGaugeFunc("go_memstats_sys_bytes", "Bytes of memory obtained from the OS.", func() (float64, error) {
		return float64(ms.read().Sys), nil
	})
	r.NewCounterFunc("go_gc_cycles_total", "Completed GC cycles.", func() (float64, error) {
		return float64(ms.read().NumGC), nil
	})
	r.NewGaugeFunc("process_resident_memory_bytes", "Resident memory size in bytes.", residentBytes)
	r.NewGaugeFunc("process_open_fds", "Number of open file descriptors.", func() (float64, error) {
		ents, err := os.ReadDir("/proc/self/fd")
		return float64(len(ents)), err
	})
	r.NewGaugeFunc("process_start_time_seconds", "Start time of the process since the Unix epoch in seconds.", func() (float64, error) {
		return start, nil
	})
}

// memStats caches runtime.ReadMemStats for a second, so that one scrape
// reads it once rather than once per gauge.
type memStats struct {
	mu   sync.Mutex
	at   time.Time
	stat runtime.MemStats
}

func (m *memStats) read() *runtime.MemStats {
	m.mu.Lock()
	defer m.mu.Unlock()
	if time.Since(m.at) > time.Second {
		runtime.ReadMemStats(&m.stat)
		m.at = time.Now()
	}
	s := m.stat
	return &s
}

// residentBytes reads the VmRSS line of /proc/self/status.
func residentBytes() (float64, error) {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, err
	}
	return ParseVmRSS(raw)
}

// ParseVmRSS returns the resident set size in bytes from the contents of a
// Linux /proc/PID/status file.
func ParseVmRSS(status []byte) (float64, error) {
	for _, line := range bytes.Split(status, []byte("\n")) {
		rest, ok := bytes.CutPrefix(line, []byte("VmRSS:"))
		if !ok {
			continue
		}
		f := bytes.Fields(rest)
		if len(f) == 0 {
			break
		}
		kb, err := strconv.ParseFloat(string(f[0]), 64)
		if err != nil {
			return 0, err
		}
		return kb * 1024, nil
	}
	return 0, errors.New("no VmRSS line in status")
}
