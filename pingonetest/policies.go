package pingonetest

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

func init() { registerFamily((*Server).routesPolicies) }

func (s *Server) routesPolicies() {
	s.routes("/environments/{envID}/passwordPolicies", passwordPolicyKind, "list", "get", "create", "replace", "delete")
	s.routes("/environments/{envID}/signOnPolicies", signOnPolicyKind, "list", "get", "create", "replace", "delete")
	s.routes("/environments/{envID}/deviceAuthenticationPolicies", deviceAuthPolicyKind, "list", "get", "create", "replace", "delete")
}

// ---- shared rules ----

// policyUniqueName refuses a name already used (case-insensitively) by
// another resource of the collection.
func policyUniqueName(c *call, coll string, o, old obj) *apiError {
	for _, p := range c.s.st.list(c.s.envPath(coll)) {
		if equalFold(str(p, "name"), str(o, "name")) && (old == nil || str(p, "id") != str(old, "id")) {
			return errUnique("name", str(p, "id"))
		}
	}
	return nil
}

// policySingleDefault keeps one default resource per collection: a new default
// takes the role from the others, and the current default cannot give it
// up (another resource must be made the default instead).
func policySingleDefault(c *call, coll, what string, o, old obj) *apiError {
	isDefault, _ := boolean(o, "default")
	if old != nil {
		if wasDefault, _ := boolean(old, "default"); wasDefault && !isDefault {
			return errConstraint("The default " + what + " cannot stop being the default: make another " + what + " the default instead")
		}
	}
	if _, ok := o["default"]; !ok {
		o["default"] = false
	}
	if isDefault {
		for _, p := range c.s.st.list(c.s.envPath(coll)) {
			if old == nil || str(p, "id") != str(old, "id") {
				if d, _ := boolean(p, "default"); d {
					c.s.st.touch(c.s.envPath(coll), str(p, "id"))
					p["default"] = false
					p["updatedAt"] = c.s.stamp()
				}
			}
		}
	}
	return nil
}

// policyNested validates the object o[key] (when present) against fields,
// naming the failing member by its path ("history.count").
func policyNested(o obj, key string, fields map[string]field) *apiError {
	m := sub(o, key)
	if m == nil {
		return nil
	}
	e := checkFields(m, fields)
	if e == nil {
		return nil
	}
	for i := range e.details {
		if t := e.details[i].Target; t != "" {
			e.details[i].Target = key + "." + t
			e.details[i].Message = key + "." + e.details[i].Message
		}
	}
	return e
}

func policyInt(o obj, key string) (int, bool) {
	f, ok := number(o, key)
	return int(f), ok
}

// ---- password policies ----

var passwordCharClasses = []string{
	"ABCDEFGHIJKLMNOPQRSTUVWXYZ",
	"abcdefghijklmnopqrstuvwxyz",
	"0123456789",
	"~!@#$%^&*()-_=+[]{}|;:,.<>/?",
}

var passwordPolicyKind = &kind{
	name:    "password policy",
	idParam: "passwordPolicyID",
	list:    listSpec{embedded: "passwordPolicies"},
	fields: map[string]field{
		"name":                         {typ: tString, required: true, maxLen: 256},
		"description":                  {typ: tString, maxLen: 1024},
		"default":                      {typ: tBool},
		"excludesCommonlyUsed":         {typ: tBool, required: true},
		"excludesProfileData":          {typ: tBool, required: true},
		"notSimilarToCurrent":          {typ: tBool, required: true},
		"history":                      {typ: tObject},
		"length":                       {typ: tObject},
		"lockout":                      {typ: tObject},
		"maxAgeDays":                   {typ: tInt, min: 1, max: 100000},
		"minAgeDays":                   {typ: tInt, min: 1, max: 100000},
		"maxRepeatedCharacters":        {typ: tInt, min: 1, max: 255},
		"minComplexity":                {typ: tInt, min: 1, max: 255},
		"minUniqueCharacters":          {typ: tInt, min: 1, max: 255},
		"minCharacters":                {typ: tObject},
		"alphabetSequenceRule":         {typ: tObject},
		"numberSequenceRule":           {typ: tObject},
		"qwertySequenceRule":           {typ: tObject},
		"shiftedNumberRowSequenceRule": {typ: tObject},
	},
	readOnly: []string{"populationCount"},
	prepare: func(c *call, o, old obj) *apiError {
		if e := policyUniqueName(c, "passwordPolicies", o, old); e != nil {
			return e
		}
		if e := checkPasswordRules(o); e != nil {
			return e
		}
		return policySingleDefault(c, "passwordPolicies", "password policy", o, old)
	},
	beforeDelete: func(c *call, id string, o obj) *apiError {
		if d, _ := boolean(o, "default"); d {
			return errConstraint("The default password policy cannot be deleted")
		}
		return nil
	},
	afterDelete: func(c *call, id string, o obj) {
		// Populations that used the policy fall back to the default one.
		for _, p := range c.s.st.list(c.s.envPath("populations")) {
			if refID(p, "passwordPolicy") == id {
				c.s.st.touch(c.s.envPath("populations"), str(p, "id"))
				delete(p, "passwordPolicy")
				p["updatedAt"] = c.s.stamp()
			}
		}
	},
	view: func(c *call, o obj) obj {
		o = clone(o)
		o["populationCount"] = c.s.passwordPolicyPopulationCount(o)
		return o
	},
}

