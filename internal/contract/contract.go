// Package contract validates HTTP traffic of the PingOne SDK against the
// PingOne API contract kept in testdata/contract (generated from the PingOne
// OpenAPI specs by tools/contractgen).
//
// The validator is the package's own and depends on the standard library
// only, so that the SDK's module needs no OpenAPI library (its tests import
// this package, and every module the SDK's go.mod lists reaches its users'
// go.sum). It implements exactly the subset of OpenAPI 3.0.3 the generator
// writes: local $refs; path and query parameters of scalar types; JSON,
// vendor +json and multipart/form-data request bodies; JSON responses by
// status code; and in schemas type, properties, required,
// additionalProperties, items, maxItems, enum (strings), pattern, minimum,
// maximum, minLength, maxLength, nullable, readOnly, allOf, anyOf and the
// formats date-time and int32 (uri, password and binary are annotations;
// default and deprecated are ignored). [Load] fails on anything else, so a
// generator change that needs more is noticed instead of validated loosely.
//
// It is meant for tests only: tests of the SDK wrap their HTTP client with
// [Contract.Transport], tests of the in-memory server wrap it with
// [Contract.Middleware], and a [Recorder] collects the results.
//
// Request validation is strict (content type, parameters, body schema with the
// spec's enums, read-only properties). Response validation is forward
// compatible: unknown enum values, extra properties and null for optional
// properties are accepted, while wrong types, missing required properties and
// undeclared status codes fail. Error responses (4xx/5xx) are always checked
// against the PingOne error schema.
//
// Typical use in an SDK test:
//
//	c := contract.LoadForTest(t, "../testdata/contract")
//	var rec contract.Recorder
//	httpClient := &http.Client{Transport: c.Transport(http.DefaultTransport, rec.Record)}
//	// ... exercise the SDK with httpClient ...
//	rec.CheckNoFailures(t)
//
// and around the in-memory server:
//
//	srv := httptest.NewServer(c.Middleware(handler, rec.Record))
package contract

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// File names inside the contract directory.
const (
	ActionsFile = "actions.json"
	OpenAPIFile = "openapi.json"
)

// DefaultBasePath is the path prefix of the management API ("https://api.pingone.com/v1").
const DefaultBasePath = "/v1"

// Hosts of an action.
const (
	HostAPI  = "api"  // management API: base path (e.g. /v1) + Path
	HostAuth = "auth" // auth host: Path as is, no base path
)

// Errors reported by validation. They are wrapped with the method and path.
var (
	// ErrNoOperation means the request matches no action of the contract.
	ErrNoOperation = errors.New("no contract operation")
	// ErrOutsideContract means the request targets an auth-host endpoint the
	// contract does not cover (token, authorize, ...). Transport and
	// Middleware report such requests as skipped.
	ErrOutsideContract = errors.New("outside the contract")
)

// Action is one of the API actions of the contract.
type Action struct {
	Name         string   `json:"name"`
	Family       string   `json:"family"`
	Method       string   `json:"method"`
	Path         string   `json:"path"` // template relative to the host base, e.g. /environments/{environmentID}/users
	Host         string   `json:"host"` // HostAPI or HostAuth
	ContentType  string   `json:"contentType,omitempty"`
	ContentTypes []string `json:"contentTypes,omitempty"` // every request content type the operation accepts
	Status       int      `json:"status"`                 // documented success status
	Statuses     []int    `json:"statuses"`               // every success status the contract accepts
	OperationID  string   `json:"operationId"`
	SchemaSource string   `json:"schemaSource"` // "spec" or "generator"
}

// Option configures a Contract.
type Option func(*config)

type config struct {
	basePath         string
	allowReadOnly    bool
	allowUnknownArgs bool
}

// WithBasePath sets the path prefix of management API requests (default "/v1";
// "" when the API is served at the root).
func WithBasePath(p string) Option {
	return func(c *config) { c.basePath = "/" + strings.Trim(p, "/") }
}

