package pingone

import (
	"bytes"
	stdjson "encoding/json"
	"errors"
	"reflect"
	"sync"
	"unsafe"

	"github.com/go-json-experiment/json/jsontext"
)

// NOTES: polymorphic resources (one JSON object whose members depend on a
// discriminator, such as an application's protocol and type) are encoded
// and decoded by polyCodec on top of the wire codec. A polymorphic type T
// is a struct holding:
//
//   - its common fields, tagged like the fields of any model;
//   - its variants: pointers to model structs, tagged `json:"-"`, of which
//     at most one is set;
//   - Extra map[string]json.RawMessage `json:",embed"`: the members neither
//     the common fields nor the variant know (every setting of a variant
//     this version does not know);
//   - optionally Raw json.RawMessage `json:"-"`: the object as received;
//   - polyMeta, embedded without a name: what the codec remembers of the
//     common members (as wireMeta does for a model).
//
// Decoding reads the whole object, decodes the common fields (a plan of T
// built by the codec, whose wireMeta is polyMeta's), asks the family which
// variant the discriminator selects, and decodes that variant from the same
// object with its own codec: both remember presence and odd values as any
// model does. The variant's members then leave T's Extra. Encoding writes
// the common fields and Extra, then the variant's fields, as one object.
// No member is matched by trying shapes.

// polyMeta is embedded, unnamed, in every polymorphic type: it holds the
// wireMeta of the type's common fields (the codec finds it there) and, for
// a value that arrived as something other than an object, that value. Its
// wireMeta is embedded too, so that wiregen, which writes the methods of
// the structs with a wireMeta field, leaves polyMeta alone.
type polyMeta struct {
	wireMeta
	self []byte
}

var polyMetaType = reflect.TypeFor[polyMeta]()

// polyCodec encodes and decodes the polymorphic type T. Each family
// declares one, as a package variable, and calls encode and decode from T's
// encodeWire and decodeWire.
type polyCodec[T any] struct {
	// variant returns the variant m holds, a pointer to a model struct,
	// or nil.
	variant func(m *T) any
	// pick is called once m's common fields are decoded: it sets in m a
	// new variant for m's discriminator and returns it, or returns nil
	// for a discriminator this version does not know.
	pick func(m *T) any
	// dropped are top-level members never kept in Extra: secrets that no
	// field of T or of its variant claims (a field that does keeps them,
	// redacted).
	dropped []string
	// hidden are members kept out of Raw only: secrets a field of T holds
	// (and redacts).
	hidden [][]string
	// sparse leaves the variant nil when none of its members is present.
	sparse bool

	once    sync.Once
	err     error
	common  *wireCodec // T's common fields, its Extra and polyMeta.wire
	metaOff uintptr    // polyMeta
	rawOff  uintptr    // Raw
	hasRaw  bool
}

func (pc *polyCodec[T]) init() error {
	pc.once.Do(func() {
		t := reflect.TypeFor[T]()
		var metaField, rawField reflect.StructField
		var hasMeta bool
		for f := range t.Fields() {
			switch {
			case f.Type == polyMetaType && f.Anonymous:
				metaField, hasMeta = f, true
			case f.Name == "Raw" && f.Type == rawMessageType:
				rawField, pc.hasRaw = f, true
			}
		}
		if !hasMeta {
			pc.err = errors.New("pingone: " + t.String() + " does not embed polyMeta")
			return
		}
		pc.metaOff, pc.rawOff = metaField.Offset, rawField.Offset
		wireBuildMu.Lock()
		defer wireBuildMu.Unlock()
		building := map[reflect.Type]*wireCodec{}
		pl, err := buildPlan(t, building)
		for bt, bc := range building {
			wireCodecs.Store(bt, bc)
		}
		switch {
		case err != nil:
			pc.err = err
		case !pl.hasMeta || pl.metaOff != pc.metaOff:
			pc.err = errors.New("pingone: the codec does not find the wireMeta of " + t.String())
		case !pl.hasExtra:
			pc.err = errors.New("pingone: " + t.String() + " has no Extra")
		default:
			c := &wireCodec{typ: t, kind: wkStruct, plan: pl, secret: sensitiveType(t, map[reflect.Type]bool{})}
			pl.codec = c
			pc.common = c
		}
	})
	return pc.err
}

func (pc *polyCodec[T]) meta(m *T) *polyMeta {
	return (*polyMeta)(unsafe.Add(unsafe.Pointer(m), pc.metaOff))
}

