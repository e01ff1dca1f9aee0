package pingone_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
)

// ListOptions.Prefetch: the iterator fetches the next page while the loop
// works on the current one. The tests in synctest bubbles see exactly what
// was fetched when (synctest.Wait returns once the fetch ahead is over);
// the goleak ones check that no goroutine is left behind.

// prefetchPages serves n populations in pages of per (the page number in
// the X-Page header) and counts the pages served; fail, when set, answers
// the page it names instead.
func prefetchPages(n, per int, served *atomic.Int32, fail map[int]httpmock.Responder) httpmock.Responder {
	return func(r *http.Request) (*http.Response, error) {
		served.Add(1)
		start := 0
		if c := r.URL.Query().Get("cursor"); c != "" {
			_, _ = fmt.Sscanf(c, "c%d", &start)
		}
		if f := fail[start/per]; f != nil {
			return f(r)
		}
		var items []string
		for i := start; i < min(start+per, n); i++ {
			items = append(items, fmt.Sprintf(`{"id":"p%d","name":"pop %d"}`, i, i))
		}
		links := fmt.Sprintf(`"self":{"href":"%s"}`, popsURL)
		if start+per < n {
			links += fmt.Sprintf(`,"next":{"href":"%s?limit=%d&cursor=c%d"}`, popsURL, per, start+per)
		}
		body := fmt.Sprintf(`{"_links":{%s},"_embedded":{"populations":[%s]},"count":%d,"size":%d}`, links, strings.Join(items, ","), n, len(items))
		return withHeader(jsonResponder(200, body), "X-Page", fmt.Sprint(start/per))(r)
	}
}

func prefetchOpts(per int) *pingone.ListPopulationsOptions {
	return &pingone.ListPopulationsOptions{ListOptions: pingone.ListOptions{Limit: per, Prefetch: true}}
}

func TestListIterPrefetchWalksAllPagesInOrder(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	var served atomic.Int32
	mt.RegisterResponder("GET", popsURL, prefetchPages(7, 3, &served, nil))
	it := c.Environment(testEnv).Populations.ListIter(t.Context(), prefetchOpts(3))
	assert.Equal(t, int32(0), served.Load(), "lazy: nothing fetched before the loop")
	var ids []string
	for p, err := range it {
		require.NoError(t, err)
		ids = append(ids, p.ID)
	}
	assert.Equal(t, []string{"p0", "p1", "p2", "p3", "p4", "p5", "p6"}, ids)
	assert.Equal(t, int32(3), served.Load())
}

func TestListIterPrefetchFetchesExactlyOnePageAhead(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		c, mt := mockClient(t)
		var served atomic.Int32
		mt.RegisterResponder("GET", popsURL, prefetchPages(10, 2, &served, nil)) // 5 pages
		i := 0
		for p, err := range c.Environment(testEnv).Populations.ListIter(t.Context(), prefetchOpts(2)) {
			require.NoError(t, err)
			assert.Equal(t, fmt.Sprintf("p%d", i), p.ID)
			page := i / 2
			synctest.Wait() // the fetch ahead, if any, is over
			assert.Equal(t, int32(min(page+2, 5)), served.Load(), "item %d: the pages up to this one and the next", i)
			i++
		}
		assert.Equal(t, 10, i)
	})
}

func TestListIterPrefetchBreakStopsFetching(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		c, mt := mockClient(t)
		var served atomic.Int32
		mt.RegisterResponder("GET", popsURL, prefetchPages(100, 10, &served, nil))
		n := 0
		for _, err := range c.Environment(testEnv).Populations.ListIter(t.Context(), prefetchOpts(10)) {
			require.NoError(t, err)
			if n++; n == 15 {
				synctest.Wait()
				require.Equal(t, int32(3), served.Load(), "pages 1 and 2, and the page ahead of the one the loop breaks in")
				break
			}
		}
		synctest.Wait()
		assert.Equal(t, int32(3), served.Load(), "nothing after the break")
	})
}

