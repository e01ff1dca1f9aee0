package pingone

import (
	"context"
	stdjson "encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Sentinel errors, matched by category with [errors.Is]:
//
//	if errors.Is(err, pingone.ErrNotFound) { ... }
//
// An [*APIError] matches every category that applies to it; for example a 400
// whose details carry UNIQUENESS_VIOLATION matches both [ErrInvalidData] and
// [ErrUniquenessViolation].
var (
	ErrNotFound            = errors.New("pingone: not found")
	ErrInvalidData         = errors.New("pingone: invalid data")
	ErrUniquenessViolation = errors.New("pingone: uniqueness violation")
	ErrRateLimited         = errors.New("pingone: rate limited")
	ErrUnauthorized        = errors.New("pingone: unauthorized")
	ErrForbidden           = errors.New("pingone: forbidden")
	ErrServerError         = errors.New("pingone: server error")
)

// maxErrorBody bounds the raw error body kept on an [APIError].
const maxErrorBody = 1 << 20

// APIError is the error returned for every non-2xx response from PingOne.
//
// Codes are open strings: PingOne documents that the code within a status
// class may change, so prefer [errors.Is] with the sentinels, or
// [APIError.HasDetail], over switches on Code.
type APIError struct {
	// StatusCode is the HTTP status.
	StatusCode int
	// Code is PingOne's top-level code, such as "NOT_FOUND" or "INVALID_DATA".
	Code string
	// Message is PingOne's English message, meant for debugging.
	Message string
	// ID identifies the error in PingOne's logs: give it to Ping support.
	ID string
	// Details lists the individual problems, when PingOne gives them.
	Details []ErrorDetail
	// CorrelationID is the response's Correlation-Id header.
	CorrelationID string
	// RetryAfter is the wait the server asked for (429, 503), or zero.
	RetryAfter time.Duration
	// Attempts is how many times the request was sent, retries included.
	Attempts int
	// Method and Path name the request (the path without its query).
	Method, Path string
	// Body is the raw response body, at most 1 MiB.
	Body []byte
	// Extra holds the members of PingOne's error body that this version
	// does not know (Body has the whole body).
	Extra map[string]stdjson.RawMessage
	// Throttled reports an answer that is throttling whatever its status:
	// a 429, or a 403 that PingOne's edge sends when requests come too
	// fast (see throttleSigns). It matches [ErrRateLimited], not
	// [ErrForbidden], and is retried like a 429.
	Throttled bool
}

// ErrorDetail is one item of an error's details.
type ErrorDetail struct {
	Code       string      `json:"code,omitzero"`
	Target     string      `json:"target,omitzero"`
	Message    string      `json:"message,omitzero"`
	InnerError *InnerError `json:"innerError,omitzero"`
	// Extra holds members this version of the SDK does not know.
	Extra map[string]stdjson.RawMessage `json:",embed"`

	wire wireMeta
}

// InnerError holds the machine-readable facts of an [ErrorDetail]. Keys that
// this version does not know are kept in Extra.
type InnerError struct {
	RangeMinimumValue   *float64  `json:"rangeMinimumValue,omitzero"`
	RangeMaximumValue   *float64  `json:"rangeMaximumValue,omitzero"`
	MaximumValue        *float64  `json:"maximumValue,omitzero"`
	AllowedPattern      string    `json:"allowedPattern,omitzero"`
	AllowedValues       []string  `json:"allowedValues,omitzero"`
	ReferencedValues    []string  `json:"referencedValues,omitzero"`
	Claim               string    `json:"claim,omitzero"`
	ExistingID          string    `json:"existingId,omitzero"`
	QuotaLimit          *float64  `json:"quotaLimit,omitzero"`
	QuotaResetTime      time.Time `json:"quotaResetTime,omitzero"`
	RetryAfter          time.Time `json:"retryAfter,omitzero"`
	SupportedAttributes []string  `json:"supportedAttributes,omitzero"`
	SupportedOperators  []string  `json:"supportedOperators,omitzero"`
	// Extra holds the keys not listed above.
	Extra map[string]stdjson.RawMessage `json:",embed"`

	wire wireMeta
}

// errorBody is PingOne's error format.
type errorBody struct {
	ID      string                        `json:"id"`
	Code    string                        `json:"code"`
	Message string                        `json:"message"`
	Details []ErrorDetail                 `json:"details"`
	Extra   map[string]stdjson.RawMessage `json:",embed"`

	wire wireMeta
}

// Error returns one line: method, path, status, code and message, plus the
// error and correlation ids. It never holds request bodies or credentials.
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("pingone: ")
	if e.Method != "" {
		b.WriteString(e.Method)
		b.WriteByte(' ')
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(strconv.Itoa(e.StatusCode))
	if e.Code != "" {
		b.WriteByte(' ')
		b.WriteString(e.Code)
	} else if t := http.StatusText(e.StatusCode); t != "" {
		b.WriteByte(' ')
		b.WriteString(t)
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(oneLine(e.Message, 300))
	}
	for i, d := range e.Details {
		if i == 3 {
			fmt.Fprintf(&b, " (+%d more)", len(e.Details)-i)
			break
		}
		b.WriteString(" [")
		b.WriteString(d.Code)
		if d.Target != "" {
			b.WriteString(" ")
			b.WriteString(d.Target)
		}
		if d.Message != "" {
			b.WriteString(": ")
			b.WriteString(oneLine(d.Message, 200))
		}
		b.WriteString("]")
	}
	var ids []string
	if e.ID != "" {
		ids = append(ids, "id "+e.ID)
	}
	if e.CorrelationID != "" {
		ids = append(ids, "correlation "+e.CorrelationID)
	}
	if e.Attempts > 1 {
		ids = append(ids, strconv.Itoa(e.Attempts)+" attempts")
	}
	if len(ids) > 0 {
		b.WriteString(" (")
		b.WriteString(strings.Join(ids, ", "))
		b.WriteString(")")
	}
	return b.String()
}

// oneLine folds s onto one line and bounds it to n bytes.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > n {
		for n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		s = s[:n] + "…"
	}
	return s
}

