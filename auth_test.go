package pingone_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
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
	t.Parallel()
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
	t.Parallel()
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
	t.Parallel()
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
	t.Parallel()
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
	t.Parallel()
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
	t.Parallel()
	redirect := fmt.Sprintf("http://127.0.0.1:%d/cb", freePort(t))
	flow, err := pingone.NewAuthCodeFlow(pingone.AuthCodeConfig{AuthURL: testAuth, EnvironmentID: "e", ClientID: "c", RedirectURL: redirect})
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	_, err = flow.SignIn(ctx, pingone.SignInOptions{OpenBrowser: func(string) error { return nil }})
	assert.ErrorIs(t, err, context.DeadlineExceeded)
}

func TestAuthRefreshedTokenIsStored(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
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
	t.Parallel()
	hc := &http.Client{Timeout: 7 * time.Second}
	_, err := pingone.NewClient(pingone.WithHTTPClient(hc), pingone.WithStaticToken("a"))
	require.NoError(t, err)
	assert.Nil(t, hc.Transport)
	assert.Equal(t, 7*time.Second, hc.Timeout)
}

// fakeHosts serves an API and its token endpoint over real loopback HTTP,
// and returns the client options that reach them with client credentials.
func fakeHosts(t *testing.T, token, api http.HandlerFunc) []pingone.Option {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("POST /"+testEnv+"/as/token", token)
	mux.HandleFunc("/v1/", api)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return []pingone.Option{
		pingone.WithBaseURLs(srv.URL+"/v1", srv.URL),
		pingone.WithClientCredentials(testEnv, "cid", "s3cret"),
		pingone.WithRetryPolicy(pingone.RetryPolicy{MaxRetries: 4, MinWait: time.Millisecond, MaxWait: 5 * time.Millisecond, MaxRetryAfter: time.Minute}),
	}
}

