package actions

import (
	"context"

	"github.com/pingone-go/pingone"
)

func populationSpecs() []spec {
	const (
		coll = "/environments/{environmentID}/populations"
		item = coll + "/{populationID}"
	)
	type populationIn struct {
		PopulationID id `json:"populationID"`
	}
	return []spec{{
		name: "list_populations", title: "List Populations", family: "populations", method: "GET", path: coll,
		sdk: "PopulationsService.List", hints: reads,
		desc: `Lists the environment's populations, a page at a time. The filter takes "name sw" and "id eq", joined with and/or.`,
		run: list(func(ctx context.Context, x target, in *struct {
			Filter filter `json:"filter,omitzero"`
			paging
		}) (*pingone.Page[pingone.Population], error) {
			return x.Populations.List(ctx, &pingone.ListPopulationsOptions{Filter: in.Filter.f, ListOptions: in.opts()})
		}),
	}, {
		name: "get_population", title: "Get Population", family: "populations", method: "GET", path: item,
		sdk: "PopulationsService.Get", hints: reads,
		desc: `Returns one population, with its number of users and its password policy.`,
		run: get(func(ctx context.Context, x target, in *populationIn) (*pingone.Population, error) {
			return x.Populations.Get(ctx, string(in.PopulationID))
		}),
	}, {
		name: "create_population", title: "Create Population", family: "populations", method: "POST", path: coll,
		sdk: "PopulationsService.Create", hints: creates,
		desc: `Creates a population, a group of users that share a password policy and sign-on settings. The name must be unique in the environment; "default": true makes it the population that new users join when none is named.`,
		run: get(func(ctx context.Context, x target, in *struct {
			Body pingone.PopulationRequest `json:"body"`
		}) (*pingone.Population, error) {
			return x.Populations.Create(ctx, in.Body)
		}),
	}, {
		name: "update_population", title: "Update Population", family: "populations", method: "PUT", path: item,
		sdk: "PopulationsService.Replace", hints: replaces,
		desc: `Replaces a population's settings with the body. This is a PUT: every optional member the body leaves out (description, password policy, theme, preferred language, alternative identifiers) is cleared, so send back what get_population returned, changed.`,
		run: get(func(ctx context.Context, x target, in *struct {
			PopulationID id                        `json:"populationID"`
			Body         pingone.PopulationRequest `json:"body"`
		}) (*pingone.Population, error) {
			return x.Populations.Replace(ctx, string(in.PopulationID), in.Body)
		}),
	}, {
		name: "delete_population", title: "Delete Population", family: "populations", method: "DELETE", path: item,
		sdk: "PopulationsService.Delete", hints: deletes,
		desc: `Deletes a population. PingOne refuses while users still belong to it. A deleted population cannot be restored.`,
		run: none(func(ctx context.Context, x target, in *populationIn) error {
			return x.Populations.Delete(ctx, string(in.PopulationID))
		}),
	}, {
		name: "get_population_default_identity_provider", title: "Get Population Default Identity Provider", family: "populations", method: "GET", path: item + "/defaultIdentityProvider",
		sdk: "PopulationsService.GetDefaultIdentityProvider", hints: reads,
		desc: `Returns the identity provider that the population's users sign on with by default; PingOne itself when none was set.`,
		run: get(func(ctx context.Context, x target, in *populationIn) (*pingone.PopulationIdentityProvider, error) {
			return x.Populations.GetDefaultIdentityProvider(ctx, string(in.PopulationID))
		}),
	}, {
		name: "update_population_default_identity_provider", title: "Update Population Default Identity Provider", family: "populations", method: "PUT", path: item + "/defaultIdentityProvider",
		sdk: "PopulationsService.SetDefaultIdentityProvider", hints: replaces,
		desc: `Sets the identity provider that the population's users sign on with by default, given by its ID in the body. The previous choice is overwritten.`,
		run: get(func(ctx context.Context, x target, in *struct {
			PopulationID id     `json:"populationID"`
			Body         idBody `json:"body"`
		}) (*pingone.PopulationIdentityProvider, error) {
			return x.Populations.SetDefaultIdentityProvider(ctx, string(in.PopulationID), string(in.Body.ID))
		}),
	}}
}
