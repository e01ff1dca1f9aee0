package pingonetest

import (
	"bytes"
	"io"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"time"
)

func init() {
	registerFamily((*Server).routesApplications)
	registerSeed((*Server).seedApplications)
}

// Application variants, as PingOne tells them apart: by protocol, then
// (for OpenID Connect) by type.
var (
	appProtocols = []string{"OPENID_CONNECT", "SAML", "WS_FED", "EXTERNAL_LINK"}
	// appTypes are the types each protocol may be created with.
	appTypes = map[string][]string{
		"OPENID_CONNECT": {"WEB_APP", "NATIVE_APP", "SINGLE_PAGE_APP", "WORKER", "SERVICE", "CUSTOM_APP"},
		"SAML":           {"WEB_APP", "TEMPLATE_APP", "CUSTOM_APP"},
		"WS_FED":         {"WEB_APP", "TEMPLATE_APP", "CUSTOM_APP"},
		"EXTERNAL_LINK":  {"PORTAL_LINK_APP"},
	}
	// builtInAppTypes exist in every environment; they can be updated
	// (the administration console not even that) but never created.
	builtInAppTypes = []string{"PING_ONE_PORTAL", "PING_ONE_SELF_SERVICE", "PING_ONE_ADMIN_CONSOLE"}

	oidcAuthMethods = []string{"NONE", "CLIENT_SECRET_BASIC", "CLIENT_SECRET_POST", "PRIVATE_KEY_JWT", "CLIENT_SECRET_JWT"}
	oidcGrantTypes  = []string{"AUTHORIZATION_CODE", "IMPLICIT", "REFRESH_TOKEN", "CLIENT_CREDENTIALS", "DEVICE_CODE", "TOKEN_EXCHANGE", "CIBA"}
	oidcResponses   = []string{"TOKEN", "ID_TOKEN", "CODE"}
	pkceOptions     = []string{"OPTIONAL", "REQUIRED", "S256_REQUIRED"}
)

const maxInt32 = 2147483647

var appCommonFields = map[string]field{
	"name":                {typ: tString, required: true, maxLen: 256},
	"description":         {typ: tString, maxLen: 1024},
	"enabled":             {typ: tBool, required: true},
	"protocol":            {typ: tString, required: true},
	"type":                {typ: tString, required: true},
	"accessControl":       {typ: tObject},
	"hiddenFromAppPortal": {typ: tBool},
	"icon":                {typ: tObject},
	"loginPageUrl":        {typ: tString},
}

var oidcFields = map[string]field{
	"tokenEndpointAuthMethod":                       {typ: tString, required: true, enum: oidcAuthMethods},
	"grantTypes":                                    {typ: tArray},
	"responseTypes":                                 {typ: tArray},
	"redirectUris":                                  {typ: tArray},
	"postLogoutRedirectUris":                        {typ: tArray},
	"allowWildcardInRedirectUris":                   {typ: tBool},
	"pkceEnforcement":                               {typ: tString, enum: pkceOptions},
	"parRequirement":                                {typ: tString, enum: []string{"REQUIRED", "OPTIONAL"}},
	"parTimeout":                                    {typ: tInt, min: 1, max: 600},
	"refreshTokenDuration":                          {typ: tInt, min: 60, max: maxInt32},
	"refreshTokenRollingDuration":                   {typ: tInt, min: 0, max: maxInt32},
	"refreshTokenRollingGracePeriodDuration":        {typ: tInt, min: 0, max: 86400},
	"additionalRefreshTokenReplayProtectionEnabled": {typ: tBool},
	"refreshTokenType":                              {typ: tString, enum: []string{"JSON_WEB_TOKEN", "OPAQUE_TOKEN"}},
	"homePageUrl":                                   {typ: tString},
	"initiateLoginUri":                              {typ: tString},
	"targetLinkUri":                                 {typ: tString},
	"jwks":                                          {typ: tString},
	"jwksUrl":                                       {typ: tString},
	"requireSignedRequestObject":                    {typ: tBool},
	"supportUnsignedRequestObject":                  {typ: tBool},
	"includeX5t":                                    {typ: tBool},
	"idpSignoff":                                    {typ: tBool},
	"opSessionCheckEnabled":                         {typ: tBool},
	"assignActorRoles":                              {typ: tBool},
	"requestScopesForMultipleResourcesEnabled":      {typ: tBool},
	"corsSettings":                                  {typ: tObject},
	"devicePathId":                                  {typ: tString},
	"deviceCustomVerificationUri":                   {typ: tString},
	"deviceTimeout":                                 {typ: tInt, min: 1, max: 3600},
	"devicePollingInterval":                         {typ: tInt, min: 1, max: 60},
	"mobile":                                        {typ: tObject},
	"kerberos":                                      {typ: tObject},
	"signing":                                       {typ: tObject},
	"tags":                                          {typ: tArray},
	"template":                                      {typ: tObject},
}

