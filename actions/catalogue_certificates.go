package actions

import (
	"context"

	"github.com/pingone-go/pingone"
)

// certificateBody is the form Import Certificate sends, as JSON.
type certificateBody struct {
	File      string                   `json:"file" jsonschema:"The certificate as PEM text: one certificate, or a PKCS#7 bundle in PEM."`
	FileName  string                   `json:"fileName,omitzero" jsonschema:"The name the file is sent under (certificate.pem when left out); PingOne derives nothing from it."`
	UsageType pingone.CertificateUsage `json:"usageType" jsonschema:"What the certificate is for: SIGNING or ENCRYPTION."`
}

func certificateSpecs() []spec {
	const coll = "/environments/{environmentID}/certificates"
	return []spec{{
		name: "list_certificates", title: "List Certificates", family: "certificates", method: "GET", path: coll,
		sdk: "CertificatesService.List", hints: reads,
		desc: `Lists the certificates imported into the environment (public certificates only: keys are elsewhere), a page at a time, with their subject, issuer, validity dates, serial number and usage.`,
		run: list(func(ctx context.Context, x target, in *struct{ paging }) (*pingone.Page[pingone.Certificate], error) {
			lo := in.opts()
			return x.Certificates.List(ctx, &lo)
		}),
	}, {
		name: "import_certificate", title: "Import Certificate", family: "certificates", method: "POST", path: coll,
		sdk: "CertificatesService.Import", hints: creates,
		desc: `Imports a certificate, given as PEM text (one certificate or a PKCS#7 bundle), for signing or for encryption. PingOne reads the certificate's details from it and returns them; importing the same certificate twice makes two entries.`,
		run: get(func(ctx context.Context, x target, in *struct {
			Body certificateBody `json:"body"`
		}) (*pingone.Certificate, error) {
			return x.Certificates.Import(ctx, pingone.ImportCertificateRequest{File: []byte(in.Body.File), FileName: in.Body.FileName, UsageType: in.Body.UsageType})
		}),
	}}
}
