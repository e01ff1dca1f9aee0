// Package actions is the catalogue of PingOne's 113 admin actions, invoked
// by name with JSON in and JSON out: what the pingone command line, its MCP
// server and its Actions RPC and Playground are built on.
//
//	a, ok := actions.Lookup("list_users")
//	out, err := a.Invoke(ctx, client, envID, json.RawMessage(`{"filter": "username sw \"a\"", "limit": 50}`))
//
// [All] lists the actions in a stable order (that of actions.tsv). Each
// [Action] has a stable snake_case name made from its title, the title, a
// description in our own words (what it does, what a PUT clears, what
// cannot be undone), its family and route, [Hints] (read-only,
// destructive, idempotent, returns a secret) and JSON Schemas of its input
// and output.
//
// # Inputs
//
// An input is a JSON object: the route's IDs by name ("userID",
// "groupID", …; the environment is Invoke's argument), the query options
// by their names ("filter", "limit", "cursor", "expand", "include", …),
// and for a write the request body under "body", as PingOne takes it.
// Lists take "limit" and "cursor", and "filter" where PingOne filters that
// list: a SCIM expression, parsed before anything is sent. [Action.Invoke]
// validates the input against the input schema and decodes it into the
// SDK's request type; input that is not valid is an [*Error] of kind
// [InvalidInput] whose Field is the JSON Pointer of the member at fault,
// and nothing is sent. A body takes members the SDK does not model only
// where its request type keeps them (custom user attributes, for one).
//
// # Outputs
//
// An output is a JSON object: the resource PingOne returned, as the SDK
// encodes it (what PingOne sent, secrets redacted); for a list,
// {"items": […], "next_cursor": "…"}, whose next_cursor is passed back as
// "cursor" to read the next page (it is absent on the last one); {} for an
// action PingOne answers without a body. Get Application Secret and
// Generate Application Secret return the client secret in clear: that is
// their purpose, and their hints and descriptions say so.
//
// # Schemas
//
// The schemas are derived when the catalogue is first used, with
// github.com/google/jsonschema-go, from the Go types Invoke decodes and
// encodes: the SDK's request and resource types, and this package's own
// input types. What jsonschema-go cannot know of the SDK's types is added:
// pingone.Optional[T] is T or null, pingone.Secret a string (write-only in
// inputs), pingone.Links an object, time.Time a date-time, raw JSON any
// value, scim.Filter a string; a struct with an Extra field allows other
// members; a polymorphic type (applications, identity providers, MFA
// devices) is its common members with each variant's in anyOf. Output
// schemas require no member, since PingOne leaves out what has no value.
// So a change to the SDK's types changes the schemas with it.
//
// # Errors
//
// Invoke's errors are an [*Error]: invalid input ([InvalidInput], naming
// the field), PingOne's refusal ([APIFailure], with the status, PingOne's
// code, its details, the error ID and the correlation ID) or no usable
// answer ([RequestFailed]). An *Error encodes to JSON and unwraps to the
// SDK's error, so errors.Is(err, pingone.ErrNotFound) works.
package actions
