package pingonetest

import (
	"net/http"
	"slices"
	"strings"

	"github.com/pingone-go/pingone/internal/scimfilter"
)

func init() {
	registerFamily((*Server).routesGroups)
	// The users family filters on memberOfGroups and includes group IDs and
	// names through this hook: give it the indirect memberships too.
	membershipsOf = (*Server).userGroupMemberships
}

// Groups: static groups hold direct members (stored with each user, under
// users/{userID}/memberOfGroups, as {"id": groupID, "type": "DIRECT"});
// dynamic groups (userFilter) hold the users their filter matches; a group
// nested in a parent (stored under groups/{childID}/memberOfGroups as
// {"id": parentID}) makes its members indirect members of the parent and of
// the parent's ancestors. Indirect memberships are computed on every read.

var groupKind = &kind{
	name:    "group",
	idParam: "groupID",
	list: listSpec{
		embedded: "groups",
		paged:    true,
		filter: &scimfilter.Rules{
			Attributes: map[string][]scimfilter.Operator{
				"id":            {scimfilter.Eq, scimfilter.Sw},
				"name":          {scimfilter.Eq, scimfilter.Sw},
				"population.id": {scimfilter.Eq, scimfilter.Sw},
				"externalId":    {scimfilter.Eq, scimfilter.Sw},
			},
			And: true, Or: true,
		},
	},
	fields: map[string]field{
		"name":        {typ: tString, required: true, maxLen: 256},
		"description": {typ: tString, maxLen: 1024},
		"population":  {typ: tRef},
		"userFilter":  {typ: tString, maxLen: 4096},
		"externalId":  {typ: tString, maxLen: 1024},
		"customData":  {typ: tObject},
	},
	readOnly: []string{"displayName", "sourceId", "sourceType", "directMemberCounts", "totalMemberCounts"},
	prepare:  prepareGroup,
	afterDelete: func(c *call, id string, _ obj) {
		c.s.dropGroupReferences(id)
	},
	view: func(c *call, o obj) obj {
		o = clone(o)
		if groupIncludes(c.r, "totalMemberCounts") {
			direct, total := c.s.groupMemberCounts(str(o, "id"))
			o["directMemberCounts"] = obj{"users": direct}
			o["totalMemberCounts"] = obj{"users": total}
		}
		return o
	},
}

func (s *Server) routesGroups() {
	s.routes("/environments/{envID}/groups", groupKind, "list", "get", "create", "replace", "delete")
	s.routes("/environments/{envID}/groups/{groupID}/roleAssignments", roleAssignmentKind("groups", "groupID", "group"), "list", "get", "create", "delete")

	s.handle("GET /environments/{envID}/groups/{groupID}/memberOfGroups", s.listGroupParents)
	s.handle("POST /environments/{envID}/groups/{groupID}/memberOfGroups", s.addGroupParent)
	s.handle("GET /environments/{envID}/groups/{groupID}/memberOfGroups/{parentID}", s.getGroupParent)
	s.handle("DELETE /environments/{envID}/groups/{groupID}/memberOfGroups/{parentID}", s.removeGroupParent)

	s.handle("GET /environments/{envID}/users/{userID}/memberOfGroups", s.listUserGroups)
	s.handle("POST /environments/{envID}/users/{userID}/memberOfGroups", s.addUserToGroup)
	s.handle("GET /environments/{envID}/users/{userID}/memberOfGroups/{groupID}", s.getUserGroup)
	s.handle("DELETE /environments/{envID}/users/{userID}/memberOfGroups/{groupID}", s.removeUserFromGroup)
}

// groupIncludes reports whether the request's include parameter names what.
func groupIncludes(r *http.Request, what string) bool {
	for _, v := range r.URL.Query()["include"] {
		for part := range strings.SplitSeq(v, ",") {
			if strings.EqualFold(strings.TrimSpace(part), what) {
				return true
			}
		}
	}
	return false
}

