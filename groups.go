package pingone

import (
	"context"
	"iter"
	"net/url"
	"time"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/pingone-go/pingone/scim"
)

// GroupsService manages an environment's groups, their nesting and role
// assignments.
type GroupsService service

// GroupSourceType says where a group comes from when PingOne does not own it
// (read-only). PingOne may add values; unknown ones are kept.
type GroupSourceType string

// Known group source types.
const (
	GroupSourceGateway GroupSourceType = "GATEWAY"
	GroupSourceIDP     GroupSourceType = "IDP"
)

// Group is a PingOne group: static (members added one by one) or dynamic
// (members are the users that match UserFilter).
type Group struct {
	ID          string `json:"id,omitzero"`
	Environment Ref    `json:"environment,omitzero"`
	Name        string `json:"name"`
	Description string `json:"description,omitzero"`
	// Population is set for a group that belongs to one population (only
	// its users can be members); empty for an environment-wide group. It
	// cannot change after the group is created.
	Population Ref `json:"population,omitzero"`
	// UserFilter is the SCIM user filter of a dynamic group, as PingOne
	// stores it; empty for a static group.
	UserFilter string `json:"userFilter,omitzero"`
	ExternalID string `json:"externalId,omitzero"`
	// CustomData is free-form JSON (an object) stored with the group.
	CustomData jsontext.Value `json:"customData,omitzero"`
	// DisplayName, SourceID and SourceType are read-only.
	DisplayName string          `json:"displayName,omitzero"`
	SourceID    string          `json:"sourceId,omitzero"`
	SourceType  GroupSourceType `json:"sourceType,omitzero"`
	// DirectMemberCounts and TotalMemberCounts are nil unless asked for
	// with [GetGroupOptions].IncludeTotalMemberCounts: nil means "not
	// reported", not zero.
	DirectMemberCounts *GroupMemberCounts `json:"directMemberCounts,omitzero"`
	TotalMemberCounts  *GroupMemberCounts `json:"totalMemberCounts,omitzero"`
	CreatedAt          time.Time          `json:"createdAt,omitzero"`
	UpdatedAt          time.Time          `json:"updatedAt,omitzero"`
	Links              Links              `json:"_links,omitzero"`
	// Extra holds members this version of the SDK does not know.
	Extra map[string]jsontext.Value `json:",embed"`
}

// GroupMemberCounts counts a group's members. Direct counts are the users
// added to the group; total counts add those who are members through a
// nested group or the group's user filter.
type GroupMemberCounts struct {
	Users int                       `json:"users"`
	Extra map[string]jsontext.Value `json:",embed"`
}

// GroupRequest is the body of [GroupsService.Create] and
// [GroupsService.Replace]. Read-only fields (ID, counts, source) have no
// place here, so a Replace never sends them.
type GroupRequest struct {
	// Name is required. PingOne keeps names unique within an environment
	// (or within a population, for population groups).
	Name        string
	Description Optional[string]
	// Population makes a population group. It can be set only by Create:
	// Replace must send the group's current population or none.
	Population Optional[Ref]
	// UserFilter makes the group dynamic: its members are the users that
	// match the filter (same attributes and operators as the user list
	// filter). The zero Filter makes a static group.
	UserFilter scim.Filter
	ExternalID Optional[string]
	// CustomData is a JSON object stored with the group.
	CustomData Optional[jsontext.Value]
}

// MarshalJSONTo implements [json.MarshalerTo]: the body as sent, with the
// user filter as its text.
func (r GroupRequest) MarshalJSONTo(enc *jsontext.Encoder) error {
	w, err := r.wire()
	if err != nil {
		return err
	}
	return json.MarshalEncode(enc, w)
}

// groupWire is GroupRequest as sent, with the user filter as its text.
type groupWire struct {
	Name        string                   `json:"name"`
	Description Optional[string]         `json:"description,omitzero"`
	Population  Optional[Ref]            `json:"population,omitzero"`
	UserFilter  string                   `json:"userFilter,omitzero"`
	ExternalID  Optional[string]         `json:"externalId,omitzero"`
	CustomData  Optional[jsontext.Value] `json:"customData,omitzero"`
}

