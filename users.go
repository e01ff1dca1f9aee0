package pingone

import (
	"context"
	"fmt"
	"io"
	"iter"
	"log/slog"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"encoding/json"

	"github.com/go-json-experiment/json/jsontext"
	"github.com/pingone-go/pingone/scim"
)

// UsersService manages an environment's users and their sub-resources.
type UsersService service

// User is a PingOne user.
//
// Custom schema attributes, and any attribute this version of the SDK does
// not know, are kept in Extra and sent back unchanged, so a user read and
// written again loses nothing. A decoded user encodes (with encoding/json
// too) to what PingOne sent: every member, zero values and nulls included,
// and a value of an unexpected JSON type as it came while its field is left
// unchanged.
type User struct {
	ID          string `json:"id,omitzero"`
	Environment Ref    `json:"environment,omitzero"`
	Username    string `json:"username,omitzero"`
	Email       string `json:"email,omitzero"`
	// EmailVerified is read-only.
	EmailVerified     bool             `json:"emailVerified,omitzero"`
	Name              UserName         `json:"name,omitzero"`
	Nickname          string           `json:"nickname,omitzero"`
	Title             string           `json:"title,omitzero"`
	PreferredLanguage string           `json:"preferredLanguage,omitzero"`
	Locale            string           `json:"locale,omitzero"`
	Timezone          string           `json:"timezone,omitzero"`
	Type              string           `json:"type,omitzero"`
	ExternalID        string           `json:"externalId,omitzero"`
	MobilePhone       string           `json:"mobilePhone,omitzero"`
	PrimaryPhone      string           `json:"primaryPhone,omitzero"`
	Address           UserAddress      `json:"address,omitzero"`
	Photo             UserPhoto        `json:"photo,omitzero"`
	Population        Ref              `json:"population,omitzero"`
	Account           UserAccount      `json:"account,omitzero"`
	IdentityProvider  UserIdentityLink `json:"identityProvider,omitzero"`
	Lifecycle         UserLifecycle    `json:"lifecycle,omitzero"`
	MFAEnabled        bool             `json:"mfaEnabled,omitzero"`
	VerifyStatus      VerifyStatus     `json:"verifyStatus,omitzero"`
	// Enabled is read-only here: change it with UsersService.SetEnabled.
	Enabled            bool           `json:"enabled,omitzero"`
	LastSignOn         UserLastSignOn `json:"lastSignOn,omitzero"`
	MemberOfGroupIDs   []string       `json:"memberOfGroupIDs,omitzero"`
	MemberOfGroupNames []string       `json:"memberOfGroupNames,omitzero"`
	CreatedAt          time.Time      `json:"createdAt,omitzero"`
	UpdatedAt          time.Time      `json:"updatedAt,omitzero"`
	Links              Links          `json:"_links,omitzero"`
	// Embedded holds the resources asked for with Expand.
	Embedded UserEmbedded `json:"_embedded,omitzero"`
	// Extra holds custom attributes and members unknown to this version.
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// UserEmbedded holds the resources PingOne embeds in a user on request.
type UserEmbedded struct {
	// Population is filled by Expand "population".
	Population Population                 `json:"population,omitzero"`
	Extra      map[string]json.RawMessage `json:",embed"`
	wire       wireMeta
}

// UserName is a user's name.
type UserName struct {
	Formatted       string                     `json:"formatted,omitzero"`
	Given           string                     `json:"given,omitzero"`
	Middle          string                     `json:"middle,omitzero"`
	Family          string                     `json:"family,omitzero"`
	HonorificPrefix string                     `json:"honorificPrefix,omitzero"`
	HonorificSuffix string                     `json:"honorificSuffix,omitzero"`
	Extra           map[string]json.RawMessage `json:",embed"`
	wire            wireMeta
}

// UserAddress is a user's postal address.
type UserAddress struct {
	StreetAddress string                     `json:"streetAddress,omitzero"`
	Locality      string                     `json:"locality,omitzero"`
	Region        string                     `json:"region,omitzero"`
	PostalCode    string                     `json:"postalCode,omitzero"`
	CountryCode   string                     `json:"countryCode,omitzero"`
	Extra         map[string]json.RawMessage `json:",embed"`
	wire          wireMeta
}

// UserPhoto links a user's picture.
type UserPhoto struct {
	Href  string                     `json:"href,omitzero"`
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// AccountStatus is the lock state of a user's account. PingOne may add
// values; unknown ones are kept as they are.
type AccountStatus string

// Known account statuses.
const (
	AccountOK     AccountStatus = "OK"
	AccountLocked AccountStatus = "LOCKED"
)

// UserAccount is a user's account state.
type UserAccount struct {
	CanAuthenticate    *bool                      `json:"canAuthenticate,omitzero"` // nil: not reported
	Status             AccountStatus              `json:"status,omitzero"`
	LockedAt           time.Time                  `json:"lockedAt,omitzero"`
	UnlockAt           time.Time                  `json:"unlockAt,omitzero"`
	SecondsUntilUnlock int                        `json:"secondsUntilUnlock,omitzero"`
	Extra              map[string]json.RawMessage `json:",embed"`
	wire               wireMeta
}

// UserAccountRequest sets a user's account state on create or update.
type UserAccountRequest struct {
	// CanAuthenticate false keeps the user from signing on.
	CanAuthenticate bool `json:"canAuthenticate"`
	// Status is AccountOK or AccountLocked.
	Status AccountStatus `json:"status"`
	// UnlockAt unlocks a locked account at that time.
	UnlockAt Optional[time.Time]        `json:"unlockAt,omitzero"`
	Extra    map[string]json.RawMessage `json:",embed"`
	wire     wireMeta
}

// UserIdentityLink is the identity provider a user authenticates with.
type UserIdentityLink struct {
	// ID is the provider's ID; empty means PingOne itself.
	ID string `json:"id,omitzero"`
	// Type is read-only, such as "PING_ONE" or "SAML".
	Type  string                     `json:"type,omitzero"`
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// LifecycleStatus is a user's lifecycle status (open set).
type LifecycleStatus string

// Known lifecycle statuses.
const (
	LifecycleAccountOK            LifecycleStatus = "ACCOUNT_OK"
	LifecycleVerificationRequired LifecycleStatus = "VERIFICATION_REQUIRED"
)

// UserLifecycle is a user's lifecycle state.
type UserLifecycle struct {
	Status                   LifecycleStatus            `json:"status,omitzero"`
	SuppressVerificationCode *bool                      `json:"suppressVerificationCode,omitzero"`
	Extra                    map[string]json.RawMessage `json:",embed"`
	wire                     wireMeta
}

// VerifyStatus is whether PingOne Verify is enabled for a user (open set).
type VerifyStatus string

// Known verify statuses.
const (
	VerifyNotInitiated VerifyStatus = "NOT_INITIATED"
	VerifyEnabled      VerifyStatus = "ENABLED"
	VerifyDisabled     VerifyStatus = "DISABLED"
)

// UserLastSignOn is when and from where a user last signed on (read-only).
type UserLastSignOn struct {
	At       time.Time                  `json:"at,omitzero"`
	RemoteIP string                     `json:"remoteIp,omitzero"`
	Extra    map[string]json.RawMessage `json:",embed"`
	wire     wireMeta
}

// ListUsersOptions filters and pages [UsersService.List].
type ListUsersOptions struct {
	// Filter is a SCIM filter. PingOne supports eq and sw on most core
	// attributes (username, email, name.given, …), ew on email, name.given
	// and name.family, sw on custom string attributes, population.id eq,
	// id eq, and memberOfGroups[id eq "…"], joined with and/or.
	Filter scim.Filter
	// Expand "population" embeds each user's population in
	// Embedded.Population.
	Expand []string
	ListOptions
}

func (o ListUsersOptions) addQuery(q url.Values) error {
	if err := filterQuery(q, o.Filter); err != nil {
		return err
	}
	if len(o.Expand) > 0 {
		q.Set("expand", strings.Join(o.Expand, ","))
	}
	return o.ListOptions.addQuery(q)
}

// List returns one page of users.
//
// PingOne: "List Users". PingOne may return fewer users than Limit even
// when more follow: use [Page.Next] or [UsersService.ListIter].
//
//pingone:operation GET /environments/{environmentID}/users
func (s *UsersService) List(ctx context.Context, opts *ListUsersOptions) (*Page[User], error) {
	return listPage[User](ctx, (*service)(s), call{op: "Users.List", route: "GET /environments/{environmentID}/users", opts: opts, key: "users"})
}

// ListIter iterates over every user, one page in memory at a time.
func (s *UsersService) ListIter(ctx context.Context, opts *ListUsersOptions) iter.Seq2[*User, error] {
	return listAll[User](ctx, (*service)(s), call{op: "Users.ListIter", route: "GET /environments/{environmentID}/users", opts: opts, key: "users"})
}

// ByUsername returns the user whose username is username (PingOne compares
// usernames case-insensitively, and so does this lookup). None is an error
// matching [ErrNotFound].
func (s *UsersService) ByUsername(ctx context.Context, username string) (*User, error) {
	all := s.ListIter(ctx, &ListUsersOptions{Filter: scim.Eq("username", username)})
	return byName("Users.ByUsername", "user", username, all, func(u *User) string {
		if strings.EqualFold(u.Username, username) {
			return username
		}
		return u.Username
	}, func(u *User) string { return u.ID })
}

// UserInclude names a read-only list that [UsersService.Get] can fill.
type UserInclude string

// The lists Get can include.
const (
	// UserIncludeGroupIDs fills User.MemberOfGroupIDs.
	UserIncludeGroupIDs UserInclude = "memberOfGroupIDs"
	// UserIncludeGroupNames fills User.MemberOfGroupNames.
	UserIncludeGroupNames UserInclude = "memberOfGroupNames"
)

// GetUserOptions asks [UsersService.Get] for more than the user itself.
type GetUserOptions struct {
	// Include fills one read-only list; PingOne takes one value per
	// request.
	Include UserInclude
	// Expand "population" embeds the user's population in
	// Embedded.Population.
	Expand []string
}

func (o GetUserOptions) addQuery(q url.Values) error {
	if o.Include != "" {
		q.Set("include", string(o.Include))
	}
	if len(o.Expand) > 0 {
		q.Set("expand", strings.Join(o.Expand, ","))
	}
	return nil
}

// Get returns one user; opts may be nil.
//
// PingOne: "Get User". MemberOfGroupIDs and MemberOfGroupNames are only
// filled when asked for with Include.
//
//pingone:operation GET /environments/{environmentID}/users/{userID}
func (s *UsersService) Get(ctx context.Context, userID string, opts *GetUserOptions) (*User, error) {
	return send[User](ctx, (*service)(s), call{op: "Users.Get", route: "GET /environments/{environmentID}/users/{userID}", ids: []string{userID}, opts: opts})
}

// CreateUserRequest is the body of [UsersService.Create].
type CreateUserRequest struct {
	// Username is required and unique in the environment (PingOne compares
	// usernames case-insensitively).
	Username string `json:"username"`
	// Email is sent when set. PingOne's schema marks it required, but an
	// environment can make it optional.
	Email string `json:"email,omitzero"`
	// Population is where the user is created; omitted, the environment's
	// default population.
	Population        Optional[Ref]           `json:"population,omitzero"`
	Name              Optional[UserName]      `json:"name,omitzero"`
	Nickname          Optional[string]        `json:"nickname,omitzero"`
	Title             Optional[string]        `json:"title,omitzero"`
	PreferredLanguage Optional[string]        `json:"preferredLanguage,omitzero"`
	Locale            Optional[string]        `json:"locale,omitzero"`
	Timezone          Optional[string]        `json:"timezone,omitzero"`
	Type              Optional[string]        `json:"type,omitzero"`
	ExternalID        Optional[string]        `json:"externalId,omitzero"`
	MobilePhone       Optional[string]        `json:"mobilePhone,omitzero"`
	PrimaryPhone      Optional[string]        `json:"primaryPhone,omitzero"`
	Address           Optional[UserAddress]   `json:"address,omitzero"`
	Photo             Optional[UserPhoto]     `json:"photo,omitzero"`
	Lifecycle         Optional[UserLifecycle] `json:"lifecycle,omitzero"`
	MFAEnabled        Optional[bool]          `json:"mfaEnabled,omitzero"`
	// Account sets the account's lock state (both its status and whether
	// the user can authenticate: PingOne needs the two together).
	Account Optional[UserAccountRequest] `json:"account,omitzero"`
	// IdentityProvider links the user to an external identity provider;
	// omitted, the user signs in with PingOne.
	IdentityProvider Optional[Ref] `json:"identityProvider,omitzero"`
	// Password, when its Value is set, is the user's initial password. The
	// user is then created with PingOne's user import content type, the only
	// create that accepts a password.
	Password InitialPassword `json:"password,omitzero"`
	// Custom holds custom schema attributes (each as its JSON), sent as
	// top-level members. A name may not repeat a member of this struct.
	Custom map[string]json.RawMessage `json:",embed"`
	wire   wireMeta
}

// InitialPassword is the password a user is created with. Its Value never
// appears in what fmt, slog or the SDK's errors print.
type InitialPassword struct {
	// Value is the cleartext password, or one already encoded (such as
	// "{SSHA512}…") when importing users.
	Value string `json:"value"`
	// ForceChange makes the user change the password at the next sign-on.
	ForceChange bool `json:"forceChange"`
	// External, instead of a Value, says that a gateway (an LDAP
	// directory, for example) holds the user's password.
	External ExternalPassword `json:"external,omitzero"`
}

// IsZero reports whether no password is set.
func (p InitialPassword) IsZero() bool {
	return p.Value == "" && !p.ForceChange && p.External.Gateway.ID == ""
}

// String returns the password's fields with the value redacted.
func (p InitialPassword) String() string { return userPasswordText(p.Value, p.ForceChange) }

// GoString is String for %#v.
func (p InitialPassword) GoString() string { return "pingone.InitialPassword" + p.String() }

// Format prints the password redacted, whatever the verb.
func (p InitialPassword) Format(f fmt.State, verb rune) {
	formatUserPassword(f, verb, p.String(), p.GoString())
}

// LogValue implements [slog.LogValuer]: the value is redacted.
func (p InitialPassword) LogValue() slog.Value { return userPasswordLogValue(p.Value, p.ForceChange) }

// MarshalJSON redacts the value for encoding/json and go-json-experiment
// alike (loggers encode with them); only the SDK's request encoder sends
// the password, to PingOne.
func (p InitialPassword) MarshalJSON() ([]byte, error) {
	return redactedPasswordJSON(p.Value, p.ForceChange), nil
}

// UnmarshalJSON reads {"value": …, "forceChange": …}.
func (p *InitialPassword) UnmarshalJSON(data []byte) error { return unmarshalWire(data, p) }

func (p *InitialPassword) encodeWire(e *wireEncoder) error {
	value := p.Value
	if !e.reveal && value != "" {
		value = redacted
	}
	return encodeWireValue(e, &passwordWire{Value: value, ForceChange: p.ForceChange, External: p.External})
}

func (p *InitialPassword) decodeWire(d *wireDecoder) error {
	var w passwordWire
	if err := decodeWireValue(d, &w); err != nil {
		return err
	}
	if w.wire.side != nil {
		d.coerced()
	}
	*p = InitialPassword{Value: w.Value, ForceChange: w.ForceChange, External: w.External}
	return nil
}

func (InitialPassword) wireSecret() {}

// passwordWire is the JSON form of a password request.
type passwordWire struct {
	Value       string           `json:"value,omitzero"`
	ForceChange bool             `json:"forceChange"`
	External    ExternalPassword `json:"external,omitzero"`
	wire        wireMeta
}

// encodePasswordWire writes a password request: the value itself only in a
// request to PingOne.
func encodePasswordWire(e *wireEncoder, value string, forceChange bool) error {
	if !e.reveal && value != "" {
		value = redacted
	}
	return encodeWireValue(e, &passwordWire{Value: value, ForceChange: forceChange})
}

// decodePasswordWire reads a password request; a member of an odd type
// makes the whole object odd (its enclosing member keeps it).
func decodePasswordWire(d *wireDecoder) (string, bool, error) {
	var w passwordWire
	if err := decodeWireValue(d, &w); err != nil {
		return "", false, err
	}
	if w.wire.side != nil {
		d.coerced()
	}
	return w.Value, w.ForceChange, nil
}

// redactedPasswordJSON is the JSON form of a password outside requests.
func redactedPasswordJSON(value string, forceChange bool) []byte {
	shown := ""
	if value != "" {
		shown = redacted
	}
	return fmt.Appendf(nil, `{"value":%q,"forceChange":%t}`, shown, forceChange)
}

const userImportContentType = "application/vnd.pingidentity.user.import+json"

// Create creates a user and returns it as PingOne stored it.
//
// PingOne: "Create User". With Password set the request is sent as
// application/vnd.pingidentity.user.import+json (PingOne takes a password
// only with that content type); without, as plain JSON.
//
//pingone:operation POST /environments/{environmentID}/users
func (s *UsersService) Create(ctx context.Context, req CreateUserRequest) (*User, error) {
	const op = "Users.Create"
	if err := requireFields(op, "Username", req.Username); err != nil {
		return nil, err
	}
	contentType := ""
	if !req.Password.IsZero() {
		if req.Password.External.Gateway.ID == "" || req.Password.Value != "" {
			if err := checkUserPassword("Password.Value", req.Password.Value); err != nil {
				return nil, argError(op, err)
			}
		}
		contentType = userImportContentType
	}
	if err := checkUserCustom(req.Custom, createUserMembers()); err != nil {
		return nil, argError(op, err)
	}
	key := nameKey(func(ctx context.Context) iter.Seq2[*User, error] {
		return s.ListIter(ctx, &ListUsersOptions{Filter: scim.Eq("username", req.Username)})
	}, strings.ToLower(req.Username), func(u *User) string { return strings.ToLower(u.Username) }, func(u *User) time.Time { return u.CreatedAt })
	return sendCreate(ctx, (*service)(s), call{op: op, route: "POST /environments/{environmentID}/users", body: req, contentType: contentType}, key)
}

// UpdateUserRequest is the body of [UsersService.Update], a PATCH: a field
// left zero is not sent and stays as it is; [Null] clears it (and a custom
// attribute set to the raw JSON null). Name and
// Address send only their non-empty parts, and PingOne does not document
// whether the parts left out are kept (pingonetest keeps them): to be sure,
// send the whole object, as read with [UsersService.Get] and changed.
type UpdateUserRequest struct {
	Username          Optional[string]      `json:"username,omitzero"`
	Email             Optional[string]      `json:"email,omitzero"`
	Name              Optional[UserName]    `json:"name,omitzero"`
	Nickname          Optional[string]      `json:"nickname,omitzero"`
	Title             Optional[string]      `json:"title,omitzero"`
	PreferredLanguage Optional[string]      `json:"preferredLanguage,omitzero"`
	Locale            Optional[string]      `json:"locale,omitzero"`
	Timezone          Optional[string]      `json:"timezone,omitzero"`
	Type              Optional[string]      `json:"type,omitzero"`
	ExternalID        Optional[string]      `json:"externalId,omitzero"`
	MobilePhone       Optional[string]      `json:"mobilePhone,omitzero"`
	PrimaryPhone      Optional[string]      `json:"primaryPhone,omitzero"`
	Address           Optional[UserAddress] `json:"address,omitzero"`
	Photo             Optional[UserPhoto]   `json:"photo,omitzero"`
	// Lifecycle sets the lifecycle status (and whether PingOne sends the
	// verification code when it becomes VERIFICATION_REQUIRED).
	Lifecycle Optional[UserLifecycle] `json:"lifecycle,omitzero"`
	// Account sets the account's lock state.
	Account Optional[UserAccountRequest] `json:"account,omitzero"`
	// Custom sets custom schema attributes to their JSON, or clears them
	// with json.RawMessage("null"); they are sent as top-level members.
	// Multi-valued attributes are replaced whole.
	Custom map[string]json.RawMessage `json:",embed"`
	wire   wireMeta
}

// Update changes the attributes req sets (a PATCH) and returns the user.
//
// PingOne: "Update User". Omitted attributes are left alone, null clears an
// attribute, and a multi-valued attribute is replaced whole. Enabled,
// password and population have their own calls ([UsersService.SetEnabled],
// [UsersService.SetPassword], [UsersService.SetPopulation]).
//
//pingone:operation PATCH /environments/{environmentID}/users/{userID}
func (s *UsersService) Update(ctx context.Context, userID string, req UpdateUserRequest) (*User, error) {
	if err := checkUserCustom(req.Custom, updateUserMembers()); err != nil {
		return nil, argError("Users.Update", err)
	}
	return send[User](ctx, (*service)(s), call{op: "Users.Update", route: "PATCH /environments/{environmentID}/users/{userID}", ids: []string{userID}, body: req})
}

// Delete deletes a user, with its role assignments and group memberships.
//
// PingOne: "Delete User".
//
//pingone:operation DELETE /environments/{environmentID}/users/{userID}
func (s *UsersService) Delete(ctx context.Context, userID string) error {
	return sendNoContent(ctx, (*service)(s), call{op: "Users.Delete", route: "DELETE /environments/{environmentID}/users/{userID}", ids: []string{userID}})
}

// ---- request checks ----

// checkUserPassword refuses an empty or non-UTF-8 password before it is sent.
// The error never holds the value.
func checkUserPassword(name, value string) error {
	if value == "" {
		return &ArgumentError{Name: name, Problem: "is required"}
	}
	if !utf8.ValidString(value) {
		return &ArgumentError{Name: name, Problem: "is not valid UTF-8"}
	}
	return nil
}

// checkUserCustom refuses custom attributes that would collide with a
// member the request already has (or smuggle in a password), and values
// that are not JSON.
func checkUserCustom(custom map[string]json.RawMessage, members map[string]bool) error {
	for name, v := range custom {
		arg := `Custom["` + name + `"]`
		switch {
		case name == "":
			return &ArgumentError{Name: "Custom", Problem: "has an empty attribute name"}
		case members[name] || strings.HasPrefix(name, "_"):
			return &ArgumentError{Name: arg, Problem: "repeats a core user attribute: use its field"}
		case !jsontext.Value(v).IsValid():
			return &ArgumentError{Name: arg, Problem: "is not valid JSON"}
		}
	}
	return nil
}

var (
	createUserMembers = sync.OnceValue(func() map[string]bool { return userRequestMembers(reflect.TypeFor[CreateUserRequest]()) })
	updateUserMembers = sync.OnceValue(func() map[string]bool {
		m := userRequestMembers(reflect.TypeFor[UpdateUserRequest]())
		m["password"] = true // set with SetPassword
		return m
	})
)

// userRequestMembers returns the JSON member names of a request struct's
// fields.
func userRequestMembers(t reflect.Type) map[string]bool {
	out := map[string]bool{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name != "" && name != "-" {
			out[name] = true
		}
	}
	return out
}

// ---- redaction ----

// userPasswordText, formatUserPassword and userPasswordLogValue print a
// password request without its value.
func userPasswordText(value string, forceChange bool) string {
	v := "<empty>"
	if value != "" {
		v = "<redacted>"
	}
	return fmt.Sprintf("{Value:%s ForceChange:%t}", v, forceChange)
}

func formatUserPassword(f fmt.State, verb rune, s, gs string) {
	if verb == 'v' && f.Flag('#') {
		_, _ = io.WriteString(f, gs)
		return
	}
	_, _ = io.WriteString(f, s)
}

func userPasswordLogValue(value string, forceChange bool) slog.Value {
	v := "<empty>"
	if value != "" {
		v = "<redacted>"
	}
	return slog.GroupValue(slog.String("value", v), slog.Bool("forceChange", forceChange))
}
