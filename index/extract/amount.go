package extract

import (
	"math"
	"strings"
	"unicode/utf8"
)

// Amount is one money figure found in a report.
type Amount struct {
	Text     string  `json:"text"`     // as written: "46.3 billion yuan ($6.95 billion)"
	Value    float64 `json:"value"`    // in the original currency unit: 46.3e9
	Currency string  `json:"currency"` // ISO 4217: CNY, USD, EUR, ...
	CNY      float64 `json:"cny"`      // normalised to yuan
	Scope    string  `json:"scope"`    // event_total, project, phase, other
	Start    int     `json:"start"`    // byte offsets in the text parsed
	End      int     `json:"end"`
}

// The scopes of an Amount.
const (
	ScopeEvent   = "event_total" // the total of a signing event or a batch of projects
	ScopeProject = "project"     // one project
	ScopePhase   = "phase"       // one phase of a project
	ScopeOther   = "other"       // not an investment of this report: GDP, output, revenue, past years
)

// cnyRates is the fixed conversion table: yuan per unit of each currency.
// The figures are rounded 2023–2024 averages of the PBoC central parity
// (USD, EUR, HKD, JPY, GBP) and of market rates for the others. They are fixed
// on purpose: an amount facet must not move when exchange rates do, and
// reports rarely say which rate they used. Change them only together with a
// re-index.
var cnyRates = map[string]float64{
	"CNY": 1,
	"USD": 7.1,
	"EUR": 7.8,
	"HKD": 0.91,
	"JPY": 0.049,
	"GBP": 8.9,
	"KRW": 0.0054,
	"SGD": 5.3,
	"AUD": 4.7,
	"CAD": 5.2,
	"CHF": 8.0,
	"TWD": 0.22,
	"MOP": 0.88,
	"RUB": 0.085,
}

// RateCNY returns the fixed number of yuan per unit of an ISO 4217 currency
// used to normalise amounts, and whether the currency is known.
func RateCNY(currency string) (float64, bool) {
	r, ok := cnyRates[currency]
	return r, ok
}

// ParseAmounts returns every money figure in text, in order, with a guess of
// its scope from the words around it. Figures that are not investments of the
// report (GDP, output value, revenue, tax, exports, statistics of earlier
// years) have scope "other". Offsets are byte offsets in text. The year used
// to tell earlier years from the report's own is the date found by FindDate,
// else the latest year the text mentions. Full-width digits (８５億元,
// ３．２亿美元) are read like ASCII ones (see narrow).
func ParseAmounts(text string) []Amount {
	nt, wm := narrow(text)
	f := fold(nt)
	sg := segment(f)
	year, dated := 0, false
	if d, ok := FindDate(text); ok {
		year, dated = d.Year(), true
	} else {
		year = latestYear(f)
	}
	as := parseAmounts(nt, f, &sg, year, dated)
	for i := range as {
		wm.back(text, &as[i].Start, &as[i].End, &as[i].Text)
	}
	return as
}

// parseAmounts scans the folded text f (same offsets as text) for figures and
// classifies each one.
func parseAmounts(text, f string, sg *segmenter, year int, dated bool) []Amount {
	sa := parseAmountsWhy(text, f, sg, year, dated)
	if len(sa) == 0 {
		return nil
	}
	out := make([]Amount, len(sa))
	for i, a := range sa {
		out[i] = a.Amount
	}
	return out
}

// scopedAmount is an Amount with the reason for its scope.
type scopedAmount struct {
	Amount
	why string
}

