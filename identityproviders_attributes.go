package pingone

import (
	"context"
	"iter"
	"time"

	"github.com/go-json-experiment/json/jsontext"
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
	Extra map[string]jsontext.Value `json:",embed"`
}

// IdentityProviderAttributeRequest is the body of
// [IdentityProvidersService.CreateAttribute] and
// [IdentityProvidersService.ReplaceAttribute]. PingOne sets the mapping type
// itself (CUSTOM for the mappings created here).
type IdentityProviderAttributeRequest struct {
	// Name is the PingOne user attribute; one mapping per name and provider.
	Name string `json:"name"`
	// Value is the expression read from the provider, such as
	// "${providerAttributes.email}".
	Value  string                          `json:"value"`
	Update IdentityProviderAttributeUpdate `json:"update"`
}

func (r IdentityProviderAttributeRequest) check() error {
	switch {
	case r.Name == "":
		return missing("Name")
	case r.Value == "":
		return missing("Value")
	case r.Update == "":
		return missing("Update")
	}
	return nil
}

// ListAttributes returns the attribute mappings of an identity provider.
//
// PingOne: "List Identity Provider Attributes".
//
//pingone:operation GET /environments/{environmentID}/identityProviders/{providerID}/attributes
func (s *IdentityProvidersService) ListAttributes(ctx context.Context, providerID string) (*Page[IdentityProviderAttribute], error) {
	if providerID == "" {
		return nil, missing("providerID")
	}
	return listAt[IdentityProviderAttribute](ctx, (*service)(s), "attributes", nil, ListOptions{}, "identityProviders", providerID, "attributes")
}

// ListAttributesIter iterates over the attribute mappings of an identity
// provider, fetching pages as the loop goes.
func (s *IdentityProvidersService) ListAttributesIter(ctx context.Context, providerID string) iter.Seq2[*IdentityProviderAttribute, error] {
	if providerID == "" {
		return errIter[IdentityProviderAttribute](missing("providerID"))
	}
	return iterAt[IdentityProviderAttribute](ctx, (*service)(s), "attributes", nil, ListOptions{}, "identityProviders", providerID, "attributes")
}

// CreateAttribute adds an attribute mapping to an identity provider. A
// second mapping for the same user attribute is a uniqueness violation.
//
// PingOne: "Create Identity Provider Attribute".
//
//pingone:operation POST /environments/{environmentID}/identityProviders/{providerID}/attributes
func (s *IdentityProvidersService) CreateAttribute(ctx context.Context, providerID string, req IdentityProviderAttributeRequest) (*IdentityProviderAttribute, error) {
	if providerID == "" {
		return nil, missing("providerID")
	}
	if err := req.check(); err != nil {
		return nil, err
	}
	return sendOne[IdentityProviderAttribute](ctx, (*service)(s), "POST", req, "identityProviders", providerID, "attributes")
}

// GetAttribute returns one attribute mapping of an identity provider.
//
// PingOne: "Get Identity Provider Attribute".
//
//pingone:operation GET /environments/{environmentID}/identityProviders/{providerID}/attributes/{providerAttributeID}
func (s *IdentityProvidersService) GetAttribute(ctx context.Context, providerID, attributeID string) (*IdentityProviderAttribute, error) {
	if providerID == "" {
		return nil, missing("providerID")
	}
	return getOne[IdentityProviderAttribute](ctx, (*service)(s), "attributeID", attributeID, "identityProviders", providerID, "attributes", attributeID)
}

// ReplaceAttribute replaces an attribute mapping. The name of the CORE
// mapping cannot change.
//
// PingOne: "Update Identity Provider Attribute".
//
//pingone:operation PUT /environments/{environmentID}/identityProviders/{providerID}/attributes/{providerAttributeID}
func (s *IdentityProvidersService) ReplaceAttribute(ctx context.Context, providerID, attributeID string, req IdentityProviderAttributeRequest) (*IdentityProviderAttribute, error) {
	if err := ids("providerID", providerID, "attributeID", attributeID); err != nil {
		return nil, err
	}
	if err := req.check(); err != nil {
		return nil, err
	}
	return sendOne[IdentityProviderAttribute](ctx, (*service)(s), "PUT", req, "identityProviders", providerID, "attributes", attributeID)
}

// DeleteAttribute deletes an attribute mapping. PingOne refuses to delete
// the CORE mapping.
//
// PingOne: "Delete Identity Provider Attribute".
//
//pingone:operation DELETE /environments/{environmentID}/identityProviders/{providerID}/attributes/{providerAttributeID}
func (s *IdentityProvidersService) DeleteAttribute(ctx context.Context, providerID, attributeID string) error {
	if providerID == "" {
		return missing("providerID")
	}
	return deleteOne(ctx, (*service)(s), "attributeID", attributeID, "identityProviders", providerID, "attributes", attributeID)
}
