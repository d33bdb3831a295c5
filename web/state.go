package web

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/investnews/regionsearch/index"
)

// state is the canonical URL form of a search: what links on the search page
// and the document page change and carry along. It is built from a validated
// index.Query, never copied from the raw request.
type state url.Values

// stateOf returns the canonical parameters of q in interface language ui,
// leaving out defaults.
func stateOf(q index.Query, ui string) state {
	v := url.Values{}
	set := func(k, val string) {
		if val != "" {
			v.Set(k, val)
		}
	}
	set("q", q.Text)
	for _, p := range q.Provinces {
		v.Add("province", p)
	}
	for _, c := range q.Cities {
		v.Add("city", c)
	}
	for _, s := range q.Sectors {
		v.Add("sector", s)
	}
	for _, s := range q.Subsectors {
		v.Add("subsector", s)
	}
	for _, s := range q.Sources {
		v.Add("source", s)
	}
	if q.AmountMin != nil {
		set("amount_min", formatYuan(*q.AmountMin))
	}
	if q.AmountMax != nil {
		set("amount_max", formatYuan(*q.AmountMax))
	}
	set("date_from", q.DateFrom)
	set("date_to", q.DateTo)
	set("lang", q.Lang)
	if q.Sort != "relevance" {
		set("sort", q.Sort)
	}
	if q.Size != 0 && q.Size != index.DefaultSize {
		set("size", strconv.Itoa(q.Size))
	}
	if q.Page > 1 {
		set("page", strconv.Itoa(q.Page))
	}
	set("ui", ui)
	return state(v)
}

// with returns the search page URL of st changed by edit, back on page 1.
func (st state) with(edit func(v url.Values)) string {
	v := st.clone()
	v.Del("page")
	if edit != nil {
		edit(v)
	}
	return "/?" + v.Encode()
}

// clone returns a deep copy of the parameters.
func (st state) clone() url.Values {
	v := make(url.Values, len(st))
	for k, vs := range st {
		v[k] = slices.Clone(vs)
	}
	return v
}

// hidden returns the parameters as hidden form fields, without those named
// in except.
func (st state) hidden(except ...string) []field {
	var out []field
	keys := make([]string, 0, len(st))
	for k := range st {
		if !slices.Contains(except, k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		for _, val := range st[k] {
			out = append(out, field{Name: k, Value: val})
		}
	}
	return out
}

// field is one hidden form field.
type field struct{ Name, Value string }

// removeValue drops from v[key] every value that matches one of names,
// comparing English names without regard to case.
func removeValue(v url.Values, key string, names ...string) {
	vs := v[key]
	out := vs[:0]
	for _, x := range vs {
		if !matchesAny(x, names) {
			out = append(out, x)
		}
	}
	if len(out) == 0 {
		v.Del(key)
	} else {
		v[key] = out
	}
}

// matchesAny reports whether a selected filter value x names the same thing
// as one of names (a code, a Chinese name, an English name).
func matchesAny(x string, names []string) bool {
	for _, n := range names {
		if n != "" && (x == n || strings.EqualFold(x, n)) {
			return true
		}
	}
	return false
}

// isCode reports whether s looks like a 6-digit administrative code.
func isCode(s string) bool {
	if len(s) != 6 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
