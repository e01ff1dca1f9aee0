package pingone

import (
	"context"
	"iter"
	"time"

	"github.com/go-json-experiment/json/jsontext"
)

// ApplicationGrant lets an application request scopes of a resource (an
// API protected by PingOne, such as "PingOne API" or "openid").
type ApplicationGrant struct {
	ID          string `json:"id,omitzero"`
	Environment Ref    `json:"environment,omitzero"`
	// Application is the application holding the grant (read-only).
	Application Ref                       `json:"application,omitzero"`
	Resource    Ref                       `json:"resource"`
	Scopes      []Ref                     `json:"scopes,omitzero"`
	CreatedAt   time.Time                 `json:"createdAt,omitzero"`
	UpdatedAt   time.Time                 `json:"updatedAt,omitzero"`
	Links       Links                     `json:"_links,omitzero"`
	Extra       map[string]jsontext.Value `json:",embed"`
}

// ApplicationGrantRequest creates or replaces a grant: a resource and at
// least one of its scopes.
type ApplicationGrantRequest struct {
	Resource Ref   `json:"resource"`
	Scopes   []Ref `json:"scopes"`
}

func (r ApplicationGrantRequest) check() error {
	if r.Resource.ID == "" {
		return missing("Resource.ID")
	}
	if len(r.Scopes) == 0 {
		return missing("Scopes")
	}
	for _, sc := range r.Scopes {
		if sc.ID == "" {
			return missing("Scopes[].ID")
		}
	}
	return nil
}

// ListGrants returns an application's grants.
//
// PingOne: "List Application Grants".
//
//pingone:operation GET /environments/{environmentID}/applications/{applicationID}/grants
func (s *ApplicationsService) ListGrants(ctx context.Context, applicationID string) (*Page[ApplicationGrant], error) {
	return listAppSub[ApplicationGrant](ctx, (*service)(s), applicationID, "grants", "grants")
}

// ListGrantsIter iterates over an application's grants.
func (s *ApplicationsService) ListGrantsIter(ctx context.Context, applicationID string) iter.Seq2[*ApplicationGrant, error] {
	return listAppSubIter[ApplicationGrant](ctx, (*service)(s), applicationID, "grants", "grants")
}

// CreateGrant grants an application scopes of a resource. PingOne allows
// one grant per resource and application.
//
// PingOne: "Create Application Grant".
//
//pingone:operation POST /environments/{environmentID}/applications/{applicationID}/grants
func (s *ApplicationsService) CreateGrant(ctx context.Context, applicationID string, req ApplicationGrantRequest) (*ApplicationGrant, error) {
	if applicationID == "" {
		return nil, missing("applicationID")
	}
	if err := req.check(); err != nil {
		return nil, err
	}
	return sendOne[ApplicationGrant](ctx, (*service)(s), "POST", req, "applications", applicationID, "grants")
}

// GetGrant returns one of an application's grants.
//
// PingOne: "Get Application Grant".
//
//pingone:operation GET /environments/{environmentID}/applications/{applicationID}/grants/{grantID}
func (s *ApplicationsService) GetGrant(ctx context.Context, applicationID, grantID string) (*ApplicationGrant, error) {
	if applicationID == "" {
		return nil, missing("applicationID")
	}
	return getOne[ApplicationGrant](ctx, (*service)(s), "grantID", grantID, "applications", applicationID, "grants", grantID)
}

// ReplaceGrant replaces a grant's resource and scopes.
//
// PingOne: "Update Application Grant".
//
//pingone:operation PUT /environments/{environmentID}/applications/{applicationID}/grants/{grantID}
func (s *ApplicationsService) ReplaceGrant(ctx context.Context, applicationID, grantID string, req ApplicationGrantRequest) (*ApplicationGrant, error) {
	if err := ids("applicationID", applicationID, "grantID", grantID); err != nil {
		return nil, err
	}
	if err := req.check(); err != nil {
		return nil, err
	}
	return sendOne[ApplicationGrant](ctx, (*service)(s), "PUT", req, "applications", applicationID, "grants", grantID)
}

// DeleteGrant deletes a grant.
//
// PingOne: "Delete Application Grant".
//
//pingone:operation DELETE /environments/{environmentID}/applications/{applicationID}/grants/{grantID}
func (s *ApplicationsService) DeleteGrant(ctx context.Context, applicationID, grantID string) error {
	if applicationID == "" {
		return missing("applicationID")
	}
	return deleteOne(ctx, (*service)(s), "grantID", grantID, "applications", applicationID, "grants", grantID)
}

// listAppSub fetches one page of an application's sub-collection.
func listAppSub[T any](ctx context.Context, s *service, applicationID, coll, key string) (*Page[T], error) {
	if applicationID == "" {
		return nil, missing("applicationID")
	}
	return listAt[T](ctx, s, key, nil, ListOptions{}, "applications", applicationID, coll)
}

// listAppSubIter iterates over an application's sub-collection.
func listAppSubIter[T any](ctx context.Context, s *service, applicationID, coll, key string) iter.Seq2[*T, error] {
	if applicationID == "" {
		return errIter[T](missing("applicationID"))
	}
	return iterAt[T](ctx, s, key, nil, ListOptions{}, "applications", applicationID, coll)
}
