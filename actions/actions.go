package actions

import (
	"context"
	"encoding/json"

	"github.com/google/jsonschema-go/jsonschema"

	"github.com/pingone-go/pingone"
)

// Hints describe an action's effect, for a user interface or an AI
// assistant deciding whether to call it (they map to MCP's tool
// annotations).
type Hints struct {
	// ReadOnly actions change nothing.
	ReadOnly bool
	// Destructive actions delete or overwrite what cannot be restored
	// (a PUT that clears omitted fields counts).
	Destructive bool
	// Idempotent actions have the same effect when called twice.
	Idempotent bool
	// ReturnsSecret actions return a secret in clear (Get and Rotate
	// Application Secret): their output is not redacted.
	ReturnsSecret bool
}

// Action is one of the 113 admin actions.
type Action struct {
	// Name is the stable snake_case name: "list_users".
	Name string
	// Title is PingOne's title: "List Users".
	Title string
	// Description says what the action does, what a PUT clears and what
	// cannot be undone.
	Description string
	// Family is the resource family, as actions.tsv names it: "users".
	Family string
	// Method and Path are the HTTP route PingOne serves it on.
	Method, Path string
	Hints        Hints
	// InputSchema and OutputSchema are JSON Schemas (draft 2020-12) of the
	// input Invoke takes and the output it returns.
	InputSchema, OutputSchema *jsonschema.Schema

	invoke func(ctx context.Context, c *pingone.Client, environmentID string, input json.RawMessage) (any, error)
}
