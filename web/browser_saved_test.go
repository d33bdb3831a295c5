package web

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/investnews/regionsearch/index"
)

// TestBrowserSaved saves a search in Chromium from the search page, sees
// "1 new" in the list once a matching report is indexed, opens the saved
// search with the new report marked, and renames it: a real index and a
// real store behind an httptest server, forms only (the pages need no
// script for any of it).
func TestBrowserSaved(t *testing.T) {
	ctx := startBrowser(t, 90*time.Second)
	e := newSavedEnv(t, Options{})
	b := &browser{t: t, ctx: ctx}

	b.run("open a search", chromedp.Navigate(e.ts.URL+"/?q=%E8%81%8A%E5%9F%8E&sort=-date&ui=en"),
		chromedp.WaitVisible("form.savesearch", chromedp.ByQuery))
	if v := b.value("#save-name"); v != "聊城" {
		t.Errorf("the name field suggests %q, want the query", v)
	}
	b.run("name it", chromedp.Clear("#save-name", chromedp.ByID),
		chromedp.SendKeys("#save-name", "Liaocheng <script>x</script>", chromedp.ByID))
	b.navigate("save it", chromedp.Click(`form.savesearch button[type="submit"]`, chromedp.ByQuery))
	loc := b.location()
	if !regexp.MustCompile(`^/saved/[0-9a-f]{16}$`).MatchString(loc.Path) {
		t.Fatalf("saving went to %s", loc)
	}
	if h := b.text("main h1"); h != "Liaocheng <script>x</script>" {
		t.Errorf("the saved search's heading is %q", h)
	}
	if n := b.count("section.fresh li.hit"); n != 0 {
		t.Errorf("%d new reports right after saving", n)
	}
	if n := b.count("section.all li.hit"); n != 2 {
		t.Errorf("%d results, want 2", n)
	}

	// A matching report arrives: the list says 1 new.
	e.add(t, index.Article{ID: "lc-browser", Title: "聊城签约新能源电池项目", Date: day("2024-08-08"),
		Body: "山东省聊城市签约新能源电池项目，总投资20亿元。"})
	b.navigate("go to the list", chromedp.Click(`a.savednav`, chromedp.ByQuery))
	if got := b.text(".saveditem .newcount"); got != "1 new" {
		t.Errorf("the list says %q, want 1 new", got)
	}
	if n := b.count(`.saveditem a[href*="feed.atom"]`); n != 1 {
		t.Errorf("%d feed links", n)
	}
	artifacts := filepath.Join("testdata", "artifacts")
	if err := os.MkdirAll(artifacts, 0o755); err != nil {
		t.Fatal(err)
	}
	b.screenshot(filepath.Join(artifacts, "saved-1440.png"))

	// Reopen it: the new report is listed first and marked.
	b.navigate("reopen it", chromedp.Click(`.saveditem h2 a`, chromedp.ByQuery))
	if got := b.text("section.fresh li.hit.new h3 a"); got != "聊城签约新能源电池项目" {
		t.Errorf("the new report shown is %q", got)
	}
	if n := b.count("section.all li.hit.new"); n != 1 {
		t.Errorf("%d results marked new among all, want 1", n)
	}
	b.navigate("back to the list", chromedp.Click(`.crumbs a`, chromedp.ByQuery))
	if n := b.count(".saveditem .newcount"); n != 0 {
		t.Error("still new after reopening")
	}

	// Rename it with the form under "Rename".
	b.run("unfold rename", chromedp.Click(`.saveditem details.rename summary`, chromedp.ByQuery))
	b.run("type the new name", chromedp.Clear(`.saveditem details.rename input[name="name"]`, chromedp.ByQuery),
		chromedp.SendKeys(`.saveditem details.rename input[name="name"]`, "Liaocheng chips", chromedp.ByQuery))
	b.navigate("rename", chromedp.Click(`.saveditem details.rename button`, chromedp.ByQuery))
	if got := b.text(".saveditem h2 a"); got != "Liaocheng chips" {
		t.Errorf("after renaming the list shows %q", got)
	}
	if s := b.text(".saveditem .query"); !strings.Contains(s, "“聊城”") {
		t.Errorf("summary %q", s)
	}
}
