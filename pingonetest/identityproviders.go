package pingonetest

import (
	"net/http"
	"slices"
	"strings"
)

func init() { registerFamily((*Server).routesIdentityProviders) }

// idpTypes are the identity provider types PingOne accepts.
var idpTypes = []string{
	"FACEBOOK", "GOOGLE", "LINKEDIN", "LINKEDIN_OIDC", "APPLE", "TWITTER", "AMAZON",
	"YAHOO", "MICROSOFT", "PAYPAL", "GITHUB", "OPENID_CONNECT", "SAML",
}

// idpSecrets are write-only: accepted on writes, kept, never returned.
var idpSecrets = []string{"clientSecret", "appSecret", "clientSecretSigningKey"}

// idpTypeFields are the type-specific fields of each type. Secrets are
// required on create only: a replace that omits one keeps the stored one,
// because reads never return it.
func idpTypeFields(typ string) map[string]field {
	clientSecret := map[string]field{
		"clientId":     {typ: tString, required: true},
		"clientSecret": {typ: tString, required: true},
	}
	switch typ {
	case "FACEBOOK":
		return map[string]field{
			"appId":     {typ: tString, required: true},
			"appSecret": {typ: tString, required: true},
		}
	case "GOOGLE", "LINKEDIN", "LINKEDIN_OIDC", "TWITTER", "AMAZON", "YAHOO", "GITHUB":
		return clientSecret
	case "MICROSOFT":
		clientSecret["tenantId"] = field{typ: tString}
		return clientSecret
	case "PAYPAL":
		clientSecret["clientEnvironment"] = field{typ: tString, required: true}
		return clientSecret
	case "APPLE":
		return map[string]field{
			"clientId":               {typ: tString, required: true},
			"clientSecretSigningKey": {typ: tString, required: true},
			"keyId":                  {typ: tString, required: true},
			"teamId":                 {typ: tString, required: true},
		}
	case "OPENID_CONNECT":
		clientSecret["authorizationEndpoint"] = field{typ: tString, required: true}
		clientSecret["issuer"] = field{typ: tString, required: true}
		clientSecret["jwksEndpoint"] = field{typ: tString, required: true}
		clientSecret["scopes"] = field{typ: tArray, required: true}
		clientSecret["tokenEndpoint"] = field{typ: tString, required: true}
		clientSecret["tokenEndpointAuthMethod"] = field{typ: tString, required: true, enum: []string{"CLIENT_SECRET_BASIC", "CLIENT_SECRET_POST", "NONE"}}
		clientSecret["discoveryEndpoint"] = field{typ: tString}
		clientSecret["userInfoEndpoint"] = field{typ: tString}
		clientSecret["pkceMethod"] = field{typ: tString, enum: []string{"S256", "NONE"}}
		return clientSecret
	case "SAML":
		binding := []string{"HTTP_POST", "HTTP_REDIRECT"}
		return map[string]field{
			"idpEntityId":         {typ: tString, required: true},
			"spEntityId":          {typ: tString, required: true},
			"idpVerification":     {typ: tObject, required: true},
			"ssoBinding":          {typ: tString, required: true, enum: binding},
			"ssoEndpoint":         {typ: tString, required: true},
			"authnRequestSigned":  {typ: tBool},
			"spSigning":           {typ: tObject},
			"sloBinding":          {typ: tString, enum: binding},
			"sloEndpoint":         {typ: tString},
			"sloResponseEndpoint": {typ: tString},
			"sloWindow":           {typ: tInt, min: 0, max: 24},
		}
	}
	return nil
}

// idpCoreUsernameValue is the value of the CORE username mapping PingOne
// creates with a provider.
func idpCoreUsernameValue(typ string) string {
	switch typ {
	case "SAML":
		return "${samlAssertion.subject}"
	case "OPENID_CONNECT", "APPLE":
		return "${providerAttributes.sub}"
	}
	return "${providerAttributes.email}"
}

// idpCommonFields are the fields of every identity provider.
var idpCommonFields = map[string]field{
	"name":            {typ: tString, required: true, maxLen: 256},
	"description":     {typ: tString, maxLen: 1024},
	"enabled":         {typ: tBool, required: true},
	"type":            {typ: tString, required: true, enum: idpTypes},
	"icon":            {typ: tObject},
	"loginButtonIcon": {typ: tObject},
	"registration":    {typ: tObject},
}

var identityProviderKind = &kind{
	name:        "identity provider",
	idParam:     "providerID",
	list:        listSpec{embedded: "identityProviders", paged: true},
	fields:      idpCommonFields,
	prepare:     prepareIdentityProvider,
	afterDelete: afterDeleteIdentityProvider,
	view: func(c *call, o obj) obj {
		o = clone(o)
		for _, k := range idpSecrets {
			delete(o, k)
		}
		return o
	},
}

