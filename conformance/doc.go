// Package conformance holds the SDK's tests that need libraries its users
// should never download: the real-browser sign-in against pingonetest
// (chromedp driving Debian's Chromium) and the goroutine-leak guards
// (go.uber.org/goleak).
//
// It is a module of its own, developed beside the SDK (replace ../), so
// that these libraries stay out of the SDK's go.mod and therefore out of
// every user's go.sum. `make test` runs it with the other modules.
package conformance
