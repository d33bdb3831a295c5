package web

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/investnews/regionsearch/index"
	"github.com/investnews/regionsearch/internal/democorpus"
)

// maxPageWeight is the budget of the search page before its results: the
// HTML, CSS and script a browser downloads, uncompressed.
const maxPageWeight = 100 << 10

// slowSuggest is a query whose suggestions the test server delays, so that
// a test can type on while that request is still under way.
const slowSuggest = "shan"

// TestBrowserUI drives a headless Chromium through the search page served
// from a real index of the demo corpus: suggestions as you type, the
// keyboard, labels, layouts at 390 and 1440 px, the remembered interface
// language, the date histogram, back and forward, and the page's speed and
// weight. Screenshots go to testdata/artifacts/.
func TestBrowserUI(t *testing.T) {
	ctx := startBrowser(t, 4*time.Minute)

	start := time.Now()
	ix := demoIndex(t)
	t.Logf("demo index: %d reports in %v", countDocs(t, ix), time.Since(start).Round(time.Millisecond))
	srv, err := New(ix, Options{Logger: slog.New(slog.DiscardHandler), Version: "browser-ui-test"})
	if err != nil {
		t.Fatal(err)
	}
	h := srv.Handler()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/suggest" && r.URL.Query().Get("q") == slowSuggest {
			select {
			case <-time.After(600 * time.Millisecond):
			case <-r.Context().Done():
			}
		}
		h.ServeHTTP(w, r)
	}))
	defer ts.Close()

	artifacts := filepath.Join("testdata", "artifacts")
	if err := os.MkdirAll(artifacts, 0o755); err != nil {
		t.Fatal(err)
	}
	// Every page records the Content-Security-Policy violations it meets.
	watchCSP(t, ctx)

	// The first test measures a cold start: nothing is cached yet.
	t.Run("Speed", func(t *testing.T) { testSpeed(t, &browser{t: t, ctx: ctx}, ts.URL) })
	t.Run("Suggest", func(t *testing.T) { testSuggest(t, &browser{t: t, ctx: ctx}, ts.URL, artifacts) })
	t.Run("Keyboard", func(t *testing.T) { testKeyboard(t, &browser{t: t, ctx: ctx}, ts.URL) })
	t.Run("Language", func(t *testing.T) { testLanguage(t, &browser{t: t, ctx: ctx}, ts.URL) })
	t.Run("Histogram", func(t *testing.T) { testHistogram(t, &browser{t: t, ctx: ctx}, ts.URL) })
	t.Run("History", func(t *testing.T) { testHistory(t, &browser{t: t, ctx: ctx}, ts.URL) })
	t.Run("Layout", func(t *testing.T) { testLayout(t, &browser{t: t, ctx: ctx}, ts.URL, artifacts) })
}