func prepareGroup(c *call, o, old obj) *apiError {
	s := c.s
	// The population is chosen at creation and never changes.
	if old == nil {
		if pid := refID(o, "population"); pid != "" {
			if s.st.get(s.envPath("populations"), pid) == nil {
				return errValue("population.id", "No population with id "+pid)
			}
			o["population"] = obj{"id": pid}
		}
	} else {
		oldPop := refID(old, "population")
		if v, ok := o["population"]; ok && v != nil && refID(o, "population") != oldPop {
			return errInvalid("The population of a group cannot be changed",
				detail{Code: "INVALID_VALUE", Target: "population.id", Message: "population.id cannot be changed after the group is created"})
		}
		delete(o, "population")
		if oldPop != "" {
			o["population"] = obj{"id": oldPop}
		}
	}
	// Names are unique among the environment's groups, and among the
	// groups of one population.
	for _, g := range s.st.list(s.envPath("groups")) {
		if old != nil && str(g, "id") == str(old, "id") {
			continue
		}
		if equalFold(str(g, "name"), str(o, "name")) && refID(g, "population") == refID(o, "population") {
			return errUnique("name", str(g, "id"))
		}
	}
	if f, ok := o["userFilter"].(string); ok {
		if strings.TrimSpace(f) == "" {
			delete(o, "userFilter")
		} else if _, err := scimfilter.Parse(f); err != nil {
			return errInvalid("The request could not be completed. One or more validation errors were in the request.",
				detail{Code: "INVALID_VALUE", Target: "userFilter", Message: "userFilter is not a valid SCIM filter: " + err.Error()})
		}
	}
	return nil
}

// ---- membership computations (s.mu held) ----

func (s *Server) groupsPath() string { return s.envPath("groups") }

func (s *Server) groupByID(id string) obj { return s.st.get(s.groupsPath(), id) }

// groupParents returns the IDs of the groups that groupID is nested in.
func (s *Server) groupParents(groupID string) []string {
	var out []string
	for _, n := range s.st.list(s.envPath("groups", groupID, "memberOfGroups")) {
		out = append(out, str(n, "id"))
	}
	return out
}

// groupAncestors returns every group that groupID is nested in, directly or
// through other groups, in breadth-first order, without groupID itself.
func (s *Server) groupAncestors(groupID string) []string {
	seen := map[string]bool{groupID: true}
	var out []string
	queue := []string{groupID}
	for len(queue) > 0 {
		g := queue[0]
		queue = queue[1:]
		for _, p := range s.groupParents(g) {
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
				queue = append(queue, p)
			}
		}
	}
	return out
}

// dynamicMatch reports whether user is a member of group g through its user
// filter (and population, for a population group).
func dynamicMatch(g, user obj) bool {
	f := str(g, "userFilter")
	if f == "" || user == nil {
		return false
	}
	if pid := refID(g, "population"); pid != "" && refID(user, "population") != pid {
		return false
	}
	n, err := scimfilter.Parse(f)
	if err != nil {
		return false
	}
	return scimfilter.Eval(n, user)
}

// userGroupMemberships returns the groups a user belongs to as
// {"id", "name", "type"}: the direct memberships first (in the order they
// were added), then the indirect ones, through dynamic groups and nesting
// (in the order the groups were created).
func (s *Server) userGroupMemberships(userID string) []obj {
	user := s.st.get(s.usersPath(), userID)
	var out []obj
	member := map[string]bool{}
	for _, id := range s.groupIDsOf(userID) {
		g := s.groupByID(id)
		if g == nil || member[id] {
			continue
		}
		member[id] = true
		out = append(out, obj{"id": id, "name": str(g, "name"), "type": "DIRECT"})
	}
	groups := s.st.list(s.groupsPath())
	indirect := map[string]bool{}
	var roots []string
	for id := range member {
		roots = append(roots, id)
	}
	for _, g := range groups {
		if id := str(g, "id"); !member[id] && dynamicMatch(g, user) {
			indirect[id] = true
			roots = append(roots, id)
		}
	}
	for _, id := range roots {
		for _, a := range s.groupAncestors(id) {
			indirect[a] = true
		}
	}
	for _, g := range groups {
		if id := str(g, "id"); indirect[id] && !member[id] {
			out = append(out, obj{"id": id, "name": str(g, "name"), "type": "INDIRECT"})
		}
	}
	return out
}

// userMembership returns the user's membership of groupID, or nil.
func (s *Server) userMembership(userID, groupID string) obj {
	for _, m := range s.userGroupMemberships(userID) {
		if str(m, "id") == groupID {
			return m
		}
	}
	return nil
}

