package pingone

import (
	"context"
	"fmt"
	"iter"
	"log/slog"
	"net/url"
	"time"

	"encoding/json"
	"github.com/pingone-go/pingone/scim"
)

// The user sub-resources: enabled state, password, population, identity
// provider link, verify status, role assignments, and the environment's
// user activity report.

// ---- enabled ----

// UserEnabled is whether a user may sign on.
type UserEnabled struct {
	Enabled bool                       `json:"enabled"`
	Links   Links                      `json:"_links,omitzero"`
	Extra   map[string]json.RawMessage `json:",embed"`

	wire wireMeta
}

// GetEnabled reports whether the user may sign on.
//
// PingOne: "Get User Enabled Status".
//
//pingone:operation GET /environments/{environmentID}/users/{userID}/enabled
func (s *UsersService) GetEnabled(ctx context.Context, userID string) (*UserEnabled, error) {
	return send[UserEnabled](ctx, (*service)(s), call{op: "Users.GetEnabled", route: "GET /environments/{environmentID}/users/{userID}/enabled", ids: []string{userID}})
}

// SetEnabled enables or disables the user and returns the state PingOne
// answered. A disabled user cannot sign on; the user's data is kept.
//
// PingOne: "Update User Enabled Status".
//
//pingone:operation PUT /environments/{environmentID}/users/{userID}/enabled
func (s *UsersService) SetEnabled(ctx context.Context, userID string, enabled bool) (*UserEnabled, error) {
	return send[UserEnabled](ctx, (*service)(s), call{op: "Users.SetEnabled", route: "PUT /environments/{environmentID}/users/{userID}/enabled", ids: []string{userID}, body: UserEnabled{Enabled: enabled}})
}

// ---- password ----

// PasswordStatus is the state of a user's password. PingOne may add
// values; unknown ones are kept as they are.
type PasswordStatus string

// Known password statuses.
const (
	PasswordOK         PasswordStatus = "OK"
	PasswordNone       PasswordStatus = "NO_PASSWORD"
	PasswordExpired    PasswordStatus = "PASSWORD_EXPIRED"
	PasswordLockedOut  PasswordStatus = "PASSWORD_LOCKED_OUT"
	PasswordMustChange PasswordStatus = "MUST_CHANGE_PASSWORD"
	PasswordExternal   PasswordStatus = "EXTERNAL"
)

// PasswordState describes a user's password, never the password itself.
type PasswordState struct {
	Environment Ref `json:"environment,omitzero"`
	User        Ref `json:"user,omitzero"`
	// PasswordPolicy is the policy that applies to the user.
	PasswordPolicy Ref            `json:"passwordPolicy,omitzero"`
	Status         PasswordStatus `json:"status,omitzero"`
	// LastChangedAt is zero when the user has no password.
	LastChangedAt time.Time `json:"lastChangedAt,omitzero"`
	// SecondsUntilUnlock is set while a locked-out password unlocks by
	// itself; nil while locked out means an administrator must unlock it.
	SecondsUntilUnlock *int `json:"secondsUntilUnlock,omitzero"`
	// FailuresRemaining is the number of failed sign-ons left before a
	// lockout; nil when PingOne does not say.
	FailuresRemaining *int                       `json:"failuresRemaining,omitzero"`
	External          ExternalPassword           `json:"external,omitzero"`
	Links             Links                      `json:"_links,omitzero"`
	Extra             map[string]json.RawMessage `json:",embed"`

	wire wireMeta
}

// ExternalPassword names the gateway that holds the password of a user whose
// Status is PasswordExternal.
type ExternalPassword struct {
	Gateway PasswordGateway            `json:"gateway,omitzero"`
	Extra   map[string]json.RawMessage `json:",embed"`

	wire wireMeta
}

// PasswordGateway is a PingOne gateway (an LDAP gateway, for example).
type PasswordGateway struct {
	ID   string      `json:"id,omitzero"`
	Type GatewayType `json:"type,omitzero"`
	// UserType is the gateway's user type the user belongs to.
	UserType Ref `json:"userType,omitzero"`
	// CorrelationAttributes map the gateway's attributes to the user's.
	CorrelationAttributes json.RawMessage            `json:"correlationAttributes,omitzero"`
	Extra                 map[string]json.RawMessage `json:",embed"`

	wire wireMeta
}

