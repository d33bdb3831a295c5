package democorpus

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/investnews/regionsearch/analyzers/gazetteer"
)

// slot is a fillable place in a template.
type slot uint8

// The slots. Those marked "site" record a place where the investment lands,
// "inv" an investor's home province, "sector" a sector, "amount" a candidate
// headline figure; all others record nothing (venues, statistics, people).
const (
	_                slot = iota
	sProv                 // 山东省 / Shandong Province (site)
	sProvShort            // 山东 / Shandong (site)
	sProvDept             // 山东省商务厅 / the Shandong Provincial Department of Commerce (site)
	sRegion               // 华东 / east China's
	sCity                 // 聊城 / Liaocheng (site)
	sCityFull             // 聊城市 / Liaocheng City (site)
	sCityIn               // 山东省聊城市 / Liaocheng, east China's Shandong Province (site)
	sCounty               // 东昌府区 / Dongchangfu District (site), the city when none
	sCountyOf             // 聊城市东昌府区 / Dongchangfu District of Liaocheng (site)
	sZone                 // 聊城高新区 / Liaocheng Hi-tech Zone (site), the county or city when none
	sZoneShort            // 高新区 / the hi-tech zone
	sVenue                // 深圳 / Shenzhen: where an event was held away from home
	sVenueRegion          // 粤港澳大湾区 / Greater Bay Area: the region of the venue, short
	sVenueRegionFull      // 粤港澳大湾区 / Guangdong-Hong Kong-Macao Greater Bay Area
	sCountyKind           // 区 / district: what the county is
	sDateline             // LIAOCHENG
	sN                    // projects signed
	sNBig                 // of which 100 million yuan or more
	sNRest                // projects not described
	sEvtEnd               // the last day of a several-day event
	sTotal                // the event's total (amount)
	sAnnual               // this year's planned investment of the projects started
	sPaid                 // funds actually received
	sEvtDate              // 3月28日 / March 28
	sPubDate              // 2023年3月30日 / March 30, 2023
	sYear                 // year of the event
	sLastYear             // the year before
	sNextYear             // a year or two later
	sPeriod               // 今年一季度 / in the first quarter
	sPeriodCap            // the same at the start of a sentence: In the first quarter
	sZoneShortCap         // 高新区 / The hi-tech zone, at the start of a sentence
	sZoneIn               // 聊城高新区 / Liaocheng Hi-tech Zone, Liaocheng, east China's Shandong Province (site)
	sOrdinal              // 第四届 / fourth
	sSectorList           // 新能源、新材料 (sector): the event's projects
	sSlogan               // the zone's leading industries (no sector recorded)
	sGrowth               // 23.5%
	sRate                 // 83.4%
	sCo                   // 深圳市华芯邦科技有限公司 / Shenzhen Huaxinbang Technology Co., Ltd. (inv when named)
	sCoShort              // 华芯邦科技 / Huaxinbang Technology
	sCoDesc               // 一家深圳企业 / a Shenzhen-based company (inv)
	sCoHome               // 深圳 / Shenzhen (inv)
	sCoCountry            // 德国 / German
	sStock                // 603123
	sFounded              // year the company was founded
	sProd                 // 碳化硅芯片封测 / silicon carbide chip packaging and testing (sector)
	sProdFull             // 碳化硅芯片封测生产基地 / silicon carbide chip packaging and testing base (sector)
	sAProdFull            // the same with an English article: an RF module packaging and testing base (sector)
	sAmt                  // the project's investment (amount)
	sAmtAdj               // 1.2-billion-yuan (amount)
	sAmtP                 // the project's investment inside parentheses: never "… ($1 million)" (amount)
	sField                // what the company does: the product for a maker, else the sector (sector)
	sAmtConv              // 约合人民币2.1亿元 / about 213 million yuan: a conversion of a foreign figure
	sPhase                // first-phase investment
	sCap                  // 年产10GWh / 10 GWh a year
	sOutput               // expected annual output value
	sTax                  // expected annual tax
	sJobs                 // 1200
	sArea                 // 320 (亩)
	sMonths               // construction period in months
	sPCity                // the project's city (site)
	sPCountyOf            // the project's county, or its city (site)
	sExec                 // 董事长李明 / Li Ming, chairman of Huaxinbang Technology
	sExecName             // 李明 / Li Ming
	sGDP                  // the city's GDP
	sGDPGrowth            // 5.2%
	sZoneOutput           // the zone's industrial output
	sZoneExports          // the zone's foreign trade
	sIndOutput            // industrial output value
	sLastN                // projects signed last year
	sLastTotal            // their total investment last year
	sExports              // foreign trade
	sRevenue              // the company's revenue
	sProfit               // the company's net profit
	sPrice                // share price: 12.35
	sMarketCap            // market capitalisation
	sFDI                  // foreign investment actually used
	sMarket               // a market-size forecast
	sIncome               // a village's collective income
	sPIncome              // what the current project adds to a village's income a year
	sOff1                 // 聊城市委书记张汝京 / Zhang Rujing, Party secretary of Liaocheng (site)
	sOff1Name             // 张汝京 / Zhang Rujing
	sOff2                 // second official (site)
	sOff2Name             //
	sOffProv              // 山东省副省长王海 / Wang Hai, vice governor of Shandong Province (site)
	sTown                 // 石桥镇
	sVillage              // 杨家湾村
	numSlots
)

