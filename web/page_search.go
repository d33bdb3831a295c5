package web

import (
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/investnews/regionsearch/index"
)

// Display limits of the search page.
const (
	maxSnippets     = 3  // body fragments shown per hit
	facetShown      = 10 // facet values shown before "more"
	histogramWidth  = 240
	histogramHeight = 64
)

// handleSearchPage renders GET /, the search page. Bad parameters give the
// page with a message saying what to fix, and status 400.
func (s *Server) handleSearchPage(c *gin.Context) {
	p := s.newPage(c)
	q, err := parseSearch(c)
	if err != nil {
		s.searchPageError(c, p, index.Query{Text: strings.TrimSpace(c.Query("q")), Sort: "relevance"}, err)
		return
	}
	ctx, cancel := s.context(c)
	defer cancel()
	res, err := s.search.Search(ctx, q)
	if err == nil && res == nil {
		err = errors.New("searcher returned a nil result")
	}
	if err != nil {
		s.searchPageError(c, p, q, err)
		return
	}
	s.render(c, http.StatusOK, "search", newSearchView(p, q, res))
}

// searchPageError renders the search page with the error's message in place
// of results, keeping the search box.
func (s *Server) searchPageError(c *gin.Context, p page, q index.Query, err error) {
	_, status, msg := s.explain(c, err)
	p.Status = status
	p.Error = msg
	v := newSearchView(p, q, nil)
	s.render(c, status, "search", v)
}

// searchView is the data of the search page.
type searchView struct {
	page
	Query   index.Query
	Result  *index.Result
	Summary string

	Hits     []hitView
	Facets   []facetView
	Chips    []chip
	ClearURL string
	Sorts    []option
	Pages    []pageLink
	PrevURL  string
	NextURL  string
	Start    int // the number of the first hit

	FormFields  []field // hidden fields of the search form
	RangeFields []field // hidden fields of the custom range form
	AmountMin   string
	AmountMax   string

	st    state
	names map[string]string // "province:370000" → name, from facets and hits
}

// hitView is one result as the page shows it.
type hitView struct {
	URL       string
	Title     string
	TitleHTML template.HTML
	Snippets  []template.HTML
	Date      string
	Source    string
	Place     string
	Lang      string
	Sectors   []chip
	Amount    string
	SourceURL string
	Reports   int // reports of the story (Hit.ClusterSize)
}

// facetView is one facet of the sidebar.
type facetView struct {
	Name   string
	Label  string
	Values []facetItem
	More   []facetItem
	Chart  *histogram // drawn instead of the values when set
}

// facetItem is one value of a facet: a link that adds or removes the filter.
type facetItem struct {
	Label string
	Count int
	URL   string
	On    bool

	names []string // the code and names the value goes by
}

// matches reports whether a selected filter value names this item.
func (it facetItem) matches(val string) bool { return matchesAny(val, it.names) }

// chip is a labelled link: an active filter (the link removes it) or a tag.
type chip struct {
	Label string
	URL   string
}

// option is one entry of a select.
type option struct {
	Value, Label string
	Selected     bool
}

// pageLink is one entry of the pagination; Gap marks an ellipsis.
type pageLink struct {
	Number  int
	URL     string
	Current bool
	Gap     bool
}

// histogram is the date facet drawn as bars.
type histogram struct {
	Label  string
	Width  int
	Height int
	Bars   []bar
}

// bar is one bar of the histogram.
type bar struct {
	Label      string
	Count      int
	URL        string
	On         bool
	X, Y, W, H int
	TextX      int
	ShowLabel  bool
}

