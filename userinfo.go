package pingone

// UserInfoService reads the OpenID Connect claims of the signed-in user from
// the auth host. It lives on the [Client] and needs a token obtained by a user
// signing in (authorization code), not a worker's client-credentials token.
type UserInfoService service
