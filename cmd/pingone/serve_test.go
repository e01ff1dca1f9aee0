package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pingone-go/pingone/pingonetest"
)

// served is a `pingone serve` running in-process on a free loopback port,
// against the cli's pingonetest server.
type served struct {
	t      *testing.T
	c      *cli
	base   string // http://127.0.0.1:port
	key    string // the API key it printed
	stderr *lockedBuffer
}

// lockedBuffer is stderr, written by the server's goroutines and read by
// the test.
type lockedBuffer struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	notify chan struct{}
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	n, err := b.buf.Write(p)
	select {
	case b.notify <- struct{}{}:
	default:
	}
	return n, err
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

var (
	bannerURL = regexp.MustCompile(`Playground:\s+(http://\S+)/\n`)
	bannerKey = regexp.MustCompile(`\n\s+(pingone_key_[A-Za-z0-9_-]+)\n`)
)

// startServe runs pingone serve with args (after serve --addr
// 127.0.0.1:0 --client-id <the seeded CLI application>) until the test
// ends, and returns once it has printed its banner.
func startServe(t *testing.T, c *cli, args ...string) *served {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stderr := &lockedBuffer{notify: make(chan struct{}, 1)}
	a := &app{
		in: strings.NewReader(""), out: io.Discard, errw: stderr, errWidth: 100,
		getenv:        func(k string) string { return c.env[k] },
		clientOptions: c.opts,
	}
	done := make(chan int, 1)
	full := append([]string{"serve", "--addr", "127.0.0.1:0", "--client-id", c.srv.CLIClientID()}, args...)
	go func() { done <- a.run(ctx, full) }()
	t.Cleanup(func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("pingone serve exited %d\n%s", code, stderr.String())
		}
	})
	s := &served{t: t, c: c, stderr: stderr}
	for {
		out := stderr.String()
		if m := bannerURL.FindStringSubmatch(out); m != nil && strings.Contains(out, "API key") {
			s.base = m[1]
			if k := bannerKey.FindStringSubmatch(out); k != nil {
				s.key = k[1]
			}
			return s
		}
		select {
		case <-stderr.notify:
		case code := <-done:
			done <- code
			t.Fatalf("pingone serve exited %d before serving:\n%s", code, out)
		case <-t.Context().Done():
			t.Fatal("the test ended before pingone serve started")
		}
	}
}

// request sends a request to the server; body is JSON-encoded unless it
// is a string or nil.
func (s *served) request(client *http.Client, method, path string, body any, header http.Header) (*http.Response, []byte) {
	s.t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			s.t.Fatal(err)
		}
		r = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(s.t.Context(), method, s.base+path, r)
	if err != nil {
		s.t.Fatal(err)
	}
	if body != nil {
		if _, isString := body.(string); !isString {
			req.Header.Set("Content-Type", "application/json")
		}
	}
	for k, v := range header {
		req.Header[k] = v
	}
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		s.t.Fatal(err)
	}
	return resp, data
}

// withKey is the header of the API key's holder.
func (s *served) withKey(more ...string) http.Header {
	h := http.Header{"Authorization": {"Bearer " + s.key}}
	for i := 0; i+1 < len(more); i += 2 {
		h.Set(more[i], more[i+1])
	}
	return h
}

// rpcError is an error answer of the server.
type rpcError struct {
	Kind          string `json:"kind"`
	Message       string `json:"message"`
	Field         string `json:"field"`
	Status        int    `json:"status"`
	Code          string `json:"code"`
	ErrorID       string `json:"errorId"`
	CorrelationID string `json:"correlationId"`
	Details       []struct {
		Code, Target, Message string
	} `json:"details"`
	httpStatus int
}

func (e *rpcError) Error() string {
	return fmt.Sprintf("HTTP %d: %s: %s (code %s, field %s)", e.httpStatus, e.Kind, e.Message, e.Code, e.Field)
}

