// Package gazetteer provides China's administrative divisions, the state-level
// new areas and the NBS functional zones as an in-memory lookup table.
//
// The data ships inside the binary (see data/ and the NOTICE file at the root
// of the module); Default parses it once per process. Every Place carries its
// six-digit code (synthetic "NA.." codes for new areas that are not divisions),
// Chinese full and short names, pinyin, an English name and its parent, so a
// caller can walk from a county to its province.
package gazetteer

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

//go:embed data/*.tsv
var dataFS embed.FS

// Level is the administrative level of a Place.
type Level int

// The administrative levels.
const (
	Province   Level = 1 // province, autonomous region, municipality, SAR
	Prefecture Level = 2 // prefecture-level city, prefecture, league
	County     Level = 3 // county-level unit, district, functional zone, new area
)

// Kind tells what sort of unit a Place is.
type Kind string

// The kinds of Place.
const (
	Division       Kind = "division"        // a GB/T 2260 administrative division
	FunctionalZone Kind = "functional_zone" // an NBS functional zone (development zone with an x7x code)
	NewArea        Kind = "new_area"        // a state-level new area (国家级新区)
)

// Place is one unit of the gazetteer.
type Place struct {
	Code    string // six-digit GB/T 2260 code, or "NAnn" for a new area without one
	Level   Level
	Parent  string // code of the parent unit, empty for provinces
	NameZh  string // full Chinese name, 聊城市
	ShortZh string // short Chinese name, 聊城
	Pinyin  string // specific name in pinyin, Liaocheng
	NameEn  string // English name, Liaocheng City
	Kind    Kind
	// Hosts lists, for a new area, the divisions it lies in (first is main).
	Hosts []string
	// AliasesEn are further English spellings (Tibet, Macau).
	AliasesEn []string
}

// Gazetteer is an immutable lookup table of places. It is safe for
// concurrent use.
type Gazetteer struct {
	places []*Place
	byCode map[string]*Place
	byZh   map[string][]*Place // full and short Chinese names
	byEn   map[string][]*Place // lowercased English names, pinyin and aliases
}

var (
	defaultOnce sync.Once
	defaultGaz  *Gazetteer
	defaultErr  error
)

// Default returns the gazetteer built from the embedded data, parsing it on
// first use.
func Default() (*Gazetteer, error) {
	defaultOnce.Do(func() {
		defaultGaz, defaultErr = load()
	})
	return defaultGaz, defaultErr
}

// MustDefault is Default for tests and examples; it panics if the embedded
// data does not parse, which a test of this package rules out.
func MustDefault() *Gazetteer {
	g, err := Default()
	if err != nil {
		panic(err)
	}
	return g
}

func load() (*Gazetteer, error) {
	g := &Gazetteer{
		byCode: make(map[string]*Place),
		byZh:   make(map[string][]*Place),
		byEn:   make(map[string][]*Place),
	}
	if err := g.loadDivisions("data/divisions.tsv"); err != nil {
		return nil, err
	}
	if err := g.loadOverrides("data/overrides.tsv"); err != nil {
		return nil, err
	}
	if err := g.loadNewAreas("data/new_areas.tsv"); err != nil {
		return nil, err
	}
	for _, p := range g.places {
		if p.Parent != "" && g.byCode[p.Parent] == nil {
			return nil, fmt.Errorf("gazetteer: %s %s: unknown parent %s", p.Code, p.NameZh, p.Parent)
		}
	}
	g.buildIndexes()
	return g, nil
}

