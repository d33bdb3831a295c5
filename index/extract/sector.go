package extract

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

//go:embed taxonomy.json
var taxonomyJSON []byte

// Sector is a category of the taxonomy: one of the 18 top-level sectors, or
// one NBS level-2 subsector ("1.2") whose Parent is its top-level key.
type Sector struct {
	Key    string // "next-gen-it", or "1.2" for a subsector
	NameZh string
	NameEn string
	Parent string // "" for top level; the top-level key for subsectors
}

// taxonomyFile is the layout of taxonomy.json.
type taxonomyFile struct {
	Source  string   `json:"source"`
	StopZh  []string `json:"stop_zh"`
	StopEn  []string `json:"stop_en"`
	Sectors []struct {
		Key  string   `json:"key"`
		NBS  string   `json:"nbs"`
		Zh   string   `json:"zh"`
		En   string   `json:"en"`
		KwZh []string `json:"kw_zh"`
		KwEn []string `json:"kw_en"`
		Sub  []struct {
			ID   string   `json:"id"`
			Zh   string   `json:"zh"`
			En   string   `json:"en"`
			KwZh []string `json:"kw_zh"`
			KwEn []string `json:"kw_en"`
		} `json:"sub"`
	} `json:"sectors"`
}

// topKeys are the 18 top-level keys, in order; the taxonomy must have
// exactly these.
var topKeys = []string{
	"next-gen-it", "high-end-equipment", "new-materials", "biotech", "new-energy-vehicles",
	"new-energy", "energy-saving-environmental", "digital-creative", "tech-services",
	"agriculture-food", "mining-energy", "chemicals", "textiles-light-industry",
	"traditional-manufacturing", "logistics-trade", "real-estate-construction", "culture-tourism",
	"finance-business-services", "health-education-services",
}

// target is what a keyword votes for: a top-level sector and optionally a
// subsector (indexes into taxonomy.tops and taxonomy.subs, -1 for none).
type target struct{ top, sub int16 }

// kwInfo is one dictionary keyword.
type kwInfo struct {
	targets []target
	word    string   // as written in the taxonomy
	exact   []string // original-case words, for case-sensitive acronyms (AI, IC, EV)
}

// taxonomy is the loaded sector taxonomy with its keyword matchers.
type taxonomy struct {
	tops   []Sector
	subs   []Sector
	subTop []int
	byKey  map[string]Sector
	zh     *runeTrie
	en     *wordTrie
	kws    []kwInfo // 0 is the stop entry
	// asciiStart marks ASCII bytes that begin a Chinese keyword (3D打印).
	asciiStart [utf8.RuneSelf]bool
}

