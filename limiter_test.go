package pingone_test

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
)

// The adaptive limiter's algorithm, on the fake clock of synctest bubbles:
// the times asserted here are the limiter's own decisions, not speeds.

// waitAsync calls l.Wait in a goroutine and reports its result on the
// returned channel.
func waitAsync(ctx context.Context, l pingone.Limiter) <-chan error {
	done := make(chan error, 1)
	go func() { done <- l.Wait(ctx) }()
	return done
}

// returned counts the results already on the channels (after
// synctest.Wait, so that every goroutine has settled).
func returned(chs ...<-chan error) (n int) {
	for _, ch := range chs {
		if len(ch) > 0 {
			n++
		}
	}
	return n
}

// accepted reports n accepted answers to requests sent now.
func accepted(l pingone.Limiter, n int) {
	for range n {
		l.Observe(pingone.Feedback{Status: 200, Sent: time.Now()})
	}
}

func throttled(sent time.Time, retryAfter time.Duration) pingone.Feedback {
	return pingone.Feedback{Status: 429, Throttled: true, RetryAfter: retryAfter, Sent: sent}
}

func TestAdaptiveLimiterWithoutCeilingLetsEverythingGo(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		l := pingone.NewAdaptiveLimiter(0, 10)
		start := time.Now()
		for range 1000 {
			require.NoError(t, l.Wait(t.Context()))
			l.Observe(pingone.Feedback{Status: 200, Sent: time.Now()})
		}
		assert.Zero(t, time.Since(start), "nothing waited")
		assert.Zero(t, l.Rate(), "no pace")
	})
}

func TestAdaptiveLimiterUnthrottledAllocatesNothing(t *testing.T) {
	l := pingone.NewAdaptiveLimiter(0, 10)
	ctx := context.Background()
	f := pingone.Feedback{Status: 200, Header: http.Header{"Content-Type": {"application/json"}}, Sent: time.Now()}
	allocs := testing.AllocsPerRun(1000, func() {
		_ = l.Wait(ctx)
		l.Observe(f)
	})
	assert.Zero(t, allocs)
}

func TestAdaptiveLimiterPacesAtItsCeiling(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		l := pingone.NewAdaptiveLimiter(10, 1)
		start := time.Now()
		for range 11 {
			require.NoError(t, l.Wait(t.Context()))
		}
		assert.Equal(t, time.Second, time.Since(start), "one at once, then one every 100 ms")

		// No burst saved up at the start: it builds up while the pace is
		// not used.
		l = pingone.NewAdaptiveLimiter(10, 5)
		start = time.Now()
		for range 2 {
			require.NoError(t, l.Wait(t.Context()))
		}
		assert.Equal(t, 100*time.Millisecond, time.Since(start), "at the pace from the start")
		time.Sleep(time.Second)
		start = time.Now()
		for range 5 {
			require.NoError(t, l.Wait(t.Context()))
		}
		assert.Zero(t, time.Since(start), "a burst of 5 at once after a quiet second")
		require.NoError(t, l.Wait(t.Context()))
		assert.Equal(t, 100*time.Millisecond, time.Since(start))
	})
}

// TestAdaptiveLimiterThrottlePausesEveryoneAndProbes: a throttle stops
// every sender; a single probe goes after 10 ms, the next after 20 more
// when it is throttled too; the probe that passes ends the pause, at 98%
// of what the server accepted in the second before.
func TestAdaptiveLimiterThrottlePausesEveryoneAndProbes(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		l := pingone.NewAdaptiveLimiter(0, 10)
		accepted(l, 50)
		time.Sleep(500 * time.Millisecond)
		accepted(l, 50)
		l.Observe(throttled(time.Now(), time.Second))

		var waiters []<-chan error
		for range 4 {
			waiters = append(waiters, waitAsync(t.Context(), l))
		}
		synctest.Wait()
		assert.Zero(t, returned(waiters...), "everyone waits")

		time.Sleep(10 * time.Millisecond)
		synctest.Wait()
		assert.Equal(t, 1, returned(waiters...), "one probe after 10 ms")
		probe := time.Now()
		l.Observe(throttled(probe, time.Second)) // the probe is throttled too

		time.Sleep(19 * time.Millisecond)
		synctest.Wait()
		assert.Equal(t, 1, returned(waiters...), "the next probe waits 20 ms")
		time.Sleep(time.Millisecond)
		synctest.Wait()
		assert.Equal(t, 2, returned(waiters...))

		l.Observe(pingone.Feedback{Status: 200, Sent: time.Now()}) // the second probe passes
		assert.InDelta(t, 98, l.Rate(), 0.01, "98% of the 100 accepted in the second before")
		synctest.Wait()
		assert.Equal(t, 2, returned(waiters...), "the others go at the new pace: the probe was its first request")
		time.Sleep(time.Second / 98)
		synctest.Wait()
		assert.Equal(t, 3, returned(waiters...))
		time.Sleep(time.Second / 98)
		synctest.Wait()
		assert.Equal(t, 4, returned(waiters...))
	})
}

