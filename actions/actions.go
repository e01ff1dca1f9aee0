package actions

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"sync"

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
	// ReturnsSecret actions return a secret in clear (Get and Generate
	// Application Secret): their output is not redacted.
	ReturnsSecret bool
}

// Action is one of the 113 admin actions. The catalogue's actions are
// shared: treat them, their schemas included, as read-only.
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
	// Method and Path are the HTTP route PingOne serves it on. Path is
	// relative to the API's /v1, except for userinfo, which is on the auth
	// host ("/{environmentID}/as/userinfo").
	Method, Path string
	Hints        Hints
	// InputSchema and OutputSchema are JSON Schemas (draft 2020-12) of the
	// input Invoke takes and the output it returns, derived from the Go
	// types Invoke decodes and encodes (the SDK's request and resource
	// types).
	InputSchema, OutputSchema *jsonschema.Schema

	sdk      string // the SDK method it calls: "UsersService.Get"
	run      runner
	resolved *jsonschema.Resolved // InputSchema, ready to validate
}

// All returns the catalogue: every action, in a stable order (that of
// PingOne's families and actions in actions.tsv).
func All() []*Action {
	return catalogue().list
}

// Lookup returns the action named name ("list_users").
func Lookup(name string) (*Action, bool) {
	a, ok := catalogue().byName[name]
	return a, ok
}

// Invoke performs the action in environment environmentID (ignored by the
// system roles, which belong to the organization) with the client c.
//
// input is a JSON object valid under InputSchema: the path's IDs by name
// ("userID"), query options by their names ("filter", "limit", "cursor",
// "expand", …) and, for a write, the request body under "body". An empty
// input is {}. Input that is not valid is refused with an [*Error] of kind
// [InvalidInput] naming the field, and nothing is sent.
//
// The output is a JSON object valid under OutputSchema: the resource
// PingOne returned as the SDK encodes it (secrets redacted, except for the
// actions whose purpose is to return one), {"items": […], "next_cursor":
// "…"} for a list (pass next_cursor back as "cursor" for the next page),
// and {} for an action that returns nothing. Errors are an [*Error].
//
// Get Current User Info needs a client holding the token of a signed-in
// user, not a worker's.
func (a *Action) Invoke(ctx context.Context, c *pingone.Client, environmentID string, input json.RawMessage) (json.RawMessage, error) {
	if c == nil {
		return nil, &Error{Action: a.Name, Kind: InvalidInput, Message: "no client"}
	}
	in, err := a.decodeInput(input)
	if err != nil {
		return nil, err
	}
	if p, ok := in.(interface{ cursor() string }); ok && p.cursor() != "" {
		if problem := checkCursor(p.cursor(), c.APIURL()); problem != "" {
			return nil, &Error{Action: a.Name, Kind: InvalidInput, Field: "/cursor", Message: problem}
		}
	}
	out, err := a.run.call(ctx, target{Environment: c.Environment(environmentID), client: c}, in)
	if err != nil {
		return nil, a.callError(err, in)
	}
	data, err := encodeOutput(out, a.Hints.ReturnsSecret)
	if err != nil {
		return nil, &Error{Action: a.Name, Kind: RequestFailed, Message: "encoding the output: " + err.Error(), err: err}
	}
	return data, nil
}

// target is what an action calls: the environment's services and the
// client's (system roles, userinfo).
type target struct {
	*pingone.Environment
	client *pingone.Client
}

// runner calls the SDK: in is a pointer to the action's input type, the
// result is encoded as the output.
type runner struct {
	in, out reflect.Type
	call    func(ctx context.Context, x target, in any) (any, error)
}

// get makes a runner for an SDK method that returns one resource.
func get[In, Out any](f func(ctx context.Context, x target, in *In) (*Out, error)) runner {
	return runner{
		in: reflect.TypeFor[In](), out: reflect.TypeFor[Out](),
		call: func(ctx context.Context, x target, in any) (any, error) {
			out, err := f(ctx, x, in.(*In))
			if err != nil {
				return nil, err
			}
			return out, nil
		},
	}
}

