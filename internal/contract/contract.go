// Package contract validates HTTP traffic of the PingOne SDK against the
// PingOne API contract kept in testdata/contract (generated from the PingOne
// OpenAPI specs by internal/cmd/contractgen).
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
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
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
	reqDoc    *openapi3.T
	respDoc   *openapi3.T
	errSchema *openapi3.Schema
}

type route struct {
	action Action
	segs   []string // literal segment, or "" for a parameter
	names  []string // parameter name at each parameter position
	req    *routers.Route
	resp   *routers.Route
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
	// Two independent copies: requests use the document as generated,
	// responses a relaxed copy (see relaxForResponses).
	if c.reqDoc, err = openapi3.NewLoader().LoadFromData(spec); err != nil {
		return nil, fmt.Errorf("contract: %s: %w", OpenAPIFile, err)
	}
	if c.respDoc, err = openapi3.NewLoader().LoadFromData(spec); err != nil {
		return nil, fmt.Errorf("contract: %s: %w", OpenAPIFile, err)
	}
	relaxForResponses(c.respDoc)

	errRef := c.respDoc.Components.Schemas["P1Error"]
	if errRef == nil || errRef.Value == nil {
		return nil, errors.New("contract: no P1Error schema")
	}
	c.errSchema = errRef.Value

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
	registerDecoders(c.reqDoc)
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
	for _, d := range []struct {
		doc *openapi3.T
		dst **routers.Route
	}{{c.reqDoc, &rt.req}, {c.respDoc, &rt.resp}} {
		item := d.doc.Paths.Value(a.Path)
		if item == nil {
			return nil, fmt.Errorf("path %s not in %s", a.Path, OpenAPIFile)
		}
		op := item.GetOperation(a.Method)
		if op == nil {
			return nil, fmt.Errorf("%s %s not in %s", a.Method, a.Path, OpenAPIFile)
		}
		*d.dst = &routers.Route{Spec: d.doc, Path: a.Path, PathItem: item, Method: a.Method, Operation: op}
	}
	return rt, nil
}

var decoderMu sync.Mutex

// registerDecoders registers the JSON body decoder for every vendor JSON
// media type (application/vnd.pingidentity.*+json) the contract declares.
func registerDecoders(doc *openapi3.T) {
	decoderMu.Lock()
	defer decoderMu.Unlock()
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			if op.RequestBody == nil || op.RequestBody.Value == nil {
				continue
			}
			for ct := range op.RequestBody.Value.Content {
				if strings.HasPrefix(ct, "application/vnd.") && strings.HasSuffix(ct, "+json") &&
					openapi3filter.RegisteredBodyDecoder(ct) == nil {
					openapi3filter.RegisterBodyDecoder(ct, openapi3filter.JSONBodyDecoder)
				}
			}
		}
	}
}

// relaxForResponses makes the response copy of the document forward
// compatible: PingOne adds enum values over time and returns null for unset
// attributes, so every enum is dropped and every optional property accepts
// null. Types, required properties and formats are still enforced; extra
// properties are allowed because no schema of the contract forbids them.
func relaxForResponses(doc *openapi3.T) {
	seen := map[*openapi3.Schema]bool{}
	var walk func(*openapi3.SchemaRef)
	walk = func(sr *openapi3.SchemaRef) {
		if sr == nil || sr.Value == nil || seen[sr.Value] {
			return
		}
		s := sr.Value
		seen[s] = true
		s.Enum = nil
		for _, name := range sortedKeys(s.Properties) {
			p := s.Properties[name]
			walk(p)
			if p == nil || p.Value == nil || slices.Contains(s.Required, name) || p.Value.Nullable {
				continue
			}
			if p.Ref != "" {
				// Shared component: wrap instead of changing it everywhere.
				s.Properties[name] = &openapi3.SchemaRef{Value: &openapi3.Schema{Nullable: true, AllOf: openapi3.SchemaRefs{p}}}
			} else {
				p.Value.Nullable = true
			}
		}
		walk(s.Items)
		if has := s.AdditionalProperties.Has; has != nil && !*has {
			s.AdditionalProperties.Has = nil // extra properties are always accepted
		}
		if s.AdditionalProperties.Schema != nil {
			walk(s.AdditionalProperties.Schema)
		}
		for _, list := range []openapi3.SchemaRefs{s.AllOf, s.AnyOf, s.OneOf} {
			for _, x := range list {
				walk(x)
			}
		}
		walk(s.Not)
	}
	for _, name := range sortedKeys(doc.Components.Schemas) {
		walk(doc.Components.Schemas[name])
	}
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			for _, rr := range op.Responses.Map() {
				if rr.Value == nil {
					continue
				}
				for _, mt := range rr.Value.Content {
					walk(mt.Schema)
				}
			}
		}
	}
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

