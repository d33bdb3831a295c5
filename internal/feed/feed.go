// Package feed sends articles to a running search server, which owns its
// index: a bleve index on disk cannot be opened by two processes, so the
// indexer hands the server JSON Lines batches over HTTP instead of writing
// the index itself.
//
// The protocol is one route, POST Path, guarded by the server's admin token
// (Authorization: Bearer TOKEN). The body is JSON Lines in the indexer's
// input format (see Encode); the answer is a Result that counts what the
// server indexed and found unchanged and lists every line it rejected. A
// body over the server's size limit is answered 413: the Client then splits
// the batch in two and sends the halves, down to a single article, which is
// reported as too large. Sending the same articles twice is harmless (the
// second time they are unchanged), so the Client retries a batch the server
// could not take (503, 429, a dropped connection) a few times.
package feed

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/investnews/regionsearch/index"
	"github.com/investnews/regionsearch/internal/ingest"
)

// Path is the server route that takes articles.
const Path = "/api/admin/documents"

// ContentType is the media type of a request body.
const ContentType = "application/x-ndjson"

// Result is the server's answer to one batch.
type Result struct {
	Received  int    `json:"received"`  // records read from the body (rejected ones included)
	Indexed   int    `json:"indexed"`   // new or changed documents written
	Unchanged int    `json:"unchanged"` // documents the index already held with the same content
	Rejected  []Line `json:"rejected"`  // records not indexed, by line of the body
	Warnings  []Line `json:"warnings"`  // records indexed after a repair
}

// Line is a record of a batch the server rejected or repaired.
type Line struct {
	Line   int    `json:"line"` // 1-based line of the request body
	Reason string `json:"reason"`
	Detail string `json:"detail,omitempty"`
}

// record is the JSON Lines input format, as ingest reads it.
type record struct {
	ID     string `json:"id,omitempty"`
	URL    string `json:"url,omitempty"`
	Title  string `json:"title,omitempty"`
	Date   string `json:"date,omitempty"`
	Source string `json:"source,omitempty"`
	Lang   string `json:"lang,omitempty"`
	Body   string `json:"body"`
}

// Encode writes a as one JSON line (without the newline) that ingest reads
// back as the same article, so that the server gives it the same id and
// content hash as a local run would. The id is filled in when a has none.
func Encode(a index.Article) ([]byte, error) {
	r := record{ID: index.DocumentID(a), URL: a.URL, Title: a.Title, Source: a.Source, Lang: a.Lang, Body: a.Body}
	if !a.Date.IsZero() {
		r.Date = a.Date.Format(time.RFC3339Nano)
	}
	b, err := json.Marshal(r)
	if err != nil {
		return nil, fmt.Errorf("encode article %s: %w", r.ID, err)
	}
	return b, nil
}

// ErrTooLarge is returned by Send when the server refuses a body as too
// large.
var ErrTooLarge = errors.New("request body too large for the server")

// Client sends batches of articles to a server.
type Client struct {
	URL   string       // the server's base URL, e.g. http://127.0.0.1:8080
	Token string       // the server's admin token
	HTTP  *http.Client // nil means a client with a 2-minute timeout
	// MaxBytes and MaxDocs bound a batch; 0 means DefaultMaxBytes and
	// DefaultMaxDocs.
	MaxBytes int
	MaxDocs  int
	// Retries is how many times a batch is sent again after a 503, a 429 or
	// a network error; negative means none, 0 means DefaultRetries.
	Retries int
	// Backoff is the wait before the first retry, doubled after each; 0
	// means one second.
	Backoff time.Duration
}

// Defaults of a Client. DefaultMaxBytes stays under the server's default
// body limit (web.DefaultMaxBodyBytes, 1 MiB).
const (
	DefaultMaxBytes = 768 << 10
	DefaultMaxDocs  = 500
	DefaultRetries  = 3
)

// Send posts one batch of encoded lines and returns the server's answer. It
// returns ErrTooLarge (wrapped) for a 413 and does not retry.
func (c *Client) Send(ctx context.Context, lines [][]byte) (*Result, error) {
	body := bytes.Join(lines, []byte{'\n'})
	body = append(body, '\n')
	retries := c.Retries
	if retries == 0 {
		retries = DefaultRetries
	}
	wait := c.Backoff
	if wait <= 0 {
		wait = time.Second
	}
	for attempt := 0; ; attempt++ {
		res, retry, err := c.post(ctx, body)
		if err == nil || !retry || attempt >= retries {
			return res, err
		}
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return nil, fmt.Errorf("%w (retry cancelled: %w)", err, ctx.Err())
		}
		wait *= 2
	}
}

