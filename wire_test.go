package pingone

import (
	"bytes"
	stdjson "encoding/json"
	"fmt"
	"log/slog"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
	"unsafe"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone/internal/wiregen"
)

// semantic decodes a JSON text into plain Go values (encoding/json: the last
// of duplicate names wins, invalid UTF-8 becomes U+FFFD), for comparing two
// texts by meaning.
func semantic(t testing.TB, data []byte) any {
	t.Helper()
	var v any
	require.NoError(t, stdjson.Unmarshal(data, &v), "%s", data)
	return v
}

// fieldsOf returns v without what the codec remembers of its JSON.
func fieldsOf[T any](v T) T {
	pl := codecOf[T]().plan
	*(*wireMeta)(unsafe.Add(unsafe.Pointer(&v), pl.metaOff)) = wireMeta{}
	return v
}

func assertSameJSON(t testing.TB, want, got []byte, msgAndArgs ...any) {
	t.Helper()
	if diff := cmp.Diff(semantic(t, want), semantic(t, got)); diff != "" {
		assert.Fail(t, "JSON differs (-want +got):\n"+diff+"\ngot: "+string(got), msgAndArgs...)
	}
}

// wirePath is one way a caller decodes and encodes a model.
type wirePath struct {
	name   string
	decode func([]byte, *User) error
	encode func(*User) ([]byte, error)
	// strict paths refuse duplicate names and invalid UTF-8 unless told
	// otherwise (go-json-experiment's defaults).
	strict bool
}

