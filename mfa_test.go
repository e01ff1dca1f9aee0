package pingone_test

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base32"
	"encoding/binary"
	stdjson "encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/go-json-experiment/json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/scim"
)

const (
	mfaUser     = "7a1e0000-0000-4000-8000-000000000001"
	mfaDevVoice = "2f5e0000-0000-4000-8000-000000000006"
	mfaPolicy   = "6d0c0000-0000-4000-8000-000000000001"
	envDevices  = "/environments/" + testEnv + "/users/" + mfaUser + "/devices"
	totpGolden  = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" // base32 of "12345678901234567890", RFC 6238's key
)

func init() {
	registerActions(
		actionCase{
			action: "List User MFA Devices", family: "mfa", golden: "list_devices",
			method: "GET", path: envDevices + `?expand=typeDisplayNames&filter=type+eq+%22SMS%22+or+type+eq+%22EMAIL%22&limit=2`, status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.MFA.ListDevices(ctx, mfaUser, &pingone.ListDevicesOptions{
					Filter:      scim.Or(scim.Eq("type", "SMS"), scim.Eq("type", "EMAIL")),
					Expand:      []string{"typeDisplayNames"},
					ListOptions: pingone.ListOptions{Limit: 2},
				})
			},
			check: func(t *testing.T, got any) {
				p := got.(*pingone.Page[pingone.MFADevice])
				require.Len(t, p.Items, 2)
				assert.Equal(t, 4, p.Count)
				assert.True(t, p.HasNext())
				sms, email := p.Items[0], p.Items[1]
				assert.Equal(t, pingone.MFADeviceSMS, sms.Type)
				assert.Equal(t, pingone.MFADeviceActive, sms.Status)
				assert.Equal(t, "+14155550100", sms.Phone)
				assert.Equal(t, "Work phone", sms.Nickname)
				assert.Equal(t, mfaUser, sms.User.ID)
				assert.Equal(t, mfaPolicy, sms.Policy.ID)
				assert.Equal(t, "DEVICE_AUTHENTICATION_POLICY", sms.Policy.Type)
				assert.Equal(t, "UNLOCKED", sms.Lock.Status)
				assert.Equal(t, "BLOCKED", sms.Block.Status)
				assert.Equal(t, time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC), sms.Block.BlockedAt)
				assert.JSONEq(t, `"SMS"`, string(sms.Extra["typeDisplayName"]))
				assert.Nil(t, sms.TOTP)
				assert.Nil(t, sms.FIDO2)
				assert.Equal(t, pingone.MFADeviceActivationRequired, email.Status)
				assert.Equal(t, "ada@example.com", email.Email)
				assert.NotEmpty(t, email.Links.Href("activate"))
				assert.Empty(t, sms.Links.Href("activate"))
			},
		},
		actionCase{
			action: "Pair User MFA Device", family: "mfa", golden: "pair_email",
			method: "POST", path: envDevices, status: 201,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				req := pingone.EmailDevice("ada@example.com")
				req.Nickname = pingone.Value("Personal mail")
				req.Status = pingone.Value(pingone.MFADeviceActivationRequired)
				req.Policy = pingone.Value(pingone.Ref{ID: mfaPolicy})
				return env.MFA.PairDevice(ctx, mfaUser, req)
			},
			check: func(t *testing.T, got any) {
				d := got.(*pingone.MFADevice)
				assert.Equal(t, pingone.MFADeviceEmail, d.Type)
				assert.Equal(t, pingone.MFADeviceActivationRequired, d.Status)
				assert.Equal(t, "Personal mail", d.Nickname)
			},
		},
		actionCase{
			action: "Pair User MFA Device", family: "mfa", golden: "pair_totp",
			method: "POST", path: envDevices, status: 201,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.MFA.PairDevice(ctx, mfaUser, pingone.TOTPDevice())
			},
			check: func(t *testing.T, got any) {
				d := got.(*pingone.MFADevice)
				require.NotNil(t, d.TOTP)
				assert.Equal(t, totpGolden, d.TOTP.Secret.Reveal())
				assert.Contains(t, d.TOTP.KeyURI.Reveal(), "otpauth://totp/")
				assert.Empty(t, d.Extra, "secret and keyUri are typed")
				assert.Nil(t, d.FIDO2)
			},
		},
		actionCase{
			action: "Pair User MFA Device", family: "mfa", golden: "pair_fido2",
			method: "POST", path: envDevices, status: 201,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.MFA.PairDevice(ctx, mfaUser, pingone.FIDO2Device())
			},
			check: func(t *testing.T, got any) {
				d := got.(*pingone.MFADevice)
				require.NotNil(t, d.FIDO2)
				var opts struct {
					RP struct {
						ID string `json:"id"`
					} `json:"rp"`
					Challenge []int `json:"challenge"`
					Timeout   int   `json:"timeout"`
				}
				require.NoError(t, json.Unmarshal(d.FIDO2.PublicKeyCredentialCreationOptions, &opts),
					"the options PingOne sends as a string are an object here")
				assert.Equal(t, "pingone.test", opts.RP.ID)
				assert.Equal(t, []int{12, -40, 7, 99}, opts.Challenge)
				assert.Equal(t, 120000, opts.Timeout)
				assert.Nil(t, d.TOTP)
			},
		},
		actionCase{
			action: "Get User MFA Device", family: "mfa", golden: "get_device",
			method: "GET", path: envDevices + "/" + mfaDevVoice, status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.MFA.GetDevice(ctx, mfaUser, mfaDevVoice)
			},
			check: func(t *testing.T, got any) {
				d := got.(*pingone.MFADevice)
				assert.Equal(t, pingone.MFADeviceVoice, d.Type)
				assert.Equal(t, "+442071838750", d.Phone)
				assert.Equal(t, "LOCKED", d.Lock.Status)
				assert.Equal(t, time.Date(2024, 5, 2, 9, 15, 0, 0, time.UTC), d.Lock.ExpiresAt)
				assert.JSONEq(t, `true`, string(d.Extra["testMode"]))
				assert.Equal(t, testEnv, d.Environment.ID)
			},
		},
		actionCase{
			action: "Delete User MFA Device", family: "mfa", golden: "delete_device",
			method: "DELETE", path: envDevices + "/" + mfaDevVoice, status: 204,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return nil, env.MFA.DeleteDevice(ctx, mfaUser, mfaDevVoice)
			},
		},
		actionCase{
			action: "Update User MFA Device Nickname", family: "mfa", golden: "set_nickname",
			method: "PUT", path: envDevices + "/" + mfaDevVoice + "/nickname", status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.MFA.SetDeviceNickname(ctx, mfaUser, mfaDevVoice, "Office landline")
			},
			check: func(t *testing.T, got any) {
				assert.Equal(t, "Office landline", got.(*pingone.MFADevice).Nickname)
			},
		},
		actionCase{
			action: "Get User MFA Enabled", family: "mfa", golden: "get_mfa_enabled",
			method: "GET", path: "/environments/" + testEnv + "/users/" + mfaUser + "/mfaEnabled", status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.MFA.GetMFAEnabled(ctx, mfaUser)
			},
			check: func(t *testing.T, got any) {
				e := got.(*pingone.UserMFAEnabled)
				assert.True(t, e.MFAEnabled)
				assert.Equal(t, "https://api.pingone.test/v1/environments/"+testEnv+"/users/"+mfaUser+"/mfaEnabled", e.Links.Href("self"))
			},
		},
		actionCase{
			action: "Update User MFA Enabled", family: "mfa", golden: "set_mfa_enabled",
			method: "PUT", path: "/environments/" + testEnv + "/users/" + mfaUser + "/mfaEnabled", status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.MFA.SetMFAEnabled(ctx, mfaUser, false)
			},
			check: func(t *testing.T, got any) {
				e := got.(*pingone.UserMFAEnabled)
				assert.False(t, e.MFAEnabled)
				assert.Contains(t, e.Links.Href("self"), "/users/"+mfaUser+"/mfaEnabled")
			},
		},
	)
}

