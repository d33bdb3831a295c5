package index

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/simple"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/investnews/regionsearch/analyzers"
)

// mappingVersion changes whenever the mapping or the meaning of a stored
// field changes; an index built with another version is refused with a
// message that tells how to rebuild it.
const mappingVersion = 4 // 4: word pair fields (pairs.go), positions of source_text

// docType is the bleve type name of a report (record.Type).
const docType = "report"

// Field names of the bleve documents. The JSON API uses the singular facet
// names (province, city, sector), which are these.
const (
	fieldTitle      = "title"
	fieldBody       = "body"
	fieldSource     = "source"
	fieldSourceText = "source_text"
	fieldLang       = "lang"
	fieldDate       = "date"
	fieldYear       = "year"
	fieldProvince   = "province"
	fieldCity       = "city"
	fieldCounty     = "county"
	fieldInvestor   = "investor_province"
	fieldSector     = "sector"
	fieldSubsector  = "subsector"
	fieldAmount     = "amount"
	fieldMeta       = "meta"
	fieldHash       = "hash"
	fieldIndexed    = "indexed"
)

// newMapping builds the one index mapping: a single document type, default
// mapping disabled, Chinese/English analysis for text, keyword fields with
// doc values for facets, and a stored-only JSON blob for display.
func newMapping() (mapping.IndexMapping, error) {
	text := func() *mapping.FieldMapping {
		fm := bleve.NewTextFieldMapping()
		fm.Analyzer = analyzers.AnalyzerName
		fm.Store = true
		fm.IncludeTermVectors = true // highlighting needs term locations
		fm.IncludeInAll = false
		fm.DocValues = false
		return fm
	}
	kw := func() *mapping.FieldMapping {
		fm := bleve.NewKeywordFieldMapping()
		fm.Analyzer = keyword.Name
		fm.Store = false
		fm.IncludeInAll = false
		fm.IncludeTermVectors = false
		fm.DocValues = true
		return fm
	}
	stored := func() *mapping.FieldMapping {
		fm := bleve.NewTextFieldMapping()
		fm.Index = false
		fm.Store = true
		fm.IncludeInAll = false
		fm.IncludeTermVectors = false
		fm.DocValues = false
		return fm
	}
	dt := func() *mapping.FieldMapping {
		fm := bleve.NewDateTimeFieldMapping()
		fm.Store = false
		fm.IncludeInAll = false
		fm.DocValues = true
		return fm
	}

	doc := bleve.NewDocumentStaticMapping()
	// No field goes into _all, and queries always name their fields: a
	// disabled _all saves composing an empty field for every document.
	doc.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
	doc.AddFieldMappingsAt(fieldTitle, text())
	doc.AddFieldMappingsAt(fieldBody, text())

	src := kw()
	srcText := bleve.NewTextFieldMapping()
	srcText.Name = fieldSourceText
	srcText.Analyzer = simple.Name
	srcText.Store = false
	srcText.IncludeInAll = false
	srcText.IncludeTermVectors = true // positions, for source:"China Daily"
	doc.AddFieldMappingsAt(fieldSource, src, srcText)

	for _, f := range []string{fieldLang, fieldYear, fieldProvince, fieldCity, fieldCounty,
		fieldInvestor, fieldSector, fieldSubsector} {
		doc.AddFieldMappingsAt(f, kw())
	}
	doc.AddFieldMappingsAt(fieldDate, dt())
	doc.AddFieldMappingsAt(fieldIndexed, dt())

	amount := bleve.NewNumericFieldMapping()
	amount.Store = false
	amount.IncludeInAll = false
	amount.DocValues = true
	doc.AddFieldMappingsAt(fieldAmount, amount)

	doc.AddFieldMappingsAt(fieldMeta, stored())
	doc.AddFieldMappingsAt(fieldHash, stored())

	// Duplicates and clusters (cluster.go): looked up by term only.
	for _, f := range []string{fieldIDs, fieldTextHash, fieldBand, fieldCluster, fieldRep} {
		fm := kw()
		fm.DocValues = false
		doc.AddFieldMappingsAt(f, fm)
	}
	doc.AddFieldMappingsAt(fieldDedup, stored())

	m := bleve.NewIndexMapping()
	m.DefaultMapping = bleve.NewDocumentDisabledMapping()
	m.AddDocumentMapping(docType, doc)
	m.TypeField = "_type"
	m.DefaultAnalyzer = analyzers.AnalyzerName
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	if err := m.Validate(); err != nil {
		return nil, err
	}
	return m, nil
}
