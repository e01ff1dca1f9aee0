package pingonetest_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCollectionsPutLinksFirst: a list answers _links, then _embedded,
// count and size, in the order of the contract's EntityArray, so that a
// client can read the next link before the items.
func TestCollectionsPutLinksFirst(t *testing.T) {
	t.Parallel()
	srv := checked(t)
	tok := workerToken(t, srv)
	for _, path := range []string{"/populations?limit=1", "/users?limit=1", "/groups", "/applications", "/passwordPolicies"} {
		req, _ := http.NewRequest("GET", envURL(srv, path), nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, resp.StatusCode, "%s: %s", path, body)
		assert.True(t, strings.HasPrefix(string(body), `{"_links":{`), "%s: %.80s", path, body)
		assert.Regexp(t, `^\{"_links":\{.*?\},"_embedded":\{`, string(body), path)
		assert.Regexp(t, `,"count":\d+,"size":\d+\}$`, string(body), path)
	}
}
