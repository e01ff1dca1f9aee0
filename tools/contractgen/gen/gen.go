// Package gen builds the PingOne contract files kept in testdata/contract
// (actions.json and openapi.json) from actions.tsv and the PingOne OpenAPI
// specs. It is used by the contractgen command and by the contract tests that
// check the committed files are up to date.
//
// Only facts are carried over from the specs (paths, methods, parameters,
// schemas, status codes); every piece of prose (descriptions, summaries,
// titles, examples, tags, extensions) is dropped.
package gen

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// File names read from the spec directory and written to the output directory.
const (
	ActionsTSV     = "actions.tsv"
	ManagementSpec = "pingone-management.yml"
	MFASpec        = "pingone-mfa.yml"
	ActionsFile    = "actions.json"
	OpenAPIFile    = "openapi.json"
)

// Action is one entry of actions.json. Fields are declared in JSON key order
// so the output has sorted keys.
type Action struct {
	ContentType  string   `json:"contentType,omitempty"`  // request content type the SDK must send ("" = no body)
	ContentTypes []string `json:"contentTypes,omitempty"` // every request content type the operation declares
	Family       string   `json:"family"`
	Host         string   `json:"host"` // "api" or "auth"
	Method       string   `json:"method"`
	Name         string   `json:"name"`
	OperationID  string   `json:"operationId"`
	Path         string   `json:"path"`           // relative to the host's base ("/environments/...", "/{environmentID}/as/userinfo")
	SchemaSource string   `json:"schemaSource"`   // "spec" or "generator" (schemas written in this generator)
	Spec         string   `json:"spec,omitempty"` // spec file the operation comes from
	Status       int      `json:"status"`         // documented success status
	Statuses     []int    `json:"statuses"`       // every success status the contract accepts
}

// ActionsDoc is the top-level shape of actions.json.
type ActionsDoc struct {
	Actions []Action `json:"actions"`
}

// Schema sources recorded in actions.json.
const (
	SourceSpec      = "spec"
	SourceGenerator = "generator"
)

type obj = map[string]any

// Generate reads actions.tsv and the two specs from specDir and returns the
// contents of the generated files keyed by file name.
func Generate(specDir string) (map[string][]byte, error) {
	rows, err := readTSV(filepath.Join(specDir, ActionsTSV))
	if err != nil {
		return nil, err
	}
	m, err := loadSpec(filepath.Join(specDir, ManagementSpec), "m")
	if err != nil {
		return nil, err
	}
	f, err := loadSpec(filepath.Join(specDir, MFASpec), "f")
	if err != nil {
		return nil, err
	}
	g := &generator{
		m:       m,
		f:       f,
		gen:     &source{id: "gen", file: ""},
		names:   map[string]string{},
		schemas: obj{},
		paths:   obj{},
	}
	actions, err := g.build(rows)
	if err != nil {
		return nil, err
	}
	doc := obj{
		"openapi": "3.0.3",
		"info":    obj{"title": "pingone-contract", "version": m.doc.Info.Version},
		"paths":   g.paths,
		"components": obj{
			"schemas": g.schemas,
			"responses": obj{
				errorResponse: obj{
					"description": "",
					"content":     obj{"application/json": obj{"schema": schemaRef(errorSchema)}},
				},
			},
		},
	}
	openapiJSON, err := encode(doc)
	if err != nil {
		return nil, err
	}
	actionsJSON, err := encode(ActionsDoc{Actions: actions})
	if err != nil {
		return nil, err
	}
	return map[string][]byte{ActionsFile: actionsJSON, OpenAPIFile: openapiJSON}, nil
}

