package pingone

import (
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"
	"testing/synctest"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// heldDecoder decodes pages of populations, each only once the test lets
// it: it reports each page it is given on started and waits on release.
type heldDecoder struct {
	started chan int // the size of each body given
	release chan struct{}
}

func (d heldDecoder) decodePage(data []byte, key string, sizeHint int) (anyPage, error) {
	d.started <- len(data)
	<-d.release
	return pageOf[Population]{}.decodePage(data, key, sizeHint)
}

// TestPrefetchSendsTheNextRequestBeforeDecoding: with the next link ahead
// of _embedded (as the contract's EntityArray orders them), the request for
// page 2 leaves while page 1 is still being decoded; with _embedded first,
// it waits for the decoded page. Either way every item comes, in order.
func TestPrefetchSendsTheNextRequestBeforeDecoding(t *testing.T) {
	for _, linksFirst := range []bool{true, false} {
		t.Run(fmt.Sprintf("linksFirst=%v", linksFirst), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				const base = "https://api.test/v1/environments/env-1/populations"
				mt := httpmock.NewMockTransport()
				var served atomic.Int32
				mt.RegisterResponder("GET", base, func(r *http.Request) (*http.Response, error) {
					page := int(served.Add(1))
					links := fmt.Sprintf(`"_links":{"self":{"href":"%s"}`, base)
					if page < 3 {
						links += fmt.Sprintf(`,"next":{"href":"%s?cursor=c%d"}`, base, page)
					}
					links += "}"
					embedded := fmt.Sprintf(`"_embedded":{"populations":[{"id":"p%d","name":"n"}]}`, page)
					body := "{" + links + "," + embedded + "}"
					if !linksFirst {
						body = "{" + embedded + "," + links + "}"
					}
					resp := httpmock.NewStringResponse(200, body)
					resp.Header.Set("Content-Type", "application/json")
					return resp, nil
				})
				c, err := NewClient(WithBaseURLs("https://api.test/v1", "https://auth.test"),
					WithHTTPClient(&http.Client{Transport: mt}), WithStaticToken("t"))
				require.NoError(t, err)
				dec := heldDecoder{started: make(chan int, 3), release: make(chan struct{})}
				l := newPageLister(t.Context(), (*service)(c.Environment("env-1").Populations),
					call{op: "Populations.ListIter", route: "GET /environments/{environmentID}/populations",
						opts: &ListPopulationsOptions{ListOptions: ListOptions{Prefetch: true}}, key: "populations"}, dec)

				var ids []string
				done := make(chan error)
				go func() {
					done <- l.walk(func(page any) bool {
						for _, p := range page.(*Page[Population]).Items {
							ids = append(ids, p.ID)
						}
						return true
					})
				}()
				<-dec.started // page 1's body is in; its decoding waits
				synctest.Wait()
				if linksFirst {
					assert.Equal(t, int32(2), served.Load(), "page 2 was asked for before page 1 was decoded")
				} else {
					assert.Equal(t, int32(1), served.Load(), "page 2 waits for page 1's decoded link")
				}
				for range 3 {
					dec.release <- struct{}{}
				}
				require.NoError(t, <-done)
				assert.Equal(t, []string{"p1", "p2", "p3"}, ids)
				assert.Equal(t, int32(3), served.Load())
			})
		})
	}
}

func TestLeadingNextLink(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		body string
		link string
		ok   bool
	}{
		{`{"_links":{"next":{"href":"https://x/n"}},"_embedded":{"users":[]}}`, "https://x/n", true},
		{`{"count":3,"size":1,"_links":{"self":{"href":"s"},"next":{"href":"n"}}}`, "n", true},
		{`{"_embedded":{"users":[]},"_links":{"next":{"href":"n"}}}`, "", false},
		{`{"_links":{"self":{"href":"s"}},"_embedded":{}}`, "", false},
		{`{"_links":{"next":{"href":7}}}`, "", false},
		{`{"_links":{"next":null}}`, "", false},
		{`[1]`, "", false},
		{`{"_links":`, "", false},
		{``, "", false},
	} {
		link, ok := leadingNextLink([]byte(tc.body))
		assert.Equal(t, tc.link, link, tc.body)
		assert.Equal(t, tc.ok, ok, tc.body)
	}
	assert.NotPanics(t, func() { leadingNextLink(nil) })
}