// parseAmountsWhy is parseAmounts keeping the reasons, for evidence.
func parseAmountsWhy(text, f string, sg *segmenter, year int, dated bool) []scopedAmount {
	var out []scopedAmount
	for i := 0; i < len(f); {
		if !mayStartAmount(f, i) {
			_, n := utf8.DecodeRuneInString(f[i:])
			i += n
			continue
		}
		a, ok := scanAmount(f, i)
		if !ok {
			_, n := utf8.DecodeRuneInString(f[i:])
			i += n
			continue
		}
		// A range ("10亿至15亿元", "10-15亿元", "1 billion to 1.5 billion
		// yuan") is one figure, worth its lower bound.
		if lo, ok := rangeLow(f, a, out); ok {
			if lo.dropPrev {
				out = out[:len(out)-1]
			}
			a.Start, a.Value, a.CNY = lo.start, lo.value.float(), toCNY(lo.value, a.Currency)
		}
		a.Text = text[a.Start:a.End]
		var why string
		a.Scope, why = classify(f, sg, a.Start, a.End, year, dated)
		out = append(out, scopedAmount{a, why})
		i = a.End
	}
	return out
}

// zhDigits maps Chinese numerals (simplified) to their values.
func zhDigit(r rune) (int, bool) {
	switch r {
	case '零', '〇':
		return 0, true
	case '一':
		return 1, true
	case '二', '两':
		return 2, true
	case '三':
		return 3, true
	case '四':
		return 4, true
	case '五':
		return 5, true
	case '六':
		return 6, true
	case '七':
		return 7, true
	case '八':
		return 8, true
	case '九':
		return 9, true
	}
	return 0, false
}

func zhUnit(r rune) (float64, bool) {
	switch r {
	case '十', '拾':
		return 10, true
	case '百', '佰':
		return 100, true
	case '千', '仟':
		return 1000, true
	case '万':
		return 1e4, true
	case '亿':
		return 1e8, true
	}
	return 0, false
}

func isZhNumeral(r rune) bool {
	if _, ok := zhDigit(r); ok {
		return true
	}
	_, ok := zhUnit(r)
	return ok || r == '点'
}

// currency words, longest first within each list.
type curWord struct {
	w, iso string
}

var zhCurrencySuffix = []curWord{
	{"元人民币", "CNY"}, {"元港币", "HKD"}, {"人民币", "CNY"}, {"加拿大元", "CAD"}, {"新加坡元", "SGD"},
	{"瑞士法郎", "CHF"}, {"新台币", "TWD"}, {"美元", "USD"}, {"美金", "USD"}, {"欧元", "EUR"},
	{"港元", "HKD"}, {"港币", "HKD"}, {"日元", "JPY"}, {"英镑", "GBP"}, {"韩元", "KRW"},
	{"澳元", "AUD"}, {"加元", "CAD"}, {"新元", "SGD"}, {"卢布", "RUB"}, {"澳门元", "MOP"},
	{"元", "CNY"},
}

var enCurrencySuffix = []curWord{
	{"new taiwan dollars", "TWD"}, {"hong kong dollars", "HKD"}, {"singapore dollars", "SGD"},
	{"australian dollars", "AUD"}, {"canadian dollars", "CAD"}, {"u.s. dollars", "USD"},
	{"us dollars", "USD"}, {"u.s dollars", "USD"}, {"american dollars", "USD"}, {"hk dollars", "HKD"},
	{"pounds sterling", "GBP"}, {"swiss francs", "CHF"}, {"renminbi", "CNY"}, {"dollars", "USD"},
	{"dollar", "USD"}, {"yuan", "CNY"}, {"rmb", "CNY"}, {"cny", "CNY"}, {"usd", "USD"},
	{"euros", "EUR"}, {"euro", "EUR"}, {"eur", "EUR"}, {"hkd", "HKD"}, {"yen", "JPY"},
	{"jpy", "JPY"}, {"gbp", "GBP"}, {"sterling", "GBP"}, {"krw", "KRW"}, {"sgd", "SGD"},
	{"aud", "AUD"}, {"cad", "CAD"}, {"chf", "CHF"}, {"rubles", "RUB"},
}

var currencyPrefix = []curWord{
	{"人民币", "CNY"}, {"us$", "USD"}, {"u.s.$", "USD"}, {"hk$", "HKD"}, {"nt$", "TWD"},
	{"s$", "SGD"}, {"a$", "AUD"}, {"c$", "CAD"}, {"rmb", "CNY"}, {"cny", "CNY"}, {"usd", "USD"},
	{"eur", "EUR"}, {"hkd", "HKD"}, {"jpy", "JPY"}, {"gbp", "GBP"}, {"$", "USD"}, {"€", "EUR"},
	{"£", "GBP"}, {"¥", "CNY"}, {"￥", "CNY"}, {"美元", "USD"}, {"港币", "HKD"}, {"欧元", "EUR"},
}

