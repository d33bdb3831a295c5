package index

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/investnews/regionsearch/analyzers"
	"github.com/investnews/regionsearch/analyzers/gazetteer"
	"github.com/investnews/regionsearch/index/extract"
)

// Kinds of Suggestion.
const (
	SuggestProvince  = "province"  // a province-level division; Value is its code
	SuggestCity      = "city"      // a prefecture-level city; Value is its code
	SuggestCounty    = "county"    // a county-level unit, zone or new area; Value is its code
	SuggestSector    = "sector"    // a top-level sector; Value is its key
	SuggestSubsector = "subsector" // an NBS level-2 subsector; Value is its id
)

// MaxSuggestions bounds the n of Suggest.
const MaxSuggestions = 20

// maxSuggestInput bounds the text Suggest looks at, in runes: no place or
// sector name is longer.
const maxSuggestInput = 40

// Suggestion is one completion of what a user is typing: a place from the
// gazetteer or a sector of the taxonomy.
type Suggestion struct {
	Kind    string `json:"kind"`
	Value   string `json:"value"`
	LabelZh string `json:"label_zh"`
	LabelEn string `json:"label_en"`
	// ParentZh and ParentEn name what a place lies in ("无锡市 江苏省") or
	// the sector a subsector belongs to, to tell apart places of one name.
	ParentZh string `json:"parent_zh,omitempty"`
	ParentEn string `json:"parent_en,omitempty"`
	// Short is the name to put in a query for a place that has no filter
	// of its own (a county: 江阴).
	Short string `json:"short,omitempty"`
}

// Match tiers, best first.
const (
	tierExact = iota
	tierPrefix
	tierWord     // an English word after the first starts with the input
	tierContains // the Chinese name contains the input
)

// rank orders kinds: provinces and prefecture cities before sectors,
// sectors before counties and subsectors.
func kindRank(kind string) int {
	switch kind {
	case SuggestProvince:
		return 0
	case SuggestCity:
		return 1
	case SuggestSector:
		return 2
	case SuggestCounty:
		return 3
	}
	return 4
}

// Suggest completes prefix, what a user has typed so far, into at most n
// places and sectors: Chinese names (simplified or traditional), pinyin
// ("liao" gives 辽宁 and 聊城) and English names. Exact matches come first,
// then prefix matches, then matches inside a name; within each, provinces
// and prefecture cities come before sectors, and sectors before counties.
// It reads only the gazetteer and the taxonomy, never the index, and
// returns nil for an input that matches nothing.
func (ix *Index) Suggest(ctx context.Context, prefix string, n int) []Suggestion {
	if n <= 0 || ctx.Err() != nil {
		return nil
	}
	n = min(n, MaxSuggestions)
	in := newSuggestInput(prefix)
	if in.empty() {
		return nil
	}
	type cand struct {
		s          Suggestion
		tier, rank int
		size       int // name length: shorter names first
		sortKey    string
	}
	var cands []cand
	for _, p := range ix.gaz.Places() {
		tier, ok := in.matchPlace(p)
		if !ok {
			continue
		}
		s := placeSuggestion(ix.gaz, p)
		cands = append(cands, cand{s: s, tier: tier, rank: kindRank(s.Kind),
			size: utf8.RuneCountInString(p.NameZh), sortKey: strings.ToLower(p.Pinyin) + "\x00" + p.Code})
	}
	secs := ix.ext.Sectors()
	names := make(map[string]extract.Sector, len(secs))
	for _, sec := range secs {
		names[sec.Key] = sec
	}
	for _, list := range [][]extract.Sector{secs, ix.ext.Subsectors()} {
		for _, sec := range list {
			tier, ok := in.matchSector(sec)
			if !ok {
				continue
			}
			s := Suggestion{Kind: SuggestSector, Value: sec.Key, LabelZh: sec.NameZh, LabelEn: sec.NameEn}
			if sec.Parent != "" {
				s.Kind = SuggestSubsector
				s.ParentZh, s.ParentEn = names[sec.Parent].NameZh, names[sec.Parent].NameEn
			}
			cands = append(cands, cand{s: s, tier: tier, rank: kindRank(s.Kind),
				size: utf8.RuneCountInString(sec.NameZh), sortKey: sec.Key})
		}
	}
	slices.SortFunc(cands, func(a, b cand) int {
		return cmp.Or(cmp.Compare(a.tier, b.tier), cmp.Compare(a.rank, b.rank),
			cmp.Compare(a.size, b.size), strings.Compare(a.sortKey, b.sortKey))
	})
	out := make([]Suggestion, 0, min(n, len(cands)))
	for _, c := range cands[:min(n, len(cands))] {
		out = append(out, c.s)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// placeSuggestion describes a place, with its parents for context.
func placeSuggestion(g *gazetteer.Gazetteer, p *gazetteer.Place) Suggestion {
	s := Suggestion{Value: p.Code, LabelZh: p.NameZh, LabelEn: p.NameEn}
	switch {
	case p.Level == gazetteer.Province:
		s.Kind = SuggestProvince
	case p.Level == gazetteer.Prefecture && p.Kind == gazetteer.Division:
		s.Kind = SuggestCity
	default:
		s.Kind = SuggestCounty
		s.Short = p.ShortZh
		if utf8.RuneCountInString(s.Short) < 2 {
			s.Short = p.NameZh
		}
	}
	var zh, en []string
	for _, a := range g.Chain(p.Code)[1:] {
		zh = append(zh, a.NameZh)
		en = append(en, a.NameEn)
	}
	s.ParentZh = strings.Join(zh, " ")
	s.ParentEn = strings.Join(en, ", ")
	return s
}

// suggestInput is the user's text in the forms names are compared in.
type suggestInput struct {
	zh    string // simplified Chinese, when the text has Han characters
	en    string // gazetteer.NormalizeEn form, otherwise
	joint string // en without spaces, for pinyin ("liao cheng")
}

func newSuggestInput(s string) suggestInput {
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > maxSuggestInput {
		s = string(r[:maxSuggestInput])
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "")
	}
	// zh_fold maps traditional characters to simplified ones and full-width
	// letters to ASCII plus a soft hyphen, which is dropped here.
	s = strings.ReplaceAll(string(analyzers.NewFoldFilter().Filter([]byte(s))), "\u00ad", "")
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return suggestInput{zh: strings.Join(strings.Fields(s), "")}
		}
	}
	en := gazetteer.NormalizeEn(s)
	return suggestInput{en: en, joint: strings.ReplaceAll(en, " ", "")}
}

