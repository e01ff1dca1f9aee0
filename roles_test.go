package pingone_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/scim"
)

const (
	envRoles       = "/environments/" + testEnv + "/roles"
	sysRoleOrgID   = "3d000000-0000-4000-8000-000000000001"
	sysRoleIDAID   = "3d000000-0000-4000-8000-000000000003"
	customRoleID1  = "3e000000-0000-4000-8000-000000000001"
	customRoleID2  = "3e000000-0000-4000-8000-000000000002"
	customRoleType = `?filter=type+eq+%22CUSTOM%22`
)

func init() {
	registerActions(
		actionCase{
			action: "List System Roles", family: "roles", golden: "system_list",
			method: "GET", path: "/roles", status: 200,
			call: func(ctx context.Context, c *pingone.Client, _ *pingone.Environment) (any, error) {
				return c.SystemRoles.List(ctx)
			},
			check: func(t *testing.T, got any) {
				p := got.(*pingone.Page[pingone.Role])
				require.Len(t, p.Items, 3)
				assert.Equal(t, pingone.RoleOrganizationAdmin, p.Items[0].Name)
				assert.Equal(t, []pingone.ScopeType{pingone.ScopeEnvironment, pingone.ScopePopulation}, p.Items[1].ApplicableTo)
				// Unknown role names, scope types and permissions are kept.
				assert.Equal(t, pingone.RoleName("Quantum Admin"), p.Items[2].Name)
				assert.Equal(t, pingone.ScopeType("QUANTUM_REALM"), p.Items[2].ApplicableTo[1])
				assert.Equal(t, "quantum:entangle:qubit", p.Items[2].Permissions[0].ID)
			},
		},
		actionCase{
			action: "Get System Role", family: "roles", golden: "system_get",
			method: "GET", path: "/roles/" + sysRoleIDAID, status: 200,
			call: func(ctx context.Context, c *pingone.Client, _ *pingone.Environment) (any, error) {
				return c.SystemRoles.Get(ctx, sysRoleIDAID)
			},
			check: func(t *testing.T, got any) {
				r := got.(*pingone.Role)
				assert.Equal(t, pingone.RoleIdentityDataAdmin, r.Name)
				require.Len(t, r.Permissions, 2)
				assert.Equal(t, "identity:create:user", r.Permissions[1].Classifier)
				assert.Equal(t, "Can identity:create:user", r.Permissions[1].Description)
			},
		},
		actionCase{
			action: "List Custom Roles", family: "roles", golden: "custom_list",
			method: "GET", path: envRoles + customRoleType, status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.CustomRoles.List(ctx, &pingone.ListCustomRolesOptions{Type: pingone.RoleTypeCustom})
			},
			check: func(t *testing.T, got any) {
				p := got.(*pingone.Page[pingone.CustomRole])
				require.Len(t, p.Items, 1)
				assert.Equal(t, pingone.RoleTypeCustom, p.Items[0].Type)
				assert.Equal(t, []pingone.Ref{{ID: sysRoleOrgID}}, p.Items[0].CanBeAssignedBy)
			},
		},
		actionCase{
			action: "Create Custom Role", family: "roles", golden: "custom_create",
			method: "POST", path: envRoles, status: 201,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.CustomRoles.Create(ctx, pingone.CustomRoleRequest{
					Name:            "Password Helper",
					Description:     pingone.Value("Resets passwords"),
					Permissions:     []pingone.Ref{{ID: "identity:update:userPassword"}},
					CanBeAssignedBy: []pingone.Ref{{ID: sysRoleOrgID}, {ID: sysRoleIDAID}},
					ApplicableTo:    pingone.Value([]pingone.ScopeType{pingone.ScopePopulation}),
				})
			},
			check: func(t *testing.T, got any) {
				r := got.(*pingone.CustomRole)
				assert.Equal(t, customRoleID2, r.ID)
				assert.Equal(t, testEnv, r.Environment.ID)
			},
		},
		actionCase{
			action: "Get Custom Role", family: "roles", golden: "custom_get",
			method: "GET", path: envRoles + "/" + customRoleID1, status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.CustomRoles.Get(ctx, customRoleID1)
			},
			check: func(t *testing.T, got any) {
				r := got.(*pingone.CustomRole)
				assert.Equal(t, "User Reader", r.Name)
				assert.Equal(t, []pingone.RolePermission{{ID: "identity:read:user"}, {ID: "identity:read:group"}}, r.Permissions)
			},
		},
		actionCase{
			action: "Update Custom Role", family: "roles", golden: "custom_replace",
			method: "PUT", path: envRoles + "/" + customRoleID2, status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.CustomRoles.Replace(ctx, customRoleID2, pingone.CustomRoleRequest{
					Name:            "Password Helper EU",
					Permissions:     []pingone.Ref{{ID: "identity:update:userPassword"}, {ID: "identity:read:user"}},
					CanBeAssignedBy: []pingone.Ref{{ID: sysRoleOrgID}},
					ApplicableTo:    pingone.Value([]pingone.ScopeType{pingone.ScopeEnvironment}),
				})
			},
			check: func(t *testing.T, got any) {
				r := got.(*pingone.CustomRole)
				assert.Empty(t, r.Description, "PUT cleared the omitted description")
			},
		},
		actionCase{
			action: "Delete Custom Role", family: "roles", golden: "custom_delete",
			method: "DELETE", path: envRoles + "/" + customRoleID2, status: 204,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return nil, env.CustomRoles.Delete(ctx, customRoleID2)
			},
		},
	)
}