// variantCodec returns the codec and address of a variant (a pointer).
func variantCodec(v any) (*wireCodec, unsafe.Pointer) {
	rv := reflect.ValueOf(v)
	return codecFor(rv.Type().Elem()), rv.UnsafePointer()
}

// decode reads one polymorphic value into m, replacing what m held.
func (pc *polyCodec[T]) decode(d *wireDecoder, m *T) error {
	if err := pc.init(); err != nil {
		return err
	}
	v, err := d.readValue()
	if err != nil {
		return err
	}
	*m = *new(T)
	if v.Kind() != '{' {
		// Not an object: kept as it came (and written back as long as
		// nothing is set); the enclosing member keeps it too.
		pc.meta(m).self = bytes.Clone(v)
		if pc.hasRaw {
			*(*stdjson.RawMessage)(unsafe.Add(unsafe.Pointer(m), pc.rawOff)) = bytes.Clone(v)
		}
		d.mismatch()
		return nil
	}
	obj := []byte(bytes.Clone(v))
	if err := wireDecodeBytes(obj, pc.common, unsafe.Pointer(m)); err != nil {
		return err
	}
	extra := (*map[string]stdjson.RawMessage)(unsafe.Add(unsafe.Pointer(m), pc.common.plan.extraOff))
	if vp := pc.pick(m); vp != nil {
		// The members the common fields do not know are the variant's or
		// unknown ones: the variant reads them, and what it does not know
		// either stays in the resource's Extra.
		vc, p := variantCodec(vp)
		if err := wireDecodeBytes(joinExtra(*extra), vc, p); err != nil {
			return err
		}
		if vc.kind == wkStruct {
			if vc.plan.hasExtra {
				vExtra := (*map[string]stdjson.RawMessage)(unsafe.Add(p, vc.plan.extraOff))
				*extra, *vExtra = *vExtra, nil
			} else {
				*extra = nil
			}
			if pc.sparse && vc.plan.isZero(p) {
				pc.clearVariant(m)
			}
		}
	}
	for _, name := range pc.dropped {
		delete(*extra, name)
	}
	if len(*extra) == 0 {
		*extra = nil
	}
	if pc.hasRaw {
		raw := obj
		if len(pc.hidden) > 0 {
			raw = withoutMembers(raw, pc.hidden)
		}
		*(*stdjson.RawMessage)(unsafe.Add(unsafe.Pointer(m), pc.rawOff)) = raw
	}
	return nil
}

// clearVariant sets the variant field of m that holds its variant to nil.
func (pc *polyCodec[T]) clearVariant(m *T) {
	v := pc.variant(m)
	if v == nil {
		return
	}
	rm := reflect.ValueOf(m).Elem()
	for _, f := range rm.Fields() {
		if f.Kind() == reflect.Pointer && f.CanSet() && !f.IsNil() && f.Interface() == v {
			f.SetZero()
			return
		}
	}
}

// encode writes m: its common fields and Extra, then its variant's fields
// (and the variant's Extra), as one object. A member of one Extra that a
// field writes is left out.
func (pc *polyCodec[T]) encode(e *wireEncoder, m *T) error {
	if err := pc.init(); err != nil {
		return err
	}
	vp := pc.variant(m)
	if self := pc.meta(m).self; self != nil && vp == nil && pc.common.plan.isZero(unsafe.Pointer(m)) {
		return e.raw(self)
	}
	common, err := wireEncodeBytes(pc.common, unsafe.Pointer(m), e.reveal)
	if err != nil {
		return err
	}
	if vp == nil {
		return e.enc.WriteValue(common)
	}
	vc, p := variantCodec(vp)
	variant, err := wireEncodeBytes(vc, p, e.reveal)
	if err != nil {
		return err
	}
	if vc.kind != wkStruct || !pc.clash(m, vc, p) {
		return e.enc.WriteValue(joinObjects(common, variant))
	}
	// An Extra holds a member the other part writes: fields win, then
	// the resource's Extra.
	known := func(pl *wirePlan, name string) bool { _, ok := pl.byName[name]; return ok }
	fromCommon := map[string]bool{}
	var members [][]byte
	if err := eachMember(common, func(name string, member, _ []byte) {
		if !known(pc.common.plan, name) && known(vc.plan, name) {
			return // T.Extra's, written by the variant
		}
		fromCommon[name] = true
		members = append(members, member)
	}); err != nil {
		return err
	}
	if err := eachMember(variant, func(name string, member, _ []byte) {
		if !known(vc.plan, name) && fromCommon[name] {
			return // the variant's Extra, written by the common part
		}
		members = append(members, member)
	}); err != nil {
		return err
	}
	return e.enc.WriteValue(joinMembers(members))
}

