package pingone_test

import (
	"encoding/json"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
)

const (
	testEnv     = "abfba8f6-49eb-49f5-a5d9-80ad5c98f9f6"
	testAPIBase = "https://api.pingone.test/v1"
	testAuth    = "https://auth.pingone.test"
)

// mockClient returns a client whose requests go to a fresh httpmock
// transport (nothing leaves the process), with a static token and fast
// retries. Every request and response passes through the contract check.
func mockClient(t testing.TB, opts ...pingone.Option) (*pingone.Client, *httpmock.MockTransport) {
	t.Helper()
	return newMockClient(t, true, opts...)
}

// rawMockClient is mockClient without the contract check, for tests whose
// server deliberately breaks the contract (HTML error pages, cut bodies).
func rawMockClient(t testing.TB, opts ...pingone.Option) (*pingone.Client, *httpmock.MockTransport) {
	t.Helper()
	return newMockClient(t, false, opts...)
}

func newMockClient(t testing.TB, validate bool, opts ...pingone.Option) (*pingone.Client, *httpmock.MockTransport) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	var rt http.RoundTripper = mt
	if validate {
		rt = contractTransport(t, mt)
	}
	hc := &http.Client{Transport: rt}
	base := []pingone.Option{
		pingone.WithBaseURLs(testAPIBase, testAuth),
		pingone.WithHTTPClient(hc),
		pingone.WithStaticToken("test-token"),
		pingone.WithRetryPolicy(pingone.RetryPolicy{MaxRetries: 3, MinWait: time.Millisecond, MaxWait: 5 * time.Millisecond, MaxRetryAfter: time.Minute}),
		// Role assignments are remembered per API host across the
		// process, and every mock shares one host: a test that needs the
		// window turns it on with a host of its own.
		pingone.WithPermissionPropagationWindow(0),
	}
	c, err := pingone.NewClient(append(base, opts...)...)
	require.NoError(t, err)
	return c, mt
}

// jsonResponder answers with status and a JSON body, plus a Correlation-Id.
func jsonResponder(status int, body string) httpmock.Responder {
	return func(*http.Request) (*http.Response, error) {
		r := httpmock.NewStringResponse(status, body)
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("Correlation-Id", "corr-1")
		return r, nil
	}
}

// assertFields compares the exported fields of two models: a decoded model
// also remembers the JSON it came from (which a value built by hand does
// not), so the two are not equal as Go values.
func assertFields(t testing.TB, want, got any, msgAndArgs ...any) {
	t.Helper()
	if diff := cmp.Diff(want, got, cmpopts.IgnoreUnexported(wireModelTypes...), exportSDKValues); diff != "" {
		require.Fail(t, "fields differ (-want +got):\n"+diff, msgAndArgs...)
	}
}