var samlFields = map[string]field{
	"spEntityId":                  {typ: tString, required: true},
	"acsUrls":                     {typ: tArray, required: true},
	"assertionDuration":           {typ: tInt, required: true, min: 1, max: maxInt32},
	"assertionSigned":             {typ: tBool},
	"responseSigned":              {typ: tBool},
	"idpSigning":                  {typ: tObject},
	"spVerification":              {typ: tObject},
	"spEncryption":                {typ: tObject},
	"nameIdFormat":                {typ: tString},
	"sloBinding":                  {typ: tString, enum: []string{"HTTP_POST", "HTTP_REDIRECT"}},
	"sloEndpoint":                 {typ: tString},
	"sloResponseEndpoint":         {typ: tString},
	"sloWindow":                   {typ: tInt, min: 0, max: 24},
	"sessionNotOnOrAfterDuration": {typ: tInt, min: 0, max: maxInt32},
	"defaultTargetUrl":            {typ: tString},
	"enableRequestedAuthnContext": {typ: tBool},
	"homePageUrl":                 {typ: tString},
	"corsSettings":                {typ: tObject},
	"virtualServerIdSettings":     {typ: tObject},
	"template":                    {typ: tObject},
}

var wsFedFields = map[string]field{
	"domainName":                  {typ: tString, required: true},
	"replyUrl":                    {typ: tString, required: true},
	"idpSigning":                  {typ: tObject, required: true},
	"assertionDuration":           {typ: tInt, min: 300, max: 3932100},
	"audienceRestriction":         {typ: tString},
	"sloEndpoint":                 {typ: tString},
	"subjectNameIdentifierFormat": {typ: tString, enum: []string{"urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified", "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"}},
	"wsTrustVersion":              {typ: tString, enum: []string{"1.2", "1.3"}},
	"kerberos":                    {typ: tObject},
	"corsSettings":                {typ: tObject},
}

var externalLinkFields = map[string]field{
	"homePageUrl": {typ: tString, required: true},
	"externalId":  {typ: tString},
}

var portalFields = map[string]field{
	"tokenEndpointAuthMethod":  {typ: tString, required: true, enum: oidcAuthMethods},
	"pkceEnforcement":          {typ: tString, enum: pkceOptions},
	"applyDefaultTheme":        {typ: tBool, required: true},
	"enableDefaultThemeFooter": {typ: tBool},
}

var applicationKind = &kind{
	name:    "application",
	idParam: "applicationID",
	list:    listSpec{embedded: "applications", paged: true},
	fields:  appCommonFields,
	// clientId is PingOne's; clientSecret is only ever served by /secret.
	readOnly:    []string{"clientId", "clientSecret"},
	prepare:     prepareApplication,
	afterDelete: func(c *call, id string, _ obj) { c.s.dropApplication(id) },
	view: func(_ *call, o obj) obj {
		o = clone(o)
		delete(o, "clientSecret")
		if gp := googlePlay(o); gp != nil {
			for _, k := range googlePlayKeys {
				delete(gp, k)
			}
		}
		return o
	},
}

// googlePlayKeys are the write-only Google Play Integrity credentials of a
// native application: accepted on writes, kept, never returned. A replace
// that omits one keeps the stored one, because reads never return it.
var googlePlayKeys = []string{"decryptionKey", "verificationKey", "serviceAccountCredentials"}

// googlePlay returns an application's mobile.integrityDetection.googlePlay
// object, or nil.
func googlePlay(o obj) obj { return sub(sub(sub(o, "mobile"), "integrityDetection"), "googlePlay") }

// prepareGooglePlay keeps the stored keys a replace omits and checks that
// the verification type has the keys it needs.
func prepareGooglePlay(o, old obj) *apiError {
	gp := googlePlay(o)
	if gp == nil {
		return nil
	}
	if was := googlePlay(old); was != nil {
		for _, k := range googlePlayKeys {
			if _, sent := gp[k]; !sent {
				if v, ok := was[k]; ok {
					gp[k] = v
				}
			}
		}
	}
	fields := map[string]field{
		"verificationType":          {typ: tString, required: true, enum: []string{"GOOGLE", "INTERNAL"}},
		"decryptionKey":             {typ: tString},
		"verificationKey":           {typ: tString},
		"serviceAccountCredentials": {typ: tString},
	}
	switch str(gp, "verificationType") {
	case "GOOGLE":
		fields["serviceAccountCredentials"] = field{typ: tString, required: true}
	case "INTERNAL":
		fields["decryptionKey"] = field{typ: tString, required: true}
		fields["verificationKey"] = field{typ: tString, required: true}
	}
	if e := checkFields(gp, fields); e != nil {
		return appPrefixed("mobile.integrityDetection.googlePlay.", e)
	}
	return nil
}

