package pingonetest_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/pingonetest"
)

// TestSubmitSignIn signs the seeded administrator in as a browser would,
// through AuthCodeFlow.SignIn's loopback callback; a wrong password fails
// at the sign-in page.
func TestSubmitSignIn(t *testing.T) {
	t.Parallel()
	srv := pingonetest.NewServer(t)
	flow, err := pingone.NewAuthCodeFlow(pingone.AuthCodeConfig{
		AuthURL: srv.AuthURL(), EnvironmentID: srv.EnvironmentID(), ClientID: srv.CLIClientID(),
		RedirectURL: "http://127.0.0.1:0/callback", Scopes: []string{"openid"},
	})
	require.NoError(t, err)
	admin := srv.Admin()

	var wrong error
	_, err = flow.SignIn(t.Context(), pingone.SignInOptions{OpenBrowser: func(authURL string) error {
		wrong = pingonetest.SubmitSignIn(t.Context(), authURL, admin.Username, "not the password")
		return wrong
	}})
	require.Error(t, err)
	assert.ErrorContains(t, wrong, "pingonetest: sign-in")

	tok, err := flow.SignIn(t.Context(), pingone.SignInOptions{OpenBrowser: func(authURL string) error {
		return pingonetest.SubmitSignIn(t.Context(), authURL, admin.Username, admin.Password)
	}})
	require.NoError(t, err)
	assert.NotEmpty(t, tok.AccessToken)
}