// newSearchView builds the page from a validated query and its result; res
// is nil when the search failed.
func newSearchView(p page, q index.Query, res *index.Result) *searchView {
	if q.Text != "" {
		p.Title = q.Text + " – " + p.T("site.name")
	} else {
		p.Title = p.T("site.name")
	}
	v := &searchView{page: p, Query: q, Result: res, st: stateOf(q, p.UI)}
	// The sort select belongs to the search form but is only shown with
	// results; without them the form carries the sort as a hidden field.
	if res != nil {
		v.FormFields = v.st.hidden("q", "sort", "page")
	} else {
		v.FormFields = v.st.hidden("q", "page")
	}
	v.RangeFields = v.st.hidden("amount_min", "amount_max", "date_from", "date_to", "page")
	if q.AmountMin != nil {
		v.AmountMin = formatYuan(*q.AmountMin)
	}
	if q.AmountMax != nil {
		v.AmountMax = formatYuan(*q.AmountMax)
	}
	for _, s := range index.Sorts {
		v.Sorts = append(v.Sorts, option{Value: s, Label: p.T("sort." + s), Selected: s == q.Sort})
	}
	if res == nil {
		return v
	}
	v.Start = (max(q.Page, 1)-1)*max(q.Size, 1) + 1
	v.Summary = p.Tf("search.summary", trimNumber(float64(res.Total)), strconv.FormatFloat(res.TookMS, 'f', 1, 64))
	v.names = resultNames(res, p.UI)
	for _, h := range res.Hits {
		v.Hits = append(v.Hits, v.hit(h))
	}
	v.facets(res.Facets)
	v.chips(res.Facets)
	v.pagination(res.Total)
	return v
}

// hit builds the view of one hit.
func (v *searchView) hit(h index.Hit) hitView {
	ui := v.UI
	hv := hitView{
		URL:     "/documents/" + url.PathEscape(h.ID) + "?" + url.Values(v.st).Encode(),
		Title:   h.Title,
		Date:    h.Date,
		Source:  h.Source,
		Lang:    langName(h.Lang, ui),
		Reports: h.ClusterSize,
	}
	if hv.Title == "" {
		hv.Title = h.ID
	}
	if t := h.Highlights["title"]; len(t) > 0 && t[0] != "" {
		hv.TitleHTML = highlight(t[0])
	}
	for i, f := range h.Highlights["body"] {
		if i == maxSnippets {
			break
		}
		hv.Snippets = append(hv.Snippets, highlight(f))
	}
	var place []string
	if len(h.Provinces) > 0 {
		place = append(place, placeName(h.Provinces[0], ui))
	}
	if len(h.Cities) > 0 {
		place = append(place, placeName(h.Cities[0], ui))
	}
	hv.Place = strings.Join(place, " · ")
	for _, sec := range h.Sectors {
		hv.Sectors = append(hv.Sectors, chip{
			Label: sectorName(sec, ui),
			URL: v.st.with(func(u url.Values) {
				if !slices.Contains(u["sector"], sec.Key) {
					u.Add("sector", sec.Key)
				}
			}),
		})
	}
	if h.AmountCNY != nil {
		hv.Amount = formatAmount(*h.AmountCNY, ui)
	}
	if isWebURL(h.URL) {
		hv.SourceURL = h.URL
	}
	return hv
}