var slotNames = map[string]slot{
	"prov": sProv, "provShort": sProvShort, "provDept": sProvDept, "region": sRegion, "city": sCity,
	"cityFull": sCityFull, "cityIn": sCityIn, "county": sCounty, "countyOf": sCountyOf, "zone": sZone,
	"zoneShort": sZoneShort, "venue": sVenue, "venueRegion": sVenueRegion, "venueRegionFull": sVenueRegionFull, "countyKind": sCountyKind, "dateline": sDateline,
	"n": sN, "nBig": sNBig, "nRest": sNRest, "evtEnd": sEvtEnd, "total": sTotal, "annual": sAnnual, "paid": sPaid, "evtDate": sEvtDate,
	"pubDate": sPubDate, "year": sYear, "lastYear": sLastYear, "nextYear": sNextYear, "period": sPeriod, "Period": sPeriodCap, "ZoneShort": sZoneShortCap, "zoneIn": sZoneIn,
	"ordinal": sOrdinal, "sectorList": sSectorList, "slogan": sSlogan, "growth": sGrowth, "rate": sRate,
	"co": sCo, "coShort": sCoShort, "coDesc": sCoDesc, "coHome": sCoHome, "coCountry": sCoCountry,
	"stock": sStock, "founded": sFounded, "prod": sProd, "prodFull": sProdFull, "aProdFull": sAProdFull, "amt": sAmt,
	"amtAdj": sAmtAdj, "amtP": sAmtP, "field": sField, "amtConv": sAmtConv, "phase": sPhase, "cap": sCap, "output": sOutput, "tax": sTax,
	"jobs": sJobs, "area": sArea, "months": sMonths, "pcity": sPCity, "pcountyOf": sPCountyOf,
	"exec": sExec, "execName": sExecName, "gdp": sGDP, "gdpGrowth": sGDPGrowth, "zoneOutput": sZoneOutput, "zoneExports": sZoneExports, "indOutput": sIndOutput,
	"lastN": sLastN, "lastTotal": sLastTotal, "exports": sExports, "revenue": sRevenue, "profit": sProfit,
	"price": sPrice, "marketCap": sMarketCap, "fdi": sFDI, "market": sMarket, "income": sIncome, "pIncome": sPIncome,
	"off1": sOff1, "off1Name": sOff1Name, "off2": sOff2, "off2Name": sOff2Name, "offProv": sOffProv,
	"town": sTown, "village": sVillage,
}

// cond is a fact a conditional choice tests.
type cond uint8

const (
	_        cond = iota
	cTotal        // the event total is stated
	cAmt          // the current project's investment is stated
	cPhase        // … and a first phase
	cCap          // the product has a capacity phrase
	cHome         // the company's home is known
	cCounty       // the story names a county
	cZone         // the story names a zone
	cVenue        // the event was held away from home
	cForeign      // the company is foreign
	cLocal        // the company is from the city itself
	cStock        // the company is listed
	cAdj          // the amount can be written 1.2-billion-yuan
	cMuni         // the city is a municipality
	cMod          // the amount carries a modifier (超, about)
	cCNY          // the amount is in yuan
	cMulti        // the story has more than one project
	cMfg          // the project makes things (else it is a service or facility)
	cFirst        // the current project is the story's first (largest)
	numConds
)

var condNames = map[string]cond{
	"total": cTotal, "amt": cAmt, "phase": cPhase, "cap": cCap, "home": cHome, "county": cCounty,
	"zone": cZone, "venue": cVenue, "foreign": cForeign, "local": cLocal, "stock": cStock, "adj": cAdj,
	"muni": cMuni, "mod": cMod, "cny": cCNY, "multi": cMulti, "mfg": cMfg, "first": cFirst,
}

// doc writes one report and records, as it writes, what Truth needs.
type doc struct {
	w   *world
	r   *rand.Rand
	st  *story
	zh  bool
	b   []byte
	cur *project
	ind bool // indent paragraphs

	homeSaid *project // the project whose company's home was last written

	cities, provs, invs, secs []string
	others                    []string // places written that are not sites: venues, investors' homes
	total                     *amountSeen
	best                      *amountSeen
	seen                      [2]amountSeen
}

// amountSeen is a figure the report wrote.
type amountSeen struct {
	text string
	cny  float64
}

func (d *doc) reset(w *world, r *rand.Rand, st *story) {
	*d = doc{w: w, r: r, st: st, zh: st.zh, b: d.b[:0], ind: st.zh && st.source.indent,
		cities: d.cities[:0], provs: d.provs[:0], invs: d.invs[:0], secs: d.secs[:0], others: d.others[:0]}
}

// render writes a template.
func (d *doc) render(t tmpl) {
	for i := range t {
		n := &t[i]
		switch {
		case n.cond != 0:
			if d.test(n.cond) != n.neg {
				d.render(n.alts[0])
			} else if len(n.alts) > 1 {
				d.render(n.alts[1])
			}
		case n.alts != nil:
			d.render(n.alts[d.r.IntN(len(n.alts))])
		case n.slot != 0:
			d.emit(n.slot)
		default:
			d.b = append(d.b, n.lit...)
		}
	}
}

