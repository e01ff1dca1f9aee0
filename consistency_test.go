package pingone_test

import (
	"bytes"
	"errors"
	"log/slog"
	"net/http"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/pingonetest"
)

const notFoundBody = `{"id":"e","code":"NOT_FOUND","message":"Unable to find population"}`

func TestReadAfterWriteRetriesA404AboutAFreshResource(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		var logs bytes.Buffer
		c, mt := mockClient(t, pingone.WithLogger(slog.New(slog.NewJSONHandler(&logs, nil))))
		env := c.Environment(testEnv)
		mt.RegisterResponder("POST", popsURL, jsonResponder(201, `{"id":"p9","name":"Fresh"}`))
		fresh, calls := sequence(jsonResponder(404, notFoundBody), jsonResponder(404, notFoundBody), jsonResponder(200, `{"id":"p9","name":"Fresh"}`))
		mt.RegisterResponder("GET", popsURL+"/p9", fresh)
		other, otherCalls := sequence(jsonResponder(404, notFoundBody))
		mt.RegisterResponder("GET", popsURL+"/p1", other)

		_, err := env.Populations.Create(t.Context(), pingone.PopulationRequest{Name: "Fresh"})
		require.NoError(t, err)
		p, err := env.Populations.Get(t.Context(), "p9")
		require.NoError(t, err, "a 404 right after the create is replication lag")
		assert.Equal(t, "Fresh", p.Name)
		assert.Equal(t, int32(3), calls.Load())
		assert.Contains(t, logs.String(), "read-after-write")

		_, err = env.Populations.Get(t.Context(), "p1")
		assert.ErrorIs(t, err, pingone.ErrNotFound)
		assert.Equal(t, int32(1), otherCalls.Load(), "a 404 about a resource this client did not write is returned at once")

		// Once the window has passed, a 404 is the truth.
		time.Sleep(pingone.DefaultReadAfterWriteWindow)
		calls.Store(0)
		_, err = env.Populations.Get(t.Context(), "p9")
		assert.ErrorIs(t, err, pingone.ErrNotFound)
		assert.Equal(t, int32(1), calls.Load())
	})
}

func TestReadAfterWriteGivesUpWhenTheWindowEnds(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		c, mt := mockClient(t, pingone.WithReadAfterWriteWindow(2*time.Second))
		env := c.Environment(testEnv)
		mt.RegisterResponder("POST", popsURL, jsonResponder(201, `{"id":"p9","name":"Fresh"}`))
		mt.RegisterResponder("GET", popsURL+"/p9", jsonResponder(404, notFoundBody))
		_, err := env.Populations.Create(t.Context(), pingone.PopulationRequest{Name: "Fresh"})
		require.NoError(t, err)
		start := time.Now()
		_, err = env.Populations.Get(t.Context(), "p9")
		var apiErr *pingone.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.True(t, errors.Is(err, pingone.ErrNotFound))
		assert.Greater(t, apiErr.Attempts, 1)
		assert.LessOrEqual(t, time.Since(start), 2*time.Second+50*time.Millisecond, "no retry after the window")
	})
}

func TestReadAfterWriteOffSendsOnce(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t, pingone.WithReadAfterWriteWindow(0))
	env := c.Environment(testEnv)
	mt.RegisterResponder("POST", popsURL, jsonResponder(201, `{"id":"p9","name":"Fresh"}`))
	get, calls := sequence(jsonResponder(404, notFoundBody), jsonResponder(200, `{"id":"p9","name":"Fresh"}`))
	mt.RegisterResponder("GET", popsURL+"/p9", get)
	_, err := env.Populations.Create(t.Context(), pingone.PopulationRequest{Name: "Fresh"})
	require.NoError(t, err)
	_, err = env.Populations.Get(t.Context(), "p9")
	assert.ErrorIs(t, err, pingone.ErrNotFound)
	assert.Equal(t, int32(1), calls.Load())
}

func TestPermissionPropagationRetriesAccessFailedAfterARoleAssignment(t *testing.T) {
	t.Parallel()
	const denied = `{"id":"e","code":"ACCESS_FAILED","message":"The actor attempting to perform the request is not authorized.","details":[{"code":"INSUFFICIENT_PERMISSIONS","message":"not authorized"}]}`
	// A host of its own: role assignments are remembered per API host.
	const base = "https://api.propagation.test/v1"
	c, mt := mockClient(t, pingone.WithBaseURLs(base, testAuth), pingone.WithPermissionPropagationWindow(time.Minute))
	env := c.Environment(testEnv)
	popAt := base + "/environments/" + testEnv + "/populations/p1"
	list, calls := sequence(jsonResponder(403, denied))
	mt.RegisterResponder("GET", popAt, list)
	_, err := env.Populations.Get(t.Context(), "p1")
	assert.ErrorIs(t, err, pingone.ErrForbidden, "no role assigned lately: the 403 is returned at once")
	assert.Equal(t, int32(1), calls.Load())

	mt.RegisterResponder("POST", base+"/environments/"+testEnv+"/groups/g1/roleAssignments",
		jsonResponder(201, `{"id":"ra1","role":{"id":"r1"},"scope":{"id":"`+testEnv+`","type":"ENVIRONMENT"}}`))
	_, err = env.Groups.CreateRoleAssignment(t.Context(), "g1", pingone.RoleAssignmentRequest{Role: pingone.RefTo("r1"), Scope: pingone.EnvironmentScope(testEnv)})
	require.NoError(t, err)

	// Another client of the process, signed in as the actor who got the
	// role, waits for it too.
	other, mt2 := mockClient(t, pingone.WithBaseURLs(base, testAuth), pingone.WithPermissionPropagationWindow(time.Minute))
	list, calls = sequence(jsonResponder(403, denied), jsonResponder(403, denied), jsonResponder(200, popBody))
	mt2.RegisterResponder("GET", popAt, list)
	_, err = other.Environment(testEnv).Populations.Get(t.Context(), "p1")
	require.NoError(t, err, "a 403 right after a role assignment is the role not yet in effect")
	assert.Equal(t, int32(3), calls.Load())
}

