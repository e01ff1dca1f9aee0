package pingone

import (
	"bytes"
	"context"
	"errors"
	"iter"
	"net/url"
	"reflect"
	"time"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// IdentityProvidersService manages an environment's external identity
// providers and their attribute mappings.
type IdentityProvidersService service

// IdentityProviderType is the kind of an external identity provider. PingOne
// adds types over time; a type this version does not know is kept, and the
// provider still decodes (see [IdentityProvider.Raw]).
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
	ID   string `json:"id,omitzero"`
	Href string `json:"href,omitzero"`
}

// IdentityProviderRegistration says where users who register through a
// provider are created.
type IdentityProviderRegistration struct {
	Population Ref `json:"population,omitzero"`
}

// IdentityProvider is an external identity provider (a social network, an
// OpenID Connect provider or a SAML identity provider).
//
// PingOne sends the type-specific settings as members of the same object;
// they are decoded by Type into the one matching variant field (Facebook,
// Social, Microsoft, PayPal, Apple, OIDC or SAML), the others stay nil. A
// type this version does not know leaves every variant nil: its settings are
// in Extra and Raw, and [IdentityProvider.Request] sends them back unchanged.
//
// Secrets (clientSecret, appSecret, clientSecretSigningKey) are write-only:
// PingOne does not return them, and should it ever do, they are dropped
// while decoding, so that a provider never carries one into a log.
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

	// Attributes are the provider's attribute mappings, returned only by
	// Create with ExpandAttributes.
	Attributes []IdentityProviderAttribute `json:"-"`
	// Raw is the provider as PingOne sent it (secrets removed).
	Raw jsontext.Value `json:"-"`
	// Extra holds the members that neither the common fields nor the
	// variant know, such as every setting of an unknown type.
	Extra map[string]jsontext.Value `json:",embed"`
}

// IdentityProviderFacebook holds the settings of a FACEBOOK provider.
type IdentityProviderFacebook struct {
	AppID string `json:"appId,omitzero"`
}

// IdentityProviderSocial holds the settings of the providers configured
// with an OAuth client ID (and a secret PingOne does not return): GOOGLE,
// LINKEDIN, LINKEDIN_OIDC, TWITTER, AMAZON, YAHOO and GITHUB.
type IdentityProviderSocial struct {
	ClientID string `json:"clientId,omitzero"`
}

// IdentityProviderMicrosoft holds the settings of a MICROSOFT provider.
type IdentityProviderMicrosoft struct {
	ClientID string `json:"clientId,omitzero"`
	// TenantID restricts sign-in to one Microsoft Entra tenant.
	TenantID string `json:"tenantId,omitzero"`
}

// IdentityProviderPayPal holds the settings of a PAYPAL provider.
type IdentityProviderPayPal struct {
	ClientID string `json:"clientId,omitzero"`
	// ClientEnvironment is the PayPal environment, such as "sandbox" or
	// "live".
	ClientEnvironment string `json:"clientEnvironment,omitzero"`
}

// IdentityProviderApple holds the settings of an APPLE provider.
type IdentityProviderApple struct {
	ClientID string `json:"clientId,omitzero"`
	KeyID    string `json:"keyId,omitzero"`
	TeamID   string `json:"teamId,omitzero"`
}

// IdentityProviderOIDC holds the settings of an OPENID_CONNECT provider.
type IdentityProviderOIDC struct {
	AuthorizationEndpoint   string                          `json:"authorizationEndpoint,omitzero"`
	ClientID                string                          `json:"clientId,omitzero"`
	DiscoveryEndpoint       string                          `json:"discoveryEndpoint,omitzero"`
	Issuer                  string                          `json:"issuer,omitzero"`
	JWKSEndpoint            string                          `json:"jwksEndpoint,omitzero"`
	Scopes                  []string                        `json:"scopes,omitzero"`
	TokenEndpoint           string                          `json:"tokenEndpoint,omitzero"`
	TokenEndpointAuthMethod IdentityProviderTokenAuthMethod `json:"tokenEndpointAuthMethod,omitzero"`
	UserInfoEndpoint        string                          `json:"userInfoEndpoint,omitzero"`
	PKCEMethod              IdentityProviderPKCEMethod      `json:"pkceMethod,omitzero"`
}

