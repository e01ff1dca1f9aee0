package pingone_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/internal/contract"
	"github.com/pingone-go/pingone/pingonetest"
)

// e2e starts a pingonetest server whose every response is checked against
// the contract, and a client (the seeded worker) whose every request and
// response is checked too.
func e2e(t *testing.T, opts ...pingonetest.Option) (*pingonetest.Server, *pingone.Client, *pingone.Environment) {
	t.Helper()
	c := loadContract(t)
	opts = append(opts, pingonetest.WithMiddleware(func(h http.Handler) http.Handler {
		return c.Middleware(h, func(r contract.Result) {
			// The client-side transport checks requests; here, what the
			// server answers.
			if r.ResponseErr != nil {
				t.Errorf("pingonetest broke the contract: %s", r)
			}
		})
	}))
	srv := pingonetest.NewServer(t, opts...)
	client, err := pingone.NewClient(append(srv.ClientOptions(),
		pingone.WithHTTPClient(&http.Client{Transport: contractTransport(t, http.DefaultTransport)}),
		// These tests check PingOne's refusals right after granting
		// roles; pingonetest here applies roles at once (the fault-matrix
		// test covers propagation).
		pingone.WithPermissionPropagationWindow(0))...)
	require.NoError(t, err)
	return srv, client, client.Environment(srv.EnvironmentID())
}
