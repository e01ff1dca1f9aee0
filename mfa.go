package pingone

import (
	"context"
	"iter"
	"net/url"
	"strings"
	"time"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/pingone-go/pingone/scim"
)

// MFAService manages users' MFA devices and whether MFA is enabled for them.
type MFAService service

// MFADeviceType is the kind of an MFA device. PingOne adds types over time;
// unknown ones are kept.
type MFADeviceType string

// The MFA device types.
const (
	MFADeviceEmail     MFADeviceType = "EMAIL"
	MFADeviceSMS       MFADeviceType = "SMS"
	MFADeviceVoice     MFADeviceType = "VOICE"
	MFADeviceWhatsApp  MFADeviceType = "WHATSAPP"
	MFADeviceTOTP      MFADeviceType = "TOTP"
	MFADeviceFIDO2     MFADeviceType = "FIDO2"
	MFADeviceMobile    MFADeviceType = "MOBILE"
	MFADeviceOATHToken MFADeviceType = "OATH_TOKEN"
)

// MFADeviceStatus is the state of an MFA device. PingOne may add states;
// unknown ones are kept.
type MFADeviceStatus string

// The MFA device states.
const (
	// MFADeviceActive devices can be used to authenticate.
	MFADeviceActive MFADeviceStatus = "ACTIVE"
	// MFADeviceActivationRequired devices wait for the user to prove they
	// hold them (an OTP, or a FIDO2 attestation); see the device's
	// "activate" link.
	MFADeviceActivationRequired MFADeviceStatus = "ACTIVATION_REQUIRED"
)

// MFADevice is an MFA device (authentication method) of a user.
type MFADevice struct {
	ID          string          `json:"id,omitzero"`
	Environment Ref             `json:"environment,omitzero"`
	User        Ref             `json:"user,omitzero"`
	Type        MFADeviceType   `json:"type,omitzero"`
	Status      MFADeviceStatus `json:"status,omitzero"`
	Nickname    string          `json:"nickname,omitzero"`
	// Email is the address of an EMAIL device.
	Email string `json:"email,omitzero"`
	// Phone is the number of an SMS, VOICE or WHATSAPP device, in
	// international format ("+14155550100").
	Phone     string          `json:"phone,omitzero"`
	Lock      MFADeviceLock   `json:"lock,omitzero"`
	Block     MFADeviceBlock  `json:"block,omitzero"`
	Policy    MFADevicePolicy `json:"policy,omitzero"`
	CreatedAt time.Time       `json:"createdAt,omitzero"`
	UpdatedAt time.Time       `json:"updatedAt,omitzero"`
	// TOTP is the enrolment data PingOne returns once, in the answer to
	// PairDevice for a TOTP device; nil otherwise.
	TOTP *MFATOTPEnrollment `json:",embed"`
	// FIDO2 is the enrolment data PingOne returns once, in the answer to
	// PairDevice for a FIDO2 device; nil otherwise.
	FIDO2 *MFAFIDO2Enrollment `json:",embed"`
	Links Links               `json:"_links,omitzero"`
	// Extra holds members this version of the SDK does not know, such as
	// the settings of other device types.
	Extra map[string]jsontext.Value `json:",embed"`
}

// MFADeviceLock tells whether a device is locked after failed attempts.
type MFADeviceLock struct {
	Status    string                    `json:"status,omitzero"`
	ExpiresAt time.Time                 `json:"expiresAt,omitzero"`
	Extra     map[string]jsontext.Value `json:",embed"`
}

// MFADeviceBlock tells whether an administrator blocked a device.
type MFADeviceBlock struct {
	Status    string                    `json:"status,omitzero"`
	BlockedAt time.Time                 `json:"blockedAt,omitzero"`
	Extra     map[string]jsontext.Value `json:",embed"`
}

// MFADevicePolicy is the device authentication policy a device was paired
// under.
type MFADevicePolicy struct {
	ID    string                    `json:"id,omitzero"`
	Type  string                    `json:"type,omitzero"`
	Extra map[string]jsontext.Value `json:",embed"`
}

