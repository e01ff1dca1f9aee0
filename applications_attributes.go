package pingone

import (
	"context"
	"encoding/json"
	"iter"
	"time"
)

// AttributeMappingType says where an attribute mapping comes from. PingOne
// may add types; unknown ones are kept.
type AttributeMappingType string

// The attribute mapping types.
const (
	// MappingCore mappings (such as "sub" or "saml_subject") come with the
	// application: they cannot be deleted and their name is fixed.
	MappingCore AttributeMappingType = "CORE"
	// MappingScope mappings come from a resource scope.
	MappingScope AttributeMappingType = "SCOPE"
	// MappingCustom mappings are the ones an administrator adds.
	MappingCustom AttributeMappingType = "CUSTOM"
)

// ApplicationAttributeMapping maps a PingOne expression to a claim (OpenID
// Connect) or an assertion attribute (SAML) of an application.
type ApplicationAttributeMapping struct {
	ID          string `json:"id,omitzero"`
	Environment Ref    `json:"environment,omitzero"`
	// Application is the application (read-only).
	Application Ref `json:"application,omitzero"`
	// Name is the claim or attribute name.
	Name string `json:"name"`
	// Value is a PingOne expression, such as "${user.email}".
	Value       string               `json:"value"`
	Required    bool                 `json:"required"`
	MappingType AttributeMappingType `json:"mappingType,omitzero"`
	// NameFormat is the SAML attribute name format URI.
	NameFormat string `json:"nameFormat,omitzero"`
	// IDToken and UserInfo say whether an OpenID Connect claim goes into
	// the ID token and the userinfo response; nil when PingOne does not
	// report them (SAML applications). Both default to true.
	IDToken  *bool `json:"idToken,omitzero"`
	UserInfo *bool `json:"userInfo,omitzero"`
	// OIDCScopes limits an OpenID Connect claim to these scopes.
	OIDCScopes []string  `json:"oidcScopes,omitzero"`
	CreatedAt  time.Time `json:"createdAt,omitzero"`
	UpdatedAt  time.Time `json:"updatedAt,omitzero"`
	Links      Links     `json:"_links,omitzero"`
	// Extra holds members this version of the SDK does not know.
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// ApplicationAttributeMappingRequest creates or replaces an attribute
// mapping. NameFormat is for SAML applications; IDToken, UserInfo and
// OIDCScopes for OpenID Connect ones.
type ApplicationAttributeMappingRequest struct {
	Name     string `json:"name"`
	Value    string `json:"value"`
	Required bool   `json:"required"`
	// MappingType is the mapping's type; PingOne makes the mappings
	// created here CUSTOM, and a CORE or SCOPE mapping keeps its type.
	MappingType Optional[AttributeMappingType] `json:"mappingType,omitzero"`
	NameFormat  Optional[string]               `json:"nameFormat,omitzero"`
	IDToken     Optional[bool]                 `json:"idToken,omitzero"`
	UserInfo    Optional[bool]                 `json:"userInfo,omitzero"`
	OIDCScopes  Optional[[]string]             `json:"oidcScopes,omitzero"`
	// Extra holds members to send that this version does not model, such
	// as those a Request of a mapping read from PingOne carries back.
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// Request returns the request that replaces the mapping with itself: every
// member PingOne sent goes back unchanged (zero values and members this
// version does not know included), but the read-only ones (id,
// environment, application, createdAt, updatedAt). Change what you need,
// then pass it to [ApplicationsService.ReplaceAttributeMapping]: a PUT
// resets what it omits.
func (m *ApplicationAttributeMapping) Request() ApplicationAttributeMappingRequest {
	return requestFrom[ApplicationAttributeMappingRequest](m, "id", "environment", "application", "createdAt", "updatedAt")
}

// ListAttributeMappings returns one page of an application's attribute
// mappings.
//
// PingOne: "List Application Attributes".
//
//pingone:operation GET /environments/{environmentID}/applications/{applicationID}/attributes
func (s *ApplicationsService) ListAttributeMappings(ctx context.Context, applicationID string, opts *ListOptions) (*Page[ApplicationAttributeMapping], error) {
	return listPage[ApplicationAttributeMapping](ctx, (*service)(s), call{op: "Applications.ListAttributeMappings", route: "GET /environments/{environmentID}/applications/{applicationID}/attributes", ids: []string{applicationID}, opts: opts, key: "attributes"})
}

// ListAttributeMappingsIter iterates over an application's attribute
// mappings, fetching pages as the loop goes.
func (s *ApplicationsService) ListAttributeMappingsIter(ctx context.Context, applicationID string, opts *ListOptions) iter.Seq2[*ApplicationAttributeMapping, error] {
	return listAll[ApplicationAttributeMapping](ctx, (*service)(s), call{op: "Applications.ListAttributeMappingsIter", route: "GET /environments/{environmentID}/applications/{applicationID}/attributes", ids: []string{applicationID}, opts: opts, key: "attributes"})
}

// CreateAttributeMapping adds an attribute mapping to an application.
// Names are unique within an application.
//
// PingOne: "Create Application Attribute".
//
//pingone:operation POST /environments/{environmentID}/applications/{applicationID}/attributes
func (s *ApplicationsService) CreateAttributeMapping(ctx context.Context, applicationID string, req ApplicationAttributeMappingRequest) (*ApplicationAttributeMapping, error) {
	if err := requireFields("Applications.CreateAttributeMapping", "Name", req.Name, "Value", req.Value); err != nil {
		return nil, err
	}
	return send[ApplicationAttributeMapping](ctx, (*service)(s), call{op: "Applications.CreateAttributeMapping", route: "POST /environments/{environmentID}/applications/{applicationID}/attributes", ids: []string{applicationID}, body: req})
}

// GetAttributeMapping returns one of an application's attribute mappings.
//
// PingOne: "Get Application Attribute".
//
//pingone:operation GET /environments/{environmentID}/applications/{applicationID}/attributes/{attrMappingID}
func (s *ApplicationsService) GetAttributeMapping(ctx context.Context, applicationID, attrMappingID string) (*ApplicationAttributeMapping, error) {
	return send[ApplicationAttributeMapping](ctx, (*service)(s), call{op: "Applications.GetAttributeMapping", route: "GET /environments/{environmentID}/applications/{applicationID}/attributes/{attrMappingID}", ids: []string{applicationID, attrMappingID}})
}

// ReplaceAttributeMapping replaces an attribute mapping; omitted optional
// fields return to their defaults, so start from
// [ApplicationAttributeMapping.Request]. A CORE mapping keeps its name.
//
// PingOne: "Update Application Attribute".
//
//pingone:operation PUT /environments/{environmentID}/applications/{applicationID}/attributes/{attrMappingID}
func (s *ApplicationsService) ReplaceAttributeMapping(ctx context.Context, applicationID, attrMappingID string, req ApplicationAttributeMappingRequest) (*ApplicationAttributeMapping, error) {
	if err := requireFields("Applications.ReplaceAttributeMapping", "Name", req.Name, "Value", req.Value); err != nil {
		return nil, err
	}
	return send[ApplicationAttributeMapping](ctx, (*service)(s), call{op: "Applications.ReplaceAttributeMapping", route: "PUT /environments/{environmentID}/applications/{applicationID}/attributes/{attrMappingID}", ids: []string{applicationID, attrMappingID}, body: req})
}

// DeleteAttributeMapping deletes an attribute mapping. PingOne refuses to
// delete a CORE mapping.
//
// PingOne: "Delete Application Attribute".
//
//pingone:operation DELETE /environments/{environmentID}/applications/{applicationID}/attributes/{attrMappingID}
func (s *ApplicationsService) DeleteAttributeMapping(ctx context.Context, applicationID, attrMappingID string) error {
	return sendNoContent(ctx, (*service)(s), call{op: "Applications.DeleteAttributeMapping", route: "DELETE /environments/{environmentID}/applications/{applicationID}/attributes/{attrMappingID}", ids: []string{applicationID, attrMappingID}})
}
