// Package actions is the catalogue of PingOne's 113 admin actions, invoked
// by name with JSON in and JSON out: what the pingone command line, its MCP
// server and its Actions RPC and Playground are built on. Each [Action] has
// a stable snake_case name, its title, a description, hints (read-only,
// destructive, idempotent), and JSON Schemas for its input and output
// derived from the SDK's Go types; [Action.Invoke] checks the input, calls
// the typed SDK method and encodes the result.
package actions