// HasDetail reports whether any detail carries code (for example
// "UNIQUENESS_VIOLATION" or "INVALID_FILTER").
func (e *APIError) HasDetail(code string) bool {
	for _, d := range e.Details {
		if d.Code == code {
			return true
		}
	}
	return false
}

// Is matches the sentinel errors by category.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound
	case ErrInvalidData:
		return e.StatusCode == http.StatusBadRequest || e.StatusCode == http.StatusUnprocessableEntity
	case ErrUniquenessViolation:
		return e.StatusCode == http.StatusConflict || e.HasDetail("UNIQUENESS_VIOLATION")
	case ErrRateLimited:
		return e.StatusCode == http.StatusTooManyRequests || e.Throttled
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized
	case ErrForbidden:
		return e.StatusCode == http.StatusForbidden && !e.Throttled
	case ErrServerError:
		return e.StatusCode >= 500
	}
	return false
}

// newAPIError builds the error for a non-2xx response whose body has been
// read (at most maxErrorBody bytes). A body that is not PingOne's JSON (an
// HTML page from a proxy, an empty or truncated body) still gives a readable
// error carrying the status.
func newAPIError(method, path string, resp *http.Response, body []byte, attempts int) *APIError {
	e := &APIError{
		StatusCode:    resp.StatusCode,
		CorrelationID: resp.Header.Get("Correlation-Id"),
		Attempts:      attempts,
		Method:        method,
		Path:          path,
		Body:          body,
	}
	if d, ok := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
		e.RetryAfter = d
	}
	var eb errorBody
	pingOneBody := false
	if len(body) > 0 && looksLikeJSON(body) && decodeJSON(body, &eb) == nil {
		e.ID, e.Code, e.Message, e.Details, e.Extra = eb.ID, eb.Code, eb.Message, eb.Details, eb.Extra
		pingOneBody = eb.Code != ""
	} else if len(body) > 0 {
		e.Message = bodySnippet(resp.Header.Get("Content-Type"), body)
	}
	e.Throttled = throttled(e, resp.Header, pingOneBody)
	return e
}