// Write generates the contract files and writes them into outDir.
func Write(specDir, outDir string) error {
	files, err := Generate(specDir)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := os.WriteFile(filepath.Join(outDir, name), files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// ---------------------------------------------------------------------------
// Inputs

type tsvRow struct {
	name, family, method, path, contentType string
	status                                  int
	response, queryParams, specOp           string
}

var tsvHeader = []string{"action", "family", "method", "path", "request_content_type", "success_status", "response", "query_params", "spec_operation", "notes"}

func readTSV(path string) ([]tsvRow, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var rows []tsvRow
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if text == "" {
			continue
		}
		cols := strings.Split(text, "\t")
		if line == 1 {
			if !slices.Equal(cols, tsvHeader) {
				return nil, fmt.Errorf("%s: unexpected header %q", path, cols)
			}
			continue
		}
		if len(cols) != len(tsvHeader) {
			return nil, fmt.Errorf("%s:%d: %d columns, want %d", path, line, len(cols), len(tsvHeader))
		}
		status, err := strconv.Atoi(cols[5])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: status: %w", path, line, err)
		}
		ct := cols[4]
		if ct == "-" {
			ct = ""
		}
		rows = append(rows, tsvRow{
			name: cols[0], family: cols[1], method: strings.ToUpper(cols[2]), path: cols[3],
			contentType: ct, status: status, response: cols[6], queryParams: cols[7], specOp: cols[8],
		})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(rows) != expectedActions {
		return nil, fmt.Errorf("%s: %d actions, want %d", path, len(rows), expectedActions)
	}
	return rows, nil
}

const expectedActions = 113

type source struct {
	id   string
	file string
	doc  *openapi3.T
}

func loadSpec(path, id string) (*source, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	// The management spec holds a literal TAB (YAML forbids tabs in indentation).
	data = bytes.ReplaceAll(data, []byte("\t"), []byte("  "))
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &source{id: id, file: filepath.Base(path), doc: doc}, nil
}

// ---------------------------------------------------------------------------
// Generation

type pending struct {
	src     *source
	name    string
	outName string
}

type generator struct {
	m, f, gen *source
	names     map[string]string // source id + "#" + component name -> output name
	queue     []pending
	schemas   obj // output components.schemas
	paths     obj // output paths
}

const (
	errorSchema   = "P1Error"
	errorResponse = "P1Error"
)

func schemaRef(name string) obj { return obj{"$ref": "#/components/schemas/" + name} }

func (g *generator) build(rows []tsvRow) ([]Action, error) {
	var actions []Action
	seenStub := map[string]bool{}
	seenStatusFix := map[string]bool{}
	seenNarrow := map[string]bool{}
	// The error schema is always present: 4xx/5xx bodies are checked against it.
	if _, err := g.ref(g.m, errorSchema); err != nil {
		return nil, err
	}
	for _, row := range rows {
		a, err := g.action(row, seenStub, seenStatusFix, seenNarrow)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", row.name, err)
		}
		actions = append(actions, a)
	}
	for name := range stubOps {
		if !seenStub[name] {
			return nil, fmt.Errorf("generator schema for %q is not used: the action is no longer a stub or was renamed", name)
		}
	}
	for name := range statusCorrections {
		if !seenStatusFix[name] {
			return nil, fmt.Errorf("status correction for %q is not needed any more", name)
		}
	}
	for name := range collectionItems {
		if !seenNarrow[name] {
			return nil, fmt.Errorf("collection item override for %q is not used", name)
		}
	}
	if err := g.drain(); err != nil {
		return nil, err
	}
	if err := g.applyPatches(); err != nil {
		return nil, err
	}
	g.requireReadOnlyIDs()
	if err := g.derive(); err != nil {
		return nil, err
	}
	// Deriving may not introduce new references, but drain again to be sure.
	if err := g.drain(); err != nil {
		return nil, err
	}
	return actions, nil
}

