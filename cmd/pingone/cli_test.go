package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pingone-go/pingone/actions"
	"github.com/pingone-go/pingone/pingonetest"
)

func TestHelpListsFamilies(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	r := c.ok("--help")
	for _, act := range actions.All() {
		if cmd := familyOf(act.Family).command; !strings.Contains(r.stdout, "\n  "+cmd+" ") {
			t.Errorf("--help does not list family %s (%s)", act.Family, cmd)
		}
	}
	for _, cmd := range []string{"login", "logout", "whoami", "config", "call", "actions", "completion"} {
		if !strings.Contains(r.stdout, "\n  "+cmd+" ") {
			t.Errorf("--help does not list %s", cmd)
		}
	}
	if r.stderr != "" {
		t.Errorf("--help wrote to stderr: %q", r.stderr)
	}
}

// TestEveryActionHasACommand checks that each action of the catalogue
// has a friendly command and that its help names the action.
func TestEveryActionHasACommand(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	seen := map[string]string{}
	a := &app{}
	a.rootCommand()
	for _, act := range actions.All() {
		cmd := a.commandOf[act.Name]
		if cmd == "" {
			t.Errorf("%s: no command", act.Name)
			continue
		}
		if other, dup := seen[cmd]; dup {
			t.Errorf("%s and %s are both %q", act.Name, other, cmd)
		}
		seen[cmd] = act.Name
		r := c.ok(append(strings.Fields(cmd), "--help")...)
		if !strings.Contains(r.stdout, "Action "+act.Name+": "+act.Method+" "+act.Path) {
			t.Errorf("pingone %s --help does not name %s", cmd, act.Name)
		}
	}
}

func TestSubcommandNames(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ family, action, want string }{
		{"users", "list_users", "list"},
		{"users", "add_user_to_group", "add-to-group"},
		{"users", "get_user_group_membership", "get-group-membership"},
		{"groups", "add_group_to_group", "add-to-group"},
		{"groups", "list_group_nested_groups", "list-nested-groups"},
		{"mfa", "list_user_mfa_devices", "list-devices"},
		{"identityproviders", "create_identity_provider_attribute", "create-attribute"},
		{"signonpolicies", "list_sign_on_policies", "list"},
		{"userinfo", "get_current_user_info", "get"},
		{"newfamily", "list_newfamily", "list"},
		{"users", "users", "users"}, // nothing left: the whole name
	} {
		if got := subcommandName(familyOf(tc.family), tc.action); got != tc.want {
			t.Errorf("subcommandName(%s, %s) = %q, want %q", tc.family, tc.action, got, tc.want)
		}
	}
	for in, want := range map[string]string{"userID": "user-id", "mfaEnabled": "mfa-enabled", "filter": "filter", "SOPAssignmentID": "sop-assignment-id", "a_b": "a-b"} {
		if got := kebab(in); got != want {
			t.Errorf("kebab(%q) = %q, want %q", in, got, want)
		}
	}
}

// goldenCLI is a server whose IDs and times are the same on each run,
// with two populations and a user made through the command line.
func goldenCLI(t *testing.T) (*cli, string) {
	c := newCLI(t, pingonetest.WithSeed(3), pingonetest.WithClock(func() time.Time { return fixedNow }))
	c.ok("populations", "create", "--name", "Contractors", "--description", "People on contract", "-o", "json")
	r := c.ok("populations", "create", "--body", `{"name": "Partners", "description": "From\tother\ncompanies"}`, "-o", "json")
	var pop struct{ ID string }
	if err := json.Unmarshal([]byte(r.stdout), &pop); err != nil || pop.ID == "" {
		t.Fatalf("create printed %q (%v)", r.stdout, err)
	}
	c.ok("users", "create", "--username", "grace", "--email", "grace@example.com", "--name-given", "Grace", "--name-family", "Hopper", "--population-id", pop.ID, "-o", "json")
	return c, pop.ID
}

func TestGoldenOutputs(t *testing.T) {
	t.Parallel()
	c, popID := goldenCLI(t)
	for _, format := range outputFormats {
		for _, tc := range []struct {
			name string
			args []string
		}{
			{"populations-list", []string{"populations", "list"}},
			{"populations-get", []string{"populations", "get", popID}},
			{"users-list", []string{"users", "list", "--filter", `username eq "grace"`}},
			{"users-list-columns", []string{"users", "list", "--columns", "username,name.given,population.id", "--filter", `username eq "grace"`}},
			{"call-list-populations", []string{"call", "list_populations"}},
			{"populations-list-empty", []string{"populations", "list", "--filter", `name sw "Nobody"`}},
		} {
			r := c.run(append(tc.args, "-o", format)...)
			if r.code != 0 {
				t.Errorf("%s -o %s: exit %d: %s", tc.name, format, r.code, r.stderr)
				continue
			}
			if r.stderr != "" {
				t.Errorf("%s -o %s: stderr %q", tc.name, format, r.stderr)
			}
			golden(t, tc.name+"."+format, c.normalize(r.stdout))
		}
	}
}

