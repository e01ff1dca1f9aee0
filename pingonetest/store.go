package pingonetest

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pingone-go/pingone/internal/scimfilter"
)

// obj is a resource as PingOne's JSON: the server keeps every resource in
// this form, so what it stores is what it serves.
type obj = map[string]any

// coll is one collection: ordered IDs and their resources.
type coll struct {
	ids   []string
	items map[string]obj
	// all is items in the order of ids, built by listShared and dropped
	// by every change to ids or items.
	all []obj
}

// The store holds every collection, keyed by its path without the /v1 base
// (for example "/environments/E/populations" or
// "/environments/E/users/U/roleAssignments"). Guarded by Server.mu.
type store struct {
	colls map[string]*coll
	// seq numbers every resource in creation order (keyed by collection
	// path and ID), so that a page cursor can say "after this one" and
	// stay right when resources before it are deleted.
	seq     map[string]uint64
	lastSeq uint64

	// unique indexes a field of some collections by its case-folded value
	// (see foldKey): collection path → field, and collection path → folded
	// value → ID. Kept by put and remove, so that a uniqueness check (a
	// username) does not read every resource.
	uniqueField map[string]string
	unique      map[string]map[string]string

	// lagging is the replication lag's state (see lag.go): zero when
	// WithReplicationLag is off, which costs one test per store call.
	lagging
}

// seqOf returns a resource's creation number (0 when unknown).
func (st *store) seqOf(collPath, id string) uint64 {
	if n, ok := st.seq[collPath+"/"+id]; ok || st.tx == nil {
		return n
	}
	return st.deletedSeq(collPath, id)
}

// seqFunc returns the creation numbers of a collection's resources, for
// listSpec.seq.
func (st *store) seqFunc(collPath string) func(o obj) uint64 {
	return func(o obj) uint64 { return st.seqOf(collPath, str(o, "id")) }
}

func (st *store) coll(path string) *coll {
	c := st.colls[path]
	if c == nil {
		c = &coll{items: map[string]obj{}}
		st.colls[path] = c
	}
	return c
}

func (st *store) get(collPath, id string) obj {
	var cur obj
	if c := st.colls[collPath]; c != nil {
		cur = c.items[id]
	}
	if st.tx != nil {
		return st.lagGet(collPath, id, cur)
	}
	return cur
}

func (st *store) put(collPath, id string, o obj) {
	c := st.coll(collPath)
	if st.tx != nil {
		st.record(collPath, id, c.items[id])
	}
	if field, ok := st.uniqueField[collPath]; ok {
		st.unindex(collPath, id, c.items[id])
		if v := str(o, field); v != "" {
			if st.unique[collPath] == nil {
				st.unique[collPath] = map[string]string{}
			}
			st.unique[collPath][foldKey(v)] = id
		}
	}
	c.all = nil
	if _, ok := c.items[id]; !ok {
		c.ids = append(c.ids, id)
		if st.seq == nil {
			st.seq = map[string]uint64{}
		}
		st.lastSeq++
		st.seq[collPath+"/"+id] = st.lastSeq
	}
	c.items[id] = o
}

// remove deletes a resource and every collection nested under it.
func (st *store) remove(collPath, id string) {
	c := st.colls[collPath]
	if c == nil {
		return
	}
	if o, ok := c.items[id]; ok && st.tx != nil {
		st.record(collPath, id, o)
	}
	st.unindex(collPath, id, c.items[id])
	c.all = nil
	delete(c.items, id)
	delete(st.seq, collPath+"/"+id)
	c.ids = slices.DeleteFunc(c.ids, func(x string) bool { return x == id })
	prefix := collPath + "/" + id + "/"
	for k, nested := range st.colls {
		if strings.HasPrefix(k, prefix) {
			for _, child := range nested.ids {
				if st.tx != nil {
					st.record(k, child, nested.items[child])
				}
				delete(st.seq, k+"/"+child)
			}
			delete(st.colls, k)
			delete(st.unique, k)
		}
	}
}

