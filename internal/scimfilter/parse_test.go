package scimfilter

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func str(s string) Value   { return Value{Kind: KindString, Str: s} }
func num(s string) Value   { return Value{Kind: KindNumber, Num: s} }
func boolean(b bool) Value { return Value{Kind: KindBool, Bool: b} }

func eq(attr string, v Value) Compare { return Compare{Attr: attr, Op: Eq, Value: v} }
func pr(attr string) Present          { return Present{Attr: attr} }

func TestParseValid(t *testing.T) {
	t.Parallel()
	a, b, c, d := pr("a"), pr("b"), pr("c"), pr("d")
	tests := []struct {
		in   string
		want Node
	}{
		{`username eq "bob"`, eq("username", str("bob"))},
		{`userName EQ "bob"`, eq("userName", str("bob"))},
		{`name.given sw "Al"`, Compare{Attr: "name.given", Op: Sw, Value: str("Al")}},
		{`a_b$c-d ne 1`, Compare{Attr: "a_b$c-d", Op: Ne, Value: num("1")}},
		{`x co "y"`, Compare{Attr: "x", Op: Co, Value: str("y")}},
		{`x ew "y"`, Compare{Attr: "x", Op: Ew, Value: str("y")}},
		{`x gt -1.5e+10`, Compare{Attr: "x", Op: Gt, Value: num("-1.5e+10")}},
		{`x ge 0`, Compare{Attr: "x", Op: Ge, Value: num("0")}},
		{`x lt 0.25`, Compare{Attr: "x", Op: Lt, Value: num("0.25")}},
		{`x le 1E3`, Compare{Attr: "x", Op: Le, Value: num("1E3")}},
		{`enabled eq true`, eq("enabled", boolean(true))},
		{`enabled eq FALSE`, eq("enabled", boolean(false))},
		{`x eq Null`, eq("x", Value{Kind: KindNull})},
		{`title PR`, pr("title")},
		{"  a pr\t\r\n", a},
		{`((a pr))`, a},
		{`a pr and b pr`, And{a, b}},
		{`a pr AND b pr aNd c pr`, And{And{a, b}, c}},
		{`a pr or b pr or c pr`, Or{Or{a, b}, c}},
		{`a pr or b pr and c pr`, Or{a, And{b, c}}},
		{`a pr and b pr or c pr`, Or{And{a, b}, c}},
		{`a pr and b pr or c pr and d pr`, Or{And{a, b}, And{c, d}}},
		{`a pr and (b pr or c pr)`, And{a, Or{b, c}}},
		{`a pr or (b pr or c pr)`, Or{a, Or{b, c}}},
		{`(a pr or b pr) and c pr`, And{Or{a, b}, c}},
		{`not (a pr)`, Not{a}},
		{`NOT(a pr) and b pr`, And{Not{a}, b}},
		{`not (a pr or b pr)`, Not{Or{a, b}}},
		{`memberOfGroups[id eq "abc"]`, ValuePath{Attr: "memberOfGroups", Filter: eq("id", str("abc"))}},
		{`memberOfGroups [id eq "abc" or id eq "d"] and a pr`, And{ValuePath{Attr: "memberOfGroups", Filter: Or{eq("id", str("abc")), eq("id", str("d"))}}, a}},
		{`a[b[c pr]]`, ValuePath{Attr: "a", Filter: ValuePath{Attr: "b", Filter: c}}},
		{`a eq "x"and b pr`, And{eq("a", str("x")), b}},
		{`a eq 1`, eq("a", num("1"))},
		// Keywords are only keywords where one is expected.
		{`not eq "x"`, eq("not", str("x"))},
		{`not[and pr]`, ValuePath{Attr: "not", Filter: pr("and")}},
		{`and pr or or pr`, Or{pr("and"), pr("or")}},
		{`pr pr`, pr("pr")},
		// Strings.
		{`a eq ""`, eq("a", str(""))},
		{`a eq "q\"b\\s\/ \b\f\n\r\t"`, eq("a", str("q\"b\\s/ \b\f\n\r\t"))},
		{`a eq "\u0000\u00e9\u00E9é日本"`, eq("a", str("\x00ééé日本"))},
		{`a eq "\ud83d\ude00"`, eq("a", str("😀"))},
		{`a eq "\ud83d"`, eq("a", str("\uFFFD"))},
		{`a eq "\ude00\ud83dx"`, eq("a", str("\uFFFD\uFFFDx"))},
		{`a eq "\ud83d\u0041"`, eq("a", str("\uFFFDA"))},
		{`a eq ") or (b pr"`, eq("a", str(") or (b pr"))},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, err := Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Parse mismatch (-want +got):\n%s", diff)
			}
			if !Equal(tt.want, got) {
				t.Errorf("Equal(want, got) = false")
			}
			if err := Validate(got); err != nil {
				t.Errorf("Validate: %v", err)
			}
		})
	}
}

