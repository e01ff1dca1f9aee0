package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/jsonschema-go/jsonschema"
	"github.com/modelcontextprotocol/go-sdk/jsonrpc"
	"github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/actions"
	"github.com/pingone-go/pingone/pingonetest"
)

// mcpTransports connect the go-sdk's client to a server: in memory, and
// over streamable HTTP on a loopback port.
var mcpTransports = []struct {
	name    string
	connect func(t *testing.T, srv *mcp.Server) *mcp.ClientSession
}{
	{"in-memory", func(t *testing.T, srv *mcp.Server) *mcp.ClientSession {
		st, ct := mcp.NewInMemoryTransports()
		ss, err := srv.Connect(t.Context(), st, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = ss.Close() })
		return connectClient(t, ct)
	}},
	{"http", func(t *testing.T, srv *mcp.Server) *mcp.ClientSession {
		hs := httptest.NewServer(mcp.NewStreamableHTTPHandler(func(*http.Request) *mcp.Server { return srv }, nil))
		t.Cleanup(hs.Close)
		return connectClient(t, &mcp.StreamableClientTransport{Endpoint: hs.URL, HTTPClient: hs.Client(), DisableStandaloneSSE: true})
	}},
}

func connectClient(t *testing.T, tr mcp.Transport) *mcp.ClientSession {
	t.Helper()
	cs, err := mcp.NewClient(&mcp.Implementation{Name: "pingone-test", Version: "1"}, nil).Connect(t.Context(), tr, nil)
	if err != nil {
		t.Fatalf("connecting: %v", err)
	}
	t.Cleanup(func() { _ = cs.Close() })
	return cs
}

// mcpFixture is a pingonetest server and what an MCP server needs to act
// on it as its worker.
type mcpFixture struct {
	srv    *pingonetest.Server
	client *pingone.Client
}

func newMCPFixture(t *testing.T) *mcpFixture {
	t.Helper()
	srv := pingonetest.NewServer(t)
	c, err := pingone.NewClient(append(srv.ClientOptions(), pingone.WithRetryPolicy(pingone.RetryPolicy{MaxRetries: 2, MinWait: time.Millisecond, MaxWait: 5 * time.Millisecond}))...)
	if err != nil {
		t.Fatal(err)
	}
	return &mcpFixture{srv: srv, client: c}
}

func (f *mcpFixture) server(opts mcpOptions) *mcp.Server {
	return newMCPServer(func(context.Context) (*pingone.Client, string, error) {
		return f.client, f.srv.EnvironmentID(), nil
	}, opts)
}

var mcpModes = []struct {
	name string
	opts mcpOptions
}{
	{"read-only", mcpOptions{}},
	{"writes", mcpOptions{AllowWrites: true}},
	{"writes+destructive", mcpOptions{AllowWrites: true, AllowDestructive: true}},
	// Destructive tools are writes: alone, the flag adds nothing.
	{"destructive-only", mcpOptions{AllowDestructive: true}},
}

// expectedTools are the names of the actions a mode offers, from the
// catalogue's hints.
func expectedTools(opts mcpOptions) []string {
	var names []string
	for _, act := range actions.All() {
		switch {
		case act.Hints.ReadOnly,
			opts.AllowWrites && !act.Hints.Destructive,
			opts.AllowWrites && opts.AllowDestructive:
			names = append(names, act.Name)
		}
	}
	slices.Sort(names)
	return names
}

func listTools(t *testing.T, cs *mcp.ClientSession) map[string]*mcp.Tool {
	t.Helper()
	tools := map[string]*mcp.Tool{}
	for tool, err := range cs.Tools(t.Context(), nil) {
		if err != nil {
			t.Fatalf("tools/list: %v", err)
		}
		if tools[tool.Name] != nil {
			t.Errorf("tool %s listed twice", tool.Name)
		}
		tools[tool.Name] = tool
	}
	return tools
}

