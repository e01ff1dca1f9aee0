package pingone

import "encoding/json"

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

// ApplicationCORSBehavior says which origins may make CORS requests.
type ApplicationCORSBehavior string

// The CORS behaviors.
const (
	// CORSAllowNoOrigins rejects every CORS request.
	CORSAllowNoOrigins ApplicationCORSBehavior = "ALLOW_NO_ORIGINS"
	// CORSAllowSpecificOrigins accepts the CORS requests of the listed
	// origins only.
	CORSAllowSpecificOrigins ApplicationCORSBehavior = "ALLOW_SPECIFIC_ORIGINS"
)

// ApplicationCORSSettings say which origins may call PingOne's endpoints
// from a browser for the application (at most 20 Origins).
type ApplicationCORSSettings struct {
	Behavior ApplicationCORSBehavior    `json:"behavior"`
	Origins  []string                   `json:"origins,omitzero"`
	Extra    map[string]json.RawMessage `json:",embed"`
	wire     wireMeta
}

// ApplicationTemplate is the integration template an application was made
// from.
type ApplicationTemplate struct {
	Configuration map[string]string          `json:"configuration"`
	Integration   Ref                        `json:"integration"`
	Version       Ref                        `json:"version"`
	Extra         map[string]json.RawMessage `json:",embed"`
	wire          wireMeta
}

// ApplicationTag labels an application.
type ApplicationTag string

// The application tags.
const (
	// TagPingFedConnectionIntegration marks a worker application that
	// PingFederate connects with.
	TagPingFedConnectionIntegration ApplicationTag = "PING_FED_CONNECTION_INTEGRATION"
)

// OIDCMobileSettings configure a native application's mobile SDK
// integration.
type OIDCMobileSettings struct {
	BundleID          string `json:"bundleId,omitzero"`
	PackageName       string `json:"packageName,omitzero"`
	HuaweiAppID       string `json:"huaweiAppId,omitzero"`
	HuaweiPackageName string `json:"huaweiPackageName,omitzero"`
	URIPrefix         string `json:"uriPrefix,omitzero"`
	// PasscodeGracePeriod is how many passcode refresh periods a passcode
	// stays valid after it was refreshed, either way (1 to 10; PingOne's
	// default is 5).
	PasscodeGracePeriod     int                          `json:"passcodeGracePeriod,omitzero"`
	PasscodeRefreshDuration OIDCMobileDuration           `json:"passcodeRefreshDuration,omitzero"`
	IntegrityDetection      OIDCMobileIntegrityDetection `json:"integrityDetection,omitzero"`
	Push                    OIDCMobilePush               `json:"push,omitzero"`
	Extra                   map[string]json.RawMessage   `json:",embed"`
	wire                    wireMeta
}

// PasscodeTimeUnit is the unit of a passcode refresh duration.
type PasscodeTimeUnit string

// The passcode time units.
const (
	PasscodeSeconds PasscodeTimeUnit = "SECONDS"
)

// OIDCMobileDuration is how long a passcode is shown before the next one
// (30 to 60 seconds).
type OIDCMobileDuration struct {
	Duration int                        `json:"duration"`
	TimeUnit PasscodeTimeUnit           `json:"timeUnit"`
	Extra    map[string]json.RawMessage `json:",embed"`
	wire     wireMeta
}

// IntegrityDetectionMode says whether device integrity is checked.
type IntegrityDetectionMode string

// The integrity detection modes.
const (
	IntegrityDetectionEnabled  IntegrityDetectionMode = "ENABLED"
	IntegrityDetectionDisabled IntegrityDetectionMode = "DISABLED"
)

// MobilePlatform is a mobile operating system.
type MobilePlatform string

// The mobile platforms.
const (
	MobilePlatformGoogle MobilePlatform = "GOOGLE"
	MobilePlatformIOS    MobilePlatform = "IOS"
)

