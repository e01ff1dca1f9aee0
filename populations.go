package pingone

import (
	"context"
	"iter"
	"net/url"
	"time"

	"encoding/json"

	"github.com/pingone-go/pingone/scim"
)

// PopulationsService manages an environment's populations: the sets of users
// that share a password policy and a default identity provider.
type PopulationsService service

// Population is a PingOne population.
type Population struct {
	ID          string `json:"id,omitzero"`
	Environment Ref    `json:"environment,omitzero"`
	Name        string `json:"name"`
	Description string `json:"description,omitzero"`
	// Default reports whether this is the environment's default population
	// (the one users created without a population join).
	Default bool `json:"default,omitzero"`
	// PasswordPolicy is the population's password policy; an empty ID means
	// the environment's default policy.
	PasswordPolicy         Ref      `json:"passwordPolicy,omitzero"`
	Theme                  Ref      `json:"theme,omitzero"`
	PreferredLanguage      string   `json:"preferredLanguage,omitzero"`
	AlternativeIdentifiers []string `json:"alternativeIdentifiers,omitzero"`
	// UserCount is the number of users in the population (read-only).
	UserCount int       `json:"userCount,omitzero"`
	CreatedAt time.Time `json:"createdAt,omitzero"`
	UpdatedAt time.Time `json:"updatedAt,omitzero"`
	Links     Links     `json:"_links,omitzero"`
	// Extra holds members this version of the SDK does not know.
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// PopulationRequest is the body of [PopulationsService.Create] and
// [PopulationsService.Replace].
type PopulationRequest struct {
	Name        string           `json:"name"`
	Description Optional[string] `json:"description,omitzero"`
	// Default makes this the environment's default population.
	Default                Optional[bool]     `json:"default,omitzero"`
	PasswordPolicy         Optional[Ref]      `json:"passwordPolicy,omitzero"`
	Theme                  Optional[Ref]      `json:"theme,omitzero"`
	PreferredLanguage      Optional[string]   `json:"preferredLanguage,omitzero"`
	AlternativeIdentifiers Optional[[]string] `json:"alternativeIdentifiers,omitzero"`
	// Extra holds members to send that this version does not model, such
	// as those a Request of a population read from PingOne carries back.
	Extra map[string]json.RawMessage `json:",embed"`

	wire wireMeta
}

// Request returns the request that replaces the population with itself:
// every member PingOne sent goes back unchanged (zero values and members
// this version does not know included), but the read-only ones. Change
// what you need, then pass it to [PopulationsService.Replace]: since a PUT
// clears what it omits, a request built by hand would wipe the settings it
// leaves out.
func (p *Population) Request() PopulationRequest {
	return requestFrom[PopulationRequest](p, "id", "environment", "userCount", "createdAt", "updatedAt")
}

// ListPopulationsOptions filters and pages [PopulationsService.List].
type ListPopulationsOptions struct {
	// Filter supports `name sw` and `id eq` only (with and/or).
	Filter scim.Filter
	ListOptions
}

func (o ListPopulationsOptions) addQuery(q url.Values) error {
	if err := filterQuery(q, o.Filter); err != nil {
		return err
	}
	return o.ListOptions.addQuery(q)
}

// List returns one page of populations.
//
// PingOne: "List Populations".
//
//pingone:operation GET /environments/{environmentID}/populations
func (s *PopulationsService) List(ctx context.Context, opts *ListPopulationsOptions) (*Page[Population], error) {
	return listPage[Population](ctx, (*service)(s), call{op: "Populations.List", route: "GET /environments/{environmentID}/populations", opts: opts, key: "populations"})
}

// ListIter iterates over every population, fetching pages as the loop goes.
func (s *PopulationsService) ListIter(ctx context.Context, opts *ListPopulationsOptions) iter.Seq2[*Population, error] {
	return listAll[Population](ctx, (*service)(s), call{op: "Populations.ListIter", route: "GET /environments/{environmentID}/populations", opts: opts, key: "populations"})
}

// ByName returns the population named name (PingOne compares names
// exactly here). None is an error matching [ErrNotFound]; more than one is
// an error naming their IDs.
func (s *PopulationsService) ByName(ctx context.Context, name string) (*Population, error) {
	all := s.ListIter(ctx, &ListPopulationsOptions{Filter: scim.Sw("name", name)})
	return byName("Populations.ByName", "population", name, all, func(p *Population) string { return p.Name }, func(p *Population) string { return p.ID })
}

// Get returns one population.
//
// PingOne: "Get Population".
//
//pingone:operation GET /environments/{environmentID}/populations/{populationID}
func (s *PopulationsService) Get(ctx context.Context, populationID string) (*Population, error) {
	return send[Population](ctx, (*service)(s), call{op: "Populations.Get", route: "GET /environments/{environmentID}/populations/{populationID}", ids: []string{populationID}})
}

// Create creates a population.
//
// PingOne: "Create Population".
//
//pingone:operation POST /environments/{environmentID}/populations
func (s *PopulationsService) Create(ctx context.Context, req PopulationRequest) (*Population, error) {
	if err := requireFields("Populations.Create", "Name", req.Name); err != nil {
		return nil, err
	}
	key := nameKey(func(ctx context.Context) iter.Seq2[*Population, error] {
		return s.ListIter(ctx, &ListPopulationsOptions{Filter: scim.Sw("name", req.Name)})
	}, req.Name, func(p *Population) string { return p.Name }, func(p *Population) time.Time { return p.CreatedAt })
	return sendCreate(ctx, (*service)(s), call{op: "Populations.Create", route: "POST /environments/{environmentID}/populations", body: req}, key)
}

// Replace replaces a population. Like every PingOne PUT it clears the
// optional fields that req omits: read, change, then replace.
//
// PingOne: "Update Population".
//
//pingone:operation PUT /environments/{environmentID}/populations/{populationID}
func (s *PopulationsService) Replace(ctx context.Context, populationID string, req PopulationRequest) (*Population, error) {
	if err := requireFields("Populations.Replace", "Name", req.Name); err != nil {
		return nil, err
	}
	return send[Population](ctx, (*service)(s), call{op: "Populations.Replace", route: "PUT /environments/{environmentID}/populations/{populationID}", ids: []string{populationID}, body: req})
}

// Delete deletes a population. PingOne refuses to delete a population that
// still has users.
//
// PingOne: "Delete Population".
//
//pingone:operation DELETE /environments/{environmentID}/populations/{populationID}
func (s *PopulationsService) Delete(ctx context.Context, populationID string) error {
	return sendNoContent(ctx, (*service)(s), call{op: "Populations.Delete", route: "DELETE /environments/{environmentID}/populations/{populationID}", ids: []string{populationID}})
}

// PopulationIdentityProvider is the identity provider that users of a
// population sign in with by default.
type PopulationIdentityProvider struct {
	// ID is the identity provider's ID; empty means PingOne itself.
	ID string `json:"id,omitzero"`
	// Type is the provider's type (read-only), such as "PING_ONE" or "SAML".
	Type  string `json:"type,omitzero"`
	Links Links  `json:"_links,omitzero"`
	// Extra holds members this version of the SDK does not know.
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// GetDefaultIdentityProvider returns the population's default identity
// provider.
//
// PingOne: "Get Population Default Identity Provider".
//
//pingone:operation GET /environments/{environmentID}/populations/{populationID}/defaultIdentityProvider
func (s *PopulationsService) GetDefaultIdentityProvider(ctx context.Context, populationID string) (*PopulationIdentityProvider, error) {
	return send[PopulationIdentityProvider](ctx, (*service)(s), call{op: "Populations.GetDefaultIdentityProvider", route: "GET /environments/{environmentID}/populations/{populationID}/defaultIdentityProvider", ids: []string{populationID}})
}

// SetDefaultIdentityProvider sets the population's default identity
// provider; an empty identityProviderID sets PingOne itself.
//
// PingOne: "Update Population Default Identity Provider".
//
//pingone:operation PUT /environments/{environmentID}/populations/{populationID}/defaultIdentityProvider
func (s *PopulationsService) SetDefaultIdentityProvider(ctx context.Context, populationID, identityProviderID string) (*PopulationIdentityProvider, error) {
	body := PopulationIdentityProvider{ID: identityProviderID} // {} for PingOne itself
	return send[PopulationIdentityProvider](ctx, (*service)(s), call{op: "Populations.SetDefaultIdentityProvider", route: "PUT /environments/{environmentID}/populations/{populationID}/defaultIdentityProvider", ids: []string{populationID}, body: body})
}
