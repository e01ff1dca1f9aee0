package pingone_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/pingonetest"
)

// The write workload guard: a mixed run of writes under injected faults
// loses nothing the client was told succeeded, and applies nothing twice.
// Every logical write carries its own external transaction ID, so the
// server side can tell how often each one reached PingOne's handlers.

const txHeader = "X-Ping-External-Transaction-ID"

// attemptTracker counts, per transaction ID, the attempts that arrived and
// those that reached the real handler (not answered by an injected fault).
type attemptTracker struct {
	mu   sync.Mutex
	byTx map[string]*txAttempts
}

type txAttempts struct {
	method  string
	sent    int // attempts that arrived
	reached int // attempts the server's handler ran for
}

func (a *attemptTracker) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tx := r.Header.Get(txHeader)
		if tx == "" {
			next.ServeHTTP(w, r)
			return
		}
		spy := &faultSpy{ResponseWriter: w}
		next.ServeHTTP(spy, r)
		// A cut response is cut after the handler ran; an injected
		// status is answered before it.
		reached := spy.hijacked || !bytes.Contains(spy.head, []byte("Injected fault"))
		a.mu.Lock()
		defer a.mu.Unlock()
		if a.byTx == nil {
			a.byTx = map[string]*txAttempts{}
		}
		t := a.byTx[tx]
		if t == nil {
			t = &txAttempts{method: r.Method}
			a.byTx[tx] = t
		}
		t.sent++
		if reached {
			t.reached++
		}
	})
}

func (a *attemptTracker) get(tx string) txAttempts {
	a.mu.Lock()
	defer a.mu.Unlock()
	if t := a.byTx[tx]; t != nil {
		return *t
	}
	return txAttempts{}
}

// faultSpy keeps the start of a response body and sees a hijack (the
// faults cut connections by hijacking them).
type faultSpy struct {
	http.ResponseWriter
	head     []byte
	hijacked bool
}

func (f *faultSpy) Write(p []byte) (int, error) {
	if n := 512 - len(f.head); n > 0 {
		f.head = append(f.head, p[:min(n, len(p))]...)
	}
	return f.ResponseWriter.Write(p)
}

func (f *faultSpy) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	f.hijacked = true
	return f.ResponseWriter.(http.Hijacker).Hijack()
}

// wlEntity is one logical resource of the workload. Its state is a string:
// "absent", or "present:" and the value the workload writes (a description
// or a nickname).
type wlEntity struct {
	kind    string // "population", "group", "user", "application", "membership"
	key     string // name or username; for a membership "userKey|groupKey"
	id      string // set by a successful create
	created bool   // a create was attempted
	// last is the state after the last write that succeeded; pending are
	// the states intended by the writes that failed since (each may or may
	// not have taken effect).
	last    string
	pending []string
	fixed   bool // a membership user or group: never deleted
}

func (e *wlEntity) allowed() []string { return append([]string{e.last}, e.pending...) }

const absent = "absent"

// wlWrite is one logical write and its outcome.
type wlWrite struct {
	tx     string
	method string
	op     string
	entity *wlEntity
	err    error
}

// workload runs writes through env and records them.
type workload struct {
	t        *testing.T
	env      *pingone.Environment
	tracker  *attemptTracker
	entities []*wlEntity
	writes   []wlWrite
}

// do runs one logical write with its own transaction ID and records the
// intended state on success or failure.
func (w *workload) do(method, op string, e *wlEntity, intended string, call func(ctx context.Context) error) error {
	tx := fmt.Sprintf("wl-%03d", len(w.writes))
	err := call(pingone.ContextWithExternalTransactionID(w.t.Context(), tx))
	w.writes = append(w.writes, wlWrite{tx: tx, method: method, op: op, entity: e, err: err})
	if err == nil {
		e.last, e.pending = intended, nil
	} else {
		e.pending = append(e.pending, intended)
	}
	return err
}

func (w *workload) entity(kind, key string, fixed bool) *wlEntity {
	e := &wlEntity{kind: kind, key: key, last: absent, fixed: fixed}
	w.entities = append(w.entities, e)
	return e
}

