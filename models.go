package pingone

import (
	"bytes"
	"encoding/json"
)

// Ref is a reference to another resource by ID, as PingOne writes it:
// {"id": "…"}.
type Ref struct {
	ID string `json:"id"`
	// Extra holds members this version of the SDK does not know.
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// Link is a HAL link.
type Link struct {
	Href string `json:"href"`
	// Extra holds members this version of the SDK does not know.
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// Links are a resource's HAL links by relation name ("self", "next", and
// action links PingOne adds to some resources). They are kept as the JSON
// PingOne sent and read when asked for, which keeps decoding a large page
// cheap: most callers never look at links.
type Links struct {
	raw []byte
}

// Get returns the link of relation rel.
func (l Links) Get(rel string) (Link, bool) {
	all := l.All()
	lk, ok := all[rel]
	return lk, ok
}

// Href returns the href of relation rel, or "".
func (l Links) Href(rel string) string {
	lk, _ := l.Get(rel)
	return lk.Href
}

// All returns every link by relation.
func (l Links) All() map[string]Link {
	if len(l.raw) == 0 {
		return nil
	}
	var m map[string]Link
	if err := unmarshalWire(l.raw, &m); err != nil {
		return nil
	}
	return m
}

// IsZero reports whether there are no links.
func (l Links) IsZero() bool { return len(l.raw) == 0 }

// MarshalJSON writes the links as PingOne sent them ({} when there are
// none).
func (l Links) MarshalJSON() ([]byte, error) { return marshalWire(&l) }

// UnmarshalJSON keeps the links as they are. Anything but an object leaves
// them empty.
func (l *Links) UnmarshalJSON(data []byte) error { return unmarshalWire(data, l) }

func (l *Links) encodeWire(e *wireEncoder) error {
	if len(l.raw) == 0 {
		return e.raw([]byte(`{}`))
	}
	return e.raw(l.raw)
}

func (l *Links) decodeWire(d *wireDecoder) error {
	v, err := d.readValue()
	if err != nil {
		return err
	}
	if v.Kind() != '{' {
		l.raw = nil
		d.mismatch()
		return nil
	}
	l.raw = bytes.Clone(v)
	return nil
}

// RefTo returns a reference to the resource whose ID is id.
func RefTo(id string) Ref { return Ref{ID: id} }
