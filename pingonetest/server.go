// Package pingonetest is an in-memory PingOne: the management API (under
// /v1) and the auth server (under /{environmentID}/as/), served over real
// HTTP on 127.0.0.1. It is what the SDK's own end-to-end tests and the
// quickstart run on, and users can run their tests on it too:
//
//	srv := pingonetest.NewServer(t)
//	c, err := pingone.NewClient(srv.ClientOptions()...)
//	env := c.Environment(srv.EnvironmentID())
//
// A new server is seeded with an organization, an environment, a default
// population, password policy, sign-on policy and device authentication
// policy, the system roles, an administrator who can sign in with a
// password ([Server.Admin]), a worker application with client credentials
// ([Server.Worker]), a public application for authorization code sign-in
// with PKCE ([Server.CLIClientID]), the built-in portal and self-service
// applications, and the "openid" and "PingOne API" resources with their
// scopes ([Server.Resource]) for application grants.
//
// It follows PingOne's semantics where the SDK relies on them: HAL
// collections with cursor paging (links built from the Host the client
// used), SCIM filters with per-endpoint rules, PingOne's error format and
// codes (405 for a method a path does not take), a Correlation-Id on every
// response, content types that select operations, PUT that replaces and
// PATCH that merges, uniqueness and referential rules, and an
// application's client ID equal to its ID. Two servers share nothing.
//
// # Secrets and determinism
//
// Without [WithSeed], every start generates fresh secrets (the
// administrator's password, client secrets, tokens) from crypto/rand; read
// them from [Server.Admin] and [Server.Worker]. With it, everything the
// server draws is deterministic for the seed, injected faults included.
// [WithClock] gives the server a clock the test moves on.
//
// # How a real tenant misbehaves
//
// Each of these is off by default, deterministic under WithSeed, and a
// pingone-sim flag too:
//
//   - [WithReplicationLag]: reads lag behind writes by up to a duration,
//     differently from one request to the next, and writes that name a
//     resource created too recently fail with 404 or 400.
//   - [WithPermissionPropagation]: a new role assignment takes effect for
//     its actor only after a delay; until then its calls answer 403.
//   - [WithRateLimit] (fixed window) and [WithTokenBucket], answering 429
//     with Retry-After, or the edge's HTML 403 ([WithThrottleStatus]).
//   - [WithFailBeforeWrite] and [WithFailAfterWrite]: writes that fail with
//     500, 502 or a reset connection, before acting or after, so that the
//     client cannot tell which.
//
// Lower-level faults: [WithLatency], [WithScript], [WithRandomFailures],
// [WithConnectionReset] and [WithTruncatedBody]. [Server.Stats] counts what
// really happened: requests by route, answers by status as sent on the
// wire, and the writes applied.
package pingonetest

import (
	"bytes"
	"context"
	crand "crypto/rand"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pingone-go/pingone"
)

// apiBase is the path of the management API on the server.
const apiBase = "/v1"

// Server is a running in-memory PingOne.
type Server struct {
	mu    sync.Mutex
	rndMu sync.Mutex
	st    store
	rnd   *rand.Rand

	opts options

	orgID, envID string
	admin        Credentials
	worker       ClientCredentials
	cliClientID  string

	tokens    map[string]*tokenInfo
	refreshes map[string]*refreshInfo
	codes     map[string]*codeInfo
	passwords map[string]string // user ID → password (the server is a test double)
	pwChanged map[string]string // user ID → when the password was last set
	secrets   map[string]*appSecrets
	// roleEffective holds when role assignments created under
	// WithPermissionPropagation take effect (by assignment ID).
	roleEffective map[string]time.Time
	signOns       []signOn // in the order seen

	faults   *faults
	stats    stats
	lagClock *lagClock

	ln      net.Listener
	srv     *http.Server
	url     string
	handler http.Handler
	mux     *http.ServeMux // the management API, under /v1
	authMux *http.ServeMux // the auth server, under /{envID}/as/
}

// Credentials are a user's sign-in credentials.
type Credentials struct {
	UserID   string
	Username string
	Password string
}

// ClientCredentials identify an application to the token endpoint.
type ClientCredentials struct {
	ApplicationID string
	ClientID      string
	ClientSecret  string
}

