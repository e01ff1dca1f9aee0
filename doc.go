// Package pingone is a typed client for the PingOne Management API: the 113
// administration actions on populations, users, groups, applications, roles,
// password, sign-on and device authentication policies, identity providers,
// MFA devices and certificates, plus OIDC userinfo.
//
// # Authentication and regions
//
// [NewClient] takes options and does no I/O. A worker application
// authenticates with [WithClientCredentials]; an administrator who signs in
// uses an [AuthCodeFlow] (authorization code with PKCE) and passes its token
// source to [WithTokenSource]; [WithStaticToken] takes a fixed token. Tokens
// are fetched when first needed and renewed shortly before they expire, once
// however many goroutines are waiting; a token PingOne rejects with 401
// before then is renewed and the request sent again, once. [WithRegion] selects the regional
// hosts (NA by default); [WithBaseURLs] names them explicitly, which is how a
// client reaches pingonetest.
//
// # Environments
//
// Nearly every action is scoped to an environment. [Client.Environment]
// returns a cheap handle holding one service per resource family, so that
// IDs of different kinds cannot be swapped by mistake:
//
//	env := client.Environment(envID)
//	u, err := env.Users.Get(ctx, userID)
//
// The organization-level system roles and userinfo live on the client.
//
// # Pagination
//
// List methods return one [Page]; ListIter methods return an iterator over
// every item, fetching pages lazily as the loop goes, one page in memory at a
// time. A saved [Page.Next] link resumes a listing through
// [ListOptions.StartFrom]. Links are only followed to the client's API host.
//
// # Filtering
//
// Filters are built with package scim, which escapes every value, so no
// input can change a filter's structure:
//
//	opts := &pingone.ListUsersOptions{Filter: scim.And(scim.Sw("username", prefix), scim.Eq("enabled", true))}
//
// # Writing
//
// Request types hold required fields as values and optional ones as
// [Optional], which can be omitted (the zero value), [Null] or a [Value].
// Update methods PATCH (omitted fields stay); Replace methods PUT, which in
// PingOne clears every optional field the request omits.
//
// # Errors
//
// A response other than 2xx is an [*APIError] with PingOne's code, message,
// details, error ID and correlation ID. Match categories with [errors.Is] and
// the sentinels ([ErrNotFound], [ErrInvalidData], [ErrUniquenessViolation],
// [ErrRateLimited], [ErrUnauthorized], [ErrForbidden], [ErrServerError]).
// Bad arguments are an [*ArgumentError] before any request is sent; a failed
// connection is a [*TransportError]. Error strings never hold credentials.
//
// # Retries
//
// 429 and 503 are retried for every method, honouring Retry-After; other
// 5xx, 408 and connection errors only for methods that are safe to repeat.
// A POST the server may have acted on is never sent twice. One budget covers
// every reason to send again. Waits end at once when the context ends. See
// [RetryPolicy], [WithResponseTimeout] and [WithRateLimit]. Every attempt
// waits for the client's [Limiter], which by default learns PingOne's limit
// from its throttling answers.
//
// # Forward compatibility
//
// Responses are decoded leniently: new fields are kept (Extra on each
// model, which is also where custom user attributes live), new enum values
// are kept as strings, new polymorphic types decode with their raw JSON, and
// a value of an unexpected JSON type leaves its field zero and is kept raw
// rather than failing the response.
//
// A decoded model encodes back to what PingOne sent, with
// encoding/json and go-json-experiment as well as in the SDK: every member,
// zero values and nulls included, unknown members, and a value of an
// unexpected JSON type as it came while its field is unchanged. A value
// built by hand writes the fields set (those tagged omitzero when not zero).
// [Secret] values and passwords are written only in the requests the SDK
// sends; every other encoding redacts them.
//
// # Logging
//
// The client is silent unless given a logger with [WithLogger], which
// records each attempt's method, path, status, duration, attempt number and
// correlation ID: never headers, query strings, bodies or secrets.
//
// # Testing
//
// Package pingonetest is an in-memory PingOne (management API and auth
// server) on 127.0.0.1 that the SDK's own tests run on and that your tests
// can use too, with deterministic fault injection.
package pingone
