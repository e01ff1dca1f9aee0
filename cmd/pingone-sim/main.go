// Command pingone-sim runs pingonetest, the in-memory PingOne, on a chosen
// port for manual use and for clients in other languages. It prints the
// URLs, the seeded credentials and the seeded resources' IDs (-json: as one
// JSON object), then serves until interrupted. Secrets are fresh on each
// run unless -seed is given.
//
//	go run ./cmd/pingone-sim -addr 127.0.0.1:8080
//
// Flags make it misbehave as a real tenant does (see pingonetest's With…
// options of the same names):
//
//	-replication-lag 2s          reads lag behind writes by up to 2s
//	-permission-propagation 5s   new role assignments take 5s to take effect
//	-rate-limit 10               10 requests per one-second window
//	-bucket-rate 5 -bucket-burst 20   a token bucket
//	-throttle-status 403         over a limit: the edge's HTML 403, not 429
//	-fail-after-write 'answer=502,rate=0.1,route=POST /v1/environments/*/users'
//	-fail-before-write 'answer=reset,times=1'
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"maps"
	"net"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/pingone-go/pingone/pingonetest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "pingone-sim:", err)
		os.Exit(1)
	}
}

// run serves until ctx ends.
func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("pingone-sim", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on (keep it on loopback)")
	seed := fs.Uint64("seed", 1, "seed for IDs, secrets and injected faults (without it: fresh secrets on each run)")
	ttl := fs.Duration("token-ttl", time.Hour, "access token lifetime")
	password := fs.String("admin-password", "", "the seeded admin's password (default: generated)")
	asJSON := fs.Bool("json", false, "print the connection details as JSON")
	rate := fs.Int("rate-limit", 0, "management requests per one-second window before the throttle answer (0: no limit)")
	bucketRate := fs.Float64("bucket-rate", 0, "token bucket: tokens per second (0: no bucket)")
	bucketBurst := fs.Int("bucket-burst", 1, "token bucket: the most tokens it holds")
	throttle := fs.Int("throttle-status", 429, "answer to requests over a rate limit: 429 (PingOne's REQUEST_LIMITED) or 403 (the edge's HTML Forbidden)")
	lag := fs.Duration("replication-lag", 0, "the most a read can lag behind a write (0: none)")
	propagation := fs.Duration("permission-propagation", 0, "how long a new role assignment takes to take effect (0: at once)")
	var writeFails []pingonetest.Option
	for _, when := range []string{"before", "after"} {
		fs.Func("fail-"+when+"-write", "fail writes "+when+" they act: answer=500|502|reset[,rate=0..1][,times=N][,route=METHOD /v1/path] (repeatable)", func(v string) error {
			wf, err := parseWriteFailure(v)
			if err != nil {
				return err
			}
			if when == "before" {
				writeFails = append(writeFails, pingonetest.WithFailBeforeWrite(wf))
			} else {
				writeFails = append(writeFails, pingonetest.WithFailAfterWrite(wf))
			}
			return nil
		})
	}
	if err := fs.Parse(args); err != nil {
		return err
	}

	opts := []pingonetest.Option{pingonetest.WithAddr(*addr), pingonetest.WithTokenTTL(*ttl)}
	if flagSet(fs, "seed") {
		opts = append(opts, pingonetest.WithSeed(*seed))
	}
	if *password != "" {
		opts = append(opts, pingonetest.WithAdminPassword(*password))
	}
	if *rate != 0 {
		opts = append(opts, pingonetest.WithRateLimit(*rate))
	}
	if *bucketRate != 0 {
		opts = append(opts, pingonetest.WithTokenBucket(*bucketRate, *bucketBurst))
	}
	opts = append(opts, pingonetest.WithThrottleStatus(*throttle), pingonetest.WithPermissionPropagation(*propagation),
		pingonetest.WithReplicationLag(*lag))
	opts = append(opts, writeFails...)
	srv, err := pingonetest.Start(opts...)
	if err != nil {
		return err
	}
	defer srv.Close()

	info := map[string]any{
		"listenAddr":          srv.ListenAddr(),
		"apiURL":              srv.APIURL(),
		"authURL":             srv.AuthURL(),
		"organizationID":      srv.OrganizationID(),
		"environmentID":       srv.EnvironmentID(),
		"workerApplicationID": srv.Worker().ApplicationID,
		"workerClientID":      srv.Worker().ClientID,
		"workerClientSecret":  srv.Worker().ClientSecret,
		"adminUsername":       srv.Admin().Username,
		"adminPassword":       srv.Admin().Password,
		"signInClientID":      srv.CLIClientID(),
		"signInRedirectURI":   "http://127.0.0.1:<any port>/callback",
	}
	// The seeded resources and their scopes, for application grants:
	// {"openid": {"id": …, "scopes": {"profile": …}}, "PingOne API": …}.
	resources := map[string]any{}
	for _, r := range srv.Resources() {
		resources[r.Name] = map[string]any{"id": r.ID, "scopes": r.Scopes}
	}
	info["resources"] = resources
	if *asJSON {
		if err := json.NewEncoder(out).Encode(info); err != nil {
			return err
		}
	} else {
		if loopback(srv.ListenAddr()) {
			fmt.Fprintf(out, "pingone-sim: the in-memory PingOne is listening on %s (test credentials, loopback only)\n", srv.ListenAddr())
		} else {
			fmt.Fprintf(out, "pingone-sim: the in-memory PingOne is listening on %s, REACHABLE FROM OTHER HOSTS, with test credentials and no TLS\n", describe(srv.ListenAddr()))
		}
		for _, r := range srv.Resources() {
			fmt.Fprintf(out, "  resource %-11s %s\n", strconv.Quote(r.Name), r.ID)
			for _, name := range slices.Sorted(maps.Keys(r.Scopes)) {
				fmt.Fprintf(out, "    scope %-30s %s\n", name, r.Scopes[name])
			}
		}
		for _, k := range []string{"apiURL", "authURL", "organizationID", "environmentID", "workerApplicationID", "workerClientID", "workerClientSecret", "adminUsername", "adminPassword", "signInClientID", "signInRedirectURI"} {
			fmt.Fprintf(out, "  %-20s %s\n", k, info[k])
		}
	}
	<-ctx.Done()
	return nil
}

