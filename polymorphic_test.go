package pingone_test

import (
	stdjson "encoding/json"
	"strings"
	"testing"

	"github.com/go-json-experiment/json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
)

// jsonCodec is one of the two JSON packages users encode the SDK's types
// with, used without options.
type jsonCodec struct {
	name      string
	marshal   func(any) ([]byte, error)
	unmarshal func([]byte, any) error
}

var jsonCodecs = []jsonCodec{
	{"encoding/json", stdjson.Marshal, stdjson.Unmarshal},
	{"go-json-experiment", func(v any) ([]byte, error) { return json.Marshal(v) }, func(b []byte, v any) error { return json.Unmarshal(b, v) }},
}

// polyCase is a body of one variant of a polymorphic resource: what a
// decoded value encodes back to (the body less what is never kept, secrets
// redacted), and which variant field it decodes to.
type polyCase struct {
	family, golden string
	drop           []string          // members never kept (dot-separated paths)
	redact         []string          // members encoded as "[REDACTED]"
	variant        string            // the variant field set ("" for none)
	extra          map[string]string // body members to add (odd values, nulls, unknown members)
}

// TestPolymorphicVariantsRoundTrip decodes every variant of the three
// polymorphic resources (applications, identity providers, MFA devices)
// through encoding/json and go-json-experiment, without options: the value
// encodes back to the body it came from, through either package, by value
// and by pointer, and decodes to the same variant again.
func TestPolymorphicVariantsRoundTrip(t *testing.T) {
	t.Parallel()
	odd := map[string]string{"enabled": `"true"`, "futureMember": `{"a":[1,2.50,"caf\u00e9"],"b":null}`, "description": `""`}
	var cases []polyCase
	for golden, variant := range map[string]string{
		"get": "OIDC", "create": "OIDC", "variant_oidc_spa": "OIDC", "variant_saml": "SAML", "variant_wsfed": "WSFed",
		"variant_external_link": "ExternalLink", "variant_portal": "Portal", "variant_self_service": "SelfService",
		"variant_admin_console": "AdminConsole", "unknown_type": "", "unknown_protocol": "",
	} {
		// Secrets are kept where a field holds them, and encode redacted;
		// an unknown variant has no field for them: they are dropped.
		c := polyCase{family: "applications", golden: golden, variant: variant, extra: odd,
			redact: []string{"clientSecret", "mobile.integrityDetection.googlePlay.decryptionKey"}}
		if variant == "" {
			c.drop, c.redact = c.redact, nil
		}
		cases = append(cases, c)
	}
	for _, golden := range []string{"facebook", "google", "linkedin", "linkedin_oidc", "twitter", "amazon", "yahoo",
		"github", "microsoft", "paypal", "apple", "oidc", "saml", "unknown"} {
		variant := map[string]string{"facebook": "Facebook", "microsoft": "Microsoft", "paypal": "PayPal", "apple": "Apple",
			"oidc": "OIDC", "saml": "SAML", "unknown": ""}[golden]
		if _, ok := map[string]bool{"google": true, "linkedin": true, "linkedin_oidc": true, "twitter": true, "amazon": true, "yahoo": true, "github": true}[golden]; ok {
			variant = "Social"
		}
		cases = append(cases, polyCase{family: "identityproviders", golden: "variant_" + golden, variant: variant, extra: odd})
	}
	cases = append(cases,
		polyCase{family: "identityproviders", golden: "create", variant: "OIDC", extra: odd},
		polyCase{family: "mfa", golden: "pair_totp", variant: "TOTP", redact: []string{"secret", "keyUri"}, extra: map[string]string{"nickname": `7`, "futureDevice": `[true]`}},
		polyCase{family: "mfa", golden: "pair_fido2", variant: "FIDO2", extra: map[string]string{"phone": `null`}},
		polyCase{family: "mfa", golden: "pair_email", variant: "", extra: map[string]string{"futureDevice": `{"x":1}`}},
		polyCase{family: "mfa", golden: "get_device", variant: "", extra: map[string]string{"status": `"FUTURE_STATUS"`}},
	)
	for _, tc := range cases {
		t.Run(tc.family+"/"+tc.golden, func(t *testing.T) {
			t.Parallel()
			var body map[string]stdjson.RawMessage
			require.NoError(t, stdjson.Unmarshal(readGolden(t, tc.family, tc.golden+".json"), &body))
			for k, v := range tc.extra {
				body[k] = stdjson.RawMessage(v)
			}
			in, err := stdjson.Marshal(body)
			require.NoError(t, err)
			want := withoutMembers(t, in, tc.drop...)
			for _, k := range tc.redact {
				redactPath(want, strings.Split(k, "."))
			}
			for _, jc := range jsonCodecs {
				v := newPolymorphic(tc.family)
				require.NoError(t, jc.unmarshal(in, v), jc.name)
				assert.Equal(t, tc.variant, polyVariantName(v), "%s: the variant", jc.name)
				for _, out := range []any{v, deref(v)} {
					data, err := jc.marshal(out)
					require.NoError(t, err, jc.name)
					assert.Equal(t, want, withoutMembers(t, data), "%s: encodes back to what it read", jc.name)
					again := newPolymorphic(tc.family)
					require.NoError(t, jc.unmarshal(data, again), jc.name)
					assert.Equal(t, tc.variant, polyVariantName(again), "%s: decodes to the same variant", jc.name)
				}
			}
		})
	}
}

