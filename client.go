package pingone

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

// Version is the SDK version, sent in the User-Agent header.
const Version = "0.1.0"

// Region selects PingOne's regional hosts by their top-level domain.
type Region string

// The PingOne regions.
const (
	RegionNA Region = "com"    // North America (excluding Canada)
	RegionCA Region = "ca"     // Canada
	RegionEU Region = "eu"     // European Union
	RegionAU Region = "com.au" // Australia
	RegionSG Region = "sg"     // Singapore
	RegionAP Region = "asia"   // Asia-Pacific (legacy .asia tenants)
)

func (r Region) valid() bool {
	switch r {
	case RegionNA, RegionCA, RegionEU, RegionAU, RegionSG, RegionAP:
		return true
	}
	return false
}

// APIURL returns the region's management API base, such as
// https://api.pingone.eu/v1.
func (r Region) APIURL() string { return "https://api.pingone." + string(r) + "/v1" }

// AuthURL returns the region's auth host, such as https://auth.pingone.eu.
func (r Region) AuthURL() string { return "https://auth.pingone." + string(r) }

// core runs every request: authentication, retries, rate limits, logging
// and decoding. It knows no resource family; [Client] wires the families
// onto it.
type core struct {
	apiURL  *url.URL // without trailing slash
	authURL *url.URL // without trailing slash

	rc        *retryablehttp.Client
	userAgent string
	logger    *slog.Logger
	retry     RetryPolicy
	audit     auditHeaders
	tokens    *tokenCache // nil for a static token
	limiter   Limiter

	// PingOne's eventual consistency (consistency.go).
	readAfterWrite time.Duration
	propagation    time.Duration
	safeCreates    bool
	recent         recentWrites
}

// ---- options ----

// Option configures a [Client].
type Option func(*config) error

type config struct {
	region      Region
	apiURL      string
	authURL     string
	tokenSource oauth2.TokenSource
	creds       *clientCredentials
	httpClient  *http.Client
	userAgent   string
	logger      *slog.Logger
	retry       *RetryPolicy
	limiter     Limiter
	audit       auditHeaders
	authSet     int
	static      bool
	// responseTimeout bounds the silence of one attempt (see
	// WithResponseTimeout).
	responseTimeout time.Duration
	readAfterWrite  time.Duration
	propagation     time.Duration
	safeCreates     bool
}

type clientCredentials struct {
	envID, clientID, secret string
	style                   oauth2.AuthStyle
}

// WithRegion selects the regional hosts (default [RegionNA]).
func WithRegion(r Region) Option {
	return func(c *config) error {
		if !r.valid() {
			return fmt.Errorf("pingone: unknown region %q (use one of the Region constants)", string(r))
		}
		c.region = r
		return nil
	}
}

// WithBaseURLs sets the management API base (such as
// "https://api.pingone.com/v1") and the auth host (such as
// "https://auth.pingone.com") explicitly, overriding the region. The in-memory
// server in package pingonetest is reached this way.
func WithBaseURLs(apiURL, authURL string) Option {
	return func(c *config) error {
		c.apiURL, c.authURL = apiURL, authURL
		return nil
	}
}

// WithTokenSource authenticates with any [oauth2.TokenSource]: for example
// the one returned by [AuthCodeFlow.TokenSource] after an admin signs in.
func WithTokenSource(ts oauth2.TokenSource) Option {
	return func(c *config) error {
		if ts == nil {
			return errors.New("pingone: WithTokenSource: nil token source")
		}
		c.tokenSource = ts
		c.authSet++
		return nil
	}
}

// WithStaticToken authenticates with a fixed access token, which is never
// refreshed.
func WithStaticToken(token string) Option {
	return func(c *config) error {
		if token == "" {
			return errors.New("pingone: WithStaticToken: empty token")
		}
		c.tokenSource = oauth2.StaticTokenSource(&oauth2.Token{AccessToken: token, TokenType: "Bearer"})
		c.static = true
		c.authSet++
		return nil
	}
}

