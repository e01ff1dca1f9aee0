// Package actionstest holds scenarios that invoke every action of the
// catalogue but one against pingonetest, for the tests of each face that
// runs actions (the actions package itself, pingone serve's Actions RPC):
// one set of scenarios, run through whatever invokes an action.
//
// Get Current User Info is left to each face: it needs a person signed in,
// and each face signs one in its own way.
package actionstest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"slices"
	"testing"
	"time"

	"github.com/google/jsonschema-go/jsonschema"
	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/actions"
	"github.com/pingone-go/pingone/pingonetest"
)

// Invoker runs actions for the scenarios.
type Invoker interface {
	// Invoke runs the action with an input valid under its input schema,
	// checks the output against its output schema and returns it decoded;
	// a failure fails the test.
	Invoke(name string, input any) map[string]any
	// Call is Invoke for a call that may fail (the input is still valid).
	Call(name string, input any) (map[string]any, error)
	// NotFound reports whether err, from Call, is PingOne's NOT_FOUND.
	NotFound(err error) bool
}

// Run runs every scenario against srv (whose environment the invoker acts
// on) through inv: each action of the catalogue but Get Current User Info
// is invoked at least once, and the outputs are checked against what the
// scenarios did.
func Run(t *testing.T, srv *pingonetest.Server, inv Invoker) {
	t.Helper()
	h := &run{t: t, srv: srv, env: srv.EnvironmentID(), inv: inv}
	roles := roleScenario(h)
	certificateID := certificateScenario(h)
	policyScenario(h)
	populationScenario(h)
	identityProviderScenario(h, certificateID)
	userScenario(h)
	userSubresourceScenario(h, roles)
	groupScenario(h, roles)
	applicationScenario(h, roles)
	mfaScenario(h)
}

// run is what the scenarios share.
type run struct {
	t   *testing.T
	srv *pingonetest.Server
	env string
	inv Invoker
}

func (h *run) invoke(name string, input any) map[string]any {
	h.t.Helper()
	return h.inv.Invoke(name, input)
}

func (h *run) call(name string, input any) (map[string]any, error) {
	h.t.Helper()
	return h.inv.Call(name, input)
}

// obj is an input or a body.
type obj = map[string]any

// Str returns the string at a path of a decoded output, failing the test
// when there is none.
func Str(t testing.TB, v map[string]any, path ...string) string {
	t.Helper()
	var cur any = v
	for _, p := range path {
		m, ok := cur.(map[string]any)
		if !ok {
			t.Fatalf("no %v in %v", path, v)
		}
		cur = m[p]
	}
	s, ok := cur.(string)
	if !ok {
		t.Fatalf("%v is %v, not a string", path, cur)
	}
	return s
}

// Items returns a list output's items, failing the test when it has none.
func Items(t testing.TB, out map[string]any) []map[string]any {
	t.Helper()
	raw, ok := out["items"].([]any)
	if !ok {
		t.Fatalf("no items in %v", out)
	}
	var res []map[string]any
	for _, it := range raw {
		m, ok := it.(map[string]any)
		if !ok {
			t.Fatalf("item %v is not an object", it)
		}
		res = append(res, m)
	}
	return res
}

func populationScenario(h *run) (defaultPopulation string) {
	t := h.t
	out := h.invoke("list_populations", obj{"filter": `name sw "Default"`, "limit": 10})
	def := Items(t, out)
	if len(def) != 1 {
		t.Fatalf("list_populations: %d default populations, want 1", len(def))
	}
	created := h.invoke("create_population", obj{"body": obj{"name": "Contractors", "description": "People on contract"}})
	pid := Str(t, created, "id")
	if got := Str(t, h.invoke("get_population", obj{"populationID": pid}), "description"); got != "People on contract" {
		t.Errorf("get_population: description %q", got)
	}
	// A PUT clears what the body leaves out.
	replaced := h.invoke("update_population", obj{"populationID": pid, "body": obj{"name": "Contractors 2026"}})
	if _, ok := replaced["description"]; ok || Str(t, replaced, "name") != "Contractors 2026" {
		t.Errorf("update_population: %v", replaced)
	}
	h.invoke("get_population_default_identity_provider", obj{"populationID": pid})
	if out := h.invoke("delete_population", obj{"populationID": pid}); len(out) != 0 {
		t.Errorf("delete_population: output %v, want {}", out)
	}
	_, err := h.call("get_population", obj{"populationID": pid})
	if !h.inv.NotFound(err) {
		t.Errorf("get_population after delete_population: %v", err)
	}
	return Str(t, def[0], "id")
}