// checkPasswordRules validates the nested settings of a password policy.
func checkPasswordRules(o obj) *apiError {
	nested := []struct {
		key    string
		fields map[string]field
	}{
		{"history", map[string]field{"count": {typ: tInt, min: 1, max: 100}, "retentionDays": {typ: tInt, min: 1, max: 100000}}},
		{"length", map[string]field{"min": {typ: tInt, min: 8, max: 32}, "max": {typ: tInt, min: 8, max: 255}}},
		{"lockout", map[string]field{"failureCount": {typ: tInt, min: 1, max: 1000}, "durationSeconds": {typ: tInt, min: 1, max: 100000000}}},
		{"alphabetSequenceRule", map[string]field{"maxLength": {typ: tInt, required: true, min: 2, max: 3}}},
		{"numberSequenceRule", map[string]field{"maxLength": {typ: tInt, required: true, min: 2, max: 3}}},
		{"qwertySequenceRule", map[string]field{"maxLength": {typ: tInt, required: true, min: 3, max: 3}}},
		{"shiftedNumberRowSequenceRule", map[string]field{"maxLength": {typ: tInt, required: true, min: 3, max: 3}}},
	}
	for _, n := range nested {
		if e := policyNested(o, n.key, n.fields); e != nil {
			return e
		}
	}
	if l := sub(o, "length"); l != nil {
		lo, hasMin := policyInt(l, "min")
		hi, hasMax := policyInt(l, "max")
		if hasMin && hasMax && lo > hi {
			return errValue("length.min", "length.min must not be greater than length.max")
		}
	}
	if lo, ok := policyInt(o, "minAgeDays"); ok {
		if hi, ok := policyInt(o, "maxAgeDays"); ok && lo >= hi {
			return errValue("minAgeDays", "minAgeDays must be less than maxAgeDays")
		}
	}
	if mc := sub(o, "minCharacters"); mc != nil {
		for _, k := range slices.Sorted(maps.Keys(mc)) {
			if !slices.Contains(passwordCharClasses, k) {
				return errInvalid("The request could not be completed. One or more validation errors were in the request.",
					detail{Code: "INVALID_VALUE", Target: "minCharacters", Message: fmt.Sprintf("minCharacters has an unknown character class %q", k),
						InnerError: map[string]any{"allowedValues": passwordCharClasses}})
			}
		}
		fields := map[string]field{}
		for _, k := range passwordCharClasses {
			fields[k] = field{typ: tInt, min: 0, max: 255}
		}
		if e := policyNested(o, "minCharacters", fields); e != nil {
			return e
		}
	}
	return nil
}

// passwordPolicyPopulationCount counts the populations using a policy: those
// naming it, and for the default policy those naming none.
func (s *Server) passwordPolicyPopulationCount(policy obj) int {
	id := str(policy, "id")
	isDefault, _ := boolean(policy, "default")
	n := 0
	for _, p := range s.st.list(s.envPath("populations")) {
		ref := refID(p, "passwordPolicy")
		if ref == id || (ref == "" && isDefault) {
			n++
		}
	}
	return n
}

// ---- sign-on policies ----

var signOnPolicyKind = &kind{
	name:    "sign-on policy",
	idParam: "policyID",
	list:    listSpec{embedded: "signOnPolicies"},
	fields: map[string]field{
		"name":        {typ: tString, required: true, maxLen: 256},
		"description": {typ: tString, maxLen: 1024},
		"default":     {typ: tBool},
	},
	prepare: func(c *call, o, old obj) *apiError {
		if e := policyUniqueName(c, "signOnPolicies", o, old); e != nil {
			return e
		}
		return policySingleDefault(c, "signOnPolicies", "sign-on policy", o, old)
	},
	beforeDelete: func(c *call, id string, o obj) *apiError {
		if d, _ := boolean(o, "default"); d {
			return errConstraint("The default sign-on policy cannot be deleted")
		}
		if apps := c.s.appsAssignedSignOnPolicy(id); len(apps) > 0 {
			msg := fmt.Sprintf("The sign-on policy is assigned to %d application(s) (%s): remove the sign-on policy assignments before deleting it",
				len(apps), strings.Join(apps, ", "))
			refs := make([]any, len(apps))
			for i, a := range apps {
				refs[i] = a
			}
			return errInvalid(msg, detail{Code: "CONSTRAINT_VIOLATION", Target: "id", Message: msg, InnerError: map[string]any{"referencedValues": refs}})
		}
		return nil
	},
}