// create and the mutations below are the workload's writes.
func (w *workload) create(e *wlEntity) {
	e.created = true
	env := w.env
	var id string
	var err error
	switch e.kind {
	case "population":
		err = w.do("POST", "create", e, "present:d0", func(ctx context.Context) error {
			p, err := env.Populations.Create(ctx, pingone.PopulationRequest{Name: e.key, Description: pingone.Value("d0")})
			if err == nil {
				id = p.ID
			}
			return err
		})
	case "group":
		err = w.do("POST", "create", e, "present:d0", func(ctx context.Context) error {
			g, err := env.Groups.Create(ctx, pingone.GroupRequest{Name: e.key, Description: pingone.Value("d0")})
			if err == nil {
				id = g.ID
			}
			return err
		})
	case "user":
		err = w.do("POST", "create", e, "present:n0", func(ctx context.Context) error {
			u, err := env.Users.Create(ctx, pingone.CreateUserRequest{Username: e.key, Email: e.key + "@example.com", Nickname: pingone.Value("n0")})
			if err == nil {
				id = u.ID
			}
			return err
		})
	case "application":
		err = w.do("POST", "create", e, "present:", func(ctx context.Context) error {
			a, err := env.Applications.Create(ctx, pingone.NewOIDCApplication(e.key, pingone.AppTypeWorker, pingone.OIDCSettingsRequest{
				TokenEndpointAuthMethod: pingone.OIDCAuthClientSecretBasic,
			}))
			if err == nil {
				id = a.ID
			}
			return err
		})
	}
	if err == nil {
		e.id = id
	}
}

func (w *workload) replace(e *wlEntity, n int) {
	value := fmt.Sprintf("d%d", n)
	switch e.kind {
	case "population":
		w.do("PUT", "replace", e, "present:"+value, func(ctx context.Context) error {
			_, err := w.env.Populations.Replace(ctx, e.id, pingone.PopulationRequest{Name: e.key, Description: pingone.Value(value)})
			return err
		})
	case "group":
		w.do("PUT", "replace", e, "present:"+value, func(ctx context.Context) error {
			_, err := w.env.Groups.Replace(ctx, e.id, pingone.GroupRequest{Name: e.key, Description: pingone.Value(value)})
			return err
		})
	}
}

func (w *workload) update(e *wlEntity, n int) {
	value := fmt.Sprintf("n%d", n)
	w.do("PATCH", "update", e, "present:"+value, func(ctx context.Context) error {
		_, err := w.env.Users.Update(ctx, e.id, pingone.UpdateUserRequest{Nickname: pingone.Value(value)})
		return err
	})
}

func (w *workload) delete(e *wlEntity) {
	w.do("DELETE", "delete", e, absent, func(ctx context.Context) error {
		switch e.kind {
		case "population":
			return w.env.Populations.Delete(ctx, e.id)
		case "group":
			return w.env.Groups.Delete(ctx, e.id)
		case "user":
			return w.env.Users.Delete(ctx, e.id)
		default:
			return w.env.Applications.Delete(ctx, e.id)
		}
	})
}

func (w *workload) membership(m *wlEntity, user, group *wlEntity) {
	if m.last == absent {
		w.do("POST", "add member", m, "present:", func(ctx context.Context) error {
			_, err := w.env.Users.AddToGroup(ctx, user.id, group.id)
			return err
		})
		return
	}
	w.do("DELETE", "remove member", m, absent, func(ctx context.Context) error {
		return w.env.Users.RemoveFromGroup(ctx, user.id, group.id)
	})
}

// wlAudit is what the server shows after the run.
type wlAudit struct {
	lost          int // a success the server does not reflect
	dupResources  int // two resources for one logical create
	dupSends      int // a POST or PATCH that reached the server's handler twice
	failedApplied int // a failed write whose effect the server shows (allowed)
	problems      []string
}

