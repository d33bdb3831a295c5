package analyzers

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/yanyiwu/gojieba"
)

// Dictionary file names, as cppjieba expects them in a dictionary directory.
const (
	dictFile     = "jieba.dict.utf8"
	hmmFile      = "hmm_model.utf8"
	idfFile      = "idf.utf8"
	stopFile     = "stop_words.utf8"
	userDictFile = "user.dict.utf8"
)

// EnvDictDir is the environment variable consulted by Configure when
// Options.DictDir is empty.
const EnvDictDir = "REGIONSEARCH_DICT"

// algorithmVersion changes whenever the tokenizer, the char filter or the
// token filters would produce different tokens for the same text and the same
// dictionaries; it is part of DictVersion.
const algorithmVersion = "zh_news/2" // 2: place-name parts as tokens, marked one-character remainders

//go:embed dict/*.gz
var embeddedDict embed.FS

// Options says where the jieba dictionaries live. The zero value uses the
// REGIONSEARCH_DICT environment variable, else the copy embedded in the binary.
type Options struct {
	// DictDir holds jieba.dict.utf8, hmm_model.utf8, idf.utf8 and
	// stop_words.utf8, and optionally user.dict.utf8. If empty, the
	// REGIONSEARCH_DICT environment variable is used, else the embedded copy.
	DictDir string
	// DataDir is where the embedded copy is written on first use. If empty,
	// a directory under os.UserCacheDir, or else os.TempDir, is used.
	DataDir string
}

// state is what Configure builds once per process.
type state struct {
	dir     string // directory the dictionaries were read from
	jieba   *gojieba.Jieba
	version string
	words   *userWords
}

var (
	stateMu sync.Mutex
	current *state // set once, never replaced
)

// Configure loads the jieba dictionaries described by opts and makes them the
// ones every gojieba tokenizer and zh_news analyzer of this process uses. Call
// it once, before opening or creating an index; if it is not called, the first
// use configures the package with the zero Options.
//
// It returns an error, and never panics, if a dictionary is missing,
// unreadable or malformed. Calling it again after a successful call (or after
// the lazy configuration) is a no-op if it names dictionaries with the same
// DictVersion, and an error otherwise: a process has exactly one jieba
// instance.
func Configure(opts Options) error {
	stateMu.Lock()
	defer stateMu.Unlock()
	dir, err := resolveDictDir(opts)
	if err != nil {
		return err
	}
	if current != nil {
		if current.dir == dir {
			return nil
		}
		// Another directory holding the same dictionaries (the embedded copy
		// written elsewhere, say) is fine: nothing would change.
		ds, err := validateDir(dir)
		if err != nil {
			return err
		}
		if ds.version != current.version {
			return fmt.Errorf("analyzers: already configured with dictionaries in %s (%s), cannot switch to %s (%s)",
				current.dir, current.version, dir, ds.version)
		}
		return nil
	}
	st, err := load(dir)
	if err != nil {
		return err
	}
	current = st
	return nil
}

// configured returns the process state, configuring with the zero Options on
// first use.
func configured() (*state, error) {
	stateMu.Lock()
	st := current
	stateMu.Unlock()
	if st != nil {
		return st, nil
	}
	if err := Configure(Options{}); err != nil {
		return nil, err
	}
	stateMu.Lock()
	defer stateMu.Unlock()
	return current, nil
}

// DictVersion returns a stable hash of everything that decides how text is
// segmented: the main dictionary, the HMM model, the optional user dictionary,
// the generated place-name words, the traditional-to-simplified table and the
// analyzer's algorithm version. An index stores it and must be rebuilt when it
// changes. The keyword-extraction files (idf.utf8, stop_words.utf8) do not
// take part, since the analyzer does not use them.
func DictVersion() (string, error) {
	st, err := configured()
	if err != nil {
		return "", err
	}
	return st.version, nil
}