// TestAdaptiveLimiterPauseEndsWithRetryAfter: when no probe gets through
// (none is answered), the pause ends when the server's Retry-After does.
func TestAdaptiveLimiterPauseEndsWithRetryAfter(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		l := pingone.NewAdaptiveLimiter(0, 10)
		accepted(l, 40)
		start := time.Now()
		l.Observe(throttled(start, 300*time.Millisecond))
		a, b := waitAsync(t.Context(), l), waitAsync(t.Context(), l)
		time.Sleep(10 * time.Millisecond)
		synctest.Wait()
		assert.Equal(t, 1, returned(a, b), "the probe, never answered")
		time.Sleep(289 * time.Millisecond)
		synctest.Wait()
		assert.Equal(t, 1, returned(a, b))
		time.Sleep(time.Millisecond)
		synctest.Wait()
		assert.Equal(t, 2, returned(a, b), "Retry-After has passed")
		assert.InDelta(t, 39.2, l.Rate(), 0.01)
	})
}

// TestAdaptiveLimiterProbesDoubleWithoutRetryAfter: the edge's 403 says
// nothing of when to come back: the probes go after 10, 20, 40, 80, 160
// ms and then every 250 ms.
func TestAdaptiveLimiterProbesDoubleWithoutRetryAfter(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		l := pingone.NewAdaptiveLimiter(0, 10)
		accepted(l, 10)
		l.Observe(pingone.Feedback{Status: 403, Throttled: true, Sent: time.Now()})
		var gaps []time.Duration
		last := time.Now()
		for range 8 {
			require.NoError(t, l.Wait(t.Context()))
			gaps = append(gaps, time.Since(last))
			last = time.Now()
			l.Observe(pingone.Feedback{Status: 403, Throttled: true, Sent: last})
		}
		ms := time.Millisecond
		assert.Equal(t, []time.Duration{10 * ms, 20 * ms, 40 * ms, 80 * ms, 160 * ms, 250 * ms, 250 * ms, 250 * ms}, gaps)
	})
}

// TestAdaptiveLimiterIgnoresAnswersFromBeforeThePause: throttles of
// requests sent before the last pause ended were dealt with by it: they
// neither start a pause nor cut the pace again.
func TestAdaptiveLimiterIgnoresAnswersFromBeforeThePause(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		l := pingone.NewAdaptiveLimiter(0, 10)
		accepted(l, 100)
		before := time.Now()
		l.Observe(throttled(before, time.Second))
		l.Observe(throttled(before, time.Second)) // in flight too
		time.Sleep(10 * time.Millisecond)
		require.NoError(t, l.Wait(t.Context())) // the probe
		l.Observe(pingone.Feedback{Status: 200, Sent: time.Now()})
		rate := l.Rate()
		require.InDelta(t, 98, rate, 0.01)

		l.Observe(throttled(before, time.Second)) // a late answer from before
		assert.Equal(t, rate, l.Rate())
		start := time.Now()
		require.NoError(t, l.Wait(t.Context()))
		assert.Equal(t, time.Second/98, time.Since(start), "the next turn at the pace, no pause")
	})
}

