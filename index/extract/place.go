package extract

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/investnews/regionsearch/analyzers/gazetteer"
)

// cand is one reading of a matched place name.
type cand struct {
	p     *gazetteer.Place
	short bool // matched by a short name or bare pinyin, not a full name
}

// placeEntry is what a dictionary word stands for: candidate places, or
// nothing at all for a stop phrase that only hides a false match
// (中山大学, 新华社, Bank of China).
type placeEntry struct {
	cands []cand
}

// placeIndex finds place names in Chinese and English text.
type placeIndex struct {
	g       *gazetteer.Gazetteer
	zh      *runeTrie
	en      *wordTrie
	entries []placeEntry
	zoneEn  *wordTrie
}

// Short Chinese names that are ordinary words; only their full names count
// (资源县, not 资源).
var stopShortZh = map[string]bool{
	"新兴": true, "资源": true, "合作": true, "中方": true, "延长": true, "港口": true, "公安": true,
	"市中": true, "光明": true, "前进": true, "友好": true, "平安": true, "和平": true, "新华": true,
	"东方": true, "长安": true, "吉利": true, "通道": true, "大方": true, "江山": true, "富民": true,
	"平原": true, "安定": true, "兴业": true, "长寿": true, "新城": true, "城区": true, "城中": true,
	"城关": true, "郊区": true, "高新": true, "海港": true, "红旗": true, "东风": true, "胜利": true,
	"向阳": true, "中原": true, "江南": true, "河西": true, "城北": true, "城东": true, "城西": true,
	"城南": true, "来宾": true, "白银": true, "海西": true, "滨海": true, "矿区": true, "新市": true,
	"开发": true, "永和": true, "安全": true, "大同": false, "西湖": false, "龙华": false,
	"华容": true, "青河": true, "民乐": true, "和静": true, "团结": true, "先锋": true, "清河": true,
	"桥东": true, "桥西": true, "河东": true, "中山": false, "红星": true, "新华区": false,
	"建华": true, "大洼": false, "东区": true, "西区": true, "南区": true, "北区": true, "普兰": true,
	"太平": true, "和顺": true, "长城": true, "永定": false, "宁安": false, "红岗": false, "昌江": false,
	"文化": true, "临江": false, "江海": true, "海安": false, "荣昌": false, "美兰": false, "沙河": false,
}

// Chinese phrases that contain a place name but are no place (or a place
// elsewhere): they are matched and dropped.
var stopPhrasesZh = []string{
	"中山大学", "中山路", "中山公园", "中山医院", "中山装", "中山陵", "中山东路", "中山西路", "中山南路",
	"中山北路", "新华社", "新华网", "新华书店", "新华日报", "长安汽车", "长安街", "吉利汽车", "东风汽车",
	"大理石", "阿里巴巴", "阿里云", "三明治", "长治久安", "北海道", "海南航空", "海航", "中国", "全国",
	"天山股份", "长城汽车", "华夏", "江淮汽车", "东方电气", "上海电气", "北京时间", "南京路", "北京路",
	"广州路", "上海路", "太平洋", "太平洋保险", "黄河流域", "长江经济带", "长江流域", "珠江三角洲",
	"东海岸", "南海诸岛", "西湖龙井", "双桥", "海口岸", "青海湖",
}

// English words that look like pinyin place names but mostly are not.
var stopEn = []string{
	"xinhua", "xinhua news agency", "xinhua silk road", "bank of china", "china development bank",
	"agricultural bank of china", "changan", "dongfeng", "geely", "ali", "long", "she", "yi",
	"guangming daily", "people's daily", "china daily", "silk road", "great wall", "great wall motor",
	"yangtze river delta", "pearl river delta", "hong kong business daily", "hainan airlines",
	"sun yat sen university", "bohai rim", "gobi", "wuhan university", "fudan",
	"tsinghua", "peking university", "pingan", "ping an", "new area", "development zone",
	"greater bay area", "the belt and road", "shenzhen stock exchange", "shanghai stock exchange",
	"zhongshan road", "nanjing road", "beijing time",
}

// Zone words that, right after a place name, make it the host of a
// development zone (聊城高新区, Liaocheng Hi-Tech Zone).
var zoneSuffixZh = []string{
	"高新技术产业开发区", "经济技术开发区", "高新技术开发区", "高新技术产业园区", "经济开发区", "高新区",
	"经开区", "开发区", "工业园区", "工业园", "产业园", "综合保税区", "保税区", "保税港区", "自贸区",
	"自贸片区", "片区", "新区", "园区", "科技城", "临港", "港区", "高新", "经济区", "产业集聚区",
	"新城", "示范区", "试验区", "合作区",
}

var zoneSuffixEn = []string{
	"hi tech zone", "high tech zone", "hitech zone", "hi tech industrial development zone",
	"high tech industrial development zone", "high and new technology industrial development zone",
	"economic development zone", "economic and technological development zone",
	"economic technological development zone", "development zone", "industrial park",
	"industrial zone", "free trade zone", "bonded zone", "comprehensive bonded zone",
	"science city", "science and technology city", "tech city", "high tech park", "hi tech park",
	"science park", "etdz", "hitech industrial development zone", "economic zone", "port area",
	"new district", "pilot zone", "demonstration zone", "free trade pilot zone",
	"county", "district", "city", "banner", "municipality", "prefecture",
}

// preferred readings among same-level places that share a name, when nothing
// else decides: Suzhou is 苏州 more often than 宿州, Fuzhou 福州 more often
// than 抚州.
var preferCodes = map[string]bool{"320500": true, "350100": true}

