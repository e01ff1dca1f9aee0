// Package redislimit is a [pingone.Limiter] shared through Redis by every
// process that uses the same key: many workers on one PingOne licence
// divide its rate limit between them, and a throttling answer that one of
// them gets slows them all.
//
// The limit is a token bucket kept in a Redis hash and updated atomically
// by a Lua script, on Redis's clock (the processes' clocks do not need to
// agree). A throttling answer (a 429, or the throttling 403 of PingOne's
// edge) pauses every process: for the server's Retry-After (1 s when it
// gives none), except that one probe request a time is let through after
// 10 ms, then after gaps that double while the probes are throttled, and
// the first one accepted ends the pause. The shared rate is cut by 5% at
// each throttle (once for all the answers to requests sent before it),
// and rises again by 1% a second after 5 s without one, never above the
// rate the limiter was made with.
//
// It is a module of its own, so that users of the SDK who do not want it
// never download go-redis.
package redislimit

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"math"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/pingone-go/pingone"
)

//go:embed limit.lua
var scriptSource string

var script = redis.NewScript(scriptSource)

// The tuning.
const (
	cutFactor    = 0.95                   // the rate after a throttle, as a share of the rate before
	defaultPause = time.Second            // the pause after a throttle without Retry-After
	riseQuiet    = 5 * time.Second        // no throttle for this long: rise
	riseEvery    = time.Second            // between two rises
	riseFactor   = 1.01                   // a rise
	checkEvery   = 250 * time.Millisecond // a process looks for a rise at most this often
	minRate      = 0.5                    // the lowest rate
	pausePoll    = 50 * time.Millisecond  // a paused wait looks again at least this often
)

// Limiter is a [pingone.Limiter] whose state is in Redis. Its methods are
// safe for concurrent use.
type Limiter struct {
	rdb   redis.Scripter
	key   string
	rate  float64
	burst int
	// now is the script's clock in tests (nil: Redis's TIME).
	now func() time.Time

	skew      atomic.Int64  // Redis's clock less the local one, in µs
	pausedTil atomic.Int64  // local µs until which a pause may be on
	shared    atomic.Uint64 // the shared rate last seen (float bits)
	lastCheck atomic.Int64  // local µs of the last look for a rise
}

// New returns a limiter that shares perSecond requests a second (with
// bursts of burst) among every process that uses key on Redis through
// rdb (a *redis.Client, *redis.ClusterClient or redis.UniversalClient).
// Set perSecond to the licence's limit, or to the share of it that these
// workers may use.
func New(rdb redis.Scripter, key string, perSecond float64, burst int) (*Limiter, error) {
	switch {
	case rdb == nil:
		return nil, errors.New("redislimit: nil Redis client")
	case key == "":
		return nil, errors.New("redislimit: empty key")
	case !(perSecond >= minRate) || math.IsInf(perSecond, 0):
		return nil, fmt.Errorf("redislimit: need a finite rate of at least %v a second, got %v", minRate, perSecond)
	case burst < 1:
		return nil, fmt.Errorf("redislimit: need a burst of at least 1, got %d", burst)
	}
	l := &Limiter{rdb: rdb, key: key, rate: perSecond, burst: burst}
	l.shared.Store(math.Float64bits(perSecond))
	return l, nil
}

// HandlesThrottling reports true: the limiter pauses every process after a
// throttling answer, so the SDK retries a throttled attempt through Wait
// without waiting out the Retry-After itself.
func (l *Limiter) HandlesThrottling() bool { return true }

// Rate returns the shared rate as this process last saw it.
func (l *Limiter) Rate() float64 { return math.Float64frombits(l.shared.Load()) }

// errDeadline is Wait's error when the wait would pass the context's
// deadline; it matches context.DeadlineExceeded.
var errDeadline = fmt.Errorf("redislimit: the wait would pass the context deadline: %w", context.DeadlineExceeded)

type reply struct {
	status int64
	wait   time.Duration
}

// run runs the script's op with its arguments.
func (l *Limiter) run(ctx context.Context, op string, args ...any) (reply, error) {
	now := ""
	if l.now != nil {
		now = strconv.FormatInt(l.now().UnixMicro(), 10)
	}
	argv := append([]any{op, now, l.rate, l.burst}, args...)
	v, err := script.Run(ctx, l.rdb, []string{l.key}, argv...).Int64Slice()
	if err != nil {
		return reply{}, fmt.Errorf("redislimit: %w", err)
	}
	if len(v) != 4 {
		return reply{}, fmt.Errorf("redislimit: the script answered %d values", len(v))
	}
	l.skew.Store(v[2] - l.localMicros())
	l.shared.Store(math.Float64bits(float64(v[3]) / 1000))
	return reply{status: v[0], wait: time.Duration(v[1]) * time.Microsecond}, nil
}

func (l *Limiter) localMicros() int64 {
	if l.now != nil {
		return l.now().UnixMicro()
	}
	return time.Now().UnixMicro()
}

// Wait implements [pingone.Limiter]: it takes a turn from the shared
// bucket and waits for it. An error from Redis is returned (the request is
// not sent).
func (l *Limiter) Wait(ctx context.Context) error {
	for {
		maxWait := int64(-1)
		deadline, hasDeadline := ctx.Deadline()
		if hasDeadline {
			maxWait = max(time.Until(deadline).Microseconds(), 0)
		}
		r, err := l.run(ctx, "wait", maxWait)
		if err != nil {
			return err
		}
		switch r.status {
		case 1: // a turn, r.wait from now
			return sleep(ctx, r.wait)
		case 2:
			return errDeadline
		}
		// Paused: look again when the pause or the next probe is due.
		l.pausedTil.Store(l.localMicros() + r.wait.Microseconds())
		if hasDeadline && time.Until(deadline) < r.wait {
			return errDeadline
		}
		if err := sleep(ctx, min(r.wait, pausePoll)); err != nil {
			return err
		}
	}
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Observe implements [pingone.Limiter]: a throttling answer pauses every
// process and cuts the shared rate; an accepted request ends a pause, and
// now and then lets the rate rise. Redis errors are dropped here (the next
// Wait reports them).
func (l *Limiter) Observe(f pingone.Feedback) {
	// Observe has no context of its own: a Redis that does not answer
	// must not hold the call's answer back for long.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	local := l.localMicros()
	sent := local
	if !f.Sent.IsZero() {
		sent = min(f.Sent.UnixMicro(), local)
	}
	sent += l.skew.Load()
	if f.Throttled {
		r, err := l.run(ctx, "throttled", sent, f.RetryAfter.Microseconds(), defaultPause.Microseconds(), cutFactor, minRate)
		if err == nil {
			l.pausedTil.Store(l.localMicros() + r.wait.Microseconds())
		}
		return
	}
	if f.Status == 0 || f.Status >= 500 {
		return // no answer, or a server error: nothing about the rate
	}
	paused := local < l.pausedTil.Load()
	if !paused && (l.Rate() >= l.rate || local-l.lastCheck.Load() < checkEvery.Microseconds()) {
		return
	}
	l.lastCheck.Store(local)
	if r, err := l.run(ctx, "ok", sent, riseQuiet.Microseconds(), riseEvery.Microseconds(), riseFactor); err == nil && r.status == 1 {
		l.pausedTil.Store(0)
	}
}
