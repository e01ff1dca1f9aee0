package main

import (
	"context"
	"encoding/json"
	"io"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
)

// TestRunServesAndPrintsCredentials starts the simulator on a free port,
// reads the connection details it prints, and uses them.
func TestRunServesAndPrintsCredentials(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-json", "-admin-password", "Sim-Pass-1"}, pw)
	}()

	var info map[string]string
	require.NoError(t, json.NewDecoder(pr).Decode(&info))
	assert.Equal(t, "Sim-Pass-1", info["adminPassword"])
	c, err := pingone.NewClient(pingone.WithBaseURLs(info["apiURL"], info["authURL"]),
		pingone.WithClientCredentials(info["environmentID"], info["workerClientID"], info["workerClientSecret"]))
	require.NoError(t, err)
	page, err := c.Environment(info["environmentID"]).Populations.List(t.Context(), nil)
	require.NoError(t, err)
	assert.Len(t, page.Items, 1)

	cancel()
	select {
	case err := <-done:
		assert.NoError(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("run did not stop with its context")
	}
}

func TestRunRejectsBadFlags(t *testing.T) {
	err := run(t.Context(), []string{"-no-such-flag"}, io.Discard)
	assert.Error(t, err)
}
