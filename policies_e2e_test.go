package pingone_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2/clientcredentials"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/pingonetest"
)

// policyErr returns err as an *APIError, failing the test otherwise.
func policyErr(t *testing.T, err error) *pingone.APIError {
	t.Helper()
	apiErr, ok := errors.AsType[*pingone.APIError](err)
	require.True(t, ok, "want an *APIError, got %v", err)
	return apiErr
}

// detailOf returns the first detail of e with the code, failing the test
// when there is none.
func policyDetail(t *testing.T, e *pingone.APIError, code string) pingone.ErrorDetail {
	t.Helper()
	for _, d := range e.Details {
		if d.Code == code {
			return d
		}
	}
	require.Failf(t, "missing detail", "no %s detail in %v", code, e)
	return pingone.ErrorDetail{}
}

// uncheckedPolicyServer starts a pingonetest server without the contract
// check, for requests that break the contract on purpose (to test how the
// server refuses them). It returns the environment seen through an SDK
// client, and a plain HTTP client, both authenticated as the seeded worker.
func uncheckedPolicyServer(t *testing.T) (*pingonetest.Server, *pingone.Environment, *http.Client) {
	t.Helper()
	srv := pingonetest.NewServer(t)
	c, err := pingone.NewClient(srv.ClientOptions()...)
	require.NoError(t, err)
	w := srv.Worker()
	cc := clientcredentials.Config{ClientID: w.ClientID, ClientSecret: w.ClientSecret, TokenURL: srv.AuthURL() + "/" + srv.EnvironmentID() + "/as/token"}
	return srv, c.Environment(srv.EnvironmentID()), cc.Client(t.Context())
}

// rawCall sends a request with a body and content type and decodes the
// JSON answer.
func rawPolicyCall(t *testing.T, hc *http.Client, method, url, contentType string, body []byte) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, url, bytes.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", contentType)
	resp, err := hc.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var out map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
	return resp.StatusCode, out
}

