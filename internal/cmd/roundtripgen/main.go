// Command roundtripgen writes the SDK's golden round-trip corpus
// (testdata/roundtrip) from the contract (testdata/contract); see package
// internal/roundtrip.
//
// Run it from anywhere inside the module (or with make roundtrip):
//
//	go run ./internal/cmd/roundtripgen [-contract DIR] [-out DIR]
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

	"github.com/pingone-go/pingone/internal/contract"
	"github.com/pingone-go/pingone/internal/roundtrip"
)

func main() {
	contractDir := flag.String("contract", "", "contract directory (default testdata/contract relative to the module root)")
	out := flag.String("out", "", "output directory (default testdata/roundtrip relative to the module root)")
	flag.Parse()
	if err := run(*contractDir, *out); err != nil {
		fmt.Fprintln(os.Stderr, "roundtripgen:", err)
		os.Exit(1)
	}
}

func run(contractDir, out string) error {
	if contractDir == "" || out == "" {
		root, err := moduleRoot()
		if err != nil {
			return err
		}
		if contractDir == "" {
			contractDir = filepath.Join(root, "testdata", "contract")
		}
		if out == "" {
			out = filepath.Join(root, "testdata", "roundtrip")
		}
	}
	c, err := contract.Load(contractDir)
	if err != nil {
		return err
	}
	return roundtrip.Write(c, out)
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
