package pingonetest

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"maps"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Faults are injected before the real handler runs, in this order: latency,
// the rate limits (fixed window, then token bucket), scripted statuses,
// random failures, write failures (before the write, or after it: these run
// the real handler and replace its answer), then connection resets and
// truncated bodies (which cut the real handler's response). Routes are
// written "METHOD /path", where the method may be "*" and a path segment
// "*" matches any one segment, and a trailing "/**" any rest:
// "GET /v1/environments/*/users", "* /v1/**".

type route struct {
	method   string
	segments []string
}

func parseRoute(s string) route {
	m, p, ok := strings.Cut(strings.TrimSpace(s), " ")
	if !ok {
		m, p = "*", s
	}
	return route{method: strings.ToUpper(m), segments: strings.Split(strings.Trim(p, "/"), "/")}
}

func (rt route) match(r *http.Request) bool {
	if rt.method != "*" && rt.method != r.Method {
		return false
	}
	got := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	for i, seg := range rt.segments {
		if seg == "**" {
			return true
		}
		if i >= len(got) || (seg != "*" && seg != got[i]) {
			return false
		}
	}
	return len(got) == len(rt.segments)
}

type latencyRule struct {
	route route
	d     time.Duration
}

type scriptRule struct {
	route    route
	statuses []int
	next     int
}

type cutRule struct {
	route route
	times int // how many responses to cut; <0: all
	reset bool
}

type faultConfig struct {
	latency        []latencyRule
	ratePerSec     int
	bucketRate     float64 // tokens per second; 0: no bucket
	bucketBurst    int
	throttleStatus int // 0 or 429: REQUEST_LIMITED; 403: the edge's Forbidden
	scripts        []*scriptRule
	cuts           []*cutRule
	randomRate     float64
	writeFails     []*writeFailRule
}

// check reports a configuration that makes no sense.
func (c *faultConfig) check() error {
	switch {
	case c.ratePerSec < 0:
		return fmt.Errorf("WithRateLimit: %d requests per second", c.ratePerSec)
	case c.bucketRate < 0 || math.IsNaN(c.bucketRate) || math.IsInf(c.bucketRate, 0) || (c.bucketRate > 0 && c.bucketBurst < 1):
		return fmt.Errorf("WithTokenBucket: rate %v, burst %d (want a rate above 0 and a burst of at least 1)", c.bucketRate, c.bucketBurst)
	case c.throttleStatus != 0 && c.throttleStatus != 429 && c.throttleStatus != 403:
		return fmt.Errorf("WithThrottleStatus: %d (want 429 or 403)", c.throttleStatus)
	case c.randomRate < 0 || c.randomRate > 1 || math.IsNaN(c.randomRate):
		return fmt.Errorf("WithRandomFailures: rate %v (want 0..1)", c.randomRate)
	}
	for _, w := range c.writeFails {
		if err := w.check(); err != nil {
			return err
		}
	}
	return nil
}

// WithLatency delays every request matching route by d.
func WithLatency(route string, d time.Duration) Option {
	return func(o *options) { o.faults.latency = append(o.faults.latency, latencyRule{parseRoute(route), d}) }
}

// WithRateLimit limits the management API requests to perSecond in each
// one-second window (fixed, starting with the first request), shared by
// the whole environment as PingOne's limits are. A request over the limit
// is answered as WithThrottleStatus says (by default 429 REQUEST_LIMITED,
// with Retry-After: the whole seconds, at least 1, until the window ends).
// Requests over the limit count in the window too.
func WithRateLimit(perSecond int) Option {
	return func(o *options) { o.faults.ratePerSec = perSecond }
}

// WithTokenBucket limits the management API requests with a token bucket
// shared by the whole environment: it holds up to burst tokens, is full at
// the first request and refills at ratePerSec tokens a second. A request
// takes a token; one that finds none is answered as WithThrottleStatus
// says (by default 429 REQUEST_LIMITED, with Retry-After: the whole
// seconds, at least 1, until the bucket holds a token again). With
// WithRateLimit too, a request must pass the fixed window first; one
// refused there takes no token.
func WithTokenBucket(ratePerSec float64, burst int) Option {
	return func(o *options) { o.faults.bucketRate, o.faults.bucketBurst = ratePerSec, burst }
}

// WithThrottleStatus sets how the rate limits (WithRateLimit,
// WithTokenBucket) answer a request over the limit: 429 (the default) is
// PingOne's answer, REQUEST_LIMITED in its JSON error format with a
// Retry-After header; 403 is what PingOne's edge has been seen to send
// instead: a gateway's "403 Forbidden" HTML page, with no Retry-After and
// none of PingOne's JSON (PingOne does not document that answer; this one
// is a plausible gateway page, not a copy of a real one). Any other status
// makes Start fail.
func WithThrottleStatus(status int) Option {
	return func(o *options) { o.faults.throttleStatus = status }
}

