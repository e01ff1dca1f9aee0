package contract_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone/internal/contract"
)

const (
	contractDir = "../../testdata/contract"
	envID       = "abfba8f6-49eb-49f5-a5d9-80ad5c98f9f6"
	userID      = "2bd2a5d9-6f6e-4b48-a9b0-0e3b6fbb3d91"
	api         = "https://api.pingone.com/v1"
)

// shared is the default contract, loaded once: a Contract is immutable and
// safe for concurrent use.
var shared = sync.OnceValues(func() (*contract.Contract, error) { return contract.Load(contractDir) })

func load(t *testing.T, opts ...contract.Option) *contract.Contract {
	t.Helper()
	if len(opts) > 0 {
		return contract.LoadForTest(t, contractDir, opts...)
	}
	c, err := shared()
	require.NoError(t, err)
	return c
}

func newRequest(t *testing.T, method, url, contentType string, body []byte) *http.Request {
	t.Helper()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rd)
	require.NoError(t, err)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	return req
}

func jsonHeader() http.Header { return http.Header{"Content-Type": {"application/json"}} }

func TestActions(t *testing.T) {
	c := load(t)
	actions := c.Actions()
	require.Len(t, actions, 113)
	seen := map[string]string{}
	generated := 0
	for _, a := range actions {
		key := a.Method + " " + a.Host + " " + a.Path
		if other, ok := seen[key]; ok {
			t.Errorf("%q and %q share %s", a.Name, other, key)
		}
		seen[key] = a.Name
		assert.NotEmpty(t, a.Name)
		assert.NotEmpty(t, a.Family, a.Name)
		assert.NotEmpty(t, a.OperationID, a.Name)
		assert.Contains(t, a.Statuses, a.Status, a.Name)
		assert.Contains(t, []string{"GET", "POST", "PUT", "PATCH", "DELETE"}, a.Method, a.Name)
		if a.ContentType != "" {
			assert.Contains(t, a.ContentTypes, a.ContentType, a.Name)
		}
		if a.Method == http.MethodDelete {
			assert.Equal(t, []int{204}, a.Statuses, a.Name)
		}
		if a.SchemaSource == "generator" {
			generated++
		}
		if a.Name == "Get Current User Info" {
			assert.Equal(t, contract.HostAuth, a.Host)
			assert.Equal(t, "/{environmentID}/as/userinfo", a.Path)
		} else {
			assert.Equal(t, contract.HostAPI, a.Host, a.Name)
			assert.True(t, strings.HasPrefix(a.Path, "/environments/") || strings.HasPrefix(a.Path, "/roles"), a.Path)
		}
	}
	assert.Equal(t, 13, generated, "12 spec stubs + userinfo")

	byName := map[string]contract.Action{}
	for _, a := range actions {
		byName[a.Name] = a
	}
	assert.Equal(t, []string{"application/json", "application/vnd.pingidentity.user.import+json"}, byName["Create User"].ContentTypes)
	assert.Equal(t, []string{"application/vnd.pingidentity.password.set+json"}, byName["Set User Password"].ContentTypes)
	assert.Equal(t, []string{"application/json"}, byName["Pair User MFA Device"].ContentTypes)
	assert.Equal(t, []string{"application/json"}, byName["Create Device Authentication Policy"].ContentTypes)
	assert.Equal(t, []int{202}, byName["Import Certificate"].Statuses)
	assert.Equal(t, []int{200, 201}, byName["Create Identity Provider"].Statuses)
	assert.Equal(t, []int{200, 201}, byName["Create Device Authentication Policy"].Statuses)
}

