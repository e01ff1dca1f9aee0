package actions_test

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pingone-go/pingone/actions"
)

// contractActions reads the SDK's contract of the 113 actions
// (testdata/contract/actions.json, generated from actions.tsv).
func contractActions(t *testing.T) []struct{ Name, Family, Method, Path string } {
	t.Helper()
	data, err := os.ReadFile("../testdata/contract/actions.json")
	if err != nil {
		t.Fatal(err)
	}
	var c struct {
		Actions []struct{ Name, Family, Method, Path string }
	}
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatal(err)
	}
	return c.Actions
}

// The catalogue maps one to one, in order, onto actions.tsv: same titles,
// families and routes, and unique snake_case names made from the titles.
func TestCatalogueMatchesActions(t *testing.T) {
	t.Parallel()
	want := contractActions(t)
	all := actions.All()
	if len(all) != len(want) || len(all) != 113 {
		t.Fatalf("%d actions, the contract has %d", len(all), len(want))
	}
	names := map[string]bool{}
	for i, a := range all {
		w := want[i]
		if a.Title != w.Name || a.Family != w.Family || a.Method != w.Method || a.Path != w.Path {
			t.Errorf("action %d: %s %q (%s) %s %s, want %q (%s) %s %s", i, a.Name, a.Title, a.Family, a.Method, a.Path, w.Name, w.Family, w.Method, w.Path)
		}
		if a.Name != snake(a.Title) {
			t.Errorf("%s: the name of %q is %s", a.Name, a.Title, snake(a.Title))
		}
		if names[a.Name] {
			t.Errorf("%s: two actions have this name", a.Name)
		}
		names[a.Name] = true
		if got, ok := actions.Lookup(a.Name); !ok || got != a {
			t.Errorf("Lookup(%q) = %v, %v", a.Name, got, ok)
		}
	}
	if _, ok := actions.Lookup("List Users"); ok {
		t.Error("Lookup takes names, not titles")
	}
}

func snake(title string) string {
	return strings.Trim(regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(strings.ToLower(title), "_"), "_")
}

// Each action calls the SDK method whose //pingone:operation directive
// names the action's route.
func TestCatalogueCallsTheMethodOfItsRoute(t *testing.T) {
	t.Parallel()
	directives := operationDirectives(t, "..")
	if len(directives) != 113 {
		t.Fatalf("%d directives in the SDK, want 113", len(directives))
	}
	for _, a := range actions.All() {
		method, ok := directives[routeKey(a.Method, a.Path)]
		if !ok {
			t.Errorf("%s: no SDK method serves %s %s", a.Name, a.Method, a.Path)
			continue
		}
		if got := actions.SDKMethod(a); got != method {
			t.Errorf("%s: calls %s, but %s serves %s %s", a.Name, got, method, a.Method, a.Path)
		}
	}
}

// operationDirectives maps each route that an SDK method's
// //pingone:operation directive names to the method ("UsersService.Get").
func operationDirectives(t *testing.T, dir string) map[string]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	fset := token.NewFileSet()
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, file, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Doc == nil || fn.Recv == nil {
				continue
			}
			recv := fn.Recv.List[0].Type
			if star, ok := recv.(*ast.StarExpr); ok {
				recv = star.X
			}
			id, ok := recv.(*ast.Ident)
			if !ok {
				continue
			}
			for _, c := range fn.Doc.List {
				rest, ok := strings.CutPrefix(c.Text, "//pingone:operation ")
				if !ok {
					continue
				}
				method, path, _ := strings.Cut(strings.TrimSpace(rest), " ")
				key := routeKey(method, path)
				if prev, dup := out[key]; dup {
					t.Errorf("%s is served by %s and %s.%s", key, prev, id.Name, fn.Name.Name)
				}
				out[key] = id.Name + "." + fn.Name.Name
			}
		}
	}
	return out
}

// routeKey is a route with its parameter names left out.
func routeKey(method, path string) string {
	return method + " " + regexp.MustCompile(`\{[^}]*\}`).ReplaceAllString(path, "{}")
}

// The hints follow from the method, and the two secret actions say so.
func TestCatalogueHints(t *testing.T) {
	t.Parallel()
	secrets := map[string]bool{"get_application_secret": true, "generate_application_secret": true}
	for _, a := range actions.All() {
		h := a.Hints
		switch a.Method {
		case "GET":
			if !h.ReadOnly || !h.Idempotent || h.Destructive {
				t.Errorf("%s: a GET with hints %+v", a.Name, h)
			}
		case "DELETE":
			if h.ReadOnly || !h.Idempotent || !h.Destructive {
				t.Errorf("%s: a DELETE with hints %+v", a.Name, h)
			}
		case "PUT":
			if h.ReadOnly || !h.Destructive {
				t.Errorf("%s: a PUT with hints %+v", a.Name, h)
			}
		default:
			if h.ReadOnly {
				t.Errorf("%s: a %s with hints %+v", a.Name, a.Method, h)
			}
		}
		if h.ReturnsSecret != secrets[a.Name] {
			t.Errorf("%s: ReturnsSecret %v", a.Name, h.ReturnsSecret)
		}
		if h.ReturnsSecret && !strings.Contains(a.Description, "in clear") {
			t.Errorf("%s: the description does not say it returns the secret in clear", a.Name)
		}
		if d := a.Description; d == "" || strings.Contains(d, "\n") || !strings.HasSuffix(d, ".") {
			t.Errorf("%s: the description is not one paragraph: %q", a.Name, d)
		}
	}
}

// The schemas are JSON Schemas (2020-12) that resolve; inputs are objects
// that name their members, and outputs are objects.
func TestCatalogueSchemas(t *testing.T) {
	t.Parallel()
	for _, a := range actions.All() {
		for _, s := range []struct {
			what string
			s    any
		}{{"input", a.InputSchema}, {"output", a.OutputSchema}} {
			data, err := json.Marshal(s.s)
			if err != nil {
				t.Fatalf("%s: %s schema: %v", a.Name, s.what, err)
			}
			var m map[string]any
			if err := json.Unmarshal(data, &m); err != nil || m["type"] != "object" {
				t.Errorf("%s: the %s schema is not an object's: %s", a.Name, s.what, data)
			}
		}
		if ap := a.InputSchema.AdditionalProperties; ap == nil || ap.Not == nil {
			t.Errorf("%s: the input takes members it does not name", a.Name)
		}
		if _, err := a.InputSchema.Resolve(nil); err != nil {
			t.Errorf("%s: input schema: %v", a.Name, err)
		}
		if _, err := a.OutputSchema.Resolve(nil); err != nil {
			t.Errorf("%s: output schema: %v", a.Name, err)
		}
		for name, p := range a.InputSchema.Properties {
			if p.Description == "" {
				t.Errorf("%s: input member %s has no description", a.Name, name)
			}
		}
	}
}
