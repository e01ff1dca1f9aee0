package pingonetest

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone/internal/contract"
)

// These tests talk HTTP to the server, as a client other than the SDK
// would, and reach into its store where a test needs state the users family
// does not create (group memberships, identity providers). Every response is
// checked against the API contract; requests are not, since several are
// wrong on purpose.

// utContract is the API contract, loaded once.
var utContract = sync.OnceValues(func() (*contract.Contract, error) { return contract.Load("../testdata/contract") })

// utServer starts a server whose responses are checked against the
// contract.
func utServer(t *testing.T, opts ...Option) *Server {
	t.Helper()
	c, err := utContract()
	require.NoError(t, err)
	opts = append(opts, WithMiddleware(func(h http.Handler) http.Handler {
		return c.Middleware(h, func(r contract.Result) {
			if r.ResponseErr != nil {
				t.Errorf("response broke the contract: %s", r)
			}
		})
	}))
	return NewServer(t, opts...)
}

// utToken returns a worker access token.
func utToken(t *testing.T, s *Server) string {
	t.Helper()
	req, err := http.NewRequest("POST", s.AuthURL()+"/"+s.EnvironmentID()+"/as/token", strings.NewReader("grant_type=client_credentials"))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(s.Worker().ClientID, s.Worker().ClientSecret)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, 200, resp.StatusCode)
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&tok))
	return tok.AccessToken
}

// utCall sends one management request (path after /environments/{envID})
// and returns the status and the decoded body.
func utCall(t *testing.T, s *Server, tok, method, path, contentType, body string) (int, obj) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, s.APIURL()+"/environments/"+s.EnvironmentID()+path, rd)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+tok)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	var out obj
	if len(bytes.TrimSpace(data)) > 0 {
		require.NoError(t, json.Unmarshal(data, &out), string(data))
	}
	return resp.StatusCode, out
}

// utDetail returns the first detail code of an error body.
func utDetail(body obj) string {
	ds, _ := body["details"].([]any)
	if len(ds) == 0 {
		return ""
	}
	d, _ := ds[0].(map[string]any)
	return str(d, "code")
}

var utHidden = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)

const (
	utVerifier = "a-verifier-that-is-long-enough-to-satisfy-rfc-7636-rules-users"
	utRedirect = "http://127.0.0.1:41000/callback"
)

// utSignIn walks the sign-in form of the seeded CLI application as
// username and returns the status of the form post (302 on success).
func utSignIn(t *testing.T, s *Server, username, password string) int {
	t.Helper()
	status, _ := utSignInCode(t, s, username, password)
	return status
}

// utSignInCode is utSignIn that also returns the authorization code.
func utSignInCode(t *testing.T, s *Server, username, password string) (int, string) {
	t.Helper()
	sum := sha256.Sum256([]byte(utVerifier))
	q := url.Values{"client_id": {s.CLIClientID()}, "redirect_uri": {utRedirect}, "response_type": {"code"},
		"scope": {"openid"}, "state": {"st"}, "code_challenge": {base64.RawURLEncoding.EncodeToString(sum[:])}, "code_challenge_method": {"S256"}}
	authz := s.AuthURL() + "/" + s.EnvironmentID() + "/as/authorize"
	resp, err := http.Get(authz + "?" + q.Encode())
	require.NoError(t, err)
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, 200, resp.StatusCode, string(page))
	form := url.Values{}
	for _, m := range utHidden.FindAllStringSubmatch(string(page), -1) {
		form.Set(m[1], m[2])
	}
	form.Set("username", username)
	form.Set("password", password)
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err = noRedirect.PostForm(authz, form)
	require.NoError(t, err)
	resp.Body.Close()
	loc, _ := url.Parse(resp.Header.Get("Location"))
	return resp.StatusCode, loc.Query().Get("code")
}

// utAdminToken signs the seeded administrator in and returns an access
// token that acts as that user.
func utAdminToken(t *testing.T, s *Server) string {
	t.Helper()
	status, code := utSignInCode(t, s, s.Admin().Username, s.Admin().Password)
	require.Equal(t, 302, status)
	resp, err := http.PostForm(s.AuthURL()+"/"+s.EnvironmentID()+"/as/token", url.Values{"grant_type": {"authorization_code"},
		"client_id": {s.CLIClientID()}, "redirect_uri": {utRedirect}, "code": {code}, "code_verifier": {utVerifier}})
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, 200, resp.StatusCode)
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&tok))
	return tok.AccessToken
}

