package pingone_test

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/internal/bulk"
	"github.com/pingone-go/pingone/pingonetest"
)

// The bulk job of issue 13 (package internal/bulk): calls from 16
// goroutines against a pingonetest limited to R requests a second, for
// each client-side limiter (none, WithRateLimit(R, 1), WithRateLimit(R,
// R), one above the server's) and each server limit (a fixed one-second
// window, token buckets).

// memTransport serves requests with a handler in memory, after a round
// trip of rtt (on the clock: a synctest bubble's fake one in tests).
type memTransport struct {
	h   http.Handler
	rtt time.Duration
}

func (m memTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	// Each way takes between a quarter and three quarters of rtt.
	time.Sleep(m.rtt/4 + rand.N(m.rtt/2))
	in := r.Clone(r.Context())
	in.Host, in.RequestURI, in.RemoteAddr = r.URL.Host, r.URL.RequestURI(), "127.0.0.1:1"
	rec := httptest.NewRecorder()
	m.h.ServeHTTP(rec, in)
	if r.Body != nil {
		r.Body.Close()
	}
	time.Sleep(m.rtt/4 + rand.N(m.rtt/2))
	resp := rec.Result()
	resp.Request = r
	return resp, nil
}

// TestBulkUnderServerLimit runs the bulk job of the issue (2,000 calls
// from 16 goroutines, R = 100) for every client limiter, server limit and
// throttling answer (429 with Retry-After, the edge's 403 without) on a
// fake clock: a synctest bubble, the server's handler in memory with a
// 1 ms round trip, so that the machine's load does not decide the result.
// No call may fail and at most 2% of the requests on the wire may be
// throttled. The share of R reached is logged (-v), not asserted: the
// real-clock figures come from BenchmarkBulk and make bulk. Under the race
// detector (make test), where the 24 jobs take 25 s, only the default
// limiter's 6 run.
func TestBulkUnderServerLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the bulk job on a fake clock is left out (it makes 48,000 calls)")
	}
	t.Parallel()
	table := &bulk.Table{R: bulk.R}
	limiters := bulk.Limiters
	if raceEnabled {
		limiters = limiters[:1]
	}
	for _, l := range limiters {
		for _, s := range bulk.AllShapes {
			for _, status := range []int{http.StatusTooManyRequests, http.StatusForbidden} {
				t.Run(fmt.Sprintf("%s/%s/%d", l.Name, s.Name, status), func(t *testing.T) {
					srv := pingonetest.NewServer(t, append(s.Options(bulk.R),
						pingonetest.WithClock(time.Now), pingonetest.WithThrottleStatus(status))...)
					synctest.Test(t, func(t *testing.T) {
						opts := append(srv.ClientOptions(), pingone.WithHTTPClient(&http.Client{Transport: memTransport{h: srv.Handler(), rtt: time.Millisecond}}))
						c, err := pingone.NewClient(append(opts, l.Options(bulk.R)...)...)
						require.NoError(t, err)
						res := bulk.Run(t.Context(), c, srv, bulk.Calls, bulk.Workers)
						table.Add(l.Name, s.Name, status, res)
						assert.Zero(t, res.Errors, "calls failed: %v", res.FirstErr)
						assert.LessOrEqual(t, res.ThrottledShare(), 0.02, "%d of %d requests throttled", res.Throttled, res.Requests)
					})
				})
			}
		}
	}
	t.Cleanup(func() {
		t.Logf("fake clock, 1 ms round trip, R = %d, %d calls from %d goroutines:\n%s", bulk.R, bulk.Calls, bulk.Workers, table)
	})
}

// TestBulkShortLive is a short bulk job on the real clock, over loopback
// HTTP, with the default limiter: 300 calls from 16 goroutines against
// each server limit at R = 100. No call may fail (the time it takes is
// not asserted).
func TestBulkShortLive(t *testing.T) {
	t.Parallel()
	for _, s := range bulk.Shapes {
		t.Run(s.Name, func(t *testing.T) {
			t.Parallel()
			res, err := bulk.Live(t.Context(), bulk.Limiters[0], s, http.StatusTooManyRequests, bulk.R, 300, bulk.Workers)
			require.NoError(t, err)
			t.Logf("%.3f R, %d of %d requests throttled", res.FracR(bulk.R), res.Throttled, res.Requests)
			assert.Zero(t, res.Errors, "calls failed: %v", res.FirstErr)
		})
	}
}

// BenchmarkBulk is the bulk job of issue 13 on the real clock: 2,000
// calls of Environments.Get from 16 goroutines against pingonetest over
// loopback, limited to R = 100 requests a second, for each client limiter
// (limiter=none: the default adaptive limiter; R,1 and R,R:
// WithRateLimit(R, 1) and WithRateLimit(R, R); 2R,2R: a limit above the
// server's) and each server limit (server=window: a fixed one-second
// window; server=bucket: a token bucket of R a second holding 10). Each
// job takes about 20 s. It reports frac-R (calls a second as a share of
// R), 429s (requests answered 429 on the wire) and errors (calls that
// failed to the caller), per job.
//
//	go test -run '^$' -bench '^BenchmarkBulk$' .
func BenchmarkBulk(b *testing.B) {
	for _, l := range bulk.Limiters {
		for _, s := range bulk.Shapes {
			b.Run("limiter="+l.Name+"/server="+s.Name, func(b *testing.B) {
				var mean bulk.Mean
				for b.Loop() {
					res, err := bulk.Live(b.Context(), l, s, http.StatusTooManyRequests, bulk.R, bulk.Calls, bulk.Workers)
					if err != nil {
						b.Fatal(err)
					}
					mean.Add(res, bulk.R)
				}
				mean.Report(b)
			})
		}
	}
}