// prefixFirst marks the first bytes of the currency prefixes.
var prefixFirst = func() (t [256]bool) {
	for _, w := range currencyPrefix {
		t[w.w[0]] = true
	}
	return t
}()

// enScales are the English scale words with their powers of ten.
var enScales = []struct {
	w string
	e int
}{
	{"trillion", 12}, {"billion", 9}, {"million", 6}, {"thousand", 3},
	{"bln", 9}, {"mln", 6}, {"bn", 9}, {"tn", 12}, {"mn", 6}, {"b", 9}, {"m", 6},
}

var enNumberWords = map[string]float64{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "fifty": 50,
	"hundred": 100,
}

// Units that, written right after a Chinese number with 万 or 亿, show that
// it counts something other than money.
var zhNonMoneyUnits = []string{
	"人", "吨", "平方", "亩", "千瓦", "瓦", "度", "片", "颗", "台", "套", "辆", "只", "个", "件",
	"次", "户", "家", "名", "株", "头", "册", "条", "张", "支", "枚", "立方", "米", "公里", "千克",
	"斤", "粒", "剂", "盒", "袋", "瓶", "箱", "份", "级", "倍", "双", "部", "座", "栋", "间", "床",
	"羽", "尾", "步", "字", "像素", "小时", "天", "年", "分钟", "标箱", "千米", "公顷", "平米",
	"kw", "mw", "gw", "kwh", "t/", "㎡", "m2", "m³", "万千瓦", "农户", "块", "项", "所", "座",
	"千伏", "伏", "安时", "gwh", "mwh", "单", "笔", "辆次", "余人", "多人", "余个", "多个", "余家", "多家",
}

// bareUnitClass are the words after a unit written without a number (超亿元,
// 千万元) that make it a class of projects or firms, not an amount.
var bareUnitClass = []string{"项目", "的项目", "大项目", "重点项目", "级", "以上", "规模", "企业", "的企业", "产业"}

// Vague multipliers before a Chinese number ("数十亿", "几百万") make it no
// figure at all.
func vagueBefore(f string, i int) bool {
	r := runeBefore(f, i)
	return r == '数' || r == '几' || r == '若'
}

