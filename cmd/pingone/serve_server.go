package main

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/actions"
)

// The HTTP side of pingone serve.
//
// Routes (each answers 401 without a session or the API key, except the
// sign-in page, its stylesheet, /signin and /callback):
//
//	GET  /                    the Playground (signed in) or the sign-in page
//	GET  /assets/…            the Playground's script and stylesheet
//	GET  /signin              starts "Sign in with PingOne"
//	GET  /callback            PingOne's redirect back with the code
//	POST /signout             ends the session (CSRF token required)
//	GET  /v1/session          who is calling, and the session's CSRF token
//	GET  /v1/actions          the catalogue, with the schemas
//	GET  /v1/actions/{name}   one action
//	POST /v1/actions/{name}   runs an action: JSON input in, JSON output out
//	     /mcp                 MCP over streamable HTTP (the API key only)
//
// Every state-changing request is checked for its origin (Sec-Fetch-Site,
// else Origin against Host: a cross-site one is refused with 403); one
// carried by the session cookie also needs the session's CSRF token, in
// the X-CSRF-Token header or the csrf_token form field. Requests whose
// Host is not the server's are refused (DNS rebinding).

// Headers of the Actions RPC that opt in to writes.
const (
	headerAllowWrites = "Pingone-Allow-Writes" // "true": run an action that changes data
	headerConfirm     = "Pingone-Confirm"      // the action's name: run a destructive action
	headerCSRF        = "X-CSRF-Token"
)

// maxInputBytes bounds an action's input.
const maxInputBytes = 8 << 20

// actionTimeout bounds one action call.
const actionTimeout = 2 * time.Minute

type serverConfig struct {
	base          *url.URL // what browsers use: http://127.0.0.1:8765/
	keyHash       []byte   // the API key's SHA-256 (none: no key works)
	signIn        *signInConfig
	profileClient func(ctx context.Context) (*pingone.Client, settings, error)
	sessionTTL    time.Duration
	clientOptions []pingone.Option // added to each session's client
	mcp           mcpOptions
	log           *slog.Logger
	now           func() time.Time // tests move time on (default time.Now)
}

type server struct {
	cfg      serverConfig
	handler  http.Handler
	sessions *sessionStore
	profile  *profileClients
	mcp      http.Handler
	secure   bool   // cookies are Secure (https)
	cookie   string // the session cookie's name
	// other loopback names of the server, redirected to the base URL.
	aliases map[string]bool
}

func newServer(cfg serverConfig) (*server, error) {
	if cfg.base == nil {
		return nil, errors.New("serve: no base URL")
	}
	if cfg.now == nil {
		cfg.now = time.Now
	}
	if cfg.log == nil {
		cfg.log = slog.New(slog.DiscardHandler)
	}
	s := &server{
		cfg:      cfg,
		sessions: newSessionStore(cfg.sessionTTL, cfg.now),
		profile:  &profileClients{load: cfg.profileClient},
		secure:   cfg.base.Scheme == "https",
		cookie:   "pingone_session",
		aliases:  map[string]bool{},
	}
	if s.secure {
		// The __Host- prefix pins the cookie to this host, Path=/ and
		// Secure.
		s.cookie = "__Host-pingone_session"
	}
	if port := cfg.base.Port(); isLoopbackHost(cfg.base.Hostname()) && port != "" {
		for _, h := range []string{"127.0.0.1", "localhost", "::1"} {
			if hp := net.JoinHostPort(h, port); hp != cfg.base.Host {
				s.aliases[hp] = true
			}
		}
	}
	s.mcp = s.mcpHandler()

	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.index)
	mux.HandleFunc("GET /assets/{file}", s.asset)
	mux.HandleFunc("GET /signin", s.signInStart)
	mux.HandleFunc("GET /callback", s.callback)
	mux.HandleFunc("POST /signout", s.authed(s.signOut))
	mux.HandleFunc("GET /v1/session", s.authed(s.whoami))
	mux.HandleFunc("GET /v1/actions", s.authed(s.listActions))
	mux.HandleFunc("GET /v1/actions/{name}", s.authed(s.describeAction))
	mux.HandleFunc("POST /v1/actions/{name}", s.authed(s.invoke))
	mux.HandleFunc("/mcp", s.authed(s.serveMCP))
	mux.HandleFunc("/", s.authed(func(w http.ResponseWriter, r *http.Request, _ principal) {
		writeErr(w, http.StatusNotFound, "not_found", "no such route: "+r.Method+" "+r.URL.Path)
	}))

	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		writeErr(w, http.StatusForbidden, "cross_origin", "cross-origin request refused")
	}))
	s.handler = s.logged(s.headers(s.hostCheck(cop.Handler(mux))))
	return s, nil
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// close ends what the server keeps: sessions and their tokens.
func (s *server) close() {
	s.sessions.clear()
}

