package pingone

import "github.com/go-json-experiment/json/jsontext"

// The variants of an application: what each protocol (and each built-in
// application) adds to the common fields, as read (…Settings) and as
// written (…SettingsRequest).

// OIDCGrantType is an OAuth grant type an OpenID Connect application may
// use. PingOne may add grant types; unknown ones are kept.
type OIDCGrantType string

// The grant types.
const (
	OIDCGrantAuthorizationCode OIDCGrantType = "AUTHORIZATION_CODE"
	OIDCGrantImplicit          OIDCGrantType = "IMPLICIT"
	OIDCGrantRefreshToken      OIDCGrantType = "REFRESH_TOKEN"
	OIDCGrantClientCredentials OIDCGrantType = "CLIENT_CREDENTIALS"
	OIDCGrantDeviceCode        OIDCGrantType = "DEVICE_CODE"
	OIDCGrantTokenExchange     OIDCGrantType = "TOKEN_EXCHANGE"
	OIDCGrantCIBA              OIDCGrantType = "CIBA"
)

// OIDCResponseType is a response type of the authorization endpoint.
type OIDCResponseType string

// The response types.
const (
	OIDCResponseCode    OIDCResponseType = "CODE"
	OIDCResponseToken   OIDCResponseType = "TOKEN"
	OIDCResponseIDToken OIDCResponseType = "ID_TOKEN"
)

// OIDCAuthMethod is how an application authenticates to the token
// endpoint. PingOne may add methods; unknown ones are kept.
type OIDCAuthMethod string

// The token endpoint authentication methods.
const (
	OIDCAuthNone              OIDCAuthMethod = "NONE"
	OIDCAuthClientSecretBasic OIDCAuthMethod = "CLIENT_SECRET_BASIC"
	OIDCAuthClientSecretPost  OIDCAuthMethod = "CLIENT_SECRET_POST"
	OIDCAuthClientSecretJWT   OIDCAuthMethod = "CLIENT_SECRET_JWT"
	OIDCAuthPrivateKeyJWT     OIDCAuthMethod = "PRIVATE_KEY_JWT"
)

// PKCEEnforcement says whether an application must use PKCE.
type PKCEEnforcement string

// The PKCE enforcement levels.
const (
	PKCEOptional     PKCEEnforcement = "OPTIONAL"
	PKCERequired     PKCEEnforcement = "REQUIRED"
	PKCES256Required PKCEEnforcement = "S256_REQUIRED"
)

// PARRequirement says whether an application must use pushed authorization
// requests.
type PARRequirement string

// The PAR requirements.
const (
	PAROptional PARRequirement = "OPTIONAL"
	PARRequired PARRequirement = "REQUIRED"
)

// RefreshTokenType is the format of the refresh tokens PingOne issues.
type RefreshTokenType string

// The refresh token formats.
const (
	RefreshTokenJWT    RefreshTokenType = "JSON_WEB_TOKEN"
	RefreshTokenOpaque RefreshTokenType = "OPAQUE_TOKEN"
)

// ApplicationCORSSettings say which origins may call PingOne's endpoints
// from a browser for the application: behavior "ALLOW_NO_ORIGINS" or
// "ALLOW_SPECIFIC_ORIGINS" (with at most 20 Origins).
type ApplicationCORSSettings struct {
	Behavior string   `json:"behavior"`
	Origins  []string `json:"origins,omitzero"`
}

// ApplicationTemplate is the integration template an application was made
// from.
type ApplicationTemplate struct {
	Configuration map[string]string `json:"configuration"`
	Integration   Ref               `json:"integration"`
	Version       Ref               `json:"version"`
}

// OIDCMobileSettings configure a native application's mobile SDK
// integration. The Google Play integrity keys are secrets: the SDK drops
// them from what it reads, so a replacement must set them again (in
// IntegrityDetection.Extra["googlePlay"]).
type OIDCMobileSettings struct {
	BundleID                string                       `json:"bundleId,omitzero"`
	PackageName             string                       `json:"packageName,omitzero"`
	HuaweiAppID             string                       `json:"huaweiAppId,omitzero"`
	HuaweiPackageName       string                       `json:"huaweiPackageName,omitzero"`
	URIPrefix               string                       `json:"uriPrefix,omitzero"`
	PasscodeRefreshDuration OIDCMobileDuration           `json:"passcodeRefreshDuration,omitzero"`
	IntegrityDetection      OIDCMobileIntegrityDetection `json:"integrityDetection,omitzero"`
	Extra                   map[string]jsontext.Value    `json:",embed"`
}

