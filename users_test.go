package pingone_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/scim"
)

const (
	envUsers     = "/environments/" + testEnv + "/users"
	userID1      = "0b7e5c1a-0000-4000-8000-000000000001"
	userID3      = "0b7e5c1a-0000-4000-8000-000000000003"
	userRAID1    = "6a1e0c7d-0000-4000-8000-000000000001"
	userRoleID   = "c5b7a8d9-0000-4000-8000-00000000000a"
	userIdPID    = "7f00c0de-0000-4000-8000-000000000008"
	userPolicyID = "9c1a7b2e-0000-4000-8000-000000000009"
)

func init() {
	u1 := envUsers + "/" + userID1
	registerActions(
		actionCase{
			action: "List Users", family: "users", golden: "list",
			method: "GET", path: envUsers + `?filter=email+ew+%22%40example.com%22&limit=2`, status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Users.List(ctx, &pingone.ListUsersOptions{Filter: scim.Ew("email", "@example.com"), ListOptions: pingone.ListOptions{Limit: 2}})
			},
			check: func(t *testing.T, got any) {
				p := got.(*pingone.Page[pingone.User])
				assert.Len(t, p.Items, 2)
				assert.Equal(t, 3, p.Count)
				assert.True(t, p.HasNext())
				assert.Equal(t, "user1", p.Items[0].Username)
				assert.JSONEq(t, `"E-1"`, string(p.Items[0].Extra["employeeNumber"]), "custom attribute kept")
				assert.True(t, p.Items[1].Enabled)
			},
		},
		actionCase{
			action: "Get User", family: "users", golden: "get",
			method: "GET", path: u1 + "?expand=population&include=memberOfGroupNames", status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Users.Get(ctx, userID1, &pingone.GetUserOptions{Include: pingone.UserIncludeGroupNames, Expand: []string{"population"}})
			},
			check: func(t *testing.T, got any) {
				u := got.(*pingone.User)
				assert.Equal(t, userID1, u.ID)
				assert.Equal(t, "Given1 Family", u.Name.Formatted)
				assert.Equal(t, "US", u.Address.CountryCode)
				assert.Equal(t, []string{"Engineering", "All Staff"}, u.MemberOfGroupNames)
				assert.Equal(t, "Staff", u.Embedded.Population.Name, "expanded population")
				assert.Equal(t, 12, u.Embedded.Population.UserCount)
				assert.Equal(t, "203.0.113.7", u.LastSignOn.RemoteIP)
				assert.Equal(t, time.Date(2024, 3, 2, 11, 30, 0, 456e6, time.UTC), u.UpdatedAt)
				assert.Equal(t, pingone.AccountOK, u.Account.Status)
				assert.Equal(t, new(true), u.Account.CanAuthenticate)
				assert.Equal(t, pingone.VerifyNotInitiated, u.VerifyStatus)
				assert.JSONEq(t, `"E-1"`, string(u.Extra["employeeNumber"]))
				assert.JSONEq(t, `[{"kind":"gold","since":2019}]`, string(u.Extra["badges"]))
				assert.NotContains(t, u.Extra, "_embedded")
			},
		},
		actionCase{
			action: "Create User", family: "users", golden: "create",
			method: "POST", path: envUsers, status: 201,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Users.Create(ctx, pingone.CreateUserRequest{
					Username:   "marie.curie",
					Email:      "marie@example.com",
					Population: pingone.Value(pingone.Ref{ID: popID1}),
					Name:       pingone.Value(pingone.UserName{Given: "Marie", Family: "Curie"}),
					Custom: map[string]json.RawMessage{
						"employeeNumber": json.RawMessage(`"E-42"`),
						"skills":         json.RawMessage(`["physics","chemistry"]`),
					},
				})
			},
			check: func(t *testing.T, got any) {
				u := got.(*pingone.User)
				assert.Equal(t, userID3, u.ID)
				assert.True(t, u.Enabled)
				assert.JSONEq(t, `["physics","chemistry"]`, string(u.Extra["skills"]))
			},
		},
		actionCase{
			action: "Create User", family: "users", golden: "create_import",
			method: "POST", path: envUsers, status: 201,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Users.Create(ctx, pingone.CreateUserRequest{
					Username:   "ada",
					Population: pingone.Value(pingone.Ref{ID: popID3}),
					Password:   pingone.InitialPassword{Value: "Imported-Pass-1", ForceChange: true},
				})
			},
			check: func(t *testing.T, got any) {
				assert.Equal(t, popID3, got.(*pingone.User).Population.ID)
			},
		},
		actionCase{
			action: "Update User", family: "users", golden: "update",
			method: "PATCH", path: u1, status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Users.Update(ctx, userID1, pingone.UpdateUserRequest{
					Nickname: pingone.Value("Sam"),
					Title:    pingone.Null[string](),
					Name:     pingone.Value(pingone.UserName{Given: "Ada", Family: "Family"}),
					Custom: map[string]json.RawMessage{
						"employeeNumber": json.RawMessage(`null`),
						"skills":         json.RawMessage(`["radioactivity"]`),
					},
				})
			},
			check: func(t *testing.T, got any) {
				u := got.(*pingone.User)
				assert.Equal(t, "Sam", u.Nickname)
				assert.Empty(t, u.Title)
				assert.NotContains(t, u.Extra, "employeeNumber")
			},
		},
		actionCase{
			action: "Delete User", family: "users", golden: "delete",
			method: "DELETE", path: u1, status: 204,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return nil, env.Users.Delete(ctx, userID1)
			},
		},
		actionCase{
			action: "Get User Enabled Status", family: "users", golden: "get_enabled",
			method: "GET", path: u1 + "/enabled", status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Users.GetEnabled(ctx, userID1)
			},
			check: func(t *testing.T, got any) { assert.False(t, got.(*pingone.UserEnabled).Enabled) },
		},
		actionCase{
			action: "Update User Enabled Status", family: "users", golden: "set_enabled",
			method: "PUT", path: u1 + "/enabled", status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Users.SetEnabled(ctx, userID1, false)
			},
		},
		actionCase{
			action: "Get User Password Metadata", family: "users", golden: "get_password",
			method: "GET", path: u1 + "/password", status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Users.GetPassword(ctx, userID1)
			},
			check: func(t *testing.T, got any) {
				st := got.(*pingone.PasswordState)
				assert.Equal(t, pingone.PasswordLockedOut, st.Status)
				assert.Equal(t, userPolicyID, st.PasswordPolicy.ID)
				assert.Equal(t, userID1, st.User.ID)
				assert.Equal(t, time.Date(2024, 3, 5, 16, 20, 0, 0, time.UTC), st.LastChangedAt)
				require.NotNil(t, st.SecondsUntilUnlock, "present, even though zero")
				assert.Equal(t, 0, *st.SecondsUntilUnlock)
				require.NotNil(t, st.FailuresRemaining)
			},
		},
		actionCase{
			action: "Set User Password", family: "users", golden: "set_password",
			method: "PUT", path: u1 + "/password", status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Users.SetPassword(ctx, userID1, pingone.SetPasswordRequest{Value: "N3w-Passw0rd!", ForceChange: true})
			},
			check: func(t *testing.T, got any) {
				st := got.(*pingone.PasswordState)
				assert.Equal(t, pingone.PasswordMustChange, st.Status)
				assert.Nil(t, st.SecondsUntilUnlock, "absent")
			},
		},
		actionCase{
			action: "Get User Population", family: "users", golden: "get_population",
			method: "GET", path: u1 + "/population", status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Users.GetPopulation(ctx, userID1)
			},
			check: func(t *testing.T, got any) { assert.Equal(t, popID1, got.(*pingone.UserPopulation).ID) },
		},
		actionCase{
			action: "Update User Population", family: "users", golden: "set_population",
			method: "PUT", path: u1 + "/population", status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Users.SetPopulation(ctx, userID1, popID3)
			},
		},
		actionCase{
			action: "List User Role Assignments", family: "users", golden: "list_role_assignments",
			method: "GET", path: u1 + "/roleAssignments", status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Users.ListRoleAssignments(ctx, userID1, nil)
			},
			check: func(t *testing.T, got any) {
				p := got.(*pingone.Page[pingone.RoleAssignment])
				require.Len(t, p.Items, 2)
				assert.Equal(t, pingone.EnvironmentScope(testEnv), p.Items[0].Scope)
				assert.True(t, p.Items[1].ReadOnly)
				assert.Equal(t, "1d2c3b4a-0000-4000-8000-000000000005", p.Items[1].Group.ID)
			},
		},
		actionCase{
			action: "Create User Role Assignment", family: "users", golden: "create_role_assignment",
			method: "POST", path: u1 + "/roleAssignments", status: 201,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Users.CreateRoleAssignment(ctx, userID1, pingone.RoleAssignmentRequest{Role: pingone.Ref{ID: userRoleID}, Scope: pingone.PopulationScope(popID1)})
			},
			check: func(t *testing.T, got any) {
				assert.Equal(t, userRAID1, got.(*pingone.RoleAssignment).ID)
			},
		},
		actionCase{
			action: "Get User Role Assignment", family: "users", golden: "get_role_assignment",
			method: "GET", path: u1 + "/roleAssignments/" + userRAID1, status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Users.GetRoleAssignment(ctx, userID1, userRAID1)
			},
			check: func(t *testing.T, got any) {
				ra := got.(*pingone.RoleAssignment)
				assert.Equal(t, userRoleID, ra.Role.ID)
				assert.Equal(t, pingone.ScopePopulation, ra.Scope.Type)
			},
		},
		actionCase{
			action: "Delete User Role Assignment", family: "users", golden: "delete_role_assignment",
			method: "DELETE", path: u1 + "/roleAssignments/" + userRAID1, status: 204,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return nil, env.Users.DeleteRoleAssignment(ctx, userID1, userRAID1)
			},
		},
		actionCase{
			action: "Get User Identity Provider", family: "users", golden: "get_identity_provider",
			method: "GET", path: u1 + "/identityProvider", status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Users.GetIdentityProvider(ctx, userID1)
			},
			check: func(t *testing.T, got any) {
				assertFields(t, &pingone.UserIdentityLink{Type: "PING_ONE"}, &got.(*pingone.UserIdentityProvider).IdentityProvider)
			},
		},
		actionCase{
			action: "Update User Identity Provider", family: "users", golden: "set_identity_provider",
			method: "PUT", path: u1 + "/identityProvider", status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Users.SetIdentityProvider(ctx, userID1, userIdPID)
			},
			check: func(t *testing.T, got any) {
				assertFields(t, &pingone.UserIdentityLink{ID: userIdPID, Type: "SAML"}, &got.(*pingone.UserIdentityProvider).IdentityProvider)
			},
		},
		actionCase{
			action: "Update User Identity Provider", family: "users", golden: "reset_identity_provider",
			method: "PUT", path: u1 + "/identityProvider", status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Users.SetIdentityProvider(ctx, userID1, "")
			},
			check: func(t *testing.T, got any) {
				assertFields(t, &pingone.UserIdentityLink{Type: "PING_ONE"}, &got.(*pingone.UserIdentityProvider).IdentityProvider)
			},
		},
		actionCase{
			action: "Get User Verify Status", family: "users", golden: "get_verify_status",
			method: "GET", path: u1 + "/verifyStatus", status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Users.GetVerifyStatus(ctx, userID1)
			},
			check: func(t *testing.T, got any) {
				assert.Equal(t, pingone.VerifyEnabled, got.(*pingone.UserVerifyStatus).VerifyStatus)
			},
		},
		actionCase{
			action: "Update User Verify Status", family: "users", golden: "set_verify_status",
			method: "PUT", path: u1 + "/verifyStatus", status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Users.SetVerifyStatus(ctx, userID1, pingone.VerifyDisabled)
			},
		},
		actionCase{
			action: "Get User Activities", family: "users", golden: "activities",
			method: "GET", path: "/environments/" + testEnv + "/userActivities?filter=startDate+eq+%222024-03-01T00%3A00%3A00.000Z%22+and+endDate+eq+%222024-03-03T00%3A00%3A00.000Z%22&sampleSize=DAY", status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				cet := time.FixedZone("CET", 3600)
				return env.Users.ListActivities(ctx, &pingone.ListUserActivitiesOptions{
					Start:      time.Date(2024, 3, 1, 1, 0, 0, 0, cet),
					End:        time.Date(2024, 3, 3, 1, 0, 0, 0, cet),
					SampleSize: pingone.SampleDay,
				})
			},
			check: func(t *testing.T, got any) {
				acts := got.(*pingone.Page[pingone.UserActivity]).Items
				require.Len(t, acts, 2)
				assert.Equal(t, time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), acts[0].StartDate)
				assertFields(t, &pingone.SignOnCounts{Successes: 17, Failures: 2}, &acts[0].UserSignOns)
				assert.Equal(t, 1, acts[0].PasswordResets)
				assert.Equal(t, testEnv, acts[1].Environment.ID)
			},
		},
	)
}

