package pingone_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
)

const popURL = testAPIBase + "/environments/" + testEnv + "/populations/p1"
const popsURL = testAPIBase + "/environments/" + testEnv + "/populations"
const popBody = `{"id":"p1","name":"Staff","environment":{"id":"` + testEnv + `"}}`

// sequence answers with the given responders in turn, the last repeated.
func sequence(rs ...httpmock.Responder) (httpmock.Responder, *atomic.Int32) {
	var n atomic.Int32
	return func(r *http.Request) (*http.Response, error) {
		i := int(n.Add(1)) - 1
		return rs[min(i, len(rs)-1)](r)
	}, &n
}

func withHeader(r httpmock.Responder, k, v string) httpmock.Responder {
	return r.HeaderAdd(http.Header{k: {v}})
}

func TestRetry429WithRetryAfterThenSuccess(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		c, mt := mockClient(t)
		resp, calls := sequence(
			withHeader(jsonResponder(429, `{"id":"e","code":"REQUEST_LIMITED","message":"slow down"}`), "Retry-After", "7"),
			jsonResponder(200, popBody),
		)
		mt.RegisterResponder("GET", popURL, resp)
		start := time.Now()
		p, err := c.Environment(testEnv).Populations.Get(t.Context(), "p1")
		require.NoError(t, err)
		assert.Equal(t, "Staff", p.Name)
		assert.Equal(t, int32(2), calls.Load(), "attempts")
		assert.Equal(t, 7*time.Second, time.Since(start), "waited exactly Retry-After (fake clock)")
	})
}

func TestRetryRetryAfterHTTPDate(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		c, mt := mockClient(t)
		when := time.Now().Add(5 * time.Second).UTC().Format(http.TimeFormat)
		resp, calls := sequence(withHeader(jsonResponder(503, `{"id":"e","code":"UNAVAILABLE","message":"m"}`), "Retry-After", when), jsonResponder(200, popBody))
		mt.RegisterResponder("GET", popURL, resp)
		start := time.Now()
		_, err := c.Environment(testEnv).Populations.Get(t.Context(), "p1")
		require.NoError(t, err)
		assert.Equal(t, int32(2), calls.Load())
		assert.InDelta(t, 5*time.Second, time.Since(start), float64(time.Second))
	})
}

func TestRetryPOST500SentOnce(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	resp, calls := sequence(jsonResponder(500, `{"id":"e","code":"UNEXPECTED_ERROR","message":"boom"}`))
	mt.RegisterResponder("POST", popsURL, resp)
	_, err := c.Environment(testEnv).Populations.Create(t.Context(), pingone.PopulationRequest{Name: "x"})
	require.Error(t, err)
	assert.Equal(t, int32(1), calls.Load(), "a POST the server may have acted on is not repeated")
	var apiErr *pingone.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 500, apiErr.StatusCode)
	assert.Equal(t, 1, apiErr.Attempts)
	assert.ErrorIs(t, err, pingone.ErrServerError)
}

func TestRetryPOST429And503AreRetried(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		for _, status := range []int{429, 503} {
			c, mt := mockClient(t)
			resp, calls := sequence(jsonResponder(status, `{"id":"e","code":"REQUEST_LIMITED","message":"m"}`), jsonResponder(201, popBody))
			mt.RegisterResponder("POST", popsURL, resp)
			_, err := c.Environment(testEnv).Populations.Create(t.Context(), pingone.PopulationRequest{Name: "x"})
			require.NoError(t, err, "status %d", status)
			assert.Equal(t, int32(2), calls.Load())
		}
	})
}

func TestRetryGET502502200(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		c, mt := mockClient(t)
		bad := jsonResponder(502, `{"id":"e","code":"BAD_GATEWAY","message":"m"}`)
		resp, calls := sequence(bad, bad, jsonResponder(200, popBody))
		mt.RegisterResponder("GET", popURL, resp)
		p, err := c.Environment(testEnv).Populations.Get(t.Context(), "p1")
		require.NoError(t, err)
		assert.Equal(t, "p1", p.ID)
		assert.Equal(t, int32(3), calls.Load())
	})
}

