package pingonetest

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"slices"
	"sync"
	"time"
)

// Replication lag (WithReplicationLag). PingOne serves reads from nodes
// that see a write a while after it was made. The store keeps, for every
// resource written in the last lag, the states it had before each write
// (its history), and each management request is served as of a moment of
// its own: now less a lag drawn at random in [0, lag) for that request, as
// if another node served it.
//
//   - A read (GET) sees every resource as it was at that moment: not yet
//     created, not yet changed, or not yet deleted; in gets, lists,
//     filters, sub-resources and the role check alike.
//   - A write sees resources as they are now, except that a resource
//     created after its moment is missing from gets by ID: a write that
//     refers to it (adding a user to a just-created group, assigning a
//     role to a just-created user) fails with PingOne's 404 or 400. Scans
//     for uniqueness and defaults see everything: the primary enforces
//     them.
//
// Writes are recorded when they happen through put and remove, and when a
// handler changes a resource it got in place: get hands out a snapshot
// with each resource during a write, compared when the request ends (list
// results are not snapshotted; the handlers that change them in place
// call touch first). Histories older than the lag are dropped as requests
// come. When the lag is off, st.tx stays nil and the store works as
// before.

// lagging is the store's replication-lag state (guarded by Server.mu).
type lagging struct {
	lag time.Duration
	// hist holds recent changes: collection path → resource ID → changes,
	// oldest first.
	hist     map[string]map[string][]change
	earliest time.Time // the oldest change in hist (zero: none)
	tx       *txn      // the request being served; nil when off or outside requests
}

// change is one write to a resource: when, and the state before it.
type change struct {
	at   time.Time
	prev obj    // nil: the write created the resource
	seq  uint64 // the resource's creation number, kept for paging after a delete
}

// txn is one management request as the store serves it.
type txn struct {
	at    time.Time // when it is served: writes are stamped with it
	view  time.Time // the moment its reads see
	write bool
	// handed holds the state of resources get handed out during a write,
	// when they were handed out.
	handed map[histKey][]byte
	// recorded is the resources whose change this request recorded.
	recorded map[histKey]bool
}

type histKey struct{ coll, id string }

// lagClock draws each request's lag from its own seeded generator, so that
// turning the lag on changes no ID.
type lagClock struct {
	mu  sync.Mutex
	rnd *rand.Rand
}

func newLagClock(seed uint64) *lagClock {
	return &lagClock{rnd: rand.New(rand.NewPCG(seed^0xA5A5A5A5, seed+0x1F2E3D4C))}
}

// draw returns a lag in [0, max).
func (l *lagClock) draw(max time.Duration) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	return time.Duration(l.rnd.Float64() * float64(max))
}

// lagView returns the moment a management request sees (zero when the lag
// is off).
func (s *Server) lagView(at time.Time) time.Time {
	if s.opts.lag <= 0 {
		return time.Time{}
	}
	return at.Add(-s.lagClock.draw(s.opts.lag))
}

// begin starts serving a request as of view (zero: the lag is off).
func (st *store) begin(at, view time.Time, write bool) {
	if st.lag <= 0 || view.IsZero() {
		return
	}
	st.prune(at.Add(-st.lag))
	st.tx = &txn{at: at, view: view, write: write}
}

// end records the changes a write made in place, and ends the request.
func (st *store) end() {
	tx := st.tx
	if tx == nil {
		return
	}
	for k, before := range tx.handed {
		if tx.recorded[k] {
			continue
		}
		c := st.colls[k.coll]
		if c == nil || c.items[k.id] == nil {
			continue
		}
		now, err := json.Marshal(c.items[k.id])
		if err == nil && !bytes.Equal(now, before) {
			st.addChange(k, decodeObj(before))
		}
	}
	st.tx = nil
}

// prune drops the changes every view now sees (made at or before cutoff).
func (st *store) prune(cutoff time.Time) {
	if st.earliest.IsZero() || st.earliest.After(cutoff) {
		return
	}
	st.earliest = time.Time{}
	for coll, ids := range st.hist {
		for id, changes := range ids {
			i := 0
			for i < len(changes) && !changes[i].at.After(cutoff) {
				i++
			}
			if i == len(changes) {
				delete(ids, id)
				continue
			}
			ids[id] = changes[i:]
			if st.earliest.IsZero() || changes[i].at.Before(st.earliest) {
				st.earliest = changes[i].at
			}
		}
		if len(ids) == 0 {
			delete(st.hist, coll)
		}
	}
}

