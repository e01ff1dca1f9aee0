package pingone_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/go-json-experiment/json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/pingonetest"
	"github.com/pingone-go/pingone/scim"
)

func TestMFAEndToEnd(t *testing.T) {
	t.Parallel()
	srv, _, env := e2e(t)
	ctx := t.Context()
	user := srv.Admin().UserID
	mfa := env.MFA

	enabled, err := mfa.GetMFAEnabled(ctx, user)
	require.NoError(t, err)
	assert.False(t, enabled.MFAEnabled)
	enabled, err = mfa.SetMFAEnabled(ctx, user, true)
	require.NoError(t, err)
	assert.True(t, enabled.MFAEnabled, "the setter returns the state PingOne answered with")
	assert.Contains(t, enabled.Links.Href("self"), "/users/"+user+"/mfaEnabled")
	enabled, err = mfa.GetMFAEnabled(ctx, user)
	require.NoError(t, err)
	assert.True(t, enabled.MFAEnabled)
	stored, err := env.Users.Get(ctx, user, nil)
	require.NoError(t, err)
	assert.True(t, stored.MFAEnabled, "stored on the user")

	email, err := mfa.PairDevice(ctx, user, pingone.EmailDevice("ada@example.com"))
	require.NoError(t, err)
	assert.Equal(t, pingone.MFADeviceActive, email.Status, "an administrator's device is active")
	assert.Equal(t, "ada@example.com", email.Email)
	assert.Equal(t, user, email.User.ID)
	assert.NotEmpty(t, email.Policy.ID, "paired under the default policy")
	assert.Empty(t, email.Links.Href("activate"))

	smsReq := pingone.SMSDevice("+14155550100")
	smsReq.Nickname = pingone.Value("Work phone")
	sms, err := mfa.PairDevice(ctx, user, smsReq)
	require.NoError(t, err)
	assert.Equal(t, "Work phone", sms.Nickname)

	voiceReq := pingone.VoiceDevice("+44 20 7183 8750")
	voiceReq.Status = pingone.Value(pingone.MFADeviceActivationRequired)
	voice, err := mfa.PairDevice(ctx, user, voiceReq)
	require.NoError(t, err)
	assert.Equal(t, pingone.MFADeviceActivationRequired, voice.Status)
	assert.NotEmpty(t, voice.Links.Href("activate"))

	totp, err := mfa.PairDevice(ctx, user, pingone.TOTPDevice())
	require.NoError(t, err)
	require.NotNil(t, totp.TOTP)
	assert.Equal(t, pingone.MFADeviceActivationRequired, totp.Status)
	key := mfaDecodeSecret(t, totp.TOTP.Secret.Reveal())
	assert.GreaterOrEqual(t, len(key), 16, "at least 128 bits")
	u, err := url.Parse(totp.TOTP.KeyURI.Reveal())
	require.NoError(t, err)
	assert.Equal(t, "totp", u.Host)
	assert.Equal(t, totp.TOTP.Secret.Reveal(), u.Query().Get("secret"))
	assert.NotEmpty(t, u.Query().Get("issuer"))
	assert.Len(t, mfaTOTP(key, time.Now(), 6), 6)

	fido, err := mfa.PairDevice(ctx, user, pingone.FIDO2Device())
	require.NoError(t, err)
	require.NotNil(t, fido.FIDO2)
	var opts struct {
		Challenge        []int `json:"challenge"`
		PubKeyCredParams []struct {
			Alg int `json:"alg"`
		} `json:"pubKeyCredParams"`
	}
	require.NoError(t, json.Unmarshal(fido.FIDO2.PublicKeyCredentialCreationOptions, &opts))
	assert.Len(t, opts.Challenge, 32)
	assert.NotEmpty(t, opts.PubKeyCredParams)

	// The one-time enrolment data is not served again.
	again, err := mfa.GetDevice(ctx, user, totp.ID)
	require.NoError(t, err)
	assert.Nil(t, again.TOTP)
	assert.Empty(t, again.Extra)
	againFIDO, err := mfa.GetDevice(ctx, user, fido.ID)
	require.NoError(t, err)
	assert.Nil(t, againFIDO.FIDO2)

	// The raw form reaches the server as written: a WHATSAPP pairing, which
	// the default policy does not allow, and a VOICE one.
	_, err = mfa.PairDevice(ctx, user, pingone.RawDevice([]byte(`{"type":"WHATSAPP","phone":"+14155550199"}`)))
	assert.True(t, asAPIError(t, err).HasDetail("CONSTRAINT_VIOLATION"), "the default policy does not enable WhatsApp: %v", err)
	raw, err := mfa.PairDevice(ctx, user, pingone.RawDevice([]byte(`{"type":"VOICE","phone":"+14155550199","nickname":"raw"}`)))
	require.NoError(t, err)
	assert.Equal(t, pingone.MFADeviceVoice, raw.Type)
	assert.Equal(t, "+14155550199", raw.Phone)
	assert.Equal(t, "raw", raw.Nickname)

	// Filters on type and status.
	types := func(f scim.Filter) []pingone.MFADeviceType {
		var out []pingone.MFADeviceType
		for d, err := range mfa.ListDevicesIter(ctx, user, &pingone.ListDevicesOptions{Filter: f, ListOptions: pingone.ListOptions{Limit: 2}}) {
			require.NoError(t, err)
			out = append(out, d.Type)
		}
		return out
	}
	assert.Equal(t, []pingone.MFADeviceType{"EMAIL", "SMS", "VOICE", "TOTP", "FIDO2", "VOICE"}, types(scim.Filter{}))
	assert.Equal(t, []pingone.MFADeviceType{"SMS"}, types(scim.Eq("type", "SMS")))
	assert.Equal(t, []pingone.MFADeviceType{"VOICE", "TOTP", "FIDO2"}, types(scim.Eq("status", "ACTIVATION_REQUIRED")))
	assert.Equal(t, []pingone.MFADeviceType{"EMAIL", "SMS"}, types(scim.Or(scim.Eq("type", "EMAIL"), scim.Eq("type", "SMS"))))
	assert.Empty(t, types(scim.And(scim.Eq("type", "EMAIL"), scim.Eq("status", "ACTIVATION_REQUIRED"))))
	_, err = mfa.ListDevices(ctx, user, &pingone.ListDevicesOptions{Filter: scim.Eq("nickname", "Work phone")})
	assert.True(t, asAPIError(t, err).HasDetail("INVALID_FILTER"), "only type and status filter")
	page, err := mfa.ListDevices(ctx, user, &pingone.ListDevicesOptions{Expand: []string{"typeDisplayNames"}, ListOptions: pingone.ListOptions{Limit: 4}})
	require.NoError(t, err)
	assert.Len(t, page.Items, 4)
	assert.Equal(t, 6, page.Count)
	assert.True(t, page.HasNext())

	renamed, err := mfa.SetDeviceNickname(ctx, user, sms.ID, "Old phone")
	require.NoError(t, err)
	assert.Equal(t, "Old phone", renamed.Nickname)
	got, err := mfa.GetDevice(ctx, user, sms.ID)
	require.NoError(t, err)
	assert.Equal(t, "Old phone", got.Nickname)
	assert.Equal(t, "+14155550100", got.Phone)
	_, err = mfa.SetDeviceNickname(ctx, user, sms.ID, "")
	assert.ErrorIs(t, err, pingone.ErrInvalidData)

	require.NoError(t, mfa.DeleteDevice(ctx, user, sms.ID))
	_, err = mfa.GetDevice(ctx, user, sms.ID)
	assert.ErrorIs(t, err, pingone.ErrNotFound)
	assert.ErrorIs(t, mfa.DeleteDevice(ctx, user, sms.ID), pingone.ErrNotFound)
	_, err = mfa.SetDeviceNickname(ctx, user, sms.ID, "x")
	assert.ErrorIs(t, err, pingone.ErrNotFound)

	enabled, err = mfa.SetMFAEnabled(ctx, user, false)
	require.NoError(t, err)
	assert.False(t, enabled.MFAEnabled)
	enabled, err = mfa.GetMFAEnabled(ctx, user)
	require.NoError(t, err)
	assert.False(t, enabled.MFAEnabled)
}

