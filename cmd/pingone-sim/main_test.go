package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
)

// sim runs the simulator with args until the test ends and returns what it
// printed: the JSON details (with -json) or the text up to the last detail.
func sim(t *testing.T, args ...string) (info simInfo, text string) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() { done <- run(ctx, args, pw) }()
	t.Cleanup(func() {
		cancel()
		go func() { _, _ = io.Copy(io.Discard, pr) }()
		select {
		case err := <-done:
			assert.NoError(t, err)
		case <-time.After(10 * time.Second):
			t.Error("run did not stop with its context")
		}
	})
	r := bufio.NewReader(pr)
	for {
		line, err := r.ReadString('\n')
		require.NoError(t, err, "output so far: %s", text)
		text += line
		if strings.HasPrefix(line, "{") {
			require.NoError(t, json.Unmarshal([]byte(line), &info))
			return info, text
		}
		if strings.Contains(line, "signInRedirectURI") {
			return nil, text
		}
	}
}

// simInfo is what -json prints.
type simInfo map[string]any

func (i simInfo) s(key string) string { v, _ := i[key].(string); return v }

// client returns an SDK client authenticated as the printed worker.
func (i simInfo) client(t *testing.T, opts ...pingone.Option) *pingone.Environment {
	t.Helper()
	c, err := pingone.NewClient(append([]pingone.Option{pingone.WithBaseURLs(i.s("apiURL"), i.s("authURL")),
		pingone.WithClientCredentials(i.s("environmentID"), i.s("workerClientID"), i.s("workerClientSecret"))}, opts...)...)
	require.NoError(t, err)
	return c.Environment(i.s("environmentID"))
}

// TestRunServesAndPrintsCredentials starts the simulator on a free port,
// reads the connection details it prints, and uses them.
func TestRunServesAndPrintsCredentials(t *testing.T) {
	t.Parallel()
	info, _ := sim(t, "-addr", "127.0.0.1:0", "-json", "-admin-password", "Sim-Pass-1")
	assert.Equal(t, "Sim-Pass-1", info.s("adminPassword"))
	assert.Equal(t, info.s("workerApplicationID"), info.s("workerClientID"), "PingOne's client ID is the application ID")
	env := info.client(t)
	page, err := env.Populations.List(t.Context(), nil)
	require.NoError(t, err)
	assert.Len(t, page.Items, 1)
}

// TestRunPrintsResourcesForGrants drives Create Application Grant with
// nothing but what -json printed.
func TestRunPrintsResourcesForGrants(t *testing.T) {
	t.Parallel()
	info, _ := sim(t, "-addr", "127.0.0.1:0", "-json")
	var printed struct {
		Resources map[string]struct {
			ID     string            `json:"id"`
			Scopes map[string]string `json:"scopes"`
		} `json:"resources"`
	}
	data, err := json.Marshal(info)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &printed))
	openid := printed.Resources["openid"]
	require.NotEmpty(t, openid.ID)
	require.NotEmpty(t, openid.Scopes["profile"])
	require.NotEmpty(t, printed.Resources["PingOne API"].Scopes["p1:read:user"])

	env := info.client(t)
	app, err := env.Applications.Create(t.Context(), pingone.NewOIDCApplication("Grantee", pingone.AppTypeWebApp, pingone.OIDCSettingsRequest{
		TokenEndpointAuthMethod: pingone.OIDCAuthClientSecretBasic,
		GrantTypes:              pingone.Value([]pingone.OIDCGrantType{pingone.OIDCGrantAuthorizationCode}),
		ResponseTypes:           pingone.Value([]pingone.OIDCResponseType{pingone.OIDCResponseCode}),
		RedirectURIs:            pingone.Value([]string{"https://app.example.com/callback"}),
	}))
	require.NoError(t, err)
	grant, err := env.Applications.CreateGrant(t.Context(), app.ID, pingone.ApplicationGrantRequest{
		Resource: pingone.Ref{ID: openid.ID}, Scopes: []pingone.Ref{{ID: openid.Scopes["openid"]}, {ID: openid.Scopes["profile"]}}})
	require.NoError(t, err)
	assert.Equal(t, openid.ID, grant.Resource.ID)
	assert.Len(t, grant.Scopes, 2)

	_, text := sim(t, "-addr", "127.0.0.1:0", "-seed", "9")
	seeded, _ := sim(t, "-addr", "127.0.0.1:0", "-seed", "9", "-json")
	assert.Contains(t, text, "PingOne API")
	assert.Contains(t, text, "p1:read:user")
	var again struct {
		Resources map[string]struct {
			ID string `json:"id"`
		} `json:"resources"`
	}
	data, err = json.Marshal(seeded)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &again))
	assert.Contains(t, text, again.Resources["openid"].ID, "text and JSON show the same IDs")
}

// TestRunSaysWhereItListens: "loopback only" on a loopback address; on a
// wildcard address a warning, and URLs that reach the server.
func TestRunSaysWhereItListens(t *testing.T) {
	t.Parallel()
	_, text := sim(t, "-addr", "127.0.0.1:0")
	assert.Contains(t, text, "loopback only")

	_, text = sim(t, "-addr", "0.0.0.0:0")
	assert.NotContains(t, text, "loopback only")
	assert.Contains(t, text, "REACHABLE FROM OTHER HOSTS")
	assert.NotContains(t, text, "[::]")
	assert.Regexp(t, `apiURL\s+http://127\.0\.0\.1:\d+/v1\n`, text)

	info, _ := sim(t, "-addr", "0.0.0.0:0", "-json")
	_, err := info.client(t).Populations.List(t.Context(), nil)
	require.NoError(t, err, "the printed URL reaches the server")
}

