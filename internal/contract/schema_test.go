package contract_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestResponseSchema(t *testing.T) {
	c := load(t)

	sr, err := c.ResponseSchema("Get Population")
	require.NoError(t, err)
	require.NotNil(t, sr)
	assert.Equal(t, "#/components/schemas/Population", sr.Ref)
	assert.Contains(t, sr.Value.Properties, "userCount")

	sr, err = c.ResponseSchema("List Users")
	require.NoError(t, err)
	assert.Equal(t, "#/components/schemas/UserCollection", sr.Ref)

	// The schema as the contract states it, not the relaxed response copy:
	// enums are kept.
	sr, err = c.ResponseSchema("Get Current User Info")
	require.NoError(t, err)
	assert.Equal(t, []string{"sub"}, sr.Value.Required)
	sr, err = c.ResponseSchema("Get User Password Metadata")
	require.NoError(t, err)
	assert.NotEmpty(t, sr.Value.Properties["status"].Value.Enum)

	sr, err = c.ResponseSchema("Delete Population")
	require.NoError(t, err)
	assert.Nil(t, sr, "a 204 has no body")

	_, err = c.ResponseSchema("Get Nothing")
	assert.ErrorContains(t, err, `no action "Get Nothing"`)
}