// Option configures a [Server].
type Option func(*options)

type options struct {
	addr          string
	seed          uint64
	seeded        bool // WithSeed was given: secrets come from the seeded generator too
	tokenTTL      time.Duration
	propagation   time.Duration
	lag           time.Duration
	clock         func() time.Time
	adminPassword string
	middleware    []func(http.Handler) http.Handler
	faults        faultConfig
}

// WithAddr listens on addr (default "127.0.0.1:0", a free port). Loopback
// addresses are the sensible ones: the server has no TLS and test
// credentials. On a wildcard address ("0.0.0.0:8080", "[::]:8080") it
// listens on every interface, and [Server.URL] names the loopback address.
func WithAddr(addr string) Option { return func(o *options) { o.addr = addr } }

// WithSeed makes the server deterministic for a given seed: its IDs, its
// secrets (the administrator's password, client secrets, tokens and
// authorization codes) and its injected faults. Without it, IDs and faults
// follow seed 1 while every secret comes from crypto/rand, fresh on each
// start.
func WithSeed(seed uint64) Option { return func(o *options) { o.seed, o.seeded = seed, true } }

// WithClock makes the server read the time from now instead of time.Now:
// token and code expiry, timestamps, rate limits, replication lag and
// permission propagation all follow it, so a test can move time on at
// will. (The server serves real sockets, whose goroutines are not durably
// blocked, so it cannot run inside a testing/synctest bubble; a clock the
// test advances does the same work.) WithLatency delays stay real.
func WithClock(now func() time.Time) Option { return func(o *options) { o.clock = now } }

// WithReplicationLag makes the server eventually consistent, as PingOne
// is: a resource created, changed or deleted becomes visible to reads only
// after a lag of up to d. Each request is served as if by a node that is
// behind by its own lag, drawn at random in [0, d) from a generator seeded
// by WithSeed: one read may see a write and the next not, until d has
// passed, when every read sees it. Reads (gets, lists, filters,
// sub-resources and the role check behind every call) see the resources as
// they were; writes see them as they are, except that a resource created
// too recently is missing when named by ID, so that a write that depends on
// it fails as PingOne's does (adding a user to a just-created group
// answers 400, assigning a role to a just-created user 404). The auth
// server (sign-in, tokens) sees the current state. Off (0) by default;
// when off it costs nothing.
func WithReplicationLag(d time.Duration) Option { return func(o *options) { o.lag = d } }

// WithPermissionPropagation makes a role assignment take effect for the
// actor it reaches (a user, through a group too, or a worker application)
// only d after it was created, as PingOne's permissions take a while to
// propagate. Until then, calls that need it answer 403 ACCESS_FAILED
// (detail INSUFFICIENT_PERMISSIONS, "The actor attempting to perform the
// request is not authorized."). The server checks only that an actor holds
// some role assignment, not which permissions: a new assignment shows only
// for an actor that had none in effect. The seeded assignments are in
// effect from the start. Off (0) by default.
func WithPermissionPropagation(d time.Duration) Option {
	return func(o *options) { o.propagation = d }
}

// WithTokenTTL sets the lifetime of access tokens (default one hour); a
// short one makes clients exercise refresh.
func WithTokenTTL(d time.Duration) Option { return func(o *options) { o.tokenTTL = d } }

// WithAdminPassword sets the seeded administrator's password.
func WithAdminPassword(p string) Option { return func(o *options) { o.adminPassword = p } }

// WithMiddleware wraps the server's handler (outermost last): tests use it
// to check every response against the API contract.
func WithMiddleware(mw func(http.Handler) http.Handler) Option {
	return func(o *options) { o.middleware = append(o.middleware, mw) }
}

// family routes are registered by each resource family's file.
var families []func(s *Server)

func registerFamily(f func(s *Server)) { families = append(families, f) }

// seeds add a family's seeded resources, after the core seed (s.mu is not
// needed: the server is not serving yet).
var seeds []func(s *Server)

func registerSeed(f func(s *Server)) { seeds = append(seeds, f) }

