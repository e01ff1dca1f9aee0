package pingone

import (
	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// Ref is a reference to another resource by ID, as PingOne writes it:
// {"id": "…"}.
type Ref struct {
	ID string `json:"id"`
}

// Link is a HAL link.
type Link struct {
	Href string `json:"href"`
}

// Links are a resource's HAL links by relation name ("self", "next", and
// action links PingOne adds to some resources). They are kept as the JSON
// PingOne sent and read when asked for, which keeps decoding a large page
// cheap: most callers never look at links.
type Links struct {
	raw jsontext.Value
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
	if err := json.Unmarshal(l.raw, &m, lenientDecodeOptions); err != nil {
		return nil
	}
	return m
}

// IsZero reports whether there are no links.
func (l Links) IsZero() bool { return len(l.raw) == 0 }

// MarshalJSONTo implements [json.MarshalerTo].
func (l Links) MarshalJSONTo(enc *jsontext.Encoder) error {
	if len(l.raw) == 0 {
		return enc.WriteValue(jsontext.Value(`{}`))
	}
	return enc.WriteValue(l.raw)
}

// UnmarshalJSONFrom implements [json.UnmarshalerFrom]. Anything but an
// object leaves the links empty.
func (l *Links) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	v, err := dec.ReadValue()
	if err != nil {
		return err
	}
	if v.Kind() != '{' {
		l.raw = nil
		return nil
	}
	l.raw = v.Clone()
	return nil
}

// RefTo returns a reference to the resource whose ID is id.
func RefTo(id string) Ref { return Ref{ID: id} }
