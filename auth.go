package pingone

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"golang.org/x/oauth2"
)

// tokenEarlyExpiry is the most a token is renewed before it expires (see
// tokenCache.fresh).
const tokenEarlyExpiry = 30 * time.Second

// AuthCodeConfig configures [NewAuthCodeFlow]: an OAuth 2.0 authorization
// code flow with PKCE (S256) for an administrator who signs in.
type AuthCodeConfig struct {
	// Region or AuthURL selects the auth host (AuthURL wins when both are
	// set; the default is RegionNA).
	Region  Region
	AuthURL string
	// EnvironmentID is the environment the administrator signs in to. It
	// may differ from the environments the client then manages.
	EnvironmentID string
	// ClientID is the application the sign-in goes through.
	ClientID string
	// ClientSecret is set for a confidential application (a web backend)
	// and left empty for a public one (a CLI with PKCE only).
	ClientSecret Secret
	// RedirectURL is one of the application's registered redirect URIs.
	RedirectURL string
	// Scopes requested; "openid" is the usual minimum.
	Scopes []string
	// HTTPClient carries the token requests (default http.DefaultClient).
	HTTPClient *http.Client
	// Logger receives warnings, such as a renewed token that could not be
	// saved to the store (default: none).
	Logger *slog.Logger
	// OnSaveError, when set, is called with the error when a renewed token
	// could not be saved to the store given to [AuthCodeFlow.TokenSource].
	// The call that needed the token goes on with it.
	OnSaveError func(error)
}

// AuthCodeFlow signs administrators in with the authorization code grant and
// PKCE. Use [AuthCodeFlow.AuthCodeURL] and [AuthCodeFlow.Exchange] from a web
// backend with any redirect URL, or [AuthCodeFlow.SignIn] from a CLI.
type AuthCodeFlow struct {
	cfg         oauth2.Config
	httpc       *http.Client
	logger      *slog.Logger
	onSaveError func(error)
}

// NewAuthCodeFlow checks cfg and returns the flow. It does no I/O.
func NewAuthCodeFlow(cfg AuthCodeConfig) (*AuthCodeFlow, error) {
	if cfg.EnvironmentID == "" {
		return nil, &ArgumentError{Method: "NewAuthCodeFlow", Name: "EnvironmentID", Problem: "is required"}
	}
	if cfg.ClientID == "" {
		return nil, &ArgumentError{Method: "NewAuthCodeFlow", Name: "ClientID", Problem: "is required"}
	}
	if cfg.RedirectURL == "" {
		return nil, &ArgumentError{Method: "NewAuthCodeFlow", Name: "RedirectURL", Problem: "is required"}
	}
	if _, err := url.Parse(cfg.RedirectURL); err != nil {
		return nil, fmt.Errorf("pingone: bad RedirectURL: %w", err)
	}
	region := cfg.Region
	if region == "" {
		region = RegionNA
	}
	if !region.valid() {
		return nil, fmt.Errorf("pingone: unknown region %q", string(region))
	}
	base := region.AuthURL()
	if cfg.AuthURL != "" {
		base = cfg.AuthURL
	}
	bu, err := parseBase("auth", base)
	if err != nil {
		return nil, err
	}
	env := bu.String() + "/" + url.PathEscape(cfg.EnvironmentID) + "/as"
	style := oauth2.AuthStyleInHeader
	if cfg.ClientSecret.IsZero() {
		style = oauth2.AuthStyleInParams
	}
	f := &AuthCodeFlow{
		cfg: oauth2.Config{
			ClientID:     cfg.ClientID,
			ClientSecret: cfg.ClientSecret.Reveal(),
			RedirectURL:  cfg.RedirectURL,
			Scopes:       append([]string(nil), cfg.Scopes...),
			Endpoint: oauth2.Endpoint{
				AuthURL:   env + "/authorize",
				TokenURL:  env + "/token",
				AuthStyle: style,
			},
		},
		httpc:       cfg.HTTPClient,
		logger:      cfg.Logger,
		onSaveError: cfg.OnSaveError,
	}
	return f, nil
}

// String describes the flow without its client secret.
func (f *AuthCodeFlow) String() string {
	return fmt.Sprintf("pingone.AuthCodeFlow{ClientID: %q, AuthURL: %q, RedirectURL: %q}", f.cfg.ClientID, f.cfg.Endpoint.AuthURL, f.cfg.RedirectURL)
}

