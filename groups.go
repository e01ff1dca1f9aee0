package pingone

import (
	"bytes"
	"context"
	"errors"
	"iter"
	"maps"
	"net/url"
	"time"

	"encoding/json"

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
	CustomData json.RawMessage `json:"customData,omitzero"`
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
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// GroupMemberCounts counts a group's members. Direct counts are the users
// added to the group; total counts add those who are members through a
// nested group or the group's user filter.
type GroupMemberCounts struct {
	Users int                        `json:"users"`
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// GroupRequest is the body of [GroupsService.Create] and
// [GroupsService.Replace]. Read-only fields (ID, counts, source) have no
// place here, so a Replace never sends them.
//
// A GroupRequest encodes itself (with encoding/json too) as the body sent:
// the user filter as its text.
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
	//
	// In a request from [Group.Request], UserFilter is the stored filter
	// as [scim.Parse] reads it, and while it stays unchanged the filter
	// goes back exactly as PingOne stored it, even one the scim package
	// cannot read (then UserFilter carries the parse error, see
	// [scim.Filter.Err], and is sent anyway). Set another filter to change
	// it, or the zero Filter to make the group static.
	UserFilter scim.Filter
	ExternalID Optional[string]
	// CustomData is a JSON object stored with the group.
	CustomData Optional[json.RawMessage]
	// Extra holds members to send that this version does not model, such
	// as those a Request of a group read from PingOne carries back.
	Extra map[string]json.RawMessage

	// read is what Request (or UnmarshalJSON) read; nil for a request
	// built by hand.
	read *groupRequestRead
}

// groupRequestBody is a GroupRequest as sent. The user filter travels in
// Extra (as "userFilter"), where the codec keeps it as it came.
type groupRequestBody struct {
	Name        string                     `json:"name"`
	Description Optional[string]           `json:"description,omitzero"`
	Population  Optional[Ref]              `json:"population,omitzero"`
	ExternalID  Optional[string]           `json:"externalId,omitzero"`
	CustomData  Optional[json.RawMessage]  `json:"customData,omitzero"`
	Extra       map[string]json.RawMessage `json:",embed"`
	wire        wireMeta
}

// groupRequestRead is a GroupRequest as decoded: the body (which remembers
// values of an unexpected JSON type, sent back as they came), the stored
// user filter as it came, and what [scim.Parse] made of it.
type groupRequestRead struct {
	body      groupRequestBody
	filterRaw json.RawMessage
	filter    scim.Filter
}

const groupUserFilterMember = "userFilter"

// MarshalJSON writes the request as [GroupsService.Create] sends it. A
// user filter that carries an error (and is not the one read) is an error.
func (r GroupRequest) MarshalJSON() ([]byte, error) { return marshalWire(&r) }

// UnmarshalJSON reads a request body, the user filter with [scim.Parse]:
// see [GroupRequest.UserFilter] for what happens to it when sent again.
func (r *GroupRequest) UnmarshalJSON(data []byte) error { return unmarshalWire(data, r) }

func (r *GroupRequest) encodeWire(e *wireEncoder) error {
	b, err := r.body()
	if err != nil {
		return err
	}
	return encodeWireModel(e, &b)
}

func (r *GroupRequest) decodeWire(d *wireDecoder) error {
	rd := &groupRequestRead{}
	if err := decodeWireModel(d, &rd.body); err != nil {
		return err
	}
	*r = GroupRequest{
		Name:        rd.body.Name,
		Description: rd.body.Description,
		Population:  rd.body.Population,
		ExternalID:  rd.body.ExternalID,
		CustomData:  rd.body.CustomData,
		read:        rd,
	}
	if raw, ok := rd.body.Extra[groupUserFilterMember]; ok {
		rd.filterRaw = raw
		var text string
		if stdjsonString(raw, &text) {
			// On error, the filter carries it: it is not mistaken for
			// no filter.
			rd.filter, _ = scim.Parse(text)
		}
		r.UserFilter = rd.filter
	}
	for k, v := range rd.body.Extra {
		if k != groupUserFilterMember {
			if r.Extra == nil {
				r.Extra = map[string]json.RawMessage{}
			}
			r.Extra[k] = v
		}
	}
	return nil
}

// stdjsonString reads raw as a JSON string.
func stdjsonString(raw json.RawMessage, s *string) bool {
	return len(raw) > 0 && raw[0] == '"' && json.Unmarshal(raw, s) == nil
}

// filterUnchanged reports whether the request still holds the user filter
// it was read with.
func (r *GroupRequest) filterUnchanged() bool {
	if r.read == nil {
		return false
	}
	f, g := r.UserFilter, r.read.filter
	return f.String() == g.String() && errors.Is(f.Err(), g.Err()) && errors.Is(g.Err(), f.Err())
}

// body returns the request as sent.
func (r *GroupRequest) body() (groupRequestBody, error) {
	b := groupRequestBody{
		Name:        r.Name,
		Description: r.Description,
		Population:  r.Population,
		ExternalID:  r.ExternalID,
		CustomData:  r.CustomData,
	}
	if r.read != nil {
		b.wire = r.read.body.wire // values sent back as they came
	}
	var filter json.RawMessage
	switch {
	case r.filterUnchanged():
		filter = r.read.filterRaw // as PingOne stored it
	case r.UserFilter.Err() != nil:
		return b, &ArgumentError{Name: "UserFilter", Problem: "is invalid: " + r.UserFilter.Err().Error()}
	case !r.UserFilter.IsZero():
		text, err := json.Marshal(r.UserFilter.String())
		if err != nil {
			return b, err
		}
		filter = text
	}
	if len(r.Extra) > 0 || filter != nil {
		b.Extra = make(map[string]json.RawMessage, len(r.Extra)+1)
		maps.Copy(b.Extra, r.Extra)
		if filter != nil {
			b.Extra[groupUserFilterMember] = filter
		}
	}
	return b, nil
}

// check reports, before anything is sent, a request PingOne would refuse
// or that the SDK cannot send; op names the method in the error.
func (r GroupRequest) check(op string) error {
	if err := requireFields(op, "Name", r.Name); err != nil {
		return err
	}
	if err := r.UserFilter.Err(); err != nil && !r.filterUnchanged() {
		return argError(op, &ArgumentError{Name: "UserFilter", Problem: "is invalid: " + err.Error()})
	}
	if p, ok := r.Population.Get(); ok {
		if err := requireFields(op, "Population.ID", p.ID); err != nil {
			return err
		}
	}
	if v, ok := r.CustomData.Get(); ok && !r.customDataUnchanged(v) {
		if !jsontext.Value(v).IsValid() || jsontext.Value(v).Kind() != '{' {
			return argError(op, &ArgumentError{Name: "CustomData", Problem: "is not a JSON object"})
		}
	}
	return nil
}

// customDataUnchanged reports whether v is the custom data the request
// was read with (sent back as it came, whatever it holds).
func (r GroupRequest) customDataUnchanged(v json.RawMessage) bool {
	if r.read == nil {
		return false
	}
	old, ok := r.read.body.CustomData.Get()
	return ok && bytes.Equal(old, v)
}

// Request returns the request that replaces the group with itself: every
// member PingOne sent goes back unchanged (zero values, values of an
// unexpected JSON type and members this version does not know included),
// but the read-only ones (ID, environment, display name, source, member
// counts, timestamps). The user filter goes back as stored, even one the
// scim package cannot read (see [GroupRequest.UserFilter]). Change what
// you need, then pass it to [GroupsService.Replace]: since a PUT clears
// what it omits, a request built by hand would wipe the settings it
// leaves out. A nil g gives the zero GroupRequest.
func (g *Group) Request() GroupRequest {
	return requestFrom[GroupRequest](g, "id", "environment", "displayName", "sourceId", "sourceType",
		"directMemberCounts", "totalMemberCounts", "createdAt", "updatedAt")
}

// ListGroupsOptions filters and pages [GroupsService.List].
type ListGroupsOptions struct {
	// Filter is a SCIM filter on id, name, population.id and externalId
	// (eq, sw, and, or).
	Filter scim.Filter
	ListOptions
}

func (o ListGroupsOptions) addQuery(q url.Values) error {
	if err := filterQuery(q, o.Filter); err != nil {
		return err
	}
	return o.ListOptions.addQuery(q)
}

// GetGroupOptions adjusts [GroupsService.Get].
type GetGroupOptions struct {
	// IncludeTotalMemberCounts fills Group.DirectMemberCounts and
	// Group.TotalMemberCounts.
	IncludeTotalMemberCounts bool
}

func (o GetGroupOptions) addQuery(q url.Values) error {
	if o.IncludeTotalMemberCounts {
		q.Set("include", "totalMemberCounts")
	}
	return nil
}

// List returns one page of groups.
//
// PingOne: "List Groups".
//
//pingone:operation GET /environments/{environmentID}/groups
func (s *GroupsService) List(ctx context.Context, opts *ListGroupsOptions) (*Page[Group], error) {
	return listPage[Group](ctx, (*service)(s), call{op: "Groups.List", route: "GET /environments/{environmentID}/groups", opts: opts, key: "groups"})
}

// ListIter iterates over every group, fetching pages as the loop goes.
func (s *GroupsService) ListIter(ctx context.Context, opts *ListGroupsOptions) iter.Seq2[*Group, error] {
	return listAll[Group](ctx, (*service)(s), call{op: "Groups.ListIter", route: "GET /environments/{environmentID}/groups", opts: opts, key: "groups"})
}

// ByName returns the group named name, asking PingOne for `name eq` and
// comparing names exactly. An environment-wide group and a population
// group may share a name: then ByName reports both IDs rather than pick
// one. None is an error matching [ErrNotFound].
func (s *GroupsService) ByName(ctx context.Context, name string) (*Group, error) {
	all := s.ListIter(ctx, &ListGroupsOptions{Filter: scim.Eq("name", name)})
	return byName("Groups.ByName", "group", name, all, func(g *Group) string { return g.Name }, func(g *Group) string { return g.ID })
}

// Get returns one group. Member counts are only reported with
// opts.IncludeTotalMemberCounts; opts may be nil.
//
// PingOne: "Get Group".
//
//pingone:operation GET /environments/{environmentID}/groups/{groupID}
func (s *GroupsService) Get(ctx context.Context, groupID string, opts *GetGroupOptions) (*Group, error) {
	return send[Group](ctx, (*service)(s), call{op: "Groups.Get", route: "GET /environments/{environmentID}/groups/{groupID}", ids: []string{groupID}, opts: opts})
}

// Create creates a group: a dynamic one when req.UserFilter is set.
//
// PingOne: "Create Group".
//
//pingone:operation POST /environments/{environmentID}/groups
func (s *GroupsService) Create(ctx context.Context, req GroupRequest) (*Group, error) {
	if err := req.check("Groups.Create"); err != nil {
		return nil, err
	}
	key := nameKey(func(ctx context.Context) iter.Seq2[*Group, error] {
		return s.ListIter(ctx, &ListGroupsOptions{Filter: scim.Eq("name", req.Name)})
	}, req.Name, func(g *Group) string { return g.Name }, func(g *Group) time.Time { return g.CreatedAt })
	return sendCreate(ctx, (*service)(s), call{op: "Groups.Create", route: "POST /environments/{environmentID}/groups", body: req}, key)
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
	if err := req.check("Groups.Replace"); err != nil {
		return nil, err
	}
	return send[Group](ctx, (*service)(s), call{op: "Groups.Replace", route: "PUT /environments/{environmentID}/groups/{groupID}", ids: []string{groupID}, body: req})
}

// Delete deletes a group. Its memberships, nestings and role assignments
// go with it: users lose the roles they held through it.
//
// PingOne: "Delete Group".
//
//pingone:operation DELETE /environments/{environmentID}/groups/{groupID}
func (s *GroupsService) Delete(ctx context.Context, groupID string) error {
	return sendNoContent(ctx, (*service)(s), call{op: "Groups.Delete", route: "DELETE /environments/{environmentID}/groups/{groupID}", ids: []string{groupID}})
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
	Type  GroupMembershipType `json:"type,omitzero"`
	Links Links               `json:"_links,omitzero"`
	// Extra holds members this version of the SDK does not know.
	Extra map[string]json.RawMessage `json:",embed"`
	wire  wireMeta
}

// ListParents returns one page of the groups that groupID is nested in (its
// parents, not its children). opts may be nil.
//
// PingOne: "List Group Nested Groups".
//
//pingone:operation GET /environments/{environmentID}/groups/{groupID}/memberOfGroups
func (s *GroupsService) ListParents(ctx context.Context, groupID string, opts *ListOptions) (*Page[GroupNesting], error) {
	return listPage[GroupNesting](ctx, (*service)(s), call{op: "Groups.ListParents", route: "GET /environments/{environmentID}/groups/{groupID}/memberOfGroups", ids: []string{groupID}, opts: opts, key: "groupMemberships"})
}

// ListParentsIter iterates over every group that groupID is nested in.
func (s *GroupsService) ListParentsIter(ctx context.Context, groupID string, opts *ListOptions) iter.Seq2[*GroupNesting, error] {
	return listAll[GroupNesting](ctx, (*service)(s), call{op: "Groups.ListParentsIter", route: "GET /environments/{environmentID}/groups/{groupID}/memberOfGroups", ids: []string{groupID}, opts: opts, key: "groupMemberships"})
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
	if err := requireFields("Groups.AddToParent", "parentGroupID", parentGroupID); err != nil {
		return nil, err
	}
	return send[GroupNesting](ctx, (*service)(s), call{op: "Groups.AddToParent", route: "POST /environments/{environmentID}/groups/{groupID}/memberOfGroups", ids: []string{groupID}, body: RefTo(parentGroupID)})
}

// GetParent returns the nesting of groupID in parentGroupID (NOT_FOUND when
// groupID is not nested there). PingOne's reference calls the parent
// {nestedGroupID}; the SDK names it for what it is.
//
// PingOne: "Get Group Nested Group".
//
//pingone:operation GET /environments/{environmentID}/groups/{groupID}/memberOfGroups/{parentGroupID}
func (s *GroupsService) GetParent(ctx context.Context, groupID, parentGroupID string) (*GroupNesting, error) {
	return send[GroupNesting](ctx, (*service)(s), call{op: "Groups.GetParent", route: "GET /environments/{environmentID}/groups/{groupID}/memberOfGroups/{parentGroupID}", ids: []string{groupID, parentGroupID}})
}

// RemoveFromParent takes groupID out of parentGroupID; neither group is
// deleted.
//
// PingOne: "Remove Group From Group".
//
//pingone:operation DELETE /environments/{environmentID}/groups/{groupID}/memberOfGroups/{parentGroupID}
func (s *GroupsService) RemoveFromParent(ctx context.Context, groupID, parentGroupID string) error {
	return sendNoContent(ctx, (*service)(s), call{op: "Groups.RemoveFromParent", route: "DELETE /environments/{environmentID}/groups/{groupID}/memberOfGroups/{parentGroupID}", ids: []string{groupID, parentGroupID}})
}

// ---- role assignments ----

// ListRoleAssignments returns one page of the group's role assignments,
// which its members (direct and indirect) hold through it. opts may be
// nil.
//
// PingOne: "List Group Role Assignments".
//
//pingone:operation GET /environments/{environmentID}/groups/{groupID}/roleAssignments
func (s *GroupsService) ListRoleAssignments(ctx context.Context, groupID string, opts *ListOptions) (*Page[RoleAssignment], error) {
	return listPage[RoleAssignment](ctx, (*service)(s), call{op: "Groups.ListRoleAssignments", route: "GET /environments/{environmentID}/groups/{groupID}/roleAssignments", ids: []string{groupID}, opts: opts, key: "roleAssignments"})
}

// ListRoleAssignmentsIter iterates over every role assignment of the group.
func (s *GroupsService) ListRoleAssignmentsIter(ctx context.Context, groupID string, opts *ListOptions) iter.Seq2[*RoleAssignment, error] {
	return listAll[RoleAssignment](ctx, (*service)(s), call{op: "Groups.ListRoleAssignmentsIter", route: "GET /environments/{environmentID}/groups/{groupID}/roleAssignments", ids: []string{groupID}, opts: opts, key: "roleAssignments"})
}

// CreateRoleAssignment gives the group a role at a scope; the scope type must
// be one the role applies to.
//
// PingOne: "Create Group Role Assignment".
//
//pingone:operation POST /environments/{environmentID}/groups/{groupID}/roleAssignments
func (s *GroupsService) CreateRoleAssignment(ctx context.Context, groupID string, req RoleAssignmentRequest) (*RoleAssignment, error) {
	if err := requireFields("Groups.CreateRoleAssignment", "Role.ID", req.Role.ID, "Scope.ID", req.Scope.ID, "Scope.Type", string(req.Scope.Type)); err != nil {
		return nil, err
	}
	key := roleAssignmentKey(func(ctx context.Context) iter.Seq2[*RoleAssignment, error] {
		return s.ListRoleAssignmentsIter(ctx, groupID, nil)
	}, req)
	return sendCreate(ctx, (*service)(s), call{op: "Groups.CreateRoleAssignment", route: "POST /environments/{environmentID}/groups/{groupID}/roleAssignments", ids: []string{groupID}, body: req, assignsRole: true}, key)
}

// GetRoleAssignment returns one role assignment of the group.
//
// PingOne: "Get Group Role Assignment".
//
//pingone:operation GET /environments/{environmentID}/groups/{groupID}/roleAssignments/{roleAssignmentID}
func (s *GroupsService) GetRoleAssignment(ctx context.Context, groupID, roleAssignmentID string) (*RoleAssignment, error) {
	return send[RoleAssignment](ctx, (*service)(s), call{op: "Groups.GetRoleAssignment", route: "GET /environments/{environmentID}/groups/{groupID}/roleAssignments/{roleAssignmentID}", ids: []string{groupID, roleAssignmentID}})
}

// DeleteRoleAssignment removes a role assignment from the group.
//
// PingOne: "Delete Group Role Assignment".
//
//pingone:operation DELETE /environments/{environmentID}/groups/{groupID}/roleAssignments/{roleAssignmentID}
func (s *GroupsService) DeleteRoleAssignment(ctx context.Context, groupID, roleAssignmentID string) error {
	return sendNoContent(ctx, (*service)(s), call{op: "Groups.DeleteRoleAssignment", route: "DELETE /environments/{environmentID}/groups/{groupID}/roleAssignments/{roleAssignmentID}", ids: []string{groupID, roleAssignmentID}})
}
