package analyzers_test

import (
	"fmt"
	"log"
	"os"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/investnews/regionsearch/analyzers"
)

// The analyzer as bleve builds it for a field mapped to zh_news: each token
// with its position and byte offsets into the original text.
func Example() {
	a, err := registry.NewCache().AnalyzerNamed(analyzers.AnalyzerName)
	if err != nil {
		log.Fatal(err)
	}
	for _, tk := range a.Analyze([]byte("聊城SiC芯片")) {
		fmt.Printf("%d %s [%d:%d]\n", tk.Position, tk.Term, tk.Start, tk.End)
	}
	// Output:
	// 1 聊城 [0:6]
	// 3 sic [6:9]
	// 4 芯片 [9:15]
}

// A main program configures the dictionaries before opening an index, then
// maps its text fields to zh_news.
func ExampleConfigure() {
	if err := analyzers.Configure(analyzers.Options{DictDir: os.Getenv("REGIONSEARCH_DICT")}); err != nil {
		log.Fatal(err) // a missing or malformed dictionary, never a panic
	}
	version, err := analyzers.DictVersion()
	if err != nil {
		log.Fatal(err)
	}
	m := bleve.NewIndexMapping()
	m.DefaultAnalyzer = analyzers.AnalyzerName
	fmt.Println("index built with dictionaries", version)
}

func ExampleExpand() {
	fmt.Println(analyzers.Expand("聊城"))
	fmt.Println(analyzers.Expand("Shandong"))
	fmt.Println(analyzers.Expand("芯片") == nil)
	// Output:
	// [聊城 聊城市 liaocheng]
	// [shandong 山东省 山东]
	// true
}

func ExampleSegment() {
	fmt.Println(analyzers.Segment("重慶兩江新區碳化矽芯片 Liaocheng's 5G"))
	// Output:
	// [重慶 兩江新區 碳化矽 芯片 Liaocheng's 5G]
}