func TestUserCreateContentTypes(t *testing.T) {
	t.Parallel()
	s := utServer(t)
	tok := utToken(t, s)

	status, body := utCall(t, s, tok, "POST", "/users", "text/plain", `{"username":"x"}`)
	assert.Equal(t, 415, status)
	assert.Equal(t, "INVALID_REQUEST", body["code"])
	status, _ = utCall(t, s, tok, "POST", "/users", "application/vnd.pingidentity.user.scim+json", `{"username":"x"}`)
	assert.Equal(t, 415, status, "an unknown vendor type")

	status, body = utCall(t, s, tok, "POST", "/users", "application/json", `{"username":"x","password":{"value":"Long-Enough-1"}}`)
	assert.Equal(t, 400, status, "plain JSON cannot carry a password")
	assert.NotContains(t, body["message"], "Long-Enough-1")
	status, _ = utCall(t, s, tok, "GET", "/users?filter="+url.QueryEscape(`username eq "x"`), "", "")
	require.Equal(t, 200, status)

	status, body = utCall(t, s, tok, "POST", "/users", userImportContentType, `{"username":"importee","password":{"value":"Long-Enough-1","forceChange":false}}`)
	require.Equal(t, 201, status, body)
	assert.NotContains(t, body, "password", "the password is never served")
	assert.Equal(t, 302, utSignIn(t, s, "importee", "Long-Enough-1"), "the imported password signs in")
	assert.Equal(t, 401, utSignIn(t, s, "importee", "wrong-password"))

	status, body = utCall(t, s, tok, "GET", "/users/"+str(body, "id")+"/password", "", "")
	require.Equal(t, 200, status)
	assert.Equal(t, "OK", body["status"])
	assert.NotEmpty(t, body["lastChangedAt"])

	// The import type without a password is a plain create.
	status, _ = utCall(t, s, tok, "POST", "/users", userImportContentType, `{"username":"nopass"}`)
	assert.Equal(t, 201, status)

	// Other writes take their own content types.
	status, _ = utCall(t, s, tok, "PATCH", "/users/"+s.Admin().UserID, userImportContentType, `{"nickname":"x"}`)
	assert.Equal(t, 415, status)
	status, _ = utCall(t, s, tok, "PUT", "/users/"+s.Admin().UserID+"/password", "application/json", `{"value":"Long-Enough-1"}`)
	assert.Equal(t, 415, status, "Set Password is selected by its vendor type")
	status, _ = utCall(t, s, tok, "PUT", "/users/"+s.Admin().UserID+"/password", "application/vnd.pingidentity.password.reset+json", `{"currentPassword":"a","newPassword":"b"}`)
	assert.Equal(t, 415, status, "the other password operations are not served")
}

func TestDisabledUserCannotSignIn(t *testing.T) {
	t.Parallel()
	s := utServer(t, WithAdminPassword("Admin-Pass-1"))
	tok := utToken(t, s)
	admin := s.Admin()
	require.Equal(t, 302, utSignIn(t, s, admin.Username, admin.Password))

	status, body := utCall(t, s, tok, "PUT", "/users/"+admin.UserID+"/enabled", "application/json", `{"enabled":false}`)
	require.Equal(t, 200, status)
	assert.Equal(t, false, body["enabled"])
	assert.Equal(t, 403, utSignIn(t, s, admin.Username, admin.Password), "a disabled user cannot sign in")

	status, body = utCall(t, s, tok, "PATCH", "/users/"+admin.UserID, "application/json", `{"enabled":true,"nickname":"Ada"}`)
	require.Equal(t, 200, status)
	assert.Equal(t, false, body["enabled"], "enabled is read-only on the user")
	assert.Equal(t, "Ada", body["nickname"])

	status, _ = utCall(t, s, tok, "PUT", "/users/"+admin.UserID+"/enabled", "application/json", `{"enabled":"yes"}`)
	assert.Equal(t, 400, status)
	status, _ = utCall(t, s, tok, "PUT", "/users/"+admin.UserID+"/enabled", "application/json", `{"enabled":true}`)
	require.Equal(t, 200, status)
	assert.Equal(t, 302, utSignIn(t, s, admin.Username, admin.Password))
}

