// Command contractgen writes the PingOne API contract used by the SDK tests
// (testdata/contract/actions.json and testdata/contract/openapi.json) from
// actions.tsv and the PingOne OpenAPI specs.
//
// Run it from anywhere inside the module:
//
//	go run ./internal/cmd/contractgen [-spec-dir DIR] [-out DIR]
//
// The default directories are relative to the module root; explicit relative
// paths are relative to the working directory. Output is deterministic.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/pingone-go/pingone/internal/contract/gen"
)

func main() {
	specDir := flag.String("spec-dir", "", "directory holding actions.tsv and the PingOne specs (default ../shared/pingone-api relative to the module root)")
	out := flag.String("out", "", "output directory (default testdata/contract relative to the module root)")
	flag.Parse()
	if err := run(*specDir, *out); err != nil {
		fmt.Fprintln(os.Stderr, "contractgen:", err)
		os.Exit(1)
	}
}

func run(specDir, out string) error {
	if specDir == "" || out == "" {
		root, err := moduleRoot()
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

// moduleRoot walks up from the working directory to the directory holding go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("go.mod not found above the working directory")
		}
		dir = parent
	}
}
