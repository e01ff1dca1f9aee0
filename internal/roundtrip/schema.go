package roundtrip

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"

	"github.com/pingone-go/pingone/internal/contract"
)

// node is a contract schema with its allOf lists merged and its references
// resolved: what the generator needs to write values for it.
type node struct {
	name     string // component name when the schema was a reference
	typ      string // "object", "array", "string", "integer", "number", "boolean" or "" (any JSON)
	props    map[string]*node
	required map[string]bool
	items    *node
	mapOf    *node // additionalProperties schema: a map of these
	enum     []string
	format   string
	pattern  *regexp.Regexp
	minLen   int
	maxLen   int // 0: no bound
	min, max *float64
	shapes   []*shape // anyOf: the variants
}

// shape is one variant of a polymorphic (anyOf) schema with the values of
// the members that select it.
type shape struct {
	name  string // the corpus directory of its bodies
	node  *node
	fixed map[string]string // discriminator member -> value
}

// maxDepth bounds schema nesting (the contract has no recursive schema; a
// new one would need a decision, not an endless body).
const maxDepth = 24

func (g *generator) resolve(sr *contract.Schema, depth int) (*node, error) {
	if sr == nil {
		return nil, errors.New("missing schema")
	}
	if depth > maxDepth {
		return nil, fmt.Errorf("schema nested deeper than %d (recursive?)", maxDepth)
	}
	name := sr.Name()
	if name != "" {
		if n, ok := g.nodes[name]; ok {
			return n, nil
		}
	}
	n, err := g.build(sr, depth)
	if err != nil {
		if name != "" {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		return nil, err
	}
	if name != "" {
		n.name = name
		g.nodes[name] = n
	}
	return n, nil
}

func (g *generator) build(s *contract.Schema, depth int) (*node, error) {
	n := &node{props: map[string]*node{}, required: map[string]bool{}}
	for _, part := range s.AllOf {
		pn, err := g.resolve(part, depth+1)
		if err != nil {
			return nil, fmt.Errorf("allOf: %w", err)
		}
		if err := n.merge(pn); err != nil {
			return nil, err
		}
	}
	own, err := g.own(s, depth)
	if err != nil {
		return nil, err
	}
	if err := n.merge(own); err != nil {
		return nil, err
	}
	if len(s.AnyOf) > 0 {
		if len(n.props) > 0 || n.typ != "" {
			return nil, errors.New("anyOf next to members of its own: not expected in the contract")
		}
		for _, v := range s.AnyOf {
			vn, err := g.resolve(v, depth+1)
			if err != nil {
				return nil, fmt.Errorf("anyOf: %w", err)
			}
			if vn.name == "" {
				return nil, errors.New("anyOf variant without a component name")
			}
			shapes, err := g.shapesOf(vn)
			if err != nil {
				return nil, err
			}
			n.shapes = append(n.shapes, shapes...)
		}
	}
	return n, nil
}

// own converts the schema's own keywords (not its allOf parts).
func (g *generator) own(s *contract.Schema, depth int) (*node, error) {
	n := &node{props: map[string]*node{}, required: map[string]bool{}, typ: s.Type}
	for _, name := range sortedKeys(s.Properties) {
		p, err := g.resolve(s.Properties[name], depth+1)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		n.props[name] = p
	}
	for _, r := range s.Required {
		n.required[r] = true
	}
	if s.Items != nil {
		it, err := g.resolve(s.Items, depth+1)
		if err != nil {
			return nil, fmt.Errorf("items: %w", err)
		}
		n.items = it
	}
	if s.AdditionalProperties != nil && s.AdditionalProperties.Schema != nil {
		m, err := g.resolve(s.AdditionalProperties.Schema, depth+1)
		if err != nil {
			return nil, fmt.Errorf("additionalProperties: %w", err)
		}
		n.mapOf = m
	}
	n.enum = slices.Clone(s.Enum)
	n.format = s.Format
	if s.Pattern != "" {
		re, err := regexp.Compile(s.Pattern)
		if err != nil {
			return nil, fmt.Errorf("pattern %q: %w", s.Pattern, err)
		}
		n.pattern = re
	}
	if s.MinLength != nil {
		n.minLen = *s.MinLength
	}
	if s.MaxLength != nil {
		n.maxLen = *s.MaxLength
	}
	n.min, n.max = s.Minimum, s.Maximum
	if n.typ == "" && len(n.props) > 0 {
		n.typ = "object"
	}
	return n, nil
}

// merge adds o (an allOf part) to n.
func (n *node) merge(o *node) error {
	if o.typ != "" {
		if n.typ != "" && n.typ != o.typ {
			return fmt.Errorf("allOf parts of types %s and %s", n.typ, o.typ)
		}
		n.typ = o.typ
	}
	for name, p := range o.props {
		if have, ok := n.props[name]; ok && have != p {
			merged := have.clone()
			if err := merged.merge(p); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			p = merged
		}
		n.props[name] = p
	}
	for r := range o.required {
		n.required[r] = true
	}
	n.items = cmpOr(n.items, o.items)
	n.mapOf = cmpOr(n.mapOf, o.mapOf)
	if len(o.enum) > 0 {
		n.enum = o.enum
	}
	n.format = cmpOr(n.format, o.format)
	n.pattern = cmpOr(n.pattern, o.pattern)
	n.minLen = max(n.minLen, o.minLen)
	if o.maxLen > 0 && (n.maxLen == 0 || o.maxLen < n.maxLen) {
		n.maxLen = o.maxLen
	}
	n.min, n.max = cmpOr(n.min, o.min), cmpOr(n.max, o.max)
	n.shapes = append(n.shapes, o.shapes...)
	return nil
}

func cmpOr[T comparable](a, b T) T {
	var zero T
	if a != zero {
		return a
	}
	return b
}

func (n *node) clone() *node {
	c := *n
	c.name = ""
	c.props = map[string]*node{}
	for k, v := range n.props {
		c.props[k] = v
	}
	c.required = map[string]bool{}
	for k, v := range n.required {
		c.required[k] = v
	}
	c.shapes = slices.Clone(n.shapes)
	return &c
}

// shapesOf returns the shapes of an anyOf variant: one per discriminator
// assignment of the variant (see discriminators).
func (g *generator) shapesOf(v *node) ([]*shape, error) {
	if s, ok := g.shapes[v.name]; ok {
		return s, nil
	}
	assigns, ok := discriminators[v.name]
	if !ok {
		return nil, fmt.Errorf("variant %s has no discriminator values (add it to discriminators)", v.name)
	}
	g.usedDiscriminators[v.name] = true
	var out []*shape
	for _, a := range assigns {
		for member, value := range a {
			p := v.props[member]
			if p == nil {
				continue // the variant does not declare it; its bodies carry it all the same
			}
			if !slices.Contains(p.enum, value) {
				return nil, fmt.Errorf("variant %s: %q is not among the values %v of %s", v.name, value, p.enum, member)
			}
		}
		name := v.name
		if len(assigns) > 1 {
			name += "_" + a[discriminatorName(a)]
		}
		out = append(out, &shape{name: name, node: v, fixed: a})
	}
	g.shapes[v.name] = out
	return out, nil
}

// discriminatorName is the member whose value names a shape among several of
// one variant: the last one in name order ("type" after "protocol").
func discriminatorName(a map[string]string) string {
	keys := sortedKeys(a)
	return keys[len(keys)-1]
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
