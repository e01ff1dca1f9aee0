package pingone_test

import (
	"errors"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/pingonetest"
)

// workerClient returns a client authenticated as an application with a
// secret, every exchange checked against the contract.
func workerClient(t *testing.T, srv *pingonetest.Server, clientID, secret string) *pingone.Environment {
	t.Helper()
	c, err := pingone.NewClient(
		pingone.WithBaseURLs(srv.APIURL(), srv.AuthURL()),
		pingone.WithClientCredentials(srv.EnvironmentID(), clientID, secret),
		pingone.WithHTTPClient(&http.Client{Transport: contractTransport(t, http.DefaultTransport)}),
		pingone.WithPermissionPropagationWindow(0), // pingonetest applies roles at once here
	)
	require.NoError(t, err)
	return c.Environment(srv.EnvironmentID())
}

// systemRole finds a system role by name.
func systemRole(t *testing.T, c *pingone.Client, name pingone.RoleName) *pingone.Role {
	t.Helper()
	for r, err := range c.SystemRoles.ListIter(t.Context(), nil) {
		require.NoError(t, err)
		if r.Name == name {
			return r
		}
	}
	t.Fatalf("no system role %q", name)
	return nil
}

// assertInvalidClient checks that err is the token endpoint refusing the
// client's credentials.
func assertInvalidClient(t *testing.T, err error) {
	t.Helper()
	te, ok := errors.AsType[*pingone.TokenError](err)
	require.True(t, ok, "want a token error, got %v", err)
	assert.Equal(t, "invalid_client", te.Code)
}

