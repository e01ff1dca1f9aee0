package pingonetest_test

import (
	"net"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/pingonetest"
)

// TestLinksFollowTheRequestHost reaches the server as localhost: the page
// links it answers name localhost too, so the SDK follows them to page 2.
func TestLinksFollowTheRequestHost(t *testing.T) {
	t.Parallel()
	srv := checked(t)
	u, err := url.Parse(srv.URL())
	require.NoError(t, err)
	byName := "http://localhost:" + u.Port()
	c, err := pingone.NewClient(pingone.WithBaseURLs(byName+"/v1", byName),
		pingone.WithClientCredentials(srv.EnvironmentID(), srv.Worker().ClientID, srv.Worker().ClientSecret))
	require.NoError(t, err)
	env := c.Environment(srv.EnvironmentID())
	for _, name := range []string{"North", "South"} {
		_, err := env.Populations.Create(t.Context(), pingone.PopulationRequest{Name: name})
		require.NoError(t, err)
	}

	var names []string
	for p, err := range env.Populations.ListIter(t.Context(), &pingone.ListPopulationsOptions{ListOptions: pingone.ListOptions{Limit: 1}}) {
		require.NoError(t, err, "page links must stay on the host the client uses")
		names = append(names, p.Name)
	}
	assert.Equal(t, []string{"Default", "North", "South"}, names)

	_, body := get(t, byName+"/v1/environments/"+srv.EnvironmentID()+"/populations?limit=1", workerToken(t, srv))
	links := body["_links"].(map[string]any)
	for _, rel := range []string{"self", "next"} {
		href := links[rel].(map[string]any)["href"].(string)
		assert.True(t, strings.HasPrefix(href, byName+"/v1/environments/"), "%s: %s", rel, href)
	}
}

// TestWildcardAddressGivesAReachableURL listens on every interface; the
// server's URLs name the loopback address, which reaches it.
func TestWildcardAddressGivesAReachableURL(t *testing.T) {
	t.Parallel()
	srv := checked(t, pingonetest.WithAddr("0.0.0.0:0"))
	assert.True(t, strings.HasPrefix(srv.URL(), "http://127.0.0.1:"), srv.URL())
	assert.NotContains(t, srv.URL(), "[::]")
	host, _, err := net.SplitHostPort(srv.ListenAddr())
	require.NoError(t, err)
	assert.True(t, net.ParseIP(host).IsUnspecified(), srv.ListenAddr())

	c, err := pingone.NewClient(srv.ClientOptions()...)
	require.NoError(t, err)
	_, err = c.Environment(srv.EnvironmentID()).Populations.List(t.Context(), nil)
	require.NoError(t, err)
}

// TestSecretsAreFreshUnlessSeeded: without WithSeed, every start generates
// new secrets; with the same seed, the same ones.
func TestSecretsAreFreshUnlessSeeded(t *testing.T) {
	t.Parallel()
	a, b := pingonetest.NewServer(t), pingonetest.NewServer(t)
	assert.NotEqual(t, a.Admin().Password, b.Admin().Password)
	assert.NotEqual(t, a.Worker().ClientSecret, b.Worker().ClientSecret)
	assert.Len(t, a.Worker().ClientSecret, 64)

	// The fresh secrets work.
	c, err := pingone.NewClient(a.ClientOptions()...)
	require.NoError(t, err)
	_, err = c.Environment(a.EnvironmentID()).Populations.List(t.Context(), nil)
	require.NoError(t, err)

	x, y := pingonetest.NewServer(t, pingonetest.WithSeed(3)), pingonetest.NewServer(t, pingonetest.WithSeed(3))
	assert.Equal(t, x.Admin().Password, y.Admin().Password)
	assert.Equal(t, x.Worker().ClientSecret, y.Worker().ClientSecret)
	assert.Equal(t, workerToken(t, x), workerToken(t, y), "tokens too are deterministic under a seed")
	assert.NotEqual(t, workerToken(t, a), workerToken(t, b))
}