// Start starts a server. Close it when done.
func Start(opts ...Option) (*Server, error) {
	o := options{addr: "127.0.0.1:0", seed: 1, tokenTTL: time.Hour}
	for _, f := range opts {
		f(&o)
	}
	s := &Server{
		opts:          o,
		st:            store{colls: map[string]*coll{}, lagging: lagging{lag: o.lag}},
		rnd:           rand.New(rand.NewChaCha8(seedBytes(o.seed))),
		tokens:        map[string]*tokenInfo{},
		refreshes:     map[string]*refreshInfo{},
		codes:         map[string]*codeInfo{},
		passwords:     map[string]string{},
		secrets:       map[string]*appSecrets{},
		roleEffective: map[string]time.Time{},
		mux:           http.NewServeMux(),
		authMux:       http.NewServeMux(),
	}
	if o.lag < 0 {
		return nil, fmt.Errorf("pingonetest: WithReplicationLag: %v is negative", o.lag)
	}
	if o.propagation < 0 {
		return nil, fmt.Errorf("pingonetest: WithPermissionPropagation: %v is negative", o.propagation)
	}
	if err := o.faults.check(); err != nil {
		return nil, fmt.Errorf("pingonetest: %w", err)
	}
	s.faults = newFaults(o.faults, o.seed, s.now)
	s.faults.writeErr = s.writeError
	s.stats.reset()
	s.lagClock = newLagClock(o.seed)
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return nil, fmt.Errorf("pingonetest: listen %s: %w", o.addr, err)
	}
	s.ln = ln
	s.url = "http://" + reachable(o.addr, ln.Addr())

	s.routesAuth()
	for _, f := range families {
		f(s)
	}
	s.seed()
	for _, f := range seeds {
		f(s)
	}

	var h http.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, apiBase+"/") {
			s.mux.ServeHTTP(w, r)
			return
		}
		s.authMux.ServeHTTP(w, r)
	})
	h = s.faults.wrap(h)
	h = s.withStats(h)
	h = s.withCorrelation(h)
	for _, mw := range o.middleware {
		h = mw(h)
	}
	s.handler = h
	s.srv = &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = s.srv.Serve(ln) }()
	return s, nil
}

// NewServer starts a server for a test and closes it when the test ends.
func NewServer(tb testing.TB, opts ...Option) *Server {
	tb.Helper()
	s, err := Start(opts...)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(s.Close)
	return s
}

func seedBytes(seed uint64) [32]byte {
	var b [32]byte
	for i := range 4 {
		v := seed*0x9E3779B97F4A7C15 + uint64(i)*0xBF58476D1CE4E5B9
		for j := range 8 {
			b[i*8+j] = byte(v >> (8 * j))
		}
	}
	return b
}

// Close stops the server and closes its connections.
func (s *Server) Close() {
	if s.srv != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if err := s.srv.Shutdown(ctx); err != nil {
			_ = s.srv.Close()
		}
	}
}

// Handler returns the server's HTTP handler (with its middleware), for
// mounting elsewhere.
func (s *Server) Handler() http.Handler { return s.handler }

// URL is the server's base URL, which is also the auth host. When the server
// listens on a wildcard address (0.0.0.0, [::]), the URL names the loopback
// address, which reaches it.
//
// The links in the server's answers (_links.self, _links.next) are built
// from the Host the request was sent to, so a client that reaches the
// server by another name (localhost, a container's name) can follow them.
func (s *Server) URL() string { return s.url }

// now is the server's time (see WithClock).
func (s *Server) now() time.Time {
	if s.opts.clock != nil {
		return s.opts.clock()
	}
	return time.Now()
}

// stamp is the server's time as PingOne writes timestamps: UTC with
// milliseconds.
func (s *Server) stamp() string { return s.now().UTC().Format("2006-01-02T15:04:05.000Z") }

// ListenAddr is the address the server listens on, such as
// "127.0.0.1:41234" or "[::]:8080".
func (s *Server) ListenAddr() string { return s.ln.Addr().String() }

