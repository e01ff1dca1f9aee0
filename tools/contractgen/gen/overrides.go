package gen

import (
	"errors"
	"slices"
)

// This file holds every fact the generator adds to or corrects in the specs.
// Each entry carries a one-line reason. Facts come from actions.tsv and
// NOTES.md in the spec directory; nothing here is copied prose.

const (
	userInfoAction = "Get Current User Info"
	userInfoPath   = "/{environmentID}/as/userinfo"
)

// stubOp lists the generator schemas of an operation the spec holds only as a
// stub (no operationId, empty schemas) or does not hold at all.
type stubOp struct {
	request    string // generator schema of the request body ("" = no body)
	response   string // generator schema of the success body ("" = none)
	collection string // generator schema of the items of a HAL collection response
}

var stubOps = map[string]stubOp{
	"Get User Password Metadata":      {response: "PasswordState"},
	"Set User Password":               {request: "SetPasswordRequest", response: "PasswordState"},
	"Get User Identity Provider":      {response: "UserIdentityProvider"},
	"Update User Identity Provider":   {request: "UserIdentityProviderUpdate", response: "UserIdentityProvider"},
	"Get User Verify Status":          {response: "UserVerifyStatus"},
	"Update User Verify Status":       {request: "UserVerifyStatus", response: "UserVerifyStatus"},
	"Get User Activities":             {collection: "UserActivity"},
	"List User MFA Devices":           {collection: "MFADevice"},
	"Pair User MFA Device":            {request: "MFADevicePairing", response: "MFADevice"},
	"Get User MFA Device":             {response: "MFADevice"},
	"Delete User MFA Device":          {},
	"Update User MFA Device Nickname": {request: "MFADeviceNickname", response: "MFADevice"},
	userInfoAction:                    {response: "UserInfo"},
}

func ref(name string) obj { return schemaRef(name) }

func str() obj                  { return obj{"type": "string"} }
func boolean() obj              { return obj{"type": "boolean"} }
func integer() obj              { return obj{"type": "integer"} }
func dateTime() obj             { return obj{"type": "string", "format": "date-time"} }
func enum(values ...string) obj { return obj{"type": "string", "enum": toAny(values)} }
func object(props obj, required ...string) obj {
	o := obj{"type": "object", "properties": props}
	if len(required) > 0 {
		o["required"] = toAny(required)
	}
	return o
}

func toAny(values []string) []any {
	out := make([]any, len(values))
	for i, v := range values {
		out[i] = v
	}
	return out
}

func idObject() obj { return object(obj{"id": str()}) }

