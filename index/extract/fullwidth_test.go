package extract

import (
	"strconv"
	"strings"
	"testing"
)

// TestNarrow checks which full-width forms narrow writes in ASCII and that
// its map gives every offset back.
func TestNarrow(t *testing.T) {
	tests := []struct{ in, want string }{
		{"总投资８５億元", "总投资85億元"},
		{"３．２亿美元", "3.2亿美元"},
		{"１，０００万元", "1,000万元"},
		{"１,０００万元", "1,000万元"},
		{"1，０００万元", "1,000万元"},         // one side full-width
		{"2023，100家企业", "2023，100家企业"}, // ASCII on both sides: a clause break
		{"１２，３４个", "12，34个"},           // not three digits after
		{"２０２３－０３－３０", "2023-03-30"},
		{"２０２４／０６／０３", "2024/06/03"},
		{"增长８５％", "增长85%"},
		{"一．项目概况：（１）签约", "一．项目概况：（1）签约"}, // ．（：） kept
		{"no full-width here", "no full-width here"},
		{"\xef\xbc", "\xef\xbc"}, // truncated forms are left alone
		{"\xef\xbc\x90\xef", "0\xef"},
	}
	for _, tt := range tests {
		got, wm := narrow(tt.in)
		if got != tt.want {
			t.Errorf("narrow(%q) = %q, want %q", tt.in, got, tt.want)
			continue
		}
		if again, _ := narrow(got); again != got {
			t.Errorf("narrow not idempotent on %q: %q", got, again)
		}
		if wm.orig(len(got)) != len(tt.in) {
			t.Errorf("narrow(%q): end maps to %d, want %d", tt.in, wm.orig(len(got)), len(tt.in))
		}
		// Every span of whole runes of the narrowed text maps to the
		// original words it came from.
		for i := 0; i < len(got); i++ {
			s, e := wm.orig(i), wm.orig(i+1)
			if e <= s || e > len(tt.in) {
				t.Fatalf("narrow(%q): byte %d maps to %d:%d", tt.in, i, s, e)
			}
			if e-s == 3 && !strings.HasPrefix(tt.in[s:], fwLead) {
				t.Errorf("narrow(%q): byte %d maps to %q", tt.in, i, tt.in[s:e])
			}
		}
	}
	// Chinese commas and brackets alone leave the text as it is.
	s := "聊城，总投资12亿元（约合1.7亿美元）"
	if got, wm := narrow(s); got != s || wm.at != nil {
		t.Fatalf("narrow changed %q", s)
	}
}

// TestParseAmountsFullWidth reads figures written with full-width digits,
// full-width decimal points and separators, alone or mixed with ASCII, in
// simplified and traditional Chinese. The text and offsets of each figure
// are those of the input.
func TestParseAmountsFullWidth(t *testing.T) {
	tests := []struct {
		in, text string
		cny      string // as strconv.FormatFloat(x, 'f', -1, 64) writes it
		cur      string
	}{
		{"项目总投资８５亿元，将落户聊城高新区。", "８５亿元", "8500000000", "CNY"},
		{"總投資８５億元", "８５億元", "8500000000", "CNY"},
		{"总投资１２.５亿元", "１２.５亿元", "1250000000", "CNY"},
		{"总投资１２．５亿元", "１２．５亿元", "1250000000", "CNY"},
		{"投资３．２亿美元建设生产基地", "３．２亿美元", "2272000000", "USD"},
		{"投資３．２億美元", "３．２億美元", "2272000000", "USD"},
		{"计划投资１,０００万元", "１,０００万元", "10000000", "CNY"},
		{"计划投资１，０００万元", "１，０００万元", "10000000", "CNY"},
		{"总投资1２.5亿元", "1２.5亿元", "1250000000", "CNY"}, // mixed widths in one number
		{"总投资１２亿５０００万元", "１２亿５０００万元", "1250000000", "CNY"},
		{"总投资１０亿至１５亿元", "１０亿至１５亿元", "1000000000", "CNY"},
		{"总投资１０－１５亿元", "１０－１５亿元", "1000000000", "CNY"},
		{"逾１００亿元", "逾１００亿元", "10000000000", "CNY"},
		{"投资人民币５０亿元", "人民币５０亿元", "5000000000", "CNY"},
		{"investment of ３.５ billion yuan", "３.５ billion yuan", "3500000000", "CNY"},
		{"总投资１８８０万欧元（约合人民币１．５亿元）", "１８８０万欧元（约合人民币１．５亿元）", "146640000", "EUR"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			a := oneAmount(t, tt.in)
			if a.Text != tt.text || tt.in[a.Start:a.End] != a.Text {
				t.Errorf("text %q at %d:%d, want %q", a.Text, a.Start, a.End, tt.text)
			}
			if got := strconv.FormatFloat(a.CNY, 'f', -1, 64); got != tt.cny || a.Currency != tt.cur {
				t.Errorf("CNY %s %s, want %s %s", got, a.Currency, tt.cny, tt.cur)
			}
		})
	}
}

// TestParseAmountsFullWidthNotFigures keeps the full-width forms of what is
// no figure out, as in ASCII.
func TestParseAmountsFullWidthNotFigures(t *testing.T) {
	for _, in := range []string{
		"增长８５％",
		"２０２３年３月３０日",
		"年产１.２亿颗芯片",
		"２０２３－２０２５年",
		"１－３月",
	} {
		if as := ParseAmounts(in); len(as) != 0 {
			t.Errorf("ParseAmounts(%q) = %+v, want none", in, as)
		}
	}
}

