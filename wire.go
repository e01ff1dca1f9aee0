package pingone

//go:generate go run ./internal/cmd/wiregen

import (
	"bytes"
	"encoding/base64"
	stdjson "encoding/json"
	"errors"
	"hash/maphash"
	"io"
	"maps"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"github.com/go-json-experiment/json/jsontext"
)

// NOTES: the wire codec is the SDK's own JSON encoding of its models. It
// exists so that a decoded resource encodes back to what PingOne sent, in the
// SDK and through encoding/json or go-json-experiment alike:
//
//   - Presence. Every model struct has an unexported field of type wireMeta.
//     Its bits record, per field, where the decoded value departs from the
//     rule of a value built by hand (omitzero fields written when not zero,
//     the others always): an omitzero field whose member was present is
//     written whatever its value ("mfaEnabled": false, or a field the caller
//     set to zero since), and a field without omitzero whose member was
//     absent is left out while it is zero. (A decoded model therefore does
//     not compare equal to one built by hand; a Ref decoded from {"id": …}
//     does.)
//   - Odd values. A member whose JSON type does not fit its field is coerced
//     when a coercion is defined ("true" for a bool, 12 for a string) or left
//     zero, and never fails the decoding. The member's raw JSON is kept in a
//     side table with what the field then encoded to; encoding writes the raw
//     JSON again while the field still encodes the same, and the field once
//     the caller changed it. null, a timestamp in another layout and a
//     string with invalid UTF-8 are kept the same way.
//   - Unknown members go to the struct's Extra map (tag `json:",embed"`),
//     written back after the fields in sorted order.
//   - Secrets. Secret, InitialPassword and SetPasswordRequest are written as
//     themselves only by the SDK's request encoder (wireEncoder.reveal);
//     every other encoding redacts them, and a raw original of a field that
//     holds a secret is never written outside requests.
//
// The codec plans models (structs with a wireMeta field) and Optional
// itself; special types (Secret, Links, the password requests, the
// polymorphic models) implement wireEncodable and wireDecodable with
// pointer receivers, by hand. (No method per model or per Optional
// instantiation: each would be compiled into every program.) The methods
// are unexported so no type of go-json-experiment shows in the API;
// MarshalJSON and UnmarshalJSON (generated for models in wire_methods.go
// by internal/cmd/wiregen) make the models work with encoding/json, which
// go-json-experiment honours too.
// The codec also encodes other structs (request bodies built in the SDK),
// field by field as go-json-experiment would, so that a model inside one
// is written by the codec in the same mode; it leaves their decoding, and
// what it does not plan at all, to encoding/json (see wkFallback).
//
// Decoding is one pass over the body with jsontext.Decoder, reading scalars
// with ReadValue (no copy) and fields by offset; it allocates only what the
// result keeps.

// wireMeta is what a decoded model remembers of the JSON it came from.
type wireMeta struct {
	// bits has one bit per field (the first 64; see wireSide.more): for a
	// field with omitzero, the member was present (write it even when
	// zero); for a field without, it was absent (leave it out while zero).
	bits uint64
	side *wireSide
}

// wireSide holds what few decoded values need.
type wireSide struct {
	more []uint64  // bits of fields 64 and up
	odd  []wireOdd // members whose raw JSON is kept
	self *wireOdd  // the whole value, when it arrived as something else than an object
}

// wireOdd is one member's raw JSON as received, and the JSON the field it
// decoded to encoded to then.
type wireOdd struct {
	field int
	raw   []byte
	as    []byte
}

func (m *wireMeta) has(i int) bool {
	if i < 64 {
		return m.bits&(1<<i) != 0
	}
	if m.side == nil {
		return false
	}
	w := i/64 - 1
	return w < len(m.side.more) && m.side.more[w]&(1<<(i%64)) != 0
}

func (m *wireMeta) sideTable() *wireSide {
	if m.side == nil {
		m.side = &wireSide{}
	}
	return m.side
}

// forget drops the raw original of field i (a duplicate member follows;
// the bits are set once the object is read).
func (m *wireMeta) forget(i int) {
	if m.side != nil {
		m.side.odd = slices.DeleteFunc(m.side.odd, func(o wireOdd) bool { return o.field == i })
	}
}

func (m *wireMeta) odd(i int) *wireOdd {
	if m == nil || m.side == nil {
		return nil
	}
	for k := range m.side.odd {
		if m.side.odd[k].field == i {
			return &m.side.odd[k]
		}
	}
	return nil
}

// wireBits is a set of field indexes.
type wireBits struct {
	lo uint64
	hi []uint64
}

func (b *wireBits) has(i int) bool {
	if i < 64 {
		return b.lo&(1<<i) != 0
	}
	w := i/64 - 1
	return w < len(b.hi) && b.hi[w]&(1<<(i%64)) != 0
}

func (b *wireBits) set(i int) {
	if i < 64 {
		b.lo |= 1 << i
		return
	}
	w := i/64 - 1
	for len(b.hi) <= w {
		b.hi = append(b.hi, 0)
	}
	b.hi[w] |= 1 << (i % 64)
}

func (b *wireBits) word(w int) uint64 {
	if w == 0 {
		return b.lo
	}
	if w-1 < len(b.hi) {
		return b.hi[w-1]
	}
	return 0
}

// ---- the interfaces the codec recognises ----

// wireEncodable and wireDecodable are implemented, with pointer receivers,
// by every type the codec encodes or decodes itself.
type wireEncodable interface {
	encodeWire(e *wireEncoder) error
}

type wireDecodable interface {
	decodeWire(d *wireDecoder) error
}

// wireSecret marks a type holding a secret: outside requests its raw
// originals are never written.
type wireSecret interface{ wireSecret() }

// ---- codecs ----

type wireKind uint8

const (
	// wkFallback is a type the codec does not plan: decoded strictly by
	// encoding/json (or its UnmarshalJSONFrom method), encoded by its
	// MarshalJSONTo method or encoding/json.
	wkFallback wireKind = iota
	wkString
	wkBool
	wkInt
	wkUint
	wkFloat
	wkTime
	wkStruct
	wkPtr
	wkSlice
	wkMap
	wkRaw
	wkHook
	wkPlain // a struct that is not a model: encoded by its plan, decoded as wkFallback
	// wkOptional is an Optional: elem is its value's codec, at offset 0,
	// and its state is at stateOff. (Handled here rather than by methods
	// of Optional: methods are compiled once per instantiation.)
	wkOptional
)

// wireCodec encodes and decodes one Go type.
type wireCodec struct {
	typ       reflect.Type
	kind      wireKind
	elem      *wireCodec // pointer, slice and map elements
	plan      *wirePlan  // structs
	takesNull bool       // null goes to the decoder of the type, not to the zero value
	secret    bool       // holds a secret
	zeroer    bool       // has an IsZero method
	hookDec   bool       // a special type that decodes itself
	stateOff  uintptr    // an Optional's state
	err       error      // why a struct could not be planned (then it falls back)
}

