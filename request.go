package pingone

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/pingone-go/pingone/scim"
)

// This file is the one request path: every family describes a call with a
// [call] (its name, its route with each ID named, its options and body) and
// sends it with send, sendNoContent, listPage or listAll. The IDs are
// checked and escaped here, argument errors name the method and the
// argument here, and responses are decoded here.

// service is the state every service shares: the core and, for
// environment-scoped services, the environment ID.
type service struct {
	core  *core
	envID string
}

// call describes one API call.
type call struct {
	// op names the method for errors: "Users.Get".
	op string
	// route is the method and path template, exactly as the action's
	// //pingone:operation directive writes it:
	// "GET /environments/{environmentID}/users/{userID}". The service's
	// environment fills {environmentID}; ids fill the other parameters, in
	// order.
	route string
	ids   []string
	// opts adds query parameters; a nil pointer adds none.
	opts queryOptions
	// body is encoded as JSON (with contentType, when set), unless raw is
	// set (multipart).
	body        any
	raw         []byte
	contentType string
	// authHost sends the call to the auth host (userinfo).
	authHost bool
	// key is the _embedded key of a list's items.
	key string
	// assignsRole marks a role assignment's create: for a while after it,
	// a 403 may be the role not yet in effect (consistency.go).
	assignsRole bool
}

// queryOptions are the options of a call that become query parameters. The
// options types implement it with value receivers; a nil pointer adds
// nothing.
type queryOptions interface {
	addQuery(q url.Values) error
}

// pagedOptions are list options: their embedded ListOptions says how to
// page.
type pagedOptions interface {
	queryOptions
	listOptions() ListOptions
}

// routeParts is a parsed route.
type routeParts struct {
	method string
	parts  []string // literal segments, and parameter names in braces
	params []string // the parameter names after environmentID
	env    bool     // the first parameter is {environmentID}
}

var routeCache sync.Map // route string → *routeParts

func parseRoute(route string) *routeParts {
	if rp, ok := routeCache.Load(route); ok {
		return rp.(*routeParts)
	}
	method, path, _ := strings.Cut(route, " ")
	rp := &routeParts{method: method, parts: strings.Split(strings.Trim(path, "/"), "/")}
	for _, p := range rp.parts {
		if name, ok := paramName(p); ok {
			if name == "environmentID" && len(rp.params) == 0 && !rp.env {
				rp.env = true
				continue
			}
			rp.params = append(rp.params, name)
		}
	}
	routeCache.Store(route, rp)
	return rp
}

func paramName(seg string) (string, bool) {
	if len(seg) > 2 && seg[0] == '{' && seg[len(seg)-1] == '}' {
		return seg[1 : len(seg)-1], true
	}
	return "", false
}

// path builds the escaped path of c, checking every ID.
func (s *service) routePath(c *call, rp *routeParts) (string, error) {
	ids := c.ids
	if rp.env {
		ids = append([]string{s.envID}, ids...)
		if s.envID == "" && len(c.ids) == len(rp.params)+1 {
			ids = c.ids // a client-level call that names its environment
		}
	}
	var b strings.Builder
	i := 0
	for _, p := range rp.parts {
		b.WriteByte('/')
		name, ok := paramName(p)
		if !ok {
			b.WriteString(p)
			continue
		}
		if i >= len(ids) {
			return "", &ArgumentError{Method: c.op, Name: name, Problem: "is required"}
		}
		if err := checkID(c.op, name, ids[i]); err != nil {
			return "", err
		}
		b.WriteString(url.PathEscape(ids[i]))
		i++
	}
	return b.String(), nil
}

// checkID refuses an empty ID (which would turn a call on one resource into
// a call on its collection) and the dot segments "." and "..", which a
// proxy would resolve into a call on another resource.
func checkID(op, name, id string) error {
	switch id {
	case "":
		return &ArgumentError{Method: op, Name: name, Problem: "is required"}
	case ".", "..":
		return &ArgumentError{Method: op, Name: name, Problem: "is not a valid ID: " + id}
	}
	return nil
}

// require reports an empty required request field before anything is sent.
func requireFields(op string, fields ...string) error {
	for i := 0; i+1 < len(fields); i += 2 {
		if fields[i+1] == "" {
			return &ArgumentError{Method: op, Name: fields[i], Problem: "is required"}
		}
	}
	return nil
}

// argError names the method in an argument error from a family's own
// checks.
func argError(op string, err error) error {
	if ae, ok := err.(*ArgumentError); ok && ae.Method == "" {
		cp := *ae
		cp.Method = op
		return &cp
	}
	return err
}

