package extract

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Words that make a nearby figure an investment.
var investCues = cues(
	"投资", "总投资", "投资额", "投资总额", "投资规模", "计划投资", "拟投资", "引资", "投建", "签约",
	"签下", "协议", "项目", "合同", "建设", "新建", "扩建", "落户", "投入", "出资", "花费", "耗资",
	"注资", "增资", "追加", "落地",
	"invest", "project", "sign", "inked", "inks", "worth$", "valued", "funding", "capital expenditure",
	"capex", "build$", "builds$", "built$", "building a", "building an", "to build", "construct", "plant$", "plants$", "facility", "facilities", "deal$", "deals$",
	"cost$", "costing", "involving", "base$", "factory", "spent", "spend", "spending on", "budget",
)

// Words that make a nearby figure something other than an investment.
var nonInvestCues = cues(
	"生产总值", "gdp", "产值", "营收", "营业收入", "销售收入", "主营业务收入", "销售额", "营业额",
	"收入", "税收", "纳税", "利税", "税金", "税额", "利润", "出口", "进口", "进出口", "外贸", "贸易额",
	"贸易总额", "交易额", "成交额", "市值", "估值", "产业规模", "市场规模", "经济规模", "零售额", "消费",
	"注册资本", "注册资金", "补贴", "奖励", "扶持资金", "贷款", "授信", "融资", "存款", "财政", "预算",
	"工资", "薪酬", "票房", "订单", "效益", "节约", "节省", "增加值", "产出", "业绩", "资产", "社会消费",
	"规模以上", "总产值", "产业集群", "千亿级", "百亿级", "gross domestic product", "output",
	"revenue", "sales$", "income", "tax$", "taxes$", "profit", "export", "import", "trade$",
	"trade volume", "turnover", "market value", "valuation", "market cap", "registered capital",
	"subsid", "reward", "loan", "credit", "financing", "deposit", "fiscal", "财政预算",
	"consumption", "retail", "orders$", "salar", "wage", "asset", "value-added", "added value",
	"industrial cluster", "-level industr", "worth of goods", "box office", "savings",
	"实际使用外资", "实际利用外资", "利用外资", "使用外资", "foreign capital", "utilized", "utilised",
	"actual use of foreign", "foreign direct investment", "fdi$", "实际到位", "到位资金", "market size",
	"market to reach", "market will reach", "market is expected", "market value", "each year$", "a year$", "annually",
	"每年", "年均",
)

// Words right after a figure that make it no investment ("30亿元产值",
// "3 billion yuan in revenue").
var nonInvestAfter = []string{
	"产值", "的产值", "营收", "的营收", "税收", "的税收", "销售额", "的销售额", "收入", "的收入",
	"利税", "的利税", "出口", "in revenue", "in annual revenue", "in sales", "in output",
	"of output", "in exports", "in tax", "in taxes", "in gdp", "of gdp", "in profit", "in trade",
	"in annual output", "of annual output", "in annual sales", "of revenue", "of sales",
}

// Words of cumulative or earlier-period statistics.
var statCues = cues(
	"去年", "上年", "前年", "过去", "历年", "十三五", "十二五", "据统计", "统计显示",
	"全年", "同比", "上届", "上一届", "往届",
	"last year", "previous year", "the past", "for more than", "for over", "year-on-year", "year on year", "past five years", "past three years",
	"past decade", "according to statistics", "statistics show", "previous session", "last session",
	"previous edition", "last edition",
)

// Words that mark the report's own time ("本次", "this event"): they stop the
// search for an earlier year.
var nowCues = cues("本次", "此次", "今天", "日前", "近日", "现场", "this time", "today", "on the day", "during the event", "at the event", "at the ceremony", "仪式上", "大会上", "活动中", "会上")

// Words that make a figure the total of a signing event.
var eventCues = cues(
	"集中签约", "一批", "批次", "共签约", "合计", "总计", "共计", "共有", "累计签约", "签约项目",
	"签约总额", "签约金额", "协议总额", "合同总额", "签约总金额", "total contract value", "total value of",
	"a batch of", "projects$", "in total", "a total of", "combined", "altogether",
)

// softStatCues ("in recent years") make a figure a statistic only in a
// sentence that counts projects or says 累计: "近年来，累计引进项目200个，
// 总投资500亿元", not "近年来，该村投资50万元建设基地".
var softStatCues = cues("近年来", "多年来", "近几年", "in recent years", "over the years", "over the past few years")

// amongCues put a figure inside a list of projects: it is one of them.
var amongCues = cues("among them", "among the", "including", "其中", "项目中", "包括", "such as", "among which")

