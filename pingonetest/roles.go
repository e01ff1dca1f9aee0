package pingonetest

import (
	"net/http"
	"regexp"
	"slices"

	"github.com/pingone-go/pingone/internal/scimfilter"
)

func init() { registerFamily((*Server).routesRoles) }

// roleScopeTypes are the scope types a role can apply to.
var roleScopeTypes = []string{"ORGANIZATION", "ENVIRONMENT", "POPULATION", "APPLICATION"}

// permissionID is the shape of PingOne permission IDs
// (service:action:resource, such as identity:read:user).
var permissionID = regexp.MustCompile(`^[A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+$`)

// envRolesList serves an environment's roles: its custom roles and the
// built-in (PLATFORM) ones, filterable by type.
var envRolesList = listSpec{
	embedded: "roles",
	filter: &scimfilter.Rules{
		Attributes: map[string][]scimfilter.Operator{"type": {scimfilter.Eq}},
	},
}

var customRoleKind = &kind{
	name:    "role",
	idParam: "customRoleID",
	list:    envRolesList,
	fields: map[string]field{
		"name":            {typ: tString, required: true, maxLen: 256},
		"description":     {typ: tString, maxLen: 1024},
		"permissions":     {typ: tArray, required: true},
		"canBeAssignedBy": {typ: tArray, required: true},
		"applicableTo":    {typ: tArray},
	},
	readOnly: []string{"type", "canAssign"},
	prepare:  prepareCustomRole,
	beforeDelete: func(c *call, id string, _ obj) *apiError {
		if c.s.roleAssigned(id) {
			return errConstraint("The role is still assigned: delete its role assignments first")
		}
		return nil
	},
	view: func(_ *call, o obj) obj { return o },
}

func (s *Server) routesRoles() {
	s.handle("GET /roles", s.listSystemRoles)
	s.handle("GET /roles/{roleID}", s.getSystemRole)

	roles := "/environments/{envID}/roles"
	role := roles + "/{customRoleID}"
	s.handle("GET "+roles, s.listEnvRoles)
	s.routes(roles, customRoleKind, "create")
	s.handle("GET "+role, func(c *call) {
		id := c.r.PathValue("customRoleID")
		if r := s.st.get("/roles", id); r != nil {
			writeJSON(c.w, http.StatusOK, s.platformRole(c, r))
			return
		}
		customRoleKind.handleGet(c)
	})
	s.handle("PUT "+role, s.refusePlatformRole(customRoleKind.handleReplace))
	s.handle("DELETE "+role, s.refusePlatformRole(customRoleKind.handleDelete))
}

// refusePlatformRole answers 400 for a built-in role: only custom roles can
// change.
func (s *Server) refusePlatformRole(h func(c *call)) func(c *call) {
	return func(c *call) {
		if s.st.get("/roles", c.r.PathValue("customRoleID")) != nil {
			c.fail(errConstraint("Built-in (PLATFORM) roles cannot be changed or deleted"))
			return
		}
		h(c)
	}
}

func (s *Server) renderSystemRole(c *call, r obj) obj {
	return c.decorate(r, "/roles/"+str(r, "id"))
}

func (s *Server) listSystemRoles(c *call) {
	c.serveList(s.st.list("/roles"), listSpec{embedded: "roles", view: s.renderSystemRole})
}

func (s *Server) getSystemRole(c *call) {
	id := c.r.PathValue("roleID")
	r := s.st.get("/roles", id)
	if r == nil {
		c.fail(errNotFound("role with id " + id))
		return
	}
	writeJSON(c.w, http.StatusOK, s.renderSystemRole(c, r))
}

// platformRole renders a built-in role as an environment lists it.
func (s *Server) platformRole(c *call, r obj) obj {
	o := clone(r)
	o["type"] = "PLATFORM"
	o["canBeAssignedBy"] = []any{}
	delete(o, "createdAt")
	delete(o, "updatedAt")
	return c.decorate(o, "/environments/"+s.envID+"/roles/"+str(r, "id"))
}

func (s *Server) listEnvRoles(c *call) {
	coll := c.path(0)
	var items []obj
	for _, r := range s.st.list("/roles") {
		o := clone(r)
		o["type"] = "PLATFORM"
		items = append(items, o)
	}
	items = append(items, s.st.list(coll)...)
	spec := envRolesList
	spec.view = func(c *call, o obj) obj {
		if str(o, "type") == "PLATFORM" {
			return s.platformRole(c, o)
		}
		return c.decorate(o, coll+"/"+str(o, "id"))
	}
	c.serveList(items, spec)
}

func prepareCustomRole(c *call, o, old obj) *apiError {
	name := str(o, "name")
	for _, r := range c.s.st.list("/roles") {
		if equalFold(str(r, "name"), name) {
			return errUnique("name", str(r, "id"))
		}
	}
	for _, r := range c.s.st.list(c.s.envPath("roles")) {
		if equalFold(str(r, "name"), name) && (old == nil || str(r, "id") != str(old, "id")) {
			return errUnique("name", str(r, "id"))
		}
	}
	perms := asSlice(o["permissions"])
	if len(perms) == 0 {
		return errValue("permissions", "A custom role needs at least one permission")
	}
	for _, p := range perms {
		id := str(roleRef(p), "id")
		if !permissionID.MatchString(id) {
			return errValue("permissions.id", "Unknown permission "+id)
		}
	}
	by := asSlice(o["canBeAssignedBy"])
	if len(by) == 0 {
		return errValue("canBeAssignedBy", "A custom role needs at least one role that can assign it")
	}
	for _, r := range by {
		id := str(roleRef(r), "id")
		if c.s.findRole(id) == nil {
			return errValue("canBeAssignedBy.id", "No role with id "+id)
		}
	}
	if _, ok := o["applicableTo"]; !ok {
		o["applicableTo"] = []any{"ENVIRONMENT"}
	}
	if e := appEnumArray(o, "applicableTo", roleScopeTypes); e != nil {
		return e
	}
	if len(asSlice(o["applicableTo"])) == 0 {
		return errValue("applicableTo", "A custom role must apply to at least one scope type")
	}
	if old != nil && slices.ContainsFunc(asSlice(old["applicableTo"]), func(v any) bool {
		t, _ := v.(string)
		return !appHasString(o, "applicableTo", t) && c.s.roleAssignedAt(str(old, "id"), t)
	}) {
		return errConstraint("The role is assigned at a scope type the new applicableTo leaves out")
	}
	o["type"] = "CUSTOM"
	o["canAssign"] = []any{}
	return nil
}

// roleAssignedAt reports whether role id is assigned at a scope of type t.
func (s *Server) roleAssignedAt(roleID, t string) bool {
	for _, holder := range []string{"users", "groups", "applications"} {
		for _, p := range s.st.collsEnding(s.envPath(holder)+"/", "/roleAssignments") {
			for _, ra := range s.st.list(p) {
				if refID(ra, "role") == roleID && str(sub(ra, "scope"), "type") == t {
					return true
				}
			}
		}
	}
	return false
}

func roleRef(v any) obj {
	m, _ := v.(map[string]any)
	return m
}
