package pingonetest

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base32"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/pingone-go/pingone/internal/scimfilter"
)

func init() { registerFamily((*Server).routesMFA) }

// maxDevicesPerUser is PingOne's limit on the MFA devices of one user.
const maxDevicesPerUser = 15

// Content types of POST /users/{userID}/devices: plain JSON pairs a device,
// the reorder type sets the device order (a different operation).
const (
	ctDevicesReorder = "application/vnd.pingidentity.devices.reorder+json"
	ctDeviceActivate = "application/vnd.pingidentity.device.activate+json"
)

// pairableDevices are the types this call can create, with the contact
// member each needs. MOBILE devices are paired with a pairing key instead.
var pairableDevices = map[string]string{
	"EMAIL": "email", "SMS": "phone", "VOICE": "phone", "WHATSAPP": "phone", "TOTP": "", "FIDO2": "",
}

// devicePolicyMethod is the member of a device authentication policy that
// enables each device type.
var devicePolicyMethod = map[string]string{
	"EMAIL": "email", "SMS": "sms", "VOICE": "voice", "WHATSAPP": "whatsApp", "TOTP": "totp", "FIDO2": "fido2",
}

// devicePhonePattern is an international phone number: "+", then 7 to 15 digits
// with optional separators.
var devicePhonePattern = regexp.MustCompile(`^\+[1-9][0-9 .\-()]{6,20}$`)

// deviceEmailPattern is a deliberately loose e-mail address check.
var deviceEmailPattern = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)

var mfaDeviceListSpec = listSpec{
	embedded: "devices",
	paged:    true,
	filter: &scimfilter.Rules{
		Attributes: map[string][]scimfilter.Operator{"type": {scimfilter.Eq}, "status": {scimfilter.Eq}},
		And:        true, Or: true,
	},
}

// mfaHiddenMembers are members kept on a stored device that are never served:
// the TOTP shared secret (returned once, when pairing) and the like.
var mfaHiddenMembers = []string{"totpSecret"}

func (s *Server) routesMFA() {
	const devices = "/environments/{envID}/users/{userID}/devices"
	s.handle("GET "+devices, s.mfaWithUser(s.mfaListDevices))
	s.handle("POST "+devices, s.mfaWithUser(s.mfaPostDevices))
	s.handle("GET "+devices+"/{deviceID}", s.mfaWithDevice(s.mfaGetDevice))
	s.handle("POST "+devices+"/{deviceID}", s.mfaWithDevice(s.mfaPostDevice))
	s.handle("DELETE "+devices+"/{deviceID}", s.mfaWithDevice(s.mfaDeleteDevice))
	s.handle("PUT "+devices+"/{deviceID}/nickname", s.mfaWithDevice(s.mfaSetNickname))
	s.handle("GET /environments/{envID}/users/{userID}/mfaEnabled", s.mfaWithUser(s.mfaGetEnabled))
	s.handle("PUT /environments/{envID}/users/{userID}/mfaEnabled", s.mfaWithUser(s.mfaSetEnabled))
}

// mfaWithUser answers 404 for an unknown user before h runs.
func (s *Server) mfaWithUser(h func(c *call, user obj)) func(c *call) {
	return func(c *call) {
		id := c.r.PathValue("userID")
		u := s.st.get(s.usersPath(), id)
		if u == nil {
			c.fail(errNotFound("user with id " + id))
			return
		}
		h(c, u)
	}
}

// mfaWithDevice answers 404 for an unknown user or device before h runs.
func (s *Server) mfaWithDevice(h func(c *call, devices string, device obj)) func(c *call) {
	return s.mfaWithUser(func(c *call, _ obj) {
		devices := s.mfaDevicesPath(c.r.PathValue("userID"))
		id := c.r.PathValue("deviceID")
		d := s.st.get(devices, id)
		if d == nil {
			c.fail(errNotFound("device with id " + id))
			return
		}
		h(c, devices, d)
	})
}

func (s *Server) mfaDevicesPath(userID string) string { return s.envPath("users", userID, "devices") }

// mfaRenderDevice serves a stored device: hidden members removed, links added
// (activate while the device waits for activation).
func (s *Server) mfaRenderDevice(c *call, devices string, d obj) obj {
	o := clone(d)
	for _, k := range mfaHiddenMembers {
		delete(o, k)
	}
	self := devices + "/" + str(d, "id")
	o = c.decorate(o, self)
	links := sub(o, "_links")
	links["user"] = obj{"href": c.selfURL(strings.TrimSuffix(devices, "/devices"))}
	if str(d, "status") == "ACTIVATION_REQUIRED" {
		links["activate"] = obj{"href": c.selfURL(self)}
	}
	return o
}

