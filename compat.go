package pingone

// TEMPORARY: the request helpers of the families not yet moved to the one
// request path (request.go). This file goes when the last family has moved.

import (
	"context"
	"fmt"
	"iter"
	"net/url"
	"strings"

	"github.com/pingone-go/pingone/scim"
)

// path builds an environment-scoped path from escaped segments. It reports an
// empty environment ID or an empty segment (a missing ID) as an error.
func (s *service) path(segments ...string) (string, error) {
	if err := checkSegment("environmentID", s.envID); err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString("/environments/")
	b.WriteString(url.PathEscape(s.envID))
	for _, seg := range segments {
		if err := checkSegment("ID", seg); err != nil {
			return "", err
		}
		b.WriteByte('/')
		b.WriteString(url.PathEscape(seg))
	}
	return b.String(), nil
}

// checkSegment refuses an empty path segment (a missing ID) and the dot
// segments "." and "..", which a proxy would resolve into a call on another
// resource.
func checkSegment(name, seg string) error {
	switch seg {
	case "":
		return missing(name)
	case ".", "..":
		return &ArgumentError{Name: name, Problem: "is not a valid ID: " + seg}
	}
	return nil
}

// ids checks that each named ID is non-empty, in order, so that errors name
// the argument.
func ids(pairs ...string) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i+1] == "" {
			return missing(pairs[i])
		}
	}
	return nil
}

// requestOption adjusts a request: content type overrides and the like.
type requestOption func(*request)

// withContentType sends the body with a vendor content type.
func withContentType(ct string) requestOption { return func(r *request) { r.contentType = ct } }

// do sends a request and decodes a 2xx body into out (when both exist).
func (s *service) do(ctx context.Context, method, path string, body, out any, opts ...requestOption) error {
	r := request{method: method, path: path, body: body, out: out}
	for _, o := range opts {
		o(&r)
	}
	return s.core.send(ctx, &r)
}

// doQuery is do with query parameters.
func (s *service) doQuery(ctx context.Context, method, path string, q url.Values, body, out any, opts ...requestOption) error {
	r := request{method: method, path: path, query: q, body: body, out: out}
	for _, o := range opts {
		o(&r)
	}
	return s.core.send(ctx, &r)
}

// getOne reads one resource at the environment path made of segments, after
// checking that the named ID is set.
func getOne[T any](ctx context.Context, s *service, idName, id string, segments ...string) (*T, error) {
	if id == "" {
		return nil, missing(idName)
	}
	path, err := s.path(segments...)
	if err != nil {
		return nil, err
	}
	var out T
	if err := s.do(ctx, "GET", path, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// sendOne sends body with method to the environment path and decodes the
// resource returned.
func sendOne[T any](ctx context.Context, s *service, method string, body any, segments ...string) (*T, error) {
	path, err := s.path(segments...)
	if err != nil {
		return nil, err
	}
	var out T
	if err := s.do(ctx, method, path, body, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// deleteOne deletes the resource at the environment path, after checking
// that the named ID is set.
func deleteOne(ctx context.Context, s *service, idName, id string, segments ...string) error {
	if id == "" {
		return missing(idName)
	}
	path, err := s.path(segments...)
	if err != nil {
		return err
	}
	return s.do(ctx, "DELETE", path, nil, nil)
}

// list fetches one page: the first (path with query) or a saved link.
func list[T any](ctx context.Context, s *service, path string, q url.Values, key string, opts ListOptions) (*Page[T], error) {
	r := request{method: "GET", path: path, query: q}
	if opts.StartFrom != "" {
		u, err := url.Parse(opts.StartFrom)
		if err != nil || !u.IsAbs() {
			return nil, &ArgumentError{Name: "StartFrom", Problem: "is not an absolute link"}
		}
		r.path, r.query = opts.StartFrom, nil
	}
	var p *Page[T]
	r.decode = func(data []byte) (err error) {
		if data == nil {
			p = &Page[T]{}
			return nil
		}
		p, err = decodePage[T](data, key, opts.Limit)
		return err
	}
	if err := s.core.send(ctx, &r); err != nil {
		return nil, err
	}
	return p, nil
}

// listIter walks every page lazily: nothing is fetched before the loop
// starts, one page is held at a time, fetching stops when the loop breaks,
// and an error is yielded once and ends the sequence. The caller's ctx is
// used for every page.
func listIter[T any](ctx context.Context, s *service, path string, q url.Values, key string, opts ListOptions) iter.Seq2[*T, error] {
	q = cloneValues(q) // later changes to the caller's options have no effect
	return func(yield func(*T, error) bool) {
		next := opts
		seen := map[string]bool{}
		empty := 0 // pages in a row with no item
		for {
			p, err := list[T](ctx, s, path, q, key, next)
			if err != nil {
				yield(nil, err)
				return
			}
			for i := range p.Items {
				if !yield(&p.Items[i], nil) {
					return
				}
			}
			if !p.HasNext() {
				return
			}
			if p.Next == next.StartFrom || seen[p.Next] {
				yield(nil, fmt.Errorf("pingone: GET %s: the next link goes back to a page already read", path))
				return
			}
			if len(p.Items) == 0 {
				if empty++; empty >= maxEmptyPages {
					yield(nil, fmt.Errorf("pingone: GET %s: %d pages in a row held no item but linked to another: stopping", path, empty))
					return
				}
			} else {
				empty = 0
			}
			seen[p.Next] = true
			next.StartFrom = p.Next
		}
	}
}

// errIter yields err once: the iterator form of an argument error.
func errIter[T any](err error) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) { yield(nil, err) }
}

func cloneValues(q url.Values) url.Values {
	if q == nil {
		return nil
	}
	out := make(url.Values, len(q))
	for k, v := range q {
		out[k] = append([]string(nil), v...)
	}
	return out
}

// listAt fetches one page of the environment collection at segments (each
// checked and escaped by service.path).
func listAt[T any](ctx context.Context, s *service, key string, q url.Values, lo ListOptions, segments ...string) (*Page[T], error) {
	path, err := s.path(segments...)
	if err != nil {
		return nil, err
	}
	return list[T](ctx, s, path, q, key, lo)
}

// iterAt is the iterator form of listAt.
func iterAt[T any](ctx context.Context, s *service, key string, q url.Values, lo ListOptions, segments ...string) iter.Seq2[*T, error] {
	path, err := s.path(segments...)
	if err != nil {
		return errIter[T](err)
	}
	return listIter[T](ctx, s, path, q, key, lo)
}

// setFilter adds a built filter to q, reporting a filter that failed to build.
func setFilter(q url.Values, f scim.Filter) error { return filterQuery(q, f) }

// missing reports an empty required argument before any request is made.
func missing(name string) error {
	return &ArgumentError{Name: name, Problem: "is required"}
}
