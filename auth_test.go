package pingone_test

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/pingone-go/pingone"
)

const tokenURL = testAuth + "/" + testEnv + "/as/token"

func tokenResponder(t testing.TB, counter *atomic.Int32, check func(form url.Values, r *http.Request)) httpmock.Responder {
	return func(r *http.Request) (*http.Response, error) {
		n := counter.Add(1)
		require.NoError(t, r.ParseForm())
		if check != nil {
			check(r.PostForm, r)
		}
		body := fmt.Sprintf(`{"access_token":"at-%d","token_type":"Bearer","expires_in":3600,"refresh_token":"rt-%d"}`, n, n)
		resp := httpmock.NewStringResponse(200, body)
		resp.Header.Set("Content-Type", "application/json")
		return resp, nil
	}
}

func TestAuthClientCredentialsBasicAndPost(t *testing.T) {
	for _, post := range []bool{false, true} {
		t.Run(fmt.Sprintf("post=%v", post), func(t *testing.T) {
			mt := httpmock.NewMockTransport()
			var tokens atomic.Int32
			mt.RegisterResponder("POST", tokenURL, tokenResponder(t, &tokens, func(form url.Values, r *http.Request) {
				assert.Equal(t, "client_credentials", form.Get("grant_type"))
				user, pass, basic := r.BasicAuth()
				if post {
					assert.False(t, basic)
					assert.Equal(t, "cid", form.Get("client_id"))
					assert.Equal(t, "s3cret", form.Get("client_secret"))
				} else {
					assert.True(t, basic)
					assert.Equal(t, "cid", user)
					assert.Equal(t, "s3cret", pass)
					assert.Empty(t, form.Get("client_secret"))
				}
			}))
			var auth string
			mt.RegisterResponder("GET", popURL, func(r *http.Request) (*http.Response, error) {
				auth = r.Header.Get("Authorization")
				return jsonResponder(200, popBody)(r)
			})
			opts := []pingone.Option{
				pingone.WithBaseURLs(testAPIBase, testAuth),
				pingone.WithHTTPClient(&http.Client{Transport: mt}),
				pingone.WithClientCredentials(testEnv, "cid", "s3cret"),
			}
			if post {
				opts = append(opts, pingone.WithClientSecretPost())
			}
			c, err := pingone.NewClient(opts...)
			require.NoError(t, err)
			assert.Equal(t, 0, mt.GetTotalCallCount(), "NewClient does no I/O")
			for range 3 {
				_, err = c.Environment(testEnv).Populations.Get(t.Context(), "p1")
				require.NoError(t, err)
			}
			assert.Equal(t, "Bearer at-1", auth)
			assert.Equal(t, int32(1), tokens.Load(), "token reused")
		})
	}
}

func TestAuthClientCredentialsRefusedIsClearAndNotRetried(t *testing.T) {
	mt := httpmock.NewMockTransport()
	var tokens atomic.Int32
	mt.RegisterResponder("POST", tokenURL, func(*http.Request) (*http.Response, error) {
		tokens.Add(1)
		r := httpmock.NewStringResponse(401, `{"error":"invalid_client","error_description":"Request denied: Unsupported authentication method"}`)
		r.Header.Set("Content-Type", "application/json")
		return r, nil
	})
	c, err := pingone.NewClient(pingone.WithBaseURLs(testAPIBase, testAuth),
		pingone.WithHTTPClient(&http.Client{Transport: mt}),
		pingone.WithClientCredentials(testEnv, "cid", "wrong-secret"))
	require.NoError(t, err)
	_, err = c.Environment(testEnv).Populations.Get(t.Context(), "p1")
	require.Error(t, err)
	assert.ErrorIs(t, err, pingone.ErrUnauthorized)
	assert.Contains(t, err.Error(), "invalid_client")
	assert.NotContains(t, err.Error(), "wrong-secret")
	assert.Equal(t, int32(1), tokens.Load())
}

