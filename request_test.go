package pingone_test

import (
	"testing"

	"github.com/pingone-go/pingone"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDotSegmentIDsRefused(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	env := c.Environment(testEnv)
	for _, id := range []string{".", ".."} {
		var ae *pingone.ArgumentError
		require.ErrorAs(t, env.Users.Delete(t.Context(), id), &ae, id)
		_, err := env.Groups.Get(t.Context(), id, nil)
		require.ErrorAs(t, err, &ae, id)
		_, err = c.SystemRoles.Get(t.Context(), id)
		require.ErrorAs(t, err, &ae, id)
		_, err = c.Environment(id).Populations.List(t.Context(), nil)
		require.ErrorAs(t, err, &ae, id)
		_, err = c.UserInfo.Get(t.Context(), id)
		require.ErrorAs(t, err, &ae, id)
	}
	assert.Equal(t, 0, mt.GetTotalCallCount())
}