// reachable returns host:port for a URL to the listener at addr (configured
// as configured): a wildcard address becomes the loopback address of its
// family.
func reachable(configured string, addr net.Addr) string {
	ta, ok := addr.(*net.TCPAddr)
	if !ok || !ta.IP.IsUnspecified() {
		return addr.String()
	}
	host := "127.0.0.1"
	if h, _, err := net.SplitHostPort(configured); err == nil {
		if ip := net.ParseIP(h); ip != nil && ip.To4() == nil {
			host = "::1"
		}
	}
	return net.JoinHostPort(host, strconv.Itoa(ta.Port))
}

// APIURL is the management API base URL (URL + "/v1").
func (s *Server) APIURL() string { return s.url + apiBase }

// AuthURL is the auth host URL (the same as URL).
func (s *Server) AuthURL() string { return s.url }

// OrganizationID is the seeded organization's ID.
func (s *Server) OrganizationID() string { return s.orgID }

// EnvironmentID is the seeded environment's ID.
func (s *Server) EnvironmentID() string { return s.envID }

// Admin returns the seeded administrator's credentials.
func (s *Server) Admin() Credentials { return s.admin }

// Worker returns the seeded worker application's client credentials.
func (s *Server) Worker() ClientCredentials { return s.worker }

// CLIClientID is the client ID (which is also the application ID, as for
// every application) of the seeded public application that admins sign in
// through (authorization code with PKCE; any loopback redirect URI
// with the path /callback is accepted, as RFC 8252 asks).
func (s *Server) CLIClientID() string { return s.cliClientID }

// ClientOptions returns the options that point a pingone.Client at this
// server, authenticated as the seeded worker application.
func (s *Server) ClientOptions() []pingone.Option {
	return []pingone.Option{
		pingone.WithBaseURLs(s.APIURL(), s.AuthURL()),
		pingone.WithClientCredentials(s.envID, s.worker.ClientID, s.worker.ClientSecret),
	}
}

// newID returns a random UUID (version 4 layout) from the server's seeded
// generator.
func (s *Server) newID() string {
	var b [16]byte
	s.rndLock(func(r *rand.Rand) {
		for i := range b {
			b[i] = byte(r.Uint32())
		}
	})
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// randLock serialises use of the random generator, which is not safe for
// concurrent use, without needing s.mu (callers may hold it).

func (s *Server) rndLock(f func(r *rand.Rand)) {
	s.rndMu.Lock()
	defer s.rndMu.Unlock()
	f(s.rnd)
}

// secretBytes fills b with random bytes for a secret: from the seeded
// generator under WithSeed, from crypto/rand otherwise.
func (s *Server) secretBytes(b []byte) {
	if !s.opts.seeded {
		_, _ = crand.Read(b) // never fails (crypto/rand panics rather)
		return
	}
	s.rndLock(func(r *rand.Rand) {
		for i := range b {
			b[i] = byte(r.Uint32())
		}
	})
}

// secretText returns a secret of n URL-safe characters (see secretBytes).
func (s *Server) secretText(n int) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	b := make([]byte, n)
	s.secretBytes(b)
	for i := range b {
		b[i] = alphabet[b[i]&63] // 64 symbols: no bias
	}
	return string(b)
}

// withCorrelation gives every response a Correlation-Id header.
func (s *Server) withCorrelation(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Correlation-Id", s.newID())
		next.ServeHTTP(w, r)
	})
}

// ---- routing ----

// maxRequestBody bounds a management request body.
const maxRequestBody = 16 << 20

