package pingone_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	jsonv2 "github.com/go-json-experiment/json"
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
					CustomData:  pingone.Value(json.RawMessage(`{"owner": "hr", "level": 2}`)),
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
				return env.Groups.ListParents(ctx, groupID2, nil)
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
				return env.Groups.ListRoleAssignments(ctx, groupID1, nil)
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

// Every group call checks its IDs and its request before sending anything,
// and its error names the method and the argument.
func TestGroupsRejectBadArguments(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	env := c.Environment(testEnv)
	ctx := t.Context()
	valid := pingone.GroupRequest{Name: "ok"}
	okRA := pingone.RoleAssignmentRequest{Role: pingone.RefTo(groupRoleID1), Scope: pingone.PopulationScope(popID1)}
	first := func(seq func(yield func(*pingone.Group, error) bool)) error {
		for _, err := range seq {
			return err
		}
		return nil
	}

	cases := []struct {
		name string
		call func() error
		want string // the whole message
	}{
		{"Get", func() error { _, err := env.Groups.Get(ctx, "", nil); return err }, "pingone: Groups.Get: groupID is required"},
		{"Get dot", func() error { _, err := env.Groups.Get(ctx, "..", nil); return err }, "pingone: Groups.Get: groupID is not a valid ID: .."},
		{"Replace no ID", func() error { _, err := env.Groups.Replace(ctx, "", valid); return err }, "pingone: Groups.Replace: groupID is required"},
		{"Delete", func() error { return env.Groups.Delete(ctx, "") }, "pingone: Groups.Delete: groupID is required"},
		{"Create no name", func() error { _, err := env.Groups.Create(ctx, pingone.GroupRequest{}); return err }, "pingone: Groups.Create: Name is required"},
		{"Replace no name", func() error { _, err := env.Groups.Replace(ctx, groupID1, pingone.GroupRequest{}); return err }, "pingone: Groups.Replace: Name is required"},
		{"bad user filter", func() error {
			_, err := env.Groups.Create(ctx, pingone.GroupRequest{Name: "x", UserFilter: scim.Eq("bad name", 1)})
			return err
		}, `pingone: Groups.Create: UserFilter is invalid: scim: Eq("bad name"): invalid attribute name`},
		{"empty population", func() error {
			_, err := env.Groups.Create(ctx, pingone.GroupRequest{Name: "x", Population: pingone.Value(pingone.Ref{})})
			return err
		}, "pingone: Groups.Create: Population.ID is required"},
		{"custom data array", func() error {
			_, err := env.Groups.Replace(ctx, groupID1, pingone.GroupRequest{Name: "x", CustomData: pingone.Value(json.RawMessage(`[1]`))})
			return err
		}, "pingone: Groups.Replace: CustomData is not a JSON object"},
		{"custom data invalid", func() error {
			_, err := env.Groups.Create(ctx, pingone.GroupRequest{Name: "x", CustomData: pingone.Value(json.RawMessage(`{"a":`))})
			return err
		}, "pingone: Groups.Create: CustomData is not a JSON object"},
		{"custom data empty", func() error {
			_, err := env.Groups.Create(ctx, pingone.GroupRequest{Name: "x", CustomData: pingone.Value(json.RawMessage(nil))})
			return err
		}, "pingone: Groups.Create: CustomData is not a JSON object"},
		{"list bad filter", func() error {
			_, err := env.Groups.List(ctx, &pingone.ListGroupsOptions{Filter: scim.Not(scim.Filter{})})
			return err
		}, "pingone: Groups.List: Filter is invalid: scim: Not: empty filter"},
		{"list negative limit", func() error {
			_, err := env.Groups.List(ctx, &pingone.ListGroupsOptions{ListOptions: pingone.ListOptions{Limit: -1}})
			return err
		}, "pingone: Groups.List: Limit is negative"},
		{"ListIter", func() error {
			return first(env.Groups.ListIter(ctx, &pingone.ListGroupsOptions{Filter: scim.Eq("", "x")}))
		}, `pingone: Groups.ListIter: Filter is invalid: scim: Eq(""): invalid attribute name`},
		{"ByName", func() error { _, err := env.Groups.ByName(ctx, ""); return err }, "pingone: Groups.ByName: name is required"},
		{"ListParents", func() error { _, err := env.Groups.ListParents(ctx, "", nil); return err }, "pingone: Groups.ListParents: groupID is required"},
		{"ListParentsIter", func() error {
			for _, err := range env.Groups.ListParentsIter(ctx, "", nil) {
				return err
			}
			return nil
		}, "pingone: Groups.ListParentsIter: groupID is required"},
		{"AddToParent child", func() error { _, err := env.Groups.AddToParent(ctx, "", groupID1); return err }, "pingone: Groups.AddToParent: groupID is required"},
		{"AddToParent parent", func() error { _, err := env.Groups.AddToParent(ctx, groupID1, ""); return err }, "pingone: Groups.AddToParent: parentGroupID is required"},
		{"GetParent child", func() error { _, err := env.Groups.GetParent(ctx, "", groupID1); return err }, "pingone: Groups.GetParent: groupID is required"},
		{"GetParent parent", func() error { _, err := env.Groups.GetParent(ctx, groupID1, ""); return err }, "pingone: Groups.GetParent: parentGroupID is required"},
		{"RemoveFromParent parent", func() error { return env.Groups.RemoveFromParent(ctx, groupID1, "") }, "pingone: Groups.RemoveFromParent: parentGroupID is required"},
		{"RemoveFromParent child", func() error { return env.Groups.RemoveFromParent(ctx, "", groupID1) }, "pingone: Groups.RemoveFromParent: groupID is required"},
		{"ListRoleAssignments", func() error { _, err := env.Groups.ListRoleAssignments(ctx, "", nil); return err }, "pingone: Groups.ListRoleAssignments: groupID is required"},
		{"ListRoleAssignmentsIter", func() error {
			for _, err := range env.Groups.ListRoleAssignmentsIter(ctx, "", nil) {
				return err
			}
			return nil
		}, "pingone: Groups.ListRoleAssignmentsIter: groupID is required"},
		{"CreateRoleAssignment no scope", func() error {
			_, err := env.Groups.CreateRoleAssignment(ctx, groupID1, pingone.RoleAssignmentRequest{Role: pingone.RefTo(groupRoleID1)})
			return err
		}, "pingone: Groups.CreateRoleAssignment: Scope.ID is required"},
		{"CreateRoleAssignment no role", func() error {
			_, err := env.Groups.CreateRoleAssignment(ctx, groupID1, pingone.RoleAssignmentRequest{Scope: pingone.PopulationScope(popID1)})
			return err
		}, "pingone: Groups.CreateRoleAssignment: Role.ID is required"},
		{"CreateRoleAssignment no group", func() error {
			_, err := env.Groups.CreateRoleAssignment(ctx, "", okRA)
			return err
		}, "pingone: Groups.CreateRoleAssignment: groupID is required"},
		{"GetRoleAssignment", func() error { _, err := env.Groups.GetRoleAssignment(ctx, groupID1, ""); return err }, "pingone: Groups.GetRoleAssignment: roleAssignmentID is required"},
		{"DeleteRoleAssignment", func() error { return env.Groups.DeleteRoleAssignment(ctx, "", groupRAID1) }, "pingone: Groups.DeleteRoleAssignment: groupID is required"},
		{"no environment", func() error { _, err := c.Environment("").Groups.List(ctx, nil); return err }, "pingone: Groups.List: environmentID is required"},
	}
	for _, tc := range cases {
		err := tc.call()
		_, ok := errors.AsType[*pingone.ArgumentError](err)
		assert.True(t, ok, "%s: want an *ArgumentError, got %v", tc.name, err)
		assert.EqualError(t, err, tc.want, tc.name)
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
	req := g.Request()
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

	assert.Equal(t, pingone.GroupRequest{}, (*pingone.Group)(nil).Request(), "a nil group gives the zero request")
}

// A stored user filter that the scim package cannot read stays in the
// request as a filter carrying the error, and goes back as PingOne stored
// it while the caller leaves it: the group stays dynamic. A filter the
// caller sets that carries an error is refused, naming UserFilter; the
// zero Filter makes the group static. Custom data read goes back whatever
// it holds; custom data set that is not an object is refused.
func TestGroupRequestSendsBackAFilterItCannotRead(t *testing.T) {
	t.Parallel()
	c, mt := rawMockClient(t)
	env := c.Environment(testEnv)
	var sent []map[string]any
	mt.RegisterResponder("PUT", testAPIBase+envGroups+"/"+groupID2, func(r *http.Request) (*http.Response, error) {
		var body map[string]any
		require.NoError(t, json.NewDecoder(r.Body).Decode(&body))
		sent = append(sent, body)
		return jsonResponder(200, `{"id": "`+groupID2+`", "name": "x"}`)(r)
	})

	const stored = `name eq` // PingOne accepted it; the scim package cannot parse it
	req := (&pingone.Group{Name: "x", UserFilter: stored}).Request()
	require.Error(t, req.UserFilter.Err())
	assert.False(t, req.UserFilter.IsZero(), "not mistaken for no filter")
	_, err := env.Groups.Replace(t.Context(), groupID2, req)
	require.NoError(t, err)
	require.Len(t, sent, 1)
	assert.Equal(t, map[string]any{"name": "x", "userFilter": stored}, sent[0], "sent back as stored")

	bad := req
	bad.UserFilter = scim.Eq("bad name", 1)
	_, err = env.Groups.Replace(t.Context(), groupID2, bad)
	ae, ok := errors.AsType[*pingone.ArgumentError](err)
	require.True(t, ok, "%v", err)
	assert.Equal(t, "Groups.Replace", ae.Method)
	assert.Equal(t, "UserFilter", ae.Name)
	assert.Len(t, sent, 1, "not sent")

	changed := req
	changed.UserFilter = scim.Eq("username", "x")
	_, err = env.Groups.Replace(t.Context(), groupID2, changed)
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"name": "x", "userFilter": `username eq "x"`}, sent[1])

	static := req
	static.UserFilter = scim.Filter{}
	_, err = env.Groups.Replace(t.Context(), groupID2, static)
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"name": "x"}, sent[2], "the zero Filter makes the group static")

	req = (&pingone.Group{Name: "x", CustomData: json.RawMessage(`[1]`)}).Request()
	data, ok := req.CustomData.Get()
	require.True(t, ok, "kept")
	assert.JSONEq(t, `[1]`, string(data))
	_, err = env.Groups.Replace(t.Context(), groupID2, req)
	require.NoError(t, err)
	assert.Equal(t, []any{1.0}, sent[3]["customData"], "sent back as read")
	req.CustomData = pingone.Value(json.RawMessage(`[2]`))
	_, err = env.Groups.Replace(t.Context(), groupID2, req)
	assert.EqualError(t, err, "pingone: Groups.Replace: CustomData is not a JSON object")
	assert.Len(t, sent, 4)
}

