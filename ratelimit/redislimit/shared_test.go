package redislimit_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/internal/bulk"
	"github.com/pingone-go/pingone/pingonetest"
	"github.com/pingone-go/pingone/ratelimit/redislimit"
)

// runShared makes calls calls of Environments.Get from clients clients,
// each with its own redislimit.Limiter on one key (as separate processes
// would have) and workers goroutines, against a pingonetest limited to r
// requests a second in a fixed one-second window.
func runShared(tb testing.TB, rdb *redis.Client, key string, r, clients, workers, calls int) bulk.Result {
	tb.Helper()
	srv, err := pingonetest.Start(pingonetest.WithRateLimit(r))
	if err != nil {
		tb.Fatal(err)
	}
	defer srv.Close()
	if err := rdb.Del(context.Background(), key).Err(); err != nil {
		tb.Fatal(err)
	}
	ctx := context.Background()
	var cs []*pingone.Client
	for range clients {
		l, err := redislimit.New(rdb, key, float64(r), 1)
		if err != nil {
			tb.Fatal(err)
		}
		c, err := pingone.NewClient(append(srv.ClientOptions(), pingone.WithLimiter(l))...)
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := c.Environments.Get(ctx, srv.EnvironmentID()); err != nil { // the token, before the clock starts
			tb.Fatal(err)
		}
		cs = append(cs, c)
	}
	time.Sleep(time.Second) // a new window
	return bulk.RunClients(ctx, cs, srv, calls, workers)
}

func testRedis(tb testing.TB) *redis.Client {
	tb.Helper()
	addr := os.Getenv("REDIS_ADDR")
	if addr == "" {
		tb.Skip("no redis-server (see TestMain): the Redis tests need a real one")
	}
	rdb := redis.NewClient(&redis.Options{Addr: addr, PoolSize: 64})
	tb.Cleanup(func() { rdb.Close() })
	return rdb
}

// TestFourClientsShareTheLimit: 4 clients, each with its own limiter on
// one Redis key and 4 goroutines, make 600 calls against a server limited
// to R = 100: no call fails and at most 2% of the requests are throttled.
// The share of R they reach together is logged (BenchmarkShared measures
// it over 2,000 calls).
func TestFourClientsShareTheLimit(t *testing.T) {
	rdb := testRedis(t)
	res := runShared(t, rdb, "test:shared", 100, 4, 4, 600)
	t.Logf("4 clients together: %.3f R over %v, %d of %d requests throttled, %d errors",
		res.FracR(100), res.Elapsed.Round(time.Millisecond), res.Throttled, res.Requests, res.Errors)
	if res.Errors != 0 {
		t.Errorf("%d calls failed: %v", res.Errors, res.FirstErr)
	}
	if res.Throttled*50 > res.Requests {
		t.Errorf("%d of %d requests throttled: more than 2%%", res.Throttled, res.Requests)
	}
}

// BenchmarkShared: 4 clients, each with its own limiter on one Redis key
// and 4 goroutines, make 2,000 calls against pingonetest limited to R =
// 100 requests a second (a fixed one-second window). It reports frac-R
// (the calls a second of all 4 together, as a share of R), 429s on the
// wire and errors surfaced, per run (about 20 s).
func BenchmarkShared(b *testing.B) {
	rdb := testRedis(b)
	var mean bulk.Mean
	for b.Loop() {
		mean.Add(runShared(b, rdb, "bench:shared", 100, 4, 4, 2000), 100)
	}
	mean.Report(b)
}
