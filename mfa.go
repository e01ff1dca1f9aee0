package pingone

import (
	"bytes"
	"context"
	"encoding/json"
	"iter"
	"net/url"
	"strconv"
	"strings"
	"time"

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
//
// What a device holds besides the common fields depends on its Type: the
// enrolment data of a TOTP or FIDO2 device that PingOne returns once, when
// it is paired, is decoded by Type into TOTP or FIDO2; the members of other
// types (and of types this version does not know) are in Extra.
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
	Links     Links           `json:"_links,omitzero"`
	// TOTP is the enrolment data PingOne returns once, in the answer to
	// PairDevice for a TOTP device; nil otherwise.
	TOTP *MFATOTPEnrollment `json:"-"`
	// FIDO2 is the enrolment data PingOne returns once, in the answer to
	// PairDevice for a FIDO2 device; nil otherwise.
	FIDO2 *MFAFIDO2Enrollment `json:"-"`
	// Extra holds members this version of the SDK does not know, such as
	// the settings of other device types.
	Extra map[string]json.RawMessage `json:",embed"`
	// Raw is the device as PingOne sent it, less the TOTP secret and key
	// URI. Encoding does not read it: it writes the fields.
	Raw json.RawMessage `json:"-"`
	polyMeta
}

// MarshalJSON writes the device as PingOne sent it, with the changes made
// since; the TOTP secret and key URI are redacted.
func (m MFADevice) MarshalJSON() ([]byte, error) { return marshalWire(&m) }

// UnmarshalJSON reads a device, its enrolment data by type.
func (m *MFADevice) UnmarshalJSON(data []byte) error { return unmarshalWire(data, m) }

func (m *MFADevice) encodeWire(e *wireEncoder) error { return mfaDeviceCodec.encode(e, m) }
func (m *MFADevice) decodeWire(d *wireDecoder) error { return mfaDeviceCodec.decode(d, m) }

var mfaDeviceCodec = &polyCodec[MFADevice]{
	variant: func(m *MFADevice) any {
		switch {
		case m.TOTP != nil:
			return m.TOTP
		case m.FIDO2 != nil:
			return m.FIDO2
		}
		return nil
	},
	pick: func(m *MFADevice) any {
		switch m.Type {
		case MFADeviceTOTP:
			m.TOTP = new(MFATOTPEnrollment)
			return m.TOTP
		case MFADeviceFIDO2:
			m.FIDO2 = new(MFAFIDO2Enrollment)
			return m.FIDO2
		}
		return nil
	},
	// Only the answer to a pairing holds enrolment data.
	sparse: true,
	hidden: [][]string{{"secret"}, {"keyUri"}},
}

// MFADeviceLock tells whether a device is locked after failed attempts.
type MFADeviceLock struct {
	Status    string                     `json:"status,omitzero"`
	ExpiresAt time.Time                  `json:"expiresAt,omitzero"`
	Extra     map[string]json.RawMessage `json:",embed"`
	wire      wireMeta
}

// MFADeviceBlock tells whether an administrator blocked a device.
type MFADeviceBlock struct {
	Status    string                     `json:"status,omitzero"`
	BlockedAt time.Time                  `json:"blockedAt,omitzero"`
	Extra     map[string]json.RawMessage `json:",embed"`
	wire      wireMeta
}

// MFADevicePolicy is the device authentication policy a device was paired
// under.
type MFADevicePolicy struct {
	ID    string                     `json:"id,omitzero"`
	Type  string                     `json:"type,omitzero"`
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// MFATOTPEnrollment is what an authenticator app needs to pair with a new
// TOTP device. Both fields hold the shared secret, so both print and log as
// "[REDACTED]"; use Reveal to show them to the user.
type MFATOTPEnrollment struct {
	// Secret is the base32 shared secret, for manual entry.
	Secret Secret `json:"secret,omitzero"`
	// KeyURI is the otpauth://totp/... URI, for a QR code.
	KeyURI Secret `json:"keyUri,omitzero"`
	// Extra holds members to send with the variant's fields. (A decoded
	// resource keeps the members it does not know in its own Extra.)
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// MFAFIDO2Enrollment holds the WebAuthn options of a new FIDO2 device.
type MFAFIDO2Enrollment struct {
	// PublicKeyCredentialCreationOptions is the options object for
	// navigator.credentials.create(), as JSON. PingOne may send it as a
	// JSON object or as a string holding one; either way it is the object
	// here (and it encodes back as PingOne sent it).
	PublicKeyCredentialCreationOptions MFAWebAuthnOptions `json:"publicKeyCredentialCreationOptions,omitzero"`
	// Extra holds members to send with the variant's fields. (A decoded
	// resource keeps the members it does not know in its own Extra.)
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// MFAWebAuthnOptions is a WebAuthn options object, as JSON.
type MFAWebAuthnOptions json.RawMessage

// MarshalJSON writes the options (null when there are none).
func (o MFAWebAuthnOptions) MarshalJSON() ([]byte, error) { return marshalWire(&o) }

// UnmarshalJSON reads the options: an object is kept as it is, a string
// holding JSON is unwrapped, and anything else is kept as it was sent.
func (o *MFAWebAuthnOptions) UnmarshalJSON(data []byte) error { return unmarshalWire(data, o) }

func (o *MFAWebAuthnOptions) encodeWire(e *wireEncoder) error { return e.raw(*o) }

func (o *MFAWebAuthnOptions) decodeWire(d *wireDecoder) error {
	v, err := d.readValue()
	if err != nil {
		return err
	}
	if v.Kind() == '"' {
		s, _ := d.stringOf(v)
		if inner := bytes.TrimSpace([]byte(s)); json.Valid(inner) {
			*o = MFAWebAuthnOptions(inner)
			d.coerced() // the enclosing member keeps the string
			return nil
		}
	}
	*o = MFAWebAuthnOptions(bytes.Clone(v))
	return nil
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
	// Extra holds members to send that this version does not model (such
	// as the members of a RawDevice body that no field holds), sent as
	// given after the typed ones.
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta

	notObject bool // RawDevice was given something else than an object
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

// RawDevice returns the request made of body, a JSON object holding "type"
// and the members that device type needs. Its members go into the typed
// fields they match and into Extra, and are sent back as they were written;
// a typed field set afterwards replaces its member. Use it for types this
// version does not know.
func RawDevice(body json.RawMessage) PairDeviceRequest {
	var r PairDeviceRequest
	b := bytes.TrimSpace(body)
	if len(b) == 0 {
		return r
	}
	if b[0] != '{' || unmarshalWire(b, &r) != nil {
		return PairDeviceRequest{notObject: true}
	}
	return r
}

func (r PairDeviceRequest) check() error {
	if r.notObject {
		return &ArgumentError{Name: "RawDevice body", Problem: "is not a JSON object"}
	}
	if r.Type == "" {
		return &ArgumentError{Name: "Type", Problem: "is required"}
	}
	for name, val := range r.Extra {
		if !json.Valid(val) {
			return &ArgumentError{Name: "Extra", Problem: "holds " + strconv.Quote(name) + " with a value that is not valid JSON"}
		}
	}
	return nil
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
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
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
