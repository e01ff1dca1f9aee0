package actions

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/google/jsonschema-go/jsonschema"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/scim"
)

// The schemas are derived at run time from the Go types that Invoke
// decodes its input into and encodes its output from: the SDK's request
// and resource types, and this package's own input types (IDs and query
// options). jsonschema-go infers each struct from its fields and JSON tags;
// what it cannot know about the SDK's types is added here:
//
//   - pingone.Optional[T] is T or null; pingone.Secret is a string (write-only
//     in inputs); pingone.Links is an object; time.Time is a date-time;
//     scim.Filter is its text; raw JSON (json.RawMessage, the JSON values
//     of Extra maps, self-encoding byte types) is any value.
//   - A field tagged `json:",embed"` (Extra, Custom) holds the members the
//     SDK does not model: the object then allows additional properties
//     instead of having a property named after the field.
//   - A polymorphic type (an application, an identity provider, an MFA
//     device, and their requests) has a pointer field tagged `json:"-"` per
//     variant, whose members sit beside the common ones: its schema is the
//     common members with, in anyOf, each variant's members added.
//   - A request type whose fields carry no JSON tags (GroupRequest) takes
//     its member names from the resource it creates.
//
// Outputs require no member: PingOne leaves out members that have no value.
// Inputs require what the SDK's types require (fields without omitzero).

// side tells inputs from outputs: secrets are write-only in inputs, and
// outputs require no member.
type side int

const (
	inputSide side = iota
	outputSide
)

const sdkPath = "github.com/pingone-go/pingone"

// schemaBuilder derives the schemas of one side. It keeps the schema of
// every type it has derived, which jsonschema-go then uses for that type
// wherever it appears.
type schemaBuilder struct {
	side  side
	types map[reflect.Type]*jsonschema.Schema
	busy  map[reflect.Type]bool
	// names maps a request type without JSON tags to the resource type
	// whose fields name its members.
	names map[reflect.Type]reflect.Type
}

func newSchemaBuilder(s side) *schemaBuilder {
	b := &schemaBuilder{
		side:  s,
		types: map[reflect.Type]*jsonschema.Schema{},
		busy:  map[reflect.Type]bool{},
		names: map[reflect.Type]reflect.Type{},
	}
	secret := &jsonschema.Schema{Type: "string", Description: `Redacted as "[REDACTED]" except in the output of an action that returns a secret.`}
	if s == inputSide {
		secret = &jsonschema.Schema{Type: "string", WriteOnly: true, Description: "A secret: sent to PingOne, never shown."}
	}
	b.types[reflect.TypeFor[pingone.Secret]()] = secret
	b.types[reflect.TypeFor[pingone.Links]()] = &jsonschema.Schema{Type: "object", Description: "HAL links by relation."}
	b.types[reflect.TypeFor[scim.Filter]()] = &jsonschema.Schema{Type: "string", Description: "A SCIM filter expression."}
	b.types[reflect.TypeFor[pingone.SerialNumber]()] = &jsonschema.Schema{Types: []string{"integer", "string"}, Description: "Decimal digits of any size, or the text PingOne sent."}
	if s == inputSide {
		b.types[reflect.TypeFor[time.Time]()] = &jsonschema.Schema{Type: "string", Format: "date-time"}
	} else {
		// OpenID Connect's updated_at is epoch seconds, and the SDK
		// re-encodes a time as it came.
		b.types[reflect.TypeFor[time.Time]()] = &jsonschema.Schema{Types: []string{"number", "string"}, Format: "date-time"}
	}
	return b
}

