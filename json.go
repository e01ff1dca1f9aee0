package pingone

import (
	"bytes"
	"errors"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unsafe"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// NOTES: PingOne responses are decoded leniently so that the SDK keeps working
// when the service changes: unknown members are kept (see the `,embed fields
// on the models), unknown enum values stay as strings, duplicate member names
// and invalid UTF-8 do not fail, and `null` decodes anywhere to the zero value.
//
// Decoding is done in two passes only when needed: the fast pass uses the
// package's default (strict about JSON types) options; when it reports a
// semantic error (a boolean sent as a string, a timestamp as epoch
// milliseconds, an object where a string was expected, ...) the value is
// reset and decoded again with unmarshalers that coerce or skip such scalars.
// The common case therefore pays nothing for the leniency.

// The option sets are assigned in init: they hold the codec's
// marshalers, whose code refers back to them.
var (
	fastDecodeOptions    json.Options
	lenientDecodeOptions json.Options
	encodeOptions        json.Options // requests to PingOne: secrets revealed
	// wireRevealOptions and wireRedactOptions are those of the codec's own
	// encoders (requests, and everything else); see wire.go.
	wireRevealOptions json.Options
	wireRedactOptions json.Options
	wireDecodeOpts    json.Options
)

func init() {
	fastDecodeOptions = json.JoinOptions(
		jsontext.AllowDuplicateNames(true),
		jsontext.AllowInvalidUTF8(true),
		json.WithUnmarshalers(wireUnmarshalers()),
	)
	lenientDecodeOptions = json.JoinOptions(
		fastDecodeOptions,
		json.WithUnmarshalers(json.JoinUnmarshalers(
			wireUnmarshalers(),
			json.UnmarshalFromFunc(lenientBool),
			json.UnmarshalFromFunc(lenientString),
			json.UnmarshalFromFunc(lenientInt),
			json.UnmarshalFromFunc(lenientInt64),
			json.UnmarshalFromFunc(lenientFloat64),
			json.UnmarshalFromFunc(lenientTime),
		)),
	)
	encodeOptions = json.JoinOptions(
		jsontext.AllowDuplicateNames(false),
		json.Deterministic(true),          // Extra maps encode in a stable order
		jsontext.PreserveRawStrings(true), // kept JSON (Extra, Raw) goes back as received
		// A kept member with invalid UTF-8 (accepted when decoding) goes
		// back as it came rather than failing the request.
		jsontext.AllowInvalidUTF8(true),
		json.WithMarshalers(json.JoinMarshalers(
			json.MarshalToFunc(encodeTime),
			// Requests carry secrets and passwords themselves.
			wireMarshalers(true),
		)),
	)
	wireOpts := func(reveal bool) json.Options {
		return json.JoinOptions(
			// The codec writes each name once; kept raw JSON goes back
			// as it came, duplicate names and invalid UTF-8 included.
			jsontext.AllowDuplicateNames(true),
			jsontext.AllowInvalidUTF8(true),
			jsontext.PreserveRawStrings(true),
			json.Deterministic(true),
			json.WithMarshalers(json.JoinMarshalers(
				json.MarshalToFunc(encodeTime),
				wireMarshalers(reveal),
			)),
		)
	}
	wireRevealOptions, wireRedactOptions = wireOpts(true), wireOpts(false)
	// The codec's decoder reads every valid JSON text.
	wireDecodeOpts = json.JoinOptions(
		jsontext.AllowDuplicateNames(true),
		jsontext.AllowInvalidUTF8(true),
	)
}

// decodeJSON decodes data into v (a non-nil pointer): with the wire codec
// when v is one of its types, else with decodeJSONOld.
func decodeJSON(data []byte, v any) error {
	if c, p, ok := wireTarget(v); ok {
		return wireDecodeBytes(data, c, p)
	}
	return decodeJSONOld(data, v)
}

// decodeJSONOld decodes data into v with go-json-experiment, first strictly
// and fast, then, on a semantic (type) error, leniently. (Families not yet
// converted to the wire codec.)
func decodeJSONOld(data []byte, v any) error {
	err := json.Unmarshal(data, v, fastDecodeOptions)
	if err == nil {
		return nil
	}
	var se *json.SemanticError
	if !errors.As(err, &se) {
		return err
	}
	return decodeLenient(data, v, func(data []byte, v any) error {
		return json.Unmarshal(data, v, lenientDecodeOptions)
	})
}

// decodeObject decodes raw into v with opts; on a semantic error it decodes
// again leniently, dropping odd values (see decodeLenient). Types that
// decode their members themselves use it, so that an odd value inside them
// costs that value and not the page around them.
//
// reset, when not nil, restores v to its empty state before each pass (the
// default zeroes it; a value holding embedded pointers needs them kept).
func decodeObject(raw []byte, v any, opts json.Options, reset func()) error {
	err := json.Unmarshal(raw, v, opts)
	var se *json.SemanticError
	if err == nil || !errors.As(err, &se) {
		return err
	}
	decode := func(data []byte, v any) error { return json.Unmarshal(data, v, lenientDecodeOptions) }
	if reset != nil {
		decode = func(data []byte, v any) error {
			reset()
			return json.Unmarshal(data, v, lenientDecodeOptions)
		}
	}
	return decodeLenient(raw, v, decode)
}

// maxPrunes bounds how many mismatched values decodeLenient drops.
const maxPrunes = 32

// decodeLenient runs decode (a lenient decode of data into v); while it
// still reports a semantic error at a JSON location (an object or array
// where the model has a scalar, or the reverse), the value there is
// replaced by null, which every field accepts, and decoding starts again.
// So one odd value costs that value, never the response.
func decodeLenient(data []byte, v any, decode func([]byte, any) error) error {
	var err error
	for range maxPrunes {
		resetValue(v) // decode may restore more (see decodeObject)
		err = decode(data, v)
		var se *json.SemanticError
		if err == nil || !errors.As(err, &se) || se.JSONPointer == "" {
			return err
		}
		pruned, ok := nullAt(data, se.JSONPointer)
		if !ok {
			return err
		}
		data = pruned
	}
	return err
}

func resetValue(v any) {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv.Elem().SetZero()
	}
}