// IdentityProviderSAMLVerification lists the certificates that verify the
// identity provider's signatures.
type IdentityProviderSAMLVerification struct {
	Certificates []Ref `json:"certificates"`
}

// IdentityProviderSAMLSigning is the key (and algorithm) PingOne signs its
// authentication requests with.
type IdentityProviderSAMLSigning struct {
	Key Ref `json:"key"`
	// Algorithm is a signature algorithm such as "SHA256withRSA".
	Algorithm string `json:"algorithm,omitzero"`
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
}

// idpSecretMembers are the write-only members that reads never keep.
var idpSecretMembers = map[string]bool{"clientSecret": true, "appSecret": true, "clientSecretSigningKey": true}

// idpCommonMembers are the members every provider has, which requests carry
// in typed fields; idpReadOnlyMembers are never sent back.
var (
	idpCommonMembers = map[string]bool{
		"name": true, "description": true, "enabled": true, "type": true,
		"icon": true, "loginButtonIcon": true, "registration": true,
	}
	idpReadOnlyMembers = map[string]bool{
		"id": true, "environment": true, "createdAt": true, "updatedAt": true, "_links": true, "_embedded": true,
	}
)

// identityProviderFields is IdentityProvider without its methods, for the
// default (un)marshaling of its common fields.
type identityProviderFields IdentityProvider

type identityProviderWire struct {
	*identityProviderFields
	Embedded struct {
		Attributes []IdentityProviderAttribute `json:"attributes,omitzero"`
	} `json:"_embedded,omitzero"`
}

// UnmarshalJSONFrom implements [json.UnmarshalerFrom]: it decodes the
// common fields, then the variant that Type names.
func (p *IdentityProvider) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	v, err := dec.ReadValue()
	if err != nil {
		return err
	}
	*p = IdentityProvider{}
	if v.Kind() != '{' {
		return nil // null, or not an object: leave it empty
	}
	members, err := idpMembers(v)
	if err != nil {
		return err
	}
	raw := idpObject(members, func(name string) bool { return !idpSecretMembers[name] })
	opts := dec.Options()
	w := identityProviderWire{identityProviderFields: (*identityProviderFields)(p)}
	reset := func() {
		*p = IdentityProvider{}
		w = identityProviderWire{identityProviderFields: (*identityProviderFields)(p)}
	}
	if err := decodeObject(raw, &w, opts, reset); err != nil {
		return err
	}
	p.Attributes = w.Embedded.Attributes
	p.Raw = raw
	switch t := p.Type; {
	case t == IdentityProviderTypeFacebook:
		p.Facebook, err = idpVariant[IdentityProviderFacebook](raw, opts, p.Extra)
	case t.isSocial():
		p.Social, err = idpVariant[IdentityProviderSocial](raw, opts, p.Extra)
	case t == IdentityProviderTypeMicrosoft:
		p.Microsoft, err = idpVariant[IdentityProviderMicrosoft](raw, opts, p.Extra)
	case t == IdentityProviderTypePayPal:
		p.PayPal, err = idpVariant[IdentityProviderPayPal](raw, opts, p.Extra)
	case t == IdentityProviderTypeApple:
		p.Apple, err = idpVariant[IdentityProviderApple](raw, opts, p.Extra)
	case t == IdentityProviderTypeOpenIDConnect:
		p.OIDC, err = idpVariant[IdentityProviderOIDC](raw, opts, p.Extra)
	case t == IdentityProviderTypeSAML:
		p.SAML, err = idpVariant[IdentityProviderSAML](raw, opts, p.Extra)
	}
	if len(p.Extra) == 0 {
		p.Extra = nil
	}
	return err
}

// idpVariant decodes the variant T from a provider's JSON and removes from
// extra the members that T knows.
func idpVariant[T any](raw jsontext.Value, opts json.Options, extra map[string]jsontext.Value) (*T, error) {
	var w struct {
		V    *T                        `json:",embed"`
		Rest map[string]jsontext.Value `json:",embed"`
	}
	if err := decodeObject(raw, &w, opts, nil); err != nil {
		return nil, err
	}
	for name := range extra {
		if _, ok := w.Rest[name]; !ok {
			delete(extra, name)
		}
	}
	if w.V == nil {
		w.V = new(T)
	}
	return w.V, nil
}

