package pingone

// ApplicationsService manages an environment's applications and their
// secrets, grants, sign-on policy assignments, role assignments and
// attribute mappings.
type ApplicationsService service