// NOTES: PingOne answers excess requests with 429 REQUEST_LIMITED and a
// Retry-After, as documented; but under concurrency its edge has been seen
// to answer 403 "Forbidden" instead (reported by users of PingOne's own Go
// SDK and Terraform provider), with a body PingOne does not document.
// Such a 403 is told apart from a real permission denial by what it
// carries, never by its wording: the signs are this table, one place to
// change when PingOne's exact answer is known.
var throttleSigns = []struct {
	why   string
	match func(e *APIError, h http.Header, pingOneBody bool) bool
}{
	{"429 Too Many Requests", func(e *APIError, _ http.Header, _ bool) bool {
		return e.StatusCode == http.StatusTooManyRequests
	}},
	{"a 403 without PingOne's JSON error body: an edge or gateway answer (a real denial is PingOne's ACCESS_FAILED JSON)", func(e *APIError, _ http.Header, pingOneBody bool) bool {
		return e.StatusCode == http.StatusForbidden && !pingOneBody
	}},
	{"a 403 with a rate-limit code: REQUEST_LIMITED, or a LIMIT_EXCEEDED or QUOTA_EXCEEDED detail", func(e *APIError, _ http.Header, _ bool) bool {
		return e.StatusCode == http.StatusForbidden && (e.Code == "REQUEST_LIMITED" || e.HasDetail("LIMIT_EXCEEDED") || e.HasDetail("QUOTA_EXCEEDED"))
	}},
	{"a 403 with rate-limit headers: Retry-After, RateLimit-* or X-RateLimit-*", func(e *APIError, h http.Header, _ bool) bool {
		if e.StatusCode != http.StatusForbidden {
			return false
		}
		for k := range h {
			if k == "Retry-After" || strings.HasPrefix(k, "Ratelimit-") || strings.HasPrefix(k, "X-Ratelimit-") {
				return true
			}
		}
		return false
	}},
}

func throttled(e *APIError, h http.Header, pingOneBody bool) bool {
	for _, sign := range throttleSigns {
		if sign.match(e, h, pingOneBody) {
			return true
		}
	}
	return false
}

func looksLikeJSON(b []byte) bool {
	for _, c := range b {
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		case '{':
			return true
		}
		return false
	}
	return false
}

// bodySnippet summarises a non-JSON body: the title of an HTML page, or the
// start of a text body.
func bodySnippet(contentType string, body []byte) string {
	s := strings.ToValidUTF8(string(body), "?")
	// asciiLower keeps byte offsets, so positions found in it index s.
	lower := asciiLower(s)
	if strings.Contains(strings.ToLower(contentType), "html") || strings.Contains(lower[:min(len(lower), 512)], "<html") {
		if i := strings.Index(lower, "<title>"); i >= 0 {
			start := i + len("<title>")
			if j := strings.Index(lower[start:], "</title>"); j >= 0 {
				return "HTML page: " + oneLine(s[start:start+j], 120)
			}
		}
		return "HTML page"
	}
	return "non-JSON body: " + oneLine(s, 120)
}

// asciiLower lower-cases ASCII letters only, so the result has the same
// byte offsets as s.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + ('a' - 'A')
		}
	}
	return string(b)
}

// parseRetryAfter reads a Retry-After header: seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if n, err := strconv.ParseFloat(v, 64); err == nil {
		switch {
		case math.IsNaN(n) || n < 0:
			return 0, true
		case n >= float64(math.MaxInt64/int64(time.Second)):
			return time.Duration(math.MaxInt64), true // "a very long time"
		}
		return time.Duration(n * float64(time.Second)), true
	}
	if t, err := http.ParseTime(v); err == nil {
		d := t.Sub(now)
		if d < 0 {
			d = 0
		}
		return d, true
	}
	return 0, false
}

