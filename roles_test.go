package pingone_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strings"
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
				return c.SystemRoles.List(ctx, nil)
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
				assertFields(t, []pingone.RolePermission{{ID: "identity:read:user"}, {ID: "identity:read:group"}}, r.Permissions)
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

// Every roles call checks its IDs, options and request before sending
// anything, and its error names the method and the argument.
func TestRolesArgumentsCheckedBeforeAnyRequest(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	ctx := t.Context()
	env := c.Environment(testEnv)
	okReq := pingone.CustomRoleRequest{Name: "x", Permissions: []pingone.Ref{pingone.RefTo("identity:read:user")}, CanBeAssignedBy: []pingone.Ref{pingone.RefTo(sysRoleOrgID)}}

	cases := []struct {
		name string
		call func() error
		want string
	}{
		{"SystemRoles.Get", func() error { _, err := c.SystemRoles.Get(ctx, ""); return err }, "pingone: SystemRoles.Get: roleID is required"},
		{"SystemRoles.Get dot", func() error { _, err := c.SystemRoles.Get(ctx, "."); return err }, "pingone: SystemRoles.Get: roleID is not a valid ID: ."},
		{"SystemRoles.List", func() error {
			_, err := c.SystemRoles.List(ctx, &pingone.ListOptions{Limit: -1})
			return err
		}, "pingone: SystemRoles.List: Limit is negative"},
		{"SystemRoles.ListIter", func() error {
			for _, err := range c.SystemRoles.ListIter(ctx, &pingone.ListOptions{StartFrom: "/relative"}) {
				return err
			}
			return nil
		}, "pingone: SystemRoles.ListIter: StartFrom is not an absolute link"},
		{"SystemRoles.ByName", func() error { _, err := c.SystemRoles.ByName(ctx, ""); return err }, "pingone: SystemRoles.ByName: name is required"},
		{"CustomRoles.Get", func() error { _, err := env.CustomRoles.Get(ctx, ""); return err }, "pingone: CustomRoles.Get: customRoleID is required"},
		{"CustomRoles.Create no name", func() error {
			_, err := env.CustomRoles.Create(ctx, pingone.CustomRoleRequest{Permissions: []pingone.Ref{pingone.RefTo("identity:read:user")}})
			return err
		}, "pingone: CustomRoles.Create: Name is required"},
		{"CustomRoles.Create empty permission", func() error {
			_, err := env.CustomRoles.Create(ctx, pingone.CustomRoleRequest{Name: "x", Permissions: []pingone.Ref{pingone.RefTo("identity:read:user"), {}}})
			return err
		}, "pingone: CustomRoles.Create: Permissions[1].ID is required"},
		{"CustomRoles.Replace empty assigner", func() error {
			_, err := env.CustomRoles.Replace(ctx, customRoleID1, pingone.CustomRoleRequest{Name: "x", CanBeAssignedBy: []pingone.Ref{{}}})
			return err
		}, "pingone: CustomRoles.Replace: CanBeAssignedBy[0].ID is required"},
		{"CustomRoles.Replace no ID", func() error { _, err := env.CustomRoles.Replace(ctx, "", okReq); return err }, "pingone: CustomRoles.Replace: customRoleID is required"},
		{"CustomRoles.Delete", func() error { return env.CustomRoles.Delete(ctx, "") }, "pingone: CustomRoles.Delete: customRoleID is required"},
		{"CustomRoles.List Type and Filter", func() error {
			_, err := env.CustomRoles.List(ctx, &pingone.ListCustomRolesOptions{Type: pingone.RoleTypeCustom, Filter: scim.Eq("type", "PLATFORM")})
			return err
		}, "pingone: CustomRoles.List: ListCustomRolesOptions sets both Type and Filter"},
		{"CustomRoles.ListIter bad filter", func() error {
			n := 0
			var last error
			for _, err := range env.CustomRoles.ListIter(ctx, &pingone.ListCustomRolesOptions{Filter: scim.Eq("not an attribute", "x")}) {
				last = err
				n++
			}
			assert.Equal(t, 1, n, "the error is yielded once")
			return last
		}, `pingone: CustomRoles.ListIter: Filter is invalid: scim: Eq("not an attribute"): invalid attribute name`},
		{"CustomRoles.ByName", func() error { _, err := env.CustomRoles.ByName(ctx, ""); return err }, "pingone: CustomRoles.ByName: name is required"},
		{"no environment", func() error { _, err := c.Environment("").CustomRoles.List(ctx, nil); return err }, "pingone: CustomRoles.List: environmentID is required"},
	}
	for _, tc := range cases {
		err := tc.call()
		_, ok := errors.AsType[*pingone.ArgumentError](err)
		assert.True(t, ok, "%s: want an *ArgumentError, got %v", tc.name, err)
		assert.EqualError(t, err, tc.want, tc.name)
	}
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
	for r, err := range c.SystemRoles.ListIter(ctx, nil) {
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
	envAdmin, err := c.SystemRoles.ByName(ctx, pingone.RoleEnvironmentAdmin)
	require.NoError(t, err)
	assert.Equal(t, pingone.RoleEnvironmentAdmin, envAdmin.Name)
	_, err = c.SystemRoles.ByName(ctx, "No Such Admin")
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

	byName, err := env.CustomRoles.ByName(ctx, "User Reader")
	require.NoError(t, err)
	assert.Equal(t, created.ID, byName.ID)
	builtIn, err := env.CustomRoles.ByName(ctx, string(pingone.RoleIdentityDataAdmin))
	require.NoError(t, err)
	assert.Equal(t, pingone.RoleTypePlatform, builtIn.Type)
	_, err = env.CustomRoles.ByName(ctx, "User")
	assert.ErrorIs(t, err, pingone.ErrNotFound)

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

// rolesPage is a page of roles (system or environment ones) given as
// id, name, type triples (type "" for a system role).
func rolesPage(next string, idNameTypes ...string) string {
	var items []string
	for i := 0; i+2 < len(idNameTypes); i += 3 {
		typ := ""
		if idNameTypes[i+2] != "" {
			typ = fmt.Sprintf(`, "type": %q, "permissions": [], "canBeAssignedBy": []`, idNameTypes[i+2])
		}
		items = append(items, fmt.Sprintf(`{"id": %q, "name": %q%s}`, idNameTypes[i], idNameTypes[i+1], typ))
	}
	links := ""
	if next != "" {
		links = fmt.Sprintf(`"_links": {"next": {"href": %q}}, `, next)
	}
	return fmt.Sprintf(`{%s"_embedded": {"roles": [%s]}, "count": %d, "size": %d}`, links, strings.Join(items, ","), len(items), len(items))
}

// The role lists have no name filter: ByName reads every page and compares
// names exactly.
func TestRolesByName(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	env := c.Environment(testEnv)
	const dupID = "3d000000-0000-4000-8000-000000000009"
	mt.RegisterResponder("GET", testAPIBase+"/roles", func(r *http.Request) (*http.Response, error) {
		if r.URL.RawQuery != "" && r.URL.Query().Get("cursor") != "2" {
			return jsonResponder(400, `{"id": "e", "code": "INVALID_DATA", "message": "unexpected query `+r.URL.RawQuery+`"}`)(r)
		}
		if r.URL.Query().Get("cursor") == "2" {
			return jsonResponder(200, rolesPage("", sysRoleIDAID, "Identity Data Admin", "", dupID, "Twin Admin", ""))(r)
		}
		return jsonResponder(200, rolesPage(testAPIBase+"/roles?cursor=2", sysRoleOrgID, "Organization Admin", "", "3d000000-0000-4000-8000-000000000008", "Twin Admin", ""))(r)
	})
	mt.RegisterResponder("GET", testAPIBase+envRoles, func(r *http.Request) (*http.Response, error) {
		if r.URL.RawQuery != "" {
			return jsonResponder(400, `{"id": "e", "code": "INVALID_DATA", "message": "unexpected query `+r.URL.RawQuery+`"}`)(r)
		}
		return jsonResponder(200, rolesPage("",
			sysRoleIDAID, "Identity Data Admin", "PLATFORM",
			customRoleID1, "User Reader", "CUSTOM",
			customRoleID2, "user reader", "CUSTOM"))(r)
	})

	r, err := c.SystemRoles.ByName(t.Context(), pingone.RoleIdentityDataAdmin)
	require.NoError(t, err)
	assert.Equal(t, sysRoleIDAID, r.ID, "found on the second page")
	_, err = c.SystemRoles.ByName(t.Context(), "identity data admin")
	require.ErrorIs(t, err, pingone.ErrNotFound, "names are compared exactly")
	assert.EqualError(t, err, `pingone: SystemRoles.ByName: no system role is named "identity data admin"`)
	_, err = c.SystemRoles.ByName(t.Context(), "Twin Admin")
	assert.NotErrorIs(t, err, pingone.ErrNotFound)
	assert.EqualError(t, err, `pingone: SystemRoles.ByName: 2 system roles are named "Twin Admin" (IDs 3d000000-0000-4000-8000-000000000008, `+dupID+`): use an ID`)

	cr, err := env.CustomRoles.ByName(t.Context(), "User Reader")
	require.NoError(t, err)
	assert.Equal(t, customRoleID1, cr.ID)
	assert.Equal(t, pingone.RoleTypeCustom, cr.Type)
	cr, err = env.CustomRoles.ByName(t.Context(), string(pingone.RoleIdentityDataAdmin))
	require.NoError(t, err)
	assert.Equal(t, pingone.RoleTypePlatform, cr.Type, "the environment's built-in roles are found too")
	_, err = env.CustomRoles.ByName(t.Context(), "Password Helper")
	require.ErrorIs(t, err, pingone.ErrNotFound)
	assert.EqualError(t, err, `pingone: CustomRoles.ByName: no role is named "Password Helper"`)
}

// A custom role read and replaced through its Request goes back as it
// came: unknown members (at the top, in permissions and in the role
// references), zero values and values of an unexpected JSON type
// included; the read-only members stay behind.
func TestCustomRoleReplaceSendsBackWhatItRead(t *testing.T) {
	t.Parallel()
	body := `{"id":"` + customRoleID1 + `","environment":{"id":"` + testEnv + `"},"name":"User Reader",
		"description":"","type":"CUSTOM","applicableTo":["ENVIRONMENT","QUANTUM_REALM"],
		"permissions":[{"id":"identity:read:user","classifier":"user","description":"Read users","scope":"x"},{"id":"identity:read:group"}],
		"canBeAssignedBy":[{"id":"` + sysRoleOrgID + `","name":"Organization Admin"}],
		"canAssign":[{"id":"` + sysRoleIDAID + `"}],"futureSetting":{"on":true,"level":[1,2]},"approval":false,
		"createdAt":"2024-03-01T10:00:00.123Z","updatedAt":"2024-03-02T10:00:00Z",
		"_links":{"self":{"href":"x"}}}`
	assertSentBack(t, testAPIBase+envRoles+"/"+customRoleID1, body,
		[]string{"id", "environment", "type", "canAssign", "createdAt", "updatedAt"},
		func(env *pingone.Environment) (any, error) { return env.CustomRoles.Get(t.Context(), customRoleID1) },
		func(env *pingone.Environment, got any) error {
			_, err := env.CustomRoles.Replace(t.Context(), customRoleID1, got.(*pingone.CustomRole).Request())
			return err
		})

	odd := `{"id":"` + customRoleID1 + `","name":"User Reader","description":12,"permissions":[{"id":"p","classifier":true}],
		"canBeAssignedBy":[{"id":7}],"applicableTo":"ENVIRONMENT"}`
	assertSentBack(t, testAPIBase+envRoles+"/"+customRoleID1, odd, []string{"id"},
		func(env *pingone.Environment) (any, error) { return env.CustomRoles.Get(t.Context(), customRoleID1) },
		func(env *pingone.Environment, got any) error {
			_, err := env.CustomRoles.Replace(t.Context(), customRoleID1, got.(*pingone.CustomRole).Request())
			return err
		})
}

// A permission PingOne sent without an ID goes back without one (not as
// "id": ""), and one built by hand writes only what was set.
func TestRolePermissionWritesWhatItHas(t *testing.T) {
	t.Parallel()
	var p pingone.RolePermission
	require.NoError(t, json.Unmarshal([]byte(`{"classifier":"users","description":""}`), &p))
	data, err := json.Marshal(p)
	require.NoError(t, err)
	assert.JSONEq(t, `{"classifier":"users","description":""}`, string(data))

	data, err = json.Marshal(pingone.RolePermission{Classifier: "users"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"classifier":"users"}`, string(data))

	require.NoError(t, json.Unmarshal([]byte(`{"id":"","classifier":"users"}`), &p))
	data, err = json.Marshal(p)
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"","classifier":"users"}`, string(data), "an empty ID PingOne sent is kept")
}

// Every enum-like property of the groups, roles, policies and certificates
// families has a typed string whose constants cover the values the API
// reference lists.
func TestEnumsCoverTheSpec(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("testdata/contract/openapi.json")
	require.NoError(t, err)
	var spec struct {
		Components struct {
			Schemas map[string]struct {
				Enum []string `json:"enum"`
			} `json:"schemas"`
		} `json:"components"`
	}
	require.NoError(t, json.Unmarshal(data, &spec))
	values := func(vs ...any) []string {
		var out []string
		for _, v := range vs {
			out = append(out, fmt.Sprint(v))
		}
		slices.Sort(out)
		return out
	}
	for schema, consts := range map[string][]string{
		"EnumRoleName": values(pingone.RoleOrganizationAdmin, pingone.RoleEnvironmentAdmin, pingone.RoleIdentityDataAdmin,
			pingone.RoleIdentityDataReadOnly, pingone.RoleClientApplicationDeveloper, pingone.RoleApplicationOwner,
			pingone.RoleConfigurationReadOnly, pingone.RoleHelpDeskAdmin, pingone.RoleCustomRolesAdmin,
			pingone.RoleAuthorizeGatewayPolicyEvaluator, pingone.RoleAdvancedIdentityCloudSuperAdmin,
			pingone.RoleAdvancedIdentityCloudTenantAdmin, pingone.RoleDaVinciAdmin, pingone.RoleDaVinciAdminReadOnly,
			pingone.RolePingFederateAdministrator, pingone.RolePingFederateAuditor, pingone.RolePingFederateCryptoAdministrator,
			pingone.RolePingFederateExpressionAdministrator, pingone.RolePingFederateUserAdministrator),
		"EnumRoleAssignmentScopeType":     values(pingone.ScopeOrganization, pingone.ScopeEnvironment, pingone.ScopePopulation, pingone.ScopeApplication),
		"EnumCustomAdminRoleApplicableTo": values(pingone.ScopeOrganization, pingone.ScopeEnvironment, pingone.ScopePopulation, pingone.ScopeApplication),
		"EnumCustomAdminRoleType":         values(pingone.RoleTypePlatform, pingone.RoleTypeCustom),
		"EnumGroupSourceType":             values(pingone.GroupSourceGateway, pingone.GroupSourceIDP),
		"EnumCertificateKeyAlgorithm":     values(pingone.KeyAlgorithmRSA, pingone.KeyAlgorithmEC, pingone.KeyAlgorithmUnknown),
		"EnumCertificateKeySignagureAlgorithm": values(pingone.SHA256WithRSA, pingone.SHA384WithRSA, pingone.SHA512WithRSA,
			pingone.SHA256WithECDSA, pingone.SHA384WithECDSA, pingone.SHA512WithECDSA),
		"EnumCertificateKeyStatus": values(pingone.CertificateValid, pingone.CertificateExpiring, pingone.CertificateExpired,
			pingone.CertificateNotYetValid, pingone.CertificateRevoked),
		"EnumCertificateKeyUsageType": values(pingone.CertificateUsageSigning, pingone.CertificateUsageEncryption,
			pingone.CertificateUsageSSLTLS, pingone.CertificateUsageIssuance, pingone.CertificateUsageOutboundMTLS),
		"EnumMFADevicePolicyNewDeviceNotification": values(pingone.NewDeviceNotificationNone, pingone.NewDeviceNotificationEmailThenSMS,
			pingone.NewDeviceNotificationSMSThenEmail),
		"EnumMFADevicePolicySelection": values(pingone.DeviceSelectionDefaultToFirst, pingone.DeviceSelectionPromptToSelect,
			pingone.DeviceSelectionAlwaysDisplayDevices),
		"EnumPingIDApplicationType":                   values(pingone.MobileApplicationPingIDAppConfig),
		"EnumMFADevicePolicyMobileExtraVerification":  values(pingone.MobileExtraVerificationPermissive, pingone.MobileExtraVerificationRestrictive),
		"EnumMFADevicePolicyMobileIntegrityDetection": values(pingone.MobileIntegrityDetectionPermissive, pingone.MobileIntegrityDetectionRestrictive),
	} {
		s, ok := spec.Components.Schemas[schema]
		require.True(t, ok, schema)
		assert.Equal(t, slices.Sorted(slices.Values(s.Enum)), consts, schema)
	}
	// The time units of the policies' settings, in every variant.
	units := values(pingone.TimeUnitSeconds, pingone.TimeUnitMinutes, pingone.TimeUnitHours, pingone.TimeUnitDays)
	for _, schema := range []string{"EnumTimeUnit", "EnumTimeUnitSeconds", "EnumTimeUnitPairingKeyLifetime", "EnumTimeUnitRememberMeWebLifeTime", "EnumTimeUnitPushTimeout"} {
		s, ok := spec.Components.Schemas[schema]
		require.True(t, ok, schema)
		assert.Subset(t, units, s.Enum, schema)
	}
}

// A custom role read, turned into a request and replaced in pingonetest
// reads back the same: nothing it stores is lost on the way.
func TestCustomRoleRequestRoundTripEndToEnd(t *testing.T) {
	t.Parallel()
	_, c, env := e2e(t)
	ctx := t.Context()
	orgAdmin, err := c.SystemRoles.ByName(ctx, pingone.RoleOrganizationAdmin)
	require.NoError(t, err)
	created, err := env.CustomRoles.Create(ctx, pingone.CustomRoleRequest{
		Name:            "Group Reader",
		Description:     pingone.Value(""),
		Permissions:     []pingone.Ref{{ID: "identity:read:group"}},
		CanBeAssignedBy: []pingone.Ref{{ID: orgAdmin.ID}},
		ApplicableTo:    pingone.Value([]pingone.ScopeType{pingone.ScopeEnvironment}),
		Extra:           map[string]json.RawMessage{"futureSetting": json.RawMessage(`{"on":false}`)},
	})
	require.NoError(t, err)
	before, err := env.CustomRoles.Get(ctx, created.ID)
	require.NoError(t, err)
	assert.JSONEq(t, `{"on":false}`, string(before.Extra["futureSetting"]))
	_, err = env.CustomRoles.Replace(ctx, created.ID, before.Request())
	require.NoError(t, err)
	after, err := env.CustomRoles.Get(ctx, created.ID)
	require.NoError(t, err)
	assertSameResource(t, before, after)
}

// modelCodecs decode and encode (with encoding/json) the models of the
// groups, roles, policies, certificates and population families.
var modelCodecs = map[string]func([]byte) ([]byte, error){
	"Group":                      reencode[pingone.Group],
	"GroupNesting":               reencode[pingone.GroupNesting],
	"GroupRequest":               reencode[pingone.GroupRequest],
	"Role":                       reencode[pingone.Role],
	"CustomRole":                 reencode[pingone.CustomRole],
	"CustomRoleRequest":          reencode[pingone.CustomRoleRequest],
	"RoleAssignment":             reencode[pingone.RoleAssignment],
	"RoleAssignmentRequest":      reencode[pingone.RoleAssignmentRequest],
	"PasswordPolicy":             reencode[pingone.PasswordPolicy],
	"PasswordPolicyRequest":      reencode[pingone.PasswordPolicyRequest],
	"SignOnPolicy":               reencode[pingone.SignOnPolicy],
	"SignOnPolicyRequest":        reencode[pingone.SignOnPolicyRequest],
	"DeviceAuthPolicy":           reencode[pingone.DeviceAuthPolicy],
	"DeviceAuthPolicyRequest":    reencode[pingone.DeviceAuthPolicyRequest],
	"Certificate":                reencode[pingone.Certificate],
	"PopulationIdentityProvider": reencode[pingone.PopulationIdentityProvider],
}

func reencode[T any](data []byte) ([]byte, error) {
	var v T
	if err := json.Unmarshal(data, &v); err != nil {
		return nil, err
	}
	return json.Marshal(v)
}

// A model decoded from PingOne's JSON encodes back to it: zero values,
// nulls, values of an unexpected JSON type and unknown members, at every
// level.
func TestModelsReencodeWhatTheyRead(t *testing.T) {
	t.Parallel()
	cases := []struct{ model, in string }{
		{"Group", `{"id":"g","name":"","description":"","userFilter":"","externalId":"","customData":{},"directMemberCounts":{"users":0},"totalMemberCounts":null,"_links":{}}`},
		{"Group", `{"id":"g","name":null,"population":{"id":"p","x":1},"customData":[1],"sourceType":"FUTURE","displayName":7,"directMemberCounts":{"users":"3","more":true},"createdAt":"yesterday","future":{"a":null}}`},
		{"GroupNesting", `{"id":"g","name":"Parent","type":"SOMETIMES","_links":{"self":{"href":"h"}},"depth":2}`},
		{"GroupRequest", `{"name":"n","userFilter":"name eq","customData":null,"population":{"id":"p","x":1},"future":[]}`},
		{"Role", `{"id":"r","name":"Quantum Admin","description":"","applicableTo":["ORGANIZATION","QUANTUM"],"permissions":[{"id":"p","classifier":"","x":1},{"description":"no id"}],"future":0}`},
		{"CustomRole", `{"id":"r","name":"n","type":"CUSTOM","permissions":[],"canBeAssignedBy":[{"id":"a","name":"Org Admin"}],"canAssign":null,"applicableTo":"ENVIRONMENT"}`},
		{"CustomRoleRequest", `{"name":"n","permissions":[{"id":"p"}],"canBeAssignedBy":[],"description":"","future":true}`},
		{"RoleAssignment", `{"id":"a","role":{"id":"r"},"scope":{"id":"e","type":"GALAXY","x":1},"readOnly":false,"group":{},"gateway":{"id":""}}`},
		{"RoleAssignmentRequest", `{"role":{"id":"r","x":1},"scope":{"id":"e","type":"ENVIRONMENT"},"future":"x"}`},
		{"PasswordPolicy", `{"name":"p","default":"true","excludesCommonlyUsed":false,"excludesProfileData":false,"notSimilarToCurrent":false,"history":{},"length":{"min":0},"lockout":null,"maxAgeDays":0,"minCharacters":{"0123456789":"1"},"numberSequenceRule":{"maxLength":2,"x":[]},"populationCount":0}`},
		{"PasswordPolicyRequest", `{"name":"p","excludesCommonlyUsed":"yes","excludesProfileData":false,"notSimilarToCurrent":false,"maxAgeDays":null,"history":{"count":1,"x":1}}`},
		{"SignOnPolicy", `{"id":"s","name":"n","default":"false","description":null,"future":{}}`},
		{"SignOnPolicyRequest", `{"name":"n","default":"false","future":{}}`},
		{"DeviceAuthPolicy", `{"name":"p","default":false,"forSignOnPolicy":false,"notificationsPolicy":{},"sms":{"enabled":false,"otp":{"lifeTime":{"duration":0,"timeUnit":"FORTNIGHTS"},"failure":{"count":0,"coolDown":{}}}},"mobile":{"enabled":true,"applications":[{"id":"a","push":{"enabled":false},"otp":null,"integrityDetection":"paranoid","x":1}]},"totp":{"enabled":true,"uriParameters":{}},"fido2":{"enabled":false},"rememberMe":{"web":{"enabled":false,"lifeTime":{"duration":"1","timeUnit":"HOURS"}}},"blockDisabledUsers":false,"future":[1]}`},
		{"DeviceAuthPolicyRequest", `{"name":"p","default":false,"sms":{"enabled":false},"voice":{"enabled":false},"email":{"enabled":true,"x":1},"mobile":{"enabled":false},"totp":{"enabled":false},"ignoreUserLock":false,"notificationsPolicy":{}}`},
		{"Certificate", `{"id":"c","serialNumber":"0042","keyLength":"2048","default":false,"status":"ROTATING","usageType":"SSL/TLS","startsAt":1700000000000,"future":{"x":1}}`},
		{"PopulationIdentityProvider", `{"id":"","type":"PING_ONE","x":[null]}`},
	}
	for _, tc := range cases {
		out, err := modelCodecs[tc.model]([]byte(tc.in))
		require.NoError(t, err, tc.model)
		assert.JSONEq(t, tc.in, string(out), "%s: %s", tc.model, out)
	}
}

// FuzzModelsReencode: no input makes these models panic, and what decodes
// encodes, to a JSON text that decodes and encodes to itself.
func FuzzModelsReencode(f *testing.F) {
	f.Add([]byte(`{"name":"n","userFilter":"name eq","serialNumber":12,"default":"false","sms":{"enabled":1}}`))
	f.Add([]byte(`{"permissions":[{"id":null}],"scope":{"type":7},"history":{"count":"x"},"x":{"y":[1,{}]}}`))
	f.Add([]byte(`{"a":1,"a":2,"name":"n","name":3}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, data []byte) {
		for name, codec := range modelCodecs {
			out, err := codec(data)
			if err != nil {
				continue
			}
			again, err := codec(out)
			if err != nil {
				t.Fatalf("%s: %s does not decode again: %v", name, out, err)
			}
			if !bytes.Equal(out, again) {
				t.Fatalf("%s: %s re-encodes as %s", name, out, again)
			}
		}
	})
}
