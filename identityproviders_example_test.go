package pingone_test

import (
	"context"
	"fmt"
	"log"

	"github.com/pingone-go/pingone"
)

// Replace an identity provider, keeping its client secret: PingOne never
// returns it, so a request made by IdentityProvider.Request leaves it out
// of the body, and PingOne keeps the stored one. Set it in the request's
// settings to change it.
func ExampleIdentityProvidersService_Replace() {
	srv, client := startPingOne()
	defer srv.Close()
	ctx := context.Background()
	idps := client.Environment(srv.EnvironmentID()).IdentityProviders

	created, err := idps.Create(ctx, pingone.IdentityProviderRequest{
		Name: "GitHub", Enabled: true, Type: pingone.IdentityProviderTypeGitHub,
		Social: &pingone.IdentityProviderSocialSettings{ClientID: "gh-client", ClientSecret: pingone.NewSecret("gh-secret")},
	}, nil)
	if err != nil {
		log.Fatal(err)
	}

	// Read, change, replace: the body has no secret, PingOne keeps it.
	p, err := idps.Get(ctx, created.ID)
	if err != nil {
		log.Fatal(err)
	}
	req := p.Request()
	req.Name = "GitHub Enterprise"
	fmt.Println("secret in the request:", !req.Social.ClientSecret.IsZero())
	if _, err := idps.Replace(ctx, p.ID, req); err != nil {
		log.Fatal(err)
	}

	// A new secret goes in the request; it prints as [REDACTED].
	req.Social.ClientSecret = pingone.NewSecret("rotated-secret")
	fmt.Println("new secret:", req.Social.ClientSecret)
	replaced, err := idps.Replace(ctx, p.ID, req)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(replaced.Name, replaced.Social.ClientID)
	// Output:
	// secret in the request: false
	// new secret: [REDACTED]
	// GitHub Enterprise gh-client
}