// GatewayType is the kind of a PingOne gateway. PingOne may add kinds;
// unknown ones are kept.
type GatewayType string

// The gateway types.
const (
	GatewayLDAP                  GatewayType = "LDAP"
	GatewayPingFederate          GatewayType = "PING_FEDERATE"
	GatewayPingIntelligence      GatewayType = "PING_INTELLIGENCE"
	GatewayAPIGatewayIntegration GatewayType = "API_GATEWAY_INTEGRATION"
	GatewayRADIUS                GatewayType = "RADIUS"
)

// GetPassword returns the state of the user's password.
//
// PingOne: "Get User Password Metadata".
//
//pingone:operation GET /environments/{environmentID}/users/{userID}/password
func (s *UsersService) GetPassword(ctx context.Context, userID string) (*PasswordState, error) {
	return send[PasswordState](ctx, (*service)(s), call{op: "Users.GetPassword", route: "GET /environments/{environmentID}/users/{userID}/password", ids: []string{userID}})
}

// SetPasswordRequest is the body of [UsersService.SetPassword]. Its Value
// never appears in what fmt, slog or the SDK's errors print.
type SetPasswordRequest struct {
	// Value is the new password, in cleartext or already encoded (such as
	// "{SSHA512}…"). It must satisfy the user's password policy.
	Value string `json:"value"`
	// ForceChange makes the user change the password at the next sign-on
	// (the status becomes MUST_CHANGE_PASSWORD).
	ForceChange bool `json:"forceChange"`
}

// String returns the request's fields with the value redacted.
func (r SetPasswordRequest) String() string { return userPasswordText(r.Value, r.ForceChange) }

// GoString is String for %#v.
func (r SetPasswordRequest) GoString() string { return "pingone.SetPasswordRequest" + r.String() }

// Format prints the request redacted, whatever the verb.
func (r SetPasswordRequest) Format(f fmt.State, verb rune) {
	formatUserPassword(f, verb, r.String(), r.GoString())
}

// MarshalJSON redacts the value, as for [InitialPassword].
func (r SetPasswordRequest) MarshalJSON() ([]byte, error) {
	return redactedPasswordJSON(r.Value, r.ForceChange), nil
}

// UnmarshalJSON reads {"value": …, "forceChange": …}.
func (r *SetPasswordRequest) UnmarshalJSON(data []byte) error { return unmarshalWire(data, r) }

// encodeWire sends the value itself only in a request to PingOne.
func (r *SetPasswordRequest) encodeWire(e *wireEncoder) error {
	return encodePasswordWire(e, r.Value, r.ForceChange)
}

func (r *SetPasswordRequest) decodeWire(d *wireDecoder) error {
	var err error
	r.Value, r.ForceChange, err = decodePasswordWire(d)
	return err
}

func (SetPasswordRequest) wireSecret() {}

// LogValue implements [slog.LogValuer]: the value is redacted.
func (r SetPasswordRequest) LogValue() slog.Value {
	return userPasswordLogValue(r.Value, r.ForceChange)
}

const userPasswordSetContentType = "application/vnd.pingidentity.password.set+json"

// SetPassword sets the user's password as an administrator and returns the
// new password state.
//
// PingOne: "Set User Password". Sent as
// application/vnd.pingidentity.password.set+json: the same URL does other
// password operations under other content types.
//
//pingone:operation PUT /environments/{environmentID}/users/{userID}/password
func (s *UsersService) SetPassword(ctx context.Context, userID string, req SetPasswordRequest) (*PasswordState, error) {
	if err := checkUserPassword("Value", req.Value); err != nil {
		return nil, argError("Users.SetPassword", err)
	}
	return send[PasswordState](ctx, (*service)(s), call{op: "Users.SetPassword", route: "PUT /environments/{environmentID}/users/{userID}/password", ids: []string{userID}, body: req, contentType: userPasswordSetContentType})
}