func (s *Server) mfaListDevices(c *call, user obj) {
	for _, e := range deviceExpandList(c.r.URL.Query().Get("expand")) {
		if e != "order" && e != "typeDisplayNames" {
			c.fail(errInvalid("Invalid expand", detail{Code: "INVALID_PARAMETER", Target: "expand", Message: "expand supports order and typeDisplayNames",
				InnerError: map[string]any{"allowedValues": []string{"order", "typeDisplayNames"}}}))
			return
		}
	}
	devices := s.mfaDevicesPath(str(user, "id"))
	spec := mfaDeviceListSpec
	spec.view = func(c *call, o obj) obj { return s.mfaRenderDevice(c, devices, o) }
	spec.seq = s.st.seqFunc(devices)
	c.serveList(s.st.list(devices), spec)
}

func deviceExpandList(v string) []string {
	var out []string
	for p := range strings.SplitSeq(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// mfaPostDevices is two operations on one URL, told apart by the content type:
// application/json pairs a device, the reorder type sets the order.
func (s *Server) mfaPostDevices(c *call, user obj) {
	switch c.contentType() {
	case "application/json":
		s.mfaPairDevice(c, user)
	case ctDevicesReorder:
		s.mfaReorderDevices(c, user)
	default:
		c.fail(errRequest(http.StatusUnsupportedMediaType, fmt.Sprintf("Content-Type %q is not supported for this request", c.contentType())))
	}
}

func (s *Server) mfaPairDevice(c *call, user obj) {
	body, e := c.readBody()
	if e != nil {
		c.fail(e)
		return
	}
	userID := str(user, "id")
	devices := s.mfaDevicesPath(userID)
	if e := checkFields(body, map[string]field{
		"type":     {typ: tString, required: true},
		"email":    {typ: tString, maxLen: 256},
		"phone":    {typ: tString, maxLen: 32},
		"nickname": {typ: tString, maxLen: 100},
		"status":   {typ: tString, enum: []string{"ACTIVE", "ACTIVATION_REQUIRED"}},
		"policy":   {typ: tRef},
	}); e != nil {
		c.fail(e)
		return
	}
	typ := str(body, "type")
	contact, ok := pairableDevices[typ]
	if !ok {
		msg := "Unsupported device type " + typ
		if typ == "MOBILE" {
			msg = "MOBILE devices are paired with a pairing key, not created with this request"
		}
		c.fail(errInvalid(msg, detail{Code: "INVALID_VALUE", Target: "type", Message: msg,
			InnerError: map[string]any{"allowedValues": slices.Sorted(maps.Keys(pairableDevices))}}))
		return
	}
	if contact != "" {
		v := strings.TrimSpace(str(body, contact))
		if v == "" {
			c.fail(errRequired(contact))
			return
		}
		if contact == "email" && !deviceEmailPattern.MatchString(v) {
			c.fail(errValue("email", "email must be a valid e-mail address"))
			return
		}
		if contact == "phone" && (!devicePhonePattern.MatchString(v) || phoneDigits(v) < 7 || phoneDigits(v) > 15) {
			c.fail(errValue("phone", "phone must be in international format, starting with + and the country code"))
			return
		}
	}
	policy, e := s.mfaDevicePolicy(refID(body, "policy"))
	if e != nil {
		c.fail(e)
		return
	}
	if m := sub(policy, devicePolicyMethod[typ]); m == nil || m["enabled"] != true {
		c.fail(errConstraint(fmt.Sprintf("The device authentication policy %q does not allow %s devices", str(policy, "name"), typ)))
		return
	}
	if n := len(s.st.list(devices)); n >= maxDevicesPerUser {
		c.fail(errInvalid("The user already has the maximum number of MFA devices",
			detail{Code: "CONSTRAINT_VIOLATION", Target: "devices",
				Message:    fmt.Sprintf("A user can have at most %d MFA devices", maxDevicesPerUser),
				InnerError: map[string]any{"maximumValue": maxDevicesPerUser}}))
		return
	}

	// TOTP and FIDO2 devices need the user's authenticator before they
	// work; the others are active unless the administrator asks otherwise.
	status := str(body, "status")
	if status == "" {
		status = "ACTIVE"
	}
	if typ == "TOTP" || typ == "FIDO2" {
		status = "ACTIVATION_REQUIRED"
	}
	id := s.newID()
	t := s.stamp()
	d := obj{
		"id": id, "environment": obj{"id": s.envID}, "user": obj{"id": userID},
		"type": typ, "status": status,
		"policy":    obj{"id": str(policy, "id"), "type": "DEVICE_AUTHENTICATION_POLICY"},
		"createdAt": t, "updatedAt": t,
	}
	if contact != "" {
		d[contact] = strings.TrimSpace(str(body, contact))
	}
	if nick := str(body, "nickname"); nick != "" {
		d["nickname"] = nick
	}
	out := obj{}
	switch typ {
	case "TOTP":
		secret := s.mfaTOTPSecret()
		d["totpSecret"] = secret
		q := url.Values{"secret": {secret}, "issuer": {"PingOne"}, "algorithm": {"SHA1"}, "digits": {"6"}, "period": {"30"}}
		label := url.PathEscape("PingOne:" + str(user, "username"))
		out["secret"] = secret
		out["keyUri"] = "otpauth://totp/" + label + "?" + q.Encode()
	case "FIDO2":
		out["publicKeyCredentialCreationOptions"] = s.mfaWebAuthnOptions(user)
	}
	s.st.put(devices, id, d)
	rendered := s.mfaRenderDevice(c, devices, d)
	maps.Copy(rendered, out)
	writeJSON(c.w, http.StatusCreated, rendered)
}

func phoneDigits(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

// mfaDevicePolicy returns the named device authentication policy, or the
// environment's default one.
func (s *Server) mfaDevicePolicy(id string) (obj, *apiError) {
	coll := s.envPath("deviceAuthenticationPolicies")
	if id != "" {
		p := s.st.get(coll, id)
		if p == nil {
			return nil, errValue("policy.id", "No device authentication policy with id "+id)
		}
		return p, nil
	}
	for _, p := range s.st.list(coll) {
		if d, _ := boolean(p, "default"); d {
			return p, nil
		}
	}
	return nil, errConstraint("The environment has no default device authentication policy")
}

// mfaTOTPSecret returns a new 160-bit shared secret, base32 without padding.
func (s *Server) mfaTOTPSecret() string {
	b := make([]byte, 20)
	s.secretBytes(b)
	return base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b)
}

// mfaWebAuthnOptions returns PublicKeyCredentialCreationOptions for a
// new FIDO2 device. PingOne sends them as a string holding the JSON object,
// and so does this server.
func (s *Server) mfaWebAuthnOptions(user obj) string {
	raw := make([]byte, 32)
	s.secretBytes(raw)
	challenge := make([]int, 32)
	for i, b := range raw {
		challenge[i] = int(int8(b))
	}
	userID := []int{}
	for _, b := range []byte(str(user, "id")) {
		userID = append(userID, int(b))
	}
	opts := map[string]any{
		"rp":        map[string]any{"id": "localhost", "name": "pingonetest"},
		"user":      map[string]any{"id": userID, "name": str(user, "username"), "displayName": str(user, "username")},
		"challenge": challenge,
		"pubKeyCredParams": []any{
			map[string]any{"type": "public-key", "alg": -7},
			map[string]any{"type": "public-key", "alg": -257},
		},
		"timeout":                120000,
		"excludeCredentials":     []any{},
		"authenticatorSelection": map[string]any{"userVerification": "preferred", "residentKey": "preferred"},
		"attestation":            "direct",
		"extensions":             map[string]any{"credProps": true},
	}
	data, _ := json.Marshal(opts)
	return string(data)
}

// mfaReorderDevices serves the reorder content type: {"order":[{"id":…},…]}
// lists device IDs, first the default; the others follow in their order.
func (s *Server) mfaReorderDevices(c *call, user obj) {
	body, e := c.readBody(ctDevicesReorder)
	if e != nil {
		c.fail(e)
		return
	}
	list, ok := body["order"].([]any)
	if !ok || len(list) == 0 {
		c.fail(errRequired("order"))
		return
	}
	devices := s.mfaDevicesPath(str(user, "id"))
	coll := s.st.coll(devices)
	var ids []string
	for _, it := range list {
		m, _ := it.(map[string]any)
		id := str(m, "id")
		if id == "" {
			c.fail(errRequired("order.id"))
			return
		}
		if coll.items[id] == nil {
			c.fail(errValue("order.id", "No device with id "+id))
			return
		}
		if slices.Contains(ids, id) {
			c.fail(errValue("order.id", "Device "+id+" is listed twice"))
			return
		}
		ids = append(ids, id)
	}
	for _, id := range coll.ids {
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	coll.ids, coll.all = ids, nil
	order := make([]any, len(ids))
	for i, id := range ids {
		order[i] = obj{"id": id}
	}
	writeJSON(c.w, http.StatusOK, obj{"order": order, "_links": obj{"self": obj{"href": c.selfURL(devices)}}})
}

func (s *Server) mfaGetDevice(c *call, devices string, d obj) {
	writeJSON(c.w, http.StatusOK, s.mfaRenderDevice(c, devices, d))
}

// mfaPostDevice serves the actions on one device. Only the activation of a
// TOTP device with a current code is implemented; plain JSON is refused.
func (s *Server) mfaPostDevice(c *call, devices string, d obj) {
	body, e := c.readBody(ctDeviceActivate)
	if e != nil {
		c.fail(e)
		return
	}
	if str(d, "status") != "ACTIVATION_REQUIRED" {
		c.fail(errConstraint("The device does not need activation"))
		return
	}
	otp := str(body, "otp")
	if otp == "" {
		c.fail(errRequired("otp"))
		return
	}
	secret := str(d, "totpSecret")
	if str(d, "type") != "TOTP" || secret == "" {
		c.fail(errConstraint("pingonetest activates TOTP devices only"))
		return
	}
	if !deviceTOTPValid(secret, otp, s.now()) {
		c.fail(errInvalid("The one-time passcode is not valid", detail{Code: "INVALID_OTP", Target: "otp", Message: "The one-time passcode is not valid"}))
		return
	}
	d["status"] = "ACTIVE"
	d["updatedAt"] = s.stamp()
	writeJSON(c.w, http.StatusOK, s.mfaRenderDevice(c, devices, d))
}

// deviceTOTPValid checks an RFC 6238 code (SHA-1, 6 digits, 30 s) in the current
// time step and one step on either side.
func deviceTOTPValid(secret, code string, at time.Time) bool {
	key, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(strings.ToUpper(secret))
	if err != nil {
		return false
	}
	step := at.Unix() / 30
	for _, delta := range []int64{0, -1, 1} {
		if hmac.Equal([]byte(deviceHOTP(key, uint64(step+delta))), []byte(code)) {
			return true
		}
	}
	return false
}

// deviceHOTP is RFC 4226 with 6 digits.
func deviceHOTP(key []byte, counter uint64) string {
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], counter)
	m := hmac.New(sha1.New, key)
	m.Write(msg[:])
	sum := m.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	v := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	return fmt.Sprintf("%06d", v%1_000_000)
}

func (s *Server) mfaDeleteDevice(c *call, devices string, d obj) {
	s.st.remove(devices, str(d, "id"))
	c.w.WriteHeader(http.StatusNoContent)
}

func (s *Server) mfaSetNickname(c *call, devices string, d obj) {
	body, ok := c.readChecked(map[string]field{"nickname": {typ: tString, required: true, maxLen: 100}})
	if !ok {
		return
	}
	d["nickname"] = str(body, "nickname")
	d["updatedAt"] = s.stamp()
	writeJSON(c.w, http.StatusOK, s.mfaRenderDevice(c, devices, d))
}

// mfaEnabledResource is the /mfaEnabled resource of a user, read from the
// stored user's mfaEnabled (false when unset).
func (s *Server) mfaEnabledResource(c *call, user obj) obj {
	enabled, _ := boolean(user, "mfaEnabled")
	return obj{"mfaEnabled": enabled, "_links": obj{"self": obj{"href": c.selfURL(c.path(0))}}}
}

func (s *Server) mfaGetEnabled(c *call, user obj) {
	writeJSON(c.w, http.StatusOK, s.mfaEnabledResource(c, user))
}

func (s *Server) mfaSetEnabled(c *call, user obj) {
	body, ok := c.readChecked(map[string]field{"mfaEnabled": {typ: tBool, required: true}})
	if !ok {
		return
	}
	user["mfaEnabled"], _ = boolean(body, "mfaEnabled")
	user["updatedAt"] = s.stamp()
	writeJSON(c.w, http.StatusOK, s.mfaEnabledResource(c, user))
}