func TestPasswordPoliciesEndToEnd(t *testing.T) {
	t.Parallel()
	_, _, env := e2e(t)
	ctx := t.Context()

	page, err := env.PasswordPolicies.List(ctx, nil)
	require.NoError(t, err)
	require.Len(t, page.Items, 1)
	std := page.Items[0]
	assert.Equal(t, "Standard", std.Name)
	assert.True(t, std.Default)
	assert.Equal(t, map[string]int{pingone.CharClassUpper: 1, pingone.CharClassLower: 1, pingone.CharClassDigits: 1, pingone.CharClassSpecial: 1}, std.MinCharacters)
	assert.Equal(t, 1, std.PopulationCount, "the default population")

	strict, err := env.PasswordPolicies.Create(ctx, pingone.PasswordPolicyRequest{
		Name:                         "Strict",
		Description:                  pingone.Value("For administrators"),
		ExcludesCommonlyUsed:         true,
		ExcludesProfileData:          true,
		NotSimilarToCurrent:          true,
		History:                      pingone.Value(pingone.PasswordHistory{Count: 10, RetentionDays: 730}),
		Length:                       pingone.Value(pingone.PasswordLength{Min: 14, Max: 64}),
		Lockout:                      pingone.Value(pingone.PasswordLockout{FailureCount: 3, DurationSeconds: 1800}),
		MaxAgeDays:                   pingone.Value(90),
		MinAgeDays:                   pingone.Value(1),
		MinCharacters:                pingone.Value(map[string]int{pingone.CharClassSpecial: 2, pingone.CharClassDigits: 2}),
		AlphabetSequenceRule:         pingone.Value(pingone.SequenceRule{MaxLength: 2}),
		ShiftedNumberRowSequenceRule: pingone.Value(pingone.SequenceRule{MaxLength: 3}),
	})
	require.NoError(t, err)
	assert.NotEmpty(t, strict.ID)
	assert.False(t, strict.Default)
	assertFields(t, pingone.PasswordHistory{Count: 10, RetentionDays: 730}, strict.History)
	assertFields(t, pingone.PasswordLength{Min: 14, Max: 64}, strict.Length)
	assert.Equal(t, map[string]int{pingone.CharClassSpecial: 2, pingone.CharClassDigits: 2}, strict.MinCharacters)
	assert.Equal(t, 2, strict.AlphabetSequenceRule.MaxLength)
	assert.Equal(t, 0, strict.PopulationCount)
	assert.False(t, strict.CreatedAt.IsZero())

	_, err = env.PasswordPolicies.Create(ctx, pingone.PasswordPolicyRequest{Name: "STRICT"})
	assert.ErrorIs(t, err, pingone.ErrUniquenessViolation, "names are unique, case-insensitively")

	_, err = env.PasswordPolicies.Create(ctx, pingone.PasswordPolicyRequest{Name: "Emoji", MinCharacters: pingone.Value(map[string]int{"😀": 1})})
	d := policyDetail(t, policyErr(t, err), "INVALID_VALUE")
	assert.Equal(t, "minCharacters", d.Target)
	assert.Contains(t, d.InnerError.AllowedValues, pingone.CharClassSpecial)

	got, err := env.PasswordPolicies.Get(ctx, strict.ID)
	require.NoError(t, err)
	assert.Equal(t, strict.MinCharacters, got.MinCharacters)
	assert.Equal(t, 90, got.MaxAgeDays)

	// Replace clears what it omits.
	replaced, err := env.PasswordPolicies.Replace(ctx, strict.ID, pingone.PasswordPolicyRequest{Name: "Strict", ExcludesCommonlyUsed: true})
	require.NoError(t, err)
	assert.Empty(t, replaced.Description)
	assert.Zero(t, replaced.History)
	assert.Zero(t, replaced.Lockout)
	assert.Nil(t, replaced.MinCharacters)
	assert.Zero(t, replaced.MaxAgeDays)
	assert.False(t, replaced.ExcludesProfileData)
	assert.Equal(t, strict.CreatedAt, replaced.CreatedAt)

	// A population using the policy falls back to the default one when the
	// policy is deleted.
	pop, err := env.Populations.Create(ctx, pingone.PopulationRequest{Name: "Admins", PasswordPolicy: pingone.Value(pingone.Ref{ID: strict.ID})})
	require.NoError(t, err)
	got, err = env.PasswordPolicies.Get(ctx, strict.ID)
	require.NoError(t, err)
	assert.Equal(t, 1, got.PopulationCount)

	require.NoError(t, env.PasswordPolicies.Delete(ctx, strict.ID))
	_, err = env.PasswordPolicies.Get(ctx, strict.ID)
	assert.ErrorIs(t, err, pingone.ErrNotFound)
	pop, err = env.Populations.Get(ctx, pop.ID)
	require.NoError(t, err)
	assert.Empty(t, pop.PasswordPolicy.ID, "the population fell back to the default policy")
	got, err = env.PasswordPolicies.Get(ctx, std.ID)
	require.NoError(t, err)
	assert.Equal(t, 2, got.PopulationCount, "the default policy now serves both populations")

	// The default policy cannot be deleted.
	err = env.PasswordPolicies.Delete(ctx, std.ID)
	assert.ErrorIs(t, err, pingone.ErrInvalidData)
	assert.True(t, policyErr(t, err).HasDetail("CONSTRAINT_VIOLATION"))
}

func TestPasswordPolicyDefaultMoves(t *testing.T) {
	t.Parallel()
	_, _, env := e2e(t)
	ctx := t.Context()
	page, err := env.PasswordPolicies.List(ctx, nil)
	require.NoError(t, err)
	std := page.Items[0]

	next, err := env.PasswordPolicies.Create(ctx, pingone.PasswordPolicyRequest{Name: "Next", Default: pingone.Value(true), ExcludesCommonlyUsed: true})
	require.NoError(t, err)
	assert.True(t, next.Default)
	var defaults []string
	for p, err := range env.PasswordPolicies.ListIter(ctx, nil) {
		require.NoError(t, err)
		if p.Default {
			defaults = append(defaults, p.Name)
		}
	}
	assert.Equal(t, []string{"Next"}, defaults, "one default policy per environment")

	// The default cannot give up the role; the former default can go.
	_, err = env.PasswordPolicies.Replace(ctx, next.ID, pingone.PasswordPolicyRequest{Name: "Next"})
	assert.ErrorIs(t, err, pingone.ErrInvalidData)
	require.NoError(t, env.PasswordPolicies.Delete(ctx, std.ID))
	def, err := env.Populations.List(ctx, nil)
	require.NoError(t, err)
	for _, p := range def.Items {
		assert.Empty(t, p.PasswordPolicy.ID, "%s uses the new default", p.Name)
	}
}

