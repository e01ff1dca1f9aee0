package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/modelcontextprotocol/go-sdk/jsonrpc"
	"github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/actions"
)

// mcpOptions choose which tools the server offers.
type mcpOptions struct {
	// AllowWrites offers the actions that change PingOne but destroy
	// nothing (create, add, assign…). Without it only the read-only ones
	// are offered.
	AllowWrites bool
	// AllowDestructive adds the destructive actions (delete, remove, a PUT
	// that clears what it is not given). Destructive actions are writes:
	// without AllowWrites it offers nothing more.
	AllowDestructive bool
	// SignInEnvironment, when set, is where the actions on the auth host
	// (Get Current User Info) run: the environment the user signed in to.
	// Empty: the environment clientFor returns.
	SignInEnvironment string
	// Logger, when set, logs the server's activity and a tool that
	// panicked (never inputs, outputs or tokens).
	Logger *slog.Logger
	// SignInRefused, when set, is called when PingOne refused a call's
	// sign-in (its token expired and could not be renewed, or was
	// revoked), so that clientFor gives a new client from the sign-in as
	// it now is (another pingone run may have renewed it, or pingone
	// login replaced it); the call is then tried once more. A call refused
	// again fails with kind not_signed_in, and SignInHint.
	SignInRefused func()
	// SignInHint says how to sign in again ("run pingone login").
	SignInHint string
}

// offers says whether the server offers act.
func (o mcpOptions) offers(act *actions.Action) bool {
	switch {
	case act.Hints.ReadOnly:
		return true
	case act.Hints.Destructive:
		return o.AllowWrites && o.AllowDestructive
	}
	return o.AllowWrites
}

// mode names what the server offers, for people.
func (o mcpOptions) mode() string {
	switch {
	case o.AllowWrites && o.AllowDestructive:
		return "read, write and destructive"
	case o.AllowWrites:
		return "read and write (no destructive)"
	}
	return "read-only"
}

// mcpInstructions tell the assistant how the tools work.
const mcpInstructions = `Tools for the PingOne Management API: one per admin action, named in snake_case (list_users, get_user, create_population).
Inputs are JSON objects: resource IDs by name (userID, groupID…), query options (filter, limit, cursor, expand) and, for a write, the request body under "body". The environment is the server's: it is never an input.
Lists return {"items": […], "next_cursor": "…"}: pass next_cursor back as cursor for the next page; it is absent on the last page. Filters are SCIM expressions, such as username sw "a".
A failed call returns an error result whose JSON gives PingOne's status, code, details and correlation ID.`

// newMCPServer returns an MCP server with one tool per catalogue action
// allowed by opts; each call gets its PingOne client and environment ID
// from clientFor (the signed-in session's for `pingone serve`, the stored
// login's for `pingone mcp`).
//
// Each tool is named as its action (list_users), with the action's title,
// description, input and output schemas, and its hints as the tool's
// annotations. A call's arguments are the action's input; its result is
// the action's output, as structured content and as JSON text. A call that
// fails is a tool error whose text is the JSON of an [actions.Error]:
// kind, message, field, and PingOne's status, code, details, error ID and
// correlation ID. A call of an action the options leave out is refused as
// an unknown tool is (invalid params), saying why.
func newMCPServer(clientFor func(ctx context.Context) (*pingone.Client, string, error), opts mcpOptions) *mcp.Server {
	instructions := mcpInstructions
	if !opts.AllowWrites {
		instructions += "\nThis server offers the read-only tools only: it cannot change PingOne."
	} else if !opts.AllowDestructive {
		instructions += "\nThis server offers no destructive tool: it cannot delete anything."
	}
	srv := mcp.NewServer(&mcp.Implementation{Name: "pingone", Title: "PingOne", Version: version},
		&mcp.ServerOptions{Instructions: instructions, Logger: opts.Logger})
	for _, act := range actions.All() {
		if !opts.offers(act) {
			continue
		}
		srv.AddTool(mcpTool(act), mcpToolHandler(act, clientFor, opts))
	}
	srv.AddReceivingMiddleware(func(next mcp.MethodHandler) mcp.MethodHandler {
		return func(ctx context.Context, method string, req mcp.Request) (mcp.Result, error) {
			if r, ok := req.(*mcp.CallToolRequest); ok && method == "tools/call" && r.Params != nil {
				if act, ok := actions.Lookup(r.Params.Name); ok && !opts.offers(act) {
					return nil, &jsonrpc.Error{Code: jsonrpc.CodeInvalidParams, Message: refusal(act)}
				}
			}
			return next(ctx, method, req)
		}
	})
	return srv
}

// refusal says why an action is not offered.
func refusal(act *actions.Action) string {
	if act.Hints.Destructive {
		return fmt.Sprintf("tool %q is not offered: it is destructive, and this server offers destructive tools only when they are allowed (pingone mcp --allow-writes --allow-destructive)", act.Name)
	}
	return fmt.Sprintf("tool %q is not offered: it changes PingOne, and this server offers write tools only when writes are allowed (pingone mcp --allow-writes)", act.Name)
}

