package democorpus

import "testing"

func TestAmountSpellings(t *testing.T) {
	for _, c := range []struct {
		a      amount
		zh, en string
	}{
		{amount{v: 3e9}, "30亿元", "3 billion yuan"},
		{amount{v: 1.2e8}, "1.2亿元", "120 million yuan"},
		{amount{v: 3e7, hanzi: true}, "三千万元", "30 million yuan"},
		{amount{v: 2e8, hanzi: true}, "两亿元", "200 million yuan"},
		{amount{v: 5e9, hanzi: true}, "五十亿元", "5 billion yuan"},
		{amount{v: 1e11, hanzi: true, mod: modOver}, "超千亿元", "more than 100 billion yuan"},
		{amount{v: 1e10, hanzi: true, mod: modOver, zhWord: 1, enWord: 1}, "逾百亿元", "over 10 billion yuan"},
		{amount{v: 4.63e10}, "463亿元", "46.3 billion yuan"},
		{amount{v: 4.63e10, enForm: enWithUSD}, "463亿元", "46.3 billion yuan ($6.52 billion)"},
		{amount{v: 5e8, enForm: enRMB}, "5亿元", "RMB 500 million"},
		{amount{v: 2.3e9, enForm: enCNY, mod: modAbout}, "约23亿元", "about CNY 2.3 billion"},
		{amount{v: 3e7, cur: usd}, "3000万美元", "US$30 million"},
		{amount{v: 3e8, cur: usd, enForm: 1}, "3亿美元", "$300 million"},
		{amount{v: 1e9, cur: eur}, "10亿欧元", "1 billion euros"},
		{amount{v: 3e9, mod: modPlus}, "30余亿元", "more than 3 billion yuan"},
		{amount{v: 8e5}, "80万元", "800,000 yuan"},
		{amount{v: 2.9788e11}, "2978.8亿元", "297.88 billion yuan"},
		{amount{v: 1.2e12}, "1.2万亿元", "1.2 trillion yuan"},
		{amount{v: 4.5e4, mod: modNearly}, "近4.5万元", "nearly 45,000 yuan"},
	} {
		if got := string(c.a.appendZh(nil)); got != c.zh {
			t.Errorf("%+v: zh %q, want %q", c.a, got, c.zh)
		}
		if got := string(c.a.appendEn(nil)); got != c.en {
			t.Errorf("%+v: en %q, want %q", c.a, got, c.en)
		}
	}
	if got := string(amount{v: 1.2e9}.appendEnAdj(nil)); got != "1.2-billion-yuan" {
		t.Errorf("adjective: %q", got)
	}
	if y := (amount{v: 3e7, cur: usd}).yuan(); y != 3e7*RateUSD {
		t.Errorf("yuan of US$30 million: %v", y)
	}
}

func TestWithMod(t *testing.T) {
	// 余 needs whole tens of 亿 or 万; otherwise the figure reads 超.
	if a := (amount{v: 7.9e9}).withMod(modPlus); a.mod != modOver {
		t.Errorf("79亿 with 余: %v", a.mod)
	}
	if a := (amount{v: 3e9}).withMod(modPlus); a.mod != modPlus {
		t.Errorf("30亿 with 余: %v", a.mod)
	}
}

func TestArticle(t *testing.T) {
	for in, want := range map[string]string{
		"RF module": "an ", "AI computing center": "an ", "5G module": "a ", "high-end tool": "a ",
		"in vitro reagent": "an ", "LNG terminal": "an ", "urban renewal": "an ", "unicorn": "a ",
	} {
		if got := article(in); got != want {
			t.Errorf("article(%q) = %q, want %q", in, got, want)
		}
	}
}
