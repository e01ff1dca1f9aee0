// Package roundtrip builds the SDK's golden round-trip corpus, kept in
// testdata/roundtrip: for the response schema of every action of the
// contract (testdata/contract, read through internal/contract), bodies
// generated from the schema, which a decoded SDK value must encode back to
// without losing or changing a member (TestRoundTrip in the root package).
//
// The contract carries no examples (the specs have none for these
// responses, and the contract generator drops every example as prose), so
// every body is generated, deterministically, from the schema's facts:
// members, types, enums, formats, patterns, lengths and bounds. Strings are
// the member's name and a counter, timestamps are PingOne's layout, and
// nothing is copied from the specs' prose. Each response shape (a schema,
// or one variant of a polymorphic one) gets one body of each kind:
//
//   - full: every member, optional ones included, with a value that is not
//     zero; arrays hold an item (lists: two, or one per variant).
//   - zero: every member with its zero value: false, 0, "", {} for maps and
//     free-form objects, nested objects with zero members, arrays with one
//     zero item.
//   - empty: every member of the resource with false, 0, "", {} or [].
//   - null: full, with every optional member null at every level (an
//     optional object with members of its own is kept, its members null).
//   - unknown: full, with members no schema declares at every level
//     (resource, nested objects, objects in arrays, links; on list pages also
//     next to the items and in _embedded) and an undeclared value for every
//     enum.
//   - odd: full, with every scalar of an unexpected JSON type: "false" for a
//     boolean, a number for a string (an epoch in milliseconds for a
//     timestamp), a string for a number.
//
// The members that select a variant (see discriminators) keep their value in
// every kind, and the members the spec marks format: password keep a
// non-empty string in the null and odd kinds (the SDK never writes a secret's
// raw original outside a request). The index (index.json) lists, for each
// action in contract order, its status, the _embedded key of a list and its
// response shapes, and the JSON pointers of the secrets each body holds.
package roundtrip

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pingone-go/pingone/internal/contract"
)

// IndexFile is the corpus' table of contents.
const IndexFile = "index.json"

// The kinds of bodies, in the order the index lists them.
const (
	KindFull    = "full"
	KindZero    = "zero"
	KindEmpty   = "empty"
	KindNull    = "null"
	KindUnknown = "unknown"
	KindOdd     = "odd"
)

// Kinds are the kinds of bodies each response shape gets.
var Kinds = []string{KindFull, KindZero, KindEmpty, KindNull, KindUnknown, KindOdd}

// Index is the content of index.json.
type Index struct {
	Kinds   []string `json:"kinds"` // the kinds of bodies of every shape (Kinds)
	Actions []Action `json:"actions"`
	// Secrets are, for each body file holding any, the JSON pointers of
	// the members holding a secret (format: password in the spec) with a
	// non-empty string.
	Secrets map[string][]string `json:"secrets"`
}

// Action lists the response shapes of one action of the contract.
type Action struct {
	Name   string `json:"action"`
	Status int    `json:"status"`
	// Collection is the key under _embedded of the items of a list
	// response ("" when the response is one resource).
	Collection string `json:"collection,omitempty"`
	// Shapes are the schemas (the variants of a polymorphic one) the
	// response may take; the bodies of each are <shape>/<kind>.json. None
	// when the action answers without a body.
	Shapes []string `json:"shapes"`
}

// Body is one body of the corpus.
type Body struct {
	File    string   // relative to the corpus directory, with forward slashes
	Kind    string   // one of Kinds
	Shape   string   // the schema, or variant, the body was built from
	Secrets []string // see Index.Secrets
}

// Bodies returns the bodies of an action, by shape then kind.
func (idx *Index) Bodies(a Action) []Body {
	var out []Body
	for _, sh := range a.Shapes {
		for _, kind := range idx.Kinds {
			file := sh + "/" + kind + ".json"
			out = append(out, Body{File: file, Kind: kind, Shape: sh, Secrets: idx.Secrets[file]})
		}
	}
	return out
}

// LoadIndex reads the index of the corpus in dir.
func LoadIndex(dir string) (*Index, error) {
	raw, err := os.ReadFile(filepath.Join(dir, IndexFile))
	if err != nil {
		return nil, err
	}
	var idx Index
	if err := json.Unmarshal(raw, &idx); err != nil {
		return nil, fmt.Errorf("%s: %w", IndexFile, err)
	}
	return &idx, nil
}