func TestMatch(t *testing.T) {
	c := load(t)
	cases := []struct {
		method, path, want string
	}{
		{"GET", "/v1/environments/" + envID + "/users", "List Users"},
		{"POST", "/v1/environments/" + envID + "/users", "Create User"},
		{"GET", "/v1/environments/" + envID + "/users/" + userID, "Get User"},
		{"patch", "/v1/environments/" + envID + "/users/" + userID, "Update User"},
		{"GET", "/v1/environments/" + envID + "/users/" + userID + "/password", "Get User Password Metadata"},
		{"PUT", "/v1/environments/" + envID + "/users/" + userID + "/password", "Set User Password"},
		{"GET", "/v1/environments/" + envID + "/users/" + userID + "/population", "Get User Population"},
		{"GET", "/v1/environments/" + envID + "/users/" + userID + "/enabled", "Get User Enabled Status"},
		{"GET", "/v1/environments/" + envID + "/users/" + userID + "/memberOfGroups", "List User Groups"},
		{"GET", "/v1/environments/" + envID + "/users/" + userID + "/memberOfGroups/g1", "Get User Group Membership"},
		{"GET", "/v1/environments/" + envID + "/users/" + userID + "/devices/d1", "Get User MFA Device"},
		{"PUT", "/v1/environments/" + envID + "/users/" + userID + "/devices/d1/nickname", "Update User MFA Device Nickname"},
		{"GET", "/v1/environments/" + envID + "/userActivities", "Get User Activities"},
		{"GET", "/v1/roles", "List System Roles"},
		{"GET", "/v1/roles/r1", "Get System Role"},
		{"GET", "/v1/environments/" + envID + "/roles/r1", "Get Custom Role"},
		{"DELETE", "/v1/environments/" + envID + "/applications/a1/signOnPolicyAssignments/s1", "Delete Application Sign-On Policy Assignment"},
		{"GET", "/" + envID + "/as/userinfo", "Get Current User Info"},
	}
	for _, tc := range cases {
		a, ok := c.Match(tc.method, tc.path)
		if assert.True(t, ok, "%s %s", tc.method, tc.path) {
			assert.Equal(t, tc.want, a.Name, "%s %s", tc.method, tc.path)
		}
	}
	for _, tc := range []struct{ method, path string }{
		{"GET", "/environments/" + envID + "/users"},                              // no base path
		{"GET", "/v1/environments/" + envID + "/users/" + userID + "/unknown"},    // unknown literal
		{"POST", "/v1/environments/" + envID + "/users/" + userID + "/password"},  // neighbour operation, not in the contract
		{"PATCH", "/v1/environments/" + envID + "/populations/p1"},                // method not in contract
		{"GET", "/v1/environments/" + envID + "/users/" + userID + "/password/x"}, // too long
		{"POST", "/" + envID + "/as/token"},                                       // auth endpoint outside the contract
		{"GET", "/v1/" + envID + "/as/userinfo"},                                  // userinfo has no base path
	} {
		_, ok := c.Match(tc.method, tc.path)
		assert.False(t, ok, "%s %s", tc.method, tc.path)
	}

	// Base path option.
	root := load(t, contract.WithBasePath(""))
	a, ok := root.Match("GET", "/environments/"+envID+"/users")
	assert.True(t, ok)
	assert.Equal(t, "List Users", a.Name)
	a, ok = root.Match("GET", "/"+envID+"/as/userinfo")
	assert.True(t, ok)
	assert.Equal(t, "Get Current User Info", a.Name)
}

func validUserJSON() []byte {
	return []byte(`{
		"id": "` + userID + `",
		"environment": {"id": "` + envID + `"},
		"username": "jdoe",
		"email": "jdoe@example.com",
		"name": {"given": "John", "family": "Doe"},
		"enabled": true,
		"account": {"canAuthenticate": true, "status": "OK"},
		"lifecycle": {"status": "ACCOUNT_OK"},
		"population": {"id": "f6c6d63c-4fc7-4a4f-9b0b-9c2c1c7d9a11"},
		"createdAt": "2024-02-25T23:51:49.790Z",
		"updatedAt": "2024-02-25T23:51:49.790Z",
		"_links": {"self": {"href": "https://api.pingone.com/v1/environments/` + envID + `/users/` + userID + `"}}
	}`)
}