// OIDCMobileDuration is a duration with its unit ("SECONDS", ...).
type OIDCMobileDuration struct {
	Duration int    `json:"duration"`
	TimeUnit string `json:"timeUnit"`
}

// OIDCMobileIntegrityDetection configures device integrity checks.
type OIDCMobileIntegrityDetection struct {
	// Mode is "ENABLED" or "DISABLED".
	Mode              string                    `json:"mode,omitzero"`
	ExcludedPlatforms []string                  `json:"excludedPlatforms,omitzero"`
	CacheDuration     OIDCMobileCacheDuration   `json:"cacheDuration,omitzero"`
	Extra             map[string]jsontext.Value `json:",embed"`
}

// OIDCMobileCacheDuration is how long an integrity verdict is cached.
type OIDCMobileCacheDuration struct {
	Amount int    `json:"amount,omitzero"`
	Units  string `json:"units,omitzero"`
}

// OIDCSettings are the OpenID Connect members of an application (types
// WEB_APP, NATIVE_APP, SINGLE_PAGE_APP, WORKER, SERVICE and CUSTOM_APP).
type OIDCSettings struct {
	// ClientID is the application's OAuth client ID (read-only). The
	// secret is read with [ApplicationsService.GetSecret].
	ClientID                    string             `json:"clientId,omitzero"`
	TokenEndpointAuthMethod     OIDCAuthMethod     `json:"tokenEndpointAuthMethod,omitzero"`
	GrantTypes                  []OIDCGrantType    `json:"grantTypes,omitzero"`
	ResponseTypes               []OIDCResponseType `json:"responseTypes,omitzero"`
	RedirectURIs                []string           `json:"redirectUris,omitzero"`
	PostLogoutRedirectURIs      []string           `json:"postLogoutRedirectUris,omitzero"`
	AllowWildcardInRedirectURIs bool               `json:"allowWildcardInRedirectUris,omitzero"`
	PKCEEnforcement             PKCEEnforcement    `json:"pkceEnforcement,omitzero"`
	PARRequirement              PARRequirement     `json:"parRequirement,omitzero"`
	// PARTimeout and the durations below are in seconds.
	PARTimeout                             int `json:"parTimeout,omitzero"`
	RefreshTokenDuration                   int `json:"refreshTokenDuration,omitzero"`
	RefreshTokenRollingDuration            int `json:"refreshTokenRollingDuration,omitzero"`
	RefreshTokenRollingGracePeriodDuration int `json:"refreshTokenRollingGracePeriodDuration,omitzero"`
	// AdditionalRefreshTokenReplayProtectionEnabled is nil when PingOne
	// does not report it (its default is true).
	AdditionalRefreshTokenReplayProtectionEnabled *bool                   `json:"additionalRefreshTokenReplayProtectionEnabled,omitzero"`
	RefreshTokenType                              RefreshTokenType        `json:"refreshTokenType,omitzero"`
	HomePageURL                                   string                  `json:"homePageUrl,omitzero"`
	InitiateLoginURI                              string                  `json:"initiateLoginUri,omitzero"`
	TargetLinkURI                                 string                  `json:"targetLinkUri,omitzero"`
	JWKS                                          string                  `json:"jwks,omitzero"`
	JWKSURL                                       string                  `json:"jwksUrl,omitzero"`
	RequireSignedRequestObject                    bool                    `json:"requireSignedRequestObject,omitzero"`
	SupportUnsignedRequestObject                  bool                    `json:"supportUnsignedRequestObject,omitzero"`
	IncludeX5t                                    bool                    `json:"includeX5t,omitzero"`
	IDPSignoff                                    bool                    `json:"idpSignoff,omitzero"`
	OPSessionCheckEnabled                         bool                    `json:"opSessionCheckEnabled,omitzero"`
	AssignActorRoles                              bool                    `json:"assignActorRoles,omitzero"`
	RequestScopesForMultipleResourcesEnabled      bool                    `json:"requestScopesForMultipleResourcesEnabled,omitzero"`
	CORSSettings                                  ApplicationCORSSettings `json:"corsSettings,omitzero"`
	DevicePathID                                  string                  `json:"devicePathId,omitzero"`
	DeviceCustomVerificationURI                   string                  `json:"deviceCustomVerificationUri,omitzero"`
	DeviceTimeout                                 int                     `json:"deviceTimeout,omitzero"`
	DevicePollingInterval                         int                     `json:"devicePollingInterval,omitzero"`
	Mobile                                        OIDCMobileSettings      `json:"mobile,omitzero"`
	// Kerberos holds the Kerberos key; Signing the key rotation policy
	// that signs the application's tokens.
	Kerberos OIDCKerberos        `json:"kerberos,omitzero"`
	Signing  OIDCSigning         `json:"signing,omitzero"`
	Tags     []string            `json:"tags,omitzero"`
	Template ApplicationTemplate `json:"template,omitzero"`
}