// TestRunGeneratesFreshSecrets: two runs print different secrets unless
// -seed is given.
func TestRunGeneratesFreshSecrets(t *testing.T) {
	t.Parallel()
	a, _ := sim(t, "-addr", "127.0.0.1:0", "-json")
	b, _ := sim(t, "-addr", "127.0.0.1:0", "-json")
	assert.NotEqual(t, a.s("adminPassword"), b.s("adminPassword"))
	assert.NotEqual(t, a.s("workerClientSecret"), b.s("workerClientSecret"))

	x, _ := sim(t, "-addr", "127.0.0.1:0", "-json", "-seed", "5")
	y, _ := sim(t, "-addr", "127.0.0.1:0", "-json", "-seed", "5")
	assert.Equal(t, x.s("adminPassword"), y.s("adminPassword"))
	assert.Equal(t, x.s("workerClientSecret"), y.s("workerClientSecret"))
}

// TestRunInjectsFaults: the throttle and write-failure flags reach the
// server.
func TestRunInjectsFaults(t *testing.T) {
	t.Parallel()
	info, _ := sim(t, "-addr", "127.0.0.1:0", "-json", "-rate-limit", "2", "-throttle-status", "403",
		"-fail-after-write", "answer=500,times=1,route=POST /v1/environments/*/populations")
	// Without retries, so that the answers on the wire reach the test (the
	// SDK retries the edge's 403 as throttling).
	env := info.client(t, pingone.WithRetryPolicy(pingone.RetryPolicy{}))
	_, err := env.Populations.Create(t.Context(), pingone.PopulationRequest{Name: "Ambiguous"})
	var apiErr *pingone.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 500, apiErr.StatusCode)
	var statuses []int
	for range 10 {
		_, err := env.Populations.List(t.Context(), nil)
		if errors.As(err, &apiErr) {
			statuses = append(statuses, apiErr.StatusCode)
			if apiErr.StatusCode == 403 {
				assert.ErrorIs(t, err, pingone.ErrRateLimited, "the SDK takes the edge's 403 for throttling")
			}
		} else {
			require.NoError(t, err)
			statuses = append(statuses, 200)
		}
	}
	assert.Contains(t, statuses, 403, "over the limit, the edge's 403")
}

// TestRunDelaysPermissions: with -permission-propagation, a new worker's
// role is not in effect yet.
func TestRunDelaysPermissions(t *testing.T) {
	t.Parallel()
	info, _ := sim(t, "-addr", "127.0.0.1:0", "-json", "-permission-propagation", "1h")
	env := info.client(t)
	ctx := t.Context()
	app, err := env.Applications.Create(ctx, pingone.NewOIDCApplication("Late", pingone.AppTypeWorker, pingone.OIDCSettingsRequest{
		TokenEndpointAuthMethod: pingone.OIDCAuthClientSecretBasic}))
	require.NoError(t, err)
	roles, err := env.CustomRoles.List(ctx, nil)
	require.NoError(t, err)
	var roleID string
	for _, r := range roles.Items {
		if r.Name == "Identity Data Admin" {
			roleID = r.ID
		}
	}
	require.NotEmpty(t, roleID)
	_, err = env.Applications.CreateRoleAssignment(ctx, app.ID, pingone.RoleAssignmentRequest{Role: pingone.Ref{ID: roleID}, Scope: pingone.EnvironmentScope(info.s("environmentID"))})
	require.NoError(t, err)
	secret, err := env.Applications.GetSecret(ctx, app.ID)
	require.NoError(t, err)
	// Without the SDK's own wait for propagation: this checks the server.
	late, err := pingone.NewClient(pingone.WithBaseURLs(info.s("apiURL"), info.s("authURL")),
		pingone.WithClientCredentials(info.s("environmentID"), app.ID, secret.Secret.Reveal()),
		pingone.WithPermissionPropagationWindow(0))
	require.NoError(t, err)
	_, err = late.Environment(info.s("environmentID")).Populations.List(ctx, nil)
	assert.ErrorIs(t, err, pingone.ErrForbidden)
}

// TestRunLagsReads: with -replication-lag, a new group is not seen yet.
func TestRunLagsReads(t *testing.T) {
	t.Parallel()
	info, _ := sim(t, "-addr", "127.0.0.1:0", "-json", "-replication-lag", "1h")
	env := info.client(t, pingone.WithReadAfterWriteWindow(0)) // the server's lag, not the SDK's wait
	g, err := env.Groups.Create(t.Context(), pingone.GroupRequest{Name: "Not yet"})
	require.NoError(t, err)
	_, err = env.Groups.Get(t.Context(), g.ID, nil)
	assert.ErrorIs(t, err, pingone.ErrNotFound)
}

func TestRunRejectsBadFlags(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"-no-such-flag"},
		{"-addr", "127.0.0.1:0", "-throttle-status", "500"},
		{"-addr", "127.0.0.1:0", "-permission-propagation", "-1s"},
		{"-addr", "127.0.0.1:0", "-replication-lag", "-1s"},
		{"-addr", "127.0.0.1:0", "-bucket-rate", "2", "-bucket-burst", "0"},
		{"-addr", "127.0.0.1:0", "-fail-before-write", "answer=404"},
		{"-addr", "127.0.0.1:0", "-fail-after-write", "answer=500,rate=x"},
		{"-addr", "127.0.0.1:0", "-fail-after-write", "colour=blue"},
	} {
		err := run(t.Context(), args, io.Discard)
		assert.Error(t, err, "%q", args)
	}
}
