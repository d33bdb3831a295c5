package democorpus

import (
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/investnews/regionsearch/analyzers/gazetteer"
)

// world is everything the generator draws from, built once from the
// gazetteer: the 31 mainland provinces with their cities, counties and zones,
// the cities investors come from, and name pools checked against the
// gazetteer so that no invented name reads as a place.
type world struct {
	g          *gazetteer.Gazetteer
	zhNames    map[string]struct{} // every Chinese place name of two or more characters
	provs      []*prov             // the 31 mainland provinces, in code order
	provWeight int                 // the sum of their weights in provWeights
	cities     map[string]*city
	hubs       []*city // investors' home cities, repeated by weight
	venues     []*city // cities that host investment promotion events elsewhere
	hk         *city   // Hong Kong, home of some investors

	brands   []syllables // company brand names: 华芯邦 / Huaxinbang
	surnames []syllable
	given    []syllables // given names: 汝京 / Rujing
}

// prov is a province-level unit with the names reports use for it.
type prov struct {
	p       *gazetteer.Place
	cities  []*city
	region  int    // index into regionZh / regionEn
	zh      string // 山东省
	zhShort string // 山东
	en      string // Shandong Province
	enShort string // Shandong
}

// city is a prefecture-level unit (or a municipality) where projects land.
type city struct {
	p        *gazetteer.Place
	prov     *prov
	counties []*gazetteer.Place // county-level divisions with usable names
	fzones   []*gazetteer.Place // NBS functional zones (development zones) in the city
	newAreas []*gazetteer.Place // state-level new areas hosted by the city
	zh       string             // 聊城, or the full name when the short one is ambiguous
	zhFull   string             // 聊城市
	en       string             // Liaocheng
	slug     string             // liaocheng, for URLs
}

var (
	regionZh = [...]string{"华北", "东北", "华东", "华中", "华南", "西南", "西北"}
	regionEn = [...]string{"north China's", "northeast China's", "east China's", "central China's", "south China's", "southwest China's", "northwest China's"}
)

// regionOf maps the first two digits of a province code to a region.
func regionOf(code string) int {
	switch code[:1] {
	case "1":
		return 0
	case "2":
		return 1
	case "3":
		return 2
	case "4":
		if code[:2] <= "43" {
			return 3
		}
		return 4
	case "5":
		return 5
	}
	return 6
}

// Investors' home cities and their weights: where the money in Chinese
// regional investment news most often comes from.
var hubWeights = []struct {
	code string
	w    int
}{
	{"440300", 10}, {"310000", 9}, {"110000", 8}, {"330100", 7}, {"320500", 6}, {"440100", 5},
	{"320100", 4}, {"350200", 3}, {"340100", 3}, {"420100", 3}, {"510100", 3}, {"610100", 2},
	{"430100", 2}, {"330200", 2}, {"370200", 2}, {"120000", 2}, {"410100", 2}, {"320200", 2},
	{"441900", 2}, {"320400", 2}, {"440600", 2}, {"370100", 1}, {"350100", 1}, {"500000", 1},
	{"330300", 1}, {"210200", 1}, {"360100", 1}, {"450100", 1}, {"130100", 1}, {"140100", 1},
}

// Cities where a province or city holds its promotion events away from home.
var venueCodes = []string{"440300", "310000", "110000", "440100", "330100", "320500", "350200", "320100"}

var (
	worldOnce sync.Once
	theWorld  *world
	worldErr  error
)

// getWorld builds the world on first use.
func getWorld() (*world, error) {
	worldOnce.Do(func() {
		g, err := gazetteer.Default()
		if err != nil {
			worldErr = fmt.Errorf("load gazetteer: %w", err)
			return
		}
		theWorld, worldErr = newWorld(g)
	})
	return theWorld, worldErr
}

