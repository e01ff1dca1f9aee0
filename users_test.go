package pingone_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/scim"
)

const envUsers = "/environments/" + testEnv + "/users"

func init() {
	registerActions(
		actionCase{
			action: "List Users", family: "users", golden: "list",
			method: "GET", path: envUsers + `?filter=email+ew+%22%40example.com%22&limit=2`, status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Users.List(ctx, &pingone.ListUsersOptions{Filter: scim.Ew("email", "@example.com"), ListOptions: pingone.ListOptions{Limit: 2}})
			},
			check: func(t *testing.T, got any) {
				p := got.(*pingone.Page[pingone.User])
				assert.Len(t, p.Items, 2)
				assert.Equal(t, 3, p.Count)
				assert.True(t, p.HasNext())
				assert.Equal(t, "user1", p.Items[0].Username)
				assert.JSONEq(t, `"E-1"`, string(p.Items[0].Extra["employeeNumber"]), "custom attribute kept")
				assert.True(t, p.Items[1].Enabled)
			},
		},
	)
}

func TestUsers(t *testing.T) {
	t.Parallel()
	testFamily(t, "users")
}