// Format prints [AuthCodeFlow.String] whatever the verb: the flow holds a
// client secret.
func (f *AuthCodeFlow) Format(s fmt.State, _ rune) { _, _ = io.WriteString(s, f.String()) }

// LogValue implements [slog.LogValuer] without the client secret.
func (f *AuthCodeFlow) LogValue() slog.Value { return slog.StringValue(f.String()) }

// NewState returns a random state value for an authorization request.
func NewState() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// NewVerifier returns a random PKCE code verifier.
func NewVerifier() string { return oauth2.GenerateVerifier() }

// AuthCodeURL returns the URL to send the administrator's browser to. Keep
// state and verifier for the callback.
func (f *AuthCodeFlow) AuthCodeURL(state, verifier string, opts ...oauth2.AuthCodeOption) string {
	opts = append([]oauth2.AuthCodeOption{oauth2.S256ChallengeOption(verifier)}, opts...)
	return f.cfg.AuthCodeURL(state, opts...)
}

func (f *AuthCodeFlow) ctx(ctx context.Context) context.Context {
	if f.httpc != nil {
		return context.WithValue(ctx, oauth2.HTTPClient, f.httpc)
	}
	return ctx
}

// Exchange trades the code from the callback for a token, proving the
// verifier.
func (f *AuthCodeFlow) Exchange(ctx context.Context, code, verifier string) (*oauth2.Token, error) {
	if code == "" {
		return nil, &ArgumentError{Method: "AuthCodeFlow.Exchange", Name: "code", Problem: "is required"}
	}
	tok, err := retryTokenRequest(ctx, DefaultRetryPolicy(), false, func(ctx context.Context) (*oauth2.Token, error) {
		return f.cfg.Exchange(f.ctx(ctx), code, oauth2.VerifierOption(verifier))
	})
	if err != nil {
		return nil, fmt.Errorf("pingone: exchanging authorization code: %w", err)
	}
	return tok, nil
}

// TokenSource returns a source that renews tok with its refresh token shortly
// before it expires, safely under concurrent use (one refresh however many
// callers wait). When store is not nil each new token is saved to it; a
// token that cannot be saved is still used (the save error goes to
// AuthCodeConfig.Logger and AuthCodeConfig.OnSaveError, and the refresh is
// not repeated). Pass the result to [WithTokenSource]: a client using it
// also renews the token when PingOne rejects it early (revoked, or a clock
// out of step).
func (f *AuthCodeFlow) TokenSource(tok *oauth2.Token, store TokenStore) oauth2.TokenSource {
	refresh := ""
	if tok != nil {
		refresh = tok.RefreshToken
	}
	var mu sync.Mutex // guards refresh
	fetch := func(ctx context.Context) (*oauth2.Token, error) {
		mu.Lock()
		rt := refresh
		mu.Unlock()
		if rt == "" {
			return nil, errors.New("pingone: the token has expired and there is no refresh token: sign in again")
		}
		t, err := retryTokenRequest(ctx, DefaultRetryPolicy(), false, func(ctx context.Context) (*oauth2.Token, error) {
			return f.cfg.TokenSource(f.ctx(ctx), &oauth2.Token{RefreshToken: rt}).Token()
		})
		if err != nil {
			return nil, err
		}
		mu.Lock()
		if t.RefreshToken != "" { // PingOne rotates refresh tokens
			refresh = t.RefreshToken
		} else {
			t.RefreshToken = rt
		}
		mu.Unlock()
		if store != nil {
			if err := store.Save(ctx, t); err != nil {
				f.saveFailed(ctx, err)
			}
		}
		return t, nil
	}
	return newTokenCache(tok, fetch)
}

// saveFailed reports a token that could not be saved. The token is used
// all the same: failing the call would only spend another refresh token.
func (f *AuthCodeFlow) saveFailed(ctx context.Context, err error) {
	err = fmt.Errorf("pingone: saving the renewed token: %w", err)
	if f.logger != nil {
		f.logger.LogAttrs(ctx, slog.LevelWarn, "pingone token not saved", slog.String("error", err.Error()))
	}
	if f.onSaveError != nil {
		f.onSaveError(err)
	}
}