// scanAmount tries to read one money figure starting at byte i of the folded
// text f.
func scanAmount(f string, i int) (Amount, bool) {
	var a Amount
	start := i
	prefixCur := ""
	if !prefixFirst[f[i]] {
		// no currency prefix starts with this byte
	} else if n, iso, ok := matchCurrency(f, i, currencyPrefix); ok {
		// A prefix must be followed by a number; "$" and friends glued or
		// after one space.
		if i > 0 && isASCIIAlnum(f[i-1]) && f[i] != '$' {
			return a, false
		}
		j := skipSpaces(f, i+n)
		if j < len(f) && (isDigit(f[j]) || isZhNumeral(runeAt(f, j))) {
			prefixCur = iso
			i = j
		} else {
			return a, false
		}
	}
	c := f[i]
	if c >= 'a' && c <= 'z' && prefixCur == "" {
		return scanWordAmount(f, i)
	}
	switch {
	case isDigit(c):
		if prefixCur == "" && i > 0 && (isASCIIAlnum(f[i-1]) || f[i-1] == '.' || f[i-1] == '$' || (f[i-1] == ',' && i > 1 && isDigit(f[i-2]))) {
			return a, false
		}
	default:
		r := runeAt(f, i)
		if !isZhNumeral(r) || r == '点' {
			return a, false
		}
		if prefixCur == "" && isZhNumeral(runeBefore(f, i)) {
			return a, false
		}
		if vagueBefore(f, i) {
			return a, false
		}
	}

	// The number itself, exact: digits into an integer mantissa, units as
	// powers of ten (see decimal).
	var num decimal
	j := i
	arabic := isDigit(c)
	hadDigits := true
	if arabic {
		var ok bool
		num, j, ok = parseArabic(f, i)
		if !ok {
			return a, false
		}
	} else {
		num, j, hadDigits = parseZhSmall(f, i)
	}

	// Chinese multipliers: 万, 亿, and 十/百/千 after Arabic digits;
	// "950余亿元", "30多亿元" are read as 950亿, 30亿.
	k := skipSpaces(f, j)
	if hadDigits && (strings.HasPrefix(f[k:], "余") || strings.HasPrefix(f[k:], "多")) {
		if r := runeAt(f, k+len("余")); r == '万' || r == '亿' || r == '千' || r == '百' {
			k += len("余")
		}
	}
	multExp, k2, big := parseZhMultipliers(f, k)
	if k2 > k {
		j = k2
	}
	if !hadDigits && (!big || !qualifiedBefore(f, start)) {
		return a, false // 千万不要, 千亿级, 亿元以上: a bare unit needs 超, 近, 逾...
	}
	value := num.scale(multExp)
	if !hadDigits && num.m == 0 {
		value = decimal{1, multExp}
	}
	// "一亿二千万", "1亿2000万": a remainder in 万 after 亿.
	if big && strings.HasSuffix(f[:j], "亿") && j < len(f) && num.norm().e >= 0 {
		var rest decimal
		var k2 int
		ok := false
		if isDigit(f[j]) {
			rest, k2, ok = parseArabic(f, j)
		} else if r := runeAt(f, j); isZhNumeral(r) && r != '万' && r != '亿' {
			rest, k2, ok = parseZhSmall(f, j)
		}
		if ok && strings.HasPrefix(f[k2:], "万") && rest.m > 0 && rest.float() < 1e4 {
			if sum, exact := value.add(rest.scale(4)); exact {
				value = sum
				j = k2 + len("万")
			}
		}
	}

	if big || !arabic {
		// Chinese form: optional currency word, else yuan unless a counting
		// unit follows.
		if !big {
			return a, false // 三元, 一元化: Chinese numerals need 万 or 亿
		}
		cur := prefixCur
		k = skipSpaces(f, j)
		if n, iso, ok := matchCurrency(f, k, zhCurrencySuffix); ok {
			if cur == "" {
				cur = iso
			}
			j = k + n
		} else if n, iso, ok := matchEnCurrency(f, k); ok {
			if cur == "" {
				cur = iso
			}
			j = k + n
		} else {
			if _, bad := hasAnyPrefix(f, k, zhNonMoneyUnits); bad && cur == "" {
				return a, false
			}
			if !hadDigits && !qualifiedBefore(f, start) {
				return a, false // 千万不要, 千亿级
			}
			if cur == "" {
				cur = "CNY"
			}
		}
		if !hadDigits {
			// A bare unit, even qualified, that names a class of projects
			// is no figure: 超亿元项目, 亿元以上, 百亿元级.
			if _, class := hasAnyPrefix(f, skipSpaces(f, j), bareUnitClass); class {
				return a, false
			}
		}
		a.Currency = cur
	} else {
		// English form: number [-] scale [-] currency, or prefix currency.
		k = j
		if prefixCur != "" {
			// "US$1-1.5 billion", "RMB 1 to 2 billion": a range after a
			// currency prefix takes the scale of its upper end; the
			// figure is worth the lower one.
			if k2, ok := prefixedRangeUpper(f, k, num); ok {
				k = k2
			}
		}
		if k < len(f) && f[k] == '-' {
			k++
		}
		k = skipSpaces(f, k)
		scale := 0
		if _, e, n, ok := matchScale(f, k, prefixCur != ""); ok {
			scale = e
			j = k + n
		}
		cur := prefixCur
		k = j
		if k < len(f) && f[k] == '-' {
			k++
		}
		k = skipSpaces(f, k)
		if n, iso, ok := matchEnCurrency(f, k); ok {
			if cur == "" {
				cur = iso
			}
			j = k + n
		} else if n, iso, ok := matchCurrency(f, k, zhCurrencySuffix); ok && scale == 0 {
			if cur == "" {
				cur = iso
			}
			j = k + n
		}
		if cur == "" {
			return a, false
		}
		value = num.scale(scale)
		a.Currency = cur
	}
	v := value.float()
	if v <= 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return a, false
	}
	a.Value = v
	a.Start = qualifierStart(f, start)
	a.End = j
	a.CNY = toCNY(value, a.Currency)
	// A conversion in brackets right after belongs to this figure:
	// "46.3 billion yuan ($6.95 billion)", "1880万欧元（约合人民币1.5亿元）".
	// The yuan figure stays the one of the rate table, so that every
	// report converts alike.
	if end, _, ok := bracketConversion(f, j); ok {
		a.End = end
	}
	return a, true
}