func TestRoles(t *testing.T) {
	t.Parallel()
	testFamily(t, "roles")
}

func TestRolesArgumentsCheckedBeforeAnyRequest(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	ctx := t.Context()
	env := c.Environment(testEnv)

	_, err := c.SystemRoles.Get(ctx, "")
	assertArgumentError(t, err, "roleID")
	_, err = env.CustomRoles.Get(ctx, "")
	assertArgumentError(t, err, "roleID")
	_, err = env.CustomRoles.Create(ctx, pingone.CustomRoleRequest{Permissions: []pingone.Ref{{ID: "identity:read:user"}}})
	assertArgumentError(t, err, "Name")
	_, err = env.CustomRoles.Create(ctx, pingone.CustomRoleRequest{Name: "x", Permissions: []pingone.Ref{{}}})
	assertArgumentError(t, err, "Permissions[].ID")
	_, err = env.CustomRoles.Replace(ctx, "", pingone.CustomRoleRequest{Name: "x"})
	assertArgumentError(t, err, "roleID")
	assertArgumentError(t, env.CustomRoles.Delete(ctx, ""), "roleID")
	_, err = env.CustomRoles.List(ctx, &pingone.ListCustomRolesOptions{Type: pingone.RoleTypeCustom, Filter: scim.Eq("type", "PLATFORM")})
	assertArgumentError(t, err, "ListCustomRolesOptions")
	n := 0
	for _, err := range env.CustomRoles.ListIter(ctx, &pingone.ListCustomRolesOptions{Filter: scim.Eq("not an attribute", "x")}) {
		assertArgumentError(t, err, "Filter")
		n++
	}
	assert.Equal(t, 1, n, "the error is yielded once")
	_, err = c.Environment("").CustomRoles.List(ctx, nil)
	assertArgumentError(t, err, "environmentID")
	assert.Equal(t, 0, mt.GetTotalCallCount())
}

func assertArgumentError(t *testing.T, err error, name string) {
	t.Helper()
	ae, ok := errors.AsType[*pingone.ArgumentError](err)
	require.True(t, ok, "want an ArgumentError, got %v", err)
	assert.Equal(t, name, ae.Name)
}

