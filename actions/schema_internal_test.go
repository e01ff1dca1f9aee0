package actions

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/jsonschema-go/jsonschema"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/scim"
)

// Types shaped like the SDK's, to test each rule of the schema builder
// whatever the SDK's families look like today.
type (
	testVariantA struct {
		Alpha string                     `json:"alpha"`
		Extra map[string]json.RawMessage `json:",embed"`
	}
	testVariantB struct {
		Beta int `json:"beta,omitzero"`
	}
	testRequest struct {
		Name     string                     `json:"name"`
		Nickname pingone.Optional[string]   `json:"nickname,omitzero"`
		Count    pingone.Optional[int]      `json:"count,omitzero"`
		Tags     pingone.Optional[[]string] `json:"tags,omitzero"`
		Ref      pingone.Optional[testRef]  `json:"ref,omitzero"`
		Secret   pingone.Secret             `json:"secret,omitzero"`
		When     time.Time                  `json:"when,omitzero"`
		Raw      json.RawMessage            `json:"raw,omitzero"`
		Filter   scim.Filter                `json:"filter,omitzero"`
		Links    pingone.Links              `json:"_links,omitzero"`
		A        *testVariantA              `json:"-"`
		B        *testVariantB              `json:"-"`
		Custom   map[string]json.RawMessage `json:",embed"`
		hidden   string
	}
	testRef struct {
		ID string `json:"id"`
	}
	// testUntagged is a request without tags, named by testResource.
	testUntagged struct {
		Name        string
		Description pingone.Optional[string]
		Kind        string `json:"-"`
	}
	testResource struct {
		Name        string `json:"name"`
		Description string `json:"description,omitzero"`
		Kind        string `json:"kind"`
	}
)

func schemaOfType[T any](t *testing.T, s side) *jsonschema.Schema {
	t.Helper()
	b := newSchemaBuilder(s)
	b.names[reflect.TypeFor[testUntagged]()] = reflect.TypeFor[testResource]()
	sc, err := b.schema(reflect.TypeFor[T]())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sc.Resolve(nil); err != nil {
		t.Fatal(err)
	}
	return sc
}

func TestSchemaRules(t *testing.T) {
	t.Parallel()
	in := schemaOfType[testRequest](t, inputSide)
	if in.Type != "object" || len(in.AnyOf) != 3 || in.AnyOf[0].Title != "A" || in.AnyOf[1].Title != "B" || in.AnyOf[2].Title != "other" {
		t.Fatalf("variants: %v", in)
	}
	a, b, other := in.AnyOf[0], in.AnyOf[1], in.AnyOf[2]
	for _, v := range in.AnyOf {
		if !slices.Contains(v.Required, "name") {
			t.Errorf("%s: name not required: %v", v.Title, v.Required)
		}
		if _, ok := v.Properties["Custom"]; ok {
			t.Errorf("%s: the Extra field is a property", v.Title)
		}
		if v.AdditionalProperties == nil || !isTrue(v.AdditionalProperties) {
			t.Errorf("%s: an Extra field must allow other members: %v", v.Title, v.AdditionalProperties)
		}
	}
	if _, ok := a.Properties["alpha"]; !ok || !slices.Contains(a.Required, "alpha") {
		t.Errorf("variant A: %v", a)
	}
	if _, ok := b.Properties["beta"]; !ok || slices.Contains(b.Required, "beta") {
		t.Errorf("variant B: %v", b)
	}
	if _, ok := other.Properties["alpha"]; ok {
		t.Errorf("the unknown variant has A's members")
	}
	p := other.Properties
	check := func(name string, want *jsonschema.Schema) {
		t.Helper()
		got, _ := json.Marshal(p[name])
		w, _ := json.Marshal(want)
		if string(got) != string(w) {
			t.Errorf("%s: %s, want %s", name, got, w)
		}
	}
	check("nickname", &jsonschema.Schema{Types: []string{"string", "null"}})
	check("count", &jsonschema.Schema{Types: []string{"integer", "null"}})
	check("tags", &jsonschema.Schema{Types: []string{"null", "array"}, Items: &jsonschema.Schema{Type: "string"}})
	check("ref", &jsonschema.Schema{Types: []string{"object", "null"}, Properties: map[string]*jsonschema.Schema{"id": {Type: "string"}}, Required: []string{"id"}, AdditionalProperties: &jsonschema.Schema{Not: &jsonschema.Schema{}}})
	check("secret", &jsonschema.Schema{Type: "string", WriteOnly: true, Description: "A secret: sent to PingOne, never shown."})
	check("when", &jsonschema.Schema{Type: "string", Format: "date-time"})
	check("raw", &jsonschema.Schema{})
	check("filter", &jsonschema.Schema{Type: "string", Description: "A SCIM filter expression."})
	check("_links", &jsonschema.Schema{Type: "object", Description: "HAL links by relation."})
	if _, ok := p["hidden"]; ok {
		t.Error("an unexported field is a property")
	}

	// Outputs require nothing; secrets are strings that are not
	// write-only; times may be epoch seconds.
	out := schemaOfType[testRequest](t, outputSide)
	for _, v := range out.AnyOf {
		if len(v.Required) > 0 {
			t.Errorf("output %s requires %v", v.Title, v.Required)
		}
		if v.Properties["secret"].WriteOnly {
			t.Error("an output secret is write-only")
		}
		if !slices.Contains(v.Properties["when"].Types, "number") {
			t.Errorf("output time: %v", v.Properties["when"])
		}
	}

	// A request without tags is named by its resource; "-" fields too.
	un := schemaOfType[testUntagged](t, inputSide)
	if got := slices.Sorted(func(yield func(string) bool) {
		for k := range un.Properties {
			if !yield(k) {
				return
			}
		}
	}); !slices.Equal(got, []string{"description", "kind", "name"}) {
		t.Errorf("untagged request: properties %v", got)
	}
	if r := slices.Sorted(slices.Values(un.Required)); !slices.Equal(r, []string{"kind", "name"}) {
		t.Errorf("untagged request: required %v", un.Required)
	}
}