// newPlaceIndex builds the dictionaries from a gazetteer.
func newPlaceIndex(g *gazetteer.Gazetteer) *placeIndex {
	x := &placeIndex{g: g, zh: newRuneTrie(), en: newWordTrie(), zoneEn: newWordTrie()}
	x.entries = append(x.entries, placeEntry{}) // 0 = stop phrase
	zhIdx := map[string]int32{}
	enIdx := map[string]int32{}
	addZh := func(name string, c cand) {
		if utf8.RuneCountInString(name) < 2 {
			return
		}
		if c.short && stopShortZh[name] {
			return
		}
		k, ok := zhIdx[name]
		if !ok {
			k = int32(len(x.entries))
			x.entries = append(x.entries, placeEntry{})
			zhIdx[name] = k
			x.zh.insert(name, k)
		}
		e := &x.entries[k]
		for i, o := range e.cands {
			if o.p == c.p {
				if !c.short {
					e.cands[i].short = false
				}
				return
			}
		}
		e.cands = append(e.cands, c)
	}
	addEn := func(name string, c cand) {
		words := splitWords(name)
		if len(words) == 0 {
			return
		}
		variants := [][]string{words}
		if strings.ContainsAny(name, "'’") {
			variants = append(variants, splitWords(strings.NewReplacer("'", "", "’", "").Replace(name)))
		}
		for _, w := range variants {
			key := strings.Join(w, " ")
			k, ok := enIdx[key]
			if !ok {
				k = int32(len(x.entries))
				x.entries = append(x.entries, placeEntry{})
				enIdx[key] = k
				x.en.insert(w, k)
			}
			e := &x.entries[k]
			dup := false
			for i, o := range e.cands {
				if o.p == c.p {
					if !c.short {
						e.cands[i].short = false
					}
					dup = true
				}
			}
			if !dup {
				e.cands = append(e.cands, c)
			}
		}
	}
	places := append([]*gazetteer.Place(nil), g.Places()...)
	for _, z := range g.Zones() {
		if z.Kind == gazetteer.DevZone { // the others are among g.Places()
			places = append(places, z)
		}
	}
	for _, p := range places {
		addZh(p.NameZh, cand{p, false})
		if p.ShortZh != p.NameZh {
			// A zone's short name (合肥高新区, 东湖高新区) names it alone,
			// unless it is two characters long (光谷, 横琴).
			addZh(p.ShortZh, cand{p, !p.IsZone() || utf8.RuneCountInString(p.ShortZh) <= 2})
		}
		for _, a := range p.AliasesZh {
			addZh(a, cand{p, utf8.RuneCountInString(a) <= 2})
		}
		// English: the full name with its generic word; the bare pinyin is
		// "short" except for provinces, whose bare names are their usual
		// English names. A zone's one-word alias (Zhangjiang, Hengqin) is
		// short too.
		addEn(p.NameEn, cand{p, false})
		for _, a := range p.AliasesEn {
			addEn(a, cand{p, p.IsZone() && len(splitWords(a)) == 1})
		}
		if p.Pinyin != "" {
			addEn(p.Pinyin, cand{p, p.Level != gazetteer.Province})
		}
	}
	for w, code := range investorWordsZh {
		if p, ok := g.Place(code); ok {
			addZh(w, cand{p, false})
		}
	}
	for _, s := range stopPhrasesZh {
		if k, ok := zhIdx[s]; ok {
			x.entries[k].cands = nil
			continue
		}
		x.zh.insert(s, 0)
	}
	for _, s := range stopEn {
		w := splitWords(s)
		key := strings.Join(w, " ")
		if k, ok := enIdx[key]; ok {
			x.entries[k].cands = nil
			continue
		}
		x.en.insert(w, 0)
	}
	for i, s := range zoneSuffixEn {
		x.zoneEn.insert(splitWords(s), int32(i))
	}
	return x
}

// role is what a place mention says about the investment.
type role int

const (
	roleNeutral  role = iota // mentioned; counts towards the location
	roleSite                 // the project lands here
	roleInvestor             // home of an investor
	roleVenue                // where a ceremony or event was held
	roleIgnore               // part of a media name, a stop phrase, a street
)

// mention is one occurrence of a place name.
type mention struct {
	start, end int
	title      bool
	cands      []cand
	zone       bool // followed by a zone or generic word
	caps       bool // written in capitals (an English dateline)
	cued       bool // a place cue right before or after it (落户江阴, 在江阴举行, in Kunshan, Jiangyin's)
	en         bool // matched by the English dictionary
	place      *gazetteer.Place
	role       role
	weight     float64
	note       string
}

// doc is one text (title or body) prepared for extraction.
type doc struct {
	text  string // original
	f     string // folded: lower-case ASCII, simplified Chinese
	sg    segmenter
	toks  []token
	title bool
	// companies are the spans of company names (see companySpans).
	companies []company
}

// findMentions collects raw place mentions of one text.
func (x *placeIndex) findMentions(d *doc, out []mention) []mention {
	f := d.f
	// Chinese.
	for i := 0; i < len(f); {
		c := f[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(f[i:])
		if !isHan(r) {
			i += n
			continue
		}
		v, end := x.zh.longest(f, i)
		if v < 0 {
			i += n
			continue
		}
		if v > 0 {
			m := mention{start: i, end: end, title: d.title, cands: x.entries[v].cands}
			if _, ok := hasAnyPrefix(f, end, zoneSuffixZh); ok {
				m.zone = true
			}
			m.cued = placeCuedZh(f, i, end)
			if _, ok := hasAnyPrefix(f, end, streetSuffixZh); ok {
				m.role = roleIgnore
				m.note = "street or building"
			}
			out = append(out, m)
		}
		i = end
	}
	// English.
	toks := d.toks
	for i := 0; i < len(toks); {
		v, cnt := x.en.longest(f, toks, i)
		if v < 0 {
			i++
			continue
		}
		start, end := toks[i].start, toks[i+cnt-1].end
		first := d.text[start]
		if v > 0 && first >= 'A' && first <= 'Z' {
			m := mention{start: start, end: end, title: d.title, cands: x.entries[v].cands, en: true}
			m.caps = end-start > 2 && isAllCaps(d.text[start:end])
			m.cued = placeCuedEn(f, start, end)
			if i+cnt < len(toks) && joinable(f[end:toks[i+cnt].start]) {
				if z, _ := x.zoneEn.longest(f, toks, i+cnt); z >= 0 {
					m.zone = true
				}
			}
			if i+cnt < len(toks) && f[end:toks[i+cnt].start] == " " {
				switch f[toks[i+cnt].start:toks[i+cnt].end] {
				case "road", "street", "avenue", "town", "township", "village", "lake", "river",
					"mountain", "temple", "bridge", "square", "university", "airport", "station":
					m.role = roleIgnore
					m.note = "street, town or landmark"
				}
			}
			out = append(out, m)
		}
		i += cnt
	}
	return out
}

// Words right before or after a county's short name that show it is used as
// a place: where something lands or happens, or the subject of a signing.
var (
	placeCueBeforeZh = []string{"在", "落户", "落地", "位于", "入驻", "选址", "扎根", "来到", "赴", "走进", "投资", "签约落户", "布局"}
	placeCueAfterZh  = []string{"举行", "举办", "召开", "签约", "集中签约", "市委", "市政府", "县委", "县政府", "区委", "区政府",
		"发展大会", "招商", "全市", "全县", "投资", "开工", "重大项目", "重点项目", "新签", "引进", "经济", "籍"}
	placeCueBeforeEn = []string{"in ", "at ", "to ", "'s ", "’s ", "for "}
	placeCueAfterEn  = []string{"'s ", "’s ", " signs ", " signed ", " inks ", " inked ", " lands ", " landed ",
		" attracts ", " attracted ", " sees ", " saw ", " introduces ", " introduced ", " has signed ", " will ",
		" government", " municipal", " mayor", " party"}
)

// placeCuedZh reports a place cue next to f[start:end] (folded text).
func placeCuedZh(f string, start, end int) bool {
	if _, ok := hasAnyPrefix(f, end, placeCueAfterZh); ok {
		return true
	}
	_, ok := suffixAny(f[max(0, start-12):start], placeCueBeforeZh)
	return ok
}

// placeCuedEn reports a place cue next to f[start:end] (folded text).
func placeCuedEn(f string, start, end int) bool {
	after := f[end:min(len(f), end+16)]
	for _, w := range placeCueAfterEn {
		if strings.HasPrefix(after, w) || strings.HasPrefix(after+" ", w) && len(after) < 16 {
			return true
		}
	}
	_, ok := suffixAny(f[max(0, start-8):start], placeCueBeforeEn)
	return ok
}

var streetSuffixZh = []string{"路", "街", "大道", "大街", "巷", "公园", "广场", "大厦", "镇", "乡", "村", "大学", "机场", "火车站", "高铁站"}

func isAllCaps(s string) bool {
	letters := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' {
			return false
		}
		if c >= 'A' && c <= 'Z' {
			letters++
		}
	}
	return letters > 1
}

