// Command wiregen writes wire_methods.go in package pingone: the codec
// methods of every model struct (a struct with a wireMeta field), and
// wire_types_test.go, the list of those types for the tests. Run it
// with go generate in the module root, or:
//
//	go run ./internal/cmd/wiregen [-dir DIR]
//
// TestWireMethodsUpToDate fails when either file is stale.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/pingone-go/pingone/internal/wiregen"
)

func main() {
	dir := flag.String("dir", ".", "the package directory")
	flag.Parse()
	err := write(*dir, wiregen.FileName, wiregen.Generate)
	if err == nil {
		err = write(*dir, wiregen.TypesFileName, wiregen.GenerateTypes)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "wiregen:", err)
		os.Exit(1)
	}
}

func write(dir, name string, generate func(string) ([]byte, error)) error {
	src, err := generate(dir)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, name), src, 0o644)
}
