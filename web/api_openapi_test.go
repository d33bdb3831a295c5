package web

import (
	"encoding/json"
	"net/http"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/investnews/regionsearch/index"
	"github.com/investnews/regionsearch/internal/saved"
)

// openAPIDoc is the part of an OpenAPI 3 document the tests read.
type openAPIDoc struct {
	OpenAPI    string                                 `json:"openapi"`
	Paths      map[string]map[string]openAPIOperation `json:"paths"`
	Components struct {
		Parameters map[string]openAPIParameter `json:"parameters"`
		Schemas    map[string]struct {
			Properties map[string]json.RawMessage `json:"properties"`
		} `json:"schemas"`
	} `json:"components"`
}

type openAPIOperation struct {
	OperationID string                     `json:"operationId"`
	Summary     string                     `json:"summary"`
	Parameters  []openAPIParameter         `json:"parameters"`
	Responses   map[string]json.RawMessage `json:"responses"`
}

type openAPIParameter struct {
	Ref  string `json:"$ref"`
	Name string `json:"name"`
	In   string `json:"in"`
}

func loadOpenAPI(t *testing.T, h http.Handler) openAPIDoc {
	t.Helper()
	rec := get(t, h, "/api/openapi.json")
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
		t.Fatalf("GET /api/openapi.json: %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	var doc openAPIDoc
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("openapi %q", doc.OpenAPI)
	}
	return doc
}

// params returns the names of an operation's parameters, references
// resolved.
func (d openAPIDoc) params(t *testing.T, op openAPIOperation) []string {
	t.Helper()
	var out []string
	for _, p := range op.Parameters {
		if p.Ref != "" {
			name := strings.TrimPrefix(p.Ref, "#/components/parameters/")
			c, ok := d.Components.Parameters[name]
			if !ok {
				t.Errorf("unresolved parameter %s", p.Ref)
				continue
			}
			p = c
		}
		out = append(out, p.Name)
	}
	return out
}

// TestOpenAPIDescribesEveryRoute checks the description against the routes
// the server really registers: every route under /api/ must be described
// with its method, and every described operation must exist.
func TestOpenAPIDescribesEveryRoute(t *testing.T) {
	h, _ := newTestServer(t, &fakeSearcher{})
	doc := loadOpenAPI(t, h)
	engine, ok := h.(*gin.Engine)
	if !ok {
		t.Fatalf("Handler is a %T, not a *gin.Engine", h)
	}
	param := regexp.MustCompile(`[:*]([A-Za-z_]+)`)
	registered := map[string]bool{}
	for _, r := range engine.Routes() {
		if !strings.HasPrefix(r.Path, "/api/") {
			continue
		}
		path := param.ReplaceAllString(r.Path, "{$1}")
		method := strings.ToLower(r.Method)
		registered[method+" "+path] = true
		op, ok := doc.Paths[path][method]
		if !ok {
			t.Errorf("%s %s is registered but not described in web/openapi.json", r.Method, path)
			continue
		}
		if op.OperationID == "" || op.Summary == "" || len(op.Responses) == 0 {
			t.Errorf("%s %s: operation without operationId, summary or responses", r.Method, path)
		}
		for _, name := range param.FindAllStringSubmatch(r.Path, -1) {
			if !slices.Contains(doc.params(t, op), name[1]) {
				t.Errorf("%s %s: path parameter %s not described", r.Method, path, name[1])
			}
		}
	}
	for path, ops := range doc.Paths {
		for method := range ops {
			if !registered[method+" "+path] {
				t.Errorf("web/openapi.json describes %s %s, which is not registered", strings.ToUpper(method), path)
			}
		}
	}
}

// TestOpenAPISearchParameters checks that every parameter /api/search binds
// is described for search, and the filters for export too.
func TestOpenAPISearchParameters(t *testing.T) {
	h, _ := newTestServer(t, &fakeSearcher{})
	doc := loadOpenAPI(t, h)
	search := doc.params(t, doc.Paths["/api/search"]["get"])
	export := doc.params(t, doc.Paths["/api/export"]["get"])
	rt := reflect.TypeFor[searchParams]()
	for i := range rt.NumField() {
		name := rt.Field(i).Tag.Get("form")
		if !slices.Contains(search, name) {
			t.Errorf("/api/search parameter %s is not described", name)
		}
		if name != "page" && name != "size" && name != "cursor" && !slices.Contains(export, name) {
			t.Errorf("/api/export parameter %s is not described", name)
		}
	}
	if !slices.Contains(export, "format") {
		t.Error("/api/export format is not described")
	}
}

// TestOpenAPISchemas checks that the schemas of answers name every JSON
// field of the Go types they describe.
func TestOpenAPISchemas(t *testing.T) {
	h, _ := newTestServer(t, &fakeSearcher{})
	doc := loadOpenAPI(t, h)
	for schema, typ := range map[string]reflect.Type{
		"Result":       reflect.TypeFor[index.Result](),
		"Hit":          reflect.TypeFor[index.Hit](),
		"FacetValue":   reflect.TypeFor[index.FacetValue](),
		"Document":     reflect.TypeFor[index.Document](),
		"Place":        reflect.TypeFor[index.PlaceRef](),
		"Sector":       reflect.TypeFor[index.SectorRef](),
		"Amount":       reflect.TypeFor[index.Amount](),
		"ExportRecord": reflect.TypeFor[exportRecord](),
		// Saved searches.
		"SavedSearch":       reflect.TypeFor[saved.SavedSearch](),
		"SavedQuery":        reflect.TypeFor[saved.Query](),
		"SavedSearchExport": reflect.TypeFor[exportJSON](),
	} {
		props := doc.Components.Schemas[schema].Properties
		if props == nil {
			t.Errorf("schema %s missing", schema)
			continue
		}
		for i := range typ.NumField() {
			name, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
			if name == "" || name == "-" {
				continue
			}
			if _, ok := props[name]; !ok {
				t.Errorf("schema %s lacks %s", schema, name)
			}
			delete(props, name)
		}
		for name := range props {
			t.Errorf("schema %s describes %s, which %s does not have", schema, name, typ)
		}
	}
}
