package pingone

import (
	"context"
	"encoding/json"
	"iter"
	"time"
)

// IdentityProviderAttributeUpdate says when an attribute mapping writes the
// provider's value into the PingOne user. PingOne may add modes; unknown ones
// are kept.
type IdentityProviderAttributeUpdate string

// The update modes.
const (
	// IdentityProviderUpdateEmptyOnly sets the user attribute only while it
	// is empty.
	IdentityProviderUpdateEmptyOnly IdentityProviderAttributeUpdate = "EMPTY_ONLY"
	// IdentityProviderUpdateAlways sets the user attribute at every sign-on.
	IdentityProviderUpdateAlways IdentityProviderAttributeUpdate = "ALWAYS"
)

// IdentityProviderAttributeMappingType tells PingOne's mappings from yours.
type IdentityProviderAttributeMappingType string

// The mapping types.
const (
	// IdentityProviderMappingCore is a mapping PingOne creates with the
	// provider (username): it cannot be deleted.
	IdentityProviderMappingCore IdentityProviderAttributeMappingType = "CORE"
	// IdentityProviderMappingCustom is a mapping you created.
	IdentityProviderMappingCustom IdentityProviderAttributeMappingType = "CUSTOM"
)

// IdentityProviderAttribute maps an attribute of the external provider to a
// PingOne user attribute.
type IdentityProviderAttribute struct {
	ID          string `json:"id,omitzero"`
	Environment Ref    `json:"environment,omitzero"`
	// IdentityProvider is the provider the mapping belongs to (read-only).
	IdentityProvider Ref `json:"identityProvider,omitzero"`
	// Name is the PingOne user attribute, such as "email" or "name.given".
	Name string `json:"name"`
	// Value is the expression read from the provider, such as
	// "${providerAttributes.email}".
	Value       string                               `json:"value"`
	Update      IdentityProviderAttributeUpdate      `json:"update,omitzero"`
	MappingType IdentityProviderAttributeMappingType `json:"mappingType,omitzero"`
	CreatedAt   time.Time                            `json:"createdAt,omitzero"`
	UpdatedAt   time.Time                            `json:"updatedAt,omitzero"`
	Links       Links                                `json:"_links,omitzero"`
	// Extra holds members this version of the SDK does not know.
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// IdentityProviderAttributeRequest is the body of
// [IdentityProvidersService.CreateAttribute] and
// [IdentityProvidersService.ReplaceAttribute].
type IdentityProviderAttributeRequest struct {
	// Name is the PingOne user attribute; one mapping per name and provider.
	Name string `json:"name"`
	// Value is the expression read from the provider, such as
	// "${providerAttributes.email}".
	Value  string                          `json:"value"`
	Update IdentityProviderAttributeUpdate `json:"update"`
	// MappingType is the mapping's type: PingOne makes the mappings created
	// here CUSTOM, and the CORE mapping keeps its type.
	MappingType Optional[IdentityProviderAttributeMappingType] `json:"mappingType,omitzero"`
	// Extra holds members to send that this version does not model, such
	// as those a Request of a mapping read from PingOne carries back.
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// Request returns the request that replaces the mapping with itself: every
// member PingOne sent goes back unchanged (members this version does not
// know included), but the read-only ones (id, environment,
// identityProvider, createdAt, updatedAt). Change what you need, then pass
// it to [IdentityProvidersService.ReplaceAttribute].
func (a *IdentityProviderAttribute) Request() IdentityProviderAttributeRequest {
	return requestFrom[IdentityProviderAttributeRequest](a, "id", "environment", "identityProvider", "createdAt", "updatedAt")
}

// ListAttributes returns one page of the attribute mappings of an identity
// provider (opts may be nil).
//
// PingOne: "List Identity Provider Attributes".
//
//pingone:operation GET /environments/{environmentID}/identityProviders/{providerID}/attributes
func (s *IdentityProvidersService) ListAttributes(ctx context.Context, providerID string, opts *ListOptions) (*Page[IdentityProviderAttribute], error) {
	return listPage[IdentityProviderAttribute](ctx, (*service)(s), call{op: "IdentityProviders.ListAttributes", route: "GET /environments/{environmentID}/identityProviders/{providerID}/attributes", ids: []string{providerID}, opts: opts, key: "attributes"})
}

// ListAttributesIter iterates over the attribute mappings of an identity
// provider, fetching pages as the loop goes.
func (s *IdentityProvidersService) ListAttributesIter(ctx context.Context, providerID string, opts *ListOptions) iter.Seq2[*IdentityProviderAttribute, error] {
	return listAll[IdentityProviderAttribute](ctx, (*service)(s), call{op: "IdentityProviders.ListAttributesIter", route: "GET /environments/{environmentID}/identityProviders/{providerID}/attributes", ids: []string{providerID}, opts: opts, key: "attributes"})
}

// CreateAttribute adds an attribute mapping to an identity provider. A
// second mapping for the same user attribute is a uniqueness violation.
//
// PingOne: "Create Identity Provider Attribute".
//
//pingone:operation POST /environments/{environmentID}/identityProviders/{providerID}/attributes
func (s *IdentityProvidersService) CreateAttribute(ctx context.Context, providerID string, req IdentityProviderAttributeRequest) (*IdentityProviderAttribute, error) {
	if err := requireFields("IdentityProviders.CreateAttribute", "Name", req.Name, "Value", req.Value, "Update", string(req.Update)); err != nil {
		return nil, err
	}
	return send[IdentityProviderAttribute](ctx, (*service)(s), call{op: "IdentityProviders.CreateAttribute", route: "POST /environments/{environmentID}/identityProviders/{providerID}/attributes", ids: []string{providerID}, body: req})
}

// GetAttribute returns one attribute mapping of an identity provider.
//
// PingOne: "Get Identity Provider Attribute".
//
//pingone:operation GET /environments/{environmentID}/identityProviders/{providerID}/attributes/{providerAttributeID}
func (s *IdentityProvidersService) GetAttribute(ctx context.Context, providerID, providerAttributeID string) (*IdentityProviderAttribute, error) {
	return send[IdentityProviderAttribute](ctx, (*service)(s), call{op: "IdentityProviders.GetAttribute", route: "GET /environments/{environmentID}/identityProviders/{providerID}/attributes/{providerAttributeID}", ids: []string{providerID, providerAttributeID}})
}

// ReplaceAttribute replaces an attribute mapping; start from
// [IdentityProviderAttribute.Request] to keep what the request does not
// change. The name of the CORE mapping cannot change.
//
// PingOne: "Update Identity Provider Attribute".
//
//pingone:operation PUT /environments/{environmentID}/identityProviders/{providerID}/attributes/{providerAttributeID}
func (s *IdentityProvidersService) ReplaceAttribute(ctx context.Context, providerID, providerAttributeID string, req IdentityProviderAttributeRequest) (*IdentityProviderAttribute, error) {
	if err := requireFields("IdentityProviders.ReplaceAttribute", "Name", req.Name, "Value", req.Value, "Update", string(req.Update)); err != nil {
		return nil, err
	}
	return send[IdentityProviderAttribute](ctx, (*service)(s), call{op: "IdentityProviders.ReplaceAttribute", route: "PUT /environments/{environmentID}/identityProviders/{providerID}/attributes/{providerAttributeID}", ids: []string{providerID, providerAttributeID}, body: req})
}

// DeleteAttribute deletes an attribute mapping. PingOne refuses to delete
// the CORE mapping.
//
// PingOne: "Delete Identity Provider Attribute".
//
//pingone:operation DELETE /environments/{environmentID}/identityProviders/{providerID}/attributes/{providerAttributeID}
func (s *IdentityProvidersService) DeleteAttribute(ctx context.Context, providerID, providerAttributeID string) error {
	return sendNoContent(ctx, (*service)(s), call{op: "IdentityProviders.DeleteAttribute", route: "DELETE /environments/{environmentID}/identityProviders/{providerID}/attributes/{providerAttributeID}", ids: []string{providerID, providerAttributeID}})
}