// TestApplicationWorkerSecretRotationEndToEnd creates a worker, gives it a
// role, rotates its secret and signs in with the new and the old one.
func TestApplicationWorkerSecretRotationEndToEnd(t *testing.T) {
	t.Parallel()
	srv, c, env := e2e(t)
	ctx := t.Context()

	app, err := env.Applications.Create(ctx, pingone.NewOIDCApplication("Sync job", pingone.AppTypeWorker, pingone.OIDCSettingsRequest{
		TokenEndpointAuthMethod: pingone.OIDCAuthClientSecretBasic,
		GrantTypes:              pingone.Value([]pingone.OIDCGrantType{pingone.OIDCGrantClientCredentials}),
	}))
	require.NoError(t, err)
	require.NotNil(t, app.OIDC)
	clientID := app.OIDC.ClientID
	require.NotEmpty(t, clientID)
	assert.NotContains(t, string(app.Raw), "clientSecret", "the secret is only served by /secret")

	first, err := env.Applications.GetSecret(ctx, app.ID)
	require.NoError(t, err)
	require.False(t, first.Secret.IsZero())
	assert.Nil(t, first.Previous)

	// Without a role the worker can get a token but not use the API.
	_, err = workerClient(t, srv, clientID, first.Secret.Reveal()).Users.List(ctx, nil)
	assert.ErrorIs(t, err, pingone.ErrForbidden)

	idAdmin := systemRole(t, c, pingone.RoleIdentityDataAdmin)
	ra, err := env.Applications.CreateRoleAssignment(ctx, app.ID, pingone.RoleAssignmentRequest{
		Role: pingone.Ref{ID: idAdmin.ID}, Scope: pingone.EnvironmentScope(srv.EnvironmentID()),
	})
	require.NoError(t, err)
	got, err := env.Applications.GetRoleAssignment(ctx, app.ID, ra.ID)
	require.NoError(t, err)
	assert.Equal(t, idAdmin.ID, got.Role.ID)
	_, err = env.Applications.CreateRoleAssignment(ctx, app.ID, pingone.RoleAssignmentRequest{
		Role: pingone.Ref{ID: idAdmin.ID}, Scope: pingone.OrganizationScope(srv.OrganizationID()),
	})
	assert.ErrorIs(t, err, pingone.ErrInvalidData, "Identity Data Admin does not apply to an organization")

	// Rotate, keeping the old secret for an hour.
	rotated, err := env.Applications.RotateSecret(ctx, app.ID, &pingone.RotateSecretOptions{PreviousExpiresAt: time.Now().Add(time.Hour)})
	require.NoError(t, err)
	newSecret := rotated.Secret.Reveal()
	assert.NotEqual(t, first.Secret.Reveal(), newSecret)
	require.NotNil(t, rotated.Previous)
	assert.Equal(t, first.Secret.Reveal(), rotated.Previous.Secret.Reveal())
	assert.WithinDuration(t, time.Now().Add(time.Hour), rotated.Previous.ExpiresAt, time.Minute)

	// The new secret signs in, and the worker can list users.
	cNew, err := pingone.NewClient(
		pingone.WithBaseURLs(srv.APIURL(), srv.AuthURL()),
		pingone.WithClientCredentials(srv.EnvironmentID(), clientID, newSecret),
		pingone.WithHTTPClient(&http.Client{Transport: contractTransport(t, http.DefaultTransport)}),
		pingone.WithPermissionPropagationWindow(0), // pingonetest applies roles at once here
	)
	require.NoError(t, err)
	users, err := cNew.Environment(srv.EnvironmentID()).Users.List(ctx, nil)
	require.NoError(t, err)
	assert.True(t, slices.ContainsFunc(users.Items, func(u pingone.User) bool { return u.Username == srv.Admin().Username }))

	// The previous secret still works until it is deleted, and PingOne
	// records its use.
	_, err = workerClient(t, srv, clientID, first.Secret.Reveal()).Users.List(ctx, nil)
	require.NoError(t, err)
	sec, err := env.Applications.GetSecret(ctx, app.ID)
	require.NoError(t, err)
	require.NotNil(t, sec.Previous)
	assert.False(t, sec.Previous.LastUsed.IsZero())

	require.NoError(t, env.Applications.DeletePreviousSecret(ctx, app.ID))
	_, err = workerClient(t, srv, clientID, first.Secret.Reveal()).Users.List(ctx, nil)
	assertInvalidClient(t, err)
	sec, err = env.Applications.GetSecret(ctx, app.ID)
	require.NoError(t, err)
	assert.Nil(t, sec.Previous)
	assert.Equal(t, newSecret, sec.Secret.Reveal())

	// Replacing the application keeps its client ID and secret.
	req := app.Request()
	req.Description = pingone.Value("Nightly sync")
	app, err = env.Applications.Replace(ctx, app.ID, req)
	require.NoError(t, err)
	assert.Equal(t, clientID, app.OIDC.ClientID)
	assert.Equal(t, "Nightly sync", app.Description)
	_, err = workerClient(t, srv, clientID, newSecret).Users.List(ctx, nil)
	require.NoError(t, err)

	// Rotating without keeping the old secret ends it at once.
	again, err := env.Applications.RotateSecret(ctx, app.ID, nil)
	require.NoError(t, err)
	assert.Nil(t, again.Previous)
	_, err = workerClient(t, srv, clientID, newSecret).Users.List(ctx, nil)
	assertInvalidClient(t, err)
	_, err = workerClient(t, srv, clientID, again.Secret.Reveal()).Users.List(ctx, nil)
	require.NoError(t, err)

	// PingOne keeps at most 30 days of overlap.
	_, err = env.Applications.RotateSecret(ctx, app.ID, &pingone.RotateSecretOptions{PreviousExpiresAt: time.Now().Add(40 * 24 * time.Hour)})
	assert.ErrorIs(t, err, pingone.ErrInvalidData)

	// A worker cannot read its own secret.
	self := workerClient(t, srv, clientID, again.Secret.Reveal())
	_, err = self.Applications.GetSecret(ctx, app.ID)
	assert.ErrorIs(t, err, pingone.ErrForbidden)

	// Deleting the application ends its secrets, role assignments and
	// tokens.
	require.NoError(t, env.Applications.Delete(ctx, app.ID))
	_, err = env.Applications.GetSecret(ctx, app.ID)
	assert.ErrorIs(t, err, pingone.ErrNotFound)
	_, err = env.Applications.ListRoleAssignments(ctx, app.ID, nil)
	assert.ErrorIs(t, err, pingone.ErrNotFound)
	_, err = self.Users.List(ctx, nil)
	assert.ErrorIs(t, err, pingone.ErrUnauthorized, "the deleted application's token no longer works")
	_, err = workerClient(t, srv, clientID, again.Secret.Reveal()).Users.List(ctx, nil)
	assertInvalidClient(t, err)
}