func TestMFA(t *testing.T) {
	t.Parallel()
	testFamily(t, "mfa")
}

// mfaHOTP is RFC 4226's HOTP: HMAC-SHA1 of the counter, dynamically
// truncated to digits decimal digits.
func mfaHOTP(key []byte, counter uint64, digits int) string {
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], counter)
	mac := hmac.New(sha1.New, key)
	mac.Write(msg[:])
	sum := mac.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	v := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	mod := uint32(1)
	for range digits {
		mod *= 10
	}
	return fmt.Sprintf("%0*d", digits, v%mod)
}

// mfaTOTP is RFC 6238's TOTP with 30-second steps from the Unix epoch.
func mfaTOTP(key []byte, at time.Time, digits int) string {
	return mfaHOTP(key, uint64(at.Unix()/30), digits)
}

// mfaDecodeSecret reads a base32 secret as authenticator apps do
// (upper-case, padding optional).
func mfaDecodeSecret(t *testing.T, secret string) []byte {
	t.Helper()
	secret = strings.ToUpper(strings.TrimRight(secret, "="))
	key, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(secret)
	require.NoError(t, err, "secret %q is base32", secret)
	return key
}

// TestTOTPCode checks the test's HOTP/TOTP against the RFCs' vectors, then
// derives codes from the secret of a TOTP pairing answer: the secret and the
// key URI agree, and the code moves with the clock (fake time, no waiting).
func TestTOTPCode(t *testing.T) {
	t.Parallel()
	key := []byte("12345678901234567890")
	for counter, want := range []string{"755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"} {
		assert.Equal(t, want, mfaHOTP(key, uint64(counter), 6), "RFC 4226 appendix D, count %d", counter)
	}
	for unix, want := range map[int64]string{59: "94287082", 1111111109: "07081804", 1111111111: "14050471", 1234567890: "89005924", 2000000000: "69279037", 20000000000: "65353130"} {
		assert.Equal(t, want, mfaTOTP(key, time.Unix(unix, 0), 8), "RFC 6238 appendix B (SHA-1), T=%d", unix)
	}

	c, mt := mockClient(t)
	mt.RegisterResponder("POST", testAPIBase+envDevices, jsonResponder(201, string(readGolden(t, "mfa", "pair_totp.json"))))
	d, err := c.Environment(testEnv).MFA.PairDevice(t.Context(), mfaUser, pingone.TOTPDevice())
	require.NoError(t, err)
	require.NotNil(t, d.TOTP)
	secretKey := mfaDecodeSecret(t, d.TOTP.Secret.Reveal())
	assert.Equal(t, key, secretKey)
	u, err := url.Parse(d.TOTP.KeyURI.Reveal())
	require.NoError(t, err)
	assert.Equal(t, "otpauth", u.Scheme)
	assert.Equal(t, "totp", u.Host)
	assert.Equal(t, d.TOTP.Secret.Reveal(), u.Query().Get("secret"))
	assert.Equal(t, "PingOne", u.Query().Get("issuer"))

	synctest.Test(t, func(t *testing.T) {
		start := time.Now().Truncate(30 * time.Second)
		time.Sleep(time.Until(start.Add(30 * time.Second))) // the start of a step
		first := mfaTOTP(secretKey, time.Now(), 6)
		assert.Len(t, first, 6)
		time.Sleep(29 * time.Second)
		assert.Equal(t, first, mfaTOTP(secretKey, time.Now(), 6), "same 30-second step")
		time.Sleep(time.Second)
		assert.NotEqual(t, first, mfaTOTP(secretKey, time.Now(), 6), "next step, next code")
	})
}

