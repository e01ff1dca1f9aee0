package pingone_test

import (
	"encoding/json"
	"go/token"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
)

const (
	testEnv     = "abfba8f6-49eb-49f5-a5d9-80ad5c98f9f6"
	testAPIBase = "https://api.pingone.test/v1"
	testAuth    = "https://auth.pingone.test"
)

// mockClient returns a client whose requests go to a fresh httpmock
// transport (nothing leaves the process), with a static token and fast
// retries. Every request and response passes through the contract check.
func mockClient(t testing.TB, opts ...pingone.Option) (*pingone.Client, *httpmock.MockTransport) {
	t.Helper()
	return newMockClient(t, true, opts...)
}

// rawMockClient is mockClient without the contract check, for tests whose
// server deliberately breaks the contract (HTML error pages, cut bodies).
func rawMockClient(t testing.TB, opts ...pingone.Option) (*pingone.Client, *httpmock.MockTransport) {
	t.Helper()
	return newMockClient(t, false, opts...)
}

func newMockClient(t testing.TB, validate bool, opts ...pingone.Option) (*pingone.Client, *httpmock.MockTransport) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	var rt http.RoundTripper = mt
	if validate {
		rt = contractTransport(t, mt)
	}
	hc := &http.Client{Transport: rt}
	base := []pingone.Option{
		pingone.WithBaseURLs(testAPIBase, testAuth),
		pingone.WithHTTPClient(hc),
		pingone.WithStaticToken("test-token"),
		pingone.WithRetryPolicy(pingone.RetryPolicy{MaxRetries: 3, MinWait: time.Millisecond, MaxWait: 5 * time.Millisecond, MaxRetryAfter: time.Minute}),
		// Role assignments are remembered per API host across the
		// process, and every mock shares one host: a test that needs the
		// window turns it on with a host of its own.
		pingone.WithPermissionPropagationWindow(0),
	}
	c, err := pingone.NewClient(append(base, opts...)...)
	require.NoError(t, err)
	return c, mt
}

// jsonResponder answers with status and a JSON body, plus a Correlation-Id.
func jsonResponder(status int, body string) httpmock.Responder {
	return func(*http.Request) (*http.Response, error) {
		r := httpmock.NewStringResponse(status, body)
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("Correlation-Id", "corr-1")
		return r, nil
	}
}

// assertFields compares the exported fields of two models: a decoded model
// also remembers the JSON it came from (which a value built by hand does
// not), so the two are not equal as Go values.
func assertFields(t testing.TB, want, got any, msgAndArgs ...any) {
	t.Helper()
	if diff := cmp.Diff(want, got, ignoreUnexported, exportSDKValues); diff != "" {
		require.Fail(t, "fields differ (-want +got):\n"+diff, msgAndArgs...)
	}
}

// ignoreUnexported leaves out every unexported field (what a decoded model
// remembers of its JSON), whatever its type, but the values that
// Optional, Secret and Links hold.
var ignoreUnexported = cmp.FilterPath(func(p cmp.Path) bool {
	sf, ok := p.Last().(cmp.StructField)
	return ok && !token.IsExported(sf.Name()) && !sdkValue(p.Index(-2).Type())
}, cmp.Ignore())

// exportSDKValues lets assertFields compare the values that Optional,
// Secret and Links hold (in unexported fields).
var exportSDKValues = cmp.Exporter(sdkValue)

func sdkValue(t reflect.Type) bool {
	return t == reflect.TypeFor[pingone.Secret]() || t == reflect.TypeFor[pingone.Links]() || strings.HasPrefix(t.Name(), "Optional[")
}

// assertSentBack checks a read-modify-replace on the wire: a resource body
// with members the SDK does not model is decoded by get, turned into a
// request by the resource's Request and sent by replace; the body sent must
// be the body read, less the read-only members (and _links), unchanged.
func assertSentBack(t *testing.T, url, body string, readOnly []string,
	get func(*pingone.Environment) (any, error), replace func(*pingone.Environment, any) error) {
	t.Helper()
	c, mt := rawMockClient(t)
	env := c.Environment(testEnv)
	mt.RegisterResponder("GET", url, jsonResponder(200, body))
	var sent []byte
	mt.RegisterResponder("PUT", url, func(r *http.Request) (*http.Response, error) {
		sent, _ = io.ReadAll(r.Body)
		return jsonResponder(200, body)(r)
	})
	got, err := get(env)
	require.NoError(t, err)
	require.NoError(t, replace(env, got))

	var want map[string]any
	require.NoError(t, json.Unmarshal([]byte(body), &want))
	for _, k := range append(readOnly, "_links", "_embedded") {
		delete(want, k)
	}
	var have map[string]any
	require.NoError(t, json.Unmarshal(sent, &have), "%s", sent)
	assert.Equal(t, want, have, "sent back: %s", sent)
}

// assertSameResource compares two reads of one resource by their JSON,
// less the members a write changes (updatedAt).
func assertSameResource(t testing.TB, before, after any, msgAndArgs ...any) {
	t.Helper()
	fields := func(v any) map[string]any {
		data, err := json.Marshal(v)
		require.NoError(t, err)
		var m map[string]any
		require.NoError(t, json.Unmarshal(data, &m))
		delete(m, "updatedAt")
		return m
	}
	assert.Equal(t, fields(before), fields(after), msgAndArgs...)
}