// TestCustomRoleStillAssignedCannotBeDeleted assigns a custom role to a
// worker application and deletes it only once unassigned.
func TestCustomRoleStillAssignedCannotBeDeleted(t *testing.T) {
	t.Parallel()
	srv, c, env := e2e(t)
	ctx := t.Context()
	orgAdmin := systemRole(t, c, pingone.RoleOrganizationAdmin)

	role, err := env.CustomRoles.Create(ctx, pingone.CustomRoleRequest{
		Name:            "User Reader",
		Permissions:     []pingone.Ref{{ID: "identity:read:user"}},
		CanBeAssignedBy: []pingone.Ref{{ID: orgAdmin.ID}},
		ApplicableTo:    pingone.Value([]pingone.ScopeType{pingone.ScopeEnvironment}),
	})
	require.NoError(t, err)

	app, err := env.Applications.Create(ctx, pingone.NewOIDCApplication("Reader", pingone.AppTypeWorker, pingone.OIDCSettingsRequest{
		TokenEndpointAuthMethod: pingone.OIDCAuthClientSecretPost,
	}))
	require.NoError(t, err)
	assert.Equal(t, []pingone.OIDCGrantType{pingone.OIDCGrantClientCredentials}, app.OIDC.GrantTypes, "a worker defaults to client credentials")

	_, err = env.Applications.CreateRoleAssignment(ctx, app.ID, pingone.RoleAssignmentRequest{Role: pingone.Ref{ID: role.ID}, Scope: pingone.PopulationScope("x")})
	assert.ErrorIs(t, err, pingone.ErrInvalidData, "the role applies to environments only")
	ra, err := env.Applications.CreateRoleAssignment(ctx, app.ID, pingone.RoleAssignmentRequest{Role: pingone.Ref{ID: role.ID}, Scope: pingone.EnvironmentScope(srv.EnvironmentID())})
	require.NoError(t, err)

	err = env.CustomRoles.Delete(ctx, role.ID)
	require.ErrorIs(t, err, pingone.ErrInvalidData)
	apiErr, ok := errors.AsType[*pingone.APIError](err)
	require.True(t, ok)
	assert.True(t, apiErr.HasDetail("CONSTRAINT_VIOLATION"))
	_, err = env.CustomRoles.Get(ctx, role.ID)
	require.NoError(t, err, "still there")

	var ids []string
	for a, err := range env.Applications.ListRoleAssignmentsIter(ctx, app.ID, nil) {
		require.NoError(t, err)
		ids = append(ids, a.ID)
	}
	assert.Equal(t, []string{ra.ID}, ids)
	require.NoError(t, env.Applications.DeleteRoleAssignment(ctx, app.ID, ra.ID))
	require.NoError(t, env.CustomRoles.Delete(ctx, role.ID))
	_, err = env.CustomRoles.Get(ctx, role.ID)
	assert.ErrorIs(t, err, pingone.ErrNotFound)
}

