package pingone

import (
	stdjson "encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPolyEncodeWritesEachMemberOnce: when an Extra holds a member that the
// other part of a polymorphic value writes, the member goes out once: a
// field wins over an Extra, the resource's Extra over its variant's.
func TestPolyEncodeWritesEachMemberOnce(t *testing.T) {
	t.Parallel()
	a := Application{
		Name: "w", Enabled: true, Protocol: ProtocolOpenIDConnect, Type: AppTypeWorker,
		Extra: map[string]stdjson.RawMessage{"grantTypes": stdjson.RawMessage(`["IMPLICIT"]`), "shared": stdjson.RawMessage(`"app"`)},
		OIDC: &OIDCSettings{
			TokenEndpointAuthMethod: OIDCAuthClientSecretBasic,
			GrantTypes:              []OIDCGrantType{OIDCGrantClientCredentials},
			Extra:                   map[string]stdjson.RawMessage{"name": stdjson.RawMessage(`"variant"`), "shared": stdjson.RawMessage(`"variant"`), "own": stdjson.RawMessage(`1`)},
		},
	}
	out, err := encodeJSON(a)
	require.NoError(t, err)
	var names []string
	require.NoError(t, eachMember(out, func(name string, _, _ []byte) { names = append(names, name) }))
	assert.ElementsMatch(t, []string{"name", "enabled", "protocol", "type", "shared", "tokenEndpointAuthMethod", "grantTypes", "own"}, names)
	assert.JSONEq(t, `{"name":"w","enabled":true,"protocol":"OPENID_CONNECT","type":"WORKER","shared":"app",
		"tokenEndpointAuthMethod":"CLIENT_SECRET_BASIC","grantTypes":["CLIENT_CREDENTIALS"],"own":1}`, string(out))
}

// TestPolyDecodeSortsMembers: the common members go to the common fields,
// the variant's to the variant, the others to the resource's Extra; the
// variant's Extra stays empty.
func TestPolyDecodeSortsMembers(t *testing.T) {
	t.Parallel()
	var p IdentityProvider
	require.NoError(t, unmarshalWire([]byte(`{"name":"g","type":"GOOGLE","enabled":false,"clientId":"c","clientSecret":"s","hint":{"x":1}}`), &p))
	assert.Equal(t, "g", p.Name)
	require.NotNil(t, p.Social)
	assert.Equal(t, "c", p.Social.ClientID)
	assert.Nil(t, p.Social.Extra)
	assert.Equal(t, map[string]stdjson.RawMessage{"hint": stdjson.RawMessage(`{"x":1}`)}, p.Extra)
	assert.JSONEq(t, `{"name":"g","type":"GOOGLE","enabled":false,"clientId":"c","hint":{"x":1}}`, string(p.Raw), "the secret is dropped")

	// A variant of which no member is present is left out where the
	// family says so (an MFA device outside its pairing).
	var d MFADevice
	require.NoError(t, unmarshalWire([]byte(`{"id":"d","type":"TOTP"}`), &d))
	assert.Nil(t, d.TOTP)
	require.NoError(t, unmarshalWire([]byte(`{"id":"d","type":"TOTP","secret":"ABC","keyUri":"otpauth://x"}`), &d))
	require.NotNil(t, d.TOTP)
	assert.Equal(t, "ABC", d.TOTP.Secret.Reveal())
	assert.JSONEq(t, `{"id":"d","type":"TOTP"}`, string(d.Raw), "the enrolment secrets stay out of Raw")
	out, err := stdjson.Marshal(d)
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"d","type":"TOTP","secret":"[REDACTED]","keyUri":"[REDACTED]"}`, string(out))
}

// TestPolyNotAnObject: a polymorphic value that arrives as something else
// is kept as it came, and written back while nothing is set.
func TestPolyNotAnObject(t *testing.T) {
	t.Parallel()
	for _, in := range []string{`"x"`, `12`, `[1,{"a":2}]`, `true`} {
		var a Application
		require.NoError(t, unmarshalWire([]byte(in), &a), in)
		assert.Equal(t, in, string(a.Raw))
		out, err := marshalWire(&a)
		require.NoError(t, err)
		assert.Equal(t, in, string(out))
		a.Name = "set"
		out, err = marshalWire(&a)
		require.NoError(t, err)
		assert.JSONEq(t, `{"name":"set","enabled":false,"protocol":"","type":""}`, string(out), "once changed, the fields")
	}
	// Inside a page, such an item costs itself only.
	p, err := decodePage[Application]([]byte(`{"_embedded":{"applications":[7,{"name":"a","protocol":"SAML","type":"WEB_APP"}]}}`), "applications", 0)
	require.NoError(t, err)
	require.Len(t, p.Items, 2)
	assert.Equal(t, "7", string(p.Items[0].Raw))
	require.NotNil(t, p.Items[1].SAML)
}

// TestWithoutMembers drops members at paths and keeps every other member
// as written (the whitespace between members goes).
func TestWithoutMembers(t *testing.T) {
	t.Parallel()
	in := `{"a" : 1,"s":"caf\u00e9","m":{"k":"secret", "keep":[1,2.50]},"m2":{"k":1},"k":{"x":1}}`
	assert.Equal(t, `{"a" : 1,"s":"caf\u00e9","m":{"keep":[1,2.50]},"m2":{"k":1}}`,
		string(withoutMembers([]byte(in), [][]string{{"m", "k"}, {"k"}, {"m2", "k", "deeper"}})))
	assert.Equal(t, in, string(withoutMembers([]byte(in), [][]string{{"absent"}, {"a", "b"}})), "nothing to drop: unchanged")
	assert.Equal(t, `[1]`, string(withoutMembers([]byte(`[1]`), [][]string{{"a"}})), "not an object: unchanged")
}

// notPolymorphic lacks polyMeta: its codec reports an error, not a panic.
type notPolymorphic struct {
	Name  string                        `json:"name"`
	Extra map[string]stdjson.RawMessage `json:",embed"`
}

func TestPolyCodecOfAWrongType(t *testing.T) {
	t.Parallel()
	pc := &polyCodec[notPolymorphic]{variant: func(*notPolymorphic) any { return nil }, pick: func(*notPolymorphic) any { return nil }}
	assert.ErrorContains(t, pc.init(), "does not embed polyMeta")
}