func TestUserPatchMerges(t *testing.T) {
	t.Parallel()
	s := utServer(t)
	tok := utToken(t, s)
	status, u := utCall(t, s, tok, "POST", "/users", "application/json",
		`{"username":"merge","email":"m@example.com","title":"Dr","name":{"given":"Max","family":"Merge","middle":"M"},"tags":["a","b"],"profile":{"x":1,"y":2}}`)
	require.Equal(t, 201, status, u)
	id := str(u, "id")

	status, u = utCall(t, s, tok, "PATCH", "/users/"+id, "application/json",
		`{"title":null,"name":{"middle":null,"given":"Maxime"},"tags":["c"],"profile":{"y":null},"id":"other","createdAt":"2000-01-01T00:00:00.000Z","memberOfGroupIDs":["g"]}`)
	require.Equal(t, 200, status, u)
	assert.NotContains(t, u, "title", "null removes")
	assert.Equal(t, obj{"given": "Maxime", "family": "Merge"}, u["name"], "objects merge")
	assert.Equal(t, []any{"c"}, u["tags"], "arrays are replaced whole")
	assert.Equal(t, map[string]any{"x": float64(1)}, u["profile"])
	assert.Equal(t, "m@example.com", u["email"], "omitted stays")
	assert.Equal(t, id, u["id"], "read-only ignored")
	assert.NotEqual(t, "2000-01-01T00:00:00.000Z", u["createdAt"])
	assert.NotContains(t, u, "memberOfGroupIDs")

	status, body := utCall(t, s, tok, "PATCH", "/users/"+id, "application/json", `{"username":null}`)
	assert.Equal(t, 400, status, "username is required")
	assert.Equal(t, "REQUIRED_VALUE", utDetail(body))
	status, body = utCall(t, s, tok, "PATCH", "/users/"+id, "application/json", `{"username":"ADMIN"}`)
	assert.Equal(t, 400, status)
	assert.Equal(t, "UNIQUENESS_VIOLATION", utDetail(body))
	status, _ = utCall(t, s, tok, "PATCH", "/users/"+id, "application/json", `{"password":{"value":"Long-Enough-1"}}`)
	assert.Equal(t, 400, status, "passwords have their own endpoint")
	status, body = utCall(t, s, tok, "PATCH", "/users/"+id, "application/json", `{"address":{"countryCode":"usa"}}`)
	assert.Equal(t, 400, status)
	assert.Equal(t, "INVALID_VALUE", utDetail(body))
	status, _ = utCall(t, s, tok, "PATCH", "/users/"+id, "application/json", `{"name":{"family":"Mer<ge>"}}`)
	assert.Equal(t, 400, status, "the schema's pattern for family names")
	status, _ = utCall(t, s, tok, "PATCH", "/users/"+id, "application/json", `{"bad-name":1}`)
	assert.Equal(t, 400, status, "not a possible attribute name")
	status, _ = utCall(t, s, tok, "PATCH", "/users/00000000-0000-4000-8000-000000000000", "application/json", `{}`)
	assert.Equal(t, 404, status)

	status, u = utCall(t, s, tok, "GET", "/users/"+id, "", "")
	require.Equal(t, 200, status)
	assert.Equal(t, "merge", u["username"], "refused patches changed nothing")
}