// AllowReadOnlyInRequests accepts read-only properties (id, environment,
// _links, createdAt, ...) in request bodies. By default they fail validation.
func AllowReadOnlyInRequests() Option { return func(c *config) { c.allowReadOnly = true } }

// AllowUnknownQueryParams accepts query parameters an operation does not
// declare. By default only declared ones plus the paging parameters limit and
// cursor are accepted.
func AllowUnknownQueryParams() Option { return func(c *config) { c.allowUnknownArgs = true } }

// Contract validates requests and responses against the PingOne API contract.
// It is safe for concurrent use.
type Contract struct {
	cfg       config
	actions   []Action
	routes    []*route
	doc       *document
	errSchema *Schema
}

type route struct {
	action Action
	segs   []string // literal segment, or "" for a parameter
	names  []string // parameter name at each parameter position
	op     *operation
}

// Load reads actions.json and openapi.json from dir (e.g. "testdata/contract").
func Load(dir string, opts ...Option) (*Contract, error) {
	c := &Contract{cfg: config{basePath: DefaultBasePath}}
	for _, o := range opts {
		o(&c.cfg)
	}
	if c.cfg.basePath == "/" {
		c.cfg.basePath = ""
	}

	raw, err := os.ReadFile(filepath.Join(dir, ActionsFile))
	if err != nil {
		return nil, fmt.Errorf("contract: %w", err)
	}
	var file struct {
		Actions []Action `json:"actions"`
	}
	if err := json.Unmarshal(raw, &file); err != nil {
		return nil, fmt.Errorf("contract: %s: %w", ActionsFile, err)
	}
	if len(file.Actions) == 0 {
		return nil, fmt.Errorf("contract: %s holds no actions", ActionsFile)
	}
	c.actions = file.Actions

	spec, err := os.ReadFile(filepath.Join(dir, OpenAPIFile))
	if err != nil {
		return nil, fmt.Errorf("contract: %w", err)
	}
	if c.doc, err = parseDocument(spec); err != nil {
		return nil, fmt.Errorf("contract: %s: %w", OpenAPIFile, err)
	}
	c.errSchema = c.doc.Components.Schemas["P1Error"]
	if c.errSchema == nil {
		return nil, errors.New("contract: no P1Error schema")
	}

	seen := map[string]string{}
	for _, a := range c.actions {
		key := a.Method + " " + a.Host + " " + normalizePath(a.Path)
		if other, dup := seen[key]; dup {
			return nil, fmt.Errorf("contract: actions %q and %q share %s %s", other, a.Name, a.Method, a.Path)
		}
		seen[key] = a.Name
		rt, err := c.newRoute(a)
		if err != nil {
			return nil, fmt.Errorf("contract: action %q: %w", a.Name, err)
		}
		c.routes = append(c.routes, rt)
	}
	return c, nil
}

func (c *Contract) newRoute(a Action) (*route, error) {
	rt := &route{action: a}
	for _, seg := range strings.Split(strings.TrimPrefix(a.Path, "/"), "/") {
		if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
			rt.segs = append(rt.segs, "")
			rt.names = append(rt.names, seg[1:len(seg)-1])
		} else {
			rt.segs = append(rt.segs, seg)
			rt.names = append(rt.names, "")
		}
	}
	op := c.doc.Paths[a.Path][strings.ToLower(a.Method)]
	if op == nil {
		return nil, fmt.Errorf("%s %s not in %s", a.Method, a.Path, OpenAPIFile)
	}
	for _, status := range a.Statuses {
		if op.Responses[strconv.Itoa(status)] == nil {
			return nil, fmt.Errorf("status %d of %s %s not in %s", status, a.Method, a.Path, OpenAPIFile)
		}
	}
	rt.op = op
	return rt, nil
}

