package roundtrip_test

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone/internal/contract"
	"github.com/pingone-go/pingone/internal/roundtrip"
)

const (
	contractDir = "../../testdata/contract"
	corpusDir   = "../../testdata/roundtrip"
)

func loadContract(t *testing.T) *contract.Contract {
	t.Helper()
	return contract.LoadForTest(t, contractDir)
}

// TestRoundTripCorpusUpToDate checks that the committed corpus is what the generator
// writes from the committed contract, file for file, and that two runs agree.
func TestRoundTripCorpusUpToDate(t *testing.T) {
	c := loadContract(t)
	files, err := roundtrip.Generate(c)
	require.NoError(t, err)
	again, err := roundtrip.Generate(c)
	require.NoError(t, err)
	require.Equal(t, len(files), len(again))
	for name, data := range files {
		assert.True(t, bytes.Equal(data, again[name]), "%s: two runs differ", name)
	}

	committed := map[string]bool{}
	require.NoError(t, filepath.WalkDir(corpusDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(corpusDir, path)
		if err != nil {
			return err
		}
		committed[filepath.ToSlash(rel)] = true
		return nil
	}))
	const stale = "testdata/roundtrip is out of date: run `make roundtrip` (go run ./internal/cmd/roundtripgen)"
	for name, data := range files {
		have, err := os.ReadFile(filepath.Join(corpusDir, filepath.FromSlash(name)))
		if !assert.NoError(t, err, "%s missing: %s", name, stale) {
			continue
		}
		assert.True(t, bytes.Equal(data, have), "%s differs: %s", name, stale)
	}
	for name := range committed {
		_, ok := files[name]
		assert.True(t, ok, "%s is not generated any more: %s", name, stale)
	}
}

// TestRoundTripWriteRemovesStaleFiles checks that Write leaves exactly the corpus.
func TestRoundTripWriteRemovesStaleFiles(t *testing.T) {
	c := loadContract(t)
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "Gone"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Gone", "full.json"), []byte("{}\n"), 0o644))
	require.NoError(t, roundtrip.Write(c, dir))
	_, err := os.Stat(filepath.Join(dir, "Gone"))
	assert.ErrorIs(t, err, fs.ErrNotExist)
	idx, err := roundtrip.LoadIndex(dir)
	require.NoError(t, err)
	assert.NotEmpty(t, idx.Actions)
}

// TestRoundTripIndex checks the index against the contract: every action, in order,
// with shapes exactly when it answers with a body.
func TestRoundTripIndex(t *testing.T) {
	c := loadContract(t)
	idx, err := roundtrip.LoadIndex(corpusDir)
	require.NoError(t, err)
	assert.Equal(t, roundtrip.Kinds, idx.Kinds)
	actions := c.Actions()
	require.Len(t, idx.Actions, len(actions))
	for i, a := range actions {
		e := idx.Actions[i]
		assert.Equal(t, a.Name, e.Name)
		assert.Equal(t, a.Status, e.Status, a.Name)
		sr, err := c.ResponseSchema(a.Name)
		require.NoError(t, err)
		if sr == nil {
			assert.Empty(t, e.Shapes, "%s answers without a body", a.Name)
			continue
		}
		assert.NotEmpty(t, e.Shapes, a.Name)
		assert.Equal(t, strings.HasPrefix(a.Name, "List ") || a.Name == "Get User Activities", e.Collection != "", "%s: collection %q", a.Name, e.Collection)
	}
	// Polymorphic responses: a shape per variant.
	for _, name := range []string{"Get Application", "Update Application"} {
		assert.Len(t, find(t, idx, name).Shapes, 7, name)
	}
	assert.Len(t, find(t, idx, "Create Application").Shapes, 4)
	assert.Len(t, find(t, idx, "Get Identity Provider").Shapes, 13, "one per identity provider type")
}

func find(t *testing.T, idx *roundtrip.Index, action string) roundtrip.Action {
	t.Helper()
	for _, a := range idx.Actions {
		if a.Name == action {
			return a
		}
	}
	t.Fatalf("no action %q in the index", action)
	return roundtrip.Action{}
}

type body struct {
	action contract.Action
	entry  roundtrip.Action
	roundtrip.Body
	value any
}

