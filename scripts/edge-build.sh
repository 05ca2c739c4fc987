#!/usr/bin/env bash
# Builds the edge worker (wasm/edge: the share API on Cloudflare Workers) into
# build/edge/, the directory wrangler.toml's `main` points at.
#
# workers-assets-gen (github.com/syumai/workers, pinned in go.mod) empties
# its output directory and writes the JS glue there:
#   worker.mjs    the Workers entry module (fetch/scheduled/queue handlers);
#                 it starts a fresh Go instance per request
#   runtime.mjs   Cloudflare runtime shim; imports ./app.wasm
#   wasm_exec.js  the Go js/wasm support code matching -mode=go
# We point it at build/edge (not its default build/, which it would wipe
# whole) and put app.wasm next to them.
set -euo pipefail
cd "$(dirname "$0")/.."

out=build/edge
go run github.com/syumai/workers/cmd/workers-assets-gen -mode=go -o "$out"
GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w' -o "$out/app.wasm" ./wasm/edge

raw=$(stat -c %s "$out/app.wasm")
gz=$(gzip -9 -c "$out/app.wasm" | wc -c)
printf "edge-build: %s/app.wasm %s bytes raw, %s bytes gzip -9 (%s MiB)\n" "$out" "$raw" "$gz" "$(awk -v g="$gz" 'BEGIN{printf "%.2f", g/1048576}')"
ls -l "$out"
