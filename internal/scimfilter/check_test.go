package scimfilter

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// usersRules is the shape a server would use for GET /users.
var usersRules = Rules{
	Attributes: map[string][]Operator{
		"username":           {Eq, Sw},
		"email":              {Eq, Sw, Ew},
		"name.given":         {Eq, Sw, Ew},
		"population.id":      {Eq},
		"id":                 {Eq},
		"memberOfGroups[id]": {Eq},
	},
	And: true,
	Or:  true,
}

func TestCheck(t *testing.T) {
	t.Parallel()
	allAttrs := []string{"email", "id", "memberOfGroups[id]", "name.given", "population.id", "username"}
	allOps := []string{"and", "eq", "ew", "or", "sw"}
	tests := []struct {
		filter string
		rules  Rules
		want   *UnsupportedError // nil: allowed
		msg    string
	}{
		{filter: `username eq "a"`, rules: usersRules},
		{filter: `USERNAME SW "a"`, rules: usersRules},
		{filter: `Name.Given ew "a" and population.id eq "p"`, rules: usersRules},
		{filter: `memberOfGroups[id eq "g1"] or memberOfGroups[ID eq "g2"]`, rules: usersRules},
		{filter: `memberOfGroups[id eq "g1" or id eq "g2"]`, rules: usersRules},
		{
			filter: `username co "a"`, rules: usersRules,
			want: &UnsupportedError{Attribute: "username", Operator: "co", SupportedAttributes: allAttrs, SupportedOperators: []string{"eq", "sw"}},
			msg:  `scim filter: operator "co" is not supported for attribute "username"`,
		},
		{
			filter: `UserName pr`, rules: usersRules,
			want: &UnsupportedError{Attribute: "UserName", Operator: "pr", SupportedAttributes: allAttrs, SupportedOperators: []string{"eq", "sw"}},
			msg:  `scim filter: operator "pr" is not supported for attribute "UserName"`,
		},
		{
			filter: `username eq "a" and nickname eq "b"`, rules: usersRules,
			want: &UnsupportedError{Attribute: "nickname", Operator: "eq", SupportedAttributes: allAttrs, SupportedOperators: allOps},
			msg:  `scim filter: attribute "nickname" is not supported`,
		},
		{
			filter: `memberOfGroups[name eq "x"]`, rules: usersRules,
			want: &UnsupportedError{Attribute: "memberOfGroups[name]", Operator: "eq", SupportedAttributes: allAttrs, SupportedOperators: allOps},
		},
		{
			filter: `memberOfGroups[id sw "x"]`, rules: usersRules,
			want: &UnsupportedError{Attribute: "memberOfGroups[id]", Operator: "sw", SupportedAttributes: allAttrs, SupportedOperators: []string{"eq"}},
		},
		{
			filter: `memberOfGroups.id eq "x"`, rules: usersRules,
			want: &UnsupportedError{Attribute: "memberOfGroups.id", Operator: "eq", SupportedAttributes: allAttrs, SupportedOperators: allOps},
		},
		{
			filter: `not (username eq "a")`, rules: usersRules,
			want: &UnsupportedError{Operator: "not", SupportedAttributes: allAttrs, SupportedOperators: allOps},
			msg:  `scim filter: operator "not" is not supported`,
		},
		{
			// The first problem in reading order is reported.
			filter: `nickname co "x" or username co "y"`, rules: Rules{Attributes: usersRules.Attributes, And: true},
			want: &UnsupportedError{Operator: "or", SupportedAttributes: allAttrs, SupportedOperators: []string{"and", "eq", "ew", "sw"}},
		},
		{
			filter: `nickname co "x" and username co "y"`, rules: usersRules,
			want: &UnsupportedError{Attribute: "nickname", Operator: "co", SupportedAttributes: allAttrs, SupportedOperators: allOps},
		},
		{
			filter: `a[b[c eq 1]]`, rules: Rules{Attributes: map[string][]Operator{"a[b[c]]": {"EQ"}}},
		},
		{
			filter: `a[b[c ne 1]]`, rules: Rules{Attributes: map[string][]Operator{"a[b[c]]": {"EQ"}}},
			want: &UnsupportedError{Attribute: "a[b[c]]", Operator: "ne", SupportedAttributes: []string{"a[b[c]]"}, SupportedOperators: []string{"eq"}},
		},
		{
			filter: `startDate eq "2024-01-01T00:00:00.000Z" and endDate eq "2024-01-31T00:00:00.000Z"`,
			rules:  Rules{Attributes: map[string][]Operator{"startDate": {Eq}, "endDate": {Eq}}},
			want:   &UnsupportedError{Operator: "and", SupportedAttributes: []string{"endDate", "startDate"}, SupportedOperators: []string{"eq"}},
		},
		{
			filter: `x pr`, rules: Rules{},
			want: &UnsupportedError{Attribute: "x", Operator: "pr", SupportedAttributes: []string{}, SupportedOperators: []string{}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.filter, func(t *testing.T) {
			t.Parallel()
			n, err := Parse(tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			err = Check(n, tt.rules)
			if tt.want == nil {
				if err != nil {
					t.Errorf("Check = %v, want nil", err)
				}
				return
			}
			var ue *UnsupportedError
			if !errors.As(err, &ue) {
				t.Fatalf("Check = %v, want *UnsupportedError", err)
			}
			if diff := cmp.Diff(tt.want, ue); diff != "" {
				t.Errorf("Check mismatch (-want +got):\n%s", diff)
			}
			if tt.msg != "" && err.Error() != tt.msg {
				t.Errorf("Error() = %q, want %q", err.Error(), tt.msg)
			}
		})
	}
	if err := Check(nil, Rules{}); err != nil {
		t.Errorf("Check(nil) = %v", err)
	}
}
