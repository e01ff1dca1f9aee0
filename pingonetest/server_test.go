package pingonetest_test

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/internal/contract"
	"github.com/pingone-go/pingone/pingonetest"
)

var (
	contractOnce sync.Once
	theContract  *contract.Contract
	contractErr  error
)

// checked starts a server whose every response is validated against the
// API contract; a response that breaks it fails the test.
// (Requests are the client's business: tests here send bad ones on
// purpose.)
func checked(t *testing.T, opts ...pingonetest.Option) *pingonetest.Server {
	t.Helper()
	contractOnce.Do(func() { theContract, contractErr = contract.Load("../testdata/contract") })
	require.NoError(t, contractErr)
	c := theContract
	opts = append(opts, pingonetest.WithMiddleware(func(h http.Handler) http.Handler {
		return c.Middleware(h, func(r contract.Result) {
			if r.ResponseErr != nil && r.Action.Name != "" {
				t.Errorf("pingonetest broke the contract: %s", r)
			}
		})
	}))
	return pingonetest.NewServer(t, opts...)
}

// noRedirect is an HTTP client that shows redirects instead of following
// them.
var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func workerToken(t testing.TB, srv *pingonetest.Server) string {
	t.Helper()
	w := srv.Worker()
	req, _ := http.NewRequest("POST", srv.AuthURL()+"/"+srv.EnvironmentID()+"/as/token", strings.NewReader("grant_type=client_credentials"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(w.ClientID, w.ClientSecret)
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

func get(t *testing.T, url, token string) (*http.Response, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var body map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&body)
	return resp, body
}

func TestManagementNeedsAValidToken(t *testing.T) {
	t.Parallel()
	srv := checked(t)
	pops := srv.APIURL() + "/environments/" + srv.EnvironmentID() + "/populations"

	resp, body := get(t, pops, "")
	assert.Equal(t, 401, resp.StatusCode)
	assert.Equal(t, "ACCESS_FAILED", body["code"])
	assert.NotEmpty(t, body["id"])
	assert.NotEmpty(t, resp.Header.Get("Correlation-Id"))

	resp, _ = get(t, pops, "not-a-token")
	assert.Equal(t, 401, resp.StatusCode)

	tok := workerToken(t, srv)
	resp, body = get(t, pops, tok)
	assert.Equal(t, 200, resp.StatusCode)
	assert.EqualValues(t, 1, body["count"])

	srv.ExpireTokens()
	resp, _ = get(t, pops, tok)
	assert.Equal(t, 401, resp.StatusCode, "expired")

	resp, body = get(t, srv.APIURL()+"/environments/"+srv.EnvironmentID()+"/nothingHere", workerToken(t, srv))
	assert.Equal(t, 404, resp.StatusCode)
	assert.Equal(t, "NOT_FOUND", body["code"])

	resp, _ = get(t, srv.APIURL()+"/environments/00000000-0000-0000-0000-000000000000/populations", workerToken(t, srv))
	assert.Equal(t, 403, resp.StatusCode, "an unknown environment is refused as PingOne does")
}

func TestTwoServersAreIndependent(t *testing.T) {
	t.Parallel()
	a := checked(t, pingonetest.WithSeed(7))
	b := checked(t, pingonetest.WithSeed(8))
	assert.NotEqual(t, a.EnvironmentID(), b.EnvironmentID())
	ca, err := pingone.NewClient(a.ClientOptions()...)
	require.NoError(t, err)
	cb, err := pingone.NewClient(b.ClientOptions()...)
	require.NoError(t, err)
	p, err := ca.Environment(a.EnvironmentID()).Populations.Create(t.Context(), pingone.PopulationRequest{Name: "Only in A"})
	require.NoError(t, err)
	_, err = cb.Environment(b.EnvironmentID()).Populations.Get(t.Context(), p.ID)
	require.Error(t, err)
	// A's credentials mean nothing to B.
	wrong, err := pingone.NewClient(pingone.WithBaseURLs(b.APIURL(), b.AuthURL()), pingone.WithClientCredentials(b.EnvironmentID(), a.Worker().ClientID, a.Worker().ClientSecret))
	require.NoError(t, err)
	_, err = wrong.Environment(b.EnvironmentID()).Populations.List(t.Context(), nil)
	assert.ErrorIs(t, err, pingone.ErrUnauthorized)
}

func TestSameSeedSameIDs(t *testing.T) {
	t.Parallel()
	a := checked(t, pingonetest.WithSeed(42))
	b := checked(t, pingonetest.WithSeed(42))
	assert.Equal(t, a.EnvironmentID(), b.EnvironmentID())
	assert.Equal(t, a.Worker(), b.Worker())
}

func TestWrongContentTypeIs415(t *testing.T) {
	t.Parallel()
	srv := checked(t)
	req, _ := http.NewRequest("POST", srv.APIURL()+"/environments/"+srv.EnvironmentID()+"/populations", strings.NewReader(`{"name":"x"}`))
	req.Header.Set("Authorization", "Bearer "+workerToken(t, srv))
	req.Header.Set("Content-Type", "text/plain")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	assert.Equal(t, 415, resp.StatusCode)
	var body map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&body))
	assert.Equal(t, "INVALID_REQUEST", body["code"])
}

