package pingone_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"encoding/json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
)

const (
	ppID1  = "9c1a7b2e-0000-4000-8000-000000000009"
	ppID2  = "9c1a7b2e-0000-4000-8000-00000000000a"
	sopID1 = "50f0a1b2-0000-4000-8000-000000000001"
	sopID2 = "50f0a1b2-0000-4000-8000-000000000002"
	dapID1 = "de7a0000-0000-4000-8000-000000000001"
	dapID2 = "de7a0000-0000-4000-8000-000000000002"
	envPP  = "/environments/" + testEnv + "/passwordPolicies"
	envSOP = "/environments/" + testEnv + "/signOnPolicies"
	envDAP = "/environments/" + testEnv + "/deviceAuthenticationPolicies"
)

// testOffline is an SMS, voice or email method as tests send it.
func testOffline(enabled bool) pingone.DeviceAuthOfflineMethod {
	return pingone.DeviceAuthOfflineMethod{
		Enabled: enabled,
		OTP: pingone.DeviceAuthOTP{
			LifeTime:  pingone.TimePeriod{Duration: 30, TimeUnit: pingone.TimeUnitMinutes},
			Failure:   pingone.OTPFailure{Count: 3, CoolDown: pingone.TimePeriod{Duration: 2, TimeUnit: pingone.TimeUnitMinutes}},
			OTPLength: 6,
		},
	}
}

func testFailure() pingone.DeviceAuthOTP {
	return pingone.DeviceAuthOTP{Failure: pingone.OTPFailure{Count: 3, CoolDown: pingone.TimePeriod{Duration: 2, TimeUnit: pingone.TimeUnitMinutes}}}
}

// emailOnlyPolicy is the request of the device policy goldens.
func emailOnlyPolicy(name string) pingone.DeviceAuthPolicyRequest {
	email := testOffline(true)
	email.PromptForNicknameOnPairing = true
	email.OTP.LifeTime = pingone.TimePeriod{Duration: 10, TimeUnit: pingone.TimeUnitMinutes}
	email.OTP.Failure = pingone.OTPFailure{Count: 5, CoolDown: pingone.TimePeriod{Duration: 30, TimeUnit: pingone.TimeUnitSeconds}}
	email.OTP.OTPLength = 8
	return pingone.DeviceAuthPolicyRequest{
		Name:   name,
		SMS:    testOffline(false),
		Voice:  testOffline(false),
		Email:  email,
		Mobile: pingone.DeviceAuthMobileMethod{OTP: testFailure()},
		TOTP:   pingone.DeviceAuthTOTPMethod{OTP: testFailure()},
	}
}

