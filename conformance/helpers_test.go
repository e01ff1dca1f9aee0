package conformance_test

import (
	"time"

	"github.com/pingone-go/pingone"
)

// Copies of the SDK tests' helpers that the leak guards use.
const (
	testEnv     = "abfba8f6-49eb-49f5-a5d9-80ad5c98f9f6"
	testAPIBase = "https://api.pingone.test/v1"
	testAuth    = "https://auth.pingone.test"
)

// fastRetries is a short retry policy for tests: 3 retries within
// milliseconds.
func fastRetries() pingone.Option {
	return pingone.WithRetryPolicy(pingone.RetryPolicy{MaxRetries: 3, MinWait: time.Millisecond, MaxWait: 3 * time.Millisecond, MaxRetryAfter: time.Second})
}
