package redislimit

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/pingone-go/pingone"
)

// The script's algorithm on a clock of the test's own (the script takes
// its time from the caller instead of Redis's TIME): the times checked are
// the script's decisions, not speeds.

type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

// newFake returns n limiters (processes) sharing one key on the test's
// Redis, on one fake clock.
func newFake(t *testing.T, rate float64, burst, n int) (*fakeClock, []*Limiter) {
	rdb := newRedis(t)
	clock := &fakeClock{t: time.Unix(1_800_000_000, 0)}
	key := "test:" + strings.ReplaceAll(t.Name(), "/", ":")
	if err := rdb.Del(context.Background(), key).Err(); err != nil {
		t.Fatal(err)
	}
	var ls []*Limiter
	for range n {
		l, err := New(rdb, key, rate, burst)
		if err != nil {
			t.Fatal(err)
		}
		l.now = clock.now
		ls = append(ls, l)
	}
	return clock, ls
}

// turn asks for a turn: the status (1 a turn, 0 paused, 2 past maxWait)
// and the wait.
func turn(t *testing.T, l *Limiter, maxWait time.Duration) (int64, time.Duration) {
	t.Helper()
	mw := int64(-1)
	if maxWait >= 0 {
		mw = maxWait.Microseconds()
	}
	r, err := l.run(context.Background(), "wait", mw)
	if err != nil {
		t.Fatal(err)
	}
	return r.status, r.wait
}

func expect(t *testing.T, l *Limiter, wantStatus int64, wantWait time.Duration) {
	t.Helper()
	st, w := turn(t, l, -1)
	if st != wantStatus || w != wantWait {
		t.Fatalf("turn: status %d, wait %v; want %d, %v", st, w, wantStatus, wantWait)
	}
}

// ceilMicro rounds d up to a microsecond, as the script does.
func ceilMicro(d time.Duration) time.Duration {
	return (d + time.Microsecond - 1).Truncate(time.Microsecond)
}

func TestSharedBucketPacesEveryProcess(t *testing.T) {
	clock, ls := newFake(t, 10, 1, 2)
	a, b := ls[0], ls[1]
	expect(t, a, 1, 0)                    // the first at once
	expect(t, b, 1, 100*time.Millisecond) // the other process's next turn: 100 ms later
	expect(t, a, 1, 200*time.Millisecond)
	clock.advance(time.Second)
	expect(t, b, 1, 0)
	expect(t, a, 1, 100*time.Millisecond)

	// A turn past the caller's deadline is refused and not taken.
	if st, w := turn(t, b, 150*time.Millisecond); st != 2 || w != 200*time.Millisecond {
		t.Fatalf("past the deadline: status %d, wait %v", st, w)
	}
	expect(t, b, 1, 200*time.Millisecond)
}

func TestSharedBucketBurst(t *testing.T) {
	clock, ls := newFake(t, 10, 5, 1)
	l := ls[0]
	expect(t, l, 1, 0)
	expect(t, l, 1, 100*time.Millisecond) // nothing saved up at the start
	clock.advance(2 * time.Second)        // the burst builds up
	for range 5 {
		expect(t, l, 1, 0)
	}
	expect(t, l, 1, 100*time.Millisecond)
}

// TestOneThrottleSlowsEveryProcess: a 429 that one process got pauses the
// others; one probe goes after 10 ms (the next 20 ms after a throttled
// one), the accepted probe ends the pause, and the shared rate is 5%
// lower, cut once for the answers to requests sent before the throttle.
func TestOneThrottleSlowsEveryProcess(t *testing.T) {
	clock, ls := newFake(t, 100, 1, 3)
	a, b, c := ls[0], ls[1], ls[2]
	expect(t, a, 1, 0)
	sent := clock.now()
	clock.advance(time.Millisecond)
	a.Observe(pingone.Feedback{Status: 429, Throttled: true, RetryAfter: time.Second, Sent: sent})
	b.Observe(pingone.Feedback{Status: 429, Throttled: true, RetryAfter: time.Second, Sent: sent}) // sent before the cut too
	if got := a.Rate(); math.Abs(got-95) > 0.001 {
		t.Fatalf("rate after one throttle: %v, want 95", got)
	}

	expect(t, b, 0, 10*time.Millisecond) // paused: the probe is due in 10 ms
	clock.advance(10 * time.Millisecond)
	expect(t, c, 1, 0) // the probe
	expect(t, b, 0, 10*time.Millisecond)
	probe := clock.now()
	clock.advance(time.Millisecond)
	c.Observe(pingone.Feedback{Status: 429, Throttled: true, RetryAfter: time.Second, Sent: probe})
	expect(t, b, 0, 20*time.Millisecond) // the next probe waits twice as long
	clock.advance(20 * time.Millisecond)
	expect(t, b, 1, 0) // the second probe
	probe = clock.now()
	clock.advance(time.Millisecond)
	b.Observe(pingone.Feedback{Status: 200, Sent: probe}) // accepted: the pause ends
	expect(t, a, 1, ceilMicro(time.Second/95))
	expect(t, c, 1, ceilMicro(2*time.Second/95))

	// A late answer to a request sent before the throttle cuts nothing.
	a.Observe(pingone.Feedback{Status: 429, Throttled: true, RetryAfter: time.Second, Sent: sent})
	expect(t, b, 1, ceilMicro(3*time.Second/95))
	if got := a.Rate(); math.Abs(got-95) > 0.001 {
		t.Fatalf("rate: %v, want 95", got)
	}
}