// WithScript answers the requests matching route with the given statuses in
// turn (for example 503, 503, 200); a 2xx lets the real handler answer.
// When the script is used up, requests go through.
func WithScript(route string, statuses ...int) Option {
	return func(o *options) {
		o.faults.scripts = append(o.faults.scripts, &scriptRule{route: parseRoute(route), statuses: statuses})
	}
}

// WithConnectionReset resets the connection in the middle of the body of the
// next times responses to requests matching route (times < 0: all of them).
func WithConnectionReset(route string, times int) Option {
	return func(o *options) {
		o.faults.cuts = append(o.faults.cuts, &cutRule{route: parseRoute(route), times: times, reset: true})
	}
}

// WithTruncatedBody sends only half of the body of the next times responses
// to requests matching route, though the headers announce all of it, then
// closes the connection.
func WithTruncatedBody(route string, times int) Option {
	return func(o *options) {
		o.faults.cuts = append(o.faults.cuts, &cutRule{route: parseRoute(route), times: times})
	}
}

// WithRandomFailures answers a fraction rate (0..1) of management API
// requests with 503, chosen by a generator seeded from [WithSeed]: the same
// seed and request order give the same failures.
func WithRandomFailures(rate float64) Option {
	return func(o *options) { o.faults.randomRate = rate }
}

type faults struct {
	cfg faultConfig
	mu  sync.Mutex
	rnd *rand.Rand

	now    func() time.Time // the server's clock
	window time.Time
	count  int
	// the token bucket: tokens at last (last zero: full)
	tokens float64
	last   time.Time
	// writeErr writes an error in PingOne's format (set by the server).
	writeErr func(w http.ResponseWriter, e *apiError)
}

func newFaults(cfg faultConfig, seed uint64, now func() time.Time) *faults {
	return &faults{cfg: cfg, now: now, rnd: rand.New(rand.NewPCG(seed, seed^0x5DEECE66D))}
}

func (f *faults) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, l := range f.cfg.latency {
			if l.route.match(r) {
				select {
				case <-time.After(l.d):
				case <-r.Context().Done():
					return
				}
			}
		}
		api := strings.HasPrefix(r.URL.Path, apiBase+"/")
		if api && f.cfg.ratePerSec > 0 {
			if wait, limited := f.take(); limited {
				f.throttle(w, wait)
				return
			}
		}
		if api && f.cfg.bucketRate > 0 {
			if wait, limited := f.takeToken(); limited {
				f.throttle(w, wait)
				return
			}
		}
		if status := f.scripted(r); status != 0 && (status < 200 || status > 299) {
			f.writeStatus(w, status)
			return
		}
		if api && f.cfg.randomRate > 0 && f.random() < f.cfg.randomRate {
			f.writeStatus(w, 503)
			return
		}
		if api && isWrite(r.Method) && len(f.cfg.writeFails) > 0 {
			if f.failWrite(w, r, next) {
				return
			}
		}
		if cut := f.cut(r); cut != nil {
			cutResponse(w, r, next, cut.reset)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (f *faults) random() float64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.rnd.Float64()
}

// take counts a request in the current one-second window.
func (f *faults) take() (time.Duration, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.now()
	if now.Sub(f.window) >= time.Second {
		f.window, f.count = now, 0
	}
	f.count++
	if f.count > f.cfg.ratePerSec {
		return f.window.Add(time.Second).Sub(now), true
	}
	return 0, false
}

// takeToken takes a token from the bucket, or says how long until one is
// back.
func (f *faults) takeToken() (time.Duration, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	now, burst := f.now(), float64(f.cfg.bucketBurst)
	if f.last.IsZero() {
		f.tokens = burst
	} else if now.After(f.last) {
		f.tokens = min(burst, f.tokens+now.Sub(f.last).Seconds()*f.cfg.bucketRate)
	}
	f.last = now
	if f.tokens >= 1 {
		f.tokens--
		return 0, false
	}
	return time.Duration((1 - f.tokens) / f.cfg.bucketRate * float64(time.Second)), true
}

// edgeForbidden is the gateway page that answers throttled requests under
// WithThrottleStatus(403). PingOne does not document the body of such an
// answer: this is a plausible one for an HTTP edge, deliberately not
// PingOne's JSON error format.
const edgeForbidden = `<html>
<head><title>403 Forbidden</title></head>
<body>
<center><h1>403 Forbidden</h1></center>
<hr><center>edge</center>
</body>
</html>
`