// parseArabic reads digits with optional thousands separators and a decimal
// part, exactly.
func parseArabic(f string, i int) (decimal, int, bool) {
	j := i
	var v decimal
	for j < len(f) {
		if isDigit(f[j]) {
			v = v.appendDigit(f[j], false)
			j++
			continue
		}
		if f[j] == ',' && j > i && isThreeDigits(f, j+1) {
			j++
			continue
		}
		break
	}
	if j < len(f)-1 && f[j] == '.' && isDigit(f[j+1]) {
		j++
		for j < len(f) && isDigit(f[j]) {
			v = v.appendDigit(f[j], true)
			j++
		}
	}
	if v.float() > 1e15 {
		return decimal{}, j, false
	}
	return v, j, true
}

func isThreeDigits(f string, i int) bool {
	if i+3 > len(f) {
		return false
	}
	if !isDigit(f[i]) || !isDigit(f[i+1]) || !isDigit(f[i+2]) {
		return false
	}
	return i+3 == len(f) || !isDigit(f[i+3])
}

// parseZhSmall reads a Chinese number below 万 (三千, 一百二十, 十二, 三点五),
// exactly. hadDigits is false when the text starts with a bare unit (千亿,
// 百亿) and no numeral was written; the result is then 0 and the caller uses
// the unit.
func parseZhSmall(f string, i int) (decimal, int, bool) {
	sec := uint64(0) // the sections read so far (三千 of 三千五百)
	num := -1        // the pending digit run, -1 for none
	var frac decimal // the digits after 点, as a fraction
	j := i
	hadDigits := false
	for j < len(f) {
		r, n := utf8.DecodeRuneInString(f[j:])
		if d, ok := zhDigit(r); ok {
			if num >= 0 && num < 1e8 {
				num = num*10 + d
			} else if num < 0 {
				num = d
			}
			hadDigits = true
			j += n
			continue
		}
		if r == '十' || r == '百' || r == '千' {
			u, _ := zhUnit(r)
			// 十 leading a number is a numeral (十二亿); 百/千 without a
			// numeral before them are units for the caller (千亿, 百亿).
			if num < 0 {
				if r != '十' || hadDigits {
					if !hadDigits {
						break
					}
					num = 1
				} else {
					num = 1
					hadDigits = true
				}
			}
			sec += uint64(num) * uint64(u)
			num = -1
			j += n
			continue
		}
		if r == '点' && num >= 0 {
			k := j + n
			got := false
			for k < len(f) {
				r2, n2 := utf8.DecodeRuneInString(f[k:])
				d, ok := zhDigit(r2)
				if !ok {
					break
				}
				frac = frac.appendDigit(byte('0'+d), true)
				got = true
				k += n2
			}
			if !got {
				break
			}
			j = k
			break
		}
		break
	}
	if num > 0 {
		sec += uint64(num)
	}
	v, _ := decimal{m: sec}.add(frac)
	return v, j, hadDigits
}

