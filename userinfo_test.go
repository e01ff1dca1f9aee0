package pingone_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/pingonetest"
)

func init() {
	registerActions(actionCase{
		action: "Get Current User Info", family: "userinfo", golden: "get",
		method: "GET", path: "auth:/" + testEnv + "/as/userinfo", status: 200,
		call: func(ctx context.Context, c *pingone.Client, _ *pingone.Environment) (any, error) {
			return c.UserInfo.Get(ctx, testEnv)
		},
		check: func(t *testing.T, got any) {
			u := got.(*pingone.UserInfo)
			assert.Equal(t, membershipUserID, u.Subject)
			assert.Equal(t, "Ada Admin", u.Name)
			assert.Equal(t, "Ada", u.GivenName)
			assert.Equal(t, "Admin", u.FamilyName)
			assert.Equal(t, "B", u.MiddleName)
			assert.Equal(t, "ada", u.Nickname)
			assert.Equal(t, "admin", u.PreferredUsername)
			assert.Equal(t, "admin@example.com", u.Email)
			assert.True(t, u.EmailVerified)
			assert.Equal(t, "+33 1 23 45 67 89", u.PhoneNumber)
			assert.Equal(t, "fr-FR", u.Locale)
			assert.Equal(t, "Europe/Paris", u.ZoneInfo)
			assert.Equal(t, "Paris", u.Address.Locality)
			assert.Equal(t, "1 rue de Rivoli", u.Address.StreetAddress)
			assert.Equal(t, "75001", u.Address.PostalCode)
			assert.Equal(t, "FR", u.Address.Country)
			assert.Equal(t, time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC), u.UpdatedAt.UTC())
			assert.JSONEq(t, `"`+testEnv+`"`, string(u.Extra["env"]), "unknown claims kept")
			assert.JSONEq(t, `"R&D"`, string(u.Extra["department"]))
		},
	})
}

func TestUserInfo(t *testing.T) {
	t.Parallel()
	testFamily(t, "userinfo")
}

func TestUserInfoArguments(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	_, err := c.UserInfo.Get(t.Context(), "")
	_, ok := errors.AsType[*pingone.ArgumentError](err)
	assert.True(t, ok, "%v", err)
	assert.Equal(t, 0, mt.GetTotalCallCount())
}

// The userinfo path escapes the environment ID and goes to the auth host,
// without the API's /v1.
func TestUserInfoEscapesEnvironment(t *testing.T) {
	t.Parallel()
	c, mt := rawMockClient(t)
	var gotPath string
	mt.RegisterNoResponder(func(r *http.Request) (*http.Response, error) {
		gotPath = r.URL.Host + r.URL.EscapedPath()
		return jsonResponder(200, `{"sub": "u"}`)(r)
	})
	_, err := c.UserInfo.Get(t.Context(), "a/b")
	require.NoError(t, err)
	assert.Equal(t, "auth.pingone.test/a%2Fb/as/userinfo", gotPath)
}

