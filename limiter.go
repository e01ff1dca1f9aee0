package pingone

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Limiter paces a client's requests. Every attempt, retries included,
// waits for it first; every answer is reported to it, so that it can learn
// the server's limit. The default is an adaptive in-process limiter
// ([WithRateLimit] gives it a ceiling); [WithLimiter] sets another, such
// as one shared by many processes (package ratelimit/redislimit).
type Limiter interface {
	// Wait blocks until a request may be sent, or ctx ends. An error that
	// says the wait would pass ctx's deadline is reported to the caller
	// without sending.
	Wait(ctx context.Context) error
	// Observe tells the limiter what one attempt got back.
	Observe(Feedback)
}

// A Limiter may also have a method HandlesThrottling() bool. When it
// reports true, the limiter itself holds requests back after a throttling
// answer (for the server's Retry-After, or until it finds the server
// accepting again), and a throttled attempt is retried as soon as Wait
// lets it go, rather than after the retry policy's wait: the requests that
// were in flight then do not sit out a whole Retry-After each after the
// limiter has resumed. [AdaptiveLimiter] does.

// Feedback is what the server answered to one attempt.
type Feedback struct {
	// Status is the HTTP status (0 when no answer came).
	Status int
	// Throttled reports a throttling answer: a 429, or a 403 that PingOne's
	// edge sends when requests come too fast.
	Throttled bool
	// RetryAfter is the wait the server asked for (zero when it did not).
	RetryAfter time.Duration
	// Header holds the answer's headers (rate-limit headers, when the
	// server sends some).
	Header http.Header
	// Sent is when the attempt was sent, after Wait let it go (zero when
	// unknown): it tells an answer to a request sent before a pause began
	// from one sent since.
	Sent time.Time
}

// WithLimiter sets the client's [Limiter], replacing the default adaptive
// one.
func WithLimiter(l Limiter) Option {
	return func(c *config) error {
		if l == nil {
			return errors.New("pingone: WithLimiter: nil limiter")
		}
		c.limiter = l
		return nil
	}
}

// WithRateLimit caps the client at perSecond requests per second (with
// bursts of burst), shared by every goroutine using the client. Below the
// cap the limiter still learns from the server: after a throttling answer
// it slows down, and after a quiet period it speeds up again. PingOne's
// limits are per licence and shared by all its environments, so several
// tools on one licence may want to divide them.
func WithRateLimit(perSecond float64, burst int) Option {
	return func(c *config) error {
		if !(perSecond > 0) || math.IsInf(perSecond, 0) || burst < 1 {
			return errors.New("pingone: WithRateLimit: need a finite perSecond > 0 and burst >= 1")
		}
		c.limiter = NewAdaptiveLimiter(perSecond, burst)
		return nil
	}
}

// AdaptiveLimiter is the default [Limiter]: a pace that follows the
// server. See [NewAdaptiveLimiter] for how it learns.
type AdaptiveLimiter struct {
	// free is set while nothing paces or pauses the requests: Wait then
	// returns at once, without a lock.
	free    atomic.Bool
	start   time.Time // the base of the answer counts (monotonic)
	answers answerCounts

	mu      sync.Mutex
	ceiling float64 // 0: none
	burst   int
	rate    float64   // the pace in requests per second; 0: none
	tat     time.Time // the pace's theoretical arrival time (GCRA)
	tight   bool      // learnt: bursts of one until the ceiling is back
	// epoch changes with the pace and when a pause begins: the requests
	// waiting for their turn then take a new one.
	epoch    uint64
	changed  chan struct{} // closed (and replaced) when the epoch changes or a pause may let a probe go
	lastSent time.Time     // the latest turn taken

	serverRate float64 // the rate the server's rate-limit policy names (0: none)

	// The pause after a throttling answer.
	paused     bool
	pauseStart time.Time
	pauseEnd   time.Time // the end of the Retry-After (zero: none)
	hold       time.Time // no probe before (the server named its reset)
	probeAt    time.Time
	probeGap   time.Duration
	probeOut   bool
	probeSent  time.Time
	failPace   float64 // the pace when the pause began (0: none)
	// refusedLate: a request sent firmPause or more into the pause was
	// throttled too.
	refusedLate bool
	// fromHeaders: the pause began because rate-limit headers said
	// nothing remained, and no request has been throttled since.
	fromHeaders bool
	pauseEnded  time.Time
	chainStart  time.Time // the first of the pauses that followed each other closely

	// Learning.
	high         float64       // the server's rate as learnt (Inf: not yet)
	rises        int           // slow rises since the last throttle
	proven       float64       // the pace that last held for a long quiet period
	quietFor     time.Duration // the quiet period before slow rises
	lastThrottle time.Time
	lastRise     time.Time
}