// MarshalJSONTo implements [json.MarshalerTo]: the common fields, the
// variant's members and Extra, in one object as PingOne writes it.
func (p IdentityProvider) MarshalJSONTo(enc *jsontext.Encoder) error {
	opts := enc.Options()
	w := identityProviderWire{identityProviderFields: (*identityProviderFields)(&p)}
	w.Embedded.Attributes = p.Attributes
	parts := make([]jsontext.Value, 0, 2)
	common, err := json.Marshal(w, opts)
	if err != nil {
		return err
	}
	parts = append(parts, common)
	if v := p.variant(); v != nil {
		data, err := json.Marshal(v, opts)
		if err != nil {
			return err
		}
		parts = append(parts, data)
	}
	merged, err := idpMerge(parts...)
	if err != nil {
		return err
	}
	return enc.WriteValue(merged)
}

// variant returns the non-nil variant that matches Type, or nil.
func (p *IdentityProvider) variant() any {
	switch t := p.Type; {
	case t == IdentityProviderTypeFacebook && p.Facebook != nil:
		return p.Facebook
	case t.isSocial() && p.Social != nil:
		return p.Social
	case t == IdentityProviderTypeMicrosoft && p.Microsoft != nil:
		return p.Microsoft
	case t == IdentityProviderTypePayPal && p.PayPal != nil:
		return p.PayPal
	case t == IdentityProviderTypeApple && p.Apple != nil:
		return p.Apple
	case t == IdentityProviderTypeOpenIDConnect && p.OIDC != nil:
		return p.OIDC
	case t == IdentityProviderTypeSAML && p.SAML != nil:
		return p.SAML
	}
	return nil
}

// Request returns the body that replaces p with its current settings, for
// the read, change, replace cycle that PingOne's full PUT asks for. Secrets
// are not included (PingOne does not return them): set them again if you
// want to change them. A provider of a type this version does not know
// gets [IdentityProviderRawSettings] holding its settings exactly as
// received; its unknown members (Extra) are carried for known types too.
func (p *IdentityProvider) Request() IdentityProviderRequest {
	if p == nil {
		return IdentityProviderRequest{}
	}
	r := IdentityProviderRequest{
		Name:            p.Name,
		Enabled:         p.Enabled,
		Description:     idpOptional(p.Description),
		Icon:            idpOptional(p.Icon),
		LoginButtonIcon: idpOptional(p.LoginButtonIcon),
		Registration:    idpOptional(p.Registration),
	}
	switch v := p.variant().(type) {
	case *IdentityProviderFacebook:
		r.Settings = IdentityProviderFacebookSettings{AppID: v.AppID}
	case *IdentityProviderSocial:
		r.Settings = IdentityProviderSocialSettings{Type: p.Type, ClientID: v.ClientID}
	case *IdentityProviderMicrosoft:
		r.Settings = IdentityProviderMicrosoftSettings{ClientID: v.ClientID, TenantID: idpOptional(v.TenantID)}
	case *IdentityProviderPayPal:
		r.Settings = IdentityProviderPayPalSettings{ClientID: v.ClientID, ClientEnvironment: v.ClientEnvironment}
	case *IdentityProviderApple:
		r.Settings = IdentityProviderAppleSettings{ClientID: v.ClientID, KeyID: v.KeyID, TeamID: v.TeamID}
	case *IdentityProviderOIDC:
		r.Settings = IdentityProviderOIDCSettings{
			AuthorizationEndpoint:   v.AuthorizationEndpoint,
			ClientID:                v.ClientID,
			Issuer:                  v.Issuer,
			JWKSEndpoint:            v.JWKSEndpoint,
			Scopes:                  append([]string(nil), v.Scopes...),
			TokenEndpoint:           v.TokenEndpoint,
			TokenEndpointAuthMethod: v.TokenEndpointAuthMethod,
			DiscoveryEndpoint:       idpOptional(v.DiscoveryEndpoint),
			UserInfoEndpoint:        idpOptional(v.UserInfoEndpoint),
			PKCEMethod:              idpOptional(v.PKCEMethod),
		}
	case *IdentityProviderSAML:
		s := IdentityProviderSAMLSettings{
			IDPEntityID:         v.IDPEntityID,
			SPEntityID:          v.SPEntityID,
			IDPVerification:     IdentityProviderSAMLVerification{Certificates: append([]Ref(nil), v.IDPVerification.Certificates...)},
			SSOBinding:          v.SSOBinding,
			SSOEndpoint:         v.SSOEndpoint,
			AuthnRequestSigned:  idpOptional(v.AuthnRequestSigned),
			SLOBinding:          idpOptional(v.SLOBinding),
			SLOEndpoint:         idpOptional(v.SLOEndpoint),
			SLOResponseEndpoint: idpOptional(v.SLOResponseEndpoint),
			SLOWindow:           idpOptional(v.SLOWindow),
		}
		if v.SPSigning.Key.ID != "" || v.SPSigning.Algorithm != "" {
			s.SPSigning = Value(v.SPSigning)
		}
		r.Settings = s
	default:
		members, _ := idpMembers(p.Raw)
		r.Settings = IdentityProviderRawSettings{
			Type: p.Type,
			Members: idpObject(members, func(name string) bool {
				return !idpCommonMembers[name] && !idpReadOnlyMembers[name]
			}),
		}
		return r
	}
	if len(p.Extra) > 0 {
		r.Extra = make(map[string]jsontext.Value, len(p.Extra))
		for k, v := range p.Extra {
			if !idpReadOnlyMembers[k] {
				r.Extra[k] = v.Clone()
			}
		}
	}
	return r
}