// throttle answers a request over a rate limit; wait is how long until it
// would pass.
func (f *faults) throttle(w http.ResponseWriter, wait time.Duration) {
	if f.cfg.throttleStatus == http.StatusForbidden {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusForbidden)
		_, _ = io.WriteString(w, edgeForbidden)
		return
	}
	secs := max(1, int((wait+time.Second-1)/time.Second))
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	f.writeErr(w, &apiError{status: 429, code: "REQUEST_LIMITED", message: "The request was rate limited",
		details: []detail{{Code: "LIMIT_EXCEEDED", Message: "Too many requests", InnerError: map[string]any{"retryAfter": f.now().Add(wait).UTC().Format(time.RFC3339)}}}})
}

func (f *faults) scripted(r *http.Request) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, s := range f.cfg.scripts {
		if s.route.match(r) && s.next < len(s.statuses) {
			st := s.statuses[s.next]
			s.next++
			return st
		}
	}
	return 0
}

func (f *faults) cut(r *http.Request) *cutRule {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, c := range f.cfg.cuts {
		if c.route.match(r) && c.times != 0 {
			if c.times > 0 {
				c.times--
			}
			return c
		}
	}
	return nil
}

func (f *faults) writeStatus(w http.ResponseWriter, status int) {
	code := map[int]string{400: "INVALID_DATA", 401: "ACCESS_FAILED", 403: "ACCESS_FAILED", 404: "NOT_FOUND", 429: "REQUEST_LIMITED", 500: "UNEXPECTED_ERROR"}[status]
	if code == "" {
		code = strings.ToUpper(strings.ReplaceAll(http.StatusText(status), " ", "_"))
	}
	if status == 429 {
		w.Header().Set("Retry-After", "1")
	}
	f.writeErr(w, &apiError{status: status, code: code, message: fmt.Sprintf("Injected fault: %d %s", status, http.StatusText(status))})
}

// ---- write failures ----

// FailureAnswer is how an injected write failure answers.
type FailureAnswer int

// The answers of injected write failures.
const (
	// Answer500 is 500 UNEXPECTED_ERROR in PingOne's JSON error format.
	Answer500 FailureAnswer = iota + 1
	// Answer502 is 502 Bad Gateway, in the JSON error format PingOne's
	// spec gives 502 answers (code BAD_GATEWAY).
	Answer502
	// AnswerReset resets the connection (TCP RST) without an answer.
	AnswerReset
)

func (a FailureAnswer) String() string {
	switch a {
	case Answer500:
		return "500"
	case Answer502:
		return "502"
	case AnswerReset:
		return "reset"
	}
	return "FailureAnswer(" + strconv.Itoa(int(a)) + ")"
}

// WriteFailure describes injected failures of management API writes
// (POST, PUT, PATCH and DELETE), for WithFailBeforeWrite and
// WithFailAfterWrite.
type WriteFailure struct {
	// Route selects the writes, as in WithScript ("POST
	// /v1/environments/*/users"); empty matches every write. GETs never
	// match.
	Route string
	// Answer is how the failure answers (default Answer500).
	Answer FailureAnswer
	// Rate is the fraction (0..1) of the matching writes that fail, drawn
	// from a generator seeded from WithSeed; 0 means every one.
	Rate float64
	// Times, when above 0, stops the failures after that many.
	Times int
}

type writeFailRule struct {
	WriteFailure
	route route
	after bool
	left  int // failures left; <0: no limit
}

func (w *writeFailRule) check() error {
	name := "WithFailBeforeWrite"
	if w.after {
		name = "WithFailAfterWrite"
	}
	switch {
	case w.Answer < Answer500 || w.Answer > AnswerReset:
		return fmt.Errorf("%s: unknown answer %v", name, w.Answer)
	case w.Rate < 0 || w.Rate > 1 || math.IsNaN(w.Rate):
		return fmt.Errorf("%s: rate %v (want 0..1)", name, w.Rate)
	case w.Times < 0:
		return fmt.Errorf("%s: times %d (want 0 for no limit, or more)", name, w.Times)
	}
	return nil
}

func newWriteFailRule(f WriteFailure, after bool) *writeFailRule {
	if f.Answer == 0 {
		f.Answer = Answer500
	}
	rt := route{method: "*", segments: []string{"**"}}
	if strings.TrimSpace(f.Route) != "" {
		rt = parseRoute(f.Route)
	}
	left := f.Times
	if left == 0 {
		left = -1
	}
	return &writeFailRule{WriteFailure: f, route: rt, after: after, left: left}
}

// WithFailBeforeWrite makes matching writes fail before they act: the
// server answers as f.Answer says and changes nothing. Several rules may be
// given; the first that matches (and draws a failure) applies.
func WithFailBeforeWrite(f WriteFailure) Option {
	return func(o *options) { o.faults.writeFails = append(o.faults.writeFails, newWriteFailRule(f, false)) }
}