func TestMCPToolsPerMode(t *testing.T) {
	t.Parallel()
	f := newMCPFixture(t)
	var readOnly, writes int
	for _, act := range actions.All() {
		if act.Hints.ReadOnly {
			readOnly++
		} else if !act.Hints.Destructive {
			writes++
		}
	}
	wantCount := map[string]int{"read-only": readOnly, "writes": readOnly + writes, "writes+destructive": 113, "destructive-only": readOnly}
	for _, tr := range mcpTransports {
		for _, mode := range mcpModes {
			t.Run(tr.name+"/"+mode.name, func(t *testing.T) {
				cs := tr.connect(t, f.server(mode.opts))
				tools := listTools(t, cs)
				got := slices.Sorted(func(yield func(string) bool) {
					for n := range tools {
						if !yield(n) {
							return
						}
					}
				})
				if len(got) != wantCount[mode.name] {
					t.Errorf("%d tools, want %d", len(got), wantCount[mode.name])
				}
				if want := expectedTools(mode.opts); !slices.Equal(got, want) {
					t.Errorf("tools differ from the catalogue's:\n got %v\nwant %v", got, want)
				}
				// The schemas are large: compare them in the mode
				// that lists every tool.
				full := mode.opts.AllowWrites && mode.opts.AllowDestructive
				for _, tool := range tools {
					checkTool(t, tool, full)
				}
				t.Logf("%s over %s: %d tools", mode.name, tr.name, len(got))
			})
		}
	}
}

// checkTool checks that a listed tool is its action: title, description,
// hints as annotations, and (with schemas) both schemas as the catalogue
// derives them.
func checkTool(t *testing.T, tool *mcp.Tool, schemas bool) {
	t.Helper()
	act, ok := actions.Lookup(tool.Name)
	if !ok {
		t.Errorf("tool %s is no action", tool.Name)
		return
	}
	if tool.Title != act.Title || tool.Description != act.Description {
		t.Errorf("%s: title %q, description %q", tool.Name, tool.Title, tool.Description)
	}
	an := tool.Annotations
	switch {
	case an == nil:
		t.Errorf("%s: no annotations", tool.Name)
	case an.ReadOnlyHint != act.Hints.ReadOnly:
		t.Errorf("%s: readOnlyHint %v, want %v", tool.Name, an.ReadOnlyHint, act.Hints.ReadOnly)
	case an.DestructiveHint == nil || *an.DestructiveHint != act.Hints.Destructive:
		t.Errorf("%s: destructiveHint %v, want %v", tool.Name, an.DestructiveHint, act.Hints.Destructive)
	case an.IdempotentHint != act.Hints.Idempotent:
		t.Errorf("%s: idempotentHint %v, want %v", tool.Name, an.IdempotentHint, act.Hints.Idempotent)
	case an.OpenWorldHint == nil || *an.OpenWorldHint:
		t.Errorf("%s: openWorldHint %v, want false", tool.Name, an.OpenWorldHint)
	}
	if !schemas {
		return
	}
	for _, s := range []struct {
		name      string
		got, want any
	}{{"input", tool.InputSchema, act.InputSchema()}, {"output", tool.OutputSchema, act.OutputSchema()}} {
		got, _ := json.Marshal(s.got)
		want, _ := json.Marshal(s.want)
		if !jsonEqual(got, want) {
			t.Errorf("%s: %s schema differs from the catalogue's:\n got %s\nwant %s", tool.Name, s.name, got, want)
		}
	}
}

func jsonEqual(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return string(xa) == string(ya)
}

// mcpSession is a client session with the tools it listed, whose calls
// check every structured output against the tool's output schema.
type mcpSession struct {
	t       *testing.T
	cs      *mcp.ClientSession
	tools   map[string]*mcp.Tool
	schemas map[string]*jsonschema.Resolved
	calls   *int // successful calls whose output was validated
}

func newMCPSession(t *testing.T, cs *mcp.ClientSession, calls *int) *mcpSession {
	return &mcpSession{t: t, cs: cs, tools: listTools(t, cs), schemas: map[string]*jsonschema.Resolved{}, calls: calls}
}

// call calls a tool; a successful result's structured content must be
// valid under the tool's output schema and equal its text content.
func (s *mcpSession) call(name string, args any) (*mcp.CallToolResult, error) {
	s.t.Helper()
	res, err := s.cs.CallTool(s.t.Context(), &mcp.CallToolParams{Name: name, Arguments: args})
	if err != nil || res.IsError {
		return res, err
	}
	tool := s.tools[name]
	if tool == nil {
		s.t.Fatalf("%s answered but is not listed", name)
	}
	resolved := s.schemas[name]
	if resolved == nil {
		data, _ := json.Marshal(tool.OutputSchema)
		var schema jsonschema.Schema
		if err := json.Unmarshal(data, &schema); err != nil {
			s.t.Fatalf("%s: output schema: %v", name, err)
		}
		if resolved, err = schema.Resolve(nil); err != nil {
			s.t.Fatalf("%s: output schema does not resolve: %v", name, err)
		}
		s.schemas[name] = resolved
	}
	if res.StructuredContent == nil {
		s.t.Fatalf("%s: no structured content", name)
	}
	if err := resolved.Validate(res.StructuredContent); err != nil {
		s.t.Errorf("%s: output not valid under its schema: %v", name, err)
	}
	if len(res.Content) != 1 {
		s.t.Fatalf("%s: %d content items, want 1", name, len(res.Content))
	}
	text, ok := res.Content[0].(*mcp.TextContent)
	structured, _ := json.Marshal(res.StructuredContent)
	if !ok || !jsonEqual([]byte(text.Text), structured) {
		s.t.Errorf("%s: text content %v differs from structured content %s", name, res.Content[0], structured)
	}
	*s.calls++
	return res, nil
}

