# The two commands of the README: `make quickstart` and `make test`.
GO ?= go
STATICCHECK_VERSION ?= v0.8.2
BIN := $(CURDIR)/bin

.PHONY: quickstart test bench lint contract fmt tools

## quickstart: run the example admin task against the embedded PingOne
quickstart:
	$(GO) run ./examples/quickstart

## test: go vet, then every test with the race detector
test:
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...

## bench: the decoding and pagination benchmarks, summarised by benchstat
bench: $(BIN)/benchstat
	$(GO) test -run '^$$' -bench . -benchmem -count 6 . | tee bench.out
	$(BIN)/benchstat -col /impl bench.out

$(BIN)/benchstat:
	GOBIN=$(BIN) $(GO) install golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da

## lint: gofmt check, go vet and staticcheck (installed from the Go module proxy)
lint: tools
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(BIN)/staticcheck ./...

tools: $(BIN)/staticcheck
$(BIN)/staticcheck:
	GOBIN=$(BIN) $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

## contract: regenerate testdata/contract from ../shared/pingone-api (tools/contractgen, a module of its own)
contract:
	$(GO) -C tools/contractgen run .

fmt:
	gofmt -w $$(git ls-files '*.go')
