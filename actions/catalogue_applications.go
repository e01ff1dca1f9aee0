package actions

import (
	"context"

	"github.com/pingone-go/pingone"
)

// applicationBody is an application's create or replace body.
type applicationBody = bodyVia[pingone.ApplicationRequest, pingone.Application, *pingone.Application]

func applicationSpecs() []spec {
	const (
		coll = "/environments/{environmentID}/applications"
		item = coll + "/{applicationID}"
	)
	type appIn struct {
		ApplicationID id `json:"applicationID"`
	}
	type appPageIn struct {
		ApplicationID id `json:"applicationID"`
		paging
	}
	type grantIn struct {
		ApplicationID id `json:"applicationID"`
		GrantID       id `json:"grantID"`
	}
	type sopIn struct {
		ApplicationID   id `json:"applicationID"`
		SOPAssignmentID id `json:"sopAssignmentID"`
	}
	type appRoleIn struct {
		ApplicationID    id `json:"applicationID"`
		RoleAssignmentID id `json:"roleAssignmentID"`
	}
	type attrIn struct {
		ApplicationID id `json:"applicationID"`
		AttrMappingID id `json:"attrMappingID"`
	}
	return []spec{{
		name: "list_applications", title: "List Applications", family: "applications", method: "GET", path: coll,
		sdk: "ApplicationsService.List", hints: reads,
		desc: `Lists the environment's applications, a page at a time, PingOne's built-in ones (portal, self-service) included. Each has the members of its protocol (OpenID Connect, SAML, WS-Federation, external link) and type; client secrets are never part of it.`,
		run: list(func(ctx context.Context, x target, in *struct{ paging }) (*pingone.Page[pingone.Application], error) {
			lo := in.opts()
			return x.Applications.List(ctx, &lo)
		}),
	}, {
		name: "create_application", title: "Create Application", family: "applications", method: "POST", path: coll,
		sdk: "ApplicationsService.Create", hints: creates,
		desc: `Creates an application: name, type and protocol, then the members of that protocol (for OpenID Connect: grant types, redirect URIs, token endpoint authentication method, …). A WORKER application of protocol OPENID_CONNECT is one that calls the management API with client credentials. PingOne generates the client ID and, where the application has one, the client secret (read it with get_application_secret).`,
		run: get(func(ctx context.Context, x target, in *struct {
			Body applicationBody `json:"body"`
		}) (*pingone.Application, error) {
			return x.Applications.Create(ctx, in.Body.v)
		}),
	}, {
		name: "get_application", title: "Get Application", family: "applications", method: "GET", path: item,
		sdk: "ApplicationsService.Get", hints: reads,
		desc: `Returns one application with the members of its protocol and type. The client secret is not part of it: get_application_secret returns it.`,
		run: get(func(ctx context.Context, x target, in *appIn) (*pingone.Application, error) {
			return x.Applications.Get(ctx, string(in.ApplicationID))
		}),
	}, {
		name: "update_application", title: "Update Application", family: "applications", method: "PUT", path: item,
		sdk: "ApplicationsService.Replace", hints: replaces,
		desc: `Replaces an application's settings with the body. This is a PUT: every optional member the body leaves out (redirect URIs, description, access control, token lifetimes, …) is reset, so send back what get_application returned, changed. The protocol and type cannot change.`,
		run: get(func(ctx context.Context, x target, in *struct {
			ApplicationID id              `json:"applicationID"`
			Body          applicationBody `json:"body"`
		}) (*pingone.Application, error) {
			return x.Applications.Replace(ctx, string(in.ApplicationID), in.Body.v)
		}),
	}, {
		name: "delete_application", title: "Delete Application", family: "applications", method: "DELETE", path: item,
		sdk: "ApplicationsService.Delete", hints: deletes,
		desc: `Deletes an application with its grants, assignments and attribute mappings. Its client credentials stop working at once, and it cannot be undone: a new application gets a new client ID.`,
		run: none(func(ctx context.Context, x target, in *appIn) error {
			return x.Applications.Delete(ctx, string(in.ApplicationID))
		}),
	}, {
		name: "get_application_secret", title: "Get Application Secret", family: "applications", method: "GET", path: item + "/secret",
		sdk: "ApplicationsService.GetSecret", hints: Hints{ReadOnly: true, Idempotent: true, ReturnsSecret: true},
		desc: `Returns an application's client secret in clear, and the previous one while it still works after a rotation. This is the purpose of the action: its output holds a live credential, so do not log or share it. PingOne refuses a worker reading its own secret, and callers whose roles fall short of the application's.`,
		run: get(func(ctx context.Context, x target, in *appIn) (*pingone.ApplicationSecret, error) {
			return x.Applications.GetSecret(ctx, string(in.ApplicationID))
		}),
	}, {
		name: "generate_application_secret", title: "Generate Application Secret", family: "applications", method: "POST", path: item + "/secret",
		sdk: "ApplicationsService.RotateSecret", hints: Hints{Destructive: true, ReturnsSecret: true},
		desc: `Rotates an application's client secret and returns the new one in clear (the purpose of the action: its output holds a live credential). Without previous.expiresAt the old secret stops working at once, which cannot be undone; with it, the old one keeps working until then (30 days at most).`,
		run: get(func(ctx context.Context, x target, in *struct {
			ApplicationID id               `json:"applicationID"`
			Body          rotateSecretBody `json:"body,omitzero"`
		}) (*pingone.ApplicationSecret, error) {
			return x.Applications.RotateSecret(ctx, string(in.ApplicationID), &pingone.RotateSecretOptions{PreviousExpiresAt: in.Body.Previous.ExpiresAt})
		}),
	}, {
		name: "delete_application_secret", title: "Delete Application Secret", family: "applications", method: "DELETE", path: item + "/secret",
		sdk: "ApplicationsService.DeletePreviousSecret", hints: deletes,
		desc: `Ends the previous client secret, kept after a rotation, before it expires. The current secret is not affected. It cannot be undone.`,
		run: none(func(ctx context.Context, x target, in *appIn) error {
			return x.Applications.DeletePreviousSecret(ctx, string(in.ApplicationID))
		}),
	}, {
		name: "list_application_grants", title: "List Application Grants", family: "applications", method: "GET", path: item + "/grants",
		sdk: "ApplicationsService.ListGrants", hints: reads,
		desc: `Lists the application's grants: the resources (such as the PingOne API or openid) and scopes it may ask for.`,
		run: list(func(ctx context.Context, x target, in *appPageIn) (*pingone.Page[pingone.ApplicationGrant], error) {
			lo := in.opts()
			return x.Applications.ListGrants(ctx, string(in.ApplicationID), &lo)
		}),
	}, {
		name: "create_application_grant", title: "Create Application Grant", family: "applications", method: "POST", path: item + "/grants",
		sdk: "ApplicationsService.CreateGrant", hints: creates,
		desc: `Lets the application ask for scopes of a resource: the resource's ID and the IDs of its scopes. One grant per resource.`,
		run: get(func(ctx context.Context, x target, in *struct {
			ApplicationID id                              `json:"applicationID"`
			Body          pingone.ApplicationGrantRequest `json:"body"`
		}) (*pingone.ApplicationGrant, error) {
			return x.Applications.CreateGrant(ctx, string(in.ApplicationID), in.Body)
		}),
	}, {
		name: "get_application_grant", title: "Get Application Grant", family: "applications", method: "GET", path: item + "/grants/{grantID}",
		sdk: "ApplicationsService.GetGrant", hints: reads,
		desc: `Returns one of the application's grants: a resource and its scopes.`,
		run: get(func(ctx context.Context, x target, in *grantIn) (*pingone.ApplicationGrant, error) {
			return x.Applications.GetGrant(ctx, string(in.ApplicationID), string(in.GrantID))
		}),
	}, {
		name: "update_application_grant", title: "Update Application Grant", family: "applications", method: "PUT", path: item + "/grants/{grantID}",
		sdk: "ApplicationsService.ReplaceGrant", hints: replaces,
		desc: `Replaces a grant's scopes with those of the body (a PUT): scopes left out are no longer granted, and tokens issued later lack them.`,
		run: get(func(ctx context.Context, x target, in *struct {
			ApplicationID id                              `json:"applicationID"`
			GrantID       id                              `json:"grantID"`
			Body          pingone.ApplicationGrantRequest `json:"body"`
		}) (*pingone.ApplicationGrant, error) {
			return x.Applications.ReplaceGrant(ctx, string(in.ApplicationID), string(in.GrantID), in.Body)
		}),
	}, {
		name: "delete_application_grant", title: "Delete Application Grant", family: "applications", method: "DELETE", path: item + "/grants/{grantID}",
		sdk: "ApplicationsService.DeleteGrant", hints: deletes,
		desc: `Removes a grant: the application can no longer ask for that resource's scopes. It cannot be undone, but the grant can be created again.`,
		run: none(func(ctx context.Context, x target, in *grantIn) error {
			return x.Applications.DeleteGrant(ctx, string(in.ApplicationID), string(in.GrantID))
		}),
	}, {
		name: "list_application_sign_on_policy_assignments", title: "List Application Sign-On Policy Assignments", family: "applications", method: "GET", path: item + "/signOnPolicyAssignments",
		sdk: "ApplicationsService.ListSignOnPolicyAssignments", hints: reads,
		desc: `Lists the sign-on policies assigned to the application, each with its priority (1 is evaluated first).`,
		run: list(func(ctx context.Context, x target, in *appPageIn) (*pingone.Page[pingone.SignOnPolicyAssignment], error) {
			lo := in.opts()
			return x.Applications.ListSignOnPolicyAssignments(ctx, string(in.ApplicationID), &lo)
		}),
	}, {
		name: "create_application_sign_on_policy_assignment", title: "Create Application Sign-On Policy Assignment", family: "applications", method: "POST", path: item + "/signOnPolicyAssignments",
		sdk: "ApplicationsService.CreateSignOnPolicyAssignment", hints: creates,
		desc: `Makes users signing on to the application go through a sign-on policy, at a priority (1 is evaluated first) among the application's policies. Without any, the environment's default policy applies.`,
		run: get(func(ctx context.Context, x target, in *struct {
			ApplicationID id                                    `json:"applicationID"`
			Body          pingone.SignOnPolicyAssignmentRequest `json:"body"`
		}) (*pingone.SignOnPolicyAssignment, error) {
			return x.Applications.CreateSignOnPolicyAssignment(ctx, string(in.ApplicationID), in.Body)
		}),
	}, {
		name: "get_application_sign_on_policy_assignment", title: "Get Application Sign-On Policy Assignment", family: "applications", method: "GET", path: item + "/signOnPolicyAssignments/{SOPAssignmentID}",
		sdk: "ApplicationsService.GetSignOnPolicyAssignment", hints: reads,
		desc: `Returns one of the application's sign-on policy assignments: the policy and its priority.`,
		run: get(func(ctx context.Context, x target, in *sopIn) (*pingone.SignOnPolicyAssignment, error) {
			return x.Applications.GetSignOnPolicyAssignment(ctx, string(in.ApplicationID), string(in.SOPAssignmentID))
		}),
	}, {
		name: "update_application_sign_on_policy_assignment", title: "Update Application Sign-On Policy Assignment", family: "applications", method: "PUT", path: item + "/signOnPolicyAssignments/{SOPAssignmentID}",
		sdk: "ApplicationsService.ReplaceSignOnPolicyAssignment", hints: replaces,
		desc: `Replaces a sign-on policy assignment's policy and priority with those of the body (a PUT), overwriting the previous ones.`,
		run: get(func(ctx context.Context, x target, in *struct {
			ApplicationID   id                                    `json:"applicationID"`
			SOPAssignmentID id                                    `json:"sopAssignmentID"`
			Body            pingone.SignOnPolicyAssignmentRequest `json:"body"`
		}) (*pingone.SignOnPolicyAssignment, error) {
			return x.Applications.ReplaceSignOnPolicyAssignment(ctx, string(in.ApplicationID), string(in.SOPAssignmentID), in.Body)
		}),
	}, {
		name: "delete_application_sign_on_policy_assignment", title: "Delete Application Sign-On Policy Assignment", family: "applications", method: "DELETE", path: item + "/signOnPolicyAssignments/{SOPAssignmentID}",
		sdk: "ApplicationsService.DeleteSignOnPolicyAssignment", hints: deletes,
		desc: `Stops applying a sign-on policy to the application; with no assignment left, the environment's default policy applies. It cannot be undone, but the policy can be assigned again.`,
		run: none(func(ctx context.Context, x target, in *sopIn) error {
			return x.Applications.DeleteSignOnPolicyAssignment(ctx, string(in.ApplicationID), string(in.SOPAssignmentID))
		}),
	}, {
		name: "list_application_role_assignments", title: "List Application Role Assignments", family: "applications", method: "GET", path: item + "/roleAssignments",
		sdk: "ApplicationsService.ListRoleAssignments", hints: reads,
		desc: `Lists the administrator roles the application holds (what a worker application may do with its client credentials), each with its scope.`,
		run: list(func(ctx context.Context, x target, in *appPageIn) (*pingone.Page[pingone.RoleAssignment], error) {
			lo := in.opts()
			return x.Applications.ListRoleAssignments(ctx, string(in.ApplicationID), &lo)
		}),
	}, {
		name: "create_application_role_assignment", title: "Create Application Role Assignment", family: "applications", method: "POST", path: item + "/roleAssignments",
		sdk: "ApplicationsService.CreateRoleAssignment", hints: creates,
		desc: `Gives a worker application an administrator role over a scope (the organization, an environment, a population or an application). The scope's type must be one the role applies to, and the caller must hold the permissions it grants. A new role can take a little while to take effect.`,
		run: get(func(ctx context.Context, x target, in *struct {
			ApplicationID id                            `json:"applicationID"`
			Body          pingone.RoleAssignmentRequest `json:"body"`
		}) (*pingone.RoleAssignment, error) {
			return x.Applications.CreateRoleAssignment(ctx, string(in.ApplicationID), in.Body)
		}),
	}, {
		name: "get_application_role_assignment", title: "Get Application Role Assignment", family: "applications", method: "GET", path: item + "/roleAssignments/{roleAssignmentID}",
		sdk: "ApplicationsService.GetRoleAssignment", hints: reads,
		desc: `Returns one of the application's role assignments: the role and its scope.`,
		run: get(func(ctx context.Context, x target, in *appRoleIn) (*pingone.RoleAssignment, error) {
			return x.Applications.GetRoleAssignment(ctx, string(in.ApplicationID), string(in.RoleAssignmentID))
		}),
	}, {
		name: "delete_application_role_assignment", title: "Delete Application Role Assignment", family: "applications", method: "DELETE", path: item + "/roleAssignments/{roleAssignmentID}",
		sdk: "ApplicationsService.DeleteRoleAssignment", hints: deletes,
		desc: `Takes a role away from the application: the calls the role allowed fail from then on.`,
		run: none(func(ctx context.Context, x target, in *appRoleIn) error {
			return x.Applications.DeleteRoleAssignment(ctx, string(in.ApplicationID), string(in.RoleAssignmentID))
		}),
	}, {
		name: "list_application_attributes", title: "List Application Attributes", family: "applications", method: "GET", path: item + "/attributes",
		sdk: "ApplicationsService.ListAttributeMappings", hints: reads,
		desc: `Lists the application's attribute mappings: the claims (OpenID Connect) or assertion attributes (SAML) it receives, and the user attributes or expressions they come from.`,
		run: list(func(ctx context.Context, x target, in *appPageIn) (*pingone.Page[pingone.ApplicationAttributeMapping], error) {
			lo := in.opts()
			return x.Applications.ListAttributeMappings(ctx, string(in.ApplicationID), &lo)
		}),
	}, {
		name: "create_application_attribute", title: "Create Application Attribute", family: "applications", method: "POST", path: item + "/attributes",
		sdk: "ApplicationsService.CreateAttributeMapping", hints: creates,
		desc: `Adds an attribute mapping to the application: a claim or assertion attribute (name) and where its value comes from (value, such as "${user.email}"). For OpenID Connect, idToken, userInfo and oidcScopes say where the claim appears.`,
		run: get(func(ctx context.Context, x target, in *struct {
			ApplicationID id                                         `json:"applicationID"`
			Body          pingone.ApplicationAttributeMappingRequest `json:"body"`
		}) (*pingone.ApplicationAttributeMapping, error) {
			return x.Applications.CreateAttributeMapping(ctx, string(in.ApplicationID), in.Body)
		}),
	}, {
		name: "get_application_attribute", title: "Get Application Attribute", family: "applications", method: "GET", path: item + "/attributes/{attrMappingID}",
		sdk: "ApplicationsService.GetAttributeMapping", hints: reads,
		desc: `Returns one of the application's attribute mappings.`,
		run: get(func(ctx context.Context, x target, in *attrIn) (*pingone.ApplicationAttributeMapping, error) {
			return x.Applications.GetAttributeMapping(ctx, string(in.ApplicationID), string(in.AttrMappingID))
		}),
	}, {
		name: "update_application_attribute", title: "Update Application Attribute", family: "applications", method: "PUT", path: item + "/attributes/{attrMappingID}",
		sdk: "ApplicationsService.ReplaceAttributeMapping", hints: replaces,
		desc: `Replaces an attribute mapping with the body (a PUT): nameFormat, idToken, userInfo and oidcScopes return to their defaults when left out.`,
		run: get(func(ctx context.Context, x target, in *struct {
			ApplicationID id                                         `json:"applicationID"`
			AttrMappingID id                                         `json:"attrMappingID"`
			Body          pingone.ApplicationAttributeMappingRequest `json:"body"`
		}) (*pingone.ApplicationAttributeMapping, error) {
			return x.Applications.ReplaceAttributeMapping(ctx, string(in.ApplicationID), string(in.AttrMappingID), in.Body)
		}),
	}, {
		name: "delete_application_attribute", title: "Delete Application Attribute", family: "applications", method: "DELETE", path: item + "/attributes/{attrMappingID}",
		sdk: "ApplicationsService.DeleteAttributeMapping", hints: deletes,
		desc: `Removes an attribute mapping: tokens and assertions issued later lack that claim or attribute. PingOne keeps the mappings an application cannot do without (such as sub).`,
		run: none(func(ctx context.Context, x target, in *attrIn) error {
			return x.Applications.DeleteAttributeMapping(ctx, string(in.ApplicationID), string(in.AttrMappingID))
		}),
	}}
}
