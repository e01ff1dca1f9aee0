package pingone

import (
	"bytes"
	"context"
	"fmt"
	"iter"
	"math/big"
	"mime/multipart"
	"net/textproto"
	"strings"
	"time"

	"encoding/json"
)

// CertificatesService manages an environment's certificates.
type CertificatesService service

// KeyAlgorithm is a certificate's public-key algorithm. PingOne may add
// values; unknown ones are kept.
type KeyAlgorithm string

// Known key algorithms.
const (
	KeyAlgorithmRSA     KeyAlgorithm = "RSA"
	KeyAlgorithmEC      KeyAlgorithm = "EC"
	KeyAlgorithmUnknown KeyAlgorithm = "UNKNOWN"
)

// SignatureAlgorithm is the algorithm a certificate is signed with, in
// PingOne's (Java) spelling. PingOne may add values; unknown ones are kept.
type SignatureAlgorithm string

// Known signature algorithms.
const (
	SHA256WithRSA   SignatureAlgorithm = "SHA256withRSA"
	SHA384WithRSA   SignatureAlgorithm = "SHA384withRSA"
	SHA512WithRSA   SignatureAlgorithm = "SHA512withRSA"
	SHA256WithECDSA SignatureAlgorithm = "SHA256withECDSA"
	SHA384WithECDSA SignatureAlgorithm = "SHA384withECDSA"
	SHA512WithECDSA SignatureAlgorithm = "SHA512withECDSA"
)

// CertificateUsage is what a certificate is for. PingOne may add values;
// unknown ones are kept.
type CertificateUsage string

// Known certificate usages. [CertificatesService.Import] accepts SIGNING and
// ENCRYPTION.
const (
	CertificateUsageSigning      CertificateUsage = "SIGNING"
	CertificateUsageEncryption   CertificateUsage = "ENCRYPTION"
	CertificateUsageSSLTLS       CertificateUsage = "SSL/TLS"
	CertificateUsageIssuance     CertificateUsage = "ISSUANCE"
	CertificateUsageOutboundMTLS CertificateUsage = "OUTBOUND_MTLS"
)

// CertificateStatus is a certificate's validity. PingOne may add values;
// unknown ones are kept.
type CertificateStatus string

// Known certificate statuses. EXPIRING means valid but close to its end.
const (
	CertificateValid       CertificateStatus = "VALID"
	CertificateExpiring    CertificateStatus = "EXPIRING"
	CertificateExpired     CertificateStatus = "EXPIRED"
	CertificateNotYetValid CertificateStatus = "NOT_YET_VALID"
	CertificateRevoked     CertificateStatus = "REVOKED"
)

