package pingonetest

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// tokenInfo is what an access token stands for.
type tokenInfo struct {
	envID    string
	userID   string // set for tokens obtained by a user signing in
	appID    string // the application the token was issued to
	clientID string
	scopes   []string
	expiry   time.Time
}

type refreshInfo struct {
	envID, userID, appID, clientID string
	scopes                         []string
}

type codeInfo struct {
	envID, userID, appID, clientID string
	redirectURI                    string
	challenge, method              string
	scopes                         []string
	expiry                         time.Time
}

// appSecrets are an application's client secrets: the current one and the
// previous one, which keeps working until it expires.
type appSecrets struct {
	current         string
	previous        string
	previousExpires time.Time
	previousUsed    time.Time
}

func (s *Server) routesAuth() {
	s.authMux.HandleFunc("GET /{envID}/as/authorize", s.authorizeForm)
	s.authMux.HandleFunc("POST /{envID}/as/authorize", s.authorizeSubmit)
	s.authMux.HandleFunc("POST /{envID}/as/token", s.tokenEndpoint)
	s.authMux.HandleFunc("POST /{envID}/as/revoke", s.revokeEndpoint)
	s.authMux.HandleFunc("GET /{envID}/as/userinfo", s.userinfo)
	s.authMux.HandleFunc("POST /{envID}/as/userinfo", s.userinfo)
	s.mux.HandleFunc("/v1/", s.notFoundRoute)
	s.mux.HandleFunc("/v1", s.notFoundRoute)
	s.authMux.HandleFunc("/", s.notFoundRoute)
}