func TestMFAPairingValidation(t *testing.T) {
	t.Parallel()
	srv, _, env := e2e(t)
	ctx := t.Context()
	user := srv.Admin().UserID
	cases := []struct {
		name   string
		req    pingone.PairDeviceRequest
		detail string
		target string
	}{
		{"email without address", pingone.PairDeviceRequest{Type: pingone.MFADeviceEmail}, "REQUIRED_VALUE", "email"},
		{"sms without phone", pingone.PairDeviceRequest{Type: pingone.MFADeviceSMS}, "REQUIRED_VALUE", "phone"},
		{"voice without phone", pingone.PairDeviceRequest{Type: pingone.MFADeviceVoice}, "REQUIRED_VALUE", "phone"},
		{"email not an address", pingone.EmailDevice("ada.example.com"), "INVALID_VALUE", "email"},
		{"phone without +", pingone.SMSDevice("4155550100"), "INVALID_VALUE", "phone"},
		{"phone too short", pingone.VoiceDevice("+1234"), "INVALID_VALUE", "phone"},
		{"phone with letters", pingone.SMSDevice("+1415CALLME"), "INVALID_VALUE", "phone"},
		{"mobile", pingone.PairDeviceRequest{Type: pingone.MFADeviceMobile}, "INVALID_VALUE", "type"},
		{"unknown type", pingone.PairDeviceRequest{Type: "CARRIER_PIGEON"}, "INVALID_VALUE", "type"},
		{"unknown policy", func() pingone.PairDeviceRequest {
			r := pingone.TOTPDevice()
			r.Policy = pingone.Value(pingone.Ref{ID: "6d0c0000-0000-4000-8000-0000000000ff"})
			return r
		}(), "INVALID_VALUE", "policy.id"},
	}
	for _, tc := range cases {
		_, err := env.MFA.PairDevice(ctx, user, tc.req)
		e := asAPIError(t, err)
		assert.Equal(t, 400, e.StatusCode, tc.name)
		assert.True(t, e.HasDetail(tc.detail), "%s: %v", tc.name, err)
		if assert.NotEmpty(t, e.Details, tc.name) {
			assert.Equal(t, tc.target, e.Details[0].Target, tc.name)
		}
	}
	page, err := env.MFA.ListDevices(ctx, user, nil)
	require.NoError(t, err)
	assert.Empty(t, page.Items, "no failed pairing created a device")

	// Unknown user: 404 everywhere.
	const nobody = "7a1e0000-0000-4000-8000-0000000000ff"
	_, err = env.MFA.ListDevices(ctx, nobody, nil)
	assert.ErrorIs(t, err, pingone.ErrNotFound)
	_, err = env.MFA.PairDevice(ctx, nobody, pingone.TOTPDevice())
	assert.ErrorIs(t, err, pingone.ErrNotFound)
	_, err = env.MFA.GetDevice(ctx, nobody, "d")
	assert.ErrorIs(t, err, pingone.ErrNotFound)
	_, err = env.MFA.GetMFAEnabled(ctx, nobody)
	assert.ErrorIs(t, err, pingone.ErrNotFound)
	_, err = env.MFA.SetMFAEnabled(ctx, nobody, true)
	assert.ErrorIs(t, err, pingone.ErrNotFound)
}

