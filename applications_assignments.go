package pingone

import (
	"context"
	"encoding/json"
	"iter"
)

// SignOnPolicyAssignment applies a sign-on policy to an application. An
// application's assignments are evaluated by Priority, 1 first.
type SignOnPolicyAssignment struct {
	ID          string `json:"id,omitzero"`
	Environment Ref    `json:"environment,omitzero"`
	// Application is the application (read-only).
	Application  Ref   `json:"application,omitzero"`
	SignOnPolicy Ref   `json:"signOnPolicy"`
	Priority     int   `json:"priority"`
	Links        Links `json:"_links,omitzero"`
	// Extra holds members this version of the SDK does not know.
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// SignOnPolicyAssignmentRequest creates or replaces a sign-on policy
// assignment. Priority starts at 1 (evaluated first).
type SignOnPolicyAssignmentRequest struct {
	SignOnPolicy Ref `json:"signOnPolicy"`
	Priority     int `json:"priority"`
	// Extra holds members to send that this version does not model, such
	// as those a Request of an assignment read from PingOne carries back.
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// Request returns the request that replaces the assignment with itself:
// every member PingOne sent goes back unchanged (members this version does
// not know included), but the read-only ones (id, environment,
// application). Change what you need, then pass it to
// [ApplicationsService.ReplaceSignOnPolicyAssignment].
func (a *SignOnPolicyAssignment) Request() SignOnPolicyAssignmentRequest {
	return requestFrom[SignOnPolicyAssignmentRequest](a, "id", "environment", "application")
}

// check reports an assignment request PingOne would refuse.
func (r SignOnPolicyAssignmentRequest) check(op string) error {
	if err := requireFields(op, "SignOnPolicy.ID", r.SignOnPolicy.ID); err != nil {
		return err
	}
	if r.Priority < 1 {
		return &ArgumentError{Method: op, Name: "Priority", Problem: "must be at least 1"}
	}
	return nil
}

// ListSignOnPolicyAssignments returns one page of an application's sign-on
// policy assignments.
//
// PingOne: "List Application Sign-On Policy Assignments".
//
//pingone:operation GET /environments/{environmentID}/applications/{applicationID}/signOnPolicyAssignments
func (s *ApplicationsService) ListSignOnPolicyAssignments(ctx context.Context, applicationID string, opts *ListOptions) (*Page[SignOnPolicyAssignment], error) {
	return listPage[SignOnPolicyAssignment](ctx, (*service)(s), call{op: "Applications.ListSignOnPolicyAssignments", route: "GET /environments/{environmentID}/applications/{applicationID}/signOnPolicyAssignments", ids: []string{applicationID}, opts: opts, key: "signOnPolicyAssignments"})
}

// ListSignOnPolicyAssignmentsIter iterates over an application's sign-on
// policy assignments, fetching pages as the loop goes.
func (s *ApplicationsService) ListSignOnPolicyAssignmentsIter(ctx context.Context, applicationID string, opts *ListOptions) iter.Seq2[*SignOnPolicyAssignment, error] {
	return listAll[SignOnPolicyAssignment](ctx, (*service)(s), call{op: "Applications.ListSignOnPolicyAssignmentsIter", route: "GET /environments/{environmentID}/applications/{applicationID}/signOnPolicyAssignments", ids: []string{applicationID}, opts: opts, key: "signOnPolicyAssignments"})
}

// CreateSignOnPolicyAssignment applies a sign-on policy to an application.
//
// PingOne: "Create Application Sign-On Policy Assignment".
//
//pingone:operation POST /environments/{environmentID}/applications/{applicationID}/signOnPolicyAssignments
func (s *ApplicationsService) CreateSignOnPolicyAssignment(ctx context.Context, applicationID string, req SignOnPolicyAssignmentRequest) (*SignOnPolicyAssignment, error) {
	if err := req.check("Applications.CreateSignOnPolicyAssignment"); err != nil {
		return nil, err
	}
	return send[SignOnPolicyAssignment](ctx, (*service)(s), call{op: "Applications.CreateSignOnPolicyAssignment", route: "POST /environments/{environmentID}/applications/{applicationID}/signOnPolicyAssignments", ids: []string{applicationID}, body: req})
}

// GetSignOnPolicyAssignment returns one of an application's sign-on policy
// assignments.
//
// PingOne: "Get Application Sign-On Policy Assignment".
//
//pingone:operation GET /environments/{environmentID}/applications/{applicationID}/signOnPolicyAssignments/{SOPAssignmentID}
func (s *ApplicationsService) GetSignOnPolicyAssignment(ctx context.Context, applicationID, sopAssignmentID string) (*SignOnPolicyAssignment, error) {
	return send[SignOnPolicyAssignment](ctx, (*service)(s), call{op: "Applications.GetSignOnPolicyAssignment", route: "GET /environments/{environmentID}/applications/{applicationID}/signOnPolicyAssignments/{SOPAssignmentID}", ids: []string{applicationID, sopAssignmentID}})
}

// ReplaceSignOnPolicyAssignment replaces an assignment's policy and
// priority; start from [SignOnPolicyAssignment.Request] to keep what the
// request does not change.
//
// PingOne: "Update Application Sign-On Policy Assignment".
//
//pingone:operation PUT /environments/{environmentID}/applications/{applicationID}/signOnPolicyAssignments/{SOPAssignmentID}
func (s *ApplicationsService) ReplaceSignOnPolicyAssignment(ctx context.Context, applicationID, sopAssignmentID string, req SignOnPolicyAssignmentRequest) (*SignOnPolicyAssignment, error) {
	if err := req.check("Applications.ReplaceSignOnPolicyAssignment"); err != nil {
		return nil, err
	}
	return send[SignOnPolicyAssignment](ctx, (*service)(s), call{op: "Applications.ReplaceSignOnPolicyAssignment", route: "PUT /environments/{environmentID}/applications/{applicationID}/signOnPolicyAssignments/{SOPAssignmentID}", ids: []string{applicationID, sopAssignmentID}, body: req})
}

// DeleteSignOnPolicyAssignment removes a sign-on policy from an
// application.
//
// PingOne: "Delete Application Sign-On Policy Assignment".
//
//pingone:operation DELETE /environments/{environmentID}/applications/{applicationID}/signOnPolicyAssignments/{SOPAssignmentID}
func (s *ApplicationsService) DeleteSignOnPolicyAssignment(ctx context.Context, applicationID, sopAssignmentID string) error {
	return sendNoContent(ctx, (*service)(s), call{op: "Applications.DeleteSignOnPolicyAssignment", route: "DELETE /environments/{environmentID}/applications/{applicationID}/signOnPolicyAssignments/{SOPAssignmentID}", ids: []string{applicationID, sopAssignmentID}})
}

// ListRoleAssignments returns one page of an application's role
// assignments (which PingOne allows on worker applications).
//
// PingOne: "List Application Role Assignments".
//
//pingone:operation GET /environments/{environmentID}/applications/{applicationID}/roleAssignments
func (s *ApplicationsService) ListRoleAssignments(ctx context.Context, applicationID string, opts *ListOptions) (*Page[RoleAssignment], error) {
	return listPage[RoleAssignment](ctx, (*service)(s), call{op: "Applications.ListRoleAssignments", route: "GET /environments/{environmentID}/applications/{applicationID}/roleAssignments", ids: []string{applicationID}, opts: opts, key: "roleAssignments"})
}

// ListRoleAssignmentsIter iterates over an application's role assignments,
// fetching pages as the loop goes.
func (s *ApplicationsService) ListRoleAssignmentsIter(ctx context.Context, applicationID string, opts *ListOptions) iter.Seq2[*RoleAssignment, error] {
	return listAll[RoleAssignment](ctx, (*service)(s), call{op: "Applications.ListRoleAssignmentsIter", route: "GET /environments/{environmentID}/applications/{applicationID}/roleAssignments", ids: []string{applicationID}, opts: opts, key: "roleAssignments"})
}

// CreateRoleAssignment gives a worker application a role at a scope; the
// scope's type must be one of the role's ApplicableTo.
//
// PingOne: "Create Application Role Assignment".
//
//pingone:operation POST /environments/{environmentID}/applications/{applicationID}/roleAssignments
func (s *ApplicationsService) CreateRoleAssignment(ctx context.Context, applicationID string, req RoleAssignmentRequest) (*RoleAssignment, error) {
	if err := requireFields("Applications.CreateRoleAssignment", "Role.ID", req.Role.ID, "Scope.ID", req.Scope.ID, "Scope.Type", string(req.Scope.Type)); err != nil {
		return nil, err
	}
	return send[RoleAssignment](ctx, (*service)(s), call{op: "Applications.CreateRoleAssignment", route: "POST /environments/{environmentID}/applications/{applicationID}/roleAssignments", ids: []string{applicationID}, body: req, assignsRole: true})
}

// GetRoleAssignment returns one of an application's role assignments.
//
// PingOne: "Get Application Role Assignment".
//
//pingone:operation GET /environments/{environmentID}/applications/{applicationID}/roleAssignments/{roleAssignmentID}
func (s *ApplicationsService) GetRoleAssignment(ctx context.Context, applicationID, roleAssignmentID string) (*RoleAssignment, error) {
	return send[RoleAssignment](ctx, (*service)(s), call{op: "Applications.GetRoleAssignment", route: "GET /environments/{environmentID}/applications/{applicationID}/roleAssignments/{roleAssignmentID}", ids: []string{applicationID, roleAssignmentID}})
}

// DeleteRoleAssignment removes a role assignment from an application.
//
// PingOne: "Delete Application Role Assignment".
//
//pingone:operation DELETE /environments/{environmentID}/applications/{applicationID}/roleAssignments/{roleAssignmentID}
func (s *ApplicationsService) DeleteRoleAssignment(ctx context.Context, applicationID, roleAssignmentID string) error {
	return sendNoContent(ctx, (*service)(s), call{op: "Applications.DeleteRoleAssignment", route: "DELETE /environments/{environmentID}/applications/{applicationID}/roleAssignments/{roleAssignmentID}", ids: []string{applicationID, roleAssignmentID}})
}
