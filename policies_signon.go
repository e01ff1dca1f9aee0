package pingone

import (
	"context"
	"iter"
	"time"

	"encoding/json"
)

// SignOnPolicy is a PingOne sign-on policy. Its actions (the steps of a
// sign-on) are a separate sub-collection that this SDK does not cover.
type SignOnPolicy struct {
	ID          string `json:"id,omitzero"`
	Environment Ref    `json:"environment,omitzero"`
	Name        string `json:"name"`
	Description string `json:"description,omitzero"`
	// Default reports whether this is the environment's default policy: the
	// one used by applications that have no sign-on policy assigned.
	Default   bool      `json:"default,omitzero"`
	CreatedAt time.Time `json:"createdAt,omitzero"`
	UpdatedAt time.Time `json:"updatedAt,omitzero"`
	Links     Links     `json:"_links,omitzero"`
	// Extra holds members this version of the SDK does not know.
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// SignOnPolicyRequest is the body of [SignOnPoliciesService.Create] and
// [SignOnPoliciesService.Replace].
type SignOnPolicyRequest struct {
	Name        string           `json:"name"`
	Description Optional[string] `json:"description,omitzero"`
	// Default makes this the environment's default policy.
	Default Optional[bool] `json:"default,omitzero"`
	// Extra holds members to send that this version does not model, such
	// as those a Request of a policy read from PingOne carries back.
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// Request returns the request that replaces the policy with itself: every
// member PingOne sent goes back unchanged (zero values, values of an
// unexpected JSON type and members this version does not know included),
// but the read-only ones (ID, environment, timestamps). Change what you
// need, then pass it to [SignOnPoliciesService.Replace]: since a PUT
// clears what it omits, a request built by hand would wipe the settings
// it leaves out.
func (p *SignOnPolicy) Request() SignOnPolicyRequest {
	return requestFrom[SignOnPolicyRequest](p, "id", "environment", "createdAt", "updatedAt")
}

// List returns one page of sign-on policies (opts may be nil).
//
// PingOne: "List Sign-On Policies".
//
//pingone:operation GET /environments/{environmentID}/signOnPolicies
func (s *SignOnPoliciesService) List(ctx context.Context, opts *ListOptions) (*Page[SignOnPolicy], error) {
	return listPage[SignOnPolicy](ctx, (*service)(s), call{op: "SignOnPolicies.List", route: "GET /environments/{environmentID}/signOnPolicies", opts: opts, key: "signOnPolicies"})
}

// ListIter iterates over every sign-on policy, fetching pages as the loop
// goes.
func (s *SignOnPoliciesService) ListIter(ctx context.Context, opts *ListOptions) iter.Seq2[*SignOnPolicy, error] {
	return listAll[SignOnPolicy](ctx, (*service)(s), call{op: "SignOnPolicies.ListIter", route: "GET /environments/{environmentID}/signOnPolicies", opts: opts, key: "signOnPolicies"})
}

// ByName returns the sign-on policy named name. PingOne has no filter on
// this list, so every policy is read. None is an error matching
// [ErrNotFound]; more than one is an error naming their IDs.
func (s *SignOnPoliciesService) ByName(ctx context.Context, name string) (*SignOnPolicy, error) {
	return byName("SignOnPolicies.ByName", "sign-on policy", name, s.ListIter(ctx, nil),
		func(p *SignOnPolicy) string { return p.Name }, func(p *SignOnPolicy) string { return p.ID })
}

// Get returns one sign-on policy.
//
// PingOne: "Get Sign-On Policy".
//
//pingone:operation GET /environments/{environmentID}/signOnPolicies/{policyID}
func (s *SignOnPoliciesService) Get(ctx context.Context, policyID string) (*SignOnPolicy, error) {
	return send[SignOnPolicy](ctx, (*service)(s), call{op: "SignOnPolicies.Get", route: "GET /environments/{environmentID}/signOnPolicies/{policyID}", ids: []string{policyID}})
}

// Create creates a sign-on policy, without actions. Making it the default
// (Default) takes that role from the current default policy.
//
// PingOne: "Create Sign-On Policy".
//
//pingone:operation POST /environments/{environmentID}/signOnPolicies
func (s *SignOnPoliciesService) Create(ctx context.Context, req SignOnPolicyRequest) (*SignOnPolicy, error) {
	if err := requireFields("SignOnPolicies.Create", "Name", req.Name); err != nil {
		return nil, err
	}
	key := nameKey(func(ctx context.Context) iter.Seq2[*SignOnPolicy, error] { return s.ListIter(ctx, nil) },
		req.Name, func(p *SignOnPolicy) string { return p.Name }, func(p *SignOnPolicy) time.Time { return p.CreatedAt })
	return sendCreate(ctx, (*service)(s), call{op: "SignOnPolicies.Create", route: "POST /environments/{environmentID}/signOnPolicies", body: req}, key)
}

// Replace replaces a sign-on policy's name, description and default flag;
// like every PingOne PUT it clears the description (and any setting this
// version does not model) when req omits it: start from
// [SignOnPolicy.Request]. Send Default as true when replacing the default
// policy.
//
// PingOne: "Update Sign-On Policy".
//
//pingone:operation PUT /environments/{environmentID}/signOnPolicies/{policyID}
func (s *SignOnPoliciesService) Replace(ctx context.Context, policyID string, req SignOnPolicyRequest) (*SignOnPolicy, error) {
	if err := requireFields("SignOnPolicies.Replace", "Name", req.Name); err != nil {
		return nil, err
	}
	return send[SignOnPolicy](ctx, (*service)(s), call{op: "SignOnPolicies.Replace", route: "PUT /environments/{environmentID}/signOnPolicies/{policyID}", ids: []string{policyID}, body: req})
}

// Delete deletes a sign-on policy. PingOne refuses to delete the default
// policy and a policy still assigned to an application (remove the
// application's sign-on policy assignment first).
//
// PingOne: "Delete Sign-On Policy".
//
//pingone:operation DELETE /environments/{environmentID}/signOnPolicies/{policyID}
func (s *SignOnPoliciesService) Delete(ctx context.Context, policyID string) error {
	return sendNoContent(ctx, (*service)(s), call{op: "SignOnPolicies.Delete", route: "DELETE /environments/{environmentID}/signOnPolicies/{policyID}", ids: []string{policyID}})
}