// resolveDictDir picks the dictionary directory: opts.DictDir, then the
// environment, then the embedded copy written under the data directory.
func resolveDictDir(opts Options) (string, error) {
	dir := opts.DictDir
	if dir == "" {
		dir = os.Getenv(EnvDictDir)
	}
	if dir != "" {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return "", fmt.Errorf("analyzers: dictionary directory %s: %w", dir, err)
		}
		return abs, nil
	}
	return extractEmbedded(opts.DataDir)
}

// extractEmbedded writes the embedded dictionaries to a directory named after
// their content under dataDir (or the user cache directory) and returns it.
// Files are written to a temporary name and renamed, so concurrent processes
// never see a partial file.
func extractEmbedded(dataDir string) (string, error) {
	entries, err := embeddedDict.ReadDir("dict")
	if err != nil {
		return "", fmt.Errorf("analyzers: read embedded dictionaries: %w", err)
	}
	h := sha256.New()
	var names []string
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".gz") {
			continue
		}
		b, err := embeddedDict.ReadFile("dict/" + e.Name())
		if err != nil {
			return "", fmt.Errorf("analyzers: read embedded %s: %w", e.Name(), err)
		}
		h.Write([]byte(e.Name()))
		h.Write(b)
		names = append(names, e.Name())
	}
	sub := "jieba-" + hex.EncodeToString(h.Sum(nil))[:12]
	var bases []string
	if dataDir != "" {
		bases = append(bases, dataDir)
	} else {
		if c, err := os.UserCacheDir(); err == nil {
			bases = append(bases, filepath.Join(c, "regionsearch"))
		}
		bases = append(bases, filepath.Join(os.TempDir(), "regionsearch"))
	}
	var errs []error
	for _, base := range bases {
		dir := filepath.Join(base, sub)
		if err := writeEmbedded(dir, names); err != nil {
			errs = append(errs, err)
			continue
		}
		abs, err := filepath.Abs(dir)
		if err != nil {
			return "", fmt.Errorf("analyzers: dictionary directory %s: %w", dir, err)
		}
		return abs, nil
	}
	return "", fmt.Errorf("analyzers: write embedded dictionaries: %w", errors.Join(errs...))
}

func writeEmbedded(dir string, names []string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, name := range names {
		dst := filepath.Join(dir, strings.TrimSuffix(name, ".gz"))
		if fi, err := os.Stat(dst); err == nil && fi.Mode().IsRegular() && fi.Size() > 0 {
			continue
		}
		if err := gunzipTo(dst, "dict/"+name); err != nil {
			return fmt.Errorf("write %s: %w", dst, err)
		}
	}
	return nil
}

func gunzipTo(dst, name string) error {
	f, err := embeddedDict.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(dst), filepath.Base(dst)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if _, err := io.Copy(tmp, zr); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), dst)
}

// dictSet is a validated dictionary directory.
type dictSet struct {
	dir                        string
	dict, hmm, user, idf, stop string // paths
	version                    string
	words                      *userWords
}

// load validates the dictionaries in dir, builds the jieba instance and adds
// the place-name words.
func load(dir string) (*state, error) {
	ds, err := validateDir(dir)
	if err != nil {
		return nil, err
	}
	// Every path is explicit, so gojieba never falls back to the source
	// directory of the machine it was built on.
	jb := gojieba.NewJieba(ds.dict, ds.hmm, ds.user, ds.idf, ds.stop)
	for _, w := range ds.words.toAdd() {
		jb.AddWordEx(w.word, w.freq, "ns")
	}
	ds.words.freq, ds.words.all = nil, nil // only the boundaries are needed from now on
	return &state{dir: dir, jieba: jb, version: ds.version, words: ds.words}, nil
}

