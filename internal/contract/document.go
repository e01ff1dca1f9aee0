package contract

import (
	"errors"
	"fmt"
	"mime"
	"slices"
	"strconv"
	"strings"
)

// document is openapi.json as tools/contractgen writes it: OpenAPI
// 3.0.3 with local references only, operations with path and query
// parameters, request bodies (JSON, vendor JSON, multipart/form-data) and
// JSON responses. Any other member fails decoding.
type document struct {
	OpenAPI string `json:"openapi"`
	Info    struct {
		Title   string `json:"title"`
		Version string `json:"version"`
	} `json:"info"`
	Paths      map[string]map[string]*operation `json:"paths"` // path template → lower-case method → operation
	Components struct {
		Schemas   map[string]*Schema   `json:"schemas"`
		Responses map[string]*response `json:"responses"`
	} `json:"components"`
}

type operation struct {
	OperationID string               `json:"operationId"`
	Parameters  []*parameter         `json:"parameters"`
	RequestBody *requestBody         `json:"requestBody"`
	Responses   map[string]*response `json:"responses"` // status code → response

	query []*parameter // the query parameters
}

type parameter struct {
	In       string  `json:"in"` // "path" or "query"
	Name     string  `json:"name"`
	Required bool    `json:"required"`
	Schema   *Schema `json:"schema"`
}

type requestBody struct {
	Content  map[string]*mediaType `json:"content"` // media type → schema
	Required bool                  `json:"required"`
}

type mediaType struct {
	Schema *Schema `json:"schema"`
}

type response struct {
	Ref         string                `json:"$ref"`
	Description string                `json:"description"`
	Content     map[string]*mediaType `json:"content"`
}

var methods = []string{"get", "post", "put", "patch", "delete"}

const schemaRefPrefix, responseRefPrefix = "#/components/schemas/", "#/components/responses/"

// parseDocument decodes openapi.json, replaces every reference by what it
// names and checks that the document stays within what the validator
// implements.
func parseDocument(raw []byte) (*document, error) {
	var doc document
	if err := decodeStrict(raw, &doc); err != nil {
		return nil, err
	}
	if doc.OpenAPI != "3.0.3" {
		return nil, fmt.Errorf("openapi %q: only 3.0.3 is supported", doc.OpenAPI)
	}
	if err := doc.resolve(); err != nil {
		return nil, err
	}
	return &doc, nil
}

