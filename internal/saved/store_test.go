package saved

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/investnews/regionsearch/index"
)

// clock is a fake time source that moves one second per reading.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2026, 3, 30, 8, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Second)
	return c.t
}

func openTest(t *testing.T) (*Store, *clock) {
	t.Helper()
	c := newClock()
	s, err := Open(filepath.Join(t.TempDir(), "saved.db"), Options{Now: c.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, c
}

func mustCreate(t *testing.T, s *Store, name string, q Query) SavedSearch {
	t.Helper()
	ss, err := s.Create(context.Background(), SavedSearch{Name: name, Query: q})
	if err != nil {
		t.Fatalf("create %q: %v", name, err)
	}
	return ss
}

var jiangsuChips = Query{Q: "芯片", Province: []string{"Jiangsu"}, Sector: []string{"next-gen-it"}, AmountMin: "1000000000", Sort: "-date"}

func TestCleanName(t *testing.T) {
	tests := []struct {
		in, want, err string
	}{
		{in: "江苏 半导体 ≥10亿", want: "江苏 半导体 ≥10亿"},
		{in: "  padded  ", want: "padded"},
		{in: "<script>alert(1)</script>", want: "<script>alert(1)</script>"},
		{in: strings.Repeat("名", MaxNameLength), want: strings.Repeat("名", MaxNameLength)},
		{in: "", err: "name is empty; give the saved search a name"},
		{in: " \t ", err: "name is empty"},
		{in: strings.Repeat("名", MaxNameLength+1), err: "name is too long (101 characters); shorten it to at most 100"},
		{in: "two\nlines", err: "name contains control characters"},
		{in: "bad \xff byte", err: "name is not valid UTF-8 text"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := CleanName(tt.in)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) || index.KindOf(err) != index.KindInvalid {
					t.Fatalf("CleanName(%q) = %q, %v; want an invalid error containing %q", tt.in, got, err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("CleanName(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestValidID(t *testing.T) {
	tests := []struct {
		id   string
		want bool
	}{
		{"0123456789abcdef", true},
		{newID(), true},
		{"0123456789ABCDEF", false},
		{"0123456789abcde", false},
		{"0123456789abcdefa", false},
		{"export", false},
		{"../../etc/passwd", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := ValidID(tt.id); got != tt.want {
			t.Errorf("ValidID(%q) = %v, want %v", tt.id, got, tt.want)
		}
	}
}

func TestQueryValues(t *testing.T) {
	tests := []struct {
		name string
		q    Query
		want string
	}{
		{"empty", Query{}, ""},
		{"all", Query{Q: "碳化硅 OR SiC", Province: []string{"370000", "Jiangsu"}, City: []string{"聊城"}, Sector: []string{"new-energy"},
			AmountMin: "1e9", AmountMax: "1e10", DateFrom: "2023-01-01", DateTo: "2023-12-31", Lang: "zh", Sort: "-amount"},
			"amount_max=1e10&amount_min=1e9&city=%E8%81%8A%E5%9F%8E&date_from=2023-01-01&date_to=2023-12-31&lang=zh" +
				"&province=370000&province=Jiangsu&q=%E7%A2%B3%E5%8C%96%E7%A1%85+OR+SiC&sector=new-energy&sort=-amount"},
		{"subsector and source", Query{Subsector: []string{"1.2", "3.4"}, Source: []string{"新华网"}},
			"source=%E6%96%B0%E5%8D%8E%E7%BD%91&subsector=1.2&subsector=3.4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := tt.q.Values()
			if got := v.Encode(); got != tt.want {
				t.Errorf("Values = %s\nwant     %s", got, tt.want)
			}
			v.Set("page", "3")
			if back := QueryFromValues(v); !reflect.DeepEqual(back, tt.q) {
				t.Errorf("QueryFromValues = %+v, want %+v", back, tt.q)
			}
		})
	}
}

func TestQueryJSON(t *testing.T) {
	tests := []struct {
		in      string
		want    Query
		wantErr bool
	}{
		{in: `{"amount_min": 1e9, "amount_max": "2000000000"}`, want: Query{AmountMin: "1e9", AmountMax: "2000000000"}},
		{in: `{"q": "<b>", "province": ["Shandong"]}`, want: Query{Q: "<b>", Province: []string{"Shandong"}}},
		{in: `{"amount_min": "lots"}`, wantErr: true},
		{in: `{"amount_min": true}`, wantErr: true},
	}
	for _, tt := range tests {
		var q Query
		err := json.Unmarshal([]byte(tt.in), &q)
		if tt.wantErr {
			if err == nil {
				t.Errorf("%s: no error, got %+v", tt.in, q)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(q, tt.want) {
			t.Errorf("%s: %+v, %v; want %+v", tt.in, q, err, tt.want)
		}
	}
	out, err := json.Marshal(Query{AmountMin: "1e9"})
	if err != nil || string(out) != `{"amount_min":1e9}` {
		t.Errorf("marshal: %s, %v", out, err)
	}
}

func TestCreateGetList(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	a := mustCreate(t, s, "  Jiangsu chips ", jiangsuChips)
	b := mustCreate(t, s, "新能源 中西部", Query{Q: "新能源", Province: []string{"四川", "陕西"}})

	if !ValidID(a.ID) || a.ID == b.ID {
		t.Errorf("ids %q %q", a.ID, b.ID)
	}
	if a.Name != "Jiangsu chips" {
		t.Errorf("name not trimmed: %q", a.Name)
	}
	if a.Created.IsZero() || !a.Updated.Equal(a.Created) || !a.LastSeen.Equal(a.Created) {
		t.Errorf("times: %+v", a)
	}
	got, err := s.Get(ctx, a.ID)
	if err != nil || !reflect.DeepEqual(got, a) {
		t.Errorf("Get = %+v, %v; want %+v", got, err, a)
	}
	list, err := s.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].ID != a.ID || list[1].ID != b.ID {
		t.Errorf("List = %+v, want a then b", list)
	}
}

func TestStoreErrors(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	a := mustCreate(t, s, "a", Query{})
	missing := "00000000000000ff"
	tests := []struct {
		name string
		op   func() error
		kind index.Kind
		msg  string
	}{
		{"get unknown", func() error { _, err := s.Get(ctx, missing); return err }, index.KindNotFound, `no saved search with id "00000000000000ff"`},
		{"get malformed id", func() error { _, err := s.Get(ctx, "../x"); return err }, index.KindNotFound, `no saved search with id "../x"`},
		{"update unknown", func() error {
			_, err := s.Update(ctx, missing, func(*SavedSearch) error { return nil })
			return err
		}, index.KindNotFound, "no saved search"},
		{"delete unknown", func() error { return s.Delete(ctx, missing) }, index.KindNotFound, "no saved search"},
		{"mark unknown", func() error { _, err := s.MarkSeen(ctx, missing, time.Now()); return err }, index.KindNotFound, "no saved search"},
		{"create empty name", func() error { _, err := s.Create(ctx, SavedSearch{Name: " "}); return err }, index.KindInvalid, "name is empty"},
		{"rename to empty", func() error {
			_, err := s.Update(ctx, a.ID, func(ss *SavedSearch) error { ss.Name = ""; return nil })
			return err
		}, index.KindInvalid, "name is empty"},
		{"import bad id", func() error { _, err := s.Import(ctx, []SavedSearch{{ID: "EXPORT", Name: "x"}}); return err }, index.KindInvalid,
			`saved search 1: id "EXPORT" is not 16 lowercase hexadecimal digits`},
		{"import duplicate ids", func() error {
			_, err := s.Import(ctx, []SavedSearch{{ID: missing, Name: "x"}, {Name: "y"}, {ID: missing, Name: "z"}})
			return err
		}, index.KindInvalid, "saved searches 1 and 3 have the same id"},
		{"import bad name", func() error { _, err := s.Import(ctx, []SavedSearch{{Name: "ok"}, {Name: ""}}); return err }, index.KindInvalid,
			"saved search 2: name is empty"},
		{"cancelled", func() error {
			c, cancel := context.WithCancel(ctx)
			cancel()
			_, err := s.Create(c, SavedSearch{Name: "x"})
			return err
		}, index.KindInternal, "context canceled"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.op()
			if err == nil {
				t.Fatal("no error")
			}
			if k := index.KindOf(err); k != tt.kind {
				t.Errorf("kind %v, want %v (%v)", k, tt.kind, err)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q lacks %q", err, tt.msg)
			}
		})
	}
	// Nothing above changed the store.
	list, _ := s.List(ctx)
	if len(list) != 1 || !reflect.DeepEqual(list[0], a) {
		t.Errorf("store changed: %+v", list)
	}
}

func TestUpdate(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	a := mustCreate(t, s, "a", jiangsuChips)
	got, err := s.Update(ctx, a.ID, func(ss *SavedSearch) error {
		ss.ID = "ffffffffffffffff"
		ss.Created = time.Time{}
		ss.LastSeen = time.Time{}
		ss.Name = " renamed "
		ss.Query.Sector = append(ss.Query.Sector, "biotech")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != a.ID || !got.Created.Equal(a.Created) || !got.LastSeen.Equal(a.LastSeen) || !got.Updated.After(a.Updated) {
		t.Errorf("update changed what it must not or not what it must: %+v", got)
	}
	if got.Name != "renamed" || !reflect.DeepEqual(got.Query.Sector, []string{"next-gen-it", "biotech"}) {
		t.Errorf("update lost the edit: %+v", got)
	}
	stored, _ := s.Get(ctx, a.ID)
	if !reflect.DeepEqual(stored, got) {
		t.Errorf("stored %+v, returned %+v", stored, got)
	}

	boom := errors.New("boom")
	if _, err := s.Update(ctx, a.ID, func(ss *SavedSearch) error { ss.Name = "lost"; return boom }); err != boom {
		t.Errorf("edit error: %v", err)
	}
	if after, _ := s.Get(ctx, a.ID); !reflect.DeepEqual(after, got) {
		t.Errorf("failed edit changed the store: %+v", after)
	}
}

func TestMarkSeen(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	a := mustCreate(t, s, "a", Query{})
	later := a.LastSeen.Add(time.Hour)
	tests := []struct {
		name string
		at   time.Time
		want time.Time
	}{
		{"forward", later, later},
		{"never back", a.LastSeen, later},
		{"other zone", later.Add(time.Minute).In(time.FixedZone("CST", 8*3600)), later.Add(time.Minute)},
	}
	for _, tt := range tests {
		got, err := s.MarkSeen(ctx, a.ID, tt.at)
		if err != nil {
			t.Fatal(err)
		}
		if !got.LastSeen.Equal(tt.want) || got.LastSeen.Location() != time.UTC {
			t.Errorf("%s: LastSeen %v, want %v UTC", tt.name, got.LastSeen, tt.want)
		}
		if !got.Updated.Equal(a.Updated) {
			t.Errorf("%s: MarkSeen changed Updated", tt.name)
		}
	}
}

func TestDelete(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	a := mustCreate(t, s, "a", Query{})
	b := mustCreate(t, s, "b", Query{})
	if err := s.Delete(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx, a.ID); !errors.Is(err, index.ErrNotFound) {
		t.Errorf("deleted search: %v", err)
	}
	if list, _ := s.List(ctx); len(list) != 1 || list[0].ID != b.ID {
		t.Errorf("List = %+v", list)
	}
}

func TestImport(t *testing.T) {
	ctx := context.Background()
	old := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		name    string
		in      []SavedSearch
		want    ImportStats
		wantErr string
		count   int // saved searches after the import; the store starts with one
	}{
		{"new ones", []SavedSearch{{Name: "x"}, {ID: "00000000000000aa", Name: "y", Created: old, Updated: old, LastSeen: old}},
			ImportStats{Created: 2}, "", 3},
		{"replace", []SavedSearch{{ID: "<existing>", Name: "replaced"}}, ImportStats{Replaced: 1}, "", 1},
		{"empty", nil, ImportStats{}, "", 1},
		{"all or nothing", []SavedSearch{{Name: "fine"}, {Name: strings.Repeat("x", 101)}}, ImportStats{}, "saved search 2: name is too long", 1},
		{"too many", make([]SavedSearch, MaxSearches+1), ImportStats{}, "the import holds 1001 saved searches", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := openTest(t)
			existing := mustCreate(t, s, "existing", Query{})
			for i := range tt.in {
				if tt.in[i].ID == "<existing>" {
					tt.in[i].ID = existing.ID
				}
			}
			got, err := s.Import(ctx, tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err %v, want %q", err, tt.wantErr)
				}
			} else if err != nil || got != tt.want {
				t.Fatalf("Import = %+v, %v; want %+v", got, err, tt.want)
			}
			list, _ := s.List(ctx)
			if len(list) != tt.count {
				t.Errorf("%d saved searches after import, want %d", len(list), tt.count)
			}
			for _, ss := range list {
				if ss.Created.IsZero() || ss.Updated.IsZero() || ss.LastSeen.IsZero() || !ValidID(ss.ID) {
					t.Errorf("imported %+v", ss)
				}
				if ss.ID == "00000000000000aa" && (!ss.Created.Equal(old) || !ss.LastSeen.Equal(old)) {
					t.Errorf("import did not keep the times: %+v", ss)
				}
				if ss.ID == existing.ID && tt.name == "replace" && ss.Name != "replaced" {
					t.Errorf("not replaced: %+v", ss)
				}
			}
		})
	}
}

func TestLimit(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	many := make([]SavedSearch, MaxSearches)
	for i := range many {
		many[i].Name = fmt.Sprint("s", i)
	}
	if _, err := s.Import(ctx, many); err != nil {
		t.Fatal(err)
	}
	_, err := s.Create(ctx, SavedSearch{Name: "one more"})
	if index.KindOf(err) != index.KindInvalid || !strings.Contains(err.Error(), "delete some first") {
		t.Errorf("create beyond the limit: %v", err)
	}
	_, err = s.Import(ctx, []SavedSearch{{Name: "one more"}})
	if index.KindOf(err) != index.KindInvalid || !strings.Contains(err.Error(), "would make 1001 saved searches") {
		t.Errorf("import beyond the limit: %v", err)
	}
}

func TestReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "saved.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	a := mustCreate(t, s, "kept", jiangsuChips)

	// A second opener waits for the lock, then gives up saying why.
	if _, err := Open(path, Options{}); err == nil || !strings.Contains(err.Error(), "another process has it open") {
		t.Errorf("second Open: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Get(context.Background(), a.ID)
	if err != nil || !reflect.DeepEqual(got, a) {
		t.Errorf("after reopen: %+v, %v; want %+v", got, err, a)
	}
	if err := s.Check(); err != nil {
		t.Error(err)
	}
}

func TestNewerLayoutRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "saved.db")
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket(bucketMeta)
		if err != nil {
			return err
		}
		return b.Put(keyVersion, []byte("2"))
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Open(path, Options{}); err == nil || !strings.Contains(err.Error(), "layout version 2") {
		t.Errorf("Open of a newer layout: %v", err)
	}
}

// TestConcurrentWriters runs 50 writers at once, each adding its own sector
// to one saved search and creating one of its own; no update may be lost.
// Run it with -race.
func TestConcurrentWriters(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	shared := mustCreate(t, s, "shared", Query{})
	const writers = 50
	var wg sync.WaitGroup
	errs := make(chan error, 2*writers)
	for i := range writers {
		wg.Go(func() {
			sector := fmt.Sprintf("s%02d", i)
			if _, err := s.Update(ctx, shared.ID, func(ss *SavedSearch) error {
				ss.Query.Sector = append(ss.Query.Sector, sector)
				return nil
			}); err != nil {
				errs <- err
			}
			if _, err := s.Create(ctx, SavedSearch{Name: sector}); err != nil {
				errs <- err
			}
			if _, err := s.MarkSeen(ctx, shared.ID, time.Now()); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	got, _ := s.Get(ctx, shared.ID)
	if len(got.Query.Sector) != writers {
		t.Errorf("shared search has %d sectors, want %d: %v", len(got.Query.Sector), writers, got.Query.Sector)
	}
	list, _ := s.List(ctx)
	if len(list) != writers+1 {
		t.Errorf("%d saved searches, want %d", len(list), writers+1)
	}
	names := map[string]bool{}
	for _, ss := range list {
		names[ss.Name] = true
	}
	for i := range writers {
		if n := fmt.Sprintf("s%02d", i); !names[n] || !strings.Contains(url.Values(got.Query.Values()).Encode(), "sector="+n) {
			t.Errorf("writer %d's updates are missing", i)
		}
	}
}