func TestAdaptiveLimiterWaitEndsWithItsContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		l := pingone.NewAdaptiveLimiter(1, 1)
		require.NoError(t, l.Wait(t.Context()))

		// Past the deadline: an error at once, nothing waited.
		ctx, cancel := context.WithTimeout(t.Context(), 500*time.Millisecond)
		defer cancel()
		start := time.Now()
		err := l.Wait(ctx)
		assert.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Zero(t, time.Since(start))

		// Cancelled while waiting: its turn goes to the next.
		ctx2, cancel2 := context.WithCancel(t.Context())
		done := waitAsync(ctx2, l)
		synctest.Wait()
		cancel2()
		assert.ErrorIs(t, <-done, context.Canceled)
		start = time.Now()
		require.NoError(t, l.Wait(t.Context()))
		assert.Equal(t, time.Second, time.Since(start)-0, "the turn a second after the first")

		// In a pause whose first probe comes after the deadline.
		l2 := pingone.NewAdaptiveLimiter(0, 1)
		l2.Observe(throttled(time.Now(), 5*time.Second))
		ctx3, cancel3 := context.WithTimeout(t.Context(), 5*time.Millisecond)
		defer cancel3()
		start = time.Now()
		assert.ErrorIs(t, l2.Wait(ctx3), context.DeadlineExceeded)
		assert.Zero(t, time.Since(start))
	})
}

// TestAdaptiveLimiterReadsRateLimitHeaders: a remaining count of 0 with a
// reset pauses everyone until the reset, without probes; a policy with a
// window caps the pace.
func TestAdaptiveLimiterReadsRateLimitHeaders(t *testing.T) {
	for name, h := range map[string]http.Header{
		"RateLimit":   {"Ratelimit-Remaining": {"0"}, "Ratelimit-Reset": {"2"}},
		"X-RateLimit": {"X-Ratelimit-Remaining": {"0"}, "X-Ratelimit-Reset": {"2"}},
	} {
		t.Run(name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				l := pingone.NewAdaptiveLimiter(0, 10)
				accepted(l, 30)
				l.Observe(pingone.Feedback{Status: 200, Header: h, Sent: time.Now()})
				a, b := waitAsync(t.Context(), l), waitAsync(t.Context(), l)
				time.Sleep(2*time.Second - time.Millisecond)
				synctest.Wait()
				assert.Zero(t, returned(a, b), "no probe before the reset")
				time.Sleep(time.Millisecond)
				synctest.Wait()
				assert.Equal(t, 2, returned(a, b))
			})
		})
	}
	t.Run("unix reset", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			l := pingone.NewAdaptiveLimiter(0, 10)
			reset := time.Now().Add(3 * time.Second).Unix()
			l.Observe(pingone.Feedback{Status: 200, Sent: time.Now(),
				Header: http.Header{"X-Ratelimit-Remaining": {"0"}, "X-Ratelimit-Reset": {fmt.Sprint(reset)}}})
			start := time.Now()
			require.NoError(t, l.Wait(t.Context()))
			assert.Equal(t, time.Unix(reset, 0).Sub(start), time.Since(start))
		})
	})
	for header, want := range map[string]float64{
		"Ratelimit-Policy":  50,
		"Ratelimit-Limit":   10,
		"X-Ratelimit-Limit": 25,
	} {
		t.Run(header, func(t *testing.T) {
			l := pingone.NewAdaptiveLimiter(0, 10)
			v := map[string]string{"Ratelimit-Policy": "50;w=1", "Ratelimit-Limit": "100, 100;w=10", "X-Ratelimit-Limit": "1500;w=60, 100;w=1"}[header]
			l.Observe(pingone.Feedback{Status: 200, Header: http.Header{header: {v}}, Sent: time.Now()})
			assert.Equal(t, want, l.Rate())
		})
	}
	t.Run("nonsense", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			l := pingone.NewAdaptiveLimiter(0, 10)
			for _, h := range []http.Header{
				{"Ratelimit-Remaining": {"0"}, "Ratelimit-Reset": {"soon"}},
				{"Ratelimit-Remaining": {"-1"}, "Ratelimit-Reset": {"2"}},
				{"Ratelimit-Remaining": {"0"}},
				{"Ratelimit-Remaining": {"0"}, "Ratelimit-Reset": {"NaN"}},
				{"Ratelimit-Policy": {"0;w=1"}},
				{"Ratelimit-Policy": {"10;w=0"}},
				{"Ratelimit-Policy": {"ten;w=1"}},
				{"Ratelimit-Limit": {"100"}},
			} {
				l.Observe(pingone.Feedback{Status: 200, Header: h, Sent: time.Now()})
			}
			start := time.Now()
			require.NoError(t, l.Wait(t.Context()))
			assert.Zero(t, time.Since(start), "nothing read from headers it cannot make sense of")
			assert.Zero(t, l.Rate())
		})
	})
}

