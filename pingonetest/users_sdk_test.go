package pingonetest_test

import (
	"strings"
	"testing"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/pingonetest"
	"github.com/pingone-go/pingone/scim"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The users endpoints, driven through the SDK.

func TestCustomAttributeFilterWithNoUserHavingIt(t *testing.T) {
	t.Parallel()
	srv := checked(t)
	c, err := pingone.NewClient(srv.ClientOptions()...)
	require.NoError(t, err)
	page, err := c.Environment(srv.EnvironmentID()).Users.List(t.Context(), &pingone.ListUsersOptions{Filter: scim.Sw("costCenter", "CC")})
	require.NoError(t, err)
	assert.Empty(t, page.Items)
}

func TestDeleteWhilePagingVisitsEveryUser(t *testing.T) {
	t.Parallel()
	srv := checked(t)
	c, err := pingone.NewClient(srv.ClientOptions()...)
	require.NoError(t, err)
	env := c.Environment(srv.EnvironmentID())
	for i := range 10 {
		_, err := env.Users.Create(t.Context(), pingone.CreateUserRequest{Username: "temp-" + strings.Repeat("x", i+1), Email: "t@example.com"})
		require.NoError(t, err)
	}
	deleted := 0
	for u, err := range env.Users.ListIter(t.Context(), &pingone.ListUsersOptions{Filter: scim.Sw("username", "temp-"), ListOptions: pingone.ListOptions{Limit: 3}}) {
		require.NoError(t, err)
		require.NoError(t, env.Users.Delete(t.Context(), u.ID))
		deleted++
	}
	assert.Equal(t, 10, deleted, "the cursor says after which user, not how many")
}

func TestDisabledUserLosesAccess(t *testing.T) {
	t.Parallel()
	srv := checked(t, pingonetest.WithAdminPassword("Admin-Pass-1"))
	worker, err := pingone.NewClient(srv.ClientOptions()...)
	require.NoError(t, err)
	verifier, challenge := pkce()
	redirect := "http://127.0.0.1:43000/callback"
	_, code := signIn(t, srv, redirect, challenge, "Admin-Pass-1")
	status, body := token(t, srv, map[string][]string{"grant_type": {"authorization_code"}, "client_id": {srv.CLIClientID()},
		"redirect_uri": {redirect}, "code": {code}, "code_verifier": {verifier}})
	require.Equal(t, 200, status)
	access, refresh := body["access_token"].(string), body["refresh_token"].(string)

	_, err = worker.Environment(srv.EnvironmentID()).Users.SetEnabled(t.Context(), srv.Admin().UserID, false)
	require.NoError(t, err)
	r, _ := get(t, srv.APIURL()+"/environments/"+srv.EnvironmentID()+"/populations", access)
	assert.Equal(t, 401, r.StatusCode, "a disabled user's token stops working")
	status, _ = token(t, srv, map[string][]string{"grant_type": {"refresh_token"}, "client_id": {srv.CLIClientID()}, "refresh_token": {refresh}})
	assert.Equal(t, 400, status, "and cannot be refreshed")
}