func (g *generator) action(row tsvRow, seenStub, seenStatusFix, seenNarrow map[string]bool) (Action, error) {
	a := Action{
		Name: row.name, Family: row.family, Method: row.method, Path: row.path,
		Host: "api", ContentType: row.contentType, Status: row.status, SchemaSource: SourceSpec,
	}
	var (
		src    *source
		pathIt *openapi3.PathItem
		op     *openapi3.Operation
	)
	switch {
	case row.specOp == "not in spec":
		if row.name != userInfoAction {
			return a, fmt.Errorf("only %q may be missing from the specs", userInfoAction)
		}
		// Userinfo lives on the auth host: no /v1 and no /environments segment.
		a.Host = "auth"
		a.Path = userInfoPath
	case strings.HasPrefix(row.specOp, ManagementSpec+":"):
		src = g.m
	case strings.HasPrefix(row.specOp, MFASpec+":"):
		src = g.f
	default:
		return a, fmt.Errorf("unknown spec operation %q", row.specOp)
	}
	if src != nil {
		a.Spec = src.file
		pathIt = src.doc.Paths.Value(row.path)
		if pathIt == nil {
			return a, fmt.Errorf("path %s not in %s", row.path, src.file)
		}
		op = pathIt.GetOperation(row.method)
		if op == nil {
			return a, fmt.Errorf("%s %s not in %s", row.method, row.path, src.file)
		}
		_, want, _ := strings.Cut(row.specOp, ":")
		if !strings.HasPrefix(want, "(") && want != op.OperationID {
			return a, fmt.Errorf("operation %s %s is %q in %s, actions.tsv says %q", row.method, row.path, op.OperationID, src.file, want)
		}
	}

	stub, isStub := stubOps[row.name]
	if src == nil || op.OperationID == "" {
		// Postman-derived stub (no operationId, empty schemas) or not in any spec.
		if !isStub {
			return a, errors.New("operation has no schemas in the spec and no generator schema")
		}
		seenStub[row.name] = true
		a.SchemaSource = SourceGenerator
	} else if isStub {
		return a, errors.New("generator schema given for an operation the spec describes")
	}

	a.OperationID = lowerFirst(pascal(row.name))
	if op != nil && op.OperationID != "" {
		a.OperationID = op.OperationID
	}

	out := obj{"operationId": a.OperationID}

	// Parameters: path and query only (headers are transport concerns).
	params, err := g.parameters(src, pathIt, op, a.Path, row.queryParams)
	if err != nil {
		return a, err
	}
	if len(params) > 0 {
		out["parameters"] = params
	}

	// Request body.
	content := obj{}
	optionalBody := optionalBodies[row.name]
	switch {
	case isStub && stub.request != "":
		if row.contentType == "" {
			return a, errors.New("generator request schema but no request content type")
		}
		ref, err := g.ref(g.gen, stub.request)
		if err != nil {
			return a, err
		}
		content[row.contentType] = obj{"schema": ref}
	case isStub:
		if row.contentType != "" {
			return a, errors.New("request content type but no generator request schema")
		}
	case requestOverrides[row.name].schema != "":
		ov := requestOverrides[row.name]
		ref, err := g.refAny(src, ov.schema)
		if err != nil {
			return a, err
		}
		content[row.contentType] = obj{"schema": ref}
	case op.RequestBody != nil && op.RequestBody.Value != nil:
		for ct, mt := range op.RequestBody.Value.Content {
			mediaType := obj{}
			if mt.Schema != nil {
				s, err := g.clean(src, mt.Schema)
				if err != nil {
					return a, err
				}
				mediaType["schema"] = s
			}
			content[ct] = mediaType
		}
	}
	if len(content) > 0 {
		if _, ok := content[row.contentType]; !ok {
			return a, fmt.Errorf("request content type %q not among the declared %v", row.contentType, sortedKeys(content))
		}
		body := obj{"content": content}
		if !optionalBody {
			body["required"] = true
		}
		out["requestBody"] = body
		a.ContentTypes = sortedKeys(content)
	} else if row.contentType != "" {
		return a, fmt.Errorf("request content type %q but the operation has no request body", row.contentType)
	}

	// Responses.
	responses := obj{}
	var successSchema any // nil: no body
	var specStatuses []int
	if op != nil {
		for code, rr := range op.Responses.Map() {
			n, err := strconv.Atoi(code)
			if err != nil {
				return a, fmt.Errorf("unexpected response key %q", code)
			}
			switch {
			case n >= 400:
				responses[code] = obj{"$ref": "#/components/responses/" + errorResponse}
			case n >= 200 && n < 300:
				specStatuses = append(specStatuses, n)
				if isStub || strings.HasPrefix(row.response, "collection:") || responseOverrides[row.name] != "" {
					continue // replaced below; do not pull in the spec's schema
				}
				s, err := g.successSchema(src, rr)
				if err != nil {
					return a, fmt.Errorf("response %s: %w", code, err)
				}
				if successSchema != nil && s != nil && !jsonEqual(successSchema, s) {
					return a, fmt.Errorf("success responses with different schemas")
				}
				if s != nil {
					successSchema = s
				}
			default:
				return a, fmt.Errorf("unexpected response status %s", code)
			}
		}
	}
	sort.Ints(specStatuses)

	switch {
	case isStub:
		switch {
		case stub.collection != "":
			key := strings.TrimPrefix(row.response, "collection:")
			key, _, _ = strings.Cut(key, " ")
			key = strings.TrimPrefix(key, "_embedded.")
			item, err := g.ref(g.gen, stub.collection)
			if err != nil {
				return a, err
			}
			name, err := g.collection(key, item, stub.collection)
			if err != nil {
				return a, err
			}
			successSchema = schemaRef(name)
		case stub.response != "":
			ref, err := g.ref(g.gen, stub.response)
			if err != nil {
				return a, err
			}
			successSchema = ref
		default:
			successSchema = nil
		}
	case strings.HasPrefix(row.response, "collection:"):
		key := strings.TrimPrefix(row.response, "collection:")
		key, _, _ = strings.Cut(key, " ")
		key = strings.TrimPrefix(key, "_embedded.")
		name, err := g.specCollection(row.name, src, key, seenNarrow)
		if err != nil {
			return a, err
		}
		successSchema = schemaRef(name)
	case responseOverrides[row.name] != "":
		ref, err := g.refAny(src, responseOverrides[row.name])
		if err != nil {
			return a, err
		}
		successSchema = ref
	}
	if row.response == "none" && successSchema != nil {
		return a, errors.New("no response body expected")
	}
	if row.response != "none" && successSchema == nil {
		return a, errors.New("no success response schema")
	}
	if row.method == "DELETE" && (row.status != 204 || successSchema != nil) {
		// DELETEs answer 204 with no body.
		return a, errors.New("DELETE must answer 204 without a body")
	}

	// Success statuses come from actions.tsv (creates 201, Import Certificate
	// 202, secret rotation 200); the spec's must be among them or corrected.
	statuses := []int{row.status}
	if fix, ok := statusCorrections[row.name]; ok {
		seenStatusFix[row.name] = true
		statuses = append(statuses, fix...)
	}
	if !isStub {
		for _, s := range specStatuses {
			if !slices.Contains(statuses, s) {
				return a, fmt.Errorf("spec declares success status %d, actions.tsv says %d: add a status correction", s, row.status)
			}
		}
	}
	sort.Ints(statuses)
	statuses = slices.Compact(statuses)
	a.Statuses = statuses
	for _, s := range statuses {
		resp := obj{"description": ""}
		if successSchema != nil {
			resp["content"] = obj{"application/json": obj{"schema": deepCopy(successSchema)}}
		}
		responses[strconv.Itoa(s)] = resp
	}
	out["responses"] = responses

	item, _ := g.paths[a.Path].(obj)
	if item == nil {
		item = obj{}
		g.paths[a.Path] = item
	}
	method := strings.ToLower(row.method)
	if _, dup := item[method]; dup {
		return a, fmt.Errorf("duplicate operation %s %s", row.method, a.Path)
	}
	item[method] = out
	return a, nil
}