// retryTokenRequest runs one token request with the retry policy of the
// API: a 429 or 503 from the token endpoint is retried (honouring
// Retry-After up to the policy's cap), and when idempotent (client
// credentials) so is a connection error. Other refusals are returned at
// once. Waits end with ctx.
func retryTokenRequest(ctx context.Context, p RetryPolicy, idempotent bool, do func(context.Context) (*oauth2.Token, error)) (*oauth2.Token, error) {
	for attempt := 0; ; attempt++ {
		tok, err := do(ctx)
		if err == nil {
			return tok, nil
		}
		if ctx.Err() != nil || attempt >= p.MaxRetries {
			return nil, tokenErr(err)
		}
		var resp *http.Response
		var re *oauth2.RetrieveError
		switch {
		case errors.As(err, &re):
			if re.Response == nil || (re.Response.StatusCode != http.StatusTooManyRequests && re.Response.StatusCode != http.StatusServiceUnavailable) {
				return nil, tokenErr(err)
			}
			resp = re.Response
		case !idempotent:
			return nil, tokenErr(err)
		}
		wait, ok := p.wait(attempt, resp)
		if !ok {
			return nil, tokenErr(err)
		}
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return nil, tokenErr(err)
		case <-timer.C:
		}
	}
}

// tokenCache keeps the current token and gets a new one from fetch when it
// is about to expire, or after invalidate. It is safe for concurrent use:
// one fetch runs at a time and every caller waits for it, each only as long
// as its own context allows.
//
// A fetch is bounded: it runs with its own timeout, and it is abandoned
// (its context cancelled) when every caller that waited for it has given
// up. A failed or abandoned fetch is forgotten, so the next caller starts a
// new one: a token endpoint that stalls once does not wedge the client.
type tokenCache struct {
	mu        sync.Mutex
	tok       *oauth2.Token
	fetchedAt time.Time
	fetch     func(ctx context.Context) (*oauth2.Token, error)
	timeout   time.Duration // bounds one fetch; 0 means tokenFetchTimeout
	inflight  *tokenFetch
}

// tokenFetchTimeout bounds one token fetch, its retries included.
const tokenFetchTimeout = 60 * time.Second

// tokenFetch is one fetch in progress; done is closed when tok and err are
// set.
type tokenFetch struct {
	done    chan struct{}
	tok     *oauth2.Token
	err     error
	waiters int
	cancel  context.CancelFunc
}

func newTokenCache(tok *oauth2.Token, fetch func(context.Context) (*oauth2.Token, error)) *tokenCache {
	return &tokenCache{tok: tok, fetchedAt: time.Now(), fetch: fetch}
}

// Format prints no token, whatever the verb.
func (c *tokenCache) Format(s fmt.State, _ rune) {
	_, _ = io.WriteString(s, "pingone.TokenSource{"+redacted+"}")
}

// LogValue implements [slog.LogValuer] without the token.
func (c *tokenCache) LogValue() slog.Value {
	return slog.StringValue("pingone.TokenSource{" + redacted + "}")
}

// Token implements [oauth2.TokenSource].
func (c *tokenCache) Token() (*oauth2.Token, error) { return c.tokenCtx(context.Background()) }

// fresh reports whether the current token can be used. A token is renewed
// before it expires by a fifth of its lifetime, at most tokenEarlyExpiry:
// a token that lives 25 s is renewed 5 s early, not at once.
func (c *tokenCache) fresh(now time.Time) bool {
	if c.tok == nil || c.tok.AccessToken == "" {
		return false
	}
	if c.tok.Expiry.IsZero() {
		return true
	}
	margin := tokenEarlyExpiry
	if life := c.tok.Expiry.Sub(c.fetchedAt); life > 0 {
		margin = min(margin, life/5)
	}
	return c.tok.Expiry.Sub(now) > margin
}

func (c *tokenCache) tokenCtx(ctx context.Context) (*oauth2.Token, error) {
	c.mu.Lock()
	if c.fresh(time.Now()) {
		tok := c.tok
		c.mu.Unlock()
		return tok, nil
	}
	f := c.inflight
	if f == nil {
		timeout := c.timeout
		if timeout <= 0 {
			timeout = tokenFetchTimeout
		}
		fctx, cancel := context.WithTimeout(context.Background(), timeout)
		f = &tokenFetch{done: make(chan struct{}), cancel: cancel}
		c.inflight = f
		go c.run(fctx, f)
	}
	f.waiters++
	c.mu.Unlock()
	select {
	case <-f.done:
		return f.tok, f.err
	case <-ctx.Done():
		c.mu.Lock()
		f.waiters--
		if f.waiters == 0 && c.inflight == f {
			// Nobody waits any more: abandon the fetch, and let the next
			// caller start afresh.
			c.inflight = nil
			f.cancel()
		}
		c.mu.Unlock()
		return nil, ctx.Err()
	}
}