func init() {
	registerActions(
		// ---- password policies ----
		actionCase{
			action: "List Password Policies", family: "policies", golden: "password_list",
			method: "GET", path: envPP, status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.PasswordPolicies.List(ctx, nil)
			},
			check: func(t *testing.T, got any) {
				p := got.(*pingone.Page[pingone.PasswordPolicy])
				require.Len(t, p.Items, 2)
				assert.Equal(t, 2, p.Count)
				assert.False(t, p.HasNext())
				std := p.Items[0]
				assert.True(t, std.Default)
				assertFields(t, pingone.PasswordHistory{Count: 6, RetentionDays: 365}, std.History)
				assertFields(t, pingone.PasswordLockout{FailureCount: 5, DurationSeconds: 900}, std.Lockout)
				assert.Equal(t, 3, std.PopulationCount)
				assert.Equal(t, time.Date(2024, 3, 1, 10, 0, 0, 123e6, time.UTC), std.CreatedAt)
				pass := p.Items[1]
				assert.Equal(t, "Passphrase", pass.Name)
				assert.False(t, pass.NotSimilarToCurrent)
				assert.Equal(t, 7, pass.MinComplexity)
				assert.Equal(t, 2, pass.NumberSequenceRule.MaxLength)
				assert.Equal(t, 3, pass.ShiftedNumberRowSequenceRule.MaxLength)
				assert.Contains(t, pass.Extra, "bypassPolicy", "unknown members are kept")
			},
		},
		actionCase{
			action: "Get Password Policy", family: "policies", golden: "password_get",
			method: "GET", path: envPP + "/" + ppID1, status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.PasswordPolicies.Get(ctx, ppID1)
			},
			check: func(t *testing.T, got any) {
				p := got.(*pingone.PasswordPolicy)
				assert.Equal(t, ppID1, p.ID)
				assert.Equal(t, testEnv, p.Environment.ID)
				assert.True(t, p.ExcludesCommonlyUsed)
				assert.True(t, p.ExcludesProfileData)
				assert.True(t, p.NotSimilarToCurrent)
				assertFields(t, pingone.PasswordLength{Min: 8, Max: 255}, p.Length)
				assert.Equal(t, 182, p.MaxAgeDays)
				assert.Equal(t, 1, p.MinAgeDays)
				assert.Equal(t, 2, p.MaxRepeatedCharacters)
				assert.Equal(t, 5, p.MinUniqueCharacters)
				assert.Equal(t, map[string]int{
					pingone.CharClassUpper: 1, pingone.CharClassLower: 1,
					pingone.CharClassDigits: 1, pingone.CharClassSpecial: 2,
				}, p.MinCharacters)
				assert.Contains(t, p.Links.Href("self"), ppID1)
			},
		},
		actionCase{
			action: "Create Password Policy", family: "policies", golden: "password_create",
			method: "POST", path: envPP, status: 201,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.PasswordPolicies.Create(ctx, pingone.PasswordPolicyRequest{
					Name:                 "Passphrase",
					Description:          pingone.Value("Long passwords, few rules"),
					ExcludesCommonlyUsed: true,
					ExcludesProfileData:  true,
					NotSimilarToCurrent:  false, // sent: the field is required
					Default:              pingone.Value(false),
					History:              pingone.Value(pingone.PasswordHistory{Count: 4, RetentionDays: 180}),
					Length:               pingone.Value(pingone.PasswordLength{Min: 30, Max: 255}),
					Lockout:              pingone.Value(pingone.PasswordLockout{FailureCount: 10, DurationSeconds: 600}),
					MinCharacters:        pingone.Value(map[string]int{pingone.CharClassLower: 1}),
					AlphabetSequenceRule: pingone.Value(pingone.SequenceRule{MaxLength: 3}),
					QwertySequenceRule:   pingone.Value(pingone.SequenceRule{MaxLength: 3}),
				})
			},
			check: func(t *testing.T, got any) {
				p := got.(*pingone.PasswordPolicy)
				assert.Equal(t, ppID2, p.ID)
				assert.Equal(t, map[string]int{pingone.CharClassLower: 1}, p.MinCharacters)
				assert.Equal(t, 3, p.QwertySequenceRule.MaxLength)
			},
		},
		actionCase{
			action: "Update Password Policy", family: "policies", golden: "password_replace",
			method: "PUT", path: envPP + "/" + ppID2, status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.PasswordPolicies.Replace(ctx, ppID2, pingone.PasswordPolicyRequest{
					Name:                 "Passphrase v2",
					ExcludesCommonlyUsed: true,
					NotSimilarToCurrent:  true,
					Length:               pingone.Value(pingone.PasswordLength{Min: 32, Max: 128}),
				})
			},
			check: func(t *testing.T, got any) {
				p := got.(*pingone.PasswordPolicy)
				assert.Equal(t, "Passphrase v2", p.Name)
				assert.Empty(t, p.Description)
				assert.Zero(t, p.History)
				assert.Nil(t, p.MinCharacters)
				assert.Equal(t, 1, p.PopulationCount)
			},
		},
		actionCase{
			action: "Delete Password Policy", family: "policies", golden: "password_delete",
			method: "DELETE", path: envPP + "/" + ppID2, status: 204,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return nil, env.PasswordPolicies.Delete(ctx, ppID2)
			},
		},

		// ---- sign-on policies ----
		actionCase{
			action: "List Sign-On Policies", family: "policies", golden: "signon_list",
			method: "GET", path: envSOP + "?limit=10", status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.SignOnPolicies.List(ctx, &pingone.ListOptions{Limit: 10})
			},
			check: func(t *testing.T, got any) {
				p := got.(*pingone.Page[pingone.SignOnPolicy])
				require.Len(t, p.Items, 2)
				assert.Equal(t, "Single_Factor", p.Items[0].Name)
				assert.True(t, p.Items[0].Default)
				assert.Contains(t, p.Items[0].Links.Href("actions"), "/actions")
				assert.Equal(t, "Multi_Factor", p.Items[1].Name)
				assert.False(t, p.Items[1].Default)
			},
		},
		actionCase{
			action: "Get Sign-On Policy", family: "policies", golden: "signon_get",
			method: "GET", path: envSOP + "/" + sopID1, status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.SignOnPolicies.Get(ctx, sopID1)
			},
			check: func(t *testing.T, got any) {
				p := got.(*pingone.SignOnPolicy)
				assert.Equal(t, sopID1, p.ID)
				assert.Equal(t, "A sign-on policy that requires username and password", p.Description)
				assert.Equal(t, time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC), p.CreatedAt)
			},
		},
		actionCase{
			action: "Create Sign-On Policy", family: "policies", golden: "signon_create",
			method: "POST", path: envSOP, status: 201,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.SignOnPolicies.Create(ctx, pingone.SignOnPolicyRequest{Name: "Multi_Factor", Description: pingone.Value("Password then MFA")})
			},
			check: func(t *testing.T, got any) {
				p := got.(*pingone.SignOnPolicy)
				assert.Equal(t, sopID2, p.ID)
				assert.Equal(t, "Password then MFA", p.Description)
			},
		},
		actionCase{
			action: "Update Sign-On Policy", family: "policies", golden: "signon_replace",
			method: "PUT", path: envSOP + "/" + sopID2, status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.SignOnPolicies.Replace(ctx, sopID2, pingone.SignOnPolicyRequest{Name: "Multi_Factor_v2", Default: pingone.Value(true)})
			},
			check: func(t *testing.T, got any) {
				p := got.(*pingone.SignOnPolicy)
				assert.True(t, p.Default)
				assert.Empty(t, p.Description)
			},
		},
		actionCase{
			action: "Delete Sign-On Policy", family: "policies", golden: "signon_delete",
			method: "DELETE", path: envSOP + "/" + sopID2, status: 204,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return nil, env.SignOnPolicies.Delete(ctx, sopID2)
			},
		},

		// ---- device authentication policies ----
		actionCase{
			action: "List Device Authentication Policies", family: "policies", golden: "device_list",
			method: "GET", path: envDAP, status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.DeviceAuthPolicies.List(ctx, nil)
			},
			check: func(t *testing.T, got any) {
				p := got.(*pingone.Page[pingone.DeviceAuthPolicy])
				require.Len(t, p.Items, 2)
				assert.True(t, p.Items[0].Default)
				other := p.Items[1]
				assert.Equal(t, "Email only", other.Name)
				assert.False(t, other.SMS.Enabled)
				assert.True(t, other.Email.Enabled)
				assert.Equal(t, pingone.NewDeviceNotification("PUSH_THEN_CARRIER_PIGEON"), other.NewDeviceNotification, "unknown enum values are kept")
				assert.Equal(t, pingone.DeviceSelectionAlwaysDisplayDevices, other.Authentication.DeviceSelection)
				assert.Contains(t, other.Extra, "voiceBiometrics", "unknown members are kept")
			},
		},
		actionCase{
			action: "Get Device Authentication Policy", family: "policies", golden: "device_get",
			method: "GET", path: envDAP + "/" + dapID1, status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.DeviceAuthPolicies.Get(ctx, dapID1)
			},
			check: func(t *testing.T, got any) {
				p := got.(*pingone.DeviceAuthPolicy)
				assert.Equal(t, dapID1, p.ID)
				assert.True(t, p.Default)
				assert.False(t, p.ForSignOnPolicy)
				assertFields(t, pingone.TimePeriod{Duration: 30, TimeUnit: pingone.TimeUnitMinutes}, p.SMS.OTP.LifeTime)
				assert.Equal(t, 3, p.SMS.OTP.Failure.Count)
				assert.True(t, p.SMS.PromptForNicknameOnPairing)
				assert.Equal(t, 8, p.Email.OTP.OTPLength)
				assert.Equal(t, pingone.TimeUnitSeconds, p.Email.OTP.Failure.CoolDown.TimeUnit)
				assert.False(t, p.WhatsApp.Enabled)
				assert.Equal(t, 30, p.Mobile.OTP.Window.StepSize.Duration)
				require.Len(t, p.Mobile.Applications, 1)
				app := p.Mobile.Applications[0]
				assert.Equal(t, "a11c0000-0000-4000-8000-000000000001", app.ID)
				require.NotNil(t, app.Push)
				assert.False(t, app.Push.Enabled)
				require.NotNil(t, app.Push.NumberMatching)
				assert.True(t, app.Push.NumberMatching.Enabled)
				assertFields(t, pingone.TimePeriod{Duration: 40, TimeUnit: pingone.TimeUnitSeconds}, app.PushTimeout)
				assert.Equal(t, 5, app.PushLimit.Count)
				require.NotNil(t, app.AutoEnrollment)
				assert.False(t, app.AutoEnrollment.Enabled)
				require.NotNil(t, app.DeviceAuthorization)
				assert.Equal(t, pingone.MobileExtraVerificationRestrictive, app.DeviceAuthorization.ExtraVerification)
				assert.True(t, app.BiometricsEnabled)
				assert.Equal(t, pingone.MobileIntegrityDetectionPermissive, app.IntegrityDetection)
				assert.Equal(t, []string{"10.0.0.0/8"}, app.IPPairingConfiguration.OnlyTheseIPAddresses)
				assert.Equal(t, 25, app.NewRequestDurationConfiguration.DeviceTimeout.Duration)
				assert.True(t, p.TOTP.PairingDisabled)
				assert.Equal(t, 1, p.TOTP.PasscodeGracePeriod)
				assert.Equal(t, map[string]string{"issuer": "Example"}, p.TOTP.URIParameters)
				assert.True(t, p.FIDO2.Enabled)
				assert.Equal(t, "f1d00000-0000-4000-8000-000000000001", p.FIDO2.FIDO2PolicyID)
				assert.False(t, p.OATHToken.Enabled)
				assert.Equal(t, pingone.NewDeviceNotificationSMSThenEmail, p.NewDeviceNotification)
				assert.Equal(t, pingone.DeviceSelectionPromptToSelect, p.Authentication.DeviceSelection)
				assert.True(t, p.IgnoreUserLock)
				assert.Equal(t, "4071f100-0000-4000-8000-000000000001", p.NotificationsPolicy.ID)
				assertFields(t, pingone.RememberMeWeb{Enabled: true, LifeTime: pingone.TimePeriod{Duration: 8, TimeUnit: pingone.TimeUnitHours}}, p.RememberMe.Web)
				assert.Equal(t, time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC), p.UpdatedAt)
			},
		},
		actionCase{
			action: "Create Device Authentication Policy", family: "policies", golden: "device_create",
			method: "POST", path: envDAP, status: 201,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				req := emailOnlyPolicy("Email only")
				req.FIDO2 = pingone.Value(pingone.DeviceAuthFIDO2Method{Enabled: true})
				req.NewDeviceNotification = pingone.Value(pingone.NewDeviceNotificationEmailThenSMS)
				req.Authentication = pingone.Value(pingone.DeviceAuthAuthentication{DeviceSelection: pingone.DeviceSelectionDefaultToFirst})
				req.RememberMe = pingone.Value(pingone.DeviceAuthRememberMe{Web: pingone.RememberMeWeb{Enabled: true, LifeTime: pingone.TimePeriod{Duration: 30, TimeUnit: pingone.TimeUnitDays}}})
				return env.DeviceAuthPolicies.Create(ctx, req)
			},
			check: func(t *testing.T, got any) {
				p := got.(*pingone.DeviceAuthPolicy)
				assert.Equal(t, dapID2, p.ID)
				assert.True(t, p.FIDO2.Enabled)
				assert.Equal(t, pingone.TimeUnitDays, p.RememberMe.Web.LifeTime.TimeUnit)
			},
		},
		actionCase{
			action: "Update Device Authentication Policy", family: "policies", golden: "device_replace",
			method: "PUT", path: envDAP + "/" + dapID2, status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				req := emailOnlyPolicy("Email only v2")
				req.Email.PromptForNicknameOnPairing = false
				req.Email.OTP.OTPLength = 6
				return env.DeviceAuthPolicies.Replace(ctx, dapID2, req)
			},
			check: func(t *testing.T, got any) {
				p := got.(*pingone.DeviceAuthPolicy)
				assert.Equal(t, "Email only v2", p.Name)
				assert.False(t, p.FIDO2.Enabled, "omitted fido2 was reset")
				assert.Zero(t, p.RememberMe)
			},
		},
		actionCase{
			action: "Delete Device Authentication Policy", family: "policies", golden: "device_delete",
			method: "DELETE", path: envDAP + "/" + dapID2, status: 204,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return nil, env.DeviceAuthPolicies.Delete(ctx, dapID2)
			},
		},
	)
}

