package pingone_test

import (
	"bytes"
	"encoding/pem"
	"mime/multipart"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
)

// assertCertMatches checks that what PingOne parsed is the certificate g.
func assertCertMatches(t *testing.T, g genCert, got *pingone.Certificate) {
	t.Helper()
	assert.NotEmpty(t, got.ID)
	assert.Equal(t, g.cert.Subject.CommonName, got.Name)
	assert.Equal(t, g.cert.Subject.String(), got.SubjectDN)
	assert.Equal(t, g.cert.Issuer.String(), got.IssuerDN)
	n, ok := got.SerialNumber.BigInt()
	require.True(t, ok, "serial %q", got.SerialNumber)
	assert.Equal(t, 0, n.Cmp(g.cert.SerialNumber), "serial %s, want %s", got.SerialNumber, g.cert.SerialNumber)
	assert.True(t, g.cert.NotBefore.Equal(got.StartsAt), "startsAt %v, want %v", got.StartsAt, g.cert.NotBefore)
	assert.True(t, g.cert.NotAfter.Equal(got.ExpiresAt), "expiresAt %v, want %v", got.ExpiresAt, g.cert.NotAfter)
	assert.Equal(t, int(g.cert.NotAfter.Sub(g.cert.NotBefore)/(24*time.Hour)), got.ValidityPeriod)
	assert.False(t, got.Default)
}

func TestCertificatesEndToEnd(t *testing.T) {
	t.Parallel()
	_, _, env := e2e(t)
	ctx := t.Context()

	rsaCert := mustCert(t, certSpec{cn: "saml-signing.example.com"})
	imported, err := env.Certificates.Import(ctx, pingone.ImportCertificateRequest{File: rsaCert.PEM(), UsageType: pingone.CertificateUsageSigning})
	require.NoError(t, err)
	assertCertMatches(t, rsaCert, imported)
	assert.Equal(t, pingone.KeyAlgorithmRSA, imported.Algorithm)
	assert.Equal(t, 2048, imported.KeyLength)
	assert.Equal(t, pingone.SHA256WithRSA, imported.SignatureAlgorithm)
	assert.Equal(t, pingone.CertificateUsageSigning, imported.UsageType)
	assert.Equal(t, pingone.CertificateValid, imported.Status)
	assert.Equal(t, 365, imported.ValidityPeriod)

	ecCert := mustCert(t, certSpec{cn: "partner-encryption.example.com", ec: true})
	p7, err := ecCert.PKCS7()
	require.NoError(t, err)
	fromP7, err := env.Certificates.Import(ctx, pingone.ImportCertificateRequest{File: p7, FileName: "partner.p7b", UsageType: pingone.CertificateUsageEncryption})
	require.NoError(t, err)
	assertCertMatches(t, ecCert, fromP7)
	assert.Equal(t, pingone.KeyAlgorithmEC, fromP7.Algorithm)
	assert.Equal(t, 256, fromP7.KeyLength)
	assert.Equal(t, pingone.SHA256WithECDSA, fromP7.SignatureAlgorithm)
	assert.Equal(t, pingone.CertificateUsageEncryption, fromP7.UsageType)

	// PKCS#7 in PEM, after text a tool may put before the block.
	pemP7 := append([]byte("subject=CN=partner-encryption.example.com\n\n"), pem.EncodeToMemory(&pem.Block{Type: "PKCS7", Bytes: p7})...)
	fromPEMP7, err := env.Certificates.Import(ctx, pingone.ImportCertificateRequest{File: pemP7, UsageType: pingone.CertificateUsageSigning})
	require.NoError(t, err)
	assertCertMatches(t, ecCert, fromPEMP7)
	assert.NotEqual(t, fromP7.ID, fromPEMP7.ID)

	var ids []string
	for c, err := range env.Certificates.ListIter(ctx, nil) {
		require.NoError(t, err)
		ids = append(ids, c.ID)
	}
	assert.Equal(t, []string{imported.ID, fromP7.ID, fromPEMP7.ID}, ids)
	page, err := env.Certificates.List(ctx, nil)
	require.NoError(t, err)
	require.Len(t, page.Items, 3)
	assert.Equal(t, imported.SerialNumber, page.Items[0].SerialNumber)
	assert.Equal(t, imported.SubjectDN, page.Items[0].SubjectDN)
}

func TestCertificateStatus(t *testing.T) {
	t.Parallel()
	_, _, env := e2e(t)
	now := time.Now().Truncate(time.Second)
	day := 24 * time.Hour
	cases := []struct {
		name string
		spec certSpec
		want pingone.CertificateStatus
	}{
		{"valid", certSpec{ec: true, cn: "valid", notBefore: now.Add(-day), notAfter: now.Add(90 * day)}, pingone.CertificateValid},
		{"expiring", certSpec{ec: true, cn: "expiring", notBefore: now.Add(-300 * day), notAfter: now.Add(10 * day)}, pingone.CertificateExpiring},
		{"expired", certSpec{ec: true, cn: "expired", notBefore: now.Add(-400 * day), notAfter: now.Add(-day)}, pingone.CertificateExpired},
		{"not yet valid", certSpec{ec: true, cn: "future", notBefore: now.Add(7 * day), notAfter: now.Add(400 * day)}, pingone.CertificateNotYetValid},
	}
	for _, tc := range cases {
		g := mustCert(t, tc.spec)
		c, err := env.Certificates.Import(t.Context(), pingone.ImportCertificateRequest{File: g.PEM(), UsageType: pingone.CertificateUsageSigning})
		require.NoError(t, err, tc.name)
		assert.Equal(t, tc.want, c.Status, tc.name)
		assertCertMatches(t, g, c)
	}
}