// readTSV calls fn for each non-comment, non-header row of an embedded TSV.
func readTSV(name string, minCols int, fn func(line int, cols []string) error) error {
	data, err := dataFS.ReadFile(name)
	if err != nil {
		return fmt.Errorf("gazetteer: read %s: %w", name, err)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	line, header := 0, false
	for sc.Scan() {
		line++
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		if !header {
			header = true
			continue
		}
		cols := strings.Split(text, "\t")
		if len(cols) < minCols {
			return fmt.Errorf("gazetteer: %s:%d: want %d columns, got %d", name, line, minCols, len(cols))
		}
		if err := fn(line, cols); err != nil {
			return fmt.Errorf("gazetteer: %s:%d: %w", name, line, err)
		}
	}
	return sc.Err()
}

func (g *Gazetteer) loadDivisions(name string) error {
	return readTSV(name, 7, func(line int, c []string) error {
		lv, err := strconv.Atoi(c[1])
		if err != nil || lv < 1 || lv > 3 {
			return fmt.Errorf("bad level %q", c[1])
		}
		if len(c[0]) != 6 {
			return fmt.Errorf("bad code %q", c[0])
		}
		p := &Place{Code: c[0], Level: Level(lv), Parent: c[2], NameZh: c[3], ShortZh: c[4],
			Pinyin: c[5], NameEn: c[6], Kind: Division}
		if len(c) > 7 && c[7] == "nbs_functional_zone" {
			p.Kind = FunctionalZone
		}
		if g.byCode[p.Code] != nil {
			return fmt.Errorf("duplicate code %s", p.Code)
		}
		g.places = append(g.places, p)
		g.byCode[p.Code] = p
		return nil
	})
}

// loadOverrides applies the project's corrections to the reference data:
// code, field (short_zh, pinyin, name_en, alias_en), value.
func (g *Gazetteer) loadOverrides(name string) error {
	return readTSV(name, 3, func(line int, c []string) error {
		p := g.byCode[c[0]]
		if p == nil {
			return fmt.Errorf("override for unknown code %s", c[0])
		}
		switch c[1] {
		case "short_zh":
			p.ShortZh = c[2]
		case "pinyin":
			p.Pinyin = c[2]
		case "name_en":
			p.NameEn = c[2]
		case "alias_en":
			p.AliasesEn = append(p.AliasesEn, c[2])
		default:
			return fmt.Errorf("unknown override field %q", c[1])
		}
		return nil
	})
}

func (g *Gazetteer) loadNewAreas(name string) error {
	n := 0
	return readTSV(name, 5, func(line int, c []string) error {
		hosts := strings.Split(c[4], ";")
		for _, h := range hosts {
			if g.byCode[h] == nil {
				return fmt.Errorf("new area %s: unknown host %s", c[0], h)
			}
		}
		if g.byCode[c[3]] == nil {
			return fmt.Errorf("new area %s: unknown province %s", c[0], c[3])
		}
		// A new area that is itself a division (两江新区 500157) is that division.
		if p, ok := g.byCode[hosts[0]]; ok && p.NameZh == c[0] {
			p.Kind = NewArea
			p.NameEn = c[1]
			return nil
		}
		n++
		pinyin := strings.TrimSuffix(c[1], " New Area")
		p := &Place{Code: fmt.Sprintf("NA%02d", n), Level: County, Parent: hosts[0],
			NameZh: c[0], ShortZh: c[0], Pinyin: pinyin, NameEn: c[1], Kind: NewArea, Hosts: hosts}
		g.places = append(g.places, p)
		g.byCode[p.Code] = p
		return nil
	})
}

func (g *Gazetteer) buildIndexes() {
	addZh := func(name string, p *Place) {
		if name == "" {
			return
		}
		for _, q := range g.byZh[name] {
			if q == p {
				return
			}
		}
		g.byZh[name] = append(g.byZh[name], p)
	}
	addEn := func(name string, p *Place) {
		key := NormalizeEn(name)
		if key == "" {
			return
		}
		for _, q := range g.byEn[key] {
			if q == p {
				return
			}
		}
		g.byEn[key] = append(g.byEn[key], p)
	}
	for _, p := range g.places {
		addZh(p.NameZh, p)
		if utf8.RuneCountInString(p.ShortZh) >= 2 {
			addZh(p.ShortZh, p)
		}
		addEn(p.NameEn, p)
		addEn(p.Pinyin, p)
		for _, a := range p.AliasesEn {
			addEn(a, p)
		}
	}
	for _, list := range g.byZh {
		sortPlaces(list)
	}
	for _, list := range g.byEn {
		sortPlaces(list)
	}
}

// sortPlaces orders candidates: higher level first, divisions before zones,
// then by code, so the first candidate is the most likely reading.
func sortPlaces(list []*Place) {
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.Level != b.Level {
			return a.Level < b.Level
		}
		if (a.Kind == FunctionalZone) != (b.Kind == FunctionalZone) {
			return b.Kind == FunctionalZone
		}
		return a.Code < b.Code
	})
}

