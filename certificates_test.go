package pingone_test

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/json"
	"encoding/pem"
	"errors"
	"io"
	"math/big"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
)

const (
	certID3  = "ce470000-0000-4000-8000-000000000003"
	envCerts = "/environments/" + testEnv + "/certificates"
	// serial128 is 2^127-1: a 128-bit serial, as most CAs issue.
	serial128 = "170141183460469231731687303715884105727"
)

// genCert is a certificate made for a test.
type genCert struct {
	cert *x509.Certificate
	der  []byte
}

// PEM returns the certificate as a PEM file.
func (g genCert) PEM() []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: g.der})
}

// PKCS7 returns the certificate as a certs-only PKCS#7 SignedData (DER),
// as `openssl crl2pkcs7 -nocrl` writes it.
func (g genCert) PKCS7() ([]byte, error) {
	emptySet := asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSet, IsCompound: true}
	signedData, err := asn1.Marshal(struct {
		Version          int
		DigestAlgorithms asn1.RawValue
		ContentInfo      struct{ ContentType asn1.ObjectIdentifier }
		Certificates     asn1.RawValue
		SignerInfos      asn1.RawValue
	}{
		Version:          1,
		DigestAlgorithms: emptySet,
		ContentInfo:      struct{ ContentType asn1.ObjectIdentifier }{asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 1}},
		Certificates:     asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: g.der},
		SignerInfos:      emptySet,
	})
	if err != nil {
		return nil, err
	}
	return asn1.Marshal(struct {
		ContentType asn1.ObjectIdentifier
		Content     asn1.RawValue
	}{
		ContentType: asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 2},
		Content:     asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: signedData},
	})
}

// certSpec describes a certificate to generate.
type certSpec struct {
	ec        bool     // ECDSA P-256 instead of RSA 2048
	serial    *big.Int // default: a random 64-bit serial
	cn        string
	notBefore time.Time
	notAfter  time.Time
}

// makeCert generates a self-signed certificate.
func makeCert(spec certSpec) (genCert, error) {
	var key crypto.Signer
	var err error
	if spec.ec {
		key, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	} else {
		key, err = rsa.GenerateKey(rand.Reader, 2048)
	}
	if err != nil {
		return genCert{}, err
	}
	serial := spec.serial
	if serial == nil {
		if serial, err = rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 63)); err != nil {
			return genCert{}, err
		}
		serial.Add(serial, big.NewInt(1))
	}
	if spec.notBefore.IsZero() {
		spec.notBefore = time.Now().Add(-time.Hour).Truncate(time.Second)
	}
	if spec.notAfter.IsZero() {
		spec.notAfter = spec.notBefore.Add(365 * 24 * time.Hour)
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: spec.cn, Organization: []string{"Example Corp"}},
		NotBefore:    spec.notBefore,
		NotAfter:     spec.notAfter,
		KeyUsage:     x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		return genCert{}, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return genCert{}, err
	}
	return genCert{cert: cert, der: der}, nil
}

func mustCert(t testing.TB, spec certSpec) genCert {
	t.Helper()
	g, err := makeCert(spec)
	require.NoError(t, err)
	return g
}

func bigSerial(t testing.TB, s string) *big.Int {
	t.Helper()
	n, ok := new(big.Int).SetString(s, 10)
	require.True(t, ok)
	return n
}

// goldenImportCert is the certificate the Import action case uploads.
var goldenImportCert = sync.OnceValues(func() (genCert, error) {
	serial, _ := new(big.Int).SetString(serial128, 10)
	return makeCert(certSpec{cn: "idp.example.com", serial: serial})
})

