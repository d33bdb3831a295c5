package extract

import (
	"strings"
	"time"
)

// dateWindow is how far from the top of a report FindDate looks, in bytes.
const dateWindow = 1500

// dateLabels introduce a publication date in page furniture.
var dateLabels = []string{
	"release date", "released", "publish date", "published", "publication date", "updated",
	"update time", "posted", "date", "发布时间", "发布日期", "发布于", "更新时间", "日期", "时间",
	"發布時間", "發佈時間", "發布日期",
}

var monthNames = []struct {
	w string
	m time.Month
}{
	{"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5}, {"june", 6},
	{"july", 7}, {"august", 8}, {"september", 9}, {"october", 10}, {"november", 11},
	{"december", 12}, {"sept", 9}, {"jan", 1}, {"feb", 2}, {"mar", 3}, {"apr", 4}, {"jun", 6},
	{"jul", 7}, {"aug", 8}, {"sep", 9}, {"oct", 10}, {"nov", 11}, {"dec", 12},
}

// FindDate returns the publication date written near the top of a report: a
// labelled date first (the seed layout " date 2023-03-30 …", "Release date:
// 2022-08-22 09:01", "Updated: 2021-08-19", "发布时间：2023年3月30日"), else
// the first date in one of the forms "March 30, 2023", "Oct. 31, 2023",
// "30 March 2023", "2023年3月30日", "2023-03-30", "2023/03/30" within the
// first 1500 bytes. Full-width digits count (２０２３年３月３０日); offsets
// stay those of text. The time is midnight UTC.
func FindDate(text string) (time.Time, bool) {
	t, _, ok := findDate(text)
	return t, ok
}

// findDate is FindDate that also returns the span of the date.
func findDate(text string) (time.Time, span, bool) {
	top := text
	if len(top) > dateWindow {
		top = top[:dateWindow]
	}
	nt, wm := narrow(top)
	f := fold(nt)
	// Labelled dates.
	for _, l := range dateLabels {
		off := 0
		for off < len(f) {
			k := strings.Index(f[off:], l)
			if k < 0 {
				break
			}
			k += off
			off = k + len(l)
			if k > 0 && isASCIIAlnum(f[k-1]) && l[0] < 0x80 {
				continue
			}
			j := off
			for j < len(f) && j < off+8 && (f[j] == ' ' || f[j] == ':' || f[j] == '\t' || strings.HasPrefix(f[j:], "：")) {
				if f[j] < 0x80 {
					j++
				} else {
					j += len("：")
				}
			}
			if j == off && l[0] < 0x80 && l != "date" {
				continue
			}
			if t, e, ok := parseDateAt(f, j); ok {
				return t, span{wm.orig(j), wm.orig(e)}, true
			}
		}
	}
	// The first date anywhere near the top.
	for i := 0; i < len(f); i++ {
		c := f[i]
		if !(isDigit(c) || c >= 'a' && c <= 'z') {
			continue
		}
		if i > 0 && isASCIIAlnum(f[i-1]) {
			continue
		}
		if t, e, ok := parseDateAt(f, i); ok {
			return t, span{wm.orig(i), wm.orig(e)}, true
		}
	}
	return time.Time{}, span{}, false
}

// parseDateAt reads a date in one of the supported forms at f[i:] (f folded).
func parseDateAt(f string, i int) (time.Time, int, bool) {
	if i >= len(f) {
		return time.Time{}, 0, false
	}
	if isDigit(f[i]) {
		// YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, YYYY年M月D日
		y, j, ok := readInt(f, i, 4, 4)
		if ok && j < len(f) {
			var sep string
			switch {
			case f[j] == '-' || f[j] == '/' || f[j] == '.':
				sep = f[j : j+1]
			case strings.HasPrefix(f[j:], "年"):
				sep = "年"
			}
			if sep != "" {
				j += len(sep)
				j2 := j
				if sep == "年" {
					j2 = skipSpaces(f, j)
				}
				m, k, ok := readInt(f, j2, 1, 2)
				if ok {
					msep := sep
					if sep == "年" {
						msep = "月"
					}
					if strings.HasPrefix(f[k:], msep) {
						k += len(msep)
						d, k2, ok := readInt(f, skipSpaces(f, k), 1, 2)
						if ok {
							if sep == "年" {
								if strings.HasPrefix(f[k2:], "日") {
									k2 += len("日")
								} else if !strings.HasPrefix(f[k2:], "号") {
									return time.Time{}, 0, false
								} else {
									k2 += len("号")
								}
							} else if k2 < len(f) && isDigit(f[k2]) {
								return time.Time{}, 0, false
							}
							if t, ok := mkDate(y, m, d); ok {
								return t, k2, true
							}
						}
					}
				}
			}
		}
		// D Month YYYY
		d, j, ok := readInt(f, i, 1, 2)
		if ok && j < len(f) && f[j] == ' ' {
			if m, k, ok := readMonth(f, j+1); ok {
				k = skipSpaces(f, k)
				if k < len(f) && f[k] == ',' {
					k = skipSpaces(f, k+1)
				}
				if y, k2, ok := readInt(f, k, 4, 4); ok {
					if t, ok := mkDate(y, int(m), d); ok {
						return t, k2, true
					}
				}
			}
		}
		return time.Time{}, 0, false
	}
	// Month D, YYYY
	m, j, ok := readMonth(f, i)
	if !ok {
		return time.Time{}, 0, false
	}
	j = skipSpaces(f, j)
	d, k, ok := readInt(f, j, 1, 2)
	if !ok {
		return time.Time{}, 0, false
	}
	if strings.HasPrefix(f[k:], "st") || strings.HasPrefix(f[k:], "nd") || strings.HasPrefix(f[k:], "rd") || strings.HasPrefix(f[k:], "th") {
		k += 2
	}
	if k < len(f) && f[k] == ',' {
		k++
	}
	k = skipSpaces(f, k)
	y, k2, ok := readInt(f, k, 4, 4)
	if !ok {
		return time.Time{}, 0, false
	}
	t, ok := mkDate(y, int(m), d)
	return t, k2, ok
}

// readMonth reads an English month name, full or abbreviated with an
// optional full stop, as a whole word.
func readMonth(f string, i int) (time.Month, int, bool) {
	for _, mn := range monthNames {
		if strings.HasPrefix(f[i:], mn.w) {
			j := i + len(mn.w)
			if j < len(f) && f[j] >= 'a' && f[j] <= 'z' {
				continue
			}
			if j < len(f) && f[j] == '.' {
				j++
			}
			if j >= len(f) || f[j] != ' ' {
				continue
			}
			return mn.m, j, true
		}
	}
	return 0, 0, false
}

// readInt reads between lo and hi digits at f[i:], not followed by another
// digit.
func readInt(f string, i, lo, hi int) (int, int, bool) {
	v, j := 0, i
	for j < len(f) && j-i < hi && isDigit(f[j]) {
		v = v*10 + int(f[j]-'0')
		j++
	}
	if j-i < lo || j < len(f) && isDigit(f[j]) {
		return 0, 0, false
	}
	return v, j, true
}

// mkDate validates and builds a date between 1990 and 2100.
func mkDate(y, m, d int) (time.Time, bool) {
	if y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}
