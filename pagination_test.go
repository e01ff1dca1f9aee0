package pingone_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/scim"
)

// pagesResponder serves n populations in pages of size per, with opaque
// cursors in the next links, and counts the pages served.
func pagesResponder(n, per int, served *int) httpmock.Responder {
	return func(r *http.Request) (*http.Response, error) {
		*served++
		start := 0
		if c := r.URL.Query().Get("cursor"); c != "" {
			_, _ = fmt.Sscanf(c, "c%d", &start)
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
		return jsonResponder(200, body)(r)
	}
}

func TestListIterWalksAllPagesLazily(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	served := 0
	mt.RegisterResponder("GET", popsURL, pagesResponder(7, 3, &served))
	it := c.Environment(testEnv).Populations.ListIter(t.Context(), &pingone.ListPopulationsOptions{ListOptions: pingone.ListOptions{Limit: 3}})
	assert.Equal(t, 0, served, "lazy: nothing fetched before the loop")
	var ids []string
	for p, err := range it {
		require.NoError(t, err)
		ids = append(ids, p.ID)
	}
	assert.Equal(t, []string{"p0", "p1", "p2", "p3", "p4", "p5", "p6"}, ids)
	assert.Equal(t, 3, served)
}

func TestListIterStopsFetchingOnBreak(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	served := 0
	mt.RegisterResponder("GET", popsURL, pagesResponder(100, 10, &served))
	n := 0
	for _, err := range c.Environment(testEnv).Populations.ListIter(t.Context(), &pingone.ListPopulationsOptions{ListOptions: pingone.ListOptions{Limit: 10}}) {
		require.NoError(t, err)
		n++
		if n == 15 {
			break
		}
	}
	assert.Equal(t, 2, served)
}

func TestListIterYieldsErrorOnceAndStops(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t, pingone.WithRetryPolicy(pingone.RetryPolicy{}))
	served := 0
	good := pagesResponder(10, 5, &served)
	calls := 0
	mt.RegisterResponder("GET", popsURL, func(r *http.Request) (*http.Response, error) {
		calls++
		if calls == 2 {
			return jsonResponder(500, `{"id":"e","code":"UNEXPECTED_ERROR","message":"m"}`)(r)
		}
		return good(r)
	})
	var items, errs int
	for p, err := range c.Environment(testEnv).Populations.ListIter(t.Context(), &pingone.ListPopulationsOptions{ListOptions: pingone.ListOptions{Limit: 5}}) {
		if err != nil {
			errs++
			assert.Nil(t, p)
			assert.ErrorIs(t, err, pingone.ErrServerError)
			continue
		}
		items++
	}
	assert.Equal(t, 5, items)
	assert.Equal(t, 1, errs)
	assert.Equal(t, 2, calls)
}

func TestListIterUsesCallerContextForEveryPage(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	served := 0
	mt.RegisterResponder("GET", popsURL, pagesResponder(10, 2, &served))
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var err error
	n := 0
	for _, e := range c.Environment(testEnv).Populations.ListIter(ctx, &pingone.ListPopulationsOptions{ListOptions: pingone.ListOptions{Limit: 2}}) {
		if e != nil {
			err = e
			break
		}
		n++
		if n == 2 {
			cancel()
		}
	}
	assert.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, 1, served)
}

func TestListIterRefusesForeignNextLink(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	var hits int
	mt.RegisterResponder("GET", popsURL, jsonResponder(200, `{"_links":{"next":{"href":"https://evil.example/v1/environments/x/populations?cursor=1"}},"_embedded":{"populations":[{"id":"a","name":"a"}]},"count":2,"size":1}`))
	mt.RegisterResponder("GET", "=~^https://evil", func(*http.Request) (*http.Response, error) { hits++; return nil, errors.New("must not be called") })
	var gotErr error
	n := 0
	for _, err := range c.Environment(testEnv).Populations.ListIter(t.Context(), nil) {
		if err != nil {
			gotErr = err
			continue
		}
		n++
	}
	assert.Equal(t, 1, n)
	require.Error(t, gotErr)
	assert.Contains(t, gotErr.Error(), "off the API host")
	assert.Equal(t, 0, hits)
}

func TestListResumeFromSavedNextLink(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	served := 0
	mt.RegisterResponder("GET", popsURL, pagesResponder(6, 2, &served))
	env := c.Environment(testEnv)
	first, err := env.Populations.List(t.Context(), &pingone.ListPopulationsOptions{ListOptions: pingone.ListOptions{Limit: 2}})
	require.NoError(t, err)
	require.True(t, first.HasNext())
	assert.Equal(t, 6, first.Count)
	assert.Equal(t, 2, first.Size)
	saved := first.Next

	var ids []string
	for p, err := range env.Populations.ListIter(t.Context(), &pingone.ListPopulationsOptions{ListOptions: pingone.ListOptions{StartFrom: saved}}) {
		require.NoError(t, err)
		ids = append(ids, p.ID)
	}
	assert.Equal(t, []string{"p2", "p3", "p4", "p5"}, ids)
}