// NormalizeEn folds an English place name for lookup: lower case, apostrophes
// and hyphens removed, runs of spaces collapsed ("Xi'an" → "xian").
func NormalizeEn(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		switch {
		case r == '\'' || r == '’' || r == '-':
			continue
		case r == ' ' || r == '\t':
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// Places returns every place, in data order. The slice must not be modified.
func (g *Gazetteer) Places() []*Place { return g.places }

// Place returns the place with the given code.
func (g *Gazetteer) Place(code string) (*Place, bool) {
	p, ok := g.byCode[code]
	return p, ok
}

// LookupZh returns the places whose full or short Chinese name is name,
// provinces first.
func (g *Gazetteer) LookupZh(name string) []*Place { return g.byZh[name] }

// LookupEn returns the places whose English name, pinyin or alias matches
// name case-insensitively ("liaocheng", "Liaocheng City"), provinces first.
func (g *Gazetteer) LookupEn(name string) []*Place { return g.byEn[NormalizeEn(name)] }

// Chain returns the place with the given code followed by its ancestors up to
// its province. A new area's chain continues through its main host.
func (g *Gazetteer) Chain(code string) []*Place {
	var out []*Place
	for p := g.byCode[code]; p != nil && len(out) < 5; p = g.byCode[p.Parent] {
		out = append(out, p)
	}
	return out
}

// ProvinceOf returns the province-level ancestor of code (itself for a
// province).
func (g *Gazetteer) ProvinceOf(code string) (*Place, bool) {
	chain := g.Chain(code)
	if len(chain) == 0 {
		return nil, false
	}
	top := chain[len(chain)-1]
	return top, top.Level == Province
}

// CityOf returns the prefecture-level ancestor of code, or the
// province-level municipality itself for units directly under Beijing,
// Tianjin, Shanghai and Chongqing.
func (g *Gazetteer) CityOf(code string) (*Place, bool) {
	chain := g.Chain(code)
	for _, p := range chain {
		if p.Level == Prefecture {
			return p, true
		}
	}
	if len(chain) > 0 && IsMunicipality(chain[len(chain)-1].Code) {
		return chain[len(chain)-1], true
	}
	return nil, false
}

// IsMunicipality reports whether code is one of the four province-level
// municipalities, which act as both province and city.
func IsMunicipality(code string) bool {
	switch code {
	case "110000", "120000", "310000", "500000":
		return true
	}
	return false
}

// Resolve finds one place from a code, a Chinese name or an English name, as
// users type them in filters. It prefers the highest level.
func (g *Gazetteer) Resolve(s string) (*Place, bool) {
	s = strings.TrimSpace(s)
	if p, ok := g.byCode[s]; ok {
		return p, true
	}
	if l := g.byZh[s]; len(l) > 0 {
		return l[0], true
	}
	if l := g.LookupEn(s); len(l) > 0 {
		return l[0], true
	}
	return nil, false
}

// ZhNames returns every Chinese name of at least two characters (full names
// and short names), sorted, for use as dictionary words.
func (g *Gazetteer) ZhNames() []string {
	out := make([]string, 0, len(g.byZh))
	for k := range g.byZh {
		if utf8.RuneCountInString(k) >= 2 {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// EnNames returns every normalised English name and pinyin form, sorted.
func (g *Gazetteer) EnNames() []string {
	out := make([]string, 0, len(g.byEn))
	for k := range g.byEn {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
