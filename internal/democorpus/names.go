package democorpus

import (
	"math/rand/v2"
	"strings"
)

// syllable is one Chinese character with its pinyin.
type syllable struct{ zh, py string }

// syllables is a name in Chinese and its romanisation: 华芯邦 / Huaxinbang.
type syllables struct{ zh, en string }

func parseSyllables(s string) []syllable {
	var out []syllable
	for _, f := range strings.Fields(s) {
		zh, py, _ := strings.Cut(f, ":")
		out = append(out, syllable{zh, py})
	}
	return out
}

// Characters companies choose for their brand names. Characters that are
// also amount units (万, 亿, 元) are left out so a brand cannot read as money.
var brandSyllables = parseSyllables(`华:hua 芯:xin 邦:bang 嘉:jia 耀:yao 恒:heng 瑞:rui 鑫:xin 创:chuang
达:da 盛:sheng 源:yuan 泰:tai 科:ke 联:lian 宏:hong 晟:sheng 博:bo 锐:rui 智:zhi 德:de 天:tian
信:xin 航:hang 通:tong 新:xin 凯:kai 明:ming 海:hai 卓:zhuo 微:wei 晶:jing 光:guang 汇:hui
思:si 迈:mai 英:ying 诺:nuo 致:zhi 拓:tuo 领:ling 弘:hong 睿:rui 捷:jie 腾:teng 正:zheng 丰:feng
旭:xu 昊:hao 辰:chen 星:xing 润:run 力:li 云:yun 启:qi 众:zhong 金:jin 富:fu 美:mei 欣:xin
纳:na 维:wei 优:you 赛:sai 铭:ming 浩:hao 宇:yu 盈:ying 骏:jun 蓝:lan 祥:xiang 奥:ao 佳:jia
麦:mai 菲:fei 朗:lang 图:tu 宸:chen 钧:jun 烨:ye 琪:qi 峻:jun`)

var surnameSyllables = parseSyllables(`王:Wang 李:Li 张:Zhang 刘:Liu 陈:Chen 杨:Yang 黄:Huang 赵:Zhao 周:Zhou
吴:Wu 徐:Xu 孙:Sun 马:Ma 朱:Zhu 胡:Hu 郭:Guo 何:He 高:Gao 林:Lin 罗:Luo 郑:Zheng 梁:Liang
谢:Xie 宋:Song 唐:Tang 许:Xu 韩:Han 冯:Feng 邓:Deng 曹:Cao 彭:Peng 曾:Zeng 肖:Xiao 田:Tian
董:Dong 袁:Yuan 潘:Pan 蒋:Jiang 蔡:Cai 余:Yu 杜:Du 叶:Ye 程:Cheng 苏:Su 魏:Wei 吕:Lyu 丁:Ding
任:Ren 沈:Shen 姚:Yao 卢:Lu 姜:Jiang 崔:Cui 钟:Zhong 谭:Tan 陆:Lu 汪:Wang 范:Fan 石:Shi 廖:Liao
贾:Jia 夏:Xia 韦:Wei 方:Fang 白:Bai 邹:Zou 孟:Meng 熊:Xiong 秦:Qin 邱:Qiu 薛:Xue 雷:Lei 侯:Hou
龙:Long 史:Shi 陶:Tao 贺:He 顾:Gu 毛:Mao 郝:Hao 龚:Gong 邵:Shao 万:Wan 钱:Qian 严:Yan 覃:Qin`)

var givenSyllables = parseSyllables(`建:jian 国:guo 明:ming 伟:wei 军:jun 志:zhi 强:qiang 磊:lei 洋:yang
勇:yong 杰:jie 涛:tao 斌:bin 辉:hui 鹏:peng 宇:yu 峰:feng 晓:xiao 静:jing 丽:li 敏:min 燕:yan
红:hong 霞:xia 芳:fang 婷:ting 玉:yu 春:chun 文:wen 立:li 永:yong 庆:qing 德:de 亮:liang
刚:gang 俊:jun 波:bo 超:chao 琳:lin 颖:ying 慧:hui 萍:ping 雪:xue 岩:yan 振:zhen 卫:wei
晨:chen 思:si 汝:ru 京:jing 一:yi 凡:fan 子:zi 涵:han 浩:hao 然:ran 嘉:jia 欣:xin 雨:yu
泽:ze 锋:feng 松:song 海:hai 宏:hong 东:dong 斌:bin 毅:yi 蕾:lei 倩:qian 彦:yan 骁:xiao`)

// buildNames fills the brand and given-name pools with combinations that
// the gazetteer does not know as places.
func (w *world) buildNames() {
	add := func(dst *[]syllables, parts ...syllable) {
		var zh, py strings.Builder
		for _, p := range parts {
			zh.WriteString(p.zh)
			py.WriteString(p.py)
		}
		en := py.String()
		en = strings.ToUpper(en[:1]) + en[1:]
		if w.placeFree(zh.String(), en) {
			*dst = append(*dst, syllables{zh.String(), en})
		}
	}
	for _, a := range brandSyllables {
		for _, b := range brandSyllables {
			if a.zh != b.zh {
				add(&w.brands, a, b)
			}
		}
	}
	// Some three-character brands, drawn with a fixed seed so the pool is
	// the same in every process.
	r := rand.New(rand.NewPCG(7, 11))
	for range 600 {
		n := len(brandSyllables)
		add(&w.brands, brandSyllables[r.IntN(n)], brandSyllables[r.IntN(n)], brandSyllables[r.IntN(n)])
	}
	w.surnames = surnameSyllables
	for _, a := range givenSyllables {
		add(&w.given, a)
		for _, b := range givenSyllables {
			if a.zh != b.zh {
				add(&w.given, a, b)
			}
		}
	}
}

// person is an official, an executive or a researcher.
type person struct{ zh, en string }

// newPerson draws a name whose parts do not spell a place.
func (w *world) newPerson(r *rand.Rand) person {
	for {
		s := w.surnames[r.IntN(len(w.surnames))]
		g := w.given[r.IntN(len(w.given))]
		if w.joinFree(s.zh, g.zh) {
			return person{zh: s.zh + g.zh, en: s.py + " " + g.en}
		}
	}
}
