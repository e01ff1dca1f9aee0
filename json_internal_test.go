package pingone

import (
	"bytes"
	stdjson "encoding/json"
	"log/slog"
	"testing"
	"time"
	"unsafe"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const userWithExtras = `{
  "id": "u1",
  "environment": {"id": "env"},
  "username": "ada",
  "email": "ada@example.com",
  "name": {"given": "Ada", "family": "Lovelace", "nameSuffixFromTheFuture": "III"},
  "account": {"status": "SUSPENDED_BY_FUTURE_FEATURE", "canAuthenticate": false},
  "lifecycle": {"status": "SOME_NEW_STATE"},
  "verifyStatus": "PENDING_REVIEW",
  "enabled": true,
  "createdAt": "2021-02-25T23:51:49.790Z",
  "updatedAt": "2021-02-25T23:51:49.000Z",
  "favoriteColor": "teal",
  "employee": {"number": 42, "tags": ["a", "b"], "manager": null},
  "_links": {"self": {"href": "https://api.pingone.com/v1/environments/env/users/u1"}, "password.set": {"href": "x"}}
}`

func TestUserRoundTripKeepsUnknownFieldsAndEnums(t *testing.T) {
	t.Parallel()
	var u User
	require.NoError(t, decodeJSON([]byte(userWithExtras), &u))
	assert.Equal(t, AccountStatus("SUSPENDED_BY_FUTURE_FEATURE"), u.Account.Status)
	assert.Equal(t, LifecycleStatus("SOME_NEW_STATE"), u.Lifecycle.Status)
	assert.Equal(t, VerifyStatus("PENDING_REVIEW"), u.VerifyStatus)
	require.NotNil(t, u.Account.CanAuthenticate)
	assert.False(t, *u.Account.CanAuthenticate)
	assert.Equal(t, time.Date(2021, 2, 25, 23, 51, 49, 790e6, time.UTC), u.CreatedAt)
	assert.JSONEq(t, `"teal"`, string(u.Extra["favoriteColor"]))
	assert.JSONEq(t, `{"number": 42, "tags": ["a", "b"], "manager": null}`, string(u.Extra["employee"]))
	assert.JSONEq(t, `"III"`, string(u.Name.Extra["nameSuffixFromTheFuture"]))
	assert.Equal(t, "x", u.Links.Href("password.set"))

	out, err := encodeJSON(u)
	require.NoError(t, err)
	assert.JSONEq(t, userWithExtras, string(out), "nothing lost or changed")

	var again User
	require.NoError(t, decodeJSON(out, &again))
	out2, err := encodeJSON(again)
	require.NoError(t, err)
	assert.Equal(t, string(out), string(out2), "stable across round trips")
}

const nullPopulation = `{"name":null,"default":null,"userCount":null,"createdAt":null,"passwordPolicy":null,"alternativeIdentifiers":null,"_links":null}`

func TestLenientDecoding(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		in    string
		check func(t *testing.T, p Population)
	}{
		"bool as string": {`{"name":"a","default":"true"}`, func(t *testing.T, p Population) { assert.True(t, p.Default) }},
		"int as string":  {`{"name":"a","userCount":"12"}`, func(t *testing.T, p Population) { assert.Equal(t, 12, p.UserCount) }},
		"epoch millis": {`{"name":"a","createdAt":1614297109790}`, func(t *testing.T, p Population) {
			assert.Equal(t, time.UnixMilli(1614297109790).UTC(), p.CreatedAt)
		}},
		"timestamp without zone": {`{"name":"a","createdAt":"2021-02-25T23:51:49.79"}`, func(t *testing.T, p Population) {
			assert.Equal(t, 2021, p.CreatedAt.Year())
		}},
		"garbage timestamp kept zero": {`{"name":"a","createdAt":"yesterday"}`, func(t *testing.T, p Population) {
			assert.True(t, p.CreatedAt.IsZero())
			assert.Equal(t, "a", p.Name)
		}},
		"number where string expected": {`{"name":1234}`, func(t *testing.T, p Population) { assert.Equal(t, "1234", p.Name) }},
		"object where string expected": {`{"name":{"x":1},"description":"kept"}`, func(t *testing.T, p Population) {
			assert.Empty(t, p.Name)
			assert.Equal(t, "kept", p.Description)
		}},
		"null anywhere": {nullPopulation, func(t *testing.T, p Population) {
			fields := p
			fields.wire = wireMeta{} // what the codec remembers is checked below
			assert.Equal(t, Population{}, fields, "every field is zero")
			out, err := encodeJSON(p)
			require.NoError(t, err)
			assert.JSONEq(t, nullPopulation, string(out), "and encodes as the nulls it came as")
		}},
		"duplicate keys": {`{"name":"a","name":"b"}`, func(t *testing.T, p Population) { assert.Equal(t, "b", p.Name) }},
		"invalid utf8":   {"{\"name\":\"a\xffb\"}", func(t *testing.T, p Population) { assert.Contains(t, p.Name, "a") }},
		"bool as number": {`{"name":"a","default":1}`, func(t *testing.T, p Population) { assert.True(t, p.Default) }},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var p Population
			require.NoError(t, decodeJSON([]byte(tc.in), &p))
			tc.check(t, p)
		})
	}
}