// handle registers a management API route: pattern is "METHOD /path" with
// the path after /v1. The handler runs after the bearer token, its
// permissions and the environment have been checked, with s.mu held.
//
// The request body is read before the lock is taken and the response is
// written after it is released, so that a client that sends or reads
// slowly never holds up the others.
func (s *Server) handle(pattern string, h func(c *call)) {
	method, path, ok := strings.Cut(pattern, " ")
	if !ok {
		panic("pingonetest: bad pattern " + pattern)
	}
	collection := writeCollection(method, path)
	s.mux.HandleFunc(method+" "+apiBase+path, func(w http.ResponseWriter, r *http.Request) {
		out := &bufferWriter{header: w.Header()}
		defer func() {
			if out.status == 0 {
				out.status = http.StatusOK
			}
			if isWrite(method) && out.status >= 200 && out.status <= 299 {
				s.stats.applied(collection, method)
			}
			w.WriteHeader(out.status)
			_, _ = w.Write(out.body.Bytes())
		}()
		c := &call{s: s, w: out, r: r, envID: r.PathValue("envID")}
		if r.Body != nil {
			data, err := io.ReadAll(io.LimitReader(r.Body, maxRequestBody+1))
			if err != nil {
				c.fail(errRequest(400, "unable to read the request body"))
				return
			}
			if len(data) > maxRequestBody {
				c.fail(errInvalid("The request body is too large", detail{Code: "SIZE_LIMIT_EXCEEDED", Message: "at most 16 MiB"}))
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(data))
		}
		at := s.now()
		view := s.lagView(at) // one moment for the whole request (WithReplicationLag)
		info, e := s.authorizeManagement(r, at, view)
		if e != nil {
			c.fail(e)
			return
		}
		c.auth = info
		s.mu.Lock()
		defer s.mu.Unlock() // runs before the response is written
		s.st.begin(at, view, isWrite(method))
		defer s.st.end()
		if c.envID != "" && c.envID != s.envID {
			c.fail(errAccess(403, "", "The environment does not exist or the actor has no access to it"))
			return
		}
		h(c)
	})
}

// notFoundRoute answers unknown paths as PingOne does (404), and a known
// path with a method it does not take with 405, an Allow header and
// PingOne's error body. (PingOne's code for a 405 is not documented; the
// spec describes it as an invalid request, hence INVALID_REQUEST.)
func (s *Server) notFoundRoute(w http.ResponseWriter, r *http.Request) {
	mux, catchAll := s.authMux, "/"
	if r.URL.Path == apiBase || strings.HasPrefix(r.URL.Path, apiBase+"/") {
		mux, catchAll = s.mux, apiBase+"/"
	}
	var allow []string
	for _, m := range []string{"GET", "POST", "PUT", "PATCH", "DELETE"} {
		probe := &http.Request{Method: m, URL: r.URL, Host: r.Host, Header: http.Header{}}
		if _, pattern := mux.Handler(probe); pattern != "" && pattern != catchAll && pattern != apiBase {
			allow = append(allow, m)
		}
	}
	if len(allow) > 0 {
		s.writeError(w, &apiError{status: http.StatusMethodNotAllowed, code: "INVALID_REQUEST",
			message: "The request method " + r.Method + " is not supported for this resource",
			header:  http.Header{"Allow": {strings.Join(allow, ", ")}}})
		return
	}
	s.writeError(w, &apiError{status: 404, code: "NOT_FOUND", message: "The requested resource was not found"})
}

// authorizeManagement checks the bearer token of a management call.
func (s *Server) authorizeManagement(r *http.Request, at, view time.Time) (*tokenInfo, *apiError) {
	tok, ok := bearer(r)
	if !ok {
		return nil, errAccess(401, "INVALID_TOKEN", "The request could not be completed. You do not have access to this resource.")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	info := s.tokens[tok]
	if info == nil || at.After(info.expiry) {
		return nil, errAccess(401, "INVALID_TOKEN", "The access token is invalid or has expired")
	}
	// The token itself is checked against the present: the auth server
	// that issued it is not behind (an application created a moment ago
	// that got a token is not refused as unknown).
	s.st.begin(at, at, false)
	active := s.actorActive(info)
	s.st.end()
	if !active {
		return nil, errAccess(401, "INVALID_TOKEN", "The token's user or application is disabled or no longer exists")
	}
	s.st.begin(at, view, false) // the role check is a read
	defer s.st.end()
	if !s.hasAdminRole(info) {
		return nil, errNotAuthorized()
	}
	return info, nil
}

func bearer(r *http.Request) (string, bool) {
	h := r.Header.Get("Authorization")
	if len(h) < 7 || !strings.EqualFold(h[:7], "bearer ") {
		return "", false
	}
	t := strings.TrimSpace(h[7:])
	return t, t != ""
}

// ExpireTokens makes every access token issued so far expire now, so that a
// test can see what a client does with an expired token. Refresh tokens keep
// working.
func (s *Server) ExpireTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	past := s.now().Add(-time.Second)
	for _, t := range s.tokens {
		t.expiry = past
	}
}
