package pingone_test

import (
	"bytes"
	stdjson "encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/pingonetest"
	"github.com/pingone-go/pingone/scim"
)

// The secret leak probe runs every family's happy and error paths against
// pingonetest with a debug JSON logger, and keeps everything a caller could
// print, log or encode: the SDK's log records, every error (Error(), every
// fmt verb, JSON, an APIError's raw body), and every value passed in or
// returned (fmt %v %+v %#v %s, encoding/json, go-json-experiment, and a
// slog record). Then it looks for every secret in play in all of it.
// Values returned on purpose (Secret.Reveal, the *oauth2.Token of a sign-in,
// a FileTokenStore's file) are not scanned; printing what holds them is.

// lockedBuffer is a goroutine-safe buffer for log handlers.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

type leakArtifact struct{ where, text string }

type leakSecret struct {
	what, value string
	// onWire: the secret travels in a request or response body, so the
	// wire capture shows that the probe really handled it.
	onWire bool
}

type secretProbe struct {
	t         *testing.T
	mu        sync.Mutex
	probes    int
	artifacts []leakArtifact
	secrets   []leakSecret
	sdkLogs   *lockedBuffer // the SDK's logger
	wire      *lockedBuffer // bodies on the wire: never scanned
	logger    *slog.Logger  // handed to the SDK
	http      *http.Client  // taps bodies and token responses
}

func newSecretProbe(t *testing.T) *secretProbe {
	p := &secretProbe{t: t, sdkLogs: &lockedBuffer{}, wire: &lockedBuffer{}}
	p.logger = slog.New(slog.NewJSONHandler(p.sdkLogs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	p.http = &http.Client{Transport: &wireTap{p: p, next: &http.Transport{}}}
	t.Cleanup(p.http.CloseIdleConnections)
	return p
}

// secret adds a value to look for. (The wire tap calls it from transport
// goroutines: no FailNow here.)
func (p *secretProbe) secret(what, value string, onWire bool) {
	if !assert.GreaterOrEqual(p.t, len(value), 6, "a %s long enough to search for", what) {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, s := range p.secrets {
		if s.value == value {
			return
		}
	}
	p.secrets = append(p.secrets, leakSecret{what: what, value: value, onWire: onWire})
}

func (p *secretProbe) add(where, text string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.artifacts = append(p.artifacts, leakArtifact{where, text})
}

// ok records a call that must succeed, fail one that must fail.
func (p *secretProbe) ok(name string, err error, values ...any) {
	p.t.Helper()
	require.NoError(p.t, err, name)
	p.record(name, err, values...)
}

func (p *secretProbe) fail(name string, err error, values ...any) {
	p.t.Helper()
	require.Error(p.t, err, name)
	p.record(name, err, values...)
}

func (p *secretProbe) record(name string, err error, values ...any) {
	p.mu.Lock()
	p.probes++
	p.mu.Unlock()
	if err != nil {
		p.printed(name+" error", err)
		p.add(name+" error.Error()", err.Error())
		if apiErr, ok := errors.AsType[*pingone.APIError](err); ok {
			p.add(name+" APIError.Body", string(apiErr.Body))
		}
		p.add(name+" error slog", slogJSON("err", err))
	}
	for _, v := range values {
		p.printed(fmt.Sprintf("%s: %T", name, v), v)
	}
}

// printed keeps every way of printing or encoding v.
func (p *secretProbe) printed(where string, v any) {
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		p.add(where+" "+verb, fmt.Sprintf(verb, v))
	}
	if b, err := stdjson.Marshal(v); err == nil {
		p.add(where+" encoding/json", string(b))
	} else {
		p.add(where+" encoding/json error", err.Error())
	}
	if b, err := jsonv2.Marshal(v); err == nil {
		p.add(where+" go-json-experiment", string(b))
	} else {
		p.add(where+" go-json-experiment error", err.Error())
	}
	p.add(where+" slog", slogJSON("value", v))
}

// slogJSON is what a JSON slog handler writes for one attribute.
func slogJSON(key string, v any) string {
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("probe", key, v)
	return buf.String()
}

// secretForms are the spellings of a secret to look for: as is, and as JSON
// and Go quoting and URL query encoding would write it.
func secretForms(s string) []string {
	forms := []string{s}
	if b, err := stdjson.Marshal(s); err == nil {
		forms = append(forms, string(b[1:len(b)-1]))
	}
	var noHTML bytes.Buffer
	enc := stdjson.NewEncoder(&noHTML)
	enc.SetEscapeHTML(false)
	if enc.Encode(s) == nil {
		b := bytes.TrimSpace(noHTML.Bytes())
		forms = append(forms, string(b[1:len(b)-1]))
	}
	q := strconv.Quote(s)
	forms = append(forms, q[1:len(q)-1], url.QueryEscape(s))
	slices.Sort(forms)
	return slices.Compact(forms)
}

type leakHit struct{ what, where, excerpt string }

// scan looks for every secret in every artifact.
func scanForSecrets(secrets []leakSecret, artifacts []leakArtifact) []leakHit {
	var hits []leakHit
	for _, s := range secrets {
		forms := secretForms(s.value)
		for _, a := range artifacts {
			for _, f := range forms {
				if strings.Contains(a.text, f) {
					hits = append(hits, leakHit{what: s.what, where: a.where, excerpt: leakExcerpt(secrets, a.text, s.what)})
					break
				}
			}
		}
	}
	return hits
}

// leakExcerpt shows where a secret is in text, with every secret replaced
// by its name, so that a report never prints one.
func leakExcerpt(secrets []leakSecret, text, what string) string {
	for _, s := range secrets {
		for _, f := range secretForms(s.value) {
			text = strings.ReplaceAll(text, f, "«"+s.what+"»")
		}
	}
	text = strings.ToValidUTF8(text, "?")
	i := max(0, strings.Index(text, "«"+what+"»"))
	r := []rune(text[:i])
	before := string(r[max(0, len(r)-60):])
	r = []rune(text[i:])
	return before + string(r[:min(len(r), len(what)+40)])
}

// wireTap records request and response bodies (for the liveness check
// only) and collects the tokens the token endpoint issues.
type wireTap struct {
	p    *secretProbe
	next http.RoundTripper
}

type errAfter struct{ err error }

func (e errAfter) Read([]byte) (int, error) { return 0, e.err }

func (w *wireTap) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		data, err := io.ReadAll(r.Body)
		r.Body.Close()
		if err != nil {
			return nil, err
		}
		_, _ = w.p.wire.Write(data)
		r = r.Clone(r.Context())
		r.Body = io.NopCloser(bytes.NewReader(data))
	}
	resp, err := w.next.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	data, readErr := io.ReadAll(resp.Body)
	resp.Body.Close()
	_, _ = w.p.wire.Write(data)
	if readErr != nil { // a cut body stays cut
		resp.Body = io.NopCloser(io.MultiReader(bytes.NewReader(data), errAfter{readErr}))
	} else {
		resp.Body = io.NopCloser(bytes.NewReader(data))
	}
	if strings.HasSuffix(r.URL.Path, "/as/token") && resp.StatusCode == http.StatusOK {
		var tok struct {
			AccessToken  string `json:"access_token"`
			RefreshToken string `json:"refresh_token"`
		}
		if stdjson.Unmarshal(data, &tok) == nil {
			if tok.AccessToken != "" {
				w.p.secret("access token", tok.AccessToken, true)
			}
			if tok.RefreshToken != "" {
				w.p.secret("refresh token", tok.RefreshToken, true)
			}
		}
	}
	return resp, nil
}