// build resolves c into a request: method, URL, query and body.
func (s *service) build(c *call) (*request, error) {
	rp := parseRoute(c.route)
	path, err := s.routePath(c, rp)
	if err != nil {
		return nil, err
	}
	r := &request{op: c.op, method: rp.method, path: path, auth: c.authHost, body: c.body, rawBody: c.raw, contentType: c.contentType, assignsRole: c.assignsRole}
	r.addressed = path
	if _, item := paramName(rp.parts[len(rp.parts)-1]); !item {
		r.addressed = path[:strings.LastIndexByte(path, '/')] // a collection: its owner
	}
	if c.opts != nil && !isNilPointer(c.opts) {
		q := url.Values{}
		if err := c.opts.addQuery(q); err != nil {
			return nil, argError(c.op, err)
		}
		if len(q) > 0 {
			r.query = q
		}
	}
	return r, nil
}

func isNilPointer(v any) bool {
	rv := reflect.ValueOf(v)
	return rv.Kind() == reflect.Pointer && rv.IsNil()
}

// send makes the call and decodes the resource it returns.
func send[T any](ctx context.Context, s *service, c call) (*T, error) {
	r, err := s.build(&c)
	if err != nil {
		return nil, err
	}
	out := new(T)
	r.out = out
	if err := s.core.send(ctx, r); err != nil {
		return nil, err
	}
	return out, nil
}

// sendNoContent makes a call whose answer has no body worth reading.
func sendNoContent(ctx context.Context, s *service, c call) error {
	r, err := s.build(&c)
	if err != nil {
		return err
	}
	return s.core.send(ctx, r)
}

// listPage fetches one page: the first, or the one a saved link points at.
// (The generic functions of paging only convert: the work is done once, by
// functions that are not instantiated per item type.)
func listPage[T any](ctx context.Context, s *service, c call) (*Page[T], error) {
	ap, err := listPageAny(ctx, s, c, pageOf[T]{})
	if err != nil {
		return nil, err
	}
	return ap.p.(*Page[T]), nil
}

func listPageAny(ctx context.Context, s *service, c call, dec pageDecoder) (anyPage, error) {
	lo := pagedListOptions(c)
	r, err := s.build(&c)
	if err != nil {
		return anyPage{}, err
	}
	ap, _, err := fetchPage(ctx, s, r, c.key, lo, pageHints{}, dec)
	return ap, err
}

// pagedListOptions returns the paging options of a call (zero if it has none).
func pagedListOptions(c call) ListOptions {
	if po, ok := c.opts.(pagedOptions); ok && !isNilPointer(po) {
		return po.listOptions()
	}
	return ListOptions{}
}

// anyPage is a *Page[T] with what a walk needs to know of it.
type anyPage struct {
	p    any // *Page[T]
	next string
	n    int // items
}

// pageDecoder decodes a page body (nil: no body, an empty page). (An
// interface held by a zero-size pageOf: a generic function's value would
// be allocated.)
type pageDecoder interface {
	decodePage(data []byte, key string, sizeHint int) (anyPage, error)
}

// pageOf decodes pages of T.
type pageOf[T any] struct{}

func (pageOf[T]) decodePage(data []byte, key string, sizeHint int) (anyPage, error) {
	if data == nil {
		return anyPage{p: &Page[T]{}}, nil
	}
	p, err := decodePage[T](data, key, sizeHint)
	if err != nil {
		return anyPage{}, err
	}
	return anyPage{p: p, next: p.Next, n: len(p.Items)}, nil
}

// pageHints are what a walk learned from the page before: the size of its
// body and its number of items, so that the next page's body buffer and
// items are allocated once, at about the right size.
type pageHints struct{ body, items int }

// fetchPage fetches the page r (or lo.StartFrom) and returns it with the
// hints for the page after it.
func fetchPage(ctx context.Context, s *service, r *request, key string, lo ListOptions, h pageHints, dec pageDecoder) (anyPage, pageHints, error) {
	if lo.StartFrom != "" {
		u, err := url.Parse(lo.StartFrom)
		if err != nil || !u.IsAbs() {
			return anyPage{}, h, &ArgumentError{Method: r.op, Name: "StartFrom", Problem: "is not an absolute link"}
		}
		r.path, r.query = lo.StartFrom, nil
	}
	r.sizeHint = h.body
	items := lo.Limit
	if items == 0 {
		items = h.items
	}
	var ap anyPage
	r.decode = func(data []byte) (err error) {
		if data != nil {
			h.body = len(data)
		}
		ap, err = dec.decodePage(data, key, items)
		return err
	}
	if err := s.core.send(ctx, r); err != nil {
		return anyPage{}, h, err
	}
	if ap.p == nil {
		ap, _ = dec.decodePage(nil, key, 0)
	}
	h.items = ap.n
	return ap, h, nil
}

