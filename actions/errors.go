package actions

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"strconv"
	"strings"

	"github.com/pingone-go/pingone"
)

// ErrorKind says what failed.
type ErrorKind string

// The kinds of [Error].
const (
	// InvalidInput: the input was refused before anything was sent.
	InvalidInput ErrorKind = "invalid_input"
	// APIFailure: PingOne answered with an error.
	APIFailure ErrorKind = "api_error"
	// RequestFailed: no usable answer (the connection failed, the context
	// ended, or the answer could not be read).
	RequestFailed ErrorKind = "request_failed"
)

// Error is the error [Action.Invoke] returns. It encodes to JSON for a
// command line or an MCP client, and unwraps to the SDK's error, so that
// errors.Is(err, pingone.ErrNotFound) and errors.As(err, &apiErr) work.
type Error struct {
	// Action is the action's name.
	Action string    `json:"action"`
	Kind   ErrorKind `json:"kind"`
	// Field is the input member at fault, as a JSON Pointer into the input
	// ("/body/name", "/filter", "/userID"), "environmentID" for Invoke's
	// argument, or "" when the input as a whole is at fault. Set for
	// InvalidInput only.
	Field string `json:"field,omitempty"`
	// Message says what is wrong, in one line.
	Message string `json:"message"`

	// Status, Code, Details, ErrorID and CorrelationID are PingOne's, for
	// APIFailure: the HTTP status, PingOne's code ("NOT_FOUND"), the
	// individual problems, the error's ID (give it to Ping support) and
	// the response's Correlation-Id.
	Status        int                   `json:"status,omitempty"`
	Code          string                `json:"code,omitempty"`
	Details       []pingone.ErrorDetail `json:"details,omitempty"`
	ErrorID       string                `json:"errorId,omitempty"`
	CorrelationID string                `json:"correlationId,omitempty"`

	err error
}

// Error returns one line: the action, the kind and field or status, and
// the message, plus PingOne's error and correlation IDs.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("actions: ")
	b.WriteString(e.Action)
	b.WriteString(": ")
	switch {
	case e.Kind == InvalidInput && e.Field != "":
		b.WriteString("invalid input: ")
		b.WriteString(e.Field)
		b.WriteString(" ")
	case e.Kind == InvalidInput:
		b.WriteString("invalid input: ")
	case e.Kind == APIFailure:
		b.WriteString(strconv.Itoa(e.Status))
		if e.Code != "" {
			b.WriteString(" " + e.Code)
		}
		b.WriteString(": ")
	}
	b.WriteString(e.Message)
	var ids []string
	if e.ErrorID != "" {
		ids = append(ids, "error ID "+e.ErrorID)
	}
	if e.CorrelationID != "" {
		ids = append(ids, "correlation ID "+e.CorrelationID)
	}
	if len(ids) > 0 {
		b.WriteString(" (" + strings.Join(ids, ", ") + ")")
	}
	return b.String()
}

// Unwrap returns the SDK's error, if any.
func (e *Error) Unwrap() error { return e.err }

// callError turns the SDK's error into an *Error. The SDK reports bad
// arguments before sending anything, so those are InvalidInput, with the
// SDK's argument name mapped to the input member it came from.
func (a *Action) callError(err error, in any) *Error {
	e := &Error{Action: a.Name, err: err}
	if ae, ok := errors.AsType[*pingone.APIError](err); ok {
		e.Kind = APIFailure
		e.Status, e.Code, e.Details = ae.StatusCode, ae.Code, ae.Details
		e.ErrorID, e.CorrelationID = ae.ID, ae.CorrelationID
		e.Message = ae.Message
		if errors.Is(err, pingone.ErrUserTokenRequired) {
			e.Message = pingone.ErrUserTokenRequired.Error()
		}
		if e.Message == "" {
			e.Message = http.StatusText(ae.StatusCode)
		}
		return e
	}
	if ae, ok := errors.AsType[*pingone.ArgumentError](err); ok {
		e.Kind = InvalidInput
		e.Field = fieldOfArgument(ae.Name, reflect.TypeOf(in))
		e.Message = ae.Problem
		if e.Field == "" {
			e.Message = ae.Name + " " + ae.Problem
		}
		return e
	}
	e.Kind = RequestFailed
	e.Message = err.Error()
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		e.Message = "the request did not complete: " + err.Error()
	}
	return e
}

// fieldOfArgument maps the SDK's name for an argument ("userID",
// "Password.Value", "Filter", "StartFrom") to the input member it came
// from, as a JSON Pointer, or "" when it cannot tell.
func fieldOfArgument(name string, in reflect.Type) string {
	for in != nil && in.Kind() == reflect.Pointer {
		in = in.Elem()
	}
	switch name {
	case "environmentID":
		return "environmentID"
	case "StartFrom":
		return "/cursor"
	}
	if in == nil || in.Kind() != reflect.Struct {
		return ""
	}
	// An ID or a query option, by its member name.
	for _, f := range reflect.VisibleFields(in) {
		if f.IsExported() && !f.Anonymous && strings.EqualFold(jsonName(f), name) {
			return "/" + jsonName(f)
		}
	}
	// A field of the body, by its Go path.
	body, ok := in.FieldByName("Body")
	if !ok {
		return ""
	}
	path := "/" + jsonName(body)
	t := body.Type
	for part := range strings.SplitSeq(name, ".") {
		part, _, _ = strings.Cut(part, "[")
		t = valueType(t)
		if t.Kind() != reflect.Struct {
			break
		}
		f, ok := t.FieldByName(part)
		if !ok || !f.IsExported() {
			break
		}
		if _, opts := jsonTag(f); isExtra(f, "", opts) {
			break
		}
		path += "/" + jsonName(f)
		t = f.Type
	}
	return path
}

// valueType returns the type a JSON value of t decodes into: through
// pointers and pingone.Optional.
func valueType(t reflect.Type) reflect.Type {
	for {
		switch {
		case t.Kind() == reflect.Pointer:
			t = t.Elem()
		default:
			inner, ok := optionalOf(t)
			if !ok {
				return t
			}
			t = inner
		}
	}
}