// WithClientCredentials authenticates as a worker application with the
// client credentials grant against the token endpoint of environmentID (the
// environment the worker app lives in, which may differ from the ones it
// manages). The secret is sent with HTTP Basic authentication
// (client_secret_basic) unless [WithClientSecretPost] is also given. Tokens
// are fetched when first needed and renewed before they expire.
func WithClientCredentials(environmentID, clientID, clientSecret string) Option {
	return func(c *config) error {
		switch {
		case environmentID == "":
			return errors.New("pingone: WithClientCredentials: empty environment ID")
		case clientID == "":
			return errors.New("pingone: WithClientCredentials: empty client ID")
		case clientSecret == "":
			return errors.New("pingone: WithClientCredentials: empty client secret")
		}
		style := oauth2.AuthStyleInHeader
		if c.creds != nil {
			style = c.creds.style
		}
		c.creds = &clientCredentials{envID: environmentID, clientID: clientID, secret: clientSecret, style: style}
		c.authSet++
		return nil
	}
}

// WithClientSecretPost makes [WithClientCredentials] send the secret in the
// form body (client_secret_post) rather than with HTTP Basic.
func WithClientSecretPost() Option {
	return func(c *config) error {
		if c.creds == nil {
			c.creds = &clientCredentials{}
		}
		c.creds.style = oauth2.AuthStyleInParams
		return nil
	}
}

// WithHTTPClient sets the HTTP client whose transport carries the requests.
// The client is copied, never modified.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) error {
		if hc == nil {
			return errors.New("pingone: WithHTTPClient: nil client")
		}
		cp := *hc
		c.httpClient = &cp
		return nil
	}
}

// WithUserAgent sets the User-Agent header; the SDK's own name and version
// are appended.
func WithUserAgent(ua string) Option {
	return func(c *config) error {
		if strings.ContainsAny(ua, "\r\n") {
			return errors.New("pingone: WithUserAgent: line break in user agent")
		}
		c.userAgent = ua
		return nil
	}
}

// WithLogger logs one record per HTTP attempt at debug level (method, path,
// status, duration, attempt, correlation id) and retries at info level. It
// never logs headers, tokens, secrets, query strings or bodies. The default
// is silent.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		c.logger = l
		return nil
	}
}

// WithRetryPolicy replaces the default [RetryPolicy].
func WithRetryPolicy(p RetryPolicy) Option {
	return func(c *config) error {
		if p.MaxRetries < 0 || p.MinWait < 0 || p.MaxWait < 0 || p.MaxRetryAfter < 0 {
			return errors.New("pingone: WithRetryPolicy: negative value")
		}
		c.retry = &p
		return nil
	}
}

// WithResponseTimeout bounds how long one attempt waits for the response
// headers and, once they came, for each further part of the body (default
// [DefaultResponseTimeout]; 0 turns it off and leaves only the context and
// the http.Client's own Timeout). An attempt that times out counts as a
// broken connection: retried when the method is safe to repeat.
func WithResponseTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return errors.New("pingone: WithResponseTimeout: negative duration")
		}
		c.responseTimeout = d
		return nil
	}
}

// WithExternalTransactionID sends X-Ping-External-Transaction-ID on every
// request (a per-call value set with [ContextWithExternalTransactionID] wins).
func WithExternalTransactionID(id string) Option {
	return func(c *config) error { c.audit.transactionID = sanitizeAudit(id); return nil }
}

// WithExternalSessionID sends X-Ping-External-Session-ID on every request (a
// per-call value set with [ContextWithExternalSessionID] wins).
func WithExternalSessionID(id string) Option {
	return func(c *config) error { c.audit.sessionID = sanitizeAudit(id); return nil }
}

