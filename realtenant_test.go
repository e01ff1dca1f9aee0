package pingone_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/pingonetest"
	"github.com/pingone-go/pingone/scim"
)

// The fault matrix: the quickstart's scenario and a bulk one run against a
// pingonetest that behaves as a real tenant does (replication lag,
// permission propagation, throttling answered as 429 or as the edge's 403,
// ambiguous writes), one behaviour at a time and all at once. With the
// SDK's handling on, every scenario passes and the server saw no lost and
// no duplicated write; with it off, each behaviour makes a scenario fail,
// which shows the simulation bites.

type behaviour struct {
	name string
	opts []pingonetest.Option
}

const (
	simLag         = 300 * time.Millisecond
	simPropagation = time.Second
)

// ambiguousWrites fail a share of the scenarios' creates, memberships, role
// assignments and deletes after or before the server acted.
func ambiguousWrites() []pingonetest.Option {
	var opts []pingonetest.Option
	for _, route := range []string{
		"POST /v1/environments/*/users", "POST /v1/environments/*/groups", "POST /v1/environments/*/populations",
		"POST /v1/environments/*/applications", "POST /v1/environments/*/passwordPolicies",
		"POST /v1/environments/*/users/*/memberOfGroups", "POST /v1/environments/*/users/*/roleAssignments",
		"DELETE /v1/environments/*/users/*", "PUT /v1/environments/*/users/*/enabled",
	} {
		opts = append(opts,
			pingonetest.WithFailAfterWrite(pingonetest.WriteFailure{Route: route, Answer: pingonetest.Answer502, Rate: 0.04}),
			pingonetest.WithFailAfterWrite(pingonetest.WriteFailure{Route: route, Answer: pingonetest.AnswerReset, Rate: 0.02}),
			pingonetest.WithFailBeforeWrite(pingonetest.WriteFailure{Route: route, Answer: pingonetest.Answer500, Rate: 0.03}))
	}
	return opts
}

func behaviours() []behaviour {
	lag := []pingonetest.Option{pingonetest.WithReplicationLag(simLag)}
	prop := []pingonetest.Option{pingonetest.WithPermissionPropagation(simPropagation)}
	t429 := []pingonetest.Option{pingonetest.WithTokenBucket(150, 10)}
	t403 := []pingonetest.Option{pingonetest.WithTokenBucket(150, 10), pingonetest.WithThrottleStatus(403)}
	all := append(append(append(append([]pingonetest.Option{}, lag...), prop...), t403...), ambiguousWrites()...)
	return []behaviour{
		{"replication lag", lag},
		{"permission propagation", prop},
		{"throttled with 429", t429},
		{"throttled with the edge's 403", t403},
		{"ambiguous writes", ambiguousWrites()},
		{"all at once", all},
	}
}

// handling is the SDK's handling of the behaviours, on or off.
func handling(on bool) []pingone.Option {
	if !on {
		return []pingone.Option{
			pingone.WithRetryPolicy(pingone.RetryPolicy{}),
			pingone.WithReadAfterWriteWindow(0),
			pingone.WithPermissionPropagationWindow(0),
			pingone.WithSafeCreates(false),
		}
	}
	return []pingone.Option{
		// "all at once" stacks throttling, lag and injected write failures
		// on one call, and one budget covers every reason to resend: on a
		// loaded 2-core machine 6 retries were once spent on one membership.
		pingone.WithRetryPolicy(pingone.RetryPolicy{MaxRetries: 10, MinWait: 20 * time.Millisecond, MaxWait: 400 * time.Millisecond, MaxRetryAfter: 5 * time.Second}),
		pingone.WithReadAfterWriteWindow(3 * simLag),
		pingone.WithPermissionPropagationWindow(5 * simPropagation),
		pingone.WithSafeCreates(true),
	}
}

// tally counts what a scenario believes it wrote, for the server to
// confirm: lost = believed but absent, duplicated = present more than once.
type tally struct {
	lost, duplicated int
}

type scenario struct {
	name string
	// run gets the client of the seeded worker, and the handling options
	// for any other client it makes.
	run func(t *testing.T, ctx context.Context, srv *pingonetest.Server, c *pingone.Client, opts []pingone.Option) (tally, error)
}

