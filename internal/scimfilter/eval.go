package scimfilter

import (
	"cmp"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
)

// Eval reports whether resource matches n, for an in-memory server.
//
// resource holds JSON-decoded data: map[string]any, []any, string,
// float64 or json.Number (other Go integer and float types work too),
// bool and nil; []string and []map[string]any are also understood.
// The rules:
//
//   - Attribute names match case-insensitively (an exact match wins).
//     A dotted path walks nested objects; arrays on the way are entered,
//     so emails.value collects the value of every element of emails.
//   - A multi-valued attribute (array) matches a comparison when any
//     element does. Null elements and empty arrays count as absent.
//   - eq, ne, co, sw and ew compare strings case-insensitively; eq and ne
//     compare numbers numerically and booleans exactly. Values of
//     different JSON types are never equal.
//   - gt, ge, lt and le compare numbers numerically and strings by bytes
//     (so ISO 8601 UTC timestamps compare in time order); any other pair
//     is false.
//   - pr is true when the attribute is present, not null, and not an
//     empty string or empty array.
//   - A missing attribute makes every comparison false except ne, which
//     is true. "eq null" is true exactly when the attribute is absent
//     (missing, null or empty array), and "ne null" when it is present.
//   - A value path attr[filter] is true when some object element of attr
//     matches filter, with paths in filter relative to that element.
//   - A nil Node matches every resource.
func Eval(n Node, resource map[string]any) bool {
	switch n := n.(type) {
	case nil:
		return true
	case And:
		return Eval(n.Left, resource) && Eval(n.Right, resource)
	case Or:
		return Eval(n.Left, resource) || Eval(n.Right, resource)
	case Not:
		return !Eval(n.X, resource)
	case Present:
		return slices.ContainsFunc(values(resource, n.Attr), func(v any) bool { return v != "" })
	case Compare:
		return compare(values(resource, n.Attr), n.Op, n.Value)
	case ValuePath:
		return slices.ContainsFunc(values(resource, n.Attr), func(v any) bool {
			m, ok := v.(map[string]any)
			return ok && Eval(n.Filter, m)
		})
	default:
		return false
	}
}

// values returns the non-null values at path in obj, with arrays
// flattened.
func values(obj map[string]any, path string) []any {
	cur := []any{obj}
	for name := range strings.SplitSeq(path, ".") {
		var next []any
		for _, v := range cur {
			next = member(next, v, name)
		}
		cur = next
	}
	var out []any
	for _, v := range cur {
		out = flatten(out, v)
	}
	return out
}

// member appends the member name of v to dst; for an array, that of each
// element.
func member(dst []any, v any, name string) []any {
	switch v := v.(type) {
	case map[string]any:
		if x, ok := lookup(v, name); ok {
			dst = append(dst, x)
		}
	case []any:
		for _, e := range v {
			dst = member(dst, e, name)
		}
	case []map[string]any:
		for _, e := range v {
			dst = member(dst, e, name)
		}
	}
	return dst
}

// lookup finds key in m case-insensitively; an exact match wins, then the
// smallest matching key, so the result does not depend on map order.
func lookup(m map[string]any, key string) (any, bool) {
	if v, ok := m[key]; ok {
		return v, true
	}
	var (
		found string
		val   any
		ok    bool
	)
	for k, v := range m {
		if strings.EqualFold(k, key) && (!ok || k < found) {
			found, val, ok = k, v, true
		}
	}
	return val, ok
}

func flatten(dst []any, v any) []any {
	switch v := v.(type) {
	case nil:
	case []any:
		for _, e := range v {
			dst = flatten(dst, e)
		}
	case []string:
		for _, e := range v {
			dst = append(dst, e)
		}
	case []map[string]any:
		for _, e := range v {
			dst = flatten(dst, e)
		}
	default:
		dst = append(dst, v)
	}
	return dst
}

func compare(vals []any, op Operator, lit Value) bool {
	switch op {
	case Eq:
		if lit.Kind == KindNull {
			return len(vals) == 0
		}
		return slices.ContainsFunc(vals, func(v any) bool { return equal(v, lit) })
	case Ne:
		if lit.Kind == KindNull {
			return len(vals) > 0
		}
		return len(vals) == 0 || slices.ContainsFunc(vals, func(v any) bool { return !equal(v, lit) })
	case Co, Sw, Ew:
		if lit.Kind != KindString {
			return false
		}
		want := strings.ToLower(lit.Str)
		match := strings.Contains
		if op == Sw {
			match = strings.HasPrefix
		} else if op == Ew {
			match = strings.HasSuffix
		}
		return slices.ContainsFunc(vals, func(v any) bool {
			s, ok := v.(string)
			return ok && match(strings.ToLower(s), want)
		})
	case Gt, Ge, Lt, Le:
		return slices.ContainsFunc(vals, func(v any) bool {
			c, ok := order(v, lit)
			switch {
			case !ok:
				return false
			case op == Gt:
				return c > 0
			case op == Ge:
				return c >= 0
			case op == Lt:
				return c < 0
			default:
				return c <= 0
			}
		})
	default:
		return false
	}
}

// equal reports whether the resource value v equals lit.
func equal(v any, lit Value) bool {
	switch lit.Kind {
	case KindString:
		s, ok := v.(string)
		return ok && strings.EqualFold(s, lit.Str)
	case KindBool:
		b, ok := v.(bool)
		return ok && b == lit.Bool
	case KindNumber:
		c, ok := order(v, lit)
		return ok && c == 0
	default:
		return v == nil
	}
}

// order compares the resource value v with lit when both are numbers or
// both are strings.
func order(v any, lit Value) (int, bool) {
	switch lit.Kind {
	case KindString:
		s, ok := v.(string)
		return strings.Compare(s, lit.Str), ok
	case KindNumber:
		f, ok := toFloat(v)
		if !ok {
			return 0, false
		}
		g, ok := parseNumber(lit.Num)
		return cmp.Compare(f, g), ok
	default:
		return 0, false
	}
}

func toFloat(v any) (float64, bool) {
	switch v := v.(type) {
	case float64:
		return v, true
	case json.Number:
		return parseNumber(string(v))
	case float32:
		return float64(v), true
	case int:
		return float64(v), true
	case int8:
		return float64(v), true
	case int16:
		return float64(v), true
	case int32:
		return float64(v), true
	case int64:
		return float64(v), true
	case uint:
		return float64(v), true
	case uint8:
		return float64(v), true
	case uint16:
		return float64(v), true
	case uint32:
		return float64(v), true
	case uint64:
		return float64(v), true
	default:
		return 0, false
	}
}

// parseNumber converts a JSON number; out-of-range values become ±Inf or
// 0 rather than failing.
func parseNumber(s string) (float64, bool) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, false
	}
	return f, true
}
