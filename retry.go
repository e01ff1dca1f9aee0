package pingone

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"time"
	"unicode"
)

// RetryPolicy says how failed attempts are retried.
//
// Which failures are retried does not depend on the policy: 429 and 503 are
// retried for every method (PingOne did not act on the request); other 5xx,
// 408 and connection errors only for GET, HEAD, PUT and DELETE, which are
// safe to repeat. A POST or PATCH the server may have acted on is never sent
// twice. MaxRetries is one budget for every reason to send again (a status,
// a broken connection, a response timeout, a body cut short).
type RetryPolicy struct {
	// MaxRetries is the number of retries after the first attempt (0: none).
	MaxRetries int
	// MinWait and MaxWait bound the exponential backoff, with full jitter.
	MinWait, MaxWait time.Duration
	// MaxRetryAfter caps a server's Retry-After. A longer Retry-After ends
	// the retries and returns the error, whose RetryAfter says how long the
	// server asked to wait.
	MaxRetryAfter time.Duration
}

// DefaultRetryPolicy returns the policy used when none is set: 4 retries,
// backoff from 500ms to 30s, Retry-After honoured up to 60s.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{MaxRetries: 4, MinWait: 500 * time.Millisecond, MaxWait: 30 * time.Second, MaxRetryAfter: 60 * time.Second}
}

// idempotent reports whether a method may be repeated after the server might
// have acted on it.
func idempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions:
		return true
	}
	return false
}

// checkRetry decides whether an attempt is retried.
func (c *core) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	st := stateFrom(ctx)
	if st == nil {
		st = &callState{method: http.MethodGet}
	}
	if err != nil {
		var tf *tokenFailure
		var le *limiterError
		if errors.As(err, &tf) || errors.As(err, &le) {
			return false, nil // not sent: the token fetch retries on its own
		}
		// No response: a connection error. The server may have acted, so it
		// is safe to repeat only when the method is idempotent.
		st.acted = true
		return idempotent(st.method) && st.attempts-st.windowRetries <= c.retry.MaxRetries, nil
	}
	if resp.StatusCode < 300 {
		c.limiter.Observe(Feedback{Status: resp.StatusCode, Header: resp.Header, Sent: st.sent})
		return false, nil
	}
	e := peekAPIError(resp)
	c.limiter.Observe(Feedback{Status: resp.StatusCode, Throttled: e.Throttled, RetryAfter: e.RetryAfter, Header: resp.Header, Sent: st.sent})
	reason := ""
	switch code := resp.StatusCode; {
	case e.Throttled || code == http.StatusServiceUnavailable:
		// PingOne did not act on the request.
		if _, ok := c.retry.wait(0, resp); !ok {
			return false, nil
		}
		reason = "throttled"
		st.heldBack = e.Throttled && handlesThrottling(c.limiter)
	case code == http.StatusRequestTimeout || code >= 500 && code != http.StatusNotImplemented:
		// A 500 UNEXPECTED_ERROR, a gateway's 502 or 504: the server may
		// have acted, so only a request that is safe to repeat goes again.
		st.acted = true
		if !idempotent(st.method) {
			return false, nil
		}
		reason = "server error"
	case lagging(st, resp, e, time.Now()):
		return c.retryInWindow(ctx, st, e, "read-after-write: a resource written lately is not visible yet")
	case propagating(resp, e) && time.Now().Before(st.roleUntil):
		return c.retryInWindow(ctx, st, e, "permission propagation: a role assigned lately is not in effect yet")
	default:
		return false, nil
	}
	if st.attempts-st.windowRetries > c.retry.MaxRetries {
		return false, nil
	}
	st.last = e
	c.logInfo(ctx, "pingone retry", "method", st.method, "path", st.path, "status", resp.StatusCode, "reason", reason, "attempt", st.attempts)
	return true, nil
}

// maxWindowRetries bounds the retries made while waiting out replication
// lag or permission propagation (the window bounds them in time).
const maxWindowRetries = 30