// A GroupRequest marshalled by the caller (encoding/json or
// go-json-experiment) gives the body the SDK sends, with the user filter as
// text; one read back keeps its filter and sends it back as it came.
func TestGroupRequestMarshal(t *testing.T) {
	t.Parallel()
	req := pingone.GroupRequest{Name: "g", UserFilter: scim.Sw("email", "a").And(scim.Eq("enabled", true)),
		Extra: map[string]json.RawMessage{"futureFlag": json.RawMessage(`true`)}}
	want := `{"name":"g","userFilter":"email sw \"a\" and enabled eq true","futureFlag":true}`
	data, err := json.Marshal(req)
	require.NoError(t, err)
	assert.JSONEq(t, want, string(data))
	data, err = jsonv2.Marshal(req)
	require.NoError(t, err)
	assert.JSONEq(t, want, string(data))

	_, err = json.Marshal(pingone.GroupRequest{Name: "g", UserFilter: scim.Eq("bad name", 1)})
	assert.ErrorContains(t, err, "UserFilter is invalid")

	var back pingone.GroupRequest
	in := `{"name":"g","userFilter":"email SW \"a\"","description":12,"futureFlag":true}`
	require.NoError(t, json.Unmarshal([]byte(in), &back))
	assert.Equal(t, `email sw "a"`, back.UserFilter.String(), "parsed")
	assert.Equal(t, json.RawMessage(`true`), back.Extra["futureFlag"])
	_, hasFilter := back.Extra["userFilter"]
	assert.False(t, hasFilter, "the filter is UserFilter's, not Extra's")
	data, err = json.Marshal(back)
	require.NoError(t, err)
	assert.JSONEq(t, in, string(data), "the filter as written, the odd description as it came")
}