// Actions returns the actions of the contract in file order.
func (c *Contract) Actions() []Action {
	out := make([]Action, len(c.actions))
	for i, a := range c.actions {
		a.ContentTypes = slices.Clone(a.ContentTypes)
		a.Statuses = slices.Clone(a.Statuses)
		out[i] = a
	}
	return out
}

// BasePath returns the configured path prefix of management API requests.
func (c *Contract) BasePath() string { return c.cfg.basePath }

// Match returns the action a request with this method and URL path (as sent,
// e.g. "/v1/environments/<id>/users" or "/<envID>/as/userinfo") performs.
func (c *Contract) Match(method, urlPath string) (Action, bool) {
	rt, _, err := c.find(method, urlPath)
	if err != nil {
		return Action{}, false
	}
	return rt.action, true
}

// find resolves method and (escaped) URL path to a route and its path parameters.
func (c *Contract) find(method, urlPath string) (*route, map[string]string, error) {
	method = strings.ToUpper(method)
	segs := splitPath(urlPath)
	host := HostAPI
	rest := segs
	if isAuthPath(segs) {
		host = HostAuth
	} else if c.cfg.basePath != "" {
		base := splitPath(c.cfg.basePath)
		if len(segs) < len(base) || !slices.Equal(segs[:len(base)], base) {
			return nil, nil, fmt.Errorf("%w for %s %s (outside base path %s)", ErrNoOperation, method, urlPath, c.cfg.basePath)
		}
		rest = segs[len(base):]
	}
	var (
		best    *route
		methods []string
	)
	for _, rt := range c.routes {
		if rt.action.Host != host || !rt.matches(rest) {
			continue
		}
		if rt.action.Method != method {
			methods = append(methods, rt.action.Method)
			continue
		}
		if best == nil || rt.moreSpecific(best) {
			best = rt
		}
	}
	if best == nil {
		switch {
		case len(methods) > 0:
			sort.Strings(methods)
			return nil, nil, fmt.Errorf("%w for %s %s (path allows %s)", ErrNoOperation, method, urlPath, strings.Join(slices.Compact(methods), ", "))
		case host == HostAuth:
			return nil, nil, fmt.Errorf("%w: %s %s", ErrOutsideContract, method, urlPath)
		}
		return nil, nil, fmt.Errorf("%w for %s %s", ErrNoOperation, method, urlPath)
	}
	params := map[string]string{}
	for i, name := range best.names {
		if name != "" {
			params[name] = rest[i]
		}
	}
	return best, params, nil
}

// isAuthPath reports whether the path is on the auth host: /{envID}/as/...
func isAuthPath(segs []string) bool { return len(segs) >= 3 && segs[1] == "as" }

func splitPath(p string) []string {
	p = strings.TrimPrefix(p, "/")
	if p == "" {
		return nil
	}
	segs := strings.Split(p, "/")
	for i, s := range segs {
		if u, err := url.PathUnescape(s); err == nil {
			segs[i] = u
		}
	}
	return segs
}

func (rt *route) matches(segs []string) bool {
	if len(segs) != len(rt.segs) {
		return false
	}
	for i, lit := range rt.segs {
		if lit == "" {
			if segs[i] == "" {
				return false
			}
		} else if lit != segs[i] {
			return false
		}
	}
	return true
}

// moreSpecific reports whether rt wins over other: at the first position where
// one has a literal and the other a parameter, the literal wins.
func (rt *route) moreSpecific(other *route) bool {
	for i := range rt.segs {
		a, b := rt.segs[i] != "", other.segs[i] != ""
		if a != b {
			return a
		}
	}
	return false
}

// normalizePath replaces every path parameter name with "{}" so templates that
// differ only by parameter names compare equal.
func normalizePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") {
			segs[i] = "{}"
		}
	}
	return strings.Join(segs, "/")
}

// pagingParams are accepted on every operation: PingOne pages collections
// generically through _links.next, whose href carries them.
var pagingParams = []string{"limit", "cursor"}

