# netplay — see README.md. Every target installs what it needs on a fresh
# machine (Go modules, npm packages, and as root Debian's tshark/chromium).

GO        ?= go
ADDR      ?= 127.0.0.1:8080
DATA      ?= data
WASM_EXEC := $(shell $(GO) env GOROOT)/lib/wasm
# Go tests under GOOS=js run in node through go_js_wasm_exec.
WASMTEST  := PATH="$$PATH:$(WASM_EXEC)" GOOS=js GOARCH=wasm $(GO) test
# The packages whose tests also run in wasm (the core must work in the page).
WASM_PKGS := ./stack/vclock/ ./stack/trace/ ./stack/vnet/ ./stack/sock/ ./stack/scenario/ ./stack/runner/

.PHONY: all deps tools build run test test-native test-wasm bench vet fmt clean

all: build

deps:
	$(GO) mod download

# Debian packages the tests use; installed only when missing (needs root).
tools:
	@command -v tshark >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tshark >/dev/null; }

bin/netplay: deps $(shell find cmd stack app -name '*.go' 2>/dev/null) go.mod go.sum
	$(GO) build -o bin/netplay ./cmd/netplay

build: bin/netplay

run: build
	./bin/netplay serve --addr $(ADDR) --data $(DATA)

vet: deps
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...

test: deps tools vet test-native test-wasm

test-native:
	$(GO) test ./...

test-wasm:
	$(WASMTEST) $(WASM_PKGS)

# Figures for the issues' goals, one "BENCH name value unit" line each.
bench: deps
	@mkdir -p build
	@NETPLAY_BENCH=1 $(GO) test -count=1 -run 'TestBench' -v ./stack/... > build/bench-native.log 2>&1; s=$$?; grep '^BENCH' build/bench-native.log; [ $$s = 0 ] || { tail -30 build/bench-native.log; exit $$s; }
	@NETPLAY_BENCH=1 $(WASMTEST) -count=1 -run 'TestBench' -v ./stack/sock/ > build/bench-wasm.log 2>&1; s=$$?; grep '^BENCH' build/bench-wasm.log; [ $$s = 0 ] || { tail -30 build/bench-wasm.log; exit $$s; }

clean:
	rm -rf bin build
