package pingone

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/go-json-experiment/json/jsontext"
)

// ClientSecret is an application's client secret. It never prints: String,
// GoString, every fmt verb, slog and JSON encoding show "[REDACTED]" (or
// nothing for an empty secret). Reveal returns the secret itself.
type ClientSecret struct {
	// The secret sits behind a pointer: fmt prints nested pointers as
	// addresses even where it bypasses Format (a wrong verb on an
	// enclosing struct).
	value *string
}

const redacted = "[REDACTED]"

// Reveal returns the secret.
func (s ClientSecret) Reveal() string {
	if s.value == nil {
		return ""
	}
	return *s.value
}

// IsZero reports whether there is no secret.
func (s ClientSecret) IsZero() bool { return s.Reveal() == "" }

func (s ClientSecret) shown() string {
	if s.IsZero() {
		return ""
	}
	return redacted
}

// String implements [fmt.Stringer] without the secret.
func (s ClientSecret) String() string { return s.shown() }

// GoString implements [fmt.GoStringer] without the secret.
func (s ClientSecret) GoString() string {
	return "pingone.ClientSecret(" + fmt.Sprintf("%q", s.shown()) + ")"
}

// Format implements [fmt.Formatter]: every verb prints the redacted form.
func (s ClientSecret) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		_, _ = f.Write([]byte(s.GoString()))
		return
	}
	_, _ = f.Write([]byte(s.shown()))
}

// LogValue implements [slog.LogValuer] without the secret.
func (s ClientSecret) LogValue() slog.Value { return slog.StringValue(s.shown()) }

// MarshalJSONTo implements [json.MarshalerTo]: it writes the redacted form,
// never the secret.
func (s ClientSecret) MarshalJSONTo(enc *jsontext.Encoder) error {
	return enc.WriteToken(jsontext.String(s.shown()))
}

// UnmarshalJSONFrom implements [json.UnmarshalerFrom]. Anything but a
// string leaves the secret empty.
func (s *ClientSecret) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	s.value = nil
	if dec.PeekKind() != '"' {
		return dec.SkipValue()
	}
	tok, err := dec.ReadToken()
	if err != nil {
		return err
	}
	v := tok.String()
	s.value = &v
	return nil
}

// ApplicationSecret is an OpenID Connect application's client secret and,
// after a rotation, the previous one while it still works.
type ApplicationSecret struct {
	Secret ClientSecret `json:"secret,omitzero"`
	// Previous is nil when there is no previous secret.
	Previous    *PreviousClientSecret     `json:"previous,omitzero"`
	Environment Ref                       `json:"environment,omitzero"`
	Links       Links                     `json:"_links,omitzero"`
	Extra       map[string]jsontext.Value `json:",embed"`
}

// PreviousClientSecret is a rotated-out secret that keeps working until
// ExpiresAt.
type PreviousClientSecret struct {
	Secret    ClientSecret `json:"secret,omitzero"`
	ExpiresAt time.Time    `json:"expiresAt,omitzero"`
	// LastUsed is when it last authenticated the application (zero: never
	// since the rotation).
	LastUsed time.Time `json:"lastUsed,omitzero"`
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
	return getOne[ApplicationSecret](ctx, (*service)(s), "applicationID", applicationID, "applications", applicationID, "secret")
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
	if applicationID == "" {
		return nil, missing("applicationID")
	}
	var body any
	if opts != nil && !opts.PreviousExpiresAt.IsZero() {
		type previous struct {
			ExpiresAt time.Time `json:"expiresAt"`
		}
		body = struct {
			Previous previous `json:"previous"`
		}{previous{opts.PreviousExpiresAt}}
	}
	return sendOne[ApplicationSecret](ctx, (*service)(s), "POST", body, "applications", applicationID, "secret")
}

// DeletePreviousSecret ends the previous client secret before it expires.
// The current secret is not affected.
//
// PingOne: "Delete Application Secret".
//
//pingone:operation DELETE /environments/{environmentID}/applications/{applicationID}/secret
func (s *ApplicationsService) DeletePreviousSecret(ctx context.Context, applicationID string) error {
	return deleteOne(ctx, (*service)(s), "applicationID", applicationID, "applications", applicationID, "secret")
}