// ok calls a tool that must succeed and decodes its structured output.
func (s *mcpSession) ok(name string, args any, out any) {
	s.t.Helper()
	res, err := s.call(name, args)
	if err != nil {
		s.t.Fatalf("%s: %v", name, err)
	}
	if res.IsError {
		s.t.Fatalf("%s: tool error %v", name, textOf(res))
	}
	data, _ := json.Marshal(res.StructuredContent)
	if err := json.Unmarshal(data, out); err != nil {
		s.t.Fatalf("%s: output %s: %v", name, data, err)
	}
}

func textOf(res *mcp.CallToolResult) string {
	var b strings.Builder
	for _, c := range res.Content {
		if tc, ok := c.(*mcp.TextContent); ok {
			b.WriteString(tc.Text)
		}
	}
	return b.String()
}

// refused checks that calling name is refused as a tool not offered,
// naming the flag that offers it.
func (s *mcpSession) refused(name string, args any, flag string) {
	s.t.Helper()
	res, err := s.call(name, args)
	var rpcErr *jsonrpc.Error
	if !errors.As(err, &rpcErr) || rpcErr.Code != jsonrpc.CodeInvalidParams {
		s.t.Fatalf("%s: got %v, %v; want an invalid-params error", name, res, err)
	}
	if !strings.Contains(rpcErr.Message, "not offered") || !strings.Contains(rpcErr.Message, flag) {
		s.t.Errorf("%s: refusal %q does not name %s", name, rpcErr.Message, flag)
	}
}

type page struct {
	Items []struct {
		ID       string `json:"id"`
		Username string `json:"username"`
	} `json:"items"`
	NextCursor string `json:"next_cursor"`
}

func TestMCPCalls(t *testing.T) {
	t.Parallel()
	for _, tr := range mcpTransports {
		t.Run(tr.name, func(t *testing.T) {
			t.Parallel()
			f := newMCPFixture(t)
			admin := f.srv.Admin()
			calls := 0
			ro := newMCPSession(t, tr.connect(t, f.server(mcpOptions{})), &calls)

			var users page
			ro.ok("list_users", map[string]any{"filter": `username eq "` + admin.Username + `"`, "limit": 10}, &users)
			if len(users.Items) != 1 || users.Items[0].Username != admin.Username || users.Items[0].ID != admin.UserID {
				t.Fatalf("list_users: %+v", users)
			}
			var all page
			ro.ok("list_users", nil, &all)
			if len(all.Items) == 0 {
				t.Errorf("list_users without arguments: no users")
			}
			var user struct{ ID, Username string }
			ro.ok("get_user", map[string]any{"userID": admin.UserID}, &user)
			if user.ID != admin.UserID || user.Username != admin.Username {
				t.Errorf("get_user: %+v", user)
			}

			// Writes are refused, and send nothing.
			before := f.srv.Stats()
			ro.refused("create_population", map[string]any{"body": map[string]any{"name": "Refused"}}, "--allow-writes")
			ro.refused("delete_population", map[string]any{"populationID": "x"}, "--allow-destructive")
			if after := f.srv.Stats(); !maps.Equal(after.Requests, before.Requests) {
				t.Errorf("refused calls sent requests: %v, then %v", before.Requests, after.Requests)
			}

			// With writes, create_population works and the population
			// exists; deleting it still needs --allow-destructive.
			rw := newMCPSession(t, tr.connect(t, f.server(mcpOptions{AllowWrites: true})), &calls)
			var pop struct{ ID, Name string }
			rw.ok("create_population", map[string]any{"body": map[string]any{"name": "Made over MCP", "description": "by " + tr.name}}, &pop)
			if pop.ID == "" || pop.Name != "Made over MCP" {
				t.Fatalf("create_population: %+v", pop)
			}
			got, err := f.client.Environment(f.srv.EnvironmentID()).Populations.Get(t.Context(), pop.ID)
			if err != nil || got.Name != "Made over MCP" {
				t.Fatalf("the created population: %+v, %v", got, err)
			}
			var pops page
			rw.ok("list_populations", map[string]any{"filter": `name sw "Made over MCP"`}, &pops)
			if len(pops.Items) != 1 || pops.Items[0].ID != pop.ID {
				t.Errorf("list_populations: %+v", pops)
			}
			rw.refused("delete_population", map[string]any{"populationID": pop.ID}, "--allow-destructive")

			all3 := newMCPSession(t, tr.connect(t, f.server(mcpOptions{AllowWrites: true, AllowDestructive: true})), &calls)
			var none struct{}
			all3.ok("delete_population", map[string]any{"populationID": pop.ID}, &none)
			if _, err := f.client.Environment(f.srv.EnvironmentID()).Populations.Get(t.Context(), pop.ID); !errors.Is(err, pingone.ErrNotFound) {
				t.Errorf("the deleted population: %v", err)
			}
			t.Logf("%s: %d calls, outputs valid under their schemas", tr.name, calls)
		})
	}
}

