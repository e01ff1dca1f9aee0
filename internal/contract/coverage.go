package contract

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// DirectivePrefix starts an operation directive. A directive sits in the doc
// comment of the SDK method that performs the action:
//
//	//pingone:operation GET /environments/{environmentID}/users/{userID}
//	func (s *UsersService) Get(ctx context.Context, envID, userID string) (*User, error)
//
// Path parameter names need not match the contract ({userID} ≡ {id}).
const DirectivePrefix = "//pingone:operation"

// Directive is one //pingone:operation comment.
type Directive struct {
	Method string
	Path   string
	Func   string // "Type.Method" (or the function name for plain functions)
	Pos    string // file:line
}

func (d Directive) String() string {
	return fmt.Sprintf("%s: %s %s %s", d.Pos, DirectivePrefix, d.Method, d.Path)
}

// CoverageReport tells which actions an SDK package implements.
type CoverageReport struct {
	Implemented map[string]string   // action name -> "Type.Method"
	Missing     []string            // actions no directive claims, in contract order
	Duplicates  map[string][]string // action name -> every "Type.Method" claiming it (only when claimed more than once)
	Unknown     []Directive         // directives (or malformed ones) matching no action
	Misplaced   []Directive         // directives outside the doc comment of a method
}

// Complete reports whether every action is implemented exactly once and every
// directive is valid.
func (r CoverageReport) Complete() bool {
	return len(r.Missing) == 0 && len(r.Duplicates) == 0 && len(r.Unknown) == 0 && len(r.Misplaced) == 0
}

func (r CoverageReport) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d actions implemented, %d missing", len(r.Implemented), len(r.Missing))
	for _, name := range r.Missing {
		fmt.Fprintf(&b, "\nmissing: %s", name)
	}
	for _, name := range sortedKeys(r.Duplicates) {
		fmt.Fprintf(&b, "\nduplicate: %s claimed by %s", name, strings.Join(r.Duplicates[name], ", "))
	}
	for _, d := range r.Unknown {
		fmt.Fprintf(&b, "\nunknown directive: %s (%s)", d, d.Func)
	}
	for _, d := range r.Misplaced {
		fmt.Fprintf(&b, "\nmisplaced directive (not on a method): %s", d)
	}
	return b.String()
}

// Coverage parses the non-test Go files of dir and matches the operation
// directives in method doc comments to actions by method and path.
func Coverage(dir string, actions []Action) (CoverageReport, error) {
	report := CoverageReport{Implemented: map[string]string{}, Duplicates: map[string][]string{}}
	byKey := map[string]string{}
	for _, a := range actions {
		byKey[directiveKey(a.Method, a.Path)] = a.Name
	}

	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return report, err
	}
	sort.Strings(files)
	claims := map[string][]string{}
	fset := token.NewFileSet()
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		src, err := os.ReadFile(file)
		if err != nil {
			return report, err
		}
		f, err := parser.ParseFile(fset, file, src, parser.ParseComments)
		if err != nil {
			return report, err
		}
		onMethods := map[*ast.Comment]bool{}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Doc == nil {
				continue
			}
			name := funcName(fn)
			for _, c := range fn.Doc.List {
				d, ok := parseDirective(c, fset, name)
				if !ok {
					continue
				}
				if fn.Recv == nil {
					report.Misplaced = append(report.Misplaced, d)
					onMethods[c] = true
					continue
				}
				onMethods[c] = true
				action, known := byKey[directiveKey(d.Method, d.Path)]
				if !known || d.Method == "" {
					report.Unknown = append(report.Unknown, d)
					continue
				}
				claims[action] = append(claims[action], name)
			}
		}
		for _, group := range f.Comments {
			for _, c := range group.List {
				if onMethods[c] {
					continue
				}
				if d, ok := parseDirective(c, fset, ""); ok {
					report.Misplaced = append(report.Misplaced, d)
				}
			}
		}
	}
	for _, a := range actions {
		funcs := claims[a.Name]
		switch {
		case len(funcs) == 0:
			report.Missing = append(report.Missing, a.Name)
		default:
			sort.Strings(funcs)
			report.Implemented[a.Name] = funcs[0]
			if len(funcs) > 1 {
				report.Duplicates[a.Name] = funcs
			}
		}
	}
	return report, nil
}

// parseDirective parses c when it is an operation directive. A malformed
// directive is returned with an empty Method.
func parseDirective(c *ast.Comment, fset *token.FileSet, fn string) (Directive, bool) {
	rest, ok := strings.CutPrefix(c.Text, DirectivePrefix)
	if !ok || (rest != "" && rest[0] != ' ' && rest[0] != '\t') {
		return Directive{}, false
	}
	pos := fset.Position(c.Pos())
	d := Directive{Func: fn, Pos: fmt.Sprintf("%s:%d", filepath.Base(pos.Filename), pos.Line)}
	fields := strings.Fields(rest)
	if len(fields) != 2 || !strings.HasPrefix(fields[1], "/") {
		d.Path = strings.TrimSpace(rest)
		return d, true
	}
	d.Method, d.Path = strings.ToUpper(fields[0]), fields[1]
	return d, true
}

func directiveKey(method, path string) string {
	return strings.ToUpper(method) + " " + normalizePath(path)
}

// funcName returns "Type.Method" for methods (pointer and type parameters
// stripped) and the plain name for functions.
func funcName(fn *ast.FuncDecl) string {
	if fn.Recv == nil || len(fn.Recv.List) == 0 {
		return fn.Name.Name
	}
	t := fn.Recv.List[0].Type
	for {
		switch x := t.(type) {
		case *ast.StarExpr:
			t = x.X
			continue
		case *ast.IndexExpr:
			t = x.X
			continue
		case *ast.IndexListExpr:
			t = x.X
			continue
		case *ast.ParenExpr:
			t = x.X
			continue
		}
		break
	}
	if id, ok := t.(*ast.Ident); ok {
		return id.Name + "." + fn.Name.Name
	}
	return fn.Name.Name
}