func TestUserFilters(t *testing.T) {
	t.Parallel()
	s := utServer(t)
	tok := utToken(t, s)
	status, pop := utCall(t, s, tok, "POST", "/populations", "application/json", `{"name":"Partners"}`)
	require.Equal(t, 201, status)
	ids := map[string]string{}
	for _, u := range []string{
		`{"username":"carol","email":"carol@partner.example","population":{"id":"` + str(pop, "id") + `"},"costCenter":"CC-1"}`,
		`{"username":"carl","email":"carl@example.com","name":{"given":"Carl","family":"Smith"}}`,
		`{"username":"dave","email":"dave@partner.example","population":{"id":"` + str(pop, "id") + `"},"costCenter":"CC-2"}`,
	} {
		status, body := utCall(t, s, tok, "POST", "/users", "application/json", u)
		require.Equal(t, 201, status, body)
		ids[str(body, "username")] = str(body, "id")
	}
	// A group and memberships, as the groups family stores them.
	groupID := "11111111-2222-4333-8444-555555555555"
	s.mu.Lock()
	s.st.put(s.envPath("groups"), groupID, obj{"id": groupID, "name": "Editors"})
	for _, u := range []string{"carl", "dave"} {
		s.st.put(s.envPath("users", ids[u], "memberOfGroups"), groupID, obj{"id": groupID, "type": "DIRECT"})
	}
	s.mu.Unlock()

	usernames := func(filter string) []string {
		t.Helper()
		status, body := utCall(t, s, tok, "GET", "/users?filter="+url.QueryEscape(filter), "", "")
		require.Equal(t, 200, status, body)
		var out []string
		for _, u := range sub(body, "_embedded")["users"].([]any) {
			out = append(out, str(u.(map[string]any), "username"))
		}
		return out
	}
	assert.Equal(t, []string{"carol", "carl"}, usernames(`username sw "CAR"`))
	assert.Equal(t, []string{"carol", "dave"}, usernames(`population.id eq "`+str(pop, "id")+`"`))
	assert.Equal(t, []string{"carol", "dave"}, usernames(`email ew "@partner.example"`))
	assert.Equal(t, []string{"carl"}, usernames(`name.family eq "smith" and name.given sw "c"`))
	assert.Equal(t, []string{"carl", "dave"}, usernames(`memberOfGroups[id eq "`+groupID+`"]`))
	assert.Equal(t, []string{"dave"}, usernames(`memberOfGroups[id eq "`+groupID+`"] and costCenter sw "CC"`))
	assert.Equal(t, []string{"carol", "carl"}, usernames(`id eq "`+ids["carol"]+`" or id eq "`+ids["carl"]+`"`))
	assert.Equal(t, []string{"admin"}, usernames(`enabled eq true and username eq "admin"`))

	for filter, attr := range map[string]string{
		`nickname co "a"`:                     "nickname",
		`createdAt gt "2020-01-01T00:00:00Z"`: "createdAt",
		`population.id sw "a"`:                "population.id",
		`costCenter ew "1"`:                   "costCenter",
	} {
		status, body := utCall(t, s, tok, "GET", "/users?filter="+url.QueryEscape(filter), "", "")
		assert.Equal(t, 400, status, filter)
		assert.Equal(t, "INVALID_FILTER", utDetail(body), filter)
		assert.Contains(t, body["details"].([]any)[0].(map[string]any)["message"], attr)
	}

	// include fills the membership lists, for Get User only.
	status, body := utCall(t, s, tok, "GET", "/users/"+ids["dave"]+"?include=memberOfGroupNames", "", "")
	require.Equal(t, 200, status)
	assert.Equal(t, []any{"Editors"}, body["memberOfGroupNames"])
	assert.NotContains(t, body, "memberOfGroupIDs")
	status, body = utCall(t, s, tok, "GET", "/users/"+ids["dave"]+"?include=memberOfGroupIDs", "", "")
	require.Equal(t, 200, status)
	assert.Equal(t, []any{groupID}, body["memberOfGroupIDs"])
	status, _ = utCall(t, s, tok, "GET", "/users/"+ids["dave"]+"?include=everything", "", "")
	assert.Equal(t, 400, status)
	status, _ = utCall(t, s, tok, "GET", "/users/"+ids["dave"]+"?expand=groups", "", "")
	assert.Equal(t, 400, status)
}

func TestUserPopulationMove(t *testing.T) {
	t.Parallel()
	s := utServer(t)
	tok := utToken(t, s)
	status, pop := utCall(t, s, tok, "POST", "/populations", "application/json", `{"name":"Movers"}`)
	require.Equal(t, 201, status)
	popID := str(pop, "id")
	status, u := utCall(t, s, tok, "POST", "/users", "application/json", `{"username":"mover"}`)
	require.Equal(t, 201, status)
	id := str(u, "id")
	oldPop := refID(u, "population")

	// Memberships: a group of the old population and an environment group.
	popGroup, envGroup := "aaaaaaaa-0000-4000-8000-000000000001", "aaaaaaaa-0000-4000-8000-000000000002"
	s.mu.Lock()
	s.st.put(s.envPath("groups"), popGroup, obj{"id": popGroup, "name": "Old pop group", "population": obj{"id": oldPop}})
	s.st.put(s.envPath("groups"), envGroup, obj{"id": envGroup, "name": "Env group"})
	for _, g := range []string{popGroup, envGroup} {
		s.st.put(s.envPath("users", id, "memberOfGroups"), g, obj{"id": g, "type": "DIRECT"})
	}
	s.mu.Unlock()

	status, body := utCall(t, s, tok, "PUT", "/users/"+id+"/population", "application/json", `{"id":"`+popID+`"}`)
	require.Equal(t, 200, status, body)
	assert.Equal(t, popID, body["id"])
	status, u = utCall(t, s, tok, "GET", "/users/"+id+"?include=memberOfGroupIDs", "", "")
	require.Equal(t, 200, status)
	assert.Equal(t, popID, refID(u, "population"))
	assert.Equal(t, []any{envGroup}, u["memberOfGroupIDs"], "left the old population's group")

	status, body = utCall(t, s, tok, "PUT", "/users/"+id+"/population", "application/json", `{"id":"nope"}`)
	assert.Equal(t, 400, status)
	assert.Equal(t, "INVALID_VALUE", utDetail(body))
	status, _ = utCall(t, s, tok, "PUT", "/users/"+id+"/population", "application/json", `{}`)
	assert.Equal(t, 400, status)
	status, _ = utCall(t, s, tok, "POST", "/users", "application/json", `{"username":"lost","population":{"id":"nope"}}`)
	assert.Equal(t, 400, status, "create in an unknown population")
}

