package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestQuickstart runs the quickstart against the embedded PingOne, as
// `make quickstart` does, and checks that every step happened.
func TestQuickstart(t *testing.T) {
	for _, k := range []string{"PINGONE_ENVIRONMENT_ID", "PINGONE_CLIENT_ID", "PINGONE_CLIENT_SECRET", "PINGONE_REGION"} {
		t.Setenv(k, "")
	}
	var out bytes.Buffer
	require.NoError(t, run(t.Context(), &out), out.String())
	for _, want := range []string{
		"Start pingonetest",
		"submits the form itself",
		`signed in as "admin"`,
		"Create a population",
		"first page: 2 of 5 (next page: true)",
		"5. Quickstart",
		"not found, as expected: NOT_FOUND",
		"3. qs-",
		"is now inside",
		"member: qs-",
		`" (INDIRECT)`,
		"assigned Identity Data Read Only at environment scope",
		"new secret: [REDACTED]",
		"now uses",
		"has 1 email device(s)",
		"deleted user qs-",
		"deleted population",
	} {
		assert.Contains(t, out.String(), want)
	}
	assert.NotContains(t, out.String(), "could not delete")
}
