package pingone

import (
	"context"
	"iter"
	"net/url"

	"github.com/go-json-experiment/json/jsontext"
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
	Embedded GroupMembershipEmbedded   `json:"_embedded,omitzero"`
	Links    Links                     `json:"_links,omitzero"`
	Extra    map[string]jsontext.Value `json:",embed"`
}

// GroupMembershipEmbedded holds the resources embedded in a
// [GroupMembership].
type GroupMembershipEmbedded struct {
	// Group is nil unless ExpandGroup was set.
	Group *Group                    `json:"group,omitzero"`
	Extra map[string]jsontext.Value `json:",embed"`
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

func (o *ListUserGroupsOptions) query() (url.Values, ListOptions, error) {
	q := url.Values{}
	if o == nil {
		return q, ListOptions{}, nil
	}
	if err := setFilter(q, o.Filter); err != nil {
		return nil, ListOptions{}, err
	}
	if o.ExpandGroup {
		q.Set("expand", "group")
	}
	o.ListOptions.apply(q)
	return q, o.ListOptions, nil
}

// GetGroupMembershipOptions adjusts [UsersService.GetGroupMembership].
type GetGroupMembershipOptions struct {
	// ExpandGroup embeds the group (GroupMembership.Embedded.Group).
	ExpandGroup bool
}

// ListGroups returns one page of the user's group memberships: direct ones
// and indirect ones (through nested groups and dynamic groups), told apart by
// GroupMembership.Type.
//
// PingOne: "List User Groups".
//
//pingone:operation GET /environments/{environmentID}/users/{userID}/memberOfGroups
func (s *UsersService) ListGroups(ctx context.Context, userID string, opts *ListUserGroupsOptions) (*Page[GroupMembership], error) {
	if userID == "" {
		return nil, missing("userID")
	}
	q, lo, err := opts.query()
	if err != nil {
		return nil, err
	}
	return listAt[GroupMembership](ctx, (*service)(s), "groupMemberships", q, lo, "users", userID, "memberOfGroups")
}

// ListGroupsIter iterates over every group membership of the user.
func (s *UsersService) ListGroupsIter(ctx context.Context, userID string, opts *ListUserGroupsOptions) iter.Seq2[*GroupMembership, error] {
	if userID == "" {
		return errIter[GroupMembership](missing("userID"))
	}
	q, lo, err := opts.query()
	if err != nil {
		return errIter[GroupMembership](err)
	}
	return iterAt[GroupMembership](ctx, (*service)(s), "groupMemberships", q, lo, "users", userID, "memberOfGroups")
}

// AddToGroup makes the user a direct member of a group (a dynamic group
// too: direct members count besides those its filter matches). PingOne
// refuses a population group of another population, and an administrator
// adding themselves to a group that carries roles.
//
// PingOne: "Add User To Group".
//
//pingone:operation POST /environments/{environmentID}/users/{userID}/memberOfGroups
func (s *UsersService) AddToGroup(ctx context.Context, userID, groupID string) (*GroupMembership, error) {
	if err := ids("userID", userID, "groupID", groupID); err != nil {
		return nil, err
	}
	return sendOne[GroupMembership](ctx, (*service)(s), "POST", Ref{ID: groupID}, "users", userID, "memberOfGroups")
}

// GetGroupMembership returns the user's membership of one group, direct or
// indirect (NOT_FOUND when the user is not a member).
//
// PingOne: "Get User Group Membership".
//
//pingone:operation GET /environments/{environmentID}/users/{userID}/memberOfGroups/{groupID}
func (s *UsersService) GetGroupMembership(ctx context.Context, userID, groupID string, opts *GetGroupMembershipOptions) (*GroupMembership, error) {
	if err := ids("userID", userID, "groupID", groupID); err != nil {
		return nil, err
	}
	path, err := (*service)(s).path("users", userID, "memberOfGroups", groupID)
	if err != nil {
		return nil, err
	}
	var q url.Values
	if opts != nil && opts.ExpandGroup {
		q = url.Values{"expand": {"group"}}
	}
	var m GroupMembership
	if err := (*service)(s).doQuery(ctx, "GET", path, q, nil, &m); err != nil {
		return nil, err
	}
	return &m, nil
}

// RemoveFromGroup removes the user's direct membership of a group. An
// indirect membership (through a nested or dynamic group) cannot be
// removed this way: PingOne answers 400.
//
// PingOne: "Remove User From Group".
//
//pingone:operation DELETE /environments/{environmentID}/users/{userID}/memberOfGroups/{groupID}
func (s *UsersService) RemoveFromGroup(ctx context.Context, userID, groupID string) error {
	if userID == "" {
		return missing("userID")
	}
	return deleteOne(ctx, (*service)(s), "groupID", groupID, "users", userID, "memberOfGroups", groupID)
}