// WithFailAfterWrite makes matching writes fail after they acted: the
// server performs the create, update or delete, then answers as f.Answer
// says instead of its real answer, so the client cannot know whether it
// acted ([Server.Stats] knows). A write that the server refuses (4xx)
// keeps its real answer and does not count against f.Times.
func WithFailAfterWrite(f WriteFailure) Option {
	return func(o *options) { o.faults.writeFails = append(o.faults.writeFails, newWriteFailRule(f, true)) }
}

func isWrite(method string) bool {
	return method == http.MethodPost || method == http.MethodPut || method == http.MethodPatch || method == http.MethodDelete
}

// pickWriteFailure returns the first rule that matches r, has failures
// left and draws a failure (the draw is made for every matching rule with
// a rate, so that the same requests draw the same numbers).
func (f *faults) pickWriteFailure(r *http.Request) *writeFailRule {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, rule := range f.cfg.writeFails {
		if !rule.route.match(r) || rule.left == 0 {
			continue
		}
		if rule.Rate > 0 && rule.Rate < 1 && f.rnd.Float64() >= rule.Rate {
			continue
		}
		return rule
	}
	return nil
}

// use counts one failure of rule.
func (f *faults) use(rule *writeFailRule) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if rule.left > 0 {
		rule.left--
	}
}

// failWrite injects a write failure if one applies to r and reports
// whether it answered.
func (f *faults) failWrite(w http.ResponseWriter, r *http.Request, next http.Handler) bool {
	rule := f.pickWriteFailure(r)
	if rule == nil {
		return false
	}
	if !rule.after {
		f.use(rule)
		f.answerFailure(w, rule.Answer)
		return true
	}
	bw := &bufferWriter{header: w.Header().Clone()}
	next.ServeHTTP(bw, r)
	if bw.status == 0 {
		bw.status = http.StatusOK
	}
	if bw.status < 200 || bw.status > 299 { // nothing done: the real answer
		maps.Copy(w.Header(), bw.header)
		w.WriteHeader(bw.status)
		_, _ = w.Write(bw.body.Bytes())
		return true
	}
	f.use(rule)
	f.answerFailure(w, rule.Answer)
	return true
}

func (f *faults) answerFailure(w http.ResponseWriter, a FailureAnswer) {
	switch a {
	case Answer502:
		f.writeStatus(w, http.StatusBadGateway)
	case AnswerReset:
		resetConnection(w)
	default:
		f.writeErr(w, &apiError{status: 500, code: "UNEXPECTED_ERROR", message: "An unexpected error occurred while processing the request"})
	}
}

// resetConnection drops the connection with a TCP RST, answering nothing.
func resetConnection(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		http.Error(w, "connection cannot be reset", 500)
		return
	}
	noteStatus(w, 0)
	conn, _, err := hj.Hijack()
	if err != nil {
		return
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}

// bufferWriter records a handler's response.
type bufferWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferWriter) Header() http.Header { return b.header }
func (b *bufferWriter) WriteHeader(s int) {
	if b.status == 0 {
		b.status = s
	}
}
func (b *bufferWriter) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = 200
	}
	return b.body.Write(p)
}

// cutResponse runs the real handler, then sends its headers (announcing the
// whole body) and half the body, and drops the connection: with a reset
// (RST) or a plain close.
func cutResponse(w http.ResponseWriter, r *http.Request, next http.Handler, reset bool) {
	bw := &bufferWriter{header: w.Header().Clone()}
	next.ServeHTTP(bw, r)
	if bw.status == 0 {
		bw.status = 200
	}
	hj, ok := w.(http.Hijacker)
	if !ok {
		http.Error(w, "connection cannot be cut", 500)
		return
	}
	conn, buf, err := hj.Hijack()
	if err != nil {
		return
	}
	noteStatus(w, bw.status)
	body := bw.body.Bytes()
	if len(body) < 2 {
		body = []byte(`{"padding":"so that half a body is something"}`)
	}
	bw.header.Set("Content-Length", strconv.Itoa(len(body)))
	bw.header.Del("Transfer-Encoding")
	writeHead(buf, bw.status, bw.header)
	_, _ = buf.Write(body[:len(body)/2])
	_ = buf.Flush()
	if tc, ok := conn.(*net.TCPConn); ok && reset {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}

func writeHead(buf *bufio.ReadWriter, status int, h http.Header) {
	fmt.Fprintf(buf, "HTTP/1.1 %d %s\r\n", status, http.StatusText(status))
	_ = h.Write(buf)
	_, _ = buf.WriteString("Connection: close\r\n\r\n")
}
