package pingone_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/scim"
)

const (
	popID1 = "5d3a6a9b-0000-4000-8000-000000000001"
	popID3 = "5d3a6a9b-0000-4000-8000-000000000003"
	envPop = "/environments/" + testEnv + "/populations"
)

func init() {
	registerActions(
		actionCase{
			action: "List Populations", family: "populations", golden: "list",
			method: "GET", path: envPop + `?filter=name+sw+%22Staff%22&limit=2`, status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Populations.List(ctx, &pingone.ListPopulationsOptions{Filter: scim.Sw("name", "Staff"), ListOptions: pingone.ListOptions{Limit: 2}})
			},
			check: func(t *testing.T, got any) {
				p := got.(*pingone.Page[pingone.Population])
				assert.Len(t, p.Items, 2)
				assert.Equal(t, 5, p.Count)
				assert.Equal(t, 2, p.Size)
				assert.True(t, p.HasNext())
				assert.Contains(t, p.Next, "cursor=b3BhcXVl")
				assert.Equal(t, "Staff", p.Items[0].Name)
				assert.Equal(t, 12, p.Items[0].UserCount)
				assert.True(t, p.Items[0].Default)
				assert.Equal(t, "9c1a7b2e-0000-4000-8000-000000000009", p.Items[0].PasswordPolicy.ID)
				assert.Equal(t, time.Date(2024, 3, 1, 10, 0, 0, 123e6, time.UTC), p.Items[0].CreatedAt)
			},
		},
		actionCase{
			action: "Get Population", family: "populations", golden: "get",
			method: "GET", path: envPop + "/" + popID1, status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Populations.Get(ctx, popID1)
			},
			check: func(t *testing.T, got any) {
				p := got.(*pingone.Population)
				assert.Equal(t, popID1, p.ID)
				assert.Equal(t, testEnv, p.Environment.ID)
				assert.Equal(t, "en", p.PreferredLanguage)
				assert.Contains(t, p.Links.Href("self"), popID1)
			},
		},
		actionCase{
			action: "Create Population", family: "populations", golden: "create",
			method: "POST", path: envPop, status: 201,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Populations.Create(ctx, pingone.PopulationRequest{Name: "Partners", Description: pingone.Value("External partners")})
			},
			check: func(t *testing.T, got any) {
				assert.Equal(t, popID3, got.(*pingone.Population).ID)
			},
		},
		actionCase{
			action: "Update Population", family: "populations", golden: "replace",
			method: "PUT", path: envPop + "/" + popID3, status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Populations.Replace(ctx, popID3, pingone.PopulationRequest{Name: "Partners EU", PasswordPolicy: pingone.Value(pingone.Ref{ID: "9c1a7b2e-0000-4000-8000-000000000009"})})
			},
			check: func(t *testing.T, got any) {
				p := got.(*pingone.Population)
				assert.Equal(t, "Partners EU", p.Name)
				assert.Empty(t, p.Description)
			},
		},
		actionCase{
			action: "Delete Population", family: "populations", golden: "delete",
			method: "DELETE", path: envPop + "/" + popID3, status: 204,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return nil, env.Populations.Delete(ctx, popID3)
			},
		},
		actionCase{
			action: "Get Population Default Identity Provider", family: "populations", golden: "get_default_idp",
			method: "GET", path: envPop + "/" + popID1 + "/defaultIdentityProvider", status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Populations.GetDefaultIdentityProvider(ctx, popID1)
			},
			check: func(t *testing.T, got any) {
				p := got.(*pingone.PopulationIdentityProvider)
				assert.Equal(t, "SAML", p.Type)
			},
		},
		actionCase{
			action: "Update Population Default Identity Provider", family: "populations", golden: "set_default_idp",
			method: "PUT", path: envPop + "/" + popID1 + "/defaultIdentityProvider", status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Populations.SetDefaultIdentityProvider(ctx, popID1, "7f00c0de-0000-4000-8000-000000000008")
			},
			check: func(t *testing.T, got any) {
				assert.Equal(t, "OPENID_CONNECT", got.(*pingone.PopulationIdentityProvider).Type)
			},
		},
	)
}

func TestPopulations(t *testing.T) {
	t.Parallel()
	testFamily(t, "populations")
}

func TestPopulationsRequireName(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	env := c.Environment(testEnv)
	_, err := env.Populations.Create(t.Context(), pingone.PopulationRequest{})
	assert.Error(t, err)
	_, err = env.Populations.Replace(t.Context(), popID1, pingone.PopulationRequest{})
	assert.Error(t, err)
	_, err = env.Populations.SetDefaultIdentityProvider(t.Context(), "", "x")
	assert.Error(t, err)
	assert.Equal(t, 0, mt.GetTotalCallCount())
}

func TestPopulationReplaceSendsBackWhatItRead(t *testing.T) {
	t.Parallel()
	body := `{"id":"p1","environment":{"id":"e1"},"name":"Staff","description":"","default":false,
		"passwordPolicy":{"id":"pp1","name":"Standard"},"preferredLanguage":"en","userCount":0,
		"alternativeIdentifiers":[],"theme":{"id":"t1"},"passwordPolicyEnforcement":{"mode":"STRICT"},
		"futureFlag":true,"createdAt":"2024-03-01T10:00:00.123Z","updatedAt":"2024-03-01T10:00:00.123Z",
		"_links":{"self":{"href":"x"}}}`
	assertSentBack(t, popURL, body, []string{"id", "environment", "userCount", "createdAt", "updatedAt"},
		func(env *pingone.Environment) (any, error) { return env.Populations.Get(t.Context(), "p1") },
		func(env *pingone.Environment, got any) error {
			p := got.(*pingone.Population)
			_, err := env.Populations.Replace(t.Context(), "p1", p.Request())
			return err
		})
}