// Words that make a figure one phase of a project.
var phaseCues = cues("一期", "二期", "三期", "四期", "首期", "分期", "期工程", "phase", "first stage", "second stage")

// classify guesses the scope of the figure at f[start:end] from the words
// around it, with a short reason.
//
// year is the report's year and dated tells whether it comes from a date in
// the report (else it is the latest year the text mentions): without a date,
// a sentence that opens with a year ("In 2020, ...", "2020年，...") is taken
// for a look back, since reports of the day say "on Monday" or "日前".
func classify(f string, sg *segmenter, start, end, year int, dated bool) (string, string) {
	sent, _ := sg.sentence(start)
	cl := sg.clause(start)
	if cl.start > start || cl.end < start {
		cl = sent
	}
	before := f[cl.start:start]
	sentBefore := f[sent.start:start]
	after := f[end:max(end, sent.end)]
	clAfter := f[end:max(end, cl.end)]

	// Non-investment words right after the figure.
	a := strings.TrimLeft(after, " ")
	for _, w := range nonInvestAfter {
		if strings.HasPrefix(a, w) {
			return ScopeOther, "not investment: " + w
		}
	}
	// The nearest class word before the figure, in its clause, else its
	// sentence, else after it.
	kind, word := nearestClass(before)
	if kind == 0 {
		kind, word = nearestClass(sentBefore)
	}
	if kind == 0 {
		i, w := firstCue(clAfter, investCues)
		j, w2 := firstCue(clAfter, nonInvestCues)
		switch {
		case i >= 0 && (j < 0 || i < j):
			kind, word = 1, w
		case j >= 0:
			kind, word = -1, w2
		}
	}
	switch kind {
	case -1:
		return ScopeOther, "not investment: " + word
	case 0:
		return ScopeOther, "no investment context"
	}
	// "... add 413,000 yuan to the village's income each year": a
	// non-investment word right after, before any investment word.
	win := clAfter[:min(len(clAfter), 60)]
	if j, w := firstCue(win, nonInvestCues); j >= 0 {
		if i, _ := firstCue(win, investCues); i < 0 || j < i {
			return ScopeOther, "not investment: " + w
		}
	}
	// Thresholds: "亿元以上项目", "worth more than 100 million yuan each".
	if why, ok := threshold(f, start, end, before); ok {
		return ScopeOther, why
	}
	// Earlier years and cumulative statistics.
	known := year
	if !dated {
		known = 0
	}
	if why, ok := pastContext(sentBefore, clAfter, known); ok {
		return ScopeOther, why
	}
	if y, ok := leadingYear(sentBefore); ok && (!dated || y < year) {
		return ScopeOther, "statistic of " + strconv.Itoa(y)
	}
	if k, w := lastCue(before, phaseCues); k >= 0 {
		return ScopePhase, "phase: " + w
	}
	if k, _ := firstCue(clAfter, phaseCues); k >= 0 && k < 24 {
		return ScopePhase, "phase"
	}
	sentText := f[sent.start:sent.end]
	if k, w := lastCue(sentBefore, softStatCues); k >= 0 {
		if _, ok := projectCount(sentText); ok || strings.Contains(sentText, "累计") || strings.Contains(sentText, "cumulative") {
			return ScopeOther, "statistic: " + w
		}
	}
	if k, w := lastCue(sentBefore, amongCues); k >= 0 {
		if _, ok := projectCount(f[max(sent.start, k):start]); !ok {
			return ScopeProject, "one of the projects: " + w
		}
	}
	if n, ok := projectCount(sentText); ok {
		return ScopeEvent, "total of " + n + " projects"
	}
	if _, w := firstCue(sentText, eventCues); w != "" {
		return ScopeEvent, "event total: " + w
	}
	return ScopeProject, "investment: " + word
}

// threshold reports a figure that is a size class, not an amount: "亿元以上
// 项目", "超亿元项目", "worth more than 100 million yuan each", "78 projects
// of over 100 million yuan".
func threshold(f string, start, end int, before string) (string, bool) {
	a := strings.TrimLeft(f[end:min(len(f), end+24)], " ")
	for _, w := range []string{"以上", "及以上", "each", "apiece", "or more", "and above", "or above"} {
		if strings.HasPrefix(a, w) {
			return "threshold: " + w, true
		}
	}
	qualified := start < len(f) && f[start] < utf8.RuneSelf && (strings.HasPrefix(f[start:], "more than") || strings.HasPrefix(f[start:], "over")) ||
		strings.HasPrefix(f[start:], "超") || strings.HasPrefix(f[start:], "逾")
	// "projects with a total investment of more than 10 billion yuan such
	// as ...": a class the examples belong to.
	if qualified && (strings.HasPrefix(a, "项目") || strings.HasPrefix(a, "的项目") || strings.HasPrefix(a, "such as") || strings.HasPrefix(a, "like ")) {
		return "threshold: projects above", true
	}
	if !qualified {
		return "", false
	}
	b := strings.TrimRight(before, " ")
	for _, w := range []string{"projects of", "projects each worth"} {
		if strings.HasSuffix(b, w) {
			return "threshold: " + w, true
		}
	}
	return "", false
}