func TestFaultMatrix(t *testing.T) {
	if testing.Short() {
		t.Skip("the fault matrix runs in full only")
	}
	t.Parallel()
	scenarios := []scenario{{"quickstart", quickstartScenario}, {"bulk", bulkScenario}}
	type result struct {
		line           string
		failed         bool
		lost, dup      int
		handledFailure bool
	}
	var mu sync.Mutex
	var results []result
	t.Run("matrix", func(t *testing.T) {
		for i, b := range behaviours() {
			for _, sc := range scenarios {
				t.Run(b.name+"/"+sc.name, func(t *testing.T) {
					t.Parallel()
					srv := pingonetest.NewServer(t, append([]pingonetest.Option{pingonetest.WithSeed(uint64(100 + i))}, b.opts...)...)
					opts := handling(true)
					c, err := pingone.NewClient(append(srv.ClientOptions(), opts...)...)
					require.NoError(t, err)
					start := time.Now()
					tl, err := sc.run(t, t.Context(), srv, c, opts)
					r := result{lost: tl.lost, dup: tl.duplicated, failed: err != nil}
					r.line = fmt.Sprintf("fault %-32s %-10s ok=%-5v lost=%d duplicated=%d in %s", b.name, sc.name, err == nil, tl.lost, tl.duplicated, time.Since(start).Round(10*time.Millisecond))
					if err != nil {
						r.line += ": " + err.Error()
					}
					mu.Lock()
					results = append(results, r)
					mu.Unlock()
					assert.NoError(t, err)
					assert.Zero(t, tl.lost, "lost writes")
					assert.Zero(t, tl.duplicated, "duplicated writes")
				})
			}
		}
	})
	failed, lost, dup := 0, 0, 0
	for _, r := range results {
		fmt.Println(r.line)
		if r.failed {
			failed++
		}
		lost += r.lost
		dup += r.dup
	}
	fmt.Printf("faults: %d scenarios, %d failed, %d lost writes, %d duplicated writes\n", len(results), failed, lost, dup)

	// The same scenario with the SDK's handling off fails under each
	// behaviour: the simulation bites.
	t.Run("handling off", func(t *testing.T) {
		for i, b := range behaviours() {
			if b.name == "all at once" {
				continue
			}
			t.Run(b.name, func(t *testing.T) {
				t.Parallel()
				srv := pingonetest.NewServer(t, append([]pingonetest.Option{pingonetest.WithSeed(uint64(100 + i))}, b.opts...)...)
				opts := handling(false)
				c, err := pingone.NewClient(append(srv.ClientOptions(), opts...)...)
				require.NoError(t, err)
				_, err = bulkScenario(t, t.Context(), srv, c, opts)
				if err == nil {
					_, err = quickstartScenario(t, t.Context(), srv, c, opts)
				}
				assert.Error(t, err, "without the SDK's handling, %s breaks the scenario", b.name)
				fmt.Printf("fault %-32s handling off: %v\n", b.name, err)
			})
		}
	})
}

// eventually polls check until it holds or the lag has surely passed: a
// list right after writes may not show them yet on a real tenant either.
func eventually(ctx context.Context, check func() (bool, error)) error {
	deadline := time.Now().Add(4 * simLag)
	for tries := 1; ; tries++ {
		ok, err := check()
		if err != nil || ok {
			return err
		}
		// A check can outlast the lag under throttling: a last one then
		// starts after every write has surely replicated.
		if time.Now().After(deadline) && tries >= 3 {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(simLag / 4):
		}
	}
}

