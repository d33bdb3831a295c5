package web

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/investnews/regionsearch/index"
)

// fakeExporter is a fakeSearcher that can also export.
type fakeExporter struct {
	*fakeSearcher
	ExportFn func(ctx context.Context, q index.Query, fn func(*index.Document) error) (int, error)
}

func (f *fakeExporter) Export(ctx context.Context, q index.Query, fn func(*index.Document) error) (int, error) {
	f.mu.Lock()
	f.queries = append(f.queries, q)
	f.mu.Unlock()
	return f.ExportFn(ctx, q, fn)
}

// exportDocs returns n documents with awkward text: commas, quotes, new
// lines, formula-like starts, Chinese, and empty fields.
func exportDocs(n int) []*index.Document {
	var out []*index.Document
	for i := range n {
		d := &index.Document{
			ID: fmt.Sprintf("d%04d", i), URL: "https://example.cn/a?x=1&y=" + strconv.Itoa(i),
			Title:  fmt.Sprintf("聊城签约项目 %d, \"quoted\"\nsecond line", i),
			Source: "示例网", Date: "2023-03-30", Lang: "zh",
			Provinces: []index.PlaceRef{{Code: "370000", NameZh: "山东省", NameEn: "Shandong Province"}},
			Cities:    []index.PlaceRef{{Code: "371500", NameZh: "聊城市", NameEn: "Liaocheng City"}},
			InvestorProvinces: []index.PlaceRef{{Code: "440000", NameZh: "广东省", NameEn: "Guangdong Province"},
				{Code: "320000", NameZh: "江苏省", NameEn: "Jiangsu Province"}},
			Sectors:    []index.SectorRef{{Key: "next-gen-it", NameZh: "新一代信息技术", NameEn: "Next-generation IT"}},
			Subsectors: []index.SectorRef{{Key: "1.2", NameZh: "电子核心产业", NameEn: "Core electronics"}},
			Amounts:    []index.Amount{{Text: "30亿元", Value: 3e9, Currency: "CNY", CNY: 3e9, Scope: "project"}},
		}
		if i%3 == 0 {
			d.Title = "=HYPERLINK(\"x\")"
			d.AmountCNY = nil
			d.Amounts = nil
		} else {
			v := float64(i) * 1e8
			d.AmountCNY = &v
		}
		out = append(out, d)
	}
	return out
}

func TestAPIExportCSV(t *testing.T) {
	docs := exportDocs(1234)
	f := &fakeExporter{fakeSearcher: &fakeSearcher{}, ExportFn: func(ctx context.Context, q index.Query, fn func(*index.Document) error) (int, error) {
		for _, d := range docs {
			if err := fn(d); err != nil {
				return 0, err
			}
		}
		return len(docs), nil
	}}
	h := newExportServer(t, f)
	rec := get(t, h, "/api/export?q=%E8%81%8A%E5%9F%8E&province=Shandong&sort=-date&page=3&format=csv")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "text/csv; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if cd := rec.Header().Get("Content-Disposition"); !strings.HasPrefix(cd, `attachment; filename="regionsearch-`) || !strings.HasSuffix(cd, `.csv"`) {
		t.Errorf("Content-Disposition %q", cd)
	}
	if got := rec.Result().Trailer.Get("X-Export-Status"); got != "complete" {
		t.Errorf("X-Export-Status trailer %q", got)
	}
	q := f.lastQuery(t)
	if q.Text != "聊城" || q.Sort != "-date" || len(q.Provinces) != 1 || q.Page != 1 {
		t.Errorf("query %+v", q)
	}
	body := rec.Body.String()
	if !strings.HasPrefix(body, "\uFEFFid,title,") {
		t.Fatalf("no BOM and header: %q", body[:min(len(body), 40)])
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(docs)+1 || strings.Join(rows[0], ",") != strings.Join(exportColumns, ",") {
		t.Fatalf("%d rows, header %v", len(rows), rows[0])
	}
	for i, d := range docs {
		row := rows[i+1]
		wantTitle := d.Title
		if strings.HasPrefix(wantTitle, "=") {
			wantTitle = "'" + wantTitle
		}
		amount := ""
		if d.AmountCNY != nil {
			amount = strconv.FormatFloat(*d.AmountCNY, 'f', -1, 64)
		}
		want := []string{d.ID, wantTitle, d.URL, "示例网", "2023-03-30", "zh", "山东省 Shandong Province (370000)",
			"聊城市 Liaocheng City (371500)", "", "广东省 Guangdong Province (440000); 江苏省 Jiangsu Province (320000)",
			"新一代信息技术 Next-generation IT (next-gen-it)", "电子核心产业 Core electronics (1.2)", amount, ""}
		if d.Amounts != nil {
			want[13] = "30亿元 = 3000000000 CNY (project)"
		}
		if strings.Join(row, "|") != strings.Join(want, "|") {
			t.Errorf("row %d:\n%q\nwant\n%q", i, row, want)
		}
	}
	if n := strings.Count(body, "\r\n"); n < len(docs)+1 {
		t.Errorf("%d CRLF line ends", n)
	}
}

