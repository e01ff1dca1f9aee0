package pingone

import (
	"context"
	"iter"

	"github.com/go-json-experiment/json/jsontext"
)

// SignOnPolicyAssignment applies a sign-on policy to an application. An
// application's assignments are evaluated by Priority, 1 first.
type SignOnPolicyAssignment struct {
	ID          string `json:"id,omitzero"`
	Environment Ref    `json:"environment,omitzero"`
	// Application is the application (read-only).
	Application  Ref                       `json:"application,omitzero"`
	SignOnPolicy Ref                       `json:"signOnPolicy"`
	Priority     int                       `json:"priority"`
	Links        Links                     `json:"_links,omitzero"`
	Extra        map[string]jsontext.Value `json:",embed"`
}

// SignOnPolicyAssignmentRequest creates or replaces a sign-on policy
// assignment. Priority starts at 1 (evaluated first).
type SignOnPolicyAssignmentRequest struct {
	SignOnPolicy Ref `json:"signOnPolicy"`
	Priority     int `json:"priority"`
}

func (r SignOnPolicyAssignmentRequest) check() error {
	if r.SignOnPolicy.ID == "" {
		return missing("SignOnPolicy.ID")
	}
	if r.Priority < 1 {
		return &ArgumentError{Name: "Priority", Problem: "must be at least 1"}
	}
	return nil
}

// ListSignOnPolicyAssignments returns an application's sign-on policy
// assignments.
//
// PingOne: "List Application Sign-On Policy Assignments".
//
//pingone:operation GET /environments/{environmentID}/applications/{applicationID}/signOnPolicyAssignments
func (s *ApplicationsService) ListSignOnPolicyAssignments(ctx context.Context, applicationID string) (*Page[SignOnPolicyAssignment], error) {
	return listAppSub[SignOnPolicyAssignment](ctx, (*service)(s), applicationID, "signOnPolicyAssignments", "signOnPolicyAssignments")
}

// ListSignOnPolicyAssignmentsIter iterates over an application's sign-on
// policy assignments.
func (s *ApplicationsService) ListSignOnPolicyAssignmentsIter(ctx context.Context, applicationID string) iter.Seq2[*SignOnPolicyAssignment, error] {
	return listAppSubIter[SignOnPolicyAssignment](ctx, (*service)(s), applicationID, "signOnPolicyAssignments", "signOnPolicyAssignments")
}

// CreateSignOnPolicyAssignment applies a sign-on policy to an application.
//
// PingOne: "Create Application Sign-On Policy Assignment".
//
//pingone:operation POST /environments/{environmentID}/applications/{applicationID}/signOnPolicyAssignments
func (s *ApplicationsService) CreateSignOnPolicyAssignment(ctx context.Context, applicationID string, req SignOnPolicyAssignmentRequest) (*SignOnPolicyAssignment, error) {
	if applicationID == "" {
		return nil, missing("applicationID")
	}
	if err := req.check(); err != nil {
		return nil, err
	}
	return sendOne[SignOnPolicyAssignment](ctx, (*service)(s), "POST", req, "applications", applicationID, "signOnPolicyAssignments")
}

// GetSignOnPolicyAssignment returns one of an application's sign-on policy
// assignments.
//
// PingOne: "Get Application Sign-On Policy Assignment".
//
//pingone:operation GET /environments/{environmentID}/applications/{applicationID}/signOnPolicyAssignments/{SOPAssignmentID}
func (s *ApplicationsService) GetSignOnPolicyAssignment(ctx context.Context, applicationID, assignmentID string) (*SignOnPolicyAssignment, error) {
	if applicationID == "" {
		return nil, missing("applicationID")
	}
	return getOne[SignOnPolicyAssignment](ctx, (*service)(s), "assignmentID", assignmentID, "applications", applicationID, "signOnPolicyAssignments", assignmentID)
}

// ReplaceSignOnPolicyAssignment replaces an assignment's policy and
// priority.
//
// PingOne: "Update Application Sign-On Policy Assignment".
//
//pingone:operation PUT /environments/{environmentID}/applications/{applicationID}/signOnPolicyAssignments/{SOPAssignmentID}
func (s *ApplicationsService) ReplaceSignOnPolicyAssignment(ctx context.Context, applicationID, assignmentID string, req SignOnPolicyAssignmentRequest) (*SignOnPolicyAssignment, error) {
	if err := ids("applicationID", applicationID, "assignmentID", assignmentID); err != nil {
		return nil, err
	}
	if err := req.check(); err != nil {
		return nil, err
	}
	return sendOne[SignOnPolicyAssignment](ctx, (*service)(s), "PUT", req, "applications", applicationID, "signOnPolicyAssignments", assignmentID)
}

// DeleteSignOnPolicyAssignment removes a sign-on policy from an
// application.
//
// PingOne: "Delete Application Sign-On Policy Assignment".
//
//pingone:operation DELETE /environments/{environmentID}/applications/{applicationID}/signOnPolicyAssignments/{SOPAssignmentID}
func (s *ApplicationsService) DeleteSignOnPolicyAssignment(ctx context.Context, applicationID, assignmentID string) error {
	if applicationID == "" {
		return missing("applicationID")
	}
	return deleteOne(ctx, (*service)(s), "assignmentID", assignmentID, "applications", applicationID, "signOnPolicyAssignments", assignmentID)
}

// ListRoleAssignments returns an application's role assignments (which
// PingOne allows on worker applications).
//
// PingOne: "List Application Role Assignments".
//
//pingone:operation GET /environments/{environmentID}/applications/{applicationID}/roleAssignments
func (s *ApplicationsService) ListRoleAssignments(ctx context.Context, applicationID string) (*Page[RoleAssignment], error) {
	return listRoleAssignments(ctx, (*service)(s), "applications", "applicationID", applicationID)
}

// ListRoleAssignmentsIter iterates over an application's role assignments.
func (s *ApplicationsService) ListRoleAssignmentsIter(ctx context.Context, applicationID string) iter.Seq2[*RoleAssignment, error] {
	return listRoleAssignmentsIter(ctx, (*service)(s), "applications", "applicationID", applicationID)
}

// CreateRoleAssignment gives a worker application a role at a scope; the
// scope's type must be one of the role's ApplicableTo.
//
// PingOne: "Create Application Role Assignment".
//
//pingone:operation POST /environments/{environmentID}/applications/{applicationID}/roleAssignments
func (s *ApplicationsService) CreateRoleAssignment(ctx context.Context, applicationID string, req RoleAssignmentRequest) (*RoleAssignment, error) {
	return createRoleAssignment(ctx, (*service)(s), "applications", "applicationID", applicationID, req)
}

// GetRoleAssignment returns one of an application's role assignments.
//
// PingOne: "Get Application Role Assignment".
//
//pingone:operation GET /environments/{environmentID}/applications/{applicationID}/roleAssignments/{roleAssignmentID}
func (s *ApplicationsService) GetRoleAssignment(ctx context.Context, applicationID, roleAssignmentID string) (*RoleAssignment, error) {
	return getRoleAssignment(ctx, (*service)(s), "applications", "applicationID", applicationID, roleAssignmentID)
}

// DeleteRoleAssignment removes a role assignment from an application.
//
// PingOne: "Delete Application Role Assignment".
//
//pingone:operation DELETE /environments/{environmentID}/applications/{applicationID}/roleAssignments/{roleAssignmentID}
func (s *ApplicationsService) DeleteRoleAssignment(ctx context.Context, applicationID, roleAssignmentID string) error {
	return deleteRoleAssignment(ctx, (*service)(s), "applications", "applicationID", applicationID, roleAssignmentID)
}