// modelServer is a server's rate limit on the bubble's clock: a fixed
// one-second window of rate requests (starting with the first after the
// last one ended), or a token bucket of rate and burst, as pingonetest
// has them.
type modelServer struct {
	mu     sync.Mutex
	window bool
	rate   float64
	burst  int
	// the window
	start time.Time
	count int
	// the bucket
	tokens float64
	last   time.Time

	answered, refused int
}

// take answers one request: whether it passes, and the whole seconds
// until one would.
func (m *modelServer) take() (bool, time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.answered++
	now := time.Now()
	var wait time.Duration
	if m.window {
		if m.start.IsZero() || now.Sub(m.start) >= time.Second {
			m.start, m.count = now, 0
		}
		m.count++
		if float64(m.count) <= m.rate {
			return true, 0
		}
		wait = m.start.Add(time.Second).Sub(now)
	} else {
		if m.last.IsZero() {
			m.tokens = float64(m.burst)
		} else {
			m.tokens = min(float64(m.burst), m.tokens+now.Sub(m.last).Seconds()*m.rate)
		}
		m.last = now
		if m.tokens >= 1 {
			m.tokens--
			return true, 0
		}
		wait = time.Duration((1 - m.tokens) / m.rate * float64(time.Second))
	}
	m.refused++
	return false, max(time.Second, (wait+time.Second-1)/time.Second*time.Second)
}

func (m *modelServer) setRate(r float64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.rate = r
}

// drive makes calls calls from workers goroutines through l to srv, each
// retried like the SDK does (after the Retry-After of a 429, after
// backoff for a 403, 5 attempts at most), with a 2 ms round trip, and
// returns the calls that failed.
func drive(ctx context.Context, l pingone.Limiter, srv *modelServer, status, workers, calls int) int {
	var next, failed atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for next.Add(1) <= int64(calls) {
				ok := false
				for attempt := range 5 {
					if l.Wait(ctx) != nil {
						break
					}
					sent := time.Now()
					time.Sleep(time.Millisecond)
					passed, ra := srv.take()
					time.Sleep(time.Millisecond)
					f := pingone.Feedback{Status: 200, Sent: sent}
					if !passed {
						f = pingone.Feedback{Status: status, Throttled: true, Sent: sent}
						if status == http.StatusTooManyRequests {
							f.RetryAfter = ra
						}
					}
					l.Observe(f)
					if passed {
						ok = true
						break
					}
					if f.RetryAfter > 0 {
						time.Sleep(f.RetryAfter)
					} else {
						time.Sleep(500 * time.Millisecond << attempt)
					}
				}
				if !ok {
					failed.Add(1)
				}
			}
		})
	}
	wg.Wait()
	return int(failed.Load())
}

// TestAdaptiveLimiterLearnsTheServersRate: whatever its ceiling, the
// limiter finds a rate just under the server's, for both kinds of limit
// and both throttling answers, with no call failing and at most 2% of the
// requests throttled.
func TestAdaptiveLimiterLearnsTheServersRate(t *testing.T) {
	const r = 100
	for _, ceiling := range []struct {
		name         string
		rate         float64
		burst        int
		learnsBelowR bool
	}{{"none", 0, 10, true}, {"R,1", r, 1, false}, {"R,R", r, r, false}, {"2R,2R", 2 * r, 2 * r, true}} {
		for _, shape := range []struct {
			name   string
			window bool
			burst  int
		}{{"window", true, 0}, {"bucket(R,R)", false, r}, {"bucket(R,10)", false, 10}} {
			for _, status := range []int{429, 403} {
				t.Run(fmt.Sprintf("%s/%s/%d", ceiling.name, shape.name, status), func(t *testing.T) {
					synctest.Test(t, func(t *testing.T) {
						srv := &modelServer{window: shape.window, rate: r, burst: shape.burst}
						l := pingone.NewAdaptiveLimiter(ceiling.rate, ceiling.burst)
						failed := drive(t.Context(), l, srv, status, 16, 2000)
						assert.Zero(t, failed, "calls failed")
						assert.LessOrEqual(t, float64(srv.refused), 0.02*float64(srv.answered), "%d of %d requests throttled", srv.refused, srv.answered)
						if ceiling.learnsBelowR || srv.refused > 0 {
							assert.InDelta(t, 0.98*r, l.Rate(), 0.05*r, "the pace it learnt")
						}
					})
				})
			}
		}
	}
}