var debugLimiter = os.Getenv("LIMDEBUG") != ""

// defaultBurst is the burst of the default limiter once it has learnt a
// rate.
const defaultBurst = 10

// The adaptive limiter's tuning.
const (
	// adaptiveHold is the pace after a throttle, as a share of the rate
	// the server was seen to accept.
	adaptiveHold = 0.98
	// probeFirst, probeMax: the first gap between probes during a pause,
	// and the largest (the gap doubles after each throttled probe).
	probeFirst = 10 * time.Millisecond
	probeMax   = 250 * time.Millisecond
	// probeLost: a probe unanswered for this long no longer holds the
	// next one back.
	probeLost = 2 * time.Second
	// firmPause: a request throttled this long after the pause began
	// shows a window that the requests of the second before used up:
	// their count is the server's rate.
	firmPause = 50 * time.Millisecond
	// The rises: every riseStep (slowStartStep in slow start) after as
	// long without a throttle; past 98% of the last failing pace, only
	// after riseQuiet without one, by riseSlow more at each step.
	riseStep      = 250 * time.Millisecond
	slowStartStep = 100 * time.Millisecond
	riseQuiet     = 10 * time.Second
	riseQuietMax  = 80 * time.Second
	riseSlow      = 0.005
	// chainGap, chainMin: throttles less than chainGap after the last
	// pause ended make a chain; once one spans chainMin, what the server
	// accepted over it is its rate.
	chainGap = time.Second
	chainMin = 100 * time.Millisecond
	// riseUsed: rises need the requests sent since the last change to
	// use this share of the pace.
	riseUsed = 0.8
	// minRate is the slowest pace.
	minRate = 0.5
)

// NewAdaptiveLimiter returns an adaptive limiter capped at ceiling
// requests per second (0: no cap) with bursts of burst.
//
// It starts at its ceiling, with no burst saved up (the burst builds up
// while fewer requests come than the pace allows); with no ceiling,
// requests are not held back at all, and Wait costs an atomic load.
//
// A throttling answer (a 429, or the edge's throttling 403) pauses every
// sender: a single probe request goes after 10 ms, then after gaps that
// double (up to 250 ms) while the probes are throttled; the pause ends when
// a probe passes or when the server's Retry-After has passed. Retry-After
// is in whole seconds and a server's window may end well before it, which
// is why the probes go. The pace then becomes 98% of what the server
// accepted of the requests sent in the second before the throttle, with
// bursts of one; throttles that follow each other closely measure the
// server's rate over the whole spell. Answers to requests sent before a
// pause began, or before the last one ended, teach it nothing new.
//
// The pace rises again while the requests use it up: doubling every
// 100 ms while no pace has been throttled; every 250 ms without a
// throttle, halfway (on a geometric scale) to 98% of the rate learnt; past
// that only after 10 s without a throttle, by 0.5% more at each step (the
// quiet period doubles, up to 80 s, while the rises find nothing more).
// It never rises above the ceiling; back at it, the bursts come back.
//
// Rate-limit headers are read when the server sends them: RateLimit-Reset
// or X-RateLimit-Reset (seconds; above 10⁸, a Unix time) with
// RateLimit-Remaining or X-RateLimit-Remaining at 0 pause the senders
// until the reset without probes, and the pace is left as it was; a
// RateLimit-Policy or RateLimit-Limit (or X-RateLimit-Limit) of the form
// "100;w=1" (a quota and its window in seconds) caps the pace at the quota
// per second.
func NewAdaptiveLimiter(ceiling float64, burst int) *AdaptiveLimiter {
	if !(ceiling > 0) || math.IsInf(ceiling, 0) {
		ceiling = 0
	}
	a := &AdaptiveLimiter{ceiling: ceiling, burst: max(burst, 1), rate: ceiling, high: math.Inf(1), start: time.Now(), changed: make(chan struct{}), quietFor: riseQuiet}
	a.free.Store(ceiling == 0)
	// Nothing saved up at the start: the burst builds up while fewer
	// requests come than the pace allows.
	if ceiling > 0 {
		a.tat = a.start.Add(time.Duration(a.burst-1) * a.interval())
	}
	return a
}