var wirePaths = []wirePath{
	{name: "sdk", decode: func(b []byte, u *User) error { return decodeJSON(b, u) }, encode: func(u *User) ([]byte, error) { return encodeJSON(u) }},
	{name: "sdk-value", decode: func(b []byte, u *User) error { return decodeJSON(b, u) }, encode: func(u *User) ([]byte, error) { return encodeJSON(*u) }},
	{name: "encoding-json", decode: func(b []byte, u *User) error { return stdjson.Unmarshal(b, u) }, encode: func(u *User) ([]byte, error) { return stdjson.Marshal(u) }},
	{name: "encoding-json-value", decode: func(b []byte, u *User) error { return stdjson.Unmarshal(b, u) }, encode: func(u *User) ([]byte, error) { return stdjson.Marshal(*u) }},
	{name: "go-json-experiment", decode: func(b []byte, u *User) error { return json.Unmarshal(b, u) }, encode: func(u *User) ([]byte, error) { return json.Marshal(u) }, strict: true},
	{name: "go-json-experiment-lax", decode: func(b []byte, u *User) error {
		return json.Unmarshal(b, u, jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
	}, encode: func(u *User) ([]byte, error) { return json.Marshal(u, jsontext.AllowInvalidUTF8(true)) }},
}

const wireUnknownEverywhere = `{
  "id": "u1", "favoriteColor": "teal", "employee": {"number": 42, "tags": ["a"], "manager": null},
  "environment": {"id": "env", "region": "EU"},
  "name": {"given": "Ada", "suffixFromTheFuture": "III"},
  "address": {"locality": "London", "planet": "Earth"},
  "photo": {"href": "https://x/p.png", "width": 64},
  "population": {"id": "pop", "kind": "staff"},
  "account": {"status": "OK", "reason": {"code": 7}},
  "identityProvider": {"type": "PING_ONE", "since": "2020"},
  "lifecycle": {"status": "ACCOUNT_OK", "note": true},
  "lastSignOn": {"at": "2024-03-02T11:30:00.456Z", "device": "phone"},
  "_embedded": {"population": {"id": "pop", "name": "Staff", "passwordPolicy": {"id": "pp", "x": 1}, "y": [1]}, "groups": []},
  "_links": {"self": {"href": "h", "templated": false}}
}`

func TestWireRoundTrip(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		in   string
		want string // what re-encoding gives by meaning; in when empty
		// strictRefuses: go-json-experiment's defaults refuse the input.
		strictRefuses bool
		check         func(t *testing.T, u *User)
	}{{
		name: "zero values",
		in: `{"id":"u","username":"","mfaEnabled":false,"enabled":false,"emailVerified":false,"title":"","name":{},"address":{"locality":""},
			"account":{"secondsUntilUnlock":0,"canAuthenticate":false,"status":""},"memberOfGroupIDs":[],"lifecycle":{"suppressVerificationCode":false},
			"_embedded":{"population":{"name":"","userCount":0,"default":false,"alternativeIdentifiers":[],"environment":{}}},"_links":{}}`,
		check: func(t *testing.T, u *User) {
			assert.False(t, u.MFAEnabled)
			assert.Equal(t, new(false), u.Account.CanAuthenticate)
			assert.Equal(t, []string{}, u.MemberOfGroupIDs)
		},
	}, {
		name: "null",
		in: `{"id":"u","title":null,"name":null,"mfaEnabled":null,"account":{"canAuthenticate":null,"lockedAt":null,"secondsUntilUnlock":null},
			"memberOfGroupIDs":null,"createdAt":null,"_links":null,"population":null,"_embedded":{"population":{"name":null,"passwordPolicy":{"id":null}}}}`,
		check: func(t *testing.T, u *User) {
			assert.Empty(t, u.Title)
			assert.Nil(t, u.Account.CanAuthenticate)
			assert.True(t, u.CreatedAt.IsZero())
			assert.Empty(t, u.Population.ID)
		},
	}, {
		name: "odd values",
		in: `{"id":"u","mfaEnabled":"true","enabled":"yes","emailVerified":1,"title":12,"nickname":true,"name":{"given":["A"],"family":"L"},
			"address":"12 Main St","population":"p","environment":[],"photo":{"href":{"x":1}},
			"account":{"secondsUntilUnlock":"30","status":{"x":1},"lockedAt":1614297109790,"unlockAt":"1614297109","canAuthenticate":"false"},
			"createdAt":"2021-02-25T23:51:49.79","updatedAt":"2021-02-25T23:51:49+01:00","lastSignOn":{"at":"yesterday","remoteIp":10},
			"memberOfGroupIDs":["a",1,{}],"memberOfGroupNames":"eng","lifecycle":{"suppressVerificationCode":"true","status":7},
			"_links":"none","_embedded":{"population":{"name":"Staff","userCount":"12","default":"false","alternativeIdentifiers":"x"}}}`,
		check: func(t *testing.T, u *User) {
			assert.True(t, u.MFAEnabled, `"true"`)
			assert.False(t, u.Enabled, `"yes" cannot be coerced`)
			assert.True(t, u.EmailVerified, "1")
			assert.Equal(t, "12", u.Title)
			assert.Equal(t, "true", u.Nickname)
			assert.Empty(t, u.Name.Given)
			assert.Equal(t, "L", u.Name.Family, "the rest of the object is kept")
			assert.Equal(t, UserAddress{}, u.Address)
			assert.Equal(t, Ref{}, u.Population)
			assert.Equal(t, 30, u.Account.SecondsUntilUnlock)
			assert.Equal(t, time.UnixMilli(1614297109790).UTC(), u.Account.LockedAt)
			assert.Equal(t, time.Unix(1614297109, 0).UTC(), u.Account.UnlockAt)
			assert.Equal(t, new(false), u.Account.CanAuthenticate)
			assert.Equal(t, time.Date(2021, 2, 25, 23, 51, 49, 790e6, time.UTC), u.CreatedAt)
			assert.True(t, u.UpdatedAt.Equal(time.Date(2021, 2, 25, 22, 51, 49, 0, time.UTC)))
			assert.True(t, u.LastSignOn.At.IsZero())
			assert.Equal(t, "10", u.LastSignOn.RemoteIP)
			assert.Equal(t, []string{"a", "1", ""}, u.MemberOfGroupIDs)
			assert.Nil(t, u.MemberOfGroupNames)
			assert.Equal(t, new(true), u.Lifecycle.SuppressVerificationCode)
			assert.Equal(t, LifecycleStatus("7"), u.Lifecycle.Status)
			assert.True(t, u.Links.IsZero())
			assert.Equal(t, 12, u.Embedded.Population.UserCount)
			assert.False(t, u.Embedded.Population.Default)
		},
	}, {
		name: "unknown members at every level",
		in:   wireUnknownEverywhere,
		check: func(t *testing.T, u *User) {
			assert.JSONEq(t, `"teal"`, string(u.Extra["favoriteColor"]))
			assert.JSONEq(t, `"EU"`, string(u.Environment.Extra["region"]))
			assert.JSONEq(t, `"III"`, string(u.Name.Extra["suffixFromTheFuture"]))
			assert.JSONEq(t, `"Earth"`, string(u.Address.Extra["planet"]))
			assert.JSONEq(t, `64`, string(u.Photo.Extra["width"]))
			assert.JSONEq(t, `"staff"`, string(u.Population.Extra["kind"]))
			assert.JSONEq(t, `{"code":7}`, string(u.Account.Extra["reason"]))
			assert.JSONEq(t, `"2020"`, string(u.IdentityProvider.Extra["since"]))
			assert.JSONEq(t, `true`, string(u.Lifecycle.Extra["note"]))
			assert.JSONEq(t, `"phone"`, string(u.LastSignOn.Extra["device"]))
			assert.JSONEq(t, `[]`, string(u.Embedded.Extra["groups"]))
			assert.JSONEq(t, `[1]`, string(u.Embedded.Population.Extra["y"]))
			assert.JSONEq(t, `1`, string(u.Embedded.Population.PasswordPolicy.Extra["x"]))
			lk, ok := u.Links.Get("self")
			require.True(t, ok)
			assert.JSONEq(t, `false`, string(lk.Extra["templated"]))
		},
	}, {
		name:          "duplicate names",
		in:            `{"id":"a","id":"b","name":{"given":"x"},"name":{"family":"y"},"custom":1,"custom":2,"mfaEnabled":"yes","mfaEnabled":true,"title":null,"title":"T","account":{"status":"OK","status":"LOCKED"}}`,
		want:          `{"id":"b","name":{"family":"y"},"custom":2,"mfaEnabled":true,"title":"T","account":{"status":"LOCKED"}}`,
		strictRefuses: true,
		check: func(t *testing.T, u *User) {
			assert.Equal(t, "b", u.ID)
			assert.Equal(t, UserName{Family: "y"}, fieldsOf(u.Name), "the last object, not a merge")
			assert.True(t, u.MFAEnabled)
			assert.Equal(t, AccountLocked, u.Account.Status)
		},
	}, {
		name:          "invalid UTF-8",
		in:            "{\"id\":\"u\",\"title\":\"a\xffb\",\"x\xfe\":\"v\xff\",\"name\":{\"given\":\"\xc3\"},\"_links\":{\"self\":{\"href\":\"h\xff\"}}}",
		strictRefuses: true,
		check: func(t *testing.T, u *User) {
			assert.Equal(t, "a\uFFFDb", u.Title, "the field holds valid UTF-8")
			assert.Equal(t, "\uFFFD", u.Name.Given)
		},
	}, {
		name: "numbers",
		in:   `{"account":{"secondsUntilUnlock":1e2},"_embedded":{"population":{"userCount":12.0}},"address":{"locality":-0.5}}`,
		check: func(t *testing.T, u *User) {
			assert.Equal(t, 100, u.Account.SecondsUntilUnlock)
			assert.Equal(t, 12, u.Embedded.Population.UserCount)
			assert.Equal(t, "-0.5", u.Address.Locality)
		},
	}, {
		name: "timestamps in other layouts",
		in:   `{"createdAt":"2024-03-01T10:00:00Z","updatedAt":"2024-03-01T10:00:00.123456789Z","lastSignOn":{"at":"2024-03-01"},"account":{"lockedAt":"2024-03-01T10:00:00.1Z","unlockAt":" 1614297109.5 "}}`,
		check: func(t *testing.T, u *User) {
			assert.Equal(t, time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC), u.CreatedAt)
			assert.Equal(t, time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), u.LastSignOn.At)
			assert.Equal(t, time.Unix(1614297109, 5e8).UTC(), u.Account.UnlockAt)
		},
	}, {
		name: "not an object",
		in:   `["not","a","user"]`,
		check: func(t *testing.T, u *User) {
			assert.Empty(t, u.ID)
		},
	}}
	for _, tc := range cases {
		for _, path := range wirePaths {
			t.Run(tc.name+"/"+path.name, func(t *testing.T) {
				t.Parallel()
				want := tc.want
				if want == "" {
					want = tc.in
				}
				var u User
				err := path.decode([]byte(tc.in), &u)
				if path.strict && tc.strictRefuses {
					require.Error(t, err, "go-json-experiment refuses it by default")
					return
				}
				require.NoError(t, err)
				if tc.check != nil {
					tc.check(t, &u)
				}
				out, err := path.encode(&u)
				require.NoError(t, err)
				assertSameJSON(t, []byte(want), out)
				if strings.Contains(tc.in, "\xff") && path.name != "go-json-experiment-lax" {
					for _, kept := range []string{"\"a\xffb\"", "\"x\xfe\":\"v\xff\"", "\"\xc3\"", "\"h\xff\""} {
						assert.Contains(t, string(out), kept, "invalid UTF-8 goes back as it came")
					}
				}

				// Stable: what was written decodes and encodes the same.
				var again User
				require.NoError(t, path.decode(out, &again))
				out2, err := path.encode(&again)
				require.NoError(t, err)
				assert.Equal(t, string(out), string(out2))
			})
		}
	}
}

