package pingone_test

import (
	"bytes"
	"context"
	stdjson "encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
)

const (
	idpOIDC       = "3b7a1c52-0000-4000-8000-000000000001"
	idpSAML       = "3b7a1c52-0000-4000-8000-000000000003"
	idpCreated    = "3b7a1c52-0000-4000-8000-000000000004"
	idpAttrCore   = "4c8b2d63-0000-4000-8000-000000000002"
	idpAttrGiven  = "4c8b2d63-0000-4000-8000-000000000005"
	envIdP        = "/environments/" + testEnv + "/identityProviders"
	idpSecretText = "s3cr3t-Value-that-must-not-leak"
)

func init() {
	registerActions(
		actionCase{
			action: "List Identity Providers", family: "identityproviders", golden: "list",
			method: "GET", path: envIdP + "?limit=2", status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.IdentityProviders.List(ctx, &pingone.ListOptions{Limit: 2})
			},
			check: func(t *testing.T, got any) {
				p := got.(*pingone.Page[pingone.IdentityProvider])
				require.Len(t, p.Items, 2)
				assert.Equal(t, 3, p.Count)
				assert.True(t, p.HasNext())
				oidc, google := p.Items[0], p.Items[1]
				assert.Equal(t, pingone.IdentityProviderTypeOpenIDConnect, oidc.Type)
				require.NotNil(t, oidc.OIDC)
				assert.Equal(t, "https://idp.example.com", oidc.OIDC.Issuer)
				assert.Equal(t, []string{"openid", "email", "profile"}, oidc.OIDC.Scopes)
				assert.Equal(t, pingone.IdentityProviderClientSecretPost, oidc.OIDC.TokenEndpointAuthMethod)
				assert.Equal(t, pingone.IdentityProviderPKCES256, oidc.OIDC.PKCEMethod)
				assert.Nil(t, oidc.Social)
				assert.Empty(t, oidc.Extra)
				assert.Equal(t, pingone.IdentityProviderTypeGoogle, google.Type)
				require.NotNil(t, google.Social)
				assert.Equal(t, "1234.apps.googleusercontent.com", google.Social.ClientID)
				assert.False(t, google.Enabled)
				assert.Equal(t, popID1, google.Registration.Population.ID)
				assert.Equal(t, "https://assets.pingone.test/google.png", google.LoginButtonIcon.Href)
				assert.Equal(t, time.Date(2024, 4, 3, 10, 0, 0, 0, time.UTC), google.UpdatedAt)
			},
		},
		actionCase{
			action: "Create Identity Provider", family: "identityproviders", golden: "create",
			method: "POST", path: envIdP + "?expand=attributes", status: 201,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.IdentityProviders.Create(ctx, pingone.IdentityProviderRequest{
					Name:    "Partner OIDC",
					Enabled: true,
					OIDC: &pingone.IdentityProviderOIDCSettings{
						AuthorizationEndpoint:   "https://partner.example.com/oauth2/authorize",
						TokenEndpoint:           "https://partner.example.com/oauth2/token",
						JWKSEndpoint:            "https://partner.example.com/oauth2/jwks",
						Issuer:                  "https://partner.example.com",
						DiscoveryEndpoint:       pingone.Value("https://partner.example.com/.well-known/openid-configuration"),
						ClientID:                "partner-client",
						ClientSecret:            pingone.NewSecret(idpSecretText),
						Scopes:                  []string{"openid", "email"},
						TokenEndpointAuthMethod: pingone.IdentityProviderClientSecretBasic,
					},
				}, &pingone.CreateIdentityProviderOptions{ExpandAttributes: true})
			},
			check: func(t *testing.T, got any) {
				p := got.(*pingone.IdentityProvider)
				assert.Equal(t, idpCreated, p.ID)
				require.NotNil(t, p.OIDC)
				assert.Equal(t, pingone.IdentityProviderPKCENone, p.OIDC.PKCEMethod)
				require.Len(t, p.Embedded.Attributes, 1)
				assert.Equal(t, "username", p.Embedded.Attributes[0].Name)
				assert.Equal(t, pingone.IdentityProviderMappingCore, p.Embedded.Attributes[0].MappingType)
				assert.Equal(t, idpCreated, p.Embedded.Attributes[0].IdentityProvider.ID)
				assert.NotContains(t, p.Extra, "_embedded", "the mappings are decoded, not kept as unknown")
			},
		},
		actionCase{
			action: "Get Identity Provider", family: "identityproviders", golden: "get",
			method: "GET", path: envIdP + "/" + idpSAML, status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.IdentityProviders.Get(ctx, idpSAML)
			},
			check: func(t *testing.T, got any) {
				p := got.(*pingone.IdentityProvider)
				require.NotNil(t, p.SAML)
				s := p.SAML
				assert.Equal(t, "https://partner.example.com/saml", s.IDPEntityID)
				assert.Equal(t, []pingone.Ref{{ID: "8e2f0000-0000-4000-8000-000000000001"}}, s.IDPVerification.Certificates)
				assert.Equal(t, pingone.IdentityProviderSAMLHTTPPost, s.SSOBinding)
				assert.True(t, s.AuthnRequestSigned)
				assert.Equal(t, "8e2f0000-0000-4000-8000-000000000002", s.SPSigning.Key.ID)
				assert.Equal(t, pingone.SHA256WithRSA, s.SPSigning.Algorithm)
				assert.Equal(t, 1, s.SLOWindow)
				assert.Nil(t, p.OIDC)
				assert.Contains(t, p.Links.Href("self"), idpSAML)
			},
		},
		actionCase{
			action: "Update Identity Provider", family: "identityproviders", golden: "replace",
			method: "PUT", path: envIdP + "/" + idpSAML, status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.IdentityProviders.Replace(ctx, idpSAML, pingone.IdentityProviderRequest{
					Name: "Partner SAML",
					SAML: &pingone.IdentityProviderSAMLSettings{
						IDPEntityID:     "https://partner.example.com/saml",
						SPEntityID:      "https://auth.pingone.test/" + testEnv,
						IDPVerification: pingone.IdentityProviderSAMLVerification{Certificates: []pingone.Ref{{ID: "8e2f0000-0000-4000-8000-000000000001"}}},
						SSOBinding:      pingone.IdentityProviderSAMLHTTPRedirect,
						SSOEndpoint:     "https://partner.example.com/saml/sso",
					},
				})
			},
			check: func(t *testing.T, got any) {
				p := got.(*pingone.IdentityProvider)
				assert.False(t, p.Enabled)
				assert.Empty(t, p.Description, "PUT cleared the omitted description")
				require.NotNil(t, p.SAML)
				assert.Equal(t, pingone.IdentityProviderSAMLHTTPRedirect, p.SAML.SSOBinding)
				assert.Empty(t, p.SAML.SLOEndpoint)
			},
		},
		actionCase{
			action: "Delete Identity Provider", family: "identityproviders", golden: "delete",
			method: "DELETE", path: envIdP + "/" + idpSAML, status: 204,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return nil, env.IdentityProviders.Delete(ctx, idpSAML)
			},
		},
		actionCase{
			action: "List Identity Provider Attributes", family: "identityproviders", golden: "list_attributes",
			method: "GET", path: envIdP + "/" + idpSAML + "/attributes", status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.IdentityProviders.ListAttributes(ctx, idpSAML, nil)
			},
			check: func(t *testing.T, got any) {
				p := got.(*pingone.Page[pingone.IdentityProviderAttribute])
				require.Len(t, p.Items, 3)
				assert.False(t, p.HasNext())
				assert.Equal(t, pingone.IdentityProviderMappingCore, p.Items[0].MappingType)
				assert.Equal(t, pingone.IdentityProviderUpdateAlways, p.Items[1].Update)
				assert.Equal(t, pingone.IdentityProviderAttributeUpdate("ON_EVERY_SIGN_ON"), p.Items[2].Update, "unknown modes are kept")
				assert.Equal(t, "${samlAssertion.title}", p.Items[2].Value)
			},
		},
		actionCase{
			action: "Create Identity Provider Attribute", family: "identityproviders", golden: "create_attribute",
			method: "POST", path: envIdP + "/" + idpSAML + "/attributes", status: 201,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.IdentityProviders.CreateAttribute(ctx, idpSAML, pingone.IdentityProviderAttributeRequest{
					Name: "name.given", Value: "${samlAssertion.givenName}", Update: pingone.IdentityProviderUpdateEmptyOnly,
				})
			},
			check: func(t *testing.T, got any) {
				a := got.(*pingone.IdentityProviderAttribute)
				assert.Equal(t, idpAttrGiven, a.ID)
				assert.Equal(t, pingone.IdentityProviderMappingCustom, a.MappingType)
				assert.Equal(t, idpSAML, a.IdentityProvider.ID)
			},
		},
		actionCase{
			action: "Get Identity Provider Attribute", family: "identityproviders", golden: "get_attribute",
			method: "GET", path: envIdP + "/" + idpSAML + "/attributes/" + idpAttrCore, status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.IdentityProviders.GetAttribute(ctx, idpSAML, idpAttrCore)
			},
			check: func(t *testing.T, got any) {
				a := got.(*pingone.IdentityProviderAttribute)
				assert.Equal(t, "username", a.Name)
				assert.Equal(t, "${samlAssertion.subject}", a.Value)
				assert.Equal(t, pingone.IdentityProviderUpdateEmptyOnly, a.Update)
			},
		},
		actionCase{
			action: "Update Identity Provider Attribute", family: "identityproviders", golden: "replace_attribute",
			method: "PUT", path: envIdP + "/" + idpSAML + "/attributes/" + idpAttrGiven, status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.IdentityProviders.ReplaceAttribute(ctx, idpSAML, idpAttrGiven, pingone.IdentityProviderAttributeRequest{
					Name: "name.given", Value: "${samlAssertion.firstName}", Update: pingone.IdentityProviderUpdateAlways,
				})
			},
			check: func(t *testing.T, got any) {
				a := got.(*pingone.IdentityProviderAttribute)
				assert.Equal(t, pingone.IdentityProviderUpdateAlways, a.Update)
				assert.Equal(t, "${samlAssertion.firstName}", a.Value)
			},
		},
		actionCase{
			action: "Delete Identity Provider Attribute", family: "identityproviders", golden: "delete_attribute",
			method: "DELETE", path: envIdP + "/" + idpSAML + "/attributes/" + idpAttrGiven, status: 204,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return nil, env.IdentityProviders.DeleteAttribute(ctx, idpSAML, idpAttrGiven)
			},
		},
	)
}

