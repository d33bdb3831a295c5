package gazetteer

import "testing"

func TestCounts(t *testing.T) {
	g, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	counts := map[Level]int{}
	kinds := map[Kind]int{}
	for _, p := range g.Places() {
		if p.Kind == Division || p.Kind == NewArea && len(p.Code) == 6 {
			counts[p.Level]++
		}
		kinds[p.Kind]++
	}
	if counts[Province] != 34 || counts[Prefecture] != 333 || counts[County] != 2845 {
		t.Errorf("levels = %v, want 34/333/2845", counts)
	}
	if kinds[NewArea] != 19 {
		t.Errorf("new areas = %d, want 19", kinds[NewArea])
	}
}

func TestLookup(t *testing.T) {
	g := MustDefault()
	tests := []struct {
		name, in, wantCode, wantProvince, wantCity string
	}{
		{"zh short", "聊城", "371500", "370000", "371500"},
		{"zh full", "江阴市", "320281", "320000", "320200"},
		{"en pinyin", "Liaocheng", "371500", "370000", "371500"},
		{"en full", "jiangyin city", "320281", "320000", "320200"},
		{"code", "330402", "330402", "330000", "330400"},
		{"new area division", "两江新区", "500157", "500000", "500000"},
		{"new area synthetic", "Xiong'an New Area", "", "130000", "130600"},
		{"province en", "Shandong", "370000", "370000", ""},
		{"tibet override", "Tibet", "540000", "540000", ""},
		{"ambiguous prefers city", "朝阳", "211300", "210000", "211300"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, ok := g.Resolve(tt.in)
			if !ok {
				t.Fatalf("Resolve(%q) not found", tt.in)
			}
			if tt.wantCode != "" && p.Code != tt.wantCode {
				t.Errorf("code = %s, want %s", p.Code, tt.wantCode)
			}
			prov, _ := g.ProvinceOf(p.Code)
			if prov == nil || prov.Code != tt.wantProvince {
				t.Errorf("province = %v, want %s", prov, tt.wantProvince)
			}
			city, ok := g.CityOf(p.Code)
			got := ""
			if ok {
				got = city.Code
			}
			if got != tt.wantCity {
				t.Errorf("city = %q, want %q", got, tt.wantCity)
			}
		})
	}
}

func TestNormalizeEn(t *testing.T) {
	for in, want := range map[string]string{"Xi'an": "xian", "  Liaocheng   City ": "liaocheng city", "Gui’an": "guian"} {
		if got := NormalizeEn(in); got != want {
			t.Errorf("NormalizeEn(%q) = %q, want %q", in, got, want)
		}
	}
}