// TestWireChangedFieldsWin: a field the caller changed encodes its new
// value, whatever PingOne sent for it; an unchanged one what was sent.
func TestWireChangedFieldsWin(t *testing.T) {
	t.Parallel()
	in := `{"id":"u","mfaEnabled":"true","title":null,"nickname":7,"population":"p","enabled":false,"address":"x","account":{"canAuthenticate":"no"},"createdAt":1614297109790}`
	var u User
	require.NoError(t, decodeJSON([]byte(in), &u))
	u.MFAEnabled = false
	u.Title = "Dr"
	u.Population.ID = "pop"
	u.Enabled = true
	u.Address.Locality = "Paris"
	u.Account.CanAuthenticate = new(true)
	out, err := encodeJSON(&u)
	require.NoError(t, err)
	assertSameJSON(t, []byte(`{"id":"u","mfaEnabled":false,"title":"Dr","nickname":7,"population":{"id":"pop"},"enabled":true,"address":{"locality":"Paris"},"account":{"canAuthenticate":true},"createdAt":1614297109790}`), out)

	// A member PingOne sent is written even once the caller set its field
	// to zero.
	var v User
	require.NoError(t, decodeJSON([]byte(`{"title":"Mr","nickname":"","account":{"secondsUntilUnlock":"30"}}`), &v))
	v.Title = ""
	v.Account.SecondsUntilUnlock = 0
	out, err = encodeJSON(&v)
	require.NoError(t, err)
	assertSameJSON(t, []byte(`{"title":"","nickname":"","account":{"secondsUntilUnlock":0}}`), out)
}