// resolve picks one reading for each mention, using the other mentions as
// context: a short county name counts only with a zone word after it or an
// ancestor mentioned elsewhere; among readings, those with a mentioned
// ancestor win, then the highest level; a tie leaves the mention unresolved.
func (x *placeIndex) resolve(ms []mention) {
	// Which codes are mentioned, and by which mention (first two).
	type who struct{ a, b int }
	seen := map[string]who{}
	note := func(code string, i int) {
		w, ok := seen[code]
		switch {
		case !ok:
			seen[code] = who{i, -1}
		case w.a != i && w.b < 0:
			w.b = i
			seen[code] = w
		}
	}
	for i := range ms {
		if ms[i].role == roleIgnore {
			continue
		}
		for _, c := range ms[i].cands {
			if !c.short || c.p.Level <= gazetteer.Prefecture || ms[i].zone {
				note(c.p.Code, i)
			}
		}
	}
	mentionedElsewhere := func(code string, i int) bool {
		w, ok := seen[code]
		return ok && (w.a != i || w.b >= 0 && w.b != i)
	}
	// In English a bare county pinyin needs its direct parent (its city)
	// nearby; a province is too weak a hint for short pinyin words.
	// An ancestor written right next to the name ("Kunshan, Jiangsu
	// Province", "Anxi County, Quanzhou") counts in either language.
	nearbyAncestor := func(chain []*gazetteer.Place, i int) bool {
		for j := range ms {
			if j == i || ms[j].title != ms[i].title || ms[j].start > ms[i].end+60 || ms[j].end < ms[i].start-60 {
				continue
			}
			for _, c := range ms[j].cands {
				for _, a := range chain {
					if c.p == a && (!c.short || c.p.Level <= gazetteer.Prefecture) {
						return true
					}
				}
			}
		}
		return false
	}
	ancestorMentioned := func(p *gazetteer.Place, i int) bool {
		chain := x.g.Chain(p.Code)[1:]
		if ms[i].en && p.Level == gazetteer.County && len(chain) > 1 {
			if nearbyAncestor(chain, i) {
				return true
			}
			chain = chain[:1]
		}
		for _, a := range chain {
			if mentionedElsewhere(a.Code, i) {
				return true
			}
		}
		return false
	}
	var buf []cand
	for i := range ms {
		m := &ms[i]
		if m.role == roleIgnore || len(m.cands) == 0 {
			m.role = roleIgnore
			continue
		}
		buf = buf[:0]
		withAnc := false
		for _, c := range m.cands {
			// A short name counts with a mentioned ancestor, or when the
			// report names the same place in full elsewhere (江阴市 ...
			// 江阴; Jiangyin City ... Jiangyin's), which also decides
			// between readings.
			anc := ancestorMentioned(c.p, i) || c.short && mentionedElsewhere(c.p.Code, i)
			// The name of a single county-level division, with a place cue
			// right next to it (落户江阴, 在江阴举行, 江阴签约, in Kunshan),
			// names it.
			cued := c.short && m.cued && len(m.cands) == 1 && c.p.Level == gazetteer.County && c.p.Kind == gazetteer.Division
			ok := !c.short || c.p.Level <= gazetteer.Prefecture || m.zone || anc || cued
			if !ok {
				continue
			}
			if anc && !withAnc {
				withAnc = true
				buf = buf[:0]
			}
			if withAnc && !anc {
				continue
			}
			buf = append(buf, c)
		}
		if len(buf) == 0 {
			m.role = roleIgnore
			m.note = "short name without context"
			continue
		}
		best := buf[0].p.Level
		for _, c := range buf {
			if c.p.Level < best {
				best = c.p.Level
			}
		}
		var pick *gazetteer.Place
		n := 0
		for _, c := range buf {
			if c.p.Level == best {
				if pick == nil {
					pick = c.p
				}
				n++
			}
		}
		if n > 1 {
			pick = nil
			for _, c := range buf {
				if c.p.Level == best && preferCodes[c.p.Code] {
					pick = c.p
				}
			}
			// Functional zones and new areas share names with their hosts;
			// a division wins over them.
			if pick == nil {
				var divs []*gazetteer.Place
				for _, c := range buf {
					if c.p.Level == best && c.p.Kind == gazetteer.Division {
						divs = append(divs, c.p)
					}
				}
				if len(divs) == 1 {
					pick = divs[0]
				}
			}
		}
		if pick == nil {
			m.role = roleIgnore
			m.note = "ambiguous"
			continue
		}
		m.place = pick
	}
}

// Context words for the roles of a place mention (folded text).
var (
	investorAfterZh   = []string{"企业", "客商", "商会", "籍", "资本", "民营企业", "民企", "的企业", "的公司", "公司", "老板", "企业家", "投资者", "投资方", "商人", "团队", "一家", "某", "多家", "知名"}
	investorBeforeZh  = []string{"来自", "总部位于", "总部设在", "总部在", "总部", "来自于", "注册地位于", "注册地在", "注册于", "注册在", "注册地为"}
	siteBeforeZh      = []string{"落户", "落地", "位于", "选址", "入驻", "扎根", "坐落", "布局", "建在", "建于", "投资建设", "定址", "安家", "来到", "签约落户", "投资", "扎根于", "落户于", "落地于", "在"}
	venueAfterZh      = []string{"举行", "举办", "召开", "开幕", "启幕", "隆重举行", "成功举办", "成功举行", "开展", "参加", "参会"}
	venueRightAfterZh = []string{"签约", "签署", "举行", "举办", "召开", "开幕", "参加", "出席", "会见", "考察", "调研", "推介"}
	visitorAfterZh    = []string{"等地的企业", "等地的客商", "等地的嘉宾", "等地企业", "等地客商", "等地嘉宾", "等地的"}
	mediaAfterZh      = []string{"日报", "晚报", "早报", "商报", "新闻", "电视台", "广播电视台", "融媒体", "发布", "在线", "网", "报社", "通讯社", "手机报", "电台", "卫视"}
)

