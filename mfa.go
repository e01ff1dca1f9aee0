package pingone

// MFAService manages users' MFA devices and whether MFA is enabled for them.
type MFAService service