func TestMFADeviceLimit(t *testing.T) {
	t.Parallel()
	srv, _, env := e2e(t)
	ctx := t.Context()
	user := srv.Admin().UserID
	for i := range 15 {
		_, err := env.MFA.PairDevice(ctx, user, pingone.EmailDevice(fmt.Sprintf("ada+%d@example.com", i)))
		require.NoError(t, err, "device %d", i+1)
	}
	_, err := env.MFA.PairDevice(ctx, user, pingone.TOTPDevice())
	e := asAPIError(t, err)
	assert.Equal(t, 400, e.StatusCode)
	require.NotEmpty(t, e.Details)
	assert.Contains(t, e.Details[0].Message, "at most 15")
	require.NotNil(t, e.Details[0].InnerError)
	require.NotNil(t, e.Details[0].InnerError.MaximumValue)
	assert.InDelta(t, 15, *e.Details[0].InnerError.MaximumValue, 0)

	// Deleting one makes room again.
	page, err := env.MFA.ListDevices(ctx, user, nil)
	require.NoError(t, err)
	require.Len(t, page.Items, 15)
	require.NoError(t, env.MFA.DeleteDevice(ctx, user, page.Items[0].ID))
	_, err = env.MFA.PairDevice(ctx, user, pingone.TOTPDevice())
	require.NoError(t, err)
}

