package pingone_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2/clientcredentials"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/scim"
)

// defaultPopulation returns the seeded default population's ID.
func groupsDefaultPopulation(t *testing.T, env *pingone.Environment) string {
	t.Helper()
	page, err := env.Populations.List(t.Context(), &pingone.ListPopulationsOptions{Filter: scim.Sw("name", "Default")})
	require.NoError(t, err)
	require.Len(t, page.Items, 1)
	return page.Items[0].ID
}

// membershipTypes lists a user's groups as name → type, in the order
// PingOne returns them.
func groupMembershipTypes(t *testing.T, env *pingone.Environment, userID string) ([]string, map[string]pingone.GroupMembershipType) {
	t.Helper()
	var names []string
	types := map[string]pingone.GroupMembershipType{}
	for m, err := range env.Users.ListGroupsIter(t.Context(), userID, &pingone.ListUserGroupsOptions{ListOptions: pingone.ListOptions{Limit: 2}}) {
		require.NoError(t, err)
		names = append(names, m.Name)
		types[m.Name] = m.Type
	}
	return names, types
}

func TestGroupsEndToEnd(t *testing.T) {
	t.Parallel()
	_, _, env := e2e(t)
	ctx := t.Context()
	popID := groupsDefaultPopulation(t, env)

	eng, err := env.Groups.Create(ctx, pingone.GroupRequest{
		Name:        "Engineering",
		Description: pingone.Value("All engineers"),
		ExternalID:  pingone.Value("ext-eng"),
		CustomData:  pingone.Value(json.RawMessage(`{"costCenter": "CC-42", "tags": ["core"]}`)),
	})
	require.NoError(t, err)
	assert.NotEmpty(t, eng.ID)
	assert.Equal(t, "All engineers", eng.Description)
	assert.JSONEq(t, `{"costCenter": "CC-42", "tags": ["core"]}`, string(eng.CustomData))
	assert.Empty(t, eng.Population.ID)
	assert.False(t, eng.CreatedAt.IsZero())

	_, err = env.Groups.Create(ctx, pingone.GroupRequest{Name: "engineering"})
	assert.ErrorIs(t, err, pingone.ErrUniquenessViolation, "names are unique in the environment, case-insensitively")

	popEng, err := env.Groups.Create(ctx, pingone.GroupRequest{Name: "Engineering", Population: pingone.Value(pingone.Ref{ID: popID})})
	require.NoError(t, err, "the same name may be used by a population group")
	assert.Equal(t, popID, popEng.Population.ID)
	_, err = env.Groups.Create(ctx, pingone.GroupRequest{Name: "ENGINEERING", Population: pingone.Value(pingone.Ref{ID: popID})})
	assert.ErrorIs(t, err, pingone.ErrUniquenessViolation, "names are unique within a population")

	_, err = env.Groups.Create(ctx, pingone.GroupRequest{Name: "Nowhere", Population: pingone.Value(pingone.Ref{ID: "no-such-population"})})
	assert.ErrorIs(t, err, pingone.ErrInvalidData)

	for i := range 3 {
		_, err := env.Groups.Create(ctx, pingone.GroupRequest{Name: fmt.Sprintf("Eng team %d", i), ExternalID: pingone.Value(fmt.Sprintf("team-%d", i))})
		require.NoError(t, err)
	}
	sales, err := env.Groups.Create(ctx, pingone.GroupRequest{Name: "Sales"})
	require.NoError(t, err)

	// ByName: one match, none (not even by prefix), and the environment
	// group and the population group that share a name.
	found, err := env.Groups.ByName(ctx, "Sales")
	require.NoError(t, err)
	assert.Equal(t, sales.ID, found.ID)
	_, err = env.Groups.ByName(ctx, "Eng")
	assert.ErrorIs(t, err, pingone.ErrNotFound)
	_, err = env.Groups.ByName(ctx, "Engineering")
	require.Error(t, err)
	assert.NotErrorIs(t, err, pingone.ErrNotFound)
	assert.Contains(t, err.Error(), eng.ID)
	assert.Contains(t, err.Error(), popEng.ID)

	var names []string
	for g, err := range env.Groups.ListIter(ctx, &pingone.ListGroupsOptions{Filter: scim.Sw("name", "eng"), ListOptions: pingone.ListOptions{Limit: 2}}) {
		require.NoError(t, err)
		names = append(names, g.Name)
	}
	assert.Equal(t, []string{"Engineering", "Engineering", "Eng team 0", "Eng team 1", "Eng team 2"}, names)

	page, err := env.Groups.List(ctx, &pingone.ListGroupsOptions{Filter: scim.Eq("population.id", popID)})
	require.NoError(t, err)
	require.Len(t, page.Items, 1)
	assert.Equal(t, popEng.ID, page.Items[0].ID)

	page, err = env.Groups.List(ctx, &pingone.ListGroupsOptions{Filter: scim.Or(scim.Eq("externalId", "team-1"), scim.Eq("id", eng.ID))})
	require.NoError(t, err)
	assert.Len(t, page.Items, 2)

	_, err = env.Groups.List(ctx, &pingone.ListGroupsOptions{Filter: scim.Eq("description", "x")})
	apiErr, ok := errors.AsType[*pingone.APIError](err)
	require.True(t, ok, "%v", err)
	assert.True(t, apiErr.HasDetail("INVALID_FILTER"))
	assert.Contains(t, apiErr.Details[0].InnerError.SupportedAttributes, "externalId")

	// Replace clears what it omits.
	replaced, err := env.Groups.Replace(ctx, eng.ID, pingone.GroupRequest{Name: "Engineering"})
	require.NoError(t, err)
	assert.Empty(t, replaced.Description, "PUT cleared the omitted description")
	assert.Empty(t, replaced.ExternalID)
	assert.Empty(t, replaced.CustomData)
	assert.Equal(t, eng.CreatedAt, replaced.CreatedAt)

	// The population is fixed at creation.
	_, err = env.Groups.Replace(ctx, eng.ID, pingone.GroupRequest{Name: "Engineering", Population: pingone.Value(pingone.Ref{ID: popID})})
	assert.ErrorIs(t, err, pingone.ErrInvalidData)
	got, err := env.Groups.Get(ctx, popEng.ID, nil)
	require.NoError(t, err)
	req := got.Request()
	req.Description = pingone.Value("Population engineers")
	replaced, err = env.Groups.Replace(ctx, popEng.ID, req)
	require.NoError(t, err)
	assert.Equal(t, popID, replaced.Population.ID)
	assert.Equal(t, "Population engineers", replaced.Description)

	// Counts only when asked for.
	got, err = env.Groups.Get(ctx, eng.ID, nil)
	require.NoError(t, err)
	assert.Nil(t, got.TotalMemberCounts)
	got, err = env.Groups.Get(ctx, eng.ID, &pingone.GetGroupOptions{IncludeTotalMemberCounts: true})
	require.NoError(t, err)
	require.NotNil(t, got.TotalMemberCounts)
	assert.Equal(t, 0, got.TotalMemberCounts.Users)

	require.NoError(t, env.Groups.Delete(ctx, eng.ID))
	_, err = env.Groups.Get(ctx, eng.ID, nil)
	assert.ErrorIs(t, err, pingone.ErrNotFound)
	assert.ErrorIs(t, env.Groups.Delete(ctx, eng.ID), pingone.ErrNotFound)
}