func userScenario(h *run) {
	t := h.t
	u := h.invoke("create_user", obj{"body": obj{
		"username": "ada.lovelace", "email": "ada@example.com",
		"name":           obj{"given": "Ada", "family": "Lovelace"},
		"employeeNumber": "E-1", // a custom attribute
	}})
	uid := Str(t, u, "id")
	if Str(t, u, "employeeNumber") != "E-1" {
		t.Errorf("create_user: custom attribute lost: %v", u)
	}
	page := h.invoke("list_users", obj{"filter": `username eq "ada.lovelace"`, "limit": 5})
	if got := Items(t, page); len(got) != 1 || Str(t, got[0], "id") != uid {
		t.Errorf("list_users: %v", got)
	}
	h.invoke("get_user", obj{"userID": uid, "include": "memberOfGroupNames", "expand": []string{"population"}})
	upd := h.invoke("update_user", obj{"userID": uid, "body": obj{"title": "Analyst", "nickname": nil}})
	if Str(t, upd, "title") != "Analyst" || Str(t, upd, "email") != "ada@example.com" {
		t.Errorf("update_user: %v", upd)
	}
	h.invoke("delete_user", obj{"userID": uid})
}

// Errors from PingOne carry its status, code, error ID and correlation ID.

// systemRoles are the IDs of the system roles the scenarios assign.
type systemRoles struct {
	identityDataAdmin, identityDataReadOnly, organizationAdmin string
}

func roleScenario(h *run) systemRoles {
	t := h.t
	var r systemRoles
	for _, role := range Items(t, h.invoke("list_system_roles", obj{"limit": 100})) {
		switch Str(t, role, "name") {
		case string(pingone.RoleIdentityDataAdmin):
			r.identityDataAdmin = Str(t, role, "id")
		case string(pingone.RoleIdentityDataReadOnly):
			r.identityDataReadOnly = Str(t, role, "id")
		case string(pingone.RoleOrganizationAdmin):
			r.organizationAdmin = Str(t, role, "id")
		}
	}
	if r.identityDataAdmin == "" || r.identityDataReadOnly == "" || r.organizationAdmin == "" {
		t.Fatalf("list_system_roles: missing roles: %+v", r)
	}
	if got := Str(t, h.invoke("get_system_role", obj{"roleID": r.identityDataAdmin}), "name"); got != string(pingone.RoleIdentityDataAdmin) {
		t.Errorf("get_system_role: %q", got)
	}

	custom := h.invoke("create_custom_role", obj{"body": obj{
		"name":            "User Reader",
		"permissions":     []obj{{"id": "identity:read:user"}},
		"canBeAssignedBy": []obj{{"id": r.organizationAdmin}},
		"applicableTo":    []string{"ENVIRONMENT"},
	}})
	cid := Str(t, custom, "id")
	listed := Items(t, h.invoke("list_custom_roles", obj{"filter": `type eq "CUSTOM"`}))
	if !slices.ContainsFunc(listed, func(m map[string]any) bool { return m["id"] == cid }) {
		t.Errorf("list_custom_roles: %s not listed", cid)
	}
	h.invoke("get_custom_role", obj{"customRoleID": cid})
	upd := h.invoke("update_custom_role", obj{"customRoleID": cid, "body": obj{
		"name":            "User Reader",
		"description":     "Reads users",
		"permissions":     []obj{{"id": "identity:read:user"}},
		"canBeAssignedBy": []obj{{"id": r.organizationAdmin}},
	}})
	if Str(t, upd, "description") != "Reads users" {
		t.Errorf("update_custom_role: %v", upd)
	}
	h.invoke("delete_custom_role", obj{"customRoleID": cid})
	return r
}