func TestPolicies(t *testing.T) {
	t.Parallel()
	testFamily(t, "policies")
}

// TestPoliciesCheckArguments checks that a missing ID or name is reported
// before any request is made, by an error naming the method and the
// argument.
func TestPoliciesCheckArguments(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	env := c.Environment(testEnv)
	ctx := t.Context()
	cases := []struct {
		call func() error
		want string
	}{
		{func() error { _, err := env.PasswordPolicies.Get(ctx, ""); return err }, "pingone: PasswordPolicies.Get: passwordPolicyID is required"},
		{func() error { _, err := env.PasswordPolicies.Get(ctx, ".."); return err }, "pingone: PasswordPolicies.Get: passwordPolicyID is not a valid ID: .."},
		{func() error { _, err := env.PasswordPolicies.Create(ctx, pingone.PasswordPolicyRequest{}); return err }, "pingone: PasswordPolicies.Create: Name is required"},
		{func() error {
			_, err := env.PasswordPolicies.Replace(ctx, "", pingone.PasswordPolicyRequest{Name: "x"})
			return err
		}, "pingone: PasswordPolicies.Replace: passwordPolicyID is required"},
		{func() error {
			_, err := env.PasswordPolicies.Replace(ctx, ppID1, pingone.PasswordPolicyRequest{})
			return err
		}, "pingone: PasswordPolicies.Replace: Name is required"},
		{func() error { return env.PasswordPolicies.Delete(ctx, "") }, "pingone: PasswordPolicies.Delete: passwordPolicyID is required"},
		{func() error { _, err := env.PasswordPolicies.ByName(ctx, ""); return err }, "pingone: PasswordPolicies.ByName: name is required"},
		{func() error { _, err := env.PasswordPolicies.List(ctx, &pingone.ListOptions{Limit: -1}); return err }, "pingone: PasswordPolicies.List: Limit is negative"},
		{func() error { _, err := env.SignOnPolicies.Get(ctx, ""); return err }, "pingone: SignOnPolicies.Get: policyID is required"},
		{func() error { _, err := env.SignOnPolicies.Create(ctx, pingone.SignOnPolicyRequest{}); return err }, "pingone: SignOnPolicies.Create: Name is required"},
		{func() error {
			_, err := env.SignOnPolicies.Replace(ctx, "", pingone.SignOnPolicyRequest{Name: "x"})
			return err
		}, "pingone: SignOnPolicies.Replace: policyID is required"},
		{func() error {
			_, err := env.SignOnPolicies.Replace(ctx, sopID1, pingone.SignOnPolicyRequest{})
			return err
		}, "pingone: SignOnPolicies.Replace: Name is required"},
		{func() error { return env.SignOnPolicies.Delete(ctx, "") }, "pingone: SignOnPolicies.Delete: policyID is required"},
		{func() error { _, err := env.SignOnPolicies.ByName(ctx, ""); return err }, "pingone: SignOnPolicies.ByName: name is required"},
		{func() error { _, err := env.DeviceAuthPolicies.Get(ctx, ""); return err }, "pingone: DeviceAuthPolicies.Get: deviceAuthenticationPolicyID is required"},
		{func() error {
			_, err := env.DeviceAuthPolicies.Create(ctx, pingone.DeviceAuthPolicyRequest{})
			return err
		}, "pingone: DeviceAuthPolicies.Create: Name is required"},
		{func() error {
			_, err := env.DeviceAuthPolicies.Replace(ctx, "", emailOnlyPolicy("x"))
			return err
		}, "pingone: DeviceAuthPolicies.Replace: deviceAuthenticationPolicyID is required"},
		{func() error {
			_, err := env.DeviceAuthPolicies.Replace(ctx, dapID1, pingone.DeviceAuthPolicyRequest{})
			return err
		}, "pingone: DeviceAuthPolicies.Replace: Name is required"},
		{func() error { return env.DeviceAuthPolicies.Delete(ctx, ".") }, "pingone: DeviceAuthPolicies.Delete: deviceAuthenticationPolicyID is not a valid ID: ."},
		{func() error { _, err := env.DeviceAuthPolicies.ByName(ctx, ""); return err }, "pingone: DeviceAuthPolicies.ByName: name is required"},
		{func() error {
			_, err := c.Environment("").PasswordPolicies.List(ctx, nil)
			return err
		}, "pingone: PasswordPolicies.List: environmentID is required"},
		{func() error {
			for _, err := range c.Environment("").DeviceAuthPolicies.ListIter(ctx, nil) {
				return err
			}
			return nil
		}, "pingone: DeviceAuthPolicies.ListIter: environmentID is required"},
	}
	for _, tc := range cases {
		err := tc.call()
		_, ok := errors.AsType[*pingone.ArgumentError](err)
		assert.True(t, ok, "%s: %v", tc.want, err)
		assert.EqualError(t, err, tc.want)
	}
	assert.Equal(t, 0, mt.GetTotalCallCount())
}

