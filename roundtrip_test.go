package pingone_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/google/go-cmp/cmp"
	"github.com/jarcoal/httpmock"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/internal/roundtrip"
)

const roundTripDir = "testdata/roundtrip"

// TestRoundTrip decodes every body of the round-trip corpus (testdata/
// roundtrip, generated from the contract by internal/roundtrip: full, zero,
// empty, null, unknown and odd bodies of every response shape) through the
// SDK method of its action, answered by httpmock as PingOne would, and
// checks that the value the method returns encodes back to the body with no
// member lost or changed, compared as JSON values:
//
//   - with encoding/json, where a secret (a member the spec marks format:
//     password) may be written "[REDACTED]";
//   - with the SDK's request encoder, which writes secrets themselves.
//
// A list action returns a page: each item is compared with the body's item
// (_embedded.<key>[i]), and the page's Count, Size and Next with the body's
// count, size and _links.next.href. Page keeps nothing else of a page (its
// other links and undeclared members are dropped) and has no encoding, so
// the rest of the page is not compared.
func TestRoundTrip(t *testing.T) {
	idx, err := roundtrip.LoadIndex(roundTripDir)
	if err != nil {
		t.Fatal(err)
	}
	family := map[string]string{}
	for _, a := range loadContract(t).Actions() {
		family[a.Name] = a.Family
	}
	cases := map[string]actionCase{}
	for _, ac := range actionCases {
		if _, seen := cases[ac.action]; !seen {
			cases[ac.action] = ac
		}
	}

	var (
		mu              sync.Mutex
		total, lossless int
		famTotal, famOK = map[string]int{}, map[string]int{}
		failedByFamily  = map[string][]string{}
	)
	t.Run("actions", func(t *testing.T) {
		for _, a := range idx.Actions {
			bodies := idx.Bodies(a)
			if len(bodies) == 0 {
				continue // answers without a body
			}
			t.Run(strings.ReplaceAll(a.Name, " ", "_"), func(t *testing.T) {
				t.Parallel()
				ac, ok := cases[a.Name]
				passed := 0
				for _, b := range bodies {
					if !ok {
						t.Errorf("%s: no action case registered for %q", b.File, a.Name)
						continue
					}
					if roundTripBody(t, ac, a, b) {
						passed++
					}
				}
				mu.Lock()
				defer mu.Unlock()
				f := family[a.Name]
				total += len(bodies)
				lossless += passed
				famTotal[f] += len(bodies)
				famOK[f] += passed
				if passed < len(bodies) {
					failedByFamily[f] = append(failedByFamily[f], fmt.Sprintf("%s %d/%d", a.Name, passed, len(bodies)))
				}
			})
		}
	})
	fams := make([]string, 0, len(famTotal))
	for f := range famTotal {
		fams = append(fams, f)
	}
	slices.Sort(fams)
	for _, f := range fams {
		line := fmt.Sprintf("roundtrip: %s %d/%d", f, famOK[f], famTotal[f])
		if fails := failedByFamily[f]; len(fails) > 0 {
			slices.Sort(fails)
			line += " (lossy: " + strings.Join(fails, ", ") + ")"
		}
		fmt.Println(line)
	}
	fmt.Printf("roundtrip: %d/%d bodies lossless\n", lossless, total)
}

