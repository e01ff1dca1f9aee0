package conformance_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/pingonetest"
)

// Goroutine leak guards. Each test checks, with goleak, that every
// goroutine it started (the SDK's, the transport's, the server's) is gone
// once the test has closed what a caller would close. The tests are not
// parallel: goleak.IgnoreCurrent ignores what ran before, and nothing else
// may start goroutines while one of them runs.

// leakServer starts an in-memory PingOne with a few populations (so that a
// walk in pages of one has several pages) and a client on a transport of
// its own. The returned stop closes both; call it before goleak looks.
func leakServer(t *testing.T, opts ...pingonetest.Option) (srv *pingonetest.Server, env *pingone.Environment, stop func()) {
	t.Helper()
	srv, err := pingonetest.Start(opts...)
	require.NoError(t, err)
	tr := &http.Transport{}
	c, err := pingone.NewClient(append(srv.ClientOptions(), fastRetries(), pingone.WithHTTPClient(&http.Client{Transport: tr}))...)
	require.NoError(t, err)
	env = c.Environment(srv.EnvironmentID())
	stop = func() {
		srv.Close()
		tr.CloseIdleConnections()
	}
	for i := range 4 {
		if _, err := env.Populations.Create(t.Context(), pingone.PopulationRequest{Name: fmt.Sprintf("Leak %d", i)}); err != nil {
			stop()
			require.NoError(t, err)
		}
	}
	return srv, env, stop
}

func pageOfOne() *pingone.ListPopulationsOptions {
	return &pingone.ListPopulationsOptions{ListOptions: pingone.ListOptions{Limit: 1}}
}

func TestNoGoroutineLeakWhenIteratorBreaksMidWalk(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	_, env, stop := leakServer(t)
	defer stop()

	seen := 0
	for _, err := range env.Populations.ListIter(t.Context(), pageOfOne()) {
		require.NoError(t, err)
		seen++
		if seen == 2 {
			break
		}
	}
	assert.Equal(t, 2, seen)
}

// blockPage makes the server hold the nth GET of the populations list until
// the client goes away, and reports when it holds one.
func blockPage(n int32, held chan<- struct{}) pingonetest.Option {
	var gets atomic.Int32
	return pingonetest.WithMiddleware(func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == "GET" && strings.HasSuffix(r.URL.Path, "/populations") && gets.Add(1) == n {
				held <- struct{}{}
				<-r.Context().Done() // the client hung up
				return
			}
			next.ServeHTTP(w, r)
		})
	})
}

func TestNoGoroutineLeakWhenContextCancelledMidWalk(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	held := make(chan struct{}, 1)
	_, env, stop := leakServer(t, blockPage(2, held))
	defer stop()

	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	go func() {
		<-held // the second page is in flight
		cancel()
	}()
	seen := 0
	var walkErr error
	for _, err := range env.Populations.ListIter(ctx, pageOfOne()) {
		if err != nil {
			walkErr = err
			continue
		}
		seen++
	}
	assert.Equal(t, 1, seen, "the first page, then the cancel")
	assert.ErrorIs(t, walkErr, context.Canceled)
}

func TestNoGoroutineLeakWhenServerKilledMidWalk(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	srv, env, stop := leakServer(t)
	defer stop()

	seen := 0
	var walkErr error
	for _, err := range env.Populations.ListIter(t.Context(), pageOfOne()) {
		if err != nil {
			walkErr = err
			continue
		}
		seen++
		if seen == 1 {
			srv.Close() // the server goes away between pages
		}
	}
	assert.Equal(t, 1, seen)
	_, ok := errors.AsType[*pingone.TransportError](walkErr)
	assert.True(t, ok, "want a transport error, got %v", walkErr)
}

func TestNoGoroutineLeakWhenSignInCancelled(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	flow, err := pingone.NewAuthCodeFlow(pingone.AuthCodeConfig{
		AuthURL:       "http://127.0.0.1:9", // never reached: nobody signs in
		EnvironmentID: "env",
		ClientID:      "cli",
		RedirectURL:   "http://127.0.0.1:0/callback",
	})
	require.NoError(t, err)

	// The "browser" opens a keep-alive connection to the callback server
	// (with a state that is not the flow's, which it refuses), then the
	// user gives up.
	browser := &http.Transport{}
	defer browser.CloseIdleConnections()
	opened := make(chan error, 1)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var wg sync.WaitGroup
	var signInErr error
	wg.Go(func() {
		_, signInErr = flow.SignIn(ctx, pingone.SignInOptions{OpenBrowser: func(authURL string) error {
			opened <- visitCallback(authURL, browser)
			return nil
		}})
	})
	require.NoError(t, <-opened)
	cancel()
	wg.Wait()
	assert.ErrorIs(t, signInErr, context.Canceled)
}