// audit lists everything on the server through verify (a client with
// retries enough to see through the random failures) and compares.
func (w *workload) audit(verify *pingone.Environment) wlAudit {
	t := w.t
	ctx := t.Context()
	var a wlAudit

	type resource struct{ id, value string }
	byName := map[string]map[string][]resource{"population": {}, "group": {}, "user": {}, "application": {}}
	for p, err := range verify.Populations.ListIter(ctx, nil) {
		require.NoError(t, err)
		byName["population"][p.Name] = append(byName["population"][p.Name], resource{p.ID, "present:" + p.Description})
	}
	for g, err := range verify.Groups.ListIter(ctx, nil) {
		require.NoError(t, err)
		byName["group"][g.Name] = append(byName["group"][g.Name], resource{g.ID, "present:" + g.Description})
	}
	for u, err := range verify.Users.ListIter(ctx, nil) {
		require.NoError(t, err)
		byName["user"][u.Username] = append(byName["user"][u.Username], resource{u.ID, "present:" + u.Nickname})
	}
	for app, err := range verify.Applications.ListIter(ctx, nil) {
		require.NoError(t, err)
		byName["application"][app.Name] = append(byName["application"][app.Name], resource{app.ID, "present:"})
	}
	members := map[string]bool{} // userID|groupID
	byKey := map[string]*wlEntity{}
	for _, e := range w.entities {
		byKey[e.kind+"/"+e.key] = e
	}
	for _, e := range w.entities {
		if e.kind == "user" && e.fixed && e.id != "" {
			for m, err := range verify.Users.ListGroupsIter(ctx, e.id, nil) {
				require.NoError(t, err)
				members[e.id+"|"+m.ID] = true
			}
		}
	}

	for _, e := range w.entities {
		if !e.created {
			continue
		}
		var state string
		switch e.kind {
		case "membership":
			userKey, groupKey, _ := strings.Cut(e.key, "|")
			state = absent
			if members[byKey["user/"+userKey].id+"|"+byKey["group/"+groupKey].id] {
				state = "present:"
			}
		default:
			found := byName[e.kind][e.key]
			if len(found) > 1 {
				a.dupResources++
				a.problems = append(a.problems, fmt.Sprintf("duplicated: %s %q exists %d times", e.kind, e.key, len(found)))
			}
			state = absent
			for _, r := range found {
				if e.id == "" || r.id == e.id {
					state = r.value
				}
			}
		}
		if !slices.Contains(e.allowed(), state) {
			a.lost++
			a.problems = append(a.problems, fmt.Sprintf("lost: %s %q is %q on the server; the client's writes allow only %q", e.kind, e.key, state, e.allowed()))
		} else if state != e.last {
			a.failedApplied++
		}
	}
	for _, wr := range w.writes {
		att := w.tracker.get(wr.tx)
		if (wr.method == "POST" || wr.method == "PATCH") && att.reached > 1 {
			a.dupSends++
			a.problems = append(a.problems, fmt.Sprintf("duplicated: %s (%s %s %q) reached the server's handler %d times", wr.tx, wr.method, wr.op, wr.entity.key, att.reached))
		}
	}
	return a
}

// workloadServer starts pingonetest with the attempt tracker and returns
// a client with fast retries (the one under test) and a verifying client
// with retries enough to see through random failures.
func workloadServer(t *testing.T, opts ...pingonetest.Option) (*workload, *pingone.Environment) {
	t.Helper()
	tracker := &attemptTracker{}
	srv := pingonetest.NewServer(t, append(opts, pingonetest.WithMiddleware(tracker.middleware))...)
	c, err := pingone.NewClient(append(srv.ClientOptions(), fastRetries())...)
	require.NoError(t, err)
	verify, err := pingone.NewClient(append(srv.ClientOptions(),
		pingone.WithRetryPolicy(pingone.RetryPolicy{MaxRetries: 20, MaxRetryAfter: time.Second}))...)
	require.NoError(t, err)
	w := &workload{t: t, env: c.Environment(srv.EnvironmentID()), tracker: tracker}
	return w, verify.Environment(srv.EnvironmentID())
}

