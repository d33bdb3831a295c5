package index

import (
	"strings"
	"testing"
	"unicode"
)

// Reports written for these tests: one wire story about a signing in
// Liaocheng, in Chinese and English, republished with edits, and a second,
// different signing report from Liaocheng written from the same stock
// phrases.
const (
	zhStory = `3月28日，聊城高新区举行2023年第一季度重点项目集中签约仪式，共签约项目12个，总投资85亿元。其中，碳化硅芯片封测项目由深圳某半导体公司投资建设，总投资30亿元，主要建设碳化硅功率器件封装测试生产线，达产后可实现年产值50亿元。
聊城市委常委、高新区党工委书记在签约仪式上致辞，他表示，高新区将全力做好要素保障，推动签约项目早落地、早开工、早投产。此次签约的项目涵盖新一代信息技术、高端装备制造、新材料等领域，将进一步壮大园区主导产业集群。`

	// zhStoryEdited is zhStory as a portal reprinted it: a reworded lead and
	// an added closing paragraph.
	zhStoryEdited = `3月28日上午，聊城高新区举行2023年一季度重点项目集中签约仪式，现场共签约项目12个，总投资85亿元。其中，碳化硅芯片封测项目由深圳某半导体公司投资建设，总投资30亿元，主要建设碳化硅功率器件封装测试生产线，达产后可实现年产值50亿元。

聊城市委常委、高新区党工委书记在签约仪式上致辞，他表示，高新区将全力做好要素保障，推动签约项目早落地、早开工、早投产。此次签约的项目涵盖新一代信息技术、高端装备制造、新材料等领域，将进一步壮大园区主导产业集群。
据了解，今年以来高新区已累计引进亿元以上项目23个，在谈项目40余个。`

	// zhStoryHant is zhStory in traditional characters with full-width
	// digits, as a Hong Kong site printed it.
	zhStoryHant = `３月２８日，聊城高新區舉行２０２３年第一季度重點項目集中簽約儀式，共簽約項目１２個，總投資８５億元。其中，碳化硅芯片封測項目由深圳某半導體公司投資建設，總投資３０億元，主要建設碳化硅功率器件封裝測試生產線，達產後可實現年產值５０億元。
聊城市委常委、高新區黨工委書記在簽約儀式上致辭，他表示，高新區將全力做好要素保障，推動簽約項目早落地、早開工、早投產。此次簽約的項目涵蓋新一代信息技術、高端裝備製造、新材料等領域，將進一步壯大園區主導產業集群。`

	// zhOther is another signing in Liaocheng, three months later, told
	// with the same stock phrases.
	zhOther = `6月15日，聊城经济技术开发区举行重点项目签约仪式，共签约项目8个，总投资42亿元。其中，新能源汽车零部件项目由江苏某汽车配件公司投资建设，总投资15亿元，主要生产新能源汽车电机壳体和电池托盘，达产后可实现年产值20亿元。
聊城市副市长出席签约仪式并致辞，他表示，开发区将持续优化营商环境，全力做好项目服务保障，推动签约项目早落地、早开工、早见效。此次签约的项目涵盖新能源汽车、生物医药、高端化工等领域，将为园区高质量发展注入新动能。`

	enStory = `LIAOCHENG, March 28 (Xinhua) -- Liaocheng High-tech Zone in east China's Shandong Province signed 12 key projects on Tuesday with a total investment of 8.5 billion yuan.
The largest, a silicon carbide chip packaging and testing plant invested by a Shenzhen semiconductor company, will cost 3 billion yuan and is expected to generate an annual output value of 5 billion yuan once it reaches full production.
Officials said the zone would guarantee land, power and financing so that the projects start construction and begin production as soon as possible. The projects cover next-generation information technology, high-end equipment and new materials.`

	// enStoryEdited is enStory reprinted by a newspaper: small edits and a
	// closing paragraph.
	enStoryEdited = `Liaocheng, March 28 (Xinhua) — Liaocheng High-tech Zone in east China's Shandong province signed 12 key projects this week with a total investment of 8.5 billion yuan (about 1.2 billion U.S. dollars).
The biggest of them, a silicon carbide chip packaging and testing plant invested by a Shenzhen semiconductor company, will cost 3 billion yuan and is expected to generate an annual output value of 5 billion yuan once it reaches full production.
Officials said the zone would guarantee land, power and financing so that the projects start construction and begin production as soon as possible. The projects cover next-generation information technology, high-end equipment and new materials.
Since January, the zone has attracted 23 projects worth more than 100 million yuan each, according to the local government.`

	enOther = `LIAOCHENG, June 15 (Xinhua) -- Liaocheng Economic and Technological Development Zone in east China's Shandong Province signed 8 key projects on Thursday with a total investment of 4.2 billion yuan.
The largest, a new energy vehicle parts plant invested by a Jiangsu auto parts company, will cost 1.5 billion yuan and is expected to generate an annual output value of 2 billion yuan once it reaches full production.
Officials said the zone would keep improving its business environment so that the projects start construction and begin production as soon as possible. The projects cover new energy vehicles, biomedicine and high-end chemicals.`
)

