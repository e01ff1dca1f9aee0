package pingonetest

import (
	"bufio"
	"bytes"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Faults are injected before the real handler runs, in this order: latency,
// the rate limit, scripted statuses, random failures, then connection resets
// and truncated bodies (which cut the real handler's response). Routes are
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
	latency    []latencyRule
	ratePerSec int
	scripts    []*scriptRule
	cuts       []*cutRule
	randomRate float64
}

// WithLatency delays every request matching route by d.
func WithLatency(route string, d time.Duration) Option {
	return func(o *options) { o.faults.latency = append(o.faults.latency, latencyRule{parseRoute(route), d}) }
}

// WithRateLimit answers 429 REQUEST_LIMITED, with Retry-After, to the
// management API requests beyond perSecond in each second, shared by the
// whole environment as PingOne's limits are.
func WithRateLimit(perSecond int) Option {
	return func(o *options) { o.faults.ratePerSec = perSecond }
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
				w.Header().Set("Retry-After", strconv.Itoa(int((wait+time.Second-1)/time.Second)))
				f.writeErr(w, &apiError{status: 429, code: "REQUEST_LIMITED", message: "The request was rate limited",
					details: []detail{{Code: "LIMIT_EXCEEDED", Message: "Too many requests", InnerError: map[string]any{"retryAfter": f.now().Add(wait).UTC().Format(time.RFC3339)}}}})
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