// loadTaxonomy parses and checks taxonomy.json and builds its matchers.
func loadTaxonomy(data []byte) (*taxonomy, error) {
	var tf taxonomyFile
	if err := json.Unmarshal(data, &tf); err != nil {
		return nil, fmt.Errorf("parse taxonomy: %w", err)
	}
	if len(tf.Sectors) != len(topKeys) {
		return nil, fmt.Errorf("taxonomy: %d top-level sectors, want %d", len(tf.Sectors), len(topKeys))
	}
	t := &taxonomy{byKey: map[string]Sector{}, zh: newRuneTrie(), en: newWordTrie(), kws: []kwInfo{{}}}
	zhIdx := map[string]int32{}
	enIdx := map[string]int32{}
	add := func(word string, tg target) error {
		word = strings.TrimSpace(word)
		if word == "" {
			return fmt.Errorf("taxonomy: empty keyword in %s", t.tops[tg.top].Key)
		}
		ascii := true
		for i := 0; i < len(word); i++ {
			if word[i] >= utf8.RuneSelf {
				ascii = false
			}
		}
		var k int32
		var ok bool
		if ascii {
			words := splitWords(word)
			if len(words) == 0 {
				return fmt.Errorf("taxonomy: keyword %q has no words", word)
			}
			key := strings.Join(words, " ")
			if k, ok = enIdx[key]; !ok {
				k = int32(len(t.kws))
				info := kwInfo{word: word}
				if caseSensitive(word) {
					for _, tk := range tokenize(word, nil) {
						info.exact = append(info.exact, word[tk.start:tk.end])
					}
				}
				t.kws = append(t.kws, info)
				enIdx[key] = k
				t.en.insert(words, k)
			}
		} else {
			f := fold(word)
			if f[0] < utf8.RuneSelf {
				t.asciiStart[f[0]] = true
			}
			if k, ok = zhIdx[f]; !ok {
				k = int32(len(t.kws))
				t.kws = append(t.kws, kwInfo{word: word})
				zhIdx[f] = k
				t.zh.insert(f, k)
			}
		}
		for _, o := range t.kws[k].targets {
			if o == tg {
				return nil
			}
		}
		t.kws[k].targets = append(t.kws[k].targets, tg)
		return nil
	}
	for i, s := range tf.Sectors {
		if s.Key != topKeys[i] {
			return nil, fmt.Errorf("taxonomy: sector %d is %q, want %q", i, s.Key, topKeys[i])
		}
		if s.Zh == "" || s.En == "" {
			return nil, fmt.Errorf("taxonomy: sector %s lacks a name", s.Key)
		}
		sec := Sector{Key: s.Key, NameZh: s.Zh, NameEn: s.En}
		t.tops = append(t.tops, sec)
		t.byKey[s.Key] = sec
		for _, w := range s.KwZh {
			if err := add(w, target{int16(i), -1}); err != nil {
				return nil, err
			}
		}
		for _, w := range withPlurals(s.KwEn) {
			if err := add(w, target{int16(i), -1}); err != nil {
				return nil, err
			}
		}
		for _, sub := range s.Sub {
			if _, dup := t.byKey[sub.ID]; dup || sub.ID == "" {
				return nil, fmt.Errorf("taxonomy: bad or duplicate subsector %q", sub.ID)
			}
			if s.NBS == "" || !strings.HasPrefix(sub.ID, s.NBS+".") {
				return nil, fmt.Errorf("taxonomy: subsector %s is not under %s (NBS %s)", sub.ID, s.Key, s.NBS)
			}
			ss := Sector{Key: sub.ID, NameZh: sub.Zh, NameEn: sub.En, Parent: s.Key}
			j := len(t.subs)
			t.subs = append(t.subs, ss)
			t.subTop = append(t.subTop, i)
			t.byKey[sub.ID] = ss
			for _, w := range sub.KwZh {
				if err := add(w, target{int16(i), int16(j)}); err != nil {
					return nil, err
				}
			}
			for _, w := range withPlurals(sub.KwEn) {
				if err := add(w, target{int16(i), int16(j)}); err != nil {
					return nil, err
				}
			}
		}
	}
	for _, w := range tf.StopZh {
		f := fold(w)
		if _, ok := zhIdx[f]; ok {
			return nil, fmt.Errorf("taxonomy: stop word %q is also a keyword", w)
		}
		t.zh.insert(f, 0)
	}
	for _, w := range tf.StopEn {
		words := splitWords(w)
		if _, ok := enIdx[strings.Join(words, " ")]; ok {
			return nil, fmt.Errorf("taxonomy: stop word %q is also a keyword", w)
		}
		t.en.insert(words, 0)
	}
	return t, nil
}

// withPlurals adds the plural of each English keyword that is not an
// acronym ("semiconductor" → "semiconductors", "battery" → "batteries").
func withPlurals(words []string) []string {
	out := make([]string, 0, 2*len(words))
	for _, w := range words {
		out = append(out, w)
		if caseSensitive(w) || w == "" {
			continue
		}
		last := w[len(w)-1]
		switch {
		case last == 's' || last == 'x' || strings.HasSuffix(w, "ch") || strings.HasSuffix(w, "sh"):
			if last != 's' {
				out = append(out, w+"es")
			}
		case last == 'y' && len(w) > 1 && !strings.ContainsRune("aeiou", rune(w[len(w)-2])):
			out = append(out, w[:len(w)-1]+"ies")
		case last >= 'a' && last <= 'z':
			out = append(out, w+"s")
		}
	}
	return out
}

