package contract

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Schema is one schema of the contract: the subset of OpenAPI 3.0 schema
// objects that tools/contractgen writes (see the package doc). A
// schema written as {"$ref": ...} is replaced, once the document is loaded,
// by the component it names, so the tree holds no references.
//
// Decoding rejects any keyword outside the subset, and [document.resolve]
// rejects values the validator does not implement (an unknown format, a
// pattern Go cannot compile, ...): a generator change that needs more fails
// loudly instead of being validated loosely.
type Schema struct {
	Ref                  string             `json:"$ref,omitempty"`
	Type                 string             `json:"type,omitempty"` // "" only for a pure combinator ({allOf: ...} / {anyOf: ...})
	Format               string             `json:"format,omitempty"`
	Properties           map[string]*Schema `json:"properties,omitempty"`
	Required             []string           `json:"required,omitempty"`
	AdditionalProperties *additional        `json:"additionalProperties,omitempty"`
	Items                *Schema            `json:"items,omitempty"`
	AllOf                []*Schema          `json:"allOf,omitempty"`
	AnyOf                []*Schema          `json:"anyOf,omitempty"`
	Enum                 []string           `json:"enum,omitempty"`
	Pattern              string             `json:"pattern,omitempty"`
	Minimum              *float64           `json:"minimum,omitempty"`
	Maximum              *float64           `json:"maximum,omitempty"`
	MinLength            *int               `json:"minLength,omitempty"`
	MaxLength            *int               `json:"maxLength,omitempty"`
	MaxItems             *int               `json:"maxItems,omitempty"`
	Nullable             bool               `json:"nullable,omitempty"`
	ReadOnly             bool               `json:"readOnly,omitempty"`

	// Annotations: read so that they are not unknown, never enforced.
	Default    json.RawMessage `json:"default,omitempty"` // requests are validated as sent, responses as received
	Deprecated bool            `json:"deprecated,omitempty"`

	name    string         // component name, for messages about anyOf variants
	pattern *regexp.Regexp // Pattern, compiled
}

// additional is additionalProperties: a schema for the values of undeclared
// properties, or false (no undeclared property) or true (the default).
type additional struct {
	Schema  *Schema
	Allowed bool // meaningful when Schema is nil
}

func (a *additional) UnmarshalJSON(b []byte) error {
	switch string(bytes.TrimSpace(b)) {
	case "true":
		*a = additional{Allowed: true}
		return nil
	case "false":
		*a = additional{}
		return nil
	}
	var s Schema
	if err := decodeStrict(b, &s); err != nil {
		return err
	}
	*a = additional{Schema: &s}
	return nil
}

// decodeStrict decodes JSON, rejecting unknown fields and trailing data.
func decodeStrict(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("trailing data after the JSON value")
	}
	return nil
}

// Types and formats the validator implements.
var (
	schemaTypes = []string{"object", "array", "string", "integer", "number", "boolean"}
	// Formats per type. date-time and int32 constrain the value; uri,
	// password and binary are annotations (a link, a secret, a file part)
	// with no constraint on it. (uri stays an annotation, as it was with the
	// former validator: test fixtures use hrefs such as "x".)
	schemaFormats = map[string][]string{
		"string":  {"date-time", "uri", "password", "binary"},
		"integer": {"int32"},
	}
)

