package pingone_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"testing"
	"time"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/scim"
)

const (
	groupID1     = "6e1f0c2a-0000-4000-8000-000000000001"
	groupID2     = "6e1f0c2a-0000-4000-8000-000000000002"
	groupID3     = "6e1f0c2a-0000-4000-8000-000000000003"
	groupRoleID1 = "7a2b3c4d-0000-4000-8000-000000000001"
	groupRAID1   = "8b3c4d5e-0000-4000-8000-000000000001"
	envGroups    = "/environments/" + testEnv + "/groups"
)

func init() {
	registerActions(
		actionCase{
			action: "List Groups", family: "groups", golden: "list",
			method: "GET", path: envGroups + `?filter=name+sw+%22Eng%22&limit=2`, status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Groups.List(ctx, &pingone.ListGroupsOptions{Filter: scim.Sw("name", "Eng"), ListOptions: pingone.ListOptions{Limit: 2}})
			},
			check: func(t *testing.T, got any) {
				p := got.(*pingone.Page[pingone.Group])
				require.Len(t, p.Items, 2)
				assert.Equal(t, 3, p.Count)
				assert.True(t, p.HasNext())
				g := p.Items[0]
				assert.Equal(t, "Engineering", g.Name)
				assert.Equal(t, "ext-eng", g.ExternalID)
				assert.JSONEq(t, `{"costCenter":"CC-42","tags":["r&d","core"]}`, string(g.CustomData))
				assert.Nil(t, g.TotalMemberCounts, "counts are not reported without include")
				assert.Equal(t, time.Date(2024, 4, 2, 9, 30, 0, 250e6, time.UTC), g.UpdatedAt)
				dyn := p.Items[1]
				assert.Equal(t, popID1, dyn.Population.ID)
				assert.Equal(t, `address.countryCode eq "FR" or address.countryCode eq "DE"`, dyn.UserFilter)
				assert.Equal(t, pingone.GroupSourceType("FEDERATION"), dyn.SourceType, "unknown source type kept")
				assert.Equal(t, "src-9", dyn.SourceID)
				assert.Equal(t, "Engineering (EU)", dyn.DisplayName)
				assert.JSONEq(t, `{"x":1}`, string(dyn.Extra["futureField"]), "unknown member kept")
			},
		},
		actionCase{
			action: "Create Group", family: "groups", golden: "create",
			method: "POST", path: envGroups, status: 201,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Groups.Create(ctx, pingone.GroupRequest{
					Name:        "Staff in France",
					Description: pingone.Value("Everyone in France"),
					Population:  pingone.Value(pingone.Ref{ID: popID1}),
					UserFilter:  scim.Eq("address.countryCode", "FR"),
					ExternalID:  pingone.Value("hr-fr"),
					CustomData:  pingone.Value(jsontext.Value(`{"owner": "hr", "level": 2}`)),
				})
			},
			check: func(t *testing.T, got any) {
				g := got.(*pingone.Group)
				assert.Equal(t, groupID3, g.ID)
				assert.Equal(t, `address.countryCode eq "FR"`, g.UserFilter)
				assert.JSONEq(t, `{"owner":"hr","level":2}`, string(g.CustomData))
			},
		},
		actionCase{
			action: "Get Group", family: "groups", golden: "get",
			method: "GET", path: envGroups + "/" + groupID1 + "?include=totalMemberCounts", status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Groups.Get(ctx, groupID1, &pingone.GetGroupOptions{IncludeTotalMemberCounts: true})
			},
			check: func(t *testing.T, got any) {
				g := got.(*pingone.Group)
				require.NotNil(t, g.DirectMemberCounts)
				require.NotNil(t, g.TotalMemberCounts)
				assert.Equal(t, 3, g.DirectMemberCounts.Users)
				assert.Equal(t, 7, g.TotalMemberCounts.Users)
				assert.Contains(t, g.Links.Href("self"), groupID1)
			},
		},
		actionCase{
			action: "Update Group", family: "groups", golden: "replace",
			method: "PUT", path: envGroups + "/" + groupID3, status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Groups.Replace(ctx, groupID3, pingone.GroupRequest{
					Name:       "Staff in France",
					Population: pingone.Value(pingone.Ref{ID: popID1}),
					ExternalID: pingone.Value("hr-fr"),
				})
			},
			check: func(t *testing.T, got any) {
				g := got.(*pingone.Group)
				assert.Empty(t, g.UserFilter, "the omitted user filter was cleared")
				assert.Empty(t, g.Description)
			},
		},
		actionCase{
			action: "Delete Group", family: "groups", golden: "delete",
			method: "DELETE", path: envGroups + "/" + groupID3, status: 204,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return nil, env.Groups.Delete(ctx, groupID3)
			},
		},
		actionCase{
			action: "List Group Nested Groups", family: "groups", golden: "list_parents",
			method: "GET", path: envGroups + "/" + groupID2 + "/memberOfGroups", status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Groups.ListParents(ctx, groupID2)
			},
			check: func(t *testing.T, got any) {
				p := got.(*pingone.Page[pingone.GroupNesting])
				require.Len(t, p.Items, 1)
				assert.Equal(t, groupID1, p.Items[0].ID, "the parent")
				assert.Equal(t, "Engineering", p.Items[0].Name)
				assert.Equal(t, pingone.MembershipDirect, p.Items[0].Type)
			},
		},
		actionCase{
			action: "Add Group To Group", family: "groups", golden: "add_parent",
			method: "POST", path: envGroups + "/" + groupID2 + "/memberOfGroups", status: 201,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Groups.AddToParent(ctx, groupID2, groupID1)
			},
			check: func(t *testing.T, got any) {
				assert.Equal(t, groupID1, got.(*pingone.GroupNesting).ID)
			},
		},
		actionCase{
			action: "Get Group Nested Group", family: "groups", golden: "get_parent",
			method: "GET", path: envGroups + "/" + groupID2 + "/memberOfGroups/" + groupID1, status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Groups.GetParent(ctx, groupID2, groupID1)
			},
			check: func(t *testing.T, got any) {
				n := got.(*pingone.GroupNesting)
				assert.Equal(t, groupID1, n.ID)
				assert.Contains(t, n.Links.Href("self"), groupID2+"/memberOfGroups/"+groupID1)
			},
		},
		actionCase{
			action: "Remove Group From Group", family: "groups", golden: "remove_parent",
			method: "DELETE", path: envGroups + "/" + groupID2 + "/memberOfGroups/" + groupID1, status: 204,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return nil, env.Groups.RemoveFromParent(ctx, groupID2, groupID1)
			},
		},
		actionCase{
			action: "List Group Role Assignments", family: "groups", golden: "list_role_assignments",
			method: "GET", path: envGroups + "/" + groupID1 + "/roleAssignments", status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Groups.ListRoleAssignments(ctx, groupID1)
			},
			check: func(t *testing.T, got any) {
				p := got.(*pingone.Page[pingone.RoleAssignment])
				require.Len(t, p.Items, 1)
				assert.Equal(t, groupRoleID1, p.Items[0].Role.ID)
				assert.Equal(t, pingone.PopulationScope(popID1), p.Items[0].Scope)
			},
		},
		actionCase{
			action: "Create Group Role Assignment", family: "groups", golden: "create_role_assignment",
			method: "POST", path: envGroups + "/" + groupID1 + "/roleAssignments", status: 201,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Groups.CreateRoleAssignment(ctx, groupID1, pingone.RoleAssignmentRequest{Role: pingone.Ref{ID: groupRoleID1}, Scope: pingone.PopulationScope(popID1)})
			},
			check: func(t *testing.T, got any) {
				assert.Equal(t, groupRAID1, got.(*pingone.RoleAssignment).ID)
			},
		},
		actionCase{
			action: "Get Group Role Assignment", family: "groups", golden: "get_role_assignment",
			method: "GET", path: envGroups + "/" + groupID1 + "/roleAssignments/" + groupRAID1, status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Groups.GetRoleAssignment(ctx, groupID1, groupRAID1)
			},
			check: func(t *testing.T, got any) {
				assert.False(t, got.(*pingone.RoleAssignment).ReadOnly)
			},
		},
		actionCase{
			action: "Delete Group Role Assignment", family: "groups", golden: "delete_role_assignment",
			method: "DELETE", path: envGroups + "/" + groupID1 + "/roleAssignments/" + groupRAID1, status: 204,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return nil, env.Groups.DeleteRoleAssignment(ctx, groupID1, groupRAID1)
			},
		},
	)
}