// indexUnique makes put and remove keep an index of field in the
// collection at collPath (which must not hold resources yet).
func (st *store) indexUnique(collPath, field string) {
	if st.uniqueField == nil {
		st.uniqueField, st.unique = map[string]string{}, map[string]map[string]string{}
	}
	st.uniqueField[collPath] = field
}

// unindex drops old's entry (old: the resource id held until now).
func (st *store) unindex(collPath, id string, old obj) {
	field, ok := st.uniqueField[collPath]
	if !ok || old == nil {
		return
	}
	k := foldKey(str(old, field))
	if st.unique[collPath][k] == id {
		delete(st.unique[collPath], k)
	}
}

// holder returns the ID of the resource of the indexed collection whose
// field equals v under Unicode case folding (strings.EqualFold), or "".
func (st *store) holder(collPath, v string) string {
	return st.unique[collPath][foldKey(v)]
}

// foldKey maps s to a key that two strings share exactly when
// strings.EqualFold says they are equal: each rune becomes the smallest
// rune of its simple case-folding orbit ("k", "K" and the Kelvin sign all
// become "K"; an invalid byte becomes U+FFFD, as EqualFold reads it).
func foldKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		m := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			m = min(m, f)
		}
		b.WriteRune(m)
	}
	return b.String()
}

// list returns the resources of a collection in creation order.
func (st *store) list(collPath string) []obj {
	c := st.colls[collPath]
	if st.tx != nil && !st.tx.write && len(st.hist[collPath]) > 0 {
		return st.lagList(collPath, c)
	}
	if c == nil {
		return nil
	}
	out := make([]obj, 0, len(c.ids))
	for _, id := range c.ids {
		out = append(out, c.items[id])
	}
	return out
}

// listShared is list for a caller that only reads the slice: between two
// changes to the collection, every call returns the same one (a walk of
// 20,000 users would otherwise build it again for each page).
func (st *store) listShared(collPath string) []obj {
	c := st.colls[collPath]
	if c == nil || st.tx != nil && !st.tx.write && len(st.hist[collPath]) > 0 {
		return st.list(collPath)
	}
	if c.all == nil {
		c.all = st.list(collPath)
	}
	return c.all
}

// collsUnder lists the collection paths that end with suffix under prefix,
// such as every ".../roleAssignments" of an environment.
func (st *store) collsEnding(prefix, suffix string) []string {
	var out []string
	for k := range st.colls {
		if strings.HasPrefix(k, prefix) && strings.HasSuffix(k, suffix) {
			out = append(out, k)
		}
	}
	if st.tx != nil && !st.tx.write { // collections deleted too recently for this read to see it
		for k := range st.hist {
			if _, ok := st.colls[k]; !ok && strings.HasPrefix(k, prefix) && strings.HasSuffix(k, suffix) {
				out = append(out, k)
			}
		}
	}
	slices.Sort(out)
	return out
}

// ---- request plumbing ----

// call is one request being served.
type call struct {
	s     *Server
	w     http.ResponseWriter
	r     *http.Request
	envID string
	auth  *tokenInfo
}

// collPath is the request's path without the API base, trimmed to the
// collection (dropping the last n segments).
func (c *call) path(dropSegments int) string {
	p := strings.TrimPrefix(c.r.URL.Path, apiBase)
	for range dropSegments {
		if i := strings.LastIndexByte(p, '/'); i >= 0 {
			p = p[:i]
		}
	}
	return p
}

func (c *call) fail(e *apiError) { c.s.writeError(c.w, e) }

// origin is scheme://host of this server as the client reached it (the
// request's Host), so that links work for a client that knows the server
// by another name than its listen address.
func (c *call) origin() string { return requestOrigin(c.s, c.r) }

