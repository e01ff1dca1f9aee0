package pingonetest_test

import (
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/pingonetest"
)

// roleID finds a system role by name.
func roleID(t *testing.T, c *pingone.Client, name string) string {
	t.Helper()
	roles, err := c.SystemRoles.List(t.Context(), nil)
	require.NoError(t, err)
	for _, r := range roles.Items {
		if string(r.Name) == name {
			return r.ID
		}
	}
	t.Fatalf("no role %q", name)
	return ""
}

// assertNotAuthorized checks PingOne's 403 for an actor without the
// permissions.
func assertNotAuthorized(t *testing.T, srv *pingonetest.Server, tok string) {
	t.Helper()
	resp, body := get(t, envURL(srv, "/populations"), tok)
	require.Equal(t, 403, resp.StatusCode)
	assert.Equal(t, "ACCESS_FAILED", body["code"])
	d := body["details"].([]any)[0].(map[string]any)
	assert.Equal(t, "INSUFFICIENT_PERMISSIONS", d["code"])
	assert.Contains(t, d["message"], "actor attempting to perform the request is not authorized")
}

// TestPermissionPropagation: a new role assignment lets its actor in only
// after the propagation delay, for a user (directly and through a group)
// and for a worker application.
func TestPermissionPropagation(t *testing.T) {
	t.Parallel()
	const delay = 30 * time.Second
	clock := newTestClock()
	srv := checked(t, pingonetest.WithClock(clock.Now), pingonetest.WithPermissionPropagation(delay))
	admin, err := pingone.NewClient(append(srv.ClientOptions(), pingone.WithPermissionPropagationWindow(0))...) // the server's delay, not the SDK's wait
	require.NoError(t, err)
	env := admin.Environment(srv.EnvironmentID())
	ctx := t.Context()
	dataAdmin := roleID(t, admin, "Identity Data Admin")
	scope := pingone.EnvironmentScope(srv.EnvironmentID())

	// The seeded worker's roles are in effect from the start.
	_, err = env.Populations.List(ctx, nil)
	require.NoError(t, err)

	userToken := func(username, password string) string {
		verifier, challenge := pkce()
		redirect := "http://127.0.0.1:46000/callback"
		_, code := signInAs(t, srv, username, redirect, challenge, password)
		require.NotEmpty(t, code)
		status, body := token(t, srv, url.Values{"grant_type": {"authorization_code"}, "client_id": {srv.CLIClientID()},
			"redirect_uri": {redirect}, "code": {code}, "code_verifier": {verifier}})
		require.Equal(t, 200, status)
		return body["access_token"].(string)
	}

	// A user's own assignment.
	carol, err := env.Users.Create(ctx, pingone.CreateUserRequest{Username: "carol", Email: "carol@example.com", Password: pingone.InitialPassword{Value: "Carol-Pass-1234"}})
	require.NoError(t, err)
	_, err = env.Users.CreateRoleAssignment(ctx, carol.ID, pingone.RoleAssignmentRequest{Role: pingone.Ref{ID: dataAdmin}, Scope: scope})
	require.NoError(t, err)
	carolTok := userToken("carol", "Carol-Pass-1234")
	assertNotAuthorized(t, srv, carolTok)
	clock.Advance(delay - time.Second)
	assertNotAuthorized(t, srv, carolTok)

	// Through a group: assigned now, so it comes a delay after now.
	dave, err := env.Users.Create(ctx, pingone.CreateUserRequest{Username: "dave", Email: "dave@example.com", Password: pingone.InitialPassword{Value: "Dave-Pass-1234"}})
	require.NoError(t, err)
	ops, err := env.Groups.Create(ctx, pingone.GroupRequest{Name: "Ops"})
	require.NoError(t, err)
	_, err = env.Users.AddToGroup(ctx, dave.ID, ops.ID)
	require.NoError(t, err)
	_, err = env.Groups.CreateRoleAssignment(ctx, ops.ID, pingone.RoleAssignmentRequest{Role: pingone.Ref{ID: dataAdmin}, Scope: scope})
	require.NoError(t, err)
	daveTok := userToken("dave", "Dave-Pass-1234")
	assertNotAuthorized(t, srv, daveTok)

	clock.Advance(time.Second)
	resp, _ := get(t, envURL(srv, "/populations"), carolTok)
	assert.Equal(t, 200, resp.StatusCode, "carol's assignment is in effect")
	assertNotAuthorized(t, srv, daveTok)
	clock.Advance(delay)
	resp, _ = get(t, envURL(srv, "/populations"), daveTok)
	assert.Equal(t, 200, resp.StatusCode, "the group's assignment is in effect")

	// A worker application.
	app, err := env.Applications.Create(ctx, pingone.NewOIDCApplication("Automation", pingone.AppTypeWorker, pingone.OIDCSettingsRequest{
		TokenEndpointAuthMethod: pingone.OIDCAuthClientSecretBasic}))
	require.NoError(t, err)
	_, err = env.Applications.CreateRoleAssignment(ctx, app.ID, pingone.RoleAssignmentRequest{Role: pingone.Ref{ID: dataAdmin}, Scope: scope})
	require.NoError(t, err)
	secret, err := env.Applications.GetSecret(ctx, app.ID)
	require.NoError(t, err)
	// Without the SDK's own wait for propagation: this checks the server.
	worker, err := pingone.NewClient(pingone.WithBaseURLs(srv.APIURL(), srv.AuthURL()),
		pingone.WithClientCredentials(srv.EnvironmentID(), app.ID, secret.Secret.Reveal()),
		pingone.WithPermissionPropagationWindow(0))
	require.NoError(t, err)
	_, err = worker.Environment(srv.EnvironmentID()).Populations.List(ctx, nil)
	assert.ErrorIs(t, err, pingone.ErrForbidden)
	clock.Advance(delay)
	_, err = worker.Environment(srv.EnvironmentID()).Populations.List(ctx, nil)
	assert.NoError(t, err)
}
