package main

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/pingonetest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// fixedNow is the clock of the servers whose output is compared with
// golden files.
var fixedNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// cli runs the command line in-process against a pingonetest server.
type cli struct {
	t   *testing.T
	srv *pingonetest.Server
	dir string // PINGONE_CONFIG_DIR
	env map[string]string
	// opts are the client options of every run (a fast retry policy).
	opts []pingone.Option
}

// worker authenticates as the server's worker through the PINGONE_*
// variables.
func newCLI(t *testing.T, opts ...pingonetest.Option) *cli {
	t.Helper()
	srv := pingonetest.NewServer(t, opts...)
	c := &cli{t: t, srv: srv, dir: t.TempDir()}
	c.env = map[string]string{
		"PINGONE_CONFIG_DIR":     c.dir,
		"PINGONE_API_URL":        srv.APIURL(),
		"PINGONE_AUTH_URL":       srv.AuthURL(),
		"PINGONE_ENVIRONMENT_ID": srv.EnvironmentID(),
		"PINGONE_CLIENT_ID":      srv.Worker().ClientID,
		"PINGONE_CLIENT_SECRET":  srv.Worker().ClientSecret,
	}
	c.opts = []pingone.Option{pingone.WithRetryPolicy(pingone.RetryPolicy{MaxRetries: 2, MinWait: time.Millisecond, MaxWait: 5 * time.Millisecond, MaxRetryAfter: 5 * time.Millisecond})}
	return c
}

// result is what one run printed and returned.
type result struct {
	stdout, stderr string
	code           int
}

// runOpts of a test run: stdin and which streams are terminals.
type testRun struct {
	stdin          string
	inTTY, errTTY  bool
	outTTY         bool
	openBrowser    func(string) error
	noClientOption bool
	// onStderr sees each write to stderr (from the command's goroutine).
	onStderr func(string)
}

// hookWriter calls hook with each write before passing it on.
type hookWriter struct {
	w    io.Writer
	hook func(string)
}

func (h hookWriter) Write(p []byte) (int, error) {
	h.hook(string(p))
	return h.w.Write(p)
}

func (c *cli) run(args ...string) result {
	c.t.Helper()
	return c.runWith(testRun{}, args...)
}

func (c *cli) runWith(o testRun, args ...string) result {
	c.t.Helper()
	var stdout, stderr bytes.Buffer
	a := &app{
		in: strings.NewReader(o.stdin), out: &stdout, errw: &stderr,
		inTTY: o.inTTY, outTTY: o.outTTY, errTTY: o.errTTY, errWidth: 100,
		getenv:      func(k string) string { return c.env[k] },
		openBrowser: o.openBrowser,
	}
	if o.onStderr != nil {
		a.errw = hookWriter{w: &stderr, hook: o.onStderr}
	}
	if !o.noClientOption {
		a.clientOptions = c.opts
	}
	code := a.run(c.t.Context(), args)
	return result{stdout: stdout.String(), stderr: stderr.String(), code: code}
}

// ok runs args and fails the test unless the exit code is 0.
func (c *cli) ok(args ...string) result {
	c.t.Helper()
	r := c.run(args...)
	if r.code != 0 {
		c.t.Fatalf("pingone %s: exit %d\nstderr: %s", strings.Join(args, " "), r.code, r.stderr)
	}
	return r
}

// normalize replaces the server's address, which changes on each run.
func (c *cli) normalize(s string) string {
	return strings.ReplaceAll(s, c.srv.URL(), "http://pingone.test")
}

// golden compares got with testdata/golden/name, or rewrites it with
// -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file:\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}
