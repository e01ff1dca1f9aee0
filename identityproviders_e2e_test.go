package pingone_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/scim"
)

func idpOIDCSettings(secret string) pingone.IdentityProviderOIDCSettings {
	return pingone.IdentityProviderOIDCSettings{
		AuthorizationEndpoint:   "https://idp.example.com/authorize",
		TokenEndpoint:           "https://idp.example.com/token",
		JWKSEndpoint:            "https://idp.example.com/jwks",
		Issuer:                  "https://idp.example.com",
		ClientID:                "pingone",
		ClientSecret:            pingone.NewSecret(secret),
		Scopes:                  []string{"openid", "email"},
		TokenEndpointAuthMethod: pingone.IdentityProviderClientSecretPost,
		PKCEMethod:              pingone.Value(pingone.IdentityProviderPKCES256),
	}
}

func idpSAMLSettings() pingone.IdentityProviderSAMLSettings {
	return pingone.IdentityProviderSAMLSettings{
		IDPEntityID:     "https://partner.example.com/saml",
		SPEntityID:      "urn:pingone:partner",
		IDPVerification: pingone.IdentityProviderSAMLVerification{Certificates: []pingone.Ref{{ID: "8e2f0000-0000-4000-8000-000000000001"}}},
		SSOBinding:      pingone.IdentityProviderSAMLHTTPPost,
		SSOEndpoint:     "https://partner.example.com/saml/sso",
		SLOWindow:       pingone.Value(3),
	}
}

func asAPIError(t *testing.T, err error) *pingone.APIError {
	t.Helper()
	e, ok := errors.AsType[*pingone.APIError](err)
	require.True(t, ok, "want an *APIError, got %v", err)
	return e
}