// wirePlan is the layout of a model struct.
type wirePlan struct {
	codec    *wireCodec // the struct's
	fields   []wireField
	byName   map[string]int
	hasMeta  bool
	metaOff  uintptr
	hasExtra bool
	extraOff uintptr
	nonOmit  wireBits // fields without omitzero
}

type wireField struct {
	name     string
	off      uintptr
	omitzero bool
	codec    *wireCodec
}

var (
	wireMetaType      = reflect.TypeFor[wireMeta]()
	rawMessageType    = reflect.TypeFor[stdjson.RawMessage]()
	jsontextValueType = reflect.TypeFor[jsontext.Value]()
	timeType          = reflect.TypeFor[time.Time]()
	wireEncodableType = reflect.TypeFor[wireEncodable]()
	wireDecodableType = reflect.TypeFor[wireDecodable]()
	wireSecretType    = reflect.TypeFor[wireSecret]()
	optionalPkgPath   = reflect.TypeFor[optionalState]().PkgPath()
	zeroerType        = reflect.TypeFor[interface{ IsZero() bool }]()
	jsonMethodTypes   = []reflect.Type{
		reflect.TypeFor[stdjson.Marshaler](),
		reflect.TypeFor[jsonMarshalerTo](),
		reflect.TypeFor[stdjson.Unmarshaler](),
		reflect.TypeFor[jsonUnmarshalerFrom](),
		reflect.TypeFor[interface{ MarshalText() ([]byte, error) }](),
		reflect.TypeFor[interface{ UnmarshalText([]byte) error }](),
	}
)

// jsonMarshalerTo and jsonUnmarshalerFrom are go-json-experiment's
// MarshalerTo and UnmarshalerFrom (declared here: the SDK does not link
// its json package).
type (
	jsonMarshalerTo     interface{ MarshalJSONTo(*jsontext.Encoder) error }
	jsonUnmarshalerFrom interface{ UnmarshalJSONFrom(*jsontext.Decoder) error }
)

var (
	wireCodecs  sync.Map // reflect.Type → *wireCodec
	wireBuildMu sync.Mutex
)

// codecFor returns the codec of t, built once.
func codecFor(t reflect.Type) *wireCodec {
	if c, ok := wireCodecs.Load(t); ok {
		return c.(*wireCodec)
	}
	wireBuildMu.Lock()
	defer wireBuildMu.Unlock()
	building := map[reflect.Type]*wireCodec{}
	c := buildCodec(t, building)
	for bt, bc := range building {
		wireCodecs.Store(bt, bc)
	}
	return c
}

func codecOf[T any]() *wireCodec { return codecFor(reflect.TypeFor[T]()) }

func buildCodec(t reflect.Type, building map[reflect.Type]*wireCodec) *wireCodec {
	if c, ok := wireCodecs.Load(t); ok {
		return c.(*wireCodec)
	}
	if c, ok := building[t]; ok {
		return c // a recursive type: filled in below
	}
	c := &wireCodec{typ: t}
	building[t] = c
	pt := reflect.PointerTo(t)
	c.secret = sensitiveType(t, map[reflect.Type]bool{})
	c.zeroer = t.Implements(zeroerType) || pt.Implements(zeroerType)
	switch {
	case t == timeType:
		c.kind = wkTime
	case t == rawMessageType || t == jsontextValueType:
		c.kind, c.takesNull = wkRaw, true
	case t.Kind() == reflect.Struct && hasWireMeta(t):
		c.kind = wkStruct
		c.plan, c.err = buildPlan(t, building)
		if c.err != nil {
			c.kind, c.plan = wkFallback, nil
		} else {
			c.plan.codec = c
		}
	case isOptionalType(t):
		c.kind, c.takesNull = wkOptional, true
		c.elem = buildCodec(t.Field(0).Type, building)
		c.stateOff = t.Field(1).Offset
	case pt.Implements(wireEncodableType):
		c.kind = wkHook
		c.hookDec = pt.Implements(wireDecodableType)
	case t.Kind() != reflect.Pointer && hasJSONMethods(t):
		// (A pointer's methods are its element's: the element decides.)
		c.kind = wkFallback
	case t.Kind() == reflect.Struct:
		c.kind = wkPlain
		c.plan, c.err = buildPlan(t, building)
		if c.err != nil {
			c.kind, c.plan = wkFallback, nil
		} else {
			c.plan.codec = c
		}
	default:
		switch t.Kind() {
		case reflect.String:
			c.kind = wkString
		case reflect.Bool:
			c.kind = wkBool
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			c.kind = wkInt
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			c.kind = wkUint
		case reflect.Float32, reflect.Float64:
			c.kind = wkFloat
		case reflect.Pointer:
			c.kind, c.elem = wkPtr, buildCodec(t.Elem(), building)
		case reflect.Slice:
			if t.Elem().Kind() != reflect.Uint8 { // []byte is base64: go-json-experiment
				c.kind, c.elem = wkSlice, buildCodec(t.Elem(), building)
			}
		case reflect.Map:
			if t.Key().Kind() == reflect.String && !hasJSONMethods(t.Key()) {
				c.kind, c.elem = wkMap, buildCodec(t.Elem(), building)
			}
		}
	}
	return c
}

// isOptionalType reports whether t is an instantiation of Optional.
func isOptionalType(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && t.PkgPath() == optionalPkgPath &&
		strings.HasPrefix(t.Name(), "Optional[") && t.NumField() == 2 &&
		t.Field(0).Offset == 0 && t.Field(1).Type == reflect.TypeFor[optionalState]()
}

func hasWireMeta(t reflect.Type) bool {
	for f := range t.Fields() {
		if f.Type == wireMetaType {
			return true
		}
	}
	return false
}

func hasJSONMethods(t reflect.Type) bool {
	pt := reflect.PointerTo(t)
	for _, m := range jsonMethodTypes {
		if t.Implements(m) || pt.Implements(m) {
			return true
		}
	}
	return false
}

// sensitiveType reports whether values of t can hold a secret.
func sensitiveType(t reflect.Type, seen map[reflect.Type]bool) bool {
	if seen[t] {
		return false
	}
	seen[t] = true
	if t.Implements(wireSecretType) || reflect.PointerTo(t).Implements(wireSecretType) {
		return true
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
		return sensitiveType(t.Elem(), seen)
	case reflect.Struct:
		for f := range t.Fields() {
			if sensitiveType(f.Type, seen) {
				return true
			}
		}
	}
	return false
}

// wireFieldInfo is a candidate field while a plan is built.
type wireFieldInfo struct {
	name     string
	off      uintptr
	typ      reflect.Type
	omitzero bool
	tagged   bool
	depth    int
}

