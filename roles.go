package pingone

// SystemRolesService reads the organization-level system roles. It lives on
// the [Client], not on an environment.
type SystemRolesService service

// CustomRolesService manages an environment's custom administrator roles.
type CustomRolesService service
