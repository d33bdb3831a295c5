package extract

import (
	"reflect"
	"testing"
)

// TestExtractZones checks that a report about a development zone is placed
// in the zone's host city and province, from full names, short names and
// English names, and that the disambiguation rule holds for names several
// places share.
func TestExtractZones(t *testing.T) {
	e := extractor(t)
	tests := []placeCase{
		{name: "zone short name", body: "总投资30亿元的光电子项目落户东湖高新区。",
			provinces: []string{"420000"}, cities: []string{"420100"}, counties: []string{"ZH420100"}, checkCounties: true},
		{name: "zone full name", body: "武汉东湖新技术开发区集中签约12个项目。",
			provinces: []string{"420000"}, cities: []string{"420100"}},
		{name: "zone alias", body: "一批光电子项目在中国光谷签约。",
			provinces: []string{"420000"}, cities: []string{"420100"}},
		{name: "zone english", body: "The project will settle in Wuhan East Lake High-tech Zone.",
			provinces: []string{"420000"}, cities: []string{"420100"}},
		{name: "zone english alias", body: "Optics Valley of China signed 12 projects on Monday.",
			provinces: []string{"420000"}, cities: []string{"420100"}},
		{name: "industrial park", body: "苏州工业园区签约集成电路项目，总投资20亿元。",
			provinces: []string{"320000"}, cities: []string{"320500"}, counties: []string{"320576"}, checkCounties: true},
		{name: "industrial park en", body: "Suzhou Industrial Park signed an integrated circuit project.",
			provinces: []string{"320000"}, cities: []string{"320500"}},
		{name: "zone under a county", body: "项目落户昆山高新区。",
			provinces: []string{"320000"}, cities: []string{"320500"}, counties: []string{"320583", "ZH320583"}, checkCounties: true},
		{name: "hefei hi-tech", body: "The Hefei Hi-tech Zone signed a display panel project.",
			provinces: []string{"340000"}, cities: []string{"340100"}},
		{name: "zhongguancun", body: "中关村科技园区签约一批人工智能项目。",
			provinces: []string{"110000"}, cities: []string{"110000"}},
		{name: "hengqin full", body: "横琴粤澳深度合作区签约中医药项目。",
			provinces: []string{"440000"}, cities: []string{"440400"}},
		{name: "hengqin short with its city", body: "澳门企业投资的中医药项目落户珠海横琴。",
			provinces: []string{"440000"}, cities: []string{"440400"}, inv: []string{"820000"}},
		{name: "qianhai", body: "深圳前海签约一批金融科技项目。",
			provinces: []string{"440000"}, cities: []string{"440300"}},
		{name: "qianhai en", body: "A fintech project was signed in Qianhai, Shenzhen.",
			provinces: []string{"440000"}, cities: []string{"440300"}},
		{name: "zhangjiang science city", body: "张江科学城签约生物医药项目。",
			provinces: []string{"310000"}, cities: []string{"310000"}},
		{name: "two-character zone alias needs context", body: "张江签约生物医药项目。"},
		{name: "east lake is not nanchang", body: "东湖高新区签约项目。",
			provinces: []string{"420000"}, cities: []string{"420100"}},
		{name: "西安区 with its city", body: "吉林省辽源市西安区签约新材料项目。",
			provinces: []string{"220000"}, cities: []string{"220400"}, counties: []string{"220403"}, checkCounties: true},
		{name: "西安 alone is the city", body: "西安签约半导体项目。",
			provinces: []string{"610000"}, cities: []string{"610100"}},
		{name: "Xuzhou alone is the city", body: "Xuzhou signed a construction machinery project.",
			provinces: []string{"320000"}, cities: []string{"320300"}},
		{name: "Xuzhou District of Yibin", body: "The project lands in Xuzhou District, Yibin City, Sichuan Province.",
			provinces: []string{"510000"}, cities: []string{"511500"}, counties: []string{"511504"}, checkCounties: true},
		{name: "鼓楼 with Nanjing", body: "南京市鼓楼区签约软件项目。",
			provinces: []string{"320000"}, cities: []string{"320100"}, counties: []string{"320106"}, checkCounties: true},
		{name: "鼓楼 alone is ambiguous", body: "鼓楼区签约软件项目。"},
		{name: "陵水 short name", body: "海南陵水签约旅游项目。",
			provinces: []string{"460000"}, counties: []string{"469028"}, checkCounties: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.Extract(tt.title, tt.body)
			check := func(field string, got []string, want []string) {
				if len(got) == 0 && len(want) == 0 {
					return
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s = %v, want %v", field, got, want)
				}
			}
			check("provinces", codes(r.Provinces), tt.provinces)
			check("cities", codes(r.Cities), tt.cities)
			check("investor provinces", codes(r.InvestorProvinces), tt.inv)
			if tt.checkCounties {
				check("counties", codes(r.Counties), tt.counties)
			}
		})
	}
}