// run performs one fetch and publishes its result.
func (c *tokenCache) run(ctx context.Context, f *tokenFetch) {
	tok, err := c.fetch(ctx)
	f.cancel()
	if err == nil && (tok == nil || tok.AccessToken == "") {
		err = errors.New("pingone: the token source returned no access token")
	}
	if err != nil && ctx.Err() == context.DeadlineExceeded {
		err = fmt.Errorf("pingone: token request timed out: %w", err)
	}
	c.mu.Lock()
	if err == nil {
		c.tok, c.fetchedAt = tok, time.Now()
	}
	if c.inflight == f {
		c.inflight = nil
	}
	c.mu.Unlock()
	f.tok, f.err = tok, err
	close(f.done)
}

// invalidate drops accessToken, which PingOne rejected, if it is still the
// current token, so that the next Token fetches a new one. Every caller
// whose request carried a rejected token waits for the one renewal and
// sends again, whether or not another caller invalidated first.
func (c *tokenCache) invalidate(accessToken string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.tok != nil && c.tok.AccessToken == accessToken {
		c.tok = nil
	}
}

// tokenErr drops the raw token-endpoint body from oauth2 errors (it can
// echo request fields) and keeps the OAuth error code.
func tokenErr(err error) error {
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		status := 0
		if re.Response != nil {
			status = re.Response.StatusCode
		}
		code := re.ErrorCode
		if code == "" {
			code = "unknown_error"
		}
		return &TokenError{Status: status, Code: code, Description: oneLine(re.ErrorDescription, 200)}
	}
	return err
}

// SignInOptions configures [AuthCodeFlow.SignIn].
type SignInOptions struct {
	// OpenBrowser is called with the URL the user must visit (for example
	// to run the system browser, or to print the URL). Required.
	OpenBrowser func(authURL string) error
	// Store, when set, receives the token.
	Store TokenStore
}

// SignIn runs the interactive sign-in of a CLI: it listens on the loopback
// address of the flow's RedirectURL (which must be http://127.0.0.1:PORT/…
// or http://localhost:PORT/… and registered on the application; port 0
// picks a free port, for servers that accept any loopback port as RFC 8252
// asks), sends the
// user to PingOne, checks the returned state in constant time, exchanges the
// code with the PKCE verifier and returns the token. It returns when the
// callback arrives or ctx ends.
func (f *AuthCodeFlow) SignIn(ctx context.Context, opts SignInOptions) (*oauth2.Token, error) {
	if opts.OpenBrowser == nil {
		return nil, &ArgumentError{Method: "AuthCodeFlow.SignIn", Name: "OpenBrowser", Problem: "is required"}
	}
	ru, err := url.Parse(f.cfg.RedirectURL)
	if err != nil {
		return nil, fmt.Errorf("pingone: bad RedirectURL: %w", err)
	}
	host := ru.Hostname()
	if ru.Scheme != "http" || (host != "127.0.0.1" && host != "localhost" && host != "::1") {
		return nil, errors.New("pingone: SignIn needs an http loopback RedirectURL such as http://127.0.0.1:8765/callback")
	}
	addr := ru.Host
	if host == "localhost" {
		addr = net.JoinHostPort("127.0.0.1", ru.Port())
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("pingone: SignIn: listening on %s: %w", addr, err)
	}
	if ru.Port() == "0" {
		// An ephemeral port: the redirect URL names the port we got.
		cp := *f
		cp.cfg.Scopes = append([]string(nil), f.cfg.Scopes...)
		ru.Host = net.JoinHostPort(host, fmt.Sprint(ln.Addr().(*net.TCPAddr).Port))
		cp.cfg.RedirectURL = ru.String()
		f = &cp
	}
	state, verifier := NewState(), NewVerifier()
	callbackPath := ru.Path
	if callbackPath == "" {
		callbackPath = "/"
	}

	type result struct {
		tok *oauth2.Token
		err error
	}
	done := make(chan result, 1)
	var once sync.Once
	finish := func(r result) { once.Do(func() { done <- r }) }

	mux := http.NewServeMux()
	mux.HandleFunc(callbackPath, func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if subtle.ConstantTimeCompare([]byte(q.Get("state")), []byte(state)) != 1 {
			// Not ours: refuse it, and keep waiting for the real callback.
			http.Error(w, "Sign-in refused: the state does not match.", http.StatusBadRequest)
			return
		}
		if e := q.Get("error"); e != "" {
			msg := oneLine(e+": "+q.Get("error_description"), 200)
			http.Error(w, "Sign-in failed: "+msg, http.StatusBadRequest)
			finish(result{err: fmt.Errorf("pingone: sign-in failed: %s", msg)})
			return
		}
		tok, err := f.Exchange(r.Context(), q.Get("code"), verifier)
		if err != nil {
			http.Error(w, "Sign-in failed.", http.StatusBadGateway)
			finish(result{err: err})
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<!doctype html><title>Signed in</title><p>%s</p>", html.EscapeString("Signed in. You can close this window."))
		finish(result{tok: tok})
	})
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()

	if err := opts.OpenBrowser(f.AuthCodeURL(state, verifier)); err != nil {
		return nil, fmt.Errorf("pingone: SignIn: opening the browser: %w", err)
	}
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case r := <-done:
		if r.err != nil {
			return nil, r.err
		}
		if opts.Store != nil {
			if err := opts.Store.Save(ctx, r.tok); err != nil {
				return r.tok, fmt.Errorf("pingone: saving token: %w", err)
			}
		}
		return r.tok, nil
	}
}