// quickstartScenario is the quickstart's admin task: a population with
// users, nested groups with members, a worker application with a role and
// a rotated secret that then signs in and works, a password policy and an
// MFA device; then it cleans up.
func quickstartScenario(_ *testing.T, ctx context.Context, srv *pingonetest.Server, c *pingone.Client, opts []pingone.Option) (tally, error) {
	var tl tally
	env := c.Environment(srv.EnvironmentID())
	pop, err := env.Populations.Create(ctx, pingone.PopulationRequest{Name: "Contractors"})
	if err != nil {
		return tl, fmt.Errorf("create population: %w", err)
	}
	if _, err := env.Populations.Get(ctx, pop.ID); err != nil {
		return tl, fmt.Errorf("read the new population: %w", err)
	}
	var users []*pingone.User
	for i := range 5 {
		u, err := env.Users.Create(ctx, pingone.CreateUserRequest{Username: fmt.Sprintf("qs-%d", i), Email: fmt.Sprintf("qs-%d@example.com", i), Population: pingone.Value(pingone.RefTo(pop.ID))})
		if err != nil {
			return tl, fmt.Errorf("create user %d: %w", i, err)
		}
		users = append(users, u)
	}
	eng, err := env.Groups.Create(ctx, pingone.GroupRequest{Name: "Engineering"})
	if err != nil {
		return tl, fmt.Errorf("create group: %w", err)
	}
	backend, err := env.Groups.Create(ctx, pingone.GroupRequest{Name: "Backend"})
	if err != nil {
		return tl, fmt.Errorf("create group: %w", err)
	}
	if _, err := env.Groups.AddToParent(ctx, backend.ID, eng.ID); err != nil {
		return tl, fmt.Errorf("nest groups: %w", err)
	}
	for _, u := range users {
		if _, err := env.Users.AddToGroup(ctx, u.ID, backend.ID); err != nil {
			return tl, fmt.Errorf("add %s to the group: %w", u.Username, err)
		}
	}
	members := 0
	err = eventually(ctx, func() (bool, error) {
		members = 0
		for _, err := range env.Users.ListIter(ctx, &pingone.ListUsersOptions{Filter: scim.ValuePath("memberOfGroups", scim.Eq("id", eng.ID))}) {
			if err != nil {
				return false, err
			}
			members++
		}
		return members == len(users), nil
	})
	if err != nil {
		return tl, fmt.Errorf("list the members: %w", err)
	}
	if members != len(users) {
		tl.lost += max(len(users)-members, 0)
		tl.duplicated += max(members-len(users), 0)
	}

	// A worker application with a role, whose rotated secret signs in.
	app, err := env.Applications.Create(ctx, pingone.NewOIDCApplication("Provisioner", pingone.AppTypeWorker, pingone.OIDCSettingsRequest{TokenEndpointAuthMethod: pingone.OIDCAuthClientSecretBasic}))
	if err != nil {
		return tl, fmt.Errorf("create application: %w", err)
	}
	role, err := c.SystemRoles.ByName(ctx, pingone.RoleIdentityDataAdmin)
	if err != nil {
		return tl, fmt.Errorf("find the role: %w", err)
	}
	if _, err := env.Applications.CreateRoleAssignment(ctx, app.ID, pingone.RoleAssignmentRequest{Role: pingone.RefTo(role.ID), Scope: pingone.EnvironmentScope(srv.EnvironmentID())}); err != nil {
		return tl, fmt.Errorf("assign the role: %w", err)
	}
	secret, err := env.Applications.RotateSecret(ctx, app.ID, nil)
	if err != nil {
		return tl, fmt.Errorf("rotate the secret: %w", err)
	}
	worker, err := pingone.NewClient(append([]pingone.Option{pingone.WithBaseURLs(srv.APIURL(), srv.AuthURL()),
		pingone.WithClientCredentials(srv.EnvironmentID(), app.OIDC.ClientID, secret.Secret.Reveal())}, opts...)...)
	if err != nil {
		return tl, err
	}
	if _, err := worker.Environment(srv.EnvironmentID()).Users.List(ctx, nil); err != nil {
		return tl, fmt.Errorf("the new worker lists users: %w", err)
	}

	policy, err := env.PasswordPolicies.Create(ctx, pingone.PasswordPolicyRequest{Name: "Strict", ExcludesCommonlyUsed: true})
	if err != nil {
		return tl, fmt.Errorf("create password policy: %w", err)
	}
	if _, err := env.MFA.PairDevice(ctx, users[0].ID, pingone.EmailDevice(users[0].Email)); err != nil {
		return tl, fmt.Errorf("pair a device: %w", err)
	}

	// Clean up.
	for _, u := range users {
		if err := env.Users.Delete(ctx, u.ID); err != nil {
			return tl, fmt.Errorf("delete user: %w", err)
		}
	}
	for _, del := range []func() error{
		func() error { return env.Groups.Delete(ctx, backend.ID) },
		func() error { return env.Groups.Delete(ctx, eng.ID) },
		func() error { return env.Applications.Delete(ctx, app.ID) },
		func() error { return env.PasswordPolicies.Delete(ctx, policy.ID) },
		func() error { return env.Populations.Delete(ctx, pop.ID) },
	} {
		if err := del(); err != nil {
			return tl, fmt.Errorf("clean up: %w", err)
		}
	}
	creates := srv.Stats().Writes["/environments/{envID}/users"].Creates
	tl.duplicated += max(creates-len(users), 0)
	return tl, nil
}