// post sends body once. retry says whether the failure may pass.
func (c *Client) post(ctx context.Context, body []byte) (res *Result, retry bool, err error) {
	u := strings.TrimRight(c.URL, "/") + Path
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(body))
	if err != nil {
		return nil, false, fmt.Errorf("post %s: %w", u, err)
	}
	req.Header.Set("Content-Type", ContentType)
	req.Header.Set("Authorization", "Bearer "+c.Token)
	hc := c.HTTP
	if hc == nil {
		hc = &http.Client{Timeout: 2 * time.Minute}
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, ctx.Err() == nil, fmt.Errorf("post %s: %w", u, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if err != nil {
		return nil, true, fmt.Errorf("post %s: read answer: %w", u, err)
	}
	switch {
	case resp.StatusCode == http.StatusOK:
		var r Result
		if err := json.Unmarshal(data, &r); err != nil {
			return nil, false, fmt.Errorf("post %s: decode answer: %w", u, err)
		}
		return &r, false, nil
	case resp.StatusCode == http.StatusRequestEntityTooLarge:
		return nil, false, fmt.Errorf("post %s: %d bytes: %w", u, len(body), ErrTooLarge)
	}
	retry = resp.StatusCode == http.StatusServiceUnavailable || resp.StatusCode == http.StatusTooManyRequests
	return nil, retry, fmt.Errorf("post %s: %s: %s", u, resp.Status, errorMessage(resp.StatusCode, data))
}

// errorMessage extracts the message of the server's error body, with a hint
// for the statuses a user can fix.
func errorMessage(status int, data []byte) string {
	var e struct {
		Error struct{ Message string } `json:"error"`
	}
	msg := strings.TrimSpace(string(data))
	if json.Unmarshal(data, &e) == nil && e.Error.Message != "" {
		msg = e.Error.Message
	}
	if len(msg) > 300 {
		msg = msg[:300] + "…"
	}
	switch status {
	case http.StatusNotFound:
		msg += " (is -url the search server, and was it started with -admin-token?)"
	case http.StatusUnauthorized:
		msg += " (check -token against the server's -admin-token)"
	}
	return msg
}

// Outcome is what became of one record sent by Feed.
type Outcome struct {
	Record ingest.Record
	// Problem is set when the server rejected the record (File and Line
	// are the record's own), or when a warning was given for it.
	Problem *ingest.Problem
}

// Stats totals what the server reported over a Feed.
type Stats struct {
	Indexed, Unchanged, Rejected int
}

// Feed sends the records received from in, in batches, until in is closed.
// It calls done for every record once the server has answered for its
// batch, in input order. It returns the totals and the first error that
// stopped it; the records of the failed batch and those after it are not
// passed to done.
func (c *Client) Feed(ctx context.Context, in <-chan ingest.Record, done func(Outcome)) (Stats, error) {
	maxBytes, maxDocs := c.MaxBytes, c.MaxDocs
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	if maxDocs <= 0 {
		maxDocs = DefaultMaxDocs
	}
	var (
		st    Stats
		recs  []ingest.Record
		lines [][]byte
		size  int
	)
	flush := func() error {
		if len(recs) == 0 {
			return nil
		}
		err := c.sendSplit(ctx, recs, lines, &st, done)
		recs, lines, size = recs[:0], lines[:0], 0
		return err
	}
	for rec := range in {
		line, err := Encode(rec.Article)
		if err != nil {
			return st, err
		}
		if len(recs) > 0 && (size+len(line)+1 > maxBytes || len(recs) >= maxDocs) {
			if err := flush(); err != nil {
				return st, err
			}
		}
		recs = append(recs, rec)
		lines = append(lines, line)
		size += len(line) + 1
	}
	return st, flush()
}

// sendSplit sends one batch; when the server finds it too large it sends
// each half instead, down to single records, which are rejected.
func (c *Client) sendSplit(ctx context.Context, recs []ingest.Record, lines [][]byte, st *Stats, done func(Outcome)) error {
	res, err := c.Send(ctx, lines)
	if errors.Is(err, ErrTooLarge) {
		if len(recs) == 1 {
			st.Rejected++
			done(Outcome{Record: recs[0], Problem: &ingest.Problem{File: recs[0].File, Line: recs[0].Line,
				Reason: ingest.ReasonTooLarge, Detail: fmt.Sprintf("%d bytes is over the server's request limit (-max-body)", len(lines[0]))}})
			return nil
		}
		h := len(recs) / 2
		if err := c.sendSplit(ctx, recs[:h], lines[:h], st, done); err != nil {
			return err
		}
		return c.sendSplit(ctx, recs[h:], lines[h:], st, done)
	}
	if err != nil {
		return err
	}
	st.Indexed += res.Indexed
	st.Unchanged += res.Unchanged
	st.Rejected += len(res.Rejected)
	problems := make(map[int]*ingest.Problem)
	for _, list := range [][]Line{res.Warnings, res.Rejected} { // a rejection wins over a warning
		for _, l := range list {
			if l.Line < 1 || l.Line > len(recs) {
				continue
			}
			r := recs[l.Line-1]
			problems[l.Line] = &ingest.Problem{File: r.File, Line: r.Line, Reason: l.Reason, Detail: "server: " + l.Detail}
		}
	}
	rejected := make(map[int]bool, len(res.Rejected))
	for _, l := range res.Rejected {
		rejected[l.Line] = true
	}
	for i, r := range recs {
		p := problems[i+1]
		if p != nil && !rejected[i+1] {
			p.Warn = true
		}
		done(Outcome{Record: r, Problem: p})
	}
	return nil
}
