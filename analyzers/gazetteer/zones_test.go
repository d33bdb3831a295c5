package gazetteer

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestZoneCounts(t *testing.T) {
	g := MustDefault()
	types := map[ZoneType]int{}
	nbs := 0
	for _, p := range g.Zones() {
		types[p.Zone]++
		if p.Kind == FunctionalZone {
			nbs++
		}
		if !p.IsZone() || p.Level != County {
			t.Errorf("zone %s %s: kind %s level %d", p.Code, p.NameZh, p.Kind, p.Level)
		}
		if p.ShortZh == "" || p.NameEn == "" {
			t.Errorf("zone %s %s lacks a short or English name", p.Code, p.NameZh)
		}
		// Counties under a province (仙桃, 石河子) have no city; their zones neither.
		_, hostCity := g.CityOf(p.Parent)
		if _, ok := g.CityOf(p.Code); ok != hostCity {
			t.Errorf("zone %s %s: city %v, host's %v", p.Code, p.NameZh, ok, hostCity)
		}
		if _, ok := g.ProvinceOf(p.Code); !ok {
			t.Errorf("zone %s %s has no province", p.Code, p.NameZh)
		}
	}
	// The catalogue holds about 230 national economic-and-technological
	// development zones and 178 high-tech zones; these are the ones curated.
	if types[ZoneETDZ] < 220 || types[ZoneHighTech] < 165 || types[ZoneOther] < 5 {
		t.Errorf("zones per type = %v, want at least 220 etdz, 165 htz, 5 other", types)
	}
	if nbs < 55 {
		t.Errorf("%d zones matched to NBS functional zones, want at least 55", nbs)
	}
	t.Logf("zones: %d etdz, %d htz, %d other; %d are NBS functional zones",
		types[ZoneETDZ], types[ZoneHighTech], types[ZoneOther], nbs)
	// Places keeps to the three kinds of the division data.
	for _, p := range g.Places() {
		if p.Kind == DevZone {
			t.Fatalf("Places holds the development zone %s", p.Code)
		}
	}
}

func TestZoneLookups(t *testing.T) {
	g := MustDefault()
	tests := []struct {
		in, wantName, wantCity, wantProvince string
	}{
		{"苏州工业园区", "苏州工业园区", "320500", "320000"},
		{"Suzhou Industrial Park", "苏州工业园区", "320500", "320000"},
		{"合肥高新区", "合肥高新技术产业开发区", "340100", "340000"},
		{"Hefei Hi-tech Zone", "合肥高新技术产业开发区", "340100", "340000"},
		{"武汉东湖高新区", "武汉东湖新技术开发区", "420100", "420000"},
		{"东湖高新区", "武汉东湖新技术开发区", "420100", "420000"},
		{"光谷", "武汉东湖新技术开发区", "420100", "420000"},
		{"Wuhan East Lake High-tech Zone", "武汉东湖新技术开发区", "420100", "420000"},
		{"中关村", "中关村科技园区", "110000", "110000"},
		{"张江", "张江高科技园区", "310000", "310000"},
		{"横琴", "横琴粤澳深度合作区", "440400", "440000"},
		{"Hengqin", "横琴粤澳深度合作区", "440400", "440000"},
		{"前海", "前海深港现代服务业合作区", "440300", "440000"},
		{"Qianhai", "前海深港现代服务业合作区", "440300", "440000"},
		{"北京经开区", "北京经济技术开发区", "110000", "110000"},
		{"亦庄", "北京经济技术开发区", "110000", "110000"},
		{"TEDA", "天津经济技术开发区", "120000", "120000"},
		{"昆山经开区", "昆山经济技术开发区", "320500", "320000"},
		{"格尔木昆仑经济技术开发区", "格尔木昆仑经济技术开发区", "632800", "630000"},
		{"湘潭高新区", "湖南湘潭高新技术产业园区", "430300", "430000"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			p, ok := g.Resolve(tt.in)
			if !ok {
				t.Fatalf("Resolve(%q) not found", tt.in)
			}
			if p.NameZh != tt.wantName || !p.IsZone() {
				t.Fatalf("Resolve(%q) = %s %s (%s)", tt.in, p.Code, p.NameZh, p.Kind)
			}
			c, _ := g.CityOf(p.Code)
			pr, _ := g.ProvinceOf(p.Code)
			if c == nil || c.Code != tt.wantCity || pr == nil || pr.Code != tt.wantProvince {
				t.Errorf("city %v province %v, want %s %s", c, pr, tt.wantCity, tt.wantProvince)
			}
		})
	}
}

