package actions

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/google/jsonschema-go/jsonschema"
)

// decodeInput checks input against the action's input schema and decodes
// it into a new value of the action's input type. Nothing is sent before
// it succeeds.
func (a *Action) decodeInput(input json.RawMessage) (any, error) {
	if len(bytes.TrimSpace(input)) == 0 {
		input = json.RawMessage("{}")
	}
	invalid := func(field, msg string) error {
		return &Error{Action: a.Name, Kind: InvalidInput, Field: field, Message: msg}
	}
	var inst any
	if err := json.Unmarshal(input, &inst); err != nil {
		return nil, invalid("", "the input is not JSON: "+err.Error())
	}
	if err := a.resolved.Validate(inst); err != nil {
		field, msg := locate(a.InputSchema, inst, "")
		if msg == "" {
			msg = leafMessage(err)
		}
		return nil, invalid(field, msg)
	}
	in := reflect.New(a.run.in).Interface()
	if err := decodeJSON(input, in); err != nil {
		field := ""
		if se, ok := errors.AsType[*jsonv2.SemanticError](err); ok {
			field = string(se.JSONPointer)
			if se.Err != nil {
				err = se.Err
			}
		}
		if um, ok := errors.AsType[*unsupportedMember](err); ok {
			field += "/" + escapePointer(um.name)
		}
		return nil, invalid(field, err.Error())
	}
	return in, nil
}

// locate finds the member of v that schema s refuses, as a JSON Pointer
// below path, and says what is wrong with it ("" lets the caller use the
// validator's message).
func locate(s *jsonschema.Schema, v any, path string) (string, string) {
	if len(s.AnyOf) > 0 {
		return locateAnyOf(s.AnyOf, v, path)
	}
	if !typeAllows(s, v) {
		return path, "must be " + typeNames(s)
	}
	switch x := v.(type) {
	case map[string]any:
		for _, r := range s.Required {
			if _, ok := x[r]; !ok {
				return path + "/" + escapePointer(r), "is required"
			}
		}
		for _, k := range slices.Sorted(maps.Keys(s.DependentRequired)) {
			if _, ok := x[k]; !ok {
				continue
			}
			for _, d := range s.DependentRequired[k] {
				if _, ok := x[d]; !ok {
					return path + "/" + escapePointer(d), "is required with " + k
				}
			}
		}
		for _, k := range slices.Sorted(maps.Keys(x)) {
			at := path + "/" + escapePointer(k)
			sub, ok := s.Properties[k]
			if !ok {
				sub = s.AdditionalProperties
				if sub == nil {
					continue
				}
				if isFalse(sub) {
					return at, "is not a member of this object (it has " + memberList(s) + ")"
				}
			}
			if !valid(sub, x[k]) {
				return locate(sub, x[k], at)
			}
		}
	case []any:
		if s.Items != nil {
			for i, e := range x {
				if !valid(s.Items, e) {
					return locate(s.Items, e, path+"/"+strconv.Itoa(i))
				}
			}
		}
	case string:
		if s.MinLength != nil && len([]rune(x)) < *s.MinLength {
			if *s.MinLength == 1 {
				return path, "must not be empty"
			}
			return path, fmt.Sprintf("must have at least %d characters", *s.MinLength)
		}
	case float64:
		if s.Minimum != nil && x < *s.Minimum {
			return path, "must be at least " + strconv.FormatFloat(*s.Minimum, 'f', -1, 64)
		}
		if s.Maximum != nil && x > *s.Maximum {
			return path, "must be at most " + strconv.FormatFloat(*s.Maximum, 'f', -1, 64)
		}
	}
	if len(s.Enum) > 0 && !scalarIn(s.Enum, v) {
		return path, fmt.Sprintf("must be one of %v", s.Enum)
	}
	if s.Not != nil && scalarIn(s.Not.Enum, v) {
		return path, fmt.Sprintf("must not be any of %v", s.Not.Enum)
	}
	return path, ""
}

// locateAnyOf locates the fault against the alternatives that take v's
// JSON type, keeping the deepest: an object that fits no variant is most
// likely wrong where it goes furthest.
func locateAnyOf(alts []*jsonschema.Schema, v any, path string) (string, string) {
	best, msg, found := path, "", false
	var types []string
	for _, alt := range alts {
		if !typeAllows(alt, v) {
			types = append(types, typeNames(alt))
			continue
		}
		p, m := locate(alt, v, path)
		if !found || len(p) > len(best) {
			best, msg, found = p, m, true
		}
	}
	if !found {
		return path, "must be " + strings.Join(types, " or ")
	}
	return best, msg
}

func memberList(s *jsonschema.Schema) string {
	names := orderOf(s)
	if len(names) == 0 {
		return "no members"
	}
	return strings.Join(names, ", ")
}

// jsonType returns the JSON Schema type of a value decoded by encoding/json.
func jsonType(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case float64:
		if x == float64(int64(x)) {
			return "integer"
		}
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return ""
}

func typeAllows(s *jsonschema.Schema, v any) bool {
	types := s.Types
	if s.Type != "" {
		types = []string{s.Type}
	}
	if len(types) == 0 {
		return true
	}
	t := jsonType(v)
	return slices.Contains(types, t) || (t == "integer" && slices.Contains(types, "number"))
}

func typeNames(s *jsonschema.Schema) string {
	types := s.Types
	if s.Type != "" {
		types = []string{s.Type}
	}
	var out []string
	for _, t := range types {
		switch t {
		case "object", "array", "integer":
			out = append(out, "an "+t)
		case "null":
			out = append(out, "null")
		default:
			out = append(out, "a "+t)
		}
	}
	return strings.Join(out, " or ")
}

// resolvedSchemas holds sub-schemas resolved for locate.
var resolvedSchemas sync.Map // *jsonschema.Schema → *jsonschema.Resolved

// valid reports whether v is valid under s.
func valid(s *jsonschema.Schema, v any) bool {
	r, ok := resolvedSchemas.Load(s)
	if !ok {
		res, err := s.Resolve(nil)
		if err != nil {
			return false
		}
		r, _ = resolvedSchemas.LoadOrStore(s, res)
	}
	return r.(*jsonschema.Resolved).Validate(v) == nil
}

// leafMessage strips the validator's "validating <schema>: " prefixes.
func leafMessage(err error) string {
	msg := err.Error()
	for strings.HasPrefix(msg, "validating ") {
		_, rest, ok := strings.Cut(msg, ": ")
		if !ok {
			break
		}
		msg = rest
	}
	return msg
}

func escapePointer(s string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}

// scalarIn reports whether v, a JSON scalar, is one of list (comparing an
// object or an array with == would panic).
func scalarIn(list []any, v any) bool {
	switch v.(type) {
	case nil, bool, float64, string:
		return slices.Contains(list, v)
	}
	return false
}
