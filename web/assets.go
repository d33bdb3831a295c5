package web

import "embed"

// assets holds the HTML templates and the static files, so that the binary
// serves the whole UI offline.
//
//go:embed templates static
var assets embed.FS