func (s *Server) routesApplications() {
	apps := "/environments/{envID}/applications"
	app := apps + "/{applicationID}"
	s.routes(apps, applicationKind, "list", "get", "create", "replace", "delete")
	s.handle("GET "+app+"/secret", s.getAppSecret)
	s.handle("POST "+app+"/secret", s.rotateAppSecret)
	s.handle("DELETE "+app+"/secret", s.deletePreviousAppSecret)

	s.routes(app+"/grants", grantKind, "list", "get", "create", "replace", "delete")
	s.routes(app+"/signOnPolicyAssignments", sopAssignmentKind, "get", "create", "replace", "delete")
	s.handle("GET "+app+"/signOnPolicyAssignments", s.listSOPAssignments)
	s.routes(app+"/attributes", attributeMappingKind, "list", "get", "create", "replace", "delete")

	ra := roleAssignmentKind("applications", "applicationID", "application")
	checkRole := ra.prepare
	ra.prepare = func(c *call, o, old obj) *apiError {
		if t := str(c.s.st.get(c.s.appsPath(), c.r.PathValue("applicationID")), "type"); t != "WORKER" {
			return errConstraint("Roles can only be assigned to worker applications, not to a " + t + " application")
		}
		return checkRole(c, o, old)
	}
	s.routes(app+"/roleAssignments", ra, "list", "get", "create", "delete")

	s.routes("/environments/{envID}/resources", resourceKind, "list", "get")
	s.routes("/environments/{envID}/resources/{resourceID}/scopes", resourceScopeKind, "list", "get")
}

// prepareApplication validates an application by its variant, fills
// PingOne's defaults and, on create, gives an OpenID Connect application
// its client ID, secret and core attribute mapping.
func prepareApplication(c *call, o, old obj) *apiError {
	proto, typ := str(o, "protocol"), str(o, "type")
	if !slices.Contains(appProtocols, proto) {
		return errInvalid("The request could not be completed. One or more validation errors were in the request.",
			detail{Code: "INVALID_VALUE", Target: "protocol", Message: "Unsupported protocol " + proto, InnerError: map[string]any{"allowedValues": appProtocols}})
	}
	if old != nil {
		for _, f := range []string{"protocol", "type"} {
			if str(o, f) != str(old, f) {
				return errValue(f, "The "+f+" of an application cannot be changed (was "+str(old, f)+")")
			}
		}
	} else if !slices.Contains(appTypes[proto], typ) {
		allowed := appTypes[proto]
		msg := "Type " + typ + " is not valid for protocol " + proto
		if slices.Contains(builtInAppTypes, typ) {
			msg = "PingOne's built-in " + typ + " application cannot be created"
		}
		return errInvalid("The request could not be completed. One or more validation errors were in the request.",
			detail{Code: "INVALID_VALUE", Target: "type", Message: msg, InnerError: map[string]any{"allowedValues": allowed}})
	}
	if e := checkAppCommon(o); e != nil {
		return e
	}
	if _, ok := o["hiddenFromAppPortal"]; !ok {
		o["hiddenFromAppPortal"] = false
	}
	var e *apiError
	switch {
	case typ == "PING_ONE_ADMIN_CONSOLE":
		e = errConstraint("The administration console application cannot be updated")
	case slices.Contains(builtInAppTypes, typ):
		e = checkFields(o, portalFields)
	case proto == "OPENID_CONNECT":
		e = prepareOIDC(o, typ)
		if e == nil {
			e = prepareGooglePlay(o, old)
		}
	case proto == "SAML":
		e = prepareSAML(c, o, old)
	case proto == "WS_FED":
		e = prepareWSFed(o)
	case proto == "EXTERNAL_LINK":
		e = checkFields(o, externalLinkFields)
	}
	if e != nil {
		return e
	}
	if old == nil {
		id := c.s.newID()
		o["id"] = id
		switch proto {
		case "OPENID_CONNECT":
			o["clientId"] = id // PingOne's client ID is the application ID
			c.s.secrets[id] = &appSecrets{current: c.s.secretText(64)}
			c.s.addCoreMapping(id, obj{"name": "sub", "value": "${user.id}", "required": true, "idToken": true, "userInfo": true})
		case "SAML":
			c.s.addCoreMapping(id, obj{"name": "saml_subject", "value": "${user.id}", "required": true,
				"nameFormat": "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified"})
		}
	}
	return nil
}