// generatorSchemas are written here from the facts in NOTES.md (g) and
// actions.tsv. References name components of the management spec.
var generatorSchemas = map[string]obj{
	// Password state of a user (GET/PUT /users/{userID}/password).
	"PasswordState": object(obj{
		"_links":             ref("LinksHATEOAS"),
		"environment":        ref("ObjectEnvironment"),
		"user":               idObject(),
		"passwordPolicy":     idObject(),
		"status":             enum("OK", "NO_PASSWORD", "PASSWORD_EXPIRED", "PASSWORD_LOCKED_OUT", "MUST_CHANGE_PASSWORD", "EXTERNAL"),
		"lastChangedAt":      dateTime(),
		"secondsUntilUnlock": integer(),
		"failuresRemaining":  integer(),
		"external": object(obj{
			"gateway": object(obj{"id": str(), "type": str()}),
		}),
	}, "status"),
	// Body of PUT /users/{userID}/password (password.set content type).
	"SetPasswordRequest": object(obj{
		"value":       str(),
		"forceChange": boolean(),
	}, "value"),
	// The user's linked identity provider.
	"UserIdentityProvider": object(obj{
		"_links":           ref("LinksHATEOAS"),
		"identityProvider": object(obj{"id": str(), "type": str()}),
	}),
	// Body of PUT /users/{userID}/identityProvider (shape per the spec's request example).
	"UserIdentityProviderUpdate": object(obj{
		"identityProvider": object(obj{"id": str()}),
	}),
	// The user's ID-verification status (request and response).
	"UserVerifyStatus": object(obj{
		"_links":       ref("LinksHATEOAS"),
		"verifyStatus": ref("EnumUserVerifyStatus"),
	}, "verifyStatus"),
	// One period of the user-activities report.
	"UserActivity": object(obj{
		"environment":    ref("ObjectEnvironment"),
		"startDate":      str(),
		"endDate":        str(),
		"userSignOns":    object(obj{"successes": integer(), "failures": integer()}),
		"passwordResets": integer(),
	}),
	// An MFA device of a user; type is an open set.
	"MFADevice": object(obj{
		"_links":      ref("LinksHATEOAS"),
		"id":          str(),
		"environment": ref("ObjectEnvironment"),
		"user":        idObject(),
		"type":        str(),
		"status":      enum("ACTIVE", "ACTIVATION_REQUIRED"),
		"nickname":    str(),
		"createdAt":   dateTime(),
		"updatedAt":   dateTime(),
		"email":       str(),
		"phone":       str(),
		"lock":        object(obj{"status": str(), "expiresAt": dateTime()}),
		"block":       object(obj{"status": str(), "blockedAt": dateTime()}),
		"policy":      object(obj{"id": str(), "type": str()}),
	}, "id", "type"),
	// Body of POST /users/{userID}/devices (pairing, plain application/json).
	"MFADevicePairing": object(obj{
		"type":     str(),
		"email":    str(),
		"phone":    str(),
		"nickname": str(),
		"status":   enum("ACTIVE", "ACTIVATION_REQUIRED"),
		"policy":   object(obj{"id": str()}, "id"),
	}, "type"),
	// Body of PUT /users/{userID}/devices/{deviceID}/nickname.
	"MFADeviceNickname": object(obj{
		"nickname": str(),
	}, "nickname"),
	// OIDC userinfo claims (auth host); updated_at is epoch seconds.
	"UserInfo": object(obj{
		"sub":                   str(),
		"name":                  str(),
		"given_name":            str(),
		"family_name":           str(),
		"middle_name":           str(),
		"nickname":              str(),
		"preferred_username":    str(),
		"profile":               str(),
		"picture":               str(),
		"website":               str(),
		"email":                 str(),
		"email_verified":        boolean(),
		"gender":                str(),
		"birthdate":             str(),
		"zoneinfo":              str(),
		"locale":                str(),
		"phone_number":          str(),
		"phone_number_verified": boolean(),
		"address": object(obj{
			"formatted":      str(),
			"street_address": str(),
			"locality":       str(),
			"region":         str(),
			"postal_code":    str(),
			"country":        str(),
		}),
		"updated_at": integer(),
	}, "sub"),
}

// statusCorrections lists success statuses accepted besides the one in
// actions.tsv. The generator fails when the spec declares a success status that
// is neither in actions.tsv nor here.
var statusCorrections = map[string][]int{
	// Spec declares 200; PingOne answers 201 like every other create: allow both.
	"Create Identity Provider": {200},
	// Spec declares both 200 and 201.
	"Create Device Authentication Policy": {200},
	// Stub op declares 200; creates answer 201: allow both.
	"Pair User MFA Device": {200},
}

// requestOverrides replaces the request body of an operation by one schema
// under the action's content type.
var requestOverrides = map[string]struct{ schema string }{
	// Spec's body is oneOf(policy, FIDO2 migration) under two content types; the
	// migration type is a different operation: create takes the policy as JSON.
	"Create Device Authentication Policy": {schema: "DeviceAuthenticationPolicy"},
	// PATCH is a partial merge: the User schema's required list does not apply.
	"Update User": {schema: "derived:UserPatch"},
}

// responseOverrides replaces the success response schema of an operation.
var responseOverrides = map[string]string{
	// Spec answers oneOf(policy, EntityArray); a create returns the policy.
	"Create Device Authentication Policy": "DeviceAuthenticationPolicy",
}

// optionalBodies are operations whose request body may be omitted.
var optionalBodies = map[string]bool{
	// Optional body {previous:{expiresAt}} keeps the old secret valid.
	"Generate Application Secret": true,
	// An empty body resets the user's identity provider to PingOne.
	"Update User Identity Provider": true,
}

// collectionItems narrows the items of a collection whose _embedded key the
// spec shares between several resource types (a union) to this endpoint's type.
var collectionItems = map[string]string{
	"List Application Attributes":       "ApplicationAttributeMapping",
	"List Identity Provider Attributes": "IdentityProviderAttribute",
	"List System Roles":                 "Role",
	"List Custom Roles":                 "CustomAdminRole",
}