func TestIdentityProviders(t *testing.T) {
	t.Parallel()
	testFamily(t, "identityproviders")
}

// TestIdentityProviderVariants decodes one golden per type, checks that the
// matching variant (and only it) is set, and re-encodes it unchanged.
func TestIdentityProviderVariants(t *testing.T) {
	t.Parallel()
	social := func(p *pingone.IdentityProvider) any { return p.Social }
	cases := []struct {
		file    string
		typ     pingone.IdentityProviderType
		variant func(p *pingone.IdentityProvider) any
		check   func(t *testing.T, p *pingone.IdentityProvider)
	}{
		{"facebook", pingone.IdentityProviderTypeFacebook, func(p *pingone.IdentityProvider) any { return p.Facebook },
			func(t *testing.T, p *pingone.IdentityProvider) { assert.Equal(t, "fb-app-1", p.Facebook.AppID) }},
		{"google", pingone.IdentityProviderTypeGoogle, social,
			func(t *testing.T, p *pingone.IdentityProvider) {
				assert.Equal(t, "g.apps.googleusercontent.com", p.Social.ClientID)
			}},
		{"linkedin", pingone.IdentityProviderTypeLinkedIn, social,
			func(t *testing.T, p *pingone.IdentityProvider) { assert.Equal(t, "li-client", p.Social.ClientID) }},
		{"linkedin_oidc", pingone.IdentityProviderTypeLinkedInOIDC, social,
			func(t *testing.T, p *pingone.IdentityProvider) { assert.Equal(t, "li-oidc-client", p.Social.ClientID) }},
		{"twitter", pingone.IdentityProviderTypeTwitter, social,
			func(t *testing.T, p *pingone.IdentityProvider) { assert.Equal(t, "tw-client", p.Social.ClientID) }},
		{"amazon", pingone.IdentityProviderTypeAmazon, social,
			func(t *testing.T, p *pingone.IdentityProvider) {
				assert.Equal(t, "amzn1.application-oa2-client.1", p.Social.ClientID)
			}},
		{"yahoo", pingone.IdentityProviderTypeYahoo, social,
			func(t *testing.T, p *pingone.IdentityProvider) { assert.Equal(t, "yahoo-client", p.Social.ClientID) }},
		{"github", pingone.IdentityProviderTypeGitHub, social,
			func(t *testing.T, p *pingone.IdentityProvider) {
				assert.Equal(t, "gh-client", p.Social.ClientID)
				assert.JSONEq(t, `"https://github.example.com"`, string(p.Extra["enterpriseHost"]), "unknown members are kept")
				assert.Len(t, p.Extra, 1)
			}},
		{"microsoft", pingone.IdentityProviderTypeMicrosoft, func(p *pingone.IdentityProvider) any { return p.Microsoft },
			func(t *testing.T, p *pingone.IdentityProvider) {
				assert.Equal(t, "ms-client", p.Microsoft.ClientID)
				assert.Equal(t, "72f988bf-86f1-41af-91ab-2d7cd011db47", p.Microsoft.TenantID)
			}},
		{"paypal", pingone.IdentityProviderTypePayPal, func(p *pingone.IdentityProvider) any { return p.PayPal },
			func(t *testing.T, p *pingone.IdentityProvider) {
				assert.Equal(t, "pp-client", p.PayPal.ClientID)
				assert.Equal(t, "sandbox", p.PayPal.ClientEnvironment)
			}},
		{"apple", pingone.IdentityProviderTypeApple, func(p *pingone.IdentityProvider) any { return p.Apple },
			func(t *testing.T, p *pingone.IdentityProvider) {
				assertFields(t, pingone.IdentityProviderApple{ClientID: "com.example.signin", KeyID: "ABC123DEFG", TeamID: "TEAM123456"}, *p.Apple)
			}},
		{"oidc", pingone.IdentityProviderTypeOpenIDConnect, func(p *pingone.IdentityProvider) any { return p.OIDC },
			func(t *testing.T, p *pingone.IdentityProvider) {
				assert.Equal(t, "https://idp.example.com/.well-known/openid-configuration", p.OIDC.DiscoveryEndpoint)
				assert.Equal(t, "https://idp.example.com/userinfo", p.OIDC.UserInfoEndpoint)
				assert.Equal(t, "https://idp.example.com/jwks", p.OIDC.JWKSEndpoint)
			}},
		{"saml", pingone.IdentityProviderTypeSAML, func(p *pingone.IdentityProvider) any { return p.SAML },
			func(t *testing.T, p *pingone.IdentityProvider) {
				assert.Equal(t, "https://idp.example.com/slo/response", p.SAML.SLOResponseEndpoint)
				assert.Equal(t, 2, p.SAML.SLOWindow)
				assert.Equal(t, pingone.SHA256WithECDSA, p.SAML.SPSigning.Algorithm)
			}},
		{"unknown", "KAKAO", func(p *pingone.IdentityProvider) any { return nil },
			func(t *testing.T, p *pingone.IdentityProvider) {
				assert.Len(t, p.Extra, 3, "every setting of an unknown type is in Extra")
				assert.JSONEq(t, `"kakao-rest-key"`, string(p.Extra["restApiKey"]))
			}},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			t.Parallel()
			golden := readGolden(t, "identityproviders", "variant_"+tc.file+".json")
			var p pingone.IdentityProvider
			require.NoError(t, json.Unmarshal(golden, &p))
			assert.Equal(t, tc.typ, p.Type)
			assert.True(t, p.Enabled)
			assert.Equal(t, testEnv, p.Environment.ID)
			set := 0
			for _, v := range []any{p.Facebook, p.Social, p.Microsoft, p.PayPal, p.Apple, p.OIDC, p.SAML} {
				if !idpIsNilVariant(v) {
					set++
					assert.Same(t, tc.variant(&p), v, "the variant matching %s", tc.typ)
				}
			}
			if tc.typ == "KAKAO" {
				assert.Zero(t, set, "no variant for an unknown type")
			} else {
				assert.Equal(t, 1, set, "exactly one variant")
			}
			tc.check(t, &p)
			assertJSONEqual(t, golden, p.Raw)

			again, err := json.Marshal(p, idpTimes)
			require.NoError(t, err)
			assertJSONEqual(t, golden, again)
			again, err = json.Marshal(&p, idpTimes)
			require.NoError(t, err)
			assertJSONEqual(t, golden, again)
		})
	}
}

