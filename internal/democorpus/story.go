package democorpus

import (
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/investnews/regionsearch/analyzers/gazetteer"
)

// kind is the sort of story a report tells; each has Chinese and English
// skeletons.
type kind uint8

const (
	kSigning     kind = iota // signing ceremony at home: N projects, a total, some described
	kPromotion               // a city's promotion event held in another city
	kSingle                  // one project lands, with a company from elsewhere
	kGroundbreak             // projects start construction together
	kSummary                 // investment attraction figures of a half-year or year
	kTradeWeek               // a province's trade week held elsewhere, projects in several cities
	kListed                  // a listed company announces an investment agreement
	kForeign                 // a foreign-invested project, in dollars or euros
	kProgress                // a project's progress, with no investment figure
	kNoPlace                 // a company's plan with no site yet
	kRural                   // a small rural project, in 万元
	numKinds
)

// kindWeights are the shares of the kinds in a corpus, in percent.
var kindWeights = [numKinds]int{20, 10, 16, 8, 8, 5, 9, 6, 6, 3, 5}

// provWeights weight a province's share of reports by the first two digits
// of its code: rich coastal provinces make more investment news.
var provWeights = map[string]int{
	"11": 4, "12": 3, "13": 5, "14": 4, "15": 4, "21": 4, "22": 3, "23": 3, "31": 5, "32": 9,
	"33": 8, "34": 6, "35": 5, "36": 5, "37": 8, "41": 6, "42": 6, "43": 6, "44": 9, "45": 4,
	"46": 3, "50": 5, "51": 7, "52": 4, "53": 4, "54": 1, "61": 5, "62": 3, "63": 1, "64": 2, "65": 3,
}

// zone is a development zone, park or new area and its names.
type zone struct {
	zh, zhShort string // 聊城高新区, 高新区
	en, enShort string // Liaocheng Hi-tech Zone, the hi-tech zone
	county      *gazetteer.Place
}

// company is an investor.
type company struct {
	brand   syllables
	sec     *sector
	ind     int // index into sec.coZh
	form    int // legal form
	home    *city
	foreign *foreignCo
	cityTag bool // the Chinese name starts with the home city (深圳市…)
	stock   string
}

// foreignCo is an invented foreign investor.
type foreignCo struct{ zh, en, countryZh, adjEn string }

var foreignCos = []foreignCo{
	{"科尔施泰因", "Kohlstein", "德国", "German"}, {"诺德维克", "Nordvik", "瑞典", "Swedish"},
	{"费尔德曼", "Veldmann", "德国", "German"}, {"阿尔梅拉", "Almera", "荷兰", "Dutch"},
	{"山岸", "Yamagishi", "日本", "Japanese"}, {"瑟林", "Seorin", "韩国", "South Korean"},
	{"梅里迪安", "Meridane", "新加坡", "Singaporean"}, {"博勒加德", "Beauregard", "法国", "French"},
	{"卡斯泰利", "Castelli", "意大利", "Italian"}, {"维克斯顿", "Wexton", "美国", "US"},
}

// project is one investment a report describes.
type project struct {
	co     *company
	sec    *sector
	prod   *product
	ptype  int
	amt    amount // the project's investment; !ok() when the report gives none
	phase  amount // first-phase investment, part of amt
	output amount // expected annual output value: never an investment
	tax    amount // expected annual tax: never an investment
	capN   int    // capacity figure, when prod.cap is set
	jobs   int
	city   *city
	county *gazetteer.Place
	exec   person
	role   int // executive's title
}

// story is what one report is about, before it is written in a language.
type story struct {
	kind   kind
	zh     bool
	trad   bool
	pub    time.Time // publication date
	evt    time.Time // date of the event reported
	prov   *prov
	city   *city
	county *gazetteer.Place
	zone   zone
	venue  *city // where the event took place when not at home
	n      int   // projects signed at the event
	nBig   int   // of which 100 million yuan or more
	total  amount
	projs  []*project
	extra  []*sector // further sectors of the event's projects, named in lists
	slogan []*sector // the zone's leading industries: not Truth

	// Figures that are not the investment reported.
	gdp, indOutput, lastTotal, exports, revenue amount
	zoneOutput, zoneExports                     amount
	lastN, growth, gdpGrowth                    int // growth in tenths of a percent
	half                                        int // 0 first quarter … 4 whole year
	ordinal                                     int // the event's edition
	off1, off2                                  person
	off1Role, off2Role                          int
	source                                      *source
}

