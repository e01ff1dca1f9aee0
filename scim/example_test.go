package scim_test

import (
	"fmt"
	"time"

	"github.com/pingone-go/pingone/scim"
)

func ExampleEq() {
	fmt.Println(scim.Eq("username", "alice"))
	fmt.Println(scim.Eq("enabled", true))
	fmt.Println(scim.Eq("population.id", "5b5c4ef4-6b3c-4d22-a4e3-07e7a7e4c9f1"))
	// Output:
	// username eq "alice"
	// enabled eq true
	// population.id eq "5b5c4ef4-6b3c-4d22-a4e3-07e7a7e4c9f1"
}

func ExampleSw() {
	fmt.Println(scim.Sw("name", "eng"))
	fmt.Println(scim.Sw("name.given", "Al").And(scim.Ew("email", "@example.com")))
	// Output:
	// name sw "eng"
	// name.given sw "Al" and email ew "@example.com"
}

func ExampleAnd() {
	admins := scim.Or(scim.Eq("title", "Admin"), scim.Eq("title", "Owner"))

	// And binds tighter than or, so the builder adds parentheses where
	// the tree needs them.
	fmt.Println(scim.And(admins, scim.Eq("enabled", true)))
	fmt.Println(scim.Or(scim.And(scim.Pr("nickname"), scim.Eq("enabled", true)), scim.Eq("locale", "fr")))

	// Zero filters are ignored, which helps with optional conditions.
	var extra scim.Filter
	fmt.Println(scim.And(scim.Sw("username", "a"), extra))
	// Output:
	// (title eq "Admin" or title eq "Owner") and enabled eq true
	// nickname pr and enabled eq true or locale eq "fr"
	// username sw "a"
}

func ExampleValuePath() {
	// Users who are members of a group.
	groupID := "0f3e3a0c-7e6a-4c7e-9f5e-2c8a1b2d3e4f"
	members := scim.ValuePath("memberOfGroups", scim.Eq("id", groupID))
	fmt.Println(members)

	// Members of either of two groups.
	fmt.Println(scim.Or(
		scim.ValuePath("memberOfGroups", scim.Eq("id", "g1")),
		scim.ValuePath("memberOfGroups", scim.Eq("id", "g2")),
	))
	// Output:
	// memberOfGroups[id eq "0f3e3a0c-7e6a-4c7e-9f5e-2c8a1b2d3e4f"]
	// memberOfGroups[id eq "g1"] or memberOfGroups[id eq "g2"]
}

func ExampleGe() {
	since := time.Date(2024, 5, 1, 12, 30, 0, 0, time.FixedZone("CEST", 2*60*60))
	fmt.Println(scim.Ge("createdAt", since))
	// Output:
	// createdAt ge "2024-05-01T10:30:00.000Z"
}

// Values are always rendered as literals, so user input cannot change the
// structure of a filter.
func Example_injection() {
	input := `x" or username pr or "` // hostile input from a search box
	f := scim.Eq("username", input)
	fmt.Println(f)
	// Output:
	// username eq "x\" or username pr or \""
}

func ExampleFilter_Err() {
	f := scim.Eq("user name", "alice").And(scim.Pr("email"))
	if err := f.Err(); err != nil {
		fmt.Println("error:", err)
	}
	fmt.Printf("String: %q\n", f.String())
	// Output:
	// error: scim: Eq("user name"): invalid attribute name
	// String: ""
}

func ExampleParse() {
	f, err := scim.Parse(`USERNAME SW "a" AND (Enabled Eq True OR not(title pr))`)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(f)

	_, err = scim.Parse(`username eq "a" or`)
	fmt.Println(err)
	// Output:
	// USERNAME sw "a" and (Enabled eq true or not (title pr))
	// invalid SCIM filter at offset 18: unexpected end of filter, expected an attribute, "(" or "not"
}