func TestValidateRequest(t *testing.T) {
	c := load(t)
	usersURL := api + "/environments/" + envID + "/users"
	userURL := usersURL + "/" + userID
	create := []byte(`{"username": "jdoe", "email": "jdoe@example.com", "population": {"id": "p1"}}`)
	imported := []byte(`{"username": "jdoe", "email": "jdoe@example.com", "password": {"value": "{SSHA512}abc", "forceChange": false}}`)

	ok := []struct {
		name                     string
		method, url, ct          string
		body                     []byte
		action                   string
		additionalAllowedOptions []contract.Option
	}{
		{"create user json", "POST", usersURL, "application/json", create, "Create User", nil},
		{"create user import", "POST", usersURL, "application/vnd.pingidentity.user.import+json", imported, "Create User", nil},
		{"create user charset", "POST", usersURL, "application/json; charset=utf-8", create, "Create User", nil},
		{"create user without email", "POST", usersURL, "application/json", []byte(`{"username": "jdoe"}`), "Create User", nil},
		{"list users with paging", "GET", usersURL + "?limit=10&filter=" + "email%20eq%20%22a%22&cursor=abc", "", nil, "List Users", nil},
		{"get user include", "GET", userURL + "?include=memberOfGroupIDs", "", nil, "Get User", nil},
		{"patch user partial", "PATCH", userURL, "application/json", []byte(`{"nickname": "JD"}`), "Update User", nil},
		{"patch user unset", "PATCH", userURL, "application/json", []byte(`{"nickname": null, "address": null}`), "Update User", nil},
		{"set password", "PUT", userURL + "/password", "application/vnd.pingidentity.password.set+json", []byte(`{"value": "S3cret!", "forceChange": true}`), "Set User Password", nil},
		{"pair device", "POST", userURL + "/devices", "application/json", []byte(`{"type": "EMAIL", "email": "jdoe@example.com"}`), "Pair User MFA Device", nil},
		{"generate secret without body", "POST", api + "/environments/" + envID + "/applications/a1/secret", "", nil, "Generate Application Secret", nil},
		{"delete user", "DELETE", userURL, "", nil, "Delete User", nil},
		{"userinfo", "GET", "https://auth.pingone.com/" + envID + "/as/userinfo", "", nil, "Get Current User Info", nil},
		{"read-only allowed by option", "POST", usersURL, "application/json", []byte(`{"id": "x", "username": "jdoe"}`), "Create User", []contract.Option{contract.AllowReadOnlyInRequests()}},
		{"unknown query allowed by option", "GET", usersURL + "?foo=1", "", nil, "List Users", []contract.Option{contract.AllowUnknownQueryParams()}},
	}
	for _, tc := range ok {
		t.Run(tc.name, func(t *testing.T) {
			cc := c
			if tc.additionalAllowedOptions != nil {
				cc = load(t, tc.additionalAllowedOptions...)
			}
			a, err := cc.ValidateRequest(newRequest(t, tc.method, tc.url, tc.ct, tc.body), tc.body)
			require.NoError(t, err)
			assert.Equal(t, tc.action, a.Name)
		})
	}

	bad := []struct {
		name            string
		method, url, ct string
		body            []byte
		wantErr         string
	}{
		{"wrong content type", "POST", usersURL, "application/vnd.pingidentity.password.set+json", create, "Content-Type"},
		{"no content type", "POST", usersURL, "", create, "Content-Type"},
		{"missing required username", "POST", usersURL, "application/json", []byte(`{"email": "jdoe@example.com"}`), `"username"`},
		{"wrong type", "POST", usersURL, "application/json", []byte(`{"username": 42}`), "username"},
		{"wrong nested type", "POST", usersURL, "application/json", []byte(`{"username": "jdoe", "name": {"given": true}}`), "given"},
		{"bad enum", "POST", usersURL, "application/json", []byte(`{"username": "jdoe", "lifecycle": {"status": "NOPE"}}`), "status"},
		{"read-only property", "POST", usersURL, "application/json", []byte(`{"username": "jdoe", "enabled": true}`), "readOnly"},
		{"missing body", "POST", usersURL, "application/json", nil, "required"},
		{"not json", "POST", usersURL, "application/json", []byte(`{`), "decode"},
		{"password with plain json", "PUT", userURL + "/password", "application/json", []byte(`{"value": "x"}`), "Content-Type"},
		{"device reorder type", "POST", userURL + "/devices", "application/vnd.pingidentity.devices.reorder+json", []byte(`{"order": []}`), "Content-Type"},
		{"device without type", "POST", userURL + "/devices", "application/json", []byte(`{"email": "jdoe@example.com"}`), `"type"`},
		{"body on GET", "GET", userURL, "application/json", []byte(`{}`), "body"},
		{"limit not integer", "GET", usersURL + "?limit=abc", "", nil, "limit"},
		{"limit too large", "GET", usersURL + "?limit=5000", "", nil, "limit"},
		{"unknown query parameter", "GET", usersURL + "?expands=population", "", nil, "expands"},
		{"bad include enum", "GET", userURL + "?include=everything", "", nil, "include"},
		{"unknown path", "GET", usersURL + "/" + userID + "/nothing", "", nil, "no contract operation for GET /v1/environments/"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.ValidateRequest(newRequest(t, tc.method, tc.url, tc.ct, tc.body), tc.body)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.wantErr)
		})
	}

	t.Run("no operation error", func(t *testing.T) {
		_, err := c.ValidateRequest(newRequest(t, "GET", api+"/organizations", "", nil), nil)
		require.ErrorIs(t, err, contract.ErrNoOperation)
		assert.Contains(t, err.Error(), "no contract operation for GET /v1/organizations")
		_, err = c.ValidateRequest(newRequest(t, "POST", "https://auth.pingone.com/"+envID+"/as/token", "application/x-www-form-urlencoded", []byte("grant_type=client_credentials")), nil)
		require.ErrorIs(t, err, contract.ErrOutsideContract)
	})

	t.Run("multipart certificate import", func(t *testing.T) {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		fw, err := mw.CreateFormFile("file", "cert.pem")
		require.NoError(t, err)
		_, _ = fw.Write([]byte("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"))
		require.NoError(t, mw.WriteField("usageType", "SIGNING"))
		require.NoError(t, mw.Close())
		body := buf.Bytes()
		a, err := c.ValidateRequest(newRequest(t, "POST", api+"/environments/"+envID+"/certificates", mw.FormDataContentType(), body), body)
		require.NoError(t, err)
		assert.Equal(t, "Import Certificate", a.Name)

		buf.Reset()
		mw = multipart.NewWriter(&buf)
		require.NoError(t, mw.WriteField("usageType", "SIGNING"))
		require.NoError(t, mw.Close())
		body = buf.Bytes()
		_, err = c.ValidateRequest(newRequest(t, "POST", api+"/environments/"+envID+"/certificates", mw.FormDataContentType(), body), body)
		require.Error(t, err, "file part missing")

		_, err = c.ValidateRequest(newRequest(t, "POST", api+"/environments/"+envID+"/certificates", "application/x-pkcs7-certificates", []byte("xx")), []byte("xx"))
		require.Error(t, err, "must be multipart")
	})

	t.Run("request body untouched", func(t *testing.T) {
		req := newRequest(t, "POST", usersURL, "application/json", create)
		_, err := c.ValidateRequest(req, create)
		require.NoError(t, err)
		got, err := io.ReadAll(req.Body)
		require.NoError(t, err)
		assert.Equal(t, create, got)
	})
}