func newWorld(g *gazetteer.Gazetteer) (*world, error) {
	w := &world{g: g, cities: make(map[string]*city), zhNames: make(map[string]struct{})}
	for _, n := range g.ZhNames() {
		w.zhNames[n] = struct{}{}
	}
	byProv := make(map[string]*prov)
	for _, p := range g.Places() {
		if p.Level != gazetteer.Province || p.Kind != gazetteer.Division {
			continue
		}
		switch p.Code {
		case "710000", "810000", "820000":
			continue
		}
		pr := &prov{p: p, region: regionOf(p.Code), zh: p.NameZh, zhShort: p.ShortZh,
			en: p.NameEn, enShort: p.Pinyin}
		if gazetteer.IsMunicipality(p.Code) {
			pr.en = p.NameEn
		}
		w.provs = append(w.provs, pr)
		byProv[p.Code] = pr
	}
	for _, pr := range w.provs {
		w.provWeight += provWeights[pr.p.Code[:2]]
	}
	if len(w.provs) != 31 {
		return nil, fmt.Errorf("gazetteer has %d mainland provinces, want 31", len(w.provs))
	}
	for _, pr := range w.provs {
		if gazetteer.IsMunicipality(pr.p.Code) {
			w.addCity(pr, pr.p)
		}
	}
	for _, p := range g.Places() {
		if p.Level == gazetteer.Prefecture && p.Kind == gazetteer.Division {
			if pr := byProv[p.Parent]; pr != nil {
				w.addCity(pr, p)
			}
		}
	}
	for _, p := range g.Places() {
		if p.Level != gazetteer.County {
			continue
		}
		c := w.cities[p.Parent]
		if p.Kind == gazetteer.NewArea && len(p.Hosts) > 0 {
			c = w.cities[p.Hosts[0]]
		}
		if c == nil {
			continue // counties directly under a province (仙桃, 五指山) have no city
		}
		switch p.Kind {
		case gazetteer.FunctionalZone:
			if strings.HasSuffix(p.NameZh, "开发区") || strings.HasSuffix(p.NameZh, "高新区") || strings.HasSuffix(p.NameZh, "园区") {
				c.fzones = append(c.fzones, p)
			}
		case gazetteer.NewArea:
			c.newAreas = append(c.newAreas, p)
		default:
			if utf8.RuneCountInString(p.ShortZh) >= 2 && p.Pinyin != "" && p.NameEn != "" &&
				!strings.Contains(p.NameZh, "新区") {
				c.counties = append(c.counties, p)
			}
		}
	}
	for _, pr := range w.provs {
		if len(pr.cities) == 0 {
			return nil, fmt.Errorf("province %s has no cities", pr.p.Code)
		}
	}
	hk, ok := g.Place("810000")
	if !ok {
		return nil, fmt.Errorf("gazetteer has no Hong Kong")
	}
	hkProv := &prov{p: hk, zh: "香港", zhShort: "香港", en: "Hong Kong", enShort: "Hong Kong"}
	w.hk = &city{p: hk, prov: hkProv, zh: "香港", zhFull: "香港", en: "Hong Kong", slug: "hongkong"}
	for _, h := range hubWeights {
		c := w.cities[h.code]
		if c == nil {
			return nil, fmt.Errorf("hub city %s not in gazetteer", h.code)
		}
		for range h.w {
			w.hubs = append(w.hubs, c)
		}
	}
	for _, code := range venueCodes {
		c := w.cities[code]
		if c == nil {
			return nil, fmt.Errorf("venue city %s not in gazetteer", code)
		}
		w.venues = append(w.venues, c)
	}
	w.buildNames()
	if len(w.brands) < 200 || len(w.given) < 100 {
		return nil, fmt.Errorf("name pools too small: %d brands, %d given names", len(w.brands), len(w.given))
	}
	return w, nil
}

func (w *world) addCity(pr *prov, p *gazetteer.Place) {
	c := &city{p: p, prov: pr, zhFull: p.NameZh, zh: p.NameZh, en: p.NameEn}
	// The short name serves unless another city or a province shares it
	// (吉林, 海南); counties of the same name (西安区) do not count.
	if utf8.RuneCountInString(p.ShortZh) >= 2 && w.uniqueAbove(w.g.LookupZh(p.ShortZh), p) {
		c.zh = p.ShortZh
	}
	// English reports write a city's pinyin even when another place shares
	// it (Suzhou, Fuzhou); only a name that is also a province's (Jilin,
	// Hainan) takes the long form.
	if p.Pinyin != "" && (p.Level == gazetteer.Province || !w.isProvinceName(p.Pinyin)) {
		c.en = p.Pinyin
	}
	c.slug = slugOf(p.Pinyin)
	pr.cities = append(pr.cities, c)
	w.cities[p.Code] = c
}

// slugOf folds a pinyin name to lower-case ASCII letters: Lüliang → lvliang.
func slugOf(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z':
			b.WriteRune(r)
		case r == 'ü':
			b.WriteByte('v')
		case r == 'ê' || r == 'é' || r == 'è':
			b.WriteByte('e')
		}
	}
	return b.String()
}

// placeFree reports whether no substring of zh (two to four characters) is a
// place name and en is not a place name, so an invented name cannot be read
// as a location.
func (w *world) placeFree(zh, en string) bool {
	var starts [16]int
	n := 0
	for i := range zh {
		if n == len(starts) {
			break
		}
		starts[n] = i
		n++
	}
	for a := 0; a < n; a++ {
		for b := a + 2; b <= n && b <= a+4; b++ {
			end := len(zh)
			if b < n {
				end = starts[b]
			}
			if _, ok := w.zhNames[zh[starts[a]:end]]; ok {
				return false
			}
		}
	}
	return en == "" || len(w.g.LookupEn(en)) == 0
}

// isProvinceName reports whether an English name is also a province's.
func (w *world) isProvinceName(en string) bool {
	for _, q := range w.g.LookupEn(en) {
		if q.Level == gazetteer.Province {
			return true
		}
	}
	return false
}

// uniqueAbove reports whether p is the only province- or prefecture-level
// place in list.
func (w *world) uniqueAbove(list []*gazetteer.Place, p *gazetteer.Place) bool {
	for _, q := range list {
		if q != p && q.Level <= gazetteer.Prefecture {
			return false
		}
	}
	return true
}

// countyZh returns the name a zone takes from a county: the short name
// unless another place shares it (海南区 of Wuhai is not 海南).
func (w *world) countyZh(p *gazetteer.Place) string {
	if len(w.g.LookupZh(p.ShortZh)) == 1 {
		return p.ShortZh
	}
	return p.NameZh
}

// countyEn is countyZh in English.
func (w *world) countyEn(p *gazetteer.Place) string {
	if len(w.g.LookupEn(p.Pinyin)) == 1 {
		return p.Pinyin
	}
	return p.NameEn
}

// joinFree reports whether no place name spans the join of a and b.
func (w *world) joinFree(a, b string) bool {
	var buf [32]byte
	s := append(append(buf[:0], a...), b...)
	for i := range a {
		if len(a)-i > 9 {
			continue // at most three characters before the join
		}
		for j := len(a) + 1; j <= len(s); j++ {
			if j < len(s) && s[j]&0xC0 == 0x80 {
				continue
			}
			if j-i > 12 {
				break
			}
			if _, ok := w.zhNames[string(s[i:j])]; ok {
				return false
			}
		}
	}
	return true
}
