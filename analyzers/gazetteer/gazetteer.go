// Package gazetteer provides China's administrative divisions, the state-level
// new areas, the NBS functional zones and the national development zones as
// an in-memory lookup table.
//
// The data ships inside the binary (see data/ and the NOTICE file at the root
// of the module); Default parses it once per process. Every Place carries its
// code (six digits for a division; synthetic "NA.." codes for new areas that
// are not divisions, "Z.." codes for development zones without an NBS code),
// Chinese full and short names, pinyin, an English name and its parent, so a
// caller can walk from a zone or a county to its city and province.
//
// # Development zones
//
// data/zones.tsv lists the national economic-and-technological development
// zones (ZoneETDZ), the national high-tech zones (ZoneHighTech) and a few
// other zones that reports name on their own (横琴, 前海; ZoneOther), with
// their host county or city, short names (苏州工业园区, 东湖高新区, 光谷) and
// English names. A zone that divisions.tsv already has as an NBS functional
// zone (苏州工业园区 320576) is that place, with the names added; any other
// is a Place of Kind DevZone whose Parent is its host, so Chain, CityOf and
// ProvinceOf lead from 东湖高新区 to Wuhan and Hubei. Zones returns them all.
// Places keeps to the divisions, functional zones and new areas, so callers
// written for those three kinds see no new kind.
//
// # Ambiguous names
//
// 117 Chinese short names and more pinyin forms name several places (朝阳
// is a city, a county and two districts). LookupZh and LookupEn return
// every candidate, highest level first; ResolveNear picks one with the
// rule extraction uses: a candidate whose ancestor is named nearby wins,
// else the unique candidate of the highest level, else none.
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
	DevZone        Kind = "dev_zone"        // a national development zone of zones.tsv without an NBS code
)

// ZoneType is the national designation of a development zone.
type ZoneType string

// The designations of development zones.
const (
	ZoneETDZ     ZoneType = "etdz"  // national economic-and-technological development zone (国家级经济技术开发区)
	ZoneHighTech ZoneType = "htz"   // national high-tech industrial development zone (国家高新技术产业开发区)
	ZoneOther    ZoneType = "other" // another zone named in its own right (横琴粤澳深度合作区, 前海)
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
	// AliasesZh are further Chinese names of a development zone (光谷,
	// 东湖新技术开发区); names of two characters are short forms.
	AliasesZh []string
	// Zone is the national designation of a development zone, empty for
	// other places (an NBS functional zone that zones.tsv does not list).
	Zone ZoneType
}