func TestAuthConcurrentCallsWithExpiredTokenRefreshOnce(t *testing.T) {
	mt := httpmock.NewMockTransport()
	var refreshes atomic.Int32
	mt.RegisterResponder("POST", tokenURL, tokenResponder(t, &refreshes, func(form url.Values, _ *http.Request) {
		assert.Equal(t, "refresh_token", form.Get("grant_type"))
		assert.Equal(t, "old-refresh", form.Get("refresh_token"))
	}))
	var seen sync.Map
	mt.RegisterResponder("GET", popURL, func(r *http.Request) (*http.Response, error) {
		seen.Store(r.Header.Get("Authorization"), true)
		return jsonResponder(200, popBody)(r)
	})
	flow, err := pingone.NewAuthCodeFlow(pingone.AuthCodeConfig{
		AuthURL: testAuth, EnvironmentID: testEnv, ClientID: "cli", RedirectURL: "http://127.0.0.1:1/cb",
		HTTPClient: &http.Client{Transport: mt},
	})
	require.NoError(t, err)
	expired := &oauth2.Token{AccessToken: "old", RefreshToken: "old-refresh", Expiry: time.Now().Add(-time.Minute)}
	c, err := pingone.NewClient(pingone.WithBaseURLs(testAPIBase, testAuth),
		pingone.WithHTTPClient(&http.Client{Transport: mt}),
		pingone.WithTokenSource(flow.TokenSource(expired, nil)))
	require.NoError(t, err)

	var wg sync.WaitGroup
	start := make(chan struct{})
	for range 50 {
		wg.Go(func() {
			<-start
			_, err := c.Environment(testEnv).Populations.Get(context.Background(), "p1")
			assert.NoError(t, err)
		})
	}
	close(start)
	wg.Wait()
	assert.Equal(t, int32(1), refreshes.Load(), "exactly one refresh")
	n := 0
	seen.Range(func(k, _ any) bool { n++; assert.Equal(t, "Bearer at-1", k); return true })
	assert.Equal(t, 1, n)
}

func TestAuthCodeURLHasPKCEAndState(t *testing.T) {
	flow, err := pingone.NewAuthCodeFlow(pingone.AuthCodeConfig{Region: pingone.RegionEU, EnvironmentID: "adminenv", ClientID: "cli", RedirectURL: "https://app.example/cb", Scopes: []string{"openid"}})
	require.NoError(t, err)
	u, err := url.Parse(flow.AuthCodeURL("st", "verifier-verifier-verifier-verifier-verifier"))
	require.NoError(t, err)
	assert.Equal(t, "auth.pingone.eu", u.Host)
	assert.Equal(t, "/adminenv/as/authorize", u.Path)
	q := u.Query()
	assert.Equal(t, "st", q.Get("state"))
	assert.Equal(t, "S256", q.Get("code_challenge_method"))
	assert.Equal(t, oauth2.S256ChallengeFromVerifier("verifier-verifier-verifier-verifier-verifier"), q.Get("code_challenge"))
	assert.Equal(t, "code", q.Get("response_type"))
	assert.Equal(t, "https://app.example/cb", q.Get("redirect_uri"))
}