// idpTimes writes timestamps as PingOne does, with milliseconds.
var idpTimes = json.WithMarshalers(json.MarshalToFunc(func(enc *jsontext.Encoder, t time.Time) error {
	return enc.WriteToken(jsontext.String(t.UTC().Format("2006-01-02T15:04:05.000Z07:00")))
}))

// idpRequestVariant returns the variant set in r, or nil.
func idpRequestVariant(r *pingone.IdentityProviderRequest) any {
	for _, v := range []any{r.Facebook, r.Social, r.Microsoft, r.PayPal, r.Apple, r.OIDC, r.SAML} {
		if rv := reflect.ValueOf(v); !rv.IsNil() {
			return v
		}
	}
	return nil
}

func idpIsNilVariant(v any) bool {
	switch p := v.(type) {
	case *pingone.IdentityProviderFacebook:
		return p == nil
	case *pingone.IdentityProviderSocial:
		return p == nil
	case *pingone.IdentityProviderMicrosoft:
		return p == nil
	case *pingone.IdentityProviderPayPal:
		return p == nil
	case *pingone.IdentityProviderApple:
		return p == nil
	case *pingone.IdentityProviderOIDC:
		return p == nil
	case *pingone.IdentityProviderSAML:
		return p == nil
	}
	return v == nil
}

