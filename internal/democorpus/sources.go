package democorpus

import (
	"math/rand/v2"
	"strconv"
)

// sourceKind tells how a source's name and address are formed.
type sourceKind uint8

const (
	srcNational  sourceKind = iota // a national outlet with a fixed name
	srcCityGov                     // a city government's site: 聊城市人民政府 / Liaocheng Government
	srcInvest                      // a city's investment promotion bureau / Invest in Shandong
	srcCityDaily                   // a city's newspaper
	srcWire                        // a press-release wire (dateline in the body)
)

// source is an outlet reports come from.
type source struct {
	name   string
	kind   sourceKind
	zh     bool
	trad   bool
	indent bool                                            // Chinese paragraphs start with two ideographic spaces
	url    func(b []byte, st *story, seq, h uint64) []byte // seq: unique, increasing; h: unique, mixed
	listed bool                                            // a financial outlet, for listed companies' announcements
}

var sources = []*source{
	{name: "人民网", zh: true, url: func(b []byte, st *story, seq, h uint64) []byte {
		b = append(b, "http://"...)
		b = append(b, slugOf(st.prov.p.Pinyin)[:2]...)
		b = append(b, ".people.com.cn/n2/"...)
		b = appendDate(b, st, "2006/0102")
		b = append(b, "/c"...)
		b = strconv.AppendUint(b, 100000+seq, 10)
		b = append(b, '-')
		return append(strconv.AppendUint(b, 30000000+seq, 10), ".html"...)
	}},
	{name: "新华网", zh: true, url: func(b []byte, st *story, seq, h uint64) []byte {
		b = append(b, "http://www.news.cn/local/"...)
		b = appendDate(b, st, "2006-01/02")
		b = append(b, "/c_"...)
		return append(strconv.AppendUint(b, 1120000000+seq, 10), ".htm"...)
	}},
	{name: "中国新闻网", zh: true, url: func(b []byte, st *story, seq, h uint64) []byte {
		b = append(b, "https://www.chinanews.com.cn/cj/"...)
		b = appendDate(b, st, "2006/01-02")
		b = append(b, '/')
		return append(strconv.AppendUint(b, 9000000+seq, 10), ".shtml"...)
	}},
	{name: "央广网", zh: true, url: func(b []byte, st *story, seq, h uint64) []byte {
		b = append(b, "https://news.cnr.cn/native/gd/"...)
		b = appendDate(b, st, "20060102")
		b = append(b, "/t"...)
		b = appendDate(b, st, "20060102")
		b = append(b, '_')
		return append(strconv.AppendUint(b, 520000000+seq, 10), ".shtml"...)
	}},
	{name: "中国经济网", zh: true, url: func(b []byte, st *story, seq, h uint64) []byte {
		b = append(b, "http://www.ce.cn/xwzx/gnsz/gdxw/"...)
		b = appendDate(b, st, "200601/02")
		b = append(b, "/t"...)
		b = appendDate(b, st, "20060102")
		b = append(b, '_')
		return append(strconv.AppendUint(b, 30000000+seq, 10), ".shtml"...)
	}},
	{name: "证券时报网", zh: true, listed: true, url: func(b []byte, st *story, seq, h uint64) []byte {
		b = append(b, "https://www.stcn.com/article/detail/"...)
		return append(strconv.AppendUint(b, 1000000+seq, 10), ".html"...)
	}},
	{name: "中国证券网", zh: true, listed: true, url: func(b []byte, st *story, seq, h uint64) []byte {
		b = append(b, "https://news.cnstock.com/news,bwkx-"...)
		b = appendDate(b, st, "200601")
		b = append(b, '-')
		return append(strconv.AppendUint(b, 4000000+seq, 10), ".htm"...)
	}},
	{name: "区域经济观察", zh: true, url: func(b []byte, st *story, seq, h uint64) []byte {
		b = append(b, "https://www.quyujingji.com.cn/news/"...)
		b = appendDate(b, st, "20060102")
		b = append(b, '/')
		return append(strconv.AppendUint(b, seq, 10), ".html"...)
	}},
	{kind: srcCityGov, zh: true, indent: true, url: func(b []byte, st *story, seq, h uint64) []byte {
		b = append(b, "http://www."...)
		b = append(b, st.city.slug...)
		b = append(b, ".gov.cn/xwzx/zwyw/"...)
		b = appendDate(b, st, "200601")
		b = append(b, "/t"...)
		b = appendDate(b, st, "20060102")
		b = append(b, '_')
		return append(strconv.AppendUint(b, 4000000+seq, 10), ".html"...)
	}},
	{kind: srcInvest, zh: true, indent: true, url: func(b []byte, st *story, seq, h uint64) []byte {
		b = append(b, "http://tzcj."...)
		b = append(b, st.city.slug...)
		b = append(b, ".gov.cn/art/"...)
		b = appendDate(b, st, "2006/1/2")
		b = append(b, "/art_"...)
		return append(strconv.AppendUint(b, 1000000+seq, 10), ".html"...)
	}},
	{kind: srcCityDaily, zh: true, indent: true, url: func(b []byte, st *story, seq, h uint64) []byte {
		b = append(b, "http://www."...)
		b = append(b, st.city.slug...)
		b = append(b, "news.cn/content/"...)
		b = appendDate(b, st, "2006-01/02")
		b = append(b, "/content_"...)
		return append(strconv.AppendUint(b, 100000+seq, 10), ".htm"...)
	}},
	{name: "文匯網", zh: true, trad: true, url: func(b []byte, st *story, seq, h uint64) []byte {
		b = append(b, "https://www.wenweipo.com/a/"...)
		b = appendDate(b, st, "200601/02")
		b = append(b, "/AP"...)
		return append(appendHex(b, h, 24), ".html"...)
	}},
	{name: "大公網", zh: true, trad: true, url: func(b []byte, st *story, seq, h uint64) []byte {
		b = append(b, "http://www.takungpao.com/news/232108/"...)
		b = appendDate(b, st, "2006/0102")
		b = append(b, '/')
		return append(strconv.AppendUint(b, 100000+seq, 10), ".html"...)
	}},
	{name: "香港商報", zh: true, trad: true, url: func(b []byte, st *story, seq, h uint64) []byte {
		b = append(b, "https://www.hkcd.com/hkcdweb/content/"...)
		b = appendDate(b, st, "2006/01/02")
		b = append(b, "/content_"...)
		return append(strconv.AppendUint(b, 1000000+seq, 10), ".html"...)
	}},
	{name: "Xinhua", url: func(b []byte, st *story, seq, h uint64) []byte {
		b = append(b, "https://english.news.cn/"...)
		b = appendDate(b, st, "20060102")
		b = append(b, '/')
		return append(appendHex(b, h, 32), "/c.html"...)
	}},
	{name: "China Daily", url: func(b []byte, st *story, seq, h uint64) []byte {
		b = append(b, "https://www.chinadaily.com.cn/a/"...)
		b = appendDate(b, st, "200601/02")
		b = append(b, "/WS"...)
		return append(appendHex(b, h, 24), ".html"...)
	}},
	{name: "PRNewswire", kind: srcWire, listed: true, url: func(b []byte, st *story, seq, h uint64) []byte {
		b = append(b, "https://www.prnewswire.com/news-releases/"...)
		b = append(b, "china-investment-news-"...)
		return append(strconv.AppendUint(b, 301000000+seq, 10), ".html"...)
	}},
	{name: "CGTN", url: func(b []byte, st *story, seq, h uint64) []byte {
		b = append(b, "https://news.cgtn.com/news/"...)
		b = appendDate(b, st, "2006-01-02")
		b = append(b, '/')
		return append(appendHex(b, h, 20), "/index.html"...)
	}},
	{name: "ECNS", url: func(b []byte, st *story, seq, h uint64) []byte {
		b = append(b, "http://www.ecns.cn/business/"...)
		b = appendDate(b, st, "2006-01-02")
		b = append(b, "/detail-"...)
		return append(appendHex(b, h, 16), ".shtml"...)
	}},
	{name: "Global Times", url: func(b []byte, st *story, seq, h uint64) []byte {
		b = append(b, "https://www.globaltimes.cn/page/"...)
		b = appendDate(b, st, "200601")
		b = append(b, '/')
		return append(strconv.AppendUint(b, 1200000+seq, 10), ".shtml"...)
	}},
	{name: "Yicai Global", listed: true, url: func(b []byte, st *story, seq, h uint64) []byte {
		b = append(b, "https://www.yicaiglobal.com/news/"...)
		return appendHex(b, h, 16)
	}},
	{name: "China Regional Business Review", url: func(b []byte, st *story, seq, h uint64) []byte {
		b = append(b, "https://www.chinaregionalbiz.com/"...)
		b = appendDate(b, st, "2006/01/02")
		b = append(b, "/story-"...)
		return strconv.AppendUint(b, 2000000000+seq, 10)
	}},
	{kind: srcCityGov, url: func(b []byte, st *story, seq, h uint64) []byte {
		b = append(b, "http://english."...)
		b = append(b, st.city.slug...)
		b = append(b, ".gov.cn/"...)
		b = appendDate(b, st, "2006-01/02")
		b = append(b, "/c_"...)
		return append(strconv.AppendUint(b, 100000+seq, 10), ".htm"...)
	}},
	{kind: srcInvest, url: func(b []byte, st *story, seq, h uint64) []byte {
		b = append(b, "http://www.investin"...)
		b = append(b, slugOf(st.prov.p.Pinyin)...)
		b = append(b, ".com/news/"...)
		b = appendDate(b, st, "20060102")
		b = append(b, '/')
		return append(strconv.AppendUint(b, 10000+seq, 10), ".html"...)
	}},
}