func TestIdentityProvidersEndToEnd(t *testing.T) {
	t.Parallel()
	_, _, env := e2e(t)
	ctx := t.Context()
	idps := env.IdentityProviders

	oidc, err := idps.Create(ctx, pingone.IdentityProviderRequest{
		Name: "Workforce", Description: pingone.Value("Employees"), Enabled: true, OIDC: new(idpOIDCSettings(idpSecretText)),
	}, &pingone.CreateIdentityProviderOptions{ExpandAttributes: true})
	require.NoError(t, err)
	require.NotNil(t, oidc.OIDC)
	assert.Equal(t, pingone.IdentityProviderTypeOpenIDConnect, oidc.Type)
	assert.Equal(t, pingone.IdentityProviderPKCES256, oidc.OIDC.PKCEMethod)
	assert.NotContains(t, string(oidc.Raw), "clientSecret", "secrets are write-only")
	require.Len(t, oidc.Embedded.Attributes, 1, "expand=attributes returns the CORE mapping")
	assert.Equal(t, "username", oidc.Embedded.Attributes[0].Name)
	assert.Equal(t, pingone.IdentityProviderMappingCore, oidc.Embedded.Attributes[0].MappingType)
	assert.False(t, oidc.CreatedAt.IsZero())

	others := []pingone.IdentityProviderRequest{
		{Name: "Facebook", Enabled: true, Facebook: &pingone.IdentityProviderFacebookSettings{AppID: "fb", AppSecret: pingone.NewSecret("fb-secret")}},
		{Name: "GitHub", Enabled: true, Type: pingone.IdentityProviderTypeGitHub, Social: &pingone.IdentityProviderSocialSettings{ClientID: "gh", ClientSecret: pingone.NewSecret("gh-secret")}},
		{Name: "Apple", Enabled: false, Apple: &pingone.IdentityProviderAppleSettings{ClientID: "com.example", ClientSecretSigningKey: pingone.NewSecret("-----BEGIN PRIVATE KEY-----"), KeyID: "K", TeamID: "T"}},
		{Name: "Microsoft", Enabled: true, Microsoft: &pingone.IdentityProviderMicrosoftSettings{ClientID: "ms", ClientSecret: pingone.NewSecret("ms-secret"), TenantID: pingone.Value("tenant")}},
		{Name: "PayPal", Enabled: true, PayPal: &pingone.IdentityProviderPayPalSettings{ClientID: "pp", ClientSecret: pingone.NewSecret("pp-secret"), ClientEnvironment: "sandbox"}},
		{Name: "Partner", Enabled: true, SAML: new(idpSAMLSettings())},
	}
	created := map[string]*pingone.IdentityProvider{}
	for _, req := range others {
		p, err := idps.Create(ctx, req, nil)
		require.NoError(t, err, req.Name)
		assert.Empty(t, p.Embedded.Attributes, "attributes only with ExpandAttributes")
		for _, secret := range []string{"clientSecret", "appSecret", "clientSecretSigningKey"} {
			assert.NotContains(t, string(p.Raw), secret)
		}
		created[req.Name] = p
	}
	assert.Equal(t, "fb", created["Facebook"].Facebook.AppID)
	assert.Equal(t, "gh", created["GitHub"].Social.ClientID)
	assert.Equal(t, "T", created["Apple"].Apple.TeamID)
	assert.Equal(t, "tenant", created["Microsoft"].Microsoft.TenantID)
	assert.Equal(t, "sandbox", created["PayPal"].PayPal.ClientEnvironment)
	assert.Equal(t, 3, created["Partner"].SAML.SLOWindow)

	// Required settings per type, and the secrets on create.
	bad := map[string]pingone.IdentityProviderRequest{
		"clientSecret":      {Name: "No secret", OIDC: new(idpOIDCSettings(""))},
		"appSecret":         {Name: "FB", Facebook: &pingone.IdentityProviderFacebookSettings{AppID: "fb"}},
		"keyId":             {Name: "Apple", Apple: &pingone.IdentityProviderAppleSettings{ClientID: "c", ClientSecretSigningKey: pingone.NewSecret("k"), TeamID: "T"}},
		"clientEnvironment": {Name: "PayPal", PayPal: &pingone.IdentityProviderPayPalSettings{ClientID: "pp", ClientSecret: pingone.NewSecret("s")}},
	}
	for target, req := range bad {
		_, err := idps.Create(ctx, req, nil)
		e := asAPIError(t, err)
		assert.Equal(t, 400, e.StatusCode, target)
		assert.True(t, e.HasDetail("REQUIRED_VALUE") || e.HasDetail("EMPTY_VALUE"), "%s: %v", target, err)
		assert.Equal(t, target, e.Details[0].Target)
	}
	noCerts := idpSAMLSettings()
	noCerts.IDPVerification.Certificates = nil
	_, err = idps.Create(ctx, pingone.IdentityProviderRequest{Name: "SAML", SAML: &noCerts}, nil)
	assert.ErrorIs(t, err, pingone.ErrInvalidData)
	_, err = idps.Create(ctx, pingone.IdentityProviderRequest{Name: "G", Type: pingone.IdentityProviderTypeGoogle, Social: &pingone.IdentityProviderSocialSettings{ClientID: "g", ClientSecret: pingone.NewSecret("s")},
		Registration: pingone.Value(pingone.IdentityProviderRegistration{Population: pingone.Ref{ID: "5d3a6a9b-0000-4000-8000-0000000000ff"}})}, nil)
	assert.True(t, asAPIError(t, err).HasDetail("INVALID_VALUE"), "the registration population must exist")

	// Read, change, replace: the secret PingOne does not return is kept.
	got, err := idps.Get(ctx, oidc.ID)
	require.NoError(t, err)
	req := got.Request()
	req.Name = "Workforce SSO"
	req.Enabled = false
	req.Description = pingone.Optional[string]{}
	replaced, err := idps.Replace(ctx, oidc.ID, req)
	require.NoError(t, err)
	assert.Equal(t, "Workforce SSO", replaced.Name)
	assert.False(t, replaced.Enabled)
	assert.Empty(t, replaced.Description, "PUT cleared the omitted description")
	assert.Equal(t, "https://idp.example.com", replaced.OIDC.Issuer)
	assert.Equal(t, oidc.CreatedAt, replaced.CreatedAt)

	// A PUT that omits an optional setting clears it.
	s := idpOIDCSettings("")
	s.PKCEMethod = pingone.Optional[pingone.IdentityProviderPKCEMethod]{}
	replaced, err = idps.Replace(ctx, oidc.ID, pingone.IdentityProviderRequest{Name: "Workforce SSO", Enabled: true, OIDC: &s})
	require.NoError(t, err)
	assert.Empty(t, replaced.OIDC.PKCEMethod)

	// The type cannot change.
	_, err = idps.Replace(ctx, oidc.ID, pingone.IdentityProviderRequest{Name: "Workforce SSO", SAML: new(idpSAMLSettings())})
	e := asAPIError(t, err)
	assert.Equal(t, 400, e.StatusCode)
	assert.True(t, e.HasDetail("INVALID_VALUE"))
	assert.Equal(t, "type", e.Details[0].Target)

	var names []string
	for p, err := range idps.ListIter(ctx, &pingone.ListOptions{Limit: 3}) {
		require.NoError(t, err)
		names = append(names, p.Name)
		assert.NotContains(t, string(p.Raw), "Secret")
	}
	assert.Equal(t, []string{"Workforce SSO", "Facebook", "GitHub", "Apple", "Microsoft", "PayPal", "Partner"}, names)
	page, err := idps.List(ctx, &pingone.ListOptions{Limit: 5})
	require.NoError(t, err)
	assert.Len(t, page.Items, 5)
	assert.Equal(t, 7, page.Count)
	assert.True(t, page.HasNext())

	require.NoError(t, idps.Delete(ctx, created["Facebook"].ID))
	_, err = idps.Get(ctx, created["Facebook"].ID)
	assert.ErrorIs(t, err, pingone.ErrNotFound)
	assert.ErrorIs(t, idps.Delete(ctx, created["Facebook"].ID), pingone.ErrNotFound)
}