// A group's JSON from PingOne with fields of unexpected types still
// decodes, and goes back as it came.
func TestGroupLenientDecoding(t *testing.T) {
	t.Parallel()
	c, mt := rawMockClient(t) // the contract would refuse the string count
	body := `{"id":"` + groupID1 + `","name":"g","customData":null,"totalMemberCounts":{"users":"12"}}`
	mt.RegisterResponder("GET", testAPIBase+envGroups+"/"+groupID1, jsonResponder(200, body))
	g, err := c.Environment(testEnv).Groups.Get(t.Context(), groupID1, nil)
	require.NoError(t, err)
	require.NotNil(t, g.TotalMemberCounts)
	assert.Equal(t, 12, g.TotalMemberCounts.Users)
	data, err := json.Marshal(g)
	require.NoError(t, err)
	assert.JSONEq(t, body, string(data))
	req := g.Request()
	assert.True(t, req.CustomData.IsNull(), "null custom data goes back as null")
}

// groupsPage is a page of groups named by the given id → name pairs, with
// a next link when next is set.
func groupsPage(next string, idNames ...string) string {
	var items []string
	for i := 0; i+1 < len(idNames); i += 2 {
		items = append(items, fmt.Sprintf(`{"id": %q, "name": %q}`, idNames[i], idNames[i+1]))
	}
	links := ""
	if next != "" {
		links = fmt.Sprintf(`"_links": {"next": {"href": %q}}, `, next)
	}
	return fmt.Sprintf(`{%s"_embedded": {"groups": [%s]}, "count": %d, "size": %d}`, links, strings.Join(items, ","), len(items), len(items))
}