var signInPage = template.Must(template.New("signin").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign On</title></head>
<body>
<h1>Sign On</h1>
{{if .Error}}<p id="error" role="alert">{{.Error}}</p>{{end}}
<form id="signon" method="post" action="{{.Action}}">
{{range $k, $v := .Hidden}}<input type="hidden" name="{{$k}}" value="{{$v}}">
{{end}}<label for="username">Username</label> <input id="username" name="username" autocomplete="username" value="{{.Username}}">
<label for="password">Password</label> <input id="password" name="password" type="password" autocomplete="current-password">
<button id="submit" type="submit">Sign On</button>
</form>
</body></html>
`))

// authParams are the authorization request parameters carried through the
// sign-in form.
var authParams = []string{"client_id", "redirect_uri", "response_type", "scope", "state", "code_challenge", "code_challenge_method", "nonce"}

// checkAuthorizeRequest validates an authorization request and returns the
// application. A bad client or redirect URI is shown to the user, never
// redirected (RFC 6749 4.1.2.1).
func (s *Server) checkAuthorizeRequest(envID string, q url.Values) (obj, string) {
	if envID != s.envID {
		return nil, "Unknown environment."
	}
	app := s.appByClientID(q.Get("client_id"))
	if app == nil {
		return nil, "Unknown client_id."
	}
	if !redirectAllowed(app, q.Get("redirect_uri")) {
		return nil, "The redirect_uri is not registered for this application."
	}
	if q.Get("response_type") != "code" {
		return nil, "Only response_type=code is supported."
	}
	m := q.Get("code_challenge_method")
	if q.Get("code_challenge") != "" && m != "S256" && m != "plain" && m != "" {
		return nil, "Unsupported code_challenge_method."
	}
	if str(app, "pkceEnforcement") == "S256_REQUIRED" && (q.Get("code_challenge") == "" || m != "S256") {
		return nil, "This application requires PKCE with S256."
	}
	return app, ""
}

func (s *Server) authorizeForm(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	q := r.URL.Query()
	_, msg := s.checkAuthorizeRequest(r.PathValue("envID"), q)
	s.mu.Unlock()
	if msg != "" {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(msg + "\n"))
		return
	}
	s.renderSignIn(w, r, q, "", "", http.StatusOK)
}

func (s *Server) renderSignIn(w http.ResponseWriter, r *http.Request, q url.Values, username, errMsg string, status int) {
	hidden := map[string]string{}
	for _, k := range authParams {
		if v := q.Get(k); v != "" {
			hidden[k] = v
		}
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = signInPage.Execute(w, map[string]any{
		"Action": r.URL.Path, "Hidden": hidden, "Username": username, "Error": errMsg,
	})
}

func (s *Server) authorizeSubmit(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	q := r.PostForm
	s.mu.Lock()
	defer s.mu.Unlock()
	app, msg := s.checkAuthorizeRequest(r.PathValue("envID"), q)
	if msg != "" {
		http.Error(w, msg, http.StatusBadRequest)
		return
	}
	username := q.Get("username")
	user := s.userByUsername(username)
	if user == nil || !s.passwordMatches(str(user, "id"), q.Get("password")) {
		s.recordSignOn(str(user, "id"), false)
		s.renderSignIn(w, r, q, username, "Incorrect username or password.", http.StatusUnauthorized)
		return
	}
	if enabled, _ := boolean(user, "enabled"); !enabled {
		s.recordSignOn(str(user, "id"), false)
		s.renderSignIn(w, r, q, username, "This account is disabled.", http.StatusForbidden)
		return
	}
	s.recordSignOn(str(user, "id"), true)
	code := s.secretText(32)
	s.codes[code] = &codeInfo{
		envID: s.envID, userID: str(user, "id"), appID: str(app, "id"), clientID: q.Get("client_id"),
		redirectURI: q.Get("redirect_uri"), challenge: q.Get("code_challenge"), method: q.Get("code_challenge_method"),
		scopes: strings.Fields(q.Get("scope")), expiry: s.now().Add(2 * time.Minute),
	}
	ru, _ := url.Parse(q.Get("redirect_uri"))
	rq := ru.Query()
	rq.Set("code", code)
	if st := q.Get("state"); st != "" {
		rq.Set("state", st)
	}
	ru.RawQuery = rq.Encode()
	http.Redirect(w, r, ru.String(), http.StatusFound)
}

// redirectAllowed accepts registered redirect URIs exactly, and loopback
// ones on any port (RFC 8252 7.3).
func redirectAllowed(app obj, uri string) bool {
	if uri == "" {
		return false
	}
	u, err := url.Parse(uri)
	if err != nil {
		return false
	}
	list, _ := app["redirectUris"].([]any)
	for _, v := range list {
		reg, _ := v.(string)
		if reg == uri {
			return true
		}
		ru, err := url.Parse(reg)
		if err != nil {
			continue
		}
		if u.Scheme == "http" && ru.Scheme == "http" && isLoopback(u.Hostname()) && u.Hostname() == ru.Hostname() && u.Path == ru.Path && u.RawQuery == ru.RawQuery {
			return true
		}
	}
	return false
}

func isLoopback(h string) bool { return h == "127.0.0.1" || h == "::1" || h == "localhost" }

// oauthError writes an RFC 6749 error.
func oauthError(w http.ResponseWriter, status int, code, desc string) {
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Basic realm="token"`)
	}
	writeJSON(w, status, map[string]any{"error": code, "error_description": desc})
}

