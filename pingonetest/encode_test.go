package pingonetest

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// jsonTrees are values as handlers build them, with every kind of leaf,
// strings that need escaping, and values only encoding/json knows.
func jsonTrees() []any {
	return []any{
		nil, true, false, 0, -7, 1 << 40, "", "plain", `quote " and \ back`, "<b>&amp;</b>", "tab\tnew\nline\x01",
		"José ☃ 😀", "bad \xff utf8", "line\u2028sep", json.Number("12.50"), json.Number("1e3"), 3.25, 1e21, float32(0.1),
		[]string{"a", "b"}, map[string]string{"z": "1", "a": "2"}, struct{ A int }{1},
		obj{}, []any{}, obj(nil), []any(nil),
		// Objects of one depth in a row, with the same names, the same
		// number of other names, and fewer.
		[]any{obj{"a": 1, "b": 2}, obj{"b": 3, "a": 4}, obj{"a": 1, "c": 3}, obj{"c": 1}, obj{"c": 2, "d": obj{"e": 1}}},
		obj{"b": 1, "a": obj{"y": []any{1, "x", nil, obj{"k": json.Number("3")}}, "x": "<"}, "_links": obj{"self": obj{"href": "https://h/p?q=1&r=2"}}},
	}
}

// randomTree builds a random JSON tree of depth at most d.
func randomTree(r *rand.Rand, d int) any {
	leaves := []any{nil, true, 42, json.Number("-0.5"), "s", "é<>&", "\x00\x7f", 2.5}
	if d == 0 || r.IntN(3) == 0 {
		return leaves[r.IntN(len(leaves))]
	}
	if r.IntN(2) == 0 {
		n := r.IntN(5)
		out := make([]any, n)
		for i := range out {
			out[i] = randomTree(r, d-1)
		}
		return out
	}
	keys := []string{"id", "_links", "b", "a", "é", "<k>", "q\"", "", "z\x01"}
	out := obj{}
	for range r.IntN(6) {
		out[keys[r.IntN(len(keys))]] = randomTree(r, d-1)
	}
	return out
}

func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	t.Parallel()
	check := func(v any) {
		want, err := json.Marshal(v)
		require.NoError(t, err)
		got, err := appendJSON(nil, v)
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got), "%#v", v)
	}
	for _, v := range jsonTrees() {
		check(v)
		check(obj{"v": v, "list": []any{v, v}})
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 500 {
		check(randomTree(r, 4))
	}
	_, err := appendJSON(nil, obj{"nan": func() {}})
	assert.Error(t, err, "a value encoding/json refuses is refused")
}

func TestOrderedKeepsItsOrder(t *testing.T) {
	t.Parallel()
	got, err := appendJSON(nil, collection(obj{"self": obj{"href": "s"}}, "users", []any{obj{"id": "u"}}, 9))
	require.NoError(t, err)
	assert.Equal(t, `{"_links":{"self":{"href":"s"}},"_embedded":{"users":[{"id":"u"}]},"count":9,"size":1}`, string(got))
}

func TestCloneIsAJSONRoundTrip(t *testing.T) {
	t.Parallel()
	roundTrip := func(o obj) obj {
		data, err := json.Marshal(o)
		require.NoError(t, err)
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var out obj
		require.NoError(t, dec.Decode(&out))
		return out
	}
	for _, v := range jsonTrees() {
		o := obj{"v": v, "nested": obj{"list": []any{v}}}
		if _, err := json.Marshal(o); err != nil {
			continue
		}
		c := clone(o)
		assert.Equal(t, roundTrip(o), c, "%#v", v)
	}
	src := obj{"a": obj{"b": []any{"c"}}}
	c := clone(src)
	c["a"].(obj)["b"].([]any)[0] = "changed"
	assert.Equal(t, "c", src["a"].(obj)["b"].([]any)[0], "the clone shares nothing with its source")
	assert.Nil(t, clone(nil))
}

func TestOverlayEncodesAsTheMergedObject(t *testing.T) {
	t.Parallel()
	base := obj{"id": "u", "memberOfGroups": []any{"g"}, "name": obj{"given": "Ada"}, "_links": obj{"old": 1}}
	set := []member{{"_links", obj{"self": obj{"href": "s"}}}, {"extra", true}}
	got, err := appendJSON(nil, overlay{base: base, set: set, drop: "memberOfGroups"})
	require.NoError(t, err)
	want, err := json.Marshal(obj{"id": "u", "name": obj{"given": "Ada"}, "_links": obj{"self": obj{"href": "s"}}, "extra": true})
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got))
	assert.Equal(t, []any{"g"}, base["memberOfGroups"], "the base is left as it was")
}

func TestOverlaysInARowEncodeAsTheirMergedObjects(t *testing.T) {
	t.Parallel()
	links := []member{{"_links", obj{"self": "s"}}}
	overlays := []overlay{
		{base: obj{"id": "1", "name": "a"}, set: links, drop: "memberOfGroups"},
		{base: obj{"id": "2", "name": "b"}, set: links, drop: "memberOfGroups"},
		{base: obj{"id": "3", "title": "c"}, set: links, drop: "memberOfGroups"},
		{base: obj{"id": "4", "memberOfGroups": "x", "name": "d"}, set: links, drop: "memberOfGroups"},
		{base: obj{"id": "5", "_links": "old", "name": "e"}, set: links, drop: "memberOfGroups"},
		{base: obj{"id": "6", "name": "f", "memberOfGroups": "x"}, set: []member{{"_links", 1}, {"memberOfGroups", 2}}, drop: "memberOfGroups"},
	}
	var list []any
	var want []any
	for _, o := range overlays {
		list = append(list, o)
		merged := obj{}
		for k, v := range o.base {
			if k != o.drop {
				merged[k] = v
			}
		}
		for _, m := range o.set {
			merged[m.name] = m.value
		}
		want = append(want, merged)
	}
	got, err := appendJSON(nil, list)
	require.NoError(t, err)
	wantJSON, err := json.Marshal(want)
	require.NoError(t, err)
	assert.Equal(t, string(wantJSON), string(got))
}