// issueTokens answers a token request with at-N, living ttl seconds.
func issueTokens(n *atomic.Int32, ttl int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		i := n.Add(1)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"access_token":"at-%d","token_type":"Bearer","expires_in":%d}`, i, ttl)
	}
}

func populationOK(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = io.WriteString(w, popBody)
}

func TestStalledTokenRequestDoesNotWedgeTheClient(t *testing.T) {
	t.Parallel()
	var fetches atomic.Int32
	stalled := make(chan struct{})
	t.Cleanup(func() { close(stalled) })
	var issued atomic.Int32
	token := func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm() // a server notices a client leaving once the body is read
		if fetches.Add(1) == 1 {
			select { // the auth host accepts the first request and never answers
			case <-stalled:
			case <-r.Context().Done():
			}
			return
		}
		issueTokens(&issued, 3600)(w, r)
	}
	c, err := pingone.NewClient(fakeHosts(t, token, populationOK)...)
	require.NoError(t, err)
	env := c.Environment(testEnv)

	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()
	_, err = env.Populations.Get(ctx, "p1")
	require.ErrorIs(t, err, context.DeadlineExceeded)

	// The abandoned fetch is forgotten: the next call starts its own.
	_, err = env.Populations.Get(t.Context(), "p1")
	require.NoError(t, err)
	assert.Equal(t, int32(2), fetches.Load())
}

func TestTokenFetchIsBoundedWithoutACallerDeadline(t *testing.T) {
	t.Parallel()
	stalled := make(chan struct{})
	t.Cleanup(func() { close(stalled) })
	token := func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		select {
		case <-stalled:
		case <-r.Context().Done():
		}
	}
	c, err := pingone.NewClient(fakeHosts(t, token, populationOK)...)
	require.NoError(t, err)
	pingone.SetTokenFetchTimeout(c, 100*time.Millisecond)
	_, err = c.Environment(testEnv).Populations.Get(context.Background(), "p1")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "token request timed out")
}

func TestEveryCallerRejectedWithTheOldTokenRenewsAndResends(t *testing.T) {
	t.Parallel()
	for _, latency := range []time.Duration{0, 30 * time.Millisecond} {
		t.Run(fmt.Sprint("token latency ", latency), func(t *testing.T) {
			t.Parallel()
			var issued atomic.Int32
			var revoked atomic.Bool
			token := func(w http.ResponseWriter, r *http.Request) {
				time.Sleep(latency) // a slow token endpoint widens the race
				issueTokens(&issued, 3600)(w, r)
			}
			api := func(w http.ResponseWriter, r *http.Request) {
				if revoked.Load() && r.Header.Get("Authorization") == "Bearer at-1" {
					w.Header().Set("Content-Type", "application/json")
					w.WriteHeader(http.StatusUnauthorized)
					_, _ = io.WriteString(w, `{"id":"e","code":"ACCESS_FAILED","message":"The access token is invalid"}`)
					return
				}
				populationOK(w, r)
			}
			c, err := pingone.NewClient(fakeHosts(t, token, api)...)
			require.NoError(t, err)
			env := c.Environment(testEnv)
			_, err = env.Populations.Get(t.Context(), "p1")
			require.NoError(t, err)
			revoked.Store(true) // PingOne revokes every token issued so far

			var wg sync.WaitGroup
			var failed atomic.Int32
			start := make(chan struct{})
			for range 50 {
				wg.Go(func() {
					<-start
					if _, err := env.Populations.Get(t.Context(), "p1"); err != nil {
						failed.Add(1)
						t.Log(err)
					}
				})
			}
			close(start)
			wg.Wait()
			assert.Zero(t, failed.Load(), "calls that saw the 401")
			assert.Equal(t, int32(2), issued.Load(), "one renewal for all callers")
		})
	}
}

func TestTokensLivingUnder30sAreReused(t *testing.T) {
	t.Parallel()
	var issued atomic.Int32
	c, err := pingone.NewClient(fakeHosts(t, issueTokens(&issued, 25), populationOK)...)
	require.NoError(t, err)
	for range 10 {
		_, err := c.Environment(testEnv).Populations.Get(t.Context(), "p1")
		require.NoError(t, err)
	}
	assert.Equal(t, int32(1), issued.Load())
}

func TestTokenEndpoint429And503AreRetried(t *testing.T) {
	t.Parallel()
	for _, status := range []int{http.StatusTooManyRequests, http.StatusServiceUnavailable} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			t.Parallel()
			var calls, issued atomic.Int32
			token := func(w http.ResponseWriter, r *http.Request) {
				if calls.Add(1) == 1 {
					w.Header().Set("Retry-After", "0")
					w.Header().Set("Content-Type", "application/json")
					w.WriteHeader(status)
					_, _ = io.WriteString(w, `{"error":"temporarily_unavailable"}`)
					return
				}
				issueTokens(&issued, 3600)(w, r)
			}
			c, err := pingone.NewClient(fakeHosts(t, token, populationOK)...)
			require.NoError(t, err)
			_, err = c.Environment(testEnv).Populations.Get(t.Context(), "p1")
			require.NoError(t, err)
			assert.Equal(t, int32(2), calls.Load())
		})
	}
}

func TestTokenEndpointRefusalIsNotRetried(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	token := func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = io.WriteString(w, `{"error":"invalid_client"}`)
	}
	c, err := pingone.NewClient(fakeHosts(t, token, populationOK)...)
	require.NoError(t, err)
	_, err = c.Environment(testEnv).Populations.Get(t.Context(), "p1")
	require.ErrorIs(t, err, pingone.ErrUnauthorized)
	assert.Equal(t, int32(1), calls.Load())
}

// failingStore is a token store whose saves fail.
type failingStore struct{ saves atomic.Int32 }

func (s *failingStore) Load(context.Context) (*oauth2.Token, error) { return nil, nil }
func (s *failingStore) Save(context.Context, *oauth2.Token) error {
	s.saves.Add(1)
	return errors.New("disk full")
}

func TestTokenThatCannotBeSavedIsStillUsed(t *testing.T) {
	t.Parallel()
	var refreshes atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("POST /"+testEnv+"/as/token", func(w http.ResponseWriter, r *http.Request) {
		n := refreshes.Add(1)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"access_token":"at-%d","token_type":"Bearer","expires_in":3600,"refresh_token":"rt-%d"}`, n, n)
	})
	mux.HandleFunc("/v1/", populationOK)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	var logs bytes.Buffer
	var hooked []error
	var mu sync.Mutex
	flow, err := pingone.NewAuthCodeFlow(pingone.AuthCodeConfig{
		AuthURL: srv.URL, EnvironmentID: testEnv, ClientID: "cli", RedirectURL: "http://127.0.0.1:1/cb",
		Logger:      slog.New(slog.NewTextHandler(&logs, nil)),
		OnSaveError: func(err error) { mu.Lock(); hooked = append(hooked, err); mu.Unlock() },
	})
	require.NoError(t, err)
	// A store in a directory that cannot exist (its parent is a file), the
	// way a read-only config directory fails.
	file := filepath.Join(t.TempDir(), "file")
	require.NoError(t, os.WriteFile(file, nil, 0o600))
	for _, store := range []pingone.TokenStore{&failingStore{}, pingone.FileTokenStore{Path: filepath.Join(file, "token.json")}} {
		refreshes.Store(0)
		expired := &oauth2.Token{AccessToken: "old", RefreshToken: "rt-0", Expiry: time.Now().Add(-time.Minute)}
		c, err := pingone.NewClient(pingone.WithBaseURLs(srv.URL+"/v1", srv.URL), pingone.WithTokenSource(flow.TokenSource(expired, store)))
		require.NoError(t, err)
		for range 3 {
			_, err := c.Environment(testEnv).Populations.Get(t.Context(), "p1")
			require.NoError(t, err)
		}
		assert.Equal(t, int32(1), refreshes.Load(), "one refresh token spent")
	}
	mu.Lock()
	defer mu.Unlock()
	require.Len(t, hooked, 2)
	assert.ErrorContains(t, hooked[0], "disk full")
	assert.Contains(t, logs.String(), "pingone token not saved")
}

