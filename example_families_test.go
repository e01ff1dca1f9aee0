package pingone_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/scim"
)

func ExampleUsersService_Update() {
	srv, client := startPingOne()
	defer srv.Close()
	ctx := context.Background()
	env := client.Environment(srv.EnvironmentID())

	u, err := env.Users.Create(ctx, pingone.CreateUserRequest{
		Username: "ada",
		Email:    "ada@example.com",
		Title:    pingone.Value("Analyst"),
		Custom:   map[string]json.RawMessage{"costCenter": json.RawMessage(`"CC-42"`)},
	})
	if err != nil {
		log.Fatal(err)
	}
	// PATCH: set the nickname, clear the title, leave the rest alone.
	u, err = env.Users.Update(ctx, u.ID, pingone.UpdateUserRequest{
		Nickname: pingone.Value("Countess"),
		Title:    pingone.Null[string](),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s %q %q %s\n", u.Username, u.Nickname, u.Title, u.Extra["costCenter"])
	// Output: ada "Countess" "" "CC-42"
}

func ExampleGroupsService_AddToParent() {
	srv, client := startPingOne()
	defer srv.Close()
	ctx := context.Background()
	env := client.Environment(srv.EnvironmentID())

	eng, _ := env.Groups.Create(ctx, pingone.GroupRequest{Name: "Engineering"})
	platform, _ := env.Groups.Create(ctx, pingone.GroupRequest{Name: "Platform"})
	u, _ := env.Users.Create(ctx, pingone.CreateUserRequest{Username: "grace", Email: "grace@example.com"})

	// The group in the path is the child; the argument is its parent.
	if _, err := env.Groups.AddToParent(ctx, platform.ID, eng.ID); err != nil {
		log.Fatal(err)
	}
	if _, err := env.Users.AddToGroup(ctx, u.ID, platform.ID); err != nil {
		log.Fatal(err)
	}
	members, err := env.Users.List(ctx, &pingone.ListUsersOptions{Filter: scim.ValuePath("memberOfGroups", scim.Eq("id", eng.ID))})
	if err != nil {
		log.Fatal(err)
	}
	for _, m := range members.Items {
		fmt.Println(m.Username)
	}
	for m, err := range env.Users.ListGroupsIter(ctx, u.ID, nil) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(m.Name, m.Type)
	}
	// Output:
	// grace
	// Platform DIRECT
	// Engineering INDIRECT
}

func ExampleApplicationsService_RotateSecret() {
	srv, client := startPingOne()
	defer srv.Close()
	ctx := context.Background()
	env := client.Environment(srv.EnvironmentID())

	app, err := env.Applications.Create(ctx, pingone.NewOIDCApplication("Nightly sync", pingone.AppTypeWorker, pingone.OIDCSettingsRequest{
		TokenEndpointAuthMethod: pingone.OIDCAuthClientSecretBasic,
		GrantTypes:              pingone.Value([]pingone.OIDCGrantType{pingone.OIDCGrantClientCredentials}),
	}))
	if err != nil {
		log.Fatal(err)
	}
	sec, err := env.Applications.RotateSecret(ctx, app.ID, nil)
	if err != nil {
		log.Fatal(err)
	}
	// Secrets never print; Reveal hands the value to whoever needs it.
	fmt.Println(app.Type, sec.Secret, len(sec.Secret.Reveal()) > 0)
	// Output: WORKER [REDACTED] true
}

func ExampleMFAService_PairDevice() {
	srv, client := startPingOne()
	defer srv.Close()
	ctx := context.Background()
	env := client.Environment(srv.EnvironmentID())
	admin := srv.Admin()

	dev, err := env.MFA.PairDevice(ctx, admin.UserID, pingone.EmailDevice("admin@example.com"))
	if err != nil {
		log.Fatal(err)
	}
	page, err := env.MFA.ListDevices(ctx, admin.UserID, &pingone.ListDevicesOptions{Filter: scim.Eq("type", "EMAIL")})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(dev.Type, dev.Status, len(page.Items))
	// Output: EMAIL ACTIVE 1
}
