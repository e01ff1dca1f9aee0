package pingone_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/scim"
)

func TestPopulationsEndToEnd(t *testing.T) {
	t.Parallel()
	_, _, env := e2e(t)
	ctx := t.Context()

	created, err := env.Populations.Create(ctx, pingone.PopulationRequest{Name: "Contractors", Description: pingone.Value("Temporary staff")})
	require.NoError(t, err)
	assert.NotEmpty(t, created.ID)
	assert.Equal(t, "Temporary staff", created.Description)
	assert.False(t, created.CreatedAt.IsZero())

	_, err = env.Populations.Create(ctx, pingone.PopulationRequest{Name: "contractors"})
	assert.ErrorIs(t, err, pingone.ErrUniquenessViolation, "names are unique, case-insensitively")

	for i := range 5 {
		_, err := env.Populations.Create(ctx, pingone.PopulationRequest{Name: fmt.Sprintf("Region %d", i)})
		require.NoError(t, err)
	}
	var names []string
	for p, err := range env.Populations.ListIter(ctx, &pingone.ListPopulationsOptions{Filter: scim.Sw("name", "Region"), ListOptions: pingone.ListOptions{Limit: 2}}) {
		require.NoError(t, err)
		names = append(names, p.Name)
	}
	assert.Equal(t, []string{"Region 0", "Region 1", "Region 2", "Region 3", "Region 4"}, names)

	_, err = env.Populations.List(ctx, &pingone.ListPopulationsOptions{Filter: scim.Eq("description", "x")})
	apiErr, ok := errors.AsType[*pingone.APIError](err)
	require.True(t, ok, "%v", err)
	assert.True(t, apiErr.HasDetail("INVALID_FILTER"))
	assert.Contains(t, apiErr.Details[0].InnerError.SupportedAttributes, "name")

	replaced, err := env.Populations.Replace(ctx, created.ID, pingone.PopulationRequest{Name: "Contractors EU"})
	require.NoError(t, err)
	assert.Empty(t, replaced.Description, "PUT cleared the omitted description")

	idp, err := env.Populations.GetDefaultIdentityProvider(ctx, created.ID)
	require.NoError(t, err)
	assert.Equal(t, "PING_ONE", idp.Type)

	require.NoError(t, env.Populations.Delete(ctx, created.ID))
	_, err = env.Populations.Get(ctx, created.ID)
	assert.ErrorIs(t, err, pingone.ErrNotFound)
	var apiErr2 *pingone.APIError
	require.ErrorAs(t, err, &apiErr2)
	assert.NotEmpty(t, apiErr2.CorrelationID)
}

func TestPopulationWithUsersCannotBeDeleted(t *testing.T) {
	t.Parallel()
	_, _, env := e2e(t)
	page, err := env.Populations.List(t.Context(), &pingone.ListPopulationsOptions{Filter: scim.Sw("name", "Default")})
	require.NoError(t, err)
	require.Len(t, page.Items, 1)
	def := page.Items[0]
	assert.True(t, def.Default)
	assert.Equal(t, 1, def.UserCount, "the seeded admin")
	err = env.Populations.Delete(t.Context(), def.ID)
	assert.ErrorIs(t, err, pingone.ErrInvalidData)
}
