package extract

// DetectLang returns "zh" when Chinese characters outnumber Latin words in
// text, else "en". A Chinese character stands for about one word, so a
// Chinese report quoting English company names stays "zh" and an English
// report with a "中文" link stays "en". Text with neither is "en".
func DetectLang(text string) string {
	han, words := countScript(text)
	if han > words {
		return "zh"
	}
	return "en"
}
