package actions_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/actions"
	"github.com/pingone-go/pingone/actions/actionstest"
)

// obj is an input or a body.
type obj = map[string]any

func TestAPIError(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	_, err := lookup(t, "get_user").Invoke(t.Context(), h.client, h.env, json.RawMessage(`{"userID":"00000000-0000-0000-0000-000000000000"}`))
	var e *actions.Error
	if !errors.As(err, &e) {
		t.Fatalf("got %v, want an *actions.Error", err)
	}
	if e.Kind != actions.APIFailure || e.Status != 404 || e.Code != "NOT_FOUND" || e.ErrorID == "" || e.CorrelationID == "" || e.Message == "" {
		t.Errorf("got %+v", e)
	}
	if !errors.Is(err, pingone.ErrNotFound) {
		t.Errorf("%v does not match pingone.ErrNotFound", err)
	}
	data, jerr := json.Marshal(e)
	if jerr != nil {
		t.Fatal(jerr)
	}
	var back map[string]any
	if err := json.Unmarshal(data, &back); err != nil || back["status"] != 404.0 || back["kind"] != "api_error" || back["correlationId"] != e.CorrelationID {
		t.Errorf("the error encodes as %s", data)
	}
}

// Input that is not valid is refused before anything is sent, naming the
// member at fault.
func TestInvalidInputs(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	for _, c := range []struct {
		action, input, field string
	}{
		{"get_user", `{}`, "/userID"},
		{"get_user", `{"userID": ""}`, "/userID"},
		{"get_user", `{"userID": 7}`, "/userID"},
		{"get_user", `{"userID": "u", "color": "red"}`, "/color"},
		{"get_user", `[]`, ""},
		{"get_user", `{"userID": "u"`, ""},
		{"list_users", `{"filter": "username eq"}`, "/filter"},
		{"list_users", `{"filter": "username eq \"a\" and"}`, "/filter"},
		{"list_users", `{"limit": 0}`, "/limit"},
		{"list_users", `{"limit": 1.5}`, "/limit"},
		{"create_user", `{"body": {}}`, "/body/username"},
		{"create_user", `{"body": {"username": "x", "name": {"given": 1}}}`, "/body/name/given"},
		{"create_user", `{"body": {"username": "x", "password": {"value": "Secr3t!!", "forceChange": "no"}}}`, "/body/password/forceChange"},
		{"update_population", `{"populationID": "p", "body": {"name": "n", "alternativeIdentifiers": ["a", 2]}}`, "/body/alternativeIdentifiers/1"},
		{"get_user_activities", `{"startDate": "yesterday", "endDate": "2026-01-02T00:00:00Z"}`, "/startDate"},
		{"get_user_activities", `{"startDate": "2026-01-01T00:00:00Z"}`, "/endDate"},
		{"get_user", `{"userID": "."}`, "/userID"},
		{"update_population_default_identity_provider", `{"populationID": "p", "body": {"id": "i", "type": "SAML"}}`, "/body/type"},
		{"update_user_enabled_status", `{"userID": "u", "body": {"enabled": "yes"}}`, "/body/enabled"},
		{"create_group", `{"body": {"name": "g", "userFilter": 3}}`, "/body/userFilter"},
		{"generate_application_secret", `{"applicationID": "a", "body": {"previous": {"expiresAt": "soon"}}}`, "/body/previous/expiresAt"},
	} {
		h.refused(c.action, json.RawMessage(c.input), c.field)
	}
}

// An ID that would change the path (".", "..") is refused before anything
// is sent, naming the member, for every ID of every action.
func TestDotIDs(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	for _, a := range actions.All() {
		for _, name := range a.InputSchema().Required {
			p := a.InputSchema().Properties[name]
			if p.Type != "string" || p.MinLength == nil {
				continue // not an ID
			}
			in := map[string]any{}
			for _, r := range a.InputSchema().Required {
				in[r] = "x"
				if r == "body" {
					in[r] = map[string]any{}
				}
			}
			in[name] = ".."
			data, _ := json.Marshal(in)
			if a.InputSchema().Properties["body"] != nil {
				continue // an empty body would be refused first
			}
			h.refused(a.Name, data, "/"+name)
		}
	}
}

// A list's next_cursor, passed back as cursor, reads the next page, to the
// last one.
func TestListCursor(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	want := map[string]bool{}
	for _, name := range []string{"a.one", "a.two", "a.three"} {
		want[actionstest.Str(t, h.invoke("create_user", obj{"body": obj{"username": name, "email": name + "@example.com"}}), "id")] = true
	}
	got := map[string]bool{}
	in := obj{"filter": `username sw "a."`, "limit": 1}
	for pages := 1; ; pages++ {
		out := h.invoke("list_users", in)
		for _, u := range actionstest.Items(t, out) {
			got[actionstest.Str(t, u, "id")] = true
		}
		next, ok := out["next_cursor"].(string)
		if !ok {
			break
		}
		if pages > 5 {
			t.Fatal("the cursor does not end")
		}
		in = obj{"cursor": next, "limit": 1}
	}
	if len(got) != len(want) {
		t.Errorf("read %d users, want %d", len(got), len(want))
	}
	for id := range want {
		if !got[id] {
			t.Errorf("user %s not read", id)
		}
	}
	_, err := lookup(t, "list_users").Invoke(t.Context(), h.client, h.env, json.RawMessage(`{"cursor": "https://elsewhere.example.com/v1/environments/x/users?cursor=1"}`))
	var e *actions.Error
	if !errors.As(err, &e) || e.Kind != actions.InvalidInput || e.Field != "/cursor" {
		t.Errorf("a cursor to another host: %v", err)
	}
}