// parseZhMultipliers reads a run of multiplier characters (千万, 万亿, 百亿)
// and returns their product as a power of ten. big reports a 万 or 亿
// among them. After a Chinese numeral only 万 and 亿 are left to read (the
// rest belong to the numeral).
func parseZhMultipliers(f string, i int) (int, int, bool) {
	exp := 0
	big := false
	j := i
	for j < len(f) {
		r, n := utf8.DecodeRuneInString(f[j:])
		u, ok := zhUnit(r)
		if !ok {
			break
		}
		if u >= 1e4 {
			big = true
		}
		exp += int(math.Round(math.Log10(u)))
		j += n
	}
	if exp > 16 {
		return 0, i, false
	}
	return exp, j, big
}

// matchCurrency finds one of the words at f[i:].
func matchCurrency(f string, i int, words []curWord) (int, string, bool) {
	for _, w := range words {
		if strings.HasPrefix(f[i:], w.w) {
			return len(w.w), w.iso, true
		}
	}
	return 0, "", false
}

// matchEnCurrency matches an English currency word as a whole word.
func matchEnCurrency(f string, i int) (int, string, bool) {
	for _, w := range enCurrencySuffix {
		if strings.HasPrefix(f[i:], w.w) {
			e := i + len(w.w)
			if e < len(f) && isASCIIAlnum(f[e]) {
				continue
			}
			return len(w.w), w.iso, true
		}
	}
	return 0, "", false
}

// matchScale matches an English scale word and returns its power of ten;
// the one-letter forms (b, m) only after a currency prefix ($3b).
func matchScale(f string, i int, prefixed bool) (string, int, int, bool) {
	for _, s := range enScales {
		if len(s.w) == 1 && !prefixed {
			continue
		}
		if strings.HasPrefix(f[i:], s.w) {
			e := i + len(s.w)
			if e < len(f) && (f[e] >= 'a' && f[e] <= 'z') {
				continue
			}
			return s.w, s.e, len(s.w), true
		}
	}
	return "", 0, 0, false
}

var zhQualifiers = []string{"超过", "突破", "约合", "超", "逾", "近", "约", "过", "破"}
var enQualifiers = []string{"more than ", "over ", "nearly ", "about ", "around ", "approximately ",
	"up to ", "at least ", "almost ", "some ", "exceeding ", "roughly ", "close to ", "above "}

// qualifiedBefore reports a qualifier right before i (超千亿元).
func qualifiedBefore(f string, i int) bool {
	return qualifierStart(f, i) < i
}

// qualifierStart extends a figure's start over a qualifier written right
// before it ("超千亿元", "more than 100 billion yuan").
func qualifierStart(f string, i int) int {
	for _, q := range zhQualifiers {
		if strings.HasSuffix(f[:i], q) {
			return i - len(q)
		}
	}
	for _, q := range enQualifiers {
		if strings.HasSuffix(f[:i], q) {
			k := i - len(q)
			if k == 0 || !isASCIIAlnum(f[k-1]) {
				return k
			}
		}
	}
	return i
}

// bracketConversion reads "( $6.95 billion )" or "（约合9.6亿美元）" after a
// figure and returns the end of the bracket and, when the bracket gives yuan,
// its value in yuan.
func bracketConversion(f string, i int) (int, float64, bool) {
	k := skipSpaces(f, i)
	var closeB string
	switch {
	case strings.HasPrefix(f[k:], "("):
		k++
		closeB = ")"
	case strings.HasPrefix(f[k:], "（"):
		k += len("（")
		closeB = "）"
	default:
		return 0, 0, false
	}
	limit := k + 60
	if limit > len(f) {
		limit = len(f)
	}
	end := strings.Index(f[k:limit], closeB)
	if end < 0 {
		return 0, 0, false
	}
	inner := f[k : k+end]
	for p := 0; p < len(inner); {
		a, ok := scanAmount(inner, p)
		if ok {
			cny := 0.0
			if a.Currency == "CNY" {
				cny = a.Value
			}
			return k + end + len(closeB), cny, true
		}
		_, n := utf8.DecodeRuneInString(inner[p:])
		p += n
	}
	return 0, 0, false
}

// latestYear returns the latest plausible year (1990–2100) written in f that
// is not a target ("by 2025", "到2025年"), or 0.
func latestYear(f string) int {
	best := 0
	for i := 0; i+4 <= len(f); i++ {
		y, ok := yearAt(f, i)
		if !ok {
			continue
		}
		if isTargetYear(f, i) {
			continue
		}
		if y > best {
			best = y
		}
		i += 3
	}
	return best
}

