package pingone_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/pingone-go/pingone"
)

// TestWalkMemory walks 5,000 users in pages of 1,000 and checks what the
// walk keeps live, measured as BenchmarkListIter measures it (the heap
// above what was live before the walk, after one forced GC): while the loop
// holds a page, at most 1.2 times what the decoded page alone keeps live;
// once the walk is over, at most 0.1 MiB (no response buffer stays
// pooled). It is not parallel: the live heap is the whole process's, and
// t.Parallel tests only start once the sequential ones are over.
func TestWalkMemory(t *testing.T) {
	srv := benchServer(t, 5000, benchPer, 0)
	env := benchClient(t, srv)
	walk := sdkWalk(t, env, false)
	walk(func(bool) {}) // a first walk builds what every walk shares (codec plans, the connection)
	holding, after := walkMemory(walk)
	page := heldBy(func() any {
		p, err := env.Users.List(t.Context(), &pingone.ListUsersOptions{ListOptions: pingone.ListOptions{Limit: benchPer}})
		if err != nil {
			t.Fatal(err)
		}
		return p
	})
	t.Logf("decoded page %.3f MiB, live while holding a page %.3f MiB (%.3f×), after the walk %.3f MiB", mib(page), mib(holding), float64(holding)/float64(page), mib(after))
	assert.Greater(t, page, uint64(1<<20), "a page of 1,000 users keeps over 1 MiB live")
	assert.LessOrEqual(t, float64(holding), 1.2*float64(page), "live heap while the loop holds a page")
	assert.LessOrEqual(t, after, uint64(1<<20)/10, "live heap after the walk")
}