// list makes a runner for an SDK method that returns a page.
func list[In, T any](f func(ctx context.Context, x target, in *In) (*pingone.Page[T], error)) runner {
	return runner{
		in: reflect.TypeFor[In](), out: reflect.TypeFor[listOutput[T]](),
		call: func(ctx context.Context, x target, in any) (any, error) {
			p, err := f(ctx, x, in.(*In))
			if err != nil {
				return nil, err
			}
			out := &listOutput[T]{Items: p.Items, NextCursor: p.Next}
			if out.Items == nil {
				out.Items = []T{}
			}
			return out, nil
		},
	}
}

// none makes a runner for an SDK method that returns nothing.
func none[In any](f func(ctx context.Context, x target, in *In) error) runner {
	return runner{
		in: reflect.TypeFor[In](), out: reflect.TypeFor[noOutput](),
		call: func(ctx context.Context, x target, in any) (any, error) {
			if err := f(ctx, x, in.(*In)); err != nil {
				return nil, err
			}
			return &noOutput{}, nil
		},
	}
}

// listOutput is a list's output: one page of items, and the cursor of the
// next page.
type listOutput[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor,omitzero" jsonschema:"The cursor of the next page (pass it back as cursor); absent on the last page."`
}

// adjustSchema says that items is always an array.
func (listOutput[T]) adjustSchema(s *jsonschema.Schema) {
	if items := s.Properties["items"]; items != nil {
		items.Types, items.Type = nil, "array"
		items.Description = "The items of this page (PingOne may return fewer than limit even when more follow)."
	}
}

// noOutput is the output of an action PingOne answers without a body.
type noOutput struct{}

// spec is how the catalogue's source writes an action.
type spec struct {
	name, title, family, method, path string
	sdk                               string
	hints                             Hints
	desc                              string
	run                               runner
}

type catalogueT struct {
	list   []*Action
	byName map[string]*Action
}

// catalogue builds the actions and their schemas once, when first asked
// for. A type whose schema cannot be derived is a bug of this package
// (the tests derive every schema), so it panics.
var catalogue = sync.OnceValue(func() *catalogueT {
	c, err := build(specs())
	if err != nil {
		panic(err)
	}
	return c
})

func build(specs []spec) (*catalogueT, error) {
	in, out := newSchemaBuilder(inputSide), newSchemaBuilder(outputSide)
	// An ID is not empty, and not a dot segment, which would turn the
	// call into one on another path.
	in.types[reflect.TypeFor[id]()] = &jsonschema.Schema{Type: "string", MinLength: jsonschema.Ptr(1), Not: &jsonschema.Schema{Enum: []any{".", ".."}}}
	c := &catalogueT{byName: map[string]*Action{}}
	for _, s := range specs {
		a := &Action{
			Name: s.name, Title: s.title, Description: s.desc, Family: s.family,
			Method: s.method, Path: s.path, Hints: s.hints, sdk: s.sdk, run: s.run,
		}
		var err error
		if a.InputSchema, err = in.schema(s.run.in); err != nil {
			return nil, fmt.Errorf("actions: %s: input schema: %w", s.name, err)
		}
		describeInput(a.InputSchema)
		if adj, ok := reflect.Zero(s.run.in).Interface().(schemaAdjuster); ok {
			adj.adjustSchema(a.InputSchema)
		}
		if a.OutputSchema, err = out.schema(s.run.out); err != nil {
			return nil, fmt.Errorf("actions: %s: output schema: %w", s.name, err)
		}
		if adj, ok := reflect.Zero(s.run.out).Interface().(schemaAdjuster); ok {
			adj.adjustSchema(a.OutputSchema)
		}
		if a.resolved, err = a.InputSchema.Resolve(nil); err != nil {
			return nil, fmt.Errorf("actions: %s: input schema: %w", s.name, err)
		}
		if _, dup := c.byName[a.Name]; dup {
			return nil, fmt.Errorf("actions: %s: two actions have this name", s.name)
		}
		c.list = append(c.list, a)
		c.byName[a.Name] = a
	}
	return c, nil
}
