package democorpus

import (
	"encoding/json"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/investnews/regionsearch/analyzers/gazetteer"
)

func collect(t testing.TB, seed int64, n int) []Report {
	t.Helper()
	var out []Report
	if err := Generate(seed, n, func(r Report) error {
		out = append(out, r)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDeterministic(t *testing.T) {
	a := collect(t, 42, 300)
	b := collect(t, 42, 300)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same seed gave different reports")
	}
	c := collect(t, 43, 300)
	if reflect.DeepEqual(a, c) {
		t.Fatal("different seeds gave the same reports")
	}
	// A shorter run is a prefix of a longer one.
	if short := collect(t, 42, 50); !reflect.DeepEqual(short, a[:50]) {
		t.Fatal("the first 50 reports of a run of 300 differ from a run of 50")
	}
}

func TestDemo(t *testing.T) {
	d := Demo()
	if len(d) != DemoSize {
		t.Fatalf("Demo() has %d reports, want %d", len(d), DemoSize)
	}
	if !reflect.DeepEqual(d, collect(t, DemoSeed, DemoSize)) {
		t.Fatal("Demo() differs from Generate(DemoSeed, DemoSize)")
	}
}

func TestCoverage(t *testing.T) {
	g := gazetteer.MustDefault()
	reports := Demo()
	provs := map[string]bool{}
	secs := map[string]bool{}
	years := map[string]bool{}
	langs := map[string]int{}
	minAmt, maxAmt := 1e300, 0.0
	noAmount, noPlace, trad := 0, 0, 0
	for _, r := range reports {
		for _, p := range r.Truth.Provinces {
			provs[p] = true
		}
		for _, s := range r.Truth.Sectors {
			secs[s] = true
		}
		years[r.Date[:4]] = true
		langs[r.Lang]++
		if a := r.Truth.AmountCNY; a > 0 {
			minAmt, maxAmt = min(minAmt, a), max(maxAmt, a)
		} else {
			noAmount++
		}
		if len(r.Truth.Provinces) == 0 {
			noPlace++
		}
		if strings.ContainsAny(r.Body, "區項億與") {
			trad++
		}
	}
	mainland := 0
	for _, p := range g.Places() {
		if p.Level == gazetteer.Province && p.Kind == gazetteer.Division && !strings.HasPrefix(p.Code, "71") && !strings.HasPrefix(p.Code, "8") {
			mainland++
			if !provs[p.Code] {
				t.Errorf("no report about %s %s", p.Code, p.NameZh)
			}
		}
	}
	if mainland != 31 {
		t.Errorf("gazetteer has %d mainland provinces", mainland)
	}
	if len(secs) < len(sectorKeys) {
		t.Errorf("%d sectors covered, want all %d", len(secs), len(sectorKeys))
	}
	for y := 2019; y <= 2026; y++ {
		if !years[itoa(y)] {
			t.Errorf("no report dated %d", y)
		}
	}
	if langs["zh"] < DemoSize*35/100 || langs["en"] < DemoSize*35/100 {
		t.Errorf("languages %v: want roughly half each", langs)
	}
	if minAmt > 1e5 || maxAmt < 1e11 {
		t.Errorf("headline amounts span %.0f–%.0f yuan, want 1e5 or less to 1e11 or more", minAmt, maxAmt)
	}
	if noAmount == 0 || noPlace == 0 || trad == 0 {
		t.Errorf("want some reports without amount (%d), without place (%d), in traditional Chinese (%d)", noAmount, noPlace, trad)
	}
	t.Logf("%d provinces, %d sectors, langs %v, amounts %.0f–%.0f, %d without amount, %d without place, %d traditional",
		len(provs), len(secs), langs, minAmt, maxAmt, noAmount, noPlace, trad)
}

func itoa(n int) string {
	return string(rune('0'+n/1000)) + string(rune('0'+n/100%10)) + string(rune('0'+n/10%10)) + string(rune('0'+n%10))
}

var dateRE = regexp.MustCompile(`^20(19|2[0-6])-[01]\d-[0-3]\d$`)

func TestReportFields(t *testing.T) {
	ids, urls := map[string]bool{}, map[string]bool{}
	for _, r := range collect(t, 7, 3000) {
		if ids[r.ID] || urls[r.URL] {
			t.Fatalf("%s: duplicate id or url %s", r.ID, r.URL)
		}
		ids[r.ID], urls[r.URL] = true, true
		if r.Title == "" || r.Body == "" || r.Source == "" || !strings.HasPrefix(r.URL, "http") {
			t.Errorf("%s: empty field: %+v", r.ID, r)
		}
		if !dateRE.MatchString(r.Date) {
			t.Errorf("%s: date %q", r.ID, r.Date)
		}
		if r.Lang != "zh" && r.Lang != "en" {
			t.Errorf("%s: lang %q", r.ID, r.Lang)
		}
		for _, s := range []string{r.Title, r.Body} {
			if strings.ContainsAny(s, "{}[]|#") {
				t.Errorf("%s: template markup left in %q", r.ID, s)
			}
			if strings.Contains(s, "  ") || strings.Contains(s, " ,") || strings.Contains(s, " .") {
				t.Errorf("%s: spacing: %q", r.ID, s)
			}
		}
		if r.Lang == "en" {
			for _, c := range r.Title + r.Body {
				if unicode.Is(unicode.Han, c) {
					t.Errorf("%s: Chinese in an English report: %q", r.ID, r.Body)
					break
				}
			}
		}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		if len(m) != 7 {
			t.Errorf("%s: JSON has %d keys, want the 7 of the indexer's input: %s", r.ID, len(m), b)
		}
	}
}

func TestTruth(t *testing.T) {
	g := gazetteer.MustDefault()
	keys := map[string]bool{}
	for _, k := range sectorKeys {
		keys[k] = true
	}
	for _, r := range collect(t, 3, 3000) {
		tr := r.Truth
		text := r.Title + "\n" + r.Body
		if (tr.AmountCNY > 0) != (tr.AmountText != "") {
			t.Errorf("%s: amount %v with text %q", r.ID, tr.AmountCNY, tr.AmountText)
		}
		if tr.AmountText != "" && !strings.Contains(text, tr.AmountText) {
			t.Errorf("%s: headline %q not in the text", r.ID, tr.AmountText)
		}
		if len(tr.Provinces) == 0 != (len(tr.Cities) == 0) {
			t.Errorf("%s: provinces %v but cities %v", r.ID, tr.Provinces, tr.Cities)
		}
		for i, c := range tr.Cities {
			p, ok := g.Place(c)
			if !ok || !(p.Level == gazetteer.Prefecture || gazetteer.IsMunicipality(c)) {
				t.Errorf("%s: city %s is not a prefecture or municipality", r.ID, c)
				continue
			}
			prov, _ := g.ProvinceOf(c)
			if !contains(tr.Provinces, prov.Code) {
				t.Errorf("%s: city %s but not its province %s", r.ID, c, prov.Code)
			}
			if i == 0 && tr.Provinces[0] != prov.Code {
				t.Errorf("%s: main city %s is not in main province %s", r.ID, c, tr.Provinces[0])
			}
			if !mentions(g, text, c) {
				t.Errorf("%s: city %s %s named nowhere in %q", r.ID, c, p.NameZh, text)
			}
		}
		for _, p := range tr.InvestorProvinces {
			if _, ok := g.Place(p); !ok {
				t.Errorf("%s: investor province %s unknown", r.ID, p)
			}
		}
		for _, s := range tr.Sectors {
			if !keys[s] {
				t.Errorf("%s: unknown sector %q", r.ID, s)
			}
		}
		if len(tr.Sectors) == 0 {
			t.Errorf("%s: no sector", r.ID)
		}
	}
}

// mentions reports whether the text names the city or a place in it.
func mentions(g *gazetteer.Gazetteer, text, city string) bool {
	for _, p := range g.Places() {
		c, ok := g.CityOf(p.Code)
		if !ok || c.Code != city {
			continue
		}
		for _, n := range []string{p.NameZh, p.ShortZh, toHant(p.NameZh), toHant(p.ShortZh), p.Pinyin, p.NameEn} {
			if len([]rune(n)) >= 2 && strings.Contains(text, n) {
				return true
			}
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestTemplatesCompile(t *testing.T) {
	for k := range numKinds {
		if len(zhSkeletons[k]) == 0 || len(enSkeletons[k]) == 0 {
			t.Errorf("kind %d lacks a skeleton", k)
		}
	}
	for _, bad := range []string{"{nope}", "[a|b", "a]", "[?nope:x]", "[?amt:a|b|c]", "{amt"} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("compile(%q) did not panic", bad)
				}
			}()
			compile(bad)
		}()
	}
}

func BenchmarkGenerate(b *testing.B) {
	if _, err := getWorld(); err != nil {
		b.Fatal(err)
	}
	var bytes int64
	b.ReportAllocs()
	b.ResetTimer()
	err := Generate(1, b.N, func(r Report) error {
		bytes += int64(len(r.Title) + len(r.Body))
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(bytes / int64(max(b.N, 1)))
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
}

// placeName is a name as the text may write it, and the places it names.
type placeName struct {
	name   string
	places []*gazetteer.Place
}

func placeNames(g *gazetteer.Gazetteer) []placeName {
	byName := map[string][]*gazetteer.Place{}
	add := func(n string, p *gazetteer.Place) {
		if len([]rune(n)) < 2 {
			return
		}
		for _, q := range byName[n] {
			if q == p {
				return
			}
		}
		byName[n] = append(byName[n], p)
	}
	for _, p := range g.Places() {
		if p.Kind == gazetteer.FunctionalZone {
			continue
		}
		for _, n := range []string{p.NameZh, p.ShortZh, p.NameEn, p.Pinyin} {
			add(n, p)
			add(toHant(n), p)
		}
		for _, n := range p.AliasesEn {
			add(n, p)
		}
	}
	out := make([]placeName, 0, len(byName))
	for n, ps := range byName {
		out = append(out, placeName{n, ps})
	}
	// Longest first, so 海南藏族自治州 claims its text before 海南 does.
	sort.Slice(out, func(i, j int) bool {
		if len(out[i].name) != len(out[j].name) {
			return len(out[i].name) > len(out[j].name)
		}
		return out[i].name < out[j].name
	})
	return out
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '\''
}

// TestNoStrayPlaces checks that every province or city a report names is
// in its Truth or is a place it writes on purpose as something else (a
// ceremony venue, an investor's home): invented company, person and
// village names never spell a place.
func TestNoStrayPlaces(t *testing.T) {
	g := gazetteer.MustDefault()
	byName := map[string][]*gazetteer.Place{}
	maxLen := 0
	for _, n := range placeNames(g) {
		byName[n.name] = n.places
		maxLen = max(maxLen, len(n.name))
	}
	bad := 0
	for _, r := range collect(t, 11, 1500) {
		text := r.Title + "\n" + r.Body
		ok := map[string]bool{}
		for _, list := range [][]string{r.Truth.Cities, r.Truth.Provinces, r.Truth.others} {
			for _, c := range list {
				ok[c] = true
				if p, found := g.ProvinceOf(c); found {
					ok[p.Code] = true
				}
			}
		}
		// Longest match at each position, words whole in English.
		for i := 0; i < len(text); {
			if text[i]&0xC0 == 0x80 || i > 0 && text[i] < 0x80 && isWordByte(text[i-1]) {
				i++
				continue
			}
			var places []*gazetteer.Place
			n := 0
			for j := min(len(text), i+maxLen); j > i; j-- {
				if ps := byName[text[i:j]]; ps != nil && (text[i] >= 0x80 || j == len(text) || !isWordByte(text[j])) {
					places, n = ps, j-i
					break
				}
			}
			if n == 0 {
				i++
				continue
			}
			// The name is fine if any place it may name is expected
			// (English Suzhou is 苏州 or 宿州), or if it only names
			// counties, whose short names are everywhere.
			fine, top := false, false
			for _, p := range places {
				fine = fine || ok[p.Code] || p.Level > gazetteer.Prefecture && ok[cityOf(g, p)]
				top = top || p.Level <= gazetteer.Prefecture
			}
			if top && !fine {
				if bad++; bad <= 15 {
					t.Errorf("%s: %q names %s %s, which is neither in Truth %v %v nor a venue or home %v: %q",
						r.ID, text[i:i+n], places[0].Code, places[0].NameZh, r.Truth.Provinces, r.Truth.Cities, r.Truth.others, excerpt(text, i))
				}
			}
			i += n
		}
	}
	if bad > 0 {
		t.Errorf("%d stray place names", bad)
	}
}

func cityOf(g *gazetteer.Gazetteer, p *gazetteer.Place) string {
	if c, ok := g.CityOf(p.Code); ok {
		return c.Code
	}
	return ""
}

func excerpt(s string, i int) string {
	lo, hi := max(0, i-40), min(len(s), i+40)
	for lo > 0 && s[lo]&0xC0 == 0x80 {
		lo--
	}
	for hi < len(s) && s[hi]&0xC0 == 0x80 {
		hi++
	}
	return s[lo:hi]
}