// visitCallback calls the callback of authURL's redirect_uri with a wrong
// state and checks that it was refused.
func visitCallback(authURL string, tr http.RoundTripper) error {
	u, err := url.Parse(authURL)
	if err != nil {
		return err
	}
	cb := u.Query().Get("redirect_uri") + "?code=c&state=not-the-state"
	resp, err := (&http.Client{Transport: tr}).Get(cb)
	if err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		return fmt.Errorf("callback with a wrong state: %d", resp.StatusCode)
	}
	return nil
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestNoGoroutineLeakFromAbandonedRateLimitedClient blocks calls in the
// client's rate limiter, cancels them and drops the client. It runs in a
// synctest bubble (an in-memory transport, a fake clock) so that "blocked
// in the limiter" is a fact, not a guess: synctest.Test itself fails if a
// goroutine of the bubble is still blocked at the end, and goleak checks
// the rest of the process after.
func TestNoGoroutineLeakFromAbandonedRateLimitedClient(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	synctest.Test(t, func(t *testing.T) {
		var sent atomic.Int32
		rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
			sent.Add(1)
			return &http.Response{
				StatusCode: 200,
				Header:     http.Header{"Content-Type": {"application/json"}},
				Body:       io.NopCloser(strings.NewReader(`{"_embedded":{"populations":[]},"count":0,"size":0}`)),
				Request:    r,
			}, nil
		})
		c, err := pingone.NewClient(pingone.WithBaseURLs(testAPIBase, testAuth), pingone.WithStaticToken("t"),
			pingone.WithHTTPClient(&http.Client{Transport: rt}), pingone.WithRateLimit(1, 1))
		require.NoError(t, err)
		env := c.Environment(testEnv)
		_, err = env.Populations.List(t.Context(), nil) // spends the burst
		require.NoError(t, err)

		ctx, cancel := context.WithCancel(t.Context())
		const callers = 5
		errs := make(chan error, callers)
		for range callers {
			go func() {
				_, err := env.Populations.List(ctx, nil)
				errs <- err
			}()
		}
		synctest.Wait() // every caller is now blocked, waiting for a token
		assert.Empty(t, errs, "no caller got through")
		cancel()
		for range callers {
			assert.ErrorIs(t, <-errs, context.Canceled)
		}
		assert.Equal(t, int32(1), sent.Load(), "no cancelled call was sent")
		// The client is dropped here; nothing of it may be left running.
	})
}

// ListOptions.Prefetch: the page fetched ahead is cancelled and waited for
// however the walk ends.

func TestNoGoroutineLeakWhenPrefetchingIteratorBreaks(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	held := make(chan struct{}, 1)
	_, env, stop := leakServer(t, blockPage(2, held))
	defer stop()

	seen := 0
	opts := pageOfOne()
	opts.Prefetch = true
	for _, err := range env.Populations.ListIter(t.Context(), opts) {
		require.NoError(t, err)
		seen++
		<-held // the second page is in flight, and will never come
		break
	}
	assert.Equal(t, 1, seen)
}

func TestNoGoroutineLeakWhenPrefetchingIteratorIsCancelled(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	held := make(chan struct{}, 1)
	_, env, stop := leakServer(t, blockPage(2, held))
	defer stop()

	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	opts := pageOfOne()
	opts.Prefetch = true
	seen := 0
	var walkErr error
	for _, err := range env.Populations.ListIter(ctx, opts) {
		if err != nil {
			walkErr = err
			continue
		}
		seen++
		<-held
		cancel()
	}
	assert.Equal(t, 1, seen)
	assert.ErrorIs(t, walkErr, context.Canceled)
}

func TestNoGoroutineLeakWhenPrefetchingIteratorFails(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	srv, env, stop := leakServer(t)
	defer stop()

	opts := pageOfOne()
	opts.Prefetch = true
	seen := 0
	var walkErr error
	for _, err := range env.Populations.ListIter(t.Context(), opts) {
		if err != nil {
			walkErr = err
			continue
		}
		seen++
		if seen == 1 {
			srv.Close() // the server goes away; the page ahead may be in flight
		}
	}
	assert.GreaterOrEqual(t, seen, 1)
	assert.LessOrEqual(t, seen, 2, "the page fetched ahead before the server went away, at most")
	_, ok := errors.AsType[*pingone.TransportError](walkErr)
	assert.True(t, ok, "want a transport error, got %v", walkErr)
}