func TestImportMalformedCertificate(t *testing.T) {
	t.Parallel()
	_, _, env := e2e(t)
	rsaCert := mustCert(t, certSpec{cn: "truncated"})
	cut := rsaCert.PEM()
	cut = append(cut[:len(cut)/2:len(cut)/2], []byte("\n-----END CERTIFICATE-----\n")...)
	p7, err := rsaCert.PKCS7()
	require.NoError(t, err)
	files := map[string][]byte{
		"text":           []byte("this is not a certificate"),
		"truncated PEM":  cut,
		"private key":    pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: []byte{1, 2, 3}}),
		"garbage DER":    {0x30, 0x03, 0x02, 0x01, 0x01},
		"cut DER PKCS#7": p7[:100],
	}
	for name, file := range files {
		_, err := env.Certificates.Import(t.Context(), pingone.ImportCertificateRequest{File: file, UsageType: pingone.CertificateUsageSigning})
		require.ErrorIs(t, err, pingone.ErrInvalidData, name)
		e := policyErr(t, err)
		assert.Equal(t, http.StatusBadRequest, e.StatusCode, name)
		d := policyDetail(t, e, "INVALID_VALUE")
		assert.Equal(t, "file", d.Target, name)
		assert.Contains(t, d.Message, "not a valid certificate", name)
	}

	_, err = env.Certificates.Import(t.Context(), pingone.ImportCertificateRequest{File: rsaCert.PEM(), UsageType: pingone.CertificateUsageSSLTLS})
	d := policyDetail(t, policyErr(t, err), "INVALID_VALUE")
	assert.Equal(t, "usageType", d.Target)
	assert.Equal(t, []string{"SIGNING", "ENCRYPTION"}, d.InnerError.AllowedValues)

	page, err := env.Certificates.List(t.Context(), nil)
	require.NoError(t, err)
	assert.Empty(t, page.Items, "nothing was imported")
}

// TestImport128BitSerial imports a certificate whose serial is 128 bits, as
// most CAs issue them. The contract types serialNumber as int64, so the
// exchange runs without the contract check.
func TestImport128BitSerial(t *testing.T) {
	t.Parallel()
	_, env, _ := uncheckedPolicyServer(t)
	g := mustCert(t, certSpec{cn: "wide-serial.example.com", serial: bigSerial(t, serial128)})
	c, err := env.Certificates.Import(t.Context(), pingone.ImportCertificateRequest{File: g.PEM(), UsageType: pingone.CertificateUsageSigning})
	require.NoError(t, err)
	assert.Equal(t, pingone.SerialNumber(serial128), c.SerialNumber)
	assertCertMatches(t, g, c)
	page, err := env.Certificates.List(t.Context(), nil)
	require.NoError(t, err)
	require.Len(t, page.Items, 1)
	assert.Equal(t, pingone.SerialNumber(serial128), page.Items[0].SerialNumber)
}

// TestImportCertificateBadRequests sends uploads the SDK cannot produce.
func TestImportCertificateBadRequests(t *testing.T) {
	t.Parallel()
	srv, _, hc := uncheckedPolicyServer(t)
	url := srv.APIURL() + "/environments/" + srv.EnvironmentID() + "/certificates"
	pemFile := mustCert(t, certSpec{cn: "bad-requests"}).PEM()

	form := func(fields map[string]string, file []byte) ([]byte, string) {
		var buf bytes.Buffer
		w := multipart.NewWriter(&buf)
		for k, v := range fields {
			require.NoError(t, w.WriteField(k, v))
		}
		if file != nil {
			fw, err := w.CreateFormFile("file", "cert.pem")
			require.NoError(t, err)
			_, err = fw.Write(file)
			require.NoError(t, err)
		}
		require.NoError(t, w.Close())
		return buf.Bytes(), w.FormDataContentType()
	}

	status, body := rawPolicyCall(t, hc, "POST", url, "application/json", []byte(`{"usageType":"SIGNING"}`))
	assert.Equal(t, http.StatusUnsupportedMediaType, status)
	assert.Equal(t, "INVALID_REQUEST", body["code"])

	data, ct := form(nil, pemFile)
	status, body = rawPolicyCall(t, hc, "POST", url, ct, data)
	assert.Equal(t, 400, status)
	d := body["details"].([]any)[0].(map[string]any)
	assert.Equal(t, "REQUIRED_VALUE", d["code"])
	assert.Equal(t, "usageType", d["target"])

	data, ct = form(map[string]string{"usageType": "SIGNING"}, nil)
	status, body = rawPolicyCall(t, hc, "POST", url, ct, data)
	assert.Equal(t, 400, status)
	d = body["details"].([]any)[0].(map[string]any)
	assert.Equal(t, "REQUIRED_VALUE", d["code"])
	assert.Equal(t, "file", d["target"])

	status, _ = rawPolicyCall(t, hc, "POST", url, "multipart/form-data", []byte("--x\r\n"))
	assert.Equal(t, 400, status, "no boundary")

	data, ct = form(map[string]string{"usageType": "SIGNING"}, pemFile)
	status, body = rawPolicyCall(t, hc, "POST", url, ct, data)
	assert.Equal(t, http.StatusAccepted, status)
	assert.Equal(t, "bad-requests", body["name"])
}
