package actions_test

import (
	"encoding/json"
	"errors"
	"io"
	"maps"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/google/jsonschema-go/jsonschema"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/actions"
	"github.com/pingone-go/pingone/pingonetest"
)

// harness invokes actions against a pingonetest server and checks each
// call: the input is valid under the action's input schema, the request
// sent is the action's route, and the output is valid under its output
// schema.
type harness struct {
	t       *testing.T
	srv     *pingonetest.Server
	client  *pingone.Client
	env     string
	rec     *recorder
	mu      sync.Mutex
	invoked map[string]bool
	inputs  map[string]json.RawMessage // the valid input of each action invoked
}

func newHarness(t *testing.T, opts ...pingonetest.Option) *harness {
	t.Helper()
	srv := pingonetest.NewServer(t, opts...)
	rec := &recorder{next: http.DefaultTransport}
	c, err := pingone.NewClient(append(srv.ClientOptions(),
		pingone.WithHTTPClient(&http.Client{Transport: rec}),
		pingone.WithPermissionPropagationWindow(0))...)
	if err != nil {
		t.Fatal(err)
	}
	return &harness{t: t, srv: srv, client: c, env: srv.EnvironmentID(), rec: rec,
		invoked: map[string]bool{}, inputs: map[string]json.RawMessage{}}
}

// withClient returns a harness on the same server and records that calls
// through another client (a signed-in user's).
func (h *harness) withClient(c *pingone.Client) *harness {
	cp := &harness{t: h.t, srv: h.srv, client: c, env: h.env, rec: h.rec, invoked: h.invoked, inputs: h.inputs}
	return cp
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

// Invoke, Call and NotFound make the harness an [actionstest.Invoker].
func (h *harness) Invoke(name string, input any) map[string]any        { return h.invoke(name, input) }
func (h *harness) Call(name string, input any) (map[string]any, error) { return h.call(name, input) }
func (h *harness) NotFound(err error) bool                             { return errors.Is(err, pingone.ErrNotFound) }

// invoke invokes an action with an input valid under its schema and
// returns its output, decoded.
func (h *harness) invoke(name string, input any) map[string]any {
	h.t.Helper()
	out, err := h.call(name, input)
	if err != nil {
		h.t.Fatalf("%s: %v", name, err)
	}
	return out
}

// call is invoke for a call that may fail (the input must still be valid).
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
	if err := validate(a.InputSchema(), inst); err != nil {
		h.t.Fatalf("%s: the test's input %s is not valid under the input schema: %v", name, raw, err)
	}
	h.rec.take()
	data, err := a.Invoke(h.t.Context(), h.client, h.env, raw)
	sent := h.rec.take()
	if err != nil {
		return nil, err
	}
	h.checkRoute(a, sent)
	var out any
	if err := json.Unmarshal(data, &out); err != nil {
		h.t.Fatalf("%s: the output is not JSON: %v: %s", name, err, data)
	}
	if err := validate(a.OutputSchema(), out); err != nil {
		h.t.Fatalf("%s: the output is not valid under the output schema: %v\n%s", name, err, data)
	}
	obj, ok := out.(map[string]any)
	if !ok {
		h.t.Fatalf("%s: the output is not an object: %s", name, data)
	}
	h.mu.Lock()
	h.invoked[name] = true
	h.inputs[name] = raw
	h.mu.Unlock()
	return obj, nil
}

// checkRoute checks that the last request (other than for a token) was
// the action's method on its path.
func (h *harness) checkRoute(a *actions.Action, sent []sentRequest) {
	h.t.Helper()
	var last *sentRequest
	for i := range sent {
		if !strings.HasSuffix(sent[i].path, "/as/token") {
			last = &sent[i]
		}
	}
	if last == nil {
		h.t.Fatalf("%s: sent nothing", a.Name)
		return
	}
	path, ok := strings.CutPrefix(last.path, "/v1")
	if !ok && !strings.HasSuffix(last.path, "/as/userinfo") {
		h.t.Fatalf("%s: sent %s %s, not to the API", a.Name, last.method, last.path)
	}
	if last.method != a.Method || !matchRoute(a.Path, path, h.env) {
		h.t.Fatalf("%s: sent %s %s, want %s %s", a.Name, last.method, last.path, a.Method, a.Path)
	}
}

// matchRoute reports whether path is the route template with its
// parameters filled ({environmentID} with env).
func matchRoute(template, path, env string) bool {
	ts, ps := strings.Split(template, "/"), strings.Split(path, "/")
	if len(ts) != len(ps) {
		return false
	}
	for i, seg := range ts {
		switch {
		case seg == "{environmentID}":
			if ps[i] != env {
				return false
			}
		case strings.HasPrefix(seg, "{"):
			if ps[i] == "" {
				return false
			}
		case seg != ps[i]:
			return false
		}
	}
	return true
}

// refused checks that input is refused as invalid, naming field, and that
// nothing reached the server.
func (h *harness) refused(name string, input json.RawMessage, field string) *actions.Error {
	h.t.Helper()
	a := lookup(h.t, name)
	before := total(h.srv.Stats().Requests)
	h.rec.take()
	_, err := a.Invoke(h.t.Context(), h.client, h.env, input)
	sent := h.rec.take()
	after := total(h.srv.Stats().Requests)
	var e *actions.Error
	if !errors.As(err, &e) {
		h.t.Fatalf("%s %s: got %v, want an *actions.Error", name, input, err)
	}
	if e.Kind != actions.InvalidInput || e.Field != field || e.Action != name || e.Message == "" {
		h.t.Fatalf("%s %s: got %+v (%v), want invalid input at %q", name, input, e, e, field)
	}
	if after != before || len(sent) != 0 {
		h.t.Fatalf("%s %s: refused input sent %d requests", name, input, after-before+len(sent))
	}
	return e
}

func total(m map[string]int) int {
	n := 0
	for _, v := range maps.All(m) {
		n += v
	}
	return n
}

// validate checks v against s.
func validate(s *jsonschema.Schema, v any) error {
	r, err := s.Resolve(nil)
	if err != nil {
		return err
	}
	return r.Validate(v)
}

// recorder records the requests a client sends.
type recorder struct {
	next http.RoundTripper
	mu   sync.Mutex
	sent []sentRequest
}

type sentRequest struct {
	method, path string
	body         []byte
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	sent := sentRequest{method: req.Method, path: req.URL.EscapedPath()}
	if req.Body != nil && req.GetBody != nil {
		if body, err := req.GetBody(); err == nil {
			sent.body, _ = io.ReadAll(body)
			body.Close()
		}
	}
	r.mu.Lock()
	r.sent = append(r.sent, sent)
	r.mu.Unlock()
	return r.next.RoundTrip(req)
}

// take returns the requests recorded since the last call.
func (r *recorder) take() []sentRequest {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.sent
	r.sent = nil
	return s
}