func requestOrigin(s *Server, r *http.Request) string {
	if r.Host == "" {
		return s.url
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// selfURL is the absolute URL of an API path on this server.
func (c *call) selfURL(p string) string { return c.origin() + apiBase + p }

// readBody decodes a JSON object body after checking its content type
// against the accepted ones (415 otherwise).
func (c *call) readBody(accepted ...string) (obj, *apiError) {
	if len(accepted) == 0 {
		accepted = []string{"application/json"}
	}
	ct := c.r.Header.Get("Content-Type")
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		ct = ct[:i]
	}
	ct = strings.TrimSpace(strings.ToLower(ct))
	if !slices.Contains(accepted, ct) {
		return nil, errRequest(http.StatusUnsupportedMediaType, fmt.Sprintf("Content-Type %q is not supported for this request", ct))
	}
	data, err := io.ReadAll(io.LimitReader(c.r.Body, 4<<20))
	if err != nil {
		return nil, errRequest(400, "unable to read the request body")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var o obj
	if err := dec.Decode(&o); err != nil || o == nil {
		return nil, errInvalid("The request body is not a valid JSON object")
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errInvalid("The request body holds more than one JSON value")
	}
	return o, nil
}

// contentType returns the request's media type, lower-cased.
func (c *call) contentType() string {
	ct := c.r.Header.Get("Content-Type")
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		ct = ct[:i]
	}
	return strings.TrimSpace(strings.ToLower(ct))
}

// ---- JSON helpers ----

func str(o obj, key string) string {
	s, _ := o[key].(string)
	return s
}

func boolean(o obj, key string) (bool, bool) {
	b, ok := o[key].(bool)
	return b, ok
}

func sub(o obj, key string) obj {
	m, _ := o[key].(map[string]any)
	return m
}

func refID(o obj, key string) string { return str(sub(o, key), "id") }

func number(o obj, key string) (float64, bool) {
	switch v := o[key].(type) {
	case json.Number:
		f, err := v.Float64()
		return f, err == nil
	case float64:
		return v, true
	case int:
		return float64(v), true
	}
	return 0, false
}

// clone deep-copies a JSON value so that stored resources never alias what
// a handler returns or receives. The copy is what a JSON round trip (numbers
// as json.Number) would give back, without the round trip for the values
// JSON decoding makes: every rendered resource is cloned, and through
// encoding/json that was most of the time a list took.
func clone(o obj) obj {
	if o == nil {
		return nil
	}
	out, _ := cloneValue(o).(obj)
	return out
}

func cloneValue(v any) any {
	switch v := v.(type) {
	case nil, bool, json.Number:
		return v
	case string:
		if utf8.ValidString(v) {
			return v
		}
	case map[string]any:
		if v == nil {
			return nil
		}
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = cloneValue(e)
		}
		return out
	case []any:
		if v == nil {
			return nil
		}
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = cloneValue(e)
		}
		return out
	}
	// Any other value (an int a handler stored, a string that is not
	// UTF-8, …) goes through JSON, as it would in a response.
	data, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var out any
	_ = dec.Decode(&out)
	return out
}

// ---- field validation ----

// fieldType is the JSON type a field must have.
type fieldType int

const (
	tString fieldType = iota + 1
	tBool
	tInt
	tObject
	tArray
	tRef // an object with a string id
)

type field struct {
	typ      fieldType
	required bool
	maxLen   int      // strings: maximum length in runes
	enum     []string // strings: allowed values (checked on writes only)
	min, max float64  // numbers: bounds when max > 0
}

// checkFields validates o against fields, in sorted order for stable errors.
func checkFields(o obj, fields map[string]field) *apiError {
	for _, name := range slices.Sorted(maps.Keys(fields)) {
		f := fields[name]
		v, present := o[name]
		if !present || v == nil {
			if f.required {
				return errRequired(name)
			}
			continue
		}
		if e := checkType(name, v, f); e != nil {
			return e
		}
	}
	return nil
}

