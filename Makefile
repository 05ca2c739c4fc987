# Qalb — the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
GO ?= go
export GOFLAGS := -trimpath
WASM_EXEC := $(shell $(GO) env GOROOT)/lib/wasm/go_js_wasm_exec
ADDR ?= 127.0.0.1:8080

.PHONY: run test build bench deploy tools npm chromium go-test wasm-test edge-test e2e-test clean

## run: build everything and serve the site, the demo and the local share API
run: build
	./bin/qalb serve -addr $(ADDR) -dir site/dist

## build: the CLI, the site (both wasm binaries, vendored assets, demo) and the edge worker
build: npm
	$(GO) build -o bin/qalb ./cmd/qalb
	bash scripts/site-build.sh

## test: every test — Go natively, the engine under wasm, the share API on
## both stores and under wrangler dev, and the browser tests in Chromium
test: tools go-test wasm-test edge-test e2e-test
	@echo "make test: all suites passed"

go-test:
	$(GO) vet ./...
	$(GO) test -count=1 ./...

wasm-test:
	GOOS=js GOARCH=wasm $(GO) test -count=1 -exec="$(WASM_EXEC)" ./engine/... ./wasm/engine

edge-test: npm
	bash scripts/edge-test.sh
	bash scripts/edge-size.sh

e2e-test: build chromium
	node --test site/e2e/ scripts/bench-ratios.test.mjs

## bench: throughput and memory, natively and in headless Chromium; side by
## side with DuckDB-WASM (installed into build/bench only) and a naive Go
## baseline on the narrow export; the share API under load, self-hosted
## (bbolt) and under wrangler dev
bench: build chromium
	bash scripts/bench-native.sh
	QALB_BENCH_NATIVE=0 bash scripts/bench-browser.sh
	bash scripts/bench-sidebyside.sh
	$(GO) run ./share/loadtest -n 10000 -c 32
	bash scripts/edge-bench.sh

## deploy: publish the edge worker and the site to Cloudflare (needs `wrangler login`)
deploy: build
	bash scripts/edge-build.sh
	node_modules/.bin/wrangler deploy

tools: npm chromium

npm: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

chromium:
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v brotli >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium brotli >/dev/null; \
	  else \
	    echo "Chromium and brotli are needed: sudo apt-get install chromium brotli"; exit 1; \
	  fi; \
	fi

clean:
	rm -rf bin build site/dist
