package pingone_test

import (
	"errors"
	"iter"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/pingonetest"
	"github.com/pingone-go/pingone/scim"
)

// These guards hold the retry rule of the SDK in place: a POST that the
// server may have acted on is sent once, whatever happens to it, while a
// GET, PUT or DELETE that meets the same fault is sent again. Attempts are
// counted on the server, as they arrive, faults included.

// requestCounter counts the requests a server receives, by method and path.
type requestCounter struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *requestCounter) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.mu.Lock()
		if c.n == nil {
			c.n = map[string]int{}
		}
		c.n[r.Method+" "+r.URL.Path]++
		c.mu.Unlock()
		next.ServeHTTP(w, r)
	})
}

// count returns how many requests arrived for method on the API path (the
// path after /v1, as the SDK's errors show it without the base).
func (c *requestCounter) count(method, apiPath string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n[method+" /v1"+apiPath]
}

// fastRetries is a short retry policy for tests: 3 retries within
// milliseconds.
func fastRetries() pingone.Option {
	return pingone.WithRetryPolicy(pingone.RetryPolicy{MaxRetries: 3, MinWait: time.Millisecond, MaxWait: 3 * time.Millisecond, MaxRetryAfter: time.Second})
}

// countedServer starts pingonetest with faults and counts its requests. The
// client is the seeded worker with fast retries.
func countedServer(t *testing.T, faults ...pingonetest.Option) (*pingonetest.Server, *requestCounter, *pingone.Environment) {
	t.Helper()
	counter := &requestCounter{}
	srv := pingonetest.NewServer(t, append(faults, pingonetest.WithMiddleware(counter.middleware))...)
	c, err := pingone.NewClient(append(srv.ClientOptions(), fastRetries())...)
	require.NoError(t, err)
	return srv, counter, c.Environment(srv.EnvironmentID())
}

// writeFault is one way a write can fail: a status the server answers
// without acting, or a connection cut after the server acted.
type writeFault struct {
	name   string
	status int  // a status answered instead of the real handler
	reset  bool // the connection is reset in the middle of the body
	// otherwise the body is cut short and the connection closed
}

func (f writeFault) option(route string) pingonetest.Option {
	switch {
	case f.status != 0:
		return pingonetest.WithScript(route, f.status)
	case f.reset:
		return pingonetest.WithConnectionReset(route, 1)
	default:
		return pingonetest.WithTruncatedBody(route, 1)
	}
}

// acted reports whether the server's handler ran: a scripted status
// answers before it, a cut connection after it.
func (f writeFault) acted() bool { return f.status == 0 }

var writeFaults = []writeFault{
	{name: "500", status: 500},
	{name: "502", status: 502},
	{name: "504", status: 504},
	{name: "408", status: 408},
	{name: "reset mid-body", reset: true},
	{name: "truncated body"},
}

// assertSaysWhatHappened checks the error of a write that was sent once.
func assertSaysWhatHappened(t *testing.T, f writeFault, err error, method, apiPath string) {
	t.Helper()
	require.Error(t, err)
	msg := err.Error()
	assert.Contains(t, msg, method+" /v1"+apiPath, "the error names the request")
	if f.status != 0 {
		apiErr, ok := errors.AsType[*pingone.APIError](err)
		require.True(t, ok, "want an *APIError, got %T: %v", err, err)
		assert.Equal(t, f.status, apiErr.StatusCode)
		assert.Equal(t, 1, apiErr.Attempts)
		assert.Contains(t, msg, strconv.Itoa(f.status), "the error gives the status")
		assert.NotContains(t, msg, "attempts", "one attempt is not announced as several")
		return
	}
	te, ok := errors.AsType[*pingone.TransportError](err)
	require.True(t, ok, "want a *TransportError, got %T: %v", err, err)
	assert.Equal(t, 1, te.Attempts)
	assert.Contains(t, msg, "reading response body", "the error says the response was cut")
}

// postCase is one non-idempotent write.
type postCase struct {
	name  string
	route string // the fault route: the request under test only
	// run prepares what the write needs (with no fault in its way), makes
	// the write and returns its error, its path, and a function that reads
	// back how many times the write took effect.
	run func(t *testing.T, srv *pingonetest.Server, env *pingone.Environment) (err error, apiPath string, applied func() int)
}

// countNamed counts the items of seq whose name is want.
func countNamed[T any](t *testing.T, seq iter.Seq2[*T, error], name func(*T) string, want string) int {
	t.Helper()
	n := 0
	for v, err := range seq {
		require.NoError(t, err)
		if name(v) == want {
			n++
		}
	}
	return n
}

