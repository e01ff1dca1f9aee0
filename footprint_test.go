package pingone_test

import (
	"os"
	"strings"
	"testing"
)

// TestGoModFootprint keeps the SDK's go.mod to what its users need: every
// module listed there reaches the go.sum of every module that imports the
// SDK. Code that needs another module (a tool, a browser test, a leak
// guard, an extension) belongs in a nested module of its own; see
// CONTRIBUTING.md, "Modules and what users download".
func TestGoModFootprint(t *testing.T) {
	raw, err := os.ReadFile("go.mod")
	if err != nil {
		t.Fatal(err)
	}
	allowed := map[string]string{
		"github.com/go-json-experiment/json":    "runtime",
		"github.com/hashicorp/go-retryablehttp": "runtime",
		"github.com/hashicorp/go-cleanhttp":     "runtime (go-retryablehttp)",
		"golang.org/x/oauth2":                   "runtime",
		"github.com/stretchr/testify":           "tests of the root packages",
		"go.yaml.in/yaml/v3":                    "tests (testify)",
		"github.com/jarcoal/httpmock":           "tests of the root packages",
		"github.com/google/go-cmp":              "tests of the root packages",
	}
	required := requiredModules(string(raw))
	if len(required) == 0 {
		t.Fatal("no require directive found in go.mod")
	}
	for _, m := range required {
		if _, ok := allowed[m]; !ok {
			t.Errorf("go.mod requires %s: it would reach every user's go.sum; move the code that needs it to a nested module", m)
		}
	}
}

// requiredModules returns the module paths of go.mod's require directives.
func requiredModules(gomod string) []string {
	var mods []string
	inBlock := false
	for _, line := range strings.Split(gomod, "\n") {
		line, _, _ = strings.Cut(line, "//")
		fields := strings.Fields(line)
		switch {
		case len(fields) == 0:
		case inBlock && fields[0] == ")":
			inBlock = false
		case inBlock:
			mods = append(mods, fields[0])
		case fields[0] == "require" && len(fields) > 1 && fields[1] == "(":
			inBlock = true
		case fields[0] == "require" && len(fields) > 1:
			mods = append(mods, fields[1])
		}
	}
	return mods
}