func TestThrottlingIsToldApartFromAPermissionDenial(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name      string
		responder httpmock.Responder
		throttled bool
	}{
		{"the edge's HTML 403", func(*http.Request) (*http.Response, error) {
			r := httpmock.NewStringResponse(403, "<html><head><title>403 Forbidden</title></head><body>Forbidden</body></html>")
			r.Header.Set("Content-Type", "text/html")
			return r, nil
		}, true},
		{"an empty 403", func(*http.Request) (*http.Response, error) { return httpmock.NewStringResponse(403, ""), nil }, true},
		{"a 403 with Retry-After", withHeader(jsonResponder(403, `{"id":"e","code":"ACCESS_FAILED","message":"m"}`), "Retry-After", "0"), true},
		{"a 403 with rate-limit headers", withHeader(jsonResponder(403, `{"id":"e","code":"ACCESS_FAILED","message":"m"}`), "X-RateLimit-Remaining", "0"), true},
		{"a 403 REQUEST_LIMITED", jsonResponder(403, `{"id":"e","code":"REQUEST_LIMITED","message":"m"}`), true},
		{"a 403 with a QUOTA_EXCEEDED detail", jsonResponder(403, `{"id":"e","code":"ACCESS_FAILED","message":"m","details":[{"code":"QUOTA_EXCEEDED","message":"m"}]}`), true},
		{"PingOne's ACCESS_FAILED", jsonResponder(403, `{"id":"e","code":"ACCESS_FAILED","message":"The actor attempting to perform the request is not authorized."}`), false},
		{"PingOne's LICENSE_EXCEEDED", jsonResponder(403, `{"id":"e","code":"ACCESS_FAILED","message":"m","details":[{"code":"LICENSE_EXCEEDED","message":"m"}]}`), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := rawMockClient(t)
			get, calls := sequence(tc.responder, jsonResponder(200, popBody))
			mt.RegisterResponder("GET", popURL, get)
			_, err := c.Environment(testEnv).Populations.Get(t.Context(), "p1")
			if tc.throttled {
				require.NoError(t, err, "retried like a 429")
				assert.Equal(t, int32(2), calls.Load())
				return
			}
			assert.ErrorIs(t, err, pingone.ErrForbidden)
			assert.NotErrorIs(t, err, pingone.ErrRateLimited)
			assert.Equal(t, int32(1), calls.Load())
		})
	}
}

func TestThrottling403MatchesErrRateLimitedWhenRetriesRunOut(t *testing.T) {
	t.Parallel()
	c, mt := rawMockClient(t, pingone.WithRetryPolicy(pingone.RetryPolicy{MaxRetries: 1}))
	mt.RegisterResponder("GET", popURL, func(*http.Request) (*http.Response, error) { return httpmock.NewStringResponse(403, "Forbidden"), nil })
	_, err := c.Environment(testEnv).Populations.Get(t.Context(), "p1")
	assert.ErrorIs(t, err, pingone.ErrRateLimited)
	assert.NotErrorIs(t, err, pingone.ErrForbidden)
	var apiErr *pingone.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.True(t, apiErr.Throttled)
	assert.Equal(t, 2, apiErr.Attempts)
}

func TestUnexpectedErrorRetriedOnlyWhenSafe(t *testing.T) {
	t.Parallel()
	const unexpected = `{"id":"e","code":"UNEXPECTED_ERROR","message":"An unexpected error occurred."}`
	c, mt := mockClient(t)
	env := c.Environment(testEnv)
	get, getCalls := sequence(jsonResponder(500, unexpected), jsonResponder(200, popBody))
	mt.RegisterResponder("GET", popURL, get)
	_, err := env.Populations.Get(t.Context(), "p1")
	require.NoError(t, err)
	assert.Equal(t, int32(2), getCalls.Load())

	post, postCalls := sequence(jsonResponder(500, unexpected), jsonResponder(201, popBody))
	mt.RegisterResponder("POST", popsURL, post)
	_, err = env.Populations.Create(t.Context(), pingone.PopulationRequest{Name: "Staff"})
	assert.ErrorIs(t, err, pingone.ErrServerError)
	assert.Equal(t, int32(1), postCalls.Load(), "a POST is never replayed blindly")
}