// groupMemberCounts counts the users who are direct members of a group, and
// those who are members in any way.
func (s *Server) groupMemberCounts(groupID string) (direct, total int) {
	for _, u := range s.st.list(s.usersPath()) {
		if m := s.userMembership(str(u, "id"), groupID); m != nil {
			total++
			if str(m, "type") == "DIRECT" {
				direct++
			}
		}
	}
	return direct, total
}

// dropGroupReferences removes a deleted group from every user's direct
// memberships and from every nesting in which it is the parent (its own
// nestings and role assignments went with it).
func (s *Server) dropGroupReferences(groupID string) {
	for _, holder := range []string{"users", "groups"} {
		for _, p := range s.st.collsEnding(s.envPath(holder)+"/", "/memberOfGroups") {
			s.st.remove(p, groupID)
		}
	}
}

// ---- a group's parents ----

func (s *Server) groupOr404(c *call) obj {
	id := c.r.PathValue("groupID")
	g := s.groupByID(id)
	if g == nil {
		c.fail(errNotFound("group with id " + id))
	}
	return g
}

func (s *Server) renderNesting(c *call, childID, parentID string) obj {
	o := obj{"id": parentID, "type": "DIRECT"}
	if p := s.groupByID(parentID); p != nil {
		o["name"] = str(p, "name")
	}
	return c.decorate(o, "/environments/"+s.envID+"/groups/"+childID+"/memberOfGroups/"+parentID)
}

func (s *Server) listGroupParents(c *call) {
	if s.groupOr404(c) == nil {
		return
	}
	childID := c.r.PathValue("groupID")
	var items []obj
	for _, p := range s.groupParents(childID) {
		items = append(items, obj{"id": p})
	}
	c.serveList(items, listSpec{embedded: "groupMemberships", paged: true, view: func(c *call, o obj) obj {
		return s.renderNesting(c, childID, str(o, "id"))
	}})
}

func (s *Server) addGroupParent(c *call) {
	if s.groupOr404(c) == nil {
		return
	}
	childID := c.r.PathValue("groupID")
	body, ok := c.readChecked(map[string]field{"id": {typ: tString, required: true}})
	if !ok {
		return
	}
	parentID := str(body, "id")
	if s.groupByID(parentID) == nil {
		c.fail(errValue("id", "No group with id "+parentID))
		return
	}
	if parentID == childID || slices.Contains(s.groupAncestors(parentID), childID) {
		c.fail(errConstraint("The nesting would make a cycle: the group would be nested in itself"))
		return
	}
	coll := s.envPath("groups", childID, "memberOfGroups")
	if s.st.get(coll, parentID) != nil {
		c.fail(errUnique("id", parentID))
		return
	}
	s.st.put(coll, parentID, obj{"id": parentID})
	writeJSON(c.w, http.StatusCreated, s.renderNesting(c, childID, parentID))
}

func (s *Server) getGroupParent(c *call) {
	if s.groupOr404(c) == nil {
		return
	}
	childID, parentID := c.r.PathValue("groupID"), c.r.PathValue("parentID")
	if s.st.get(s.envPath("groups", childID, "memberOfGroups"), parentID) == nil {
		c.fail(errNotFound("nesting of group " + childID + " in group " + parentID))
		return
	}
	writeJSON(c.w, 200, s.renderNesting(c, childID, parentID))
}

func (s *Server) removeGroupParent(c *call) {
	if s.groupOr404(c) == nil {
		return
	}
	childID, parentID := c.r.PathValue("groupID"), c.r.PathValue("parentID")
	coll := s.envPath("groups", childID, "memberOfGroups")
	if s.st.get(coll, parentID) == nil {
		c.fail(errNotFound("nesting of group " + childID + " in group " + parentID))
		return
	}
	s.st.remove(coll, parentID)
	c.w.WriteHeader(http.StatusNoContent)
}

// ---- a user's groups ----

func (s *Server) membershipUserOr404(c *call) obj {
	id := c.r.PathValue("userID")
	u := s.st.get(s.usersPath(), id)
	if u == nil {
		c.fail(errNotFound("user with id " + id))
	}
	return u
}