// idpObjectMembers returns the members of a JSON object with their values as
// encoded, in order.
func idpObjectMembers(t *testing.T, obj []byte) (names []string, values map[string]string) {
	t.Helper()
	dec := jsontext.NewDecoder(bytes.NewReader(obj))
	tok, err := dec.ReadToken()
	require.NoError(t, err)
	require.Equal(t, jsontext.Kind('{'), tok.Kind())
	values = map[string]string{}
	for dec.PeekKind() != '}' {
		tok, err := dec.ReadToken()
		require.NoError(t, err)
		name := tok.String()
		v, err := dec.ReadValue()
		require.NoError(t, err)
		names = append(names, name)
		values[name] = string(v)
	}
	return names, values
}

// TestIdentityProviderUnknownTypeRoundTrip reads a provider of a type the
// SDK does not know and replaces it: the settings go back byte for byte, in
// their order. (Off the contract: its type enum rejects unknown types.)
func TestIdentityProviderUnknownTypeRoundTrip(t *testing.T) {
	t.Parallel()
	c, mt := rawMockClient(t)
	env := c.Environment(testEnv)
	const id = "3b7a1c52-0000-4000-8000-000000000199"
	golden := readGolden(t, "identityproviders", "variant_unknown.json")
	url := testAPIBase + envIdP + "/" + id
	mt.RegisterResponder("GET", url, jsonResponder(200, string(golden)))
	var sent []byte
	var contentType string
	mt.RegisterResponder("PUT", url, func(r *http.Request) (*http.Response, error) {
		sent, _ = io.ReadAll(r.Body)
		contentType = r.Header.Get("Content-Type")
		return jsonResponder(200, string(golden))(r)
	})

	p, err := env.IdentityProviders.Get(t.Context(), id)
	require.NoError(t, err)
	req := p.Request()
	assert.Equal(t, pingone.IdentityProviderType("KAKAO"), req.Type)
	assert.Nil(t, idpRequestVariant(&req), "no variant for an unknown type")
	assert.Len(t, req.Extra, 3, "its settings travel in Extra")

	_, err = env.IdentityProviders.Replace(t.Context(), id, req)
	require.NoError(t, err)
	assert.Equal(t, "application/json", contentType)

	_, orig := idpObjectMembers(t, golden)
	names, got := idpObjectMembers(t, sent)
	assert.Equal(t, []string{"name", "description", "enabled", "type", "consent", "restApiKey", "scopes"}, names)
	for _, name := range []string{"restApiKey", "consent", "scopes"} {
		assert.Equal(t, orig[name], got[name], "member %s is sent back byte for byte", name)
	}
	assert.Equal(t, `"KAKAO"`, got["type"])
	assert.Equal(t, `"Kakao"`, got["name"])
	assert.Equal(t, `true`, got["enabled"])
	for _, ro := range []string{"id", "environment", "createdAt", "updatedAt", "_links"} {
		assert.NotContains(t, names, ro, "read-only members are not sent")
	}
}

