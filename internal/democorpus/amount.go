package democorpus

import (
	"math"
	"math/rand/v2"
	"strconv"
)

// The exchange rates Truth uses to convert foreign-currency figures to yuan
// (yuan per unit). Extractors may use other tables; compare converted amounts
// with a tolerance.
const (
	RateUSD = 7.1
	RateEUR = 7.8
)

// currency is the unit an amount is written in.
type currency uint8

const (
	cny currency = iota
	usd
	eur
)

// modifier qualifies a figure: "超30亿元", "about 3 billion yuan". The figure
// itself is what Truth records.
type modifier uint8

const (
	modNone   modifier = iota
	modOver            // 超, 逾, 超过; more than, over
	modAbout           // 约; about, approximately
	modNearly          // 近; nearly
	modPlus            // 30余亿元; more than
)

// amount is a money figure as one report writes it: the value in units of
// its currency, a modifier and the spelling chosen for it. A report writes
// the same amount the same way wherever it appears.
type amount struct {
	v      int64 // in units of cur; 0 means no figure
	cur    currency
	mod    modifier
	hanzi  bool  // Chinese numerals: 三千万元, 两亿元
	zhWord uint8 // which Chinese spelling of the modifier or unit
	enForm uint8 // English form: see appendEn
	enWord uint8 // which English spelling of the modifier
}

// ok reports whether the amount is stated at all.
func (a amount) ok() bool { return a.v > 0 }

// yuan returns the amount in yuan at the package's rates.
func (a amount) yuan() float64 {
	switch a.cur {
	case usd:
		return float64(a.v) * RateUSD
	case eur:
		return float64(a.v) * RateEUR
	}
	return float64(a.v)
}

