package pingone_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/scim"
)

const membershipUserID = "0b7e5c1a-0000-4000-8000-000000000001"

func init() {
	userGroups := envUsers + "/" + membershipUserID + "/memberOfGroups"
	registerActions(
		actionCase{
			action: "List User Groups", family: "users", golden: "memberships_list",
			method: "GET", path: userGroups + `?expand=group&filter=name+sw+%22Eng%22&limit=2`, status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Users.ListGroups(ctx, membershipUserID, &pingone.ListUserGroupsOptions{
					Filter: scim.Sw("name", "Eng"), ExpandGroup: true, ListOptions: pingone.ListOptions{Limit: 2},
				})
			},
			check: func(t *testing.T, got any) {
				p := got.(*pingone.Page[pingone.GroupMembership])
				require.Len(t, p.Items, 2)
				assert.Equal(t, 4, p.Count)
				assert.True(t, p.HasNext())
				direct, indirect := p.Items[0], p.Items[1]
				assert.Equal(t, groupID1, direct.ID)
				assert.Equal(t, pingone.MembershipDirect, direct.Type)
				require.NotNil(t, direct.Embedded.Group)
				assert.Equal(t, "All engineers", direct.Embedded.Group.Description)
				assert.Equal(t, pingone.MembershipIndirect, indirect.Type)
				require.NotNil(t, indirect.Embedded.Group)
				assert.Equal(t, `address.countryCode eq "FR"`, indirect.Embedded.Group.UserFilter)
			},
		},
		actionCase{
			action: "Add User To Group", family: "users", golden: "memberships_add",
			method: "POST", path: userGroups, status: 201,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Users.AddToGroup(ctx, membershipUserID, groupID1)
			},
			check: func(t *testing.T, got any) {
				m := got.(*pingone.GroupMembership)
				assert.Equal(t, groupID1, m.ID)
				assert.Equal(t, "Engineering", m.Name)
				assert.Equal(t, pingone.MembershipDirect, m.Type)
				assert.Nil(t, m.Embedded.Group)
			},
		},
		actionCase{
			action: "Get User Group Membership", family: "users", golden: "memberships_get",
			method: "GET", path: userGroups + "/" + groupID2 + "?expand=group", status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Users.GetGroupMembership(ctx, membershipUserID, groupID2, &pingone.GetGroupMembershipOptions{ExpandGroup: true})
			},
			check: func(t *testing.T, got any) {
				m := got.(*pingone.GroupMembership)
				assert.Equal(t, pingone.GroupMembershipType("LEGACY_SYNC"), m.Type, "unknown membership type kept")
				require.NotNil(t, m.Embedded.Group)
				assert.Equal(t, popID1, m.Embedded.Group.Population.ID)
			},
		},
		actionCase{
			action: "Remove User From Group", family: "users", golden: "memberships_remove",
			method: "DELETE", path: userGroups + "/" + groupID1, status: 204,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return nil, env.Users.RemoveFromGroup(ctx, membershipUserID, groupID1)
			},
		},
	)
}

func TestUserGroupMembershipsRejectBadArguments(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	env := c.Environment(testEnv)
	ctx := t.Context()
	calls := map[string]func() error{
		"ListGroups": func() error { _, err := env.Users.ListGroups(ctx, "", nil); return err },
		"ListGroups filter": func() error {
			_, err := env.Users.ListGroups(ctx, membershipUserID, &pingone.ListUserGroupsOptions{Filter: scim.Sw("a b", "x")})
			return err
		},
		"AddToGroup user":      func() error { _, err := env.Users.AddToGroup(ctx, "", groupID1); return err },
		"AddToGroup group":     func() error { _, err := env.Users.AddToGroup(ctx, membershipUserID, ""); return err },
		"GetGroupMembership":   func() error { _, err := env.Users.GetGroupMembership(ctx, membershipUserID, "", nil); return err },
		"GetGroupMembership 2": func() error { _, err := env.Users.GetGroupMembership(ctx, "", groupID1, nil); return err },
		"RemoveFromGroup":      func() error { return env.Users.RemoveFromGroup(ctx, "", groupID1) },
		"RemoveFromGroup 2":    func() error { return env.Users.RemoveFromGroup(ctx, membershipUserID, "") },
		"ListGroupsIter": func() error {
			for _, err := range env.Users.ListGroupsIter(ctx, "", nil) {
				return err
			}
			return nil
		},
		"ListGroupsIter filter": func() error {
			for _, err := range env.Users.ListGroupsIter(ctx, membershipUserID, &pingone.ListUserGroupsOptions{Filter: scim.Not(scim.Filter{})}) {
				return err
			}
			return nil
		},
	}
	for name, call := range calls {
		err := call()
		_, ok := errors.AsType[*pingone.ArgumentError](err)
		assert.True(t, ok, "%s: want an *ArgumentError, got %v", name, err)
	}
	assert.Equal(t, 0, mt.GetTotalCallCount())
}

// ListGroupsIter follows the next links with the options of the first
// request, and stops fetching when the loop stops.
func TestUserGroupsIter(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	base := testAPIBase + envUsers + "/" + membershipUserID + "/memberOfGroups"
	page := func(id, next string) string {
		links := `"self": {"href": "` + base + `"}`
		if next != "" {
			links += `, "next": {"href": "` + next + `"}`
		}
		return `{"_links": {` + links + `}, "_embedded": {"groupMemberships": [{"id": "` + id + `", "name": "g", "type": "DIRECT"}]}, "count": 3, "size": 1}`
	}
	mt.RegisterResponderWithQuery("GET", base, "expand=group&limit=1", jsonResponder(200, page(groupID1, base+"?expand=group&limit=1&cursor=Mg")))
	mt.RegisterResponderWithQuery("GET", base, "expand=group&limit=1&cursor=Mg", jsonResponder(200, page(groupID2, base+"?expand=group&limit=1&cursor=Mw")))
	mt.RegisterResponderWithQuery("GET", base, "expand=group&limit=1&cursor=Mw", jsonResponder(200, page(groupID3, "")))

	opts := &pingone.ListUserGroupsOptions{ExpandGroup: true, ListOptions: pingone.ListOptions{Limit: 1}}
	seq := c.Environment(testEnv).Users.ListGroupsIter(t.Context(), membershipUserID, opts)
	opts.ExpandGroup = false // later changes to the options have no effect
	assert.Equal(t, 0, mt.GetTotalCallCount(), "lazy")
	var got []string
	for m, err := range seq {
		require.NoError(t, err)
		got = append(got, m.ID)
	}
	assert.Equal(t, []string{groupID1, groupID2, groupID3}, got)
	assert.Equal(t, 3, mt.GetTotalCallCount())

	for range seq {
		break
	}
	assert.Equal(t, 4, mt.GetTotalCallCount(), "breaking after the first item fetches no further page")
}