// say writes one of the templates.
func (d *doc) say(ts []tmpl) { d.render(ts[d.r.IntN(len(ts))]) }

// sayP writes one of the templates about project p.
func (d *doc) sayP(p *project, ts []tmpl) {
	d.cur = p
	d.say(ts)
}

// sayEach writes one template about each project, never the same template
// twice while the pool lasts, joined by sep.
func (d *doc) sayEach(ps []*project, ts []tmpl, sep string) {
	k := d.r.IntN(len(ts))
	for i, p := range ps {
		if i > 0 {
			d.sep(sep)
		}
		d.cur = p
		d.render(ts[(k+i)%len(ts)])
	}
	d.cur = nil
}

// sayAll writes the templates of a pool in turn, starting at a random one.
func (d *doc) sayAll(ts []tmpl, n int, sep string) {
	k := d.r.IntN(len(ts))
	for i := range n {
		if i > 0 {
			d.sep(sep)
		}
		d.render(ts[(k+i)%len(ts)])
	}
}

// sep writes a separator; a blank line ends a paragraph.
func (d *doc) sep(s string) {
	if s == "\n\n" {
		d.para()
		return
	}
	d.b = append(d.b, s...)
}

// para ends a paragraph.
func (d *doc) para() {
	d.b = append(d.b, "\n\n"...)
	if d.ind {
		d.b = append(d.b, "　　"...)
	}
}

func (d *doc) test(c cond) bool {
	st, p := d.st, d.cur
	if p == nil && len(st.projs) > 0 {
		p = st.projs[0]
	}
	switch c {
	case cTotal:
		return st.total.ok()
	case cAmt:
		return p != nil && p.amt.ok()
	case cPhase:
		return p != nil && p.amt.ok() && p.phase.ok()
	case cCap:
		return p != nil && p.prod.cap != nil
	case cHome:
		return p != nil && p.co.home != nil
	case cCounty:
		return st.county != nil
	case cZone:
		return st.zone.zh != ""
	case cVenue:
		return st.venue != nil
	case cForeign:
		return p != nil && p.co.foreign != nil
	case cLocal:
		return p != nil && p.co.home == p.city
	case cStock:
		return p != nil && p.co.stock != ""
	case cAdj:
		return p != nil && p.amt.adjOK()
	case cMuni:
		return gazetteer.IsMunicipality(st.city.p.Code)
	case cMod:
		return p != nil && p.amt.mod != modNone
	case cCNY:
		return p != nil && p.amt.cur == cny
	case cMulti:
		return len(st.projs) > 1
	case cMfg:
		return p != nil && p.mfg()
	case cFirst:
		return p != nil && len(st.projs) > 0 && p == st.projs[0]
	}
	return false
}

func addCode(list []string, code string) []string {
	for _, c := range list {
		if c == code {
			return list
		}
	}
	return append(list, code)
}

// site records a city where the investment lands.
func (d *doc) site(c *city) {
	d.cities = addCode(d.cities, c.p.Code)
	d.provs = addCode(d.provs, c.prov.p.Code)
}

// investor records the home of the project's company.
func (d *doc) investor(p *project) {
	if p != nil && p.co.home != nil {
		d.invs = addCode(d.invs, p.co.home.prov.p.Code)
		d.others = addCode(d.others, p.co.home.p.Code)
		d.homeSaid = p
	}
}

// sector records the project's sectors.
func (d *doc) sector(p *project) {
	if p != nil {
		d.secs = addCode(d.secs, p.sec.key)
		for _, k := range p.prod.also {
			d.secs = addCode(d.secs, k)
		}
	}
}

// figure writes an amount and, when it is an investment, remembers it.
func (d *doc) figure(a amount, kind int) {
	start := len(d.b)
	switch {
	case kind == figAdj:
		d.b = a.appendEnAdj(d.b)
	case d.zh:
		d.b = a.appendZh(d.b)
	default:
		d.b = a.appendEn(d.b)
	}
	switch kind {
	case figTotal:
		if d.total == nil {
			d.seen[0] = amountSeen{string(d.b[start:]), a.yuan()}
			d.total = &d.seen[0]
		}
	case figProject, figAdj:
		if y := a.yuan(); d.best == nil || y > d.best.cny {
			d.seen[1] = amountSeen{string(d.b[start:]), y}
			d.best = &d.seen[1]
		}
	}
}

const (
	figOther = iota
	figTotal
	figProject
	figAdj
)

func (d *doc) str(zh, en string) {
	if d.zh {
		d.b = append(d.b, zh...)
	} else {
		d.b = append(d.b, en...)
	}
}

func (d *doc) num(n int) { d.b = strconv.AppendInt(d.b, int64(n), 10) }

// pct writes tenths of a percent: 235 → 23.5%.
func (d *doc) pct(tenths int) {
	d.b = strconv.AppendInt(d.b, int64(tenths/10), 10)
	if tenths%10 != 0 {
		d.b = append(d.b, '.', byte('0'+tenths%10))
	}
	d.b = append(d.b, '%')
}

