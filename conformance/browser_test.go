package conformance_test

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/internal/testenv"
	"github.com/pingone-go/pingone/pingonetest"
)

// TestBrowserSignIn signs in to pingonetest the way an administrator does
// with a CLI built on the SDK: AuthCodeFlow.SignIn opens a real (headless)
// browser on the sign-in page, the user types the credentials and submits,
// and the browser's redirect to the loopback callback completes the PKCE
// exchange.
func TestBrowserSignIn(t *testing.T) {
	path := testenv.Chromium(t)
	srv := pingonetest.NewServer(t, pingonetest.WithAdminPassword("Browser-Pass-1"))

	allocCtx, cancelAlloc := chromedp.NewExecAllocator(t.Context(),
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	defer cancelAlloc()
	browser, cancelBrowser := chromedp.NewContext(allocCtx)
	defer cancelBrowser()
	require.NoError(t, chromedp.Do(browser), "start Chromium")

	flow, err := pingone.NewAuthCodeFlow(pingone.AuthCodeConfig{
		AuthURL: srv.AuthURL(), EnvironmentID: srv.EnvironmentID(), ClientID: srv.CLIClientID(),
		RedirectURL: "http://127.0.0.1:0/callback", Scopes: []string{"openid", "profile"},
	})
	require.NoError(t, err)

	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	var wrongPasswordError string
	browserErr := make(chan error, 1)
	tok, err := flow.SignIn(ctx, pingone.SignInOptions{OpenBrowser: func(authURL string) error {
		go func() {
			// First a wrong password: the page says so and stays.
			err := chromedp.Do(browser,
				chromedp.Navigate(authURL),
				chromedp.WaitVisible(chromedp.ID("username")),
				chromedp.SendKeys(chromedp.ID("username"), "admin"),
				chromedp.SendKeys(chromedp.ID("password"), "not-it"),
				chromedp.Click(chromedp.ID("submit")),
				chromedp.WaitVisible(chromedp.ID("error")),
			)
			if err != nil {
				browserErr <- err
				return
			}
			if wrongPasswordError, err = chromedp.Run(browser, chromedp.Text(chromedp.ID("error"))); err != nil {
				browserErr <- err
				return
			}
			// Then the right one; the browser follows the redirect to the
			// SDK's loopback callback.
			browserErr <- chromedp.Do(browser,
				chromedp.SendKeys(chromedp.ID("password"), "Browser-Pass-1"),
				chromedp.Click(chromedp.ID("submit")),
			)
		}()
		return nil
	}})
	if err != nil {
		select {
		case berr := <-browserErr:
			t.Fatalf("sign-in: %v (browser: %v)", err, berr)
		default:
			t.Fatalf("sign-in: %v (the browser is still busy)", err)
		}
	}
	require.NoError(t, <-browserErr)
	assert.NotEmpty(t, tok.AccessToken)
	assert.NotEmpty(t, tok.RefreshToken)
	assert.Contains(t, wrongPasswordError, "Incorrect username or password")

	// The token works for management calls and for userinfo.
	c, err := pingone.NewClient(pingone.WithBaseURLs(srv.APIURL(), srv.AuthURL()), pingone.WithTokenSource(flow.TokenSource(tok, nil)))
	require.NoError(t, err)
	page, err := c.Environment(srv.EnvironmentID()).Populations.List(t.Context(), nil)
	require.NoError(t, err)
	assert.NotEmpty(t, page.Items)
}