// buildPlan lays out a model struct: its fields by JSON name (embedded
// structs without a name flattened, as encoding/json does), its wireMeta
// and its Extra map.
func buildPlan(t reflect.Type, building map[reflect.Type]*wireCodec) (*wirePlan, error) {
	pl := &wirePlan{}
	var infos []wireFieldInfo
	metaDepth, extraDepth := -1, -1
	var walk func(t reflect.Type, off uintptr, depth int, seen map[reflect.Type]bool) error
	walk = func(t reflect.Type, off uintptr, depth int, seen map[reflect.Type]bool) error {
		if seen[t] {
			return errors.New("pingone: recursive embedding in " + t.String())
		}
		seen[t] = true
		defer delete(seen, t)
		for sf := range t.Fields() {
			if sf.Type == wireMetaType {
				if metaDepth < 0 || depth < metaDepth {
					pl.hasMeta, pl.metaOff, metaDepth = true, off+sf.Offset, depth
				}
				continue
			}
			tag, hasTag := sf.Tag.Lookup("json")
			if tag == "-" {
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			var omitzero, embed bool
			for o := range strings.SplitSeq(opts, ",") {
				switch o {
				case "":
				case "omitzero":
					omitzero = true
				case "embed", "inline":
					embed = true
				default:
					return errors.New("pingone: unsupported JSON option " + o + " on " + t.String() + "." + sf.Name)
				}
			}
			if embed {
				if sf.Type != rawMessageType && sf.Type.Kind() == reflect.Map && sf.Type.Key().Kind() == reflect.String && sf.Type.Elem() == rawMessageType {
					if extraDepth < 0 || depth < extraDepth {
						pl.hasExtra, pl.extraOff, extraDepth = true, off+sf.Offset, depth
					}
					continue
				}
				return errors.New("pingone: " + t.String() + "." + sf.Name + ": unknown members go to a map[string]json.RawMessage")
			}
			if sf.Anonymous && name == "" {
				ft := sf.Type
				if ft.Kind() == reflect.Struct {
					if err := walk(ft, off+sf.Offset, depth+1, seen); err != nil {
						return err
					}
					continue
				}
				if ft.Kind() == reflect.Pointer {
					return errors.New("pingone: embedded pointer " + sf.Name + " in " + t.String())
				}
			}
			if !sf.IsExported() {
				continue
			}
			if name == "" {
				name = sf.Name
			}
			infos = append(infos, wireFieldInfo{name: name, off: off + sf.Offset, typ: sf.Type, omitzero: omitzero, tagged: hasTag && tag != "" && !strings.HasPrefix(tag, ","), depth: depth})
		}
		return nil
	}
	if err := walk(t, 0, 0, map[reflect.Type]bool{}); err != nil {
		return nil, err
	}
	// Resolve names as encoding/json does: the shallowest field wins, then
	// a tagged one; otherwise the name is dropped.
	keep := make([]bool, len(infos))
	byName := map[string][]int{}
	for i, fi := range infos {
		byName[fi.name] = append(byName[fi.name], i)
	}
	for _, idx := range byName {
		best := -1
		ambiguous := false
		for _, i := range idx {
			switch {
			case best < 0 || infos[i].depth < infos[best].depth:
				best, ambiguous = i, false
			case infos[i].depth == infos[best].depth:
				switch {
				case infos[i].tagged && !infos[best].tagged:
					best, ambiguous = i, false
				case infos[i].tagged == infos[best].tagged:
					ambiguous = true
				}
			}
		}
		if !ambiguous {
			keep[best] = true
		}
	}
	pl.byName = map[string]int{}
	for i, fi := range infos {
		if !keep[i] {
			continue
		}
		n := len(pl.fields)
		pl.byName[fi.name] = n
		if !fi.omitzero {
			pl.nonOmit.set(n)
		}
		pl.fields = append(pl.fields, wireField{name: fi.name, off: fi.off, omitzero: fi.omitzero, codec: buildCodec(fi.typ, building)})
	}
	return pl, nil
}

// isZero reports whether the value at p is zero as omitzero sees it: its
// IsZero method, else the Go zero value.
func (c *wireCodec) isZero(p unsafe.Pointer) bool {
	if c.kind == wkOptional {
		return c.optionalState(p) == optionalOmitted
	}
	if c.zeroer {
		return reflect.NewAt(c.typ, p).Interface().(interface{ IsZero() bool }).IsZero()
	}
	switch c.kind {
	case wkString:
		return len(*(*string)(p)) == 0
	case wkBool:
		return !*(*bool)(p)
	case wkInt, wkUint, wkFloat:
		switch c.typ.Size() {
		case 1:
			return *(*uint8)(p) == 0
		case 2:
			return *(*uint16)(p) == 0
		case 4:
			return *(*uint32)(p) == 0
		default:
			return *(*uint64)(p) == 0
		}
	case wkPtr, wkMap, wkSlice:
		return *(*unsafe.Pointer)(p) == nil
	case wkRaw:
		return len(*(*[]byte)(p)) == 0
	case wkStruct, wkPlain:
		return c.plan.isZero(p)
	}
	return reflect.NewAt(c.typ, p).Elem().IsZero()
}

// optionalState returns the state of the Optional at p.
func (c *wireCodec) optionalState(p unsafe.Pointer) optionalState {
	return *(*optionalState)(unsafe.Add(p, c.stateOff))
}

// isZero reports whether the model at p is its Go zero value.
func (pl *wirePlan) isZero(p unsafe.Pointer) bool {
	if pl.hasMeta && *(*wireMeta)(unsafe.Add(p, pl.metaOff)) != (wireMeta{}) {
		return false
	}
	if pl.extra(p) != nil {
		return false
	}
	for i := range pl.fields {
		if !pl.fields[i].codec.isZero(unsafe.Add(p, pl.fields[i].off)) {
			return false
		}
	}
	return true
}

func (c *wireCodec) zero(p unsafe.Pointer) {
	switch c.kind {
	case wkString:
		*(*string)(p) = ""
	case wkBool:
		*(*bool)(p) = false
	default:
		reflect.NewAt(c.typ, p).Elem().SetZero()
	}
}

// ---- decoding ----

// wireDecoder reads one JSON text held in memory.
type wireDecoder struct {
	dec  *jsontext.Decoder
	rbuf bytes.Buffer
	src  []byte // what dec reads: raw originals are sliced from it
	unq  []byte // scratch for unquoting
	odd  bool   // the value just decoded did not fit its type
	lost bool   // and could not be coerced: it was left zero
	// strs holds recent short strings: a page repeats many values (IDs of
	// the environment and population, statuses, locales), which then
	// share one allocation.
	strs *[wireStrSets][2]string
}

const wireStrSets = 256

// str returns b as a string, shared with an equal recent one when short.
// The cache is two-way (the most recent first), so two frequent values
// that hash alike do not evict each other at every use.
func (d *wireDecoder) str(b []byte) string {
	if len(b) < 2 || len(b) > 64 {
		return string(b)
	}
	if d.strs == nil {
		d.strs = new([wireStrSets][2]string)
	}
	set := &d.strs[maphash.Bytes(wireStrSeed, b)%wireStrSets]
	switch {
	case set[0] == string(b):
		return set[0]
	case set[1] == string(b):
		set[0], set[1] = set[1], set[0]
		return set[0]
	}
	set[1], set[0] = set[0], string(b)
	return set[0]
}

var wireStrSeed = maphash.MakeSeed()

var wireDecoderPool sync.Pool

func getWireDecoder(src []byte) *wireDecoder {
	d, _ := wireDecoderPool.Get().(*wireDecoder)
	if d == nil {
		d = &wireDecoder{dec: jsontext.NewDecoder(bytes.NewReader(nil))}
	}
	d.src = src
	d.rbuf = *bytes.NewBuffer(src) // read in place, without copying
	d.dec.Reset(&d.rbuf, wireDecodeOpts...)
	d.odd, d.lost = false, false
	return d
}

func putWireDecoder(d *wireDecoder) {
	d.src, d.rbuf = nil, bytes.Buffer{}
	d.dec.Reset(&d.rbuf)
	if cap(d.unq) > 64<<10 {
		d.unq = nil
	}
	wireDecoderPool.Put(d)
}

// wireDecodeBytes decodes the JSON text data into the value at p.
func wireDecodeBytes(data []byte, c *wireCodec, p unsafe.Pointer) error {
	d := getWireDecoder(data)
	defer putWireDecoder(d)
	if err := d.top(c, p); err != nil {
		return err
	}
	switch _, err := d.dec.ReadValue(); err {
	case io.EOF:
		return nil
	case nil:
		return errors.New("pingone: more than one JSON value")
	default:
		return err
	}
}

// wireAt returns the codec of the value v points to, and its address. The
// helpers below take the pointer as an interface, not a type parameter:
// instantiated for every model, they made up a third of the functions the
// package compiles.
func wireAt(v any) (*wireCodec, unsafe.Pointer) {
	rv := reflect.ValueOf(v) // a non-nil pointer
	return codecFor(rv.Type().Elem()), rv.UnsafePointer()
}

// unmarshalWire decodes data into the value v points to.
func unmarshalWire(data []byte, v any) error {
	c, p := wireAt(v)
	return wireDecodeBytes(data, c, p)
}

// decodeWireModel decodes a model where a value starts (a special type's
// member, or UnmarshalJSON).
func decodeWireModel(d *wireDecoder, v any) error {
	c, p := wireAt(v)
	return d.top(c, p)
}

// decodeWireValue decodes the next value into v as a member would be: a
// value that does not fit marks the enclosing member odd.
func decodeWireValue(d *wireDecoder, v any) error {
	c, p := wireAt(v)
	return d.value(c, p)
}

// optional decodes an Optional: null makes it null, a value sets it, and a
// value that cannot be coerced leaves it omitted.
func (d *wireDecoder) optional(c *wireCodec, p unsafe.Pointer) error {
	state := (*optionalState)(unsafe.Add(p, c.stateOff))
	if d.peek() == 'n' {
		if _, err := d.readValue(); err != nil {
			return err
		}
		c.elem.zero(p)
		*state = optionalNull
		return nil
	}
	// Decoded in place.
	c.elem.zero(p)
	*state = optionalSet
	lost := d.lost
	d.lost = false
	if err := d.value(c.elem, p); err != nil {
		return err
	}
	if d.lost {
		c.elem.zero(p) // could not be coerced: left omitted
		*state = optionalOmitted
	}
	d.lost = d.lost || lost
	return nil
}

// top decodes a whole value (a body, or what UnmarshalJSON is given),
// replacing what p held. A model that arrives as something else than an
// object keeps it as its own raw original; null changes nothing.
func (d *wireDecoder) top(c *wireCodec, p unsafe.Pointer) error {
	k := d.dec.PeekKind()
	if k == 'n' && !c.takesNull {
		_, err := d.dec.ReadValue()
		return err
	}
	c.zero(p)
	if c.kind == wkStruct && k != '{' {
		raw, err := d.dec.ReadValue()
		if err != nil {
			return err
		}
		if c.plan.hasMeta {
			raw = bytes.Clone(raw)
			as, _ := encodeScratch(c, p, false)
			m := (*wireMeta)(unsafe.Add(p, c.plan.metaOff))
			m.sideTable().self = &wireOdd{field: -1, raw: raw, as: as}
		}
		return nil
	}
	saved, savedLost := d.odd, d.lost
	err := d.value(c, p)
	d.odd, d.lost = saved, savedLost
	return err
}

// value decodes the next value into p, setting d.odd when it did not fit.
func (d *wireDecoder) value(c *wireCodec, p unsafe.Pointer) error {
	switch c.kind {
	case wkStruct, wkHook, wkPtr, wkSlice, wkMap, wkOptional:
		if !c.takesNull && d.dec.PeekKind() == 'n' {
			return d.null(c, p)
		}
		switch c.kind {
		case wkStruct:
			return d.object(c.plan, p)
		case wkHook:
			if c.hookDec {
				return reflect.NewAt(c.typ, p).Interface().(wireDecodable).decodeWire(d)
			}
		case wkOptional:
			return d.optional(c, p)
		case wkPtr:
			return d.pointer(c, p)
		case wkSlice:
			return d.slice(c, p)
		case wkMap:
			return d.mapping(c, p)
		}
	}
	raw, err := d.dec.ReadValue()
	if err != nil {
		return err
	}
	if raw[0] == 'n' && !c.takesNull {
		c.zero(p)
		d.odd, d.lost = true, true
		return nil
	}
	switch c.kind {
	case wkString:
		d.setString(raw, p)
	case wkBool:
		d.setBool(raw, p)
	case wkInt:
		d.setInt(c, raw, p)
	case wkUint:
		d.setUint(c, raw, p)
	case wkFloat:
		d.setFloat(c, raw, p)
	case wkTime:
		d.setTime(raw, p)
	case wkRaw:
		*(*[]byte)(p) = bytes.Clone(raw)
	default: // wkFallback, wkPlain, or a special type that only encodes itself
		// Strictly: a value that does not fit is left zero and kept raw,
		// like any other odd value.
		if fallbackDecode(raw, reflect.NewAt(c.typ, p).Interface()) != nil {
			c.zero(p)
			d.odd, d.lost = true, true
		}
	}
	return nil
}

// null reads a null where a value of c belongs: the zero value, odd.
func (d *wireDecoder) null(c *wireCodec, p unsafe.Pointer) error {
	if _, err := d.dec.ReadValue(); err != nil {
		return err
	}
	c.zero(p)
	d.odd, d.lost = true, true
	return nil
}

// name reads a member name, unquoted. The bytes are valid until the next
// read.
func (d *wireDecoder) name() ([]byte, error) {
	raw, err := d.dec.ReadValue()
	if err != nil {
		return nil, err
	}
	s := raw[1 : len(raw)-1]
	if bytes.IndexByte(s, '\\') < 0 {
		return s, nil
	}
	d.unq = appendUnquoteKeep(d.unq[:0], s)
	return d.unq, nil
}

// appendUnquoteKeep appends the unescaped content of a JSON string (s, read
// by the decoder, so well formed), leaving invalid UTF-8 as it is.
func appendUnquoteKeep(dst, s []byte) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			dst = append(dst, c)
			continue
		}
		i++
		switch s[i] {
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			r, n := hexRune(s[i+1:])
			i += n
			if utf16.IsSurrogate(r) {
				if len(s) > i+2 && s[i+1] == '\\' && s[i+2] == 'u' {
					if r2, n2 := hexRune(s[i+3:]); utf16.DecodeRune(r, r2) != utf8.RuneError {
						r = utf16.DecodeRune(r, r2)
						i += 2 + n2
					} else {
						r = utf8.RuneError
					}
				} else {
					r = utf8.RuneError
				}
			}
			dst = utf8.AppendRune(dst, r)
		default: // " \ /
			dst = append(dst, s[i])
		}
	}
	return dst
}

