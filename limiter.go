package pingone

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"time"

	"golang.org/x/time/rate"
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
		if perSecond <= 0 || burst < 1 {
			return errors.New("pingone: WithRateLimit: need perSecond > 0 and burst >= 1")
		}
		c.limiter = NewAdaptiveLimiter(perSecond, burst)
		return nil
	}
}

// AdaptiveLimiter is the default [Limiter]: a token bucket whose rate
// follows the server. It starts at its ceiling (unlimited when there is
// none); a throttling answer pauses every sender for the Retry-After the
// server asked for and sets the rate just under what was being sent; after
// a quiet period the rate rises again, step by step, back to the ceiling.
type AdaptiveLimiter struct {
	mu       sync.Mutex
	ceiling  float64 // 0: none
	burst    int
	lim      *rate.Limiter
	rate     float64 // current rate; 0: unlimited
	pause    time.Time
	lastHit  time.Time
	lastRise time.Time
	window   [2]int // sends in the current and the previous second
	winStart time.Time
}

// defaultBurst is the burst of the default limiter once it has learnt a
// rate.
const defaultBurst = 10

// The adaptive limiter's tuning.
const (
	adaptiveBackoff   = 0.9                    // the rate after a throttle, as a share of the rate sent
	adaptiveQuiet     = 2 * time.Second        // no throttle for this long: rise
	adaptiveRiseEvery = 500 * time.Millisecond // between two rises
	adaptiveRise      = 1.05                   // each rise, as a factor
)

// NewAdaptiveLimiter returns an adaptive limiter capped at ceiling
// requests per second (0: no cap) with bursts of burst.
func NewAdaptiveLimiter(ceiling float64, burst int) *AdaptiveLimiter {
	burst = max(burst, 1)
	a := &AdaptiveLimiter{ceiling: ceiling, burst: burst, rate: ceiling}
	if ceiling > 0 {
		a.lim = rate.NewLimiter(rate.Limit(ceiling), burst)
	}
	return a
}

// Wait implements [Limiter].
func (a *AdaptiveLimiter) Wait(ctx context.Context) error {
	a.mu.Lock()
	pause := time.Until(a.pause)
	lim := a.lim
	a.mu.Unlock()
	if pause > 0 {
		if d, ok := ctx.Deadline(); ok && time.Until(d) < pause {
			return errors.New("the server's Retry-After would pass the context deadline")
		}
		t := time.NewTimer(pause)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
	if lim != nil {
		if err := lim.Wait(ctx); err != nil {
			return err
		}
	}
	a.mu.Lock()
	a.count(time.Now())
	a.mu.Unlock()
	return nil
}

// count records a send in the per-second window.
func (a *AdaptiveLimiter) count(now time.Time) {
	switch el := now.Sub(a.winStart); {
	case el >= 2*time.Second:
		a.window = [2]int{0, 0}
		a.winStart = now
	case el >= time.Second:
		a.window = [2]int{0, a.window[0]}
		a.winStart = a.winStart.Add(time.Second)
	}
	a.window[0]++
}

// sentRate estimates the rate sent over the last second or so.
func (a *AdaptiveLimiter) sentRate(now time.Time) float64 {
	frac := min(now.Sub(a.winStart).Seconds(), 1)
	return float64(a.window[0]) + float64(a.window[1])*(1-frac)
}

// Observe implements [Limiter].
func (a *AdaptiveLimiter) Observe(f Feedback) {
	now := time.Now()
	a.mu.Lock()
	defer a.mu.Unlock()
	if f.Throttled {
		if until := now.Add(f.RetryAfter); until.After(a.pause) {
			a.pause = until
		}
		if now.Sub(a.lastHit) < time.Second {
			return // one cut per burst of throttling answers
		}
		a.lastHit = now
		sent := a.sentRate(now)
		if a.rate > 0 {
			sent = min(sent, a.rate)
		}
		a.setRate(max(sent*adaptiveBackoff, 1))
		return
	}
	if a.rate == 0 || (a.ceiling > 0 && a.rate >= a.ceiling) {
		return
	}
	if now.Sub(a.lastHit) >= adaptiveQuiet && now.Sub(a.lastRise) >= adaptiveRiseEvery {
		a.lastRise = now
		r := a.rate * adaptiveRise
		if a.ceiling > 0 {
			r = min(r, a.ceiling)
		}
		a.setRate(r)
	}
}

func (a *AdaptiveLimiter) setRate(r float64) {
	a.rate = r
	if a.lim == nil {
		a.lim = rate.NewLimiter(rate.Limit(r), a.burst)
		return
	}
	a.lim.SetLimit(rate.Limit(r))
}

// Rate returns the limiter's current rate in requests per second (0:
// unlimited).
func (a *AdaptiveLimiter) Rate() float64 {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.rate
}