// TestDeviceAuthPolicyRequestSendsRequiredMethods checks that the five
// method objects and default are sent even when left at their zero values,
// and that optional ones are not.
func TestDeviceAuthPolicyRequestSendsRequiredMethods(t *testing.T) {
	t.Parallel()
	data, err := json.Marshal(pingone.DeviceAuthPolicyRequest{Name: "Off"})
	require.NoError(t, err)
	var got map[string]any
	require.NoError(t, json.Unmarshal(data, &got))
	for _, m := range []string{"sms", "voice", "email", "mobile", "totp"} {
		assert.Equal(t, map[string]any{"enabled": false}, got[m], m)
	}
	assert.Equal(t, false, got["default"])
	for _, m := range []string{"whatsApp", "fido2", "oathToken", "desktop", "yubikey", "rememberMe", "authentication", "newDeviceNotification", "ignoreUserLock", "notificationsPolicy", "forSignOnPolicy"} {
		assert.NotContains(t, got, m)
	}
}

// TestDeviceAuthPolicyRoundTrip checks that a policy decoded and encoded
// again keeps what PingOne sent, including members this SDK does not know
// and settings explicitly switched off.
func TestDeviceAuthPolicyRoundTrip(t *testing.T) {
	t.Parallel()
	golden := readGolden(t, "policies", "device_get.json")
	var p pingone.DeviceAuthPolicy
	require.NoError(t, json.Unmarshal(golden, &p))
	p.Extra = map[string]json.RawMessage{"futureSetting": json.RawMessage(`{"on":true}`)}
	out, err := json.Marshal(p)
	require.NoError(t, err)
	var got map[string]any
	require.NoError(t, json.Unmarshal(out, &got))
	mobile := got["mobile"].(map[string]any)
	app := mobile["applications"].([]any)[0].(map[string]any)
	assert.Equal(t, map[string]any{"enabled": false, "numberMatching": map[string]any{"enabled": true}}, app["push"], "push switched off survives")
	assert.Equal(t, map[string]any{"enabled": false}, app["autoEnrollment"])
	assert.Equal(t, []any{"10.0.0.0/8"}, app["ipPairingConfiguration"].(map[string]any)["onlyTheseIpAddresses"])
	assert.Equal(t, map[string]any{"on": true}, got["futureSetting"])
}

