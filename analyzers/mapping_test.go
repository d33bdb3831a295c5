package analyzers_test

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	_ "github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/investnews/regionsearch/analyzers"
)

// TestMappingPersistsNoPaths checks a mapping that configures the tokenizer
// serialises logical options only, and that bad options are errors.
func TestMappingPersistsNoPaths(t *testing.T) {
	m := bleve.NewIndexMapping()
	err := m.AddCustomTokenizer("jieba_plain", map[string]interface{}{
		"type": analyzers.TokenizerName,
		"hmm":  false,
		"mode": "default",
	})
	if err != nil {
		t.Fatal(err)
	}
	err = m.AddCustomAnalyzer("zh_plain", map[string]interface{}{
		"type":          "custom",
		"char_filters":  []string{analyzers.CharFilterName},
		"tokenizer":     "jieba_plain",
		"token_filters": []string{analyzers.LatinFilterName},
	})
	if err != nil {
		t.Fatal(err)
	}
	m.DefaultAnalyzer = analyzers.AnalyzerName
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{os.TempDir(), "/root", ".utf8", "dict"} {
		if strings.Contains(string(b), bad) {
			t.Errorf("mapping JSON holds %q: %s", bad, b)
		}
	}
	idx, err := bleve.NewMemOnly(m)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	a := idx.Mapping().AnalyzerNamed("zh_plain")
	var got []string
	for _, tk := range a.Analyze([]byte("碳化硅芯片")) {
		got = append(got, string(tk.Term))
	}
	if want := []string{"碳化硅", "芯片"}; !reflect.DeepEqual(got, want) {
		t.Errorf("default mode: %q, want %q", got, want)
	}

	for _, cfg := range []map[string]interface{}{
		{"type": analyzers.TokenizerName, "hmm": "yes"},
		{"type": analyzers.TokenizerName, "mode": "full"},
	} {
		if _, err := registry.NewCache().DefineTokenizer("bad", cfg); err == nil {
			t.Errorf("config %v accepted", cfg)
		}
	}
}

// TestTermPrecision checks that place names and one-character queries do
// not match more than they say: 广州 does not find 惠州, 州 alone finds only
// documents where it stands alone.
func TestTermPrecision(t *testing.T) {
	idx := newIndex(t, map[string]string{
		"gz":   "广州南沙新区签约",
		"hz":   "惠州大亚湾开发区签约",
		"zhou": "本州岛与九州",
		"gzs":  "广州市黄埔区",
	})
	tests := []struct {
		query string
		want  []string
	}{
		{"广州", []string{"gz", "gzs"}},
		{"惠州", []string{"hz"}},
		{"州", []string{}},
		{"广州市", []string{"gzs"}},
	}
	for _, tt := range tests {
		q := bleve.NewMatchQuery(tt.query)
		q.SetField("text")
		q.SetOperator(1) // and
		if got := hits(t, idx, q); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q: hits %v, want %v", tt.query, got, tt.want)
		}
	}
}