// TestAdaptiveLimiterRisesAfterAQuietPeriod: once the server allows more,
// the pace rises past what it learnt (after 10 s without a throttle), and
// settles under the new rate.
func TestAdaptiveLimiterRisesAfterAQuietPeriod(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := &modelServer{window: true, rate: 50}
		l := pingone.NewAdaptiveLimiter(0, 10)
		require.Zero(t, drive(t.Context(), l, srv, 429, 16, 1000))
		learnt := l.Rate()
		require.InDelta(t, 49, learnt, 2)

		srv.setRate(100)
		refusedBefore := srv.refused
		require.Zero(t, drive(t.Context(), l, srv, 429, 16, 3000))
		assert.Greater(t, l.Rate(), 90.0, "the pace rose to the new rate")
		assert.LessOrEqual(t, l.Rate(), 102.0)
		assert.Less(t, srv.refused-refusedBefore, 30, "finding it cost few throttles")
	})
}

// TestAdaptiveLimiterSlowsForAServerThatSlowsDown: the server's rate
// falls (another tool on the licence starts): the pace follows it.
func TestAdaptiveLimiterSlowsForAServerThatSlowsDown(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := &modelServer{window: false, rate: 100, burst: 10}
		l := pingone.NewAdaptiveLimiter(0, 10)
		require.Zero(t, drive(t.Context(), l, srv, 429, 16, 1000))
		srv.setRate(40)
		refusedBefore, answeredBefore := srv.refused, srv.answered
		require.Zero(t, drive(t.Context(), l, srv, 429, 16, 2000))
		assert.InDelta(t, 39, l.Rate(), 3, "the pace it learnt after a minute at the new rate")
		assert.LessOrEqual(t, srv.refused-refusedBefore, (srv.answered-answeredBefore)/50, "at most 2% throttled")
	})
}

func TestWithRateLimitRefusesNonsense(t *testing.T) {
	for _, tc := range []struct {
		rate  float64
		burst int
	}{{0, 1}, {-1, 1}, {1, 0}, {inf(), 1}, {nan(), 1}} {
		_, err := pingone.NewClient(pingone.WithStaticToken("t"), pingone.WithRateLimit(tc.rate, tc.burst))
		assert.Error(t, err, "%v, %d", tc.rate, tc.burst)
	}
	_, err := pingone.NewClient(pingone.WithStaticToken("t"), pingone.WithLimiter(nil))
	assert.Error(t, err)
}

func inf() float64 { var z float64; return 1 / z }
func nan() float64 { var z float64; return z / z }

// BenchmarkAdaptiveLimiter is one Wait and one Observe under no
// throttling, from parallel goroutines: with the default limiter (no
// ceiling, the fast path), and with a pace (a ceiling far above what the
// benchmark reaches: the lock and the turn taken).
func BenchmarkAdaptiveLimiter(b *testing.B) {
	for _, tc := range []struct {
		name    string
		ceiling float64
		burst   int
	}{{"unthrottled", 0, 10}, {"paced", 1e12, 1}} {
		b.Run(tc.name, func(b *testing.B) {
			l := pingone.NewAdaptiveLimiter(tc.ceiling, tc.burst)
			f := pingone.Feedback{Status: 200, Sent: time.Now()}
			ctx := context.Background()
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					_ = l.Wait(ctx)
					l.Observe(f)
				}
			})
		})
	}
}

// failingLimiter's Wait fails, as a shared limiter's whose store is
// unreachable would.
type failingLimiter struct{}

func (failingLimiter) Wait(context.Context) error { return fmt.Errorf("store unreachable") }
func (failingLimiter) Observe(pingone.Feedback)   {}

func TestLimiterFailureIsReportedAsSuch(t *testing.T) {
	t.Parallel()
	var calls, issued atomic.Int32
	api := func(w http.ResponseWriter, r *http.Request) { calls.Add(1); populationOK(w, r) }
	c, err := pingone.NewClient(append(fakeHosts(t, issueTokens(&issued, 3600), api), pingone.WithLimiter(failingLimiter{}))...)
	require.NoError(t, err)
	_, err = c.Environment(testEnv).Populations.Get(t.Context(), "p1")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "rate limiter failed: store unreachable")
	assert.NotErrorIs(t, err, context.DeadlineExceeded)
	assert.Zero(t, calls.Load(), "nothing sent")
}
