package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/pingonetest"
)

// writeCSV writes rows (the first is the header) to a file.
func writeCSV(t *testing.T, path string, rows [][]string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(f)
	_ = w.WriteAll(rows)
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func summary(t *testing.T, r result) importResult {
	t.Helper()
	var s importResult
	if err := json.Unmarshal([]byte(r.stdout), &s); err != nil {
		t.Fatalf("summary %q: %v\nstderr: %s", r.stdout, err, r.stderr)
	}
	return s
}

// usernames lists the environment's users by username, with how many
// users have each.
func usernames(t *testing.T, c *cli) map[string]int {
	t.Helper()
	r := c.ok("users", "export", "--format", "csv", "--columns", "username")
	rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, row := range rows[1:] {
		got[strings.ToLower(row[0])]++
	}
	return got
}

func TestImport(t *testing.T) {
	t.Parallel()
	users := "POST /v1/environments/*/users"
	c := newCLI(t,
		pingonetest.WithFailAfterWrite(pingonetest.WriteFailure{Route: users, Answer: pingonetest.Answer502, Rate: 0.1}),
		pingonetest.WithFailBeforeWrite(pingonetest.WriteFailure{Route: users, Answer: pingonetest.AnswerReset, Times: 3}),
	)
	// A lost create is looked up for this long before it is sent again.
	c.opts = append(c.opts, pingone.WithReadAfterWriteWindow(100*time.Millisecond))
	r := c.ok("populations", "create", "--name", "Imported", "-o", "json")
	var pop struct{ ID string }
	_ = json.Unmarshal([]byte(r.stdout), &pop)

	dir := t.TempDir()
	file := filepath.Join(dir, "users.csv")
	rows := [][]string{{"username", "email", "name.given", "name.family", "mfaEnabled", "password", "id"}}
	const good = 300
	for i := range good {
		rows = append(rows, []string{fmt.Sprintf("user%03d", i), fmt.Sprintf("user%03d@example.com", i), "Given", fmt.Sprint(i), "false", "", "ignored-id"})
	}
	rows = append(rows,
		[]string{"", "nobody@example.com", "", "", "", "", ""},                         // no username: refused here
		[]string{"bad-email", "not an email", "", "", "", "", ""},                      // refused by PingOne
		[]string{"bad-bool", "bad-bool@example.com", "", "", "maybe", "", ""},          // refused here
		[]string{"with-password", "pw@example.com", "", "", "", " s3cret Pass!1 ", ""}, // created with a password
	)
	writeCSV(t, file, rows)

	r = c.run("users", "import", file, "--population", pop.ID, "-o", "json")
	s := summary(t, r)
	failures := filepath.Join(dir, "users.failures.csv")
	want := importResult{Rows: good + 4, Created: good + 1, Skipped: 0, Failed: 3, Failures: failures}
	if r.code != exitPartial || s != want {
		t.Fatalf("first run: exit %d, %+v, want %+v\nstderr: %s", r.code, s, want, r.stderr)
	}
	if strings.Contains(r.stderr, "\r") || strings.Contains(r.stderr, "s3cret") {
		t.Errorf("stderr in a pipe: %q", r.stderr)
	}
	if !strings.Contains(r.stderr, fmt.Sprintf("%d rows, %d created, 0 skipped (already there), 3 failed", good+4, good+1)) {
		t.Errorf("stderr summary: %q", r.stderr)
	}
	failed := readCSV(t, failures)
	if len(failed) != 4 || !slices.Equal(failed[0], append(slices.Clone(rows[0]), "import_error")) {
		t.Fatalf("failures file: %q", failed)
	}
	for i, want := range []string{"username is empty", "email", "mfaEnabled: \"maybe\" is not true or false"} {
		if !strings.Contains(failed[i+1][7], want) || !slices.Equal(failed[i+1][:7], rows[good+1+i]) {
			t.Errorf("failure %d: %q, want the row and %q", i, failed[i+1], want)
		}
	}
	if fi, _ := os.Stat(failures); fi.Mode().Perm() != 0o600 {
		t.Errorf("failures file mode %v", fi.Mode())
	}

	// Every user once: none lost, none duplicated, in the population.
	names := usernames(t, c)
	for i := range good {
		if n := names[fmt.Sprintf("user%03d", i)]; n != 1 {
			t.Errorf("user%03d: %d users", i, n)
		}
	}
	if names["with-password"] != 1 {
		t.Errorf("with-password: %d users", names["with-password"])
	}
	r = c.ok("users", "list", "--filter", `population.id eq "`+pop.ID+`"`, "--all", "-o", "ndjson")
	if n := strings.Count(r.stdout, "\n"); n != good+1 {
		t.Errorf("%d users in the population, want %d", n, good+1)
	}
	stats := c.srv.Stats()
	if got := stats.Writes["/environments/{envID}/users"].Creates; got != good+1 {
		t.Errorf("the server created %d users, want %d (stats %+v)", got, good+1, stats.Writes)
	}

	// A second run creates nothing and sends no create for the users
	// that exist.
	c.srv.ResetStats()
	r = c.run("users", "import", file, "--population", pop.ID, "-o", "json")
	if s := summary(t, r); r.code != exitPartial || s.Created != 0 || s.Skipped != good+1 || s.Failed != 3 {
		t.Errorf("second run: exit %d, %+v", r.code, s)
	}
	if got := c.srv.Stats().Requests["POST /v1/environments/{envID}/users"]; got != 1 {
		t.Errorf("second run sent %d creates, want 1 (the bad email)", got)
	}

	// Fix the failures file and import it: the rest are created, and the
	// failures file goes.
	failed[1][0], failed[2][1], failed[3][4] = "nobody", "bad-email@example.com", "true"
	writeCSV(t, failures, failed)
	r = c.run("users", "import", failures, "--failures", failures, "-o", "json")
	if s := summary(t, r); r.code != 0 || s != (importResult{Rows: 3, Created: 3}) {
		t.Errorf("fixed run: exit %d, %+v: %s", r.code, s, r.stderr)
	}
	if _, err := os.Stat(failures); !os.IsNotExist(err) {
		t.Errorf("the failures file stayed: %v", err)
	}
	if r := c.ok("users", "list", "--filter", `username eq "bad-bool"`, "--columns", "mfaEnabled", "-o", "csv"); r.stdout != "mfaEnabled\ntrue\n" {
		t.Errorf("bad-bool: %q", r.stdout)
	}
}

func TestImportInput(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	dir := t.TempDir()
	noUsername := filepath.Join(dir, "a.csv")
	writeCSV(t, noUsername, [][]string{{"email"}, {"a@example.com"}})
	twice := filepath.Join(dir, "b.csv")
	writeCSV(t, twice, [][]string{{"username", "username"}, {"a", "b"}})
	empty := filepath.Join(dir, "c.csv")
	writeCSV(t, empty, nil)
	for _, tc := range []struct {
		args []string
		say  string
	}{
		{[]string{"users", "import", noUsername}, "no username column"},
		{[]string{"users", "import", twice}, "appears twice"},
		{[]string{"users", "import", empty}, "no CSV header"},
		{[]string{"users", "import", filepath.Join(dir, "missing.csv")}, "no such file"},
		{[]string{"users", "import", noUsername, "--concurrency", "0"}, "--concurrency"},
		{[]string{"users", "import"}, "missing argument"},
		{[]string{"users", "export", "--format", "xml"}, "--format"},
		{[]string{"users", "export", "--filter", "username sw"}, "--filter"},
	} {
		if r := c.run(tc.args...); r.code != exitUsage || !strings.Contains(r.stderr, tc.say) {
			t.Errorf("%v: exit %d, %q", tc.args, r.code, r.stderr)
		}
	}
	// From stdin, with a progress bar on a terminal (no total: it is read
	// once).
	r := c.runWith(testRun{stdin: "username,title\r\nfrom-stdin,Dr\r\n", errTTY: true}, "users", "import", "-", "-o", "json")
	if s := summary(t, r); r.code != 0 || s.Created != 1 || !strings.Contains(r.stderr, "\rimporting users: 1 rows") {
		t.Errorf("stdin: exit %d, %+v, %q", r.code, s, r.stderr)
	}
}

func TestImportProgress(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	file := filepath.Join(t.TempDir(), "u.csv")
	rows := [][]string{{"username"}}
	for i := range 30 {
		rows = append(rows, []string{fmt.Sprint("p", i)})
	}
	writeCSV(t, file, rows)
	r := c.runWith(testRun{errTTY: true}, "users", "import", file, "-o", "json")
	if r.code != 0 || !strings.Contains(r.stderr, "] 30/30 rows 100%") {
		t.Errorf("on a terminal: exit %d, stderr %q", r.code, r.stderr)
	}
	r = c.run("users", "import", file, "-o", "json")
	if r.code != 0 || strings.Contains(r.stderr, "\r") || strings.Contains(r.stderr, "importing users") {
		t.Errorf("in a pipe: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestExport(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	file := filepath.Join(t.TempDir(), "u.csv")
	rows := [][]string{{"username", "email", "name.given", "name.family"}}
	for i := range 45 {
		rows = append(rows, []string{fmt.Sprintf("e%02d", i), fmt.Sprintf("e%02d@example.com", i), "Given, with comma", "Smith-Jones"})
	}
	writeCSV(t, file, rows)
	c.ok("users", "import", file)

	c.srv.ResetStats()
	r := c.ok("users", "export", "--page-size", "10", "--format", "ndjson")
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if len(lines) != 46 || !strings.Contains(r.stderr, "Exported 46 users.") {
		t.Fatalf("ndjson: %d lines, stderr %q", len(lines), r.stderr)
	}
	for _, l := range lines {
		var u pingone.User
		if err := json.Unmarshal([]byte(l), &u); err != nil || u.ID == "" {
			t.Errorf("line %q: %v", l, err)
		}
	}
	// Streamed a page at a time: five pages of 10.
	if got := c.srv.Stats().Requests["GET /v1/environments/{envID}/users"]; got != 5 {
		t.Errorf("%d page requests, want 5", got)
	}

	// CSV round trip: what export writes, import reads back (all there).
	r = c.ok("users", "export")
	out := filepath.Join(t.TempDir(), "export.csv")
	if err := os.WriteFile(out, []byte(r.stdout), 0o600); err != nil {
		t.Fatal(err)
	}
	exported := readCSV(t, out)
	if !slices.Equal(exported[0], defaultExportColumns) || len(exported) != 47 {
		t.Fatalf("csv header %q, %d rows", exported[0], len(exported))
	}
	found := false
	for _, row := range exported {
		if row[1] == "e07" {
			found = slices.Equal(row[2:5], []string{"e07@example.com", "Given, with comma", "Smith-Jones"})
		}
	}
	if !found {
		t.Errorf("e07 not exported whole: %q", exported)
	}
	r = c.run("users", "import", out, "-o", "json")
	if s := summary(t, r); r.code != 0 || s != (importResult{Rows: 46, Skipped: 46}) {
		t.Errorf("re-import of the export: exit %d, %+v", r.code, s)
	}
	// The filter selects; -o ndjson picks the format.
	r = c.ok("users", "export", "--filter", `username sw "e0"`, "-o", "ndjson")
	if n := strings.Count(r.stdout, "\n"); n != 10 {
		t.Errorf("filtered: %d users, want 10", n)
	}
}
