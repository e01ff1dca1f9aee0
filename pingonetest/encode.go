package pingonetest

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// writeJSON answers v as JSON with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	e := encoders.Get().(*jsonEncoder)
	defer e.put()
	data, err := e.append(e.buf[:0], v, 0)
	if err != nil {
		http.Error(w, "encoding response: "+err.Error(), 500)
		return
	}
	e.buf = data
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	_, _ = w.Write(data)
}

// encoders keeps writeJSON's encoders and their buffers: a page of 1,000
// users is about 1.5 MB of JSON, written once per page of a walk.
var encoders = sync.Pool{New: func() any { return new(jsonEncoder) }}

// put returns e to encoders, dropping a buffer too large to keep.
func (e *jsonEncoder) put() {
	if cap(e.buf) > 4<<20 {
		e.buf = nil
	}
	encoders.Put(e)
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

// overlay is an object drawn over a stored one without copying it: base's
// members but drop (when not ""), and set's (which win over base's).
type overlay struct {
	base obj
	set  []member // a few: each member of base is looked up in it
	drop string
}

// dropped reports whether base's member name is left out.
func (o overlay) dropped(name string) bool { return o.drop != "" && name == o.drop }

// over returns the value set gives name, if it does.
func (o overlay) over(name string) (any, bool) {
	for _, m := range o.set {
		if m.name == name {
			return m.value, true
		}
	}
	return nil, false
}

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
	var e jsonEncoder
	return e.append(dst, v, 0)
}

// jsonEncoder is appendJSON's state: a slice of members per depth, reused
// from one object to the next.
type jsonEncoder struct {
	members [][]member
	// order holds, per depth, the sorted names of the last object written
	// there: the users of a page share their members, and an object with
	// exactly those names is written in that order without sorting.
	order [][]string
	buf   []byte // writeJSON's, kept between uses
}

func (e *jsonEncoder) append(dst []byte, v any, depth int) ([]byte, error) {
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
		return e.overlay(dst, overlay{base: v}, depth)
	case overlay:
		return e.overlay(dst, v, depth)
	case ordered:
		return e.object(dst, v, depth)
	case []any:
		if v == nil {
			return append(dst, "null"...), nil
		}
		dst = append(dst, '[')
		for i, el := range v {
			if i > 0 {
				dst = append(dst, ',')
			}
			if dst, err = e.append(dst, el, depth+1); err != nil {
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

// overlay appends the object v draws (a map is an overlay with nothing
// set), in the order of the last object written at depth when it has the
// same names, else sorted.
func (e *jsonEncoder) overlay(dst []byte, v overlay, depth int) ([]byte, error) {
	ms := e.membersAt(depth)
	n := len(v.base) + len(v.set)
	if _, ok := v.base[v.drop]; ok && v.drop != "" {
		n--
	}
	for _, m := range v.set {
		if _, ok := v.base[m.name]; ok && !v.dropped(m.name) {
			n--
		}
	}
	if order := e.order[depth]; len(order) == n {
		for _, k := range order {
			val, ok := v.over(k)
			if !ok && !v.dropped(k) {
				val, ok = v.base[k]
			}
			if !ok {
				ms = ms[:0]
				break
			}
			ms = append(ms, member{k, val})
		}
		if len(ms) == n {
			return e.inOrder(dst, ms, depth)
		}
	}
	for k, val := range v.base {
		if _, over := v.over(k); !over && !v.dropped(k) {
			ms = append(ms, member{k, val})
		}
	}
	ms = append(ms, v.set...)
	return e.sorted(dst, ms, depth)
}

// membersAt returns the empty member slice of depth, to fill.
func (e *jsonEncoder) membersAt(depth int) []member {
	for len(e.members) <= depth {
		e.members = append(e.members, nil)
		e.order = append(e.order, nil)
	}
	return e.members[depth][:0]
}

// sorted appends the object of ms (depth's slice), sorted by name as
// encoding/json sorts a map's keys, and keeps the order of its names.
func (e *jsonEncoder) sorted(dst []byte, ms []member, depth int) ([]byte, error) {
	slices.SortFunc(ms, func(a, b member) int { return strings.Compare(a.name, b.name) })
	order := e.order[depth][:0]
	for _, m := range ms {
		order = append(order, m.name)
	}
	e.order[depth] = order
	return e.inOrder(dst, ms, depth)
}

// inOrder appends the object of ms (depth's slice, in order).
func (e *jsonEncoder) inOrder(dst []byte, ms []member, depth int) ([]byte, error) {
	e.members[depth] = ms
	dst, err := e.object(dst, ms, depth)
	clear(ms) // hold no value until the next use
	return dst, err
}

// object appends the members ms in their order.
func (e *jsonEncoder) object(dst []byte, ms []member, depth int) ([]byte, error) {
	var err error
	dst = append(dst, '{')
	for i, m := range ms {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendString(dst, m.name)
		dst = append(dst, ':')
		if dst, err = e.append(dst, m.value, depth+1); err != nil {
			return nil, err
		}
	}
	return append(dst, '}'), nil
}

// plainByte marks the bytes a JSON string holds as they are (encoding/json
// escapes control characters, quote, backslash, and <, > and & for HTML;
// bytes from 0x80 are left to encoding/json, which checks UTF-8).
var plainByte = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = true
	}
	for _, c := range `"\<>&` {
		t[c] = false
	}
	return t
}()

// appendString appends s as a JSON string: as it is when no character needs
// escaping, else as encoding/json escapes it.
func appendString(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if !plainByte[s[i]] {
			data, _ := json.Marshal(s) // a string always encodes
			return append(dst, data...)
		}
	}
	dst = append(dst, '"')
	dst = append(dst, s...)
	return append(dst, '"')
}