func TestSignOnPoliciesEndToEnd(t *testing.T) {
	t.Parallel()
	_, _, env := e2e(t)
	ctx := t.Context()

	page, err := env.SignOnPolicies.List(ctx, nil)
	require.NoError(t, err)
	require.Len(t, page.Items, 1)
	single := page.Items[0]
	assert.Equal(t, "Single_Factor", single.Name)
	assert.True(t, single.Default)

	mfa, err := env.SignOnPolicies.Create(ctx, pingone.SignOnPolicyRequest{Name: "Multi_Factor", Description: pingone.Value("Password then MFA")})
	require.NoError(t, err)
	assert.Equal(t, "Password then MFA", mfa.Description)
	assert.False(t, mfa.Default)

	_, err = env.SignOnPolicies.Create(ctx, pingone.SignOnPolicyRequest{Name: "multi_factor"})
	assert.ErrorIs(t, err, pingone.ErrUniquenessViolation)

	replaced, err := env.SignOnPolicies.Replace(ctx, mfa.ID, pingone.SignOnPolicyRequest{Name: "Multi_Factor_v2"})
	require.NoError(t, err)
	assert.Equal(t, "Multi_Factor_v2", replaced.Name)
	assert.Empty(t, replaced.Description, "PUT cleared the omitted description")

	var names []string
	for p, err := range env.SignOnPolicies.ListIter(ctx, &pingone.ListOptions{Limit: 1}) {
		require.NoError(t, err)
		names = append(names, p.Name)
	}
	assert.Equal(t, []string{"Single_Factor", "Multi_Factor_v2"}, names)

	err = env.SignOnPolicies.Delete(ctx, single.ID)
	assert.ErrorIs(t, err, pingone.ErrInvalidData, "the default policy cannot be deleted")
	assert.True(t, policyErr(t, err).HasDetail("CONSTRAINT_VIOLATION"))

	require.NoError(t, env.SignOnPolicies.Delete(ctx, mfa.ID))
	_, err = env.SignOnPolicies.Get(ctx, mfa.ID)
	assert.ErrorIs(t, err, pingone.ErrNotFound)
	err = env.SignOnPolicies.Delete(ctx, mfa.ID)
	assert.ErrorIs(t, err, pingone.ErrNotFound)
}

