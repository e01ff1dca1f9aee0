package scimfilter

import (
	"errors"
	"testing"
)

func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		`username eq "bob"`,
		`name.given sw "Al" and (email ew "@x.com" or not (enabled eq false))`,
		`memberOfGroups[id eq "abc" or id eq "d"] and population.id eq "p"`,
		`a pr or b pr and c pr`,
		`a pr and (b pr or c pr)`,
		`x ge -1.5e+10 or x lt 0.25 or x eq null or x ne true`,
		`a eq "q\"b\\s\/ \b\f\n\r\t\u0000\ud83d\ude00\ud800"`,
		`not eq "x" and not[and pr] or or pr`,
		`((a pr)) and a[b[c pr]]`,
		`a eq 01`,
		`a eq "x`,
		"a eq \"\xff\"",
		`(((`,
	} {
		f.Add(seed)
	}
	user := decode(f, true)
	f.Fuzz(func(t *testing.T, in string) {
		n, err := Parse(in)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) || se.Offset < 0 || se.Offset > len(in) || n != nil {
				t.Fatalf("Parse(%q) = %v, %v", in, n, err)
			}
			return
		}
		if err := Validate(n); err != nil {
			t.Fatalf("Validate(Parse(%q)): %v", in, err)
		}
		out := Format(n)
		back, err := Parse(out)
		if err != nil {
			t.Fatalf("Parse(Format(Parse(%q))) = %q: %v", in, out, err)
		}
		if !Equal(n, back) {
			t.Fatalf("round trip of %q changed the tree:\n%#v\n%#v", in, n, back)
		}
		if again := Format(back); again != out {
			t.Fatalf("Format not stable: %q then %q", out, again)
		}
		Eval(n, user)
		_ = Check(n, usersRules)
	})
}