func TestRetryGivesUpAndRecordsAttempts(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		c, mt := mockClient(t)
		resp, calls := sequence(jsonResponder(502, `{"id":"e","code":"BAD_GATEWAY","message":"m"}`))
		mt.RegisterResponder("GET", popURL, resp)
		_, err := c.Environment(testEnv).Populations.Get(t.Context(), "p1")
		var apiErr *pingone.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, 4, apiErr.Attempts, "1 + MaxRetries")
		assert.Equal(t, int32(4), calls.Load())
		assert.Contains(t, err.Error(), "4 attempts")
	})
}

func TestRetryNotOn4xx(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	resp, calls := sequence(jsonResponder(400, `{"id":"e","code":"INVALID_DATA","message":"m"}`))
	mt.RegisterResponder("GET", popURL, resp)
	_, err := c.Environment(testEnv).Populations.Get(t.Context(), "p1")
	require.ErrorIs(t, err, pingone.ErrInvalidData)
	assert.Equal(t, int32(1), calls.Load())
}

func TestRetryConnectionErrorOnlyIdempotent(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		c, mt := mockClient(t)
		get, gets := sequence(httpmock.NewErrorResponder(errors.New("connection reset by peer")), jsonResponder(200, popBody))
		post, posts := sequence(httpmock.NewErrorResponder(errors.New("connection reset by peer")))
		mt.RegisterResponder("GET", popURL, get)
		mt.RegisterResponder("POST", popsURL, post)
		env := c.Environment(testEnv)
		_, err := env.Populations.Get(t.Context(), "p1")
		require.NoError(t, err)
		assert.Equal(t, int32(2), gets.Load())
		_, err = env.Populations.Create(t.Context(), pingone.PopulationRequest{Name: "x"})
		var te *pingone.TransportError
		require.ErrorAs(t, err, &te)
		assert.Equal(t, int32(1), posts.Load())
		assert.Contains(t, err.Error(), "connection reset")
	})
}

func TestRetryCancelEndsLongRetryAfterAtOnce(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		c, mt := mockClient(t)
		resp, calls := sequence(withHeader(jsonResponder(429, `{"id":"e","code":"REQUEST_LIMITED","message":"m"}`), "Retry-After", "30"))
		mt.RegisterResponder("GET", popURL, resp)
		ctx, cancel := context.WithCancel(t.Context())
		done := make(chan error, 1)
		start := time.Now()
		go func() {
			_, err := c.Environment(testEnv).Populations.Get(ctx, "p1")
			done <- err
		}()
		synctest.Wait() // the call is now blocked in the 30s wait
		cancel()
		err := <-done
		assert.ErrorIs(t, err, context.Canceled)
		assert.Equal(t, time.Duration(0), time.Since(start), "no time passed: the wait ended at once")
		assert.Equal(t, int32(1), calls.Load())
	})
}

func TestRetryAfterBeyondPolicyStops(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t, pingone.WithRetryPolicy(pingone.RetryPolicy{MaxRetries: 3, MaxRetryAfter: 10 * time.Second}))
	resp, calls := sequence(withHeader(jsonResponder(429, `{"id":"e","code":"REQUEST_LIMITED","message":"m"}`), "Retry-After", "3600"))
	mt.RegisterResponder("GET", popURL, resp)
	_, err := c.Environment(testEnv).Populations.Get(t.Context(), "p1")
	var apiErr *pingone.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.ErrorIs(t, err, pingone.ErrRateLimited)
	assert.Equal(t, time.Hour, apiErr.RetryAfter)
	assert.Equal(t, int32(1), calls.Load())
}

func TestRateLimitSharedAcrossGoroutines(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		c, mt := mockClient(t, pingone.WithRateLimit(10, 1))
		mt.RegisterResponder("GET", popURL, jsonResponder(200, popBody))
		start := time.Now()
		errs := make(chan error, 20)
		for range 20 {
			go func() {
				_, err := c.Environment(testEnv).Populations.Get(t.Context(), "p1")
				errs <- err
			}()
		}
		for range 20 {
			require.NoError(t, <-errs)
		}
		// 1 immediately, then 19 more at 10 per second.
		assert.Equal(t, 1900*time.Millisecond, time.Since(start).Round(100*time.Millisecond))
	})
}