// TestIdentityProviderRequestFromKnownType checks the read, change, replace
// cycle of a known type: typed settings, unknown members kept, no secret.
func TestIdentityProviderRequestFromKnownType(t *testing.T) {
	t.Parallel()
	var p pingone.IdentityProvider
	require.NoError(t, json.Unmarshal(readGolden(t, "identityproviders", "variant_github.json"), &p))
	req := p.Request()
	require.NotNil(t, req.Social)
	assert.Equal(t, pingone.IdentityProviderTypeGitHub, req.Type)
	assert.True(t, req.Social.ClientSecret.IsZero())
	req.Name = "GitHub Enterprise"
	body, err := json.Marshal(req)
	require.NoError(t, err)
	assertJSONEqual(t, []byte(`{"name":"GitHub Enterprise","enabled":true,"type":"GITHUB","clientId":"gh-client","enterpriseHost":"https://github.example.com"}`), body)

	require.NoError(t, json.Unmarshal(readGolden(t, "identityproviders", "variant_saml.json"), &p))
	body, err = json.Marshal(p.Request())
	require.NoError(t, err)
	assertJSONEqual(t, []byte(`{"name":"SAML","enabled":true,"type":"SAML",
		"idpEntityId":"https://idp.example.com/saml","spEntityId":"urn:pingone:sp",
		"idpVerification":{"certificates":[{"id":"8e2f0000-0000-4000-8000-000000000001"}]},
		"ssoBinding":"HTTP_POST","ssoEndpoint":"https://idp.example.com/sso","authnRequestSigned":true,
		"spSigning":{"key":{"id":"8e2f0000-0000-4000-8000-000000000002"},"algorithm":"SHA256withECDSA"},
		"sloBinding":"HTTP_POST","sloEndpoint":"https://idp.example.com/slo","sloResponseEndpoint":"https://idp.example.com/slo/response","sloWindow":2}`), body)

	var nilProvider *pingone.IdentityProvider
	assert.Zero(t, nilProvider.Request())
}

// TestIdentityProviderSecretsNeverPrint checks every way a request could
// reach a log: fmt verbs, slog text and JSON, encoding/json, and the error of
// a failed call. Only the SDK's own encoding sends the secret.
func TestIdentityProviderSecretsNeverPrint(t *testing.T) {
	t.Parallel()
	reqs := []pingone.IdentityProviderRequest{
		{Name: "OIDC", OIDC: &pingone.IdentityProviderOIDCSettings{ClientID: "c", ClientSecret: pingone.NewSecret(idpSecretText)}},
		{Name: "FB", Facebook: &pingone.IdentityProviderFacebookSettings{AppID: "a", AppSecret: pingone.NewSecret(idpSecretText)}},
		{Name: "Apple", Apple: &pingone.IdentityProviderAppleSettings{ClientID: "c", ClientSecretSigningKey: pingone.NewSecret(idpSecretText)}},
		{Name: "Google", Type: pingone.IdentityProviderTypeGoogle, Social: &pingone.IdentityProviderSocialSettings{ClientSecret: pingone.NewSecret(idpSecretText)}},
		{Name: "MS", Microsoft: &pingone.IdentityProviderMicrosoftSettings{ClientSecret: pingone.NewSecret(idpSecretText)}},
		{Name: "PayPal", PayPal: &pingone.IdentityProviderPayPalSettings{ClientSecret: pingone.NewSecret(idpSecretText)}},
	}
	for _, req := range reqs {
		for _, format := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
			out := fmt.Sprintf(format, req)
			assert.NotContains(t, out, idpSecretText, format)
			assert.NotContains(t, out, fmt.Sprintf("%x", idpSecretText), format)
		}
		settings := idpRequestVariant(&req)
		assert.Contains(t, fmt.Sprintf("%+v", settings), "[REDACTED]")
		for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
			assert.NotContains(t, fmt.Sprintf(format, settings), idpSecretText, format)
		}
		var buf bytes.Buffer
		slog.New(slog.NewTextHandler(&buf, nil)).Info("create", "req", req, "settings", settings)
		slog.New(slog.NewJSONHandler(&buf, nil)).Info("create", "req", req, "settings", settings)
		assert.NotContains(t, buf.String(), idpSecretText)
		std, err := stdjson.Marshal(req)
		require.NoError(t, err)
		assert.NotContains(t, string(std), idpSecretText)
		assert.Contains(t, string(std), `"[REDACTED]"`)

		// Nor go-json-experiment's default encoding: only the SDK's request
		// encoder sends the secret (the Create request goldens show it).
		v2, err := json.Marshal(req)
		require.NoError(t, err)
		assert.NotContains(t, string(v2), idpSecretText)
	}
	var empty pingone.Secret
	assert.Empty(t, fmt.Sprint(empty), "an unset secret prints as unset")
	assert.True(t, pingone.NewSecret("").IsZero())
	assert.Equal(t, idpSecretText, pingone.NewSecret(idpSecretText).Reveal())
	// A struct holding a pointer to a request, printed with a verb that does
	// not fit pointers, makes fmt print the request raw, without calling any
	// method: the secret still does not show.
	holder := struct {
		R *pingone.IdentityProviderRequest
	}{&reqs[0]}
	for _, format := range []string{"%s", "%d", "%x", "%q"} {
		assert.NotContains(t, fmt.Sprintf(format, holder), idpSecretText, format)
	}

	c, mt := rawMockClient(t)
	mt.RegisterResponder("POST", testAPIBase+envIdP, jsonResponder(400,
		`{"id":"e1","code":"INVALID_DATA","message":"Bad clientSecret","details":[{"code":"INVALID_VALUE","target":"clientSecret","message":"clientSecret is too short"}]}`))
	_, err := c.Environment(testEnv).IdentityProviders.Create(t.Context(), reqs[0], nil)
	require.ErrorIs(t, err, pingone.ErrInvalidData)
	assert.NotContains(t, err.Error(), idpSecretText)
}