// MFATOTPEnrollment is what an authenticator app needs to pair with a new
// TOTP device. Both fields hold the shared secret, so both print and log as
// "[REDACTED]"; use Reveal to show them to the user.
type MFATOTPEnrollment struct {
	// Secret is the base32 shared secret, for manual entry.
	Secret Secret `json:"secret,omitzero"`
	// KeyURI is the otpauth://totp/... URI, for a QR code.
	KeyURI Secret `json:"keyUri,omitzero"`
}

// MFAFIDO2Enrollment holds the WebAuthn options of a new FIDO2 device.
type MFAFIDO2Enrollment struct {
	// PublicKeyCredentialCreationOptions is the options object for
	// navigator.credentials.create(), as JSON. PingOne may send it as a
	// JSON object or as a string holding one; either way it is the object
	// here.
	PublicKeyCredentialCreationOptions MFAWebAuthnOptions `json:"publicKeyCredentialCreationOptions,omitzero"`
}

// MFAWebAuthnOptions is a WebAuthn options object, as JSON.
type MFAWebAuthnOptions jsontext.Value

// UnmarshalJSONFrom implements [json.UnmarshalerFrom]: an object is kept as
// it is, a string holding JSON is unwrapped, and anything else is kept as
// it was sent.
func (o *MFAWebAuthnOptions) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	v, err := dec.ReadValue()
	if err != nil {
		return err
	}
	switch v.Kind() {
	case 'n':
		*o = nil
		return nil
	case '"':
		var s string
		if err := json.Unmarshal(v, &s); err == nil {
			inner := jsontext.Value(strings.TrimSpace(s))
			if inner.IsValid() {
				*o = MFAWebAuthnOptions(inner.Clone())
				return nil
			}
		}
	}
	*o = MFAWebAuthnOptions(v.Clone())
	return nil
}

// MarshalJSONTo implements [json.MarshalerTo].
func (o MFAWebAuthnOptions) MarshalJSONTo(enc *jsontext.Encoder) error {
	if len(o) == 0 {
		return enc.WriteToken(jsontext.Null)
	}
	return enc.WriteValue(jsontext.Value(o))
}

// PairDeviceRequest is the body of [MFAService.PairDevice]. Build it with
// EmailDevice, SMSDevice, VoiceDevice, TOTPDevice, FIDO2Device or, for a type
// this version does not know, RawDevice; then set the optional fields.
type PairDeviceRequest struct {
	Type MFADeviceType `json:"type"`
	// Email is required for EMAIL devices.
	Email Optional[string] `json:"email,omitzero"`
	// Phone is required for SMS, VOICE and WHATSAPP devices, in
	// international format with a leading "+".
	Phone    Optional[string] `json:"phone,omitzero"`
	Nickname Optional[string] `json:"nickname,omitzero"`
	// Status is ACTIVE (the default when an administrator pairs a device)
	// or ACTIVATION_REQUIRED, which makes the user confirm the device.
	Status Optional[MFADeviceStatus] `json:"status,omitzero"`
	// Policy is the device authentication policy to pair under (default:
	// the environment's default policy).
	Policy Optional[Ref] `json:"policy,omitzero"`

	raw jsontext.Value // RawDevice's members, sent after the typed ones
}

// EmailDevice returns the request that pairs an EMAIL device.
func EmailDevice(email string) PairDeviceRequest {
	return PairDeviceRequest{Type: MFADeviceEmail, Email: Value(email)}
}

// SMSDevice returns the request that pairs an SMS device; phone is in
// international format, such as "+14155550100".
func SMSDevice(phone string) PairDeviceRequest {
	return PairDeviceRequest{Type: MFADeviceSMS, Phone: Value(phone)}
}

// VoiceDevice returns the request that pairs a VOICE device; phone is in
// international format, such as "+14155550100".
func VoiceDevice(phone string) PairDeviceRequest {
	return PairDeviceRequest{Type: MFADeviceVoice, Phone: Value(phone)}
}

