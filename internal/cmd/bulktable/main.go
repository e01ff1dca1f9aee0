// Command bulktable prints the bulk table of issue 13: for each client
// limiter and server limit, the share of R that a bulk job reached, the
// requests throttled on the wire and the calls that failed to the caller
// (package internal/bulk; each job takes about 20 s on the real clock).
//
//	go run ./internal/cmd/bulktable            # or: make bulk
//	go run ./internal/cmd/bulktable -shapes all -status 403 -calls 500
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/pingone-go/pingone/internal/bulk"
)

func main() {
	calls := flag.Int("calls", bulk.Calls, "calls per job")
	workers := flag.Int("workers", bulk.Workers, "goroutines per job")
	rate := flag.Int("r", bulk.R, "the server's limit R, in requests a second")
	status := flag.Int("status", 429, "the throttling answer: 429 (with Retry-After) or 403 (the edge's, without)")
	shapes := flag.String("shapes", "", `the server limits: "" (window, bucket) or "all" (also bucket(R,R))`)
	only := flag.String("limiters", "", "comma-separated client limiters to run (none, R,1, R,R, 2R,2R: default all)")
	flag.Parse()
	if *calls < 1 || *workers < 1 || *rate < 1 || (*status != 429 && *status != 403) || (*shapes != "" && *shapes != "all") {
		fmt.Fprintln(os.Stderr, "bulktable: need -calls, -workers and -r of at least 1, -status 429 or 403, -shapes \"\" or all")
		os.Exit(2)
	}
	ss := bulk.Shapes
	if *shapes == "all" {
		ss = bulk.AllShapes
	}
	table := &bulk.Table{R: float64(*rate)}
	for _, l := range bulk.Limiters {
		if *only != "" && !contains(*only, l.Name) {
			continue
		}
		for _, s := range ss {
			res, err := bulk.Live(context.Background(), l, s, *status, *rate, *calls, *workers)
			if err != nil {
				fmt.Fprintf(os.Stderr, "bulktable: %s against %s: %v\n", l.Name, s.Name, err)
				os.Exit(1)
			}
			fmt.Fprintf(os.Stderr, "%s against %s: %.3f R, %d throttled, %d errors\n", l.Name, s.Name, res.FracR(float64(*rate)), res.Throttled, res.Errors)
			table.Add(l.Name, s.Name, *status, res)
		}
	}
	fmt.Printf("Real clock, loopback, R = %d, %d calls from %d goroutines per job:\n\n%s", *rate, *calls, *workers, table)
}

// contains reports whether the comma-separated list holds name ("R,1"
// holds a comma itself: the list is matched as text).
func contains(list, name string) bool {
	return strings.Contains(","+list+",", ","+name+",")
}
