package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
)

// sim runs the simulator with args until the test ends and returns what it
// printed: the JSON details (with -json) or the text up to the last detail.
func sim(t *testing.T, args ...string) (info map[string]string, text string) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() { done <- run(ctx, args, pw) }()
	t.Cleanup(func() {
		cancel()
		go func() { _, _ = io.Copy(io.Discard, pr) }()
		select {
		case err := <-done:
			assert.NoError(t, err)
		case <-time.After(10 * time.Second):
			t.Error("run did not stop with its context")
		}
	})
	r := bufio.NewReader(pr)
	for {
		line, err := r.ReadString('\n')
		require.NoError(t, err, "output so far: %s", text)
		text += line
		if strings.HasPrefix(line, "{") {
			require.NoError(t, json.Unmarshal([]byte(line), &info))
			return info, text
		}
		if strings.Contains(line, "signInRedirectURI") {
			return nil, text
		}
	}
}

// TestRunServesAndPrintsCredentials starts the simulator on a free port,
// reads the connection details it prints, and uses them.
func TestRunServesAndPrintsCredentials(t *testing.T) {
	t.Parallel()
	info, _ := sim(t, "-addr", "127.0.0.1:0", "-json", "-admin-password", "Sim-Pass-1")
	assert.Equal(t, "Sim-Pass-1", info["adminPassword"])
	c, err := pingone.NewClient(pingone.WithBaseURLs(info["apiURL"], info["authURL"]),
		pingone.WithClientCredentials(info["environmentID"], info["workerClientID"], info["workerClientSecret"]))
	require.NoError(t, err)
	page, err := c.Environment(info["environmentID"]).Populations.List(t.Context(), nil)
	require.NoError(t, err)
	assert.Len(t, page.Items, 1)
}

// TestRunSaysWhereItListens: "loopback only" on a loopback address; on a
// wildcard address a warning, and URLs that reach the server.
func TestRunSaysWhereItListens(t *testing.T) {
	t.Parallel()
	_, text := sim(t, "-addr", "127.0.0.1:0")
	assert.Contains(t, text, "loopback only")

	_, text = sim(t, "-addr", "0.0.0.0:0")
	assert.NotContains(t, text, "loopback only")
	assert.Contains(t, text, "REACHABLE FROM OTHER HOSTS")
	assert.NotContains(t, text, "[::]")
	assert.Regexp(t, `apiURL\s+http://127\.0\.0\.1:\d+/v1\n`, text)

	info, _ := sim(t, "-addr", "0.0.0.0:0", "-json")
	c, err := pingone.NewClient(pingone.WithBaseURLs(info["apiURL"], info["authURL"]),
		pingone.WithClientCredentials(info["environmentID"], info["workerClientID"], info["workerClientSecret"]))
	require.NoError(t, err)
	_, err = c.Environment(info["environmentID"]).Populations.List(t.Context(), nil)
	require.NoError(t, err, "the printed URL reaches the server")
}

// TestRunGeneratesFreshSecrets: two runs print different secrets unless
// -seed is given.
func TestRunGeneratesFreshSecrets(t *testing.T) {
	t.Parallel()
	a, _ := sim(t, "-addr", "127.0.0.1:0", "-json")
	b, _ := sim(t, "-addr", "127.0.0.1:0", "-json")
	assert.NotEqual(t, a["adminPassword"], b["adminPassword"])
	assert.NotEqual(t, a["workerClientSecret"], b["workerClientSecret"])

	x, _ := sim(t, "-addr", "127.0.0.1:0", "-json", "-seed", "5")
	y, _ := sim(t, "-addr", "127.0.0.1:0", "-json", "-seed", "5")
	assert.Equal(t, x["adminPassword"], y["adminPassword"])
	assert.Equal(t, x["workerClientSecret"], y["workerClientSecret"])
}

func TestRunRejectsBadFlags(t *testing.T) {
	t.Parallel()
	err := run(t.Context(), []string{"-no-such-flag"}, io.Discard)
	assert.Error(t, err)
}
