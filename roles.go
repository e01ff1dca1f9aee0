package pingone

import (
	"context"
	"iter"
	"net/url"
	"time"

	"github.com/go-json-experiment/json/jsontext"
	"github.com/pingone-go/pingone/scim"
)

// SystemRolesService reads the organization-level system roles. It lives on
// the [Client], not on an environment.
type SystemRolesService service

// CustomRolesService manages an environment's custom administrator roles.
type CustomRolesService service

// RoleName is a role's name. PingOne adds roles; any name is kept.
type RoleName string

// Some of PingOne's built-in roles.
const (
	RoleOrganizationAdmin          RoleName = "Organization Admin"
	RoleEnvironmentAdmin           RoleName = "Environment Admin"
	RoleIdentityDataAdmin          RoleName = "Identity Data Admin"
	RoleIdentityDataReadOnly       RoleName = "Identity Data Read Only"
	RoleClientApplicationDeveloper RoleName = "Client Application Developer"
	RoleApplicationOwner           RoleName = "Application Owner"
	RoleConfigurationReadOnly      RoleName = "Configuration Read Only"
	RoleHelpDeskAdmin              RoleName = "Help Desk Admin"
	RoleCustomRolesAdmin           RoleName = "Custom Roles Admin"
)

// RolePermission is one permission of a role, such as "identity:read:user".
// Permission IDs are open strings.
type RolePermission struct {
	ID          string `json:"id"`
	Classifier  string `json:"classifier,omitzero"`
	Description string `json:"description,omitzero"`
}

// Role is a built-in (system) role.
type Role struct {
	ID          string   `json:"id,omitzero"`
	Name        RoleName `json:"name,omitzero"`
	Description string   `json:"description,omitzero"`
	// ApplicableTo are the scope types the role can be assigned at.
	ApplicableTo []ScopeType               `json:"applicableTo,omitzero"`
	Permissions  []RolePermission          `json:"permissions,omitzero"`
	Links        Links                     `json:"_links,omitzero"`
	Extra        map[string]jsontext.Value `json:",embed"`
}

// List returns the system roles.
//
// PingOne: "List System Roles".
//
//pingone:operation GET /roles
func (s *SystemRolesService) List(ctx context.Context) (*Page[Role], error) {
	return list[Role](ctx, (*service)(s), "/roles", nil, "roles", ListOptions{})
}

// ListIter iterates over the system roles.
func (s *SystemRolesService) ListIter(ctx context.Context) iter.Seq2[*Role, error] {
	return listIter[Role](ctx, (*service)(s), "/roles", nil, "roles", ListOptions{})
}

