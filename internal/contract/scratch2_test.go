package contract_test

import (
	"strings"
	"testing"
)

func TestScratch2(t *testing.T) {
	c := load(t)
	env := api + "/environments/" + envID
	for _, tc := range []struct{ method, url, body string }{
		{"POST", env + "/deviceAuthenticationPolicies", strings.Replace(dap, `"sms":`, `"smsx":`, 1)},
		{"POST", env + "/deviceAuthenticationPolicies", strings.Replace(dap, `"name":"p"`, `"name":"p","id":"x"`, 1)},
		{"POST", env + "/applications", `{"name":"w","enabled":true,"protocol":"OPENID_CONNECT","type":"WORKER"}`},
		{"POST", env + "/applications", `{"name":"w","enabled":"yes","protocol":"OPENID_CONNECT","type":"WORKER","tokenEndpointAuthMethod":"NONE"}`},
		{"POST", env + "/identityProviders", `{"name":"g","type":"GOOGLE","enabled":true}`},
		{"PUT", env + "/users/" + userID + "/verifyStatus", `{"verifyStatus":"MAYBE"}`},
		{"POST", env + "/users/" + userID + "/roleAssignments", `{"role":{"id":"r"},"scope":{"id":"e","type":"GALAXY"}}`},
	} {
		req := newRequest(t, tc.method, tc.url, "application/json", []byte(tc.body))
		_, err := c.ValidateRequest(req, []byte(tc.body))
		if err == nil {
			t.Errorf("expected error for %s", tc.body)
		} else {
			t.Log(err.Error()[:min(300, len(err.Error()))])
		}
	}
}
