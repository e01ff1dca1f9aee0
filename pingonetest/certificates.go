package pingonetest

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/asn1"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"slices"
	"strings"
	"time"
)

func init() { registerFamily((*Server).routesCertificates) }

var certificateKind = &kind{
	name:    "certificate",
	idParam: "certID",
	list:    listSpec{embedded: "certificates"},
	view: func(c *call, o obj) obj {
		o = clone(o)
		start, _ := time.Parse(time.RFC3339, str(o, "startsAt"))
		end, _ := time.Parse(time.RFC3339, str(o, "expiresAt"))
		o["status"] = certificateStatus(start, end, c.s.now())
		return o
	},
}

func (s *Server) routesCertificates() {
	s.routes("/environments/{envID}/certificates", certificateKind, "list", "get", "delete")
	s.handle("POST /environments/{envID}/certificates", s.importCertificate)
}

// Certificate import limits.
const (
	maxCertificateUpload = 1 << 20
	certificateExpiring  = 30 * 24 * time.Hour
)

var certificateUsages = []string{"SIGNING", "ENCRYPTION"}

// importCertificate serves "Import Certificate": a multipart/form-data
// upload with a file part (PEM, or PKCS#7 in DER or PEM) and a usageType
// field. It answers 202 with what it parsed from the certificate.
func (s *Server) importCertificate(c *call) {
	mediaType, _, err := mime.ParseMediaType(c.r.Header.Get("Content-Type"))
	if err != nil || mediaType != "multipart/form-data" {
		c.fail(errRequest(http.StatusUnsupportedMediaType, fmt.Sprintf("Content-Type %q is not supported for this request: send multipart/form-data", c.contentType())))
		return
	}
	c.r.Body = http.MaxBytesReader(c.w, c.r.Body, maxCertificateUpload+64<<10)
	if err := c.r.ParseMultipartForm(maxCertificateUpload); err != nil {
		c.fail(errInvalid("The request body is not valid multipart/form-data",
			detail{Code: "INVALID_VALUE", Message: "The request body is not valid multipart/form-data"}))
		return
	}
	defer c.r.MultipartForm.RemoveAll()

	usage := c.r.MultipartForm.Value["usageType"]
	switch {
	case len(usage) == 0 || strings.TrimSpace(usage[0]) == "":
		c.fail(errRequired("usageType"))
		return
	case !slices.Contains(certificateUsages, usage[0]):
		c.fail(errInvalid("The request could not be completed. One or more validation errors were in the request.",
			detail{Code: "INVALID_VALUE", Target: "usageType", Message: "usageType must be SIGNING or ENCRYPTION",
				InnerError: map[string]any{"allowedValues": certificateUsages}}))
		return
	}
	files := c.r.MultipartForm.File["file"]
	if len(files) == 0 {
		c.fail(errRequired("file"))
		return
	}
	f, err := files[0].Open()
	if err != nil {
		c.fail(errRequest(400, "unable to read the file part"))
		return
	}
	data, err := io.ReadAll(io.LimitReader(f, maxCertificateUpload+1))
	f.Close()
	if err != nil {
		c.fail(errRequest(400, "unable to read the file part"))
		return
	}
	if len(data) > maxCertificateUpload {
		c.fail(errInvalid("The certificate file is too large",
			detail{Code: "SIZE_LIMIT_EXCEEDED", Target: "file", Message: "file must be at most 1 MiB", InnerError: map[string]any{"maximumValue": maxCertificateUpload}}))
		return
	}
	cert, err := parseCertificateFile(data)
	if err != nil {
		c.fail(errInvalid("The request could not be completed. One or more validation errors were in the request.",
			detail{Code: "INVALID_VALUE", Target: "file", Message: "The file is not a valid certificate: " + err.Error()}))
		return
	}

	collPath := c.path(0)
	id := s.newID()
	o := certificateObject(cert)
	o["id"] = id
	o["usageType"] = usage[0]
	o["environment"] = obj{"id": c.envID}
	o["organization"] = obj{"id": s.orgID}
	o["createdAt"] = s.stamp()
	s.st.put(collPath, id, o)
	writeJSON(c.w, http.StatusAccepted, certificateKind.render(c, collPath, o))
}

// certificateObject describes cert as PingOne does.
func certificateObject(cert *x509.Certificate) obj {
	algorithm, keyLength := certificateKey(cert)
	name := cert.Subject.CommonName
	if name == "" {
		name = cert.Subject.String()
	}
	if name == "" {
		name = "certificate " + cert.SerialNumber.String()
	}
	days := int(cert.NotAfter.Sub(cert.NotBefore) / (24 * time.Hour))
	return obj{
		"name":               name,
		"algorithm":          algorithm,
		"keyLength":          keyLength,
		"signatureAlgorithm": certificateSignatureAlgorithm(cert.SignatureAlgorithm),
		"subjectDN":          cert.Subject.String(),
		"issuerDN":           cert.Issuer.String(),
		// A JSON number with every digit: serials are often 128 bits or more.
		"serialNumber":   json.Number(cert.SerialNumber.String()),
		"validityPeriod": max(days, 1),
		"startsAt":       cert.NotBefore.UTC().Format("2006-01-02T15:04:05.000Z"),
		"expiresAt":      cert.NotAfter.UTC().Format("2006-01-02T15:04:05.000Z"),
		"default":        false,
	}
}

