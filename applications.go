package pingone

import (
	"context"
	"iter"
	"reflect"
	"strconv"
	"time"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// ApplicationsService manages an environment's applications and their
// secrets, grants, sign-on policy assignments, role assignments and
// attribute mappings.
type ApplicationsService service

// ApplicationProtocol is an application's protocol. PingOne may add
// protocols; unknown ones are kept.
type ApplicationProtocol string

// The application protocols.
const (
	ProtocolOpenIDConnect ApplicationProtocol = "OPENID_CONNECT"
	ProtocolSAML          ApplicationProtocol = "SAML"
	ProtocolWSFed         ApplicationProtocol = "WS_FED"
	ProtocolExternalLink  ApplicationProtocol = "EXTERNAL_LINK"
)

// ApplicationType is an application's type. PingOne may add types; unknown
// ones are kept.
type ApplicationType string

// The application types.
const (
	AppTypeWebApp              ApplicationType = "WEB_APP"
	AppTypeNativeApp           ApplicationType = "NATIVE_APP"
	AppTypeSinglePageApp       ApplicationType = "SINGLE_PAGE_APP"
	AppTypeWorker              ApplicationType = "WORKER"
	AppTypeService             ApplicationType = "SERVICE"
	AppTypeCustomApp           ApplicationType = "CUSTOM_APP"
	AppTypeTemplateApp         ApplicationType = "TEMPLATE_APP"
	AppTypePortalLinkApp       ApplicationType = "PORTAL_LINK_APP"
	AppTypePingOnePortal       ApplicationType = "PING_ONE_PORTAL"
	AppTypePingOneSelfService  ApplicationType = "PING_ONE_SELF_SERVICE"
	AppTypePingOneAdminConsole ApplicationType = "PING_ONE_ADMIN_CONSOLE"
)

// Application is a PingOne application.
//
// PingOne's applications come in several shapes (OpenID Connect, SAML,
// WS-Federation, external links and PingOne's own built-in applications),
// told apart by Protocol and then Type. Exactly one of the variant fields
// (OIDC, SAML, WSFed, ExternalLink, Portal, SelfService, AdminConsole) is
// set for a known combination; for a combination this version of the SDK
// does not know, none is, and the application's members are in Extra and
// Raw. The client secret is never part of an application: read it with
// [ApplicationsService.GetSecret].
type Application struct {
	ID          string              `json:"id,omitzero"`
	Environment Ref                 `json:"environment,omitzero"`
	Name        string              `json:"name"`
	Description string              `json:"description,omitzero"`
	Enabled     bool                `json:"enabled"`
	Protocol    ApplicationProtocol `json:"protocol"`
	Type        ApplicationType     `json:"type"`
	// AccessControl restricts who may sign on to the application.
	AccessControl       ApplicationAccessControl `json:"accessControl,omitzero"`
	HiddenFromAppPortal bool                     `json:"hiddenFromAppPortal,omitzero"`
	Icon                ApplicationIcon          `json:"icon,omitzero"`
	LoginPageURL        string                   `json:"loginPageUrl,omitzero"`
	CreatedAt           time.Time                `json:"createdAt,omitzero"`
	UpdatedAt           time.Time                `json:"updatedAt,omitzero"`
	Links               Links                    `json:"_links,omitzero"`

	// OIDC is set for OPENID_CONNECT applications of type WEB_APP,
	// NATIVE_APP, SINGLE_PAGE_APP, WORKER, SERVICE and CUSTOM_APP.
	OIDC *OIDCSettings `json:"-"`
	// SAML is set for SAML applications.
	SAML *SAMLSettings `json:"-"`
	// WSFed is set for WS_FED applications.
	WSFed *WSFedSettings `json:"-"`
	// ExternalLink is set for EXTERNAL_LINK applications.
	ExternalLink *ExternalLinkSettings `json:"-"`
	// Portal is set for the built-in PING_ONE_PORTAL application.
	Portal *PortalSettings `json:"-"`
	// SelfService is set for the built-in PING_ONE_SELF_SERVICE application.
	SelfService *SelfServiceSettings `json:"-"`
	// AdminConsole is set for the built-in PING_ONE_ADMIN_CONSOLE
	// application.
	AdminConsole *AdminConsoleSettings `json:"-"`

	// Extra holds the members that neither the common fields nor the
	// variant know, as PingOne sent them.
	Extra map[string]jsontext.Value `json:"-"`
	// Raw is the application's JSON as PingOne sent it, less any secret
	// member (clientSecret, the mobile Google Play keys).
	Raw jsontext.Value `json:"-"`
}

// ApplicationAccessControl restricts who may sign on to an application.
type ApplicationAccessControl struct {
	Role  ApplicationAccessRole  `json:"role,omitzero"`
	Group ApplicationAccessGroup `json:"group,omitzero"`
}

// ApplicationAccessRole lets only users with a role sign on; the only type
// PingOne documents is "ADMIN_USERS_ONLY".
type ApplicationAccessRole struct {
	Type string `json:"type"`
}

// ApplicationAccessGroup lets only members of groups sign on: of any of
// them ("ANY_GROUP") or of all of them ("ALL_GROUPS").
type ApplicationAccessGroup struct {
	Type   string `json:"type"`
	Groups []Ref  `json:"groups"`
}

// ApplicationIcon is an application's icon image.
type ApplicationIcon struct {
	ID   string `json:"id"`
	Href string `json:"href"`
}

// variant returns the protocol implied by the variant set and the variant's
// value, or "" and nil when none is.
func (a *Application) variant() (ApplicationProtocol, any) {
	switch {
	case a.OIDC != nil:
		return ProtocolOpenIDConnect, a.OIDC
	case a.SAML != nil:
		return ProtocolSAML, a.SAML
	case a.WSFed != nil:
		return ProtocolWSFed, a.WSFed
	case a.ExternalLink != nil:
		return ProtocolExternalLink, a.ExternalLink
	case a.Portal != nil:
		return ProtocolOpenIDConnect, a.Portal
	case a.SelfService != nil:
		return ProtocolOpenIDConnect, a.SelfService
	case a.AdminConsole != nil:
		return ProtocolOpenIDConnect, a.AdminConsole
	}
	return "", nil
}

// ApplicationRequest is the body of [ApplicationsService.Create] and
// [ApplicationsService.Replace]. Build one with [NewOIDCApplication],
// [NewSAMLApplication], [NewWSFedApplication] or [NewExternalLinkApplication],
// or from an application read from PingOne with [Application.Request].
//
// Exactly one of the variant fields must be set; it decides the protocol.
// Only a request made by [Application.Request] for a protocol or type this
// SDK does not know has none: it then carries Protocol and its members in
// Extra.
type ApplicationRequest struct {
	Name string `json:"name"`
	// Type is the application's type, such as [AppTypeWorker]. It cannot
	// change once the application exists.
	Type ApplicationType `json:"type"`
	// Enabled is sent as is: false creates a disabled application. The
	// New…Application constructors set it.
	Enabled             bool                               `json:"enabled"`
	Description         Optional[string]                   `json:"description,omitzero"`
	AccessControl       Optional[ApplicationAccessControl] `json:"accessControl,omitzero"`
	HiddenFromAppPortal Optional[bool]                     `json:"hiddenFromAppPortal,omitzero"`
	Icon                Optional[ApplicationIcon]          `json:"icon,omitzero"`
	LoginPageURL        Optional[string]                   `json:"loginPageUrl,omitzero"`

	OIDC         *OIDCSettingsRequest         `json:"-"`
	SAML         *SAMLSettingsRequest         `json:"-"`
	WSFed        *WSFedSettingsRequest        `json:"-"`
	ExternalLink *ExternalLinkSettingsRequest `json:"-"`
	// Portal, SelfService and AdminConsole update PingOne's built-in
	// applications; PingOne does not create them.
	Portal       *PortalSettingsRequest       `json:"-"`
	SelfService  *SelfServiceSettingsRequest  `json:"-"`
	AdminConsole *AdminConsoleSettingsRequest `json:"-"`

	// Protocol is implied by the variant set; it is needed only when none
	// is (a protocol or type this SDK does not know), and must otherwise be
	// empty or agree with the variant.
	Protocol ApplicationProtocol `json:"-"`
	// Extra holds members this SDK does not know. They are sent as given
	// (each must be valid JSON; every token is kept byte for byte, only the
	// whitespace between tokens goes) after the known members; a name that
	// is a known field of the request or read-only is an error.
	Extra map[string]jsontext.Value `json:"-"`
}

// NewOIDCApplication returns the request that creates an enabled OpenID
// Connect application of type typ (such as [AppTypeWorker] or
// [AppTypeWebApp]).
func NewOIDCApplication(name string, typ ApplicationType, settings OIDCSettingsRequest) ApplicationRequest {
	return ApplicationRequest{Name: name, Type: typ, Enabled: true, OIDC: &settings}
}

// NewSAMLApplication returns the request that creates an enabled SAML
// application (of type WEB_APP).
func NewSAMLApplication(name string, settings SAMLSettingsRequest) ApplicationRequest {
	return ApplicationRequest{Name: name, Type: AppTypeWebApp, Enabled: true, SAML: &settings}
}

// NewWSFedApplication returns the request that creates an enabled
// WS-Federation application (of type WEB_APP).
func NewWSFedApplication(name string, settings WSFedSettingsRequest) ApplicationRequest {
	return ApplicationRequest{Name: name, Type: AppTypeWebApp, Enabled: true, WSFed: &settings}
}

// NewExternalLinkApplication returns the request that creates an enabled
// external link (of type PORTAL_LINK_APP): a tile in the application
// portal.
func NewExternalLinkApplication(name string, settings ExternalLinkSettingsRequest) ApplicationRequest {
	return ApplicationRequest{Name: name, Type: AppTypePortalLinkApp, Enabled: true, ExternalLink: &settings}
}

// variant returns the protocol implied by the variant set and its value;
// it reports more than one variant as an error.
func (r *ApplicationRequest) variant() (ApplicationProtocol, any, error) {
	var (
		proto ApplicationProtocol
		v     any
		n     int
	)
	set := func(p ApplicationProtocol, val any) {
		proto, v = p, val
		n++
	}
	if r.OIDC != nil {
		set(ProtocolOpenIDConnect, r.OIDC)
	}
	if r.SAML != nil {
		set(ProtocolSAML, r.SAML)
	}
	if r.WSFed != nil {
		set(ProtocolWSFed, r.WSFed)
	}
	if r.ExternalLink != nil {
		set(ProtocolExternalLink, r.ExternalLink)
	}
	if r.Portal != nil {
		set(ProtocolOpenIDConnect, r.Portal)
	}
	if r.SelfService != nil {
		set(ProtocolOpenIDConnect, r.SelfService)
	}
	if r.AdminConsole != nil {
		set(ProtocolOpenIDConnect, r.AdminConsole)
	}
	if n > 1 {
		return "", nil, &ArgumentError{Name: "ApplicationRequest", Problem: "has more than one variant set (OIDC, SAML, WSFed, ...): set exactly one"}
	}
	return proto, v, nil
}

// check reports a request that cannot be sent: a missing name or type, no
// variant or more than one, a protocol that disagrees with the variant, or
// Extra holding a known, read-only or invalid member. It returns the
// protocol and the variant's value (nil for a protocol or type this SDK
// does not know).
func (r *ApplicationRequest) check() (ApplicationProtocol, any, error) {
	if r.Name == "" {
		return "", nil, &ArgumentError{Name: "Name", Problem: "is required"}
	}
	if r.Type == "" {
		return "", nil, &ArgumentError{Name: "Type", Problem: "is required"}
	}
	proto, v, err := r.variant()
	if err != nil {
		return "", nil, err
	}
	switch {
	case v == nil && r.Protocol == "":
		return "", nil, &ArgumentError{Name: "ApplicationRequest", Problem: "has no variant set (OIDC, SAML, WSFed, ExternalLink, ...)"}
	case v == nil:
		proto = r.Protocol
	case r.Protocol != "" && r.Protocol != proto:
		return "", nil, &ArgumentError{Name: "Protocol", Problem: "is " + string(r.Protocol) + " but the variant set is " + string(proto)}
	}
	known := jsonNames(applicationRequestCommonType)
	if v != nil {
		known = unionNames(known, jsonNames(reflect.TypeOf(v)))
	}
	for name, val := range r.Extra {
		switch {
		case known[name] || name == "protocol":
			return "", nil, &ArgumentError{Name: "Extra", Problem: "holds " + strconv.Quote(name) + ", a field of the request: set the field instead"}
		case applicationReadOnly[name]:
			return "", nil, &ArgumentError{Name: "Extra", Problem: "holds " + strconv.Quote(name) + ", which is read-only"}
		case !val.IsValid():
			return "", nil, &ArgumentError{Name: "Extra", Problem: "holds " + strconv.Quote(name) + " with a value that is not valid JSON"}
		}
	}
	return proto, v, nil
}

// encode checks the request and encodes it. Extra members are written as
// given after the known members (the shared encoder keeps their tokens
// byte for byte and drops only the whitespace between them).
func (r *ApplicationRequest) encode() ([]byte, error) {
	proto, v, err := r.check()
	if err != nil {
		return nil, err
	}
	common := struct {
		Common   *applicationRequestNoMethods `json:",embed"`
		Protocol ApplicationProtocol          `json:"protocol"`
	}{(*applicationRequestNoMethods)(r), proto}
	parts := []any{common}
	if v != nil {
		parts = append(parts, v)
	}
	return encodeObject(parts, r.Extra)
}

// applicationRequestNoMethods is ApplicationRequest without its methods, for
// encoding its common fields.
type applicationRequestNoMethods ApplicationRequest

// MarshalJSONTo implements [json.MarshalerTo]: the body Create and Replace
// send.
func (r ApplicationRequest) MarshalJSONTo(enc *jsontext.Encoder) error {
	data, err := r.encode()
	if err != nil {
		return err
	}
	return enc.WriteValue(data)
}

// applicationReadOnly are the members an application request never sends.
var applicationReadOnly = map[string]bool{
	"id": true, "environment": true, "createdAt": true, "updatedAt": true,
	"_links": true, "_embedded": true, "clientId": true, "clientSecret": true,
}

// applicationSecretPaths are the secret members removed from an
// application's JSON as soon as it is read.
var applicationSecretPaths = [][]string{
	{"clientSecret"},
	{"mobile", "integrityDetection", "googlePlay", "decryptionKey"},
	{"mobile", "integrityDetection", "googlePlay", "serviceAccountCredentials"},
	{"mobile", "integrityDetection", "googlePlay", "verificationKey"},
}

// Request returns the request that replaces the application with itself:
// every member PingOne returned, without the read-only ones (id,
// environment, timestamps, links, clientId, clientSecret). It is built from
// Raw, so make changes on the returned request, not on a: PingOne's PUT
// clears every optional field the request leaves out. Members this SDK does
// not know are carried in Extra and sent back as PingOne wrote them (every
// token byte for byte; the whitespace between tokens goes).
//
// For an application built by hand (without Raw), it is built from a's
// fields, and optional fields holding their zero value are left out.
func (a *Application) Request() ApplicationRequest {
	raw := a.Raw
	if len(raw) == 0 {
		data, err := json.Marshal(a)
		if err != nil {
			return ApplicationRequest{Name: a.Name, Type: a.Type, Enabled: a.Enabled, Protocol: a.Protocol}
		}
		raw = data
	}
	members, _ := objectMembers(raw)
	kept := members[:0:0]
	for _, m := range members {
		if !applicationReadOnly[m.name] {
			kept = append(kept, m)
		}
	}
	clean := joinMembers(kept)

	var r ApplicationRequest
	_ = decodeJSON(clean, (*applicationRequestNoMethods)(&r))
	known := jsonNames(applicationRequestCommonType)
	var proto struct {
		Protocol ApplicationProtocol `json:"protocol"`
	}
	_ = decodeJSON(clean, &proto)
	var v any
	switch kind := applicationKindOf(proto.Protocol, r.Type); kind {
	case kindOIDC:
		r.OIDC = new(OIDCSettingsRequest)
		v = r.OIDC
	case kindSAML:
		r.SAML = new(SAMLSettingsRequest)
		v = r.SAML
	case kindWSFed:
		r.WSFed = new(WSFedSettingsRequest)
		v = r.WSFed
	case kindExternalLink:
		r.ExternalLink = new(ExternalLinkSettingsRequest)
		v = r.ExternalLink
	case kindPortal:
		r.Portal = new(PortalSettingsRequest)
		v = r.Portal
	case kindSelfService:
		r.SelfService = new(SelfServiceSettingsRequest)
		v = r.SelfService
	case kindAdminConsole:
		r.AdminConsole = new(AdminConsoleSettingsRequest)
		v = r.AdminConsole
	default:
		r.Protocol = proto.Protocol
	}
	if v != nil {
		_ = decodeJSON(clean, v)
		known = unionNames(known, jsonNames(reflect.TypeOf(v)))
	}
	for _, m := range kept {
		if known[m.name] || m.name == "protocol" {
			continue
		}
		if r.Extra == nil {
			r.Extra = map[string]jsontext.Value{}
		}
		r.Extra[m.name] = m.value
	}
	return r
}

// applicationKind is the variant an application decodes to.
type applicationKind int

const (
	kindUnknown applicationKind = iota
	kindOIDC
	kindSAML
	kindWSFed
	kindExternalLink
	kindPortal
	kindSelfService
	kindAdminConsole
)

// applicationKindOf picks the variant by protocol, then (for OpenID
// Connect) by type.
func applicationKindOf(p ApplicationProtocol, t ApplicationType) applicationKind {
	switch p {
	case ProtocolOpenIDConnect:
		switch t {
		case AppTypeWebApp, AppTypeNativeApp, AppTypeSinglePageApp, AppTypeWorker, AppTypeService, AppTypeCustomApp:
			return kindOIDC
		case AppTypePingOnePortal:
			return kindPortal
		case AppTypePingOneSelfService:
			return kindSelfService
		case AppTypePingOneAdminConsole:
			return kindAdminConsole
		}
	case ProtocolSAML:
		return kindSAML
	case ProtocolWSFed:
		return kindWSFed
	case ProtocolExternalLink:
		return kindExternalLink
	}
	return kindUnknown
}

// applicationNoMethods is Application without its JSON methods, for its
// common fields.
type applicationNoMethods Application

// UnmarshalJSONFrom implements [json.UnmarshalerFrom]. It picks the variant
// by protocol and type; anything but an object leaves a zero application.
func (a *Application) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	v, err := dec.ReadValue()
	if err != nil {
		return err
	}
	*a = Application{}
	if v.Kind() != '{' {
		return nil
	}
	raw := scrubMembers(v, applicationSecretPaths).Clone()
	if err := decodeJSON(raw, (*applicationNoMethods)(a)); err != nil {
		return err
	}
	a.Raw = raw
	var variant any
	switch applicationKindOf(a.Protocol, a.Type) {
	case kindOIDC:
		a.OIDC = new(OIDCSettings)
		variant = a.OIDC
	case kindSAML:
		a.SAML = new(SAMLSettings)
		variant = a.SAML
	case kindWSFed:
		a.WSFed = new(WSFedSettings)
		variant = a.WSFed
	case kindExternalLink:
		a.ExternalLink = new(ExternalLinkSettings)
		variant = a.ExternalLink
	case kindPortal:
		a.Portal = new(PortalSettings)
		variant = a.Portal
	case kindSelfService:
		a.SelfService = new(SelfServiceSettings)
		variant = a.SelfService
	case kindAdminConsole:
		a.AdminConsole = new(AdminConsoleSettings)
		variant = a.AdminConsole
	}
	known := jsonNames(applicationCommonType)
	if variant != nil {
		if err := decodeJSON(raw, variant); err != nil {
			return err
		}
		known = unionNames(known, jsonNames(reflect.TypeOf(variant)))
	}
	members, _ := objectMembers(raw)
	for _, m := range members {
		if known[m.name] {
			continue
		}
		if a.Extra == nil {
			a.Extra = map[string]jsontext.Value{}
		}
		a.Extra[m.name] = m.value
	}
	return nil
}