// cutBody answers 200 with a body that stops half way, though its
// Content-Length announces all of it.
func cutBody(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", fmt.Sprint(len(popBody)))
	_, _ = io.WriteString(w, popBody[:len(popBody)/2])
	if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
		conn.Close()
	}
}

func TestOneRetryBudgetCoversEveryReasonToResend(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	api := func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1)%5 != 0 { // four 503s, then a cut 200, repeated
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		cutBody(w, r)
	}
	var issued atomic.Int32
	c, err := pingone.NewClient(fakeHosts(t, issueTokens(&issued, 3600), api)...) // MaxRetries: 4
	require.NoError(t, err)
	_, err = c.Environment(testEnv).Populations.Get(t.Context(), "p1")
	var te *pingone.TransportError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, int32(5), calls.Load(), "1 attempt and 4 retries, whatever their reasons")
	assert.Equal(t, 5, te.Attempts)
}

func TestDeleteWhoseAnswerWasLostSucceeds(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		first    int // the status of the first answer; then 404
		wantGone bool
	}{
		{http.StatusBadGateway, true},          // deleted, the answer lost on the way
		{http.StatusGatewayTimeout, true},      // the same
		{http.StatusServiceUnavailable, false}, // PingOne did not act: the 404 is real
		{http.StatusNotFound, false},
	} {
		t.Run(fmt.Sprint(tc.first), func(t *testing.T) {
			t.Parallel()
			var calls atomic.Int32
			api := func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				if calls.Add(1) == 1 {
					w.WriteHeader(tc.first)
					if tc.first == http.StatusNotFound {
						_, _ = io.WriteString(w, `{"id":"e","code":"NOT_FOUND","message":"nope"}`)
					}
					return
				}
				w.WriteHeader(http.StatusNotFound)
				_, _ = io.WriteString(w, `{"id":"e","code":"NOT_FOUND","message":"nope"}`)
			}
			var issued atomic.Int32
			c, err := pingone.NewClient(fakeHosts(t, issueTokens(&issued, 3600), api)...)
			require.NoError(t, err)
			err = c.Environment(testEnv).Populations.Delete(t.Context(), "p1")
			if tc.wantGone {
				assert.NoError(t, err)
			} else {
				assert.ErrorIs(t, err, pingone.ErrNotFound)
			}
		})
	}
}

func TestStalledResponseEndsWithoutADeadline(t *testing.T) {
	t.Parallel()
	for name, stall := range map[string]func(w http.ResponseWriter, r *http.Request){
		"before the headers": func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() },
		"in the body": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Content-Length", "1000")
			_, _ = io.WriteString(w, `{"id":`)
			http.NewResponseController(w).Flush()
			<-r.Context().Done()
		},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var calls, issued atomic.Int32
			api := func(w http.ResponseWriter, r *http.Request) { calls.Add(1); stall(w, r) }
			opts := append(fakeHosts(t, issueTokens(&issued, 3600), api),
				pingone.WithResponseTimeout(50*time.Millisecond),
				pingone.WithRetryPolicy(pingone.RetryPolicy{MaxRetries: 1, MinWait: time.Millisecond, MaxWait: time.Millisecond}))
			c, err := pingone.NewClient(opts...)
			require.NoError(t, err)
			_, err = c.Environment(testEnv).Populations.Get(context.Background(), "p1")
			var te *pingone.TransportError
			require.ErrorAs(t, err, &te)
			assert.Contains(t, err.Error(), "response timeout")
			assert.Equal(t, int32(2), calls.Load(), "a GET that timed out is retried")
		})
	}
}

