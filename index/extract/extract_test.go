package extract

import (
	"math"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/investnews/regionsearch/analyzers/gazetteer"
)

var (
	testOnce sync.Once
	testExt  *Extractor
)

func extractor(t testing.TB) *Extractor {
	t.Helper()
	testOnce.Do(func() {
		var err error
		testExt, err = New(gazetteer.MustDefault())
		if err != nil {
			t.Fatal(err)
		}
	})
	return testExt
}

func TestParseAmountsForms(t *testing.T) {
	tests := []struct {
		in       string
		text     string
		value    float64
		currency string
		cny      float64
	}{
		{"投资30亿元", "30亿元", 3e9, "CNY", 3e9},
		{"投资1.2亿", "1.2亿", 1.2e8, "CNY", 1.2e8},
		{"投资三千万元", "三千万元", 3e7, "CNY", 3e7},
		{"投资两万亿", "两万亿", 2e12, "CNY", 2e12},
		{"总投资超千亿元", "超千亿元", 1e11, "CNY", 1e11},
		{"总投资463亿元", "463亿元", 4.63e10, "CNY", 4.63e10},
		{"投资3000万美元", "3000万美元", 3e7, "USD", 3e7 * 7.1},
		{"投资三点五亿", "三点五亿", 3.5e8, "CNY", 3.5e8},
		{"投资一百二十亿元", "一百二十亿元", 1.2e10, "CNY", 1.2e10},
		{"投资一亿二千万元", "一亿二千万元", 1.2e8, "CNY", 1.2e8},
		{"投资3千万元", "3千万元", 3e7, "CNY", 3e7},
		{"總投資12億元", "12億元", 1.2e9, "CNY", 1.2e9},
		{"投資3000萬美元", "3000萬美元", 3e7, "USD", 3e7 * 7.1},
		{"投资人民币30亿元", "人民币30亿元", 3e9, "CNY", 3e9},
		{"投资5亿港元", "5亿港元", 5e8, "HKD", 5e8 * 0.91},
		{"投资额约1.5亿欧元", "约1.5亿欧元", 1.5e8, "EUR", 1.5e8 * 7.8},
		{"invest 3 billion yuan", "3 billion yuan", 3e9, "CNY", 3e9},
		{"involving 46.3 billion yuan ($6.95 billion) in total investment", "46.3 billion yuan ($6.95 billion)", 4.63e10, "CNY", 4.63e10},
		{"its 1.2-billion-yuan project", "1.2-billion-yuan", 1.2e9, "CNY", 1.2e9},
		{"investment of RMB 500 million", "RMB 500 million", 5e8, "CNY", 5e8},
		{"invest US$300 million", "US$300 million", 3e8, "USD", 3e8 * 7.1},
		{"investment of more than 100 billion yuan", "more than 100 billion yuan", 1e11, "CNY", 1e11},
		{"invest 1 billion euros", "1 billion euros", 1e9, "EUR", 7.8e9},
		{"invest 500 million U.S. dollars", "500 million U.S. dollars", 5e8, "USD", 5e8 * 7.1},
		{"invested 10,000 yuan", "10,000 yuan", 1e4, "CNY", 1e4},
		{"invest HK$5 billion", "HK$5 billion", 5e9, "HKD", 5e9 * 0.91},
		{"invest 20 billion yen", "20 billion yen", 2e10, "JPY", 2e10 * 0.049},
		{"a project worth three billion yuan", "three billion yuan", 3e9, "CNY", 3e9},
		{"invest $5m", "$5m", 5e6, "USD", 5e6 * 7.1},
		{"invest 5 bn yuan", "5 bn yuan", 5e9, "CNY", 5e9},
		{"US$300 million (2.2 billion yuan) project", "US$300 million (2.2 billion yuan)", 3e8, "USD", 3e8 * 7.1},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			a := oneAmount(t, tt.in)
			if a.Text != tt.text || a.Currency != tt.currency || !near(a.Value, tt.value) || !near(a.CNY, tt.cny) {
				t.Errorf("got %q %g %s %g, want %q %g %s %g", a.Text, a.Value, a.Currency, a.CNY, tt.text, tt.value, tt.currency, tt.cny)
			}
			if tt.in[a.Start:a.End] != a.Text {
				t.Errorf("span %d:%d = %q, text %q", a.Start, a.End, tt.in[a.Start:a.End], a.Text)
			}
		})
	}
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