// check verifies, for one schema (its children are checked on their own),
// that it uses the subset the validator implements, and compiles its pattern.
func (s *Schema) check() error {
	if s.Ref != "" {
		return fmt.Errorf("unresolved $ref %s", s.Ref)
	}
	if s.Type == "" {
		if len(s.AllOf) == 0 && len(s.AnyOf) == 0 {
			return errors.New("a schema without type must be an allOf or anyOf")
		}
		if s.Format != "" || s.Properties != nil || s.Required != nil || s.AdditionalProperties != nil || s.Items != nil ||
			s.Enum != nil || s.Pattern != "" || s.Minimum != nil || s.Maximum != nil || s.MinLength != nil || s.MaxLength != nil || s.MaxItems != nil {
			return errors.New("a schema without type may hold only allOf, anyOf, nullable and annotations")
		}
		return nil
	}
	if !slices.Contains(schemaTypes, s.Type) {
		return fmt.Errorf("type %q is not supported (supported: %s)", s.Type, strings.Join(schemaTypes, ", "))
	}
	if s.Format != "" && !slices.Contains(schemaFormats[s.Type], s.Format) {
		return fmt.Errorf("format %q of type %s is not supported", s.Format, s.Type)
	}
	keywordFor := func(kw string, set bool, types ...string) error {
		if set && !slices.Contains(types, s.Type) {
			return fmt.Errorf("%s does not apply to type %s", kw, s.Type)
		}
		return nil
	}
	isNumber := []string{"integer", "number"}
	if err := errors.Join(
		keywordFor("properties", s.Properties != nil, "object"),
		keywordFor("required", s.Required != nil, "object"),
		keywordFor("additionalProperties", s.AdditionalProperties != nil, "object"),
		keywordFor("items", s.Items != nil, "array"),
		keywordFor("maxItems", s.MaxItems != nil, "array"),
		keywordFor("enum", s.Enum != nil, "string"),
		keywordFor("pattern", s.Pattern != "", "string"),
		keywordFor("minLength", s.MinLength != nil, "string"),
		keywordFor("maxLength", s.MaxLength != nil, "string"),
		keywordFor("minimum", s.Minimum != nil, isNumber...),
		keywordFor("maximum", s.Maximum != nil, isNumber...),
	); err != nil {
		return err
	}
	if s.Type == "array" && s.Items == nil {
		return errors.New("an array schema needs items")
	}
	if s.Pattern != "" {
		re, err := regexp.Compile(s.Pattern)
		if err != nil {
			return fmt.Errorf("pattern %q: %w", s.Pattern, err)
		}
		s.pattern = re
	}
	return nil
}

// direction tells how a value is validated. Requests (what the SDK sends)
// are held to the contract strictly; responses (what PingOne answers) in a
// forward-compatible way: unknown enum values, undeclared properties and
// null for properties the schema does not require are accepted.
type direction int

const (
	asRequest direction = iota
	asResponse
)

// violation is one way a value breaks a schema.
type violation struct {
	ptr string // JSON pointer of the value ("" for the whole value)
	msg string
}

func (v violation) String() string {
	if v.ptr == "" {
		return v.msg
	}
	return fmt.Sprintf("at %q: %s", v.ptr, v.msg)
}

// violations is the error of a value that breaks its schema.
type violations []violation

func (vs violations) Error() string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = v.String()
	}
	return strings.Join(s, "; ")
}

// validator walks a value and its schema, collecting violations.
type validator struct {
	dir           direction
	allowReadOnly bool // accept read-only properties in requests
	out           violations
}

func (v *validator) fail(ptr, format string, args ...any) {
	v.out = append(v.out, violation{ptr: ptr, msg: fmt.Sprintf(format, args...)})
}

// validate checks value (decoded by decodeJSON: json.Number for numbers)
// against s and returns a violations error, or nil.
func (v *validator) validate(s *Schema, value any) error {
	v.out = nil
	v.visit(s, value, "", nil, false)
	if len(v.out) == 0 {
		return nil
	}
	return v.out
}