func TestNearDuplicateSimilarity(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		same bool
	}{
		{"zh identical", zhStory, zhStory, true},
		{"zh re-wrapped", zhStory, strings.ReplaceAll(zhStory, "，", "， \n"), true},
		{"zh edited lead and added paragraph", zhStory, zhStoryEdited, true},
		{"zh traditional and full-width", zhStory, zhStoryHant, true},
		{"zh edited against traditional", zhStoryEdited, zhStoryHant, true},
		{"en edited and added paragraph", enStory, enStoryEdited, true},
		{"en upper case and dashes", enStory, strings.ToUpper(strings.ReplaceAll(enStory, "--", "—")), true},
		{"zh another signing in the same city", zhStory, zhOther, false},
		{"zh edited against another signing", zhStoryEdited, zhOther, false},
		{"en another signing in the same city", enStory, enOther, false},
		{"en edited against another signing", enStoryEdited, enOther, false},
		{"zh against its English version", zhStory, enStory, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := signText(tt.a), signText(tt.b)
			sim := similarity(&a, &b)
			t.Logf("estimated %.2f, exact %.2f", sim, exactJaccard(tt.a, tt.b))
			if got := sim >= NearDuplicateThreshold; got != tt.same {
				t.Errorf("similarity %.2f: same story = %v, want %v", sim, got, tt.same)
			}
			if tt.same && !sharesBand(&a, &b) {
				t.Errorf("no shared band key: the index would not find one from the other")
			}
			if !tt.same && sharesBand(&a, &b) {
				t.Logf("shares a band key (a candidate the verification rejects)")
			}
		})
	}
}

func sharesBand(a, b *signature) bool {
	kb := map[string]bool{}
	for _, k := range b.bandKeys() {
		kb[k] = true
	}
	for _, k := range a.bandKeys() {
		if kb[k] {
			return true
		}
	}
	return false
}

// exactJaccard computes the Jaccard similarity of the shingle sets the
// signature estimates, by listing them.
func exactJaccard(a, b string) float64 {
	sa, sb := shingleSet(a), shingleSet(b)
	inter := 0
	for s := range sa {
		if sb[s] {
			inter++
		}
	}
	union := len(sa) + len(sb) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

func shingleSet(text string) map[string]bool {
	var units []string
	var word []rune
	flush := func() {
		if len(word) > 0 {
			units = append(units, string(word))
			word = word[:0]
		}
	}
	for _, r := range text {
		r = foldRune(r)
		switch {
		case isWordRune(r):
			word = append(word, r)
		case isLetterOrDigit(r):
			flush()
			units = append(units, string(r))
		default:
			flush()
		}
	}
	flush()
	set := map[string]bool{}
	for i := 0; i+shingleUnits <= len(units); i++ {
		set[strings.Join(units[i:i+shingleUnits], "\x00")] = true
	}
	return set
}

func isLetterOrDigit(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
