// Package bulk runs the bulk job of issue 13: many calls from many
// goroutines through one client against a pingonetest limited to R
// requests a second, for each client-side limiter a caller may configure
// and each shape of server limit, and says what it did: the share of R
// reached, the requests throttled on the wire and the calls that failed.
//
// BenchmarkBulk (in the SDK's tests) and internal/cmd/bulktable (make
// bulk) measure with it on the real clock; the SDK's tests run it on a
// fake clock too.
package bulk

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/pingonetest"
)

// The job of the issue: 2,000 calls from 16 goroutines at R = 100.
const (
	Calls   = 2000
	Workers = 16
	R       = 100
)

// Limiter is a client-side limiter a caller may configure.
type Limiter struct {
	Name    string
	Options func(r float64) []pingone.Option
}

// Limiters are the configurations of the issue: none (the default
// adaptive limiter), WithRateLimit(R, 1), WithRateLimit(R, R) and a limit
// above the server's, WithRateLimit(2R, 2R).
var Limiters = []Limiter{
	{"none", func(float64) []pingone.Option { return nil }},
	{"R,1", func(r float64) []pingone.Option { return []pingone.Option{pingone.WithRateLimit(r, 1)} }},
	{"R,R", func(r float64) []pingone.Option { return []pingone.Option{pingone.WithRateLimit(r, int(r))} }},
	{"2R,2R", func(r float64) []pingone.Option { return []pingone.Option{pingone.WithRateLimit(2*r, int(2*r))} }},
}

// Shape is a server's rate limit.
type Shape struct {
	Name    string
	Options func(r int) []pingonetest.Option
}

// Shapes are pingonetest's two limits at R: a fixed one-second window
// (WithRateLimit(R)), and a token bucket refilling at R a second that
// holds 10 tokens (WithTokenBucket(R, 10)).
var Shapes = []Shape{
	{"window", func(r int) []pingonetest.Option { return []pingonetest.Option{pingonetest.WithRateLimit(r)} }},
	{"bucket", func(r int) []pingonetest.Option {
		return []pingonetest.Option{pingonetest.WithTokenBucket(float64(r), 10)}
	}},
}

// AllShapes adds a token bucket that holds a second's worth (R) of tokens.
var AllShapes = append(Shapes[:len(Shapes):len(Shapes)], Shape{"bucket(R,R)", func(r int) []pingonetest.Option {
	return []pingonetest.Option{pingonetest.WithTokenBucket(float64(r), r)}
}})

// Result is what one bulk job did.
type Result struct {
	Calls    int
	Errors   int   // calls that failed to the caller
	FirstErr error // the first of them
	Elapsed  time.Duration
	// Requests counts the management API requests on the wire, Throttled
	// those answered 429 (or the edge's 403).
	Requests, Throttled int
}

// Mean averages the Results of a benchmark's runs and reports them as
// its metrics: the job's own time per run (ns/op, without starting the
// server), frac-R, 429s and errors.
type Mean struct {
	frac, throttled, errs float64
	elapsed               time.Duration
	n                     int
}

// Add counts one run against a server limited to r requests a second.
func (m *Mean) Add(res Result, r float64) {
	m.frac += res.FracR(r)
	m.throttled += float64(res.Throttled)
	m.errs += float64(res.Errors)
	m.elapsed += res.Elapsed
	m.n++
}

// Report reports the means to b (a *testing.B); nothing when no run was
// added.
func (m *Mean) Report(b interface{ ReportMetric(float64, string) }) {
	if m.n == 0 {
		return
	}
	n := float64(m.n)
	b.ReportMetric(float64(m.elapsed.Nanoseconds())/n, "ns/op")
	b.ReportMetric(m.frac/n, "frac-R")
	b.ReportMetric(m.throttled/n, "429s")
	b.ReportMetric(m.errs/n, "errors")
}

