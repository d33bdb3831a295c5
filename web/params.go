package web

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/investnews/regionsearch/index"
)

// Limits on search parameters, so that one request cannot tie up the server.
const (
	// MaxQueryLength is the longest q accepted, in characters.
	MaxQueryLength = 500
	// MaxFilterValues is how many values one repeatable filter may have.
	MaxFilterValues = 50
	// MaxResultWindow is how deep paging may go: page × size at most this.
	MaxResultWindow = 10000
)

// searchParams are the URL parameters of a search, as given. Everything is
// bound as text and validated by query, which says precisely what to fix.
type searchParams struct {
	Q         string   `form:"q"`
	Provinces []string `form:"province"`
	Cities    []string `form:"city"`
	Sectors   []string `form:"sector"`
	// Subsectors and Sources filter like Sectors: repeatable, OR within.
	Subsectors []string `form:"subsector"`
	Sources    []string `form:"source"`
	AmountMin  string   `form:"amount_min"`
	AmountMax  string   `form:"amount_max"`
	DateFrom   string   `form:"date_from"`
	DateTo     string   `form:"date_to"`
	Lang       string   `form:"lang"`
	Sort       string   `form:"sort"`
	Page       string   `form:"page"`
	Size       string   `form:"size"`
	Cursor     string   `form:"cursor"`
}

// singleParams may be given at most once.
var singleParams = []string{"q", "amount_min", "amount_max", "date_from", "date_to", "lang", "sort", "page", "size", "cursor"}

// maxCursorLength bounds the cursor parameter; real cursors are far shorter.
const maxCursorLength = 1024

// parseSearch binds and validates the search parameters of the request.
// Its errors are of kind invalid and say what to fix.
func parseSearch(c *gin.Context) (index.Query, error) {
	values := c.Request.URL.Query()
	for _, name := range singleParams {
		if n := len(values[name]); n > 1 {
			return index.Query{}, invalid(fmt.Sprintf("%s is given %d times; give it at most once", name, n))
		}
	}
	var p searchParams
	if err := c.ShouldBindQuery(&p); err != nil {
		return index.Query{}, invalid("malformed query parameters: " + err.Error())
	}
	return p.query()
}