// newStory draws the facts of report i.
func (w *world) newStory(r *rand.Rand, i int) *story {
	st := &story{zh: r.IntN(100) < 50}
	st.trad = st.zh && r.IntN(100) < 5
	st.kind = pickKind(r)
	day := r.IntN(int(lastDay.Sub(firstDay).Hours()/24) + 1)
	st.pub = firstDay.AddDate(0, 0, day)
	st.evt = st.pub.AddDate(0, 0, -r.IntN(4))
	st.prov = w.pickProv(r, i)
	st.city = pickCity(r, st.prov)
	if len(st.city.counties) > 0 && r.IntN(100) < 55 {
		st.county = st.city.counties[r.IntN(len(st.city.counties))]
	}
	f := w.featuredStory(st, i)
	st.zone = w.pickZone(r, st.city, st.county)
	if st.zone.county != nil {
		st.county = st.zone.county
	}
	if f != nil && f.county != "" && st.county != nil && st.county.Code == f.county {
		st.zone = zone{} // the featured county itself, not a zone in it
	}
	st.off1, st.off2 = w.newPerson(r), w.newPerson(r)
	// One of the city's leaders and one deputy, bureau head or zone chief.
	st.off1Role, st.off2Role = r.IntN(3), 3+r.IntN(5)
	st.ordinal = 2 + r.IntN(12)
	st.half = r.IntN(5)

	if st.kind == kPromotion || st.kind == kTradeWeek || (st.kind == kSigning && r.IntN(100) < 15) {
		st.venue = w.pickVenue(r, st.prov)
	}

	// The zone's theme: one to three leading sectors.
	theme := make([]*sector, 0, 3)
	for range 1 + r.IntN(3) {
		theme = appendSector(theme, sectors[r.IntN(len(sectors))])
	}
	nProj := 2 + r.IntN(3)
	switch st.kind {
	case kSingle, kListed, kForeign, kProgress, kNoPlace:
		nProj = 1
		if st.kind == kListed && r.IntN(100) < 30 {
			nProj = 2
		}
	case kRural:
		nProj = 1 + r.IntN(2)
		theme = []*sector{sectorByKey("agriculture-food"), sectorByKey("culture-tourism")}
	}
	var sharedCo *company
	for k := range nProj {
		sec := theme[r.IntN(len(theme))]
		if r.IntN(100) < 30 && st.kind != kRural {
			sec = sectors[r.IntN(len(sectors))]
		}
		p := &project{sec: sec, ptype: r.IntN(8), city: st.city, county: st.county, role: r.IntN(5)}
		// A report does not describe the same product twice; a company
		// whose site is not chosen yet plans a plant, not a park.
		for try := 0; p.prod == nil || try < 40 && !st.fits(p); try++ {
			if try%8 == 7 {
				sec = sectors[r.IntN(len(sectors))]
				p.sec = sec
			}
			p.prod = &sec.prods[r.IntN(len(sec.prods))]
		}
		if k == 0 && f != nil && f.prod != "" {
			if fs, fp := productByZh(f.prod); fp != nil {
				sec, p.sec, p.prod = fs, fs, fp
			}
		}
		if !p.mfg() || strings.Contains(p.prod.en, "production") || strings.Contains(p.prod.en, "R&D") || strings.Contains(p.prod.en, "manufacturing") {
			p.ptype = 0 // a coal mine is a project, not an R&D base
		}
		p.exec = w.newPerson(r)
		if k > 0 && p.county != nil && r.IntN(2) == 0 {
			p.county = nil
		}
		lo, hi := sec.lo, sec.hi
		cur := cny
		switch st.kind {
		case kRural:
			lo, hi = 4, 6.6 // 1万 to 400万元
		case kForeign:
			cur = usd
			if r.IntN(4) == 0 {
				cur = eur
			}
			lo, hi = lo-1, hi-1
		}
		p.amt = newAmount(r, randValue(r, lo, hi), cur)
		if r.IntN(100) < 12 {
			p.amt = p.amt.withMod(modifier(1 + r.IntN(4)))
		}
		if p.amt.v >= 2e8 && r.IntN(100) < 40 {
			p.phase = newAmount(r, roundSig(float64(p.amt.v)*(0.2+0.5*r.Float64()), 2), cur)
		}
		p.output = newAmount(r, roundSig(p.amt.yuan()*(0.8+3*r.Float64()), 2), cny)
		// About one job per 0.5–3 million yuan, as reports claim.
		p.jobs = int(roundSig(min(max(p.amt.yuan()/(5e5+2.5e6*r.Float64()), 8), 5000), 2))
		p.tax = newAmount(r, roundSig(p.output.yuan()*(0.03+0.07*r.Float64()), 2), cny)
		if p.prod.cap != nil {
			c := p.prod.cap
			p.capN = c.lo + r.IntN(c.hi-c.lo+1)
			if p.capN > 100 {
				p.capN = int(roundSig(float64(p.capN), 2))
			}
		}
		if k > 0 && sharedCo != nil && st.kind == kListed {
			p.co = sharedCo
		} else {
			p.co = w.newCompany(r, st, sec)
		}
		sharedCo = p.co
		if p.co.home == w.hk && p.amt.cur == eur {
			p.amt.cur, p.phase.cur = usd, usd
		}
		st.projs = append(st.projs, p)
	}
	if st.kind == kProgress || (st.kind == kNoPlace && r.IntN(3) == 0) {
		for _, p := range st.projs {
			p.amt, p.phase = amount{}, amount{}
		}
	}
	if st.kind == kTradeWeek || st.kind == kListed {
		// Projects spread over the province's cities; a listed company
		// may build its second plant anywhere.
		for k, p := range st.projs {
			if k > 0 && len(st.prov.cities) > 1 {
				pr := st.prov
				if st.kind == kListed && r.IntN(2) == 0 {
					pr = w.provs[r.IntN(len(w.provs))]
				}
				local := p.co.home == p.city
				p.city = pickCity(r, pr)
				p.county = nil
				if local {
					p.co.home = p.city
				}
				if len(p.city.counties) > 0 && r.IntN(2) == 0 {
					p.county = p.city.counties[r.IntN(len(p.city.counties))]
				}
			}
		}
		st.zone = zone{}
	}
	if st.kind != kListed {
		sortProjects(st.projs)
	}
	st.city, st.county = st.projs[0].city, st.projs[0].county

	// The event: how many projects and how much in all.
	var sum float64
	for _, p := range st.projs {
		sum += p.amt.yuan()
	}
	switch st.kind {
	case kSigning, kPromotion, kGroundbreak, kSummary, kTradeWeek:
		lo, hi := 5, 40
		switch st.kind {
		case kGroundbreak:
			lo, hi = 8, 120
		case kSummary:
			lo, hi = 20, 300
		case kTradeWeek:
			lo, hi = 40, 400
		case kPromotion:
			lo, hi = 6, 60
		}
		st.n = lo + r.IntN(hi-lo+1)
		if st.n < len(st.projs) {
			st.n = len(st.projs)
		}
		st.nBig = st.n * (30 + r.IntN(60)) / 100
		if r.IntN(100) < 85 {
			// Most of an event's projects go undescribed: the total is
			// well above the sum of those the report names.
			t := roundSig(max(sum*(1.2+r.Float64()), float64(st.n)*math.Pow(10, 7.7+1.5*r.Float64())), 2+r.IntN(3))
			st.total = newAmount(r, t, cny)
			switch {
			case t >= 1e11 && r.IntN(100) < 60:
				// 超千亿元, more than 100 billion yuan: the round figure below.
				e := pow10[sigExp(t)]
				st.total = newAmount(r, t/e*e, cny)
				st.total.hanzi = r.IntN(2) == 0
				st.total = st.total.withMod(modOver)
			case r.IntN(100) < 15:
				st.total = st.total.withMod(modifier(1 + r.IntN(4)))
			}
		}
		for range r.IntN(3) {
			st.extra = appendSector(st.extra, sectors[r.IntN(len(sectors))])
		}
	}
	st.slogan = append(st.slogan, theme...)
	if r.IntN(2) == 0 {
		st.slogan = appendSector(st.slogan, sectors[r.IntN(len(sectors))])
	}

	// Figures that must not become the amount. A capital's or a
	// municipality's GDP is larger than a prefecture's.
	lo, hi := 10.9, 11.9
	switch {
	case gazetteer.IsMunicipality(st.city.p.Code):
		lo, hi = 12.2, 12.7
	case st.city == st.city.prov.cities[0]:
		lo, hi = 11.4, 12.4
	}
	st.gdp = newAmount(r, randValue(r, lo, hi), cny)
	st.gdp.v = roundSig(float64(st.gdp.v), 4+r.IntN(2))
	st.gdp.hanzi = false
	st.gdpGrowth = 30 + r.IntN(60)
	st.indOutput = newAmount(r, roundSig(float64(st.gdp.v)*(0.3+0.9*r.Float64()), 3), cny)
	st.indOutput.hanzi = false
	// The zone is a part of the city.
	st.zoneOutput = newAmount(r, roundSig(float64(st.indOutput.v)*(0.05+0.3*r.Float64()), 3), cny)
	st.zoneExports = newAmount(r, roundSig(float64(st.zoneOutput.v)*(0.02+0.3*r.Float64()), 2), cny)
	st.lastN = 20 + r.IntN(200)
	st.lastTotal = newAmount(r, roundSig(sum*(1+8*r.Float64())+1e9, 2+r.IntN(2)), cny)
	st.exports = newAmount(r, roundSig(float64(st.gdp.v)*(0.03+0.5*r.Float64()), 3), cny)
	st.growth = 50 + r.IntN(400)
	if len(st.projs) > 0 {
		p := st.projs[0]
		base := p.amt.yuan()
		if base == 0 {
			base = math.Pow(10, p.sec.lo+r.Float64()*(p.sec.hi-p.sec.lo))
		}
		st.revenue = newAmount(r, roundSig(base*(1.5+6*r.Float64())+1e8, 3), cny)
	}
	st.source = pickSource(r, st)
	return st
}

