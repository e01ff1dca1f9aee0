package pingonetest_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/pingonetest"
)

// testClock is a clock a test moves on (see pingonetest.WithClock).
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func newTestClock() *testClock {
	return &testClock{now: time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)}
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// send makes one request and returns the response (body read) and the body
// decoded as a JSON object (nil if it is not one).
func send(t *testing.T, method, url, token, body string) (*http.Response, map[string]any) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rd)
	require.NoError(t, err)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	var out map[string]any
	_ = json.Unmarshal(data, &out)
	return resp, out
}

func envURL(srv *pingonetest.Server, path string) string {
	return srv.APIURL() + "/environments/" + srv.EnvironmentID() + path
}

func TestWrongMethodIs405(t *testing.T) {
	t.Parallel()
	srv := checked(t)
	tok := workerToken(t, srv)
	pops := envURL(srv, "/populations")
	_, body := get(t, pops, tok)
	popID := body["_embedded"].(map[string]any)["populations"].([]any)[0].(map[string]any)["id"].(string)

	for _, tc := range []struct{ method, url, allow string }{
		{"PATCH", pops + "/" + popID, "GET, PUT, DELETE"},
		{"DELETE", pops, "GET, POST"},
		{"POST", envURL(srv, "/users/"+srv.Admin().UserID+"/enabled"), "GET, PUT"},
		{"PUT", srv.APIURL() + "/roles", "GET"},
		{"GET", srv.AuthURL() + "/" + srv.EnvironmentID() + "/as/token", "POST"},
	} {
		resp, body := send(t, tc.method, tc.url, tok, "")
		assert.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode, "%s %s", tc.method, tc.url)
		assert.Equal(t, tc.allow, resp.Header.Get("Allow"), "%s %s", tc.method, tc.url)
		assert.Equal(t, "INVALID_REQUEST", body["code"])
		assert.NotEmpty(t, body["id"])
		assert.Contains(t, body["message"], tc.method)
	}
	resp, body := send(t, "PATCH", envURL(srv, "/nothingHere/x"), tok, "")
	assert.Equal(t, 404, resp.StatusCode, "an unknown path is still a 404")
	assert.Equal(t, "NOT_FOUND", body["code"])
}

func TestGetEnvironment(t *testing.T) {
	t.Parallel()
	srv := checked(t)
	tok := workerToken(t, srv)
	resp, env := get(t, envURL(srv, ""), tok)
	require.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, srv.EnvironmentID(), env["id"])
	for _, k := range []string{"name", "type", "region", "createdAt", "updatedAt"} {
		assert.IsType(t, "", env[k], k)
		assert.NotEmpty(t, env[k], k)
	}
	assert.Contains(t, []any{"SANDBOX", "PRODUCTION"}, env["type"])
	assert.Equal(t, srv.OrganizationID(), env["organization"].(map[string]any)["id"])
	assert.NotEmpty(t, env["license"].(map[string]any)["id"], "license.id is required by the spec")
	assert.Equal(t, envURL(srv, ""), env["_links"].(map[string]any)["self"].(map[string]any)["href"])

	resp, _ = get(t, srv.APIURL()+"/environments/00000000-0000-0000-0000-000000000000", tok)
	assert.Equal(t, 403, resp.StatusCode, "another environment: no access, as for every path under it")
}

func TestResourcesAndScopesAreListed(t *testing.T) {
	t.Parallel()
	srv := checked(t)
	tok := workerToken(t, srv)
	resp, body := get(t, envURL(srv, "/resources"), tok)
	require.Equal(t, 200, resp.StatusCode)
	items := body["_embedded"].(map[string]any)["resources"].([]any)
	assert.EqualValues(t, len(items), body["count"])
	assert.EqualValues(t, len(items), body["size"])
	require.Len(t, items, len(srv.Resources()))
	for _, it := range items {
		r := it.(map[string]any)
		want, ok := srv.Resource(r["name"].(string))
		require.True(t, ok, r["name"])
		assert.Equal(t, want.ID, r["id"])
		assert.Contains(t, []any{"OPENID_CONNECT", "PINGONE_API", "CUSTOM"}, r["type"])
		assert.Equal(t, srv.EnvironmentID(), r["environment"].(map[string]any)["id"])

		resp, one := get(t, envURL(srv, "/resources/"+want.ID), tok)
		require.Equal(t, 200, resp.StatusCode)
		assert.Equal(t, r["name"], one["name"])

		resp, scopes := get(t, envURL(srv, "/resources/"+want.ID+"/scopes"), tok)
		require.Equal(t, 200, resp.StatusCode)
		got := map[string]string{}
		for _, s := range scopes["_embedded"].(map[string]any)["scopes"].([]any) {
			sc := s.(map[string]any)
			got[sc["name"].(string)] = sc["id"].(string)
			assert.Equal(t, want.ID, sc["resource"].(map[string]any)["id"])
		}
		assert.Equal(t, want.Scopes, got)
	}
	resp, body = get(t, envURL(srv, "/resources/no-such-resource/scopes"), tok)
	assert.Equal(t, 404, resp.StatusCode)
	assert.Equal(t, "NOT_FOUND", body["code"])
}

