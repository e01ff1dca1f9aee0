package pingone

import "encoding/json"

// PasswordPoliciesService manages an environment's password policies.
type PasswordPoliciesService service

// SignOnPoliciesService manages an environment's sign-on policies.
type SignOnPoliciesService service

// DeviceAuthPoliciesService manages an environment's MFA device
// authentication policies.
type DeviceAuthPoliciesService service

// TimeUnit is the unit of a [TimePeriod]. PingOne may add units; unknown
// ones are kept.
type TimeUnit string

// Known time units. Each setting accepts only some of them (for example
// push timeouts are in seconds only).
const (
	TimeUnitSeconds TimeUnit = "SECONDS"
	TimeUnitMinutes TimeUnit = "MINUTES"
	TimeUnitHours   TimeUnit = "HOURS"
	TimeUnitDays    TimeUnit = "DAYS"
)

// TimePeriod is a duration as PingOne writes it: an amount and a unit.
type TimePeriod struct {
	Duration int                        `json:"duration"`
	TimeUnit TimeUnit                   `json:"timeUnit"`
	Extra    map[string]json.RawMessage `json:",embed"`
	wire     wireMeta
}
