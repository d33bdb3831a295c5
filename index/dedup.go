package index

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"unicode"

	"github.com/investnews/regionsearch/analyzers/t2s"
)

// Near-duplicate signatures.
//
// A report's body is folded (traditional to simplified characters,
// full-width to ASCII, lower case) and cut into units: every Chinese
// character is a unit, every run of ASCII letters and digits is one, and
// white space and punctuation are dropped. Four consecutive units make a
// shingle, so the same story re-wrapped, re-punctuated or printed in the
// other script has the same shingles, while a changed word only changes the
// four shingles around it.
//
// The signature is a MinHash of the shingle set computed with one
// permutation: each shingle's 64-bit hash falls in one of sigBins bins by
// its top bits and each bin keeps the smallest remaining bits; empty bins
// borrow from the next non-empty bin (rotation densification). The share of
// bins two signatures agree on estimates the Jaccard similarity of their
// shingle sets. Bins keep 16 bits, which adds a chance of 2⁻¹⁶ of agreeing
// by accident.
//
// Locality-sensitive hashing finds candidates without comparing with every
// document: the first bandCount×bandRows bins are cut into bands, and each
// band's values hash to a key that is indexed as a keyword. Two reports with
// Jaccard similarity J share at least one key with probability
// 1-(1-J⁵)²⁰: 0.47 at J=0.5, 0.80 at 0.6, 0.97 at 0.7, 0.9996 at 0.8, and
// 0.005 at J=0.3. Candidates are then verified on the whole signature.

const (
	// sigBins is the number of MinHash values of a signature.
	sigBins = 128
	// bandRows and bandCount shape the LSH bands (see above).
	bandRows  = 5
	bandCount = 20
	// shingleUnits is the number of units in a shingle.
	shingleUnits = 4
	// minShingles is the fewest shingles a body needs to be compared with
	// others: shorter texts (a headline and a line) share too much by
	// chance, and are only merged when they are exact duplicates.
	minShingles = 40
	// NearDuplicateThreshold is the estimated Jaccard similarity of the
	// shingle sets from which two reports are the same story.
	NearDuplicateThreshold = 0.5
)

// signature is a MinHash signature; the zero value is "no signature".
type signature struct {
	bins     [sigBins]uint16
	shingles int // number of distinct shingles, or 0 when too short
}

// valid reports whether the text was long enough for a signature.
func (s *signature) valid() bool { return s.shingles >= minShingles }

// encode returns the signature as a short string for storage.
func (s *signature) encode() string {
	if !s.valid() {
		return ""
	}
	buf := make([]byte, 4+2*sigBins)
	binary.LittleEndian.PutUint32(buf, uint32(s.shingles))
	for i, v := range s.bins {
		binary.LittleEndian.PutUint16(buf[4+2*i:], v)
	}
	return base64.RawStdEncoding.EncodeToString(buf)
}

// decodeSignature reads a signature written by encode; an empty string is
// no signature.
func decodeSignature(s string) (signature, error) {
	var sig signature
	if s == "" {
		return sig, nil
	}
	buf, err := base64.RawStdEncoding.DecodeString(s)
	if err != nil || len(buf) != 4+2*sigBins {
		return sig, fmt.Errorf("decode signature: malformed (%d bytes)", len(buf))
	}
	sig.shingles = int(binary.LittleEndian.Uint32(buf))
	for i := range sig.bins {
		sig.bins[i] = binary.LittleEndian.Uint16(buf[4+2*i:])
	}
	return sig, nil
}

// similarity estimates the Jaccard similarity of the shingle sets of two
// signatures; it is 0 when either is too short.
func similarity(a, b *signature) float64 {
	if !a.valid() || !b.valid() {
		return 0
	}
	n := 0
	for i := range a.bins {
		if a.bins[i] == b.bins[i] {
			n++
		}
	}
	return float64(n) / sigBins
}

