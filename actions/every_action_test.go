package actions_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/jsonschema-go/jsonschema"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/actions"
)

// TestEveryAction invokes each of the 113 actions against pingonetest with
// an input valid under its input schema, checks that it sent the action's
// route and that its output is valid under its output schema; then checks
// that one invalid input per action is refused before any request.
func TestEveryAction(t *testing.T) {
	t.Parallel()
	h := newHarness(t)

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
	props := a.InputSchema.Properties
	switch {
	case props["body"] != nil:
		in["body"] = "not an object"
		return mustJSON(t, in), "/body"
	case len(a.InputSchema.Required) > 0:
		delete(in, a.InputSchema.Required[0])
		return mustJSON(t, in), "/" + a.InputSchema.Required[0]
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

// systemRoles are the IDs of the system roles the scenarios assign.
type systemRoles struct {
	identityDataAdmin, identityDataReadOnly, organizationAdmin string
}

func roleScenario(h *harness) systemRoles {
	t := h.t
	var r systemRoles
	for _, role := range items(t, h.invoke("list_system_roles", obj{"limit": 100})) {
		switch str(t, role, "name") {
		case string(pingone.RoleIdentityDataAdmin):
			r.identityDataAdmin = str(t, role, "id")
		case string(pingone.RoleIdentityDataReadOnly):
			r.identityDataReadOnly = str(t, role, "id")
		case string(pingone.RoleOrganizationAdmin):
			r.organizationAdmin = str(t, role, "id")
		}
	}
	if r.identityDataAdmin == "" || r.identityDataReadOnly == "" || r.organizationAdmin == "" {
		t.Fatalf("list_system_roles: missing roles: %+v", r)
	}
	if got := str(t, h.invoke("get_system_role", obj{"roleID": r.identityDataAdmin}), "name"); got != string(pingone.RoleIdentityDataAdmin) {
		t.Errorf("get_system_role: %q", got)
	}

	custom := h.invoke("create_custom_role", obj{"body": obj{
		"name":            "User Reader",
		"permissions":     []obj{{"id": "identity:read:user"}},
		"canBeAssignedBy": []obj{{"id": r.organizationAdmin}},
		"applicableTo":    []string{"ENVIRONMENT"},
	}})
	cid := str(t, custom, "id")
	listed := items(t, h.invoke("list_custom_roles", obj{"filter": `type eq "CUSTOM"`}))
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
	if str(t, upd, "description") != "Reads users" {
		t.Errorf("update_custom_role: %v", upd)
	}
	h.invoke("delete_custom_role", obj{"customRoleID": cid})
	return r
}

func certificateScenario(h *harness) string {
	t := h.t
	cert := h.invoke("import_certificate", obj{"body": obj{"file": selfSignedPEM(t, "partner.example.com"), "usageType": "SIGNING"}})
	id := str(t, cert, "id")
	listed := items(t, h.invoke("list_certificates", obj{"limit": 10}))
	if len(listed) != 1 || str(t, listed[0], "id") != id {
		t.Errorf("list_certificates: %v", listed)
	}
	return id
}

// selfSignedPEM makes a certificate.
func selfSignedPEM(t *testing.T, cn string) string {
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

func policyScenario(h *harness) {
	t := h.t
	// Password policies.
	pp := h.invoke("create_password_policy", obj{"body": obj{
		"name": "Strict", "excludesCommonlyUsed": true, "excludesProfileData": true, "notSimilarToCurrent": true,
		"length": obj{"min": 12, "max": 64}, "description": "For administrators",
	}})
	ppID := str(t, pp, "id")
	if len(items(t, h.invoke("list_password_policies", obj{}))) < 2 {
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
	sopID := str(t, sop, "id")
	h.invoke("list_sign_on_policies", obj{"limit": 50})
	h.invoke("get_sign_on_policy", obj{"policyID": sopID})
	h.invoke("update_sign_on_policy", obj{"policyID": sopID, "body": obj{"name": "Multi_Factor"}})
	h.invoke("delete_sign_on_policy", obj{"policyID": sopID})

	// Device authentication policies: a new one from the default one, as
	// read (the read-only members left out).
	list := items(t, h.invoke("list_device_authentication_policies", obj{}))
	if len(list) == 0 {
		t.Fatal("list_device_authentication_policies: none")
	}
	def := h.invoke("get_device_authentication_policy", obj{"deviceAuthenticationPolicyID": str(t, list[0], "id")})
	body := writable(t, "create_device_authentication_policy", def)
	body["name"] = "Email only"
	body["default"] = false
	created := h.invoke("create_device_authentication_policy", obj{"body": body})
	dapID := str(t, created, "id")
	body["name"] = "Email and SMS"
	if got := h.invoke("update_device_authentication_policy", obj{"deviceAuthenticationPolicyID": dapID, "body": body}); str(t, got, "name") != "Email and SMS" {
		t.Errorf("update_device_authentication_policy: %v", got)
	}
	h.invoke("delete_device_authentication_policy", obj{"deviceAuthenticationPolicyID": dapID})
}

// writable keeps the members of a resource that the action's body takes.
func writable(t *testing.T, action string, resource map[string]any) obj {
	t.Helper()
	body := lookup(t, action).InputSchema.Properties["body"]
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

func identityProviderScenario(h *harness, certificateID string) {
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
	pid := str(t, idp, "id")
	if str(t, idp, "idpEntityId") != "https://partner.example.com/saml" {
		t.Errorf("create_identity_provider: the SAML members are missing: %v", idp)
	}
	h.invoke("list_identity_providers", obj{})
	h.invoke("get_identity_provider", obj{"providerID": pid})
	saml["description"] = "Our partner"
	if got := h.invoke("update_identity_provider", obj{"providerID": pid, "body": saml}); str(t, got, "description") != "Our partner" {
		t.Errorf("update_identity_provider: %v", got)
	}

	attr := h.invoke("create_identity_provider_attribute", obj{"providerID": pid, "body": obj{"name": "email", "value": "${samlAssertion.mail}", "update": "EMPTY_ONLY"}})
	aid := str(t, attr, "id")
	h.invoke("list_identity_provider_attributes", obj{"providerID": pid})
	h.invoke("get_identity_provider_attribute", obj{"providerID": pid, "providerAttributeID": aid})
	h.invoke("update_identity_provider_attribute", obj{"providerID": pid, "providerAttributeID": aid, "body": obj{"name": "email", "value": "${samlAssertion.email}", "update": "ALWAYS"}})
	h.invoke("delete_identity_provider_attribute", obj{"providerID": pid, "providerAttributeID": aid})

	// A population signs on with the provider by default; a user is linked
	// to it, then back to PingOne.
	pop := str(t, h.invoke("create_population", obj{"body": obj{"name": "Partners"}}), "id")
	h.invoke("update_population_default_identity_provider", obj{"populationID": pop, "body": obj{"id": pid}})
	if got := h.invoke("get_population_default_identity_provider", obj{"populationID": pop}); str(t, got, "id") != pid {
		t.Errorf("get_population_default_identity_provider: %v", got)
	}
	uid := str(t, h.invoke("create_user", obj{"body": obj{"username": "partner.user", "email": "p@example.com"}}), "id")
	h.invoke("update_user_identity_provider", obj{"userID": uid, "body": obj{"identityProvider": obj{"id": pid}}})
	if got := h.invoke("get_user_identity_provider", obj{"userID": uid}); str(t, got, "identityProvider", "id") != pid {
		t.Errorf("get_user_identity_provider: %v", got)
	}
	h.invoke("update_user_identity_provider", obj{"userID": uid, "body": obj{}})
	h.invoke("delete_user", obj{"userID": uid})
	h.invoke("delete_identity_provider", obj{"providerID": pid})
}

func userSubresourceScenario(h *harness, roles systemRoles) {
	t := h.t
	uid := str(t, h.invoke("create_user", obj{"body": obj{"username": "grace", "email": "grace@example.com"}}), "id")
	if got := h.invoke("update_user_enabled_status", obj{"userID": uid, "body": obj{"enabled": false}}); got["enabled"] != false {
		t.Errorf("update_user_enabled_status: %v", got)
	}
	if got := h.invoke("get_user_enabled_status", obj{"userID": uid}); got["enabled"] != false {
		t.Errorf("get_user_enabled_status: %v", got)
	}
	h.invoke("set_user_password", obj{"userID": uid, "body": obj{"value": "Tr0ub4dor&3-horse", "forceChange": true}})
	if got := h.invoke("get_user_password_metadata", obj{"userID": uid}); str(t, got, "status") != "MUST_CHANGE_PASSWORD" {
		t.Errorf("get_user_password_metadata: %v", got)
	}
	pop := str(t, h.invoke("create_population", obj{"body": obj{"name": "Staff"}}), "id")
	h.invoke("update_user_population", obj{"userID": uid, "body": obj{"id": pop}})
	if got := h.invoke("get_user_population", obj{"userID": uid}); str(t, got, "id") != pop {
		t.Errorf("get_user_population: %v", got)
	}
	h.invoke("update_user_verify_status", obj{"userID": uid, "body": obj{"verifyStatus": "DISABLED"}})
	if got := h.invoke("get_user_verify_status", obj{"userID": uid}); str(t, got, "verifyStatus") != "DISABLED" {
		t.Errorf("get_user_verify_status: %v", got)
	}

	ra := h.invoke("create_user_role_assignment", obj{"userID": uid, "body": obj{
		"role": obj{"id": roles.identityDataReadOnly}, "scope": obj{"id": h.env, "type": "ENVIRONMENT"},
	}})
	raID := str(t, ra, "id")
	if got := items(t, h.invoke("list_user_role_assignments", obj{"userID": uid})); len(got) != 1 {
		t.Errorf("list_user_role_assignments: %v", got)
	}
	h.invoke("get_user_role_assignment", obj{"userID": uid, "roleAssignmentID": raID})
	h.invoke("delete_user_role_assignment", obj{"userID": uid, "roleAssignmentID": raID})

	// Group memberships.
	gid := str(t, h.invoke("create_group", obj{"body": obj{"name": "Readers"}}), "id")
	h.invoke("add_user_to_group", obj{"userID": uid, "body": obj{"id": gid}})
	if got := items(t, h.invoke("list_user_groups", obj{"userID": uid, "expand": "group"})); len(got) != 1 || str(t, got[0], "id") != gid {
		t.Errorf("list_user_groups: %v", got)
	}
	if got := h.invoke("get_user_group_membership", obj{"userID": uid, "groupID": gid, "expand": "group"}); str(t, got, "_embedded", "group", "name") != "Readers" {
		t.Errorf("get_user_group_membership: %v", got)
	}
	h.invoke("remove_user_from_group", obj{"userID": uid, "groupID": gid})

	// The environment's activity report.
	now := time.Now().UTC()
	h.invoke("get_user_activities", obj{"startDate": now.Add(-48 * time.Hour).Format(time.RFC3339), "endDate": now.Format(time.RFC3339), "sampleSize": "DAY"})
}

func groupScenario(h *harness, roles systemRoles) {
	t := h.t
	parent := str(t, h.invoke("create_group", obj{"body": obj{"name": "Engineering", "description": "Everyone in engineering"}}), "id")
	child := h.invoke("create_group", obj{"body": obj{"name": "Compilers", "userFilter": `title sw "Compiler"`, "customData": obj{"cost": 42}}})
	cid := str(t, child, "id")
	if str(t, child, "userFilter") != `title sw "Compiler"` {
		t.Errorf("create_group: %v", child)
	}
	page := h.invoke("list_groups", obj{"filter": `name sw "Eng"`, "limit": 1})
	if got := items(t, page); len(got) != 1 || str(t, got[0], "id") != parent {
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
	if got := items(t, h.invoke("list_group_nested_groups", obj{"groupID": cid})); len(got) != 1 || str(t, got[0], "id") != parent {
		t.Errorf("list_group_nested_groups: %v", got)
	}
	h.invoke("get_group_nested_group", obj{"groupID": cid, "nestedGroupID": parent})
	h.invoke("remove_group_from_group", obj{"groupID": cid, "nestedGroupID": parent})

	ra := h.invoke("create_group_role_assignment", obj{"groupID": parent, "body": obj{
		"role": obj{"id": roles.identityDataReadOnly}, "scope": obj{"id": h.env, "type": "ENVIRONMENT"},
	}})
	raID := str(t, ra, "id")
	h.invoke("list_group_role_assignments", obj{"groupID": parent})
	h.invoke("get_group_role_assignment", obj{"groupID": parent, "roleAssignmentID": raID})
	h.invoke("delete_group_role_assignment", obj{"groupID": parent, "roleAssignmentID": raID})
	h.invoke("delete_group", obj{"groupID": cid})
}

func applicationScenario(h *harness, roles systemRoles) {
	t := h.t
	worker := h.invoke("create_application", obj{"body": obj{
		"name": "Sync job", "type": "WORKER", "protocol": "OPENID_CONNECT", "enabled": true,
		"tokenEndpointAuthMethod": "CLIENT_SECRET_BASIC", "grantTypes": []string{"CLIENT_CREDENTIALS"},
	}})
	wid := str(t, worker, "id")
	if _, ok := worker["grantTypes"]; !ok {
		t.Errorf("create_application: the OpenID Connect members are missing: %v", worker)
	}
	if got := items(t, h.invoke("list_applications", obj{})); !slices.ContainsFunc(got, func(m map[string]any) bool { return m["id"] == wid }) {
		t.Errorf("list_applications: %s not listed", wid)
	}
	got := h.invoke("get_application", obj{"applicationID": wid})
	body := writable(t, "update_application", got)
	body["description"] = "Nightly sync"
	if rep := h.invoke("update_application", obj{"applicationID": wid, "body": body}); str(t, rep, "description") != "Nightly sync" {
		t.Errorf("update_application: %v", rep)
	}

	// The secret actions return the secret itself; every other output
	// redacts it.
	first := str(t, h.invoke("get_application_secret", obj{"applicationID": wid}), "secret")
	if first == "" || first == "[REDACTED]" {
		t.Fatalf("get_application_secret: secret %q", first)
	}
	rotated := h.invoke("generate_application_secret", obj{"applicationID": wid, "body": obj{"previous": obj{"expiresAt": time.Now().Add(time.Hour).UTC().Format(time.RFC3339)}}})
	if s := str(t, rotated, "secret"); s == first || s == "[REDACTED]" {
		t.Errorf("generate_application_secret: secret %q", s)
	}
	if prev := str(t, rotated, "previous", "secret"); prev != first {
		t.Errorf("generate_application_secret: previous secret %q, want the first one", prev)
	}
	h.invoke("delete_application_secret", obj{"applicationID": wid})

	ra := str(t, h.invoke("create_application_role_assignment", obj{"applicationID": wid, "body": obj{
		"role": obj{"id": roles.identityDataAdmin}, "scope": obj{"id": h.env, "type": "ENVIRONMENT"},
	}}), "id")
	h.invoke("list_application_role_assignments", obj{"applicationID": wid})
	h.invoke("get_application_role_assignment", obj{"applicationID": wid, "roleAssignmentID": ra})
	h.invoke("delete_application_role_assignment", obj{"applicationID": wid, "roleAssignmentID": ra})

	web := str(t, h.invoke("create_application", obj{"body": obj{
		"name": "Orders", "type": "WEB_APP", "protocol": "OPENID_CONNECT", "enabled": true,
		"tokenEndpointAuthMethod": "CLIENT_SECRET_BASIC", "grantTypes": []string{"AUTHORIZATION_CODE"},
		"responseTypes": []string{"CODE"}, "redirectUris": []string{"https://orders.example.com/callback"},
	}}), "id")
	openid, ok := h.srv.Resource("openid")
	if !ok {
		t.Fatal("no openid resource")
	}
	grant := str(t, h.invoke("create_application_grant", obj{"applicationID": web, "body": obj{
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

	policies := items(t, h.invoke("list_sign_on_policies", obj{}))
	sop := str(t, h.invoke("create_application_sign_on_policy_assignment", obj{"applicationID": web, "body": obj{
		"signOnPolicy": obj{"id": str(t, policies[0], "id")}, "priority": 2,
	}}), "id")
	h.invoke("list_application_sign_on_policy_assignments", obj{"applicationID": web})
	h.invoke("get_application_sign_on_policy_assignment", obj{"applicationID": web, "sopAssignmentID": sop})
	h.invoke("update_application_sign_on_policy_assignment", obj{"applicationID": web, "sopAssignmentID": sop, "body": obj{
		"signOnPolicy": obj{"id": str(t, policies[0], "id")}, "priority": 1,
	}})
	h.invoke("delete_application_sign_on_policy_assignment", obj{"applicationID": web, "sopAssignmentID": sop})

	attr := str(t, h.invoke("create_application_attribute", obj{"applicationID": web, "body": obj{
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

func mfaScenario(h *harness) {
	t := h.t
	uid := str(t, h.invoke("create_user", obj{"body": obj{"username": "mfa.user", "email": "mfa@example.com"}}), "id")
	dev := h.invoke("pair_user_mfa_device", obj{"userID": uid, "body": obj{"type": "EMAIL", "email": "mfa@example.com"}})
	did := str(t, dev, "id")
	if got := items(t, h.invoke("list_user_mfa_devices", obj{"userID": uid, "filter": `type eq "EMAIL"`})); len(got) != 1 {
		t.Errorf("list_user_mfa_devices: %v", got)
	}
	h.invoke("get_user_mfa_device", obj{"userID": uid, "deviceID": did})
	if got := h.invoke("update_user_mfa_device_nickname", obj{"userID": uid, "deviceID": did, "body": obj{"nickname": "Work mail"}}); str(t, got, "nickname") != "Work mail" {
		t.Errorf("update_user_mfa_device_nickname: %v", got)
	}
	h.invoke("delete_user_mfa_device", obj{"userID": uid, "deviceID": did})
	h.invoke("update_user_mfa_enabled", obj{"userID": uid, "body": obj{"mfaEnabled": true}})
	if got := h.invoke("get_user_mfa_enabled", obj{"userID": uid}); got["mfaEnabled"] != true {
		t.Errorf("get_user_mfa_enabled: %v", got)
	}
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
	if str(t, claims, "sub") != h.srv.Admin().UserID || str(t, claims, "email") == "" {
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
