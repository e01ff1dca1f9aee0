package gen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// maxInline is the longest object or array rendered on a single line.
const maxInline = 100

// encode renders v as JSON with sorted object keys, two-space indentation and
// a final newline. Objects and arrays without nested containers that fit in
// maxInline characters stay on one line, which keeps the files compact but
// readable and diff-friendly.
func encode(v any) ([]byte, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var generic any
	if err := dec.Decode(&generic); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := write(&buf, generic, ""); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

func write(buf *bytes.Buffer, v any, indent string) error {
	if s, ok, err := inline(v); err != nil {
		return err
	} else if ok && len(s) <= maxInline || !isContainer(v) {
		buf.WriteString(s)
		return nil
	}
	inner := indent + "  "
	switch t := v.(type) {
	case map[string]any:
		buf.WriteString("{\n")
		keys := sortedKeys(t)
		for i, k := range keys {
			ks, err := scalar(k)
			if err != nil {
				return err
			}
			buf.WriteString(inner + ks + ": ")
			if err := write(buf, t[k], inner); err != nil {
				return err
			}
			if i < len(keys)-1 {
				buf.WriteByte(',')
			}
			buf.WriteByte('\n')
		}
		buf.WriteString(indent + "}")
	case []any:
		buf.WriteString("[\n")
		for i, e := range t {
			buf.WriteString(inner)
			if err := write(buf, e, inner); err != nil {
				return err
			}
			if i < len(t)-1 {
				buf.WriteByte(',')
			}
			buf.WriteByte('\n')
		}
		buf.WriteString(indent + "]")
	default:
		return fmt.Errorf("cannot render %T", v)
	}
	return nil
}

// inline renders v on one line; ok is false when the result would exceed
// maxInline characters.
func inline(v any) (string, bool, error) {
	switch t := v.(type) {
	case map[string]any:
		if len(t) == 0 {
			return "{}", true, nil
		}
		parts := make([]string, 0, len(t))
		n := 0
		for _, k := range sortedKeys(t) {
			ks, err := scalar(k)
			if err != nil {
				return "", false, err
			}
			vs, ok, err := inline(t[k])
			if err != nil || !ok {
				return "", false, err
			}
			parts = append(parts, ks+": "+vs)
			if n += len(ks) + len(vs) + 4; n > maxInline {
				return "", false, nil // too long anyway: stop early
			}
		}
		return "{" + strings.Join(parts, ", ") + "}", true, nil
	case []any:
		parts := make([]string, 0, len(t))
		n := 0
		for _, e := range t {
			s, ok, err := inline(e)
			if err != nil || !ok {
				return "", false, err
			}
			parts = append(parts, s)
			if n += len(s) + 2; n > maxInline {
				return "", false, nil
			}
		}
		return "[" + strings.Join(parts, ", ") + "]", true, nil
	default:
		s, err := scalar(v)
		return s, err == nil, err
	}
}

func scalar(v any) (string, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return strings.TrimSuffix(buf.String(), "\n"), nil
}

func isContainer(v any) bool {
	switch v.(type) {
	case map[string]any, []any:
		return true
	}
	return false
}
