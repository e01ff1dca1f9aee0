package contract_test

import (
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSamples runs realistic exchanges for every family through the contract:
// the request and the response must both validate.
func TestSamples(t *testing.T) {
	c := load(t)
	env := api + "/environments/" + envID
	type tc struct {
		method, url, ct, req string
		status               int
		resp                 string
	}
	cases := []tc{
		{"POST", env + "/applications", "application/json", `{"name":"w","enabled":true,"protocol":"OPENID_CONNECT","type":"WORKER","tokenEndpointAuthMethod":"CLIENT_SECRET_BASIC","grantTypes":["CLIENT_CREDENTIALS"]}`, 201,
			`{"id":"a1","environment":{"id":"e"},"name":"w","enabled":true,"protocol":"OPENID_CONNECT","type":"WORKER","tokenEndpointAuthMethod":"CLIENT_SECRET_BASIC","grantTypes":["CLIENT_CREDENTIALS"],"clientId":"a1a1a1a1a1","createdAt":"2024-01-01T00:00:00.000Z","homePageUrl":"https://x"}`},
		{"POST", env + "/applications", "application/json", `{"name":"s","enabled":true,"protocol":"SAML","type":"WEB_APP","spEntityId":"sp","acsUrls":["https://x/acs"],"assertionDuration":60}`, 201,
			`{"id":"a2","name":"s","enabled":true,"protocol":"SAML","type":"WEB_APP","spEntityId":"sp","acsUrls":["https://x/acs"],"assertionDuration":60,"idpSigning":{"key":{"id":"k"},"algorithm":"SHA256withRSA"}}`},
		{"POST", env + "/identityProviders", "application/json", `{"name":"g","type":"GOOGLE","enabled":true,"clientId":"c","clientSecret":"s"}`, 201,
			`{"id":"i","name":"g","type":"GOOGLE","enabled":true,"clientId":"c","clientSecret":"s","createdAt":"2024-01-01T00:00:00Z"}`},
		{"POST", env + "/identityProviders", "application/json", `{"name":"saml","type":"SAML","enabled":true,"idpEntityId":"i","spEntityId":"s","idpVerification":{"certificates":[{"id":"c"}]},"ssoBinding":"HTTP_POST","ssoEndpoint":"https://x","spSigning":{"key":{"id":"k"},"algorithm":"SHA512withECDSA"}}`, 201, ``},
		{"POST", env + "/populations", "application/json", `{"name":"p","description":"d","passwordPolicy":{"id":"pp"}}`, 201, `{"id":"p","name":"p","userCount":0,"createdAt":"2024-01-01T00:00:00Z","default":false}`},
		{"POST", env + "/groups", "application/json", `{"name":"g","population":{"id":"p"},"customData":{"a":1}}`, 201, `{"id":"g","name":"g","environment":{"id":"e"},"directMemberCounts":{"users":3}}`},
		{"POST", env + "/users/" + userID + "/memberOfGroups", "application/json", `{"id":"g"}`, 201, `{"id":"g","name":"grp","type":"DIRECT"}`},
		{"POST", env + "/users/" + userID + "/roleAssignments", "application/json", `{"role":{"id":"r"},"scope":{"id":"e","type":"ENVIRONMENT"}}`, 201, `{"id":"ra","role":{"id":"r"},"scope":{"id":"e","type":"ENVIRONMENT"},"readOnly":false}`},
		{"POST", env + "/roles", "application/json", `{"name":"cr","permissions":[{"id":"p"}],"canBeAssignedBy":[{"id":"r"}]}`, 201, `{"id":"cr","name":"cr","permissions":[{"id":"p"}],"canBeAssignedBy":[{"id":"r"}],"type":"CUSTOM"}`},
		{"GET", api + "/roles/r1", "", ``, 200, `{"id":"r1","name":"Environment Admin","applicableTo":["ENVIRONMENT"],"permissions":[{"id":"x","classifier":"y","description":"z"}]}`},
		{"POST", env + "/passwordPolicies", "application/json", `{"name":"pp","excludesCommonlyUsed":true,"excludesProfileData":true,"notSimilarToCurrent":true,"length":{"min":8,"max":255},"minCharacters":{"ABCDEFGHIJKLMNOPQRSTUVWXYZ":1,"0123456789":1}}`, 201, `{"id":"pp","name":"pp","excludesCommonlyUsed":true,"excludesProfileData":true,"notSimilarToCurrent":true}`},
		{"POST", env + "/signOnPolicies", "application/json", `{"name":"sop","default":false}`, 201, `{"id":"s","name":"sop","default":false}`},
		{"POST", env + "/applications/a1/signOnPolicyAssignments", "application/json", `{"signOnPolicy":{"id":"s"},"priority":1}`, 201, `{"id":"x","signOnPolicy":{"id":"s"},"priority":1,"application":{"id":"a1"}}`},
		{"POST", env + "/applications/a1/grants", "application/json", `{"resource":{"id":"r"},"scopes":[{"id":"s"}]}`, 201, `{"id":"x","resource":{"id":"r"},"scopes":[{"id":"s"}]}`},
		{"POST", env + "/applications/a1/attributes", "application/json", `{"name":"email","value":"${user.email}","required":true}`, 201, `{"id":"x","name":"email","value":"${user.email}","required":true,"mappingType":"CUSTOM"}`},
		{"POST", env + "/identityProviders/i/attributes", "application/json", `{"name":"email","value":"${providerAttributes.email}","update":"ALWAYS"}`, 201, `{"id":"x","name":"email","value":"${providerAttributes.email}","update":"ALWAYS","mappingType":"CUSTOM"}`},
		{"POST", env + "/applications/a1/secret", "application/json", `{"previous":{"expiresAt":"2024-01-01T00:00:00Z"}}`, 200, `{"secret":"abc","previous":{"secret":"old","expiresAt":"2024-01-01T00:00:00Z"}}`},
		{"PUT", env + "/users/" + userID + "/enabled", "application/json", `{"enabled":false}`, 200, `{"enabled":false}`},
		{"PUT", env + "/users/" + userID + "/population", "application/json", `{"id":"p"}`, 200, `{"id":"p"}`},
		{"PUT", env + "/populations/p/defaultIdentityProvider", "application/json", `{"id":"i"}`, 200, `{"id":"i","type":"GOOGLE"}`},
		{"PUT", env + "/users/" + userID + "/mfaEnabled", "application/json", `{"mfaEnabled":true}`, 200, `{"mfaEnabled":true}`},
		{"PUT", env + "/users/" + userID + "/verifyStatus", "application/json", `{"verifyStatus":"ENABLED"}`, 200, `{"verifyStatus":"ENABLED"}`},
		{"PUT", env + "/users/" + userID + "/identityProvider", "application/json", `{"identityProvider":{"id":"i"}}`, 200, `{"identityProvider":{"id":"i","type":"GOOGLE"}}`},
		{"GET", env + "/users/" + userID + "/password?expand=passwordPolicy", "", ``, 200, `{"status":"OK","lastChangedAt":"2024-01-01T00:00:00Z","user":{"id":"u"},"passwordPolicy":{"id":"p"}}`},
		{"GET", env + "/userActivities?filter=x&sampleSize=DAY", "", ``, 200, `{"_embedded":{"userActivities":[{"startDate":"2024-01-01T00:00:00Z","endDate":"2024-01-02T00:00:00Z","userSignOns":{"successes":1,"failures":0},"passwordResets":0}]},"count":1,"size":1}`},
		{"GET", env + "/users/" + userID + "/devices?limit=10&expand=order", "", ``, 200, `{"_embedded":{"devices":[{"id":"d","type":"SMS","status":"ACTIVE","phone":"+15555550100"}]},"count":1,"size":1}`},
		{"PUT", env + "/users/" + userID + "/devices/d/nickname", "application/json", `{"nickname":"phone"}`, 200, `{"id":"d","type":"SMS","nickname":"phone"}`},
		{"POST", env + "/deviceAuthenticationPolicies", "application/json", dap, 201, dapResp},
		{"PUT", env + "/deviceAuthenticationPolicies/x", "application/json", dap, 200, dapResp},
		{"PATCH", env + "/users/" + userID, "application/json", `{"name":{"given":"J"},"timezone":"America/Los_Angeles","locale":"en-US","account":{"canAuthenticate":true,"status":"OK"}}`, 200, string(validUserJSON())},
	}
	for _, tc := range cases {
		var body []byte
		if tc.req != "" {
			body = []byte(tc.req)
		}
		req := newRequest(t, tc.method, tc.url, tc.ct, body)
		if _, err := c.ValidateRequest(req, body); err != nil {
			t.Errorf("request: %v", err)
		}
		if tc.resp != "" {
			if _, err := c.ValidateResponse(req, tc.status, jsonHeader(), []byte(tc.resp)); err != nil {
				t.Errorf("response: %v", err)
			}
		}
	}
}

const otp = `{"enabled":true,"otp":{"lifeTime":{"duration":30,"timeUnit":"MINUTES"},"failure":{"count":3,"coolDown":{"duration":2,"timeUnit":"MINUTES"}}}}`
const dap = `{"name":"p","default":false,"sms":` + otp + `,"voice":` + otp + `,"email":` + otp + `,"mobile":{"enabled":false,"otp":{"failure":{"count":3,"coolDown":{"duration":2,"timeUnit":"MINUTES"}}}},"totp":{"enabled":true,"otp":{"failure":{"count":3,"coolDown":{"duration":2,"timeUnit":"MINUTES"}}}}}`
const dapResp = `{"id":"x","environment":{"id":"e"},"name":"p","default":false,"forSignOnPolicy":false,"updatedAt":"2024-01-01T00:00:00Z","sms":` + otp + `,"voice":` + otp + `,"email":` + otp + `,"mobile":{"enabled":false,"otp":{"failure":{"count":3,"coolDown":{"duration":2,"timeUnit":"MINUTES"}}}},"totp":{"enabled":true,"otp":{"failure":{"count":3,"coolDown":{"duration":2,"timeUnit":"MINUTES"}}}}}`

// TestSampleRejections checks that the unions (applications, identity
// providers) and the generator schemas still reject invalid bodies, and that
// the error names the failing variants.
func TestSampleRejections(t *testing.T) {
	c := load(t)
	env := api + "/environments/" + envID
	for _, tc := range []struct{ name, method, url, body, want string }{
		{"policy without sms", "POST", env + "/deviceAuthenticationPolicies", strings.Replace(dap, `"sms":`, `"smsx":`, 1), "sms"},
		{"policy with read-only id", "POST", env + "/deviceAuthenticationPolicies", strings.Replace(dap, `"name":"p"`, `"name":"p","id":"x"`, 1), "readOnly"},
		{"oidc app without auth method", "POST", env + "/applications", `{"name":"w","enabled":true,"protocol":"OPENID_CONNECT","type":"WORKER"}`, "as ApplicationOIDC"},
		{"app enabled wrong type", "POST", env + "/applications", `{"name":"w","enabled":"yes","protocol":"OPENID_CONNECT","type":"WORKER","tokenEndpointAuthMethod":"NONE"}`, "enabled"},
		{"idp without secrets", "POST", env + "/identityProviders", `{"name":"g","type":"GOOGLE","enabled":true}`, "as IdentityProviderClientIDClientSecret"},
		{"verify status enum", "PUT", env + "/users/" + userID + "/verifyStatus", `{"verifyStatus":"MAYBE"}`, "verifyStatus"},
		{"scope type enum", "POST", env + "/users/" + userID + "/roleAssignments", `{"role":{"id":"r"},"scope":{"id":"e","type":"GALAXY"}}`, "scope"},
		{"nickname missing", "PUT", env + "/users/" + userID + "/devices/d/nickname", `{}`, "nickname"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := newRequest(t, tc.method, tc.url, "application/json", []byte(tc.body))
			_, err := c.ValidateRequest(req, []byte(tc.body))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

// TestConcurrentValidation shares one Contract between goroutines (run with -race).
func TestConcurrentValidation(t *testing.T) {
	c := load(t)
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := []byte(`{"username": "u` + string(rune('a'+i)) + `", "timezone": "America/Chicago"}`)
			req := newRequest(t, "POST", api+"/environments/"+envID+"/users", "application/json", body)
			_, err := c.ValidateRequest(req, body)
			assert.NoError(t, err)
			_, err = c.ValidateResponse(req, 201, jsonHeader(), validUserJSON())
			assert.NoError(t, err)
		}()
	}
	wg.Wait()
}
