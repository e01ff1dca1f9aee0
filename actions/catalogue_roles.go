package actions

import (
	"context"

	"github.com/pingone-go/pingone"
)

func roleSpecs() []spec {
	const (
		coll = "/environments/{environmentID}/roles"
		item = coll + "/{customRoleID}"
	)
	type customRoleIn struct {
		CustomRoleID id `json:"customRoleID"`
	}
	return []spec{{
		name: "list_system_roles", title: "List System Roles", family: "roles", method: "GET", path: "/roles",
		sdk: "SystemRolesService.List", hints: reads,
		desc: `Lists the administrator roles PingOne defines for the whole organization (Environment Admin, Identity Data Admin, …), with their permissions and the scopes they apply to. The environment is not used.`,
		run: list(func(ctx context.Context, x target, in *struct{ paging }) (*pingone.Page[pingone.Role], error) {
			lo := in.opts()
			return x.client.SystemRoles.List(ctx, &lo)
		}),
	}, {
		name: "get_system_role", title: "Get System Role", family: "roles", method: "GET", path: "/roles/{roleID}",
		sdk: "SystemRolesService.Get", hints: reads,
		desc: `Returns one of PingOne's administrator roles, with its permissions and the scopes it applies to. The environment is not used.`,
		run: get(func(ctx context.Context, x target, in *struct {
			RoleID id `json:"roleID"`
		}) (*pingone.Role, error) {
			return x.client.SystemRoles.Get(ctx, string(in.RoleID))
		}),
	}, {
		name: "list_custom_roles", title: "List Custom Roles", family: "roles", method: "GET", path: coll,
		sdk: "CustomRolesService.List", hints: reads,
		desc: `Lists the environment's administrator roles, a page at a time: the custom ones and PingOne's built-in ones. The filter takes "type eq" only: type eq "CUSTOM" keeps the custom roles.`,
		run: list(func(ctx context.Context, x target, in *struct {
			Filter filter `json:"filter,omitzero"`
			paging
		}) (*pingone.Page[pingone.CustomRole], error) {
			return x.CustomRoles.List(ctx, &pingone.ListCustomRolesOptions{Filter: in.Filter.f, ListOptions: in.opts()})
		}),
	}, {
		name: "create_custom_role", title: "Create Custom Role", family: "roles", method: "POST", path: coll,
		sdk: "CustomRolesService.Create", hints: creates,
		desc: `Creates an administrator role made of chosen permissions, with the roles allowed to assign it (canBeAssignedBy) and the scopes it applies to. The name must be unique in the environment.`,
		run: get(func(ctx context.Context, x target, in *struct {
			Body pingone.CustomRoleRequest `json:"body"`
		}) (*pingone.CustomRole, error) {
			return x.CustomRoles.Create(ctx, in.Body)
		}),
	}, {
		name: "get_custom_role", title: "Get Custom Role", family: "roles", method: "GET", path: item,
		sdk: "CustomRolesService.Get", hints: reads,
		desc: `Returns one of the environment's administrator roles, with its permissions.`,
		run: get(func(ctx context.Context, x target, in *customRoleIn) (*pingone.CustomRole, error) {
			return x.CustomRoles.Get(ctx, string(in.CustomRoleID))
		}),
	}, {
		name: "update_custom_role", title: "Update Custom Role", family: "roles", method: "PUT", path: item,
		sdk: "CustomRolesService.Replace", hints: replaces,
		desc: `Replaces a custom role with the body (a PUT): its permissions become exactly those listed, for every holder of the role at once, and description and applicableTo are cleared when left out.`,
		run: get(func(ctx context.Context, x target, in *struct {
			CustomRoleID id                        `json:"customRoleID"`
			Body         pingone.CustomRoleRequest `json:"body"`
		}) (*pingone.CustomRole, error) {
			return x.CustomRoles.Replace(ctx, string(in.CustomRoleID), in.Body)
		}),
	}, {
		name: "delete_custom_role", title: "Delete Custom Role", family: "roles", method: "DELETE", path: item,
		sdk: "CustomRolesService.Delete", hints: deletes,
		desc: `Deletes a custom role. PingOne refuses while the role is assigned to anyone. It cannot be undone.`,
		run: none(func(ctx context.Context, x target, in *customRoleIn) error {
			return x.CustomRoles.Delete(ctx, string(in.CustomRoleID))
		}),
	}}
}