// mfaOffContract starts a server without the contract check, for requests the
// contract does not describe (other content types on the devices URL, the
// activation call), and returns an HTTP client holding a worker token.
func mfaOffContract(t *testing.T) (*pingonetest.Server, *http.Client, *pingone.Environment) {
	t.Helper()
	srv := pingonetest.NewServer(t)
	w := srv.Worker()
	cc := clientcredentials.Config{
		ClientID: w.ClientID, ClientSecret: w.ClientSecret,
		TokenURL:  srv.AuthURL() + "/" + srv.EnvironmentID() + "/as/token",
		AuthStyle: oauth2.AuthStyleInHeader,
	}
	c, err := pingone.NewClient(srv.ClientOptions()...)
	require.NoError(t, err)
	return srv, cc.Client(t.Context()), c.Environment(srv.EnvironmentID())
}

func mfaPost(t *testing.T, hc *http.Client, u, contentType, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), "POST", u, strings.NewReader(body))
	require.NoError(t, err)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := hc.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(data)
}

// TestMFADevicesContentTypes: on POST .../devices the content type selects
// the operation. Plain JSON pairs, the reorder type reorders, anything else
// is 415; a reorder body sent as plain JSON is a (failed) pairing.
func TestMFADevicesContentTypes(t *testing.T) {
	t.Parallel()
	srv, hc, env := mfaOffContract(t)
	ctx := t.Context()
	user := srv.Admin().UserID
	devicesURL := srv.APIURL() + "/environments/" + srv.EnvironmentID() + "/users/" + user + "/devices"

	a, err := env.MFA.PairDevice(ctx, user, pingone.EmailDevice("a@example.com"))
	require.NoError(t, err)
	b, err := env.MFA.PairDevice(ctx, user, pingone.SMSDevice("+14155550100"))
	require.NoError(t, err)
	order := `{"order":[{"id":"` + b.ID + `"},{"id":"` + a.ID + `"}]}`

	for _, ct := range []string{"text/plain", "application/xml", "", "application/vnd.pingidentity.device.activate+json"} {
		status, body := mfaPost(t, hc, devicesURL, ct, `{"type":"TOTP"}`)
		assert.Equal(t, http.StatusUnsupportedMediaType, status, "%q: %s", ct, body)
		assert.Contains(t, body, `"code":"INVALID_REQUEST"`)
	}

	status, body := mfaPost(t, hc, devicesURL, "application/json", order)
	assert.Equal(t, 400, status, body)
	assert.Contains(t, body, "REQUIRED_VALUE", "plain JSON is a pairing, which needs a type")
	list := func() []string {
		var ids []string
		for d, err := range env.MFA.ListDevicesIter(ctx, user, nil) {
			require.NoError(t, err)
			ids = append(ids, d.ID)
		}
		return ids
	}
	assert.Equal(t, []string{a.ID, b.ID}, list(), "not reordered")

	status, body = mfaPost(t, hc, devicesURL, "application/vnd.pingidentity.devices.reorder+json", order)
	assert.Equal(t, 200, status, body)
	assert.Equal(t, []string{b.ID, a.ID}, list(), "reordered")

	status, _ = mfaPost(t, hc, devicesURL, "application/vnd.pingidentity.devices.reorder+json", `{"type":"TOTP"}`)
	assert.Equal(t, 400, status, "a pairing body sent as a reorder is a (failed) reorder")
	assert.Len(t, list(), 2)

	status, _ = mfaPost(t, hc, devicesURL, "application/json; charset=utf-8", `{"type":"TOTP"}`)
	assert.Equal(t, 201, status, "parameters of the media type do not matter")
	assert.Len(t, list(), 3)
}

