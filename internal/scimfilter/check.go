package scimfilter

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Rules describes which filters an endpoint supports, for [Check].
type Rules struct {
	// Attributes maps each filterable attribute path to its operators,
	// including [Pr] where presence tests are allowed. A comparison inside
	// a value path is listed as "attr[sub]": "memberOfGroups[id]": {Eq}
	// allows memberOfGroups[id eq "…"]. Keys and operators match
	// case-insensitively.
	Attributes map[string][]Operator

	// And, Or and Not allow the logical operators.
	And, Or, Not bool
}

// UnsupportedError reports the first part of a filter, in reading order,
// that [Rules] do not allow. A server can copy its fields into a 400
// INVALID_FILTER detail (innerError.supportedAttributes and
// supportedOperators).
type UnsupportedError struct {
	// Attribute is the offending attribute path as written in the filter,
	// in the "attr[sub]" form inside value paths. It is empty when a
	// logical operator is not allowed.
	Attribute string

	// Operator is the offending or attempted operator: a comparison
	// operator, "pr", "and", "or" or "not".
	Operator string

	// SupportedAttributes lists the keys of Rules.Attributes, sorted.
	SupportedAttributes []string

	// SupportedOperators lists, sorted and in lower case, the operators
	// of Attribute when only the operator is at fault; otherwise every
	// operator of every attribute plus the allowed logical operators.
	SupportedOperators []string
}

func (e *UnsupportedError) Error() string {
	switch {
	case e.Attribute == "":
		return fmt.Sprintf("scim filter: operator %q is not supported", e.Operator)
	case !slices.ContainsFunc(e.SupportedAttributes, func(a string) bool { return strings.EqualFold(a, e.Attribute) }):
		return fmt.Sprintf("scim filter: attribute %q is not supported", e.Attribute)
	default:
		return fmt.Sprintf("scim filter: operator %q is not supported for attribute %q", e.Operator, e.Attribute)
	}
}

// Check reports whether n only uses what r allows. It returns nil or an
// [*UnsupportedError] for the first offending part of n. A nil n passes.
func Check(n Node, r Rules) error {
	c := checker{rules: r, ops: make(map[string][]Operator, len(r.Attributes))}
	for attr, ops := range r.Attributes {
		key := strings.ToLower(attr)
		c.ops[key] = append(c.ops[key], ops...)
	}
	if err := c.check(n, "", ""); err != nil {
		return err
	}
	return nil
}

type checker struct {
	rules Rules
	ops   map[string][]Operator // lower-case attribute → operators
}

// check walks n; attribute paths inside value paths are wrapped as
// prefix+attr+suffix.
func (c *checker) check(n Node, prefix, suffix string) *UnsupportedError {
	switch n := n.(type) {
	case And:
		if !c.rules.And {
			return c.fail("", "and", false, nil)
		}
		return c.pair(n.Left, n.Right, prefix, suffix)
	case Or:
		if !c.rules.Or {
			return c.fail("", "or", false, nil)
		}
		return c.pair(n.Left, n.Right, prefix, suffix)
	case Not:
		if !c.rules.Not {
			return c.fail("", "not", false, nil)
		}
		return c.check(n.X, prefix, suffix)
	case Present:
		return c.attr(prefix+n.Attr+suffix, Pr)
	case Compare:
		return c.attr(prefix+n.Attr+suffix, n.Op)
	case ValuePath:
		return c.check(n.Filter, prefix+n.Attr+"[", "]"+suffix)
	default:
		return nil
	}
}

func (c *checker) pair(a, b Node, prefix, suffix string) *UnsupportedError {
	if err := c.check(a, prefix, suffix); err != nil {
		return err
	}
	return c.check(b, prefix, suffix)
}

func (c *checker) attr(attr string, op Operator) *UnsupportedError {
	ops, ok := c.ops[strings.ToLower(attr)]
	if !ok {
		return c.fail(attr, string(op), false, nil)
	}
	if !slices.ContainsFunc(ops, func(o Operator) bool { return strings.EqualFold(string(o), string(op)) }) {
		return c.fail(attr, string(op), true, ops)
	}
	return nil
}

// fail builds the error; attrOps are the operators of attr when it is
// known.
func (c *checker) fail(attr, op string, known bool, attrOps []Operator) *UnsupportedError {
	ops := map[string]bool{}
	if known {
		for _, o := range attrOps {
			ops[strings.ToLower(string(o))] = true
		}
	} else {
		for _, list := range c.rules.Attributes {
			for _, o := range list {
				ops[strings.ToLower(string(o))] = true
			}
		}
		ops["and"], ops["or"], ops["not"] = c.rules.And, c.rules.Or, c.rules.Not
		maps.DeleteFunc(ops, func(_ string, ok bool) bool { return !ok })
	}
	return &UnsupportedError{
		Attribute:           attr,
		Operator:            op,
		SupportedAttributes: sortedKeys(c.rules.Attributes),
		SupportedOperators:  sortedKeys(ops),
	}
}

// sortedKeys returns the keys of m, sorted, as a non-nil slice so that
// JSON encodes an empty list as [] rather than null.
func sortedKeys[V any](m map[string]V) []string {
	keys := slices.AppendSeq(make([]string, 0, len(m)), maps.Keys(m))
	slices.Sort(keys)
	return keys
}