// TestWireHandBuilt: a value built by hand writes what was set, omitzero
// fields only when not zero, other fields always.
func TestWireHandBuilt(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		v    any
		want string
	}{
		{"user", User{Username: "ada", MFAEnabled: false, Account: UserAccount{CanAuthenticate: new(false)}, Extra: map[string]stdjson.RawMessage{"costCenter": stdjson.RawMessage(`"CC"`)}},
			`{"username":"ada","account":{"canAuthenticate":false},"costCenter":"CC"}`},
		{"empty user", User{}, `{}`},
		{"population", Population{UserCount: 0}, `{"name":""}`},
		{"ref", Ref{}, `{"id":""}`},
		{"extra does not repeat a field", User{Username: "a", Extra: map[string]stdjson.RawMessage{"username": stdjson.RawMessage(`"b"`), "title": stdjson.RawMessage(`"t"`)}},
			`{"username":"a","title":"t"}`},
		{"create request", CreateUserRequest{Username: "u", Nickname: Null[string](), Title: Value(""), MFAEnabled: Value(false), Population: Value(Ref{ID: "p"}),
			Custom: map[string]stdjson.RawMessage{"skills": stdjson.RawMessage(`["a"]`)}},
			`{"username":"u","population":{"id":"p"},"nickname":null,"title":"","mfaEnabled":false,"skills":["a"]}`},
		{"update request", UpdateUserRequest{Title: Null[string](), Address: Value(UserAddress{Locality: "L"}), Custom: map[string]stdjson.RawMessage{"badge": stdjson.RawMessage(`null`)}},
			`{"title":null,"address":{"locality":"L"},"badge":null}`},
		{"update request, nothing set", UpdateUserRequest{}, `{}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			sdk, err := encodeJSON(tc.v)
			require.NoError(t, err)
			assertSameJSON(t, []byte(tc.want), sdk)
			std, err := stdjson.Marshal(tc.v)
			require.NoError(t, err)
			assert.Equal(t, string(sdk), string(std), "encoding/json")
			v2, err := json.Marshal(tc.v)
			require.NoError(t, err)
			assert.Equal(t, string(sdk), string(v2), "go-json-experiment")
		})
	}
}

// TestWireOptional: omitted, null and value, as fields and on their own.
func TestWireOptional(t *testing.T) {
	t.Parallel()
	req := UpdateUserRequest{Nickname: Value("Sam"), Title: Null[string](), Name: Value(UserName{Given: "A"})}
	for name, marshal := range map[string]func(any) ([]byte, error){"sdk": encodeJSON, "encoding-json": stdjson.Marshal, "go-json-experiment": func(v any) ([]byte, error) { return json.Marshal(v) }} {
		out, err := marshal(req)
		require.NoError(t, err, name)
		assert.JSONEq(t, `{"nickname":"Sam","title":null,"name":{"given":"A"}}`, string(out), name)
	}
	for name, unmarshal := range map[string]func([]byte, any) error{"sdk": decodeJSON, "encoding-json": stdjson.Unmarshal, "go-json-experiment": func(b []byte, v any) error { return json.Unmarshal(b, v) }} {
		var back UpdateUserRequest
		require.NoError(t, unmarshal([]byte(`{"nickname":"Sam","title":null,"name":{"given":"A"},"mfa":1}`), &back), name)
		assert.Equal(t, "Sam", back.Nickname.Or(""), name)
		assert.True(t, back.Title.IsNull(), name)
		assert.True(t, back.Email.IsZero(), name)
		n, _ := back.Name.Get()
		assert.Equal(t, "A", n.Given, name)
		assert.JSONEq(t, `1`, string(back.Custom["mfa"]), name)
	}
	out, err := stdjson.Marshal(Optional[int]{})
	require.NoError(t, err)
	assert.Equal(t, "null", string(out))
	var o Optional[int]
	require.NoError(t, stdjson.Unmarshal([]byte(`"7"`), &o))
	assert.Equal(t, 7, o.Or(0), "lenient inside too")
}

// wireSecretModel is a model holding a secret (none of the converted
// families has one yet).
type wireSecretModel struct {
	Name  string                        `json:"name,omitzero"`
	Key   Secret                        `json:"key,omitzero"`
	Keys  []Secret                      `json:"keys,omitzero"`
	Extra map[string]stdjson.RawMessage `json:",embed"`
	wire  wireMeta
}

var _ = unsafe.Offsetof(wireSecretModel{}.wire) // found by type, by the codec

func (v wireSecretModel) MarshalJSON() ([]byte, error)     { return marshalWire(&v) }
func (v *wireSecretModel) UnmarshalJSON(data []byte) error { return unmarshalWire(data, v) }
func (v *wireSecretModel) encodeWire(e *wireEncoder) error { return encodeWireModel(e, v) }
func (v *wireSecretModel) decodeWire(d *wireDecoder) error { return decodeWireModel(d, v) }

// TestWireSecrets: secrets and passwords are revealed only by the SDK's
// request encoding, never by encoding/json, go-json-experiment, fmt or
// log/slog, and a secret sent with an odd type is not written back raw
// outside requests.
func TestWireSecrets(t *testing.T) {
	t.Parallel()
	var m wireSecretModel
	require.NoError(t, decodeJSON([]byte(`{"name":"n","key":"s3cr3t-key","keys":["s3cr3t-a",12345678]}`), &m))
	assert.Equal(t, "s3cr3t-key", m.Key.Reveal())
	values := map[string]any{
		"model":    m,
		"secret":   NewSecret("s3cr3t-only"),
		"optional": UpdateUserRequest{Custom: map[string]stdjson.RawMessage{}},
		"create":   CreateUserRequest{Username: "u", Password: InitialPassword{Value: "s3cr3t-pass", ForceChange: true}},
		"set":      SetPasswordRequest{Value: "s3cr3t-set"},
	}
	for name, v := range values {
		std, err := stdjson.Marshal(v)
		require.NoError(t, err, name)
		v2, err := json.Marshal(v)
		require.NoError(t, err, name)
		var logged bytes.Buffer
		slog.New(slog.NewJSONHandler(&logged, nil)).Info("x", "v", v)
		for how, out := range map[string]string{
			"encoding/json": string(std), "go-json-experiment": string(v2), "slog": logged.String(),
			"%v": fmt.Sprintf("%v", v), "%+v": fmt.Sprintf("%+v", v), "%#v": fmt.Sprintf("%#v", v),
		} {
			assert.NotContains(t, out, "s3cr3t", "%s via %s", name, how)
			assert.NotContains(t, out, "12345678", "%s via %s: an odd secret's raw JSON", name, how)
		}
		sent, err := encodeJSON(v)
		require.NoError(t, err, name)
		if name != "optional" {
			assert.Contains(t, string(sent), "s3cr3t", "%s: the request to PingOne carries it", name)
		}
	}
	sent, err := encodeJSON(m)
	require.NoError(t, err)
	assert.JSONEq(t, `{"name":"n","key":"s3cr3t-key","keys":["s3cr3t-a",12345678]}`, string(sent))
	redactedJSON, err := stdjson.Marshal(m)
	require.NoError(t, err)
	assert.JSONEq(t, `{"name":"n","key":"[REDACTED]","keys":["[REDACTED]",""]}`, string(redactedJSON))
	var again wireSecretModel
	require.NoError(t, stdjson.Unmarshal([]byte(`{"key":"k"}`), &again))
	assert.Equal(t, "k", again.Key.Reveal(), "encoding/json decodes secrets")

	// Secrets inside a type still on go-json-experiment's path.
	type oldStyle struct {
		S Secret           `json:"s"`
		O Optional[Secret] `json:"o,omitzero"`
	}
	sent, err = encodeJSON(oldStyle{S: NewSecret("a"), O: Value(NewSecret("b"))})
	require.NoError(t, err)
	assert.JSONEq(t, `{"s":"a","o":"b"}`, string(sent))
	std, err := stdjson.Marshal(oldStyle{S: NewSecret("a"), O: Value(NewSecret("b"))})
	require.NoError(t, err)
	assert.JSONEq(t, `{"s":"[REDACTED]","o":"[REDACTED]"}`, string(std))
}

// TestWireOddPage: a page where every user has an odd value decodes in one
// pass, keeps every other member, and each user writes its odd value back.
func TestWireOddPage(t *testing.T) {
	t.Parallel()
	const n = 1000
	data := wireBenchPage(n, `"p"`)
	p, err := decodePage[User](data, "users", 0)
	require.NoError(t, err)
	require.Len(t, p.Items, n)
	assert.Equal(t, n, p.Count)
	for i := range p.Items {
		u := &p.Items[i]
		require.Equal(t, fmt.Sprintf("user%d", i), u.Username)
		require.Equal(t, fmt.Sprintf("user%d@example.com", i), u.Email)
		require.Equal(t, fmt.Sprintf("Given%d", i), u.Name.Given)
		require.JSONEq(t, fmt.Sprintf(`"E%d"`, i), string(u.Extra["employeeNumber"]))
		require.Empty(t, u.Population.ID)
		if i%97 == 0 {
			out, err := encodeJSON(u)
			require.NoError(t, err)
			assertSameJSON(t, []byte(wireBenchUser(i, `"p"`)), out)
		}
	}

	// The same users through encoding/json.
	var users []User
	require.NoError(t, stdjson.Unmarshal([]byte("["+wireBenchUser(1, `"p"`)+","+wireBenchUser(2, `{"id":"x","more":1}`)+"]"), &users))
	out, err := stdjson.Marshal(users)
	require.NoError(t, err)
	assertSameJSON(t, []byte("["+wireBenchUser(1, `"p"`)+","+wireBenchUser(2, `{"id":"x","more":1}`)+"]"), out)
}

func TestWirePage(t *testing.T) {
	t.Parallel()
	p, err := decodePage[User]([]byte(`{"_links":{"next":{"href":"https://n"},"self":{"href":"s"}},"count":"3","size":2,"_embedded":{"groups":[1],"users":[{"id":"1"},"odd",null,{"id":"4"}]}}`), "users", 0)
	require.NoError(t, err)
	assert.Equal(t, "https://n", p.Next)
	assert.Equal(t, 3, p.Count)
	assert.Equal(t, 2, p.Size)
	require.Len(t, p.Items, 4)
	assert.Equal(t, "4", p.Items[3].ID)
	out, err := encodeJSON(&p.Items[1])
	require.NoError(t, err)
	assert.Equal(t, `"odd"`, string(out), "an item that is not an object keeps what it was")

	for _, bad := range []string{`[]`, `{"_embedded":{"users":[{"id":}]}}`, `{"count":1`, `<html>`} {
		_, err := decodePage[User]([]byte(bad), "users", 0)
		assert.Error(t, err, bad)
	}
}

func TestWireStructuralErrors(t *testing.T) {
	t.Parallel()
	for _, bad := range []string{``, `{"id":`, `<html>`, `{"id":"a"} {"id":"b"}`, `{"id":"a"} x`, `{"id":"a",}`, `{"name":{"given":"x"]}`} {
		var u User
		assert.Error(t, decodeJSON([]byte(bad), &u), "%q", bad)
		assert.Error(t, unmarshalWire([]byte(bad), &u), "%q", bad)
	}
	var u User
	require.NoError(t, decodeJSON([]byte(`null`), &u))
	assert.Equal(t, User{}, u, "null changes nothing")
	require.NoError(t, decodeJSON([]byte(` "x" `), &u))
	out, err := stdjson.Marshal(u)
	require.NoError(t, err)
	assert.Equal(t, `"x"`, string(out))
}

// wideModel has more fields than fit in wireMeta's bits.
type wideModel struct {
	wideA
	wideB
	C0, C1, C2, C3, C4, C5, C6, C7, C8, C9 string
	Extra                                  map[string]stdjson.RawMessage `json:",embed"`
	wire                                   wireMeta
}

var _ = unsafe.Offsetof(wideModel{}.wire) // found by type, by the codec

func (v *wideModel) encodeWire(e *wireEncoder) error { return encodeWireModel(e, v) }
func (v *wideModel) decodeWire(d *wireDecoder) error { return decodeWireModel(d, v) }

type wideA struct {
	A00, A01, A02, A03, A04, A05, A06, A07, A08, A09, A10, A11, A12, A13, A14, A15, A16, A17, A18, A19 bool `json:",omitzero"`
	A20, A21, A22, A23, A24, A25, A26, A27, A28, A29, A30, A31, A32, A33, A34, A35, A36, A37, A38, A39 bool `json:",omitzero"`
}

type wideB struct {
	B00, B01, B02, B03, B04, B05, B06, B07, B08, B09, B10, B11, B12, B13, B14, B15, B16, B17, B18, B19 int `json:",omitzero"`
	B20, B21, B22, B23, B24, B25, B26, B27, B28, B29, B30, B31, B32, B33, B34, B35, B36, B37, B38, B39 int `json:",omitzero"`
}

func TestWireMoreThan64Fields(t *testing.T) {
	t.Parallel()
	require.Len(t, codecOf[wideModel]().plan.fields, 90)
	in := `{"A00":false,"A39":true,"B00":0,"B39":0,"B38":"7","B30":null,"C0":"","C9":"x","z":1}`
	var w wideModel
	require.NoError(t, decodeJSON([]byte(in), &w))
	assert.Equal(t, 7, w.B38)
	out, err := encodeJSON(&w)
	require.NoError(t, err)
	assertSameJSON(t, []byte(in), out, "zero values past field 64 kept, absent C1..C8 left out")

	out, err = encodeJSON(&wideModel{})
	require.NoError(t, err)
	assert.JSONEq(t, `{"C0":"","C1":"","C2":"","C3":"","C4":"","C5":"","C6":"","C7":"","C8":"","C9":""}`, string(out))
}

// TestWireTypes: every generated model is laid out by the codec itself,
// with an Extra map, and every value it holds has a codec (none falls back
// to go-json-experiment silently).
func TestWireTypes(t *testing.T) {
	t.Parallel()
	for _, wt := range wireTypes {
		typ := wt.typ
		c := codecFor(typ)
		require.NoError(t, c.err, typ.String())
		require.Equal(t, wkStruct, c.kind, typ.String())
		require.True(t, c.plan.hasMeta, typ.String())
		assert.Equal(t, wt.metaOff, c.plan.metaOff, "%s: the codec finds its wireMeta", typ)
		if typ.Name() != "passwordWire" {
			assert.True(t, c.plan.hasExtra, "%s keeps unknown members", typ)
		}
		for _, f := range c.plan.fields {
			for fc := f.codec; fc != nil; fc = fc.elem {
				assert.NotEqual(t, wkFallback, fc.kind, "%s.%s (%s): convert it", typ, f.name, fc.typ)
			}
		}
	}
}

// TestWireMethodsUpToDate fails when wire_methods.go or wire_types_test.go
// is not what internal/cmd/wiregen writes (run go generate).
func TestWireMethodsUpToDate(t *testing.T) {
	t.Parallel()
	for name, generate := range map[string]func(string) ([]byte, error){
		wiregen.FileName:      wiregen.Generate,
		wiregen.TypesFileName: wiregen.GenerateTypes,
	} {
		want, err := generate(".")
		require.NoError(t, err)
		got, err := os.ReadFile(name)
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got), "%s: run go generate", name)
	}
}

// TestWireAPI: the codec's types stay out of the exported API.
func TestWireAPI(t *testing.T) {
	t.Parallel()
	jsontextPkg := reflect.TypeFor[jsontext.Value]().PkgPath()
	jsonPkg := reflect.TypeFor[json.Options]().PkgPath()
	types := []reflect.Type{reflect.TypeFor[Optional[string]](), reflect.TypeFor[Secret](), reflect.TypeFor[Links](), reflect.TypeFor[InitialPassword](), reflect.TypeFor[SetPasswordRequest]()}
	for _, wt := range wireTypes {
		types = append(types, wt.typ)
	}
	for _, typ := range types {
		for _, tt := range []reflect.Type{typ, reflect.PointerTo(typ)} {
			for m := range tt.Methods() {
				for in := range m.Type.Ins() {
					p := in.PkgPath()
					assert.False(t, p == jsontextPkg || p == jsonPkg, "%s.%s takes a go-json-experiment type", tt, m.Name)
				}
				for out := range m.Type.Outs() {
					p := out.PkgPath()
					assert.False(t, p == jsontextPkg || p == jsonPkg, "%s.%s returns a go-json-experiment type", tt, m.Name)
				}
			}
		}
		if typ.Kind() == reflect.Struct {
			for f := range typ.Fields() {
				if f.IsExported() {
					assert.NotContains(t, f.Type.String(), "jsontext", "%s.%s", typ, f.Name)
				}
			}
		}
	}
}

// FuzzWireUser: whatever decodes into a User encodes again, to the same
// JSON by meaning, and the same bytes on a second round.
func FuzzWireUser(f *testing.F) {
	for _, seed := range []string{
		`{"":{"":"","":[]}}`,
		wireUnknownEverywhere,
		wireBenchUser(1, `"p"`),
		`{"mfaEnabled":"true","title":null,"account":{"canAuthenticate":"x","lockedAt":1e300},"memberOfGroupIDs":[1,null]}`,
		"{\"title\":\"a\xffb\",\"\\u0074itle\":1}",
		`[1]`, `null`, `"x"`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var u User
		if decodeJSON(data, &u) != nil {
			return
		}
		out, err := encodeJSON(&u)
		if err != nil {
			t.Fatalf("decoded but does not encode: %v", err)
		}
		// By meaning (what encoding/json reads): not for invalid UTF-8,
		// where names that differ only in invalid bytes read as one.
		if string(bytes.TrimSpace(data)) != "null" && utf8.Valid(data) {
			var want, got any
			if stdjson.Unmarshal(data, &want) == nil {
				require.NoError(t, stdjson.Unmarshal(out, &got), "%s", out)
				if diff := cmp.Diff(want, got); diff != "" {
					t.Fatalf("re-encoding differs (-sent +encoded):\n%s\nsent: %q\nencoded: %q", diff, data, out)
				}
			}
		}
		var again User
		require.NoError(t, decodeJSON(out, &again))
		out2, err := encodeJSON(&again)
		require.NoError(t, err)
		if !bytes.Equal(out, out2) {
			t.Fatalf("not stable:\n%q\n%q", out, out2)
		}
		if _, err := stdjson.Marshal(u); err != nil {
			t.Fatalf("encoding/json: %v", err)
		}
	})
}

// TestWireOptionalSetBackToOmitted: a decoded request whose Optional the
// caller sets back to omitted leaves the member out (null would clear it).
func TestWireOptionalSetBackToOmitted(t *testing.T) {
	t.Parallel()
	var r PopulationRequest
	require.NoError(t, unmarshalWire([]byte(`{"name":"a","description":"d","default":false}`), &r))
	r.Description = Optional[string]{}
	out, err := encodeJSON(r)
	require.NoError(t, err)
	assert.JSONEq(t, `{"name":"a","default":false}`, string(out))
	r.Description = Null[string]()
	out, err = encodeJSON(r)
	require.NoError(t, err)
	assert.JSONEq(t, `{"name":"a","description":null,"default":false}`, string(out))
}
