package pingonetest_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone/pingonetest"
)

// TestThrottleWith403FromTheEdge: over the limit, the answer is the
// edge's HTML 403, not PingOne's JSON, and without Retry-After.
func TestThrottleWith403FromTheEdge(t *testing.T) {
	t.Parallel()
	clock := newTestClock()
	// The HTML answer is outside PingOne's contract on purpose: no check.
	srv := pingonetest.NewServer(t, pingonetest.WithClock(clock.Now), pingonetest.WithRateLimit(2), pingonetest.WithThrottleStatus(403))
	tok := workerToken(t, srv)
	pops := envURL(srv, "/populations")
	srv.ResetStats()
	for range 2 {
		resp, _ := get(t, pops, tok)
		require.Equal(t, 200, resp.StatusCode)
	}
	req, _ := http.NewRequest("GET", pops, nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, 403, resp.StatusCode)
	assert.True(t, strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html"), resp.Header.Get("Content-Type"))
	assert.Contains(t, string(body), "403 Forbidden")
	assert.NotContains(t, string(body), "ACCESS_FAILED")
	assert.Empty(t, resp.Header.Get("Retry-After"))

	clock.Advance(time.Second)
	resp, _ = get(t, pops, tok)
	assert.Equal(t, 200, resp.StatusCode, "a new window")

	st := srv.Stats()
	assert.Equal(t, 1, st.Statuses[403])
	assert.Equal(t, 3, st.Statuses[200])
	assert.Equal(t, map[int]int{200: 3, 403: 1}, st.RouteStatuses["GET /v1/environments/{envID}/populations"])
}

// TestTokenBucket: the burst passes, then one request per refilled token,
// with Retry-After computed from the bucket.
func TestTokenBucket(t *testing.T) {
	t.Parallel()
	clock := newTestClock()
	srv := checked(t, pingonetest.WithClock(clock.Now), pingonetest.WithTokenBucket(0.5, 2))
	tok := workerToken(t, srv)
	pops := envURL(srv, "/populations")
	status := func() (int, string) {
		resp, body := get(t, pops, tok)
		if resp.StatusCode == 429 {
			assert.Equal(t, "REQUEST_LIMITED", body["code"])
		}
		return resp.StatusCode, resp.Header.Get("Retry-After")
	}
	for range 2 {
		s, _ := status()
		require.Equal(t, 200, s, "the burst")
	}
	s, after := status()
	assert.Equal(t, 429, s)
	assert.Equal(t, "2", after, "one token at 0.5 a second")

	clock.Advance(time.Second)
	s, after = status()
	assert.Equal(t, 429, s)
	assert.Equal(t, "1", after, "half a token is back")

	clock.Advance(time.Second)
	s, _ = status()
	assert.Equal(t, 200, s)

	clock.Advance(10 * time.Minute)
	for range 2 {
		s, _ := status()
		assert.Equal(t, 200, s)
	}
	s, _ = status()
	assert.Equal(t, 429, s, "the bucket holds no more than the burst")
	assert.Equal(t, 3, srv.Stats().Statuses[429])
}

// TestBothLimits: a request must pass the fixed window and the bucket.
func TestBothLimits(t *testing.T) {
	t.Parallel()
	clock := newTestClock()
	srv := checked(t, pingonetest.WithClock(clock.Now), pingonetest.WithRateLimit(3), pingonetest.WithTokenBucket(1, 5))
	tok := workerToken(t, srv)
	var got []int
	for range 4 {
		resp, _ := get(t, envURL(srv, "/populations"), tok)
		got = append(got, resp.StatusCode)
	}
	clock.Advance(time.Second) // a new window; the bucket got 1 token back: 5-3+1 = 3
	for range 4 {
		resp, _ := get(t, envURL(srv, "/populations"), tok)
		got = append(got, resp.StatusCode)
	}
	assert.Equal(t, []int{200, 200, 200, 429, 200, 200, 200, 429}, got)
	clock.Advance(time.Second) // 0 + 1 token
	resp, _ := get(t, envURL(srv, "/populations"), tok)
	assert.Equal(t, 200, resp.StatusCode)
	resp, _ = get(t, envURL(srv, "/populations"), tok)
	assert.Equal(t, 429, resp.StatusCode, "the window allows it, the bucket does not")
}

func TestBadFaultOptionsFailStart(t *testing.T) {
	t.Parallel()
	for name, opt := range map[string]pingonetest.Option{
		"throttle status":  pingonetest.WithThrottleStatus(500),
		"negative rate":    pingonetest.WithRateLimit(-1),
		"negative bucket":  pingonetest.WithTokenBucket(-1, 1),
		"empty burst":      pingonetest.WithTokenBucket(1, 0),
		"random over 1":    pingonetest.WithRandomFailures(1.5),
		"write fail rate":  pingonetest.WithFailAfterWrite(pingonetest.WriteFailure{Rate: 2}),
		"write fail times": pingonetest.WithFailBeforeWrite(pingonetest.WriteFailure{Times: -1}),
		"write fail kind":  pingonetest.WithFailBeforeWrite(pingonetest.WriteFailure{Answer: 9}),
	} {
		srv, err := pingonetest.Start(opt)
		if !assert.Error(t, err, name) {
			srv.Close()
		}
	}
}
