package pingone

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/oauth2"
)

// checkRedirect follows a redirect only to the API or auth host over the
// same scheme: the bearer token is added to every request, so a redirect
// elsewhere would hand it to another server. Other redirects are returned
// as they are (an *APIError with the 3xx status).
func (c *core) checkRedirect(req *http.Request, via []*http.Request) error {
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

// endedWhileRetrying is the error of a call whose context ended while it
// waited to retry: it matches the context's error and, when an answer came
// before, that answer's *APIError (so a call cut short in a 429 storm still
// matches ErrRateLimited).
func endedWhileRetrying(ctxErr error, st *callState, method, path string) error {
	if st.last == nil {
		return ctxErr
	}
	last := st.last
	last.Method, last.Path, last.Attempts = method, path, max(st.attempts, 1)
	return &retryEndedError{ctxErr: ctxErr, last: last}
}

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
	limiter Limiter
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
			return nil, &limiterError{err: err}
		}
	}
	if st != nil {
		st.attempts++
		st.sent = time.Now()
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
