package actions

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/pingone-go/pingone"
)

// decodeJSON and encodeJSON read inputs and write outputs with
// go-json-experiment, the SDK's own JSON engine: it calls the SDK types'
// JSON methods, both the encoding/json ones of the families on the SDK's
// codec and the json/v2 ones of those not yet moved to it. Once every
// family is on the codec, encoding/json would do.
func decodeJSON(data []byte, v any) error { return jsonv2.Unmarshal(data, v) }

func encodeJSON(v any) ([]byte, error) { return jsonv2.Marshal(v, jsonv2.Deterministic(true)) }

// encodeOutput encodes an action's output. Secrets are redacted by the
// SDK's types; reveal writes them in clear instead, for the actions whose
// purpose is to return one.
func encodeOutput(v any, reveal bool) (json.RawMessage, error) {
	data, err := encodeJSON(v)
	if err != nil {
		return nil, err
	}
	if !reveal {
		return data, nil
	}
	var secrets []secretAt
	findSecrets(reflect.ValueOf(v), nil, &secrets)
	for _, s := range secrets {
		val, err := jsontext.AppendQuote(nil, s.value)
		if err != nil {
			return nil, err
		}
		if data, err = replaceMember(data, s.path, val); err != nil {
			return nil, err
		}
	}
	return data, nil
}

// secretAt is a secret of an output, by its JSON path.
type secretAt struct {
	path  []string
	value string
}

var secretType = reflect.TypeFor[pingone.Secret]()

// findSecrets collects the non-empty secrets of v's structs, by the JSON
// path at which encoding writes them.
func findSecrets(v reflect.Value, path []string, out *[]secretAt) {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return
	}
	if v.Type() == secretType {
		if s := v.Interface().(pingone.Secret); !s.IsZero() {
			*out = append(*out, secretAt{path: path, value: s.Reveal()})
		}
		return
	}
	for _, f := range reflect.VisibleFields(v.Type()) {
		if !f.IsExported() || f.Anonymous {
			continue
		}
		name, opts := jsonTag(f)
		switch {
		case name == "-" && opts == "":
			continue
		case strings.Contains(opts, "embed") || strings.Contains(opts, "inline"):
			findSecrets(v.FieldByIndex(f.Index), path, out)
		default:
			findSecrets(v.FieldByIndex(f.Index), append(path[:len(path):len(path)], jsonName(f)), out)
		}
	}
}

// replaceMember returns the JSON object doc with the member at path set
// to val (added when missing).
func replaceMember(doc []byte, path []string, val []byte) ([]byte, error) {
	if len(path) == 0 {
		return val, nil
	}
	if v := jsontext.Value(doc); !v.IsValid() || v.Kind() != '{' {
		return doc, nil
	}
	dec := jsontext.NewDecoder(bytes.NewReader(doc))
	var b bytes.Buffer
	enc := jsontext.NewEncoder(&b)
	if _, err := dec.ReadToken(); err != nil {
		return nil, err
	}
	if err := enc.WriteToken(jsontext.BeginObject); err != nil {
		return nil, err
	}
	found := false
	for dec.PeekKind() != '}' {
		tok, err := dec.ReadToken()
		if err != nil {
			return nil, err
		}
		name := tok.String() // the token is only valid until the next read
		v, err := dec.ReadValue()
		if err != nil {
			return nil, err
		}
		if name == path[0] && !found {
			found = true
			if v, err = replaceMember(v, path[1:], val); err != nil {
				return nil, err
			}
		}
		if err := enc.WriteToken(jsontext.String(name)); err != nil {
			return nil, err
		}
		if err := enc.WriteValue(v); err != nil {
			return nil, err
		}
	}
	if !found {
		nested := val
		for i := len(path) - 1; i >= 1; i-- {
			name, err := jsontext.AppendQuote(nil, path[i])
			if err != nil {
				return nil, err
			}
			nested = append(append(append(append([]byte("{"), name...), ':'), nested...), '}')
		}
		if err := enc.WriteToken(jsontext.String(path[0])); err != nil {
			return nil, err
		}
		if err := enc.WriteValue(nested); err != nil {
			return nil, err
		}
	}
	if err := enc.WriteToken(jsontext.EndObject); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}
