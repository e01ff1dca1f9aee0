package pingone

import (
	"testing"
)

// FuzzDecodeResponses feeds arbitrary bytes to every response decoder: none
// may panic, whatever PingOne (or a proxy) sends.
func FuzzDecodeResponses(f *testing.F) {
	for _, seed := range []string{
		`{"id":"u","username":"a","name":{"given":"x"},"_links":{"self":{"href":"h"}},"custom":{"a":[1,2]}}`,
		`{"protocol":"OPENID_CONNECT","type":"WORKER","name":"w","enabled":true,"grantTypes":["CLIENT_CREDENTIALS"]}`,
		`{"protocol":"SAML","type":"WEB_APP","acsUrls":"not-a-list","assertionDuration":"60"}`,
		`{"type":"OPENID_CONNECT","name":"o","clientId":"c","scopes":["openid"]}`,
		`{"type":"TOTP","status":"ACTIVATION_REQUIRED","secret":"ABC","keyUri":"otpauth://totp/x"}`,
		`{"type":"FIDO2","publicKeyCredentialCreationOptions":"{\"rp\":{}}","phone":null}`,
		`{"protocol":"OPENID_CONNECT","type":"NATIVE_APP","mobile":{"integrityDetection":{"googlePlay":{"verificationType":"INTERNAL","decryptionKey":"k"}},"push":{"numberMatching":{"type":1}}},"clientSecret":"s"}`,
		`{"protocol":"CAS","type":"WEB_APP","casVersion":"3.0","x":{"y":[1,2.50]}}`,
		`{"type":"SAML","enabled":"true","spSigning":{"key":{"id":1},"algorithm":"SHA512eithEDCSA"},"sloWindow":"2","appSecret":"s"}`,
		`{"_embedded":{"users":[{"id":"1"},{"id":2}]},"_links":{"next":{"href":"https://x"}},"count":"3","size":2}`,
		`{"serialNumber":170141183460469231731687303715884105727,"validityPeriod":"365"}`,
		`{"id":"e","code":"INVALID_DATA","details":[{"innerError":{"rangeMinimumValue":"1"}}]}`,
		`null`, `[]`, `"x"`, `{"a":`, "\xff",
		// Duplicate member names inside a kept value: decodes, so must encode.
		`{"":{"":"","":[]}}`, `{"x":[{"":"","":{}}]}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		decoders := []func() any{
			func() any { return new(User) },
			func() any { return new(Group) },
			func() any { return new(Population) },
			func() any { return new(Application) },
			func() any { return new(ApplicationSecret) },
			func() any { return new(IdentityProvider) },
			func() any { return new(MFADevice) },
			func() any { return new(Certificate) },
			func() any { return new(DeviceAuthPolicy) },
			func() any { return new(PasswordPolicy) },
			func() any { return new(UserInfo) },
			func() any { return new(RoleAssignment) },
			func() any { return new(ApplicationRequest) },
			func() any { return new(ApplicationGrant) },
			func() any { return new(SignOnPolicyAssignment) },
			func() any { return new(ApplicationAttributeMapping) },
			func() any { return new(IdentityProviderRequest) },
			func() any { return new(IdentityProviderAttribute) },
			func() any { return new(PairDeviceRequest) },
			func() any { return new(errorBody) },
		}
		for _, mk := range decoders {
			v := mk()
			if decodeJSON(data, v) == nil {
				// What decoded must encode again.
				if _, err := encodeJSON(v); err != nil {
					t.Fatalf("%T decoded but does not encode: %v", v, err)
				}
			}
		}
		_, _ = decodePage[User](data, "users", 10)
		_, _ = decodePage[Application](data, "applications", 0)
		_, _ = decodePage[IdentityProvider](data, "identityProviders", 0)
		_, _ = decodePage[MFADevice](data, "devices", 0)

		// A polymorphic value encodes the same once decoded again.
		for _, mk := range []func() any{
			func() any { return new(Application) },
			func() any { return new(IdentityProvider) },
			func() any { return new(MFADevice) },
			func() any { return new(ApplicationRequest) },
			func() any { return new(IdentityProviderRequest) },
		} {
			v := mk()
			if decodeJSON(data, v) != nil {
				continue
			}
			once, err := encodeJSON(v)
			if err != nil {
				t.Fatalf("%T: %v", v, err)
			}
			again := mk()
			if err := decodeJSON(once, again); err != nil {
				t.Fatalf("%T: its encoding %s does not decode: %v", v, once, err)
			}
			twice, err := encodeJSON(again)
			if err != nil {
				t.Fatalf("%T: %v", again, err)
			}
			if string(once) != string(twice) {
				t.Fatalf("%T encodes %s, then %s", v, once, twice)
			}
		}
	})
}
