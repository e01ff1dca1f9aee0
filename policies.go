package pingone

import (
	"context"
	"iter"
	"net/url"

	"github.com/go-json-experiment/json/jsontext"
)

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
	Duration int                       `json:"duration"`
	TimeUnit TimeUnit                  `json:"timeUnit"`
	Extra    map[string]jsontext.Value `json:",embed"`
}

// listUnfiltered fetches one page of a collection that takes no filter, only
// paging options (nil: PingOne's defaults).
func listUnfiltered[T any](ctx context.Context, s *service, key string, opts *ListOptions) (*Page[T], error) {
	q, lo := unfilteredQuery(opts)
	return listAt[T](ctx, s, key, q, lo, key)
}

// listUnfilteredIter is the iterator form of listUnfiltered.
func listUnfilteredIter[T any](ctx context.Context, s *service, key string, opts *ListOptions) iter.Seq2[*T, error] {
	q, lo := unfilteredQuery(opts)
	return iterAt[T](ctx, s, key, q, lo, key)
}

func unfilteredQuery(opts *ListOptions) (url.Values, ListOptions) {
	if opts == nil {
		return nil, ListOptions{}
	}
	q := url.Values{}
	opts.apply(q)
	return q, *opts
}
