// Package analyzers provides the Chinese/English text analysis of the
// search engine, registered with bleve's global registry in init():
//
//   - the "gojieba" tokenizer (TokenizerName): jieba search-mode segmentation
//     of Chinese text with a position policy that keeps phrase queries exact,
//     and Unicode word runs (English, numbers, codes such as 5G or 3DIC) for
//     everything else;
//   - the "zh_fold" char filter (CharFilterName): traditional to simplified
//     Chinese (the table of package t2s, shared with extraction) and
//     full-width to half-width ASCII, without moving any byte offset, so
//     highlights computed on the analysed text mark the original;
//   - the "zh_latin" token filter (LatinFilterName): English possessives,
//     apostrophes, lower case and Snowball stemming (to a fixed point, so an
//     analysed term analyses to itself); English stop words are kept, since
//     US, IT and A (A-shares) are content words in investment news;
//   - the "zh_news" analyzer (AnalyzerName), which chains the three. Index
//     mappings name it for text fields and store no dictionary path: the
//     tokenizer's only options are logical ("hmm", "mode").
//
// # Dictionaries and Configure
//
// The jieba dictionaries are found at run time: Options.DictDir, else the
// REGIONSEARCH_DICT environment variable, else a copy embedded in the binary
// and written on first use under Options.DataDir (by default the user cache
// directory, else the temporary directory). Never the source tree of the
// build machine. Every Chinese name of the gazetteer (package gazetteer:
// divisions, new areas, NBS functional zones, and the national development
// zones with their short names and aliases, 东湖高新区, 苏州工业园区, 光谷) and
// the zone forms of city and county short names (南湖高新区) are added to the
// dictionary, so place names are single tokens; a name's specific and
// generic parts (东湖, 高新区) are tokens too.
//
// Configure is the one package-level setting, as bleve's registry is global
// by design: both binaries call it before opening an index, and it returns a
// clear error, never a panic, when a dictionary is missing or malformed. If
// it was not called, the first tokenizer or analyzer built configures the
// package with the zero Options, so tests need no setup. A process has one
// jieba instance, shared by every tokenizer and safe for concurrent use.
//
// DictVersion is a hash of everything that decides segmentation; an index
// stores it and is rebuilt when it changes.
//
// # Phrases
//
// Positions count characters, not words (see Tokenizer): a phrase query
// analysed with zh_news matches only text holding the phrase's characters
// contiguously, whichever way jieba cut them, and a word's sub-words match
// too (碳化 finds 碳化硅). A phrase that starts or ends inside a word of the
// document (硅芯片 in 碳化硅芯片) is not found: recall for arbitrary
// substrings is that of word segmentation, not of n-grams.
//
// A single character left over inside a word (the 市 of 聊城市, the 区 of
// 开发区) is indexed with RemainderMark (#市): phrases and longer queries
// that hold it match as before, but a one-character query matches only
// where jieba found the character standing alone, so 市 or 区 does not
// return every report that names a city or a district.
//
// # Query time
//
// Expand maps a place name in either script to the index terms of all its
// names (聊城 → 聊城, 聊城市, liaocheng), from the gazetteer, so aliases can
// change without a reindex. Segment shows how a query is cut into words.
package analyzers