// bulkScenario creates 500 users from 8 goroutines, adds each to a new
// group, gives the group a role, and lists everything back.
func bulkScenario(_ *testing.T, ctx context.Context, srv *pingonetest.Server, c *pingone.Client, _ []pingone.Option) (tally, error) {
	const n, workers = 500, 8
	var tl tally
	env := c.Environment(srv.EnvironmentID())
	pop, err := env.Populations.Create(ctx, pingone.PopulationRequest{Name: "Bulk"})
	if err != nil {
		return tl, fmt.Errorf("create population: %w", err)
	}
	group, err := env.Groups.Create(ctx, pingone.GroupRequest{Name: "Bulk members"})
	if err != nil {
		return tl, fmt.Errorf("create group: %w", err)
	}
	jobs := make(chan int)
	var firstErr atomic.Value
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range jobs {
				u, err := env.Users.Create(ctx, pingone.CreateUserRequest{Username: fmt.Sprintf("bulk-%03d", i), Population: pingone.Value(pingone.RefTo(pop.ID))})
				if err == nil {
					_, err = env.Users.AddToGroup(ctx, u.ID, group.ID)
				}
				if err != nil {
					firstErr.CompareAndSwap(nil, fmt.Errorf("user %d: %w", i, err))
				}
			}
		})
	}
	for i := range n {
		if firstErr.Load() != nil {
			break
		}
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	if err, _ := firstErr.Load().(error); err != nil {
		return tl, err
	}
	role, err := c.SystemRoles.ByName(ctx, pingone.RoleIdentityDataReadOnly)
	if err != nil {
		return tl, fmt.Errorf("find the role: %w", err)
	}
	if _, err := env.Groups.CreateRoleAssignment(ctx, group.ID, pingone.RoleAssignmentRequest{Role: pingone.RefTo(role.ID), Scope: pingone.PopulationScope(pop.ID)}); err != nil {
		return tl, fmt.Errorf("assign the role: %w", err)
	}

	inPop, inGroup, roles := 0, 0, 0
	err = eventually(ctx, func() (bool, error) {
		inPop, inGroup, roles = 0, 0, 0
		ras, err := env.Groups.ListRoleAssignments(ctx, group.ID, nil)
		if err != nil {
			return false, err
		}
		roles = len(ras.Items)
		for _, err := range env.Users.ListIter(ctx, &pingone.ListUsersOptions{Filter: scim.Eq("population.id", pop.ID), ListOptions: pingone.ListOptions{Limit: 200}}) {
			if err != nil {
				return false, err
			}
			inPop++
		}
		for _, err := range env.Users.ListIter(ctx, &pingone.ListUsersOptions{Filter: scim.ValuePath("memberOfGroups", scim.Eq("id", group.ID)), ListOptions: pingone.ListOptions{Limit: 200}}) {
			if err != nil {
				return false, err
			}
			inGroup++
		}
		return inPop == n && inGroup == n && roles == 1, nil
	})
	if err != nil {
		return tl, fmt.Errorf("list back: %w", err)
	}
	creates := srv.Stats().Writes["/environments/{envID}/users"].Creates
	tl.lost = max(n-inPop, 0) + max(n-inGroup, 0) + max(1-roles, 0)
	if tl.lost > 0 {
		return tl, fmt.Errorf("listed back %d users in the population, %d in the group, %d role assignments", inPop, inGroup, roles)
	}
	tl.duplicated = max(inPop-n, 0) + max(inGroup-n, 0) + max(roles-1, 0) + max(creates-n, 0)
	return tl, nil
}
