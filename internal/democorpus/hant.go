package democorpus

import "strings"

//go:generate go run gen_hant.go

// toHant converts simplified Chinese to traditional characters, one
// character at a time, with the table in hant_table.go.
func toHant(s string) string {
	return strings.Map(func(r rune) rune {
		if t, ok := hantTable[r]; ok {
			return t
		}
		return r
	}, s)
}
