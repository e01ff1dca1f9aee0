package pingone

import (
	"bytes"
	stdjson "encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"unsafe"

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
	// Links are the page's HAL links (self, next, …) as PingOne sent them.
	Links Links
	// Extra holds page-level members this version of the SDK does not
	// know (PingOne adds some, such as the filter a list applied).
	Extra map[string]stdjson.RawMessage

	rest pageRest
}

// pageRest is what re-encoding a page needs to give back the body PingOne
// sent: the items' _embedded key, the other _embedded members, and whether
// count and size were there.
type pageRest struct {
	key               string
	embedded          map[string]stdjson.RawMessage
	hasCount, hasSize bool
}

// pageFields are the members of a page other than its items, laid out as
// they follow Items in every Page[T] (page_layout_test.go checks it). The
// generic functions of Page hand them over in place: the work is done
// once, by functions that are not instantiated per item type.
type pageFields struct {
	Count, Size int
	Next        string
	Links       Links
	Extra       map[string]stdjson.RawMessage
	rest        pageRest
}

// fields returns the members of p after Items.
func (p *Page[T]) fields() *pageFields { return (*pageFields)(unsafe.Pointer(&p.Count)) }

// MarshalJSON encodes the page as the HAL collection PingOne sent: its
// links, the items under _embedded, count, size and the members this
// version does not know.
func (p Page[T]) MarshalJSON() ([]byte, error) {
	var items any = p.Items
	if p.Items == nil {
		items = stdjson.RawMessage("[]")
	}
	return marshalPage(p.fields(), items)
}