func TestListIterPrefetchYieldsErrorOnceAfterThePageBefore(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t, pingone.WithRetryPolicy(pingone.RetryPolicy{}))
	var served atomic.Int32
	fail := map[int]httpmock.Responder{1: jsonResponder(500, `{"id":"e","code":"UNEXPECTED_ERROR","message":"m"}`)}
	mt.RegisterResponder("GET", popsURL, prefetchPages(15, 5, &served, fail))
	var got []string
	for p, err := range c.Environment(testEnv).Populations.ListIter(t.Context(), prefetchOpts(5)) {
		if err != nil {
			assert.Nil(t, p)
			assert.ErrorIs(t, err, pingone.ErrServerError)
			got = append(got, "error")
			continue
		}
		got = append(got, p.ID)
	}
	assert.Equal(t, []string{"p0", "p1", "p2", "p3", "p4", "error"}, got)
	assert.Equal(t, int32(2), served.Load())
}

func TestListIterPrefetchCancelledWhileFetchingAhead(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		c, mt := mockClient(t)
		var served atomic.Int32
		held := make(chan struct{})
		block := func(r *http.Request) (*http.Response, error) {
			close(held)
			<-r.Context().Done() // the client gave up on it
			return nil, r.Context().Err()
		}
		mt.RegisterResponder("GET", popsURL, prefetchPages(9, 3, &served, map[int]httpmock.Responder{1: block}))
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		var got []string
		for p, err := range c.Environment(testEnv).Populations.ListIter(ctx, prefetchOpts(3)) {
			if err != nil {
				assert.ErrorIs(t, err, context.Canceled)
				got = append(got, "canceled")
				continue
			}
			if p.ID == "p0" {
				<-held // page 2 is in flight
				cancel()
			}
			got = append(got, p.ID)
		}
		assert.Equal(t, []string{"p0", "p1", "p2", "canceled"}, got, "page 1 in full, then the error once")
	})
}

func TestListIterPrefetchStopsOnALinkCycleAndEmptyPages(t *testing.T) {
	t.Parallel()
	t.Run("cycle", func(t *testing.T) {
		t.Parallel()
		c, mt := mockClient(t)
		mt.RegisterResponder("GET", popsURL, func(r *http.Request) (*http.Response, error) {
			next := popsURL + "?cursor=B"
			if r.URL.Query().Get("cursor") == "B" {
				next = popsURL + "?cursor=A"
			}
			return jsonResponder(200, `{"_links":{"next":{"href":"`+next+`"}},"_embedded":{"populations":[{"id":"x","name":"x"}]},"count":9,"size":1}`)(r)
		})
		var items int
		var gotErr error
		for _, err := range c.Environment(testEnv).Populations.ListIter(t.Context(), prefetchOpts(0)) {
			if err != nil {
				gotErr = err
				continue
			}
			items++
		}
		require.Error(t, gotErr)
		assert.Contains(t, gotErr.Error(), "already read")
		assert.Equal(t, 3, items, "start, B, A: each page's item before the error")
	})
	t.Run("empty", func(t *testing.T) {
		t.Parallel()
		c, mt := mockClient(t)
		var served atomic.Int32
		mt.RegisterResponder("GET", popsURL, func(r *http.Request) (*http.Response, error) {
			n := served.Add(1)
			body := fmt.Sprintf(`{"_links":{"next":{"href":"%s?cursor=c%d"}},"_embedded":{"populations":[]},"count":0,"size":0}`, popsURL, n)
			return jsonResponder(200, body)(r)
		})
		var errs int
		for _, err := range c.Environment(testEnv).Populations.ListIter(t.Context(), prefetchOpts(0)) {
			require.Error(t, err)
			assert.Contains(t, err.Error(), "held no item")
			errs++
		}
		assert.Equal(t, 1, errs)
		assert.LessOrEqual(t, served.Load(), int32(10))
	})
}

