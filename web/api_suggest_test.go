package web

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/investnews/regionsearch/index"
)

// *index.Index is the Suggester cmd/search serves.
var _ Suggester = (*index.Index)(nil)

// suggestSearcher is a fakeSearcher that also suggests.
type suggestSearcher struct {
	*fakeSearcher
	SuggestFn func(ctx context.Context, prefix string, n int) []index.Suggestion
}

func (s *suggestSearcher) Suggest(ctx context.Context, prefix string, n int) []index.Suggestion {
	return s.SuggestFn(ctx, prefix, n)
}

// sampleSuggestions are what the fake suggests for any input.
var sampleSuggestions = []index.Suggestion{
	{Kind: index.SuggestProvince, Value: "210000", LabelZh: "辽宁省", LabelEn: "Liaoning Province"},
	{Kind: index.SuggestCity, Value: "371500", LabelZh: "聊城市", LabelEn: "Liaocheng City", ParentZh: "山东省", ParentEn: "Shandong Province"},
	{Kind: index.SuggestCounty, Value: "210115", LabelZh: "辽中区", LabelEn: "Liaozhong District", ParentZh: "沈阳市 辽宁省", ParentEn: "Shenyang City, Liaoning Province", Short: "辽中"},
	{Kind: index.SuggestSector, Value: "new-energy", LabelZh: "新能源产业", LabelEn: "New energy"},
	{Kind: index.SuggestSubsector, Value: "6.3", LabelZh: "太阳能产业", LabelEn: "Solar energy", ParentZh: "新能源产业", ParentEn: "New energy"},
	{Kind: "planet", Value: "mars", LabelZh: "火星", LabelEn: "Mars"},
}

func newSuggestServer(t *testing.T) (*suggestSearcher, http.Handler) {
	s := &suggestSearcher{
		fakeSearcher: &fakeSearcher{},
		SuggestFn: func(_ context.Context, prefix string, n int) []index.Suggestion {
			return sampleSuggestions[:min(n, len(sampleSuggestions))]
		},
	}
	srv, err := New(s, Options{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	return s, srv.Handler()
}

func TestAPISuggest(t *testing.T) {
	var gotPrefix string
	var gotN int
	s, h := newSuggestServer(t)
	inner := s.SuggestFn
	s.SuggestFn = func(ctx context.Context, prefix string, n int) []index.Suggestion {
		gotPrefix, gotN = prefix, n
		return inner(ctx, prefix, n)
	}

	rec := get(t, h, "/api/suggest?q=+liao+&ui=en")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	if gotPrefix != "liao" || gotN != 10 {
		t.Errorf("Suggest(%q, %d), want (liao, 10)", gotPrefix, gotN)
	}
	if cc := rec.Header().Get("Cache-Control"); !strings.Contains(cc, "max-age") {
		t.Errorf("Cache-Control = %q", cc)
	}
	golden(t, "suggest_en.json.golden", rec.Body.Bytes())

	var ans struct {
		Q           string `json:"q"`
		Suggestions []struct {
			Kind, Value, Label, Parent, Param, Apply string
			LabelZh                                  string `json:"label_zh"`
			LabelEn                                  string `json:"label_en"`
		} `json:"suggestions"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &ans); err != nil {
		t.Fatal(err)
	}
	if ans.Q != "liao" || len(ans.Suggestions) != 5 {
		t.Fatalf("answer %+v: want q liao and 5 suggestions (the unknown kind dropped)", ans)
	}
	want := []struct{ param, apply, label string }{
		{"province", "210000", "Liaoning Province"},
		{"city", "371500", "Liaocheng City"},
		{"q", "辽中", "Liaozhong District"}, // a county goes into the query
		{"sector", "new-energy", "New energy"},
		{"subsector", "6.3", "Solar energy"},
	}
	for i, w := range want {
		got := ans.Suggestions[i]
		if got.Param != w.param || got.Apply != w.apply || got.Label != w.label {
			t.Errorf("suggestion %d = %+v, want param %s apply %s label %s", i, got, w.param, w.apply, w.label)
		}
	}

	// The Chinese interface labels in Chinese; n is passed on.
	rec = get(t, h, "/api/suggest?q="+url.QueryEscape("聊")+"&ui=zh&n=2")
	if rec.Code != http.StatusOK || gotN != 2 {
		t.Fatalf("status %d, n %d", rec.Code, gotN)
	}
	if body := rec.Body.String(); !strings.Contains(body, `"label":"聊城市","parent":"山东省"`) || strings.Contains(body, "new-energy") {
		t.Errorf("body %s", body)
	}

	// Without ui, the interface language of the request decides.
	rec = get(t, h, "/api/suggest?q=liao", "Cookie", "ui=en")
	if !strings.Contains(rec.Body.String(), `"label":"Liaoning Province"`) {
		t.Errorf("the ui cookie is not followed: %s", rec.Body)
	}
}

func TestAPISuggestEmpty(t *testing.T) {
	s, h := newSuggestServer(t)
	called := false
	s.SuggestFn = func(context.Context, string, int) []index.Suggestion { called = true; return nil }
	for _, target := range []string{"/api/suggest", "/api/suggest?q=", "/api/suggest?q=%20%20", "/api/suggest?q=zzz"} {
		rec := get(t, h, target)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"suggestions":[]`) {
			t.Errorf("%s: %d %s", target, rec.Code, rec.Body)
		}
	}
	if !called {
		t.Error("Suggest was never called")
	}

	// A Searcher that cannot suggest gives no suggestions, not an error.
	plain, _ := newTestServer(t, &fakeSearcher{})
	rec := get(t, plain, "/api/suggest?q=liao")
	if rec.Code != http.StatusOK || rec.Body.String() != `{"q":"liao","suggestions":[]}` {
		t.Errorf("without a Suggester: %d %s", rec.Code, rec.Body)
	}
}

func TestAPISuggestInvalid(t *testing.T) {
	_, h := newSuggestServer(t)
	tests := []struct{ target, want string }{
		{"/api/suggest?q=a&q=b", "q is given 2 times"},
		{"/api/suggest?q=a&n=0", "n must be a whole number from 1 to 20"},
		{"/api/suggest?q=a&n=21", "n must be a whole number from 1 to 20"},
		{"/api/suggest?q=a&n=x", "n must be a whole number"},
		{"/api/suggest?q=a&ui=fr", "ui must be zh or en"},
		{"/api/suggest?q=%ff", "not valid UTF-8"},
		{"/api/suggest?q=" + strings.Repeat("a", 101), "q is too long (101 characters)"},
	}
	for _, tt := range tests {
		rec := get(t, h, tt.target)
		if rec.Code != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", tt.target, rec.Code)
			continue
		}
		e := errorFromBody(t, rec.Body)
		if e.Error.Code != "invalid" || !strings.Contains(e.Error.Message, tt.want) {
			t.Errorf("%s: error %+v, want %q", tt.target, e.Error, tt.want)
		}
	}
}