// idpOptional is Value(v), or omitted for a zero v.
func idpOptional[T any](v T) Optional[T] {
	if reflect.ValueOf(&v).Elem().IsZero() { // Ref is not comparable
		return Optional[T]{}
	}
	return Value(v)
}

// IdentityProviderRequest is the body of [IdentityProvidersService.Create]
// and [IdentityProvidersService.Replace].
type IdentityProviderRequest struct {
	Name        string           `json:"name"`
	Description Optional[string] `json:"description,omitzero"`
	// Enabled lets users sign in through the provider.
	Enabled         bool                                   `json:"enabled"`
	Icon            Optional[IdentityProviderIcon]         `json:"icon,omitzero"`
	LoginButtonIcon Optional[IdentityProviderIcon]         `json:"loginButtonIcon,omitzero"`
	Registration    Optional[IdentityProviderRegistration] `json:"registration,omitzero"`
	// Settings is the provider's type with its type-specific settings: an
	// IdentityProviderFacebookSettings, IdentityProviderSocialSettings,
	// IdentityProviderMicrosoftSettings, IdentityProviderPayPalSettings,
	// IdentityProviderAppleSettings, IdentityProviderOIDCSettings,
	// IdentityProviderSAMLSettings, or IdentityProviderRawSettings for a type
	// this version does not know. Required.
	Settings IdentityProviderSettings `json:"-"`
	// Extra members are sent as they are, after the typed ones.
	Extra map[string]jsontext.Value `json:"-"`
}

// idpRequestCommon is the typed part of a request, as sent.
type idpRequestCommon struct {
	Name            string                                 `json:"name"`
	Description     Optional[string]                       `json:"description,omitzero"`
	Enabled         bool                                   `json:"enabled"`
	Type            IdentityProviderType                   `json:"type"`
	Icon            Optional[IdentityProviderIcon]         `json:"icon,omitzero"`
	LoginButtonIcon Optional[IdentityProviderIcon]         `json:"loginButtonIcon,omitzero"`
	Registration    Optional[IdentityProviderRegistration] `json:"registration,omitzero"`
}

func (r IdentityProviderRequest) check() error {
	if r.Name == "" {
		return &ArgumentError{Name: "Name", Problem: "is required"}
	}
	if idpNilSettings(r.Settings) {
		return &ArgumentError{Name: "Settings", Problem: "is required"}
	}
	if r.Settings.idpType() == "" {
		return &ArgumentError{Name: "Settings.Type", Problem: "is required"}
	}
	if raw, ok := r.Settings.(IdentityProviderRawSettings); ok && len(raw.Members) > 0 {
		if _, err := idpMembers(raw.Members); err != nil {
			return &ArgumentError{Name: "Settings.Members", Problem: "is not a JSON object"}
		}
	}
	return nil
}