func (s *Server) tokenEndpoint(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		oauthError(w, 400, "invalid_request", "The request body must be form-encoded")
		return
	}
	f := r.PostForm
	s.mu.Lock()
	defer s.mu.Unlock()
	if r.PathValue("envID") != s.envID {
		oauthError(w, 400, "invalid_request", "Unknown environment")
		return
	}
	app, clientID, ok := s.authenticateClient(w, r)
	if !ok {
		return
	}
	grant := f.Get("grant_type")
	if !appAllowsGrant(app, grant) {
		oauthError(w, 400, "unauthorized_client", "The application may not use grant type "+grant)
		return
	}
	switch grant {
	case "client_credentials":
		if str(app, "type") != "WORKER" {
			oauthError(w, 400, "unauthorized_client", "Only worker applications may use client_credentials")
			return
		}
		s.issue(w, &tokenInfo{envID: s.envID, appID: str(app, "id"), clientID: clientID, scopes: strings.Fields(f.Get("scope"))}, false)
	case "authorization_code":
		ci := s.codes[f.Get("code")]
		delete(s.codes, f.Get("code")) // single use
		if ci == nil || s.now().After(ci.expiry) || ci.clientID != clientID {
			oauthError(w, 400, "invalid_grant", "The authorization code is invalid or expired")
			return
		}
		if ci.redirectURI != f.Get("redirect_uri") {
			oauthError(w, 400, "invalid_grant", "redirect_uri does not match the authorization request")
			return
		}
		if !pkceMatches(ci.challenge, ci.method, f.Get("code_verifier")) {
			oauthError(w, 400, "invalid_grant", "PKCE verification failed")
			return
		}
		s.issue(w, &tokenInfo{envID: ci.envID, userID: ci.userID, appID: ci.appID, clientID: clientID, scopes: ci.scopes}, true)
	case "refresh_token":
		rt := f.Get("refresh_token")
		ri := s.refreshes[rt]
		if ri == nil || ri.clientID != clientID {
			oauthError(w, 400, "invalid_grant", "The refresh token is invalid")
			return
		}
		delete(s.refreshes, rt) // rotation: a refresh token is used once
		if u := s.st.get(s.usersPath(), ri.userID); ri.userID != "" {
			if enabled, _ := boolean(u, "enabled"); u == nil || !enabled {
				oauthError(w, 400, "invalid_grant", "The user is disabled or no longer exists")
				return
			}
		}
		s.issue(w, &tokenInfo{envID: ri.envID, userID: ri.userID, appID: ri.appID, clientID: clientID, scopes: ri.scopes}, true)
	default:
		oauthError(w, 400, "unsupported_grant_type", "Unsupported grant type")
	}
}

// authenticateClient authenticates the client of a token or revocation
// request (s.mu held, the form parsed): basic or post, or none for a
// public client, as its tokenEndpointAuthMethod says. On failure it
// answers the error and reports false.
func (s *Server) authenticateClient(w http.ResponseWriter, r *http.Request) (obj, string, bool) {
	f := r.PostForm
	clientID, secret, basic := r.BasicAuth()
	if basic {
		clientID, _ = url.QueryUnescape(clientID)
		secret, _ = url.QueryUnescape(secret)
		if f.Get("client_secret") != "" {
			oauthError(w, 400, "invalid_request", "Use one client authentication method")
			return nil, "", false
		}
	} else {
		clientID, secret = f.Get("client_id"), f.Get("client_secret")
	}
	app := s.appByClientID(clientID)
	if app == nil {
		oauthError(w, 401, "invalid_client", "Unknown client")
		return nil, "", false
	}
	method := str(app, "tokenEndpointAuthMethod")
	switch {
	case method == "NONE":
		if secret != "" {
			oauthError(w, 401, "invalid_client", "This client does not use a secret")
			return nil, "", false
		}
	case method == "CLIENT_SECRET_BASIC" && !basic, method == "CLIENT_SECRET_POST" && basic:
		oauthError(w, 401, "invalid_client", "Request denied: Unsupported authentication method")
		return nil, "", false
	default:
		if !s.secretMatches(str(app, "id"), secret) {
			oauthError(w, 401, "invalid_client", "Invalid client credentials")
			return nil, "", false
		}
	}
	if enabled, _ := boolean(app, "enabled"); !enabled {
		oauthError(w, 401, "invalid_client", "The application is disabled")
		return nil, "", false
	}
	return app, clientID, true
}

// revokeEndpoint revokes an access or a refresh token of the client
// (RFC 7009): it stops working at once. An unknown token, or another
// client's, is answered 200 all the same, and kept.
func (s *Server) revokeEndpoint(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		oauthError(w, 400, "invalid_request", "The request body must be form-encoded")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if r.PathValue("envID") != s.envID {
		oauthError(w, 400, "invalid_request", "Unknown environment")
		return
	}
	_, clientID, ok := s.authenticateClient(w, r)
	if !ok {
		return
	}
	tok := r.PostForm.Get("token")
	if tok == "" {
		oauthError(w, 400, "invalid_request", "The token parameter is required")
		return
	}
	if ri := s.refreshes[tok]; ri != nil && ri.clientID == clientID {
		delete(s.refreshes, tok)
	}
	if info := s.tokens[tok]; info != nil && info.clientID == clientID {
		delete(s.tokens, tok)
	}
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
}