// TestCreateDeviceAuthPolicyAccepts200 checks that the other success status
// the contract allows for a create decodes the same way.
func TestCreateDeviceAuthPolicyAccepts200(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	mt.RegisterResponder(http.MethodPost, testAPIBase+envDAP, jsonResponder(200, string(readGolden(t, "policies", "device_create.json"))))
	p, err := c.Environment(testEnv).DeviceAuthPolicies.Create(t.Context(), emailOnlyPolicy("Email only"))
	require.NoError(t, err)
	assert.Equal(t, dapID2, p.ID)
}

// byNameCase is a ByName method under test: the list it walks and how to
// call it.
type byNameCase struct {
	op   string // "PasswordPolicies.ByName"
	what string // "password policy"
	path string // the list's path after the API base
	key  string // the list's _embedded key
	// item is one list item named name.
	item   func(id, name string) string
	byName func(ctx context.Context, env *pingone.Environment, name string) (id string, err error)
}

// testByName runs a ByName method against a list of two pages: a name on
// the second page is found, a name that differs only in case is not found
// (matching ErrNotFound), a name held by two items (one on each page) is an
// error naming both IDs, and an empty name is refused before any request.
func testByName(t *testing.T, bc byNameCase) {
	t.Helper()
	c, mt := mockClient(t)
	env := c.Environment(testEnv)
	page := func(next string, items ...string) string {
		links := `{"self":{"href":"` + testAPIBase + bc.path + `"}`
		if next != "" {
			links += `,"next":{"href":"` + next + `"}`
		}
		return `{"_links":` + links + `},"_embedded":{"` + bc.key + `":[` + strings.Join(items, ",") + `]},"count":4,"size":2}`
	}
	const (
		alpha = "a1a1a1a1-0000-4000-8000-000000000001"
		dup1  = "d1d1d1d1-0000-4000-8000-000000000001"
		dup2  = "d2d2d2d2-0000-4000-8000-000000000002"
		zulu  = "2a2a2a2a-0000-4000-8000-000000000001"
	)
	mt.RegisterResponder(http.MethodGet, testAPIBase+bc.path,
		jsonResponder(200, page(testAPIBase+bc.path+"?cursor=p2", bc.item(alpha, "Alpha"), bc.item(dup1, "Twin"))))
	mt.RegisterResponderWithQuery(http.MethodGet, testAPIBase+bc.path, "cursor=p2",
		jsonResponder(200, page("", bc.item(dup2, "Twin"), bc.item(zulu, "Zulu"))))
	ctx := t.Context()

	id, err := bc.byName(ctx, env, "Zulu")
	require.NoError(t, err)
	assert.Equal(t, zulu, id, "found on the second page")
	assert.Equal(t, 2, mt.GetTotalCallCount(), "every page is read")

	_, err = bc.byName(ctx, env, "alpha")
	assert.ErrorIs(t, err, pingone.ErrNotFound)
	assert.EqualError(t, err, `pingone: `+bc.op+`: no `+bc.what+` is named "alpha"`)

	_, err = bc.byName(ctx, env, "Twin")
	require.Error(t, err)
	assert.NotErrorIs(t, err, pingone.ErrNotFound, "more than one is not \"not found\"")
	assert.ErrorContains(t, err, "pingone: "+bc.op+": 2 ")
	assert.ErrorContains(t, err, dup1+", "+dup2)

	before := mt.GetTotalCallCount()
	_, err = bc.byName(ctx, env, "")
	assert.EqualError(t, err, "pingone: "+bc.op+": name is required")
	assert.Equal(t, before, mt.GetTotalCallCount(), "no request for an empty name")
}