func TestUserIdentityProviderLink(t *testing.T) {
	t.Parallel()
	s := utServer(t)
	tok := utToken(t, s)
	idp := "bbbbbbbb-0000-4000-8000-000000000001"
	s.mu.Lock()
	s.st.put(s.envPath("identityProviders"), idp, obj{"id": idp, "name": "Corp SAML", "type": "SAML", "enabled": true})
	s.mu.Unlock()
	status, u := utCall(t, s, tok, "POST", "/users", "application/json", `{"username":"linked"}`)
	require.Equal(t, 201, status)
	path := "/users/" + str(u, "id") + "/identityProvider"

	for name, body := range map[string]string{"spec shape": `{"identityProvider":{"id":"` + idp + `"}}`, "docs shape": `{"id":"` + idp + `"}`} {
		status, got := utCall(t, s, tok, "PUT", path, "application/json", body)
		require.Equal(t, 200, status, name)
		assert.Equal(t, obj{"id": idp, "type": "SAML"}, got["identityProvider"], name)
		status, got = utCall(t, s, tok, "GET", "/users/"+str(u, "id"), "", "")
		require.Equal(t, 200, status)
		assert.Equal(t, obj{"id": idp, "type": "SAML"}, got["identityProvider"], "the user shows the link")
		status, got = utCall(t, s, tok, "PUT", path, "", "")
		require.Equal(t, 200, status, "an empty body resets")
		assert.Equal(t, obj{"type": "PING_ONE"}, got["identityProvider"])
	}
	status, got := utCall(t, s, tok, "PUT", path, "application/json", `{}`)
	require.Equal(t, 200, status)
	assert.Equal(t, obj{"type": "PING_ONE"}, got["identityProvider"])
	status, _ = utCall(t, s, tok, "PUT", path, "application/json", `{"identityProvider":{"id":"unknown"}}`)
	assert.Equal(t, 400, status)
	status, _ = utCall(t, s, tok, "PUT", path, "application/json", `{"identityProvider":"x"}`)
	assert.Equal(t, 400, status)

	// Users cannot relink themselves.
	admin := utAdminToken(t, s)
	status, got = utCall(t, s, admin, "PUT", "/users/"+s.Admin().UserID+"/identityProvider", "application/json", `{"identityProvider":{"id":"`+idp+`"}}`)
	assert.Equal(t, 403, status, got)
	status, _ = utCall(t, s, admin, "PUT", path, "application/json", `{"identityProvider":{"id":"`+idp+`"}}`)
	assert.Equal(t, 200, status, "an administrator may relink another user")

	status, got = utCall(t, s, tok, "PUT", "/users/"+str(u, "id")+"/verifyStatus", "application/json", `{"verifyStatus":"MAYBE"}`)
	assert.Equal(t, 400, status, got)
	status, got = utCall(t, s, tok, "PUT", "/users/"+str(u, "id")+"/verifyStatus", "application/json", `{"verifyStatus":"DISABLED"}`)
	require.Equal(t, 200, status)
	assert.Equal(t, "DISABLED", got["verifyStatus"])
}

