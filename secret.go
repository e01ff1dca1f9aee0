package pingone

import (
	"fmt"
	"log/slog"
)

// Secret holds a credential: an application's client secret, an identity
// provider's client secret or signing key, or an MFA enrolment secret. It
// never shows itself: String, GoString, every fmt verb, log/slog, and JSON
// encoding (encoding/json and go-json-experiment alike) give "[REDACTED]",
// or "" when there is no secret. Reveal returns it. Only the SDK's own
// request encoder sends the value, to PingOne.
type Secret struct {
	// Behind a pointer: fmt prints a nested pointer as an address even
	// where it bypasses Format (a wrong verb on an enclosing struct).
	v *string
}

const redacted = "[REDACTED]"

// NewSecret wraps a secret; an empty s gives no secret.
func NewSecret(s string) Secret {
	if s == "" {
		return Secret{}
	}
	return Secret{v: &s}
}

// Reveal returns the secret itself.
func (s Secret) Reveal() string {
	if s.v == nil {
		return ""
	}
	return *s.v
}

// IsZero reports whether there is no secret (an omitzero field is then
// omitted).
func (s Secret) IsZero() bool { return s.v == nil || *s.v == "" }

func (s Secret) shown() string {
	if s.IsZero() {
		return ""
	}
	return redacted
}

// String implements [fmt.Stringer] without the secret.
func (s Secret) String() string { return s.shown() }

// GoString implements [fmt.GoStringer] without the secret.
func (s Secret) GoString() string { return fmt.Sprintf("pingone.Secret(%q)", s.shown()) }

// Format implements [fmt.Formatter]: every verb prints the redacted form.
func (s Secret) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		_, _ = f.Write([]byte(s.GoString()))
		return
	}
	_, _ = f.Write([]byte(s.shown()))
}

// LogValue implements [slog.LogValuer] without the secret.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.shown()) }

// MarshalJSON serves encoding/json (which loggers use): the redacted form.
func (s Secret) MarshalJSON() ([]byte, error) { return []byte(`"` + s.shown() + `"`), nil }

// UnmarshalJSON reads a secret. Anything but a non-empty string leaves no
// secret.
func (s *Secret) UnmarshalJSON(data []byte) error { return unmarshalWire(data, s) }

// encodeWire writes the secret itself only in a request to PingOne.
func (s *Secret) encodeWire(e *wireEncoder) error {
	if e.reveal {
		return e.writeString(s.Reveal())
	}
	return e.writeString(s.shown())
}

func (s *Secret) decodeWire(d *wireDecoder) error {
	*s = Secret{}
	v, err := d.readValue()
	if err != nil {
		return err
	}
	if v.Kind() != '"' {
		d.mismatch()
		return nil
	}
	str, ok := d.stringOf(v)
	if !ok {
		d.coerced()
	}
	*s = NewSecret(str)
	return nil
}

func (Secret) wireSecret() {}