// schemaOpts keep schema dumps out of error messages (they are huge).
var schemaOpts = []openapi3.SchemaValidationOption{openapi3.DisableSchemaErrorDetails()}

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
	a := rt.action
	wrap := func(err error) error {
		return fmt.Errorf("%s %s (%s): request: %w", a.Method, req.URL.Path, a.Name, err)
	}
	clone := req.Clone(contextOf(req))
	setBody(clone, body)
	input := &openapi3filter.RequestValidationInput{
		Request:    clone,
		PathParams: params,
		Route:      rt.req,
		Options: &openapi3filter.Options{
			AuthenticationFunc:                openapi3filter.NoopAuthenticationFunc,
			SkipSettingDefaults:               true,
			MultiError:                        true,
			RejectWhenRequestBodyNotSpecified: true,
			ExcludeReadOnlyValidations:        c.cfg.allowReadOnly,
			SchemaValidationOptions:           schemaOpts,
		},
	}
	var errs []error
	if err := openapi3filter.ValidateRequest(contextOf(req), input); err != nil {
		errs = append(errs, err)
	}
	if !c.cfg.allowUnknownArgs {
		declared := map[string]bool{}
		for _, p := range rt.req.Operation.Parameters {
			if p.Value != nil && p.Value.In == openapi3.ParameterInQuery {
				declared[p.Value.Name] = true
			}
		}
		var unknown []string
		for name := range req.URL.Query() {
			if !declared[name] && !slices.Contains(pagingParams, name) {
				unknown = append(unknown, name)
			}
		}
		if len(unknown) > 0 {
			sort.Strings(unknown)
			errs = append(errs, fmt.Errorf("undeclared query parameters %s", strings.Join(unknown, ", ")))
		}
	}
	if len(errs) > 0 {
		return a, wrap(explainAnyOf(errors.Join(errs...), openapi3.VisitAsRequest()))
	}
	return a, nil
}

// ValidateResponse validates a response to req (status, headers and body as
// received). It returns the action the request performed.
func (c *Contract) ValidateResponse(req *http.Request, status int, header http.Header, body []byte) (Action, error) {
	rt, params, err := c.find(req.Method, req.URL.EscapedPath())
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
	resp := rt.resp.Operation.Responses.Status(status)
	if resp == nil || resp.Value == nil {
		return a, wrap(fmt.Errorf("status %d not in %s", status, OpenAPIFile))
	}
	if len(resp.Value.Content) == 0 {
		if len(bytes.TrimSpace(body)) > 0 {
			return a, wrap(fmt.Errorf("unexpected body (%d bytes) for a response without content", len(body)))
		}
		return a, nil
	}
	clone := req.Clone(contextOf(req))
	setBody(clone, nil)
	input := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{
			Request:    clone,
			PathParams: params,
			Route:      rt.resp,
		},
		Status: status,
		Header: header,
		Body:   io.NopCloser(bytes.NewReader(body)),
		Options: &openapi3filter.Options{
			IncludeResponseStatus:   true,
			MultiError:              true,
			SchemaValidationOptions: schemaOpts,
		},
	}
	if err := openapi3filter.ValidateResponse(contextOf(req), input); err != nil {
		return a, wrap(explainAnyOf(err, openapi3.VisitAsResponse()))
	}
	return a, nil
}

// validateError checks a 4xx/5xx body against the PingOne error schema.
func (c *Contract) validateError(header http.Header, body []byte) error {
	ct := header.Get("Content-Type")
	mediaType, _, _ := strings.Cut(ct, ";")
	mediaType = strings.ToLower(strings.TrimSpace(mediaType))
	if mediaType != "application/json" && !strings.HasSuffix(mediaType, "+json") {
		return fmt.Errorf("error body content type %q is not JSON", ct)
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return fmt.Errorf("error body is not JSON: %w", err)
	}
	if err := c.errSchema.VisitJSON(v, append(schemaOpts, openapi3.VisitAsResponse(), openapi3.MultiErrors())...); err != nil {
		return fmt.Errorf("error body doesn't match P1Error: %w", err)
	}
	return nil
}

// explainAnyOf adds to err why each variant of the first failing anyOf (the
// specs' undiscriminated unions: applications, identity providers) rejected the
// value; kin-openapi only reports that no variant matched.
func explainAnyOf(err error, direction openapi3.SchemaValidationOption) error {
	var found *openapi3.SchemaError
	var visit func(error, int)
	visit = func(e error, depth int) {
		if e == nil || found != nil || depth > 64 {
			return
		}
		switch t := e.(type) {
		case openapi3.MultiError:
			for _, x := range t {
				visit(x, depth+1)
			}
			return
		case *openapi3.SchemaError:
			if t.SchemaField == "anyOf" && t.Schema != nil {
				found = t
				return
			}
			visit(t.Origin, depth+1)
			return
		case interface{ Unwrap() []error }:
			for _, x := range t.Unwrap() {
				visit(x, depth+1)
			}
			return
		}
		visit(errors.Unwrap(e), depth+1)
	}
	visit(err, 0)
	if found == nil {
		return err
	}
	opts := append(slices.Clone(schemaOpts), direction, openapi3.MultiErrors())
	var notes []string
	for i, branch := range found.Schema.AnyOf {
		if branch == nil || branch.Value == nil {
			continue
		}
		name := fmt.Sprintf("variant %d", i)
		if branch.Ref != "" {
			name = branch.Ref[strings.LastIndex(branch.Ref, "/")+1:]
		}
		if bErr := branch.Value.VisitJSON(found.Value, opts...); bErr != nil {
			notes = append(notes, fmt.Sprintf("as %s: %v", name, bErr))
		}
	}
	where := "/" + strings.Join(found.JSONPointer(), "/")
	return fmt.Errorf("%w\n\tno variant matches at %q:\n\t%s", err, where, strings.Join(notes, "\n\t"))
}

func contextOf(req *http.Request) context.Context {
	if req == nil {
		return context.Background()
	}
	return req.Context()
}

func setBody(r *http.Request, body []byte) {
	if len(body) == 0 {
		r.Body = http.NoBody
		r.ContentLength = 0
		r.GetBody = func() (io.ReadCloser, error) { return http.NoBody, nil }
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.ContentLength = int64(len(body))
	r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
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