func TestIdentityProviderAttributesEndToEnd(t *testing.T) {
	t.Parallel()
	_, _, env := e2e(t)
	ctx := t.Context()
	idps := env.IdentityProviders
	p, err := idps.Create(ctx, pingone.IdentityProviderRequest{Name: "Partner", Enabled: true, SAML: new(idpSAMLSettings())}, nil)
	require.NoError(t, err)

	page, err := idps.ListAttributes(ctx, p.ID, nil)
	require.NoError(t, err)
	require.Len(t, page.Items, 1)
	core := page.Items[0]
	assert.Equal(t, "username", core.Name)
	assert.Equal(t, "${samlAssertion.subject}", core.Value)
	assert.Equal(t, pingone.IdentityProviderMappingCore, core.MappingType)
	assert.Equal(t, p.ID, core.IdentityProvider.ID)

	email, err := idps.CreateAttribute(ctx, p.ID, pingone.IdentityProviderAttributeRequest{
		Name: "email", Value: "${samlAssertion.email}", Update: pingone.IdentityProviderUpdateAlways,
	})
	require.NoError(t, err)
	assert.Equal(t, pingone.IdentityProviderMappingCustom, email.MappingType)
	assert.Equal(t, p.ID, email.IdentityProvider.ID)

	_, err = idps.CreateAttribute(ctx, p.ID, pingone.IdentityProviderAttributeRequest{Name: "Email", Value: "${samlAssertion.mail}", Update: pingone.IdentityProviderUpdateAlways})
	assert.ErrorIs(t, err, pingone.ErrUniquenessViolation, "one mapping per user attribute")

	got, err := idps.GetAttribute(ctx, p.ID, email.ID)
	require.NoError(t, err)
	assert.Equal(t, "${samlAssertion.email}", got.Value)

	replaced, err := idps.ReplaceAttribute(ctx, p.ID, email.ID, pingone.IdentityProviderAttributeRequest{Name: "email", Value: "${samlAssertion.mail}", Update: pingone.IdentityProviderUpdateEmptyOnly})
	require.NoError(t, err)
	assert.Equal(t, pingone.IdentityProviderUpdateEmptyOnly, replaced.Update)
	assert.Equal(t, pingone.IdentityProviderMappingCustom, replaced.MappingType, "the mapping type is kept")

	// The CORE mapping: its value may change, not its name, and it stays.
	coreChanged, err := idps.ReplaceAttribute(ctx, p.ID, core.ID, pingone.IdentityProviderAttributeRequest{Name: "username", Value: "${samlAssertion.uid}", Update: pingone.IdentityProviderUpdateEmptyOnly})
	require.NoError(t, err)
	assert.Equal(t, pingone.IdentityProviderMappingCore, coreChanged.MappingType)
	_, err = idps.ReplaceAttribute(ctx, p.ID, core.ID, pingone.IdentityProviderAttributeRequest{Name: "nickname", Value: "${samlAssertion.uid}", Update: pingone.IdentityProviderUpdateEmptyOnly})
	assert.ErrorIs(t, err, pingone.ErrInvalidData)
	err = idps.DeleteAttribute(ctx, p.ID, core.ID)
	assert.True(t, asAPIError(t, err).HasDetail("CONSTRAINT_VIOLATION"), "the CORE mapping cannot be deleted")

	var attrNames []string
	for a, err := range idps.ListAttributesIter(ctx, p.ID, nil) {
		require.NoError(t, err)
		attrNames = append(attrNames, a.Name)
	}
	assert.Equal(t, []string{"username", "email"}, attrNames)

	require.NoError(t, idps.DeleteAttribute(ctx, p.ID, email.ID))
	_, err = idps.GetAttribute(ctx, p.ID, email.ID)
	assert.ErrorIs(t, err, pingone.ErrNotFound)

	// Deleting the provider deletes its mappings.
	require.NoError(t, idps.Delete(ctx, p.ID))
	_, err = idps.ListAttributes(ctx, p.ID, nil)
	assert.ErrorIs(t, err, pingone.ErrNotFound)
	_, err = idps.CreateAttribute(ctx, p.ID, pingone.IdentityProviderAttributeRequest{Name: "email", Value: "${x}", Update: pingone.IdentityProviderUpdateAlways})
	assert.ErrorIs(t, err, pingone.ErrNotFound)
}

