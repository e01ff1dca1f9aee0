package actions_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/actions"
)

// obj is an input or a body.
type obj = map[string]any

func populationScenario(h *harness) (defaultPopulation string) {
	t := h.t
	out := h.invoke("list_populations", obj{"filter": `name sw "Default"`, "limit": 10})
	def := items(t, out)
	if len(def) != 1 {
		t.Fatalf("list_populations: %d default populations, want 1", len(def))
	}
	created := h.invoke("create_population", obj{"body": obj{"name": "Contractors", "description": "People on contract"}})
	pid := str(t, created, "id")
	if got := str(t, h.invoke("get_population", obj{"populationID": pid}), "description"); got != "People on contract" {
		t.Errorf("get_population: description %q", got)
	}
	// A PUT clears what the body leaves out.
	replaced := h.invoke("update_population", obj{"populationID": pid, "body": obj{"name": "Contractors 2026"}})
	if _, ok := replaced["description"]; ok || str(t, replaced, "name") != "Contractors 2026" {
		t.Errorf("update_population: %v", replaced)
	}
	h.invoke("get_population_default_identity_provider", obj{"populationID": pid})
	if out := h.invoke("delete_population", obj{"populationID": pid}); len(out) != 0 {
		t.Errorf("delete_population: output %v, want {}", out)
	}
	_, err := h.call("get_population", obj{"populationID": pid})
	if !errors.Is(err, pingone.ErrNotFound) {
		t.Errorf("get_population after delete_population: %v", err)
	}
	return str(t, def[0], "id")
}

func userScenario(h *harness) {
	t := h.t
	u := h.invoke("create_user", obj{"body": obj{
		"username": "ada.lovelace", "email": "ada@example.com",
		"name":           obj{"given": "Ada", "family": "Lovelace"},
		"employeeNumber": "E-1", // a custom attribute
	}})
	uid := str(t, u, "id")
	if str(t, u, "employeeNumber") != "E-1" {
		t.Errorf("create_user: custom attribute lost: %v", u)
	}
	page := h.invoke("list_users", obj{"filter": `username eq "ada.lovelace"`, "limit": 5})
	if got := items(t, page); len(got) != 1 || str(t, got[0], "id") != uid {
		t.Errorf("list_users: %v", got)
	}
	h.invoke("get_user", obj{"userID": uid, "include": "memberOfGroupNames", "expand": []string{"population"}})
	upd := h.invoke("update_user", obj{"userID": uid, "body": obj{"title": "Analyst", "nickname": nil}})
	if str(t, upd, "title") != "Analyst" || str(t, upd, "email") != "ada@example.com" {
		t.Errorf("update_user: %v", upd)
	}
	h.invoke("delete_user", obj{"userID": uid})
}

// Errors from PingOne carry its status, code, error ID and correlation ID.
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
		{"get_user_activities", `{"startDate": "yesterday"}`, "/startDate"},
	} {
		h.refused(c.action, json.RawMessage(c.input), c.field)
	}
}