func init() {
	registerActions(
		actionCase{
			action: "List Certificates", family: "certificates", golden: "list",
			method: "GET", path: envCerts, status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Certificates.List(ctx, nil)
			},
			check: func(t *testing.T, got any) {
				p := got.(*pingone.Page[pingone.Certificate])
				require.Len(t, p.Items, 2)
				rsaCert, ecCert := p.Items[0], p.Items[1]
				assert.Equal(t, pingone.KeyAlgorithmRSA, rsaCert.Algorithm)
				assert.Equal(t, 2048, rsaCert.KeyLength)
				assert.Equal(t, pingone.SHA256WithRSA, rsaCert.SignatureAlgorithm)
				assert.Equal(t, "CN=saml.example.com,O=Example Corp,C=US", rsaCert.SubjectDN)
				assert.Equal(t, "CN=Example Issuing CA,O=Example Corp,C=US", rsaCert.IssuerDN)
				assert.Equal(t, pingone.SerialNumber("281474976710655"), rsaCert.SerialNumber)
				assert.Equal(t, pingone.CertificateUsageSigning, rsaCert.UsageType)
				assert.Equal(t, pingone.CertificateExpired, rsaCert.Status)
				assert.Equal(t, "0a9a0000-0000-4000-8000-000000000001", rsaCert.Organization.ID)
				assert.Equal(t, time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC), rsaCert.ExpiresAt)
				assert.Equal(t, pingone.KeyAlgorithmEC, ecCert.Algorithm)
				assert.Equal(t, 256, ecCert.KeyLength)
				assert.Equal(t, pingone.SHA256WithECDSA, ecCert.SignatureAlgorithm)
				assert.Equal(t, 730, ecCert.ValidityPeriod)
				assert.Equal(t, pingone.CertificateUsageEncryption, ecCert.UsageType)
				assert.Equal(t, "http://crl.example.com/partner.crl", ecCert.CustomCRL)
				assert.Equal(t, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), ecCert.StartsAt)
			},
		},
		actionCase{
			action: "Import Certificate", family: "certificates", golden: "import",
			method: "POST", path: envCerts, status: 202,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				g, err := goldenImportCert()
				if err != nil {
					return nil, err
				}
				return env.Certificates.Import(ctx, pingone.ImportCertificateRequest{File: g.PEM(), UsageType: pingone.CertificateUsageSigning})
			},
			check: func(t *testing.T, got any) {
				c := got.(*pingone.Certificate)
				assert.Equal(t, certID3, c.ID)
				assert.Equal(t, "idp.example.com", c.Name)
				assert.Equal(t, pingone.SerialNumber(serial128), c.SerialNumber, "every digit is kept")
				n, ok := c.SerialNumber.BigInt()
				require.True(t, ok)
				assert.Equal(t, 127, n.BitLen())
				assert.Equal(t, pingone.CertificateValid, c.Status)
				assert.Equal(t, 365, c.ValidityPeriod)
			},
		},
	)
}

func TestCertificates(t *testing.T) {
	t.Parallel()
	testFamily(t, "certificates")
}

// TestImportCertificateSendsMultipart checks the body Import sends: a
// multipart/form-data body with its boundary, a usageType field and a file
// part holding the bytes given.
func TestImportCertificateSendsMultipart(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	g := mustCert(t, certSpec{cn: "multipart.example.com", ec: true})
	file := g.PEM()
	var parts map[string][]byte
	var fileName, fileType string
	mt.RegisterResponder(http.MethodPost, testAPIBase+envCerts, func(r *http.Request) (*http.Response, error) {
		mediaType, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if err != nil || mediaType != "multipart/form-data" || params["boundary"] == "" {
			return nil, errors.New("bad content type " + r.Header.Get("Content-Type"))
		}
		parts = map[string][]byte{}
		mr := multipart.NewReader(r.Body, params["boundary"])
		for {
			p, err := mr.NextPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, err
			}
			data, err := io.ReadAll(p)
			if err != nil {
				return nil, err
			}
			parts[p.FormName()] = data
			if p.FormName() == "file" {
				fileName, fileType = p.FileName(), p.Header.Get("Content-Type")
			}
		}
		return jsonResponder(202, string(readGolden(t, "certificates", "import.json")))(r)
	})
	input := pingone.ImportCertificateRequest{File: file, FileName: "partner \"A\".pem", UsageType: pingone.CertificateUsageEncryption}
	before := append([]byte(nil), file...)
	_, err := c.Environment(testEnv).Certificates.Import(t.Context(), input)
	require.NoError(t, err)
	assert.Equal(t, map[string][]byte{"file": file, "usageType": []byte("ENCRYPTION")}, parts)
	assert.Equal(t, `partner "A".pem`, fileName)
	assert.Equal(t, "application/octet-stream", fileType)
	assert.Equal(t, before, input.File, "the input is not modified")
}