// pow10 holds 10^0 … 10^18.
var pow10 = func() (p [19]int64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// sigDigits returns the number of significant digits of v.
func sigDigits(v int64) int {
	for v > 0 && v%10 == 0 {
		v /= 10
	}
	return len(strconv.FormatInt(v, 10))
}

// roundSig rounds x to n significant digits.
func roundSig(x float64, n int) int64 {
	if x < 1 {
		return 1
	}
	e := int(math.Floor(math.Log10(x))) + 1 - n
	if e < 0 {
		e = 0
	}
	return int64(math.Round(x/float64(pow10[e]))) * pow10[e]
}

// randValue draws a round figure between 10^lo and 10^hi, log-uniformly,
// with the few significant digits reports use (30亿, 1.2亿, 463亿, 297.88亿).
func randValue(r *rand.Rand, lo, hi float64) int64 {
	x := math.Pow(10, lo+(hi-lo)*r.Float64())
	n := 1
	switch p := r.IntN(100); {
	case p < 32:
		n = 1
	case p < 77:
		n = 2
	case p < 94:
		n = 3
	default:
		n = 4 + r.IntN(2)
	}
	return roundSig(x, n)
}

// newAmount returns a figure with a spelling drawn at random.
func newAmount(r *rand.Rand, v int64, cur currency) amount {
	a := amount{v: v, cur: cur, zhWord: uint8(r.IntN(3)), enWord: uint8(r.IntN(3))}
	if sigDigits(v) == 1 && v >= 10000 && r.IntN(100) < 30 {
		a.hanzi = true
	}
	switch p := r.IntN(100); {
	case cur != cny:
		a.enForm = uint8(r.IntN(4))
	case p < 50:
		a.enForm = enYuan
	case p < 68:
		a.enForm = enRMB
	case p < 88:
		a.enForm = enWithUSD
	default:
		a.enForm = enCNY
	}
	return a
}

// withMod sets a modifier that suits the figure.
func (a amount) withMod(m modifier) amount {
	if m == modPlus {
		// 30余亿元 needs a whole number of tens of 亿 or 万.
		u := int64(1e8)
		if a.v < 1e8 {
			u = 1e4
		}
		if a.v%(10*u) != 0 || a.v/u < 10 || a.hanzi {
			m = modOver
		}
	}
	a.mod = m
	return a
}

// English forms of a yuan figure.
const (
	enYuan    = iota // 3 billion yuan
	enRMB            // RMB 3 billion
	enWithUSD        // 3 billion yuan ($423 million)
	enCNY            // CNY 3 billion
)

var zhDigits = [...]string{"", "一", "两", "三", "四", "五", "六", "七", "八", "九"}

// appendZh writes the amount as Chinese reports do: 30亿元, 1.2亿元, 三千万元,
// 超千亿元, 3000万美元, 30余亿元.
func (a amount) appendZh(b []byte) []byte {
	switch a.mod {
	case modOver:
		b = append(b, [...]string{"超", "逾", "超过"}[a.zhWord%3]...)
	case modAbout:
		b = append(b, "约"...)
	case modNearly:
		b = append(b, "近"...)
	}
	unitSuffix := "元"
	switch a.cur {
	case usd:
		unitSuffix = "美元"
	case eur:
		unitSuffix = "欧元"
	}
	if a.hanzi {
		return append(appendHanzi(b, a.v, a.mod == modOver), unitSuffix...)
	}
	switch {
	case a.v >= 1e12:
		b = appendDec(b, a.v, 1e12)
		b = append(b, "万亿"...)
	case a.v >= 1e8:
		b = appendDec(b, a.v, 1e8)
		if a.mod == modPlus {
			b = append(b, "余"...)
		}
		b = append(b, "亿"...)
	case a.v >= 1e4:
		b = appendDec(b, a.v, 1e4)
		if a.mod == modPlus {
			b = append(b, "余"...)
		}
		b = append(b, "万"...)
	default:
		b = strconv.AppendInt(b, a.v, 10)
	}
	return append(b, unitSuffix...)
}

// appendHanzi writes a one-significant-digit figure in Chinese numerals:
// 三千万, 两亿, 五十亿, 千亿 (after 超, a leading 一 is dropped).
func appendHanzi(b []byte, v int64, dropOne bool) []byte {
	k := 0
	for v >= 10 {
		v /= 10
		k++
	}
	unit := "万"
	if k >= 8 {
		unit, k = "亿", k-8
	} else {
		k -= 4
	}
	d := zhDigits[v]
	switch k {
	case 0:
		if v == 1 {
			d = "一"
		}
		b = append(b, d...)
	case 1:
		if v == 1 {
			d = ""
		} else if v == 2 {
			d = "二"
		}
		b = append(b, d...)
		b = append(b, "十"...)
	case 2, 3:
		if v == 1 && dropOne {
			d = ""
		}
		b = append(b, d...)
		b = append(b, [...]string{"百", "千"}[k-2]...)
	}
	return append(b, unit...)
}

// appendDec writes v/unit in decimal, without trailing zeros.
func appendDec(b []byte, v, unit int64) []byte {
	b = strconv.AppendInt(b, v/unit, 10)
	frac := v % unit
	if frac == 0 {
		return b
	}
	b = append(b, '.')
	for unit /= 10; frac > 0; unit /= 10 {
		b = append(b, byte('0'+frac/unit))
		frac %= unit
	}
	return b
}

// appendGrouped writes v with thousands separators: 800,000.
func appendGrouped(b []byte, v int64) []byte {
	s := strconv.FormatInt(v, 10)
	for i := 0; i < len(s); i++ {
		if i > 0 && (len(s)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, s[i])
	}
	return b
}

// appendScale writes v with an English scale word: 46.3 billion, 500
// million, 800,000.
func appendScale(b []byte, v int64) []byte {
	switch {
	case v >= 1e12:
		return append(appendDec(b, v, 1e12), " trillion"...)
	case v >= 1e9:
		return append(appendDec(b, v, 1e9), " billion"...)
	case v >= 1e6:
		return append(appendDec(b, v, 1e6), " million"...)
	}
	return appendGrouped(b, v)
}

// appendEnMod writes the English modifier and a space.
func (a amount) appendEnMod(b []byte) []byte {
	var w string
	switch a.mod {
	case modOver, modPlus:
		w = [...]string{"more than ", "over ", "more than "}[a.enWord%3]
	case modAbout:
		w = [...]string{"about ", "approximately ", "around "}[a.enWord%3]
	case modNearly:
		w = [...]string{"nearly ", "almost ", "nearly "}[a.enWord%3]
	}
	return append(b, w...)
}

// appendEn writes the amount as English reports do: 3 billion yuan, RMB 500
// million, 46.3 billion yuan ($6.52 billion), US$300 million, more than 100
// billion yuan, 200 million euros.
func (a amount) appendEn(b []byte) []byte {
	b = a.appendEnMod(b)
	switch a.cur {
	case usd:
		switch a.enForm % 4 {
		case 0:
			b = append(b, "US$"...)
			return appendScale(b, a.v)
		case 1:
			b = append(b, '$')
			return appendScale(b, a.v)
		case 2:
			b = append(b, "USD "...)
			return appendScale(b, a.v)
		}
		return append(appendScale(b, a.v), " U.S. dollars"...)
	case eur:
		if a.enForm%2 == 0 {
			return append(appendScale(b, a.v), " euros"...)
		}
		b = append(b, "EUR "...)
		return appendScale(b, a.v)
	}
	switch a.enForm {
	case enRMB:
		b = append(b, "RMB "...)
		return appendScale(b, a.v)
	case enCNY:
		b = append(b, "CNY "...)
		return appendScale(b, a.v)
	case enWithUSD:
		b = append(appendScale(b, a.v), " yuan ($"...)
		b = appendScale(b, roundSig(float64(a.v)/RateUSD, 3))
		return append(b, ')')
	}
	return append(appendScale(b, a.v), " yuan"...)
}

// adjOK reports whether the amount can be written as a compound adjective.
func (a amount) adjOK() bool {
	return a.cur == cny && a.mod == modNone && a.v >= 1e6 && sigDigits(a.v) <= 3
}

// appendEnAdj writes the amount as a compound adjective: 1.2-billion-yuan.
func (a amount) appendEnAdj(b []byte) []byte {
	switch {
	case a.v >= 1e9:
		b = append(appendDec(b, a.v, 1e9), "-billion-yuan"...)
	default:
		b = append(appendDec(b, a.v, 1e6), "-million-yuan"...)
	}
	return b
}