// hexRune reads the four hex digits of a \u escape.
func hexRune(b []byte) (rune, int) {
	if len(b) < 4 {
		return utf8.RuneError, len(b)
	}
	n, err := strconv.ParseUint(unsafeString(b[:4]), 16, 32)
	if err != nil {
		return utf8.RuneError, 4
	}
	return rune(n), 4
}

// stringOf unquotes a raw JSON string; ok is false when it held invalid
// UTF-8 (mangled in s).
func (d *wireDecoder) stringOf(raw []byte) (s string, ok bool) {
	in := raw[1 : len(raw)-1]
	if bytes.IndexByte(in, '\\') < 0 && utf8.Valid(in) {
		return d.str(in), true
	}
	var err error
	d.unq, err = jsontext.AppendUnquote(d.unq[:0], raw)
	return d.str(d.unq), err == nil
}

func (d *wireDecoder) object(pl *wirePlan, base unsafe.Pointer) error {
	if d.dec.PeekKind() != '{' {
		if _, err := d.dec.ReadValue(); err != nil {
			return err
		}
		d.odd, d.lost = true, true
		return nil
	}
	if _, err := d.dec.ReadToken(); err != nil {
		return err
	}
	saved, savedLost := d.odd, d.lost
	var meta *wireMeta
	if pl.hasMeta {
		meta = (*wireMeta)(unsafe.Add(base, pl.metaOff))
	}
	var seen wireBits
	for d.dec.PeekKind() != '}' {
		name, err := d.name()
		if err != nil {
			return err
		}
		i, ok := pl.byName[string(name)]
		if !ok {
			if err := d.extra(pl, base, name); err != nil {
				return err
			}
			continue
		}
		f := &pl.fields[i]
		fp := unsafe.Add(base, f.off)
		if seen.has(i) { // a duplicate name: the last member wins
			f.codec.zero(fp)
			if meta != nil {
				meta.forget(i)
			}
		}
		seen.set(i)
		start := d.dec.InputOffset()
		d.odd, d.lost = false, false
		if err := d.value(f.codec, fp); err != nil {
			return err
		}
		if d.odd {
			d.odd, d.lost = false, false
			if meta != nil {
				raw := bytes.TrimLeft(d.src[start:d.dec.InputOffset()], " \t\r\n:")
				as, _ := encodeScratch(f.codec, fp, true)
				s := meta.sideTable()
				s.odd = append(s.odd, wireOdd{field: i, raw: bytes.Clone(raw), as: as})
			}
		}
	}
	if _, err := d.dec.ReadToken(); err != nil {
		return err
	}
	if meta != nil {
		// Present omitzero fields and absent others: seen XOR nonOmit.
		meta.bits = seen.lo ^ pl.nonOmit.lo
		for w := range pl.nonOmit.hi {
			if bits := seen.word(w+1) ^ pl.nonOmit.hi[w]; bits != 0 {
				s := meta.sideTable()
				for len(s.more) <= w {
					s.more = append(s.more, 0)
				}
				s.more[w] = bits
			}
		}
	}
	d.odd, d.lost = saved, savedLost
	return nil
}