// schema returns the schema of t.
func (b *schemaBuilder) schema(t reflect.Type) (*jsonschema.Schema, error) {
	if err := b.prepare(t); err != nil {
		return nil, err
	}
	s, err := jsonschema.ForType(t, &jsonschema.ForOptions{TypeSchemas: b.types})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// prepare derives the schemas of the types t is made of that jsonschema-go
// cannot infer alone, innermost first, and keeps them in b.types.
func (b *schemaBuilder) prepare(t reflect.Type) error {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if _, ok := b.types[t]; ok {
		return nil
	}
	switch x := reflect.Zero(t).Interface().(type) {
	case schemaOfer:
		b.types[t] = x.schemaOf()
		return nil
	case schemaTyper:
		target := x.schemaType()
		if r, ok := x.(resourceTyper); ok {
			b.names[target] = r.resourceType()
		}
		if err := b.prepare(target); err != nil {
			return err
		}
		s, err := jsonschema.ForType(target, &jsonschema.ForOptions{TypeSchemas: b.types})
		if err != nil {
			return err
		}
		b.types[t] = s
		return nil
	}
	if isRawJSON(t) {
		b.types[t] = &jsonschema.Schema{}
		return nil
	}
	if inner, ok := optionalOf(t); ok {
		if err := b.prepare(inner); err != nil {
			return err
		}
		s, err := jsonschema.ForType(inner, &jsonschema.ForOptions{TypeSchemas: b.types})
		if err != nil {
			return err
		}
		b.types[t] = nullable(s)
		return nil
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Array, reflect.Map:
		return b.prepare(t.Elem())
	case reflect.Struct:
	default:
		if t.PkgPath() != "" && selfEncoding(t) {
			// A type that writes its own JSON, of a shape this package
			// does not know.
			b.types[t] = &jsonschema.Schema{}
		}
		return nil
	}
	if b.busy[t] {
		return fmt.Errorf("actions: %s contains itself", t)
	}
	b.busy[t] = true
	defer delete(b.busy, t)
	for _, f := range reflect.VisibleFields(t) {
		if f.IsExported() && !f.Anonymous {
			if err := b.prepare(f.Type); err != nil {
				return err
			}
		}
	}
	s, err := b.structSchema(t)
	if err != nil {
		return err
	}
	b.types[t] = s
	return nil
}

// structSchema derives a struct's schema: jsonschema-go's, with the
// members of Extra fields allowed, variants in anyOf, names taken from a
// resource where the struct has no tags, and nothing required in outputs.
func (b *schemaBuilder) structSchema(t reflect.Type) (*jsonschema.Schema, error) {
	s, err := jsonschema.ForType(t, &jsonschema.ForOptions{TypeSchemas: b.types})
	if err != nil {
		return nil, err
	}
	if s.Type != "object" {
		return s, nil
	}
	if res, ok := b.names[t]; ok {
		if err := b.nameFromResource(s, t, res); err != nil {
			return nil, err
		}
	}
	var variants []reflect.StructField
	for _, f := range reflect.VisibleFields(t) {
		if !f.IsExported() || f.Anonymous {
			continue
		}
		name, opts := jsonTag(f)
		switch {
		case isExtra(f, name, opts):
			removeProperty(s, f.Name)
			extra, err := jsonschema.ForType(f.Type.Elem(), &jsonschema.ForOptions{TypeSchemas: b.types})
			if err != nil {
				return nil, err
			}
			s.AdditionalProperties = extra
		case name == "-" && opts == "" && isStructPointer(f.Type):
			variants = append(variants, f)
		case isInline(opts) && isStructPointer(f.Type):
			// Before a family moved to the SDK's codec, an optional
			// part written inline (an MFA device's enrolment data).
			removeProperty(s, f.Name)
			variants = append(variants, f)
		}
	}
	if b.side == outputSide {
		s.Required = nil
	}
	if len(variants) == 0 {
		return s, nil
	}
	// The common members alone describe a variant this version of the
	// SDK does not know; each known variant adds its members.
	out := &jsonschema.Schema{Type: "object", Description: s.Description}
	for _, f := range variants {
		v, err := jsonschema.ForType(f.Type.Elem(), &jsonschema.ForOptions{TypeSchemas: b.types})
		if err != nil {
			return nil, err
		}
		out.AnyOf = append(out.AnyOf, mergeObjects(s, v, f.Name))
	}
	common := s.CloneSchemas()
	common.Title = "other"
	if common.AdditionalProperties == nil || isFalse(common.AdditionalProperties) {
		common.AdditionalProperties = nil // members of the unknown variant
	}
	out.AnyOf = append(out.AnyOf, common)
	return out, nil
}

// mergeObjects returns the common object schema with a variant's
// properties added.
func mergeObjects(common, variant *jsonschema.Schema, title string) *jsonschema.Schema {
	m := common.CloneSchemas()
	m.Title = title
	// CloneSchemas shares the slices: appending to them would write into
	// the other variants' arrays.
	m.PropertyOrder, m.Required = slices.Clone(m.PropertyOrder), slices.Clone(m.Required)
	for _, name := range orderOf(variant) {
		if _, ok := m.Properties[name]; ok {
			continue
		}
		if m.Properties == nil {
			m.Properties = map[string]*jsonschema.Schema{}
		}
		m.Properties[name] = variant.Properties[name].CloneSchemas()
		m.PropertyOrder = append(m.PropertyOrder, name)
	}
	for _, r := range variant.Required {
		if !slices.Contains(m.Required, r) {
			m.Required = append(m.Required, r)
		}
	}
	// Either part's Extra takes the members neither names.
	if !isFalse(variant.AdditionalProperties) && variant.AdditionalProperties != nil {
		m.AdditionalProperties = variant.AdditionalProperties.CloneSchemas()
	}
	return m
}

func orderOf(s *jsonschema.Schema) []string {
	names := slices.Clone(s.PropertyOrder)
	for name := range s.Properties {
		if !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	return names
}

// nameFromResource gives the fields of a request that have no JSON name
// of their own (untagged, or "-" before its family moved to the SDK's
// codec) the name of the resource's field of the same name, and requires
// only those the resource always writes (no omitzero). Variants, Extra
// maps and interfaces are left alone.
func (b *schemaBuilder) nameFromResource(s *jsonschema.Schema, req, res reflect.Type) error {
	for _, f := range reflect.VisibleFields(req) {
		if !f.IsExported() || f.Anonymous {
			continue
		}
		tagName, opts := jsonTag(f)
		_, tagged := f.Tag.Lookup("json")
		hidden := tagName == "-" && opts == ""
		if tagged && !hidden {
			continue
		}
		switch f.Type.Kind() {
		case reflect.Pointer, reflect.Map, reflect.Interface:
			continue
		}
		rf, ok := res.FieldByName(f.Name)
		if !ok {
			continue
		}
		name, ropts := jsonTag(rf)
		if name == "" || name == "-" {
			continue
		}
		p, ok := s.Properties[f.Name]
		if hidden {
			var err error
			if p, err = jsonschema.ForType(f.Type, &jsonschema.ForOptions{TypeSchemas: b.types}); err != nil {
				return err
			}
		} else if !ok {
			continue
		}
		removeProperty(s, f.Name)
		if s.Properties == nil {
			s.Properties = map[string]*jsonschema.Schema{}
		}
		s.Properties[name] = p
		s.PropertyOrder = append(s.PropertyOrder, name)
		if !strings.Contains(ropts, "omitzero") && !strings.Contains(ropts, "omitempty") {
			s.Required = append(s.Required, name)
		}
	}
	return nil
}

func removeProperty(s *jsonschema.Schema, name string) {
	delete(s.Properties, name)
	s.PropertyOrder = slices.DeleteFunc(s.PropertyOrder, func(p string) bool { return p == name })
	s.Required = slices.DeleteFunc(s.Required, func(p string) bool { return p == name })
}

// isExtra reports a field that holds the members the SDK does not model:
// tagged embed (or inline), or, before a family's types moved to the SDK's
// codec, an untagged or "-" map named Extra.
func isExtra(f reflect.StructField, name, opts string) bool {
	if f.Type.Kind() != reflect.Map || f.Type.Key().Kind() != reflect.String {
		return false
	}
	return isInline(opts) || f.Name == "Extra" && (name == "-" || name == "")
}

// isInline reports the tag options of a field whose members are written
// beside the struct's own.
func isInline(opts string) bool {
	for o := range strings.SplitSeq(opts, ",") {
		if o == "embed" || o == "inline" {
			return true
		}
	}
	return false
}

func isStructPointer(t reflect.Type) bool {
	return t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct
}

// jsonTag returns a field's JSON name (as tagged; "" when untagged) and
// options.
func jsonTag(f reflect.StructField) (name, opts string) {
	tag, ok := f.Tag.Lookup("json")
	if !ok {
		return "", ""
	}
	name, opts, _ = strings.Cut(tag, ",")
	return name, opts
}

// jsonName returns the member name encoding/json gives a field.
func jsonName(f reflect.StructField) string {
	name, _ := jsonTag(f)
	if name == "" {
		return f.Name
	}
	return name
}

// optionalOf returns T for pingone.Optional[T].
func optionalOf(t reflect.Type) (reflect.Type, bool) {
	if t.Kind() != reflect.Struct || t.PkgPath() != sdkPath || !strings.HasPrefix(t.Name(), "Optional[") {
		return nil, false
	}
	f, ok := t.FieldByName("value")
	if !ok {
		return nil, false
	}
	return f.Type, true
}

// nullable returns s that also allows null.
func nullable(s *jsonschema.Schema) *jsonschema.Schema {
	s = s.CloneSchemas()
	switch {
	case s.Type != "":
		s.Types = []string{s.Type, "null"}
		s.Type = ""
	case len(s.Types) > 0:
		if !slices.Contains(s.Types, "null") {
			s.Types = append(s.Types, "null")
		}
	case isTrue(s):
		// Any value already.
	default:
		return &jsonschema.Schema{AnyOf: []*jsonschema.Schema{s, {Type: "null"}}}
	}
	return s
}

// isRawJSON reports a type that holds any JSON value as it is.
func isRawJSON(t reflect.Type) bool {
	if t == reflect.TypeFor[json.RawMessage]() {
		return true
	}
	if t.Kind() != reflect.Slice || t.Elem().Kind() != reflect.Uint8 || t.Name() == "" {
		return false
	}
	return strings.HasSuffix(t.PkgPath(), "/jsontext") && t.Name() == "Value" || selfEncoding(t)
}

// selfEncoding reports a type with JSON methods of its own.
func selfEncoding(t reflect.Type) bool {
	return hasMethod(t, "MarshalJSON", "MarshalJSONTo", "UnmarshalJSON", "UnmarshalJSONFrom")
}

// selfDecoding reports a type that decodes JSON itself.
func selfDecoding(t reflect.Type) bool {
	return hasMethod(t, "UnmarshalJSON", "UnmarshalJSONFrom")
}

// hasMethod reports whether t or *t has one of the methods.
func hasMethod(t reflect.Type, methods ...string) bool {
	for _, m := range methods {
		if _, ok := t.MethodByName(m); ok {
			return true
		}
		if _, ok := reflect.PointerTo(t).MethodByName(m); ok {
			return true
		}
	}
	return false
}

func isTrue(s *jsonschema.Schema) bool { return reflect.ValueOf(*s).IsZero() }

func isFalse(s *jsonschema.Schema) bool {
	return s != nil && s.Not != nil && isTrue(s.Not)
}