// FracR is the calls made per second as a share of r.
func (res Result) FracR(r float64) float64 {
	return float64(res.Calls) / res.Elapsed.Seconds() / r
}

// ThrottledShare is the share of the requests on the wire that were
// throttled.
func (res Result) ThrottledShare() float64 {
	if res.Requests == 0 {
		return 0
	}
	return float64(res.Throttled) / float64(res.Requests)
}

// Run makes calls calls of Environments.Get through c from workers
// goroutines, and reads from srv what it answered (srv's counters are
// reset first).
func Run(ctx context.Context, c *pingone.Client, srv *pingonetest.Server, calls, workers int) Result {
	return RunClients(ctx, []*pingone.Client{c}, srv, calls, workers)
}

// RunClients is Run through several clients (as separate processes would
// be), each with workers goroutines, sharing the calls.
func RunClients(ctx context.Context, cs []*pingone.Client, srv *pingonetest.Server, calls, workers int) Result {
	srv.ResetStats()
	var next, errs atomic.Int64
	var first atomic.Value
	start := time.Now()
	var wg sync.WaitGroup
	for _, c := range cs {
		for range workers {
			wg.Go(func() {
				for next.Add(1) <= int64(calls) {
					if _, err := c.Environments.Get(ctx, srv.EnvironmentID()); err != nil {
						errs.Add(1)
						first.CompareAndSwap(nil, err)
					}
				}
			})
		}
	}
	wg.Wait()
	res := Result{Calls: calls, Errors: int(errs.Load()), Elapsed: time.Since(start)}
	if err, ok := first.Load().(error); ok {
		res.FirstErr = err
	}
	for route, statuses := range srv.Stats().RouteStatuses {
		if !strings.HasPrefix(route, "GET /v1/") {
			continue
		}
		for code, n := range statuses {
			res.Requests += n
			if code == http.StatusTooManyRequests || code == http.StatusForbidden {
				res.Throttled += n
			}
		}
	}
	return res
}

// Live runs the job on the real clock against a pingonetest over loopback
// HTTP, limited to r a second in shape s and answering throttled requests
// with status (429 or 403), through a client configured with l.
func Live(ctx context.Context, l Limiter, s Shape, status, r, calls, workers int) (Result, error) {
	srv, err := pingonetest.Start(append(s.Options(r), pingonetest.WithThrottleStatus(status))...)
	if err != nil {
		return Result{}, err
	}
	defer srv.Close()
	c, err := pingone.NewClient(append(srv.ClientOptions(), l.Options(float64(r))...)...)
	if err != nil {
		return Result{}, err
	}
	// The token is fetched before the clock starts.
	if _, err := c.Environments.Get(ctx, srv.EnvironmentID()); err != nil {
		return Result{}, fmt.Errorf("first call: %w", err)
	}
	// A new second for the server's limit.
	time.Sleep(time.Second)
	return Run(ctx, c, srv, calls, workers), nil
}

// Table gathers results into a Markdown table.
type Table struct {
	R    float64
	mu   sync.Mutex
	rows []string
}

// Add adds the result of limiter l against shape s.
func (t *Table) Add(l, s string, status int, res Result) {
	t.mu.Lock()
	defer t.mu.Unlock()
	errs := fmt.Sprint(res.Errors)
	if res.FirstErr != nil {
		errs += fmt.Sprintf(" (%v)", res.FirstErr)
	}
	t.rows = append(t.rows, fmt.Sprintf("| %-5s | %-11s | %d | %5.3f | %4d (%4.2f%%) | %5d | %s |",
		l, s, status, res.FracR(t.R), res.Throttled, 100*res.ThrottledShare(), res.Requests, errs))
}

func (t *Table) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return "| client limiter | server limit | throttle status | fraction of R | throttled on the wire | requests | errors surfaced |\n" +
		"|---|---|---|---|---|---|---|\n" + strings.Join(t.rows, "\n") + "\n"
}
