package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/pingonetest"
)

// signedOut returns the test's environment without the worker's
// credentials: commands must use the profile's sign-in.
func signedOut(c *cli) {
	for _, k := range []string{"PINGONE_CLIENT_ID", "PINGONE_CLIENT_SECRET", "PINGONE_ENVIRONMENT_ID", "PINGONE_API_URL", "PINGONE_AUTH_URL"} {
		delete(c.env, k)
	}
}

func (c *cli) loginArgs() []string {
	return []string{"login", "--api-url", c.srv.APIURL(), "--auth-url", c.srv.AuthURL(),
		"--sign-in-environment", c.srv.EnvironmentID(), "--client-id", c.srv.CLIClientID()}
}

func TestLoginInTheBrowser(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	signedOut(c)
	admin := c.srv.Admin()

	// Nothing works before the sign-in.
	if r := c.run("users", "list"); r.code != exitAuth || !strings.Contains(r.stderr, "run pingone login") {
		t.Fatalf("before login: exit %d, %q", r.code, r.stderr)
	}

	var opened []string
	browser := func(u string) error {
		opened = append(opened, u)
		return pingonetest.SubmitSignIn(t.Context(), u, admin.Username, admin.Password)
	}
	r := c.runWith(testRun{openBrowser: browser}, c.loginArgs()...)
	if r.code != 0 {
		t.Fatalf("login: exit %d: %s", r.code, r.stderr)
	}
	if len(opened) != 1 || !strings.Contains(opened[0], "code_challenge_method=S256") || !strings.Contains(r.stderr, opened[0]) {
		t.Fatalf("login opened %q; stderr %q", opened, r.stderr)
	}
	if !strings.Contains(r.stderr, `Signed in as admin (profile "default")`) || r.stdout != "" {
		t.Errorf("login said %q, stdout %q", r.stderr, r.stdout)
	}

	// The token is in its own file, readable by the owner only; the
	// config holds no token.
	tokenFile := filepath.Join(c.dir, "tokens", "default.json")
	fi, err := os.Stat(tokenFile)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("token file: %v, mode %v", err, fi)
	}
	tok, _ := pingone.FileTokenStore{Path: tokenFile}.Load(t.Context())
	cfg, _ := os.ReadFile(filepath.Join(c.dir, "config.json"))
	if tok == nil || tok.RefreshToken == "" || strings.Contains(string(cfg), tok.AccessToken) || strings.Contains(string(cfg), tok.RefreshToken) {
		t.Fatalf("token %v; config %s", tok != nil, cfg)
	}

	// Later runs use the stored token.
	r = c.ok("whoami", "-o", "json")
	var who struct {
		Username string `json:"preferred_username"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &who); err != nil || who.Username != admin.Username {
		t.Errorf("whoami: %q (%v)", r.stdout, err)
	}
	if r := c.ok("users", "list", "-o", "table"); !strings.Contains(r.stdout, "USERNAME") || !strings.Contains(r.stdout, admin.Username) {
		t.Errorf("users list: %q", r.stdout)
	}

	// When PingOne no longer takes the access token, the refresh token
	// renews it, and the new one is stored.
	c.srv.ExpireTokens()
	c.ok("populations", "list")
	tok2, _ := pingone.FileTokenStore{Path: tokenFile}.Load(t.Context())
	if tok2 == nil || tok2.AccessToken == tok.AccessToken || tok2.RefreshToken == tok.RefreshToken {
		t.Errorf("the renewed token was not stored")
	}
	c.ok("populations", "list") // and it works on the next run

	// A stored token past its expiry is renewed before it is sent.
	tok2.Expiry = time.Now().Add(-time.Minute)
	if err := (pingone.FileTokenStore{Path: tokenFile}).Save(t.Context(), tok2); err != nil {
		t.Fatal(err)
	}
	c.ok("populations", "list")
	tok3, _ := pingone.FileTokenStore{Path: tokenFile}.Load(t.Context())
	if tok3 == nil || tok3.AccessToken == tok2.AccessToken || !tok3.Expiry.After(time.Now()) {
		t.Errorf("the expired token was not renewed")
	}

	// Logout forgets the token; the profile stays for the next login.
	if r := c.ok("logout"); !strings.Contains(r.stderr, "Signed out") {
		t.Errorf("logout: %q", r.stderr)
	}
	if _, err := os.Stat(tokenFile); !os.IsNotExist(err) {
		t.Errorf("token file after logout: %v", err)
	}
	if r := c.run("whoami"); r.code != exitAuth {
		t.Errorf("whoami after logout: exit %d", r.code)
	}
	if r := c.ok("config", "get", "client-id"); strings.TrimSpace(r.stdout) != c.srv.CLIClientID() {
		t.Errorf("client-id after logout: %q", r.stdout)
	}
	// Signing in again needs no flags.
	if r := c.runWith(testRun{openBrowser: browser}, "login"); r.code != 0 {
		t.Fatalf("second login: exit %d: %s", r.code, r.stderr)
	}
	c.ok("whoami")
}

var authorizeURL = regexp.MustCompile(`http://\S+/as/authorize\?\S+`)

func TestLoginNoBrowser(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	signedOut(c)
	admin := c.srv.Admin()
	done := make(chan error, 1)
	printed := ""
	r := c.runWith(testRun{
		openBrowser: func(string) error { t.Error("--no-browser opened a browser"); return nil },
		onStderr: func(s string) {
			// The person copies the URL into a browser.
			if u := authorizeURL.FindString(s); u != "" && printed == "" {
				printed = u
				go func() { done <- pingonetest.SubmitSignIn(t.Context(), u, admin.Username, admin.Password) }()
			}
		},
	}, append(c.loginArgs(), "--no-browser")...)
	if r.code != 0 || printed == "" {
		t.Fatalf("login --no-browser: exit %d, url %q: %s", r.code, printed, r.stderr)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(r.stderr, "Open this URL in a browser") {
		t.Errorf("stderr: %q", r.stderr)
	}
	c.ok("whoami")
}

func TestLoginRefused(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	signedOut(c)
	browser := func(u string) error { return pingonetest.SubmitSignIn(t.Context(), u, "admin", "wrong") }
	args := append(c.loginArgs(), "--timeout", "300ms")
	r := c.runWith(testRun{openBrowser: browser}, args...)
	// A wrong password: the sign-in page says so and the callback never
	// comes; the login gives up at its timeout.
	if r.code != exitAuth || !strings.Contains(r.stderr, "no sign-in within") {
		t.Errorf("wrong password: exit %d, %q", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(c.dir, "config.json")); !os.IsNotExist(err) {
		t.Errorf("a failed login saved the profile: %v", err)
	}
	for _, tc := range []struct {
		args []string
		say  string
	}{
		{[]string{"login", "--client-id", "x"}, "--sign-in-environment"},
		{[]string{"login", "--sign-in-environment", "x"}, "--client-id"},
		{[]string{"login", "--region", "mars", "--sign-in-environment", "x", "--client-id", "y"}, `unknown region "mars"`},
		{[]string{"login", "--api-url", "ftp://x", "--auth-url", "http://y", "--sign-in-environment", "x", "--client-id", "y"}, "--api-url"},
		{[]string{"login", "--api-url", "http://x/v1", "--sign-in-environment", "x", "--client-id", "y"}, "together"},
		{[]string{"login", "--client-credentials"}, "PINGONE_CLIENT_SECRET"},
		{[]string{"login", "--profile", "../x"}, "bad profile name"},
	} {
		if r := c.run(tc.args...); r.code != exitUsage || !strings.Contains(r.stderr, tc.say) {
			t.Errorf("%v: exit %d, %q", tc.args, r.code, r.stderr)
		}
	}
}

func TestLoginClientCredentials(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	secret := c.srv.Worker().ClientSecret
	r := c.run("login", "--client-credentials", "--profile", "ci")
	if r.code != 0 || !strings.Contains(r.stderr, "Signed in as worker "+c.srv.Worker().ClientID) {
		t.Fatalf("login: exit %d, %q", r.code, r.stderr)
	}
	// The secret is written nowhere.
	_ = filepath.WalkDir(c.dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(path)
			if strings.Contains(string(data), secret) {
				t.Errorf("%s holds the client secret", path)
			}
		}
		return nil
	})
	// Without the variables, the profile's stored token serves.
	signedOut(c)
	c.ok("--profile", "ci", "populations", "list")
	r = c.ok("whoami", "--profile", "ci", "-o", "json")
	if !strings.Contains(r.stdout, `"type": "worker"`) {
		t.Errorf("whoami: %q", r.stdout)
	}
	// The profile is the current one (the first saved).
	c.ok("populations", "list")
	// With the secret back, fresh tokens come from it.
	c.env["PINGONE_CLIENT_SECRET"] = secret
	c.srv.ExpireTokens()
	c.ok("populations", "list")
	// A wrong secret is refused at login.
	c.env["PINGONE_CLIENT_SECRET"] = "wrong"
	if r := c.run("login", "--client-credentials", "--profile", "ci"); r.code != exitAuth {
		t.Errorf("wrong secret: exit %d, %q", r.code, r.stderr)
	}
}

func TestProfiles(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	signedOut(c)
	c.ok("config", "set", "region", "eu", "--profile", "eu")
	c.ok("config", "set", "sign-in-environment", "env-1", "--profile", "eu")
	c.ok("config", "set", "scopes", "openid,profile", "--profile", "eu")
	c.ok("config", "set", "region", "com", "--profile", "us")
	if r := c.run("config", "set", "region", "mars", "--profile", "us"); r.code != exitUsage {
		t.Errorf("bad region: exit %d", r.code)
	}
	if r := c.run("config", "set", "colour", "blue"); r.code != exitUsage || !strings.Contains(r.stderr, "unknown key") {
		t.Errorf("bad key: exit %d %q", r.code, r.stderr)
	}
	if r := c.ok("config", "get", "region", "--profile", "eu"); r.stdout != "eu\n" {
		t.Errorf("get region: %q", r.stdout)
	}
	// The first profile saved is the current one; use switches.
	if r := c.ok("config", "get", "region"); r.stdout != "eu\n" {
		t.Errorf("current: %q", r.stdout)
	}
	c.ok("config", "use", "us")
	if r := c.ok("config", "get", "region"); r.stdout != "com\n" {
		t.Errorf("after use: %q", r.stdout)
	}
	c.env["PINGONE_PROFILE"] = "eu"
	if r := c.ok("config", "get", "region"); r.stdout != "eu\n" {
		t.Errorf("PINGONE_PROFILE: %q", r.stdout)
	}
	delete(c.env, "PINGONE_PROFILE")
	r := c.ok("config", "list", "-o", "csv")
	if r.stdout != "profile,current,auth,region,signInEnvironment,environment,clientID\neu,false,,eu,env-1,,\nus,true,,com,,,\n" {
		t.Errorf("config list:\n%s", r.stdout)
	}
	c.ok("config", "unset", "region", "--profile", "us")
	c.ok("config", "delete", "eu")
	if r := c.run("config", "use", "eu"); r.code != exitUsage {
		t.Errorf("use of a deleted profile: exit %d", r.code)
	}
	if r := c.ok("config", "path"); r.stdout != filepath.Join(c.dir, "config.json")+"\n" {
		t.Errorf("path: %q", r.stdout)
	}
}