func (r GroupRequest) wire() (groupWire, error) {
	if r.Name == "" {
		return groupWire{}, missing("Name")
	}
	if err := r.UserFilter.Err(); err != nil {
		return groupWire{}, &ArgumentError{Name: "UserFilter", Problem: "is invalid: " + err.Error()}
	}
	if p, ok := r.Population.Get(); ok && p.ID == "" {
		return groupWire{}, missing("Population.ID")
	}
	if v, ok := r.CustomData.Get(); ok && (!v.IsValid() || v.Kind() != '{') {
		return groupWire{}, &ArgumentError{Name: "CustomData", Problem: "is not a JSON object"}
	}
	return groupWire{
		Name:        r.Name,
		Description: r.Description,
		Population:  r.Population,
		UserFilter:  r.UserFilter.String(),
		ExternalID:  r.ExternalID,
		CustomData:  r.CustomData,
	}, nil
}

// Request returns the writable fields of g as a [GroupRequest], the start of
// a read, change, replace cycle. It fails only when g's user filter is not a
// filter the scim package can parse, rather than silently turning a dynamic
// group static.
func (g *Group) Request() (GroupRequest, error) {
	if g == nil {
		return GroupRequest{}, missing("Group")
	}
	r := GroupRequest{Name: g.Name}
	if g.Description != "" {
		r.Description = Value(g.Description)
	}
	if g.Population.ID != "" {
		r.Population = Value(Ref{ID: g.Population.ID})
	}
	if g.UserFilter != "" {
		f, err := scim.Parse(g.UserFilter)
		if err != nil {
			return GroupRequest{}, &ArgumentError{Name: "UserFilter", Problem: "cannot be parsed: " + err.Error()}
		}
		r.UserFilter = f
	}
	if g.ExternalID != "" {
		r.ExternalID = Value(g.ExternalID)
	}
	if len(g.CustomData) > 0 && g.CustomData.Kind() == '{' {
		r.CustomData = Value(g.CustomData.Clone())
	}
	return r, nil
}

// ListGroupsOptions filters and pages [GroupsService.List].
type ListGroupsOptions struct {
	// Filter is a SCIM filter on id, name, population.id and externalId
	// (eq, sw, and, or).
	Filter scim.Filter
	ListOptions
}

func (o *ListGroupsOptions) query() (url.Values, ListOptions, error) {
	q := url.Values{}
	if o == nil {
		return q, ListOptions{}, nil
	}
	if err := setFilter(q, o.Filter); err != nil {
		return nil, ListOptions{}, err
	}
	o.ListOptions.apply(q)
	return q, o.ListOptions, nil
}

// GetGroupOptions adjusts [GroupsService.Get].
type GetGroupOptions struct {
	// IncludeTotalMemberCounts fills Group.DirectMemberCounts and
	// Group.TotalMemberCounts.
	IncludeTotalMemberCounts bool
}

// List returns one page of groups.
//
// PingOne: "List Groups".
//
//pingone:operation GET /environments/{environmentID}/groups
func (s *GroupsService) List(ctx context.Context, opts *ListGroupsOptions) (*Page[Group], error) {
	q, lo, err := opts.query()
	if err != nil {
		return nil, err
	}
	return listAt[Group](ctx, (*service)(s), "groups", q, lo, "groups")
}

// ListIter iterates over every group, fetching pages as the loop goes.
func (s *GroupsService) ListIter(ctx context.Context, opts *ListGroupsOptions) iter.Seq2[*Group, error] {
	q, lo, err := opts.query()
	if err != nil {
		return errIter[Group](err)
	}
	return iterAt[Group](ctx, (*service)(s), "groups", q, lo, "groups")
}