func TestFileTokenStoreRefusesAFileOthersCanRead(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "token.json")
	store := pingone.FileTokenStore{Path: path}
	require.NoError(t, store.Save(t.Context(), &oauth2.Token{AccessToken: "at", RefreshToken: "rt"}))
	tok, err := store.Load(t.Context())
	require.NoError(t, err)
	assert.Equal(t, "rt", tok.RefreshToken)

	require.NoError(t, os.Chmod(path, 0o644))
	_, err = store.Load(t.Context())
	require.Error(t, err)
	assert.Contains(t, err.Error(), "open to other users")
	assert.NotContains(t, err.Error(), "rt")
}

func TestSlowTokenEndpointHonoursContext(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	var fetches atomic.Int32
	auth := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fetches.Add(1)
		<-release
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"access_token":"at","token_type":"Bearer","expires_in":3600}`))
	}))
	defer auth.Close()
	defer close(release)
	c, err := pingone.NewClient(pingone.WithBaseURLs(auth.URL+"/v1", auth.URL), pingone.WithClientCredentials(testEnv, "cid", "secret"))
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = c.Environment(testEnv).Populations.Get(ctx, "p1")
	assert.True(t, errors.Is(err, context.DeadlineExceeded), "%v", err)
	assert.Less(t, time.Since(start), 2*time.Second, "the call ended with its context, not with the token request")
	assert.Equal(t, int32(1), fetches.Load())
}

func TestClientSecretPostNeedsClientCredentials(t *testing.T) {
	t.Parallel()
	_, err := pingone.NewClient(pingone.WithClientSecretPost(), pingone.WithStaticToken("tok"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "WithClientCredentials")
}
