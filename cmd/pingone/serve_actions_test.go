package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/google/jsonschema-go/jsonschema"

	"github.com/pingone-go/pingone/actions"
	"github.com/pingone-go/pingone/actions/actionstest"
	"github.com/pingone-go/pingone/pingonetest"
)

// TestServeEveryActionOverRPC runs each of the 113 actions of the
// catalogue through the Actions RPC of a running pingone serve, over real
// HTTP, against pingonetest: the input is valid under the action's input
// schema (as GET /v1/actions serves it), the answer is 200 with an output
// valid under its output schema. The calls use the API key, except Get
// Current User Info, which needs a signed-in person: it runs in a session
// made by "Sign in with PingOne" (with the key, it is the error path:
// PingOne's refusal, structured).
//
// The scenarios are the actions module's (package actionstest), the ones
// its TestEveryAction runs; their invocations go over HTTP here.
func TestServeEveryActionOverRPC(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	h := &harness{t: t, srv: c.srv, env: c.srv.EnvironmentID(), s: startServe(t, c, "--session-ttl", "1h"),
		invoked: map[string]bool{}, schemas: map[string]actionInfo{}}
	resp, data := h.s.request(nil, "GET", "/v1/actions", nil, h.s.withKey())
	var cat struct{ Actions []actionInfo }
	if resp.StatusCode != 200 || json.Unmarshal(data, &cat) != nil {
		t.Fatalf("GET /v1/actions: %d %.300s", resp.StatusCode, data)
	}
	for _, a := range cat.Actions {
		h.schemas[a.Name] = a
	}
	if len(cat.Actions) != len(actions.All()) || len(h.schemas) != len(cat.Actions) {
		t.Fatalf("GET /v1/actions lists %d actions (%d names), the catalogue has %d", len(cat.Actions), len(h.schemas), len(actions.All()))
	}

	actionstest.Run(t, c.srv, h)
	userinfoScenario(h)

	var missing []string
	for _, a := range actions.All() {
		if !h.invoked[a.Name] {
			missing = append(missing, a.Name)
		}
	}
	if len(missing) > 0 {
		t.Errorf("not run over the RPC: %s", strings.Join(missing, ", "))
	}
	if !t.Failed() {
		fmt.Printf("serve: %d/%d actions over the Actions RPC, inputs and outputs schema-valid\n", len(actions.All())-len(missing), len(actions.All()))
	}
}

// TestServeRPCErrors: PingOne's refusal comes back structured (status,
// code, error ID, correlation ID) with its status; input that is not
// valid is refused naming the member, before any request; writes need
// the opt-in header, destructive actions the confirmation.
func TestServeRPCErrors(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	s := startServe(t, c)

	resp, data := s.request(nil, "POST", "/v1/actions/get_user", obj{"userID": "00000000-0000-0000-0000-000000000000"}, s.withKey())
	e := decodeError(t, resp, data)
	if resp.StatusCode != 404 || e.Kind != "api_error" || e.Status != 404 || e.Code != "NOT_FOUND" || e.ErrorID == "" || e.CorrelationID == "" {
		t.Errorf("get_user of no user: %d %s", resp.StatusCode, data)
	}

	before := c.srv.Stats().Requests
	for _, tc := range []struct {
		action string
		input  any
		header []string
		status int
		kind   string
		field  string
	}{
		{"get_user", obj{}, nil, 400, "invalid_input", "/userID"},
		{"list_users", obj{"filter": `username eq`}, nil, 400, "invalid_input", "/filter"},
		{"create_user", obj{"body": obj{}}, []string{headerAllowWrites, "true"}, 400, "invalid_input", "/body/username"},
		{"get_user", `{"userID": `, []string{"Content-Type", "application/json"}, 400, "invalid_input", ""},
		{"no_such_action", obj{}, nil, 404, "unknown_action", ""},
		{"create_population", obj{"body": obj{"name": "P"}}, nil, 403, "writes_not_allowed", ""},
		{"create_population", obj{"body": obj{"name": "P"}}, []string{headerAllowWrites, "yes"}, 403, "writes_not_allowed", ""},
		{"delete_population", obj{"populationID": "p"}, []string{headerAllowWrites, "true"}, 403, "not_confirmed", ""},
		{"delete_population", obj{"populationID": "p"}, []string{headerAllowWrites, "true", headerConfirm, "delete_user"}, 403, "not_confirmed", ""},
	} {
		resp, data := s.request(nil, "POST", "/v1/actions/"+tc.action, tc.input, s.withKey(tc.header...))
		e := decodeError(t, resp, data)
		if resp.StatusCode != tc.status || e.Kind != tc.kind || e.Field != tc.field {
			t.Errorf("%s %v %v: %d %s", tc.action, tc.input, tc.header, resp.StatusCode, data)
		}
	}
	// A body that is not JSON.
	resp, data = s.request(nil, "POST", "/v1/actions/list_users", "limit=1", s.withKey("Content-Type", "text/plain"))
	if resp.StatusCode != http.StatusUnsupportedMediaType || decodeError(t, resp, data).Kind != "invalid_request" {
		t.Errorf("a text/plain input: %d %s", resp.StatusCode, data)
	}
	after := c.srv.Stats().Requests
	for k, n := range after {
		if k != "POST /{envID}/as/token" && k != "GET /v1/environments/{envID}/users/{userID}" && n != before[k] {
			t.Errorf("refused calls sent %s %d times", k, n-before[k])
		}
	}
}