func appAllowsGrant(app obj, grant string) bool {
	want := strings.ToUpper(grant)
	list, _ := app["grantTypes"].([]any)
	for _, g := range list {
		if s, _ := g.(string); s == want {
			return true
		}
	}
	return false
}

// pkceMatches checks a code verifier against the recorded challenge. A
// request without a challenge needs no verifier.
func pkceMatches(challenge, method, verifier string) bool {
	if challenge == "" {
		return verifier == ""
	}
	if verifier == "" {
		return false
	}
	want := verifier
	if method == "S256" {
		sum := sha256.Sum256([]byte(verifier))
		want = base64.RawURLEncoding.EncodeToString(sum[:])
	}
	return subtle.ConstantTimeCompare([]byte(want), []byte(challenge)) == 1
}

// issue writes a token response, with a refresh token when asked.
func (s *Server) issue(w http.ResponseWriter, info *tokenInfo, withRefresh bool) {
	at := s.secretText(43)
	info.expiry = s.now().Add(s.opts.tokenTTL)
	s.tokens[at] = info
	body := map[string]any{
		"access_token": at,
		"token_type":   "Bearer",
		"expires_in":   int(s.opts.tokenTTL.Seconds()),
		"scope":        strings.Join(info.scopes, " "),
	}
	if withRefresh {
		rt := s.secretText(43)
		s.refreshes[rt] = &refreshInfo{envID: info.envID, userID: info.userID, appID: info.appID, clientID: info.clientID, scopes: info.scopes}
		body["refresh_token"] = rt
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, 200, body)
}

func (s *Server) userinfo(w http.ResponseWriter, r *http.Request) {
	tok, ok := bearer(r)
	s.mu.Lock()
	defer s.mu.Unlock()
	info := s.tokens[tok]
	if !ok || info == nil || s.now().After(info.expiry) || info.envID != r.PathValue("envID") {
		s.writeError(w, errAccess(401, "INVALID_TOKEN", "The access token is invalid or has expired"))
		return
	}
	if info.userID == "" {
		s.writeError(w, errAccess(403, "", "Userinfo needs a token obtained by a user signing in; this token was issued to a client (client_credentials)"))
		return
	}
	u := s.st.get(s.usersPath(), info.userID)
	if u == nil {
		s.writeError(w, errAccess(401, "INVALID_TOKEN", "The user no longer exists"))
		return
	}
	writeJSON(w, 200, userClaims(u, info.scopes))
}

// userClaims maps a user to OIDC claims: sub always, profile and email
// claims when those scopes were granted.
func userClaims(u obj, scopes []string) map[string]any {
	c := map[string]any{"sub": str(u, "id"), "env": refID(u, "environment")}
	has := func(s string) bool { return slices.Contains(scopes, s) }
	if has("profile") {
		c["preferred_username"] = str(u, "username")
		name := sub(u, "name")
		for k, claim := range map[string]string{"given": "given_name", "family": "family_name", "middle": "middle_name", "formatted": "name"} {
			if v := str(name, k); v != "" {
				c[claim] = v
			}
		}
		if v := str(u, "nickname"); v != "" {
			c["nickname"] = v
		}
		if t, err := time.Parse(time.RFC3339Nano, str(u, "updatedAt")); err == nil {
			c["updated_at"] = t.Unix()
		}
	}
	if has("email") && str(u, "email") != "" {
		c["email"] = str(u, "email")
		ev, _ := boolean(u, "emailVerified")
		c["email_verified"] = ev
	}
	if has("phone") && str(u, "primaryPhone") != "" {
		c["phone_number"] = str(u, "primaryPhone")
	}
	if has("address") {
		if a := sub(u, "address"); a != nil {
			c["address"] = map[string]any{"street_address": str(a, "streetAddress"), "locality": str(a, "locality"),
				"region": str(a, "region"), "postal_code": str(a, "postalCode"), "country": str(a, "countryCode")}
		}
	}
	return c
}