func checkAppCommon(o obj) *apiError {
	if ac := sub(o, "accessControl"); ac != nil {
		if r := sub(ac, "role"); r != nil {
			if e := checkFields(r, map[string]field{"type": {typ: tString, required: true, enum: []string{"ADMIN_USERS_ONLY"}}}); e != nil {
				return appPrefixed("accessControl.role.", e)
			}
		}
		if g := sub(ac, "group"); g != nil {
			if e := checkFields(g, map[string]field{"type": {typ: tString, required: true, enum: []string{"ANY_GROUP", "ALL_GROUPS"}}, "groups": {typ: tArray, required: true}}); e != nil {
				return appPrefixed("accessControl.group.", e)
			}
		}
	}
	if icon := sub(o, "icon"); icon != nil {
		if e := checkFields(icon, map[string]field{"id": {typ: tString, required: true}, "href": {typ: tString, required: true}}); e != nil {
			return appPrefixed("icon.", e)
		}
	}
	return nil
}

// appPrefixed makes an error's detail targets relative to a parent member.
func appPrefixed(prefix string, e *apiError) *apiError {
	for i := range e.details {
		if e.details[i].Target != "" {
			e.details[i].Target = prefix + e.details[i].Target
		}
	}
	return e
}

// appEnumArray checks that o[name], when present, holds only allowed
// strings.
func appEnumArray(o obj, name string, allowed []string) *apiError {
	for _, v := range asSlice(o[name]) {
		s, ok := v.(string)
		if !ok || !slices.Contains(allowed, s) {
			return errInvalid("The request could not be completed. One or more validation errors were in the request.",
				detail{Code: "INVALID_VALUE", Target: name, Message: name + " holds an unsupported value", InnerError: map[string]any{"allowedValues": allowed}})
		}
	}
	return nil
}

func appHasString(o obj, name, want string) bool {
	for _, v := range asSlice(o[name]) {
		if s, _ := v.(string); s == want {
			return true
		}
	}
	return false
}

func prepareOIDC(o obj, typ string) *apiError {
	if e := checkFields(o, oidcFields); e != nil {
		return e
	}
	if _, ok := o["grantTypes"]; !ok {
		if typ != "WORKER" && typ != "SERVICE" {
			return errRequired("grantTypes")
		}
		o["grantTypes"] = []any{"CLIENT_CREDENTIALS"}
	}
	if e := appEnumArray(o, "grantTypes", oidcGrantTypes); e != nil {
		return e
	}
	if e := appEnumArray(o, "responseTypes", oidcResponses); e != nil {
		return e
	}
	if len(asSlice(o["grantTypes"])) == 0 {
		return errValue("grantTypes", "At least one grant type is required")
	}
	auth := str(o, "tokenEndpointAuthMethod")
	switch {
	case appHasString(o, "grantTypes", "AUTHORIZATION_CODE") && !appHasString(o, "responseTypes", "CODE"):
		return errValue("responseTypes", "The AUTHORIZATION_CODE grant type needs the CODE response type")
	case appHasString(o, "grantTypes", "IMPLICIT") && !appHasString(o, "responseTypes", "TOKEN") && !appHasString(o, "responseTypes", "ID_TOKEN"):
		return errValue("responseTypes", "The IMPLICIT grant type needs the TOKEN or ID_TOKEN response type")
	case appHasString(o, "grantTypes", "CLIENT_CREDENTIALS") && (typ == "NATIVE_APP" || typ == "SINGLE_PAGE_APP"):
		return errValue("grantTypes", "A "+typ+" application cannot use the CLIENT_CREDENTIALS grant type")
	case appHasString(o, "grantTypes", "CLIENT_CREDENTIALS") && auth == "NONE":
		return errValue("tokenEndpointAuthMethod", "The CLIENT_CREDENTIALS grant type needs a client authentication method other than NONE")
	case typ == "SINGLE_PAGE_APP" && auth != "NONE":
		return errValue("tokenEndpointAuthMethod", "A SINGLE_PAGE_APP application must use the NONE token endpoint authentication method")
	}
	if cors := sub(o, "corsSettings"); cors != nil {
		if e := checkFields(cors, map[string]field{"behavior": {typ: tString, required: true, enum: []string{"ALLOW_NO_ORIGINS", "ALLOW_SPECIFIC_ORIGINS"}}, "origins": {typ: tArray}}); e != nil {
			return appPrefixed("corsSettings.", e)
		}
		if len(asSlice(cors["origins"])) > 20 {
			return errValue("corsSettings.origins", "At most 20 origins are allowed")
		}
	}
	defaults := obj{"pkceEnforcement": "OPTIONAL", "parRequirement": "OPTIONAL", "parTimeout": 60}
	if appHasString(o, "grantTypes", "REFRESH_TOKEN") {
		defaults["refreshTokenDuration"] = 2592000
		defaults["refreshTokenRollingDuration"] = 15552000
		defaults["additionalRefreshTokenReplayProtectionEnabled"] = true
	}
	for k, v := range defaults {
		if _, ok := o[k]; !ok {
			o[k] = v
		}
	}
	return nil
}