func TestListMissingEmbeddedIsEmpty(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	mt.RegisterResponder("GET", popsURL, jsonResponder(200, `{"_links":{"self":{"href":"x"}},"count":0,"size":0}`))
	p, err := c.Environment(testEnv).Populations.List(t.Context(), nil)
	require.NoError(t, err)
	assert.Empty(t, p.Items)
	assert.False(t, p.HasNext())
}

func TestListOptionsCopiedByIter(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	var filters []string
	mt.RegisterResponder("GET", popsURL, func(r *http.Request) (*http.Response, error) {
		filters = append(filters, r.URL.Query().Get("filter"))
		return jsonResponder(200, `{"_embedded":{"populations":[]},"count":0,"size":0}`)(r)
	})
	opts := &pingone.ListPopulationsOptions{Filter: scim.Sw("name", "A")}
	it := c.Environment(testEnv).Populations.ListIter(t.Context(), opts)
	opts.Filter = scim.Sw("name", "B")
	for range it {
	}
	assert.Equal(t, []string{`name sw "A"`}, filters)
}

func TestListFilterInjectionStaysOneClause(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	var got string
	mt.RegisterResponder("GET", popsURL, func(r *http.Request) (*http.Response, error) {
		got = r.URL.Query().Get("filter")
		return jsonResponder(200, `{"_embedded":{"populations":[]},"count":0,"size":0}`)(r)
	})
	_, err := c.Environment(testEnv).Populations.List(t.Context(), &pingone.ListPopulationsOptions{Filter: scim.Eq("id", `a" or username pr or "`)})
	require.NoError(t, err)
	assert.Equal(t, `id eq "a\" or username pr or \""`, got)
}

func TestListBadFilterIsArgumentError(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	_, err := c.Environment(testEnv).Populations.List(t.Context(), &pingone.ListPopulationsOptions{Filter: scim.Eq("bad name", "x")})
	var ae *pingone.ArgumentError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 0, mt.GetTotalCallCount())
}

func TestListIterStopsOnEndlessEmptyPages(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	served := 0
	mt.RegisterResponder("GET", popsURL, func(r *http.Request) (*http.Response, error) {
		served++
		body := fmt.Sprintf(`{"_links":{"next":{"href":"%s?cursor=c%d"}},"_embedded":{"populations":[]},"count":0,"size":0}`, popsURL, served)
		return jsonResponder(200, body)(r)
	})
	var err error
	n := 0
	for _, e := range c.Environment(testEnv).Populations.ListIter(t.Context(), nil) {
		n++
		err = e
	}
	require.Error(t, err)
	assert.Contains(t, err.Error(), "held no item")
	assert.Equal(t, 1, n, "the error is the only value yielded")
	assert.LessOrEqual(t, served, 10)
}

func TestNonStringNextLinkIsAnError(t *testing.T) {
	t.Parallel()
	for _, links := range []string{`{"next":{"href":42}}`, `{"next":{"href":{"x":1}}}`, `{"next":"` + popsURL + `"}`} {
		c, mt := rawMockClient(t)
		mt.RegisterResponder("GET", popsURL, jsonResponder(200, `{"_links":`+links+`,"_embedded":{"populations":[{"id":"p1","name":"a"}]},"count":2,"size":1}`))
		_, err := c.Environment(testEnv).Populations.List(t.Context(), nil)
		require.Error(t, err, links)
		assert.Contains(t, err.Error(), "_links.next.href is not a string")
	}
}

func TestListIterStopsOnALinkCycle(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	n := 0
	mt.RegisterResponder("GET", popsURL, func(r *http.Request) (*http.Response, error) {
		n++
		next := popsURL + "?cursor=B"
		if r.URL.Query().Get("cursor") == "B" {
			next = popsURL + "?cursor=A"
		}
		return jsonResponder(200, `{"_links":{"next":{"href":"`+next+`"}},"_embedded":{"populations":[{"id":"x","name":"x"}]},"count":9,"size":1}`)(r)
	})
	var gotErr error
	for _, err := range c.Environment(testEnv).Populations.ListIter(t.Context(), nil) {
		if err != nil {
			gotErr = err
		}
	}
	require.Error(t, gotErr)
	assert.Contains(t, gotErr.Error(), "already read")
	assert.LessOrEqual(t, n, 4)
}
