package pingone_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/scim"
)

// e2eDefaultPopulation returns the seeded default population of an e2e
// environment.
func e2eDefaultPopulation(t *testing.T, env *pingone.Environment) *pingone.Population {
	t.Helper()
	page, err := env.Populations.List(t.Context(), &pingone.ListPopulationsOptions{Filter: scim.Sw("name", "Default")})
	require.NoError(t, err)
	require.Len(t, page.Items, 1)
	return &page.Items[0]
}

func TestUsersEndToEnd(t *testing.T) {
	t.Parallel()
	srv, _, env := e2e(t)
	ctx := t.Context()
	def := e2eDefaultPopulation(t, env)

	// Create, with custom attributes PingOne's core schema does not know.
	created, err := env.Users.Create(ctx, pingone.CreateUserRequest{
		Username: "grace.hopper",
		Email:    "grace@example.com",
		Name:     pingone.Value(pingone.UserName{Given: "Grace", Family: "Hopper"}),
		Title:    pingone.Value("Rear Admiral"),
		Custom: map[string]json.RawMessage{
			"employeeNumber": json.RawMessage(`"E-7"`),
			"skills":         json.RawMessage(`["cobol","compilers"]`),
			"badge":          json.RawMessage(`{"level":3,"since":"1944"}`),
		},
	})
	require.NoError(t, err)
	require.NotEmpty(t, created.ID)
	assert.True(t, created.Enabled, "new users are enabled")
	assert.Equal(t, def.ID, created.Population.ID, "no population: the default one")
	assert.Equal(t, "PING_ONE", created.IdentityProvider.Type)
	assert.False(t, created.CreatedAt.IsZero())
	id := created.ID

	got, err := env.Users.Get(ctx, id, nil)
	require.NoError(t, err)
	assert.Equal(t, "Hopper", got.Name.Family)
	assert.JSONEq(t, `"E-7"`, string(got.Extra["employeeNumber"]), "custom attributes read back intact")
	assert.JSONEq(t, `["cobol","compilers"]`, string(got.Extra["skills"]))
	assert.JSONEq(t, `{"level":3,"since":"1944"}`, string(got.Extra["badge"]))

	_, err = env.Users.Create(ctx, pingone.CreateUserRequest{Username: "GRACE.hopper"})
	assert.ErrorIs(t, err, pingone.ErrUniquenessViolation, "usernames are unique, case-insensitively")
	if apiErr, ok := errors.AsType[*pingone.APIError](err); assert.True(t, ok) {
		assert.Equal(t, 400, apiErr.StatusCode)
		assert.Equal(t, "username", apiErr.Details[0].Target)
		assert.Equal(t, id, apiErr.Details[0].InnerError.ExistingID)
	}

	// Update: set, clear (null) and leave alone.
	updated, err := env.Users.Update(ctx, id, pingone.UpdateUserRequest{
		Nickname: pingone.Value("Amazing Grace"),
		Title:    pingone.Null[string](),
		Name:     pingone.Value(pingone.UserName{Given: "Grace B."}),
		Custom: map[string]json.RawMessage{
			"skills": json.RawMessage(`["flow-matic"]`),
			"badge":  json.RawMessage(`null`),
		},
	})
	require.NoError(t, err)
	assert.Equal(t, "Amazing Grace", updated.Nickname)
	assert.Empty(t, updated.Title, "null cleared it")
	assert.Equal(t, "Grace B.", updated.Name.Given)
	assert.Equal(t, "Hopper", updated.Name.Family, "the parts of name not sent are kept")
	assert.Equal(t, "grace@example.com", updated.Email, "omitted: unchanged")
	assert.JSONEq(t, `["flow-matic"]`, string(updated.Extra["skills"]), "multi-valued: replaced whole")
	assert.NotContains(t, updated.Extra, "badge")
	assert.JSONEq(t, `"E-7"`, string(updated.Extra["employeeNumber"]))

	// Enabled has its own endpoint.
	enabled, err := env.Users.GetEnabled(ctx, id)
	require.NoError(t, err)
	assert.True(t, enabled.Enabled)
	set, err := env.Users.SetEnabled(ctx, id, false)
	require.NoError(t, err)
	assert.False(t, set.Enabled, "the setter returns what PingOne answered")
	assert.Contains(t, set.Links.Href("self"), "/enabled")
	enabled, err = env.Users.GetEnabled(ctx, id)
	require.NoError(t, err)
	assert.False(t, enabled.Enabled)
	got, err = env.Users.Get(ctx, id, nil)
	require.NoError(t, err)
	assert.False(t, got.Enabled)

	// Password.
	pw, err := env.Users.GetPassword(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, pingone.PasswordNone, pw.Status)
	assert.True(t, pw.LastChangedAt.IsZero())
	assert.NotEmpty(t, pw.PasswordPolicy.ID)
	assert.Equal(t, def.PasswordPolicy.ID, pw.PasswordPolicy.ID, "the population's policy")
	_, err = env.Users.SetPassword(ctx, id, pingone.SetPasswordRequest{Value: "Xy-7!q"})
	assert.ErrorIs(t, err, pingone.ErrInvalidData, "the policy wants 8 characters")
	assert.NotContains(t, err.Error(), "Xy-7!q")
	pw, err = env.Users.SetPassword(ctx, id, pingone.SetPasswordRequest{Value: "Long-Enough-1", ForceChange: true})
	require.NoError(t, err)
	assert.Equal(t, pingone.PasswordMustChange, pw.Status)
	assert.False(t, pw.LastChangedAt.IsZero())
	pw, err = env.Users.SetPassword(ctx, id, pingone.SetPasswordRequest{Value: "Long-Enough-2"})
	require.NoError(t, err)
	assert.Equal(t, pingone.PasswordOK, pw.Status)

	// Population move.
	contractors, err := env.Populations.Create(ctx, pingone.PopulationRequest{Name: "Contractors"})
	require.NoError(t, err)
	moved, err := env.Users.SetPopulation(ctx, id, contractors.ID)
	require.NoError(t, err)
	assert.Equal(t, contractors.ID, moved.ID)
	pop, err := env.Users.GetPopulation(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, contractors.ID, pop.ID)
	_, err = env.Users.SetPopulation(ctx, id, "5d3a6a9b-0000-4000-8000-0000000000ff")
	assert.ErrorIs(t, err, pingone.ErrInvalidData, "unknown population")
	got, err = env.Users.Get(ctx, id, &pingone.GetUserOptions{Expand: []string{"population"}, Include: pingone.UserIncludeGroupIDs})
	require.NoError(t, err)
	assert.Equal(t, contractors.ID, got.Population.ID)
	assert.Equal(t, "Contractors", got.Embedded.Population.Name, "expand=population")
	assert.Empty(t, got.MemberOfGroupIDs)
	c, err := env.Populations.Get(ctx, contractors.ID)
	require.NoError(t, err)
	assert.Equal(t, 1, c.UserCount)

	// Role assignments: reuse a role the seeded admin holds at the
	// environment.
	var roleID string
	for ra, err := range env.Users.ListRoleAssignmentsIter(ctx, srv.Admin().UserID, nil) {
		require.NoError(t, err)
		if ra.Scope.Type == pingone.ScopeEnvironment {
			roleID = ra.Role.ID
		}
	}
	require.NotEmpty(t, roleID)
	ra, err := env.Users.CreateRoleAssignment(ctx, id, pingone.RoleAssignmentRequest{Role: pingone.Ref{ID: roleID}, Scope: pingone.EnvironmentScope(env.ID)})
	require.NoError(t, err)
	assert.False(t, ra.ReadOnly)
	one, err := env.Users.GetRoleAssignment(ctx, id, ra.ID)
	require.NoError(t, err)
	assert.Equal(t, roleID, one.Role.ID)
	page, err := env.Users.ListRoleAssignments(ctx, id, nil)
	require.NoError(t, err)
	require.Len(t, page.Items, 1)
	_, err = env.Users.CreateRoleAssignment(ctx, id, pingone.RoleAssignmentRequest{Role: pingone.Ref{ID: roleID}, Scope: pingone.ApplicationScope(env.ID)})
	assert.ErrorIs(t, err, pingone.ErrInvalidData, "a scope the role does not apply to")
	require.NoError(t, env.Users.DeleteRoleAssignment(ctx, id, ra.ID))
	_, err = env.Users.GetRoleAssignment(ctx, id, ra.ID)
	assert.ErrorIs(t, err, pingone.ErrNotFound)

	// Identity provider link and verify status.
	link, err := env.Users.GetIdentityProvider(ctx, id)
	require.NoError(t, err)
	assertFields(t, &pingone.UserIdentityLink{Type: "PING_ONE"}, &link.IdentityProvider)
	_, err = env.Users.SetIdentityProvider(ctx, id, "7f00c0de-0000-4000-8000-0000000000ff")
	assert.ErrorIs(t, err, pingone.ErrInvalidData, "unknown identity provider")
	link, err = env.Users.SetIdentityProvider(ctx, id, "")
	require.NoError(t, err)
	assert.Equal(t, "PING_ONE", link.IdentityProvider.Type)
	vs, err := env.Users.GetVerifyStatus(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, pingone.VerifyNotInitiated, vs.VerifyStatus)
	setVS, err := env.Users.SetVerifyStatus(ctx, id, pingone.VerifyEnabled)
	require.NoError(t, err)
	assert.Equal(t, pingone.VerifyEnabled, setVS.VerifyStatus)
	vs, err = env.Users.GetVerifyStatus(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, pingone.VerifyEnabled, vs.VerifyStatus)

	// Delete takes the sub-resources with it.
	require.NoError(t, env.Users.Delete(ctx, id))
	_, err = env.Users.Get(ctx, id, nil)
	assert.ErrorIs(t, err, pingone.ErrNotFound)
	_, err = env.Users.GetPassword(ctx, id)
	assert.ErrorIs(t, err, pingone.ErrNotFound)
	_, err = env.Users.ListRoleAssignments(ctx, id, nil)
	assert.ErrorIs(t, err, pingone.ErrNotFound)
	assert.ErrorIs(t, env.Users.Delete(ctx, id), pingone.ErrNotFound)

	again, err := env.Users.Create(ctx, pingone.CreateUserRequest{Username: "grace.hopper"})
	require.NoError(t, err, "the username is free again")
	pw, err = env.Users.GetPassword(ctx, again.ID)
	require.NoError(t, err)
	assert.Equal(t, pingone.PasswordNone, pw.Status)
}