// TestMFATOTPSecretWorks activates a TOTP device with a code computed from
// the secret of the pairing answer: the secret is the server's.
func TestMFATOTPSecretWorks(t *testing.T) {
	t.Parallel()
	srv, hc, env := mfaOffContract(t)
	ctx := t.Context()
	user := srv.Admin().UserID
	d, err := env.MFA.PairDevice(ctx, user, pingone.TOTPDevice())
	require.NoError(t, err)
	require.NotNil(t, d.TOTP)
	activate := d.Links.Href("activate")
	require.NotEmpty(t, activate)
	key := mfaDecodeSecret(t, d.TOTP.Secret.Reveal())
	code := mfaTOTP(key, time.Now(), 6)
	wrong := fmt.Sprintf("%06d", (mfaAtoi(t, code)+500000)%1000000)

	status, body := mfaPost(t, hc, activate, "application/vnd.pingidentity.device.activate+json", `{"otp":"`+wrong+`"}`)
	assert.Equal(t, 400, status, body)
	assert.Contains(t, body, "INVALID_OTP")
	status, body = mfaPost(t, hc, activate, "application/json", `{"otp":"`+code+`"}`)
	assert.Equal(t, http.StatusUnsupportedMediaType, status, body)

	status, body = mfaPost(t, hc, activate, "application/vnd.pingidentity.device.activate+json", `{"otp":"`+code+`"}`)
	require.Equal(t, 200, status, body)
	got, err := env.MFA.GetDevice(ctx, user, d.ID)
	require.NoError(t, err)
	assert.Equal(t, pingone.MFADeviceActive, got.Status)
	assert.Empty(t, got.Links.Href("activate"))
}

func mfaAtoi(t *testing.T, s string) int {
	t.Helper()
	var n int
	_, err := fmt.Sscanf(s, "%d", &n)
	require.NoError(t, err)
	return n
}

// TestIdentityProvidersOffContract checks what the contract keeps the SDK
// from sending: unknown enum values and types, and other content types.
func TestIdentityProvidersOffContract(t *testing.T) {
	t.Parallel()
	srv, hc, env := mfaOffContract(t)
	idpURL := srv.APIURL() + "/environments/" + srv.EnvironmentID() + "/identityProviders"
	status, body := mfaPost(t, hc, idpURL, "application/json", `{"name":"K","enabled":true,"type":"KAKAO","restApiKey":"k"}`)
	assert.Equal(t, 400, status, body)
	assert.Contains(t, body, "INVALID_VALUE")
	status, body = mfaPost(t, hc, idpURL, "text/plain", `{}`)
	assert.Equal(t, http.StatusUnsupportedMediaType, status, body)
	status, body = mfaPost(t, hc, idpURL+"?expand=everything", "application/json", `{}`)
	assert.Equal(t, 400, status, body)
	assert.Contains(t, body, "INVALID_PARAMETER")

	p, err := env.IdentityProviders.Create(t.Context(), pingone.IdentityProviderRequest{Name: "P", Enabled: true, SAML: new(idpSAMLSettings())}, nil)
	require.NoError(t, err)
	status, body = mfaPost(t, hc, idpURL+"/"+p.ID+"/attributes", "application/json", `{"name":"title","value":"${samlAssertion.title}","update":"SOMETIMES"}`)
	assert.Equal(t, 400, status, body)
	assert.Contains(t, body, "INVALID_VALUE")
	status, body = mfaPost(t, hc, idpURL+"/"+p.ID+"/attributes", "application/json", `{"name":"title","value":"${samlAssertion.title}","update":"ALWAYS","mappingType":"CORE"}`)
	assert.Equal(t, 201, status, body)
	assert.Contains(t, body, `"mappingType":"CUSTOM"`, "PingOne sets the mapping type")
}