// TestMFASecretsNeverPrint: the TOTP secret and key URI of a pairing answer
// print, log and encode (encoding/json) redacted.
func TestMFASecretsNeverPrint(t *testing.T) {
	t.Parallel()
	var d pingone.MFADevice
	require.NoError(t, json.Unmarshal(readGolden(t, "mfa", "pair_totp.json"), &d))
	require.NotNil(t, d.TOTP)
	for _, format := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		for _, v := range []any{d, &d, d.TOTP, *d.TOTP, struct{ D *pingone.MFADevice }{&d}} {
			out := fmt.Sprintf(format, v)
			assert.NotContains(t, out, totpGolden, format)
		}
	}
	assert.Contains(t, fmt.Sprint(d.TOTP.Secret), "[REDACTED]")
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, nil)).Info("paired", "device", d, "totp", d.TOTP)
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("paired", "device", d, "totp", d.TOTP)
	assert.NotContains(t, buf.String(), totpGolden)
	std, err := stdjson.Marshal(d)
	require.NoError(t, err)
	assert.NotContains(t, string(std), totpGolden)

	// go-json-experiment does not show it either: only the SDK's request
	// encoder sends a secret, to PingOne.
	again, err := json.Marshal(d)
	require.NoError(t, err)
	assert.NotContains(t, string(again), totpGolden)
	assert.Equal(t, totpGolden, d.TOTP.Secret.Reveal())
	assert.True(t, pingone.Secret{}.IsZero())
}

