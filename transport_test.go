package pingone_test

import (
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/pingone-go/pingone"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRedirectsNeverCarryTheTokenElsewhere(t *testing.T) {
	t.Parallel()
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
