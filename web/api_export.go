package web

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/investnews/regionsearch/index"
)

// Exporter is what GET /api/export needs from the index besides Searcher:
// every hit of a query, streamed in the query's order. *index.Index
// implements it.
type Exporter interface {
	Export(ctx context.Context, q index.Query, fn func(*index.Document) error) (int, error)
}

// Export limits: how long one export may run, how long one write to a slow
// client may take, and how many rows go out between flushes.
const (
	exportTimeout      = 30 * time.Minute
	exportWriteTimeout = 2 * time.Minute
	exportFlushRows    = 200
)

// exportColumns are the CSV header; exportRecord has the same fields.
var exportColumns = []string{"id", "title", "url", "source", "date", "lang", "provinces", "cities", "counties",
	"investor_provinces", "sectors", "subsectors", "amount_cny", "amounts"}

// exportRecord is one line of a JSON Lines export: a report's metadata and
// every extracted field, without the body and the evidence.
type exportRecord struct {
	ID                string            `json:"id"`
	Title             string            `json:"title"`
	URL               string            `json:"url"`
	Source            string            `json:"source"`
	Date              string            `json:"date"`
	Lang              string            `json:"lang"`
	Provinces         []index.PlaceRef  `json:"provinces"`
	Cities            []index.PlaceRef  `json:"cities"`
	Counties          []index.PlaceRef  `json:"counties"`
	InvestorProvinces []index.PlaceRef  `json:"investor_provinces"`
	Sectors           []index.SectorRef `json:"sectors"`
	Subsectors        []index.SectorRef `json:"subsectors"`
	AmountCNY         *float64          `json:"amount_cny"`
	Amounts           []index.Amount    `json:"amounts"`
}

// handleAPIExport answers GET /api/export: every hit of a search, as CSV
// (format=csv, the default) or JSON Lines (format=jsonl), streamed. It takes
// the filters, query and sort of /api/search; page, size and cursor do not
// apply. Errors found before the first row are JSON errors with a 4xx or 5xx
// status; an error after it ends the body early and is reported in the
// X-Export-Status trailer (and, in JSON Lines, a last {"error": ...} line).
func (s *Server) handleAPIExport(c *gin.Context) {
	format := strings.TrimSpace(c.Query("format"))
	if n := len(c.QueryArray("format")); n > 1 {
		s.fail(c, invalid(fmt.Sprintf("format is given %d times; give it at most once", n)))
		return
	}
	if format == "" {
		format = "csv"
	}
	if format != "csv" && format != "jsonl" {
		s.fail(c, invalid(fmt.Sprintf("format must be csv or jsonl; got %s", quote(format))))
		return
	}
	q, err := parseSearch(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	q.Page, q.Size, q.Cursor = 1, index.DefaultSize, ""
	ex, ok := s.ops.backend.(Exporter)
	if !ok {
		s.fail(c, errors.New("the searcher cannot export"))
		return
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), exportTimeout)
	defer cancel()

	w := newExportWriter(c, format)
	n, err := ex.Export(ctx, q, w.write)
	if err == nil {
		err = w.finish()
	}
	if err != nil && !w.started {
		s.fail(c, err)
		return
	}
	if err != nil {
		_, _, msg := s.explain(c, err)
		w.abort(msg)
		return
	}
	c.Writer.Header().Set("X-Export-Status", "complete")
	c.Writer.Header().Set("X-Export-Rows", strconv.Itoa(n))
}

// exportWriter writes the rows of an export, sending the headers with the
// first row so that an early error can still be a JSON error answer.
type exportWriter struct {
	c       *gin.Context
	format  string
	started bool
	rows    int
	csv     *csv.Writer
	enc     *json.Encoder
	rc      *http.ResponseController
}

func newExportWriter(c *gin.Context, format string) *exportWriter {
	return &exportWriter{c: c, format: format, rc: http.NewResponseController(c.Writer)}
}

// start sends the status, the headers and, for CSV, the byte-order mark
// that makes spreadsheets read UTF-8, and the header row.
func (w *exportWriter) start() error {
	w.started = true
	h := w.c.Writer.Header()
	name := "regionsearch-" + time.Now().UTC().Format("20060102-150405")
	if w.format == "csv" {
		h.Set("Content-Type", "text/csv; charset=utf-8")
		name += ".csv"
	} else {
		h.Set("Content-Type", "application/jsonl; charset=utf-8")
		name += ".jsonl"
	}
	h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	h.Set("Cache-Control", "no-store")
	h.Set("Trailer", "X-Export-Status, X-Export-Rows")
	w.c.Status(http.StatusOK)
	w.extendDeadline()
	if w.format == "jsonl" {
		w.enc = json.NewEncoder(w.c.Writer)
		w.enc.SetEscapeHTML(false)
		return nil
	}
	if _, err := io.WriteString(w.c.Writer, "\uFEFF"); err != nil {
		return err
	}
	w.csv = csv.NewWriter(w.c.Writer)
	w.csv.UseCRLF = true // what spreadsheets write
	return w.csv.Write(exportColumns)
}