func TestZoneChain(t *testing.T) {
	g := MustDefault()
	p, ok := g.Resolve("昆山高新区")
	if !ok {
		t.Fatal("昆山高新区 not found")
	}
	var got []string
	for _, q := range g.Chain(p.Code) {
		got = append(got, q.NameZh)
	}
	if want := "昆山高新技术产业开发区 昆山市 苏州市 江苏省"; strings.Join(got, " ") != want {
		t.Errorf("chain = %v, want %s", got, want)
	}
	// Every zone name is a place name for the analyzer's dictionary.
	names := map[string]bool{}
	for _, n := range g.ZhNames() {
		names[n] = true
	}
	for _, z := range g.Zones() {
		for _, n := range append([]string{z.NameZh, z.ShortZh}, z.AliasesZh...) {
			if utf8.RuneCountInString(n) >= 2 && !names[n] {
				t.Errorf("%s missing from ZhNames", n)
			}
		}
	}
}

func TestZoneCodes(t *testing.T) {
	for code, want := range map[string]bool{
		"ZE320583": true, "ZH4201001": false, "ZX310115B": true, "ZE32058": false,
		"ZQ320583": false, "ZE3205a3": false, "ZE320583a": false,
	} {
		if got := zoneCodeOK(code); got != want {
			t.Errorf("zoneCodeOK(%q) = %v", code, got)
		}
	}
}

// TestOverrides checks the corrections of overrides.tsv reached the places.
func TestOverrides(t *testing.T) {
	g := MustDefault()
	tests := []struct{ code, short, pinyin, en string }{
		{"469028", "陵水", "Lingshui", "Lingshui Li Autonomous County"},
		{"450225", "融水", "Rongshui", "Rongshui Miao Autonomous County"},
		{"500243", "彭水", "Pengshui", "Pengshui Miao and Tujia Autonomous County"},
		{"220623", "长白", "Changbai", "Changbai Korean Autonomous County"},
		{"510114", "新都", "Xindu", "Xindu District"},
		{"440114", "花都", "Huadu", "Huadu District"},
		{"511504", "叙州", "Xuzhou", "Xuzhou District"},
	}
	for _, tt := range tests {
		p, ok := g.Place(tt.code)
		if !ok || p.ShortZh != tt.short || p.Pinyin != tt.pinyin || p.NameEn != tt.en {
			t.Errorf("%s = %+v, want %s %s %s", tt.code, p, tt.short, tt.pinyin, tt.en)
		}
	}
	if p, ok := g.Resolve("Golmud"); !ok || p.Code != "632801" {
		t.Errorf("Golmud = %v", p)
	}
	if p, ok := g.Resolve("陵水"); !ok || p.Code != "469028" {
		t.Errorf("陵水 = %v", p)
	}
	if l := g.LookupZh("陵"); len(l) != 0 {
		t.Errorf("陵 still names %v", l)
	}
}

// TestResolveNear is the disambiguation rule for names several places
// share: a parent named nearby, else the highest level, else nothing.
func TestResolveNear(t *testing.T) {
	g := MustDefault()
	if n := len(g.LookupZh("朝阳")); n != 4 {
		t.Errorf("朝阳 names %d places, want 4", n)
	}
	if n := len(g.LookupZh("鼓楼")); n != 4 {
		t.Errorf("鼓楼 names %d places, want 4", n)
	}
	if n := len(g.LookupZh("西安")); n != 3 {
		t.Errorf("西安 names %d places, want 3", n)
	}
	tests := []struct {
		name string
		near []string
		want string // "" for ambiguous
	}{
		{"朝阳", nil, "211300"},                   // the city outranks the county and districts
		{"朝阳", []string{"北京"}, "110105"},        // 北京朝阳区
		{"朝阳", []string{"长春市"}, "220104"},       // 长春朝阳区
		{"朝阳", []string{"辽宁", "朝阳市"}, "211321"}, // 朝阳市朝阳县: the county's parent is named
		{"Chaoyang", []string{"Beijing"}, "110105"},
		{"鼓楼", nil, ""}, // four districts of equal rank
		{"鼓楼", []string{"福州"}, "350102"},
		{"鼓楼", []string{"南京"}, "320106"},
		{"鼓楼", []string{"徐州"}, "320302"},
		{"鼓楼", []string{"开封"}, "410204"},
		{"Gulou", []string{"Fuzhou"}, "350102"},
		{"鼓楼", []string{"上海"}, ""}, // an unrelated place decides nothing
		{"西安", nil, "610100"},
		{"西安", []string{"辽源"}, "220403"},
		{"西安", []string{"牡丹江"}, "231005"},
		{"Xi'an", nil, "610100"},
		{"Xuzhou", nil, "320300"},
		{"Xuzhou", []string{"Yibin"}, "511504"},
		{"叙州", nil, "511504"},
		{"南沙", nil, ""}, // 广州南沙区 and 三沙南沙区
		{"南沙", []string{"广州"}, "440115"},
		{"长春净月高新区", nil, "220172"},
		{"nowhere", nil, ""},
	}
	for _, tt := range tests {
		p, ok := g.ResolveNear(tt.name, tt.near...)
		got := ""
		if ok {
			got = p.Code
		}
		if got != tt.want {
			t.Errorf("ResolveNear(%q, %q) = %q, want %q", tt.name, tt.near, got, tt.want)
		}
	}
}
