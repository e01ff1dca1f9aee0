package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
)

// The output formats:
//
//   - json: one JSON value, indented (a list is an array of its items);
//   - ndjson: one JSON value per line (a list: one line per item);
//   - table: aligned columns for people (one object: a FIELD VALUE list);
//   - csv: a header and one row per item.
//
// Table and csv show the columns of --columns, JSON member paths such as
// population.id, or else a choice of each family's telling members.

// preferredColumns are the members shown first in tables, when present.
var preferredColumns = []string{
	"id", "name", "username", "email", "name.given", "name.family", "type", "protocol",
	"status", "enabled", "default", "population.id", "description", "kind", "field", "message",
}

// maxDefaultColumns bounds the columns chosen without --columns.
const maxDefaultColumns = 7

// listPrinter writes a list's items as they come, a page at a time.
type listPrinter struct {
	w       io.Writer
	format  string
	columns []string // fixed by --columns or the first page
	given   []string // defaults for the columns (before the first page)
	n       int
	csvw    *csv.Writer
	table   [][]string
}

func (a *app) newListPrinter(defaults []string) *listPrinter {
	p := &listPrinter{w: a.out, format: a.format(), columns: slices.Clone(a.flags.columns), given: defaults}
	return p
}

// page writes items.
func (p *listPrinter) page(items []json.RawMessage) error {
	if len(items) == 0 {
		return nil
	}
	switch p.format {
	case "json":
		for _, it := range items {
			sep := ",\n"
			if p.n == 0 {
				sep = "[\n"
			}
			var buf bytes.Buffer
			if err := json.Indent(&buf, it, "  ", "  "); err != nil {
				return err
			}
			if _, err := fmt.Fprintf(p.w, "%s  %s", sep, buf.Bytes()); err != nil {
				return err
			}
			p.n++
		}
		return nil
	case "ndjson":
		for _, it := range items {
			var buf bytes.Buffer
			if err := json.Compact(&buf, it); err != nil {
				return err
			}
			buf.WriteByte('\n')
			if _, err := p.w.Write(buf.Bytes()); err != nil {
				return err
			}
			p.n++
		}
		return nil
	}
	flat := make([]map[string]string, len(items))
	for i, it := range items {
		m, err := flatten(it)
		if err != nil {
			return err
		}
		flat[i] = m
	}
	if p.columns == nil {
		p.columns = chooseColumns(flat, p.given)
	}
	switch p.format {
	case "csv":
		if p.csvw == nil {
			p.csvw = csv.NewWriter(p.w)
			if err := p.csvw.Write(p.columns); err != nil {
				return err
			}
		}
		for _, m := range flat {
			if err := p.csvw.Write(row(m, p.columns)); err != nil {
				return err
			}
			p.n++
		}
		p.csvw.Flush()
		return p.csvw.Error()
	default: // table: aligned once every row is known
		for _, m := range flat {
			r := row(m, p.columns)
			for i := range r {
				r[i] = tableCell(r[i])
			}
			p.table = append(p.table, r)
			p.n++
		}
		return nil
	}
}

// close ends the output.
func (p *listPrinter) close() error {
	switch p.format {
	case "json":
		if p.n == 0 {
			_, err := io.WriteString(p.w, "[]\n")
			return err
		}
		_, err := io.WriteString(p.w, "\n]\n")
		return err
	case "table":
		if p.n == 0 {
			return nil
		}
		tw := tabwriter.NewWriter(p.w, 0, 0, 2, ' ', 0)
		head := make([]string, len(p.columns))
		for i, c := range p.columns {
			head[i] = strings.ToUpper(c)
		}
		fmt.Fprintln(tw, strings.Join(head, "\t"))
		for _, r := range p.table {
			fmt.Fprintln(tw, strings.Join(r, "\t"))
		}
		return tw.Flush()
	case "csv":
		if p.csvw == nil && p.columns != nil {
			// No item: the header alone, when the columns were given.
			p.csvw = csv.NewWriter(p.w)
			_ = p.csvw.Write(p.columns)
		}
		if p.csvw != nil {
			p.csvw.Flush()
			return p.csvw.Error()
		}
	}
	return nil
}

// printItems writes a whole list.
func (a *app) printItems(items []json.RawMessage, defaults []string) error {
	p := a.newListPrinter(defaults)
	if err := p.page(items); err != nil {
		return err
	}
	return p.close()
}

