package pingone

import (
	"context"
	"iter"
	"net/url"
	"strings"
	"time"

	"github.com/go-json-experiment/json/jsontext"
	"github.com/pingone-go/pingone/scim"
)

// UsersService manages an environment's users and their sub-resources.
type UsersService service

// User is a PingOne user.
//
// Custom schema attributes, and any attribute this version of the SDK does
// not know, are kept in Extra and sent back unchanged, so a user read and
// written again loses nothing.
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
	// Extra holds custom attributes and members unknown to this version.
	Extra map[string]jsontext.Value `json:",embed"`
}

// UserName is a user's name.
type UserName struct {
	Formatted       string                    `json:"formatted,omitzero"`
	Given           string                    `json:"given,omitzero"`
	Middle          string                    `json:"middle,omitzero"`
	Family          string                    `json:"family,omitzero"`
	HonorificPrefix string                    `json:"honorificPrefix,omitzero"`
	HonorificSuffix string                    `json:"honorificSuffix,omitzero"`
	Extra           map[string]jsontext.Value `json:",embed"`
}

// UserAddress is a user's postal address.
type UserAddress struct {
	StreetAddress string                    `json:"streetAddress,omitzero"`
	Locality      string                    `json:"locality,omitzero"`
	Region        string                    `json:"region,omitzero"`
	PostalCode    string                    `json:"postalCode,omitzero"`
	CountryCode   string                    `json:"countryCode,omitzero"`
	Extra         map[string]jsontext.Value `json:",embed"`
}

// UserPhoto links a user's picture.
type UserPhoto struct {
	Href string `json:"href,omitzero"`
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
	CanAuthenticate    *bool                     `json:"canAuthenticate,omitzero"` // nil: not reported
	Status             AccountStatus             `json:"status,omitzero"`
	LockedAt           time.Time                 `json:"lockedAt,omitzero"`
	UnlockAt           time.Time                 `json:"unlockAt,omitzero"`
	SecondsUntilUnlock int                       `json:"secondsUntilUnlock,omitzero"`
	Extra              map[string]jsontext.Value `json:",embed"`
}

// UserIdentityLink is the identity provider a user authenticates with.
type UserIdentityLink struct {
	// ID is the provider's ID; empty means PingOne itself.
	ID string `json:"id,omitzero"`
	// Type is read-only, such as "PING_ONE" or "SAML".
	Type string `json:"type,omitzero"`
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
	Status                   LifecycleStatus `json:"status,omitzero"`
	SuppressVerificationCode *bool           `json:"suppressVerificationCode,omitzero"`
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
	At       time.Time `json:"at,omitzero"`
	RemoteIP string    `json:"remoteIp,omitzero"`
}

// ListUsersOptions filters and pages [UsersService.List].
type ListUsersOptions struct {
	// Filter is a SCIM filter. PingOne supports eq and sw on most core
	// attributes (username, email, name.given, …), sw on custom string
	// attributes, population.id eq, and memberOfGroups[id eq "…"].
	Filter scim.Filter
	// Expand "population" embeds each user's population.
	Expand []string
	ListOptions
}

func (o *ListUsersOptions) query() (url.Values, ListOptions, error) {
	q := url.Values{}
	if o == nil {
		return q, ListOptions{}, nil
	}
	if err := setFilter(q, o.Filter); err != nil {
		return nil, ListOptions{}, err
	}
	if len(o.Expand) > 0 {
		q.Set("expand", strings.Join(o.Expand, ","))
	}
	o.ListOptions.apply(q)
	return q, o.ListOptions, nil
}

// List returns one page of users.
//
// PingOne: "List Users". PingOne may return fewer users than Limit even
// when more follow: use [Page.Next] or [UsersService.ListIter].
//
//pingone:operation GET /environments/{environmentID}/users
func (s *UsersService) List(ctx context.Context, opts *ListUsersOptions) (*Page[User], error) {
	path, err := (*service)(s).path("users")
	if err != nil {
		return nil, err
	}
	q, lo, err := opts.query()
	if err != nil {
		return nil, err
	}
	return list[User](ctx, (*service)(s), path, q, "users", lo)
}

// ListIter iterates over every user, one page in memory at a time.
func (s *UsersService) ListIter(ctx context.Context, opts *ListUsersOptions) iter.Seq2[*User, error] {
	path, err := (*service)(s).path("users")
	if err != nil {
		return errIter[User](err)
	}
	q, lo, err := opts.query()
	if err != nil {
		return errIter[User](err)
	}
	return listIter[User](ctx, (*service)(s), path, q, "users", lo)
}