// TestMCPToolErrors checks that a failing call is a tool error carrying
// PingOne's answer, and nothing of Go or of the credentials.
func TestMCPToolErrors(t *testing.T) {
	t.Parallel()
	for _, tr := range mcpTransports {
		t.Run(tr.name, func(t *testing.T) {
			t.Parallel()
			f := newMCPFixture(t)
			calls := 0
			s := newMCPSession(t, tr.connect(t, f.server(mcpOptions{AllowWrites: true})), &calls)
			secret := f.srv.Worker().ClientSecret
			for _, tc := range []struct {
				name   string
				args   any
				kind   actions.ErrorKind
				status int
				code   string
				field  string
			}{
				{"get_user", map[string]any{"userID": "00000000-0000-4000-8000-000000000000"}, actions.APIFailure, 404, "NOT_FOUND", ""},
				{"create_population", map[string]any{"body": map[string]any{"name": ""}}, actions.InvalidInput, 0, "", "/body/name"},
				{"create_population", map[string]any{"body": map[string]any{"name": "x"}, "nonsense": 1}, actions.InvalidInput, 0, "", "/nonsense"},
				{"list_users", map[string]any{"filter": `username zz "a"`}, actions.InvalidInput, 0, "", "/filter"},
				{"get_user", map[string]any{}, actions.InvalidInput, 0, "", "/userID"},
			} {
				res, err := s.call(tc.name, tc.args)
				if err != nil {
					t.Errorf("%s %v: protocol error %v, want a tool error", tc.name, tc.args, err)
					continue
				}
				if !res.IsError || res.StructuredContent != nil {
					t.Errorf("%s %v: IsError %v, structured %v", tc.name, tc.args, res.IsError, res.StructuredContent)
					continue
				}
				text := textOf(res)
				var e actions.Error
				if err := json.Unmarshal([]byte(text), &e); err != nil {
					t.Errorf("%s: error text is not JSON: %q", tc.name, text)
					continue
				}
				if e.Action != tc.name || e.Kind != tc.kind || e.Status != tc.status || e.Code != tc.code || e.Message == "" {
					t.Errorf("%s %v: %s", tc.name, tc.args, text)
				}
				if tc.field != "" && !strings.HasPrefix(e.Field, tc.field) {
					t.Errorf("%s %v: field %q, want %s", tc.name, tc.args, e.Field, tc.field)
				}
				if tc.kind == actions.APIFailure && (e.CorrelationID == "" || e.ErrorID == "") {
					t.Errorf("%s: no correlation or error ID: %s", tc.name, text)
				}
				if tc.kind == actions.InvalidInput && e.CorrelationID != "" {
					t.Errorf("%s: invalid input was sent: %s", tc.name, text)
				}
				for _, bad := range []string{"goroutine", ".go:", "panic", secret, "Bearer", "access_token"} {
					if strings.Contains(text, bad) {
						t.Errorf("%s: error text holds %q: %s", tc.name, bad, text)
					}
				}
			}
		})
	}
}