func TestDeviceAuthPoliciesEndToEnd(t *testing.T) {
	t.Parallel()
	_, _, env := e2e(t)
	ctx := t.Context()

	page, err := env.DeviceAuthPolicies.List(ctx, nil)
	require.NoError(t, err)
	require.Len(t, page.Items, 1)
	def := page.Items[0]
	assert.True(t, def.Default)
	assert.True(t, def.SMS.Enabled)
	assert.Equal(t, 6, def.SMS.OTP.OTPLength)

	req := emailOnlyPolicy("Email only")
	req.FIDO2 = pingone.Value(pingone.DeviceAuthFIDO2Method{Enabled: true})
	req.NewDeviceNotification = pingone.Value(pingone.NewDeviceNotificationEmailThenSMS)
	req.Authentication = pingone.Value(pingone.DeviceAuthAuthentication{DeviceSelection: pingone.DeviceSelectionPromptToSelect})
	req.RememberMe = pingone.Value(pingone.DeviceAuthRememberMe{Web: pingone.RememberMeWeb{Enabled: true, LifeTime: pingone.TimePeriod{Duration: 30, TimeUnit: pingone.TimeUnitDays}}})
	req.IgnoreUserLock = pingone.Value(true)
	created, err := env.DeviceAuthPolicies.Create(ctx, req)
	require.NoError(t, err)
	assert.False(t, created.Default)
	assert.False(t, created.ForSignOnPolicy)
	assert.False(t, created.SMS.Enabled)
	assert.True(t, created.Email.Enabled)
	assert.Equal(t, 8, created.Email.OTP.OTPLength)
	assert.True(t, created.FIDO2.Enabled)
	assert.Equal(t, pingone.NewDeviceNotificationEmailThenSMS, created.NewDeviceNotification)
	assert.Equal(t, pingone.DeviceSelectionPromptToSelect, created.Authentication.DeviceSelection)
	assert.Equal(t, 30, created.RememberMe.Web.LifeTime.Duration)
	assert.True(t, created.IgnoreUserLock)

	_, err = env.DeviceAuthPolicies.Create(ctx, emailOnlyPolicy("EMAIL ONLY"))
	assert.ErrorIs(t, err, pingone.ErrUniquenessViolation)

	bad := emailOnlyPolicy("Unknown app")
	bad.Mobile.Applications = []pingone.MobileApplicationPolicy{{ID: "00000000-0000-4000-8000-000000000000"}}
	_, err = env.DeviceAuthPolicies.Create(ctx, bad)
	assert.Equal(t, "mobile.applications[0].id", policyDetail(t, policyErr(t, err), "INVALID_VALUE").Target)

	// Replace resets what it omits.
	replaced, err := env.DeviceAuthPolicies.Replace(ctx, created.ID, emailOnlyPolicy("Email only"))
	require.NoError(t, err)
	assert.Zero(t, replaced.FIDO2)
	assert.Zero(t, replaced.RememberMe)
	assert.Zero(t, replaced.Authentication)
	assert.Empty(t, replaced.NewDeviceNotification)
	assert.False(t, replaced.IgnoreUserLock)
	assert.Equal(t, created.CreatedAt, replaced.CreatedAt)

	got, err := env.DeviceAuthPolicies.Get(ctx, created.ID)
	require.NoError(t, err)
	assert.Equal(t, replaced.Email, got.Email)

	err = env.DeviceAuthPolicies.Delete(ctx, def.ID)
	assert.ErrorIs(t, err, pingone.ErrInvalidData, "the default policy cannot be deleted")
	assert.True(t, policyErr(t, err).HasDetail("CONSTRAINT_VIOLATION"))

	require.NoError(t, env.DeviceAuthPolicies.Delete(ctx, created.ID))
	_, err = env.DeviceAuthPolicies.Get(ctx, created.ID)
	assert.ErrorIs(t, err, pingone.ErrNotFound)
}

// TestDeviceAuthPolicyRequiresMethods sends bodies the SDK cannot produce:
// PingOne reports every missing method object.
func TestDeviceAuthPolicyRequiresMethods(t *testing.T) {
	t.Parallel()
	srv, _, hc := uncheckedPolicyServer(t)
	url := srv.APIURL() + "/environments/" + srv.EnvironmentID() + "/deviceAuthenticationPolicies"

	status, body := rawPolicyCall(t, hc, "POST", url, "application/json", []byte(`{"name":"Nothing","default":false,"email":{"enabled":true}}`))
	assert.Equal(t, 400, status)
	var targets []string
	for _, d := range body["details"].([]any) {
		dm := d.(map[string]any)
		assert.Equal(t, "REQUIRED_VALUE", dm["code"])
		targets = append(targets, dm["target"].(string))
	}
	assert.Equal(t, []string{"sms", "voice", "mobile", "totp"}, targets)

	status, body = rawPolicyCall(t, hc, "POST", url, "application/json",
		[]byte(`{"name":"No flag","sms":{},"voice":{"enabled":true},"email":{"enabled":true},"mobile":{"enabled":true},"totp":{"enabled":true}}`))
	assert.Equal(t, 400, status)
	d := body["details"].([]any)[0].(map[string]any)
	assert.Equal(t, "REQUIRED_VALUE", d["code"])
	assert.Equal(t, "sms.enabled", d["target"])

	status, _ = rawPolicyCall(t, hc, "POST", url, "text/plain", []byte(`{}`))
	assert.Equal(t, http.StatusUnsupportedMediaType, status)
}

