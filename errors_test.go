package pingone_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
)

func TestErrorMapping(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		status   int
		body     string
		is       []error
		isNot    []error
		code     string
		contains string
	}{
		{"not found", 404, `{"id":"e1","code":"NOT_FOUND","message":"Unable to find population"}`,
			[]error{pingone.ErrNotFound}, []error{pingone.ErrInvalidData, pingone.ErrServerError}, "NOT_FOUND", "404 NOT_FOUND: Unable to find population"},
		{"uniqueness", 400, `{"id":"e2","code":"INVALID_DATA","message":"bad","details":[{"code":"UNIQUENESS_VIOLATION","target":"username","message":"taken"}]}`,
			[]error{pingone.ErrInvalidData, pingone.ErrUniquenessViolation}, []error{pingone.ErrNotFound}, "INVALID_DATA", "[UNIQUENESS_VIOLATION username: taken]"},
		{"conflict", 409, `{"id":"e3","code":"CONFLICT","message":"exists"}`,
			[]error{pingone.ErrUniquenessViolation}, []error{pingone.ErrInvalidData}, "CONFLICT", "409 CONFLICT"},
		{"unauthorized", 401, `{"id":"e4","code":"ACCESS_FAILED","message":"token"}`,
			[]error{pingone.ErrUnauthorized}, []error{pingone.ErrForbidden}, "ACCESS_FAILED", "401"},
		{"forbidden", 403, `{"id":"e5","code":"ACCESS_FAILED","message":"no","details":[{"code":"INSUFFICIENT_PERMISSIONS","message":"m"}]}`,
			[]error{pingone.ErrForbidden}, []error{pingone.ErrUnauthorized}, "ACCESS_FAILED", "403"},
		{"unknown code kept", 400, `{"id":"e6","code":"SOMETHING_NEW","message":"x","details":[{"code":"BRAND_NEW","innerError":{"futureKey":1}}]}`,
			[]error{pingone.ErrInvalidData}, nil, "SOMETHING_NEW", "SOMETHING_NEW"},
		{"html 502", 502, "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
			[]error{pingone.ErrServerError}, []error{pingone.ErrNotFound}, "", "502 Bad Gateway: HTML page: 502 Bad Gateway"},
		{"empty 500", 500, "",
			[]error{pingone.ErrServerError}, nil, "", "500 Internal Server Error"},
		{"truncated json", 400, `{"id":"e7","code":"INVALID_DA`,
			[]error{pingone.ErrInvalidData}, nil, "", "400 Bad Request"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// Some bodies here break the contract on purpose.
			c, mt := rawMockClient(t, pingone.WithRetryPolicy(pingone.RetryPolicy{}))
			mt.RegisterResponder("GET", popURL, func(*http.Request) (*http.Response, error) {
				r := httpmock.NewStringResponse(tc.status, tc.body)
				if strings.HasPrefix(tc.body, "<html") {
					r.Header.Set("Content-Type", "text/html")
				} else {
					r.Header.Set("Content-Type", "application/json")
				}
				r.Header.Set("Correlation-Id", "corr-9")
				return r, nil
			})
			_, err := c.Environment(testEnv).Populations.Get(t.Context(), "p1")
			var apiErr *pingone.APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tc.status, apiErr.StatusCode)
			assert.Equal(t, tc.code, apiErr.Code)
			assert.Equal(t, "corr-9", apiErr.CorrelationID)
			assert.Equal(t, tc.body, string(apiErr.Body))
			for _, target := range tc.is {
				assert.ErrorIs(t, err, target)
			}
			for _, target := range tc.isNot {
				assert.NotErrorIs(t, err, target)
			}
			msg := err.Error()
			assert.Contains(t, msg, tc.contains)
			assert.NotContains(t, msg, "\n", "one line")
			assert.NotContains(t, msg, "test-token", "no credentials")
			assert.Contains(t, msg, "GET /v1/environments/"+testEnv+"/populations/p1")
		})
	}
}

func TestErrorInnerErrorKnownAndRawKeys(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	mt.RegisterResponder("GET", popsURL, jsonResponder(400, `{"id":"e","code":"INVALID_DATA","message":"m","details":[{"code":"INVALID_FILTER","target":"filter","message":"bad","innerError":{"supportedAttributes":["name","id"],"supportedOperators":["sw","eq"],"newKey":{"a":1}}}]}`))
	_, err := c.Environment(testEnv).Populations.List(t.Context(), nil)
	apiErr, ok := errors.AsType[*pingone.APIError](err)
	require.True(t, ok)
	require.True(t, apiErr.HasDetail("INVALID_FILTER"))
	in := apiErr.Details[0].InnerError
	require.NotNil(t, in)
	assert.Equal(t, []string{"name", "id"}, in.SupportedAttributes)
	assert.Equal(t, []string{"sw", "eq"}, in.SupportedOperators)
	assert.JSONEq(t, `{"a":1}`, string(in.Extra["newKey"]))
}

func TestErrorEmptyIDNeverReachesServer(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	env := c.Environment(testEnv)
	_, err := env.Populations.Get(t.Context(), "")
	var ae *pingone.ArgumentError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "populationID", ae.Name)
	require.Error(t, env.Populations.Delete(t.Context(), ""))
	_, err = c.Environment("").Populations.List(t.Context(), nil)
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "environmentID", ae.Name)
	assert.Equal(t, 0, mt.GetTotalCallCount())
}

func TestErrorIDsArePathEscaped(t *testing.T) {
	t.Parallel()
	c, mt := rawMockClient(t)
	var got string
	mt.RegisterNoResponder(func(r *http.Request) (*http.Response, error) {
		got = r.URL.EscapedPath()
		return httpmock.NewStringResponse(404, `{"id":"e","code":"NOT_FOUND","message":"m"}`), nil
	})
	_, _ = c.Environment(testEnv).Populations.Get(t.Context(), "../users/x?y")
	assert.Equal(t, "/v1/environments/"+testEnv+"/populations/..%2Fusers%2Fx%3Fy", got)
}

func TestErrorBodyKeepsWhatItDoesNotKnow(t *testing.T) {
	t.Parallel()
	c, mt := rawMockClient(t)
	mt.RegisterResponder("GET", popURL, jsonResponder(400, `{"id":"e1","code":"INVALID_DATA","message":"m","traceHint":"x",
		"details":[{"code":"INVALID_VALUE","target":"name","message":"bad","severity":"high","innerError":{"allowedPattern":"^a","hint":2}}]}`))
	_, err := c.Environment(testEnv).Populations.Get(t.Context(), "p1")
	apiErr, ok := errors.AsType[*pingone.APIError](err)
	require.True(t, ok)
	assert.JSONEq(t, `"x"`, string(apiErr.Extra["traceHint"]))
	require.Len(t, apiErr.Details, 1)
	assert.JSONEq(t, `"high"`, string(apiErr.Details[0].Extra["severity"]))
	assert.JSONEq(t, `2`, string(apiErr.Details[0].InnerError.Extra["hint"]))
	b, err := json.Marshal(apiErr.Details[0])
	require.NoError(t, err)
	assert.JSONEq(t, `{"code":"INVALID_VALUE","target":"name","message":"bad","severity":"high","innerError":{"allowedPattern":"^a","hint":2}}`, string(b))
}

func TestErrorHTMLPageNotUTF8(t *testing.T) {
	t.Parallel()
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