// ---- population ----

// UserPopulation is the population a user belongs to.
type UserPopulation struct {
	// ID is the population's ID.
	ID    string                     `json:"id"`
	Links Links                      `json:"_links,omitzero"`
	Extra map[string]json.RawMessage `json:",embed"`

	wire wireMeta
}

// GetPopulation returns the user's population.
//
// PingOne: "Get User Population".
//
//pingone:operation GET /environments/{environmentID}/users/{userID}/population
func (s *UsersService) GetPopulation(ctx context.Context, userID string) (*UserPopulation, error) {
	return send[UserPopulation](ctx, (*service)(s), call{op: "Users.GetPopulation", route: "GET /environments/{environmentID}/users/{userID}/population", ids: []string{userID}})
}

// SetPopulation moves the user to another population and returns the
// population PingOne answered. PingOne removes the user from the groups of
// the population it leaves.
//
// PingOne: "Update User Population".
//
//pingone:operation PUT /environments/{environmentID}/users/{userID}/population
func (s *UsersService) SetPopulation(ctx context.Context, userID, populationID string) (*UserPopulation, error) {
	if err := requireFields("Users.SetPopulation", "populationID", populationID); err != nil {
		return nil, err
	}
	return send[UserPopulation](ctx, (*service)(s), call{op: "Users.SetPopulation", route: "PUT /environments/{environmentID}/users/{userID}/population", ids: []string{userID}, body: RefTo(populationID)})
}

// ---- identity provider ----

// UserIdentityProvider is the identity provider a user signs on with.
type UserIdentityProvider struct {
	IdentityProvider UserIdentityLink           `json:"identityProvider"`
	Links            Links                      `json:"_links,omitzero"`
	Extra            map[string]json.RawMessage `json:",embed"`

	wire wireMeta
}

// setUserIdentityProvider is the body of SetIdentityProvider; an empty one
// resets the link to PingOne.
type setUserIdentityProvider struct {
	IdentityProvider Ref                        `json:"identityProvider,omitzero"`
	Extra            map[string]json.RawMessage `json:",embed"`

	wire wireMeta
}

// GetIdentityProvider returns the identity provider the user signs on with;
// an empty IdentityProvider.ID means PingOne itself.
//
// PingOne: "Get User Identity Provider".
//
//pingone:operation GET /environments/{environmentID}/users/{userID}/identityProvider
func (s *UsersService) GetIdentityProvider(ctx context.Context, userID string) (*UserIdentityProvider, error) {
	return send[UserIdentityProvider](ctx, (*service)(s), call{op: "Users.GetIdentityProvider", route: "GET /environments/{environmentID}/users/{userID}/identityProvider", ids: []string{userID}})
}

// SetIdentityProvider links the user to an external identity provider, or
// back to PingOne when identityProviderID is empty, and returns the new
// link.
//
// PingOne: "Update User Identity Provider". An empty identityProviderID
// sends an empty body, which PingOne takes as a reset to PingOne. PingOne
// refuses this call (403) when the actor is the user.
//
//pingone:operation PUT /environments/{environmentID}/users/{userID}/identityProvider
func (s *UsersService) SetIdentityProvider(ctx context.Context, userID, identityProviderID string) (*UserIdentityProvider, error) {
	var body setUserIdentityProvider
	if identityProviderID != "" {
		body.IdentityProvider = RefTo(identityProviderID)
	}
	return send[UserIdentityProvider](ctx, (*service)(s), call{op: "Users.SetIdentityProvider", route: "PUT /environments/{environmentID}/users/{userID}/identityProvider", ids: []string{userID}, body: body})
}

// ---- verify status ----

// UserVerifyStatus is whether PingOne Verify may verify a user.
type UserVerifyStatus struct {
	VerifyStatus VerifyStatus               `json:"verifyStatus"`
	Links        Links                      `json:"_links,omitzero"`
	Extra        map[string]json.RawMessage `json:",embed"`

	wire wireMeta
}

