package scimfilter

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFormat(t *testing.T) {
	t.Parallel()
	a, b, c, d := pr("a"), pr("b"), pr("c"), pr("d")
	tests := []struct {
		n    Node
		want string
	}{
		{nil, ""},
		{eq("userName", str("bob")), `userName eq "bob"`},
		{Compare{Attr: "x", Op: Ge, Value: num("-1.5e+10")}, `x ge -1.5e+10`},
		{eq("x", boolean(true)), `x eq true`},
		{eq("x", boolean(false)), `x eq false`},
		{eq("x", Value{}), `x eq null`},
		{a, `a pr`},
		{And{a, b}, `a pr and b pr`},
		{And{And{a, b}, c}, `a pr and b pr and c pr`},
		{And{a, And{b, c}}, `a pr and (b pr and c pr)`},
		{Or{Or{a, b}, c}, `a pr or b pr or c pr`},
		{Or{a, Or{b, c}}, `a pr or (b pr or c pr)`},
		{Or{And{a, b}, c}, `a pr and b pr or c pr`},
		{Or{a, And{b, c}}, `a pr or b pr and c pr`},
		{And{Or{a, b}, c}, `(a pr or b pr) and c pr`},
		{And{a, Or{b, c}}, `a pr and (b pr or c pr)`},
		{And{Or{a, b}, Or{c, d}}, `(a pr or b pr) and (c pr or d pr)`},
		{Or{And{a, b}, And{c, d}}, `a pr and b pr or c pr and d pr`},
		{Not{a}, `not (a pr)`},
		{Not{Or{a, b}}, `not (a pr or b pr)`},
		{And{Not{a}, b}, `not (a pr) and b pr`},
		{ValuePath{Attr: "memberOfGroups", Filter: eq("id", str("g1"))}, `memberOfGroups[id eq "g1"]`},
		{ValuePath{Attr: "m", Filter: Or{a, b}}, `m[a pr or b pr]`},
		{Or{ValuePath{Attr: "m", Filter: a}, b}, `m[a pr] or b pr`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			t.Parallel()
			if got := Format(tt.n); got != tt.want {
				t.Errorf("Format = %s, want %s", got, tt.want)
			}
			if tt.n == nil {
				return
			}
			if got := tt.n.String(); got != tt.want {
				t.Errorf("String = %s, want %s", got, tt.want)
			}
			back, err := Parse(tt.want)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.n, back); diff != "" {
				t.Errorf("round trip (-want +got):\n%s", diff)
			}
			if got, want := Depth(tt.n), nesting(tt.want); got != want {
				t.Errorf("Depth = %d, want %d", got, want)
			}
		})
	}
}

// nesting returns the deepest bracket nesting in s, which must not
// contain brackets inside strings.
func nesting(s string) int {
	depth, deepest := 0, 0
	for _, c := range s {
		switch c {
		case '(', '[':
			depth++
			deepest = max(deepest, depth)
		case ')', ']':
			depth--
		}
	}
	return deepest
}