func TestGroups(t *testing.T) {
	t.Parallel()
	testFamily(t, "groups")
}

// Every group call checks its IDs and its request before sending anything.
func TestGroupsRejectBadArguments(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	env := c.Environment(testEnv)
	ctx := t.Context()
	valid := pingone.GroupRequest{Name: "ok"}

	calls := map[string]func() error{
		"Get":             func() error { _, err := env.Groups.Get(ctx, "", nil); return err },
		"Replace no ID":   func() error { _, err := env.Groups.Replace(ctx, "", valid); return err },
		"Delete":          func() error { return env.Groups.Delete(ctx, "") },
		"Create no name":  func() error { _, err := env.Groups.Create(ctx, pingone.GroupRequest{}); return err },
		"Replace no name": func() error { _, err := env.Groups.Replace(ctx, groupID1, pingone.GroupRequest{}); return err },
		"bad user filter": func() error {
			_, err := env.Groups.Create(ctx, pingone.GroupRequest{Name: "x", UserFilter: scim.Eq("bad name", 1)})
			return err
		},
		"empty population": func() error {
			_, err := env.Groups.Create(ctx, pingone.GroupRequest{Name: "x", Population: pingone.Value(pingone.Ref{})})
			return err
		},
		"custom data array": func() error {
			_, err := env.Groups.Create(ctx, pingone.GroupRequest{Name: "x", CustomData: pingone.Value(jsontext.Value(`[1]`))})
			return err
		},
		"custom data invalid": func() error {
			_, err := env.Groups.Create(ctx, pingone.GroupRequest{Name: "x", CustomData: pingone.Value(jsontext.Value(`{"a":`))})
			return err
		},
		"custom data empty": func() error {
			_, err := env.Groups.Create(ctx, pingone.GroupRequest{Name: "x", CustomData: pingone.Value(jsontext.Value(nil))})
			return err
		},
		"list bad filter": func() error {
			_, err := env.Groups.List(ctx, &pingone.ListGroupsOptions{Filter: scim.Not(scim.Filter{})})
			return err
		},
		"ListParents":         func() error { _, err := env.Groups.ListParents(ctx, ""); return err },
		"AddToParent child":   func() error { _, err := env.Groups.AddToParent(ctx, "", groupID1); return err },
		"AddToParent parent":  func() error { _, err := env.Groups.AddToParent(ctx, groupID1, ""); return err },
		"GetParent child":     func() error { _, err := env.Groups.GetParent(ctx, "", groupID1); return err },
		"GetParent parent":    func() error { _, err := env.Groups.GetParent(ctx, groupID1, ""); return err },
		"RemoveFromParent":    func() error { return env.Groups.RemoveFromParent(ctx, groupID1, "") },
		"RemoveFromParent 2":  func() error { return env.Groups.RemoveFromParent(ctx, "", groupID1) },
		"ListRoleAssignments": func() error { _, err := env.Groups.ListRoleAssignments(ctx, ""); return err },
		"CreateRoleAssignment": func() error {
			_, err := env.Groups.CreateRoleAssignment(ctx, groupID1, pingone.RoleAssignmentRequest{Role: pingone.Ref{ID: groupRoleID1}})
			return err
		},
		"GetRoleAssignment":    func() error { _, err := env.Groups.GetRoleAssignment(ctx, groupID1, ""); return err },
		"DeleteRoleAssignment": func() error { return env.Groups.DeleteRoleAssignment(ctx, "", groupRAID1) },
		"no environment": func() error {
			_, err := c.Environment("").Groups.List(ctx, nil)
			return err
		},
	}
	for name, call := range calls {
		err := call()
		_, ok := errors.AsType[*pingone.ArgumentError](err)
		assert.True(t, ok, "%s: want an *ArgumentError, got %v", name, err)
	}
	for name, seq := range map[string]func() error{
		"ListIter": func() error {
			for _, err := range env.Groups.ListIter(ctx, &pingone.ListGroupsOptions{Filter: scim.Eq("", "x")}) {
				return err
			}
			return nil
		},
		"ListParentsIter": func() error {
			for _, err := range env.Groups.ListParentsIter(ctx, "") {
				return err
			}
			return nil
		},
		"ListRoleAssignmentsIter": func() error {
			for _, err := range env.Groups.ListRoleAssignmentsIter(ctx, "") {
				return err
			}
			return nil
		},
	} {
		err := seq()
		_, ok := errors.AsType[*pingone.ArgumentError](err)
		assert.True(t, ok, "%s: want an *ArgumentError, got %v", name, err)
	}
	assert.Equal(t, 0, mt.GetTotalCallCount(), "no request was sent")
}

