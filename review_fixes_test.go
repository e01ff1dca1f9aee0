package pingone_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
)

func TestErrorHTMLPageNotUTF8(t *testing.T) {
	c, mt := rawMockClient(t, pingone.WithRetryPolicy(pingone.RetryPolicy{}))
	body := "<html><head>" + strings.Repeat("\xe9", 20) + "<TITLE>Bad Gateway \xe9</TITLE></head><body>İİİ</body></html>"
	mt.RegisterResponder("GET", popURL, func(*http.Request) (*http.Response, error) {
		r := httpmock.NewStringResponse(502, body)
		r.Header.Set("Content-Type", "text/html; charset=iso-8859-1")
		return r, nil
	})
	_, err := c.Environment(testEnv).Populations.Get(t.Context(), "p1")
	var apiErr *pingone.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 502, apiErr.StatusCode)
	assert.Contains(t, err.Error(), "HTML page: Bad Gateway ?")
}

func TestRedirectsNeverCarryTheTokenElsewhere(t *testing.T) {
	var leaked atomic.Value
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		leaked.Store(r.Header.Get("Authorization"))
	}))
	defer other.Close()
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/collect", http.StatusFound)
	}))
	defer api.Close()
	c, err := pingone.NewClient(pingone.WithBaseURLs(api.URL+"/v1", api.URL), pingone.WithStaticToken("SECRET-ACCESS-TOKEN"))
	require.NoError(t, err)
	_, err = c.Environment(testEnv).Populations.Get(t.Context(), "p1")
	var apiErr *pingone.APIError
	require.ErrorAs(t, err, &apiErr, "the redirect is returned, not followed")
	assert.Equal(t, http.StatusFound, apiErr.StatusCode)
	assert.Nil(t, leaked.Load(), "the other host was never called")
}

func TestSlowTokenEndpointHonoursContext(t *testing.T) {
	release := make(chan struct{})
	var fetches atomic.Int32
	auth := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fetches.Add(1)
		<-release
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"access_token":"at","token_type":"Bearer","expires_in":3600}`))
	}))
	defer auth.Close()
	defer close(release)
	c, err := pingone.NewClient(pingone.WithBaseURLs(auth.URL+"/v1", auth.URL), pingone.WithClientCredentials(testEnv, "cid", "secret"))
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = c.Environment(testEnv).Populations.Get(ctx, "p1")
	assert.True(t, errors.Is(err, context.DeadlineExceeded), "%v", err)
	assert.Less(t, time.Since(start), 2*time.Second, "the call ended with its context, not with the token request")
	assert.Equal(t, int32(1), fetches.Load())
}

func TestDotSegmentIDsRefused(t *testing.T) {
	c, mt := mockClient(t)
	env := c.Environment(testEnv)
	for _, id := range []string{".", ".."} {
		var ae *pingone.ArgumentError
		require.ErrorAs(t, env.Users.Delete(t.Context(), id), &ae, id)
		_, err := env.Groups.Get(t.Context(), id, nil)
		require.ErrorAs(t, err, &ae, id)
		_, err = c.SystemRoles.Get(t.Context(), id)
		require.ErrorAs(t, err, &ae, id)
		_, err = c.Environment(id).Populations.List(t.Context(), nil)
		require.ErrorAs(t, err, &ae, id)
		_, err = c.UserInfo.Get(t.Context(), id)
		require.ErrorAs(t, err, &ae, id)
	}
	assert.Equal(t, 0, mt.GetTotalCallCount())
}

func TestClientSecretPostNeedsClientCredentials(t *testing.T) {
	_, err := pingone.NewClient(pingone.WithClientSecretPost(), pingone.WithStaticToken("tok"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "WithClientCredentials")
}

func TestHugeRetryAfterIsNotRetried(t *testing.T) {
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

func TestListIterStopsOnALinkCycle(t *testing.T) {
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
