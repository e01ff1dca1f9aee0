package pingone_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Each method of groups.go and roles.go names itself in call.op as users
// see it ("Groups.Get", "SystemRoles.List") and sends to the route its
// //pingone:operation directive declares.
func TestGroupsAndRolesCallsMatchDirectives(t *testing.T) {
	t.Parallel()
	for _, file := range []string{"groups.go", "roles.go"} {
		f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.ParseComments)
		require.NoError(t, err)
		methods := 0
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || !fn.Name.IsExported() {
				continue
			}
			recv := fn.Recv.List[0].Type
			if star, ok := recv.(*ast.StarExpr); ok {
				recv = star.X
			}
			svc, _ := strings.CutSuffix(recv.(*ast.Ident).Name, "Service")
			if svc == recv.(*ast.Ident).Name {
				continue // a model's method, such as Group.Request
			}
			var directive string
			if fn.Doc != nil {
				for _, c := range fn.Doc.List {
					if d, ok := strings.CutPrefix(c.Text, "//pingone:operation "); ok {
						directive = d
					}
				}
			}
			fields := map[string][]string{}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				kv, ok := n.(*ast.KeyValueExpr)
				if !ok {
					return true
				}
				key, ok := kv.Key.(*ast.Ident)
				lit, isLit := kv.Value.(*ast.BasicLit)
				if ok && isLit && lit.Kind == token.STRING && (key.Name == "op" || key.Name == "route") {
					v, err := strconv.Unquote(lit.Value)
					require.NoError(t, err)
					fields[key.Name] = append(fields[key.Name], v)
				}
				return true
			})
			name := svc + "." + fn.Name.Name
			if len(fields["op"]) == 0 {
				// A helper built on another method (ByName on ListIter).
				assert.Empty(t, directive, "%s: a directive but no call", name)
				continue
			}
			methods++
			assert.Equal(t, []string{name}, fields["op"], "%s: call.op", name)
			require.Len(t, fields["route"], 1, name)
			if directive != "" {
				assert.Equal(t, directive, fields["route"][0], "%s: route and directive", name)
			} else {
				assert.True(t, strings.HasSuffix(name, "Iter"), "%s: only iterators go without a directive", name)
			}
		}
		assert.Positive(t, methods, file)
	}
}