func TestSystemRolesIterAndCustomRolesEndToEnd(t *testing.T) {
	t.Parallel()
	srv, c, env := e2e(t)
	ctx := t.Context()

	var names []pingone.RoleName
	var idAdmin, orgAdmin *pingone.Role
	for r, err := range c.SystemRoles.ListIter(ctx) {
		require.NoError(t, err)
		names = append(names, r.Name)
		switch r.Name {
		case pingone.RoleIdentityDataAdmin:
			idAdmin = r
		case pingone.RoleOrganizationAdmin:
			orgAdmin = r
		}
	}
	require.NotNil(t, idAdmin)
	require.NotNil(t, orgAdmin)
	assert.Contains(t, names, pingone.RoleEnvironmentAdmin)
	got, err := c.SystemRoles.Get(ctx, idAdmin.ID)
	require.NoError(t, err)
	assert.Equal(t, idAdmin.Permissions, got.Permissions)
	_, err = c.SystemRoles.Get(ctx, "no-such-role")
	assert.ErrorIs(t, err, pingone.ErrNotFound)

	// A custom role: created, listed alone with the CUSTOM filter, and
	// next to the built-in roles without it.
	created, err := env.CustomRoles.Create(ctx, pingone.CustomRoleRequest{
		Name:            "User Reader",
		Description:     pingone.Value("Reads users"),
		Permissions:     []pingone.Ref{{ID: "identity:read:user"}},
		CanBeAssignedBy: []pingone.Ref{{ID: orgAdmin.ID}},
		ApplicableTo:    pingone.Value([]pingone.ScopeType{pingone.ScopeEnvironment, pingone.ScopePopulation}),
	})
	require.NoError(t, err)
	assert.Equal(t, pingone.RoleTypeCustom, created.Type)
	assert.Equal(t, srv.EnvironmentID(), created.Environment.ID)

	_, err = env.CustomRoles.Create(ctx, pingone.CustomRoleRequest{Name: "user reader", Permissions: []pingone.Ref{{ID: "identity:read:user"}}, CanBeAssignedBy: []pingone.Ref{{ID: orgAdmin.ID}}})
	assert.ErrorIs(t, err, pingone.ErrUniquenessViolation)
	_, err = env.CustomRoles.Create(ctx, pingone.CustomRoleRequest{Name: "Nobody", Permissions: []pingone.Ref{{ID: "identity:read:user"}}, CanBeAssignedBy: []pingone.Ref{{ID: "no-such-role"}}})
	assert.ErrorIs(t, err, pingone.ErrInvalidData)

	customOnly, err := env.CustomRoles.List(ctx, &pingone.ListCustomRolesOptions{Type: pingone.RoleTypeCustom})
	require.NoError(t, err)
	require.Len(t, customOnly.Items, 1)
	assert.Equal(t, created.ID, customOnly.Items[0].ID)
	all, err := env.CustomRoles.List(ctx, nil)
	require.NoError(t, err)
	assert.Greater(t, len(all.Items), 1)
	assert.True(t, slices.ContainsFunc(all.Items, func(r pingone.CustomRole) bool {
		return r.Type == pingone.RoleTypePlatform && r.Name == string(pingone.RoleIdentityDataAdmin)
	}))

	replaced, err := env.CustomRoles.Replace(ctx, created.ID, pingone.CustomRoleRequest{
		Name:            "User Reader EU",
		Permissions:     []pingone.Ref{{ID: "identity:read:user"}, {ID: "identity:read:group"}},
		CanBeAssignedBy: []pingone.Ref{{ID: orgAdmin.ID}},
	})
	require.NoError(t, err)
	assert.Empty(t, replaced.Description, "PUT cleared the omitted description")
	assert.Len(t, replaced.Permissions, 2)
	assert.Equal(t, pingone.RoleTypeCustom, replaced.Type)

	// Built-in roles cannot be changed through the environment.
	err = env.CustomRoles.Delete(ctx, idAdmin.ID)
	assert.ErrorIs(t, err, pingone.ErrInvalidData)

	require.NoError(t, env.CustomRoles.Delete(ctx, created.ID))
	_, err = env.CustomRoles.Get(ctx, created.ID)
	assert.ErrorIs(t, err, pingone.ErrNotFound)
}