func TestUsers(t *testing.T) {
	t.Parallel()
	testFamily(t, "users")
}

// userCaptureBody answers with status and body, recording the request's
// content type and body.
func userCaptureBody(status int, body string, gotCT *string, gotBody *string) httpmock.Responder {
	return func(r *http.Request) (*http.Response, error) {
		*gotCT = r.Header.Get("Content-Type")
		if r.Body != nil {
			b, _ := io.ReadAll(r.Body)
			*gotBody = string(b)
		}
		return jsonResponder(status, body)(r)
	}
}

func TestUserUpdateSendsNullOnlyForClearedFields(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	var ct, body string
	mt.RegisterResponder("PATCH", testAPIBase+envUsers+"/"+userID1, userCaptureBody(200, string(readGolden(t, "users", "update.json")), &ct, &body))
	env := c.Environment(testEnv)

	_, err := env.Users.Update(t.Context(), userID1, pingone.UpdateUserRequest{Title: pingone.Null[string]()})
	require.NoError(t, err)
	assert.Equal(t, "application/json", ct)
	assert.JSONEq(t, `{"title":null}`, body, "only the cleared field, as null")

	_, err = env.Users.Update(t.Context(), userID1, pingone.UpdateUserRequest{
		Address: pingone.Null[pingone.UserAddress](),
		Custom:  map[string]json.RawMessage{"badges": json.RawMessage(`null`)},
	})
	require.NoError(t, err)
	assert.JSONEq(t, `{"address":null,"badges":null}`, body)

	_, err = env.Users.Update(t.Context(), userID1, pingone.UpdateUserRequest{})
	require.NoError(t, err)
	assert.JSONEq(t, `{}`, body, "nothing set, nothing sent")
}

