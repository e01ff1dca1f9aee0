package pingone

import (
	"context"
	"fmt"
	"iter"
	"log/slog"
	"net/url"
	"time"

	"github.com/go-json-experiment/json/jsontext"
	"github.com/pingone-go/pingone/scim"
)

// The user sub-resources: enabled state, password, population, identity
// provider link, verify status, role assignments, and the environment's
// user activity report.

// ---- enabled ----

type userEnabled struct {
	Enabled bool `json:"enabled"`
}

// GetEnabled reports whether the user may sign on.
//
// PingOne: "Get User Enabled Status".
//
//pingone:operation GET /environments/{environmentID}/users/{userID}/enabled
func (s *UsersService) GetEnabled(ctx context.Context, userID string) (bool, error) {
	e, err := getOne[userEnabled](ctx, (*service)(s), "userID", userID, "users", userID, "enabled")
	if err != nil {
		return false, err
	}
	return e.Enabled, nil
}

// SetEnabled enables or disables the user. A disabled user cannot sign on;
// the user's data is kept.
//
// PingOne: "Update User Enabled Status".
//
//pingone:operation PUT /environments/{environmentID}/users/{userID}/enabled
func (s *UsersService) SetEnabled(ctx context.Context, userID string, enabled bool) error {
	if userID == "" {
		return missing("userID")
	}
	_, err := sendOne[userEnabled](ctx, (*service)(s), "PUT", userEnabled{Enabled: enabled}, "users", userID, "enabled")
	return err
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
	FailuresRemaining *int                      `json:"failuresRemaining,omitzero"`
	External          ExternalPassword          `json:"external,omitzero"`
	Links             Links                     `json:"_links,omitzero"`
	Extra             map[string]jsontext.Value `json:",embed"`
}

// ExternalPassword names the gateway that holds the password of a user whose
// Status is PasswordExternal.
type ExternalPassword struct {
	Gateway PasswordGateway `json:"gateway,omitzero"`
}

// PasswordGateway is a PingOne gateway (an LDAP gateway, for example).
type PasswordGateway struct {
	ID   string `json:"id,omitzero"`
	Type string `json:"type,omitzero"`
}

// GetPassword returns the state of the user's password.
//
// PingOne: "Get User Password Metadata".
//
//pingone:operation GET /environments/{environmentID}/users/{userID}/password
func (s *UsersService) GetPassword(ctx context.Context, userID string) (*PasswordState, error) {
	return getOne[PasswordState](ctx, (*service)(s), "userID", userID, "users", userID, "password")
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
	if userID == "" {
		return nil, missing("userID")
	}
	if err := checkUserPassword("Value", req.Value); err != nil {
		return nil, err
	}
	path, err := (*service)(s).path("users", userID, "password")
	if err != nil {
		return nil, err
	}
	var st PasswordState
	if err := (*service)(s).do(ctx, "PUT", path, req, &st, withContentType(userPasswordSetContentType)); err != nil {
		return nil, err
	}
	return &st, nil
}

// ---- population ----

// GetPopulation returns the ID of the user's population.
//
// PingOne: "Get User Population".
//
//pingone:operation GET /environments/{environmentID}/users/{userID}/population
func (s *UsersService) GetPopulation(ctx context.Context, userID string) (string, error) {
	p, err := getOne[Ref](ctx, (*service)(s), "userID", userID, "users", userID, "population")
	if err != nil {
		return "", err
	}
	return p.ID, nil
}

// SetPopulation moves the user to another population. PingOne removes the
// user from the groups of the population it leaves.
//
// PingOne: "Update User Population".
//
//pingone:operation PUT /environments/{environmentID}/users/{userID}/population
func (s *UsersService) SetPopulation(ctx context.Context, userID, populationID string) error {
	if err := ids("userID", userID, "populationID", populationID); err != nil {
		return err
	}
	_, err := sendOne[Ref](ctx, (*service)(s), "PUT", Ref{ID: populationID}, "users", userID, "population")
	return err
}

// ---- identity provider ----

type userIdentityProvider struct {
	IdentityProvider UserIdentityLink `json:"identityProvider"`
}

