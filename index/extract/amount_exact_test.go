package extract

import (
	"strconv"
	"testing"
)

// TestParseAmountsExact checks that a figure's value and yuan are exactly
// what is written (the float64 nearest the decimal), not a product of
// inexact floats such as 7.649999999999999e9 for "7.65 billion yuan".
func TestParseAmountsExact(t *testing.T) {
	tests := []struct {
		in         string
		value, cny string // as strconv.FormatFloat(x, 'f', -1, 64) writes them
	}{
		{"investment of 7.65 billion yuan", "7650000000", "7650000000"},
		{"总投资149.3亿元", "14930000000", "14930000000"},
		{"投资0.3亿元", "30000000", "30000000"},
		{"投资12.35万元", "123500", "123500"},
		{"投资1.15亿美元", "115000000", "816500000"},
		{"投资三点七亿元", "370000000", "370000000"},
		{"投资三点一四亿元", "314000000", "314000000"},
		{"投资1亿2000万元", "120000000", "120000000"},
		{"投资1亿2350万元", "123500000", "123500000"},
		{"投资一亿二千万元", "120000000", "120000000"},
		{"invest US$1.1 billion", "1100000000", "7810000000"},
		{"invest 2.35 million euros", "2350000", "18330000"},
		{"invest 20 billion yen", "20000000000", "980000000"},
		{"invest 0.07 billion yuan", "70000000", "70000000"},
		{"总投资1,234.56万元", "12345600", "12345600"},
		{"invest HK$4.3 billion", "4300000000", "3913000000"},
		{"总投资46.3亿元", "4630000000", "4630000000"},
		{"投资3.3333亿元", "333330000", "333330000"},
		{"RMB 1.001 billion", "1001000000", "1001000000"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			a := oneAmount(t, tt.in)
			v := strconv.FormatFloat(a.Value, 'f', -1, 64)
			c := strconv.FormatFloat(a.CNY, 'f', -1, 64)
			if v != tt.value || c != tt.cny {
				t.Errorf("value %s cny %s, want %s %s", v, c, tt.value, tt.cny)
			}
		})
	}
}

// TestParseAmountsBareUnit checks that a unit written without a number is
// never a figure: column headers (单位：万元), classes of projects
// (超亿元项目, 亿元以上), levels (百亿元级). A qualified unit that states an
// amount (总投资超千亿元, 项目总投资超亿元) is one.
func TestParseAmountsBareUnit(t *testing.T) {
	for _, in := range []string{
		"万元", "亿元", "单位：万元", "（万元）", "金额(万元)", "投资额（亿元）", "单位:亿美元",
		"万美元", "千万元", "百万元", "签约超亿元项目12个", "亿元以上项目", "10个超亿元的项目",
		"打造百亿元级产业集群", "超千万元项目", "过亿元企业", "每万元GDP能耗", "万元以上",
	} {
		if as := ParseAmounts(in); len(as) != 0 {
			t.Errorf("ParseAmounts(%q) = %+v, want none", in, as)
		}
	}
	for in, want := range map[string]float64{
		"总投资超千亿元": 1e11, "项目总投资超亿元。": 1e8, "计划投资近百亿元。": 1e10, "投资逾万亿元": 1e12,
	} {
		as := ParseAmounts(in)
		if len(as) != 1 || as[0].Value != want {
			t.Errorf("ParseAmounts(%q) = %+v, want %g", in, as, want)
		}
	}
}

func TestDecimal(t *testing.T) {
	if d, ok := (decimal{765, -2}).add(decimal{5, -3}); !ok || d.float() != 7.655 {
		t.Errorf("7.65+0.005 = %v %v", d, ok)
	}
	if _, ok := (decimal{1 << 63, 0}).add(decimal{1 << 63, 0}); ok {
		t.Error("overflowing add reported exact")
	}
	if _, ok := (decimal{1 << 40, 0}).mul(decimal{1 << 40, 0}); ok {
		t.Error("overflowing mul reported exact")
	}
	// The fast path and strconv agree.
	for _, d := range []decimal{{765, 7}, {1493, 7}, {3, -1}, {123456789, -4}, {1<<53 - 1, -22}, {1 << 60, 3}, {7, 30}, {1, -30}} {
		want, _ := strconv.ParseFloat(strconv.FormatUint(d.m, 10)+"e"+strconv.Itoa(d.e), 64)
		if got := d.float(); got != want {
			t.Errorf("%+v.float() = %v, want %v", d, got, want)
		}
	}
	if d := decimalOf(0.049); d.m != 49 || d.e != -3 {
		t.Errorf("decimalOf(0.049) = %+v", d)
	}
	if got := toCNY(decimal{3, 8}, "USD"); got != 2.13e9 {
		t.Errorf("toCNY(3e8 USD) = %v", got)
	}
	if got := toCNY(decimal{3, 8}, "XXX"); got != 0 {
		t.Errorf("toCNY(unknown) = %v", got)
	}
}