// A refusal of the token (as for a worker's client-credentials token) says
// that a user's token is needed; an expired token does not.
func TestUserInfoErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		status   int
		body     string
		userOnly bool
	}{
		{"403 ACCESS_FAILED", 403, `{"id": "e1", "code": "ACCESS_FAILED", "message": "Access token is not a user token"}`, true},
		{"401 ACCESS_FAILED without detail", 401, `{"id": "e2", "code": "ACCESS_FAILED", "message": "Unsupported token"}`, true},
		{"401 INVALID_TOKEN", 401, `{"id": "e3", "code": "ACCESS_FAILED", "message": "expired", "details": [{"code": "INVALID_TOKEN", "message": "expired"}]}`, false},
		{"500", 500, `{"id": "e4", "code": "UNEXPECTED_ERROR", "message": "boom"}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mt := mockClient(t, pingone.WithRetryPolicy(pingone.RetryPolicy{}))
			mt.RegisterResponder("GET", testAuth+"/"+testEnv+"/as/userinfo", jsonResponder(tt.status, tt.body))
			_, err := c.UserInfo.Get(t.Context(), testEnv)
			require.Error(t, err)
			assert.Equal(t, tt.userOnly, errors.Is(err, pingone.ErrUserTokenRequired), "%v", err)
			apiErr, ok := errors.AsType[*pingone.APIError](err)
			require.True(t, ok, "the *APIError is still reachable")
			assert.Equal(t, tt.status, apiErr.StatusCode)
			if tt.userOnly {
				assert.Contains(t, err.Error(), "signed-in user")
			}
			if tt.status == 403 {
				assert.ErrorIs(t, err, pingone.ErrForbidden, "the status category still matches")
			}
			assert.NotContains(t, err.Error(), "test-token")
		})
	}
}

// signIn signs the seeded admin in through the seeded CLI application as a
// browser would, and returns a client that holds the admin's token.
func signInThroughCLIApp(t *testing.T, srv *pingonetest.Server, scopes ...string) *pingone.Client {
	t.Helper()
	ctx := t.Context()
	const redirect = "http://127.0.0.1:1/callback"
	flow, err := pingone.NewAuthCodeFlow(pingone.AuthCodeConfig{
		AuthURL: srv.AuthURL(), EnvironmentID: srv.EnvironmentID(), ClientID: srv.CLIClientID(),
		RedirectURL: redirect, Scopes: scopes,
	})
	require.NoError(t, err)
	state, verifier := pingone.NewState(), pingone.NewVerifier()
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

	authURL := flow.AuthCodeURL(state, verifier)
	resp, err := noRedirect.Get(authURL)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode, "the sign-in form")

	u, err := url.Parse(authURL)
	require.NoError(t, err)
	form := u.Query()
	admin := srv.Admin()
	form.Set("username", admin.Username)
	form.Set("password", admin.Password)
	req, err := http.NewRequestWithContext(ctx, "POST", u.Scheme+"://"+u.Host+u.Path, strings.NewReader(form.Encode()))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err = noRedirect.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusFound, resp.StatusCode)
	loc, err := url.Parse(resp.Header.Get("Location"))
	require.NoError(t, err)
	require.Equal(t, state, loc.Query().Get("state"))

	tok, err := flow.Exchange(ctx, loc.Query().Get("code"), verifier)
	require.NoError(t, err)
	c, err := pingone.NewClient(
		pingone.WithBaseURLs(srv.APIURL(), srv.AuthURL()),
		pingone.WithTokenSource(flow.TokenSource(tok, nil)),
		pingone.WithHTTPClient(&http.Client{Transport: contractTransport(t, http.DefaultTransport)}),
		pingone.WithPermissionPropagationWindow(0), // pingonetest applies roles at once here
	)
	require.NoError(t, err)
	return c
}

func TestUserInfoEndToEnd(t *testing.T) {
	t.Parallel()
	srv, worker, _ := e2e(t)
	ctx := t.Context()

	user := signInThroughCLIApp(t, srv, "openid", "profile", "email")
	info, err := user.UserInfo.Get(ctx, srv.EnvironmentID())
	require.NoError(t, err)
	admin := srv.Admin()
	assert.Equal(t, admin.UserID, info.Subject)
	assert.Equal(t, admin.Username, info.PreferredUsername)
	assert.Equal(t, "Ada", info.GivenName)
	assert.Equal(t, "Admin", info.FamilyName)
	assert.Equal(t, "Ada Admin", info.Name)
	assert.Equal(t, "admin@example.com", info.Email)
	assert.True(t, info.EmailVerified)
	assert.False(t, info.UpdatedAt.IsZero())
	assert.WithinDuration(t, time.Now(), info.UpdatedAt, time.Hour)

	// Only the scopes granted give claims.
	narrow := signInThroughCLIApp(t, srv, "openid")
	info, err = narrow.UserInfo.Get(ctx, srv.EnvironmentID())
	require.NoError(t, err)
	assert.Equal(t, admin.UserID, info.Subject)
	assert.Empty(t, info.Email)
	assert.Empty(t, info.GivenName)

	// A worker's client-credentials token is refused with an error that
	// says why.
	_, err = worker.UserInfo.Get(ctx, srv.EnvironmentID())
	require.Error(t, err)
	assert.ErrorIs(t, err, pingone.ErrUserTokenRequired)
	assert.ErrorIs(t, err, pingone.ErrForbidden)
	assert.Contains(t, err.Error(), "signed-in user")
	assert.NotContains(t, err.Error(), srv.Worker().ClientSecret)
}

// Claims of unexpected JSON types still decode: updated_at as a string, a
// boolean as a string.
func TestUserInfoLenientClaims(t *testing.T) {
	t.Parallel()
	c, mt := rawMockClient(t) // the contract would refuse the string types
	mt.RegisterResponder("GET", testAuth+"/"+testEnv+"/as/userinfo", jsonResponder(200,
		`{"sub": "u", "email_verified": "true", "updated_at": "2024-05-01T08:00:00Z"}`))
	info, err := c.UserInfo.Get(t.Context(), testEnv)
	require.NoError(t, err)
	assert.Equal(t, "u", info.Subject)
	assert.True(t, info.EmailVerified)
	assert.Equal(t, time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC), info.UpdatedAt)

	mt.RegisterResponder("GET", testAuth+"/"+testEnv+"/as/userinfo", jsonResponder(200, `{"sub": "u", "updated_at": 1714550400.5}`))
	info, err = c.UserInfo.Get(t.Context(), testEnv)
	require.NoError(t, err)
	assert.Equal(t, time.Date(2024, 5, 1, 8, 0, 0, 5e8, time.UTC), info.UpdatedAt)
}
