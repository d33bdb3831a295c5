package feed

import (
	"testing"
	"time"

	"github.com/investnews/regionsearch/index"
	"github.com/investnews/regionsearch/internal/ingest"
)

// TestEncodeRoundTrip checks that the server reads back what the indexer
// sends as the same article, with the same id.
func TestEncodeRoundTrip(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	tests := []struct {
		name string
		a    index.Article
	}{
		{"every field", index.Article{ID: "r1", URL: "https://example.org/a", Title: "聊城签约", Date: time.Date(2023, 3, 30, 0, 0, 0, 0, time.UTC),
			Source: "新华网", Lang: "zh", Body: "聊城高新区签约碳化硅芯片封测项目。\n第二段"}},
		{"id from the URL", index.Article{URL: "https://example.org/b", Body: "Jiangyin signs 217 projects."}},
		{"id from the text", index.Article{Body: "Wuhu robots, 1 billion yuan", Lang: "en"}},
		{"date with a zone and seconds", index.Article{ID: "r2", Date: time.Date(2024, 5, 1, 9, 30, 15, 0, cst), Body: "x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			line, err := Encode(tt.a)
			if err != nil {
				t.Fatal(err)
			}
			got, p := ingest.ParseJSON(line)
			if p != nil {
				t.Fatalf("ParseJSON(%s): %v", line, p)
			}
			want := tt.a
			want.ID = index.DocumentID(tt.a)
			if got.ID != want.ID || got.URL != want.URL || got.Title != want.Title || got.Source != want.Source ||
				got.Lang != want.Lang || got.Body != want.Body || !got.Date.Equal(want.Date) {
				t.Errorf("round trip of %s:\n got %+v\nwant %+v", line, got, want)
			}
			if index.DocumentID(got) != index.DocumentID(tt.a) {
				t.Errorf("id changed: %s, was %s", index.DocumentID(got), index.DocumentID(tt.a))
			}
		})
	}
}
