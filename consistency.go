package pingone

import (
	"bytes"
	"context"
	stdjson "encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/go-json-experiment/json/jsontext"
)

// NOTES: PingOne is eventually consistent. Its documentation says a 404
// right after a create can be replication lag, users of its Terraform
// provider report "actor not authorized" for a while after a role is
// granted, and its API takes no idempotency keys. The client handles each
// (see "Running against a real tenant" in the README):
//
//   - read-after-write: a 404 (or, for a write that refers to it, a 400
//     INVALID_VALUE) about a resource this client created or changed less
//     than WithReadAfterWriteWindow ago is retried with backoff until the
//     window has passed. A 404 about anything else is returned at once;
//   - permission propagation: a 403 ACCESS_FAILED less than
//     WithPermissionPropagationWindow after a client of this process
//     assigned a role (on the same API host) is retried with backoff until
//     the window has passed;
//   - safe creates (opt-in, WithSafeCreates or ContextWithSafeCreates):
//     after an ambiguous failure of a create, the resource is looked up by
//     its natural key before the create is sent again.

// The defaults and bounds of the windows.
const (
	DefaultReadAfterWriteWindow        = 5 * time.Second
	DefaultPermissionPropagationWindow = 30 * time.Second
	maxWindow                          = 5 * time.Minute
	// maxRecentWrites bounds the writes remembered for read-after-write.
	maxRecentWrites = 100_000
)

// WithReadAfterWriteWindow sets how long after this client created or
// changed a resource a 404 about it is taken for replication lag and
// retried (default [DefaultReadAfterWriteWindow]; 0 turns it off; at most
// 5 minutes).
func WithReadAfterWriteWindow(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 || d > maxWindow {
			return errors.New("pingone: WithReadAfterWriteWindow: need 0 to 5 minutes")
		}
		c.readAfterWrite = d
		return nil
	}
}

// WithPermissionPropagationWindow sets how long after a role was assigned
// (by any client of this process on the same API host: typically one
// client grants a worker a role and another, signed in as the worker, uses
// it) a 403 ACCESS_FAILED is taken for a role not yet in effect and
// retried (default [DefaultPermissionPropagationWindow]; 0 turns it off;
// at most 5 minutes).
func WithPermissionPropagationWindow(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 || d > maxWindow {
			return errors.New("pingone: WithPermissionPropagationWindow: need 0 to 5 minutes")
		}
		c.propagation = d
		return nil
	}
}

// WithSafeCreates makes creates recoverable on every call of the client
// (a call can say otherwise with [ContextWithSafeCreates]). PingOne takes
// no idempotency key, so a create whose answer is lost (a 500, a 502, a
// broken connection) may or may not have happened. With safe creates, the
// client then looks the resource up by its natural key (a user's
// username; the name of a population, group, application, custom role or
// policy): found, and created since the call began, it is returned (and
// [Response].Recovered says so); not found within the read-after-write
// window, the create is sent once more. Off by default: the lookup costs
// calls, and a resource of the same name created by someone else at the
// same moment would be taken for ours.
func WithSafeCreates(on bool) Option {
	return func(c *config) error {
		c.safeCreates = on
		return nil
	}
}

type safeCreatesKey struct{}

// ContextWithSafeCreates returns a context whose creates are safe (on) or
// plain (off), whatever the client's [WithSafeCreates] says.
func ContextWithSafeCreates(ctx context.Context, on bool) context.Context {
	return context.WithValue(ctx, safeCreatesKey{}, on)
}

func (c *core) safeCreatesOn(ctx context.Context) bool {
	if on, ok := ctx.Value(safeCreatesKey{}).(bool); ok {
		return on
	}
	return c.safeCreates
}

// recentWrites remembers the resources this client created or changed
// lately: by path, such as /environments/E/groups/G, and, for references
// in later bodies, by ID.
type recentWrites struct {
	mu    sync.Mutex
	at    map[string]time.Time // resource path or ID → last write
	order []string             // keys in write order, for pruning
}

// note records a write to the resources keys at now.
func (w *recentWrites) note(now time.Time, window time.Duration, keys ...string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.at == nil {
		w.at = map[string]time.Time{}
	}
	for _, k := range keys {
		if k == "" {
			continue
		}
		w.at[k] = now
		w.order = append(w.order, k)
	}
	// Forget writes older than the window, and the oldest beyond the
	// bound.
	drop := 0
	for ; drop < len(w.order); drop++ {
		k := w.order[drop]
		t, ok := w.at[k]
		over := len(w.order)-drop > maxRecentWrites
		if ok && now.Sub(t) < window && !over {
			break
		}
		if ok && (now.Sub(t) >= window || over) {
			delete(w.at, k)
		}
	}
	if drop > 0 {
		w.order = append(w.order[:0:0], w.order[drop:]...)
	}
}