func TestListIterPrefetchResponseDescribesTheYieldedPage(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		c, mt := mockClient(t)
		var served atomic.Int32
		mt.RegisterResponder("GET", popsURL, prefetchPages(6, 2, &served, nil))
		var resp pingone.Response
		ctx := pingone.ContextWithResponse(t.Context(), &resp)
		i := 0
		for _, err := range c.Environment(testEnv).Populations.ListIter(ctx, prefetchOpts(2)) {
			require.NoError(t, err)
			synctest.Wait() // the next page has been fetched: its answer must not show yet
			assert.Equal(t, fmt.Sprint(i/2), resp.Header.Get("X-Page"), "item %d", i)
			assert.Equal(t, 200, resp.StatusCode)
			i++
		}
		assert.Equal(t, 6, i)
	})
}

// TestListIterPrefetchWaitsForTheFetchAheadBeforeReturning holds the
// request fetching ahead after the client gave up on it: the loop must not
// end before that request (and so its goroutine) is over.
func TestListIterPrefetchWaitsForTheFetchAheadBeforeReturning(t *testing.T) {
	t.Parallel()
	for _, how := range []string{"break", "cancel"} {
		t.Run(how, func(t *testing.T) {
			t.Parallel()
			synctest.Test(t, func(t *testing.T) {
				var served atomic.Int32
				inFlight, release := make(chan struct{}), make(chan struct{})
				block := func(r *http.Request) (*http.Response, error) {
					close(inFlight)
					<-r.Context().Done() // the client gave up on it
					<-release            // and the request is not over yet
					return nil, r.Context().Err()
				}
				pages := prefetchPages(9, 3, &served, map[int]httpmock.Responder{1: block})
				// A plain round tripper: httpmock's returns on cancel without
				// waiting for its responder.
				rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
					resp, err := pages(r)
					if resp != nil {
						resp.Request = r
					}
					return resp, err
				})
				c, err := pingone.NewClient(pingone.WithBaseURLs(testAPIBase, testAuth), pingone.WithStaticToken("t"),
					pingone.WithHTTPClient(&http.Client{Transport: rt}))
				require.NoError(t, err)
				ctx, cancel := context.WithCancel(t.Context())
				defer cancel()
				var returned atomic.Bool
				go func() {
					defer returned.Store(true)
					for _, err := range c.Environment(testEnv).Populations.ListIter(ctx, prefetchOpts(3)) {
						if err != nil {
							continue
						}
						<-inFlight
						if how == "break" {
							break
						}
						cancel()
					}
				}()
				synctest.Wait()
				assert.False(t, returned.Load(), "the loop ended while the request fetching ahead was still running")
				close(release)
				synctest.Wait()
				assert.True(t, returned.Load())
			})
		})
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestPrefetchFollowsTheDecodedLink: a body whose first _links differs
// from the one the decoder keeps (a duplicate member) starts a fetch on
// the first, which is dropped: the walk follows the decoded page's link.
func TestPrefetchFollowsTheDecodedLink(t *testing.T) {
	t.Parallel()
	c, mt := rawMockClient(t)
	mt.RegisterResponder("GET", popsURL, func(r *http.Request) (*http.Response, error) {
		body := `{"_links":{},"_embedded":{"populations":[{"id":"wrong"}]}}`
		switch r.URL.Query().Get("cursor") {
		case "":
			body = fmt.Sprintf(`{"_links":{"next":{"href":"%[1]s?cursor=early"}},"_links":{"next":{"href":"%[1]s?cursor=decoded"}},"_embedded":{"populations":[{"id":"p1"}]}}`, popsURL)
		case "decoded":
			body = `{"_links":{},"_embedded":{"populations":[{"id":"p2"}]}}`
		}
		return jsonResponder(200, body)(r)
	})
	var ids []string
	for p, err := range c.Environment(testEnv).Populations.ListIter(t.Context(), prefetchOpts(0)) {
		require.NoError(t, err)
		ids = append(ids, p.ID)
	}
	assert.Equal(t, []string{"p1", "p2"}, ids)
}