func prepareIdentityProvider(c *call, o, old obj) *apiError {
	typ := str(o, "type")
	if old != nil && typ != str(old, "type") {
		return errValue("type", "The type of an identity provider cannot be changed")
	}
	fields := idpTypeFields(typ)
	if old != nil {
		// Secrets are not returned, so a replace may omit them: keep them.
		for _, k := range idpSecrets {
			if _, sent := o[k]; !sent {
				if v, ok := old[k]; ok {
					o[k] = v
				}
			}
		}
	}
	if e := checkFields(o, fields); e != nil {
		return e
	}
	if typ == "OPENID_CONNECT" {
		scopes, _ := o["scopes"].([]any)
		if len(scopes) == 0 {
			return errValue("scopes", "scopes must list at least one scope")
		}
		for _, sc := range scopes {
			if s, ok := sc.(string); !ok || s == "" {
				return errValue("scopes", "scopes must be non-empty strings")
			}
		}
	}
	if typ == "SAML" {
		certs, _ := sub(o, "idpVerification")["certificates"].([]any)
		if len(certs) == 0 {
			return errRequired("idpVerification.certificates")
		}
		for _, ct := range certs {
			m, _ := ct.(map[string]any)
			if str(m, "id") == "" {
				return errRequired("idpVerification.certificates.id")
			}
		}
		if sp := sub(o, "spSigning"); sp != nil && refID(sp, "key") == "" {
			return errRequired("spSigning.key.id")
		}
	}
	// Drop what the type does not know (PingOne ignores it).
	for k := range o {
		if _, common := idpCommonFields[k]; common || slices.Contains(alwaysReadOnly, k) {
			continue
		}
		if _, known := fields[k]; !known {
			delete(o, k)
		}
	}
	if reg := sub(o, "registration"); reg != nil {
		if pop := sub(reg, "population"); pop != nil {
			id := str(pop, "id")
			if id == "" {
				return errRequired("registration.population.id")
			}
			if c.s.st.get(c.s.envPath("populations"), id) == nil {
				return errValue("registration.population.id", "No population with id "+id)
			}
		}
	}
	return nil
}

// afterDeleteIdentityProvider resets to PingOne the populations whose
// default identity provider was the deleted one, and the users linked to it
// (the PingOne docs do not say that such a delete is refused).
func afterDeleteIdentityProvider(c *call, id string, _ obj) {
	for _, p := range c.s.st.list(c.s.envPath("populations")) {
		if refID(p, "defaultIdentityProvider") == id {
			c.s.st.touch(c.s.envPath("populations"), str(p, "id"))
			delete(p, "defaultIdentityProvider")
			p["updatedAt"] = c.s.stamp()
		}
	}
	for _, u := range c.s.st.list(c.s.usersPath()) {
		if refID(u, "identityProvider") == id {
			c.s.st.touch(c.s.usersPath(), str(u, "id"))
			u["identityProvider"] = obj{"type": "PING_ONE"}
			u["updatedAt"] = c.s.stamp()
		}
	}
}

var idpAttributeKind = &kind{
	name:    "identity provider attribute",
	idParam: "providerAttributeID",
	list:    listSpec{embedded: "attributes"},
	fields: map[string]field{
		"name":   {typ: tString, required: true, maxLen: 256},
		"value":  {typ: tString, required: true, maxLen: 1024},
		"update": {typ: tString, required: true, enum: []string{"EMPTY_ONLY", "ALWAYS"}},
	},
	// PingOne sets the mapping type (CORE for its own mappings, CUSTOM for
	// the others) and the provider reference.
	readOnly: []string{"identityProvider", "mappingType"},
	parent: func(c *call) *apiError {
		id := c.r.PathValue("providerID")
		if c.s.st.get(c.s.envPath("identityProviders"), id) == nil {
			return errNotFound("identity provider with id " + id)
		}
		return nil
	},
	prepare: func(c *call, o, old obj) *apiError {
		providerID := c.r.PathValue("providerID")
		for _, a := range c.s.st.list(c.s.envPath("identityProviders", providerID, "attributes")) {
			if equalFold(str(a, "name"), str(o, "name")) && (old == nil || str(a, "id") != str(old, "id")) {
				return errUnique("name", str(a, "id"))
			}
		}
		if old == nil {
			o["mappingType"] = "CUSTOM"
			o["identityProvider"] = obj{"id": providerID}
		} else if str(old, "mappingType") == "CORE" && str(o, "name") != str(old, "name") {
			return errValue("name", "The name of a CORE attribute mapping cannot be changed")
		}
		return nil
	},
	beforeDelete: func(c *call, id string, o obj) *apiError {
		if str(o, "mappingType") == "CORE" {
			return errConstraint("A CORE attribute mapping cannot be deleted")
		}
		return nil
	},
}

func (s *Server) routesIdentityProviders() {
	const coll = "/environments/{envID}/identityProviders"
	s.routes(coll, identityProviderKind, "list", "get", "replace", "delete")
	s.handle("POST "+coll, s.createIdentityProvider)
	s.routes(coll+"/{providerID}/attributes", idpAttributeKind, "list", "get", "create", "replace", "delete")
}

// createIdentityProvider creates a provider with its CORE username mapping,
// returned under _embedded.attributes with expand=attributes.
func (s *Server) createIdentityProvider(c *call) {
	expand := strings.TrimSpace(c.r.URL.Query().Get("expand"))
	if expand != "" && expand != "attributes" {
		c.fail(errInvalid("Invalid expand", detail{Code: "INVALID_PARAMETER", Target: "expand", Message: "expand supports attributes only",
			InnerError: map[string]any{"allowedValues": []string{"attributes"}}}))
		return
	}
	body, e := c.readBody()
	if e != nil {
		c.fail(e)
		return
	}
	collPath := c.path(0)
	o, e := identityProviderKind.create(c, collPath, body)
	if e != nil {
		c.fail(e)
		return
	}
	id := str(o, "id")
	attrColl := collPath + "/" + id + "/attributes"
	attrID := s.newID()
	t := s.stamp()
	core := obj{
		"id": attrID, "environment": obj{"id": s.envID}, "identityProvider": obj{"id": id},
		"name": "username", "value": idpCoreUsernameValue(str(o, "type")), "update": "EMPTY_ONLY", "mappingType": "CORE",
		"createdAt": t, "updatedAt": t,
	}
	s.st.put(attrColl, attrID, core)
	out := identityProviderKind.render(c, collPath, o)
	if expand == "attributes" {
		out["_embedded"] = obj{"attributes": []any{c.decorate(core, attrColl+"/"+attrID)}}
	}
	writeJSON(c.w, http.StatusCreated, out)
}