// retryInWindow retries an answer that a recent write explains, until its
// window ends. These retries have their own budget: a window is a span of
// time, not a number of failures.
func (c *core) retryInWindow(ctx context.Context, st *callState, e *APIError, reason string) (bool, error) {
	if st.windowRetries >= maxWindowRetries {
		return false, nil
	}
	st.windowRetries++
	st.last = e
	c.logInfo(ctx, "pingone retry", "method", st.method, "path", st.path, "status", e.StatusCode, "reason", reason, "attempt", st.attempts)
	return true, nil
}

// peekAPIError builds the error of a response that is about to be retried,
// leaving its body readable: should the caller's context end before the
// next attempt, the error still says what PingOne answered.
func peekAPIError(resp *http.Response) *APIError {
	data, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(data))
	return newAPIError("", "", resp, data, 0)
}

// backoff is retryablehttp's Backoff: see RetryPolicy.wait. A throttled
// attempt is retried at once when the limiter holds the retry back itself.
func (c *core) backoff(_, _ time.Duration, attempt int, resp *http.Response) time.Duration {
	if resp != nil && resp.Request != nil {
		if st := stateFrom(resp.Request.Context()); st != nil && st.heldBack {
			st.heldBack = false
			return 0
		}
	}
	d, _ := c.retry.wait(attempt, resp)
	return d
}

// wait returns the wait before retry number attempt+1: the server's
// Retry-After when resp has one, else exponential backoff with full jitter
// between MinWait and MaxWait. ok is false when the server asks for longer
// than MaxRetryAfter (the retries then end).
func (p RetryPolicy) wait(attempt int, resp *http.Response) (d time.Duration, ok bool) {
	if resp != nil {
		if d, ok := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			return min(d, p.MaxRetryAfter), d <= p.MaxRetryAfter
		}
	}
	minWait, maxWait := p.MinWait, p.MaxWait
	if minWait <= 0 {
		return 0, true
	}
	ceiling := maxWait
	if attempt < 30 {
		ceiling = min(maxWait, minWait<<attempt)
	}
	if ceiling <= minWait {
		return minWait, true
	}
	// Full jitter between minWait and the exponential ceiling.
	return minWait + rand.N(ceiling-minWait), true
}

// ---- audit headers ----

// auditHeaders are PingOne's optional audit correlation headers.
type auditHeaders struct {
	transactionID string
	sessionID     string
}

type auditKey struct{}

// ContextWithExternalTransactionID returns a context whose calls send
// X-Ping-External-Transaction-ID: id. PingOne echoes it in its audit
// records. Characters PingOne does not accept become "_" and the value is
// cut to 100 characters, as PingOne itself would.
func ContextWithExternalTransactionID(ctx context.Context, id string) context.Context {
	a := auditFrom(ctx)
	a.transactionID = sanitizeAudit(id)
	return context.WithValue(ctx, auditKey{}, a)
}

// ContextWithExternalSessionID returns a context whose calls send
// X-Ping-External-Session-ID: id (sanitized like the transaction id).
func ContextWithExternalSessionID(ctx context.Context, id string) context.Context {
	a := auditFrom(ctx)
	a.sessionID = sanitizeAudit(id)
	return context.WithValue(ctx, auditKey{}, a)
}

func auditFrom(ctx context.Context) auditHeaders {
	a, _ := ctx.Value(auditKey{}).(auditHeaders)
	return a
}

// merge returns a with the values of override that are set.
func (a auditHeaders) merge(override auditHeaders) auditHeaders {
	if override.transactionID != "" {
		a.transactionID = override.transactionID
	}
	if override.sessionID != "" {
		a.sessionID = override.sessionID
	}
	return a
}

func (a auditHeaders) apply(h http.Header) {
	if a.transactionID != "" {
		h.Set("X-Ping-External-Transaction-ID", a.transactionID)
	}
	if a.sessionID != "" {
		h.Set("X-Ping-External-Session-ID", a.sessionID)
	}
}

// sanitizeAudit keeps letters, marks, digits and . _ - / @ = # +, turns any
// other rune into "_", and keeps at most 100 runes. No line break can reach a
// header this way.
func sanitizeAudit(s string) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		if n == 100 {
			break
		}
		switch {
		case unicode.IsLetter(r), unicode.IsMark(r), unicode.IsDigit(r), strings.ContainsRune("._-/@=#+", r):
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
		n++
	}
	return b.String()
}