// maxEmptyPages bounds the pages in a row that hold no item yet link to
// another: a server that keeps handing out new links to empty pages would
// otherwise hold a walk forever.
const maxEmptyPages = 10

// pageWalk checks the links a walk follows.
type pageWalk struct {
	op    string
	last  string          // the link of the page just read ("" for the first)
	seen  map[string]bool // the links followed
	empty int             // pages in a row with no item
}

// advance checks the link a page of n items leads to: it returns "" when
// the walk ends there, and an error when the link goes back to a page
// already read or when too many empty pages in a row link on.
func (w *pageWalk) advance(next string, n int) (string, error) {
	if next == "" {
		return "", nil
	}
	if next == w.last || w.seen[next] {
		return "", fmt.Errorf("pingone: %s: the next link goes back to a page already read", w.op)
	}
	if n == 0 {
		if w.empty++; w.empty >= maxEmptyPages {
			return "", fmt.Errorf("pingone: %s: %d pages in a row held no item but linked to another: stopping", w.op, w.empty)
		}
	} else {
		w.empty = 0
	}
	if w.seen == nil {
		w.seen = map[string]bool{}
	}
	w.seen[next] = true
	w.last = next
	return next, nil
}

// mayFollow reports whether advance could accept next before the page that
// leads there is decoded: it is new, and the page can't be the one that
// ends a run of empty pages.
func (w *pageWalk) mayFollow(next string) bool {
	return next != "" && next != w.last && !w.seen[next] && w.empty+1 < maxEmptyPages
}

// fetched is a page fetched ahead, with what its call answered.
type fetched struct {
	p     anyPage
	hints pageHints
	err   error
	resp  Response
}

// listAll walks every page lazily: nothing is fetched before the loop
// starts, the options are read once, one page is held at a time (two with
// ListOptions.Prefetch), fetching stops when the loop breaks, and an error
// is yielded once, after the items of the pages before it, and ends the
// sequence. The caller's ctx is used for every page.
func listAll[T any](ctx context.Context, s *service, c call) iter.Seq2[*T, error] {
	l := newPageLister(ctx, s, c, pageOf[T]{})
	return func(yield func(*T, error) bool) {
		err := l.walk(func(page any) bool {
			p := page.(*Page[T])
			for i := range p.Items {
				if !yield(&p.Items[i], nil) {
					return false
				}
			}
			return true
		})
		if err != nil {
			yield(nil, err)
		}
	}
}

// pageLister is listAll's walk, with the options read once.
type pageLister struct {
	ctx      context.Context
	s        *service
	op, key  string
	lo       ListOptions
	first    *request // later changes to the caller's options have no effect
	dec      pageDecoder
	buildErr error
}

func newPageLister(ctx context.Context, s *service, c call, dec pageDecoder) *pageLister {
	l := &pageLister{ctx: ctx, s: s, op: c.op, key: c.key, lo: pagedListOptions(c), dec: dec}
	l.first, l.buildErr = s.build(&c)
	return l
}

// fetch fetches the page at link ("" for the first), decoded by dec.
func (l *pageLister) fetch(ctx context.Context, link string, h pageHints, dec pageDecoder) (anyPage, pageHints, error) {
	r := *l.first
	o := l.lo
	o.StartFrom = link
	return fetchPage(ctx, l.s, &r, l.key, o, h, dec)
}

// walk hands each page to each, and returns the error that ends the walk
// (nil at the end, or when each returns false).
func (l *pageLister) walk(each func(page any) bool) error {
	if l.buildErr != nil {
		return l.buildErr
	}
	if l.lo.Prefetch {
		return prefetchAll(l, each)
	}
	w := pageWalk{op: l.op, last: l.lo.StartFrom}
	link, h := l.lo.StartFrom, pageHints{}
	for {
		p, hints, err := l.fetch(l.ctx, link, h, l.dec)
		if err != nil {
			return err
		}
		link, err = w.advance(p.next, p.n)
		if !each(p.p) {
			return nil
		}
		if err != nil {
			return err
		}
		if link == "" {
			return nil
		}
		h = hints
	}
}