// MarshalJSONTo implements [json.MarshalerTo]: the common fields, the
// variant's and Extra.
func (a Application) MarshalJSONTo(enc *jsontext.Encoder) error {
	parts := []any{(*applicationNoMethods)(&a)}
	known := jsonNames(applicationCommonType)
	if _, v := a.variant(); v != nil {
		parts = append(parts, v)
		known = unionNames(known, jsonNames(reflect.TypeOf(v)))
	}
	extra := make(map[string]jsontext.Value, len(a.Extra))
	for k, v := range a.Extra {
		if !known[k] && v.IsValid() {
			extra[k] = v
		}
	}
	data, err := encodeObject(parts, extra)
	if err != nil {
		return err
	}
	return enc.WriteValue(data)
}

// List returns one page of applications, PingOne's built-in ones included.
//
// PingOne: "List Applications".
//
//pingone:operation GET /environments/{environmentID}/applications
func (s *ApplicationsService) List(ctx context.Context, opts *ListOptions) (*Page[Application], error) {
	return listPage[Application](ctx, (*service)(s), call{op: "Applications.List", route: "GET /environments/{environmentID}/applications", opts: opts, key: "applications"})
}

// ListIter iterates over every application, fetching pages as the loop
// goes.
func (s *ApplicationsService) ListIter(ctx context.Context, opts *ListOptions) iter.Seq2[*Application, error] {
	return listAll[Application](ctx, (*service)(s), call{op: "Applications.ListIter", route: "GET /environments/{environmentID}/applications", opts: opts, key: "applications"})
}