var (
	investorAfterEn = []string{"-based", " based", "-headquartered", " headquartered", " company", " companies",
		" firm", " firms", " enterprise", " enterprises", " investor", " investors", " businesses",
		" entrepreneurs", " businessmen", " merchants", " group", " capital", " developer", " manufacturer",
		" maker", " investment company", " private", "-funded", "-invested", "-owned", "-registered", " investment"}
	investorBeforeEn = []string{"based in ", "headquartered in ", "native of ", "hails from ", "home in "}
	visitBeforeEn    = []string{"visit ", "visits ", "visited ", "visiting ", "pitch to ", "trip to ", "delegation to ", "roadshow in ", "tour of ", "toured "}
	siteVerbsEn      = cues("settle", "invest", "project", "located", "build")
	fromOwnersEn     = cues("investor", "compan", "enterprise", "firm", "business", "entrepreneur", "project", "capital", "merchant", "manufacturer", "maker", "group", "developer")
	siteBeforeEn     = []string{"settled in ", "settle in ", "settles in ", "located in ", "set up in ", "land in ",
		"landed in ", "lands in ", "invest in ", "invested in ", "invests in ", "investment in ", "project in ",
		"projects in ", "plant in ", "base in ", "facility in ", "factory in ", "built in ", "build in ",
		"establish in ", "established in ", "settling in ", "to be built in ", "construction in ",
		"headquarters in ", "center in ", "centre in ", "park in ", "production in ", "located at ",
		"investing in ", "signed in ", "introduced in ", "inked in "}
	// venueSiteVerbsEn after a venue verb make the place a site again ("held
	// a ceremony and will invest in Liaocheng"); "investment conference" is
	// no such verb.
	venueSiteVerbsEn = cues("settle", "invest$", "invests$", "invested$", "investing$", "located", "build", "built", "project")
	venueVerbsEn     = cues("held", "holds", "hold$", "hosted", "hosts$", "took place", "opened", "open$", "opens", "kicked off", "convened", "staged", "organized", "organised", "will be held", "was held", "visited", "trip to", "went to", "traveled to", "travelled to", "roadshow")
	mediaAfterEn     = map[string]bool{"daily": true, "news": true, "times": true, "post": true, "online": true, "tv": true, "television": true, "radio": true, "media": true, "newspaper": true, "network": true, "net": true, "herald": true, "weekly": true, "gazette": true, "evening": true, "broadcasting": true, "observer": true, "channel": true, "office": true, "bureau": true, "government": true, "committee": true, "department": true, "commission": true}
	eventAfterEn     = map[string]bool{"week": true, "expo": true, "fair": true, "forum": true, "summit": true, "conference": true, "symposium": true, "festival": true, "congress": true, "exhibition": true, "games": true, "marathon": true}
	companyEn        = map[string]bool{"co": true, "ltd": true, "corp": true, "corporation": true, "inc": true, "group": true, "company": true, "holdings": true, "limited": true, "llc": true, "gmbh": true, "plc": true, "bank": true}
	companyZh        = []string{"股份有限公司", "有限责任公司", "有限公司", "集团", "公司", "股份", "控股", "银行", "证券", "药业", "企业"}
	companyStopZh    = map[rune]bool{'的': true, '与': true, '和': true, '同': true, '及': true, '由': true, '在': true, '向': true, '对': true, '把': true, '将': true, '被': true, '是': true, '为': true, '从': true, '自': true, '等': true, '了': true, '让': true, '给': true, '跟': true, '以': true, '并': true, '或': true, '其': true, '该': true, '这': true, '那': true, '位': true, '名': true, '约': true, '进': true, '手': true, '户': true, '至': true, '于': true, '拟': true, '已': true, '还': true, '也': true, '就': true, '家': true}
)

// investorWordsZh are words that name the investors' home without a place
// name: 台资企业, 港商.
// They count only after a measure or function word or punctuation (一家台资企业,
// 引进港资, 、台商), so that 平台商户 and 空港商务区 are not read as such. 澳资 is
// left out: it means Australian as often as Macanese capital.
var investorWordsZh = map[string]string{
	"台资": "710000", "台商": "710000", "港资": "810000", "港商": "810000",
}

// investorWordBefore are the characters after which an investorWordsZh word
// counts.
var investorWordBefore = map[rune]bool{'家': true, '名': true, '位': true, '批': true, '些': true, '个': true, '的': true,
	'和': true, '与': true, '及': true, '等': true, '由': true, '是': true, '为': true, '进': true, '引': true, '对': true,
	'向': true, '了': true, '有': true, '大': true, '型': true, '、': true, '，': true, '。': true, '：': true, '“': true}

// bracketed reports whether text[start:end] is written in brackets.
func bracketed(text string, start, end int) bool {
	b := strings.TrimRight(text[:start], " ")
	a := strings.TrimLeft(text[end:], " ")
	return (strings.HasSuffix(b, "(") || strings.HasSuffix(b, "（")) && (strings.HasPrefix(a, ")") || strings.HasPrefix(a, "）"))
}

// Cues of a place named for comparison ("Like Guangdong, Sichuan has ...",
// 与深圳相比) or for what happened long before ("built its first plant in
// Fujian a decade ago", 早在2010年): such a place says nothing about where
// this report's investment lands.
var (
	comparisonBeforeEn = []string{"like ", "unlike ", "compared with ", "compared to ", "similar to ", "than ", "as in ", "following ", "benchmarking "}
	comparisonBeforeZh = []string{"与", "和", "同", "跟", "比", "像", "如同", "对标", "借鉴", "学习", "仿照", "赶超", "超过", "不同于", "继"}
	comparisonAfterZh  = []string{"相比", "相较", "一样", "类似", "相似", "之后", "模式", "经验"}
	pastCues           = cues(" ago", "years earlier", "decade earlier", "早在", "多年前", "几年前", "十年前", "曾在", "曾于", "此前曾")
)

// pastOrComparison reports whether mention m of d names a place only to
// compare with it or to tell what happened years before.
func pastOrComparison(d *doc, m *mention) (string, bool) {
	f := d.f
	cl := d.sg.clause(m.start)
	clBefore := f[max(cl.start, 0):m.start]
	clAfter := f[m.end:max(m.end, cl.end)]
	if m.en {
		if w, ok := suffixAny(clBefore, comparisonBeforeEn); ok {
			return strings.TrimSpace(w), true
		}
	} else {
		// 与深圳相比, 像深圳一样: the cue word before and its closing word
		// after, within the clause.
		if _, ok := suffixAny(clBefore, comparisonBeforeZh); ok {
			k := len(clAfter)
			if k > 18 {
				k = 18
			}
			for _, w := range comparisonAfterZh {
				if strings.Contains(clAfter[:runeFloor(clAfter, k)], w) {
					return w, true
				}
			}
		}
	}
	if k, w := lastCue(f[cl.start:max(cl.end, m.end)], pastCues); k >= 0 {
		return strings.TrimSpace(w), true
	}
	return "", false
}

