package pingone

import (
	"context"
	"iter"
	"time"

	"encoding/json"
)

// NewDeviceNotification is how PingOne tells a user that a new MFA device
// was paired. PingOne may add values; unknown ones are kept.
type NewDeviceNotification string

// Known new-device notifications.
const (
	NewDeviceNotificationNone         NewDeviceNotification = "NONE"
	NewDeviceNotificationEmailThenSMS NewDeviceNotification = "EMAIL_THEN_SMS"
	NewDeviceNotificationSMSThenEmail NewDeviceNotification = "SMS_THEN_EMAIL"
)

// DeviceSelection is how the user's MFA device is chosen at sign-on.
// PingOne may add values; unknown ones are kept.
type DeviceSelection string

// Known device selections.
const (
	DeviceSelectionDefaultToFirst       DeviceSelection = "DEFAULT_TO_FIRST"
	DeviceSelectionPromptToSelect       DeviceSelection = "PROMPT_TO_SELECT"
	DeviceSelectionAlwaysDisplayDevices DeviceSelection = "ALWAYS_DISPLAY_DEVICES"
)

// MobileApplicationType is the kind of a native application in a mobile
// method's settings. PingOne may add values; unknown ones are kept.
type MobileApplicationType string

// Known mobile application types.
const (
	// MobileApplicationPingIDAppConfig marks the PingID mobile app's
	// settings.
	MobileApplicationPingIDAppConfig MobileApplicationType = "pingIdAppConfig"
)

// MobileIntegrityDetection is how strictly a mobile application's device
// integrity is checked. PingOne may add values; unknown ones are kept.
type MobileIntegrityDetection string

// Known integrity detection levels.
const (
	MobileIntegrityDetectionPermissive  MobileIntegrityDetection = "permissive"
	MobileIntegrityDetectionRestrictive MobileIntegrityDetection = "restrictive"
)

// MobileExtraVerification is the level of the silent push check PingOne
// adds to device authorization. PingOne may add values; unknown ones are
// kept.
type MobileExtraVerification string

// Known extra verification levels: permissive treats a timeout or failure
// of the check as a success, restrictive as a failure.
const (
	MobileExtraVerificationPermissive  MobileExtraVerification = "permissive"
	MobileExtraVerificationRestrictive MobileExtraVerification = "restrictive"
)

