package pingone

import (
	"context"
	"encoding/json"
	"iter"
	"strconv"
	"time"
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
// does not know, none is, and the application's own members are in Extra.
// The client secret is never part of an application: read it with
// [ApplicationsService.GetSecret].
//
// A decoded application encodes back to what PingOne sent (through
// encoding/json too): every member, zero values and members this version
// does not know included.
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
	Extra map[string]json.RawMessage `json:",embed"`
	// Raw is the application's JSON as PingOne sent it, less the client
	// secret and the Google Play keys. Encoding does not read it: it writes
	// the fields.
	Raw json.RawMessage `json:"-"`
	polyMeta
}

// ApplicationAccessRoleType is the role an application's users need.
type ApplicationAccessRoleType string

// The access control roles.
const (
	// AccessControlAdminUsersOnly lets only users holding an administrator
	// role sign on.
	AccessControlAdminUsersOnly ApplicationAccessRoleType = "ADMIN_USERS_ONLY"
)

// ApplicationAccessGroupType says which of an application's groups a user
// must belong to.
type ApplicationAccessGroupType string

// The access control group types.
const (
	// AccessControlAnyGroup: at least one of the groups.
	AccessControlAnyGroup ApplicationAccessGroupType = "ANY_GROUP"
	// AccessControlAllGroups: every group.
	AccessControlAllGroups ApplicationAccessGroupType = "ALL_GROUPS"
)