// pickSource draws an outlet that fits the story's language and kind;
// local government sites and papers carry most regional investment news.
func pickSource(r *rand.Rand, st *story) *source {
	for {
		s := sources[r.IntN(len(sources))]
		if s.kind == srcNational && r.IntN(3) == 0 {
			continue
		}
		if s.zh != st.zh || s.trad != st.trad {
			continue
		}
		if s.kind != srcNational && s.kind != srcWire && (st.kind == kNoPlace || st.kind == kListed || st.kind == kTradeWeek) {
			continue
		}
		if s.listed && st.kind != kListed && s.kind != srcWire {
			continue
		}
		if st.kind == kListed && !s.listed && r.IntN(3) > 0 {
			continue
		}
		return s
	}
}

// sourceName returns the outlet's name for the story: a government site is
// named after its city or province.
func (s *source) sourceName(st *story) string {
	switch s.kind {
	case srcCityGov:
		if s.zh {
			return st.city.zhFull + "人民政府"
		}
		return st.city.en + " Government"
	case srcInvest:
		if s.zh {
			return st.city.zhFull + "投资促进局"
		}
		return "Invest in " + st.prov.enShort
	case srcCityDaily:
		if st.city.p.Code == "310000" {
			return "解放日报"
		}
		return st.city.zh + "日报"
	}
	return s.name
}

// appendDate writes the story's publication date in a Go time layout.
func appendDate(b []byte, st *story, layout string) []byte {
	return st.pub.AppendFormat(b, layout)
}

// appendHex writes digits hex digits of n; the first 16 are n itself, so
// distinct n give distinct strings.
func appendHex(b []byte, n uint64, digits int) []byte {
	const hex = "0123456789abcdef"
	x := n
	for i := 0; i < digits; i++ {
		if i%16 == 0 && i > 0 {
			x = mix64(x + uint64(i))
		}
		b = append(b, hex[x&15])
		x >>= 4
	}
	return b
}

// mix64 is a bijective mixing function (the splitmix64 finaliser), so
// distinct report numbers give distinct URL numbers.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}
