// Package web serves the search engine to browsers and scripts.
//
// It declares the [Searcher] interface it consumes and translates HTTP
// requests into [index.Query] values and [index.Result] values into JSON or
// server-rendered HTML. It never imports bleve: the index package is its only
// view of the search engine, and only cmd/search wires a concrete Searcher.
//
// The JSON API is:
//
//	GET /api/search          search; the answer is an index.Result
//	GET /api/documents/:id   one index.Document
//	GET /api/healthz         {"status":"ok","documents":N}
//
// The browser UI is:
//
//	GET /                    the search page
//	GET /documents/:id       the document page
//	GET /static/...          embedded assets, with content-hashed URLs
//
// Every error response goes through one path, which maps the error's
// [index.Kind] to a status and writes {"error":{"code":...,"message":...}}
// (or an HTML page for the browser routes). A 5xx answer says only
// "internal error"; its detail goes to the log.
//
// Every state of the search page lives in its URL, so a copied URL gives the
// same page and back and forward work; a small script only enhances it. The
// interface language (the ui parameter, remembered in a cookie) is distinct
// from the lang filter on documents.
package web