// TestDefaultOutput: a table on a terminal, JSON in a pipe.
func TestDefaultOutput(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	pipe := c.ok("populations", "list")
	if !strings.HasPrefix(pipe.stdout, "[\n") {
		t.Errorf("in a pipe: %q, want JSON", pipe.stdout)
	}
	tty := c.runWith(testRun{outTTY: true}, "populations", "list")
	if !strings.HasPrefix(tty.stdout, "ID ") || !strings.Contains(tty.stdout, "Default") {
		t.Errorf("on a terminal: %q, want a table", tty.stdout)
	}
}

func TestExitCodes(t *testing.T) {
	t.Parallel()
	c := newCLI(t,
		pingonetest.WithScript("GET /v1/environments/*/users/*/password", 500, 500, 500),
		pingonetest.WithScript("GET /v1/environments/*/users/*/population", 429, 429, 429),
	)
	missing := "00000000-0000-4000-8000-000000000000"
	for _, tc := range []struct {
		name string
		env  map[string]string // laid over the worker's
		args []string
		want int
		say  string // in stderr
	}{
		{"ok", nil, []string{"populations", "list"}, exitOK, ""},
		{"unknown command", nil, []string{"nope"}, exitUsage, `unknown command "nope"`},
		{"unknown subcommand", nil, []string{"users", "nope"}, exitUsage, `unknown command "nope" for "pingone users"`},
		{"unknown flag", nil, []string{"users", "list", "--nope"}, exitUsage, "unknown flag: --nope"},
		{"missing argument", nil, []string{"populations", "get"}, exitUsage, "missing argument <populationID>"},
		{"bad output format", nil, []string{"populations", "list", "-o", "xml"}, exitUsage, `unknown output format "xml"`},
		{"bad filter", nil, []string{"users", "list", "--filter", "username sw"}, exitUsage, "/filter"},
		{"bad JSON", nil, []string{"call", "get_user", "--input", "{"}, exitUsage, "not valid JSON"},
		{"input refused", nil, []string{"call", "create_population", "--input", `{"body": {}}`}, exitUsage, "/body"},
		{"unknown action", nil, []string{"call", "nope"}, exitUsage, `no action "nope"`},
		{"PingOne says 400", nil, []string{"populations", "create", "--name", "Default"}, exitUsage, "400"},
		{"not found", nil, []string{"populations", "get", missing}, exitNotFound, "404"},
		{"not signed in", map[string]string{"PINGONE_CLIENT_ID": "", "PINGONE_CLIENT_SECRET": ""}, []string{"populations", "list"}, exitAuth, "not signed in"},
		{"bad secret", map[string]string{"PINGONE_CLIENT_SECRET": "wrong"}, []string{"populations", "list"}, exitAuth, "invalid_client"},
		{"userinfo with a worker", nil, []string{"userinfo", "get"}, exitAuth, "signed-in user"},
		{"server error", nil, []string{"users", "get-password-metadata", missing}, exitServer, "500"},
		{"rate limited", nil, []string{"users", "get-population", missing}, exitRateLimited, "429"},
		{"destructive in a script", nil, []string{"populations", "delete", missing}, exitNotConfirmed, "--yes"},
		{"no environment", map[string]string{"PINGONE_ENVIRONMENT_ID": ""}, []string{"populations", "list"}, exitUsage, "PINGONE_ENVIRONMENT_ID"},
	} {
		saved := c.env
		c.env = map[string]string{}
		for k, v := range saved {
			c.env[k] = v
		}
		for k, v := range tc.env {
			c.env[k] = v
		}
		r := c.run(tc.args...)
		c.env = saved
		if r.code != tc.want {
			t.Errorf("%s: pingone %s: exit %d, want %d\nstderr: %s", tc.name, strings.Join(tc.args, " "), r.code, tc.want, r.stderr)
		}
		if !strings.Contains(r.stderr, tc.say) {
			t.Errorf("%s: stderr %q does not say %q", tc.name, r.stderr, tc.say)
		}
		if tc.want != exitOK && r.stdout != "" {
			t.Errorf("%s: stdout %q, want nothing", tc.name, r.stdout)
		}
	}
}