// ApplicationAccessControl restricts who may sign on to an application.
type ApplicationAccessControl struct {
	Role  ApplicationAccessRole      `json:"role,omitzero"`
	Group ApplicationAccessGroup     `json:"group,omitzero"`
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// ApplicationAccessRole lets only users with a role sign on.
type ApplicationAccessRole struct {
	Type  ApplicationAccessRoleType  `json:"type"`
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// ApplicationAccessGroup lets only members of groups sign on: of any of
// them or of all of them.
type ApplicationAccessGroup struct {
	Type   ApplicationAccessGroupType `json:"type"`
	Groups []Ref                      `json:"groups"`
	Extra  map[string]json.RawMessage `json:",embed"`
	wire   wireMeta
}

// ApplicationIcon is an application's icon image.
type ApplicationIcon struct {
	ID    string                     `json:"id"`
	Href  string                     `json:"href"`
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// MarshalJSON writes the application as PingOne sent it, with the changes
// made since (see [Application]).
func (a Application) MarshalJSON() ([]byte, error) { return marshalWire(&a) }

// UnmarshalJSON reads an application, picking the variant by protocol and
// type.
func (a *Application) UnmarshalJSON(data []byte) error { return unmarshalWire(data, a) }

func (a *Application) encodeWire(e *wireEncoder) error { return applicationCodec.encode(e, a) }
func (a *Application) decodeWire(d *wireDecoder) error { return applicationCodec.decode(d, a) }

// applicationCodec picks an application's variant by protocol, then (for
// OpenID Connect) by type.
var applicationCodec = &polyCodec[Application]{
	variant: func(a *Application) any {
		_, v := a.variant()
		return v
	},
	pick: func(a *Application) any {
		switch applicationKindOf(a.Protocol, a.Type) {
		case kindOIDC:
			a.OIDC = new(OIDCSettings)
			return a.OIDC
		case kindSAML:
			a.SAML = new(SAMLSettings)
			return a.SAML
		case kindWSFed:
			a.WSFed = new(WSFedSettings)
			return a.WSFed
		case kindExternalLink:
			a.ExternalLink = new(ExternalLinkSettings)
			return a.ExternalLink
		case kindPortal:
			a.Portal = new(PortalSettings)
			return a.Portal
		case kindSelfService:
			a.SelfService = new(SelfServiceSettings)
			return a.SelfService
		case kindAdminConsole:
			a.AdminConsole = new(AdminConsoleSettings)
			return a.AdminConsole
		}
		return nil
	},
	// Secrets: kept (redacted) where a field holds them, never in Extra,
	// never in Raw.
	dropped: []string{"clientSecret"},
	hidden: [][]string{
		{"clientSecret"},
		{"mobile", "integrityDetection", "googlePlay", "decryptionKey"},
		{"mobile", "integrityDetection", "googlePlay", "serviceAccountCredentials"},
		{"mobile", "integrityDetection", "googlePlay", "verificationKey"},
	},
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
// Only a request for a protocol or type this SDK does not know has none:
// it then carries Protocol, and its members in Extra.
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
	// Protocol is implied by the variant set (and sent as such when
	// empty); it is needed only when none is (a protocol or type this SDK
	// does not know), and must otherwise be empty or agree with the
	// variant.
	Protocol ApplicationProtocol `json:"protocol,omitzero"`

	OIDC         *OIDCSettingsRequest         `json:"-"`
	SAML         *SAMLSettingsRequest         `json:"-"`
	WSFed        *WSFedSettingsRequest        `json:"-"`
	ExternalLink *ExternalLinkSettingsRequest `json:"-"`
	// Portal, SelfService and AdminConsole update PingOne's built-in
	// applications; PingOne does not create them.
	Portal       *PortalSettingsRequest       `json:"-"`
	SelfService  *SelfServiceSettingsRequest  `json:"-"`
	AdminConsole *AdminConsoleSettingsRequest `json:"-"`

	// Extra holds members to send that this version does not model, such
	// as those a Request of an application read from PingOne carries back.
	// They are sent as given, after the known members; a member a field
	// writes is not sent twice.
	Extra map[string]json.RawMessage `json:",embed"`
	polyMeta
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
		if n == 0 {
			proto, v = p, val
		}
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
		return proto, v, &ArgumentError{Name: "ApplicationRequest", Problem: "has more than one variant set (OIDC, SAML, WSFed, ...): set exactly one"}
	}
	return proto, v, nil
}

// check reports a request that cannot be sent: a missing name or type, no
// variant or more than one, a protocol that disagrees with the variant, or
// Extra holding a value that is not JSON.
func (r *ApplicationRequest) check() error {
	if r.Name == "" {
		return &ArgumentError{Name: "Name", Problem: "is required"}
	}
	if r.Type == "" {
		return &ArgumentError{Name: "Type", Problem: "is required"}
	}
	proto, v, err := r.variant()
	if err != nil {
		return err
	}
	switch {
	case v == nil && r.Protocol == "":
		return &ArgumentError{Name: "ApplicationRequest", Problem: "has no variant set (OIDC, SAML, WSFed, ExternalLink, ...)"}
	case v != nil && r.Protocol != "" && r.Protocol != proto:
		return &ArgumentError{Name: "Protocol", Problem: "is " + string(r.Protocol) + " but the variant set is " + string(proto)}
	}
	for name, val := range r.Extra {
		if !json.Valid(val) {
			return &ArgumentError{Name: "Extra", Problem: "holds " + strconv.Quote(name) + " with a value that is not valid JSON"}
		}
	}
	return nil
}

// MarshalJSON writes the request (secrets redacted; only the SDK sends
// them, to PingOne).
func (r ApplicationRequest) MarshalJSON() ([]byte, error) { return marshalWire(&r) }

// UnmarshalJSON reads a request, picking the variant by protocol and type.
func (r *ApplicationRequest) UnmarshalJSON(data []byte) error { return unmarshalWire(data, r) }

func (r *ApplicationRequest) encodeWire(e *wireEncoder) error {
	if r.Protocol == "" {
		if proto, v, _ := r.variant(); v != nil {
			cp := *r
			cp.Protocol = proto
			return applicationRequestCodec.encode(e, &cp)
		}
	}
	return applicationRequestCodec.encode(e, r)
}

func (r *ApplicationRequest) decodeWire(d *wireDecoder) error {
	return applicationRequestCodec.decode(d, r)
}

var applicationRequestCodec = &polyCodec[ApplicationRequest]{
	variant: func(r *ApplicationRequest) any {
		_, v, _ := r.variant()
		return v
	},
	pick: func(r *ApplicationRequest) any {
		switch applicationKindOf(r.Protocol, r.Type) {
		case kindOIDC:
			r.OIDC = new(OIDCSettingsRequest)
			return r.OIDC
		case kindSAML:
			r.SAML = new(SAMLSettingsRequest)
			return r.SAML
		case kindWSFed:
			r.WSFed = new(WSFedSettingsRequest)
			return r.WSFed
		case kindExternalLink:
			r.ExternalLink = new(ExternalLinkSettingsRequest)
			return r.ExternalLink
		case kindPortal:
			r.Portal = new(PortalSettingsRequest)
			return r.Portal
		case kindSelfService:
			r.SelfService = new(SelfServiceSettingsRequest)
			return r.SelfService
		case kindAdminConsole:
			r.AdminConsole = new(AdminConsoleSettingsRequest)
			return r.AdminConsole
		}
		return nil
	},
}

// Request returns the request that replaces the application with itself:
// every member PingOne sent goes back unchanged (the variant's settings,
// zero values and members this version does not know included), but the
// read-only ones (id, environment, createdAt, updatedAt, clientId). Change
// what you need, then pass it to [ApplicationsService.Replace]: since a PUT
// clears what it omits, a request built by hand would wipe the settings it
// leaves out.
//
// The Google Play keys of a native application are write-only: PingOne
// never returns them, so the request carries them only if they were set on
// a (see [ApplicationsService.Replace]).
func (a *Application) Request() ApplicationRequest {
	return requestFrom[ApplicationRequest](a, "id", "environment", "createdAt", "updatedAt", "clientId", "clientSecret")
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
	if err := req.check(); err != nil {
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
// The Google Play keys of a native application (DecryptionKey,
// VerificationKey and ServiceAccountCredentials in
// OIDC.Mobile.IntegrityDetection.GooglePlay) are write-only: PingOne never
// returns them, so a request made by [Application.Request] holds none and
// the body leaves them out. PingOne keeps the stored keys when a PUT leaves
// them out, so such a Replace does not drop them. To change them, set them
// in the request: they are sent as given (and print and log as
// "[REDACTED]").
//
// PingOne: "Update Application".
//
//pingone:operation PUT /environments/{environmentID}/applications/{applicationID}
func (s *ApplicationsService) Replace(ctx context.Context, applicationID string, req ApplicationRequest) (*Application, error) {
	if err := req.check(); err != nil {
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