func prepareSAML(c *call, o, old obj) *apiError {
	if e := checkFields(o, samlFields); e != nil {
		return e
	}
	if len(asSlice(o["acsUrls"])) == 0 {
		return errValue("acsUrls", "At least one ACS URL is required")
	}
	if sg := sub(o, "idpSigning"); sg != nil && refID(sg, "key") == "" {
		return errRequired("idpSigning.key.id")
	}
	if v := sub(o, "spVerification"); v != nil {
		if e := checkFields(v, map[string]field{"certificates": {typ: tArray, required: true}, "authnRequestSigned": {typ: tBool}}); e != nil {
			return appPrefixed("spVerification.", e)
		}
	}
	if enc := sub(o, "spEncryption"); enc != nil {
		if e := checkFields(enc, map[string]field{"algorithm": {typ: tString, required: true, enum: []string{"AES_128", "AES_256", "TRIPLEDES"}}, "certificate": {typ: tRef, required: true}}); e != nil {
			return appPrefixed("spEncryption.", e)
		}
	}
	// The SP entity ID identifies the service provider: unique in the
	// environment.
	for _, a := range c.s.st.list(c.s.appsPath()) {
		if str(a, "protocol") == "SAML" && str(a, "spEntityId") == str(o, "spEntityId") && (old == nil || str(a, "id") != str(old, "id")) {
			return errUnique("spEntityId", str(a, "id"))
		}
	}
	for k, v := range (obj{"assertionSigned": true, "responseSigned": false, "sloBinding": "HTTP_POST"}) {
		if _, ok := o[k]; !ok {
			o[k] = v
		}
	}
	return nil
}

func prepareWSFed(o obj) *apiError {
	if e := checkFields(o, wsFedFields); e != nil {
		return e
	}
	sg := sub(o, "idpSigning")
	if e := checkFields(sg, map[string]field{
		"algorithm": {typ: tString, required: true, enum: []string{"SHA256withRSA", "SHA384withRSA", "SHA512withRSA", "SHA256withECDSA", "SHA384withECDSA", "SHA512withECDSA"}},
		"key":       {typ: tRef, required: true},
	}); e != nil {
		return appPrefixed("idpSigning.", e)
	}
	for k, v := range (obj{"assertionDuration": 3600, "audienceRestriction": "urn:federation:MicrosoftOnline"}) {
		if _, ok := o[k]; !ok {
			o[k] = v
		}
	}
	return nil
}

// addCoreMapping gives a new application the attribute mapping PingOne
// creates with it.
func (s *Server) addCoreMapping(appID string, m obj) {
	id := s.newID()
	t := s.stamp()
	m["id"], m["environment"], m["application"] = id, obj{"id": s.envID}, obj{"id": appID}
	m["mappingType"] = "CORE"
	m["createdAt"], m["updatedAt"] = t, t
	s.st.put(s.envPath("applications", appID, "attributes"), id, m)
}

// dropApplication cleans up after an application is deleted (its
// sub-collections are gone with it): its secrets, the tokens issued to it,
// and the role assignments scoped to it.
func (s *Server) dropApplication(id string) {
	delete(s.secrets, id)
	for tok, info := range s.tokens {
		if info.appID == id {
			delete(s.tokens, tok)
		}
	}
	for tok, info := range s.refreshes {
		if info.appID == id {
			delete(s.refreshes, tok)
		}
	}
	for code, info := range s.codes {
		if info.appID == id {
			delete(s.codes, code)
		}
	}
	for _, holder := range []string{"users", "groups", "applications"} {
		for _, p := range s.st.collsEnding(s.envPath(holder)+"/", "/roleAssignments") {
			for _, ra := range s.st.list(p) {
				if sc := sub(ra, "scope"); str(sc, "type") == "APPLICATION" && str(sc, "id") == id {
					s.st.remove(p, str(ra, "id"))
				}
			}
		}
	}
}

// requireApp answers 404 for a missing application and returns it.
func (s *Server) requireApp(c *call) obj {
	id := c.r.PathValue("applicationID")
	app := s.st.get(s.appsPath(), id)
	if app == nil {
		c.fail(errNotFound("application with id " + id))
	}
	return app
}

func appParent(c *call) *apiError {
	id := c.r.PathValue("applicationID")
	if c.s.st.get(c.s.appsPath(), id) == nil {
		return errNotFound("application with id " + id)
	}
	return nil
}

