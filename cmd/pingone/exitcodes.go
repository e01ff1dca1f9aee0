package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/actions"
)

// Exit codes, one per category of error. They are part of the command
// line's interface: scripts test them (see pingone help exit-codes).
const (
	exitOK           = 0
	exitError        = 1 // anything else
	exitUsage        = 2 // bad flags or arguments, input refused (here or by PingOne: 400)
	exitNotFound     = 3
	exitAuth         = 4 // not signed in, token refused, or forbidden (401, 403)
	exitRateLimited  = 5 // still throttled (429) after the retries
	exitServer       = 6 // PingOne failed (5xx) or no answer (connection, timeout)
	exitNotConfirmed = 7 // a destructive action without --yes where nobody can confirm, or declined
	exitPartial      = 8 // a bulk job finished, but some items failed (see the failures file)
	exitInterrupted  = 130
)

const exitCodesHelp = `Exit codes:

  0    success
  1    any other error
  2    usage: unknown command or flag, missing argument, input that is not
       valid (refused before sending, or by PingOne with 400)
  3    not found (404)
  4    not signed in, sign-in expired or refused, unauthorized or forbidden
       (401, 403)
  5    rate limited: PingOne still throttled the request after the retries
  6    PingOne failed (5xx) or did not answer (connection, timeout)
  7    a destructive action was not confirmed: declined at the prompt, or
       run without --yes where nobody can answer one
  8    a bulk job (users import) finished, but some rows failed: they are
       in the failures file with the reason
  130  interrupted (Ctrl-C)
`

// usageError is a mistake on the command line.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usageErrorf(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// authError says the command cannot authenticate (not signed in, token
// expired without a way to renew it).
type authError struct{ msg string }

func (e *authError) Error() string { return e.msg }

// codedError carries an exit code that no other error says: declined
// confirmations, partial bulk jobs.
type codedError struct {
	code int
	msg  string
}

func (e *codedError) Error() string { return e.msg }

// exitCode maps an error to its exit code.
func exitCode(err error) int {
	if err == nil {
		return exitOK
	}
	if e, ok := errors.AsType[*codedError](err); ok {
		return e.code
	}
	if _, ok := errors.AsType[*usageError](err); ok {
		return exitUsage
	}
	if _, ok := errors.AsType[*authError](err); ok {
		return exitAuth
	}
	if e, ok := errors.AsType[*actions.Error](err); ok && e.Kind == actions.InvalidInput {
		return exitUsage
	}
	if _, ok := errors.AsType[*pingone.ArgumentError](err); ok {
		return exitUsage
	}
	switch {
	case errors.Is(err, context.Canceled):
		return exitInterrupted
	case errors.Is(err, pingone.ErrNotFound):
		return exitNotFound
	case errors.Is(err, pingone.ErrRateLimited):
		return exitRateLimited
	case errors.Is(err, pingone.ErrUnauthorized), errors.Is(err, pingone.ErrForbidden), errors.Is(err, pingone.ErrUserTokenRequired):
		return exitAuth
	case errors.Is(err, pingone.ErrInvalidData):
		return exitUsage
	case errors.Is(err, pingone.ErrServerError), errors.Is(err, context.DeadlineExceeded):
		return exitServer
	}
	if _, ok := errors.AsType[*pingone.TokenError](err); ok {
		return exitAuth
	}
	if _, ok := errors.AsType[*pingone.TransportError](err); ok {
		return exitServer
	}
	if e, ok := errors.AsType[*actions.Error](err); ok && e.Kind == actions.RequestFailed {
		return exitServer
	}
	return exitError
}
