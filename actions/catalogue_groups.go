package actions

import (
	"context"

	"github.com/pingone-go/pingone"
)

// groupBody is a group's create or replace body.
type groupBody = bodyVia[pingone.GroupRequest, pingone.Group, *pingone.Group]

func groupSpecs() []spec {
	const (
		coll = "/environments/{environmentID}/groups"
		item = coll + "/{groupID}"
	)
	type groupIn struct {
		GroupID id `json:"groupID"`
	}
	type groupPageIn struct {
		GroupID id `json:"groupID"`
		paging
	}
	type nestingIn struct {
		GroupID       id `json:"groupID"`
		NestedGroupID id `json:"nestedGroupID"`
	}
	type groupRoleIn struct {
		GroupID          id `json:"groupID"`
		RoleAssignmentID id `json:"roleAssignmentID"`
	}
	return []spec{{
		name: "list_groups", title: "List Groups", family: "groups", method: "GET", path: coll,
		sdk: "GroupsService.List", hints: reads,
		desc: `Lists the environment's groups, a page at a time. The filter takes id, name, population.id and externalId with eq or sw, joined with and/or.`,
		run: list(func(ctx context.Context, x target, in *struct {
			Filter filter `json:"filter,omitzero"`
			paging
		}) (*pingone.Page[pingone.Group], error) {
			return x.Groups.List(ctx, &pingone.ListGroupsOptions{Filter: in.Filter.f, ListOptions: in.opts()})
		}),
	}, {
		name: "create_group", title: "Create Group", family: "groups", method: "POST", path: coll,
		sdk: "GroupsService.Create", hints: creates,
		desc: `Creates a group. Without userFilter it is static (members are added one by one); with one it is dynamic, its members being the users the filter matches. population makes it a population's group, for that population's users only; it cannot be changed later. The name must be unique in its environment or population.`,
		run: get(func(ctx context.Context, x target, in *struct {
			Body groupBody `json:"body"`
		}) (*pingone.Group, error) {
			return x.Groups.Create(ctx, in.Body.v)
		}),
	}, {
		name: "get_group", title: "Get Group", family: "groups", method: "GET", path: item,
		sdk: "GroupsService.Get", hints: reads,
		desc: `Returns one group. include "totalMemberCounts" adds how many users belong to it directly and in all (through nested groups and the user filter).`,
		run: get(func(ctx context.Context, x target, in *struct {
			GroupID id            `json:"groupID"`
			Include includeCounts `json:"include,omitzero"`
		}) (*pingone.Group, error) {
			return x.Groups.Get(ctx, string(in.GroupID), &pingone.GetGroupOptions{IncludeTotalMemberCounts: in.Include != ""})
		}),
	}, {
		name: "update_group", title: "Update Group", family: "groups", method: "PUT", path: item,
		sdk: "GroupsService.Replace", hints: replaces,
		desc: `Replaces a group's settings with the body. This is a PUT: description, externalId, userFilter and customData are cleared when the body leaves them out (an omitted userFilter makes a dynamic group static), so send back what get_group returned, changed. The population cannot change.`,
		run: get(func(ctx context.Context, x target, in *struct {
			GroupID id        `json:"groupID"`
			Body    groupBody `json:"body"`
		}) (*pingone.Group, error) {
			return x.Groups.Replace(ctx, string(in.GroupID), in.Body.v)
		}),
	}, {
		name: "delete_group", title: "Delete Group", family: "groups", method: "DELETE", path: item,
		sdk: "GroupsService.Delete", hints: deletes,
		desc: `Deletes a group. Its members lose their membership and the roles the group gave them. It cannot be undone.`,
		run: none(func(ctx context.Context, x target, in *groupIn) error {
			return x.Groups.Delete(ctx, string(in.GroupID))
		}),
	}, {
		name: "list_group_nested_groups", title: "List Group Nested Groups", family: "groups", method: "GET", path: item + "/memberOfGroups",
		sdk: "GroupsService.ListParents", hints: reads,
		desc: `Lists the groups this group is nested in (its parents, whose members include this group's members).`,
		run: list(func(ctx context.Context, x target, in *groupPageIn) (*pingone.Page[pingone.GroupNesting], error) {
			lo := in.opts()
			return x.Groups.ListParents(ctx, string(in.GroupID), &lo)
		}),
	}, {
		name: "add_group_to_group", title: "Add Group To Group", family: "groups", method: "POST", path: item + "/memberOfGroups",
		sdk: "GroupsService.AddToParent", hints: creates,
		desc: `Nests the group (groupID, the child) in the group named in the body (the parent): the child's members become indirect members of the parent and get the parent's roles.`,
		run: get(func(ctx context.Context, x target, in *struct {
			GroupID id     `json:"groupID"`
			Body    idBody `json:"body"`
		}) (*pingone.GroupNesting, error) {
			return x.Groups.AddToParent(ctx, string(in.GroupID), string(in.Body.ID))
		}),
	}, {
		name: "get_group_nested_group", title: "Get Group Nested Group", family: "groups", method: "GET", path: item + "/memberOfGroups/{nestedGroupID}",
		sdk: "GroupsService.GetParent", hints: reads,
		desc: `Returns the nesting of the group (groupID, the child) in the parent group nestedGroupID; not found when it is not nested there.`,
		run: get(func(ctx context.Context, x target, in *nestingIn) (*pingone.GroupNesting, error) {
			return x.Groups.GetParent(ctx, string(in.GroupID), string(in.NestedGroupID))
		}),
	}, {
		name: "remove_group_from_group", title: "Remove Group From Group", family: "groups", method: "DELETE", path: item + "/memberOfGroups/{nestedGroupID}",
		sdk: "GroupsService.RemoveFromParent", hints: deletes,
		desc: `Takes the group (groupID, the child) out of the parent group nestedGroupID: its members stop being members of the parent through it, and lose the roles that came with that.`,
		run: none(func(ctx context.Context, x target, in *nestingIn) error {
			return x.Groups.RemoveFromParent(ctx, string(in.GroupID), string(in.NestedGroupID))
		}),
	}, {
		name: "list_group_role_assignments", title: "List Group Role Assignments", family: "groups", method: "GET", path: item + "/roleAssignments",
		sdk: "GroupsService.ListRoleAssignments", hints: reads,
		desc: `Lists the administrator roles the group gives its members, each with its scope.`,
		run: list(func(ctx context.Context, x target, in *groupPageIn) (*pingone.Page[pingone.RoleAssignment], error) {
			lo := in.opts()
			return x.Groups.ListRoleAssignments(ctx, string(in.GroupID), &lo)
		}),
	}, {
		name: "create_group_role_assignment", title: "Create Group Role Assignment", family: "groups", method: "POST", path: item + "/roleAssignments",
		sdk: "GroupsService.CreateRoleAssignment", hints: creates,
		desc: `Gives every member of the group an administrator role over a scope (the organization, an environment, a population or an application). The scope's type must be one the role applies to, and the caller must hold the permissions it grants.`,
		run: get(func(ctx context.Context, x target, in *struct {
			GroupID id                            `json:"groupID"`
			Body    pingone.RoleAssignmentRequest `json:"body"`
		}) (*pingone.RoleAssignment, error) {
			return x.Groups.CreateRoleAssignment(ctx, string(in.GroupID), in.Body)
		}),
	}, {
		name: "get_group_role_assignment", title: "Get Group Role Assignment", family: "groups", method: "GET", path: item + "/roleAssignments/{roleAssignmentID}",
		sdk: "GroupsService.GetRoleAssignment", hints: reads,
		desc: `Returns one of the group's role assignments: the role and its scope.`,
		run: get(func(ctx context.Context, x target, in *groupRoleIn) (*pingone.RoleAssignment, error) {
			return x.Groups.GetRoleAssignment(ctx, string(in.GroupID), string(in.RoleAssignmentID))
		}),
	}, {
		name: "delete_group_role_assignment", title: "Delete Group Role Assignment", family: "groups", method: "DELETE", path: item + "/roleAssignments/{roleAssignmentID}",
		sdk: "GroupsService.DeleteRoleAssignment", hints: deletes,
		desc: `Takes a role assignment away from the group: its members lose the permissions it gave them.`,
		run: none(func(ctx context.Context, x target, in *groupRoleIn) error {
			return x.Groups.DeleteRoleAssignment(ctx, string(in.GroupID), string(in.RoleAssignmentID))
		}),
	}}
}
