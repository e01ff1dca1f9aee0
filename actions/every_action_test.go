package actions_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/actions"
	"github.com/pingone-go/pingone/actions/actionstest"
)

// TestEveryAction invokes each of the 113 actions against pingonetest with
// an input valid under its input schema, checks that it sent the action's
// route and that its output is valid under its output schema; then checks
// that one invalid input per action is refused before any request.
func TestEveryAction(t *testing.T) {
	t.Parallel()
	h := newHarness(t)

	actionstest.Run(t, h.srv, h)
	userinfoScenario(h)

	all := actions.All()
	var missing []string
	for _, a := range all {
		if !h.invoked[a.Name] {
			missing = append(missing, a.Name)
		}
	}
	if len(missing) > 0 {
		t.Errorf("not invoked: %s", strings.Join(missing, ", "))
	}

	// One invalid input per action, derived from the valid one: refused,
	// naming the member, with nothing sent.
	refused := 0
	for _, a := range all {
		valid, ok := h.inputs[a.Name]
		if !ok {
			continue
		}
		bad, field := invalidVariant(t, a, valid)
		h.refused(a.Name, bad, field)
		refused++
	}
	if refused != len(all) {
		t.Errorf("%d/%d actions refused an invalid input", refused, len(all))
	}
	if !t.Failed() {
		fmt.Printf("actions: %d/%d invoked, inputs and outputs schema-valid\n", len(all)-len(missing), len(all))
	}
}

// invalidVariant turns a valid input into an invalid one, and says which
// member the refusal must name.
func invalidVariant(t *testing.T, a *actions.Action, valid json.RawMessage) (json.RawMessage, string) {
	t.Helper()
	var in map[string]any
	if err := json.Unmarshal(valid, &in); err != nil {
		t.Fatal(err)
	}
	props := a.InputSchema().Properties
	switch {
	case props["body"] != nil:
		in["body"] = "not an object"
		return mustJSON(t, in), "/body"
	case len(a.InputSchema().Required) > 0:
		delete(in, a.InputSchema().Required[0])
		return mustJSON(t, in), "/" + a.InputSchema().Required[0]
	case props["filter"] != nil:
		in["filter"] = `name eq "unterminated`
		return mustJSON(t, in), "/filter"
	case props["limit"] != nil:
		in["limit"] = 0
		return mustJSON(t, in), "/limit"
	}
	in["unexpected"] = true
	return mustJSON(t, in), "/unexpected"
}

func mustJSON(t testing.TB, v any) json.RawMessage {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// userinfoScenario signs the seeded administrator in (authorization code
// with PKCE, as a browser would) and reads their claims; with the
// worker's token, the action fails with PingOne's refusal.
func userinfoScenario(h *harness) {
	t := h.t
	_, err := lookup(t, "get_current_user_info").Invoke(t.Context(), h.client, h.env, nil)
	var e *actions.Error
	if !errors.As(err, &e) || e.Kind != actions.APIFailure || !errors.Is(err, pingone.ErrUserTokenRequired) {
		t.Errorf("get_current_user_info with a worker's token: %v", err)
	}
	user := h.withClient(signIn(t, h, "openid", "profile", "email"))
	claims := user.invoke("get_current_user_info", obj{})
	if actionstest.Str(t, claims, "sub") != h.srv.Admin().UserID || actionstest.Str(t, claims, "email") == "" {
		t.Errorf("get_current_user_info: %v", claims)
	}
}

// signIn signs the seeded administrator in through the seeded CLI
// application and returns a client holding their token.
func signIn(t *testing.T, h *harness, scopes ...string) *pingone.Client {
	t.Helper()
	ctx := t.Context()
	const redirect = "http://127.0.0.1:1/callback"
	flow, err := pingone.NewAuthCodeFlow(pingone.AuthCodeConfig{
		AuthURL: h.srv.AuthURL(), EnvironmentID: h.env, ClientID: h.srv.CLIClientID(),
		RedirectURL: redirect, Scopes: scopes,
	})
	if err != nil {
		t.Fatal(err)
	}
	state, verifier := pingone.NewState(), pingone.NewVerifier()
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	authURL := flow.AuthCodeURL(state, verifier)
	u, err := url.Parse(authURL)
	if err != nil {
		t.Fatal(err)
	}
	form := u.Query()
	admin := h.srv.Admin()
	form.Set("username", admin.Username)
	form.Set("password", admin.Password)
	req, err := http.NewRequestWithContext(ctx, "POST", u.Scheme+"://"+u.Host+u.Path, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || resp.StatusCode != http.StatusFound || loc.Query().Get("state") != state {
		t.Fatalf("sign-in: %d %v", resp.StatusCode, loc)
	}
	tok, err := flow.Exchange(ctx, loc.Query().Get("code"), verifier)
	if err != nil {
		t.Fatal(err)
	}
	c, err := pingone.NewClient(
		pingone.WithBaseURLs(h.srv.APIURL(), h.srv.AuthURL()),
		pingone.WithTokenSource(flow.TokenSource(tok, nil)),
		pingone.WithHTTPClient(&http.Client{Transport: h.rec}),
	)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