// TestEveryApplicationsClientIDIsItsID: PingOne's rule, for the seeded
// applications and for new ones; the seeded credentials still work.
func TestEveryApplicationsClientIDIsItsID(t *testing.T) {
	t.Parallel()
	srv := checked(t)
	assert.Equal(t, srv.Worker().ApplicationID, srv.Worker().ClientID)
	c, err := pingone.NewClient(srv.ClientOptions()...)
	require.NoError(t, err)
	env := c.Environment(srv.EnvironmentID())
	_, err = env.Applications.Create(t.Context(), pingone.NewOIDCApplication("New", pingone.AppTypeWorker, pingone.OIDCSettingsRequest{
		TokenEndpointAuthMethod: pingone.OIDCAuthClientSecretBasic}))
	require.NoError(t, err)

	resp, body := get(t, envURL(srv, "/applications"), workerToken(t, srv))
	require.Equal(t, 200, resp.StatusCode)
	var cli bool
	for _, it := range body["_embedded"].(map[string]any)["applications"].([]any) {
		a := it.(map[string]any)
		if a["protocol"] == "OPENID_CONNECT" {
			assert.Equal(t, a["id"], a["clientId"], a["name"])
		}
		cli = cli || a["id"] == srv.CLIClientID()
	}
	assert.True(t, cli, "the sign-in application's client ID is its ID")

	verifier, challenge := pkce()
	_, code := signIn(t, srv, "http://127.0.0.1:44000/callback", challenge, srv.Admin().Password)
	status, _ := token(t, srv, url.Values{"grant_type": {"authorization_code"}, "client_id": {srv.CLIClientID()},
		"redirect_uri": {"http://127.0.0.1:44000/callback"}, "code": {code}, "code_verifier": {verifier}})
	assert.Equal(t, 200, status)
}

// TestUserActivitiesCountSignOns: the report counts the sign-on attempts
// the server has seen, in the bucket of their time.
func TestUserActivitiesCountSignOns(t *testing.T) {
	t.Parallel()
	clock := newTestClock()
	srv := checked(t, pingonetest.WithClock(clock.Now))
	_, challenge := pkce()
	redirect := "http://127.0.0.1:45000/callback"
	for range 2 {
		_, code := signIn(t, srv, redirect, challenge, srv.Admin().Password)
		require.NotEmpty(t, code)
	}
	resp, _ := signIn(t, srv, redirect, challenge, "wrong password")
	require.Equal(t, 401, resp.StatusCode)
	clock.Advance(24 * time.Hour)
	_, code := signIn(t, srv, redirect, challenge, srv.Admin().Password)
	require.NotEmpty(t, code)

	c, err := pingone.NewClient(srv.ClientOptions()...)
	require.NoError(t, err)
	day := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	page, err := c.Environment(srv.EnvironmentID()).Users.ListActivities(t.Context(), &pingone.ListUserActivitiesOptions{Start: day, End: day.Add(72 * time.Hour), SampleSize: pingone.SampleDay})
	require.NoError(t, err)
	acts := page.Items
	require.Len(t, acts, 3)
	counts := func(a pingone.UserActivity) [2]int { return [2]int{a.UserSignOns.Successes, a.UserSignOns.Failures} }
	assert.Equal(t, [2]int{2, 1}, counts(acts[0]))
	assert.Equal(t, [2]int{1, 0}, counts(acts[1]))
	assert.Equal(t, [2]int{0, 0}, counts(acts[2]))
}