// extra keeps an unknown member in the struct's Extra map.
func (d *wireDecoder) extra(pl *wirePlan, base unsafe.Pointer, name []byte) error {
	if !pl.hasExtra {
		return d.dec.SkipValue()
	}
	key := d.str(name) // before the next read reuses the bytes
	raw, err := d.dec.ReadValue()
	if err != nil {
		return err
	}
	m := (*map[string]stdjson.RawMessage)(unsafe.Add(base, pl.extraOff))
	if *m == nil {
		*m = make(map[string]stdjson.RawMessage, 1)
	}
	(*m)[key] = bytes.Clone(raw)
	return nil
}

func (d *wireDecoder) pointer(c *wireCodec, p unsafe.Pointer) error {
	np := reflect.New(c.elem.typ).UnsafePointer()
	saved, savedLost := d.odd, d.lost
	d.lost = false
	if err := d.value(c.elem, np); err != nil {
		return err
	}
	if d.lost {
		np = nil // could not be coerced: the field stays nil
	}
	*(*unsafe.Pointer)(p) = np
	d.odd, d.lost = d.odd || saved, d.lost || savedLost
	return nil
}

func (d *wireDecoder) slice(c *wireCodec, p unsafe.Pointer) error {
	sv := reflect.NewAt(c.typ, p).Elem()
	if d.dec.PeekKind() != '[' {
		if _, err := d.dec.ReadValue(); err != nil {
			return err
		}
		sv.SetZero()
		d.odd, d.lost = true, true
		return nil
	}
	if _, err := d.dec.ReadToken(); err != nil {
		return err
	}
	sv.Set(reflect.MakeSlice(c.typ, 0, 0)) // [] stays an empty, non-nil slice
	savedLost := d.lost                    // an element left zero does not lose the slice
	defer func() { d.lost = savedLost }()
	for n := 0; d.dec.PeekKind() != ']'; n++ {
		sv.Grow(1)
		sv.SetLen(n + 1)
		if err := d.value(c.elem, sv.Index(n).Addr().UnsafePointer()); err != nil {
			return err
		}
	}
	_, err := d.dec.ReadToken()
	return err
}

