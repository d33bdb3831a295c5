// Package ingest reads reports from the files researchers have: JSON Lines
// (one report per line), plain-text files (one report per file, with an
// optional header block) and saved HTML pages (one report per page, main
// text found by readability). It turns each into an index.Article and
// reports every record it cannot read, with its file, line and reason,
// without stopping: invalid UTF-8 and NUL bytes are repaired with a
// warning; binary files, empty bodies, records over the size limit,
// malformed JSON, unreadable files, special files (FIFOs, devices) and
// symbolic-link loops are skipped with a problem report.
package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/investnews/regionsearch/index"
)

// MaxRecordBytes is the bound on one record (a JSON line, a text
// or HTML file). A news report is a few kilobytes; a record of megabytes is
// a dump or a mistake, and analysing it would take memory in proportion.
const MaxRecordBytes = 4 << 20

// Record is one article read from an input, with where it came from.
type Record struct {
	Article index.Article
	File    string // "-" for standard input
	Line    int    // 1-based line of a JSONL record; 0 for a whole file
	Bytes   int    // size of the raw record
}

// Problem is a record or file that could not be read. It is reported and
// skipped; reading goes on. A warning (Warn) is a record that was read
// after a repair, or a file left alone on purpose (a symbolic link).
type Problem struct {
	File   string
	Line   int
	Reason string // a short category: "invalid JSON", "missing body", ...
	Detail string // what exactly is wrong
	Warn   bool   // the record was still read (repaired), or nothing was lost
}

// Error formats the problem as file:line: reason: detail.
func (p Problem) Error() string {
	loc := p.File
	if p.Line > 0 {
		loc = fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	if p.Detail != "" {
		return fmt.Sprintf("%s: %s: %s", loc, p.Reason, p.Detail)
	}
	return fmt.Sprintf("%s: %s", loc, p.Reason)
}

// Reasons a record is skipped.
const (
	ReasonInvalidJSON = "invalid JSON"
	ReasonMissingBody = "missing body"
	ReasonBadDate     = "bad date"
	ReasonBadLang     = "bad lang"
	ReasonTooLarge    = "too large"
	ReasonBinary      = "binary file"
	ReasonUnreadable  = "unreadable"
	ReasonUnsupported = "unsupported file type"
	ReasonInvalidHTML = "invalid HTML"
	ReasonNotRegular  = "not a regular file"
	ReasonSymlink     = "symbolic link not followed"
	ReasonInvalidUTF8 = "invalid UTF-8"
	ReasonNUL         = "NUL bytes"
)

// Reader reads inputs. Stdin is read when an input is "-".
type Reader struct {
	Stdin io.Reader
}

// Read walks the inputs (files or directories, recursively) and calls emit
// for every article and problem for every record it skips. It returns only
// when ctx is done or emit fails.
func (r *Reader) Read(ctx context.Context, inputs []string, emit func(Record) error, problem func(Problem)) error {
	for _, in := range inputs {
		if err := ctx.Err(); err != nil {
			return err
		}
		if in == "-" {
			if r.Stdin == nil {
				problem(Problem{File: "-", Reason: ReasonUnreadable, Detail: "no standard input"})
				continue
			}
			if err := readJSONL(ctx, "-", r.Stdin, MaxRecordBytes, emit, problem); err != nil {
				return err
			}
			continue
		}
		// A named input is followed if it is a link: the user chose it.
		info, err := os.Stat(in)
		if err != nil {
			problem(Problem{File: in, Reason: ReasonUnreadable, Detail: describe(err)})
			continue
		}
		switch {
		case info.IsDir():
			files, err := listDir(in, problem)
			if err != nil {
				return err
			}
			for _, f := range files {
				if err := r.readFile(ctx, f, false, emit, problem); err != nil {
					return err
				}
			}
		case !info.Mode().IsRegular():
			// Opening a FIFO would wait for a writer forever.
			problem(Problem{File: in, Reason: ReasonNotRegular, Detail: info.Mode().Type().String()})
		default:
			if err := r.readFile(ctx, in, true, emit, problem); err != nil {
				return err
			}
		}
	}
	return nil
}

// Size returns the number of bytes the inputs hold in files Read would
// read, and false when that is unknown (standard input is among them).
func Size(inputs []string) (int64, bool) {
	var n int64
	known := true
	for _, in := range inputs {
		if in == "-" {
			known = false
			continue
		}
		info, err := os.Stat(in)
		if err != nil {
			continue
		}
		if !info.IsDir() {
			if info.Mode().IsRegular() {
				n += info.Size()
			}
			continue
		}
		files, _ := listDir(in, func(Problem) {})
		for _, f := range files {
			if fi, err := os.Lstat(f); err == nil {
				n += fi.Size()
			}
		}
	}
	return n, known
}

// listDir returns the supported files under dir in lexical order.
// Unreadable directories are reported and skipped; symbolic links are not
// followed (and reported as a warning), so a link loop cannot trap the
// walk.
func listDir(dir string, problem func(Problem)) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			problem(Problem{File: path, Reason: ReasonUnreadable, Detail: describe(err)})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") && path != dir {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			problem(Problem{File: path, Reason: ReasonSymlink, Warn: true,
				Detail: "name the target as an input to read it"})
		case d.Type().IsRegular():
			if Format(path) != "" {
				files = append(files, path)
			}
		case !d.IsDir() && Format(path) != "":
			problem(Problem{File: path, Reason: ReasonNotRegular, Detail: d.Type().String()})
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}

