package extract

import (
	"math"
	"math/bits"
	"strconv"
	"strings"
)

// decimal is an exact decimal number m × 10^e. Figures are read into it
// digit by digit and scaled by their units (万, 亿, billion: powers of ten)
// without rounding, so "7.65 billion yuan" is 7650000000 and "149.3亿元" is
// 14930000000, not 7.649999999999999e9 and 1.4930000000000002e10 as
// float64 arithmetic on 7.65 and 149.3 gives. Only the final conversion to
// float64 rounds, once, to the nearest float64.
type decimal struct {
	m uint64
	e int
}

// maxMantissaDigits bounds the digits a figure keeps; later digits of a
// longer figure are dropped (truncated), which no real amount needs.
const maxMantissaDigits = 18

// appendDigit returns d with the decimal digit c appended to its mantissa,
// or d unchanged when the mantissa is full.
func (d decimal) appendDigit(c byte, frac bool) decimal {
	if d.m >= 1e17 {
		if !frac {
			d.e++ // keep the magnitude of an integer part too long to hold
		}
		return d
	}
	d.m = d.m*10 + uint64(c-'0')
	if frac {
		d.e--
	}
	return d
}

// scale multiplies d by 10^k.
func (d decimal) scale(k int) decimal {
	d.e += k
	return d
}

// norm strips trailing zeros of the mantissa into the exponent.
func (d decimal) norm() decimal {
	if d.m == 0 {
		return decimal{}
	}
	for d.m%10 == 0 {
		d.m /= 10
		d.e++
	}
	return d
}

// pow10u returns 10^k as a uint64 and whether it fits.
func pow10u(k int) (uint64, bool) {
	if k < 0 || k > 19 {
		return 0, false
	}
	p := uint64(1)
	for ; k > 0; k-- {
		p *= 10
	}
	return p, true
}

// add returns d+o and whether the sum is exact (false on overflow).
func (d decimal) add(o decimal) (decimal, bool) {
	d, o = d.norm(), o.norm()
	if d.m == 0 {
		return o, true
	}
	if o.m == 0 {
		return d, true
	}
	if d.e < o.e {
		d, o = o, d
	}
	// d has the larger exponent: bring it down to o's.
	p, ok := pow10u(d.e - o.e)
	if !ok {
		return decimal{}, false
	}
	hi, lo := bits.Mul64(d.m, p)
	if hi != 0 {
		return decimal{}, false
	}
	sum, carry := bits.Add64(lo, o.m, 0)
	if carry != 0 {
		return decimal{}, false
	}
	return decimal{sum, o.e}, true
}

// mul returns d×o and whether the product is exact (false on overflow).
func (d decimal) mul(o decimal) (decimal, bool) {
	d, o = d.norm(), o.norm()
	hi, lo := bits.Mul64(d.m, o.m)
	if hi != 0 {
		return decimal{}, false
	}
	return decimal{lo, d.e + o.e}, true
}

// pow10f holds the powers of ten that float64 represents exactly.
var pow10f = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// float returns the float64 nearest to d.
func (d decimal) float() float64 {
	if d.m == 0 {
		return 0
	}
	// Fast path (Clinger): a mantissa and a power of ten that are both
	// exact in float64 give the correctly rounded value with one
	// multiplication or division, without allocating.
	if d.m < 1<<53 && d.e >= -22 && d.e <= 22 {
		if d.e >= 0 {
			return float64(d.m) * pow10f[d.e]
		}
		return float64(d.m) / pow10f[-d.e]
	}
	v, err := strconv.ParseFloat(strconv.FormatUint(d.m, 10)+"e"+strconv.Itoa(d.e), 64)
	if err != nil {
		return math.Inf(1) // out of range; callers reject it
	}
	return v
}

// decimalOf returns the shortest decimal that reads back as f (7.1 → 71e-1).
// f must be finite and not negative.
func decimalOf(f float64) decimal {
	s := strconv.FormatFloat(f, 'e', -1, 64) // "7.1e+00"
	mant, exp, _ := strings.Cut(s, "e")
	e, _ := strconv.Atoi(exp)
	var d decimal
	intPart, frac, _ := strings.Cut(mant, ".")
	for i := 0; i < len(intPart); i++ {
		d = d.appendDigit(intPart[i], false)
	}
	for i := 0; i < len(frac); i++ {
		d = d.appendDigit(frac[i], true)
	}
	return d.scale(e)
}

// toCNY converts an exact figure in a currency to yuan at the fixed rate,
// exactly when the product fits, else rounded to the yuan.
func toCNY(v decimal, currency string) float64 {
	rate, ok := cnyRates[currency]
	if !ok {
		return 0
	}
	if rate == 1 {
		return v.float()
	}
	if p, ok := v.mul(decimalOf(rate)); ok {
		return p.float()
	}
	return math.Round(v.float() * rate)
}
