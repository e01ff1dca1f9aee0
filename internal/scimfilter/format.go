package scimfilter

import (
	"strings"
	"unicode/utf8"
)

// Format returns the canonical rendering of n: keywords in lower case,
// single spaces, and parentheses exactly where the tree needs them, so
// that [Parse] reads back an [Equal] tree for every valid n (see
// [Validate]). And binds tighter than or and both are left-associative:
// Or{Or{a, b}, c} renders as "a or b or c", Or{a, Or{b, c}} as
// "a or (b or c)" and And{Or{a, b}, c} as "(a or b) and c".
//
// Strings are rendered as JSON string literals (see [Value.String]), so no
// value can change the structure of the filter. Parts that [Validate]
// rejects are never written raw either: an invalid attribute path or
// operator is written as a string literal, so the output fails to parse
// instead of meaning something else, and an invalid number as a string.
// A nil Node renders as nothing; Format(nil) is "".
func Format(n Node) string {
	var b strings.Builder
	write(&b, n)
	return b.String()
}

func write(b *strings.Builder, n Node) {
	switch n := n.(type) {
	case Compare:
		writeAttr(b, n.Attr)
		b.WriteByte(' ')
		if compareOps[n.Op] {
			b.WriteString(string(n.Op))
		} else {
			quote(b, string(n.Op))
		}
		b.WriteByte(' ')
		n.Value.write(b)
	case Present:
		writeAttr(b, n.Attr)
		b.WriteString(" pr")
	case And:
		writeParen(b, n.Left, isOr(n.Left))
		b.WriteString(" and ")
		writeParen(b, n.Right, isLogical(n.Right))
	case Or:
		write(b, n.Left)
		b.WriteString(" or ")
		writeParen(b, n.Right, isOr(n.Right))
	case Not:
		b.WriteString("not (")
		write(b, n.X)
		b.WriteByte(')')
	case ValuePath:
		writeAttr(b, n.Attr)
		b.WriteByte('[')
		write(b, n.Filter)
		b.WriteByte(']')
	}
}

// writeAttr writes a valid attribute path as is, and an invalid one as a
// string literal, which no parser accepts in that position.
func writeAttr(b *strings.Builder, attr string) {
	if ValidAttr(attr) {
		b.WriteString(attr)
	} else {
		quote(b, attr)
	}
}

func writeParen(b *strings.Builder, n Node, paren bool) {
	if paren {
		b.WriteByte('(')
	}
	write(b, n)
	if paren {
		b.WriteByte(')')
	}
}

func (n Compare) String() string   { return Format(n) }
func (n Present) String() string   { return Format(n) }
func (n And) String() string       { return Format(n) }
func (n Or) String() string        { return Format(n) }
func (n Not) String() string       { return Format(n) }
func (n ValuePath) String() string { return Format(n) }

// String renders v as a filter literal: null, true, false, the number text
// or a JSON string literal. In strings, '"' and '\'
// are escaped, control characters become \b \t \n \f \r or \u00XX, other
// characters are kept as UTF-8, and each invalid UTF-8 sequence is
// replaced by U+FFFD.
func (v Value) String() string {
	var b strings.Builder
	v.write(&b)
	return b.String()
}

func (v Value) write(b *strings.Builder) {
	switch v.Kind {
	case KindBool:
		if v.Bool {
			b.WriteString("true")
		} else {
			b.WriteString("false")
		}
	case KindNumber:
		if n := scanNumber(v.Num); n > 0 && n == len(v.Num) {
			b.WriteString(v.Num)
		} else {
			quote(b, v.Num)
		}
	case KindString:
		quote(b, v.Str)
	default:
		b.WriteString("null")
	}
}

const hexDigits = "0123456789abcdef"

func quote(b *strings.Builder, s string) {
	b.WriteByte('"')
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				// Collapse a run of invalid bytes into one U+FFFD, as
				// strings.ToValidUTF8 does.
				b.WriteRune(utf8.RuneError)
				for i < len(s) {
					r, size = utf8.DecodeRuneInString(s[i:])
					if r != utf8.RuneError || size != 1 {
						break
					}
					i++
				}
				continue
			}
			b.WriteString(s[i : i+size])
			i += size
			continue
		}
		switch c {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if c < 0x20 {
				b.WriteString(`\u00`)
				b.WriteByte(hexDigits[c>>4])
				b.WriteByte(hexDigits[c&0xf])
			} else {
				b.WriteByte(c)
			}
		}
		i++
	}
	b.WriteByte('"')
}