// Get returns one group. Member counts are only reported with
// opts.IncludeTotalMemberCounts.
//
// PingOne: "Get Group".
//
//pingone:operation GET /environments/{environmentID}/groups/{groupID}
func (s *GroupsService) Get(ctx context.Context, groupID string, opts *GetGroupOptions) (*Group, error) {
	if groupID == "" {
		return nil, missing("groupID")
	}
	path, err := (*service)(s).path("groups", groupID)
	if err != nil {
		return nil, err
	}
	var q url.Values
	if opts != nil && opts.IncludeTotalMemberCounts {
		q = url.Values{"include": {"totalMemberCounts"}}
	}
	var g Group
	if err := (*service)(s).doQuery(ctx, "GET", path, q, nil, &g); err != nil {
		return nil, err
	}
	return &g, nil
}

// Create creates a group: a dynamic one when req.UserFilter is set.
//
// PingOne: "Create Group".
//
//pingone:operation POST /environments/{environmentID}/groups
func (s *GroupsService) Create(ctx context.Context, req GroupRequest) (*Group, error) {
	body, err := req.wire()
	if err != nil {
		return nil, err
	}
	return sendOne[Group](ctx, (*service)(s), "POST", body, "groups")
}

// Replace replaces a group. Like every PingOne PUT it clears the optional
// fields that req omits (description, external ID, custom data, and the
// user filter, which makes the group static): start from [Group.Request].
// The population cannot change: PingOne refuses a different one.
//
// PingOne: "Update Group".
//
//pingone:operation PUT /environments/{environmentID}/groups/{groupID}
func (s *GroupsService) Replace(ctx context.Context, groupID string, req GroupRequest) (*Group, error) {
	if groupID == "" {
		return nil, missing("groupID")
	}
	body, err := req.wire()
	if err != nil {
		return nil, err
	}
	return sendOne[Group](ctx, (*service)(s), "PUT", body, "groups", groupID)
}

// Delete deletes a group. Its memberships, nestings and role assignments
// go with it: users lose the roles they held through it.
//
// PingOne: "Delete Group".
//
//pingone:operation DELETE /environments/{environmentID}/groups/{groupID}
func (s *GroupsService) Delete(ctx context.Context, groupID string) error {
	return deleteOne(ctx, (*service)(s), "groupID", groupID, "groups", groupID)
}

// ---- nesting ----

// GroupNesting says that a group is nested in a parent group: the members of
// the nested group are members of the parent too.
type GroupNesting struct {
	// ID is the PARENT group's ID.
	ID string `json:"id"`
	// Name is the parent group's name (read-only, when PingOne sends it).
	Name string `json:"name,omitzero"`
	// Type is read-only; PingOne reports nestings as DIRECT.
	Type  GroupMembershipType       `json:"type,omitzero"`
	Links Links                     `json:"_links,omitzero"`
	Extra map[string]jsontext.Value `json:",embed"`
}

// ListParents returns one page of the groups that groupID is nested in (its
// parents, not its children).
//
// PingOne: "List Group Nested Groups".
//
//pingone:operation GET /environments/{environmentID}/groups/{groupID}/memberOfGroups
func (s *GroupsService) ListParents(ctx context.Context, groupID string) (*Page[GroupNesting], error) {
	if groupID == "" {
		return nil, missing("groupID")
	}
	return listAt[GroupNesting](ctx, (*service)(s), "groupMemberships", nil, ListOptions{}, "groups", groupID, "memberOfGroups")
}

// ListParentsIter iterates over every group that groupID is nested in.
func (s *GroupsService) ListParentsIter(ctx context.Context, groupID string) iter.Seq2[*GroupNesting, error] {
	if groupID == "" {
		return errIter[GroupNesting](missing("groupID"))
	}
	return iterAt[GroupNesting](ctx, (*service)(s), "groupMemberships", nil, ListOptions{}, "groups", groupID, "memberOfGroups")
}

