package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/investnews/regionsearch/index"
)

// Suggester is implemented by a Searcher that can complete what a user is
// typing into places and sectors; *index.Index does. It is optional: the
// server asks the Searcher it was given for it with a type assertion, and
// without it GET /api/suggest answers with no suggestions.
type Suggester interface {
	// Suggest returns at most n completions of prefix, best first.
	Suggest(ctx context.Context, prefix string, n int) []index.Suggestion
}

// Limits of GET /api/suggest.
const (
	suggestDefault  = 10  // suggestions when n is not given
	maxSuggestInput = 100 // characters of q
)

// suggestAnswer is the answer of GET /api/suggest.
type suggestAnswer struct {
	Query       string       `json:"q"`
	Suggestions []suggestion `json:"suggestions"`
}

// suggestion is an index.Suggestion with what the interface needs to show
// and apply it: the label and parent in the interface language, and the
// search parameter that picking it sets (province, city, sector, subsector,
// or q for a county, which has no filter of its own).
type suggestion struct {
	index.Suggestion
	Label  string `json:"label"`
	Parent string `json:"parent,omitempty"`
	Param  string `json:"param"`
	Apply  string `json:"apply"` // the value that goes into Param
}

// handleAPISuggest answers GET /api/suggest?q=…&ui=zh|en[&n=…] with the
// places and sectors that complete q.
func (s *Server) handleAPISuggest(c *gin.Context) {
	values := c.Request.URL.Query()
	for _, name := range []string{"q", "n", "ui"} {
		if len(values[name]) > 1 {
			s.fail(c, invalid(fmt.Sprintf("%s is given %d times; give it at most once", name, len(values[name]))))
			return
		}
	}
	q := c.Query("q")
	if !utf8.ValidString(q) {
		s.fail(c, invalid("q is not valid UTF-8 text"))
		return
	}
	q = strings.TrimSpace(q)
	if n := utf8.RuneCountInString(q); n > maxSuggestInput {
		s.fail(c, invalid(fmt.Sprintf("q is too long (%d characters); suggestions need at most %d", n, maxSuggestInput)))
		return
	}
	n := suggestDefault
	if v := c.Query("n"); v != "" {
		k, err := strconv.Atoi(v)
		if err != nil || k < 1 || k > index.MaxSuggestions {
			s.fail(c, invalid(fmt.Sprintf("n must be a whole number from 1 to %d; got %s", index.MaxSuggestions, quote(v))))
			return
		}
		n = k
	}
	ui := uiZh
	switch v := c.Query("ui"); v {
	case "":
		ui = uiLang(c)
	case uiZh, uiEn:
		ui = v
	default:
		s.fail(c, invalid(fmt.Sprintf("ui must be zh or en; got %s", quote(v))))
		return
	}

	answer := suggestAnswer{Query: q, Suggestions: []suggestion{}}
	if sg, ok := s.ops.backend.(Suggester); ok && q != "" {
		ctx, cancel := s.context(c)
		defer cancel()
		for _, x := range sg.Suggest(ctx, q, n) {
			if len(answer.Suggestions) == n {
				break
			}
			if v, ok := newSuggestion(x, ui); ok {
				answer.Suggestions = append(answer.Suggestions, v)
			}
		}
	}
	// The answer depends only on q, n and ui, and the gazetteer and
	// taxonomy change only with the program.
	c.Header("Cache-Control", "public, max-age=3600")
	c.Header("Vary", "Cookie, Accept-Language")
	c.JSON(http.StatusOK, answer)
}

// newSuggestion adds to x its label in the interface language and what
// picking it does. It reports false for a suggestion of an unknown kind.
func newSuggestion(x index.Suggestion, ui string) (suggestion, bool) {
	v := suggestion{
		Suggestion: x,
		Label:      pick(ui, x.LabelZh, x.LabelEn, x.Value),
		Parent:     pick(ui, x.ParentZh, x.ParentEn, ""),
		Apply:      x.Value,
	}
	switch x.Kind {
	case index.SuggestProvince, index.SuggestCity, index.SuggestSector, index.SuggestSubsector:
		v.Param = x.Kind
	case index.SuggestCounty:
		v.Param = "q"
		v.Apply = x.Short
		if v.Apply == "" {
			v.Apply = x.LabelZh
		}
	default:
		return v, false
	}
	if x.Value == "" || v.Apply == "" {
		return v, false
	}
	return v, true
}