// GetVerifyStatus reports whether PingOne Verify may verify the user.
//
// PingOne: "Get User Verify Status".
//
//pingone:operation GET /environments/{environmentID}/users/{userID}/verifyStatus
func (s *UsersService) GetVerifyStatus(ctx context.Context, userID string) (*UserVerifyStatus, error) {
	return send[UserVerifyStatus](ctx, (*service)(s), call{op: "Users.GetVerifyStatus", route: "GET /environments/{environmentID}/users/{userID}/verifyStatus", ids: []string{userID}})
}

// SetVerifyStatus sets whether PingOne Verify may verify the user, and
// returns the status PingOne answered. While it is VerifyDisabled no new
// verification can start for the user.
//
// PingOne: "Update User Verify Status".
//
//pingone:operation PUT /environments/{environmentID}/users/{userID}/verifyStatus
func (s *UsersService) SetVerifyStatus(ctx context.Context, userID string, status VerifyStatus) (*UserVerifyStatus, error) {
	if err := requireFields("Users.SetVerifyStatus", "status", string(status)); err != nil {
		return nil, err
	}
	return send[UserVerifyStatus](ctx, (*service)(s), call{op: "Users.SetVerifyStatus", route: "PUT /environments/{environmentID}/users/{userID}/verifyStatus", ids: []string{userID}, body: UserVerifyStatus{VerifyStatus: status}})
}

// ---- role assignments ----

// ListRoleAssignments returns one page of the user's role assignments.
//
// PingOne: "List User Role Assignments".
//
//pingone:operation GET /environments/{environmentID}/users/{userID}/roleAssignments
func (s *UsersService) ListRoleAssignments(ctx context.Context, userID string, opts *ListOptions) (*Page[RoleAssignment], error) {
	return listPage[RoleAssignment](ctx, (*service)(s), call{op: "Users.ListRoleAssignments", route: "GET /environments/{environmentID}/users/{userID}/roleAssignments", ids: []string{userID}, opts: opts, key: "roleAssignments"})
}

// ListRoleAssignmentsIter iterates over every role assignment of the user.
func (s *UsersService) ListRoleAssignmentsIter(ctx context.Context, userID string, opts *ListOptions) iter.Seq2[*RoleAssignment, error] {
	return listAll[RoleAssignment](ctx, (*service)(s), call{op: "Users.ListRoleAssignmentsIter", route: "GET /environments/{environmentID}/users/{userID}/roleAssignments", ids: []string{userID}, opts: opts, key: "roleAssignments"})
}

// CreateRoleAssignment gives the user a role at a scope, which must be one
// of the role's ApplicableTo. With safe creates ([WithSafeCreates]), an
// assignment whose answer was lost is looked up (same role, same scope)
// before it is asked for again.
//
// PingOne: "Create User Role Assignment".
//
//pingone:operation POST /environments/{environmentID}/users/{userID}/roleAssignments
func (s *UsersService) CreateRoleAssignment(ctx context.Context, userID string, req RoleAssignmentRequest) (*RoleAssignment, error) {
	if err := requireFields("Users.CreateRoleAssignment", "Role.ID", req.Role.ID, "Scope.ID", req.Scope.ID, "Scope.Type", string(req.Scope.Type)); err != nil {
		return nil, err
	}
	key := roleAssignmentKey(func(ctx context.Context) iter.Seq2[*RoleAssignment, error] {
		return s.ListRoleAssignmentsIter(ctx, userID, nil)
	}, req)
	return sendCreate(ctx, (*service)(s), call{op: "Users.CreateRoleAssignment", route: "POST /environments/{environmentID}/users/{userID}/roleAssignments", ids: []string{userID}, body: req, assignsRole: true}, key)
}

// GetRoleAssignment returns one of the user's role assignments.
//
// PingOne: "Get User Role Assignment".
//
//pingone:operation GET /environments/{environmentID}/users/{userID}/roleAssignments/{roleAssignmentID}
func (s *UsersService) GetRoleAssignment(ctx context.Context, userID, roleAssignmentID string) (*RoleAssignment, error) {
	return send[RoleAssignment](ctx, (*service)(s), call{op: "Users.GetRoleAssignment", route: "GET /environments/{environmentID}/users/{userID}/roleAssignments/{roleAssignmentID}", ids: []string{userID, roleAssignmentID}})
}

