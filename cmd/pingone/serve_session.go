package main

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/pingone-go/pingone"
	"golang.org/x/oauth2"
)

// Link Account: "Sign in with PingOne" for the Playground.
//
// GET /signin makes a pending sign-in (state and PKCE verifier, kept here,
// keyed by a short-lived cookie scoped to /callback) and sends the browser
// to PingOne's sign-in page. GET /callback takes the pending sign-in of
// that browser, checks the state in constant time, exchanges the code with
// the verifier, and makes a session: its token stays in this process
// (never sent to the browser) and is renewed with its refresh token as
// needed; the browser holds only a random session ID, in an HttpOnly,
// SameSite=Lax cookie (Secure over https). POST /signout ends the session
// and revokes its tokens at PingOne.
//
// Sessions live in memory (a restart signs everybody out) and last
// --session-ttl from sign-in, or until PingOne refuses to renew the token.
// The store holds at most maxSessions sessions and maxPending sign-ins in
// progress (each expires after pendingTTL); expired ones are swept as new
// ones come. IDs are stored as their SHA-256, so a lookup compares no
// secret.

const (
	maxSessions = 1000
	maxPending  = 256
	pendingTTL  = 10 * time.Minute
	// pendingCookie carries a pending sign-in to the callback.
	pendingCookie = "pingone_signin"
)

// session is one person signed in through the Playground.
type session struct {
	key       [sha256.Size]byte // SHA-256 of the cookie's value
	csrf      string
	user      string // who, for the page: preferred_username, email or sub
	env       string // the environment the calls manage
	signInEnv string
	client    *pingone.Client
	tokens    *memoryTokenStore // the latest token, for revocation
	expires   time.Time
}

type pendingSignIn struct {
	state, verifier string
	expires         time.Time
}

type sessionStore struct {
	ttl time.Duration
	now func() time.Time

	mu       sync.Mutex
	sessions map[[sha256.Size]byte]*session
	pending  map[[sha256.Size]byte]*pendingSignIn
}

func newSessionStore(ttl time.Duration, now func() time.Time) *sessionStore {
	return &sessionStore{ttl: ttl, now: now,
		sessions: map[[sha256.Size]byte]*session{}, pending: map[[sha256.Size]byte]*pendingSignIn{}}
}

var errTooMany = errors.New("too many sessions or sign-ins in progress: try again later")

// randomToken returns 32 random bytes, base64url-encoded.
func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // never fails (crypto/rand panics rather)
	return base64.RawURLEncoding.EncodeToString(b)
}

func hashID(id string) [sha256.Size]byte { return sha256.Sum256([]byte(id)) }

// sweep drops what has expired (s.mu held).
func (st *sessionStore) sweep(now time.Time) {
	for k, p := range st.pending {
		if !now.Before(p.expires) {
			delete(st.pending, k)
		}
	}
	for k, s := range st.sessions {
		if !now.Before(s.expires) {
			delete(st.sessions, k)
		}
	}
}

// startSignIn records a pending sign-in and returns its cookie value.
func (st *sessionStore) startSignIn(p *pendingSignIn) (string, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	now := st.now()
	st.sweep(now)
	if len(st.pending) >= maxPending {
		return "", errTooMany
	}
	id := randomToken()
	p.expires = now.Add(pendingTTL)
	st.pending[hashID(id)] = p
	return id, nil
}

// takeSignIn returns and forgets the pending sign-in of a cookie value
// (nil when there is none, or it has expired).
func (st *sessionStore) takeSignIn(id string) *pendingSignIn {
	st.mu.Lock()
	defer st.mu.Unlock()
	k := hashID(id)
	p := st.pending[k]
	delete(st.pending, k)
	if p == nil || !st.now().Before(p.expires) {
		return nil
	}
	return p
}

// add stores a new session and returns its cookie value.
func (st *sessionStore) add(s *session) (string, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	now := st.now()
	st.sweep(now)
	if len(st.sessions) >= maxSessions {
		return "", errTooMany
	}
	id := randomToken()
	s.key = hashID(id)
	s.csrf = randomToken()
	s.expires = now.Add(st.ttl)
	st.sessions[s.key] = s
	return id, nil
}