func pkce() (verifier, challenge string) {
	verifier = "a-verifier-that-is-long-enough-to-satisfy-rfc-7636-rules-xyz"
	sum := sha256.Sum256([]byte(verifier))
	return verifier, base64.RawURLEncoding.EncodeToString(sum[:])
}

var hiddenRE = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)

// signIn walks the authorization code flow by hand and returns the code.
func signIn(t *testing.T, srv *pingonetest.Server, redirect, challenge, password string) (*http.Response, string) {
	t.Helper()
	return signInAs(t, srv, srv.Admin().Username, redirect, challenge, password)
}

// signInAs is signIn for any user.
func signInAs(t *testing.T, srv *pingonetest.Server, username, redirect, challenge, password string) (*http.Response, string) {
	t.Helper()
	q := url.Values{"client_id": {srv.CLIClientID()}, "redirect_uri": {redirect}, "response_type": {"code"},
		"scope": {"openid profile email"}, "state": {"st-1"}, "code_challenge": {challenge}, "code_challenge_method": {"S256"}}
	authz := srv.AuthURL() + "/" + srv.EnvironmentID() + "/as/authorize"
	resp, err := http.Get(authz + "?" + q.Encode())
	require.NoError(t, err)
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, 200, resp.StatusCode, string(page))
	form := url.Values{}
	for _, m := range hiddenRE.FindAllStringSubmatch(string(page), -1) {
		form.Set(m[1], m[2])
	}
	assert.Equal(t, "st-1", form.Get("state"))
	form.Set("username", username)
	form.Set("password", password)
	resp, err = noRedirect.PostForm(authz, form)
	require.NoError(t, err)
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		return resp, ""
	}
	loc, err := url.Parse(resp.Header.Get("Location"))
	require.NoError(t, err)
	assert.Equal(t, "st-1", loc.Query().Get("state"))
	return resp, loc.Query().Get("code")
}

func token(t *testing.T, srv *pingonetest.Server, form url.Values) (int, map[string]any) {
	t.Helper()
	resp, err := http.PostForm(srv.AuthURL()+"/"+srv.EnvironmentID()+"/as/token", form)
	require.NoError(t, err)
	defer resp.Body.Close()
	var body map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&body))
	return resp.StatusCode, body
}