// TestPolicyRangesAreChecked sends values the contract forbids (so the
// server runs unchecked) to see the server refuse them as PingOne does.
func TestPolicyRangesAreChecked(t *testing.T) {
	t.Parallel()
	_, env, _ := uncheckedPolicyServer(t)
	ctx := t.Context()

	_, err := env.PasswordPolicies.Create(ctx, pingone.PasswordPolicyRequest{Name: "Short", Length: pingone.Value(pingone.PasswordLength{Min: 4})})
	d := policyDetail(t, policyErr(t, err), "OUT_OF_RANGE")
	assert.Equal(t, "length.min", d.Target)
	require.NotNil(t, d.InnerError)
	require.NotNil(t, d.InnerError.RangeMinimumValue)
	assert.Equal(t, 8.0, *d.InnerError.RangeMinimumValue)

	_, err = env.PasswordPolicies.Create(ctx, pingone.PasswordPolicyRequest{Name: "Seq", QwertySequenceRule: pingone.Value(pingone.SequenceRule{MaxLength: 2})})
	assert.Equal(t, "qwertySequenceRule.maxLength", policyDetail(t, policyErr(t, err), "OUT_OF_RANGE").Target)

	_, err = env.PasswordPolicies.Create(ctx, pingone.PasswordPolicyRequest{Name: "Ages", MinAgeDays: pingone.Value(30), MaxAgeDays: pingone.Value(10)})
	assert.Equal(t, "minAgeDays", policyDetail(t, policyErr(t, err), "INVALID_VALUE").Target)

	bad := emailOnlyPolicy("Too long")
	bad.SMS.OTP.OTPLength = 12
	_, err = env.DeviceAuthPolicies.Create(ctx, bad)
	assert.Equal(t, "sms.otp.otpLength", policyDetail(t, policyErr(t, err), "OUT_OF_RANGE").Target)

	bad = emailOnlyPolicy("Odd unit")
	bad.Voice.OTP.Failure.CoolDown.TimeUnit = "FORTNIGHTS"
	_, err = env.DeviceAuthPolicies.Create(ctx, bad)
	assert.Equal(t, "voice.otp.failure.coolDown.timeUnit", policyDetail(t, policyErr(t, err), "INVALID_VALUE").Target)

	bad = emailOnlyPolicy("Odd selection")
	bad.Authentication = pingone.Value(pingone.DeviceAuthAuthentication{DeviceSelection: "RANDOM"})
	_, err = env.DeviceAuthPolicies.Create(ctx, bad)
	assert.Equal(t, "authentication.deviceSelection", policyDetail(t, policyErr(t, err), "INVALID_VALUE").Target)
}

// TestDeviceAuthPolicyInUseCannotBeDeleted pairs an MFA device under a
// policy: the policy cannot go while the device uses it.
func TestDeviceAuthPolicyInUseCannotBeDeleted(t *testing.T) {
	t.Parallel()
	srv, _, env := e2e(t)
	ctx := t.Context()
	policy, err := env.DeviceAuthPolicies.Create(ctx, emailOnlyPolicy("Email devices"))
	require.NoError(t, err)

	pair := pingone.EmailDevice("admin@example.com")
	pair.Policy = pingone.Value(pingone.Ref{ID: policy.ID})
	device, err := env.MFA.PairDevice(ctx, srv.Admin().UserID, pair)
	require.NoError(t, err)
	assert.Equal(t, policy.ID, device.Policy.ID)

	err = env.DeviceAuthPolicies.Delete(ctx, policy.ID)
	assert.ErrorIs(t, err, pingone.ErrInvalidData)
	assert.Contains(t, policyDetail(t, policyErr(t, err), "CONSTRAINT_VIOLATION").Message, "MFA device")

	require.NoError(t, env.MFA.DeleteDevice(ctx, srv.Admin().UserID, device.ID))
	require.NoError(t, env.DeviceAuthPolicies.Delete(ctx, policy.ID))
}