// GetIdentityProvider returns the identity provider the user signs on with;
// an empty ID means PingOne itself.
//
// PingOne: "Get User Identity Provider".
//
//pingone:operation GET /environments/{environmentID}/users/{userID}/identityProvider
func (s *UsersService) GetIdentityProvider(ctx context.Context, userID string) (*UserIdentityLink, error) {
	p, err := getOne[userIdentityProvider](ctx, (*service)(s), "userID", userID, "users", userID, "identityProvider")
	if err != nil {
		return nil, err
	}
	return &p.IdentityProvider, nil
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
func (s *UsersService) SetIdentityProvider(ctx context.Context, userID, identityProviderID string) (*UserIdentityLink, error) {
	if userID == "" {
		return nil, missing("userID")
	}
	var body any = struct{}{}
	if identityProviderID != "" {
		body = struct {
			IdentityProvider Ref `json:"identityProvider"`
		}{Ref{ID: identityProviderID}}
	}
	p, err := sendOne[userIdentityProvider](ctx, (*service)(s), "PUT", body, "users", userID, "identityProvider")
	if err != nil {
		return nil, err
	}
	return &p.IdentityProvider, nil
}

// ---- verify status ----

type userVerifyStatus struct {
	VerifyStatus VerifyStatus `json:"verifyStatus"`
}

// GetVerifyStatus reports whether PingOne Verify may verify the user.
//
// PingOne: "Get User Verify Status".
//
//pingone:operation GET /environments/{environmentID}/users/{userID}/verifyStatus
func (s *UsersService) GetVerifyStatus(ctx context.Context, userID string) (VerifyStatus, error) {
	v, err := getOne[userVerifyStatus](ctx, (*service)(s), "userID", userID, "users", userID, "verifyStatus")
	if err != nil {
		return "", err
	}
	return v.VerifyStatus, nil
}

// SetVerifyStatus sets whether PingOne Verify may verify the user. While it
// is VerifyDisabled no new verification can start for the user.
//
// PingOne: "Update User Verify Status".
//
//pingone:operation PUT /environments/{environmentID}/users/{userID}/verifyStatus
func (s *UsersService) SetVerifyStatus(ctx context.Context, userID string, status VerifyStatus) error {
	if userID == "" {
		return missing("userID")
	}
	if status == "" {
		return missing("status")
	}
	_, err := sendOne[userVerifyStatus](ctx, (*service)(s), "PUT", userVerifyStatus{VerifyStatus: status}, "users", userID, "verifyStatus")
	return err
}

// ---- role assignments ----

// ListRoleAssignments returns the user's role assignments (one page).
//
// PingOne: "List User Role Assignments".
//
//pingone:operation GET /environments/{environmentID}/users/{userID}/roleAssignments
func (s *UsersService) ListRoleAssignments(ctx context.Context, userID string) (*Page[RoleAssignment], error) {
	return listRoleAssignments(ctx, (*service)(s), "users", "userID", userID)
}

// ListRoleAssignmentsIter iterates over every role assignment of the user.
func (s *UsersService) ListRoleAssignmentsIter(ctx context.Context, userID string) iter.Seq2[*RoleAssignment, error] {
	return listRoleAssignmentsIter(ctx, (*service)(s), "users", "userID", userID)
}

// CreateRoleAssignment gives the user a role at a scope, which must be one
// of the role's ApplicableTo.
//
// PingOne: "Create User Role Assignment".
//
//pingone:operation POST /environments/{environmentID}/users/{userID}/roleAssignments
func (s *UsersService) CreateRoleAssignment(ctx context.Context, userID string, req RoleAssignmentRequest) (*RoleAssignment, error) {
	return createRoleAssignment(ctx, (*service)(s), "users", "userID", userID, req)
}

// GetRoleAssignment returns one of the user's role assignments.
//
// PingOne: "Get User Role Assignment".
//
//pingone:operation GET /environments/{environmentID}/users/{userID}/roleAssignments/{roleAssignmentID}
func (s *UsersService) GetRoleAssignment(ctx context.Context, userID, roleAssignmentID string) (*RoleAssignment, error) {
	return getRoleAssignment(ctx, (*service)(s), "users", "userID", userID, roleAssignmentID)
}

// DeleteRoleAssignment removes a role assignment from the user. Read-only
// assignments (inherited through a group) cannot be deleted here.
//
// PingOne: "Delete User Role Assignment".
//
//pingone:operation DELETE /environments/{environmentID}/users/{userID}/roleAssignments/{roleAssignmentID}
func (s *UsersService) DeleteRoleAssignment(ctx context.Context, userID, roleAssignmentID string) error {
	return deleteRoleAssignment(ctx, (*service)(s), "users", "userID", userID, roleAssignmentID)
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

// ActivitiesOptions selects the period of [UsersService.Activities].
type ActivitiesOptions struct {
	// Start and End bound the period; set both, or neither for PingOne's
	// default (the last 30 days).
	Start, End time.Time
	// SampleSize is the bucket length; empty lets PingOne choose from the
	// period (up to 5 days: hours, up to 60 days: days, else weeks).
	SampleSize SampleSize
}

// UserActivity counts the sign-ons and password resets of one bucket.
type UserActivity struct {
	StartDate      time.Time                 `json:"startDate,omitzero"`
	EndDate        time.Time                 `json:"endDate,omitzero"`
	Environment    Ref                       `json:"environment,omitzero"`
	UserSignOns    SignOnCounts              `json:"userSignOns,omitzero"`
	PasswordResets int                       `json:"passwordResets,omitzero"`
	Extra          map[string]jsontext.Value `json:",embed"`
}

// SignOnCounts counts successful and failed sign-ons.
type SignOnCounts struct {
	Successes int `json:"successes,omitzero"`
	Failures  int `json:"failures,omitzero"`
}

// Activities returns the environment's user activity report: one item per
// bucket of the period, oldest first.
//
// PingOne: "Get User Activities". It counts against PingOne's Analytics
// rate limit group.
//
//pingone:operation GET /environments/{environmentID}/userActivities
func (s *UsersService) Activities(ctx context.Context, opts ActivitiesOptions) ([]UserActivity, error) {
	q := url.Values{}
	switch {
	case opts.Start.IsZero() != opts.End.IsZero():
		return nil, &ArgumentError{Name: "Start/End", Problem: "must be set together"}
	case !opts.Start.IsZero():
		if !opts.End.After(opts.Start) {
			return nil, &ArgumentError{Name: "End", Problem: "must be after Start"}
		}
		if err := setFilter(q, scim.Eq("startDate", opts.Start).And(scim.Eq("endDate", opts.End))); err != nil {
			return nil, err
		}
	}
	if opts.SampleSize != "" {
		q.Set("sampleSize", string(opts.SampleSize))
	}
	path, err := (*service)(s).path("userActivities")
	if err != nil {
		return nil, err
	}
	out := []UserActivity{}
	for a, err := range listIter[UserActivity](ctx, (*service)(s), path, q, "userActivities", ListOptions{}) {
		if err != nil {
			return nil, err
		}
		out = append(out, *a)
	}
	return out, nil
}