func (d *wireDecoder) mapping(c *wireCodec, p unsafe.Pointer) error {
	mv := reflect.NewAt(c.typ, p).Elem()
	if d.dec.PeekKind() != '{' {
		if _, err := d.dec.ReadValue(); err != nil {
			return err
		}
		mv.SetZero()
		d.odd, d.lost = true, true
		return nil
	}
	if _, err := d.dec.ReadToken(); err != nil {
		return err
	}
	mv.Set(reflect.MakeMap(c.typ))
	savedLost := d.lost
	defer func() { d.lost = savedLost }()
	kt := c.typ.Key()
	for d.dec.PeekKind() != '}' {
		name, err := d.name()
		if err != nil {
			return err
		}
		key := reflect.ValueOf(string(name)).Convert(kt)
		ev := reflect.New(c.elem.typ)
		if err := d.value(c.elem, ev.UnsafePointer()); err != nil {
			return err
		}
		mv.SetMapIndex(key, ev.Elem()) // a duplicate key: the last one wins
	}
	_, err := d.dec.ReadToken()
	return err
}

func (d *wireDecoder) setString(raw []byte, p unsafe.Pointer) {
	switch jsontext.Value(raw).Kind() {
	case '"':
		s, ok := d.stringOf(raw)
		*(*string)(p) = s
		d.odd = d.odd || !ok
	case '0', 't', 'f':
		*(*string)(p) = string(raw) // its JSON text
		d.odd = true
	default:
		*(*string)(p) = ""
		d.odd, d.lost = true, true
	}
}

func (d *wireDecoder) setBool(raw []byte, p unsafe.Pointer) {
	b := false
	switch jsontext.Value(raw).Kind() {
	case 't':
		*(*bool)(p) = true
		return
	case 'f':
		*(*bool)(p) = false
		return
	case '"':
		s, _ := d.stringOf(raw)
		var err error
		b, err = strconv.ParseBool(strings.TrimSpace(s))
		d.lost = d.lost || err != nil
	case '0':
		f, err := strconv.ParseFloat(unsafeString(raw), 64)
		b = err == nil && f != 0
	default:
		d.lost = true
	}
	*(*bool)(p) = b
	d.odd = true
}

// number reads a JSON number, or a string holding one (odd).
func (d *wireDecoder) number(raw []byte) (text string, ok bool) {
	switch jsontext.Value(raw).Kind() {
	case '0':
		return unsafeString(raw), true
	case '"':
		s, _ := d.stringOf(raw)
		d.odd = true
		return strings.TrimSpace(s), true
	}
	d.odd, d.lost = true, true
	return "", false
}

func (d *wireDecoder) setInt(c *wireCodec, raw []byte, p unsafe.Pointer) {
	var n int64
	if text, ok := d.number(raw); ok {
		bits := int(c.typ.Size()) * 8
		if i, err := strconv.ParseInt(text, 10, bits); err == nil {
			n = i
		} else if f, err := strconv.ParseFloat(text, 64); err == nil && f == math.Trunc(f) && f >= -math.Ldexp(1, bits-1) && f < math.Ldexp(1, bits-1) {
			n = int64(f) // 1e3, 12.0
			d.odd = true
		} else {
			d.odd, d.lost = true, true
		}
	}
	switch c.typ.Size() {
	case 1:
		*(*int8)(p) = int8(n)
	case 2:
		*(*int16)(p) = int16(n)
	case 4:
		*(*int32)(p) = int32(n)
	default:
		*(*int64)(p) = n
	}
}

func (d *wireDecoder) setUint(c *wireCodec, raw []byte, p unsafe.Pointer) {
	var n uint64
	if text, ok := d.number(raw); ok {
		bits := int(c.typ.Size()) * 8
		if i, err := strconv.ParseUint(text, 10, bits); err == nil {
			n = i
		} else if f, err := strconv.ParseFloat(text, 64); err == nil && f == math.Trunc(f) && f >= 0 && f < math.Ldexp(1, bits) {
			n = uint64(f)
			d.odd = true
		} else {
			d.odd, d.lost = true, true
		}
	}
	switch c.typ.Size() {
	case 1:
		*(*uint8)(p) = uint8(n)
	case 2:
		*(*uint16)(p) = uint16(n)
	case 4:
		*(*uint32)(p) = uint32(n)
	default:
		*(*uint64)(p) = n
	}
}

func (d *wireDecoder) setFloat(c *wireCodec, raw []byte, p unsafe.Pointer) {
	var f float64
	if text, ok := d.number(raw); ok {
		bits := int(c.typ.Size()) * 8
		v, err := strconv.ParseFloat(text, bits)
		if err == nil && !math.IsInf(v, 0) && !math.IsNaN(v) {
			f = v
		} else {
			d.odd, d.lost = true, true
		}
	}
	if c.typ.Size() == 4 {
		*(*float32)(p) = float32(f)
	} else {
		*(*float64)(p) = f
	}
}

func (d *wireDecoder) setTime(raw []byte, p unsafe.Pointer) {
	var t time.Time
	switch jsontext.Value(raw).Kind() {
	case '"':
		in := raw[1 : len(raw)-1]
		if bytes.IndexByte(in, '\\') < 0 && t.UnmarshalText(in) == nil {
			if !canonicalTime(t, in) {
				d.odd = true
			}
			break
		}
		s, _ := d.stringOf(raw)
		var ok bool
		if t, ok = parseTimestamp(s); !ok {
			if f, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err == nil && !math.IsInf(f, 0) {
				t, ok = epochTime(f), true // "1614297109.5"
			}
		}
		d.odd, d.lost = true, d.lost || !ok
	case '0':
		f, err := strconv.ParseFloat(unsafeString(raw), 64)
		if err == nil && !math.IsInf(f, 0) {
			t = epochTime(f)
		}
		d.odd, d.lost = true, d.lost || err != nil || math.IsInf(f, 0)
	default:
		d.odd, d.lost = true, true
	}
	*(*time.Time)(p) = t
}

// canonicalTime reports whether encodeTime writes t as s.
func canonicalTime(t time.Time, s []byte) bool {
	// The common shape, 2024-03-01T10:00:00.123Z, parsed without error,
	// encodes the same.
	if len(s) == 24 && s[10] == 'T' && s[19] == '.' && s[23] == 'Z' {
		return true
	}
	var buf [64]byte
	return bytes.Equal(appendTime(buf[:0], t), s)
}

// unsafeString views b as a string for a parse that does not keep it.
func unsafeString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// Helpers for special types decoding themselves.

// peek returns the kind of the next value.
func (d *wireDecoder) peek() jsontext.Kind { return d.dec.PeekKind() }

// readValue reads the next value raw; the bytes are valid until the next
// read.
func (d *wireDecoder) readValue() (jsontext.Value, error) { return d.dec.ReadValue() }

// mismatch marks the value being decoded as not fitting its type (and
// left zero): the enclosing member keeps its raw JSON.
func (d *wireDecoder) mismatch() { d.odd, d.lost = true, true }

// coerced marks the value being decoded as kept, but not as sent: the
// enclosing member keeps its raw JSON.
func (d *wireDecoder) coerced() { d.odd = true }