// OIDCKerberos references the key of Kerberos authentication.
type OIDCKerberos struct {
	Key Ref `json:"key"`
}

// OIDCSigning references the key rotation policy that signs tokens.
type OIDCSigning struct {
	KeyRotationPolicy Ref `json:"keyRotationPolicy"`
}

// OIDCSettingsRequest are the OpenID Connect members of an
// [ApplicationRequest].
type OIDCSettingsRequest struct {
	// TokenEndpointAuthMethod is required: NONE for public clients (single
	// page and native apps with PKCE), a secret method for workers.
	TokenEndpointAuthMethod                       OIDCAuthMethod                    `json:"tokenEndpointAuthMethod"`
	GrantTypes                                    Optional[[]OIDCGrantType]         `json:"grantTypes,omitzero"`
	ResponseTypes                                 Optional[[]OIDCResponseType]      `json:"responseTypes,omitzero"`
	RedirectURIs                                  Optional[[]string]                `json:"redirectUris,omitzero"`
	PostLogoutRedirectURIs                        Optional[[]string]                `json:"postLogoutRedirectUris,omitzero"`
	AllowWildcardInRedirectURIs                   Optional[bool]                    `json:"allowWildcardInRedirectUris,omitzero"`
	PKCEEnforcement                               Optional[PKCEEnforcement]         `json:"pkceEnforcement,omitzero"`
	PARRequirement                                Optional[PARRequirement]          `json:"parRequirement,omitzero"`
	PARTimeout                                    Optional[int]                     `json:"parTimeout,omitzero"`
	RefreshTokenDuration                          Optional[int]                     `json:"refreshTokenDuration,omitzero"`
	RefreshTokenRollingDuration                   Optional[int]                     `json:"refreshTokenRollingDuration,omitzero"`
	RefreshTokenRollingGracePeriodDuration        Optional[int]                     `json:"refreshTokenRollingGracePeriodDuration,omitzero"`
	AdditionalRefreshTokenReplayProtectionEnabled Optional[bool]                    `json:"additionalRefreshTokenReplayProtectionEnabled,omitzero"`
	RefreshTokenType                              Optional[RefreshTokenType]        `json:"refreshTokenType,omitzero"`
	HomePageURL                                   Optional[string]                  `json:"homePageUrl,omitzero"`
	InitiateLoginURI                              Optional[string]                  `json:"initiateLoginUri,omitzero"`
	TargetLinkURI                                 Optional[string]                  `json:"targetLinkUri,omitzero"`
	JWKS                                          Optional[string]                  `json:"jwks,omitzero"`
	JWKSURL                                       Optional[string]                  `json:"jwksUrl,omitzero"`
	RequireSignedRequestObject                    Optional[bool]                    `json:"requireSignedRequestObject,omitzero"`
	SupportUnsignedRequestObject                  Optional[bool]                    `json:"supportUnsignedRequestObject,omitzero"`
	IncludeX5t                                    Optional[bool]                    `json:"includeX5t,omitzero"`
	IDPSignoff                                    Optional[bool]                    `json:"idpSignoff,omitzero"`
	OPSessionCheckEnabled                         Optional[bool]                    `json:"opSessionCheckEnabled,omitzero"`
	AssignActorRoles                              Optional[bool]                    `json:"assignActorRoles,omitzero"`
	RequestScopesForMultipleResourcesEnabled      Optional[bool]                    `json:"requestScopesForMultipleResourcesEnabled,omitzero"`
	CORSSettings                                  Optional[ApplicationCORSSettings] `json:"corsSettings,omitzero"`
	DevicePathID                                  Optional[string]                  `json:"devicePathId,omitzero"`
	DeviceCustomVerificationURI                   Optional[string]                  `json:"deviceCustomVerificationUri,omitzero"`
	DeviceTimeout                                 Optional[int]                     `json:"deviceTimeout,omitzero"`
	DevicePollingInterval                         Optional[int]                     `json:"devicePollingInterval,omitzero"`
	Mobile                                        Optional[OIDCMobileSettings]      `json:"mobile,omitzero"`
	Kerberos                                      Optional[OIDCKerberos]            `json:"kerberos,omitzero"`
	Signing                                       Optional[OIDCSigning]             `json:"signing,omitzero"`
	Tags                                          Optional[[]string]                `json:"tags,omitzero"`
	Template                                      Optional[ApplicationTemplate]     `json:"template,omitzero"`
}

