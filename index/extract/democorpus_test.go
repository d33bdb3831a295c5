package extract_test

import (
	"flag"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/investnews/regionsearch/analyzers/gazetteer"
	"github.com/investnews/regionsearch/index/extract"
	"github.com/investnews/regionsearch/internal/democorpus"
)

// TestDemoCorpus measures extraction on the generated demo corpus, whose
// reports carry the truth their generator wrote them from. The generator is
// another engineer's code, so this is an independent check of the rules;
// its floors are looser than the labelled set's.
//
// It runs only with -democorpus, so that this package's tests do not depend
// on the state of the generator: go test -run TestDemoCorpus -democorpus -v
func TestDemoCorpus(t *testing.T) {
	if !*demoRun {
		t.Skip("run with -democorpus")
	}
	e, err := extract.New(gazetteer.MustDefault())
	if err != nil {
		t.Fatal(err)
	}
	reports := democorpus.Demo()
	if len(reports) == 0 {
		t.Skip("no demo corpus")
	}
	type count struct{ tp, fp, fn int }
	c := map[string]*count{}
	add := func(field string, got, want []string) {
		x := c[field]
		if x == nil {
			x = &count{}
			c[field] = x
		}
		w := map[string]bool{}
		for _, s := range want {
			w[s] = true
		}
		g := map[string]bool{}
		for _, s := range got {
			if g[s] {
				continue
			}
			g[s] = true
			if w[s] {
				x.tp++
			} else {
				x.fp++
			}
		}
		for s := range w {
			if !g[s] {
				x.fn++
			}
		}
	}
	codes := func(ps []*gazetteer.Place) []string {
		var out []string
		for _, p := range ps {
			out = append(out, p.Code)
		}
		return out
	}
	shown := 0
	for _, r := range reports {
		pub, _ := time.Parse("2006-01-02", r.Date)
		res := e.ExtractDated(r.Title, r.Body, pub)
		add("provinces", codes(res.Provinces), r.Truth.Provinces)
		add("cities", codes(res.Cities), r.Truth.Cities)
		add("investor_provinces", codes(res.InvestorProvinces), r.Truth.InvestorProvinces)
		var secs []string
		for _, s := range res.Sectors {
			secs = append(secs, s.Key)
		}
		add("sectors", secs, r.Truth.Sectors)
		var ga, wa []string
		if res.Headline != nil {
			ga = []string{"ok"}
		}
		if r.Truth.AmountCNY > 0 {
			wa = []string{"ok"}
			if res.Headline != nil && math.Abs(res.Headline.CNY-r.Truth.AmountCNY) > 0.01*r.Truth.AmountCNY {
				ga = []string{"wrong"}
			}
		}
		add("amount_cny", ga, wa)
		var gm, wm []string
		if len(res.Provinces) > 0 {
			gm = []string{res.Provinces[0].Code}
		}
		if len(r.Truth.Provinces) > 0 {
			wm = []string{r.Truth.Provinces[0]}
		}
		add("main_province", gm, wm)
		if testing.Verbose() && shown < 40 && *demoDetails {
			var diffs []string
			if fmt.Sprint(codes(res.Provinces)) != fmt.Sprint(r.Truth.Provinces) {
				diffs = append(diffs, fmt.Sprintf("provinces %v want %v", codes(res.Provinces), r.Truth.Provinces))
			}
			if strings.Join(secs, ",") != strings.Join(r.Truth.Sectors, ",") {
				diffs = append(diffs, fmt.Sprintf("sectors %v want %v", secs, r.Truth.Sectors))
			}
			if len(ga) != len(wa) || len(ga) > 0 && ga[0] == "wrong" {
				h := 0.0
				if res.Headline != nil {
					h = res.Headline.CNY
				}
				diffs = append(diffs, fmt.Sprintf("amount %g want %g (%s)", h, r.Truth.AmountCNY, r.Truth.AmountText))
			}
			if fmt.Sprint(codes(res.InvestorProvinces)) != fmt.Sprint(r.Truth.InvestorProvinces) {
				diffs = append(diffs, fmt.Sprintf("investors %v want %v", codes(res.InvestorProvinces), r.Truth.InvestorProvinces))
			}
			if len(diffs) > 0 {
				shown++
				t.Logf("%s %s\n\t%s", r.ID, r.Title, strings.Join(diffs, "\n\t"))
			}
		}
	}
	floors := map[string][2]float64{
		"provinces": {0.99, 0.98}, "main_province": {1, 0.99}, "cities": {0.99, 0.97},
		"investor_provinces": {0.93, 0.92}, "sectors": {0.91, 0.89}, "amount_cny": {0.98, 0.97},
	}
	var b strings.Builder
	fmt.Fprintf(&b, "demo corpus reports: %d\n%-20s %6s %6s %5s %5s %5s\n", len(reports), "field", "P", "R", "TP", "FP", "FN")
	for _, f := range []string{"amount_cny", "cities", "investor_provinces", "main_province", "provinces", "sectors"} {
		x := c[f]
		p := float64(x.tp) / math.Max(1, float64(x.tp+x.fp))
		rc := float64(x.tp) / math.Max(1, float64(x.tp+x.fn))
		fmt.Fprintf(&b, "%-20s %6.3f %6.3f %5d %5d %5d\n", f, p, rc, x.tp, x.fp, x.fn)
		if p < floors[f][0] || rc < floors[f][1] {
			t.Errorf("%s: precision %.3f recall %.3f below floor %.2f/%.2f", f, p, rc, floors[f][0], floors[f][1])
		}
	}
	t.Log("\n" + b.String())
}

var (
	demoRun     = flag.Bool("democorpus", false, "measure extraction on the generated demo corpus")
	demoDetails = flag.Bool("demodetails", false, "log disagreements with the demo corpus truth")
)