// TestSignOnPolicyAssignedCannotBeDeleted assigns a sign-on policy to an
// application: the policy cannot go while the assignment exists.
func TestSignOnPolicyAssignedCannotBeDeleted(t *testing.T) {
	t.Parallel()
	srv, _, env := e2e(t)
	ctx := t.Context()
	appID := srv.Worker().ApplicationID
	policy, err := env.SignOnPolicies.Create(ctx, pingone.SignOnPolicyRequest{Name: "Workers"})
	require.NoError(t, err)
	assignment, err := env.Applications.CreateSignOnPolicyAssignment(ctx, appID, pingone.SignOnPolicyAssignmentRequest{SignOnPolicy: pingone.Ref{ID: policy.ID}, Priority: 1})
	require.NoError(t, err)

	err = env.SignOnPolicies.Delete(ctx, policy.ID)
	assert.ErrorIs(t, err, pingone.ErrInvalidData)
	d := policyDetail(t, policyErr(t, err), "CONSTRAINT_VIOLATION")
	assert.Contains(t, d.Message, "assigned")
	require.NotNil(t, d.InnerError)
	assert.Equal(t, []string{appID}, d.InnerError.ReferencedValues)

	require.NoError(t, env.Applications.DeleteSignOnPolicyAssignment(ctx, appID, assignment.ID))
	require.NoError(t, env.SignOnPolicies.Delete(ctx, policy.ID))
}

// TestPoliciesByNameEndToEnd looks the seeded default policies and new ones
// up by name on a simulated PingOne.
func TestPoliciesByNameEndToEnd(t *testing.T) {
	t.Parallel()
	_, _, env := e2e(t)
	ctx := t.Context()

	std, err := env.PasswordPolicies.ByName(ctx, "Standard")
	require.NoError(t, err)
	assert.True(t, std.Default)
	pp, err := env.PasswordPolicies.Create(ctx, pingone.PasswordPolicyRequest{Name: "Passphrase", ExcludesCommonlyUsed: true})
	require.NoError(t, err)
	got, err := env.PasswordPolicies.ByName(ctx, "Passphrase")
	require.NoError(t, err)
	assert.Equal(t, pp.ID, got.ID)
	_, err = env.PasswordPolicies.ByName(ctx, "passphrase")
	assert.ErrorIs(t, err, pingone.ErrNotFound, "names are compared exactly")

	single, err := env.SignOnPolicies.ByName(ctx, "Single_Factor")
	require.NoError(t, err)
	assert.True(t, single.Default)
	sop, err := env.SignOnPolicies.Create(ctx, pingone.SignOnPolicyRequest{Name: "Multi_Factor"})
	require.NoError(t, err)
	gotSOP, err := env.SignOnPolicies.ByName(ctx, "Multi_Factor")
	require.NoError(t, err)
	assert.Equal(t, sop.ID, gotSOP.ID)
	require.NoError(t, env.SignOnPolicies.Delete(ctx, sop.ID))
	_, err = env.SignOnPolicies.ByName(ctx, "Multi_Factor")
	assert.ErrorIs(t, err, pingone.ErrNotFound, "gone once deleted")

	def, err := env.DeviceAuthPolicies.ByName(ctx, "Default MFA Policy")
	require.NoError(t, err)
	assert.True(t, def.Default)
	dap, err := env.DeviceAuthPolicies.Create(ctx, emailOnlyPolicy("Email only"))
	require.NoError(t, err)
	gotDAP, err := env.DeviceAuthPolicies.ByName(ctx, "Email only")
	require.NoError(t, err)
	assert.Equal(t, dap.ID, gotDAP.ID)
	assert.True(t, gotDAP.Email.Enabled)
	_, err = env.DeviceAuthPolicies.ByName(ctx, "SMS only")
	assert.ErrorIs(t, err, pingone.ErrNotFound)
}