// ApplicationIDPSigning is the key (and algorithm, such as
// "SHA256withRSA") PingOne signs assertions with.
type ApplicationIDPSigning struct {
	Key       Ref    `json:"key"`
	Algorithm string `json:"algorithm,omitzero"`
}

// SAMLSPVerification holds the certificates that verify the service
// provider's signed requests.
type SAMLSPVerification struct {
	Certificates       []Ref `json:"certificates"`
	AuthnRequestSigned bool  `json:"authnRequestSigned,omitzero"`
}

// SAMLSPEncryption encrypts assertions to the service provider: algorithm
// "AES_128", "AES_256" or "TRIPLEDES".
type SAMLSPEncryption struct {
	Algorithm   string `json:"algorithm"`
	Certificate Ref    `json:"certificate"`
}

// SAMLVirtualServerIDSettings configure virtual server IDs.
type SAMLVirtualServerIDSettings struct {
	Enabled          bool                  `json:"enabled,omitzero"`
	VirtualServerIDs []SAMLVirtualServerID `json:"virtualServerIds,omitzero"`
}

// SAMLVirtualServerID is one virtual server ID.
type SAMLVirtualServerID struct {
	VSID    string `json:"vsId"`
	Default bool   `json:"default,omitzero"`
}

// SAMLSettings are the SAML members of an application.
type SAMLSettings struct {
	SPEntityID string   `json:"spEntityId,omitzero"`
	ACSURLs    []string `json:"acsUrls,omitzero"`
	// AssertionDuration is in seconds.
	AssertionDuration int `json:"assertionDuration,omitzero"`
	// AssertionSigned is nil when PingOne does not report it (its default
	// is true).
	AssertionSigned                              *bool                       `json:"assertionSigned,omitzero"`
	ResponseSigned                               bool                        `json:"responseSigned,omitzero"`
	IDPSigning                                   ApplicationIDPSigning       `json:"idpSigning,omitzero"`
	SPVerification                               SAMLSPVerification          `json:"spVerification,omitzero"`
	SPEncryption                                 SAMLSPEncryption            `json:"spEncryption,omitzero"`
	NameIDFormat                                 string                      `json:"nameIdFormat,omitzero"`
	SLOBinding                                   string                      `json:"sloBinding,omitzero"`
	SLOEndpoint                                  string                      `json:"sloEndpoint,omitzero"`
	SLOResponseEndpoint                          string                      `json:"sloResponseEndpoint,omitzero"`
	SLOWindow                                    int                         `json:"sloWindow,omitzero"`
	SessionNotOnOrAfterDuration                  int                         `json:"sessionNotOnOrAfterDuration,omitzero"`
	DefaultTargetURL                             string                      `json:"defaultTargetUrl,omitzero"`
	EnableRequestedAuthnContext                  bool                        `json:"enableRequestedAuthnContext,omitzero"`
	EnableAlwaysAcceptACSURLInSignedAuthnRequest bool                        `json:"enableAlwaysAcceptAcsUrlInSignedAuthnRequest,omitzero"`
	HomePageURL                                  string                      `json:"homePageUrl,omitzero"`
	CORSSettings                                 ApplicationCORSSettings     `json:"corsSettings,omitzero"`
	VirtualServerIDSettings                      SAMLVirtualServerIDSettings `json:"virtualServerIdSettings,omitzero"`
	Template                                     ApplicationTemplate         `json:"template,omitzero"`
}