var (
	monthsEn = [...]string{"January", "February", "March", "April", "May", "June", "July", "August",
		"September", "October", "November", "December"}
	periodZh   = [...]string{"今年一季度", "今年上半年", "今年前三季度", "今年以来", "去年全年"}
	periodEn   = [...]string{"in the first quarter", "in the first half of the year", "in the first three quarters", "since the beginning of the year", "last year"}
	ordinalEn  = [...]string{"", "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "10th", "11th", "12th", "13th", "14th"}
	zhNumerals = [...]string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四"}
	ptypeZh    = [...]string{"项目", "生产基地", "产业园项目", "研发及生产基地", "智能制造基地", "产业化项目", "总部基地项目", "项目"}
	ptypeEn    = [...]string{"project", "production base", "industrial park", "R&D and production base", "smart manufacturing base", "industrialization project", "headquarters base", "project"}
	execZh     = [...]string{"董事长", "总经理", "董事长兼总经理", "副总裁", "创始人"}
	execEn     = [...]string{"chairman", "general manager", "chairman and general manager", "vice president", "founder"}
	formZh     = [...]string{"有限公司", "股份有限公司", "有限公司", "集团有限公司", "有限公司", "股份有限公司"}
	formEn     = [...]string{"Co., Ltd.", "Co., Ltd.", "Co", "Group Co., Ltd.", "Co., Ltd.", "Corp"}
	offZh      = [...]string{"委书记", "长", "委副书记、X长", "副X长", "委常委、副X长", "商务局局长", "投资促进局局长", "委常委、常务副X长"}
	offEn      = [...]string{"Party secretary of %", "mayor of %", "mayor of %", "vice mayor of %", "vice mayor of %", "director of the % Commerce Bureau", "head of the % Investment Promotion Bureau", "executive vice mayor of %"}
)

// prodSuffixes end product names that already name a facility.
var prodSuffixes = []string{"园", "中心", "基地", "厂", "区", "站", "库", "矿", "场", "院", "校", "社区", "平台", "公寓", "体", "城", "港", "市场", "孵化器", "基金", "总部", "更新", "开发", "旅游"}

func (d *doc) emit(s slot) {
	st, p := d.st, d.cur
	if p == nil && len(st.projs) > 0 {
		p = st.projs[0]
	}
	c := st.city
	switch s {
	case sProv:
		d.site(c)
		d.str(c.prov.zh, c.prov.en)
	case sProvShort:
		d.site(c)
		d.str(c.prov.zhShort, c.prov.enShort)
	case sProvDept:
		d.site(c)
		if d.zh {
			d.b = append(d.b, c.prov.zh...)
			if gazetteer.IsMunicipality(c.prov.p.Code) {
				d.b = append(d.b, "商务委员会"...)
			} else {
				d.b = append(d.b, "商务厅"...)
			}
		} else if gazetteer.IsMunicipality(c.prov.p.Code) {
			d.b = append(d.b, "the "+c.prov.enShort+" Municipal Commission of Commerce"...)
		} else {
			d.b = append(d.b, "the "+c.prov.enShort+" Department of Commerce"...)
		}
	case sRegion:
		d.str(regionZh[c.prov.region], regionEn[c.prov.region])
	case sCity:
		d.site(c)
		d.str(c.zh, c.en)
	case sCityFull:
		d.site(c)
		d.str(c.zhFull, c.p.NameEn)
	case sCityIn:
		d.cityIn(c)
	case sCounty:
		d.site(c)
		if st.county != nil {
			d.str(st.county.NameZh, st.county.NameEn)
		} else {
			d.str(c.zhFull, c.en)
		}
	case sCountyOf:
		d.countyOf(c, st.county)
	case sZone:
		switch {
		case st.zone.zh != "":
			d.site(c)
			d.str(st.zone.zh, st.zone.en)
		default:
			d.countyOf(c, st.county)
		}
	case sZoneShort:
		switch {
		case st.zone.zh != "":
			d.str(st.zone.zhShort, st.zone.enShort)
		case st.county != nil:
			d.str("当地", "the "+strings.ToLower(lastWord(st.county.NameEn)))
		default:
			d.str("当地", "the city")
		}
	case sVenue:
		if st.venue != nil {
			d.others = addCode(d.others, st.venue.p.Code)
			d.str(st.venue.zh, st.venue.en)
		}
	case sVenueRegion, sVenueRegionFull:
		d.venueRegion(s == sVenueRegionFull)
	case sCountyKind:
		switch {
		case st.county == nil:
			d.str("市", "city")
		case d.zh:
			d.b = append(d.b, lastRune(st.county.NameZh)...)
		default:
			d.b = append(d.b, strings.ToLower(lastWord(st.county.NameEn))...)
		}
	case sDateline:
		if st.source.kind == srcWire && st.kind != kNoPlace && d.r.IntN(3) > 0 {
			d.b = append(d.b, strings.ToUpper(c.en)...)
		} else {
			i := d.r.IntN(3)
			d.b = append(d.b, [...]string{"BEIJING", "SHANGHAI", "BEIJING"}[i]...)
			d.others = addCode(d.others, [...]string{"110000", "310000", "110000"}[i])
		}
	case sN:
		d.num(st.n)
	case sNBig:
		d.num(st.nBig)
	case sNRest:
		d.num(max(st.n-len(st.projs), 1))
	case sEvtEnd:
		end := st.evt.AddDate(0, 0, 2+st.n%3)
		if d.zh {
			if end.Month() != st.evt.Month() {
				d.b = strconv.AppendInt(d.b, int64(end.Month()), 10)
				d.b = append(d.b, "月"...)
			}
			d.b = strconv.AppendInt(d.b, int64(end.Day()), 10)
			d.b = append(d.b, "日"...)
		} else {
			d.b = append(d.b, monthsEn[end.Month()-1]...)
			d.b = append(d.b, ' ')
			d.b = strconv.AppendInt(d.b, int64(end.Day()), 10)
		}
	case sTotal:
		d.figure(st.total, figTotal)
	case sAnnual:
		d.figure(newAmount(d.r, roundSig(st.total.yuan()*(0.15+0.3*d.r.Float64()), 3), cny), figOther)
	case sPaid:
		d.figure(newAmount(d.r, roundSig(st.total.yuan()*(0.1+0.4*d.r.Float64()), 3), cny), figOther)
	case sEvtDate:
		if d.zh {
			d.b = strconv.AppendInt(d.b, int64(st.evt.Month()), 10)
			d.b = append(d.b, "月"...)
			d.b = strconv.AppendInt(d.b, int64(st.evt.Day()), 10)
			d.b = append(d.b, "日"...)
		} else {
			d.b = append(d.b, monthsEn[st.evt.Month()-1]...)
			d.b = append(d.b, ' ')
			d.b = strconv.AppendInt(d.b, int64(st.evt.Day()), 10)
		}
	case sPubDate:
		if d.zh {
			d.b = st.pub.AppendFormat(d.b, "2006年1月2日")
		} else {
			d.b = st.pub.AppendFormat(d.b, "January 2, 2006")
		}
	case sYear:
		d.num(st.evt.Year())
	case sLastYear:
		d.num(st.evt.Year() - 1)
	case sNextYear:
		d.num(st.evt.Year() + 1 + d.r.IntN(2))
	case sPeriod:
		d.str(periodZh[st.half], periodEn[st.half])
	case sPeriodCap, sZoneShortCap:
		start := len(d.b)
		if s == sPeriodCap {
			d.emit(sPeriod)
		} else {
			d.emit(sZoneShort)
		}
		if c := d.b[start]; c >= 'a' && c <= 'z' {
			d.b[start] = c - 'a' + 'A'
		}
	case sZoneIn:
		switch {
		case d.zh:
			d.emit(sZone)
		case st.zone.zh != "":
			d.emit(sZone)
			d.b = append(d.b, ", "...)
			d.cityIn(c)
		case st.county != nil:
			d.b = append(d.b, st.county.NameEn...)
			d.b = append(d.b, ", "...)
			d.cityIn(c)
		default:
			d.cityIn(c)
		}
	case sOrdinal:
		if d.zh {
			d.b = append(d.b, "第"...)
			d.b = append(d.b, zhNumerals[st.ordinal]...)
			d.b = append(d.b, "届"...)
		} else {
			d.b = append(d.b, ordinalEn[st.ordinal]...)
		}
	case sSectorList:
		d.sectorList()
	case sSlogan:
		d.list(st.slogan)
	case sGrowth:
		d.pct(st.growth)
	case sRate:
		d.pct(700 + d.r.IntN(280))
	case sCo:
		d.company(p, true)
	case sCoShort:
		d.company(p, false)
	case sCoDesc:
		d.coDesc(p)
	case sCoHome:
		if h := p.co.home; h != nil {
			d.investor(p)
			d.str(h.zh, h.en)
		} else if f := p.co.foreign; f != nil {
			d.str(f.countryZh, f.adjEn)
		}
	case sCoCountry:
		if f := p.co.foreign; f != nil {
			d.str(f.countryZh, f.adjEn)
		} else if p.co.home == d.w.hk {
			d.investor(p)
			d.str("香港", "Hong Kong")
		}
	case sStock:
		d.b = append(d.b, p.co.stock...)
	case sFounded:
		d.num(1993 + int(p.co.brand.zh[0])%25)
	case sProd:
		d.sector(p)
		d.str(p.prod.zh, p.prod.en)
	case sProdFull:
		d.sector(p)
		d.prodFull(p)
	case sAProdFull:
		d.sector(p)
		if !d.zh {
			d.b = append(d.b, article(p.prod.en)...)
		}
		d.prodFull(p)
	case sAmt:
		d.figure(p.amt, figProject)
	case sAmtAdj:
		d.figure(p.amt, figAdj)
	case sAmtP:
		a := p.amt
		if a.enForm == enWithUSD && a.cur == cny {
			a.enForm = enYuan
		}
		d.figure(a, figProject)
	case sField:
		d.sector(p)
		if p.mfg() {
			d.str(p.prod.zh, p.prod.en)
		} else {
			d.str(p.sec.zh, p.sec.en)
		}
	case sAmtConv:
		a := newAmount(d.r, roundSig(p.amt.yuan(), 2), cny)
		a.hanzi, a.enForm = false, enYuan
		d.figure(a, figOther)
	case sPhase:
		d.figure(p.phase, figOther)
	case sCap:
		d.capacity(p)
	case sOutput:
		d.figure(p.output, figOther)
	case sTax:
		d.figure(p.tax, figOther)
	case sJobs:
		if d.zh {
			d.num(p.jobs)
		} else {
			d.b = appendGrouped(d.b, int64(p.jobs))
		}
	case sArea:
		d.num(int(roundSig(float64(30+int(p.amt.v/1e7)%700), 2)))
	case sMonths:
		d.num(8 + p.jobs%16)
	case sPCity:
		d.site(p.city)
		d.str(p.city.zh, p.city.en)
	case sPCountyOf:
		d.countyOf(p.city, p.county)
	case sExec:
		if d.zh {
			d.company(p, false)
			d.b = append(d.b, execZh[p.role]...)
			d.b = append(d.b, p.exec.zh...)
		} else {
			d.b = append(d.b, p.exec.en...)
			d.b = append(d.b, ", "...)
			d.b = append(d.b, execEn[p.role]...)
			d.b = append(d.b, " of "...)
			d.company(p, false)
		}
	case sExecName:
		d.str(p.exec.zh, p.exec.en)
	case sGDP:
		d.figure(st.gdp, figOther)
	case sGDPGrowth:
		d.pct(st.gdpGrowth)
	case sIndOutput:
		d.figure(st.indOutput, figOther)
	case sZoneOutput:
		d.figure(st.zoneOutput, figOther)
	case sZoneExports:
		d.figure(st.zoneExports, figOther)
	case sLastN:
		d.num(st.lastN)
	case sLastTotal:
		d.figure(st.lastTotal, figOther)
	case sExports:
		d.figure(st.exports, figOther)
	case sRevenue:
		d.figure(st.revenue, figOther)
	case sProfit:
		d.figure(newAmount(d.r, roundSig(st.revenue.yuan()*(0.04+0.1*d.r.Float64()), 3), cny), figOther)
	case sPrice:
		d.b = strconv.AppendFloat(d.b, float64(500+d.r.IntN(9500))/100, 'f', 2, 64)
	case sMarketCap:
		d.figure(newAmount(d.r, roundSig(st.revenue.yuan()*(1+5*d.r.Float64()), 3), cny), figOther)
	case sFDI:
		d.figure(newAmount(d.r, randValue(d.r, 7, 9.5), usd), figOther)
	case sMarket:
		d.figure(newAmount(d.r, randValue(d.r, 10.5, 12.3), cny), figOther)
	case sPIncome:
		d.figure(newAmount(d.r, roundSig(max(p.amt.yuan(), 1e5)*(0.05+0.25*d.r.Float64()), 2), cny), figOther)
	case sIncome:
		d.figure(newAmount(d.r, randValue(d.r, 4.5, 6.5), cny), figOther)
	case sOff1:
		d.official(st.off1, st.off1Role)
	case sOff1Name:
		d.str(st.off1.zh, st.off1.en)
	case sOff2:
		d.official(st.off2, st.off2Role)
	case sOff2Name:
		d.str(st.off2.zh, st.off2.en)
	case sOffProv:
		d.site(c)
		if d.zh {
			d.b = append(d.b, c.prov.zh...)
			d.b = append(d.b, [...]string{"副省长", "商务厅厅长", "人民政府副秘书长"}[st.off2Role%3]...)
			d.b = append(d.b, st.off2.zh...)
		} else {
			d.b = append(d.b, st.off2.en...)
			d.b = append(d.b, [...]string{", vice governor of ", ", head of the Department of Commerce of ", ", deputy secretary-general of the government of "}[st.off2Role%3]...)
			d.b = append(d.b, c.prov.en...)
		}
	case sTown:
		t := d.w.rural(st, 0)
		d.str(t.zh+"镇", t.en+" Town")
	case sVillage:
		v := d.w.rural(st, 1)
		d.str(v.zh+"村", v.en+" Village")
	}
}

// cityIn writes a city with its province: 山东省聊城市 / Liaocheng, east
// China's Shandong Province.
func (d *doc) cityIn(c *city) {
	d.site(c)
	muni := gazetteer.IsMunicipality(c.p.Code)
	switch {
	case d.zh && muni:
		d.b = append(d.b, c.zhFull...)
	case d.zh:
		d.b = append(d.b, c.prov.zh...)
		d.b = append(d.b, c.zhFull...)
	case muni:
		d.b = append(d.b, regionEn[c.prov.region]...)
		d.b = append(d.b, ' ')
		d.b = append(d.b, c.en...)
		d.b = append(d.b, " Municipality"...)
	default:
		d.b = append(d.b, c.en...)
		d.b = append(d.b, ", "...)
		d.b = append(d.b, regionEn[c.prov.region]...)
		d.b = append(d.b, ' ')
		d.b = append(d.b, c.prov.en...)
	}
}

// countyOf writes a county with its city, or the city alone.
func (d *doc) countyOf(c *city, county *gazetteer.Place) {
	d.site(c)
	switch {
	case county == nil:
		d.str(c.zhFull, c.en)
	case d.zh:
		d.b = append(d.b, c.zhFull...)
		d.b = append(d.b, county.NameZh...)
	default:
		d.b = append(d.b, county.NameEn...)
		d.b = append(d.b, ", "...)
		d.b = append(d.b, c.en...)
	}
}

func lastWord(s string) string {
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		return s[i+1:]
	}
	return s
}

