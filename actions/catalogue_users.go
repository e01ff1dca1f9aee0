package actions

import (
	"context"
	"time"

	"github.com/google/jsonschema-go/jsonschema"

	"github.com/pingone-go/pingone"
)

// activitiesIn is the input of Get User Activities.
type activitiesIn struct {
	StartDate  time.Time          `json:"startDate,omitzero" jsonschema:"The start of the period (with endDate)."`
	EndDate    time.Time          `json:"endDate,omitzero" jsonschema:"The end of the period (with startDate)."`
	SampleSize pingone.SampleSize `json:"sampleSize,omitzero" jsonschema:"The length of a bucket: HOUR, DAY or WEEK."`
	paging
}

// adjustSchema makes startDate and endDate go together.
func (activitiesIn) adjustSchema(s *jsonschema.Schema) {
	s.DependentRequired = map[string][]string{"startDate": {"endDate"}, "endDate": {"startDate"}}
}

func userSpecs() []spec {
	const (
		coll = "/environments/{environmentID}/users"
		item = coll + "/{userID}"
	)
	type userIn struct {
		UserID id `json:"userID"`
	}
	type userPageIn struct {
		UserID id `json:"userID"`
		paging
	}
	type userGroupIn struct {
		UserID  id `json:"userID"`
		GroupID id `json:"groupID"`
	}
	type userRoleIn struct {
		UserID           id `json:"userID"`
		RoleAssignmentID id `json:"roleAssignmentID"`
	}
	return []spec{{
		name: "list_users", title: "List Users", family: "users", method: "GET", path: coll,
		sdk: "UsersService.List", hints: reads,
		desc: `Lists the environment's users, a page at a time. The filter takes eq and sw on most attributes (username, email, name.given, …), ew on email and the name's parts, sw on custom string attributes, "population.id eq", "id eq" and memberOfGroups[id eq "…"], joined with and/or. expand ["population"] embeds each user's population.`,
		run: list(func(ctx context.Context, x target, in *struct {
			Filter filter   `json:"filter,omitzero"`
			Expand []string `json:"expand,omitzero"`
			paging
		}) (*pingone.Page[pingone.User], error) {
			return x.Users.List(ctx, &pingone.ListUsersOptions{Filter: in.Filter.f, Expand: in.Expand, ListOptions: in.opts()})
		}),
	}, {
		name: "get_user", title: "Get User", family: "users", method: "GET", path: item,
		sdk: "UsersService.Get", hints: reads,
		desc: `Returns one user. include "memberOfGroupIDs" or "memberOfGroupNames" adds the groups the user belongs to; expand ["population"] embeds the user's population.`,
		run: get(func(ctx context.Context, x target, in *struct {
			UserID  id                  `json:"userID"`
			Include pingone.UserInclude `json:"include,omitzero"`
			Expand  []string            `json:"expand,omitzero"`
		}) (*pingone.User, error) {
			return x.Users.Get(ctx, string(in.UserID), &pingone.GetUserOptions{Include: in.Include, Expand: in.Expand})
		}),
	}, {
		name: "create_user", title: "Create User", family: "users", method: "POST", path: coll,
		sdk: "UsersService.Create", hints: creates,
		desc: `Creates a user. The username must be unique in the environment (compared without case). Custom attributes sit in the body beside the core ones. A body without population puts the user in the environment's default population; one with password.value creates the user with that password (PingOne's user import), which is sent to PingOne only.`,
		run: get(func(ctx context.Context, x target, in *struct {
			Body pingone.CreateUserRequest `json:"body"`
		}) (*pingone.User, error) {
			return x.Users.Create(ctx, in.Body)
		}),
	}, {
		name: "update_user", title: "Update User", family: "users", method: "PATCH", path: item,
		sdk: "UsersService.Update", hints: merges,
		desc: `Changes the user attributes the body names, custom ones included (a PATCH): the others stay as they are, null clears one, and a multi-valued attribute is replaced whole. The enabled flag, the password and the population have actions of their own.`,
		run: get(func(ctx context.Context, x target, in *struct {
			UserID id                        `json:"userID"`
			Body   pingone.UpdateUserRequest `json:"body"`
		}) (*pingone.User, error) {
			return x.Users.Update(ctx, string(in.UserID), in.Body)
		}),
	}, {
		name: "delete_user", title: "Delete User", family: "users", method: "DELETE", path: item,
		sdk: "UsersService.Delete", hints: deletes,
		desc: `Deletes a user, with the user's group memberships, role assignments and MFA devices. It cannot be undone: a new user with the same username is another user, with another ID.`,
		run: none(func(ctx context.Context, x target, in *userIn) error {
			return x.Users.Delete(ctx, string(in.UserID))
		}),
	}, {
		name: "get_user_enabled_status", title: "Get User Enabled Status", family: "users", method: "GET", path: item + "/enabled",
		sdk: "UsersService.GetEnabled", hints: reads,
		desc: `Returns whether the user may sign on.`,
		run: get(func(ctx context.Context, x target, in *userIn) (*pingone.UserEnabled, error) {
			return x.Users.GetEnabled(ctx, string(in.UserID))
		}),
	}, {
		name: "update_user_enabled_status", title: "Update User Enabled Status", family: "users", method: "PUT", path: item + "/enabled",
		sdk: "UsersService.SetEnabled", hints: replaces,
		desc: `Lets the user sign on, or stops them ("enabled": false). A disabled user keeps every attribute, membership and role, and can be enabled again.`,
		run: get(func(ctx context.Context, x target, in *struct {
			UserID id          `json:"userID"`
			Body   enabledBody `json:"body"`
		}) (*pingone.UserEnabled, error) {
			return x.Users.SetEnabled(ctx, string(in.UserID), in.Body.Enabled)
		}),
	}, {
		name: "get_user_password_metadata", title: "Get User Password Metadata", family: "users", method: "GET", path: item + "/password",
		sdk: "UsersService.GetPassword", hints: reads,
		desc: `Returns the state of the user's password: its status (OK, no password, expired, locked out, must change, or held by an external directory), when it last changed, the failures left before a lockout and the password policy in force. Never the password itself.`,
		run: get(func(ctx context.Context, x target, in *userIn) (*pingone.PasswordState, error) {
			return x.Users.GetPassword(ctx, string(in.UserID))
		}),
	}, {
		name: "set_user_password", title: "Set User Password", family: "users", method: "PUT", path: item + "/password",
		sdk: "UsersService.SetPassword", hints: Hints{Destructive: true},
		desc: `Sets the user's password, in clear text or already hashed ("{SSHA512}…"); it must satisfy the user's password policy. "forceChange": true makes the user choose a new one at the next sign-on. The old password stops working at once and cannot be brought back; a policy that keeps a history refuses setting the same password twice. The password is sent to PingOne only and never returned.`,
		run: get(func(ctx context.Context, x target, in *struct {
			UserID id                         `json:"userID"`
			Body   pingone.SetPasswordRequest `json:"body"`
		}) (*pingone.PasswordState, error) {
			return x.Users.SetPassword(ctx, string(in.UserID), in.Body)
		}),
	}, {
		name: "get_user_population", title: "Get User Population", family: "users", method: "GET", path: item + "/population",
		sdk: "UsersService.GetPopulation", hints: reads,
		desc: `Returns the population the user belongs to.`,
		run: get(func(ctx context.Context, x target, in *userIn) (*pingone.UserPopulation, error) {
			return x.Users.GetPopulation(ctx, string(in.UserID))
		}),
	}, {
		name: "update_user_population", title: "Update User Population", family: "users", method: "PUT", path: item + "/population",
		sdk: "UsersService.SetPopulation", hints: replaces,
		desc: `Moves the user to the population named in the body. The user leaves the groups that belong to the old population, and moving the user back does not restore those memberships.`,
		run: get(func(ctx context.Context, x target, in *struct {
			UserID id     `json:"userID"`
			Body   idBody `json:"body"`
		}) (*pingone.UserPopulation, error) {
			return x.Users.SetPopulation(ctx, string(in.UserID), string(in.Body.ID))
		}),
	}, {
		name: "list_user_groups", title: "List User Groups", family: "users", method: "GET", path: item + "/memberOfGroups",
		sdk: "UsersService.ListGroups", hints: reads,
		desc: `Lists the groups the user is a member of: directly (type DIRECT), or through a nested group or a group's user filter (INDIRECT). expand "group" embeds each group. PingOne does not document which attributes the filter takes here.`,
		run: list(func(ctx context.Context, x target, in *struct {
			UserID id          `json:"userID"`
			Filter filter      `json:"filter,omitzero"`
			Expand expandGroup `json:"expand,omitzero"`
			paging
		}) (*pingone.Page[pingone.GroupMembership], error) {
			return x.Users.ListGroups(ctx, string(in.UserID), &pingone.ListUserGroupsOptions{Filter: in.Filter.f, ExpandGroup: in.Expand != "", ListOptions: in.opts()})
		}),
	}, {
		name: "add_user_to_group", title: "Add User To Group", family: "users", method: "POST", path: item + "/memberOfGroups",
		sdk: "UsersService.AddToGroup", hints: creates,
		desc: `Makes the user a direct member of the group named in the body. A population group takes only its population's users, and PingOne refuses an administrator adding themself to a group that carries administrator roles.`,
		run: get(func(ctx context.Context, x target, in *struct {
			UserID id     `json:"userID"`
			Body   idBody `json:"body"`
		}) (*pingone.GroupMembership, error) {
			return x.Users.AddToGroup(ctx, string(in.UserID), string(in.Body.ID))
		}),
	}, {
		name: "get_user_group_membership", title: "Get User Group Membership", family: "users", method: "GET", path: item + "/memberOfGroups/{groupID}",
		sdk: "UsersService.GetGroupMembership", hints: reads,
		desc: `Returns the user's membership of one group (not found when the user is not a member); expand "group" embeds the group.`,
		run: get(func(ctx context.Context, x target, in *struct {
			UserID  id          `json:"userID"`
			GroupID id          `json:"groupID"`
			Expand  expandGroup `json:"expand,omitzero"`
		}) (*pingone.GroupMembership, error) {
			return x.Users.GetGroupMembership(ctx, string(in.UserID), string(in.GroupID), &pingone.GetGroupMembershipOptions{ExpandGroup: in.Expand != ""})
		}),
	}, {
		name: "remove_user_from_group", title: "Remove User From Group", family: "users", method: "DELETE", path: item + "/memberOfGroups/{groupID}",
		sdk: "UsersService.RemoveFromGroup", hints: deletes,
		desc: `Ends the user's direct membership of a group, and with it the roles the group gave the user. A membership through a nested group or a user filter cannot be removed this way.`,
		run: none(func(ctx context.Context, x target, in *userGroupIn) error {
			return x.Users.RemoveFromGroup(ctx, string(in.UserID), string(in.GroupID))
		}),
	}, {
		name: "list_user_role_assignments", title: "List User Role Assignments", family: "users", method: "GET", path: item + "/roleAssignments",
		sdk: "UsersService.ListRoleAssignments", hints: reads,
		desc: `Lists the administrator roles the user holds, each with its scope: the organization, an environment, a population or an application.`,
		run: list(func(ctx context.Context, x target, in *userPageIn) (*pingone.Page[pingone.RoleAssignment], error) {
			lo := in.opts()
			return x.Users.ListRoleAssignments(ctx, string(in.UserID), &lo)
		}),
	}, {
		name: "create_user_role_assignment", title: "Create User Role Assignment", family: "users", method: "POST", path: item + "/roleAssignments",
		sdk: "UsersService.CreateRoleAssignment", hints: creates,
		desc: `Gives the user an administrator role over a scope (the organization, an environment, a population or an application). The scope's type must be one the role applies to, and the caller must hold the permissions it grants. A new role can take a little while to take effect.`,
		run: get(func(ctx context.Context, x target, in *struct {
			UserID id                            `json:"userID"`
			Body   pingone.RoleAssignmentRequest `json:"body"`
		}) (*pingone.RoleAssignment, error) {
			return x.Users.CreateRoleAssignment(ctx, string(in.UserID), in.Body)
		}),
	}, {
		name: "get_user_role_assignment", title: "Get User Role Assignment", family: "users", method: "GET", path: item + "/roleAssignments/{roleAssignmentID}",
		sdk: "UsersService.GetRoleAssignment", hints: reads,
		desc: `Returns one of the user's role assignments: the role, its scope, and whether it is read-only.`,
		run: get(func(ctx context.Context, x target, in *userRoleIn) (*pingone.RoleAssignment, error) {
			return x.Users.GetRoleAssignment(ctx, string(in.UserID), string(in.RoleAssignmentID))
		}),
	}, {
		name: "delete_user_role_assignment", title: "Delete User Role Assignment", family: "users", method: "DELETE", path: item + "/roleAssignments/{roleAssignmentID}",
		sdk: "UsersService.DeleteRoleAssignment", hints: deletes,
		desc: `Takes a role assignment away from the user; the permissions it gave end. A read-only assignment cannot be deleted.`,
		run: none(func(ctx context.Context, x target, in *userRoleIn) error {
			return x.Users.DeleteRoleAssignment(ctx, string(in.UserID), string(in.RoleAssignmentID))
		}),
	}, {
		name: "get_user_identity_provider", title: "Get User Identity Provider", family: "users", method: "GET", path: item + "/identityProvider",
		sdk: "UsersService.GetIdentityProvider", hints: reads,
		desc: `Returns the identity provider the user signs on with; without an ID, PingOne itself.`,
		run: get(func(ctx context.Context, x target, in *userIn) (*pingone.UserIdentityProvider, error) {
			return x.Users.GetIdentityProvider(ctx, string(in.UserID))
		}),
	}, {
		name: "update_user_identity_provider", title: "Update User Identity Provider", family: "users", method: "PUT", path: item + "/identityProvider",
		sdk: "UsersService.SetIdentityProvider", hints: replaces,
		desc: `Links the user to the external identity provider named in the body (identityProvider.id), or back to PingOne when the body names none. The previous link is overwritten. PingOne refuses users changing their own link.`,
		run: get(func(ctx context.Context, x target, in *struct {
			UserID id                       `json:"userID"`
			Body   userIdentityProviderBody `json:"body"`
		}) (*pingone.UserIdentityProvider, error) {
			return x.Users.SetIdentityProvider(ctx, string(in.UserID), in.Body.IdentityProvider.ID)
		}),
	}, {
		name: "get_user_verify_status", title: "Get User Verify Status", family: "users", method: "GET", path: item + "/verifyStatus",
		sdk: "UsersService.GetVerifyStatus", hints: reads,
		desc: `Returns whether PingOne Verify may verify the user's identity: ENABLED, DISABLED or NOT_INITIATED.`,
		run: get(func(ctx context.Context, x target, in *userIn) (*pingone.UserVerifyStatus, error) {
			return x.Users.GetVerifyStatus(ctx, string(in.UserID))
		}),
	}, {
		name: "update_user_verify_status", title: "Update User Verify Status", family: "users", method: "PUT", path: item + "/verifyStatus",
		sdk: "UsersService.SetVerifyStatus", hints: replaces,
		desc: `Sets whether PingOne Verify may verify the user's identity (ENABLED, DISABLED or NOT_INITIATED), overwriting the previous setting. It needs a PingOne Verify licence.`,
		run: get(func(ctx context.Context, x target, in *struct {
			UserID id               `json:"userID"`
			Body   verifyStatusBody `json:"body"`
		}) (*pingone.UserVerifyStatus, error) {
			return x.Users.SetVerifyStatus(ctx, string(in.UserID), in.Body.VerifyStatus)
		}),
	}, {
		name: "get_user_activities", title: "Get User Activities", family: "users", method: "GET", path: "/environments/{environmentID}/userActivities",
		sdk: "UsersService.ListActivities", hints: reads,
		desc: `Reports the environment's sign-on successes and failures and its password resets over a period, in buckets of an hour, a day or a week. startDate and endDate go together (without them: the last 30 days); sampleSize picks the bucket, or PingOne picks one from the period's length.`,
		run: list(func(ctx context.Context, x target, in *activitiesIn) (*pingone.Page[pingone.UserActivity], error) {
			return x.Users.ListActivities(ctx, &pingone.ListUserActivitiesOptions{Start: in.StartDate, End: in.EndDate, SampleSize: in.SampleSize, ListOptions: in.opts()})
		}),
	}}
}