func TestValidateResponse(t *testing.T) {
	c := load(t)
	usersURL := api + "/environments/" + envID + "/users"
	userURL := usersURL + "/" + userID
	get := newRequest(t, "GET", userURL, "", nil)
	post := newRequest(t, "POST", usersURL, "application/json", nil)

	t.Run("valid user", func(t *testing.T) {
		a, err := c.ValidateResponse(get, 200, jsonHeader(), validUserJSON())
		require.NoError(t, err)
		assert.Equal(t, "Get User", a.Name)
		_, err = c.ValidateResponse(post, 201, http.Header{"Content-Type": {"application/json;charset=UTF-8"}}, validUserJSON())
		require.NoError(t, err)
	})

	mutate := func(t *testing.T, f func(map[string]any)) []byte {
		t.Helper()
		var u map[string]any
		require.NoError(t, json.Unmarshal(validUserJSON(), &u))
		f(u)
		b, err := json.Marshal(u)
		require.NoError(t, err)
		return b
	}

	t.Run("forward compatible", func(t *testing.T) {
		body := mutate(t, func(u map[string]any) {
			u["customAttribute"] = map[string]any{"anything": []any{1, "two"}}
			u["newTopLevelFlag"] = true
			u["account"].(map[string]any)["status"] = "SOME_FUTURE_STATUS"
			u["lifecycle"].(map[string]any)["status"] = "NEW_STATE"
			u["verifyStatus"] = "NOT_YET_KNOWN"
			u["nickname"] = nil
			u["mfaEnabled"] = nil
		})
		_, err := c.ValidateResponse(get, 200, jsonHeader(), body)
		require.NoError(t, err)
	})

	bad := []struct {
		name    string
		req     *http.Request
		status  int
		header  http.Header
		body    []byte
		wantErr string
	}{
		{"enabled wrong type", get, 200, jsonHeader(), mutate(t, func(u map[string]any) { u["enabled"] = "yes" }), "enabled"},
		{"nested wrong type", get, 200, jsonHeader(), mutate(t, func(u map[string]any) { u["name"] = map[string]any{"given": 1} }), "given"},
		{"missing required username", get, 200, jsonHeader(), mutate(t, func(u map[string]any) { delete(u, "username") }), "username"},
		{"required property null", get, 200, jsonHeader(), mutate(t, func(u map[string]any) { u["username"] = nil }), "username"},
		{"bad date-time", get, 200, jsonHeader(), mutate(t, func(u map[string]any) { u["createdAt"] = "yesterday" }), "createdAt"},
		{"undeclared status", post, 200, jsonHeader(), validUserJSON(), "status 200 not declared"},
		{"redirect status", get, 302, jsonHeader(), nil, "302"},
		{"not json content type", get, 200, http.Header{"Content-Type": {"text/html"}}, validUserJSON(), "Content-Type"},
		{"empty body", get, 200, jsonHeader(), nil, "decode"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.ValidateResponse(tc.req, tc.status, tc.header, tc.body)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.wantErr)
		})
	}

	t.Run("collections", func(t *testing.T) {
		list := newRequest(t, "GET", usersURL+"?limit=2", "", nil)
		page := func(count any) []byte {
			return []byte(`{"_links": {"self": {"href": "https://api.pingone.com/v1/x"}, "next": {"href": "https://api.pingone.com/v1/x?cursor=abc"}},
				"_embedded": {"users": [` + string(validUserJSON()) + `]}, "count": ` + count.(string) + `, "size": 1}`)
		}
		a, err := c.ValidateResponse(list, 200, jsonHeader(), page("7"))
		require.NoError(t, err)
		assert.Equal(t, "List Users", a.Name)
		_, err = c.ValidateResponse(list, 200, jsonHeader(), []byte(`{"count": 0, "size": 0}`))
		require.NoError(t, err, "_embedded may be absent")
		_, err = c.ValidateResponse(list, 200, jsonHeader(), page(`"7"`))
		require.Error(t, err)
		assert.Contains(t, err.Error(), "count")
		_, err = c.ValidateResponse(list, 200, jsonHeader(), page("7.5"))
		require.Error(t, err, "count is an integer")
		_, err = c.ValidateResponse(list, 200, jsonHeader(), []byte(`{"_embedded": {"users": [{"email": "x"}]}}`))
		require.Error(t, err, "item without username")
	})

	t.Run("required id", func(t *testing.T) {
		req := newRequest(t, "GET", userURL+"/memberOfGroups/g1", "", nil)
		_, err := c.ValidateResponse(req, 200, jsonHeader(), []byte(`{"id": "g1", "type": "DIRECT"}`))
		require.NoError(t, err)
		_, err = c.ValidateResponse(req, 200, jsonHeader(), []byte(`{"type": "DIRECT"}`))
		require.Error(t, err)
		assert.Contains(t, err.Error(), `"id"`)

		dev := newRequest(t, "GET", userURL+"/devices/d1", "", nil)
		_, err = c.ValidateResponse(dev, 200, jsonHeader(), []byte(`{"id": "d1", "type": "EMAIL", "status": "ACTIVE", "email": "a@b.c", "createdAt": "2024-01-01T00:00:00Z"}`))
		require.NoError(t, err)
		_, err = c.ValidateResponse(dev, 200, jsonHeader(), []byte(`{"type": "EMAIL"}`))
		require.Error(t, err)
	})

	t.Run("delete answers 204 without body", func(t *testing.T) {
		del := newRequest(t, "DELETE", userURL, "", nil)
		_, err := c.ValidateResponse(del, 204, http.Header{}, nil)
		require.NoError(t, err)
		_, err = c.ValidateResponse(del, 204, jsonHeader(), []byte(`{"id": "x"}`))
		require.Error(t, err)
		_, err = c.ValidateResponse(del, 200, jsonHeader(), nil)
		require.Error(t, err)
	})

	t.Run("corrected statuses", func(t *testing.T) {
		idp := newRequest(t, "POST", api+"/environments/"+envID+"/identityProviders", "application/json", nil)
		body := []byte(`{"id": "i1", "name": "Google", "type": "GOOGLE", "enabled": true, "clientId": "c", "clientSecret": "s"}`)
		for _, status := range []int{200, 201} {
			_, err := c.ValidateResponse(idp, status, jsonHeader(), body)
			require.NoError(t, err, status)
		}
		cert := newRequest(t, "POST", api+"/environments/"+envID+"/certificates", "multipart/form-data", nil)
		certBody := []byte(`{"id": "c1", "name": "cert", "usageType": "SIGNING", "keyLength": 2048, "algorithm": "RSA",
			"signatureAlgorithm": "SHA256withRSA", "subjectDN": "CN=example", "validityPeriod": 365, "status": "VALID"}`)
		_, err := c.ValidateResponse(cert, 202, jsonHeader(), certBody)
		require.NoError(t, err)
		_, err = c.ValidateResponse(cert, 201, jsonHeader(), []byte(`{"id": "c1"}`))
		require.Error(t, err)
	})

	t.Run("userinfo", func(t *testing.T) {
		req := newRequest(t, "GET", "https://auth.pingone.com/"+envID+"/as/userinfo", "", nil)
		_, err := c.ValidateResponse(req, 200, jsonHeader(), []byte(`{"sub": "u1", "email": "a@b.c", "updated_at": 1700000000, "address": {"country": "US"}}`))
		require.NoError(t, err)
		_, err = c.ValidateResponse(req, 200, jsonHeader(), []byte(`{"email": "a@b.c"}`))
		require.Error(t, err, "sub is required")
		_, err = c.ValidateResponse(req, 200, jsonHeader(), []byte(`{"sub": "u1", "updated_at": "2024-01-01"}`))
		require.Error(t, err, "updated_at is epoch seconds")
	})
}