// until returns when the latest write among keys leaves the window (zero
// when none is recent).
func (w *recentWrites) until(now time.Time, window time.Duration, keys []string) time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	var end time.Time
	for _, k := range keys {
		if t, ok := w.at[k]; ok && now.Sub(t) < window && t.Add(window).After(end) {
			end = t.Add(window)
		}
	}
	return end
}

// forget drops what this client deleted: the resource at path, the ones
// under it (a deleted group takes its role assignments along), the
// relations that name it, and its ID.
// A 404 about them is then the truth.
func (w *recentWrites) forget(path, id string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	delete(w.at, path)
	delete(w.at, id)
	for k := range w.at {
		// What lies under it, and the relations that name it (a user's
		// membership of a deleted group).
		if strings.HasPrefix(k, path+"/") || strings.HasSuffix(k, "/"+id) {
			delete(w.at, k)
		}
	}
}

// roleAssignments remembers, per API host, when a client of this process
// last assigned a role. It is shared by every client: the usual case is
// one client granting a role to a worker application and another client,
// signed in as that worker, using it.
var roleAssignments = struct {
	sync.Mutex
	at map[string]time.Time
}{at: map[string]time.Time{}}

func noteRoleAssigned(host string, now time.Time) {
	roleAssignments.Lock()
	roleAssignments.at[host] = now
	roleAssignments.Unlock()
}

func roleAssignedUntil(host string, window time.Duration) time.Time {
	roleAssignments.Lock()
	defer roleAssignments.Unlock()
	at, ok := roleAssignments.at[host]
	if !ok {
		return time.Time{}
	}
	return at.Add(window)
}

// lagKeys returns what a request's answer depends on having been written:
// the resource it addresses (for a collection, the resource that owns it:
// a 404 then says it is not visible yet), and, for a write, the IDs its
// body refers to (a 400 INVALID_VALUE about a reference then says the
// same).
func lagKeys(r *request, body []byte) (addressed, refs []string) {
	if r.addressed == "" {
		return nil, nil
	}
	if r.method != http.MethodGet && r.method != http.MethodDelete {
		refs = referencedIDs(body)
	}
	return []string{r.addressed}, refs
}

// referencedIDs returns the "id" members of a JSON body: references such
// as {"group": {"id": …}}.
func referencedIDs(body []byte) []string {
	var ids []string
	if len(body) == 0 || !looksLikeJSON(body) {
		return ids
	}
	var doc any
	if stdjson.Unmarshal(body, &doc) != nil {
		return ids
	}
	var walk func(v any, depth int)
	walk = func(v any, depth int) {
		if depth > 8 {
			return
		}
		switch v := v.(type) {
		case map[string]any:
			for k, m := range v {
				if id, ok := m.(string); ok && k == "id" {
					ids = append(ids, id)
					continue
				}
				walk(m, depth+1)
			}
		case []any:
			for _, m := range v {
				walk(m, depth+1)
			}
		}
	}
	walk(doc, 0)
	return ids
}

