package scimfilter

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// SyntaxError is returned by [Parse] for input that is not a filter.
type SyntaxError struct {
	Offset int    // byte offset in the input where the problem was found
	Msg    string // what is wrong, without the offset
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("invalid SCIM filter at offset %d: %s", e.Offset, e.Msg)
}

// Parse parses a filter. Keywords (and, or, not, operators, true, false,
// null) are case-insensitive; whitespace is optional where a token ends
// unambiguously. String literals use JSON syntax; a lone UTF-16 surrogate
// escape such as \ud800 decodes to U+FFFD, as in encoding/json. Input that
// is not valid UTF-8, or nests parentheses, "not" or value paths deeper
// than [MaxDepth], is rejected. Errors are of type [*SyntaxError].
func Parse(s string) (Node, error) {
	if !utf8.ValidString(s) {
		off := 0
		for off < len(s) {
			r, size := utf8.DecodeRuneInString(s[off:])
			if r == utf8.RuneError && size == 1 {
				break
			}
			off += size
		}
		return nil, &SyntaxError{Offset: off, Msg: "invalid UTF-8"}
	}
	p := &parser{src: s}
	if err := p.advance(); err != nil {
		return nil, err
	}
	if p.tok.kind == tokEOF {
		return nil, p.errorf(p.tok, "empty filter")
	}
	n, err := p.parseOr(0)
	if err != nil {
		return nil, err
	}
	if p.tok.kind != tokEOF {
		return nil, p.unexpected(`"and", "or" or end of filter`)
	}
	return n, nil
}

type tokKind uint8

const (
	tokEOF tokKind = iota
	tokLParen
	tokRParen
	tokLBracket
	tokRBracket
	tokWord   // attribute path or keyword
	tokString // text is the decoded string
	tokNumber // text is the number as written
)

type token struct {
	kind tokKind
	pos  int
	text string
}

type parser struct {
	src string
	pos int   // offset just after tok
	tok token // current token
}

func (p *parser) errorf(t token, format string, args ...any) *SyntaxError {
	return &SyntaxError{Offset: t.pos, Msg: fmt.Sprintf(format, args...)}
}

// unexpected reports the current token as unexpected.
func (p *parser) unexpected(want string) *SyntaxError {
	return p.errorf(p.tok, "unexpected %s, expected %s", describe(p.tok), want)
}

func describe(t token) string {
	switch t.kind {
	case tokEOF:
		return "end of filter"
	case tokString:
		return "string"
	case tokNumber:
		return "number " + shorten(t.text)
	case tokWord:
		return strconv.Quote(shorten(t.text))
	default:
		return strconv.Quote(t.text)
	}
}

func shorten(s string) string {
	if len(s) > 32 {
		return s[:32] + "…"
	}
	return s
}

// advance reads the next token into p.tok.
func (p *parser) advance() error {
	t, end, err := lex(p.src, p.pos)
	if err != nil {
		return err
	}
	p.tok, p.pos = t, end
	return nil
}

// peek returns the token after the current one without consuming it.
func (p *parser) peek() (token, error) {
	t, _, err := lex(p.src, p.pos)
	return t, err
}

func (p *parser) isKeyword(kw string) bool {
	return p.tok.kind == tokWord && strings.EqualFold(p.tok.text, kw)
}

// expect consumes a token of kind k or fails with an error naming want.
func (p *parser) expect(k tokKind, want string) error {
	if p.tok.kind != k {
		return p.unexpected(want)
	}
	return p.advance()
}

func (p *parser) parseOr(depth int) (Node, error) {
	left, err := p.parseAnd(depth)
	if err != nil {
		return nil, err
	}
	for p.isKeyword("or") {
		if err := p.advance(); err != nil {
			return nil, err
		}
		right, err := p.parseAnd(depth)
		if err != nil {
			return nil, err
		}
		left = Or{Left: left, Right: right}
	}
	return left, nil
}