// TestPauseEndsWithRetryAfter: the edge's 403 gives no Retry-After: the
// pause lasts 1 s unless a probe is accepted.
func TestPauseEndsWithRetryAfter(t *testing.T) {
	clock, ls := newFake(t, 100, 1, 1)
	l := ls[0]
	sent := clock.now()
	l.Observe(pingone.Feedback{Status: 403, Throttled: true, Sent: sent})
	gaps := []time.Duration{}
	for {
		st, w := turn(t, l, -1)
		if st == 1 && w == 0 {
			gaps = append(gaps, clock.now().Sub(sent))
			if clock.now().Sub(sent) >= time.Second {
				break
			}
			l.Observe(pingone.Feedback{Status: 403, Throttled: true, Sent: clock.now()})
			continue
		}
		clock.advance(w)
	}
	ms := time.Millisecond
	want := []time.Duration{10 * ms, 30 * ms, 70 * ms, 150 * ms, 310 * ms, 630 * ms, 1000 * ms}
	if len(gaps) != len(want) {
		t.Fatalf("probes at %v, want %v", gaps, want)
	}
	for i := range want {
		if gaps[i] != want[i] {
			t.Fatalf("probes at %v, want %v", gaps, want)
		}
	}
}

// TestRateRisesAfterQuiet: 5 s after the last throttle the shared rate
// rises by 1% a second, up to the rate the limiter was made with.
func TestRateRisesAfterQuiet(t *testing.T) {
	clock, ls := newFake(t, 100, 1, 1)
	l := ls[0]
	l.Observe(pingone.Feedback{Status: 429, Throttled: true, Sent: clock.now()})
	clock.advance(20 * time.Millisecond)
	l.Observe(pingone.Feedback{Status: 200, Sent: clock.now()})
	if l.Rate() != 95 {
		t.Fatalf("rate %v, want 95", l.Rate())
	}
	clock.advance(4 * time.Second)
	l.Observe(pingone.Feedback{Status: 200, Sent: clock.now()})
	if l.Rate() != 95 {
		t.Fatalf("rose before 5 s of quiet: %v", l.Rate())
	}
	var rates []float64
	for range 7 {
		clock.advance(time.Second)
		l.Observe(pingone.Feedback{Status: 200, Sent: clock.now()})
		rates = append(rates, l.Rate())
	}
	want := []float64{95.95, 96.909, 97.878, 98.856, 99.845, 100, 100}
	for i := range want {
		if math.Abs(rates[i]-want[i]) > 0.002 {
			t.Fatalf("rates %v, want %v", rates, want)
		}
	}
}

func TestWaitPastTheDeadline(t *testing.T) {
	rdb := newRedis(t)
	l, err := New(rdb, "test:"+t.Name(), 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Wait(t.Context()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	if err := l.Wait(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Wait with a second to go and 100 ms left: %v", err)
	}
}

func TestNewRefusesNonsense(t *testing.T) {
	rdb := newRedis(t)
	for _, tc := range []struct {
		key   string
		rate  float64
		burst int
	}{{"", 1, 1}, {"k", 0, 1}, {"k", math.Inf(1), 1}, {"k", math.NaN(), 1}, {"k", 1, 0}} {
		if _, err := New(rdb, tc.key, tc.rate, tc.burst); err == nil {
			t.Errorf("New(%q, %v, %d): no error", tc.key, tc.rate, tc.burst)
		}
	}
	if _, err := New(nil, "k", 1, 1); err == nil {
		t.Error("New(nil, ...): no error")
	}
}

func TestRedisDown(t *testing.T) {
	l, err := New(redisClientTo(t, "127.0.0.1:1"), "k", 10, 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Wait(t.Context()); err == nil || !strings.Contains(err.Error(), "redislimit") {
		t.Fatalf("Wait with Redis down: %v", err)
	}
	l.Observe(pingone.Feedback{Status: 429, Throttled: true, Sent: time.Now()}) // no panic, no hang
}