// SAMLSettingsRequest are the SAML members of an [ApplicationRequest].
type SAMLSettingsRequest struct {
	SPEntityID string   `json:"spEntityId"`
	ACSURLs    []string `json:"acsUrls"`
	// AssertionDuration is in seconds.
	AssertionDuration                            int                                   `json:"assertionDuration"`
	AssertionSigned                              Optional[bool]                        `json:"assertionSigned,omitzero"`
	ResponseSigned                               Optional[bool]                        `json:"responseSigned,omitzero"`
	IDPSigning                                   Optional[ApplicationIDPSigning]       `json:"idpSigning,omitzero"`
	SPVerification                               Optional[SAMLSPVerification]          `json:"spVerification,omitzero"`
	SPEncryption                                 Optional[SAMLSPEncryption]            `json:"spEncryption,omitzero"`
	NameIDFormat                                 Optional[string]                      `json:"nameIdFormat,omitzero"`
	SLOBinding                                   Optional[string]                      `json:"sloBinding,omitzero"`
	SLOEndpoint                                  Optional[string]                      `json:"sloEndpoint,omitzero"`
	SLOResponseEndpoint                          Optional[string]                      `json:"sloResponseEndpoint,omitzero"`
	SLOWindow                                    Optional[int]                         `json:"sloWindow,omitzero"`
	SessionNotOnOrAfterDuration                  Optional[int]                         `json:"sessionNotOnOrAfterDuration,omitzero"`
	DefaultTargetURL                             Optional[string]                      `json:"defaultTargetUrl,omitzero"`
	EnableRequestedAuthnContext                  Optional[bool]                        `json:"enableRequestedAuthnContext,omitzero"`
	EnableAlwaysAcceptACSURLInSignedAuthnRequest Optional[bool]                        `json:"enableAlwaysAcceptAcsUrlInSignedAuthnRequest,omitzero"`
	HomePageURL                                  Optional[string]                      `json:"homePageUrl,omitzero"`
	CORSSettings                                 Optional[ApplicationCORSSettings]     `json:"corsSettings,omitzero"`
	VirtualServerIDSettings                      Optional[SAMLVirtualServerIDSettings] `json:"virtualServerIdSettings,omitzero"`
	Template                                     Optional[ApplicationTemplate]         `json:"template,omitzero"`
}

// WSFedKerberos lists the LDAP gateways of Kerberos authentication.
type WSFedKerberos struct {
	Gateways []WSFedKerberosGateway `json:"gateways,omitzero"`
}

// WSFedKerberosGateway is one gateway (type "LDAP") and its user type.
type WSFedKerberosGateway struct {
	ID       string `json:"id"`
	Type     string `json:"type"`
	UserType Ref    `json:"userType"`
}

// WSFedSettings are the WS-Federation members of an application.
type WSFedSettings struct {
	DomainName string                `json:"domainName,omitzero"`
	ReplyURL   string                `json:"replyUrl,omitzero"`
	IDPSigning ApplicationIDPSigning `json:"idpSigning,omitzero"`
	// AssertionDuration is in seconds (300 to 3932100).
	AssertionDuration           int                     `json:"assertionDuration,omitzero"`
	AudienceRestriction         string                  `json:"audienceRestriction,omitzero"`
	SLOEndpoint                 string                  `json:"sloEndpoint,omitzero"`
	SubjectNameIdentifierFormat string                  `json:"subjectNameIdentifierFormat,omitzero"`
	WSTrustVersion              string                  `json:"wsTrustVersion,omitzero"`
	Kerberos                    WSFedKerberos           `json:"kerberos,omitzero"`
	CORSSettings                ApplicationCORSSettings `json:"corsSettings,omitzero"`
}

