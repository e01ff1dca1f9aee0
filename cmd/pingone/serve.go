package main

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/pingone-go/pingone"
	"github.com/spf13/cobra"
)

// The serve command: one HTTP server with the Playground, the Actions RPC
// and MCP over streamable HTTP (see serveLong).

const defaultServeAddr = "127.0.0.1:8765"

type serveFlags struct {
	addr, publicURL          string
	tlsCert, tlsKey          string
	clientID                 string
	rotateKey                bool
	sessionTTL               time.Duration
	mcpWrites, mcpDestroying bool
}

const serveLong = `Serve the Playground, the Actions RPC and MCP over HTTP, on the loopback
address by default (--addr).

  /             the Playground: sign in with PingOne, pick an action, fill in
                its form and run it
  /v1/actions   the Actions RPC: GET lists the catalogue with its schemas,
                POST /v1/actions/<name> runs an action with its JSON input
  /mcp          MCP over streamable HTTP: the tools of pingone mcp, read-only
                unless --allow-writes (and --allow-destructive)

Two ways in, and nothing answers without one of them:

  - a browser session: "Sign in with PingOne" (authorization code with PKCE
    through the profile's sign-in application, or --client-id; the
    application must accept the redirect URI <url>/callback). The token stays
    in this process, is renewed as needed, and ends with the session
    (--session-ttl) or at sign-out. Calls run as the person signed in.
  - the API key: made when none is stored (or with --rotate-key), printed
    once, stored as its SHA-256 in the config directory. Send it as
    "Authorization: Bearer <key>". Calls run with the profile's own sign-in
    (pingone login, or the PINGONE_* worker variables). MCP takes the key
    only.

Actions that change data need the header "Pingone-Allow-Writes: true", and
destructive ones also "Pingone-Confirm: <action name>" (the Playground's
switch and confirmation send them).

Sessions live in memory: restarting the server signs everybody out.

When the sign-in application is a confidential one (a web app), set its
client secret in PINGONE_SERVE_CLIENT_SECRET (never written to disk).`

func (a *app) serveCommand() *cobra.Command {
	var f serveFlags
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the Playground, the Actions RPC and MCP over HTTP",
		Long:  serveLong,
		Example: `  pingone serve
  pingone serve --addr 127.0.0.1:9000 --rotate-key
  curl -H "Authorization: Bearer $KEY" http://127.0.0.1:8765/v1/actions/list_users -H 'Content-Type: application/json' -d '{"limit": 10}'`,
		Args:    exactArgs(),
		GroupID: "actions",
		RunE:    func(cmd *cobra.Command, _ []string) error { return a.serve(cmd.Context(), f) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.addr, "addr", defaultServeAddr, "address to listen on (a loopback one, unless TLS is set up)")
	fl.StringVar(&f.publicURL, "url", "", "the URL browsers reach the server at, when not http(s)://<addr> (behind a TLS proxy: https://…)")
	fl.StringVar(&f.tlsCert, "tls-cert", "", "serve TLS with this certificate (PEM file; with --tls-key)")
	fl.StringVar(&f.tlsKey, "tls-key", "", "the certificate's private key (PEM file)")
	fl.StringVar(&f.clientID, "client-id", "", "the application people sign in through (default: the profile's)")
	fl.BoolVar(&f.rotateKey, "rotate-key", false, "make a new API key (the old one stops working)")
	fl.DurationVar(&f.sessionTTL, "session-ttl", 8*time.Hour, "how long a browser session lasts")
	fl.BoolVar(&f.mcpWrites, "allow-writes", false, "offer MCP clients the actions that change data (as pingone mcp --allow-writes)")
	fl.BoolVar(&f.mcpDestroying, "allow-destructive", false, "offer MCP clients the destructive actions too (with --allow-writes)")
	return cmd
}

