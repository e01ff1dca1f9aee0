// Package scim builds the SCIM filter expressions that PingOne list
// endpoints accept in their filter parameter:
//
//	f := scim.Sw("name.given", "Al").And(scim.Eq("population.id", popID))
//	f.String() // name.given sw "Al" and population.id eq "…"
//
// Filters are built, or parsed with [Parse]; there is no way to splice raw
// text into one. Values are rendered as JSON literals, so no value can
// change the structure of a filter: Eq("username", `x" or username pr or "`)
// is still a single comparison.
//
// Builders never panic. An invalid attribute name or an unsupported value
// gives a [Filter] that carries an error, reported by [Filter.Err] and
// passed on by [And], [Or], [Not] and [ValuePath]; the SDK refuses to send
// such a filter.
//
// And binds tighter than or. Builders keep the tree you build and add
// parentheses where it needs them: And(Or(a, b), c) renders as
// "(a or b) and c".
//
// Which attributes and operators an endpoint supports is up to PingOne;
// an unsupported one is rejected by the server with a 400 INVALID_FILTER
// error naming the supported attributes and operators.
package scim

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/pingone-go/pingone/internal/scimfilter"
)

// Filter is a SCIM filter expression. The zero Filter means "no filter".
// Filters are immutable values and safe for concurrent use.
type Filter struct {
	node scimfilter.Node
	err  error
}

// SyntaxError is the error [Parse] returns for text that is not a filter.
// Offset is the byte offset of the problem.
type SyntaxError = scimfilter.SyntaxError

// IsZero reports whether f is the zero Filter, meaning "no filter". A
// Filter that carries an error is not zero.
func (f Filter) IsZero() bool { return f.node == nil && f.err == nil }

// Err returns the error f was built with, or nil if f is valid.
func (f Filter) Err() error { return f.err }

// String returns the filter expression, ready to be URL-encoded into a
// filter query parameter. It returns "" for the zero Filter and for a
// Filter that carries an error, so check [Filter.Err] first.
func (f Filter) String() string {
	if f.err != nil {
		return ""
	}
	return scimfilter.Format(f.node)
}

// And returns And(f, g).
func (f Filter) And(g Filter) Filter { return And(f, g) }

// Or returns Or(f, g).
func (f Filter) Or(g Filter) Filter { return Or(f, g) }

// Eq returns the filter "attr eq value". PingOne compares strings
// case-insensitively.
//
// attr is an attribute path such as "username" or "name.given": names that
// start with a letter and continue with letters, digits, '_', '$' or '-',
// joined by dots.
//
// value may be a string, bool, any integer or float type (NaN and
// infinities are errors), a time.Time (sent as an RFC 3339 UTC string with
// milliseconds, as PingOne stores timestamps), a fmt.Stringer (sent as its
// String()), or nil (sent as null). Named types count by their underlying
// kind; a nil pointer counts as nil. Invalid UTF-8 in strings is replaced
// by U+FFFD. Any other value gives a Filter that carries an error.
func Eq(attr string, value any) Filter { return compare("Eq", attr, scimfilter.Eq, value) }

// Ne returns the filter "attr ne value". See [Eq] for attr and value.
func Ne(attr string, value any) Filter { return compare("Ne", attr, scimfilter.Ne, value) }

// Co returns the filter "attr co value" (contains). See [Eq] for attr and
// value.
func Co(attr string, value any) Filter { return compare("Co", attr, scimfilter.Co, value) }

// Sw returns the filter "attr sw value" (starts with). See [Eq] for attr
// and value.
func Sw(attr string, value any) Filter { return compare("Sw", attr, scimfilter.Sw, value) }

// Ew returns the filter "attr ew value" (ends with). See [Eq] for attr and
// value.
func Ew(attr string, value any) Filter { return compare("Ew", attr, scimfilter.Ew, value) }

// Gt returns the filter "attr gt value" (greater than). See [Eq] for attr
// and value.
func Gt(attr string, value any) Filter { return compare("Gt", attr, scimfilter.Gt, value) }

// Ge returns the filter "attr ge value" (greater than or equal). See [Eq]
// for attr and value.
func Ge(attr string, value any) Filter { return compare("Ge", attr, scimfilter.Ge, value) }

// Lt returns the filter "attr lt value" (less than). See [Eq] for attr and
// value.
func Lt(attr string, value any) Filter { return compare("Lt", attr, scimfilter.Lt, value) }

// Le returns the filter "attr le value" (less than or equal). See [Eq] for
// attr and value.
func Le(attr string, value any) Filter { return compare("Le", attr, scimfilter.Le, value) }

// Pr returns the filter "attr pr": attr is present and not empty. See [Eq]
// for attr.
func Pr(attr string) Filter {
	if err := checkAttr("Pr", attr); err != nil {
		return Filter{err: err}
	}
	return Filter{node: scimfilter.Present{Attr: attr}}
}

// And returns a filter that matches when all of fs match: "f1 and f2 and
// …". Zero filters among fs are ignored; with one non-zero filter, And
// returns it; with none, the zero Filter. If any of fs carries an error,
// And returns a Filter carrying the first such error.
func And(fs ...Filter) Filter {
	return join("And", fs, func(l, r scimfilter.Node) scimfilter.Node { return scimfilter.And{Left: l, Right: r} })
}

// Or returns a filter that matches when any of fs matches: "f1 or f2 or
// …". Zero filters and errors are handled as by [And].
func Or(fs ...Filter) Filter {
	return join("Or", fs, func(l, r scimfilter.Node) scimfilter.Node { return scimfilter.Or{Left: l, Right: r} })
}