type generator struct {
	c                  *contract.Contract
	nodes              map[string]*node
	shapes             map[string][]*shape
	usedDiscriminators map[string]bool
	files              map[string][]byte
	secrets            map[string][]string
}

// Generate builds the corpus of the contract c: the content of every file
// keyed by its path relative to the corpus directory (forward slashes).
func Generate(c *contract.Contract) (map[string][]byte, error) {
	g := &generator{
		c:                  c,
		nodes:              map[string]*node{},
		shapes:             map[string][]*shape{},
		usedDiscriminators: map[string]bool{},
		files:              map[string][]byte{},
		secrets:            map[string][]string{},
	}
	idx := Index{Kinds: Kinds, Secrets: map[string][]string{}}
	for _, a := range c.Actions() {
		entry, err := g.action(a)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", a.Name, err)
		}
		idx.Actions = append(idx.Actions, entry)
	}
	for _, name := range sortedKeys(discriminators) {
		if !g.usedDiscriminators[name] {
			return nil, fmt.Errorf("discriminator values for %s, which is no variant of any response", name)
		}
	}
	for file, ptrs := range g.secrets {
		if len(ptrs) > 0 {
			idx.Secrets[file] = ptrs
		}
	}
	raw, err := encode(idx)
	if err != nil {
		return nil, err
	}
	g.files[IndexFile] = raw
	return g.files, nil
}

// Write generates the corpus of c into dir, removing the JSON files of an
// earlier corpus that are no longer generated.
func Write(c *contract.Contract, dir string) error {
	files, err := Generate(c)
	if err != nil {
		return err
	}
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && path == dir {
				return fs.SkipAll
			}
			return err
		}
		if d.IsDir() || !strings.HasSuffix(path, ".json") {
			return nil
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		if _, keep := files[filepath.ToSlash(rel)]; !keep {
			return os.Remove(path)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, name := range sortedKeys(files) {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, files[name], 0o644); err != nil {
			return err
		}
	}
	return removeEmptyDirs(dir)
}

func removeEmptyDirs(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		sub := filepath.Join(dir, e.Name())
		inner, err := os.ReadDir(sub)
		if err != nil {
			return err
		}
		if len(inner) == 0 {
			if err := os.Remove(sub); err != nil {
				return err
			}
		}
	}
	return nil
}

func (g *generator) action(a contract.Action) (Action, error) {
	out := Action{Name: a.Name, Status: a.Status, Shapes: []string{}}
	sr, err := g.c.ResponseSchema(a.Name)
	if err != nil {
		return out, err
	}
	if sr == nil {
		return out, nil
	}
	n, err := g.resolve(sr, 0)
	if err != nil {
		return out, err
	}
	if key, items, ok := collectionOf(n); ok {
		if n.name == "" {
			return out, errors.New("list response without a component name")
		}
		out.Collection = key
		shapes, err := g.shapesOfNode(items)
		if err != nil {
			return out, err
		}
		if len(shapes) == 1 {
			shapes = []*shape{shapes[0], shapes[0]} // two items: the second gets other values
		}
		for _, kind := range Kinds {
			file := n.name + "/" + kind + ".json"
			if err := g.emit(file, func() (any, []string) { return page(n, key, shapes, kind) }); err != nil {
				return out, err
			}
		}
		out.Shapes = append(out.Shapes, n.name)
		return out, nil
	}
	shapes, err := g.shapesOfNode(n)
	if err != nil {
		return out, err
	}
	for _, sh := range shapes {
		for _, kind := range Kinds {
			file := sh.name + "/" + kind + ".json"
			if err := g.emit(file, func() (any, []string) {
				w := newWriter(kind)
				return w.root(sh, ""), w.secrets
			}); err != nil {
				return out, err
			}
		}
		out.Shapes = append(out.Shapes, sh.name)
	}
	return out, nil
}

