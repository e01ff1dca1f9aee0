package pingone_test

import (
	"encoding/json"
	"testing"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
)

func TestPageReencodesTheCollectionPingOneSent(t *testing.T) {
	t.Parallel()
	body := `{"_links":{"self":{"href":"` + popsURL + `?limit=2"},"next":{"href":"` + popsURL + `?cursor=c2"}},
		"_embedded":{"populations":[{"id":"p1","name":"Staff","default":false,"userCount":0,"vip":true}],"extras":[1]},
		"count":7,"size":1,"userFilter":"name sw \"S\""}`
	c, mt := rawMockClient(t)
	mt.RegisterResponder("GET", popsURL, jsonResponder(200, body))
	p, err := c.Environment(testEnv).Populations.List(t.Context(), nil)
	require.NoError(t, err)
	assert.Equal(t, popsURL+"?cursor=c2", p.Next)
	assert.Equal(t, popsURL+"?limit=2", p.Links.Href("self"))
	assert.JSONEq(t, `"name sw \"S\""`, string(p.Extra["userFilter"]))

	v1, err := json.Marshal(p)
	require.NoError(t, err)
	assert.JSONEq(t, body, string(v1), "encoding/json")
	v2, err := jsonv2.Marshal(p)
	require.NoError(t, err)
	assert.JSONEq(t, body, string(v2), "json/v2")

	var back pingone.Page[pingone.Population]
	require.NoError(t, json.Unmarshal(v1, &back))
	again, err := json.Marshal(back)
	require.NoError(t, err)
	assert.JSONEq(t, body, string(again), "a page decoded by a user encodes back the same")
}

func TestHandBuiltPageEncodesWhatWasSet(t *testing.T) {
	t.Parallel()
	p := pingone.Page[pingone.Ref]{Items: []pingone.Ref{pingone.RefTo("a")}}
	b, err := json.Marshal(p)
	require.NoError(t, err)
	assert.JSONEq(t, `{"_embedded":{"items":[{"id":"a"}]}}`, string(b))
}