// get returns the session of a cookie value, if it exists and has not
// expired.
func (st *sessionStore) get(id string) *session {
	st.mu.Lock()
	defer st.mu.Unlock()
	k := hashID(id)
	s := st.sessions[k]
	if s == nil {
		return nil
	}
	if !st.now().Before(s.expires) {
		delete(st.sessions, k)
		return nil
	}
	return s
}

// end forgets a session; it reports whether it was there.
func (st *sessionStore) end(s *session) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.sessions[s.key] != s {
		return false
	}
	delete(st.sessions, s.key)
	return true
}

func (st *sessionStore) clear() {
	st.mu.Lock()
	defer st.mu.Unlock()
	clear(st.sessions)
	clear(st.pending)
}

func (st *sessionStore) count() int {
	st.mu.Lock()
	defer st.mu.Unlock()
	return len(st.sessions)
}

// memoryTokenStore keeps a session's latest token (the refresh token
// rotates), so that sign-out can revoke it. It never leaves the process.
type memoryTokenStore struct {
	mu  sync.Mutex
	tok *oauth2.Token
}

func (m *memoryTokenStore) Load(context.Context) (*oauth2.Token, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.tok, nil
}

func (m *memoryTokenStore) Save(_ context.Context, tok *oauth2.Token) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.tok = tok
	return nil
}

// session returns the request's session, if any.
func (s *server) session(r *http.Request) *session {
	c, err := r.Cookie(s.cookie)
	if err != nil || c.Value == "" {
		return nil
	}
	return s.sessions.get(c.Value)
}

func (s *server) setCookie(w http.ResponseWriter, name, value, path string, maxAge time.Duration) {
	http.SetCookie(w, &http.Cookie{
		Name: name, Value: value, Path: path, MaxAge: int(maxAge.Seconds()),
		HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode,
	})
}

func (s *server) clearCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: s.cookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode})
}

// signInStart sends the browser to PingOne's sign-in page.
func (s *server) signInStart(w http.ResponseWriter, r *http.Request) {
	si := s.cfg.signIn
	if si == nil {
		s.page(w, http.StatusServiceUnavailable, "Sign-in is not set up",
			"This server has no sign-in application: start pingone serve with --client-id, or run pingone login first. The Actions RPC still works with the API key.")
		return
	}
	p := &pendingSignIn{state: pingone.NewState(), verifier: pingone.NewVerifier()}
	id, err := s.sessions.startSignIn(p)
	if err != nil {
		s.page(w, http.StatusServiceUnavailable, "Try again later", err.Error())
		return
	}
	s.setCookie(w, pendingCookie, id, "/callback", pendingTTL)
	http.Redirect(w, r, si.flow.AuthCodeURL(p.state, p.verifier), http.StatusFound)
}