func certificateScenario(h *run) string {
	t := h.t
	cert := h.invoke("import_certificate", obj{"body": obj{"file": selfSignedPEM(t, "partner.example.com"), "usageType": "SIGNING"}})
	id := Str(t, cert, "id")
	listed := Items(t, h.invoke("list_certificates", obj{"limit": 10}))
	if len(listed) != 1 || Str(t, listed[0], "id") != id {
		t.Errorf("list_certificates: %v", listed)
	}
	return id
}

// selfSignedPEM makes a certificate.
func selfSignedPEM(t testing.TB, cn string) string {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(20260101),
		Subject:      pkix.Name{CommonName: cn},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

func policyScenario(h *run) {
	t := h.t
	// Password policies.
	pp := h.invoke("create_password_policy", obj{"body": obj{
		"name": "Strict", "excludesCommonlyUsed": true, "excludesProfileData": true, "notSimilarToCurrent": true,
		"length": obj{"min": 12, "max": 64}, "description": "For administrators",
	}})
	ppID := Str(t, pp, "id")
	if len(Items(t, h.invoke("list_password_policies", obj{}))) < 2 {
		t.Error("list_password_policies: want the default and the new one")
	}
	h.invoke("get_password_policy", obj{"passwordPolicyID": ppID})
	rep := h.invoke("update_password_policy", obj{"passwordPolicyID": ppID, "body": obj{
		"name": "Strict", "excludesCommonlyUsed": true, "excludesProfileData": false, "notSimilarToCurrent": true,
	}})
	if _, ok := rep["description"]; ok {
		t.Errorf("update_password_policy kept the description it was not sent: %v", rep)
	}
	h.invoke("delete_password_policy", obj{"passwordPolicyID": ppID})

	// Sign-on policies.
	sop := h.invoke("create_sign_on_policy", obj{"body": obj{"name": "Multi_Factor", "description": "Password then MFA"}})
	sopID := Str(t, sop, "id")
	h.invoke("list_sign_on_policies", obj{"limit": 50})
	h.invoke("get_sign_on_policy", obj{"policyID": sopID})
	h.invoke("update_sign_on_policy", obj{"policyID": sopID, "body": obj{"name": "Multi_Factor"}})
	h.invoke("delete_sign_on_policy", obj{"policyID": sopID})

	// Device authentication policies: a new one from the default one, as
	// read (the read-only members left out).
	list := Items(t, h.invoke("list_device_authentication_policies", obj{}))
	if len(list) == 0 {
		t.Fatal("list_device_authentication_policies: none")
	}
	def := h.invoke("get_device_authentication_policy", obj{"deviceAuthenticationPolicyID": Str(t, list[0], "id")})
	body := writable(t, "create_device_authentication_policy", def)
	body["name"] = "Email only"
	body["default"] = false
	created := h.invoke("create_device_authentication_policy", obj{"body": body})
	dapID := Str(t, created, "id")
	body["name"] = "Email and SMS"
	if got := h.invoke("update_device_authentication_policy", obj{"deviceAuthenticationPolicyID": dapID, "body": body}); Str(t, got, "name") != "Email and SMS" {
		t.Errorf("update_device_authentication_policy: %v", got)
	}
	h.invoke("delete_device_authentication_policy", obj{"deviceAuthenticationPolicyID": dapID})
}

// writable keeps the members of a resource that the action's body takes.
func writable(t testing.TB, action string, resource map[string]any) obj {
	t.Helper()
	a, ok := actions.Lookup(action)
	if !ok {
		t.Fatalf("no action %q", action)
	}
	body := a.InputSchema().Properties["body"]
	out := obj{}
	for _, alt := range append([]*jsonschema.Schema{body}, body.AnyOf...) {
		for k, v := range resource {
			if _, ok := alt.Properties[k]; ok {
				out[k] = v
			}
		}
	}
	return out
}

func identityProviderScenario(h *run, certificateID string) {
	t := h.t
	saml := obj{
		"name": "Partner", "enabled": true, "type": "SAML",
		"idpEntityId":     "https://partner.example.com/saml",
		"spEntityId":      "urn:pingone:partner",
		"idpVerification": obj{"certificates": []obj{{"id": certificateID}}},
		"ssoBinding":      "HTTP_POST",
		"ssoEndpoint":     "https://partner.example.com/saml/sso",
	}
	idp := h.invoke("create_identity_provider", obj{"expand": "attributes", "body": saml})
	pid := Str(t, idp, "id")
	if Str(t, idp, "idpEntityId") != "https://partner.example.com/saml" {
		t.Errorf("create_identity_provider: the SAML members are missing: %v", idp)
	}
	h.invoke("list_identity_providers", obj{})
	h.invoke("get_identity_provider", obj{"providerID": pid})
	saml["description"] = "Our partner"
	if got := h.invoke("update_identity_provider", obj{"providerID": pid, "body": saml}); Str(t, got, "description") != "Our partner" {
		t.Errorf("update_identity_provider: %v", got)
	}

	attr := h.invoke("create_identity_provider_attribute", obj{"providerID": pid, "body": obj{"name": "email", "value": "${samlAssertion.mail}", "update": "EMPTY_ONLY"}})
	aid := Str(t, attr, "id")
	h.invoke("list_identity_provider_attributes", obj{"providerID": pid})
	h.invoke("get_identity_provider_attribute", obj{"providerID": pid, "providerAttributeID": aid})
	h.invoke("update_identity_provider_attribute", obj{"providerID": pid, "providerAttributeID": aid, "body": obj{"name": "email", "value": "${samlAssertion.email}", "update": "ALWAYS"}})
	h.invoke("delete_identity_provider_attribute", obj{"providerID": pid, "providerAttributeID": aid})

	// A population signs on with the provider by default; a user is linked
	// to it, then back to PingOne.
	pop := Str(t, h.invoke("create_population", obj{"body": obj{"name": "Partners"}}), "id")
	h.invoke("update_population_default_identity_provider", obj{"populationID": pop, "body": obj{"id": pid}})
	if got := h.invoke("get_population_default_identity_provider", obj{"populationID": pop}); Str(t, got, "id") != pid {
		t.Errorf("get_population_default_identity_provider: %v", got)
	}
	uid := Str(t, h.invoke("create_user", obj{"body": obj{"username": "partner.user", "email": "p@example.com"}}), "id")
	h.invoke("update_user_identity_provider", obj{"userID": uid, "body": obj{"identityProvider": obj{"id": pid}}})
	if got := h.invoke("get_user_identity_provider", obj{"userID": uid}); Str(t, got, "identityProvider", "id") != pid {
		t.Errorf("get_user_identity_provider: %v", got)
	}
	h.invoke("update_user_identity_provider", obj{"userID": uid, "body": obj{}})
	h.invoke("delete_user", obj{"userID": uid})
	h.invoke("delete_identity_provider", obj{"providerID": pid})
}

func userSubresourceScenario(h *run, roles systemRoles) {
	t := h.t
	uid := Str(t, h.invoke("create_user", obj{"body": obj{"username": "grace", "email": "grace@example.com"}}), "id")
	if got := h.invoke("update_user_enabled_status", obj{"userID": uid, "body": obj{"enabled": false}}); got["enabled"] != false {
		t.Errorf("update_user_enabled_status: %v", got)
	}
	if got := h.invoke("get_user_enabled_status", obj{"userID": uid}); got["enabled"] != false {
		t.Errorf("get_user_enabled_status: %v", got)
	}
	h.invoke("set_user_password", obj{"userID": uid, "body": obj{"value": "Tr0ub4dor&3-horse", "forceChange": true}})
	if got := h.invoke("get_user_password_metadata", obj{"userID": uid}); Str(t, got, "status") != "MUST_CHANGE_PASSWORD" {
		t.Errorf("get_user_password_metadata: %v", got)
	}
	pop := Str(t, h.invoke("create_population", obj{"body": obj{"name": "Staff"}}), "id")
	h.invoke("update_user_population", obj{"userID": uid, "body": obj{"id": pop}})
	if got := h.invoke("get_user_population", obj{"userID": uid}); Str(t, got, "id") != pop {
		t.Errorf("get_user_population: %v", got)
	}
	h.invoke("update_user_verify_status", obj{"userID": uid, "body": obj{"verifyStatus": "DISABLED"}})
	if got := h.invoke("get_user_verify_status", obj{"userID": uid}); Str(t, got, "verifyStatus") != "DISABLED" {
		t.Errorf("get_user_verify_status: %v", got)
	}

	ra := h.invoke("create_user_role_assignment", obj{"userID": uid, "body": obj{
		"role": obj{"id": roles.identityDataReadOnly}, "scope": obj{"id": h.env, "type": "ENVIRONMENT"},
	}})
	raID := Str(t, ra, "id")
	if got := Items(t, h.invoke("list_user_role_assignments", obj{"userID": uid})); len(got) != 1 {
		t.Errorf("list_user_role_assignments: %v", got)
	}
	h.invoke("get_user_role_assignment", obj{"userID": uid, "roleAssignmentID": raID})
	h.invoke("delete_user_role_assignment", obj{"userID": uid, "roleAssignmentID": raID})

	// Group memberships.
	gid := Str(t, h.invoke("create_group", obj{"body": obj{"name": "Readers"}}), "id")
	h.invoke("add_user_to_group", obj{"userID": uid, "body": obj{"id": gid}})
	if got := Items(t, h.invoke("list_user_groups", obj{"userID": uid, "expand": "group"})); len(got) != 1 || Str(t, got[0], "id") != gid {
		t.Errorf("list_user_groups: %v", got)
	}
	if got := h.invoke("get_user_group_membership", obj{"userID": uid, "groupID": gid, "expand": "group"}); Str(t, got, "_embedded", "group", "name") != "Readers" {
		t.Errorf("get_user_group_membership: %v", got)
	}
	h.invoke("remove_user_from_group", obj{"userID": uid, "groupID": gid})

	// The environment's activity report.
	now := time.Now().UTC()
	h.invoke("get_user_activities", obj{"startDate": now.Add(-48 * time.Hour).Format(time.RFC3339), "endDate": now.Format(time.RFC3339), "sampleSize": "DAY"})
}

func groupScenario(h *run, roles systemRoles) {
	t := h.t
	parent := Str(t, h.invoke("create_group", obj{"body": obj{"name": "Engineering", "description": "Everyone in engineering"}}), "id")
	child := h.invoke("create_group", obj{"body": obj{"name": "Compilers", "userFilter": `title sw "Compiler"`, "customData": obj{"cost": 42}}})
	cid := Str(t, child, "id")
	if Str(t, child, "userFilter") != `title sw "Compiler"` {
		t.Errorf("create_group: %v", child)
	}
	page := h.invoke("list_groups", obj{"filter": `name sw "Eng"`, "limit": 1})
	if got := Items(t, page); len(got) != 1 || Str(t, got[0], "id") != parent {
		t.Errorf("list_groups: %v", got)
	}
	if got := h.invoke("get_group", obj{"groupID": parent, "include": "totalMemberCounts"}); got["totalMemberCounts"] == nil {
		t.Errorf("get_group: no member counts: %v", got)
	}
	// A PUT clears what it leaves out: the description goes.
	rep := h.invoke("update_group", obj{"groupID": parent, "body": obj{"name": "Engineering"}})
	if _, ok := rep["description"]; ok {
		t.Errorf("update_group: %v", rep)
	}

	h.invoke("add_group_to_group", obj{"groupID": cid, "body": obj{"id": parent}})
	if got := Items(t, h.invoke("list_group_nested_groups", obj{"groupID": cid})); len(got) != 1 || Str(t, got[0], "id") != parent {
		t.Errorf("list_group_nested_groups: %v", got)
	}
	h.invoke("get_group_nested_group", obj{"groupID": cid, "nestedGroupID": parent})
	h.invoke("remove_group_from_group", obj{"groupID": cid, "nestedGroupID": parent})

	ra := h.invoke("create_group_role_assignment", obj{"groupID": parent, "body": obj{
		"role": obj{"id": roles.identityDataReadOnly}, "scope": obj{"id": h.env, "type": "ENVIRONMENT"},
	}})
	raID := Str(t, ra, "id")
	h.invoke("list_group_role_assignments", obj{"groupID": parent})
	h.invoke("get_group_role_assignment", obj{"groupID": parent, "roleAssignmentID": raID})
	h.invoke("delete_group_role_assignment", obj{"groupID": parent, "roleAssignmentID": raID})
	h.invoke("delete_group", obj{"groupID": cid})
}

func applicationScenario(h *run, roles systemRoles) {
	t := h.t
	worker := h.invoke("create_application", obj{"body": obj{
		"name": "Sync job", "type": "WORKER", "protocol": "OPENID_CONNECT", "enabled": true,
		"tokenEndpointAuthMethod": "CLIENT_SECRET_BASIC", "grantTypes": []string{"CLIENT_CREDENTIALS"},
	}})
	wid := Str(t, worker, "id")
	if _, ok := worker["grantTypes"]; !ok {
		t.Errorf("create_application: the OpenID Connect members are missing: %v", worker)
	}
	if got := Items(t, h.invoke("list_applications", obj{})); !slices.ContainsFunc(got, func(m map[string]any) bool { return m["id"] == wid }) {
		t.Errorf("list_applications: %s not listed", wid)
	}
	got := h.invoke("get_application", obj{"applicationID": wid})
	body := writable(t, "update_application", got)
	body["description"] = "Nightly sync"
	if rep := h.invoke("update_application", obj{"applicationID": wid, "body": body}); Str(t, rep, "description") != "Nightly sync" {
		t.Errorf("update_application: %v", rep)
	}

	// The secret actions return the secret itself; every other output
	// redacts it.
	first := Str(t, h.invoke("get_application_secret", obj{"applicationID": wid}), "secret")
	if first == "" || first == "[REDACTED]" {
		t.Fatalf("get_application_secret: secret %q", first)
	}
	rotated := h.invoke("generate_application_secret", obj{"applicationID": wid, "body": obj{"previous": obj{"expiresAt": time.Now().Add(time.Hour).UTC().Format(time.RFC3339)}}})
	if s := Str(t, rotated, "secret"); s == first || s == "[REDACTED]" {
		t.Errorf("generate_application_secret: secret %q", s)
	}
	if prev := Str(t, rotated, "previous", "secret"); prev != first {
		t.Errorf("generate_application_secret: previous secret %q, want the first one", prev)
	}
	h.invoke("delete_application_secret", obj{"applicationID": wid})

	ra := Str(t, h.invoke("create_application_role_assignment", obj{"applicationID": wid, "body": obj{
		"role": obj{"id": roles.identityDataAdmin}, "scope": obj{"id": h.env, "type": "ENVIRONMENT"},
	}}), "id")
	h.invoke("list_application_role_assignments", obj{"applicationID": wid})
	h.invoke("get_application_role_assignment", obj{"applicationID": wid, "roleAssignmentID": ra})
	h.invoke("delete_application_role_assignment", obj{"applicationID": wid, "roleAssignmentID": ra})

	web := Str(t, h.invoke("create_application", obj{"body": obj{
		"name": "Orders", "type": "WEB_APP", "protocol": "OPENID_CONNECT", "enabled": true,
		"tokenEndpointAuthMethod": "CLIENT_SECRET_BASIC", "grantTypes": []string{"AUTHORIZATION_CODE"},
		"responseTypes": []string{"CODE"}, "redirectUris": []string{"https://orders.example.com/callback"},
	}}), "id")
	openid, ok := h.srv.Resource("openid")
	if !ok {
		t.Fatal("no openid resource")
	}
	grant := Str(t, h.invoke("create_application_grant", obj{"applicationID": web, "body": obj{
		"resource": obj{"id": openid.ID}, "scopes": []obj{{"id": openid.Scopes["openid"]}},
	}}), "id")
	h.invoke("list_application_grants", obj{"applicationID": web})
	h.invoke("get_application_grant", obj{"applicationID": web, "grantID": grant})
	if got := h.invoke("update_application_grant", obj{"applicationID": web, "grantID": grant, "body": obj{
		"resource": obj{"id": openid.ID}, "scopes": []obj{{"id": openid.Scopes["openid"]}, {"id": openid.Scopes["profile"]}},
	}}); len(got["scopes"].([]any)) != 2 {
		t.Errorf("update_application_grant: %v", got)
	}
	h.invoke("delete_application_grant", obj{"applicationID": web, "grantID": grant})

	policies := Items(t, h.invoke("list_sign_on_policies", obj{}))
	sop := Str(t, h.invoke("create_application_sign_on_policy_assignment", obj{"applicationID": web, "body": obj{
		"signOnPolicy": obj{"id": Str(t, policies[0], "id")}, "priority": 2,
	}}), "id")
	h.invoke("list_application_sign_on_policy_assignments", obj{"applicationID": web})
	h.invoke("get_application_sign_on_policy_assignment", obj{"applicationID": web, "sopAssignmentID": sop})
	h.invoke("update_application_sign_on_policy_assignment", obj{"applicationID": web, "sopAssignmentID": sop, "body": obj{
		"signOnPolicy": obj{"id": Str(t, policies[0], "id")}, "priority": 1,
	}})
	h.invoke("delete_application_sign_on_policy_assignment", obj{"applicationID": web, "sopAssignmentID": sop})

	attr := Str(t, h.invoke("create_application_attribute", obj{"applicationID": web, "body": obj{
		"name": "email", "value": "${user.email}", "required": false, "idToken": false,
	}}), "id")
	h.invoke("list_application_attributes", obj{"applicationID": web})
	h.invoke("get_application_attribute", obj{"applicationID": web, "attrMappingID": attr})
	h.invoke("update_application_attribute", obj{"applicationID": web, "attrMappingID": attr, "body": obj{
		"name": "email", "value": "${user.email}", "required": true,
	}})
	h.invoke("delete_application_attribute", obj{"applicationID": web, "attrMappingID": attr})
	h.invoke("delete_application", obj{"applicationID": web})
	h.invoke("delete_application", obj{"applicationID": wid})
}

func mfaScenario(h *run) {
	t := h.t
	uid := Str(t, h.invoke("create_user", obj{"body": obj{"username": "mfa.user", "email": "mfa@example.com"}}), "id")
	dev := h.invoke("pair_user_mfa_device", obj{"userID": uid, "body": obj{"type": "EMAIL", "email": "mfa@example.com"}})
	did := Str(t, dev, "id")
	if got := Items(t, h.invoke("list_user_mfa_devices", obj{"userID": uid, "filter": `type eq "EMAIL"`})); len(got) != 1 {
		t.Errorf("list_user_mfa_devices: %v", got)
	}
	h.invoke("get_user_mfa_device", obj{"userID": uid, "deviceID": did})
	if got := h.invoke("update_user_mfa_device_nickname", obj{"userID": uid, "deviceID": did, "body": obj{"nickname": "Work mail"}}); Str(t, got, "nickname") != "Work mail" {
		t.Errorf("update_user_mfa_device_nickname: %v", got)
	}
	h.invoke("delete_user_mfa_device", obj{"userID": uid, "deviceID": did})
	h.invoke("update_user_mfa_enabled", obj{"userID": uid, "body": obj{"mfaEnabled": true}})
	if got := h.invoke("get_user_mfa_enabled", obj{"userID": uid}); got["mfaEnabled"] != true {
		t.Errorf("get_user_mfa_enabled: %v", got)
	}
}
