package pingone

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/go-retryablehttp"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
	"golang.org/x/time/rate"
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

// Client talks to the PingOne management API. It is safe for concurrent use.
// Create one with [NewClient] and share it; [Client.Environment] gives the
// environment-scoped services.
type Client struct {
	apiURL  *url.URL // without trailing slash
	authURL *url.URL // without trailing slash

	rc        *retryablehttp.Client
	baseHTTP  *http.Client // the caller's client, copied: used for token requests
	userAgent string
	logger    *slog.Logger
	retry     RetryPolicy
	audit     auditHeaders
	tokens    *tokenCache // nil for sources the client cannot renew

	common service

	// Roles holds the organization-level system roles.
	Roles *SystemRolesService
	// UserInfo reads the signed-in user's OpenID Connect claims.
	UserInfo *UserInfoService
}

// Environment is a handle on one PingOne environment: the services of every
// environment-scoped resource family. It is cheap to create and does no I/O.
type Environment struct {
	// ID is the environment's ID.
	ID string

	common service

	Populations        *PopulationsService
	Users              *UsersService
	Groups             *GroupsService
	Applications       *ApplicationsService
	Roles              *CustomRolesService
	PasswordPolicies   *PasswordPoliciesService
	SignOnPolicies     *SignOnPoliciesService
	DeviceAuthPolicies *DeviceAuthPoliciesService
	IdentityProviders  *IdentityProvidersService
	MFA                *MFAService
	Certificates       *CertificatesService
}

// service is the state every service shares: the client and, for
// environment-scoped services, the environment ID.
type service struct {
	client *Client
	envID  string
}

// Environment returns the handle on environment id. An empty id is reported
// by each call, not here.
func (c *Client) Environment(id string) *Environment {
	e := &Environment{ID: id, common: service{client: c, envID: id}}
	e.Populations = (*PopulationsService)(&e.common)
	e.Users = (*UsersService)(&e.common)
	e.Groups = (*GroupsService)(&e.common)
	e.Applications = (*ApplicationsService)(&e.common)
	e.Roles = (*CustomRolesService)(&e.common)
	e.PasswordPolicies = (*PasswordPoliciesService)(&e.common)
	e.SignOnPolicies = (*SignOnPoliciesService)(&e.common)
	e.DeviceAuthPolicies = (*DeviceAuthPoliciesService)(&e.common)
	e.IdentityProviders = (*IdentityProvidersService)(&e.common)
	e.MFA = (*MFAService)(&e.common)
	e.Certificates = (*CertificatesService)(&e.common)
	return e
}

// APIURL returns the management API base URL in use.
func (c *Client) APIURL() string { return c.apiURL.String() }

// AuthURL returns the auth host base URL in use.
func (c *Client) AuthURL() string { return c.authURL.String() }

// path builds an environment-scoped path from escaped segments. It reports an
// empty environment ID or an empty segment (a missing ID) as an error.
func (s *service) path(segments ...string) (string, error) {
	if err := checkSegment("environmentID", s.envID); err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString("/environments/")
	b.WriteString(url.PathEscape(s.envID))
	for _, seg := range segments {
		if err := checkSegment("ID", seg); err != nil {
			return "", err
		}
		b.WriteByte('/')
		b.WriteString(url.PathEscape(seg))
	}
	return b.String(), nil
}

// checkSegment refuses an empty path segment (a missing ID) and the dot
// segments "." and "..", which a proxy would resolve into a call on another
// resource.
func checkSegment(name, seg string) error {
	switch seg {
	case "":
		return missing(name)
	case ".", "..":
		return &ArgumentError{Name: name, Problem: "is not a valid ID: " + seg}
	}
	return nil
}

// ids checks that each named ID is non-empty, in order, so that errors name
// the argument.
func ids(pairs ...string) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i+1] == "" {
			return missing(pairs[i])
		}
	}
	return nil
}

// request describes one call.
type request struct {
	method      string
	path        string // API path ("/environments/…"), or a full URL when absolute
	query       url.Values
	body        any    // encoded as JSON unless rawBody is set
	rawBody     []byte // a body already encoded (multipart)
	contentType string // overrides application/json
	auth        bool   // path is on the auth host
	out         any    // decoded from a 2xx body when non-nil
	// decode, when set, reads a 2xx body instead of out. The bytes are
	// only valid during the call.
	decode func(data []byte) error
}

// requestOption adjusts a request: content type overrides and the like.
type requestOption func(*request)

// withContentType sends the body with a vendor content type.
func withContentType(ct string) requestOption { return func(r *request) { r.contentType = ct } }