func TestDeadlineInA429StormStillSaysRateLimited(t *testing.T) {
	t.Parallel()
	api := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Retry-After", "1")
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = io.WriteString(w, `{"id":"e","code":"REQUEST_LIMITED","message":"slow down"}`)
	}
	var issued atomic.Int32
	c, err := pingone.NewClient(fakeHosts(t, issueTokens(&issued, 3600), api)...)
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	_, err = c.Environment(testEnv).Populations.Get(ctx, "p1")
	assert.ErrorIs(t, err, pingone.ErrRateLimited)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Contains(t, err.Error(), "REQUEST_LIMITED")
	assert.NotContains(t, err.Error(), "\n")
}

func TestClientRateLimitPastTheDeadlineSendsNothing(t *testing.T) {
	t.Parallel()
	var calls, issued atomic.Int32
	api := func(w http.ResponseWriter, r *http.Request) { calls.Add(1); populationOK(w, r) }
	c, err := pingone.NewClient(append(fakeHosts(t, issueTokens(&issued, 3600), api), pingone.WithRateLimit(0.5, 1))...)
	require.NoError(t, err)
	env := c.Environment(testEnv)
	_, err = env.Populations.Get(t.Context(), "p1") // takes the only token for 2 s
	require.NoError(t, err)

	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	_, err = env.Populations.Get(ctx, "p1")
	var te *pingone.TransportError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, 0, te.Attempts)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Contains(t, err.Error(), "client-side rate limit")
	assert.Equal(t, int32(1), calls.Load())
}

func TestRedirectGuardHoldsWithTheCallersCheckRedirect(t *testing.T) {
	t.Parallel()
	var leaked atomic.Value
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		leaked.Store(r.Header.Get("Authorization"))
	}))
	t.Cleanup(other.Close)
	var sameHostAuth atomic.Value
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/v1/environments/" + testEnv + "/populations/moved":
			http.Redirect(w, r, "/v1/environments/"+testEnv+"/populations/p1", http.StatusFound)
		case "/v1/environments/" + testEnv + "/populations/p1":
			sameHostAuth.Store(r.Header.Get("Authorization"))
			populationOK(w, r)
		default:
			http.Redirect(w, r, other.URL+"/collect", http.StatusFound)
		}
	}))
	t.Cleanup(api.Close)
	stopAfter3 := &http.Client{CheckRedirect: func(_ *http.Request, via []*http.Request) error {
		if len(via) >= 3 {
			return http.ErrUseLastResponse
		}
		return nil
	}}
	c, err := pingone.NewClient(pingone.WithBaseURLs(api.URL+"/v1", api.URL),
		pingone.WithHTTPClient(stopAfter3), pingone.WithStaticToken("SECRET-ACCESS-TOKEN"))
	require.NoError(t, err)
	env := c.Environment(testEnv)

	_, err = env.Populations.Get(t.Context(), "elsewhere")
	var apiErr *pingone.APIError
	require.ErrorAs(t, err, &apiErr, "the redirect off the API host is returned, not followed")
	assert.Equal(t, http.StatusFound, apiErr.StatusCode)
	assert.Nil(t, leaked.Load(), "the other host was never called")

	_, err = env.Populations.Get(t.Context(), "moved")
	require.NoError(t, err, "a redirect on the API host is followed")
	assert.Equal(t, "Bearer SECRET-ACCESS-TOKEN", sameHostAuth.Load())
}

func TestHugeRetryAfterIsNotRetried(t *testing.T) {
	t.Parallel()
	for _, v := range []string{"1e300", "9999999999999", "NaN", "+Inf"} {
		c, mt := mockClient(t, pingone.WithRetryPolicy(pingone.RetryPolicy{MaxRetries: 4, MaxRetryAfter: time.Minute}))
		resp, calls := sequence(withHeader(jsonResponder(429, `{"id":"e","code":"REQUEST_LIMITED","message":"m"}`), "Retry-After", v))
		mt.RegisterResponder("GET", popURL, resp)
		_, err := c.Environment(testEnv).Populations.Get(t.Context(), "p1")
		var apiErr *pingone.APIError
		require.ErrorAs(t, err, &apiErr, v)
		assert.GreaterOrEqual(t, apiErr.RetryAfter, time.Duration(0), v)
		if v != "NaN" {
			assert.Equal(t, int32(1), calls.Load(), "%s: longer than the policy allows, so not retried", v)
		}
	}
}
