package pingonetest_test

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
)

// TestRolesThroughNestedGroups shows that a signed-in user may manage the
// environment when a role reaches them through a group nested in another.
func TestRolesThroughNestedGroups(t *testing.T) {
	t.Parallel()
	srv := checked(t)
	admin, err := pingone.NewClient(srv.ClientOptions()...)
	require.NoError(t, err)
	env := admin.Environment(srv.EnvironmentID())
	ctx := t.Context()

	bob, err := env.Users.Create(ctx, pingone.CreateUserRequest{Username: "bob", Email: "bob@example.com", Password: pingone.InitialPassword{Value: "Bob-Pass-1234"}})
	require.NoError(t, err)
	child, err := env.Groups.Create(ctx, pingone.GroupRequest{Name: "Help desk"})
	require.NoError(t, err)
	parent, err := env.Groups.Create(ctx, pingone.GroupRequest{Name: "Operators"})
	require.NoError(t, err)
	_, err = env.Groups.AddToParent(ctx, child.ID, parent.ID)
	require.NoError(t, err)
	roles, err := admin.SystemRoles.List(ctx, nil)
	require.NoError(t, err)
	var roleID string
	for _, r := range roles.Items {
		if r.Name == "Identity Data Admin" {
			roleID = r.ID
		}
	}
	require.NotEmpty(t, roleID)
	_, err = env.Groups.CreateRoleAssignment(ctx, parent.ID, pingone.RoleAssignmentRequest{Role: pingone.Ref{ID: roleID}, Scope: pingone.EnvironmentScope(srv.EnvironmentID())})
	require.NoError(t, err)

	bobToken := func() string {
		verifier, challenge := pkce()
		redirect := "http://127.0.0.1:41000/callback"
		_, code := signInAs(t, srv, "bob", redirect, challenge, "Bob-Pass-1234")
		require.NotEmpty(t, code)
		status, body := token(t, srv, url.Values{"grant_type": {"authorization_code"}, "client_id": {srv.CLIClientID()},
			"redirect_uri": {redirect}, "code": {code}, "code_verifier": {verifier}})
		require.Equal(t, 200, status, body)
		return body["access_token"].(string)
	}
	pops := srv.APIURL() + "/environments/" + srv.EnvironmentID() + "/populations"

	r, _ := get(t, pops, bobToken())
	assert.Equal(t, 403, r.StatusCode, "no role yet: bob is in no group")

	_, err = env.Users.AddToGroup(ctx, bob.ID, child.ID)
	require.NoError(t, err)
	r, _ = get(t, pops, bobToken())
	assert.Equal(t, 200, r.StatusCode, "the role reaches bob through Help desk → Operators")
}