func (p *parser) parseAnd(depth int) (Node, error) {
	left, err := p.parseFactor(depth)
	if err != nil {
		return nil, err
	}
	for p.isKeyword("and") {
		if err := p.advance(); err != nil {
			return nil, err
		}
		right, err := p.parseFactor(depth)
		if err != nil {
			return nil, err
		}
		left = And{Left: left, Right: right}
	}
	return left, nil
}

// parseGroup parses "(" filter ")" or "[" filter "]" starting at the
// opening token, one level deeper than depth.
func (p *parser) parseGroup(depth int, closing tokKind, want string) (Node, error) {
	if depth >= MaxDepth {
		return nil, p.errorf(p.tok, "filter nested more than %d levels deep", MaxDepth)
	}
	if err := p.advance(); err != nil {
		return nil, err
	}
	n, err := p.parseOr(depth + 1)
	if err != nil {
		return nil, err
	}
	if err := p.expect(closing, want); err != nil {
		return nil, err
	}
	return n, nil
}

func (p *parser) parseFactor(depth int) (Node, error) {
	t := p.tok
	if t.kind == tokLParen {
		return p.parseGroup(depth, tokRParen, `"and", "or" or ")"`)
	}
	if t.kind != tokWord {
		return nil, p.unexpected(`an attribute, "(" or "not"`)
	}

	if strings.EqualFold(t.text, "not") {
		next, err := p.peek()
		if err != nil {
			return nil, err
		}
		switch {
		case next.kind == tokLParen:
			if err := p.advance(); err != nil {
				return nil, err
			}
			x, err := p.parseGroup(depth, tokRParen, `"and", "or" or ")"`)
			if err != nil {
				return nil, err
			}
			return Not{X: x}, nil
		case next.kind == tokLBracket, next.kind == tokWord && isOperator(next.text):
			// An attribute that happens to be called "not".
		default:
			return nil, p.errorf(next, `unexpected %s, expected "(" after "not"`, describe(next))
		}
	}

	if !ValidAttr(t.text) {
		return nil, p.errorf(t, "invalid attribute name %q", shorten(t.text))
	}
	if err := p.advance(); err != nil {
		return nil, err
	}
	switch {
	case p.tok.kind == tokLBracket:
		f, err := p.parseGroup(depth, tokRBracket, `"and", "or" or "]"`)
		if err != nil {
			return nil, err
		}
		return ValuePath{Attr: t.text, Filter: f}, nil
	case p.tok.kind == tokWord && isOperator(p.tok.text):
		op := Operator(strings.ToLower(p.tok.text))
		if err := p.advance(); err != nil {
			return nil, err
		}
		if op == Pr {
			return Present{Attr: t.text}, nil
		}
		v, err := p.parseValue()
		if err != nil {
			return nil, err
		}
		return Compare{Attr: t.text, Op: op, Value: v}, nil
	default:
		return nil, p.unexpected(`an operator or "[" after attribute ` + strconv.Quote(shorten(t.text)))
	}
}

func isOperator(word string) bool {
	op := Operator(strings.ToLower(word))
	return op == Pr || compareOps[op]
}