func TestErrorResponses(t *testing.T) {
	c := load(t)
	req := newRequest(t, "GET", api+"/environments/"+envID+"/users/"+userID, "", nil)
	valid := []byte(`{"id": "6f1c2a8e-0a6b-4f0e-9b43-2f8d1c3b4a5e", "code": "INVALID_DATA", "message": "The request could not be completed.",
		"details": [{"code": "INVALID_VALUE", "target": "email", "message": "bad", "innerError": {"allowedPattern": ".*", "quotaLimit": 3}}]}`)
	for _, status := range []int{400, 401, 403, 404, 409, 415, 418, 429, 500, 503} {
		_, err := c.ValidateResponse(req, status, jsonHeader(), valid)
		assert.NoError(t, err, "status %d", status)
	}
	bad := map[string]struct {
		header http.Header
		body   string
	}{
		"missing code":      {jsonHeader(), `{"id": "x", "message": "m"}`},
		"missing id":        {jsonHeader(), `{"code": "NOT_FOUND", "message": "m"}`},
		"details not array": {jsonHeader(), `{"id": "x", "code": "c", "message": "m", "details": {"code": "c"}}`},
		"detail code type":  {jsonHeader(), `{"id": "x", "code": "c", "message": "m", "details": [{"code": 1}]}`},
		"empty body":        {jsonHeader(), ``},
		"html":              {http.Header{"Content-Type": {"text/html"}}, `<html></html>`},
	}
	for name, tc := range bad {
		_, err := c.ValidateResponse(req, 404, tc.header, []byte(tc.body))
		assert.Error(t, err, name)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestTransport(t *testing.T) {
	c := load(t)
	var rec contract.Recorder
	reqBody := []byte(`{"username": "jdoe", "email": "jdoe@example.com"}`)
	respBody := validUserJSON()
	var seenBody []byte
	next := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if r.Body != nil {
			seenBody, _ = io.ReadAll(r.Body)
		}
		switch {
		case strings.HasSuffix(r.URL.Path, "/as/token"):
			return &http.Response{StatusCode: 200, Header: jsonHeader(), Body: io.NopCloser(strings.NewReader(`{"access_token":"t"}`)), Request: r}, nil
		case strings.HasSuffix(r.URL.Path, "/fail"):
			return nil, errBoom
		case r.Method == http.MethodPost:
			return &http.Response{StatusCode: 201, Header: jsonHeader(), Body: io.NopCloser(bytes.NewReader(respBody)), Request: r}, nil
		}
		// Wrong type: the response breaks the contract.
		return &http.Response{StatusCode: 200, Header: jsonHeader(), Body: io.NopCloser(strings.NewReader(`{"username": "x", "enabled": "yes"}`)), Request: r}, nil
	})
	client := &http.Client{Transport: c.Transport(next, rec.Record)}

	resp, err := client.Post(api+"/environments/"+envID+"/users", "application/json", bytes.NewReader(reqBody))
	require.NoError(t, err)
	got, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	assert.Equal(t, respBody, got, "response body restored")
	assert.Equal(t, reqBody, seenBody, "request body restored for next")
	assert.Equal(t, 201, resp.StatusCode)

	resp, err = client.Get(api + "/environments/" + envID + "/users/" + userID)
	require.NoError(t, err)
	got, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.JSONEq(t, `{"username": "x", "enabled": "yes"}`, string(got))

	resp, err = client.PostForm("https://auth.pingone.com/"+envID+"/as/token", map[string][]string{"grant_type": {"client_credentials"}})
	require.NoError(t, err)
	resp.Body.Close()

	_, err = client.Get(api + "/environments/" + envID + "/fail")
	require.Error(t, err)
	assert.ErrorIs(t, err, errBoom, "error from next passed through")

	results := rec.Results()
	require.Len(t, results, 4)
	assert.True(t, results[0].OK(), results[0].String())
	assert.Equal(t, "Create User", results[0].Action.Name)
	assert.Equal(t, 201, results[0].Status)

	assert.NoError(t, results[1].RequestErr)
	require.Error(t, results[1].ResponseErr)
	assert.Contains(t, results[1].ResponseErr.Error(), "enabled")

	assert.True(t, results[2].Skipped)
	assert.False(t, results[2].Failed())

	assert.ErrorIs(t, results[3].TransportErr, errBoom)
	assert.ErrorIs(t, results[3].RequestErr, contract.ErrNoOperation)

	assert.Equal(t, []string{"Create User"}, rec.Validated())
	failures := rec.Failures()
	require.Len(t, failures, 2)
	assert.Equal(t, "Get User", failures[0].Action.Name)
}