func TestSafeCreatesRecoverAnAmbiguousCreate(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		opt     pingonetest.Option
		creates int // creates the server made
	}{
		{"acted, then 500", pingonetest.WithFailAfterWrite(pingonetest.WriteFailure{Route: "POST /v1/environments/*/populations", Answer: pingonetest.Answer500, Times: 1}), 1},
		{"acted, then 502", pingonetest.WithFailAfterWrite(pingonetest.WriteFailure{Route: "POST /v1/environments/*/populations", Answer: pingonetest.Answer502, Times: 1}), 1},
		{"acted, then reset", pingonetest.WithFailAfterWrite(pingonetest.WriteFailure{Route: "POST /v1/environments/*/populations", Answer: pingonetest.AnswerReset, Times: 1}), 1},
		{"failed before acting", pingonetest.WithFailBeforeWrite(pingonetest.WriteFailure{Route: "POST /v1/environments/*/populations", Answer: pingonetest.Answer500, Times: 1}), 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := pingonetest.NewServer(t, tc.opt)
			c, err := pingone.NewClient(append(srv.ClientOptions(), pingone.WithSafeCreates(true), pingone.WithReadAfterWriteWindow(100*time.Millisecond))...)
			require.NoError(t, err)
			env := c.Environment(srv.EnvironmentID())
			var resp pingone.Response
			p, err := env.Populations.Create(pingone.ContextWithResponse(t.Context(), &resp), pingone.PopulationRequest{Name: "Contractors"})
			require.NoError(t, err)
			assert.Equal(t, "Contractors", p.Name)
			assert.NotEmpty(t, p.ID)
			assert.Equal(t, tc.creates, srv.Stats().Writes["/environments/{envID}/populations"].Creates)
			byName, err := env.Populations.ByName(t.Context(), "Contractors")
			require.NoError(t, err, "exactly one population of that name")
			assert.Equal(t, p.ID, byName.ID)
		})
	}
}

func TestSafeCreatesAreOptIn(t *testing.T) {
	t.Parallel()
	srv := pingonetest.NewServer(t, pingonetest.WithFailAfterWrite(pingonetest.WriteFailure{Route: "POST /v1/environments/*/populations", Answer: pingonetest.Answer500}))
	c, err := pingone.NewClient(srv.ClientOptions()...)
	require.NoError(t, err)
	env := c.Environment(srv.EnvironmentID())
	_, err = env.Populations.Create(t.Context(), pingone.PopulationRequest{Name: "Plain"})
	assert.ErrorIs(t, err, pingone.ErrServerError, "off by default: the ambiguity is the caller's")

	var resp pingone.Response
	ctx := pingone.ContextWithResponse(pingone.ContextWithSafeCreates(t.Context(), true), &resp)
	p, err := env.Populations.Create(ctx, pingone.PopulationRequest{Name: "Safe"})
	require.NoError(t, err, "on for one call")
	assert.Equal(t, "Safe", p.Name)
	assert.True(t, resp.Recovered)
}

func TestSafeCreatesUnderManyAmbiguousFaults(t *testing.T) {
	t.Parallel()
	srv := pingonetest.NewServer(t, pingonetest.WithSeed(7),
		pingonetest.WithFailAfterWrite(pingonetest.WriteFailure{Route: "POST /v1/environments/*/groups", Answer: pingonetest.Answer502, Rate: 0.3}),
		pingonetest.WithFailBeforeWrite(pingonetest.WriteFailure{Route: "POST /v1/environments/*/groups", Answer: pingonetest.AnswerReset, Rate: 0.2}))
	// The server has no replication lag here: a short window keeps the
	// lookups after a failure that did not act short too.
	c, err := pingone.NewClient(append(srv.ClientOptions(), pingone.WithSafeCreates(true), pingone.WithReadAfterWriteWindow(100*time.Millisecond),
		pingone.WithRetryPolicy(pingone.RetryPolicy{MaxRetries: 4, MinWait: time.Millisecond, MaxWait: 5 * time.Millisecond}))...)
	require.NoError(t, err)
	env := c.Environment(srv.EnvironmentID())
	const n = 60
	var recovered atomic.Int32
	for i := range n {
		var resp pingone.Response
		g, err := env.Groups.Create(pingone.ContextWithResponse(t.Context(), &resp), pingone.GroupRequest{Name: "Team " + string(rune('A'+i%26)) + string(rune('a'+i/26))})
		require.NoError(t, err)
		require.NotEmpty(t, g.ID)
		if resp.Recovered {
			recovered.Add(1)
		}
	}
	creates := srv.Stats().Writes["/environments/{envID}/groups"].Creates
	assert.Equal(t, n, creates, "0 duplicates, 0 lost")
	assert.Positive(t, recovered.Load(), "some creates were recovered")
	t.Logf("safe creates: %d groups, %d recovered after an ambiguous failure, %d creates on the server", n, recovered.Load(), creates)
}