func TestUserCreateContentType(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	var ct, body string
	mt.RegisterResponder("POST", testAPIBase+envUsers, userCaptureBody(201, string(readGolden(t, "users", "create.json")), &ct, &body))
	env := c.Environment(testEnv)

	_, err := env.Users.Create(t.Context(), pingone.CreateUserRequest{Username: "marie.curie"})
	require.NoError(t, err)
	assert.Equal(t, "application/json", ct)
	assert.JSONEq(t, `{"username":"marie.curie"}`, body, "only what is set; no password member")

	_, err = env.Users.Create(t.Context(), pingone.CreateUserRequest{Username: "marie.curie", Password: pingone.InitialPassword{Value: "S3cret-Value!"}})
	require.NoError(t, err)
	assert.Equal(t, "application/vnd.pingidentity.user.import+json", ct)
	assert.JSONEq(t, `{"username":"marie.curie","password":{"value":"S3cret-Value!","forceChange":false}}`, body)
}

func TestSetPasswordContentType(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	var ct, body string
	mt.RegisterResponder("PUT", testAPIBase+envUsers+"/"+userID1+"/password", userCaptureBody(200, string(readGolden(t, "users", "set_password.json")), &ct, &body))
	_, err := c.Environment(testEnv).Users.SetPassword(t.Context(), userID1, pingone.SetPasswordRequest{Value: "S3cret-Value!"})
	require.NoError(t, err)
	assert.Equal(t, "application/vnd.pingidentity.password.set+json", ct)
	assert.JSONEq(t, `{"value":"S3cret-Value!","forceChange":false}`, body)
}