// errLimiterDeadline is Wait's error when the pace or a pause would last
// past the context's deadline.
// It matches context.DeadlineExceeded.
var errLimiterDeadline = fmt.Errorf("pingone: the rate limit's wait would pass the context deadline: %w", context.DeadlineExceeded)

// Wait implements [Limiter].
func (a *AdaptiveLimiter) Wait(ctx context.Context) error {
	if a.free.Load() {
		return nil
	}
	for {
		a.mu.Lock()
		now := time.Now()
		if a.paused {
			if !a.pauseEnd.IsZero() && !now.Before(a.pauseEnd) {
				a.endPause(now)
				a.mu.Unlock()
				continue
			}
			if a.probeOut && now.Sub(a.probeSent) >= probeLost {
				a.probeOut = false
			}
			next := a.probeAt
			if next.Before(a.hold) {
				next = a.hold
			}
			if !a.probeOut && !now.Before(next) {
				a.probeOut, a.probeSent = true, now
				if debugLimiter {
					fmt.Printf("%8.3f probe\n", now.Sub(a.start).Seconds())
				}
				a.sent(now)
				a.mu.Unlock()
				return nil // the probe
			}
			wake := next
			if a.probeOut {
				wake = a.probeSent.Add(probeLost)
			}
			if !a.pauseEnd.IsZero() && a.pauseEnd.Before(wake) {
				wake = a.pauseEnd
			}
			changed, probing := a.changed, a.probeOut
			a.mu.Unlock()
			if d, ok := ctx.Deadline(); ok && !probing && d.Before(wake) {
				return errLimiterDeadline
			}
			if err := sleepUntil(ctx, wake, changed); err != nil {
				return err
			}
			continue
		}
		if a.rate == 0 {
			a.mu.Unlock()
			return nil
		}
		interval := a.interval()
		sendAt := a.tat.Add(-time.Duration(a.burstNow()-1) * interval)
		if sendAt.Before(now) {
			sendAt = now
		}
		if d, ok := ctx.Deadline(); ok && d.Before(sendAt) {
			a.mu.Unlock()
			return errLimiterDeadline
		}
		a.tat = later(a.tat, now).Add(interval)
		if !sendAt.After(now) {
			a.sent(sendAt)
			a.mu.Unlock()
			return nil
		}
		reserved, epoch := a.tat, a.epoch
		for {
			changed := a.changed
			a.mu.Unlock()
			err := sleepUntil(ctx, sendAt, changed)
			a.mu.Lock()
			if err != nil {
				if a.epoch == epoch && a.tat.Equal(reserved) {
					a.tat = a.tat.Add(-interval) // give the turn back
				}
				a.mu.Unlock()
				return err
			}
			if a.epoch != epoch {
				break // the pace changed, or a pause began: take a new turn
			}
			if !time.Now().Before(sendAt) {
				a.sent(sendAt)
				a.mu.Unlock()
				return nil
			}
		}
		a.mu.Unlock()
	}
}

// HandlesThrottling reports true: the limiter pauses its senders after a
// throttling answer, so a throttled attempt is retried through Wait
// without the retry policy's wait.
func (a *AdaptiveLimiter) HandlesThrottling() bool { return true }