// facilityEn are what is built where it is signed for ("signs
// 1.2-billion-yuan plant in Heze"), unlike projects or deals signed at a
// ceremony ("signs 4 projects in Beijing").
var facilityEn = cues("plant", "factory", "factories", "base", "facility", "facilities", "park", "center", "centre",
	"line", "campus", "hub", "headquarters", "build", "built", "settle", "locat", "invest", "land")

// signVerbsEn are the verbs of a place signing projects.
var signVerbsEn = cues("sign$", "signs$", "signed$", "inks$", "inked$", "ink$")

// signedAwayEn reports "Zhangjiakou signs 4 projects in Beijing": the
// sentence opens with another place, which signs, and m follows the verb
// with nothing about building or settling in between.
func signedAwayEn(d *doc, ms []mention, m *mention) bool {
	sp, _ := d.sg.sentence(m.start)
	for j := range ms {
		s := &ms[j]
		if s == m || s.title != m.title || s.place == nil || s.start >= m.start || s.start < sp.start {
			continue
		}
		if strings.TrimLeft(d.f[sp.start:s.start], " \t\n\"'“") != "" {
			continue
		}
		between := d.f[s.end:m.start]
		k, _ := lastCue(between, signVerbsEn)
		if k < 0 || hasCue(between[k:], facilityEn) {
			return false
		}
		return s.place != m.place
	}
	return false
}

// runeFloor returns the largest rune boundary of s at or below i.
func runeFloor(s string, i int) int {
	for i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}

// assignRoles decides the role and weight of each resolved mention of d.
func (x *placeIndex) assignRoles(d *doc, ms []mention) {
	f := d.f
	companies := d.companies
	for i := range ms {
		m := &ms[i]
		if m.role == roleIgnore || m.place == nil {
			continue
		}
		if m.title != d.title {
			continue
		}
		m.role, m.weight, m.note = roleNeutral, 1, "mentioned"
		if _, ok := investorWordsZh[f[m.start:m.end]]; ok {
			// 台资, 港商: the investors' home, never a site.
			if r := runeBefore(f, m.start); r == 0 || r < utf8.RuneSelf || investorWordBefore[r] {
				m.role, m.note = roleInvestor, "investor home: "+d.text[m.start:m.end]
			} else {
				m.role, m.weight, m.note = roleIgnore, 0, "not a place: "+d.text[m.start:m.end]
			}
			continue
		}
		for _, c := range companies {
			if m.start >= c.start && m.end <= c.end {
				m.role, m.note = roleInvestor, "in a company name: "+strings.TrimSpace(d.text[c.start:c.end])
				if c.generic {
					m.note = "investor home: " + strings.TrimSpace(d.text[c.start:c.end])
				} else if bracketed(d.text, m.start, m.end) {
					// 东佳（郴州）电子有限公司, Dongjia (Chenzhou) Electronics
					// Co.: the seat of a local subsidiary, not the
					// investors' home; a site only if said elsewhere.
					m.role, m.weight, m.note = roleIgnore, 0, "subsidiary seat in a company name: "+strings.TrimSpace(d.text[c.start:c.end])
				}
				break
			}
		}
		if m.role == roleInvestor || m.role == roleIgnore {
			continue
		}
		if w, ok := pastOrComparison(d, m); ok {
			m.role, m.weight, m.note = roleIgnore, 0, "comparison or earlier events: "+w
			continue
		}
		before := f[max(0, m.start-60):m.start]
		// keep the window on rune boundaries
		for len(before) > 0 && !utf8.RuneStart(before[0]) {
			before = before[1:]
		}
		after := f[m.end:min(len(f), m.end+60)]
		cl := d.sg.clause(m.start)
		clBefore := f[max(cl.start, 0):m.start]
		clAfter := f[m.end:max(m.end, cl.end)]
		zhText := !isASCIIAlnum(f[m.start])

		if zhText {
			if _, ok := hasAnyPrefix(after, 0, mediaAfterZh); ok && !m.zone {
				m.role, m.weight, m.note = roleIgnore, 0, "media name"
				continue
			}
			rb, ra := runeBefore(f, m.start), runeAt(f, m.end)
			if (rb == '（' || rb == '(') && (ra == '）' || ra == ')') && !strings.HasSuffix(f[:m.start-utf8.RuneLen(rb)], "中国") {
				if b2 := runeBefore(f, m.start-utf8.RuneLen(rb)); isHan(b2) || b2 >= '0' && b2 <= '9' {
					m.role, m.weight, m.note = roleVenue, 0, "venue in brackets"
					continue
				}
			}
			if w, ok := suffixAny(before, investorBeforeZh); ok {
				m.role, m.note = roleInvestor, "investor home: "+w
				continue
			}
			if n, ok := hasAnyPrefix(after, 0, investorAfterZh); ok && !m.zone {
				m.role, m.note = roleInvestor, "investor home: "+after[:n]
				continue
			}
			if strings.HasSuffix(clBefore, "赴") || strings.HasSuffix(clBefore, "前往") || strings.HasSuffix(clBefore, "走进") {
				m.role, m.weight, m.note = roleVenue, 0, "trip to"
				continue
			}
			if _, ok := hasAnyPrefix(after, 0, visitorAfterZh); ok {
				m.role, m.weight, m.note = roleVenue, 0, "visitors' home"
				continue
			}
			if strings.HasSuffix(clBefore, "在") || strings.HasSuffix(clBefore, "于") {
				// A zone where projects are signed (在东湖高新区签约) is
				// where they land, not a venue elsewhere.
				n, ok := hasAnyPrefix(after, 0, venueRightAfterZh)
				if ok && m.place.IsZone() && (after[:n] == "签约" || after[:n] == "签署") {
					ok = false
				}
				if ok || containsAny(clAfter, venueAfterZh) {
					m.role, m.weight, m.note = roleVenue, 0, "event venue"
					continue
				}
			}
			if w, ok := suffixAny(clBefore, siteBeforeZh); ok && w != "在" {
				m.role, m.weight, m.note = roleSite, 2, "project site: "+w
			} else if ok {
				if _, ok := hasAnyPrefix(after, 0, []string{"投资", "建设", "落户", "设立", "建", "新建", "布局"}); ok {
					m.role, m.weight, m.note = roleSite, 2, "project site"
				}
			}
		} else {
			// English: what follows the name.
			ta := after
			if m.zone {
				m.note = "development zone"
			}
			if w, ok := prefixAny(ta, investorAfterEn); ok && !m.zone {
				m.role, m.note = roleInvestor, "investor home: "+strings.TrimSpace(w)
				continue
			}
			if !m.zone && (sentenceInitial(d, m.start) || strings.HasSuffix(before, " a ") || strings.HasSuffix(before, " an ") || before == "a " || before == "an ") {
				if w, ok := ownerWithin(after, 3); ok {
					m.role, m.note = roleInvestor, "investor home: "+d.text[m.start:m.end]+" "+w
					continue
				}
			}
			next := nextWord(ta)
			if mediaAfterEn[next] || mediaAfterEn[nextCapRunEnd(d.text, m.end)] {
				m.role, m.weight, m.note = roleIgnore, 0, "media or office name"
				continue
			}
			if eventAfterEn[nextCapRunEnd(d.text, m.end)] || eventWithin(after, 3) {
				m.role, m.weight, m.note = roleVenue, 0, "event name"
				continue
			}
			if strings.HasSuffix(strings.TrimRight(d.text[:m.start], " "), "(") && strings.HasPrefix(strings.TrimLeft(after, " "), ")") {
				b := strings.TrimRight(d.text[:m.start], " ")
				b = strings.TrimRight(b[:len(b)-1], " ")
				if len(b) > 0 && isASCIIAlnum(b[len(b)-1]) && !strings.HasSuffix(b, "China") {
					m.role, m.weight, m.note = roleVenue, 0, "venue in brackets"
					continue
				}
			}
			if w, ok := suffixAny(before, investorBeforeEn); ok {
				m.role, m.note = roleInvestor, "investor home: "+strings.TrimSpace(w)
				continue
			}
			if strings.HasSuffix(before, "from ") || strings.HasSuffix(before, "from the ") {
				if k, _ := lastCue(before[max(0, len(before)-40):], fromOwnersEn); k >= 0 {
					m.role, m.note = roleInvestor, "investor from"
					continue
				}
			}
			if w, ok := suffixAny(before, visitBeforeEn); ok {
				m.role, m.weight, m.note = roleVenue, 0, "visit: "+strings.TrimSpace(w)
				continue
			}
			if strings.HasSuffix(clBefore, "in ") || strings.HasSuffix(clBefore, "in the city of ") || strings.HasSuffix(clBefore, "to ") {
				if k, w := lastCue(clBefore, venueVerbsEn); k >= 0 && !hasCue(clBefore[k:], venueSiteVerbsEn) {
					m.role, m.weight, m.note = roleVenue, 0, "event venue: "+w
					continue
				}
			}
			if strings.HasSuffix(clBefore, "in ") && signedAwayEn(d, ms, m) {
				m.role, m.weight, m.note = roleVenue, 0, "event venue: signed away from the subject"
				continue
			}
			if w, ok := suffixAny(before, siteBeforeEn); ok {
				m.role, m.weight, m.note = roleSite, 2, "project site: "+strings.TrimSpace(w)
			}
			if m.caps && m.start < 200 {
				m.weight, m.note = 0.3, "dateline"
			}
		}
		if (m.zone || m.place.IsZone()) && m.role == roleNeutral {
			m.weight, m.note = 1.5, "development zone"
		}
		if m.title {
			m.weight *= 2
			m.note = "title: " + m.note
		}
	}
}

