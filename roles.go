package pingone

import (
	"context"
	"fmt"
	"iter"
	"net/url"
	"time"

	"encoding/json"

	"github.com/pingone-go/pingone/scim"
)

// SystemRolesService reads the organization-level system roles. It lives on
// the [Client], not on an environment.
type SystemRolesService service

// CustomRolesService manages an environment's custom administrator roles.
type CustomRolesService service

// RoleName is a role's name. PingOne adds roles; any name is kept.
type RoleName string

// PingOne's built-in (system) roles, as its API reference lists them.
const (
	RoleOrganizationAdmin                   RoleName = "Organization Admin"
	RoleEnvironmentAdmin                    RoleName = "Environment Admin"
	RoleIdentityDataAdmin                   RoleName = "Identity Data Admin"
	RoleIdentityDataReadOnly                RoleName = "Identity Data Read Only"
	RoleClientApplicationDeveloper          RoleName = "Client Application Developer"
	RoleApplicationOwner                    RoleName = "Application Owner"
	RoleConfigurationReadOnly               RoleName = "Configuration Read Only"
	RoleHelpDeskAdmin                       RoleName = "Help Desk Admin"
	RoleCustomRolesAdmin                    RoleName = "Custom Roles Admin"
	RoleAuthorizeGatewayPolicyEvaluator     RoleName = "Authorize Gateway Policy Evaluator"
	RoleAdvancedIdentityCloudSuperAdmin     RoleName = "Advanced Identity Cloud Super Admin"
	RoleAdvancedIdentityCloudTenantAdmin    RoleName = "Advanced Identity Cloud Tenant Admin"
	RoleDaVinciAdmin                        RoleName = "DaVinci Admin"
	RoleDaVinciAdminReadOnly                RoleName = "DaVinci Admin Read Only"
	RolePingFederateAdministrator           RoleName = "PingFederate Administrator"
	RolePingFederateAuditor                 RoleName = "PingFederate Auditor"
	RolePingFederateCryptoAdministrator     RoleName = "PingFederate Crypto Administrator"
	RolePingFederateExpressionAdministrator RoleName = "PingFederate Expression Administrator"
	RolePingFederateUserAdministrator       RoleName = "PingFederate User Administrator"
)

// RolePermission is one permission of a role, such as "identity:read:user".
// Permission IDs are open strings.
type RolePermission struct {
	ID          string                     `json:"id,omitzero"`
	Classifier  string                     `json:"classifier,omitzero"`
	Description string                     `json:"description,omitzero"`
	Extra       map[string]json.RawMessage `json:",embed"`
	wire        wireMeta
}

