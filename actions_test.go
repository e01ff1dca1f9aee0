package pingone_test

import (
	"context"
	"flag"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/google/go-cmp/cmp"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
)

var update = flag.Bool("update", false, "rewrite the request goldens under testdata/")

// actionCase exercises one PingOne action through its SDK method against a
// golden response, checking the request the SDK sends against a golden body
// and, through the contract transport, against the OpenAPI contract.
type actionCase struct {
	action string // the action's name in the contract (actions.tsv)
	family string // testdata/<family>/
	golden string // base name of the goldens: <golden>.json (response), <golden>.request.json (request body)
	method string
	path   string // after the API base, with the query if any
	status int
	// call makes the SDK call and returns what it decoded.
	call func(ctx context.Context, c *pingone.Client, env *pingone.Environment) (any, error)
	// check asserts on the decoded result.
	check func(t *testing.T, got any)
}

var (
	actionCasesMu sync.Mutex
	actionCases   []actionCase
)

// registerActions is called from each family's test file (in init).
func registerActions(cs ...actionCase) {
	actionCasesMu.Lock()
	defer actionCasesMu.Unlock()
	actionCases = append(actionCases, cs...)
}

func casesOf(family string) []actionCase {
	var out []actionCase
	for _, c := range actionCases {
		if c.family == family {
			out = append(out, c)
		}
	}
	return out
}

func readGolden(t testing.TB, family, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", family, name))
	require.NoError(t, err)
	return data
}

// runActionCase runs one case on a fresh mock client, whose transport
// validates against the contract and reports to rec (when not nil).
func runActionCase(t *testing.T, ac actionCase, onResult func(contractResult)) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	hc := &http.Client{Transport: contractTransportWith(t, mt, onResult)}
	c, err := pingone.NewClient(pingone.WithBaseURLs(testAPIBase, testAuth), pingone.WithHTTPClient(hc), pingone.WithStaticToken("test-token"))
	require.NoError(t, err)

	var gotBody []byte
	var gotContentType string
	url := testAPIBase + ac.path
	if strings.HasPrefix(ac.path, "auth:") {
		url = testAuth + strings.TrimPrefix(ac.path, "auth:")
	}
	mt.RegisterResponder(ac.method, url, func(r *http.Request) (*http.Response, error) {
		if r.Body != nil {
			gotBody, _ = io.ReadAll(r.Body)
		}
		gotContentType = r.Header.Get("Content-Type")
		var body string
		if ac.status != http.StatusNoContent {
			body = string(readGolden(t, ac.family, ac.golden+".json"))
		}
		resp := httpmock.NewStringResponse(ac.status, body)
		if body != "" {
			resp.Header.Set("Content-Type", "application/json")
		}
		resp.Header.Set("Correlation-Id", "corr-golden")
		return resp, nil
	})
	got, err := ac.call(t.Context(), c, c.Environment(testEnv))
	require.NoError(t, err)
	require.Equal(t, 1, mt.GetTotalCallCount(), "one request for %s %s", ac.method, url)

	reqGolden := filepath.Join("testdata", ac.family, ac.golden+".request.json")
	if len(gotBody) > 0 && strings.Contains(gotContentType, "json") {
		if *update {
			var v jsontext.Value = append([]byte(nil), gotBody...)
			require.NoError(t, v.Indent(jsontext.WithIndent("  ")))
			require.NoError(t, os.WriteFile(reqGolden, append(v, '\n'), 0o644))
		}
		want, err := os.ReadFile(reqGolden)
		require.NoError(t, err, "missing request golden: run go test -run %s -update", t.Name())
		assertJSONEqual(t, want, gotBody)
	} else if _, err := os.Stat(reqGolden); err == nil {
		t.Errorf("%s exists but the call sent no JSON body", reqGolden)
	}
	if ac.check != nil {
		ac.check(t, got)
	}
}

// assertJSONEqual compares two JSON documents semantically.
func assertJSONEqual(t testing.TB, want, got []byte) {
	t.Helper()
	var w, g any
	require.NoError(t, json.Unmarshal(want, &w), "want")
	require.NoError(t, json.Unmarshal(got, &g), "got")
	if d := cmp.Diff(w, g); d != "" {
		t.Errorf("request body differs from golden (-want +got):\n%s", d)
	}
}

// testFamily runs the registered cases of a family as subtests.
func testFamily(t *testing.T, family string) {
	cs := casesOf(family)
	require.NotEmpty(t, cs)
	for _, ac := range cs {
		t.Run(strings.ReplaceAll(ac.action, " ", "_"), func(t *testing.T) {
			runActionCase(t, ac, nil)
		})
	}
}

// actionNames returns the sorted names of the registered cases.
func actionNames() []string {
	var out []string
	for _, c := range actionCases {
		out = append(out, c.action)
	}
	slices.Sort(out)
	return slices.Compact(out)
}
