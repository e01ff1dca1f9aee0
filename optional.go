package pingone

// Optional is a request field that can be omitted, sent as null, or sent with
// a value. Its zero value is "omitted", so a request struct literal sends only
// the fields it names:
//
//	req := pingone.UpdateUserRequest{
//		Nickname: pingone.Value("Sam"),   // "nickname": "Sam"
//		Title:    pingone.Null[string](), // "title": null
//	}                                     // every other field: not sent
//
// Fields of type Optional carry the `omitzero` JSON option.
type Optional[T any] struct {
	value T
	state optionalState
}

type optionalState uint8

const (
	optionalOmitted optionalState = iota
	optionalNull
	optionalSet
)

// Value returns an Optional holding v.
func Value[T any](v T) Optional[T] { return Optional[T]{value: v, state: optionalSet} }

// Null returns an Optional that is sent as JSON null, which clears the field
// where PingOne allows it.
func Null[T any]() Optional[T] { return Optional[T]{state: optionalNull} }

// IsZero reports whether o is omitted. It lets `omitzero` leave the field out.
func (o Optional[T]) IsZero() bool { return o.state == optionalOmitted }

// IsNull reports whether o is sent as null.
func (o Optional[T]) IsNull() bool { return o.state == optionalNull }

// Get returns the value and whether one is set.
func (o Optional[T]) Get() (T, bool) { return o.value, o.state == optionalSet }

// Or returns the value if one is set, else def.
func (o Optional[T]) Or(def T) T {
	if o.state == optionalSet {
		return o.value
	}
	return def
}

// MarshalJSON writes the value, or null when there is none (a field with
// omitzero leaves an omitted Optional out).
func (o Optional[T]) MarshalJSON() ([]byte, error) { return marshalWire(&o) }

// UnmarshalJSON reads null as a null Optional and a value as a set one. (A
// member that is absent leaves it omitted.) The codec encodes and decodes
// an Optional itself (wkOptional): a method here is compiled once per
// instantiation.
func (o *Optional[T]) UnmarshalJSON(data []byte) error { return unmarshalWire(data, o) }
