package pingonetest

import (
	"bufio"
	"maps"
	"net"
	"net/http"
	"strings"
	"sync"
)

// Stats counts what a server received and did, so that a test can see
// what happened on the wire and in the server, whatever its client
// concluded.
type Stats struct {
	// Requests counts the requests received (including those answered by
	// injected faults), by route: the method and path pattern the server
	// serves them under, such as "GET /v1/environments/{envID}/users" or
	// "POST /{envID}/as/token"; a request that matches no route counts
	// under its method and "(no route)", such as "PATCH (no route)".
	Requests map[string]int
	// Statuses counts the answers by HTTP status, as sent on the wire
	// (rate limits and other injected faults included; a truncated body
	// counts under the status its headers announced). A connection reset
	// without an answer counts under 0.
	Statuses map[int]int
	// RouteStatuses is Statuses by route (keys as in Requests).
	RouteStatuses map[string]map[int]int
	// Writes counts the writes the server applied, whatever the client was
	// answered (see WithFailAfterWrite), by collection: the route's path
	// without /v1, less its last segment when that is an ID and the method
	// is PUT, PATCH or DELETE ("/environments/{envID}/users" for both POST
	// …/users and PATCH …/users/{userID}). A write is applied when the
	// server's handler answered 2xx; POST counts as a create, PUT and PATCH
	// as updates, DELETE as deletes (so a POST that performs an action,
	// such as a secret rotation, counts as a create of its path).
	Writes map[string]WriteCounts
}

// WriteCounts counts the writes applied to one collection.
type WriteCounts struct {
	Creates, Updates, Deletes int
}

// stats holds the counters behind Stats; its own lock keeps it off the
// server's.
type stats struct {
	mu            sync.Mutex
	requests      map[string]int
	statuses      map[int]int
	routeStatuses map[string]map[int]int
	writes        map[string]WriteCounts
}

func (st *stats) reset() {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.requests = map[string]int{}
	st.statuses = map[int]int{}
	st.routeStatuses = map[string]map[int]int{}
	st.writes = map[string]WriteCounts{}
}

func (st *stats) answered(route string, status int) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.requests[route]++
	st.statuses[status]++
	rs := st.routeStatuses[route]
	if rs == nil {
		rs = map[int]int{}
		st.routeStatuses[route] = rs
	}
	rs[status]++
}

func (st *stats) applied(collection, method string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	wc := st.writes[collection]
	switch method {
	case http.MethodPost:
		wc.Creates++
	case http.MethodPut, http.MethodPatch:
		wc.Updates++
	case http.MethodDelete:
		wc.Deletes++
	}
	st.writes[collection] = wc
}

// Stats returns a copy of the server's counters (see [Stats]).
func (s *Server) Stats() Stats {
	st := &s.stats
	st.mu.Lock()
	defer st.mu.Unlock()
	out := Stats{
		Requests:      maps.Clone(st.requests),
		Statuses:      maps.Clone(st.statuses),
		RouteStatuses: make(map[string]map[int]int, len(st.routeStatuses)),
		Writes:        maps.Clone(st.writes),
	}
	for k, v := range st.routeStatuses {
		out.RouteStatuses[k] = maps.Clone(v)
	}
	return out
}

// ResetStats sets the server's counters to zero, for example after a test's
// setup.
func (s *Server) ResetStats() { s.stats.reset() }

// writeCollection names the collection a write route acts on (see
// Stats.Writes).
func writeCollection(method, path string) string {
	if method != http.MethodPost {
		if i := strings.LastIndexByte(path, '/'); i > 0 && strings.HasPrefix(path[i+1:], "{") {
			return path[:i]
		}
	}
	return path
}

// routeOf names the route of a request for Stats.
func (s *Server) routeOf(r *http.Request) string {
	mux, catchAll := s.authMux, "/"
	if r.URL.Path == apiBase || strings.HasPrefix(r.URL.Path, apiBase+"/") {
		mux, catchAll = s.mux, apiBase+"/"
	}
	if _, pattern := mux.Handler(r); pattern != "" && pattern != catchAll && pattern != apiBase {
		if !strings.Contains(pattern, " ") {
			pattern = r.Method + " " + pattern
		}
		return pattern
	}
	return r.Method + " (no route)"
}

// withStats counts every request and its answer.
func (s *Server) withStats(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		route := s.routeOf(r)
		sw := &statsWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		status := sw.status
		if !sw.noted && status == 0 && !sw.hijacked {
			status = http.StatusOK
		}
		s.stats.answered(route, status)
	})
}

// statsWriter records the status a handler answered.
type statsWriter struct {
	http.ResponseWriter
	status   int
	noted    bool // set by noteStatus: the answer was written on a hijacked connection
	hijacked bool
}

func (w *statsWriter) WriteHeader(code int) {
	if w.status == 0 && code >= 200 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statsWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(p)
}

func (w *statsWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Hijack implements http.Hijacker when the underlying writer does.
func (w *statsWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	hj, ok := w.ResponseWriter.(http.Hijacker)
	if !ok {
		return nil, nil, http.ErrNotSupported
	}
	w.hijacked = true
	return hj.Hijack()
}

// noteStatus tells the stats what was answered on a connection the faults
// took over (0: nothing).
func noteStatus(w http.ResponseWriter, status int) {
	if sw, ok := w.(*statsWriter); ok {
		sw.status, sw.noted = status, true
	}
}
