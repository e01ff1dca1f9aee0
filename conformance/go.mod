module github.com/pingone-go/pingone/conformance

go 1.26.0

require (
	github.com/chromedp/chromedp v0.23.0
	github.com/pingone-go/pingone v0.0.0
	github.com/stretchr/testify v1.12.1
	go.uber.org/goleak v1.3.0
)

require (
	github.com/chromedp/cdproto v0.159.0 // indirect
	github.com/go-json-experiment/json v1.27.2 // indirect
	github.com/hashicorp/go-cleanhttp v0.5.2 // indirect
	github.com/hashicorp/go-retryablehttp v0.7.8 // indirect
	go.yaml.in/yaml/v3 v3.0.5 // indirect
	golang.org/x/oauth2 v0.38.0 // indirect
	golang.org/x/time v0.16.0 // indirect
)

// Developed beside the SDK: the SDK is the checkout's root module.
replace github.com/pingone-go/pingone => ../
