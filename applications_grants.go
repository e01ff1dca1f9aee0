package pingone

import (
	"context"
	"encoding/json"
	"iter"
	"strconv"
	"time"
)

// ApplicationGrant lets an application request scopes of a resource (an
// API protected by PingOne, such as "PingOne API" or "openid").
type ApplicationGrant struct {
	ID          string `json:"id,omitzero"`
	Environment Ref    `json:"environment,omitzero"`
	// Application is the application holding the grant (read-only).
	Application Ref       `json:"application,omitzero"`
	Resource    Ref       `json:"resource"`
	Scopes      []Ref     `json:"scopes,omitzero"`
	CreatedAt   time.Time `json:"createdAt,omitzero"`
	UpdatedAt   time.Time `json:"updatedAt,omitzero"`
	Links       Links     `json:"_links,omitzero"`
	// Extra holds members this version of the SDK does not know.
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// ApplicationGrantRequest creates or replaces a grant: a resource and at
// least one of its scopes.
type ApplicationGrantRequest struct {
	Resource Ref   `json:"resource"`
	Scopes   []Ref `json:"scopes"`
	// Extra holds members to send that this version does not model, such
	// as those a Request of a grant read from PingOne carries back.
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// Request returns the request that replaces the grant with itself: every
// member PingOne sent goes back unchanged (members this version does not
// know included), but the read-only ones (id, environment, application,
// createdAt, updatedAt). Change what you need, then pass it to
// [ApplicationsService.ReplaceGrant].
func (g *ApplicationGrant) Request() ApplicationGrantRequest {
	return requestFrom[ApplicationGrantRequest](g, "id", "environment", "application", "createdAt", "updatedAt")
}

// check reports a grant request PingOne would refuse: it needs a resource
// and at least one scope.
func (r ApplicationGrantRequest) check(op string) error {
	if err := requireFields(op, "Resource.ID", r.Resource.ID); err != nil {
		return err
	}
	if len(r.Scopes) == 0 {
		return &ArgumentError{Method: op, Name: "Scopes", Problem: "is required (at least one scope)"}
	}
	for i, sc := range r.Scopes {
		if sc.ID == "" {
			return &ArgumentError{Method: op, Name: "Scopes[" + strconv.Itoa(i) + "].ID", Problem: "is required"}
		}
	}
	return nil
}

// ListGrants returns one page of an application's grants.
//
// PingOne: "List Application Grants".
//
//pingone:operation GET /environments/{environmentID}/applications/{applicationID}/grants
func (s *ApplicationsService) ListGrants(ctx context.Context, applicationID string, opts *ListOptions) (*Page[ApplicationGrant], error) {
	return listPage[ApplicationGrant](ctx, (*service)(s), call{op: "Applications.ListGrants", route: "GET /environments/{environmentID}/applications/{applicationID}/grants", ids: []string{applicationID}, opts: opts, key: "grants"})
}

// ListGrantsIter iterates over an application's grants, fetching pages as
// the loop goes.
func (s *ApplicationsService) ListGrantsIter(ctx context.Context, applicationID string, opts *ListOptions) iter.Seq2[*ApplicationGrant, error] {
	return listAll[ApplicationGrant](ctx, (*service)(s), call{op: "Applications.ListGrantsIter", route: "GET /environments/{environmentID}/applications/{applicationID}/grants", ids: []string{applicationID}, opts: opts, key: "grants"})
}

// CreateGrant grants an application scopes of a resource. PingOne allows
// one grant per resource and application.
//
// PingOne: "Create Application Grant".
//
//pingone:operation POST /environments/{environmentID}/applications/{applicationID}/grants
func (s *ApplicationsService) CreateGrant(ctx context.Context, applicationID string, req ApplicationGrantRequest) (*ApplicationGrant, error) {
	if err := req.check("Applications.CreateGrant"); err != nil {
		return nil, err
	}
	return send[ApplicationGrant](ctx, (*service)(s), call{op: "Applications.CreateGrant", route: "POST /environments/{environmentID}/applications/{applicationID}/grants", ids: []string{applicationID}, body: req})
}

// GetGrant returns one of an application's grants.
//
// PingOne: "Get Application Grant".
//
//pingone:operation GET /environments/{environmentID}/applications/{applicationID}/grants/{grantID}
func (s *ApplicationsService) GetGrant(ctx context.Context, applicationID, grantID string) (*ApplicationGrant, error) {
	return send[ApplicationGrant](ctx, (*service)(s), call{op: "Applications.GetGrant", route: "GET /environments/{environmentID}/applications/{applicationID}/grants/{grantID}", ids: []string{applicationID, grantID}})
}

// ReplaceGrant replaces a grant's resource and scopes; start from
// [ApplicationGrant.Request] to keep what the request does not change.
//
// PingOne: "Update Application Grant".
//
//pingone:operation PUT /environments/{environmentID}/applications/{applicationID}/grants/{grantID}
func (s *ApplicationsService) ReplaceGrant(ctx context.Context, applicationID, grantID string, req ApplicationGrantRequest) (*ApplicationGrant, error) {
	if err := req.check("Applications.ReplaceGrant"); err != nil {
		return nil, err
	}
	return send[ApplicationGrant](ctx, (*service)(s), call{op: "Applications.ReplaceGrant", route: "PUT /environments/{environmentID}/applications/{applicationID}/grants/{grantID}", ids: []string{applicationID, grantID}, body: req})
}

// DeleteGrant deletes a grant.
//
// PingOne: "Delete Application Grant".
//
//pingone:operation DELETE /environments/{environmentID}/applications/{applicationID}/grants/{grantID}
func (s *ApplicationsService) DeleteGrant(ctx context.Context, applicationID, grantID string) error {
	return sendNoContent(ctx, (*service)(s), call{op: "Applications.DeleteGrant", route: "DELETE /environments/{environmentID}/applications/{applicationID}/grants/{grantID}", ids: []string{applicationID, grantID}})
}