func freePort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func TestAuthSignInRejectsWrongStateThenAcceptsRightOne(t *testing.T) {
	mt := httpmock.NewMockTransport()
	var exchanges atomic.Int32
	mt.RegisterResponder("POST", testAuth+"/adminenv/as/token", tokenResponder(t, &exchanges, func(form url.Values, _ *http.Request) {
		assert.Equal(t, "authorization_code", form.Get("grant_type"))
		assert.Equal(t, "the-code", form.Get("code"))
		assert.NotEmpty(t, form.Get("code_verifier"))
	}))
	redirect := fmt.Sprintf("http://127.0.0.1:%d/callback", freePort(t))
	flow, err := pingone.NewAuthCodeFlow(pingone.AuthCodeConfig{AuthURL: testAuth, EnvironmentID: "adminenv", ClientID: "cli", RedirectURL: redirect, HTTPClient: &http.Client{Transport: mt}})
	require.NoError(t, err)

	store := pingone.FileTokenStore{Path: filepath.Join(t.TempDir(), "sub", "token.json")}
	var wrongStatus, rightStatus atomic.Int32
	tok, err := flow.SignIn(t.Context(), pingone.SignInOptions{
		Store: store,
		OpenBrowser: func(authURL string) error {
			u, err := url.Parse(authURL)
			if err != nil {
				return err
			}
			state := u.Query().Get("state")
			go func() {
				// A forged callback first, then the real one (the browser).
				resp, err := http.Get(redirect + "?code=evil&state=" + url.QueryEscape(state+"x"))
				if assert.NoError(t, err) {
					wrongStatus.Store(int32(resp.StatusCode))
					resp.Body.Close()
				}
				resp, err = http.Get(redirect + "?code=the-code&state=" + url.QueryEscape(state))
				if assert.NoError(t, err) {
					rightStatus.Store(int32(resp.StatusCode))
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
			}()
			return nil
		},
	})
	require.NoError(t, err)
	assert.Equal(t, "at-1", tok.AccessToken)
	assert.Equal(t, int32(1), exchanges.Load(), "the forged callback was never exchanged")
	require.Eventually(t, func() bool { return rightStatus.Load() == 200 }, 5*time.Second, 10*time.Millisecond)
	assert.Equal(t, int32(http.StatusBadRequest), wrongStatus.Load())

	fi, err := os.Stat(store.Path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm())
	loaded, err := pingone.StoredToken(t.Context(), store)
	require.NoError(t, err)
	assert.Equal(t, "at-1", loaded.AccessToken)
	assert.Equal(t, "rt-1", loaded.RefreshToken)
}

func TestAuthSignInEndsWithContext(t *testing.T) {
	redirect := fmt.Sprintf("http://127.0.0.1:%d/cb", freePort(t))
	flow, err := pingone.NewAuthCodeFlow(pingone.AuthCodeConfig{AuthURL: testAuth, EnvironmentID: "e", ClientID: "c", RedirectURL: redirect})
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	_, err = flow.SignIn(ctx, pingone.SignInOptions{OpenBrowser: func(string) error { return nil }})
	assert.ErrorIs(t, err, context.DeadlineExceeded)
}

func TestAuthRefreshedTokenIsStored(t *testing.T) {
	mt := httpmock.NewMockTransport()
	var n atomic.Int32
	mt.RegisterResponder("POST", tokenURL, tokenResponder(t, &n, nil))
	flow, err := pingone.NewAuthCodeFlow(pingone.AuthCodeConfig{AuthURL: testAuth, EnvironmentID: testEnv, ClientID: "c", RedirectURL: "http://127.0.0.1:1/cb", HTTPClient: &http.Client{Transport: mt}})
	require.NoError(t, err)
	store := pingone.FileTokenStore{Path: filepath.Join(t.TempDir(), "t.json")}
	ts := flow.TokenSource(&oauth2.Token{AccessToken: "old", RefreshToken: "r", Expiry: time.Now().Add(-time.Hour)}, store)
	tok, err := ts.Token()
	require.NoError(t, err)
	assert.Equal(t, "at-1", tok.AccessToken)
	saved, err := store.Load(t.Context())
	require.NoError(t, err)
	assert.Equal(t, "at-1", saved.AccessToken)
	raw, err := os.ReadFile(store.Path)
	require.NoError(t, err)
	assert.NotContains(t, string(raw), base64.StdEncoding.EncodeToString([]byte("c:")), "no client credentials in the store")
}

func TestNewClientValidatesOptions(t *testing.T) {
	cases := map[string][]pingone.Option{
		"no credentials":   {pingone.WithRegion(pingone.RegionEU)},
		"two credentials":  {pingone.WithStaticToken("a"), pingone.WithClientCredentials("e", "c", "s")},
		"bad region":       {pingone.WithRegion("moon"), pingone.WithStaticToken("a")},
		"relative api url": {pingone.WithBaseURLs("/v1", testAuth), pingone.WithStaticToken("a")},
		"nil http client":  {pingone.WithHTTPClient(nil), pingone.WithStaticToken("a")},
		"empty secret":     {pingone.WithClientCredentials("e", "c", "")},
		"bad rate":         {pingone.WithRateLimit(0, 1), pingone.WithStaticToken("a")},
		"header injection": {pingone.WithUserAgent("x\r\nEvil: 1"), pingone.WithStaticToken("a")},
	}
	for name, opts := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := pingone.NewClient(opts...)
			require.Error(t, err)
			assert.NotContains(t, err.Error(), "\n")
		})
	}
	c, err := pingone.NewClient(pingone.WithRegion(pingone.RegionAU), pingone.WithStaticToken("a"))
	require.NoError(t, err)
	assert.Equal(t, "https://api.pingone.com.au/v1", c.APIURL())
	assert.Equal(t, "https://auth.pingone.com.au", c.AuthURL())
}

func TestNewClientDoesNotMutateHTTPClient(t *testing.T) {
	hc := &http.Client{Timeout: 7 * time.Second}
	_, err := pingone.NewClient(pingone.WithHTTPClient(hc), pingone.WithStaticToken("a"))
	require.NoError(t, err)
	assert.Nil(t, hc.Transport)
	assert.Equal(t, 7*time.Second, hc.Timeout)
}