// TestIdentityProviderSecretsDroppedOnRead: should PingOne return a secret,
// the decoded provider does not keep it anywhere.
func TestIdentityProviderSecretsDroppedOnRead(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	mt.RegisterResponder("GET", testAPIBase+envIdP+"/"+idpOIDC, jsonResponder(200, `{
		"id":"`+idpOIDC+`","name":"OIDC","enabled":true,"type":"OPENID_CONNECT","clientId":"c","clientSecret":"`+idpSecretText+`",
		"authorizationEndpoint":"https://a","tokenEndpoint":"https://t","jwksEndpoint":"https://j","issuer":"https://i",
		"scopes":["openid"],"tokenEndpointAuthMethod":"CLIENT_SECRET_BASIC","appSecret":"`+idpSecretText+`"}`))
	p, err := c.Environment(testEnv).IdentityProviders.Get(t.Context(), idpOIDC)
	require.NoError(t, err)
	assert.Equal(t, "c", p.OIDC.ClientID)
	assert.NotContains(t, string(p.Raw), idpSecretText)
	assert.Empty(t, p.Extra)
	assert.NotContains(t, fmt.Sprintf("%+v %s", p, p.Raw), idpSecretText)
	again, err := json.Marshal(p)
	require.NoError(t, err)
	assert.NotContains(t, string(again), idpSecretText)
}

// TestIdentityProviderLenientDecoding: a provider with scalars of the wrong
// JSON type still decodes, through the SDK's lenient second pass, and a
// provider that is not an object leaves an empty item.
func TestIdentityProviderLenientDecoding(t *testing.T) {
	t.Parallel()
	c, mt := rawMockClient(t)
	env := c.Environment(testEnv)
	mt.RegisterResponder("GET", testAPIBase+envIdP+"/"+idpSAML, jsonResponder(200, `{
		"id":"`+idpSAML+`","name":"SAML","enabled":"true","type":"SAML","sloWindow":"2","authnRequestSigned":1,
		"idpEntityId":"e","createdAt":1712050200000}`))
	p, err := env.IdentityProviders.Get(t.Context(), idpSAML)
	require.NoError(t, err)
	assert.True(t, p.Enabled)
	require.NotNil(t, p.SAML)
	assert.Equal(t, 2, p.SAML.SLOWindow)
	assert.True(t, p.SAML.AuthnRequestSigned)
	assert.Equal(t, "e", p.SAML.IDPEntityID)
	assert.Equal(t, time.Date(2024, 4, 2, 9, 30, 0, 0, time.UTC), p.CreatedAt)

	mt.RegisterResponder("GET", testAPIBase+envIdP, jsonResponder(200,
		`{"_embedded":{"identityProviders":["not an object",null,{"id":"x","type":"GOOGLE","clientId":"g","enabled":true,"name":"G"}]},"count":3,"size":3}`))
	page, err := env.IdentityProviders.List(t.Context(), nil)
	require.NoError(t, err)
	require.Len(t, page.Items, 3)
	assert.Zero(t, page.Items[0].ID)
	assert.Zero(t, page.Items[1].ID)
	require.NotNil(t, page.Items[2].Social)
	assert.Equal(t, "g", page.Items[2].Social.ClientID)
}