// ---- encoding ----

// wireEncoder writes JSON through its jsontext.Encoder.
type wireEncoder struct {
	enc    *jsontext.Encoder
	reveal bool // a request to PingOne: secrets are written as they are
	buf    *bytes.Buffer
}

var wireEncoderPools [2]sync.Pool

func getWireEncoder(reveal bool) *wireEncoder {
	i := 0
	if reveal {
		i = 1
	}
	e, _ := wireEncoderPools[i].Get().(*wireEncoder)
	if e == nil {
		e = &wireEncoder{buf: new(bytes.Buffer), reveal: reveal}
		e.enc = jsontext.NewEncoder(e.buf, wireEncodeOpts...)
		return e
	}
	e.buf.Reset()
	e.enc.Reset(e.buf, wireEncodeOpts...)
	return e
}

func putWireEncoder(e *wireEncoder) {
	if e.buf.Cap() > 1<<20 {
		return
	}
	i := 0
	if e.reveal {
		i = 1
	}
	wireEncoderPools[i].Put(e)
}

// bytes returns what the encoder wrote (valid until it is reused).
func (e *wireEncoder) bytes() []byte { return bytes.TrimSuffix(e.buf.Bytes(), []byte{'\n'}) }

// wireEncodeBytes encodes the value at p: for a request to PingOne when
// reveal, else with secrets redacted.
func wireEncodeBytes(c *wireCodec, p unsafe.Pointer, reveal bool) ([]byte, error) {
	e := getWireEncoder(reveal)
	defer putWireEncoder(e)
	if err := e.value(c, p); err != nil {
		return nil, err
	}
	return bytes.Clone(e.bytes()), nil
}

// marshalWire encodes the value v points to, secrets redacted.
func marshalWire(v any) ([]byte, error) {
	c, p := wireAt(v)
	return wireEncodeBytes(c, p, false)
}

func encodeWireModel(e *wireEncoder, v any) error { return encodeWireValue(e, v) }

func encodeWireValue(e *wireEncoder, v any) error {
	c, p := wireAt(v)
	return e.value(c, p)
}

// encodeScratch returns the encoding of the value at p on its own (for a
// request, so the same whatever the mode), or nil. self says whether a
// model's own raw original counts.
func encodeScratch(c *wireCodec, p unsafe.Pointer, self bool) ([]byte, error) {
	e := getWireEncoder(true)
	defer putWireEncoder(e)
	var err error
	if c.kind == wkStruct {
		err = e.object(c.plan, p, self)
	} else {
		err = e.value(c, p)
	}
	if err != nil {
		return nil, err
	}
	return bytes.Clone(e.bytes()), nil
}

// sameEncoding reports whether the value at p still encodes to as.
func sameEncoding(c *wireCodec, p unsafe.Pointer, as []byte, self bool) bool {
	if as == nil {
		return false
	}
	e := getWireEncoder(true)
	defer putWireEncoder(e)
	var err error
	if c.kind == wkStruct {
		err = e.object(c.plan, p, self)
	} else {
		err = e.value(c, p)
	}
	return err == nil && bytes.Equal(e.bytes(), as)
}

func (e *wireEncoder) value(c *wireCodec, p unsafe.Pointer) error {
	switch c.kind {
	case wkString:
		return e.enc.WriteToken(jsontext.String(*(*string)(p)))
	case wkBool:
		return e.enc.WriteToken(jsontext.Bool(*(*bool)(p)))
	case wkInt:
		var n int64
		switch c.typ.Size() {
		case 1:
			n = int64(*(*int8)(p))
		case 2:
			n = int64(*(*int16)(p))
		case 4:
			n = int64(*(*int32)(p))
		default:
			n = *(*int64)(p)
		}
		return e.enc.WriteToken(jsontext.Int(n))
	case wkUint:
		var n uint64
		switch c.typ.Size() {
		case 1:
			n = uint64(*(*uint8)(p))
		case 2:
			n = uint64(*(*uint16)(p))
		case 4:
			n = uint64(*(*uint32)(p))
		default:
			n = *(*uint64)(p)
		}
		return e.enc.WriteToken(jsontext.Uint(n))
	case wkFloat:
		if c.typ.Size() == 4 {
			return e.enc.WriteToken(jsontext.Float32(*(*float32)(p)))
		}
		return e.enc.WriteToken(jsontext.Float(*(*float64)(p)))
	case wkTime:
		return encodeTime(e.enc, *(*time.Time)(p))
	case wkStruct:
		return e.object(c.plan, p, true)
	case wkPlain:
		return e.object(c.plan, p, false)
	case wkPtr:
		pp := *(*unsafe.Pointer)(p)
		if pp == nil {
			return e.enc.WriteToken(jsontext.Null)
		}
		return e.value(c.elem, pp)
	case wkSlice:
		sv := reflect.NewAt(c.typ, p).Elem()
		if err := e.enc.WriteToken(jsontext.BeginArray); err != nil {
			return err
		}
		for i := range sv.Len() {
			if err := e.value(c.elem, sv.Index(i).Addr().UnsafePointer()); err != nil {
				return err
			}
		}
		return e.enc.WriteToken(jsontext.EndArray)
	case wkMap:
		mv := reflect.NewAt(c.typ, p).Elem()
		keys := make([]string, 0, mv.Len())
		// (MapRange, not Seq: Seq links reflect.MakeFunc and Value.Call
		// into every program.)
		for it := mv.MapRange(); it.Next(); {
			keys = append(keys, it.Key().String())
		}
		slices.Sort(keys)
		if err := e.enc.WriteToken(jsontext.BeginObject); err != nil {
			return err
		}
		ev := reflect.New(c.elem.typ)
		for _, k := range keys {
			ev.Elem().Set(mv.MapIndex(reflect.ValueOf(k).Convert(c.typ.Key())))
			if err := e.name(k); err != nil {
				return err
			}
			if err := e.value(c.elem, ev.UnsafePointer()); err != nil {
				return err
			}
		}
		return e.enc.WriteToken(jsontext.EndObject)
	case wkRaw:
		return e.raw(*(*[]byte)(p))
	case wkHook:
		return reflect.NewAt(c.typ, p).Interface().(wireEncodable).encodeWire(e)
	case wkOptional:
		if c.optionalState(p) != optionalSet {
			return e.writeNull()
		}
		return e.value(c.elem, p)
	}
	return e.fallback(c, p)
}