func TestAuthorizationCodeWithPKCEAndRefreshRotation(t *testing.T) {
	t.Parallel()
	srv := checked(t, pingonetest.WithAdminPassword("Correct-Horse-1"))
	verifier, challenge := pkce()
	redirect := "http://127.0.0.1:53682/callback"

	resp, code := signIn(t, srv, redirect, challenge, "wrong")
	assert.Equal(t, 401, resp.StatusCode)
	assert.Empty(t, code)

	_, code = signIn(t, srv, redirect, challenge, "Correct-Horse-1")
	require.NotEmpty(t, code)

	base := url.Values{"grant_type": {"authorization_code"}, "client_id": {srv.CLIClientID()}, "redirect_uri": {redirect}, "code": {code}}
	bad := url.Values{}
	maps.Copy(bad, base)
	bad.Set("code_verifier", "not-the-verifier-not-the-verifier-not-the-verifier")
	status, body := token(t, srv, bad)
	assert.Equal(t, 400, status)
	assert.Equal(t, "invalid_grant", body["error"])

	// The code was spent by the failed attempt: sign in again.
	_, code = signIn(t, srv, redirect, challenge, "Correct-Horse-1")
	base.Set("code", code)
	base.Set("code_verifier", verifier)
	status, body = token(t, srv, base)
	require.Equal(t, 200, status, body)
	access, refresh := body["access_token"].(string), body["refresh_token"].(string)
	require.NotEmpty(t, access)
	require.NotEmpty(t, refresh)

	status, _ = token(t, srv, base)
	assert.Equal(t, 400, status, "a code works once")

	// The signed-in admin can manage the environment and read userinfo.
	r, _ := get(t, srv.APIURL()+"/environments/"+srv.EnvironmentID()+"/populations", access)
	assert.Equal(t, 200, r.StatusCode)
	r, claims := get(t, srv.AuthURL()+"/"+srv.EnvironmentID()+"/as/userinfo", access)
	assert.Equal(t, 200, r.StatusCode)
	assert.Equal(t, srv.Admin().UserID, claims["sub"])
	assert.Equal(t, "admin", claims["preferred_username"])

	refreshForm := url.Values{"grant_type": {"refresh_token"}, "client_id": {srv.CLIClientID()}, "refresh_token": {refresh}}
	status, body = token(t, srv, refreshForm)
	require.Equal(t, 200, status)
	assert.NotEqual(t, refresh, body["refresh_token"], "refresh tokens rotate")
	status, _ = token(t, srv, refreshForm)
	assert.Equal(t, 400, status, "the old refresh token is spent")
}

func TestAuthorizeRefusesUnregisteredRedirect(t *testing.T) {
	t.Parallel()
	srv := checked(t)
	_, challenge := pkce()
	for _, redirect := range []string{"https://evil.example/callback", "http://127.0.0.1:8080/other", ""} {
		q := url.Values{"client_id": {srv.CLIClientID()}, "redirect_uri": {redirect}, "response_type": {"code"}, "state": {"s"}, "code_challenge": {challenge}, "code_challenge_method": {"S256"}}
		resp, err := noRedirect.Get(srv.AuthURL() + "/" + srv.EnvironmentID() + "/as/authorize?" + q.Encode())
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, 400, resp.StatusCode, redirect)
		assert.Empty(t, resp.Header.Get("Location"))
	}
	// PKCE is required by the seeded sign-in app.
	q := url.Values{"client_id": {srv.CLIClientID()}, "redirect_uri": {"http://127.0.0.1:9/callback"}, "response_type": {"code"}}
	resp, err := http.Get(srv.AuthURL() + "/" + srv.EnvironmentID() + "/as/authorize?" + q.Encode())
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 400, resp.StatusCode)
}

func TestClientCredentialsAuthMethods(t *testing.T) {
	t.Parallel()
	srv := checked(t)
	w := srv.Worker()
	// The seeded worker uses client_secret_basic: post is refused.
	status, body := token(t, srv, url.Values{"grant_type": {"client_credentials"}, "client_id": {w.ClientID}, "client_secret": {w.ClientSecret}})
	assert.Equal(t, 401, status)
	assert.Equal(t, "invalid_client", body["error"])
	// A public client cannot use client_credentials.
	status, _ = token(t, srv, url.Values{"grant_type": {"client_credentials"}, "client_id": {srv.CLIClientID()}})
	assert.Equal(t, 400, status)
	// A worker token cannot read userinfo.
	r, errBody := get(t, srv.AuthURL()+"/"+srv.EnvironmentID()+"/as/userinfo", workerToken(t, srv))
	assert.Equal(t, 403, r.StatusCode)
	assert.Equal(t, "ACCESS_FAILED", errBody["code"])
	assert.Contains(t, errBody["message"], "client_credentials")
}

