package pingone

// CertificatesService manages an environment's certificates.
type CertificatesService service