// TestWriteWorkloadUnderFaultsLosesAndDuplicatesNothing runs 200 writes
// (creates, PUT replaces, PATCH updates, deletes, memberships) under random
// 503s, scripted 5xx/408, reset connections and truncated bodies, all from
// a fixed seed, then lists the server and counts.
func TestWriteWorkloadUnderFaultsLosesAndDuplicatesNothing(t *testing.T) {
	t.Parallel()
	w, verify := workloadServer(t,
		pingonetest.WithSeed(20240611),
		pingonetest.WithRandomFailures(0.15),
		pingonetest.WithScript("POST /v1/environments/*/users", 200, 200, 500, 200, 200, 502, 200, 504),
		pingonetest.WithScript("PATCH /v1/environments/*/users/*", 200, 408, 200, 500),
		pingonetest.WithScript("DELETE /v1/environments/*/populations/*", 500, 200, 502),
		pingonetest.WithScript("POST /v1/environments/*/applications", 200, 500),
		pingonetest.WithConnectionReset("POST /v1/environments/*/populations", 2),
		pingonetest.WithTruncatedBody("POST /v1/environments/*/users", 2),
		pingonetest.WithConnectionReset("POST /v1/environments/*/groups", 2),
		pingonetest.WithTruncatedBody("POST /v1/environments/*/applications", 2),
		pingonetest.WithConnectionReset("PATCH /v1/environments/*/users/*", 2),
		pingonetest.WithTruncatedBody("PUT /v1/environments/*/groups/*", 2),
		pingonetest.WithConnectionReset("PUT /v1/environments/*/populations/*", 2),
		pingonetest.WithTruncatedBody("POST /v1/environments/*/users/*/memberOfGroups", 2),
	)

	const writes = 200
	quota := map[string]int{"population": 20, "group": 20, "user": 30, "application": 10}
	made := map[string]int{}
	const fixedUsers, fixedGroups = 6, 6
	var users, groups []*wlEntity
	memberships := map[[2]int]*wlEntity{}
	rnd := rand.New(rand.NewPCG(7, 11))

	live := func(kind string, deletable bool) []*wlEntity {
		var out []*wlEntity
		for _, e := range w.entities {
			if e.kind == kind && e.id != "" && e.last != absent && !(deletable && e.fixed) {
				out = append(out, e)
			}
		}
		return out
	}
	pick := func(es []*wlEntity) *wlEntity { return es[rnd.IntN(len(es))] }

	for steps := 0; len(w.writes) < writes; steps++ {
		require.Less(t, steps, 100*writes, "the workload found nothing to write")
		var kinds []string
		for _, k := range []string{"population", "group", "user", "application"} {
			if made[k] < quota[k] {
				kinds = append(kinds, k)
			}
		}
		if len(kinds) > 0 && (rnd.Float64() < 0.4 || len(w.writes) < 12) {
			k := kinds[rnd.IntN(len(kinds))]
			e := w.entity(k, fmt.Sprintf("wl-%s-%02d", k, made[k]), false)
			switch k {
			case "user":
				e.fixed = len(users) < fixedUsers
				users = append(users, e)
			case "group":
				e.fixed = len(groups) < fixedGroups
				groups = append(groups, e)
			}
			made[k]++
			w.create(e)
			continue
		}
		n := len(w.writes)
		switch rnd.IntN(9) {
		case 0:
			if es := live("population", false); len(es) > 0 {
				w.replace(pick(es), n)
			}
		case 1:
			if es := live("population", true); len(es) > 0 {
				w.delete(pick(es))
			}
		case 2:
			if es := live("group", false); len(es) > 0 {
				w.replace(pick(es), n)
			}
		case 3:
			if es := live("group", true); len(es) > 0 {
				w.delete(pick(es))
			}
		case 4, 5:
			if es := live("user", false); len(es) > 0 {
				w.update(pick(es), n)
			}
		case 6:
			if es := live("user", true); len(es) > 0 {
				w.delete(pick(es))
			} else if es := live("application", false); len(es) > 0 {
				w.delete(pick(es))
			}
		case 7, 8:
			var pairs [][2]int
			for ui, u := range users {
				for gi, g := range groups {
					if u.fixed && g.fixed && u.id != "" && g.id != "" {
						pairs = append(pairs, [2]int{ui, gi})
					}
				}
			}
			if len(pairs) > 0 {
				p := pairs[rnd.IntN(len(pairs))]
				m := memberships[p]
				if m == nil {
					m = w.entity("membership", users[p[0]].key+"|"+groups[p[1]].key, false)
					m.created = true
					memberships[p] = m
				}
				w.membership(m, users[p[0]], groups[p[1]])
			}
		}
	}

	a := w.audit(verify)
	succeeded, failed := 0, 0
	byOp := map[string][2]int{}
	for _, wr := range w.writes {
		c := byOp[wr.method+" "+wr.op]
		if wr.err == nil {
			succeeded++
			c[0]++
		} else {
			failed++
			c[1]++
		}
		byOp[wr.method+" "+wr.op] = c
	}
	sent, reached := 0, 0
	for _, wr := range w.writes {
		att := w.tracker.get(wr.tx)
		sent += att.sent
		reached += att.reached
	}
	kinds := map[string]int{}
	for _, wr := range w.writes {
		if wr.err == nil {
			continue
		}
		if apiErr, ok := errors.AsType[*pingone.APIError](wr.err); ok {
			kinds[fmt.Sprintf("%d %s", apiErr.StatusCode, apiErr.Code)]++
		} else if _, ok := errors.AsType[*pingone.TransportError](wr.err); ok {
			kinds["cut connection"]++
		} else {
			kinds[fmt.Sprintf("%T", wr.err)]++
		}
	}
	var failures []string
	for k, n := range kinds {
		failures = append(failures, fmt.Sprintf("%s: %d", k, n))
	}
	sort.Strings(failures)
	var ops []string
	for op, c := range byOp {
		ops = append(ops, fmt.Sprintf("%s %d/%d", op, c[0], c[0]+c[1]))
	}
	sort.Strings(ops)
	t.Logf("write workload: writes %d, successes %d, failures %d, lost %d, duplicated %d (resources %d, sends %d); "+
		"failed writes the server applied anyway %d; attempts sent %d, reaching the handler %d",
		len(w.writes), succeeded, failed, a.lost, a.dupResources+a.dupSends, a.dupResources, a.dupSends, a.failedApplied, sent, reached)
	t.Logf("write workload by operation (succeeded/total): %s", strings.Join(ops, ", "))
	t.Logf("write workload failures: %s", strings.Join(failures, ", "))

	require.Len(t, w.writes, writes)
	// The faults must have bitten, or the run proves nothing.
	assert.Positive(t, failed, "some writes failed under the faults")
	assert.Greater(t, sent, len(w.writes), "some writes were retried")
	assert.Greater(t, succeeded, writes/2, "most writes succeeded")
	for _, p := range a.problems {
		t.Error(p)
	}
	assert.Zero(t, a.lost, "lost")
	assert.Zero(t, a.dupResources+a.dupSends, "duplicated")
}

