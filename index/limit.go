package index

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// Default limits on concurrent searches; see SetSearchLimit.
var (
	DefaultMaxSearches = 4 * runtime.GOMAXPROCS(0)
	DefaultSearchWait  = time.Second
)

// searchState is what Search keeps between calls. Its zero value is ready:
// the limiter is made on first use.
type searchState struct {
	mu    sync.Mutex
	slots chan struct{}
	wait  time.Duration

	exportFirst, exportMax int // export batch sizes; see SetExportBatch

	cols      atomic.Pointer[colSet] // facet columns of the latest snapshot seen
	building  atomic.Bool            // a background build of columns runs
	noColumns atomic.Bool            // search without columns (tests compare)
	cacheAll  bool                   // tests: cache passes of any size

	passCacheBytes atomic.Int64 // see SetPassCache
	passCacheSet   atomic.Bool  // SetPassCache was called

	tf      tfCache     // term-frequency arrays of the native pass (tfcache.go)
	warming atomic.Bool // tf.prewarm runs
}

// SetSearchLimit bounds the searches (and export batches) that run at once
// to n. A search over the limit waits up to wait for a slot, then fails with
// KindUnavailable, so an overloaded server answers 503 quickly instead of
// queueing without end. It is meant to be called before serving; searches
// already running keep the slots they hold.
func (ix *Index) SetSearchLimit(n int, wait time.Duration) {
	ix.search.mu.Lock()
	defer ix.search.mu.Unlock()
	ix.search.slots = make(chan struct{}, max(n, 1))
	ix.search.wait = wait
}

// acquire takes a search slot, waiting up to the configured time; the
// returned func gives it back.
func (s *searchState) acquire(ctx context.Context) (func(), error) {
	s.mu.Lock()
	if s.slots == nil {
		s.slots = make(chan struct{}, max(DefaultMaxSearches, 1))
		s.wait = DefaultSearchWait
	}
	slots, wait := s.slots, s.wait
	s.mu.Unlock()
	release := func() { <-slots }
	select {
	case slots <- struct{}{}:
		return release, nil
	default:
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case slots <- struct{}{}:
		return release, nil
	case <-ctx.Done():
		return nil, searchError(ctx.Err())
	case <-t.C:
		return nil, Errorf(KindUnavailable, "too many searches at once; retry in a moment")
	}
}