// prefetchAll is listAll fetching one page ahead: while the caller works
// on the items of a page, a goroutine fetches and decodes the next one.
// The request for that next page leaves as soon as the caller has moved on
// to the page before it and that page's next link is known, which is when
// its body is in: the contract's EntityArray orders _links before
// _embedded, and a body in that order gives its next link before its items
// are decoded (leadingNextLink), so the next request overlaps the decoding
// of the page before it instead of waiting for it. A body in another order
// is decoded first, then followed. Breaking out of the loop, an error or
// the end of ctx cancels the fetches under way and waits for their
// goroutines, so none is left behind. A Response given with
// ContextWithResponse describes the page whose items are being yielded.
func prefetchAll(l *pageLister, each func(page any) bool) error {
	ctx, cancel := context.WithCancel(l.ctx)
	callerResp, _ := ctx.Value(responseKey{}).(*Response)
	w := pageWalk{op: l.op, last: l.lo.StartFrom}
	cur := l.fetchAhead(ctx, l.lo.StartFrom, pageHints{})
	var next *aheadFetch // the page after cur, once its request has left
	defer func() {
		cancel()
		cur.wait()
		if next != nil {
			next.wait()
		}
	}()
	for {
		if next == nil && !cur.got {
			select {
			case e := <-cur.early:
				if w.mayFollow(e.link) {
					next = l.fetchAhead(ctx, e.link, pageHints{body: e.body, items: cur.hints.items})
				}
			case f := <-cur.done:
				cur.f, cur.got = f, true
			}
		}
		f := cur.wait()
		if f.err != nil {
			return f.err
		}
		if callerResp != nil {
			*callerResp = f.resp
		}
		link, err := w.advance(f.p.next, f.p.n)
		if next != nil && next.link != link {
			// The link read early is not the one the decoded page
			// leads to (the page ended the walk, or said two
			// different things): the fetch started on it is dropped.
			next.cancel()
			next.wait()
			next = nil
		}
		if next == nil && link != "" {
			next = l.fetchAhead(ctx, link, f.hints)
		}
		if !each(f.p.p) {
			return nil
		}
		if err != nil {
			return err
		}
		if link == "" {
			return nil
		}
		cur, next = next, nil
	}
}

// aheadFetch is a page being fetched by a goroutine of prefetchAll.
type aheadFetch struct {
	link   string
	hints  pageHints // what the fetch was given (the page before's)
	cancel context.CancelFunc
	early  chan earlyLink // the next link read before the body is decoded (at most one)
	done   chan fetched   // the page (exactly one)
	f      fetched
	got    bool // f was received from done
}

// earlyLink is the next link of a body not yet decoded, and the body's size.
type earlyLink struct {
	link string
	body int
}

// fetchAhead starts fetching the page at link in a goroutine. The
// goroutine's answer goes to a Response of its own: the caller's is filled
// when the page is handed over.
func (l *pageLister) fetchAhead(ctx context.Context, link string, h pageHints) *aheadFetch {
	a := &aheadFetch{link: link, hints: h, early: make(chan earlyLink, 1), done: make(chan fetched, 1)}
	ctx, a.cancel = context.WithCancel(ctx)
	go func() {
		defer a.cancel()
		var f fetched
		f.p, f.hints, f.err = l.fetch(context.WithValue(ctx, responseKey{}, &f.resp), link, h, earlyLinkDecoder{l.dec, a.early})
		a.done <- f
	}()
	return a
}

// wait returns the fetched page, waiting for the goroutine if need be.
func (a *aheadFetch) wait() fetched {
	if !a.got {
		a.f, a.got = <-a.done, true
	}
	return a.f
}

// earlyLinkDecoder is a pageDecoder that first sends the body's next link,
// when leadingNextLink finds one, to early.
type earlyLinkDecoder struct {
	dec   pageDecoder
	early chan<- earlyLink
}

func (d earlyLinkDecoder) decodePage(data []byte, key string, sizeHint int) (anyPage, error) {
	if link, ok := leadingNextLink(data); ok {
		select {
		case d.early <- earlyLink{link: link, body: len(data)}:
		default: // one early link per fetch
		}
	}
	return d.dec.decodePage(data, key, sizeHint)
}