// TestApplicationsEndToEnd covers the other variants, replacement and the
// sub-resources: grants, sign-on policy assignments and attribute
// mappings.
func TestApplicationsEndToEnd(t *testing.T) {
	t.Parallel()
	srv, _, env := e2e(t)
	ctx := t.Context()

	saml, err := env.Applications.Create(ctx, pingone.NewSAMLApplication("Payroll", pingone.SAMLSettingsRequest{
		SPEntityID: "urn:payroll", ACSURLs: []string{"https://payroll.example.com/acs"}, AssertionDuration: 60,
		IDPSigning: pingone.Value(pingone.ApplicationIDPSigning{Key: pingone.Ref{ID: "5c000000-0000-4000-8000-000000000001"}, Algorithm: "SHA256withRSA"}),
	}))
	require.NoError(t, err)
	require.NotNil(t, saml.SAML)
	require.NotNil(t, saml.SAML.AssertionSigned)
	assert.True(t, *saml.SAML.AssertionSigned, "PingOne's default")
	_, err = env.Applications.Create(ctx, pingone.NewSAMLApplication("Payroll 2", pingone.SAMLSettingsRequest{
		SPEntityID: "urn:payroll", ACSURLs: []string{"https://payroll.example.com/acs"}, AssertionDuration: 60,
	}))
	assert.ErrorIs(t, err, pingone.ErrUniquenessViolation, "SP entity IDs are unique")
	_, err = env.Applications.GetSecret(ctx, saml.ID)
	assert.ErrorIs(t, err, pingone.ErrInvalidData, "SAML applications have no client secret")

	// Read, change, replace: everything not changed stays.
	req := saml.Request()
	req.Description = pingone.Value("Pays people")
	req.SAML.ResponseSigned = pingone.Value(true)
	replaced, err := env.Applications.Replace(ctx, saml.ID, req)
	require.NoError(t, err)
	assert.Equal(t, "Pays people", replaced.Description)
	assert.True(t, replaced.SAML.ResponseSigned)
	assert.Equal(t, pingone.SHA256WithRSA, replaced.SAML.IDPSigning.Algorithm)

	// The protocol and type are fixed.
	req = replaced.Request()
	req.Type = pingone.AppTypeCustomApp
	_, err = env.Applications.Replace(ctx, saml.ID, req)
	assert.ErrorIs(t, err, pingone.ErrInvalidData)

	wsfed, err := env.Applications.Create(ctx, pingone.NewWSFedApplication("Office", pingone.WSFedSettingsRequest{
		DomainName: "example.com", ReplyURL: "https://login.microsoftonline.com/login.srf",
		IDPSigning: pingone.ApplicationIDPSigning{Key: pingone.Ref{ID: "5c000000-0000-4000-8000-000000000001"}, Algorithm: "SHA256withRSA"},
	}))
	require.NoError(t, err)
	require.NotNil(t, wsfed.WSFed)
	assert.Equal(t, "urn:federation:MicrosoftOnline", wsfed.WSFed.AudienceRestriction)

	link, err := env.Applications.Create(ctx, pingone.NewExternalLinkApplication("Wiki", pingone.ExternalLinkSettingsRequest{HomePageURL: "https://wiki.example.com"}))
	require.NoError(t, err)
	require.NotNil(t, link.ExternalLink)

	web, err := env.Applications.Create(ctx, pingone.NewOIDCApplication("Orders", pingone.AppTypeWebApp, pingone.OIDCSettingsRequest{
		TokenEndpointAuthMethod: pingone.OIDCAuthClientSecretBasic,
		GrantTypes:              pingone.Value([]pingone.OIDCGrantType{pingone.OIDCGrantAuthorizationCode, pingone.OIDCGrantRefreshToken}),
		ResponseTypes:           pingone.Value([]pingone.OIDCResponseType{pingone.OIDCResponseCode}),
		RedirectURIs:            pingone.Value([]string{"https://orders.example.com/cb"}),
	}))
	require.NoError(t, err)
	assert.Equal(t, pingone.PKCEOptional, web.OIDC.PKCEEnforcement, "PingOne's default")
	_, err = env.Applications.Create(ctx, pingone.NewOIDCApplication("Broken", pingone.AppTypeWebApp, pingone.OIDCSettingsRequest{
		TokenEndpointAuthMethod: pingone.OIDCAuthClientSecretBasic,
		GrantTypes:              pingone.Value([]pingone.OIDCGrantType{pingone.OIDCGrantAuthorizationCode}),
	}))
	assert.ErrorIs(t, err, pingone.ErrInvalidData, "the code grant needs the CODE response type")

	// Every application is listed with its variant, built-in ones too.
	kinds := map[string]bool{}
	var portal *pingone.Application
	for a, err := range env.Applications.ListIter(ctx, &pingone.ListOptions{Limit: 3}) {
		require.NoError(t, err)
		switch {
		case a.OIDC != nil:
			kinds["oidc"] = true
		case a.SAML != nil:
			kinds["saml"] = true
		case a.WSFed != nil:
			kinds["wsfed"] = true
		case a.ExternalLink != nil:
			kinds["link"] = true
		case a.Portal != nil:
			kinds["portal"] = true
			portal = a
		case a.SelfService != nil:
			kinds["selfService"] = true
		}
	}
	assert.Equal(t, map[string]bool{"oidc": true, "saml": true, "wsfed": true, "link": true, "portal": true, "selfService": true}, kinds)

	// The built-in portal can be updated, not created.
	req = portal.Request()
	req.Portal.ApplyDefaultTheme = false
	updated, err := env.Applications.Replace(ctx, portal.ID, req)
	require.NoError(t, err)
	assert.False(t, updated.Portal.ApplyDefaultTheme)
	req.Name = "Another portal"
	_, err = env.Applications.Create(ctx, req)
	assert.ErrorIs(t, err, pingone.ErrInvalidData)

	// Attribute mappings: the core one comes with the application.
	mappings, err := env.Applications.ListAttributeMappings(ctx, web.ID, nil)
	require.NoError(t, err)
	require.Len(t, mappings.Items, 1)
	core := mappings.Items[0]
	assert.Equal(t, "sub", core.Name)
	assert.Equal(t, pingone.MappingCore, core.MappingType)
	assert.ErrorIs(t, env.Applications.DeleteAttributeMapping(ctx, web.ID, core.ID), pingone.ErrInvalidData)

	email, err := env.Applications.CreateAttributeMapping(ctx, web.ID, pingone.ApplicationAttributeMappingRequest{Name: "email", Value: "${user.email}", IDToken: pingone.Value(false)})
	require.NoError(t, err)
	assert.Equal(t, pingone.MappingCustom, email.MappingType)
	require.NotNil(t, email.IDToken)
	assert.False(t, *email.IDToken)
	require.NotNil(t, email.UserInfo)
	assert.True(t, *email.UserInfo, "defaults to true")
	_, err = env.Applications.CreateAttributeMapping(ctx, web.ID, pingone.ApplicationAttributeMappingRequest{Name: "EMAIL", Value: "${user.email}"})
	assert.ErrorIs(t, err, pingone.ErrUniquenessViolation)
	email, err = env.Applications.ReplaceAttributeMapping(ctx, web.ID, email.ID, pingone.ApplicationAttributeMappingRequest{Name: "email", Value: "${user.email}", Required: true})
	require.NoError(t, err)
	assert.True(t, email.Required)
	assert.True(t, *email.IDToken, "PUT reset the omitted idToken to its default")
	samlAttr, err := env.Applications.CreateAttributeMapping(ctx, saml.ID, pingone.ApplicationAttributeMappingRequest{Name: "mail", Value: "${user.email}", NameFormat: pingone.Value("urn:oasis:names:tc:SAML:2.0:attrname-format:basic")})
	require.NoError(t, err)
	assert.Nil(t, samlAttr.IDToken)
	got, err := env.Applications.GetAttributeMapping(ctx, saml.ID, samlAttr.ID)
	require.NoError(t, err)
	assert.Equal(t, "urn:oasis:names:tc:SAML:2.0:attrname-format:basic", got.NameFormat)
	require.NoError(t, env.Applications.DeleteAttributeMapping(ctx, web.ID, email.ID))

	// Grants refer to a resource and its scopes.
	api, ok := srv.Resource("PingOne API")
	require.True(t, ok)
	openid, ok := srv.Resource("openid")
	require.True(t, ok)
	grant, err := env.Applications.CreateGrant(ctx, web.ID, pingone.ApplicationGrantRequest{Resource: pingone.Ref{ID: openid.ID}, Scopes: []pingone.Ref{{ID: openid.Scopes["openid"]}}})
	require.NoError(t, err)
	assert.Equal(t, web.ID, grant.Application.ID)
	_, err = env.Applications.CreateGrant(ctx, web.ID, pingone.ApplicationGrantRequest{Resource: pingone.Ref{ID: openid.ID}, Scopes: []pingone.Ref{{ID: openid.Scopes["email"]}}})
	assert.ErrorIs(t, err, pingone.ErrUniquenessViolation, "one grant per resource")
	_, err = env.Applications.CreateGrant(ctx, web.ID, pingone.ApplicationGrantRequest{Resource: pingone.Ref{ID: api.ID}, Scopes: []pingone.Ref{{ID: openid.Scopes["email"]}}})
	assert.ErrorIs(t, err, pingone.ErrInvalidData, "a scope of another resource")
	grant, err = env.Applications.ReplaceGrant(ctx, web.ID, grant.ID, pingone.ApplicationGrantRequest{Resource: pingone.Ref{ID: openid.ID}, Scopes: []pingone.Ref{{ID: openid.Scopes["openid"]}, {ID: openid.Scopes["profile"]}}})
	require.NoError(t, err)
	assert.Len(t, grant.Scopes, 2)
	grants, err := env.Applications.ListGrants(ctx, web.ID, nil)
	require.NoError(t, err)
	require.Len(t, grants.Items, 1)
	g, err := env.Applications.GetGrant(ctx, web.ID, grant.ID)
	require.NoError(t, err)
	assert.Equal(t, grant.Scopes, g.Scopes)

	// Sign-on policy assignments refer to a policy and list by priority.
	pols, err := env.SignOnPolicies.List(ctx, nil)
	require.NoError(t, err)
	require.NotEmpty(t, pols.Items)
	defPolicy := pols.Items[0].ID
	_, err = env.Applications.CreateSignOnPolicyAssignment(ctx, web.ID, pingone.SignOnPolicyAssignmentRequest{SignOnPolicy: pingone.Ref{ID: "no-such-policy"}, Priority: 1})
	assert.ErrorIs(t, err, pingone.ErrInvalidData)
	sop, err := env.Applications.CreateSignOnPolicyAssignment(ctx, web.ID, pingone.SignOnPolicyAssignmentRequest{SignOnPolicy: pingone.Ref{ID: defPolicy}, Priority: 2})
	require.NoError(t, err)
	sop, err = env.Applications.ReplaceSignOnPolicyAssignment(ctx, web.ID, sop.ID, pingone.SignOnPolicyAssignmentRequest{SignOnPolicy: pingone.Ref{ID: defPolicy}, Priority: 1})
	require.NoError(t, err)
	assert.Equal(t, 1, sop.Priority)
	var sops []*pingone.SignOnPolicyAssignment
	for a, err := range env.Applications.ListSignOnPolicyAssignmentsIter(ctx, web.ID, nil) {
		require.NoError(t, err)
		sops = append(sops, a)
	}
	require.Len(t, sops, 1)
	assert.Equal(t, defPolicy, sops[0].SignOnPolicy.ID)
	got2, err := env.Applications.GetSignOnPolicyAssignment(ctx, web.ID, sop.ID)
	require.NoError(t, err)
	assert.Equal(t, web.ID, got2.Application.ID)

	// Role assignments are for workers only.
	_, err = env.Applications.CreateRoleAssignment(ctx, web.ID, pingone.RoleAssignmentRequest{Role: pingone.Ref{ID: "x"}, Scope: pingone.EnvironmentScope(srv.EnvironmentID())})
	assert.ErrorIs(t, err, pingone.ErrInvalidData)

	// Deleting the application takes its sub-resources with it.
	require.NoError(t, env.Applications.DeleteSignOnPolicyAssignment(ctx, web.ID, sop.ID))
	require.NoError(t, env.Applications.DeleteGrant(ctx, web.ID, grant.ID))
	_, err = env.Applications.GetGrant(ctx, web.ID, grant.ID)
	assert.ErrorIs(t, err, pingone.ErrNotFound)
	require.NoError(t, env.Applications.Delete(ctx, web.ID))
	_, err = env.Applications.Get(ctx, web.ID)
	assert.ErrorIs(t, err, pingone.ErrNotFound)
	_, err = env.Applications.ListAttributeMappings(ctx, web.ID, nil)
	assert.ErrorIs(t, err, pingone.ErrNotFound)
	_, err = env.Applications.ListSignOnPolicyAssignments(ctx, web.ID, nil)
	assert.ErrorIs(t, err, pingone.ErrNotFound)
}