var postCases = []postCase{
	{
		name:  "create population",
		route: "POST /v1/environments/*/populations",
		run: func(t *testing.T, srv *pingonetest.Server, env *pingone.Environment) (error, string, func() int) {
			ctx := t.Context()
			_, err := env.Populations.Create(ctx, pingone.PopulationRequest{Name: "Once"})
			return err, "/environments/" + env.ID + "/populations", func() int {
				return countNamed(t, env.Populations.ListIter(ctx, &pingone.ListPopulationsOptions{Filter: scim.Sw("name", "Once")}),
					func(p *pingone.Population) string { return p.Name }, "Once")
			}
		},
	},
	{
		name:  "create user",
		route: "POST /v1/environments/*/users",
		run: func(t *testing.T, srv *pingonetest.Server, env *pingone.Environment) (error, string, func() int) {
			ctx := t.Context()
			_, err := env.Users.Create(ctx, pingone.CreateUserRequest{Username: "once", Email: "once@example.com"})
			return err, "/environments/" + env.ID + "/users", func() int {
				return countNamed(t, env.Users.ListIter(ctx, &pingone.ListUsersOptions{Filter: scim.Eq("username", "once")}),
					func(u *pingone.User) string { return u.Username }, "once")
			}
		},
	},
	{
		name:  "create group",
		route: "POST /v1/environments/*/groups",
		run: func(t *testing.T, srv *pingonetest.Server, env *pingone.Environment) (error, string, func() int) {
			ctx := t.Context()
			_, err := env.Groups.Create(ctx, pingone.GroupRequest{Name: "Once"})
			return err, "/environments/" + env.ID + "/groups", func() int {
				return countNamed(t, env.Groups.ListIter(ctx, &pingone.ListGroupsOptions{Filter: scim.Sw("name", "Once")}),
					func(g *pingone.Group) string { return g.Name }, "Once")
			}
		},
	},
	{
		name:  "rotate application secret",
		route: "POST /v1/environments/*/applications/*/secret",
		run: func(t *testing.T, srv *pingonetest.Server, env *pingone.Environment) (error, string, func() int) {
			ctx := t.Context()
			app, err := env.Applications.Create(ctx, pingone.NewOIDCApplication("Rotated", pingone.AppTypeWorker, pingone.OIDCSettingsRequest{
				TokenEndpointAuthMethod: pingone.OIDCAuthClientSecretBasic,
			}))
			require.NoError(t, err)
			before, err := env.Applications.GetSecret(ctx, app.ID)
			require.NoError(t, err)
			orig := before.Secret.Reveal()
			// Keeping the previous secret makes the number of rotations
			// readable: once, and the previous secret is the original.
			_, err = env.Applications.RotateSecret(ctx, app.ID, &pingone.RotateSecretOptions{PreviousExpiresAt: time.Now().Add(time.Hour)})
			return err, "/environments/" + env.ID + "/applications/" + app.ID + "/secret", func() int {
				after, err := env.Applications.GetSecret(ctx, app.ID)
				require.NoError(t, err)
				switch {
				case after.Secret.Reveal() == orig:
					return 0
				case after.Previous != nil && after.Previous.Secret.Reveal() == orig:
					return 1
				}
				return 2
			}
		},
	},
	{
		name:  "add user to group",
		route: "POST /v1/environments/*/users/*/memberOfGroups",
		run: func(t *testing.T, srv *pingonetest.Server, env *pingone.Environment) (error, string, func() int) {
			ctx := t.Context()
			g, err := env.Groups.Create(ctx, pingone.GroupRequest{Name: "Members"})
			require.NoError(t, err)
			userID := srv.Admin().UserID
			_, err = env.Users.AddToGroup(ctx, userID, g.ID)
			return err, "/environments/" + env.ID + "/users/" + userID + "/memberOfGroups", func() int {
				_, err := env.Users.GetGroupMembership(ctx, userID, g.ID, nil)
				if errors.Is(err, pingone.ErrNotFound) {
					return 0
				}
				require.NoError(t, err)
				return 1
			}
		},
	},
}