// Group.Request carries every writable field and nothing read-only, so a
// read, change, replace cycle loses nothing and sends nothing it must not.
func TestGroupRequestFromGroup(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	env := c.Environment(testEnv)
	mt.RegisterResponder("GET", testAPIBase+envGroups+"/"+groupID2, jsonResponder(200, `{
		"id": "`+groupID2+`", "environment": {"id": "`+testEnv+`"}, "name": "Engineering EU",
		"description": "EU engineers", "population": {"id": "`+popID1+`"},
		"userFilter": "address.countryCode eq \"FR\"", "externalId": "x-1",
		"customData": {"a": [1, 2]}, "displayName": "Eng EU", "sourceType": "IDP", "sourceId": "s",
		"directMemberCounts": {"users": 1}, "totalMemberCounts": {"users": 2},
		"createdAt": "2024-05-01T08:00:00.000Z", "updatedAt": "2024-05-01T08:00:00.000Z",
		"_links": {"self": {"href": "`+testAPIBase+envGroups+"/"+groupID2+`"}}}`))
	var sent map[string]any
	mt.RegisterResponder("PUT", testAPIBase+envGroups+"/"+groupID2, func(r *http.Request) (*http.Response, error) {
		require.NoError(t, json.NewDecoder(r.Body).Decode(&sent))
		return jsonResponder(200, `{"id": "`+groupID2+`", "name": "Engineering Europe"}`)(r)
	})

	g, err := env.Groups.Get(t.Context(), groupID2, nil)
	require.NoError(t, err)
	req, err := g.Request()
	require.NoError(t, err)
	req.Name = "Engineering Europe"
	_, err = env.Groups.Replace(t.Context(), groupID2, req)
	require.NoError(t, err)
	assert.Equal(t, map[string]any{
		"name":        "Engineering Europe",
		"description": "EU engineers",
		"population":  map[string]any{"id": popID1},
		"userFilter":  `address.countryCode eq "FR"`,
		"externalId":  "x-1",
		"customData":  map[string]any{"a": []any{1.0, 2.0}},
	}, sent)
	assert.Equal(t, "Engineering EU", g.Name, "the group read is not changed")

	// A user filter that the scim package cannot parse is reported rather
	// than dropped, which would turn the group static.
	bad := pingone.Group{Name: "x", UserFilter: `name eq`}
	_, err = bad.Request()
	assert.Error(t, err)
	var nilGroup *pingone.Group
	_, err = nilGroup.Request()
	assert.Error(t, err)
}