// ValidateRequest validates a request the SDK sends (body is the request
// body; req.Body is not read). It returns the action the request performs.
func (c *Contract) ValidateRequest(req *http.Request, body []byte) (Action, error) {
	rt, params, err := c.find(req.Method, req.URL.EscapedPath())
	if err != nil {
		return Action{}, err
	}
	a, op := rt.action, rt.op
	var errs []error
	for _, p := range op.Parameters {
		if p.In == "path" {
			errs = append(errs, checkParam(p, params[p.Name]))
		}
	}
	query := req.URL.Query()
	for _, p := range op.query {
		values, ok := query[p.Name]
		if !ok && p.Required {
			errs = append(errs, fmt.Errorf("parameter %q in query is required", p.Name))
		}
		for _, v := range values {
			errs = append(errs, checkParam(p, v))
		}
	}
	if !c.cfg.allowUnknownArgs {
		var unknown []string
		for name := range query {
			if !slices.ContainsFunc(op.query, func(p *parameter) bool { return p.Name == name }) && !slices.Contains(pagingParams, name) {
				unknown = append(unknown, name)
			}
		}
		if len(unknown) > 0 {
			sort.Strings(unknown)
			errs = append(errs, fmt.Errorf("undeclared query parameters %s", strings.Join(unknown, ", ")))
		}
	}
	errs = append(errs, c.checkRequestBody(op.RequestBody, req.Header.Get("Content-Type"), body))
	if err := errors.Join(errs...); err != nil {
		return a, fmt.Errorf("%s %s (%s): request: %w", a.Method, req.URL.Path, a.Name, err)
	}
	return a, nil
}

// checkParam checks one value of a path or query parameter.
func checkParam(p *parameter, raw string) error {
	value, err := scalarFrom(p.Schema, raw)
	if err == nil {
		err = (&validator{dir: asRequest}).validate(p.Schema, value)
	}
	if err != nil {
		return fmt.Errorf("parameter %q in %s: %w", p.Name, p.In, err)
	}
	return nil
}

// scalarFrom reads a text value (a parameter, a multipart part) as the
// scalar type of s.
func scalarFrom(s *Schema, raw string) (any, error) {
	switch s.Type {
	case "integer":
		if _, err := strconv.ParseInt(raw, 10, 64); err != nil {
			return nil, fmt.Errorf("value %q is not an integer", raw)
		}
		return json.Number(raw), nil
	case "number":
		f, err := strconv.ParseFloat(raw, 64)
		if err != nil || f != f || f > 1e308 || f < -1e308 {
			return nil, fmt.Errorf("value %q is not a number", raw)
		}
		return json.Number(strconv.FormatFloat(f, 'g', -1, 64)), nil
	case "boolean":
		switch raw {
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
		return nil, fmt.Errorf("value %q is not a boolean", raw)
	}
	return raw, nil
}

// checkRequestBody checks a request body against the operation's (rb is nil
// when the operation takes none).
func (c *Contract) checkRequestBody(rb *requestBody, contentType string, body []byte) error {
	if rb == nil {
		if len(body) > 0 {
			return fmt.Errorf("request body not allowed: the operation takes none (%d bytes sent)", len(body))
		}
		return nil
	}
	if len(body) == 0 {
		if rb.Required {
			return errors.New("request body is required but missing")
		}
		return nil
	}
	mt := mediaTypeOf(contentType)
	media := rb.Content[mt]
	if media == nil {
		return fmt.Errorf("header Content-Type %q is not accepted (want %s)", contentType, strings.Join(sortedKeys(rb.Content), " or "))
	}
	var value any
	var err error
	if mt == "multipart/form-data" {
		value, err = decodeMultipart(contentType, body, media.Schema)
	} else {
		value, err = decodeJSON(body)
	}
	if err != nil {
		return fmt.Errorf("body: failed to decode %s: %w", mt, err)
	}
	v := validator{dir: asRequest, allowReadOnly: c.cfg.allowReadOnly}
	if err := v.validate(media.Schema, value); err != nil {
		return fmt.Errorf("body: %w", err)
	}
	return nil
}

// decodeMultipart reads a multipart/form-data body as an object: one
// member per part, read as the scalar type of its property.
func decodeMultipart(contentType string, body []byte, s *Schema) (map[string]any, error) {
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return nil, err
	}
	if params["boundary"] == "" {
		return nil, errors.New("no boundary in the Content-Type")
	}
	mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
	obj := map[string]any{}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return obj, nil
		}
		if err != nil {
			return nil, err
		}
		name := part.FormName()
		p := s.Properties[name]
		if p == nil {
			return nil, fmt.Errorf("part %q is not declared", name)
		}
		if _, dup := obj[name]; dup {
			return nil, fmt.Errorf("part %q appears twice", name)
		}
		data, err := io.ReadAll(part)
		if err != nil {
			return nil, fmt.Errorf("part %q: %w", name, err)
		}
		if obj[name], err = scalarFrom(p, string(data)); err != nil {
			return nil, fmt.Errorf("part %q: %w", name, err)
		}
	}
}