// successSchema returns the cleaned JSON schema of a 2xx response (nil when
// the response has no content).
func (g *generator) successSchema(src *source, rr *openapi3.ResponseRef) (any, error) {
	if rr == nil || rr.Value == nil {
		return nil, errors.New("unresolved response")
	}
	if len(rr.Value.Content) == 0 {
		return nil, nil
	}
	mt := rr.Value.Content.Get("application/json")
	if mt == nil || len(rr.Value.Content) != 1 {
		return nil, fmt.Errorf("unexpected response content types %v", sortedKeys(rr.Value.Content))
	}
	if mt.Schema == nil {
		return nil, errors.New("response without schema")
	}
	return g.clean(src, mt.Schema)
}

// parameters returns the path and query parameters of an operation, sorted by
// location and name. Query parameters listed in actions.tsv that the spec does
// not declare are added as plain strings (limit: integer).
func (g *generator) parameters(src *source, pathIt *openapi3.PathItem, op *openapi3.Operation, path, tsvQuery string) ([]any, error) {
	byKey := map[string]obj{}
	if op != nil {
		all := append(slices.Clone(pathIt.Parameters), op.Parameters...)
		for _, pr := range all {
			p := pr.Value
			if p == nil {
				return nil, fmt.Errorf("unresolved parameter %s", pr.Ref)
			}
			if p.In != "path" && p.In != "query" {
				continue
			}
			out := obj{"name": p.Name, "in": p.In}
			if p.Required || p.In == "path" {
				out["required"] = true
			}
			if p.Style != "" {
				out["style"] = p.Style
			}
			if p.Explode != nil {
				out["explode"] = *p.Explode
			}
			if p.Schema != nil {
				s, err := g.clean(src, p.Schema)
				if err != nil {
					return nil, fmt.Errorf("parameter %s: %w", p.Name, err)
				}
				out["schema"] = s
			} else {
				out["schema"] = obj{"type": "string"}
			}
			byKey[p.In+" "+p.Name] = out
		}
	}
	for _, seg := range strings.Split(path, "/") {
		if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
			name := seg[1 : len(seg)-1]
			if _, ok := byKey["path "+name]; !ok {
				if op != nil {
					return nil, fmt.Errorf("path parameter %s not declared", name)
				}
				byKey["path "+name] = obj{"name": name, "in": "path", "required": true, "schema": obj{"type": "string"}}
			}
		}
	}
	for key := range byKey {
		if in, name, _ := strings.Cut(key, " "); in == "path" && !strings.Contains(path, "{"+name+"}") {
			return nil, fmt.Errorf("path parameter %s not in path %s", name, path)
		}
	}
	if tsvQuery != "-" && tsvQuery != "" {
		for _, name := range strings.Split(tsvQuery, ",") {
			name = strings.TrimSpace(name)
			if _, ok := byKey["query "+name]; ok {
				continue
			}
			schema := obj{"type": "string"}
			if name == "limit" {
				schema = obj{"type": "integer", "minimum": 1}
			}
			byKey["query "+name] = obj{"name": name, "in": "query", "schema": schema}
		}
	}
	keys := make([]string, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]any, 0, len(keys))
	for _, k := range keys {
		out = append(out, byKey[k])
	}
	return out, nil
}