// ---- secrets ----

// maxPreviousSecretLife is how long PingOne lets a rotated-out secret live.
const maxPreviousSecretLife = 30 * 24 * time.Hour

// appWithSecret returns an application and its secrets, answering the
// errors PingOne gives: 404 for a missing application, 400 for one without
// a client secret.
func (s *Server) appWithSecret(c *call) (obj, *appSecrets) {
	app := s.requireApp(c)
	if app == nil {
		return nil, nil
	}
	sec := s.secrets[str(app, "id")]
	if str(app, "protocol") != "OPENID_CONNECT" || sec == nil {
		c.fail(errConstraint("The application has no client secret: only OpenID Connect applications have one"))
		return nil, nil
	}
	if sec.previous != "" && !s.now().Before(sec.previousExpires) {
		sec.previous, sec.previousExpires, sec.previousUsed = "", time.Time{}, time.Time{}
	}
	return app, sec
}

func (s *Server) renderSecret(c *call, sec *appSecrets) obj {
	o := obj{"environment": obj{"id": s.envID}, "secret": sec.current}
	if sec.previous != "" {
		p := obj{"secret": sec.previous, "expiresAt": sec.previousExpires.UTC().Format("2006-01-02T15:04:05.000Z")}
		if !sec.previousUsed.IsZero() {
			p["lastUsed"] = sec.previousUsed.UTC().Format("2006-01-02T15:04:05.000Z")
		}
		o["previous"] = p
	}
	return c.decorate(o, c.path(0))
}

func (s *Server) getAppSecret(c *call) {
	app, sec := s.appWithSecret(c)
	if app == nil {
		return
	}
	// PingOne keeps a worker from reading its own secret.
	if c.auth != nil && c.auth.userID == "" && c.auth.appID == str(app, "id") {
		c.fail(errAccess(403, "INSUFFICIENT_PERMISSIONS", "An application cannot read its own secret"))
		return
	}
	writeJSON(c.w, http.StatusOK, s.renderSecret(c, sec))
}

// rotateAppSecret generates a new secret. The old one keeps working until
// previous.expiresAt (at most 30 days ahead) when the body asks for it, and
// stops at once otherwise.
func (s *Server) rotateAppSecret(c *call) {
	app, sec := s.appWithSecret(c)
	if app == nil {
		return
	}
	data, err := io.ReadAll(io.LimitReader(c.r.Body, 1<<20))
	if err != nil {
		c.fail(errRequest(400, "unable to read the request body"))
		return
	}
	var keepUntil time.Time
	if len(bytes.TrimSpace(data)) > 0 {
		c.r.Body = io.NopCloser(bytes.NewReader(data))
		body, ok := c.readChecked(map[string]field{"previous": {typ: tObject}})
		if !ok {
			return
		}
		if prev := sub(body, "previous"); prev != nil {
			if e := checkFields(prev, map[string]field{"expiresAt": {typ: tString, required: true}}); e != nil {
				c.fail(appPrefixed("previous.", e))
				return
			}
			t, err := time.Parse(time.RFC3339Nano, str(prev, "expiresAt"))
			if err != nil {
				c.fail(errValue("previous.expiresAt", "expiresAt must be an RFC 3339 date-time"))
				return
			}
			if now := s.now(); !t.After(now) || t.After(now.Add(maxPreviousSecretLife+time.Minute)) {
				c.fail(errInvalid("The request could not be completed. One or more validation errors were in the request.",
					detail{Code: "OUT_OF_RANGE", Target: "previous.expiresAt", Message: "expiresAt must be in the future and at most 30 days ahead"}))
				return
			}
			keepUntil = t
		}
	}
	if keepUntil.IsZero() {
		sec.previous, sec.previousExpires = "", time.Time{}
	} else {
		sec.previous, sec.previousExpires = sec.current, keepUntil
	}
	sec.previousUsed = time.Time{}
	sec.current = s.secretText(64)
	writeJSON(c.w, http.StatusOK, s.renderSecret(c, sec))
}

func (s *Server) deletePreviousAppSecret(c *call) {
	app, sec := s.appWithSecret(c)
	if app == nil {
		return
	}
	sec.previous, sec.previousExpires, sec.previousUsed = "", time.Time{}, time.Time{}
	c.w.WriteHeader(http.StatusNoContent)
}

// ---- grants ----