func TestPasswordPoliciesByName(t *testing.T) {
	t.Parallel()
	testByName(t, byNameCase{
		op: "PasswordPolicies.ByName", what: "password policy", path: envPP, key: "passwordPolicies",
		item: func(id, name string) string {
			return `{"id":"` + id + `","name":"` + name + `","excludesCommonlyUsed":true,"excludesProfileData":true,"notSimilarToCurrent":true}`
		},
		byName: func(ctx context.Context, env *pingone.Environment, name string) (string, error) {
			p, err := env.PasswordPolicies.ByName(ctx, name)
			if err != nil {
				return "", err
			}
			return p.ID, nil
		},
	})
}

func TestSignOnPoliciesByName(t *testing.T) {
	t.Parallel()
	testByName(t, byNameCase{
		op: "SignOnPolicies.ByName", what: "sign-on policy", path: envSOP, key: "signOnPolicies",
		item: func(id, name string) string { return `{"id":"` + id + `","name":"` + name + `"}` },
		byName: func(ctx context.Context, env *pingone.Environment, name string) (string, error) {
			p, err := env.SignOnPolicies.ByName(ctx, name)
			if err != nil {
				return "", err
			}
			return p.ID, nil
		},
	})
}

func TestDeviceAuthPoliciesByName(t *testing.T) {
	t.Parallel()
	testByName(t, byNameCase{
		op: "DeviceAuthPolicies.ByName", what: "device authentication policy", path: envDAP, key: "deviceAuthenticationPolicies",
		item: func(id, name string) string {
			data, err := json.Marshal(emailOnlyPolicy(name))
			require.NoError(t, err)
			return `{"id":"` + id + `",` + string(data[1:])
		},
		byName: func(ctx context.Context, env *pingone.Environment, name string) (string, error) {
			p, err := env.DeviceAuthPolicies.ByName(ctx, name)
			if err != nil {
				return "", err
			}
			return p.ID, nil
		},
	})
}