// decodeError decodes an error answer, failing the test when it is not
// one.
func decodeError(t *testing.T, resp *http.Response, data []byte) *rpcError {
	t.Helper()
	var env struct {
		Error *rpcError `json:"error"`
	}
	if err := json.Unmarshal(data, &env); err != nil || env.Error == nil || env.Error.Kind == "" || env.Error.Message == "" {
		t.Fatalf("HTTP %d: not a structured error: %s", resp.StatusCode, data)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("error answer of type %q", ct)
	}
	env.Error.httpStatus = resp.StatusCode
	return env.Error
}

// signInSession signs the seeded administrator in through the server's
// "Sign in with PingOne" (the browser's part done with a cookie jar and
// the sign-in form) and returns the browser's client and the session's
// CSRF token.
func (s *served) signInSession() (*http.Client, string) {
	s.t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		s.t.Fatal(err)
	}
	browser := &http.Client{Jar: jar}
	resp, page := s.request(browser, "GET", "/signin", nil, nil)
	if resp.StatusCode != 200 || !strings.Contains(resp.Request.URL.Path, "/as/authorize") {
		s.t.Fatalf("GET /signin ended at %s (%d): %s", resp.Request.URL, resp.StatusCode, page)
	}
	m := formAction.FindSubmatch(page)
	if m == nil {
		s.t.Fatalf("the sign-in page has no form: %s", page)
	}
	action, err := resp.Request.URL.Parse(html.UnescapeString(string(m[1])))
	if err != nil {
		s.t.Fatal(err)
	}
	form := url.Values{}
	for _, h := range hiddenPair.FindAllSubmatch(page, -1) {
		form.Set(html.UnescapeString(string(h[1])), html.UnescapeString(string(h[2])))
	}
	admin := s.c.srv.Admin()
	form.Set("username", admin.Username)
	form.Set("password", admin.Password)
	req, err := http.NewRequestWithContext(s.t.Context(), "POST", action.String(), strings.NewReader(form.Encode()))
	if err != nil {
		s.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err = browser.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Request.URL.String() != s.base+"/" || !strings.Contains(string(body), `id="app"`) {
		s.t.Fatalf("sign-in ended at %s (%d), not on the Playground: %s", resp.Request.URL, resp.StatusCode, body)
	}
	resp, data := s.request(browser, "GET", "/v1/session", nil, nil)
	var who struct {
		Auth, User, CSRFToken string
	}
	if resp.StatusCode != 200 || json.Unmarshal(data, &who) != nil || who.Auth != "session" || who.CSRFToken == "" {
		s.t.Fatalf("GET /v1/session: %d %s", resp.StatusCode, data)
	}
	return browser, who.CSRFToken
}

// TestServeRefusesWithoutSessionOrKey: every route but the sign-in
// answers 401 without a session or the key, and 401 with a wrong key.
func TestServeRefusesWithoutSessionOrKey(t *testing.T) {
	t.Parallel()
	s := startServe(t, newCLI(t))
	routes := []struct{ method, path string }{
		{"GET", "/v1/actions"},
		{"GET", "/v1/actions/list_users"},
		{"POST", "/v1/actions/list_users"},
		{"POST", "/v1/actions/delete_population"},
		{"GET", "/v1/session"},
		{"POST", "/signout"},
		{"GET", "/assets/playground.js"},
		{"POST", "/mcp"},
		{"GET", "/mcp"},
		{"GET", "/no/such/route"},
	}
	for _, r := range routes {
		for _, h := range []http.Header{nil, {"Authorization": {"Bearer pingone_key_wrong"}}, {"Authorization": {"Basic YTpi"}}} {
			var body any
			if r.method == "POST" {
				body = map[string]any{}
			}
			resp, data := s.request(nil, r.method, r.path, body, h)
			if resp.StatusCode != http.StatusUnauthorized {
				t.Errorf("%s %s (%v): %d, want 401: %s", r.method, r.path, h, resp.StatusCode, data)
				continue
			}
			if e := decodeError(t, resp, data); e.Kind != "unauthorized" {
				t.Errorf("%s %s: %+v", r.method, r.path, e)
			}
			if resp.Header.Get("WWW-Authenticate") == "" {
				t.Errorf("%s %s: no WWW-Authenticate", r.method, r.path)
			}
		}
	}
	// The sign-in page itself answers: it is how one gets a session; it
	// says nothing of the catalogue.
	resp, page := s.request(nil, "GET", "/", nil, nil)
	if resp.StatusCode != 200 || !strings.Contains(string(page), `href="/signin"`) || strings.Contains(string(page), "list_users") {
		t.Errorf("GET / without a session: %d %s", resp.StatusCode, page)
	}
	// The key never reaches the log, nor a token.
	if strings.Contains(s.stderr.String()[strings.Index(s.stderr.String(), s.key)+len(s.key):], s.key) {
		t.Error("the API key was printed more than once")
	}
}

