package web

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// Interface languages. The interface language is distinct from the lang
// filter on documents: an English-speaking researcher may read Chinese
// reports.
const (
	uiZh = "zh"
	uiEn = "en"
)

// uiCookie remembers the interface language.
const uiCookie = "ui"

// messages are the interface's words, in Chinese and English.
var messages = map[string][2]string{
	"site.name":          {"区域投资新闻检索", "Regional Investment News Search"},
	"site.skip":          {"跳到结果", "Skip to results"},
	"site.api":           {"JSON 接口", "JSON API"},
	"site.version":       {"版本", "version"},
	"ui.switch":          {"界面语言", "Interface language"},
	"search.label":       {"搜索投资新闻", "Search investment news"},
	"search.placeholder": {"例如：聊城 碳化硅 \"光掩模\"", "e.g. Jiangyin silicon carbide \"photomask\""},
	"search.button":      {"搜索", "Search"},
	"search.results":     {"搜索结果", "Results"},
	"search.summary":     {"共 %s 条结果，用时 %s 毫秒", "%s results in %s ms"},
	"search.none":        {"没有找到结果。试试更少的词或去掉一些筛选条件。", "No results. Try fewer words or remove some filters."},
	"search.sort":        {"排序", "Sort by"},
	"search.apply":       {"应用", "Apply"},
	"sort.relevance":     {"相关度", "Relevance"},
	"sort.-date":         {"日期（新→旧）", "Date (newest first)"},
	"sort.date":          {"日期（旧→新）", "Date (oldest first)"},
	"sort.-amount":       {"金额（高→低）", "Amount (largest first)"},
	"sort.amount":        {"金额（低→高）", "Amount (smallest first)"},
	"filters":            {"筛选", "Filters"},
	"filters.active":     {"已选条件", "Active filters"},
	"filters.clear":      {"全部清除", "Clear all"},
	"filters.remove":     {"移除筛选：", "Remove filter: "},
	"filters.selected":   {"（已选）", " (selected)"},
	"facet.province":     {"省份", "Province"},
	"facet.city":         {"城市", "City"},
	"facet.sector":       {"行业", "Sector"},
	"facet.subsector":    {"细分行业", "Subsector"},
	"facet.source":       {"来源", "Source"},
	"facet.amount":       {"投资金额", "Investment amount"},
	"facet.date":         {"年份", "Year"},
	"facet.lang":         {"报道语言", "Report language"},
	"facet.more":         {"更多", "More"},
	"search.parsed":      {"查询理解为：", "Understood as: "},
	"facet.custom":       {"自定义范围", "Custom range"},
	"range.amount_min":   {"最低金额（元，如 1e9）", "Minimum amount (yuan, e.g. 1e9)"},
	"range.amount_max":   {"最高金额（元）", "Maximum amount (yuan)"},
	"range.date_from":    {"起始日期", "From date"},
	"range.date_to":      {"截止日期", "To date"},
	"lang.zh":            {"中文", "Chinese"},
	"lang.en":            {"英文", "English"},
	"hit.amount":         {"投资额", "Investment"},
	"hit.source":         {"来源", "Source"},
	"hit.date":           {"日期", "Date"},
	"hit.place":          {"地点", "Location"},
	"hit.reports":        {"报道", "Reports"},
	"hit.reportedby":     {"%d 家来源报道", "reported by %d sources"},
	"doc.cluster":        {"同一报道的其他来源（共 %d 篇）", "Other reports of this story (%d in all)"},
	"hit.sectors":        {"行业", "Sectors"},
	"hit.noamount":       {"未披露金额", "no amount stated"},
	"page.nav":           {"分页", "Pages"},
	"page.prev":          {"上一页", "Previous"},
	"page.next":          {"下一页", "Next"},
	"page.current":       {"第 %d 页", "page %d"},
	"doc.back":           {"返回搜索结果", "Back to results"},
	"doc.new":            {"新搜索", "New search"},
	"doc.original":       {"原文链接", "Original article"},
	"doc.fields":         {"提取的信息", "Extracted fields"},
	"doc.provinces":      {"投资所在省份", "Provinces (project location)"},
	"doc.cities":         {"城市", "Cities"},
	"doc.counties":       {"区县", "Counties"},
	"doc.investors":      {"投资方所在省份", "Investor provinces"},
	"doc.sectors":        {"行业", "Sectors"},
	"doc.ignored":        {"未计入的地点", "Places not counted"},
	"doc.subsectors":     {"细分行业", "Subsectors"},
	"doc.amount":         {"主要投资额", "Headline amount"},
	"doc.amounts":        {"文中金额", "Amounts in the text"},
	"doc.evidence":       {"依据", "Evidence"},
	"doc.report":         {"报道全文", "Full report"},
	"doc.lang":           {"语言", "Language"},
	"doc.none":           {"无", "none"},
	"col.text":           {"原文", "Text"},
	"col.value":          {"数值", "Value"},
	"col.currency":       {"币种", "Currency"},
	"col.cny":            {"折合人民币", "In yuan"},
	"col.scope":          {"范围", "Scope"},
	"col.field":          {"字段", "Field"},
	"col.note":           {"说明", "Note"},
	"col.where":          {"位置", "Where"},
	"where.title":        {"标题", "title"},
	"where.body":         {"正文", "body"},
	"error.title":        {"出错了", "Something went wrong"},
	"error.home":         {"回到搜索页", "Back to search"},
	"error.fix":          {"请修改搜索条件：", "Please fix the search: "},

	"saved.title":       {"已保存的搜索", "Saved searches"},
	"saved.nav":         {"已保存的搜索", "Saved searches"},
	"saved.save":        {"保存此搜索", "Save this search"},
	"saved.name":        {"名称", "Name"},
	"saved.savelogin":   {"登录后可保存此搜索", "Log in to save this search"},
	"saved.none":        {"还没有保存的搜索。在搜索页用“保存此搜索”保存一个。", "No saved searches yet. Save one with “Save this search” on the search page."},
	"saved.new":         {"%s 条新结果", "%s new"},
	"saved.newbadge":    {"新", "new"},
	"saved.nocount":     {"新结果数暂不可用", "new count unavailable"},
	"saved.newsince":    {"自 %s 以来的新结果", "New since %s"},
	"saved.nonew":       {"自上次查看以来没有新结果。", "Nothing new since you last looked."},
	"saved.newmore":     {"仅列出最新的 %d 条。", "Only the newest %d are listed."},
	"saved.allresults":  {"全部结果", "All results"},
	"saved.lastseen":    {"上次查看", "Last seen"},
	"saved.created":     {"创建于", "Created"},
	"saved.open":        {"打开", "Open"},
	"saved.refine":      {"在搜索页中细化", "Refine on the search page"},
	"saved.feed":        {"Atom 订阅", "Atom feed"},
	"saved.rename":      {"重命名", "Rename"},
	"saved.edit":        {"修改搜索条件", "Edit the search"},
	"saved.delete":      {"删除", "Delete"},
	"saved.deleteask":   {"确定删除此搜索？", "Delete this saved search?"},
	"saved.submit":      {"保存修改", "Save changes"},
	"saved.export":      {"导出全部（JSON）", "Export all (JSON)"},
	"saved.all":         {"全部报道", "All reports"},
	"saved.dates":       {"日期", "Dates"},
	"saved.anylang":     {"任意语言", "Any language"},
	"saved.q":           {"搜索词", "Query"},
	"saved.list":        {"可填多个，用逗号分隔", "several allowed, separated by commas"},
	"saved.lines":       {"每行一个", "one per line"},
	"saved.readonly":    {"此服务器上的已保存搜索为只读。", "Saved searches are read-only on this server."},
	"saved.login":       {"登录", "Log in"},
	"saved.logout":      {"退出登录", "Log out"},
	"saved.loginhint":   {"需要本服务器的令牌才能修改已保存的搜索。", "Changing saved searches needs this server's token."},
	"saved.token":       {"令牌", "Token"},
	"saved.loggedin":    {"已登录，可以修改已保存的搜索。", "You are logged in and may change saved searches."},
	"saved.notoken":     {"此服务器无需令牌。", "This server needs no token."},
	"saved.loginneeded": {"请先登录：修改已保存的搜索需要本服务器的令牌。", "Please log in: changing saved searches needs this server's token."},
	"saved.badtoken":    {"令牌不正确。", "That token is not right."},
}

