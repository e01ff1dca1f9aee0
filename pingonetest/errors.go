package pingonetest

import (
	"fmt"
	"maps"
	"net/http"
)

// apiError is an error answer in PingOne's format.
type apiError struct {
	status  int
	code    string
	message string
	details []detail
	header  http.Header
}

type detail struct {
	Code       string         `json:"code"`
	Target     string         `json:"target,omitempty"`
	Message    string         `json:"message"`
	InnerError map[string]any `json:"innerError,omitempty"`
}

func (e *apiError) Error() string { return fmt.Sprintf("%d %s: %s", e.status, e.code, e.message) }

func errNotFound(what string) *apiError {
	return &apiError{status: 404, code: "NOT_FOUND", message: "Unable to find " + what}
}

func errInvalid(msg string, ds ...detail) *apiError {
	return &apiError{status: 400, code: "INVALID_DATA", message: msg, details: ds}
}

func errRequired(field string) *apiError {
	return errInvalid("The request could not be completed. One or more validation errors were in the request.",
		detail{Code: "REQUIRED_VALUE", Target: field, Message: field + " is required"})
}

func errValue(field, msg string) *apiError {
	return errInvalid("The request could not be completed. One or more validation errors were in the request.",
		detail{Code: "INVALID_VALUE", Target: field, Message: msg})
}

func errUnique(field string, existingID string) *apiError {
	return errInvalid("The request could not be completed. One or more validation errors were in the request.",
		detail{Code: "UNIQUENESS_VIOLATION", Target: field, Message: field + " must be unique", InnerError: map[string]any{"existingId": existingID}})
}

func errConstraint(msg string) *apiError {
	return errInvalid(msg, detail{Code: "CONSTRAINT_VIOLATION", Message: msg})
}

func errRequest(status int, msg string) *apiError {
	return &apiError{status: status, code: "INVALID_REQUEST", message: msg}
}

func errAccess(status int, detailCode, msg string) *apiError {
	e := &apiError{status: status, code: "ACCESS_FAILED", message: msg}
	if detailCode != "" {
		e.details = []detail{{Code: detailCode, Message: msg}}
	}
	return e
}

// errNotAuthorized is PingOne's answer to an actor whose role assignments
// do not allow a request.
func errNotAuthorized() *apiError {
	return &apiError{status: 403, code: "ACCESS_FAILED", message: "The request could not be completed. You do not have access to this resource.",
		details: []detail{{Code: "INSUFFICIENT_PERMISSIONS", Message: "The actor attempting to perform the request is not authorized."}}}
}

// writeError writes e as PingOne does: JSON with id, code, message and
// details.
func (s *Server) writeError(w http.ResponseWriter, e *apiError) {
	maps.Copy(w.Header(), e.header)
	body := map[string]any{"id": s.newID(), "code": e.code, "message": e.message}
	if len(e.details) > 0 {
		body["details"] = e.details
	}
	writeJSON(w, e.status, body)
}
