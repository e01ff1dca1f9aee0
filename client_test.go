package pingone_test

import (
	"bytes"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
)

func TestLoggingHasFactsButNoSecrets(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, mt := mockClient(t, pingone.WithLogger(logger))
	bad := jsonResponder(503, `{"id":"e","code":"UNAVAILABLE","message":"m"}`)
	resp, _ := sequence(bad, jsonResponder(201, popBody))
	mt.RegisterResponder("POST", popsURL, resp)
	_, err := c.Environment(testEnv).Populations.Create(t.Context(), pingone.PopulationRequest{Name: "secret-population-name", Description: pingone.Value("hunter2")})
	require.NoError(t, err)
	out := buf.String()
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 3, out)
	for _, want := range []string{`"level":"DEBUG"`, `"msg":"pingone request"`, `"method":"POST"`, `"path":"/v1/environments/` + testEnv + `/populations"`, `"status":503`, `"attempt":1`, `"correlation_id":"corr-1"`, `"duration"`} {
		assert.Contains(t, lines[0], want)
	}
	for _, want := range []string{`"level":"INFO"`, `"msg":"pingone retry"`, `"status":503`, `"reason":"throttled"`} {
		assert.Contains(t, lines[1], want)
	}
	assert.Contains(t, lines[2], `"status":201`)
	assert.Contains(t, lines[2], `"attempt":2`)
	for _, secret := range []string{"test-token", "Bearer", "hunter2", "secret-population-name", "Authorization"} {
		assert.NotContains(t, out, secret)
	}
}

func TestSilentByDefault(t *testing.T) {
	var buf bytes.Buffer
	prev := slog.Default()
	t.Cleanup(func() { slog.SetDefault(prev) })
	slog.SetDefault(slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})))
	c, mt := mockClient(t)
	mt.RegisterResponder("GET", popURL, jsonResponder(200, popBody))
	_, err := c.Environment(testEnv).Populations.Get(t.Context(), "p1")
	require.NoError(t, err)
	assert.Empty(t, buf.String())
}

func TestHeadersUserAgentAndAudit(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t, pingone.WithUserAgent("my-tool/2"), pingone.WithExternalTransactionID("client-tx"), pingone.WithExternalSessionID("sess 1"))
	var h http.Header
	mt.RegisterResponder("GET", popURL, func(r *http.Request) (*http.Response, error) {
		h = r.Header.Clone()
		return jsonResponder(200, popBody)(r)
	})
	env := c.Environment(testEnv)
	_, err := env.Populations.Get(t.Context(), "p1")
	require.NoError(t, err)
	assert.Equal(t, "my-tool/2 pingone-go/"+pingone.Version, h.Get("User-Agent"))
	assert.Equal(t, "client-tx", h.Get("X-Ping-External-Transaction-ID"))
	assert.Equal(t, "sess_1", h.Get("X-Ping-External-Session-ID"), "space becomes _")
	assert.Equal(t, "Bearer test-token", h.Get("Authorization"))

	ctx := pingone.ContextWithExternalTransactionID(t.Context(), "call\r\nX-Evil: 1"+strings.Repeat("é", 200))
	_, err = env.Populations.Get(ctx, "p1")
	require.NoError(t, err)
	tx := h.Get("X-Ping-External-Transaction-ID")
	assert.True(t, strings.HasPrefix(tx, "call__X-Evil__1é"), tx)
	assert.Equal(t, 100, len([]rune(tx)))
	assert.Empty(t, h.Get("X-Evil"))
	assert.Equal(t, "sess_1", h.Get("X-Ping-External-Session-ID"), "client value kept when the call sets only the other")
}