func TestFormatStrings(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, want string
		back     string // the string Parse reads back; in if empty
	}{
		{"plain", `"plain"`, ""},
		{"", `""`, ""},
		{`a" or username pr or "`, `"a\" or username pr or \""`, ""},
		{`back\slash\`, `"back\\slash\\"`, ""},
		{`\"`, `"\\\""`, ""},
		{"line\nbreak\r\ttab\b\f", `"line\nbreak\r\ttab\b\f"`, ""},
		{"nul\x00 esc\x1b del\x7f", `"nul\u0000 esc\u001b del` + "\x7f" + `"`, ""},
		{"héllo 日本 😀 \u2028", "\"héllo 日本 😀 \u2028\"", ""},
		{"/<>&'", `"/<>&'"`, ""},
		{"bad\xffutf8\xc3", "\"bad\uFFFDutf8\uFFFD\"", "bad\uFFFDutf8\uFFFD"},
		{"run\xff\xfe\xfdend", "\"run\uFFFDend\"", "run\uFFFDend"},
		{") or (a pr", `") or (a pr"`, ""},
		{"] or [", `"] or ["`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			t.Parallel()
			v := str(tt.in)
			if got := v.String(); got != tt.want {
				t.Errorf("String = %s, want %s", got, tt.want)
			}
			n := eq("a", v)
			back, err := Parse(Format(n))
			if err != nil {
				t.Fatal(err)
			}
			want := tt.back
			if want == "" {
				want = tt.in
			}
			if diff := cmp.Diff(eq("a", str(want)), back); diff != "" {
				t.Errorf("round trip (-want +got):\n%s", diff)
			}
		})
	}
}

// TestFormatInvalidTree checks that trees Validate rejects never render
// as a filter with a different structure.
func TestFormatInvalidTree(t *testing.T) {
	t.Parallel()
	tests := []struct {
		n    Node
		want string
		err  string
	}{
		{eq(`a eq "x" or b`, str("x")), `"a eq \"x\" or b" eq "x"`, "invalid attribute name"},
		{Compare{Attr: "a", Op: `eq "x" or b eq`, Value: str("y")}, `a "eq \"x\" or b eq" "y"`, "invalid comparison operator"},
		{Compare{Attr: "a", Op: Pr, Value: str("y")}, `a "pr" "y"`, "invalid comparison operator"},
		{eq("a", num(`1 or b pr`)), `a eq "1 or b pr"`, "invalid number"},
		{eq("a", num("")), `a eq ""`, "invalid number"},
		{eq("a", Value{Kind: 9}), `a eq null`, "invalid value kind"},
		{eq("a", str("\xff")), "a eq \"\uFFFD\"", "not valid UTF-8"},
		{Present{Attr: "a pr or b"}, `"a pr or b" pr`, "invalid attribute name"},
		{ValuePath{Attr: "a]", Filter: pr("b")}, `"a]"[b pr]`, "invalid attribute name"},
		{And{Left: pr("a")}, `a pr and `, "missing operand"},
		{Not{}, `not ()`, "missing operand"},
		{ValuePath{Attr: "a"}, `a[]`, "missing operand"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			t.Parallel()
			if got := Format(tt.n); got != tt.want {
				t.Errorf("Format = %s, want %s", got, tt.want)
			}
			if err := Validate(tt.n); err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("Validate = %v, want error containing %q", err, tt.err)
			}
		})
	}
}

func TestValidateDepth(t *testing.T) {
	t.Parallel()
	var n Node = pr("a")
	for range MaxDepth {
		n = Not{n}
	}
	if err := Validate(n); err != nil {
		t.Errorf("Validate(depth %d) = %v", MaxDepth, err)
	}
	if err := Validate(Not{n}); err == nil {
		t.Errorf("Validate(depth %d) = nil", MaxDepth+1)
	}
	if err := Validate(nil); err == nil {
		t.Error("Validate(nil) = nil")
	}
}

func TestEqual(t *testing.T) {
	t.Parallel()
	a, b := pr("a"), pr("b")
	same := []struct{ x, y Node }{
		{nil, nil},
		{a, pr("a")},
		{And{a, b}, And{pr("a"), pr("b")}},
		{eq("a", Value{Kind: KindBool, Bool: true, Str: "ignored"}), eq("a", boolean(true))},
		{eq("a", Value{Kind: KindNull, Num: "1"}), eq("a", Value{})},
		{ValuePath{"m", Not{a}}, ValuePath{"m", Not{a}}},
	}
	for _, tt := range same {
		if !Equal(tt.x, tt.y) || !Equal(tt.y, tt.x) {
			t.Errorf("Equal(%v, %v) = false", tt.x, tt.y)
		}
	}
	different := []struct{ x, y Node }{
		{nil, a},
		{a, pr("A")},
		{And{a, b}, And{b, a}},
		{And{a, b}, Or{a, b}},
		{Or{Or{a, a}, a}, Or{a, Or{a, a}}},
		{eq("a", num("1")), eq("a", num("1.0"))},
		{eq("a", num("1")), eq("a", str("1"))},
		{eq("a", str("x")), eq("a", str("X"))},
		{eq("a", str("x")), Compare{Attr: "a", Op: Ne, Value: str("x")}},
		{ValuePath{"m", a}, ValuePath{"n", a}},
		{Not{a}, Not{b}},
	}
	for _, tt := range different {
		if Equal(tt.x, tt.y) || Equal(tt.y, tt.x) {
			t.Errorf("Equal(%v, %v) = true", tt.x, tt.y)
		}
	}
}