// Nesting: a user who is a direct member of a child group is an indirect
// member of its parent and of the parent's ancestors.
func TestGroupNestingEndToEnd(t *testing.T) {
	t.Parallel()
	srv, _, env := e2e(t)
	ctx := t.Context()
	adminID := srv.Admin().UserID

	newGroup := func(name string) *pingone.Group {
		g, err := env.Groups.Create(ctx, pingone.GroupRequest{Name: name})
		require.NoError(t, err)
		return g
	}
	child, parent, grand := newGroup("Child"), newGroup("Parent"), newGroup("Grandparent")

	m, err := env.Users.AddToGroup(ctx, adminID, child.ID)
	require.NoError(t, err)
	assert.Equal(t, pingone.MembershipDirect, m.Type)
	assert.Equal(t, "Child", m.Name)
	_, err = env.Users.AddToGroup(ctx, adminID, child.ID)
	assert.ErrorIs(t, err, pingone.ErrUniquenessViolation, "already a member")

	n, err := env.Groups.AddToParent(ctx, child.ID, parent.ID)
	require.NoError(t, err)
	assert.Equal(t, parent.ID, n.ID, "the nesting names the parent")
	assert.Equal(t, "Parent", n.Name)
	_, err = env.Groups.AddToParent(ctx, parent.ID, grand.ID)
	require.NoError(t, err)

	names, types := groupMembershipTypes(t, env, adminID)
	assert.Equal(t, []string{"Child", "Parent", "Grandparent"}, names, "direct memberships first")
	assert.Equal(t, map[string]pingone.GroupMembershipType{
		"Child": pingone.MembershipDirect, "Parent": pingone.MembershipIndirect, "Grandparent": pingone.MembershipIndirect,
	}, types)

	gm, err := env.Users.GetGroupMembership(ctx, adminID, grand.ID, &pingone.GetGroupMembershipOptions{ExpandGroup: true})
	require.NoError(t, err)
	assert.Equal(t, pingone.MembershipIndirect, gm.Type)
	require.NotNil(t, gm.Embedded.Group)
	assert.Equal(t, "Grandparent", gm.Embedded.Group.Name)

	page, err := env.Users.ListGroups(ctx, adminID, &pingone.ListUserGroupsOptions{Filter: scim.Eq("type", "INDIRECT"), ExpandGroup: true})
	require.NoError(t, err)
	require.Len(t, page.Items, 2)
	assert.Equal(t, parent.ID, page.Items[0].Embedded.Group.ID)

	err = env.Users.RemoveFromGroup(ctx, adminID, parent.ID)
	assert.ErrorIs(t, err, pingone.ErrInvalidData, "an indirect membership cannot be removed")

	// No cycles.
	_, err = env.Groups.AddToParent(ctx, grand.ID, child.ID)
	assert.ErrorIs(t, err, pingone.ErrInvalidData)
	_, err = env.Groups.AddToParent(ctx, child.ID, child.ID)
	assert.ErrorIs(t, err, pingone.ErrInvalidData)
	_, err = env.Groups.AddToParent(ctx, child.ID, "no-such-group")
	assert.ErrorIs(t, err, pingone.ErrInvalidData)

	var parents []string
	for p, err := range env.Groups.ListParentsIter(ctx, child.ID, nil) {
		require.NoError(t, err)
		parents = append(parents, p.ID)
	}
	assert.Equal(t, []string{parent.ID}, parents, "only the direct parents")
	_, err = env.Groups.GetParent(ctx, child.ID, parent.ID)
	require.NoError(t, err)
	_, err = env.Groups.GetParent(ctx, child.ID, grand.ID)
	assert.ErrorIs(t, err, pingone.ErrNotFound)

	counts, err := env.Groups.Get(ctx, grand.ID, &pingone.GetGroupOptions{IncludeTotalMemberCounts: true})
	require.NoError(t, err)
	require.NotNil(t, counts.DirectMemberCounts)
	assert.Equal(t, 0, counts.DirectMemberCounts.Users)
	assert.Equal(t, 1, counts.TotalMemberCounts.Users)

	// Removing the nesting removes the indirect memberships.
	require.NoError(t, env.Groups.RemoveFromParent(ctx, child.ID, parent.ID))
	assert.ErrorIs(t, env.Groups.RemoveFromParent(ctx, child.ID, parent.ID), pingone.ErrNotFound)
	names, _ = groupMembershipTypes(t, env, adminID)
	assert.Equal(t, []string{"Child"}, names)
	_, err = env.Users.GetGroupMembership(ctx, adminID, parent.ID, nil)
	assert.ErrorIs(t, err, pingone.ErrNotFound)

	// Only the direct membership can be removed, once.
	require.NoError(t, env.Users.RemoveFromGroup(ctx, adminID, child.ID))
	assert.ErrorIs(t, env.Users.RemoveFromGroup(ctx, adminID, child.ID), pingone.ErrNotFound)
	names, _ = groupMembershipTypes(t, env, adminID)
	assert.Empty(t, names)

	_, err = env.Users.AddToGroup(ctx, adminID, "no-such-group")
	assert.ErrorIs(t, err, pingone.ErrInvalidData)
	_, err = env.Users.AddToGroup(ctx, "no-such-user", child.ID)
	assert.ErrorIs(t, err, pingone.ErrNotFound)
	_, err = env.Users.ListGroups(ctx, "no-such-user", nil)
	assert.ErrorIs(t, err, pingone.ErrNotFound)
	_, err = env.Groups.ListParents(ctx, "no-such-group", nil)
	assert.ErrorIs(t, err, pingone.ErrNotFound)
}

