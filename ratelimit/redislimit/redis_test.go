package redislimit

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// The tests run against a real redis-server (the Debian package; .ci/run
// installs it), started by TestMain on a free port with no persistence,
// and stopped at the end. Without one, the tests that need it skip with a
// message and the example does not run; under CI=true they fail instead.

// redisAddr is the address of the test's redis-server ("" when there is
// none).
var redisAddr string

const noRedis = "redis-server is not installed (apt-get install redis-server; .ci/run does): the Redis tests need a real one"

func TestMain(m *testing.M) {
	flag.Parse()
	stop, err := startRedis()
	if err != nil {
		fmt.Fprintf(os.Stderr, "redislimit: %v\n", err)
		if os.Getenv("CI") == "true" {
			os.Exit(1)
		}
		// The example connects to Redis: it does not run without one.
		if f := flag.Lookup("test.run"); f != nil && f.Value.String() == "" {
			_ = flag.Set("test.run", "^Test")
		}
	}
	code := m.Run()
	if stop != nil {
		stop()
	}
	os.Exit(code)
}

// startRedis starts redis-server on a free loopback port in a temporary
// directory, waits until it answers and sets redisAddr (and REDIS_ADDR,
// which the example reads). stop kills it.
func startRedis() (stop func(), err error) {
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		return nil, fmt.Errorf("%s", noRedis)
	}
	dir, err := os.MkdirTemp("", "redislimit")
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	cmd := exec.Command(bin, "--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir)
	cmd.Dir = dir
	if err := cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("starting redis-server: %w", err)
	}
	stop = func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		os.RemoveAll(dir)
	}
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	defer rdb.Close()
	deadline := time.Now().Add(10 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		err := rdb.Ping(ctx).Err()
		cancel()
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			stop()
			return nil, fmt.Errorf("redis-server on %s did not answer within 10 s: %w", addr, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	redisAddr = addr
	os.Setenv("REDIS_ADDR", addr)
	return stop, nil
}

// newRedis returns a client of the test's Redis, or skips the test when
// there is none.
func newRedis(t testing.TB) *redis.Client {
	t.Helper()
	if redisAddr == "" {
		t.Skip(noRedis)
	}
	rdb := redis.NewClient(&redis.Options{Addr: redisAddr, PoolSize: 64})
	t.Cleanup(func() { rdb.Close() })
	return rdb
}

func redisClientTo(t testing.TB, addr string) *redis.Client {
	rdb := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1, DialTimeout: 200 * time.Millisecond})
	t.Cleanup(func() { rdb.Close() })
	return rdb
}
