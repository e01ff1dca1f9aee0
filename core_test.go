package pingone

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"slices"
	"strings"
	"testing"
)

// coreFiles run every request: they authenticate, retry, page, decode and
// build errors, and must name no resource family. The families sit on top
// of them; services.go wires the two together.
var coreFiles = []string{
	"auth.go", "client.go", "consistency.go", "doc.go", "errors.go", "json.go",
	"limiter.go", "models.go", "optional.go", "pagination.go", "polymorphic.go", "request.go",
	"retry.go", "secret.go", "transport.go", "wire.go",
}

// wiringFiles belong to neither side: services.go puts the families on the
// core, and wire_methods.go is generated for every model.
var wiringFiles = []string{"services.go", "wire_methods.go"}

// TestCoreNamesNoFamily fails when a core file refers to an identifier that
// a family file declares (a type, function, method, constant or variable).
func TestCoreNamesNoFamily(t *testing.T) {
	t.Parallel()
	fset := token.NewFileSet()
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	familyDecls := map[string]string{} // identifier → file
	coreASTs := map[string]*ast.File{}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") || slices.Contains(wiringFiles, name) {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		if slices.Contains(coreFiles, name) {
			coreASTs[name] = f
			continue
		}
		for _, d := range f.Decls {
			for _, id := range declared(d) {
				familyDecls[id] = name
			}
		}
	}
	for _, name := range coreFiles {
		if coreASTs[name] == nil {
			t.Errorf("core file %s is missing: update coreFiles", name)
		}
	}
	if len(familyDecls) == 0 {
		t.Fatal("no family declarations found: the test would pass vacuously")
	}
	for _, f := range coreASTs {
		seen := map[string]bool{}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.Ident:
				if fam, ok := familyDecls[n.Name]; ok && !seen[n.Name] {
					seen[n.Name] = true
					t.Errorf("%s (core) refers to %s, declared by the family file %s", fset.Position(n.Pos()), n.Name, fam)
				}
			case *ast.SelectorExpr:
				// x.Name refers to a field or method, not to the package's
				// identifier Name; only the left side is looked at.
				ast.Inspect(n.X, func(m ast.Node) bool {
					if id, ok := m.(*ast.Ident); ok {
						if fam, ok := familyDecls[id.Name]; ok && !seen[id.Name] {
							seen[id.Name] = true
							t.Errorf("%s (core) refers to %s, declared by the family file %s", fset.Position(id.Pos()), id.Name, fam)
						}
					}
					return true
				})
				return false
			}
			return true
		})
	}
}

// declared returns the top-level identifiers a declaration introduces
// (methods count by their receiver type, which the core would have to
// name to call them).
func declared(d ast.Decl) []string {
	var out []string
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Recv == nil {
			out = append(out, d.Name.Name)
		}
	case *ast.GenDecl:
		for _, s := range d.Specs {
			switch s := s.(type) {
			case *ast.TypeSpec:
				out = append(out, s.Name.Name)
			case *ast.ValueSpec:
				for _, n := range s.Names {
					if n.Name != "_" {
						out = append(out, n.Name)
					}
				}
			}
		}
	}
	return out
}
