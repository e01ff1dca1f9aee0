package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/scim"
	"github.com/spf13/cobra"
)

// ignoredColumns are read-only members of a user (as users export writes
// them): an import leaves them out.
var ignoredColumns = map[string]bool{
	"id": true, "environment.id": true, "createdAt": true, "updatedAt": true, "enabled": true,
	"emailVerified": true, "verifyStatus": true, "lastSignOn.at": true, "lastSignOn.remoteIp": true,
	"memberOfGroupIDs": true, "memberOfGroupNames": true, failureColumn: true,
}

// failureColumn is the reason a row failed, added to the failures file
// (and ignored when that file is imported again).
const failureColumn = "import_error"

// defaultExportColumns are the columns users export writes to CSV: what
// users import reads back, with the ID.
var defaultExportColumns = []string{"id", "username", "email", "name.given", "name.family", "population.id", "enabled"}

type importResult struct {
	Rows     int64  `json:"rows"`
	Created  int64  `json:"created"`
	Skipped  int64  `json:"skipped"`
	Failed   int64  `json:"failed"`
	Failures string `json:"failures,omitempty"`
}

func (a *app) importCommand() *cobra.Command {
	var population, failures string
	var concurrency int
	cmd := &cobra.Command{
		Use:   "import <users.csv>",
		Short: "Create the users of a CSV file (re-runnable: existing users are skipped)",
		Long: `Create a user for each row of a CSV file (- reads stdin).

The header names the members of each user, as JSON paths: username
(required), email, name.given, name.family, nickname, title, locale,
mobilePhone, population.id, password (an initial password: the user is
created with PingOne's import), and any custom attribute. The read-only
columns users export writes (id, enabled, createdAt, …) are ignored, so an
export imports back.

Rows are created concurrently (--concurrency), within the client's rate
limit, which adapts to PingOne's throttling (--rate-limit caps it). A create
whose answer is lost is looked up by username before being sent again, so
no user is created twice. Users that already exist (same username) are
skipped, so the import can be run again after a failure: only what is
missing is created. Rows that fail go to the failures file (--failures,
default <file>.failures.csv) with the reason in the import_error column;
that file can be imported again as it is. A summary ends the run; the exit
code is 8 when some rows failed.`,
		Example: `  pingone users import users.csv --population <population-id>
  pingone users import users.csv --concurrency 16 --failures failed.csv`,
		Args: exactArgs("<users.csv>"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if concurrency < 1 || concurrency > 64 {
				return usageErrorf("--concurrency must be between 1 and 64")
			}
			if failures == "" {
				if args[0] == "-" {
					failures = "import.failures.csv"
				} else {
					failures = strings.TrimSuffix(args[0], filepath.Ext(args[0])) + ".failures.csv"
				}
			}
			return a.importUsers(cmd.Context(), args[0], population, failures, concurrency)
		},
	}
	cmd.Flags().StringVar(&population, "population", "", "ID of the population to create every user in (default: the row's population.id, else the environment's default)")
	cmd.Flags().StringVar(&failures, "failures", "", "where to write the rows that failed (default <file>.failures.csv)")
	cmd.Flags().IntVar(&concurrency, "concurrency", 8, "users created at once")
	return cmd
}

// column is one column of an import: where its value goes.
type column struct {
	name string
	path []string
	kind reflect.Kind // of the request's field; Invalid for a custom attribute
}

func importColumns(header []string) ([]*column, error) {
	cols := make([]*column, len(header))
	seen := map[string]bool{}
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		if h == "" || ignoredColumns[h] || strings.HasPrefix(h, "_links") {
			continue
		}
		if seen[h] {
			return nil, usageErrorf("column %q appears twice", h)
		}
		seen[h] = true
		path := strings.Split(h, ".")
		if h == "password" {
			path = []string{"password", "value"}
		}
		cols[i] = &column{name: h, path: path, kind: fieldKind(reflect.TypeFor[pingone.CreateUserRequest](), path)}
	}
	if !seen["username"] {
		return nil, usageErrorf("the CSV has no username column")
	}
	return cols, nil
}

// fieldKind is the kind of the request field at a JSON path, through
// pointers and pingone.Optional; Invalid when no field has that path (a
// custom attribute).
func fieldKind(t reflect.Type, path []string) reflect.Kind {
	for _, p := range path {
		t = unwrapType(t)
		if t.Kind() != reflect.Struct {
			return reflect.Invalid
		}
		found := false
		for f := range t.Fields() {
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if f.IsExported() && name == p {
				t, found = f.Type, true
				break
			}
		}
		if !found {
			return reflect.Invalid
		}
	}
	return unwrapType(t).Kind()
}

