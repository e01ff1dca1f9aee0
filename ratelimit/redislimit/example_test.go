package redislimit_test

import (
	"cmp"
	"context"
	"fmt"
	"log"
	"os"

	"github.com/redis/go-redis/v9"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/pingonetest"
	"github.com/pingone-go/pingone/ratelimit/redislimit"
)

// Workers in several processes share one licence's 100 requests a second:
// each makes its client with a limiter on the same Redis key.
func Example() {
	rdb := redis.NewClient(&redis.Options{Addr: cmp.Or(os.Getenv("REDIS_ADDR"), "localhost:6379")})
	defer rdb.Close()

	limiter, err := redislimit.New(rdb, "pingone:licence:example", 100, 10)
	if err != nil {
		log.Fatal(err)
	}

	// Here an in-memory PingOne stands in for the real one.
	srv, err := pingonetest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	client, err := pingone.NewClient(append(srv.ClientOptions(), pingone.WithLimiter(limiter))...)
	if err != nil {
		log.Fatal(err)
	}

	env, err := client.Environments.Get(context.Background(), srv.EnvironmentID())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(env.ID == srv.EnvironmentID())
	// Output: true
}
