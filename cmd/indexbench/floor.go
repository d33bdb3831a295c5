package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	_ "github.com/blevesearch/bleve/v2/analysis/analyzer/custom" // the "custom" analyzer type
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/yanyiwu/gojieba"
)

// The bleve floor: what bleve alone costs to index the corpus's words with
// the least any search needs: one text field, nothing stored, no doc
// values, with positions (which phrases and highlighting need) and, lower
// still, without. The words
// are segmented by gojieba beforehand, untimed, and handed to bleve already
// split, so the figure is bleve's share only: analysis into its token
// stream, segment building, persisting and merging.

// floorTokenizer is the registry name of the tokenizer that splits the
// pre-segmented text on tokenSep.
const floorTokenizer = "indexbench_presplit"

// tokenSep separates the words of a pre-segmented text.
const tokenSep = '\x1f'

func init() {
	err := registry.RegisterTokenizer(floorTokenizer, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
		return presplit{}, nil
	})
	if err != nil {
		panic(err)
	}
}

// presplit is a tokenizer for text whose words are separated by tokenSep.
type presplit struct{}

// Tokenize implements analysis.Tokenizer.
func (presplit) Tokenize(in []byte) analysis.TokenStream {
	out := make(analysis.TokenStream, 0, bytes.Count(in, []byte{tokenSep})+1)
	start := 0
	for start <= len(in) {
		end := bytes.IndexByte(in[start:], tokenSep)
		if end < 0 {
			end = len(in)
		} else {
			end += start
		}
		if end > start {
			out = append(out, &analysis.Token{Term: in[start:end], Start: start, End: end,
				Position: len(out) + 1, Type: analysis.Ideographic})
		}
		start = end + 1
	}
	return out
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// floorResult is what the bleve floor measured.
type floorResult struct {
	cpu     time.Duration
	elapsed time.Duration
	size    int64
}

// presplitTexts segments texts with gojieba (search mode, HMM, as rawJieba
// does) on workers goroutines, keeping the words with a letter or digit,
// joined by tokenSep.
func presplitTexts(dataDir string, texts []string, workers int) ([]string, error) {
	jb, err := newRawJieba(dataDir)
	if err != nil {
		return nil, err
	}
	split := make([]string, len(texts))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(texts); i += workers {
				var words []string
				for _, w := range jb.Tokenize(texts[i], gojieba.SearchMode, true) {
					if strings.IndexFunc(w.Str, isWordRune) >= 0 { // no spaces or punctuation alone
						words = append(words, w.Str)
					}
				}
				split[i] = strings.Join(words, string(tokenSep))
			}
		})
	}
	wg.Wait()
	jb.Free()
	return split, nil
}

// bleveFloor indexes the pre-segmented texts split into a new bleve index
// under dir, in batches of batch documents, with or without positions,
// measuring CPU and elapsed time.
func bleveFloor(ctx context.Context, dir string, split []string, positions bool, batch int) (floorResult, error) {
	m := bleve.NewIndexMapping()
	if err := m.AddCustomAnalyzer("presplit", map[string]interface{}{
		"type": "custom", "tokenizer": floorTokenizer, "token_filters": []string{},
	}); err != nil {
		return floorResult{}, err
	}
	body := bleve.NewTextFieldMapping()
	body.Analyzer = "presplit"
	body.Store = false
	body.IncludeTermVectors = positions
	body.IncludeInAll = false
	body.DocValues = false
	doc := mapping.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt("body", body)
	m.DefaultMapping = doc
	m.StoreDynamic, m.IndexDynamic, m.DocValuesDynamic = false, false, false

	if batch <= 0 {
		batch = 1000
	}
	cpu0, t0 := cpuTime(), time.Now()
	bi, err := bleve.NewUsing(filepath.Clean(dir), m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return floorResult{}, fmt.Errorf("bleve floor: create %s: %w", dir, err)
	}
	b := bi.NewBatch()
	for i, s := range split {
		if err := ctx.Err(); err != nil {
			bi.Close()
			return floorResult{}, err
		}
		if err := b.Index(fmt.Sprintf("d%08d", i), map[string]string{"body": s}); err != nil {
			bi.Close()
			return floorResult{}, fmt.Errorf("bleve floor: %w", err)
		}
		if b.Size() >= batch || i == len(split)-1 {
			if err := bi.Batch(b); err != nil {
				bi.Close()
				return floorResult{}, fmt.Errorf("bleve floor: %w", err)
			}
			b.Reset()
		}
	}
	if err := bi.Close(); err != nil {
		return floorResult{}, fmt.Errorf("bleve floor: close: %w", err)
	}
	res := floorResult{cpu: cpuTime() - cpu0, elapsed: time.Since(t0)}
	res.size, err = dirSize(dir)
	return res, err
}

// floorRun measures raw jieba (unless c.SkipJieba) and the bleve floor with
// and without positions over texts, and prints them with the share of the
// issue's budget the floor takes.
func floorRun(ctx context.Context, c config, tmp string, texts []string, textBytes int64, stdout io.Writer) error {
	mb := float64(textBytes) / 1e6
	budget := 0.0
	if !c.SkipJieba {
		cpu0 := cpuTime()
		jiebaMBs, err := rawJieba(filepath.Join(tmp, "dict"), texts, c.Workers)
		if err != nil {
			return err
		}
		jiebaPerMB := 1000 * (cpuTime() - cpu0).Seconds() / mb
		// At half of raw jieba's rate with every core busy, a MB may take
		// workers/(jiebaMBs/2) CPU-seconds, jieba's own included.
		budget = 1000*float64(c.Workers)/(jiebaMBs/2) - jiebaPerMB
		fmt.Fprintf(stdout, "text           %d documents, %.1f MB\n", len(texts), mb)
		fmt.Fprintf(stdout, "raw jieba      %.2f MB/s (%d goroutines), %.0f ms of CPU per MB\n", jiebaMBs, c.Workers, jiebaPerMB)
		fmt.Fprintf(stdout, "target budget  %.0f ms of CPU per MB for all but jieba, at 50%% of raw jieba on %d cores\n", budget, c.Workers)
	}
	split, err := presplitTexts(filepath.Join(tmp, "dict"), texts, c.Workers)
	if err != nil {
		return err
	}
	for _, pos := range []bool{true, false} {
		fl, err := bleveFloor(ctx, filepath.Join(tmp, fmt.Sprintf("floor-%v", pos)), split, pos, c.Batch)
		if err != nil {
			return err
		}
		perMB := 1000 * fl.cpu.Seconds() / mb
		fmt.Fprintf(stdout, "bleve floor    positions %-5v %.1fs CPU, %.0f ms per MB", pos, fl.cpu.Seconds(), perMB)
		if budget > 0 {
			fmt.Fprintf(stdout, " (%.0f%% of the budget)", 100*perMB/budget)
		}
		fmt.Fprintf(stdout, "; %s elapsed, %.2f MB/s; index %.1f MB, %.2f B/B\n",
			fl.elapsed.Round(time.Millisecond), mb/fl.elapsed.Seconds(), float64(fl.size)/1e6, float64(fl.size)/float64(textBytes))
	}
	fmt.Fprintf(stdout, "machine        %d CPUs, GOMAXPROCS %d, %s\n", runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version())
	return nil
}
