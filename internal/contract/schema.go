package contract

import (
	"fmt"

	"github.com/getkin/kin-openapi/openapi3"
)

// ResponseSchema returns the schema of the body an action answers with on
// its documented success status, as the contract states it (enums, required
// members and read-only flags intact: not the relaxed copy responses are
// validated against), or nil when the action answers without a body. The
// schema belongs to the contract: callers must not change it.
func (c *Contract) ResponseSchema(action string) (*openapi3.SchemaRef, error) {
	for _, rt := range c.routes {
		if rt.action.Name != action {
			continue
		}
		resp := rt.req.Operation.Responses.Status(rt.action.Status)
		if resp == nil || resp.Value == nil {
			return nil, fmt.Errorf("contract: action %q: no response for status %d", action, rt.action.Status)
		}
		if len(resp.Value.Content) == 0 {
			return nil, nil
		}
		mt := resp.Value.Content.Get("application/json")
		if mt == nil || mt.Schema == nil {
			return nil, fmt.Errorf("contract: action %q: no application/json schema for status %d", action, rt.action.Status)
		}
		return mt.Schema, nil
	}
	return nil, fmt.Errorf("contract: no action %q", action)
}