// WSFedSettingsRequest are the WS-Federation members of an
// [ApplicationRequest]. IDPSigning needs both the key and the algorithm.
type WSFedSettingsRequest struct {
	DomainName                  string                            `json:"domainName"`
	ReplyURL                    string                            `json:"replyUrl"`
	IDPSigning                  ApplicationIDPSigning             `json:"idpSigning"`
	AssertionDuration           Optional[int]                     `json:"assertionDuration,omitzero"`
	AudienceRestriction         Optional[string]                  `json:"audienceRestriction,omitzero"`
	SLOEndpoint                 Optional[string]                  `json:"sloEndpoint,omitzero"`
	SubjectNameIdentifierFormat Optional[string]                  `json:"subjectNameIdentifierFormat,omitzero"`
	WSTrustVersion              Optional[string]                  `json:"wsTrustVersion,omitzero"`
	Kerberos                    Optional[WSFedKerberos]           `json:"kerberos,omitzero"`
	CORSSettings                Optional[ApplicationCORSSettings] `json:"corsSettings,omitzero"`
}

// ExternalLinkSettings are the members of an external link: a tile in the
// application portal that opens HomePageURL.
type ExternalLinkSettings struct {
	HomePageURL string `json:"homePageUrl,omitzero"`
	ExternalID  string `json:"externalId,omitzero"`
}

// ExternalLinkSettingsRequest are the members of an external link in an
// [ApplicationRequest].
type ExternalLinkSettingsRequest struct {
	HomePageURL string           `json:"homePageUrl"`
	ExternalID  Optional[string] `json:"externalId,omitzero"`
}

// PortalSettings are the members of the built-in application portal
// (PING_ONE_PORTAL).
type PortalSettings struct {
	TokenEndpointAuthMethod OIDCAuthMethod  `json:"tokenEndpointAuthMethod,omitzero"`
	PKCEEnforcement         PKCEEnforcement `json:"pkceEnforcement,omitzero"`
	ApplyDefaultTheme       bool            `json:"applyDefaultTheme,omitzero"`
}

// PortalSettingsRequest are the portal's members in an
// [ApplicationRequest].
type PortalSettingsRequest struct {
	TokenEndpointAuthMethod OIDCAuthMethod            `json:"tokenEndpointAuthMethod"`
	ApplyDefaultTheme       bool                      `json:"applyDefaultTheme"`
	PKCEEnforcement         Optional[PKCEEnforcement] `json:"pkceEnforcement,omitzero"`
}

// SelfServiceSettings are the members of the built-in self-service
// application (PING_ONE_SELF_SERVICE).
type SelfServiceSettings struct {
	TokenEndpointAuthMethod  OIDCAuthMethod  `json:"tokenEndpointAuthMethod,omitzero"`
	PKCEEnforcement          PKCEEnforcement `json:"pkceEnforcement,omitzero"`
	ApplyDefaultTheme        bool            `json:"applyDefaultTheme,omitzero"`
	EnableDefaultThemeFooter bool            `json:"enableDefaultThemeFooter,omitzero"`
}

// SelfServiceSettingsRequest are the self-service application's members in
// an [ApplicationRequest].
type SelfServiceSettingsRequest struct {
	TokenEndpointAuthMethod  OIDCAuthMethod            `json:"tokenEndpointAuthMethod"`
	ApplyDefaultTheme        bool                      `json:"applyDefaultTheme"`
	EnableDefaultThemeFooter Optional[bool]            `json:"enableDefaultThemeFooter,omitzero"`
	PKCEEnforcement          Optional[PKCEEnforcement] `json:"pkceEnforcement,omitzero"`
}

// AdminConsoleSettings are the members of the built-in administration
// console (PING_ONE_ADMIN_CONSOLE).
type AdminConsoleSettings struct {
	TokenEndpointAuthMethod OIDCAuthMethod  `json:"tokenEndpointAuthMethod,omitzero"`
	PKCEEnforcement         PKCEEnforcement `json:"pkceEnforcement,omitzero"`
}

// AdminConsoleSettingsRequest are the administration console's members in
// an [ApplicationRequest].
type AdminConsoleSettingsRequest struct {
	TokenEndpointAuthMethod OIDCAuthMethod            `json:"tokenEndpointAuthMethod"`
	PKCEEnforcement         Optional[PKCEEnforcement] `json:"pkceEnforcement,omitzero"`
}