func TestDecodeRejectsNonJSON(t *testing.T) {
	t.Parallel()
	var p Population
	assert.Error(t, decodeJSON([]byte(`<html>`), &p))
	assert.Error(t, decodeJSON([]byte(`{"name":"a"`), &p))
}

func TestOptionalEncoding(t *testing.T) {
	t.Parallel()
	type req struct {
		A Optional[string] `json:"a,omitzero"`
		B Optional[string] `json:"b,omitzero"`
		C Optional[bool]   `json:"c,omitzero"`
		D Optional[[]int]  `json:"d,omitzero"`
	}
	out, err := encodeJSON(req{A: Value("x"), B: Null[string](), C: Value(false)})
	require.NoError(t, err)
	assert.JSONEq(t, `{"a":"x","b":null,"c":false}`, string(out))

	var back req
	require.NoError(t, json.Unmarshal(out, &back))
	assert.Equal(t, "x", back.A.Or(""))
	assert.True(t, back.B.IsNull())
	v, ok := back.C.Get()
	assert.True(t, ok)
	assert.False(t, v)
	assert.True(t, back.D.IsZero())
}

func TestLenientDecodingDropsOnlyTheOddValue(t *testing.T) {
	t.Parallel()
	var u User
	require.NoError(t, decodeJSON([]byte(`{"username":"ada","address":"12 Main St","name":{"given":["A"],"family":"L"},"account":7,"enabled":true}`), &u))
	assert.Equal(t, "ada", u.Username)
	assert.Equal(t, UserAddress{}, u.Address, "a string where an object belongs is dropped")
	assert.Equal(t, "L", u.Name.Family, "the rest of the object is kept")
	assert.Empty(t, u.Name.Given)
	assert.True(t, u.Enabled)

	p, err := decodePage[User]([]byte(`{"_embedded":{"users":[{"username":"a","address":[1]},{"username":"b","lifecycle":"x"}]},"count":"2","size":2}`), "users", 0)
	require.NoError(t, err)
	require.Len(t, p.Items, 2)
	assert.Equal(t, "b", p.Items[1].Username)
	assert.Equal(t, 2, p.Count)
}

func TestIdentityProviderPageKeepsItemsWithOddValues(t *testing.T) {
	t.Parallel()
	for _, odd := range []string{`"icon":"x"`, `"scopes":"openid"`, `"registration":{"population":"pop-id"}`, `"idpVerification":{"certificates":"x"}`} {
		p, err := decodePage[IdentityProvider]([]byte(`{"_embedded":{"identityProviders":[{"id":"a","type":"GOOGLE","name":"g","clientId":"c"},{"id":"b","type":"OPENID_CONNECT","name":"o","clientId":"c",`+odd+`}]},"count":2,"size":2}`), "identityProviders", 0)
		require.NoError(t, err, odd)
		require.Len(t, p.Items, 2)
		assert.Equal(t, "o", p.Items[1].Name, odd)
		assert.NotNil(t, p.Items[1].OIDC, odd)
	}
}

func TestPasswordsRedactedOutsideRequests(t *testing.T) {
	t.Parallel()
	req := CreateUserRequest{Username: "bob", Password: InitialPassword{Value: "hunter2-secret"}}
	std, err := stdjson.Marshal(req)
	require.NoError(t, err)
	v2, err := json.Marshal(req)
	require.NoError(t, err)
	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("creating", "req", req)
	for _, out := range []string{string(std), string(v2), logged.String()} {
		assert.NotContains(t, out, "hunter2")
		assert.Contains(t, out, redacted)
	}
	sent, err := encodeJSON(req)
	require.NoError(t, err)
	assert.Contains(t, string(sent), `"value":"hunter2-secret"`, "the request to PingOne carries it")

	set := SetPasswordRequest{Value: "hunter3-secret", ForceChange: true}
	std, err = stdjson.Marshal(set)
	require.NoError(t, err)
	assert.NotContains(t, string(std), "hunter3")
	sent, err = encodeJSON(set)
	require.NoError(t, err)
	assert.JSONEq(t, `{"value":"hunter3-secret","forceChange":true}`, string(sent))
}