// Policies read, turned into requests and replaced in pingonetest read
// back the same: nothing they store is lost on the way (the seeded
// defaults, and policies created with members the SDK does not model).
func TestPolicyRequestsRoundTripEndToEnd(t *testing.T) {
	t.Parallel()
	_, _, env := e2e(t)
	ctx := t.Context()
	future := map[string]json.RawMessage{"futureSetting": json.RawMessage(`{"on":false,"levels":[0]}`)}

	pp, err := env.PasswordPolicies.Create(ctx, pingone.PasswordPolicyRequest{
		Name: "Round trip", ExcludesCommonlyUsed: true,
		Description:   pingone.Value(""),
		History:       pingone.Value(pingone.PasswordHistory{Count: 4, RetentionDays: 30}),
		Length:        pingone.Value(pingone.PasswordLength{Min: 12, Max: 64}),
		MinCharacters: pingone.Value(map[string]int{pingone.CharClassDigits: 0, pingone.CharClassUpper: 2}),
		Extra:         future,
	})
	require.NoError(t, err)
	seeded, err := env.PasswordPolicies.ByName(ctx, "Standard")
	require.NoError(t, err)
	for _, id := range []string{pp.ID, seeded.ID} {
		before, err := env.PasswordPolicies.Get(ctx, id)
		require.NoError(t, err)
		_, err = env.PasswordPolicies.Replace(ctx, id, before.Request())
		require.NoError(t, err)
		after, err := env.PasswordPolicies.Get(ctx, id)
		require.NoError(t, err)
		assertSameResource(t, before, after, before.Name)
	}

	sop, err := env.SignOnPolicies.Create(ctx, pingone.SignOnPolicyRequest{Name: "Round_trip", Default: pingone.Value(false), Extra: future})
	require.NoError(t, err)
	seededSOP, err := env.SignOnPolicies.ByName(ctx, "Single_Factor")
	require.NoError(t, err)
	for _, id := range []string{sop.ID, seededSOP.ID} {
		before, err := env.SignOnPolicies.Get(ctx, id)
		require.NoError(t, err)
		_, err = env.SignOnPolicies.Replace(ctx, id, before.Request())
		require.NoError(t, err)
		after, err := env.SignOnPolicies.Get(ctx, id)
		require.NoError(t, err)
		assertSameResource(t, before, after, before.Name)
	}

	req := emailOnlyPolicy("Round trip")
	req.FIDO2 = pingone.Value(pingone.DeviceAuthFIDO2Method{Enabled: false})
	req.RememberMe = pingone.Value(pingone.DeviceAuthRememberMe{Web: pingone.RememberMeWeb{LifeTime: pingone.TimePeriod{Duration: 1, TimeUnit: pingone.TimeUnitHours}}})
	req.BlockDisabledUsers = pingone.Value(false)
	req.Extra = future
	dap, err := env.DeviceAuthPolicies.Create(ctx, req)
	require.NoError(t, err)
	seededDAP, err := env.DeviceAuthPolicies.ByName(ctx, "Default MFA Policy")
	require.NoError(t, err)
	for _, id := range []string{dap.ID, seededDAP.ID} {
		before, err := env.DeviceAuthPolicies.Get(ctx, id)
		require.NoError(t, err)
		_, err = env.DeviceAuthPolicies.Replace(ctx, id, before.Request())
		require.NoError(t, err)
		after, err := env.DeviceAuthPolicies.Get(ctx, id)
		require.NoError(t, err)
		assertSameResource(t, before, after, before.Name)
	}
	got, err := env.DeviceAuthPolicies.Get(ctx, dap.ID)
	require.NoError(t, err)
	assert.False(t, got.BlockDisabledUsers)
	assert.JSONEq(t, `{"on":false,"levels":[0]}`, string(got.Extra["futureSetting"]))
	data, err := json.Marshal(got)
	require.NoError(t, err)
	assert.Contains(t, string(data), `"blockDisabledUsers":false`)
	assert.Contains(t, string(data), `"forSignOnPolicy":false`)
}
