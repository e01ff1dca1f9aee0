package pingone

import (
	"context"
	"iter"
	"time"

	"encoding/json"
)

// The character classes that key [PasswordPolicy.MinCharacters]: PingOne
// names each class by the literal string of its characters.
const (
	CharClassUpper   = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	CharClassLower   = "abcdefghijklmnopqrstuvwxyz"
	CharClassDigits  = "0123456789"
	CharClassSpecial = "~!@#$%^&*()-_=+[]{}|;:,.<>/?"
)

// PasswordPolicy is a PingOne password policy.
type PasswordPolicy struct {
	ID          string `json:"id,omitzero"`
	Environment Ref    `json:"environment,omitzero"`
	Name        string `json:"name"`
	Description string `json:"description,omitzero"`
	// Default reports whether this is the environment's default policy: the
	// one of every population that names none.
	Default              bool `json:"default,omitzero"`
	ExcludesCommonlyUsed bool `json:"excludesCommonlyUsed"`
	ExcludesProfileData  bool `json:"excludesProfileData"`
	NotSimilarToCurrent  bool `json:"notSimilarToCurrent"`
	// History forbids reusing recent passwords.
	History PasswordHistory `json:"history,omitzero"`
	// Length bounds the password length.
	Length PasswordLength `json:"length,omitzero"`
	// Lockout locks an account after repeated failures.
	Lockout               PasswordLockout `json:"lockout,omitzero"`
	MaxAgeDays            int             `json:"maxAgeDays,omitzero"`
	MinAgeDays            int             `json:"minAgeDays,omitzero"`
	MaxRepeatedCharacters int             `json:"maxRepeatedCharacters,omitzero"`
	MinComplexity         int             `json:"minComplexity,omitzero"`
	MinUniqueCharacters   int             `json:"minUniqueCharacters,omitzero"`
	// MinCharacters is the minimum count of characters from each class,
	// keyed by the class's characters ([CharClassUpper], [CharClassLower],
	// [CharClassDigits], [CharClassSpecial]).
	MinCharacters                map[string]int `json:"minCharacters,omitzero"`
	AlphabetSequenceRule         SequenceRule   `json:"alphabetSequenceRule,omitzero"`
	NumberSequenceRule           SequenceRule   `json:"numberSequenceRule,omitzero"`
	QwertySequenceRule           SequenceRule   `json:"qwertySequenceRule,omitzero"`
	ShiftedNumberRowSequenceRule SequenceRule   `json:"shiftedNumberRowSequenceRule,omitzero"`
	// PopulationCount is the number of populations using the policy
	// (read-only).
	PopulationCount int       `json:"populationCount,omitzero"`
	CreatedAt       time.Time `json:"createdAt,omitzero"`
	UpdatedAt       time.Time `json:"updatedAt,omitzero"`
	Links           Links     `json:"_links,omitzero"`
	// Extra holds members this version of the SDK does not know.
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// PasswordHistory forbids reusing the last Count passwords, kept for
// RetentionDays (both at least 1).
type PasswordHistory struct {
	Count         int                        `json:"count,omitzero"`
	RetentionDays int                        `json:"retentionDays,omitzero"`
	Extra         map[string]json.RawMessage `json:",embed"`
	wire          wireMeta
}

// PasswordLength bounds a password's length: Min is 8 to 32 (default 8),
// Max defaults to 255.
type PasswordLength struct {
	Min   int                        `json:"min,omitzero"`
	Max   int                        `json:"max,omitzero"`
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// PasswordLockout locks an account for DurationSeconds after FailureCount
// wrong passwords.
type PasswordLockout struct {
	FailureCount    int                        `json:"failureCount,omitzero"`
	DurationSeconds int                        `json:"durationSeconds,omitzero"`
	Extra           map[string]json.RawMessage `json:",embed"`
	wire            wireMeta
}

// SequenceRule limits runs of consecutive characters (such as "abc",
// "123" or "qwe") to MaxLength: 2 or 3 for alphabet and number sequences, 3
// for keyboard sequences.
type SequenceRule struct {
	MaxLength int                        `json:"maxLength,omitzero"`
	Extra     map[string]json.RawMessage `json:",embed"`
	wire      wireMeta
}

// PasswordPolicyRequest is the body of [PasswordPoliciesService.Create] and
// [PasswordPoliciesService.Replace]. Name and the three booleans are
// required by PingOne and always sent.
type PasswordPolicyRequest struct {
	Name                 string `json:"name"`
	ExcludesCommonlyUsed bool   `json:"excludesCommonlyUsed"`
	ExcludesProfileData  bool   `json:"excludesProfileData"`
	NotSimilarToCurrent  bool   `json:"notSimilarToCurrent"`

	Description Optional[string] `json:"description,omitzero"`
	// Default makes this the environment's default policy.
	Default                      Optional[bool]            `json:"default,omitzero"`
	History                      Optional[PasswordHistory] `json:"history,omitzero"`
	Length                       Optional[PasswordLength]  `json:"length,omitzero"`
	Lockout                      Optional[PasswordLockout] `json:"lockout,omitzero"`
	MaxAgeDays                   Optional[int]             `json:"maxAgeDays,omitzero"`
	MinAgeDays                   Optional[int]             `json:"minAgeDays,omitzero"`
	MaxRepeatedCharacters        Optional[int]             `json:"maxRepeatedCharacters,omitzero"`
	MinComplexity                Optional[int]             `json:"minComplexity,omitzero"`
	MinUniqueCharacters          Optional[int]             `json:"minUniqueCharacters,omitzero"`
	MinCharacters                Optional[map[string]int]  `json:"minCharacters,omitzero"`
	AlphabetSequenceRule         Optional[SequenceRule]    `json:"alphabetSequenceRule,omitzero"`
	NumberSequenceRule           Optional[SequenceRule]    `json:"numberSequenceRule,omitzero"`
	QwertySequenceRule           Optional[SequenceRule]    `json:"qwertySequenceRule,omitzero"`
	ShiftedNumberRowSequenceRule Optional[SequenceRule]    `json:"shiftedNumberRowSequenceRule,omitzero"`
	// Extra holds members to send that this version does not model, such
	// as those a Request of a policy read from PingOne carries back.
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// Request returns the request that replaces the policy with itself: every
// member PingOne sent goes back unchanged (zero values, values of an
// unexpected JSON type and members this version does not know included),
// but the read-only ones (ID, environment, population count,
// timestamps). Change what you need, then pass it to
// [PasswordPoliciesService.Replace]: since a PUT clears what it omits, a
// request built by hand would wipe the settings it leaves out.
func (p *PasswordPolicy) Request() PasswordPolicyRequest {
	return requestFrom[PasswordPolicyRequest](p, "id", "environment", "populationCount", "createdAt", "updatedAt")
}

// List returns one page of password policies (opts may be nil).
//
// PingOne: "List Password Policies".
//
//pingone:operation GET /environments/{environmentID}/passwordPolicies
func (s *PasswordPoliciesService) List(ctx context.Context, opts *ListOptions) (*Page[PasswordPolicy], error) {
	return listPage[PasswordPolicy](ctx, (*service)(s), call{op: "PasswordPolicies.List", route: "GET /environments/{environmentID}/passwordPolicies", opts: opts, key: "passwordPolicies"})
}

// ListIter iterates over every password policy, fetching pages as the loop
// goes.
func (s *PasswordPoliciesService) ListIter(ctx context.Context, opts *ListOptions) iter.Seq2[*PasswordPolicy, error] {
	return listAll[PasswordPolicy](ctx, (*service)(s), call{op: "PasswordPolicies.ListIter", route: "GET /environments/{environmentID}/passwordPolicies", opts: opts, key: "passwordPolicies"})
}

// ByName returns the password policy named name. PingOne has no filter on
// this list, so every policy is read. None is an error matching
// [ErrNotFound]; more than one is an error naming their IDs.
func (s *PasswordPoliciesService) ByName(ctx context.Context, name string) (*PasswordPolicy, error) {
	return byName("PasswordPolicies.ByName", "password policy", name, s.ListIter(ctx, nil),
		func(p *PasswordPolicy) string { return p.Name }, func(p *PasswordPolicy) string { return p.ID })
}

// Get returns one password policy.
//
// PingOne: "Get Password Policy".
//
//pingone:operation GET /environments/{environmentID}/passwordPolicies/{passwordPolicyID}
func (s *PasswordPoliciesService) Get(ctx context.Context, passwordPolicyID string) (*PasswordPolicy, error) {
	return send[PasswordPolicy](ctx, (*service)(s), call{op: "PasswordPolicies.Get", route: "GET /environments/{environmentID}/passwordPolicies/{passwordPolicyID}", ids: []string{passwordPolicyID}})
}

// Create creates a password policy. Making it the default (Default) takes
// that role from the current default policy.
//
// PingOne: "Create Password Policy".
//
//pingone:operation POST /environments/{environmentID}/passwordPolicies
func (s *PasswordPoliciesService) Create(ctx context.Context, req PasswordPolicyRequest) (*PasswordPolicy, error) {
	if err := requireFields("PasswordPolicies.Create", "Name", req.Name); err != nil {
		return nil, err
	}
	key := nameKey(func(ctx context.Context) iter.Seq2[*PasswordPolicy, error] { return s.ListIter(ctx, nil) },
		req.Name, func(p *PasswordPolicy) string { return p.Name }, func(p *PasswordPolicy) time.Time { return p.CreatedAt })
	return sendCreate(ctx, (*service)(s), call{op: "PasswordPolicies.Create", route: "POST /environments/{environmentID}/passwordPolicies", body: req}, key)
}

// Replace replaces a password policy. Like every PingOne PUT it clears the
// optional fields that req omits (history, lockout, character rules, …):
// start from [PasswordPolicy.Request]. Send Default as true when replacing
// the default policy.
//
// PingOne: "Update Password Policy".
//
//pingone:operation PUT /environments/{environmentID}/passwordPolicies/{passwordPolicyID}
func (s *PasswordPoliciesService) Replace(ctx context.Context, passwordPolicyID string, req PasswordPolicyRequest) (*PasswordPolicy, error) {
	if err := requireFields("PasswordPolicies.Replace", "Name", req.Name); err != nil {
		return nil, err
	}
	return send[PasswordPolicy](ctx, (*service)(s), call{op: "PasswordPolicies.Replace", route: "PUT /environments/{environmentID}/passwordPolicies/{passwordPolicyID}", ids: []string{passwordPolicyID}, body: req})
}

// Delete deletes a password policy. The default policy cannot be deleted;
// populations that used the deleted policy fall back to the default one.
//
// PingOne: "Delete Password Policy".
//
//pingone:operation DELETE /environments/{environmentID}/passwordPolicies/{passwordPolicyID}
func (s *PasswordPoliciesService) Delete(ctx context.Context, passwordPolicyID string) error {
	return sendNoContent(ctx, (*service)(s), call{op: "PasswordPolicies.Delete", route: "DELETE /environments/{environmentID}/passwordPolicies/{passwordPolicyID}", ids: []string{passwordPolicyID}})
}