var errBoom = errors.New("boom")

func TestTransportWithServer(t *testing.T) {
	c := load(t)
	var rec contract.Recorder
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if r.Method == http.MethodPut {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write(body) // echo: {"mfaEnabled": true}
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte(`{"id": "e1", "code": "NOT_FOUND", "message": "not found"}`))
	}))
	defer srv.Close()
	client := &http.Client{Transport: c.Transport(http.DefaultTransport, rec.Record)}

	req, err := http.NewRequest(http.MethodPut, srv.URL+"/v1/environments/"+envID+"/users/"+userID+"/mfaEnabled", strings.NewReader(`{"mfaEnabled": true}`))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	require.NoError(t, err)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.JSONEq(t, `{"mfaEnabled": true}`, string(b))

	resp, err = client.Get(srv.URL + "/v1/environments/" + envID + "/users/" + userID + "/mfaEnabled")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 404, resp.StatusCode)

	rec.CheckNoFailures(t)
	assert.Equal(t, []string{"Get User MFA Enabled", "Update User MFA Enabled"}, rec.Validated())
}

func TestMiddleware(t *testing.T) {
	c := load(t)
	var rec contract.Recorder
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/environments/{env}/users", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if !bytes.Contains(body, []byte("jdoe")) {
			http.Error(w, "handler did not see the body", http.StatusTeapot)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		_, _ = w.Write(validUserJSON()[:10])
		w.(http.Flusher).Flush()
		_, _ = w.Write(validUserJSON()[10:])
	})
	mux.HandleFunc("GET /v1/environments/{env}/users/{id}", func(w http.ResponseWriter, r *http.Request) {
		// No explicit WriteHeader and no Content-Type: implicit 200, sniffed type.
		_, _ = w.Write([]byte(`{"username": "x"}`))
	})
	mux.HandleFunc("DELETE /v1/environments/{env}/users/{id}", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})
	h := c.Middleware(mux, rec.Record)

	w := httptest.NewRecorder()
	h.ServeHTTP(w, newRequest(t, "POST", "/v1/environments/"+envID+"/users", "application/json", []byte(`{"username": "jdoe"}`)))
	assert.Equal(t, http.StatusCreated, w.Code)
	assert.True(t, w.Flushed)
	assert.Equal(t, validUserJSON(), w.Body.Bytes(), "response passed through")

	w = httptest.NewRecorder()
	h.ServeHTTP(w, newRequest(t, "GET", "/v1/environments/"+envID+"/users/"+userID, "", nil))
	assert.Equal(t, http.StatusOK, w.Code)

	w = httptest.NewRecorder()
	h.ServeHTTP(w, newRequest(t, "DELETE", "/v1/environments/"+envID+"/users/"+userID, "", nil))
	assert.Equal(t, http.StatusNoContent, w.Code)

	w = httptest.NewRecorder()
	h.ServeHTTP(w, newRequest(t, "POST", "/v1/environments/"+envID+"/users", "text/plain", []byte(`hello`)))

	results := rec.Results()
	require.Len(t, results, 4)
	assert.True(t, results[0].OK(), results[0].String())
	assert.Equal(t, 201, results[0].Status)
	assert.Equal(t, "Create User", results[0].Action.Name)

	// Sniffed content type is text/plain: the GET response breaks the contract.
	require.Error(t, results[1].ResponseErr)
	assert.Equal(t, 200, results[1].Status)

	assert.True(t, results[2].OK(), results[2].String())
	assert.Equal(t, 204, results[2].Status)

	require.Error(t, results[3].RequestErr)
	assert.Equal(t, http.StatusTeapot, results[3].Status)
	require.Error(t, results[3].ResponseErr, "418 with a text body is not a PingOne error")

	assert.Equal(t, []string{"Create User", "Delete User"}, rec.Validated())
}

