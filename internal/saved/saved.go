package saved

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/investnews/regionsearch/index"
)

// Limits on what the store keeps.
const (
	// MaxNameLength is the longest name accepted, in characters.
	MaxNameLength = 100
	// MaxSearches is how many saved searches one store keeps at most.
	MaxSearches = 1000
)

// SavedSearch is a named search that a researcher watches.
type SavedSearch struct {
	// ID is 16 lowercase hexadecimal digits, assigned by the store.
	ID string `json:"id"`
	// Name is what the researcher calls it, 1 to MaxNameLength characters.
	Name string `json:"name"`
	// Query holds the search parameters.
	Query Query `json:"query"`
	// Created and Updated are when it was created and last changed.
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
	// LastSeen is when its results were last looked at; reports indexed
	// after it are "new".
	LastSeen time.Time `json:"last_seen"`
}

// Query holds the parameters of a saved search, named as /api/search names
// them. Paging is not part of a saved search.
type Query struct {
	Q        string   `json:"q,omitempty"`
	Province []string `json:"province,omitempty"`
	City     []string `json:"city,omitempty"`
	Sector   []string `json:"sector,omitempty"`
	// Subsector and Source filter like Sector: any of the values.
	Subsector []string `json:"subsector,omitempty"`
	Source    []string `json:"source,omitempty"`
	// AmountMin and AmountMax are numbers of yuan. In JSON they may be
	// written as numbers (1e9) or strings ("1e9").
	AmountMin json.Number `json:"amount_min,omitempty"`
	AmountMax json.Number `json:"amount_max,omitempty"`
	DateFrom  string      `json:"date_from,omitempty"`
	DateTo    string      `json:"date_to,omitempty"`
	Lang      string      `json:"lang,omitempty"`
	Sort      string      `json:"sort,omitempty"`
}

// Values returns the query as URL parameters of /api/search, leaving out
// empty ones.
func (q Query) Values() url.Values {
	v := url.Values{}
	set := func(k, val string) {
		if val != "" {
			v.Set(k, val)
		}
	}
	set("q", q.Q)
	for _, p := range q.Province {
		v.Add("province", p)
	}
	for _, c := range q.City {
		v.Add("city", c)
	}
	for _, s := range q.Sector {
		v.Add("sector", s)
	}
	for _, s := range q.Subsector {
		v.Add("subsector", s)
	}
	for _, s := range q.Source {
		v.Add("source", s)
	}
	set("amount_min", string(q.AmountMin))
	set("amount_max", string(q.AmountMax))
	set("date_from", q.DateFrom)
	set("date_to", q.DateTo)
	set("lang", q.Lang)
	set("sort", q.Sort)
	return v
}

// QueryFromValues returns the saved-search parameters among URL parameters
// of /api/search; others, such as page and size, are ignored.
func QueryFromValues(v url.Values) Query {
	return Query{
		Q:         v.Get("q"),
		Province:  v["province"],
		City:      v["city"],
		Sector:    v["sector"],
		Subsector: v["subsector"],
		Source:    v["source"],
		AmountMin: json.Number(v.Get("amount_min")),
		AmountMax: json.Number(v.Get("amount_max")),
		DateFrom:  v.Get("date_from"),
		DateTo:    v.Get("date_to"),
		Lang:      v.Get("lang"),
		Sort:      v.Get("sort"),
	}
}

// CleanName trims a name and checks it: not empty, at most MaxNameLength
// characters, valid UTF-8 without control characters. Its errors are of kind
// invalid and say what to fix.
func CleanName(name string) (string, error) {
	if !utf8.ValidString(name) {
		return "", invalidf("name is not valid UTF-8 text")
	}
	name = strings.TrimSpace(name)
	if name == "" {
		return "", invalidf("name is empty; give the saved search a name")
	}
	if n := utf8.RuneCountInString(name); n > MaxNameLength {
		return "", invalidf("name is too long (%d characters); shorten it to at most %d", n, MaxNameLength)
	}
	if strings.IndexFunc(name, unicode.IsControl) >= 0 {
		return "", invalidf("name contains control characters such as line breaks; use plain text")
	}
	return name, nil
}

// ValidID reports whether id has the form of a saved-search id.
func ValidID(id string) bool {
	if len(id) != 16 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// newID returns a random id.
func newID() string {
	var b [8]byte
	// crypto/rand.Read never returns an error (Go 1.24 and later).
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// notFound returns the error for an unknown id.
func notFound(id string) error {
	return &index.Error{Kind: index.KindNotFound, Message: fmt.Sprintf("no saved search with id %q", id)}
}

// invalidf returns a client error of kind invalid.
func invalidf(format string, args ...any) error {
	return &index.Error{Kind: index.KindInvalid, Message: fmt.Sprintf(format, args...)}
}

// messageOf returns the message of a client error (kind invalid or not
// found), or "" for any other error.
func messageOf(err error) string {
	var e *index.Error
	if errors.As(err, &e) && (e.Kind == index.KindInvalid || e.Kind == index.KindNotFound) {
		return e.Message
	}
	return ""
}