// DeviceAuthPolicy is a PingOne MFA device authentication policy: which
// authentication methods users may pair and use, and their settings.
type DeviceAuthPolicy struct {
	ID          string `json:"id,omitzero"`
	Environment Ref    `json:"environment,omitzero"`
	Name        string `json:"name"`
	// Default reports whether this is the environment's default policy.
	Default bool `json:"default"`
	// ForSignOnPolicy is read-only and deprecated by PingOne.
	ForSignOnPolicy bool `json:"forSignOnPolicy,omitzero"`
	// BlockDisabledUsers and BlockUsersWithDisabledMFA are settings
	// PingOne returns that its OpenAPI description does not list; the SDK
	// keeps and sends them as they are.
	BlockDisabledUsers        bool                    `json:"blockDisabledUsers,omitzero"`
	BlockUsersWithDisabledMFA bool                    `json:"blockUsersWithDisabledMfa,omitzero"`
	SMS                       DeviceAuthOfflineMethod `json:"sms,omitzero"`
	Voice                     DeviceAuthOfflineMethod `json:"voice,omitzero"`
	Email                     DeviceAuthOfflineMethod `json:"email,omitzero"`
	WhatsApp                  DeviceAuthOfflineMethod `json:"whatsApp,omitzero"`
	Mobile                    DeviceAuthMobileMethod  `json:"mobile,omitzero"`
	TOTP                      DeviceAuthTOTPMethod    `json:"totp,omitzero"`
	FIDO2                     DeviceAuthFIDO2Method   `json:"fido2,omitzero"`
	OATHToken                 DeviceAuthTokenMethod   `json:"oathToken,omitzero"`
	// Desktop and Yubikey are PingID methods.
	Desktop               DeviceAuthTokenMethod    `json:"desktop,omitzero"`
	Yubikey               DeviceAuthTokenMethod    `json:"yubikey,omitzero"`
	NewDeviceNotification NewDeviceNotification    `json:"newDeviceNotification,omitzero"`
	Authentication        DeviceAuthAuthentication `json:"authentication,omitzero"`
	// IgnoreUserLock lets users with a locked account still authenticate
	// with MFA.
	IgnoreUserLock      bool                 `json:"ignoreUserLock,omitzero"`
	NotificationsPolicy Ref                  `json:"notificationsPolicy,omitzero"`
	RememberMe          DeviceAuthRememberMe `json:"rememberMe,omitzero"`
	CreatedAt           time.Time            `json:"createdAt,omitzero"`
	UpdatedAt           time.Time            `json:"updatedAt,omitzero"`
	Links               Links                `json:"_links,omitzero"`
	// Extra holds members this version of the SDK does not know.
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// DeviceAuthOfflineMethod configures a method that sends a passcode: SMS,
// voice, email or WhatsApp.
type DeviceAuthOfflineMethod struct {
	Enabled                    bool                       `json:"enabled"`
	OTP                        DeviceAuthOTP              `json:"otp,omitzero"`
	PairingDisabled            bool                       `json:"pairingDisabled,omitzero"`
	PromptForNicknameOnPairing bool                       `json:"promptForNicknameOnPairing,omitzero"`
	Extra                      map[string]json.RawMessage `json:",embed"`
	wire                       wireMeta
}

// DeviceAuthOTP configures a method's one-time passcodes. PingOne requires
// Failure for every method, and LifeTime for SMS, voice, email and
// WhatsApp.
type DeviceAuthOTP struct {
	// LifeTime is how long a passcode stays valid (SMS, voice, email and
	// WhatsApp only).
	LifeTime TimePeriod `json:"lifeTime,omitzero"`
	// Failure blocks the method for a cool-down after repeated wrong
	// passcodes.
	Failure OTPFailure `json:"failure,omitzero"`
	// OTPLength is the number of digits, 6 to 10 (SMS, voice, email and
	// WhatsApp only; PingOne's default is 6).
	OTPLength int `json:"otpLength,omitzero"`
	// Window is the passcode window of the mobile app (mobile only).
	Window OTPWindow                  `json:"window,omitzero"`
	Extra  map[string]json.RawMessage `json:",embed"`
	wire   wireMeta
}

// OTPFailure blocks a method for CoolDown after Count wrong passcodes.
type OTPFailure struct {
	Count    int                        `json:"count"`
	CoolDown TimePeriod                 `json:"coolDown"`
	Extra    map[string]json.RawMessage `json:",embed"`
	wire     wireMeta
}

// OTPWindow is the time step of the mobile app's passcodes.
type OTPWindow struct {
	StepSize TimePeriod                 `json:"stepSize"`
	Extra    map[string]json.RawMessage `json:",embed"`
	wire     wireMeta
}

// DeviceAuthMobileMethod configures the mobile app (PingOne MFA SDK)
// method.
type DeviceAuthMobileMethod struct {
	Enabled bool `json:"enabled"`
	// OTP needs Failure; PingOne requires it.
	OTP                        DeviceAuthOTP              `json:"otp,omitzero"`
	Applications               []MobileApplicationPolicy  `json:"applications,omitzero"`
	PromptForNicknameOnPairing bool                       `json:"promptForNicknameOnPairing,omitzero"`
	Extra                      map[string]json.RawMessage `json:",embed"`
	wire                       wireMeta
}

// MobileApplicationPolicy configures one native application for the mobile
// method. The pointer fields are objects whose absence (PingOne's default)
// differs from {"enabled": false}.
type MobileApplicationPolicy struct {
	// ID is the application's ID (required).
	ID string `json:"id"`
	// Type is the PingID application type, such as
	// [MobileApplicationPingIDAppConfig].
	Type                            MobileApplicationType      `json:"type,omitzero"`
	Push                            *MobilePush                `json:"push,omitzero"`
	PushTimeout                     TimePeriod                 `json:"pushTimeout,omitzero"`
	PushLimit                       MobilePushLimit            `json:"pushLimit,omitzero"`
	PairingKeyLifetime              TimePeriod                 `json:"pairingKeyLifetime,omitzero"`
	OTP                             *EnabledSetting            `json:"otp,omitzero"`
	DeviceAuthorization             *MobileDeviceAuth          `json:"deviceAuthorization,omitzero"`
	AutoEnrollment                  *EnabledSetting            `json:"autoEnrollment,omitzero"`
	BiometricsEnabled               bool                       `json:"biometricsEnabled,omitzero"`
	PairingDisabled                 bool                       `json:"pairingDisabled,omitzero"`
	IntegrityDetection              MobileIntegrityDetection   `json:"integrityDetection,omitzero"`
	IPPairingConfiguration          MobileIPPairing            `json:"ipPairingConfiguration,omitzero"`
	NewRequestDurationConfiguration MobileRequestDuration      `json:"newRequestDurationConfiguration,omitzero"`
	Extra                           map[string]json.RawMessage `json:",embed"`
	wire                            wireMeta
}

// EnabledSetting is a setting that is only switched on or off.
type EnabledSetting struct {
	Enabled bool                       `json:"enabled"`
	Extra   map[string]json.RawMessage `json:",embed"`
	wire    wireMeta
}

// MobilePush configures push notifications of a mobile application.
type MobilePush struct {
	Enabled        bool                       `json:"enabled"`
	NumberMatching *EnabledSetting            `json:"numberMatching,omitzero"`
	Extra          map[string]json.RawMessage `json:",embed"`
	wire           wireMeta
}

// MobilePushLimit locks push for LockDuration after Count pushes within
// TimePeriod.
type MobilePushLimit struct {
	Count        int                        `json:"count,omitzero"`
	LockDuration TimePeriod                 `json:"lockDuration,omitzero"`
	TimePeriod   TimePeriod                 `json:"timePeriod,omitzero"`
	Extra        map[string]json.RawMessage `json:",embed"`
	wire         wireMeta
}

// MobileDeviceAuth configures device authorization of a mobile application.
type MobileDeviceAuth struct {
	Enabled           bool                       `json:"enabled"`
	ExtraVerification MobileExtraVerification    `json:"extraVerification,omitzero"`
	Extra             map[string]json.RawMessage `json:",embed"`
	wire              wireMeta
}

// MobileIPPairing restricts the IP addresses a mobile application may pair
// from.
type MobileIPPairing struct {
	// AnyIPAddress is spelled "anyIPAdress" by PingOne.
	AnyIPAddress         bool                       `json:"anyIPAdress,omitzero"`
	OnlyTheseIPAddresses []string                   `json:"onlyTheseIpAddresses,omitzero"`
	Extra                map[string]json.RawMessage `json:",embed"`
	wire                 wireMeta
}

// MobileRequestDuration bounds how long a push authentication request waits
// for the device and in total.
type MobileRequestDuration struct {
	DeviceTimeout TimePeriod                 `json:"deviceTimeout"`
	TotalTimeout  TimePeriod                 `json:"totalTimeout"`
	Extra         map[string]json.RawMessage `json:",embed"`
	wire          wireMeta
}

// DeviceAuthTOTPMethod configures authenticator apps (TOTP).
type DeviceAuthTOTPMethod struct {
	Enabled bool `json:"enabled"`
	// OTP needs Failure; PingOne requires it.
	OTP                        DeviceAuthOTP `json:"otp,omitzero"`
	PairingDisabled            bool          `json:"pairingDisabled,omitzero"`
	PromptForNicknameOnPairing bool          `json:"promptForNicknameOnPairing,omitzero"`
	// PasscodeGracePeriod accepts passcodes this many periods old.
	PasscodeGracePeriod int `json:"passcodeGracePeriod,omitzero"`
	// URIParameters are added to the otpauth:// key URI.
	URIParameters map[string]string          `json:"uriParameters,omitzero"`
	Extra         map[string]json.RawMessage `json:",embed"`
	wire          wireMeta
}

// DeviceAuthFIDO2Method configures FIDO2 security keys and passkeys.
type DeviceAuthFIDO2Method struct {
	Enabled bool `json:"enabled"`
	// FIDO2PolicyID names the FIDO2 policy; empty means the environment's
	// default FIDO2 policy.
	FIDO2PolicyID              string                     `json:"fido2PolicyId,omitzero"`
	PairingDisabled            bool                       `json:"pairingDisabled,omitzero"`
	PromptForNicknameOnPairing bool                       `json:"promptForNicknameOnPairing,omitzero"`
	Failure                    OTPFailure                 `json:"failure,omitzero"`
	Extra                      map[string]json.RawMessage `json:",embed"`
	wire                       wireMeta
}

// DeviceAuthTokenMethod configures a hardware or desktop token: OATH tokens
// and the PingID desktop and YubiKey methods.
type DeviceAuthTokenMethod struct {
	Enabled                    bool                       `json:"enabled"`
	OTP                        DeviceAuthOTP              `json:"otp,omitzero"`
	PairingDisabled            bool                       `json:"pairingDisabled,omitzero"`
	PairingKeyLifetime         TimePeriod                 `json:"pairingKeyLifetime,omitzero"`
	PromptForNicknameOnPairing bool                       `json:"promptForNicknameOnPairing,omitzero"`
	Extra                      map[string]json.RawMessage `json:",embed"`
	wire                       wireMeta
}

// DeviceAuthAuthentication configures device selection at sign-on.
type DeviceAuthAuthentication struct {
	DeviceSelection DeviceSelection            `json:"deviceSelection"`
	Extra           map[string]json.RawMessage `json:",embed"`
	wire            wireMeta
}

// DeviceAuthRememberMe lets a browser skip MFA for a while.
type DeviceAuthRememberMe struct {
	Web   RememberMeWeb              `json:"web"`
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// RememberMeWeb remembers a browser for LifeTime (minutes, hours or days).
type RememberMeWeb struct {
	Enabled  bool                       `json:"enabled"`
	LifeTime TimePeriod                 `json:"lifeTime"`
	Extra    map[string]json.RawMessage `json:",embed"`
	wire     wireMeta
}

// DeviceAuthPolicyRequest is the body of [DeviceAuthPoliciesService.Create]
// and [DeviceAuthPoliciesService.Replace]. PingOne requires the five method
// objects (SMS, Voice, Email, Mobile, TOTP) and Default on every write, so
// they are always sent; set Enabled to false to turn a method off.
type DeviceAuthPolicyRequest struct {
	Name string `json:"name"`
	// Default makes this the environment's default policy.
	Default bool                    `json:"default"`
	SMS     DeviceAuthOfflineMethod `json:"sms"`
	Voice   DeviceAuthOfflineMethod `json:"voice"`
	Email   DeviceAuthOfflineMethod `json:"email"`
	Mobile  DeviceAuthMobileMethod  `json:"mobile"`
	TOTP    DeviceAuthTOTPMethod    `json:"totp"`

	WhatsApp              Optional[DeviceAuthOfflineMethod]  `json:"whatsApp,omitzero"`
	FIDO2                 Optional[DeviceAuthFIDO2Method]    `json:"fido2,omitzero"`
	OATHToken             Optional[DeviceAuthTokenMethod]    `json:"oathToken,omitzero"`
	Desktop               Optional[DeviceAuthTokenMethod]    `json:"desktop,omitzero"`
	Yubikey               Optional[DeviceAuthTokenMethod]    `json:"yubikey,omitzero"`
	NewDeviceNotification Optional[NewDeviceNotification]    `json:"newDeviceNotification,omitzero"`
	Authentication        Optional[DeviceAuthAuthentication] `json:"authentication,omitzero"`
	IgnoreUserLock        Optional[bool]                     `json:"ignoreUserLock,omitzero"`
	NotificationsPolicy   Optional[Ref]                      `json:"notificationsPolicy,omitzero"`
	RememberMe            Optional[DeviceAuthRememberMe]     `json:"rememberMe,omitzero"`
	// BlockDisabledUsers and BlockUsersWithDisabledMFA are sent as set
	// (PingOne's OpenAPI description does not list them).
	BlockDisabledUsers        Optional[bool] `json:"blockDisabledUsers,omitzero"`
	BlockUsersWithDisabledMFA Optional[bool] `json:"blockUsersWithDisabledMfa,omitzero"`
	// ForSignOnPolicy is read-only (and deprecated) for PingOne, which
	// nevertheless lists it as required: [DeviceAuthPolicy.Request] leaves
	// it out, as any read-only member. Set it only for a PingOne that asks
	// for it.
	ForSignOnPolicy Optional[bool] `json:"forSignOnPolicy,omitzero"`
	// Extra holds members to send that this version does not model, such
	// as those a Request of a policy read from PingOne carries back.
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// Request returns the request that replaces the policy with itself: every
// member PingOne sent goes back unchanged (zero values, values of an
// unexpected JSON type and members this version does not know included,
// in every method's settings too), but the read-only ones (ID,
// environment, forSignOnPolicy, timestamps). Change what you need, then
// pass it to [DeviceAuthPoliciesService.Replace]: since a PUT clears what
// it omits, a request built by hand would wipe the settings it leaves out.
func (p *DeviceAuthPolicy) Request() DeviceAuthPolicyRequest {
	return requestFrom[DeviceAuthPolicyRequest](p, "id", "environment", "forSignOnPolicy", "createdAt", "updatedAt")
}

// List returns one page of device authentication policies (opts may be
// nil).
//
// PingOne: "List Device Authentication Policies".
//
//pingone:operation GET /environments/{environmentID}/deviceAuthenticationPolicies
func (s *DeviceAuthPoliciesService) List(ctx context.Context, opts *ListOptions) (*Page[DeviceAuthPolicy], error) {
	return listPage[DeviceAuthPolicy](ctx, (*service)(s), call{op: "DeviceAuthPolicies.List", route: "GET /environments/{environmentID}/deviceAuthenticationPolicies", opts: opts, key: "deviceAuthenticationPolicies"})
}

// ListIter iterates over every device authentication policy, fetching pages
// as the loop goes.
func (s *DeviceAuthPoliciesService) ListIter(ctx context.Context, opts *ListOptions) iter.Seq2[*DeviceAuthPolicy, error] {
	return listAll[DeviceAuthPolicy](ctx, (*service)(s), call{op: "DeviceAuthPolicies.ListIter", route: "GET /environments/{environmentID}/deviceAuthenticationPolicies", opts: opts, key: "deviceAuthenticationPolicies"})
}

// ByName returns the device authentication policy named name. PingOne has
// no filter on this list, so every policy is read. None is an error
// matching [ErrNotFound]; more than one is an error naming their IDs.
func (s *DeviceAuthPoliciesService) ByName(ctx context.Context, name string) (*DeviceAuthPolicy, error) {
	return byName("DeviceAuthPolicies.ByName", "device authentication policy", name, s.ListIter(ctx, nil),
		func(p *DeviceAuthPolicy) string { return p.Name }, func(p *DeviceAuthPolicy) string { return p.ID })
}

// Get returns one device authentication policy.
//
// PingOne: "Get Device Authentication Policy".
//
//pingone:operation GET /environments/{environmentID}/deviceAuthenticationPolicies/{deviceAuthenticationPolicyID}
func (s *DeviceAuthPoliciesService) Get(ctx context.Context, deviceAuthenticationPolicyID string) (*DeviceAuthPolicy, error) {
	return send[DeviceAuthPolicy](ctx, (*service)(s), call{op: "DeviceAuthPolicies.Get", route: "GET /environments/{environmentID}/deviceAuthenticationPolicies/{deviceAuthenticationPolicyID}", ids: []string{deviceAuthenticationPolicyID}})
}

// Create creates a device authentication policy. Making it the default
// takes that role from the current default policy.
//
// PingOne: "Create Device Authentication Policy" (answered with 200 or
// 201).
//
//pingone:operation POST /environments/{environmentID}/deviceAuthenticationPolicies
func (s *DeviceAuthPoliciesService) Create(ctx context.Context, req DeviceAuthPolicyRequest) (*DeviceAuthPolicy, error) {
	if err := requireFields("DeviceAuthPolicies.Create", "Name", req.Name); err != nil {
		return nil, err
	}
	key := nameKey(func(ctx context.Context) iter.Seq2[*DeviceAuthPolicy, error] { return s.ListIter(ctx, nil) },
		req.Name, func(p *DeviceAuthPolicy) string { return p.Name }, func(p *DeviceAuthPolicy) time.Time { return p.CreatedAt })
	return sendCreate(ctx, (*service)(s), call{op: "DeviceAuthPolicies.Create", route: "POST /environments/{environmentID}/deviceAuthenticationPolicies", body: req}, key)
}

// Replace replaces a device authentication policy. Like every PingOne PUT
// it resets what req omits (FIDO2, remember-me, notification settings, and
// the optional settings inside each method): start from
// [DeviceAuthPolicy.Request]. Send Default as true when replacing the
// default policy.
//
// PingOne: "Update Device Authentication Policy".
//
//pingone:operation PUT /environments/{environmentID}/deviceAuthenticationPolicies/{deviceAuthenticationPolicyID}
func (s *DeviceAuthPoliciesService) Replace(ctx context.Context, deviceAuthenticationPolicyID string, req DeviceAuthPolicyRequest) (*DeviceAuthPolicy, error) {
	if err := requireFields("DeviceAuthPolicies.Replace", "Name", req.Name); err != nil {
		return nil, err
	}
	return send[DeviceAuthPolicy](ctx, (*service)(s), call{op: "DeviceAuthPolicies.Replace", route: "PUT /environments/{environmentID}/deviceAuthenticationPolicies/{deviceAuthenticationPolicyID}", ids: []string{deviceAuthenticationPolicyID}, body: req})
}

// Delete deletes a device authentication policy. PingOne refuses to delete
// the default policy and a policy that MFA devices or sign-on policy actions
// still use.
//
// PingOne: "Delete Device Authentication Policy".
//
//pingone:operation DELETE /environments/{environmentID}/deviceAuthenticationPolicies/{deviceAuthenticationPolicyID}
func (s *DeviceAuthPoliciesService) Delete(ctx context.Context, deviceAuthenticationPolicyID string) error {
	return sendNoContent(ctx, (*service)(s), call{op: "DeviceAuthPolicies.Delete", route: "DELETE /environments/{environmentID}/deviceAuthenticationPolicies/{deviceAuthenticationPolicyID}", ids: []string{deviceAuthenticationPolicyID}})
}