func TestParseAmountsNotMoney(t *testing.T) {
	for _, in := range []string{
		"数十亿元", "千万不要错过", "打造百亿级产业", "年产1.2亿颗芯片", "装机100万千瓦", "年产1000万片",
		"二〇二三年", "人口1200万人", "5G基站", "2023年3月", "3 billion chips", "a hundred-billion-level industry",
		"万达广场", "一元化", "the year 2023",
	} {
		if as := ParseAmounts(in); len(as) != 0 {
			t.Errorf("ParseAmounts(%q) = %+v, want none", in, as)
		}
	}
}

func TestParseAmountsScope(t *testing.T) {
	tests := []struct {
		name, in string
		scopes   []string
	}{
		{"gdp", "2022年，江阴实现地区生产总值4754亿元。", []string{ScopeOther}},
		{"output after project", "项目总投资30亿元，达产后年产值50亿元。", []string{ScopeProject, ScopeOther}},
		{"event", "共签约项目45个，总投资386亿元。", []string{ScopeEvent}},
		{"phase", "项目总投资30亿元，其中一期投资11亿元。", []string{ScopeProject, ScopePhase}},
		{"earlier year", "Date: 2023-03-30. In 2022, 60 new projects with a total investment of 16 billion yuan were signed.", []string{ScopeOther}},
		{"revenue en", "The plant is expected to bring 3 billion yuan in revenue.", []string{ScopeOther}},
		{"en event", "A total of 25 projects involving 46.3 billion yuan in total investment were signed.", []string{ScopeEvent}},
		{"en project", "SmartMore decided to invest 300 million yuan in Liangjiang.", []string{ScopeProject}},
		{"registered capital", "The company has registered capital of 15 billion yuan.", []string{ScopeOther}},
		{"cumulative", "去年以来，该区累计引进项目120个，总投资达350亿元。", []string{ScopeOther}},
		{"trade", "Foreign trade volume reached 150 billion yuan last year.", []string{ScopeOther}},
		{"credit line", "洛阳市还与三家银行签订了总额300亿元的授信协议。", []string{ScopeOther}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, a := range ParseAmounts(tt.in) {
				got = append(got, a.Scope)
			}
			if !reflect.DeepEqual(got, tt.scopes) {
				t.Errorf("scopes = %v, want %v", got, tt.scopes)
			}
		})
	}
}

func TestFindDate(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{" date 2023-03-30 LIAOCHENG, China, March 30, 2023 /PRNewswire/ --", "2023-03-30"},
		{"Home » News\n\nRelease date: 2022-08-22 09:01\n\nSource: Nanhu District", "2022-08-22"},
		{"Liangjiang inks 25 projects\n\nUpdated: 2021-08-19\n\nText", "2021-08-19"},
		{"BEIJING, Oct. 31, 2023 /PRNewswire/ -- 217 projects", "2023-10-31"},
		{"HEZE, China, May 9, 2023 -- A project", "2023-05-09"},
		{"Posted on 30 March 2023 by admin", "2023-03-30"},
		{"新华网 2023年3月30日电 记者从聊城获悉", "2023-03-30"},
		{"发布时间：2023-03-30 10:00 来源：聊城日报", "2023-03-30"},
		{"發布時間：2021年8月19日", "2021-08-19"},
		{"Published 2024/06/03 in Events", "2024-06-03"},
		{"In a report released on Jan 10, 2024, the zone said", "2024-01-10"},
	}
	for _, tt := range tests {
		got, ok := FindDate(tt.in)
		if !ok || got.Format("2006-01-02") != tt.want {
			t.Errorf("FindDate(%q) = %v, %v; want %s", tt.in, got, ok, tt.want)
		}
	}
	for _, in := range []string{"", "no date here", "2023-13-45", "February 30, 2023", "项目总投资2023亿元", "version 1.2.3"} {
		if got, ok := FindDate(in); ok {
			t.Errorf("FindDate(%q) = %v, want none", in, got)
		}
	}
	// Only the top of a report counts.
	long := make([]byte, dateWindow+10)
	for i := range long {
		long[i] = 'x'
	}
	if _, ok := FindDate(string(long) + " March 30, 2023"); ok {
		t.Error("FindDate found a date past the top window")
	}
	if d, _ := FindDate("March 30, 2023"); d.Location() != time.UTC {
		t.Error("FindDate should return UTC")
	}
}