// TestIdentityProviderDeleteResetsPopulationDefault: deleting the default
// identity provider of a population resets the population to PingOne, and
// so are the users linked to it.
func TestIdentityProviderDeleteResetsPopulationDefault(t *testing.T) {
	t.Parallel()
	srv, _, env := e2e(t)
	ctx := t.Context()
	p, err := env.IdentityProviders.Create(ctx, pingone.IdentityProviderRequest{Name: "Workforce", Enabled: true, OIDC: new(idpOIDCSettings("s"))}, nil)
	require.NoError(t, err)
	pops, err := env.Populations.List(ctx, &pingone.ListPopulationsOptions{Filter: scim.Sw("name", "Default")})
	require.NoError(t, err)
	require.Len(t, pops.Items, 1)
	popID := pops.Items[0].ID

	def, err := env.Populations.SetDefaultIdentityProvider(ctx, popID, p.ID)
	require.NoError(t, err)
	assert.Equal(t, "OPENID_CONNECT", def.Type)
	user := srv.Admin().UserID
	link, err := env.Users.SetIdentityProvider(ctx, user, p.ID)
	require.NoError(t, err)
	assert.Equal(t, p.ID, link.IdentityProvider.ID)

	require.NoError(t, env.IdentityProviders.Delete(ctx, p.ID))
	def, err = env.Populations.GetDefaultIdentityProvider(ctx, popID)
	require.NoError(t, err)
	assert.Equal(t, "PING_ONE", def.Type)
	assert.Empty(t, def.ID)
	u, err := env.Users.Get(ctx, user, nil)
	require.NoError(t, err)
	assert.Equal(t, "PING_ONE", u.IdentityProvider.Type)
	assert.Empty(t, u.IdentityProvider.ID)
}

func TestIdentityProvidersUnknownEnvironment(t *testing.T) {
	t.Parallel()
	_, c, _ := e2e(t)
	_, err := c.Environment("00000000-0000-4000-8000-000000000000").IdentityProviders.List(t.Context(), nil)
	assert.ErrorIs(t, err, pingone.ErrForbidden)
}

