package pingone

import (
	"context"
	"iter"
	"net/url"
	"time"

	"encoding/json"

	"github.com/go-json-experiment/json/jsontext"
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
}

// ListPopulationsOptions filters and pages [PopulationsService.List].
type ListPopulationsOptions struct {
	// Filter supports `name sw` and `id eq` only (with and/or).
	Filter scim.Filter
	ListOptions
}

func (o *ListPopulationsOptions) query() (url.Values, error) {
	q := url.Values{}
	if o == nil {
		return q, nil
	}
	if err := setFilter(q, o.Filter); err != nil {
		return nil, err
	}
	o.ListOptions.apply(q)
	return q, nil
}

func (o *ListPopulationsOptions) paging() ListOptions {
	if o == nil {
		return ListOptions{}
	}
	return o.ListOptions
}

// setFilter adds a built filter to q, reporting a filter that failed to build.
func setFilter(q url.Values, f scim.Filter) error {
	if err := f.Err(); err != nil {
		return &ArgumentError{Name: "Filter", Problem: "is invalid: " + err.Error()}
	}
	if !f.IsZero() {
		q.Set("filter", f.String())
	}
	return nil
}

// List returns one page of populations.
//
// PingOne: "List Populations".
//
//pingone:operation GET /environments/{environmentID}/populations
func (s *PopulationsService) List(ctx context.Context, opts *ListPopulationsOptions) (*Page[Population], error) {
	q, err := opts.query()
	if err != nil {
		return nil, err
	}
	return listAt[Population](ctx, (*service)(s), "populations", q, opts.paging(), "populations")
}

// ListIter iterates over every population, fetching pages as the loop goes.
func (s *PopulationsService) ListIter(ctx context.Context, opts *ListPopulationsOptions) iter.Seq2[*Population, error] {
	q, err := opts.query()
	if err != nil {
		return errIter[Population](err)
	}
	return iterAt[Population](ctx, (*service)(s), "populations", q, opts.paging(), "populations")
}

// Get returns one population.
//
// PingOne: "Get Population".
//
//pingone:operation GET /environments/{environmentID}/populations/{populationID}
func (s *PopulationsService) Get(ctx context.Context, populationID string) (*Population, error) {
	return getOne[Population](ctx, (*service)(s), "populationID", populationID, "populations", populationID)
}

// Create creates a population.
//
// PingOne: "Create Population".
//
//pingone:operation POST /environments/{environmentID}/populations
func (s *PopulationsService) Create(ctx context.Context, req PopulationRequest) (*Population, error) {
	if req.Name == "" {
		return nil, missing("Name")
	}
	return sendOne[Population](ctx, (*service)(s), "POST", req, "populations")
}

// Replace replaces a population. Like every PingOne PUT it clears the
// optional fields that req omits: read, change, then replace.
//
// PingOne: "Update Population".
//
//pingone:operation PUT /environments/{environmentID}/populations/{populationID}
func (s *PopulationsService) Replace(ctx context.Context, populationID string, req PopulationRequest) (*Population, error) {
	if populationID == "" {
		return nil, missing("populationID")
	}
	if req.Name == "" {
		return nil, missing("Name")
	}
	return sendOne[Population](ctx, (*service)(s), "PUT", req, "populations", populationID)
}

// Delete deletes a population. PingOne refuses to delete a population that
// still has users.
//
// PingOne: "Delete Population".
//
//pingone:operation DELETE /environments/{environmentID}/populations/{populationID}
func (s *PopulationsService) Delete(ctx context.Context, populationID string) error {
	return deleteOne(ctx, (*service)(s), "populationID", populationID, "populations", populationID)
}

// PopulationIdentityProvider is the identity provider that users of a
// population sign in with by default.
type PopulationIdentityProvider struct {
	// ID is the identity provider's ID; empty means PingOne itself.
	ID string `json:"id,omitzero"`
	// Type is the provider's type (read-only), such as "PING_ONE" or "SAML".
	Type  string                    `json:"type,omitzero"`
	Links Links                     `json:"_links,omitzero"`
	Extra map[string]jsontext.Value `json:",embed"`
}

// GetDefaultIdentityProvider returns the population's default identity
// provider.
//
// PingOne: "Get Population Default Identity Provider".
//
//pingone:operation GET /environments/{environmentID}/populations/{populationID}/defaultIdentityProvider
func (s *PopulationsService) GetDefaultIdentityProvider(ctx context.Context, populationID string) (*PopulationIdentityProvider, error) {
	return getOne[PopulationIdentityProvider](ctx, (*service)(s), "populationID", populationID, "populations", populationID, "defaultIdentityProvider")
}

// SetDefaultIdentityProvider sets the population's default identity
// provider; an empty identityProviderID sets PingOne itself.
//
// PingOne: "Update Population Default Identity Provider".
//
//pingone:operation PUT /environments/{environmentID}/populations/{populationID}/defaultIdentityProvider
func (s *PopulationsService) SetDefaultIdentityProvider(ctx context.Context, populationID, identityProviderID string) (*PopulationIdentityProvider, error) {
	if populationID == "" {
		return nil, missing("populationID")
	}
	body := struct {
		ID string `json:"id,omitzero"`
	}{identityProviderID}
	return sendOne[PopulationIdentityProvider](ctx, (*service)(s), "PUT", body, "populations", populationID, "defaultIdentityProvider")
}
