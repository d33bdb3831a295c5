package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/investnews/regionsearch/index"
	"github.com/investnews/regionsearch/internal/feed"
)

// fakeIngest is an IngestFunc over a map: an id it has seen with the same
// body is unchanged.
type fakeIngest struct {
	docs  map[string]string
	calls int
	err   error
}

func (f *fakeIngest) ingest(ctx context.Context, items <-chan index.Item) (index.WriteStats, error) {
	f.calls++
	var st index.WriteStats
	for it := range items {
		id := index.DocumentID(it.Article)
		if f.docs[id] == it.Article.Body {
			st.Unchanged++
			continue
		}
		f.docs[id] = it.Article.Body
		st.Indexed++
	}
	return st, f.err
}

func TestAdminDocuments(t *testing.T) {
	const token = "feed-t0ken"
	auth := []string{"Authorization", "Bearer " + token, "Content-Type", feed.ContentType}
	good := `{"id":"a","body":"聊城高新区签约碳化硅芯片封测项目。"}` + "\n" +
		`{"id":"b","body":"Jiangyin signs 217 projects.","date":"2023-03-30"}` + "\n"
	mixed := `{"id":"a","body":"聊城高新区签约碳化硅芯片封测项目。"}` + "\n" +
		`{"id":"c","body":""}` + "\n" +
		`not json` + "\n" +
		"\n" +
		`{"id":"d","body":"Wuhu robots","date":"30/03/2023"}` + "\n" +
		`{"id":"e","body":"Wuhu robots, 1 billion yuan","lang":"en"}` + "\n"

	tests := []struct {
		name       string
		opts       Options // Ingest is added when withIngest
		withIngest bool
		ingestErr  error
		headers    []string
		bodies     []string // sent in turn; the last answer is checked
		wantCode   int
		wantResult *feed.Result
		wantCalls  int
	}{
		{name: "no admin token: no such route", withIngest: true, headers: auth, bodies: []string{good}, wantCode: 404},
		{name: "no ingester: not found", opts: Options{AdminToken: token}, headers: auth, bodies: []string{good}, wantCode: 404},
		{name: "wrong token", opts: Options{AdminToken: token}, withIngest: true,
			headers: []string{"Authorization", "Bearer nope"}, bodies: []string{good}, wantCode: 401},
		{name: "indexed", opts: Options{AdminToken: token}, withIngest: true, headers: auth, bodies: []string{good},
			wantCode: 200, wantCalls: 1,
			wantResult: &feed.Result{Received: 2, Indexed: 2, Rejected: []feed.Line{}, Warnings: []feed.Line{}}},
		{name: "sent twice: unchanged", opts: Options{AdminToken: token}, withIngest: true, headers: auth, bodies: []string{good, good},
			wantCode: 200, wantCalls: 2,
			wantResult: &feed.Result{Received: 2, Unchanged: 2, Rejected: []feed.Line{}, Warnings: []feed.Line{}}},
		{name: "bad lines rejected by line, the rest indexed", opts: Options{AdminToken: token}, withIngest: true, headers: auth,
			bodies: []string{mixed}, wantCode: 200, wantCalls: 1,
			wantResult: &feed.Result{Received: 5, Indexed: 2, Warnings: []feed.Line{}, Rejected: []feed.Line{
				{Line: 2, Reason: "missing body", Detail: "the body field is required and must not be empty"},
				{Line: 3, Reason: "invalid JSON", Detail: "invalid character 'o' in literal null (expecting 'u')"},
				{Line: 5, Reason: "bad date", Detail: `"30/03/2023" is not YYYY-MM-DD or RFC 3339`},
			}}},
		{name: "repaired line is a warning", opts: Options{AdminToken: token}, withIngest: true, headers: auth,
			bodies: []string{"{\"id\":\"n\",\"body\":\"Wuhu \\u0000robots\xff\"}\n"}, wantCode: 200, wantCalls: 1,
			wantResult: &feed.Result{Received: 1, Indexed: 1, Rejected: []feed.Line{}, Warnings: []feed.Line{
				{Line: 1, Reason: "invalid UTF-8", Detail: "invalid bytes replaced by U+FFFD; the record was indexed"},
				{Line: 1, Reason: "NUL bytes", Detail: "NUL bytes removed; the record was indexed"},
			}}},
		{name: "over the body limit: nothing indexed", opts: Options{AdminToken: token, MaxBodyBytes: 64}, withIngest: true,
			headers: auth, bodies: []string{good}, wantCode: 413},
		{name: "storage failure", opts: Options{AdminToken: token}, withIngest: true, ingestErr: fmt.Errorf("write batch: %w", index.ErrStorage),
			headers: auth, bodies: []string{good}, wantCode: 500, wantCalls: 1},
		{name: "GET is not a route", opts: Options{AdminToken: token}, withIngest: true, headers: auth, wantCode: 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeIngest{docs: map[string]string{}, err: tt.ingestErr}
			opts := tt.opts
			if tt.withIngest {
				opts.Ingest = f.ingest
			}
			_, h, logs := newOpsServer(t, &fakeSearcher{}, opts)
			var code int
			var body string
			if tt.bodies == nil {
				rec := do(h, "GET", feed.Path, "", tt.headers...)
				code, body = rec.Code, rec.Body.String()
			}
			for _, b := range tt.bodies {
				rec := do(h, "POST", feed.Path, b, tt.headers...)
				code, body = rec.Code, rec.Body.String()
			}
			if code != tt.wantCode {
				t.Fatalf("status %d, want %d: %s", code, tt.wantCode, body)
			}
			if f.calls != tt.wantCalls {
				t.Errorf("ingest called %d times, want %d", f.calls, tt.wantCalls)
			}
			if strings.Contains(logs.String(), token) {
				t.Errorf("the token reached the log")
			}
			if tt.wantResult == nil {
				var e errorBody
				if err := json.Unmarshal([]byte(body), &e); err != nil || e.Error.Message == "" {
					t.Errorf("error body %q", body)
				}
				return
			}
			var got feed.Result
			if err := json.Unmarshal([]byte(body), &got); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(&got, tt.wantResult) {
				t.Errorf("result\n got %+v\nwant %+v", got, *tt.wantResult)
			}
		})
	}
}

// TestAdminDocumentsErrorIsWrapped checks that the ingester's error reaches
// the log, not the client.
func TestAdminDocumentsErrorIsWrapped(t *testing.T) {
	secret := errors.New("disk /srv/idx is full")
	f := &fakeIngest{docs: map[string]string{}, err: secret}
	_, h, logs := newOpsServer(t, &fakeSearcher{}, Options{AdminToken: "t", Ingest: f.ingest})
	rec := do(h, "POST", feed.Path, `{"body":"x"}`, "Authorization", "Bearer t")
	if rec.Code != http.StatusInternalServerError || strings.Contains(rec.Body.String(), "/srv/idx") {
		t.Errorf("%d %s", rec.Code, rec.Body.String())
	}
	if !strings.Contains(logs.String(), "/srv/idx") {
		t.Errorf("the log lacks the cause:\n%s", logs)
	}
}