// serve runs the server until ctx ends.
func (a *app) serve(ctx context.Context, f serveFlags) error {
	if f.sessionTTL < time.Minute {
		return usageErrorf("--session-ttl must be at least a minute")
	}
	if (f.tlsCert == "") != (f.tlsKey == "") {
		return usageErrorf("give --tls-cert and --tls-key together")
	}
	if f.mcpDestroying && !f.mcpWrites {
		return usageErrorf("--allow-destructive needs --allow-writes")
	}
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	s := a.resolve(cfg)
	if err := validProfileName(s.name); err != nil {
		return err
	}
	if err := checkProfile(s.profile); err != nil {
		return err
	}

	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", f.addr)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", f.addr, err)
	}
	defer ln.Close()
	base, err := serveBaseURL(ln.Addr().(*net.TCPAddr), f)
	if err != nil {
		return err
	}

	keys, err := a.serveKeyFile(s.name)
	if err != nil {
		return err
	}
	newKey, created, err := keys.ensure(f.rotateKey)
	if err != nil {
		return err
	}

	signIn, err := a.serveSignIn(cfg, s, base, f.clientID)
	if err != nil {
		return err
	}

	srv, err := newServer(serverConfig{
		base:          base,
		keyHash:       keys.hash,
		signIn:        signIn,
		profileClient: a.client,
		sessionTTL:    f.sessionTTL,
		clientOptions: append([]pingone.Option{a.userAgent()}, a.clientOptions...),
		mcp:           mcpOptions{AllowWrites: f.mcpWrites, AllowDestructive: f.mcpDestroying, SignInEnvironment: s.SignInEnvironment},
		log:           slog.New(slog.NewTextHandler(a.errw, &slog.HandlerOptions{Level: slog.LevelInfo})),
	})
	if err != nil {
		return err
	}
	defer srv.close()

	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          nil,
	}
	a.serveBanner(s, base, signIn, f, keys, newKey, created)

	served := make(chan error, 1)
	go func() {
		if f.tlsCert != "" {
			served <- hs.ServeTLS(ln, f.tlsCert, f.tlsKey)
		} else {
			served <- hs.Serve(ln)
		}
	}()
	select {
	case err := <-served:
		return fmt.Errorf("serving: %w", err)
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(shut); err != nil {
		_ = hs.Close()
	}
	a.say("pingone serve: stopped.")
	return nil
}

func (a *app) serveBanner(s settings, base *url.URL, signIn *signInConfig, f serveFlags, keys *serveKeys, newKey string, created time.Time) {
	env := s.Environment
	if env == "" {
		env = "(none: set one with --environment or pingone config set environment <id>)"
	}
	mcpMode := "read-only; --allow-writes to allow writes"
	switch {
	case f.mcpDestroying:
		mcpMode = "writes and destructive actions allowed"
	case f.mcpWrites:
		mcpMode = "writes allowed, destructive actions not; --allow-destructive to allow them"
	}
	u := strings.TrimSuffix(base.String(), "/")
	a.say("pingone serve: profile %q, environment %s", s.name, env)
	a.say("  Playground:  %s/", u)
	a.say("  Actions RPC: %s/v1/actions", u)
	a.say("  MCP:         %s/mcp (%s)", u, mcpMode)
	if signIn == nil {
		a.say("Sign-in in the browser is off: the profile names no sign-in application (give --client-id, or run pingone login first).")
	} else {
		a.say("Sign-in: application %s in environment %s, redirect URI %s", signIn.clientID, signIn.environment, signIn.flowRedirect)
	}
	if newKey != "" {
		a.say("API key (shown once; stored as its SHA-256 in %s):\n\n  %s\n", keys.path, newKey)
	} else {
		a.say("API key: the one printed on %s (stored hashed in %s; --rotate-key makes a new one).", created.Local().Format("2006-01-02 15:04"), keys.path)
	}
}

// serveBaseURL is the URL browsers reach the server at: --url, else the
// listening address. A non-loopback address needs TLS (here, or in front
// with an https --url): the session cookie and the API key would travel
// in clear.
func serveBaseURL(addr *net.TCPAddr, f serveFlags) (*url.URL, error) {
	scheme := "http"
	if f.tlsCert != "" {
		scheme = "https"
	}
	host := addr.IP.String()
	if addr.IP.IsUnspecified() {
		host = "127.0.0.1"
	}
	u := &url.URL{Scheme: scheme, Host: net.JoinHostPort(host, fmt.Sprint(addr.Port)), Path: "/"}
	if f.publicURL != "" {
		pu, err := url.Parse(f.publicURL)
		if err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" || pu.RawQuery != "" || pu.Fragment != "" || (pu.Path != "" && pu.Path != "/") {
			return nil, usageErrorf("--url %q: want http(s)://host[:port], without a path", f.publicURL)
		}
		pu.Path = "/"
		u = pu
	}
	if !addr.IP.IsLoopback() && u.Scheme != "https" {
		return nil, usageErrorf("%s is not a loopback address: serve TLS (--tls-cert, --tls-key) or give the https --url of the TLS proxy in front", addr)
	}
	if u.Scheme == "http" && !isLoopbackHost(u.Hostname()) {
		return nil, usageErrorf("--url %s: plain http only on a loopback host", u)
	}
	return u, nil
}