// bandKeys returns the LSH keys of a signature, one per band, or nil when it
// is too short: the hex form of bandHashes.
func (s *signature) bandKeys() []string {
	hs, ok := s.bandHashes()
	if !ok {
		return nil
	}
	keys := make([]string, bandCount)
	var buf [8]byte
	for b, h := range hs {
		binary.BigEndian.PutUint64(buf[:], h)
		keys[b] = hex.EncodeToString(buf[2:])
	}
	return keys
}

// bandHashes returns the 48-bit hash of each band of a valid signature; ok
// is false when it is too short.
func (s *signature) bandHashes() (hs [bandCount]uint64, ok bool) {
	if !s.valid() {
		return hs, false
	}
	for b := range bandCount {
		h := mix64(uint64(b) + 0x9e3779b97f4a7c15)
		for _, v := range s.bins[b*bandRows : (b+1)*bandRows] {
			h = mix64(h ^ uint64(v))
		}
		hs[b] = h >> 16
	}
	return hs, true
}

// mix64 is a 64-bit finaliser (splitmix64): a bijection that spreads every
// input bit over the output.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// foldRune folds a character for comparison: traditional to simplified,
// full-width ASCII to ASCII, upper to lower case.
func foldRune(r rune) rune {
	if r >= 0xFF01 && r <= 0xFF5E {
		r -= 0xFEE0
	} else if r == 0x3000 {
		r = ' '
	}
	if s, ok := t2s.Simplify(r); ok {
		r = s
	}
	return unicode.ToLower(r)
}

// isWordRune reports whether a folded character belongs to a run of
// letters and digits that makes one unit (a Latin word or a number).
func isWordRune(r rune) bool {
	return r < 0x2E80 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// signText computes the signature of a text.
func signText(text string) signature {
	const (
		fnvOffset = 14695981039346656037
		fnvPrime  = 1099511628211
	)
	var (
		sig   signature
		mins  [sigBins]uint64
		seen  [sigBins]bool
		ring  [shingleUnits]uint64
		n     int    // units so far
		word  uint64 // hash of the word being read
		inW   bool
		dedup = make(map[uint64]struct{}, len(text)/3)
	)
	unit := func(u uint64) {
		ring[n%shingleUnits] = u
		n++
		if n < shingleUnits {
			return
		}
		h := uint64(fnvOffset)
		for i := range shingleUnits {
			h = mix64(h ^ ring[(n+i)%shingleUnits])
		}
		if _, dup := dedup[h]; dup {
			return
		}
		dedup[h] = struct{}{}
		bin := h >> (64 - 7) // sigBins = 2⁷
		v := h & (1<<57 - 1)
		if !seen[bin] || v < mins[bin] {
			mins[bin], seen[bin] = v, true
		}
	}
	endWord := func() {
		if inW {
			unit(word)
			inW = false
		}
	}
	for _, r := range text {
		r = foldRune(r)
		switch {
		case isWordRune(r):
			if !inW {
				word, inW = fnvOffset, true
			}
			word = (word ^ uint64(r)) * fnvPrime
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			endWord()
			unit(mix64(uint64(r) | 1<<40))
		default:
			endWord()
		}
	}
	endWord()
	sig.shingles = len(dedup)
	if !sig.valid() {
		return signature{shingles: sig.shingles}
	}
	// Rotation densification: an empty bin takes the value of the next
	// non-empty bin, marked with the distance so that it differs from it.
	for i := range sigBins {
		j, k := i, 0
		for !seen[j] {
			j = (j + 1) % sigBins
			k++
		}
		v := mins[j]
		if k > 0 {
			v = mix64(v + uint64(k)*0x9e3779b97f4a7c15)
		}
		sig.bins[i] = uint16(v ^ v>>16 ^ v>>32 ^ v>>48)
	}
	return sig
}

// textHash identifies a report's normalised title and body: reports with
// the same text hash are exact duplicates, whatever their URL or id.
func textHash(title, body string) string {
	h := sha256.New()
	h.Write([]byte(normalizeText(title)))
	h.Write([]byte{0})
	h.Write([]byte(normalizeText(body)))
	return hex.EncodeToString(h.Sum(nil))[:24]
}