// TOTPDevice returns the request that pairs an authenticator app (TOTP).
// The answer carries the shared secret in [MFADevice.TOTP].
func TOTPDevice() PairDeviceRequest { return PairDeviceRequest{Type: MFADeviceTOTP} }

// FIDO2Device returns the request that pairs a FIDO2 authenticator. The
// answer carries the WebAuthn creation options in [MFADevice.FIDO2].
func FIDO2Device() PairDeviceRequest { return PairDeviceRequest{Type: MFADeviceFIDO2} }

// RawDevice returns a request made of body, a JSON object holding "type"
// and the members that device type needs; it is sent unchanged, after any
// typed field set on the request. Use it for types this version does not
// know.
func RawDevice(body jsontext.Value) PairDeviceRequest {
	r := PairDeviceRequest{raw: body.Clone()}
	if ms, err := idpMembers(body); err == nil {
		for _, m := range ms {
			if m.name == "type" {
				var t string
				if json.Unmarshal(m.value, &t) == nil {
					r.Type = MFADeviceType(t)
				}
			}
		}
	}
	return r
}

type pairDeviceFields PairDeviceRequest

func (r PairDeviceRequest) check() error {
	if len(r.raw) > 0 {
		if _, err := idpMembers(r.raw); err != nil {
			return &ArgumentError{Name: "RawDevice body", Problem: "is not a JSON object"}
		}
	}
	if r.Type == "" {
		return &ArgumentError{Name: "Type", Problem: "is required"}
	}
	return nil
}

// MarshalJSONTo implements [json.MarshalerTo].
func (r PairDeviceRequest) MarshalJSONTo(enc *jsontext.Encoder) error {
	if err := r.check(); err != nil {
		return err
	}
	typed, err := json.Marshal(pairDeviceFields(r), enc.Options())
	if err != nil {
		return err
	}
	if len(r.raw) == 0 {
		return enc.WriteValue(typed)
	}
	merged, err := idpMerge(typed, r.raw)
	if err != nil {
		return err
	}
	return enc.WriteValue(merged)
}

// ListDevicesOptions filters and pages [MFAService.ListDevices].
type ListDevicesOptions struct {
	// Filter supports `type eq` and `status eq` (with and/or).
	Filter scim.Filter
	// Expand adds related data: "order" or "typeDisplayNames".
	Expand []string
	ListOptions
}

func (o ListDevicesOptions) addQuery(q url.Values) error {
	if err := filterQuery(q, o.Filter); err != nil {
		return err
	}
	if len(o.Expand) > 0 {
		q.Set("expand", strings.Join(o.Expand, ","))
	}
	return o.ListOptions.addQuery(q)
}

// ListDevices returns one page of a user's MFA devices, in the user's
// device order (opts may be nil).
//
// PingOne: "List User MFA Devices".
//
//pingone:operation GET /environments/{environmentID}/users/{userID}/devices
func (s *MFAService) ListDevices(ctx context.Context, userID string, opts *ListDevicesOptions) (*Page[MFADevice], error) {
	return listPage[MFADevice](ctx, (*service)(s), call{op: "MFA.ListDevices", route: "GET /environments/{environmentID}/users/{userID}/devices", ids: []string{userID}, opts: opts, key: "devices"})
}

// ListDevicesIter iterates over a user's MFA devices, fetching pages as the
// loop goes.
func (s *MFAService) ListDevicesIter(ctx context.Context, userID string, opts *ListDevicesOptions) iter.Seq2[*MFADevice, error] {
	return listAll[MFADevice](ctx, (*service)(s), call{op: "MFA.ListDevicesIter", route: "GET /environments/{environmentID}/users/{userID}/devices", ids: []string{userID}, opts: opts, key: "devices"})
}