// Groups.ByName asks PingOne for `name eq`, follows every page, keeps only
// exact matches, and tells none (ErrNotFound) from several (their IDs).
func TestGroupsByName(t *testing.T) {
	t.Parallel()
	next := testAPIBase + envGroups + "?cursor=p2"
	pages := map[string]string{ // filter → first page; the second page is shared
		`name eq "Engineering"`: groupsPage(next, groupID1, "Engineering", groupID3, "engineering"),
		`name eq "Sales"`:       groupsPage(next, groupID1, "Engineering"),
		`name eq "Ops"`:         groupsPage(next, groupID1, "Ops"),
		`name eq "Nobody"`:      groupsPage(""),
	}
	c, mt := mockClient(t)
	env := c.Environment(testEnv)
	mt.RegisterResponder("GET", testAPIBase+envGroups, func(r *http.Request) (*http.Response, error) {
		if r.URL.Query().Get("cursor") == "p2" {
			return jsonResponder(200, groupsPage("", groupID2, "Ops"))(r)
		}
		page, ok := pages[r.URL.Query().Get("filter")]
		if !ok {
			return jsonResponder(400, `{"id": "e", "code": "INVALID_DATA", "message": "unexpected filter"}`)(r)
		}
		return jsonResponder(200, page)(r)
	})

	g, err := env.Groups.ByName(t.Context(), "Engineering")
	require.NoError(t, err)
	assert.Equal(t, groupID1, g.ID, "the name that differs in case is not a match")

	_, err = env.Groups.ByName(t.Context(), "Sales")
	require.ErrorIs(t, err, pingone.ErrNotFound)
	assert.EqualError(t, err, `pingone: Groups.ByName: no group is named "Sales"`)
	_, err = env.Groups.ByName(t.Context(), "Nobody")
	assert.ErrorIs(t, err, pingone.ErrNotFound)

	_, err = env.Groups.ByName(t.Context(), "Ops")
	require.Error(t, err)
	assert.NotErrorIs(t, err, pingone.ErrNotFound)
	assert.EqualError(t, err, fmt.Sprintf(`pingone: Groups.ByName: 2 groups are named "Ops" (IDs %s, %s): use an ID`, groupID1, groupID2), "found across pages")

	mt.RegisterResponder("GET", testAPIBase+envGroups, jsonResponder(500, `{"id": "e", "code": "UNEXPECTED_ERROR", "message": "boom"}`))
	_, err = env.Groups.ByName(t.Context(), "Engineering")
	_, isAPI := errors.AsType[*pingone.APIError](err)
	assert.True(t, isAPI, "a failed list is reported as it is: %v", err)
	assert.NotErrorIs(t, err, pingone.ErrNotFound)
}

