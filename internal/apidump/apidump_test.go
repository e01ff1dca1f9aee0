package apidump

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the API files in api/")

// packages are the SDK's public packages and the files that record their
// exported API.
var packages = []struct{ dir, path, file string }{
	{".", "github.com/pingone-go/pingone", "pingone.txt"},
	{"scim", "github.com/pingone-go/pingone/scim", "scim.txt"},
	{"pingonetest", "github.com/pingone-go/pingone/pingonetest", "pingonetest.txt"},
}

// TestAPIUnchanged fails when a public package's exported API differs from
// its file in api/: a change to the API must update the file in the same
// change (go test ./internal/apidump -update), so that it shows in review,
// and a breaking one goes into CHANGELOG.md.
func TestAPIUnchanged(t *testing.T) {
	t.Parallel()
	root := filepath.Join("..", "..")
	for _, p := range packages {
		got, err := Dump(filepath.Join(root, p.dir), p.path)
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(root, "api", p.file)
		text := strings.Join(got, "\n") + "\n"
		if *update {
			if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("%v: run go test ./internal/apidump -update", err)
		}
		if diff := cmp.Diff(strings.Split(string(want), "\n"), strings.Split(text, "\n")); diff != "" {
			t.Errorf("the exported API of %s changed (-recorded +now):\n%s\nIf the change is meant, run go test ./internal/apidump -update, and record a breaking change in CHANGELOG.md.", p.path, diff)
		}
	}
}

func TestDumpSeesEveryKindOfDeclaration(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src := `package p
type T struct{ A int; b string; Embedded }
type Embedded struct{}
type G[K comparable] struct{ V K }
type I interface{ M(x int) (string, error) }
type S string
const C S = "c"
var V = 1
func F(a, b string, opts ...int) error { return nil }
func (t *T) M(ctx any) (*T, error) { return t, nil }
func (t *T) m() {}
func f() {}
`
	if err := os.WriteFile(filepath.Join(dir, "p.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := Dump(dir, "example.com/p")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"pkg example.com/p, const C S",
		"pkg example.com/p, func F(string, string, ...int) error",
		"pkg example.com/p, method (*T) M(any) (*T, error)",
		"pkg example.com/p, type Embedded struct",
		"pkg example.com/p, type G[comparable] struct",
		"pkg example.com/p, type G[comparable] struct, V K",
		"pkg example.com/p, type I interface",
		"pkg example.com/p, type I interface, M(int) (string, error)",
		"pkg example.com/p, type S string",
		"pkg example.com/p, type T struct",
		"pkg example.com/p, type T struct, A int",
		"pkg example.com/p, type T struct, embedded Embedded",
		"pkg example.com/p, var V",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Error(diff)
	}
}