// TestIdentityProvidersCheckArguments: bad arguments fail before any
// request, without panicking.
func TestIdentityProvidersCheckArguments(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	env := c.Environment(testEnv)
	ctx := t.Context()
	valid := pingone.IdentityProviderRequest{Name: "G", Type: pingone.IdentityProviderTypeGoogle, Social: &pingone.IdentityProviderSocialSettings{ClientID: "c"}}
	var nilOIDC *pingone.IdentityProviderOIDCSettings
	attr := pingone.IdentityProviderAttributeRequest{Name: "email", Value: "${providerAttributes.email}", Update: pingone.IdentityProviderUpdateAlways}
	cases := []struct {
		call func() error
		want string
	}{
		{func() error {
			_, err := env.IdentityProviders.Create(ctx, pingone.IdentityProviderRequest{Type: valid.Type, Social: valid.Social}, nil)
			return err
		}, "pingone: IdentityProviders.Create: Name is required"},
		{func() error {
			_, err := env.IdentityProviders.Create(ctx, pingone.IdentityProviderRequest{Name: "x"}, nil)
			return err
		}, "pingone: IdentityProviders.Create: IdentityProviderRequest has no variant set (Facebook, Social, OIDC, ...); for a type this SDK does not know, set Type"},
		{func() error {
			_, err := env.IdentityProviders.Create(ctx, pingone.IdentityProviderRequest{Name: "x", OIDC: nilOIDC}, nil)
			return err
		}, "pingone: IdentityProviders.Create: IdentityProviderRequest has no variant set (Facebook, Social, OIDC, ...); for a type this SDK does not know, set Type"},
		{func() error {
			_, err := env.IdentityProviders.Create(ctx, pingone.IdentityProviderRequest{Name: "x", Social: &pingone.IdentityProviderSocialSettings{ClientID: "c"}}, nil)
			return err
		}, "pingone: IdentityProviders.Create: Type is required with Social (GOOGLE, GITHUB, ...)"},
		{func() error {
			_, err := env.IdentityProviders.Create(ctx, pingone.IdentityProviderRequest{Name: "x", Type: pingone.IdentityProviderTypeApple, Social: &pingone.IdentityProviderSocialSettings{ClientID: "c"}}, nil)
			return err
		}, "pingone: IdentityProviders.Create: Type is APPLE, which Social does not configure"},
		{func() error {
			_, err := env.IdentityProviders.Create(ctx, pingone.IdentityProviderRequest{Name: "x", Type: pingone.IdentityProviderTypeSAML, OIDC: &pingone.IdentityProviderOIDCSettings{}}, nil)
			return err
		}, "pingone: IdentityProviders.Create: Type is SAML but the variant set is for OPENID_CONNECT"},
		{func() error {
			_, err := env.IdentityProviders.Create(ctx, pingone.IdentityProviderRequest{Name: "x", OIDC: &pingone.IdentityProviderOIDCSettings{}, SAML: &pingone.IdentityProviderSAMLSettings{}}, nil)
			return err
		}, "pingone: IdentityProviders.Create: IdentityProviderRequest has more than one variant set (Facebook, Social, OIDC, ...): set exactly one"},
		{func() error {
			_, err := env.IdentityProviders.Create(ctx, pingone.IdentityProviderRequest{Name: "x", Type: "X", Extra: map[string]stdjson.RawMessage{"a": stdjson.RawMessage(`[1`)}}, nil)
			return err
		}, `pingone: IdentityProviders.Create: Extra holds "a" with a value that is not valid JSON`},
		{func() error { _, err := env.IdentityProviders.Get(ctx, ""); return err }, "pingone: IdentityProviders.Get: providerID is required"},
		{func() error { _, err := env.IdentityProviders.Replace(ctx, "", valid); return err }, "pingone: IdentityProviders.Replace: providerID is required"},
		{func() error {
			_, err := env.IdentityProviders.Replace(ctx, idpSAML, pingone.IdentityProviderRequest{Name: "x"})
			return err
		}, "pingone: IdentityProviders.Replace: IdentityProviderRequest has no variant set (Facebook, Social, OIDC, ...); for a type this SDK does not know, set Type"},
		{func() error { return env.IdentityProviders.Delete(ctx, "") }, "pingone: IdentityProviders.Delete: providerID is required"},
		{func() error { _, err := env.IdentityProviders.ByName(ctx, ""); return err }, "pingone: IdentityProviders.ByName: name is required"},
		{func() error {
			_, err := env.IdentityProviders.ListAttributes(ctx, "", nil)
			return err
		}, "pingone: IdentityProviders.ListAttributes: providerID is required"},
		{func() error {
			for _, err := range env.IdentityProviders.ListAttributesIter(ctx, "", nil) {
				return err
			}
			return nil
		}, "pingone: IdentityProviders.ListAttributesIter: providerID is required"},
		{func() error { _, err := env.IdentityProviders.CreateAttribute(ctx, "", attr); return err }, "pingone: IdentityProviders.CreateAttribute: providerID is required"},
		{func() error {
			_, err := env.IdentityProviders.CreateAttribute(ctx, idpSAML, pingone.IdentityProviderAttributeRequest{Name: "n", Value: "v"})
			return err
		}, "pingone: IdentityProviders.CreateAttribute: Update is required"},
		{func() error { _, err := env.IdentityProviders.GetAttribute(ctx, idpSAML, ""); return err }, "pingone: IdentityProviders.GetAttribute: providerAttributeID is required"},
		{func() error { _, err := env.IdentityProviders.GetAttribute(ctx, "", "a"); return err }, "pingone: IdentityProviders.GetAttribute: providerID is required"},
		{func() error { _, err := env.IdentityProviders.ReplaceAttribute(ctx, idpSAML, "", attr); return err }, "pingone: IdentityProviders.ReplaceAttribute: providerAttributeID is required"},
		{func() error {
			_, err := env.IdentityProviders.ReplaceAttribute(ctx, idpSAML, idpAttrGiven, pingone.IdentityProviderAttributeRequest{Value: "v"})
			return err
		}, "pingone: IdentityProviders.ReplaceAttribute: Name is required"},
		{func() error { return env.IdentityProviders.DeleteAttribute(ctx, "", "a") }, "pingone: IdentityProviders.DeleteAttribute: providerID is required"},
		{func() error {
			_, err := c.Environment("").IdentityProviders.List(ctx, nil)
			return err
		}, "pingone: IdentityProviders.List: environmentID is required"},
	}
	for _, tc := range cases {
		err := tc.call()
		var argErr *pingone.ArgumentError
		assert.ErrorAs(t, err, &argErr, tc.want)
		assert.EqualError(t, err, tc.want)
	}
	assert.Equal(t, 0, mt.GetTotalCallCount())
}

// TestIdentityProviderRequestIsNotMutated: Create and Request leave their
// inputs unchanged.
func TestIdentityProviderRequestIsNotMutated(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	mt.RegisterResponder("POST", testAPIBase+envIdP, jsonResponder(201, string(readGolden(t, "identityproviders", "variant_oidc.json"))))
	settings := pingone.IdentityProviderOIDCSettings{ClientID: "c", ClientSecret: pingone.NewSecret("x"), Issuer: "https://i", AuthorizationEndpoint: "https://a",
		TokenEndpoint: "https://t", JWKSEndpoint: "https://j", TokenEndpointAuthMethod: pingone.IdentityProviderClientSecretBasic}
	req := pingone.IdentityProviderRequest{Name: "OIDC", OIDC: &settings, Extra: map[string]stdjson.RawMessage{"x": stdjson.RawMessage(`1`)}}
	_, err := c.Environment(testEnv).IdentityProviders.Create(t.Context(), req, nil)
	require.NoError(t, err)
	assert.Nil(t, settings.Scopes, "the empty scopes list is sent without touching the caller's settings")
	assert.Len(t, req.Extra, 1)

	var p pingone.IdentityProvider
	require.NoError(t, json.Unmarshal(readGolden(t, "identityproviders", "variant_oidc.json"), &p))
	r := p.Request()
	r.OIDC.Scopes[0] = "changed"
	assert.Equal(t, []string{"openid"}, p.OIDC.Scopes, "the request does not share the provider's slices")
}

