// Command contractgen writes the PingOne API contract used by the SDK tests
// (testdata/contract/actions.json and testdata/contract/openapi.json) from
// actions.tsv and the PingOne OpenAPI specs.
//
// It is a module of its own (it reads the YAML specs with kin-openapi, which
// the SDK's module must not list). From the repository root:
//
//	make contract
//	go -C tools/contractgen run . [-spec-dir DIR] [-out DIR]
//
// The default directories are relative to the SDK's repository root (the
// directory above whose go.mod declares module github.com/pingone-go/pingone);
// explicit relative paths are relative to the working directory. Output is
// deterministic.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/pingone-go/pingone/tools/contractgen/gen"
)

func main() {
	specDir := flag.String("spec-dir", "", "directory holding actions.tsv and the PingOne specs (default ../shared/pingone-api relative to the repository root)")
	out := flag.String("out", "", "output directory (default testdata/contract relative to the repository root)")
	flag.Parse()
	if err := run(*specDir, *out); err != nil {
		fmt.Fprintln(os.Stderr, "contractgen:", err)
		os.Exit(1)
	}
}

func run(specDir, out string) error {
	if specDir == "" || out == "" {
		root, err := repoRoot()
		if err != nil {
			return err
		}
		if specDir == "" {
			specDir = filepath.Join(root, "..", "shared", "pingone-api")
		}
		if out == "" {
			out = filepath.Join(root, "testdata", "contract")
		}
	}
	return gen.Write(specDir, out)
}

// sdkModule is the module whose root holds testdata/contract.
const sdkModule = "github.com/pingone-go/pingone"

// repoRoot walks up from the working directory to the directory holding the
// SDK's go.mod (past this tool's own).
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if mod, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && modulePath(mod) == sdkModule {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod of %s above the working directory", sdkModule)
		}
		dir = parent
	}
}

// modulePath returns the path of the module line of a go.mod file.
func modulePath(mod []byte) string {
	for _, line := range strings.Split(string(mod), "\n") {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "module "); ok {
			return strings.Trim(strings.TrimSpace(rest), `"`)
		}
	}
	return ""
}
