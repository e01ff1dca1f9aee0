package pingone

import (
	"context"
	"encoding/json"
	"iter"
	"net/url"
	"strconv"
	"time"
)

// IdentityProvidersService manages an environment's external identity
// providers and their attribute mappings.
type IdentityProvidersService service

// IdentityProviderType is the kind of an external identity provider. PingOne
// adds types over time; a type this version does not know is kept, and the
// provider still decodes (see [IdentityProvider]).
type IdentityProviderType string

// The identity provider types.
const (
	IdentityProviderTypeFacebook      IdentityProviderType = "FACEBOOK"
	IdentityProviderTypeGoogle        IdentityProviderType = "GOOGLE"
	IdentityProviderTypeLinkedIn      IdentityProviderType = "LINKEDIN"
	IdentityProviderTypeLinkedInOIDC  IdentityProviderType = "LINKEDIN_OIDC"
	IdentityProviderTypeApple         IdentityProviderType = "APPLE"
	IdentityProviderTypeTwitter       IdentityProviderType = "TWITTER"
	IdentityProviderTypeAmazon        IdentityProviderType = "AMAZON"
	IdentityProviderTypeYahoo         IdentityProviderType = "YAHOO"
	IdentityProviderTypeMicrosoft     IdentityProviderType = "MICROSOFT"
	IdentityProviderTypePayPal        IdentityProviderType = "PAYPAL"
	IdentityProviderTypeGitHub        IdentityProviderType = "GITHUB"
	IdentityProviderTypeOpenIDConnect IdentityProviderType = "OPENID_CONNECT"
	IdentityProviderTypeSAML          IdentityProviderType = "SAML"
)

// isSocial reports whether t is one of the types configured with only a
// client ID and secret ([IdentityProviderSocial]).
func (t IdentityProviderType) isSocial() bool {
	switch t {
	case IdentityProviderTypeGoogle, IdentityProviderTypeLinkedIn, IdentityProviderTypeLinkedInOIDC,
		IdentityProviderTypeTwitter, IdentityProviderTypeAmazon, IdentityProviderTypeYahoo, IdentityProviderTypeGitHub:
		return true
	}
	return false
}

// IdentityProviderTokenAuthMethod is how PingOne authenticates to an OpenID
// Connect provider's token endpoint.
type IdentityProviderTokenAuthMethod string

// The token endpoint authentication methods.
const (
	IdentityProviderClientSecretBasic IdentityProviderTokenAuthMethod = "CLIENT_SECRET_BASIC"
	IdentityProviderClientSecretPost  IdentityProviderTokenAuthMethod = "CLIENT_SECRET_POST"
	IdentityProviderTokenAuthNone     IdentityProviderTokenAuthMethod = "NONE"
)

// IdentityProviderPKCEMethod is the PKCE method PingOne uses with an OpenID
// Connect provider.
type IdentityProviderPKCEMethod string

// The PKCE methods.
const (
	IdentityProviderPKCES256 IdentityProviderPKCEMethod = "S256"
	IdentityProviderPKCENone IdentityProviderPKCEMethod = "NONE"
)

// IdentityProviderSAMLBinding is a SAML binding.
type IdentityProviderSAMLBinding string

// The SAML bindings.
const (
	IdentityProviderSAMLHTTPPost     IdentityProviderSAMLBinding = "HTTP_POST"
	IdentityProviderSAMLHTTPRedirect IdentityProviderSAMLBinding = "HTTP_REDIRECT"
)

