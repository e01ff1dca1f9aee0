package gen_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone/tools/contractgen/gen"
)

// Relative to this package's directory, tools/contractgen/gen.
const (
	contractDir = "../../../testdata/contract"
	specDir     = "../../../../shared/pingone-api"
)

func TestGeneratedFilesUpToDate(t *testing.T) {
	if _, err := os.Stat(filepath.Join(specDir, gen.ActionsTSV)); err != nil {
		t.Skipf("spec directory %s not available (%v): cannot regenerate the contract; the committed files are used as is", specDir, err)
	}
	out := t.TempDir()
	require.NoError(t, gen.Write(specDir, out))
	again, err := gen.Generate(specDir)
	require.NoError(t, err)
	for _, name := range []string{gen.ActionsFile, gen.OpenAPIFile} {
		fresh, err := os.ReadFile(filepath.Join(out, name))
		require.NoError(t, err)
		assert.True(t, bytes.Equal(fresh, again[name]), "%s: two runs differ", name)
		committed, err := os.ReadFile(filepath.Join(contractDir, name))
		require.NoError(t, err)
		assert.True(t, bytes.Equal(fresh, committed), "%s is out of date: run `make contract` from the repository root", name)
	}
}

func TestDocumentIsValidOpenAPI(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromFile(filepath.Join(contractDir, gen.OpenAPIFile))
	require.NoError(t, err)
	require.NoError(t, doc.Validate(context.Background()))
	assert.Equal(t, "3.0.3", doc.OpenAPI)

	// No prose survives: operations carry no summary, description or tags,
	// schemas no description, title or example.
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			assert.Empty(t, op.Summary, "%s %s", method, path)
			assert.Empty(t, op.Description, "%s %s", method, path)
			assert.Empty(t, op.Tags, "%s %s", method, path)
			assert.Empty(t, op.Extensions, "%s %s", method, path)
			for _, p := range op.Parameters {
				assert.Empty(t, p.Value.Description, "%s %s %s", method, path, p.Value.Name)
				assert.Nil(t, p.Value.Example, "%s %s %s", method, path, p.Value.Name)
			}
		}
	}
	seen := map[*openapi3.Schema]bool{}
	var walk func(where string, sr *openapi3.SchemaRef)
	walk = func(where string, sr *openapi3.SchemaRef) {
		if sr == nil || sr.Value == nil || seen[sr.Value] {
			return
		}
		s := sr.Value
		seen[s] = true
		assert.Empty(t, s.Description, where)
		assert.Empty(t, s.Title, where)
		assert.Nil(t, s.Example, where)
		assert.Empty(t, s.Extensions, where)
		for name, p := range s.Properties {
			walk(where+"."+name, p)
		}
		walk(where+"[]", s.Items)
		for _, x := range append(append(append(openapi3.SchemaRefs{}, s.AllOf...), s.AnyOf...), s.OneOf...) {
			walk(where, x)
		}
		assert.Empty(t, s.OneOf, "%s: oneOf is rewritten as anyOf", where)
	}
	for name, sr := range doc.Components.Schemas {
		walk(name, sr)
	}
	raw, err := os.ReadFile(filepath.Join(contractDir, gen.OpenAPIFile))
	require.NoError(t, err)
	assert.NotContains(t, string(raw), `"x-`)
	assert.NotContains(t, string(raw), `"example"`)
}