// roundTripBody serves one body to the action's SDK call and compares what
// it returned; it reports whether the body came back whole.
func roundTripBody(t *testing.T, ac actionCase, a roundtrip.Action, b roundtrip.Body) bool {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(roundTripDir, filepath.FromSlash(b.File)))
	if err != nil {
		t.Errorf("%s: %v", b.File, err)
		return false
	}
	want, err := decodeAny(raw)
	if err != nil {
		t.Errorf("%s: %v", b.File, err)
		return false
	}

	c, mt := rawMockClient(t)
	url := testAPIBase + ac.path
	if strings.HasPrefix(ac.path, "auth:") {
		url = testAuth + strings.TrimPrefix(ac.path, "auth:")
	}
	mt.RegisterResponder(ac.method, url, func(*http.Request) (*http.Response, error) {
		resp := httpmock.NewBytesResponse(a.Status, raw)
		resp.Header.Set("Content-Type", "application/json")
		return resp, nil
	})
	if next := nextLink(want); a.Collection != "" && strings.HasPrefix(next, testAPIBase+"/") {
		// A method that walks the whole list (Activities) finds the
		// last page there.
		last := fmt.Sprintf(`{"_embedded":{%q:[]},"count":0,"size":0}`, a.Collection)
		mt.RegisterResponder(http.MethodGet, next, jsonResponder(http.StatusOK, last))
	}
	got, err := ac.call(t.Context(), c, c.Environment(testEnv))
	if err != nil {
		t.Errorf("%s: %s returned an error: %v", b.File, a.Name, err)
		return false
	}
	if got == nil || reflect.ValueOf(got).Kind() == reflect.Pointer && reflect.ValueOf(got).IsNil() {
		t.Errorf("%s: %s returns nothing to encode", b.File, a.Name)
		return false
	}

	if a.Collection == "" {
		return compareEncodings(t, b.File, got, want, b.Secrets)
	}

	page, _ := want.(map[string]any)
	emb, _ := page["_embedded"].(map[string]any)
	wantItems, _ := emb[a.Collection].([]any)
	rv := reflect.ValueOf(got)
	if rv.Kind() == reflect.Pointer && rv.Elem().Kind() == reflect.Struct {
		ok := comparePage(t, b.File, rv.Elem(), page)
		// The page itself encodes back to the collection PingOne sent:
		// its links, count, size and the members this version does not
		// know, around the items.
		if diff, err := encodedDiff(json.Marshal, got, want, b.Secrets); err != nil || diff != "" {
			ok = false
			reportDiff(t, b.File+" (the whole page)", "encoding/json", got, err, diff)
		}
		rv = rv.Elem().FieldByName("Items")
		if !rv.IsValid() || rv.Kind() != reflect.Slice {
			t.Errorf("%s: %s returned a %T, not a page", b.File, a.Name, got)
			return false
		}
		if !ok {
			return false
		}
	}
	if rv.Kind() != reflect.Slice {
		t.Errorf("%s: %s returned a %T, not a page or a list", b.File, a.Name, got)
		return false
	}
	if rv.Len() != len(wantItems) {
		t.Errorf("%s: %d items, the body holds %d", b.File, rv.Len(), len(wantItems))
		return false
	}
	ok := true
	for i := range wantItems {
		prefix := "/_embedded/" + a.Collection + "/" + strconv.Itoa(i)
		var secrets []string
		for _, p := range b.Secrets {
			if rest, found := strings.CutPrefix(p, prefix+"/"); found {
				secrets = append(secrets, "/"+rest)
			}
		}
		ok = compareEncodings(t, fmt.Sprintf("%s item %d", b.File, i), rv.Index(i).Addr().Interface(), wantItems[i], secrets) && ok
	}
	return ok
}

// comparePage compares what Page keeps of a page with the body.
func comparePage(t *testing.T, where string, p reflect.Value, body map[string]any) bool {
	t.Helper()
	ok := true
	for _, m := range []struct{ field, member string }{{"Count", "count"}, {"Size", "size"}} {
		f := p.FieldByName(m.field)
		if !f.IsValid() {
			continue
		}
		if n, isNum := body[m.member].(json.Number); isNum && n.String() != strconv.FormatInt(f.Int(), 10) {
			t.Errorf("%s: Page.%s is %d, the body's %s %s", where, m.field, f.Int(), m.member, n)
			ok = false
		}
	}
	if f := p.FieldByName("Next"); f.IsValid() {
		if next := nextLink(body); f.String() != next {
			t.Errorf("%s: Page.Next is %q, the body's next link %q", where, f.String(), nextLink(body))
			ok = false
		}
	}
	return ok
}

// nextLink returns a page's _links.next.href, or "".
func nextLink(page any) string {
	body, _ := page.(map[string]any)
	links, _ := body["_links"].(map[string]any)
	next, _ := links["next"].(map[string]any)
	href, _ := next["href"].(string)
	return href
}