// appsAssignedSignOnPolicy returns the IDs of the applications with a
// sign-on policy assignment naming the policy.
func (s *Server) appsAssignedSignOnPolicy(policyID string) []string {
	prefix := s.envPath("applications") + "/"
	var out []string
	for _, coll := range s.st.collsEnding(prefix, "/signOnPolicyAssignments") {
		appID := strings.TrimSuffix(strings.TrimPrefix(coll, prefix), "/signOnPolicyAssignments")
		if strings.Contains(appID, "/") || s.st.get(s.appsPath(), appID) == nil {
			continue
		}
		for _, a := range s.st.list(coll) {
			if refID(a, "signOnPolicy") == policyID {
				out = append(out, appID)
				break
			}
		}
	}
	return out
}

// ---- device authentication policies ----

var (
	policyTimeUnits             = []string{"MINUTES", "SECONDS"}
	policyNewDeviceNotification = []string{"NONE", "EMAIL_THEN_SMS", "SMS_THEN_EMAIL"}
	policyDeviceSelections      = []string{"DEFAULT_TO_FIRST", "PROMPT_TO_SELECT", "ALWAYS_DISPLAY_DEVICES"}
	deviceAuthMethods           = []string{"sms", "voice", "email", "mobile", "totp"}
	deviceAuthOptional          = []string{"whatsApp", "fido2", "oathToken", "desktop", "yubikey"}
	offlineDeviceMethods        = []string{"sms", "voice", "email", "whatsApp"}
)

var deviceAuthPolicyKind = &kind{
	name:    "device authentication policy",
	idParam: "deviceAuthenticationPolicyID",
	list:    listSpec{embedded: "deviceAuthenticationPolicies"},
	fields: map[string]field{
		"name":    {typ: tString, required: true, maxLen: 256},
		"default": {typ: tBool},
		// The five method objects are required: prepare reports every
		// missing one (checkFields would stop at the first).
		"sms":                   {typ: tObject},
		"voice":                 {typ: tObject},
		"email":                 {typ: tObject},
		"mobile":                {typ: tObject},
		"totp":                  {typ: tObject},
		"whatsApp":              {typ: tObject},
		"fido2":                 {typ: tObject},
		"oathToken":             {typ: tObject},
		"desktop":               {typ: tObject},
		"yubikey":               {typ: tObject},
		"newDeviceNotification": {typ: tString, enum: policyNewDeviceNotification},
		"authentication":        {typ: tObject},
		"ignoreUserLock":        {typ: tBool},
		"notificationsPolicy":   {typ: tRef},
		"rememberMe":            {typ: tObject},
	},
	readOnly: []string{"forSignOnPolicy"},
	prepare: func(c *call, o, old obj) *apiError {
		if e := missingDeviceMethods(o); e != nil {
			return e
		}
		if e := checkDeviceMethods(c, o); e != nil {
			return e
		}
		if e := policyUniqueName(c, "deviceAuthenticationPolicies", o, old); e != nil {
			return e
		}
		if old == nil {
			o["forSignOnPolicy"] = false
		}
		return policySingleDefault(c, "deviceAuthenticationPolicies", "device authentication policy", o, old)
	},
	beforeDelete: func(c *call, id string, o obj) *apiError {
		if d, _ := boolean(o, "default"); d {
			return errConstraint("The default device authentication policy cannot be deleted")
		}
		if n := c.s.devicesUsingPolicy(id); n > 0 {
			return errConstraint(fmt.Sprintf("The device authentication policy is used by %d MFA device(s) and cannot be deleted", n))
		}
		if n := c.s.signOnActionsUsingPolicy(id); n > 0 {
			return errConstraint(fmt.Sprintf("The device authentication policy is used by %d sign-on policy action(s) and cannot be deleted", n))
		}
		return nil
	},
}

// missingDeviceMethods reports every missing method object at once.
func missingDeviceMethods(o obj) *apiError {
	var ds []detail
	for _, m := range deviceAuthMethods {
		if v, ok := o[m]; !ok || v == nil {
			ds = append(ds, detail{Code: "REQUIRED_VALUE", Target: m, Message: m + " is required"})
		}
	}
	if len(ds) == 0 {
		return nil
	}
	return errInvalid("The request could not be completed. One or more validation errors were in the request.", ds...)
}