func TestExitCodesHelp(t *testing.T) {
	t.Parallel()
	r := newCLI(t).ok("exit-codes")
	for _, code := range []int{exitOK, exitError, exitUsage, exitNotFound, exitAuth, exitRateLimited, exitServer, exitNotConfirmed, exitPartial, exitInterrupted} {
		if !strings.Contains(r.stdout, "\n  "+strconv.Itoa(code)+" ") {
			t.Errorf("pingone exit-codes does not document %d", code)
		}
	}
}

func TestDestructiveNeedsConfirmation(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	create := func(name string) string {
		r := c.ok("populations", "create", "--name", name, "-o", "json")
		var p struct{ ID string }
		_ = json.Unmarshal([]byte(r.stdout), &p)
		return p.ID
	}
	exists := func(id string) bool { return c.run("populations", "get", id).code == exitOK }
	terminal := testRun{inTTY: true, errTTY: true}

	id := create("Doomed")
	// A script (no terminal): refused without --yes, nothing sent.
	if r := c.run("populations", "delete", id); r.code != exitNotConfirmed || !exists(id) {
		t.Fatalf("delete in a script: exit %d, exists %v", r.code, exists(id))
	}
	// Declined at the prompt.
	terminal.stdin = "n\n"
	r := c.runWith(terminal, "populations", "delete", id)
	if r.code != exitNotConfirmed || !exists(id) || !strings.Contains(r.stderr, "Delete Population "+id) || !strings.Contains(r.stderr, "[y/N]") {
		t.Fatalf("declined: exit %d, exists %v, stderr %q", r.code, exists(id), r.stderr)
	}
	// stdin read as input cannot answer the prompt.
	terminal.stdin = `{"populationID": "` + id + `"}`
	if r := c.runWith(terminal, "call", "delete_population", "--input", "-"); r.code != exitNotConfirmed || !exists(id) {
		t.Fatalf("input from stdin: exit %d, exists %v", r.code, exists(id))
	}
	// Confirmed.
	terminal.stdin = "y\n"
	if r := c.runWith(terminal, "populations", "delete", id); r.code != exitOK || exists(id) {
		t.Fatalf("confirmed: exit %d (%s), exists %v", r.code, r.stderr, exists(id))
	}
	// --yes in a script, with no prompt.
	id = create("Doomed too")
	if r := c.run("populations", "delete", id, "--yes"); r.code != exitOK || exists(id) || strings.Contains(r.stderr, "[y/N]") {
		t.Fatalf("--yes: exit %d, exists %v, stderr %q", r.code, exists(id), r.stderr)
	}
	// Non-destructive writes ask nothing.
	if r := c.run("populations", "create", "--name", "Fine"); r.code != exitOK {
		t.Fatalf("create: exit %d", r.code)
	}
}