// specCollection builds the HAL collection schema of a list action from the
// spec's EntityArray entry for key (or the narrowed item schema).
func (g *generator) specCollection(action string, src *source, key string, seenNarrow map[string]bool) (string, error) {
	if item, ok := collectionItems[action]; ok {
		seenNarrow[action] = true
		ref, err := g.ref(src, item)
		if err != nil {
			return "", err
		}
		return g.collection(key, ref, item)
	}
	for _, s := range []*source{src, g.m, g.f} {
		ea := s.doc.Components.Schemas["EntityArray"]
		if ea == nil || ea.Value == nil {
			continue
		}
		emb := ea.Value.Properties["_embedded"]
		if emb == nil || emb.Value == nil {
			continue
		}
		arr := emb.Value.Properties[key]
		if arr == nil || arr.Value == nil || arr.Value.Items == nil {
			continue
		}
		items, err := g.clean(s, arr.Value.Items)
		if err != nil {
			return "", err
		}
		itemName := ""
		if m, ok := items.(obj); ok {
			if r, ok := m["$ref"].(string); ok {
				itemName = strings.TrimPrefix(r, "#/components/schemas/")
			}
		}
		return g.collection(key, items, itemName)
	}
	return "", fmt.Errorf("no EntityArray entry for _embedded.%s", key)
}