// venueRegion names the economic region of the venue; the places in its
// English name (Guangdong, Hong Kong) are not where the money goes.
func (d *doc) venueRegion(full bool) {
	v := d.st.venue
	if v == nil {
		v = d.w.venues[0]
	}
	switch v.prov.p.Code {
	case "440000":
		if full {
			d.others = append(d.others, "440000", "810000", "820000")
			d.str("粤港澳大湾区", "Guangdong-Hong Kong-Macao Greater Bay Area")
		} else {
			d.str("大湾区", "Greater Bay Area")
		}
	case "110000":
		d.others = append(d.others, "110000", "120000", "130000")
		d.str("京津冀", "Beijing-Tianjin-Hebei")
	case "350000":
		d.str("海峡西岸", "West Strait")
	default:
		d.str("长三角", "Yangtze River Delta")
	}
}

func lastRune(s string) string {
	_, n := utf8.DecodeLastRuneInString(s)
	return s[len(s)-n:]
}

// sectorList names the sectors of the event's projects.
func (d *doc) sectorList() {
	var list []*sector
	for _, p := range d.st.projs {
		list = appendSector(list, p.sec)
		d.secs = addCode(d.secs, p.sec.key)
	}
	for _, s := range d.st.extra {
		list = appendSector(list, s)
		d.secs = addCode(d.secs, s.key)
	}
	d.list(list)
}