// caseSensitive reports whether an English keyword must match with its case:
// short words with a capital letter (AI, IC, EV, GaN, mRNA, 5G).
func caseSensitive(w string) bool {
	if len(w) > 5 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] >= 'A' && w[i] <= 'Z' {
			return true
		}
	}
	return false
}

// Sentence kinds for sector weighting.
var (
	// sloganCues mark a zone's general statements of its industries.
	sloganCues = cues("主导产业", "支柱产业", "特色产业", "首位产业", "产业集群", "重点发展", "聚焦", "围绕",
		"打造", "着力", "培育", "战略性新兴产业", "千亿级", "百亿级", "产业体系", "产业布局", "定位", "致力于",
		"大力发展", "加快发展", "构建", "形成了", "已形成", "现代化产业", "产业基础",
		"leading industries", "leading industry", "pillar industr", "focusing on", "focus on", "focuses on",
		"aims to", "aim to", "strategic emerging industr", "industrial cluster", "hundred-billion",
		"hundred billion-level", "billion-level", "strive to", "industrial system", "positioning",
		"has formed", "cultivat", "key industries", "characteristic industr", "industrial layout",
		"prioritiz", "priorit", "dedicated to", "committed to", "targeting", "industrial chains",
		"building clusters", "clusters in", "产业链招商", "主攻", "瞄准", "紧盯", "一号工程", "no. 1 project")
	// projectCues mark sentences about the projects themselves.
	projectCues = cues("项目", "签约", "落户", "投资", "投建", "开工", "基地", "工厂", "生产线", "产线",
		"厂房", "新建", "扩建", "年产", "建成", "投产",
		"project", "signed", "sign", "invest", "plant$", "plants$", "factory", "factories",
		"production line", "production base", "facility", "facilities", "base$", "construction",
		"settled", "inked", "inks", "annual capacity", "annual production", "deal$")
)

// Weights of a keyword hit by sentence kind; a sector is tagged when the sum
// over sentences (each sentence counted once per sector) reaches
// sectorThreshold. A title or a project sentence alone is enough; a slogan
// sentence counts a quarter of that, so a zone's list of leading industries
// needs four such sentences on its own.
const (
	weightTitle     = 3
	weightProject   = 2
	weightNeutral   = 1
	weightSlogan    = 0.5
	sectorThreshold = 2
	subThreshold    = 1
)

// sectorHit is one keyword match.
type sectorHit struct {
	kw         int32
	start, end int
	title      bool
	sent       int     // sentence index in its doc
	weight     float64 // by sentence kind
	kind       string
}

// findSectorHits returns the keyword hits of d with their sentence weights.
func (t *taxonomy) findSectorHits(d *doc, out []sectorHit, kinds map[int]sentKind) []sectorHit {
	f := d.f
	add := func(k int32, s, e int) {
		if k <= 0 {
			return
		}
		h := sectorHit{kw: k, start: s, end: e, title: d.title}
		if d.title {
			h.weight, h.kind, h.sent = weightTitle, "title", -1
		} else {
			sp, idx := d.sg.sentence(s)
			sk, ok := kinds[idx]
			if !ok {
				sk = classifySentence(f[sp.start:sp.end])
				kinds[idx] = sk
			}
			h.sent, h.weight, h.kind = idx, sk.weight, sk.name
		}
		for _, c := range d.companies {
			if !c.generic && s >= c.start && e <= c.end {
				h.weight /= 2
				h.kind += " (company name)"
				break
			}
		}
		out = append(out, h)
	}
	for i := 0; i < len(f); {
		c := f[i]
		if c < utf8.RuneSelf && (!t.asciiStart[c] || i > 0 && isASCIIAlnum(f[i-1])) {
			i++
			continue
		}
		v, end := t.zh.longest(f, i)
		if v < 0 {
			_, n := utf8.DecodeRuneInString(f[i:])
			i += n
			continue
		}
		add(v, i, end)
		i = end
	}
	toks := d.toks
	for i := 0; i < len(toks); {
		v, cnt := t.en.longest(f, toks, i)
		if v < 0 {
			i++
			continue
		}
		if v > 0 && t.kws[v].exact != nil {
			ok := true
			for j, w := range t.kws[v].exact {
				tk := toks[i+j]
				if d.text[tk.start:tk.end] != w {
					ok = false
					break
				}
			}
			if !ok {
				i++
				continue
			}
		}
		add(v, toks[i].start, toks[i+cnt-1].end)
		i += cnt
	}
	return out
}