// parseWriteFailure reads a -fail-…-write value:
// answer=500|502|reset[,rate=0..1][,times=N][,route=METHOD /v1/path].
func parseWriteFailure(v string) (pingonetest.WriteFailure, error) {
	var wf pingonetest.WriteFailure
	for part := range strings.SplitSeq(v, ",") {
		key, val, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return wf, fmt.Errorf("%q: want key=value", part)
		}
		var err error
		switch key {
		case "answer":
			switch val {
			case "500":
				wf.Answer = pingonetest.Answer500
			case "502":
				wf.Answer = pingonetest.Answer502
			case "reset":
				wf.Answer = pingonetest.AnswerReset
			default:
				return wf, fmt.Errorf("answer %q: want 500, 502 or reset", val)
			}
		case "rate":
			wf.Rate, err = strconv.ParseFloat(val, 64)
		case "times":
			wf.Times, err = strconv.Atoi(val)
		case "route":
			wf.Route = val
		default:
			return wf, fmt.Errorf("unknown key %q (want answer, rate, times or route)", key)
		}
		if err != nil {
			return wf, fmt.Errorf("%s: %w", key, err)
		}
	}
	return wf, nil
}

// flagSet reports whether the flag name was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// describe names a listen address for people: a wildcard one is "every
// interface".
func describe(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if ip := net.ParseIP(host); err == nil && ip != nil && ip.IsUnspecified() {
		return "every interface, port " + port
	}
	return addr
}

// loopback reports whether a listen address (host:port) is a loopback one.
func loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