func TestUserDeleteDropsPasswordAndSubResources(t *testing.T) {
	t.Parallel()
	s := utServer(t)
	tok := utToken(t, s)
	status, u := utCall(t, s, tok, "POST", "/users", userImportContentType, `{"username":"gone","password":{"value":"Long-Enough-1","forceChange":true}}`)
	require.Equal(t, 201, status)
	id := str(u, "id")
	status, pw := utCall(t, s, tok, "GET", "/users/"+id+"/password", "", "")
	require.Equal(t, 200, status)
	assert.Equal(t, "MUST_CHANGE_PASSWORD", pw["status"])

	status, _ = utCall(t, s, tok, "DELETE", "/users/"+id, "", "")
	require.Equal(t, 204, status)
	s.mu.Lock()
	_, hasPassword := s.passwords[id]
	_, hasChanged := s.pwChanged[id]
	nested := s.st.collsEnding(s.envPath("users", id)+"/", "")
	s.mu.Unlock()
	assert.False(t, hasPassword)
	assert.False(t, hasChanged)
	assert.Empty(t, nested, "the password state went with the user")
	assert.Equal(t, 401, utSignIn(t, s, "gone", "Long-Enough-1"))
	status, _ = utCall(t, s, tok, "GET", "/users/"+id+"/password", "", "")
	assert.Equal(t, 404, status)
}

func TestUserActivitiesFilter(t *testing.T) {
	t.Parallel()
	s := utServer(t)
	tok := utToken(t, s)
	get := func(query string) (int, obj) {
		return utCall(t, s, tok, "GET", "/userActivities?"+query, "", "")
	}
	period := url.Values{"filter": {`startDate eq "2024-03-01T00:00:00Z" and endDate eq "2024-03-01T06:00:00Z"`}}
	status, body := get(period.Encode())
	require.Equal(t, 200, status, body)
	items := sub(body, "_embedded")["userActivities"].([]any)
	assert.Len(t, items, 6, "hourly for a short period")
	assert.Equal(t, float64(6), body["count"])
	first := items[0].(map[string]any)
	assert.Equal(t, "2024-03-01T00:00:00.000Z", first["startDate"])
	assert.Equal(t, "2024-03-01T01:00:00.000Z", first["endDate"])

	period.Set("sampleSize", "WEEK")
	status, body = get(period.Encode())
	require.Equal(t, 200, status)
	assert.Len(t, sub(body, "_embedded")["userActivities"].([]any), 1, "one short bucket")

	for _, bad := range []string{
		`startDate eq "2024-03-01T00:00:00Z"`,
		`startDate eq "2024-03-01T00:00:00Z" or endDate eq "2024-03-02T00:00:00Z"`,
		`startDate gt "2024-03-01T00:00:00Z" and endDate eq "2024-03-02T00:00:00Z"`,
		`startDate eq "yesterday" and endDate eq "2024-03-02T00:00:00Z"`,
		`startDate eq "2024-03-01T00:00:00Z" and startDate eq "2024-03-02T00:00:00Z"`,
		`username eq "admin"`,
	} {
		status, body := get(url.Values{"filter": {bad}}.Encode())
		assert.Equal(t, 400, status, bad)
		assert.Equal(t, "INVALID_FILTER", utDetail(body), bad)
	}
	status, _ = get(url.Values{"filter": {`startDate eq "2024-03-02T00:00:00Z" and endDate eq "2024-03-01T00:00:00Z"`}}.Encode())
	assert.Equal(t, 400, status, "end before start")
	status, _ = get("sampleSize=MINUTE")
	assert.Equal(t, 400, status)
	status, _ = get(url.Values{"filter": {`startDate eq "2020-01-01T00:00:00Z" and endDate eq "2024-01-01T00:00:00Z"`}, "sampleSize": {"HOUR"}}.Encode())
	assert.Equal(t, 400, status, "too many samples")
}

func TestUserPasswordExpiry(t *testing.T) {
	t.Parallel()
	ago := func(d time.Duration) string { return time.Now().Add(-d).UTC().Format(time.RFC3339Nano) }
	policy := obj{"maxAgeDays": json.Number("2")}
	assert.True(t, userPasswordExpired(policy, ago(72*time.Hour), time.Now()))
	assert.False(t, userPasswordExpired(policy, ago(time.Hour), time.Now()))
	assert.False(t, userPasswordExpired(obj{}, ago(10000*time.Hour), time.Now()), "no maximum age")
	assert.False(t, userPasswordExpired(policy, "", time.Now()), "never set")
}