// OIDCMobileIntegrityDetection configures device integrity checks.
type OIDCMobileIntegrityDetection struct {
	Mode IntegrityDetectionMode `json:"mode,omitzero"`
	// ExcludedPlatforms are the platforms not checked (at most one);
	// unless it holds GOOGLE, GooglePlay is required.
	ExcludedPlatforms []MobilePlatform           `json:"excludedPlatforms,omitzero"`
	CacheDuration     OIDCMobileCacheDuration    `json:"cacheDuration,omitzero"`
	GooglePlay        OIDCMobileGooglePlay       `json:"googlePlay,omitzero"`
	Extra             map[string]json.RawMessage `json:",embed"`
	wire              wireMeta
}

// CacheDurationUnit is the unit of an integrity verdict's cache duration.
type CacheDurationUnit string

// The cache duration units.
const (
	CacheMinutes CacheDurationUnit = "MINUTES"
	CacheHours   CacheDurationUnit = "HOURS"
)

// OIDCMobileCacheDuration is how long an integrity verdict is cached (1
// minute to 48 hours).
type OIDCMobileCacheDuration struct {
	Amount int                        `json:"amount,omitzero"`
	Units  CacheDurationUnit          `json:"units,omitzero"`
	Extra  map[string]json.RawMessage `json:",embed"`
	wire   wireMeta
}

// GooglePlayVerificationType says where Play Integrity verdicts are
// verified.
type GooglePlayVerificationType string

// The Google Play verification types.
const (
	// GooglePlayVerificationGoogle has Google verify the verdicts
	// (ServiceAccountCredentials is required).
	GooglePlayVerificationGoogle GooglePlayVerificationType = "GOOGLE"
	// GooglePlayVerificationInternal has PingOne verify them, without
	// using the Google API quota (DecryptionKey and VerificationKey are
	// required).
	GooglePlayVerificationInternal GooglePlayVerificationType = "INTERNAL"
)

// OIDCMobileGooglePlay holds the credentials of Google's Play Integrity
// API.
//
// The keys are write-only: PingOne never returns them, so they are always
// empty in an application read from PingOne (the SDK drops them from Raw
// should PingOne ever send them), and a Replace that leaves them out keeps
// the stored ones (see [ApplicationsService.Replace]). Set them in an
// [ApplicationRequest] to change them; they print and log as "[REDACTED]".
type OIDCMobileGooglePlay struct {
	VerificationType GooglePlayVerificationType `json:"verificationType,omitzero"`
	// DecryptionKey and VerificationKey are the Play Integrity verdict keys
	// of the Google Play Services account (verification type INTERNAL).
	DecryptionKey   Secret `json:"decryptionKey,omitzero"`
	VerificationKey Secret `json:"verificationKey,omitzero"`
	// ServiceAccountCredentials is the content of the service account's
	// JSON credentials file (verification type GOOGLE).
	ServiceAccountCredentials Secret                     `json:"serviceAccountCredentials,omitzero"`
	Extra                     map[string]json.RawMessage `json:",embed"`
	wire                      wireMeta
}

func (g OIDCMobileGooglePlay) hasKeys() bool {
	return !g.DecryptionKey.IsZero() || !g.VerificationKey.IsZero() || !g.ServiceAccountCredentials.IsZero()
}

// NumberMatchingType is how a user confirms a push notification in MFA
// policies with number matching.
type NumberMatchingType string

// The number matching types.
const (
	// NumberMatchingSelectNumber: pick the number shown among three.
	NumberMatchingSelectNumber NumberMatchingType = "SELECT_NUMBER"
	// NumberMatchingEnterManually: type the number shown.
	NumberMatchingEnterManually NumberMatchingType = "ENTER_MANUALLY"
)

// OIDCMobilePush configures push notifications to the application.
type OIDCMobilePush struct {
	NumberMatching OIDCMobileNumberMatching   `json:"numberMatching,omitzero"`
	Extra          map[string]json.RawMessage `json:",embed"`
	wire           wireMeta
}