var grantKind = &kind{
	name:    "grant",
	idParam: "grantID",
	list:    listSpec{embedded: "grants"},
	fields: map[string]field{
		"resource": {typ: tRef, required: true},
		"scopes":   {typ: tArray, required: true},
	},
	readOnly: []string{"application"},
	parent:   appParent,
	prepare: func(c *call, o, old obj) *apiError {
		appID := c.r.PathValue("applicationID")
		resID := refID(o, "resource")
		if c.s.st.get(c.s.envPath("resources"), resID) == nil {
			return errValue("resource.id", "No resource with id "+resID)
		}
		scopes := asSlice(o["scopes"])
		if len(scopes) == 0 {
			return errValue("scopes", "At least one scope is required")
		}
		for _, sc := range scopes {
			m, _ := sc.(map[string]any)
			id := str(m, "id")
			if id == "" {
				return errRequired("scopes.id")
			}
			if c.s.st.get(c.s.envPath("resources", resID, "scopes"), id) == nil {
				return errValue("scopes.id", "No scope with id "+id+" in resource "+resID)
			}
		}
		for _, g := range c.s.st.list(c.path(grantDepth(old))) {
			if refID(g, "resource") == resID && (old == nil || str(g, "id") != str(old, "id")) {
				return errUnique("resource.id", str(g, "id"))
			}
		}
		o["application"] = obj{"id": appID}
		return nil
	},
}

// grantDepth is how many path segments lead from the request path to the
// collection: none when creating, one when replacing.
func grantDepth(old obj) int {
	if old == nil {
		return 0
	}
	return 1
}

// Resource is a protected resource seeded in the server, whose scopes
// applications can be granted.
type Resource struct {
	ID   string
	Name string
	// Scopes maps each scope's name to its ID.
	Scopes map[string]string
}

// seededResources are the resources a new server holds, with their scopes.
var seededResources = []struct {
	name, typ, description, audience string
	scopes                           []string
}{
	{"openid", "OPENID_CONNECT", "OpenID Connect", "openid", []string{"openid", "profile", "email", "address", "phone"}},
	{"PingOne API", "PINGONE_API", "The PingOne platform's own API", "https://api.pingone.com", []string{"p1:read:user", "p1:update:user", "p1:read:userPassword", "p1:reset:userPassword"}},
}

// resourceKind and resourceScopeKind serve the seeded resources and their
// scopes, read-only: enough to find the IDs an application grant needs.
var (
	resourceKind = &kind{
		name:    "resource",
		idParam: "resourceID",
		list:    listSpec{embedded: "resources"},
	}
	resourceScopeKind = &kind{
		name:    "scope",
		idParam: "scopeID",
		list:    listSpec{embedded: "scopes"},
		parent: func(c *call) *apiError {
			id := c.r.PathValue("resourceID")
			if c.s.st.get(c.s.envPath("resources"), id) == nil {
				return errNotFound("resource with id " + id)
			}
			return nil
		},
	}
)

// seedApplications adds the resources that grants refer to and PingOne's
// built-in portal and self-service applications.
func (s *Server) seedApplications() {
	t := s.stamp()
	for _, r := range seededResources {
		id := s.newID()
		s.st.put(s.envPath("resources"), id, obj{"id": id, "environment": obj{"id": s.envID}, "name": r.name, "type": r.typ,
			"description": r.description, "audience": r.audience, "accessTokenValiditySeconds": 3600, "createdAt": t, "updatedAt": t})
		for _, name := range r.scopes {
			sid := s.newID()
			s.st.put(s.envPath("resources", id, "scopes"), sid, obj{"id": sid, "name": name, "description": "The " + name + " scope",
				"resource": obj{"id": id}, "environment": obj{"id": s.envID}, "createdAt": t, "updatedAt": t})
		}
	}
	for _, a := range []obj{
		{"name": "PingOne Application Portal", "type": "PING_ONE_PORTAL", "applyDefaultTheme": true},
		{"name": "PingOne Self-Service - MyAccount", "type": "PING_ONE_SELF_SERVICE", "applyDefaultTheme": true, "enableDefaultThemeFooter": true},
	} {
		id := s.newID()
		a["id"], a["clientId"], a["environment"] = id, id, obj{"id": s.envID}
		a["protocol"], a["enabled"], a["hiddenFromAppPortal"] = "OPENID_CONNECT", true, true
		a["tokenEndpointAuthMethod"], a["pkceEnforcement"] = "NONE", "S256_REQUIRED"
		a["createdAt"], a["updatedAt"] = t, t
		s.st.put(s.appsPath(), id, a)
	}
}

// Resource returns a seeded resource by name: "openid" (scopes openid,
// profile, email, address, phone) or "PingOne API".
func (s *Server) Resource(name string) (Resource, bool) {
	for _, r := range s.Resources() {
		if r.Name == name {
			return r, true
		}
	}
	return Resource{}, false
}