// TestPOSTSentOnceUnderEveryFault sends each POST against each fault and
// counts, on the server, that it arrived once; the caller gets an error
// that says what happened, and the write took effect exactly as often as
// the server acted (never twice).
func TestPOSTSentOnceUnderEveryFault(t *testing.T) {
	t.Parallel()
	for _, pc := range postCases {
		for _, f := range writeFaults {
			t.Run(pc.name+"/"+f.name, func(t *testing.T) {
				t.Parallel()
				srv, counter, env := countedServer(t, f.option(pc.route))
				err, apiPath, applied := pc.run(t, srv, env)
				assert.Equal(t, 1, counter.count("POST", apiPath), "the POST reached the server once")
				assertSaysWhatHappened(t, f, err, "POST", apiPath)
				want := 0
				if f.acted() {
					want = 1
				}
				assert.Equal(t, want, applied(), "times the write took effect")
			})
		}
	}
}

// idempotentCase is one GET, PUT or DELETE, whose retry is safe.
type idempotentCase struct {
	name   string
	method string
	route  string
	// cuts: whether cutting the response is a fault for this call (a 204
	// has no body to cut).
	cuts bool
	run  func(t *testing.T, env *pingone.Environment) (err error, apiPath string)
}

var idempotentCases = []idempotentCase{
	{
		name: "get population", method: "GET", route: "GET /v1/environments/*/populations/*", cuts: true,
		run: func(t *testing.T, env *pingone.Environment) (error, string) {
			p, err := env.Populations.Create(t.Context(), pingone.PopulationRequest{Name: "Read"})
			require.NoError(t, err)
			got, err := env.Populations.Get(t.Context(), p.ID)
			if err == nil {
				assert.Equal(t, "Read", got.Name)
			}
			return err, "/environments/" + env.ID + "/populations/" + p.ID
		},
	},
	{
		name: "replace population", method: "PUT", route: "PUT /v1/environments/*/populations/*", cuts: true,
		run: func(t *testing.T, env *pingone.Environment) (error, string) {
			p, err := env.Populations.Create(t.Context(), pingone.PopulationRequest{Name: "Replaced"})
			require.NoError(t, err)
			got, err := env.Populations.Replace(t.Context(), p.ID, pingone.PopulationRequest{Name: "Replaced", Description: pingone.Value("twice is the same")})
			if err == nil {
				assert.Equal(t, "twice is the same", got.Description)
			}
			return err, "/environments/" + env.ID + "/populations/" + p.ID
		},
	},
	{
		name: "delete group", method: "DELETE", route: "DELETE /v1/environments/*/groups/*",
		run: func(t *testing.T, env *pingone.Environment) (error, string) {
			g, err := env.Groups.Create(t.Context(), pingone.GroupRequest{Name: "Deleted"})
			require.NoError(t, err)
			err = env.Groups.Delete(t.Context(), g.ID)
			if err == nil {
				_, getErr := env.Groups.Get(t.Context(), g.ID, nil)
				assert.ErrorIs(t, getErr, pingone.ErrNotFound)
			}
			return err, "/environments/" + env.ID + "/groups/" + g.ID
		},
	},
}

// TestIdempotentWritesRetriedUnderTheSameFaults is the contrast: the same
// faults on a GET, PUT or DELETE are retried, so the call succeeds on the
// second attempt. (With retries switched off, this test fails.)
func TestIdempotentWritesRetriedUnderTheSameFaults(t *testing.T) {
	t.Parallel()
	for _, ic := range idempotentCases {
		for _, f := range writeFaults {
			if !f.acted() || ic.cuts {
				t.Run(ic.name+"/"+f.name, func(t *testing.T) {
					t.Parallel()
					_, counter, env := countedServer(t, f.option(ic.route))
					err, apiPath := ic.run(t, env)
					require.NoError(t, err, "retried past the fault")
					assert.Equal(t, 2, counter.count(ic.method, apiPath), "sent again after the fault")
				})
			}
		}
	}
}

// TestPOSTSentOnceEvenWithRetriesLeft: a POST whose every response is cut
// is not sent again however many retries the policy allows.
func TestPOSTSentOnceEvenWithRetriesLeft(t *testing.T) {
	t.Parallel()
	counter := &requestCounter{}
	srv := pingonetest.NewServer(t,
		pingonetest.WithTruncatedBody("POST /v1/environments/*/populations", -1),
		pingonetest.WithMiddleware(counter.middleware))
	c, err := pingone.NewClient(append(srv.ClientOptions(),
		pingone.WithRetryPolicy(pingone.RetryPolicy{MaxRetries: 20, MinWait: time.Millisecond, MaxWait: time.Millisecond}))...)
	require.NoError(t, err)
	env := c.Environment(srv.EnvironmentID())
	_, err = env.Populations.Create(t.Context(), pingone.PopulationRequest{Name: "Many retries"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "reading response body")
	assert.Equal(t, 1, counter.count("POST", "/environments/"+env.ID+"/populations"))
}