// A dynamic group's members are the users its filter matches; they show as
// INDIRECT and cannot be removed by hand.
func TestDynamicGroupEndToEnd(t *testing.T) {
	t.Parallel()
	srv, _, env := e2e(t)
	ctx := t.Context()
	adminID := srv.Admin().UserID
	popID := groupsDefaultPopulation(t, env)

	admins, err := env.Groups.Create(ctx, pingone.GroupRequest{Name: "Admins by name", UserFilter: scim.Eq("name.family", "admin").And(scim.Sw("email", "admin@"))})
	require.NoError(t, err)
	assert.Equal(t, `name.family eq "admin" and email sw "admin@"`, admins.UserFilter)
	nobody, err := env.Groups.Create(ctx, pingone.GroupRequest{Name: "Nobody", UserFilter: scim.Eq("username", "nobody")})
	require.NoError(t, err)
	popAdmins, err := env.Groups.Create(ctx, pingone.GroupRequest{Name: "Population admins", Population: pingone.Value(pingone.Ref{ID: popID}), UserFilter: scim.Eq("username", "admin")})
	require.NoError(t, err)

	names, types := groupMembershipTypes(t, env, adminID)
	assert.Equal(t, []string{"Admins by name", "Population admins"}, names)
	assert.Equal(t, pingone.MembershipIndirect, types["Admins by name"])

	m, err := env.Users.GetGroupMembership(ctx, adminID, admins.ID, nil)
	require.NoError(t, err)
	assert.Equal(t, pingone.MembershipIndirect, m.Type)
	_, err = env.Users.GetGroupMembership(ctx, adminID, nobody.ID, nil)
	assert.ErrorIs(t, err, pingone.ErrNotFound)

	assert.ErrorIs(t, env.Users.RemoveFromGroup(ctx, adminID, admins.ID), pingone.ErrInvalidData, "a membership through the filter cannot be removed")

	// Users can also be added to a dynamic group directly.
	m, err = env.Users.AddToGroup(ctx, adminID, nobody.ID)
	require.NoError(t, err)
	assert.Equal(t, pingone.MembershipDirect, m.Type)
	counts, err := env.Groups.Get(ctx, nobody.ID, &pingone.GetGroupOptions{IncludeTotalMemberCounts: true})
	require.NoError(t, err)
	assert.Equal(t, 1, counts.DirectMemberCounts.Users)
	assert.Equal(t, 1, counts.TotalMemberCounts.Users)
	require.NoError(t, env.Users.RemoveFromGroup(ctx, adminID, nobody.ID))

	counts, err = env.Groups.Get(ctx, popAdmins.ID, &pingone.GetGroupOptions{IncludeTotalMemberCounts: true})
	require.NoError(t, err)
	assert.Equal(t, 0, counts.DirectMemberCounts.Users)
	assert.Equal(t, 1, counts.TotalMemberCounts.Users)

	// A dynamic group nested in a static one passes its members on.
	all, err := env.Groups.Create(ctx, pingone.GroupRequest{Name: "Everyone"})
	require.NoError(t, err)
	_, err = env.Groups.AddToParent(ctx, admins.ID, all.ID)
	require.NoError(t, err)
	_, types = groupMembershipTypes(t, env, adminID)
	assert.Equal(t, pingone.MembershipIndirect, types["Everyone"])

	// Replacing without the filter makes the group static and empty.
	req := admins.Request()
	req.UserFilter = scim.Filter{}
	static, err := env.Groups.Replace(ctx, admins.ID, req)
	require.NoError(t, err)
	assert.Empty(t, static.UserFilter)
	names, _ = groupMembershipTypes(t, env, adminID)
	assert.Equal(t, []string{"Population admins"}, names)
}