func checkType(name string, v any, f field) *apiError {
	switch f.typ {
	case tString:
		s, ok := v.(string)
		if !ok {
			return errValue(name, name+" must be a string")
		}
		if f.required && strings.TrimSpace(s) == "" {
			return errInvalid("The request could not be completed. One or more validation errors were in the request.",
				detail{Code: "EMPTY_VALUE", Target: name, Message: name + " must not be empty"})
		}
		if f.maxLen > 0 && len([]rune(s)) > f.maxLen {
			return errInvalid("The request could not be completed. One or more validation errors were in the request.",
				detail{Code: "SIZE_LIMIT_EXCEEDED", Target: name, Message: fmt.Sprintf("%s must be at most %d characters", name, f.maxLen), InnerError: map[string]any{"maximumValue": f.maxLen}})
		}
		if len(f.enum) > 0 && !slices.Contains(f.enum, s) {
			return errInvalid("The request could not be completed. One or more validation errors were in the request.",
				detail{Code: "INVALID_VALUE", Target: name, Message: name + " has an unsupported value", InnerError: map[string]any{"allowedValues": f.enum}})
		}
	case tBool:
		if _, ok := v.(bool); !ok {
			return errValue(name, name+" must be a boolean")
		}
	case tInt:
		n, ok := v.(json.Number)
		if !ok {
			return errValue(name, name+" must be a number")
		}
		i, err := strconv.ParseInt(n.String(), 10, 64)
		if err != nil {
			return errValue(name, name+" must be an integer")
		}
		if f.max > 0 && (float64(i) < f.min || float64(i) > f.max) {
			return errInvalid("The request could not be completed. One or more validation errors were in the request.",
				detail{Code: "OUT_OF_RANGE", Target: name, Message: fmt.Sprintf("%s must be between %v and %v", name, f.min, f.max),
					InnerError: map[string]any{"rangeMinimumValue": f.min, "rangeMaximumValue": f.max}})
		}
	case tObject:
		if _, ok := v.(map[string]any); !ok {
			return errValue(name, name+" must be an object")
		}
	case tArray:
		if _, ok := v.([]any); !ok {
			return errValue(name, name+" must be an array")
		}
	case tRef:
		m, ok := v.(map[string]any)
		if !ok {
			return errValue(name, name+" must be an object with an id")
		}
		if id, ok := m["id"].(string); !ok || id == "" {
			return errRequired(name + ".id")
		}
	}
	return nil
}

// ---- pagination ----

const (
	defaultPageSize = 100
	maxPageSize     = 1000
)

// A cursor is opaque to clients: "s:N" pages after the resource created
// N-th (collections in creation order), "o:N" after the first N items
// (lists computed on the fly).
func encodeCursor(kind byte, n uint64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(string(kind) + ":" + strconv.FormatUint(n, 10)))
}

func decodeCursor(s string) (byte, uint64, bool) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(b) < 3 || b[1] != ':' || (b[0] != 's' && b[0] != 'o') {
		return 0, 0, false
	}
	n, err := strconv.ParseUint(string(b[2:]), 10, 63)
	return b[0], n, err == nil
}

// listSpec says how a collection is listed.
type listSpec struct {
	embedded string
	filter   *scimfilter.Rules // nil: no filter accepted
	paged    bool              // limit and cursor accepted
	// seq, when set, numbers the items in their (ascending) order, so that
	// cursors survive deletions; see store.seqFunc.
	seq func(o obj) uint64
	// ascending says that the items come in ascending seq order (a
	// collection never reordered, such as users'), so that a cursor is
	// found by binary search.
	ascending bool
	// view renders one stored resource for output (nil: as stored).
	view func(c *call, o obj) obj
	// render, when set, is view for a rendering that is not an obj (an
	// overlay).
	render func(c *call, o obj) any
}