// visit checks value at ptr against s. chain holds the schemas applying to
// the same value through allOf/anyOf above s. nullOK is set for a property
// of a response that its object does not require.
func (v *validator) visit(s *Schema, value any, ptr string, chain []*Schema, nullOK bool) {
	if value == nil {
		if s.Nullable || nullOK {
			return
		}
		if len(s.AllOf) == 0 && len(s.AnyOf) == 0 {
			v.fail(ptr, "value is not nullable")
			return
		}
		// A combinator accepts null when its subschemas do (OpenAPI 3.0:
		// nullable is not inherited, but allOf [nullable X] admits null).
	}
	inner := append(slices.Clip(chain), s)
	for _, sub := range s.AllOf {
		v.visit(sub, value, ptr, inner, false)
	}
	if len(s.AnyOf) > 0 {
		v.anyOf(s, value, ptr, inner)
	}
	if value == nil || s.Type == "" {
		return
	}
	switch s.Type {
	case "object":
		obj, ok := value.(map[string]any)
		if !ok {
			v.fail(ptr, "value must be an object, not %s", kindOf(value))
			return
		}
		v.object(s, obj, ptr, chain)
	case "array":
		arr, ok := value.([]any)
		if !ok {
			v.fail(ptr, "value must be an array, not %s", kindOf(value))
			return
		}
		if s.MaxItems != nil && len(arr) > *s.MaxItems {
			v.fail(ptr, "at most %d items allowed, got %d", *s.MaxItems, len(arr))
		}
		for i, item := range arr {
			v.visit(s.Items, item, fmt.Sprintf("%s/%d", ptr, i), nil, false)
		}
	case "string":
		str, ok := value.(string)
		if !ok {
			v.fail(ptr, "value must be a string, not %s", kindOf(value))
			return
		}
		v.str(s, str, ptr)
	case "integer", "number":
		n, ok := value.(json.Number)
		if !ok {
			v.fail(ptr, "value must be %s %s, not %s", article(s.Type), s.Type, kindOf(value))
			return
		}
		v.number(s, n, ptr)
	case "boolean":
		if _, ok := value.(bool); !ok {
			v.fail(ptr, "value must be a boolean, not %s", kindOf(value))
		}
	}
}

// anyOf accepts the value when one variant does, and otherwise says why
// each variant rejected it.
func (v *validator) anyOf(s *Schema, value any, ptr string, chain []*Schema) {
	var notes []string
	for i, sub := range s.AnyOf {
		try := validator{dir: v.dir, allowReadOnly: v.allowReadOnly}
		try.visit(sub, value, ptr, chain, false)
		if len(try.out) == 0 {
			return
		}
		name := sub.name
		if name == "" {
			name = fmt.Sprintf("variant %d", i)
		}
		notes = append(notes, fmt.Sprintf("as %s: %v", name, try.out))
	}
	v.fail(ptr, "no variant of anyOf matches:\n\t%s", strings.Join(notes, "\n\t"))
}

func (v *validator) object(s *Schema, obj map[string]any, ptr string, chain []*Schema) {
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		val, at := obj[k], ptr+"/"+escapePointer(k)
		if p := s.Properties[k]; p != nil {
			if v.dir == asRequest && p.ReadOnly && !v.allowReadOnly && val != nil {
				v.fail(at, "readOnly property %q in request", k)
			}
			v.visit(p, val, at, nil, v.dir == asResponse && !slices.Contains(s.Required, k))
			continue
		}
		switch ap := s.AdditionalProperties; {
		case ap == nil || ap.Allowed || v.dir == asResponse && ap.Schema == nil:
		case ap.Schema != nil:
			v.visit(ap.Schema, val, at, nil, false)
		default:
			v.fail(at, "property %q is not allowed", k)
		}
	}
	for _, k := range s.Required {
		if _, ok := obj[k]; ok {
			continue
		}
		if v.dir == asRequest && readOnlyIn(k, append(slices.Clip(chain), s)) {
			continue // read-only: PingOne sets it, a request never carries it
		}
		v.fail(ptr+"/"+escapePointer(k), "property %q is missing", k)
	}
}

// readOnlyIn reports whether one of the schemas, or a schema they include
// through allOf, declares property k read-only.
func readOnlyIn(k string, schemas []*Schema) bool {
	seen := map[*Schema]bool{}
	var declares func(*Schema) bool
	declares = func(s *Schema) bool {
		if seen[s] {
			return false
		}
		seen[s] = true
		if p := s.Properties[k]; p != nil && p.ReadOnly {
			return true
		}
		return slices.ContainsFunc(s.AllOf, declares)
	}
	return slices.ContainsFunc(schemas, declares)
}