// do sends a request and decodes a 2xx body into out (when both exist).
func (s *service) do(ctx context.Context, method, path string, body, out any, opts ...requestOption) error {
	r := request{method: method, path: path, body: body, out: out}
	for _, o := range opts {
		o(&r)
	}
	return s.client.send(ctx, &r)
}

// doQuery is do with query parameters.
func (s *service) doQuery(ctx context.Context, method, path string, q url.Values, body, out any, opts ...requestOption) error {
	r := request{method: method, path: path, query: q, body: body, out: out}
	for _, o := range opts {
		o(&r)
	}
	return s.client.send(ctx, &r)
}

// callState travels in the request context through the retrying transport:
// the method (for the retry decision), the attempts made, and what the
// attempts saw. One budget (RetryPolicy.MaxRetries) covers every reason to
// send again: a status, a broken connection or a body cut short.
type callState struct {
	method   string
	path     string
	attempts int       // attempts that reached the wire
	bearer   string    // the access token of the last attempt (never logged)
	renewed  bool      // the token was renewed once after a 401
	acted    bool      // an earlier attempt may have been acted on (5xx, 408, connection lost)
	last     *APIError // the last retryable answer, for an error when ctx ends while waiting
}

type callStateKey struct{}

func stateFrom(ctx context.Context) *callState {
	st, _ := ctx.Value(callStateKey{}).(*callState)
	return st
}

// maxSuccessBody bounds a 2xx body (a page of 1,000 users is about 1 MiB).
const maxSuccessBody = 64 << 20

// bufPool holds response buffers: a page of 1,000 users is about 1.5 MiB,
// and reading it into a fresh, growing slice every time costs more than
// decoding it.
var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

const maxPooledBuffer = 8 << 20