// TestServeAPIKeyStoredHashed: the key is printed once and stored as its
// SHA-256; a second start prints no key and takes the first one;
// --rotate-key replaces it.
func TestServeAPIKeyStoredHashed(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	first := startServe(t, c)
	if first.key == "" {
		t.Fatalf("no API key printed:\n%s", first.stderr)
	}
	stored, err := os.ReadFile(filepath.Join(c.dir, "serve", "default.key.json"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(stored, []byte(first.key)) || !bytes.Contains(stored, []byte(`"sha256"`)) {
		t.Errorf("the key file holds %s", stored)
	}
	second := startServe(t, c)
	if second.key != "" {
		t.Errorf("a second start printed a key")
	}
	if resp, data := second.request(nil, "GET", "/v1/actions/get_user", nil, first.withKey()); resp.StatusCode != 200 {
		t.Errorf("the first key on the second start: %d %s", resp.StatusCode, data)
	}
	rotated := startServe(t, c, "--rotate-key")
	if rotated.key == "" || rotated.key == first.key {
		t.Fatalf("--rotate-key printed %q", rotated.key)
	}
	if resp, _ := rotated.request(nil, "GET", "/v1/actions", nil, first.withKey()); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("the old key after --rotate-key: %d", resp.StatusCode)
	}
	if resp, _ := rotated.request(nil, "GET", "/v1/actions", nil, rotated.withKey()); resp.StatusCode != 200 {
		t.Errorf("the new key: %d", resp.StatusCode)
	}
}

// TestServeCrossSiteRefused: a cross-site form post is refused with 403,
// with the session's cookie or the key; a same-site post from the session
// without its CSRF token too.
func TestServeCrossSiteRefused(t *testing.T) {
	t.Parallel()
	s := startServe(t, newCLI(t))
	browser, csrf := s.signInSession()
	form := "csrf_token=" + url.QueryEscape(csrf)
	for _, path := range []string{"/signout", "/v1/actions/list_users", "/v1/actions/delete_population"} {
		for _, h := range []http.Header{
			{"Content-Type": {"application/x-www-form-urlencoded"}, "Sec-Fetch-Site": {"cross-site"}, "Origin": {"https://evil.example"}},
			{"Content-Type": {"application/x-www-form-urlencoded"}, "Origin": {"https://evil.example"}},
			{"Content-Type": {"text/plain"}, "Sec-Fetch-Site": {"cross-site"}, "Authorization": {"Bearer " + s.key}},
		} {
			resp, data := s.request(browser, "POST", path, form, h)
			if resp.StatusCode != http.StatusForbidden {
				t.Errorf("cross-site POST %s (%v): %d, want 403: %s", path, h, resp.StatusCode, data)
				continue
			}
			if e := decodeError(t, resp, data); e.Kind != "cross_origin" {
				t.Errorf("cross-site POST %s: %+v", path, e)
			}
		}
		// Same origin, but no CSRF token: refused too.
		resp, data := s.request(browser, "POST", path, map[string]any{}, http.Header{"Sec-Fetch-Site": {"same-origin"}})
		if resp.StatusCode != http.StatusForbidden || decodeError(t, resp, data).Kind != "csrf" {
			t.Errorf("POST %s without the CSRF token: %d %s", path, resp.StatusCode, data)
		}
	}
	// The session is still there (the cross-site sign-out did nothing).
	if resp, data := s.request(browser, "GET", "/v1/session", nil, nil); resp.StatusCode != 200 {
		t.Errorf("the session after the refused posts: %d %s", resp.StatusCode, data)
	}
	// A request for another Host (DNS rebinding) is refused.
	req, _ := http.NewRequestWithContext(t.Context(), "GET", s.base+"/v1/actions", nil)
	req.Host = "evil.example"
	req.Header.Set("Authorization", "Bearer "+s.key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("another Host: %d", resp.StatusCode)
	}
}

// TestServeLinkAccount: sign in with PingOne (authorization code, PKCE,
// state) makes a session whose cookie is HttpOnly and SameSite and holds
// no token; its calls run as the administrator; sign-out ends it.
func TestServeLinkAccount(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	s := startServe(t, c)
	browser, csrf := s.signInSession()

	u, _ := url.Parse(s.base)
	cookies := browser.Jar.Cookies(u)
	if len(cookies) != 1 || cookies[0].Name != "pingone_session" {
		t.Fatalf("cookies after sign-in: %v", cookies)
	}
	// The jar does not keep the attributes: ask for them on a new sign-in.
	noFollow := &http.Client{Jar: browser.Jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, _ := s.request(noFollow, "GET", "/signin", nil, nil)
	setCookie := resp.Header.Get("Set-Cookie")
	if resp.StatusCode != http.StatusFound || !strings.Contains(setCookie, "HttpOnly") || !strings.Contains(setCookie, "SameSite=Lax") || !strings.Contains(setCookie, "Path=/callback") {
		t.Errorf("GET /signin: %d, Set-Cookie %q", resp.StatusCode, setCookie)
	}
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	q := loc.Query()
	if q.Get("state") == "" || q.Get("code_challenge") == "" || q.Get("code_challenge_method") != "S256" || q.Get("redirect_uri") != s.base+"/callback" {
		t.Errorf("the authorization request: %s", loc)
	}

	// The session runs actions as the administrator: userinfo names them.
	hdr := http.Header{headerCSRF: {csrf}}
	resp, data := s.request(browser, "POST", "/v1/actions/get_current_user_info", map[string]any{}, hdr)
	var claims map[string]any
	if resp.StatusCode != 200 || json.Unmarshal(data, &claims) != nil || claims["sub"] != c.srv.Admin().UserID {
		t.Fatalf("get_current_user_info as the session: %d %s", resp.StatusCode, data)
	}
	// No answer carries a token.
	for _, p := range []string{"/", "/v1/session"} {
		_, body := s.request(browser, "GET", p, nil, nil)
		if bytes.Contains(body, []byte("access_token")) || bytes.Contains(body, []byte("eyJ")) {
			t.Errorf("GET %s shows a token: %s", p, body)
		}
	}
	// A callback whose state was not issued to this browser is refused.
	resp, _ = s.request(browser, "GET", "/callback?code=x&state=forged", nil, nil)
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("a forged callback: %d", resp.StatusCode)
	}

	// Sign out: the session is gone, and PingOne revoked its tokens (the
	// refresh token, then the access token).
	resp, data = s.request(browser, "POST", "/signout", map[string]any{}, hdr)
	if resp.StatusCode != 200 {
		t.Fatalf("sign-out: %d %s", resp.StatusCode, data)
	}
	if got := c.srv.Stats().RouteStatuses["POST /{envID}/as/revoke"]; got[200] != 2 || len(got) != 1 {
		t.Errorf("revocations at sign-out: %v, want 2 answered 200", got)
	}
	jar, _ := cookiejar.New(nil)
	jar.SetCookies(u, cookies) // the old cookie, replayed
	replay := &http.Client{Jar: jar}
	resp, data = s.request(replay, "POST", "/v1/actions/list_users", map[string]any{}, hdr)
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("the signed-out session's cookie: %d %s", resp.StatusCode, data)
	}
}