// TestPolymorphicRequestsRoundTrip: the requests of the polymorphic
// resources (built by Request from every variant) encode and decode to
// themselves through encoding/json and go-json-experiment.
func TestPolymorphicRequestsRoundTrip(t *testing.T) {
	t.Parallel()
	for _, golden := range []string{"get", "variant_oidc_spa", "variant_saml", "variant_wsfed", "variant_external_link",
		"variant_portal", "variant_self_service", "variant_admin_console", "unknown_type", "unknown_protocol"} {
		var a pingone.Application
		require.NoError(t, stdjson.Unmarshal(readGolden(t, "applications", golden+".json"), &a))
		req := a.Request()
		for _, jc := range jsonCodecs {
			data, err := jc.marshal(req)
			require.NoError(t, err)
			var back pingone.ApplicationRequest
			require.NoError(t, jc.unmarshal(data, &back), "%s %s", jc.name, golden)
			again, err := jc.marshal(&back)
			require.NoError(t, err)
			assert.Equal(t, string(data), string(again), "%s %s", jc.name, golden)
			assert.Equal(t, polyVariantName(&a), polyVariantName(&back), "%s %s", jc.name, golden)
		}
	}
	for _, golden := range []string{"facebook", "github", "microsoft", "paypal", "apple", "oidc", "saml", "unknown"} {
		var p pingone.IdentityProvider
		require.NoError(t, stdjson.Unmarshal(readGolden(t, "identityproviders", "variant_"+golden+".json"), &p))
		req := p.Request()
		for _, jc := range jsonCodecs {
			data, err := jc.marshal(req)
			require.NoError(t, err)
			var back pingone.IdentityProviderRequest
			require.NoError(t, jc.unmarshal(data, &back), "%s %s", jc.name, golden)
			again, err := jc.marshal(&back)
			require.NoError(t, err)
			assert.Equal(t, string(data), string(again), "%s %s", jc.name, golden)
			assert.Equal(t, polyVariantName(&p), polyVariantName(&back), "%s %s", jc.name, golden)
		}
	}
}

func newPolymorphic(family string) any {
	switch family {
	case "applications":
		return new(pingone.Application)
	case "identityproviders":
		return new(pingone.IdentityProvider)
	}
	return new(pingone.MFADevice)
}

func deref(v any) any {
	switch v := v.(type) {
	case *pingone.Application:
		return *v
	case *pingone.IdentityProvider:
		return *v
	case *pingone.MFADevice:
		return *v
	}
	panic("not a polymorphic resource")
}

// polyVariantName names the variant field set in a polymorphic resource or
// request ("" for none, "+" between several).
func polyVariantName(v any) string {
	var set []string
	add := func(name string, isSet bool) {
		if isSet {
			set = append(set, name)
		}
	}
	switch v := v.(type) {
	case *pingone.Application:
		add("OIDC", v.OIDC != nil)
		add("SAML", v.SAML != nil)
		add("WSFed", v.WSFed != nil)
		add("ExternalLink", v.ExternalLink != nil)
		add("Portal", v.Portal != nil)
		add("SelfService", v.SelfService != nil)
		add("AdminConsole", v.AdminConsole != nil)
	case *pingone.ApplicationRequest:
		add("OIDC", v.OIDC != nil)
		add("SAML", v.SAML != nil)
		add("WSFed", v.WSFed != nil)
		add("ExternalLink", v.ExternalLink != nil)
		add("Portal", v.Portal != nil)
		add("SelfService", v.SelfService != nil)
		add("AdminConsole", v.AdminConsole != nil)
	case *pingone.IdentityProvider:
		add("Facebook", v.Facebook != nil)
		add("Social", v.Social != nil)
		add("Microsoft", v.Microsoft != nil)
		add("PayPal", v.PayPal != nil)
		add("Apple", v.Apple != nil)
		add("OIDC", v.OIDC != nil)
		add("SAML", v.SAML != nil)
	case *pingone.IdentityProviderRequest:
		add("Facebook", v.Facebook != nil)
		add("Social", v.Social != nil)
		add("Microsoft", v.Microsoft != nil)
		add("PayPal", v.PayPal != nil)
		add("Apple", v.Apple != nil)
		add("OIDC", v.OIDC != nil)
		add("SAML", v.SAML != nil)
	case *pingone.MFADevice:
		add("TOTP", v.TOTP != nil)
		add("FIDO2", v.FIDO2 != nil)
	}
	name := ""
	for i, s := range set {
		if i > 0 {
			name += "+"
		}
		name += s
	}
	return name
}

// redactPath sets the member at path, when there is one, to "[REDACTED]".
func redactPath(m map[string]any, path []string) {
	for len(path) > 1 {
		next, ok := m[path[0]].(map[string]any)
		if !ok {
			return
		}
		m, path = next, path[1:]
	}
	if _, ok := m[path[0]]; ok {
		m[path[0]] = "[REDACTED]"
	}
}