// TestApplicationsByNameEndToEnd looks applications up by name: a built-in
// one, one created, a name two applications share and one nobody has.
func TestApplicationsByNameEndToEnd(t *testing.T) {
	t.Parallel()
	_, _, env := e2e(t)
	ctx := t.Context()
	link := func(name string) *pingone.Application {
		a, err := env.Applications.Create(ctx, pingone.NewExternalLinkApplication(name, pingone.ExternalLinkSettingsRequest{HomePageURL: "https://x.example.com"}))
		require.NoError(t, err)
		return a
	}
	wiki := link("Wiki")
	dup1, dup2 := link("Timesheets"), link("Timesheets")

	got, err := env.Applications.ByName(ctx, "Wiki")
	require.NoError(t, err)
	assert.Equal(t, wiki.ID, got.ID)
	require.NotNil(t, got.ExternalLink)
	assert.Equal(t, "https://x.example.com", got.ExternalLink.HomePageURL)

	portal, err := env.Applications.ByName(ctx, "PingOne Application Portal")
	require.NoError(t, err)
	assert.NotNil(t, portal.Portal, "built-in applications are found too")

	_, err = env.Applications.ByName(ctx, "wiki")
	assert.ErrorIs(t, err, pingone.ErrNotFound, "names are compared exactly")
	_, err = env.Applications.ByName(ctx, "Payroll")
	assert.ErrorIs(t, err, pingone.ErrNotFound)

	_, err = env.Applications.ByName(ctx, "Timesheets")
	require.Error(t, err)
	assert.NotErrorIs(t, err, pingone.ErrNotFound)
	assert.ErrorContains(t, err, dup1.ID)
	assert.ErrorContains(t, err, dup2.ID)

	require.NoError(t, env.Applications.Delete(ctx, dup2.ID))
	got, err = env.Applications.ByName(ctx, "Timesheets")
	require.NoError(t, err)
	assert.Equal(t, dup1.ID, got.ID)
}

