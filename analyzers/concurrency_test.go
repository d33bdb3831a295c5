package analyzers_test

import (
	"fmt"
	"reflect"
	"sync"
	"testing"

	"github.com/investnews/regionsearch/analyzers"
)

// TestConcurrentAnalyze runs many goroutines through one analyzer and the
// package functions at once; run it with -race. Every result must equal the
// sequential one.
func TestConcurrentAnalyze(t *testing.T) {
	a := newAnalyzer(t)
	texts := []string{
		"山东聊城高新区签约碳化硅芯片项目，总投资1.2亿元。",
		"重慶兩江新區光掩膜項目開工",
		"Liaocheng's SiC fab: 5G, 3DIC and 1,200 tons of wafers.",
		"江阴开发区\x00\xff南湖高新区 ＡＩ芯片",
	}
	want := make([]string, len(texts))
	for i, s := range texts {
		want[i] = dump(a.Analyze([]byte(s)))
	}
	wantSeg := analyzers.Segment(texts[0])
	const workers = 32
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				k := (w + i) % len(texts)
				if got := dump(a.Analyze([]byte(texts[k]))); got != want[k] {
					errs <- fmt.Errorf("worker %d: text %d: got\n%s", w, k, got)
					return
				}
				if got := analyzers.Segment(texts[0]); !reflect.DeepEqual(got, wantSeg) {
					errs <- fmt.Errorf("worker %d: Segment = %q", w, got)
					return
				}
				if got := analyzers.Expand("聊城"); len(got) == 0 {
					errs <- fmt.Errorf("worker %d: Expand empty", w)
					return
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