// list writes sector names: 新能源、新材料和生物医药 / new energy, new
// materials and biomedicine.
func (d *doc) list(list []*sector) {
	for i, s := range list {
		switch {
		case i == 0:
		case i == len(list)-1 && d.zh:
			d.b = append(d.b, "、"...)
		case i == len(list)-1:
			d.b = append(d.b, " and "...)
		case d.zh:
			d.b = append(d.b, "、"...)
		default:
			d.b = append(d.b, ", "...)
		}
		d.str(s.zh, s.en)
	}
}

// company writes the investor's full or short name.
func (d *doc) company(p *project, full bool) {
	co := p.co
	if f := co.foreign; f != nil {
		if d.zh {
			d.b = append(d.b, f.zh...)
			d.b = append(d.b, "集团"...)
		} else {
			d.b = append(d.b, f.en...)
			if full {
				d.b = append(d.b, [...]string{" AG", " Group", " Corp", " Group"}[co.form%4]...)
			}
		}
		return
	}
	if d.zh {
		if full && co.cityTag {
			d.investor(p)
			if co.home == d.w.hk {
				d.b = append(d.b, "香港"...)
			} else if co.form%2 == 0 {
				d.b = append(d.b, co.home.zhFull...)
			} else {
				d.b = append(d.b, co.home.zh...)
			}
		}
		d.b = append(d.b, co.brand.zh...)
		d.b = append(d.b, co.sec.coZh[co.ind]...)
		if full {
			d.b = append(d.b, formZh[co.form]...)
		}
		return
	}
	if full && co.cityTag {
		d.investor(p)
		d.b = append(d.b, co.home.en...)
		d.b = append(d.b, ' ')
	}
	d.b = append(d.b, co.brand.en...)
	d.b = append(d.b, ' ')
	d.b = append(d.b, co.sec.coEn[co.ind]...)
	if full {
		d.b = append(d.b, ' ')
		d.b = append(d.b, formEn[co.form]...)
	}
}

