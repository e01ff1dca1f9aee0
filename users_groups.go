package pingone

import (
	"context"
	"iter"
	"net/url"

	"encoding/json"
	"errors"
	"github.com/pingone-go/pingone/scim"
)

// GroupMembershipType says how a user belongs to a group. PingOne may add
// values; unknown ones are kept.
type GroupMembershipType string

// Known membership types.
const (
	// MembershipDirect: the user was added to the group.
	MembershipDirect GroupMembershipType = "DIRECT"
	// MembershipIndirect: the user is a member through a nested group or
	// the group's user filter. Such memberships cannot be removed.
	MembershipIndirect GroupMembershipType = "INDIRECT"
)

// GroupMembership is a user's membership of one group.
type GroupMembership struct {
	// ID is the group's ID.
	ID string `json:"id"`
	// Name is the group's name (read-only).
	Name        string              `json:"name,omitzero"`
	Type        GroupMembershipType `json:"type,omitzero"`
	Environment Ref                 `json:"environment,omitzero"`
	// Embedded holds the group itself when asked for with ExpandGroup.
	Embedded GroupMembershipEmbedded `json:"_embedded,omitzero"`
	Links    Links                   `json:"_links,omitzero"`
	// Extra holds members this version of the SDK does not know.
	Extra map[string]json.RawMessage `json:",embed"`

	wire wireMeta
}

// GroupMembershipEmbedded holds the resources embedded in a
// [GroupMembership].
type GroupMembershipEmbedded struct {
	// Group is nil unless ExpandGroup was set.
	Group *Group                     `json:"group,omitzero"`
	Extra map[string]json.RawMessage `json:",embed"`

	wire wireMeta
}

// ListUserGroupsOptions filters and pages [UsersService.ListGroups].
type ListUserGroupsOptions struct {
	// Filter is a SCIM filter on the memberships. PingOne does not
	// document which attributes it accepts here.
	Filter scim.Filter
	// ExpandGroup embeds each group (GroupMembership.Embedded.Group).
	ExpandGroup bool
	ListOptions
}

func (o ListUserGroupsOptions) addQuery(q url.Values) error {
	if err := filterQuery(q, o.Filter); err != nil {
		return err
	}
	if o.ExpandGroup {
		q.Set("expand", "group")
	}
	return o.ListOptions.addQuery(q)
}

// GetGroupMembershipOptions adjusts [UsersService.GetGroupMembership].
type GetGroupMembershipOptions struct {
	// ExpandGroup embeds the group (GroupMembership.Embedded.Group).
	ExpandGroup bool
}

func (o GetGroupMembershipOptions) addQuery(q url.Values) error {
	if o.ExpandGroup {
		q.Set("expand", "group")
	}
	return nil
}

// ListGroups returns one page of the user's group memberships: direct ones
// and indirect ones (through nested groups and dynamic groups), told apart by
// GroupMembership.Type.
//
// PingOne: "List User Groups".
//
//pingone:operation GET /environments/{environmentID}/users/{userID}/memberOfGroups
func (s *UsersService) ListGroups(ctx context.Context, userID string, opts *ListUserGroupsOptions) (*Page[GroupMembership], error) {
	return listPage[GroupMembership](ctx, (*service)(s), call{op: "Users.ListGroups", route: "GET /environments/{environmentID}/users/{userID}/memberOfGroups", ids: []string{userID}, opts: opts, key: "groupMemberships"})
}

// ListGroupsIter iterates over every group membership of the user.
func (s *UsersService) ListGroupsIter(ctx context.Context, userID string, opts *ListUserGroupsOptions) iter.Seq2[*GroupMembership, error] {
	return listAll[GroupMembership](ctx, (*service)(s), call{op: "Users.ListGroupsIter", route: "GET /environments/{environmentID}/users/{userID}/memberOfGroups", ids: []string{userID}, opts: opts, key: "groupMemberships"})
}

// AddToGroup makes the user a direct member of a group (a dynamic group
// too: direct members count besides those its filter matches). PingOne
// refuses a population group of another population, and an administrator
// adding themselves to a group that carries roles.
//
// With safe creates ([WithSafeCreates]), a membership whose answer was
// lost is looked up before it is asked for again.
//
// PingOne: "Add User To Group".
//
//pingone:operation POST /environments/{environmentID}/users/{userID}/memberOfGroups
func (s *UsersService) AddToGroup(ctx context.Context, userID, groupID string) (*GroupMembership, error) {
	if err := requireFields("Users.AddToGroup", "groupID", groupID); err != nil {
		return nil, err
	}
	key := naturalKey[GroupMembership]{matches: func(ctx context.Context) iter.Seq2[*GroupMembership, error] {
		return func(yield func(*GroupMembership, error) bool) {
			m, err := s.GetGroupMembership(ctx, userID, groupID, nil)
			switch {
			case errors.Is(err, ErrNotFound):
			case err != nil:
				yield(nil, err)
			case m.Type == MembershipDirect || m.Type == "":
				yield(m, nil)
			}
		}
	}}
	return sendCreate(ctx, (*service)(s), call{op: "Users.AddToGroup", route: "POST /environments/{environmentID}/users/{userID}/memberOfGroups", ids: []string{userID}, body: RefTo(groupID)}, key)
}

// GetGroupMembership returns the user's membership of one group, direct or
// indirect (NOT_FOUND when the user is not a member).
//
// PingOne: "Get User Group Membership".
//
//pingone:operation GET /environments/{environmentID}/users/{userID}/memberOfGroups/{groupID}
func (s *UsersService) GetGroupMembership(ctx context.Context, userID, groupID string, opts *GetGroupMembershipOptions) (*GroupMembership, error) {
	return send[GroupMembership](ctx, (*service)(s), call{op: "Users.GetGroupMembership", route: "GET /environments/{environmentID}/users/{userID}/memberOfGroups/{groupID}", ids: []string{userID, groupID}, opts: opts})
}

// RemoveFromGroup removes the user's direct membership of a group. An
// indirect membership (through a nested or dynamic group) cannot be
// removed this way: PingOne answers 400.
//
// PingOne: "Remove User From Group".
//
//pingone:operation DELETE /environments/{environmentID}/users/{userID}/memberOfGroups/{groupID}
func (s *UsersService) RemoveFromGroup(ctx context.Context, userID, groupID string) error {
	return sendNoContent(ctx, (*service)(s), call{op: "Users.RemoveFromGroup", route: "DELETE /environments/{environmentID}/users/{userID}/memberOfGroups/{groupID}", ids: []string{userID, groupID}})
}