// nullAt returns data with the value at ptr replaced by null.
func nullAt(data []byte, ptr jsontext.Pointer) ([]byte, bool) {
	var doc any
	if err := json.Unmarshal(data, &doc, fastDecodeOptions); err != nil {
		return nil, false
	}
	tokens := slices.Collect(ptr.Tokens())
	if len(tokens) == 0 {
		return nil, false
	}
	parent := doc
	for _, tok := range tokens[:len(tokens)-1] {
		switch p := parent.(type) {
		case map[string]any:
			parent = p[tok]
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(p) {
				return nil, false
			}
			parent = p[i]
		default:
			return nil, false
		}
	}
	last := tokens[len(tokens)-1]
	switch p := parent.(type) {
	case map[string]any:
		if _, ok := p[last]; !ok || p[last] == nil {
			return nil, false
		}
		p[last] = nil
	case []any:
		i, err := strconv.Atoi(last)
		if err != nil || i < 0 || i >= len(p) || p[i] == nil {
			return nil, false
		}
		p[i] = nil
	default:
		return nil, false
	}
	out, err := json.Marshal(doc)
	return out, err == nil
}

// encodeJSON encodes a request body (secrets revealed).
func encodeJSON(v any) ([]byte, error) {
	if c, p, ok := wireSource(v); ok {
		return wireEncodeBytes(c, p, true)
	}
	return json.Marshal(v, encodeOptions)
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

// skipMismatch consumes a value of an unexpected JSON kind, leaving the
// destination unchanged.
func skipMismatch(dec *jsontext.Decoder) error {
	return dec.SkipValue()
}

func lenientBool(dec *jsontext.Decoder, v *bool) error {
	switch dec.PeekKind() {
	case 't', 'f', 'n':
		return errors.ErrUnsupported
	case '"':
		tok, err := dec.ReadToken()
		if err != nil {
			return err
		}
		if b, err := strconv.ParseBool(strings.TrimSpace(tok.String())); err == nil {
			*v = b
		}
		return nil
	case '0':
		tok, err := dec.ReadToken()
		if err != nil {
			return err
		}
		f, _ := tok.Float()
		*v = f != 0
		return nil
	}
	return skipMismatch(dec)
}

func lenientString(dec *jsontext.Decoder, v *string) error {
	switch dec.PeekKind() {
	case '"', 'n':
		return errors.ErrUnsupported
	case '0', 't', 'f':
		val, err := dec.ReadValue()
		if err != nil {
			return err
		}
		*v = string(val)
		return nil
	}
	return skipMismatch(dec)
}

// lenientNumber reads a number, or a string holding a number.
func lenientNumber(dec *jsontext.Decoder) (float64, bool, error) {
	switch dec.PeekKind() {
	case '"':
		tok, err := dec.ReadToken()
		if err != nil {
			return 0, false, err
		}
		f, perr := strconv.ParseFloat(strings.TrimSpace(tok.String()), 64)
		return f, perr == nil, nil
	case '0':
		tok, err := dec.ReadToken()
		if err != nil {
			return 0, false, err
		}
		f, ferr := tok.Float()
		return f, ferr == nil, nil
	case 't', 'f':
		tok, err := dec.ReadToken()
		if err != nil {
			return 0, false, err
		}
		if tok.Bool() {
			return 1, true, nil
		}
		return 0, true, nil
	}
	return 0, false, skipMismatch(dec)
}

func lenientInt(dec *jsontext.Decoder, v *int) error {
	if dec.PeekKind() == 'n' {
		return errors.ErrUnsupported
	}
	f, ok, err := lenientNumber(dec)
	if ok {
		*v = int(f)
	}
	return err
}

func lenientInt64(dec *jsontext.Decoder, v *int64) error {
	if dec.PeekKind() == 'n' {
		return errors.ErrUnsupported
	}
	f, ok, err := lenientNumber(dec)
	if ok {
		*v = int64(f)
	}
	return err
}

func lenientFloat64(dec *jsontext.Decoder, v *float64) error {
	if dec.PeekKind() == 'n' {
		return errors.ErrUnsupported
	}
	f, ok, err := lenientNumber(dec)
	if ok {
		*v = f
	}
	return err
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

func lenientTime(dec *jsontext.Decoder, v *time.Time) error {
	switch dec.PeekKind() {
	case 'n':
		return errors.ErrUnsupported
	case '"':
		tok, err := dec.ReadToken()
		if err != nil {
			return err
		}
		if t, ok := parseTimestamp(tok.String()); ok {
			*v = t
		}
		return nil
	case '0':
		tok, err := dec.ReadToken()
		if err != nil {
			return err
		}
		if f, ferr := tok.Float(); ferr == nil {
			*v = epochTime(f)
		}
		return nil
	}
	return skipMismatch(dec)
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