// write sends one document.
func (w *exportWriter) write(d *index.Document) error {
	if !w.started {
		if err := w.start(); err != nil {
			return err
		}
	}
	var err error
	if w.format == "jsonl" {
		err = w.enc.Encode(exportRecord{ID: d.ID, Title: d.Title, URL: d.URL, Source: d.Source, Date: d.Date,
			Lang: d.Lang, Provinces: nonNil(d.Provinces), Cities: nonNil(d.Cities), Counties: nonNil(d.Counties),
			InvestorProvinces: nonNil(d.InvestorProvinces), Sectors: nonNil(d.Sectors),
			Subsectors: nonNil(d.Subsectors), AmountCNY: d.AmountCNY, Amounts: nonNil(d.Amounts)})
	} else {
		err = w.csv.Write(csvRow(d))
	}
	if err != nil {
		return err
	}
	w.rows++
	if w.rows%exportFlushRows == 0 {
		return w.flush()
	}
	return nil
}

// flush pushes buffered rows to the client and gives the next rows a fresh
// write deadline, so a long export is not cut by the server's timeout.
func (w *exportWriter) flush() error {
	if w.csv != nil {
		w.csv.Flush()
		if err := w.csv.Error(); err != nil {
			return err
		}
	}
	w.extendDeadline()
	w.c.Writer.Flush()
	return nil
}

func (w *exportWriter) extendDeadline() {
	// Not every ResponseWriter has deadlines (httptest's has none); then
	// the server's own timeouts apply.
	if err := w.rc.SetWriteDeadline(time.Now().Add(exportWriteTimeout)); err != nil && !errors.Is(err, http.ErrNotSupported) {
		_ = w.c.Error(err) // recorded on the context; the server's own timeouts still apply
	}
}

// finish ends a successful export; with no hits it still sends the headers
// and, for CSV, the header row.
func (w *exportWriter) finish() error {
	if !w.started {
		if err := w.start(); err != nil {
			return err
		}
	}
	return w.flush()
}

// abort ends an export that failed after its first row: JSON Lines get a
// last line with the error, and the trailer says what happened.
func (w *exportWriter) abort(msg string) {
	// The client may be gone, and the error is logged already: nothing
	// more can be done with a failure to write these.
	if w.enc != nil {
		_ = w.enc.Encode(errorBody{Error: errorDetail{Code: "export_failed", Message: msg}})
	}
	_ = w.flush()
	w.c.Writer.Header().Set("X-Export-Status", "error: "+msg)
	w.c.Writer.Header().Set("X-Export-Rows", strconv.Itoa(w.rows))
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// csvRow is one report as a CSV row. Multi-valued fields are joined with
// "; ", places and sectors as "名称 Name (code)", amounts as
// "text = yuan CNY (scope)".
func csvRow(d *index.Document) []string {
	places := func(ps []index.PlaceRef) string {
		parts := make([]string, len(ps))
		for i, p := range ps {
			parts[i] = strings.TrimSpace(p.NameZh+" "+p.NameEn) + " (" + p.Code + ")"
		}
		return strings.Join(parts, "; ")
	}
	sectors := func(ss []index.SectorRef) string {
		parts := make([]string, len(ss))
		for i, s := range ss {
			parts[i] = strings.TrimSpace(s.NameZh+" "+s.NameEn) + " (" + s.Key + ")"
		}
		return strings.Join(parts, "; ")
	}
	amounts := make([]string, len(d.Amounts))
	for i, a := range d.Amounts {
		amounts[i] = a.Text + " = " + yuan(a.CNY) + " CNY (" + a.Scope + ")"
	}
	amount := ""
	if d.AmountCNY != nil {
		amount = yuan(*d.AmountCNY)
	}
	row := []string{d.ID, d.Title, d.URL, d.Source, d.Date, d.Lang, places(d.Provinces), places(d.Cities),
		places(d.Counties), places(d.InvestorProvinces), sectors(d.Sectors), sectors(d.Subsectors), amount,
		strings.Join(amounts, "; ")}
	for i, cell := range row {
		if i != 12 { // amount_cny is a number
			row[i] = noFormula(cell)
		}
	}
	return row
}

// yuan writes an amount as a plain number a spreadsheet reads as one.
func yuan(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// noFormula keeps a spreadsheet from reading a text cell as a formula: a
// cell that starts with = + - @ or a control character gets a leading
// apostrophe.
func noFormula(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