func TestSDKRefreshesThroughTheServer(t *testing.T) {
	t.Parallel()
	// With a 10s lifetime every token is within the SDK's early-expiry
	// margin, so each call refreshes and the server rotates the refresh
	// token each time.
	srv := checked(t, pingonetest.WithTokenTTL(10*time.Second), pingonetest.WithAdminPassword("pw-Secret-1"))
	verifier, challenge := pkce()
	redirect := "http://127.0.0.1:40000/callback"
	_, code := signIn(t, srv, redirect, challenge, "pw-Secret-1")
	flow, err := pingone.NewAuthCodeFlow(pingone.AuthCodeConfig{AuthURL: srv.AuthURL(), EnvironmentID: srv.EnvironmentID(), ClientID: srv.CLIClientID(), RedirectURL: redirect})
	require.NoError(t, err)
	tok, err := flow.Exchange(t.Context(), code, verifier)
	require.NoError(t, err)
	c, err := pingone.NewClient(pingone.WithBaseURLs(srv.APIURL(), srv.AuthURL()), pingone.WithTokenSource(flow.TokenSource(tok, nil)))
	require.NoError(t, err)
	env := c.Environment(srv.EnvironmentID())
	for range 3 {
		_, err := env.Populations.List(t.Context(), nil)
		require.NoError(t, err)
	}
}

func TestFaultScriptedStatuses(t *testing.T) {
	t.Parallel()
	srv := checked(t, pingonetest.WithScript("GET /v1/environments/*/populations", 503, 503, 200, 500))
	c, err := pingone.NewClient(append(srv.ClientOptions(), pingone.WithRetryPolicy(pingone.RetryPolicy{MaxRetries: 3, MinWait: time.Millisecond, MaxWait: 2 * time.Millisecond, MaxRetryAfter: 2 * time.Millisecond}))...)
	require.NoError(t, err)
	env := c.Environment(srv.EnvironmentID())
	p, err := env.Populations.List(t.Context(), nil)
	require.NoError(t, err, "503, 503, then the real answer")
	assert.Len(t, p.Items, 1)
	// Next in the script: a 500, which a GET retries; then the script is used up.
	_, err = env.Populations.List(t.Context(), nil)
	require.NoError(t, err)
}

func TestFaultRateLimit(t *testing.T) {
	t.Parallel()
	srv := checked(t, pingonetest.WithRateLimit(2))
	tok := workerToken(t, srv)
	pops := srv.APIURL() + "/environments/" + srv.EnvironmentID() + "/populations"
	var limited *http.Response
	var body map[string]any
	for range 5 {
		r, b := get(t, pops, tok)
		if r.StatusCode == 429 {
			limited, body = r, b
			break
		}
	}
	require.NotNil(t, limited, "at most 2 per second")
	assert.Equal(t, "REQUEST_LIMITED", body["code"])
	assert.Equal(t, "1", limited.Header.Get("Retry-After"))
}

func TestFaultCutBodies(t *testing.T) {
	t.Parallel()
	fast := pingone.WithRetryPolicy(pingone.RetryPolicy{MaxRetries: 2, MinWait: time.Millisecond, MaxWait: 2 * time.Millisecond})
	for name, cut := range map[string]func(route string, times int) pingonetest.Option{
		"reset":     pingonetest.WithConnectionReset,
		"truncated": pingonetest.WithTruncatedBody,
	} {
		t.Run(name, func(t *testing.T) {
			// Cut bodies break the contract on purpose: no check here.
			srv := pingonetest.NewServer(t, cut("GET /v1/environments/*/populations", 1), cut("POST /v1/environments/*/populations", 1))
			c, err := pingone.NewClient(append(srv.ClientOptions(), fast)...)
			require.NoError(t, err)
			env := c.Environment(srv.EnvironmentID())

			p, err := env.Populations.List(t.Context(), nil)
			require.NoError(t, err, "a GET cut mid-body is sent again")
			assert.Len(t, p.Items, 1)

			_, err = env.Populations.Create(t.Context(), pingone.PopulationRequest{Name: "cut"})
			var te *pingone.TransportError
			require.ErrorAs(t, err, &te, "a POST is never sent twice")
			assert.Equal(t, 1, te.Attempts)
			assert.Contains(t, err.Error(), "reading response body")
			assert.NotContains(t, err.Error(), srv.Worker().ClientSecret)
		})
	}
	t.Run("always cut", func(t *testing.T) {
		srv := pingonetest.NewServer(t, pingonetest.WithTruncatedBody("GET /v1/**", -1))
		c, err := pingone.NewClient(append(srv.ClientOptions(), fast)...)
		require.NoError(t, err)
		_, err = c.Environment(srv.EnvironmentID()).Populations.List(t.Context(), nil)
		var te *pingone.TransportError
		require.ErrorAs(t, err, &te)
		assert.Equal(t, 3, te.Attempts, "1 + MaxRetries, then a clear error")
	})
}