// garbler cuts the closing brace off the next n responses to a route, so
// that the SDK gets a 200 whose body (holding a secret) is not JSON.
type garbler struct {
	method, suffix string
	n              atomic.Int32
}

func (g *garbler) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != g.method || !strings.HasSuffix(r.URL.Path, g.suffix) || g.n.Add(-1) < 0 {
			next.ServeHTTP(w, r)
			return
		}
		rec := &faultSpyRecorder{header: http.Header{}}
		next.ServeHTTP(rec, r)
		body := bytes.TrimRight(bytes.TrimSpace(rec.body.Bytes()), "}")
		for k, v := range rec.header {
			w.Header()[k] = v
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(body)+2))
		w.WriteHeader(rec.status)
		_, _ = w.Write(append(body, ",]"...))
	})
}

type faultSpyRecorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *faultSpyRecorder) Header() http.Header { return r.header }
func (r *faultSpyRecorder) WriteHeader(s int) {
	if r.status == 0 {
		r.status = s
	}
}

func (r *faultSpyRecorder) Write(p []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.body.Write(p)
}

var hiddenInput = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)

// signInBrowser plays the administrator's browser on pingonetest's sign-in
// page: it submits the credentials and follows the redirect to the
// callback.
func signInBrowser(username, password string) func(authURL string) error {
	return func(authURL string) error {
		noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		defer noRedirect.CloseIdleConnections()
		resp, err := noRedirect.Get(authURL)
		if err != nil {
			return err
		}
		page, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		form := url.Values{}
		for _, m := range hiddenInput.FindAllStringSubmatch(string(page), -1) {
			form.Set(html.UnescapeString(m[1]), html.UnescapeString(m[2]))
		}
		form.Set("username", username)
		form.Set("password", password)
		u, err := url.Parse(authURL)
		if err != nil {
			return err
		}
		u.RawQuery = ""
		resp, err = noRedirect.PostForm(u.String(), form)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusFound {
			return fmt.Errorf("sign-in page answered %d", resp.StatusCode)
		}
		resp, err = noRedirect.Get(resp.Header.Get("Location"))
		if err != nil {
			return err
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return nil
	}
}

// refusingBrowser returns to the callback with an OAuth error, as PingOne
// does when the user declines.
func refusingBrowser(authURL string) error {
	u, err := url.Parse(authURL)
	if err != nil {
		return err
	}
	q := u.Query()
	cb := q.Get("redirect_uri") + "?" + url.Values{"state": {q.Get("state")}, "error": {"access_denied"}, "error_description": {"The user declined"}}.Encode()
	resp, err := http.Get(cb)
	if err != nil {
		return err
	}
	resp.Body.Close()
	return nil
}

// TestNoSecretLeaks is the probe. It fails on any secret found in any
// artifact, and checks that a secret put into the logs is found.
func TestNoSecretLeaks(t *testing.T) {
	t.Parallel()
	p := newSecretProbe(t)
	garble := &garbler{method: "GET", suffix: "/secret"}
	srv := pingonetest.NewServer(t,
		pingonetest.WithAdminPassword("Leak-Admin-Pass-4417"),
		// The first reading of an application secret is cut short (on
		// every attempt), the first rotation is reset after the server
		// rotated, and the second pairing of a device gets a 500.
		pingonetest.WithTruncatedBody("GET /v1/environments/*/applications/*/secret", 4),
		pingonetest.WithConnectionReset("POST /v1/environments/*/applications/*/secret", 1),
		pingonetest.WithScript("POST /v1/environments/*/users/*/devices", 200, 500),
		pingonetest.WithMiddleware(garble.middleware),
	)
	p.secret("worker client secret", srv.Worker().ClientSecret, false)
	p.secret("admin password", srv.Admin().Password, false)

	opts := func(extra ...pingone.Option) []pingone.Option {
		return append([]pingone.Option{pingone.WithBaseURLs(srv.APIURL(), srv.AuthURL()), pingone.WithHTTPClient(p.http),
			pingone.WithLogger(p.logger), fastRetries()}, extra...)
	}
	c, err := pingone.NewClient(opts(pingone.WithClientCredentials(srv.EnvironmentID(), srv.Worker().ClientID, srv.Worker().ClientSecret))...)
	p.ok("NewClient", err, c)
	env := c.Environment(srv.EnvironmentID())
	p.record("Client.Environment", nil, env)

	probeAuth(t, p, srv, opts)
	u := probeUsers(t, p, srv, env)
	probePopulationsAndGroups(t, p, env, u)
	probeApplications(t, p, srv, env, garble)
	probeRolesPoliciesCertificates(t, p, c, env)
	probeIdentityProviders(t, p, env)
	probeMFA(t, p, env, u)

	// What the probe scans.
	p.add("SDK log", p.sdkLogs.String())
	hits := scanForSecrets(p.secrets, p.artifacts)

	perKind := map[string]int{}
	for _, s := range p.secrets {
		perKind[s.what]++
	}
	var kinds []string
	for k, n := range perKind {
		kinds = append(kinds, fmt.Sprintf("%s %d", k, n))
	}
	sort.Strings(kinds)
	size := 0
	for _, a := range p.artifacts {
		size += len(a.text)
	}
	t.Logf("secret leak probe: %d probes, %d artifacts (%d KiB, %d SDK log records), %d secrets (%s), %d hits",
		p.probes, len(p.artifacts), size/1024, strings.Count(p.sdkLogs.String(), "\n"), len(p.secrets), strings.Join(kinds, ", "), len(hits))

	// Every kind of secret the brief names was in play, and those that
	// travel in bodies were seen on the wire: the probe handled them.
	for _, want := range []string{"worker client secret", "admin password", "access token", "refresh token",
		"application secret", "identity provider secret", "user password", "TOTP secret", "TOTP key URI"} {
		assert.Positive(t, perKind[want], "no %s in play", want)
	}
	assert.GreaterOrEqual(t, perKind["refresh token"], 2, "the signed-in client refreshed")
	wire := p.wire.String()
	for _, s := range p.secrets {
		if s.onWire {
			seen := slices.ContainsFunc(secretForms(s.value), func(f string) bool { return strings.Contains(wire, f) })
			assert.True(t, seen, "a %s the probe never handled", s.what)
		}
	}
	assert.Contains(t, p.sdkLogs.String(), `"level":"DEBUG"`, "the SDK logged")

	// The scanner finds a secret that does reach a log, in every spelling
	// a JSON log gives it.
	var planted lockedBuffer
	plant := slog.New(slog.NewJSONHandler(&planted, nil))
	for _, s := range p.secrets {
		plant.Info("oops", "leaked", s.value)
	}
	planted2 := scanForSecrets(p.secrets, []leakArtifact{{"planted log", planted.String()}})
	assert.Len(t, planted2, len(p.secrets), "every planted secret is found")

	for _, h := range hits {
		t.Errorf("secret leak: %s in %s: …%s…", h.what, h.where, h.excerpt)
	}
}

type clientOptions func(extra ...pingone.Option) []pingone.Option

func probeAuth(t *testing.T, p *secretProbe, srv *pingonetest.Server, opts clientOptions) {
	ctx := t.Context()
	admin := srv.Admin()

	// Sign-in of an administrator (public client, PKCE), then a client
	// on the token, which is refreshed after the server expires it.
	cfg := pingone.AuthCodeConfig{
		AuthURL: srv.AuthURL(), EnvironmentID: srv.EnvironmentID(), ClientID: srv.CLIClientID(),
		RedirectURL: "http://127.0.0.1:0/callback", Scopes: []string{"openid", "profile", "email"}, HTTPClient: p.http,
	}
	flow, err := pingone.NewAuthCodeFlow(cfg)
	p.ok("NewAuthCodeFlow", err, cfg, flow)
	tok, err := flow.SignIn(ctx, pingone.SignInOptions{OpenBrowser: signInBrowser(admin.Username, admin.Password)})
	p.ok("AuthCodeFlow.SignIn", err) // the token is returned on purpose
	_, err = flow.SignIn(ctx, pingone.SignInOptions{OpenBrowser: refusingBrowser})
	p.fail("AuthCodeFlow.SignIn declined", err)
	verifier := pingone.NewVerifier()
	authURL := flow.AuthCodeURL(pingone.NewState(), verifier)
	p.record("AuthCodeFlow.AuthCodeURL", nil, authURL)
	_, err = flow.Exchange(ctx, "not-a-code", verifier)
	p.fail("AuthCodeFlow.Exchange bad code", err)

	ts := flow.TokenSource(tok, nil)
	p.record("AuthCodeFlow.TokenSource", nil, ts)
	adminClient, err := pingone.NewClient(opts(pingone.WithTokenSource(ts))...)
	p.ok("NewClient signed in", err, adminClient)
	info, err := adminClient.UserInfo.Get(ctx, srv.EnvironmentID())
	p.ok("UserInfo.Get", err, info)
	adminEnv := adminClient.Environment(srv.EnvironmentID())
	page, err := adminEnv.Populations.List(ctx, nil)
	p.ok("Populations.List signed in", err, page)
	srv.ExpireTokens()
	page, err = adminEnv.Populations.List(ctx, nil)
	p.ok("Populations.List after expiry (refresh)", err, page)

	// A token store: the file holds the token on purpose; a corrupt file
	// is refused without echoing it.
	store := pingone.FileTokenStore{Path: filepath.Join(t.TempDir(), "token.json")}
	p.ok("FileTokenStore.Save", store.Save(ctx, tok), store)
	_, err = store.Load(ctx) // returns the token on purpose
	p.ok("FileTokenStore.Load", err)
	require.NoError(t, os.WriteFile(store.Path, []byte("not JSON "+tok.AccessToken+" "+tok.RefreshToken), 0o600))
	_, err = store.Load(ctx)
	p.fail("FileTokenStore.Load corrupt", err)
	_, err = pingone.StoredToken(ctx, store)
	p.fail("StoredToken corrupt", err)

	// Refresh refused: bogus tokens.
	bogus := &oauth2.Token{AccessToken: "Leak-bogus-access-0b1d2c", RefreshToken: "Leak-bogus-refresh-77ae1f", Expiry: time.Now().Add(-time.Hour)}
	p.secret("wrong credential", bogus.AccessToken, false)
	p.secret("wrong credential", bogus.RefreshToken, true)
	bogusClient, err := pingone.NewClient(opts(pingone.WithTokenSource(flow.TokenSource(bogus, nil)))...)
	p.ok("NewClient bogus refresh", err, bogusClient)
	_, err = bogusClient.Environment(srv.EnvironmentID()).Populations.List(ctx, nil)
	p.fail("Populations.List refresh refused", err)

	// Wrong client secret, rejected static token, option errors.
	const wrongSecret = "Leak-wrong-client-secret-5c9e"
	p.secret("wrong credential", wrongSecret, false)
	wrong, err := pingone.NewClient(opts(pingone.WithClientCredentials(srv.EnvironmentID(), srv.Worker().ClientID, wrongSecret))...)
	p.ok("NewClient wrong secret", err, wrong)
	_, err = wrong.Environment(srv.EnvironmentID()).Users.List(ctx, nil)
	p.fail("Users.List wrong secret", err)
	wrongPost, err := pingone.NewClient(opts(pingone.WithClientCredentials(srv.EnvironmentID(), srv.Worker().ClientID, wrongSecret), pingone.WithClientSecretPost())...)
	p.ok("NewClient wrong secret (post)", err, wrongPost)
	_, err = wrongPost.Environment(srv.EnvironmentID()).Users.List(ctx, nil)
	p.fail("Users.List wrong secret (post)", err)
	const static = "Leak-static-token-d41f9a"
	p.secret("wrong credential", static, false)
	st, err := pingone.NewClient(opts(pingone.WithStaticToken(static))...)
	p.ok("NewClient static token", err, st)
	_, err = st.Environment(srv.EnvironmentID()).Groups.List(ctx, nil)
	p.fail("Groups.List rejected token", err)
	_, err = st.UserInfo.Get(ctx, srv.EnvironmentID())
	p.fail("UserInfo.Get rejected token", err)
	_, err = pingone.NewClient(pingone.WithStaticToken(static), pingone.WithClientCredentials(srv.EnvironmentID(), srv.Worker().ClientID, srv.Worker().ClientSecret))
	p.fail("NewClient two credentials", err)
	_, err = pingone.NewClient(pingone.WithClientCredentials(srv.EnvironmentID(), "", srv.Worker().ClientSecret))
	p.fail("NewClient no client ID", err)
}

func probeUsers(t *testing.T, p *secretProbe, srv *pingonetest.Server, env *pingone.Environment) *pingone.User {
	ctx := t.Context()
	const initial, set, tooShort, dupPass = "Leak-Initial-Pass-3141", "Leak-Changed-Pass-2718", "Lk-9!q", "Leak-Duplicate-Pass-1618"
	p.secret("user password", initial, true)
	p.secret("user password", set, true)
	p.secret("user password", tooShort, true)
	p.secret("user password", dupPass, true)
	p.secret("user password", "Leak-bad-utf8-pass-6021", false)

	req := pingone.CreateUserRequest{Username: "leaky", Email: "leaky@example.com", Nickname: pingone.Value("Leaky"),
		Password: pingone.InitialPassword{Value: initial, ForceChange: true}}
	u, err := env.Users.Create(ctx, req)
	p.ok("Users.Create with password", err, req, u)
	dup := pingone.CreateUserRequest{Username: "LEAKY", Password: pingone.InitialPassword{Value: dupPass}}
	_, err = env.Users.Create(ctx, dup)
	p.fail("Users.Create duplicate", err, dup)
	bad := pingone.CreateUserRequest{Username: "bad-utf8", Password: pingone.InitialPassword{Value: "\xff\xfeLeak-bad-utf8-pass-6021"}}
	_, err = env.Users.Create(ctx, bad)
	p.fail("Users.Create non-UTF-8 password", err, bad)
	short := pingone.CreateUserRequest{Username: "short-pass", Password: pingone.InitialPassword{Value: tooShort}}
	_, err = env.Users.Create(ctx, short)
	p.fail("Users.Create short password", err, short)

	got, err := env.Users.Get(ctx, u.ID, &pingone.GetUserOptions{Expand: []string{"population"}})
	p.ok("Users.Get", err, got)
	_, err = env.Users.Get(ctx, "7a1e0000-0000-4000-8000-0000000000ff", nil)
	p.fail("Users.Get unknown", err)
	_, err = env.Users.Get(ctx, "", nil)
	p.fail("Users.Get empty ID", err)
	page, err := env.Users.List(ctx, &pingone.ListUsersOptions{Filter: scim.Eq("username", "leaky")})
	p.ok("Users.List", err, page)
	for v, err := range env.Users.ListIter(ctx, nil) {
		p.ok("Users.ListIter", err, v)
	}
	_, err = env.Users.List(ctx, &pingone.ListUsersOptions{Filter: scim.Gt("createdAt", time.Unix(0, 0))})
	p.fail("Users.List bad filter", err)
	upd := pingone.UpdateUserRequest{Title: pingone.Value("Probe")}
	updated, err := env.Users.Update(ctx, u.ID, upd)
	p.ok("Users.Update", err, upd, updated)

	setReq := pingone.SetPasswordRequest{Value: set}
	pw, err := env.Users.SetPassword(ctx, u.ID, setReq)
	p.ok("Users.SetPassword", err, setReq, pw)
	shortSet := pingone.SetPasswordRequest{Value: tooShort, ForceChange: true}
	_, err = env.Users.SetPassword(ctx, u.ID, shortSet)
	p.fail("Users.SetPassword short", err, shortSet)
	_, err = env.Users.SetPassword(ctx, "7a1e0000-0000-4000-8000-0000000000ff", setReq)
	p.fail("Users.SetPassword unknown user", err, setReq)
	state, err := env.Users.GetPassword(ctx, u.ID)
	p.ok("Users.GetPassword", err, state)

	setEnabled, err := env.Users.SetEnabled(ctx, u.ID, true)
	p.ok("Users.SetEnabled", err, setEnabled)
	enabled, err := env.Users.GetEnabled(ctx, u.ID)
	p.ok("Users.GetEnabled", err, enabled)
	popID, err := env.Users.GetPopulation(ctx, u.ID)
	p.ok("Users.GetPopulation", err, popID)
	_, err = env.Users.SetPopulation(ctx, u.ID, "5d3a6a9b-0000-4000-8000-0000000000ff")
	p.fail("Users.SetPopulation unknown", err)
	link, err := env.Users.GetIdentityProvider(ctx, u.ID)
	p.ok("Users.GetIdentityProvider", err, link)
	vs, err := env.Users.GetVerifyStatus(ctx, u.ID)
	p.ok("Users.GetVerifyStatus", err, vs)
	acts, err := collectActivities(ctx, env, &pingone.ListUserActivitiesOptions{})
	p.ok("Users.Activities", err, acts)

	var roleID string
	for ra, err := range env.Users.ListRoleAssignmentsIter(ctx, srv.Admin().UserID, nil) {
		p.ok("Users.ListRoleAssignmentsIter", err, ra)
		if ra.Scope.Type == pingone.ScopeEnvironment {
			roleID = ra.Role.ID
		}
	}
	raReq := pingone.RoleAssignmentRequest{Role: pingone.Ref{ID: roleID}, Scope: pingone.EnvironmentScope(env.ID)}
	ra, err := env.Users.CreateRoleAssignment(ctx, u.ID, raReq)
	p.ok("Users.CreateRoleAssignment", err, raReq, ra)
	_, err = env.Users.CreateRoleAssignment(ctx, u.ID, pingone.RoleAssignmentRequest{Role: pingone.Ref{ID: roleID}, Scope: pingone.ApplicationScope(env.ID)})
	p.fail("Users.CreateRoleAssignment wrong scope", err)
	p.ok("Users.DeleteRoleAssignment", env.Users.DeleteRoleAssignment(ctx, u.ID, ra.ID))

	other, err := env.Users.Create(ctx, pingone.CreateUserRequest{Username: "leaky-2"})
	p.ok("Users.Create", err, other)
	p.ok("Users.Delete", env.Users.Delete(ctx, other.ID))
	p.fail("Users.Delete again", env.Users.Delete(ctx, other.ID))
	return u
}

func probePopulationsAndGroups(t *testing.T, p *secretProbe, env *pingone.Environment, u *pingone.User) {
	ctx := t.Context()
	req := pingone.PopulationRequest{Name: "Leak population", Description: pingone.Value("probe")}
	pop, err := env.Populations.Create(ctx, req)
	p.ok("Populations.Create", err, req, pop)
	_, err = env.Populations.Create(ctx, req)
	p.fail("Populations.Create duplicate", err, req)
	got, err := env.Populations.Get(ctx, pop.ID)
	p.ok("Populations.Get", err, got)
	_, err = env.Populations.Get(ctx, "no-such-population")
	p.fail("Populations.Get unknown", err)
	for v, err := range env.Populations.ListIter(ctx, &pingone.ListPopulationsOptions{ListOptions: pingone.ListOptions{Limit: 1}}) {
		p.ok("Populations.ListIter", err, v)
	}
	req.Description = pingone.Value("replaced")
	replaced, err := env.Populations.Replace(ctx, pop.ID, req)
	p.ok("Populations.Replace", err, req, replaced)
	moved, err := env.Users.SetPopulation(ctx, u.ID, pop.ID)
	p.ok("Users.SetPopulation", err, moved)
	p.fail("Populations.Delete with users", env.Populations.Delete(ctx, pop.ID))
	empty, err := env.Populations.Create(ctx, pingone.PopulationRequest{Name: "Leak empty"})
	p.ok("Populations.Create", err, empty)
	p.ok("Populations.Delete", env.Populations.Delete(ctx, empty.ID))

	greq := pingone.GroupRequest{Name: "Leak group", Description: pingone.Value("probe")}
	g, err := env.Groups.Create(ctx, greq)
	p.ok("Groups.Create", err, greq, g)
	_, err = env.Groups.Create(ctx, greq)
	p.fail("Groups.Create duplicate", err, greq)
	parent, err := env.Groups.Create(ctx, pingone.GroupRequest{Name: "Leak parent"})
	p.ok("Groups.Create", err, parent)
	n, err := env.Groups.AddToParent(ctx, g.ID, parent.ID)
	p.ok("Groups.AddToParent", err, n)
	_, err = env.Groups.AddToParent(ctx, parent.ID, g.ID)
	p.fail("Groups.AddToParent cycle", err)
	parents, err := env.Groups.ListParents(ctx, g.ID, nil)
	p.ok("Groups.ListParents", err, parents)
	m, err := env.Users.AddToGroup(ctx, u.ID, g.ID)
	p.ok("Users.AddToGroup", err, m)
	_, err = env.Users.AddToGroup(ctx, u.ID, g.ID)
	p.fail("Users.AddToGroup again", err)
	groups, err := env.Users.ListGroups(ctx, u.ID, &pingone.ListUserGroupsOptions{ExpandGroup: true})
	p.ok("Users.ListGroups", err, groups)
	gm, err := env.Users.GetGroupMembership(ctx, u.ID, parent.ID, &pingone.GetGroupMembershipOptions{ExpandGroup: true})
	p.ok("Users.GetGroupMembership", err, gm)
	p.fail("Users.RemoveFromGroup indirect", env.Users.RemoveFromGroup(ctx, u.ID, parent.ID))
	p.ok("Users.RemoveFromGroup", env.Users.RemoveFromGroup(ctx, u.ID, g.ID))
	got2, err := env.Groups.Get(ctx, g.ID, &pingone.GetGroupOptions{IncludeTotalMemberCounts: true})
	p.ok("Groups.Get", err, got2)
	greq2 := got2.Request()
	p.record("Group.Request", nil, greq2)
	greq2.Description = pingone.Value("replaced")
	rg, err := env.Groups.Replace(ctx, g.ID, greq2)
	p.ok("Groups.Replace", err, greq2, rg)
	gpage, err := env.Groups.List(ctx, &pingone.ListGroupsOptions{Filter: scim.Sw("name", "Leak")})
	p.ok("Groups.List", err, gpage)
	p.ok("Groups.RemoveFromParent", env.Groups.RemoveFromParent(ctx, g.ID, parent.ID))
	p.ok("Groups.Delete", env.Groups.Delete(ctx, g.ID))
	_, err = env.Groups.Get(ctx, g.ID, nil)
	p.fail("Groups.Get deleted", err)
}

func probeApplications(t *testing.T, p *secretProbe, srv *pingonetest.Server, env *pingone.Environment, garble *garbler) {
	ctx := t.Context()
	req := pingone.NewOIDCApplication("Leak worker", pingone.AppTypeWorker, pingone.OIDCSettingsRequest{
		TokenEndpointAuthMethod: pingone.OIDCAuthClientSecretBasic,
	})
	app, err := env.Applications.Create(ctx, req)
	p.ok("Applications.Create", err, req, app)

	// Secrets: cut short on every attempt, then read; a rotation reset
	// after the server rotated, then read again; rotations kept and not;
	// a 200 whose body is not JSON.
	_, err = env.Applications.GetSecret(ctx, app.ID)
	p.fail("Applications.GetSecret cut", err)
	sec, err := env.Applications.GetSecret(ctx, app.ID)
	p.ok("Applications.GetSecret", err, sec)
	p.secret("application secret", sec.Secret.Reveal(), true)
	keep := &pingone.RotateSecretOptions{PreviousExpiresAt: time.Now().Add(time.Hour)}
	_, err = env.Applications.RotateSecret(ctx, app.ID, keep)
	p.fail("Applications.RotateSecret reset", err, keep)
	sec, err = env.Applications.GetSecret(ctx, app.ID)
	p.ok("Applications.GetSecret after lost rotation", err, sec, sec.Previous)
	p.secret("application secret", sec.Secret.Reveal(), true)
	rotated, err := env.Applications.RotateSecret(ctx, app.ID, keep)
	p.ok("Applications.RotateSecret", err, keep, rotated, rotated.Previous)
	p.secret("application secret", rotated.Secret.Reveal(), true)
	garble.n.Store(1)
	_, err = env.Applications.GetSecret(ctx, app.ID)
	p.fail("Applications.GetSecret not JSON", err)
	p.ok("Applications.DeletePreviousSecret", env.Applications.DeletePreviousSecret(ctx, app.ID))
	p.fail("Applications.DeletePreviousSecret unknown", env.Applications.DeletePreviousSecret(ctx, "no-such-application"))
	_, err = env.Applications.RotateSecret(ctx, app.ID, &pingone.RotateSecretOptions{PreviousExpiresAt: time.Now().Add(40 * 24 * time.Hour)})
	p.fail("Applications.RotateSecret too long", err)
	again, err := env.Applications.RotateSecret(ctx, app.ID, nil)
	p.ok("Applications.RotateSecret", err, again)
	p.secret("application secret", again.Secret.Reveal(), true)

	// The application signs in with its secret: no role yet, then one.
	self, err := pingone.NewClient(pingone.WithBaseURLs(srv.APIURL(), srv.AuthURL()), pingone.WithHTTPClient(p.http), pingone.WithLogger(p.logger),
		pingone.WithClientCredentials(srv.EnvironmentID(), app.OIDC.ClientID, again.Secret.Reveal()),
		pingone.WithPermissionPropagationWindow(0)) // pingonetest applies roles at once here
	p.ok("NewClient application", err, self)
	_, err = self.Environment(srv.EnvironmentID()).Users.List(ctx, nil)
	p.fail("Users.List without a role", err)
	_, err = self.Environment(srv.EnvironmentID()).Applications.GetSecret(ctx, app.ID)
	p.fail("Applications.GetSecret own", err)

	full := app.Request()
	full.Description = pingone.Value("replaced")
	replaced, err := env.Applications.Replace(ctx, app.ID, full)
	p.ok("Applications.Replace", err, full, replaced)
	mreq := pingone.ApplicationAttributeMappingRequest{Name: "email", Value: "${user.email}"}
	mapping, err := env.Applications.CreateAttributeMapping(ctx, app.ID, mreq)
	p.ok("Applications.CreateAttributeMapping", err, mreq, mapping)
	_, err = env.Applications.CreateAttributeMapping(ctx, app.ID, mreq)
	p.fail("Applications.CreateAttributeMapping duplicate", err, mreq)
	mappings, err := env.Applications.ListAttributeMappings(ctx, app.ID, nil)
	p.ok("Applications.ListAttributeMappings", err, mappings)
	for a, err := range env.Applications.ListIter(ctx, &pingone.ListOptions{Limit: 2}) {
		p.ok("Applications.ListIter", err, a)
	}

	// A confidential web application and its sign-in flow: the flow
	// holds the client secret.
	web, err := env.Applications.Create(ctx, pingone.NewOIDCApplication("Leak web", pingone.AppTypeWebApp, pingone.OIDCSettingsRequest{
		TokenEndpointAuthMethod: pingone.OIDCAuthClientSecretBasic,
		GrantTypes:              pingone.Value([]pingone.OIDCGrantType{pingone.OIDCGrantAuthorizationCode, pingone.OIDCGrantRefreshToken}),
		ResponseTypes:           pingone.Value([]pingone.OIDCResponseType{pingone.OIDCResponseCode}),
		RedirectURIs:            pingone.Value([]string{"https://web.example.com/callback"}),
	}))
	p.ok("Applications.Create web", err, web)
	webSec, err := env.Applications.GetSecret(ctx, web.ID)
	p.ok("Applications.GetSecret web", err, webSec)
	p.secret("application secret", webSec.Secret.Reveal(), true)
	cfg := pingone.AuthCodeConfig{AuthURL: srv.AuthURL(), EnvironmentID: srv.EnvironmentID(), ClientID: web.OIDC.ClientID,
		ClientSecret: webSec.Secret, RedirectURL: "https://web.example.com/callback", Scopes: []string{"openid"}}
	flow, err := pingone.NewAuthCodeFlow(cfg)
	p.ok("NewAuthCodeFlow confidential", err, cfg, flow)
	_, err = flow.Exchange(ctx, "not-a-code", pingone.NewVerifier())
	p.fail("AuthCodeFlow.Exchange confidential bad code", err)

	saml, err := env.Applications.Create(ctx, pingone.NewSAMLApplication("Leak SAML", pingone.SAMLSettingsRequest{
		SPEntityID: "urn:leak", ACSURLs: []string{"https://leak.example.com/acs"}, AssertionDuration: 60,
	}))
	p.ok("Applications.Create SAML", err, saml)
	_, err = env.Applications.GetSecret(ctx, saml.ID)
	p.fail("Applications.GetSecret SAML", err)
	p.ok("Applications.Delete", env.Applications.Delete(ctx, app.ID))
	_, err = env.Applications.GetSecret(ctx, app.ID)
	p.fail("Applications.GetSecret deleted", err)
}

func probeRolesPoliciesCertificates(t *testing.T, p *secretProbe, c *pingone.Client, env *pingone.Environment) {
	ctx := t.Context()
	roles, err := c.SystemRoles.List(ctx, nil)
	p.ok("Roles.List", err, roles)
	var orgAdmin string
	for _, r := range roles.Items {
		if r.Name == pingone.RoleOrganizationAdmin {
			orgAdmin = r.ID
		}
	}
	role, err := c.SystemRoles.Get(ctx, orgAdmin)
	p.ok("Roles.Get", err, role)
	_, err = c.SystemRoles.Get(ctx, "no-such-role")
	p.fail("Roles.Get unknown", err)
	creq := pingone.CustomRoleRequest{Name: "Leak reader", Permissions: []pingone.Ref{{ID: "identity:read:user"}}, CanBeAssignedBy: []pingone.Ref{{ID: orgAdmin}}}
	custom, err := env.CustomRoles.Create(ctx, creq)
	p.ok("CustomRoles.Create", err, creq, custom)
	_, err = env.CustomRoles.Create(ctx, creq)
	p.fail("CustomRoles.Create duplicate", err, creq)
	p.ok("CustomRoles.Delete", env.CustomRoles.Delete(ctx, custom.ID))

	pps, err := env.PasswordPolicies.List(ctx, nil)
	p.ok("PasswordPolicies.List", err, pps)
	ppreq := pingone.PasswordPolicyRequest{Name: "Leak policy", Length: pingone.Value(pingone.PasswordLength{Min: 12, Max: 64})}
	pp, err := env.PasswordPolicies.Create(ctx, ppreq)
	p.ok("PasswordPolicies.Create", err, ppreq, pp)
	_, err = env.PasswordPolicies.Create(ctx, pingone.PasswordPolicyRequest{Name: "Leak bad", Length: pingone.Value(pingone.PasswordLength{Min: 0, Max: 1000})})
	p.fail("PasswordPolicies.Create out of range", err)
	p.ok("PasswordPolicies.Delete", env.PasswordPolicies.Delete(ctx, pp.ID))
	sops, err := env.SignOnPolicies.List(ctx, nil)
	p.ok("SignOnPolicies.List", err, sops)
	p.fail("SignOnPolicies.Delete default", env.SignOnPolicies.Delete(ctx, sops.Items[0].ID))
	dreq := emailOnlyPolicy("Leak device policy")
	dp, err := env.DeviceAuthPolicies.Create(ctx, dreq)
	p.ok("DeviceAuthPolicies.Create", err, dreq, dp)
	_, err = env.DeviceAuthPolicies.Get(ctx, "no-such-policy")
	p.fail("DeviceAuthPolicies.Get unknown", err)

	cert := mustCert(t, certSpec{cn: "leak.example.com"})
	ireq := pingone.ImportCertificateRequest{File: cert.PEM(), UsageType: pingone.CertificateUsageSigning}
	imported, err := env.Certificates.Import(ctx, ireq)
	p.ok("Certificates.Import", err, imported)
	_, err = env.Certificates.Import(ctx, pingone.ImportCertificateRequest{File: []byte("not a certificate"), UsageType: pingone.CertificateUsageSigning})
	p.fail("Certificates.Import garbage", err)
	certs, err := env.Certificates.List(ctx, nil)
	p.ok("Certificates.List", err, certs)
}

func probeIdentityProviders(t *testing.T, p *secretProbe, env *pingone.Environment) {
	ctx := t.Context()
	secrets := map[string]string{
		"oidc": "Leak-oidc-client-secret-9f3a", "facebook": "Leak-facebook-app-secret-1c7d", "github": "Leak-github-client-secret-8b2e",
		"apple": "Leak-apple-signing-key-4d6f", "microsoft": "Leak-microsoft-secret-2a9c", "paypal": "Leak-paypal-secret-6e1b",
		"oidc-replaced": "Leak-oidc-replaced-secret-3f8d", "oidc-refused": "Leak-oidc-refused-secret-7c4a",
	}
	for _, s := range secrets {
		p.secret("identity provider secret", s, true)
	}
	reqs := []pingone.IdentityProviderRequest{
		{Name: "Leak OIDC", Enabled: true, OIDC: new(idpOIDCSettings(secrets["oidc"]))},
		{Name: "Leak Facebook", Enabled: true, Facebook: &pingone.IdentityProviderFacebookSettings{AppID: "fb", AppSecret: pingone.NewSecret(secrets["facebook"])}},
		{Name: "Leak GitHub", Enabled: true, Type: pingone.IdentityProviderTypeGitHub, Social: &pingone.IdentityProviderSocialSettings{ClientID: "gh", ClientSecret: pingone.NewSecret(secrets["github"])}},
		{Name: "Leak Apple", Apple: &pingone.IdentityProviderAppleSettings{ClientID: "com.example", ClientSecretSigningKey: pingone.NewSecret(secrets["apple"]), KeyID: "K", TeamID: "T"}},
		{Name: "Leak Microsoft", Enabled: true, Microsoft: &pingone.IdentityProviderMicrosoftSettings{ClientID: "ms", ClientSecret: pingone.NewSecret(secrets["microsoft"]), TenantID: pingone.Value("tenant")}},
		{Name: "Leak PayPal", Enabled: true, PayPal: &pingone.IdentityProviderPayPalSettings{ClientID: "pp", ClientSecret: pingone.NewSecret(secrets["paypal"]), ClientEnvironment: "sandbox"}},
		{Name: "Leak SAML", Enabled: true, SAML: new(idpSAMLSettings())},
	}
	var oidc *pingone.IdentityProvider
	for i, req := range reqs {
		idp, err := env.IdentityProviders.Create(ctx, req, &pingone.CreateIdentityProviderOptions{ExpandAttributes: i == 0})
		p.ok("IdentityProviders.Create "+req.Name, err, req, idp)
		if i == 0 {
			oidc = idp
		}
	}
	_, err := env.IdentityProviders.Replace(ctx, "no-such-provider", reqs[0])
	p.fail("IdentityProviders.Replace unknown", err, reqs[0])
	refused := idpOIDCSettings(secrets["oidc-refused"])
	refused.Issuer = ""
	refused.TokenEndpoint = "not a URL"
	rreq := pingone.IdentityProviderRequest{Name: "Leak refused", Enabled: true, OIDC: &refused}
	_, err = env.IdentityProviders.Create(ctx, rreq, nil)
	p.fail("IdentityProviders.Create invalid", err, rreq)

	got, err := env.IdentityProviders.Get(ctx, oidc.ID)
	p.ok("IdentityProviders.Get", err, got)
	greq := got.Request()
	p.record("IdentityProvider.Request", nil, greq)
	settings := idpOIDCSettings(secrets["oidc-replaced"])
	greq.OIDC = &settings
	replaced, err := env.IdentityProviders.Replace(ctx, oidc.ID, greq)
	p.ok("IdentityProviders.Replace", err, greq, replaced)
	for v, err := range env.IdentityProviders.ListIter(ctx, nil) {
		p.ok("IdentityProviders.ListIter", err, v)
	}
	areq := pingone.IdentityProviderAttributeRequest{Name: "email", Value: "${providerAttributes.email}", Update: pingone.IdentityProviderUpdateAlways}
	attr, err := env.IdentityProviders.CreateAttribute(ctx, oidc.ID, areq)
	p.ok("IdentityProviders.CreateAttribute", err, areq, attr)
	_, err = env.IdentityProviders.CreateAttribute(ctx, oidc.ID, areq)
	p.fail("IdentityProviders.CreateAttribute duplicate", err, areq)
	attrs, err := env.IdentityProviders.ListAttributes(ctx, oidc.ID, nil)
	p.ok("IdentityProviders.ListAttributes", err, attrs)
	_, err = env.IdentityProviders.Get(ctx, "no-such-provider")
	p.fail("IdentityProviders.Get unknown", err)
	p.ok("IdentityProviders.Delete", env.IdentityProviders.Delete(ctx, oidc.ID))
}

func probeMFA(t *testing.T, p *secretProbe, env *pingone.Environment, u *pingone.User) {
	ctx := t.Context()
	on, err := env.MFA.SetMFAEnabled(ctx, u.ID, true)
	p.ok("MFA.SetMFAEnabled", err, on)
	req := pingone.TOTPDevice()
	totp, err := env.MFA.PairDevice(ctx, u.ID, req)
	p.ok("MFA.PairDevice TOTP", err, req, totp, totp.TOTP)
	require.NotNil(t, totp.TOTP)
	p.secret("TOTP secret", totp.TOTP.Secret.Reveal(), true)
	p.secret("TOTP key URI", totp.TOTP.KeyURI.Reveal(), true)
	email := pingone.EmailDevice("leaky@example.com")
	_, err = env.MFA.PairDevice(ctx, u.ID, email)
	p.fail("MFA.PairDevice 500", err, email)
	dev, err := env.MFA.PairDevice(ctx, u.ID, email)
	p.ok("MFA.PairDevice email", err, email, dev)
	_, err = env.MFA.PairDevice(ctx, u.ID, pingone.SMSDevice("4155550100"))
	p.fail("MFA.PairDevice invalid", err)
	got, err := env.MFA.GetDevice(ctx, u.ID, totp.ID)
	p.ok("MFA.GetDevice", err, got)
	devices, err := env.MFA.ListDevices(ctx, u.ID, nil)
	p.ok("MFA.ListDevices", err, devices)
	renamed, err := env.MFA.SetDeviceNickname(ctx, u.ID, dev.ID, "Leak phone")
	p.ok("MFA.SetDeviceNickname", err, renamed)
	p.ok("MFA.DeleteDevice", env.MFA.DeleteDevice(ctx, u.ID, totp.ID))
	_, err = env.MFA.GetDevice(ctx, u.ID, totp.ID)
	p.fail("MFA.GetDevice deleted", err)
	_, err = env.MFA.ListDevices(ctx, "7a1e0000-0000-4000-8000-0000000000ff", nil)
	p.fail("MFA.ListDevices unknown user", err)
}

// TestSecretScanFindsPlantedLeaks checks the scanner on its own: a secret
// in any of its spellings is found, a near miss is not.
func TestSecretScanFindsPlantedLeaks(t *testing.T) {
	t.Parallel()
	secrets := []leakSecret{{what: "token", value: "abc-DEF_123xyz"}, {what: "uri", value: "otpauth://totp/x?secret=K&issuer=<P>"}}
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("x", "uri", secrets[1].value)
	hits := scanForSecrets(secrets, []leakArtifact{
		{"fmt", fmt.Sprintf("%+v", struct{ T, U string }{secrets[0].value, secrets[1].value})},
		{"json", buf.String()},
		{"quoted", strconv.Quote(secrets[1].value)},
		{"clean", "abc-DEF_123xy and otpauth://totp/x"},
	})
	var where []string
	for _, h := range hits {
		assert.NotContains(t, h.excerpt, "abc-DEF", "the excerpt hides the secrets")
		assert.NotContains(t, h.excerpt, "secret=K", "the excerpt hides the secrets")
		where = append(where, h.what+" in "+h.where)
	}
	assert.Equal(t, []string{"token in fmt", "uri in fmt", "uri in json", "uri in quoted"}, where)
	assert.Equal(t, "{T:«token» U:«uri»}", hits[0].excerpt)
}