// fallback writes a value of a type the codec does not plan: an interface
// by its dynamic value, []byte as base64, a type with MarshalJSONTo by it,
// anything else with encoding/json (HTML characters not escaped).
func (e *wireEncoder) fallback(c *wireCodec, p unsafe.Pointer) error {
	rv := reflect.NewAt(c.typ, p).Elem()
	switch {
	case c.typ.Kind() == reflect.Interface:
		if rv.IsNil() {
			return e.enc.WriteToken(jsontext.Null)
		}
		dv := rv.Elem()
		cp := reflect.New(dv.Type())
		cp.Elem().Set(dv)
		return e.value(codecFor(dv.Type()), cp.UnsafePointer())
	case c.typ.Kind() == reflect.Slice && c.typ.Elem().Kind() == reflect.Uint8 && !hasJSONMethods(c.typ):
		return e.enc.WriteToken(jsontext.String(base64.StdEncoding.EncodeToString(rv.Bytes())))
	}
	if m, ok := rv.Addr().Interface().(jsonMarshalerTo); ok {
		return m.MarshalJSONTo(e.enc)
	}
	var buf bytes.Buffer
	enc := stdjson.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(rv.Addr().Interface()); err != nil {
		return err
	}
	return e.enc.WriteValue(bytes.TrimSuffix(buf.Bytes(), []byte{'\n'}))
}

// fallbackDecode decodes data into v (a non-nil pointer) strictly: by its
// UnmarshalJSONFrom method, else with encoding/json (whose decoder hands
// the models it meets to the codec through their UnmarshalJSON).
func fallbackDecode(data []byte, v any) error {
	if u, ok := v.(jsonUnmarshalerFrom); ok {
		dec := jsontext.NewDecoder(bytes.NewReader(data), wireDecodeOpts...)
		if err := u.UnmarshalJSONFrom(dec); err != nil {
			return err
		}
		if _, err := dec.ReadToken(); err != io.EOF {
			return errors.New("pingone: more than one JSON value")
		}
		return nil
	}
	return stdjson.Unmarshal(data, v)
}

// raw writes raw JSON (null when empty).
func (e *wireEncoder) raw(b []byte) error {
	if len(b) == 0 {
		return e.enc.WriteToken(jsontext.Null)
	}
	return e.enc.WriteValue(b)
}

// name writes a member name; one that is not valid UTF-8 goes out as it
// came in.
func (e *wireEncoder) name(s string) error {
	if utf8.ValidString(s) {
		return e.enc.WriteToken(jsontext.String(s))
	}
	return e.enc.WriteValue(appendQuotedBytes(nil, s))
}

// appendQuotedBytes quotes s as JSON, leaving invalid UTF-8 as it is.
func appendQuotedBytes(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			dst = append(dst, '\\', c)
		case c < 0x20:
			dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		default:
			dst = append(dst, c)
		}
	}
	return append(dst, '"')
}

// object writes a model: its fields in order, as decoded (see wireMeta),
// then Extra. self says whether a raw original of the whole value counts.
func (e *wireEncoder) object(pl *wirePlan, p unsafe.Pointer, self bool) error {
	var meta *wireMeta
	if pl.hasMeta {
		meta = (*wireMeta)(unsafe.Add(p, pl.metaOff))
	}
	if self && meta != nil && meta.side != nil && meta.side.self != nil {
		o := meta.side.self
		if sameEncoding(pl.codec, p, o.as, false) && (e.reveal || !pl.codec.secret) {
			return e.enc.WriteValue(o.raw)
		}
	}
	if err := e.enc.WriteToken(jsontext.BeginObject); err != nil {
		return err
	}
	var written wireBits
	for i := range pl.fields {
		f := &pl.fields[i]
		fp := unsafe.Add(p, f.off)
		if o := meta.odd(i); o != nil && sameEncoding(f.codec, fp, o.as, true) {
			// Unchanged since decoded: what PingOne sent (but never a
			// secret's raw JSON outside a request).
			if err := e.name(f.name); err != nil {
				return err
			}
			written.set(i)
			if e.reveal || !f.codec.secret {
				if err := e.enc.WriteValue(o.raw); err != nil {
					return err
				}
			} else if err := e.value(f.codec, fp); err != nil {
				return err
			}
			continue
		}
		// An Optional says itself whether it is sent: one the caller set
		// back to omitted stays out, although its member was present.
		optional := f.codec.kind == wkOptional
		if f.codec.isZero(fp) && (optional || f.omitzero != (meta != nil && meta.has(i))) {
			continue
		}
		if err := e.name(f.name); err != nil {
			return err
		}
		if err := e.value(f.codec, fp); err != nil {
			return err
		}
		written.set(i)
	}
	if extra := pl.extra(p); len(extra) > 0 {
		for _, k := range slices.Sorted(maps.Keys(extra)) {
			if i, ok := pl.byName[k]; ok && written.has(i) {
				continue // the field's member was written
			}
			if err := e.name(k); err != nil {
				return err
			}
			if err := e.raw(extra[k]); err != nil {
				return err
			}
		}
	}
	return e.enc.WriteToken(jsontext.EndObject)
}

// extra returns the Extra map of the model at p (nil without one).
func (pl *wirePlan) extra(p unsafe.Pointer) map[string]stdjson.RawMessage {
	if !pl.hasExtra {
		return nil
	}
	return *(*map[string]stdjson.RawMessage)(unsafe.Add(p, pl.extraOff))
}

// Helpers for special types encoding themselves.

func (e *wireEncoder) writeString(s string) error { return e.enc.WriteToken(jsontext.String(s)) }
func (e *wireEncoder) writeNull() error           { return e.enc.WriteToken(jsontext.Null) }

// ---- entry points for values of any type ----

// wireTarget returns the codec and address of v when v is a pointer to a
// type the codec decodes.
func wireTarget(v any) (*wireCodec, unsafe.Pointer, bool) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return nil, nil, false
	}
	t := rv.Type()
	if !t.Implements(wireDecodableType) && !wireOwnType(t.Elem()) {
		return nil, nil, false
	}
	return codecFor(t.Elem()), rv.UnsafePointer(), true
}

// wireOwnType reports whether t is a model (a struct with a wireMeta
// field) or an Optional: types the codec handles without their having
// methods for it.
func wireOwnType(t reflect.Type) bool {
	if t.Kind() != reflect.Struct {
		return false
	}
	k := codecFor(t).kind
	return k == wkStruct || k == wkOptional
}

// wireSource returns the codec and address of v (or of a copy of it) when v
// is a type the codec encodes, or a pointer to one.
func wireSource(v any) (*wireCodec, unsafe.Pointer, bool) {
	rv := reflect.ValueOf(v)
	if !rv.IsValid() {
		return nil, nil, false
	}
	t := rv.Type()
	if t.Kind() == reflect.Pointer && (t.Implements(wireEncodableType) || wireOwnType(t.Elem())) {
		if rv.IsNil() {
			return nil, nil, false
		}
		return codecFor(t.Elem()), rv.UnsafePointer(), true
	}
	if reflect.PointerTo(t).Implements(wireEncodableType) || wireOwnType(t) {
		cp := reflect.New(t)
		cp.Elem().Set(rv)
		return codecFor(t), cp.UnsafePointer(), true
	}
	return nil, nil, false
}
