# netplay — see README.md. Every target installs what it needs on a fresh
# machine (Go modules, npm packages, and as root Debian's tshark/chromium).

GO        ?= go
ADDR      ?= 127.0.0.1:8080
DATA      ?= data
WASM_EXEC := $(shell $(GO) env GOROOT)/lib/wasm
# Go tests under GOOS=js run in node through go_js_wasm_exec.
WASMTEST  := PATH="$$PATH:$(WASM_EXEC)" GOOS=js GOARCH=wasm $(GO) test
# The packages whose tests also run in wasm (the core must work in the page).
WASM_PKGS := ./stack/vclock/ ./stack/frame/ ./stack/linux/... ./stack/trace/ ./stack/vnet/ ./stack/fs/ ./stack/kernel/ ./stack/sock/ ./stack/scenario/ ./stack/runner/ ./app/gallery/

# What the binaries are built from: Go sources (not tests) and embedded files.
GO_SRC    := $(shell find cmd stack app wasm -name '*.go' ! -name '*_test.go' 2>/dev/null) $(wildcard app/gallery/*.json) go.mod go.sum

.PHONY: all deps tools build web site run test test-fast test-wasm test-browser test-linux bench vet fmt clean

all: build

deps:
	$(GO) mod download

# Debian packages the tests use, installed only when missing (needs root):
# tshark reads every pcap, chromium runs the browser tests, nftables and
# iproute2 build the Linux reference network, strace records its syscalls,
# zopfli and brotli precompress app.wasm, a CJK font lets chromium draw the
# Chinese page.
TOOLS_BIN := tshark chromium nft ip strace zopfli brotli
TOOLS_PKG := tshark chromium nftables iproute2 strace zopfli brotli fonts-wqy-microhei
tools:
	@missing=""; for b in $(TOOLS_BIN); do command -v $$b >/dev/null || missing=1; done; \
	fc-list :lang=zh 2>/dev/null | grep -q . || missing=1; \
	if [ -n "$$missing" ]; then \
	  echo "installing $(TOOLS_PKG) (apt)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(TOOLS_PKG) >/dev/null; \
	fi

bin/netplay: $(GO_SRC) | deps
	$(GO) build -o bin/netplay ./cmd/netplay

build: bin/netplay web

# --- the page's static files (web/) ---
EDITOR_DIR := web/editor
ESBUILD    := $(EDITOR_DIR)/node_modules/.bin/esbuild

$(ESBUILD): $(EDITOR_DIR)/package-lock.json
	cd $(EDITOR_DIR) && npm ci --no-audit --no-fund
	@touch $@

# CodeMirror 6 with C highlighting, bundled from the committed package-lock.
# Precompressed like app.wasm (zopfli is quick on a file this size and beats
# gzip -9), else the server compresses it in memory.
web/editor.js: $(EDITOR_DIR)/editor.js $(ESBUILD)
	cd $(EDITOR_DIR) && ./node_modules/.bin/esbuild editor.js --bundle --minify --format=iife --target=es2020 --outfile=../editor.js
	@if command -v zopfli >/dev/null; then zopfli --i15 -c $@ >$@.gz.tmp && mv $@.gz.tmp $@.gz; else rm -f $@.gz; fi
	@if command -v brotli >/dev/null; then brotli -q 11 -k -f $@; else rm -f $@.br; fi

# The page: go-app UI + gVisor + the C runtime, in one wasm, built by
# wasm/playground/build.sh (GOOS=js, -trimpath -s -w, go-app without its
# server: wasm/playground/_goapp). netplay serve sends app.wasm.br to
# browsers that take brotli (Chromium does, also over http://127.0.0.1),
# else app.wasm.gz. Both at their best levels, side by side, the slowest
# step of make web: zopfli --i3 (smaller than gzip -9 and than fewer
# iterations, and still done before brotli) and brotli -q 11 when make tools
# installed them, else gzip -9 and no .br (the server brotlis at a lower
# level in memory).
# Size budgets: wasm/playground/size_test.go.
web/app.wasm: $(GO_SRC) wasm/playground/build.sh $(wildcard wasm/playground/_goapp/*) | deps
	GO=$(GO) ./wasm/playground/build.sh $@
	@gz() { if command -v zopfli >/dev/null; then zopfli --i3 -c $@ >$@.gz.tmp && mv $@.gz.tmp $@.gz; else gzip -9 -k -f $@; fi; }; \
	br() { if command -v brotli >/dev/null; then brotli -q 11 -k -f $@; else rm -f $@.br; echo "no zopfli/brotli (make tools): app.wasm.gz at gzip -9, brotli in memory"; fi; }; \
	gz & p=$$!; br && wait $$p

web: web/app.wasm web/editor.js

# The playground as a static website (what the Worker serves).
SITE_DIR ?= build/site
site: bin/netplay web
	./bin/netplay site --web web --out $(SITE_DIR)

run: build
	./bin/netplay serve --addr $(ADDR) --data $(DATA)

# staticcheck, built from its module at a version that knows this Go
# (honnef.co/go/tools v0.8.2 is staticcheck 2026.2.2, for Go 1.26).
STATICCHECK_VERSION := v0.8.2
STATICCHECK := build/tools/staticcheck-$(STATICCHECK_VERSION)/staticcheck
$(STATICCHECK):
	GOBIN=$(CURDIR)/$(dir $@) $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

# The netplay packages built for GOOS=js (the page and the Worker link them),
# vetted and checked as such too: files for js only are not seen natively.
JS_PKGS = $$(GOOS=js GOARCH=wasm $(GO) list -deps ./wasm/playground ./wasm/worker | grep '^netplay/')

# gofmt, go.mod tidy, go vet and staticcheck, natively and for GOOS=js.
vet: deps $(STATICCHECK)
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	@$(GO) mod tidy -diff || { echo "go.mod/go.sum are not tidy: run go mod tidy"; exit 1; }
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet $(JS_PKGS)
	$(STATICCHECK) ./...
	GOOS=js GOARCH=wasm $(STATICCHECK) $(JS_PKGS)

# Every tier (docs/testing.md). The static site first, so that the Worker
# test (in test-wasm) serves the real page.
test: deps tools vet site test-fast test-wasm test-linux test-browser

# The fast tier: every package, no kernel runs, no nested builds, no browser.
test-fast:
	$(GO) test ./...

# A representative part of the C runtime under wasm: the corpus (run, not
# compared: node has no gcc), faults, the lecture's make_socket, an echo,
# the thread, process and signal models (their golden traces are the same
# as natively).
WASM_C_TESTS := ^(TestHello|TestCorpusDifferential|TestFaults|TestLectureMakeSocket|TestEchoServerClient|TestServerModels|TestThreadDeadlock|TestThreadsAsGlibc|TestProcessesAsGlibc|TestSignalsAsGlibc|TestSIGPIPE|TestEINTR|TestPrecompiledHeaderEdited)$$

# The wasm tier: the tests that build the page's and the Worker's wasm (sizes,
# dependencies, the Worker under wrangler dev), then the core's tests under node.
test-wasm: | deps
	NETPLAY_WASM=1 $(GO) test -count=1 ./wasm/...
	$(WASMTEST) $(WASM_PKGS)
	$(WASMTEST) -run '$(WASM_C_TESTS)' ./stack/c/

# The Linux tier (root; skipped otherwise): the gallery, a course's chapter
# and linuxref's own cases on the kernel. Writes build/linux-table.md and
# build/linux-report.md.
test-linux: tools | deps
	@mkdir -p build
	NETPLAY_LINUX=1 $(GO) test -count=1 ./app/gallery/ ./cmd/netplay/ ./stack/linuxref/

# chromium against netplay serve on 127.0.0.1; screenshots in artifacts/page/.
test-browser: bin/netplay web tools
	NETPLAY_BROWSER=1 NETPLAY_BIN=$(CURDIR)/bin/netplay $(GO) test -count=1 -timeout 20m ./app/browser/

# Figures for the issues' goals, one "BENCH name value unit" line each.
bench: bin/netplay web tools | deps
	@mkdir -p build
	@NETPLAY_BENCH=1 $(GO) test -p 1 -count=1 -run 'TestBench' -v ./stack/... ./cmd/netplay/ > build/bench-native.log 2>&1; s=$$?; grep '^BENCH' build/bench-native.log; [ $$s = 0 ] || { tail -30 build/bench-native.log; exit $$s; }
	@# gVisor alone first, in a node process of its own: its first run is a cold one.
	@{ NETPLAY_BENCH=1 $(WASMTEST) -count=1 -run '^TestBenchGvisorFloor$$' -v ./stack/sock/ && \
	  NETPLAY_BENCH=1 $(WASMTEST) -count=1 -run 'TestBench' -skip '^TestBenchGvisorFloor$$' -v ./stack/sock/; } > build/bench-wasm.log 2>&1; s=$$?; grep '^BENCH' build/bench-wasm.log; [ $$s = 0 ] || { tail -30 build/bench-wasm.log; exit $$s; }
	@# Issue 2's ratio, and the same ratio for gVisor alone (stack/sock/floor_test.go).
	@cat build/bench-native.log build/bench-wasm.log | awk '/^BENCH .*clients1000_(native|wasm)_ms/ { v[$$2] = $$3 } \
	  END { for (p in v) if (p ~ /_wasm_ms$$/) { n = p; sub(/_wasm_ms$$/, "_native_ms", n); r = p; sub(/_wasm_ms$$/, "_wasm_vs_native_ratio", r); \
	    if (v[n] > 0) printf "BENCH %s %.1f ratio\n", r, v[p] / v[n] } }' | sort
	@NETPLAY_BENCH=1 NETPLAY_WASM=1 $(GO) test -p 1 -count=1 -v -run '^(TestLoad|TestWorker)$$' ./app/share/boltstore/ ./wasm/worker/ > build/bench-share.log 2>&1; s=$$?; grep '^BENCH' build/bench-share.log; [ $$s = 0 ] || { tail -30 build/bench-share.log; exit $$s; }
	@NETPLAY_BENCH=1 NETPLAY_BIN=$(CURDIR)/bin/netplay $(GO) test -count=1 -v -run 'TestBench' ./app/browser/ > build/bench-page.log 2>&1; s=$$?; grep '^BENCH' build/bench-page.log; [ $$s = 0 ] || { tail -30 build/bench-page.log; exit $$s; }
	@NETPLAY_BENCH=1 NETPLAY_LINUX=1 $(GO) test -count=1 -v -run '^TestLinux$$' ./app/gallery/ > build/bench-linux.log 2>&1; s=$$?; grep '^BENCH' build/bench-linux.log; [ $$s = 0 ] || { tail -30 build/bench-linux.log; exit $$s; }

# --- share links and the Cloudflare Worker (app/share, wasm/worker) ---
WORKER_OUT := build/worker
WORKER_DIR := wasm/worker
WRANGLER   := $(WORKER_DIR)/node_modules/.bin/wrangler
# wrangler offline (ARCHITECTURE.md): no account lookups, no metrics, its config kept under build/;
# WRANGLER_HIDE_BANNER also skips its npm-registry check for a newer wrangler.
WRANGLER_OFFLINE := CLOUDFLARE_CF_FETCH_ENABLED=false WRANGLER_SEND_METRICS=false WRANGLER_HIDE_BANNER=true XDG_CONFIG_HOME=$(CURDIR)/build/wrangler-home

.PHONY: worker worker-dev deploy

$(WRANGLER): $(WORKER_DIR)/package-lock.json
	cd $(WORKER_DIR) && npm ci --no-audit --no-fund
	@touch $@

# The Worker: JS glue from syumai/workers (workers-assets-gen empties $(WORKER_OUT) first) + the Go wasm,
# serving the static site in $(SITE_DIR).
worker: site $(WRANGLER) | deps
	$(GO) run github.com/syumai/workers/cmd/workers-assets-gen -mode=go -o $(WORKER_OUT)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $(WORKER_OUT)/app.wasm ./wasm/worker
	@cd $(WORKER_DIR) && $(WRANGLER_OFFLINE) ./node_modules/.bin/wrangler deploy --dry-run --outdir ../../build/worker-dry 2>&1 | grep 'Total Upload'

# Local workerd with a local KV (state in build/wrangler-state), on 127.0.0.1:8787.
worker-dev: worker
	cd $(WORKER_DIR) && $(WRANGLER_OFFLINE) ./node_modules/.bin/wrangler dev --ip 127.0.0.1 --port 8787 --persist-to ../../build/wrangler-state

# Needs your Cloudflare account (`cd wasm/worker && npx wrangler login` once). Never run by tests.
deploy: worker
	cd $(WORKER_DIR) && ./node_modules/.bin/wrangler deploy

clean:
	rm -rf bin build
