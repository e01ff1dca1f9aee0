# The two commands of the README: `make quickstart` and `make test`.
GO ?= go
STATICCHECK_VERSION ?= v0.8.2
BIN := $(CURDIR)/bin

# Every module of the checkout, the SDK (.) first: the nested ones
# (conformance, tools/contractgen, actions, and any other directory with a
# go.mod, such as cmd/pingone or ratelimit/redislimit) have go.mods of their
# own so that their dependencies stay out of the SDK's go.mod, and with it
# out of its users' go.sum; `go test ./...` at the root does not reach them.
# `make test MODULES=conformance` runs one.
MODULES ?= . $(sort $(patsubst ./%/go.mod,%,$(filter-out ./go.mod,$(shell find . -name go.mod -not -path './bin/*' -not -path '*/testdata/*'))))

# each-module runs its argument (a shell command) in every module, goes on
# past a failure and fails at the end, naming the modules that failed.
define each-module
	@failed=""; for m in $(MODULES); do \
	  echo "== $$m"; \
	  (cd "$$m" && $(1)) || failed="$$failed $$m"; \
	done; \
	if [ -n "$$failed" ]; then echo "failed in:$$failed"; exit 1; fi
endef

.PHONY: quickstart test bench bulk footprint lint contract roundtrip fmt tools

## quickstart: run the example admin task against the embedded PingOne
quickstart:
	$(GO) run ./examples/quickstart

## test: in every module, go vet, then every test with the race detector
test:
	$(call each-module,$(GO) vet ./... && $(GO) test -race -count=1 ./...)

## bench: the benchmarks the README's Performance section quotes, run in
## BENCH_COUNT rounds (each round one process running every benchmark once,
## in the same order, so that a slow spell of the machine falls on all of
## them alike), then summarised by benchstat into bench.txt. Each round
## ends with BenchmarkBulk for the default limiter against both server
## limits (BENCH_BULK; 2,000 calls at R = 100, about 20 s each); `make bulk`
## prints the whole table of limiters. BenchmarkListUsersPage says what
## pingonetest adds to each page of a walk.
BENCH ?= ^Benchmark(UserPage|UserGet|ListIter|ListIterPrefetch|WirePage|ListUsersPage)$$
BENCH_BULK ?= ^BenchmarkBulk$$/^limiter=none$$
BENCH_COUNT ?= 6
BENCH_FLAGS ?=
bench: $(BIN)/benchstat
	$(GO) test -c -o $(BIN)/pingone.test .
	@rm -f bench.out
	@for i in $$(seq $(BENCH_COUNT)); do \
		echo "round $$i of $(BENCH_COUNT)"; \
		$(BIN)/pingone.test -test.run '^$$' -test.bench '$(BENCH)' -test.benchmem -test.count 1 $(BENCH_FLAGS) >> bench.out || exit 1; \
		if [ -n "$(BENCH_BULK)" ]; then $(BIN)/pingone.test -test.run '^$$' -test.bench '$(BENCH_BULK)' -test.count 1 $(BENCH_FLAGS) >> bench.out || exit 1; fi; \
	done
	@{ \
	echo "## One page of 1,000 users, and one user: the SDK, a hand-written encoding/json client, the bytes alone"; \
	$(BIN)/benchstat -filter '.name:/^User(Page|Get)$$/' -col '/impl@(sdk encoding_json bytes_only)' bench.out; \
	echo; echo "## Decoding a page held in memory (no HTTP): clean, and one odd value in every user"; \
	$(BIN)/benchstat -filter '.name:WirePage' -col /page bench.out; \
	echo; echo "## Walking every user in pages of 1,000: time and live heap"; \
	$(BIN)/benchstat -filter '.name:ListIter' -col '/impl@(sdk encoding_json)' bench.out; \
	echo; echo "## The walk with 20 ms of server latency and 20 ms of work per page, without and with prefetch (a server of prerendered pages, and pingonetest)"; \
	$(BIN)/benchstat -filter '.name:ListIterPrefetch' -col /prefetch bench.out; \
	if grep -q '^BenchmarkListUsersPage' bench.out; then \
		echo; echo "## pingonetest answering one page of 1,000 users from 20,000 (the handler alone: what it adds to each page on top of WithLatency)"; \
		$(BIN)/benchstat -filter '.name:ListUsersPage' bench.out; \
	fi; \
	if grep -q '^BenchmarkBulk' bench.out; then \
		echo; echo "## Bulk: 2,000 calls from 16 goroutines against pingonetest limited to R = 100 (fraction of R, 429s on the wire, errors surfaced)"; \
		$(BIN)/benchstat -filter '.name:Bulk' -col /server bench.out; \
	fi; } | tee bench.txt

## bulk: the bulk table of the README's rate-limit figures: 2,000 calls
## from 16 goroutines against pingonetest limited to R = 100, for each
## client limiter and server limit (about 20 s a job, 3 minutes in all)
bulk:
	$(GO) run ./internal/cmd/bulktable $(BULK_FLAGS)

$(BIN)/benchstat:
	GOBIN=$(BIN) $(GO) install golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da

## footprint: what the SDK adds to a user's module (go mod tidy: modules,
## go.sum lines) and to a tiny program (build time from a GOCACHE holding
## only the standard library, best of FOOTPRINT_ROUNDS, and binary size),
## against a standard-library program of the same shape; see
## internal/cmd/footprint. Times are wall clock: noisy on a shared machine.
FOOTPRINT_ROUNDS ?= 3
footprint:
	$(GO) run ./internal/cmd/footprint -rounds $(FOOTPRINT_ROUNDS)

## lint: gofmt check, go vet and staticcheck (installed from the Go module proxy)
lint: tools
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(call each-module,$(GO) vet ./... && $(BIN)/staticcheck ./...)

tools: $(BIN)/staticcheck
$(BIN)/staticcheck:
	GOBIN=$(BIN) $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

## contract: regenerate testdata/contract from ../shared/pingone-api (tools/contractgen, a module of its own)
contract:
	$(GO) -C tools/contractgen run .

## roundtrip: regenerate the round-trip corpus testdata/roundtrip from testdata/contract
roundtrip:
	$(GO) run ./internal/cmd/roundtripgen

fmt:
	gofmt -w $$(git ls-files '*.go')
