package roundtrip

// This file holds the only facts the generator adds to the contract. They
// come from NOTES.md in the spec directory (section (h)), not from the
// schemas, which cannot say them.

// discriminators gives, for each variant of the contract's polymorphic
// schemas (anyOf lists without a discriminator), the values of the members
// that select it: applications by protocol, then, for OPENID_CONNECT, by
// type (the PingOne portal, self-service and admin console apps apart from
// the others); identity providers by type (NOTES (h) 1). A variant with
// several entries gets a shape (and bodies) for each. Every value must be
// among the member's enum in the contract; a variant missing here fails the
// generation.
var discriminators = map[string][]map[string]string{
	"ApplicationOIDC":                {{"protocol": "OPENID_CONNECT", "type": "WEB_APP"}},
	"ApplicationSAML":                {{"protocol": "SAML", "type": "WEB_APP"}},
	"ApplicationWSFED":               {{"protocol": "WS_FED", "type": "WEB_APP"}},
	"ApplicationExternalLink":        {{"protocol": "EXTERNAL_LINK", "type": "PORTAL_LINK_APP"}},
	"ApplicationPingOnePortal":       {{"protocol": "OPENID_CONNECT", "type": "PING_ONE_PORTAL"}},
	"ApplicationPingOneSelfService":  {{"protocol": "OPENID_CONNECT", "type": "PING_ONE_SELF_SERVICE"}},
	"ApplicationPingOneAdminConsole": {{"protocol": "OPENID_CONNECT", "type": "PING_ONE_ADMIN_CONSOLE"}},
	"IdentityProviderFacebook":       {{"type": "FACEBOOK"}},
	"IdentityProviderClientIDClientSecret": {
		{"type": "GOOGLE"}, {"type": "LINKEDIN"}, {"type": "LINKEDIN_OIDC"}, {"type": "TWITTER"},
		{"type": "AMAZON"}, {"type": "YAHOO"}, {"type": "GITHUB"},
	},
	"IdentityProviderOIDC":      {{"type": "OPENID_CONNECT"}},
	"IdentityProviderApple":     {{"type": "APPLE"}},
	"IdentityProviderPaypal":    {{"type": "PAYPAL"}},
	"IdentityProviderMicrosoft": {{"type": "MICROSOFT"}},
	"IdentityProviderSAML":      {{"type": "SAML"}},
}

// linkRelations name the members of a HAL _links object in generated
// bodies: the spec types _links as a map of links without naming any, and
// PingOne pages through "next" (NOTES (h) 15).
var linkRelations = []string{"self", "next"}

// timestampMembers hold timestamps whatever their schema says: several
// schemas type createdAt and updatedAt as plain strings (NOTES (h) 8).
var timestampMembers = []string{"createdAt", "updatedAt"}
