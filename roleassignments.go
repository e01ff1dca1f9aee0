package pingone

import (
	"context"
	"iter"
	"time"

	"encoding/json"
)

// ScopeType is the kind of resource a role assignment applies to. PingOne
// may add types; unknown ones are kept.
type ScopeType string

// The scope types.
const (
	ScopeOrganization ScopeType = "ORGANIZATION"
	ScopeEnvironment  ScopeType = "ENVIRONMENT"
	ScopePopulation   ScopeType = "POPULATION"
	ScopeApplication  ScopeType = "APPLICATION"
)

// RoleScope is where a role assignment applies: one organization,
// environment, population or application. The type must be one of the
// role's ApplicableTo.
type RoleScope struct {
	ID    string                     `json:"id"`
	Type  ScopeType                  `json:"type"`
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// OrganizationScope, EnvironmentScope, PopulationScope and ApplicationScope
// build a [RoleScope].
func OrganizationScope(id string) RoleScope { return RoleScope{ID: id, Type: ScopeOrganization} }

// EnvironmentScope builds a [RoleScope] for an environment.
func EnvironmentScope(id string) RoleScope { return RoleScope{ID: id, Type: ScopeEnvironment} }

// PopulationScope builds a [RoleScope] for a population.
func PopulationScope(id string) RoleScope { return RoleScope{ID: id, Type: ScopePopulation} }

// ApplicationScope builds a [RoleScope] for an application.
func ApplicationScope(id string) RoleScope { return RoleScope{ID: id, Type: ScopeApplication} }

// RoleAssignment gives a role, at a scope, to a user, group or application.
type RoleAssignment struct {
	ID          string    `json:"id,omitzero"`
	Environment Ref       `json:"environment,omitzero"`
	Role        Ref       `json:"role"`
	Scope       RoleScope `json:"scope"`
	// ReadOnly assignments (inherited or managed by PingOne) cannot be
	// deleted.
	ReadOnly bool `json:"readOnly,omitzero"`
	// Group is set when the assignment is inherited through a group.
	Group     Ref       `json:"group,omitzero"`
	Gateway   Ref       `json:"gateway,omitzero"`
	CreatedAt time.Time `json:"createdAt,omitzero"`
	UpdatedAt time.Time `json:"updatedAt,omitzero"`
	Links     Links     `json:"_links,omitzero"`
	// Extra holds members this version of the SDK does not know.
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// RoleAssignmentRequest creates a role assignment.
type RoleAssignmentRequest struct {
	Role  Ref       `json:"role"`
	Scope RoleScope `json:"scope"`
	// Extra holds members to send that this version does not model.
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

func (r RoleAssignmentRequest) check() error {
	switch {
	case r.Role.ID == "":
		return missing("Role.ID")
	case r.Scope.ID == "":
		return missing("Scope.ID")
	case r.Scope.Type == "":
		return missing("Scope.Type")
	}
	return nil
}

// The role-assignment calls shared by users, groups and applications; each
// family wraps them in its own methods.

func listRoleAssignments(ctx context.Context, s *service, holderColl, holderName, holderID string) (*Page[RoleAssignment], error) {
	if holderID == "" {
		return nil, missing(holderName)
	}
	return listAt[RoleAssignment](ctx, s, "roleAssignments", nil, ListOptions{}, holderColl, holderID, "roleAssignments")
}

func listRoleAssignmentsIter(ctx context.Context, s *service, holderColl, holderName, holderID string) iter.Seq2[*RoleAssignment, error] {
	if holderID == "" {
		return errIter[RoleAssignment](missing(holderName))
	}
	return iterAt[RoleAssignment](ctx, s, "roleAssignments", nil, ListOptions{}, holderColl, holderID, "roleAssignments")
}

func createRoleAssignment(ctx context.Context, s *service, holderColl, holderName, holderID string, req RoleAssignmentRequest) (*RoleAssignment, error) {
	if holderID == "" {
		return nil, missing(holderName)
	}
	if err := req.check(); err != nil {
		return nil, err
	}
	return sendOne[RoleAssignment](ctx, s, "POST", req, holderColl, holderID, "roleAssignments")
}

func getRoleAssignment(ctx context.Context, s *service, holderColl, holderName, holderID, assignmentID string) (*RoleAssignment, error) {
	if holderID == "" {
		return nil, missing(holderName)
	}
	return getOne[RoleAssignment](ctx, s, "roleAssignmentID", assignmentID, holderColl, holderID, "roleAssignments", assignmentID)
}

func deleteRoleAssignment(ctx context.Context, s *service, holderColl, holderName, holderID, assignmentID string) error {
	if holderID == "" {
		return missing(holderName)
	}
	return deleteOne(ctx, s, "roleAssignmentID", assignmentID, holderColl, holderID, "roleAssignments", assignmentID)
}