// ownerWords name an investing business after "a Shenzhen ...".
var ownerWords = map[string]bool{"company": true, "companies": true, "firm": true, "firms": true, "maker": true,
	"makers": true, "developer": true, "group": true, "enterprise": true, "enterprises": true, "investor": true,
	"investors": true, "manufacturer": true, "producer": true, "supplier": true, "fund": true, "giant": true,
	"conglomerate": true, "businessman": true, "entrepreneur": true, "automaker": true, "carmaker": true,
	"chipmaker": true, "startup": true}

// sentenceInitial reports whether offset i starts its sentence (or the
// title), ignoring spaces and quotes.
func sentenceInitial(d *doc, i int) bool {
	sp, _ := d.sg.sentence(i)
	return strings.TrimLeft(d.f[sp.start:i], " \t\n\"'“") == ""
}

// eventWithin reports an event word (week, expo, fair, forum, summit...)
// among the next n words of the folded text s, stopping at punctuation.
func eventWithin(s string, n int) bool {
	i := 0
	for k := 0; k < n; k++ {
		for i < len(s) && (s[i] == ' ' || s[i] == '-') {
			i++
		}
		j := i
		for j < len(s) && isASCIIAlnum(s[j]) {
			j++
		}
		if j == i {
			return false
		}
		if eventAfterEn[s[i:j]] {
			return true
		}
		i = j
	}
	return false
}

// ownerWithin finds an owner word among the next n words of the folded text
// s, stopping at punctuation.
func ownerWithin(s string, n int) (string, bool) {
	i := 0
	for k := 0; k < n; k++ {
		for i < len(s) && (s[i] == ' ' || s[i] == '-') {
			i++
		}
		j := i
		for j < len(s) && isASCIIAlnum(s[j]) {
			j++
		}
		if j == i {
			return "", false
		}
		if ownerWords[s[i:j]] {
			return s[i:j], true
		}
		i = j
	}
	return "", false
}

// propagateLists gives the items of a list of places the role of an item
// with a role cue: "investors from Shanghai, Jiangsu and Zhejiang",
// "上海、江苏等地企业".
func propagateLists(d *doc, ms []mention) {
	idx := make([]int, 0, len(ms))
	for i := range ms {
		if ms[i].title == d.title && ms[i].place != nil && ms[i].role != roleIgnore {
			idx = append(idx, i)
		}
	}
	sort.Slice(idx, func(a, b int) bool { return ms[idx[a]].start < ms[idx[b]].start })
	listed := func(a, b *mention) bool {
		if b.start < a.end {
			return false
		}
		switch strings.TrimSpace(d.f[a.end:b.start]) {
		case ",", "、", "and", ", and", "和", "及", "以及", "or", "/", "，":
			return true
		}
		return false
	}
	for changed := true; changed; {
		changed = false
		for k := 0; k+1 < len(idx); k++ {
			a, b := &ms[idx[k]], &ms[idx[k+1]]
			if !listed(a, b) {
				continue
			}
			for _, pair := range [2][2]*mention{{a, b}, {b, a}} {
				src, dst := pair[0], pair[1]
				if dst.role != roleNeutral && !(dst.role == roleSite && dst.note == "project site") {
					continue
				}
				switch src.role {
				case roleInvestor:
					dst.role, dst.note = roleInvestor, "listed with an investor home"
					changed = true
				case roleVenue:
					if src.note == "visitors' home" || src.note == "event venue" {
						dst.role, dst.weight, dst.note = roleVenue, 0, src.note
						changed = true
					}
				}
			}
		}
	}
}

