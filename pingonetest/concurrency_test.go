package pingonetest_test

import (
	"fmt"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/pingonetest"
	"github.com/pingone-go/pingone/scim"
)

// TestConcurrentClients writes and reads from many goroutines at once (run
// with -race): every write lands once, and uniqueness holds under
// contention.
func TestConcurrentClients(t *testing.T) {
	t.Parallel()
	srv := checked(t)
	c, err := pingone.NewClient(srv.ClientOptions()...)
	require.NoError(t, err)
	env := c.Environment(srv.EnvironmentID())
	ctx := t.Context()

	var wg sync.WaitGroup
	var mu sync.Mutex
	dupes := 0
	for i := range 20 {
		wg.Go(func() {
			_, err := env.Users.Create(ctx, pingone.CreateUserRequest{Username: fmt.Sprintf("user-%02d", i), Email: fmt.Sprintf("u%d@example.com", i)})
			assert.NoError(t, err)
			// Everyone also races for the same username: one wins.
			_, err = env.Users.Create(ctx, pingone.CreateUserRequest{Username: "contested", Email: "c@example.com"})
			if err != nil {
				assert.ErrorIs(t, err, pingone.ErrUniquenessViolation)
				mu.Lock()
				dupes++
				mu.Unlock()
			}
			_, err = env.Users.List(ctx, &pingone.ListUsersOptions{Filter: scim.Sw("username", "user-")})
			assert.NoError(t, err)
		})
	}
	wg.Wait()
	assert.Equal(t, 19, dupes)
	n := 0
	for _, err := range env.Users.ListIter(ctx, &pingone.ListUsersOptions{Filter: scim.Sw("username", "user-"), ListOptions: pingone.ListOptions{Limit: 7}}) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 20, n)
}

func TestStalledClientDoesNotHoldUpOthers(t *testing.T) {
	t.Parallel()
	started := make(chan struct{}, 1)
	srv := pingonetest.NewServer(t, pingonetest.WithMiddleware(func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == "POST" {
				started <- struct{}{}
			}
			h.ServeHTTP(w, r)
		})
	}))
	tok := workerToken(t, srv)
	// A body that never finishes arriving.
	pr, pw := io.Pipe()
	defer pw.Close()
	req, _ := http.NewRequest("POST", srv.APIURL()+"/environments/"+srv.EnvironmentID()+"/populations", pr)
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", "application/json")
	go func() { _, _ = pw.Write([]byte(`{"name":`)) }()
	go func() {
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
		}
	}()
	<-started // the stalled request is being served
	quick := &http.Client{Timeout: 5 * time.Second}
	for range 20 {
		greq, _ := http.NewRequest("GET", srv.APIURL()+"/environments/"+srv.EnvironmentID()+"/populations", nil)
		greq.Header.Set("Authorization", "Bearer "+tok)
		resp, err := quick.Do(greq)
		require.NoError(t, err, "others are served while one client stalls")
		resp.Body.Close()
		assert.Equal(t, 200, resp.StatusCode)
	}
}
