package pingonetest

import (
	"slices"
	"strings"
)

// roleAssignmentKind serves the role assignments of one kind of holder
// (users, groups or applications). holderColl names the holder's collection
// under the environment ("users"), holderParam its path wildcard.
func roleAssignmentKind(holderColl, holderParam, holderName string) *kind {
	return &kind{
		name:    "role assignment",
		idParam: "roleAssignmentID",
		list:    listSpec{embedded: "roleAssignments"},
		fields: map[string]field{
			"role":  {typ: tRef, required: true},
			"scope": {typ: tObject, required: true},
		},
		readOnly: []string{"readOnly", "gateway", "group"},
		parent: func(c *call) *apiError {
			id := c.r.PathValue(holderParam)
			if c.s.st.get(c.s.envPath(holderColl), id) == nil {
				return errNotFound(holderName + " with id " + id)
			}
			return nil
		},
		prepare: func(c *call, o, old obj) *apiError {
			if e := c.s.checkRoleScope(refID(o, "role"), sub(o, "scope")); e != nil {
				return e
			}
			o["readOnly"] = false
			if d := c.s.opts.propagation; old == nil && d > 0 {
				id := c.s.newID()
				o["id"] = id // the generic create keeps it
				c.s.roleEffective[id] = c.s.now().Add(d)
			}
			return nil
		},
	}
}

// roleInEffect reports whether role assignment ra has taken effect (see
// WithPermissionPropagation).
func (s *Server) roleInEffect(ra obj) bool {
	at, ok := s.roleEffective[str(ra, "id")]
	if !ok {
		return true
	}
	if !s.now().Before(at) {
		delete(s.roleEffective, str(ra, "id"))
		return true
	}
	return false
}

// anyRoleInEffect reports whether a collection of role assignments holds
// one in effect.
func (s *Server) anyRoleInEffect(collPath string) bool {
	return slices.ContainsFunc(s.st.list(collPath), s.roleInEffect)
}

// findRole returns a system role or one of the environment's custom roles.
func (s *Server) findRole(id string) obj {
	if r := s.st.get("/roles", id); r != nil {
		return r
	}
	return s.st.get(s.envPath("roles"), id)
}

// checkRoleScope checks a role assignment: the role exists, the scope type
// is one the role applies to, and the scope names an existing resource of
// that type.
func (s *Server) checkRoleScope(roleID string, scope obj) *apiError {
	role := s.findRole(roleID)
	if role == nil {
		return errValue("role.id", "No role with id "+roleID)
	}
	typ, id := str(scope, "type"), str(scope, "id")
	if typ == "" {
		return errRequired("scope.type")
	}
	if id == "" {
		return errRequired("scope.id")
	}
	var applicable []string
	for _, a := range asSlice(role["applicableTo"]) {
		if s, ok := a.(string); ok {
			applicable = append(applicable, s)
		}
	}
	if !slices.Contains(applicable, typ) {
		return errInvalid("The role cannot be assigned at this scope",
			detail{Code: "INVALID_VALUE", Target: "scope.type", Message: "The role " + str(role, "name") + " applies to " + joinStrings(applicable) + ", not " + typ,
				InnerError: map[string]any{"allowedValues": applicable}})
	}
	var exists bool
	switch typ {
	case "ORGANIZATION":
		exists = id == s.orgID
	case "ENVIRONMENT":
		exists = id == s.envID
	case "POPULATION":
		exists = s.st.get(s.envPath("populations"), id) != nil
	case "APPLICATION":
		exists = s.st.get(s.appsPath(), id) != nil
	}
	if !exists {
		return errValue("scope.id", "No "+typ+" with id "+id)
	}
	return nil
}

// roleAssigned reports whether any user, group or application holds an
// assignment of role id.
func (s *Server) roleAssigned(roleID string) bool {
	for _, holder := range []string{"users", "groups", "applications"} {
		for _, p := range s.st.collsEnding(s.envPath(holder)+"/", "/roleAssignments") {
			for _, ra := range s.st.list(p) {
				if refID(ra, "role") == roleID {
					return true
				}
			}
		}
	}
	return false
}

func asSlice(v any) []any {
	a, _ := v.([]any)
	return a
}

func joinStrings(v []string) string {
	var out strings.Builder
	for i, s := range v {
		if i > 0 {
			out.WriteString(", ")
		}
		out.WriteString(s)
	}
	return out.String()
}