// membershipExpand reads the expand parameter of the membership calls: only
// "group" is supported.
func membershipExpand(c *call) (bool, *apiError) {
	var on bool
	for _, v := range c.r.URL.Query()["expand"] {
		for part := range strings.SplitSeq(v, ",") {
			switch p := strings.TrimSpace(part); {
			case strings.EqualFold(p, "group"):
				on = true
			case p != "":
				return false, errInvalid("Unsupported expand value",
					detail{Code: "INVALID_PARAMETER", Target: "expand", Message: "expand supports only group", InnerError: map[string]any{"allowedValues": []string{"group"}}})
			}
		}
	}
	return on, nil
}

func (s *Server) renderMembership(c *call, userID string, m obj, expand bool) obj {
	gid := str(m, "id")
	o := obj{"id": gid, "name": str(m, "name"), "type": str(m, "type"), "environment": obj{"id": s.envID}}
	if expand {
		if g := s.groupByID(gid); g != nil {
			o["_embedded"] = obj{"group": groupKind.render(c, s.groupsPath(), g)}
		}
	}
	return c.decorate(o, "/environments/"+s.envID+"/users/"+userID+"/memberOfGroups/"+gid)
}

func (s *Server) listUserGroups(c *call) {
	if s.membershipUserOr404(c) == nil {
		return
	}
	expand, e := membershipExpand(c)
	if e != nil {
		c.fail(e)
		return
	}
	userID := c.r.PathValue("userID")
	c.serveList(s.userGroupMemberships(userID), listSpec{
		embedded: "groupMemberships",
		paged:    true,
		filter: &scimfilter.Rules{
			Attributes: map[string][]scimfilter.Operator{
				"id":   {scimfilter.Eq},
				"name": {scimfilter.Eq, scimfilter.Sw},
				"type": {scimfilter.Eq},
			},
			And: true, Or: true,
		},
		view: func(c *call, m obj) obj { return s.renderMembership(c, userID, m, expand) },
	})
}

func (s *Server) addUserToGroup(c *call) {
	user := s.membershipUserOr404(c)
	if user == nil {
		return
	}
	userID := c.r.PathValue("userID")
	body, ok := c.readChecked(map[string]field{"id": {typ: tString, required: true}})
	if !ok {
		return
	}
	groupID := str(body, "id")
	g := s.groupByID(groupID)
	if g == nil {
		c.fail(errValue("id", "No group with id "+groupID))
		return
	}
	if pid := refID(g, "population"); pid != "" && refID(user, "population") != pid {
		c.fail(errConstraint("Only users of the group's population can be members of a population group"))
		return
	}
	coll := s.envPath("users", userID, "memberOfGroups")
	if s.st.get(coll, groupID) != nil {
		c.fail(errUnique("id", groupID))
		return
	}
	if c.auth != nil && c.auth.userID == userID && len(s.st.list(s.envPath("groups", groupID, "roleAssignments"))) > 0 {
		c.fail(errAccess(403, "INSUFFICIENT_PERMISSIONS", "Administrators cannot add themselves to a group that has role assignments"))
		return
	}
	s.st.put(coll, groupID, obj{"id": groupID, "type": "DIRECT"})
	m := obj{"id": groupID, "name": str(g, "name"), "type": "DIRECT"}
	writeJSON(c.w, http.StatusCreated, s.renderMembership(c, userID, m, false))
}

func (s *Server) getUserGroup(c *call) {
	if s.membershipUserOr404(c) == nil {
		return
	}
	expand, e := membershipExpand(c)
	if e != nil {
		c.fail(e)
		return
	}
	userID, groupID := c.r.PathValue("userID"), c.r.PathValue("groupID")
	m := s.userMembership(userID, groupID)
	if m == nil {
		c.fail(errNotFound("membership of user " + userID + " in group " + groupID))
		return
	}
	writeJSON(c.w, 200, s.renderMembership(c, userID, m, expand))
}

func (s *Server) removeUserFromGroup(c *call) {
	if s.membershipUserOr404(c) == nil {
		return
	}
	userID, groupID := c.r.PathValue("userID"), c.r.PathValue("groupID")
	coll := s.envPath("users", userID, "memberOfGroups")
	if s.st.get(coll, groupID) != nil {
		s.st.remove(coll, groupID)
		c.w.WriteHeader(http.StatusNoContent)
		return
	}
	if s.userMembership(userID, groupID) != nil {
		c.fail(errConstraint("Only direct memberships can be removed: the user is a member of this group through a nested or dynamic group"))
		return
	}
	c.fail(errNotFound("membership of user " + userID + " in group " + groupID))
}