// certificateKey returns the key algorithm (RSA, EC or UNKNOWN) and size in
// bits.
func certificateKey(cert *x509.Certificate) (string, int) {
	switch k := cert.PublicKey.(type) {
	case *rsa.PublicKey:
		return "RSA", k.N.BitLen()
	case *ecdsa.PublicKey:
		return "EC", k.Curve.Params().BitSize
	case ed25519.PublicKey:
		return "UNKNOWN", 256
	}
	return "UNKNOWN", 0
}

// certificateSignatureAlgorithm spells a signature algorithm as PingOne (a
// Java service) does.
func certificateSignatureAlgorithm(a x509.SignatureAlgorithm) string {
	switch a {
	case x509.SHA256WithRSA:
		return "SHA256withRSA"
	case x509.SHA384WithRSA:
		return "SHA384withRSA"
	case x509.SHA512WithRSA:
		return "SHA512withRSA"
	case x509.ECDSAWithSHA256:
		return "SHA256withECDSA"
	case x509.ECDSAWithSHA384:
		return "SHA384withECDSA"
	case x509.ECDSAWithSHA512:
		return "SHA512withECDSA"
	case x509.SHA1WithRSA:
		return "SHA1withRSA"
	case x509.ECDSAWithSHA1:
		return "SHA1withECDSA"
	case x509.SHA256WithRSAPSS:
		return "SHA256withRSAandMGF1"
	case x509.SHA384WithRSAPSS:
		return "SHA384withRSAandMGF1"
	case x509.SHA512WithRSAPSS:
		return "SHA512withRSAandMGF1"
	case x509.PureEd25519:
		return "Ed25519"
	}
	return "UNKNOWN"
}

// certificateStatus is VALID, EXPIRING (within 30 days), EXPIRED or
// NOT_YET_VALID at t.
func certificateStatus(start, end, t time.Time) string {
	switch {
	case t.Before(start):
		return "NOT_YET_VALID"
	case !t.Before(end):
		return "EXPIRED"
	case end.Sub(t) <= certificateExpiring:
		return "EXPIRING"
	}
	return "VALID"
}

// parseCertificateFile reads the first certificate of a PEM file (a
// CERTIFICATE or PKCS7 block), of a DER PKCS#7 file or of a DER
// certificate.
func parseCertificateFile(data []byte) (*x509.Certificate, error) {
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return nil, errors.New("the file is empty")
	}
	if bytes.Contains(trimmed, []byte("-----BEGIN")) {
		rest := trimmed
		for {
			block, next := pem.Decode(rest)
			if block == nil {
				return nil, errors.New("no CERTIFICATE or PKCS7 PEM block found")
			}
			rest = next
			switch block.Type {
			case "CERTIFICATE":
				return x509.ParseCertificate(block.Bytes)
			case "PKCS7":
				return parsePKCS7(block.Bytes)
			}
		}
	}
	if cert, err := parsePKCS7(trimmed); err == nil {
		return cert, nil
	}
	cert, err := x509.ParseCertificate(trimmed)
	if err != nil {
		return nil, errors.New("neither PEM, PKCS#7 nor a DER certificate")
	}
	return cert, nil
}

var oidSignedData = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 2}

// pkcs7ContentInfo is PKCS#7's ContentInfo (RFC 2315 section 7).
type pkcs7ContentInfo struct {
	ContentType asn1.ObjectIdentifier
	Content     asn1.RawValue `asn1:"explicit,optional,tag:0"`
}

// pkcs7SignedData is PKCS#7's SignedData (RFC 2315 section 9.1); a
// certs-only file has no signers.
type pkcs7SignedData struct {
	Version          int
	DigestAlgorithms asn1.RawValue
	ContentInfo      asn1.RawValue
	Certificates     asn1.RawValue `asn1:"optional,tag:0"`
	CRLs             asn1.RawValue `asn1:"optional,tag:1"`
	SignerInfos      asn1.RawValue
}

// parsePKCS7 returns the first certificate of a DER PKCS#7 SignedData.
func parsePKCS7(der []byte) (*x509.Certificate, error) {
	var ci pkcs7ContentInfo
	rest, err := asn1.Unmarshal(der, &ci)
	if err != nil {
		return nil, fmt.Errorf("not a PKCS#7 structure: %w", err)
	}
	if len(rest) > 0 {
		return nil, errors.New("trailing data after the PKCS#7 structure")
	}
	if !ci.ContentType.Equal(oidSignedData) {
		return nil, errors.New("the PKCS#7 content is not SignedData")
	}
	var sd pkcs7SignedData
	if _, err := asn1.Unmarshal(ci.Content.Bytes, &sd); err != nil {
		return nil, fmt.Errorf("bad PKCS#7 SignedData: %w", err)
	}
	if len(sd.Certificates.Bytes) == 0 {
		return nil, errors.New("the PKCS#7 file holds no certificate")
	}
	certs, err := x509.ParseCertificates(sd.Certificates.Bytes)
	if err != nil {
		return nil, err
	}
	return certs[0], nil
}