// Get returns one system role.
//
// PingOne: "Get System Role".
//
//pingone:operation GET /roles/{roleID}
func (s *SystemRolesService) Get(ctx context.Context, roleID string) (*Role, error) {
	if err := checkSegment("roleID", roleID); err != nil {
		return nil, err
	}
	var out Role
	if err := (*service)(s).do(ctx, "GET", "/roles/"+url.PathEscape(roleID), nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// RoleType tells custom roles from the built-in (platform) roles that an
// environment's role list also holds.
type RoleType string

// The role types.
const (
	RoleTypeCustom   RoleType = "CUSTOM"
	RoleTypePlatform RoleType = "PLATFORM"
)

// CustomRole is an administrator role defined in an environment. The
// environment's role list also returns the built-in roles, with Type
// [RoleTypePlatform].
type CustomRole struct {
	ID          string `json:"id,omitzero"`
	Environment Ref    `json:"environment,omitzero"`
	Name        string `json:"name"`
	Description string `json:"description,omitzero"`
	// Type is read-only: CUSTOM, or PLATFORM for a built-in role.
	Type        RoleType         `json:"type,omitzero"`
	Permissions []RolePermission `json:"permissions,omitzero"`
	// ApplicableTo are the scope types the role can be assigned at.
	ApplicableTo []ScopeType `json:"applicableTo,omitzero"`
	// CanBeAssignedBy are the roles whose holders may assign this one.
	CanBeAssignedBy []Ref `json:"canBeAssignedBy,omitzero"`
	// CanAssign are the roles holders of this one may assign (read-only).
	CanAssign []Ref                     `json:"canAssign,omitzero"`
	CreatedAt time.Time                 `json:"createdAt,omitzero"`
	UpdatedAt time.Time                 `json:"updatedAt,omitzero"`
	Links     Links                     `json:"_links,omitzero"`
	Extra     map[string]jsontext.Value `json:",embed"`
}

// CustomRoleRequest creates or replaces a custom role. Permissions hold
// permission IDs (such as "identity:read:user") and CanBeAssignedBy role
// IDs.
type CustomRoleRequest struct {
	Name            string                `json:"name"`
	Permissions     []Ref                 `json:"permissions"`
	CanBeAssignedBy []Ref                 `json:"canBeAssignedBy"`
	Description     Optional[string]      `json:"description,omitzero"`
	ApplicableTo    Optional[[]ScopeType] `json:"applicableTo,omitzero"`
}

func (r CustomRoleRequest) check() error {
	if r.Name == "" {
		return missing("Name")
	}
	for _, p := range r.Permissions {
		if p.ID == "" {
			return missing("Permissions[].ID")
		}
	}
	for _, p := range r.CanBeAssignedBy {
		if p.ID == "" {
			return missing("CanBeAssignedBy[].ID")
		}
	}
	return nil
}

// ListCustomRolesOptions filters [CustomRolesService.List].
type ListCustomRolesOptions struct {
	// Type keeps only the roles of one type: [RoleTypeCustom] for the
	// custom roles alone.
	Type RoleType
	// Filter is a SCIM filter; PingOne supports `type eq` only. Use Type
	// or Filter, not both.
	Filter scim.Filter
}

func (o *ListCustomRolesOptions) query() (url.Values, error) {
	q := url.Values{}
	if o == nil {
		return q, nil
	}
	f := o.Filter
	if o.Type != "" {
		if !f.IsZero() {
			return nil, &ArgumentError{Name: "ListCustomRolesOptions", Problem: "sets both Type and Filter"}
		}
		f = scim.Eq("type", string(o.Type))
	}
	if err := setFilter(q, f); err != nil {
		return nil, err
	}
	return q, nil
}

// List returns an environment's roles: custom ones and, unless filtered
// out (Type: [RoleTypeCustom]), the built-in ones.
//
// PingOne: "List Custom Roles".
//
//pingone:operation GET /environments/{environmentID}/roles
func (s *CustomRolesService) List(ctx context.Context, opts *ListCustomRolesOptions) (*Page[CustomRole], error) {
	q, err := opts.query()
	if err != nil {
		return nil, err
	}
	return listAt[CustomRole](ctx, (*service)(s), "roles", q, ListOptions{}, "roles")
}

// ListIter iterates over an environment's roles.
func (s *CustomRolesService) ListIter(ctx context.Context, opts *ListCustomRolesOptions) iter.Seq2[*CustomRole, error] {
	q, err := opts.query()
	if err != nil {
		return errIter[CustomRole](err)
	}
	return iterAt[CustomRole](ctx, (*service)(s), "roles", q, ListOptions{}, "roles")
}

// Get returns one role of the environment.
//
// PingOne: "Get Custom Role".
//
//pingone:operation GET /environments/{environmentID}/roles/{customRoleID}
func (s *CustomRolesService) Get(ctx context.Context, roleID string) (*CustomRole, error) {
	return getOne[CustomRole](ctx, (*service)(s), "roleID", roleID, "roles", roleID)
}

// Create creates a custom role.
//
// PingOne: "Create Custom Role".
//
//pingone:operation POST /environments/{environmentID}/roles
func (s *CustomRolesService) Create(ctx context.Context, req CustomRoleRequest) (*CustomRole, error) {
	if err := req.check(); err != nil {
		return nil, err
	}
	return sendOne[CustomRole](ctx, (*service)(s), "POST", req, "roles")
}

// Replace replaces a custom role; omitted optional fields are cleared.
//
// PingOne: "Update Custom Role".
//
//pingone:operation PUT /environments/{environmentID}/roles/{customRoleID}
func (s *CustomRolesService) Replace(ctx context.Context, roleID string, req CustomRoleRequest) (*CustomRole, error) {
	if roleID == "" {
		return nil, missing("roleID")
	}
	if err := req.check(); err != nil {
		return nil, err
	}
	return sendOne[CustomRole](ctx, (*service)(s), "PUT", req, "roles", roleID)
}

// Delete deletes a custom role. PingOne refuses while the role is still
// assigned to anyone: delete the assignments first.
//
// PingOne: "Delete Custom Role".
//
//pingone:operation DELETE /environments/{environmentID}/roles/{customRoleID}
func (s *CustomRolesService) Delete(ctx context.Context, roleID string) error {
	return deleteOne(ctx, (*service)(s), "roleID", roleID, "roles", roleID)
}
