package pingonetest

import (
	"net/http"
	"slices"
)

// kind describes a resource type that the generic handlers serve: list,
// get, create, replace (PUT) and delete over one collection.
type kind struct {
	name    string // for messages: "population"
	idParam string // the path wildcard of the resource ID
	list    listSpec
	fields  map[string]field
	// readOnly fields are dropped from writes and kept from the stored
	// resource on replace; id, environment, createdAt, updatedAt and
	// _links always are.
	readOnly []string
	accept   []string // content types for writes (default application/json)
	// prepare completes or checks a resource being written (old is nil on
	// create); it may change o.
	prepare func(c *call, o, old obj) *apiError
	// beforeDelete may refuse a delete; afterDelete cleans up references.
	beforeDelete func(c *call, id string, o obj) *apiError
	afterDelete  func(c *call, id string, o obj)
	// view renders a stored resource (for example to compute counts or to
	// hide secrets); nil serves it as stored.
	view func(c *call, o obj) obj
	// parent, when set, checks that the resource owning the collection
	// exists (for sub-collections such as a user's role assignments).
	parent func(c *call) *apiError
	// noEnvironment leaves out the environment reference (org resources).
	noEnvironment bool
	createStatus  int // default 201
}

var alwaysReadOnly = []string{"id", "environment", "createdAt", "updatedAt", "_links", "_embedded"}

// routes registers the five generic handlers under collPattern (a pattern
// path after /v1 such as "/environments/{envID}/populations"). ops selects
// which: any of "list", "get", "create", "replace", "delete".
func (s *Server) routes(collPattern string, k *kind, ops ...string) {
	item := collPattern + "/{" + k.idParam + "}"
	withParent := func(h func(c *call)) func(c *call) {
		if k.parent == nil {
			return h
		}
		return func(c *call) {
			if e := k.parent(c); e != nil {
				c.fail(e)
				return
			}
			h(c)
		}
	}
	for _, op := range ops {
		switch op {
		case "list":
			s.handle("GET "+collPattern, withParent(k.handleList))
		case "get":
			s.handle("GET "+item, withParent(k.handleGet))
		case "create":
			s.handle("POST "+collPattern, withParent(k.handleCreate))
		case "replace":
			s.handle("PUT "+item, withParent(k.handleReplace))
		case "delete":
			s.handle("DELETE "+item, withParent(k.handleDelete))
		default:
			panic("pingonetest: unknown op " + op)
		}
	}
}

func (k *kind) render(c *call, collPath string, o obj) obj {
	if k.view != nil {
		o = k.view(c, o)
	}
	return c.decorate(o, collPath+"/"+str(o, "id"))
}

func (k *kind) handleList(c *call) {
	collPath := c.path(0)
	spec := k.list
	spec.view = func(c *call, o obj) obj { return k.render(c, collPath, o) }
	spec.seq = c.s.st.seqFunc(collPath)
	c.serveList(c.s.st.list(collPath), spec)
}

func (k *kind) handleGet(c *call) {
	collPath := c.path(1)
	o := c.s.st.get(collPath, c.r.PathValue(k.idParam))
	if o == nil {
		c.fail(errNotFound(k.name + " with id " + c.r.PathValue(k.idParam)))
		return
	}
	writeJSON(c.w, 200, k.render(c, collPath, o))
}

// cleanWrite drops read-only fields from a request body.
func (k *kind) cleanWrite(o obj) {
	for _, f := range alwaysReadOnly {
		delete(o, f)
	}
	for _, f := range k.readOnly {
		delete(o, f)
	}
}

func (k *kind) handleCreate(c *call) {
	body, e := c.readBody(k.accept...)
	if e != nil {
		c.fail(e)
		return
	}
	collPath := c.path(0)
	o, e := k.create(c, collPath, body)
	if e != nil {
		c.fail(e)
		return
	}
	status := k.createStatus
	if status == 0 {
		status = http.StatusCreated
	}
	writeJSON(c.w, status, k.render(c, collPath, o))
}

// create validates and stores a new resource from a request body.
func (k *kind) create(c *call, collPath string, body obj) (obj, *apiError) {
	k.cleanWrite(body)
	if e := checkFields(body, k.fields); e != nil {
		return nil, e
	}
	if k.prepare != nil {
		if e := k.prepare(c, body, nil); e != nil {
			return nil, e
		}
	}
	id := c.s.newID()
	if _, ok := body["id"]; ok { // prepare may choose the ID (references)
		id = str(body, "id")
	}
	body["id"] = id
	if !k.noEnvironment && c.envID != "" {
		body["environment"] = map[string]any{"id": c.envID}
	}
	t := c.s.stamp()
	body["createdAt"], body["updatedAt"] = t, t
	c.s.st.put(collPath, id, body)
	return body, nil
}

func (k *kind) handleReplace(c *call) {
	collPath := c.path(1)
	id := c.r.PathValue(k.idParam)
	old := c.s.st.get(collPath, id)
	if old == nil {
		c.fail(errNotFound(k.name + " with id " + id))
		return
	}
	body, e := c.readBody(k.accept...)
	if e != nil {
		c.fail(e)
		return
	}
	k.cleanWrite(body)
	if e := checkFields(body, k.fields); e != nil {
		c.fail(e)
		return
	}
	for _, f := range append(slices.Clone(alwaysReadOnly), k.readOnly...) {
		if v, ok := old[f]; ok && f != "_links" {
			body[f] = v
		}
	}
	if k.prepare != nil {
		if e := k.prepare(c, body, old); e != nil {
			c.fail(e)
			return
		}
	}
	body["updatedAt"] = c.s.stamp()
	c.s.st.put(collPath, id, body)
	writeJSON(c.w, 200, k.render(c, collPath, body))
}

func (k *kind) handleDelete(c *call) {
	collPath := c.path(1)
	id := c.r.PathValue(k.idParam)
	old := c.s.st.get(collPath, id)
	if old == nil {
		c.fail(errNotFound(k.name + " with id " + id))
		return
	}
	if k.beforeDelete != nil {
		if e := k.beforeDelete(c, id, old); e != nil {
			c.fail(e)
			return
		}
	}
	c.s.st.remove(collPath, id)
	if k.afterDelete != nil {
		k.afterDelete(c, id, old)
	}
	c.w.WriteHeader(http.StatusNoContent)
}
