// Command wiregen writes wire_methods.go in package pingone: the codec
// methods of every model struct (a struct with a wireMeta field). Run it
// with go generate in the module root, or:
//
//	go run ./internal/cmd/wiregen [-dir DIR]
//
// TestWireMethodsUpToDate fails when the file is stale.
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
	src, err := wiregen.Generate(*dir)
	if err == nil {
		err = os.WriteFile(filepath.Join(*dir, wiregen.FileName), src, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "wiregen:", err)
		os.Exit(1)
	}
}