// query validates p and translates it into an index.Query with defaults
// filled in: page 1, size index.DefaultSize, sort "relevance".
func (p searchParams) query() (index.Query, error) {
	q := index.Query{Page: 1, Size: index.DefaultSize, Sort: "relevance"}

	if !utf8.ValidString(p.Q) {
		return q, invalid("q is not valid UTF-8 text")
	}
	q.Text = strings.TrimSpace(p.Q)
	if n := utf8.RuneCountInString(q.Text); n > MaxQueryLength {
		return q, invalid(fmt.Sprintf("q is too long (%d characters); shorten it to at most %d", n, MaxQueryLength))
	}

	var err error
	if q.Provinces, err = filterValues("province", p.Provinces); err != nil {
		return q, err
	}
	if q.Cities, err = filterValues("city", p.Cities); err != nil {
		return q, err
	}
	if q.Sectors, err = filterValues("sector", p.Sectors); err != nil {
		return q, err
	}
	if q.Subsectors, err = filterValues("subsector", p.Subsectors); err != nil {
		return q, err
	}
	if q.Sources, err = filterValues("source", p.Sources); err != nil {
		return q, err
	}

	if q.AmountMin, err = parseAmount("amount_min", p.AmountMin); err != nil {
		return q, err
	}
	if q.AmountMax, err = parseAmount("amount_max", p.AmountMax); err != nil {
		return q, err
	}
	if q.AmountMin != nil && q.AmountMax != nil && *q.AmountMin > *q.AmountMax {
		return q, invalid(fmt.Sprintf("amount_min (%s) is greater than amount_max (%s); swap them or drop one",
			strings.TrimSpace(p.AmountMin), strings.TrimSpace(p.AmountMax)))
	}

	if q.DateFrom, err = parseDate("date_from", p.DateFrom); err != nil {
		return q, err
	}
	if q.DateTo, err = parseDate("date_to", p.DateTo); err != nil {
		return q, err
	}
	if q.DateFrom != "" && q.DateTo != "" && q.DateFrom > q.DateTo {
		return q, invalid(fmt.Sprintf("date_from (%s) is after date_to (%s); swap them", q.DateFrom, q.DateTo))
	}

	switch lang := strings.TrimSpace(p.Lang); lang {
	case "", "zh", "en":
		q.Lang = lang
	default:
		return q, invalid(fmt.Sprintf("lang must be zh or en, or left out; got %s", quote(lang)))
	}

	if s := strings.TrimSpace(p.Sort); s != "" {
		if !slices.Contains(index.Sorts, s) {
			return q, invalid(fmt.Sprintf("sort must be one of %s; got %s", strings.Join(index.Sorts, ", "), quote(s)))
		}
		q.Sort = s
	}

	if s := strings.TrimSpace(p.Page); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return q, invalid(fmt.Sprintf("page must be a whole number from 1; got %s", quote(s)))
		}
		q.Page = n
	}
	if s := strings.TrimSpace(p.Size); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > index.MaxSize {
			return q, invalid(fmt.Sprintf("size must be a whole number from 1 to %d; got %s", index.MaxSize, quote(s)))
		}
		q.Size = n
	}
	if c := strings.TrimSpace(p.Cursor); c != "" {
		if len(c) > maxCursorLength || strings.TrimLeft(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != "" {
			return q, invalid("cursor is not valid: pass the next_cursor of the previous answer unchanged, or leave it out to start again")
		}
		if strings.TrimSpace(p.Page) != "" && q.Page != 1 {
			return q, invalid("give either page or cursor, not both: a cursor already says where the next page starts")
		}
		q.Cursor = c
	}
	if q.Page > MaxResultWindow/q.Size {
		return q, invalid(fmt.Sprintf("page %d is too deep: pages stop at result number %d; to read further, "+
			"follow next_cursor (pass it as cursor) from an earlier page, or narrow the search with filters",
			q.Page, MaxResultWindow))
	}
	return q, nil
}

// filterValues trims the values of a repeatable filter, drops empty ones and
// duplicates, and bounds their number.
func filterValues(name string, vs []string) ([]string, error) {
	var out []string
	for _, v := range vs {
		v = strings.TrimSpace(v)
		if v == "" || slices.Contains(out, v) {
			continue
		}
		if !utf8.ValidString(v) || utf8.RuneCountInString(v) > 100 {
			return nil, invalid(fmt.Sprintf("%s value %s is not a code or name", name, quote(v)))
		}
		out = append(out, v)
	}
	if len(out) > MaxFilterValues {
		return nil, invalid(fmt.Sprintf("%s is given %d times; give at most %d values", name, len(out), MaxFilterValues))
	}
	return out, nil
}

// parseAmount parses an amount of yuan: a non-negative number, which may be
// written like 1e9.
func parseAmount(name, s string) (*float64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		return nil, invalid(fmt.Sprintf("%s must be a non-negative number of yuan, like 1e9 or 1000000000; got %s", name, quote(s)))
	}
	return &v, nil
}

// parseDate checks a YYYY-MM-DD date and returns it unchanged.
func parseDate(name, s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	if _, err := time.Parse(time.DateOnly, s); err != nil || len(s) != len(time.DateOnly) {
		return "", invalid(fmt.Sprintf("%s must be a date written YYYY-MM-DD, like 2023-03-30; got %s", name, quote(s)))
	}
	return s, nil
}

// quote quotes a user's value for an error message, cut short if long.
func quote(s string) string {
	const max = 40
	if utf8.RuneCountInString(s) > max {
		r := []rune(s)
		s = string(r[:max]) + "…"
	}
	return strconv.Quote(s)
}