// hostVenues undoes the venue rule where it would leave a report without its
// site. A ceremony's venue counts for nothing only because the investment
// may land elsewhere (a Shandong city's signing event held in Shenzhen). When
// no other place of the report is named as where anything lands or happens
// (places above or below the venue, such as its province, do not compete),
// a venue is the site if projects are signed in the sentence that names it
// ("217 projects were signed at the summit held in Jiangyin City",
// "在江阴举行...现场签约"), if the title names it, or if an event is named
// after it (the Jiangyin Development Summit); when a place above the venue is
// named (a province signing in its capital), only the last two do. Venues of trips and visits, and
// the bracketed venue of an event named after another place (聊城（深圳）),
// stay venues.
func (x *placeIndex) hostVenues(title, body *doc, ms []mention) {
	related := func(a, b *gazetteer.Place) bool {
		for _, p := range x.g.Chain(a.Code) {
			if p == b {
				return true
			}
		}
		for _, p := range x.g.Chain(b.Code) {
			if p == a {
				return true
			}
		}
		return false
	}
	within := func(p, in *gazetteer.Place) bool { // p is in or is the place in
		for _, a := range x.g.Chain(p.Code) {
			if a == in {
				return true
			}
		}
		return false
	}
	anyRelated := func(cs []cand, p *gazetteer.Place) bool {
		for _, c := range cs {
			if related(c.p, p) {
				return true
			}
		}
		return false
	}
	hostable := func(m *mention) bool {
		return m.place != nil && m.role == roleVenue && (strings.HasPrefix(m.note, "event venue") || m.note == "event name")
	}
	counts := func(m *mention) bool {
		return m.place != nil && (m.role == roleNeutral || m.role == roleSite) && m.weight > 0
	}
	for i := range ms {
		v := &ms[i]
		if !hostable(v) {
			continue
		}
		competing, named, above := false, false, false
		for j := range ms {
			o := &ms[j]
			if j == i {
				continue
			}
			if o.place == nil {
				// A place name with several readings (Taizhou, Yulin) is
				// still a place the investment may land in.
				if o.note == "ambiguous" && !anyRelated(o.cands, v.place) {
					competing = true
					break
				}
				continue
			}
			rel := related(v.place, o.place)
			if !rel && (counts(o) || hostable(o)) {
				competing = true
				break
			}
			if o.title && o.role != roleInvestor && o.role != roleIgnore && within(o.place, v.place) {
				named = true
			}
			if rel && o.role == roleVenue && o.note == "event name" {
				named = true
			}
			if rel && counts(o) && o.place.Level < v.place.Level {
				above = true
			}
		}
		if competing {
			continue
		}
		d := body
		if v.title {
			d = title
		}
		sp, _ := d.sg.sentence(v.start)
		signed := hasCue(d.f[sp.start:sp.end], signingCues)
		// A province that signs in its capital (山东省人民政府...在济南签署)
		// is the site itself: with a place above the venue named, the venue
		// must be named as the host too.
		if above && !named || !signed && !named && v.note != "event name" {
			continue
		}
		v.role, v.weight, v.note = roleNeutral, 1, "event host, no other site named ("+v.note+")"
		if v.title {
			v.weight = 2
		}
	}
}

// signingCues are the words of a sentence that reports projects being signed.
var signingCues = cues("签约", "签署", "签订", "sign", "signed", "signing", "inked", "inks")

func suffixAny(s string, words []string) (string, bool) {
	for _, w := range words {
		if strings.HasSuffix(s, w) {
			return w, true
		}
	}
	return "", false
}

func prefixAny(s string, words []string) (string, bool) {
	for _, w := range words {
		if strings.HasPrefix(s, w) {
			e := len(w)
			if e < len(s) && isASCIIAlnum(s[e]) && isASCIIAlnum(w[len(w)-1]) {
				continue
			}
			return w, true
		}
	}
	return "", false
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// nextWord returns the lower-case ASCII word right after a single space.
func nextWord(s string) string {
	if len(s) < 2 || s[0] != ' ' {
		return ""
	}
	j := 1
	for j < len(s) && isASCIIAlnum(s[j]) {
		j++
	}
	return s[1:j]
}

// nextCapRunEnd follows the run of capitalised words right after offset i in
// the original text and returns its last word, lower-cased ("Hunan Daily
// Huasheng Online" → "online" for the mention "Hunan").
func nextCapRunEnd(text string, i int) string {
	last := ""
	for n := 0; n < 6; n++ {
		j := i
		for j < len(text) && (text[j] == ' ' || text[j] == '-' || text[j] == '&') {
			j++
		}
		// connectors inside a name: "Economic and Trade Cooperation Week"
		for _, c := range []string{"and ", "of ", "for ", "on ", "& "} {
			if j > i && strings.HasPrefix(text[j:], c) && j+len(c) < len(text) && text[j+len(c)] >= 'A' && text[j+len(c)] <= 'Z' {
				j += len(c)
				break
			}
		}
		if j == i || j >= len(text) || !(text[j] >= 'A' && text[j] <= 'Z') {
			break
		}
		k := j
		for k < len(text) && isASCIIAlnum(text[k]) {
			k++
		}
		last = strings.ToLower(text[j:k])
		i = k
	}
	return last
}

// companySpans finds company names in d: Chinese names ending in 有限公司,
// 集团 and the like, reaching back over the name to the nearest function
// word or punctuation; English runs of capitalised words ending in Co., Ltd.,
// Corp., Group and the like.
func companySpans(d *doc) []company {
	var out []company
	f := d.f
	// Chinese.
	for _, suf := range companyZh {
		off := 0
		for {
			k := strings.Index(f[off:], suf)
			if k < 0 {
				break
			}
			k += off
			off = k + len(suf)
			// skip a suffix inside a longer one already seen
			inside := false
			for _, s := range out {
				if k >= s.start && k < s.end {
					inside = true
				}
			}
			generic := suf == "企业"
			if inside {
				continue
			}
			j := k
			runes := 0
			for j > 0 && runes < 16 {
				r, n := utf8.DecodeLastRuneInString(f[:j])
				if !(isHan(r) || r < utf8.RuneSelf && isASCIIAlnum(byte(r)) || r == '（' || r == '）' || r == '(' || r == ')') {
					break
				}
				if companyStopZh[r] && runes >= 2 {
					break
				}
				j -= n
				runes++
			}
			// A development zone is not part of a company name.
			seg := f[j:k]
			for _, z := range []string{"高新区", "开发区", "园区", "新区", "经开区", "签约", "引进", "携手"} {
				if p := strings.LastIndex(seg, z); p >= 0 {
					j += p + len(z)
					seg = f[j:k]
				}
			}
			if runes >= 2 && j < k {
				out = append(out, company{span{j, off}, generic})
			}
		}
	}
	// English.
	toks := d.toks
	for i, t := range toks {
		w := f[t.start:t.end]
		if !companyEn[w] || !(d.text[t.start] >= 'A' && d.text[t.start] <= 'Z') {
			continue
		}
		s := t.start
		for j := i - 1; j >= 0 && i-j <= 8; j-- {
			gap := d.text[toks[j].end:toks[j+1].start]
			g := strings.TrimSpace(gap)
			if !(g == "" || g == "&" || g == "(" || g == ")" || g == "'" || g == "-" || g == "," && f[toks[j].start:toks[j].end] == "co" || g == ".," || g == "." && f[toks[j].start:toks[j].end] == "co") {
				if !(g == ") " || g == "(") {
					break
				}
			}
			c := d.text[toks[j].start]
			if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
				break
			}
			s = toks[j].start
		}
		if s < t.start {
			out = append(out, company{span: span{s, t.end}})
		}
	}
	return out
}