// collection registers (once) the component schema of a HAL collection whose
// _embedded.<key> array holds items, and returns its name.
func (g *generator) collection(key string, items any, itemName string) (string, error) {
	name := pascal(key) + "Collection"
	if itemName != "" {
		name = itemName + "Collection"
	}
	schema := obj{
		"type": "object",
		"properties": obj{
			"_links": obj{"$ref": "#/components/schemas/LinksHATEOAS"},
			"_embedded": obj{
				"type": "object",
				"properties": obj{
					key: obj{"type": "array", "items": items},
				},
			},
			// The spec types count and size as number; they are integers.
			"count": obj{"type": "integer"},
			"size":  obj{"type": "integer"},
		},
	}
	if _, err := g.ref(g.m, "LinksHATEOAS"); err != nil {
		return "", err
	}
	if existing, ok := g.schemas[name]; ok {
		if !jsonEqual(existing, schema) {
			return "", fmt.Errorf("collection component %s defined twice with different content", name)
		}
		return name, nil
	}
	if _, taken := g.m.doc.Components.Schemas[name]; taken {
		return "", fmt.Errorf("collection component name %s clashes with a spec schema", name)
	}
	g.schemas[name] = schema
	return name, nil
}

// refAny resolves a component name of src, or "derived:Name" (a schema
// built by derive).
func (g *generator) refAny(src *source, name string) (obj, error) {
	if derived, ok := strings.CutPrefix(name, "derived:"); ok {
		for _, d := range derivedSchemas {
			if d.name == derived {
				return schemaRef(derived), nil
			}
		}
		return nil, fmt.Errorf("no derived schema %s", derived)
	}
	return g.ref(src, name)
}

// ref returns a $ref object to the output name of component name in src,
// queueing the component for emission.
func (g *generator) ref(src *source, name string) (obj, error) {
	out, err := g.outName(src, name)
	if err != nil {
		return nil, err
	}
	return schemaRef(out), nil
}

func (g *generator) outName(src *source, name string) (string, error) {
	key := src.id + "#" + name
	if out, ok := g.names[key]; ok {
		return out, nil
	}
	out := name
	switch src {
	case g.gen:
		if _, ok := generatorSchemas[name]; !ok {
			return "", fmt.Errorf("no generator schema %s", name)
		}
		if _, clash := g.m.doc.Components.Schemas[name]; clash {
			return "", fmt.Errorf("generator schema %s clashes with a spec schema", name)
		}
		if _, clash := g.f.doc.Components.Schemas[name]; clash {
			return "", fmt.Errorf("generator schema %s clashes with a spec schema", name)
		}
	case g.f:
		sr := g.f.doc.Components.Schemas[name]
		if sr == nil {
			return "", fmt.Errorf("%s: no schema %s", src.file, name)
		}
		if mref := g.m.doc.Components.Schemas[name]; mref != nil {
			// Same name in both specs: share it when identical, else keep both.
			a, err := cleanWith(sr, identityRef)
			if err != nil {
				return "", err
			}
			b, err := cleanWith(mref, identityRef)
			if err != nil {
				return "", err
			}
			if jsonEqual(a, b) {
				out, err := g.outName(g.m, name)
				g.names[key] = out
				return out, err
			}
			out = "Mfa" + name
		}
	default:
		if g.m.doc.Components.Schemas[name] == nil {
			return "", fmt.Errorf("%s: no schema %s", src.file, name)
		}
	}
	g.names[key] = out
	g.queue = append(g.queue, pending{src: src, name: name, outName: out})
	return out, nil
}