func (p *parser) parseValue() (Value, error) {
	var v Value
	switch t := p.tok; {
	case t.kind == tokString:
		v = Value{Kind: KindString, Str: t.text}
	case t.kind == tokNumber:
		v = Value{Kind: KindNumber, Num: t.text}
	case p.isKeyword("true"):
		v = Value{Kind: KindBool, Bool: true}
	case p.isKeyword("false"):
		v = Value{Kind: KindBool}
	case p.isKeyword("null"):
		v = Value{Kind: KindNull}
	default:
		return Value{}, p.unexpected("a value (string, number, true, false or null)")
	}
	return v, p.advance()
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// lex scans the token that starts at or after offset i of src.
func lex(src string, i int) (token, int, error) {
	for i < len(src) && isSpace(src[i]) {
		i++
	}
	if i == len(src) {
		return token{kind: tokEOF, pos: i}, i, nil
	}
	c := src[i]
	switch {
	case c == '(':
		return token{kind: tokLParen, pos: i, text: "("}, i + 1, nil
	case c == ')':
		return token{kind: tokRParen, pos: i, text: ")"}, i + 1, nil
	case c == '[':
		return token{kind: tokLBracket, pos: i, text: "["}, i + 1, nil
	case c == ']':
		return token{kind: tokRBracket, pos: i, text: "]"}, i + 1, nil
	case c == '"':
		s, end, err := scanString(src, i)
		return token{kind: tokString, pos: i, text: s}, end, err
	case c == '-' || isDigit(c):
		n := scanNumber(src[i:])
		if n == 0 || i+n < len(src) && (isNameChar(src[i+n]) || src[i+n] == '.') {
			return token{}, 0, &SyntaxError{Offset: i, Msg: "invalid number"}
		}
		return token{kind: tokNumber, pos: i, text: src[i : i+n]}, i + n, nil
	case isLetter(c):
		end := i + 1
		for end < len(src) && (isNameChar(src[end]) || src[end] == '.') {
			end++
		}
		return token{kind: tokWord, pos: i, text: src[i:end]}, end, nil
	default:
		r, _ := utf8.DecodeRuneInString(src[i:])
		return token{}, 0, &SyntaxError{Offset: i, Msg: fmt.Sprintf("unexpected character %q", r)}
	}
}

// scanNumber returns the length of the JSON number at the start of s, or 0
// if s does not start with one.
func scanNumber(s string) int {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case i < len(s) && isDigit(s[i]):
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	default:
		return 0
	}
	if i+1 < len(s) && s[i] == '.' && isDigit(s[i+1]) {
		i += 2
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if j < len(s) && isDigit(s[j]) {
			for j < len(s) && isDigit(s[j]) {
				j++
			}
			i = j
		}
	}
	return i
}

// scanString decodes the JSON string literal that starts at src[start]
// (a '"') and returns it with the offset just after the closing quote.
func scanString(src string, start int) (string, int, error) {
	var b strings.Builder
	i := start + 1
	for i < len(src) {
		c := src[i]
		switch {
		case c == '"':
			return b.String(), i + 1, nil
		case c < 0x20:
			return "", 0, &SyntaxError{Offset: i, Msg: "control character in string (use an escape such as \\n or \\u0000)"}
		case c != '\\':
			b.WriteByte(c)
			i++
			continue
		}
		if i+1 == len(src) {
			break
		}
		switch e := src[i+1]; e {
		case '"', '\\', '/':
			b.WriteByte(e)
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u':
			r, ok := hex4(src, i+2)
			if !ok {
				return "", 0, &SyntaxError{Offset: i, Msg: `invalid \u escape (want four hex digits)`}
			}
			i += 6
			if utf16.IsSurrogate(r) {
				r2, ok := rune(0), false
				if i+1 < len(src) && src[i] == '\\' && src[i+1] == 'u' {
					r2, ok = hex4(src, i+2)
				}
				if dec := utf16.DecodeRune(r, r2); ok && dec != utf8.RuneError {
					r = dec
					i += 6
				} else {
					r = utf8.RuneError
				}
			}
			b.WriteRune(r)
			continue
		default:
			return "", 0, &SyntaxError{Offset: i, Msg: fmt.Sprintf("invalid escape %q in string", src[i:i+2])}
		}
		i += 2
	}
	return "", 0, &SyntaxError{Offset: start, Msg: "unterminated string"}
}

// hex4 decodes four hex digits at src[i:].
func hex4(src string, i int) (rune, bool) {
	if i+4 > len(src) {
		return 0, false
	}
	var r rune
	for _, c := range []byte(src[i : i+4]) {
		var d byte
		switch {
		case isDigit(c):
			d = c - '0'
		case 'a' <= c|0x20 && c|0x20 <= 'f':
			d = (c | 0x20) - 'a' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(d)
	}
	return r, true
}