// facets builds the sidebar from the result's facets.
func (v *searchView) facets(fs map[string][]index.FacetValue) {
	ui, q := v.UI, v.Query
	add := func(f facetView) {
		// A value with no hits leads nowhere; it stays only when selected.
		f.Values = slices.DeleteFunc(f.Values, func(it facetItem) bool { return it.Count == 0 && !it.On })
		if len(f.Values) > facetShown {
			// Selected values stay visible; the rest fold away.
			var shown, more []facetItem
			for i, it := range f.Values {
				if i < facetShown || it.On {
					shown = append(shown, it)
				} else {
					more = append(more, it)
				}
			}
			f.Values, f.More = shown, more
		}
		if len(f.Values) > 0 {
			v.Facets = append(v.Facets, f)
		}
	}

	prov := facetView{Name: "province", Label: v.T("facet.province")}
	for _, fv := range fs["province"] {
		names := []string{fv.Value, fv.NameZh, fv.NameEn}
		on := slices.ContainsFunc(q.Provinces, func(x string) bool { return matchesAny(x, names) })
		prov.Values = append(prov.Values, facetItem{
			Label: pick(ui, fv.NameZh, fv.NameEn, fv.Value), Count: fv.Count, On: on, names: names,
			URL: v.st.with(func(u url.Values) {
				if on {
					removeValue(u, "province", names...)
					dropCitiesOf(u, fv.Value)
				} else {
					u.Add("province", fv.Value)
				}
			}),
		})
	}
	prov.Values = append(prov.Values, v.selectedMissing("province", q.Provinces, prov.Values)...)
	add(prov)

	if len(q.Provinces) > 0 || len(q.Cities) > 0 {
		add(v.multiFacet("city", v.T("facet.city"), q.Cities, fs["city"]))
	}
	add(v.multiFacet("sector", v.T("facet.sector"), q.Sectors, fs["sector"]))
	add(v.multiFacet("subsector", v.T("facet.subsector"), q.Subsectors, fs["subsector"]))
	add(v.multiFacet("source", v.T("facet.source"), q.Sources, fs["source"]))

	amount := facetView{Name: "amount", Label: v.T("facet.amount")}
	for _, fv := range fs["amount"] {
		on := sameBound(q.AmountMin, fv.Min) && sameBound(q.AmountMax, fv.Max) && (fv.Min != nil || fv.Max != nil)
		amount.Values = append(amount.Values, facetItem{
			Label: pick(ui, fv.LabelZh, fv.LabelEn, fv.Value), Count: fv.Count, On: on,
			URL: v.st.with(func(u url.Values) {
				u.Del("amount_min")
				u.Del("amount_max")
				if on {
					return
				}
				if fv.Min != nil && *fv.Min > 0 {
					u.Set("amount_min", formatYuan(*fv.Min))
				}
				if fv.Max != nil {
					u.Set("amount_max", formatYuan(*fv.Max))
				}
			}),
		})
	}
	add(amount)

	if h := v.histogram(fs["date"]); h != nil {
		v.Facets = append(v.Facets, facetView{Name: "date", Label: h.Label, Chart: h})
	}

	lang := facetView{Name: "lang", Label: v.T("facet.lang")}
	for _, fv := range fs["lang"] {
		on := q.Lang == fv.Value
		lang.Values = append(lang.Values, facetItem{
			Label: langName(fv.Value, ui), Count: fv.Count, On: on,
			URL: v.st.with(func(u url.Values) {
				if on {
					u.Del("lang")
				} else {
					u.Set("lang", fv.Value)
				}
			}),
		})
	}
	add(lang)
}

// multiFacet builds a facet whose values are added to or removed from a
// repeatable parameter.
func (v *searchView) multiFacet(name, label string, selected []string, values []index.FacetValue) facetView {
	f := facetView{Name: name, Label: label}
	for _, fv := range values {
		names := []string{fv.Value, fv.NameZh, fv.NameEn}
		on := slices.ContainsFunc(selected, func(x string) bool { return matchesAny(x, names) })
		f.Values = append(f.Values, facetItem{
			Label: pick(v.UI, fv.NameZh, fv.NameEn, fv.Value), Count: fv.Count, On: on, names: names,
			URL: v.st.with(func(u url.Values) {
				if on {
					removeValue(u, name, names...)
				} else {
					u.Add(name, fv.Value)
				}
			}),
		})
	}
	f.Values = append(f.Values, v.selectedMissing(name, selected, f.Values)...)
	return f
}

// selectedMissing returns items for the selected values of a facet that the
// facet did not list (no hits at all under the other filters), so that they
// can still be unticked.
func (v *searchView) selectedMissing(param string, selected []string, listed []facetItem) []facetItem {
	var out []facetItem
	for _, val := range selected {
		if slices.ContainsFunc(listed, func(it facetItem) bool { return it.On && it.matches(val) }) {
			continue
		}
		out = append(out, facetItem{
			Label: v.name(param, val), On: true,
			URL:   v.st.with(func(u url.Values) { removeValue(u, param, val) }),
			names: []string{val},
		})
	}
	return out
}

// name returns the display name of a selected filter value, if the result
// names it anywhere, else the value itself.
func (v *searchView) name(param, val string) string {
	if n, ok := v.names[param+":"+strings.ToLower(val)]; ok {
		return n
	}
	return val
}