// TestMCPToolPanics checks that a tool that panics fails alone, as a
// tool error that says nothing of the panic.
func TestMCPToolPanics(t *testing.T) {
	t.Parallel()
	srv := newMCPServer(func(context.Context) (*pingone.Client, string, error) {
		panic("boom: secret-value at main.go:1")
	}, mcpOptions{})
	cs := mcpTransports[0].connect(t, srv)
	for range 2 { // and the server goes on
		res, err := cs.CallTool(t.Context(), &mcp.CallToolParams{Name: "list_users"})
		if err != nil || !res.IsError {
			t.Fatalf("list_users: %v, %v", res, err)
		}
		text := textOf(res)
		var e actions.Error
		if json.Unmarshal([]byte(text), &e) != nil || e.Kind != "internal_error" || strings.Contains(text, "boom") || strings.Contains(text, "secret-value") || strings.Contains(text, ".go") {
			t.Errorf("list_users: %s", text)
		}
	}
}

// runMCP runs pingone mcp in-process with args, its stdin and stdout
// piped to a go-sdk client; it returns the session, and a function that
// closes the client and returns what the command printed and exited with.
func (c *cli) runMCP(args ...string) (*mcp.ClientSession, func() result) {
	c.t.Helper()
	inR, inW := io.Pipe()   // client → command's stdin
	outR, outW := io.Pipe() // command's stdout → client
	var stderr syncBuffer
	a := &app{in: inR, out: outW, errw: &stderr, getenv: func(k string) string { return c.env[k] }, clientOptions: c.opts}
	code := make(chan int, 1)
	go func() {
		code <- a.run(c.t.Context(), append([]string{"mcp"}, args...))
		outW.Close()
	}()
	cs, err := mcp.NewClient(&mcp.Implementation{Name: "pingone-test", Version: "1"}, nil).
		Connect(c.t.Context(), &mcp.IOTransport{Reader: outR, Writer: inW}, nil)
	if err != nil {
		inW.Close()
		c.t.Fatalf("pingone mcp %v: %v (exit %d, stderr %q)", args, err, <-code, stderr.String())
	}
	return cs, func() result {
		c.t.Helper()
		if err := cs.Close(); err != nil {
			c.t.Errorf("closing the session: %v", err)
		}
		return result{stderr: stderr.String(), code: <-code}
	}
}

// syncBuffer is a bytes.Buffer safe for the command's goroutine and the
// test's.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// login signs the server's administrator in through its sign-in page.
func (c *cli) login() {
	c.t.Helper()
	admin := c.srv.Admin()
	r := c.runWith(testRun{openBrowser: func(u string) error {
		return pingonetest.SubmitSignIn(c.t.Context(), u, admin.Username, admin.Password)
	}}, c.loginArgs()...)
	if r.code != 0 {
		c.t.Fatalf("login: exit %d: %s", r.code, r.stderr)
	}
}