// TokenStore keeps a token between runs, so that a CLI signs in once.
type TokenStore interface {
	// Load returns the stored token, or (nil, nil) when there is none.
	Load(ctx context.Context) (*oauth2.Token, error)
	// Save stores tok, replacing any previous one.
	Save(ctx context.Context, tok *oauth2.Token) error
}

// FileTokenStore stores a token as JSON in a file readable only by its owner
// (mode 0600), written atomically (temporary file, then rename).
type FileTokenStore struct {
	Path string
}

type storedToken struct {
	AccessToken  string    `json:"access_token"`
	TokenType    string    `json:"token_type,omitzero"`
	RefreshToken string    `json:"refresh_token,omitzero"`
	Expiry       time.Time `json:"expiry,omitzero"`
}

// Load implements [TokenStore].
func (s FileTokenStore) Load(context.Context) (*oauth2.Token, error) {
	f, err := os.Open(s.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("pingone: reading token file: %w", err)
	}
	defer f.Close()
	// Like ssh with a private key, refuse a token that others can read:
	// it may already have leaked, and using it would hide that.
	if fi, err := f.Stat(); err == nil && runtime.GOOS != "windows" && fi.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("pingone: token file %s is open to other users (mode %04o): run chmod 600 on it, or sign in again", s.Path, fi.Mode().Perm())
	}
	data, err := io.ReadAll(io.LimitReader(f, 1<<20))
	if err != nil {
		return nil, fmt.Errorf("pingone: reading token file: %w", err)
	}
	var st storedToken
	if err := json.Unmarshal(data, &st); err != nil {
		return nil, fmt.Errorf("pingone: token file %s is not a stored token", s.Path)
	}
	return &oauth2.Token{AccessToken: st.AccessToken, TokenType: st.TokenType, RefreshToken: st.RefreshToken, Expiry: st.Expiry}, nil
}

// Save implements [TokenStore].
func (s FileTokenStore) Save(_ context.Context, tok *oauth2.Token) error {
	if tok == nil {
		return &ArgumentError{Method: "FileTokenStore.Save", Name: "token", Problem: "is required"}
	}
	data, err := json.Marshal(storedToken{AccessToken: tok.AccessToken, TokenType: tok.TokenType, RefreshToken: tok.RefreshToken, Expiry: tok.Expiry})
	if err != nil {
		return err
	}
	dir := filepath.Dir(s.Path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("pingone: token directory: %w", err)
	}
	f, err := os.CreateTemp(dir, ".token-*")
	if err != nil {
		return fmt.Errorf("pingone: token file: %w", err)
	}
	tmp := f.Name()
	defer os.Remove(tmp) // after a successful rename this fails harmlessly
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return fmt.Errorf("pingone: token file: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("pingone: token file: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("pingone: token file: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("pingone: token file: %w", err)
	}
	if err := os.Rename(tmp, s.Path); err != nil {
		return fmt.Errorf("pingone: token file: %w", err)
	}
	return nil
}

// StoredToken loads a token from store for [AuthCodeFlow.TokenSource]; it
// returns (nil, nil) when the store holds none, or the token has expired and
// cannot be refreshed, so that the caller signs in again.
func StoredToken(ctx context.Context, store TokenStore) (*oauth2.Token, error) {
	tok, err := store.Load(ctx)
	if err != nil || tok == nil {
		return nil, err
	}
	if !tok.Valid() && tok.RefreshToken == "" {
		return nil, nil
	}
	return tok, nil
}
