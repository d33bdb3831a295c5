package main

import (
	"math/rand/v2"
	"net/url"
	"strconv"
	"sync"
)

// A request kind and its share of the mix, in percent.
type kind struct {
	name  string
	share int
	build func(r *rand.Rand, ids *idPool) (path string, ok bool)
}

// Words researchers type, in both languages and scripts.
var (
	zhTerms = []string{"碳化硅", "新能源", "芯片", "项目", "签约", "产业园", "集成电路", "锂电池", "生物医药",
		"储能", "光伏", "新材料", "智能制造", "半导体", "数字经济", "高新区", "开发区", "总投资", "招商引资", "汽车零部件"}
	enTerms = []string{"semiconductor", "battery", "investment", "project", "signed", "industrial park",
		"new energy", "chip", "biomedicine", "photovoltaic", "Jiangyin", "Liaocheng", "Suzhou", "Hefei", "data center"}
	places  = []string{"Shandong", "Jiangsu", "广东", "浙江", "Anhui", "四川", "Hubei", "370000", "320000", "河南", "Chongqing", "福建"}
	cities  = []string{"聊城", "苏州", "Wuxi", "合肥", "Chengdu", "武汉", "Hangzhou", "深圳"}
	sectors = []string{"next-gen-it", "new-energy", "biotech", "new-materials", "high-end-equipment", "new-energy-vehicles"}
	sorts   = []string{"-date", "date", "-amount", "amount"}
	amounts = []string{"1e8", "1e9", "5e9", "1e10"}
)

// mix is the request mix. Shares add up to 100.
var mix = []kind{
	{"search_zh", 22, func(r *rand.Rand, _ *idPool) (string, bool) {
		return "/api/search?" + url.Values{"q": {pick(r, zhTerms)}}.Encode(), true
	}},
	{"search_en", 12, func(r *rand.Rand, _ *idPool) (string, bool) {
		return "/api/search?" + url.Values{"q": {pick(r, enTerms)}}.Encode(), true
	}},
	{"search_two_words", 8, func(r *rand.Rand, _ *idPool) (string, bool) {
		return "/api/search?" + url.Values{"q": {pick(r, zhTerms) + " " + pick(r, zhTerms)}}.Encode(), true
	}},
	{"search_filtered", 14, func(r *rand.Rand, _ *idPool) (string, bool) {
		v := url.Values{"q": {pick(r, zhTerms)}, "province": {pick(r, places)}}
		if r.IntN(2) == 0 {
			v.Set("sector", pick(r, sectors))
		}
		return "/api/search?" + v.Encode(), true
	}},
	{"browse_facets", 10, func(r *rand.Rand, _ *idPool) (string, bool) {
		v := url.Values{"sector": {pick(r, sectors)}, "amount_min": {pick(r, amounts)}}
		if r.IntN(2) == 0 {
			v.Set("city", pick(r, cities))
		}
		return "/api/search?" + v.Encode(), true
	}},
	{"sorted_pages", 8, func(r *rand.Rand, _ *idPool) (string, bool) {
		v := url.Values{"q": {pick(r, zhTerms)}, "sort": {pick(r, sorts)}, "page": {strconv.Itoa(2 + r.IntN(4))}}
		return "/api/search?" + v.Encode(), true
	}},
	{"phrase_boolean", 6, func(r *rand.Rand, _ *idPool) (string, bool) {
		qs := []string{`"industrial park"`, `"总投资"`, "芯片 OR 半导体", "新能源 -汽车", "title:签约 " + pick(r, zhTerms),
			`("new energy" OR battery) Jiangsu`, "province:山东 " + pick(r, zhTerms)}
		return "/api/search?" + url.Values{"q": {pick(r, qs)}, "date_from": {"2020-01-01"}}.Encode(), true
	}},
	{"document_api", 8, func(r *rand.Rand, ids *idPool) (string, bool) {
		id, ok := ids.pick(r)
		return "/api/documents/" + url.PathEscape(id), ok
	}},
	{"document_page", 4, func(r *rand.Rand, ids *idPool) (string, bool) {
		id, ok := ids.pick(r)
		return "/documents/" + url.PathEscape(id), ok
	}},
	{"search_page", 8, func(r *rand.Rand, _ *idPool) (string, bool) {
		v := url.Values{"q": {pick(r, append(zhTerms[:8:8], enTerms[:5]...))}}
		if r.IntN(3) == 0 {
			v.Set("province", pick(r, places))
		}
		return "/?" + v.Encode(), true
	}},
}

func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

// choose picks a kind by its share.
func choose(r *rand.Rand) *kind {
	n := r.IntN(100)
	for i := range mix {
		if n < mix[i].share {
			return &mix[i]
		}
		n -= mix[i].share
	}
	return &mix[0]
}

// idPool keeps document ids seen in search answers, for document requests.
type idPool struct {
	mu   sync.Mutex
	ids  []string
	next int // the slot the next id replaces once the pool is full
}

const maxPool = 2000

func (p *idPool) add(ids ...string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, id := range ids {
		if len(p.ids) < maxPool {
			p.ids = append(p.ids, id)
		} else {
			p.ids[p.next] = id
			p.next = (p.next + 1) % maxPool
		}
	}
}

func (p *idPool) pick(r *rand.Rand) (string, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.ids) == 0 {
		return "", false
	}
	return p.ids[r.IntN(len(p.ids))], true
}
