package pingone

import (
	"bytes"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/go-json-experiment/json/jsontext"
)

// The JSON plumbing of polymorphic applications: member lists that keep
// values byte for byte, removal of secret members, and objects assembled
// from several typed parts plus raw members.

var (
	applicationCommonType        = reflect.TypeFor[applicationNoMethods]()
	applicationRequestCommonType = reflect.TypeFor[applicationRequestNoMethods]()
)

// rawMember is one member of a JSON object as received: its name decoded,
// its name and value exactly as they were written.
type rawMember struct {
	name    string
	rawName jsontext.Value
	value   jsontext.Value
}

// objectMembers lists the members of a JSON object in order. The values
// alias raw. It reports false for anything but a valid object.
func objectMembers(raw []byte) ([]rawMember, bool) {
	dec := jsontext.NewDecoder(bytes.NewReader(raw), jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
	tok, err := dec.ReadToken()
	if err != nil || tok.Kind() != '{' {
		return nil, false
	}
	var out []rawMember
	for dec.PeekKind() != '}' {
		start := dec.InputOffset()
		tok, err := dec.ReadToken()
		if err != nil {
			return nil, false
		}
		name := tok.String()
		rawName := jsontext.Value(bytes.TrimLeft(raw[start:dec.InputOffset()], " \t\r\n,"))
		start = dec.InputOffset()
		if _, err := dec.ReadValue(); err != nil {
			return nil, false
		}
		value := jsontext.Value(bytes.TrimLeft(raw[start:dec.InputOffset()], " \t\r\n:"))
		out = append(out, rawMember{name: name, rawName: rawName, value: value})
	}
	return out, true
}

// joinMembers writes members back as one object, names and values as they
// were.
func joinMembers(ms []rawMember) []byte {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range ms {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(m.rawName)
		b.WriteByte(':')
		b.Write(m.value)
	}
	b.WriteByte('}')
	return b.Bytes()
}

// scrubMembers returns raw without the members at paths (each a list of
// member names from the top). When none is present it returns raw itself;
// otherwise every other member is kept byte for byte.
func scrubMembers(raw jsontext.Value, paths [][]string) jsontext.Value {
	out, _ := scrub(raw, paths)
	return out
}

func scrub(raw jsontext.Value, paths [][]string) (jsontext.Value, bool) {
	members, ok := objectMembers(raw)
	if !ok {
		return raw, false
	}
	changed := false
	kept := make([]rawMember, 0, len(members))
	for _, m := range members {
		drop := false
		var nested [][]string
		for _, p := range paths {
			switch {
			case len(p) == 0 || p[0] != m.name:
			case len(p) == 1:
				drop = true
			default:
				nested = append(nested, p[1:])
			}
		}
		if drop {
			changed = true
			continue
		}
		if len(nested) > 0 && m.value.Kind() == '{' {
			if v, ok := scrub(m.value, nested); ok {
				m.value, changed = v, true
			}
		}
		kept = append(kept, m)
	}
	if !changed {
		return raw, false
	}
	return joinMembers(kept), true
}

// encodeObject encodes each part (each encoding to a JSON object) and joins
// their members into one object, then appends extra in name order, values
// byte for byte.
func encodeObject(parts []any, extra map[string]jsontext.Value) ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	n := 0
	for _, p := range parts {
		data, err := encodeJSON(p)
		if err != nil {
			return nil, err
		}
		data = bytes.TrimSpace(data)
		if len(data) < 2 || data[0] != '{' {
			return nil, fmt.Errorf("pingone: %T does not encode to a JSON object", p)
		}
		inner := bytes.TrimSpace(data[1 : len(data)-1])
		if len(inner) == 0 {
			continue
		}
		if n > 0 {
			b.WriteByte(',')
		}
		b.Write(inner)
		n++
	}
	for _, name := range slices.Sorted(maps.Keys(extra)) {
		if n > 0 {
			b.WriteByte(',')
		}
		q, err := jsontext.AppendQuote(nil, name)
		if err != nil {
			return nil, err
		}
		b.Write(q)
		b.WriteByte(':')
		b.Write(bytes.TrimSpace(extra[name]))
		n++
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

var jsonNamesCache sync.Map // reflect.Type → map[string]bool

// jsonNames returns the JSON member names of a struct type's fields (those
// of embedded structs included; fields tagged "-" excluded).
func jsonNames(t reflect.Type) map[string]bool {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if v, ok := jsonNamesCache.Load(t); ok {
		return v.(map[string]bool)
	}
	names := map[string]bool{}
	if t.Kind() == reflect.Struct {
		for i := range t.NumField() {
			f := t.Field(i)
			tag := f.Tag.Get("json")
			name, opts, _ := strings.Cut(tag, ",")
			switch {
			case tag == "-":
				continue
			case strings.Contains(","+opts+",", ",embed,"):
				// An embedded struct brings its members; an embedded map
				// holds the unknown ones.
				if ft := derefType(f.Type); ft.Kind() == reflect.Struct {
					for n := range jsonNames(ft) {
						names[n] = true
					}
				}
				continue
			case !f.IsExported():
				continue
			}
			if name == "" {
				name = f.Name
			}
			names[name] = true
		}
	}
	jsonNamesCache.Store(t, names)
	return names
}

func derefType(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

func unionNames(a, b map[string]bool) map[string]bool {
	out := make(map[string]bool, len(a)+len(b))
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}
