package actions

import (
	"context"

	"github.com/pingone-go/pingone"
)

func passwordPolicySpecs() []spec {
	const (
		coll = "/environments/{environmentID}/passwordPolicies"
		item = coll + "/{passwordPolicyID}"
	)
	type policyIn struct {
		PasswordPolicyID id `json:"passwordPolicyID"`
	}
	return []spec{{
		name: "list_password_policies", title: "List Password Policies", family: "passwordpolicies", method: "GET", path: coll,
		sdk: "PasswordPoliciesService.List", hints: reads,
		desc: `Lists the environment's password policies, a page at a time, the default one among them.`,
		run: list(func(ctx context.Context, x target, in *struct{ paging }) (*pingone.Page[pingone.PasswordPolicy], error) {
			lo := in.opts()
			return x.PasswordPolicies.List(ctx, &lo)
		}),
	}, {
		name: "get_password_policy", title: "Get Password Policy", family: "passwordpolicies", method: "GET", path: item,
		sdk: "PasswordPoliciesService.Get", hints: reads,
		desc: `Returns one password policy: its length, complexity, history, age and lockout rules.`,
		run: get(func(ctx context.Context, x target, in *policyIn) (*pingone.PasswordPolicy, error) {
			return x.PasswordPolicies.Get(ctx, string(in.PasswordPolicyID))
		}),
	}, {
		name: "create_password_policy", title: "Create Password Policy", family: "passwordpolicies", method: "POST", path: coll,
		sdk: "PasswordPoliciesService.Create", hints: creates,
		desc: `Creates a password policy. name and the three checks (excludesCommonlyUsed, excludesProfileData, notSimilarToCurrent) are required; the rest is optional. "default": true makes it the environment's default, in place of the current one.`,
		run: get(func(ctx context.Context, x target, in *struct {
			Body pingone.PasswordPolicyRequest `json:"body"`
		}) (*pingone.PasswordPolicy, error) {
			return x.PasswordPolicies.Create(ctx, in.Body)
		}),
	}, {
		name: "update_password_policy", title: "Update Password Policy", family: "passwordpolicies", method: "PUT", path: item,
		sdk: "PasswordPoliciesService.Replace", hints: replaces,
		desc: `Replaces a password policy with the body (a PUT): every optional rule the body leaves out (length, history, lockout, ages, …) is cleared, so send back what get_password_policy returned, changed. Passwords set before are not checked again.`,
		run: get(func(ctx context.Context, x target, in *struct {
			PasswordPolicyID id                            `json:"passwordPolicyID"`
			Body             pingone.PasswordPolicyRequest `json:"body"`
		}) (*pingone.PasswordPolicy, error) {
			return x.PasswordPolicies.Replace(ctx, string(in.PasswordPolicyID), in.Body)
		}),
	}, {
		name: "delete_password_policy", title: "Delete Password Policy", family: "passwordpolicies", method: "DELETE", path: item,
		sdk: "PasswordPoliciesService.Delete", hints: deletes,
		desc: `Deletes a password policy; populations that used it fall back to the default one. The default policy cannot be deleted. It cannot be undone.`,
		run: none(func(ctx context.Context, x target, in *policyIn) error {
			return x.PasswordPolicies.Delete(ctx, string(in.PasswordPolicyID))
		}),
	}}
}

func signOnPolicySpecs() []spec {
	const (
		coll = "/environments/{environmentID}/signOnPolicies"
		item = coll + "/{policyID}"
	)
	type policyIn struct {
		PolicyID id `json:"policyID"`
	}
	return []spec{{
		name: "list_sign_on_policies", title: "List Sign-On Policies", family: "signonpolicies", method: "GET", path: coll,
		sdk: "SignOnPoliciesService.List", hints: reads,
		desc: `Lists the environment's sign-on policies, a page at a time, the default one among them.`,
		run: list(func(ctx context.Context, x target, in *struct{ paging }) (*pingone.Page[pingone.SignOnPolicy], error) {
			lo := in.opts()
			return x.SignOnPolicies.List(ctx, &lo)
		}),
	}, {
		name: "create_sign_on_policy", title: "Create Sign-On Policy", family: "signonpolicies", method: "POST", path: coll,
		sdk: "SignOnPoliciesService.Create", hints: creates,
		desc: `Creates a sign-on policy: a name, a description, and whether it is the environment's default. Its steps (login, MFA, …) are its actions, managed apart. The name must be unique in the environment.`,
		run: get(func(ctx context.Context, x target, in *struct {
			Body pingone.SignOnPolicyRequest `json:"body"`
		}) (*pingone.SignOnPolicy, error) {
			return x.SignOnPolicies.Create(ctx, in.Body)
		}),
	}, {
		name: "get_sign_on_policy", title: "Get Sign-On Policy", family: "signonpolicies", method: "GET", path: item,
		sdk: "SignOnPoliciesService.Get", hints: reads,
		desc: `Returns one sign-on policy.`,
		run: get(func(ctx context.Context, x target, in *policyIn) (*pingone.SignOnPolicy, error) {
			return x.SignOnPolicies.Get(ctx, string(in.PolicyID))
		}),
	}, {
		name: "update_sign_on_policy", title: "Update Sign-On Policy", family: "signonpolicies", method: "PUT", path: item,
		sdk: "SignOnPoliciesService.Replace", hints: replaces,
		desc: `Replaces a sign-on policy's name, description and default flag with the body (a PUT): a description left out is cleared. Its actions are not changed.`,
		run: get(func(ctx context.Context, x target, in *struct {
			PolicyID id                          `json:"policyID"`
			Body     pingone.SignOnPolicyRequest `json:"body"`
		}) (*pingone.SignOnPolicy, error) {
			return x.SignOnPolicies.Replace(ctx, string(in.PolicyID), in.Body)
		}),
	}, {
		name: "delete_sign_on_policy", title: "Delete Sign-On Policy", family: "signonpolicies", method: "DELETE", path: item,
		sdk: "SignOnPoliciesService.Delete", hints: deletes,
		desc: `Deletes a sign-on policy with its actions and its assignments to applications. The default policy cannot be deleted. It cannot be undone.`,
		run: none(func(ctx context.Context, x target, in *policyIn) error {
			return x.SignOnPolicies.Delete(ctx, string(in.PolicyID))
		}),
	}}
}