// serveList filters, pages and renders items as a HAL collection.
func (c *call) serveList(items []obj, spec listSpec) {
	q := c.r.URL.Query()
	if f := q.Get("filter"); f != "" {
		if spec.filter == nil {
			c.fail(errInvalid("Filtering is not supported on this resource",
				detail{Code: "INVALID_FILTER", Target: "filter", Message: "filter is not supported"}))
			return
		}
		n, err := scimfilter.Parse(f)
		if err != nil {
			c.fail(errInvalid("Invalid filter", detail{Code: "INVALID_FILTER", Target: "filter", Message: err.Error()}))
			return
		}
		if err := scimfilter.Check(n, *spec.filter); err != nil {
			d := detail{Code: "INVALID_FILTER", Target: "filter", Message: err.Error()}
			if ue, ok := err.(*scimfilter.UnsupportedError); ok {
				d.InnerError = map[string]any{"supportedAttributes": ue.SupportedAttributes, "supportedOperators": ue.SupportedOperators}
			}
			c.fail(errInvalid("Invalid filter", d))
			return
		}
		kept := items[:0:0]
		for _, it := range items {
			if scimfilter.Eval(n, it) {
				kept = append(kept, it)
			}
		}
		items = kept
	}
	limit, offset := len(items), 0
	if spec.paged {
		limit = defaultPageSize
		if l := q.Get("limit"); l != "" {
			n, err := strconv.Atoi(l)
			if err != nil || n < 1 || n > maxPageSize {
				c.fail(errInvalid("Invalid limit", detail{Code: "INVALID_PARAMETER", Target: "limit", Message: "limit must be between 1 and 1000",
					InnerError: map[string]any{"rangeMinimumValue": 1, "rangeMaximumValue": maxPageSize}}))
				return
			}
			limit = n
		}
		if cur := q.Get("cursor"); cur != "" {
			kind, n, ok := decodeCursor(cur)
			if !ok || (kind == 's') != (spec.seq != nil) {
				c.fail(errInvalid("Invalid cursor", detail{Code: "INVALID_PARAMETER", Target: "cursor", Message: "cursor is not valid"}))
				return
			}
			if kind == 's' && spec.ascending {
				offset = sort.Search(len(items), func(i int) bool { return spec.seq(items[i]) > n })
			} else if kind == 's' {
				offset = len(items)
				for i, it := range items {
					if spec.seq(it) > n {
						offset = i
						break
					}
				}
			} else {
				offset = int(min(n, uint64(len(items))))
			}
		}
	}
	total := len(items)
	end := min(offset+limit, total)
	page := []obj{}
	if offset < total {
		page = items[offset:end]
	}
	out := make([]any, 0, len(page))
	for _, it := range page {
		switch {
		case spec.render != nil:
			out = append(out, spec.render(c, it))
			continue
		case spec.view != nil:
			it = spec.view(c, it)
		}
		out = append(out, it)
	}
	self := c.r.URL.Path
	if c.r.URL.RawQuery != "" {
		self += "?" + c.r.URL.RawQuery
	}
	links := map[string]any{"self": map[string]any{"href": c.origin() + self}}
	if spec.paged && end < total {
		nq := c.r.URL.Query()
		if spec.seq != nil {
			nq.Set("cursor", encodeCursor('s', spec.seq(items[end-1])))
		} else {
			nq.Set("cursor", encodeCursor('o', uint64(end)))
		}
		nq.Set("limit", strconv.Itoa(limit))
		links["next"] = map[string]any{"href": c.origin() + c.r.URL.Path + "?" + nq.Encode()}
	}
	writeJSON(c.w, 200, collection(links, spec.embedded, out, total))
}

// decorate adds the fields every resource carries: id, environment and the
// self link.
func (c *call) decorate(o obj, selfPath string) obj {
	o = clone(o)
	links, _ := o["_links"].(map[string]any)
	if links == nil {
		links = map[string]any{}
	}
	links["self"] = map[string]any{"href": c.selfURL(selfPath)}
	o["_links"] = links
	return o
}

func equalFold(a, b string) bool { return strings.EqualFold(a, b) }

// readChecked reads a JSON body (see readBody) and checks it against
// fields; on a problem it answers the error and reports false.
func (c *call) readChecked(fields map[string]field, accepted ...string) (obj, bool) {
	body, e := c.readBody(accepted...)
	if e == nil {
		e = checkFields(body, fields)
	}
	if e != nil {
		c.fail(e)
		return nil, false
	}
	return body, true
}