func unwrapType(t reflect.Type) reflect.Type {
	for {
		if t.Kind() == reflect.Pointer {
			t = t.Elem()
			continue
		}
		if m, ok := t.MethodByName("Get"); ok && strings.HasPrefix(t.Name(), "Optional[") && m.Type.NumOut() == 2 {
			t = m.Type.Out(0)
			continue
		}
		return t
	}
}

// userRequest builds the create request of one row.
func userRequest(cols []*column, rec []string, population string) (pingone.CreateUserRequest, error) {
	var req pingone.CreateUserRequest
	body := map[string]any{}
	for i, c := range cols {
		if c == nil || i >= len(rec) || strings.TrimSpace(rec[i]) == "" {
			continue
		}
		v := strings.TrimSpace(rec[i])
		if c.path[0] == "password" {
			v = rec[i] // a password keeps its spaces
		}
		var val any = v
		switch c.kind {
		case reflect.Bool:
			b, err := strconv.ParseBool(v)
			if err != nil {
				return req, fmt.Errorf("%s: %q is not true or false", c.name, v)
			}
			val = b
		case reflect.Int, reflect.Int64, reflect.Int32:
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return req, fmt.Errorf("%s: %q is not a whole number", c.name, v)
			}
			val = n
		}
		setPath(body, c.path, val)
	}
	if population != "" {
		body["population"] = map[string]any{"id": population}
	}
	if u, _ := body["username"].(string); u == "" {
		return req, errors.New("username is empty")
	}
	data, err := json.Marshal(body)
	if err != nil {
		return req, err
	}
	if err := json.Unmarshal(data, &req); err != nil {
		return req, fmt.Errorf("the row does not make a user: %v", err)
	}
	return req, nil
}

type importRow struct {
	n   int // row number in the file, header excluded
	rec []string
}

type failedRow struct {
	importRow
	reason string
}

func (a *app) importUsers(ctx context.Context, file, population, failuresPath string, concurrency int) error {
	var in io.Reader
	if file == "-" {
		if a.stdinUsed {
			return usageErrorf("stdin was already read")
		}
		a.stdinUsed = true
		in = a.in
	} else {
		f, err := os.Open(file)
		if err != nil {
			return usageErrorf("%v", err)
		}
		defer f.Close()
		in = f
	}
	r := csv.NewReader(in)
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return usageErrorf("%s: no CSV header: %v", file, err)
	}
	cols, err := importColumns(header)
	if err != nil {
		return err
	}
	c, s, err := a.client(ctx)
	if err != nil {
		return err
	}
	if s.Environment == "" {
		return usageErrorf("no environment to manage: give --environment, or pingone config set environment <id>")
	}
	env := c.Environment(s.Environment)
	var total int64
	if file != "-" && a.errTTY {
		total = countRecords(file)
	}
	bar := a.progress("importing users", "rows", total)
	defer bar.finish()

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var res importResult
	var mu sync.Mutex
	var failed []failedRow
	fail := func(row importRow, reason string) {
		mu.Lock()
		failed = append(failed, failedRow{row, reason})
		mu.Unlock()
		atomic.AddInt64(&res.Failed, 1)
	}
	// Rows the checker settles (refused, or already there) count on the
	// bar at once; the others when their create returns.
	settled := func(row importRow, reason string) {
		if reason == "" {
			atomic.AddInt64(&res.Skipped, 1)
		} else {
			fail(row, reason)
		}
		bar.add(1)
	}

	// Three stages: the reader batches the rows; the checker looks each
	// batch's usernames up in one request and skips the users that exist
	// (a re-run sends no write for them); the workers create the others.
	batches := make(chan []importRow, 2)
	creates := make(chan pendingCreate, concurrency)
	var wg sync.WaitGroup
	wg.Go(func() {
		defer close(creates)
		for batch := range batches {
			a.checkBatch(ctx, env, cols, population, batch, creates, settled)
		}
	})
	for range concurrency {
		wg.Go(func() {
			for pc := range creates {
				a.importOne(ctx, cancel, env, pc, &res, fail)
				bar.add(1)
			}
		})
	}
	var readErr error
	var batch []importRow
	send := func() {
		if len(batch) == 0 {
			return
		}
		select {
		case batches <- batch:
		case <-ctx.Done():
		}
		batch = nil
	}
	for n := 1; ctx.Err() == nil; n++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			readErr = fmt.Errorf("%s: %w", file, err)
			break
		}
		res.Rows++
		batch = append(batch, importRow{n: n, rec: rec})
		if len(batch) == checkBatch {
			send()
		}
	}
	send()
	close(batches)
	wg.Wait()
	bar.finish()
	stopped := context.Cause(ctx)

	slices.SortFunc(failed, func(x, y failedRow) int { return x.n - y.n })
	if len(failed) > 0 {
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		_ = w.Write(append(slices.Clone(header), failureColumn))
		for _, f := range failed {
			rec := slices.Clone(f.rec)
			for len(rec) < len(header) {
				rec = append(rec, "")
			}
			_ = w.Write(append(rec[:len(header)], f.reason))
		}
		w.Flush()
		if err := writeFileAtomic(failuresPath, buf.Bytes()); err != nil {
			return fmt.Errorf("writing the failures file: %w", err)
		}
		res.Failures = failuresPath
	} else if _, err := os.Stat(failuresPath); err == nil {
		// The failures of an earlier run are all imported now.
		_ = os.Remove(failuresPath)
	}
	a.say("Import of %s: %d rows, %d created, %d skipped (already there), %d failed.", file, res.Rows, res.Created, res.Skipped, res.Failed)
	if res.Failures != "" {
		a.say("The failed rows are in %s, with the reason; fix them and import that file.", res.Failures)
	}
	data, _ := json.Marshal(res)
	if err := a.printValue(data); err != nil {
		return err
	}
	switch {
	case readErr != nil:
		return usageErrorf("%v (the rows before it were imported)", readErr)
	case stopped != nil:
		return fmt.Errorf("import stopped: %w", stopped)
	case res.Failed > 0:
		return &codedError{code: exitPartial, msg: fmt.Sprintf("%d of %d rows failed", res.Failed, res.Rows)}
	}
	return nil
}