// TestServeSessionRefresh: a session outlives its access token: when
// PingOne refuses the expired token, the server renews it with the
// (rotating) refresh token and the call goes through. pingonetest's clock
// moves on an hour (the tokens' lifetime) and a minute.
func TestServeSessionRefresh(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	now := time.Now()
	clock := func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		return now
	}
	c := newCLI(t, pingonetest.WithClock(clock), pingonetest.WithTokenTTL(time.Hour))
	s := startServe(t, c)
	browser, csrf := s.signInSession()
	const token = "POST /{envID}/as/token"
	call := func(when string) {
		t.Helper()
		resp, data := s.request(browser, "POST", "/v1/actions/list_users", map[string]any{"limit": 1}, http.Header{headerCSRF: {csrf}})
		if resp.StatusCode != 200 {
			t.Fatalf("list_users as the session, %s: %d %s", when, resp.StatusCode, data)
		}
	}
	call("at once")
	signedIn := c.srv.Stats().Requests[token]
	for i := range 2 {
		mu.Lock()
		now = now.Add(time.Hour + time.Minute)
		mu.Unlock()
		call(fmt.Sprintf("after %d expiries", i+1))
	}
	if renewed := c.srv.Stats().Requests[token] - signedIn; renewed != 2 {
		t.Errorf("%d token renewals for 2 expiries", renewed)
	}
	if st := c.srv.Stats().RouteStatuses[token]; st[400] != 0 || st[401] != 0 {
		t.Errorf("token endpoint refusals: %v", st)
	}
}