func (in suggestInput) empty() bool { return in.zh == "" && in.en == "" }

// matchPlace reports whether p matches and how well.
func (in suggestInput) matchPlace(p *gazetteer.Place) (int, bool) {
	if in.zh != "" {
		return matchZh(in.zh, p.NameZh, p.ShortZh)
	}
	best, ok := tierContains+1, false
	try := func(t int, hit bool) {
		if hit && t < best {
			best, ok = t, true
		}
	}
	try(tierExact, foldEqual(p.Pinyin, in.joint))
	try(tierPrefix, foldHasPrefix(p.Pinyin, in.joint))
	name := func(s string) {
		try(tierExact, foldEqual(s, in.en))
		try(wordPrefix(s, in.en))
	}
	name(p.NameEn)
	for _, a := range p.AliasesEn {
		name(a)
	}
	return best, ok
}

// matchSector reports whether sec matches and how well.
func (in suggestInput) matchSector(sec extract.Sector) (int, bool) {
	if in.zh != "" {
		return matchZh(in.zh, sec.NameZh, strings.TrimSuffix(sec.NameZh, "产业"))
	}
	if foldEqual(sec.NameEn, in.en) {
		return tierExact, true
	}
	return wordPrefix(sec.NameEn, in.en)
}

// matchZh matches Chinese input against a full and a short name. An input
// of one character only matches at the start of a name.
func matchZh(in, full, short string) (int, bool) {
	switch {
	case in == full || (short != "" && in == short):
		return tierExact, true
	case strings.HasPrefix(full, in) || (short != "" && strings.HasPrefix(short, in)):
		return tierPrefix, true
	case utf8.RuneCountInString(in) >= 2 && strings.Contains(full, in):
		return tierContains, true
	}
	return 0, false
}

// wordPrefix reports whether in starts name (tierPrefix) or one of its later
// words (tierWord), comparing as gazetteer.NormalizeEn does.
func wordPrefix(name, in string) (int, bool) {
	if foldHasPrefix(name, in) {
		return tierPrefix, true
	}
	for i := 0; i < len(name); i++ {
		if (name[i] == ' ' || name[i] == '(' || name[i] == '/') && foldHasPrefix(name[i+1:], in) {
			return tierWord, true
		}
	}
	return 0, false
}

// foldHasPrefix reports whether name, folded like gazetteer.NormalizeEn
// (lower case, apostrophes and hyphens dropped, runs of spaces as one),
// starts with in, which is already folded. It does not allocate.
func foldHasPrefix(name, in string) bool {
	_, ok := foldMatch(name, in)
	return ok
}

// foldEqual is foldHasPrefix for the whole of name.
func foldEqual(name, in string) bool {
	rest, ok := foldMatch(name, in)
	return ok && strings.TrimSpace(strings.Map(dropFolded, rest)) == ""
}

func dropFolded(r rune) rune {
	if r == '\'' || r == '’' || r == '-' {
		return -1
	}
	return r
}

// foldMatch matches in against the start of name and returns the rest of
// name.
func foldMatch(name, in string) (string, bool) {
	if in == "" {
		return name, false
	}
	i, j := 0, 0
	for i < len(name) && (name[i] == ' ' || name[i] == '\t') {
		i++
	}
	name = name[i:]
	i = 0
	for j < len(in) {
		if i >= len(name) {
			return "", false
		}
		r, size := rune(name[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(name[i:])
		} else if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		switch {
		case r == '\'' || r == '’' || r == '-':
			i += size
			continue
		case r == ' ' || r == '\t':
			if i > 0 && (name[i-1] == ' ' || name[i-1] == '\t') {
				i += size
				continue
			}
			r = ' '
		}
		q, qsize := rune(in[j]), 1
		if q >= utf8.RuneSelf {
			q, qsize = utf8.DecodeRuneInString(in[j:])
		}
		if r != q && unicode.ToLower(r) != q {
			return "", false
		}
		i += size
		j += qsize
	}
	return name[i:], true
}