// shapesOfNode returns the shapes of a response or item schema: its
// variants, or itself.
func (g *generator) shapesOfNode(n *node) ([]*shape, error) {
	if len(n.shapes) > 0 {
		return n.shapes, nil
	}
	if n.name == "" {
		return nil, errors.New("response schema without a component name")
	}
	if n.typ != "object" {
		return nil, fmt.Errorf("response schema %s is not an object", n.name)
	}
	return []*shape{{name: n.name, node: n}}, nil
}

// emit builds the file once (actions share response schemas).
func (g *generator) emit(file string, build func() (any, []string)) error {
	if _, done := g.files[file]; done {
		return nil
	}
	v, secrets := build()
	raw, err := encode(v)
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	g.files[file] = raw
	g.secrets[file] = secrets
	return nil
}

// collectionOf recognises a HAL collection: an object whose _embedded holds
// one array.
func collectionOf(n *node) (key string, items *node, ok bool) {
	emb := n.props["_embedded"]
	if emb == nil || len(emb.props) != 1 {
		return "", nil, false
	}
	for k, arr := range emb.props {
		if arr.typ == "array" && arr.items != nil {
			return k, arr.items, true
		}
	}
	return "", nil, false
}

// page builds a list body: the page's own members are always full; the
// items are of the kind.
func page(coll *node, key string, shapes []*shape, kind string) (any, []string) {
	pw := newWriter(KindFull)
	body := map[string]any{}
	for _, name := range sortedKeys(coll.props) {
		if name != "_embedded" {
			body[name] = pw.value(coll.props[name], "/"+escape(name), name)
		}
	}
	iw := newWriter(kind)
	items := make([]any, len(shapes))
	for i, sh := range shapes {
		items[i] = iw.root(sh, "/_embedded/"+escape(key)+"/"+strconv.Itoa(i))
	}
	emb := map[string]any{key: items}
	if kind == KindUnknown {
		maps.Copy(body, unknownTop())
		maps.Copy(emb, unknownNested())
	}
	body["_embedded"] = emb
	return body, append(pw.secrets, iw.secrets...)
}

// writer writes the values of one body.
type writer struct {
	kind    string
	n       int // counter making values distinct
	secrets []string
}

func newWriter(kind string) *writer { return &writer{kind: kind} }

// root writes a resource.
func (w *writer) root(sh *shape, ptr string) any {
	if w.kind == KindEmpty {
		m := map[string]any{}
		for _, name := range sortedKeys(sh.node.props) {
			if v, ok := sh.fixed[name]; ok {
				m[name] = v
				continue
			}
			m[name] = emptyOf(sh.node.props[name])
		}
		maps.Copy(m, fixedOf(sh.fixed))
		return m
	}
	m := w.object(sh.node, ptr, sh.fixed, true)
	if w.kind == KindUnknown {
		maps.Copy(m, unknownTop())
	}
	return m
}

// hasMembers reports whether n is an object with declared members.
func hasMembers(n *node) bool { return len(n.props) > 0 || len(n.shapes) > 0 }

// fixedOf returns the discriminator values as members.
func fixedOf(fixed map[string]string) map[string]any {
	m := make(map[string]any, len(fixed))
	for k, v := range fixed {
		m[k] = v
	}
	return m
}

func emptyOf(n *node) any {
	switch {
	case len(n.shapes) > 0 || n.typ == "object" || n.mapOf != nil:
		return map[string]any{}
	case n.typ == "array":
		return []any{}
	default:
		return zeroScalar(n)
	}
}

// value writes a value of n at ptr, the member's name being member.
func (w *writer) value(n *node, ptr, member string) any {
	switch {
	case len(n.shapes) > 0:
		return w.object(n.shapes[0].node, ptr, n.shapes[0].fixed, false)
	case n.typ == "object" || n.mapOf != nil:
		return w.object(n, ptr, nil, false)
	case n.typ == "array":
		return w.array(n, ptr, member)
	default:
		return w.scalar(n, ptr, member)
	}
}

