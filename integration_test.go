//go:build integration

package pingone_test

import (
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/scim"
)

// Live tests against a real PingOne tenant:
//
//	PINGONE_ENVIRONMENT_ID=… PINGONE_CLIENT_ID=… PINGONE_CLIENT_SECRET=… PINGONE_REGION=eu \
//	    go test -tags integration -run Live .
//
// They need a worker application with Environment Admin and Identity Data
// Admin roles, and clean up what they create.
func liveEnv(t *testing.T) *pingone.Environment {
	t.Helper()
	envID, id, secret := os.Getenv("PINGONE_ENVIRONMENT_ID"), os.Getenv("PINGONE_CLIENT_ID"), os.Getenv("PINGONE_CLIENT_SECRET")
	if envID == "" || id == "" || secret == "" {
		t.Skip("set PINGONE_ENVIRONMENT_ID, PINGONE_CLIENT_ID and PINGONE_CLIENT_SECRET to run live tests")
	}
	region := pingone.Region(os.Getenv("PINGONE_REGION"))
	if region == "" {
		region = pingone.RegionNA
	}
	c, err := pingone.NewClient(pingone.WithRegion(region), pingone.WithClientCredentials(envID, id, secret))
	require.NoError(t, err)
	return c.Environment(envID)
}

func TestLivePopulationsAndUsers(t *testing.T) {
	t.Parallel()
	env := liveEnv(t)
	ctx := t.Context()
	tag := "sdk-live-" + time.Now().UTC().Format("20060102150405")

	pop, err := env.Populations.Create(ctx, pingone.PopulationRequest{Name: tag})
	require.NoError(t, err)
	t.Cleanup(func() { _ = env.Populations.Delete(t.Context(), pop.ID) })

	u, err := env.Users.Create(ctx, pingone.CreateUserRequest{Username: tag, Email: tag + "@example.com", Population: pingone.Value(pingone.Ref{ID: pop.ID})})
	require.NoError(t, err)
	t.Cleanup(func() { _ = env.Users.Delete(t.Context(), u.ID) })

	page, err := env.Users.List(ctx, &pingone.ListUsersOptions{Filter: scim.Eq("population.id", pop.ID)})
	require.NoError(t, err)
	require.Len(t, page.Items, 1)
	assert.Equal(t, tag, page.Items[0].Username)

	_, err = env.Users.Create(ctx, pingone.CreateUserRequest{Username: tag, Email: tag + "@example.com"})
	assert.ErrorIs(t, err, pingone.ErrUniquenessViolation, "what pingonetest assumes for a duplicate username")
}