// resultNames collects the names of the places and sectors a result
// mentions, keyed by facet and each of code, Chinese and English name.
func resultNames(res *index.Result, ui string) map[string]string {
	m := map[string]string{}
	put := func(facet, name string, keys ...string) {
		for _, k := range keys {
			if k != "" {
				m[facet+":"+strings.ToLower(k)] = name
			}
		}
	}
	for _, h := range res.Hits {
		for _, p := range h.Provinces {
			put("province", placeName(p, ui), p.Code, p.NameZh, p.NameEn)
		}
		for _, c := range h.Cities {
			put("city", placeName(c, ui), c.Code, c.NameZh, c.NameEn)
		}
		for _, sec := range h.Sectors {
			put("sector", sectorName(sec, ui), sec.Key, sec.NameZh, sec.NameEn)
		}
	}
	for facet, fvs := range res.Facets {
		for _, fv := range fvs {
			put(facet, pick(ui, fv.NameZh, fv.NameEn, fv.Value), fv.Value, fv.NameZh, fv.NameEn)
		}
	}
	return m
}

// dropCitiesOf removes the selected cities that lie in the province with the
// given code: a city's code starts with its province's two digits.
func dropCitiesOf(u url.Values, province string) {
	if !isCode(province) {
		return
	}
	var keep []string
	for _, c := range u["city"] {
		if !(isCode(c) && c[:2] == province[:2]) {
			keep = append(keep, c)
		}
	}
	if len(keep) == 0 {
		u.Del("city")
	} else {
		u["city"] = keep
	}
}

// sameBound reports whether a selected amount bound equals a bucket's bound;
// a lower bound of 0 is the same as none.
func sameBound(sel, bucket *float64) bool {
	zero := func(p *float64) bool { return p == nil || *p == 0 }
	if zero(sel) && zero(bucket) {
		return true
	}
	return sel != nil && bucket != nil && *sel == *bucket
}

// dateRange returns the first and last day of a date facet value: a year
// (2023), a month (2023-03), an ISO week (2023-W14) or a day.
func dateRange(value string) (from, to string, ok bool) {
	f, t, ok := index.DateValueRange(value)
	if !ok {
		return "", "", false
	}
	return f.Format(time.DateOnly), t.Format(time.DateOnly), true
}

// histogram draws the date facet as bars in time order; each bar is a link
// that filters to its period, or clears that filter.
func (v *searchView) histogram(values []index.FacetValue) *histogram {
	type period struct {
		fv       index.FacetValue
		from, to string
	}
	var ps []period
	maxCount := 0
	for _, fv := range values {
		from, to, ok := dateRange(fv.Value)
		if !ok {
			continue
		}
		ps = append(ps, period{fv, from, to})
		maxCount = max(maxCount, fv.Count)
	}
	if len(ps) == 0 {
		return nil
	}
	slices.SortFunc(ps, func(a, b period) int { return strings.Compare(a.from, b.from) })
	const gap, chartH = 2, histogramHeight - 14
	n := len(ps)
	w := min(max((histogramWidth-gap*(n-1))/n, 3), 40)
	every := max(1, (n*32+histogramWidth-1)/histogramWidth) // room for a label about every 32px
	h := &histogram{Label: v.T("facet.date"), Width: max(histogramWidth, n*(w+gap)-gap), Height: histogramHeight}
	for i, p := range ps {
		bh := 0
		if maxCount > 0 {
			bh = max(p.fv.Count*chartH/maxCount, 1)
		}
		on := v.Query.DateFrom == p.from && v.Query.DateTo == p.to
		x := i * (w + gap)
		h.Bars = append(h.Bars, bar{
			Label: p.fv.Value, Count: p.fv.Count, On: on,
			X: x, Y: chartH - bh, W: w, H: bh, TextX: x + w/2,
			ShowLabel: i%every == 0,
			URL: v.st.with(func(u url.Values) {
				if on {
					u.Del("date_from")
					u.Del("date_to")
				} else {
					u.Set("date_from", p.from)
					u.Set("date_to", p.to)
				}
			}),
		})
	}
	return h
}