// A GroupRequest marshalled by the caller gives the same body as the SDK
// sends, with the user filter as text.
func TestGroupRequestMarshal(t *testing.T) {
	t.Parallel()
	data, err := jsonv2.Marshal(pingone.GroupRequest{Name: "g", UserFilter: scim.Sw("email", "a").And(scim.Eq("enabled", true))})
	require.NoError(t, err)
	assert.JSONEq(t, `{"name":"g","userFilter":"email sw \"a\" and enabled eq true"}`, string(data))
	_, err = jsonv2.Marshal(pingone.GroupRequest{})
	assert.Error(t, err, "no name")
}

// A group's JSON from PingOne with fields of unexpected types still decodes.
func TestGroupLenientDecoding(t *testing.T) {
	t.Parallel()
	c, mt := rawMockClient(t) // the contract would refuse the string count
	mt.RegisterResponder("GET", testAPIBase+envGroups+"/"+groupID1, jsonResponder(200, `{
		"id": "`+groupID1+`", "name": "g", "customData": null, "totalMemberCounts": {"users": "12"}}`))
	g, err := c.Environment(testEnv).Groups.Get(t.Context(), groupID1, nil)
	require.NoError(t, err)
	require.NotNil(t, g.TotalMemberCounts)
	assert.Equal(t, 12, g.TotalMemberCounts.Users)
	req, err := g.Request()
	require.NoError(t, err)
	assert.True(t, req.CustomData.IsZero(), "null custom data is not sent back")
}