// checkBatch is how many rows one lookup checks.
const checkBatch = 25

// pendingCreate is a row to create.
type pendingCreate struct {
	row importRow
	req pingone.CreateUserRequest
}

// checkBatch builds the rows' requests, looks their usernames up in one
// request, skips the users that exist and passes the others on. When the
// lookup fails, every row is passed on: a create of a user that exists is
// refused, and counted as skipped, all the same.
func (a *app) checkBatch(ctx context.Context, env *pingone.Environment, cols []*column, population string, batch []importRow, out chan<- pendingCreate, settled func(row importRow, reason string)) {
	var pending []pendingCreate
	var clauses []scim.Filter
	for _, row := range batch {
		req, err := userRequest(cols, row.rec, population)
		if err != nil {
			settled(row, err.Error())
			continue
		}
		pending = append(pending, pendingCreate{row, req})
		clauses = append(clauses, scim.Eq("username", req.Username))
	}
	exists := map[string]bool{}
	if len(clauses) > 0 && ctx.Err() == nil {
		opts := &pingone.ListUsersOptions{Filter: scim.Or(clauses...), ListOptions: pingone.ListOptions{Limit: 1000}}
		for u, err := range env.Users.ListIter(ctx, opts) {
			if err != nil {
				exists = map[string]bool{}
				break
			}
			exists[strings.ToLower(u.Username)] = true
		}
	}
	for _, pc := range pending {
		if exists[strings.ToLower(pc.req.Username)] {
			settled(pc.row, "")
			continue
		}
		select {
		case out <- pc:
		case <-ctx.Done():
			settled(pc.row, "not attempted: the import stopped")
		}
	}
}

// importOne creates the user of one row.
func (a *app) importOne(ctx context.Context, stop context.CancelCauseFunc, env *pingone.Environment, pc pendingCreate, res *importResult, fail func(importRow, string)) {
	if ctx.Err() != nil {
		fail(pc.row, "not attempted: the import stopped")
		return
	}
	_, err := env.Users.Create(pingone.ContextWithSafeCreates(ctx, true), pc.req)
	switch {
	case err == nil:
		atomic.AddInt64(&res.Created, 1)
	case usernameTaken(err):
		atomic.AddInt64(&res.Skipped, 1)
	case errors.Is(err, pingone.ErrUnauthorized), errors.Is(err, context.Canceled) && ctx.Err() != nil:
		// Every other row would fail the same way: stop.
		stop(err)
		fail(pc.row, oneLine(err.Error()))
	default:
		fail(pc.row, oneLine(err.Error()))
	}
}

