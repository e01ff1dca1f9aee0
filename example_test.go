package pingone_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"os"
	"time"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/pingonetest"
	"github.com/pingone-go/pingone/scim"
)

// startPingOne starts the in-memory PingOne that the examples run on.
func startPingOne() (*pingonetest.Server, *pingone.Client) {
	srv, err := pingonetest.Start()
	if err != nil {
		log.Fatal(err)
	}
	client, err := pingone.NewClient(srv.ClientOptions()...)
	if err != nil {
		log.Fatal(err)
	}
	return srv, client
}

func ExampleNewClient() {
	// A worker application in the EU region. NewClient does no I/O: the
	// token is fetched by the first call.
	client, err := pingone.NewClient(
		pingone.WithRegion(pingone.RegionEU),
		pingone.WithClientCredentials("admin-env-id", "client-id", "client-secret"),
		pingone.WithUserAgent("my-sync-job/1.0"),
	)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(client.APIURL())
	// Output: https://api.pingone.eu/v1
}

func ExampleClient_Environment() {
	srv, client := startPingOne()
	defer srv.Close()

	env := client.Environment(srv.EnvironmentID())
	pop, err := env.Populations.Create(context.Background(), pingone.PopulationRequest{Name: "Contractors"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(pop.Name, pop.UserCount)
	// Output: Contractors 0
}

func ExamplePopulationsService_ListIter() {
	srv, client := startPingOne()
	defer srv.Close()
	ctx := context.Background()
	env := client.Environment(srv.EnvironmentID())
	for _, name := range []string{"EU staff", "EU contractors", "US staff"} {
		if _, err := env.Populations.Create(ctx, pingone.PopulationRequest{Name: name}); err != nil {
			log.Fatal(err)
		}
	}

	// Pages of 1 to show the paging; the loop sees one sequence.
	opts := &pingone.ListPopulationsOptions{Filter: scim.Sw("name", "EU"), ListOptions: pingone.ListOptions{Limit: 1}}
	for p, err := range env.Populations.ListIter(ctx, opts) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(p.Name)
	}
	// Output:
	// EU staff
	// EU contractors
}

func ExampleAPIError() {
	srv, client := startPingOne()
	defer srv.Close()

	_, err := client.Environment(srv.EnvironmentID()).Populations.Get(context.Background(), "no-such-population")
	if errors.Is(err, pingone.ErrNotFound) {
		fmt.Println("not found")
	}
	if apiErr, ok := errors.AsType[*pingone.APIError](err); ok {
		fmt.Println(apiErr.StatusCode, apiErr.Code)
	}
	// Output:
	// not found
	// 404 NOT_FOUND
}

func ExampleAPIError_HasDetail() {
	srv, client := startPingOne()
	defer srv.Close()
	ctx := context.Background()
	env := client.Environment(srv.EnvironmentID())

	_, err := env.Populations.List(ctx, &pingone.ListPopulationsOptions{Filter: scim.Eq("description", "x")})
	if apiErr, ok := errors.AsType[*pingone.APIError](err); ok && apiErr.HasDetail("INVALID_FILTER") {
		fmt.Println("filterable:", apiErr.Details[0].InnerError.SupportedAttributes)
	}
	// Output: filterable: [id name]
}

func ExampleWithRetryPolicy() {
	client, err := pingone.NewClient(
		pingone.WithStaticToken("token"),
		pingone.WithRetryPolicy(pingone.RetryPolicy{
			MaxRetries:    6,
			MinWait:       time.Second,
			MaxWait:       time.Minute,
			MaxRetryAfter: 2 * time.Minute,
		}),
		// Share the licence's rate limit with other tools.
		pingone.WithRateLimit(20, 5),
	)
	fmt.Println(client != nil, err)
	// Output: true <nil>
}

func ExampleWithLogger() {
	srv, _ := startPingOne()
	defer srv.Close()
	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		Level: slog.LevelDebug,
		// Drop the values that change from run to run.
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			switch a.Key {
			case slog.TimeKey, "duration", "correlation_id", "path":
				return slog.Attr{}
			}
			return a
		},
	}))
	client, err := pingone.NewClient(append(srv.ClientOptions(), pingone.WithLogger(logger))...)
	if err != nil {
		log.Fatal(err)
	}
	_, _ = client.Environment(srv.EnvironmentID()).Populations.List(context.Background(), nil)
	// Output: level=DEBUG msg="pingone request" method=GET attempt=1 status=200
}

func ExampleNewAuthCodeFlow() {
	// A web backend: send the browser to AuthCodeURL, keep state and
	// verifier in the session, and exchange the code on the callback.
	flow, err := pingone.NewAuthCodeFlow(pingone.AuthCodeConfig{
		Region:        pingone.RegionNA,
		EnvironmentID: "admin-env-id",
		ClientID:      "client-id",
		ClientSecret:  pingone.NewSecret("client-secret"),
		RedirectURL:   "https://admin.example.com/callback",
		Scopes:        []string{"openid", "profile"},
	})
	if err != nil {
		log.Fatal(err)
	}
	state, verifier := pingone.NewState(), pingone.NewVerifier()
	_ = flow.AuthCodeURL(state, verifier) // redirect the browser here

	// In the callback handler:
	//	tok, err := flow.Exchange(ctx, r.URL.Query().Get("code"), verifier)
	//	client, err := pingone.NewClient(pingone.WithTokenSource(flow.TokenSource(tok, nil)))
	fmt.Println("ok")
	// Output: ok
}

func ExampleAuthCodeFlow_SignIn() {
	// A CLI: sign in once through the browser, then reuse the stored token.
	flow, err := pingone.NewAuthCodeFlow(pingone.AuthCodeConfig{
		EnvironmentID: "admin-env-id",
		ClientID:      "cli-client-id",
		RedirectURL:   "http://127.0.0.1:0/callback", // a free loopback port
		Scopes:        []string{"openid"},
	})
	if err != nil {
		log.Fatal(err)
	}
	store := pingone.FileTokenStore{Path: os.ExpandEnv("$HOME/.config/my-cli/token.json")}
	ctx := context.Background()
	tok, err := pingone.StoredToken(ctx, store)
	if err == nil && tok == nil {
		tok, err = flow.SignIn(ctx, pingone.SignInOptions{
			Store:       store,
			OpenBrowser: func(u string) error { fmt.Fprintln(os.Stderr, "Open", u); return nil },
		})
	}
	if err != nil {
		log.Fatal(err)
	}
	client, err := pingone.NewClient(pingone.WithTokenSource(flow.TokenSource(tok, store)))
	_, _ = client, err
}