func TestDetectLang(t *testing.T) {
	tests := []struct{ in, want string }{
		{"聊城高新区签约碳化硅项目，总投资12亿元。", "zh"},
		{"兩江新區集中簽約25個項目", "zh"},
		{"Liangjiang inks 25 investment projects", "en"},
		{"Contact Us 中文 Home > Events Liangjiang inks 25 investment projects before Smart China Expo", "en"},
		{"华为与OPPO、vivo在深圳签约5G项目", "zh"},
		{"", "en"},
	}
	for _, tt := range tests {
		if got := DetectLang(tt.in); got != tt.want {
			t.Errorf("DetectLang(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestTaxonomy(t *testing.T) {
	e := extractor(t)
	var keys []string
	for _, s := range e.Sectors() {
		keys = append(keys, s.Key)
		if s.NameZh == "" || s.NameEn == "" || s.Parent != "" {
			t.Errorf("sector %+v incomplete", s)
		}
	}
	if !reflect.DeepEqual(keys, topKeys) {
		t.Errorf("keys = %v", keys)
	}
	s, ok := e.Sector("1.2")
	if !ok || s.Parent != "next-gen-it" {
		t.Errorf("Sector(1.2) = %+v, %v", s, ok)
	}
	if s, ok := e.Sector("6.3"); !ok || s.Parent != "new-energy" {
		t.Errorf("Sector(6.3) = %+v, %v", s, ok)
	}
	if _, ok := e.Sector("nope"); ok {
		t.Error("Sector(nope) found")
	}
	if n := len(e.Subsectors()); n != 40 {
		t.Errorf("%d subsectors, want 40", n)
	}
}

// placeCase is one location expectation: codes of provinces, cities and
// investor provinces, main first.
type placeCase struct {
	name, title, body      string
	provinces, cities, inv []string
	counties               []string
	checkCounties          bool
}

func TestExtractPlaces(t *testing.T) {
	e := extractor(t)
	tests := []placeCase{
		{name: "parents filled in", body: "江阴市签约一个新材料项目，投资10亿元。",
			provinces: []string{"320000"}, cities: []string{"320200"}, counties: []string{"320281"}, checkCounties: true},
		{name: "english county with generic word", body: "A new project was signed in Jiangyin City on Monday.",
			provinces: []string{"320000"}, cities: []string{"320200"}},
		{name: "new area", body: "The project will be built in Liangjiang New Area.",
			provinces: []string{"500000"}, cities: []string{"500000"}, counties: []string{"500157"}, checkCounties: true},
		{name: "traditional new area", body: "兩江新區簽約一個項目。",
			provinces: []string{"500000"}, cities: []string{"500000"}},
		{name: "zone form zh", body: "项目落户聊城高新区。",
			provinces: []string{"370000"}, cities: []string{"371500"}},
		{name: "zone form en", body: "The plant will settle in the Liaocheng Hi-Tech Zone.",
			provinces: []string{"370000"}, cities: []string{"371500"}},
		{name: "short county needs context", body: "The Nanhu High-tech Zone of Jiaxing signed a deal.",
			provinces: []string{"330000"}, cities: []string{"330400"}, counties: []string{"330402"}, checkCounties: true},
		{name: "investor company zh", body: "由深圳华芯科技有限公司投资的项目落户聊城。",
			provinces: []string{"370000"}, cities: []string{"371500"}, inv: []string{"440000"}},
		{name: "investor based en", body: "A Hangzhou-based company will invest in Liaocheng, Shandong Province.",
			provinces: []string{"370000"}, cities: []string{"371500"}, inv: []string{"330000"}},
		{name: "investor company en", body: "The project invested by Shenzhen Huaxin Technology Co., Ltd. settled in Heze.",
			provinces: []string{"370000"}, cities: []string{"371700"}, inv: []string{"440000"}},
		{name: "venue zh", body: "聊城市招商推介会在深圳举行，签约项目落户聊城高新区。",
			provinces: []string{"370000"}, cities: []string{"371500"}},
		{name: "venue en", body: "Gansu signed 45 projects at a conference held in Shanghai. The projects will be located in Lanzhou.",
			provinces: []string{"620000"}, cities: []string{"620100"}},
		{name: "company name alone is no location", body: "Zhejiang Fengqi New Energy Co., Ltd. signed a supply deal.",
			inv: []string{"330000"}},
		{name: "ambiguous 朝阳 with Beijing", body: "北京朝阳区签约文化项目。",
			provinces: []string{"110000"}, cities: []string{"110000"}, counties: []string{"110105"}, checkCounties: true},
		{name: "ambiguous 朝阳 alone prefers the city", body: "朝阳市签约文化项目。",
			provinces: []string{"210000"}, cities: []string{"211300"}},
		{name: "ambiguous 鼓楼 with Fuzhou", body: "福州市鼓楼区签约软件项目。",
			provinces: []string{"350000"}, cities: []string{"350100"}, counties: []string{"350102"}, checkCounties: true},
		{name: "unknown stays empty", body: "一家企业宣布投资20亿元建设新工厂，选址尚未确定。"},
		{name: "common words are not places", body: "She said the long-awaited project would boost the new economy."},
		{name: "zh common words", body: "新兴产业项目签约，双方将加强合作，中方将提供资源支持。"},
		{name: "stop phrases", body: "新华社报道，中山大学与阿里巴巴签署合作协议。"},
		{name: "title counts", title: "Hefei lands display project", body: "The city signed a 20-billion-yuan deal.",
			provinces: []string{"340000"}, cities: []string{"340100"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.Extract(tt.title, tt.body)
			check := func(field string, got []*gazetteer.Place, want []string) {
				g := codes(got)
				if len(g) == 0 && len(want) == 0 {
					return
				}
				if !reflect.DeepEqual(g, want) {
					t.Errorf("%s = %v, want %v", field, g, want)
				}
			}
			check("provinces", r.Provinces, tt.provinces)
			check("cities", r.Cities, tt.cities)
			check("investor provinces", r.InvestorProvinces, tt.inv)
			if tt.checkCounties {
				check("counties", r.Counties, tt.counties)
			}
		})
	}
}

func TestExtractSectorsSloganWeighsLess(t *testing.T) {
	e := extractor(t)
	slogan := "聊城高新区聚焦新能源新材料、高端装备制造、医养健康、新一代信息技术“3+1”主导产业。" +
		"The zone focuses on the leading industries of biomedicine and new energy."
	r := e.Extract("", slogan)
	if len(r.Sectors) != 0 {
		t.Errorf("slogan-only report tagged %v", r.Sectors)
	}
	project := slogan + "由深圳一家企业投资的碳化硅芯片封装测试项目签约落户，总投资12亿元。"
	r = e.Extract("", project)
	var keys []string
	for _, s := range r.Sectors {
		keys = append(keys, s.Key)
	}
	if !reflect.DeepEqual(keys, []string{"next-gen-it"}) {
		t.Errorf("project report sectors = %v, want [next-gen-it]", keys)
	}
	var subs []string
	for _, s := range r.Subsectors {
		subs = append(subs, s.Key)
	}
	if !reflect.DeepEqual(subs, []string{"1.2"}) {
		t.Errorf("subsectors = %v, want [1.2]", subs)
	}
	// Several slogan sentences together still count.
	many := "该区聚焦新能源产业。该区打造新能源产业集群。该区培育新能源龙头企业。该区致力于新能源产业发展。"
	if r := e.Extract("", many); len(r.Sectors) != 1 || r.Sectors[0].Key != "new-energy" {
		t.Errorf("four slogan sentences: sectors = %v", r.Sectors)
	}
}

func TestExtractHeadline(t *testing.T) {
	e := extractor(t)
	tests := []struct {
		name, title, body string
		want              float64 // 0 for none
	}{
		{"event total beats projects", "", "共签约项目25个，总投资463亿元。其中，大有微电子投资12亿元建设封测项目。", 4.63e10},
		{"largest project", "", "汽车零部件项目投资15亿元，冷链物流项目投资3.5亿元。", 1.5e9},
		{"gdp larger than investment", "", "项目总投资8亿元。2022年，全市实现地区生产总值3427亿元。", 8e8},
		{"past year only", "", "Date: 2023-03-30. In 2022, the zone signed 60 projects with a total investment of 16 billion yuan.", 0},
		{"no amount", "", "The two sides will deepen cooperation in cloud computing.", 0},
		{"title only", "Kunming signs 2.8-billion-yuan biomedicine project", "Kunming signed a project on Wednesday.", 2.8e9},
		{"dollars", "", "The company will invest US$300 million in the plant.", 3e8 * 7.1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.Extract(tt.title, tt.body)
			switch {
			case tt.want == 0 && r.Headline != nil:
				t.Errorf("headline = %+v, want none", *r.Headline)
			case tt.want != 0 && (r.Headline == nil || !near(r.Headline.CNY, tt.want)):
				t.Errorf("headline = %+v, want %g", r.Headline, tt.want)
			}
		})
	}
}

func TestEvidenceSpans(t *testing.T) {
	e := extractor(t)
	for _, l := range readLabelled(t, "testdata/labelled.jsonl") {
		r := e.Extract(l.Title, l.Body)
		for _, ev := range r.Evidence {
			src := l.Body
			if ev.Title {
				src = l.Title
			}
			if ev.Start < 0 || ev.End > len(src) || ev.Start > ev.End || src[ev.Start:ev.End] != ev.Text {
				t.Fatalf("%s: evidence %+v does not match its span", l.ID, ev)
			}
			if ev.Field == "" || ev.Value == "" {
				t.Fatalf("%s: evidence %+v lacks field or value", l.ID, ev)
			}
		}
		for _, a := range r.Amounts {
			if l.Body[a.Start:a.End] != a.Text || a.Scope == ScopeOther {
				t.Fatalf("%s: amount %+v", l.ID, a)
			}
		}
	}
}

func TestExtractConcurrent(t *testing.T) {
	e := extractor(t)
	set := readLabelled(t, "testdata/labelled.jsonl")
	want := make([]Result, len(set))
	for i, l := range set {
		want[i] = e.Extract(l.Title, l.Body)
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, l := range set {
				if got := e.Extract(l.Title, l.Body); !reflect.DeepEqual(got, want[i]) {
					t.Errorf("%s: concurrent result differs", l.ID)
				}
			}
		}()
	}
	wg.Wait()
}

func TestNewNilGazetteer(t *testing.T) {
	if _, err := New(nil); err == nil {
		t.Error("New(nil) succeeded")
	}
}

func TestLoadTaxonomyErrors(t *testing.T) {
	for _, in := range []string{`{`, `{"sectors":[]}`, `{"sectors":[{"key":"x","zh":"a","en":"b"}]}`} {
		if _, err := loadTaxonomy([]byte(in)); err == nil {
			t.Errorf("loadTaxonomy(%s) succeeded", in)
		}
	}
}

func mustGaz() *gazetteer.Gazetteer { return gazetteer.MustDefault() }
