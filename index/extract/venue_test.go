package extract

import (
	"reflect"
	"testing"

	"github.com/investnews/regionsearch/analyzers/gazetteer"
)

// checkCodes compares the codes of places with the wanted ones; nothing and
// an empty list are the same.
func checkCodes(t *testing.T, field string, got []*gazetteer.Place, want []string) {
	t.Helper()
	g := codes(got)
	if len(g) == 0 && len(want) == 0 {
		return
	}
	if !reflect.DeepEqual(g, want) {
		t.Errorf("%s = %v, want %v", field, g, want)
	}
}

// TestExtractVenueHost pins the venue rule: the place where a ceremony is
// held counts for nothing when the investment lands elsewhere, and is the
// site when the report names no other place for it.
func TestExtractVenueHost(t *testing.T) {
	e := extractor(t)
	tests := []struct {
		name, title, body           string
		provinces, cities, counties []string
	}{
		{name: "en projects signed at a summit held in the host city",
			body:      "217 projects with a total investment over 100 billion yuan were signed at the Fourth Jiangyin Development Summit held on October 28 in Jiangyin City, east China's Jiangsu Province.",
			provinces: []string{"320000"}, cities: []string{"320200"}, counties: []string{"320281"}},
		{name: "en title names the host",
			title:     "E. China's Jiangyin sees 217 projects signed",
			body:      "The projects were signed at a symposium held in Jiangyin City on Saturday.",
			provinces: []string{"320000"}, cities: []string{"320200"}, counties: []string{"320281"}},
		{name: "zh signed at a meeting held in the host city",
			body:      "10月28日，第四届发展大会在江阴市举行，现场签约项目217个，总投资超千亿元。",
			provinces: []string{"320000"}, cities: []string{"320200"}, counties: []string{"320281"}},
		{name: "zh short name of the host city",
			title:     "江阴集中签约重大项目",
			body:      "第四届江阴发展大会在江阴举行，现场签约项目217个。",
			provinces: []string{"320000"}, cities: []string{"320200"}, counties: []string{"320281"}},
		{name: "zh event held elsewhere, projects land at home",
			body:      "聊城市在深圳举办招商推介会，签约项目落户聊城。",
			provinces: []string{"370000"}, cities: []string{"371500"}},
		{name: "en event held elsewhere",
			body:      "Liaocheng held an investment promotion conference in Shenzhen, where 18 projects were signed. The projects will settle in Liaocheng.",
			provinces: []string{"370000"}, cities: []string{"371500"}},
		{name: "en place signs projects in another city",
			title:     "Zhangjiakou signs 4 projects in Beijing",
			body:      "The data centers will be built in Zhangbei County.",
			provinces: []string{"130000"}, cities: []string{"130700"}, counties: []string{"130722"}},
		{name: "province signs in its capital",
			body:      "山东省人民政府与一家通信技术企业在济南签署战略合作协议。",
			provinces: []string{"370000"}},
		{name: "ambiguous home place still competes",
			body: "At the signing ceremony of the key projects of Taizhou, held in Xiamen on May 4, 18 projects were signed."},
		{name: "trip is no host", body: "代表团赴深圳开展招商活动，签约项目43个。"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.Extract(tt.title, tt.body)
			checkCodes(t, "provinces", r.Provinces, tt.provinces)
			checkCodes(t, "cities", r.Cities, tt.cities)
			checkCodes(t, "counties", r.Counties, tt.counties)
		})
	}
}

// TestExtractPlaceContext covers short county names, subsidiaries, and places
// named only for comparison or history.
func TestExtractPlaceContext(t *testing.T) {
	e := extractor(t)
	tests := []struct {
		name, title, body string
		provinces, cities []string
		counties, inv     []string
	}{
		{name: "county-level city short name after 落户", body: "项目总投资10亿元，落户江阴。",
			provinces: []string{"320000"}, cities: []string{"320200"}, counties: []string{"320281"}},
		{name: "county-level city as English subject", body: "Kunshan signed 30 projects worth RMB 5 billion on Monday.",
			provinces: []string{"320000"}, cities: []string{"320500"}, counties: []string{"320583"}},
		{name: "full name confirms the short one", body: "Jiangyin's new projects were signed on Monday. Jiangyin City is in Wuxi.",
			provinces: []string{"320000"}, cities: []string{"320200"}, counties: []string{"320281"}},
		{name: "possessive province", body: "A US$200 million chip plant will be built in Jiangsu's Wuxi.",
			provinces: []string{"320000"}, cities: []string{"320200"}},
		{name: "city, province", body: "A 1.2 trillion yuan plan was unveiled in Wuxi, Jiangsu province.",
			provinces: []string{"320000"}, cities: []string{"320200"}},
		{name: "short county name without cue stays out", body: "江阴的朋友来访。"},
		{name: "ambiguous short name with cue stays out", body: "项目落户鼓楼。"},
		{name: "subsidiary seat in brackets is no investor home", body: "东佳（郴州）电子有限公司投资的项目落户临武县，湖南省郴州市。",
			provinces: []string{"430000"}, cities: []string{"431000"}, counties: []string{"431025"}},
		{name: "Taiwan-funded", body: "一家台资企业投资3亿美元在昆山开发区建设封装项目。",
			provinces: []string{"320000"}, cities: []string{"320500"}, inv: []string{"710000"}},
		{name: "platform is not Taiwan", body: "平台商户入驻聊城电商产业园。",
			provinces: []string{"370000"}, cities: []string{"371500"}},
		{name: "comparison en", body: "Chengdu signed a 12-billion-yuan battery project. Like Guangdong, Sichuan has made new energy vehicles a pillar industry.",
			provinces: []string{"510000"}, cities: []string{"510100"}},
		{name: "history en", body: "Chengdu signed a 12-billion-yuan battery project. The investor, which built its first plant in Fujian a decade ago, will build lines in the city.",
			provinces: []string{"510000"}, cities: []string{"510100"}},
		{name: "comparison zh", body: "与深圳相比，聊城土地成本较低。项目落户聊城高新区。",
			provinces: []string{"370000"}, cities: []string{"371500"}},
		{name: "deadline is no history", body: "项目计划2025年前建成，落户聊城。",
			provinces: []string{"370000"}, cities: []string{"371500"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.Extract(tt.title, tt.body)
			checkCodes(t, "provinces", r.Provinces, tt.provinces)
			checkCodes(t, "cities", r.Cities, tt.cities)
			checkCodes(t, "investor provinces", r.InvestorProvinces, tt.inv)
			if tt.counties != nil && !reflect.DeepEqual(codes(r.Counties), tt.counties) {
				t.Errorf("counties = %v, want %v", codes(r.Counties), tt.counties)
			}
		})
	}
}