func TestParseInvalid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in     string
		offset int
		msg    string
	}{
		{``, 0, "empty filter"},
		{`   `, 3, "empty filter"},
		{`a`, 1, `unexpected end of filter, expected an operator or "[" after attribute "a"`},
		{`a eq`, 4, "expected a value"},
		{`a eq b`, 5, `unexpected "b", expected a value`},
		{`a foo "x"`, 2, `unexpected "foo", expected an operator`},
		{`a eq "x" b pr`, 9, `unexpected "b", expected "and", "or" or end of filter`},
		{`a pr and`, 8, `unexpected end of filter, expected an attribute, "(" or "not"`},
		{`a pr or or`, 10, `expected an operator`},
		{`(a pr`, 5, `expected "and", "or" or ")"`},
		{`a pr)`, 4, `unexpected ")"`},
		{`a[b pr`, 6, `expected "and", "or" or "]"`},
		{`a[b pr)`, 6, `unexpected ")"`},
		{`[b pr]`, 0, `unexpected "["`},
		{`a pr and ]`, 9, `unexpected "]"`},
		{`not a pr`, 4, `unexpected "a", expected "(" after "not"`},
		{`not`, 3, `expected "(" after "not"`},
		{`not ()`, 5, `unexpected ")"`},
		{`1 eq 2`, 0, `unexpected number 1`},
		{`"a" eq 2`, 0, `unexpected string`},
		{`name. eq 1`, 0, `invalid attribute name "name."`},
		{`a..b eq 1`, 0, `invalid attribute name`},
		{`a.1 eq 1`, 0, `invalid attribute name`},
		{`a.$b pr`, 0, `invalid attribute name`},
		{`a eq 01`, 5, "invalid number"},
		{`a eq 1.`, 5, "invalid number"},
		{`a eq 1.e5`, 5, "invalid number"},
		{`a eq -`, 5, "invalid number"},
		{`a eq 1x`, 5, "invalid number"},
		{`a eq 1e`, 5, "invalid number"},
		{`a eq +1`, 5, "unexpected character '+'"},
		{`a eq 'x'`, 5, "unexpected character '\\''"},
		{`a eq "x`, 5, "unterminated string"},
		{`a eq "x\`, 5, "unterminated string"},
		{`a eq "x` + "\n" + `"`, 7, "control character in string"},
		{`a eq "\x"`, 6, `invalid escape "\\x"`},
		{`a eq "\u12"`, 6, `invalid \u escape`},
		{`a eq "\u12g4"`, 6, `invalid \u escape`},
		{`a eq "` + "\xff" + `"`, 6, "invalid UTF-8"},
		{"a pr and é pr", 9, "unexpected character 'é'"},
		{`a eq truex`, 5, `unexpected "truex"`},
		{`a pr & b pr`, 5, `unexpected character '&'`},
		{strings.Repeat("(", MaxDepth) + "a pr" + strings.Repeat(")", MaxDepth) + " and " + strings.Repeat("(", MaxDepth+1), 2*MaxDepth + 9 + MaxDepth, "nested more than 64 levels deep"},
		{strings.Repeat("not (", MaxDepth+1), 5*MaxDepth + 4, "nested more than 64 levels deep"},
		{strings.Repeat("a[", MaxDepth+1), 2*MaxDepth + 1, "nested more than 64 levels deep"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			n, err := Parse(tt.in)
			if n != nil {
				t.Errorf("Parse returned node %v with error", n)
			}
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse error = %v, want *SyntaxError", err)
			}
			if se.Offset != tt.offset || !strings.Contains(se.Msg, tt.msg) {
				t.Errorf("Parse error = %v, want offset %d and message containing %q", err, tt.offset, tt.msg)
			}
		})
	}
}

func TestParseDepthLimit(t *testing.T) {
	t.Parallel()
	deep := strings.Repeat("(", MaxDepth) + "a pr" + strings.Repeat(")", MaxDepth)
	n, err := Parse(deep)
	if err != nil || Depth(n) != 0 {
		t.Errorf("Parse(%d parentheses) = %v, %v", MaxDepth, n, err)
	}
	if _, err := Parse("(" + deep + ")"); err == nil {
		t.Errorf("Parse(%d parentheses) succeeded", MaxDepth+1)
	}

	vp := strings.Repeat("a[", MaxDepth) + "b pr" + strings.Repeat("]", MaxDepth)
	n, err = Parse(vp)
	if err != nil || Depth(n) != MaxDepth || Format(n) != vp {
		t.Errorf("Parse(%d value paths) = %v, %v", MaxDepth, n, err)
	}

	// Far deeper input fails quickly and without exhausting the stack.
	if _, err := Parse(strings.Repeat("(", 1_000_000)); err == nil {
		t.Error("Parse(1e6 parentheses) succeeded")
	}

	// Long flat chains are not nesting.
	long := "a pr" + strings.Repeat(" and a pr or a pr", 10_000)
	n, err = Parse(long)
	if err != nil {
		t.Fatal(err)
	}
	if Depth(n) != 0 || Format(n) != long {
		t.Errorf("long chain: depth %d, round trip %t", Depth(n), Format(n) == long)
	}
}

func TestValidAttr(t *testing.T) {
	t.Parallel()
	for _, ok := range []string{"a", "userName", "name.given", "a1_$-", "A.b.C", "x-y"} {
		if !ValidAttr(ok) {
			t.Errorf("ValidAttr(%q) = false", ok)
		}
	}
	for _, bad := range []string{"", ".", "a.", ".a", "a..b", "1a", "_a", "$a", "-a", "a b", "a]", "a[", `a"`, "é", "a.1", "a:b", "urn:x:y"} {
		if ValidAttr(bad) {
			t.Errorf("ValidAttr(%q) = true", bad)
		}
	}
}