func TestCallInput(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	r := c.ok("call", "create_population", "--input", `{"body": {"name": "Via call"}}`, "-o", "ndjson")
	var p struct{ ID, Name string }
	if err := json.Unmarshal([]byte(r.stdout), &p); err != nil || p.Name != "Via call" {
		t.Fatalf("create: %q (%v)", r.stdout, err)
	}
	file := filepath.Join(t.TempDir(), "in.json")
	if err := os.WriteFile(file, []byte(`{"populationID": "`+p.ID+`"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"call", "get_population", "--input", "@" + file, "--columns", "name", "-o", "csv"},
	} {
		if r := c.ok(args...); r.stdout != "name\nVia call\n" {
			t.Errorf("%v: %q", args, r.stdout)
		}
	}
	r = c.runWith(testRun{stdin: `{"populationID": "` + p.ID + `"}`}, "call", "get_population", "--input", "-", "--columns", "id", "-o", "csv")
	if r.code != 0 || r.stdout != "id\n"+p.ID+"\n" {
		t.Errorf("--input -: exit %d, %q", r.code, r.stdout)
	}
	// A list through call: the page object, or with --all the items.
	r = c.ok("call", "list_populations", "--input", `{"limit": 1}`, "-o", "json")
	var page struct {
		Items      []json.RawMessage `json:"items"`
		NextCursor string            `json:"next_cursor"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &page); err != nil || len(page.Items) != 1 || page.NextCursor == "" {
		t.Errorf("list page: %q (%v)", r.stdout, err)
	}
	r = c.ok("call", "list_populations", "--input", `{"limit": 1}`, "--all", "-o", "ndjson")
	if n := strings.Count(r.stdout, "\n"); n != 2 {
		t.Errorf("--all: %d items, want 2:\n%s", n, r.stdout)
	}
}

func TestListPaging(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	for i := range 5 {
		c.ok("populations", "create", "--name", "P"+strconv.Itoa(i))
	}
	// One page: the items, and on stderr how to go on.
	r := c.ok("populations", "list", "--limit", "2", "-o", "ndjson")
	if n := strings.Count(r.stdout, "\n"); n != 2 || !strings.Contains(r.stderr, "--all") {
		t.Errorf("one page: %d items; stderr %q", n, r.stderr)
	}
	// Every page.
	r = c.ok("populations", "list", "--limit", "2", "--all", "-o", "csv", "--columns", "name")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 7 || lines[0] != "name" || r.stderr != "" {
		t.Errorf("--all: %q, stderr %q", r.stdout, r.stderr)
	}
	names := lines[1:]
	slices.Sort(names)
	if !slices.Equal(names, []string{"Default", "P0", "P1", "P2", "P3", "P4"}) {
		t.Errorf("--all: names %v", names)
	}
}

// TestProgressBar: on stderr when stderr is a terminal, never in a pipe.
func TestProgressBar(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	for i := range 3 {
		c.ok("populations", "create", "--name", "Q"+strconv.Itoa(i))
	}
	pipe := c.ok("populations", "list", "--limit", "1", "--all", "-o", "ndjson")
	if pipe.stderr != "" {
		t.Errorf("in a pipe, stderr: %q", pipe.stderr)
	}
	tty := c.runWith(testRun{errTTY: true}, "populations", "list", "--limit", "1", "--all", "-o", "ndjson")
	if tty.code != 0 || !strings.Contains(tty.stderr, "\rlisting populations: 4 items") || !strings.HasSuffix(tty.stderr, "\n") {
		t.Errorf("on a terminal, stderr: %q", tty.stderr)
	}
	if tty.stdout != pipe.stdout {
		t.Errorf("the bar changed stdout:\n%s\nvs\n%s", tty.stdout, pipe.stdout)
	}
}

func TestProgressLine(t *testing.T) {
	t.Parallel()
	p := &progress{label: "importing users", unit: "rows", width: 80}
	p.total.Store(1000)
	p.done.Store(412)
	got := p.line(12 * time.Second)
	want := "importing users [===============>                      ] 412/1000 rows  41% 12s"
	if got != want {
		t.Errorf("line:\n%q\nwant\n%q", got, want)
	}
	p.total.Store(0)
	if got := p.line(3 * time.Second); got != "importing users: 412 rows  3s" {
		t.Errorf("no total: %q", got)
	}
	p.total.Store(10)
	p.width = 20 // too narrow for a bar
	if got := p.line(time.Second); got != "importing users 10/10 rows 100% 1s" {
		t.Errorf("narrow: %q", got)
	}
}

func TestCompletion(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		if r := c.ok("completion", shell); !strings.Contains(r.stdout, "pingone") {
			t.Errorf("completion %s: %q", shell, r.stdout[:min(len(r.stdout), 200)])
		}
	}
	r := c.ok("__complete", "call", "list_po")
	if !strings.Contains(r.stdout, "list_populations\tList Populations") {
		t.Errorf("action names: %q", r.stdout)
	}
	r = c.ok("__complete", "users", "li")
	if !strings.Contains(r.stdout, "list\t") || !strings.Contains(r.stdout, "list-groups\t") {
		t.Errorf("subcommands: %q", r.stdout)
	}
	r = c.ok("__complete", "users", "list", "-o", "")
	for _, f := range outputFormats {
		if !strings.Contains(r.stdout, f+"\n") {
			t.Errorf("output formats: %q lacks %s", r.stdout, f)
		}
	}
}

func TestActionsList(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	r := c.ok("actions", "-o", "csv", "--columns", "name,command,destructive")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != len(actions.All())+1 || lines[0] != "name,command,destructive" || !slices.Contains(lines, "delete_user,users delete,true") {
		t.Errorf("actions: %d lines:\n%s", len(lines), r.stdout)
	}
	r = c.ok("actions", "describe", "list_users")
	var d struct {
		Command string
		Hints   map[string]bool
		Input   map[string]any `json:"inputSchema"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &d); err != nil || d.Command != "pingone users list" || !d.Hints["readOnly"] || d.Input["properties"] == nil {
		t.Errorf("describe: %+v (%v)", d, err)
	}
	if r := c.run("actions", "describe", "nope"); r.code != exitUsage {
		t.Errorf("describe nope: exit %d", r.code)
	}
}