// sentKind is the weight class of a sentence.
type sentKind struct {
	name   string
	weight float64
}

// classifySentence decides whether a folded sentence is a slogan, about
// projects, or neutral.
func classifySentence(s string) sentKind {
	switch {
	case hasCue(s, sloganCues):
		return sentKind{"slogan", weightSlogan}
	case hasCue(s, projectCues):
		return sentKind{"project", weightProject}
	}
	return sentKind{"neutral", weightNeutral}
}

// sectorResult holds the tagged sectors, best first, and their evidence.
type sectorResult struct {
	sectors, subsectors []Sector
	evidence            []Evidence
}

// score sums hits per sector (once per sentence, the best weight) and keeps
// sectors at or above the threshold, subsectors of kept sectors at or above
// theirs.
func (t *taxonomy) score(hits []sectorHit, title, body *doc) sectorResult {
	type key struct {
		id   int
		sent int
	}
	topBest := map[key]float64{}
	subBest := map[key]float64{}
	for _, h := range hits {
		sent := h.sent
		for _, tg := range t.kws[h.kw].targets {
			k := key{int(tg.top), sent}
			if h.weight > topBest[k] {
				topBest[k] = h.weight
			}
			if tg.sub >= 0 {
				k := key{int(tg.sub), sent}
				if h.weight > subBest[k] {
					subBest[k] = h.weight
				}
			}
		}
	}
	top := make([]float64, len(t.tops))
	for k, w := range topBest {
		top[k.id] += w
	}
	sub := make([]float64, len(t.subs))
	for k, w := range subBest {
		sub[k.id] += w
	}
	var res sectorResult
	var keptTop []int
	for i, s := range top {
		if s >= sectorThreshold {
			keptTop = append(keptTop, i)
		}
	}
	sort.SliceStable(keptTop, func(a, b int) bool { return top[keptTop[a]] > top[keptTop[b]] })
	kept := map[int]bool{}
	for _, i := range keptTop {
		kept[i] = true
		res.sectors = append(res.sectors, t.tops[i])
	}
	var keptSub []int
	for j, s := range sub {
		if s >= subThreshold && kept[t.subTop[j]] {
			keptSub = append(keptSub, j)
		}
	}
	sort.SliceStable(keptSub, func(a, b int) bool { return sub[keptSub[a]] > sub[keptSub[b]] })
	for _, j := range keptSub {
		res.subsectors = append(res.subsectors, t.subs[j])
	}
	// Evidence: the strongest two hits per kept sector.
	count := map[int]int{}
	order := make([]int, len(hits))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return hits[order[a]].weight > hits[order[b]].weight })
	for _, i := range order {
		h := hits[i]
		for _, tg := range t.kws[h.kw].targets {
			ti := int(tg.top)
			if !kept[ti] || count[ti] >= 2 {
				continue
			}
			count[ti]++
			d := body
			if h.title {
				d = title
			}
			note := fmt.Sprintf("keyword %q in %s sentence (weight %.1f, sector score %.1f)", t.kws[h.kw].word, h.kind, h.weight, top[ti])
			if h.title {
				note = fmt.Sprintf("keyword %q in title (weight %.1f, sector score %.1f)", t.kws[h.kw].word, h.weight, top[ti])
			}
			res.evidence = append(res.evidence, Evidence{Field: "sectors", Value: t.tops[ti].Key,
				Text: d.text[h.start:h.end], Start: h.start, End: h.end, Note: note, Title: h.title})
		}
	}
	return res
}
