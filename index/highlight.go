package index

import (
	"github.com/blevesearch/bleve/v2/search/highlight/highlighter/html"
)

// highlighterName is the bleve highlighter for snippets. Its formatter
// escapes the text around each <mark>, so snippets are safe HTML.
const highlighterName = html.Name
