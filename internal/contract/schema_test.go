package contract

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// miniDoc is a document in the generator's subset with one schema per
// feature the validator implements.
const miniDoc = `{
  "openapi": "3.0.3",
  "info": {"title": "t", "version": "1"},
  "components": {
    "responses": {"Err": {"description": "", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Err"}}}}},
    "schemas": {
      "Err": {"type": "object", "properties": {"code": {"type": "string"}}, "required": ["code"]},
      "Links": {"type": "object", "readOnly": true, "additionalProperties": {"type": "object", "properties": {"href": {"type": "string", "format": "uri"}}, "required": ["href"]}},
      "Color": {"type": "string", "enum": ["RED", "GREEN"]},
      "Base": {
        "type": "object",
        "properties": {
          "id": {"type": "string", "readOnly": true},
          "name": {"type": "string", "minLength": 2, "maxLength": 4},
          "color": {"$ref": "#/components/schemas/Color"},
          "_links": {"$ref": "#/components/schemas/Links"},
          "count": {"type": "integer", "format": "int32", "minimum": 1, "maximum": 100},
          "ratio": {"type": "number", "maximum": 1.5},
          "on": {"type": "boolean", "default": true, "deprecated": true},
          "at": {"type": "string", "format": "date-time"},
          "code": {"type": "string", "pattern": "^[A-Z]{2}$"},
          "secret": {"type": "string", "format": "password"},
          "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 2},
          "note": {"type": "string", "nullable": true},
          "labels": {"type": "object", "additionalProperties": {"type": "string"}},
          "closed": {"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": false},
          "shade": {"allOf": [{"$ref": "#/components/schemas/Color"}], "nullable": true}
        },
        "required": ["id", "name"]
      },
      "Cat": {"allOf": [{"$ref": "#/components/schemas/Base"}, {"type": "object", "properties": {"meow": {"type": "boolean"}}, "required": ["meow", "id"]}]},
      "Dog": {"allOf": [{"$ref": "#/components/schemas/Base"}, {"type": "object", "properties": {"bark": {"type": "string"}}, "required": ["bark"]}]},
      "Pet": {"anyOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}]},
      "Upload": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}, "size": {"type": "integer"}}, "required": ["file"]}
    }
  },
  "paths": {
    "/pets/{petID}": {
      "get": {
        "operationId": "getPet",
        "parameters": [
          {"in": "path", "name": "petID", "required": true, "schema": {"type": "string"}},
          {"in": "query", "name": "limit", "schema": {"type": "integer", "minimum": 1}},
          {"in": "query", "name": "color", "schema": {"$ref": "#/components/schemas/Color"}},
          {"in": "query", "name": "deep", "schema": {"type": "boolean"}}
        ],
        "responses": {"200": {"description": "", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}}, "404": {"$ref": "#/components/responses/Err"}}
      },
      "put": {
        "operationId": "putPet",
        "parameters": [{"in": "path", "name": "petID", "required": true, "schema": {"type": "string"}}],
        "requestBody": {"required": true, "content": {
          "application/json": {"schema": {"$ref": "#/components/schemas/Pet"}},
          "multipart/form-data": {"schema": {"$ref": "#/components/schemas/Upload"}}}},
        "responses": {"204": {"description": ""}}
      }
    }
  }
}`

func mini(t *testing.T) *document {
	t.Helper()
	doc, err := parseDocument([]byte(miniDoc))
	require.NoError(t, err)
	return doc
}

func check(t *testing.T, s *Schema, dir direction, body string) error {
	t.Helper()
	value, err := decodeJSON([]byte(body))
	require.NoError(t, err, body)
	return (&validator{dir: dir}).validate(s, value)
}

