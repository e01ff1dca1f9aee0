module github.com/pingone-go/pingone/actions

go 1.26.0

require github.com/pingone-go/pingone v0.0.0

require (
	github.com/go-json-experiment/json v1.27.2
	github.com/google/jsonschema-go v0.4.3
	github.com/hashicorp/go-cleanhttp v0.5.2 // indirect
	github.com/hashicorp/go-retryablehttp v0.7.8 // indirect
	golang.org/x/oauth2 v0.38.0 // indirect
	golang.org/x/time v0.16.0 // indirect
)

// Developed beside the SDK: the SDK is the checkout's root module.
replace github.com/pingone-go/pingone => ../