// pingonetest refuses what the SDK cannot send: a userFilter that is not a
// SCIM filter.
func TestDynamicGroupInvalidFilter(t *testing.T) {
	t.Parallel()
	srv, _, _ := e2e(t)
	w := srv.Worker()
	cc := clientcredentials.Config{ClientID: w.ClientID, ClientSecret: w.ClientSecret, TokenURL: srv.AuthURL() + "/" + srv.EnvironmentID() + "/as/token"}
	hc := cc.Client(t.Context())
	for _, filter := range []string{`name eq`, `(((`, `username eq "a" or`} {
		resp, err := hc.Post(srv.APIURL()+"/environments/"+srv.EnvironmentID()+"/groups", "application/json",
			bytes.NewReader(fmt.Appendf(nil, `{"name": "Dyn", "userFilter": %q}`, filter)))
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusBadRequest, resp.StatusCode, filter)
	}
}

// Deleting a group drops its memberships (from every user), its nestings in
// both directions and its role assignments.
func TestDeleteGroupDropsReferences(t *testing.T) {
	t.Parallel()
	srv, _, env := e2e(t)
	ctx := t.Context()
	adminID := srv.Admin().UserID

	newGroup := func(name string) *pingone.Group {
		g, err := env.Groups.Create(ctx, pingone.GroupRequest{Name: name})
		require.NoError(t, err)
		return g
	}
	doomed, parent, child, other := newGroup("Doomed"), newGroup("Parent"), newGroup("Child"), newGroup("Other")
	_, err := env.Users.AddToGroup(ctx, adminID, doomed.ID)
	require.NoError(t, err)
	_, err = env.Users.AddToGroup(ctx, adminID, other.ID)
	require.NoError(t, err)
	_, err = env.Groups.AddToParent(ctx, doomed.ID, parent.ID)
	require.NoError(t, err)
	_, err = env.Groups.AddToParent(ctx, child.ID, doomed.ID)
	require.NoError(t, err)
	names, _ := groupMembershipTypes(t, env, adminID)
	assert.Equal(t, []string{"Doomed", "Other", "Parent"}, names)

	require.NoError(t, env.Groups.Delete(ctx, doomed.ID))

	names, _ = groupMembershipTypes(t, env, adminID)
	assert.Equal(t, []string{"Other"}, names, "the direct membership and the one through the nesting are gone")
	_, err = env.Users.GetGroupMembership(ctx, adminID, doomed.ID, nil)
	assert.ErrorIs(t, err, pingone.ErrNotFound)
	p, err := env.Groups.ListParents(ctx, child.ID, nil)
	require.NoError(t, err)
	assert.Empty(t, p.Items, "the child is no longer nested in the deleted group")
	_, err = env.Groups.ListParents(ctx, doomed.ID, nil)
	assert.ErrorIs(t, err, pingone.ErrNotFound)
	_, err = env.Groups.ListRoleAssignments(ctx, doomed.ID, nil)
	assert.ErrorIs(t, err, pingone.ErrNotFound)

	// A new group does not inherit anything from a deleted one.
	again := newGroup("Doomed")
	_, err = env.Users.GetGroupMembership(ctx, adminID, again.ID, nil)
	assert.ErrorIs(t, err, pingone.ErrNotFound)
}

