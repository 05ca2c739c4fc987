#!/usr/bin/env bash
# Native half of `make bench`: generates the 100k- and 1M-row Shopify orders
# exports (once; they are kept in build/bench) and analyses each with `qalb bench`.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=build/bench
mkdir -p "$dir" bin
go build -o bin/qalb ./cmd/qalb
echo "== native engine (ingest + identity + profiles + report), $(nproc) cores"
for rows in 100000 1000000; do
  file=$(ls "$dir"/*orders*"$rows"* 2>/dev/null | head -1 || true)
  if [ -z "$file" ]; then
    go run ./fixtures/gen -rows "$rows" -kind orders -out "$dir" >/dev/null
    file=$(ls "$dir"/*orders*"$rows"* | head -1)
  fi
  bin/qalb bench -label "orders ${rows} rows" "$file"
done
echo "== Go benchmarks (allocations per op)"
go test -run '^$' -bench 'Analyze|CSVReader|ParseTime|ParseAmount' -benchmem ./engine/ ./engine/ingest/ 2>&1 | grep -E '^(Benchmark|ok|FAIL)' || true