// object writes an object; root says it is a resource (whose undeclared
// members root adds).
func (w *writer) object(n *node, ptr string, fixed map[string]string, root bool) map[string]any {
	m := map[string]any{}
	for _, name := range sortedKeys(n.props) {
		if v, ok := fixed[name]; ok {
			m[name] = v
			continue
		}
		p := n.props[name]
		at := ptr + "/" + escape(name)
		if w.kind == KindNull && !n.required[name] && p.format != "password" && !hasMembers(p) {
			m[name] = nil // objects with members of their own are written, with their optional members null
			continue
		}
		m[name] = w.value(p, at, name)
	}
	maps.Copy(m, fixedOf(fixed))
	switch {
	case n.mapOf != nil:
		if w.kind != KindZero {
			keys := []string{"key1", "key2"}
			if strings.HasSuffix(ptr, "/_links") {
				keys = linkRelations
			}
			for _, k := range keys {
				m[k] = w.value(n.mapOf, ptr+"/"+escape(k), k)
			}
		}
	case len(n.props) == 0 && w.kind != KindZero:
		// A free-form object: any members.
		w.n++
		m["entry"+strconv.Itoa(w.n)] = "value-" + strconv.Itoa(w.n)
		m["nested"] = map[string]any{"list": []any{json.Number(strconv.Itoa(w.n)), true}}
	}
	// A map's members are its entries and a free-form object's are all
	// legitimate: only objects with declared members get undeclared ones.
	if w.kind == KindUnknown && !root && len(n.props) > 0 {
		maps.Copy(m, unknownNested())
	}
	return m
}

func (w *writer) array(n *node, ptr, member string) []any {
	items := []*shape{{node: n.items}}
	if len(n.items.shapes) > 0 {
		items = n.items.shapes
	}
	out := make([]any, 0, len(items))
	for i, sh := range items {
		at := ptr + "/" + strconv.Itoa(i)
		if sh.fixed != nil {
			out = append(out, w.object(sh.node, at, sh.fixed, false))
		} else {
			out = append(out, w.value(sh.node, at, member))
		}
	}
	return out
}

// base is the first timestamp of a body; each one after is a second later.
var base = time.Date(2024, 3, 1, 10, 0, 0, 123e6, time.UTC)

func (w *writer) scalar(n *node, ptr, member string) any {
	if w.kind == KindZero {
		return zeroScalar(n)
	}
	w.n++
	full := w.fullScalar(n, member)
	if n.format == "password" {
		if s, ok := full.(string); ok && s != "" {
			w.secrets = append(w.secrets, ptr)
		}
		return full
	}
	switch {
	case w.kind == KindUnknown && len(n.enum) > 0:
		return "ROUNDTRIP_UNDECLARED_" + strconv.Itoa(w.n)
	case w.kind == KindOdd:
		return w.odd(n, member, full)
	}
	return full
}

func isTimestamp(n *node, member string) bool {
	return n.format == "date-time" || n.typ == "string" && len(n.enum) == 0 && slices.Contains(timestampMembers, member)
}

func zeroScalar(n *node) any {
	switch n.typ {
	case "boolean":
		return false
	case "integer", "number":
		return json.Number("0")
	default:
		return ""
	}
}

func (w *writer) fullScalar(n *node, member string) any {
	switch n.typ {
	case "boolean":
		return true
	case "integer":
		return json.Number(strconv.FormatInt(w.intIn(n), 10))
	case "number":
		return json.Number(strconv.FormatInt(w.intIn(n), 10) + ".5")
	}
	switch {
	case len(n.enum) > 0:
		return n.enum[(w.n-1)%len(n.enum)]
	case isTimestamp(n, member):
		return base.Add(time.Duration(w.n) * time.Second).Format("2006-01-02T15:04:05.000Z")
	case n.format == "uri":
		return "https://api.pingone.test/v1/roundtrip/" + member + "/" + strconv.Itoa(w.n)
	case n.format == "password":
		return fitString(n, "secret-"+member+"-"+strconv.Itoa(w.n))
	case member == "id":
		return fmt.Sprintf("00000000-0000-4000-8000-%012d", w.n)
	}
	return fitString(n, member+"-"+strconv.Itoa(w.n))
}

// intIn is a number between n's bounds, other than 0.
func (w *writer) intIn(n *node) int64 {
	v := int64(1 + w.n%97)
	if n.min != nil && float64(v) < *n.min {
		v = int64(*n.min)
	}
	if n.max != nil && float64(v) > *n.max {
		v = int64(*n.max)
	}
	return v
}

