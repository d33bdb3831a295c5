// Package democorpus writes the demo corpus: synthetic Chinese and English
// reports about investment projects in China's regions, with the answer a
// perfect extractor would give for each.
//
// The reports are built from templates written for this project and from
// the gazetteer (analyzers/gazetteer): every one of the 31 mainland
// provinces, their cities, counties, development zones and state-level new
// areas. A report reads like wire copy or a government news item: a signing
// ceremony, a promotion event held in another city, a single project, a
// listed company's announcement, a provincial trade week, a village project
// in 万元, and so on. It names several projects with a company, a
// sector-specific product and an amount; an investor from another province;
// sometimes a ceremony venue elsewhere; and figures that are not investment
// (GDP, output value, revenue, exports, last year's totals). A few reports
// are in traditional Chinese, a few state no amount and a few no place.
//
// Each Report carries a Truth: where the investment lands (not the
// investor's home, not the venue), the investors' home provinces, the
// top-level sectors of the projects, and the headline amount in yuan (the
// event total when the report states one, else its largest project).
// Truth is recorded while the text is written, so it describes exactly what
// the text says.
//
// Generate is deterministic for a seed, streams any number of reports in
// constant memory, and writes tens of thousands of reports per second, so
// benchmarks can index 10⁵–10⁶ of them. Demo returns the built-in corpus of
// DemoSize reports.
package democorpus