var (
	firstDay = time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
	lastDay  = time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)
)

func pickKind(r *rand.Rand) kind {
	n := r.IntN(100)
	for k, w := range kindWeights {
		if n < w {
			return kind(k)
		}
		n -= w
	}
	return kSigning
}

// pickProv draws a province; every eighth report takes the provinces in
// turn so that any corpus of a few hundred reports covers all 31.
func (w *world) pickProv(r *rand.Rand, i int) *prov {
	if i%8 == 0 {
		return w.provs[(i/8)%len(w.provs)]
	}
	n := r.IntN(w.provWeight)
	for _, p := range w.provs {
		n -= provWeights[p.p.Code[:2]]
		if n < 0 {
			return p
		}
	}
	return w.provs[0]
}

// pickCity draws a city of the province; the capital (listed first) is
// three times as likely as the others.
func pickCity(r *rand.Rand, pr *prov) *city {
	n := r.IntN(len(pr.cities) + 2)
	if n >= len(pr.cities) {
		return pr.cities[0]
	}
	return pr.cities[n]
}

// pickVenue draws a city outside the province for an event held away.
func (w *world) pickVenue(r *rand.Rand, pr *prov) *city {
	for {
		c := w.venues[r.IntN(len(w.venues))]
		if c.prov != pr {
			return c
		}
	}
}

