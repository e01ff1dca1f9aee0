package pingone_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"

	"github.com/pingone-go/pingone"
)

// Replace a native application, keeping its Google Play keys: PingOne
// never returns them, so a request made by Application.Request leaves them
// out of the body, and PingOne keeps the stored ones. Set them in the
// request to change them.
func ExampleApplicationsService_Replace() {
	srv, client := startPingOne()
	defer srv.Close()
	ctx := context.Background()
	apps := client.Environment(srv.EnvironmentID()).Applications

	created, err := apps.Create(ctx, pingone.NewOIDCApplication("Mobile", pingone.AppTypeNativeApp, pingone.OIDCSettingsRequest{
		TokenEndpointAuthMethod: pingone.OIDCAuthNone,
		GrantTypes:              pingone.Value([]pingone.OIDCGrantType{pingone.OIDCGrantAuthorizationCode}),
		ResponseTypes:           pingone.Value([]pingone.OIDCResponseType{pingone.OIDCResponseCode}),
		Mobile: pingone.Value(pingone.OIDCMobileSettings{
			PackageName: "com.example.mobile",
			IntegrityDetection: pingone.OIDCMobileIntegrityDetection{
				Mode:          pingone.IntegrityDetectionEnabled,
				CacheDuration: pingone.OIDCMobileCacheDuration{Amount: 24, Units: pingone.CacheHours},
				GooglePlay: pingone.OIDCMobileGooglePlay{
					VerificationType: pingone.GooglePlayVerificationInternal,
					DecryptionKey:    pingone.NewSecret("decryption-key"),
					VerificationKey:  pingone.NewSecret("verification-key"),
				},
			},
		}),
	}))
	if err != nil {
		log.Fatal(err)
	}
	app, err := apps.Get(ctx, created.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("keys read back:", !app.OIDC.Mobile.IntegrityDetection.GooglePlay.DecryptionKey.IsZero())

	// Read, change, replace: the body has no key, PingOne keeps them.
	req := app.Request()
	req.Description = pingone.Value("Our app")
	if _, err := apps.Replace(ctx, app.ID, req); err != nil {
		log.Fatal(err)
	}

	// New keys go in the request; they print as [REDACTED].
	mobile, _ := req.OIDC.Mobile.Get()
	mobile.IntegrityDetection.GooglePlay.DecryptionKey = pingone.NewSecret("new-decryption-key")
	mobile.IntegrityDetection.GooglePlay.VerificationKey = pingone.NewSecret("new-verification-key")
	req.OIDC.Mobile = pingone.Value(mobile)
	shown, _ := json.Marshal(mobile.IntegrityDetection.GooglePlay)
	fmt.Println(string(shown))
	replaced, err := apps.Replace(ctx, app.ID, req)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(replaced.Description, replaced.OIDC.Mobile.IntegrityDetection.GooglePlay.VerificationType)
	// Output:
	// keys read back: false
	// {"verificationType":"INTERNAL","decryptionKey":"[REDACTED]","verificationKey":"[REDACTED]"}
	// Our app INTERNAL
}
