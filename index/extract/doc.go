// Package extract turns the text of a Chinese or English investment report
// into the fields the search index facets on: where the investment lands
// (provinces, cities, counties, with parents filled in from the gazetteer),
// the investors' home provinces, the sectors and NBS subsectors, every
// investment figure with a headline amount in yuan, the publication date and
// the language, each value with the span of text that produced it.
//
// Contract:
//
//   - Location is where the money goes. Places inside company names, after
//     "-based" or before 企业/客商, go to InvestorProvinces; the venue of a
//     ceremony held elsewhere ("held in Shenzhen", "在深圳举行", "聊城（深圳）")
//     counts for nothing; when the report names no other place for the
//     investment and projects are signed there (or the title or an event
//     names it), the venue is the site. Short names (鼓楼, Nanhu) need context: a zone word
//     after them or a parent mentioned in the text. National development
//     zones (东湖高新区, 苏州工业园区, Optics Valley of China) are places of
//     their own, in Counties, under their host: a report about 东湖高新区 is
//     in Wuhan and Hubei. Unknown beats wrong: when the text does not say,
//     the fields stay empty.
//
//   - Sectors come from the embedded taxonomy.json: 18 top-level keys (the
//     nine NBS 2018 strategic emerging industries, then ten traditional
//     groups) and the NBS level-2 subsectors. A keyword hit weighs by its
//     sentence: title 3, a sentence about projects 2, other 1, a slogan about
//     a zone's leading industries 0.5; a sector needs 2.
//
//   - Amounts: ParseAmounts finds every money figure (30亿元, 三千万元, 超千亿元,
//     3000万美元, RMB 500 million, 46.3 billion yuan ($6.95 billion), ...) and
//     guesses its scope from the words around it. GDP, output value, revenue,
//     tax, exports and statistics of earlier years are scope "other" and
//     Extract drops them. Foreign currencies convert at the fixed table of
//     RateCNY. The headline is the event total when the report gives one,
//     else the largest project.
//
//   - Traditional Chinese is folded to simplified before matching (the
//     character table comes from OpenCC); offsets always refer to the
//     original text.
//
//   - Dates: FindDate reads a labelled date (" date 2023-03-30", "Release
//     date:", "Updated:", "发布时间：") or the first "March 30, 2023", "Oct.
//     31, 2023", "2023年3月30日", "2023-03-30" in the first 1500 bytes.
//     ExtractDated takes the publication date from metadata; with it,
//     figures of earlier years are recognised by their year, without it only
//     sentences that open with a year ("In 2022, ...") are.
//
// Measurement: testdata/labelled.jsonl (111 reports, used to develop the
// rules) and testdata/heldout.jsonl (48 reports written before their first
// evaluation) with per-field precision and recall and floors:
//
//	go test -run 'TestLabelled|TestHeldout' -v ./index/extract/
//	go test -run TestDemoCorpus -v ./index/extract/ -args -democorpus
//
// An Extractor is built once (New) and is safe for concurrent use; Extract
// compiles nothing at run time (every dictionary and cue list is a trie
// built once), for corpora of millions of reports.
package extract