// pickZone names the development zone or park of a story.
func (w *world) pickZone(r *rand.Rand, c *city, county *gazetteer.Place) zone {
	switch n := r.IntN(100); {
	case n < 8 && len(c.newAreas) > 0:
		a := c.newAreas[r.IntN(len(c.newAreas))]
		return zone{zh: a.NameZh, zhShort: "新区", en: a.NameEn, enShort: "the new area"}
	case n < 20 && len(c.fzones) > 0:
		f := c.fzones[r.IntN(len(c.fzones))]
		rest := strings.NewReplacer(c.zhFull, "", c.zh, "", c.prov.zhShort, "").Replace(f.NameZh)
		if w.placeFree(rest, "") {
			z := zone{zh: f.NameZh, zhShort: "开发区", en: c.en + " Economic Development Zone", enShort: "the zone"}
			switch {
			case strings.Contains(f.NameZh, "高新"), strings.Contains(f.NameZh, "高技术"):
				z.zhShort, z.en, z.enShort = "高新区", c.en+" High-tech Industrial Development Zone", "the hi-tech zone"
			case strings.Contains(f.NameZh, "经济技术"):
				z.en = c.en + " Economic and Technological Development Zone"
			case strings.HasSuffix(f.NameZh, "园区"):
				z.zhShort, z.en, z.enShort = "园区", c.en+" Industrial Park", "the park"
			}
			return z
		}
	}
	if county != nil && r.IntN(100) < 45 {
		zh, en := w.countyZh(county), w.countyEn(county)
		if r.IntN(2) == 0 {
			return zone{zh: zh + "经济开发区", zhShort: "开发区", en: en + " Economic Development Zone", enShort: "the zone", county: county}
		}
		return zone{zh: zh + "工业园区", zhShort: "园区", en: en + " Industrial Park", enShort: "the park", county: county}
	}
	switch r.IntN(6) {
	case 0, 1:
		return zone{zh: c.zh + "高新区", zhShort: "高新区", en: c.en + " Hi-tech Zone", enShort: "the hi-tech zone"}
	case 2:
		return zone{zh: c.zh + "高新技术产业开发区", zhShort: "高新区", en: c.en + " High-tech Industrial Development Zone", enShort: "the hi-tech zone"}
	case 3:
		return zone{zh: c.zh + "经济技术开发区", zhShort: "经开区", en: c.en + " Economic and Technological Development Zone", enShort: "the development zone"}
	case 4:
		return zone{zh: c.zh + "经开区", zhShort: "经开区", en: c.en + " ETDZ", enShort: "the ETDZ"}
	}
	return zone{zh: c.zh + "综合保税区", zhShort: "综保区", en: c.en + " Comprehensive Bonded Zone", enShort: "the bonded zone"}
}