func isLoopbackHost(h string) bool {
	if h == "localhost" {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// signInConfig is the Link Account sign-in: the application people sign
// in through, and where.
type signInConfig struct {
	flow         *pingone.AuthCodeFlow
	clientID     string
	environment  string // the sign-in environment (userinfo)
	managed      string // the environment the session's calls manage
	hostOptions  []pingone.Option
	flowRedirect string
	revokeURL    string // RFC 7009 endpoint, for sign-out
	clientSecret pingone.Secret
}

// serveSignIn builds the sign-in from the profile: its sign-in environment
// and application (not a worker's client ID), with the server's callback
// as redirect URI. It returns nil when the profile names no application.
func (a *app) serveSignIn(cfg *config, s settings, base *url.URL, clientID string) (*signInConfig, error) {
	stored := profile{}
	if p := cfg.Profiles[s.name]; p != nil {
		stored = *p
	}
	if clientID == "" && stored.Auth != authClientCredentials {
		clientID = stored.ClientID
	}
	env := stored.SignInEnvironment
	if env == "" {
		env = s.SignInEnvironment
	}
	if clientID == "" || env == "" {
		return nil, nil
	}
	scopes := stored.Scopes
	if len(scopes) == 0 {
		scopes = defaultScopes
	}
	redirect := base.JoinPath("callback").String()
	secret := pingone.NewSecret(a.getenv("PINGONE_SERVE_CLIENT_SECRET"))
	p := s.profile
	flow, err := pingone.NewAuthCodeFlow(pingone.AuthCodeConfig{
		AuthURL:       p.authBase(),
		EnvironmentID: env,
		ClientID:      clientID,
		ClientSecret:  secret,
		RedirectURL:   redirect,
		Scopes:        scopes,
	})
	if err != nil {
		return nil, err
	}
	managed := s.Environment
	if managed == "" {
		managed = env
	}
	return &signInConfig{
		flow: flow, clientID: clientID, environment: env, managed: managed,
		hostOptions: p.hostOptions(), flowRedirect: redirect,
		revokeURL:    p.authBase() + "/" + url.PathEscape(env) + "/as/revoke",
		clientSecret: secret,
	}, nil
}

// serveKeys is the API key's record in the config directory: its SHA-256,
// never the key.
type serveKeys struct {
	path string
	hash []byte
}

type storedKey struct {
	SHA256  string    `json:"sha256"`
	Created time.Time `json:"created"`
}

func (a *app) serveKeyFile(profileName string) (*serveKeys, error) {
	d, err := a.configDir()
	if err != nil {
		return nil, err
	}
	return &serveKeys{path: filepath.Join(d, "serve", profileName+".key.json")}, nil
}

// ensure loads the stored key's hash, or makes a new key when there is
// none or rotate is set: then it returns the key, to be shown once.
func (k *serveKeys) ensure(rotate bool) (newKey string, created time.Time, err error) {
	if !rotate {
		data, err := os.ReadFile(k.path)
		switch {
		case err == nil:
			var st storedKey
			if jerr := json.Unmarshal(data, &st); jerr != nil {
				return "", time.Time{}, fmt.Errorf("the API key file %s is damaged (run with --rotate-key): %w", k.path, jerr)
			}
			h, herr := hex.DecodeString(st.SHA256)
			if herr != nil || len(h) != sha256.Size {
				return "", time.Time{}, fmt.Errorf("the API key file %s is damaged (run with --rotate-key)", k.path)
			}
			k.hash = h
			return "", st.Created, nil
		case !errors.Is(err, fs.ErrNotExist):
			return "", time.Time{}, fmt.Errorf("reading the API key file: %w", err)
		}
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", time.Time{}, err
	}
	key := apiKeyPrefix + base64.RawURLEncoding.EncodeToString(b)
	sum := sha256.Sum256([]byte(key))
	now := time.Now().UTC().Truncate(time.Second)
	data, _ := json.MarshalIndent(storedKey{SHA256: hex.EncodeToString(sum[:]), Created: now}, "", "  ")
	if err := writeFileAtomic(k.path, append(data, '\n')); err != nil {
		return "", time.Time{}, fmt.Errorf("storing the API key's hash: %w", err)
	}
	k.hash = sum[:]
	return key, now, nil
}

// apiKeyPrefix marks pingone serve's keys, so that secret scanners and
// people can tell them.
const apiKeyPrefix = "pingone_key_"

// keyMatches compares a presented key with the stored hash in constant
// time.
func keyMatches(stored []byte, presented string) bool {
	if len(stored) != sha256.Size || presented == "" {
		return false
	}
	sum := sha256.Sum256([]byte(presented))
	return subtle.ConstantTimeCompare(sum[:], stored) == 1
}

// profileClients keeps the client made from the profile (for the API
// key's calls of pingone serve, and for the tools of pingone mcp), made
// when first needed (so that concurrent calls share one token and one
// refresh), and dropped when its sign-in fails, so that the next call
// reads the profile again (after a new pingone login).
type profileClients struct {
	load func(ctx context.Context) (*pingone.Client, settings, error)

	mu sync.Mutex
	c  *pingone.Client
	s  settings
}

func (p *profileClients) get(ctx context.Context) (*pingone.Client, settings, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.c != nil {
		return p.c, p.s, nil
	}
	c, s, err := p.load(ctx)
	if err != nil {
		return nil, s, err
	}
	p.c, p.s = c, s
	return c, s, nil
}

// forget forgets the current client, whichever it is.
func (p *profileClients) forget() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.c = nil
}

// drop forgets c, if it is still the current client.
func (p *profileClients) drop(c *pingone.Client) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.c == c {
		p.c = nil
	}
}