func TestMCPCommandNeedsSignIn(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	signedOut(c)
	r := c.run("mcp")
	if r.code != exitAuth || !strings.Contains(r.stderr, `not signed in (profile "default"): run pingone login`) || r.stdout != "" {
		t.Errorf("mcp before login: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	r = c.run("mcp", "--allow-destructive")
	if r.code != exitUsage || !strings.Contains(r.stderr, "--allow-destructive needs --allow-writes") || r.stdout != "" {
		t.Errorf("mcp --allow-destructive: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if r := c.run("mcp", "extra"); r.code != exitUsage {
		t.Errorf("mcp extra: exit %d", r.code)
	}
}

// TestMCPCommand runs pingone mcp in-process after a browser sign-in:
// the tools act as the signed-in administrator.
func TestMCPCommand(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	signedOut(c)
	c.login()
	admin := c.srv.Admin()
	for _, mode := range []struct {
		args []string
		want int
		desc string
	}{
		{nil, len(expectedTools(mcpOptions{})), "read-only"},
		{[]string{"--allow-writes"}, len(expectedTools(mcpOptions{AllowWrites: true})), "read and write (no destructive)"},
		{[]string{"--allow-writes", "--allow-destructive"}, 113, "read, write and destructive"},
	} {
		cs, stop := c.runMCP(mode.args...)
		calls := 0
		s := newMCPSession(t, cs, &calls)
		if len(s.tools) != mode.want {
			t.Errorf("mcp %v: %d tools, want %d", mode.args, len(s.tools), mode.want)
		}
		// Userinfo answers for the signed-in person: the tools carry
		// the login's token, not a worker's.
		var who struct {
			Username string `json:"preferred_username"`
		}
		s.ok("get_current_user_info", nil, &who)
		if who.Username != admin.Username {
			t.Errorf("get_current_user_info: %+v", who)
		}
		var users page
		s.ok("list_users", map[string]any{"filter": `username eq "` + admin.Username + `"`}, &users)
		if len(users.Items) != 1 || users.Items[0].ID != admin.UserID {
			t.Errorf("list_users: %+v", users)
		}
		r := stop()
		want := fmt.Sprintf("pingone mcp: %d tools (%s) on environment %s, as profile \"default\", over stdio.\n", mode.want, mode.desc, c.srv.EnvironmentID())
		if r.code != 0 || r.stderr != want {
			t.Errorf("mcp %v: exit %d, stderr %q, want %q", mode.args, r.code, r.stderr, want)
		}
	}

	// The refresh token is used once. When another pingone run renews
	// the sign-in, the server's refresh token no longer works: the
	// server takes the renewed sign-in from the profile, and the call
	// succeeds.
	cs, stop := c.runMCP()
	s := newMCPSession(t, cs, new(int))
	var users page
	s.ok("list_users", nil, &users)
	c.srv.ExpireTokens()
	c.ok("populations", "list") // renews, and stores the new tokens
	s.ok("list_users", nil, &users)

	// When the sign-in is gone (renewed elsewhere, then pingone logout),
	// the call fails and says to sign in; after pingone login the
	// running server acts with the new sign-in.
	c.srv.ExpireTokens()
	c.ok("populations", "list")
	c.ok("logout")
	res, err := s.call("list_users", nil)
	if err != nil || !res.IsError {
		t.Fatalf("list_users after logout: %v, %v", err, res)
	}
	var e actions.Error
	if err := json.Unmarshal([]byte(textOf(res)), &e); err != nil || e.Kind != "not_signed_in" || !strings.Contains(e.Message, "run pingone login") {
		t.Errorf("list_users after logout: %s", textOf(res))
	}
	c.login()
	s.ok("list_users", nil, &users)
	if r := stop(); r.code != 0 {
		t.Errorf("exit %d: %s", r.code, r.stderr)
	}
}

// TestMCPCommandWorker runs pingone mcp with a worker's client
// credentials from the environment, as pingone call takes them.
func TestMCPCommandWorker(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	cs, stop := c.runMCP("--allow-writes")
	s := newMCPSession(t, cs, new(int))
	var pop struct{ ID string }
	s.ok("create_population", map[string]any{"body": map[string]any{"name": "By the worker"}}, &pop)
	var pops page
	s.ok("list_populations", map[string]any{"filter": `name sw "By the worker"`}, &pops)
	if len(pops.Items) != 1 || pops.Items[0].ID != pop.ID {
		t.Errorf("list_populations: %+v", pops)
	}
	r := stop()
	if r.code != 0 || !strings.Contains(r.stderr, "on environment "+c.srv.EnvironmentID()) {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestMCPStdioBinary builds pingone and runs pingone mcp as an assistant
// does, over its real stdin and stdout, after a login to pingonetest.
func TestMCPStdioBinary(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	signedOut(c)
	c.login()
	bin := filepath.Join(t.TempDir(), "pingone")
	if out, err := exec.CommandContext(t.Context(), goTool(t), "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.CommandContext(t.Context(), bin, "mcp", "--allow-writes")
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + c.dir, "PINGONE_CONFIG_DIR=" + c.dir}
	var stderr syncBuffer
	cmd.Stderr = &stderr
	cs := connectClient(t, &mcp.CommandTransport{Command: cmd})
	calls := 0
	s := newMCPSession(t, cs, &calls)
	if want := len(expectedTools(mcpOptions{AllowWrites: true})); len(s.tools) != want {
		t.Errorf("%d tools, want %d", len(s.tools), want)
	}
	var who struct {
		Username string `json:"preferred_username"`
	}
	s.ok("get_current_user_info", nil, &who)
	var pop struct{ ID string }
	s.ok("create_population", map[string]any{"body": map[string]any{"name": "Over stdio"}}, &pop)
	if who.Username != c.srv.Admin().Username || pop.ID == "" {
		t.Errorf("userinfo %+v, population %+v", who, pop)
	}
	if err := cs.Close(); err != nil {
		t.Errorf("closing: %v", err)
	}
	if cmd.ProcessState == nil || !cmd.ProcessState.Success() {
		t.Errorf("pingone mcp ended with %v; stderr %q", cmd.ProcessState, stderr.String())
	}
	if got := stderr.String(); !strings.HasPrefix(got, "pingone mcp: 72 tools (read and write (no destructive))") {
		t.Errorf("stderr: %q", got)
	}
}