// writtenID returns the top-level "id" of a JSON object body ("" when
// none).
func writtenID(body []byte) string {
	dec := jsontext.NewDecoder(bytes.NewReader(body), jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
	if tok, err := dec.ReadToken(); err != nil || tok.Kind() != '{' {
		return ""
	}
	for dec.PeekKind() == '"' {
		name, err := dec.ReadToken()
		if err != nil {
			return ""
		}
		if name.String() == "id" && dec.PeekKind() == '"' {
			v, err := dec.ReadToken()
			if err != nil {
				return ""
			}
			return v.String()
		}
		if err := dec.SkipValue(); err != nil {
			return ""
		}
	}
	return ""
}

// lagging reports whether an answer looks like replication lag: a 404
// about a resource written lately, or a 400 refusing a reference to one.
func lagging(st *callState, resp *http.Response, e *APIError, now time.Time) bool {
	method := st.method
	switch resp.StatusCode {
	case http.StatusNotFound:
		return now.Before(st.lagUntil)
	case http.StatusBadRequest:
		if !now.Before(st.refUntil) {
			return false
		}
		// A write naming a resource that this node cannot see yet: PingOne
		// says a reference ("id", "group.id", …) has an invalid value.
		if method == http.MethodGet || e == nil {
			return false
		}
		for _, d := range e.Details {
			if d.Code == "INVALID_VALUE" && (d.Target == "id" || strings.HasSuffix(d.Target, ".id")) {
				return true
			}
		}
	}
	return false
}

// propagating reports whether an answer looks like a role assignment not
// yet in effect: PingOne's own 403 ACCESS_FAILED (not a throttling 403).
func propagating(resp *http.Response, e *APIError) bool {
	return resp.StatusCode == http.StatusForbidden && e != nil && !e.Throttled && e.Code == "ACCESS_FAILED"
}

// ---- safe creates ----

// naturalKey finds, for a create, the resources that share its natural
// key (its name, or a user's username).
type naturalKey[T any] struct {
	// matches lists the resources with the key (a filtered list).
	matches func(ctx context.Context) iter.Seq2[*T, error]
	// createdAt reads a resource's creation time: a match created before
	// the call began is not this call's. Nil for relations, which exist
	// once at most (any match is the one wanted).
	createdAt func(*T) time.Time
}

// createSlack allows for a clock on PingOne's side that runs behind ours
// when telling whether a resource was created by this call.
const createSlack = 2 * time.Minute

// sendCreate is send for a create whose resource has a natural key. With
// safe creates on, an ambiguous failure (the create may have happened) is
// resolved by looking the key up.
func sendCreate[T any](ctx context.Context, s *service, c call, key naturalKey[T]) (*T, error) {
	if !s.core.safeCreatesOn(ctx) {
		return send[T](ctx, s, c)
	}
	start := time.Now()
	var lastErr error
	for round := 0; round < 3; round++ {
		out, err := send[T](ctx, s, c)
		switch {
		case err == nil:
			return out, nil
		case errors.Is(err, ErrUniquenessViolation) && round > 0:
			// The resource exists: an earlier attempt made it.
		case !ambiguous(err):
			return nil, err
		}
		lastErr = err
		found, ferr := findCreated(ctx, s, key, start)
		if ferr != nil {
			return nil, fmt.Errorf("%w (looking the resource up after the failure: %w)", err, ferr)
		}
		if found != nil {
			if r, _ := ctx.Value(responseKey{}).(*Response); r != nil {
				r.Recovered = true
			}
			s.core.noteRecovered(s, c, found)
			s.core.logDebug(ctx, "pingone create recovered", "op", c.op)
			return found, nil
		}
		s.core.logDebug(ctx, "pingone create sent again", "op", c.op, "after", err.Error())
	}
	return nil, lastErr
}

// noteRecovered remembers a resource found after an ambiguous create as
// written by this client, as a successful create would have been: reads
// of it right after then wait out replication lag too.
func (c *core) noteRecovered(s *service, cl call, found any) {
	if c.readAfterWrite <= 0 {
		return
	}
	r, err := s.build(&cl)
	if err != nil {
		return
	}
	body, err := stdjson.Marshal(found)
	if err != nil {
		return
	}
	if id := writtenID(body); id != "" {
		c.recent.note(time.Now(), c.readAfterWrite, r.path+"/"+url.PathEscape(id), id)
	}
}

// ambiguous reports whether a failed call may have been acted on: an
// answer lost after PingOne received the request (500, 502, 504, 408, a
// broken connection). 429, 503 and other 4xx mean nothing happened.
func ambiguous(err error) bool {
	var ae *APIError
	if errors.As(err, &ae) {
		switch ae.StatusCode {
		case http.StatusInternalServerError, http.StatusBadGateway, http.StatusGatewayTimeout, http.StatusRequestTimeout:
			return true
		}
		return false
	}
	var te *TransportError
	return errors.As(err, &te) && te.Attempts > 0
}

// findCreated looks for a resource with the key created since start,
// trying again for the read-after-write window (a fresh resource may not
// be visible at once).
func findCreated[T any](ctx context.Context, s *service, key naturalKey[T], start time.Time) (*T, error) {
	window := s.core.readAfterWrite
	deadline := time.Now().Add(window)
	for attempt := 0; ; attempt++ {
		var newest *T
		for item, err := range key.matches(ctx) {
			if err != nil {
				return nil, err
			}
			if key.createdAt == nil {
				// A relation (a membership, a role assignment): one exists
				// at most, and finding it means the end state was reached.
				return item, nil
			}
			if at := key.createdAt(item); !at.Before(start.Add(-createSlack)) && (newest == nil || at.After(key.createdAt(newest))) {
				newest = item
			}
		}
		if newest != nil || !time.Now().Before(deadline) {
			return newest, nil
		}
		wait, _ := s.core.retry.wait(attempt, nil)
		wait = min(wait, time.Until(deadline))
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return nil, ctx.Err()
		case <-timer.C:
		}
	}
}
