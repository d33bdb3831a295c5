package index

import (
	"fmt"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
)

func TestDedupCacheRoundTrip(t *testing.T) {
	amount := 8.5e9
	sig := signText(zhStory)
	tests := []struct {
		name string
		info dedupInfo
		sig  signature
	}{
		{"full", dedupInfo{Text: "0123456789abcdef01234567", Sig: sig.encode(), Nums: []string{"12", "2023", "85"},
			Amount: &amount, Place: "371500", Cluster: "wire", Inputs: map[string]string{"wire": "h1", "dup": "h2"}}, sig},
		{"short text", dedupInfo{Text: "abc", Cluster: "c~abc", Inputs: map[string]string{"x": "h"}}, signature{shingles: 3}},
		{"no dedup", dedupInfo{Cluster: "x", Inputs: map[string]string{"x": "h"}}, signature{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := compactDedup(&tt.info, tt.sig, "h")
			st := c.state("id")
			if !reflect.DeepEqual(st.info, tt.info) {
				t.Errorf("info = %+v, want %+v", st.info, tt.info)
			}
			if st.sig.encode() != tt.sig.encode() || st.hash != "h" || !st.stored || st.bodyOf != "id" {
				t.Errorf("state = %+v", st)
			}
			// The overlay changes its states; the cache must not see it.
			st.info.Inputs["new"] = "h3"
			if again := c.state("id"); again.info.Inputs["new"] != "" || tt.info.Inputs["new"] != "" {
				t.Error("state shares its inputs with the cache")
			}
		})
	}
}

func TestDedupCacheBound(t *testing.T) {
	dc := newDedupCache(100)
	c := compactDedup(&dedupInfo{Cluster: "c", Inputs: map[string]string{}}, signature{}, "")
	for i := range 1000 {
		dc.put(fmt.Sprint(i), c)
		if len(dc.docs) > 100 {
			t.Fatalf("%d documents cached, bound 100", len(dc.docs))
		}
	}
	if dc.get("999") == nil {
		t.Error("the last document put is not cached")
	}
	wb := newWrittenBatch()
	wb.delete("999")
	dc.apply(wb)
	if dc.get("999") != nil {
		t.Error("a deleted document is still cached")
	}
}

// TestDedupCacheMemory reports the memory a cached document takes, for a
// report of a typical length (defaultDedupCacheDocs assumes about 600 bytes).
func TestDedupCacheMemory(t *testing.T) {
	const n = 20000
	d := &Document{ID: "wire", Title: "t", Body: zhStory}
	k := computeDedupKeys(d)
	amount := 8.5e9
	dc := newDedupCache(n)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for i := range n {
		id := fmt.Sprintf("report-%016x", i)
		info := dedupInfo{Text: string([]byte(k.text)), Nums: k.nums, Amount: &amount, Place: "371500",
			Cluster: id, Inputs: map[string]string{id: fmt.Sprintf("%024x", i)}}
		dc.put(id, compactDedup(&info, k.sig, info.Inputs[id]))
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	per := float64(after.HeapAlloc-before.HeapAlloc) / n
	t.Logf("%.0f bytes per cached document", per)
	if per > 1000 {
		t.Errorf("%.0f bytes per cached document, want at most 1000", per)
	}
	runtime.KeepAlive(dc)
}

// TestDedupCacheEviction indexes the duplicate articles with caches so
// small that reading a batch's candidates from the index drops others the
// same decision needs: the index must be the one a large cache gives. (A
// 1M-report run failed with "dedup state not found" once its cache was
// full: the states of cached candidates were looked up again after reading
// the missing ones had evicted them.)
func TestDedupCacheEviction(t *testing.T) {
	arts := slices.Clone(dedupArticles)
	// Reprints of the wire story, each with its own closing line: every
	// batch's candidates are the earlier ones, some cached and some not.
	for i := range 12 {
		a := dedupArticles[0]
		a.ID, a.URL = "", fmt.Sprintf("https://reprint.example/%d", i)
		a.Body += fmt.Sprintf("\n（来源：第%d家网站）", i+1)
		arts = append(arts, a)
	}
	for _, size := range []int{2, 5} {
		want := indexState(t, arts, size, true, 0)
		for _, docs := range []int{1, 2, 3} {
			t.Run(fmt.Sprintf("batch %d cache %d", size, docs), func(t *testing.T) {
				if got := indexState(t, arts, size, false, docs); !reflect.DeepEqual(got, want) {
					t.Errorf("cache of %d:\n%s\nwant:\n%s", docs, strings.Join(got, "\n"), strings.Join(want, "\n"))
				}
			})
		}
	}
}
