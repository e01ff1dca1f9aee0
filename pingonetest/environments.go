package pingonetest

import "net/http"

func init() { registerFamily((*Server).routesEnvironments) }

// routesEnvironments serves the seeded environment (read-only).
func (s *Server) routesEnvironments() {
	s.handle("GET /environments/{envID}", func(c *call) {
		env := s.st.get("/environments", c.envID)
		if env == nil { // the envID was checked: only a broken seed gets here
			c.fail(errNotFound("environment with id " + c.envID))
			return
		}
		writeJSON(c.w, http.StatusOK, c.decorate(env, "/environments/"+c.envID))
	})
}
