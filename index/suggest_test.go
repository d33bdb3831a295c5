package index

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/investnews/regionsearch/analyzers/gazetteer"
	"github.com/investnews/regionsearch/index/extract"
)

// suggestIndex returns an Index with a gazetteer and an extractor but no
// bleve index: Suggest needs nothing more.
func suggestIndex(t testing.TB) *Index {
	t.Helper()
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	ext, err := extract.New(g)
	if err != nil {
		t.Fatal(err)
	}
	return &Index{gaz: g, ext: ext}
}

// brief writes suggestions as kind:value lists, for comparing.
func brief(ss []Suggestion) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Kind + ":" + s.Value
	}
	return out
}

func TestSuggest(t *testing.T) {
	ix := suggestIndex(t)
	tests := []struct {
		in    string
		n     int
		first []string // the first suggestions, in order
		has   []string // further suggestions somewhere in the answer
		not   []string // suggestions that must not appear
	}{
		// Pinyin prefix: the province first, then prefecture cities, then counties.
		{in: "liao", n: 10, first: []string{"province:210000"}, has: []string{"city:371500", "city:211000", "city:220400", "county:210115"}},
		{in: "Liao", n: 10, first: []string{"province:210000"}},
		{in: "liaocheng", n: 10, first: []string{"city:371500"}},
		{in: "liao cheng", n: 10, first: []string{"city:371500"}},
		// Chinese: full and short names, traditional characters folded.
		{in: "聊", n: 10, first: []string{"city:371500"}},
		{in: "聊城", n: 10, first: []string{"city:371500"}},
		{in: "聊城市", n: 10, first: []string{"city:371500"}},
		{in: "遼寧", n: 10, first: []string{"province:210000"}},
		{in: "辽", n: 10, first: []string{"province:210000"}, has: []string{"city:211000", "city:220400"}},
		{in: "山东", n: 10, first: []string{"province:370000"}},
		// An exact match of a county beats prefix matches of cities.
		{in: "江阴", n: 10, first: []string{"county:320281"}},
		// Exact matches at every level, highest first.
		{in: "吉林", n: 10, first: []string{"province:220000", "city:220200"}},
		// English names and aliases.
		{in: "shandong", n: 10, first: []string{"province:370000"}},
		{in: "Shandong Province", n: 10, first: []string{"province:370000"}},
		{in: "tibet", n: 10, first: []string{"province:540000"}},
		{in: "xian", n: 10, has: []string{"city:610100"}},
		{in: "Xi'an", n: 10, has: []string{"city:610100"}},
		// Sectors, in Chinese and English, after provinces and cities.
		{in: "新能源", n: 10, first: []string{"sector:new-energy", "sector:new-energy-vehicles"}},
		{in: "新能源产业", n: 10, first: []string{"sector:new-energy"}},
		{in: "生物", n: 10, first: []string{"sector:biotech"}, has: []string{"subsector:4.1"}},
		{in: "能源", n: 20, has: []string{"sector:new-energy", "sector:mining-energy"}},
		{in: "solar", n: 10, first: []string{"subsector:6.3"}},
		{in: "biotech", n: 10, first: []string{"sector:biotech"}},
		{in: "new energy", n: 10, first: []string{"sector:new-energy", "sector:new-energy-vehicles"}},
		{in: "energy", n: 20, has: []string{"sector:new-energy", "subsector:6.3"}},
		{in: "新", n: 20, first: []string{"province:650000"}, has: []string{"sector:new-materials"}},
		// Full-width letters fold to ASCII.
		{in: "ｌｉａｏ", n: 10, first: []string{"province:210000"}},
		// Limits and nothing.
		{in: "liao", n: 2, first: []string{"province:210000"}},
		{in: "", n: 10},
		{in: "   ", n: 10},
		{in: "zzzzqqq", n: 10},
		{in: "liao", n: 0},
		// One Chinese character never matches inside a name.
		{in: "城", n: 20, not: []string{"city:371500"}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/%d", tt.in, tt.n), func(t *testing.T) {
			got := ix.Suggest(context.Background(), tt.in, tt.n)
			b := brief(got)
			if len(got) > max(tt.n, 0) {
				t.Errorf("%d suggestions, want at most %d", len(got), tt.n)
			}
			if len(tt.first) == 0 && len(tt.has) == 0 && len(tt.not) == 0 && len(got) != 0 {
				t.Errorf("got %v, want none", b)
			}
			if len(tt.first) > 0 {
				k := min(len(tt.first), tt.n)
				if len(b) < k || !slices.Equal(b[:k], tt.first[:k]) {
					t.Errorf("got %v, want it to start with %v", b, tt.first[:k])
				}
			}
			for _, h := range tt.has {
				if !slices.Contains(b, h) {
					t.Errorf("got %v, want %s among them", b, h)
				}
			}
			for _, h := range tt.not {
				if slices.Contains(b, h) {
					t.Errorf("got %v, want no %s", b, h)
				}
			}
		})
	}
}