// A group read and replaced through its Request goes back as it came:
// unknown members (at the top and in references), zero values, values of
// an unexpected JSON type and a user filter the scim package cannot read
// included; the read-only members stay behind.
func TestGroupReplaceSendsBackWhatItRead(t *testing.T) {
	t.Parallel()
	readOnly := []string{"id", "environment", "displayName", "sourceId", "sourceType", "directMemberCounts", "totalMemberCounts", "createdAt", "updatedAt"}
	replace := func(env *pingone.Environment, got any) error {
		_, err := env.Groups.Replace(t.Context(), groupID2, got.(*pingone.Group).Request())
		return err
	}
	get := func(env *pingone.Environment) (any, error) { return env.Groups.Get(t.Context(), groupID2, nil) }
	url := testAPIBase + envGroups + "/" + groupID2
	for name, body := range map[string]string{
		"unknown members and zero values": `{"id":"` + groupID2 + `","environment":{"id":"` + testEnv + `"},"name":"Engineering EU",
			"description":"","population":{"id":"` + popID1 + `","name":"Staff"},"userFilter":"address.countryCode eq \"FR\"",
			"externalId":"","customData":{"a":[1,{"b":null}],"c":""},"displayName":"Eng EU","sourceType":"IDP","sourceId":"s",
			"directMemberCounts":{"users":0},"totalMemberCounts":{"users":2},"futureField":{"x":[true]},"archived":false,
			"createdAt":"2024-05-01T08:00:00.000Z","updatedAt":"2024-05-01T08:00:00.000Z","_links":{"self":{"href":"x"}}}`,
		"a filter the scim package cannot read": `{"id":"` + groupID2 + `","name":"Odd","userFilter":"name eq"}`,
		"a filter written differently":          `{"id":"` + groupID2 + `","name":"Odd","userFilter":"email SW \"a\"   AND  name.given  eq \"b\""}`,
		"odd JSON types": `{"id":"` + groupID2 + `","name":12,"description":true,"externalId":1.5,"population":"p",
			"userFilter":7,"customData":"not an object"}`,
		"nulls": `{"id":"` + groupID2 + `","name":"n","description":null,"population":null,"userFilter":null,"customData":null}`,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			assertSentBack(t, url, body, readOnly, get, replace)
		})
	}
}