func TestAPIExportJSONL(t *testing.T) {
	docs := exportDocs(10)
	f := &fakeExporter{fakeSearcher: &fakeSearcher{}, ExportFn: func(ctx context.Context, q index.Query, fn func(*index.Document) error) (int, error) {
		for _, d := range docs {
			if err := fn(d); err != nil {
				return 0, err
			}
		}
		return len(docs), nil
	}}
	h := newExportServer(t, f)
	rec := get(t, h, "/api/export?format=jsonl")
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/jsonl") {
		t.Fatalf("status %d, type %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	sc := bufio.NewScanner(rec.Body)
	sc.Buffer(nil, 1<<20)
	i := 0
	for ; sc.Scan(); i++ {
		var r exportRecord
		if err := decodeStrict(strings.NewReader(sc.Text()), &r); err != nil {
			t.Fatalf("line %d: %v", i, err)
		}
		if r.ID != docs[i].ID || r.Title != docs[i].Title || r.Counties == nil || r.Amounts == nil || len(r.InvestorProvinces) != 2 {
			t.Errorf("line %d: %+v", i, r)
		}
		if !strings.Contains(sc.Text(), `"amount_cny":`) {
			t.Errorf("line %d lacks amount_cny: %s", i, sc.Text())
		}
	}
	if i != len(docs) {
		t.Errorf("%d lines, want %d", i, len(docs))
	}
}

func TestAPIExportErrors(t *testing.T) {
	f := &fakeExporter{fakeSearcher: &fakeSearcher{}, ExportFn: func(ctx context.Context, q index.Query, fn func(*index.Document) error) (int, error) {
		if q.Text == "late" {
			for _, d := range exportDocs(3) {
				if err := fn(d); err != nil {
					return 0, err
				}
			}
			return 3, &index.Error{Kind: index.KindUnavailable, Message: "search timed out; narrow the query", Err: errBoom}
		}
		return 0, index.Errorf(index.KindInvalid, "unknown province \"Atlantis\"")
	}}
	h := newExportServer(t, f)
	for _, tt := range []struct {
		query  string
		status int
		want   string
	}{
		{"format=xlsx", 400, `format must be csv or jsonl; got "xlsx"`},
		{"format=csv&format=jsonl", 400, "format is given 2 times"},
		{"sort=price", 400, "sort must be one of"},
		{"province=Atlantis", 400, "unknown province"},
	} {
		rec := get(t, h, "/api/export?"+tt.query)
		if rec.Code != tt.status {
			t.Errorf("%s: status %d, want %d", tt.query, rec.Code, tt.status)
			continue
		}
		if e := errorFromBody(t, rec.Body); !strings.Contains(e.Error.Message, tt.want) {
			t.Errorf("%s: message %q, want %q", tt.query, e.Error.Message, tt.want)
		}
	}
	// An error after the first row ends the stream and says so.
	rec := get(t, h, "/api/export?q=late&format=jsonl")
	if rec.Code != http.StatusOK {
		t.Fatalf("late error: status %d", rec.Code)
	}
	lines := strings.Split(strings.TrimSpace(rec.Body.String()), "\n")
	if len(lines) != 4 || !strings.Contains(lines[3], `"export_failed"`) || strings.Contains(rec.Body.String(), "segment") {
		t.Errorf("late error body:\n%s", rec.Body)
	}
	if got := rec.Result().Trailer.Get("X-Export-Status"); !strings.HasPrefix(got, "error: search timed out") {
		t.Errorf("trailer %q", got)
	}
	// A Searcher that cannot export is a server fault.
	plain, _ := newTestServer(t, &fakeSearcher{})
	if rec := get(t, plain, "/api/export"); rec.Code != http.StatusInternalServerError {
		t.Errorf("no exporter: status %d", rec.Code)
	}
}

// TestAPIExportIndex exports from a real index in many small batches and
// checks every row against the index's own documents.
func TestAPIExportIndex(t *testing.T) {
	ix, err := index.Create(filepath.Join(t.TempDir(), "idx"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	w := ix.NewWriter(0)
	for i := range 40 {
		a := index.Article{ID: fmt.Sprintf("r%02d", i), Title: fmt.Sprintf("聊城签约第%d个项目", i),
			Date: time.Date(2020+i%5, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC),
			Body: fmt.Sprintf("山东省聊城市高新区签约碳化硅项目，总投资%d亿元。", i+1)}
		if i%2 == 1 {
			a.Title = fmt.Sprintf("Liaocheng signs project %d", i)
			a.Body = fmt.Sprintf("Liaocheng, Shandong Province, signed a chip project worth %d billion yuan.", i+1)
		}
		if err := w.Add(context.Background(), ix.Prepare(a)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	ix.SetExportBatch(3, 6)
	srv, err := New(ix, Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	resp, err := http.Get(ts.URL + "/api/export?q=Liaocheng&sort=amount")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d, %v", resp.StatusCode, err)
	}
	if got := resp.Trailer.Get("X-Export-Status"); got != "complete" {
		t.Errorf("trailer %q", got)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(raw), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 41 {
		t.Fatalf("%d rows, want 41", len(rows))
	}
	last := -1.0
	for _, row := range rows[1:] {
		d, err := ix.Document(context.Background(), row[0])
		if err != nil {
			t.Fatalf("row %v: %v", row, err)
		}
		if row[1] != d.Title || row[4] != d.Date || row[6] != "山东省 Shandong Province (370000)" || d.AmountCNY == nil ||
			row[12] != strconv.FormatFloat(*d.AmountCNY, 'f', -1, 64) {
			t.Errorf("row %q for %+v", row, d)
		}
		if *d.AmountCNY < last {
			t.Errorf("row %s out of amount order", row[0])
		}
		last = *d.AmountCNY
	}
}

func newExportServer(t *testing.T, f *fakeExporter) http.Handler {
	t.Helper()
	srv, err := New(f, Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	return srv.Handler()
}
