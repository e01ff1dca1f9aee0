package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRepoRootIsTheSDKsNotThisModules(t *testing.T) {
	root, err := repoRoot()
	require.NoError(t, err)
	want, err := filepath.Abs(filepath.Join("..", ".."))
	require.NoError(t, err)
	assert.Equal(t, want, root)
	_, err = os.Stat(filepath.Join(root, "testdata", "contract", "openapi.json"))
	assert.NoError(t, err)
}

func TestModulePath(t *testing.T) {
	assert.Equal(t, "github.com/pingone-go/pingone", modulePath([]byte("// c\nmodule github.com/pingone-go/pingone\n\ngo 1.26.0\n")))
	assert.Equal(t, "example.com/x", modulePath([]byte(`module "example.com/x"`)))
	assert.Equal(t, "", modulePath([]byte("go 1.26.0\n")))
}