// record notes that a resource is about to change; prev is its state
// before (nil: it does not exist yet). Only the first change of a request
// counts, with the state the request found.
func (st *store) record(coll, id string, prev obj) {
	tx := st.tx
	if tx == nil {
		return
	}
	k := histKey{coll, id}
	if tx.recorded[k] {
		return
	}
	if before, ok := tx.handed[k]; ok {
		prev = decodeObj(before)
	} else if prev != nil {
		prev = clone(prev)
	}
	st.addChange(k, prev)
}

// touch records that a handler is about to change a listed resource in
// place.
func (st *store) touch(coll, id string) {
	if st.tx == nil {
		return
	}
	if c := st.colls[coll]; c != nil && c.items[id] != nil {
		st.record(coll, id, c.items[id])
	}
}

func (st *store) addChange(k histKey, prev obj) {
	tx := st.tx
	if tx.recorded == nil {
		tx.recorded = map[histKey]bool{}
	}
	tx.recorded[k] = true
	if st.hist == nil {
		st.hist = map[string]map[string][]change{}
	}
	ids := st.hist[k.coll]
	if ids == nil {
		ids = map[string][]change{}
		st.hist[k.coll] = ids
	}
	seq := st.seq[k.coll+"/"+k.id]
	if seq == 0 {
		seq = st.deletedSeq(k.coll, k.id)
	}
	ids[k.id] = append(ids[k.id], change{at: tx.at, prev: prev, seq: seq})
	if st.earliest.IsZero() || tx.at.Before(st.earliest) {
		st.earliest = tx.at
	}
}

// deletedSeq is the creation number of a resource deleted recently.
func (st *store) deletedSeq(coll, id string) uint64 {
	changes := st.hist[coll][id]
	for i := len(changes) - 1; i >= 0; i-- {
		if changes[i].seq != 0 {
			return changes[i].seq
		}
	}
	return 0
}

// stateAt returns a resource's state at view, from its current state and
// its changes, and whether that is the current state.
func stateAt(cur obj, changes []change, view time.Time) (obj, bool) {
	state, current := cur, true
	for i := len(changes) - 1; i >= 0 && changes[i].at.After(view); i-- {
		state, current = changes[i].prev, false
	}
	return state, current
}

// lagGet is get during a request.
func (st *store) lagGet(coll, id string, cur obj) obj {
	tx := st.tx
	changes := st.hist[coll][id]
	state, current := stateAt(cur, changes, tx.view)
	if tx.write {
		if state == nil || cur == nil {
			return nil
		}
		st.handOut(coll, id, cur)
		return cur
	}
	if current || state == nil {
		return state
	}
	return clone(state) // history stays as it was
}

// handOut snapshots a resource a write request gets, to find the changes
// it makes in place.
func (st *store) handOut(coll, id string, o obj) {
	tx := st.tx
	k := histKey{coll, id}
	if _, ok := tx.handed[k]; ok || tx.recorded[k] {
		return
	}
	data, err := json.Marshal(o)
	if err != nil {
		return
	}
	if tx.handed == nil {
		tx.handed = map[histKey][]byte{}
	}
	tx.handed[k] = data
}

// lagList is list during a read: the resources as they were at the
// request's moment, in creation order.
func (st *store) lagList(coll string, c *coll) []obj {
	view := st.tx.view
	hist := st.hist[coll]
	type entry struct {
		seq uint64
		o   obj
	}
	var out []entry
	if c != nil {
		for _, id := range c.ids {
			state, current := stateAt(c.items[id], hist[id], view)
			switch {
			case state == nil:
				continue
			case !current:
				state = clone(state)
			}
			out = append(out, entry{st.seq[coll+"/"+id], state})
		}
	}
	var gone []entry // deleted since the moment
	for id, changes := range hist {
		if c != nil && c.items[id] != nil {
			continue
		}
		if state, _ := stateAt(nil, changes, view); state != nil {
			gone = append(gone, entry{st.deletedSeq(coll, id), clone(state)})
		}
	}
	slices.SortFunc(gone, func(a, b entry) int { return cmpUint(a.seq, b.seq) })
	for _, g := range gone {
		i := slices.IndexFunc(out, func(e entry) bool { return e.seq > g.seq })
		if i < 0 {
			i = len(out)
		}
		out = slices.Insert(out, i, g)
	}
	objs := make([]obj, len(out))
	for i, e := range out {
		objs[i] = e.o
	}
	return objs
}

func cmpUint(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func decodeObj(data []byte) obj {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var o obj
	_ = dec.Decode(&o)
	return o
}