// OIDCMobileNumberMatching configures number matching.
type OIDCMobileNumberMatching struct {
	Type  NumberMatchingType         `json:"type,omitzero"`
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// OIDCSettings are the OpenID Connect members of an application (types
// WEB_APP, NATIVE_APP, SINGLE_PAGE_APP, WORKER, SERVICE and CUSTOM_APP).
type OIDCSettings struct {
	// ClientID is the application's OAuth client ID (read-only). The
	// secret is read with [ApplicationsService.GetSecret].
	ClientID string `json:"clientId,omitzero"`
	// ClientSecret is read-only and PingOne rarely sends it here (read it
	// with [ApplicationsService.GetSecret]); when it does, it is kept,
	// redacted when printed or encoded.
	ClientSecret                Secret             `json:"clientSecret,omitzero"`
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
	Tags     []ApplicationTag    `json:"tags,omitzero"`
	Template ApplicationTemplate `json:"template,omitzero"`
	// Extra holds members to send with the variant's fields. (A decoded
	// resource keeps the members it does not know in its own Extra.)
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// OIDCKerberos references the key of Kerberos authentication.
type OIDCKerberos struct {
	Key   Ref                        `json:"key"`
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// OIDCSigning references the key rotation policy that signs tokens.
type OIDCSigning struct {
	KeyRotationPolicy Ref                        `json:"keyRotationPolicy"`
	Extra             map[string]json.RawMessage `json:",embed"`
	wire              wireMeta
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
	Tags                                          Optional[[]ApplicationTag]        `json:"tags,omitzero"`
	Template                                      Optional[ApplicationTemplate]     `json:"template,omitzero"`
	// Extra holds members to send with the variant's fields. (A decoded
	// resource keeps the members it does not know in its own Extra.)
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// ApplicationIDPSigning is the key (and algorithm) PingOne signs
// assertions with.
type ApplicationIDPSigning struct {
	Key       Ref                        `json:"key"`
	Algorithm SignatureAlgorithm         `json:"algorithm,omitzero"`
	Extra     map[string]json.RawMessage `json:",embed"`
	wire      wireMeta
}

// SAMLSPVerification holds the certificates that verify the service
// provider's signed requests.
type SAMLSPVerification struct {
	Certificates       []Ref                      `json:"certificates"`
	AuthnRequestSigned bool                       `json:"authnRequestSigned,omitzero"`
	Extra              map[string]json.RawMessage `json:",embed"`
	wire               wireMeta
}

// SAMLEncryptionAlgorithm is the algorithm that encrypts assertions.
type SAMLEncryptionAlgorithm string

// The assertion encryption algorithms.
const (
	SAMLEncryptionAES128    SAMLEncryptionAlgorithm = "AES_128"
	SAMLEncryptionAES256    SAMLEncryptionAlgorithm = "AES_256"
	SAMLEncryptionTripleDES SAMLEncryptionAlgorithm = "TRIPLEDES"
)

// ApplicationSAMLBinding is the SAML binding of an application's logout
// response.
type ApplicationSAMLBinding string

// The SAML bindings.
const (
	ApplicationSAMLHTTPPost     ApplicationSAMLBinding = "HTTP_POST"
	ApplicationSAMLHTTPRedirect ApplicationSAMLBinding = "HTTP_REDIRECT"
)

// SAMLSPEncryption encrypts assertions to the service provider.
type SAMLSPEncryption struct {
	Algorithm   SAMLEncryptionAlgorithm    `json:"algorithm"`
	Certificate Ref                        `json:"certificate"`
	Extra       map[string]json.RawMessage `json:",embed"`
	wire        wireMeta
}

// SAMLVirtualServerIDSettings configure virtual server IDs.
type SAMLVirtualServerIDSettings struct {
	Enabled          bool                       `json:"enabled,omitzero"`
	VirtualServerIDs []SAMLVirtualServerID      `json:"virtualServerIds,omitzero"`
	Extra            map[string]json.RawMessage `json:",embed"`
	wire             wireMeta
}

// SAMLVirtualServerID is one virtual server ID.
type SAMLVirtualServerID struct {
	VSID    string                     `json:"vsId"`
	Default bool                       `json:"default,omitzero"`
	Extra   map[string]json.RawMessage `json:",embed"`
	wire    wireMeta
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
	SLOBinding                                   ApplicationSAMLBinding      `json:"sloBinding,omitzero"`
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
	// Extra holds members to send with the variant's fields. (A decoded
	// resource keeps the members it does not know in its own Extra.)
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
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
	SLOBinding                                   Optional[ApplicationSAMLBinding]      `json:"sloBinding,omitzero"`
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
	// Extra holds members to send with the variant's fields. (A decoded
	// resource keeps the members it does not know in its own Extra.)
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// WSFedKerberos lists the LDAP gateways of Kerberos authentication.
type WSFedKerberos struct {
	Gateways []WSFedKerberosGateway     `json:"gateways,omitzero"`
	Extra    map[string]json.RawMessage `json:",embed"`
	wire     wireMeta
}

// KerberosGatewayType is the type of a Kerberos gateway.
type KerberosGatewayType string

// The Kerberos gateway types.
const (
	KerberosGatewayLDAP KerberosGatewayType = "LDAP"
)

// SubjectNameIdentifierFormat is the format of a WS-Federation
// SubjectNameIdentifier.
type SubjectNameIdentifierFormat string

// The subject name identifier formats.
const (
	SubjectNameUnspecified  SubjectNameIdentifierFormat = "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified"
	SubjectNameEmailAddress SubjectNameIdentifierFormat = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"
)

// WSTrustVersion is a WS-Trust version.
type WSTrustVersion string

// The WS-Trust versions.
const (
	WSTrust12 WSTrustVersion = "1.2"
	WSTrust13 WSTrustVersion = "1.3"
)

// WSFedKerberosGateway is one gateway and its user type.
type WSFedKerberosGateway struct {
	ID       string                     `json:"id"`
	Type     KerberosGatewayType        `json:"type"`
	UserType Ref                        `json:"userType"`
	Extra    map[string]json.RawMessage `json:",embed"`
	wire     wireMeta
}

// WSFedSettings are the WS-Federation members of an application.
type WSFedSettings struct {
	DomainName string                `json:"domainName,omitzero"`
	ReplyURL   string                `json:"replyUrl,omitzero"`
	IDPSigning ApplicationIDPSigning `json:"idpSigning,omitzero"`
	// AssertionDuration is in seconds (300 to 3932100).
	AssertionDuration           int                         `json:"assertionDuration,omitzero"`
	AudienceRestriction         string                      `json:"audienceRestriction,omitzero"`
	SLOEndpoint                 string                      `json:"sloEndpoint,omitzero"`
	SubjectNameIdentifierFormat SubjectNameIdentifierFormat `json:"subjectNameIdentifierFormat,omitzero"`
	WSTrustVersion              WSTrustVersion              `json:"wsTrustVersion,omitzero"`
	Kerberos                    WSFedKerberos               `json:"kerberos,omitzero"`
	CORSSettings                ApplicationCORSSettings     `json:"corsSettings,omitzero"`
	// Extra holds members to send with the variant's fields. (A decoded
	// resource keeps the members it does not know in its own Extra.)
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// WSFedSettingsRequest are the WS-Federation members of an
// [ApplicationRequest]. IDPSigning needs both the key and the algorithm.
type WSFedSettingsRequest struct {
	DomainName                  string                                `json:"domainName"`
	ReplyURL                    string                                `json:"replyUrl"`
	IDPSigning                  ApplicationIDPSigning                 `json:"idpSigning"`
	AssertionDuration           Optional[int]                         `json:"assertionDuration,omitzero"`
	AudienceRestriction         Optional[string]                      `json:"audienceRestriction,omitzero"`
	SLOEndpoint                 Optional[string]                      `json:"sloEndpoint,omitzero"`
	SubjectNameIdentifierFormat Optional[SubjectNameIdentifierFormat] `json:"subjectNameIdentifierFormat,omitzero"`
	WSTrustVersion              Optional[WSTrustVersion]              `json:"wsTrustVersion,omitzero"`
	Kerberos                    Optional[WSFedKerberos]               `json:"kerberos,omitzero"`
	CORSSettings                Optional[ApplicationCORSSettings]     `json:"corsSettings,omitzero"`
	// Extra holds members to send with the variant's fields. (A decoded
	// resource keeps the members it does not know in its own Extra.)
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// ExternalLinkSettings are the members of an external link: a tile in the
// application portal that opens HomePageURL.
type ExternalLinkSettings struct {
	HomePageURL string `json:"homePageUrl,omitzero"`
	ExternalID  string `json:"externalId,omitzero"`
	// Extra holds members to send with the variant's fields. (A decoded
	// resource keeps the members it does not know in its own Extra.)
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// ExternalLinkSettingsRequest are the members of an external link in an
// [ApplicationRequest].
type ExternalLinkSettingsRequest struct {
	HomePageURL string           `json:"homePageUrl"`
	ExternalID  Optional[string] `json:"externalId,omitzero"`
	// Extra holds members to send with the variant's fields. (A decoded
	// resource keeps the members it does not know in its own Extra.)
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// PortalSettings are the members of the built-in application portal
// (PING_ONE_PORTAL).
type PortalSettings struct {
	TokenEndpointAuthMethod OIDCAuthMethod  `json:"tokenEndpointAuthMethod,omitzero"`
	PKCEEnforcement         PKCEEnforcement `json:"pkceEnforcement,omitzero"`
	ApplyDefaultTheme       bool            `json:"applyDefaultTheme,omitzero"`
	// Extra holds members to send with the variant's fields. (A decoded
	// resource keeps the members it does not know in its own Extra.)
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// PortalSettingsRequest are the portal's members in an
// [ApplicationRequest].
type PortalSettingsRequest struct {
	TokenEndpointAuthMethod OIDCAuthMethod            `json:"tokenEndpointAuthMethod"`
	ApplyDefaultTheme       bool                      `json:"applyDefaultTheme"`
	PKCEEnforcement         Optional[PKCEEnforcement] `json:"pkceEnforcement,omitzero"`
	// Extra holds members to send with the variant's fields. (A decoded
	// resource keeps the members it does not know in its own Extra.)
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// SelfServiceSettings are the members of the built-in self-service
// application (PING_ONE_SELF_SERVICE).
type SelfServiceSettings struct {
	TokenEndpointAuthMethod  OIDCAuthMethod  `json:"tokenEndpointAuthMethod,omitzero"`
	PKCEEnforcement          PKCEEnforcement `json:"pkceEnforcement,omitzero"`
	ApplyDefaultTheme        bool            `json:"applyDefaultTheme,omitzero"`
	EnableDefaultThemeFooter bool            `json:"enableDefaultThemeFooter,omitzero"`
	// Extra holds members to send with the variant's fields. (A decoded
	// resource keeps the members it does not know in its own Extra.)
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// SelfServiceSettingsRequest are the self-service application's members in
// an [ApplicationRequest].
type SelfServiceSettingsRequest struct {
	TokenEndpointAuthMethod  OIDCAuthMethod            `json:"tokenEndpointAuthMethod"`
	ApplyDefaultTheme        bool                      `json:"applyDefaultTheme"`
	EnableDefaultThemeFooter Optional[bool]            `json:"enableDefaultThemeFooter,omitzero"`
	PKCEEnforcement          Optional[PKCEEnforcement] `json:"pkceEnforcement,omitzero"`
	// Extra holds members to send with the variant's fields. (A decoded
	// resource keeps the members it does not know in its own Extra.)
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// AdminConsoleSettings are the members of the built-in administration
// console (PING_ONE_ADMIN_CONSOLE).
type AdminConsoleSettings struct {
	TokenEndpointAuthMethod OIDCAuthMethod  `json:"tokenEndpointAuthMethod,omitzero"`
	PKCEEnforcement         PKCEEnforcement `json:"pkceEnforcement,omitzero"`
	// Extra holds members to send with the variant's fields. (A decoded
	// resource keeps the members it does not know in its own Extra.)
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// AdminConsoleSettingsRequest are the administration console's members in
// an [ApplicationRequest].
type AdminConsoleSettingsRequest struct {
	TokenEndpointAuthMethod OIDCAuthMethod            `json:"tokenEndpointAuthMethod"`
	PKCEEnforcement         Optional[PKCEEnforcement] `json:"pkceEnforcement,omitzero"`
	// Extra holds members to send with the variant's fields. (A decoded
	// resource keeps the members it does not know in its own Extra.)
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}