// checkDeviceMethods validates the method objects and the other nested
// settings of a device authentication policy.
func checkDeviceMethods(c *call, o obj) *apiError {
	period := map[string]field{"duration": {typ: tInt, required: true, min: 1, max: 100000}, "timeUnit": {typ: tString, required: true, enum: policyTimeUnits}}
	failure := map[string]field{"count": {typ: tInt, required: true, min: 1, max: 100}, "coolDown": {typ: tObject, required: true}}
	checkFailure := func(prefix string, otp obj) *apiError {
		if e := policyNested(otp, "failure", failure); e != nil {
			return policyPrefixed(e, prefix)
		}
		if f := sub(otp, "failure"); f != nil {
			if e := policyNested(f, "coolDown", period); e != nil {
				return policyPrefixed(e, prefix+".failure")
			}
		}
		return nil
	}
	for _, m := range append(slices.Clone(deviceAuthMethods), deviceAuthOptional...) {
		method := sub(o, m)
		if method == nil {
			continue
		}
		if e := checkFields(method, map[string]field{
			"enabled": {typ: tBool, required: true}, "otp": {typ: tObject},
			"pairingDisabled": {typ: tBool}, "promptForNicknameOnPairing": {typ: tBool},
		}); e != nil {
			return policyPrefixed(e, m)
		}
		otp := sub(method, "otp")
		if otp == nil {
			continue
		}
		if slices.Contains(offlineDeviceMethods, m) {
			if e := checkFields(otp, map[string]field{"otpLength": {typ: tInt, min: 6, max: 10}, "lifeTime": {typ: tObject}, "failure": {typ: tObject}}); e != nil {
				return policyPrefixed(e, m+".otp")
			}
			if e := policyNested(otp, "lifeTime", period); e != nil {
				return policyPrefixed(e, m+".otp")
			}
		}
		if e := checkFailure(m+".otp", otp); e != nil {
			return e
		}
	}
	if e := checkMobileApplications(c, sub(o, "mobile")); e != nil {
		return e
	}
	if e := policyNested(o, "authentication", map[string]field{"deviceSelection": {typ: tString, required: true, enum: policyDeviceSelections}}); e != nil {
		return e
	}
	if e := policyNested(o, "rememberMe", map[string]field{"web": {typ: tObject, required: true}}); e != nil {
		return e
	}
	if rm := sub(o, "rememberMe"); rm != nil {
		if e := policyNested(rm, "web", map[string]field{"enabled": {typ: tBool, required: true}, "lifeTime": {typ: tObject, required: true}}); e != nil {
			return policyPrefixed(e, "rememberMe")
		}
	}
	return nil
}

// checkMobileApplications checks that each application of the mobile method
// is a native application of the environment.
func checkMobileApplications(c *call, mobile obj) *apiError {
	if mobile == nil {
		return nil
	}
	if e := checkFields(mobile, map[string]field{"applications": {typ: tArray}}); e != nil {
		return policyPrefixed(e, "mobile")
	}
	apps, _ := mobile["applications"].([]any)
	for i, a := range apps {
		app, ok := a.(map[string]any)
		target := fmt.Sprintf("mobile.applications[%d]", i)
		if !ok {
			return errValue(target, target+" must be an object")
		}
		if e := checkFields(app, map[string]field{"id": {typ: tString, required: true}}); e != nil {
			return policyPrefixed(e, target)
		}
		stored := c.s.st.get(c.s.appsPath(), str(app, "id"))
		if stored == nil {
			return errValue(target+".id", "No application with id "+str(app, "id"))
		}
		if str(stored, "type") != "NATIVE_APP" {
			return errValue(target+".id", "The application "+str(app, "id")+" is not a native application")
		}
	}
	return nil
}

// prefixed names the failing members of e by their full path.
func policyPrefixed(e *apiError, prefix string) *apiError {
	for i := range e.details {
		if t := e.details[i].Target; t != "" && !strings.HasPrefix(t, prefix+".") {
			e.details[i].Target = prefix + "." + t
			e.details[i].Message = prefix + "." + e.details[i].Message
		}
	}
	return e
}

// devicesUsingPolicy counts the MFA devices of the environment's users that
// name the device authentication policy.
func (s *Server) devicesUsingPolicy(policyID string) int {
	n := 0
	for _, coll := range s.st.collsEnding(s.envPath("users")+"/", "/devices") {
		for _, d := range s.st.list(coll) {
			if refID(d, "policy") == policyID {
				n++
			}
		}
	}
	return n
}

// signOnActionsUsingPolicy counts the sign-on policy actions (MFA steps)
// that name the device authentication policy.
func (s *Server) signOnActionsUsingPolicy(policyID string) int {
	n := 0
	for _, coll := range s.st.collsEnding(s.envPath("signOnPolicies")+"/", "/actions") {
		for _, a := range s.st.list(coll) {
			if refID(a, "deviceAuthenticationPolicy") == policyID {
				n++
			}
		}
	}
	return n
}