// compareEncodings encodes v with encoding/json and with the SDK's request
// encoder and compares both with want.
func compareEncodings(t *testing.T, where string, v, want any, secrets []string) bool {
	t.Helper()
	ok := true
	if diff, err := encodedDiff(json.Marshal, v, want, secrets); err != nil || diff != "" {
		ok = false
		reportDiff(t, where, "encoding/json", v, err, diff)
	}
	if diff, err := encodedDiff(func(v any) ([]byte, error) { return jsonv2.Marshal(v) }, v, want, secrets); err != nil || diff != "" {
		ok = false
		reportDiff(t, where, "json/v2 (go-json-experiment, no options)", v, err, diff)
	}
	if diff, err := encodedDiff(pingone.EncodeAsRequest, v, want, nil); err != nil || diff != "" {
		ok = false
		reportDiff(t, where, "the SDK's request encoder", v, err, diff)
	}
	// A user's own decoding, with either package, keeps as much: the
	// value it gives encodes back to the body too.
	body, err := json.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	typ := reflect.TypeOf(v)
	if typ.Kind() == reflect.Pointer {
		typ = typ.Elem()
	}
	for _, dec := range []struct {
		name      string
		unmarshal func([]byte, any) error
	}{{"encoding/json", json.Unmarshal}, {"json/v2", func(b []byte, v any) error { return jsonv2.Unmarshal(b, v, jsontext.AllowDuplicateNames(true)) }}} {
		fresh := reflect.New(typ).Interface()
		if err := dec.unmarshal(body, fresh); err != nil {
			ok = false
			t.Errorf("%s: %T does not decode with %s: %v", where, fresh, dec.name, err)
			continue
		}
		if diff, err := encodedDiff(pingone.EncodeAsRequest, fresh, want, nil); err != nil || diff != "" {
			ok = false
			reportDiff(t, where, "the SDK's request encoder after decoding with "+dec.name, fresh, err, diff)
		}
	}
	return ok
}

func reportDiff(t *testing.T, where, how string, v any, err error, diff string) {
	t.Helper()
	if err != nil {
		t.Errorf("%s: %T does not encode with %s: %v", where, v, how, err)
		return
	}
	t.Errorf("%s: %T encoded with %s differs from the body (-body +encoded):\n%s", where, v, how, diff)
}

// encodedDiff encodes v and compares it with want; a secret at one of the
// pointers may be redacted.
func encodedDiff(encode func(any) ([]byte, error), v, want any, secrets []string) (string, error) {
	data, err := encode(v)
	if err != nil {
		return "", err
	}
	got, err := decodeAny(data)
	if err != nil {
		return "", fmt.Errorf("invalid JSON %s: %w", data, err)
	}
	return cmp.Diff(want, unredact(got, want, secrets)), nil
}

func decodeAny(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber() // numbers compare as written: no precision lost to float64
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("data after the JSON value")
	}
	return v, nil
}

// unredact returns got with each secret the SDK redacted ("[REDACTED]"
// where the body has a string) put back from want: encoding/json may hide a
// secret, never change or drop it.
func unredact(got, want any, pointers []string) any {
	for _, p := range pointers {
		tokens := strings.Split(strings.TrimPrefix(p, "/"), "/")
		parent, source := got, want
		for _, tok := range tokens[:len(tokens)-1] {
			parent, source = childOf(parent, tok), childOf(source, tok)
		}
		last := tokens[len(tokens)-1]
		if s, _ := childOf(parent, last).(string); s != "[REDACTED]" {
			continue
		}
		orig, isString := childOf(source, last).(string)
		if !isString {
			continue
		}
		switch c := parent.(type) {
		case map[string]any:
			c[unescape(last)] = orig
		case []any:
			if i, err := strconv.Atoi(last); err == nil {
				c[i] = orig
			}
		}
	}
	return got
}

func unescape(tok string) string {
	return strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
}

func childOf(v any, tok string) any {
	switch c := v.(type) {
	case map[string]any:
		return c[unescape(tok)]
	case []any:
		if i, err := strconv.Atoi(tok); err == nil && i >= 0 && i < len(c) {
			return c[i]
		}
	}
	return nil
}