// wireModelTypes are the models converted to the SDK's codec.
var wireModelTypes = []any{
	pingone.User{}, pingone.UserName{}, pingone.UserAddress{}, pingone.UserPhoto{}, pingone.UserAccount{},
	pingone.UserIdentityLink{}, pingone.UserLifecycle{}, pingone.UserLastSignOn{}, pingone.UserEmbedded{},
	pingone.Population{}, pingone.Ref{}, pingone.Link{},
	// Applications.
	pingone.Application{}, pingone.ApplicationAccessControl{}, pingone.ApplicationAccessRole{}, pingone.ApplicationAccessGroup{},
	pingone.ApplicationIcon{}, pingone.ApplicationRequest{}, pingone.OIDCSettings{}, pingone.OIDCSettingsRequest{},
	pingone.SAMLSettings{}, pingone.SAMLSettingsRequest{}, pingone.WSFedSettings{}, pingone.WSFedSettingsRequest{},
	pingone.ExternalLinkSettings{}, pingone.ExternalLinkSettingsRequest{}, pingone.PortalSettings{}, pingone.PortalSettingsRequest{},
	pingone.SelfServiceSettings{}, pingone.SelfServiceSettingsRequest{}, pingone.AdminConsoleSettings{}, pingone.AdminConsoleSettingsRequest{},
	pingone.ApplicationCORSSettings{}, pingone.ApplicationTemplate{}, pingone.OIDCMobileSettings{}, pingone.OIDCMobileDuration{},
	pingone.OIDCMobileIntegrityDetection{}, pingone.OIDCMobileCacheDuration{}, pingone.OIDCMobileGooglePlay{}, pingone.OIDCMobilePush{},
	pingone.OIDCMobileNumberMatching{}, pingone.OIDCKerberos{}, pingone.OIDCSigning{}, pingone.ApplicationIDPSigning{},
	pingone.SAMLSPVerification{}, pingone.SAMLSPEncryption{}, pingone.SAMLVirtualServerIDSettings{}, pingone.SAMLVirtualServerID{},
	pingone.WSFedKerberos{}, pingone.WSFedKerberosGateway{}, pingone.ApplicationSecret{}, pingone.PreviousClientSecret{},
	pingone.ApplicationGrant{}, pingone.ApplicationGrantRequest{}, pingone.SignOnPolicyAssignment{}, pingone.SignOnPolicyAssignmentRequest{},
	pingone.ApplicationAttributeMapping{}, pingone.ApplicationAttributeMappingRequest{},
	// Identity providers.
	pingone.IdentityProvider{}, pingone.IdentityProviderEmbedded{}, pingone.IdentityProviderIcon{}, pingone.IdentityProviderRegistration{},
	pingone.IdentityProviderFacebook{}, pingone.IdentityProviderSocial{}, pingone.IdentityProviderMicrosoft{}, pingone.IdentityProviderPayPal{},
	pingone.IdentityProviderApple{}, pingone.IdentityProviderOIDC{}, pingone.IdentityProviderSAML{}, pingone.IdentityProviderSAMLVerification{},
	pingone.IdentityProviderSAMLSigning{}, pingone.IdentityProviderRequest{}, pingone.IdentityProviderFacebookSettings{},
	pingone.IdentityProviderSocialSettings{}, pingone.IdentityProviderMicrosoftSettings{}, pingone.IdentityProviderPayPalSettings{},
	pingone.IdentityProviderAppleSettings{}, pingone.IdentityProviderOIDCSettings{}, pingone.IdentityProviderSAMLSettings{},
	pingone.IdentityProviderAttribute{}, pingone.IdentityProviderAttributeRequest{},
	// MFA devices.
	pingone.MFADevice{}, pingone.MFADeviceLock{}, pingone.MFADeviceBlock{}, pingone.MFADevicePolicy{}, pingone.MFATOTPEnrollment{},
	pingone.MFAFIDO2Enrollment{}, pingone.PairDeviceRequest{}, pingone.UserMFAEnabled{},
}

// exportSDKValues lets assertFields compare the values that Optional,
// Secret and Links hold (in unexported fields).
var exportSDKValues = cmp.Exporter(func(t reflect.Type) bool {
	return t == reflect.TypeFor[pingone.Secret]() || t == reflect.TypeFor[pingone.Links]() || strings.HasPrefix(t.Name(), "Optional[")
})

// assertSentBack checks a read-modify-replace on the wire: a resource body
// with members the SDK does not model is decoded by get, turned into a
// request by the resource's Request and sent by replace; the body sent must
// be the body read, less the read-only members (and _links), unchanged.
func assertSentBack(t *testing.T, url, body string, readOnly []string,
	get func(*pingone.Environment) (any, error), replace func(*pingone.Environment, any) error) {
	t.Helper()
	c, mt := rawMockClient(t)
	env := c.Environment(testEnv)
	mt.RegisterResponder("GET", url, jsonResponder(200, body))
	var sent []byte
	mt.RegisterResponder("PUT", url, func(r *http.Request) (*http.Response, error) {
		sent, _ = io.ReadAll(r.Body)
		return jsonResponder(200, body)(r)
	})
	got, err := get(env)
	require.NoError(t, err)
	require.NoError(t, replace(env, got))

	var want map[string]any
	require.NoError(t, json.Unmarshal([]byte(body), &want))
	for _, k := range append(readOnly, "_links", "_embedded") {
		delete(want, k)
	}
	var have map[string]any
	require.NoError(t, json.Unmarshal(sent, &have), "%s", sent)
	assert.Equal(t, want, have, "sent back: %s", sent)
}