func TestFaultRandomFailuresAreDeterministic(t *testing.T) {
	t.Parallel()
	run := func() []int {
		srv := checked(t, pingonetest.WithSeed(99), pingonetest.WithRandomFailures(0.4))
		tok := workerToken(t, srv)
		var statuses []int
		for range 20 {
			r, _ := get(t, srv.APIURL()+"/environments/"+srv.EnvironmentID()+"/populations", tok)
			statuses = append(statuses, r.StatusCode)
		}
		return statuses
	}
	a, b := run(), run()
	assert.Equal(t, a, b)
	assert.Contains(t, a, 503)
	assert.Contains(t, a, 200)
}

func TestFaultLatencyHonoursContext(t *testing.T) {
	t.Parallel()
	srv := pingonetest.NewServer(t, pingonetest.WithLatency("GET /v1/**", time.Minute)) // no response to check
	c, err := pingone.NewClient(srv.ClientOptions()...)
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	_, err = c.Environment(srv.EnvironmentID()).Populations.List(ctx, nil)
	assert.True(t, errors.Is(err, context.DeadlineExceeded), "%v", err)
}

// TestRejectedTokenIsRenewedOnce: when PingOne rejects a token before its
// expiry (here, every token is expired on the server), the client gets a new
// one and sends the request again, for a worker and for a signed-in admin.
func TestRejectedTokenIsRenewedOnce(t *testing.T) {
	t.Parallel()
	srv := checked(t, pingonetest.WithAdminPassword("Renew-Pass-1"))
	worker, err := pingone.NewClient(srv.ClientOptions()...)
	require.NoError(t, err)

	verifier, challenge := pkce()
	redirect := "http://127.0.0.1:42000/callback"
	_, code := signIn(t, srv, redirect, challenge, "Renew-Pass-1")
	flow, err := pingone.NewAuthCodeFlow(pingone.AuthCodeConfig{AuthURL: srv.AuthURL(), EnvironmentID: srv.EnvironmentID(), ClientID: srv.CLIClientID(), RedirectURL: redirect})
	require.NoError(t, err)
	tok, err := flow.Exchange(t.Context(), code, verifier)
	require.NoError(t, err)
	admin, err := pingone.NewClient(pingone.WithBaseURLs(srv.APIURL(), srv.AuthURL()), pingone.WithTokenSource(flow.TokenSource(tok, nil)))
	require.NoError(t, err)

	for name, c := range map[string]*pingone.Client{"worker": worker, "admin": admin} {
		env := c.Environment(srv.EnvironmentID())
		_, err := env.Populations.List(t.Context(), nil)
		require.NoError(t, err, name)
		srv.ExpireTokens()
		_, err = env.Populations.Create(t.Context(), pingone.PopulationRequest{Name: "after renewal " + name})
		require.NoError(t, err, "%s: the rejected token was renewed and the POST sent again", name)
	}

	// A static token cannot be renewed: the 401 is the answer.
	static, err := pingone.NewClient(pingone.WithBaseURLs(srv.APIURL(), srv.AuthURL()), pingone.WithStaticToken("not-valid"))
	require.NoError(t, err)
	_, err = static.Environment(srv.EnvironmentID()).Populations.List(t.Context(), nil)
	assert.ErrorIs(t, err, pingone.ErrUnauthorized)
}