// TestMFAWebAuthnOptionsForms: the FIDO2 options decode from an object, from
// a string holding one, and anything else is kept as sent.
func TestMFAWebAuthnOptionsForms(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		`{"rp":{"id":"x"}}`:                  `{"rp":{"id":"x"}}`,
		`"{\"rp\":{\"id\":\"x\"}}"`:          `{"rp":{"id":"x"}}`,
		`"not json"`:                         `"not json"`,
		`[1,2]`:                              `[1,2]`,
		`" {\"challenge\":[1,-2]} "`:         `{"challenge":[1,-2]}`,
		`"{\"rp\":{\"id\":\"x\"}} trailing"`: `"{\"rp\":{\"id\":\"x\"}} trailing"`,
	}
	for in, want := range cases {
		var d pingone.MFADevice
		require.NoError(t, json.Unmarshal([]byte(`{"id":"d","type":"FIDO2","publicKeyCredentialCreationOptions":`+in+`}`), &d), in)
		require.NotNil(t, d.FIDO2, in)
		assert.JSONEq(t, want, string(d.FIDO2.PublicKeyCredentialCreationOptions), in)
		// And it encodes back in the form PingOne sent.
		out, err := stdjson.Marshal(d)
		require.NoError(t, err)
		var back struct {
			Options stdjson.RawMessage `json:"publicKeyCredentialCreationOptions"`
		}
		require.NoError(t, stdjson.Unmarshal(out, &back))
		assert.JSONEq(t, in, string(back.Options), in)
	}
	var d pingone.MFADevice
	require.NoError(t, json.Unmarshal([]byte(`{"id":"d","type":"FIDO2","publicKeyCredentialCreationOptions":null}`), &d))
	assert.Empty(t, d.FIDO2.PublicKeyCredentialCreationOptions)
}

// TestPairDeviceSendsPlainJSON: pairing never uses the reorder content type
// that shares its URL, for every constructor.
func TestPairDeviceSendsPlainJSON(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	var bodies []string
	mt.RegisterResponder("POST", testAPIBase+envDevices, func(r *http.Request) (*http.Response, error) {
		assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
		b, _ := io.ReadAll(r.Body)
		bodies = append(bodies, string(b))
		return jsonResponder(201, string(readGolden(t, "mfa", "pair_email.json")))(r)
	})
	env := c.Environment(testEnv)
	raw := []byte(`{"type":"WHATSAPP","phone":"+14155550100","nickname":"raw","extraSetting":{"a":[1,2.50]}}`)
	rawReq := pingone.RawDevice(raw)
	assert.Equal(t, pingone.MFADeviceWhatsApp, rawReq.Type)
	copy(raw, `{"type":"CHANGED!"`) // the request keeps its own copy
	rawReq.Nickname = pingone.Value("typed wins")
	for _, req := range []pingone.PairDeviceRequest{
		pingone.EmailDevice("ada@example.com"), pingone.SMSDevice("+14155550100"), pingone.VoiceDevice("+14155550101"),
		pingone.TOTPDevice(), pingone.FIDO2Device(), rawReq,
	} {
		_, err := env.MFA.PairDevice(t.Context(), mfaUser, req)
		require.NoError(t, err)
	}
	want := []string{
		`{"type":"EMAIL","email":"ada@example.com"}`,
		`{"type":"SMS","phone":"+14155550100"}`,
		`{"type":"VOICE","phone":"+14155550101"}`,
		`{"type":"TOTP"}`,
		`{"type":"FIDO2"}`,
		`{"type":"WHATSAPP","phone":"+14155550100","nickname":"typed wins","extraSetting":{"a":[1,2.50]}}`,
	}
	require.Len(t, bodies, len(want))
	for i := range want {
		assertJSONEqual(t, []byte(want[i]), []byte(bodies[i]))
	}
	assert.Contains(t, bodies[5], `[1,2.50]`, "raw members are sent as they are")
}