// Gazetteer is an immutable lookup table of places. It is safe for
// concurrent use.
type Gazetteer struct {
	places []*Place // divisions, functional zones, new areas
	zones  []*Place // development zones of zones.tsv, in data order
	all    []*Place // places then the zones that are not among them
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
	g.all = append([]*Place(nil), g.places...)
	if err := g.loadZones("data/zones.tsv"); err != nil {
		return nil, err
	}
	for _, p := range g.all {
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

// zoneCodeOK reports whether code has the form of a synthetic zone code:
// Z, E/H/X, six digits, and optionally one letter B–Z.
func zoneCodeOK(code string) bool {
	if len(code) != 8 && len(code) != 9 || code[0] != 'Z' || !strings.ContainsRune("EHX", rune(code[1])) {
		return false
	}
	for i := 2; i < 8; i++ {
		if code[i] < '0' || code[i] > '9' {
			return false
		}
	}
	return len(code) == 8 || code[8] >= 'B' && code[8] <= 'Z'
}

// splitList splits a ';'-separated column, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ";") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// loadZones reads the development zones: code, type, host, name_zh,
// short_zh, aliases_zh, name_en, aliases_en, approved, flag. A row whose
// code is an NBS functional zone adds its names to that place.
func (g *Gazetteer) loadZones(name string) error {
	return readTSV(name, 8, func(line int, c []string) error {
		code, typ, hostCode := c[0], ZoneType(c[1]), c[2]
		switch typ {
		case ZoneETDZ, ZoneHighTech, ZoneOther:
		default:
			return fmt.Errorf("zone %s: unknown type %q", code, typ)
		}
		host := g.byCode[hostCode]
		// The host is a division: a county, a city or a municipality (滨海新区
		// and 浦东新区 are divisions that are also new areas).
		if host == nil || len(hostCode) != 6 || host.IsZone() || host.Level == Province && !IsMunicipality(hostCode) {
			return fmt.Errorf("zone %s: host %s is not a county, city or municipality", code, hostCode)
		}
		if len(c) > 8 && c[8] != "" {
			if y, err := strconv.Atoi(c[8]); err != nil || y < 1980 || y > 2100 {
				return fmt.Errorf("zone %s: bad approval year %q", code, c[8])
			}
		}
		if len(c) > 9 && c[9] != "" && c[9] != "uncertain" {
			return fmt.Errorf("zone %s: unknown flag %q", code, c[9])
		}
		if c[3] == "" || c[4] == "" || c[6] == "" {
			return fmt.Errorf("zone %s: want name_zh, short_zh and name_en", code)
		}
		aliasesZh, aliasesEn := splitList(c[5]), splitList(c[7])
		if p := g.byCode[code]; p != nil {
			// An NBS functional zone: add the names, keep its own.
			if p.Kind != FunctionalZone || p.Zone != "" {
				return fmt.Errorf("zone %s: code taken by %s %s", code, p.Kind, p.NameZh)
			}
			if p.Parent != hostCode {
				return fmt.Errorf("zone %s: host %s, but the NBS zone is in %s", code, hostCode, p.Parent)
			}
			if c[3] != p.NameZh {
				aliasesZh = append([]string{c[3]}, aliasesZh...)
			}
			p.ShortZh, p.NameEn, p.AliasesZh, p.AliasesEn, p.Zone = c[4], c[6], aliasesZh, aliasesEn, typ
			g.zones = append(g.zones, p)
			return nil
		}
		if !zoneCodeOK(code) {
			return fmt.Errorf("zone %s: want an NBS zone code or Z, E/H/X and the host code", code)
		}
		if code[2:8] != hostCode {
			return fmt.Errorf("zone %s: code does not carry its host %s", code, hostCode)
		}
		p := &Place{Code: code, Level: County, Parent: hostCode, NameZh: c[3], ShortZh: c[4],
			NameEn: c[6], Kind: DevZone, AliasesZh: aliasesZh, AliasesEn: aliasesEn, Zone: typ}
		g.zones = append(g.zones, p)
		g.all = append(g.all, p)
		g.byCode[code] = p
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
	for _, p := range g.all {
		addZh(p.NameZh, p)
		if utf8.RuneCountInString(p.ShortZh) >= 2 {
			addZh(p.ShortZh, p)
		}
		for _, a := range p.AliasesZh {
			if utf8.RuneCountInString(a) >= 2 {
				addZh(a, p)
			}
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

// sortPlaces orders candidates: higher level first, divisions and new areas
// before zones, then by code, so the first candidate is the most likely
// reading.
func sortPlaces(list []*Place) {
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.Level != b.Level {
			return a.Level < b.Level
		}
		if a.IsZone() != b.IsZone() {
			return b.IsZone()
		}
		return a.Code < b.Code
	})
}

// IsZone reports whether p is a development zone: an NBS functional zone or
// a zone of zones.tsv.
func (p *Place) IsZone() bool {
	return p.Kind == FunctionalZone || p.Kind == DevZone || p.Zone != ""
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

// Places returns the divisions, the NBS functional zones and the new areas,
// in data order. The development zones of zones.tsv that are not NBS
// functional zones (Kind DevZone) are not among them: Zones returns every
// development zone, and Place, the lookups and Chain know them all. The
// slice must not be modified.
func (g *Gazetteer) Places() []*Place { return g.places }

// Zones returns the national development zones of zones.tsv, in data order:
// places of Kind DevZone and the NBS functional zones the list names. The
// slice must not be modified.
func (g *Gazetteer) Zones() []*Place { return g.zones }

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

// ResolveNear picks the place a name means in a text that also names near
// (the other place names of the same sentence or report, in either script,
// or codes). It applies the gazetteer's disambiguation rule:
//
//  1. a candidate whose parent, city or province is named in near wins,
//     the one with the most specific named ancestor first (鼓楼 near 福州
//     is 福州市鼓楼区; Xuzhou near Yibin is 叙州区; 朝阳 near 辽宁 and 朝阳市
//     is 朝阳县);
//  2. else the candidate of the highest level, if it is the only one there
//     (朝阳 alone is 朝阳市, the city, not the county or the two districts;
//     西安 alone is 西安市, not the 西安区 of Liaoyuan or Mudanjiang);
//  3. else the only division among the candidates of that level (a zone
//     sharing its host's name gives way);
//  4. else nothing: 鼓楼 alone names four districts of equal rank.
//
// It returns false when name is no place name or stays ambiguous.
func (g *Gazetteer) ResolveNear(name string, near ...string) (*Place, bool) {
	cands := g.lookupAny(name)
	if len(cands) == 0 {
		return nil, false
	}
	named := map[string]bool{}
	for _, n := range near {
		for _, p := range g.lookupAny(n) {
			named[p.Code] = true
		}
	}
	// Rule 1: keep the candidates whose named ancestor is the most specific
	// (朝阳 near 辽宁 and 朝阳市 is the county under 朝阳市).
	var withAnc []*Place
	deepest := Level(0)
	for _, c := range cands {
		for _, a := range g.Chain(c.Code)[1:] {
			if !named[a.Code] {
				continue
			}
			if a.Level > deepest {
				deepest, withAnc = a.Level, withAnc[:0]
			}
			if a.Level == deepest {
				withAnc = append(withAnc, c)
			}
			break // the first named ancestor is the nearest
		}
	}
	if len(withAnc) > 0 {
		cands = withAnc
	}
	best := cands[0].Level
	var top, divs []*Place
	for _, c := range cands {
		if c.Level < best {
			best = c.Level
		}
	}
	for _, c := range cands {
		if c.Level == best {
			top = append(top, c)
			if !c.IsZone() {
				divs = append(divs, c)
			}
		}
	}
	switch {
	case len(top) == 1:
		return top[0], true
	case len(divs) == 1:
		return divs[0], true
	}
	return nil, false
}

// lookupAny returns the places a code, a Chinese name or an English name
// stands for.
func (g *Gazetteer) lookupAny(s string) []*Place {
	s = strings.TrimSpace(s)
	if p, ok := g.byCode[s]; ok {
		return []*Place{p}
	}
	if l := g.byZh[s]; len(l) > 0 {
		return l
	}
	return g.LookupEn(s)
}