// newCore checks the options and builds the core. It does no I/O.
func newCore(opts ...Option) (*core, error) {
	cfg := config{
		region:          RegionNA,
		responseTimeout: DefaultResponseTimeout,
		readAfterWrite:  DefaultReadAfterWriteWindow,
		propagation:     DefaultPermissionPropagationWindow,
	}
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	if cfg.creds != nil && cfg.creds.clientID == "" {
		return nil, errors.New("pingone: NewClient: WithClientSecretPost needs WithClientCredentials")
	}
	if cfg.authSet == 0 {
		return nil, errors.New("pingone: NewClient: no credentials: use WithClientCredentials, WithTokenSource or WithStaticToken")
	}
	if cfg.authSet > 1 {
		return nil, errors.New("pingone: NewClient: more than one credential option given")
	}
	apiURL, authURL := cfg.region.APIURL(), cfg.region.AuthURL()
	if cfg.apiURL != "" || cfg.authURL != "" {
		apiURL, authURL = cfg.apiURL, cfg.authURL
	}
	au, err := parseBase("API", apiURL)
	if err != nil {
		return nil, err
	}
	hu, err := parseBase("auth", authURL)
	if err != nil {
		return nil, err
	}
	base := cfg.httpClient
	if base == nil {
		base = &http.Client{}
	}
	baseRT := base.Transport
	if baseRT == nil {
		baseRT = http.DefaultTransport
	}

	c := &core{apiURL: au, authURL: hu, logger: cfg.logger, audit: cfg.audit,
		readAfterWrite: cfg.readAfterWrite, propagation: cfg.propagation, safeCreates: cfg.safeCreates}
	c.userAgent = "pingone-go/" + Version
	if cfg.userAgent != "" {
		c.userAgent = cfg.userAgent + " " + c.userAgent
	}
	c.retry = DefaultRetryPolicy()
	if cfg.retry != nil {
		c.retry = *cfg.retry
	}

	// Every source but a static token goes through a tokenCache: waits end
	// with the caller's context, fetches are bounded, and a token PingOne
	// rejects early can be renewed.
	var src oauth2.TokenSource
	switch {
	case cfg.creds != nil:
		cc := clientcredentials.Config{
			ClientID:     cfg.creds.clientID,
			ClientSecret: cfg.creds.secret,
			TokenURL:     tokenURL(hu, cfg.creds.envID),
			AuthStyle:    cfg.creds.style,
		}
		policy := c.retry
		c.tokens = newTokenCache(nil, func(ctx context.Context) (*oauth2.Token, error) {
			ctx = context.WithValue(ctx, oauth2.HTTPClient, base)
			return retryTokenRequest(ctx, policy, true, cc.Token)
		})
	case cfg.static:
		src = cfg.tokenSource
	default:
		if tc, ok := cfg.tokenSource.(*tokenCache); ok {
			c.tokens = tc
		} else {
			ts := cfg.tokenSource
			c.tokens = newTokenCache(nil, func(context.Context) (*oauth2.Token, error) { return ts.Token() })
		}
	}

	// Layers, outermost first: retryablehttp, the bearer token (added only
	// for the API and auth hosts), then the attempt layer (rate limit,
	// timeouts, logging) over the caller's transport. The host guard on
	// redirects always applies, whatever the caller's own CheckRedirect
	// says.
	if cfg.limiter == nil {
		cfg.limiter = NewAdaptiveLimiter(0, defaultBurst)
	}
	c.limiter = cfg.limiter
	attempt := &attemptTransport{base: baseRT, limiter: cfg.limiter, logger: cfg.logger, timeout: cfg.responseTimeout}
	callerRedirect := base.CheckRedirect
	authed := &http.Client{
		Transport: &bearerTransport{static: src, tokens: c.tokens, base: attempt, hosts: []*url.URL{au, hu}},
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if err := c.checkRedirect(req, via); err != nil {
				return err
			}
			if callerRedirect != nil {
				return callerRedirect(req, via)
			}
			return nil
		},
		Jar:     base.Jar,
		Timeout: base.Timeout,
	}
	c.rc = &retryablehttp.Client{
		HTTPClient:   authed,
		Logger:       nil,
		RetryWaitMin: c.retry.MinWait,
		RetryWaitMax: c.retry.MaxWait,
		// checkRetry keeps the budgets: MaxRetries for failures, the
		// windows for replication lag and permission propagation.
		RetryMax:     c.retry.MaxRetries + maxWindowRetries,
		CheckRetry:   c.checkRetry,
		Backoff:      c.backoff,
		ErrorHandler: retryablehttp.PassthroughErrorHandler,
	}
	return c, nil
}

func parseBase(name, raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimRight(raw, "/"))
	if err != nil {
		return nil, fmt.Errorf("pingone: bad %s base URL: %w", name, err)
	}
	if (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("pingone: bad %s base URL %q: need an absolute http(s) URL", name, raw)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("pingone: bad %s base URL %q: no query or fragment allowed", name, raw)
	}
	return u, nil
}

// tokenURL returns the token endpoint of an environment on the auth host.
func tokenURL(auth *url.URL, envID string) string {
	return auth.String() + "/" + url.PathEscape(envID) + "/as/token"
}
