package actions

import (
	"encoding/json"
	"maps"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/google/jsonschema-go/jsonschema"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/scim"
)

// This file holds the parts of inputs that are this package's own: IDs,
// query options and the small bodies of PingOne's singletons. The bodies
// of creates and updates are the SDK's request types.

// id is a resource ID in an input: a non-empty string.
type id string

// paging is a list's page size and cursor.
type paging struct {
	Limit  int    `json:"limit,omitzero"`
	Cursor string `json:"cursor,omitzero"`
}

func (p paging) opts() pingone.ListOptions {
	return pingone.ListOptions{Limit: p.Limit, StartFrom: p.Cursor}
}

func (p paging) cursor() string { return p.Cursor }

// checkCursor refuses a cursor that is not a link to the client's API
// host (cursors are the next links PingOne gave): the SDK would not follow
// it.
func checkCursor(cursor, apiURL string) string {
	u, err := url.Parse(cursor)
	if err != nil || !u.IsAbs() {
		return "is not a cursor (the next_cursor of a page)"
	}
	api, err := url.Parse(apiURL)
	if err != nil || !strings.EqualFold(u.Host, api.Host) {
		return "is the cursor of another PingOne host"
	}
	return ""
}

// filter is a SCIM filter in an input, parsed when the input is decoded:
// a filter that does not parse is refused before any request.
type filter struct{ f scim.Filter }

func (f *filter) UnmarshalJSON(data []byte) error {
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return err
	}
	parsed, err := scim.Parse(s)
	if err != nil {
		return err
	}
	f.f = parsed
	return nil
}

func (filter) schemaOf() *jsonschema.Schema {
	return &jsonschema.Schema{Type: "string"}
}

// idBody is the body of PingOne's calls that name one resource: {"id": …}.
type idBody struct {
	ID id `json:"id"`
}

// schemaAdjuster is an input type that adds to its derived schema what
// its fields cannot say.
type schemaAdjuster interface{ adjustSchema(s *jsonschema.Schema) }

// schemaOfer is a type of this package whose schema it gives itself.
type schemaOfer interface{ schemaOf() *jsonschema.Schema }

// bodyVia is a request body of type Req read through the resource type Res
// it creates: while a request type cannot decode JSON itself (before its
// family moved to the SDK's codec), the resource is decoded and its
// Request method gives the request. Its schema is Req's.
type bodyVia[Req, Res any, PRes interface {
	*Res
	Request() Req
}] struct{ v Req }

func (b *bodyVia[Req, Res, PRes]) UnmarshalJSON(data []byte) error {
	if selfDecoding(reflect.TypeFor[Req]()) {
		return decodeJSON(data, &b.v)
	}
	res := new(Res)
	if err := decodeJSON(data, res); err != nil {
		return err
	}
	b.v = PRes(res).Request()
	// The resource has no place for what only a request holds (a secret):
	// refuse a member that would be lost rather than drop it.
	sent, err := encodeJSON(b.v)
	if err != nil {
		return err
	}
	var in, out map[string]json.RawMessage
	if json.Unmarshal(data, &in) != nil || json.Unmarshal(sent, &out) != nil {
		return nil
	}
	for _, name := range slices.Sorted(maps.Keys(in)) {
		if _, ok := out[name]; !ok {
			return &unsupportedMember{name: name}
		}
	}
	return nil
}

// unsupportedMember is a body member this version cannot send.
type unsupportedMember struct{ name string }

func (e *unsupportedMember) Error() string {
	return "cannot be sent by this version of the SDK"
}

func (bodyVia[Req, Res, PRes]) schemaType() reflect.Type   { return reflect.TypeFor[Req]() }
func (bodyVia[Req, Res, PRes]) resourceType() reflect.Type { return reflect.TypeFor[Res]() }

// resourceTyper is a body read through a resource, which names the
// request's members that have no JSON name of their own.
type resourceTyper interface{ resourceType() reflect.Type }

// schemaTyper is a type of this package whose schema is another type's.
type schemaTyper interface{ schemaType() reflect.Type }

// Descriptions of the input members that are not in the body.
var memberDescriptions = map[string]string{
	"filter":  `A SCIM filter, such as name sw "Eng" (see the action's description for the attributes PingOne filters on); it is parsed before anything is sent.`,
	"limit":   "The most items a page holds (PingOne may return fewer).",
	"cursor":  "The next_cursor of the page before, to read the next page.",
	"body":    "The request body, as PingOne takes it.",
	"expand":  "Related resources to embed in the answer (see the action's description).",
	"include": "Read-only data to add to the answer (see the action's description).",
}

// idNames are the resources whose IDs the inputs name differently from
// their path parameter.
var idNames = map[string]string{
	"nestedGroupID":       "the parent group",
	"sopAssignmentID":     "the sign-on policy assignment",
	"providerID":          "the identity provider",
	"attrMappingID":       "the attribute mapping",
	"customRoleID":        "the custom role",
	"roleID":              "the system role",
	"policyID":            "the sign-on policy",
	"deviceID":            "the MFA device",
	"grantID":             "the grant",
	"providerAttributeID": "the identity provider attribute",
}

// describeInput describes the input's top-level members and bounds the
// page size.
func describeInput(s *jsonschema.Schema) {
	for name, p := range s.Properties {
		if p.Description != "" {
			continue
		}
		if d, ok := memberDescriptions[name]; ok {
			p.Description = d
		} else if strings.HasSuffix(name, "ID") {
			what, ok := idNames[name]
			if !ok {
				what = "the " + words(strings.TrimSuffix(name, "ID"))
			}
			p.Description = "The ID of " + what + "."
		}
		if name == "limit" {
			p.Minimum, p.Maximum = jsonschema.Ptr(1.0), jsonschema.Ptr(1000.0)
		}
	}
}

// words splits a lowerCamel name into lower-case words.
func words(s string) string {
	var b strings.Builder
	for i, r := range s {
		if unicode.IsUpper(r) && i > 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// Bodies of PingOne's singletons, as PingOne takes them.
type (
	enabledBody struct {
		Enabled bool `json:"enabled"`
	}
	verifyStatusBody struct {
		VerifyStatus pingone.VerifyStatus `json:"verifyStatus"`
	}
	mfaEnabledBody struct {
		MFAEnabled bool `json:"mfaEnabled"`
	}
	nicknameBody struct {
		Nickname string `json:"nickname"`
	}
	// userIdentityProviderBody links a user to an identity provider; with
	// no ID, back to PingOne.
	userIdentityProviderBody struct {
		IdentityProvider struct {
			ID string `json:"id,omitzero"`
		} `json:"identityProvider,omitzero"`
	}
	// rotateSecretBody keeps the previous secret working until expiresAt.
	rotateSecretBody struct {
		Previous struct {
			ExpiresAt time.Time `json:"expiresAt"`
		} `json:"previous,omitzero"`
	}
)

// Expand and include options that take one value.
type (
	expandGroup      string
	expandAttributes string
	includeCounts    string
)

func (expandGroup) schemaOf() *jsonschema.Schema      { return word("group") }
func (expandAttributes) schemaOf() *jsonschema.Schema { return word("attributes") }
func (includeCounts) schemaOf() *jsonschema.Schema    { return word("totalMemberCounts") }

func word(w string) *jsonschema.Schema {
	return &jsonschema.Schema{Type: "string", Enum: []any{w}}
}