// The users family filters users on memberOfGroups[id eq "…"] and includes
// group names through the memberships the groups family computes: direct,
// through nesting and through dynamic groups.
func TestGroupMembersFilterEndToEnd(t *testing.T) {
	t.Parallel()
	_, _, env := e2e(t)
	ctx := t.Context()

	newUser := func(username, country string) *pingone.User {
		u, err := env.Users.Create(ctx, pingone.CreateUserRequest{
			Username: username, Email: username + "@example.com",
			Address: pingone.Value(pingone.UserAddress{CountryCode: country}),
		})
		require.NoError(t, err)
		return u
	}
	alice, bob, carol := newUser("alice", "FR"), newUser("bob", "DE"), newUser("carol", "US")
	newGroup := func(req pingone.GroupRequest) *pingone.Group {
		g, err := env.Groups.Create(ctx, req)
		require.NoError(t, err)
		return g
	}
	eng := newGroup(pingone.GroupRequest{Name: "Eng"})
	france := newGroup(pingone.GroupRequest{Name: "France", UserFilter: scim.Eq("address.countryCode", "FR")})
	all := newGroup(pingone.GroupRequest{Name: "All"})
	for _, u := range []*pingone.User{alice, bob} {
		_, err := env.Users.AddToGroup(ctx, u.ID, eng.ID)
		require.NoError(t, err)
	}
	_, err := env.Groups.AddToParent(ctx, eng.ID, all.ID)
	require.NoError(t, err)

	members := func(groupID string) []string {
		t.Helper()
		var names []string
		for u, err := range env.Users.ListIter(ctx, &pingone.ListUsersOptions{Filter: scim.ValuePath("memberOfGroups", scim.Eq("id", groupID))}) {
			require.NoError(t, err)
			names = append(names, u.Username)
		}
		return names
	}
	assert.Equal(t, []string{"alice", "bob"}, members(eng.ID))
	assert.Equal(t, []string{"alice"}, members(france.ID), "dynamic membership")
	assert.Equal(t, []string{"alice", "bob"}, members(all.ID), "membership through a nested group")

	got, err := env.Users.Get(ctx, alice.ID, &pingone.GetUserOptions{Include: pingone.UserIncludeGroupNames})
	require.NoError(t, err)
	assert.Equal(t, []string{"Eng", "France", "All"}, got.MemberOfGroupNames, "direct first, then indirect")
	got, err = env.Users.Get(ctx, carol.ID, &pingone.GetUserOptions{Include: pingone.UserIncludeGroupIDs})
	require.NoError(t, err)
	assert.Empty(t, got.MemberOfGroupIDs)

	counts, err := env.Groups.Get(ctx, all.ID, &pingone.GetGroupOptions{IncludeTotalMemberCounts: true})
	require.NoError(t, err)
	assert.Equal(t, 0, counts.DirectMemberCounts.Users)
	assert.Equal(t, 2, counts.TotalMemberCounts.Users)

	// Deleting a group drops its members' memberships.
	require.NoError(t, env.Groups.Delete(ctx, eng.ID))
	assert.Empty(t, members(eng.ID))
	assert.Empty(t, members(all.ID), "the nesting went with the group")
	got, err = env.Users.Get(ctx, alice.ID, &pingone.GetUserOptions{Include: pingone.UserIncludeGroupNames})
	require.NoError(t, err)
	assert.Equal(t, []string{"France"}, got.MemberOfGroupNames)
	names, _ := groupMembershipTypes(t, env, bob.ID)
	assert.Empty(t, names)
}