func TestSchemaKeywords(t *testing.T) {
	base := mini(t).Components.Schemas["Base"]
	const ok = `"id": "i", "name": "abc"`
	for _, tc := range []struct {
		name, body string
		dir        direction
		want       string // "" = valid
	}{
		{"minimal request", `{"name": "abc"}`, asRequest, ""},
		{"minimal response", `{` + ok + `}`, asResponse, ""},
		{"not an object", `[1]`, asRequest, "value must be an object, not an array"},
		{"string for integer", `{"name": "ab", "count": "3"}`, asRequest, `at "/count": value must be an integer, not a string`},
		{"fraction for integer", `{"name": "ab", "count": 7.5}`, asRequest, `value 7.5 must be an integer`},
		{"integral float for integer", `{"name": "ab", "count": 7.0}`, asRequest, ""},
		{"int32 range", `{"name": "ab", "count": 2147483648}`, asRequest, "int32"},
		{"minimum", `{"name": "ab", "count": 0}`, asRequest, "less than the minimum 1"},
		{"maximum", `{"name": "ab", "count": 101}`, asRequest, "more than the maximum 100"},
		{"number maximum", `{"name": "ab", "ratio": 1.6}`, asRequest, "more than the maximum 1.5"},
		{"number", `{"name": "ab", "ratio": 1.25e0}`, asRequest, ""},
		{"boolean", `{"name": "ab", "on": "true"}`, asRequest, `at "/on": value must be a boolean, not a string`},
		{"minLength", `{"name": "a"}`, asRequest, "at least 2 characters"},
		{"maxLength counts characters", `{"name": "éééé"}`, asRequest, ""},
		{"maxLength", `{"name": "abcde"}`, asRequest, "at most 4 characters"},
		{"pattern", `{"name": "ab", "code": "usa"}`, asRequest, "doesn't match the pattern"},
		{"pattern ok", `{"name": "ab", "code": "US"}`, asRequest, ""},
		{"date-time", `{"name": "ab", "at": "2024-02-29T23:59:59.5+01:00"}`, asRequest, ""},
		{"date-time day", `{"name": "ab", "at": "2023-02-29T00:00:00Z"}`, asRequest, "not an RFC 3339 date-time"},
		{"date-time shape", `{"name": "ab", "at": "2024-01-01 00:00:00Z"}`, asRequest, "not an RFC 3339 date-time"},
		{"date-time checked in responses", `{` + ok + `, "at": "yesterday"}`, asResponse, `at "/at"`},
		{"enum request", `{"name": "ab", "color": "BLUE"}`, asRequest, `value "BLUE" is not one of the allowed values RED, GREEN`},
		{"enum response forward compatible", `{` + ok + `, "color": "BLUE"}`, asResponse, ""},
		{"maxItems", `{"name": "ab", "tags": ["a", "b", "c"]}`, asRequest, "at most 2 items"},
		{"items", `{"name": "ab", "tags": ["a", 2]}`, asRequest, `at "/tags/1": value must be a string`},
		{"missing required", `{"color": "RED"}`, asRequest, `at "/name": property "name" is missing`},
		{"read-only required is not required in requests", `{"name": "ab"}`, asRequest, ""},
		{"read-only required is required in responses", `{"name": "ab"}`, asResponse, `property "id" is missing`},
		{"read-only in request", `{"name": "ab", "id": "x"}`, asRequest, `at "/id": readOnly property "id" in request`},
		{"read-only through $ref", `{"name": "ab", "_links": {}}`, asRequest, `readOnly property "_links"`},
		{"null not nullable", `{"name": "ab", "count": null}`, asRequest, `at "/count": value is not nullable`},
		{"nullable", `{"name": "ab", "note": null}`, asRequest, ""},
		{"optional null in response", `{` + ok + `, "count": null, "color": null, "_links": null}`, asResponse, ""},
		{"required null in response", `{"id": "i", "name": null}`, asResponse, `at "/name": value is not nullable`},
		{"nullable allOf wrapper", `{"name": "ab", "shade": null}`, asRequest, ""},
		{"allOf wrapper checks its target", `{"name": "ab", "shade": "PINK"}`, asRequest, `at "/shade"`},
		{"additionalProperties schema", `{"name": "ab", "labels": {"a": "x", "b": 1}}`, asRequest, `at "/labels/b": value must be a string`},
		{"undeclared property", `{"name": "ab", "whatever": [1]}`, asRequest, ""},
		{"additionalProperties false", `{"name": "ab", "closed": {"a": "x", "b": "y"}}`, asRequest, `at "/closed/b": property "b" is not allowed`},
		{"additionalProperties false relaxed in responses", `{` + ok + `, "closed": {"b": "y"}}`, asResponse, ""},
		{"additionalProperties values in responses", `{` + ok + `, "_links": {"self": {"href": "https://x"}, "next": {}}}`, asResponse, `at "/_links/next/href": property "href" is missing`},
		{"pointer escaping", `{"name": "ab", "labels": {"a/b~c": 1}}`, asRequest, `at "/labels/a~1b~0c"`},
		{"every violation reported", `{"name": 1, "count": "x"}`, asRequest, `at "/count": value must be an integer, not a string; at "/name": value must be a string, not a number`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := check(t, base, tc.dir, tc.body)
			if tc.want == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestSchemaCombinators(t *testing.T) {
	doc := mini(t)
	pet, cat := doc.Components.Schemas["Pet"], doc.Components.Schemas["Cat"]

	// allOf: every part applies; "id" is required by Cat's own part but
	// read-only in Base, its sibling: not required in requests.
	assert.NoError(t, check(t, cat, asRequest, `{"name": "ab", "meow": true}`))
	err := check(t, cat, asResponse, `{"name": "ab", "meow": true}`)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `property "id" is missing`)
	err = check(t, cat, asRequest, `{"name": "a", "meow": "yes"}`)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `at "/meow": value must be a boolean`)
	assert.Contains(t, err.Error(), `at "/name": at least 2 characters`)

	// anyOf: one variant is enough; otherwise every variant says why not.
	assert.NoError(t, check(t, pet, asRequest, `{"name": "ab", "meow": true}`))
	assert.NoError(t, check(t, pet, asRequest, `{"name": "ab", "bark": "woof"}`))
	err = check(t, pet, asRequest, `{"name": "ab"}`)
	require.Error(t, err)
	assert.Equal(t, "no variant of anyOf matches:\n"+
		"\tas Cat: at \"/meow\": property \"meow\" is missing\n"+
		"\tas Dog: at \"/bark\": property \"bark\" is missing", err.Error())

	// null: a combinator is nullable only through its parts.
	assert.Error(t, check(t, pet, asRequest, `null`))
	wrapper := doc.Components.Schemas["Base"].Properties["shade"]
	assert.NoError(t, check(t, wrapper, asRequest, `null`))
	assert.NoError(t, (&validator{}).validate(&Schema{AllOf: []*Schema{{Type: "string", Nullable: true}}}, nil))
}

func TestAllowReadOnly(t *testing.T) {
	base := mini(t).Components.Schemas["Base"]
	value, err := decodeJSON([]byte(`{"id": "x", "name": "ab"}`))
	require.NoError(t, err)
	assert.NoError(t, (&validator{dir: asRequest, allowReadOnly: true}).validate(base, value))
	assert.Error(t, (&validator{dir: asRequest}).validate(base, value))

	// A null read-only property is no read-only value sent: only its type counts.
	value, err = decodeJSON([]byte(`{"id": null, "name": "ab"}`))
	require.NoError(t, err)
	assert.EqualError(t, (&validator{dir: asRequest}).validate(base, value), `at "/id": value is not nullable`)
}

func TestDecodeJSON(t *testing.T) {
	for _, bad := range []string{``, `{`, `{} {}`, `{}x`, `[1,]`} {
		_, err := decodeJSON([]byte(bad))
		assert.Error(t, err, bad)
	}
	v, err := decodeJSON([]byte(" {\"a\": 12345678901234567890}\n"))
	require.NoError(t, err)
	assert.Equal(t, json.Number("12345678901234567890"), v.(map[string]any)["a"])
}

func TestParameters(t *testing.T) {
	op := mini(t).Paths["/pets/{petID}"]["get"]
	params := map[string]*parameter{}
	for _, p := range op.Parameters {
		params[p.Name] = p
	}
	for _, tc := range []struct{ name, value, want string }{
		{"limit", "10", ""},
		{"limit", "0", "less than the minimum 1"},
		{"limit", "1.5", `value "1.5" is not an integer`},
		{"limit", "", `value "" is not an integer`},
		{"color", "RED", ""},
		{"color", "red", "not one of the allowed values"},
		{"deep", "true", ""},
		{"deep", "1", `value "1" is not a boolean`},
		{"petID", "anything", ""},
	} {
		err := checkParam(params[tc.name], tc.value)
		if tc.want == "" {
			assert.NoError(t, err, "%s=%s", tc.name, tc.value)
			continue
		}
		if assert.Error(t, err, "%s=%s", tc.name, tc.value) {
			assert.Contains(t, err.Error(), tc.want)
			assert.Contains(t, err.Error(), `parameter "`+tc.name+`" in `)
		}
	}
}

func TestMultipart(t *testing.T) {
	upload := mini(t).Components.Schemas["Upload"]
	const ct = "multipart/form-data; boundary=XX"
	body := func(parts ...string) []byte {
		var b strings.Builder
		for _, p := range parts {
			name, value, _ := strings.Cut(p, "=")
			b.WriteString("--XX\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
		}
		b.WriteString("--XX--\r\n")
		return []byte(b.String())
	}
	obj, err := decodeMultipart(ct, body("file=PEM", "size=3"), upload)
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"file": "PEM", "size": json.Number("3")}, obj)

	for name, tc := range map[string]struct {
		ct   string
		body []byte
		want string
	}{
		"undeclared part": {ct, body("file=x", "other=y"), `part "other" is not declared`},
		"part twice":      {ct, body("file=x", "file=y"), `part "file" appears twice`},
		"bad scalar":      {ct, body("file=x", "size=big"), `part "size": value "big" is not an integer`},
		"no boundary":     {"multipart/form-data", body("file=x"), "no boundary"},
		"broken":          {ct, []byte("--XX\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nunterminated"), "EOF"},
	} {
		_, err := decodeMultipart(tc.ct, tc.body, upload)
		if assert.Error(t, err, name) {
			assert.Contains(t, err.Error(), tc.want, name)
		}
	}
}

