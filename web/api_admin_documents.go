package web

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/investnews/regionsearch/index"
	"github.com/investnews/regionsearch/internal/feed"
	"github.com/investnews/regionsearch/internal/ingest"
)

// IngestFunc indexes the items received until the channel is closed and
// returns what it wrote, as index.Pipeline.Run does: new ids are added,
// changed documents replaced and unchanged ones counted. When it returns
// without error the documents are searchable.
type IngestFunc func(ctx context.Context, items <-chan index.Item) (index.WriteStats, error)

// handleAdminDocuments answers POST /api/admin/documents: the body is JSON
// Lines in the indexer's input format, read by the same parser as the
// indexer's files, and the records are indexed through the server's own
// index (only the server may write it while it serves). Malformed records
// are rejected by line and the others indexed. One body is indexed at a
// time, so that a record sent twice in a row is seen as unchanged. The
// answer is a feed.Result.
func (s *Server) handleAdminDocuments(c *gin.Context) {
	if s.ops.ingest == nil {
		s.fail(c, &index.Error{Kind: index.KindNotFound, Message: "this server does not take documents"})
		return
	}
	// The body is read whole before anything is indexed, so that a body
	// over the limit is refused as a whole (413) and the client can split
	// it, rather than half indexed.
	body, err := io.ReadAll(c.Request.Body)
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			s.fail(c, &index.Error{Kind: index.KindTooLarge,
				Message: "the request body is too large: send fewer documents per request"})
			return
		}
		s.fail(c, &index.Error{Kind: index.KindInvalid, Message: "could not read the request body"})
		return
	}

	res := feed.Result{Rejected: []feed.Line{}, Warnings: []feed.Line{}}
	var items []index.Item
	r := &ingest.Reader{Stdin: bytes.NewReader(body)}
	err = r.Read(c.Request.Context(), []string{"-"}, func(rec ingest.Record) error {
		res.Received++
		items = append(items, index.Item{Article: rec.Article, Bytes: rec.Bytes})
		return nil
	}, func(p ingest.Problem) {
		l := feed.Line{Line: p.Line, Reason: p.Reason, Detail: p.Detail}
		if p.Warn {
			res.Warnings = append(res.Warnings, l)
			return
		}
		res.Received++
		res.Rejected = append(res.Rejected, l)
	})
	if err != nil {
		s.fail(c, err)
		return
	}

	// Indexing a large body can outlast the write timeout meant for
	// searches; it is bounded by the client going away.
	_ = http.NewResponseController(c.Writer).SetWriteDeadline(time.Time{})
	s.ops.ingestMu.Lock()
	defer s.ops.ingestMu.Unlock()
	ch := make(chan index.Item)
	stop := make(chan struct{})
	go func() {
		defer close(ch)
		for _, it := range items {
			select {
			case ch <- it:
			case <-stop: // the ingester gave up without draining
				return
			}
		}
	}()
	st, err := s.ops.ingest(c.Request.Context(), ch)
	close(stop)
	if err != nil {
		s.fail(c, err)
		return
	}
	res.Indexed, res.Unchanged = st.Indexed, st.Unchanged
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, res)
}