// mcpTool describes an action as a tool.
func mcpTool(act *actions.Action) *mcp.Tool {
	destructive, openWorld := act.Hints.Destructive, false
	return &mcp.Tool{
		Name:         act.Name,
		Title:        act.Title,
		Description:  act.Description,
		InputSchema:  act.InputSchema(),
		OutputSchema: act.OutputSchema(),
		Annotations: &mcp.ToolAnnotations{
			Title:           act.Title,
			ReadOnlyHint:    act.Hints.ReadOnly,
			DestructiveHint: &destructive,
			IdempotentHint:  act.Hints.Idempotent,
			// The tools act on one PingOne environment, not on an
			// open world of entities.
			OpenWorldHint: &openWorld,
		},
	}
}

// mcpToolHandler invokes act with the call's arguments as its input.
func mcpToolHandler(act *actions.Action, clientFor func(ctx context.Context) (*pingone.Client, string, error), opts mcpOptions) mcp.ToolHandler {
	authHost := strings.HasPrefix(act.Path, "/{environmentID}/as/")
	return func(ctx context.Context, req *mcp.CallToolRequest) (res *mcp.CallToolResult, err error) {
		defer func() {
			// A tool that panics fails alone, and says nothing of Go.
			if r := recover(); r != nil {
				if opts.Logger != nil {
					opts.Logger.Error("tool panicked", "tool", act.Name, "panic", fmt.Sprint(r))
				}
				res, err = toolError(&actions.Error{Action: act.Name, Kind: "internal_error", Message: "the tool failed unexpectedly; nothing more is known"}), nil
			}
		}()
		input := json.RawMessage("{}")
		if req.Params != nil && len(req.Params.Arguments) > 0 && string(req.Params.Arguments) != "null" {
			input = req.Params.Arguments
		}
		invoke := func() (json.RawMessage, *actions.Error) {
			c, env, err := clientFor(ctx)
			if err != nil {
				return nil, &actions.Error{Action: act.Name, Kind: clientErrorKind(err), Message: oneLine(err.Error())}
			}
			if authHost && opts.SignInEnvironment != "" {
				env = opts.SignInEnvironment
			}
			out, err := act.Invoke(ctx, c, env, input)
			if err == nil {
				return out, nil
			}
			e, ok := errors.AsType[*actions.Error](err)
			if !ok {
				e = &actions.Error{Action: act.Name, Kind: actions.RequestFailed, Message: oneLine(err.Error())}
			}
			if signInRefused(err) {
				// PingOne's status, code and IDs stay.
				e2 := *e
				e2.Kind, e2.Message = notSignedIn, "PingOne refused the sign-in: "+e.Message
				if opts.SignInHint != "" {
					e2.Message += "; " + opts.SignInHint
				}
				e = &e2
			}
			return nil, e
		}
		out, failed := invoke()
		if failed != nil && failed.Kind == notSignedIn && opts.SignInRefused != nil {
			// The sign-in may have changed since the client was made
			// (renewed by another run, or replaced by a new sign-in); the
			// refused request was not carried out, so try once more.
			opts.SignInRefused()
			out, failed = invoke()
		}
		if failed != nil {
			return toolError(failed), nil
		}
		return &mcp.CallToolResult{
			Content:           []mcp.Content{&mcp.TextContent{Text: string(out)}},
			StructuredContent: out,
		}, nil
	}
}

// signInRefused says whether err is PingOne refusing the sign-in (an
// expired or revoked token) rather than the call.
func signInRefused(err error) bool {
	if _, ok := errors.AsType[*pingone.TokenError](err); ok {
		return true
	}
	if _, ok := errors.AsType[*authError](err); ok {
		return true
	}
	return errors.Is(err, pingone.ErrUnauthorized)
}

// notSignedIn is the kind of the errors of a call made without a sign-in
// PingOne takes.
const notSignedIn actions.ErrorKind = "not_signed_in"

// clientErrorKind classifies an error getting the client.
func clientErrorKind(err error) actions.ErrorKind {
	if _, ok := errors.AsType[*authError](err); ok {
		return notSignedIn
	}
	if _, ok := errors.AsType[*pingone.TokenError](err); ok {
		return notSignedIn
	}
	if errors.Is(err, pingone.ErrUnauthorized) {
		return notSignedIn
	}
	if _, ok := errors.AsType[*usageError](err); ok {
		return "configuration"
	}
	return actions.RequestFailed
}

// toolError is the tool result of a failed call: the error's JSON, one
// line, as text (an *actions.Error holds no stack and no secret).
func toolError(e *actions.Error) *mcp.CallToolResult {
	data, err := json.Marshal(e)
	if err != nil {
		data, _ = json.Marshal(map[string]string{"action": e.Action, "kind": string(e.Kind), "message": e.Message})
	}
	return &mcp.CallToolResult{IsError: true, Content: []mcp.Content{&mcp.TextContent{Text: string(data)}}}
}
