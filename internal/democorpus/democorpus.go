package democorpus

import (
	"math/rand/v2"
	"strconv"
)

// DemoSize is the number of reports in the built-in demo corpus.
const DemoSize = 400

// DemoSeed is the seed of the built-in demo corpus.
const DemoSeed = 1

// Report is one generated report, JSON-encoded exactly as the indexer's
// JSONL input.
type Report struct {
	ID     string `json:"id"`
	URL    string `json:"url"`
	Title  string `json:"title"`
	Date   string `json:"date"` // YYYY-MM-DD
	Source string `json:"source"`
	Lang   string `json:"lang"` // zh or en
	Body   string `json:"body"`
	Truth  Truth  `json:"-"`
}

// Truth is what a perfect extractor would find: used by tests and quality
// measurements.
type Truth struct {
	// Provinces are the codes of the provinces where the investment lands,
	// main first; empty when the report names no place.
	Provinces []string
	// Cities are prefecture-level codes (or a municipality's code 110000,
	// 120000, 310000, 500000), main first. A report that names only a
	// county or a zone still has its city here.
	Cities []string
	// InvestorProvinces are the codes of the investors' home provinces the
	// report states (Hong Kong is 810000), in order of mention. A local
	// company named after the host city puts the host province here too;
	// foreign investors add nothing.
	InvestorProvinces []string
	// Sectors are the top-level sector keys of the projects reported, in
	// order of mention. A zone's slogan about its leading industries does
	// not count.
	Sectors []string
	// AmountCNY is the headline investment in yuan: the event total if the
	// report states one, else its largest project; 0 when none is stated.
	// Foreign currency converts at RateUSD and RateEUR.
	AmountCNY float64
	// AmountText is the headline figure as the report writes it
	// ("超千亿元", "46.3 billion yuan ($6.52 billion)"); empty when none.
	AmountText string

	others []string // codes of places written that are not sites (venues, investors' homes): for tests
}

// Generate writes n reports for the seed and calls fn with each, in order,
// stopping at the first error fn returns. The same seed always gives the
// same reports, and the first k reports of a longer run are those of a
// shorter one. Memory use does not grow with n.
func Generate(seed int64, n int, fn func(Report) error) error {
	w, err := getWorld()
	if err != nil {
		return err
	}
	r := rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15))
	salt := mix64(uint64(seed) ^ 0x5bd1e995)
	d := &doc{}
	for i := range n {
		st := w.newStory(r, i)
		if err := fn(d.write(w, r, st, i, salt)); err != nil {
			return err
		}
	}
	return nil
}

// Demo returns the built-in demo corpus: Generate(DemoSeed, DemoSize)
// collected.
func Demo() []Report {
	out := make([]Report, 0, DemoSize)
	err := Generate(DemoSeed, DemoSize, func(r Report) error {
		out = append(out, r)
		return nil
	})
	if err != nil {
		// Only a broken embedded gazetteer gets here, which the gazetteer's
		// own tests rule out.
		return nil
	}
	return out
}

// write renders the story as a report.
func (d *doc) write(w *world, r *rand.Rand, st *story, i int, salt uint64) Report {
	d.reset(w, r, st)
	sk := skeletonFor(d)
	d.say(sk.titles)
	if c := d.b[0]; c >= 'a' && c <= 'z' {
		d.b[0] = c - 'a' + 'A'
	}
	if !st.zh {
		d.b = fixPossessive(d.b)
	}
	title := string(d.b)
	d.b = d.b[:0]
	d.cur = nil
	if d.ind {
		d.b = append(d.b, "　　"...)
	}
	sk.body(d)
	if !st.zh {
		d.b = fixPossessive(d.b)
	}
	body := string(d.b)

	rep := Report{
		ID:     "demo-" + pad6(i+1),
		Title:  title,
		Date:   st.pub.Format("2006-01-02"),
		Source: st.source.sourceName(st),
		Lang:   "en",
		Body:   body,
	}
	if st.zh {
		rep.Lang = "zh"
	}
	d.b = st.source.url(d.b[:0], st, uint64(i)*3+1000+uint64(r.IntN(3)), mix64(uint64(i)^salt))
	rep.URL = string(d.b)

	t := &rep.Truth
	main := st.city
	if len(d.cities) > 0 {
		t.Cities = mainFirst(d.cities, main.p.Code)
		t.Provinces = mainFirst(d.provs, main.prov.p.Code)
	}
	if len(d.invs) > 0 {
		t.InvestorProvinces = append([]string(nil), d.invs...)
	}
	t.others = append([]string(nil), d.others...)
	if len(d.secs) > 0 {
		t.Sectors = append([]string(nil), d.secs...)
	}
	head := d.total
	if head == nil {
		head = d.best
	}
	if head != nil {
		t.AmountCNY, t.AmountText = head.cny, head.text
	}
	if st.trad {
		rep.Title, rep.Body, t.AmountText = toHant(rep.Title), toHant(rep.Body), toHant(t.AmountText)
	}
	return rep
}

// mainFirst copies codes with main moved to the front.
func mainFirst(codes []string, main string) []string {
	out := make([]string, 0, len(codes))
	for _, c := range codes {
		if c == main {
			out = append(out, c)
		}
	}
	for _, c := range codes {
		if c != main {
			out = append(out, c)
		}
	}
	return out
}

func pad6(n int) string {
	s := strconv.Itoa(n)
	for len(s) < 6 {
		s = "0" + s
	}
	return s
}

// fixPossessive writes the possessive of names ending in s the usual way:
// Huaxin New Materials' plant, not Materials's.
func fixPossessive(b []byte) []byte {
	out := b[:0]
	for i := 0; i < len(b); i++ {
		if b[i] == '\'' && i > 0 && b[i-1] == 's' && i+1 < len(b) && b[i+1] == 's' && (i+2 == len(b) || b[i+2] == ' ') {
			out = append(out, '\'')
			i++ // drop the s
			continue
		}
		out = append(out, b[i])
	}
	return out
}
