package pingone

import (
	"context"
	"encoding/json"
	"iter"
	"time"
)

// The reads in this file go beyond the 113 admin actions: what a health
// check and an application grant need (the environment itself, and the
// resources and scopes a grant names). They carry no //pingone:operation
// directive.

// EnvironmentsService reads environments. It lives on the [Client]:
// client.Environments.
type EnvironmentsService service

// EnvironmentDetails is a PingOne environment as PingOne describes it (the
// [Environment] handle holds its services).
type EnvironmentDetails struct {
	ID          string `json:"id"`
	Name        string `json:"name,omitzero"`
	Description string `json:"description,omitzero"`
	// Type is "PRODUCTION" or "SANDBOX" (an open set).
	Type string `json:"type,omitzero"`
	// Region is the environment's region code, such as "NA" or "EU".
	Region       string                     `json:"region,omitzero"`
	Status       string                     `json:"status,omitzero"`
	License      Ref                        `json:"license,omitzero"`
	Organization Ref                        `json:"organization,omitzero"`
	CreatedAt    time.Time                  `json:"createdAt,omitzero"`
	UpdatedAt    time.Time                  `json:"updatedAt,omitzero"`
	Links        Links                      `json:"_links,omitzero"`
	Extra        map[string]json.RawMessage `json:",embed"`

	wire wireMeta
}

// Get returns an environment. A call that succeeds shows the client can
// reach PingOne and its token is accepted: a cheap health check.
//
// PingOne: "Read One Environment" (not one of the 113 admin actions).
func (s *EnvironmentsService) Get(ctx context.Context, environmentID string) (*EnvironmentDetails, error) {
	return send[EnvironmentDetails](ctx, (*service)(s), call{op: "Environments.Get", route: "GET /environments/{environmentID}", ids: []string{environmentID}})
}

// ResourcesService reads an environment's resources (the APIs that
// applications are granted scopes of) and their scopes.
type ResourcesService service

// Resource is a protected resource: PingOne's own API, OpenID Connect, or a
// custom API.
type Resource struct {
	ID          string `json:"id"`
	Environment Ref    `json:"environment,omitzero"`
	Name        string `json:"name,omitzero"`
	// Type is "OPENID_CONNECT", "PINGONE_API" or "CUSTOM" (an open set).
	Type                       string                     `json:"type,omitzero"`
	Description                string                     `json:"description,omitzero"`
	Audience                   string                     `json:"audience,omitzero"`
	AccessTokenValiditySeconds int                        `json:"accessTokenValiditySeconds,omitzero"`
	CreatedAt                  time.Time                  `json:"createdAt,omitzero"`
	UpdatedAt                  time.Time                  `json:"updatedAt,omitzero"`
	Links                      Links                      `json:"_links,omitzero"`
	Extra                      map[string]json.RawMessage `json:",embed"`

	wire wireMeta
}

// ResourceScope is a scope of a resource, as an application grant names
// it.
type ResourceScope struct {
	ID               string                     `json:"id"`
	Name             string                     `json:"name,omitzero"`
	Description      string                     `json:"description,omitzero"`
	Resource         Ref                        `json:"resource,omitzero"`
	Environment      Ref                        `json:"environment,omitzero"`
	SchemaAttributes []string                   `json:"schemaAttributes,omitzero"`
	CreatedAt        time.Time                  `json:"createdAt,omitzero"`
	UpdatedAt        time.Time                  `json:"updatedAt,omitzero"`
	Links            Links                      `json:"_links,omitzero"`
	Extra            map[string]json.RawMessage `json:",embed"`

	wire wireMeta
}

// List returns one page of the environment's resources.
//
// PingOne: "Read All Resources" (not one of the 113 admin actions).
func (s *ResourcesService) List(ctx context.Context, opts *ListOptions) (*Page[Resource], error) {
	return listPage[Resource](ctx, (*service)(s), call{op: "Resources.List", route: "GET /environments/{environmentID}/resources", opts: opts, key: "resources"})
}

// ListIter iterates over every resource of the environment.
func (s *ResourcesService) ListIter(ctx context.Context, opts *ListOptions) iter.Seq2[*Resource, error] {
	return listAll[Resource](ctx, (*service)(s), call{op: "Resources.ListIter", route: "GET /environments/{environmentID}/resources", opts: opts, key: "resources"})
}

// ByName returns the resource named name, such as "PingOne API" or
// "openid".
func (s *ResourcesService) ByName(ctx context.Context, name string) (*Resource, error) {
	return byName("Resources.ByName", "resource", name, s.ListIter(ctx, nil), func(r *Resource) string { return r.Name }, func(r *Resource) string { return r.ID })
}

// Get returns one resource.
//
// PingOne: "Read One Resource" (not one of the 113 admin actions).
func (s *ResourcesService) Get(ctx context.Context, resourceID string) (*Resource, error) {
	return send[Resource](ctx, (*service)(s), call{op: "Resources.Get", route: "GET /environments/{environmentID}/resources/{resourceID}", ids: []string{resourceID}})
}

// ListScopes returns one page of a resource's scopes.
//
// PingOne: "Read All Resource Scopes" (not one of the 113 admin actions).
func (s *ResourcesService) ListScopes(ctx context.Context, resourceID string, opts *ListOptions) (*Page[ResourceScope], error) {
	return listPage[ResourceScope](ctx, (*service)(s), call{op: "Resources.ListScopes", route: "GET /environments/{environmentID}/resources/{resourceID}/scopes", ids: []string{resourceID}, opts: opts, key: "scopes"})
}

// ListScopesIter iterates over every scope of a resource.
func (s *ResourcesService) ListScopesIter(ctx context.Context, resourceID string, opts *ListOptions) iter.Seq2[*ResourceScope, error] {
	return listAll[ResourceScope](ctx, (*service)(s), call{op: "Resources.ListScopesIter", route: "GET /environments/{environmentID}/resources/{resourceID}/scopes", ids: []string{resourceID}, opts: opts, key: "scopes"})
}