// TestLoaderRejectsWhatItDoesNotImplement: the validator covers the subset
// the generator writes; anything else must stop Load, not pass unchecked.
func TestLoaderRejectsWhatItDoesNotImplement(t *testing.T) {
	for _, tc := range []struct{ name, old, new, want string }{
		{"unknown keyword", `"maxItems": 2`, `"minItems": 2`, `unknown field "minItems"`},
		{"oneOf", `"anyOf": [{"$ref": "#/components/schemas/Cat"}`, `"oneOf": [{"$ref": "#/components/schemas/Cat"}`, `unknown field "oneOf"`},
		{"unknown format", `"format": "password"`, `"format": "email"`, `format "email" of type string is not supported`},
		{"format of another type", `"format": "int32"`, `"format": "date-time"`, `format "date-time" of type integer`},
		{"unknown type", `"type": "boolean", "default"`, `"type": "null", "default"`, `type "null" is not supported`},
		{"keyword of another type", `"maximum": 1.5`, `"pattern": "x"`, "pattern does not apply to type number"},
		{"array without items", `"items": {"type": "string"}, "maxItems": 2`, `"maxItems": 2`, "an array schema needs items"},
		{"typeless schema", `"type": "string", "format": "password"`, `"format": "password"`, "a schema without type must be an allOf or anyOf"},
		{"bad pattern", `"^[A-Z]{2}$"`, `"^[A-Z"`, "pattern"},
		{"dangling ref", `"#/components/schemas/Color"}],`, `"#/components/schemas/Colour"}],`, "names no schema"},
		{"ref with siblings", `{"$ref": "#/components/schemas/Links"}`, `{"$ref": "#/components/schemas/Links", "nullable": true}`, "$ref with sibling keywords"},
		{"external ref", `{"$ref": "#/components/schemas/Links"}`, `{"$ref": "other.json#/Links"}`, "names no schema"},
		{"header parameter", `{"in": "query", "name": "deep"`, `{"in": "header", "name": "deep"`, "only path and query parameters"},
		{"undeclared path parameter", `{"in": "path", "name": "petID", "required": true, "schema": {"type": "string"}},
          {"in": "query"`, `{"in": "query"`, `path parameter "petID" is not declared`},
		{"object parameter", `"name": "deep", "schema": {"type": "boolean"}`, `"name": "deep", "schema": {"type": "object"}`, "parameters must be strings"},
		{"request content type", `"multipart/form-data": {"schema"`, `"text/plain": {"schema"`, "content type not supported"},
		{"response content type", `"200": {"description": "", "content": {"application/json"`, `"200": {"description": "", "content": {"text/html"`, "JSON only"},
		{"method", `"put": {`, `"head": {`, `"head" is not supported`},
		{"status", `"204": {"description": ""}`, `"2XX": {"description": ""}`, "not a status code"},
		{"openapi 3.1", `"openapi": "3.0.3"`, `"openapi": "3.1.0"`, "only 3.0.3"},
		{"allOf cycle", `"Cat": {"allOf": [{"$ref": "#/components/schemas/Base"}`, `"Cat": {"allOf": [{"$ref": "#/components/schemas/Pet"}`, "includes itself"},
		{"trailing data", "\n}\n}`", "\n}\n}}", "trailing data"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := miniDoc
			if tc.name == "trailing data" {
				src += "}"
			} else {
				require.Equal(t, 1, strings.Count(src, tc.old), "the case must change the mini document once: %s", tc.old)
				src = strings.Replace(src, tc.old, tc.new, 1)
			}
			_, err := parseDocument([]byte(src))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

// TestGeneratedSubset loads the committed contract and checks that what the
// validator implements is actually used there (so the subset is neither
// smaller nor, by much, larger than the generator's).
func TestGeneratedSubset(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "contract", OpenAPIFile))
	require.NoError(t, err)
	doc, err := parseDocument(raw)
	require.NoError(t, err)
	used := map[string]bool{}
	seen := map[*Schema]bool{}
	var walk func(*Schema)
	walk = func(s *Schema) {
		if seen[s] {
			return
		}
		seen[s] = true
		mark := func(kw string, on bool) {
			if on {
				used[kw] = true
			}
		}
		mark("type "+s.Type, s.Type != "")
		mark("format "+s.Format, s.Format != "")
		mark("enum", s.Enum != nil)
		mark("pattern", s.Pattern != "")
		mark("minimum", s.Minimum != nil)
		mark("maximum", s.Maximum != nil)
		mark("minLength", s.MinLength != nil)
		mark("maxLength", s.MaxLength != nil)
		mark("maxItems", s.MaxItems != nil)
		mark("nullable", s.Nullable)
		mark("readOnly", s.ReadOnly)
		mark("required", s.Required != nil)
		mark("allOf", s.AllOf != nil)
		mark("anyOf", s.AnyOf != nil)
		mark("additionalProperties schema", s.AdditionalProperties != nil && s.AdditionalProperties.Schema != nil)
		for _, p := range s.Properties {
			walk(p)
		}
		if s.Items != nil {
			walk(s.Items)
		}
		if s.AdditionalProperties != nil && s.AdditionalProperties.Schema != nil {
			walk(s.AdditionalProperties.Schema)
		}
		for _, x := range append(append([]*Schema{}, s.AllOf...), s.AnyOf...) {
			walk(x)
		}
	}
	for _, s := range doc.Components.Schemas {
		walk(s)
	}
	for _, kw := range []string{
		"type object", "type array", "type string", "type integer", "type boolean",
		"format date-time", "format uri", "format password", "format binary", "format int32",
		"enum", "pattern", "minimum", "maximum", "minLength", "maxLength", "maxItems",
		"nullable", "readOnly", "required", "allOf", "anyOf", "additionalProperties schema",
	} {
		assert.True(t, used[kw], "the contract no longer uses %s: drop it from the validator or from this list", kw)
	}
	// Implemented beyond the generator's output, for symmetry only: "number"
	// and additionalProperties: false (tested on the mini document).
	assert.False(t, used["type number"])
}

func TestResponseSchema(t *testing.T) {
	c, err := Load("../../testdata/contract")
	require.NoError(t, err)

	s, err := c.ResponseSchema("Get Population")
	require.NoError(t, err)
	require.NotNil(t, s)
	assert.Equal(t, "Population", s.Name())
	assert.Contains(t, s.Properties, "userCount")

	s, err = c.ResponseSchema("List Users")
	require.NoError(t, err)
	assert.Equal(t, "UserCollection", s.Name())

	// As the contract states it: required members and enums are kept.
	s, err = c.ResponseSchema("Get Current User Info")
	require.NoError(t, err)
	assert.Equal(t, []string{"sub"}, s.Required)
	s, err = c.ResponseSchema("Get User Password Metadata")
	require.NoError(t, err)
	assert.NotEmpty(t, s.Properties["status"].Enum)

	s, err = c.ResponseSchema("Delete Population")
	require.NoError(t, err)
	assert.Nil(t, s, "a 204 has no body")

	_, err = c.ResponseSchema("Get Nothing")
	assert.ErrorContains(t, err, `no action "Get Nothing"`)
}