// Format returns the input format of a file by its extension: "jsonl",
// "txt", "html", or "" when unsupported.
func Format(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jsonl", ".ndjson":
		return "jsonl"
	case ".txt", ".text":
		return "txt"
	case ".html", ".htm", ".xhtml":
		return "html"
	}
	return ""
}

func (r *Reader) readFile(ctx context.Context, path string, explicit bool, emit func(Record) error, problem func(Problem)) error {
	format := Format(path)
	if format == "" {
		if explicit {
			problem(Problem{File: path, Reason: ReasonUnsupported,
				Detail: "use .jsonl, .ndjson, .txt, .html or .htm"})
		}
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		problem(Problem{File: path, Reason: ReasonUnreadable, Detail: describe(err)})
		return nil
	}
	defer f.Close()
	if format == "jsonl" {
		return readJSONL(ctx, path, f, MaxRecordBytes, emit, problem)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxRecordBytes+1))
	if err != nil {
		problem(Problem{File: path, Reason: ReasonUnreadable, Detail: describe(err)})
		return nil
	}
	if len(data) > MaxRecordBytes {
		problem(Problem{File: path, Reason: ReasonTooLarge, Detail: tooLarge(MaxRecordBytes)})
		return nil
	}
	var a index.Article
	var p *Problem
	if format == "html" {
		a, p = ParseHTML(data)
	} else if p = binaryProblem(data); p == nil {
		if !utf8.Valid(data) {
			if dec := decodeLegacy(data); !bytes.Equal(dec, data) {
				problem(Problem{File: path, Reason: ReasonInvalidUTF8, Warn: true,
					Detail: "not UTF-8; read as GB18030 (GBK)"})
				data = dec
			}
		}
		a, p = ParseText(data)
	}
	if p != nil {
		p.File = path
		problem(*p)
		return nil
	}
	if format == "txt" {
		repairWarnings(path, 0, data, problem)
	}
	return emit(Record{Article: a, File: path, Bytes: len(data)})
}

func tooLarge(max int) string {
	return fmt.Sprintf("more than %.1f MB; a report is never this long", float64(max)/1e6)
}

// binaryProblem reports a file that is not text.
func binaryProblem(data []byte) *Problem {
	if looksBinary(data) {
		return &Problem{Reason: ReasonBinary, Detail: "not text: NUL bytes, control characters or invalid UTF-8 throughout"}
	}
	return nil
}

// looksBinary reports whether the start of data is not text: more than one
// byte in twenty of its first 8 KB is NUL or a control character other
// than white space. Text in any encoding (UTF-8, GBK, Big5) has almost
// none; images, archives and executables have many.
func looksBinary(data []byte) bool {
	s := data[:min(len(data), 8192)]
	bad := 0
	for _, c := range s {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b || c == 0x7f {
			bad++
		}
	}
	return bad*20 > len(s)
}

// repairWarnings reports invalid UTF-8 and NUL bytes that reading
// replaced or dropped.
func repairWarnings(file string, line int, raw []byte, problem func(Problem)) {
	if !utf8.Valid(raw) {
		problem(Problem{File: file, Line: line, Reason: ReasonInvalidUTF8, Warn: true,
			Detail: "invalid bytes replaced by U+FFFD; the record was indexed"})
	}
	if bytes.IndexByte(raw, 0) >= 0 || bytes.Contains(raw, []byte(`\u0000`)) {
		problem(Problem{File: file, Line: line, Reason: ReasonNUL, Warn: true,
			Detail: "NUL bytes removed; the record was indexed"})
	}
}

// jsonRecord is the JSONL input format.
type jsonRecord struct {
	ID     string `json:"id"`
	URL    string `json:"url"`
	Title  string `json:"title"`
	Date   string `json:"date"`
	Source string `json:"source"`
	Lang   string `json:"lang"`
	Body   string `json:"body"`
}