// candidates are tried, in order, when a member's name does not fit its
// pattern.
var candidates = []string{"value", "1.2", "US", "http://crl.pingone.test/1"}

// fitString returns s, or the first candidate, fitting n's pattern and
// lengths. A schema nothing fits leaves s, and the contract check of the
// corpus fails.
func fitString(n *node, s string) string {
	for _, c := range append([]string{s}, candidates...) {
		for len(c) < n.minLen {
			c += "-" + c
		}
		if n.maxLen > 0 && len(c) > n.maxLen {
			c = c[:n.maxLen]
		}
		if n.pattern == nil || n.pattern.MatchString(c) {
			return c
		}
	}
	return s
}

// odd returns a value of another JSON type than full.
func (w *writer) odd(n *node, member string, full any) any {
	switch n.typ {
	case "boolean":
		return "false"
	case "integer", "number":
		return string(full.(json.Number))
	}
	if isTimestamp(n, member) {
		return json.Number(strconv.FormatInt(base.Add(time.Duration(w.n)*time.Second).UnixMilli(), 10))
	}
	return json.Number(strconv.Itoa(w.n))
}

// unknownTop are members no schema declares, added to a resource (and a
// list page): one of each JSON type, with the values that are easy to lose.
func unknownTop() map[string]any {
	return map[string]any{
		"rtUnknownString":      "kept as is",
		"rtUnknownEmptyString": "",
		"rtUnknownInteger":     json.Number("12345678901234567890"),
		"rtUnknownFloat":       json.Number("0.25"),
		"rtUnknownZero":        json.Number("0"),
		"rtUnknownTrue":        true,
		"rtUnknownFalse":       false,
		"rtUnknownNull":        nil,
		"rtUnknownEmptyObject": map[string]any{},
		"rtUnknownEmptyArray":  []any{},
		"rtUnknownObject": map[string]any{
			"nested": map[string]any{"list": []any{json.Number("1"), "two", nil, map[string]any{"deep": true}}},
		},
		"rtUnknownArray": []any{map[string]any{"id": "a"}, map[string]any{"id": "b", "extra": []any{}}},
	}
}

// unknownNested are the undeclared members added to every nested object.
func unknownNested() map[string]any {
	return map[string]any{
		"rtUnknownNested": map[string]any{"kept": []any{false, json.Number("0"), ""}},
		"rtUnknownFlag":   false,
	}
}

// escape escapes a member name for a JSON pointer.
func escape(name string) string {
	return strings.ReplaceAll(strings.ReplaceAll(name, "~", "~0"), "/", "~1")
}

// maxInline is the longest object or array written on one line.
const maxInline = 100

// encode renders v as JSON with sorted keys, two-space indentation and a
// final newline; an object or array whose JSON fits in maxInline characters
// stays on one line.
func encode(v any) ([]byte, error) {
	raw, err := compact(v)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var generic any
	if err := dec.Decode(&generic); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := write(&buf, generic, ""); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

func compact(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

func write(buf *bytes.Buffer, v any, indent string) error {
	flat, err := compact(v)
	if err != nil {
		return err
	}
	m, isMap := v.(map[string]any)
	list, isList := v.([]any)
	if (!isMap && !isList) || len(flat) <= maxInline || len(m)+len(list) == 0 {
		buf.Write(flat)
		return nil
	}
	inner := indent + "  "
	if isList {
		buf.WriteString("[\n")
		for i, x := range list {
			buf.WriteString(inner)
			if err := write(buf, x, inner); err != nil {
				return err
			}
			if i < len(list)-1 {
				buf.WriteByte(',')
			}
			buf.WriteByte('\n')
		}
		buf.WriteString(indent + "]")
		return nil
	}
	buf.WriteString("{\n")
	keys := sortedKeys(m)
	for i, k := range keys {
		name, err := compact(k)
		if err != nil {
			return err
		}
		buf.WriteString(inner)
		buf.Write(name)
		buf.WriteString(": ")
		if err := write(buf, m[k], inner); err != nil {
			return err
		}
		if i < len(keys)-1 {
			buf.WriteByte(',')
		}
		buf.WriteByte('\n')
	}
	buf.WriteString(indent + "}")
	return nil
}