// A password policy read and replaced through its Request goes back as it
// came: unknown members (at the top and in nested settings), zero values
// and values of an unexpected JSON type included; the read-only members
// stay behind.
func TestPasswordPolicyReplaceSendsBackWhatItRead(t *testing.T) {
	t.Parallel()
	body := `{"id":"` + ppID1 + `","environment":{"id":"` + testEnv + `"},"name":"Standard","description":"",
		"default":false,"excludesCommonlyUsed":false,"excludesProfileData":"true","notSimilarToCurrent":true,
		"history":{"count":6,"retentionDays":0,"scope":"ALL"},"length":{"min":8,"max":255},
		"lockout":{"failureCount":"5","durationSeconds":900,"unlockBy":{"admin":true}},
		"maxAgeDays":0,"minAgeDays":1,"maxRepeatedCharacters":2,"minComplexity":7,"minUniqueCharacters":5,
		"minCharacters":{"ABCDEFGHIJKLMNOPQRSTUVWXYZ":1,"abcdefghijklmnopqrstuvwxyz":0,"0123456789":1,"~!@#$%^&*()-_=+[]{}|;:,.<>/?":2,"é":1},
		"alphabetSequenceRule":{"maxLength":3},"numberSequenceRule":{},"qwertySequenceRule":{"maxLength":3,"future":1},
		"shiftedNumberRowSequenceRule":{"maxLength":3},"bypassPolicy":false,"breachedPasswords":{"check":"ALWAYS"},
		"populationCount":3,"createdAt":"2024-03-01T10:00:00.123Z","updatedAt":"2024-03-02T11:30:00.000Z",
		"_links":{"self":{"href":"x"}}}`
	assertSentBack(t, testAPIBase+envPP+"/"+ppID1, body,
		[]string{"id", "environment", "populationCount", "createdAt", "updatedAt"},
		func(env *pingone.Environment) (any, error) { return env.PasswordPolicies.Get(t.Context(), ppID1) },
		func(env *pingone.Environment, got any) error {
			_, err := env.PasswordPolicies.Replace(t.Context(), ppID1, got.(*pingone.PasswordPolicy).Request())
			return err
		})
}