// headers sets the security headers of every answer.
func (s *server) headers(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		// The callback's URL holds the authorization code: never send it on.
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
		h.Set("Cache-Control", "no-store")
		if s.secure {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

// hostCheck refuses a request for another host (a DNS rebinding attack
// names its own), and sends a browser that used another loopback name of
// this server to the base URL, where its cookies are.
func (s *server) hostCheck(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.EqualFold(r.Host, s.cfg.base.Host) {
			next.ServeHTTP(w, r)
			return
		}
		if s.aliases[strings.ToLower(r.Host)] && (r.Method == http.MethodGet || r.Method == http.MethodHead) && r.URL.Path != "/callback" {
			u := *s.cfg.base
			u.Path, u.RawQuery = r.URL.Path, r.URL.RawQuery
			http.Redirect(w, r, u.String(), http.StatusTemporaryRedirect)
			return
		}
		writeErr(w, http.StatusMisdirectedRequest, "wrong_host", "this server answers for "+s.cfg.base.Host+" only")
	})
}

// principal is who makes a request: a signed-in session, or the holder of
// the API key (sess nil).
type principal struct {
	sess *session
}

func (p principal) String() string {
	if p.sess == nil {
		return "key"
	}
	return "session"
}

// authed lets a request through with the API key or a session, and
// checks the session's CSRF token on state-changing requests.
func (s *server) authed(h func(http.ResponseWriter, *http.Request, principal)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if authz := r.Header.Get("Authorization"); authz != "" {
			key, ok := strings.CutPrefix(authz, "Bearer ")
			if !ok || !keyMatches(s.cfg.keyHash, strings.TrimSpace(key)) {
				w.Header().Set("WWW-Authenticate", `Bearer realm="pingone serve", error="invalid_token"`)
				writeErr(w, http.StatusUnauthorized, "unauthorized", "the API key is not valid")
				return
			}
			setPrincipal(r, "key")
			h(w, r, principal{})
			return
		}
		sess := s.session(r)
		if sess == nil {
			w.Header().Set("WWW-Authenticate", `Bearer realm="pingone serve"`)
			writeErr(w, http.StatusUnauthorized, "unauthorized", "sign in (open / in a browser) or send the API key: Authorization: Bearer <key>")
			return
		}
		if r.URL.Path == "/mcp" {
			writeErr(w, http.StatusUnauthorized, "unauthorized", "MCP needs the API key: Authorization: Bearer <key>")
			return
		}
		if !safeMethod(r.Method) && !s.csrfOK(r, sess) {
			writeErr(w, http.StatusForbidden, "csrf", "missing or wrong CSRF token (send the session's token in the "+headerCSRF+" header)")
			return
		}
		setPrincipal(r, "session")
		h(w, r, principal{sess: sess})
	}
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// csrfOK checks the session's CSRF token: the header, or the form field
// of a form post.
func (s *server) csrfOK(r *http.Request, sess *session) bool {
	got := r.Header.Get(headerCSRF)
	if got == "" {
		if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "application/x-www-form-urlencoded" {
			r.Body = http.MaxBytesReader(nil, r.Body, 64<<10)
			if err := r.ParseForm(); err == nil {
				got = r.PostForm.Get("csrf_token")
			}
		}
	}
	return got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(sess.csrf)) == 1
}

// whoami answers who is calling; a session also gets its CSRF token.
func (s *server) whoami(w http.ResponseWriter, r *http.Request, p principal) {
	out := map[string]any{"auth": p.String()}
	if p.sess != nil {
		out["user"] = p.sess.user
		out["environment"] = p.sess.env
		out["csrfToken"] = p.sess.csrf
		out["expiresAt"] = p.sess.expires.UTC().Format(time.RFC3339)
	} else if c, st, err := s.profile.get(r.Context()); err == nil && c != nil {
		out["environment"] = st.Environment
		out["profile"] = st.name
	}
	writeJSON(w, http.StatusOK, out)
}

// actionInfo is an action as GET /v1/actions lists it.
type actionInfo struct {
	Name         string          `json:"name"`
	Title        string          `json:"title"`
	Description  string          `json:"description"`
	Family       string          `json:"family"`
	Method       string          `json:"method"`
	Path         string          `json:"path"`
	Hints        hintsInfo       `json:"hints"`
	InputSchema  json.RawMessage `json:"inputSchema"`
	OutputSchema json.RawMessage `json:"outputSchema"`
}

type hintsInfo struct {
	ReadOnly      bool `json:"readOnly"`
	Destructive   bool `json:"destructive"`
	Idempotent    bool `json:"idempotent"`
	ReturnsSecret bool `json:"returnsSecret"`
}