// TestMFACheckArguments: bad arguments fail before any request, with an
// error naming the method and the argument.
func TestMFACheckArguments(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	env := c.Environment(testEnv)
	ctx := t.Context()
	cases := []struct {
		call func() error
		want string // the error, or its beginning when it ends with "…"
	}{
		{func() error { _, err := env.MFA.ListDevices(ctx, "", nil); return err }, "pingone: MFA.ListDevices: userID is required"},
		{func() error {
			for _, err := range env.MFA.ListDevicesIter(ctx, "", nil) {
				return err
			}
			return nil
		}, "pingone: MFA.ListDevicesIter: userID is required"},
		{func() error {
			_, err := env.MFA.ListDevices(ctx, mfaUser, &pingone.ListDevicesOptions{Filter: scim.Eq("bad attr", "x")})
			return err
		}, "pingone: MFA.ListDevices: Filter is invalid: …"},
		{func() error {
			for _, err := range env.MFA.ListDevicesIter(ctx, mfaUser, &pingone.ListDevicesOptions{Filter: scim.Eq("bad attr", "x")}) {
				return err
			}
			return nil
		}, "pingone: MFA.ListDevicesIter: Filter is invalid: …"},
		{func() error {
			_, err := env.MFA.ListDevices(ctx, mfaUser, &pingone.ListDevicesOptions{ListOptions: pingone.ListOptions{Limit: -1}})
			return err
		}, "pingone: MFA.ListDevices: Limit is negative"},
		{func() error { _, err := env.MFA.PairDevice(ctx, "", pingone.TOTPDevice()); return err }, "pingone: MFA.PairDevice: userID is required"},
		{func() error { _, err := env.MFA.PairDevice(ctx, mfaUser, pingone.PairDeviceRequest{}); return err }, "pingone: MFA.PairDevice: Type is required"},
		{func() error {
			_, err := env.MFA.PairDevice(ctx, mfaUser, pingone.RawDevice(stdjson.RawMessage(`[1]`)))
			return err
		}, "pingone: MFA.PairDevice: RawDevice body is not a JSON object"},
		{func() error {
			_, err := env.MFA.PairDevice(ctx, mfaUser, pingone.RawDevice(stdjson.RawMessage(`{"phone":"+1"}`)))
			return err
		}, "pingone: MFA.PairDevice: Type is required"},
		{func() error { _, err := env.MFA.PairDevice(ctx, mfaUser, pingone.RawDevice(nil)); return err }, "pingone: MFA.PairDevice: Type is required"},
		{func() error { _, err := env.MFA.GetDevice(ctx, mfaUser, ""); return err }, "pingone: MFA.GetDevice: deviceID is required"},
		{func() error { _, err := env.MFA.GetDevice(ctx, "", mfaDevVoice); return err }, "pingone: MFA.GetDevice: userID is required"},
		{func() error { _, err := env.MFA.GetDevice(ctx, mfaUser, ".."); return err }, "pingone: MFA.GetDevice: deviceID is not a valid ID: .."},
		{func() error { return env.MFA.DeleteDevice(ctx, mfaUser, "") }, "pingone: MFA.DeleteDevice: deviceID is required"},
		{func() error { return env.MFA.DeleteDevice(ctx, "", mfaDevVoice) }, "pingone: MFA.DeleteDevice: userID is required"},
		{func() error { _, err := env.MFA.SetDeviceNickname(ctx, mfaUser, "", "x"); return err }, "pingone: MFA.SetDeviceNickname: deviceID is required"},
		{func() error { _, err := env.MFA.SetDeviceNickname(ctx, "", mfaDevVoice, "x"); return err }, "pingone: MFA.SetDeviceNickname: userID is required"},
		{func() error { _, err := env.MFA.GetMFAEnabled(ctx, ""); return err }, "pingone: MFA.GetMFAEnabled: userID is required"},
		{func() error { _, err := env.MFA.SetMFAEnabled(ctx, "", true); return err }, "pingone: MFA.SetMFAEnabled: userID is required"},
		{func() error {
			_, err := c.Environment("").MFA.GetMFAEnabled(ctx, mfaUser)
			return err
		}, "pingone: MFA.GetMFAEnabled: environmentID is required"},
	}
	for _, tc := range cases {
		err := tc.call()
		_, ok := errors.AsType[*pingone.ArgumentError](err)
		assert.True(t, ok, "%s: %v", tc.want, err)
		if prefix, ok := strings.CutSuffix(tc.want, "…"); ok {
			require.Error(t, err, tc.want)
			assert.True(t, strings.HasPrefix(err.Error(), prefix), "%q does not begin %q", err, prefix)
			continue
		}
		assert.EqualError(t, err, tc.want)
	}
	assert.Equal(t, 0, mt.GetTotalCallCount())
}

// TestMFADeviceIDsAreEscaped: IDs are path segments, never path syntax.
func TestMFADeviceIDsAreEscaped(t *testing.T) {
	t.Parallel()
	c, mt := rawMockClient(t)
	var gotPath string
	mt.RegisterNoResponder(func(r *http.Request) (*http.Response, error) {
		gotPath = r.URL.EscapedPath()
		return jsonResponder(404, `{"id":"e","code":"NOT_FOUND","message":"nope"}`)(r)
	})
	_, err := c.Environment(testEnv).MFA.GetDevice(t.Context(), "../users", "a/b?c")
	assert.ErrorIs(t, err, pingone.ErrNotFound)
	assert.Equal(t, "/v1/environments/"+testEnv+"/users/..%2Fusers/devices/a%2Fb%3Fc", gotPath)
}
