// Package scimfilter implements the SCIM filter language (RFC 7644 §3.4.2.2)
// as used by the PingOne Management API: the syntax tree, a parser, a
// canonical formatter, an in-memory evaluator and a checker for the
// attribute/operator restrictions of an endpoint.
//
// The grammar, from loosest to tightest binding:
//
//	filter    = term *("or" term)                  ; left-associative
//	term      = factor *("and" factor)             ; left-associative
//	factor    = "not" "(" filter ")"
//	          / "(" filter ")"
//	          / attrPath "[" filter "]"            ; value path
//	          / attrPath "pr"
//	          / attrPath compareOp compValue
//	compareOp = "eq" / "ne" / "co" / "sw" / "ew" / "gt" / "ge" / "lt" / "le"
//	compValue = JSON string / JSON number / "true" / "false" / "null"
//	attrPath  = name *("." name)
//	name      = ALPHA *(ALPHA / DIGIT / "_" / "$" / "-")
//
// Keywords are case-insensitive on input and rendered in lower case.
// A valid tree (see [Validate]) always survives a round trip:
// Parse(Format(n)) returns a tree equal to n.
package scimfilter

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// MaxDepth is the deepest nesting of parentheses, "not (…)" and value-path
// brackets that [Parse] accepts and that [Validate] allows.
const MaxDepth = 64

// Node is a filter expression: one of [Compare], [Present], [And], [Or],
// [Not] or [ValuePath]. Nodes are plain comparable values; a nil Node is
// "no filter".
type Node interface {
	// String returns the canonical rendering, as [Format] does.
	String() string
	node()
}

// Operator is a comparison operator keyword, always lower case.
type Operator string

// The comparison operators. Pr is used only by [Present] nodes and in
// [Rules].
const (
	Eq Operator = "eq"
	Ne Operator = "ne"
	Co Operator = "co"
	Sw Operator = "sw"
	Ew Operator = "ew"
	Gt Operator = "gt"
	Ge Operator = "ge"
	Lt Operator = "lt"
	Le Operator = "le"
	Pr Operator = "pr"
)

// compareOps maps each keyword that may appear in a [Compare] node to true.
var compareOps = map[Operator]bool{Eq: true, Ne: true, Co: true, Sw: true, Ew: true, Gt: true, Ge: true, Lt: true, Le: true}

// Compare is "Attr Op Value", for example name.given sw "Al".
type Compare struct {
	Attr  string
	Op    Operator // any operator but [Pr]
	Value Value
}

// Present is "Attr pr".
type Present struct {
	Attr string
}

// And is "Left and Right".
type And struct {
	Left, Right Node
}

// Or is "Left or Right".
type Or struct {
	Left, Right Node
}

// Not is "not (X)".
type Not struct {
	X Node
}

// ValuePath is a complex attribute filter "Attr[Filter]", for example
// memberOfGroups[id eq "…"]. Attribute paths inside Filter are relative to
// the elements of Attr.
type ValuePath struct {
	Attr   string
	Filter Node
}

func (Compare) node()   {}
func (Present) node()   {}
func (And) node()       {}
func (Or) node()        {}
func (Not) node()       {}
func (ValuePath) node() {}

// Kind is the type of a literal [Value].
type Kind uint8

// The literal kinds. The zero Kind is null.
const (
	KindNull Kind = iota
	KindBool
	KindNumber
	KindString
)

// Value is a literal in a comparison. Only the field for its Kind is used;
// the canonical form leaves the other fields zero.
type Value struct {
	Kind Kind
	Str  string // KindString: the decoded string
	Num  string // KindNumber: the number as written, in JSON number syntax
	Bool bool   // KindBool
}

// ValidAttr reports whether path is a valid attribute path: one or more
// names matching [A-Za-z][A-Za-z0-9_$-]* joined by ".".
func ValidAttr(path string) bool {
	for name := range strings.SplitSeq(path, ".") {
		if name == "" || !isLetter(name[0]) {
			return false
		}
		for i := 1; i < len(name); i++ {
			if !isNameChar(name[i]) {
				return false
			}
		}
	}
	return true
}

func isLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }
func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isNameChar(c byte) bool {
	return isLetter(c) || isDigit(c) || c == '_' || c == '$' || c == '-'
}