// validateDir checks every dictionary file in dir the way cppjieba will read
// it (cppjieba aborts the process on a malformed file), and computes the
// dictionary version.
func validateDir(dir string) (*dictSet, error) {
	words, err := buildUserWords()
	if err != nil {
		return nil, err
	}
	ds := &dictSet{
		dir:   dir,
		dict:  filepath.Join(dir, dictFile),
		hmm:   filepath.Join(dir, hmmFile),
		user:  filepath.Join(dir, userDictFile),
		idf:   filepath.Join(dir, idfFile),
		stop:  filepath.Join(dir, stopFile),
		words: words,
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\n", algorithmVersion)
	if err := checkFile(ds.dict, h, func(r io.Reader) error { return validateDict(r, words.markKnown) }); err != nil {
		return nil, err
	}
	if err := checkFile(ds.hmm, h, validateHMM); err != nil {
		return nil, err
	}
	if err := checkFile(ds.idf, nil, validateIDF); err != nil {
		return nil, err
	}
	if err := checkFile(ds.stop, nil, validateNonEmpty); err != nil {
		return nil, err
	}
	if _, err := os.Stat(ds.user); err == nil {
		if err := checkFile(ds.user, h, validateUserDict); err != nil {
			return nil, err
		}
	} else if errors.Is(err, os.ErrNotExist) {
		// cppjieba needs some user dictionary path; an empty one will do.
		ds.user = os.DevNull
		if _, err := os.Stat(ds.user); err != nil {
			return nil, fmt.Errorf("analyzers: no %s in %s and no %s: %w", userDictFile, dir, os.DevNull, err)
		}
	} else {
		return nil, fmt.Errorf("analyzers: dictionary %s: %w", ds.user, err)
	}
	words.hash(h)
	t2sHash(h)
	ds.version = "zh_news-" + hex.EncodeToString(h.Sum(nil))[:16]
	return ds, nil
}

// checkFile opens path, runs validate over its content and, if h is not nil,
// hashes the content into h.
func checkFile(path string, h io.Writer, validate func(io.Reader) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("analyzers: dictionary %s: %w", path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("analyzers: dictionary %s: %w", path, err)
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("analyzers: dictionary %s: not a regular file", path)
	}
	var r io.Reader = f
	if h != nil {
		fmt.Fprintf(h, "%s\n", filepath.Base(path))
		r = io.TeeReader(f, h)
	}
	if err := validate(r); err != nil {
		return fmt.Errorf("analyzers: dictionary %s: %w", path, err)
	}
	return nil
}

// lines calls fn with each line of r as C++ getline sees it (without the
// newline) and its 1-based number.
func lines(r io.Reader, fn func(n int, line string) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	n := 0
	for {
		line, err := br.ReadString('\n')
		if line != "" {
			n++
			if ferr := fn(n, strings.TrimSuffix(line, "\n")); ferr != nil {
				return ferr
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// splitLimonp splits like limonp::Split: on any byte of seps, without a final
// empty field.
func splitLimonp(s, seps string) []string {
	var out []string
	start := 0
	for start < len(s) {
		i := strings.IndexAny(s[start:], seps)
		if i < 0 {
			out = append(out, s[start:])
			break
		}
		out = append(out, s[start:start+i])
		start += i + 1
	}
	return out
}

// validateDict checks every line of the main dictionary has the three
// fields "word freq tag" that cppjieba insists on (it aborts the process
// otherwise) and reports each word to known. It reads 350,000 lines at every
// start, so it avoids allocating per line.
func validateDict(r io.Reader, known func(word string, freq float64)) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	sc.Split(scanLinesKeepCR)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Bytes()
		i := bytes.IndexByte(line, ' ')
		j := -1
		if i >= 0 {
			j = bytes.IndexByte(line[i+1:], ' ')
		}
		if i <= 0 || j < 0 || bytes.IndexByte(line[i+1+j+1:], ' ') >= 0 || i+1+j+1 == len(line) {
			return fmt.Errorf("line %d: want \"word freq tag\", got %q", n, line)
		}
		word, freq := line[:i], line[i+1:i+1+j]
		if !utf8.Valid(word) {
			return fmt.Errorf("line %d: bad word %q", n, word)
		}
		v, ok := positiveNumber(freq)
		if !ok {
			return fmt.Errorf("line %d: bad frequency %q", n, freq)
		}
		known(string(word), v)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("line %d: %w", n+1, err)
	}
	if n == 0 {
		return errors.New("empty dictionary")
	}
	return nil
}

// scanLinesKeepCR splits at '\n' only, like C++ getline, keeping any '\r'.
func scanLinesKeepCR(data []byte, atEOF bool) (int, []byte, error) {
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		return i + 1, data[:i], nil
	}
	if atEOF && len(data) > 0 {
		return len(data), data, nil
	}
	return 0, nil, nil
}

// positiveNumber parses a dictionary frequency: digits (the usual case)
// without allocating, anything else with strconv.
func positiveNumber(b []byte) (float64, bool) {
	if len(b) == 0 {
		return 0, false
	}
	v := 0.0
	for _, c := range b {
		if c < '0' || c > '9' {
			f, err := strconv.ParseFloat(string(b), 64)
			return f, err == nil && f > 0 && !math.IsInf(f, 0)
		}
		v = v*10 + float64(c-'0')
	}
	return v, v > 0 && !math.IsInf(v, 0)
}

// validateUserDict checks the optional user dictionary: "word [freq] [tag]".
func validateUserDict(r io.Reader) error {
	return lines(r, func(n int, line string) error {
		if line == "" {
			return nil
		}
		f := splitLimonp(line, " ")
		if len(f) < 1 || len(f) > 3 || f[0] == "" || !utf8.ValidString(f[0]) {
			return fmt.Errorf("line %d: want \"word [freq] [tag]\", got %q", n, line)
		}
		return nil
	})
}

// validateHMM checks the layout cppjieba's HMMModel reads: a start-probability
// line, four transition lines of four numbers, and four emission lines of
// "rune:prob" pairs, ignoring blank and '#' lines.
func validateHMM(r io.Reader) error {
	var content []string
	err := lines(r, func(n int, line string) error {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			return nil
		}
		content = append(content, line)
		return nil
	})
	if err != nil {
		return err
	}
	if len(content) < 9 {
		return fmt.Errorf("want 9 model lines, got %d", len(content))
	}
	for i := 0; i < 5; i++ {
		if f := splitLimonp(content[i], " "); len(f) != 4 {
			return fmt.Errorf("probability line %d: want 4 numbers, got %d", i+1, len(f))
		}
	}
	for i := 5; i < 9; i++ {
		for _, pair := range splitLimonp(content[i], ",") {
			kv := splitLimonp(pair, ":")
			if len(kv) != 2 || !utf8.ValidString(kv[0]) || utf8.RuneCountInString(kv[0]) != 1 {
				return fmt.Errorf("emission line %d: bad pair %q", i-4, pair)
			}
		}
	}
	return nil
}

// validateIDF checks the IDF file has at least one "word idf" line with a
// positive idf, as cppjieba's keyword extractor asserts.
func validateIDF(r io.Reader) error {
	sum, count := 0.0, 0
	err := lines(r, func(n int, line string) error {
		count++
		f := splitLimonp(line, " ")
		if len(f) == 2 {
			v, _ := strconv.ParseFloat(f[1], 64)
			sum += v
		}
		return nil
	})
	if err != nil {
		return err
	}
	if count == 0 || !(sum/float64(count) > 0) {
		return errors.New("no positive idf values")
	}
	return nil
}

// validateNonEmpty checks the file has at least one line.
func validateNonEmpty(r io.Reader) error {
	var b [1]byte
	if n, _ := io.ReadFull(r, b[:]); n == 0 {
		return errors.New("empty file")
	}
	_, err := io.Copy(io.Discard, r)
	return err
}

// readEmbedded returns the decompressed content of an embedded dictionary
// file; tests use it.
func readEmbedded(name string) ([]byte, error) {
	f, err := embeddedDict.Open("dict/" + name + ".gz")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	_, err = io.Copy(&buf, zr)
	return buf.Bytes(), err
}