// drain emits every queued component (which may queue more).
func (g *generator) drain() error {
	for len(g.queue) > 0 {
		p := g.queue[0]
		g.queue = g.queue[1:]
		var (
			v   any
			err error
		)
		if p.src == g.gen {
			v, err = g.cleanJSON(g.m, deepCopy(generatorSchemas[p.name]))
		} else {
			v, err = g.clean(p.src, p.src.doc.Components.Schemas[p.name])
		}
		if err != nil {
			return fmt.Errorf("schema %s: %w", p.name, err)
		}
		if _, dup := g.schemas[p.outName]; dup {
			return fmt.Errorf("component %s emitted twice", p.outName)
		}
		g.schemas[p.outName] = v
	}
	return nil
}

func (g *generator) applyPatches() error {
	for _, p := range schemaPatches {
		s, ok := g.schemas[p.schema].(obj)
		if !ok {
			return fmt.Errorf("patch %q: schema %s not in the contract", p.what, p.schema)
		}
		if err := p.apply(s); err != nil {
			return fmt.Errorf("patch %q on %s: %w", p.what, p.schema, err)
		}
	}
	return nil
}

// requireReadOnlyIDs marks a read-only "id" property as required: PingOne
// assigns it, so every response carries it, while request validation skips
// required read-only properties.
func (g *generator) requireReadOnlyIDs() {
	for _, name := range sortedKeys(g.schemas) {
		s, ok := g.schemas[name].(obj)
		if !ok {
			continue
		}
		props, _ := s["properties"].(obj)
		id, _ := props["id"].(obj)
		if ro, _ := id["readOnly"].(bool); !ro {
			continue
		}
		req, _ := s["required"].([]any)
		if !slices.Contains(req, any("id")) {
			s["required"] = append(req, "id")
		}
	}
}

func (g *generator) derive() error {
	for _, d := range derivedSchemas {
		base, ok := g.schemas[d.from].(obj)
		if !ok {
			return fmt.Errorf("derived schema %s: base %s not in the contract", d.name, d.from)
		}
		if _, clash := g.m.doc.Components.Schemas[d.name]; clash {
			return fmt.Errorf("derived schema %s clashes with a spec schema", d.name)
		}
		s := deepCopy(base).(obj)
		if err := d.apply(s); err != nil {
			return fmt.Errorf("derived schema %s: %w", d.name, err)
		}
		g.schemas[d.name] = s
	}
	return nil
}

// ---------------------------------------------------------------------------
// Schema cleaning

// proseKeys are schema keywords that carry prose or examples only.
var proseKeys = map[string]bool{
	"description": true, "summary": true, "title": true, "example": true,
	"examples": true, "externalDocs": true, "xml": true,
}

func identityRef(name string) (string, error) { return name, nil }

// clean converts a kin-openapi schema into prose-free generic JSON whose
// references point at output component names.
func (g *generator) clean(src *source, sr *openapi3.SchemaRef) (any, error) {
	return cleanWith(sr, func(name string) (string, error) { return g.outName(src, name) })
}

// cleanJSON cleans a generic JSON schema whose references name components of src.
func (g *generator) cleanJSON(src *source, v any) (any, error) {
	return cleanNode(v, func(name string) (string, error) { return g.outName(src, name) })
}