// signOn is one sign-on attempt the server has seen, for the user activity
// report.
type signOn struct {
	at     time.Time
	userID string // empty for an unknown username
	ok     bool
}

// maxSignOns bounds the sign-on attempts the server remembers (the oldest
// go first).
const maxSignOns = 100_000

// recordSignOn remembers a sign-on attempt (s.mu held).
func (s *Server) recordSignOn(userID string, ok bool) {
	if len(s.signOns) >= maxSignOns {
		s.signOns = slices.Delete(s.signOns, 0, len(s.signOns)-maxSignOns+1)
	}
	s.signOns = append(s.signOns, signOn{at: s.now(), userID: userID, ok: ok})
}

// ---- lookups used by the auth server (s.mu held) ----

func (s *Server) envPath(parts ...string) string {
	return "/environments/" + s.envID + "/" + strings.Join(parts, "/")
}

func (s *Server) usersPath() string { return s.envPath("users") }
func (s *Server) appsPath() string  { return s.envPath("applications") }

func (s *Server) appByClientID(clientID string) obj {
	if clientID == "" {
		return nil
	}
	for _, a := range s.st.list(s.appsPath()) {
		if str(a, "clientId") == clientID {
			return a
		}
	}
	return nil
}

func (s *Server) userByUsername(username string) obj {
	for _, u := range s.st.list(s.usersPath()) {
		if strings.EqualFold(str(u, "username"), username) {
			return u
		}
	}
	return nil
}

func (s *Server) passwordMatches(userID, password string) bool {
	want, ok := s.passwords[userID]
	return ok && password != "" && subtle.ConstantTimeCompare([]byte(want), []byte(password)) == 1
}

// secretMatches accepts the current secret, or the previous one until it
// expires.
func (s *Server) secretMatches(appID, secret string) bool {
	sec := s.secrets[appID]
	if sec == nil || secret == "" {
		return false
	}
	if subtle.ConstantTimeCompare([]byte(sec.current), []byte(secret)) == 1 {
		return true
	}
	if sec.previous != "" && s.now().Before(sec.previousExpires) && subtle.ConstantTimeCompare([]byte(sec.previous), []byte(secret)) == 1 {
		sec.previousUsed = s.now()
		return true
	}
	return false
}

// actorActive reports whether the user (if any) and the application behind
// a token still exist and are enabled: disabling either ends its tokens.
func (s *Server) actorActive(info *tokenInfo) bool {
	if info.userID != "" {
		u := s.st.get(s.usersPath(), info.userID)
		if enabled, _ := boolean(u, "enabled"); u == nil || !enabled {
			return false
		}
	}
	app := s.st.get(s.appsPath(), info.appID)
	enabled, _ := boolean(app, "enabled")
	return app != nil && enabled
}

// hasAdminRole reports whether the actor behind a token holds a role
// assignment in effect, directly or through any group it belongs to
// (directly, through nesting or through a dynamic group).
func (s *Server) hasAdminRole(info *tokenInfo) bool {
	if info.userID != "" {
		if s.anyRoleInEffect(s.envPath("users", info.userID, "roleAssignments")) {
			return true
		}
		for _, m := range s.userGroupMemberships(info.userID) {
			if s.anyRoleInEffect(s.envPath("groups", str(m, "id"), "roleAssignments")) {
				return true
			}
		}
		return false
	}
	return s.anyRoleInEffect(s.envPath("applications", info.appID, "roleAssignments"))
}

// groupIDsOf returns the IDs of the groups a user is a direct member of.
func (s *Server) groupIDsOf(userID string) []string {
	var out []string
	for _, m := range s.st.list(s.envPath("users", userID, "memberOfGroups")) {
		out = append(out, str(m, "id"))
	}
	return out
}
