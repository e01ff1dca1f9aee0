package pingonetest

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
)

// writeJSON answers v as JSON with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	data, err := appendJSON(make([]byte, 0, 512), v)
	if err != nil {
		http.Error(w, "encoding response: "+err.Error(), 500)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(data)
}

// member is one member of an ordered object.
type member struct {
	name  string
	value any
}

// ordered is an object whose members are written in the order given, where
// a map's are sorted: a collection puts _links, then _embedded, count and
// size, as the contract's EntityArray lists them (and a client can then
// read the next link before the items).
type ordered []member

// collection is a page of a collection in the contract's member order.
func collection(links obj, key string, items []any, count int) ordered {
	return ordered{
		{"_links", links},
		{"_embedded", obj{key: items}},
		{"count", count},
		{"size", len(items)},
	}
}

// appendJSON appends v encoded as encoding/json.Marshal encodes it (map
// keys sorted, HTML characters escaped), and ordered objects in their
// order. The values a handler builds (maps, slices, strings, json.Number,
// bool, int, nil) are written directly; any other value, and any string
// that needs escaping, goes through encoding/json, so that the bytes are
// the same. A page of 1,000 users spent most of its time in encoding/json
// walking the maps by reflection.
func appendJSON(dst []byte, v any) ([]byte, error) {
	var err error
	switch v := v.(type) {
	case nil:
		return append(dst, "null"...), nil
	case bool:
		return strconv.AppendBool(dst, v), nil
	case int:
		return strconv.AppendInt(dst, int64(v), 10), nil
	case string:
		return appendString(dst, v), nil
	case map[string]any:
		if v == nil {
			return append(dst, "null"...), nil
		}
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		dst = append(dst, '{')
		for i, k := range keys {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendString(dst, k)
			dst = append(dst, ':')
			if dst, err = appendJSON(dst, v[k]); err != nil {
				return nil, err
			}
		}
		return append(dst, '}'), nil
	case ordered:
		dst = append(dst, '{')
		for i, m := range v {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendString(dst, m.name)
			dst = append(dst, ':')
			if dst, err = appendJSON(dst, m.value); err != nil {
				return nil, err
			}
		}
		return append(dst, '}'), nil
	case []any:
		if v == nil {
			return append(dst, "null"...), nil
		}
		dst = append(dst, '[')
		for i, e := range v {
			if i > 0 {
				dst = append(dst, ',')
			}
			if dst, err = appendJSON(dst, e); err != nil {
				return nil, err
			}
		}
		return append(dst, ']'), nil
	}
	data, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return append(dst, data...), nil
}

// appendString appends s as a JSON string: as it is when no character needs
// escaping, else as encoding/json escapes it.
func appendString(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20, c >= 0x80, c == '"', c == '\\', c == '<', c == '>', c == '&':
			data, _ := json.Marshal(s) // a string always encodes
			return append(dst, data...)
		}
	}
	dst = append(dst, '"')
	dst = append(dst, s...)
	return append(dst, '"')
}