// TestParseAmountsFullWidthYears tells earlier years written in full-width
// digits from the report's own, as with ASCII years.
func TestParseAmountsFullWidthYears(t *testing.T) {
	in := "２０２３年５月９日，菏泽签约项目，总投资３０亿元。２０２２年，全市新签约项目６０个，总投资１６０亿元。"
	as := ParseAmounts(in)
	if len(as) != 2 {
		t.Fatalf("ParseAmounts = %+v, want two figures", as)
	}
	if as[0].Scope == ScopeOther || as[1].Scope != ScopeOther {
		t.Errorf("scopes %q, %q; want the 2022 figure other, the first not", as[0].Scope, as[1].Scope)
	}
	for _, a := range as {
		if in[a.Start:a.End] != a.Text {
			t.Errorf("text %q is not span %q", a.Text, in[a.Start:a.End])
		}
	}
}

// TestFindDateFullWidth reads dates written in full-width digits and
// returns their span in the original text.
func TestFindDateFullWidth(t *testing.T) {
	tests := []struct{ in, want, text string }{
		{"新华网 ２０２３年３月３０日电 记者从聊城获悉", "2023-03-30", "２０２３年３月３０日"},
		{"发布时间：２０２３－０３－３０ １０:００ 来源：聊城日报", "2023-03-30", "２０２３－０３－３０"},
		{"發布時間：２０２１年８月１９日", "2021-08-19", "２０２１年８月１９日"},
		{"发布日期：2024年６月３日", "2024-06-03", "2024年６月３日"},
		{"Published ２０２４/０６/０３ in Events", "2024-06-03", "２０２４/０６/０３"},
		{"日期：２０２４／０６／０３", "2024-06-03", "２０２４／０６／０３"},
		{"BEIJING, Oct. ３１, ２０２３ -- 217 projects", "2023-10-31", "oct. ３１, ２０２３"},
	}
	for _, tt := range tests {
		d, sp, ok := findDate(tt.in)
		if !ok || d.Format("2006-01-02") != tt.want {
			t.Errorf("findDate(%q) = %v, %v; want %s", tt.in, d, ok, tt.want)
			continue
		}
		if got := tt.in[sp.start:sp.end]; !strings.EqualFold(got, tt.text) {
			t.Errorf("findDate(%q) span %q, want %q", tt.in, got, tt.text)
		}
	}
	if _, ok := FindDate("２０２３年２月３０日"); ok {
		t.Error("February 30 accepted in full-width digits")
	}
}

// TestExtractFullWidthEvidence checks that Extract reads a full-width
// report like its ASCII twin and that every evidence span is a span of the
// original text.
func TestExtractFullWidthEvidence(t *testing.T) {
	e := extractor(t)
	title := "聊城高新区签约碳化硅项目 总投资１２亿元"
	body := "２０２３年３月２８日，由深圳华芯半导体有限公司投资的碳化硅功率芯片封装测试项目成功签约，" +
		"项目总投资１２．５亿元，将落户聊城高新区。２０２２年，全区新签约项目６０个，总投资１６０亿元。"
	ascii := "2023年3月28日，由深圳华芯半导体有限公司投资的碳化硅功率芯片封装测试项目成功签约，" +
		"项目总投资12.5亿元，将落户聊城高新区。2022年，全区新签约项目60个，总投资160亿元。"
	r, ra := e.Extract(title, body), e.Extract(title, ascii)
	if r.Headline == nil || r.Headline.CNY != 1.25e9 || r.Headline.Text != "１２．５亿元" {
		t.Fatalf("headline %+v, want １２．５亿元 = 1.25e9", r.Headline)
	}
	if r.Date.Format("2006-01-02") != "2023-03-28" {
		t.Errorf("date %v, want 2023-03-28", r.Date)
	}
	codes := func(r Result) string {
		var b strings.Builder
		for _, p := range r.Provinces {
			b.WriteString(p.Code + " ")
		}
		for _, p := range r.Cities {
			b.WriteString(p.Code + " ")
		}
		for _, p := range r.InvestorProvinces {
			b.WriteString("inv" + p.Code + " ")
		}
		for _, s := range r.Sectors {
			b.WriteString(s.Key + " ")
		}
		return b.String()
	}
	if codes(r) != codes(ra) || len(r.Amounts) != len(ra.Amounts) || len(r.Evidence) != len(ra.Evidence) {
		t.Errorf("full-width report differs from its ASCII twin:\n%s %d figures %d evidence\n%s %d figures %d evidence",
			codes(r), len(r.Amounts), len(r.Evidence), codes(ra), len(ra.Amounts), len(ra.Evidence))
	}
	checkEvidenceSpans(t, r, title, body)
}

// oneAmount returns the only figure ParseAmounts finds in s.
func oneAmount(t testing.TB, s string) Amount {
	t.Helper()
	as := ParseAmounts(s)
	if len(as) != 1 {
		t.Fatalf("ParseAmounts(%q) = %+v, want one figure", s, as)
	}
	return as[0]
}

// checkEvidenceSpans fails unless every evidence of r is the span of the
// title or body it names.
func checkEvidenceSpans(t testing.TB, r Result, title, body string) {
	t.Helper()
	for _, ev := range r.Evidence {
		src := body
		if ev.Title {
			src = title
		}
		if ev.Start > ev.End || ev.End > len(src) || src[ev.Start:ev.End] != ev.Text {
			t.Fatalf("evidence %+v is not a span of the original", ev)
		}
	}
}
