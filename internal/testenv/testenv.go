// Package testenv finds what some tests need from the machine, for the
// tests of every module of the checkout: a test that needs a program
// skips without it on a developer's machine, saying how to install it,
// and fails under CI (CI=true), where .ci/run installs it.
package testenv

import (
	"os"
	"os/exec"
	"testing"
)

// Chromium returns the path of Debian's Chromium (or another Chrome), or
// skips the test without one (fails it under CI).
func Chromium(tb testing.TB) string {
	tb.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		tb.Fatal("no Chromium on this machine: .ci/run installs the Debian package chromium")
	}
	tb.Skip("no Chromium on this machine (apt-get install -y chromium); CI installs it and runs this test")
	return ""
}