// The builder refuses a type that contains itself rather than loop.
func TestSchemaCycle(t *testing.T) {
	t.Parallel()
	type node struct {
		Next *node `json:"next,omitzero"`
	}
	if _, err := newSchemaBuilder(outputSide).schema(reflect.TypeFor[node]()); err == nil {
		t.Error("no error for a type that contains itself")
	}
}

// A struct pointer written inline (the pre-codec form of an MFA device's
// enrolment data) is a variant, not a member named after the field.
func TestSchemaInlineStruct(t *testing.T) {
	t.Parallel()
	type enrol struct {
		Secret pingone.Secret `json:"secret,omitzero"`
	}
	type device struct {
		ID    string                     `json:"id,omitzero"`
		TOTP  *enrol                     `json:",embed"`
		Extra map[string]json.RawMessage `json:",embed"`
	}
	s := schemaOfType[device](t, outputSide)
	if len(s.AnyOf) != 2 || s.AnyOf[0].Title != "TOTP" {
		t.Fatalf("%v", s)
	}
	if _, ok := s.AnyOf[0].Properties["secret"]; !ok {
		t.Errorf("the inline members are missing: %v", s.AnyOf[0].Properties)
	}
	for _, v := range s.AnyOf {
		if _, ok := v.Properties["TOTP"]; ok {
			t.Errorf("%s: a member named after the field", v.Title)
		}
	}
}

// The actions that return a secret write it in clear, where encoding
// redacts it, and add it where encoding left it out.
func TestRevealSecrets(t *testing.T) {
	t.Parallel()
	v := &pingone.ApplicationSecret{
		Secret:   pingone.NewSecret("current-secret"),
		Previous: &pingone.PreviousClientSecret{Secret: pingone.NewSecret("old-secret")},
	}
	redacted, err := encodeOutput(v, false)
	if err != nil {
		t.Fatal(err)
	}
	if s := string(redacted); strings.Contains(s, "current-secret") || strings.Contains(s, "old-secret") || !strings.Contains(s, "[REDACTED]") {
		t.Errorf("redacted output: %s", s)
	}
	revealed, err := encodeOutput(v, true)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Secret   string `json:"secret"`
		Previous struct {
			Secret string `json:"secret"`
		} `json:"previous"`
	}
	if err := json.Unmarshal(revealed, &got); err != nil || got.Secret != "current-secret" || got.Previous.Secret != "old-secret" {
		t.Errorf("revealed output: %s (%v)", revealed, err)
	}
	added, err := replaceMember([]byte(`{"a":1}`), []string{"b", "c"}, []byte(`"x"`))
	if err != nil || string(added) != `{"a":1,"b":{"c":"x"}}` {
		t.Errorf("replaceMember added %s, %v", added, err)
	}
}