// DeleteRoleAssignment removes a role assignment from the user. Read-only
// assignments (inherited through a group) cannot be deleted here.
//
// PingOne: "Delete User Role Assignment".
//
//pingone:operation DELETE /environments/{environmentID}/users/{userID}/roleAssignments/{roleAssignmentID}
func (s *UsersService) DeleteRoleAssignment(ctx context.Context, userID, roleAssignmentID string) error {
	return sendNoContent(ctx, (*service)(s), call{op: "Users.DeleteRoleAssignment", route: "DELETE /environments/{environmentID}/users/{userID}/roleAssignments/{roleAssignmentID}", ids: []string{userID, roleAssignmentID}})
}

// ---- activities ----

// SampleSize is the length of one bucket of the user activity report.
// PingOne may add sizes; unknown ones are sent as they are.
type SampleSize string

// The sample sizes.
const (
	SampleHour SampleSize = "HOUR"
	SampleDay  SampleSize = "DAY"
	SampleWeek SampleSize = "WEEK"
)

// ListUserActivitiesOptions selects the period of
// [UsersService.ListActivities].
type ListUserActivitiesOptions struct {
	// Start and End bound the period; set both, or neither for PingOne's
	// default (the last 30 days).
	Start, End time.Time
	// SampleSize is the bucket length; empty lets PingOne choose from the
	// period (up to 5 days: hours, up to 60 days: days, else weeks).
	SampleSize SampleSize
	ListOptions
}

func (o ListUserActivitiesOptions) addQuery(q url.Values) error {
	switch {
	case o.Start.IsZero() != o.End.IsZero():
		return &ArgumentError{Name: "Start/End", Problem: "must be set together"}
	case !o.Start.IsZero():
		if !o.End.After(o.Start) {
			return &ArgumentError{Name: "End", Problem: "must be after Start"}
		}
		if err := filterQuery(q, scim.Eq("startDate", o.Start).And(scim.Eq("endDate", o.End))); err != nil {
			return err
		}
	}
	if o.SampleSize != "" {
		q.Set("sampleSize", string(o.SampleSize))
	}
	return o.ListOptions.addQuery(q)
}

// UserActivity counts the sign-ons and password resets of one bucket.
type UserActivity struct {
	StartDate      time.Time                  `json:"startDate,omitzero"`
	EndDate        time.Time                  `json:"endDate,omitzero"`
	Environment    Ref                        `json:"environment,omitzero"`
	UserSignOns    SignOnCounts               `json:"userSignOns,omitzero"`
	PasswordResets int                        `json:"passwordResets,omitzero"`
	Extra          map[string]json.RawMessage `json:",embed"`

	wire wireMeta
}

// SignOnCounts counts successful and failed sign-ons.
type SignOnCounts struct {
	Successes int                        `json:"successes,omitzero"`
	Failures  int                        `json:"failures,omitzero"`
	Extra     map[string]json.RawMessage `json:",embed"`

	wire wireMeta
}

// ListActivities returns one page of the environment's user activity
// report: one item per bucket of the period, oldest first.
//
// PingOne: "Get User Activities". It counts against PingOne's Analytics
// rate limit group.
//
//pingone:operation GET /environments/{environmentID}/userActivities
func (s *UsersService) ListActivities(ctx context.Context, opts *ListUserActivitiesOptions) (*Page[UserActivity], error) {
	return listPage[UserActivity](ctx, (*service)(s), call{op: "Users.ListActivities", route: "GET /environments/{environmentID}/userActivities", opts: opts, key: "userActivities"})
}

// ListActivitiesIter iterates over every bucket of the user activity
// report.
func (s *UsersService) ListActivitiesIter(ctx context.Context, opts *ListUserActivitiesOptions) iter.Seq2[*UserActivity, error] {
	return listAll[UserActivity](ctx, (*service)(s), call{op: "Users.ListActivitiesIter", route: "GET /environments/{environmentID}/userActivities", opts: opts, key: "userActivities"})
}
