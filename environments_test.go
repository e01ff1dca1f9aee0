package pingone_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/pingonetest"
)

func TestEnvironmentAndResourcesReadsForAGrant(t *testing.T) {
	t.Parallel()
	srv := pingonetest.NewServer(t)
	c, err := pingone.NewClient(srv.ClientOptions()...)
	require.NoError(t, err)
	ctx := t.Context()

	details, err := c.Environments.Get(ctx, srv.EnvironmentID())
	require.NoError(t, err)
	assert.Equal(t, srv.EnvironmentID(), details.ID)
	assert.NotEmpty(t, details.Name)
	assert.NotEmpty(t, details.License.ID)
	_, err = c.Environments.Get(ctx, "")
	assert.EqualError(t, err, "pingone: Environments.Get: environmentID is required")

	env := c.Environment(srv.EnvironmentID())
	api, err := env.Resources.ByName(ctx, "PingOne API")
	require.NoError(t, err)
	want, ok := srv.Resource("PingOne API")
	require.True(t, ok)
	assert.Equal(t, want.ID, api.ID)
	got, err := env.Resources.Get(ctx, api.ID)
	require.NoError(t, err)
	assert.Equal(t, "PINGONE_API", got.Type)

	var scopes []string
	for sc, err := range env.Resources.ListScopesIter(ctx, api.ID, nil) {
		require.NoError(t, err)
		assert.Equal(t, api.ID, sc.Resource.ID)
		scopes = append(scopes, sc.Name)
	}
	assert.Contains(t, scopes, "p1:read:user")

	// What a grant needs, found by name, and the grant made with it.
	app, err := env.Applications.Create(ctx, pingone.NewOIDCApplication("Grantee", pingone.AppTypeWorker, pingone.OIDCSettingsRequest{TokenEndpointAuthMethod: pingone.OIDCAuthClientSecretBasic}))
	require.NoError(t, err)
	page, err := env.Resources.ListScopes(ctx, api.ID, nil)
	require.NoError(t, err)
	require.NotEmpty(t, page.Items)
	grant, err := env.Applications.CreateGrant(ctx, app.ID, pingone.ApplicationGrantRequest{Resource: pingone.RefTo(api.ID), Scopes: []pingone.Ref{pingone.RefTo(page.Items[0].ID)}})
	require.NoError(t, err)
	assert.Equal(t, api.ID, grant.Resource.ID)

	_, err = env.Resources.Get(ctx, "no-such-resource")
	assert.ErrorIs(t, err, pingone.ErrNotFound)
}
