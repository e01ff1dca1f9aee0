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

.PHONY: quickstart test bench lint contract fmt tools

## quickstart: run the example admin task against the embedded PingOne
quickstart:
	$(GO) run ./examples/quickstart

## test: in every module, go vet, then every test with the race detector
test:
	$(call each-module,$(GO) vet ./... && $(GO) test -race -count=1 ./...)

## bench: the decoding and pagination benchmarks, summarised by benchstat
bench: $(BIN)/benchstat
	$(GO) test -run '^$$' -bench . -benchmem -count 6 . | tee bench.out
	$(BIN)/benchstat -col /impl bench.out

$(BIN)/benchstat:
	GOBIN=$(BIN) $(GO) install golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da

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

fmt:
	gofmt -w $$(git ls-files '*.go')
