package main

import (
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/pingone-go/pingone/actions"
	"github.com/pingone-go/pingone/actions/actionstest"
)

// bearer adds the API key to each request of an MCP client.
type bearer struct {
	key  string
	next http.RoundTripper
}

func (b bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+b.key)
	return b.next.RoundTrip(r)
}

// connectMCP connects the go-sdk's client to the server's /mcp, with key
// (none: no Authorization header).
func (s *served) connectMCP(key string) (*mcp.ClientSession, error) {
	s.t.Helper()
	hc := &http.Client{}
	if key != "" {
		hc.Transport = bearer{key: key, next: http.DefaultTransport}
	}
	client := mcp.NewClient(&mcp.Implementation{Name: "serve-test", Version: "1"}, nil)
	cs, err := client.Connect(s.t.Context(), &mcp.StreamableClientTransport{Endpoint: s.base + "/mcp", HTTPClient: hc, MaxRetries: -1}, nil)
	if err == nil {
		s.t.Cleanup(func() { _ = cs.Close() })
	}
	return cs, err
}

func toolNames(t *testing.T, cs *mcp.ClientSession) []string {
	t.Helper()
	var names []string
	for tool, err := range cs.Tools(t.Context(), nil) {
		if err != nil {
			t.Fatalf("listing the tools: %v", err)
		}
		names = append(names, tool.Name)
	}
	slices.Sort(names)
	return names
}

// TestServeMCPOverHTTP: /mcp needs the API key; by default it offers the
// read-only tools only, and refuses a write; with --allow-writes
// --allow-destructive it offers all 113, and a write goes through.
func TestServeMCPOverHTTP(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	s := startServe(t, c)

	if _, err := s.connectMCP(""); err == nil {
		t.Error("connected to /mcp without the key")
	}
	if _, err := s.connectMCP("pingone_key_wrong"); err == nil {
		t.Error("connected to /mcp with a wrong key")
	}
	// A signed-in session is not enough for MCP.
	browser, csrf := s.signInSession()
	resp, data := s.request(browser, "POST", "/mcp", map[string]any{"jsonrpc": "2.0", "id": 1, "method": "tools/list"}, http.Header{headerCSRF: {csrf}})
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("/mcp with a session and no key: %d %s", resp.StatusCode, data)
	}

	cs, err := s.connectMCP(s.key)
	if err != nil {
		t.Fatalf("connecting with the key: %v", err)
	}
	var readOnly []string
	for _, a := range actions.All() {
		if a.Hints.ReadOnly {
			readOnly = append(readOnly, a.Name)
		}
	}
	slices.Sort(readOnly)
	if got := toolNames(t, cs); !slices.Equal(got, readOnly) {
		t.Errorf("tools by default: %d %v, want the %d read-only actions", len(got), got, len(readOnly))
	}

	res, err := cs.CallTool(t.Context(), &mcp.CallToolParams{Name: "list_users", Arguments: map[string]any{"filter": `username eq "` + c.srv.Admin().Username + `"`}})
	if err != nil || res.IsError {
		t.Fatalf("list_users: %v %+v", err, res)
	}
	out := structured(t, res)
	if err := validate(lookup(t, "list_users").OutputSchema(), out); err != nil {
		t.Errorf("list_users: the output is not valid under its schema: %v", err)
	}
	users := actionstest.Items(t, out.(map[string]any))
	if len(users) != 1 || actionstest.Str(t, users[0], "id") != c.srv.Admin().UserID {
		t.Fatalf("list_users: %v", users)
	}
	res, err = cs.CallTool(t.Context(), &mcp.CallToolParams{Name: "get_user", Arguments: map[string]any{"userID": c.srv.Admin().UserID}})
	if err != nil || res.IsError {
		t.Fatalf("get_user: %v %+v", err, res)
	}
	if err := validate(lookup(t, "get_user").OutputSchema(), structured(t, res)); err != nil {
		t.Errorf("get_user: %v", err)
	}

	before := c.srv.Stats().Writes
	res, err = cs.CallTool(t.Context(), &mcp.CallToolParams{Name: "create_population", Arguments: map[string]any{"body": map[string]any{"name": "From MCP"}}})
	if err == nil || !strings.Contains(err.Error(), "--allow-writes") {
		t.Errorf("create_population without --allow-writes: %v %+v", err, res)
	}
	if after := c.srv.Stats().Writes; !maps.Equal(after, before) {
		t.Errorf("a refused write wrote: %v → %v", before, after)
	}

	// With writes and destructive actions allowed: all of them.
	all := startServe(t, c, "--allow-writes", "--allow-destructive")
	cs, err = all.connectMCP(s.key)
	if err != nil {
		t.Fatal(err)
	}
	if got := toolNames(t, cs); len(got) != len(actions.All()) {
		t.Errorf("tools with --allow-writes --allow-destructive: %d, want %d", len(got), len(actions.All()))
	}
	res, err = cs.CallTool(t.Context(), &mcp.CallToolParams{Name: "create_population", Arguments: map[string]any{"body": map[string]any{"name": "From MCP"}}})
	if err != nil || res.IsError {
		t.Fatalf("create_population with --allow-writes: %v %+v", err, res)
	}
	if got := structured(t, res).(map[string]any); actionstest.Str(t, got, "name") != "From MCP" {
		t.Errorf("create_population: %v", got)
	}
	// A tool error carries PingOne's code and correlation ID.
	res, err = cs.CallTool(t.Context(), &mcp.CallToolParams{Name: "get_population", Arguments: map[string]any{"populationID": "00000000-0000-0000-0000-000000000000"}})
	if err != nil || !res.IsError || len(res.Content) != 1 {
		t.Fatalf("get_population of none: %v %+v", err, res)
	}
	var e rpcError
	if text, ok := res.Content[0].(*mcp.TextContent); !ok || json.Unmarshal([]byte(text.Text), &e) != nil || e.Code != "NOT_FOUND" || e.CorrelationID == "" {
		t.Errorf("get_population of none: %+v", res.Content[0])
	}
}

// structured decodes a tool result's structured content.
func structured(t *testing.T, res *mcp.CallToolResult) any {
	t.Helper()
	data, err := json.Marshal(res.StructuredContent)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	return v
}