func deviceAuthPolicySpecs() []spec {
	const (
		coll = "/environments/{environmentID}/deviceAuthenticationPolicies"
		item = coll + "/{deviceAuthenticationPolicyID}"
	)
	type policyIn struct {
		DeviceAuthenticationPolicyID id `json:"deviceAuthenticationPolicyID"`
	}
	return []spec{{
		name: "list_device_authentication_policies", title: "List Device Authentication Policies", family: "deviceauthpolicies", method: "GET", path: coll,
		sdk: "DeviceAuthPoliciesService.List", hints: reads,
		desc: `Lists the environment's MFA device policies, a page at a time: which authentication methods users may pair and use, the default policy among them.`,
		run: list(func(ctx context.Context, x target, in *struct{ paging }) (*pingone.Page[pingone.DeviceAuthPolicy], error) {
			lo := in.opts()
			return x.DeviceAuthPolicies.List(ctx, &lo)
		}),
	}, {
		name: "create_device_authentication_policy", title: "Create Device Authentication Policy", family: "deviceauthpolicies", method: "POST", path: coll,
		sdk: "DeviceAuthPoliciesService.Create", hints: creates,
		desc: `Creates an MFA device policy. name, default and the settings of SMS, voice, email, mobile and TOTP (each at least "enabled") are required; FIDO2, WhatsApp, OATH tokens and the rest are optional.`,
		run: get(func(ctx context.Context, x target, in *struct {
			Body pingone.DeviceAuthPolicyRequest `json:"body"`
		}) (*pingone.DeviceAuthPolicy, error) {
			return x.DeviceAuthPolicies.Create(ctx, in.Body)
		}),
	}, {
		name: "get_device_authentication_policy", title: "Get Device Authentication Policy", family: "deviceauthpolicies", method: "GET", path: item,
		sdk: "DeviceAuthPoliciesService.Get", hints: reads,
		desc: `Returns one MFA device policy with the settings of each authentication method.`,
		run: get(func(ctx context.Context, x target, in *policyIn) (*pingone.DeviceAuthPolicy, error) {
			return x.DeviceAuthPolicies.Get(ctx, string(in.DeviceAuthenticationPolicyID))
		}),
	}, {
		name: "update_device_authentication_policy", title: "Update Device Authentication Policy", family: "deviceauthpolicies", method: "PUT", path: item,
		sdk: "DeviceAuthPoliciesService.Replace", hints: replaces,
		desc: `Replaces an MFA device policy with the body (a PUT): the five required methods must all be sent, and every optional setting left out is reset, so send back what get_device_authentication_policy returned, changed. A method turned off stops working for the devices already paired.`,
		run: get(func(ctx context.Context, x target, in *struct {
			DeviceAuthenticationPolicyID id                              `json:"deviceAuthenticationPolicyID"`
			Body                         pingone.DeviceAuthPolicyRequest `json:"body"`
		}) (*pingone.DeviceAuthPolicy, error) {
			return x.DeviceAuthPolicies.Replace(ctx, string(in.DeviceAuthenticationPolicyID), in.Body)
		}),
	}, {
		name: "delete_device_authentication_policy", title: "Delete Device Authentication Policy", family: "deviceauthpolicies", method: "DELETE", path: item,
		sdk: "DeviceAuthPoliciesService.Delete", hints: deletes,
		desc: `Deletes an MFA device policy. The default policy cannot be deleted. It cannot be undone.`,
		run: none(func(ctx context.Context, x target, in *policyIn) error {
			return x.DeviceAuthPolicies.Delete(ctx, string(in.DeviceAuthenticationPolicyID))
		}),
	}}
}