// usernameTaken reports PingOne's refusal of a username already in use.
func usernameTaken(err error) bool {
	ae, ok := errors.AsType[*pingone.APIError](err)
	if !ok || !errors.Is(err, pingone.ErrUniquenessViolation) {
		return false
	}
	for _, d := range ae.Details {
		if d.Code == "UNIQUENESS_VIOLATION" && (d.Target == "" || strings.EqualFold(d.Target, "username")) {
			return true
		}
	}
	return false
}

// countRecords counts a CSV file's rows for the progress bar (0 when it
// cannot).
func countRecords(path string) int64 {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	var n int64 = -1 // the header
	for {
		if _, err := r.Read(); err != nil {
			if err == io.EOF {
				return max(n, 0)
			}
			return 0
		}
		n++
	}
}

func (a *app) exportCommand() *cobra.Command {
	var format, filter string
	var pageSize int
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write every user to stdout as CSV or NDJSON, streamed",
		Long: `Write the environment's users (or those --filter selects) to stdout,
a page at a time: only one page is held in memory, however many users there
are. CSV has the columns of --columns (default: ` + strings.Join(defaultExportColumns, ",") + `),
which users import reads back; NDJSON has each user whole, one per line.`,
		Example: `  pingone users export > users.csv
  pingone users export --format ndjson --filter 'population.id eq "…"' > users.ndjson
  pingone users export --columns username,email,name.given,name.family,title > users.csv`,
		Args: exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format == "" {
				format = "csv"
				if a.flags.output == "ndjson" {
					format = "ndjson"
				}
			}
			if format != "csv" && format != "ndjson" {
				return usageErrorf("--format %q: want csv or ndjson", format)
			}
			if pageSize < 1 || pageSize > 1000 {
				return usageErrorf("--page-size must be between 1 and 1000")
			}
			return a.exportUsers(cmd.Context(), format, filter, pageSize)
		},
	}
	cmd.Flags().StringVar(&format, "format", "", "csv or ndjson (default csv)")
	cmd.Flags().StringVar(&filter, "filter", "", `SCIM filter, such as 'username sw "a"'`)
	cmd.Flags().IntVar(&pageSize, "page-size", 500, "users per page (1 to 1000)")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]cobra.Completion{"csv", "ndjson"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func (a *app) exportUsers(ctx context.Context, format, filter string, pageSize int) error {
	opts := &pingone.ListUsersOptions{ListOptions: pingone.ListOptions{Limit: pageSize}}
	if filter != "" {
		f, err := parseFilter(filter)
		if err != nil {
			return err
		}
		opts.Filter = f
	}
	c, s, err := a.client(ctx)
	if err != nil {
		return err
	}
	if s.Environment == "" {
		return usageErrorf("no environment to manage: give --environment, or pingone config set environment <id>")
	}
	env := c.Environment(s.Environment)
	cols := a.flags.columns
	if cols == nil {
		cols = defaultExportColumns
	}
	var cw *csv.Writer
	if format == "csv" {
		cw = csv.NewWriter(a.out)
		if err := cw.Write(cols); err != nil {
			return err
		}
	}
	bar := a.progress("exporting users", "users", 0)
	defer bar.finish()
	var n int
	for {
		page, err := env.Users.List(ctx, opts)
		if err != nil {
			return err
		}
		if page.Count > 0 {
			bar.setTotal(int64(page.Count))
		}
		for i := range page.Items {
			data, err := json.Marshal(&page.Items[i])
			if err != nil {
				return err
			}
			if cw != nil {
				m, err := flatten(data)
				if err != nil {
					return err
				}
				if err := cw.Write(row(m, cols)); err != nil {
					return err
				}
				continue
			}
			data = append(data, '\n')
			if _, err := a.out.Write(data); err != nil {
				return err
			}
		}
		if cw != nil {
			cw.Flush()
			if err := cw.Error(); err != nil {
				return err
			}
		}
		n += len(page.Items)
		bar.add(int64(len(page.Items)))
		if page.Next == "" {
			break
		}
		opts = &pingone.ListUsersOptions{ListOptions: pingone.ListOptions{StartFrom: page.Next}}
	}
	bar.finish()
	a.say("Exported %d users.", n)
	return nil
}

// parseFilter parses a SCIM filter given on the command line.
func parseFilter(s string) (scim.Filter, error) {
	f, err := scim.Parse(s)
	if err != nil {
		return f, usageErrorf("--filter: %v", err)
	}
	return f, nil
}