func (v *validator) str(s *Schema, str, ptr string) {
	if v.dir == asRequest && len(s.Enum) > 0 && !slices.Contains(s.Enum, str) {
		v.fail(ptr, "value %q is not one of the allowed values %s", str, strings.Join(s.Enum, ", "))
	}
	n := utf8.RuneCountInString(str)
	if s.MinLength != nil && n < *s.MinLength {
		v.fail(ptr, "at least %d characters required, got %d", *s.MinLength, n)
	}
	if s.MaxLength != nil && n > *s.MaxLength {
		v.fail(ptr, "at most %d characters allowed, got %d", *s.MaxLength, n)
	}
	if s.pattern != nil && !s.pattern.MatchString(str) {
		v.fail(ptr, "value doesn't match the pattern %q", s.Pattern)
	}
	switch s.Format {
	case "date-time":
		if !isDateTime(str) {
			v.fail(ptr, "value %q is not an RFC 3339 date-time", str)
		}
	}
}

func (v *validator) number(s *Schema, n json.Number, ptr string) {
	f, _, err := big.ParseFloat(string(n), 10, 256, big.ToNearestEven)
	if err != nil {
		v.fail(ptr, "value %s is not a number", n)
		return
	}
	if s.Type == "integer" && !f.IsInt() {
		v.fail(ptr, "value %s must be an integer", n)
		return
	}
	if s.Format == "int32" && (f.Cmp(big.NewFloat(math.MinInt32)) < 0 || f.Cmp(big.NewFloat(math.MaxInt32)) > 0) {
		v.fail(ptr, "value %s is out of the int32 range", n)
	}
	if s.Minimum != nil && f.Cmp(big.NewFloat(*s.Minimum)) < 0 {
		v.fail(ptr, "value %s is less than the minimum %g", n, *s.Minimum)
	}
	if s.Maximum != nil && f.Cmp(big.NewFloat(*s.Maximum)) > 0 {
		v.fail(ptr, "value %s is more than the maximum %g", n, *s.Maximum)
	}
}

// dateTimeShape is RFC 3339's date-time; time.Parse then checks the ranges
// (month, day of that month, hour, ...).
var dateTimeShape = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$`)

func isDateTime(s string) bool {
	if !dateTimeShape.MatchString(s) {
		return false
	}
	_, err := time.Parse(time.RFC3339Nano, s)
	return err == nil
}

func escapePointer(k string) string {
	return strings.ReplaceAll(strings.ReplaceAll(k, "~", "~0"), "/", "~1")
}

func kindOf(value any) string {
	switch value.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case json.Number:
		return "a number"
	case string:
		return "a string"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", value)
}

func article(word string) string {
	if strings.ContainsRune("aeiou", rune(word[0])) {
		return "an"
	}
	return "a"
}

// decodeJSON decodes one JSON value, numbers as json.Number, and rejects
// trailing data.
func decodeJSON(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("trailing data after the JSON value")
	}
	return v, nil
}

// Name is the component name of a schema that the document declares under
// components.schemas, or "" for an inline schema.
func (s *Schema) Name() string { return s.name }

// ResponseSchema returns the schema of the body an action answers with on
// its documented success status, as the contract states it (enums, required
// members and read-only flags intact), or nil when the action answers
// without a body. The schema belongs to the contract: callers must not
// change it.
func (c *Contract) ResponseSchema(action string) (*Schema, error) {
	for _, rt := range c.routes {
		if rt.action.Name != action {
			continue
		}
		resp := rt.op.Responses[strconv.Itoa(rt.action.Status)]
		if resp == nil {
			return nil, fmt.Errorf("contract: action %q: no response for status %d", action, rt.action.Status)
		}
		if len(resp.Content) == 0 {
			return nil, nil
		}
		mt := resp.Content["application/json"]
		if mt == nil || mt.Schema == nil {
			return nil, fmt.Errorf("contract: action %q: no application/json schema for status %d", action, rt.action.Status)
		}
		return mt.Schema, nil
	}
	return nil, fmt.Errorf("contract: no action %q", action)
}
