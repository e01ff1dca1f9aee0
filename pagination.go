package pingone

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"iter"
	"net/url"
	"reflect"
	"strconv"
	"unsafe"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// Page is one page of a PingOne collection.
//
// PingOne pages with an opaque cursor carried in the next link: follow
// [Page.Next] (or use a ListIter method) rather than building cursors. A page
// may hold fewer items than the limit asked for even when more follow.
type Page[T any] struct {
	// Items are the resources of this page.
	Items []T
	// Count is the total number of resources PingOne reports for the
	// collection (0 when it does not say).
	Count int
	// Size is the number of resources in this page, as PingOne reports it.
	Size int
	// Next is the link to the next page, or "" on the last page. It can be
	// saved and passed back as ListOptions.StartFrom to resume a listing.
	Next string
}

// HasNext reports whether another page follows.
func (p *Page[T]) HasNext() bool { return p != nil && p.Next != "" }

// ListOptions are the paging options shared by the List methods.
type ListOptions struct {
	// Limit asks for at most this many items per page (0: PingOne's
	// default). PingOne may return fewer.
	Limit int
	// StartFrom resumes a listing from a saved [Page.Next] link; the other
	// options are then carried by the link itself and ignored. The link must
	// point at the client's API host.
	StartFrom string
}

func (o ListOptions) apply(q url.Values) {
	if o.Limit > 0 {
		q.Set("limit", strconv.Itoa(o.Limit))
	}
}

// decodePage reads a HAL collection, decoding only the array under
// _embedded.<key> (a missing _embedded is an empty page).
func decodePage[T any](data []byte, key string, sizeHint int) (*Page[T], error) {
	if reflect.PointerTo(reflect.TypeFor[T]()).Implements(wireDecodableType) {
		return decodeWirePage[T](data, key, sizeHint)
	}
	p, err := decodePageWith[T](data, key, sizeHint, fastDecodeOptions)
	if err != nil {
		var se *json.SemanticError
		if errors.As(err, &se) {
			var out *Page[T]
			err = decodeLenient(data, &out, func(data []byte, v any) error {
				p, err := decodePageWith[T](data, key, sizeHint, lenientDecodeOptions)
				*(v.(**Page[T])) = p
				return err
			})
			return out, err
		}
	}
	return p, err
}

func decodePageWith[T any](data []byte, key string, sizeHint int, opts json.Options) (*Page[T], error) {
	// A *bytes.Buffer lets the decoder parse in place, without copying.
	dec := jsontext.NewDecoder(bytes.NewBuffer(data), opts)
	p := &Page[T]{}
	if sizeHint > 0 {
		p.Items = make([]T, 0, min(sizeHint, 1000))
	}
	if err := expectObject(dec); err != nil {
		return nil, err
	}
	for dec.PeekKind() != '}' {
		name, err := dec.ReadToken()
		if err != nil {
			return nil, err
		}
		switch name.String() {
		case "_embedded":
			if dec.PeekKind() != '{' {
				if err := dec.SkipValue(); err != nil {
					return nil, err
				}
				continue
			}
			if err := expectObject(dec); err != nil {
				return nil, err
			}
			for dec.PeekKind() != '}' {
				k, err := dec.ReadToken()
				if err != nil {
					return nil, err
				}
				if k.String() == key && dec.PeekKind() == '[' {
					if err := json.UnmarshalDecode(dec, &p.Items, opts); err != nil {
						return nil, err
					}
					continue
				}
				if err := dec.SkipValue(); err != nil {
					return nil, err
				}
			}
			if _, err := dec.ReadToken(); err != nil {
				return nil, err
			}
		case "_links":
			var links struct {
				Next Link `json:"next"`
			}
			if dec.PeekKind() != '{' {
				if err := dec.SkipValue(); err != nil {
					return nil, err
				}
				continue
			}
			if err := json.UnmarshalDecode(dec, &links, opts); err != nil {
				return nil, err
			}
			p.Next = links.Next.Href
		case "count":
			if err := json.UnmarshalDecode(dec, &p.Count, opts); err != nil {
				return nil, err
			}
		case "size":
			if err := json.UnmarshalDecode(dec, &p.Size, opts); err != nil {
				return nil, err
			}
		default:
			if err := dec.SkipValue(); err != nil {
				return nil, err
			}
		}
	}
	if _, err := dec.ReadToken(); err != nil {
		return nil, err
	}
	return p, nil
}

// decodeWirePage is decodePage for the wire codec's types: one pass, each
// item decoded in place; an item that is not an object keeps its raw JSON.
func decodeWirePage[T any](data []byte, key string, sizeHint int) (*Page[T], error) {
	c := codecOf[T]()
	d := getWireDecoder(data)
	defer putWireDecoder(d)
	dec := d.dec
	p := &Page[T]{}
	if sizeHint > 0 {
		p.Items = make([]T, 0, min(sizeHint, 1000))
	}
	if err := expectObject(dec); err != nil {
		return nil, err
	}
	for dec.PeekKind() != '}' {
		name, err := d.name()
		if err != nil {
			return nil, err
		}
		switch string(name) {
		case "_embedded":
			if dec.PeekKind() != '{' {
				break
			}
			if _, err := dec.ReadToken(); err != nil {
				return nil, err
			}
			for dec.PeekKind() != '}' {
				k, err := d.name()
				if err != nil {
					return nil, err
				}
				if string(k) != key || dec.PeekKind() != '[' {
					if err := dec.SkipValue(); err != nil {
						return nil, err
					}
					continue
				}
				if _, err := dec.ReadToken(); err != nil {
					return nil, err
				}
				for dec.PeekKind() != ']' {
					var zero T
					p.Items = append(p.Items, zero)
					if err := d.top(c, unsafe.Pointer(&p.Items[len(p.Items)-1])); err != nil {
						return nil, err
					}
				}
				if _, err := dec.ReadToken(); err != nil {
					return nil, err
				}
			}
			if _, err := dec.ReadToken(); err != nil {
				return nil, err
			}
			continue
		case "_links":
			var links struct {
				Next Link `json:"next"`
				wire wireMeta
			}
			if err := decodeWireValue(d, &links); err != nil {
				return nil, err
			}
			p.Next = links.Next.Href
			continue
		case "count":
			if err := decodeWireValue(d, &p.Count); err != nil {
				return nil, err
			}
			continue
		case "size":
			if err := decodeWireValue(d, &p.Size); err != nil {
				return nil, err
			}
			continue
		}
		if err := dec.SkipValue(); err != nil {
			return nil, err
		}
	}
	if _, err := dec.ReadToken(); err != nil {
		return nil, err
	}
	return p, nil
}

func expectObject(dec *jsontext.Decoder) error {
	tok, err := dec.ReadToken()
	if err != nil {
		return err
	}
	if tok.Kind() != '{' {
		return fmt.Errorf("expected a JSON object, found %v", tok.Kind())
	}
	return nil
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
	if err := s.client.send(ctx, &r); err != nil {
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