func TestUserCreatedWithPassword(t *testing.T) {
	t.Parallel()
	_, _, env := e2e(t)
	ctx := t.Context()
	u, err := env.Users.Create(ctx, pingone.CreateUserRequest{
		Username: "imported",
		Password: pingone.InitialPassword{Value: "Imported-Pass-1", ForceChange: true},
	})
	require.NoError(t, err)
	pw, err := env.Users.GetPassword(ctx, u.ID)
	require.NoError(t, err)
	assert.Equal(t, pingone.PasswordMustChange, pw.Status)

	_, err = env.Users.Create(ctx, pingone.CreateUserRequest{Username: "too-short", Password: pingone.InitialPassword{Value: "abc"}})
	assert.ErrorIs(t, err, pingone.ErrInvalidData)
	_, err = env.Users.Get(ctx, u.ID, nil)
	require.NoError(t, err)
	page, err := env.Users.List(ctx, &pingone.ListUsersOptions{Filter: scim.Eq("username", "too-short")})
	require.NoError(t, err)
	assert.Empty(t, page.Items, "a refused create stores nothing")
}

func TestUsersFilterEndToEnd(t *testing.T) {
	t.Parallel()
	_, _, env := e2e(t)
	ctx := t.Context()
	staff, err := env.Populations.Create(ctx, pingone.PopulationRequest{Name: "Staff"})
	require.NoError(t, err)
	for i, name := range []string{"alice", "alan", "bob", "albert"} {
		req := pingone.CreateUserRequest{
			Username: name,
			Email:    name + "@example.org",
			Custom:   map[string]json.RawMessage{"department": json.RawMessage(fmt.Sprintf(`"dept-%d"`, i%2))},
		}
		if i%2 == 0 {
			req.Population = pingone.Value(pingone.Ref{ID: staff.ID})
		}
		_, err := env.Users.Create(ctx, req)
		require.NoError(t, err)
	}
	names := func(f scim.Filter) []string {
		t.Helper()
		var out []string
		for u, err := range env.Users.ListIter(ctx, &pingone.ListUsersOptions{Filter: f, ListOptions: pingone.ListOptions{Limit: 2}}) {
			require.NoError(t, err)
			out = append(out, u.Username)
		}
		return out
	}
	assert.Equal(t, []string{"alice", "alan", "albert"}, names(scim.Sw("username", "AL")), "sw, case-insensitive, across pages")
	assert.Equal(t, []string{"alice", "bob"}, names(scim.Eq("population.id", staff.ID)))
	assert.Equal(t, []string{"alan"}, names(scim.Sw("username", "al").And(scim.Ew("email", "n@example.org"))))
	assert.Equal(t, []string{"alan", "albert"}, names(scim.Sw("department", "dept-1")), "sw on a custom string attribute")
	assert.Equal(t, []string{"admin", "bob"}, names(scim.Eq("username", "bob").Or(scim.Eq("username", "admin"))))

	page, err := env.Users.List(ctx, &pingone.ListUsersOptions{Filter: scim.Sw("username", "al"), Expand: []string{"population"}, ListOptions: pingone.ListOptions{Limit: 1}})
	require.NoError(t, err)
	require.Len(t, page.Items, 1)
	assert.Equal(t, 3, page.Count)
	assert.Equal(t, "Staff", page.Items[0].Embedded.Population.Name)

	_, err = env.Users.List(ctx, &pingone.ListUsersOptions{Filter: scim.Gt("createdAt", time.Unix(0, 0))})
	apiErr, ok := errors.AsType[*pingone.APIError](err)
	require.True(t, ok, "%v", err)
	assert.True(t, apiErr.HasDetail("INVALID_FILTER"))
	assert.Contains(t, apiErr.Details[0].InnerError.SupportedAttributes, "username")
}

