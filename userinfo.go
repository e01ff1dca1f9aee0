package pingone

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"time"
)

// UserInfoService reads the OpenID Connect claims of the signed-in user from
// the auth host. It lives on the [Client] and needs a token obtained by a user
// signing in (authorization code), not a worker's client-credentials token.
type UserInfoService service

// ErrUserTokenRequired matches the error of [UserInfoService.Get] when the
// client's token was not obtained by a user signing in (for example a
// worker's client-credentials token).
var ErrUserTokenRequired = errors.New("pingone: userinfo needs the access token of a signed-in user (authorization code), not a client-credentials token")

// UserInfo holds the standard OpenID Connect claims of the signed-in user.
// Which claims are present depends on the scopes granted (profile, email,
// address, phone); Subject is always set. Other claims, including custom
// ones, are kept in Extra.
type UserInfo struct {
	// Subject is the PingOne user ID.
	Subject             string          `json:"sub"`
	Name                string          `json:"name,omitzero"`
	GivenName           string          `json:"given_name,omitzero"`
	FamilyName          string          `json:"family_name,omitzero"`
	MiddleName          string          `json:"middle_name,omitzero"`
	Nickname            string          `json:"nickname,omitzero"`
	PreferredUsername   string          `json:"preferred_username,omitzero"`
	Profile             string          `json:"profile,omitzero"`
	Picture             string          `json:"picture,omitzero"`
	Website             string          `json:"website,omitzero"`
	Email               string          `json:"email,omitzero"`
	EmailVerified       bool            `json:"email_verified,omitzero"`
	Gender              string          `json:"gender,omitzero"`
	Birthdate           string          `json:"birthdate,omitzero"`
	ZoneInfo            string          `json:"zoneinfo,omitzero"`
	Locale              string          `json:"locale,omitzero"`
	PhoneNumber         string          `json:"phone_number,omitzero"`
	PhoneNumberVerified bool            `json:"phone_number_verified,omitzero"`
	Address             UserInfoAddress `json:"address,omitzero"`
	// UpdatedAt is when the user was last updated. OpenID Connect sends
	// it as epoch seconds; it re-encodes as it came.
	UpdatedAt time.Time `json:"updated_at,omitzero"`
	// Extra holds every other claim.
	Extra map[string]json.RawMessage `json:",embed"`

	wire wireMeta
}

// UserInfoAddress is the OpenID Connect address claim.
type UserInfoAddress struct {
	Formatted     string                     `json:"formatted,omitzero"`
	StreetAddress string                     `json:"street_address,omitzero"`
	Locality      string                     `json:"locality,omitzero"`
	Region        string                     `json:"region,omitzero"`
	PostalCode    string                     `json:"postal_code,omitzero"`
	Country       string                     `json:"country,omitzero"`
	Extra         map[string]json.RawMessage `json:",embed"`

	wire wireMeta
}

// Get returns the claims of the user whose token the client holds, from the
// userinfo endpoint of environmentID on the auth host. Build the client with
// that user's token ([WithTokenSource] after [AuthCodeFlow.Exchange]); with a
// worker's token the error matches [ErrUserTokenRequired].
//
// PingOne: "Get Current User Info".
//
//pingone:operation GET /{environmentID}/as/userinfo
func (s *UserInfoService) Get(ctx context.Context, environmentID string) (*UserInfo, error) {
	claims, err := send[UserInfo](ctx, (*service)(s), call{op: "UserInfo.Get", route: "GET /{environmentID}/as/userinfo", ids: []string{environmentID}, authHost: true})
	if e, ok := errors.AsType[*APIError](err); ok && notUserToken(e) {
		return nil, &userTokenError{err: e}
	}
	return claims, err
}

// notUserToken reports whether the userinfo endpoint refused the token for
// not standing for a user: a 403, or a 401 that does not say the token is
// invalid or expired.
func notUserToken(e *APIError) bool {
	switch e.StatusCode {
	case http.StatusForbidden:
		return true
	case http.StatusUnauthorized:
		return e.Code == "ACCESS_FAILED" && !e.HasDetail("INVALID_TOKEN")
	}
	return false
}

// userTokenError is the userinfo refusal of a token that no user signed in
// for. It matches ErrUserTokenRequired and unwraps to the *APIError.
type userTokenError struct {
	err *APIError
}

func (e *userTokenError) Error() string {
	return ErrUserTokenRequired.Error() + ": " + e.err.Error()
}

func (e *userTokenError) Unwrap() []error { return []error{ErrUserTokenRequired, e.err} }