// TestCertificatesCheckArguments: bad arguments fail before any request,
// with an error naming the method and the argument.
func TestCertificatesCheckArguments(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	ctx := t.Context()
	env := c.Environment(testEnv)
	cases := []struct {
		call func() error
		want string
	}{
		{func() error {
			_, err := env.Certificates.Import(ctx, pingone.ImportCertificateRequest{UsageType: pingone.CertificateUsageSigning})
			return err
		}, "pingone: Certificates.Import: File is required"},
		{func() error {
			_, err := env.Certificates.Import(ctx, pingone.ImportCertificateRequest{File: []byte("x")})
			return err
		}, "pingone: Certificates.Import: UsageType is required"},
		{func() error {
			_, err := c.Environment("").Certificates.Import(ctx, pingone.ImportCertificateRequest{File: []byte("x"), UsageType: pingone.CertificateUsageSigning})
			return err
		}, "pingone: Certificates.Import: environmentID is required"},
		{func() error { _, err := c.Environment("").Certificates.List(ctx, nil); return err }, "pingone: Certificates.List: environmentID is required"},
		{func() error {
			for _, err := range c.Environment("..").Certificates.ListIter(ctx, nil) {
				return err
			}
			return nil
		}, "pingone: Certificates.ListIter: environmentID is not a valid ID: .."},
		{func() error { _, err := env.Certificates.List(ctx, &pingone.ListOptions{Limit: -5}); return err }, "pingone: Certificates.List: Limit is negative"},
	}
	for _, tc := range cases {
		err := tc.call()
		_, ok := errors.AsType[*pingone.ArgumentError](err)
		assert.True(t, ok, "%s: %v", tc.want, err)
		assert.EqualError(t, err, tc.want)
	}
	assert.Equal(t, 0, mt.GetTotalCallCount())
}

// TestSerialNumberDecoding checks the shapes a serial number may arrive in.
func TestSerialNumberDecoding(t *testing.T) {
	t.Parallel()
	cases := []struct {
		json  string
		want  pingone.SerialNumber
		isBig bool
	}{
		{`170141183460469231731687303715884105727`, serial128, true},
		{`1461501637330902918203684832716283019655932542975`, "1461501637330902918203684832716283019655932542975", true}, // 160 bits
		{`42`, "42", true},
		{`"170141183460469231731687303715884105727"`, serial128, true},
		{`"0x7fffffffffffffffffffffffffffffff"`, "0x7fffffffffffffffffffffffffffffff", true},
		{`"7f:ff:ff"`, "7f:ff:ff", false},
		{`1.5e3`, "1.5e3", false},
		{`"12\u0033"`, "123", true},
		{`null`, "", false},
		{`true`, "", false},
		{`{"odd":true}`, "", false},
	}
	for _, tc := range cases {
		var c pingone.Certificate
		in := `{"id":"x","serialNumber":` + tc.json + `,"name":"n"}`
		err := json.Unmarshal([]byte(in), &c)
		require.NoError(t, err, tc.json)
		assert.Equal(t, tc.want, c.SerialNumber, tc.json)
		assert.Equal(t, "n", c.Name, "the rest of the object still decodes")
		out, err := json.Marshal(c)
		require.NoError(t, err)
		assert.Contains(t, string(out), `"serialNumber":`+tc.json, "a serial goes back as it came")
		n, ok := c.SerialNumber.BigInt()
		assert.Equal(t, tc.isBig, ok, tc.json)
		if ok && strings.HasPrefix(tc.json, "1701") {
			assert.Equal(t, 0, n.Cmp(new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 127), big.NewInt(1))))
		}
	}

	// Encoding writes a decimal serial back as a number, anything else as a
	// string.
	out, err := json.Marshal(struct {
		A pingone.SerialNumber `json:"a"`
		B pingone.SerialNumber `json:"b"`
	}{serial128, "7f:ff:ff"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"a":170141183460469231731687303715884105727,"b":"7f:ff:ff"}`, string(out))
}