// A value of a type the codec does not plan itself (not a model) decodes
// strictly with go-json-experiment; a model inside it still goes through
// the codec, and an item of a page of such values that does not fit is left
// zero without costing the page.
func TestDecodeFallbackTypes(t *testing.T) {
	t.Parallel()
	var holder struct {
		Kind string `json:"kind"`
		User User   `json:"user"`
	}
	require.NoError(t, decodeJSON([]byte(`{"kind":"k","user":{"username":"ada","enabled":"true","account":7}}`), &holder))
	assert.Equal(t, "k", holder.Kind)
	assert.Equal(t, "ada", holder.User.Username)
	assert.True(t, holder.User.Enabled, "the codec coerces inside a fallback value")

	var strict struct {
		N int `json:"n"`
	}
	require.Error(t, decodeJSON([]byte(`{"n":"x"}`), &strict), "outside the codec, decoding is strict")

	type item struct {
		ID string `json:"id"`
	}
	p, err := decodePage[item]([]byte(`{"_embedded":{"items":[{"id":"a"},{"id":7},{"id":"c"}]},"count":3,"size":3}`), "items", 0)
	require.NoError(t, err)
	assert.Equal(t, []item{{ID: "a"}, {}, {ID: "c"}}, p.Items)
	assert.Equal(t, 3, p.Count)
}

// v2Only has only go-json-experiment's methods: the codec calls them.
type v2Only struct{ s string }

func (v v2Only) MarshalJSONTo(enc *jsontext.Encoder) error {
	return enc.WriteToken(jsontext.String("v2:" + v.s))
}

func (v *v2Only) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	tok, err := dec.ReadToken()
	if err != nil {
		return err
	}
	v.s = "from:" + tok.String()
	return nil
}

// TestEncodeNonModelValues covers request bodies that are not models: the
// codec plans their structs, writes interfaces by their dynamic value (a
// secret inside one is revealed in a request), []byte as base64 (nil as
// ""), and leaves the rest to the type's methods or encoding/json.
func TestEncodeNonModelValues(t *testing.T) {
	t.Parallel()
	type inner struct {
		At time.Time `json:"at"`
	}
	type body struct {
		Inner   inner          `json:"inner"`
		Any     any            `json:"any"`
		Secret  Secret         `json:"secret"`
		Bytes   []byte         `json:"bytes"`
		NoBytes []byte         `json:"noBytes"`
		HTML    any            `json:"html"`
		Keys    map[int]string `json:"keys"`
		V2      v2Only         `json:"v2"`
		Skipped string         `json:"skipped,omitzero"`
	}
	at := time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)
	out, err := encodeJSON(body{
		Inner: inner{At: at}, Any: NewSecret("s1"), Secret: NewSecret("s2"),
		Bytes: []byte("hi"), HTML: map[string]any{"a": "<b>&"}, Keys: map[int]string{2: "b", 1: "a"},
		V2: v2Only{"x"},
	})
	require.NoError(t, err)
	assert.Equal(t, `{"inner":{"at":"2024-03-01T10:00:00.000Z"},"any":"s1","secret":"s2","bytes":"aGk=","noBytes":"","html":{"a":"<b>&"},"keys":{"1":"a","2":"b"},"v2":"v2:x"}`, string(out))

	out, err = encodeJSON(nil)
	require.NoError(t, err)
	assert.Equal(t, "null", string(out))

	// Outside requests the secret in the interface is redacted.
	type wrap struct {
		Any any `json:"any"`
	}
	out, err = wireEncodeBytes(codecOf[wrap](), unsafe.Pointer(&wrap{Any: NewSecret("s1")}), false)
	require.NoError(t, err)
	assert.NotContains(t, string(out), "s1")
}

// TestDecodeNonModelValues: a type that is not a model decodes strictly,
// and a model inside one still goes to the codec. (A type with only
// UnmarshalJSONFrom is called at the top, not inside another value: no
// type of the SDK is one.)
func TestDecodeNonModelValues(t *testing.T) {
	t.Parallel()
	var v struct {
		N    int  `json:"n"`
		User User `json:"user"`
	}
	require.NoError(t, decodeJSON([]byte(`{"n":1,"user":{"username":"ada","enabled":"yes"}}`), &v))
	assert.Equal(t, 1, v.N)
	assert.Equal(t, "ada", v.User.Username)
	assert.Error(t, decodeJSON([]byte(`{"n":"one"}`), &v), "a non-model type decodes strictly")

	var w v2Only
	require.NoError(t, decodeJSON([]byte(`"z"`), &w))
	assert.Equal(t, "from:z", w.s)
	assert.Error(t, decodeJSON([]byte(`"z" "z"`), &w))
}