func TestUserActivitiesEndToEnd(t *testing.T) {
	t.Parallel()
	_, _, env := e2e(t)
	start := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	acts, err := collectActivities(t.Context(), env, &pingone.ListUserActivitiesOptions{Start: start, End: start.Add(72 * time.Hour), SampleSize: pingone.SampleDay})
	require.NoError(t, err)
	require.Len(t, acts, 3, "one bucket a day")
	assert.Equal(t, start, acts[0].StartDate)
	assert.Equal(t, start.Add(24*time.Hour), acts[0].EndDate)
	assert.Equal(t, start.Add(72*time.Hour), acts[2].EndDate)
	assert.Equal(t, env.ID, acts[1].Environment.ID)

	acts, err = collectActivities(t.Context(), env, &pingone.ListUserActivitiesOptions{Start: start, End: start.Add(36 * time.Hour)})
	require.NoError(t, err)
	assert.Len(t, acts, 36, "up to 5 days: hourly by default")

	acts, err = collectActivities(t.Context(), env, &pingone.ListUserActivitiesOptions{})
	require.NoError(t, err)
	assert.Len(t, acts, 30, "no period: the last 30 days, daily")

	_, err = collectActivities(t.Context(), env, &pingone.ListUserActivitiesOptions{SampleSize: "FORTNIGHT"})
	assert.ErrorIs(t, err, pingone.ErrInvalidData, "unknown sizes are sent, and refused by PingOne")
}
