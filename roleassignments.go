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

// roleAssignmentKey is the natural key of a role assignment for safe
// creates: the holder's assignment of the same role at the same scope.
func roleAssignmentKey(all func(ctx context.Context) iter.Seq2[*RoleAssignment, error], req RoleAssignmentRequest) naturalKey[RoleAssignment] {
	return naturalKey[RoleAssignment]{matches: func(ctx context.Context) iter.Seq2[*RoleAssignment, error] {
		return func(yield func(*RoleAssignment, error) bool) {
			for ra, err := range all(ctx) {
				if err != nil || (ra.Role.ID == req.Role.ID && ra.Scope.ID == req.Scope.ID && ra.Scope.Type == req.Scope.Type) {
					if !yield(ra, err) || err != nil {
						return
					}
				}
			}
		}
	}}
}