// send performs the request and decodes a 2xx body (into r.out, or with
// r.decode).
func (c *Client) send(ctx context.Context, r *request) error {
	if ctx == nil {
		return missing("context")
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	u, err := c.resolve(r)
	if err != nil {
		return err
	}
	var body []byte
	contentType := r.contentType
	switch {
	case r.rawBody != nil:
		body = r.rawBody
	case r.body != nil:
		body, err = encodeJSON(r.body)
		if err != nil {
			return fmt.Errorf("pingone: encoding %s %s request: %w", r.method, u.Path, err)
		}
		if contentType == "" {
			contentType = "application/json"
		}
	}
	st := &callState{method: r.method, path: u.Path}
	ctx = context.WithValue(ctx, callStateKey{}, st)
	var bodyReader any
	if body != nil {
		bodyReader = body
	}
	req, err := retryablehttp.NewRequestWithContext(ctx, r.method, u.String(), bodyReader)
	if err != nil {
		return fmt.Errorf("pingone: building %s %s: %w", r.method, u.Path, err)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	c.audit.merge(auditFrom(ctx)).apply(req.Header)

	buf := bufPool.Get().(*bytes.Buffer)
	defer func() {
		if buf.Cap() <= maxPooledBuffer {
			bufPool.Put(buf)
		}
	}()
	var status int
	for bodyTries := 0; ; bodyTries++ {
		var readErr error
		status, readErr, err = c.exchange(req, buf)
		if err != nil {
			if apiErr, ok := err.(*APIError); ok {
				// A token PingOne rejects before its expiry (revoked, or a
				// clock out of step) is renewed once and the request sent
				// again: PingOne did not act on it. Every caller whose
				// request carried the rejected token waits for the same
				// renewal.
				if apiErr.StatusCode == http.StatusUnauthorized && !st.renewed && c.tokens != nil && st.bearer != "" {
					st.renewed = true
					c.tokens.invalidate(st.bearer)
					if tok, terr := c.tokens.tokenCtx(ctx); terr == nil && tok.AccessToken != st.bearer {
						continue
					}
				}
				// A DELETE sent again after an answer was lost (a 502, a
				// broken connection) finds the resource gone: the first
				// attempt deleted it.
				if r.method == http.MethodDelete && apiErr.StatusCode == http.StatusNotFound && st.acted {
					return nil
				}
				apiErr.Method, apiErr.Path, apiErr.Attempts = r.method, u.Path, max(st.attempts, 1)
				return apiErr
			}
			if ctxErr := ctx.Err(); ctxErr != nil {
				return c.endedWhileRetrying(ctxErr, st, r.method, u.Path)
			}
			var le *limiterError
			if errors.As(err, &le) {
				return &TransportError{Method: r.method, Path: u.Path, Attempts: st.attempts, Err: le}
			}
			return &TransportError{Method: r.method, Path: u.Path, Attempts: max(st.attempts, 1), Err: tokenErr(unwrapURLError(err))}
		}
		if readErr == nil {
			break
		}
		if ctxErr := ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		// The connection broke in the middle of the body. A request that
		// is safe to repeat is sent again, within the same retry budget.
		if !idempotent(r.method) || st.attempts > c.retry.MaxRetries {
			return &TransportError{Method: r.method, Path: u.Path, Attempts: max(st.attempts, 1), Err: fmt.Errorf("reading response body: %w", readErr)}
		}
		st.acted = true
		wait, _ := c.retry.wait(bodyTries, nil)
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return ctx.Err()
		case <-timer.C:
		}
	}
	if buf.Len() > maxSuccessBody {
		return &TransportError{Method: r.method, Path: u.Path, Attempts: max(st.attempts, 1), Err: errors.New("response body over 64 MiB")}
	}
	data := buf.Bytes()
	if len(bytes.TrimSpace(data)) == 0 {
		if r.decode != nil {
			return r.decode(nil)
		}
		return nil
	}
	switch {
	case r.decode != nil:
		err = r.decode(data)
	case r.out != nil:
		err = decodeJSON(data, r.out)
	}
	if err != nil {
		return &DecodeError{Method: r.method, Path: u.Path, Status: status, Err: err}
	}
	return nil
}

// exchange sends req (with retries) and reads a 2xx body into buf. It
// returns the status, an error reading the body (the connection broke), or
// the error of the exchange: an *APIError for a non-2xx status.
func (c *Client) exchange(req *retryablehttp.Request, buf *bytes.Buffer) (int, error, error) {
	resp, err := c.rc.Do(req)
	if err != nil {
		if resp != nil {
			resp.Body.Close()
		}
		return 0, nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		data, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
		return resp.StatusCode, nil, newAPIError("", "", resp, data, 0)
	}
	buf.Reset()
	if resp.ContentLength > 0 && resp.ContentLength <= maxSuccessBody {
		buf.Grow(int(resp.ContentLength) + bytes.MinRead)
	}
	_, readErr := buf.ReadFrom(io.LimitReader(resp.Body, maxSuccessBody+1))
	return resp.StatusCode, readErr, nil
}

// DecodeError reports a 2xx response whose body is not JSON at all. (Type
// mismatches inside valid JSON never fail a response: see the package doc.)
type DecodeError struct {
	Method, Path string
	Status       int
	Err          error
}

func (e *DecodeError) Error() string {
	return fmt.Sprintf("pingone: %s %s: decoding %d response: %v", e.Method, e.Path, e.Status, e.Err)
}

func (e *DecodeError) Unwrap() error { return e.Err }

// unwrapURLError drops the *url.Error wrapper, whose text repeats the full URL
// (with its query, which can hold a filter on personal data).
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// resolve turns a request's path into a URL on the API or auth host.
func (c *Client) resolve(r *request) (*url.URL, error) {
	if strings.HasPrefix(r.path, "https://") || strings.HasPrefix(r.path, "http://") {
		u, err := url.Parse(r.path)
		if err != nil {
			return nil, fmt.Errorf("pingone: bad URL: %w", err)
		}
		if !c.sameAPIHost(u) {
			return nil, fmt.Errorf("pingone: refusing to follow a link off the API host %s: %s", c.apiURL.Host, u.Host)
		}
		if r.query != nil {
			q := u.Query()
			for k, v := range r.query {
				q[k] = v
			}
			u.RawQuery = q.Encode()
		}
		return u, nil
	}
	base := c.apiURL
	if r.auth {
		base = c.authURL
	}
	u := *base
	u.RawPath = ""
	u.Path = base.Path + unescapedPath(r.path)
	u.RawPath = base.EscapedPath() + r.path
	if r.query != nil {
		u.RawQuery = r.query.Encode()
	}
	return &u, nil
}

func unescapedPath(p string) string {
	s, err := url.PathUnescape(p)
	if err != nil {
		return p
	}
	return s
}

// sameAPIHost reports whether u is on the configured API host and under its
// base path: pagination links are only followed there, so that a tampered
// link cannot send the bearer token elsewhere.
func (c *Client) sameAPIHost(u *url.URL) bool {
	return strings.EqualFold(u.Scheme, c.apiURL.Scheme) &&
		strings.EqualFold(u.Host, c.apiURL.Host) &&
		strings.HasPrefix(u.EscapedPath(), c.apiURL.EscapedPath()+"/")
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
	rateLimit   *rate.Limiter
	audit       auditHeaders
	authSet     int
	static      bool
	// responseTimeout bounds the silence of one attempt (see
	// WithResponseTimeout).
	responseTimeout time.Duration
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

// WithRateLimit limits the client to perSecond requests per second (with
// bursts of burst), shared by every goroutine using the client. PingOne's
// limits are per licence and shared by all its environments, so several
// tools on one licence may want to divide them. Each attempt, retries
// included, takes a token; waiting honours the context.
func WithRateLimit(perSecond float64, burst int) Option {
	return func(c *config) error {
		if perSecond <= 0 || burst < 1 {
			return errors.New("pingone: WithRateLimit: need perSecond > 0 and burst >= 1")
		}
		c.rateLimit = rate.NewLimiter(rate.Limit(perSecond), burst)
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

// NewClient returns a client configured by opts. It does no I/O and reads no
// environment variables or files; it only checks the options. Exactly one of
// [WithClientCredentials], [WithTokenSource] or [WithStaticToken] is needed.
func NewClient(opts ...Option) (*Client, error) {
	cfg := config{region: RegionNA, responseTimeout: DefaultResponseTimeout}
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

	c := &Client{apiURL: au, authURL: hu, baseHTTP: base, logger: cfg.logger, audit: cfg.audit}
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
	// timeouts, logging) over the caller's transport.
	attempt := &attemptTransport{base: baseRT, limiter: cfg.rateLimit, logger: cfg.logger, timeout: cfg.responseTimeout}
	callerRedirect := base.CheckRedirect
	authed := &http.Client{
		Transport: &bearerTransport{static: src, tokens: c.tokens, base: attempt, hosts: []*url.URL{au, hu}},
		// The host guard always applies, whatever the caller's own
		// CheckRedirect says.
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
		RetryMax:     c.retry.MaxRetries,
		CheckRetry:   c.checkRetry,
		Backoff:      c.backoff,
		ErrorHandler: retryablehttp.PassthroughErrorHandler,
	}
	c.common = service{client: c}
	c.Roles = (*SystemRolesService)(&c.common)
	c.UserInfo = (*UserInfoService)(&c.common)
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

// checkRedirect follows a redirect only to the API or auth host over the
// same scheme: the bearer token is added to every request, so a redirect
// elsewhere would hand it to another server. Other redirects are returned
// as they are (an *APIError with the 3xx status).
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= 10 {
		return http.ErrUseLastResponse
	}
	for _, base := range []*url.URL{c.apiURL, c.authURL} {
		if strings.EqualFold(req.URL.Scheme, base.Scheme) && strings.EqualFold(req.URL.Host, base.Host) {
			return nil
		}
	}
	return http.ErrUseLastResponse
}

// bearerTransport adds the access token to each attempt whose host is the
// API or the auth host, and to no other: whatever redirect or link a
// request follows, the token never reaches a third party. Unlike
// oauth2.Transport it waits for a token only as long as the request's
// context allows.
type bearerTransport struct {
	static oauth2.TokenSource // a fixed token, when tokens is nil
	tokens *tokenCache
	base   http.RoundTripper
	hosts  []*url.URL
}

func (t *bearerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if !t.ownHost(req.URL) {
		return t.base.RoundTrip(req)
	}
	var tok *oauth2.Token
	var err error
	if t.tokens != nil {
		tok, err = t.tokens.tokenCtx(req.Context())
	} else {
		tok, err = t.static.Token()
	}
	if err != nil {
		if req.Body != nil {
			req.Body.Close()
		}
		if ctxErr := req.Context().Err(); ctxErr != nil {
			return nil, ctxErr
		}
		return nil, &tokenFailure{err: tokenErr(err)}
	}
	r2 := req.Clone(req.Context())
	tok.SetAuthHeader(r2)
	return t.base.RoundTrip(r2)
}

func (t *bearerTransport) ownHost(u *url.URL) bool {
	for _, h := range t.hosts {
		if strings.EqualFold(u.Scheme, h.Scheme) && strings.EqualFold(u.Host, h.Host) {
			return true
		}
	}
	return false
}

// tokenFailure is a failure to get a token. It is never retried by the
// request's retries: the token fetch has its own (see retryTokenRequest).
type tokenFailure struct{ err error }

func (e *tokenFailure) Error() string { return e.err.Error() }
func (e *tokenFailure) Unwrap() error { return e.err }

// limiterError reports that waiting for the client-side rate limit would
// outlast the context's deadline: the request was not sent.
type limiterError struct{}

func (*limiterError) Error() string {
	return "waiting for the client-side rate limit would pass the context deadline: not sent"
}

// Unwrap makes the error match context.DeadlineExceeded.
func (*limiterError) Unwrap() error { return context.DeadlineExceeded }

// endedWhileRetrying is the error of a call whose context ended while it
// waited to retry: it matches the context's error and, when an answer came
// before, that answer's *APIError (so a call cut short in a 429 storm still
// matches ErrRateLimited).
func (c *Client) endedWhileRetrying(ctxErr error, st *callState, method, path string) error {
	if st.last == nil {
		return ctxErr
	}
	last := st.last
	last.Method, last.Path, last.Attempts = method, path, max(st.attempts, 1)
	return &retryEndedError{ctxErr: ctxErr, last: last}
}

// retryEndedError is a context that ended between attempts, with the last
// answer received.
type retryEndedError struct {
	ctxErr error
	last   *APIError
}

func (e *retryEndedError) Error() string {
	return e.last.Error() + "; then " + e.ctxErr.Error() + " while waiting to retry"
}

func (e *retryEndedError) Unwrap() []error { return []error{e.ctxErr, e.last} }

// DefaultResponseTimeout is how long an attempt waits for the response
// headers and, after them, for each part of the body, unless
// [WithResponseTimeout] says otherwise.
const DefaultResponseTimeout = 60 * time.Second

// errResponseTimeout ends an attempt whose server went quiet.
var errResponseTimeout = errors.New("no response from the server within the response timeout")

// attemptTransport is the innermost layer: one pass per attempt. It applies
// the client-side rate limit, counts the attempt, bounds how long the
// server may stay silent, and logs the attempt.
type attemptTransport struct {
	base    http.RoundTripper
	limiter *rate.Limiter
	logger  *slog.Logger
	timeout time.Duration
}

func (t *attemptTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	st := stateFrom(ctx)
	if t.limiter != nil {
		if err := t.limiter.Wait(ctx); err != nil {
			if req.Body != nil {
				req.Body.Close()
			}
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, &limiterError{}
		}
	}
	if st != nil {
		st.attempts++
		st.bearer = strings.TrimPrefix(req.Header.Get("Authorization"), "Bearer ")
	}
	start := time.Now()
	resp, err := t.roundTrip(req)
	if t.logger == nil {
		return resp, err
	}
	attrs := []slog.Attr{
		slog.String("method", req.Method),
		slog.String("path", req.URL.Path),
		slog.Duration("duration", time.Since(start)),
	}
	if st != nil {
		attrs = append(attrs, slog.Int("attempt", st.attempts))
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", unwrapURLError(err).Error()))
		t.logger.LogAttrs(ctx, slog.LevelDebug, "pingone request failed", attrs...)
		return nil, err
	}
	attrs = append(attrs, slog.Int("status", resp.StatusCode))
	if cid := resp.Header.Get("Correlation-Id"); cid != "" {
		attrs = append(attrs, slog.String("correlation_id", cid))
	}
	t.logger.LogAttrs(ctx, slog.LevelDebug, "pingone request", attrs...)
	return resp, nil
}

// roundTrip sends one attempt under the response timeout: the headers must
// come within it, and then the body may not stall for longer.
func (t *attemptTransport) roundTrip(req *http.Request) (*http.Response, error) {
	if t.timeout <= 0 {
		return t.base.RoundTrip(req)
	}
	ctx, cancel := context.WithCancelCause(req.Context())
	timer := time.AfterFunc(t.timeout, func() { cancel(errResponseTimeout) })
	resp, err := t.base.RoundTrip(req.WithContext(ctx))
	if err != nil {
		timer.Stop()
		cancel(nil)
		if context.Cause(ctx) == errResponseTimeout {
			return nil, errResponseTimeout
		}
		return nil, err
	}
	timer.Reset(t.timeout)
	resp.Body = &watchedBody{rc: resp.Body, ctx: ctx, cancel: cancel, timer: timer, timeout: t.timeout}
	return resp, nil
}

// watchedBody ends a body read that stalls for longer than the timeout.
type watchedBody struct {
	rc      io.ReadCloser
	ctx     context.Context
	cancel  context.CancelCauseFunc
	timer   *time.Timer
	timeout time.Duration
}

func (b *watchedBody) Read(p []byte) (int, error) {
	n, err := b.rc.Read(p)
	if err != nil && context.Cause(b.ctx) == errResponseTimeout {
		return n, errResponseTimeout
	}
	b.timer.Reset(b.timeout)
	return n, err
}

func (b *watchedBody) Close() error {
	b.timer.Stop()
	err := b.rc.Close()
	b.cancel(nil)
	return err
}
