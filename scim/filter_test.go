package scim_test

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pingone-go/pingone/internal/scimfilter"
	"github.com/pingone-go/pingone/scim"
)

type status string

type level int

type stringer struct{ s string }

func (s stringer) String() string { return s.s }

type ptrStringer struct{ s string }

func (p *ptrStringer) String() string { return p.s }

type panicky struct{}

func (panicky) String() string { panic("boom") }

func TestRender(t *testing.T) {
	t.Parallel()
	ts := time.Date(2021, 2, 25, 23, 51, 49, 790_999_999, time.UTC)
	tests := []struct {
		name string
		f    scim.Filter
		want string
	}{
		{"zero", scim.Filter{}, ""},
		{"eq", scim.Eq("username", "bob"), `username eq "bob"`},
		{"ne", scim.Ne("type", "CUSTOM"), `type ne "CUSTOM"`},
		{"co", scim.Co("email", "example"), `email co "example"`},
		{"sw", scim.Sw("name.given", "Al"), `name.given sw "Al"`},
		{"ew", scim.Ew("email", "@x.com"), `email ew "@x.com"`},
		{"gt", scim.Gt("age", 1), `age gt 1`},
		{"ge", scim.Ge("age", int64(-5)), `age ge -5`},
		{"lt", scim.Lt("age", uint8(200)), `age lt 200`},
		{"le", scim.Le("score", 2.5), `score le 2.5`},
		{"pr", scim.Pr("nickname"), `nickname pr`},
		{"attr chars", scim.Pr("a_b$c-d.E9"), `a_b$c-d.E9 pr`},
		{"true", scim.Eq("enabled", true), `enabled eq true`},
		{"false", scim.Eq("enabled", false), `enabled eq false`},
		{"nil", scim.Eq("title", nil), `title eq null`},
		{"nil pointer", scim.Eq("title", (*string)(nil)), `title eq null`},
		{"nil time pointer", scim.Eq("title", (*time.Time)(nil)), `title eq null`},
		{"nil stringer pointer", scim.Eq("title", (*ptrStringer)(nil)), `title eq null`},
		{"int kinds", scim.And(scim.Eq("a", int8(-8)), scim.Eq("b", int16(16)), scim.Eq("c", int32(32)), scim.Eq("d", math.MinInt64)), `a eq -8 and b eq 16 and c eq 32 and d eq -9223372036854775808`},
		{"uint kinds", scim.And(scim.Eq("a", uint(1)), scim.Eq("b", uint16(16)), scim.Eq("c", uint32(32)), scim.Eq("d", uint64(math.MaxUint64)), scim.Eq("e", uintptr(7))), `a eq 1 and b eq 16 and c eq 32 and d eq 18446744073709551615 and e eq 7`},
		{"float32", scim.Eq("a", float32(0.1)), `a eq 0.1`},
		{"float64 big", scim.Eq("a", 1e21), `a eq 1e+21`},
		{"float64 small", scim.Eq("a", 1.5e-7), `a eq 1.5e-07`},
		{"negative zero", scim.Eq("a", math.Copysign(0, -1)), `a eq -0`},
		{"time", scim.Ge("createdAt", ts), `createdAt ge "2021-02-25T23:51:49.790Z"`},
		{"time zone", scim.Lt("createdAt", ts.In(time.FixedZone("X", -5*3600))), `createdAt lt "2021-02-25T23:51:49.790Z"`},
		{"time pointer", scim.Lt("createdAt", &ts), `createdAt lt "2021-02-25T23:51:49.790Z"`},
		{"named string", scim.Eq("status", status("ACTIVE")), `status eq "ACTIVE"`},
		{"named int", scim.Eq("level", level(3)), `level eq 3`},
		{"stringer", scim.Eq("id", stringer{"abc"}), `id eq "abc"`},
		{"pointer stringer", scim.Eq("id", &ptrStringer{"p"}), `id eq "p"`},
		{"method and", scim.Eq("a", 1).And(scim.Eq("b", 2)), `a eq 1 and b eq 2`},
		{"method or", scim.Eq("a", 1).Or(scim.Eq("b", 2)), `a eq 1 or b eq 2`},
		{"not", scim.Not(scim.Pr("a")), `not (a pr)`},
		{"value path", scim.ValuePath("memberOfGroups", scim.Eq("id", "g1")), `memberOfGroups[id eq "g1"]`},
		{"value path or", scim.ValuePath("emails", scim.Eq("type", "work").Or(scim.Eq("type", "home"))), `emails[type eq "work" or type eq "home"]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if err := tt.f.Err(); err != nil {
				t.Fatalf("Err = %v", err)
			}
			if got := tt.f.String(); got != tt.want {
				t.Errorf("String = %s, want %s", got, tt.want)
			}
			if tt.want == "" {
				return
			}
			back, err := scim.Parse(tt.want)
			if err != nil || back.String() != tt.want {
				t.Errorf("Parse(String()) = %v, %v", back, err)
			}
		})
	}
}

func TestPrecedence(t *testing.T) {
	t.Parallel()
	a, b, c, d := scim.Pr("a"), scim.Pr("b"), scim.Pr("c"), scim.Pr("d")
	tests := []struct {
		f    scim.Filter
		want string
	}{
		{scim.And(scim.Or(a, b), c), `(a pr or b pr) and c pr`},
		{scim.And(c, scim.Or(a, b)), `c pr and (a pr or b pr)`},
		{scim.Or(scim.And(a, b), c), `a pr and b pr or c pr`},
		{scim.Or(a, scim.And(b, c)), `a pr or b pr and c pr`},
		{scim.And(a, b, c, d), `a pr and b pr and c pr and d pr`},
		{scim.Or(a, b, c, d), `a pr or b pr or c pr or d pr`},
		{scim.And(a, scim.And(b, c)), `a pr and (b pr and c pr)`},
		{scim.Or(a, scim.Or(b, c)), `a pr or (b pr or c pr)`},
		{scim.And(scim.Or(a, b), scim.Or(c, d)), `(a pr or b pr) and (c pr or d pr)`},
		{a.Or(b).And(c), `(a pr or b pr) and c pr`},
		{a.And(b).Or(c.And(d)), `a pr and b pr or c pr and d pr`},
		{scim.Not(a.Or(b)).And(c), `not (a pr or b pr) and c pr`},
		{scim.ValuePath("m", a.Or(b)).And(c), `m[a pr or b pr] and c pr`},
	}
	for _, tt := range tests {
		if got := tt.f.String(); got != tt.want {
			t.Errorf("String = %s, want %s", got, tt.want)
		}
	}
}

// TestInjection checks that no value changes the structure of a filter:
// each rendering parses back to a single comparison holding the value.
func TestInjection(t *testing.T) {
	t.Parallel()
	values := []struct {
		in   string
		want string // the value that arrives; in if empty
	}{
		{in: `a" or username pr or "`},
		{in: `" or "1" eq "1`},
		{in: `x") or (username pr`},
		{in: `x"] or memberOfGroups[id pr`},
		{in: `x" and not (username pr) or "`},
		{in: `\`},
		{in: `\" or username pr or \"`},
		{in: `C:\path\to\"file"`},
		{in: `\u0022 or username pr`},
		{in: "line\nbreak\r\n and tab\t"},
		{in: "nul\x00byte"},
		{in: "\x01\x1f\x7f"},
		{in: "héllo 日本語 😀 \u2028\u2029 \ufeff"},
		{in: "\uFFFD"},
		{in: "bad\xffutf8", want: "bad\uFFFDutf8"},
		{in: "\xc3(\xe2\x82", want: "\uFFFD(\uFFFD"},
		{in: `""""`},
		{in: ``},
		{in: strings.Repeat(`" or a pr or "`, 100)},
	}
	for _, v := range values {
		want := v.want
		if want == "" {
			want = v.in
		}
		for _, b := range []struct {
			build func(string, any) scim.Filter
			op    scimfilter.Operator
		}{
			{scim.Eq, scimfilter.Eq}, {scim.Ne, scimfilter.Ne}, {scim.Co, scimfilter.Co},
			{scim.Sw, scimfilter.Sw}, {scim.Ew, scimfilter.Ew}, {scim.Gt, scimfilter.Gt},
			{scim.Ge, scimfilter.Ge}, {scim.Lt, scimfilter.Lt}, {scim.Le, scimfilter.Le},
		} {
			f := b.build("username", v.in)
			n, err := scimfilter.Parse(f.String())
			if err != nil {
				t.Errorf("%s %q: Parse(%s): %v", b.op, v.in, f.String(), err)
				continue
			}
			wantNode := scimfilter.Compare{Attr: "username", Op: b.op, Value: scimfilter.Value{Kind: scimfilter.KindString, Str: want}}
			if diff := cmp.Diff(scimfilter.Node(wantNode), n); diff != "" {
				t.Errorf("%s %q rendered %s (-want +got):\n%s", b.op, v.in, f.String(), diff)
			}
		}

		// Inside a value path and next to other clauses.
		f := scim.ValuePath("memberOfGroups", scim.Eq("id", v.in)).And(scim.Pr("email"))
		n, err := scimfilter.Parse(f.String())
		if err != nil {
			t.Fatalf("Parse(%s): %v", f.String(), err)
		}
		wantNode := scimfilter.And{
			Left: scimfilter.ValuePath{Attr: "memberOfGroups", Filter: scimfilter.Compare{
				Attr: "id", Op: scimfilter.Eq, Value: scimfilter.Value{Kind: scimfilter.KindString, Str: want},
			}},
			Right: scimfilter.Present{Attr: "email"},
		}
		if diff := cmp.Diff(scimfilter.Node(wantNode), n); diff != "" {
			t.Errorf("value path with %q rendered %s (-want +got):\n%s", v.in, f.String(), diff)
		}
	}
}

func TestEscaping(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{`a" or username pr or "`, `username eq "a\" or username pr or \""`},
		{`back\slash`, `username eq "back\\slash"`},
		{"new\nline", `username eq "new\nline"`},
		{"nul\x00", `username eq "nul\u0000"`},
		{"esc\x1b", `username eq "esc\u001b"`},
		{"tab\t", `username eq "tab\t"`},
		{"日本", `username eq "日本"`},
		{"bad\xff", "username eq \"bad\uFFFD\""},
	}
	for _, tt := range tests {
		if got := scim.Eq("username", tt.in).String(); got != tt.want {
			t.Errorf("Eq(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestErrors(t *testing.T) {
	t.Parallel()
	ok := scim.Eq("a", 1)
	bad := scim.Eq("user name", "x")
	deep := scim.Pr("a")
	for range 64 {
		deep = scim.Not(deep)
	}
	tests := []struct {
		name string
		f    scim.Filter
		err  string
	}{
		{"space in attr", bad, `scim: Eq("user name"): invalid attribute name`},
		{"bracket in attr", scim.Sw("a]", "x"), `scim: Sw("a]"): invalid attribute name`},
		{"empty attr", scim.Co("", "x"), `scim: Co(""): invalid attribute name`},
		{"leading dot", scim.Ew(".a", "x"), `invalid attribute name`},
		{"trailing dot", scim.Gt("a.", 1), `invalid attribute name`},
		{"digit first", scim.Ge("1a", 1), `invalid attribute name`},
		{"quote", scim.Lt(`a"`, 1), `invalid attribute name`},
		{"injection in attr", scim.Le(`a eq "x" or b`, 1), `invalid attribute name`},
		{"pr attr", scim.Pr("a b"), `scim: Pr("a b"): invalid attribute name`},
		{"value path attr", scim.ValuePath("a[", ok), `scim: ValuePath("a["): invalid attribute name`},
		{"NaN", scim.Eq("a", math.NaN()), `scim: Eq("a"): value NaN is not a finite number`},
		{"Inf", scim.Gt("a", math.Inf(1)), `value +Inf is not a finite number`},
		{"-Inf float32", scim.Lt("a", float32(math.Inf(-1))), `value -Inf is not a finite number`},
		{"struct", scim.Eq("a", struct{}{}), `scim: Eq("a"): unsupported value of type struct {}`},
		{"slice", scim.Eq("a", []string{"x"}), `unsupported value of type []string`},
		{"bytes", scim.Eq("a", []byte("x")), `unsupported value of type []uint8`},
		{"nil slice", scim.Eq("a", []string(nil)), `unsupported value of type []string`},
		{"map", scim.Eq("a", map[string]any{}), `unsupported value of type map[string]interface {}`},
		{"complex", scim.Eq("a", 1i), `unsupported value of type complex128`},
		{"pointer", scim.Eq("a", new("x")), `unsupported value of type *string`},
		{"chan", scim.Eq("a", make(chan int)), `unsupported value of type chan int`},
		{"panicking stringer", scim.Eq("a", panicky{}), `scim: Eq("a"): scim_test.panicky.String panicked: boom`},
		{"and", scim.And(ok, bad, scim.Eq("b c", 1)), `scim: Eq("user name")`},
		{"or", scim.Or(scim.Filter{}, bad), `scim: Eq("user name")`},
		{"method and", ok.And(bad), `scim: Eq("user name")`},
		{"method or", bad.Or(ok), `scim: Eq("user name")`},
		{"not", scim.Not(bad), `scim: Eq("user name")`},
		{"value path", scim.ValuePath("m", bad), `scim: Eq("user name")`},
		{"not zero", scim.Not(scim.Filter{}), `scim: Not: empty filter`},
		{"value path zero", scim.ValuePath("m", scim.Filter{}), `scim: ValuePath("m"): empty filter`},
		{"too deep", scim.Not(deep), `scim: Not: filter nested 65 levels deep, more than 64`},
		{"too deep value path", scim.ValuePath("m", deep), `scim: ValuePath: filter nested 65 levels deep`},
		{"too deep and", scim.And(scim.Pr("x"), scim.Or(deep, ok)), `scim: And: filter nested 65 levels deep`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := tt.f.Err()
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("Err = %v, want error containing %q", err, tt.err)
			}
			if s := tt.f.String(); s != "" {
				t.Errorf("String = %q, want empty for an errored filter", s)
			}
			if tt.f.IsZero() {
				t.Error("IsZero = true for an errored filter")
			}
		})
	}
	if err := deep.Err(); err != nil {
		t.Errorf("64 levels: %v", err)
	}
}

func TestZero(t *testing.T) {
	t.Parallel()
	var zero scim.Filter
	a := scim.Eq("a", 1)
	if !zero.IsZero() || zero.Err() != nil || zero.String() != "" {
		t.Errorf("zero Filter: IsZero %t, Err %v, String %q", zero.IsZero(), zero.Err(), zero.String())
	}
	if a.IsZero() {
		t.Error("Eq(...).IsZero() = true")
	}
	for name, f := range map[string]scim.Filter{
		"And()":           scim.And(),
		"Or()":            scim.Or(),
		"And(zero, zero)": scim.And(zero, zero),
		"Or(zero)":        scim.Or(zero),
		"zero.And(zero)":  zero.And(zero),
	} {
		if !f.IsZero() {
			t.Errorf("%s is not zero: %v, %v", name, f, f.Err())
		}
	}
	for name, f := range map[string]scim.Filter{
		"And(a)":             scim.And(a),
		"Or(a)":              scim.Or(a),
		"And(zero, a, zero)": scim.And(zero, a, zero),
		"zero.Or(a)":         zero.Or(a),
		"a.And(zero)":        a.And(zero),
	} {
		if f != a {
			t.Errorf("%s = %v, want %v", name, f, a)
		}
	}
}

func TestParse(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"", "  \t\n"} {
		f, err := scim.Parse(s)
		if err != nil || !f.IsZero() {
			t.Errorf("Parse(%q) = %v, %v; want zero Filter", s, f, err)
		}
	}

	f, err := scim.Parse(`memberOfGroups[ID EQ "g1"] AND Enabled eq TRUE`)
	if err != nil {
		t.Fatal(err)
	}
	want := scim.ValuePath("memberOfGroups", scim.Eq("ID", "g1")).And(scim.Eq("Enabled", true))
	if f != want {
		t.Errorf("Parse = %v, want %v", f, want)
	}

	f, err = scim.Parse(`username eq "a" or or`)
	var se *scim.SyntaxError
	if !errors.As(err, &se) || se.Offset != 21 {
		t.Fatalf("Parse error = %v, want *SyntaxError at offset 21", err)
	}
	if f.IsZero() || !errors.Is(f.Err(), err) || f.String() != "" {
		t.Errorf("Parse error: Filter = %#v, want one carrying the error", f)
	}
}
