package pingonetest

import (
	"github.com/pingone-go/pingone/internal/scimfilter"
)

func init() { registerFamily((*Server).routesPopulations) }

var populationKind = &kind{
	name:    "population",
	idParam: "populationID",
	list: listSpec{
		embedded: "populations",
		paged:    true,
		filter: &scimfilter.Rules{
			Attributes: map[string][]scimfilter.Operator{"name": {scimfilter.Sw}, "id": {scimfilter.Eq}},
			And:        true, Or: true,
		},
	},
	fields: map[string]field{
		"name":                   {typ: tString, required: true, maxLen: 256},
		"description":            {typ: tString, maxLen: 1024},
		"default":                {typ: tBool},
		"passwordPolicy":         {typ: tRef},
		"theme":                  {typ: tRef},
		"preferredLanguage":      {typ: tString},
		"alternativeIdentifiers": {typ: tArray},
	},
	readOnly: []string{"userCount", "defaultIdentityProvider"},
	prepare: func(c *call, o, old obj) *apiError {
		// Names are unique in an environment.
		for _, p := range c.s.st.list(c.s.envPath("populations")) {
			if equalFold(str(p, "name"), str(o, "name")) && (old == nil || str(p, "id") != str(old, "id")) {
				return errUnique("name", str(p, "id"))
			}
		}
		if id := refID(o, "passwordPolicy"); id != "" && c.s.st.get(c.s.envPath("passwordPolicies"), id) == nil {
			return errValue("passwordPolicy.id", "No password policy with id "+id)
		}
		isDefault, _ := boolean(o, "default")
		if old != nil {
			wasDefault, _ := boolean(old, "default")
			if wasDefault && !isDefault {
				return errConstraint("The default population cannot stop being the default: make another population the default instead")
			}
		}
		if _, ok := o["default"]; !ok {
			o["default"] = false
		}
		if isDefault {
			// Only one default population per environment.
			for _, p := range c.s.st.list(c.s.envPath("populations")) {
				if d, _ := boolean(p, "default"); d && (old == nil || str(p, "id") != str(old, "id")) {
					c.s.st.touch(c.s.envPath("populations"), str(p, "id"))
					p["default"] = false
				}
			}
		}
		return nil
	},
	beforeDelete: func(c *call, id string, o obj) *apiError {
		if d, _ := boolean(o, "default"); d {
			return errConstraint("The default population cannot be deleted")
		}
		if n := c.s.populationUserCount(id); n > 0 {
			return errConstraint("A population that still has users cannot be deleted")
		}
		for _, g := range c.s.st.list(c.s.envPath("groups")) {
			if refID(g, "population") == id {
				return errConstraint("A population that still has groups cannot be deleted: delete or move them first")
			}
		}
		return nil
	},
	view: func(c *call, o obj) obj {
		o = clone(o)
		o["userCount"] = c.s.populationUserCount(str(o, "id"))
		delete(o, "defaultIdentityProvider") // served by its own endpoint
		return o
	},
}

func (s *Server) routesPopulations() {
	s.routes("/environments/{envID}/populations", populationKind, "list", "get", "create", "replace", "delete")
	s.handle("GET /environments/{envID}/populations/{populationID}/defaultIdentityProvider", s.getPopulationIdP)
	s.handle("PUT /environments/{envID}/populations/{populationID}/defaultIdentityProvider", s.setPopulationIdP)
}

func (s *Server) populationUserCount(popID string) int {
	n := 0
	for _, u := range s.st.list(s.usersPath()) {
		if refID(u, "population") == popID {
			n++
		}
	}
	return n
}

func (s *Server) popIdP(p obj) obj {
	idp := sub(p, "defaultIdentityProvider")
	if idp == nil || str(idp, "id") == "" {
		return obj{"type": "PING_ONE"}
	}
	return obj{"id": str(idp, "id"), "type": str(idp, "type")}
}

func (s *Server) getPopulationIdP(c *call) {
	p := s.st.get(s.envPath("populations"), c.r.PathValue("populationID"))
	if p == nil {
		c.fail(errNotFound("population with id " + c.r.PathValue("populationID")))
		return
	}
	writeJSON(c.w, 200, c.decorate(s.popIdP(p), c.path(0)))
}

func (s *Server) setPopulationIdP(c *call) {
	p := s.st.get(s.envPath("populations"), c.r.PathValue("populationID"))
	if p == nil {
		c.fail(errNotFound("population with id " + c.r.PathValue("populationID")))
		return
	}
	body, ok := c.readChecked(map[string]field{"id": {typ: tString}})
	if !ok {
		return
	}
	id := str(body, "id")
	if id == "" {
		delete(p, "defaultIdentityProvider")
	} else {
		idp := s.st.get(s.envPath("identityProviders"), id)
		if idp == nil {
			c.fail(errValue("id", "No identity provider with id "+id))
			return
		}
		p["defaultIdentityProvider"] = obj{"id": id, "type": str(idp, "type")}
	}
	p["updatedAt"] = s.stamp()
	writeJSON(c.w, 200, c.decorate(s.popIdP(p), c.path(0)))
}