// demoIndex builds the built-in demo corpus, as cmd/search serves it, into
// an index in a temporary directory.
func demoIndex(t *testing.T) *index.Index {
	t.Helper()
	ix, err := index.Create(filepath.Join(t.TempDir(), "demo"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	items := make(chan index.Item)
	go func() {
		defer close(items)
		for _, r := range democorpus.Demo() {
			a := index.Article{ID: r.ID, URL: r.URL, Title: r.Title, Source: r.Source, Lang: r.Lang, Body: r.Body}
			a.Date, _ = time.Parse(time.DateOnly, r.Date)
			items <- index.Item{Article: a, Bytes: len(r.Body)}
		}
	}()
	if _, err := (index.Pipeline{}).Run(context.Background(), ix, items); err != nil {
		t.Fatal(err)
	}
	return ix
}

func countDocs(t *testing.T, ix *index.Index) uint64 {
	t.Helper()
	n, err := ix.Count()
	if err != nil || n == 0 {
		t.Fatalf("the demo index has %d reports: %v", n, err)
	}
	return n
}

// watchCSP makes every page of the tab record the Content-Security-Policy
// violations it meets in window.__csp, which assertNoCSP checks.
func watchCSP(t *testing.T, ctx context.Context) {
	t.Helper()
	const js = `window.__csp = []; document.addEventListener("securitypolicyviolation",
		function (e) { window.__csp.push(e.violatedDirective + " " + (e.blockedURI || e.sourceFile)); });`
	err := chromedp.Run(ctx, chromedp.ActionFunc(func(ctx context.Context) error {
		return chromedp.FromContext(ctx).Target.Execute(ctx, "Page.addScriptToEvaluateOnNewDocument",
			map[string]string{"source": js}, nil)
	}))
	if err != nil {
		t.Fatal(err)
	}
}

// assertNoCSP fails the test if the current page broke its
// Content-Security-Policy (an inline script or style, say).
func (b *browser) assertNoCSP() {
	b.t.Helper()
	if v := b.eval(`JSON.stringify(window.__csp || [])`); v != "[]" {
		b.t.Errorf("CSP violations on %s: %s", b.location(), v)
	}
}

// open loads a URL of the test server and waits until it has loaded.
func (b *browser) open(rawURL string) {
	b.t.Helper()
	b.navigate("open "+rawURL, chromedp.Navigate(rawURL))
}

// waitFor polls the JavaScript condition js until it is true.
func (b *browser) waitFor(what, js string) {
	b.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for b.eval(`String(!!(`+js+`))`) != "true" {
		if time.Now().After(deadline) {
			b.t.Fatalf("timed out waiting for %s (%s)", what, js)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// key presses a key, such as kb.ArrowDown, in the focused element.
func (b *browser) key(k string) {
	b.t.Helper()
	b.run("press "+strconv.Quote(k), chromedp.KeyEvent(k))
}

// options returns the text of each option of the suggestion list.
func (b *browser) options() []string {
	b.t.Helper()
	var out []string
	b.run("read the options", chromedp.Evaluate(`Array.from(document.querySelectorAll("#q-suggest [role=option]"), function (li) { return li.textContent })`, &out))
	return out
}

// typeInBox closes the suggestions, empties the search box and types text
// into it, key by key.
func (b *browser) typeInBox(text string) {
	b.t.Helper()
	b.run("type "+text, chromedp.Focus("#q", chromedp.ByID), chromedp.KeyEvent(kb.Escape),
		chromedp.Evaluate(`document.getElementById("q").value = ""`, nil),
		chromedp.SendKeys("#q", text, chromedp.ByID))
}

// suggestRequests counts the requests to /api/suggest the page has made.
func (b *browser) suggestRequests() int {
	b.t.Helper()
	n, err := strconv.Atoi(b.eval(`String(performance.getEntriesByType("resource").filter(function (e) { return e.name.indexOf("/api/suggest?") >= 0 }).length)`))
	if err != nil {
		b.t.Fatal(err)
	}
	return n
}

func testSuggest(t *testing.T, b *browser, base, artifacts string) {
	b.open(base + "/?ui=zh")
	// The combobox pattern of ARIA 1.2.
	if got := b.eval(`[q.getAttribute("role"), q.getAttribute("aria-expanded"), q.getAttribute("aria-autocomplete"), document.getElementById(q.getAttribute("aria-controls")).getAttribute("role")].join(" ")`); got != "combobox false list listbox" {
		t.Errorf("role, aria-expanded, aria-autocomplete and the controlled element's role: %q", got)
	}

	// Typing fast asks once, for the last word: eight input events in one
	// go are well within the pause the box waits for.
	b.run("type zhejiang at once", chromedp.Evaluate(`(function () {
		q.focus();
		for (var i = 1; i <= 8; i++) { q.value = "zhejiang".slice(0, i); q.dispatchEvent(new Event("input", {bubbles: true})); }
		return true;
	})()`, nil))
	b.waitFor("the suggestions of zhejiang", `!document.getElementById("q-suggest").hidden`)
	if n := b.suggestRequests(); n != 1 {
		t.Errorf("typing zhejiang made %d requests, want 1 (debounced)", n)
	}
	if opts := b.options(); len(opts) != 1 || !strings.HasPrefix(opts[0], "浙江省") {
		t.Errorf("zhejiang suggests %q", opts)
	}

	// Pinyin, typed key by key: "liao" is 辽宁 and 聊城.
	b.typeInBox("liao")
	b.waitFor("the suggestions of liao", `!document.getElementById("q-suggest").hidden`)
	opts := b.options()
	if len(opts) < 2 || !strings.HasPrefix(opts[0], "辽宁省") || !slices.ContainsFunc(opts, func(s string) bool { return strings.HasPrefix(s, "聊城市") }) {
		t.Errorf("liao suggests %q", opts)
	}
	if got := b.eval(`q.getAttribute("aria-expanded")`); got != "true" {
		t.Errorf("aria-expanded = %q with the list open", got)
	}
	b.viewShot(filepath.Join(artifacts, "ui-suggest-1440.png"))

	// Arrow keys move the active option, which the box points at.
	active := func() string {
		return b.eval(`(q.getAttribute("aria-activedescendant") || "") + " " + ((document.querySelector("#q-suggest [aria-selected=true]") || {}).id || "")`)
	}
	b.key(kb.ArrowDown)
	if got := active(); got != "q-opt-0 q-opt-0" {
		t.Errorf("after ↓ the active option is %q", got)
	}
	b.key(kb.ArrowDown)
	b.key(kb.ArrowDown)
	b.key(kb.ArrowUp)
	if got := active(); got != "q-opt-1 q-opt-1" {
		t.Errorf("after ↓↓↓↑ the active option is %q", got)
	}
	b.key(kb.ArrowUp)
	b.key(kb.ArrowUp)
	if got := active(); got != fmt.Sprintf("q-opt-%d q-opt-%d", len(opts)-1, len(opts)-1) {
		t.Errorf("↑ on the first option goes to %q, want the last", got)
	}
	// Escape closes the list and keeps the text.
	b.key(kb.Escape)
	if got := b.eval(`document.getElementById("q-suggest").hidden + " " + q.getAttribute("aria-expanded") + " " + q.hasAttribute("aria-activedescendant") + " " + q.value`); got != "true false false liao" {
		t.Errorf("after Escape: hidden, aria-expanded, activedescendant, value = %q", got)
	}
	// ↓ opens it again on the first option; Enter on 聊城市 filters by the city.
	b.key(kb.ArrowDown)
	b.waitFor("the list to open again", `!document.getElementById("q-suggest").hidden`)
	city := slices.IndexFunc(b.options(), func(s string) bool { return strings.HasPrefix(s, "聊城市") })
	for range city {
		b.key(kb.ArrowDown)
	}
	b.navigate("Enter on 聊城市", chromedp.KeyEvent(kb.Enter))
	loc := b.location().Query()
	if loc.Get("city") != "371500" || loc.Has("q") || loc.Get("ui") != "zh" {
		t.Errorf("picking 聊城市 gives %s, want city=371500 without q", b.location())
	}
	if n := b.count(".chips .chip"); n != 1 {
		t.Errorf("%d chips after picking a city, want 1", n)
	}
	liaocheng := b.count("ol.hits > li")
	if liaocheng == 0 {
		t.Error("no hits in 聊城")
	}
	for _, place := range b.texts("ol.hits .place") {
		if !strings.Contains(place, "聊城") {
			t.Errorf("a hit in %q is not in 聊城", place)
		}
	}

	// A sector by mouse: the word becomes the filter, the other words stay
	// in the query and the city filter stays.
	b.typeInBox("签约 新能源")
	b.waitFor("the suggestions of 新能源", `!document.getElementById("q-suggest").hidden`)
	b.navigate("click 新能源产业", chromedp.Click(`#q-suggest [role=option]:first-child`, chromedp.ByQuery))
	loc = b.location().Query()
	if loc.Get("q") != "签约" || loc.Get("sector") != "new-energy" || loc.Get("city") != "371500" {
		t.Errorf("picking 新能源产业 gives %s", b.location())
	}
	if got := b.value("#q"); got != "签约" {
		t.Errorf("the box shows %q after picking a sector", got)
	}

	// A county has no filter: its name goes into the query, and Enter then
	// searches.
	b.open(base + "/?ui=zh")
	b.typeInBox("江阴")
	b.waitFor("the suggestions of 江阴", `!document.getElementById("q-suggest").hidden`)
	if opts := b.options(); len(opts) == 0 || !strings.HasPrefix(opts[0], "江阴市") {
		t.Fatalf("江阴 suggests %q", opts)
	}
	before := b.eval(`String(performance.timeOrigin)`)
	b.key(kb.ArrowDown)
	b.key(kb.Enter)
	time.Sleep(200 * time.Millisecond) // a submission would have started
	if got := b.value("#q"); got != "江阴 " {
		t.Errorf("picking the county 江阴市 leaves %q in the box", got)
	}
	if b.eval(`String(performance.timeOrigin)`) != before || b.eval(`String(document.getElementById("q-suggest").hidden)`) != "true" {
		t.Error("picking a county should close the list and stay on the page")
	}
	b.navigate("search 江阴", chromedp.KeyEvent(kb.Enter))
	if got := b.location().Query().Get("q"); got != "江阴" {
		t.Errorf("Enter after the county searched %q", got)
	}
	if b.count("ol.hits > li") == 0 {
		t.Error("no hits for 江阴")
	}
	b.assertNoCSP()

	// English names in the English interface; a stale answer never shows:
	// "shan" is slow, and "shandong" typed after it answers first.
	b.open(base + "/?ui=en")
	b.typeInBox(slowSuggest)
	time.Sleep(300 * time.Millisecond) // past the debounce: "shan" is on its way
	b.run("type dong", chromedp.SendKeys("#q", "dong", chromedp.ByID))
	b.waitFor("the suggestions of shandong", `!document.getElementById("q-suggest").hidden`)
	time.Sleep(700 * time.Millisecond) // "shan" would have answered by now
	if opts := b.options(); len(opts) != 1 || !strings.HasPrefix(opts[0], "Shandong Province") || !strings.HasSuffix(opts[0], "Province") {
		t.Errorf("shandong suggests %q, want only Shandong Province", opts)
	}
	b.key(kb.ArrowDown)
	b.navigate("Enter on Shandong", chromedp.KeyEvent(kb.Enter))
	if got := b.location().Query().Get("province"); got != "370000" {
		t.Errorf("picking Shandong gives %s", b.location())
	}
	if s := b.text(".chips .chip"); !strings.Contains(s, "Shandong") {
		t.Errorf("the chip says %q", s)
	}
	b.assertNoCSP()
}

// focusStop is what the test sees of one element focused by Tab.
type focusStop struct {
	Desc    string `json:"desc"`
	Outline bool   `json:"outline"` // a visible focus indicator
	Visible bool   `json:"visible"` // inside the viewport
}

// tabOnce presses Tab and describes the element that gets the focus: tag,
// id, classes and the part of the page it is in ("a in hit").
func (b *browser) tabOnce() focusStop {
	b.t.Helper()
	b.key(kb.Tab)
	const js = `(function () {
		var el = document.activeElement;
		var desc = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.getAttribute("class") ? "." + el.getAttribute("class").split(" ").join(".") : "");
		var part = el.parentElement && el.parentElement.closest(".hit,.facet,.pager,.chips,.meta,.searchbar,.uilang,.foot");
		if (part) desc += " in " + part.className.split(" ")[0];
		var cs = getComputedStyle(el);
		var outline = cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0;
		if (el.closest("svg")) {
			// A bar of the histogram shows its focus as a stroke.
			var r = el.querySelector("rect");
			outline = !!r && getComputedStyle(r).stroke !== "none" && parseFloat(getComputedStyle(r).strokeWidth) > 0;
		}
		var rc = el.getBoundingClientRect();
		var visible = rc.width > 0 && rc.height > 0 && rc.bottom > 0 && rc.top < innerHeight && rc.right > 0 && rc.left < innerWidth;
		return JSON.stringify({desc: desc, outline: outline, visible: visible});
	})()`
	var s focusStop
	// Scrolling to the focus may be smooth: give it a moment.
	for range 40 {
		if err := json.Unmarshal([]byte(b.eval(js)), &s); err != nil {
			b.t.Fatal(err)
		}
		if s.Visible {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	return s
}

// axNode is the part of an accessibility tree node that the test reads.
type axNode struct {
	Ignored bool    `json:"ignored"`
	Role    axValue `json:"role"`
	Name    axValue `json:"name"`
}

type axValue struct {
	Value any `json:"value"`
}

// unnamedControls returns the controls of the page that have no accessible
// name, as Chromium's accessibility tree computes it.
func (b *browser) unnamedControls() []string {
	b.t.Helper()
	var tree struct {
		Nodes []axNode `json:"nodes"`
	}
	b.run("read the accessibility tree", chromedp.ActionFunc(func(ctx context.Context) error {
		return chromedp.FromContext(ctx).Target.Execute(ctx, "Accessibility.getFullAXTree", nil, &tree)
	}))
	controls := map[string]bool{
		"link": true, "button": true, "textbox": true, "searchbox": true, "combobox": true, "listbox": true,
		"checkbox": true, "radio": true, "spinbutton": true, "slider": true, "option": true, "DisclosureTriangle": true,
		"date": true, "Date": true, "InputTime": true, "menuitem": true, "switch": true, "tab": true,
	}
	var out []string
	controlsSeen := 0
	for _, n := range tree.Nodes {
		role, _ := n.Role.Value.(string)
		if n.Ignored || !controls[role] {
			continue
		}
		controlsSeen++
		if name, _ := n.Name.Value.(string); strings.TrimSpace(name) == "" {
			out = append(out, role)
		}
	}
	if controlsSeen < 10 {
		b.t.Errorf("the accessibility tree has only %d controls", controlsSeen)
	}
	return out
}

func testKeyboard(t *testing.T, b *browser, base string) {
	b.run("window 1440", chromedp.EmulateViewport(1440, 900))
	b.open(base + "/?q=%E7%AD%BE%E7%BA%A6&ui=zh")
	if un := b.unnamedControls(); len(un) > 0 {
		t.Errorf("controls without a label: %v", un)
	}

	// The first Tab reaches the skip link, which takes the focus to the results.
	first := b.tabOnce()
	if first.Desc != "a.skip" || !first.Outline || !first.Visible {
		t.Errorf("the first Tab stop is %+v, want a visible skip link", first)
	}
	b.key(kb.Enter)
	if got := b.eval(`document.activeElement.id`); got != "results" {
		t.Errorf("the skip link moved the focus to %q", got)
	}

	// Walk the page by Tab: every stop is visible and shows its focus, and
	// the order is header, search box, filters, results, pages.
	b.open(base + "/?q=%E7%AD%BE%E7%BA%A6&ui=zh") // Tab starts again from the top
	var stops []focusStop
	for range 400 {
		s := b.tabOnce()
		if s.Desc == "body" || (len(stops) > 0 && s.Desc == "a.skip") {
			break
		}
		stops = append(stops, s)
		if !s.Outline {
			t.Errorf("Tab stop %d (%s) shows no focus outline", len(stops), s.Desc)
		}
		if !s.Visible {
			t.Errorf("Tab stop %d (%s) is not scrolled into view", len(stops), s.Desc)
		}
	}
	at := func(prefix string) int {
		return slices.IndexFunc(stops, func(s focusStop) bool { return strings.HasPrefix(s.Desc, prefix) })
	}
	seq := []int{at("a.skip"), at("a.brand"), at("a in uilang"), at("input#q"), at("button in searchbar"), at("a.fi in facet"),
		at("input#amount_min"), at("select#sort"), at("a in hit"), at("a in pager")}
	if !sort.IntsAreSorted(seq) || slices.Contains(seq, -1) {
		descs := make([]string, len(stops))
		for i, s := range stops {
			descs[i] = s.Desc
		}
		t.Errorf("focus order: skip link, brand, language, search box, button, facets, custom range, sort, hits, pages at %v in %q", seq, descs)
	}
	t.Logf("%d Tab stops on the results page, all visible with a focus outline", len(stops))

	// A facet value by keyboard: focus it and press Enter.
	b.run("focus 山东省", chromedp.Focus(`.facet-province a.fi`, chromedp.ByQuery))
	b.navigate("Enter on a province", chromedp.KeyEvent(kb.Enter))
	if !b.location().Query().Has("province") {
		t.Errorf("Enter on a province gives %s", b.location())
	}
	b.assertNoCSP()
}

func testLanguage(t *testing.T, b *browser, base string) {
	b.open(base + "/?ui=zh&q=%E7%AD%BE%E7%BA%A6")
	b.navigate("switch to English", chromedp.Click(`.uilang a[lang="en"]`, chromedp.ByQuery))
	if lang := b.eval(`document.documentElement.lang`); lang != "en" {
		t.Errorf("html lang = %q after the switch", lang)
	}
	if got := b.location().Query().Get("q"); got != "签约" {
		t.Errorf("the switch lost the query: %s", b.location())
	}
	// Remembered: a page opened without ui= is in English.
	b.open(base + "/")
	if lang := b.eval(`document.documentElement.lang`); lang != "en" {
		t.Errorf("html lang = %q on a new visit after choosing English", lang)
	}
	if s := b.text(".searchbar button"); s != "Search" {
		t.Errorf("the search button says %q", s)
	}
	b.typeInBox("zhejiang")
	b.waitFor("English suggestions", `!document.getElementById("q-suggest").hidden`)
	if opts := b.options(); len(opts) == 0 || !strings.HasPrefix(opts[0], "Zhejiang Province") {
		t.Errorf("zhejiang suggests %q in English", opts)
	}
	b.navigate("switch back to Chinese", chromedp.Click(`.uilang a[lang="zh"]`, chromedp.ByQuery))
	b.open(base + "/")
	if lang := b.eval(`document.documentElement.lang`); lang != "zh-CN" {
		t.Errorf("html lang = %q on a new visit after choosing Chinese", lang)
	}
}

func testHistogram(t *testing.T, b *browser, base string) {
	b.open(base + "/?ui=zh")
	bars := b.count("svg.histogram a.bar")
	if bars < 3 {
		t.Fatalf("the date histogram has %d bars", bars)
	}
	label := b.eval(`document.querySelectorAll("svg.histogram a.bar")[2].getAttribute("aria-label")`)
	year, count, ok := strings.Cut(label, ": ")
	if !ok || len(year) != 4 {
		t.Fatalf("bar label %q", label)
	}
	b.navigate("click the bar of "+year, chromedp.Click(`svg.histogram a.bar:nth-of-type(3)`, chromedp.ByQuery))
	q := b.location().Query()
	if q.Get("date_from") != year+"-01-01" || q.Get("date_to") != year+"-12-31" {
		t.Errorf("the bar of %s gives %s", year, b.location())
	}
	if s := b.text("p.summary"); !strings.Contains(s, "共 "+count+" 条结果") {
		t.Errorf("after the bar of %s (%s reports) the summary says %q", year, count, s)
	}
	for _, d := range b.texts("ol.hits .facts dd:first-child") {
		if !strings.HasPrefix(d, year) {
			t.Errorf("a hit of %s is dated %s", year, d)
		}
	}
	// Within a year the bars are months; a month bar is reached by keyboard.
	month := b.eval(`document.querySelector("svg.histogram a.bar").getAttribute("aria-label")`)
	if !strings.HasPrefix(month, year+"-") {
		t.Errorf("within %s the first bar is %q, want a month", year, month)
	}
	b.run("focus a month", chromedp.Focus(`svg.histogram a.bar`, chromedp.ByQuery))
	b.navigate("Enter on a month", chromedp.KeyEvent(kb.Enter))
	if q := b.location().Query(); !strings.HasPrefix(q.Get("date_from"), month[:7]) {
		t.Errorf("the month bar %s gives %s", month, b.location())
	}
	b.assertNoCSP()
}

func testHistory(t *testing.T, b *browser, base string) {
	b.open(base + "/?ui=zh")
	b.navigate("search 签约", chromedp.Evaluate(`q.value = ""`, nil), chromedp.SendKeys("#q", "签约\r", chromedp.ByID))
	hits := b.text("p.summary")
	b.navigate("tick a sector", chromedp.Click(`.facet-sector a.fi`, chromedp.ByQuery))
	withSector := b.text("p.summary")
	if !b.location().Query().Has("sector") || withSector == hits {
		t.Fatalf("ticking a sector gives %s (%s)", b.location(), withSector)
	}
	b.navigate("back", chromedp.Evaluate(`history.back()`, nil))
	if b.location().Query().Has("sector") || b.text("p.summary") != hits || b.value("#q") != "签约" {
		t.Errorf("back shows %s, %q, box %q", b.location(), b.text("p.summary"), b.value("#q"))
	}
	b.navigate("back again", chromedp.Evaluate(`history.back()`, nil))
	if b.location().Query().Has("q") || b.value("#q") != "" {
		t.Errorf("back to the start shows %s, box %q", b.location(), b.value("#q"))
	}
	b.navigate("forward", chromedp.Evaluate(`history.forward()`, nil))
	b.navigate("forward again", chromedp.Evaluate(`history.forward()`, nil))
	if !b.location().Query().Has("sector") || b.text("p.summary") != withSector {
		t.Errorf("forward shows %s, %q", b.location(), b.text("p.summary"))
	}
	if b.eval(`String(document.getElementById("q-suggest").hidden)`) != "true" {
		t.Error("a suggestion list is open after forward")
	}
}

func testLayout(t *testing.T, b *browser, base, artifacts string) {
	pages := []struct{ name, path string }{
		{"home", "/?ui=zh"},
		{"search", "/?q=%E7%AD%BE%E7%BA%A6&province=370000&ui=zh"},
		{"search-en", "/?q=investment&ui=en"},
		{"document", "/documents/" + b.firstHitID(base+"/?q=%E7%AD%BE%E7%BA%A6&ui=zh")},
	}
	for _, size := range []struct{ w, h int }{{390, 844}, {1440, 900}} {
		vp := chromedp.EmulateViewport(int64(size.w), int64(size.h))
		if size.w < 800 {
			vp = chromedp.EmulateViewport(int64(size.w), int64(size.h), chromedp.EmulateMobile)
		}
		b.run(fmt.Sprintf("viewport %d", size.w), vp)
		for _, p := range pages {
			b.open(base + p.path)
			if w, _ := strconv.Atoi(b.eval(`String(document.documentElement.scrollWidth)`)); w > size.w {
				t.Errorf("at %d px the %s page is %d px wide", size.w, p.name, w)
			}
			// Unfolded filters and "more" lists fit as well.
			if w, _ := strconv.Atoi(b.eval(`document.querySelectorAll("details").forEach(function (d) { d.open = true }), String(document.documentElement.scrollWidth)`)); w > size.w {
				t.Errorf("at %d px the %s page with every list unfolded is %d px wide", size.w, p.name, w)
			}
			b.run("fold", chromedp.Reload())
			if p.name != "search-en" {
				b.screenshot(filepath.Join(artifacts, fmt.Sprintf("ui-%s-%d.png", p.name, size.w)))
			}
		}
		// The suggestion list fits the screen too.
		b.open(base + "/?ui=en")
		b.typeInBox("jiang")
		b.waitFor("suggestions", `!document.getElementById("q-suggest").hidden`)
		if w, _ := strconv.Atoi(b.eval(`String(Math.max(document.documentElement.scrollWidth, Math.ceil(document.getElementById("q-suggest").getBoundingClientRect().right)))`)); w > size.w {
			t.Errorf("at %d px the suggestion list reaches %d px", size.w, w)
		}
		b.viewShot(filepath.Join(artifacts, fmt.Sprintf("ui-suggest-en-%d.png", size.w)))
		b.assertNoCSP()
	}
	b.run("window 1440", chromedp.EmulateViewport(1440, 900))
}

// viewShot writes a screenshot of what the viewport shows.
func (b *browser) viewShot(path string) {
	b.t.Helper()
	var png []byte
	b.run("screenshot", chromedp.CaptureScreenshot(&png))
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot: %s", path)
}

// firstHitID returns the id of the first hit of a search page.
func (b *browser) firstHitID(rawURL string) string {
	b.t.Helper()
	b.open(rawURL)
	href := b.eval(`document.querySelector("ol.hits h2 a").getAttribute("href")`)
	id, _, _ := strings.Cut(strings.TrimPrefix(href, "/documents/"), "?")
	if id == "" {
		b.t.Fatalf("no hit on %s", rawURL)
	}
	return id
}

// texts returns the text of every element that matches sel.
func (b *browser) texts(sel string) []string {
	b.t.Helper()
	var out []string
	b.run("read "+sel, chromedp.Evaluate(fmt.Sprintf(`Array.from(document.querySelectorAll(%q), function (e) { return e.textContent.trim() })`, sel), &out))
	return out
}

// pageTiming is what the browser's Performance API reports of one page
// load, in milliseconds from the start of the navigation, and the bytes of
// the page and its assets.
type pageTiming struct {
	ResponseStart  float64 `json:"responseStart"`
	ResponseEnd    float64 `json:"responseEnd"`
	DOMInteractive float64 `json:"domInteractive"`
	DOMContent     float64 `json:"domContentLoadedEventEnd"`
	Load           float64 `json:"loadEventEnd"`
	HTMLBytes      int     `json:"htmlBytes"`     // body of the HTML
	AssetBytes     int     `json:"assetBytes"`    // bodies of the CSS and scripts
	Transferred    int     `json:"transferred"`   // over the network, headers included
	AssetsFetched  int     `json:"assetsFetched"` // CSS and scripts not from the cache
}

// timing loads rawURL and reads its navigation and resource timing.
func (b *browser) timing(rawURL string) pageTiming {
	b.t.Helper()
	b.open(rawURL)
	b.waitFor("the load event to end", `performance.getEntriesByType("navigation")[0].loadEventEnd > 0`)
	var raw string
	b.run("read the timing", chromedp.Evaluate(`(function () {
		var n = performance.getEntriesByType("navigation")[0];
		var t = {responseStart: n.responseStart, responseEnd: n.responseEnd, domInteractive: n.domInteractive, domContentLoadedEventEnd: n.domContentLoadedEventEnd,
			loadEventEnd: n.loadEventEnd, htmlBytes: n.decodedBodySize, assetBytes: 0,
			transferred: n.transferSize, assetsFetched: 0};
		performance.getEntriesByType("resource").forEach(function (r) {
			if (!/\/static\/.*\.(css|js)$/.test(new URL(r.name).pathname)) return;
			t.assetBytes += r.decodedBodySize;
			t.transferred += r.transferSize;
			if (r.transferSize > 0) t.assetsFetched++;
		});
		return JSON.stringify(t);
	})()`, &raw))
	var pt pageTiming
	if err := json.Unmarshal([]byte(raw), &pt); err != nil {
		b.t.Fatal(err)
	}
	return pt
}

func testSpeed(t *testing.T, b *browser, base string) {
	b.run("window 1440", chromedp.EmulateViewport(1440, 900))
	// Cold: the first page of results of a fresh browser, assets included.
	cold := b.timing(base + "/?q=%E7%AD%BE%E7%BA%A6&ui=zh")
	if cold.AssetsFetched != 2 {
		t.Errorf("the cold load fetched %d assets, want app.css and app.js", cold.AssetsFetched)
	}
	t.Logf("speed: cold first page of results (q=签约): responseStart %.1f ms, responseEnd %.1f ms, domInteractive %.1f ms, DOMContentLoaded %.1f ms, load %.1f ms; %d B transferred",
		cold.ResponseStart, cold.ResponseEnd, cold.DOMInteractive, cold.DOMContent, cold.Load, cold.Transferred)

	// Warm: assets cached, as for every search after the first. The pages
	// are loaded in turn, round after round, after one round that is not
	// counted: a browser that has just started does work of its own for a
	// second or two (the cold load above measures that start), and loading
	// one page seven times in a row would give all of it to the first page.
	pages := []struct{ name, path string }{
		{"q=签约", "/?q=%E7%AD%BE%E7%BA%A6&ui=zh"},
		{"all 400 reports", "/?ui=zh"},
		{"q=investment, English", "/?q=investment&ui=en"},
		{"q=碳化硅 province=山东", "/?q=%E7%A2%B3%E5%8C%96%E7%A1%85&province=370000&ui=zh"},
	}
	const rounds = 7
	runs := make([][]pageTiming, len(pages))
	for round := range rounds + 1 {
		for i, p := range pages {
			pt := b.timing(base + p.path)
			if round > 0 {
				runs[i] = append(runs[i], pt)
			}
		}
	}
	for i, p := range pages {
		med := func(f func(pageTiming) float64) float64 {
			v := make([]float64, len(runs[i]))
			for j, r := range runs[i] {
				v[j] = f(r)
			}
			slices.Sort(v)
			return v[len(v)/2]
		}
		t.Logf("speed: warm first page of results (%s), median of %d: responseStart %.1f ms, responseEnd %.1f ms, domInteractive %.1f ms, DOMContentLoaded %.1f ms, load %.1f ms; HTML %d B",
			p.name, len(runs[i]), med(func(p pageTiming) float64 { return p.ResponseStart }), med(func(p pageTiming) float64 { return p.ResponseEnd }),
			med(func(p pageTiming) float64 { return p.DOMInteractive }), med(func(p pageTiming) float64 { return p.DOMContent }),
			med(func(p pageTiming) float64 { return p.Load }), runs[i][0].HTMLBytes)
	}

	// Weight: the page before results (the search page with nothing to
	// show) and with a full first page, HTML + CSS + JS uncompressed.
	shell := b.timing(base + "/?q=%E6%B2%A1%E6%9C%89%E8%BF%99%E4%B8%AA%E8%AF%8Dzzz&ui=zh")
	full := b.timing(base + "/?ui=zh")
	t.Logf("weight: before results %d B (HTML %d + CSS/JS %d); first page of 20 results with every facet %d B (HTML %d + CSS/JS %d)",
		shell.HTMLBytes+shell.AssetBytes, shell.HTMLBytes, shell.AssetBytes, full.HTMLBytes+full.AssetBytes, full.HTMLBytes, full.AssetBytes)
	if w := shell.HTMLBytes + shell.AssetBytes; w > maxPageWeight || shell.AssetBytes == 0 {
		t.Errorf("the page before results weighs %d B (assets %d B), budget %d B", w, shell.AssetBytes, maxPageWeight)
	}
}