func TestPasswordsAreNeverPrinted(t *testing.T) {
	t.Parallel()
	const secret = "Do-Not-Print-Me-42"
	set := pingone.SetPasswordRequest{Value: secret, ForceChange: true}
	create := pingone.CreateUserRequest{Username: "u", Password: pingone.InitialPassword{Value: secret}}
	for _, format := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%T %[1]v"} {
		for _, v := range []any{set, &set, create, &create, create.Password} {
			out := fmt.Sprintf(format, v)
			assert.NotContains(t, out, secret, format)
		}
	}
	assert.Contains(t, set.String(), "ForceChange:true")

	var logged strings.Builder
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("setting", "req", set, "create", create.Password)
	assert.NotContains(t, logged.String(), secret)
	assert.Contains(t, logged.String(), `"forceChange":true`)

	// A refused password: neither the error nor the client's log holds it.
	var clientLog strings.Builder
	c, mt := rawMockClient(t, pingone.WithLogger(slog.New(slog.NewTextHandler(&clientLog, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	mt.RegisterResponder("PUT", testAPIBase+envUsers+"/"+userID1+"/password", jsonResponder(400,
		`{"id":"e1","code":"INVALID_DATA","message":"The password does not meet the policy","details":[{"code":"INVALID_VALUE","target":"value","message":"too short"}]}`))
	_, err := c.Environment(testEnv).Users.SetPassword(t.Context(), userID1, set)
	require.Error(t, err)
	assert.ErrorIs(t, err, pingone.ErrInvalidData)
	assert.NotContains(t, err.Error(), secret)
	assert.NotEmpty(t, clientLog.String())
	assert.NotContains(t, clientLog.String(), secret)

	// Arguments that fail before sending do not echo the value either.
	_, err = c.Environment(testEnv).Users.SetPassword(t.Context(), userID1, pingone.SetPasswordRequest{Value: "bad\xff" + secret})
	var argErr *pingone.ArgumentError
	require.ErrorAs(t, err, &argErr)
	assert.NotContains(t, err.Error(), secret)
}

func TestUsersCheckArgumentsBeforeSending(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	env := c.Environment(testEnv)
	ctx := t.Context()
	calls := map[string]func() error{
		"Get":    func() error { _, err := env.Users.Get(ctx, "", nil); return err },
		"Create": func() error { _, err := env.Users.Create(ctx, pingone.CreateUserRequest{}); return err },
		"Create/forceOnly": func() error {
			_, err := env.Users.Create(ctx, pingone.CreateUserRequest{Username: "u", Password: pingone.InitialPassword{ForceChange: true}})
			return err
		},
		"Update":      func() error { _, err := env.Users.Update(ctx, "", pingone.UpdateUserRequest{}); return err },
		"Delete":      func() error { return env.Users.Delete(ctx, "") },
		"GetEnabled":  func() error { _, err := env.Users.GetEnabled(ctx, ""); return err },
		"SetEnabled":  func() error { _, err := env.Users.SetEnabled(ctx, "", true); return err },
		"GetPassword": func() error { _, err := env.Users.GetPassword(ctx, ""); return err },
		"SetPassword": func() error {
			_, err := env.Users.SetPassword(ctx, "", pingone.SetPasswordRequest{Value: "x"})
			return err
		},
		"SetPassword/empty":   func() error { _, err := env.Users.SetPassword(ctx, userID1, pingone.SetPasswordRequest{}); return err },
		"GetPopulation":       func() error { _, err := env.Users.GetPopulation(ctx, ""); return err },
		"SetPopulation":       func() error { _, err := env.Users.SetPopulation(ctx, userID1, ""); return err },
		"SetPopulation/user":  func() error { _, err := env.Users.SetPopulation(ctx, "", popID1); return err },
		"GetIdentityProvider": func() error { _, err := env.Users.GetIdentityProvider(ctx, ""); return err },
		"SetIdentityProvider": func() error { _, err := env.Users.SetIdentityProvider(ctx, "", "x"); return err },
		"GetVerifyStatus":     func() error { _, err := env.Users.GetVerifyStatus(ctx, ""); return err },
		"SetVerifyStatus":     func() error { _, err := env.Users.SetVerifyStatus(ctx, userID1, ""); return err },
		"ListRoleAssignments": func() error { _, err := env.Users.ListRoleAssignments(ctx, "", nil); return err },
		"ListRoleAssignmentsIter": func() error {
			for _, err := range env.Users.ListRoleAssignmentsIter(ctx, "", nil) {
				return err
			}
			return nil
		},
		"CreateRoleAssignment": func() error {
			_, err := env.Users.CreateRoleAssignment(ctx, "", pingone.RoleAssignmentRequest{Role: pingone.Ref{ID: "r"}, Scope: pingone.EnvironmentScope(testEnv)})
			return err
		},
		"GetRoleAssignment":    func() error { _, err := env.Users.GetRoleAssignment(ctx, userID1, ""); return err },
		"DeleteRoleAssignment": func() error { return env.Users.DeleteRoleAssignment(ctx, "", userRAID1) },
		"Activities/onlyStart": func() error {
			_, err := collectActivities(ctx, env, &pingone.ListUserActivitiesOptions{Start: time.Now()})
			return err
		},
		"Activities/endBefore": func() error {
			_, err := collectActivities(ctx, env, &pingone.ListUserActivitiesOptions{Start: time.Now(), End: time.Now().Add(-time.Hour)})
			return err
		},
		"Environment": func() error { _, err := c.Environment("").Users.Get(ctx, userID1, nil); return err },
		"Custom/collides": func() error {
			_, err := env.Users.Create(ctx, pingone.CreateUserRequest{Username: "u", Custom: map[string]json.RawMessage{"email": json.RawMessage(`"x"`)}})
			return err
		},
		"Custom/password": func() error {
			_, err := env.Users.Create(ctx, pingone.CreateUserRequest{Username: "u", Custom: map[string]json.RawMessage{"password": json.RawMessage(`{"value":"x"}`)}})
			return err
		},
		"Custom/notJSON": func() error {
			_, err := env.Users.Create(ctx, pingone.CreateUserRequest{Username: "u", Custom: map[string]json.RawMessage{"x": json.RawMessage(`{`)}})
			return err
		},
		"Custom/emptyName": func() error {
			_, err := env.Users.Create(ctx, pingone.CreateUserRequest{Username: "u", Custom: map[string]json.RawMessage{"": json.RawMessage(`1`)}})
			return err
		},
		"UpdateCustom/collides": func() error {
			_, err := env.Users.Update(ctx, userID1, pingone.UpdateUserRequest{Custom: map[string]json.RawMessage{"nickname": json.RawMessage(`null`)}})
			return err
		},
		"UpdateCustom/password": func() error {
			_, err := env.Users.Update(ctx, userID1, pingone.UpdateUserRequest{Custom: map[string]json.RawMessage{"password": json.RawMessage(`{}`)}})
			return err
		},
		"UpdateCustom/readOnly": func() error {
			_, err := env.Users.Update(ctx, userID1, pingone.UpdateUserRequest{Custom: map[string]json.RawMessage{"_links": json.RawMessage(`null`)}})
			return err
		},
		"UpdateCustom/notJSON": func() error {
			_, err := env.Users.Update(ctx, userID1, pingone.UpdateUserRequest{Custom: map[string]json.RawMessage{"x": nil}})
			return err
		},
		"List/badFilter": func() error {
			_, err := env.Users.List(ctx, &pingone.ListUsersOptions{Filter: scim.Eq("user name", "x")})
			return err
		},
	}
	for name, call := range calls {
		err := call()
		var argErr *pingone.ArgumentError
		assert.ErrorAs(t, err, &argErr, name)
	}
	assert.Equal(t, 0, mt.GetTotalCallCount(), "no request for a bad argument")
}

func TestUserRequestsAreNotMutated(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	mt.RegisterResponder("POST", testAPIBase+envUsers, jsonResponder(201, string(readGolden(t, "users", "create.json"))))
	mt.RegisterResponder("PATCH", testAPIBase+envUsers+"/"+userID1, jsonResponder(200, string(readGolden(t, "users", "update.json"))))
	env := c.Environment(testEnv)

	create := pingone.CreateUserRequest{Username: "marie.curie", Custom: map[string]json.RawMessage{"skills": json.RawMessage(`["physics"]`)}}
	_, err := env.Users.Create(t.Context(), create)
	require.NoError(t, err)
	assert.Equal(t, map[string]json.RawMessage{"skills": json.RawMessage(`["physics"]`)}, create.Custom)

	custom := map[string]json.RawMessage{"a": json.RawMessage(`null`), "b": json.RawMessage(`[1]`)}
	_, err = env.Users.Update(t.Context(), userID1, pingone.UpdateUserRequest{Custom: custom})
	require.NoError(t, err)
	assert.Equal(t, map[string]json.RawMessage{"a": json.RawMessage(`null`), "b": json.RawMessage(`[1]`)}, custom)
}

func TestUserActivitiesWithoutPeriod(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	var query string
	mt.RegisterResponder("GET", testAPIBase+"/environments/"+testEnv+"/userActivities", func(r *http.Request) (*http.Response, error) {
		query = r.URL.RawQuery
		return jsonResponder(200, `{"_links":{"self":{"href":"x"}},"count":0,"size":0}`)(r)
	})
	acts, err := collectActivities(t.Context(), c.Environment(testEnv), &pingone.ListUserActivitiesOptions{})
	require.NoError(t, err)
	assert.Empty(t, acts)
	assert.NotNil(t, acts)
	assert.Empty(t, query, "no period, no size: PingOne's defaults")

	_, err = collectActivities(t.Context(), c.Environment(testEnv), &pingone.ListUserActivitiesOptions{SampleSize: pingone.SampleWeek})
	require.NoError(t, err)
	assert.Equal(t, "sampleSize=WEEK", query)
}

// collectActivities reads the whole user activity report.
func collectActivities(ctx context.Context, env *pingone.Environment, opts *pingone.ListUserActivitiesOptions) ([]pingone.UserActivity, error) {
	out := []pingone.UserActivity{}
	for a, err := range env.Users.ListActivitiesIter(ctx, opts) {
		if err != nil {
			return nil, err
		}
		out = append(out, *a)
	}
	return out, nil
}
