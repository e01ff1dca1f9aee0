package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pingone-go/pingone/pingonetest"
)

// TestMain lets the test binary play the browser of the end-to-end test:
// run as PINGONE_BROWSER with the sign-in URL, it submits the sign-in form
// as a person would.
func TestMain(m *testing.M) {
	if os.Getenv("PINGONE_TEST_FAKE_BROWSER") == "1" {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		err := pingonetest.SubmitSignIn(ctx, os.Args[len(os.Args)-1], os.Getenv("PINGONE_TEST_ADMIN_USERNAME"), os.Getenv("PINGONE_TEST_ADMIN_PASSWORD"))
		cancel()
		if err != nil {
			fmt.Fprintln(os.Stderr, "fake browser:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func goTool(t *testing.T) string {
	p, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the end-to-end test builds the binary and needs the go command on PATH: %v", err)
	}
	return p
}

// TestEndToEnd builds the binary and drives it against pingone-sim on a
// real port, with write faults and a rate limit: sign-in through the
// sign-in page, the README's everyday commands, and an import of 1,000
// users that loses none, duplicates none, and imports nothing when run
// again.
func TestEndToEnd(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bin, simBin := filepath.Join(dir, "pingone"), filepath.Join(dir, "pingone-sim")
	for _, b := range [][]string{{bin, "."}, {simBin, "github.com/pingone-go/pingone/cmd/pingone-sim"}} {
		out, err := exec.CommandContext(t.Context(), goTool(t), "build", "-o", b[0], b[1]).CombinedOutput()
		if err != nil {
			t.Fatalf("go build %s: %v\n%s", b[1], err, out)
		}
	}

	users := "route=POST /v1/environments/*/users"
	sim := exec.CommandContext(t.Context(), simBin, "-addr", "127.0.0.1:0", "-json", "-seed", "11",
		"-rate-limit", "150",
		"-fail-after-write", "answer=502,rate=0.05,"+users,
		"-fail-before-write", "answer=reset,times=4,"+users)
	simOut, err := sim.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var simErr bytes.Buffer
	sim.Stderr = &simErr
	if err := sim.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = sim.Process.Signal(os.Interrupt)
		_ = sim.Wait()
	})
	line, err := bufio.NewReader(simOut).ReadBytes('\n')
	if err != nil {
		t.Fatalf("pingone-sim: %v\n%s", err, simErr.String())
	}
	var info struct {
		APIURL, AuthURL, EnvironmentID string
		AdminUsername, AdminPassword   string
		SignInClientID                 string
	}
	if err := json.Unmarshal(line, &info); err != nil {
		t.Fatalf("pingone-sim -json: %q: %v", line, err)
	}

	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	env := []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + dir,
		"PINGONE_CONFIG_DIR=" + filepath.Join(dir, "config"),
		"PINGONE_BROWSER=" + self,
		"PINGONE_TEST_FAKE_BROWSER=1",
		"PINGONE_TEST_ADMIN_USERNAME=" + info.AdminUsername,
		"PINGONE_TEST_ADMIN_PASSWORD=" + info.AdminPassword,
	}
	pingone := func(args ...string) result {
		t.Helper()
		cmd := exec.CommandContext(t.Context(), bin, args...)
		cmd.Env = env
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		r := result{stdout: stdout.String(), stderr: stderr.String()}
		if ee, ok := err.(*exec.ExitError); ok {
			r.code = ee.ExitCode()
		} else if err != nil {
			t.Fatalf("pingone %s: %v", strings.Join(args, " "), err)
		}
		if strings.Contains(r.stderr, "\r") {
			t.Errorf("pingone %s: a progress bar in a pipe: %q", strings.Join(args, " "), r.stderr)
		}
		return r
	}
	ok := func(args ...string) result {
		t.Helper()
		r := pingone(args...)
		if r.code != 0 {
			t.Fatalf("pingone %s: exit %d\n%s", strings.Join(args, " "), r.code, r.stderr)
		}
		return r
	}

	if r := ok("--help"); !strings.Contains(r.stdout, "Resource families:") || !strings.Contains(r.stdout, "\n  users ") {
		t.Errorf("--help: %s", r.stdout)
	}

	// Sign in through the sign-in page, as the README says.
	r := ok("login", "--api-url", info.APIURL, "--auth-url", info.AuthURL,
		"--sign-in-environment", info.EnvironmentID, "--client-id", info.SignInClientID)
	if !strings.Contains(r.stderr, "Signed in as "+info.AdminUsername) {
		t.Fatalf("login: %s", r.stderr)
	}
	if r := ok("users", "list", "-o", "table"); !strings.HasPrefix(r.stdout, "ID ") || !strings.Contains(r.stdout, info.AdminUsername) {
		t.Errorf("users list -o table:\n%s", r.stdout)
	}
	if r := ok("whoami", "-o", "json"); !strings.Contains(r.stdout, `"preferred_username": "`+info.AdminUsername+`"`) {
		t.Errorf("whoami: %s", r.stdout)
	}
	r = ok("populations", "create", "--name", "Imported", "-o", "json")
	var pop struct{ ID string }
	if err := json.Unmarshal([]byte(r.stdout), &pop); err != nil || pop.ID == "" {
		t.Fatalf("populations create: %q", r.stdout)
	}
	if r := ok("populations", "get", pop.ID, "-o", "csv", "--columns", "name"); r.stdout != "name\nImported\n" {
		t.Errorf("populations get: %q", r.stdout)
	}

	// The import: 1,000 users, under write faults and a rate limit.
	const n = 1000
	var csvData strings.Builder
	csvData.WriteString("username,email,name.given,name.family\n")
	for i := range n {
		fmt.Fprintf(&csvData, "e2e%04d,e2e%04d@example.com,Given,User%d\n", i, i, i)
	}
	file := filepath.Join(dir, "users.csv")
	if err := os.WriteFile(file, []byte(csvData.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	r = ok("users", "import", file, "--population", pop.ID, "-o", "json", "--debug")
	first := summaryOf(t, r)
	// The faults happened: creates whose answer was lost were found by
	// their username, creates that never arrived were sent again.
	recovered, resent := strings.Count(r.stderr, `msg="pingone create recovered"`), strings.Count(r.stderr, `msg="pingone create sent again"`)
	t.Logf("first import: %+v in %s; %d creates recovered after a lost answer, %d sent again", first, time.Since(start).Round(time.Millisecond), recovered, resent)
	if recovered == 0 || resent == 0 {
		t.Errorf("no fault was injected: %d recovered, %d sent again", recovered, resent)
	}
	if strings.Contains(r.stderr, "Bearer") || strings.Contains(r.stderr, info.AdminPassword) {
		t.Errorf("--debug logged a secret")
	}
	if first != (importResult{Rows: n, Created: n}) {
		t.Errorf("first import: %+v, want %d created", first, n)
	}
	start = time.Now()
	second := summaryOf(t, ok("users", "import", file, "--population", pop.ID, "-o", "json"))
	t.Logf("second import: %+v in %s", second, time.Since(start).Round(time.Millisecond))
	if second != (importResult{Rows: n, Skipped: n}) {
		t.Errorf("second import: %+v, want %d skipped", second, n)
	}

	// Every user once: none lost, none duplicated.
	r = ok("users", "export", "--format", "ndjson", "--filter", `population.id eq "`+pop.ID+`"`)
	count := map[string]int{}
	for l := range strings.SplitSeq(strings.TrimSpace(r.stdout), "\n") {
		var u struct{ Username string }
		if err := json.Unmarshal([]byte(l), &u); err != nil {
			t.Fatalf("export line %q: %v", l, err)
		}
		count[u.Username]++
	}
	lost, duplicated := 0, 0
	for i := range n {
		switch c := count[fmt.Sprintf("e2e%04d", i)]; {
		case c == 0:
			lost++
		case c > 1:
			duplicated += c - 1
		}
	}
	t.Logf("exported %d users: lost %d, duplicated %d", len(count), lost, duplicated)
	if lost != 0 || duplicated != 0 || len(count) != n {
		t.Errorf("lost %d, duplicated %d, %d usernames", lost, duplicated, len(count))
	}

	// Exit codes and confirmation through the real process.
	if r := pingone("populations", "get", "00000000-0000-4000-8000-000000000000"); r.code != exitNotFound {
		t.Errorf("missing population: exit %d", r.code)
	}
	if r := pingone("populations", "delete", pop.ID); r.code != exitNotConfirmed {
		t.Errorf("delete without --yes: exit %d", r.code)
	}
	if r := pingone("users", "frobnicate"); r.code != exitUsage {
		t.Errorf("unknown command: exit %d", r.code)
	}
	ok("logout")
	if r := pingone("users", "list"); r.code != exitAuth {
		t.Errorf("after logout: exit %d", r.code)
	}
}

func summaryOf(t *testing.T, r result) importResult {
	t.Helper()
	var s importResult
	if err := json.Unmarshal([]byte(r.stdout), &s); err != nil {
		t.Fatalf("summary %q: %v", r.stdout, err)
	}
	return s
}