// clash reports whether an Extra of m or of its variant holds a member the
// other part also writes.
func (pc *polyCodec[T]) clash(m *T, vc *wireCodec, p unsafe.Pointer) bool {
	extra := pc.common.plan.extra(unsafe.Pointer(m))
	for name := range extra {
		if _, ok := vc.plan.byName[name]; ok {
			return true
		}
	}
	for name := range vc.plan.extra(p) {
		if _, ok := pc.common.plan.byName[name]; ok {
			return true
		}
		if _, ok := extra[name]; ok {
			return true
		}
	}
	return false
}

// ---- JSON objects, member by member, byte for byte ----

// eachMember calls f with the name, the text (name and value, as written)
// and the value of every member of the JSON object obj.
func eachMember(obj []byte, f func(name string, member, value []byte)) error {
	dec := jsontext.NewDecoder(bytes.NewReader(obj), jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
	tok, err := dec.ReadToken()
	if err != nil {
		return err
	}
	if tok.Kind() != '{' {
		return errors.New("pingone: not a JSON object")
	}
	for dec.PeekKind() != '}' {
		start := dec.InputOffset()
		tok, err := dec.ReadToken()
		if err != nil {
			return err
		}
		name := tok.String()
		afterName := dec.InputOffset()
		if _, err := dec.ReadValue(); err != nil {
			return err
		}
		end := dec.InputOffset()
		f(name, bytes.TrimLeft(obj[start:end], " \t\r\n,"), bytes.TrimLeft(obj[afterName:end], " \t\r\n:"))
	}
	_, err = dec.ReadToken()
	return err
}

// joinExtra writes the members of an Extra map as one object.
func joinExtra(extra map[string]stdjson.RawMessage) []byte {
	n := 2
	for name, v := range extra {
		n += len(name) + len(v) + 4
	}
	out := make([]byte, 0, n)
	out = append(out, '{')
	for name, v := range extra {
		if len(out) > 1 {
			out = append(out, ',')
		}
		out = appendQuotedBytes(out, name)
		out = append(out, ':')
		out = append(out, v...)
	}
	return append(out, '}')
}

// joinMembers writes members (each a name and its value) as one object.
func joinMembers(members [][]byte) []byte {
	out := []byte{'{'}
	for i, m := range members {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, m...)
	}
	return append(out, '}')
}

// joinObjects returns the members of the objects a and b (as the codec
// writes them: compact) as one object.
func joinObjects(a, b []byte) []byte {
	ai, bi := a[1:len(a)-1], b[1:len(b)-1]
	out := make([]byte, 0, len(a)+len(b))
	out = append(out, '{')
	out = append(out, ai...)
	if len(ai) > 0 && len(bi) > 0 {
		out = append(out, ',')
	}
	out = append(out, bi...)
	return append(out, '}')
}

// withoutMembers returns obj without the members at paths (each a list of
// member names from the top); every other member is kept as it was
// written. It returns obj itself when none is present.
func withoutMembers(obj []byte, paths [][]string) []byte {
	if bytes.IndexByte(obj, '\\') < 0 {
		// No name is escaped: a path is present only if the name of its
		// member (or, nested, of the object holding it) is.
		found := false
		for _, p := range paths {
			if len(p) > 0 && bytes.Contains(obj, []byte(`"`+p[max(len(p)-2, 0)]+`"`)) {
				found = true
				break
			}
		}
		if !found {
			return obj
		}
	}
	out, _ := dropMembers(obj, paths)
	return out
}

func dropMembers(obj []byte, paths [][]string) ([]byte, bool) {
	var kept [][]byte
	changed := false
	err := eachMember(obj, func(name string, member, value []byte) {
		var nested [][]string
		for _, p := range paths {
			switch {
			case len(p) == 0 || p[0] != name:
			case len(p) == 1:
				changed = true
				return
			default:
				nested = append(nested, p[1:])
			}
		}
		if len(nested) > 0 && len(value) > 0 && value[0] == '{' {
			if inner, ok := dropMembers(value, nested); ok {
				changed = true
				member = append(append([]byte(nil), member[:len(member)-len(value)]...), inner...)
			}
		}
		kept = append(kept, member)
	})
	if err != nil || !changed {
		return obj, false
	}
	return joinMembers(kept), true
}