// TestApplicationRequestRoundTripEndToEnd creates applications of three
// variants on pingonetest, reads them, replaces each with its Request and
// reads it again: nothing is lost, not even the Google Play keys of a
// native application, which reads never return.
func TestApplicationRequestRoundTripEndToEnd(t *testing.T) {
	t.Parallel()
	srv, _, env := e2e(t)
	ctx := t.Context()
	apps := env.Applications
	roundTrip := func(created *pingone.Application) *pingone.Application {
		t.Helper()
		got, err := apps.Get(ctx, created.ID)
		require.NoError(t, err)
		_, err = apps.Replace(ctx, got.ID, got.Request())
		require.NoError(t, err)
		again, err := apps.Get(ctx, got.ID)
		require.NoError(t, err)
		assertSameResource(t, got, again)
		return again
	}

	web, err := apps.Create(ctx, pingone.ApplicationRequest{Name: "Orders", Type: pingone.AppTypeWebApp, Enabled: true,
		Description: pingone.Value(""), HiddenFromAppPortal: pingone.Value(true),
		AccessControl: pingone.Value(pingone.ApplicationAccessControl{Role: pingone.ApplicationAccessRole{Type: pingone.AccessControlAdminUsersOnly}}),
		OIDC: &pingone.OIDCSettingsRequest{
			TokenEndpointAuthMethod:                pingone.OIDCAuthClientSecretPost,
			GrantTypes:                             pingone.Value([]pingone.OIDCGrantType{pingone.OIDCGrantAuthorizationCode, pingone.OIDCGrantRefreshToken}),
			ResponseTypes:                          pingone.Value([]pingone.OIDCResponseType{pingone.OIDCResponseCode}),
			RedirectURIs:                           pingone.Value([]string{"https://orders.example.com/cb"}),
			CORSSettings:                           pingone.Value(pingone.ApplicationCORSSettings{Behavior: pingone.CORSAllowSpecificOrigins, Origins: []string{"https://orders.example.com"}}),
			RefreshTokenRollingGracePeriodDuration: pingone.Value(0),
			Tags:                                   pingone.Value([]pingone.ApplicationTag{}),
		}})
	require.NoError(t, err)
	web = roundTrip(web)
	assert.True(t, web.HiddenFromAppPortal)
	assert.Equal(t, pingone.CORSAllowSpecificOrigins, web.OIDC.CORSSettings.Behavior)

	saml := roundTrip(mustCreateApp(t, apps, pingone.NewSAMLApplication("Payroll", pingone.SAMLSettingsRequest{
		SPEntityID: "urn:payroll:rt", ACSURLs: []string{"https://payroll.example.com/acs"}, AssertionDuration: 60,
		ResponseSigned: pingone.Value(false), SLOWindow: pingone.Value(0),
		SPEncryption: pingone.Value(pingone.SAMLSPEncryption{Algorithm: pingone.SAMLEncryptionAES256, Certificate: pingone.Ref{ID: "5c000000-0000-4000-8000-000000000002"}}),
	})))
	assert.Equal(t, pingone.SAMLEncryptionAES256, saml.SAML.SPEncryption.Algorithm)

	native := roundTrip(mustCreateApp(t, apps, pingone.NewOIDCApplication("Mobile", pingone.AppTypeNativeApp, pingone.OIDCSettingsRequest{
		TokenEndpointAuthMethod: pingone.OIDCAuthNone,
		GrantTypes:              pingone.Value([]pingone.OIDCGrantType{pingone.OIDCGrantAuthorizationCode}),
		ResponseTypes:           pingone.Value([]pingone.OIDCResponseType{pingone.OIDCResponseCode}),
		Mobile: pingone.Value(pingone.OIDCMobileSettings{
			PackageName: "com.example.mobile", PasscodeGracePeriod: 2,
			IntegrityDetection: pingone.OIDCMobileIntegrityDetection{
				Mode:          pingone.IntegrityDetectionEnabled,
				CacheDuration: pingone.OIDCMobileCacheDuration{Amount: 30, Units: pingone.CacheMinutes},
				GooglePlay: pingone.OIDCMobileGooglePlay{VerificationType: pingone.GooglePlayVerificationInternal,
					DecryptionKey: pingone.NewSecret("play-decryption-key"), VerificationKey: pingone.NewSecret("play-verification-key")},
			},
			Push: pingone.OIDCMobilePush{NumberMatching: pingone.OIDCMobileNumberMatching{Type: pingone.NumberMatchingEnterManually}},
		}),
	})))
	m := native.OIDC.Mobile
	assert.Equal(t, 2, m.PasscodeGracePeriod)
	assert.Equal(t, pingone.NumberMatchingEnterManually, m.Push.NumberMatching.Type)
	assert.Equal(t, pingone.GooglePlayVerificationInternal, m.IntegrityDetection.GooglePlay.VerificationType)
	assert.True(t, m.IntegrityDetection.GooglePlay.DecryptionKey.IsZero(), "reads never return the keys")
	assert.NotContains(t, string(native.Raw), "play-decryption-key")

	// The keys were kept: a replace that changes the verification type to
	// GOOGLE needs its own key, and one back to INTERNAL works without any.
	req := native.Request()
	mobile, _ := req.OIDC.Mobile.Get()
	mobile.IntegrityDetection.GooglePlay.VerificationType = pingone.GooglePlayVerificationGoogle
	req.OIDC.Mobile = pingone.Value(mobile)
	_, err = apps.Replace(ctx, native.ID, req)
	assert.ErrorIs(t, err, pingone.ErrInvalidData, "GOOGLE verification needs the service account's credentials")
	mobile.IntegrityDetection.GooglePlay.ServiceAccountCredentials = pingone.NewSecret(`{"type":"service_account"}`)
	req.OIDC.Mobile = pingone.Value(mobile)
	_, err = apps.Replace(ctx, native.ID, req)
	require.NoError(t, err)

	// The sub-resources with a Replace.
	openid, ok := srv.Resource("openid")
	require.True(t, ok)
	grant, err := apps.CreateGrant(ctx, web.ID, pingone.ApplicationGrantRequest{Resource: pingone.Ref{ID: openid.ID}, Scopes: []pingone.Ref{{ID: openid.Scopes["openid"]}, {ID: openid.Scopes["email"]}}})
	require.NoError(t, err)
	_, err = apps.ReplaceGrant(ctx, web.ID, grant.ID, grant.Request())
	require.NoError(t, err)
	grant2, err := apps.GetGrant(ctx, web.ID, grant.ID)
	require.NoError(t, err)
	assertSameResource(t, grant, grant2)

	pols, err := env.SignOnPolicies.List(ctx, nil)
	require.NoError(t, err)
	require.NotEmpty(t, pols.Items)
	sop, err := apps.CreateSignOnPolicyAssignment(ctx, web.ID, pingone.SignOnPolicyAssignmentRequest{SignOnPolicy: pingone.Ref{ID: pols.Items[0].ID}, Priority: 3})
	require.NoError(t, err)
	_, err = apps.ReplaceSignOnPolicyAssignment(ctx, web.ID, sop.ID, sop.Request())
	require.NoError(t, err)
	sop2, err := apps.GetSignOnPolicyAssignment(ctx, web.ID, sop.ID)
	require.NoError(t, err)
	assertSameResource(t, sop, sop2)

	mapping, err := apps.CreateAttributeMapping(ctx, web.ID, pingone.ApplicationAttributeMappingRequest{Name: "groups", Value: "${user.memberOfGroupNames}",
		IDToken: pingone.Value(false), OIDCScopes: pingone.Value([]string{"profile"})})
	require.NoError(t, err)
	_, err = apps.ReplaceAttributeMapping(ctx, web.ID, mapping.ID, mapping.Request())
	require.NoError(t, err)
	mapping2, err := apps.GetAttributeMapping(ctx, web.ID, mapping.ID)
	require.NoError(t, err)
	assertSameResource(t, mapping, mapping2)
	assert.False(t, *mapping2.IDToken, "kept, not reset to its default")
}

func mustCreateApp(t *testing.T, apps *pingone.ApplicationsService, req pingone.ApplicationRequest) *pingone.Application {
	t.Helper()
	a, err := apps.Create(t.Context(), req)
	require.NoError(t, err)
	return a
}