func readJSONL(ctx context.Context, name string, r io.Reader, max int, emit func(Record) error, problem func(Problem)) error {
	br := bufio.NewReaderSize(r, 1<<20)
	if head, _ := br.Peek(8192); looksBinary(head) {
		problem(Problem{File: name, Reason: ReasonBinary, Detail: "not JSON Lines: NUL bytes, control characters or invalid UTF-8 throughout"})
		return nil
	}
	line := 0
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		raw, tooLong, err := readLine(br, max)
		if len(raw) == 0 && err != nil {
			if !errors.Is(err, io.EOF) {
				problem(Problem{File: name, Line: line + 1, Reason: ReasonUnreadable, Detail: describe(err)})
			}
			return nil
		}
		line++
		if tooLong {
			problem(Problem{File: name, Line: line, Reason: ReasonTooLarge, Detail: tooLarge(max)})
			continue
		}
		if line == 1 {
			raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
		}
		if len(bytes.TrimSpace(raw)) == 0 {
			continue
		}
		a, p := ParseJSON(raw)
		if p != nil {
			p.File, p.Line = name, line
			problem(*p)
			continue
		}
		repairWarnings(name, line, raw, problem)
		if err := emit(Record{Article: a, File: name, Line: line, Bytes: len(raw)}); err != nil {
			return err
		}
	}
}

// readLine reads one line (without its newline). A line longer than max is
// consumed and reported as too long.
func readLine(br *bufio.Reader, max int) (line []byte, tooLong bool, err error) {
	for {
		chunk, isPrefix, err := br.ReadLine()
		if len(line)+len(chunk) > max {
			tooLong = true
		} else {
			line = append(line, chunk...)
		}
		if err != nil || !isPrefix {
			if tooLong {
				return []byte{0}, true, err
			}
			return line, false, err
		}
	}
}

// ParseJSON parses one JSONL record. Only body is required.
func ParseJSON(raw []byte) (index.Article, *Problem) {
	var jr jsonRecord
	if err := json.Unmarshal(raw, &jr); err != nil {
		return index.Article{}, &Problem{Reason: ReasonInvalidJSON, Detail: describe(err)}
	}
	a := index.Article{ID: strings.TrimSpace(jr.ID), URL: strings.TrimSpace(jr.URL), Title: clean(jr.Title),
		Source: clean(jr.Source), Body: cleanBody(jr.Body)}
	if strings.TrimSpace(a.Body) == "" {
		return a, &Problem{Reason: ReasonMissingBody, Detail: "the body field is required and must not be empty"}
	}
	if jr.Date != "" {
		t, ok := ParseDate(jr.Date)
		if !ok {
			return a, &Problem{Reason: ReasonBadDate, Detail: fmt.Sprintf("%q is not YYYY-MM-DD or RFC 3339", jr.Date)}
		}
		a.Date = t
	}
	lang, ok := NormalizeLang(jr.Lang)
	if !ok {
		return a, &Problem{Reason: ReasonBadLang, Detail: fmt.Sprintf("%q: use zh or en", jr.Lang)}
	}
	a.Lang = lang
	return a, nil
}

// ParseDate accepts YYYY-MM-DD and RFC 3339 dates.
func ParseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, true
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, true
	}
	return time.Time{}, false
}

// NormalizeLang maps a language tag to "zh" or "en" ("" stays ""; zh-CN,
// zh-Hant, en-US are accepted).
func NormalizeLang(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch {
	case s == "":
		return "", true
	case s == "zh" || strings.HasPrefix(s, "zh-") || strings.HasPrefix(s, "zh_") || s == "chinese":
		return "zh", true
	case s == "en" || strings.HasPrefix(s, "en-") || strings.HasPrefix(s, "en_") || s == "english":
		return "en", true
	}
	return "", false
}

// clean makes a one-line field valid UTF-8 without control characters.
func clean(s string) string {
	return strings.Join(strings.Fields(cleanBody(s)), " ")
}

// cleanBody replaces invalid UTF-8 and drops NUL and other control
// characters except newlines and tabs; the text itself is kept.
func cleanBody(s string) string {
	if utf8.ValidString(s) && !strings.ContainsFunc(s, isDroppedControl) {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if isDroppedControl(r) {
			return -1
		}
		return r
	}, s)
}

func isDroppedControl(r rune) bool {
	return (r < 0x20 && r != '\n' && r != '\t' && r != '\r') || r == 0x7f
}

// describe shortens an error for a problem report.
func describe(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