// callback completes the sign-in and makes the session.
func (s *server) callback(w http.ResponseWriter, r *http.Request) {
	si := s.cfg.signIn
	if si == nil {
		s.page(w, http.StatusServiceUnavailable, "Sign-in is not set up", "This server has no sign-in application.")
		return
	}
	q := r.URL.Query()
	var p *pendingSignIn
	if c, err := r.Cookie(pendingCookie); err == nil {
		p = s.sessions.takeSignIn(c.Value)
	}
	// The pending sign-in is used once, whatever happens next.
	s.setCookie(w, pendingCookie, "", "/callback", -time.Second)
	if p == nil || subtle.ConstantTimeCompare([]byte(q.Get("state")), []byte(p.state)) != 1 {
		s.page(w, http.StatusBadRequest, "Sign-in refused",
			"This answer does not match a sign-in started in this browser (or it took longer than 10 minutes). Sign in again.")
		return
	}
	if e := q.Get("error"); e != "" {
		s.page(w, http.StatusUnauthorized, "Sign-in failed", "PingOne said: "+oneLine(e+": "+q.Get("error_description")))
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 30*time.Second)
	defer cancel()
	tok, err := si.flow.Exchange(ctx, q.Get("code"), p.verifier)
	if err != nil {
		s.cfg.log.Warn("sign-in: the code exchange failed", "error", oneLine(err.Error()))
		s.page(w, http.StatusBadGateway, "Sign-in failed", "PingOne did not accept the sign-in. Sign in again.")
		return
	}
	store := &memoryTokenStore{tok: tok}
	opts := append(append([]pingone.Option{}, si.hostOptions...), s.cfg.clientOptions...)
	opts = append(opts, pingone.WithTokenSource(si.flow.TokenSource(tok, store)))
	c, err := pingone.NewClient(opts...)
	if err != nil {
		s.page(w, http.StatusInternalServerError, "Sign-in failed", oneLine(err.Error()))
		return
	}
	sess := &session{user: "an administrator", env: si.managed, signInEnv: si.environment, client: c, tokens: store}
	if info, err := c.UserInfo.Get(ctx, si.environment); err == nil {
		for _, who := range []string{info.PreferredUsername, info.Email, info.Subject} {
			if who != "" {
				sess.user = who
				break
			}
		}
	}
	id, err := s.sessions.add(sess)
	if err != nil {
		s.revoke(context.WithoutCancel(r.Context()), store)
		s.page(w, http.StatusServiceUnavailable, "Try again later", err.Error())
		return
	}
	s.setCookie(w, s.cookie, id, "/", s.cfg.sessionTTL)
	s.cfg.log.Info("signed in", "user", sess.user)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// signOut ends the session and revokes its tokens at PingOne.
func (s *server) signOut(w http.ResponseWriter, r *http.Request, p principal) {
	if p.sess == nil {
		writeErr(w, http.StatusBadRequest, "no_session", "the API key has no session to sign out of")
		return
	}
	s.sessions.end(p.sess)
	s.clearCookie(w)
	s.revoke(context.WithoutCancel(r.Context()), p.sess.tokens)
	if strings.Contains(r.Header.Get("Accept"), "application/json") || r.Header.Get(headerCSRF) != "" {
		writeJSON(w, http.StatusOK, map[string]any{"signedOut": true})
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// revoke revokes a session's refresh and access tokens at PingOne's
// revocation endpoint (RFC 7009). A failure is logged (never the token):
// the session is gone here all the same, and the access token expires.
func (s *server) revoke(ctx context.Context, store *memoryTokenStore) {
	si := s.cfg.signIn
	tok, _ := store.Load(ctx)
	_ = store.Save(ctx, nil)
	if si == nil || tok == nil {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	for _, t := range []struct{ value, hint string }{{tok.RefreshToken, "refresh_token"}, {tok.AccessToken, "access_token"}} {
		if t.value == "" {
			continue
		}
		form := url.Values{"token": {t.value}, "token_type_hint": {t.hint}}
		if si.clientSecret.IsZero() {
			form.Set("client_id", si.clientID)
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, si.revokeURL, strings.NewReader(form.Encode()))
		if err != nil {
			return
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if !si.clientSecret.IsZero() {
			req.SetBasicAuth(url.QueryEscape(si.clientID), url.QueryEscape(si.clientSecret.Reveal()))
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			s.cfg.log.Warn("sign-out: revoking the token failed", "token", t.hint, "error", oneLine(err.Error()))
			continue
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			s.cfg.log.Warn("sign-out: PingOne did not revoke the token", "token", t.hint, "status", resp.StatusCode)
		}
	}
}

// page answers a small HTML page (sign-in errors).
func (s *server) page(w http.ResponseWriter, status int, title, msg string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_ = messagePage.Execute(w, map[string]string{"Title": title, "Message": msg})
}

var messagePage = template.Must(template.New("message").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Title}} · pingone serve</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/assets/playground.css"></head>
<body class="message"><main><h1>{{.Title}}</h1><p>{{.Message}}</p><p><a href="/">Back to the Playground</a></p></main></body></html>
`))