func TestGroupRoleAssignmentsEndToEnd(t *testing.T) {
	t.Parallel()
	srv, client, env := e2e(t)
	ctx := t.Context()
	role, err := client.SystemRoles.ByName(ctx, pingone.RoleIdentityDataReadOnly)
	require.NoError(t, err)
	roleID := role.ID
	popID := groupsDefaultPopulation(t, env)

	readers, err := env.Groups.Create(ctx, pingone.GroupRequest{Name: "Readers"})
	require.NoError(t, err)
	ra, err := env.Groups.CreateRoleAssignment(ctx, readers.ID, pingone.RoleAssignmentRequest{Role: pingone.Ref{ID: roleID}, Scope: pingone.PopulationScope(popID)})
	require.NoError(t, err)
	assert.Equal(t, roleID, ra.Role.ID)
	assert.Equal(t, pingone.PopulationScope(popID), ra.Scope)

	_, err = env.Groups.CreateRoleAssignment(ctx, readers.ID, pingone.RoleAssignmentRequest{Role: pingone.Ref{ID: roleID}, Scope: pingone.ApplicationScope(srv.Worker().ApplicationID)})
	assert.ErrorIs(t, err, pingone.ErrInvalidData, "the role does not apply to applications")

	got, err := env.Groups.GetRoleAssignment(ctx, readers.ID, ra.ID)
	require.NoError(t, err)
	assert.Equal(t, ra.ID, got.ID)
	var listed []string
	for a, err := range env.Groups.ListRoleAssignmentsIter(ctx, readers.ID, nil) {
		require.NoError(t, err)
		listed = append(listed, a.ID)
	}
	assert.Equal(t, []string{ra.ID}, listed)

	// An administrator cannot give themselves the group's roles.
	admin := signInThroughCLIApp(t, srv, "openid")
	_, err = admin.Environment(srv.EnvironmentID()).Users.AddToGroup(ctx, srv.Admin().UserID, readers.ID)
	assert.ErrorIs(t, err, pingone.ErrForbidden)
	_, err = env.Users.AddToGroup(ctx, srv.Admin().UserID, readers.ID)
	require.NoError(t, err, "another actor may")

	require.NoError(t, env.Groups.DeleteRoleAssignment(ctx, readers.ID, ra.ID))
	_, err = env.Groups.GetRoleAssignment(ctx, readers.ID, ra.ID)
	assert.ErrorIs(t, err, pingone.ErrNotFound)

	// Deleting the group deletes its role assignments.
	ra, err = env.Groups.CreateRoleAssignment(ctx, readers.ID, pingone.RoleAssignmentRequest{Role: pingone.Ref{ID: roleID}, Scope: pingone.EnvironmentScope(srv.EnvironmentID())})
	require.NoError(t, err)
	require.NoError(t, env.Groups.Delete(ctx, readers.ID))
	_, err = env.Groups.GetRoleAssignment(ctx, readers.ID, ra.ID)
	assert.ErrorIs(t, err, pingone.ErrNotFound)
	_, err = env.Groups.CreateRoleAssignment(ctx, readers.ID, pingone.RoleAssignmentRequest{Role: pingone.Ref{ID: roleID}, Scope: pingone.EnvironmentScope(srv.EnvironmentID())})
	assert.ErrorIs(t, err, pingone.ErrNotFound)
}

