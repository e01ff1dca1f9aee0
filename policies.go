package pingone

// PasswordPoliciesService manages an environment's password policies.
type PasswordPoliciesService service

// SignOnPoliciesService manages an environment's sign-on policies.
type SignOnPoliciesService service

// DeviceAuthPoliciesService manages an environment's MFA device
// authentication policies.
type DeviceAuthPoliciesService service