// Certificate is a certificate PingOne holds. Every field but UsageType
// comes from the certificate itself.
type Certificate struct {
	ID           string       `json:"id,omitzero"`
	Environment  Ref          `json:"environment,omitzero"`
	Organization Ref          `json:"organization,omitzero"`
	Name         string       `json:"name,omitzero"`
	Algorithm    KeyAlgorithm `json:"algorithm,omitzero"`
	// KeyLength is the key size in bits (such as 2048 for RSA, 256 for
	// P-256).
	KeyLength          int                `json:"keyLength,omitzero"`
	SignatureAlgorithm SignatureAlgorithm `json:"signatureAlgorithm,omitzero"`
	SubjectDN          string             `json:"subjectDN,omitzero"`
	IssuerDN           string             `json:"issuerDN,omitzero"`
	// SerialNumber is often wider than 64 bits: see [SerialNumber].
	SerialNumber SerialNumber `json:"serialNumber,omitzero"`
	// ValidityPeriod is the certificate's lifetime in days.
	ValidityPeriod int              `json:"validityPeriod,omitzero"`
	UsageType      CertificateUsage `json:"usageType,omitzero"`
	// Default reports whether this is the environment's default
	// certificate for its usage.
	Default   bool              `json:"default,omitzero"`
	CustomCRL string            `json:"customCRL,omitzero"`
	StartsAt  time.Time         `json:"startsAt,omitzero"`
	ExpiresAt time.Time         `json:"expiresAt,omitzero"`
	Status    CertificateStatus `json:"status,omitzero"`
	CreatedAt time.Time         `json:"createdAt,omitzero"`
	Links     Links             `json:"_links,omitzero"`
	// Extra holds members this version of the SDK does not know.
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// SerialNumber is a certificate serial number as decimal digits. X.509
// serials are up to 20 bytes, and most are wider than 64 bits, so no Go
// integer holds them: use [SerialNumber.BigInt]. It decodes from a JSON
// number of any size or from a string (kept as sent), and encodes as a JSON
// number when it is decimal.
type SerialNumber string

// BigInt returns the serial as an integer, or false when it is empty or not
// a decimal number (or hexadecimal with a 0x prefix).
func (n SerialNumber) BigInt() (*big.Int, bool) {
	s := strings.TrimSpace(string(n))
	if s == "" {
		return nil, false
	}
	return new(big.Int).SetString(s, 0)
}

// String returns the serial as PingOne sent it.
func (n SerialNumber) String() string { return string(n) }

// MarshalJSON writes the serial as a JSON number when it is decimal, else
// as a string.
func (n SerialNumber) MarshalJSON() ([]byte, error) { return marshalWire(&n) }

// UnmarshalJSON reads a number of any size, keeping all its digits, or a
// string, kept as it is; null or any other value gives "".
func (n *SerialNumber) UnmarshalJSON(data []byte) error { return unmarshalWire(data, n) }

func (n *SerialNumber) encodeWire(e *wireEncoder) error {
	if isDecimal(string(*n)) {
		return e.raw([]byte(*n))
	}
	return e.writeString(string(*n))
}

// decodeWire keeps what would not encode back the same (a decimal serial
// in a string, a number with a fraction or an exponent, a value of another
// JSON type) as it came: the enclosing member then goes back unchanged.
func (n *SerialNumber) decodeWire(d *wireDecoder) error {
	v, err := d.readValue()
	if err != nil {
		return err
	}
	switch v.Kind() {
	case '0':
		*n = SerialNumber(v)
		if !isDecimal(string(v)) {
			d.coerced()
		}
	case '"':
		s, ok := d.stringOf(v)
		*n = SerialNumber(s)
		if !ok || isDecimal(s) {
			d.coerced()
		}
	default:
		*n = ""
		d.mismatch()
	}
	return nil
}

func isDecimal(s string) bool {
	if s == "" {
		return false
	}
	if s[0] == '-' {
		s = s[1:]
	}
	if s == "" || (len(s) > 1 && s[0] == '0') {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ImportCertificateRequest is a certificate file to import.
type ImportCertificateRequest struct {
	// File is the certificate: PEM ("-----BEGIN CERTIFICATE-----") or
	// PKCS#7 (DER or PEM). The file's content, not its name.
	File []byte
	// FileName is sent as the file part's name (default "certificate.pem");
	// PingOne does not derive anything from it.
	FileName string
	// UsageType is SIGNING or ENCRYPTION.
	UsageType CertificateUsage
}

// List returns one page of certificates (opts may be nil). Keys with their
// private parts are a different resource, not listed here.
//
// PingOne: "List Certificates".
//
//pingone:operation GET /environments/{environmentID}/certificates
func (s *CertificatesService) List(ctx context.Context, opts *ListOptions) (*Page[Certificate], error) {
	return listPage[Certificate](ctx, (*service)(s), call{op: "Certificates.List", route: "GET /environments/{environmentID}/certificates", opts: opts, key: "certificates"})
}

// ListIter iterates over every certificate, fetching pages as the loop goes.
func (s *CertificatesService) ListIter(ctx context.Context, opts *ListOptions) iter.Seq2[*Certificate, error] {
	return listAll[Certificate](ctx, (*service)(s), call{op: "Certificates.ListIter", route: "GET /environments/{environmentID}/certificates", opts: opts, key: "certificates"})
}

// Import uploads a certificate (multipart/form-data) and returns what
// PingOne parsed from it. PingOne answers 202 Accepted; a file it cannot
// parse gets an [*APIError] with status 400 (target "file").
//
// PingOne: "Import Certificate".
//
//pingone:operation POST /environments/{environmentID}/certificates
func (s *CertificatesService) Import(ctx context.Context, req ImportCertificateRequest) (*Certificate, error) {
	const op = "Certificates.Import"
	if len(req.File) == 0 {
		return nil, &ArgumentError{Method: op, Name: "File", Problem: "is required"}
	}
	if err := requireFields(op, "UsageType", string(req.UsageType)); err != nil {
		return nil, err
	}
	body, contentType, err := certificateForm(req)
	if err != nil {
		return nil, fmt.Errorf("pingone: %s: encoding the request: %w", op, err)
	}
	return send[Certificate](ctx, (*service)(s), call{op: op, route: "POST /environments/{environmentID}/certificates", raw: body, contentType: contentType})
}

// certificateForm encodes the multipart body: the usageType field, then the
// file part.
func certificateForm(req ImportCertificateRequest) ([]byte, string, error) {
	name := req.FileName
	if name == "" {
		name = "certificate.pem"
	}
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	if err := w.WriteField("usageType", string(req.UsageType)); err != nil {
		return nil, "", err
	}
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="file"; filename="`+certFileNameEscaper.Replace(name)+`"`)
	h.Set("Content-Type", "application/octet-stream")
	part, err := w.CreatePart(h)
	if err != nil {
		return nil, "", err
	}
	if _, err := part.Write(req.File); err != nil {
		return nil, "", err
	}
	if err := w.Close(); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), w.FormDataContentType(), nil
}

// certFileNameEscaper quotes a file name for Content-Disposition, dropping
// line breaks that would start a new header.
var certFileNameEscaper = strings.NewReplacer("\\", "\\\\", `"`, "\\\"", "\r", "", "\n", "")