// chips lists the active filters, each with a link that removes it, and the
// link that clears them all.
func (v *searchView) chips(fs map[string][]index.FacetValue) {
	q, ui := v.Query, v.UI
	for _, f := range []struct {
		param string
		vals  []string
	}{{"province", q.Provinces}, {"city", q.Cities}, {"sector", q.Sectors}, {"subsector", q.Subsectors}, {"source", q.Sources}} {
		for _, val := range f.vals {
			v.Chips = append(v.Chips, chip{
				Label: v.T("facet."+f.param) + ": " + v.name(f.param, val),
				URL: v.st.with(func(u url.Values) {
					removeValue(u, f.param, val)
					if f.param == "province" {
						dropCitiesOf(u, val)
					}
				}),
			})
		}
	}
	if q.AmountMin != nil || q.AmountMax != nil {
		label := ""
		for _, fv := range fs["amount"] {
			if sameBound(q.AmountMin, fv.Min) && sameBound(q.AmountMax, fv.Max) {
				label = pick(ui, fv.LabelZh, fv.LabelEn, fv.Value)
			}
		}
		if label == "" {
			switch {
			case q.AmountMin != nil && q.AmountMax != nil:
				label = formatAmount(*q.AmountMin, ui) + " – " + formatAmount(*q.AmountMax, ui)
			case q.AmountMin != nil:
				label = "≥ " + formatAmount(*q.AmountMin, ui)
			default:
				label = "< " + formatAmount(*q.AmountMax, ui)
			}
		}
		v.Chips = append(v.Chips, chip{
			Label: v.T("facet.amount") + ": " + label,
			URL:   v.st.with(func(u url.Values) { u.Del("amount_min"); u.Del("amount_max") }),
		})
	}
	if q.DateFrom != "" || q.DateTo != "" {
		label := q.DateFrom + " – " + q.DateTo
		if from, to, ok := dateRange(q.DateFrom[:min(4, len(q.DateFrom))]); ok && from == q.DateFrom && to == q.DateTo {
			label = q.DateFrom[:4]
		}
		v.Chips = append(v.Chips, chip{
			Label: v.T("facet.date") + ": " + strings.TrimSpace(label),
			URL:   v.st.with(func(u url.Values) { u.Del("date_from"); u.Del("date_to") }),
		})
	}
	if q.Lang != "" {
		v.Chips = append(v.Chips, chip{
			Label: v.T("facet.lang") + ": " + langName(q.Lang, ui),
			URL:   v.st.with(func(u url.Values) { u.Del("lang") }),
		})
	}
	if len(v.Chips) > 0 {
		v.ClearURL = v.st.with(func(u url.Values) {
			for _, k := range []string{"province", "city", "sector", "subsector", "source", "amount_min", "amount_max", "date_from", "date_to", "lang"} {
				u.Del(k)
			}
		})
	}
}

// pagination builds the page links: the first, the last, and two on each
// side of the current page, up to the result window.
func (v *searchView) pagination(total uint64) {
	size := v.Query.Size
	if size <= 0 {
		size = index.DefaultSize
	}
	if v.Query.Cursor != "" {
		// Past the page window, pages go on by cursor only.
		if v.Result.NextCursor != "" {
			v.NextURL = v.st.with(func(u url.Values) { u.Set("cursor", v.Result.NextCursor) })
		}
		return
	}
	last := int(min((total+uint64(size)-1)/uint64(size), uint64(MaxResultWindow/size)))
	cur := max(v.Query.Page, 1)
	if last <= 1 && cur <= 1 {
		return
	}
	pageURL := func(n int) string {
		return v.st.with(func(u url.Values) {
			if n > 1 {
				u.Set("page", strconv.Itoa(n))
			}
		})
	}
	if cur > 1 {
		v.PrevURL = pageURL(min(cur-1, max(last, 1)))
	}
	if cur < last {
		v.NextURL = pageURL(cur + 1)
	} else if cur == last && v.Result.NextCursor != "" {
		v.NextURL = v.st.with(func(u url.Values) { u.Set("cursor", v.Result.NextCursor) })
	}
	gap := false
	for n := 1; n <= last; n++ {
		if n == 1 || n == last || (n >= cur-2 && n <= cur+2) {
			v.Pages = append(v.Pages, pageLink{Number: n, URL: pageURL(n), Current: n == cur})
			gap = false
		} else if !gap {
			v.Pages = append(v.Pages, pageLink{Gap: true})
			gap = true
		}
	}
}

// isWebURL reports whether s is an absolute http or https URL, the only
// kind of link to a source the pages make.
func isWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
