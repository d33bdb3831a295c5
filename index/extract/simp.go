package extract

// simpLo and simpHi bound the code points that tsPairs maps.
const (
	simpLo = 0x3400
	simpHi = 0xA000
)

// simpTab maps a traditional character (minus simpLo) to its simplified
// form, or 0 when it has none. It is built once from tsPairs.
var simpTab = buildSimp()

func buildSimp() []uint16 {
	t := make([]uint16, simpHi-simpLo)
	for i := 0; i+1 < len(tsPairs); i += 2 {
		if r := int(tsPairs[i]); r >= simpLo && r < simpHi {
			t[r-simpLo] = tsPairs[i+1]
		}
	}
	return t
}

// simplify returns the simplified form of a traditional Chinese character,
// and whether r had one.
func simplify(r rune) (rune, bool) {
	if r < simpLo || r >= simpHi {
		return r, false
	}
	if s := simpTab[r-simpLo]; s != 0 {
		return rune(s), true
	}
	return r, false
}