// Resources returns the seeded resources, which GET
// /environments/{envID}/resources also lists.
func (s *Server) Resources() []Resource {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Resource
	for _, r := range s.st.list(s.envPath("resources")) {
		res := Resource{ID: str(r, "id"), Name: str(r, "name"), Scopes: map[string]string{}}
		for _, sc := range s.st.list(s.envPath("resources", res.ID, "scopes")) {
			res.Scopes[str(sc, "name")] = str(sc, "id")
		}
		out = append(out, res)
	}
	return out
}

// ---- sign-on policy assignments ----

var sopAssignmentKind = &kind{
	name:    "sign-on policy assignment",
	idParam: "SOPAssignmentID",
	list:    listSpec{embedded: "signOnPolicyAssignments"},
	fields: map[string]field{
		"signOnPolicy": {typ: tRef, required: true},
		"priority":     {typ: tInt, required: true, min: 1, max: maxInt32},
	},
	readOnly: []string{"application"},
	parent:   appParent,
	prepare: func(c *call, o, old obj) *apiError {
		polID := refID(o, "signOnPolicy")
		if c.s.st.get(c.s.envPath("signOnPolicies"), polID) == nil {
			return errValue("signOnPolicy.id", "No sign-on policy with id "+polID)
		}
		for _, a := range c.s.st.list(c.path(grantDepth(old))) {
			if refID(a, "signOnPolicy") == polID && (old == nil || str(a, "id") != str(old, "id")) {
				return errUnique("signOnPolicy.id", str(a, "id"))
			}
		}
		o["application"] = obj{"id": c.r.PathValue("applicationID")}
		return nil
	},
}

// listSOPAssignments lists an application's assignments by priority, as
// PingOne evaluates them.
func (s *Server) listSOPAssignments(c *call) {
	if s.requireApp(c) == nil {
		return
	}
	coll := c.path(0)
	items := slices.Clone(s.st.list(coll))
	sort.SliceStable(items, func(i, j int) bool {
		a, _ := number(items[i], "priority")
		b, _ := number(items[j], "priority")
		return a < b
	})
	spec := sopAssignmentKind.list
	spec.view = func(c *call, o obj) obj { return c.decorate(o, coll+"/"+str(o, "id")) }
	c.serveList(items, spec)
}

// ---- attribute mappings ----

var attributeMappingKind = &kind{
	name:    "attribute mapping",
	idParam: "attrMappingID",
	list:    listSpec{embedded: "attributes"},
	fields: map[string]field{
		"name":       {typ: tString, required: true, maxLen: 256},
		"value":      {typ: tString, required: true},
		"required":   {typ: tBool, required: true},
		"nameFormat": {typ: tString},
		"idToken":    {typ: tBool},
		"userInfo":   {typ: tBool},
		"oidcScopes": {typ: tArray},
	},
	readOnly: []string{"application", "mappingType"},
	parent:   appParent,
	prepare: func(c *call, o, old obj) *apiError {
		app := c.s.st.get(c.s.appsPath(), c.r.PathValue("applicationID"))
		switch str(app, "protocol") {
		case "OPENID_CONNECT":
			if _, ok := o["nameFormat"]; ok {
				return errValue("nameFormat", "nameFormat applies to SAML applications only")
			}
			for _, f := range []string{"idToken", "userInfo"} {
				if _, ok := o[f]; !ok {
					o[f] = true
				}
			}
		case "SAML":
			for _, f := range []string{"idToken", "userInfo", "oidcScopes"} {
				if _, ok := o[f]; ok {
					return errValue(f, f+" applies to OpenID Connect applications only")
				}
			}
		default:
			return errConstraint("Attribute mappings apply to OpenID Connect and SAML applications only")
		}
		if !attrValue.MatchString(str(o, "value")) {
			return errValue("value", "value must be an expression such as ${user.email}")
		}
		if old != nil && str(old, "mappingType") == "CORE" && str(o, "name") != str(old, "name") {
			return errValue("name", "The name of a core attribute mapping cannot change")
		}
		for _, m := range c.s.st.list(c.path(grantDepth(old))) {
			if equalFold(str(m, "name"), str(o, "name")) && (old == nil || str(m, "id") != str(old, "id")) {
				return errUnique("name", str(m, "id"))
			}
		}
		if old == nil {
			o["mappingType"] = "CUSTOM"
		}
		o["application"] = obj{"id": str(app, "id")}
		return nil
	},
	beforeDelete: func(_ *call, _ string, o obj) *apiError {
		if str(o, "mappingType") == "CORE" {
			return errConstraint("A core attribute mapping cannot be deleted")
		}
		return nil
	},
}

// attrValue accepts an expression or a literal without a dangling "${".
var attrValue = regexp.MustCompile(`^(\$\{[^{}]+\}|[^$]*)$`)