func cleanWith(sr *openapi3.SchemaRef, refFn func(string) (string, error)) (any, error) {
	if sr == nil {
		return nil, errors.New("nil schema")
	}
	raw, err := json.Marshal(sr)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return cleanNode(v, refFn)
}

func cleanNode(v any, refFn func(string) (string, error)) (any, error) {
	m, ok := v.(obj)
	if !ok {
		return v, nil // boolean schemas
	}
	if r, ok := m["$ref"].(string); ok {
		name, found := strings.CutPrefix(r, "#/components/schemas/")
		if !found {
			return nil, fmt.Errorf("unsupported reference %q", r)
		}
		out, err := refFn(name)
		if err != nil {
			return nil, err
		}
		return schemaRef(out), nil
	}
	out := obj{}
	for k, val := range m {
		if proseKeys[k] || strings.HasPrefix(k, "x-") {
			continue
		}
		switch k {
		case "properties":
			props, ok := val.(obj)
			if !ok {
				return nil, errors.New("properties is not an object")
			}
			cp := obj{}
			for name, ps := range props {
				c, err := cleanNode(ps, refFn)
				if err != nil {
					return nil, fmt.Errorf("%s: %w", name, err)
				}
				cp[name] = c
			}
			out[k] = cp
		case "items", "not", "additionalProperties":
			c, err := cleanNode(val, refFn)
			if err != nil {
				return nil, err
			}
			out[k] = c
		case "allOf", "anyOf", "oneOf":
			list, ok := val.([]any)
			if !ok {
				return nil, fmt.Errorf("%s is not a list", k)
			}
			cl := make([]any, 0, len(list))
			for _, it := range list {
				c, err := cleanNode(it, refFn)
				if err != nil {
					return nil, err
				}
				cl = append(cl, c)
			}
			out[k] = cl
		default:
			out[k] = val
		}
	}
	// The specs' oneOf lists have no discriminator and their variants overlap
	// (e.g. OIDC application fields are a superset of the others), so a valid
	// body can match several variants: "exactly one" cannot hold, use anyOf.
	if one, ok := out["oneOf"]; ok {
		if _, both := out["anyOf"]; both {
			return nil, errors.New("schema has both oneOf and anyOf")
		}
		if _, disc := out["discriminator"]; disc {
			return nil, errors.New("oneOf with discriminator: keep as is (not expected)")
		}
		delete(out, "oneOf")
		out["anyOf"] = one
	}
	return out, nil
}

// ---------------------------------------------------------------------------
// Helpers

func deepCopy(v any) any {
	switch t := v.(type) {
	case obj:
		c := make(obj, len(t))
		for k, val := range t {
			c[k] = deepCopy(val)
		}
		return c
	case []any:
		c := make([]any, len(t))
		for i, val := range t {
			c[i] = deepCopy(val)
		}
		return c
	case []string:
		return slices.Clone(t)
	default:
		return v
	}
}

func jsonEqual(a, b any) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(x, y)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// pascal turns "Get User Password Metadata" or "roleAssignments" into
// "GetUserPasswordMetadata" / "RoleAssignments".
func pascal(s string) string {
	var b strings.Builder
	upper := true
	for _, r := range s {
		if r == ' ' || r == '-' || r == '_' {
			upper = true
			continue
		}
		if upper {
			b.WriteString(strings.ToUpper(string(r)))
			upper = false
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// removeRequired removes names from the "required" list of s.
func removeRequired(s obj, names ...string) error {
	req, _ := s["required"].([]any)
	var kept []any
	removed := 0
	for _, r := range req {
		if slices.Contains(names, r.(string)) {
			removed++
			continue
		}
		kept = append(kept, r)
	}
	if removed != len(names) {
		return fmt.Errorf("required list %v does not hold all of %v", req, names)
	}
	if len(kept) == 0 {
		delete(s, "required")
	} else {
		s["required"] = kept
	}
	return nil
}