// A sign-on policy read and replaced through its Request goes back as it
// came: "default" sent as the string "false" stays a string, as do the
// unknown members; the read-only members stay behind.
func TestSignOnPolicyReplaceSendsBackWhatItRead(t *testing.T) {
	t.Parallel()
	body := `{"id":"` + sopID1 + `","environment":{"id":"` + testEnv + `"},"name":"Single_Factor","description":"",
		"default":"false","futureSetting":{"actions":[{"type":"LOGIN"}]},"priority":0,
		"createdAt":"2024-03-01T10:00:00.123Z","updatedAt":"2024-03-02T11:30:00.000Z","_links":{"self":{"href":"x"}}}`
	assertSentBack(t, testAPIBase+envSOP+"/"+sopID1, body, []string{"id", "environment", "createdAt", "updatedAt"},
		func(env *pingone.Environment) (any, error) { return env.SignOnPolicies.Get(t.Context(), sopID1) },
		func(env *pingone.Environment, got any) error {
			p := got.(*pingone.SignOnPolicy)
			assert.False(t, p.Default, `"false" reads as false`)
			data, err := json.Marshal(p)
			require.NoError(t, err)
			assert.Contains(t, string(data), `"default":"false"`, "the policy re-encodes the string")
			_, err = env.SignOnPolicies.Replace(t.Context(), sopID1, p.Request())
			return err
		})
}

// A device authentication policy read and replaced through its Request
// goes back as it came: forSignOnPolicy stays behind (read-only), while
// notificationsPolicy: {}, settings switched off, the settings the spec
// does not list and unknown members at every level go back.
func TestDeviceAuthPolicyReplaceSendsBackWhatItRead(t *testing.T) {
	t.Parallel()
	var doc map[string]any
	require.NoError(t, json.Unmarshal(readGolden(t, "policies", "device_get.json"), &doc))
	doc["notificationsPolicy"] = map[string]any{}
	doc["blockDisabledUsers"] = false
	doc["blockUsersWithDisabledMfa"] = true
	doc["voiceBiometrics"] = map[string]any{"enabled": false}
	doc["ignoreUserLock"] = "true"
	sms := doc["sms"].(map[string]any)
	sms["otp"].(map[string]any)["failure"].(map[string]any)["lockUser"] = false
	sms["futureSMS"] = []any{"x"}
	app := doc["mobile"].(map[string]any)["applications"].([]any)[0].(map[string]any)
	app["type"] = "pingIdAppConfig"
	app["integrityDetection"] = "paranoid"
	app["push"].(map[string]any)["sound"] = "bell"
	doc["desktop"] = map[string]any{"enabled": false, "pairingKeyLifetime": map[string]any{"duration": 48, "timeUnit": "HOURS"}, "otp": map[string]any{}}
	doc["createdAt"] = "2024-03-01T10:00:00.000Z"
	body, err := json.Marshal(doc)
	require.NoError(t, err)
	assertSentBack(t, testAPIBase+envDAP+"/"+dapID1, string(body),
		[]string{"id", "environment", "forSignOnPolicy", "createdAt", "updatedAt"},
		func(env *pingone.Environment) (any, error) { return env.DeviceAuthPolicies.Get(t.Context(), dapID1) },
		func(env *pingone.Environment, got any) error {
			p := got.(*pingone.DeviceAuthPolicy)
			assert.False(t, p.BlockDisabledUsers)
			assert.True(t, p.BlockUsersWithDisabledMFA)
			assert.Equal(t, pingone.MobileIntegrityDetection("paranoid"), p.Mobile.Applications[0].IntegrityDetection, "unknown values are kept")
			assert.Equal(t, pingone.MobileApplicationPingIDAppConfig, p.Mobile.Applications[0].Type)
			req := p.Request()
			assert.True(t, req.ForSignOnPolicy.IsZero(), "read-only: not sent")
			_, err := env.DeviceAuthPolicies.Replace(t.Context(), dapID1, req)
			return err
		})
}

// A policy PingOne reports with forSignOnPolicy false and an empty
// notificationsPolicy re-encodes both.
func TestDeviceAuthPolicyKeepsFalseAndEmpty(t *testing.T) {
	t.Parallel()
	in := `{"name":"p","default":false,"forSignOnPolicy":false,"notificationsPolicy":{},"ignoreUserLock":false,
		"sms":{"enabled":false},"voice":{"enabled":false},"email":{"enabled":false},"mobile":{"enabled":false},"totp":{"enabled":false}}`
	var p pingone.DeviceAuthPolicy
	require.NoError(t, json.Unmarshal([]byte(in), &p))
	out, err := json.Marshal(p)
	require.NoError(t, err)
	assert.JSONEq(t, in, string(out))

	// Built by hand, only what is set is written.
	out, err = json.Marshal(pingone.DeviceAuthPolicyRequest{Name: "p", BlockDisabledUsers: pingone.Value(false)})
	require.NoError(t, err)
	assert.JSONEq(t, `{"name":"p","default":false,"blockDisabledUsers":false,
		"sms":{"enabled":false},"voice":{"enabled":false},"email":{"enabled":false},"mobile":{"enabled":false},"totp":{"enabled":false}}`, string(out))
}