// handlesThrottling reports whether l holds requests back after a
// throttling answer itself.
func handlesThrottling(l Limiter) bool {
	h, ok := l.(interface{ HandlesThrottling() bool })
	return ok && h.HandlesThrottling()
}

// interval is the time between two requests at the pace (the lock is
// held; the pace is set).
func (a *AdaptiveLimiter) interval() time.Duration {
	return time.Duration(float64(time.Second) / a.rate)
}

// burstNow is the burst allowed (the lock is held).
func (a *AdaptiveLimiter) burstNow() int {
	if a.tight {
		return 1
	}
	return a.burst
}

// sent records a request let go at t (the lock is held).
func (a *AdaptiveLimiter) sent(t time.Time) {
	a.lastSent = later(a.lastSent, t)
	a.answers.add(&a.answers.sent, t.Sub(a.start))
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// sleepUntil waits until t, or until wake is closed, or ctx ends.
func sleepUntil(ctx context.Context, t time.Time, wake <-chan struct{}) error {
	timer := time.NewTimer(time.Until(t))
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
	case <-wake:
	}
	return nil
}

// Observe implements [Limiter].
func (a *AdaptiveLimiter) Observe(f Feedback) {
	now := time.Now()
	sent := f.Sent
	if sent.IsZero() || sent.After(now) {
		sent = now
	}
	// The answers are counted by when their requests were sent.
	at := sent.Sub(a.start)
	if !f.Throttled && a.free.Load() && !hasRateLimitHeaders(f.Header) {
		a.answers.add(&a.answers.ok, at)
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	switch {
	case f.Throttled:
		a.answers.add(&a.answers.throttled, at)
	case !a.paused || sent.Before(a.pauseStart):
		// A probe that passes is not counted: the count before a pause
		// is what the server accepted before it.
		a.answers.add(&a.answers.ok, at)
	}
	a.readHeaders(f.Header, now)
	switch {
	case f.Throttled && a.paused:
		if sent.Before(a.pauseStart) {
			return // sent before the pause: it says nothing new
		}
		a.lastThrottle = now
		a.fromHeaders = false
		if sent.Sub(a.pauseStart) >= firmPause {
			a.refusedLate = true
		}
		if end := now.Add(f.RetryAfter); f.RetryAfter > 0 && end.After(a.pauseEnd) {
			a.pauseEnd = end
		}
		if a.probeOut {
			// The probe was throttled: the next one waits twice as long.
			a.probeOut = false
			a.probeGap = min(2*a.probeGap, probeMax)
			a.probeAt = now.Add(a.probeGap)
			a.signal()
		}
	case f.Throttled:
		if debugLimiter {
			fmt.Printf("%8.3f throttled answer sent at %.4f, pause ended %.4f\n", now.Sub(a.start).Seconds(), sent.Sub(a.start).Seconds(), a.pauseEnded.Sub(a.start).Seconds())
		}
		if sent.Before(a.pauseEnded) {
			return // sent before the last pause ended: that pause has dealt with it
		}
		a.lastThrottle = now
		if debugLimiter {
			fmt.Printf("%8.3f throttle of a request sent at %.4f (pace %.1f, tat %.4f)\n", now.Sub(a.start).Seconds(), sent.Sub(a.start).Seconds(), a.rate, a.tat.Sub(a.start).Seconds())
		}
		end := time.Time{}
		if f.RetryAfter > 0 {
			end = now.Add(f.RetryAfter)
		}
		a.beginPause(now, end)
	case a.paused:
		if sent.Before(a.pauseStart) || now.Before(a.hold) {
			return
		}
		a.endPause(now) // the probe went through
	default:
		a.rise(now)
	}
}

// beginPause stops the senders after a throttle at now; end is when the
// server's Retry-After ends (zero: it gave none).
func (a *AdaptiveLimiter) beginPause(now, end time.Time) {
	if a.chainStart.IsZero() || now.Sub(a.pauseEnded) > chainGap {
		a.chainStart = now
	}
	a.paused = true
	a.epoch++
	a.free.Store(false)
	a.signal()
	a.pauseStart = now
	a.pauseEnd = end
	a.failPace = a.rate
	a.refusedLate = false
	a.probeOut = false
	a.probeGap = probeFirst
	a.probeAt = now.Add(a.probeGap)
	a.fromHeaders = false
}

// signal wakes the requests waiting in a pause, to look at it again.
func (a *AdaptiveLimiter) signal() {
	if a.changed != nil {
		close(a.changed)
	}
	a.changed = make(chan struct{})
}

// endPause lets the senders go again at now, at a pace learnt from what
// the server accepted.
func (a *AdaptiveLimiter) endPause(now time.Time) {
	a.paused = false
	a.probeOut = false
	a.pauseEnded = now
	a.signal()
	if a.fromHeaders {
		// The server's headers asked for the pause, and nothing was
		// throttled: its count says nothing of the server's rate, and
		// the pace stays as it was.
		a.fromHeaders = false
		a.chainStart = time.Time{}
		a.free.Store(a.rate == 0)
		a.restartTurns(now)
		return
	}
	// What the server accepted of the requests sent in the second before
	// the pause.
	at := a.pauseStart.Sub(a.start)
	accepted := max(float64(a.answers.sum(&a.answers.ok, at-time.Second, at)), 1)
	var r float64
	switch {
	case a.refusedLate:
		// The server kept refusing: its window was used up, by what it
		// accepted in the second before.
		a.high = accepted
		r = adaptiveHold * accepted
	case a.failPace > 0:
		// The server refilled quickly: the pace that failed was too
		// fast, but by how much the count does not say when the server
		// holds a burst. Cut to the count, never below half.
		a.high = min(a.high, a.failPace)
		r = max(adaptiveHold*min(accepted, a.failPace), a.failPace/2)
	default:
		// No pace yet (no ceiling): start from the count; slow start
		// then finds the server's rate.
		r = adaptiveHold * accepted
	}
	if span := a.pauseStart.Sub(a.chainStart); span >= chainMin {
		// Throttles that follow each other closely: the server has been
		// refusing on and off since the first, and what it accepted in
		// between is its rate.
		got := float64(a.answers.sum(&a.answers.ok, a.chainStart.Sub(a.start), at)) / span.Seconds()
		a.high = min(a.high, max(got, 1))
		r = min(r, adaptiveHold*got)
	}
	if a.rises > 0 {
		// The throttle ended slow rises past a pace that had held for
		// a long quiet period: the server's rate lies between that pace
		// and the one that failed, and the count over the last second
		// (at a pace above the server's) is the best guess.
		a.high = max(a.proven, min(a.high, accepted))
		r = min(r, adaptiveHold*a.high)
		if a.high <= a.proven*1.02 {
			a.quietFor = min(2*a.quietFor, riseQuietMax) // nothing more to find: look less often
		} else {
			a.quietFor = riseQuiet
		}
	}
	if a.probeSent.Before(a.pauseStart) {
		// No request went during the pause: it tells nothing about the
		// server, and the next throttle starts a new chain.
		a.chainStart = time.Time{}
	}
	a.rises = 0
	if debugLimiter {
		fmt.Printf("%8.3f end pause (%.3fs) accepted=%v failPace=%.1f -> rate %.1f high %.1f\n", now.Sub(a.start).Seconds(), now.Sub(a.pauseStart).Seconds(), accepted, a.failPace, r, a.high)
	}
	// Bursts of one from now on; the probe (the last request sent) was
	// the first at the new pace.
	a.tight = true
	a.setRate(r, now)
	a.restartTurns(now)
	a.lastRise = now
}

// rise raises the pace after a quiet period (the lock is held): doubling
// while no pace has failed (slow start); in steps that halve the distance
// (on a geometric scale) to 98% of the last failing pace; past it only
// after a long quiet period, slowly at first and then faster.
func (a *AdaptiveLimiter) rise(now time.Time) {
	if a.rate == 0 || (a.ceiling > 0 && a.rate >= a.ceiling) {
		return
	}
	quiet, step := now.Sub(a.lastThrottle), now.Sub(a.lastRise)
	hold := adaptiveHold * a.high
	var r float64
	switch {
	case math.IsInf(a.high, 1):
		if quiet < slowStartStep || step < slowStartStep {
			return
		}
		r = 2 * a.rate
	case a.rate < hold:
		if quiet < riseStep || step < riseStep {
			return
		}
		r = math.Sqrt(a.rate * a.high)
		if r > hold || hold-r < 0.01*hold {
			r = hold
		}
	default:
		if quiet < a.quietFor || step < riseStep {
			return
		}
		r = a.rate * (1 + riseSlow*float64(a.rises+1))
	}
	// Only a pace that the requests use up is raised: a pace that holds
	// nobody back proves nothing.
	at, window := now.Sub(a.start), min(step, time.Second)
	if used := float64(a.answers.sum(&a.answers.sent, at-window, at)); used < riseUsed*a.rate*window.Seconds() {
		if debugLimiter {
			fmt.Printf("%8.3f no rise: used %v in %v at %.1f\n", now.Sub(a.start).Seconds(), used, window, a.rate)
		}
		return
	}
	if debugLimiter {
		fmt.Printf("%8.3f rise from %.1f to %.1f\n", now.Sub(a.start).Seconds(), a.rate, r)
	}
	if a.rate >= hold {
		if a.rises == 0 {
			a.proven = a.rate // it held for a long quiet period
		}
		a.rises++
		a.high = max(a.high, r)
	}
	a.lastRise = now
	a.chainStart = time.Time{} // a new pace: throttles after it start a new chain
	a.setRate(r, now)
	if a.tight && a.ceiling > 0 && a.rate >= a.ceiling {
		// Back at the ceiling: the bursts it was given come back (saved
		// up from now on).
		a.tight = false
		a.restartTurns(now)
	}
}

// setRate sets the pace, within the ceiling and the server's policy
// (the lock is held).
func (a *AdaptiveLimiter) setRate(r float64, now time.Time) {
	if a.serverRate > 0 {
		r = min(r, a.serverRate)
	}
	if a.ceiling > 0 && r >= a.ceiling {
		r = a.ceiling
	}
	r = max(r, minRate)
	if r == a.rate {
		return
	}
	a.rate = r
	a.restartTurns(now)
}

// restartTurns makes the next turn come an interval at the pace after
// the last one, with no burst saved up, and the requests waiting for a
// turn take new ones (the lock is held).
func (a *AdaptiveLimiter) restartTurns(now time.Time) {
	if a.rate > 0 {
		interval := a.interval()
		a.tat = later(a.lastSent.Add(interval), now).Add(time.Duration(a.burstNow()-1) * interval)
	}
	a.epoch++
	a.signal()
}

// Rate returns the limiter's current pace in requests per second (0:
// none).
func (a *AdaptiveLimiter) Rate() float64 {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.rate
}

// ---- rate-limit headers ----

// hasRateLimitHeaders reports whether h holds a rate-limit header.
func hasRateLimitHeaders(h http.Header) bool {
	for _, k := range rateLimitHeaders {
		if _, ok := h[k]; ok {
			return true
		}
	}
	return false
}

var rateLimitHeaders = []string{"Ratelimit-Remaining", "X-Ratelimit-Remaining", "Ratelimit-Policy", "Ratelimit-Limit", "X-Ratelimit-Limit"}

// readHeaders applies the server's rate-limit headers (the lock is held).
func (a *AdaptiveLimiter) readHeaders(h http.Header, now time.Time) {
	if len(h) == 0 {
		return
	}
	if r, ok := policyRate(h); ok && r > 0 {
		a.serverRate = r
		if a.rate == 0 || a.rate > r {
			a.setRate(r, now)
			a.free.Store(false)
		}
	}
	remaining, ok := headerInt(h, "RateLimit-Remaining", "X-RateLimit-Remaining")
	if !ok || remaining > 0 {
		return
	}
	reset, ok := resetAfter(h, now)
	if !ok || reset <= 0 {
		return
	}
	until := now.Add(reset)
	if !a.paused {
		a.beginPause(now, until)
		a.fromHeaders = true
	} else if until.After(a.pauseEnd) {
		a.pauseEnd = until
	}
	if until.After(a.hold) {
		a.hold = until
	}
}

// headerInt reads the first of names that h holds as a number ≥ 0.
func headerInt(h http.Header, names ...string) (int64, bool) {
	for _, n := range names {
		if v := h.Get(n); v != "" {
			i, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
			return i, err == nil && i >= 0
		}
	}
	return 0, false
}

// resetAfter reads RateLimit-Reset or X-RateLimit-Reset: seconds from now
// (fractions allowed), or for X-RateLimit-Reset above 10⁸ (three years)
// a Unix time.
func resetAfter(h http.Header, now time.Time) (time.Duration, bool) {
	for _, n := range []string{"RateLimit-Reset", "X-RateLimit-Reset"} {
		v := strings.TrimSpace(h.Get(n))
		if v == "" {
			continue
		}
		s, err := strconv.ParseFloat(v, 64)
		if err != nil || s < 0 || math.IsInf(s, 0) || math.IsNaN(s) {
			return 0, false
		}
		if s > 1e8 {
			return time.Unix(int64(s), 0).Sub(now), true
		}
		return min(time.Duration(s*float64(time.Second)), time.Hour), true
	}
	return 0, false
}

// policyRate reads a quota and its window ("100;w=1") from
// RateLimit-Policy, RateLimit-Limit or X-RateLimit-Limit; with several
// policies, the lowest rate.
func policyRate(h http.Header) (float64, bool) {
	for _, n := range []string{"RateLimit-Policy", "RateLimit-Limit", "X-RateLimit-Limit"} {
		v := h.Get(n)
		if v == "" || !strings.Contains(v, "w=") {
			continue
		}
		best, found := 0.0, false
		for p := range strings.SplitSeq(v, ",") {
			q, params, _ := strings.Cut(p, ";")
			quota, err := strconv.ParseFloat(strings.TrimSpace(q), 64)
			if err != nil || quota <= 0 {
				continue
			}
			for kv := range strings.SplitSeq(params, ";") {
				k, val, _ := strings.Cut(strings.TrimSpace(kv), "=")
				if k != "w" {
					continue
				}
				w, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
				if err != nil || w <= 0 || math.IsInf(w, 0) {
					continue
				}
				if r := quota / w; !found || r < best {
					best, found = r, true
				}
			}
		}
		if found {
			return best, true
		}
	}
	return 0, false
}

// ---- answer counts ----

// answerCounts counts answers in slots of countSlot over the last
// countSlots slots, without a lock: each slot packs its number (high bits)
// and its count (low 24 bits).
type answerCounts struct {
	ok, throttled, sent [countSlots]atomic.Uint64
}

const (
	countSlot  = 50 * time.Millisecond
	countSlots = 40
	countBits  = 24
)

func (c *answerCounts) add(ring *[countSlots]atomic.Uint64, at time.Duration) {
	n := uint64(at / countSlot)
	s := &ring[n%countSlots]
	for {
		v := s.Load()
		next := n<<countBits | 1
		if v>>countBits > n {
			return // too old: the slot counts a later one
		}
		if v>>countBits == n {
			if v&(1<<countBits-1) == 1<<countBits-1 {
				return // full
			}
			next = v + 1
		}
		if s.CompareAndSwap(v, next) {
			return
		}
	}
}

// sum counts the answers in the slots from from to to (both as offsets
// from the start), as far as the ring reaches back.
func (c *answerCounts) sum(ring *[countSlots]atomic.Uint64, from, to time.Duration) int {
	if to < 0 {
		return 0
	}
	last := uint64(to / countSlot)
	first := uint64(0)
	if from > 0 {
		first = uint64(from / countSlot)
	}
	if last-first >= countSlots {
		first = last - countSlots + 1
	}
	total := 0
	for n := first; n <= last; n++ {
		if v := ring[n%countSlots].Load(); v>>countBits == n {
			total += int(v & (1<<countBits - 1))
		}
	}
	return total
}
