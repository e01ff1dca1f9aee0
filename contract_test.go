package pingone_test

import (
	"fmt"
	"net/http"
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone/internal/contract"
)

// contractResult is one validated exchange.
type contractResult = contract.Result

var (
	contractOnce sync.Once
	theContract  *contract.Contract
	contractErr  error
)

// loadContract loads testdata/contract once for the package's tests.
func loadContract(t testing.TB) *contract.Contract {
	t.Helper()
	contractOnce.Do(func() { theContract, contractErr = contract.Load("testdata/contract") })
	require.NoError(t, contractErr)
	return theContract
}

// contractTransport validates every request the SDK sends and every response
// it receives against the contract; a violation fails the test.
func contractTransport(t testing.TB, next http.RoundTripper) http.RoundTripper {
	return contractTransportWith(t, next, nil)
}

func contractTransportWith(t testing.TB, next http.RoundTripper, onResult func(contractResult)) http.RoundTripper {
	c := loadContract(t)
	return c.Transport(next, func(r contract.Result) {
		if r.Failed() {
			t.Errorf("contract: %s", r)
		}
		if onResult != nil {
			onResult(r)
		}
	})
}

// TestContract runs every registered action case through the contract
// transport and counts the actions whose request and response both passed.
func TestContract(t *testing.T) {
	t.Parallel()
	c := loadContract(t)
	rec := &contract.Recorder{}
	for _, ac := range actionCases {
		t.Run(ac.family+"/"+ac.action, func(t *testing.T) {
			var mine []contract.Result
			runActionCase(t, ac, func(r contract.Result) {
				rec.Record(r)
				mine = append(mine, r)
			})
			require.Len(t, mine, 1)
			assert.Equal(t, ac.action, mine[0].Action.Name, "the request matched the intended action")
			assert.True(t, mine[0].OK(), "%s", mine[0])
		})
	}
	rec.CheckNoFailures(t)
	validated := rec.Validated()
	for _, name := range validated {
		assert.True(t, slices.ContainsFunc(c.Actions(), func(a contract.Action) bool { return a.Name == name }))
	}
	fmt.Printf("contract: %d/%d actions validated\n", len(validated), len(c.Actions()))
}

// TestCoverage checks that each action maps to exactly one SDK method through
// its //pingone:operation directive.
func TestCoverage(t *testing.T) {
	t.Parallel()
	c := loadContract(t)
	rep, err := contract.Coverage(".", c.Actions())
	require.NoError(t, err)
	assert.Empty(t, rep.Duplicates, "an action claimed by two methods")
	assert.Empty(t, rep.Unknown, "directives that name no action")
	assert.Empty(t, rep.Misplaced, "directives outside a method doc comment")
	fmt.Printf("coverage: %d/%d actions implemented\n", len(rep.Implemented), len(c.Actions()))
	// Every implemented action is exercised by a registered case.
	names := actionNames()
	for name := range rep.Implemented {
		assert.Contains(t, names, name, "implemented but not tested: %s", name)
	}
}