// marshalPage is Page.MarshalJSON, the items given as any.
func marshalPage(p *pageFields, items any) ([]byte, error) {
	var b bytes.Buffer
	enc := jsontext.NewEncoder(&b, jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
	write := func(name string, v any) error {
		raw, err := stdjson.Marshal(v)
		if err != nil {
			return err
		}
		if err := enc.WriteToken(jsontext.String(name)); err != nil {
			return err
		}
		return enc.WriteValue(raw)
	}
	if err := enc.WriteToken(jsontext.BeginObject); err != nil {
		return nil, err
	}
	links := p.Links
	if links.IsZero() && p.Next != "" {
		links = Links{raw: fmt.Appendf(nil, `{"next":{"href":%q}}`, p.Next)}
	}
	if !links.IsZero() {
		if err := write("_links", links); err != nil {
			return nil, err
		}
	}
	key := p.rest.key
	if key == "" {
		key = "items"
	}
	embedded := map[string]any{key: items}
	for k, v := range p.rest.embedded {
		if k != key {
			embedded[k] = v
		}
	}
	if err := write("_embedded", embedded); err != nil {
		return nil, err
	}
	if p.rest.hasCount || p.Count != 0 {
		if err := write("count", p.Count); err != nil {
			return nil, err
		}
	}
	if p.rest.hasSize || p.Size != 0 {
		if err := write("size", p.Size); err != nil {
			return nil, err
		}
	}
	for _, k := range slices.Sorted(maps.Keys(p.Extra)) {
		switch k {
		case "_links", "_embedded", "count", "size":
			continue
		}
		if err := write(k, p.Extra[k]); err != nil {
			return nil, err
		}
	}
	if err := enc.WriteToken(jsontext.EndObject); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// UnmarshalJSON decodes a HAL collection; the items are the one array
// under _embedded.
func (p *Page[T]) UnmarshalJSON(data []byte) error {
	got, err := decodePage[T](data, pageItemsKey(data), 0)
	if err != nil {
		return err
	}
	*p = *got
	return nil
}

// pageItemsKey returns the key of the array under a page's _embedded.
func pageItemsKey(data []byte) string {
	key := ""
	var probe struct {
		Embedded map[string]stdjson.RawMessage `json:"_embedded"`
	}
	if stdjson.Unmarshal(data, &probe) == nil {
		for k, v := range probe.Embedded {
			if t := bytes.TrimSpace(v); len(t) > 0 && t[0] == '[' {
				key = k
				break
			}
		}
	}
	return key
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
	// Prefetch makes a ListIter fetch the next page while the loop works on
	// the items of the current one, so that PingOne's latency passes while
	// the loop body runs. The next page's request leaves as soon as the
	// loop has moved on to the page before it and that page's body is in:
	// its next link is read ahead of its items, so the request does not
	// wait for the page to be decoded. It is off by default because it
	// holds two pages where a walk without it holds one: the memory a walk
	// keeps live about doubles (see the README's Performance section). The fetch ahead uses
	// the iterator's ctx, is cancelled when the loop ends early, and leaves
	// no goroutine behind. List ignores it.
	Prefetch bool
}

func (o ListOptions) apply(q url.Values) { _ = o.addQuery(q) }

// addQuery adds the page size; StartFrom is read by the request path.
func (o ListOptions) addQuery(q url.Values) error {
	if o.Limit < 0 {
		return &ArgumentError{Name: "Limit", Problem: "is negative"}
	}
	if o.Limit > 0 {
		q.Set("limit", strconv.Itoa(o.Limit))
	}
	return nil
}

// listOptions gives the request path the paging options (promoted to every
// options type that embeds ListOptions).
func (o ListOptions) listOptions() ListOptions { return o }

// decodePage reads a HAL collection, decoding only the array under
// _embedded.<key> (a missing _embedded is an empty page). sizeHint is the
// number of items expected (the limit asked for, or the previous page's).
func decodePage[T any](data []byte, key string, sizeHint int) (*Page[T], error) {
	p, err := decodeWirePage[T](data, key, sizeHint)
	if err == nil && p != nil {
		p.Items = trimItems(p.Items)
	}
	return p, err
}

// trimItems copies items into an array of their length when the one they
// are in has much room left: a page of 10 items read with a limit of 1,000
// (or a slice grown by append) would otherwise hold the memory of 1,000 for
// as long as the caller holds the page.
func trimItems[T any](items []T) []T {
	if c := cap(items); c-len(items) <= c/8 {
		return items
	}
	out := make([]T, len(items))
	copy(out, items)
	return out
}

// errBadNextLink is a page whose next link is not a link: ending the walk
// there would silently drop the pages that follow.
var errBadNextLink = errors.New("the page's _links.next.href is not a string")

// nextLink returns next.href of a page's _links ("" when there is none).
func nextLink(raw jsontext.Value) (string, error) {
	if raw.Kind() != '{' {
		return "", nil
	}
	var links map[string]jsontext.Value
	if err := stdjson.Unmarshal(raw, &links); err != nil {
		return "", err
	}
	next, ok := links["next"]
	if !ok || next.Kind() == 'n' {
		return "", nil
	}
	var link map[string]jsontext.Value
	if err := stdjson.Unmarshal(next, &link); err != nil {
		return "", errBadNextLink
	}
	href, ok := link["href"]
	if !ok || href.Kind() == 'n' {
		return "", nil
	}
	var s string
	if href.Kind() != '"' || stdjson.Unmarshal(href, &s) != nil {
		return "", errBadNextLink
	}
	return s, nil
}

// decodeWirePage is decodePage's one pass with the wire codec, each item
// decoded in place; an item of a model type that is not an object keeps its
// raw JSON. (Items of other types decode as the codec's fallback does.)
func decodeWirePage[T any](data []byte, key string, sizeHint int) (*Page[T], error) {
	p := &Page[T]{}
	if sizeHint > 0 {
		p.Items = make([]T, 0, min(sizeHint, 1000))
	}
	p.rest.key = key
	err := decodeWirePageFields(data, p.fields(), codecOf[T](), func() unsafe.Pointer {
		var zero T
		p.Items = append(p.Items, zero)
		return unsafe.Pointer(&p.Items[len(p.Items)-1])
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// decodeWirePageFields is decodeWirePage's work: the members go to p, each
// item is decoded (by c) where next returns, a zero item appended to the
// page's items.
func decodeWirePageFields(data []byte, p *pageFields, c *wireCodec, next func() unsafe.Pointer) error {
	key := p.rest.key
	d := getWireDecoder(data)
	defer putWireDecoder(d)
	dec := d.dec
	if err := expectObject(dec); err != nil {
		return err
	}
	for dec.PeekKind() != '}' {
		name, err := d.name()
		if err != nil {
			return err
		}
		switch string(name) {
		case "_embedded":
			if dec.PeekKind() != '{' {
				break
			}
			if _, err := dec.ReadToken(); err != nil {
				return err
			}
			for dec.PeekKind() != '}' {
				k, err := d.name()
				if err != nil {
					return err
				}
				if string(k) != key || dec.PeekKind() != '[' {
					name := string(k)
					v, err := dec.ReadValue()
					if err != nil {
						return err
					}
					if p.rest.embedded == nil {
						p.rest.embedded = map[string]stdjson.RawMessage{}
					}
					p.rest.embedded[name] = stdjson.RawMessage(v.Clone())
					continue
				}
				if _, err := dec.ReadToken(); err != nil {
					return err
				}
				for dec.PeekKind() != ']' {
					if err := d.top(c, next()); err != nil {
						return err
					}
				}
				if _, err := dec.ReadToken(); err != nil {
					return err
				}
			}
			if _, err := dec.ReadToken(); err != nil {
				return err
			}
			continue
		case "_links":
			raw, err := dec.ReadValue()
			if err != nil {
				return err
			}
			if p.Next, err = nextLink(raw); err != nil {
				return err
			}
			if raw.Kind() == '{' {
				p.Links = Links{raw: raw.Clone()}
			}
			continue
		case "count":
			if err := decodeWireValue(d, &p.Count); err != nil {
				return err
			}
			p.rest.hasCount = true
			continue
		case "size":
			if err := decodeWireValue(d, &p.Size); err != nil {
				return err
			}
			p.rest.hasSize = true
			continue
		}
		member := string(name)
		v, err := dec.ReadValue()
		if err != nil {
			return err
		}
		if p.Extra == nil {
			p.Extra = map[string]stdjson.RawMessage{}
		}
		p.Extra[member] = stdjson.RawMessage(v.Clone())
	}
	_, err := dec.ReadToken()
	return err
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