// ValidateResponse validates a response to req (status, headers and body as
// received). It returns the action the request performed.
func (c *Contract) ValidateResponse(req *http.Request, status int, header http.Header, body []byte) (Action, error) {
	rt, _, err := c.find(req.Method, req.URL.EscapedPath())
	if err != nil {
		return Action{}, err
	}
	a := rt.action
	wrap := func(err error) error {
		return fmt.Errorf("%s %s (%s): response %d: %w", a.Method, req.URL.Path, a.Name, status, err)
	}
	if header == nil {
		header = http.Header{}
	}
	if status >= 400 {
		if err := c.validateError(header, body); err != nil {
			return a, wrap(err)
		}
		return a, nil
	}
	if !slices.Contains(a.Statuses, status) {
		return a, wrap(fmt.Errorf("status %d not declared (want %s)", status, joinInts(a.Statuses)))
	}
	resp := rt.op.Responses[strconv.Itoa(status)]
	if len(resp.Content) == 0 {
		if len(bytes.TrimSpace(body)) > 0 {
			return a, wrap(fmt.Errorf("unexpected body (%d bytes) for a response without content", len(body)))
		}
		return a, nil
	}
	ct := header.Get("Content-Type")
	media := resp.Content[mediaTypeOf(ct)]
	if media == nil {
		return a, wrap(fmt.Errorf("header Content-Type %q is not the declared %s", ct, strings.Join(sortedKeys(resp.Content), " or ")))
	}
	value, err := decodeJSON(body)
	if err != nil {
		return a, wrap(fmt.Errorf("body: failed to decode JSON: %w", err))
	}
	if err := (&validator{dir: asResponse}).validate(media.Schema, value); err != nil {
		return a, wrap(fmt.Errorf("body: %w", err))
	}
	return a, nil
}

// validateError checks a 4xx/5xx body against the PingOne error schema.
func (c *Contract) validateError(header http.Header, body []byte) error {
	ct := header.Get("Content-Type")
	if !isJSONMediaType(mediaTypeOf(ct)) {
		return fmt.Errorf("error body content type %q is not JSON", ct)
	}
	v, err := decodeJSON(body)
	if err != nil {
		return fmt.Errorf("error body is not JSON: %w", err)
	}
	if err := (&validator{dir: asResponse}).validate(c.errSchema, v); err != nil {
		return fmt.Errorf("error body doesn't match P1Error: %w", err)
	}
	return nil
}

func joinInts(v []int) string {
	s := make([]string, len(v))
	for i, n := range v {
		s[i] = fmt.Sprint(n)
	}
	return strings.Join(s, " or ")
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
