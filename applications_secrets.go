package pingone

import (
	"context"
	"encoding/json"
	"time"
)

// ApplicationSecret is an OpenID Connect application's client secret and,
// after a rotation, the previous one while it still works.
type ApplicationSecret struct {
	Secret Secret `json:"secret,omitzero"`
	// Previous is nil when there is no previous secret.
	Previous    *PreviousClientSecret `json:"previous,omitzero"`
	Environment Ref                   `json:"environment,omitzero"`
	Links       Links                 `json:"_links,omitzero"`
	// Extra holds members this version of the SDK does not know.
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// PreviousClientSecret is a rotated-out secret that keeps working until
// ExpiresAt.
type PreviousClientSecret struct {
	Secret    Secret    `json:"secret,omitzero"`
	ExpiresAt time.Time `json:"expiresAt,omitzero"`
	// LastUsed is when it last authenticated the application (zero: never
	// since the rotation).
	LastUsed time.Time                  `json:"lastUsed,omitzero"`
	Extra    map[string]json.RawMessage `json:",embed"`
	wire     wireMeta
}

// RotateSecretOptions adjust [ApplicationsService.RotateSecret].
type RotateSecretOptions struct {
	// PreviousExpiresAt keeps the current secret working until then
	// (PingOne allows up to 30 days). Zero makes it stop working at once.
	PreviousExpiresAt time.Time
}

// GetSecret returns an OpenID Connect application's client secret (and
// the previous one after a rotation). PingOne refuses a worker application
// reading its own secret, and an actor whose roles the application's role
// assignments exceed.
//
// PingOne: "Get Application Secret".
//
//pingone:operation GET /environments/{environmentID}/applications/{applicationID}/secret
func (s *ApplicationsService) GetSecret(ctx context.Context, applicationID string) (*ApplicationSecret, error) {
	return send[ApplicationSecret](ctx, (*service)(s), call{op: "Applications.GetSecret", route: "GET /environments/{environmentID}/applications/{applicationID}/secret", ids: []string{applicationID}})
}

// RotateSecret gives an application a new client secret and returns it.
// Without opts.PreviousExpiresAt the old secret stops working at once;
// with it, the old one keeps working until then (see
// [ApplicationsService.DeletePreviousSecret] to end it sooner).
//
// PingOne: "Generate Application Secret".
//
//pingone:operation POST /environments/{environmentID}/applications/{applicationID}/secret
func (s *ApplicationsService) RotateSecret(ctx context.Context, applicationID string, opts *RotateSecretOptions) (*ApplicationSecret, error) {
	var body any
	if opts != nil && !opts.PreviousExpiresAt.IsZero() {
		type previous struct {
			ExpiresAt time.Time `json:"expiresAt"`
		}
		body = struct {
			Previous previous `json:"previous"`
		}{previous{opts.PreviousExpiresAt}}
	}
	return send[ApplicationSecret](ctx, (*service)(s), call{op: "Applications.RotateSecret", route: "POST /environments/{environmentID}/applications/{applicationID}/secret", ids: []string{applicationID}, body: body})
}

// DeletePreviousSecret ends the previous client secret before it expires.
// The current secret is not affected.
//
// PingOne: "Delete Application Secret".
//
//pingone:operation DELETE /environments/{environmentID}/applications/{applicationID}/secret
func (s *ApplicationsService) DeletePreviousSecret(ctx context.Context, applicationID string) error {
	return sendNoContent(ctx, (*service)(s), call{op: "Applications.DeletePreviousSecret", route: "DELETE /environments/{environmentID}/applications/{applicationID}/secret", ids: []string{applicationID}})
}