func bodies(t *testing.T) (*contract.Contract, []body) {
	t.Helper()
	c := loadContract(t)
	idx, err := roundtrip.LoadIndex(corpusDir)
	require.NoError(t, err)
	byName := map[string]contract.Action{}
	for _, a := range c.Actions() {
		byName[a.Name] = a
	}
	var out []body
	for _, e := range idx.Actions {
		for _, b := range idx.Bodies(e) {
			raw, err := os.ReadFile(filepath.Join(corpusDir, b.File))
			require.NoError(t, err)
			dec := json.NewDecoder(bytes.NewReader(raw))
			dec.UseNumber()
			var v any
			require.NoError(t, dec.Decode(&v), b.File)
			out = append(out, body{action: byName[e.Name], entry: e, Body: b, value: v})
		}
	}
	return c, out
}

var param = regexp.MustCompile(`\{[^}]+\}`)

func validate(c *contract.Contract, a contract.Action, data []byte) error {
	url := "https://api.pingone.test/v1" + param.ReplaceAllString(a.Path, "p1")
	if a.Host == contract.HostAuth {
		url = "https://auth.pingone.test" + param.ReplaceAllString(a.Path, "p1")
	}
	req, err := http.NewRequest(a.Method, url, nil)
	if err != nil {
		return err
	}
	_, err = c.ValidateResponse(req, a.Status, http.Header{"Content-Type": {"application/json"}}, data)
	return err
}

// TestRoundTripBodiesFollowTheContract checks the bodies against the contract: the
// full, null and unknown ones are valid responses of their action (the
// generator follows the schemas); every odd one is not (it holds values of
// the wrong JSON type) for one action at least: an application variant the
// spec leaves almost empty (the admin console) accepts any object, so an odd
// body of another variant passes as one where that variant is allowed.
func TestRoundTripBodiesFollowTheContract(t *testing.T) {
	c, all := bodies(t)
	require.NotEmpty(t, all)
	oddRejected := map[string]bool{}
	for _, b := range all {
		raw, err := os.ReadFile(filepath.Join(corpusDir, b.File))
		require.NoError(t, err)
		err = validate(c, b.action, raw)
		switch b.Kind {
		case roundtrip.KindFull, roundtrip.KindNull, roundtrip.KindUnknown:
			assert.NoError(t, err, "%s for %s", b.File, b.action.Name)
		case roundtrip.KindOdd:
			oddRejected[b.File] = oddRejected[b.File] || err != nil
		}
	}
	require.NotEmpty(t, oddRejected)
	for file, rejected := range oddRejected {
		assert.True(t, rejected, "%s passes the contract of every action answering with it", file)
	}
}

// TestRoundTripKinds checks what each kind promises, against the full body of the
// same shape.
func TestRoundTripKinds(t *testing.T) {
	_, all := bodies(t)
	full := map[string]any{}
	for _, b := range all {
		if b.Kind == roundtrip.KindFull {
			full[b.Shape] = b.value
		}
	}
	discriminator := map[string]bool{}
	for _, v := range []string{"OPENID_CONNECT", "SAML", "WS_FED", "EXTERNAL_LINK", "WEB_APP", "PORTAL_LINK_APP",
		"PING_ONE_PORTAL", "PING_ONE_SELF_SERVICE", "PING_ONE_ADMIN_CONSOLE", "FACEBOOK", "GOOGLE", "LINKEDIN",
		"LINKEDIN_OIDC", "TWITTER", "AMAZON", "YAHOO", "GITHUB", "APPLE", "PAYPAL", "MICROSOFT"} {
		discriminator[v] = true
	}
	for _, b := range all {
		f := full[b.Shape]
		require.NotNil(t, f, b.Shape)
		page := b.entry.Collection != ""
		switch b.Kind {
		case roundtrip.KindFull:
			walk(b.value, "", func(ptr string, v any) {
				assert.False(t, isZero(v), "%s %s: zero value %v in a full body", b.File, ptr, v)
			})
		case roundtrip.KindZero:
			walk(b.value, "", func(ptr string, v any) {
				if page && !strings.HasPrefix(ptr, "/_embedded/") {
					return // the page's own members are full
				}
				if s, ok := v.(string); ok && discriminator[s] {
					return
				}
				assert.True(t, isZero(v) || isContainer(v), "%s %s: %v in a zero body", b.File, ptr, v)
			})
		case roundtrip.KindEmpty:
			for _, r := range resources(b.value, b.entry.Collection) {
				for name, v := range r.(map[string]any) {
					if s, ok := v.(string); ok && discriminator[s] {
						continue
					}
					assert.True(t, isZero(v), "%s /%s: %v in an empty body", b.File, name, v)
				}
			}
		case roundtrip.KindUnknown:
			n := 0
			stripped := strip(b.value, &n)
			assert.Empty(t, sameModuloEnums(stripped, f, ""), "%s: less its undeclared members, the full body", b.File)
			assert.Greater(t, n, 0, b.File)
		case roundtrip.KindOdd:
			assert.Equal(t, paths(f), paths(b.value), "%s: the members of the full body", b.File)
		case roundtrip.KindNull:
			assert.Subset(t, paths(f), paths(b.value), "%s: members of the full body", b.File)
			nulls := 0
			walk(b.value, "", func(_ string, v any) {
				if v == nil {
					nulls++
				}
			})
			assert.Greater(t, nulls, 0, "%s holds no null", b.File)
		}
	}
}

