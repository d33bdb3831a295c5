package web

import (
	"context"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// findChromium returns the path of a Chromium or Chrome binary: $CHROMIUM,
// else the first of the usual names on $PATH.
func findChromium() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// startBrowser starts a headless Chromium with a fresh profile and a 1440 px
// window, closed when the test ends, and returns a context for its first
// tab that expires after timeout. Without Chromium the test is skipped, or
// fails when the CI environment variable is set.
func startBrowser(t *testing.T, timeout time.Duration) context.Context {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	chromium := findChromium()
	if chromium == "" {
		msg := "no Chromium found: install it (apt-get install -y chromium) or set CHROMIUM to its path"
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(profileDir(t)),
		chromedp.WindowSize(1440, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(cancelBrowser) // closes the browser and waits for it
	ctx, cancel := context.WithTimeout(bctx, timeout)
	t.Cleanup(cancel)
	return ctx
}

// TestBrowser drives a headless Chromium through the UI against an
// httptest server and a small in-memory corpus. It writes screenshots to
// testdata/artifacts/.
func TestBrowser(t *testing.T) {
	ctx := startBrowser(t, 90*time.Second)

	srv, err := New(newMemSearcher(), Options{Logger: slog.New(slog.DiscardHandler), Version: "browser-test"})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()

	artifacts := filepath.Join("testdata", "artifacts")
	if err := os.MkdirAll(artifacts, 0o755); err != nil {
		t.Fatal(err)
	}

	b := &browser{t: t, ctx: ctx}

	// Type a Chinese query.
	b.run("open the search page", chromedp.Navigate(ts.URL+"/?ui=zh"), chromedp.WaitVisible("#q", chromedp.ByID))
	b.navigate("type 碳化硅", chromedp.SendKeys("#q", "碳化硅\r", chromedp.ByID))
	loc := b.location()
	if got := loc.Query().Get("q"); got != "碳化硅" {
		t.Fatalf("q in the URL = %q (%s)", got, loc)
	}
	if n := b.count("ol.hits > li"); n != 3 {
		t.Errorf("碳化硅 gives %d hits, want 3", n)
	}
	if s := b.text("p.summary"); !strings.Contains(s, "共 3 条结果") {
		t.Errorf("summary = %q", s)
	}
	if n := b.count("ol.hits mark"); n == 0 {
		t.Error("no highlighted snippets")
	}
	if v := b.value("#q"); v != "碳化硅" {
		t.Errorf("the search box shows %q after the search", v)
	}

	// Tick a province: the URL, the hits and the chips change.
	b.navigate("tick Shandong", chromedp.Click(`.facet-province a.fi[href*="province=370000"]`, chromedp.ByQuery))
	if got := b.location().Query()["province"]; len(got) != 1 || got[0] != "370000" {
		t.Errorf("province in the URL = %v", got)
	}
	if n := b.count("ol.hits > li"); n != 2 {
		t.Errorf("with Shandong %d hits, want 2", n)
	}
	if n := b.count(".chips .chip"); n != 1 {
		t.Errorf("%d chips, want 1", n)
	}
	// Multi-select: Jiangsu keeps its count and adds to Shandong.
	if s := b.text(`.facet-province a.fi[href*="province=320000"] .count`); s != "1" {
		t.Errorf("Jiangsu count while Shandong is ticked = %q, want 1", s)
	}
	b.navigate("tick Jiangsu too", chromedp.Click(`.facet-province a.fi[href*="province=320000"]`, chromedp.ByQuery))
	if got := b.location().Query()["province"]; len(got) != 2 {
		t.Errorf("province in the URL = %v, want both", got)
	}
	if n := b.count("ol.hits > li"); n != 3 {
		t.Errorf("with both provinces %d hits, want 3", n)
	}

	// Tick a sector.
	b.navigate("tick 新能源", chromedp.Click(`.facet-sector a.fi[href*="sector=new_energy"]`, chromedp.ByQuery))
	if n := b.count("ol.hits > li"); n != 1 {
		t.Errorf("with 新能源 %d hits, want 1", n)
	}
	b.screenshot(filepath.Join(artifacts, "search-1440.png"))

	// Back: the sector filter is gone again.
	b.navigate("go back", chromedp.Evaluate(`history.back()`, nil))
	if got := b.location().Query()["sector"]; len(got) != 0 {
		t.Errorf("after back, sector = %v", got)
	}
	if n := b.count("ol.hits > li"); n != 3 {
		t.Errorf("after back %d hits, want 3", n)
	}

	// The sort selector applies at once (script).
	b.navigate("sort by date", chromedp.Evaluate(`(function(){var s=document.getElementById('sort');s.value='-date';s.dispatchEvent(new Event('change'));return true})()`, nil))
	if got := b.location().Query().Get("sort"); got != "-date" {
		t.Errorf("sort in the URL = %q", got)
	}
	if got := b.text("ol.hits > li:first-child h2"); !strings.Contains(got, "无锡") {
		t.Errorf("newest first is %q", got)
	}

	// Remove a chip, then clear all.
	b.navigate("remove the Jiangsu chip", chromedp.Click(`.chips a.chip[href*="province=370000"]`, chromedp.ByQuery))
	if got := b.location().Query()["province"]; len(got) != 1 || got[0] != "370000" {
		t.Errorf("after removing Jiangsu, province = %v", got)
	}
	b.navigate("clear all", chromedp.Click(`.chips a.clear`, chromedp.ByQuery))
	if q := b.location().Query(); len(q["province"]) != 0 || q.Get("q") != "碳化硅" {
		t.Errorf("after clear all the URL is %s", b.location())
	}

	// Open a document, and come back.
	b.navigate("open the first hit", chromedp.Click(`ol.hits > li:first-child h2 a`, chromedp.ByQuery))
	if !strings.HasPrefix(b.location().Path, "/documents/") {
		t.Fatalf("the hit opened %s", b.location())
	}
	if n := b.count(".fields .fieldlist dt"); n < 5 {
		t.Errorf("document page shows %d fields", n)
	}
	b.navigate("back to results", chromedp.Click(`.crumbs a`, chromedp.ByQuery))
	if got := b.location().Query().Get("q"); got != "碳化硅" {
		t.Errorf("the way back lost the query: %s", b.location())
	}

	// An English query, in the English interface.
	b.navigate("switch to English", chromedp.Click(`.uilang a[lang="en"]`, chromedp.ByQuery))
	if lang := b.eval(`document.documentElement.lang`); lang != "en" {
		t.Errorf("html lang = %q after the switch", lang)
	}
	b.run("clear the box", chromedp.Clear("#q", chromedp.ByID))
	b.navigate("type photomask", chromedp.SendKeys("#q", "photomask\r", chromedp.ByID))
	if n := b.count("ol.hits > li"); n != 1 {
		t.Errorf("photomask gives %d hits, want 1", n)
	}
	if s := b.text("ol.hits .amount"); s != "2.5 billion yuan" {
		t.Errorf("amount in the English UI = %q", s)
	}

	// The keyboard: "/" focuses the search box.
	b.run("press /", chromedp.Evaluate(`document.activeElement.blur()`, nil), chromedp.KeyEvent("/"))
	if id := b.eval(`document.activeElement.id`); id != "q" {
		t.Errorf(`"/" focused %q, want the search box`, id)
	}

	// A phone: nothing wider than the screen.
	b.run("phone viewport", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile), chromedp.Navigate(ts.URL+"/?q=%E7%A2%B3%E5%8C%96%E7%A1%85&province=370000&ui=zh"), chromedp.WaitVisible("ol.hits", chromedp.ByQuery))
	if w := b.eval(`String(document.documentElement.scrollWidth)`); w != "390" {
		t.Errorf("at 390px the page is %s px wide", w)
	}
	b.screenshot(filepath.Join(artifacts, "search-390.png"))
	b.run("phone document", chromedp.Navigate(ts.URL+"/documents/d1?ui=zh"), chromedp.WaitVisible(".doc h1", chromedp.ByQuery))
	if w := b.eval(`String(document.documentElement.scrollWidth)`); w != "390" {
		t.Errorf("at 390px the document page is %s px wide", w)
	}
	b.screenshot(filepath.Join(artifacts, "document-390.png"))
}

// profileDir returns a fresh Chromium profile directory, removed after the
// test; the browser's helper processes may still be writing into it for a
// moment after it closes, so removal is retried.
func profileDir(t *testing.T) string {
	dir, err := os.MkdirTemp("", "web-browser-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for range 20 {
			if os.RemoveAll(dir) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Logf("could not remove the browser profile %s", dir)
	})
	return dir
}

// browser wraps a chromedp context with test helpers that fail the test.
type browser struct {
	t   *testing.T
	ctx context.Context
}

func (b *browser) run(what string, actions ...chromedp.Action) {
	b.t.Helper()
	if err := chromedp.Run(b.ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// navigate runs actions that load a new page and waits for it.
func (b *browser) navigate(what string, actions ...chromedp.Action) {
	b.t.Helper()
	before := b.eval(`String(performance.timeOrigin)`)
	b.run(what, actions...)
	deadline := time.Now().Add(15 * time.Second)
	for b.eval(`String(performance.timeOrigin)`) == before || b.eval(`document.readyState`) != "complete" {
		if time.Now().After(deadline) {
			b.t.Fatalf("%s: no new page loaded", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (b *browser) eval(js string) string {
	b.t.Helper()
	var s string
	if err := chromedp.Run(b.ctx, chromedp.Evaluate(js, &s)); err != nil {
		// The page may be between documents; try once more.
		time.Sleep(100 * time.Millisecond)
		if err := chromedp.Run(b.ctx, chromedp.Evaluate(js, &s)); err != nil {
			b.t.Fatalf("evaluate %s: %v", js, err)
		}
	}
	return s
}

func (b *browser) location() *url.URL {
	b.t.Helper()
	u, err := url.Parse(b.eval(`location.href`))
	if err != nil {
		b.t.Fatal(err)
	}
	return u
}

func (b *browser) count(sel string) int {
	b.t.Helper()
	var n int
	b.run("count "+sel, chromedp.Evaluate(fmt.Sprintf(`document.querySelectorAll(%q).length`, sel), &n))
	return n
}

func (b *browser) text(sel string) string {
	b.t.Helper()
	return strings.TrimSpace(b.eval(fmt.Sprintf(`(document.querySelector(%q)||{}).textContent||""`, sel)))
}

func (b *browser) value(sel string) string {
	b.t.Helper()
	return b.eval(fmt.Sprintf(`(document.querySelector(%q)||{}).value||""`, sel))
}

func (b *browser) screenshot(path string) {
	b.t.Helper()
	var png []byte
	// Hits and facets below the fold are not rendered until scrolled near
	// (content-visibility: auto); a full-page capture would show them blank.
	b.eval(`document.querySelectorAll(".hit, .facet").forEach(function (e) { e.style.contentVisibility = "visible" }); ""`)
	b.run("screenshot", chromedp.FullScreenshot(&png, 100))
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot: %s", path)
}