// Not returns the filter "not (f)". Not of the zero Filter is an error,
// as is Not of a Filter that carries one.
func Not(f Filter) Filter {
	if f.err != nil {
		return f
	}
	if f.node == nil {
		return Filter{err: errors.New("scim: Not: empty filter")}
	}
	return nested("Not", scimfilter.Not{X: f.node})
}

// ValuePath returns the complex attribute filter "attr[f]", which matches
// when an element of the multi-valued attribute attr matches f. Attribute
// paths in f are relative to the element:
//
//	scim.ValuePath("memberOfGroups", scim.Eq("id", groupID))
//	// memberOfGroups[id eq "…"]
//
// See [Eq] for attr. ValuePath of the zero Filter is an error, as is
// ValuePath of a Filter that carries one.
func ValuePath(attr string, f Filter) Filter {
	if err := checkAttr("ValuePath", attr); err != nil {
		return Filter{err: err}
	}
	if f.err != nil {
		return f
	}
	if f.node == nil {
		return Filter{err: fmt.Errorf("scim: ValuePath(%q): empty filter", attr)}
	}
	return nested("ValuePath", scimfilter.ValuePath{Attr: attr, Filter: f.node})
}

// Parse parses a filter expression, such as one from configuration.
// Keywords are case-insensitive and strings use JSON syntax. An empty or
// all-blank s gives the zero Filter ("no filter"). On error, which is a
// [*SyntaxError], the returned Filter carries the same error, so that it
// cannot be mistaken for "no filter".
func Parse(s string) (Filter, error) {
	if strings.TrimSpace(s) == "" {
		return Filter{}, nil
	}
	n, err := scimfilter.Parse(s)
	if err != nil {
		return Filter{err: err}, err
	}
	return Filter{node: n}, nil
}

func compare(name, attr string, op scimfilter.Operator, value any) Filter {
	if err := checkAttr(name, attr); err != nil {
		return Filter{err: err}
	}
	v, err := literal(value)
	if err != nil {
		return Filter{err: fmt.Errorf("scim: %s(%q): %w", name, attr, err)}
	}
	return Filter{node: scimfilter.Compare{Attr: attr, Op: op, Value: v}}
}

func checkAttr(name, attr string) error {
	if !scimfilter.ValidAttr(attr) {
		return fmt.Errorf("scim: %s(%q): invalid attribute name", name, attr)
	}
	return nil
}

func join(name string, fs []Filter, combine func(l, r scimfilter.Node) scimfilter.Node) Filter {
	var out scimfilter.Node
	for _, f := range fs {
		switch {
		case f.err != nil:
			return f
		case f.node == nil:
		case out == nil:
			out = f.node
		default:
			out = combine(out, f.node)
		}
	}
	return nested(name, out)
}

// nested returns a Filter for n, or an error if n is nested too deeply for
// PingOne or [Parse] to read back.
func nested(name string, n scimfilter.Node) Filter {
	if d := scimfilter.Depth(n); d > scimfilter.MaxDepth {
		return Filter{err: fmt.Errorf("scim: %s: filter nested %d levels deep, more than %d", name, d, scimfilter.MaxDepth)}
	}
	return Filter{node: n}
}

// timeLayout is RFC 3339 with milliseconds, as in 2021-02-25T23:51:49.790Z.
const timeLayout = "2006-01-02T15:04:05.000Z07:00"

// literal converts a builder argument to a filter literal.
func literal(value any) (scimfilter.Value, error) {
	switch v := value.(type) {
	case nil:
		return scimfilter.Value{Kind: scimfilter.KindNull}, nil
	case time.Time:
		return str(v.UTC().Format(timeLayout)), nil
	case *time.Time:
		if v == nil {
			return scimfilter.Value{Kind: scimfilter.KindNull}, nil
		}
		return str(v.UTC().Format(timeLayout)), nil
	}

	rv := reflect.ValueOf(value)
	if rv.Kind() == reflect.Pointer && rv.IsNil() {
		return scimfilter.Value{Kind: scimfilter.KindNull}, nil
	}
	if s, ok := value.(fmt.Stringer); ok {
		text, err := stringOf(s)
		return str(text), err
	}

	switch rv.Kind() {
	case reflect.String:
		return str(rv.String()), nil
	case reflect.Bool:
		return scimfilter.Value{Kind: scimfilter.KindBool, Bool: rv.Bool()}, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return number(strconv.FormatInt(rv.Int(), 10)), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return number(strconv.FormatUint(rv.Uint(), 10)), nil
	case reflect.Float32, reflect.Float64:
		f := rv.Float()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return scimfilter.Value{}, fmt.Errorf("value %v is not a finite number", f)
		}
		return number(strconv.FormatFloat(f, 'g', -1, rv.Type().Bits())), nil
	default:
		return scimfilter.Value{}, fmt.Errorf("unsupported value of type %T", value)
	}
}

func str(s string) scimfilter.Value {
	return scimfilter.Value{Kind: scimfilter.KindString, Str: strings.ToValidUTF8(s, "\uFFFD")}
}

func number(s string) scimfilter.Value {
	return scimfilter.Value{Kind: scimfilter.KindNumber, Num: s}
}

// stringOf calls s.String, turning a panic into an error as fmt does.
func stringOf(s fmt.Stringer) (text string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%T.String panicked: %v", s, r)
		}
	}()
	return s.String(), nil
}