// printValue writes one JSON value: an object, or {} for an action that
// returns nothing (which table and csv leave out).
func (a *app) printValue(v json.RawMessage) error {
	switch a.format() {
	case "json":
		var buf bytes.Buffer
		if err := json.Indent(&buf, v, "", "  "); err != nil {
			return err
		}
		buf.WriteByte('\n')
		_, err := a.out.Write(buf.Bytes())
		return err
	case "ndjson":
		var buf bytes.Buffer
		if err := json.Compact(&buf, v); err != nil {
			return err
		}
		buf.WriteByte('\n')
		_, err := a.out.Write(buf.Bytes())
		return err
	}
	m, err := flatten(v)
	if err != nil {
		return err
	}
	if len(m) == 0 {
		return nil
	}
	cols := a.flags.columns
	if cols == nil {
		cols = allColumns(m)
	}
	if a.format() == "csv" {
		w := csv.NewWriter(a.out)
		_ = w.Write(cols)
		_ = w.Write(row(m, cols))
		w.Flush()
		return w.Error()
	}
	tw := tabwriter.NewWriter(a.out, 0, 0, 2, ' ', 0)
	for _, c := range cols {
		fmt.Fprintf(tw, "%s\t%s\n", c, tableCell(m[c]))
	}
	return tw.Flush()
}

// flatten turns a JSON object into member paths (population.id) and
// their values as text. Arrays of scalars are joined with commas; other
// arrays stay JSON. Links are left out. A value that is not an object is
// one member named "value".
func flatten(v json.RawMessage) (map[string]string, error) {
	d := json.NewDecoder(bytes.NewReader(v))
	d.UseNumber()
	var x any
	if err := d.Decode(&x); err != nil {
		return nil, err
	}
	out := map[string]string{}
	obj, ok := x.(map[string]any)
	if !ok {
		if x != nil {
			out["value"] = cell(x)
		}
		return out, nil
	}
	var walk func(prefix string, o map[string]any, depth int)
	walk = func(prefix string, o map[string]any, depth int) {
		for k, val := range o {
			if k == "_links" {
				continue
			}
			key := prefix + k
			if sub, ok := val.(map[string]any); ok && depth < 3 {
				walk(key+".", sub, depth+1)
				continue
			}
			if val == nil {
				continue
			}
			out[key] = cell(val)
		}
	}
	walk("", obj, 0)
	return out, nil
}

// cell is a value as table text.
func cell(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return x.String()
	case bool:
		if x {
			return "true"
		}
		return "false"
	case []any:
		parts := make([]string, 0, len(x))
		for _, e := range x {
			switch e.(type) {
			case map[string]any, []any:
				data, _ := json.Marshal(x)
				return string(data)
			}
			parts = append(parts, cell(e))
		}
		return strings.Join(parts, ",")
	default:
		data, _ := json.Marshal(x)
		return string(data)
	}
}

func row(m map[string]string, cols []string) []string {
	r := make([]string, len(cols))
	for i, c := range cols {
		r[i] = m[c]
	}
	return r
}

// chooseColumns picks the columns of a list: the defaults present in
// the items, else the preferred members present, else the first members
// in name order.
func chooseColumns(items []map[string]string, defaults []string) []string {
	present := map[string]bool{}
	for _, m := range items {
		for k := range m {
			present[k] = true
		}
	}
	var cols []string
	for _, c := range defaults {
		if present[c] {
			cols = append(cols, c)
		}
	}
	if len(cols) > 0 {
		return cols
	}
	for _, c := range preferredColumns {
		if present[c] && len(cols) < maxDefaultColumns {
			cols = append(cols, c)
		}
	}
	if len(cols) >= 2 {
		return cols
	}
	var rest []string
	for k := range present {
		if !slices.Contains(cols, k) && !strings.HasPrefix(k, "environment.") {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	for _, k := range rest {
		if len(cols) >= maxDefaultColumns {
			break
		}
		cols = append(cols, k)
	}
	return cols
}

// allColumns orders an object's members: the preferred ones first, then
// the others by name.
func allColumns(m map[string]string) []string {
	var cols []string
	for _, c := range preferredColumns {
		if _, ok := m[c]; ok {
			cols = append(cols, c)
		}
	}
	var rest []string
	for k := range m {
		if !slices.Contains(cols, k) {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	return append(cols, rest...)
}

// tableCell keeps a value on its line and in its column: tabs and line
// breaks become spaces.
func tableCell(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return ' '
		}
		return r
	}, s)
}