// coDesc describes the investor: 一家深圳企业 / a Shenzhen-based company.
func (d *doc) coDesc(p *project) {
	co := p.co
	switch {
	case d.homeSaid == p:
		// The name said where it is from: say what it does.
		d.str("一家"+p.sec.zh+"企业", article(p.sec.en)+p.sec.en+" company")
	case co.foreign != nil:
		d.str("一家"+co.foreign.countryZh+"企业", "a "+co.foreign.adjEn+" company")
	case co.home == d.w.hk:
		d.investor(p)
		d.str("一家港资企业", "a Hong Kong-based company")
	case co.home == p.city:
		d.investor(p)
		d.str("本地企业", "a local company")
	case co.home != nil:
		d.investor(p)
		h := co.home
		switch d.r.IntN(3) {
		case 0:
			d.str("一家"+h.zh+"企业", "a "+h.en+"-based company")
		case 1:
			d.str("总部位于"+h.zh+"的企业", "a company headquartered in "+h.en)
		default:
			d.str("来自"+h.zh+"的企业", "a firm from "+h.en)
		}
	default:
		d.str([...]string{"一家民营企业", "一家行业领军企业", "一家高新技术企业"}[d.r.IntN(3)],
			[...]string{"a private company", "an industry leader", "a high-tech company"}[d.r.IntN(3)])
	}
}

