package contract

import (
	"sort"
	"sync"
)

// Recorder collects Results; it is safe for concurrent use. Pass its Record
// method as the onResult callback of Transport or Middleware.
type Recorder struct {
	mu        sync.Mutex
	results   []Result
	validated map[string]bool
}

// Record stores a result.
func (r *Recorder) Record(res Result) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.results = append(r.results, res)
	if res.OK() && res.Action.Name != "" {
		if r.validated == nil {
			r.validated = map[string]bool{}
		}
		r.validated[res.Action.Name] = true
	}
}

// Validated returns the sorted names of the actions that had at least one
// request and its response validated without error.
func (r *Recorder) Validated() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	names := make([]string, 0, len(r.validated))
	for name := range r.validated {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// Failures returns the results whose request or response broke the contract,
// in the order they were recorded.
func (r *Recorder) Failures() []Result {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []Result
	for _, res := range r.results {
		if res.Failed() {
			out = append(out, res)
		}
	}
	return out
}

// Results returns every recorded result in order.
func (r *Recorder) Results() []Result {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Result(nil), r.results...)
}