// leadingYear returns the year that opens a sentence: "In 2020, ...",
// "2020年，...", "2020年全年...".
func leadingYear(sentBefore string) (int, bool) {
	s := strings.TrimLeft(sentBefore, " \t\n\"“'")
	s = strings.TrimPrefix(s, "\u3000")
	for _, p := range []string{"in ", "during ", "throughout "} {
		if strings.HasPrefix(s, p) {
			s = s[len(p):]
			break
		}
	}
	if len(s) < 5 {
		return 0, false
	}
	y, ok := yearAt(s, 0)
	if !ok {
		return 0, false
	}
	rest := s[4:]
	if strings.HasPrefix(rest, "年") || strings.HasPrefix(rest, ",") || strings.HasPrefix(rest, " ") {
		return y, true
	}
	return 0, false
}

// nearestClass finds the class word nearest to the end of s: 1 for an
// investment word, -1 for a non-investment word, 0 for none. On a tie the
// longer word wins (投资规模 over 规模).
func nearestClass(s string) (int, string) {
	i, w := lastCue(s, investCues)
	j, w2 := lastCue(s, nonInvestCues)
	switch {
	case i < 0 && j < 0:
		return 0, ""
	case i > j || i == j && len(w) >= len(w2):
		return 1, w
	default:
		return -1, w2
	}
}

// pastContext reports a figure that belongs to an earlier year or to a
// cumulative statistic: the nearest time word before it in its sentence (or
// right after it in its clause) is an earlier year or a statistics word.
func pastContext(before, after string, year int) (string, bool) {
	// nearest year before
	yPos, y := -1, 0
	for i := 0; i+4 <= len(before); i++ {
		if v, ok := yearAt(before, i); ok && !isTargetYear(before, i) {
			yPos, y = i+4, v
			i += 3
		}
	}
	sPos, sw := lastCue(before, statCues)
	nPos, _ := lastCue(before, nowCues)
	if nPos > yPos && nPos > sPos {
		return "", false
	}
	if yPos > sPos && year > 0 && y < year {
		return "earlier year " + before[yPos-4:yPos], true
	}
	if sPos > yPos && sPos >= 0 {
		return "statistic: " + sw, true
	}
	if yPos >= 0 && sPos >= 0 && sPos == yPos {
		return "statistic: " + sw, true
	}
	// a year right after in the clause: "were signed in 2022"
	for i := 0; i+4 <= len(after); i++ {
		if v, ok := yearAt(after, i); ok && year > 0 && v < year && !isTargetYear(after, i) {
			return "earlier year " + after[i:i+4], true
		}
	}
	return "", false
}

// projectCount finds "25 projects", "25个项目", "项目25个", "25 key projects"
// in a sentence and returns the count as written.
func projectCount(s string) (string, bool) {
	// Chinese: N个...项目 (within 8 bytes of 个) or 项目N个
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) || i > 0 && (isDigit(s[i-1]) || s[i-1] == '.') {
			continue
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		n := s[i:j]
		if n == "1" {
			continue
		}
		rest := s[j:]
		rest = strings.TrimLeft(rest, " ")
		if strings.HasPrefix(rest, "个") || strings.HasPrefix(rest, "余个") || strings.HasPrefix(rest, "多个") || strings.HasPrefix(rest, "项") {
			win := rest
			if len(win) > 30 {
				win = win[:30]
			}
			if strings.Contains(win, "项目") || strings.HasPrefix(rest, "项") {
				return n, true
			}
			if strings.HasSuffix(strings.TrimRight(s[:i], " "), "项目") {
				return n, true
			}
		}
		// English: N [adj]{0,3} projects
		words := strings.Fields(rest)
		for k := 0; k < len(words) && k < 4; k++ {
			w := strings.Trim(words[k], ",.;:()\"")
			if w == "projects" {
				return n, true
			}
			if w == "" || strings.ContainsAny(w, "0123456789") {
				break
			}
		}
	}
	return "", false
}
