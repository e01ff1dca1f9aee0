package scim

import (
	"math"
	"strings"
	"testing"

	"github.com/pingone-go/pingone/internal/scimfilter"
)

// FuzzBuildParse checks that every filter the builders accept renders to
// text that parses back to exactly the tree they built, whatever the
// attribute and values, and that they reject what cannot be rendered.
func FuzzBuildParse(f *testing.F) {
	f.Add("username", `a" or username pr or "`, 1.5)
	f.Add("name.given", "back\\slash\n\x00", math.Copysign(0, -1))
	f.Add("memberOfGroups", "日本\xff\xfe", 1e300)
	f.Add("user name", "x", math.NaN())
	f.Add("a]", `") or (a pr`, math.Inf(1))
	f.Add("", "", 0.0)
	f.Add("not", "and", 1e-300)
	f.Fuzz(func(t *testing.T, attr, value string, num float64) {
		builders := []func(string, any) Filter{Eq, Ne, Co, Sw, Ew, Gt, Ge, Lt, Le}
		var fs []Filter
		for _, b := range builders {
			fs = append(fs, b(attr, value))
		}
		numeric := Gt(attr, num)
		fs = append(fs, Pr(attr), numeric, Eq(attr, nil), Eq(attr, false), Eq(attr, float32(num)))
		fs = append(fs,
			And(fs[0], Or(fs[1], fs[2])),
			Not(Or(fs[3], fs[4])).And(fs[9]),
			ValuePath(attr, Eq("id", value)),
			ValuePath("m", fs[5]).Or(fs[6].And(fs[7])),
			ValuePath("emails", Eq(attr, value)),
		)

		validAttr := scimfilter.ValidAttr(attr)
		finite := !math.IsNaN(num) && !math.IsInf(num, 0)
		if (fs[0].Err() == nil) != validAttr {
			t.Fatalf("Eq(%q, …): Err = %v, ValidAttr = %t", attr, fs[0].Err(), validAttr)
		}
		if validAttr && (numeric.Err() == nil) != finite {
			t.Fatalf("Gt(%q, %v): Err = %v", attr, num, numeric.Err())
		}

		for i, f := range fs {
			if f.Err() != nil {
				if f.String() != "" {
					t.Fatalf("filter %d carries %v but renders %q", i, f.Err(), f.String())
				}
				continue
			}
			if err := scimfilter.Validate(f.node); err != nil {
				t.Fatalf("filter %d: builder made an invalid tree: %v", i, err)
			}
			s := f.String()
			n, err := scimfilter.Parse(s)
			if err != nil {
				t.Fatalf("filter %d rendered %q, which does not parse: %v", i, s, err)
			}
			if !scimfilter.Equal(n, f.node) {
				t.Fatalf("filter %d rendered %q, which parses to a different tree:\nbuilt  %#v\nparsed %#v", i, s, f.node, n)
			}
		}

		// The value arrives intact as one comparison.
		if validAttr {
			want := scimfilter.Compare{Attr: attr, Op: scimfilter.Eq, Value: scimfilter.Value{
				Kind: scimfilter.KindString, Str: strings.ToValidUTF8(value, "\uFFFD"),
			}}
			if n, _ := scimfilter.Parse(fs[0].String()); n != scimfilter.Node(want) {
				t.Fatalf("Eq(%q, %q) rendered %q", attr, value, fs[0].String())
			}
		}
	})
}