// newCompany draws an investor for a project of the story.
func (w *world) newCompany(r *rand.Rand, st *story, sec *sector) *company {
	co := &company{sec: sec, ind: r.IntN(len(sec.coZh)), form: r.IntN(6)}
	// The brand and the industry word together must not spell a place
	// either (…通 + 化学 reads 通化).
	for {
		co.brand = w.brands[r.IntN(len(w.brands))]
		if w.joinFree(co.brand.zh, sec.coZh[co.ind]) {
			break
		}
	}
	n := r.IntN(100)
	switch {
	case st.kind == kForeign && n < 85:
		f := foreignCos[r.IntN(len(foreignCos))]
		co.foreign = &f
		return co
	case st.kind == kForeign:
		co.home = w.hk // Hong Kong money counts as foreign investment
	case (st.kind == kPromotion || st.kind == kTradeWeek) && st.venue != nil && n < 55:
		co.home = st.venue
	case st.kind == kRural && n < 60:
		co.home = st.city // a local cooperative or firm
	case n < 66:
		for {
			c := w.hubs[r.IntN(len(w.hubs))]
			if c.prov != st.prov {
				co.home = c
				break
			}
		}
	case n < 72:
		pr := w.provs[r.IntN(len(w.provs))]
		if pr != st.prov {
			co.home = pr.cities[r.IntN(len(pr.cities))]
		}
	case n < 82:
		co.home = st.city
	case n < 86:
		co.home = w.hk
	}
	co.cityTag = co.home != nil && r.IntN(100) < 80
	if st.kind == kListed {
		prefix := [...]string{"600", "601", "603", "000", "002", "300", "688"}[r.IntN(7)]
		co.stock = prefix + threeDigits(r.IntN(1000))
	}
	return co
}