// yearAt reads a four-digit year 1990..2100 standing alone at f[i:].
func yearAt(f string, i int) (int, bool) {
	if i+4 > len(f) || (i > 0 && (isDigit(f[i-1]) || f[i-1] == '.' || f[i-1] == ',')) {
		return 0, false
	}
	if i+4 < len(f) && (isDigit(f[i+4]) || f[i+4] == '.' && i+5 < len(f) && isDigit(f[i+5])) {
		return 0, false
	}
	y := 0
	for k := i; k < i+4; k++ {
		if !isDigit(f[k]) {
			return 0, false
		}
		y = y*10 + int(f[k]-'0')
	}
	if y < 1990 || y > 2100 {
		return 0, false
	}
	// Not an amount or a count: 2000万, 2023 projects... only a year when
	// followed by 年, a space-free end, or written in English prose.
	if i+4 < len(f) {
		r := runeAt(f, i+4)
		if r == '万' || r == '亿' || r == '元' || r == '个' || r == '多' || r == '余' {
			return 0, false
		}
	}
	return y, true
}

func isTargetYear(f string, i int) bool {
	b := f[:i]
	return strings.HasSuffix(b, "by ") || strings.HasSuffix(b, "到") || strings.HasSuffix(b, "至") ||
		strings.HasSuffix(b, "until ") || strings.HasSuffix(b, "through ")
}

// scanWordAmount reads "three billion yuan", "two hundred million dollars":
// a number word, a scale word and a currency word.
func scanWordAmount(f string, i int) (Amount, bool) {
	var a Amount
	if i > 0 && isASCIIAlnum(f[i-1]) {
		return a, false
	}
	j := i
	for j < len(f) && f[j] >= 'a' && f[j] <= 'z' {
		j++
	}
	num, ok := enNumberWords[f[i:j]]
	if !ok {
		return a, false
	}
	k := skipSpaces(f, j)
	if strings.HasPrefix(f[k:], "hundred") && num < 100 {
		num *= 100
		k = skipSpaces(f, k+len("hundred"))
	}
	_, scale, n, ok := matchScale(f, k, false)
	if !ok || scale < 3 {
		return a, false
	}
	k += n
	if k < len(f) && f[k] == '-' {
		k++
	}
	k = skipSpaces(f, k)
	n, iso, ok := matchEnCurrency(f, k)
	if !ok {
		return a, false
	}
	value := decimal{m: uint64(num)}.scale(scale)
	a.Value = value.float()
	a.Currency = iso
	a.CNY = toCNY(value, iso)
	a.Start = qualifierStart(f, i)
	a.End = k + n
	return a, true
}

// mayStartAmount is a cheap filter before scanAmount: a digit, a word start,
// a currency sign, a Chinese numeral or a Chinese currency prefix.
func mayStartAmount(f string, i int) bool {
	c := f[i]
	if c < utf8.RuneSelf {
		switch {
		case isDigit(c) || c == '$':
			return true
		case c >= 'a' && c <= 'z':
			return i == 0 || !isASCIIAlnum(f[i-1])
		}
		return false
	}
	r, _ := utf8.DecodeRuneInString(f[i:])
	switch r {
	case '人', '美', '港', '欧', '€', '£', '¥', '￥':
		return true
	}
	return isZhNumeral(r)
}

// rangeConnectors join the two ends of a range of figures.
var rangeConnectors = []string{"至", "到", "~", "～", "-", "–", "—", " to", " and"}

// lowBound is the lower end of a range of figures.
type lowBound struct {
	start    int     // where the range starts
	value    decimal // in the unit of the upper end's currency
	dropPrev bool    // the lower end was read as a figure of its own
}