// MarshalJSONTo implements [json.MarshalerTo]: the common fields, the type
// and the settings in one object, then Extra.
func (r IdentityProviderRequest) MarshalJSONTo(enc *jsontext.Encoder) error {
	if err := r.check(); err != nil {
		return err
	}
	opts := enc.Options()
	common, err := json.Marshal(idpRequestCommon{
		Name: r.Name, Description: r.Description, Enabled: r.Enabled, Type: r.Settings.idpType(),
		Icon: r.Icon, LoginButtonIcon: r.LoginButtonIcon, Registration: r.Registration,
	}, opts)
	if err != nil {
		return err
	}
	settings, err := r.Settings.idpJSON(opts)
	if err != nil {
		return err
	}
	parts := []jsontext.Value{common, settings}
	if len(r.Extra) > 0 {
		extra, err := json.Marshal(r.Extra, opts, json.Deterministic(true))
		if err != nil {
			return err
		}
		parts = append(parts, extra)
	}
	merged, err := idpMerge(parts...)
	if err != nil {
		return err
	}
	return enc.WriteValue(merged)
}

// IdentityProviderSettings is the type-specific part of an
// [IdentityProviderRequest]. It is implemented by the *Settings types of
// this package only.
type IdentityProviderSettings interface {
	idpType() IdentityProviderType
	idpJSON(opts json.Options) (jsontext.Value, error)
}

func idpNilSettings(s IdentityProviderSettings) bool {
	switch v := s.(type) {
	case nil:
		return true
	case *IdentityProviderFacebookSettings:
		return v == nil
	case *IdentityProviderSocialSettings:
		return v == nil
	case *IdentityProviderMicrosoftSettings:
		return v == nil
	case *IdentityProviderPayPalSettings:
		return v == nil
	case *IdentityProviderAppleSettings:
		return v == nil
	case *IdentityProviderOIDCSettings:
		return v == nil
	case *IdentityProviderSAMLSettings:
		return v == nil
	case *IdentityProviderRawSettings:
		return v == nil
	}
	return false
}

// IdentityProviderFacebookSettings configures a FACEBOOK provider.
type IdentityProviderFacebookSettings struct {
	AppID string `json:"appId"`
	// AppSecret is required on Create. PingOne never returns it, so
	// IdentityProvider.Request leaves it unset (omitted from the body).
	AppSecret Secret `json:"appSecret,omitzero"`
}

func (IdentityProviderFacebookSettings) idpType() IdentityProviderType {
	return IdentityProviderTypeFacebook
}

func (s IdentityProviderFacebookSettings) idpJSON(opts json.Options) (jsontext.Value, error) {
	return json.Marshal(s, opts)
}

// IdentityProviderSocialSettings configures a provider of one of the types
// set up with a client ID and secret only: GOOGLE, LINKEDIN, LINKEDIN_OIDC,
// TWITTER, AMAZON, YAHOO or GITHUB.
type IdentityProviderSocialSettings struct {
	// Type is the provider's type. Required.
	Type     IdentityProviderType `json:"-"`
	ClientID string               `json:"clientId"`
	// ClientSecret is required on Create. PingOne never returns it, so
	// IdentityProvider.Request leaves it unset (omitted from the body).
	ClientSecret Secret `json:"clientSecret,omitzero"`
}

func (s IdentityProviderSocialSettings) idpType() IdentityProviderType { return s.Type }

func (s IdentityProviderSocialSettings) idpJSON(opts json.Options) (jsontext.Value, error) {
	return json.Marshal(s, opts)
}

// IdentityProviderMicrosoftSettings configures a MICROSOFT provider.
type IdentityProviderMicrosoftSettings struct {
	ClientID string `json:"clientId"`
	// ClientSecret is required on Create. PingOne never returns it, so
	// IdentityProvider.Request leaves it unset (omitted from the body).
	ClientSecret Secret `json:"clientSecret,omitzero"`
	// TenantID restricts sign-in to one Microsoft Entra tenant.
	TenantID Optional[string] `json:"tenantId,omitzero"`
}

func (IdentityProviderMicrosoftSettings) idpType() IdentityProviderType {
	return IdentityProviderTypeMicrosoft
}

func (s IdentityProviderMicrosoftSettings) idpJSON(opts json.Options) (jsontext.Value, error) {
	return json.Marshal(s, opts)
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
}

func (IdentityProviderPayPalSettings) idpType() IdentityProviderType {
	return IdentityProviderTypePayPal
}

func (s IdentityProviderPayPalSettings) idpJSON(opts json.Options) (jsontext.Value, error) {
	return json.Marshal(s, opts)
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
}

func (IdentityProviderAppleSettings) idpType() IdentityProviderType {
	return IdentityProviderTypeApple
}

