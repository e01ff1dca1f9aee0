package actions

import (
	"context"

	"github.com/pingone-go/pingone"
)

// identityProviderBody is an identity provider's create or replace body.
type identityProviderBody = bodyVia[pingone.IdentityProviderRequest, pingone.IdentityProvider, *pingone.IdentityProvider]

func identityProviderSpecs() []spec {
	const (
		coll = "/environments/{environmentID}/identityProviders"
		item = coll + "/{providerID}"
	)
	type providerIn struct {
		ProviderID id `json:"providerID"`
	}
	type providerPageIn struct {
		ProviderID id `json:"providerID"`
		paging
	}
	type attributeIn struct {
		ProviderID          id `json:"providerID"`
		ProviderAttributeID id `json:"providerAttributeID"`
	}
	return []spec{{
		name: "list_identity_providers", title: "List Identity Providers", family: "identityproviders", method: "GET", path: coll,
		sdk: "IdentityProvidersService.List", hints: reads,
		desc: `Lists the external identity providers users may sign on with (social ones, OpenID Connect, SAML), a page at a time, each with the members of its type. Their secrets and keys are never part of them.`,
		run: list(func(ctx context.Context, x target, in *struct{ paging }) (*pingone.Page[pingone.IdentityProvider], error) {
			lo := in.opts()
			return x.IdentityProviders.List(ctx, &lo)
		}),
	}, {
		name: "create_identity_provider", title: "Create Identity Provider", family: "identityproviders", method: "POST", path: coll,
		sdk: "IdentityProvidersService.Create", hints: creates,
		desc: `Creates an external identity provider: a name, whether it is enabled, its type (FACEBOOK, GOOGLE, APPLE, OPENID_CONNECT, SAML, …) and the members of that type, such as a client ID and secret, endpoints, or a SAML signing certificate. Its secrets are sent to PingOne only. expand "attributes" returns the attribute mappings PingOne creates with it.`,
		run: get(func(ctx context.Context, x target, in *struct {
			Expand expandAttributes     `json:"expand,omitzero"`
			Body   identityProviderBody `json:"body"`
		}) (*pingone.IdentityProvider, error) {
			return x.IdentityProviders.Create(ctx, in.Body.v, &pingone.CreateIdentityProviderOptions{ExpandAttributes: in.Expand != ""})
		}),
	}, {
		name: "get_identity_provider", title: "Get Identity Provider", family: "identityproviders", method: "GET", path: item,
		sdk: "IdentityProvidersService.Get", hints: reads,
		desc: `Returns one external identity provider with the members of its type, without its secrets.`,
		run: get(func(ctx context.Context, x target, in *providerIn) (*pingone.IdentityProvider, error) {
			return x.IdentityProviders.Get(ctx, string(in.ProviderID))
		}),
	}, {
		name: "update_identity_provider", title: "Update Identity Provider", family: "identityproviders", method: "PUT", path: item,
		sdk: "IdentityProvidersService.Replace", hints: replaces,
		desc: `Replaces an identity provider's settings with the body (a PUT): optional members left out (description, icons, registration population, …) are cleared, and secrets must be sent again since PingOne never returns them. The type cannot change.`,
		run: get(func(ctx context.Context, x target, in *struct {
			ProviderID id                   `json:"providerID"`
			Body       identityProviderBody `json:"body"`
		}) (*pingone.IdentityProvider, error) {
			return x.IdentityProviders.Replace(ctx, string(in.ProviderID), in.Body.v)
		}),
	}, {
		name: "delete_identity_provider", title: "Delete Identity Provider", family: "identityproviders", method: "DELETE", path: item,
		sdk: "IdentityProvidersService.Delete", hints: deletes,
		desc: `Deletes an external identity provider with its attribute mappings; users linked to it can no longer sign on through it. It cannot be undone.`,
		run: none(func(ctx context.Context, x target, in *providerIn) error {
			return x.IdentityProviders.Delete(ctx, string(in.ProviderID))
		}),
	}, {
		name: "list_identity_provider_attributes", title: "List Identity Provider Attributes", family: "identityproviders", method: "GET", path: item + "/attributes",
		sdk: "IdentityProvidersService.ListAttributes", hints: reads,
		desc: `Lists how the provider's claims fill PingOne user attributes: each mapping's user attribute, the expression read from the provider, and when it applies (on every sign-on, or only while the attribute is empty).`,
		run: list(func(ctx context.Context, x target, in *providerPageIn) (*pingone.Page[pingone.IdentityProviderAttribute], error) {
			lo := in.opts()
			return x.IdentityProviders.ListAttributes(ctx, string(in.ProviderID), &lo)
		}),
	}, {
		name: "create_identity_provider_attribute", title: "Create Identity Provider Attribute", family: "identityproviders", method: "POST", path: item + "/attributes",
		sdk: "IdentityProvidersService.CreateAttribute", hints: creates,
		desc: `Maps a provider claim to a PingOne user attribute: name is the user attribute, value the expression (such as "${providerAttributes.email}"), update is EMPTY_ONLY or ALWAYS. One mapping per user attribute and provider.`,
		run: get(func(ctx context.Context, x target, in *struct {
			ProviderID id                                       `json:"providerID"`
			Body       pingone.IdentityProviderAttributeRequest `json:"body"`
		}) (*pingone.IdentityProviderAttribute, error) {
			return x.IdentityProviders.CreateAttribute(ctx, string(in.ProviderID), in.Body)
		}),
	}, {
		name: "get_identity_provider_attribute", title: "Get Identity Provider Attribute", family: "identityproviders", method: "GET", path: item + "/attributes/{providerAttributeID}",
		sdk: "IdentityProvidersService.GetAttribute", hints: reads,
		desc: `Returns one of the provider's attribute mappings.`,
		run: get(func(ctx context.Context, x target, in *attributeIn) (*pingone.IdentityProviderAttribute, error) {
			return x.IdentityProviders.GetAttribute(ctx, string(in.ProviderID), string(in.ProviderAttributeID))
		}),
	}, {
		name: "update_identity_provider_attribute", title: "Update Identity Provider Attribute", family: "identityproviders", method: "PUT", path: item + "/attributes/{providerAttributeID}",
		sdk: "IdentityProvidersService.ReplaceAttribute", hints: replaces,
		desc: `Replaces an attribute mapping's user attribute, expression and update rule with the body (a PUT), overwriting the previous ones.`,
		run: get(func(ctx context.Context, x target, in *struct {
			ProviderID          id                                       `json:"providerID"`
			ProviderAttributeID id                                       `json:"providerAttributeID"`
			Body                pingone.IdentityProviderAttributeRequest `json:"body"`
		}) (*pingone.IdentityProviderAttribute, error) {
			return x.IdentityProviders.ReplaceAttribute(ctx, string(in.ProviderID), string(in.ProviderAttributeID), in.Body)
		}),
	}, {
		name: "delete_identity_provider_attribute", title: "Delete Identity Provider Attribute", family: "identityproviders", method: "DELETE", path: item + "/attributes/{providerAttributeID}",
		sdk: "IdentityProvidersService.DeleteAttribute", hints: deletes,
		desc: `Removes an attribute mapping: the user attribute is no longer filled from the provider. The core mapping (username) cannot be removed.`,
		run: none(func(ctx context.Context, x target, in *attributeIn) error {
			return x.IdentityProviders.DeleteAttribute(ctx, string(in.ProviderID), string(in.ProviderAttributeID))
		}),
	}}
}
