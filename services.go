package pingone

// This file wires the resource families onto the core: the [Client] with its
// organization-level services, and the [Environment] handle with one service
// per family. The core files (client.go, transport.go, request.go, …) name no
// family; see core_test.go.

// Client talks to the PingOne management API. It is safe for concurrent use.
// Create one with [NewClient] and share it; [Client.Environment] gives the
// environment-scoped services.
type Client struct {
	core   *core
	common service

	// SystemRoles holds the organization-level roles PingOne defines.
	SystemRoles *SystemRolesService
	// UserInfo reads the signed-in user's OpenID Connect claims.
	UserInfo *UserInfoService
	// Environments reads environments (beyond the 113 admin actions).
	Environments *EnvironmentsService
}

// NewClient returns a client configured by opts. It does no I/O and reads no
// environment variables or files; it only checks the options. Exactly one of
// [WithClientCredentials], [WithTokenSource] or [WithStaticToken] is needed.
func NewClient(opts ...Option) (*Client, error) {
	co, err := newCore(opts...)
	if err != nil {
		return nil, err
	}
	c := &Client{core: co, common: service{core: co}}
	c.SystemRoles = (*SystemRolesService)(&c.common)
	c.UserInfo = (*UserInfoService)(&c.common)
	c.Environments = (*EnvironmentsService)(&c.common)
	return c, nil
}

// APIURL returns the management API base URL in use.
func (c *Client) APIURL() string { return c.core.apiURL.String() }

// AuthURL returns the auth host base URL in use.
func (c *Client) AuthURL() string { return c.core.authURL.String() }

// Environment is a handle on one PingOne environment: the services of every
// environment-scoped resource family. It is cheap to create and does no I/O.
type Environment struct {
	// ID is the environment's ID.
	ID string

	common service

	Populations        *PopulationsService
	Users              *UsersService
	Groups             *GroupsService
	Applications       *ApplicationsService
	CustomRoles        *CustomRolesService
	PasswordPolicies   *PasswordPoliciesService
	SignOnPolicies     *SignOnPoliciesService
	DeviceAuthPolicies *DeviceAuthPoliciesService
	IdentityProviders  *IdentityProvidersService
	MFA                *MFAService
	Certificates       *CertificatesService
	// Resources reads the resources and scopes that application grants
	// name (beyond the 113 admin actions).
	Resources *ResourcesService
}

// Environment returns the handle on environment id. An empty id is reported
// by each call, not here.
func (c *Client) Environment(id string) *Environment {
	e := &Environment{ID: id, common: service{core: c.core, envID: id}}
	e.Populations = (*PopulationsService)(&e.common)
	e.Users = (*UsersService)(&e.common)
	e.Groups = (*GroupsService)(&e.common)
	e.Applications = (*ApplicationsService)(&e.common)
	e.CustomRoles = (*CustomRolesService)(&e.common)
	e.PasswordPolicies = (*PasswordPoliciesService)(&e.common)
	e.SignOnPolicies = (*SignOnPoliciesService)(&e.common)
	e.DeviceAuthPolicies = (*DeviceAuthPoliciesService)(&e.common)
	e.IdentityProviders = (*IdentityProvidersService)(&e.common)
	e.MFA = (*MFAService)(&e.common)
	e.Certificates = (*CertificatesService)(&e.common)
	e.Resources = (*ResourcesService)(&e.common)
	return e
}
