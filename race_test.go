//go:build race

package pingone_test

// raceEnabled: the tests run under the race detector, which makes the
// long fake-clock runs several times slower.
const raceEnabled = true
