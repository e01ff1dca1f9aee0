package pingonetest_test

import (
	"fmt"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/pingonetest"
)

const testLag = 10 * time.Second

// lagged starts a server with a replication lag, on a test clock.
func lagged(t *testing.T, seed uint64) (*pingonetest.Server, *testClock, string) {
	t.Helper()
	clock := newTestClock()
	srv := checked(t, pingonetest.WithSeed(seed), pingonetest.WithClock(clock.Now), pingonetest.WithReplicationLag(testLag))
	return srv, clock, workerToken(t, srv)
}

// create POSTs body to path and returns the new resource's ID.
func create(t *testing.T, srv *pingonetest.Server, tok, path, body string) string {
	t.Helper()
	resp, out := send(t, "POST", envURL(srv, path), tok, body)
	require.Equal(t, 201, resp.StatusCode, "%v", out)
	return out["id"].(string)
}

// statuses GETs path n times.
func statuses(t *testing.T, srv *pingonetest.Server, tok, path string, n int) []int {
	t.Helper()
	var out []int
	for range n {
		resp, _ := get(t, envURL(srv, path), tok)
		out = append(out, resp.StatusCode)
	}
	return out
}

func count(v []int, x int) int {
	n := 0
	for _, y := range v {
		if y == x {
			n++
		}
	}
	return n
}

// systemRoleID finds a system role by name.
func systemRoleID(t *testing.T, srv *pingonetest.Server, tok, name string) string {
	t.Helper()
	_, roles := get(t, srv.APIURL()+"/roles", tok)
	for _, r := range roles["_embedded"].(map[string]any)["roles"].([]any) {
		if r.(map[string]any)["name"] == name {
			return r.(map[string]any)["id"].(string)
		}
	}
	t.Fatalf("no role %q", name)
	return ""
}

// TestReplicationLagOnCreate: a new resource is invisible at first, seen by
// some reads and not others within the lag, and by every read after it.
func TestReplicationLagOnCreate(t *testing.T) {
	t.Parallel()
	run := func() []int {
		srv, clock, tok := lagged(t, 11)
		id := create(t, srv, tok, "/groups", `{"name":"Lagged"}`)
		got := statuses(t, srv, tok, "/groups/"+id, 5)
		assert.Equal(t, []int{404, 404, 404, 404, 404}, got, "just created")
		_, body := get(t, envURL(srv, "/groups?filter="+url.QueryEscape(`name eq "Lagged"`)), tok)
		assert.EqualValues(t, 0, body["count"], "filters see the past too")

		clock.Advance(testLag / 2)
		mixed := statuses(t, srv, tok, "/groups/"+id, 20)
		assert.Positive(t, count(mixed, 200), "%v", mixed)
		assert.Positive(t, count(mixed, 404), "%v", mixed)

		clock.Advance(testLag / 2)
		assert.Equal(t, 20, count(statuses(t, srv, tok, "/groups/"+id, 20), 200), "the lag has passed")
		_, body = get(t, envURL(srv, "/groups?filter="+url.QueryEscape(`name eq "Lagged"`)), tok)
		assert.EqualValues(t, 1, body["count"])
		return mixed
	}
	assert.Equal(t, run(), run(), "the same seed gives the same reads")
}

// TestReplicationLagOnDependentWrites: a write that names a resource
// created within the lag fails as PingOne's does, until the lag passes.
func TestReplicationLagOnDependentWrites(t *testing.T) {
	t.Parallel()
	srv, clock, tok := lagged(t, 12)
	user := create(t, srv, tok, "/users", `{"username":"erin","email":"erin@example.com"}`)
	clock.Advance(testLag)
	group := create(t, srv, tok, "/groups", `{"name":"Fresh"}`)

	resp, body := send(t, "POST", envURL(srv, "/users/"+user+"/memberOfGroups"), tok, `{"id":"`+group+`"}`)
	assert.Equal(t, 400, resp.StatusCode, "the group is not there yet")
	assert.Equal(t, "INVALID_DATA", body["code"])

	dataAdmin := systemRoleID(t, srv, tok, "Identity Data Admin")
	newcomer := create(t, srv, tok, "/users", `{"username":"frank","email":"frank@example.com"}`)
	assignment := fmt.Sprintf(`{"role":{"id":%q},"scope":{"type":"ENVIRONMENT","id":%q}}`, dataAdmin, srv.EnvironmentID())
	resp, body = send(t, "POST", envURL(srv, "/users/"+newcomer+"/roleAssignments"), tok, assignment)
	assert.Equal(t, 404, resp.StatusCode, "the user is not there yet")
	assert.Equal(t, "NOT_FOUND", body["code"])

	clock.Advance(testLag)
	resp, _ = send(t, "POST", envURL(srv, "/users/"+user+"/memberOfGroups"), tok, `{"id":"`+group+`"}`)
	assert.Equal(t, 201, resp.StatusCode)
	resp, _ = send(t, "POST", envURL(srv, "/users/"+newcomer+"/roleAssignments"), tok, assignment)
	assert.Equal(t, 201, resp.StatusCode)
}