// TestIdentityProvidersListIter walks two pages and stops when asked.
func TestIdentityProvidersListIter(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	env := c.Environment(testEnv)
	page1 := strings.ReplaceAll(string(readGolden(t, "identityproviders", "list.json")), "cursor=b3BhcXVlLTI", "cursor=p2")
	mt.RegisterResponderWithQuery("GET", testAPIBase+envIdP, "limit=2", jsonResponder(200, page1))
	mt.RegisterResponderWithQuery("GET", testAPIBase+envIdP, "limit=2&cursor=p2", jsonResponder(200,
		`{"_embedded":{"identityProviders":[`+string(readGolden(t, "identityproviders", "get.json"))+`]},"count":3,"size":1}`))
	seq := env.IdentityProviders.ListIter(t.Context(), &pingone.ListOptions{Limit: 2})
	assert.Equal(t, 0, mt.GetTotalCallCount(), "lazy")
	var names []string
	for p, err := range seq {
		require.NoError(t, err)
		names = append(names, p.Name)
	}
	assert.Equal(t, []string{"Corporate OIDC", "Google", "Partner SAML"}, names)
	assert.Equal(t, 2, mt.GetTotalCallCount())

	for range seq {
		break
	}
	assert.Equal(t, 3, mt.GetTotalCallCount(), "breaking after the first item fetches one page")
}

func TestIdentityProvidersByName(t *testing.T) {
	t.Parallel()
	testByName(t, byNameCase{
		op: "IdentityProviders.ByName", what: "identity provider", path: envIdP, key: "identityProviders",
		item: func(id, name string) string {
			return `{"id":"` + id + `","name":"` + name + `","type":"GOOGLE","enabled":true,"clientId":"c"}`
		},
		byName: func(ctx context.Context, env *pingone.Environment, name string) (string, error) {
			p, err := env.IdentityProviders.ByName(ctx, name)
			if err != nil {
				return "", err
			}
			require.NotNil(t, p.Social, "the provider is decoded by its type")
			return p.ID, nil
		},
	})
}

// TestIdentityProviderReplaceSendsBackWhatItRead reads providers of two
// types with members the SDK does not model (at the top and nested), zero
// values, nulls and values of an odd JSON type, and replaces them with
// their Request: the body sent is the body read, less the read-only
// members.
func TestIdentityProviderReplaceSendsBackWhatItRead(t *testing.T) {
	t.Parallel()
	const times = `"createdAt":"2024-04-02T09:30:00.000Z","updatedAt":"2024-04-03T10:00:00.000Z","_links":{"self":{"href":"x"}}`
	readOnly := []string{"id", "environment", "createdAt", "updatedAt"}
	for _, tc := range []struct{ name, body string }{
		{"oidc", `{"id":"p1","environment":{"id":"e1"},"name":"Workforce","description":"","enabled":"true","type":"OPENID_CONNECT",
			"icon":{"id":"i1","href":"https://x/i.png","futureIcon":0},"registration":{"population":{"id":"pop1"}},
			"authorizationEndpoint":"https://idp/a","tokenEndpoint":"https://idp/t","jwksEndpoint":"https://idp/j","issuer":"https://idp",
			"clientId":"c","scopes":["openid"],"tokenEndpointAuthMethod":"PRIVATE_KEY_JWT","userInfoEndpoint":null,"discoveryEndpoint":"",
			"futureOIDC":{"claims":["a"],"ratio":1.50},` + times + `}`},
		{"saml", `{"id":"p1","environment":{"id":"e1"},"name":"Partner","enabled":false,"type":"SAML",
			"idpEntityId":"urn:idp","spEntityId":"urn:sp","idpVerification":{"certificates":[{"id":"c1"}],"futureVerify":true},
			"ssoBinding":"HTTP_POST","ssoEndpoint":"https://idp/sso","authnRequestSigned":false,
			"spSigning":{"key":{"id":"k1"},"algorithm":"SHA512eithEDCSA"},"sloWindow":"2","sloBinding":"HTTP_ARTIFACT",
			"futureSAML":"x",` + times + `}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			assertSentBack(t, testAPIBase+envIdP+"/p1", tc.body, readOnly,
				func(env *pingone.Environment) (any, error) { return env.IdentityProviders.Get(t.Context(), "p1") },
				func(env *pingone.Environment, got any) error {
					p := got.(*pingone.IdentityProvider)
					require.NotNil(t, identityProviderVariant(p), "the variant of %s is decoded", p.Type)
					_, err := env.IdentityProviders.Replace(t.Context(), "p1", p.Request())
					return err
				})
		})
	}
	t.Run("attribute", func(t *testing.T) {
		t.Parallel()
		assertSentBack(t, testAPIBase+envIdP+"/p1/attributes/a1", `{"id":"a1","environment":{"id":"e1"},"identityProvider":{"id":"p1"},
			"name":"email","value":"${providerAttributes.email}","update":"EMPTY_ONLY","mappingType":"CUSTOM",
			"futureIdpAttr":[1,null],"required":false,`+times+`}`,
			[]string{"id", "environment", "identityProvider", "createdAt", "updatedAt"},
			func(env *pingone.Environment) (any, error) {
				return env.IdentityProviders.GetAttribute(t.Context(), "p1", "a1")
			},
			func(env *pingone.Environment, got any) error {
				_, err := env.IdentityProviders.ReplaceAttribute(t.Context(), "p1", "a1", got.(*pingone.IdentityProviderAttribute).Request())
				return err
			})
	})
}

// identityProviderVariant returns the variant set in p, or nil.
func identityProviderVariant(p *pingone.IdentityProvider) any {
	for _, v := range []any{p.Facebook, p.Social, p.Microsoft, p.PayPal, p.Apple, p.OIDC, p.SAML} {
		if !idpIsNilVariant(v) {
			return v
		}
	}
	return nil
}