func describe(act *actions.Action) (actionInfo, error) {
	in, err := json.Marshal(act.InputSchema())
	if err != nil {
		return actionInfo{}, err
	}
	out, err := json.Marshal(act.OutputSchema())
	if err != nil {
		return actionInfo{}, err
	}
	return actionInfo{
		Name: act.Name, Title: act.Title, Description: act.Description, Family: act.Family,
		Method: act.Method, Path: act.Path,
		Hints: hintsInfo{ReadOnly: act.Hints.ReadOnly, Destructive: act.Hints.Destructive,
			Idempotent: act.Hints.Idempotent, ReturnsSecret: act.Hints.ReturnsSecret},
		InputSchema: in, OutputSchema: out,
	}, nil
}

// catalogueJSON is the answer of GET /v1/actions, made once (deriving
// every schema takes a while).
var catalogueJSON = sync.OnceValues(func() ([]byte, error) {
	all := actions.All()
	list := make([]actionInfo, 0, len(all))
	for _, act := range all {
		info, err := describe(act)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", act.Name, err)
		}
		list = append(list, info)
	}
	return json.Marshal(map[string]any{"actions": list})
})

func (s *server) listActions(w http.ResponseWriter, _ *http.Request, _ principal) {
	data, err := catalogueJSON()
	if err != nil {
		writeErr(w, http.StatusInternalServerError, "internal", err.Error())
		return
	}
	writeRaw(w, http.StatusOK, data)
}

func (s *server) describeAction(w http.ResponseWriter, r *http.Request, _ principal) {
	act, ok := actions.Lookup(r.PathValue("name"))
	if !ok {
		writeErr(w, http.StatusNotFound, "unknown_action", fmt.Sprintf("no action %q (GET /v1/actions lists them)", r.PathValue("name")))
		return
	}
	info, err := describe(act)
	if err != nil {
		writeErr(w, http.StatusInternalServerError, "internal", err.Error())
		return
	}
	writeJSON(w, http.StatusOK, info)
}

// invoke runs an action: POST /v1/actions/{name} with its JSON input.
func (s *server) invoke(w http.ResponseWriter, r *http.Request, p principal) {
	name := r.PathValue("name")
	act, ok := actions.Lookup(name)
	if !ok {
		writeErr(w, http.StatusNotFound, "unknown_action", fmt.Sprintf("no action %q (GET /v1/actions lists them)", name))
		return
	}
	if !act.Hints.ReadOnly && r.Header.Get(headerAllowWrites) != "true" {
		writeErr(w, http.StatusForbidden, "writes_not_allowed", fmt.Sprintf("%s changes data: send %s: true to run it (the Playground's \"Allow writes\" switch)", name, headerAllowWrites))
		return
	}
	if act.Hints.Destructive && r.Header.Get(headerConfirm) != name {
		writeErr(w, http.StatusForbidden, "not_confirmed", fmt.Sprintf("%s is destructive: send %s: %s to confirm it", name, headerConfirm, name))
		return
	}
	input, status, err := readInput(w, r)
	if err != nil {
		writeErr(w, status, "invalid_request", err.Error())
		return
	}
	c, env, signInEnv, err := s.clientFor(r.Context(), p)
	if err != nil {
		s.clientFailed(w, p, err)
		return
	}
	if strings.HasPrefix(act.Path, "/{environmentID}/as/") {
		env = signInEnv // userinfo: where the user signed in
	}
	if env == "" && act.Family != "roles" {
		writeErr(w, http.StatusServiceUnavailable, "no_environment", "no environment to manage: start pingone serve with --environment, or pingone config set environment <id>")
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), actionTimeout)
	defer cancel()
	out, err := act.Invoke(ctx, c, env, input)
	if err != nil {
		s.actionFailed(w, r, p, c, act, err)
		return
	}
	writeRaw(w, http.StatusOK, out)
}

// readInput reads an action's input: a JSON body (none is {}).
func readInput(w http.ResponseWriter, r *http.Request) (json.RawMessage, int, error) {
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxInputBytes))
	if err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return nil, http.StatusRequestEntityTooLarge, fmt.Errorf("the input is larger than %d MiB", maxInputBytes>>20)
		}
		return nil, http.StatusBadRequest, fmt.Errorf("reading the input: %w", err)
	}
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return json.RawMessage("{}"), 0, nil
	}
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
		return nil, http.StatusUnsupportedMediaType, errors.New("send the input as Content-Type: application/json")
	}
	return data, 0, nil
}