// prodFull writes the product with a project type, unless the product
// already names a facility.
func (d *doc) prodFull(p *project) {
	if d.zh {
		d.b = append(d.b, p.prod.zh...)
		for _, s := range prodSuffixes {
			if strings.HasSuffix(p.prod.zh, s) {
				d.b = append(d.b, "项目"...)
				return
			}
		}
		d.b = append(d.b, ptypeZh[p.ptype]...)
		return
	}
	d.b = append(d.b, p.prod.en...)
	for _, s := range []string{"park", "center", "base", "plant", "station", "mine", "farm", "hospital", "school", "community", "platform", "complex", "resort", "town", "port", "market", "incubator", "fund", "headquarters", "apartment", "terminal", "facility", "campsite", "renewal", "development", "tourism", "restoration", "zone"} {
		if strings.HasSuffix(p.prod.en, s) {
			d.b = append(d.b, " project"...)
			return
		}
	}
	d.b = append(d.b, ' ')
	d.b = append(d.b, ptypeEn[p.ptype]...)
}

// capacity writes the product's annual capacity.
func (d *doc) capacity(p *project) {
	c := p.prod.cap
	if c == nil {
		return
	}
	pat := c.en
	n := int64(p.capN)
	if d.zh {
		pat = c.zh
	} else {
		n *= int64(c.mul)
	}
	i := strings.IndexByte(pat, '#')
	d.b = append(d.b, pat[:i]...)
	if d.zh {
		d.b = strconv.AppendInt(d.b, n, 10)
	} else {
		d.b = appendGrouped(d.b, n)
	}
	d.b = append(d.b, pat[i+1:]...)
}

// official writes an official's title and name: 聊城市委书记张汝京, 恩施州副州长…
func (d *doc) official(pp person, role int) {
	st := d.st
	c := st.city
	d.site(c)
	if role >= 6 && st.zone.zh != "" {
		if d.zh {
			d.b = append(d.b, st.zone.zh...)
			d.b = append(d.b, [...]string{"党工委书记", "管委会主任"}[role-6]...)
			d.b = append(d.b, pp.zh...)
		} else {
			d.b = append(d.b, pp.en...)
			d.b = append(d.b, [...]string{", Party chief of ", ", director of the administrative committee of "}[role-6]...)
			d.b = append(d.b, st.zone.en...)
		}
		return
	}
	if !d.zh {
		d.b = append(d.b, pp.en...)
		d.b = append(d.b, ", "...)
		d.b = append(d.b, strings.Replace(offEn[role], "%", c.en, 1)...)
		return
	}
	full := c.zhFull
	switch {
	case strings.HasSuffix(full, "地区"):
		// 塔城地委书记, 塔城地区行署副专员
		if role == 0 {
			d.b = append(d.b, strings.TrimSuffix(full, "区")...)
			d.b = append(d.b, "委书记"...)
		} else {
			d.b = append(d.b, full...)
			d.b = append(d.b, [...]string{"行署专员", "行署副专员", "商务局局长"}[role%3]...)
		}
	default:
		unit := "市"
		for _, u := range []string{"州", "盟"} {
			if strings.HasSuffix(full, u) {
				unit = u
			}
		}
		d.b = append(d.b, full...)
		d.b = append(d.b, strings.ReplaceAll(offZh[role], "X", unit)...)
	}
	d.b = append(d.b, pp.zh...)
}

// rural names a town (0) or a village (1) of the story, the same within a
// report: 石桥 / Shiqiao, 杨家湾 / Yangjiawan.
func (w *world) rural(st *story, which int) syllables {
	seed := uint64(st.pub.Unix()) + uint64(which)*7919 + uint64(len(st.city.zh))
	for k := uint64(0); ; k++ {
		h := mix64(seed + k)
		a := ruralFirst[h%uint64(len(ruralFirst))]
		b := ruralSecond[(h>>16)%uint64(len(ruralSecond))]
		zh, py := a.zh+b.zh, a.py+b.py
		if which == 1 && h>>32%3 != 0 {
			zh, py = a.zh+"家"+b.zh, a.py+"jia"+b.py
		}
		en := strings.ToUpper(py[:1]) + py[1:]
		if w.placeFree(zh, en) {
			return syllables{zh, en}
		}
	}
}

var (
	ruralFirst  = parseSyllables("杨:yang 柳:liu 桃:tao 杏:xing 枣:zao 石:shi 黄:huang 白:bai 马:ma 李:li 王:wang 刘:liu 张:zhang 赵:zhao 陈:chen 周:zhou 高:gao 梁:liang 宋:song 罗:luo 许:xu 何:he 吕:lyu 苗:miao 钟:zhong")
	ruralSecond = parseSyllables("湾:wan 坪:ping 沟:gou 岭:ling 庄:zhuang 桥:qiao 河:he 塘:tang 岗:gang 屯:tun 营:ying 堡:bao 店:dian 铺:pu 坝:ba 洼:wa 峪:yu 寨:zhai 园:yuan 井:jing")
)

// article returns "a " or "an " for an English noun phrase: an RF module,
// an AI center, a 5G module, a high-end tool.
func article(s string) string {
	if len(s) >= 2 && s[0] >= 'A' && s[0] <= 'Z' && (s[1] >= 'A' && s[1] <= 'Z' || s[1] == '&') {
		if strings.IndexByte("AEFHILMNORSX", s[0]) >= 0 {
			return "an "
		}
		return "a "
	}
	switch s[0] {
	case 'a', 'e', 'i', 'o', 'A', 'E', 'I', 'O':
		return "an "
	case 'u', 'U':
		if strings.HasPrefix(s, "uni") || strings.HasPrefix(s, "use") {
			return "a "
		}
		return "an "
	}
	return "a "
}