// Role is a built-in (system) role.
type Role struct {
	ID          string   `json:"id,omitzero"`
	Name        RoleName `json:"name,omitzero"`
	Description string   `json:"description,omitzero"`
	// ApplicableTo are the scope types the role can be assigned at.
	ApplicableTo []ScopeType      `json:"applicableTo,omitzero"`
	Permissions  []RolePermission `json:"permissions,omitzero"`
	Links        Links            `json:"_links,omitzero"`
	// Extra holds members this version of the SDK does not know.
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// List returns one page of the system roles. opts may be nil.
//
// PingOne: "List System Roles".
//
//pingone:operation GET /roles
func (s *SystemRolesService) List(ctx context.Context, opts *ListOptions) (*Page[Role], error) {
	return listPage[Role](ctx, (*service)(s), call{op: "SystemRoles.List", route: "GET /roles", opts: opts, key: "roles"})
}

// ListIter iterates over every system role, fetching pages as the loop
// goes.
func (s *SystemRolesService) ListIter(ctx context.Context, opts *ListOptions) iter.Seq2[*Role, error] {
	return listAll[Role](ctx, (*service)(s), call{op: "SystemRoles.ListIter", route: "GET /roles", opts: opts, key: "roles"})
}

// ByName returns the system role named name, such as
// [RoleEnvironmentAdmin] ("Environment Admin"), comparing names exactly.
// The list of system roles has no filter, so ByName reads all of them.
// None is an error matching [ErrNotFound]; more than one is an error
// naming their IDs.
func (s *SystemRolesService) ByName(ctx context.Context, name RoleName) (*Role, error) {
	return byName("SystemRoles.ByName", "system role", string(name), s.ListIter(ctx, nil), func(r *Role) string { return string(r.Name) }, func(r *Role) string { return r.ID })
}

// Get returns one system role.
//
// PingOne: "Get System Role".
//
//pingone:operation GET /roles/{roleID}
func (s *SystemRolesService) Get(ctx context.Context, roleID string) (*Role, error) {
	return send[Role](ctx, (*service)(s), call{op: "SystemRoles.Get", route: "GET /roles/{roleID}", ids: []string{roleID}})
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
	CanAssign []Ref     `json:"canAssign,omitzero"`
	CreatedAt time.Time `json:"createdAt,omitzero"`
	UpdatedAt time.Time `json:"updatedAt,omitzero"`
	Links     Links     `json:"_links,omitzero"`
	// Extra holds members this version of the SDK does not know.
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
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
	// Extra holds members to send that this version does not model, such
	// as those a Request of a role read from PingOne carries back.
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// Request returns the request that replaces the role with itself: every
// member PingOne sent goes back unchanged (zero values and members this
// version does not know included), but the read-only ones (ID,
// environment, type, canAssign, timestamps). A permission keeps what
// PingOne sent with its ID. Change what you need, then pass it to
// [CustomRolesService.Replace]: since a PUT clears what it omits, a
// request built by hand would wipe the settings it leaves out.
func (r *CustomRole) Request() CustomRoleRequest {
	return requestFrom[CustomRoleRequest](r, "id", "environment", "type", "canAssign", "createdAt", "updatedAt")
}

// check reports a request PingOne would refuse before anything is sent;
// op names the method in the error.
func (r CustomRoleRequest) check(op string) error {
	if err := requireFields(op, "Name", r.Name); err != nil {
		return err
	}
	for i, p := range r.Permissions {
		if err := requireFields(op, fmt.Sprintf("Permissions[%d].ID", i), p.ID); err != nil {
			return err
		}
	}
	for i, p := range r.CanBeAssignedBy {
		if err := requireFields(op, fmt.Sprintf("CanBeAssignedBy[%d].ID", i), p.ID); err != nil {
			return err
		}
	}
	return nil
}

// ListCustomRolesOptions filters and pages [CustomRolesService.List].
type ListCustomRolesOptions struct {
	// Type keeps only the roles of one type: [RoleTypeCustom] for the
	// custom roles alone, [RoleTypePlatform] for the built-in ones.
	Type RoleType
	// Filter is a SCIM filter; PingOne supports `type eq` only. Use Type
	// or Filter, not both.
	Filter scim.Filter
	ListOptions
}

func (o ListCustomRolesOptions) addQuery(q url.Values) error {
	f := o.Filter
	if o.Type != "" {
		if !f.IsZero() {
			return &ArgumentError{Name: "ListCustomRolesOptions", Problem: "sets both Type and Filter"}
		}
		f = scim.Eq("type", string(o.Type))
	}
	if err := filterQuery(q, f); err != nil {
		return err
	}
	return o.ListOptions.addQuery(q)
}

// List returns one page of an environment's roles. Despite the name of
// the action, the list holds the built-in roles too (Type
// [RoleTypePlatform]) next to the environment's custom roles (Type
// [RoleTypeCustom]): set opts.Type to [RoleTypeCustom] for the custom
// roles alone. opts may be nil.
//
// PingOne: "List Custom Roles".
//
//pingone:operation GET /environments/{environmentID}/roles
func (s *CustomRolesService) List(ctx context.Context, opts *ListCustomRolesOptions) (*Page[CustomRole], error) {
	return listPage[CustomRole](ctx, (*service)(s), call{op: "CustomRoles.List", route: "GET /environments/{environmentID}/roles", opts: opts, key: "roles"})
}

// ListIter iterates over an environment's roles, built-in ones included
// unless opts.Type says otherwise (see [CustomRolesService.List]).
func (s *CustomRolesService) ListIter(ctx context.Context, opts *ListCustomRolesOptions) iter.Seq2[*CustomRole, error] {
	return listAll[CustomRole](ctx, (*service)(s), call{op: "CustomRoles.ListIter", route: "GET /environments/{environmentID}/roles", opts: opts, key: "roles"})
}

// ByName returns the environment's role named name, comparing names
// exactly. Like [CustomRolesService.List] it looks at the built-in roles
// too: check the Type of the result. The list filters on type only, so
// ByName reads every role. None is an error matching [ErrNotFound]; more
// than one is an error naming their IDs.
func (s *CustomRolesService) ByName(ctx context.Context, name string) (*CustomRole, error) {
	return byName("CustomRoles.ByName", "role", name, s.ListIter(ctx, nil), func(r *CustomRole) string { return r.Name }, func(r *CustomRole) string { return r.ID })
}

// Get returns one role of the environment: a custom role, or a built-in
// one by its ID.
//
// PingOne: "Get Custom Role".
//
//pingone:operation GET /environments/{environmentID}/roles/{customRoleID}
func (s *CustomRolesService) Get(ctx context.Context, customRoleID string) (*CustomRole, error) {
	return send[CustomRole](ctx, (*service)(s), call{op: "CustomRoles.Get", route: "GET /environments/{environmentID}/roles/{customRoleID}", ids: []string{customRoleID}})
}

// Create creates a custom role.
//
// PingOne: "Create Custom Role".
//
//pingone:operation POST /environments/{environmentID}/roles
func (s *CustomRolesService) Create(ctx context.Context, req CustomRoleRequest) (*CustomRole, error) {
	if err := req.check("CustomRoles.Create"); err != nil {
		return nil, err
	}
	key := nameKey(func(ctx context.Context) iter.Seq2[*CustomRole, error] { return s.ListIter(ctx, nil) },
		req.Name, func(r *CustomRole) string { return r.Name }, func(r *CustomRole) time.Time { return r.CreatedAt })
	return sendCreate(ctx, (*service)(s), call{op: "CustomRoles.Create", route: "POST /environments/{environmentID}/roles", body: req}, key)
}

// Replace replaces a custom role; omitted optional fields are cleared, so
// start from [CustomRole.Request]. PingOne refuses to change a built-in
// role.
//
// PingOne: "Update Custom Role".
//
//pingone:operation PUT /environments/{environmentID}/roles/{customRoleID}
func (s *CustomRolesService) Replace(ctx context.Context, customRoleID string, req CustomRoleRequest) (*CustomRole, error) {
	if err := req.check("CustomRoles.Replace"); err != nil {
		return nil, err
	}
	return send[CustomRole](ctx, (*service)(s), call{op: "CustomRoles.Replace", route: "PUT /environments/{environmentID}/roles/{customRoleID}", ids: []string{customRoleID}, body: req})
}

// Delete deletes a custom role. PingOne refuses while the role is still
// assigned to anyone (delete the assignments first), and for a built-in
// role.
//
// PingOne: "Delete Custom Role".
//
//pingone:operation DELETE /environments/{environmentID}/roles/{customRoleID}
func (s *CustomRolesService) Delete(ctx context.Context, customRoleID string) error {
	return sendNoContent(ctx, (*service)(s), call{op: "CustomRoles.Delete", route: "DELETE /environments/{environmentID}/roles/{customRoleID}", ids: []string{customRoleID}})
}