// IdentityProviderIcon is an image shown for a provider: the ID and URL of
// an uploaded image.
type IdentityProviderIcon struct {
	ID    string                     `json:"id,omitzero"`
	Href  string                     `json:"href,omitzero"`
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// IdentityProviderRegistration says where users who register through a
// provider are created.
type IdentityProviderRegistration struct {
	Population Ref                        `json:"population,omitzero"`
	Extra      map[string]json.RawMessage `json:",embed"`
	wire       wireMeta
}

// IdentityProvider is an external identity provider (a social network, an
// OpenID Connect provider or a SAML identity provider).
//
// PingOne sends the type-specific settings as members of the same object;
// they are decoded by Type into the one matching variant field (Facebook,
// Social, Microsoft, PayPal, Apple, OIDC or SAML), the others stay nil. A
// type this version does not know leaves every variant nil: its settings are
// in Extra, and [IdentityProvider.Request] sends them back unchanged.
//
// Secrets (clientSecret, appSecret, clientSecretSigningKey) are write-only:
// PingOne does not return them today; should it ever do, they are kept as
// [Secret] values, which never print or encode outside requests to
// PingOne.
type IdentityProvider struct {
	ID              string                       `json:"id,omitzero"`
	Environment     Ref                          `json:"environment,omitzero"`
	Name            string                       `json:"name,omitzero"`
	Description     string                       `json:"description,omitzero"`
	Enabled         bool                         `json:"enabled"`
	Type            IdentityProviderType         `json:"type,omitzero"`
	Icon            IdentityProviderIcon         `json:"icon,omitzero"`
	LoginButtonIcon IdentityProviderIcon         `json:"loginButtonIcon,omitzero"`
	Registration    IdentityProviderRegistration `json:"registration,omitzero"`
	CreatedAt       time.Time                    `json:"createdAt,omitzero"`
	UpdatedAt       time.Time                    `json:"updatedAt,omitzero"`
	Links           Links                        `json:"_links,omitzero"`
	// Embedded holds the provider's attribute mappings, returned only by
	// Create with ExpandAttributes.
	Embedded IdentityProviderEmbedded `json:"_embedded,omitzero"`

	// Facebook is set for FACEBOOK.
	Facebook *IdentityProviderFacebook `json:"-"`
	// Social is set for GOOGLE, LINKEDIN, LINKEDIN_OIDC, TWITTER, AMAZON,
	// YAHOO and GITHUB.
	Social *IdentityProviderSocial `json:"-"`
	// Microsoft is set for MICROSOFT.
	Microsoft *IdentityProviderMicrosoft `json:"-"`
	// PayPal is set for PAYPAL.
	PayPal *IdentityProviderPayPal `json:"-"`
	// Apple is set for APPLE.
	Apple *IdentityProviderApple `json:"-"`
	// OIDC is set for OPENID_CONNECT.
	OIDC *IdentityProviderOIDC `json:"-"`
	// SAML is set for SAML.
	SAML *IdentityProviderSAML `json:"-"`

	// Extra holds the members that neither the common fields nor the
	// variant know, such as every setting of an unknown type.
	Extra map[string]json.RawMessage `json:",embed"`
	// Raw is the provider as PingOne sent it (secrets removed). Encoding
	// does not read it: it writes the fields.
	Raw json.RawMessage `json:"-"`
	polyMeta
}

// IdentityProviderEmbedded holds what PingOne embeds in a provider on
// request.
type IdentityProviderEmbedded struct {
	Attributes []IdentityProviderAttribute `json:"attributes,omitzero"`
	Extra      map[string]json.RawMessage  `json:",embed"`
	wire       wireMeta
}

// IdentityProviderFacebook holds the settings of a FACEBOOK provider.
type IdentityProviderFacebook struct {
	AppID string `json:"appId,omitzero"`
	// AppSecret is write-only: PingOne does not return it today; should
	// it, it is kept (redacted when printed or encoded).
	AppSecret Secret `json:"appSecret,omitzero"`
	// Extra holds members to send with the variant's fields. (A decoded
	// resource keeps the members it does not know in its own Extra.)
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// IdentityProviderSocial holds the settings of the providers configured
// with an OAuth client ID (and a secret PingOne does not return): GOOGLE,
// LINKEDIN, LINKEDIN_OIDC, TWITTER, AMAZON, YAHOO and GITHUB.
type IdentityProviderSocial struct {
	ClientID string `json:"clientId,omitzero"`
	// ClientSecret is write-only: PingOne does not return it today;
	// should it, it is kept (redacted when printed or encoded).
	ClientSecret Secret `json:"clientSecret,omitzero"`
	// Extra holds members to send with the variant's fields. (A decoded
	// resource keeps the members it does not know in its own Extra.)
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// IdentityProviderMicrosoft holds the settings of a MICROSOFT provider.
type IdentityProviderMicrosoft struct {
	ClientID string `json:"clientId,omitzero"`
	// ClientSecret is write-only: PingOne does not return it today;
	// should it, it is kept (redacted when printed or encoded).
	ClientSecret Secret `json:"clientSecret,omitzero"`
	// TenantID restricts sign-in to one Microsoft Entra tenant.
	TenantID string `json:"tenantId,omitzero"`
	// Extra holds members to send with the variant's fields. (A decoded
	// resource keeps the members it does not know in its own Extra.)
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// IdentityProviderPayPal holds the settings of a PAYPAL provider.
type IdentityProviderPayPal struct {
	ClientID string `json:"clientId,omitzero"`
	// ClientSecret is write-only: PingOne does not return it today;
	// should it, it is kept (redacted when printed or encoded).
	ClientSecret Secret `json:"clientSecret,omitzero"`
	// ClientEnvironment is the PayPal environment, such as "sandbox" or
	// "live".
	ClientEnvironment string `json:"clientEnvironment,omitzero"`
	// Extra holds members to send with the variant's fields. (A decoded
	// resource keeps the members it does not know in its own Extra.)
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// IdentityProviderApple holds the settings of an APPLE provider.
type IdentityProviderApple struct {
	ClientID string `json:"clientId,omitzero"`
	KeyID    string `json:"keyId,omitzero"`
	TeamID   string `json:"teamId,omitzero"`
	// ClientSecretSigningKey is write-only (kept, redacted, should PingOne
	// return it).
	ClientSecretSigningKey Secret `json:"clientSecretSigningKey,omitzero"`
	// Extra holds members to send with the variant's fields. (A decoded
	// resource keeps the members it does not know in its own Extra.)
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// IdentityProviderOIDC holds the settings of an OPENID_CONNECT provider.
type IdentityProviderOIDC struct {
	AuthorizationEndpoint string `json:"authorizationEndpoint,omitzero"`
	ClientID              string `json:"clientId,omitzero"`
	// ClientSecret is write-only (kept, redacted, should PingOne return
	// it).
	ClientSecret            Secret                          `json:"clientSecret,omitzero"`
	DiscoveryEndpoint       string                          `json:"discoveryEndpoint,omitzero"`
	Issuer                  string                          `json:"issuer,omitzero"`
	JWKSEndpoint            string                          `json:"jwksEndpoint,omitzero"`
	Scopes                  []string                        `json:"scopes,omitzero"`
	TokenEndpoint           string                          `json:"tokenEndpoint,omitzero"`
	TokenEndpointAuthMethod IdentityProviderTokenAuthMethod `json:"tokenEndpointAuthMethod,omitzero"`
	UserInfoEndpoint        string                          `json:"userInfoEndpoint,omitzero"`
	PKCEMethod              IdentityProviderPKCEMethod      `json:"pkceMethod,omitzero"`
	// Extra holds members to send with the variant's fields. (A decoded
	// resource keeps the members it does not know in its own Extra.)
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// IdentityProviderSAMLVerification lists the certificates that verify the
// identity provider's signatures.
type IdentityProviderSAMLVerification struct {
	Certificates []Ref                      `json:"certificates"`
	Extra        map[string]json.RawMessage `json:",embed"`
	wire         wireMeta
}

// IdentityProviderSAMLSigning is the key (and algorithm) PingOne signs its
// authentication requests with.
type IdentityProviderSAMLSigning struct {
	Key Ref `json:"key"`
	// Algorithm depends on the key. (PingOne's specification spells one
	// value "SHA512eithEDCSA"; any value is kept as sent.)
	Algorithm SignatureAlgorithm         `json:"algorithm,omitzero"`
	Extra     map[string]json.RawMessage `json:",embed"`
	wire      wireMeta
}

// IdentityProviderSAML holds the settings of a SAML provider.
type IdentityProviderSAML struct {
	IDPEntityID         string                           `json:"idpEntityId,omitzero"`
	SPEntityID          string                           `json:"spEntityId,omitzero"`
	IDPVerification     IdentityProviderSAMLVerification `json:"idpVerification,omitzero"`
	SSOBinding          IdentityProviderSAMLBinding      `json:"ssoBinding,omitzero"`
	SSOEndpoint         string                           `json:"ssoEndpoint,omitzero"`
	AuthnRequestSigned  bool                             `json:"authnRequestSigned,omitzero"`
	SPSigning           IdentityProviderSAMLSigning      `json:"spSigning,omitzero"`
	SLOBinding          IdentityProviderSAMLBinding      `json:"sloBinding,omitzero"`
	SLOEndpoint         string                           `json:"sloEndpoint,omitzero"`
	SLOResponseEndpoint string                           `json:"sloResponseEndpoint,omitzero"`
	// SLOWindow is the allowed clock skew for logout, in hours.
	SLOWindow int `json:"sloWindow,omitzero"`
	// Extra holds members to send with the variant's fields. (A decoded
	// resource keeps the members it does not know in its own Extra.)
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// MarshalJSON writes the provider as PingOne sent it, with the changes
// made since.
func (p IdentityProvider) MarshalJSON() ([]byte, error) { return marshalWire(&p) }

// UnmarshalJSON reads a provider, picking the variant by type.
func (p *IdentityProvider) UnmarshalJSON(data []byte) error { return unmarshalWire(data, p) }

func (p *IdentityProvider) encodeWire(e *wireEncoder) error {
	return identityProviderCodec.encode(e, p)
}
func (p *IdentityProvider) decodeWire(d *wireDecoder) error {
	return identityProviderCodec.decode(d, p)
}

var identityProviderCodec = &polyCodec[IdentityProvider]{
	variant: func(p *IdentityProvider) any { return p.variant() },
	pick: func(p *IdentityProvider) any {
		switch t := p.Type; {
		case t == IdentityProviderTypeFacebook:
			p.Facebook = new(IdentityProviderFacebook)
			return p.Facebook
		case t.isSocial():
			p.Social = new(IdentityProviderSocial)
			return p.Social
		case t == IdentityProviderTypeMicrosoft:
			p.Microsoft = new(IdentityProviderMicrosoft)
			return p.Microsoft
		case t == IdentityProviderTypePayPal:
			p.PayPal = new(IdentityProviderPayPal)
			return p.PayPal
		case t == IdentityProviderTypeApple:
			p.Apple = new(IdentityProviderApple)
			return p.Apple
		case t == IdentityProviderTypeOpenIDConnect:
			p.OIDC = new(IdentityProviderOIDC)
			return p.OIDC
		case t == IdentityProviderTypeSAML:
			p.SAML = new(IdentityProviderSAML)
			return p.SAML
		}
		return nil
	},
	// Secrets: kept (redacted) where the variant has a field for them,
	// never in Extra, never in Raw.
	dropped: []string{"clientSecret", "appSecret", "clientSecretSigningKey"},
	hidden:  [][]string{{"clientSecret"}, {"appSecret"}, {"clientSecretSigningKey"}},
}

// variant returns the variant set (the first one), or nil.
func (p *IdentityProvider) variant() any {
	switch {
	case p.Facebook != nil:
		return p.Facebook
	case p.Social != nil:
		return p.Social
	case p.Microsoft != nil:
		return p.Microsoft
	case p.PayPal != nil:
		return p.PayPal
	case p.Apple != nil:
		return p.Apple
	case p.OIDC != nil:
		return p.OIDC
	case p.SAML != nil:
		return p.SAML
	}
	return nil
}

// Request returns the request that replaces p with itself: every member
// PingOne sent goes back unchanged (the type's settings, zero values and
// members this version does not know included), but the read-only ones
// (id, environment, createdAt, updatedAt, _links, _embedded). Change what
// you need, then pass it to [IdentityProvidersService.Replace]: since a PUT
// clears what it omits, a request built by hand would wipe the settings it
// leaves out.
//
// Secrets are not included (PingOne does not return them): the request
// leaves them out, and PingOne keeps the stored ones. Set them to change
// them.
func (p *IdentityProvider) Request() IdentityProviderRequest {
	return requestFrom[IdentityProviderRequest](p, "id", "environment", "createdAt", "updatedAt")
}

// IdentityProviderRequest is the body of [IdentityProvidersService.Create]
// and [IdentityProvidersService.Replace]: the common fields and exactly one
// of the variant fields (Facebook, Social, Microsoft, PayPal, Apple, OIDC,
// SAML), which holds the type's settings. For a type this version does not
// know, set Type and put its settings in Extra.
type IdentityProviderRequest struct {
	Name        string           `json:"name"`
	Description Optional[string] `json:"description,omitzero"`
	// Enabled lets users sign in through the provider.
	Enabled bool `json:"enabled"`
	// Type is the provider's type. The variant set implies it (and it is
	// sent as such when empty), but for Social, which serves several
	// types, and for a type this version does not know: set it then.
	Type            IdentityProviderType                   `json:"type,omitzero"`
	Icon            Optional[IdentityProviderIcon]         `json:"icon,omitzero"`
	LoginButtonIcon Optional[IdentityProviderIcon]         `json:"loginButtonIcon,omitzero"`
	Registration    Optional[IdentityProviderRegistration] `json:"registration,omitzero"`

	Facebook *IdentityProviderFacebookSettings `json:"-"`
	// Social configures GOOGLE, LINKEDIN, LINKEDIN_OIDC, TWITTER, AMAZON,
	// YAHOO and GITHUB providers (Type says which).
	Social    *IdentityProviderSocialSettings    `json:"-"`
	Microsoft *IdentityProviderMicrosoftSettings `json:"-"`
	PayPal    *IdentityProviderPayPalSettings    `json:"-"`
	Apple     *IdentityProviderAppleSettings     `json:"-"`
	OIDC      *IdentityProviderOIDCSettings      `json:"-"`
	SAML      *IdentityProviderSAMLSettings      `json:"-"`

	// Extra holds members to send that this version does not model, such
	// as the settings of a type it does not know, or those a Request of a
	// provider read from PingOne carries back. A member a field writes is
	// not sent twice.
	Extra map[string]json.RawMessage `json:",embed"`
	polyMeta
}

// variant returns the variant set (the first one) with the type it
// implies ("" for Social), and how many are set.
func (r *IdentityProviderRequest) variant() (any, IdentityProviderType, int) {
	var (
		v   any
		typ IdentityProviderType
		n   int
	)
	set := func(val any, t IdentityProviderType) {
		if n == 0 {
			v, typ = val, t
		}
		n++
	}
	if r.Facebook != nil {
		set(r.Facebook, IdentityProviderTypeFacebook)
	}
	if r.Social != nil {
		set(r.Social, "")
	}
	if r.Microsoft != nil {
		set(r.Microsoft, IdentityProviderTypeMicrosoft)
	}
	if r.PayPal != nil {
		set(r.PayPal, IdentityProviderTypePayPal)
	}
	if r.Apple != nil {
		set(r.Apple, IdentityProviderTypeApple)
	}
	if r.OIDC != nil {
		set(r.OIDC, IdentityProviderTypeOpenIDConnect)
	}
	if r.SAML != nil {
		set(r.SAML, IdentityProviderTypeSAML)
	}
	return v, typ, n
}

func (r *IdentityProviderRequest) check() error {
	if r.Name == "" {
		return &ArgumentError{Name: "Name", Problem: "is required"}
	}
	_, implied, n := r.variant()
	switch {
	case n > 1:
		return &ArgumentError{Name: "IdentityProviderRequest", Problem: "has more than one variant set (Facebook, Social, OIDC, ...): set exactly one"}
	case n == 0 && r.Type == "":
		return &ArgumentError{Name: "IdentityProviderRequest", Problem: "has no variant set (Facebook, Social, OIDC, ...); for a type this SDK does not know, set Type"}
	case r.Social != nil && !r.Type.isSocial():
		if r.Type == "" {
			return &ArgumentError{Name: "Type", Problem: "is required with Social (GOOGLE, GITHUB, ...)"}
		}
		return &ArgumentError{Name: "Type", Problem: "is " + string(r.Type) + ", which Social does not configure"}
	case implied != "" && r.Type != "" && r.Type != implied:
		return &ArgumentError{Name: "Type", Problem: "is " + string(r.Type) + " but the variant set is for " + string(implied)}
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
func (r IdentityProviderRequest) MarshalJSON() ([]byte, error) { return marshalWire(&r) }

// UnmarshalJSON reads a request, picking the variant by type.
func (r *IdentityProviderRequest) UnmarshalJSON(data []byte) error { return unmarshalWire(data, r) }

func (r *IdentityProviderRequest) encodeWire(e *wireEncoder) error {
	if r.Type == "" {
		if _, implied, _ := r.variant(); implied != "" {
			cp := *r
			cp.Type = implied
			return identityProviderRequestCodec.encode(e, &cp)
		}
	}
	return identityProviderRequestCodec.encode(e, r)
}

func (r *IdentityProviderRequest) decodeWire(d *wireDecoder) error {
	return identityProviderRequestCodec.decode(d, r)
}

var identityProviderRequestCodec = &polyCodec[IdentityProviderRequest]{
	variant: func(r *IdentityProviderRequest) any {
		v, _, _ := r.variant()
		return v
	},
	pick: func(r *IdentityProviderRequest) any {
		switch t := r.Type; {
		case t == IdentityProviderTypeFacebook:
			r.Facebook = new(IdentityProviderFacebookSettings)
			return r.Facebook
		case t.isSocial():
			r.Social = new(IdentityProviderSocialSettings)
			return r.Social
		case t == IdentityProviderTypeMicrosoft:
			r.Microsoft = new(IdentityProviderMicrosoftSettings)
			return r.Microsoft
		case t == IdentityProviderTypePayPal:
			r.PayPal = new(IdentityProviderPayPalSettings)
			return r.PayPal
		case t == IdentityProviderTypeApple:
			r.Apple = new(IdentityProviderAppleSettings)
			return r.Apple
		case t == IdentityProviderTypeOpenIDConnect:
			r.OIDC = new(IdentityProviderOIDCSettings)
			return r.OIDC
		case t == IdentityProviderTypeSAML:
			r.SAML = new(IdentityProviderSAMLSettings)
			return r.SAML
		}
		return nil
	},
}

// IdentityProviderFacebookSettings configures a FACEBOOK provider.
type IdentityProviderFacebookSettings struct {
	AppID string `json:"appId"`
	// AppSecret is required on Create. PingOne never returns it, so
	// IdentityProvider.Request leaves it unset (omitted from the body).
	AppSecret Secret `json:"appSecret,omitzero"`
	// Extra holds members to send with the variant's fields. (A decoded
	// resource keeps the members it does not know in its own Extra.)
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// IdentityProviderSocialSettings configures a provider of one of the types
// set up with a client ID and secret only: GOOGLE, LINKEDIN, LINKEDIN_OIDC,
// TWITTER, AMAZON, YAHOO or GITHUB (the request's Type).
type IdentityProviderSocialSettings struct {
	ClientID string `json:"clientId"`
	// ClientSecret is required on Create. PingOne never returns it, so
	// IdentityProvider.Request leaves it unset (omitted from the body).
	ClientSecret Secret `json:"clientSecret,omitzero"`
	// Extra holds members to send with the variant's fields. (A decoded
	// resource keeps the members it does not know in its own Extra.)
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// IdentityProviderMicrosoftSettings configures a MICROSOFT provider.
type IdentityProviderMicrosoftSettings struct {
	ClientID string `json:"clientId"`
	// ClientSecret is required on Create. PingOne never returns it, so
	// IdentityProvider.Request leaves it unset (omitted from the body).
	ClientSecret Secret `json:"clientSecret,omitzero"`
	// TenantID restricts sign-in to one Microsoft Entra tenant.
	TenantID Optional[string] `json:"tenantId,omitzero"`
	// Extra holds members to send with the variant's fields. (A decoded
	// resource keeps the members it does not know in its own Extra.)
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// IdentityProviderPayPalSettings configures a PAYPAL provider.
type IdentityProviderPayPalSettings struct {
	ClientID string `json:"clientId"`
	// ClientSecret is required on Create. PingOne never returns it, so
	// IdentityProvider.Request leaves it unset (omitted from the body).
	ClientSecret Secret `json:"clientSecret,omitzero"`
	// ClientEnvironment is the PayPal environment, such as "sandbox" or
	// "live".
	ClientEnvironment string `json:"clientEnvironment"`
	// Extra holds members to send with the variant's fields. (A decoded
	// resource keeps the members it does not know in its own Extra.)
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// IdentityProviderAppleSettings configures an APPLE provider.
type IdentityProviderAppleSettings struct {
	ClientID string `json:"clientId"`
	// ClientSecretSigningKey is the private key (PEM) that signs the client
	// secrets sent to Apple. Required on Create. PingOne never returns it,
	// so IdentityProvider.Request leaves it unset (omitted from the body).
	ClientSecretSigningKey Secret `json:"clientSecretSigningKey,omitzero"`
	KeyID                  string `json:"keyId"`
	TeamID                 string `json:"teamId"`
	// Extra holds members to send with the variant's fields. (A decoded
	// resource keeps the members it does not know in its own Extra.)
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// IdentityProviderOIDCSettings configures an OPENID_CONNECT provider.
type IdentityProviderOIDCSettings struct {
	AuthorizationEndpoint string `json:"authorizationEndpoint"`
	ClientID              string `json:"clientId"`
	// ClientSecret is required on Create. PingOne never returns it, so
	// IdentityProvider.Request leaves it unset (omitted from the body).
	ClientSecret            Secret                          `json:"clientSecret,omitzero"`
	Issuer                  string                          `json:"issuer"`
	JWKSEndpoint            string                          `json:"jwksEndpoint"`
	Scopes                  []string                        `json:"scopes"`
	TokenEndpoint           string                          `json:"tokenEndpoint"`
	TokenEndpointAuthMethod IdentityProviderTokenAuthMethod `json:"tokenEndpointAuthMethod"`
	DiscoveryEndpoint       Optional[string]                `json:"discoveryEndpoint,omitzero"`
	UserInfoEndpoint        Optional[string]                `json:"userInfoEndpoint,omitzero"`
	// PKCEMethod defaults to NONE.
	PKCEMethod Optional[IdentityProviderPKCEMethod] `json:"pkceMethod,omitzero"`
	// Extra holds members to send with the variant's fields. (A decoded
	// resource keeps the members it does not know in its own Extra.)
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// IdentityProviderSAMLSettings configures a SAML provider.
type IdentityProviderSAMLSettings struct {
	IDPEntityID         string                                `json:"idpEntityId"`
	SPEntityID          string                                `json:"spEntityId"`
	IDPVerification     IdentityProviderSAMLVerification      `json:"idpVerification"`
	SSOBinding          IdentityProviderSAMLBinding           `json:"ssoBinding"`
	SSOEndpoint         string                                `json:"ssoEndpoint"`
	AuthnRequestSigned  Optional[bool]                        `json:"authnRequestSigned,omitzero"`
	SPSigning           Optional[IdentityProviderSAMLSigning] `json:"spSigning,omitzero"`
	SLOBinding          Optional[IdentityProviderSAMLBinding] `json:"sloBinding,omitzero"`
	SLOEndpoint         Optional[string]                      `json:"sloEndpoint,omitzero"`
	SLOResponseEndpoint Optional[string]                      `json:"sloResponseEndpoint,omitzero"`
	SLOWindow           Optional[int]                         `json:"sloWindow,omitzero"`
	// Extra holds members to send with the variant's fields. (A decoded
	// resource keeps the members it does not know in its own Extra.)
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// List returns one page of identity providers (opts may be nil).
//
// PingOne: "List Identity Providers".
//
//pingone:operation GET /environments/{environmentID}/identityProviders
func (s *IdentityProvidersService) List(ctx context.Context, opts *ListOptions) (*Page[IdentityProvider], error) {
	return listPage[IdentityProvider](ctx, (*service)(s), call{op: "IdentityProviders.List", route: "GET /environments/{environmentID}/identityProviders", opts: opts, key: "identityProviders"})
}

// ListIter iterates over every identity provider, fetching pages as the
// loop goes.
func (s *IdentityProvidersService) ListIter(ctx context.Context, opts *ListOptions) iter.Seq2[*IdentityProvider, error] {
	return listAll[IdentityProvider](ctx, (*service)(s), call{op: "IdentityProviders.ListIter", route: "GET /environments/{environmentID}/identityProviders", opts: opts, key: "identityProviders"})
}

// ByName returns the identity provider named name. PingOne has no filter on
// this list, so every provider is read. None is an error matching
// [ErrNotFound]; more than one is an error naming their IDs.
func (s *IdentityProvidersService) ByName(ctx context.Context, name string) (*IdentityProvider, error) {
	return byName("IdentityProviders.ByName", "identity provider", name, s.ListIter(ctx, nil),
		func(p *IdentityProvider) string { return p.Name }, func(p *IdentityProvider) string { return p.ID })
}

// CreateIdentityProviderOptions are the options of
// [IdentityProvidersService.Create].
type CreateIdentityProviderOptions struct {
	// ExpandAttributes returns the attribute mappings PingOne creates with
	// the provider in [IdentityProvider].Embedded.Attributes
	// (expand=attributes).
	ExpandAttributes bool
}

func (o CreateIdentityProviderOptions) addQuery(q url.Values) error {
	if o.ExpandAttributes {
		q.Set("expand", "attributes")
	}
	return nil
}

// Create creates an identity provider (opts may be nil). The secret of the
// type (client secret, app secret or signing key) is required; PingOne
// never returns it.
//
// PingOne: "Create Identity Provider".
//
//pingone:operation POST /environments/{environmentID}/identityProviders
func (s *IdentityProvidersService) Create(ctx context.Context, req IdentityProviderRequest, opts *CreateIdentityProviderOptions) (*IdentityProvider, error) {
	if err := req.check(); err != nil {
		return nil, argError("IdentityProviders.Create", err)
	}
	return send[IdentityProvider](ctx, (*service)(s), call{op: "IdentityProviders.Create", route: "POST /environments/{environmentID}/identityProviders", opts: opts, body: req})
}

// Get returns one identity provider.
//
// PingOne: "Get Identity Provider".
//
//pingone:operation GET /environments/{environmentID}/identityProviders/{providerID}
func (s *IdentityProvidersService) Get(ctx context.Context, providerID string) (*IdentityProvider, error) {
	return send[IdentityProvider](ctx, (*service)(s), call{op: "IdentityProviders.Get", route: "GET /environments/{environmentID}/identityProviders/{providerID}", ids: []string{providerID}})
}

// Replace replaces an identity provider. Like every PingOne PUT it clears the
// optional fields that req omits: start from [IdentityProvider.Request]. The
// type cannot change (PingOne answers 400).
//
// The provider's secret (the client secret, Facebook's app secret or
// Apple's signing key) is write-only: PingOne never returns it, so a
// request made by [IdentityProvider.Request] holds none and the body leaves
// it out. PingOne then keeps the stored secret. To change it, set it in the
// request's settings: it is sent as given (and prints and logs as
// "[REDACTED]").
//
// PingOne: "Update Identity Provider".
//
//pingone:operation PUT /environments/{environmentID}/identityProviders/{providerID}
func (s *IdentityProvidersService) Replace(ctx context.Context, providerID string, req IdentityProviderRequest) (*IdentityProvider, error) {
	if err := req.check(); err != nil {
		return nil, argError("IdentityProviders.Replace", err)
	}
	return send[IdentityProvider](ctx, (*service)(s), call{op: "IdentityProviders.Replace", route: "PUT /environments/{environmentID}/identityProviders/{providerID}", ids: []string{providerID}, body: req})
}

// Delete deletes an identity provider and its attribute mappings.
//
// PingOne: "Delete Identity Provider".
//
//pingone:operation DELETE /environments/{environmentID}/identityProviders/{providerID}
func (s *IdentityProvidersService) Delete(ctx context.Context, providerID string) error {
	return sendNoContent(ctx, (*service)(s), call{op: "IdentityProviders.Delete", route: "DELETE /environments/{environmentID}/identityProviders/{providerID}", ids: []string{providerID}})
}