// PairDevice pairs (creates) an MFA device for a user. The request goes as
// plain application/json: the same URL with PingOne's reorder content type
// would set the device order instead. MOBILE devices cannot be paired this
// way (they use a pairing key). The TOTP secret and the FIDO2 options in the
// answer are returned only here, once. PingOne limits the number of devices
// of a user.
//
// PingOne: "Pair User MFA Device".
//
//pingone:operation POST /environments/{environmentID}/users/{userID}/devices
func (s *MFAService) PairDevice(ctx context.Context, userID string, req PairDeviceRequest) (*MFADevice, error) {
	if err := req.check(); err != nil {
		return nil, argError("MFA.PairDevice", err)
	}
	return send[MFADevice](ctx, (*service)(s), call{op: "MFA.PairDevice", route: "POST /environments/{environmentID}/users/{userID}/devices", ids: []string{userID}, body: req})
}

// GetDevice returns one MFA device of a user.
//
// PingOne: "Get User MFA Device".
//
//pingone:operation GET /environments/{environmentID}/users/{userID}/devices/{deviceID}
func (s *MFAService) GetDevice(ctx context.Context, userID, deviceID string) (*MFADevice, error) {
	return send[MFADevice](ctx, (*service)(s), call{op: "MFA.GetDevice", route: "GET /environments/{environmentID}/users/{userID}/devices/{deviceID}", ids: []string{userID, deviceID}})
}

// DeleteDevice deletes (unpairs) an MFA device of a user.
//
// PingOne: "Delete User MFA Device".
//
//pingone:operation DELETE /environments/{environmentID}/users/{userID}/devices/{deviceID}
func (s *MFAService) DeleteDevice(ctx context.Context, userID, deviceID string) error {
	return sendNoContent(ctx, (*service)(s), call{op: "MFA.DeleteDevice", route: "DELETE /environments/{environmentID}/users/{userID}/devices/{deviceID}", ids: []string{userID, deviceID}})
}

// SetDeviceNickname sets the nickname of an MFA device of a user and
// returns the device as PingOne answers it.
//
// PingOne: "Update User MFA Device Nickname".
//
//pingone:operation PUT /environments/{environmentID}/users/{userID}/devices/{deviceID}/nickname
func (s *MFAService) SetDeviceNickname(ctx context.Context, userID, deviceID, nickname string) (*MFADevice, error) {
	body := struct {
		Nickname string `json:"nickname"`
	}{nickname}
	return send[MFADevice](ctx, (*service)(s), call{op: "MFA.SetDeviceNickname", route: "PUT /environments/{environmentID}/users/{userID}/devices/{deviceID}/nickname", ids: []string{userID, deviceID}, body: body})
}

// UserMFAEnabled is whether MFA is enabled for a user, as PingOne answers
// [MFAService.GetMFAEnabled] and [MFAService.SetMFAEnabled].
type UserMFAEnabled struct {
	// MFAEnabled is false for a new user.
	MFAEnabled bool  `json:"mfaEnabled"`
	Links      Links `json:"_links,omitzero"`
	// Extra holds members this version of the SDK does not know.
	Extra map[string]jsontext.Value `json:",embed"`
}

// GetMFAEnabled returns whether MFA is enabled for a user (false for a new
// user).
//
// PingOne: "Get User MFA Enabled".
//
//pingone:operation GET /environments/{environmentID}/users/{userID}/mfaEnabled
func (s *MFAService) GetMFAEnabled(ctx context.Context, userID string) (*UserMFAEnabled, error) {
	return send[UserMFAEnabled](ctx, (*service)(s), call{op: "MFA.GetMFAEnabled", route: "GET /environments/{environmentID}/users/{userID}/mfaEnabled", ids: []string{userID}})
}

// SetMFAEnabled enables or disables MFA for a user and returns the state
// PingOne answers with.
//
// PingOne: "Update User MFA Enabled".
//
//pingone:operation PUT /environments/{environmentID}/users/{userID}/mfaEnabled
func (s *MFAService) SetMFAEnabled(ctx context.Context, userID string, enabled bool) (*UserMFAEnabled, error) {
	body := struct {
		MFAEnabled bool `json:"mfaEnabled"`
	}{enabled}
	return send[UserMFAEnabled](ctx, (*service)(s), call{op: "MFA.SetMFAEnabled", route: "PUT /environments/{environmentID}/users/{userID}/mfaEnabled", ids: []string{userID}, body: body})
}