// company is the span of a company name; generic marks a description
// ("一家深圳新材料企业") rather than a registered name.
type company struct {
	span
	generic bool
}

// placeScores aggregates mentions into ranked provinces, cities and counties.
type placeResult struct {
	provinces, cities, counties, investors []*gazetteer.Place
	evidence                               []Evidence
}

// aggregate turns resolved, role-tagged mentions into the location fields:
// site and neutral mentions add their weight to the place and its
// ancestors; a province is kept when its score is at least 1 and at least
// 40% of the best one's, a city or county likewise within kept provinces.
func (x *placeIndex) aggregate(title, body *doc, ms []mention) placeResult {
	var res placeResult
	prov := map[string]float64{}
	city := map[string]float64{}
	county := map[string]float64{}
	first := map[string]int{}
	for i, m := range ms {
		if m.place == nil || m.role == roleIgnore || m.role == roleVenue || m.role == roleInvestor || m.weight == 0 {
			continue
		}
		chain := x.g.Chain(m.place.Code)
		for _, p := range chain {
			if _, ok := first[p.Code]; !ok {
				first[p.Code] = i
			}
			switch p.Level {
			case gazetteer.Province:
				prov[p.Code] += m.weight
			case gazetteer.Prefecture:
				city[p.Code] += m.weight
			default:
				county[p.Code] += m.weight
			}
		}
		if len(chain) > 0 && gazetteer.IsMunicipality(chain[len(chain)-1].Code) {
			city[chain[len(chain)-1].Code] += m.weight
		}
	}
	rank := func(scores map[string]float64, keep func(code string) bool) []string {
		var codes []string
		best := 0.0
		for c, s := range scores {
			if keep != nil && !keep(c) {
				continue
			}
			codes = append(codes, c)
			if s > best {
				best = s
			}
		}
		sort.Slice(codes, func(i, j int) bool {
			a, b := scores[codes[i]], scores[codes[j]]
			if a != b {
				return a > b
			}
			if first[codes[i]] != first[codes[j]] {
				return first[codes[i]] < first[codes[j]]
			}
			return codes[i] < codes[j]
		})
		out := codes[:0]
		for _, c := range codes {
			if scores[c] >= 1 && scores[c] >= 0.4*best {
				out = append(out, c)
			}
		}
		return out
	}
	provCodes := rank(prov, nil)
	keptProv := map[string]int{}
	for i, c := range provCodes {
		keptProv[c] = i
		p, _ := x.g.Place(c)
		res.provinces = append(res.provinces, p)
	}
	inKept := func(code string) bool {
		p, ok := x.g.ProvinceOf(code)
		if !ok {
			return false
		}
		_, k := keptProv[p.Code]
		return k
	}
	cityCodes := rank(city, inKept)
	sort.SliceStable(cityCodes, func(i, j int) bool {
		pi, _ := x.g.ProvinceOf(cityCodes[i])
		pj, _ := x.g.ProvinceOf(cityCodes[j])
		return keptProv[pi.Code] < keptProv[pj.Code]
	})
	keptCity := map[string]bool{}
	for _, c := range cityCodes {
		keptCity[c] = true
		p, _ := x.g.Place(c)
		res.cities = append(res.cities, p)
	}
	countyCodes := rank(county, func(code string) bool {
		if c, ok := x.g.CityOf(code); ok {
			return keptCity[c.Code]
		}
		// Counties under a province (陵水, 仙桃, 石河子) and their zones.
		p, ok := x.g.ProvinceOf(code)
		if !ok {
			return false
		}
		_, kept := keptProv[p.Code]
		return kept
	})
	for _, c := range countyCodes {
		p, _ := x.g.Place(c)
		res.counties = append(res.counties, p)
	}
	// Investors' home provinces, in order of appearance.
	seenInv := map[string]bool{}
	for _, m := range ms {
		if m.place == nil || m.role != roleInvestor {
			continue
		}
		p, ok := x.g.ProvinceOf(m.place.Code)
		if !ok || seenInv[p.Code] {
			continue
		}
		seenInv[p.Code] = true
		res.investors = append(res.investors, p)
	}
	// Evidence: up to two mentions per kept place, strongest first.
	kept := map[string]string{}
	for _, c := range provCodes {
		kept[c] = "provinces"
	}
	for _, c := range cityCodes {
		if _, ok := kept[c]; !ok {
			kept[c] = "cities"
		}
	}
	for _, c := range countyCodes {
		kept[c] = "counties"
	}
	count := map[string]int{}
	order := make([]int, 0, len(ms))
	for i := range ms {
		order = append(order, i)
	}
	sort.SliceStable(order, func(a, b int) bool { return ms[order[a]].weight > ms[order[b]].weight })
	for _, i := range order {
		m := ms[i]
		if m.place == nil {
			continue
		}
		d := body
		if m.title {
			d = title
		}
		switch m.role {
		case roleInvestor, roleVenue:
			field := "investor_provinces"
			if m.role == roleVenue {
				field = "ignored_places"
			}
			key := field + m.place.Code
			if count[key] >= 2 {
				continue
			}
			count[key]++
			res.evidence = append(res.evidence, Evidence{Field: field, Value: m.place.Code, Text: d.text[m.start:m.end],
				Start: m.start, End: m.end, Note: m.note, Title: m.title})
		case roleIgnore:
		default:
			field, ok := kept[m.place.Code]
			if !ok {
				continue
			}
			if count[m.place.Code] >= 2 {
				continue
			}
			count[m.place.Code]++
			res.evidence = append(res.evidence, Evidence{Field: field, Value: m.place.Code, Text: d.text[m.start:m.end],
				Start: m.start, End: m.end, Note: m.note, Title: m.title})
		}
	}
	return res
}