// leadingNextLink reads the next link of a page body when its _links come
// before _embedded, as the contract orders them: only the members before
// _embedded are read, so it costs next to nothing. ok is false when the
// link can't be known that way (no _links before _embedded, a body that is
// not an object, a link that is not one, or no next link); the decoded page
// says then.
func leadingNextLink(data []byte) (link string, ok bool) {
	if data == nil {
		return "", false
	}
	d := getWireDecoder(data)
	defer putWireDecoder(d)
	if expectObject(d.dec) != nil {
		return "", false
	}
	for d.dec.PeekKind() == '"' {
		name, err := d.name()
		if err != nil {
			return "", false
		}
		switch string(name) {
		case "_embedded":
			return "", false
		case "_links":
			raw, err := d.dec.ReadValue()
			if err != nil {
				return "", false
			}
			link, err := nextLink(raw)
			return link, err == nil && link != ""
		}
		if d.dec.SkipValue() != nil {
			return "", false
		}
	}
	return "", false
}

// byName finds the one item of all whose name is name. No item is an
// error matching [ErrNotFound]; more than one is an error that lists their
// IDs, since a name is not an identity.
func byName[T any](op, what, name string, all iter.Seq2[*T, error], nameOf, idOf func(*T) string) (*T, error) {
	if name == "" {
		return nil, &ArgumentError{Method: op, Name: "name", Problem: "is required"}
	}
	var found *T
	var ids []string
	for item, err := range all {
		if err != nil {
			return nil, err
		}
		if nameOf(item) != name {
			continue
		}
		if found == nil {
			found = item
		}
		ids = append(ids, idOf(item))
	}
	switch len(ids) {
	case 0:
		return nil, &notFoundError{op: op, what: what, name: name}
	case 1:
		return found, nil
	}
	return nil, fmt.Errorf("pingone: %s: %d %ss are named %q (IDs %s): use an ID", op, len(ids), what, name, strings.Join(ids, ", "))
}

// nameKey is the natural key of a create whose resource is known by its
// name: all lists the resources (filtered server-side where the list can),
// and the ones named exactly name are the matches (see sendCreate).
func nameKey[T any](all func(ctx context.Context) iter.Seq2[*T, error], name string, nameOf func(*T) string, createdAt func(*T) time.Time) naturalKey[T] {
	return naturalKey[T]{
		matches: func(ctx context.Context) iter.Seq2[*T, error] {
			return func(yield func(*T, error) bool) {
				for item, err := range all(ctx) {
					if err != nil || nameOf(item) == name {
						if !yield(item, err) || err != nil {
							return
						}
					}
				}
			}
		},
		createdAt: createdAt,
	}
}

// filterQuery adds a built filter to q, reporting a filter that failed to
// build.
func filterQuery(q url.Values, f scim.Filter) error {
	if err := f.Err(); err != nil {
		return &ArgumentError{Name: "Filter", Problem: "is invalid: " + err.Error()}
	}
	if !f.IsZero() {
		q.Set("filter", f.String())
	}
	return nil
}

// ---- the exchange ----

// request is one built call, ready to send.
type request struct {
	op          string
	method      string
	path        string // API path ("/environments/…"), or a full URL when absolute
	query       url.Values
	body        any    // encoded as JSON unless rawBody is set
	rawBody     []byte // a body already encoded (multipart)
	contentType string // overrides application/json
	auth        bool   // path is on the auth host
	out         any    // decoded from a 2xx body when non-nil
	// decode, when set, reads a 2xx body instead of out. The bytes are
	// only valid during the call.
	decode func(data []byte) error
	// addressed is the path of the resource the request is about (for a
	// collection, its owner's): read-after-write keys on it.
	addressed   string
	assignsRole bool
	// sizeHint is the size the body is expected to have when the response
	// does not say (a walk's previous page), 0 when unknown.
	sizeHint int
}

// callState travels in the request context through the retrying transport:
// the method (for the retry decision), the attempts made, and what the
// attempts saw. One budget (RetryPolicy.MaxRetries) covers every reason to
// send again: a status, a broken connection or a body cut short.
type callState struct {
	method   string
	path     string
	attempts int       // attempts that reached the wire
	sent     time.Time // when the last attempt left the limiter for the wire
	// heldBack: the last attempt was throttled and the limiter holds the
	// retry back itself (no retry policy wait).
	heldBack bool
	bearer   string    // the access token of the last attempt (never logged)
	renewed  bool      // the token was renewed once after a 401
	acted    bool      // an earlier attempt may have been acted on (5xx, 408, connection lost)
	last     *APIError // the last retryable answer, for an error when ctx ends while waiting
	// lagUntil is when the latest write to the resource the request
	// addresses leaves the read-after-write window, refUntil the same for
	// the resources its body refers to, roleUntil for the last role
	// assigned (zero: not recent).
	lagUntil, refUntil, roleUntil time.Time
	windowRetries                 int
}