// TestReplicationLagOnChangesAndDeletes: reads within the lag see the
// resource as it was before a change (a PUT, a change in place) or a
// delete.
func TestReplicationLagOnChangesAndDeletes(t *testing.T) {
	t.Parallel()
	srv, clock, tok := lagged(t, 13)
	pop := create(t, srv, tok, "/populations", `{"name":"Before"}`)
	user := create(t, srv, tok, "/users", `{"username":"gina","email":"gina@example.com"}`)
	clock.Advance(testLag)

	resp, _ := send(t, "PUT", envURL(srv, "/populations/"+pop), tok, `{"name":"After"}`)
	require.Equal(t, 200, resp.StatusCode)
	resp, _ = send(t, "PUT", envURL(srv, "/users/"+user+"/enabled"), tok, `{"enabled":false}`)
	require.Equal(t, 200, resp.StatusCode)
	_, p := get(t, envURL(srv, "/populations/"+pop), tok)
	assert.Equal(t, "Before", p["name"])
	_, u := get(t, envURL(srv, "/users/"+user), tok)
	assert.Equal(t, true, u["enabled"], "a change made in place lags too")

	clock.Advance(testLag)
	_, p = get(t, envURL(srv, "/populations/"+pop), tok)
	assert.Equal(t, "After", p["name"])
	_, u = get(t, envURL(srv, "/users/"+user), tok)
	assert.Equal(t, false, u["enabled"])

	resp, _ = send(t, "DELETE", envURL(srv, "/populations/"+pop), tok, "")
	require.Equal(t, 204, resp.StatusCode)
	assert.Equal(t, []int{200, 200, 200}, statuses(t, srv, tok, "/populations/"+pop, 3), "not deleted yet, for the readers")
	resp, _ = send(t, "DELETE", envURL(srv, "/populations/"+pop), tok, "")
	assert.Equal(t, 404, resp.StatusCode, "writes see the delete at once")
	clock.Advance(testLag)
	assert.Equal(t, []int{404}, statuses(t, srv, tok, "/populations/"+pop, 1))
}

// TestReplicationLagPagingOverADelete pages through users while one just
// deleted is still visible: the cursors stay right.
func TestReplicationLagPagingOverADelete(t *testing.T) {
	t.Parallel()
	srv, clock, tok := lagged(t, 14)
	var ids []string
	for _, name := range []string{"u1", "u2", "u3"} {
		ids = append(ids, create(t, srv, tok, "/users", `{"username":"`+name+`","email":"`+name+`@example.com"}`))
	}
	clock.Advance(testLag)
	resp, _ := send(t, "DELETE", envURL(srv, "/users/"+ids[1]), tok, "")
	require.Equal(t, 204, resp.StatusCode)

	var names []any
	next := envURL(srv, "/users?limit=1")
	for next != "" {
		resp, body := get(t, next, tok)
		require.Equal(t, 200, resp.StatusCode)
		for _, u := range body["_embedded"].(map[string]any)["users"].([]any) {
			names = append(names, u.(map[string]any)["username"])
		}
		next = ""
		if n, ok := body["_links"].(map[string]any)["next"].(map[string]any); ok {
			next = n["href"].(string)
		}
		require.Less(t, len(names), 10, "paging must end")
	}
	assert.Equal(t, []any{"admin", "u1", "u2", "u3"}, names)
}

// TestReplicationLagOnRoleChecks: a new role assignment lets its actor in
// only once the node serving the call sees it.
func TestReplicationLagOnRoleChecks(t *testing.T) {
	t.Parallel()
	srv, clock, tok := lagged(t, 15)
	c, err := pingone.NewClient(srv.ClientOptions()...)
	require.NoError(t, err)
	u, err := c.Environment(srv.EnvironmentID()).Users.Create(t.Context(), pingone.CreateUserRequest{Username: "hank", Email: "hank@example.com", Password: pingone.InitialPassword{Value: "Hank-Pass-1234"}})
	require.NoError(t, err)
	hank := u.ID
	clock.Advance(testLag)

	dataAdmin := systemRoleID(t, srv, tok, "Identity Data Admin")
	create(t, srv, tok, "/users/"+hank+"/roleAssignments",
		fmt.Sprintf(`{"role":{"id":%q},"scope":{"type":"ENVIRONMENT","id":%q}}`, dataAdmin, srv.EnvironmentID()))

	verifier, challenge := pkce()
	redirect := "http://127.0.0.1:47000/callback"
	_, code := signInAs(t, srv, "hank", redirect, challenge, "Hank-Pass-1234")
	status, tb := token(t, srv, url.Values{"grant_type": {"authorization_code"}, "client_id": {srv.CLIClientID()},
		"redirect_uri": {redirect}, "code": {code}, "code_verifier": {verifier}})
	require.Equal(t, 200, status)
	hankTok := tb["access_token"].(string)

	assert.Equal(t, []int{403, 403, 403}, statuses(t, srv, hankTok, "/populations", 3))
	clock.Advance(testLag)
	assert.Equal(t, []int{200, 200, 200}, statuses(t, srv, hankTok, "/populations", 3))
}

// TestReplicationLagUnderConcurrentUse writes and reads from many clients
// at once (run with -race); once the lag has passed, every write shows.
func TestReplicationLagUnderConcurrentUse(t *testing.T) {
	t.Parallel()
	srv, clock, tok := lagged(t, 16)
	var renamed atomic.Int32
	var wg sync.WaitGroup
	for g := range 6 {
		wg.Go(func() {
			for i := range 5 {
				id := create(t, srv, tok, "/groups", fmt.Sprintf(`{"name":"g%d-%d"}`, g, i))
				get(t, envURL(srv, "/groups/"+id), tok)
				get(t, envURL(srv, "/groups"), tok)
				// The clock stands still: the group is too new for the PUT.
				if resp, _ := send(t, "PUT", envURL(srv, "/groups/"+id), tok, fmt.Sprintf(`{"name":"g%d-%d-renamed"}`, g, i)); resp.StatusCode == 200 {
					renamed.Add(1)
				}
			}
		})
	}
	wg.Wait()
	clock.Advance(testLag)
	_, body := get(t, envURL(srv, "/groups?filter="+url.QueryEscape(`name sw "g"`)), tok)
	assert.EqualValues(t, 30, body["count"])
	assert.Zero(t, renamed.Load())
}