// TransportError is returned when no HTTP response was received (connection
// refused or reset, DNS failure, TLS error, body cut short), after the
// retries the policy allows.
type TransportError struct {
	Method, Path string
	// Attempts is how many times the request was sent.
	Attempts int
	Err      error
}

func (e *TransportError) Error() string {
	s := "pingone: " + e.Method + " " + e.Path + ": " + e.Err.Error()
	if e.Attempts != 1 {
		s += " (" + strconv.Itoa(e.Attempts) + " attempts)"
	}
	return s
}

func (e *TransportError) Unwrap() error { return e.Err }

// ArgumentError reports a bad argument detected before any request is sent.
type ArgumentError struct {
	// Method is the SDK method called, such as "Users.Get" (empty for an
	// option or a constructor).
	Method string
	// Name is the argument or field, such as "userID" or "Name".
	Name string
	// Problem says what is wrong, such as "is required".
	Problem string
}

func (e *ArgumentError) Error() string {
	if e.Method == "" {
		return "pingone: " + e.Name + " " + e.Problem
	}
	return "pingone: " + e.Method + ": " + e.Name + " " + e.Problem
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

// TokenError is a refusal from the token endpoint.
type TokenError struct {
	Status      int
	Code        string // OAuth error code, such as "invalid_grant"
	Description string
}

func (e *TokenError) Error() string {
	s := fmt.Sprintf("pingone: token endpoint: %d %s", e.Status, e.Code)
	if e.Description != "" {
		s += ": " + e.Description
	}
	return s
}

// Is matches [ErrUnauthorized] for 400/401 refusals.
func (e *TokenError) Is(target error) bool {
	return target == ErrUnauthorized && (e.Status == 400 || e.Status == 401)
}

// notFoundError is a lookup by name that found nothing. It matches
// [ErrNotFound].
type notFoundError struct {
	op, what, name string
}

func (e *notFoundError) Error() string {
	return fmt.Sprintf("pingone: %s: no %s is named %q", e.op, e.what, e.name)
}

func (e *notFoundError) Is(target error) bool { return target == ErrNotFound }

// tokenFailure is a failure to get a token. It is never retried by the
// request's retries: the token fetch has its own (see retryTokenRequest).
type tokenFailure struct{ err error }

func (e *tokenFailure) Error() string { return e.err.Error() }
func (e *tokenFailure) Unwrap() error { return e.err }

// limiterError reports that the client-side rate limit did not let the
// request go: waiting would outlast the context's deadline, or the
// [Limiter] failed (a shared limiter's store is unreachable). The request
// was not sent.
type limiterError struct{ err error }

func (e *limiterError) Error() string {
	if e.err == nil || errors.Is(e.err, context.DeadlineExceeded) {
		return "waiting for the client-side rate limit would pass the context deadline: not sent"
	}
	return "the client-side rate limiter failed: " + e.err.Error() + ": not sent"
}

// Unwrap gives the limiter's error; with none, context.DeadlineExceeded.
func (e *limiterError) Unwrap() error {
	if e.err == nil {
		return context.DeadlineExceeded
	}
	return e.err
}

// retryEndedError is a context that ended between attempts, with the last
// answer received: it matches the context's error and that answer's
// *APIError (so a call cut short in a 429 storm still matches
// ErrRateLimited).
type retryEndedError struct {
	ctxErr error
	last   *APIError
}

func (e *retryEndedError) Error() string {
	return e.last.Error() + "; then " + e.ctxErr.Error() + " while waiting to retry"
}

func (e *retryEndedError) Unwrap() []error { return []error{e.ctxErr, e.last} }

// unwrapURLError drops the *url.Error wrapper, whose text repeats the full URL
// (with its query, which can hold a filter on personal data).
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// readErrorBody reads a non-2xx body, at most maxErrorBody bytes.
func readErrorBody(resp *http.Response) ([]byte, error) {
	return io.ReadAll(limitReader(resp.Body, maxErrorBody))
}

func limitReader(r io.Reader, n int64) io.Reader { return io.LimitReader(r, n) }