type schemaPatch struct {
	schema string
	what   string
	apply  func(obj) error
}

// schemaPatches correct spec schemas where NOTES.md documents the spec as
// wrong in practice.
var schemaPatches = []schemaPatch{
	// email is marked required but is optional in practice (NOTES h10).
	{"User", "email not required", func(s obj) error { return removeRequired(s, "email") }},
	// forSignOnPolicy is marked both required and read-only (NOTES h10).
	{"DeviceAuthenticationPolicyCommon", "forSignOnPolicy not required", func(s obj) error { return removeRequired(s, "forSignOnPolicy") }},
	// The enum holds the typo SHA512eithEDCSA; accept the real name too (NOTES h9).
	{"EnumIdentityProviderSAMLSigningAlgorithm", "SHA512withECDSA allowed", func(s obj) error {
		values, _ := s["enum"].([]any)
		if !slices.Contains(values, any("SHA512eithEDCSA")) {
			return errors.New("typo value not found: drop this patch")
		}
		s["enum"] = append(values, "SHA512withECDSA")
		return nil
	}},
	// IdP secrets are write-only: PingOne omits them on read (NOTES h17), so
	// they cannot be required of a response; the SDK's typed create
	// requests still require them.
	{"IdentityProviderFacebook", "appSecret write-only", func(s obj) error { return removeRequiredInAllOf(s, "appSecret") }},
	{"IdentityProviderClientIDClientSecret", "clientSecret write-only", func(s obj) error { return removeRequiredInAllOf(s, "clientSecret") }},
	{"IdentityProviderOIDC", "clientSecret write-only", func(s obj) error { return removeRequiredInAllOf(s, "clientSecret") }},
	{"IdentityProviderApple", "clientSecretSigningKey write-only", func(s obj) error { return removeRequiredInAllOf(s, "clientSecretSigningKey") }},
	{"IdentityProviderPaypal", "clientSecret write-only", func(s obj) error { return removeRequiredInAllOf(s, "clientSecret") }},
	// X.509 serial numbers are up to 20 octets; int64 rejects real ones.
	{"Certificate", "serialNumber any size", func(s obj) error {
		props, _ := s["properties"].(obj)
		sn, _ := props["serialNumber"].(obj)
		if sn["format"] != "int64" {
			return errors.New("serialNumber is no longer int64: drop this patch")
		}
		delete(sn, "format")
		return nil
	}},
	// The pattern rejects valid IANA names (America/Argentina/Buenos_Aires, UTC).
	{"User", "timezone pattern dropped", func(s obj) error {
		props, _ := s["properties"].(obj)
		tz, _ := props["timezone"].(obj)
		if _, ok := tz["pattern"]; !ok {
			return errors.New("timezone pattern not found: drop this patch")
		}
		delete(tz, "pattern")
		return nil
	}},
	// Every error body carries id, code and message (NOTES c); the spec lists none as required.
	{"P1Error", "id, code, message required", func(s obj) error {
		if _, ok := s["required"]; ok {
			return errors.New("spec now declares required fields: review this patch")
		}
		s["required"] = toAny([]string{"id", "code", "message"})
		return nil
	}},
}

type derivedSchema struct {
	name, from string
	apply      func(obj) error
}

// derivedSchemas are components built from a (patched) spec component.
var derivedSchemas = []derivedSchema{
	// PATCH body: any subset of User; null unsets an attribute (NOTES h6).
	{"UserPatch", "User", func(s obj) error {
		delete(s, "required")
		props, ok := s["properties"].(obj)
		if !ok {
			return errors.New("no properties")
		}
		for name, p := range props {
			ps, ok := p.(obj)
			if !ok {
				continue
			}
			if _, isRef := ps["$ref"]; isRef {
				props[name] = obj{"allOf": []any{ps}, "nullable": true}
			} else {
				ps["nullable"] = true
			}
		}
		return nil
	}},
}

// removeRequiredInAllOf removes names from the required list of the inline
// member of an allOf schema.
func removeRequiredInAllOf(s obj, names ...string) error {
	all, _ := s["allOf"].([]any)
	for _, m := range all {
		ms, ok := m.(obj)
		if !ok {
			continue
		}
		if _, ok := ms["required"]; ok {
			return removeRequired(ms, names...)
		}
	}
	return errors.New("no inline allOf member with required fields")
}