// Outputs redact secrets, except those of the actions that return one.
func TestSecrets(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	app := h.invoke("create_application", obj{"body": obj{
		"name": "Reporting", "type": "WORKER", "protocol": "OPENID_CONNECT", "enabled": true,
		"tokenEndpointAuthMethod": "CLIENT_SECRET_BASIC",
	}})
	id := actionstest.Str(t, app, "id")
	secret := actionstest.Str(t, h.invoke("get_application_secret", obj{"applicationID": id}), "secret")
	if len(secret) < 16 || secret == "[REDACTED]" {
		t.Fatalf("get_application_secret: %q", secret)
	}
	for _, out := range []map[string]any{app, h.invoke("get_application", obj{"applicationID": id})} {
		if data := mustJSON(t, out); strings.Contains(string(data), secret) {
			t.Errorf("an application's output holds its secret: %s", data)
		}
	}

	// A TOTP device's enrolment secret is redacted.
	uid := actionstest.Str(t, h.invoke("create_user", obj{"body": obj{"username": "totp.user", "email": "t@example.com"}}), "id")
	totp := h.invoke("pair_user_mfa_device", obj{"userID": uid, "body": obj{"type": "TOTP"}})
	if s, _ := totp["secret"].(string); s != "[REDACTED]" {
		t.Errorf("pair_user_mfa_device: TOTP secret %q, want it redacted", s)
	}

	// A secret in an input reaches PingOne, and no output; an SDK that
	// cannot send it refuses the input rather than drop it.
	h.rec.take()
	_, err := lookup(t, "create_identity_provider").Invoke(t.Context(), h.client, h.env, mustJSON(t, obj{"body": obj{
		"name": "Workforce", "enabled": true, "type": "OPENID_CONNECT",
		"authorizationEndpoint": "https://idp.example.com/authorize", "tokenEndpoint": "https://idp.example.com/token",
		"jwksEndpoint": "https://idp.example.com/jwks", "issuer": "https://idp.example.com",
		"clientId": "pingone", "clientSecret": "idp-secret-value", "scopes": []string{"openid"},
		"tokenEndpointAuthMethod": "CLIENT_SECRET_POST",
	}}))
	sent := h.rec.take()
	var e *actions.Error
	switch {
	case err == nil:
		found := false
		for _, s := range sent {
			found = found || (s.method == "POST" && strings.Contains(string(s.body), `"clientSecret":"idp-secret-value"`))
		}
		if !found {
			t.Errorf("create_identity_provider did not send the client secret")
		}
	case errors.As(err, &e) && e.Kind == actions.InvalidInput && e.Field == "/body/clientSecret":
		if len(sent) != 0 {
			t.Errorf("a refused input sent %d requests", len(sent))
		}
		if strings.Contains(err.Error(), "idp-secret-value") {
			t.Errorf("the error shows the secret: %v", err)
		}
	default:
		t.Errorf("create_identity_provider with a secret: %v", err)
	}
}

// The catalogue is safe for concurrent use.
func TestConcurrentInvokes(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	a := lookup(t, "list_populations")
	errs := make(chan error, 8)
	for range 8 {
		go func() {
			_, err := a.Invoke(t.Context(), h.client, h.env, json.RawMessage(`{"filter": "name sw \"Def\"", "limit": 2}`))
			errs <- err
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// Invoke's other arguments.
func TestInvokeArguments(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	a := lookup(t, "list_users")
	var e *actions.Error

	_, err := a.Invoke(t.Context(), nil, h.env, nil)
	if !errors.As(err, &e) || e.Kind != actions.InvalidInput {
		t.Errorf("no client: %v", err)
	}
	before := total(h.srv.Stats().Requests)
	_, err = a.Invoke(t.Context(), h.client, "", nil)
	if !errors.As(err, &e) || e.Kind != actions.InvalidInput || e.Field != "environmentID" {
		t.Errorf("no environment: %v", err)
	}
	if total(h.srv.Stats().Requests) != before {
		t.Error("no environment: a request was sent")
	}
	// System roles belong to the organization: no environment needed.
	if _, err := lookup(t, "list_system_roles").Invoke(t.Context(), h.client, "", nil); err != nil {
		t.Errorf("list_system_roles without an environment: %v", err)
	}

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err = a.Invoke(ctx, h.client, h.env, nil)
	if !errors.As(err, &e) || e.Kind != actions.RequestFailed || !errors.Is(err, context.Canceled) {
		t.Errorf("a canceled context: %v", err)
	}
}