func threeDigits(n int) string {
	return string([]byte{byte('0' + n/100), byte('0' + n/10%10), byte('0' + n%10)})
}

// sigExp returns the power of ten of v's leading digit.
func sigExp(v int64) int {
	e := 0
	for v >= 10 {
		v /= 10
		e++
	}
	return e
}

// ruralProducts are what a village builds.
var ruralProducts = map[string]bool{"生猪养殖": true, "预制菜": true, "果蔬精深加工": true, "茶叶精深加工": true,
	"食用菌工厂化种植": true, "智慧农业产业园": true, "乡村旅游": true, "研学基地": true, "房车露营地": true, "粮油加工": true}

// fits reports whether a project's product suits the story: no product
// twice, plants for foreign investors and for companies without a site,
// village-sized projects for villages, and no coal mines in Beijing.
func (st *story) fits(p *project) bool {
	if usedProd(st.projs, p.prod) {
		return false
	}
	switch st.kind {
	case kNoPlace, kForeign:
		return p.mfg()
	case kRural:
		return ruralProducts[p.prod.zh]
	}
	if p.sec.key == "mining-energy" && (st.city.p.Code == "110000" || st.city.p.Code == "310000") {
		return false
	}
	return true
}

func usedProd(ps []*project, prod *product) bool {
	for _, p := range ps {
		if p.prod == prod {
			return true
		}
	}
	return false
}

func appendSector(list []*sector, s *sector) []*sector {
	for _, t := range list {
		if t == s {
			return list
		}
	}
	return append(list, s)
}

// sortProjects puts the largest investment first (insertion sort: a report
// describes a handful).
func sortProjects(ps []*project) {
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && ps[j].amt.yuan() > ps[j-1].amt.yuan(); j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}

// featured are the first reports of every corpus: the places and products a
// newcomer tries first (聊城 and 碳化硅, Jiangyin, photomask, 两江新区), so
// the demo answers them. They use the random draws of an ordinary story,
// overriding only where and what.
var featured = []struct {
	zh           bool
	kind         kind
	city, county string // gazetteer codes; county may be empty
	prod         string // a product's Chinese name; empty keeps the drawn one
}{
	{true, kSigning, "371500", "", "碳化硅芯片封测"},
	{false, kSingle, "371500", "", "碳化硅芯片封测"},
	{false, kSigning, "320200", "320281", ""},
	{true, kSigning, "320200", "320281", ""},
	{false, kSingle, "330400", "330402", "光掩膜材料"},
	{true, kSingle, "330400", "330402", "光掩膜材料"},
	{true, kSigning, "500000", "500157", ""},
	{false, kSigning, "500000", "500157", ""},
}

// featuredStory applies the featured facts of report i to st, if any, and
// returns them.
func (w *world) featuredStory(st *story, i int) *struct {
	zh           bool
	kind         kind
	city, county string
	prod         string
} {
	if i >= len(featured) {
		return nil
	}
	f := &featured[i]
	c := w.cities[f.city]
	if c == nil {
		return nil
	}
	st.zh, st.trad, st.kind = f.zh, false, f.kind
	st.prov, st.city, st.county = c.prov, c, nil
	for _, cp := range append(c.counties[:len(c.counties):len(c.counties)], c.newAreas...) {
		if cp.Code == f.county {
			st.county = cp
		}
	}
	return f
}

// productByZh finds a product by its Chinese name.
func productByZh(zh string) (*sector, *product) {
	for _, sec := range sectors {
		for k := range sec.prods {
			if sec.prods[k].zh == zh {
				return sec, &sec.prods[k]
			}
		}
	}
	return nil, nil
}