func TestRecorderConcurrent(t *testing.T) {
	var rec contract.Recorder
	done := make(chan struct{})
	for i := range 20 {
		go func() {
			defer func() { done <- struct{}{} }()
			res := contract.Result{Action: contract.Action{Name: "List Users"}, Status: 200}
			if i%5 == 0 {
				res.ResponseErr = errBoom
			}
			rec.Record(res)
			_ = rec.Validated()
			_ = rec.Failures()
		}()
	}
	for range 20 {
		<-done
	}
	assert.Equal(t, []string{"List Users"}, rec.Validated())
	assert.Len(t, rec.Failures(), 4)
	assert.Len(t, rec.Results(), 20)
}

func TestCoverage(t *testing.T) {
	c := load(t)
	dir := t.TempDir()
	write := func(name, src string) {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644))
	}
	write("users.go", `package sdk

type UsersService struct{}

// Get reads a user.
//
//pingone:operation GET /environments/{envID}/users/{id}
func (s *UsersService) Get() {}

//pingone:operation POST /environments/{environmentID}/users
func (s *UsersService) Create() {}

// Also claims Create User.
//
//pingone:operation POST /environments/{e}/users
func (s UsersService) CreateAgain() {}

//pingone:operation GET /environments/{e}/users/{u}/nothing
func (s *UsersService) Nothing() {}

//pingone:operation GET
func (s *UsersService) Malformed() {}

//pingone:operation GET /environments/{e}/users
func List() {}
`)
	write("userinfo.go", `package sdk

type AuthService[T any] struct{}

//pingone:operation GET /{environmentID}/as/userinfo
func (a *AuthService[T]) UserInfo() {}

var _ = 1 //pingone:operation DELETE /roles/{id}
`)
	write("users_test.go", `package sdk

//pingone:operation GET /environments/{e}/groups
func (s *UsersService) InTest() {}
`)

	report, err := contract.Coverage(dir, c.Actions())
	require.NoError(t, err)
	assert.Equal(t, map[string]string{
		"Get User":              "UsersService.Get",
		"Create User":           "UsersService.Create",
		"Get Current User Info": "AuthService.UserInfo",
	}, report.Implemented)
	assert.Equal(t, map[string][]string{"Create User": {"UsersService.Create", "UsersService.CreateAgain"}}, report.Duplicates)
	require.Len(t, report.Unknown, 2)
	assert.Equal(t, "UsersService.Nothing", report.Unknown[0].Func)
	assert.Equal(t, "UsersService.Malformed", report.Unknown[1].Func)
	require.Len(t, report.Misplaced, 2)
	assert.Equal(t, "DELETE", report.Misplaced[0].Method, "userinfo.go sorts first")
	assert.Equal(t, "List", report.Misplaced[1].Func)
	assert.Len(t, report.Missing, 110)
	assert.NotContains(t, report.Missing, "Get User")
	assert.Contains(t, report.Missing, "List Groups", "directives in _test.go files are ignored")
	assert.False(t, report.Complete())
	assert.Contains(t, report.String(), "duplicate: Create User")
}