// The group's sub-lists take paging options: a page holds at most Limit
// items and the iterator walks them all.
func TestGroupSubListsPage(t *testing.T) {
	t.Parallel()
	srv, client, env := e2e(t)
	ctx := t.Context()
	newGroup := func(name string) *pingone.Group {
		g, err := env.Groups.Create(ctx, pingone.GroupRequest{Name: name})
		require.NoError(t, err)
		return g
	}
	child := newGroup("Child")
	var want []string
	for i := range 3 {
		p := newGroup(fmt.Sprintf("Parent %d", i))
		_, err := env.Groups.AddToParent(ctx, child.ID, p.ID)
		require.NoError(t, err)
		want = append(want, p.ID)
	}
	page, err := env.Groups.ListParents(ctx, child.ID, &pingone.ListOptions{Limit: 2})
	require.NoError(t, err)
	assert.Len(t, page.Items, 2)
	assert.True(t, page.HasNext())
	var got []string
	for p, err := range env.Groups.ListParentsIter(ctx, child.ID, &pingone.ListOptions{Limit: 2}) {
		require.NoError(t, err)
		got = append(got, p.ID)
	}
	assert.ElementsMatch(t, want, got)

	role, err := client.SystemRoles.ByName(ctx, pingone.RoleIdentityDataReadOnly)
	require.NoError(t, err)
	ra, err := env.Groups.CreateRoleAssignment(ctx, child.ID, pingone.RoleAssignmentRequest{Role: pingone.RefTo(role.ID), Scope: pingone.EnvironmentScope(srv.EnvironmentID())})
	require.NoError(t, err)
	var ras []string
	for a, err := range env.Groups.ListRoleAssignmentsIter(ctx, child.ID, &pingone.ListOptions{Limit: 1}) {
		require.NoError(t, err)
		ras = append(ras, a.ID)
	}
	assert.Equal(t, []string{ra.ID}, ras)
}

// A dynamic population group read, turned into a request and replaced in
// pingonetest reads back the same: nothing it stores is lost on the way.
func TestGroupRequestRoundTripEndToEnd(t *testing.T) {
	t.Parallel()
	_, _, env := e2e(t)
	ctx := t.Context()
	popID := groupsDefaultPopulation(t, env)
	created, err := env.Groups.Create(ctx, pingone.GroupRequest{
		Name:        "Round trip",
		Description: pingone.Value(""),
		Population:  pingone.Value(pingone.RefTo(popID)),
		UserFilter:  scim.Eq("address.countryCode", "FR").Or(scim.Sw("email", "fr@")),
		ExternalID:  pingone.Value("ext-1"),
		CustomData:  pingone.Value(json.RawMessage(`{"tags":["a",""],"level":0,"nested":{"on":false}}`)),
		Extra:       map[string]json.RawMessage{"futureField": json.RawMessage(`{"x":[1,null]}`)},
	})
	require.NoError(t, err)
	before, err := env.Groups.Get(ctx, created.ID, nil)
	require.NoError(t, err)
	assert.JSONEq(t, `{"x":[1,null]}`, string(before.Extra["futureField"]))
	_, err = env.Groups.Replace(ctx, created.ID, before.Request())
	require.NoError(t, err)
	after, err := env.Groups.Get(ctx, created.ID, nil)
	require.NoError(t, err)
	assertSameResource(t, before, after)
}
