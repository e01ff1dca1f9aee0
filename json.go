package pingone

import (
	"bytes"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unsafe"

	"github.com/go-json-experiment/json/jsontext"
)

// NOTES: PingOne responses are decoded by the wire codec (wire.go), in one
// lenient pass: unknown members are kept, unknown enum values stay as
// strings, duplicate member names and invalid UTF-8 do not fail, and a value
// of an unexpected JSON type is coerced or left zero (and remembered), never
// failing the response. go-json-experiment's jsontext is the codec's
// tokenizer; what the codec does not plan itself (a value of a type that is
// not one of the SDK's models, see decodeJSON and wkFallback) is decoded,
// strictly, by encoding/json, whose decoder hands the models it meets back
// to the codec through their UnmarshalJSON. Programs using the SDK thus link
// jsontext, not go-json-experiment's json package.

// The jsontext options of the codec's decoder and encoders.
var (
	// wireDecodeOpts: the codec's decoder reads every valid JSON text.
	wireDecodeOpts = []jsontext.Options{
		jsontext.AllowDuplicateNames(true),
		jsontext.AllowInvalidUTF8(true),
	}
	// wireEncodeOpts: the codec writes each name once; kept raw JSON goes
	// back as it came, duplicate names and invalid UTF-8 included.
	wireEncodeOpts = []jsontext.Options{
		jsontext.AllowDuplicateNames(true),
		jsontext.AllowInvalidUTF8(true),
		jsontext.PreserveRawStrings(true),
	}
)

// decodeJSON decodes data into v (a non-nil pointer) with the wire codec
// when v is one of its types, else strictly with encoding/json (the SDK
// decodes every response body into a codec type; this is for the rest).
func decodeJSON(data []byte, v any) error {
	if c, p, ok := wireTarget(v); ok {
		return wireDecodeBytes(data, c, p)
	}
	return fallbackDecode(data, v)
}

// encodeJSON encodes a request body (secrets revealed) with the wire codec,
// which plans any struct; what it does not plan goes to encoding/json.
func encodeJSON(v any) ([]byte, error) {
	if c, p, ok := wireSource(v); ok {
		return wireEncodeBytes(c, p, true)
	}
	rv := reflect.ValueOf(v)
	if !rv.IsValid() {
		return []byte("null"), nil
	}
	cp := reflect.New(rv.Type())
	cp.Elem().Set(rv)
	return wireEncodeBytes(codecFor(rv.Type()), cp.UnsafePointer(), true)
}

// encodeTime writes timestamps as PingOne does: UTC with milliseconds
// (2021-02-25T23:51:49.790Z), or with full precision when finer.
func encodeTime(enc *jsontext.Encoder, t time.Time) error {
	var buf [64]byte
	return enc.WriteToken(jsontext.String(string(appendTime(buf[:0], t))))
}

func appendTime(dst []byte, t time.Time) []byte {
	t = t.UTC()
	layout := "2006-01-02T15:04:05.000Z07:00"
	if t.Nanosecond()%int(time.Millisecond) != 0 {
		layout = time.RFC3339Nano
	}
	return t.AppendFormat(dst, layout)
}

// timeLayouts are the timestamp shapes accepted besides RFC 3339.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02",
}

// parseTimestamp parses the timestamp shapes PingOne has been seen to use.
func parseTimestamp(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return epochTime(float64(n)), true
	}
	return time.Time{}, false
}

// epochTime reads a number as epoch milliseconds when it is too large to be
// seconds (any time after 1973 in milliseconds), else as epoch seconds.
func epochTime(f float64) time.Time {
	if f > 1e11 || f < -1e11 {
		return time.UnixMilli(int64(f)).UTC()
	}
	sec := int64(f)
	return time.Unix(sec, int64((f-float64(sec))*1e9)).UTC()
}

// requestFrom builds the write request of a resource read from PingOne, for
// a read-modify-replace: every member the resource had goes into the
// request, zero values, values of an unexpected JSON type and members this
// version does not know included (the request keeps them in its Extra, and
// sends them back as they came), except "_links", "_embedded" and the
// read-only members named in readOnly. Since PingOne's PUT clears whatever
// the request omits, this is what keeps a Replace from wiping settings the
// SDK does not model.
func requestFrom[Req, Model any](m *Model, readOnly ...string) Req {
	var req Req
	if m == nil {
		return req
	}
	// Revealed: the secrets a resource holds go into the request, whose
	// Secret fields keep them redacted everywhere but on the way to
	// PingOne.
	body, err := wireEncodeBytes(codecOf[Model](), unsafe.Pointer(m), true)
	if err != nil {
		return req
	}
	dec := jsontext.NewDecoder(bytes.NewReader(body), jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
	var out bytes.Buffer
	enc := jsontext.NewEncoder(&out, jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true), jsontext.PreserveRawStrings(true))
	if tok, err := dec.ReadToken(); err != nil || tok.Kind() != '{' || enc.WriteToken(jsontext.BeginObject) != nil {
		return req
	}
	for dec.PeekKind() == '"' {
		tok, err := dec.ReadToken()
		if err != nil {
			return req
		}
		name := tok.String() // the token is only valid until the next read
		value, err := dec.ReadValue()
		if err != nil {
			return req
		}
		if name == "_links" || name == "_embedded" || slices.Contains(readOnly, name) {
			continue
		}
		if enc.WriteToken(jsontext.String(name)) != nil || enc.WriteValue(value) != nil {
			return req
		}
	}
	if enc.WriteToken(jsontext.EndObject) != nil {
		return req
	}
	_ = unmarshalWire(out.Bytes(), &req)
	return req
}
