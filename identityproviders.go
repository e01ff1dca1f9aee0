package pingone

// IdentityProvidersService manages an environment's external identity
// providers and their attribute mappings.
type IdentityProvidersService service