func (s IdentityProviderAppleSettings) idpJSON(opts json.Options) (jsontext.Value, error) {
	return json.Marshal(s, opts)
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
}

func (IdentityProviderOIDCSettings) idpType() IdentityProviderType {
	return IdentityProviderTypeOpenIDConnect
}

func (s IdentityProviderOIDCSettings) idpJSON(opts json.Options) (jsontext.Value, error) {
	if s.Scopes == nil {
		s.Scopes = []string{} // required: an empty list, never null
	}
	return json.Marshal(s, opts)
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
}

func (IdentityProviderSAMLSettings) idpType() IdentityProviderType {
	return IdentityProviderTypeSAML
}

func (s IdentityProviderSAMLSettings) idpJSON(opts json.Options) (jsontext.Value, error) {
	if s.IDPVerification.Certificates == nil {
		s.IDPVerification.Certificates = []Ref{}
	}
	return json.Marshal(s, opts)
}

// IdentityProviderRawSettings sends the settings of a provider type this
// version of the SDK does not know: Members is a JSON object whose members
// are sent unchanged next to the common fields (members named like a common
// or read-only field are left out).
type IdentityProviderRawSettings struct {
	Type    IdentityProviderType
	Members jsontext.Value
}

func (s IdentityProviderRawSettings) idpType() IdentityProviderType { return s.Type }

func (s IdentityProviderRawSettings) idpJSON(json.Options) (jsontext.Value, error) {
	if len(s.Members) == 0 {
		return jsontext.Value(`{}`), nil
	}
	members, err := idpMembers(s.Members)
	if err != nil {
		return nil, &ArgumentError{Name: "Settings.Members", Problem: "is not a JSON object"}
	}
	return idpObject(members, func(name string) bool {
		return !idpCommonMembers[name] && !idpReadOnlyMembers[name]
	}), nil
}

// ---- JSON object members, kept byte for byte ----

var errIDPNotObject = errors.New("not a JSON object")

// idpMember is one member of a JSON object: its name, and its name and value
// exactly as they were encoded.
type idpMember struct {
	name           string
	rawName, value jsontext.Value
}

// idpMembers splits a JSON object into its members.
func idpMembers(obj jsontext.Value) ([]idpMember, error) {
	dec := jsontext.NewDecoder(bytes.NewReader(obj), jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
	tok, err := dec.ReadToken()
	if err != nil {
		return nil, err
	}
	if tok.Kind() != '{' {
		return nil, errIDPNotObject
	}
	var out []idpMember
	for dec.PeekKind() != '}' {
		name, err := dec.ReadValue()
		if err != nil {
			return nil, err
		}
		rawName := name.Clone()
		var unquoted string
		if err := json.Unmarshal(rawName, &unquoted, jsontext.AllowInvalidUTF8(true)); err != nil {
			return nil, err
		}
		val, err := dec.ReadValue()
		if err != nil {
			return nil, err
		}
		out = append(out, idpMember{name: unquoted, rawName: rawName, value: val.Clone()})
	}
	if _, err := dec.ReadToken(); err != nil {
		return nil, err
	}
	return out, nil
}

// idpObject joins the members that keep accepts into an object; the first
// of two members with one name wins.
func idpObject(members []idpMember, keep func(name string) bool) jsontext.Value {
	out := []byte{'{'}
	seen := make(map[string]bool, len(members))
	for _, m := range members {
		if seen[m.name] || (keep != nil && !keep(m.name)) {
			continue
		}
		seen[m.name] = true
		if len(out) > 1 {
			out = append(out, ',')
		}
		out = append(out, m.rawName...)
		out = append(out, ':')
		out = append(out, m.value...)
	}
	return append(out, '}')
}

// idpMerge joins the members of several objects, the first of two members
// with one name winning.
func idpMerge(objs ...jsontext.Value) (jsontext.Value, error) {
	var all []idpMember
	for _, o := range objs {
		ms, err := idpMembers(o)
		if err != nil {
			return nil, err
		}
		all = append(all, ms...)
	}
	return idpObject(all, nil), nil
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
	// the provider in [IdentityProvider.Attributes] (expand=attributes).
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
// optional fields that req omits: start from [IdentityProvider.Request],
// which carries no secret since PingOne returns none. The type cannot change
// (PingOne answers 400).
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