// TestIdentityProvidersByNameEndToEnd looks providers up by name on a
// simulated PingOne, which (like PingOne) does not keep names unique.
func TestIdentityProvidersByNameEndToEnd(t *testing.T) {
	t.Parallel()
	_, _, env := e2e(t)
	ctx := t.Context()
	idps := env.IdentityProviders
	google := func(name string) pingone.IdentityProviderRequest {
		return pingone.IdentityProviderRequest{Name: name, Enabled: true, Type: pingone.IdentityProviderTypeGoogle, Social: &pingone.IdentityProviderSocialSettings{
			ClientID: "g", ClientSecret: pingone.NewSecret("g-secret")}}
	}
	one, err := idps.Create(ctx, google("Google"), nil)
	require.NoError(t, err)
	partner, err := idps.Create(ctx, pingone.IdentityProviderRequest{Name: "Partner", Enabled: true, SAML: new(idpSAMLSettings())}, nil)
	require.NoError(t, err)

	got, err := idps.ByName(ctx, "Partner")
	require.NoError(t, err)
	assert.Equal(t, partner.ID, got.ID)
	require.NotNil(t, got.SAML, "decoded by type")

	_, err = idps.ByName(ctx, "Nobody")
	assert.ErrorIs(t, err, pingone.ErrNotFound)

	two, err := idps.Create(ctx, google("Google"), nil)
	require.NoError(t, err)
	_, err = idps.ByName(ctx, "Google")
	require.Error(t, err)
	assert.NotErrorIs(t, err, pingone.ErrNotFound)
	assert.ErrorContains(t, err, one.ID+", "+two.ID)

	require.NoError(t, idps.Delete(ctx, one.ID))
	got, err = idps.ByName(ctx, "Google")
	require.NoError(t, err)
	assert.Equal(t, two.ID, got.ID)
}

// TestIdentityProviderRequestRoundTripEndToEnd creates providers of two
// types on pingonetest, reads them, replaces each with its Request (which
// holds no secret) and reads it again: nothing is lost, and the secret
// PingOne never returns is kept. So do the provider's attribute mappings.
func TestIdentityProviderRequestRoundTripEndToEnd(t *testing.T) {
	t.Parallel()
	_, _, env := e2e(t)
	ctx := t.Context()
	idps := env.IdentityProviders
	for _, req := range []pingone.IdentityProviderRequest{
		{Name: "Workforce", Description: pingone.Value(""), Enabled: true, OIDC: new(idpOIDCSettings(idpSecretText)),
			LoginButtonIcon: pingone.Value(pingone.IdentityProviderIcon{ID: "i1", Href: "https://assets.example.com/b.png"})},
		{Name: "Partner", Enabled: false, SAML: new(idpSAMLSettings())},
		{Name: "GitHub", Enabled: true, Type: pingone.IdentityProviderTypeGitHub, Social: &pingone.IdentityProviderSocialSettings{ClientID: "gh", ClientSecret: pingone.NewSecret("gh-secret")}},
	} {
		created, err := idps.Create(ctx, req, nil)
		require.NoError(t, err, req.Name)
		got, err := idps.Get(ctx, created.ID)
		require.NoError(t, err)
		r := got.Request()
		assert.Nil(t, r.Extra, "%s: every member is typed", req.Name)
		_, err = idps.Replace(ctx, got.ID, r)
		require.NoError(t, err, "%s: the stored secret is kept (a replace without one would be refused)", req.Name)
		again, err := idps.Get(ctx, got.ID)
		require.NoError(t, err)
		assertSameResource(t, got, again)
		assert.Equal(t, polyVariantName(created), polyVariantName(again))
		assert.NotEmpty(t, polyVariantName(again))

		attr, err := idps.CreateAttribute(ctx, got.ID, pingone.IdentityProviderAttributeRequest{Name: "nickname", Value: "${providerAttributes.nick}", Update: pingone.IdentityProviderUpdateEmptyOnly})
		require.NoError(t, err)
		_, err = idps.ReplaceAttribute(ctx, got.ID, attr.ID, attr.Request())
		require.NoError(t, err)
		attr2, err := idps.GetAttribute(ctx, got.ID, attr.ID)
		require.NoError(t, err)
		assertSameResource(t, attr, attr2)
	}
}