func TestSuggestOrder(t *testing.T) {
	ix := suggestIndex(t)
	got := ix.Suggest(context.Background(), "liao", MaxSuggestions)
	// Within a tier: provinces, then cities, then counties.
	last := -1
	for _, s := range got {
		r := kindRank(s.Kind)
		if r < last {
			t.Fatalf("kinds out of order: %v", brief(got))
		}
		last = r
	}
	if ix.Suggest(context.Background(), "l", 1000) == nil || len(ix.Suggest(context.Background(), "l", 1000)) > MaxSuggestions {
		t.Errorf("n is not bounded by MaxSuggestions")
	}
}

func TestSuggestFields(t *testing.T) {
	ix := suggestIndex(t)
	got := ix.Suggest(context.Background(), "江阴", 1)
	want := Suggestion{Kind: SuggestCounty, Value: "320281", LabelZh: "江阴市", LabelEn: "Jiangyin City",
		ParentZh: "无锡市 江苏省", ParentEn: "Wuxi City, Jiangsu Province", Short: "江阴"}
	if len(got) != 1 || got[0] != want {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	got = ix.Suggest(context.Background(), "聊城", 1)
	if len(got) != 1 || got[0].ParentZh != "山东省" || got[0].Short != "" || got[0].LabelEn != "Liaocheng City" {
		t.Errorf("got %+v", got)
	}
	got = ix.Suggest(context.Background(), "太阳能", 1)
	if len(got) != 1 || got[0].Kind != SuggestSubsector || got[0].ParentZh != "新能源产业" || got[0].ParentEn != "New energy" {
		t.Errorf("got %+v", got)
	}
}

func TestSuggestCancelled(t *testing.T) {
	ix := suggestIndex(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if got := ix.Suggest(ctx, "liao", 10); got != nil {
		t.Errorf("a cancelled context gave %v", brief(got))
	}
}

func FuzzSuggest(f *testing.F) {
	ix := suggestIndex(f)
	for _, s := range []string{"liao", "聊城", "Xi'an", "ｌｉａｏ", "新能源", "a\xffb", strings.Repeat("长", 100)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := ix.Suggest(context.Background(), s, 10)
		if len(got) > 10 {
			t.Fatalf("%d suggestions", len(got))
		}
		for _, g := range got {
			if g.Value == "" || g.Kind == "" || (g.LabelZh == "" && g.LabelEn == "") {
				t.Fatalf("incomplete suggestion %+v", g)
			}
		}
	})
}

func BenchmarkSuggest(b *testing.B) {
	ix := suggestIndex(b)
	ctx := context.Background()
	for _, in := range []string{"liao", "聊", "new energy"} {
		b.Run(in, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				ix.Suggest(ctx, in, 10)
			}
		})
	}
}