type callStateKey struct{}

func stateFrom(ctx context.Context) *callState {
	st, _ := ctx.Value(callStateKey{}).(*callState)
	return st
}

// maxSuccessBody bounds a 2xx body (a page of 1,000 users is about 1 MiB).
const maxSuccessBody = 64 << 20

// bufPool holds the buffers small response bodies are read into (one
// resource, a short page), saving an allocation per call. A buffer that grew
// beyond maxPooledBuffer is dropped after its call: a pooled buffer survives
// a garbage collection, so one that had held a page would keep a page's
// worth of memory live beside the decoded page, and after it. A larger body
// is read into a buffer of about its size (from its Content-Length, or the
// size of a walk's previous page), garbage once decoded.
var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

const maxPooledBuffer = 64 << 10

// getBuffer returns an empty buffer from the pool; putBuffer gives it back
// unless it grew beyond maxPooledBuffer.
func getBuffer() *bytes.Buffer { return bufPool.Get().(*bytes.Buffer) }

func putBuffer(b *bytes.Buffer) {
	if b.Cap() <= maxPooledBuffer {
		b.Reset()
		bufPool.Put(b)
	}
}

// send performs the request and decodes a 2xx body (into r.out, or with
// r.decode).
func (c *core) send(ctx context.Context, r *request) error {
	if ctx == nil {
		return &ArgumentError{Method: r.op, Name: "ctx", Problem: "is required"}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	u, err := c.resolve(r)
	if err != nil {
		return err
	}
	var body []byte
	contentType := r.contentType
	switch {
	case r.rawBody != nil:
		body = r.rawBody
	case r.body != nil:
		body, err = encodeJSON(r.body)
		if err != nil {
			return fmt.Errorf("pingone: %s: encoding the request: %w", r.op, err)
		}
		if contentType == "" {
			contentType = "application/json"
		}
	}
	st := &callState{method: r.method, path: u.Path}
	now := time.Now()
	if c.readAfterWrite > 0 {
		addressed, refs := lagKeys(r, body)
		st.lagUntil = c.recent.until(now, c.readAfterWrite, addressed)
		st.refUntil = c.recent.until(now, c.readAfterWrite, refs)
	}
	if c.propagation > 0 {
		if until := roleAssignedUntil(c.apiURL.Host, c.propagation); until.After(now) {
			st.roleUntil = until
		}
	}
	ctx = context.WithValue(ctx, callStateKey{}, st)
	var bodyReader any
	if body != nil {
		bodyReader = body
	}
	req, err := retryablehttp.NewRequestWithContext(ctx, r.method, u.String(), bodyReader)
	if err != nil {
		return fmt.Errorf("pingone: %s: building the request: %w", r.op, err)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	c.audit.merge(auditFrom(ctx)).apply(req.Header)

	buf := getBuffer()
	defer putBuffer(buf)
	var resp *http.Response
	for bodyTries := 0; ; bodyTries++ {
		var readErr error
		resp, readErr, err = c.exchange(req, buf, r.sizeHint)
		if err != nil {
			if apiErr, ok := err.(*APIError); ok {
				// A token PingOne rejects before its expiry (revoked, or a
				// clock out of step) is renewed once and the request sent
				// again: PingOne did not act on it. Every caller whose
				// request carried the rejected token waits for the same
				// renewal.
				if apiErr.StatusCode == http.StatusUnauthorized && !st.renewed && c.tokens != nil && st.bearer != "" {
					st.renewed = true
					c.tokens.invalidate(st.bearer)
					if tok, terr := c.tokens.tokenCtx(ctx); terr == nil && tok.AccessToken != st.bearer {
						continue
					}
				}
				// A DELETE sent again after an answer was lost (a 502, a
				// broken connection) finds the resource gone: the first
				// attempt deleted it.
				if r.method == http.MethodDelete && apiErr.StatusCode == http.StatusNotFound && st.acted {
					fillResponse(ctx, apiErr.StatusCode, nil, st)
					return nil
				}
				apiErr.Method, apiErr.Path, apiErr.Attempts = r.method, u.Path, max(st.attempts, 1)
				return apiErr
			}
			if ctxErr := ctx.Err(); ctxErr != nil {
				return endedWhileRetrying(ctxErr, st, r.method, u.Path)
			}
			var le *limiterError
			if errors.As(err, &le) {
				if st.last != nil {
					// A retry the limiter held back past the deadline:
					// the error says what the server last answered.
					return endedWhileRetrying(le, st, r.method, u.Path)
				}
				return &TransportError{Method: r.method, Path: u.Path, Attempts: st.attempts, Err: le}
			}
			return &TransportError{Method: r.method, Path: u.Path, Attempts: st.attempts, Err: tokenErr(unwrapURLError(err))}
		}
		if readErr == nil {
			break
		}
		if ctxErr := ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		// The connection broke in the middle of the body. A request that
		// is safe to repeat is sent again, within the same retry budget.
		if !idempotent(r.method) || st.attempts-st.windowRetries > c.retry.MaxRetries {
			return &TransportError{Method: r.method, Path: u.Path, Attempts: max(st.attempts, 1), Err: fmt.Errorf("reading response body: %w", readErr)}
		}
		st.acted = true
		wait, _ := c.retry.wait(bodyTries, nil)
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return ctx.Err()
		case <-timer.C:
		}
	}
	fillResponse(ctx, resp.StatusCode, resp.Header, st)
	if buf.Len() > maxSuccessBody {
		return &TransportError{Method: r.method, Path: u.Path, Attempts: max(st.attempts, 1), Err: errors.New("response body over 64 MiB")}
	}
	c.noteWrite(r, buf.Bytes())
	data := buf.Bytes()
	if len(bytes.TrimSpace(data)) == 0 {
		if r.decode != nil {
			return r.decode(nil)
		}
		return nil
	}
	switch {
	case r.decode != nil:
		err = r.decode(data)
	case r.out != nil:
		err = decodeJSON(data, r.out)
	}
	if err != nil {
		return &DecodeError{Method: r.method, Path: u.Path, Status: resp.StatusCode, Err: err}
	}
	return nil
}

// exchange sends req (with retries) and reads a 2xx body into buf, sized
// first from the Content-Length or else from sizeHint. It returns the
// response, an error reading the body (the connection broke), or the error
// of the exchange: an *APIError for a non-2xx status.
func (c *core) exchange(req *retryablehttp.Request, buf *bytes.Buffer, sizeHint int) (*http.Response, error, error) {
	resp, err := c.rc.Do(req)
	if err != nil {
		if resp != nil {
			resp.Body.Close()
		}
		return nil, nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		data, _ := readErrorBody(resp)
		return resp, nil, newAPIError("", "", resp, data, 0)
	}
	buf.Reset()
	body := limitReader(resp.Body, maxSuccessBody+1)
	switch {
	case resp.ContentLength > 0 && resp.ContentLength <= maxSuccessBody:
		buf.Grow(int(resp.ContentLength) + bytes.MinRead)
	case sizeHint > 0 && sizeHint <= maxSuccessBody:
		// A page is seldom much larger than the one before it; one a
		// little larger still fits.
		buf.Grow(sizeHint + sizeHint/8 + bytes.MinRead)
	default:
		return resp, readUnsized(body, buf), nil
	}
	_, readErr := buf.ReadFrom(body)
	return resp, readErr, nil
}

// readUnsized reads a body of unknown size into buf: a small one directly,
// a larger one in chunks copied at the end into one allocation of its size.
// (Growing buf as the bytes come would allocate about twice the body, and
// leave buf with up to twice the room the body needs.)
func readUnsized(r io.Reader, buf *bytes.Buffer) error {
	const chunkSize = maxPooledBuffer
	if _, err := buf.ReadFrom(io.LimitReader(r, chunkSize/2)); err != nil || buf.Len() < chunkSize/2 {
		return err
	}
	var chunks [][]byte
	total := buf.Len()
	for {
		c := make([]byte, chunkSize)
		n, err := io.ReadFull(r, c)
		if n > 0 {
			chunks = append(chunks, c[:n])
			total += n
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if err != nil {
			return err
		}
	}
	out := append(make([]byte, 0, total), buf.Bytes()...)
	for _, c := range chunks {
		out = append(out, c...)
	}
	*buf = *bytes.NewBuffer(out)
	return nil
}

// resolve turns a request's path into a URL on the API or auth host.
func (c *core) resolve(r *request) (*url.URL, error) {
	if strings.HasPrefix(r.path, "https://") || strings.HasPrefix(r.path, "http://") {
		u, err := url.Parse(r.path)
		if err != nil {
			return nil, fmt.Errorf("pingone: %s: bad URL: %w", r.op, err)
		}
		if !c.sameAPIHost(u) {
			return nil, fmt.Errorf("pingone: %s: refusing to follow a link off the API host %s: %s", r.op, c.apiURL.Host, u.Host)
		}
		if r.query != nil {
			q := u.Query()
			for k, v := range r.query {
				q[k] = v
			}
			u.RawQuery = q.Encode()
		}
		return u, nil
	}
	base := c.apiURL
	if r.auth {
		base = c.authURL
	}
	u := *base
	u.RawPath = ""
	u.Path = base.Path + unescapedPath(r.path)
	u.RawPath = base.EscapedPath() + r.path
	if r.query != nil {
		u.RawQuery = r.query.Encode()
	}
	return &u, nil
}

func unescapedPath(p string) string {
	s, err := url.PathUnescape(p)
	if err != nil {
		return p
	}
	return s
}

// sameAPIHost reports whether u is on the configured API host and under its
// base path: pagination links are only followed there, so that a tampered
// link cannot send the bearer token elsewhere.
func (c *core) sameAPIHost(u *url.URL) bool {
	return strings.EqualFold(u.Scheme, c.apiURL.Scheme) &&
		strings.EqualFold(u.Host, c.apiURL.Host) &&
		strings.HasPrefix(u.EscapedPath(), c.apiURL.EscapedPath()+"/")
}

// noteWrite remembers what a successful write created or changed, for
// read-after-write (consistency.go).
func (c *core) noteWrite(r *request, body []byte) {
	if r.addressed == "" {
		return
	}
	now := time.Now()
	switch r.method {
	case http.MethodPost:
		if r.assignsRole {
			noteRoleAssigned(c.apiURL.Host, now)
		}
		if c.readAfterWrite > 0 {
			if id := writtenID(body); id != "" {
				// The new resource, by path and by ID (later bodies refer
				// to it by ID).
				c.recent.note(now, c.readAfterWrite, r.path+"/"+url.PathEscape(id), id)
			}
		}
	case http.MethodPut, http.MethodPatch:
		if c.readAfterWrite > 0 {
			c.recent.note(now, c.readAfterWrite, r.path)
		}
	case http.MethodDelete:
		c.recent.forget(r.path, r.path[strings.LastIndexByte(r.path, '/')+1:])
	}
}

// logInfo logs an info record when the client has a logger.
func (c *core) logInfo(ctx context.Context, msg string, args ...any) {
	if c.logger != nil {
		c.logger.InfoContext(ctx, msg, args...)
	}
}

// logDebug logs a debug record when the client has a logger.
func (c *core) logDebug(ctx context.Context, msg string, args ...any) {
	if c.logger != nil {
		c.logger.DebugContext(ctx, msg, args...)
	}
}

// ---- response metadata ----

// Response describes the HTTP answer to a successful call: see
// [ContextWithResponse]. (A failed call's answer is on its [*APIError].)
type Response struct {
	// StatusCode is the HTTP status, such as 200, 201 or 204.
	StatusCode int
	// Header holds the response headers.
	Header http.Header
	// CorrelationID is PingOne's Correlation-Id header: quote it to Ping
	// support with the time of the call.
	CorrelationID string
	// Attempts is how many times the request was sent, retries included.
	Attempts int
	// Recovered reports a create whose answer was lost and whose resource
	// was found by its natural key (see [WithSafeCreates]).
	Recovered bool
}

type responseKey struct{}

// ContextWithResponse returns a context whose calls fill *r with the
// answer to each successful call made with it (for a ListIter, the last
// page fetched). The (T, error) results stay as they are:
//
//	var resp pingone.Response
//	u, err := env.Users.Get(pingone.ContextWithResponse(ctx, &resp), id, nil)
//	log.Print(resp.CorrelationID)
func ContextWithResponse(ctx context.Context, r *Response) context.Context {
	return context.WithValue(ctx, responseKey{}, r)
}

func fillResponse(ctx context.Context, status int, h http.Header, st *callState) {
	r, _ := ctx.Value(responseKey{}).(*Response)
	if r == nil {
		return
	}
	*r = Response{StatusCode: status, Header: h.Clone(), Attempts: max(st.attempts, 1)}
	if h != nil {
		r.CorrelationID = h.Get("Correlation-Id")
	}
}