// TestWriteWorkloadAuditSeesLossAndDuplicates checks the audit itself: a
// success undone behind the client's back is lost, a second resource of the
// same name is duplicated, and a POST sent twice is a duplicated send.
func TestWriteWorkloadAuditSeesLossAndDuplicates(t *testing.T) {
	t.Parallel()
	w, verify := workloadServer(t)
	ctx := t.Context()

	pop := w.entity("population", "audit-pop", false)
	w.create(pop)
	require.NotEmpty(t, pop.id)
	require.NoError(t, verify.Populations.Delete(ctx, pop.id)) // not recorded: the success is lost

	app := w.entity("application", "audit-app", false)
	w.create(app)
	require.NotEmpty(t, app.id)
	_, err := verify.Applications.Create(ctx, pingone.NewOIDCApplication("audit-app", pingone.AppTypeWorker, pingone.OIDCSettingsRequest{
		TokenEndpointAuthMethod: pingone.OIDCAuthClientSecretBasic,
	}))
	require.NoError(t, err) // a second resource for one logical create

	group := w.entity("group", "audit-group", false)
	group.created = true
	// A client that sends the same POST twice (the second is refused as a
	// duplicate name, but it reached the handler).
	_ = w.do("POST", "create", group, "present:", func(ctx context.Context) error {
		_, _ = w.env.Groups.Create(ctx, pingone.GroupRequest{Name: "audit-group"})
		_, err := w.env.Groups.Create(ctx, pingone.GroupRequest{Name: "audit-group"})
		return err
	})

	a := w.audit(verify)
	assert.Equal(t, 1, a.lost, "%q", a.problems)
	assert.Equal(t, 1, a.dupResources, "%q", a.problems)
	assert.Equal(t, 1, a.dupSends, "%q", a.problems)
}
