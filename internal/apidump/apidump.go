// Package apidump lists the exported API of a Go package from its source,
// one line per exported declaration, field and method, in the spirit of the
// Go project's api/*.txt files. The SDK keeps these lists in api/ and a test
// fails when the exported API changes without them: a breaking change then
// shows in review as a removed or changed line.
package apidump

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Dump returns the sorted API lines of the package in dir, whose import
// path is pkg. Test files are left out.
func Dump(dir, pkg string) ([]string, error) {
	fset := token.NewFileSet()
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	d := &dumper{fset: fset, prefix: "pkg " + pkg + ", "}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		if f.Name.Name == "main" || strings.HasSuffix(f.Name.Name, "_test") {
			continue
		}
		for _, decl := range f.Decls {
			d.decl(decl)
		}
	}
	slices.Sort(d.lines)
	return slices.Compact(d.lines), nil
}

type dumper struct {
	fset   *token.FileSet
	prefix string
	lines  []string
}

func (d *dumper) add(format string, args ...any) {
	d.lines = append(d.lines, d.prefix+fmt.Sprintf(format, args...))
}

func (d *dumper) expr(e ast.Expr) string {
	var b bytes.Buffer
	_ = printer.Fprint(&b, d.fset, e)
	return strings.Join(strings.Fields(b.String()), " ")
}

func (d *dumper) decl(decl ast.Decl) {
	switch decl := decl.(type) {
	case *ast.FuncDecl:
		if !decl.Name.IsExported() {
			return
		}
		if decl.Recv == nil {
			d.add("func %s%s", decl.Name.Name, d.signature(decl.Type))
			return
		}
		recv := decl.Recv.List[0].Type
		if !exportedType(recv) {
			return
		}
		d.add("method (%s) %s%s", d.expr(recv), decl.Name.Name, d.signature(decl.Type))
	case *ast.GenDecl:
		for _, spec := range decl.Specs {
			switch spec := spec.(type) {
			case *ast.TypeSpec:
				d.typeSpec(spec)
			case *ast.ValueSpec:
				kind := "var"
				if decl.Tok == token.CONST {
					kind = "const"
				}
				for _, n := range spec.Names {
					if !n.IsExported() {
						continue
					}
					if spec.Type != nil {
						d.add("%s %s %s", kind, n.Name, d.expr(spec.Type))
					} else {
						d.add("%s %s", kind, n.Name)
					}
				}
			}
		}
	}
}

// exportedType reports whether a receiver names an exported type.
func exportedType(e ast.Expr) bool {
	for {
		switch t := e.(type) {
		case *ast.StarExpr:
			e = t.X
		case *ast.IndexExpr:
			e = t.X
		case *ast.IndexListExpr:
			e = t.X
		case *ast.Ident:
			return t.IsExported()
		default:
			return false
		}
	}
}

// signature prints a function type without parameter names.
func (d *dumper) signature(ft *ast.FuncType) string {
	params := d.fields(ft.Params)
	s := "(" + strings.Join(params, ", ") + ")"
	if ft.Results != nil {
		res := d.fields(ft.Results)
		if len(res) == 1 && len(ft.Results.List) == 1 && len(ft.Results.List[0].Names) <= 1 {
			s += " " + res[0]
		} else {
			s += " (" + strings.Join(res, ", ") + ")"
		}
	}
	return s
}

func (d *dumper) fields(fl *ast.FieldList) []string {
	if fl == nil {
		return nil
	}
	var out []string
	for _, f := range fl.List {
		n := max(len(f.Names), 1)
		for range n {
			out = append(out, d.expr(f.Type))
		}
	}
	return out
}

func (d *dumper) typeSpec(spec *ast.TypeSpec) {
	if !spec.Name.IsExported() {
		return
	}
	name := spec.Name.Name
	if spec.TypeParams != nil {
		name += "[" + strings.Join(d.fields(spec.TypeParams), ", ") + "]"
	}
	switch t := spec.Type.(type) {
	case *ast.StructType:
		d.add("type %s struct", name)
		for _, f := range t.Fields.List {
			if len(f.Names) == 0 {
				if exportedType(f.Type) {
					d.add("type %s struct, embedded %s", name, d.expr(f.Type))
				}
				continue
			}
			for _, n := range f.Names {
				if n.IsExported() {
					d.add("type %s struct, %s %s", name, n.Name, d.expr(f.Type))
				}
			}
		}
	case *ast.InterfaceType:
		d.add("type %s interface", name)
		for _, m := range t.Methods.List {
			for _, n := range m.Names {
				if ft, ok := m.Type.(*ast.FuncType); ok && n.IsExported() {
					d.add("type %s interface, %s%s", name, n.Name, d.signature(ft))
				}
			}
			if len(m.Names) == 0 {
				d.add("type %s interface, embedded %s", name, d.expr(m.Type))
			}
		}
	default:
		if spec.Assign.IsValid() {
			d.add("type %s = %s", name, d.expr(spec.Type))
		} else {
			d.add("type %s %s", name, d.expr(spec.Type))
		}
	}
}
