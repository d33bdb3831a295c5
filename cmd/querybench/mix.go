package main

import "github.com/investnews/regionsearch/index"

// Case is one query of the benchmark mix.
type Case struct {
	Kind  string // one-word, two-word, phrase, filtered, exclusion
	Name  string
	Query index.Query
}

// Mix returns the benchmark's query mix: Chinese and English words found in
// the demo corpus, in five kinds, each with every facet and highlighting.
func Mix(size int) []Case {
	f := func(v float64) *float64 { return &v }
	q := func(kind, text string, edit func(*index.Query)) Case {
		qq := index.Query{Text: text, Size: size}
		if edit != nil {
			edit(&qq)
		}
		name := text
		if edit != nil {
			name += " +filters"
		}
		return Case{Kind: kind, Name: name, Query: qq}
	}
	return []Case{
		q("one-word", "碳化硅", nil),
		q("one-word", "新能源", nil),
		q("one-word", "签约", nil),
		q("one-word", "Jiangyin", nil),
		q("one-word", "semiconductor", nil),
		q("one-word", "生物医药", nil),
		q("two-word", "聊城 项目", nil),
		q("two-word", "新能源 汽车", nil),
		q("two-word", "集成电路产业园", nil),
		q("two-word", "battery Jiangsu", nil),
		q("phrase", `"总投资"`, nil),
		q("phrase", `"silicon carbide"`, nil),
		q("phrase", `"重点项目集中签约"`, nil),
		q("filtered", "项目", func(q *index.Query) { q.Provinces = []string{"Shandong"} }),
		q("filtered", "新能源", func(q *index.Query) { q.Sectors = []string{"new-energy"}; q.AmountMin = f(1e9) }),
		q("filtered", "", func(q *index.Query) {
			q.Provinces = []string{"江苏", "浙江"}
			q.DateFrom = "2023-01-01"
			q.DateTo = "2023-12-31"
		}),
		q("filtered", "industrial park", func(q *index.Query) { q.Lang = "en"; q.Sort = "-date" }),
		q("filtered", "签约", func(q *index.Query) { q.Cities = []string{"苏州"}; q.Sort = "-amount" }),
		q("exclusion", "项目 -GDP", nil),
		q("exclusion", "签约 -新能源", nil),
		q("exclusion", "chip -Shenzhen", nil),
		q("exclusion", "产业园 NOT 北京", nil),
	}
}
