package contract

import "testing"

// LoadForTest loads the contract from dir and fails the test on error.
func LoadForTest(tb testing.TB, dir string, opts ...Option) *Contract {
	tb.Helper()
	c, err := Load(dir, opts...)
	if err != nil {
		tb.Fatalf("load contract: %v", err)
	}
	return c
}

// CheckNoFailures fails the test (without stopping it) for every recorded
// contract failure.
func (r *Recorder) CheckNoFailures(tb testing.TB) {
	tb.Helper()
	for _, f := range r.Failures() {
		tb.Errorf("contract: %s", f)
	}
}