// ByName returns the application named name (compared exactly). PingOne
// cannot filter applications, so it walks them all. None is an error
// matching [ErrNotFound]; more than one (PingOne does not keep names
// unique) is an error naming their IDs.
func (s *ApplicationsService) ByName(ctx context.Context, name string) (*Application, error) {
	all := listAll[Application](ctx, (*service)(s), call{op: "Applications.ByName", route: "GET /environments/{environmentID}/applications", key: "applications"})
	return byName("Applications.ByName", "application", name, all, func(a *Application) string { return a.Name }, func(a *Application) string { return a.ID })
}

// Get returns one application.
//
// PingOne: "Get Application".
//
//pingone:operation GET /environments/{environmentID}/applications/{applicationID}
func (s *ApplicationsService) Get(ctx context.Context, applicationID string) (*Application, error) {
	return send[Application](ctx, (*service)(s), call{op: "Applications.Get", route: "GET /environments/{environmentID}/applications/{applicationID}", ids: []string{applicationID}})
}

// Create creates an application. PingOne gives an OpenID Connect
// application its client ID and secret; read the secret with
// [ApplicationsService.GetSecret].
//
// PingOne: "Create Application".
//
//pingone:operation POST /environments/{environmentID}/applications
func (s *ApplicationsService) Create(ctx context.Context, req ApplicationRequest) (*Application, error) {
	if _, _, err := req.check(); err != nil {
		return nil, argError("Applications.Create", err)
	}
	key := nameKey(func(ctx context.Context) iter.Seq2[*Application, error] { return s.ListIter(ctx, nil) },
		req.Name, func(a *Application) string { return a.Name }, func(a *Application) time.Time { return a.CreatedAt })
	return sendCreate(ctx, (*service)(s), call{op: "Applications.Create", route: "POST /environments/{environmentID}/applications", body: req}, key)
}

// Replace replaces an application. Like every PingOne PUT it clears the
// optional fields that req omits: start from [Application.Request]. The
// protocol and type cannot change.
//
// PingOne: "Update Application".
//
//pingone:operation PUT /environments/{environmentID}/applications/{applicationID}
func (s *ApplicationsService) Replace(ctx context.Context, applicationID string, req ApplicationRequest) (*Application, error) {
	if _, _, err := req.check(); err != nil {
		return nil, argError("Applications.Replace", err)
	}
	return send[Application](ctx, (*service)(s), call{op: "Applications.Replace", route: "PUT /environments/{environmentID}/applications/{applicationID}", ids: []string{applicationID}, body: req})
}

// Delete deletes an application with its secrets, grants, sign-on policy
// assignments, role assignments and attribute mappings.
//
// PingOne: "Delete Application".
//
//pingone:operation DELETE /environments/{environmentID}/applications/{applicationID}
func (s *ApplicationsService) Delete(ctx context.Context, applicationID string) error {
	return sendNoContent(ctx, (*service)(s), call{op: "Applications.Delete", route: "DELETE /environments/{environmentID}/applications/{applicationID}", ids: []string{applicationID}})
}