// TestSessionStoreExpiry: sessions and pending sign-ins expire, and the
// store is bounded.
func TestSessionStoreExpiry(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	st := newSessionStore(time.Hour, func() time.Time { return now })
	s := &session{user: "ada"}
	id, err := st.add(s)
	if err != nil {
		t.Fatal(err)
	}
	if st.get(id) != s || st.get("other") != nil {
		t.Fatal("get")
	}
	now = now.Add(59 * time.Minute)
	if st.get(id) != s {
		t.Error("the session ended before its expiry")
	}
	now = now.Add(time.Minute)
	if st.get(id) != nil || st.count() != 0 {
		t.Error("the session outlived its expiry")
	}

	pid, err := st.startSignIn(&pendingSignIn{state: "s", verifier: "v"})
	if err != nil {
		t.Fatal(err)
	}
	if p := st.takeSignIn(pid); p == nil || p.state != "s" {
		t.Fatalf("takeSignIn: %v", p)
	}
	if st.takeSignIn(pid) != nil {
		t.Error("a pending sign-in was taken twice")
	}
	pid, _ = st.startSignIn(&pendingSignIn{state: "s2"})
	now = now.Add(pendingTTL)
	if st.takeSignIn(pid) != nil {
		t.Error("an expired pending sign-in was taken")
	}

	for range maxPending {
		if _, err := st.startSignIn(&pendingSignIn{}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.startSignIn(&pendingSignIn{}); !errors.Is(err, errTooMany) {
		t.Errorf("sign-in %d: %v", maxPending+1, err)
	}
	now = now.Add(pendingTTL)
	if _, err := st.startSignIn(&pendingSignIn{}); err != nil {
		t.Errorf("after the pending ones expired: %v", err)
	}
}

// The sign-in page's form, as a browser reads it (signInSession posts it
// with the browser's cookie jar and follows it back to the Playground,
// which pingonetest.SubmitSignIn does not).
var (
	formAction = regexp.MustCompile(`<form[^>]*action="([^"]+)"`)
	hiddenPair = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)
)