// actionInfo.InputSchema as a jsonschema.Schema.
func (h *harness) schema(name string, output bool) *jsonschema.Schema {
	h.t.Helper()
	info, ok := h.schemas[name]
	if !ok {
		h.t.Fatalf("GET /v1/actions lists no %q", name)
	}
	raw := info.InputSchema
	if output {
		raw = info.OutputSchema
	}
	var s jsonschema.Schema
	if err := json.Unmarshal(raw, &s); err != nil {
		h.t.Fatalf("%s: the schema served does not decode: %v", name, err)
	}
	return &s
}

// harness runs actions through the Actions RPC of a pingone serve.
type harness struct {
	t       *testing.T
	srv     *pingonetest.Server
	env     string
	s       *served
	schemas map[string]actionInfo // as GET /v1/actions lists them
	invoked map[string]bool
	// session: a signed-in browser's client and CSRF token (else the key).
	session *http.Client
	csrf    string
}

// Invoke, Call and NotFound make the harness an [actionstest.Invoker].
func (h *harness) Invoke(name string, input any) map[string]any        { return h.invoke(name, input) }
func (h *harness) Call(name string, input any) (map[string]any, error) { return h.call(name, input) }
func (h *harness) NotFound(err error) bool {
	e, ok := errors.AsType[*rpcError](err)
	return ok && e.httpStatus == 404 && e.Code == "NOT_FOUND"
}

// invoke runs an action with an input valid under its schema and returns
// its output, decoded.
func (h *harness) invoke(name string, input any) map[string]any {
	h.t.Helper()
	out, err := h.call(name, input)
	if err != nil {
		h.t.Fatalf("%s: %v", name, err)
	}
	return out
}

// call is invoke for a call that may fail (an *rpcError); the input must
// still be valid.
func (h *harness) call(name string, input any) (map[string]any, error) {
	h.t.Helper()
	a := lookup(h.t, name)
	raw, err := json.Marshal(input)
	if err != nil {
		h.t.Fatal(err)
	}
	var inst any
	if err := json.Unmarshal(raw, &inst); err != nil {
		h.t.Fatal(err)
	}
	if err := validate(h.schema(name, false), inst); err != nil {
		h.t.Fatalf("%s: the test's input %s is not valid under the input schema: %v", name, raw, err)
	}
	var hdr http.Header
	client := h.session
	if client != nil {
		hdr = http.Header{headerCSRF: {h.csrf}}
	} else {
		hdr = h.s.withKey()
	}
	hdr.Set("Content-Type", "application/json")
	if !a.Hints.ReadOnly {
		hdr.Set(headerAllowWrites, "true")
	}
	if a.Hints.Destructive {
		hdr.Set(headerConfirm, name)
	}
	resp, data := h.s.request(client, "POST", "/v1/actions/"+name, string(raw), hdr.Clone())
	if resp.StatusCode != 200 {
		return nil, decodeError(h.t, resp, data)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		h.t.Errorf("%s: answered as %q", name, ct)
	}
	var out any
	if err := json.Unmarshal(data, &out); err != nil {
		h.t.Fatalf("%s: the output is not JSON: %v: %s", name, err, data)
	}
	if err := validate(h.schema(name, true), out); err != nil {
		h.t.Fatalf("%s: the output is not valid under the output schema: %v\n%s", name, err, data)
	}
	obj, ok := out.(map[string]any)
	if !ok {
		h.t.Fatalf("%s: the output is not an object: %s", name, data)
	}
	h.invoked[name] = true
	return obj, nil
}

// lookup returns the action named name, failing the test when there is none.
func lookup(t testing.TB, name string) *actions.Action {
	t.Helper()
	a, ok := actions.Lookup(name)
	if !ok {
		t.Fatalf("no action %q", name)
	}
	return a
}

// validate checks v against s.
func validate(s *jsonschema.Schema, v any) error {
	r, err := s.Resolve(nil)
	if err != nil {
		return err
	}
	return r.Validate(v)
}

// obj is an input or a body.
type obj = map[string]any

// userinfoScenario: with the key (a worker's token), Get Current User
// Info is PingOne's refusal, structured; in a session made by "Sign in
// with PingOne", it answers the administrator's claims.
func userinfoScenario(h *harness) {
	t := h.t
	_, err := h.call("get_current_user_info", obj{})
	e, ok := errors.AsType[*rpcError](err)
	if !ok || e.Kind != "api_error" || e.httpStatus < 400 || e.httpStatus >= 500 || e.Code == "" || e.CorrelationID == "" {
		t.Errorf("get_current_user_info with the key (a worker's token): %v", err)
	}
	browser, csrf := h.s.signInSession()
	user := *h
	user.session, user.csrf = browser, csrf
	claims := user.invoke("get_current_user_info", obj{})
	if actionstest.Str(t, claims, "sub") != h.srv.Admin().UserID || actionstest.Str(t, claims, "email") == "" {
		t.Errorf("get_current_user_info: %v", claims)
	}
}