func (d *document) resolve() error {
	for _, name := range sortedKeys(d.Components.Schemas) {
		if d.Components.Schemas[name] == nil {
			return fmt.Errorf("components.schemas.%s is null", name)
		}
		d.Components.Schemas[name].name = name
	}
	checked := map[*Schema]bool{}
	// ref resolves a schema reference; every schema is checked once.
	var ref func(s *Schema, where string) (*Schema, error)
	ref = func(s *Schema, where string) (*Schema, error) {
		if s == nil {
			return nil, fmt.Errorf("%s: missing schema", where)
		}
		if s.Ref != "" {
			if !s.isBareRef() {
				return nil, fmt.Errorf("%s: $ref with sibling keywords", where)
			}
			name, ok := strings.CutPrefix(s.Ref, schemaRefPrefix)
			target := d.Components.Schemas[name]
			if !ok || target == nil {
				return nil, fmt.Errorf("%s: $ref %s names no schema of the document", where, s.Ref)
			}
			return target, nil
		}
		if checked[s] {
			return s, nil
		}
		checked[s] = true
		var err error
		for _, k := range sortedKeys(s.Properties) {
			if s.Properties[k], err = ref(s.Properties[k], where+".properties."+k); err != nil {
				return nil, err
			}
		}
		if s.Items != nil {
			if s.Items, err = ref(s.Items, where+".items"); err != nil {
				return nil, err
			}
		}
		if ap := s.AdditionalProperties; ap != nil && ap.Schema != nil {
			if ap.Schema, err = ref(ap.Schema, where+".additionalProperties"); err != nil {
				return nil, err
			}
		}
		for _, list := range [][]*Schema{s.AllOf, s.AnyOf} {
			for i := range list {
				if list[i], err = ref(list[i], fmt.Sprintf("%s.xOf[%d]", where, i)); err != nil {
					return nil, err
				}
			}
		}
		if err := s.check(); err != nil {
			return nil, fmt.Errorf("%s: %w", where, err)
		}
		return s, nil
	}
	for _, name := range sortedKeys(d.Components.Schemas) {
		if _, err := ref(d.Components.Schemas[name], "components.schemas."+name); err != nil {
			return err
		}
	}
	for _, name := range sortedKeys(d.Components.Schemas) {
		if err := checkCombinatorCycle(d.Components.Schemas[name], nil); err != nil {
			return fmt.Errorf("components.schemas.%s: %w", name, err)
		}
	}
	resp := func(r *response, where string) (*response, error) {
		if r == nil {
			return nil, fmt.Errorf("%s: missing response", where)
		}
		if r.Ref != "" {
			if r.Description != "" || r.Content != nil {
				return nil, fmt.Errorf("%s: $ref with sibling members", where)
			}
			name, ok := strings.CutPrefix(r.Ref, responseRefPrefix)
			target := d.Components.Responses[name]
			if !ok || target == nil || target.Ref != "" {
				return nil, fmt.Errorf("%s: $ref %s names no response of the document", where, r.Ref)
			}
			return target, nil
		}
		for _, ct := range sortedKeys(r.Content) {
			if !isJSONMediaType(ct) {
				return nil, fmt.Errorf("%s: response content type %q is not supported (JSON only)", where, ct)
			}
			mt := r.Content[ct]
			if mt == nil {
				return nil, fmt.Errorf("%s: content %s is null", where, ct)
			}
			var err error
			if mt.Schema, err = ref(mt.Schema, where+"."+ct); err != nil {
				return nil, err
			}
		}
		return r, nil
	}
	for _, name := range sortedKeys(d.Components.Responses) {
		if _, err := resp(d.Components.Responses[name], "components.responses."+name); err != nil {
			return err
		}
	}
	for _, path := range sortedKeys(d.Paths) {
		for _, method := range sortedKeys(d.Paths[path]) {
			where := strings.ToUpper(method) + " " + path
			op := d.Paths[path][method]
			if !slices.Contains(methods, method) {
				return fmt.Errorf("paths.%s: %q is not supported (only %s)", path, method, strings.Join(methods, ", "))
			}
			if op == nil {
				return fmt.Errorf("%s: null operation", where)
			}
			if err := op.resolve(path, where, ref, resp); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *Schema) isBareRef() bool {
	return s.Type == "" && s.Format == "" && s.Properties == nil && s.Required == nil && s.AdditionalProperties == nil &&
		s.Items == nil && s.AllOf == nil && s.AnyOf == nil && s.Enum == nil && s.Pattern == "" && s.Minimum == nil &&
		s.Maximum == nil && s.MinLength == nil && s.MaxLength == nil && s.MaxItems == nil && !s.Nullable && !s.ReadOnly &&
		s.Default == nil && !s.Deprecated
}

// checkCombinatorCycle rejects a schema that includes itself through
// allOf/anyOf alone: validating it would never end. (Cycles through
// properties or items are fine: each step goes into the value.)
func checkCombinatorCycle(s *Schema, path []*Schema) error {
	if slices.Contains(path, s) {
		return errors.New("includes itself through allOf/anyOf")
	}
	path = append(path, s)
	for _, sub := range slices.Concat(s.AllOf, s.AnyOf) {
		if err := checkCombinatorCycle(sub, path); err != nil {
			return err
		}
	}
	return nil
}

func (op *operation) resolve(path, where string, ref func(*Schema, string) (*Schema, error), resp func(*response, string) (*response, error)) error {
	var inPath []string
	for _, seg := range strings.Split(path, "/") {
		if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
			inPath = append(inPath, seg[1:len(seg)-1])
		}
	}
	seen := map[string]bool{}
	var err error
	for i, p := range op.Parameters {
		if p == nil {
			return fmt.Errorf("%s: parameter %d is null", where, i)
		}
		at := fmt.Sprintf("%s: parameter %q in %s", where, p.Name, p.In)
		if seen[p.In+" "+p.Name] {
			return fmt.Errorf("%s: declared twice", at)
		}
		seen[p.In+" "+p.Name] = true
		switch p.In {
		case "path":
			if !slices.Contains(inPath, p.Name) || !p.Required {
				return fmt.Errorf("%s: not a required segment of the path", at)
			}
		case "query":
			op.query = append(op.query, p)
		default:
			return fmt.Errorf("%s: only path and query parameters are supported", at)
		}
		if p.Schema, err = ref(p.Schema, at); err != nil {
			return err
		}
		if !slices.Contains([]string{"string", "integer", "number", "boolean"}, p.Schema.Type) {
			return fmt.Errorf("%s: parameters must be strings, numbers or booleans, not %q", at, p.Schema.Type)
		}
	}
	for _, name := range inPath {
		if !seen["path "+name] {
			return fmt.Errorf("%s: path parameter %q is not declared", where, name)
		}
	}
	if rb := op.RequestBody; rb != nil {
		if len(rb.Content) == 0 {
			return fmt.Errorf("%s: request body without content", where)
		}
		for _, ct := range sortedKeys(rb.Content) {
			at := where + ": request body " + ct
			mt := rb.Content[ct]
			if mt == nil {
				return fmt.Errorf("%s: null", at)
			}
			if mt.Schema, err = ref(mt.Schema, at); err != nil {
				return err
			}
			switch {
			case isJSONMediaType(ct):
			case ct == "multipart/form-data":
				if err := checkMultipartSchema(mt.Schema); err != nil {
					return fmt.Errorf("%s: %w", at, err)
				}
			default:
				return fmt.Errorf("%s: content type not supported (JSON, vendor JSON and multipart/form-data only)", at)
			}
		}
	}
	if len(op.Responses) == 0 {
		return fmt.Errorf("%s: no responses", where)
	}
	for _, code := range sortedKeys(op.Responses) {
		if n, err := strconv.Atoi(code); err != nil || n < 100 || n > 599 {
			return fmt.Errorf("%s: response %q is not a status code", where, code)
		}
		if op.Responses[code], err = resp(op.Responses[code], where+": response "+code); err != nil {
			return err
		}
	}
	return nil
}

// checkMultipartSchema accepts an object of text parts: every part is a
// property of a scalar type, read from the part's content.
func checkMultipartSchema(s *Schema) error {
	if s.Type != "object" || len(s.AllOf) > 0 || len(s.AnyOf) > 0 || s.AdditionalProperties != nil {
		return errors.New("multipart schema must be a plain object")
	}
	for _, name := range sortedKeys(s.Properties) {
		if t := s.Properties[name].Type; !slices.Contains([]string{"string", "integer", "number", "boolean"}, t) {
			return fmt.Errorf("multipart part %q of type %q: only scalar parts are supported", name, t)
		}
	}
	return nil
}

// mediaTypeOf returns the lower-case media type of a Content-Type header
// value, without parameters.
func mediaTypeOf(contentType string) string {
	if mt, _, err := mime.ParseMediaType(contentType); err == nil {
		return mt
	}
	mt, _, _ := strings.Cut(contentType, ";")
	return strings.ToLower(strings.TrimSpace(mt))
}

// isJSONMediaType reports whether a media type is JSON: application/json or
// a structured +json type (application/vnd.pingidentity.user.import+json).
func isJSONMediaType(mt string) bool {
	return mt == "application/json" || strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json")
}