// resources returns the resource objects of a body: itself, or a page's items.
func resources(v any, collection string) []any {
	if collection == "" {
		return []any{v}
	}
	return v.(map[string]any)["_embedded"].(map[string]any)[collection].([]any)
}

func walk(v any, ptr string, leaf func(string, any)) {
	switch t := v.(type) {
	case map[string]any:
		if len(t) == 0 {
			leaf(ptr, t)
		}
		for k, x := range t {
			walk(x, ptr+"/"+k, leaf)
		}
	case []any:
		if len(t) == 0 {
			leaf(ptr, t)
		}
		for i, x := range t {
			walk(x, ptr+"/"+strconv.Itoa(i), leaf)
		}
	default:
		leaf(ptr, v)
	}
}

func isZero(v any) bool {
	switch t := v.(type) {
	case nil:
		return true
	case string:
		return t == ""
	case bool:
		return !t
	case json.Number:
		return t == "0"
	case map[string]any:
		return len(t) == 0
	case []any:
		return len(t) == 0
	}
	return false
}

func isContainer(v any) bool {
	switch v.(type) {
	case map[string]any, []any:
		return true
	}
	return false
}

// strip removes the undeclared members (counting them in n) and turns
// undeclared enum values into a marker.
func strip(v any, n *int) any {
	switch t := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, x := range t {
			if strings.HasPrefix(k, "rtUnknown") {
				*n++
				continue
			}
			out[k] = strip(x, n)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, x := range t {
			out[i] = strip(x, n)
		}
		return out
	case string:
		if strings.HasPrefix(t, "ROUNDTRIP_UNDECLARED_") {
			*n++
			return "enum"
		}
	}
	return v
}

// sameModuloEnums reports where b, the full body, and a, an unknown one
// stripped, differ other than by an undeclared enum value in a.
func sameModuloEnums(a, b any, ptr string) string {
	switch at := a.(type) {
	case map[string]any:
		bt, ok := b.(map[string]any)
		if !ok || len(at) != len(bt) {
			return ptr
		}
		for k, x := range at {
			y, ok := bt[k]
			if !ok {
				return ptr + "/" + k
			}
			if d := sameModuloEnums(x, y, ptr+"/"+k); d != "" {
				return d
			}
		}
		return ""
	case []any:
		bt, ok := b.([]any)
		if !ok || len(at) != len(bt) {
			return ptr
		}
		for i := range at {
			if d := sameModuloEnums(at[i], bt[i], ptr+"/"+strconv.Itoa(i)); d != "" {
				return d
			}
		}
		return ""
	case string:
		if _, isString := b.(string); isString && at == "enum" {
			return ""
		}
	}
	if a != b {
		return ptr
	}
	return ""
}

// paths lists the member paths of a body down to the first null or scalar.
func paths(v any) []string {
	var out []string
	var rec func(any, string)
	rec = func(v any, ptr string) {
		switch t := v.(type) {
		case map[string]any:
			for k, x := range t {
				out = append(out, ptr+"/"+k)
				if x != nil {
					rec(x, ptr+"/"+k)
				}
			}
		case []any:
			for _, x := range t {
				rec(x, ptr+"/*")
			}
		}
	}
	rec(v, "")
	slices.Sort(out)
	return slices.Compact(out)
}