// TestRevocation: a revoked refresh token renews nothing, a revoked access
// token is refused at once; an unknown token is answered 200, another
// client's is kept.
func TestRevocation(t *testing.T) {
	t.Parallel()
	srv := checked(t, pingonetest.WithAdminPassword("Revoke-Pass-1"))
	verifier, challenge := pkce()
	redirect := "http://127.0.0.1:42001/callback"
	_, code := signIn(t, srv, redirect, challenge, "Revoke-Pass-1")
	status, body := token(t, srv, url.Values{"grant_type": {"authorization_code"}, "client_id": {srv.CLIClientID()},
		"redirect_uri": {redirect}, "code": {code}, "code_verifier": {verifier}})
	require.Equal(t, 200, status, body)
	access, refresh := body["access_token"].(string), body["refresh_token"].(string)

	revoke := func(form url.Values, basic ...string) int {
		t.Helper()
		req, _ := http.NewRequest("POST", srv.AuthURL()+"/"+srv.EnvironmentID()+"/as/revoke", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if len(basic) == 2 {
			req.SetBasicAuth(url.QueryEscape(basic[0]), url.QueryEscape(basic[1]))
		}
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		return resp.StatusCode
	}
	populations := func() int {
		t.Helper()
		req, _ := http.NewRequest("GET", srv.APIURL()+"/environments/"+srv.EnvironmentID()+"/populations", nil)
		req.Header.Set("Authorization", "Bearer "+access)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		return resp.StatusCode
	}
	require.Equal(t, 200, populations())

	// Another client cannot revoke them (here: the worker, authenticated):
	// answered 200, kept.
	for _, tok := range []string{access, refresh} {
		assert.Equal(t, 200, revoke(url.Values{"token": {tok}}, srv.Worker().ClientID, srv.Worker().ClientSecret))
	}
	assert.Equal(t, 401, revoke(url.Values{"token": {access}}, srv.Worker().ClientID, "wrong"))
	assert.Equal(t, 401, revoke(url.Values{"token": {access}, "client_id": {"no-such-client"}}))
	assert.Equal(t, 400, revoke(url.Values{"client_id": {srv.CLIClientID()}}), "no token")
	assert.Equal(t, 200, revoke(url.Values{"token": {"unknown"}, "client_id": {srv.CLIClientID()}}))
	assert.Equal(t, 200, populations(), "the access token survives the refused revocations")
	status, body = token(t, srv, url.Values{"grant_type": {"refresh_token"}, "client_id": {srv.CLIClientID()}, "refresh_token": {refresh}})
	require.Equal(t, 200, status, "the refresh token survives the refused revocations: %v", body)
	access, refresh = body["access_token"].(string), body["refresh_token"].(string)

	assert.Equal(t, 200, revoke(url.Values{"token": {refresh}, "token_type_hint": {"refresh_token"}, "client_id": {srv.CLIClientID()}}))
	status, body = token(t, srv, url.Values{"grant_type": {"refresh_token"}, "client_id": {srv.CLIClientID()}, "refresh_token": {refresh}})
	assert.Equal(t, 400, status)
	assert.Equal(t, "invalid_grant", body["error"])
	assert.Equal(t, 200, populations(), "revoking the refresh token leaves the access token")

	assert.Equal(t, 200, revoke(url.Values{"token": {access}, "client_id": {srv.CLIClientID()}}))
	assert.Equal(t, 401, populations())
}

func TestUnknownPathsAnswerInPingOnesFormat(t *testing.T) {
	t.Parallel()
	srv := pingonetest.NewServer(t)
	for _, path := range []string{"/v1", "/v1/nothing", "/" + srv.EnvironmentID() + "/as/nothing", "/favicon.ico"} {
		resp, err := http.Get(srv.URL() + path)
		require.NoError(t, err)
		var body map[string]any
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&body), path)
		resp.Body.Close()
		assert.Equal(t, 404, resp.StatusCode, path)
		assert.Equal(t, "NOT_FOUND", body["code"], path)
		assert.NotEmpty(t, resp.Header.Get("Correlation-Id"), path)
	}
}