// AddToParent nests groupID in parentGroupID: the members of groupID become
// (indirect) members of the parent. PingOne refuses a nesting that would
// make a cycle.
//
// PingOne: "Add Group To Group" (the path names the nested group, the body
// the parent).
//
//pingone:operation POST /environments/{environmentID}/groups/{groupID}/memberOfGroups
func (s *GroupsService) AddToParent(ctx context.Context, groupID, parentGroupID string) (*GroupNesting, error) {
	if err := ids("groupID", groupID, "parentGroupID", parentGroupID); err != nil {
		return nil, err
	}
	return sendOne[GroupNesting](ctx, (*service)(s), "POST", Ref{ID: parentGroupID}, "groups", groupID, "memberOfGroups")
}

// GetParent returns the nesting of groupID in parentGroupID (NOT_FOUND when
// groupID is not nested there).
//
// PingOne: "Get Group Nested Group".
//
//pingone:operation GET /environments/{environmentID}/groups/{groupID}/memberOfGroups/{nestedGroupID}
func (s *GroupsService) GetParent(ctx context.Context, groupID, parentGroupID string) (*GroupNesting, error) {
	if groupID == "" {
		return nil, missing("groupID")
	}
	return getOne[GroupNesting](ctx, (*service)(s), "parentGroupID", parentGroupID, "groups", groupID, "memberOfGroups", parentGroupID)
}

// RemoveFromParent takes groupID out of parentGroupID; neither group is
// deleted.
//
// PingOne: "Remove Group From Group".
//
//pingone:operation DELETE /environments/{environmentID}/groups/{groupID}/memberOfGroups/{nestedGroupID}
func (s *GroupsService) RemoveFromParent(ctx context.Context, groupID, parentGroupID string) error {
	if groupID == "" {
		return missing("groupID")
	}
	return deleteOne(ctx, (*service)(s), "parentGroupID", parentGroupID, "groups", groupID, "memberOfGroups", parentGroupID)
}

// ---- role assignments ----

// ListRoleAssignments returns the group's role assignments, which its
// members (direct and indirect) hold through it.
//
// PingOne: "List Group Role Assignments".
//
//pingone:operation GET /environments/{environmentID}/groups/{groupID}/roleAssignments
func (s *GroupsService) ListRoleAssignments(ctx context.Context, groupID string) (*Page[RoleAssignment], error) {
	return listRoleAssignments(ctx, (*service)(s), "groups", "groupID", groupID)
}

// ListRoleAssignmentsIter iterates over every role assignment of the group.
func (s *GroupsService) ListRoleAssignmentsIter(ctx context.Context, groupID string) iter.Seq2[*RoleAssignment, error] {
	return listRoleAssignmentsIter(ctx, (*service)(s), "groups", "groupID", groupID)
}

// CreateRoleAssignment gives the group a role at a scope; the scope type must
// be one the role applies to.
//
// PingOne: "Create Group Role Assignment".
//
//pingone:operation POST /environments/{environmentID}/groups/{groupID}/roleAssignments
func (s *GroupsService) CreateRoleAssignment(ctx context.Context, groupID string, req RoleAssignmentRequest) (*RoleAssignment, error) {
	return createRoleAssignment(ctx, (*service)(s), "groups", "groupID", groupID, req)
}

// GetRoleAssignment returns one role assignment of the group.
//
// PingOne: "Get Group Role Assignment".
//
//pingone:operation GET /environments/{environmentID}/groups/{groupID}/roleAssignments/{roleAssignmentID}
func (s *GroupsService) GetRoleAssignment(ctx context.Context, groupID, roleAssignmentID string) (*RoleAssignment, error) {
	return getRoleAssignment(ctx, (*service)(s), "groups", "groupID", groupID, roleAssignmentID)
}

// DeleteRoleAssignment removes a role assignment from the group.
//
// PingOne: "Delete Group Role Assignment".
//
//pingone:operation DELETE /environments/{environmentID}/groups/{groupID}/roleAssignments/{roleAssignmentID}
func (s *GroupsService) DeleteRoleAssignment(ctx context.Context, groupID, roleAssignmentID string) error {
	return deleteRoleAssignment(ctx, (*service)(s), "groups", "groupID", groupID, roleAssignmentID)
}