// rangeLow finds the lower end of a range that a, the upper end, closes:
// a figure of its own just before a connector (10亿至15亿元, whose currency
// is a's unless it names one), or a bare number that takes a's unit (10-15亿元,
// 1-1.5 billion yuan) or has its own scale (1 billion to 1.5 billion yuan).
// "and" joins a range only after "between". The lower end must be below a.
func rangeLow(f string, a Amount, prev []scopedAmount) (lowBound, bool) {
	b := strings.TrimRight(f[:a.Start], " ")
	conn := ""
	for _, c := range rangeConnectors {
		if strings.HasSuffix(b, c) {
			conn = c
			break
		}
	}
	if conn == "" {
		return lowBound{}, false
	}
	c := strings.TrimRight(b[:len(b)-len(conn)], " ")
	end := len(c)
	if n := len(prev); n > 0 {
		p := prev[n-1].Amount
		if p.End == end && (p.Currency == a.Currency || !namesCurrency(f[p.Start:p.End])) && p.Value < a.Value {
			if conn == " and" && !strings.HasSuffix(strings.TrimRight(f[:p.Start], " "), "between") {
				return lowBound{}, false
			}
			return lowBound{start: p.Start, value: decimalOf(p.Value), dropPrev: true}, true
		}
	}
	// A bare Arabic number, with an optional English scale word.
	scale, hasScale := 0, false
	for _, sc := range []struct {
		w string
		e int
	}{{" trillion", 12}, {" billion", 9}, {" million", 6}} {
		if strings.HasSuffix(c, sc.w) {
			c = strings.TrimRight(c[:len(c)-len(sc.w)], " ")
			scale, hasScale = sc.e, true
			break
		}
	}
	k := len(c)
	for k > 0 && (isDigit(c[k-1]) || c[k-1] == '.' || c[k-1] == ',') {
		k--
	}
	if k == len(c) || !isDigit(c[k]) || k > 0 && (isASCIIAlnum(c[k-1]) || c[k-1] == '-' || c[k-1] == '/') {
		return lowBound{}, false
	}
	if conn == " and" && !strings.HasSuffix(strings.TrimRight(c[:k], " "), "between") {
		return lowBound{}, false
	}
	lo, j, ok := parseArabic(f, k)
	if !ok || j != len(c) {
		return lowBound{}, false
	}
	if !hasScale {
		// The upper end's unit: the power of ten between its number and
		// its value (15 and 15亿 → 8).
		u := a.Start
		for u < a.End && !isDigit(f[u]) {
			u++
		}
		up, _, ok := parseArabic(f, u)
		if u >= a.End || !ok || up.m == 0 {
			return lowBound{}, false
		}
		scale = -1
		for e := 0; e <= 15; e++ {
			if up.scale(e).float() == a.Value {
				scale = e
				break
			}
		}
		if scale < 0 {
			return lowBound{}, false
		}
	}
	v := lo.scale(scale)
	if f := v.float(); f <= 0 || f >= a.Value {
		return lowBound{}, false
	}
	return lowBound{start: qualifierStart(f, k), value: v}, true
}

// namesCurrency reports whether a figure's folded text names its currency.
func namesCurrency(s string) bool {
	for _, w := range []string{"元", "$", "€", "£", "¥", "￥", "yuan", "rmb", "cny", "dollar", "euro", "yen", "sterling", "renminbi", "usd", "eur", "hkd"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// prefixedRangeUpper skips the upper end of a range right after the lower
// number lo of a figure with a currency prefix ("-1.5" of "US$1-1.5
// billion") and returns where the upper number ends. The upper end must be
// above the lower one.
func prefixedRangeUpper(f string, k int, lo decimal) (int, bool) {
	i := k
	switch {
	case strings.HasPrefix(f[i:], "-") || strings.HasPrefix(f[i:], "~"):
		i++
	case strings.HasPrefix(f[i:], "–"):
		i += len("–")
	case strings.HasPrefix(f[i:], " to "):
		i += len(" to ")
	default:
		return k, false
	}
	i = skipSpaces(f, i)
	if i >= len(f) || !isDigit(f[i]) {
		return k, false
	}
	up, j, ok := parseArabic(f, i)
	if !ok || up.float() <= lo.float() {
		return k, false
	}
	return j, true
}
