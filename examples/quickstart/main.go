// Command quickstart carries out a realistic PingOne admin task with the SDK,
// printing each step.
//
// With no PINGONE_* variables set it starts pingonetest, the in-memory
// PingOne that ships with the SDK, signs in as its administrator through the
// authorization code flow with PKCE (submitting the sign-in form itself, as
// a browser would), and works there. With PINGONE_ENVIRONMENT_ID,
// PINGONE_CLIENT_ID and PINGONE_CLIENT_SECRET (and optionally
// PINGONE_REGION: com, ca, eu, com.au, sg or asia) set, it runs the same task
// against a real tenant with a worker application's client credentials.
//
//	make quickstart
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/pingonetest"
	"github.com/pingone-go/pingone/scim"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := run(ctx, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, out io.Writer) error {
	step := func(format string, args ...any) { fmt.Fprintf(out, "==> "+format+"\n", args...) }
	say := func(format string, args ...any) { fmt.Fprintf(out, "    "+format+"\n", args...) }

	client, envID, cleanup, err := connect(ctx, step, say)
	if err != nil {
		return err
	}
	defer cleanup()
	env := client.Environment(envID)

	// A run tag keeps names unique when this runs against a real tenant.
	tag := time.Now().UTC().Format("150405")
	st := &steps{step: step, say: say}
	defer st.cleanUp(context.WithoutCancel(ctx))

	step("Create a population")
	pop, err := env.Populations.Create(ctx, pingone.PopulationRequest{
		Name:        "Quickstart " + tag,
		Description: pingone.Value("Created by the pingone-go quickstart"),
	})
	if err != nil {
		return fmt.Errorf("create population: %w", err)
	}
	say("created %q (id %s)", pop.Name, pop.ID)
	st.later("population "+pop.Name, func(ctx context.Context) error { return env.Populations.Delete(ctx, pop.ID) })
	for i := range 4 {
		p, err := env.Populations.Create(ctx, pingone.PopulationRequest{Name: fmt.Sprintf("Quickstart %s region %d", tag, i)})
		if err != nil {
			return fmt.Errorf("create population: %w", err)
		}
		st.later("population "+p.Name, func(ctx context.Context) error { return env.Populations.Delete(ctx, p.ID) })
	}
	say("and 4 more to page through")

	step(`List populations with a filter: name sw "Quickstart %s"`, tag)
	filter := scim.Sw("name", "Quickstart "+tag)
	page, err := env.Populations.List(ctx, &pingone.ListPopulationsOptions{Filter: filter, ListOptions: pingone.ListOptions{Limit: 2}})
	if err != nil {
		return fmt.Errorf("list populations: %w", err)
	}
	say("first page: %d of %d (next page: %v)", len(page.Items), page.Count, page.HasNext())

	step("Page through every match with ListIter (2 per page)")
	n := 0
	for p, err := range env.Populations.ListIter(ctx, &pingone.ListPopulationsOptions{Filter: filter, ListOptions: pingone.ListOptions{Limit: 2}}) {
		if err != nil {
			return fmt.Errorf("list populations: %w", err)
		}
		n++
		say("%d. %s (%d users)", n, p.Name, p.UserCount)
	}

	step("Replace the first population (PUT clears what the request omits)")
	pop, err = env.Populations.Replace(ctx, pop.ID, pingone.PopulationRequest{Name: pop.Name + " (renamed)"})
	if err != nil {
		return fmt.Errorf("replace population: %w", err)
	}
	say("now %q, description %q", pop.Name, pop.Description)

	step("Handle a missing resource with errors.Is")
	_, err = env.Populations.Get(ctx, "00000000-0000-4000-8000-000000000000")
	switch apiErr, ok := errors.AsType[*pingone.APIError](err); {
	case errors.Is(err, pingone.ErrNotFound) && ok:
		say("not found, as expected: %s (correlation id %s)", apiErr.Code, apiErr.CorrelationID)
	case err != nil:
		return fmt.Errorf("get population: %w", err)
	default:
		return errors.New("a population that should not exist was found")
	}

	if err := st.usersAndGroups(ctx, env, tag, pop.ID); err != nil {
		return err
	}
	if err := st.application(ctx, env, envID); err != nil {
		return err
	}
	return st.policyAndMFA(ctx, env, tag, pop.ID)
}

// connect returns a client for a real tenant (client credentials from the
// environment) or for an in-process pingonetest (admin sign-in).
func connect(ctx context.Context, step, say func(string, ...any)) (*pingone.Client, string, func(), error) {
	envID, clientID, secret := os.Getenv("PINGONE_ENVIRONMENT_ID"), os.Getenv("PINGONE_CLIENT_ID"), os.Getenv("PINGONE_CLIENT_SECRET")
	if envID != "" || clientID != "" || secret != "" {
		if envID == "" || clientID == "" || secret == "" {
			return nil, "", nil, errors.New("set PINGONE_ENVIRONMENT_ID, PINGONE_CLIENT_ID and PINGONE_CLIENT_SECRET together (and PINGONE_REGION if not com)")
		}
		region := pingone.Region(os.Getenv("PINGONE_REGION"))
		if region == "" {
			region = pingone.RegionNA
		}
		step("Connect to PingOne (%s) with client credentials", region.APIURL())
		c, err := pingone.NewClient(pingone.WithRegion(region), pingone.WithClientCredentials(envID, clientID, secret))
		return c, envID, func() {}, err
	}

	step("Start pingonetest, the in-memory PingOne (no PINGONE_* variables set)")
	srv, err := pingonetest.Start()
	if err != nil {
		return nil, "", nil, err
	}
	say("management API %s, environment %s", srv.APIURL(), srv.EnvironmentID())

	step("Sign in as the administrator: authorization code with PKCE")
	flow, err := pingone.NewAuthCodeFlow(pingone.AuthCodeConfig{
		AuthURL:       srv.AuthURL(),
		EnvironmentID: srv.EnvironmentID(),
		ClientID:      srv.CLIClientID(),
		RedirectURL:   "http://127.0.0.1:0/callback", // any free loopback port
		Scopes:        []string{"openid", "profile", "email"},
	})
	if err != nil {
		srv.Close()
		return nil, "", nil, err
	}
	admin := srv.Admin()
	tok, err := flow.SignIn(ctx, pingone.SignInOptions{OpenBrowser: func(authURL string) error {
		say("a CLI would open a browser at the sign-in page; this program submits the form itself, as a browser would")
		return pingonetest.SubmitSignIn(ctx, authURL, admin.Username, admin.Password)
	}})
	if err != nil {
		srv.Close()
		return nil, "", nil, fmt.Errorf("sign-in: %w", err)
	}
	say("signed in as %q; access token expires at %s", admin.Username, tok.Expiry.Format(time.RFC3339))

	c, err := pingone.NewClient(pingone.WithBaseURLs(srv.APIURL(), srv.AuthURL()), pingone.WithTokenSource(flow.TokenSource(tok, nil)))
	if err != nil {
		srv.Close()
		return nil, "", nil, err
	}
	return c, srv.EnvironmentID(), srv.Close, nil
}