// translate returns the words for key in the language ui, or the key itself
// when there are none, so that a missing translation shows but does not fail.
func translate(ui, key string) string {
	m, ok := messages[key]
	if !ok {
		return key
	}
	if ui == uiEn {
		return m[1]
	}
	return m[0]
}

// uiLang decides the interface language of a request: the ui parameter
// (which is then remembered in a cookie), else the cookie, else the browser's
// first preference, else Chinese.
func uiLang(c *gin.Context) string {
	if v := c.Query("ui"); v == uiZh || v == uiEn {
		http.SetCookie(c.Writer, &http.Cookie{
			Name: uiCookie, Value: v, Path: "/", MaxAge: 365 * 24 * 3600,
			HttpOnly: true, SameSite: http.SameSiteLaxMode,
		})
		return v
	}
	if v, err := c.Cookie(uiCookie); err == nil && (v == uiZh || v == uiEn) {
		return v
	}
	al := strings.ToLower(strings.TrimSpace(c.GetHeader("Accept-Language")))
	if strings.HasPrefix(al, "en") {
		return uiEn
	}
	return uiZh
}

// page is what every page's template needs: the interface language, its
// words, and the layout's links.
type page struct {
	UI        string
	Title     string
	Version   string
	SwitchURL map[string]string // the current URL in each interface language
	Status    int
	Error     string

	SavedOn    bool // the server keeps saved searches
	SavedWrite bool // this request may change them
	SavedLogin bool // it could, after logging in with the token
}

// newPage returns the common view of a request.
func (s *Server) newPage(c *gin.Context) page {
	ui := uiLang(c)
	sw := map[string]string{}
	for _, l := range []string{uiZh, uiEn} {
		u := *c.Request.URL
		v := u.Query()
		v.Set("ui", l)
		u.RawQuery = v.Encode()
		sw[l] = u.RequestURI()
	}
	p := page{UI: ui, Version: s.version, SwitchURL: sw}
	if s.saved != nil {
		p.SavedOn = true
		p.SavedWrite = !s.readOnly && s.authorized(c)
		p.SavedLogin = !s.readOnly && !p.SavedWrite
	}
	return p
}

// T returns the words for key in the page's interface language.
func (p *page) T(key string) string { return translate(p.UI, key) }

// Tf formats the words for key with args.
func (p *page) Tf(key string, args ...any) string { return fmt.Sprintf(translate(p.UI, key), args...) }

// HTMLLang is the lang attribute of the page.
func (p *page) HTMLLang() string {
	if p.UI == uiEn {
		return "en"
	}
	return "zh-CN"
}

// Langs lists the interface languages for the switch.
func (p *page) Langs() []uiChoice {
	return []uiChoice{
		{Code: uiZh, Label: "中文", URL: p.SwitchURL[uiZh], Current: p.UI == uiZh},
		{Code: uiEn, Label: "English", URL: p.SwitchURL[uiEn], Current: p.UI == uiEn},
	}
}

// uiChoice is one entry of the interface language switch.
type uiChoice struct {
	Code, Label, URL string
	Current          bool
}