// clientFor returns the client of a call, the environment it manages and
// the sign-in environment.
func (s *server) clientFor(ctx context.Context, p principal) (*pingone.Client, string, string, error) {
	if p.sess != nil {
		return p.sess.client, p.sess.env, p.sess.signInEnv, nil
	}
	c, st, err := s.profile.get(ctx)
	if err != nil {
		return nil, "", "", err
	}
	return c, st.Environment, st.SignInEnvironment, nil
}

// clientFailed answers when the API key's client cannot be made from the
// profile (not signed in, or its settings are wrong).
func (s *server) clientFailed(w http.ResponseWriter, _ principal, err error) {
	writeErr(w, http.StatusServiceUnavailable, "profile_not_signed_in", "the server's profile cannot call PingOne: "+oneLine(err.Error()))
}

// actionFailed answers an action's error: its structured form, with a
// status that says what failed. A sign-in that has ended ends the session
// (or, for the key, makes the next call read the profile again).
func (s *server) actionFailed(w http.ResponseWriter, r *http.Request, p principal, c *pingone.Client, act *actions.Action, err error) {
	if signInEnded(err) {
		if p.sess != nil {
			s.sessions.end(p.sess)
			s.clearCookie(w)
			writeErr(w, http.StatusUnauthorized, "signed_out", "your sign-in has ended (PingOne would not renew it): sign in again")
			return
		}
		s.profile.drop(c)
		writeErr(w, http.StatusServiceUnavailable, "profile_not_signed_in", "the server's profile sign-in has ended: run pingone login, then call again")
		return
	}
	e, ok := errors.AsType[*actions.Error](err)
	if !ok {
		e = &actions.Error{Action: act.Name, Kind: actions.RequestFailed, Message: oneLine(err.Error())}
	}
	if e.Kind == actions.RequestFailed && r.Context().Err() != nil {
		return // the caller has gone
	}
	writeJSON(w, errorStatus(e), map[string]any{"error": e})
}

// signInEnded reports whether err says that a sign-in cannot go on:
// PingOne refused to renew the token, or there was none to renew.
func signInEnded(err error) bool {
	if te, ok := errors.AsType[*pingone.TokenError](err); ok {
		return te.Status == http.StatusBadRequest || te.Status == http.StatusUnauthorized
	}
	_, ok := errors.AsType[*authError](err)
	return ok
}

// errorStatus is the HTTP status of an action's error: 400 for input
// refused before sending; PingOne's own status for its 4xx refusals
// (except 401, which is about the server's credentials, not the caller's:
// 502); 502 when PingOne failed or could not be reached, 504 when it did
// not answer in time.
func errorStatus(e *actions.Error) int {
	switch e.Kind {
	case actions.InvalidInput:
		return http.StatusBadRequest
	case actions.APIFailure:
		if e.Status >= 400 && e.Status < 500 && e.Status != http.StatusUnauthorized {
			return e.Status
		}
		return http.StatusBadGateway
	}
	if errors.Is(e, context.DeadlineExceeded) {
		return http.StatusGatewayTimeout
	}
	return http.StatusBadGateway
}

// writeJSON answers v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "encoding the answer failed", http.StatusInternalServerError)
		return
	}
	writeRaw(w, status, data)
}

func writeRaw(w http.ResponseWriter, status int, data []byte) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(data)
	_, _ = w.Write([]byte("\n"))
}

// serveError is the server's own structured error (actions' errors have
// the same kind and message members, and more).
type serveError struct {
	Kind    string `json:"kind"`
	Message string `json:"message"`
}

func writeErr(w http.ResponseWriter, status int, kind, msg string) {
	writeJSON(w, status, map[string]any{"error": serveError{Kind: kind, Message: msg}})
}

// principalKey records who made a request, for the log.
type principalKey struct{}

// logState is what the log line of a request needs from the handlers.
type logState struct{ who string }

func setPrincipal(r *http.Request, who string) {
	if st, ok := r.Context().Value(principalKey{}).(*logState); ok {
		st.who = who
	}
}

// logged logs each request: method, path (never the query, which holds
// the authorization code at the callback), status, who, duration. Never
// headers or bodies.
func (s *server) logged(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		st := &logState{who: "-"}
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r.WithContext(context.WithValue(r.Context(), principalKey{}, st)))
		s.cfg.log.LogAttrs(r.Context(), slog.LevelInfo, "request",
			slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", rec.status), slog.String("auth", st.who),
			slog.Duration("duration", time.Since(start).Round(time.Millisecond)))
	})
}

// statusRecorder remembers the status; Unwrap lets http.ResponseController
// flush MCP's event streams.
type statusRecorder struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (r *statusRecorder) WriteHeader(code int) {
	if !r.wrote {
		r.status, r.wrote = code, true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	r.wrote = true
	return r.ResponseWriter.Write(b)
}

func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