// Validate reports whether n is a tree that [Format] renders faithfully:
// no nil children, valid attribute paths and operators, well-formed
// literals (numbers in JSON syntax, strings in valid UTF-8) and nesting no
// deeper than [MaxDepth]. Trees returned by [Parse] are always valid.
func Validate(n Node) error {
	if n == nil {
		return fmt.Errorf("scim filter: empty filter")
	}
	if err := validate(n); err != nil {
		return err
	}
	if d := Depth(n); d > MaxDepth {
		return fmt.Errorf("scim filter: nested %d levels deep, more than %d", d, MaxDepth)
	}
	return nil
}

func validate(n Node) error {
	switch n := n.(type) {
	case Compare:
		if err := validAttr(n.Attr); err != nil {
			return err
		}
		if !compareOps[n.Op] {
			return fmt.Errorf("scim filter: invalid comparison operator %q", n.Op)
		}
		return validValue(n.Value)
	case Present:
		return validAttr(n.Attr)
	case And:
		return validatePair(n.Left, n.Right)
	case Or:
		return validatePair(n.Left, n.Right)
	case Not:
		return validate(n.X)
	case ValuePath:
		if err := validAttr(n.Attr); err != nil {
			return err
		}
		return validate(n.Filter)
	case nil:
		return fmt.Errorf("scim filter: missing operand")
	default:
		return fmt.Errorf("scim filter: unknown node type %T", n)
	}
}

func validatePair(a, b Node) error {
	if err := validate(a); err != nil {
		return err
	}
	return validate(b)
}

func validAttr(path string) error {
	if !ValidAttr(path) {
		return fmt.Errorf("scim filter: invalid attribute name %q", path)
	}
	return nil
}

func validValue(v Value) error {
	switch v.Kind {
	case KindNull, KindBool:
		return nil
	case KindString:
		if !utf8.ValidString(v.Str) {
			return fmt.Errorf("scim filter: string value is not valid UTF-8")
		}
		return nil
	case KindNumber:
		if n := scanNumber(v.Num); n == 0 || n != len(v.Num) {
			return fmt.Errorf("scim filter: invalid number %q", v.Num)
		}
		return nil
	default:
		return fmt.Errorf("scim filter: invalid value kind %d", v.Kind)
	}
}

// Depth returns how deeply [Format] nests the rendering of n: the number
// of enclosing parentheses, "not (…)" and value-path brackets around its
// innermost part. [Parse] accepts depths up to [MaxDepth].
func Depth(n Node) int {
	switch n := n.(type) {
	case And:
		return max(Depth(n.Left)+b2i(isOr(n.Left)), Depth(n.Right)+b2i(isLogical(n.Right)))
	case Or:
		return max(Depth(n.Left), Depth(n.Right)+b2i(isOr(n.Right)))
	case Not:
		return 1 + Depth(n.X)
	case ValuePath:
		return 1 + Depth(n.Filter)
	default:
		return 0
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func isOr(n Node) bool {
	_, ok := n.(Or)
	return ok
}

func isLogical(n Node) bool {
	switch n.(type) {
	case And, Or:
		return true
	}
	return false
}

// Equal reports whether a and b are the same tree. Attribute names and
// strings compare exactly; numbers compare by their text, so 1 and 1.0
// differ (use [Eval] for semantic comparison).
func Equal(a, b Node) bool {
	switch a := a.(type) {
	case nil:
		return b == nil
	case Compare:
		b, ok := b.(Compare)
		return ok && a.Attr == b.Attr && a.Op == b.Op && a.Value.Equal(b.Value)
	case Present:
		b, ok := b.(Present)
		return ok && a.Attr == b.Attr
	case And:
		b, ok := b.(And)
		return ok && Equal(a.Left, b.Left) && Equal(a.Right, b.Right)
	case Or:
		b, ok := b.(Or)
		return ok && Equal(a.Left, b.Left) && Equal(a.Right, b.Right)
	case Not:
		b, ok := b.(Not)
		return ok && Equal(a.X, b.X)
	case ValuePath:
		b, ok := b.(ValuePath)
		return ok && a.Attr == b.Attr && Equal(a.Filter, b.Filter)
	default:
		return false
	}
}

// Equal reports whether v and w are the same literal, looking only at the
// field that their Kind uses.
func (v Value) Equal(w Value) bool {
	if v.Kind != w.Kind {
		return false
	}
	switch v.Kind {
	case KindBool:
		return v.Bool == w.Bool
	case KindNumber:
		return v.Num == w.Num
	case KindString:
		return v.Str == w.Str
	default:
		return true
	}
}
